"""PySide6 stays pinned: 6.12.0 aborts CPython 3.11 ("Fatal Python error: none_dealloc")
after a few thousand Qt calls that return None. No qtbot: the calls run in a subprocess, so a
crash fails this test instead of killing the whole run."""

from __future__ import annotations

import os
import subprocess
import sys

import PySide6

PINNED = "6.11.3"
CALLS = 20_000

VOID_CALLS = f"""
from PySide6.QtCore import QCoreApplication, QObject, QPoint
app = QCoreApplication([])
obj, point = QObject(), QPoint()
for i in range({CALLS} // 2):
    obj.setObjectName("")
    point.setX(i)
assert point.x() == {CALLS} // 2 - 1 and obj.objectName() == ""
print("ok")
"""


def test_pyside6_is_the_pinned_version():
    assert PySide6.__version__ == PINNED


def test_twenty_thousand_void_qt_calls_do_not_crash():
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", VOID_CALLS], env=env, capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
