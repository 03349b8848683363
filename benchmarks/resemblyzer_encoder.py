"""Resemblyzer's speaker encoder, run with numpy: a voice → a 256-d embedding.

The app's voice encoder until CAM++ (``models/campplus_encoder.py``) replaced it; kept for
``benchmarks/diarization.py``, which prints both. The weights ship inside the Resemblyzer
wheel on PyPI (Apache-2.0, Jemine 2019; a dev dependency pinned in uv.lock, its torch,
librosa and webrtcvad requirements dropped in ``[tool.uv]``). They are a torch checkpoint
in the legacy format: a few pickles, then each tensor's raw bytes.
``read_legacy_checkpoint`` reads that without torch (its unpickler accepts only the three
names such a file uses, so the file cannot run code), and ``SpeakerEncoder`` runs the
network: 40 mel bands every 10 ms → a 3-layer LSTM (256) → linear → ReLU → L2 norm.
"""

from __future__ import annotations

import importlib.util
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from models.errors import ModelError

SAMPLE_RATE = 16000
MEL_BANDS = 40
WINDOW = 400  # 25 ms
HOP = 160  # 10 ms
TARGET_DBFS = -30.0  # quieter audio is raised to this level, as Resemblyzer does
_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64}


@dataclass
class _Storage:
    dtype: Any
    size: int
    data: np.ndarray | None = None


@dataclass
class _TensorRef:
    storage: _Storage
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]

    def array(self) -> np.ndarray:
        assert self.storage.data is not None
        data = self.storage.data[self.offset :]
        item = data.itemsize
        strides = tuple(s * item for s in self.stride)
        return np.lib.stride_tricks.as_strided(data, self.shape, strides).copy()


class _StorageType:
    def __init__(self, name: str):
        if name not in _DTYPES:
            raise pickle.UnpicklingError(f"unexpected storage type {name}")
        self.dtype = _DTYPES[name]


def _rebuild_tensor(storage: _Storage, offset: int, shape: Any, stride: Any, *_: Any) -> _TensorRef:
    return _TensorRef(storage, offset, tuple(shape), tuple(stride))


class _CheckpointUnpickler(pickle.Unpickler):
    def __init__(self, file: BinaryIO):
        super().__init__(file)
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("collections", "OrderedDict"):
            return OrderedDict
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor
        if module == "torch" and name.endswith("Storage"):
            return _StorageType(name)
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in a weights file")

    def persistent_load(self, pid: Any) -> _Storage:
        _kind, storage_type, key, _location, size, *_view = pid
        return self.storages.setdefault(key, _Storage(storage_type.dtype, int(size)))


def read_legacy_checkpoint(path: Path) -> dict[str, Any]:
    """A torch checkpoint of the legacy (pre-zip) format, tensors as numpy arrays.

    Raises:
        ModelError: not such a checkpoint.
    """
    try:
        with path.open("rb") as file:
            for _header in range(3):  # magic number, protocol version, system info
                pickle.load(file)
            unpickler = _CheckpointUnpickler(file)
            checkpoint = unpickler.load()
            for key in pickle.load(file):
                storage = unpickler.storages[key]
                count = int(np.frombuffer(file.read(8), "<i8")[0])
                raw = file.read(count * np.dtype(storage.dtype).itemsize)
                storage.data = np.frombuffer(raw, storage.dtype)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, IndexError, ValueError) as exc:
        raise ModelError(f"cannot read the speaker encoder's weights {path}: {exc}") from exc

    def materialise(value: Any) -> Any:
        if isinstance(value, _TensorRef):
            return value.array()
        if isinstance(value, dict):
            return {k: materialise(v) for k, v in value.items()}
        return value

    return materialise(checkpoint)


def resemblyzer_weights() -> Path:
    """The weights file inside the installed Resemblyzer package (found without importing
    it: its own code needs torch and scipy, which are not installed).

    Raises:
        ModelError: the package is not installed.
    """
    spec = importlib.util.find_spec("resemblyzer")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise ModelError("the resemblyzer package (the speaker encoder's weights) is missing")
    path = Path(folders[0]) / "pretrained.pt"
    if not path.is_file():
        raise ModelError(f"no speaker encoder weights at {path}")
    return path


def _hz_to_mel(hz: np.ndarray) -> np.ndarray:
    # Slaney's scale: linear below 1 kHz, logarithmic above (librosa's default).
    hz = np.asarray(hz, dtype=np.float64)
    mel = 3.0 * hz / 200.0
    above = hz >= 1000.0
    log_part = 15.0 + np.log(np.maximum(hz, 1e-10) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(above, log_part, mel)


def _mel_to_hz(mel: np.ndarray) -> np.ndarray:
    mel = np.asarray(mel, dtype=np.float64)
    hz = 200.0 * mel / 3.0
    return np.where(mel >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (mel - 15.0)), hz)


def mel_filters(n_fft: int = WINDOW, bands: int = MEL_BANDS, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Triangular mel filters, area-normalised (Slaney), as the encoder was trained with."""
    fft_hz = np.linspace(0.0, rate / 2, 1 + n_fft // 2)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(0.0), _hz_to_mel(rate / 2), bands + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - fft_hz[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges[2 : bands + 2] - edges[:bands]))[:, None]
    return weights.astype(np.float32)


_FILTERS = mel_filters()
_HANN = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WINDOW) / WINDOW)).astype(np.float32)


def mel_spectrogram(samples: np.ndarray) -> np.ndarray:
    """(frames, 40) power mel spectrogram, a frame every 10 ms (centred, zero-padded)."""
    padded = np.pad(samples.astype(np.float32), WINDOW // 2)
    count = 1 + (len(padded) - WINDOW) // HOP
    index = np.arange(WINDOW)[None, :] + HOP * np.arange(count)[:, None]
    power = np.abs(np.fft.rfft(padded[index] * _HANN, axis=1)) ** 2
    return (power @ _FILTERS.T).astype(np.float32)


def raise_quiet(samples: np.ndarray) -> np.ndarray:
    """Raise quiet audio to -30 dBFS (never lower it), as the encoder's training did."""
    power = float(np.mean(np.square(samples, dtype=np.float64)))
    if power <= 0.0:
        return samples
    gain_db = TARGET_DBFS - 10.0 * np.log10(power)
    return samples if gain_db <= 0 else samples * np.float32(10 ** (gain_db / 20))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class SpeakerEncoder:
    """Embeds windows of speech; voices alike give embeddings with a high dot product.

    Args:
        weights: the checkpoint (default: the one inside the Resemblyzer package).
    """

    FRAMES = 160  # the 1.6 s the encoder was trained on

    def __init__(self, weights: Path | None = None):
        state = read_legacy_checkpoint(weights or resemblyzer_weights())["model_state"]
        try:
            self._layers = [
                (
                    state[f"lstm.weight_ih_l{n}"].T.copy(),
                    state[f"lstm.weight_hh_l{n}"].T.copy(),
                    state[f"lstm.bias_ih_l{n}"] + state[f"lstm.bias_hh_l{n}"],
                )
                for n in range(3)
            ]
            self._linear = (state["linear.weight"].T.copy(), state["linear.bias"])
        except KeyError as exc:
            raise ModelError(f"the speaker encoder's weights lack {exc}") from exc

    def embed_mels(self, mels: np.ndarray) -> np.ndarray:
        """(batch, frames, 40) mel windows → (batch, 256) L2-normed embeddings."""
        x = mels.astype(np.float32)
        batch, steps, _ = x.shape
        for w_ih, w_hh, bias in self._layers:
            hidden = w_hh.shape[0]
            h = np.zeros((batch, hidden), np.float32)
            c = np.zeros((batch, hidden), np.float32)
            inputs = x @ w_ih + bias  # every step's input projection at once
            outputs = np.empty((batch, steps, hidden), np.float32)
            for t in range(steps):
                gates = inputs[:, t] + h @ w_hh
                i, f, g, o = np.split(gates, 4, axis=1)  # torch's gate order
                c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
                h = _sigmoid(o) * np.tanh(c)
                outputs[:, t] = h
            x = outputs
        weight, bias = self._linear
        raw = np.maximum(x[:, -1] @ weight + bias, 0.0)
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        return raw / np.maximum(norms, 1e-12)

    def embed_windows(self, samples: np.ndarray, starts: list[int], length: int) -> np.ndarray:
        """Embeddings of ``samples[start:start + length]`` for each start (16 kHz)."""
        if not starts:
            return np.zeros((0, 256), np.float32)
        mels = np.stack([mel_spectrogram(raise_quiet(samples[s : s + length])) for s in starts])
        return self.embed_mels(mels)
