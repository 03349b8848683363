"""The numpy MiniLM encoder against sentence-transformers and transformers on torch.

The reference numbers were computed once with sentence-transformers 6.2 and transformers
on torch 2.13 (CPU) from the same bundled files; torch is not a dependency of the app, so
they are recorded here rather than recomputed.
"""

from __future__ import annotations

import numpy as np
import pytest

from copilot.errors import ModelError
from models.encoder import EncoderSettings, SentenceEncoder

# The first eight dimensions of sentence-transformers' normalised embeddings.
REFERENCE = {
    "We can do forty two dollars per seat on a three year term.": [
        0.08866,
        -0.05042,
        0.02408,
        0.00266,
        -0.11636,
        0.01808,
        -0.08373,
        -0.02929,
    ],
    "Our biggest concern is budget predictability.": [
        0.04106,
        -0.00465,
        -0.05266,
        0.06253,
        0.06763,
        0.05155,
        -0.06206,
        -0.00845,
    ],
    "What is driving the longer term for you?": [
        0.05913,
        -0.01987,
        0.06782,
        0.09535,
        0.02821,
        0.02449,
        -0.01401,
        0.01965,
    ],
    "": [-0.11884, 0.0483, -0.00255, -0.01101, 0.05195, 0.01029, 0.11543, 0.0007],
}
# transformers' mean of the last layer for a pair (second segment: token type 1).
PAIR = ("Okay, sixty five works.", "Could you do sixty five dollars a seat?")
PAIR_REFERENCE = [0.24571, 0.31098, 0.04617, 0.10178, -0.68241, -0.15601, 0.08482, -0.32471]


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_embeddings_match_sentence_transformers(encoder):
    texts = list(REFERENCE)
    vectors = encoder.encode(texts)
    assert vectors.shape == (len(texts), 384)
    np.testing.assert_allclose(vectors[:, :8], np.array(list(REFERENCE.values())), atol=2e-4)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_a_pair_reads_the_second_text_as_the_second_segment(encoder):
    pooled = encoder.pooled(*PAIR)
    np.testing.assert_allclose(pooled[:8], PAIR_REFERENCE, atol=2e-4)
    assert not np.allclose(pooled, encoder.pooled(PAIR[0]))


def test_long_text_is_cut_to_the_token_budget():
    short = SentenceEncoder(EncoderSettings(max_tokens=16))
    long_text = "we could stretch the payment terms a little " * 500
    assert len(short.tokenizer.encode(long_text).ids) == 16
    assert np.isfinite(short.encode([long_text])).all()


def test_a_missing_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot load the sentence encoder"):
        SentenceEncoder(EncoderSettings(folder=tmp_path))
