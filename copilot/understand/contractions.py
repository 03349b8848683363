"""Chat contractions that spaCy keeps whole.

spaCy's English tokenizer splits "youll", "theyll" and "im" as it splits "you'll", but not
"ill", because "ill" is also a word. People typing fast write "ill bring cash tonight"
far more often than they tell a negotiator they are ill, so ``chat_contractions`` splits
"ill" into "i" + "ll" (read as "will") unless the words around it make it the adjective
("i'm ill", "feeling ill", "ill health"). It runs first, before the tagger reads the words.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# "ill" after these is the adjective: "I'm ill", "she was ill", "feeling ill", "so ill".
ADJECTIVE_AFTER = {
    "am", "m", "'m", "im", "is", "s", "'s", "are", "re", "'re", "was", "were", "be", "been",
    "being", "feel", "feels", "felt", "feeling", "get", "gets", "got", "getting", "gotten",
    "fall", "falls", "fell", "fallen", "seem", "seems", "seemed", "look", "looks", "looked",
    "become", "became", "sound", "sounds", "so", "very", "really", "quite", "too", "pretty",
    "seriously", "critically", "terminally", "mentally", "chronically", "an", "the", "of",
}  # fmt: skip
# ...and before these: "ill health", "ill will", "ill at ease", "ill advised".
ADJECTIVE_BEFORE = {
    "health", "will", "effects", "effect", "advised", "fated", "at", "with", "and", "or",
    "from", "since", "for", "in", "treatment", "treated", "feeling", "feelings", "people",
}  # fmt: skip


def _means_i_will(token: Token) -> bool:
    if token.lower_ != "ill" or token.i + 1 >= len(token.doc):
        return False
    after = token.doc[token.i + 1]
    if not after.is_alpha or after.lower_ in ADJECTIVE_BEFORE:
        return False
    return token.i == 0 or token.doc[token.i - 1].lower_ not in ADJECTIVE_AFTER


class ChatContractions:
    """Splits "ill" meaning "I'll" into "i" + "ll" (norm "will")."""

    def __call__(self, doc: Doc) -> Doc:
        spots = [t for t in doc if _means_i_will(t)]
        with doc.retokenize() as retokenizer:
            for token in spots:
                retokenizer.split(
                    token,
                    [token.text[0], token.text[1:]],
                    heads=[(token, 1), (token, 1)],
                    attrs={"NORM": ["i", "will"]},
                )
        return doc


@Language.factory("chat_contractions", default_config={})
def make_chat_contractions(nlp: Language, name: str) -> ChatContractions:
    """Factory of the chat-contractions component."""
    return ChatContractions()
