"""Benchmark: live latency through real PulseAudio capture, for several start times.

Two null sinks stand in for the microphone and the call's audio; ``listen --json`` runs as
its own process and captures their monitors, exactly as it would a call. A synthesised
stereo dialogue is played into them with paplay (left you, right them), some time after
the engine says "listening". Printed per start time and party: the engine's ``speech_end``
against the true end of speech (found from the audio: espeak-ng's trailing silence is
trimmed), and true end of speech → the utterance's line read from stdout, p50/p95, and
whether every turn came out with the right party.

    uv run python benchmarks/live_capture.py [--starts 0.3 1 5 30] [--reopen] [--rate 48000]

``--real-voices`` plays 60 s of a real meeting (AMI ES2004a, four people, CC BY 4.0, credit
the AMI Consortium) into the call's sink instead, at the sinks' rate, and prints the word
error rate of what the engine heard against the corpus's words, beside ``analyze`` on the
same file: how the capture and resampling path does on people rather than espeak-ng.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dialogue import SCRIPT  # noqa: E402
from copilot.audio.synth import Turn, synthesise_dialogue, write_wav  # noqa: E402
from tests.wer import word_error_rate  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def ensure_pulseaudio() -> str:
    """The sound server's name; a PulseAudio is started if none answers (as root it warns,
    and works). PipeWire's pipewire-pulse answers as well."""
    for tool in ("pactl", "paplay"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install pulseaudio-utils)")
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        if shutil.which("pulseaudio") is None:
            raise SystemExit("no sound server answers and pulseaudio is not installed")
        subprocess.run(["pulseaudio", "--start", "--exit-idle-time=-1"], timeout=30)
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True).stdout
    names = [line.split(":", 1)[1].strip() for line in info.splitlines() if "Server Name" in line]
    return names[0] if names else "unknown"


@dataclass
class NullSink:
    """A null sink whose monitor is a capture source; unloaded on ``close``."""

    name: str
    rate: int | None = None
    module: str = ""

    def open(self) -> NullSink:
        args = ["pactl", "load-module", "module-null-sink", f"sink_name={self.name}"]
        if self.rate:
            args.append(f"rate={self.rate}")
        self.module = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        self.module = self.module.strip()
        return self

    def close(self) -> None:
        if self.module:
            subprocess.run(["pactl", "unload-module", self.module], capture_output=True)


@dataclass
class Run:
    """One session: events as read, with the time each line arrived."""

    events: list[tuple[float, dict]] = field(default_factory=list)
    listening: threading.Event = field(default_factory=threading.Event)


def listen(db: Path, you: str, them: str) -> tuple[subprocess.Popen, Run]:
    command = [
        sys.executable, "-m", "copilot.cli", "listen", "--json", "--db", str(db),
        "--mic", f"{you}.monitor", "--loopback", f"{them}.monitor",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    run = Run()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            event = json.loads(line)
            run.events.append((time.monotonic(), event))
            if event.get("state") == "listening" and "restored" not in event:
                run.listening.set()

    threading.Thread(target=read, daemon=True).start()
    return process, run


def play(sinks: dict[str, str], wavs: dict[str, Path]) -> float:
    """Start both channels at once; returns the time playback was started."""
    started = time.monotonic()
    players = [
        subprocess.Popen(["paplay", f"--device={sinks[p]}", str(wavs[p])]) for p in ("you", "them")
    ]
    for player in players:
        player.wait(timeout=300)
    return started


def force_reopen(run: Run, sink: NullSink) -> None:
    """Remove the call's sink and bring it back: the engine loses and reopens the device."""
    sink.close()
    for wanted in ("device_lost", "restored"):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            states = [e for _t, e in run.events if e["type"] == "status"]
            if any(e["state"] == "device_lost" for e in states) and wanted == "device_lost":
                sink.open()
                break
            if wanted == "restored" and any(e.get("restored") for e in states):
                return
            time.sleep(0.1)
    raise SystemExit("the engine did not lose and reopen the device")


def measure(
    start_after: float,
    sinks: dict[str, str],
    wavs: dict[str, Path],
    turns: list[Turn],
    reopen: NullSink | None = None,
):
    """One session: speech starts ``start_after`` seconds after "listening" (or after a
    forced reopen of ``reopen``)."""
    with tempfile.TemporaryDirectory() as scratch:
        process, run = listen(Path(scratch) / "live.db", sinks["you"], sinks["them"])
        try:
            if not run.listening.wait(180):
                raise SystemExit(f"listen never started: {[e for _t, e in run.events]}")
            if reopen is not None:
                force_reopen(run, reopen)
            time.sleep(start_after)
            started = play(sinks, wavs)
            time.sleep(3.0)
        finally:
            process.terminate()
            process.wait(timeout=120)
    finals = [(t, e) for t, e in run.events if e["type"] == "utterance" and not e.get("interim")]
    statuses = [e["state"] for _t, e in run.events if e["type"] == "status"]
    said = " ".join(turn.text for turn in turns)
    heard = " ".join(e["text"] for _t, e in sorted(finals, key=lambda f: f[1]["speech_end"]))
    rows = []
    for turn in turns:
        true_end = started + turn.end
        candidates = [
            (abs(e["speech_end"] - true_end), arrived, e)
            for arrived, e in finals
            if e["party"] == turn.party and abs(e["speech_end"] - true_end) < 3.0
        ]
        if not candidates:
            rows.append((turn.party, None, None))
            continue
        _gap, arrived, event = min(candidates, key=lambda c: c[0])
        rows.append((turn.party, event["speech_end"] - true_end, arrived - true_end))
    return rows, statuses, len(finals), word_error_rate(said, heard)


AMI = ROOT.parent / "shared" / "audio" / "ami"


def measure_real_voices(sinks: dict[str, str], scratch: Path) -> tuple[float, int]:
    """Play the AMI clip as the call's audio (nothing on the mic); the WER of the finals."""
    clip = AMI / "ami-es2004a-mono.wav"
    reference = json.loads((AMI / "ami-es2004a.json").read_text())
    said = " ".join(turn["text"] for turn in reference["turns"])
    silence = scratch / "silence.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(silence), "trim", "0", "1"])
    process, run = listen(scratch / "real.db", sinks["you"], sinks["them"])
    try:
        if not run.listening.wait(180):
            raise SystemExit(f"listen never started: {[e for _t, e in run.events]}")
        time.sleep(1.0)
        play(sinks, {"you": silence, "them": clip})
        time.sleep(4.0)
    finally:
        process.terminate()
        process.wait(timeout=120)
    finals = [e for _t, e in run.events if e["type"] == "utterance" and not e.get("interim")]
    heard = " ".join(e["text"] for e in sorted(finals, key=lambda e: e["speech_end"]))
    return word_error_rate(said, heard), len(finals)


def offline_real_voices() -> float:
    """``analyze`` on the same clip (beam 5, nothing waits): the figure to compare with."""
    from copilot.analyze import AnalyzeOptions, Analyzer
    from copilot.store import Store

    reference = json.loads((AMI / "ami-es2004a.json").read_text())
    said = " ".join(turn["text"] for turn in reference["turns"])
    with tempfile.TemporaryDirectory() as scratch:
        result = Analyzer(AnalyzeOptions()).analyze(
            AMI / "ami-es2004a-mono.wav", Store(Path(scratch) / "a.db")
        )
    return word_error_rate(said, " ".join(u["text"] for u in result["utterances"]))


def main_real_voices(rates: list[int | None], server: str) -> None:
    if not (AMI / "ami-es2004a-mono.wav").is_file():
        raise SystemExit(f"the real-voice clip is missing: {AMI}")
    print(f"AMI ES2004a, 60 s, four people (credit: the AMI Consortium); {server}")
    print(f"analyze (offline, beam 5): WER {offline_real_voices():.3f}", flush=True)
    for rate in rates:
        tag = os.getpid()
        sinks = {"you": f"bench_you_{tag}", "them": f"bench_them_{tag}"}
        opened = [NullSink(name, rate).open() for name in sinks.values()]
        try:
            with tempfile.TemporaryDirectory() as scratch:
                wer, finals = measure_real_voices(sinks, Path(scratch))
        finally:
            for sink in opened:
                sink.close()
        print(f"listen, null sinks at {rate or 'default'} Hz: WER {wer:.3f}, {finals} utterances")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", nargs="+", type=float, default=[0.3, 1.0, 5.0, 30.0])
    parser.add_argument("--rate", type=int, default=None, help="null sinks' rate (48000)")
    parser.add_argument(
        "--reopen", action="store_true", help="also: 0.3 s after a forced reopen of the call"
    )
    parser.add_argument(
        "--real-voices", action="store_true", help="a real meeting at 16 and 48 kHz instead"
    )
    args = parser.parse_args()
    server = ensure_pulseaudio()
    if args.real_voices:
        main_real_voices([16000, 48000], server)
        return
    turns = [Turn(party, text) for party, text in SCRIPT]
    you, them = synthesise_dialogue(turns)
    with tempfile.TemporaryDirectory() as scratch:
        wavs = {
            "you": write_wav(Path(scratch) / "you.wav", you),
            "them": write_wav(Path(scratch) / "them.wav", them),
        }
        tag = os.getpid()
        sinks = {"you": f"bench_you_{tag}", "them": f"bench_them_{tag}"}
        opened = [NullSink(name, args.rate).open() for name in sinks.values()]
        try:
            print(f"{len(turns)} turns; {server}; null sinks at {args.rate or 'default'} Hz")
            header = "start   party  turns heard  speech_end lag p50/max   end->line p50/p95"
            print(header)
            plan = [(start, None) for start in args.starts]
            if args.reopen:
                plan.append((0.3, opened[1]))
            for start_after, reopen in plan:
                rows, statuses, finals, wer = measure(start_after, sinks, wavs, turns, reopen)
                label = f"{start_after:>5.1f}s" + (" after reopen" if reopen else "")
                for party in ("you", "them"):
                    mine = [r for r in rows if r[0] == party]
                    heard = [r for r in mine if r[1] is not None]
                    lags = [r[1] for r in heard] or [float("nan")]
                    lines = [r[2] for r in heard] or [float("nan")]
                    print(
                        f"{label}  {party:<5}  {len(heard):>2}/{len(mine):<2}"
                        f"        {statistics.median(lags):5.2f} / {max(lags):5.2f} s"
                        f"      {statistics.median(lines):5.2f} / {percentile(lines, 0.95):5.2f} s"
                    )
                others = sorted(set(statuses) - {"loading", "loaded", "listening", "done"})
                print(
                    f"        finals {finals}, WER {wer:.3f}, other states: {others or 'none'}",
                    flush=True,
                )
        finally:
            for sink in opened:
                sink.close()


if __name__ == "__main__":
    main()
