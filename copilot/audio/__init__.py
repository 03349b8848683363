"""Audio in: device capture, file decoding, the stereo recorder and synthesised test speech."""
