"""Live listening: capture → VAD → one inference worker → session → listeners.

Three kinds of threads, each owning its own things:

- the sources (PortAudio callbacks or replay threads) only push audio blocks to a queue;
- the segmenter (``segmenter.py``) cuts each channel into utterances (Silero VAD), writes
  the optional recording, reopens lost devices, and queues transcription jobs;
- the inference worker (``worker.py``) owns the Whisper model, the spaCy pipeline, its own
  SQLite connection and the ``Session``: finals always go first, interims only when it is
  idle. Each kind of work is its own job type (``jobs.py``).

Listeners receive plain dicts in the documented ``listen --json`` schema, from the worker
or segmenter thread; the panel's bridge turns them into queued Qt signals.
"""

from copilot.live.engine import Listener, LiveEngine
from copilot.live.options import LiveOptions, SourceFactory, default_sources

__all__ = ["LiveEngine", "LiveOptions", "Listener", "SourceFactory", "default_sources"]
