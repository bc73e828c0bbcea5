"""How fast figures go out to XLSX and are read back, against plain openpyxl on the same rows.

Bureaus send and receive spreadsheets more often than CSV. On the first targets of the
benchmark database (about 100,000 figures) it times our XLSX export (XlsxWriter, with
formats, widths and a frozen header) against openpyxl's write-only mode writing the same
cells with the same formats (Tracker's writer before), and our reading of that file for an
import (read_file: every cell as the text its user sees) against openpyxl's read-only mode
handing over bare values, the least any reader built on it does.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT)]

from bench_io import _best  # noqa: E402

from tracker.io.exporter import export_measurements  # noqa: E402
from tracker.io.importer import read_file  # noqa: E402
from tracker.service import TrackerService  # noqa: E402

FIGURES = 100_000


def bench_xlsx(db_path: Path, out_dir: Path, repeats: int = 1) -> dict[str, float]:
    """Seconds to write and to read about FIGURES figures as XLSX: ours and openpyxl's."""
    out_dir.mkdir(parents=True, exist_ok=True)
    service = TrackerService.open(db_path, read_only=True)
    try:
        chosen, count = [], 0
        for row in service.rows():
            if count >= FIGURES:
                break
            chosen.append(row)
            count += service.repo.count_measurements([row.target.id])
        ids = [r.target.id for r in chosen]
        cells = [(name, unit, dt.date.fromisoformat(as_of), value, note, source)
                 for name, unit, as_of, value, note, source
                 in service.repo.iter_measurement_rows(ids)]
        ours = out_dir / "ours.xlsx"
        result = {"rows": float(len(cells)),
                  "ours_export": _best(lambda: export_measurements(service, ours, chosen),
                                       repeats)}
    finally:
        service.close()
    result["openpyxl_export"] = _best(lambda: _openpyxl_write(out_dir / "openpyxl.xlsx",
                                                              cells), repeats)
    result["ours_read"] = _best(lambda: read_file(ours), repeats)
    result["openpyxl_read"] = _best(lambda: _openpyxl_values(ours), repeats)
    return result


def _openpyxl_write(path: Path, cells: list[tuple]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Figures")
    sheet.append(["name", "unit", "as of", "value", "note", "source"])
    for name, unit, as_of, value, note, source in cells:
        day = WriteOnlyCell(sheet, value=as_of)
        day.number_format = "yyyy-mm-dd"
        number = WriteOnlyCell(sheet, value=value)
        number.number_format = "#,##0.##"
        sheet.append([name, unit, day, number, note, source])
    workbook.save(path)


def _openpyxl_values(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


if __name__ == "__main__":
    import tempfile

    from bench_data import large_database

    result = bench_xlsx(large_database(10_000, 100), Path(tempfile.mkdtemp()), 1)
    for key, value in result.items():
        print(f"{key:20} {value:10.2f}")
