"""Coaching: the flag engine, the give/get ledger and the prep sheet."""
