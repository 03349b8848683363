"""Word error rate with the light normalisation both sides of a comparison need."""

from __future__ import annotations

import re

import jiwer


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """jiwer's WER after ``normalise`` on both sides."""
    return float(jiwer.wer(normalise(reference), normalise(hypothesis)))
