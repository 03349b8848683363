"""Tests of the flag engine."""
