"""The fine-tuned move model: its runtime, and plain cases it must get right."""

from __future__ import annotations

import json

import numpy as np
import pytest

from copilot.understand.options import UnderstandingOptions
from models.errors import ModelError
from models.understanding import MOVE_MODEL_DIR as MODEL_DIR
from models.understanding import load_move_model
from tests.copilot.understand.conftest import kinds


@pytest.fixture(scope="module")
def move_model(understander):
    assert understander.move_model is not None, "the move model is the default"
    return understander.move_model


def test_int8_runtime_stays_close_to_torch(move_model):
    """``meta.json`` holds rows scored by torch in float32 at export time.

    The shipped layers have int8 weights, so the app's probabilities drift from torch's
    (by 0.09 at most on these rows, at 0.22 against 0.31), never enough to flip a clear
    decision.
    """
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["probes"]
    for probe in meta["probes"]:
        pooled = move_model.encoder.pooled(probe["text"], probe["previous"])
        inputs = np.concatenate([pooled, np.asarray(probe["features"], dtype=np.float32)])
        logits = move_model.head_weight @ inputs + move_model.head_bias
        ours, torch_ = 1 / (1 + np.exp(-logits)), np.asarray(probe["probabilities"])
        np.testing.assert_allclose(ours, torch_, atol=0.12)
        clear = (torch_ < 0.1) | (torch_ > 0.9)
        assert ((ours >= 0.5) == (torch_ >= 0.5))[clear].all()


def test_rule_features_reach_the_model(move_model):
    plain = move_model.scores("Okay.", None, set(), set())
    flagged = move_model.scores("Okay.", None, {"accept"}, set())
    assert flagged["accept"] != pytest.approx(plain["accept"], abs=1e-4)


def test_scores_from_a_background_pass_equal_the_direct_ones(move_model):
    text, previous = "Fine, we can waive the fee.", "Could you drop the setup fee?"
    rules, before = {"concession"}, {"ask"}
    pending = move_model.start(text, previous)
    direct = move_model.scores(text, previous, rules, before)
    assert move_model.scores_of(pending.result(), rules, before) == direct


def test_the_previous_utterance_is_context(understand):
    results = understand(
        [
            ("them", "We can do forty two dollars per seat on a three year term."),
            ("you", "Okay, that works for us."),
        ]
    )
    assert "accept" in kinds(results[1])


@pytest.mark.parametrize(
    "text",
    [
        "We really need this done soon.",
        "I'll send the revised contract by Friday.",
        "Someone should loop in legal.",
        "We'll absorb the overtime on our side.",
    ],
)
def test_commitments_stay_with_the_rules(understander, move_model, text):
    """A commitment move exactly when the rules found a commitment (with owner and due)."""
    assert "commitment" in move_model.options.rules_decide
    result = understander.understand(text, "you", understander.new_context("2026-03-02"))
    assert ("commitment" in kinds(result)) == bool(result.commitments)


def test_agreement_with_a_follow_up_promise_right_after_an_offer_is_acceptance(understand):
    results = understand(
        [
            ("you", "If you sign for three years, we can come down to forty dollars per seat."),
            ("them", "That works for us. I'll send the signed order form by Friday."),
            ("you", "Sounds good. I'll loop in our legal team by Monday."),
        ]
    )
    assert {"accept", "commitment"} <= kinds(results[1])
    assert "accept" not in kinds(results[2])  # nothing was proposed just before


def test_rules_only_has_no_model():
    from models.understanding import build_understander

    rules = build_understander(UnderstandingOptions(rules_only=True))
    assert rules.move_model is None


def test_a_missing_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot load the move model"):
        load_move_model(tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "Predictable cost matters most to us this year. How about you?",
        "Water for sure, we hike a lot. How about you?",
    ],
)
def test_asking_back_stays_a_question(understander, move_model, text):
    """The model scores these low (few in its training data); the rules' tag question holds."""
    result = understander.understand(text, "them", understander.new_context("2026-03-02"))
    assert {"interest", "question"} <= kinds(result)


def test_firm_rule_verdicts_stand_against_low_scores(move_model):
    low = {label: 0.0 for label in move_model.labels}
    assert "question" not in move_model.decide(low, {"question"}, set())
    assert "question" in move_model.decide(low, {"question"}, set(), frozenset({"question"}))
    # Firm only confirms what the rules found; it adds nothing of its own.
    assert "question" not in move_model.decide(low, set(), set(), frozenset({"question"}))


def test_a_concession_the_rules_missed_needs_a_higher_score_to_be_added(move_model):
    add = move_model.options.add_thresholds["concession"]
    keep = move_model.options.thresholds["concession"]
    assert add > keep
    middling = {label: 0.0 for label in move_model.labels} | {"concession": (add + keep) / 2}
    # Enough to keep the rules' concession, not enough to add one they did not find.
    assert "concession" in move_model.decide(middling, {"concession"}, set())
    assert "concession" not in move_model.decide(middling, set(), set())
    sure = middling | {"concession": add}
    assert "concession" in move_model.decide(sure, set(), set())


def test_granting_a_pickup_time_concedes_nothing(understand):
    results = understand(
        [
            ("you", "Can I collect it tomorrow at noon?"),
            ("them", "Noon is fine, I'll leave it in the porch."),
        ]
    )
    assert "commitment" in kinds(results[1])
    assert "concession" not in kinds(results[1])
