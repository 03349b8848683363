"""The engine imports no Qt, and the heavy libraries load late."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import copilot
from tests.conftest import ROOT

HEAVY = ("faster_whisper", "ctranslate2", "spacy")


def _modules_loaded_by(code: str) -> set[str]:
    probe = code + "\nimport sys; print(' '.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_importing_every_engine_module_pulls_in_no_qt():
    modules = [info.name for info in pkgutil.walk_packages(copilot.__path__, "copilot.")]
    assert "copilot.store" in modules and "copilot.understand.pipeline" in modules
    loaded = _modules_loaded_by(
        "import importlib\n" + "\n".join(f"importlib.import_module({m!r})" for m in modules)
    )
    assert not [name for name in loaded if name.startswith("PySide6")]


def test_cli_and_panel_start_without_the_model_libraries():
    loaded = _modules_loaded_by("import copilot.cli, copilot.analyze, ui.app, ui.panel")
    assert [name for name in HEAVY if name in loaded] == []


def test_no_module_in_the_engine_names_pyside6():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "copilot").rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
