"""The training workspace: its data is found, well formed, and kept apart from evaluation."""

from __future__ import annotations

import json

import pytest

from copilot.evaluate import CASINO_SET, P4G_SET, corpus_half
from copilot.events import MOVE_KINDS, MOVE_LABELS
from tests.conftest import ROOT, need
from training.corpora import casino_dialogues, p4g_dialogues
from training.dialogues import read_dialogues, training_files

# Every labelled set evaluate reads: dev, flags-dev, brief-dev, spoken-dev and the blind sets.
EVALUATION = sorted((ROOT / "tests" / "data").glob("*.jsonl"))
EVALUATION += sorted((ROOT / "tests" / "data" / "blind").glob("*.jsonl"))


# Said the same way by writers who never saw each other's work (part_g and brief_dev_a).
STOCK_REPLIES = {"great, then we have a deal."}


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
    """Short stock phrases aside, nothing is shared with the sets evaluate reads."""
    training = {
        row["text"].strip().lower()
        for dialogue in read_dialogues(*training_files())
        for row in dialogue
    }
    shared = set()
    for path in EVALUATION:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"].strip().lower()
            if len(text.split()) >= 6 and text in training and text not in STOCK_REPLIES:
                shared.add(text)
    assert not shared, sorted(shared)[:5]


def _corpus_rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("path", [CASINO_SET, P4G_SET], ids=["casino", "p4g"])
def test_the_corpora_train_on_their_tuning_half_only(path):
    """The held-out half that ``evaluate`` reports is never trained on: no dialogue of it,
    and almost none of its sentences."""
    need(path.is_file(), f"{path} (shared corpus) is missing")
    rows = _corpus_rows(path)
    tuning, held_out = corpus_half(rows, "tuning"), corpus_half(rows, "held-out")
    assert tuning and held_out and not tuning & held_out
    assert tuning | held_out == corpus_half(rows, "all")
    dialogues = casino_dialogues() if path == CASINO_SET else p4g_dialogues()
    trained = {row["text"].strip().lower() for d in dialogues for row in d}
    assert len(dialogues) == len(tuning)
    held_texts = {
        r["text"].strip().lower()
        for r in rows
        if r["dialogue_id"] in held_out and len(r["text"].split()) >= 6
    }
    shared = trained & held_texts
    # Stock lines recur across dialogues (P4G's persuaders paste the task's facts about
    # the charity, "have you ever heard of save the children?"): a few, not a share.
    assert len(shared) <= 0.02 * len(held_texts), sorted(shared)[:5]


def test_each_corpus_row_settles_only_what_its_labels_say():
    need(P4G_SET.is_file() and CASINO_SET.is_file(), "the shared corpora are missing")
    p4g = [row for d in p4g_dialogues() for row in d]
    pledges = [r for r in p4g if "commitment" in r["moves"]]
    assert pledges and all(r["party"] == "you" for r in pledges)
    asks = [r for r in p4g if "ask" in r["moves"]]
    assert asks and all(r["party"] == "them" for r in asks)
    # The persuader's promises are not settled either way: only pledges were labelled.
    assert not any("commitment" in r["known"] for r in p4g if r["party"] == "them")
    casino = [row for d in casino_dialogues() for row in d]
    assert all("interest" in r["known"] for r in casino)
    unsettled = [r for r in casino if "question" not in r["known"]]
    assert unsettled and all("?" in r["text"] for r in unsettled)
    trades = [r for r in casino if "conditional" in r["known"]]
    assert {True, False} == {"conditional" in r["moves"] for r in trades}
    # Every label settled is one the model scores (a misspelt one would leave the loss).
    assert {label for r in p4g + casino for label in r["known"]} <= set(MOVE_LABELS)
