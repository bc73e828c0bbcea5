"""kill -9 during an import: the file keeps either none of the figures or all of them.

A child process imports a figures file with the real importer (tracker.io.importer, as
`tracker import` does: one transaction) and is SIGKILLed at a random moment after it says
"started", just before the transaction begins, so kills land inside the transaction and
after the commit. Each run starts from a fresh copy of the same database. After each kill
the file must pass SQLite's integrity check and open normally (never quarantined), holding
none or all of the figures with one audit line each. The rollback-journal variant is how a
file on a network share is written.
"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import time
from collections import Counter
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from fault_kit import Child, report

from tracker.commands import ImportRecords
from tracker.domain import Target
from tracker.safety import open_safely
from tracker.service import TrackerService
from tracker.storage.backup import check_integrity

TARGETS = 100
DAYS = 200  # per target: 20,000 figures in one transaction
FIGURES = TARGETS * DAYS
RUNS = {"wal": 20, "delete": 10}
START = date(2021, 1, 1)


def make_template(folder: Path) -> tuple[Path, Path]:
    """A database with the targets, and the figures file to import into it."""
    db = folder / "template.sqlite"
    service = TrackerService.open(db, who="seed")
    service.execute(ImportRecords(tuple(
        Target(name=f"指标{i:03d}", category="fault", unit="户", target_value=10.0**9,
               period_start=START, period_end=date(2022, 12, 31))
        for i in range(TARGETS))))
    service.close()
    table = folder / "figures.csv"
    with open(table, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["指标", "截至", "数值"])
        for i in range(TARGETS):
            for day in range(DAYS):
                writer.writerow([f"指标{i:03d}", (START + timedelta(days=day)).isoformat(),
                                 day * 10 + i])
    return db, table


def counts(db: Path) -> tuple[int, int, int]:
    """(targets, figures, figures the audit lines cover) in the file, read-only."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return tuple(conn.execute(sql).fetchone()[0] for sql in (  # type: ignore[return-value]
            "SELECT count(*) FROM targets", "SELECT count(*) FROM measurements",
            "SELECT coalesce(sum(CASE WHEN last_row_id IS NULL THEN 1 ELSE "
            "json_extract(new_value, '$.count') END), 0) FROM audit "
            "WHERE table_name = 'measurements'"))


def import_duration(template: Path, table: Path, journal: str) -> float:
    """Seconds from "started" to "committed" for one uninterrupted import."""
    db = template.with_name(f"calibrate-{journal}.sqlite")
    shutil.copyfile(template, db)
    child = Child("import", db, table, journal)
    child.wait_for("started")
    begun = time.monotonic()
    child.wait_for("committed")
    elapsed = time.monotonic() - begun
    child.finish()
    assert counts(db) == (TARGETS, FIGURES, FIGURES)
    return elapsed


@pytest.mark.slow
@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_kill_during_import_leaves_no_figures_or_all(tmp_path: Path, journal: str) -> None:
    template, table = make_template(tmp_path)
    # The faster of two: the first run also warms the disk cache.
    duration = min(import_duration(template, table, journal) for _ in range(2))
    aim = duration
    rng = random.Random(f"kill-import-{journal}")
    outcome: Counter[str] = Counter()
    integrity_ok = hot_journals = 0
    runs = RUNS[journal]
    for run in range(runs):
        db = tmp_path / f"run{run}.sqlite"
        shutil.copyfile(template, db)
        child = Child("import", db, table, journal)
        child.wait_for("started")
        # Even runs aim inside the transaction, odd ones around and after the commit; the
        # calibration is only a guide (the machine may be busier now), hence the spread.
        low, high = (0, aim) if run % 2 == 0 else (aim / 2, 2.5 * aim)
        time.sleep(rng.uniform(low, high))
        child.kill()

        hot_journals += Path(f"{db}-journal").exists()
        if journal == "wal":
            # The file as the kill left it, before anything recovers it.
            integrity_ok += check_integrity(db) == []
        opened = open_safely(db)
        assert opened.service is not None, opened.problem  # never taken for damaged
        if journal == "delete":
            integrity_ok += opened.service.check() == []
        opened.service.close()
        found = counts(db)
        if found == (TARGETS, 0, 0):
            outcome["none"] += 1
        elif found == (TARGETS, FIGURES, FIGURES):
            outcome["all"] += 1
            if run % 2 == 0:
                aim *= 0.7  # aimed inside yet too late: the commit comes sooner than measured
        else:
            outcome["partial"] += 1

    report(f"kill -9 during import ({journal} journal, {FIGURES:,} figures via "
           f"tracker.io.importer in one transaction of ~{duration * 1000:.0f} ms): {runs} runs, "
           f"{outcome['none']} left no rows, {outcome['all']} all rows, {outcome['partial']} "
           f"partial, {hot_journals} hot journals rolled back, integrity ok "
           f"{integrity_ok}/{runs}")
    assert outcome["partial"] == 0
    assert integrity_ok == runs
    # Kills must have landed inside the transaction, or the test proved nothing.
    assert outcome["none"] > 0
