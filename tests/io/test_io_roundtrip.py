"""What write_csv writes, read_table reads back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.csv_writer import neutralize, write_csv
from tracker.io.table_reader import read_table

HEADERS = ["指标", "目标值", "备注"]
CHINESE = st.sampled_from("地区生产总值城镇新增就业绿道长度亿元万户𠮷，。“”（）、")
CELL = st.text(
    alphabet=st.one_of(CHINESE, st.characters(blacklist_categories=("Cs",),
                                              blacklist_characters="\x00")),
    max_size=30,
)
ROWS = st.lists(st.lists(CELL, min_size=3, max_size=3), max_size=20)


def blank(row: list[str]) -> bool:
    return all(not c.strip() for c in row)


@settings(max_examples=200, deadline=None)
@given(ROWS)
def test_text_cells_read_back_unchanged(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        write_csv(path, HEADERS, rows)
        table = read_table(path)
    assert table.headers == HEADERS and table.problems == []
    assert table.encoding == "UTF-8 with BOM"
    # Neutralised cells come back with their quote; rows blank as written are skipped by the
    # reader (a neutralised tab is no longer blank).
    written = [[neutralize(c) for c in row] for row in rows]
    expected = [row for row in written if not blank(row)]
    assert [r.cells for r in table.rows] == expected


NUMBERS = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**15), 10**15)


@settings(max_examples=100, deadline=None)
@given(st.lists(NUMBERS, max_size=10))
def test_numbers_read_back_exactly(values: list[float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        write_csv(path, ["值"], ([v] for v in values))
        cells = [r.cells[0] for r in read_table(path).rows]
    assert [float(c) for c in cells] == [float(v) for v in values]
    assert not any("e" in c for c in cells)
