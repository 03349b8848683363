"""Offline analysis: a recording or a transcript becomes a stored session.

Everything about the input is checked before the session row is written, and a failure
after that removes the session again, so a bad input never leaves half a session behind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copilot.asr.transcriber import (
    AsrOptions,
    RecognisedSegment,
    transcribe_track,
)
from copilot.audio.decode import AUDIO_EXTENSIONS, decode_tracks
from copilot.audio.diarize import (
    DiarizeOptions,
    diarize,
    embed_speech,
    speaker_of,
    voice_means,
)
from copilot.audio.voice_profile import (
    Heard,
    is_outdated,
    learn_profile,
    load_profile,
    without_echo,
)
from copilot.coach.engine import CoachOptions, FlagEngine
from copilot.coach.prep import PrepSheet
from copilot.errors import InputError
from copilot.events import Party, Utterance
from copilot.session import Session, Understander
from copilot.store import Store
from copilot.transcripts import TRANSCRIPT_EXTENSIONS, assign_parties, read_transcript
from copilot.understand.options import UnderstandingOptions
from models.whisper import WhisperSettings, load_whisper

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

# (seconds done, seconds in all) while a recording is transcribed.
Progress = Callable[[float, float], None]


@dataclass
class AnalyzeOptions:
    """How to analyse inputs.

    Attributes:
        me: the speaker name that is your side in transcripts.
        counterpart: who the negotiation was with (else the prep sheet's).
        channels: how to read a recording's channels (see ``decode.CHANNEL_CHOICES``).
        meeting_date: the meeting date (ISO) that relative due dates count from.
        whisper: which speech model to load and how.
        asr: decoding options.
        understanding: the understanding pipeline's settings.
        prep: the prep sheet (issues, targets, walk-aways), or None.
        coach: the flag engine's thresholds.
        replace: a file analysed before replaces its earlier sessions (once the new one
            is stored); otherwise both are kept and the notice says so.
        diarize: split a track that holds several voices (mono, or stereo read as mono)
            by voice: "Speaker 1", "Speaker 2"… in order of first speech.
        me_voice: which of those voices is you: "first", "second", or "auto" (the one
            that matches your voice profile); otherwise the parties stay unknown, as no
            guess is made.
        diarization: the voice splitting's settings.
        voice_profile: where your voice profile is kept: learnt from the "you" channel of
            stereo recordings (and live calls' microphones), matched by
            ``me_voice="auto"``; None leaves it alone.
    """

    me: str | None = None
    counterpart: str | None = None
    channels: str | None = None
    meeting_date: str | None = None
    whisper: WhisperSettings = field(default_factory=WhisperSettings)
    asr: AsrOptions = field(default_factory=AsrOptions)
    understanding: UnderstandingOptions = field(default_factory=UnderstandingOptions)
    prep: PrepSheet | None = None
    coach: CoachOptions = field(default_factory=CoachOptions)
    replace: bool = False
    diarize: bool = True
    me_voice: str | None = None
    diarization: DiarizeOptions = field(default_factory=DiarizeOptions)
    voice_profile: Path | None = None


def input_kind(path: Path) -> str:
    """ "audio" or "transcript"; raises InputError for anything that cannot be analysed."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix in AUDIO_EXTENSIONS:
        return "audio"
    if suffix in TRANSCRIPT_EXTENSIONS:
        return "transcript"
    known = ", ".join(AUDIO_EXTENSIONS + TRANSCRIPT_EXTENSIONS)
    raise InputError(f"{path.name}: unknown file type {suffix or '(none)'} (known: {known})")


class Analyzer:
    """Analyses files one after another, loading each model once, on first need.

    Args:
        options: analysis options.
        understander_factory: builds the understanding pipeline; None stores utterances
            without moves.
        notice: told in one line what was decided about an input (a stereo file read as
            mono); the CLI prints it on stderr.
    """

    def __init__(
        self,
        options: AnalyzeOptions,
        understander_factory: Callable[[AnalyzeOptions], Understander] | None = None,
        notice: Callable[[str], None] | None = None,
    ):
        self.options = options
        self._notice = notice
        self._understander_factory = understander_factory
        self._understander: Understander | None = None
        self._whisper: WhisperModel | None = None
        self._voice_encoder: Any = None
        self.model_label: str | None = None

    @property
    def whisper(self) -> WhisperModel:
        """The speech model, loaded on first use."""
        if self._whisper is None:
            self._whisper, resolved = load_whisper(self.options.whisper)
            self.model_label = resolved.label
        return self._whisper

    def understander(self) -> Understander | None:
        """The understanding pipeline, built on first use."""
        if self._understander is None and self._understander_factory is not None:
            self._understander = self._understander_factory(self.options.understanding)
        return self._understander

    def analyze(self, path: Path, store: Store, progress: Progress | None = None) -> dict[str, Any]:
        """Analyse one file into a new session; returns the session in the JSON schema.

        Raises:
            InputError: the file cannot be analysed; nothing was stored for it.
        """
        kind = input_kind(path)
        lines = self._audio_lines(path, progress) if kind == "audio" else self._text_lines(path)
        mode = "recording" if kind == "audio" else "transcript"
        earlier = _sessions_of(store, path)
        result = self.store_lines(path, mode, lines, store)
        if earlier and self.options.replace:
            for session_id in earlier:
                store.delete_session(session_id)
            self._say(f"{path.name}: replaced session {', '.join(map(str, earlier))}")
        elif earlier:
            self._say(
                f"{path.name} was analysed before (session {', '.join(map(str, earlier))}); "
                f"kept both, this is session {result['session_id']} (--replace replaces it)"
            )
        return result

    def _say(self, line: str) -> None:
        if self._notice is not None:
            self._notice(line)

    def _text_lines(self, path: Path) -> list[Utterance]:
        transcript = read_transcript(path)
        speakers = [line.speaker for line in transcript]
        parties = assign_parties(speakers, self.options.me)
        named = list(dict.fromkeys(name for name in speakers if name))
        if self.options.me and named and "you" not in parties.values():
            # A misspelt --me would store a session with every party unknown.
            raise InputError(
                f"{path.name}: --me {self.options.me!r} is none of its speakers "
                f"({', '.join(named)})"
            )
        return [replace(line, party=parties[line.speaker]) for line in transcript]

    def _audio_lines(self, path: Path, progress: Progress | None) -> list[Utterance]:
        tracks = decode_tracks(path, self.options.channels, self._say)
        total = sum(track.duration for track in tracks)
        done_before = 0.0
        lines: list[Utterance] = []
        for track in tracks:

            def on_progress(seconds: float, offset: float = done_before) -> None:
                if progress is not None:
                    progress(min(offset + seconds, total), total)

            asr = self.options.asr
            if self.options.prep and self.options.prep.hotwords() and not asr.hotwords:
                asr = replace(asr, hotwords=self.options.prep.hotwords())
            segments = list(transcribe_track(self.whisper, track.samples, asr, on_progress))
            if track.party == Party.YOU and self.options.voice_profile is not None:
                theirs = [t.samples for t in tracks if t.party == Party.THEM]
                self._learn_voice(track.samples, theirs[0] if theirs else None)
            if track.party == Party.UNKNOWN and self.options.diarize:
                lines += self._by_voice(path, track.samples, segments)
            else:
                lines += [
                    _utterance(
                        segment, track.party, self.options.me if track.party == Party.YOU else None
                    )
                    for segment in segments
                ]
            done_before += track.duration
            if progress is not None:
                progress(done_before, total)
        if not lines:
            raise InputError(f"{path.name}: no speech found in {total:.0f} s of audio")
        lines.sort(key=lambda line: (line.start or 0.0, line.party))
        return lines

    def voice_encoder(self) -> Any:
        """The voice encoder (CAM++), loaded on first use."""
        from models.campplus_encoder import CamPlusEncoder

        if self._voice_encoder is None:
            self._voice_encoder = CamPlusEncoder()
        return self._voice_encoder

    def _learn_voice(self, samples: Any, their_samples: Any = None) -> None:
        """Average the first minute of your channel's speech into your voice profile, less
        the other side's echo (speech on your channel while they spoke, in their voice)."""
        import numpy as np

        path = self.options.voice_profile
        assert path is not None
        embed = self.voice_encoder().embed_windows
        if their_samples is not None:
            mine = without_echo(Heard.regions(samples), Heard.regions(their_samples), embed)
            if not mine:
                return
            samples = np.concatenate([part.samples for part in mine])
        embedding, seconds = embed_speech(samples, embed)
        if embedding is not None:
            learn_profile(path, embedding, seconds)

    def _my_voice(self, windows: list[Any]) -> int | None:
        """Which voice is you, by ``me_voice`` (or the profile, for "auto"); None: not known."""
        choice = self.options.me_voice or ""
        if choice in ("first", "second"):
            return {"first": 0, "second": 1}[choice]
        if choice != "auto":
            return None
        profile = load_profile(self.options.voice_profile) if self.options.voice_profile else None
        if profile is None:
            path = self.options.voice_profile
            kind = "an outdated" if path is not None and is_outdated(path) else "no"
            self._say(f"{kind} voice profile: it is learnt from your microphone in calls "
                      "and the 'you' channel of stereo recordings; pass --me-voice "
                      "first|second")  # fmt: skip
            return None
        means = voice_means(windows)
        found = profile.closest(list(means.values()))
        if found is None:
            self._say(
                "no voice matches your voice profile well enough: pass --me-voice first|second"
            )
            return None
        return list(means)[found]

    def _by_voice(
        self, path: Path, samples: Any, segments: list[RecognisedSegment]
    ) -> list[Utterance]:
        """One track's utterances, split where the voice changes, each with its speaker
        ("Speaker 1" spoke first); the parties stay unknown unless ``me_voice`` says."""
        windows = diarize(samples, self.voice_encoder().embed_windows, self.options.diarization)
        pieces = [pair for segment in segments for pair in _split_by_voice(segment, windows)]
        # Counted in the words, not the windows: a voice whose windows all fall in pauses
        # or at turns' edges speaks no utterance, and "2 voices found" must show two.
        voices = {heard for _piece, heard in pieces if heard is not None}
        if len(voices) < 2:
            if windows and (self.options.diarization.speakers or 0) >= 2:
                self._say(f"{path.name}: the voices could not be told apart; kept as one")
            elif windows and not self.options.diarization.speakers:
                self._say(
                    f"{path.name}: one voice found; if two people speak, analyse it again "
                    "with --voices 2 --replace"
                )
            return [_utterance(segment, Party.UNKNOWN, None) for segment in segments]
        mine = self._my_voice(windows)
        hint = "" if mine is not None else ": --me-voice first|second|auto says which is yours"
        self._say(f"{len(voices)} voices found{hint}")
        # Numbered by who is heard first in the utterances, which the smoothing of a turn's
        # edges may change from the windows' order: "Speaker 1" and --me-voice first stay
        # the voice of the first utterance.
        order: dict[int, int] = {}
        for _piece, heard in pieces:
            if heard is not None:
                order.setdefault(heard, len(order))
        if mine is not None and self.options.me_voice == "auto":
            mine = order.get(mine)  # the profile matched a window's voice
        lines = []
        for piece, heard in pieces:
            number = None if heard is None else order[heard]
            party = Party.UNKNOWN if mine is None else _party_of(number, mine)
            name = None if number is None else f"Speaker {number + 1}"
            lines.append(_utterance(piece, party, name))
        return lines

    def relabel(self, store: Store, session_id: int, me_speaker: str) -> dict[str, Any]:
        """Say which speaker of a stored session is you (a voice found on one track, or a
        transcript's name): its utterances are understood and coached again with the
        parties set, into a session that takes the old one's place and start time. The old
        one is deleted only once the new one is stored; no audio is transcribed again.

        Raises:
            InputError: the session has no such speaker.
        """
        row = store.session(session_id)
        rows = store.utterances(session_id)
        speakers = sorted({r["speaker"] for r in rows if r["speaker"]})
        if me_speaker not in speakers:
            known = ", ".join(speakers) or "no named speakers"
            raise InputError(f"session {session_id} has no speaker {me_speaker!r} ({known})")
        lines = [
            Utterance(
                Party.YOU if r["speaker"] == me_speaker else Party.THEM,
                r["text"],
                speaker=r["speaker"],
                start=r["start"],
                end=r["end"],
                avg_logprob=r["avg_logprob"],
            )
            for r in rows
        ]
        prep = PrepSheet.from_dict(json.loads(row["prep"])) if row.get("prep") else None
        options = replace(
            self.options,
            me=me_speaker,
            meeting_date=row["meeting_date"],
            counterpart=row["counterpart"],
            prep=prep,
        )
        source = Path(row["source"]) if row["source"] else Path(row["mode"])
        result = self.store_lines(source, row["mode"], lines, store, options)
        store.take_place_of(result["session_id"], session_id)
        return result

    def store_lines(
        self,
        path: Path,
        mode: str,
        lines: list[Utterance],
        store: Store,
        options: AnalyzeOptions | None = None,
    ) -> dict[str, Any]:
        """Understand, coach and store utterances as a new session (``options``: this
        analyser's unless given); its JSON result."""
        options = options or self.options
        understander = self.understander()
        meeting_date = options.meeting_date or dt.date.today().isoformat()
        prep = options.prep
        session_id = store.create_session(
            mode=mode,
            source=str(path),
            me=options.me,
            meeting_date=meeting_date,
            prep=prep.to_dict() if prep else None,
            counterpart=options.counterpart or (prep.counterpart if prep else None),
        )
        try:
            coach = FlagEngine(options.coach, prep, live=False)
            session = Session(store, session_id, understander, coach, meeting_date, prep)
            for line in lines:
                session.add_utterance(line)
            session.finish("done")
        except BaseException:
            store.delete_session(session_id)
            raise
        from copilot.review import build_review

        result = session.result()
        result["scorecard"] = build_review(store, session_id)["scorecard"]
        return result


def _sessions_of(store: Store, path: Path) -> list[int]:
    """Stored sessions analysed from the same file (by its resolved path)."""
    target = path.resolve()
    return sorted(
        row["id"]
        for row in store.sessions()
        if row["mode"] != "live" and row["source"] and Path(row["source"]).resolve() == target
    )


def _utterance(segment: RecognisedSegment, party: str, speaker: str | None) -> Utterance:
    return Utterance(
        party,
        segment.text,
        speaker=speaker,
        start=round(segment.start, 2),
        end=round(segment.end, 2),
        avg_logprob=segment.avg_logprob,
    )


def _party_of(voice: int | None, mine: int) -> Party:
    return Party.YOU if voice == mine else Party.THEM


def _split_by_voice(
    segment: RecognisedSegment, windows: list[Any]
) -> list[tuple[RecognisedSegment, int | None]]:
    """A segment cut where its words' voice changes, each piece with its voice (a segment
    without words stays whole).

    A lone word whose voice differs from its neighbours' takes theirs: at a turn's edge a
    window still hears some of the other voice, and one word is too little to tell.
    """
    if not segment.words:
        return [(segment, speaker_of(windows, segment.start, segment.end))]
    voices = [speaker_of(windows, word.start, word.end) for word in segment.words]
    for i in range(len(voices)):
        around = {voices[j] for j in (i - 1, i + 1) if 0 <= j < len(voices)}
        if len(around) == 1 and voices[i] not in around and len(voices) > 1:
            voices[i] = around.pop()
    _smooth_brief_runs(segment.words, voices)
    pieces, group = [], [0]
    for i in range(1, len(voices) + 1):
        if i == len(voices) or voices[i] != voices[group[-1]]:
            words = [segment.words[j] for j in group]
            text = "".join(word.text for word in words).strip()
            if text:
                piece = RecognisedSegment(
                    words[0].start, words[-1].end, text, segment.avg_logprob, words
                )
                pieces.append((piece, voices[group[0]]))
            group = [i]
        else:
            group.append(i)
    return pieces


# A stretch of one voice this short inside a segment is the windows' blur at a turn's edge,
# not a turn (windows are 1.5 s long): "Why is the | reduction important | right now?" is
# one voice, and so is "Finance cut our | software budget after the merger." when nothing
# parts them (synthesised dialogues flickered so).
BRIEF_INSIDE_S = 1.5  # between two stretches of the same other voice
BRIEF_AT_EDGE_S = 1.0  # at the segment's start or end, with no pause after or before it
NO_PAUSE_S = 0.2


def _smooth_brief_runs(words: list[Any], voices: list[int | None]) -> None:
    """Give brief runs of one voice the voice around them (in place): first those between
    two runs of the same voice, shortest first; then those at an edge that run into the
    next without a pause."""
    while True:
        runs = _runs(voices)
        if len(runs) < 2:
            return
        inside, at_edge = [], []
        for n, (first, last, _voice) in enumerate(runs):
            length = words[last].end - words[first].start
            before = runs[n - 1] if n else None
            after = runs[n + 1] if n + 1 < len(runs) else None
            if before and after:
                if before[2] == after[2] and length < BRIEF_INSIDE_S:
                    inside.append((length, first, last, before[2]))
                continue
            neighbour = after if before is None else before
            assert neighbour is not None
            pause = (
                words[neighbour[0]].start - words[last].end
                if before is None
                else words[first].start - words[neighbour[1]].end
            )
            if length < BRIEF_AT_EDGE_S and pause < NO_PAUSE_S:
                at_edge.append((length, first, last, neighbour[2]))
        if not (inside or at_edge):
            return
        _length, first, last, voice = min(inside or at_edge)
        voices[first : last + 1] = [voice] * (last - first + 1)


def _runs(voices: list[int | None]) -> list[tuple[int, int, int | None]]:
    """(first, last, voice) of each stretch of words with one voice."""
    runs: list[tuple[int, int, int | None]] = []
    for i, voice in enumerate(voices):
        if runs and runs[-1][2] == voice:
            runs[-1] = (runs[-1][0], i, voice)
        else:
            runs.append((i, i, voice))
    return runs
