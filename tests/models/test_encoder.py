"""The move model's reader: MiniLM's embeddings in numpy, the shipped int8 layers.

The embedding reference was computed once with transformers on torch 2.13 (CPU) from the
same bundled files; torch is not a dependency of the app, so the numbers are recorded
here rather than recomputed. How the layers agree with torch is
``tests/copilot/understand/test_move_model.py``'s probe test.
"""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np
import pytest

from models.encoder import EncoderSettings, PairEncoder, Pending, has_exact_int8_products
from models.errors import ModelError
from models.understanding import MOVE_MODEL_DIR as MODEL_DIR

LAYERS = MODEL_DIR / "layers.int8.onnx"
PAIR = ("Okay, sixty five works.", "Could you do sixty five dollars a seat?")
# transformers' BertModel.embeddings for PAIR: the first six numbers of the fourth word
# piece (first segment) and of the second-last one (second segment, token type 1).
FOURTH = [0.31875, 0.93973, -0.33322, -0.29604, -0.39862, 0.20488]
SECOND_LAST = [-0.1179, -0.20974, 0.24601, 0.02442, 0.08349, 0.62528]


@pytest.fixture(scope="module")
def encoder():
    return PairEncoder(LAYERS)


def test_embeddings_match_transformers(encoder):
    embedded = encoder.embed(*PAIR)
    assert embedded.shape == (18, 384)
    np.testing.assert_allclose(embedded[3, :6], FOURTH, atol=2e-4)
    np.testing.assert_allclose(embedded[-2, :6], SECOND_LAST, atol=2e-4)


def test_a_pair_reads_the_text_before_as_context(encoder):
    alone, after = encoder.pooled(PAIR[0]), encoder.pooled(*PAIR)
    assert alone.shape == after.shape == (384,)
    assert np.isfinite(after).all()
    assert not np.allclose(alone, after, atol=1e-3)


def test_long_text_is_cut_to_the_token_budget():
    short = PairEncoder(LAYERS, EncoderSettings(max_tokens=16))
    long_text = "we could stretch the payment terms a little " * 500
    assert short.embed(long_text, long_text).shape == (16, 384)
    assert np.isfinite(short.pooled(long_text, long_text)).all()


def test_empty_text_still_has_its_special_tokens(encoder):
    assert encoder.embed("").shape == (2, 384)  # [CLS] [SEP]
    assert np.isfinite(encoder.pooled("", "")).all()


def test_a_missing_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot load the sentence encoder"):
        PairEncoder(LAYERS, EncoderSettings(folder=tmp_path))


def test_a_damaged_layers_file_is_a_model_error(tmp_path):
    damaged = tmp_path / "layers.int8.onnx"
    damaged.write_bytes(LAYERS.read_bytes()[:5000])
    with pytest.raises(ModelError, match="cannot load the encoder layers"):
        PairEncoder(damaged)


def test_a_pass_started_in_the_background_gives_what_pooled_gives(encoder):
    pending = encoder.start(*PAIR)
    np.testing.assert_array_equal(pending.result(), encoder.pooled(*PAIR))


def test_a_failed_background_pass_is_a_model_error(encoder, monkeypatch):
    monkeypatch.setattr(encoder, "embed", lambda *_texts: np.zeros((4, 100), dtype=np.float32))
    pending = encoder.start(*PAIR)
    with pytest.raises(ModelError, match="the encoder layers failed: .*384"):
        pending.result()


def test_a_background_pass_that_never_ends_times_out():
    with pytest.raises(ModelError, match="no result in 0.01 s"):
        Pending(Future(), timeout=0.01).result()


def test_passes_run_in_the_order_they_were_started(encoder):
    texts = ["We can do forty.", "That's our final offer.", "I'll send it Friday."]
    pendings = [encoder.start(text) for text in texts]
    for text, pending in zip(texts, pendings, strict=True):
        np.testing.assert_array_equal(pending.result(), encoder.pooled(text))


def test_two_threads_read_the_same_as_one(encoder):
    double = PairEncoder(LAYERS, EncoderSettings(threads=2))
    np.testing.assert_array_equal(double.start(*PAIR).result(), encoder.pooled(*PAIR))


def test_cpu_flags_say_whether_int8_sums_are_exact(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512bw avx512_vnni\n")
    assert has_exact_int8_products(cpuinfo)
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu avx2 avx512bw\n")
    assert not has_exact_int8_products(cpuinfo)
    assert not has_exact_int8_products(tmp_path / "missing")


@pytest.mark.skipif(not has_exact_int8_products(), reason="this CPU has no AVX-512 VNNI")
def test_with_vnni_the_widening_changes_no_score(encoder):
    """Why the 16-bit widening is skipped on such CPUs: the layers give the same bits."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.add_session_config_entry("session.x64quantprecision", "1")
    widened = onnxruntime.InferenceSession(str(LAYERS), options, providers=["CPUExecutionProvider"])
    for pair in (PAIR, ("Take it or leave it.", None), ("we can we can ship by march", "ok")):
        hidden = encoder.embed(*pair)[None]
        (plain,) = encoder.layers.run(["last"], {"hidden": hidden})
        (wide,) = widened.run(["last"], {"hidden": hidden})
        np.testing.assert_array_equal(plain, wide)
