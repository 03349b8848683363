"""Benchmarks: printed figures against the bare libraries."""
