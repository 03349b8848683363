"""Cue phrases and token patterns, loaded from ``resources/patterns/*.jsonl``.

Each line is ``{"label": ..., "phrase": "..."}`` (matched on spaCy's NORM, so "we'll"
matches "we will" and "can't" matches "can not", with any punctuation between its words,
because transcribers put commas where they like) or ``{"label": ..., "pattern": [...]}``
(a spaCy Matcher token pattern). ``"not_before": [...]`` drops a match followed by one of
those words ("keep looking" is a walk-away, "keep looking for the invoice" is not).

Phrases go to a PhraseMatcher that reads the utterance with its punctuation left out:
the same matches as token patterns with optional punctuation between the words, in a
tenth of the time (1,474 phrases made the Matcher the slowest part of the rules).
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

PATTERNS_DIR = Path(str(files("resources") / "patterns"))


def _words(doc: Doc) -> tuple[Doc | None, list[int]]:
    """``doc`` without its punctuation (NORMs kept; None if nothing is left), and where
    each word came from."""
    kept = [token for token in doc if not token.is_punct]
    if not kept:
        return None, []
    words = Doc(doc.vocab, words=[token.text for token in kept])
    for word, token in zip(words, kept, strict=True):
        word.norm_ = "is" if _is_contracted_is(token) else token.norm_
    return words, [token.i for token in kept]


def _is_contracted_is(token: Token) -> bool:
    """The "'s" of "that's" and of "thats" typed fast, which spaCy's NORM keeps as "'s" (so
    "that is final" matches all three); not a possessive, nor "let's"."""
    if token.lower_ not in ("'s", "s", "\u2019s") or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.whitespace_ or before.lower_ == "let":
        return False
    return token.tag_ in ("VBZ", "")  # untagged: a phrase from the pattern file


class CueMatcher:
    """Finds labelled cue spans in a Doc.

    Args:
        nlp: the pipeline whose tokenizer turns phrases into patterns.
        path: a JSONL pattern file.
    """

    def __init__(self, nlp: Language, path: Path):
        self.tokens = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="NORM")
        patterns: dict[str, list[list[dict]]] = defaultdict(list)
        phrases: dict[str, list[Doc]] = defaultdict(list)
        # An entry with "not_before" is its own rule, so that its matches can be told apart.
        self.label_of: dict[str, str] = {}
        self.not_before: dict[str, frozenset[str]] = {}
        with path.open(encoding="utf-8") as lines:
            for number, raw in enumerate(lines, start=1):
                if not raw.strip():
                    continue
                entry = json.loads(raw)
                key = entry["label"]
                if "not_before" in entry:
                    key = f"{entry['label']}:{number}"
                    self.label_of[key] = entry["label"]
                    self.not_before[key] = frozenset(entry["not_before"])
                if "phrase" in entry:
                    words, _ = _words(nlp.make_doc(entry["phrase"]))
                    if words is None:
                        raise ValueError(f"{path}:{number}: the phrase has no words")
                    phrases[key].append(words)
                elif "pattern" in entry:
                    patterns[key].append(entry["pattern"])
                else:
                    raise ValueError(f"{path}:{number}: needs a phrase or a pattern")
        for label, token_patterns in patterns.items():
            self.tokens.add(label, token_patterns)
        for label, phrase_docs in phrases.items():
            self.phrases.add(label, phrase_docs)
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> list[Span]:
        """Every cue in ``doc`` as a Span labelled with its cue kind."""
        # An empty matcher warns on every call, so each runs only if it has patterns.
        found = set(self.tokens(doc)) if len(self.tokens) else set()
        words, origin = _words(doc) if len(self.phrases) else (None, [])
        if words is not None:
            found.update(
                (match_id, origin[start], origin[end - 1] + 1)
                for match_id, start, end in self.phrases(words)
            )
        strings = self.vocab.strings
        cues = []
        for match_id, start, end in sorted(found, key=lambda m: (m[1], m[2], m[0])):
            key = strings[match_id]
            after = doc[end].lower_ if end < len(doc) else None
            if after in self.not_before.get(key, ()):
                continue  # "keep looking for the invoice"
            cues.append(Span(doc, start, end, label=self.label_of.get(key, key)))
        return cues
