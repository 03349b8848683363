"""Measure the understanding pipeline against human labels.

Two sets: the project's own labelled business negotiations (``tests/data/
negotiation_dev.jsonl``) and CaSiNo (Chawla et al., NAACL 2021, CC BY 4.0), whose strategy
labels map onto three of our moves. Dialogues are replayed in order through one session
context each, so numeric concessions are judged against earlier positions as in a call.

    negotiation-copilot evaluate [--dev FILE] [--casino FILE]
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.events import MOVE_KINDS

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT / "tests" / "data" / "negotiation_dev.jsonl"
CASINO_SET = ROOT.parent / "shared" / "data" / "casino" / "casino_dev.jsonl"
LABELS = (*MOVE_KINDS, "conditional")
CASINO_MAP = {
    "interest": {"self-need", "other-need", "no-need"},
    "question": {"elicit-pref"},
    "conditional": {"promote-coordination"},
}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that were right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of gold labels that were found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Per-label counts plus the details of commitments."""

    name: str
    labels: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    extras: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, set[str], set[str]]] = field(default_factory=list)

    def add(self, gold: set[str], predicted: set[str], labels: Iterable[str], text: str) -> None:
        """Count one utterance."""
        for label in labels:
            counts = self.labels[label]
            if label in gold and label in predicted:
                counts.tp += 1
            elif label in predicted:
                counts.fp += 1
            elif label in gold:
                counts.fn += 1
        if gold != predicted:
            self.errors.append((text, gold, predicted))

    def macro_f1(self, labels: Iterable[str]) -> float:
        """Mean F1 over ``labels``."""
        scores = [self.labels[label].f1 for label in labels]
        return sum(scores) / len(scores) if scores else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Figures for JSON output and tests."""
        return {
            "name": self.name,
            "labels": {
                label: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "support": c.tp + c.fn,
                }
                for label, c in sorted(self.labels.items())
            },
            **self.extras,
        }


def _predicted_labels(understanding: Any) -> set[str]:
    labels = {move.kind for move in understanding.moves}
    if any(move.conditional for move in understanding.moves):
        labels.add("conditional")
    return labels


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _dialogues(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def evaluate_dev(understander: Any, path: Path = DEV_SET) -> Report:
    """Per-move figures on the project's labelled negotiations."""
    report = Report(f"dev set ({path.name})")
    owners = dues = commitments_found = 0
    for rows in _dialogues(_read_jsonl(path), "dialogue").values():
        context = understander.new_context(rows[0].get("date"))
        for row in sorted(rows, key=lambda r: r["turn"]):
            result = understander.understand(row["text"], row["party"], context)
            predicted = _predicted_labels(result)
            gold = set(row["moves"])
            report.add(gold, predicted, LABELS, row["text"])
            if "commitment" in gold and result.commitments:
                commitments_found += 1
                expected = row["commitment"]
                first = result.commitments[0]
                owners += first.owner == expected["owner"]
                dues += first.due == expected["due"]
    report.extras["macro_f1"] = round(report.macro_f1(MOVE_KINDS), 4)
    report.extras["commitment_owner_accuracy"] = (
        round(owners / commitments_found, 4) if commitments_found else 0.0
    )
    report.extras["commitment_due_accuracy"] = (
        round(dues / commitments_found, 4) if commitments_found else 0.0
    )
    return report


def evaluate_casino(understander: Any, path: Path = CASINO_SET) -> Report:
    """Interest, question and conditional offer against CaSiNo's strategy labels."""
    report = Report(f"CaSiNo ({path.name})")
    for rows in _dialogues(_read_jsonl(path), "dialogue_id").values():
        context = understander.new_context(None)
        for row in sorted(rows, key=lambda r: r["turn"]):
            party = "you" if row["speaker"] == "mturk_agent_1" else "them"
            result = understander.understand(row["text"], party, context)
            predicted = _predicted_labels(result) & set(CASINO_MAP)
            gold = {ours for ours, theirs in CASINO_MAP.items() if theirs & set(row["labels"])}
            report.add(gold, predicted, CASINO_MAP, row["text"])
    return report


def render(report: Report, labels: Iterable[str]) -> str:
    """A plain table of the figures."""
    lines = [report.name, f"{'label':<13}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}"]
    for label in labels:
        c = report.labels[label]
        lines.append(f"{label:<13}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp + c.fn:>9}")
    for key, value in report.extras.items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines)
