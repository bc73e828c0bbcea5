"""A big write's log is copied into the file on a thread of its own, after the commit
(tracker/storage/checkpoints.py); small ones keep SQLite's automatic checkpoint."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.commands import CreateTarget, UpdateTarget
from tracker.domain import Target
from tracker.service import TrackerService
from tracker.storage import checkpoints

SOURCE = ("导入 a.csv", "第{first}行", "第{first}–{last}行")
#: Enough figures (with long notes) for a log past SQLite's 1,000-page automatic checkpoint.
FIGURES = 12_000


def _open(path: Path, **kwargs) -> TrackerService:
    service = TrackerService.open(path, who="tester", **kwargs)
    service.execute(CreateTarget(Target("清洁取暖改造", unit="户", target_value=95397.0)))
    return service


@pytest.fixture
def on_file(tmp_path: Path) -> Iterator[TrackerService]:
    """A service on the file t.sqlite in tmp_path (WAL), with one target; closed after."""
    service = _open(tmp_path / "t.sqlite")
    yield service
    service.close()


def _big_write(service: TrackerService, n: int = FIGURES, first_day: int = 0) -> None:
    repo = service.repo
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    start = date(1901, 1, 1) + timedelta(days=first_day)
    dates = [(start + timedelta(days=i)).isoformat() for i in range(n)]
    with repo.transaction():
        repo.insert_measurements_bulk(([target] * n, dates, [float(i) for i in range(n)],
                                       ["备注" * 200] * n, [""] * n), list(range(2, n + 2)),
                                      SOURCE)


def _eventually(condition) -> bool:
    """Whether ``condition()`` comes true within 30 s (a thread's work, polled)."""
    deadline = time.monotonic() + 30
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def _wait_for_the_copy(service: TrackerService, runs: int = 1) -> None:
    assert _eventually(lambda: service.repo.checkpoints.runs >= runs)
    assert service.repo.checkpoints.runs == runs


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "tracker-checkpoint"]


@pytest.fixture
def held(monkeypatch):
    """The background checkpoint asked for, but not started (until ``release()``)."""
    asked: list[checkpoints.BackgroundCheckpoints] = []
    real = checkpoints.BackgroundCheckpoints._wake
    monkeypatch.setattr(checkpoints.BackgroundCheckpoints, "_wake",
                        lambda background: asked.append(background))

    def release() -> None:
        for background in asked:
            real(background)

    release.asked = asked  # type: ignore[attr-defined]
    return release


def test_a_big_commit_leaves_the_copy_to_the_thread(on_file, tmp_path, held):
    service = on_file
    size = (tmp_path / "t.sqlite").stat().st_size
    _big_write(service)
    assert held.asked == [service.repo.checkpoints]
    # Committed (another connection sees it all) but not yet copied into the file.
    other = sqlite3.connect(tmp_path / "t.sqlite")
    assert other.execute("SELECT count(*) FROM measurements").fetchone() == (FIGURES,)
    other.close()
    assert (tmp_path / "t.sqlite").stat().st_size == size
    assert service.repo.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)
    held()
    _wait_for_the_copy(service)
    assert (tmp_path / "t.sqlite").stat().st_size > size + 4_000_000


def test_without_the_thread_the_commit_copies_as_before(on_file, tmp_path, monkeypatch):
    # The control for the test above: a big commit with SQLite's automatic checkpoint.
    monkeypatch.setattr(checkpoints, "BIG_WRITE", 10**9)
    service = on_file
    size = (tmp_path / "t.sqlite").stat().st_size
    _big_write(service)
    assert (tmp_path / "t.sqlite").stat().st_size > size + 4_000_000
    assert not _checkpoint_threads()


def test_the_thread_ends_when_the_copy_is_done(on_file):
    # No second handle stays open on the file between big writes.
    service = on_file
    _big_write(service)
    _wait_for_the_copy(service)
    assert _eventually(lambda: not _checkpoint_threads())
    _big_write(service, first_day=FIGURES)  # and a later big write starts another
    _wait_for_the_copy(service, runs=2)


def test_no_thread_to_be_had_changes_nothing_for_the_write(tmp_path, monkeypatch):
    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    path = tmp_path / "t.sqlite"
    service = _open(path)
    _big_write(service)  # committed, and says so
    service.close()
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM measurements").fetchone() == (FIGURES,)
    conn.close()


def test_a_refused_commit_leaves_no_transaction_open(on_file):
    service = on_file
    conn = service.repo.conn
    conn.set_authorizer(lambda action, arg, *_: sqlite3.SQLITE_DENY
                        if action == sqlite3.SQLITE_TRANSACTION and arg == "COMMIT"
                        else sqlite3.SQLITE_OK)
    with pytest.raises(sqlite3.DatabaseError):
        _big_write(service)
    conn.set_authorizer(None)
    assert not conn.in_transaction
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)
    assert conn.execute("SELECT count(*) FROM measurements").fetchone() == (0,)
    _big_write(service, 10)  # the next edit goes through
    assert conn.execute("SELECT count(*) FROM measurements").fetchone() == (10,)


def test_closing_joins_the_thread_and_folds_the_log_in(tmp_path):
    path = tmp_path / "t.sqlite"
    service = _open(path)
    _big_write(service)
    service.close()
    service.close()  # twice is harmless
    assert not _checkpoint_threads()
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM measurements").fetchone() == (FIGURES,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_the_copy_is_not_taken_for_an_outside_change(on_file):
    # The window polls PRAGMA data_version for other processes' commits; the thread's
    # connection copies pages but changes nothing, so nothing must be reloaded.
    service = on_file
    _big_write(service)
    _wait_for_the_copy(service)
    assert not service.poll_outside_changes()
    target = service.targets()[0]
    service.execute(UpdateTarget(target.id, {"unit": "万户"}, target.version))
    assert not service.poll_outside_changes()


def test_small_commits_and_failed_ones_start_nothing(on_file):
    service = on_file
    _big_write(service, 100)
    with pytest.raises(ZeroDivisionError), service.repo.transaction():
        _big_write(service, first_day=100)
        raise ZeroDivisionError
    assert not _checkpoint_threads()
    assert service.repo.conn.execute("SELECT count(*) FROM measurements").fetchone() == (100,)


@pytest.mark.parametrize("where", ["memory", "rollback journal"])
def test_no_thread_without_a_log_file(tmp_path, where):
    path = None if where == "memory" else tmp_path / "t.sqlite"
    service = _open(path, wal=where == "memory")  # type: ignore[arg-type]
    try:
        _big_write(service)
        assert not _checkpoint_threads()
        assert service.repo.conn.execute("SELECT count(*) FROM measurements").fetchone() == \
            (FIGURES,)
    finally:
        service.close()
