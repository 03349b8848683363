"""Fixtures of the panel's tests."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import need


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private X server (Xvfb) and its display name, once it answers."""
    number = next(n for n in range(140, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    return server, f":{number}"


@pytest.fixture(scope="session")
def x_display():
    """A private X server (Xvfb); its display name."""
    need(shutil.which("Xvfb") is not None, "Xvfb is not installed (apt-get install xvfb)")
    server, name = start_xvfb()
    yield name
    server.terminate()
    server.wait(timeout=10)
