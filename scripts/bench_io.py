"""How fast figures go out to CSV and come back in, against the sqlite3 shell and sqlite-utils.

``bench_export(db_path, out_dir)`` times ``export_measurements`` (CSV) of every figure in a
Tracker database against the sqlite3 shell's ``-csv`` output of the same join and against
``sqlite-utils rows --csv``. ``bench_import(csv_path, out_dir)`` times a validated,
all-or-nothing, audited import of a figures CSV (read, plan, one transaction) into a fresh
database holding the file's targets, against the shell's ``.import`` and
``sqlite-utils insert --csv`` into a bare table, and against the shell doing the same job
(SAME_JOB: into the same schema). Both return seconds (best of ``repeats``) and ratios.
Run as a script it uses scripts/bench_data.py's cached database:

    python scripts/bench_io.py [--targets 10000] [--figures-per-target 100] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3 as sqlite3_module
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker import messages  # noqa: E402
from tracker.commands import ImportRecords  # noqa: E402
from tracker.domain import Target  # noqa: E402
from tracker.io.exporter import export_measurements  # noqa: E402
from tracker.io.importer import plan_import, read_file, suggest_mapping  # noqa: E402
from tracker.service import TrackerService  # noqa: E402

#: The sqlite3 shell exports the same rows as export_measurements, in the same order.
SHELL_QUERY = ("SELECT t.name, t.unit, m.as_of, m.value, m.note, m.source FROM targets t "
               "JOIN measurements m ON m.target_id = t.id ORDER BY t.id, m.as_of")


#: The sqlite3 shell doing our job: the file into a staging table (--skip 1: past the
#: header), then into the same measurements table, with the same constraints, indexes, foreign
#: keys and journal, in one transaction. Only the audit lines and the checks done in Python
#: (and the messages they give) are ours alone.
SAME_JOB = (
    ("PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
     "BEGIN IMMEDIATE",
     "CREATE TEMP TABLE staging (name, unit, as_of, value, note, source)"),
    ("INSERT INTO measurements (target_id, as_of, value, note, source, version, updated_at) "
     "SELECT t.id, s.as_of, s.value, s.note, s.source, 1, strftime('%Y-%m-%dT%H:%M:%f', 'now') "
     "FROM temp.staging s JOIN targets t ON t.name = s.name ORDER BY s.rowid", "COMMIT"),
)


def sqlite3_count(db: Path) -> int:
    """How many figures ``db`` holds."""
    conn = sqlite3_module.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM measurements").fetchone()[0]
    finally:
        conn.close()


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _best(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _shell(args: list[str], stdout: Path | None = None) -> None:
    with open(stdout or os.devnull, "wb") as out:
        subprocess.run(args, stdout=out, stderr=subprocess.PIPE, check=True)


def bench_export(db_path: Path, out_dir: Path, repeats: int = 3) -> dict[str, float]:
    """Seconds to export every figure of ``db_path`` as CSV: ours and the baselines."""
    out_dir.mkdir(parents=True, exist_ok=True)
    service = TrackerService.open(db_path, read_only=True)
    try:
        rows = service.repo.count_measurements()
        ours = _best(lambda: export_measurements(service, out_dir / "ours.csv"), repeats)
    finally:
        service.close()
    result = {"rows": float(rows), "ours": ours}
    sqlite3 = _tool("sqlite3")
    if sqlite3:
        result["sqlite3_shell"] = _best(lambda: _shell(
            [sqlite3, "-csv", "-header", str(db_path), SHELL_QUERY], out_dir / "shell.csv"),
            repeats)
        result["ours_vs_shell"] = ours / result["sqlite3_shell"]
    sqlite_utils = _tool("sqlite-utils")
    if sqlite_utils:
        result["sqlite_utils_rows"] = _best(lambda: _shell(
            [sqlite_utils, "rows", str(db_path), "measurements", "--csv"],
            out_dir / "sqlite-utils.csv"), 1)
        result["sqlite_utils_vs_ours"] = result["sqlite_utils_rows"] / ours
    return result


def _fresh_database(path: Path, targets: dict[str, str]) -> None:
    """A new database at ``path`` holding the named targets (with their units)."""
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    service = TrackerService.open(path)
    try:
        service.execute(ImportRecords(tuple(
            Target(name, unit=unit, target_value=1e9) for name, unit in targets.items())))
    finally:
        service.close()


def _revise_every_hundredth(csv_path: Path, out: Path) -> int:
    """Write ``csv_path`` (one of export_measurements, no quotes) to ``out`` with the value
    of every hundredth figure one more; return how many were revised."""
    text = csv_path.read_text(encoding="utf-8-sig")
    ending = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(ending)
    header = lines[0].split(",")
    value = next(i for i, h in enumerate(header) if suggest_mapping(header).get(h) == "value")
    changed = 0
    for number in range(100, len(lines), 100):
        if lines[number]:
            cells = lines[number].split(",")
            cells[value] = str(Decimal(cells[value]) + 1)
            lines[number] = ",".join(cells)
            changed += 1
    out.write_text(ending.join(lines), encoding="utf-8-sig")
    return changed


def bench_import(csv_path: Path, out_dir: Path, repeats: int = 3) -> dict[str, float]:
    """Seconds to import the figures CSV ``csv_path``: ours (validated, audited, one
    transaction) and the baselines. Also the phases of our best run, its undo and redo, and
    a re-import."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table = read_file(csv_path)  # untimed: only to learn the targets the file names
    mapping = suggest_mapping(table.headers)
    name_col = table.headers.index(next(h for h, f in mapping.items() if f == "name"))
    unit_col = table.headers.index(next(h for h, f in mapping.items() if f == "unit"))
    targets = dict(zip(table.columns[name_col], table.columns[unit_col], strict=True))
    rows = len(table)
    del table
    revised = out_dir / "revised.csv"
    changed = _revise_every_hundredth(csv_path, revised)
    db = out_dir / "import-ours.sqlite"
    best: dict[str, float] = {}
    reimports: list[float] = []
    revisions: list[float] = []
    undos: list[float] = []
    redos: list[float] = []
    for _ in range(repeats):
        _fresh_database(db, targets)
        service = TrackerService.open(db)
        try:
            start = time.perf_counter()
            read = read_file(csv_path)
            after_read = time.perf_counter()
            plan = plan_import(service, read, suggest_mapping(read.headers),
                               file_name=csv_path.name)
            after_plan = time.perf_counter()
            undo = service.execute(plan.command())
            done = time.perf_counter()
            # Checked after the clock stops (and by ``figures``: ``new_figures`` builds a
            # tuple per figure, which cost the timed write half a second until it moved).
            assert not plan.errors and len(plan.figures) == rows, plan.summary()
            phases = {"ours": done - start, "ours_read": after_read - start,
                      "ours_plan": after_plan - after_read, "ours_apply": done - after_plan}
            del read, plan
            if not best or phases["ours"] < best["ours"]:
                best = phases
            again = time.perf_counter()
            reread = read_file(csv_path)
            second = plan_import(service, reread, suggest_mapping(reread.headers),
                                 file_name=csv_path.name)
            reimports.append(time.perf_counter() - again)
            assert second.unchanged == rows and not second.has_work(), second.summary()
            del reread, second
            # The monthly sheet sent again with every hundredth figure revised.
            again = time.perf_counter()
            reread = read_file(revised)
            third = plan_import(service, reread, suggest_mapping(reread.headers),
                                file_name=revised.name)
            revisions.append(time.perf_counter() - again)
            assert len(third.changed) == changed and third.unchanged == rows - changed, \
                third.summary()
            del reread, third
            # Undo (the figures go, their audit lines keep them), then redo (back from there).
            undo_start = time.perf_counter()
            redo = service.execute(undo)
            redo_start = time.perf_counter()
            service.execute(redo)
            undos.append(redo_start - undo_start)
            redos.append(time.perf_counter() - redo_start)
            assert sqlite3_count(db) == rows
        finally:
            service.close()
    result = {"rows": float(rows), **best, "ours_reimport_unchanged": min(reimports),
              "ours_reimport_revised": min(revisions),
              "ours_undo": min(undos), "ours_redo": min(redos)}
    template = out_dir / "import-same-job-template.sqlite"
    _fresh_database(template, targets)
    cli_db = out_dir / "import-cli.sqlite"
    cli_times = []
    for _ in range(repeats):
        # What a user runs: `tracker import` in a process of its own, start to exit; the
        # copy of the database before and the count after are not timed.
        for leftover in cli_db.parent.glob(cli_db.name + "*"):
            leftover.unlink()
        shutil.copyfile(template, cli_db)
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "tracker", "--db", str(cli_db), "import",
                              str(csv_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, check=False, cwd=ROOT)
        cli_times.append(time.perf_counter() - start)
        if run.returncode != 0 or sqlite3_count(cli_db) != rows:
            raise RuntimeError(f"tracker import failed ({run.returncode}): {run.stderr[-2000:]}")
    result["ours_cli"] = min(cli_times)
    sqlite3 = _tool("sqlite3")
    if sqlite3:
        shell_db = out_dir / "import-shell.sqlite"

        def shell_import() -> None:
            shell_db.unlink(missing_ok=True)
            _shell([sqlite3, str(shell_db), f".import --csv {csv_path} figures"])

        result["sqlite3_shell_import"] = _best(shell_import, repeats)
        result["ours_vs_shell"] = result["ours"] / result["sqlite3_shell_import"]
        same_db = out_dir / "import-same-job.sqlite"

        def shell_same_job() -> None:
            for leftover in same_db.parent.glob(same_db.name + "*"):
                leftover.unlink()
            shutil.copyfile(template, same_db)
            _shell([sqlite3, str(same_db), *SAME_JOB[0], f".import --csv --skip 1 --schema "
                    f"temp {csv_path} staging", *SAME_JOB[1]])
            check = sqlite3_count(same_db)
            if check != rows:
                raise RuntimeError(f"the shell imported {check} figures, not {rows}")

        result["sqlite3_shell_same_job"] = _best(shell_same_job, repeats)
        result["ours_vs_shell_same_job"] = result["ours"] / result["sqlite3_shell_same_job"]
    sqlite_utils = _tool("sqlite-utils")
    if sqlite_utils:
        utils_db = out_dir / "import-sqlite-utils.sqlite"
        utils_db.unlink(missing_ok=True)
        result["sqlite_utils_insert"] = _best(lambda: _shell(
            [sqlite_utils, "insert", str(utils_db), "figures", str(csv_path), "--csv"]), 1)
        result["sqlite_utils_vs_ours"] = result["sqlite_utils_insert"] / result["ours"]
    return result


def main() -> None:
    """Build (or reuse) the benchmark database, export it, import the export; print."""
    from bench_data import large_database

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, default=10_000)
    parser.add_argument("--figures-per-target", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    messages.set_language("en")
    db = large_database(args.targets, args.figures_per_target)
    out = args.out or Path(tempfile.mkdtemp(prefix="tracker-bench-io-"))
    exported = bench_export(db, out, args.repeats)
    _print("export", exported)
    imported = bench_import(out / "ours.csv", out, args.repeats)
    _print("import", imported)


def _print(title: str, result: dict[str, float]) -> None:
    print(f"{title} ({int(result['rows']):,} figures)")
    for key, value in result.items():
        if key != "rows":
            unit = "x" if "_vs_" in key else "s"
            print(f"  {key:28} {value:8.2f}{unit}")


if __name__ == "__main__":
    main()
