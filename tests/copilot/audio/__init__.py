"""Tests of audio capture and decoding."""
