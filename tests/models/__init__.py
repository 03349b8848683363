"""Tests of model loading."""
