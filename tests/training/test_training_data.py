"""The training workspace: its data is found, well formed, and kept apart from evaluation."""

from __future__ import annotations

import json

from copilot.events import MOVE_KINDS
from tests.conftest import ROOT
from training.dialogues import read_dialogues, training_files

EVALUATION = [ROOT / "tests" / "data" / "negotiation_dev.jsonl"]
EVALUATION += sorted((ROOT / "tests" / "data" / "blind").glob("*.jsonl"))


def test_the_training_dialogues_are_found_and_labelled_with_known_moves():
    files = training_files()
    assert len(files) >= 10 and all(path.is_file() for path in files)
    dialogues = read_dialogues(*files)
    rows = [row for dialogue in dialogues for row in dialogue]
    assert len(rows) >= 6000
    labels = {label for row in rows for label in row["moves"]}
    assert labels <= {*MOVE_KINDS, "conditional"}
    assert {row["party"] for row in rows} <= {"you", "them"}


def test_no_training_sentence_is_an_evaluation_sentence():
    """Short stock phrases aside, nothing is shared with the dev or blind sets."""
    training = {
        row["text"].strip().lower()
        for dialogue in read_dialogues(*training_files())
        for row in dialogue
    }
    shared = set()
    for path in EVALUATION:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"].strip().lower()
            if len(text.split()) >= 6 and text in training:
                shared.add(text)
    assert not shared, sorted(shared)[:5]
