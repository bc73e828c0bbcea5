"""read_table: rows lined up with headers, every other row reported with its Excel number."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from tracker.io.encoding import EncodingError
from tracker.io.table_reader import RawRow, TableError, read_table


def write(tmp_path: Path, data: bytes | str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_headers_are_stripped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, " 指标 ,\t目标值\u3000\n"))
    assert table.headers == ["指标", "目标值"]


def test_cells_are_not_stripped(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\n x , y\n"))
    assert table.rows == [RawRow(2, [" x ", " y"])]


def test_whitespace_only_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\n   \n , \n1,2\n"))
    assert table.rows == [RawRow(4, ["1", "2"])] and table.problems == []


def test_first_non_blank_line_is_the_header(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "\n\na,b\n1,2\n"))
    assert table.headers == ["a", "b"] and table.rows == [RawRow(4, ["1", "2"])]


def test_forced_encoding_is_used(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "指标\n产值\n".encode("gbk")), encoding="gbk")
    assert (table.encoding, table.rows[0].cells) == ("GBK", ["产值"])


def test_forced_encoding_that_does_not_fit_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EncodingError):
        read_table(write(tmp_path, "指标\n产值\n".encode("gbk")), encoding="utf-8")


def test_field_limit_is_configurable(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\n12345,1\n"), max_field_chars=4)
    assert [(p.row, p.column) for p in table.problems] == [(2, "a")] and table.rows == []


def test_trailing_empty_cells_are_not_ragged(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\n1,2,,\n"))
    assert table.rows == [RawRow(2, ["1", "2"])] and table.problems == []


def test_ragged_row_problem_shows_the_row(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\n1,2,3\n"))
    assert table.problems[0].value == "1,2,3"


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a,b\r\n"))
    assert (table.headers, table.rows) == (["a", "b"], [])


def test_blank_only_file_is_empty(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="empty"):
        read_table(write(tmp_path, "\n , \n"))


def test_old_xls_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"\.xls"):
        read_table(write(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "t.xls"))


def test_corrupt_zip_is_a_table_error(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="workbook"):
        read_table(write(tmp_path, b"PK\x03\x04garbage", "t.xlsx"))


def make_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_xlsx_named_csv_is_read_as_xlsx(tmp_path: Path) -> None:
    table = read_table(make_xlsx(tmp_path / "t.csv", [["a"], [1]]))
    assert (table.encoding, table.rows) == ("XLSX", [RawRow(2, ["1"])])


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [(14100, "General", "14100"), (14100.0, "General", "14100"), (1100.3, "General", "1100.3"),
     (1.0851, "0.00%", "108.51%"), (1, "0%", "100%"), (0.5, '0.0"%"', "0.5"),
     (dt.date(2024, 12, 31), "yyyy-mm-dd", "2024-12-31"),
     (dt.datetime(2024, 12, 31, 8, 30), "yyyy-mm-dd h:mm", "2024-12-31 08:30:00"),
     (True, "General", "TRUE"), ("文字", "General", "文字"), (None, "General", "")],
)
def test_xlsx_cells_become_the_text_the_user_sees(tmp_path: Path, value: object, fmt: str,
                                                  text: str) -> None:
    workbook = Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append([value, "x"])
    workbook.active["A2"].number_format = fmt
    workbook.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx").rows[0].cells == [text, "x"]


def test_xlsx_short_rows_are_padded(tmp_path: Path) -> None:
    table = read_table(make_xlsx(tmp_path / "t.xlsx", [["a", "b", "c"], ["x"]]))
    assert table.rows == [RawRow(2, ["x", "", ""])]


def test_xlsx_value_without_heading_is_a_problem(tmp_path: Path) -> None:
    table = read_table(make_xlsx(tmp_path / "t.xlsx", [["a", "b"], ["x", "y", "stray"]]))
    assert table.rows == [] and "column C" in table.problems[0].reason


def test_xlsx_row_numbers_are_sheet_rows(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A3"] = "a"
    workbook.active["A7"] = "x"
    workbook.save(tmp_path / "t.xlsx")
    table = read_table(tmp_path / "t.xlsx")
    assert table.rows == [RawRow(7, ["x"])]


def test_xlsx_reads_the_first_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["first"])
    second = workbook.create_sheet("second")
    second.append(["second"])
    workbook.active = 1
    workbook.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx").headers == ["first"]


@pytest.mark.slow
def test_a_million_rows_read_in_seconds(tmp_path: Path) -> None:
    line = "地区生产总值,12345.678,亿元,2024-12-31,备注,\"a,b\"\r\n"
    path = write(tmp_path, "指标,值,单位,日期,备注,其他\r\n" + line * 1_000_000)
    start = time.perf_counter()
    table = read_table(path)
    elapsed = time.perf_counter() - start
    assert len(table.rows) == 1_000_000 and table.rows[-1].number == 1_000_001
    assert elapsed < 15, elapsed  # about 3 s on the 2-core CI machine
