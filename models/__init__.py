"""Resolving and loading the speech and language models (and the project's own NLP assets)."""
