"""The shape of the code: the core stays free of Qt, layers flow one way, files stay small."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORE = ["tracker.cli", "tracker.service", "tracker.commands", "tracker.storage",
        "tracker.io.demo", "tracker.domain", "tracker.progress", "tracker.units"]
MAX_LINES = 400


def test_core_imports_no_qt():
    # In a fresh interpreter: inside pytest-qt, PySide6 is already loaded.
    # Building the command group also imports the CLI's command modules (transfer, safety).
    code = (f"import sys\nfor m in {CORE!r}: __import__(m)\n"
            "import tracker.cli\ntracker.cli.build_cli()\n"
            "print(sorted(m for m in ('PySide6', 'pyqtgraph') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr


def test_import_contracts_are_kept():
    result = subprocess.run([BIN / "lint-imports"], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean():
    ruff = BIN / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed next to this Python")
    result = subprocess.run([ruff, "check", "."], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module", sorted((ROOT / "tracker").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_at_most_400_lines(module):
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.name} has {lines} lines: split it by idea"
