"""The real pipeline: en_core_web_sm with the project's components, loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def understander():
    from models.understanding import build_understander

    return build_understander()


def _in_one_session(understander):
    """Understand a list of (party, text) turns in one session; returns their results."""

    def run(turns, meeting_date="2026-03-02"):
        context = understander.new_context(meeting_date)
        return [understander.understand(text, party, context) for party, text in turns]

    return run


@pytest.fixture
def understand(understander):
    """Turns understood in one session by the full pipeline (``_in_one_session``)."""
    return _in_one_session(understander)


@pytest.fixture(scope="session")
def rule_understander():
    from models.understanding import build_rule_understander

    return build_rule_understander()


@pytest.fixture
def rules_understand(rule_understander):
    """``understand`` by the rules alone (no move model)."""
    return _in_one_session(rule_understander)


def kinds(result) -> set[str]:
    """Move kinds, plus "conditional" when an offer or concession is a trade."""
    return result.labels
