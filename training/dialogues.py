"""The training dialogues, and the rules' verdicts on each of their utterances.

``data/negotiation_train.jsonl`` and the batches in ``data/train_extra/`` are labelled
dialogues written independently of the evaluation sets in ``tests/data`` (never read here).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAIN_SET = HERE / "data" / "negotiation_train.jsonl"
EXTRA_SETS = HERE / "data" / "train_extra"  # more dialogues in the same format, one per batch


def training_files() -> list[Path]:
    """The training set and every extra batch beside it (not ``not_trained/``)."""
    return [TRAIN_SET, *sorted(EXTRA_SETS.glob("*.jsonl"))]


def read_dialogues(*paths: Path) -> list[list[dict]]:
    """Rows grouped by dialogue, in file order."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    grouped[row["dialogue"]].append(row)
    return list(grouped.values())


def with_rule_labels(dialogues: list[list[dict]]) -> None:
    """Add each row's rule verdicts (``row["rules"]``), replaying dialogues in order."""
    from models.understanding import build_rule_understander

    understander = build_rule_understander()
    for dialogue in dialogues:
        context = understander.new_context(dialogue[0].get("date"))
        for row in dialogue:
            result = understander.understand(row["text"], row["party"], context)
            row["rules"] = result.labels
