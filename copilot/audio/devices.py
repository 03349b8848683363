"""The device list for ``negotiation-copilot devices`` and the panel's pickers."""

from __future__ import annotations

from typing import Any

from copilot.audio.capture import CaptureError, load_sounddevice, pulse_sources


def list_devices() -> dict[str, Any]:
    """Input devices, PulseAudio sources and defaults; ``error`` says why capture is off."""
    listing: dict[str, Any] = {"inputs": [], "pulse_sources": [], "error": None}
    try:
        sd = load_sounddevice()
    except CaptureError as exc:
        listing["error"] = str(exc)
        return listing
    default_input = sd.default.device[0]
    for index, device in enumerate(sd.query_devices()):
        if device["max_input_channels"] > 0:
            listing["inputs"].append(
                {
                    "index": index,
                    "name": device["name"],
                    "channels": device["max_input_channels"],
                    "default": index == default_input,
                }
            )
    listing["pulse_sources"] = [
        {"name": s["name"], "description": s["description"], "loopback": s["loopback"] == "true"}
        for s in pulse_sources()
    ]
    return listing
