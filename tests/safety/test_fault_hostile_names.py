"""Names typed to attack SQL or a spreadsheet are stored exactly as typed, and exported inert.

Every value reaches SQLite as a bound parameter, so SQL in a name is just text; a name that
Excel or WPS would run as a formula is exported to CSV with a leading apostrophe, which the
importer reads back as the same name.
"""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from fault_kit import report

from tracker.cli import build_cli
from tracker.commands import CreateTarget
from tracker.domain import Target
from tracker.service import TrackerService

HOSTILE = (
    "'); DROP TABLE targets;--",
    "Robert'); DELETE FROM audit; --",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "＝HYPERLINK(\"http://example.com\",\"点击\")",
    "\"引号\"与'单引号'、反斜杠\\ 和 %_ 通配符",
)
FORMULA_FIRST = ("=", "+", "-", "@", "＝")


def create_all(path: Path) -> None:
    service = TrackerService.open(path, who="tester")
    try:
        for name in HOSTILE:
            service.execute(CreateTarget(Target(name=name, unit="户", target_value=10.0,
                                                note=name, source=name)))
    finally:
        service.close()


def test_hostile_names_are_kept_exactly_through_service_and_cli(tmp_path: Path) -> None:
    path = tmp_path / "hostile.sqlite"
    create_all(path)
    runner = CliRunner()
    for name in HOSTILE:
        # "--" ends the options: a name may start with "-".
        added = runner.invoke(build_cli(), [
            "--lang", "en", "--db", str(path), "add-measurement", "--as-of", "2022-06-30",
            "--note", name, "--source", name, "--", name, "5"])
        assert added.exit_code == 0, added.output
        shown = runner.invoke(build_cli(), ["--lang", "en", "--db", str(path), "show", "--",
                                            name])
        assert shown.exit_code == 0, shown.output
        assert name in shown.output

    service = TrackerService.open(path)
    try:
        targets = {t.name: t for t in service.targets()}
        assert set(targets) == set(HOSTILE)  # every table is still there, nothing dropped
        for name, target in targets.items():
            assert (target.note, target.source) == (name, name)
            [figure] = service.measurements(target.id)
            assert (figure.note, figure.source, figure.as_of) == (name, name, date(2022, 6, 30))
        assert service.check() == []
    finally:
        service.close()

    exported = {what: export_names(runner, path, tmp_path, what)
                for what in ("targets", "measurements")}
    formulas = [name for name in HOSTILE if name.startswith(FORMULA_FIRST)]
    for cells in exported.values():
        assert sorted(cells) == sorted(("'" + n) if n in formulas else n for n in HOSTILE)
    before = dump(path)
    for what in exported:
        again = runner.invoke(build_cli(), ["--lang", "en", "--db", str(path), "import",
                                            str(tmp_path / f"{what}.csv")])
        assert again.exit_code == 0, again.output
        assert "Nothing new to import" in again.output
    assert dump(path) == before
    report(f"hostile names: {len(HOSTILE)}/{len(HOSTILE)} stored and shown exactly as typed "
           f"via the service and the CLI, no table lost; `tracker export` (targets and "
           f"figures CSV) neutralised {len(formulas)}/{len(formulas)} formula-like names with "
           "a leading ', and importing the exports back changed nothing")


def export_names(runner: CliRunner, db: Path, folder: Path, what: str) -> list[str]:
    """The first column (the name) of each row `tracker export WHAT` writes."""
    out = folder / f"{what}.csv"
    result = runner.invoke(build_cli(), ["--lang", "en", "--db", str(db), "export", what,
                                         "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8-sig", newline="") as fh:
        return [row[0] for row in list(csv.reader(fh))[1:]]


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return list(conn.iterdump())
