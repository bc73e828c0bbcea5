"""write_csv: files Excel/WPS open as UTF-8, never running a cell, never half-written."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.io.csv_writer import WriteCancelled, WriteError, neutralize, write_csv


@pytest.mark.parametrize(
    "cell",
    ["=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋1", "－1", "＠A1",
     "-3.5", "="],
)
def test_formula_like_text_is_neutralized(cell: str) -> None:
    assert neutralize(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "abc", "地区生产总值", "1+1", " =1", "'=1", "3.5", "%"])
def test_ordinary_text_is_unchanged(cell: str) -> None:
    assert neutralize(cell) == cell


def lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8-sig").split("\r\n")


def test_file_is_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    write_csv(tmp_path / "t.csv", ["指标"], [["产值"]])
    assert (tmp_path / "t.csv").read_bytes() == b"\xef\xbb\xbf" + "指标\r\n产值\r\n".encode()


@pytest.mark.parametrize(
    ("value", "text"),
    [(-3.5, "-3.5"), (103516.0, "103516"), (1e16, "10000000000000000"), (1e-5, "0.00001"),
     (-0.0, "0"), (42, "42"), (None, ""), (True, "TRUE"), (Decimal("1100.30"), "1100.30"),
     (dt.date(2024, 12, 31), "2024-12-31"), (dt.datetime(2024, 12, 31), "2024-12-31"),
     (dt.datetime(2024, 12, 31, 8, 30), "2024-12-31 08:30:00"), ("-3.5", "'-3.5"),
     ("a,b", '"a,b"'), ('say "hi"', '"say ""hi"""'), ("two\nlines", '"two\nlines"')],
)
def test_cell_text(tmp_path: Path, value: object, text: str) -> None:
    write_csv(tmp_path / "t.csv", ["a", "b"], [[value, "x"]])
    assert lines(tmp_path / "t.csv")[1] == f"{text},x"


def test_headers_are_neutralized(tmp_path: Path) -> None:
    write_csv(tmp_path / "t.csv", ["=1+1"], [])
    assert lines(tmp_path / "t.csv")[0] == "'=1+1"


def test_returns_the_number_of_rows(tmp_path: Path) -> None:
    assert write_csv(tmp_path / "t.csv", ["a"], ([i] for i in range(25_000))) == 25_000


def test_progress_is_called_every_10000_rows(tmp_path: Path) -> None:
    calls: list[int] = []
    write_csv(tmp_path / "t.csv", ["a"], ([i] for i in range(25_000)),
              progress=lambda n: calls.append(n) is None)
    assert calls == [10_000, 20_000]


def test_cancel_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    target.write_text("old")
    with pytest.raises(WriteCancelled):
        write_csv(target, ["a"], ([i] for i in range(25_000)), progress=lambda n: False)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["t.csv"]


def test_error_midway_leaves_the_old_file(tmp_path: Path) -> None:
    def rows() -> object:
        yield [1]
        raise RuntimeError("database went away")

    target = tmp_path / "t.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        write_csv(target, ["a"], rows())  # type: ignore[arg-type]
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["t.csv"]


def test_nan_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="non-finite"):
        write_csv(tmp_path / "t.csv", ["a"], [[float("nan")]])
    assert os.listdir(tmp_path) == []


def test_missing_folder_is_a_write_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="t.csv"):
        write_csv(tmp_path / "missing" / "t.csv", ["a"], [])


def test_new_file_is_not_private(tmp_path: Path) -> None:
    write_csv(tmp_path / "t.csv", ["a"], [])
    assert stat.S_IMODE((tmp_path / "t.csv").stat().st_mode) & 0o044


@pytest.mark.slow
def test_a_million_rows_write_in_seconds(tmp_path: Path) -> None:
    row = ("地区生产总值", 12345, 1100.3, None, "=cmd", dt.date(2024, 12, 31))
    start = time.perf_counter()
    write_csv(tmp_path / "t.csv", list("abcdef"), (row for _ in range(1_000_000)))
    elapsed = time.perf_counter() - start
    assert elapsed < 15, elapsed  # about 3 s on the 2-core CI machine
