"""open_safely(defer_check=True): a cleanly closed file opens before its check, and nothing is
written into it until the check has passed; every other file is checked first, as always."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tracker import safety
from tracker.commands import UpdateTarget
from tracker.safety import can_defer_check, deferred_damage, open_safely
from tracker.service import ReadOnlyError, TrackerService
from tracker.storage import DatabaseError
from tracker.storage.migrations import known_names


def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records (and runs) every integrity check open_safely makes."""
    made: list[Path] = []
    real = safety.check_integrity

    def check(path: Path, **kwargs: bool) -> list[str]:
        made.append(Path(path))
        return real(path, **kwargs)

    monkeypatch.setattr(safety, "check_integrity", check)
    return made


def crashed_copy(seeded_db: Path, tmp_path: Path) -> Path:
    """A copy of the file as a crash leaves it: a committed change still in its -wal."""
    conn = sqlite3.connect(seeded_db)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE targets SET note = 'in the wal' WHERE id = 1")
        conn.commit()
        copy = tmp_path / "crashed.sqlite"
        shutil.copyfile(seeded_db, copy)
        shutil.copyfile(seeded_db.with_name(seeded_db.name + "-wal"),
                        copy.with_name(copy.name + "-wal"))
    finally:
        conn.close()
    return copy


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_a_cleanly_closed_file_opens_first_and_refuses_edits_until_checked(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = checks(monkeypatch)
    opened = open_safely(seeded_db, defer_check=True)
    service = opened.service
    assert service is not None and opened.check_deferred and made == []
    try:
        target = service.targets()[0]
        edit = UpdateTarget(target.id, {"note": "checked"}, target.version)
        with pytest.raises(ReadOnlyError):
            service.execute(edit)
        assert service.target(target.id).note == target.note  # nothing was written
        assert deferred_damage(seeded_db) == []
        service.awaiting_check = False
        service.execute(edit)
        assert service.target(target.id).note == "checked"
    finally:
        service.close()


def test_without_defer_check_the_file_is_checked_first(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = checks(monkeypatch)
    opened = open_safely(seeded_db)
    assert opened.service is not None and not opened.check_deferred
    assert not opened.service.awaiting_check and made == [seeded_db]
    opened.service.close()


def test_a_file_left_by_a_crash_is_checked_before_it_opens(
        seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crashed = crashed_copy(seeded_db, tmp_path)
    assert not can_defer_check(crashed)
    made = checks(monkeypatch)
    opened = open_safely(crashed, defer_check=True)
    assert opened.service is not None and not opened.check_deferred and made == [crashed]
    try:
        assert opened.service.target(1).note == "in the wal"  # the crash lost nothing
    finally:
        opened.service.close()


@pytest.mark.parametrize("change", [
    "PRAGMA journal_mode = DELETE",  # opening would switch it to WAL: a write
    f"DELETE FROM _sqlite_migrations WHERE name = '{known_names()[-1]}'",  # a migration to run
    "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
    "VALUES ('tracker', '9999_from_a_newer_tracker', '')",
])
def test_a_file_that_opening_would_change_is_checked_first(seeded_db: Path, change: str) -> None:
    assert can_defer_check(seeded_db)
    sql(seeded_db, change)
    assert not can_defer_check(seeded_db)


def test_a_hot_journal_means_checking_first(seeded_db: Path) -> None:
    seeded_db.with_name(seeded_db.name + "-journal").write_bytes(b"\0" * 512)
    assert not can_defer_check(seeded_db)


def test_checking_leaves_nothing_beside_the_file(seeded_db: Path) -> None:
    assert can_defer_check(seeded_db)
    assert sorted(p.name for p in seeded_db.parent.iterdir() if p.is_file()) == [seeded_db.name]


def test_a_network_share_is_checked_first(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "is_network_filesystem", lambda _path: True)
    made = checks(monkeypatch)
    opened = open_safely(seeded_db, defer_check=True)
    assert opened.service is not None and not opened.check_deferred and made == [seeded_db]
    opened.service.close()


def test_the_deferred_check_finds_damage_but_not_a_busy_file(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "check_integrity", lambda _path, **_: ["database is locked"])
    assert deferred_damage(seeded_db) == []
    monkeypatch.undo()
    seeded_db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    assert deferred_damage(seeded_db)


def test_a_file_that_fails_to_open_after_all_is_checked_and_set_aside(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Readable enough to defer its check, yet opening it fails: it is checked at once and,
    # being damaged, moved aside as at any open.
    def refuse(*_args: object, **_kwargs: object) -> TrackerService:
        raise DatabaseError("database disk image is malformed")

    monkeypatch.setattr(safety.TrackerService, "open", refuse)
    monkeypatch.setattr(safety, "check_integrity", lambda _path, **_: ["page 7: damaged"])
    result = open_safely(seeded_db, defer_check=True)
    assert result.service is None and result.quarantined is not None
    assert not seeded_db.exists() and result.quarantined.exists()
