"""Understanding: the spaCy components that find moves, terms and commitments in an utterance."""
