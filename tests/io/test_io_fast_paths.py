"""The fast ways through a big import decide exactly what the careful ways decide.

read_table splits a CSV without quotes with string methods, and the import planner checks
clean chunks of figures a column at a time (tracker/io/table_reader.py, import_rows.py).
Here hypothesis writes files full of what makes them fall back (blank and ragged rows,
unknown names, bad dates, negative or unit-bearing figures, quotes to undo, duplicates,
figures already stored) and each result is compared with the careful way's.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io import import_rows, table_reader
from tracker.io.demo import demo_command
from tracker.io.encoding import decode, line_ending
from tracker.io.importer import plan_import, read_file, suggest_mapping
from tracker.io.table_reader import TableError, iter_csv_records
from tracker.service import TrackerService
from tracker.storage import open_database

CELL = st.text(alphabet=st.sampled_from("ab 指标,\t0-9'\u3000"), max_size=6)
BLANK = st.text(alphabet=st.sampled_from(" \t\u3000"), max_size=2)


@st.composite
def plain_lines(draw: st.DrawFn) -> list[str]:
    """Lines mostly of one width (so the fast way is tried), with blank cells and rows,
    ragged rows and commas inside cells mixed in."""
    width = draw(st.integers(1, 4))
    cell = st.one_of(st.text(alphabet="ab指标09", min_size=1, max_size=4), BLANK, CELL)
    line = st.one_of(*[st.lists(cell, min_size=width, max_size=width).map(",".join)] * 4,
                     st.lists(BLANK, min_size=width, max_size=width).map(",".join),
                     st.lists(cell, min_size=1, max_size=max(1, width - 1)).map(",".join),
                     st.lists(CELL, max_size=5).map(",".join))
    return draw(st.lists(line, min_size=1, max_size=8))


def careful_read(path: Path):
    """What read_table gives through the csv module (the way for files with quotes)."""
    decoded = decode(path.read_bytes())
    text = decoded.text.removeprefix("\ufeff")
    return table_reader._assemble(iter_csv_records(text), decoded.encoding,
                                  line_ending(text, '"'), 100_000)


def outcome(read, path: Path):
    try:
        table = read(path)
    except TableError as exc:
        return str(exc)
    return (table.headers, table.numbers, table.columns, table.line_ending, table.problems)


@settings(max_examples=300, deadline=None)
@given(lines=plain_lines(), ending=st.sampled_from(["\n", "\r\n"]), final=st.booleans())
def test_splitting_a_file_without_quotes_reads_what_the_csv_module_reads(lines, ending, final):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(ending.join(lines) + (ending if final else ""), encoding="utf-8",
                        newline="")
        assert outcome(table_reader.read_table, path) == outcome(careful_read, path)


@settings(max_examples=300, deadline=None)
@given(lines=plain_lines(), ending=st.sampled_from(["\n", "\r\n"]), limit=st.integers(1, 12))
def test_a_small_field_limit_reads_as_the_csv_module_reads(lines, ending, limit):
    # Long lines, cells at and past the limit: the fast way's check of line lengths first
    # must find every cell the careful way finds.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_text(ending.join(lines), encoding="utf-8", newline="")

        def careful(path: Path):
            decoded = decode(path.read_bytes())
            text = decoded.text.removeprefix("\ufeff")
            return table_reader._assemble(iter_csv_records(text), decoded.encoding,
                                          line_ending(text, '"'), limit)

        def fast(path: Path):
            return table_reader.read_table(path, max_field_chars=limit)

        assert outcome(fast, path) == outcome(careful, path)


@pytest.mark.parametrize(("text", "problem_rows"), [
    ("a,b\n1,2\n12,3\n4,5\n", [3]),   # a cell past the limit of 1
    ("a,b\n1,2\n1,3\n4,5\n", []),     # lines past it, no cell
    ("a,b\r\n1,2\r\n4,56\r\n", [3]),
])
def test_the_fast_way_finds_cells_past_a_small_limit(tmp_path, text, problem_rows):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    table = table_reader.read_table(path, max_field_chars=1)
    assert sorted({p.row for p in table.problems}) == problem_rows


@pytest.mark.parametrize(("body", "limit", "within"), [
    ("", 3, True), ("abc", 3, True), ("abcd", 3, False), ("ab\ncd\nef", 2, True),
    ("ab\ncde\nf", 2, False), ("a\nb\nc\nd\ne\nfghij", 4, False),
    ("a,b,c\nd", 5, True), ("ab\r\ncd", 2, True), ("ab\r\ncde", 2, False)])
def test_lines_within_finds_any_line_past_the_limit(body, limit, within):
    separator = "\r\n" if "\r\n" in body else "\n"
    assert table_reader._lines_within(body, separator, limit) is within
    assert within == all(len(line) <= limit for line in body.split(separator))
    # The same lines inside a longer text, looked at between start and stop: the lines
    # around (a long one above, a line break just past the end) change nothing.
    text = "x" * 9 + separator + body + separator + "y" * 9
    start = 9 + len(separator)
    assert table_reader._lines_within(text, separator, limit, start, start + len(body)) \
        is within


@pytest.mark.parametrize("text", ["h1,h2,h3\na\nb\n", "h1,h2,h3\n1,2,3\nx\n\n4,5,6\n",
                                  "h1,h2,h3\r\na,b\r\n\r\n1,2,3\r\n", "h,i\n\n\n1,2\n",
                                  "h1,h2\na\nb,c,d\n", "h1,h2\na,b,c\nd\n"])
def test_short_lines_never_add_up_to_a_row(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert outcome(table_reader.read_table, path) == outcome(careful_read, path)


@pytest.mark.parametrize(("above", "end"), [("", "\r\n"), ("", ""), ("\r\n,\r\n", "\r\n")])
def test_a_plain_file_takes_the_fast_way(tmp_path, monkeypatch, above, end):
    path = tmp_path / "t.csv"
    path.write_bytes(f"{above}指标,数值\r\n产值,1\r\n投资,2{end}".encode())
    monkeypatch.setattr(table_reader, "iter_csv_records", None)  # would fail if used
    table = table_reader.read_table(path)
    skipped = above.count("\r\n")  # blank lines above the header
    assert (table.numbers, table.columns, table.line_ending) == (
        [2 + skipped, 3 + skipped], [["产值", "投资"], ["1", "2"]], "CRLF")


# -- planning ------------------------------------------------------------------------------

# Mostly rows the column-at-a-time way takes (known names in their unit, good dates, plain
# figures), some of them already stored (2022-11-30), and now and then one that is not.
CLEAN = st.tuples(st.sampled_from(["清洁取暖改造", "老旧小区改造"]),
                  st.sampled_from(["2022-12-01", "2022-12-02", "2022/12/03", "2022-11-30"]),
                  st.sampled_from(["1", "2.5", "0", "65", "103516", "1234567890123456"]),
                  st.sampled_from(["", "周报"]), st.just(""))
ODD = st.tuples(
    st.sampled_from(["清洁取暖改造", "林海220千伏变电站投运", "未知指标", " 清洁取暖改造",
                     "'清洁取暖改造", ""]),
    st.sampled_from(["2022-12-01", "2022-02-30", "", "12/1"]),
    st.sampled_from(["1", "-3", "", "1e5", "12万", "abc", "100000000000000000", "-0"]),
    st.sampled_from(["", "'=1", "x"]), st.sampled_from(["", "户", "万户", "个"]))
# The demo's stored figures, given again: unchanged, or with another value or note.
STORED = st.tuples(st.just("老旧小区改造"), st.just("2022-11-30"), st.sampled_from(["65", "66"]),
                   st.sampled_from(["", "截至11月底", "另注"]), st.just(""))
ROW = st.one_of(CLEAN, CLEAN, CLEAN, STORED, ODD)


@pytest.fixture(scope="module")
def stored() -> Iterator[TrackerService]:
    service = TrackerService(open_database(None), who="tester")
    service.execute(demo_command())
    yield service
    service.close()


def plan_summary(service: TrackerService, path: Path):
    table = read_file(path)
    plan = plan_import(service, table, suggest_mapping(table.headers), file_name=path.name)
    return (plan.new_figures, plan.new_figure_rows, plan.changed, plan.unchanged,
            plan.problems, plan.outcomes)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(ROW, max_size=12), chunk=st.integers(1, 5), unit=st.booleans())
def test_planning_a_column_at_a_time_decides_what_row_by_row_decides(stored, rows, chunk,
                                                                     unit):
    header = "指标,截至,数值,备注" + (",单位" if unit else "")
    body = "".join(",".join(r if unit else r[:4]) + "\n" for r in rows)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        path = Path(folder) / "f.csv"
        path.write_text(header + "\n" + body, encoding="utf-8")
        patch.setattr(import_rows, "PROGRESS_EVERY", chunk)  # chunks clean and not clean
        fast = plan_summary(stored, path)
        patch.setattr(import_rows.RowPlanner, "_figure_columns", lambda *_: None)
        assert fast == plan_summary(stored, path)
        # The stored figures read a chunk at a time decide what all of them read at once do.
        load = import_rows.RowPlanner._load_stored
        patch.setattr(import_rows.RowPlanner, "_load_stored", lambda self, rows:
                      load(self, self.table.slice(0, len(self.table))))
        assert fast == plan_summary(stored, path)
