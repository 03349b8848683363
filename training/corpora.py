"""The tuning halves of CaSiNo and Persuasion for Good as partly labelled training rows.

Both corpora are people's own words, far from the written training dialogues, but their
annotators labelled other things than our ten moves. Each row therefore says which of our
labels its source settles (``known``); the fit's loss ignores the rest. Only the tuning
half of each corpus is read (``copilot.evaluate.corpus_half``); the held-out half is what
``evaluate`` reports.

What each source settles, and why no more:

- CaSiNo (Chawla et al. 2021, CC BY 4.0): ``interest`` on every utterance (self-need,
  other-need and no-need are interests; the strategy labels are exhaustive, so the rest are
  not); ``question`` where elicit-pref asks for preferences, and as a negative only where
  nothing is asked (a "?" outside elicit-pref may be a proposal); ``conditional`` on the
  promote-coordination utterances this project labelled as trades or not
  (``tests/data/casino_trades.jsonl``).
- P4G (Wang et al. 2019, Apache-2.0): on the persuadee's units, ``commitment`` (pledges,
  against the other labelled units; confirm-donation repeats a pledge and is left out) and
  ``reject`` (refusals, against pledges and warm reactions); the inquiry labels as
  ``question`` on both sides, negatives only where nothing is asked; on the persuader's,
  ``ask`` (proposition-of-donation, ask-donation-amount, ask-donate-more) against the
  appeals, stories and greetings (foot-in-the-door is left out: a smaller ask, or a
  concession).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copilot.evaluate import (
    CASINO_SET,
    CASINO_TRADES,
    P4G_SET,
    PLEDGES,
    corpus_dialogues,
    read_jsonl,
)

NEEDS = {"self-need", "other-need", "no-need"}
P4G_INQUIRIES = {
    "ask-org-info",
    "ask-donation-procedure",
    "task-related-inquiry",
    "ask-persuader-donation-intention",
    "personal-related-inquiry",
    "source-related-inquiry",
    "ask-not-donate-reason",
    "non-personal-Task-related-inquiry",
}
P4G_ASKS = {"proposition-of-donation", "ask-donation-amount", "ask-donate-more"}
P4G_NOT_ASKS = {
    "credibility-appeal",
    "logical-appeal",
    "emotion-appeal",
    "personal-story",
    "self-modeling",
    "donation-information",
    "greeting",
    "thank",
    "praise-user",
    "closing",
    "acknowledgement",
}
P4G_REFUSALS = {"disagree-donation", "disagree-donation-more"}
P4G_NOT_REFUSALS = PLEDGES | {"positive-reaction-to-donation", "confirm-donation"}


def _question(asked: bool, text: str) -> dict[str, bool]:
    """A question's verdict where the source settles it: yes when its label asks, no only
    when nothing in the text asks either."""
    if asked:
        return {"question": True}
    return {} if "?" in text else {"question": False}


def _row(dialogue: str, party: str, text: str, verdicts: dict[str, bool]) -> dict[str, Any]:
    return {
        "dialogue": dialogue,
        "party": party,
        "text": text,
        "moves": sorted(label for label, yes in verdicts.items() if yes),
        "known": sorted(verdicts),
    }


def casino_dialogues(path: Path = CASINO_SET, trades: Path = CASINO_TRADES) -> list[list[dict]]:
    """CaSiNo's tuning half, dialogue by dialogue, each row with its settled labels."""
    trade = {(r["dialogue_id"], r["turn"]): r["trade"] for r in read_jsonl(trades)}
    dialogues = []
    for number, rows in corpus_dialogues(path, "tuning").items():
        dialogue = []
        for row in rows:
            labels = set(row["labels"])
            verdicts = {"interest": bool(labels & NEEDS)}
            verdicts |= _question("elicit-pref" in labels, row["text"])
            if (number, row["turn"]) in trade:
                verdicts["conditional"] = trade[number, row["turn"]]
            party = "you" if row["speaker"] == "mturk_agent_1" else "them"
            dialogue.append(_row(f"casino-{number}", party, row["text"], verdicts))
        dialogues.append(dialogue)
    return dialogues


def _p4g_verdicts(role: str, labels: set[str], text: str) -> dict[str, bool]:
    verdicts = _question(bool(labels & P4G_INQUIRIES), text)
    if role == "persuadee":
        if labels and "confirm-donation" not in labels - PLEDGES:
            verdicts["commitment"] = bool(labels & PLEDGES)
        if labels & P4G_REFUSALS:
            verdicts["reject"] = True
        elif labels & P4G_NOT_REFUSALS:
            verdicts["reject"] = False
    elif labels & P4G_ASKS:
        verdicts["ask"] = True
    elif labels & P4G_NOT_ASKS and "foot-in-the-door" not in labels:
        verdicts["ask"] = False
    return verdicts


def p4g_dialogues(path: Path = P4G_SET) -> list[list[dict]]:
    """Persuasion for Good's tuning half, dialogue by dialogue, with settled labels."""
    return [
        [
            _row(
                f"p4g-{number}",
                "you" if row["role"] == "persuadee" else "them",
                row["text"],
                _p4g_verdicts(row["role"], set(row["labels"]), row["text"]),
            )
            for row in rows
        ]
        for number, rows in corpus_dialogues(path, "tuning").items()
    ]
