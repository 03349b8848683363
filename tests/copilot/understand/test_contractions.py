"""chat_contractions on the real en_core_web_sm pipeline."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ill bring cash tonight", ["i", "ll", "bring"]),
        ("legend. Ill be there at 6", ["I", "ll", "be"]),
        ("yeah fine, ill bring the pans", ["i", "ll", "bring"]),
        ("so ill send it friday", ["i", "ll", "send"]),
        ("ill\nbring it", ["i", "ll", "\n"]),
        # "well" for "we'll", before a verb a promise starts with.
        ("ok so well send the deck by friday", ["we", "ll", "send"]),
        ("perfect and well get you the contacts", ["we", "ll", "get"]),
        ("well have it to you tomorrow", ["we", "ll", "have"]),
    ],
)
def test_will_typed_without_its_apostrophe_is_split(understander, text, words):
    doc = understander.nlp(text)
    said = [t.text for t in doc]
    start = said.index(words[0])
    assert said[start : start + 3] == words
    assert doc[start].norm_ == words[0].lower()
    assert doc[start + 1].norm_ == "will" and doc[start + 1].tag_ == "MD"
    assert doc.text == text  # the words as said are kept for highlighting


@pytest.mark.parametrize(
    "text",
    [
        # "ill" the adjective.
        "i'm ill today so can we move it",
        "I\u2019m ill today so can we move it",
        "she's been ill for a while",
        "a bit ill today",
        "I feel so ill today",
        "ill health",
        "ill",
        # "well" the discourse word or the adverb.
        "well i think we can",
        "well, send it then",
        "well have you thought about the term",
        "we might as well send it now",
        "that went well have a good weekend",
        "well send me the contract and I'll take a look",
        "it works pretty well get it?",
    ],
)
def test_the_word_itself_is_left_alone(understander, text):
    word = "ill" if "ill" in text.lower().split() else "well"
    assert word in [t.lower_ for t in understander.nlp(text)]


def test_a_promise_typed_with_well_is_a_commitment(understand):
    [result] = understand([("you", "great so um well have the kickoff deck to you by friday")])
    [commitment] = result.commitments
    assert commitment.owner == "you" and "kickoff deck" in commitment.action


@pytest.mark.parametrize(
    ("text", "wednesday"),
    [
        ("ill send it by wed", True),
        ("ok i'll drop it off wed morning", True),
        ("can we do next wed instead", True),
        ("I'll send it by Wed.", True),
        ("ill call you wed", True),
        # "wed" for "we'd" stays split.
        ("wed love to help", False),
        ("wed be happy to send it", False),
        ("and wed need it by friday", False),
        ("ill check with legal before wed sign anything", False),
    ],
)
def test_wed_typed_for_the_day_is_one_word(understander, text, wednesday):
    doc = understander.nlp(text)
    assert any(t.lower_ == "wed" for t in doc) is wednesday
    assert doc.text == text


def test_a_full_stop_after_wed_is_not_in_the_due_text(understand):
    [result] = understand([("you", "ill send it wed.")])
    [commitment] = result.commitments
    assert commitment.due_text == "wed"


@pytest.mark.parametrize(
    "text",
    ["Id like to make a donation.", "id be happy to send it friday", "youd have it by then"],
)
def test_would_typed_without_its_apostrophe_is_the_helper_verb(understander, text):
    doc = understander.nlp(text)
    bare_d = next(t for t in doc if t.text == "d")
    assert bare_d.norm_ == "would" and bare_d.pos_ == "AUX"
    assert doc.text == text


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Id like to make a donation.", "make a donation"),
        ("id be happy to send it friday", "send it"),
    ],
)
def test_a_promise_typed_with_id_is_a_commitment(understand, text, action):
    [result] = understand([("you", text)])
    assert [(c.owner, c.action) for c in result.commitments] == [("you", action)]


def test_id_the_noun_is_not_read_as_would(understander):
    doc = understander.nlp("can you send me a copy of your id like yesterday")
    assert all(t.norm_ != "would" for t in doc)


def test_u_typed_for_you_matches_the_cues_said_to_you(understander):
    doc = understander.nlp("75 each if u pay tonight")
    assert [t.norm_ for t in doc if t.lower_ == "u"] == ["you"]
    assert any(move.conditional for move in doc._.moves)  # "if you" holds for "if u"


@pytest.mark.parametrize(
    ("turns", "owner"),
    [
        ([("them", "u'll have it by thursday")], "them"),
        ([("them", "u\u2019ll have it by thursday")], "them"),
        # Asked to confirm, or told: the listener's promise, as with "you'll".
        ([("you", "ok so u'll bring the van saturday?")], "them"),
        ([("them", "and u will pay me back for gas by friday")], "you"),
    ],
)
def test_a_promise_typed_with_u_is_read_as_with_you(understand, turns, owner):
    [commitment] = understand(turns)[-1].commitments
    assert commitment.owner == owner and commitment.due is not None


def test_the_u_of_a_hyphenated_name_is_nobody(understand):
    [result] = understand([("you", "the u-haul will be there at 9")])
    assert [c.owner for c in result.commitments] == ["you"]
