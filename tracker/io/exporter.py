"""Exports for Excel and WPS: targets with their progress, every figure, the audit trail.

CSV files are UTF-8 with a BOM, CRLF, RFC 4180 quoting, numbers written as exact plain
decimals and text neutralised against formula injection (tracker.io.csv_writer); XLSX files
get number formats and a frozen header (tracker.io.xlsx_writer). Headers are in the user's
language and are the names the importer reads back, so an export can be imported again.

Each function takes the TargetRows to export (what a filtered view shows, in its order;
None means every target) and an optional ``progress(done, total) -> bool`` that stops the
export, leaving no file behind, when it returns False (csv_writer.WriteCancelled is raised).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from tracker.domain import (
    Status,
    TargetRow,
    direction_label,
    field_label,
    kind_label,
    status_label,
)
from tracker.io.csv_writer import (
    DANGEROUS_FIRST,
    WriteCancelled,
    WriteError,
    neutralize,
    replacing,
    write_csv,
)
from tracker.io.numbers import format_plain
from tracker.io.xlsx_writer import MAX_ROWS, too_many_rows, write_xlsx
from tracker.messages import text
from tracker.service import TrackerService

Progress = Callable[[int, int], bool]
FORMATS = ("csv", "xlsx")

#: (field, Chinese header, English header) of a target export, in column order.
TARGET_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "指标", "Name"),
    ("category", "领域", "Category"),
    ("department", "责任单位", "Department"),
    ("unit", "单位", "Unit"),
    ("kind", "类型", "Kind"),
    ("direction", "方向", "Direction"),
    ("baseline", "基数", "Baseline"),
    ("target_value", "目标值", "Target value"),
    ("period_start", "开始日期", "Period start"),
    ("period_end", "截止日期", "Period end"),
    ("tolerance", "容差", "Tolerance"),
    ("latest_value", "最新数值", "Latest value"),
    ("latest_as_of", "最新数值日期", "Latest as of"),
    ("percent", "完成率(%)", "Complete (%)"),
    ("expected", "序时进度(%)", "Expected pace (%)"),
    ("status", "状态", "Status"),
    ("note", "备注", "Note"),
    ("source", "来源", "Source"),
)
#: Columns of a figures export.
MEASUREMENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name", "指标", "Name"),
    ("unit", "单位", "Unit"),
    ("as_of", "截至日期", "As of"),
    ("value", "数值", "Value"),
    ("note", "备注", "Note"),
    ("source", "来源", "Source"),
)
#: Columns of an audit export.
AUDIT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "序号", "No."),
    ("at", "时间(UTC)", "Time (UTC)"),
    ("who", "操作人", "By"),
    ("target", "指标", "Target"),
    ("table", "对象", "Record"),
    ("row_id", "记录编号", "Record no."),
    # Set on a line about several figures an import added: record no. to this one.
    ("last_row_id", "至记录编号", "To record no."),
    ("action", "操作", "Action"),
    ("field", "字段", "Field"),
    ("old_value", "原值", "Old value"),
    ("new_value", "新值", "New value"),
    ("source", "来源", "Source"),
)
#: Computed columns of a target export: read by people, ignored by the importer.
COMPUTED_FIELDS = frozenset({"latest_value", "latest_as_of", "percent", "expected", "status"})

_ACTIONS = {"insert": ("新增", "added"), "update": ("修改", "changed"),
            "delete": ("删除", "deleted"), "restore": ("恢复", "restored")}
_TABLES = {"targets": ("指标", "target"), "measurements": ("数据", "figure")}
_NUMBER = "#,##0.##########"


def headers(columns: Sequence[tuple[str, str, str]]) -> list[str]:
    """The header row of ``columns`` in the user's language."""
    return [text(zh, en) for _, zh, en in columns]


def export_format(path: Path, fmt: str | None = None) -> str:
    """"csv" or "xlsx": ``fmt`` if given, else from the file's suffix (CSV unless .xlsx)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(text(f"不支持的格式“{fmt}”（可用 csv 或 xlsx）",
                                  f"unknown format {fmt!r} (use csv or xlsx)"))
        return fmt
    return "xlsx" if Path(path).suffix.lower() == ".xlsx" else "csv"


def filter_rows(rows: Iterable[TargetRow], category: str | None = None,
                department: str | None = None, status: Status | str | None = None
                ) -> list[TargetRow]:
    """The rows of one category, department and status (None means any), in order."""
    return [r for r in rows
            if (category is None or r.target.category == category)
            and (department is None or r.target.department == department)
            and (status is None or r.progress.status == status)]


def export_targets(service: TrackerService, path: Path, rows: Sequence[TargetRow] | None = None,
                   fmt: str | None = None, progress: Progress | None = None) -> int:
    """Write the targets with percent complete, expected pace, status and latest figure.

    Every target field is there too, so the file can be imported again. Returns the number
    of targets written.
    """
    rows = service.rows() if rows is None else list(rows)
    xlsx = export_format(path, fmt) == "xlsx"
    _start(progress, len(rows))
    body = [_target_cells(r, xlsx) for r in rows]
    if xlsx:
        formats = {6: _NUMBER, 7: _NUMBER, 8: "yyyy-mm-dd", 9: "yyyy-mm-dd", 10: "0.0%",
                   11: _NUMBER, 12: "yyyy-mm-dd", 13: "0.00%", 14: "0.00%"}
        written = write_xlsx(path, headers(TARGET_COLUMNS), body, number_formats=formats,
                             sheet_title=text("指标", "Targets"),
                             progress=_per_row(progress, len(body)))
    else:
        written = write_csv(path, headers(TARGET_COLUMNS), body,
                            progress=_per_row(progress, len(body)))
    _finish(progress, written)
    return written


def export_measurements(service: TrackerService, path: Path,
                        rows: Sequence[TargetRow] | None = None, fmt: str | None = None,
                        progress: Progress | None = None) -> int:
    """Write every figure of the targets (ordered by target, then date), streamed from SQL.

    CSV is built by SQLite itself (Repository.measurement_csv_chunks): a million figures
    are written in about the time the sqlite3 shell takes. Returns the number written.
    """
    ids = None if rows is None else [r.target.id for r in rows if r.target.id is not None]
    total = service.repo.count_measurements(ids)
    xlsx = export_format(path, fmt) == "xlsx"
    if xlsx:
        _fits_a_sheet(total)
    _start(progress, total)
    if xlsx:
        cells = ((name, unit, _as_date(as_of), value, note, source)
                 for name, unit, as_of, value, note, source
                 in service.repo.iter_measurement_rows(ids))
        written = write_xlsx(path, headers(MEASUREMENT_COLUMNS), cells,
                             number_formats={2: "yyyy-mm-dd", 3: _NUMBER},
                             sheet_title=text("数据", "Figures"),
                             progress=_per_row(progress, total))
    else:
        written = _measurements_csv(service, path, ids, total, progress)
    _finish(progress, written)
    return written


def export_audit(service: TrackerService, path: Path, rows: Sequence[TargetRow] | None = None,
                 fmt: str | None = None, progress: Progress | None = None) -> int:
    """Write the audit trail (of the given targets, or all of it), oldest first."""
    ids = None if rows is None else [r.target.id for r in rows if r.target.id is not None]
    total = service.repo.count_audit(ids)
    xlsx = export_format(path, fmt) == "xlsx"
    if xlsx:
        _fits_a_sheet(total)
    _start(progress, total)
    body = (_audit_cells(r) for r in service.repo.iter_audit_rows(ids))
    if xlsx:
        written = write_xlsx(path, headers(AUDIT_COLUMNS), body,
                             sheet_title=text("修改记录", "Audit trail"),
                             progress=_per_row(progress, total))
    else:
        written = write_csv(path, headers(AUDIT_COLUMNS), body,
                            progress=_per_row(progress, total))
    _finish(progress, written)
    return written


def _fits_a_sheet(rows: int) -> None:
    """Refuse at once, not after writing a million rows, what one sheet cannot hold."""
    if rows > MAX_ROWS - 1:
        raise WriteError(too_many_rows())


def _target_cells(row: TargetRow, xlsx: bool) -> list[object]:
    t, p = row.target, row.progress
    latest = p.latest

    def share(percent: float | None) -> float | None:
        if percent is None:
            return None
        # XLSX shows a fraction as a percent; CSV carries the figure people read (108.51).
        return percent / 100 if xlsx else round(percent, 2)

    return [
        t.name, t.category, t.department, t.unit, kind_label(t.kind),
        direction_label(t.direction), t.baseline, t.target_value, t.period_start,
        t.period_end, t.tolerance, latest.value if latest else None,
        latest.as_of if latest else None, share(p.percent), share(p.expected),
        status_label(p.status), t.note, t.source,
    ]


def _audit_cells(row: tuple) -> list[object]:
    id_, at, who, target, table, row_id, last_row_id, action, field, old, new, source = row
    zh, en = _ACTIONS.get(action, (action, action))
    table_zh, table_en = _TABLES.get(table, (table, table))
    return [id_, at, who, target, text(table_zh, table_en), row_id, last_row_id, text(zh, en),
            field_label(field) if field else "", old, new, source]


def _measurements_csv(service: TrackerService, path: Path, ids: list[int] | None, total: int,
                      progress: Progress | None) -> int:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [neutralize(h) for h in headers(MEASUREMENT_COLUMNS)])
    header = buffer.getvalue().removesuffix("\r\n")
    chunks = service.repo.measurement_csv_chunks(
        ids, formula_starts="".join(sorted(DANGEROUS_FIRST)), format_real=format_plain)
    done = 0
    with replacing(path) as tmp, open(tmp, "wb") as fh:
        fh.write(("\ufeff" + header).encode("utf-8"))
        for count, chunk in chunks:
            fh.write(chunk)
            done += count
            if progress is not None and not progress(done, total):
                raise WriteCancelled
        fh.write(b"\r\n")
        fh.flush()
        os.fsync(fh.fileno())
    return done


def _per_row(progress: Progress | None, total: int) -> Callable[[int], bool] | None:
    if progress is None:
        return None
    return lambda done: progress(done, total)


def _start(progress: Progress | None, total: int) -> None:
    # A cancel pressed before the work began stops it before anything is written.
    if progress is not None and not progress(0, total):
        raise WriteCancelled


def _finish(progress: Progress | None, written: int) -> None:
    # The writers report every 10,000 rows; say "done" once at the end too.
    if progress is not None:
        progress(written, written)


def _as_date(iso: str, _cache: dict[str, date] = {}) -> date:  # noqa: B006 - a memo
    found = _cache.get(iso)
    if found is None:
        if len(_cache) > 100_000:
            _cache.clear()
        found = _cache[iso] = date.fromisoformat(iso)
    return found

