"""Loading the understanding pipeline: spaCy with the negotiation pipes, and the move model.

The pipeline itself (``copilot.understand``) is pure logic; this module finds the trained
files shipped in this package and loads them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import numpy as np

from copilot.understand.move_model import MoveModel
from copilot.understand.options import UnderstandingOptions
from copilot.understand.pipeline import NegotiationUnderstander, add_negotiation_pipes
from models.errors import ModelError

MOVE_MODEL_DIR = Path(str(files("models") / "moves_encoder"))


def load_move_model(path: Path = MOVE_MODEL_DIR) -> MoveModel:
    """The fine-tuned move model from its folder (``meta.json``, ``head.npz``, the layers).

    Raises:
        ModelError: the folder is missing or its files cannot be read.
    """
    from models.encoder import EncoderSettings, PairEncoder

    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        with np.load(path / "head.npz") as head:
            weight, bias = head["weight"], head["bias"]
        layers_file = path / meta["layers_file"]
        if not layers_file.is_file():
            raise OSError(f"no {layers_file.name}")
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load the move model from {path}: {exc}") from exc
    encoder = PairEncoder(layers_file, EncoderSettings(max_tokens=meta["max_tokens"]))
    return MoveModel(meta, weight, bias, encoder)


def build_rule_understander(
    options: UnderstandingOptions | None = None,
) -> NegotiationUnderstander:
    """The rules alone, without the trained model (for training it and comparing)."""
    from models.language import load_spacy

    nlp = load_spacy(options.spacy_model if options else None)
    return NegotiationUnderstander(add_negotiation_pipes(nlp))


def build_understander(options: UnderstandingOptions | None = None) -> NegotiationUnderstander:
    """Load the spaCy model with the negotiation pipes and, unless ``rules_only``, the
    fine-tuned move model (``models/moves_encoder``)."""
    options = options or UnderstandingOptions()
    understander = build_rule_understander(options)
    if not options.rules_only:
        understander.move_model = load_move_model(MOVE_MODEL_DIR)
    return understander
