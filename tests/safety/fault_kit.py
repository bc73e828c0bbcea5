"""Shared pieces of the fault tests: the report line, child processes, counting rows.

Each fault test prints one line with its numbers and appends it to the file named by
$TRACKER_FAULT_REPORT, so scripts/fault_report can collect them for the README.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

from tracker.commands import ImportRecords
from tracker.domain import Measurement, Target
from tracker.service import TrackerService

REPORT_ENV = "TRACKER_FAULT_REPORT"
SEED_TARGETS = 5
SEED_FIGURES = 4
SEED_TARGET_VALUE = 100.0
CHILD = Path(__file__).with_name("fault_child.py")
REPO = Path(__file__).resolve().parents[2]


def report(line: str) -> None:
    """Print the test's one-line summary and add it to the fault report, if one is kept."""
    print(line)
    target = os.environ.get(REPORT_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def child_env() -> dict[str, str]:
    """The environment for a child: this checkout importable, English, unbuffered."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    return env


class Child:
    """A running ``fault_child.py``: its stdout lines are collected by a thread as they come.

    A thread rather than select(): lines already read into Python's buffer would not wake
    select() again, and the test would wait for a line it has already received.
    """

    def __init__(self, *args: object, stdin: bool = False) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), *map(str, args)],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=child_env(),
        )
        self.lines: list[str] = []
        self._new_line = threading.Condition()
        self._stderr: list[str] = []
        self._threads = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for thread in self._threads:
            thread.start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._new_line:
                self.lines.append(line.rstrip("\n"))
                self._new_line.notify_all()
        with self._new_line:
            self.lines.append(EOF)
            self._new_line.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        self._stderr.extend(self.proc.stderr)

    def wait_for(self, wanted: str, timeout: float = 60) -> None:
        """Block until the child printed the line ``wanted``; fail with its stderr if not."""
        with self._new_line:
            ok = self._new_line.wait_for(
                lambda: wanted in self.lines or EOF in self.lines, timeout)
        if not ok or wanted not in self.lines:
            self.kill()
            raise AssertionError(f"child never said {wanted!r}; stderr:\n{self.stderr()}")

    def send(self, line: str) -> None:
        """Write a line to the child's stdin."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        """SIGKILL the child (no cleanup of any kind runs in it) and wait for it to die."""
        self.proc.kill()
        self.finish()

    def finish(self, timeout: float = 120) -> list[str]:
        """Wait for the child to end; its complete stdout lines."""
        self.proc.wait(timeout)
        for thread in self._threads:
            thread.join(timeout)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()
        return [line for line in self.lines if line != EOF]

    def stderr(self) -> str:
        """What the child wrote to stderr (complete once it has ended)."""
        return "".join(self._stderr)


EOF = "\x00end-of-output"


def seed_database(path: Path) -> Path:
    """A WAL database with 5 targets (target_value 100) of 4 figures each, closed."""
    service = TrackerService.open(path, who="seed")
    names = [f"共享指标{i}" for i in range(SEED_TARGETS)]
    service.execute(ImportRecords(
        tuple(Target(name=n, category="seed", unit="户", target_value=SEED_TARGET_VALUE,
                     period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))
              for n in names),
        tuple((n, Measurement(0, date(2022, month, 28), float(month)))
              for n in names for month in range(1, SEED_FIGURES + 1)),
    ))
    service.close()
    return path
