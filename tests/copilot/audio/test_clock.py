"""The capture clock: audio that arrives ahead of real time is old, and is skipped."""

from __future__ import annotations

from copilot.audio.clock import SAMPLE_RATE, CaptureClock

BLOCK = 320  # 20 ms


def _steady(clock, start, blocks, jitter=0.0):
    return [clock.stale(BLOCK, start + i * 0.02 + (jitter if i % 2 else 0)) for i in range(blocks)]


def test_audio_at_the_recording_rate_is_never_stale():
    clock = CaptureClock(max_lag_s=0.5)
    assert not any(_steady(clock, 10.0, 500, jitter=0.015))  # blocks arriving in pairs too


def test_held_back_audio_handed_over_in_a_burst_is_stale_until_it_is_recent():
    clock = CaptureClock(max_lag_s=0.5)
    _steady(clock, 10.0, 100)  # 10.0-12.0 s, as recorded
    # The process stalls for three seconds; the server then hands those 3 s over at once.
    burst = [clock.stale(BLOCK, 15.0) for _ in range(150)]
    stale_s = sum(burst) * BLOCK / SAMPLE_RATE
    assert not burst[0]  # the first block after the stall is kept: it may be a dropout
    assert 2.3 <= stale_s <= 2.5  # the 3 s of audio, less what is within 0.5 s of now
    assert not burst[-1]
    assert not any(_steady(clock, 15.02, 100))  # back at the recording rate


def test_lost_samples_are_not_taken_for_old_audio():
    clock = CaptureClock(max_lag_s=0.5)
    _steady(clock, 10.0, 100)
    # An overflow lost one second: blocks go on at the recording rate, a second "late".
    assert not any(_steady(clock, 13.0, 100))


def test_a_reopened_stream_counts_afresh():
    clock = CaptureClock(max_lag_s=0.5)
    _steady(clock, 10.0, 50)
    clock.restart()
    assert clock.age(BLOCK, 30.0) == 0.0
    assert not any(_steady(clock, 30.02, 50))
