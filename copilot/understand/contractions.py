"""Chat contractions that spaCy keeps whole.

spaCy's English tokenizer splits "youll", "theyll" and "im" as it splits "you'll", but not
"ill", because "ill" is also a word. People typing fast write "ill bring cash tonight"
far more often than they tell a negotiator they are ill, so ``chat_contractions`` splits
"ill" into "i" + "ll" (read as "will") unless the words around it make it the adjective
("i'm ill", "feeling ill", "ill health"). "well" typed for "we'll" is split the same way,
only before a verb a promise starts with. It runs first, before the tagger reads the words.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

# "ill" after these is the adjective: "I'm ill", "she was ill", "feeling ill", "still ill".
ADJECTIVE_AFTER = {
    "am", "m", "'m", "\u2019m", "im", "is", "s", "'s", "\u2019s", "are", "re", "'re", "\u2019re",
    "was", "were", "be", "been", "being", "feel", "feels", "felt", "feeling", "get", "gets",
    "got", "getting", "gotten", "fall", "falls", "fell", "fallen", "seem", "seems", "seemed",
    "look", "looks", "looked", "become", "became", "sound", "sounds", "very", "quite",
    "pretty", "bit", "still", "not", "seriously", "critically", "terminally", "mentally",
    "chronically", "an", "the", "of", "hes", "shes", "theyre", "youre",
}  # fmt: skip
# ...and after these only when a word above comes before them: "I feel so ill" but "so
# ill send it friday", "really ill call you".
DEGREE = {"so", "really", "too"}
# ...and before these: "ill health", "ill will", "ill at ease", "ill advised".
ADJECTIVE_BEFORE = {
    "health", "will", "effects", "effect", "advised", "fated", "at", "with", "and", "or",
    "from", "since", "for", "in", "treatment", "treated", "feeling", "feelings", "people",
}  # fmt: skip


# "well" typed for "we'll" is read so only before a verb a promise starts with ("well send
# the deck friday", "well get you the contacts"): "well" the discourse word comes before
# a pronoun or a comma ("well i think", "well, maybe"), and the adverb after a verb or a
# degree word ("might as well send it", "it went well"). "so well send…" is "so we'll":
# spoken "so" starts sentences far more often than it grades "well" before a verb.
WE_WILL_VERBS = {
    "send", "get", "have", "pay", "put", "take", "cover", "handle", "sort", "book", "call",
    "email", "circle", "follow", "set", "start", "ship", "deliver", "include", "throw",
    "add", "bring", "give", "hold", "keep", "need", "make", "do", "be", "see", "look",
    "check", "try", "pick", "loop", "update", "share", "draft", "review", "confirm", "go",
}  # fmt: skip
# "well" starts the clause only at the start or after these ("that went well have a good
# weekend": after a verb it is the adverb).
OPENS_A_CLAUSE = {"so", "ok", "okay", "and", "then", "perfect", "great", "cool", "yeah", "yes"}
OPENS_A_CLAUSE |= {"um", "uh", "sure", "fine", "alright", "right", ",", "."}
# "well have you…": a question's verb and subject; "well send me the contract", "well give
# me a call": an imperative after the discourse word, as "we'll send me" is not English.
NOT_AFTER = {"you", "u", "we", "they", "i", "he", "she", "me"}


# "wed" typed for Wednesday, which spaCy splits as "we'd" ("we" + "d", or "d." at the end):
# joined again after a word that only leads a day ("by wed", "next wed"), or where no verb
# follows it, as one would after "we'd" ("wed morning", "call you wed", "before wed at 10"),
# not "and wed need it", "before wed sign anything".
DAY_LEADS = {"by", "on", "till", "til", "until", "next", "every", "thru", "through"}
DAY_PARTS = {"morning", "afternoon", "evening", "night", "am", "pm", "lunchtime", "eve"}
AFTER_A_DAY = DAY_PARTS | {"at", "or", "and", "then", "works", "is", "would", "could"}


def _typed_wednesday(doc: Doc, i: int) -> bool:
    """ "we" + "d" at ``i`` typed as one word "wed" that names the day."""
    if i + 1 >= len(doc) or doc[i].lower_ != "we" or doc[i].whitespace_:
        return False
    if doc[i + 1].lower_ not in ("d", "d."):  # "d." until its full stop is split off
        return False
    before = doc[i - 1].lower_ if i else ""
    after = doc[i + 2] if i + 2 < len(doc) else None
    ends = after is None or after.is_punct or after.like_num or doc[i + 1].lower_ == "d."
    return before in DAY_LEADS or ends or after.lower_ in AFTER_A_DAY


# "we should prob clean the fridge": spaCy tags "prob" a verb and loses the sentence's verb.
TYPED_PROBABLY = {"prob", "prolly", "probs"}
# Helper verbs typed short or misspelt: "first drafts wil be ready", "someone shoud check".
TYPED_AUX = {"wil": "will", "shoud": "should", "shoudl": "should", "shld": "should"}


def _means_we_will(token: Token) -> bool:
    doc = token.doc
    if token.lower_ != "well" or token.i + 1 >= len(doc):
        return False
    verb = doc[token.i + 1]
    if verb.lower_ not in WE_WILL_VERBS:
        return False
    after = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
    if after == "me" or (verb.lower_ in ("have", "be", "do") and after in NOT_AFTER):
        return False
    return token.i == 0 or doc[token.i - 1].lower_ in OPENS_A_CLAUSE


def _means_i_will(token: Token) -> bool:
    doc = token.doc
    if token.lower_ != "ill":
        return False
    after = next((t for t in doc[token.i + 1 :] if not t.is_space), None)
    if after is None or not after.is_alpha or after.lower_ in ADJECTIVE_BEFORE:
        return False
    before = [t.lower_ for t in doc[max(0, token.i - 2) : token.i] if not t.is_space]
    if before and before[-1] in DEGREE:
        return len(before) < 2 or before[-2] not in ADJECTIVE_AFTER
    return not before or before[-1] not in ADJECTIVE_AFTER


# "id", "youd", "theyd" typed without the apostrophe: spaCy splits them as it splits "I'd",
# but tags the bare "d" a noun, which loses the verb after it ("Id like to make a
# donation"). Read as "would" it is tagged the helper verb it is; not after a word that
# makes "id" the noun ("my id", "photo id").
WOULD_SUBJECTS = {"i", "we", "you", "they", "he", "she"}
NOUN_AFTER = {"my", "your", "his", "her", "their", "our", "the", "a", "an", "photo", "user"}


def _typed_would(token: Token) -> bool:
    """The bare "d" of "id", "youd" typed for "I'd", "you'd", before the word it helps."""
    doc = token.doc
    if token.text != "d" or token.i == 0 or token.i + 1 >= len(doc):
        return False
    subject = doc[token.i - 1]
    if subject.lower_ not in WOULD_SUBJECTS or subject.whitespace_:
        return False
    if subject.i and doc[subject.i - 1].lower_ in NOUN_AFTER:
        return False
    return doc[token.i + 1].is_alpha


def _in_a_name(token: Token) -> bool:
    """The "u" of "u-haul" or "U-turn", joined to the next word by a hyphen."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc):
        return False
    hyphen = doc[token.i + 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and doc[token.i + 2].is_alpha


def _names_will(token: Token) -> bool:
    """ "Dan'll", "Priya'll": a capitalised name with "'ll" joined on."""
    text = token.text.replace("\u2019", "'")
    head = text[:-3]
    return text.endswith("'ll") and len(head) >= 2 and head.isalpha() and head[0].isupper()


class ChatContractions:
    """Splits "ill" meaning "I'll" into "i" + "ll", "well" meaning "we'll" into "we" + "ll"
    and "u'll" and "Dan'll" into "u" / "Dan" + "'ll" (norm "will"); reads the "d" of "id"
    typed for "I'd" as "would" and "u" as "you"."""

    def __call__(self, doc: Doc) -> Doc:
        names = [doc[t.i : t.i + 3] for t in doc if t.lower_ == "u" and _in_a_name(t)]
        if names:
            # "the u-haul will be there at 9": one word, so its "u" is nobody.
            with doc.retokenize() as retokenizer:
                for span in filter_spans(names):  # "u-u-u can have it" stutters
                    retokenizer.merge(span)
        for token in doc:
            if token.lower_ in TYPED_PROBABLY:
                token.norm_ = "probably"  # read as the adverb it stands for
            elif token.lower_ in TYPED_AUX:
                token.norm_ = TYPED_AUX[token.lower_]
            elif token.lower_ == "u":
                token.norm_ = "you"  # cues said to "you" hold for "u": "75 each if u pay tonight"
            elif _typed_would(token):
                token.norm_ = "would"
        stops = [
            doc[t.i + 1]
            for t in doc
            if _typed_wednesday(doc, t.i) and doc[t.i + 1].text[-1:] == "."
        ]
        if stops:
            # "ill send it wed.": the full stop is no part of the day (nor of the due text).
            with doc.retokenize() as retokenizer:
                for token in stops:
                    retokenizer.split(token, [token.text[:-1], "."], heads=[(token, 0), (token, 0)])
        wednesdays = [doc[t.i : t.i + 2] for t in doc if _typed_wednesday(doc, t.i)]
        if wednesdays:
            with doc.retokenize() as retokenizer:
                for span in wednesdays:
                    retokenizer.merge(span, attrs={"NORM": "wednesday"})
        spots = [(t, 1, "i") for t in doc if _means_i_will(t)]
        spots += [(t, 2, "we") for t in doc if _means_we_will(t)]
        # "u'll" typed for "you'll", which spaCy keeps whole; so is a name's "'ll" ("Dan'll
        # bring the wood over").
        spots += [(t, 1, "you") for t in doc if t.lower_.replace("\u2019", "'") == "u'll"]
        spots += [(t, len(t.text) - 3, t.text[:-3].lower()) for t in doc if _names_will(t)]
        with doc.retokenize() as retokenizer:
            for token, cut, subject in spots:
                retokenizer.split(
                    token,
                    [token.text[:cut], token.text[cut:]],
                    heads=[(token, 1), (token, 1)],
                    attrs={"NORM": [subject, "will"]},
                )
        return doc


@Language.factory("chat_contractions", default_config={})
def make_chat_contractions(nlp: Language, name: str) -> ChatContractions:
    """Factory of the chat-contractions component."""
    return ChatContractions()
