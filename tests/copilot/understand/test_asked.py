"""The sentence that asks the listener to act, which a bare "will do" promises."""

from __future__ import annotations

import pytest

from copilot.understand.asked import DONE_AS_ASKED, asked_to_act, commands


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("just text me when you're outside", True),
        ("send me the numbers", True),
        ("ok if they don't confirm let me know", True),
        ("ok i'll have them at 9 sat, bring their wellies", True),
        ("don't send anything until legal signs off", False),  # forbidden
        ("I'll send the draft tonight and call you after", False),  # their own deeds
        ("let me think about it", False),
        ("let's meet at 3", False),
        ("see you Friday then", False),
        ("listen, we can't do it", False),
        ("the weather's been awful lately", False),
    ],
)
def test_a_command_tells_the_listener_to_act(understander, text, told):
    doc = understander.nlp(text)
    assert any(commands(sentence) for sentence in doc.sents) is told


def test_the_asking_sentence_is_the_one_kept(understander):
    text = "The fridge is broken again. Could you call the landlord?"
    doc = understander.nlp(text)
    moves = understander.understand(text, "them").moves
    assert asked_to_act(doc, moves) == "Could you call the landlord"
    wish = "Take care of yourself!"
    assert asked_to_act(understander.nlp(wish), []) is None


@pytest.mark.parametrize(
    ("reply", "bare"),
    [
        ("will do", True),
        ("uh sure, will do, thanks", True),
        ("Consider it done.", True),
        ("got it, I'm on it already", True),
        ("will do?", False),
        ("we will do what we can", False),
        ("will do the first batch friday", False),
    ],
)
def test_a_bare_will_do_names_no_task_of_its_own(reply, bare):
    assert bool(DONE_AS_ASKED.match(reply.lower())) is bare
