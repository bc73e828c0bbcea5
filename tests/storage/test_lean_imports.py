"""Opening a database loads sqlite-utils without numpy, which only the dashboard needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_storage_loads_without_numpy_and_numpy_still_loads_later():
    # In a fresh interpreter: inside pytest, numpy is loaded already.
    code = ("import sys\n"
            "from tracker.service import TrackerService\n"
            "TrackerService.open(None).rows()\n"
            "print('numpy' in sys.modules)\n"
            "import numpy\n"
            "print(numpy.arange(3).sum())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert (result.returncode, result.stdout.split()) == (0, ["False", "3"]), result.stderr


def test_the_command_line_and_the_window_start_without_numpy():
    # Any module importing sqlite_utils before tracker.storage would bring numpy back in
    # (0.1 s of every `tracker` command); the window imports it later, on a thread.
    code = ("import sys\n"
            "import tracker.cli, tracker.app, tracker.gui.main_window\n"
            "print('numpy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert (result.returncode, result.stdout.split()) == (0, ["False"]), result.stderr
