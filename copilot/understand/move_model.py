"""The fine-tuned move model: MiniLM reads the words, the rules' verdicts ride along.

It scores the ten labels of an utterance from its text, the utterance before it and what
the rules found in both (``training/train_move_encoder.py`` trains it; ``models/encoder.py``
runs it: numpy for the embeddings, onnxruntime for the int8 layers;
``models/understanding.py`` loads it). The rules stay in charge of what they do well and
the model cannot see: numbers and their issues, commitments with owner and due date,
numeric concessions measured against earlier positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from copilot.events import MOVE_KINDS

PROPOSALS = frozenset({"offer", "concession"})


class PairEncoder(Protocol):
    """Reads an utterance and the one before it into one pooled vector."""

    def pooled(self, text: str, previous_text: str) -> np.ndarray:
        """The pooled vector, at once."""

    def start(self, text: str, previous_text: str) -> Any:
        """Start reading; the result's ``result()`` gives the pooled vector."""


def rule_features(
    rules: Iterable[str], previous: Iterable[str], labels: Iterable[str], scale: float
) -> list[float]:
    """The rules' verdicts on the utterance, then on the one before it, as numbers."""
    rules, previous, labels = set(rules), set(previous), tuple(labels)
    return [scale * (label in rules) for label in labels] + [
        scale * (label in previous) for label in labels
    ]


@dataclass
class MoveModelOptions:
    """How the model's scores become labels (``meta.json`` holds the trained values).

    Attributes:
        thresholds: a label is decided at or above its probability.
        add_thresholds: a label the rules did not find is added only at or above this
            probability (and its threshold). The low thresholds that keep the rules'
            concessions and accepts (0.15, 0.2) let the model add ones nobody made: "Half
            each is fine." or "Saturday morning's fine, I'll leave it by the gate" as
            concessions, which the one-sided flag then points at.
        rules_decide: labels left to the rules alone (the model's score is not used).
    """

    thresholds: dict[str, float] = field(default_factory=dict)
    add_thresholds: dict[str, float] = field(default_factory=dict)
    rules_decide: frozenset[str] = frozenset({"commitment"})


class MoveModel:
    """Decides an utterance's labels from the words, the context and the rules.

    Args:
        meta: the trained settings (``meta.json``: labels, rule_scale, thresholds).
        head_weight, head_bias: the classification head on the pooled vector and the
            rules' verdicts.
        encoder: reads the words (``models.encoder.PairEncoder``).
    """

    DECIDES = MOVE_KINDS

    def __init__(
        self,
        meta: dict[str, Any],
        head_weight: np.ndarray,
        head_bias: np.ndarray,
        encoder: PairEncoder,
    ):
        self.head_weight = head_weight.astype(np.float32)
        self.head_bias = head_bias.astype(np.float32)
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.rule_scale = float(meta["rule_scale"])
        self.options = MoveModelOptions(
            thresholds={label: float(meta["thresholds"][label]) for label in self.labels},
            add_thresholds={
                label: float(value) for label, value in meta.get("add_thresholds", {}).items()
            },
            rules_decide=frozenset(meta.get("rules_decide", ["commitment"])),
        )
        self.encoder = encoder

    @property
    def commitment_threshold(self) -> float:
        """The score at which the model hears a promise (the rules still say whose and what)."""
        return self.options.thresholds["commitment"]

    def scores(
        self,
        text: str,
        previous_text: str | None,
        rule_labels: set[str],
        previous_rule_labels: set[str],
    ) -> dict[str, float]:
        """Each label's probability for ``text`` said after ``previous_text``."""
        pooled = self.encoder.pooled(text, previous_text or "")
        return self.scores_of(pooled, rule_labels, previous_rule_labels)

    def start(self, text: str, previous_text: str | None) -> Any:
        """Start reading ``text`` after ``previous_text``; ``scores_of`` takes the result.

        The words do not depend on the rules' verdicts, so the layers can run while
        spaCy parses.
        """
        return self.encoder.start(text, previous_text or "")

    def scores_of(
        self, pooled: np.ndarray, rule_labels: set[str], previous_rule_labels: set[str]
    ) -> dict[str, float]:
        """Each label's probability from the encoder's output and the rules' verdicts."""
        features = rule_features(rule_labels, previous_rule_labels, self.labels, self.rule_scale)
        inputs = np.concatenate([pooled, np.asarray(features, dtype=np.float32)])
        logits = self.head_weight @ inputs + self.head_bias
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return dict(zip(self.labels, (float(p) for p in probabilities), strict=True))

    def decide(
        self,
        scores: dict[str, float],
        rule_labels: set[str],
        previous_rule_labels: set[str],
        firm: frozenset[str] = frozenset(),
    ) -> set[str]:
        """The labels the utterance gets, from the scores and the rules' verdicts.

        ``firm`` holds the rules' verdicts that stand whatever the model scores.
        """
        options = self.options
        decided = {
            label
            for label, score in scores.items()
            if label not in options.rules_decide
            and score >= options.thresholds[label]
            and (label in rule_labels or score >= options.add_thresholds.get(label, 0.0))
        }
        decided |= (rule_labels & options.rules_decide) | (firm & rule_labels)
        # "That works for us. I'll send the order form by Friday." right after an offer
        # accepts it. The training writers almost never labelled an acceptance together
        # with a commitment (9 of 595 commitments), so the model cannot learn this one.
        if {"accept", "commitment"} <= rule_labels and previous_rule_labels & PROPOSALS:
            decided.add("accept")
        return decided
