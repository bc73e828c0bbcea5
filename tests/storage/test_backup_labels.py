"""A backup is named by what its copy holds, a closed file is left as cleanly closed as it was,
and copies cut off half-made do not pile up (tracker.storage.backup.take_backup)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.backups import backup_now, fingerprint
from tracker.commands import CreateTarget
from tracker.domain import Target
from tracker.service import TrackerService
from tracker.storage.backup import BackupError, list_backups, take_backup
from tracker.storage.files import sidecar
from tracker.storage.recovery import closed_cleanly

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def make_db(path: Path, rows: int) -> Path:
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE figures (id INTEGER PRIMARY KEY, value TEXT)")
        conn.executemany("INSERT INTO figures (value) VALUES (?)", [("x",)] * rows)
    return path


def rows_held(copy: sqlite3.Connection) -> str:
    return f"n{copy.execute('SELECT count(*) FROM figures').fetchone()[0]}"


def test_a_backup_is_named_by_what_its_copy_holds(tmp_path: Path) -> None:
    live, folder = make_db(tmp_path / "live.sqlite", 3), tmp_path / "backups"
    # The fingerprint read before copying is stale: the file has changed since.
    info = take_backup(live, folder, fingerprint="n2", now=NOW, label=rows_held)
    assert info is not None and info.fingerprint == "n3"
    # Read stale again: the copy holds what the newest backup holds, so it is dropped.
    later = NOW + timedelta(hours=1)
    assert take_backup(live, folder, fingerprint="n2", now=later, label=rows_held) is None
    assert [b.fingerprint for b in list_backups(folder)] == ["n3"]
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]  # no copy left over


def test_backing_up_a_closed_file_leaves_it_closed_cleanly(tmp_path: Path) -> None:
    live, folder = make_db(tmp_path / "live.sqlite", 3), tmp_path / "backups"
    assert closed_cleanly(live)
    assert take_backup(live, folder, fingerprint="n3", now=NOW, closed=True) is not None
    assert not sidecar(live, "-wal").exists() and not sidecar(live, "-shm").exists()
    assert closed_cleanly(live)  # the next open may show the file before checking it


def test_a_closed_file_with_a_hot_journal_is_never_rolled_back_by_a_backup(
        tmp_path: Path) -> None:
    """Only a WAL file is read read-write after its close: a rollback journal beside a file
    (a crash, or a colleague's live one on a network share) is not the backup's to play."""
    live = tmp_path / "live.sqlite"
    with closing(sqlite3.connect(live, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("CREATE TABLE figures (id INTEGER PRIMARY KEY, value TEXT)")
        conn.executemany("INSERT INTO figures (value) VALUES (?)", [("a" * 500,)] * 2000)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE figures SET value = 'b'")
        conn.execute("PRAGMA cache_size = 1")  # the change spills into the file itself
        conn.execute("DELETE FROM figures WHERE id > 1000")
        frozen = tmp_path / "frozen.sqlite"  # the file and its journal as a crash left them
        shutil.copyfile(live, frozen)
        shutil.copyfile(sidecar(live, "-journal"), sidecar(frozen, "-journal"))
        conn.execute("ROLLBACK")
    journal = sidecar(frozen, "-journal").read_bytes()
    before = frozen.read_bytes()
    with pytest.raises(BackupError):
        take_backup(frozen, tmp_path / "backups", fingerprint="f", now=NOW, closed=True)
    assert sidecar(frozen, "-journal").read_bytes() == journal
    assert frozen.read_bytes() == before


def test_copies_cut_off_long_ago_are_removed_and_others_kept(tmp_path: Path) -> None:
    live, folder = make_db(tmp_path / "live.sqlite", 3), tmp_path / "backups"
    folder.mkdir()
    old, recent = folder / ".tracker-tmp-old.sqlite", folder / ".tracker-tmp-now.sqlite"
    for path, age in ((old, timedelta(hours=2)), (recent, timedelta(minutes=10))):
        path.write_bytes(b"half a copy")
        moment = (NOW - age).timestamp()
        os.utime(path, (moment, moment))
    assert take_backup(live, folder, fingerprint="n3", now=NOW) is not None
    assert not old.exists() and recent.exists()  # another process may be copying it still


def test_a_tracker_backup_is_named_by_the_files_fingerprint(tmp_path: Path) -> None:
    with closing(TrackerService.open(tmp_path / "office.sqlite")) as service:
        service.execute(CreateTarget(Target("清洁取暖改造", unit="户", target_value=95397.0)))
        made = backup_now(service, tmp_path / "backups", NOW)
        assert made is not None and made.fingerprint == fingerprint(service)
