"""write_xlsx: a readable sheet for Chinese text, safe cells, atomic replacement."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tracker.io.table_reader import read_table
from tracker.io.xlsx_writer import WriteCancelled, write_xlsx

HEADERS = ["指标名称", "目标值", "完成率", "截止日期", "code"]
ROWS = [["地区生产总值（亿元）", 1100.3, 1.0851, dt.date(2024, 12, 31), "=cmd|' /C calc'!A0"],
        ["城镇新增就业", 103500, 0.5, dt.date(2025, 6, 30), "x"]]
FORMATS = {1: "#,##0.00", 2: "0.00%", 3: "yyyy-mm-dd"}


@pytest.fixture
def sheet(tmp_path: Path) -> Worksheet:
    write_xlsx(tmp_path / "t.xlsx", HEADERS, ROWS, number_formats=FORMATS, sheet_title="目标")
    return load_workbook(tmp_path / "t.xlsx").active


def test_header_is_bold_and_frozen(sheet: Worksheet) -> None:
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"


def test_number_formats_apply_to_their_columns(sheet: Worksheet) -> None:
    assert (sheet["B2"].number_format, sheet["C3"].number_format) == ("#,##0.00", "0.00%")


def test_numbers_and_dates_are_stored_as_such(sheet: Worksheet) -> None:
    assert (sheet["B2"].value, sheet["C2"].value) == (1100.3, 1.0851)
    assert sheet["D2"].value == dt.datetime(2024, 12, 31)


def test_formula_text_is_stored_neutralized_as_text(sheet: Worksheet) -> None:
    assert (sheet["E2"].data_type, sheet["E2"].value) == ("s", "'=cmd|' /C calc'!A0")


def test_chinese_columns_are_wider(sheet: Worksheet) -> None:
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["E"].width


def test_sheet_title(sheet: Worksheet) -> None:
    assert sheet.title == "目标"


def test_invalid_sheet_title_is_made_valid(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "t.xlsx", ["a"], [], sheet_title="2024/目标:[草稿]" * 3)
    title = load_workbook(tmp_path / "t.xlsx").active.title
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "t.xlsx", ["a"], [["a\x0bb\x00c"]])
    assert load_workbook(tmp_path / "t.xlsx").active["A2"].value == "abc"


def test_reads_back_as_the_user_sees_it(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "t.xlsx", HEADERS, ROWS, number_formats=FORMATS)
    table = read_table(tmp_path / "t.xlsx")
    assert table.headers == HEADERS
    assert table.rows[0].cells == ["地区生产总值（亿元）", "1100.3", "108.51%", "2024-12-31",
                                   "'=cmd|' /C calc'!A0"]


def test_returns_the_number_of_rows(tmp_path: Path) -> None:
    assert write_xlsx(tmp_path / "t.xlsx", ["a"], ([i] for i in range(1500))) == 1500


def test_cancel_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_text("old")
    with pytest.raises(WriteCancelled):
        write_xlsx(target, ["a"], ([i] for i in range(20_000)), progress=lambda n: False)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["t.xlsx"]


def test_nan_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        write_xlsx(tmp_path / "t.xlsx", ["a"], [[float("nan")]])
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("value", [0.1 + 0.2, 1e20, 1e-05, 103516, 2 ** 60, -0.0, 1 / 3])
def test_numbers_are_stored_with_all_their_digits(tmp_path: Path, value: float) -> None:
    write_xlsx(tmp_path / "t.xlsx", ["a"], [[value]])
    stored = load_workbook(tmp_path / "t.xlsx").active["A2"].value
    assert stored == value and type(float(stored)) is float
    if isinstance(value, float):
        assert repr(float(stored)) == repr(value)


def test_text_that_looks_like_a_number_or_a_link_stays_text(tmp_path: Path) -> None:
    cells = ["0012", "1e5", "http://example.com", "TRUE", "108.51%"]
    write_xlsx(tmp_path / "t.xlsx", list("abcde"), [cells])
    row = next(load_workbook(tmp_path / "t.xlsx").active.iter_rows(min_row=2))
    assert [(c.data_type, c.value) for c in row] == [("s", v) for v in cells]


def test_dates_and_times_without_a_column_format_still_show_as_such(tmp_path: Path) -> None:
    cells = [dt.date(2022, 12, 31), dt.datetime(2022, 12, 31, 8, 30), True]
    write_xlsx(tmp_path / "t.xlsx", list("abc"), [cells])
    table = read_table(tmp_path / "t.xlsx")
    assert table.rows[0].cells == ["2022-12-31", "2022-12-31 08:30:00", "TRUE"]


def test_more_rows_than_a_sheet_holds_are_refused_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.io import xlsx_writer

    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 5)
    target = tmp_path / "t.xlsx"
    target.write_text("old")
    with pytest.raises(xlsx_writer.WriteError, match="CSV"):
        write_xlsx(target, ["a"], ([i] for i in range(10)))
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["t.xlsx"]
    assert write_xlsx(target, ["a"], ([i] for i in range(4))) == 4


def test_a_file_that_cannot_be_made_says_why(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import xlsxwriter.workbook

    from tracker.io.xlsx_writer import WriteError

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile", full)
    with pytest.raises(WriteError, match="No space left"):
        write_xlsx(tmp_path / "t.xlsx", ["a"], [[1]])
    assert os.listdir(tmp_path) == []


def test_text_longer_than_a_cell_holds_is_refused_not_cut(tmp_path: Path) -> None:
    from tracker.io.xlsx_writer import MAX_TEXT, WriteError

    write_xlsx(tmp_path / "ok.xlsx", ["a"], [["长" * MAX_TEXT]])
    assert load_workbook(tmp_path / "ok.xlsx").active["A2"].value == "长" * MAX_TEXT
    with pytest.raises(WriteError, match="row 3, column 2"):
        write_xlsx(tmp_path / "t.xlsx", ["a", "b"], [["x", "y"], ["x", "y" * (MAX_TEXT + 1)]])
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize("note", ["第一行\r\n第二行", "代码 _x0041_ 保留", "a_x005F_b", "_x"])
def test_text_reads_back_as_the_csv_of_it_would(tmp_path: Path, note: str) -> None:
    from tracker.io.csv_writer import write_csv

    write_xlsx(tmp_path / "t.xlsx", ["a", "b"], [[note, "x"]])
    write_csv(tmp_path / "t.csv", ["a", "b"], [[note, "x"]])
    assert (read_table(tmp_path / "t.xlsx").rows[0].cells
            == read_table(tmp_path / "t.csv").rows[0].cells == [note, "x"])


def test_days_before_1900_and_times_read_back_as_written(tmp_path: Path) -> None:
    cells = [dt.date(1850, 6, 1), dt.date(1899, 12, 31), dt.date(1900, 3, 1), dt.time(8, 30)]
    write_xlsx(tmp_path / "t.xlsx", list("abcd"), [cells])
    assert read_table(tmp_path / "t.xlsx").rows[0].cells == [
        "1850-06-01", "1899-12-31", "1900-03-01", "08:30:00"]


@pytest.mark.parametrize(("headers", "row"), [
    (["a"], ["😀" * 16_384]),              # 32,768 UTF-16 units in 16,384 characters
    (["😀" * 16_384], ["x"]),              # a header too
])
def test_text_past_the_limit_in_utf16_units_is_refused(tmp_path: Path, headers, row) -> None:
    from tracker.io.xlsx_writer import WriteError

    with pytest.raises(WriteError, match="32,767"):
        write_xlsx(tmp_path / "t.xlsx", headers, [row])
    assert os.listdir(tmp_path) == []


def test_exactly_as_many_rows_as_a_sheet_holds(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.io import xlsx_writer

    monkeypatch.setattr(xlsx_writer, "MAX_ROWS", 5)
    assert write_xlsx(tmp_path / "t.xlsx", ["a"], [[i] for i in range(4)]) == 4
    with pytest.raises(xlsx_writer.WriteError):
        write_xlsx(tmp_path / "u.xlsx", ["a"], [[i] for i in range(5)])


def test_a_cancelled_export_leaves_nothing_in_the_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(WriteCancelled):
        write_xlsx(tmp_path / "t.xlsx", ["a"], ([i] for i in range(20_000)),
                   progress=lambda n: False)
    write_xlsx(tmp_path / "t.xlsx", ["a"], ([i] for i in range(20_000)))
    assert os.listdir(scratch) == []


def test_a_decimal_too_large_for_a_float_is_refused(tmp_path: Path) -> None:
    from decimal import Decimal

    with pytest.raises(ValueError):
        write_xlsx(tmp_path / "t.xlsx", ["a"], [[Decimal("1e400")]])
    assert os.listdir(tmp_path) == []
