"""Clustering windows by voice, and giving a stretch of time its speaker."""

from __future__ import annotations

import numpy as np

from copilot.audio.diarize import (
    DiarizeOptions,
    SpeakerWindow,
    _merge_same_voices,
    _to_nearest_voice,
    cluster,
    separation,
    speaker_of,
    windows_over,
)


def _voices(centres, counts, spread, seed=3):
    rng = np.random.default_rng(seed)
    points = [
        c + spread * rng.standard_normal((n, len(c))) for c, n in zip(centres, counts, strict=True)
    ]
    points = np.concatenate(points)
    return np.abs(points) / np.linalg.norm(np.abs(points), axis=1, keepdims=True)


def test_two_voices_are_two_groups_numbered_by_who_spoke_first():
    rng = np.random.default_rng(0)
    a, b = np.abs(rng.standard_normal(64)), np.abs(rng.standard_normal(64))
    # 24 and 18 windows, a hop of 0.375 s apart: 9 s and 6.75 s of speech (6 s is the least
    # a voice must be heard for to stand apart).
    embeddings = _voices([b, a], [24, 18], 0.15)  # b speaks first
    labels = cluster(embeddings, DiarizeOptions())
    assert labels.tolist() == [0] * 24 + [1] * 18


def test_one_voice_stays_one_group():
    rng = np.random.default_rng(1)
    embeddings = _voices([np.abs(rng.standard_normal(64))], [20], 0.15)
    assert set(cluster(embeddings, DiarizeOptions()).tolist()) == {0}


def test_alike_voices_merge_unless_the_user_says_how_many_there_are():
    rng = np.random.default_rng(2)
    a = np.abs(rng.standard_normal(64))
    b = a + 0.25 * np.abs(rng.standard_normal(64))  # close: separation under the minimum
    embeddings = _voices([a, b], [14, 14], 0.05)
    assert set(cluster(embeddings, DiarizeOptions()).tolist()) == {0}
    told = cluster(embeddings, DiarizeOptions(speakers=2))
    assert told.tolist() == [0] * 14 + [1] * 14


def test_how_far_apart_two_groups_are_is_counted_in_their_spread():
    # The same raw gap (within 0.75, between 0.65 on average) is two voices when the
    # similarities hardly vary and one voice split in two when they vary as much as a real
    # person's windows do (AMI: a spread of 0.06-0.12); a gap of next to nothing is one
    # voice however tight the groups.
    in_a = np.array([True] * 20 + [False] * 20)
    same = np.outer(in_a, in_a) | np.outer(~in_a, ~in_a)
    minimum = DiarizeOptions().min_separation
    for seed in range(20):
        rng = np.random.default_rng(seed)
        for within, noise, two_voices in (
            (0.75, 0.02, True),
            (0.75, 0.15, False),
            (0.651, 0.001, False),
        ):
            upper = np.triu(np.where(same, within, 0.65) + noise * rng.standard_normal((40, 40)))
            similarity = upper + np.triu(upper, 1).T  # symmetric, the noise left as it is
            apart = separation(similarity, in_a, ~in_a)
            assert (apart >= minimum) is two_voices, (seed, noise, apart)
    assert separation(np.eye(2), np.array([True, False]), np.array([False, True])) == 0.0


def test_groups_too_close_for_their_spread_merge_when_the_number_is_guessed():
    rng = np.random.default_rng(6)
    a = np.abs(rng.standard_normal(64))
    b = a + 1.5 * np.abs(rng.standard_normal(64))
    labels = np.array([0] * 20 + [1] * 20)
    apart = _voices([a, b], [20, 20], 0.05)  # tight: far apart for their spread (2.6)
    assert _merge_same_voices(apart, labels, 1.1).tolist() == labels.tolist()
    close = _voices([a, b], [20, 20], 1.5)  # the same centres, loose: 0.5 apart
    assert set(_merge_same_voices(close, labels, 1.1).tolist()) == {0}


def test_a_window_goes_to_the_voice_whose_mean_it_is_most_like():
    rng = np.random.default_rng(4)
    a = np.abs(rng.standard_normal(64))
    b = a + 0.6 * np.abs(rng.standard_normal(64))
    embeddings = _voices([a, b], [12, 12], 0.1)
    # Windows at turns' edges that the graph gave the other voice: one mostly the first
    # voice, one barely the second.
    first, second = embeddings[:12].mean(axis=0), embeddings[12:].mean(axis=0)
    edges = [0.6 * first + 0.4 * second, 0.45 * first + 0.55 * second]
    embeddings = np.vstack([embeddings, *(e / np.linalg.norm(e) for e in edges)])
    labels = np.array([0] * 12 + [1] * 12 + [1, 0])
    moved = _to_nearest_voice(embeddings, labels)
    assert moved.tolist() == [0] * 12 + [1] * 12 + [0, 1]
    # Settled: moving again changes nothing.
    assert _to_nearest_voice(embeddings, moved).tolist() == moved.tolist()
    # One voice stays one voice.
    assert _to_nearest_voice(embeddings, np.zeros(26, int)).tolist() == [0] * 26


def test_a_word_takes_the_voice_whose_window_middles_it_overlaps_most():
    windows = [SpeakerWindow(0.0, 1.5, 0), SpeakerWindow(0.75, 2.25, 0), SpeakerWindow(2.0, 3.5, 1)]
    assert speaker_of(windows, 0.2, 0.5) == 0
    assert speaker_of(windows, 2.6, 2.9) == 1
    # Judged by the windows' middles: 0.175 s of voice 0 against 0.125 s of voice 1.
    assert speaker_of(windows, 1.7, 2.5) == 0
    assert speaker_of(windows, 5.0, 5.2) == 1  # past the end: the nearest window
    assert speaker_of([], 0.0, 1.0) is None


def test_windows_cover_each_stretch_of_speech_to_its_end():
    options = DiarizeOptions()
    rate = 16000
    windows = windows_over([(0, int(4.0 * rate)), (int(5.0 * rate), int(5.3 * rate))], options)
    starts = [start / rate for start, _length in windows]
    assert starts == [0.0, 0.375, 0.75, 1.125, 1.5, 1.875, 2.25, 2.5]  # the last ends with it
    assert all(length == int(1.5 * rate) for _start, length in windows)  # 0.3 s is too short
