"""A scripted SaaS renewal used by the benchmarks (and the demo recording)."""

from __future__ import annotations

from pathlib import Path

from copilot.audio.synth import Turn, synthesise_dialogue, write_wav

SCRIPT = [
    ("you", "Thanks for joining. What matters most to your team in this renewal?"),
    ("them", "Our biggest concern is budget predictability for next year."),
    ("them", "We need a ten percent reduction on the per seat price."),
    ("you", "Why is the reduction important right now?"),
    ("them", "Finance cut our software budget after the merger."),
    ("you", "If you sign a three year term, we can take the price down to forty two dollars."),
    ("them", "That is still too high. This is our final offer, forty dollars per seat."),
    ("you", "We can come down to forty one, provided that you pay annually in advance."),
    ("them", "Fine, we will waive the pilot extension."),
    ("you", "Great. I will send the revised order form by Friday."),
    ("them", "Someone should check the security review with legal."),
    ("them", "Okay, forty one dollars works for us. We accept."),
]


def write_dialogue(path: Path, repeat: int = 1) -> tuple[Path, list[Turn]]:
    """Synthesise the script (``repeat`` times over) as a stereo WAV at ``path``."""
    turns = [Turn(party, text) for _ in range(repeat) for party, text in SCRIPT]
    you, them = synthesise_dialogue(turns)
    return write_wav(path, you, them), turns
