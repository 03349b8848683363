"""Tests of speech recognition."""
