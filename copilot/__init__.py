"""The engine: capture, transcription, understanding, coaching and storage; no Qt."""
