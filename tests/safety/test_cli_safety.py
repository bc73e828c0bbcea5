"""`tracker backup` and `tracker restore` from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tracker.backups import backups
from tracker.cli import build_cli
from tracker.commands import UpdateTarget
from tracker.service import TrackerService


def run(*args: object, input: str | None = None):
    return CliRunner().invoke(build_cli(), ["--lang", "en", *map(str, args)], input=input)


def edit(path: Path) -> None:
    service = TrackerService.open(path)
    target = service.targets()[0]
    service.execute(UpdateTarget(target.id, {"note": "edited"}, target.version))
    service.close()


def test_backup_only_when_changed_and_says_so(seeded_db: Path) -> None:
    first = run("--db", seeded_db, "backup")
    assert first.exit_code == 0 and "Backed up to" in first.output
    again = run("--db", seeded_db, "backup")
    assert again.exit_code == 0 and "Nothing changed" in again.output
    edit(seeded_db)
    assert "Backed up to" in run("--db", seeded_db, "backup").output
    assert len(backups(seeded_db)) == 2


def test_list_shows_backups_newest_first(seeded_db: Path) -> None:
    assert "No backups" in run("backup", "--db", seeded_db, "--list").output
    run("--db", seeded_db, "backup")
    edit(seeded_db)
    run("--db", seeded_db, "backup")
    listed = run("backup", "--db", seeded_db, "--list")
    names = [b.path.name for b in backups(seeded_db)]
    lines = listed.output.splitlines()[1:]
    assert [line.split()[-1] for line in lines] == names
    assert all(" KB " in line for line in lines)


def test_restore_by_listed_name(seeded_db: Path) -> None:
    run("--db", seeded_db, "backup")
    oldest = backups(seeded_db)[-1]
    edit(seeded_db)
    restored = run("restore", oldest.path.name, "--db", seeded_db, "--yes")
    assert restored.exit_code == 0, restored.output
    assert seeded_db.read_bytes() == oldest.path.read_bytes()
    assert "moved to" in restored.output


def test_errors_are_one_line_exit_2_nothing_changed(tmp_path: Path, seeded_db: Path) -> None:
    before = seeded_db.read_bytes()
    cases = [
        ("backup", "--db", tmp_path / "missing.sqlite"),
        ("restore", "--db", seeded_db, "--yes"),  # neither a backup nor --latest
        ("restore", "--latest", "--db", seeded_db, "--yes"),  # no backups yet
        ("restore", "no-such-backup.sqlite", "--db", seeded_db, "--yes"),
    ]
    for args in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert len(result.output.strip().splitlines()) == 1
    assert seeded_db.read_bytes() == before


def test_a_damaged_backup_is_refused(tmp_path: Path, seeded_db: Path) -> None:
    fake = tmp_path / "tracker-20250101T000000000000Z-a1-s1.sqlite"
    fake.write_bytes(b"not a database at all" * 100)
    before = seeded_db.read_bytes()
    result = run("restore", fake, "--db", seeded_db, "--yes")
    assert result.exit_code == 2 and "damaged" in result.output
    assert seeded_db.read_bytes() == before
