"""Cue phrases and token patterns, loaded from ``resources/patterns/*.jsonl``.

Each line is ``{"label": ..., "phrase": "..."}`` (matched on spaCy's NORM, so "we'll"
matches "we will" and "can't" matches "can not", with any punctuation between its words,
because transcribers put commas where they like) or ``{"label": ..., "pattern": [...]}``
(a spaCy Matcher token pattern).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

PATTERNS_DIR = Path(__file__).resolve().parents[2] / "resources" / "patterns"


def _phrase_pattern(phrase: Doc) -> list[dict]:
    """Match a phrase's words on NORM, letting punctuation come and go between them."""
    pattern: list[dict] = []
    for token in phrase:
        if token.is_punct:
            continue
        if pattern:
            pattern.append({"IS_PUNCT": True, "OP": "*"})
        pattern.append({"NORM": token.norm_})
    return pattern


class CueMatcher:
    """Finds labelled cue spans in a Doc.

    Args:
        nlp: the pipeline whose tokenizer turns phrases into patterns.
        path: a JSONL pattern file.
    """

    def __init__(self, nlp: Language, path: Path):
        self.tokens = Matcher(nlp.vocab)
        patterns: dict[str, list[list[dict]]] = defaultdict(list)
        with path.open(encoding="utf-8") as lines:
            for number, raw in enumerate(lines, start=1):
                if not raw.strip():
                    continue
                entry = json.loads(raw)
                if "phrase" in entry:
                    patterns[entry["label"]].append(_phrase_pattern(nlp.make_doc(entry["phrase"])))
                elif "pattern" in entry:
                    patterns[entry["label"]].append(entry["pattern"])
                else:
                    raise ValueError(f"{path}:{number}: needs a phrase or a pattern")
        for label, token_patterns in patterns.items():
            self.tokens.add(label, token_patterns)
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> list[Span]:
        """Every cue in ``doc`` as a Span labelled with its cue kind."""
        found = self.tokens(doc)
        strings = self.vocab.strings
        return [Span(doc, start, end, label=strings[match_id]) for match_id, start, end in found]
