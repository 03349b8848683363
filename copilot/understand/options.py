"""The understanding pipeline's settings, shared by live listening, analysis and evaluation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class UnderstandingOptions:
    """How utterances are understood.

    Attributes:
        spacy_model: a spaCy model name or path, or None for the default
            (``models.language.resolve_spacy_model``).
        rules_only: recognise moves by the rules alone, without the trained move model.
    """

    spacy_model: str | None = None
    rules_only: bool = False
