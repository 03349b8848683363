"""Tests of the understanding pipeline."""
