"""How old a device's audio is, from when its blocks arrive.

A device's audio arrives at the rate it is recorded, so the arrival time of a block minus
the audio read so far stays the same while nothing is held back; its lowest value is when
the stream's first sample was recorded. A block that arrives later than that, by more
than a bound, holds old audio: the sound server kept it while the process was stalled,
suspended or too busy, and now hands it over in a burst. Transcribing it would put every
later utterance that far behind, so the live engine skips what is too old and says so.

A block that arrives late but at the recording rate, not in a burst, means samples were
lost (an overflow), not held back: the clock takes it as the new reference instead.
"""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_RATE = 16000


@dataclass
class CaptureClock:
    """Tells which of one stream's blocks hold audio too old to transcribe.

    Attributes:
        max_lag_s: a block whose newest sample is older than this is stale.
    """

    max_lag_s: float = 0.5
    _read_s: float = 0.0
    _origin: float | None = None  # when the stream's first sample was recorded, at best
    _last_arrival: float | None = None
    _late_once: bool = False

    def restart(self) -> None:
        """The stream was reopened: count from its next block."""
        self._read_s, self._origin, self._last_arrival, self._late_once = 0.0, None, None, False

    def age(self, samples: int, received_at: float) -> float:
        """Add a block; the age of its newest sample (seconds)."""
        self._read_s += samples / SAMPLE_RATE
        start = received_at - self._read_s
        if self._origin is None or start < self._origin:
            self._origin = start
        return start - self._origin

    def stale(self, samples: int, received_at: float) -> bool:
        """Whether a block (``samples`` long, arrived at ``received_at``) is too old."""
        duration = samples / SAMPLE_RATE
        burst = self._last_arrival is not None and received_at - self._last_arrival < duration / 2
        self._last_arrival = received_at
        if self.age(samples, received_at) <= self.max_lag_s:
            self._late_once = False
            return False
        if burst:
            return True  # held-back audio being handed over
        if self._late_once:
            # Late twice at the recording rate: samples were lost, not held back.
            self._origin, self._late_once = received_at - self._read_s, False
            return False
        self._late_once = True  # the first block after a stall: a burst may follow
        return False
