"""Loading the understanding pipeline: spaCy with the negotiation pipes, and the move model.

The pipeline itself (``copilot.understand``) is pure logic; this module finds the trained
files shipped in this package and loads them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from copilot.errors import ModelError
from copilot.understand.move_model import MoveModel
from copilot.understand.pipeline import (
    MoveClassifier,
    NegotiationUnderstander,
    add_negotiation_pipes,
)

MOVE_MODEL_DIR = Path(str(files("models") / "moves_encoder"))
CLASSIFIER_DIR = Path(str(files("models") / "moves_textcat"))


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


def build_rule_understander(options: Any = None) -> NegotiationUnderstander:
    """The rules alone, without the trained model (for training it and comparing)."""
    from models.language import load_spacy

    nlp = load_spacy(getattr(options, "spacy_model", None))
    return NegotiationUnderstander(add_negotiation_pipes(nlp))


def build_understander(options: Any = None) -> NegotiationUnderstander:
    """Load the spaCy model with the negotiation pipes and the move model.

    The fine-tuned move model (``models/moves_encoder``) joins unless
    ``options.rules_only`` is set. The older bag-of-words classifier joins instead only
    when ``options.use_classifier`` is set (kept to compare; it misreads plain cases such
    as "Fine, we'll waive the setup fee").
    """
    understander = build_rule_understander(options)
    if getattr(options, "use_classifier", False):
        if not (CLASSIFIER_DIR / "thresholds.json").is_file():
            raise ModelError(f"the move classifier is not built: {CLASSIFIER_DIR}")
        understander.classifier = MoveClassifier(CLASSIFIER_DIR)
    elif not getattr(options, "rules_only", False):
        understander.move_model = load_move_model(MOVE_MODEL_DIR)
    return understander
