"""scripts/bench --quick runs end to end and reports every figure (never its timings)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("a) first painted window, demo", "a) first painted window, large", "b) service.rows()",
           "c) CSV export", "d) CSV import", "d) ... as `tracker import`",
           "d) ... re-importing it with every hundredth figure revised", "e) edit until",
           "f) peak memory")


def run_quick(tmp_path: Path, path: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PATH": path,
           "TRACKER_BENCH_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "bench"), "--quick", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
                          check=False)


@pytest.mark.slow
def test_quick_bench_prints_every_figure(tmp_path: Path) -> None:
    done = run_quick(tmp_path, os.environ.get("PATH", ""))
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["figure", "ours", "baseline", "ratio", "goal", "met"]
    assert "| figure | ours | baseline | ratio | goal | met |" in lines
    for figure in FIGURES:
        assert any(line.startswith(figure) for line in lines), figure
        assert any(line.startswith(f"| {figure}") for line in lines), figure
    assert any("`scripts/bench --quick`" in line for line in lines)
    assert any(line.startswith("Machine:") for line in lines)


@pytest.mark.slow
def test_quick_bench_without_the_sqlite3_shell_skips_that_baseline(tmp_path: Path) -> None:
    empty = tmp_path / "bin"  # a PATH with no sqlite3 shell on it
    empty.mkdir()
    done = run_quick(tmp_path, str(empty), "--runs", "1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "sqlite3 -csv: not installed, skipped" in done.stdout
    assert "sqlite3 .import: not installed, skipped" in done.stdout
    for figure in FIGURES:
        assert figure in done.stdout
