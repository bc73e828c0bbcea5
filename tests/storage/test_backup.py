"""Backups, integrity checks, quarantine, restore and network detection (tracker.storage.backup)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.storage import backup as bk
from tracker.storage.backup import (
    BackupError,
    check_integrity,
    default_backup_dir,
    is_network_filesystem,
    list_backups,
    quarantine,
    restore_backup,
    take_backup,
    thin_backups,
)

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def make_db(path: Path, rows: int = 3, *, wal: bool = True) -> Path:
    """A small SQLite file with a table of ``rows`` numbered rows, connection closed."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}")
        conn.execute("BEGIN")  # one transaction, not one fsync per row
        conn.execute("CREATE TABLE figures (id INTEGER PRIMARY KEY, value TEXT)")
        conn.executemany(
            "INSERT INTO figures (value) VALUES (?)", [(f"figure {i}",) for i in range(rows)]
        )
        conn.execute("COMMIT")
    return path


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM figures").fetchone()[0])


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def wal_writer(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """An open connection whose committed rows are only in the -wal, not the main file."""
    conn = sqlite3.connect(tmp_path / "live.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE figures (id INTEGER PRIMARY KEY, value TEXT)")
    conn.executemany("INSERT INTO figures (value) VALUES (?)", [("x",)] * 50)
    yield conn
    conn.close()


# --------------------------------------------------------------------------- take_backup


def test_backup_includes_rows_only_in_the_wal(
    tmp_path: Path, backups: Path, wal_writer: sqlite3.Connection
) -> None:
    live = tmp_path / "live.sqlite"
    assert (tmp_path / "live.sqlite-wal").stat().st_size > 0
    info = take_backup(live, backups, fingerprint="a1", now=NOW)
    assert info is not None
    assert count(info.path) == 50


def test_backup_is_one_self_contained_file(
    tmp_path: Path, backups: Path, wal_writer: sqlite3.Connection
) -> None:
    info = take_backup(tmp_path / "live.sqlite", backups, fingerprint="a1", now=NOW)
    assert info is not None
    assert sorted(p.name for p in backups.iterdir()) == [info.path.name]
    # Header bytes 18-19 are 1 for rollback-journal files, 2 for WAL.
    assert info.path.read_bytes()[18:20] == b"\x01\x01"


def test_same_fingerprint_takes_no_new_backup(tmp_path: Path, backups: Path) -> None:
    live = make_db(tmp_path / "live.sqlite")
    assert take_backup(live, backups, fingerprint="audit-7", now=NOW) is not None
    later = NOW + timedelta(hours=1)
    assert take_backup(live, backups, fingerprint="audit-7", now=later) is None
    assert take_backup(live, backups, fingerprint="audit-8", now=later) is not None
    assert [b.fingerprint for b in list_backups(backups)] == ["audit-8", "audit-7"]


def test_fingerprint_round_trips_through_the_file_name(tmp_path: Path, backups: Path) -> None:
    live = make_db(tmp_path / "live.sqlite")
    odd = "schema 3/audit:12?*\\ 目标"
    info = take_backup(live, backups, fingerprint=odd, now=NOW)
    assert info is not None
    [listed] = list_backups(backups)
    assert (listed.fingerprint, listed.taken_at, listed.path) == (odd, NOW, info.path)


def test_backup_passes_integrity_check(tmp_path: Path, backups: Path) -> None:
    live = make_db(tmp_path / "live.sqlite", rows=2000)
    info = take_backup(live, backups, fingerprint="1", now=NOW)
    assert info is not None
    assert check_integrity(info.path) == []


def test_failed_check_leaves_nothing_and_is_not_counted(
    tmp_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = make_db(tmp_path / "live.sqlite")
    monkeypatch.setattr(bk, "check_integrity", lambda path: ["page 3 is never used"])
    with pytest.raises(BackupError) as raised:
        take_backup(live, backups, fingerprint="f", now=NOW)
    assert raised.value.problems == ["page 3 is never used"]
    assert list(backups.iterdir()) == []
    monkeypatch.undo()
    # Nothing was counted, so the same fingerprint still gets its backup.
    assert take_backup(live, backups, fingerprint="f", now=NOW) is not None


def test_missing_database_raises_backup_error(tmp_path: Path, backups: Path) -> None:
    with pytest.raises(BackupError):
        take_backup(tmp_path / "nothing.sqlite", backups, fingerprint="f", now=NOW)


def test_listing_ignores_temp_and_foreign_files(tmp_path: Path, backups: Path) -> None:
    info = take_backup(make_db(tmp_path / "live.sqlite"), backups, fingerprint="f", now=NOW)
    assert info is not None
    (backups / ".tracker-tmp-abc.sqlite").write_bytes(b"partial")
    (backups / "notes.txt").write_text("mine")
    (backups / "tracker-20251399T000000000000Z-x.sqlite").write_bytes(b"bad date")
    assert [b.path for b in list_backups(backups)] == [info.path]


def test_default_backup_dir_differs_for_same_named_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_BACKUP_DIR", str(tmp_path / "root"))
    a = default_backup_dir(tmp_path / "a" / "targets.sqlite")
    b = default_backup_dir(tmp_path / "b" / "targets.sqlite")
    assert a.parent == b.parent == tmp_path / "root"
    assert a != b and a.name.startswith("targets-")


# --------------------------------------------------------------------------- check_integrity


def test_overwritten_middle_of_file_is_detected(tmp_path: Path) -> None:
    db = make_db(tmp_path / "db.sqlite", rows=3000, wal=False)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE INDEX by_value ON figures (value)")
        conn.commit()
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    data = bytearray(db.read_bytes())
    assert len(data) > 20 * page_size
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = b"\xa5" * page_size
    db.write_bytes(bytes(data))
    assert check_integrity(db) != []


def test_not_a_database_is_reported_not_raised(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(os.urandom(8192))
    problems = check_integrity(junk)
    assert any("not a database" in p for p in problems)


def test_checking_a_closed_wal_file_leaves_no_sidecars(tmp_path: Path) -> None:
    db = make_db(tmp_path / "db.sqlite", wal=True)
    assert check_integrity(db) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]


# --------------------------------------------------------------------------- thinning


def history(folder: Path, end: datetime, days: int) -> None:
    """(Empty) backups at 06:00 and 18:00 UTC on each of ``days`` days, none after ``end``."""
    folder.mkdir()
    for back in range(days):
        day = end.date() - timedelta(days=back)
        for hour in (6, 18):
            stamp = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
            if stamp <= end:
                (folder / f"tracker-{stamp:%Y%m%dT%H%M%S%f}Z-{back}-{hour}.sqlite").touch()


def kept(folder: Path) -> set[str]:
    return {f"{b.taken_at:%Y-%m-%d %H}" for b in list_backups(folder)}


MONTH_ENDS = {
    "2025-05-31 18", "2025-04-30 18", "2025-03-31 18", "2025-02-28 18", "2025-01-31 18",
    "2024-12-31 18", "2024-11-30 18", "2024-10-31 18", "2024-09-30 18", "2024-08-31 18",
    "2024-07-31 18",
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param(
            {},
            {f"2025-06-{d:02} {h:02}" for d in range(11, 15) for h in (6, 18)}
            | {"2025-06-15 06", "2025-06-10 18"}  # the newest 10
            | {"2025-06-09 18"}  # the rest of the 7 days
            | {"2025-06-08 18", "2025-06-01 18", "2025-05-25 18"}  # 4 ISO weeks
            | MONTH_ENDS,  # 12 months (June's is the newest)
            id="defaults",
        ),
        pytest.param(
            {"keep_last": 0, "daily": 3, "weekly": 0, "monthly": 0},
            {"2025-06-13 18", "2025-06-14 18", "2025-06-15 06"},
            id="daily-only",
        ),
        pytest.param(
            {"keep_last": 0, "daily": 0, "weekly": 2, "monthly": 0},
            {"2025-06-15 06", "2025-06-08 18"},
            id="weekly-only",
        ),
        pytest.param(
            {"keep_last": 0, "daily": 0, "weekly": 0, "monthly": 3},
            {"2025-06-15 06", "2025-05-31 18", "2025-04-30 18"},
            id="monthly-only",
        ),
        pytest.param(
            {"keep_last": 0, "daily": 0, "weekly": 0, "monthly": 0},
            {"2025-06-15 06"},
            id="nothing-but-the-newest",
        ),
    ],
)
def test_thinning_keeps_the_schedule(
    backups: Path, params: dict[str, int], expected: set[str]
) -> None:
    history(backups, NOW, days=400)  # the newest is 2025-06-15 06:00, before NOW (12:00)
    before = {b.path for b in list_backups(backups)}
    deleted = thin_backups(backups, now=NOW, **params)
    assert kept(backups) == expected
    assert set(deleted) == before - {b.path for b in list_backups(backups)}


def test_thinning_counts_days_in_the_zone_of_now(backups: Path) -> None:
    backups.mkdir()
    for stamp in ("20250614T100000000000Z", "20250614T200000000000Z", "20250615T010000000000Z"):
        (backups / f"tracker-{stamp}-f.sqlite").touch()
    beijing = timezone(timedelta(hours=8))
    thin_backups(backups, now=NOW.astimezone(beijing), keep_last=0, daily=2, weekly=0, monthly=0)
    # In Beijing 20:00Z is already 15 June, so 14 June's newest is the 10:00Z one.
    assert kept(backups) == {"2025-06-15 01", "2025-06-14 10"}


def test_thinning_never_deletes_future_dated_or_foreign_files(backups: Path) -> None:
    history(backups, NOW + timedelta(days=30), days=60)
    (backups / "keep-me.txt").write_text("not a backup")
    future = {b.path for b in list_backups(backups) if b.taken_at > NOW}
    deleted = thin_backups(backups, now=NOW, keep_last=1, daily=0, weekly=0, monthly=0)
    assert deleted  # the past ones beyond the schedule went
    assert {b.path for b in list_backups(backups)} == future
    assert (backups / "keep-me.txt").exists()


# --------------------------------------------------------------------------- quarantine


def test_quarantine_moves_file_and_sidecars_unchanged(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite"
    contents = {suffix: os.urandom(5000) for suffix in ("", "-wal", "-shm")}
    for suffix, data in contents.items():
        Path(f"{live}{suffix}").write_bytes(data)
    moved = quarantine(live, now=NOW)
    assert moved.name.startswith("live.sqlite.corrupt-")
    for suffix, data in contents.items():
        assert not Path(f"{live}{suffix}").exists()
        assert Path(f"{moved}{suffix}").read_bytes() == data


def test_quarantine_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite"
    live.write_bytes(b"first")
    first = quarantine(live, now=NOW)
    live.write_bytes(b"second")
    second = quarantine(live, now=NOW)
    assert first != second
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


# --------------------------------------------------------------------------- restore


def test_restore_over_garbage_gives_byte_identical_copy(tmp_path: Path, backups: Path) -> None:
    live = make_db(tmp_path / "live.sqlite")
    info = take_backup(live, backups, fingerprint="1", now=NOW)
    assert info is not None
    garbage, garbage_wal = os.urandom(10000), os.urandom(3000)
    live.write_bytes(garbage)
    Path(f"{live}-wal").write_bytes(garbage_wal)
    aside = restore_backup(info.path, live, now=NOW)
    assert live.read_bytes() == info.path.read_bytes()
    assert not Path(f"{live}-wal").exists()  # a stale -wal would be replayed into it
    assert aside is not None and aside.name.startswith("live.sqlite.before-restore-")
    assert aside.read_bytes() == garbage
    assert Path(f"{aside}-wal").read_bytes() == garbage_wal


def test_restore_brings_back_the_rows_as_they_were(tmp_path: Path, backups: Path) -> None:
    live = make_db(tmp_path / "live.sqlite", rows=20)
    at_backup = dump(live)
    info = take_backup(live, backups, fingerprint="1", now=NOW)
    assert info is not None
    with closing(sqlite3.connect(live)) as conn:
        conn.execute("UPDATE figures SET value = 'changed' WHERE id < 5")
        conn.execute("DELETE FROM figures WHERE id > 15")
        conn.commit()
    assert dump(live) != at_backup
    restore_backup(info.path, live, now=NOW)
    assert dump(live) == at_backup


def test_restore_refuses_a_damaged_backup_and_touches_nothing(tmp_path: Path) -> None:
    live = make_db(tmp_path / "live.sqlite")
    before = live.read_bytes()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(BackupError):
        restore_backup(bad, live, now=NOW)
    assert live.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite", "live.sqlite"]


def test_restore_without_a_live_file_returns_none(tmp_path: Path, backups: Path) -> None:
    info = take_backup(make_db(tmp_path / "old.sqlite"), backups, fingerprint="1", now=NOW)
    assert info is not None
    target = tmp_path / "new.sqlite"
    assert restore_backup(info.path, target, now=NOW) is None
    assert target.read_bytes() == info.path.read_bytes()


# --------------------------------------------------------------------------- network file systems


def mounts_file(tmp_path: Path, entries: list[tuple[Path | str, str]]) -> Path:
    """A /proc/self/mounts look-alike, escaping spaces as the kernel does."""
    lines = [
        f"server:/x {str(point).replace(' ', chr(92) + '040')} {fstype} rw 0 0"
        for point, fstype in entries
    ]
    path = tmp_path / "mounts"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("share/targets.sqlite", True),  # nfs
        ("local/targets.sqlite", False),  # ext4
        ("my share/targets.sqlite", True),  # cifs, mount point written with \040
        ("share/disk/targets.sqlite", False),  # ext4 mounted inside the nfs share
        ("shared/targets.sqlite", False),  # "share" is a prefix of the name, not a parent
    ],
)
def test_network_filesystem_from_mount_table(
    tmp_path: Path, relative: str, expected: bool
) -> None:
    root = tmp_path.resolve()
    table = mounts_file(
        tmp_path,
        [  # the nested mount comes first: the longest mount point decides, not the last line
            ("/", "ext4"),
            (root / "share" / "disk", "ext4"),
            (root / "share", "nfs"),
            (root / "local", "ext4"),
            (root / "my share", "cifs"),
        ],
    )
    assert is_network_filesystem(root / relative, mounts_file=table) is expected


def test_unreadable_mount_table_means_not_network(tmp_path: Path) -> None:
    assert is_network_filesystem(tmp_path / "x.sqlite", mounts_file=tmp_path / "none") is False
