"""The engine imports no Qt, and the heavy libraries load late."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import copilot
from tests.conftest import ROOT

PROBE = """
import importlib, pkgutil, sys
import copilot
for info in pkgutil.walk_packages(copilot.__path__, "copilot."):
    importlib.import_module(info.name)
qt = sorted(name for name in sys.modules if name.startswith("PySide6"))
heavy = sorted(name for name in ("faster_whisper", "ctranslate2", "spacy") if name in sys.modules)
print(repr((qt, heavy)))
"""


def test_importing_every_engine_module_pulls_in_no_qt_and_no_model_library():
    modules = [info.name for info in pkgutil.walk_packages(copilot.__path__, "copilot.")]
    assert "copilot.store" in modules and "copilot.cli" in modules
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    qt, heavy = eval(run.stdout.strip())  # noqa: S307 - our own repr
    assert qt == [], f"copilot/ imported Qt: {qt}"
    assert heavy == [], f"heavy libraries imported at module level: {heavy}"


def test_no_module_in_the_engine_names_pyside6():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "copilot").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
