"""Exports: what Excel and WPS open, exact numbers, neutralised text, filters, XLSX, cancel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import messages
from tracker.commands import AddMeasurement, CreateTarget, DeleteTarget
from tracker.domain import Kind, Measurement, Status, Target
from tracker.io.csv_writer import WriteCancelled, write_csv
from tracker.io.exporter import (
    MEASUREMENT_COLUMNS,
    export_audit,
    export_measurements,
    export_targets,
    filter_rows,
    headers,
)
from tracker.service import TrackerService

HEATING = "清洁取暖改造"


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def row_of(rows: list[list[str]], name: str) -> dict[str, str]:
    return dict(zip(rows[0], next(r for r in rows if r[0] == name), strict=True))


def test_target_csv_is_bom_crlf_with_headers_in_the_users_language(demo_service, tmp_path, lang):
    path = tmp_path / "targets.csv"
    assert export_targets(demo_service, path) == len(demo_service.targets())
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") >= 36
    assert b"\n" not in data.replace(b"\r\n", b"")
    header = read_csv(path)[0]
    assert header[:2] == (["指标", "领域"] if lang == "zh" else ["Name", "Category"])


def test_target_row_has_progress_status_latest_date_and_every_field(demo_service, tmp_path):
    messages.set_language("zh")
    path = tmp_path / "targets.csv"
    export_targets(demo_service, path)
    heating = row_of(read_csv(path), HEATING)
    assert heating["目标值"] == "95398" and heating["最新数值"] == "103516"
    assert heating["完成率(%)"] == "108.51" and heating["序时进度(%)"] == "91.51"
    assert heating["状态"] == "已完成" and heating["最新数值日期"] == "2022-11-30"
    assert (heating["单位"], heating["类型"], heating["方向"]) == ("户", "累计量", "越高越好")
    assert (heating["开始日期"], heating["截止日期"], heating["容差"]) == \
        ("2022-01-01", "2022-12-31", "0.05")
    gdp = row_of(read_csv(path), "地区生产总值")
    assert gdp["最新数值"] == "1100.3"


def test_numbers_are_written_unquoted_and_exact(demo_service, tmp_path):
    text = (tmp_path / "t.csv")
    export_targets(demo_service, text)
    raw = text.read_text(encoding="utf-8-sig")
    assert ",95398," in raw and ",103516," in raw
    assert "103516.0" not in raw and "e+" not in raw and '"95398"' not in raw


@pytest.mark.parametrize("value, written", [
    (0.1 + 0.2, "0.30000000000000004"), (1e20, "100000000000000000000"), (1e-05, "0.00001"),
    (103516.0, "103516"), (-2.5, "-2.5"), (1100.3, "1100.3"), (12345678901234567.0,
                                                               "12345678901234568"),
    # SQLite reads its own 15-digit text of these ("915.275076348092") back as the figure
    # (its text-to-number conversion rounds twice), but they are not: 16 digits are needed.
    (915.2750763480919, "915.2750763480919"), (357.01745424660203, "357.01745424660203"),
    (-984.8115327703661, "-984.8115327703661"), (0.0785, "0.0785"), (0.123456789012345,
                                                                   "0.123456789012345"),
])
def test_figures_are_exact_plain_decimals(service, tmp_path, value, written):
    service.execute(CreateTarget(Target("增速", unit="%", kind=Kind.LEVEL, target_value=5.0)))
    target = service.find_target("增速")
    service.execute(AddMeasurement(Measurement(target.id, dt.date(2022, 6, 30), value)))
    path = tmp_path / "m.csv"
    export_measurements(service, path)
    assert read_csv(path)[1][3] == written
    assert f'"{written}"' not in path.read_text(encoding="utf-8-sig")


def test_text_is_neutralised_and_negative_numbers_stay_numbers(service, tmp_path):
    names = ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "＝1+1", "＋2", "－3", "＠x"]
    for name in names:
        service.execute(CreateTarget(Target(name, kind=Kind.LEVEL, unit="%", target_value=1.0,
                                            note="=HYPERLINK(\"x\")")))
        target = service.find_target(name)
        service.execute(AddMeasurement(Measurement(target.id, dt.date(2022, 6, 1), -3.0,
                                                   note="\tTAB", source="\rCR")))
    for export in (export_targets, export_measurements):
        path = tmp_path / f"{export.__name__}.csv"
        export(service, path)
        rows = read_csv(path)
        assert sorted(r[0] for r in rows[1:]) == sorted("'" + n for n in names)
    figures = read_csv(tmp_path / "export_measurements.csv")
    assert {tuple(r[3:]) for r in figures[1:]} == {("-3", "'\tTAB", "'\rCR")}
    raw = (tmp_path / "export_measurements.csv").read_text(encoding="utf-8-sig")
    assert ",-3," in raw


def test_a_filtered_view_exports_what_is_shown_in_its_order(demo_service, tmp_path):
    rows = filter_rows(demo_service.rows(), category="民生保障")
    shown = list(reversed(rows))[:5]
    path = tmp_path / "t.csv"
    assert export_targets(demo_service, path, shown) == 5
    assert [r[0] for r in read_csv(path)[1:]] == [r.target.name for r in shown]
    figures = tmp_path / "m.csv"
    export_measurements(demo_service, figures, shown)
    names = [r[0] for r in read_csv(figures)[1:]]
    assert set(names) <= {r.target.name for r in shown}
    order = [r.target.name for r in shown if r.target.name in names]
    assert list(dict.fromkeys(names)) == order


def test_filter_rows_by_category_department_and_status(demo_service):
    rows = demo_service.rows()
    assert {r.target.category for r in filter_rows(rows, category="经济运行")} == {"经济运行"}
    behind = filter_rows(rows, status=Status.BEHIND)
    assert behind and all(r.progress.status == Status.BEHIND for r in behind)
    assert filter_rows(rows, department="没有这个部门") == []


def test_figures_are_ordered_by_target_then_date(service, tmp_path):
    for name in ("乙", "甲"):
        service.execute(CreateTarget(Target(name, unit="户", target_value=100.0)))
        target = service.find_target(name)
        for day in (20, 5, 12):
            service.execute(AddMeasurement(Measurement(target.id, dt.date(2022, 3, day),
                                                       float(day))))
    path = tmp_path / "m.csv"
    assert export_measurements(service, path) == 6
    assert [(r[0], r[2]) for r in read_csv(path)[1:]] == [
        ("乙", "2022-03-05"), ("乙", "2022-03-12"), ("乙", "2022-03-20"),
        ("甲", "2022-03-05"), ("甲", "2022-03-12"), ("甲", "2022-03-20")]


texts = st.text(st.characters(blacklist_categories=("Cs",)),
                max_size=12) | st.sampled_from(["", "=1", "'=x", 'say "hi"', "a,b", "x\r\ny",
                                                "\n", "－1", "＠", "中文，逗号", "a\x00,b",
                                                'x\x00"y'])
figures = st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e22) | \
    st.sampled_from([0.1 + 0.2, 1e-7, 5e-324, 123456789.123456789, 1e15, 1e16, 9.999e14])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(texts, figures, texts, texts), min_size=1, max_size=8))
def test_csv_built_by_sqlite_equals_write_csv(service, tmp_path, rows):
    """The fast path (SQLite builds the text) writes byte for byte what write_csv writes."""
    for target in service.targets():
        service.execute(DeleteTarget(target.id, target.version))
    for i, (unit, value, note, source) in enumerate(rows):
        name = f"#{i}{unit}"  # a name cannot start with NUL, which ends SQLite's length()
        service.execute(CreateTarget(Target(name, unit=unit.strip(), kind=Kind.LEVEL,
                                             target_value=1.0)))
        target = service.find_target(name.strip())
        service.execute(AddMeasurement(Measurement(target.id, dt.date(2022, 1, 1 + i), value,
                                                   note, source)))
    fast, reference = tmp_path / "fast.csv", tmp_path / "reference.csv"
    export_measurements(service, fast)
    write_csv(reference, headers(MEASUREMENT_COLUMNS), service.repo.iter_measurement_rows())
    assert fast.read_bytes() == reference.read_bytes()


def test_xlsx_has_formats_a_frozen_header_and_real_dates(demo_service, tmp_path):
    messages.set_language("zh")
    path = tmp_path / "targets.xlsx"
    export_targets(demo_service, path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == HEATING)
    cell = dict(zip(header, row, strict=True))
    assert cell["目标值"].value == 95398 and "#,##0" in cell["目标值"].number_format
    assert cell["完成率(%)"].value == pytest.approx(1.0851, abs=1e-4)
    assert cell["完成率(%)"].number_format == "0.00%"
    assert cell["最新数值日期"].value == dt.datetime(2022, 11, 30)
    assert cell["最新数值日期"].number_format == "yyyy-mm-dd"
    figures = tmp_path / "m.xlsx"
    export_measurements(demo_service, figures)
    sheet = openpyxl.load_workbook(figures).active
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + demo_service.repo.count_measurements()


def test_format_follows_the_suffix_unless_given(demo_service, tmp_path):
    export_targets(demo_service, tmp_path / "a.XLSX")
    assert (tmp_path / "a.XLSX").read_bytes()[:2] == b"PK"
    export_targets(demo_service, tmp_path / "b.xlsx", fmt="csv")
    assert (tmp_path / "b.xlsx").read_bytes()[:3] == b"\xef\xbb\xbf"


@pytest.mark.parametrize("export", [export_targets, export_measurements, export_audit])
def test_cancel_leaves_the_old_file_and_no_temporary_file(demo_service, tmp_path, export):
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(WriteCancelled):
        export(demo_service, path, progress=lambda done, total: False)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_cancel_during_a_figures_export_writes_nothing(demo_service, tmp_path):
    path = tmp_path / "m.csv"
    with pytest.raises(WriteCancelled):
        export_measurements(demo_service, path, progress=lambda done, total: done == 0)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_total(demo_service, tmp_path):
    seen: list[tuple[int, int]] = []
    export_measurements(demo_service, tmp_path / "m.csv",
                        progress=lambda d, t: seen.append((d, t)) or True)
    total = demo_service.repo.count_measurements()
    assert seen[-1] == (total, total)


def test_audit_export_names_actions_and_deleted_targets(demo_service: TrackerService, tmp_path):
    messages.set_language("en")
    target = demo_service.find_target(HEATING)
    demo_service.execute(DeleteTarget(target.id, target.version, target.name))
    path = tmp_path / "audit.csv"
    assert export_audit(demo_service, path) == demo_service.change_mark()
    rows = read_csv(path)
    assert rows[0][:4] == ["No.", "Time (UTC)", "By", "Target"]
    deletions = [r for r in rows[1:] if r[7] == "deleted"]
    assert deletions and {r[3] for r in deletions} == {HEATING}
    assert {r[7] for r in rows[1:]} == {"added", "deleted"}


def test_audit_export_gives_the_records_an_import_line_covers(demo_service, tmp_path):
    from tracker.io.importer import plan_import, read_file, suggest_mapping

    messages.set_language("en")
    source = tmp_path / "f.csv"
    source.write_text("Name,As of,Value\n" + "".join(
        f"{HEATING},2023-02-{d:02},{d}\n" for d in range(1, 4)), encoding="utf-8")
    table = read_file(source)
    demo_service.execute(plan_import(demo_service, table, suggest_mapping(table.headers),
                                     file_name="f.csv").command())
    path = tmp_path / "audit.csv"
    export_audit(demo_service, path)
    header, *rows = read_csv(path)
    assert header[5:8] == ["Record no.", "To record no.", "Action"]
    line = rows[-1]
    assert (int(line[6]) - int(line[5]), line[7], line[-1]) == (2, "added", "import f.csv rows 2–4")
    assert all(r[6] == "" for r in rows[:-1])


def test_a_database_in_utf16_still_exports_utf8(tmp_path):
    import sqlite3

    from tracker.io.demo import demo_command

    path = tmp_path / "utf16.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA encoding = 'UTF-16le'")
    conn.execute("CREATE TABLE t (x)")  # fixes the encoding before Tracker's tables exist
    conn.close()
    service = TrackerService.open(path)
    try:
        service.execute(demo_command())
        assert service.repo.conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"
        fast, reference = tmp_path / "fast.csv", tmp_path / "reference.csv"
        export_measurements(service, fast)
        write_csv(reference, headers(MEASUREMENT_COLUMNS), service.repo.iter_measurement_rows())
    finally:
        service.close()
    assert fast.read_bytes() == reference.read_bytes()
    assert "清洁取暖改造" in fast.read_text(encoding="utf-8-sig")


def test_more_figures_than_a_sheet_holds_are_refused_before_writing(demo_service, tmp_path,
                                                                    monkeypatch):
    from tracker.io import exporter
    from tracker.io.csv_writer import WriteError

    monkeypatch.setattr(exporter, "MAX_ROWS", 3)
    started = []
    with pytest.raises(WriteError, match="CSV"):
        exporter.export_measurements(demo_service, tmp_path / "m.xlsx",
                                     progress=lambda done, total: started.append(done) or True)
    assert started == [] and not (tmp_path / "m.xlsx").exists()
    with pytest.raises(WriteError, match="CSV"):
        exporter.export_audit(demo_service, tmp_path / "a.xlsx")
    assert exporter.export_measurements(demo_service, tmp_path / "m.csv") > 3
