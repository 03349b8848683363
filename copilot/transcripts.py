"""Readers for meeting transcripts: .txt, .vtt (Zoom, Teams), .srt and .jsonl.

Each cue or line becomes one ``Utterance`` whose party is not known yet
(``assign_parties`` decides it); consecutive lines of one speaker stay separate, because
each may carry its own move.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from copilot.errors import InputError
from copilot.events import Party, Utterance

TRANSCRIPT_EXTENSIONS = (".txt", ".vtt", ".srt", ".jsonl")

_TIMESTAMP = r"(?:\[?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?\s+)?"
_TXT_LINE = re.compile(_TIMESTAMP + r"(?P<name>[^:\[\]\n]{1,60}?)\s*:\s+(?P<text>\S.*)$")
_NAME_PREFIX = re.compile(r"^(?P<name>[^:\n]{1,60}?)\s*:\s+(?P<text>\S.*)$", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _line(
    speaker: str | None, text: str, start: float | None = None, end: float | None = None
) -> Utterance:
    return Utterance(Party.UNKNOWN, text, speaker=speaker, start=start, end=end)


def parse_clock(value: str) -> float:
    """Seconds from "hh:mm:ss.mmm", "mm:ss" or "hh:mm:ss,mmm"."""
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is not UTF-8 text (byte {exc.start}); re-save it as UTF-8"
        ) from exc


def _read_txt(path: Path) -> list[Utterance]:
    lines: list[Utterance] = []
    for raw in _read_text(path).splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        match = _TXT_LINE.match(stripped)
        if match:
            start = parse_clock(match["ts"]) if match["ts"] else None
            lines.append(_line(match["name"].strip(), match["text"].strip(), start))
        elif lines:
            # A wrapped line continues the previous speaker's utterance.
            lines[-1].text = f"{lines[-1].text} {stripped}"
    return lines


def _split_name(text: str) -> tuple[str | None, str]:
    match = _NAME_PREFIX.match(text)
    if match and len(match["name"].split()) <= 5:
        return match["name"].strip(), match["text"].strip()
    return None, text


def _read_cues(path: Path, loader: Callable[[str], object]) -> list[Utterance]:
    from webvtt.errors import MalformedFileError

    text = _read_text(path)
    try:
        captions = loader(text).captions  # type: ignore[attr-defined]
    except MalformedFileError as exc:
        raise InputError(f"{path.name} is not a valid {path.suffix[1:]} file: {exc}") from exc
    lines: list[Utterance] = []
    for caption in captions:
        body = " ".join(_TAG.sub("", caption.raw_text).split())
        if not body:
            continue
        speaker = getattr(caption, "voice", None)
        if not speaker:
            speaker, body = _split_name(body)
        lines.append(_line(speaker, body, parse_clock(caption.start), parse_clock(caption.end)))
    return lines


def _read_vtt(path: Path) -> list[Utterance]:
    import webvtt

    return _read_cues(path, webvtt.from_string)


def _read_srt(path: Path) -> list[Utterance]:
    import webvtt

    return _read_cues(path, lambda text: webvtt.WebVTT.from_buffer(text.splitlines(), format="srt"))


class _Record(BaseModel):
    """One line of a JSONL transcript; other keys are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    text: str
    speaker: str | None = None
    start: float | None = None  # seconds; strict: true and "soon" are refused
    end: float | None = None


# What each field's problem is called, for the one line the user reads.
_RECORD_PROBLEMS = {
    "text": 'each line needs a "text" string',
    "speaker": '"speaker" must be a string',
    "start": "start/end must be numbers of seconds",
    "end": "start/end must be numbers of seconds",
}


def _read_jsonl(path: Path) -> list[Utterance]:
    lines: list[Utterance] = []
    for number, raw in enumerate(_read_text(path).splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            record = _Record.model_validate_json(raw)
        except ValidationError as exc:
            error = exc.errors()[0]
            if error["type"] == "json_invalid":
                raise InputError(f"{where} is not JSON: {error['msg']}") from None
            field = str(error["loc"][0]) if error["loc"] else "text"
            raise InputError(f"{where}: {_RECORD_PROBLEMS.get(field, error['msg'])}") from None
        if record.text.strip():
            lines.append(_line(record.speaker, record.text.strip(), record.start, record.end))
    return lines


_READERS: dict[str, Callable[[Path], list[Utterance]]] = {
    ".txt": _read_txt,
    ".vtt": _read_vtt,
    ".srt": _read_srt,
    ".jsonl": _read_jsonl,
}


def read_transcript(path: Path) -> list[Utterance]:
    """Read a transcript into utterances.

    Raises:
        InputError: unreadable, not UTF-8, malformed, or without any named speaker.
    """
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path.name}: not a transcript ({', '.join(TRANSCRIPT_EXTENSIONS)})")
    lines = reader(path)
    if not any(line.speaker for line in lines):
        raise InputError(
            f"{path.name} has no speaker-labelled lines (expected 'Name: text' or <v Name>)"
        )
    return lines


def assign_parties(speakers: list[str | None], me: str | None) -> dict[str | None, str]:
    """Map each speaker name to a party.

    ``me`` (or a speaker called "You" or "Me") is your side. Once your side is known,
    everyone else is "them"; if it is not, every speaker stays "unknown" rather than
    a guess.
    """
    mine = {"you", "me"}
    if me:
        mine.add(me.strip().casefold())

    def is_mine(name: str | None) -> bool:
        if not name:
            return False
        folded = name.strip().casefold()
        if folded in mine:
            return True
        if not me or not me.strip():
            return False
        # "--me Priya" for "Priya Shah", and "--me 'Priya Shah'" for a speaker "Priya" (not
        # for "Priya Patel").
        given = me.strip().casefold()
        first_name_given = folded.split()[0] == given
        only_first_name_said = " " not in folded and folded == given.split()[0]
        return first_name_given or only_first_name_said

    known = any(is_mine(name) for name in speakers)
    return {
        name: ("you" if is_mine(name) else "them" if known and name else "unknown")
        for name in speakers
    }
