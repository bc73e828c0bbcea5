"""open_safely / close_safely: check first, quarantine the damaged, back up the changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tracker import backups as backups_module
from tracker import safety
from tracker.backups import backups
from tracker.commands import UpdateTarget
from tracker.safety import close_safely, open_safely
from tracker.storage.backup import BackupError


def test_a_sound_file_opens_and_is_backed_up_once(seeded_db: Path) -> None:
    first = open_safely(seeded_db)
    assert first.service is not None and first.warnings == [] and first.problem == ""
    close_safely(first.service)  # unchanged: no second backup
    second = open_safely(seeded_db)
    assert second.service is not None
    second.service.close()
    assert len(backups(seeded_db)) == 1


def test_close_backs_up_only_after_a_change(seeded_db: Path) -> None:
    opened = open_safely(seeded_db)
    service = opened.service
    assert service is not None
    target = service.targets()[0]
    service.execute(UpdateTarget(target.id, {"note": "new"}, target.version))
    assert close_safely(service) == []
    assert len(backups(seeded_db)) == 2
    assert close_safely(service) == []  # already closed: nothing to do, no error


def test_read_only_open_takes_no_backup(seeded_db: Path) -> None:
    opened = open_safely(seeded_db, read_only=True)
    assert opened.service is not None and opened.service.read_only
    opened.service.close()
    assert backups(seeded_db) == []


def test_a_new_empty_file_is_not_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "new" / "empty.sqlite"
    opened = open_safely(path)
    assert opened.service is not None
    close_safely(opened.service)
    assert path.exists() and backups(path) == []


def test_a_failed_backup_is_a_warning_not_a_failure(seeded_db: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    opened = open_safely(seeded_db, backup_dir=blocked)
    assert opened.service is not None
    assert len(opened.warnings) == 1 and str(blocked) in opened.warnings[0]
    opened.service.close()


def test_a_network_share_gets_a_warning_and_no_wal(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "is_network_filesystem", lambda _path: True)
    opened = open_safely(seeded_db)
    assert opened.service is not None
    try:
        assert any("network share" in w for w in opened.warnings)
        mode = opened.service.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode.lower() == "delete"
    finally:
        opened.service.close()


def test_a_damaged_file_is_quarantined_and_the_newest_backup_offered(
        seeded_db: Path, lang: str) -> None:
    opened = open_safely(seeded_db)
    assert opened.service is not None
    close_safely(opened.service)
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000
    seeded_db.write_bytes(damaged)

    result = open_safely(seeded_db)

    assert result.service is None
    assert result.quarantined is not None and result.quarantined.read_bytes() == damaged
    assert not seeded_db.exists()
    assert result.newest_backup == backups(seeded_db)[0]
    assert str(result.quarantined) in result.problem
    assert ("损坏" in result.problem) == (lang == "zh")
    assert result.details


@pytest.mark.parametrize("finding", ["database is locked", "unable to open database file"])
def test_a_file_that_cannot_be_checked_now_is_never_moved(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch, finding: str) -> None:
    # What check_integrity says while a colleague's program holds a write lock on the file.
    monkeypatch.setattr(safety, "check_integrity", lambda _path, **_: [finding])
    opened = open_safely(seeded_db)
    assert opened.quarantined is None and opened.problem == ""
    assert opened.service is not None
    opened.service.close()
    assert seeded_db.exists()


def closing_backup_after_an_edit(path: Path) -> backups_module.PendingBackup:
    """The backup a window takes as it closes, after one edit to ``path``."""
    opened = open_safely(path)
    service = opened.service
    assert service is not None
    target = service.targets()[0]
    service.execute(UpdateTarget(target.id, {"note": "new"}, target.version))
    pending = backups_module.pending_backup(service)
    service.close()
    assert pending is not None
    return dataclasses.replace(pending, closed=True)


def fails_for_a_full_disk(monkeypatch: pytest.MonkeyPatch, backup: backups_module.PendingBackup
                          ) -> str:
    def disk_full(*_args, **_kwargs):
        raise BackupError("No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(backups_module, "take_backup", disk_full)
        return backup.run()


def test_a_backup_that_failed_after_close_is_reported_at_the_next_open(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Closing a window backs up on a thread once the file is let go of: nobody is left to
    # tell if that fails, so the next open says it (once).
    closing = closing_backup_after_an_edit(seeded_db)
    assert "No space left on device" in fails_for_a_full_disk(monkeypatch, closing)
    reopened = open_safely(seeded_db, backup=False)  # as the window opens (it backs up after)
    assert reopened.service is not None
    assert len(reopened.warnings) == 1 and "No space left on device" in reopened.warnings[0]
    reopened.service.close()
    again = open_safely(seeded_db, backup=False)
    assert again.service is not None and again.warnings == []
    again.service.close()


def test_a_later_good_backup_makes_an_earlier_failure_old_news(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    closing = closing_backup_after_an_edit(seeded_db)
    assert fails_for_a_full_disk(monkeypatch, closing) != ""
    assert closing.run() == ""  # the disk has room again: the backup is taken
    reopened = open_safely(seeded_db, backup=False)
    assert reopened.service is not None and reopened.warnings == []
    reopened.service.close()
