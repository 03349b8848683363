"""The inference worker's queue: finals and commands first, interims behind, the finish last."""

from __future__ import annotations

import queue

import numpy as np
import pytest

from copilot.asr.vad_stream import SpeechChunk
from copilot.events import Utterance
from copilot.live.jobs import INTERIM, LAST, AddText, FinishWork, JobQueue, Transcribe


def _chunk(number: int, final: bool) -> SpeechChunk:
    return SpeechChunk("them", np.zeros(160, np.float32), 0.0, 0.01, 0.0, 0.0, final, number)


def test_interims_wait_behind_everything_else_and_the_finish_comes_last():
    jobs = JobQueue(8)
    interim = Transcribe(_chunk(1, final=False), 0.0)
    final = Transcribe(_chunk(1, final=True), 0.0)
    text = AddText(Utterance("you", "Fine."))
    finish = FinishWork()
    jobs.put(finish, LAST)
    jobs.offer(interim, INTERIM)
    jobs.put(final)
    jobs.put(text)
    order = [jobs.get(0) for _ in range(4)]
    wanted = [final, text, interim, finish]
    assert all(got is job for got, job in zip(order, wanted, strict=True))
    with pytest.raises(queue.Empty):
        jobs.get(0)


def test_offer_drops_a_job_when_the_queue_is_full():
    jobs = JobQueue(1)
    assert jobs.offer(AddText(Utterance("you", "One.")))
    assert not jobs.offer(Transcribe(_chunk(2, final=False), 0.0), INTERIM)
    assert jobs.qsize() == 1
