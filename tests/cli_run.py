"""Running `python -m tracker` as a user would, for the CLI tests."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ZH = "zh_CN.UTF-8"
EN = "C.UTF-8"


def tracker(*args: object, lang: str = ZH, cwd: Path | None = None):
    """Run the CLI in a subprocess with only LANG deciding the language."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env |= {"LANG": lang, "PYTHONUTF8": "1"}
    return subprocess.run([sys.executable, "-m", "tracker", *map(str, args)], env=env,
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120)


def db_state(path: Path) -> tuple:
    """Everything a command could change: audit count, targets and measurements."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(conn.execute(sql).fetchall() for sql in (
            "SELECT count(*) FROM audit", "SELECT * FROM targets ORDER BY id",
            "SELECT * FROM measurements ORDER BY id"))
    finally:
        conn.close()
