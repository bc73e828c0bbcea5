"""Restoring a backup gives back exactly the database as it was when the backup was taken.

Compared with SQLite's own dump (every table, index, trigger and row), including when the
live file was first overwritten with garbage, and through the CLI.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from fault_kit import report

from tracker.backups import backup_now, backups, restore
from tracker.cli import build_cli
from tracker.commands import AddMeasurement, DeleteTarget, UpdateTarget
from tracker.domain import Measurement
from tracker.safety import close_safely, open_safely
from tracker.service import TrackerService


def dump(path: Path) -> list[str]:
    """The whole database as SQL text, read-only."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return list(conn.iterdump())


def change_everything(service: TrackerService) -> None:
    """Edits of every kind, so the live file differs from the backup everywhere."""
    first, second = service.targets()[:2]
    service.execute(UpdateTarget(first.id, {"target_value": 123456.0, "note": "later"},
                                 first.version))
    service.execute(AddMeasurement(Measurement(first.id, first.period_end, 99.0)))
    service.execute(DeleteTarget(second.id, second.version))


def backed_up_state(path: Path) -> tuple[list[str], Path]:
    """Take a backup of ``path`` now; the dump at that moment and the backup's path."""
    service = TrackerService.open(path)
    try:
        made = backup_now(service)
        assert made is not None
        return dump(path), made.path
    finally:
        service.close()


def test_restore_gives_back_exactly_the_backed_up_database(seeded_db: Path) -> None:
    before, backup = backed_up_state(seeded_db)
    service = TrackerService.open(seeded_db)
    change_everything(service)
    service.close()
    assert dump(seeded_db) != before

    aside = restore(seeded_db, backup)

    assert dump(seeded_db) == before
    assert aside is not None and aside.exists()  # the replaced file was kept
    assert seeded_db.read_bytes() == backup.read_bytes()


def test_restore_over_garbage_after_quarantine(seeded_db: Path) -> None:
    before, _ = backed_up_state(seeded_db)
    service = TrackerService.open(seeded_db)
    change_everything(service)
    close_safely(service)  # a newer backup, holding the changes
    garbage = bytes(range(256)) * 64
    seeded_db.write_bytes(garbage)

    opened = open_safely(seeded_db)
    assert opened.service is None and opened.quarantined is not None
    assert opened.quarantined.read_bytes() == garbage
    oldest = backups(seeded_db)[-1]
    restore(seeded_db, oldest.path)

    assert dump(seeded_db) == before
    reopened = open_safely(seeded_db)
    assert reopened.service is not None
    assert reopened.service.check() == []
    reopened.service.close()


def test_cli_restore_latest_over_garbage(seeded_db: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(build_cli(), ["--lang", "en", "--db", str(seeded_db), "backup"])
    assert made.exit_code == 0, made.output
    before = dump(seeded_db)
    seeded_db.write_bytes(b"\x00garbage" * 4096)
    Path(f"{seeded_db}-wal").write_bytes(b"stale wal")

    declined = runner.invoke(build_cli(), ["--lang", "en", "--db", str(seeded_db), "restore",
                                           "--latest"], input="n\n")
    assert declined.exit_code != 0
    assert seeded_db.read_bytes().startswith(b"\x00garbage")

    restored = runner.invoke(build_cli(), ["--lang", "en", "--db", str(seeded_db), "restore",
                                           "--latest", "--yes"])
    assert restored.exit_code == 0, restored.output
    assert dump(seeded_db) == before
    aside = next(seeded_db.parent.glob("office.sqlite.before-restore-*[0-9]Z"))
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert str(aside) in restored.output
    assert Path(f"{aside}-wal").read_bytes() == b"stale wal"  # moved with its file
    assert not Path(f"{seeded_db}-wal").exists()

    report("restore: the restored file dumps identically to the database at backup time "
           "(after edits, after garbage over the live file, and via `tracker restore "
           "--latest`); the replaced file and its -wal were kept beside it")
