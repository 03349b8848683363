"""Speech to text with faster-whisper: per-utterance decoding for live use, whole files offline."""
