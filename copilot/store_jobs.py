"""The panel's work on the store, as functions the store process runs (by name).

Each takes the store first (``copilot.store_process`` opens it); those given a ``report``
send progress and notes back while they run. What is a ``Store`` method or another
module-level function already is sent as it is; only compositions live here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copilot.store import Store


def sessions_and_progress(store: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The sessions list and the practice trend, in one read."""
    from copilot.review import progress

    return store.sessions(), progress(store)


def analyse(store: Store, path: Path, options: dict[str, Any], report: Any) -> dict[str, Any]:
    """Analyse one file into a new session (``options``: ``AnalyzeOptions``' fields, so the
    panel need not import the analysis); progress comes back as ``("progress", (done,
    total))``, what was decided as ``("note", line)``."""
    from copilot.analyze import AnalyzeOptions, Analyzer
    from models.understanding import build_understander

    notice = lambda line: report("note", line)  # noqa: E731
    analyzer = Analyzer(AnalyzeOptions(**options), build_understander, notice=notice)
    return analyzer.analyze(path, store, lambda done, total: report("progress", (done, total)))


def analyse_instead(
    store: Store, path: Path, options: dict[str, Any], session_id: int, report: Any
) -> dict[str, Any]:
    """Analyse ``path`` again (as ``analyse``) into a session that takes the place of
    ``session_id``, which is deleted only once the new one is stored; other sessions of
    the same file are kept."""
    result = analyse(store, path, options, report)
    store.delete_session(session_id)
    return result


def relabel(store: Store, session_id: int, speaker: str, prep: Any) -> dict[str, Any]:
    """Say which speaker of a stored session is you; it is coached again in place."""
    from copilot.analyze import AnalyzeOptions, Analyzer
    from models.understanding import build_understander

    analyzer = Analyzer(AnalyzeOptions(prep=prep), build_understander)
    return analyzer.relabel(store, session_id, speaker)
