"""The ``negotiation-copilot`` command line.

With no subcommand it opens the side panel. Every error the user can cause ends in one
line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.errors import CopilotError
from copilot.review_text import meeting_day, owner_text
from copilot.store import DB_ENV, Store, default_db_path
from copilot.understand.options import UnderstandingOptions

if TYPE_CHECKING:
    from rich.console import Console

PROG = "negotiation-copilot"
EXIT_ERROR = 2


# Piped or redirected, rich would lay tables out 80 columns wide and wrap every cell; a file
# or a pager has room, so tables keep their rows whole (COLUMNS still decides when set).
PIPED_WIDTH = 160


def _stdout_console(**options: object) -> Console:
    """A rich console on stdout, as wide as the terminal, or ``PIPED_WIDTH`` when piped."""
    from rich.console import Console

    piped = not (sys.stdout is not None and sys.stdout.isatty())
    if piped and "COLUMNS" not in os.environ:
        options.setdefault("width", PIPED_WIDTH)
    return Console(file=sys.stdout, **options)  # type: ignore[arg-type]


def fail(message: str) -> int:
    """Print one error line and return the error exit status."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def open_store(args: argparse.Namespace) -> Store:
    """The store named by --db, $NEGOTIATION_COPILOT_DB or the default.

    Sessions left live by a crash are marked interrupted first (and said so on stderr).
    """
    store = Store(Path(args.db) if args.db else default_db_path())
    for session_id in store.recover_interrupted():
        print(
            f"{PROG}: session {session_id} was interrupted by a crash; kept for review",
            file=sys.stderr,
        )
    return store


def _iso_date(text: str) -> str:
    """An argparse type: a YYYY-MM-DD date."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from exc


def _db_option(default: object) -> argparse.ArgumentParser:
    """A parent parser holding ``--db``. The subcommands' copy suppresses its default, so
    ``--db`` given before the subcommand is not overwritten by the subcommand's None."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="FILE",
        default=default,
        help=f"session database (default: ${DB_ENV} or the user data dir)",
    )
    return parent


def _add_rules_only(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="recognise moves by the rules alone (no trained move model)",
    )


def _cmd_analyze(args: argparse.Namespace) -> int:

    from copilot.analyze import AnalyzeOptions, Analyzer
    from copilot.asr.transcriber import AsrOptions
    from copilot.audio.diarize import DiarizeOptions
    from copilot.audio.voice_profile import profile_path
    from copilot.coach.prep import load_prep
    from copilot.report import render_session
    from models.whisper import WhisperSettings

    prep = load_prep(Path(args.prep)) if args.prep else None
    options = AnalyzeOptions(
        counterpart=args.counterpart,
        prep=prep,
        me=args.me,
        channels=args.channels,
        meeting_date=args.date,
        understanding=UnderstandingOptions(args.spacy_model, args.rules_only),
        whisper=WhisperSettings(model=args.model, allow_network=args.allow_download),
        asr=AsrOptions.fast() if args.fast else AsrOptions(),
        replace=args.replace,
        me_voice=args.me_voice,
        diarization=DiarizeOptions(speakers=args.voices),
    )
    store = open_store(args)
    options.voice_profile = profile_path(store.path)
    analyzer = Analyzer(
        options,
        understander_factory=_understander_factory(),
        notice=lambda line: print(line, file=sys.stderr, flush=True),
    )
    console = _stdout_console(soft_wrap=True)
    status = 0
    for raw in args.paths:
        path = Path(raw)
        try:
            with _ProgressBar(path.name) as progress:
                result = analyzer.analyze(path, store, progress)
        except CopilotError as exc:
            status = fail(str(exc))
            continue
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            render_session(result, console)
    return status


def _understander_factory() -> Callable | None:
    """The understanding pipeline's factory, when that layer is installed."""
    try:
        from models.understanding import build_understander
    except ImportError:
        return None
    return build_understander


class _ProgressBar:
    """A rich progress bar on stderr, shown once audio transcription reports progress."""

    def __init__(self, name: str):
        self.name = name
        self._progress = None
        self._task = None

    def __enter__(self) -> Callable[[float, float], None]:
        return self.update

    def update(self, done: float, total: float) -> None:
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed:.0f}/{task.total:.0f} s of audio"),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(f"transcribing {self.name}", total=total)
        self._progress.update(self._task, completed=done)

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _cmd_sessions(args: argparse.Namespace) -> int:
    store = open_store(args)
    rows = store.sessions()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    from rich.table import Table

    table = Table(title=f"Sessions in {store.path}")
    for column in ("id", "meeting", "started", "mode", "status", "utterances", "source"):
        table.add_column(column, no_wrap=column in ("id", "meeting", "started"))
    for row in rows:
        table.add_row(
            str(row["id"]),
            meeting_day(row),
            row["started"][:16].replace("T", " "),
            row["mode"],
            row["status"],
            str(row["utterance_count"]),
            Path(row["source"]).name if row["source"] else "",
        )
    _stdout_console().print(table)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from copilot import evaluate as ev
    from models.understanding import build_understander

    files = ev.source_files(Path(args.data), Path(args.shared))
    runs = {
        "dev": (ev.evaluate_dev, ev.LABELS),
        "blind": (ev.evaluate_dev, ev.LABELS),
        "blind-2": (ev.evaluate_dev, ev.LABELS),
        "flags-dev": (ev.evaluate_dev, ev.LABELS),
        "brief-dev": (ev.evaluate_dev, ev.LABELS),
        "brief-dev-2": (ev.evaluate_dev, ev.LABELS),
        "casino": (ev.evaluate_casino, tuple(ev.CASINO_MAP)),
        "casino-trades": (ev.evaluate_casino_trades, ("conditional",)),
        "p4g": (ev.evaluate_p4g, ("commitment",)),
        "spoken": (ev.evaluate_spoken, ("commitment",)),
        "spoken-dev": (ev.evaluate_spoken, ("commitment",)),
    }
    chosen = args.only or list(runs)
    for name in chosen:
        missing = [p for p in files[name] if not p.is_file()]
        if missing:
            return fail(
                f"evaluation set not found: {missing[0]} (the labelled sets are a checkout's "
                "tests/data, the corpora ../shared/data: pass --data and --shared)"
            )
    understander = build_understander(UnderstandingOptions(args.spacy_model, args.rules_only))
    reports = []
    for name in chosen:
        (run, labels), paths = runs[name], files[name]
        print(f"evaluating {name} on {', '.join(map(str, paths))} …", file=sys.stderr, flush=True)
        # A labelled set is one source however many files hold it; the others' files are
        # arguments.
        if run is ev.evaluate_dev:
            report = run(understander, paths)
        elif name in ev.HALVED:
            report = run(understander, *paths, half=args.half)
        else:
            report = run(understander, *paths)
        reports.append({"source": name, **report.as_dict()})
        if not args.json:
            print(f"[{name}] " + ev.render(report, labels), end="\n\n", flush=True)
    if args.json:
        print(json.dumps(reports))
    return 0


def _cmd_commitments(args: argparse.Namespace) -> int:
    from copilot.commitments import change_commitment

    store = open_store(args)
    if args.action not in (None, "list"):
        status = {"log": "logged", "dismiss": "dismissed", "done": "done"}[args.action]
        commitment, flags = change_commitment(
            store,
            args.id,
            status=status,
            owner=getattr(args, "owner", None),
            due=getattr(args, "due", None),
            action=getattr(args, "text", None),
        )
        if args.json:
            print(
                json.dumps(
                    {"commitment": commitment.public(), "flags": [f.public() for f in flags]}
                )
            )
        else:
            print(f"commitment {commitment.id}: {commitment.status}")
            for flag in flags:
                print(f"  flag {flag.kind}: {'resolved' if flag.resolved else 'raised'}")
        return 0
    from copilot.review import resolve_session

    session_id = resolve_session(store, getattr(args, "session", None))
    items = store.commitments(session_id)
    if args.json:
        print(json.dumps([c.public() for c in items], ensure_ascii=False))
        return 0
    from rich.table import Table

    table = Table(title=f"Commitments of session {session_id}")
    for column in ("id", "status", "owner", "action", "due", "said"):
        table.add_column(column)
    for c in items:
        due = c.due or "no date"
        table.add_row(str(c.id), c.status, owner_text(c.owner), c.action, due, c.due_text or "")
    _stdout_console().print(table)
    return 0


def _cmd_devices(args: argparse.Namespace) -> int:
    from copilot.audio.devices import list_devices

    listing = list_devices()
    if args.json:
        print(json.dumps(listing))
        return 0
    if listing["error"]:
        print(listing["error"])
    for device in listing["inputs"]:
        mark = "*" if device["default"] else " "
        print(f"{mark} [{device['index']}] {device['name']} ({device['channels']} ch)")
    if listing["pulse_sources"]:
        print("PulseAudio sources (use the name with --mic or --loopback):")
        for source in listing["pulse_sources"]:
            kind = "loopback" if source["loopback"] else "input"
            print(f"    {source['name']}  [{kind}]  {source['description']}")
    return 0


def _cmd_listen(args: argparse.Namespace) -> int:
    import signal
    import threading
    import time

    from copilot.audio.voice_profile import profile_path
    from copilot.coach.prep import load_prep
    from copilot.engine_process import EngineSpec
    from copilot.listen_output import ListenPrinter
    from copilot.live import LiveOptions
    from models.whisper import WhisperSettings

    options = LiveOptions(
        mic=args.mic,
        loopback=args.loopback,
        record=Path(args.record) if args.record else None,
        interim=args.interim,
        meeting_date=args.date,
        whisper=WhisperSettings(model=args.model, allow_network=args.allow_download),
        prep=load_prep(Path(args.prep)) if args.prep else None,
        understanding=UnderstandingOptions(rules_only=args.rules_only),
    )
    db_path = Path(args.db) if args.db else default_db_path()
    options.voice_profile = profile_path(db_path)
    open_store(args).close()  # fail early, with one line, on an unusable database
    replay = Path(args.replay) if args.replay else None
    engine = EngineSpec(db_path, options, replay=replay).build()  # decodes a replay now
    printer = ListenPrinter(as_json=args.json, interim=args.interim)
    engine.subscribe(printer)
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        engine.start()
        end = None if args.duration is None else time.monotonic() + args.duration
        while not stop.is_set() and not engine.done and (end is None or time.monotonic() < end):
            stop.wait(0.2)
    finally:
        engine.stop()
        signal.signal(signal.SIGINT, previous)
    if engine.error:
        return fail(engine.error)
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from copilot.review import build_review
    from copilot.review_report import render_review

    review = build_review(open_store(args), args.session)
    if args.json:
        print(json.dumps(review, ensure_ascii=False))
    else:
        render_review(review, _stdout_console(soft_wrap=True))
    return 0


def _cmd_progress(args: argparse.Namespace) -> int:
    from copilot.review import SCORECARD_HELP, progress

    rows = progress(open_store(args))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    from rich.table import Table

    table = Table(title="Your negotiation practice, session by session")
    names = list(SCORECARD_HELP)
    for column in ("session", "date", *names):
        table.add_column(column.replace("_", " "), no_wrap=column in ("session", "date"))
    for row in rows:
        cells = ["—" if row[name] is None else str(row[name]) for name in names]
        table.add_row(str(row["session_id"]), row["meeting"], *cells)
    console = _stdout_console(soft_wrap=True)
    console.print(table)
    for name, text in SCORECARD_HELP.items():
        console.print(f"[dim]{name.replace('_', ' ')}:[/] {text}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        hits = store.search(args.query)
    except CopilotError as exc:
        return fail(str(exc))
    if args.json:
        print(json.dumps(hits, ensure_ascii=False))
        return 0
    from copilot.report import clock

    for hit in hits:
        where = f"session {hit['session_id']} {clock(hit['start'])}".strip()
        print(f"[{where}] {hit['party']}: {hit['text']}")
    if not hits:
        print(f"no utterance matches {args.query!r}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from copilot.export import export
    from copilot.review import build_review

    review = build_review(open_store(args), args.session)
    text = export(review, args.format)
    if args.format == "ics" and "BEGIN:VEVENT" not in text:
        # A calendar with no events imports as nothing; say why rather than leave it silent.
        print(
            "the calendar has no events: no commitment still to do has a due date "
            "(give one with: commitments log ID --due DATE)",
            file=sys.stderr,
        )
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return fail(f"cannot write {args.output}: {exc.strerror}")
        print(f"wrote {Path(args.output).resolve()}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_forget(args: argparse.Namespace) -> int:
    store = open_store(args)
    recording = store.forget(store.session(args.session)["id"])
    note = f" and its recording {recording}" if recording else ""
    print(f"forgot session {args.session}{note}")
    return 0


def _cmd_relabel(args: argparse.Namespace) -> int:
    from copilot.analyze import AnalyzeOptions, Analyzer

    store = open_store(args)
    old = store.session(args.session)["id"]
    analyzer = Analyzer(AnalyzeOptions(), understander_factory=_understander_factory())
    result = analyzer.relabel(store, old, args.me)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{args.me} is you: session {old} is now session {result['session_id']}")
    return 0


def _cmd_forget_voice(args: argparse.Namespace) -> int:
    from copilot.audio.voice_profile import forget_profile, profile_path

    path = profile_path(Path(args.db) if args.db else default_db_path())
    print(f"forgot your voice profile {path}" if forget_profile(path) else "no voice profile")
    return 0


def _cmd_panel(args: argparse.Namespace) -> int:
    has_display = any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY"))
    if (
        sys.platform.startswith("linux")
        and not has_display
        and not os.environ.get("QT_QPA_PLATFORM")
    ):
        return fail(
            "no display to open the panel on; use 'negotiation-copilot analyze FILE' "
            "(or 'listen') in a terminal, or set QT_QPA_PLATFORM=offscreen"
        )
    from ui.app import qt_library_problem, run_panel

    problem = qt_library_problem()
    if problem:
        return fail(problem)
    return run_panel(db_path=Path(args.db) if args.db else None)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _OneLineParser(
        prog=PROG,
        description="A local negotiation coach. With no command, opens the panel.",
        parents=[_db_option(None)],
    )
    db_option = _db_option(argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_OneLineParser)

    analyze = sub.add_parser(
        "analyze", help="analyse recordings or transcripts", parents=[db_option]
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH")
    analyze.add_argument("--json", action="store_true", help="one JSON object per input")
    analyze.add_argument("--me", metavar="NAME", help="your speaker name in transcripts")
    analyze.add_argument(
        "--channels",
        choices=["you,them", "them,you", "mono", "you", "them"],
        metavar="LAYOUT",
        help="how to read the recording's channels: you,them | them,you | mono | you | them "
        "(stereo default: you,them, or mono when both channels hold the same audio)",
    )
    analyze.add_argument("--model", metavar="NAME|PATH", help="Whisper model (default: tiny.en)")
    analyze.add_argument(
        "--me-voice",
        choices=["first", "second", "auto"],
        help="in a recording of two voices on one track: which voice is yours (the first "
        "or the second to speak, or auto: the one matching your voice profile); without it "
        "the voices stay Speaker 1 and Speaker 2",
    )
    analyze.add_argument(
        "--voices",
        type=int,
        choices=range(1, 5),
        metavar="N",
        help="number of people on a one-track recording (1 to 4); by default it is guessed, "
        "and voices that sound alike may be heard as one",
    )
    analyze.add_argument(
        "--replace",
        action="store_true",
        help="replace the sessions of a file analysed before (default: keep both, and say so)",
    )
    analyze.add_argument(
        "--fast",
        action="store_true",
        help="greedy decoding: about half the time of the default beam search, less accurate",
    )
    analyze.add_argument(
        "--allow-download", action="store_true", help="let a named model be downloaded"
    )
    analyze.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="meeting date for relative dues"
    )
    analyze.add_argument("--spacy-model", metavar="NAME|PATH", help="spaCy model to build on")
    _add_rules_only(analyze)
    analyze.add_argument("--prep", metavar="FILE", help="prep sheet (TOML): targets, walk-aways")
    analyze.add_argument("--counterpart", metavar="NAME", help="who you negotiated with")
    analyze.set_defaults(func=_cmd_analyze)

    from copilot.evaluate import DATA_DIR, HALVES, SHARED_DIR

    evaluate = sub.add_parser(
        "evaluate", help="measure moves, commitments and flags on labelled data, per source"
    )
    evaluate.add_argument(
        "--data", default=str(DATA_DIR), metavar="DIR", help="the labelled sets (tests/data)"
    )
    evaluate.add_argument(
        "--shared", default=str(SHARED_DIR), metavar="DIR", help="CaSiNo and P4G (shared/data)"
    )
    evaluate.add_argument(
        "--only",
        nargs="+",
        choices=[
            "dev",
            "flags-dev",
            "brief-dev",
            "brief-dev-2",
            "blind",
            "blind-2",
            "casino",
            "casino-trades",
            "p4g",
            "spoken",
            "spoken-dev",
        ],
        help="the sources to measure (default: all)",
    )
    evaluate.add_argument(
        "--half",
        choices=HALVES,
        default="held-out",
        help="which half of CaSiNo and P4G (the move model trains on the tuning half)",
    )
    evaluate.add_argument("--spacy-model", metavar="NAME|PATH")
    _add_rules_only(evaluate)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(func=_cmd_evaluate)

    listen = sub.add_parser(
        "listen", help="listen live and coach in the terminal", parents=[db_option]
    )
    listen.add_argument("--mic", metavar="DEVICE", help="your microphone ('none' for none)")
    listen.add_argument(
        "--loopback", metavar="DEVICE", help="the call's audio, e.g. call.monitor ('none' for none)"
    )
    listen.add_argument("--json", action="store_true", help="one JSON event per line")
    listen.add_argument("--interim", action="store_true", help="also print interim text")
    listen.add_argument("--record", metavar="FILE.wav", help="record the session (stereo WAV)")
    listen.add_argument("--model", metavar="NAME|PATH", help="Whisper model (default: tiny.en)")
    listen.add_argument("--allow-download", action="store_true")
    _add_rules_only(listen)
    listen.add_argument("--prep", metavar="FILE", help="prep sheet (TOML)")
    listen.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="meeting date (default: today)"
    )
    listen.add_argument("--duration", type=float, metavar="SECONDS", help="stop after this long")
    listen.add_argument(
        "--replay", metavar="FILE", help="play a recording in real time instead of capturing"
    )
    listen.set_defaults(func=_cmd_listen)

    devices = sub.add_parser("devices", help="list input devices and loopback sources")
    devices.add_argument("--json", action="store_true")
    devices.set_defaults(func=_cmd_devices)

    commitments = sub.add_parser(
        "commitments",
        help="list commitments, or log / dismiss / mark one done",
        parents=[db_option],
    )
    commitments.add_argument("--json", action="store_true")
    commitments.set_defaults(func=_cmd_commitments, action="list", session=None)
    changes = commitments.add_subparsers(
        dest="action", metavar="ACTION", parser_class=_OneLineParser
    )
    for name, help_text in (
        ("list", "list a session's commitments (default: latest)"),
        ("log", "log a commitment (optionally fixing owner, due date, action)"),
        ("dismiss", "dismiss a detected commitment that is not one"),
        ("done", "mark a commitment done"),
    ):
        # --db and --json after the action too ("commitments list 2 --json").
        change = changes.add_parser(name, help=help_text, parents=[db_option])
        change.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
        if name == "list":
            change.add_argument("session", type=int, nargs="?", metavar="SESSION")
        else:
            change.add_argument("id", type=int, metavar="ID")
        if name == "log":
            change.add_argument("--owner", choices=["you", "them"])
            change.add_argument(
                "--due", metavar="DATE", help="YYYY-MM-DD, or a day: 'friday', 'next tuesday'"
            )
            change.add_argument("--action", dest="text", metavar="TEXT")

    review = sub.add_parser(
        "review", help="review a session: agreement, commitments, scorecard", parents=[db_option]
    )
    review.add_argument("session", type=int, nargs="?", metavar="SESSION")
    review.add_argument("--json", action="store_true")
    review.set_defaults(func=_cmd_review)

    progress = sub.add_parser(
        "progress", help="your practice scorecard across sessions", parents=[db_option]
    )
    progress.add_argument("--json", action="store_true")
    progress.set_defaults(func=_cmd_progress)

    search = sub.add_parser(
        "search", help="full-text search over every session", parents=[db_option]
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=_cmd_search)

    export = sub.add_parser(
        "export", help="export a session as md, csv, ics or json", parents=[db_option]
    )
    export.add_argument("session", type=int, nargs="?", metavar="SESSION")
    export.add_argument("--format", choices=["md", "csv", "ics", "json"], required=True)
    export.add_argument("-o", "--output", metavar="FILE")
    export.set_defaults(func=_cmd_export)

    forget = sub.add_parser(
        "forget", help="delete a session, its text and its recording", parents=[db_option]
    )
    forget.add_argument("session", type=int, metavar="SESSION")
    forget.set_defaults(func=_cmd_forget)

    relabel = sub.add_parser(
        "relabel",
        help="say which speaker of a session is you (e.g. Speaker 2 of a one-track recording)",
        parents=[db_option],
    )
    relabel.add_argument("session", type=int, metavar="SESSION")
    relabel.add_argument("--me", required=True, metavar="SPEAKER", help='e.g. "Speaker 2"')
    relabel.add_argument("--json", action="store_true")
    relabel.set_defaults(func=_cmd_relabel)

    forget_voice = sub.add_parser(
        "forget-voice",
        help="delete your voice profile (learnt from your calls and recordings)",
        parents=[db_option],
    )
    forget_voice.set_defaults(func=_cmd_forget_voice)

    sessions = sub.add_parser("sessions", help="list stored sessions", parents=[db_option])
    sessions.add_argument("--json", action="store_true")
    sessions.set_defaults(func=_cmd_sessions)
    return parser


class _OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"{PROG}: error: {message} (see --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    func = getattr(args, "func", _cmd_panel)
    try:
        status = func(args)
        if sys.stdout is not None:  # None under a gui-script with no console
            sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
        return status
    except CopilotError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail("interrupted")
    except BrokenPipeError as exc:
        if not _stdout_closed():
            return fail(f"lost a connection: {exc}")
        # `sessions --json | head`: the reader has gone, which is no error of ours. What
        # Python still holds for stdout goes nowhere rather than into a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _stdout_closed() -> bool:
    """Whether stdout is a pipe whose reader has gone (rather than, say, a pipe to the
    engine process): such a pipe polls as an error. Where poll is missing (Windows), a
    closed pipe is the likely one."""
    import select

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    if not hasattr(select, "poll"):
        return True
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(event & select.POLLERR for _fd, event in poller.poll(0))


def gui_main() -> int:
    """Entry point of the gui-script: the panel, with no console."""
    return main([])


if __name__ == "__main__":
    sys.exit(main())
