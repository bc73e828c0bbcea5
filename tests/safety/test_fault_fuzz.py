"""Fuzzing what users type and the files they bring: a reason, never a crash.

parse_number may only answer a finite float, None, or NumberFormatError (whose message is
for the user); reading any bytes as a table may only give a table or the reader's own
documented refusals.
"""

from __future__ import annotations

import math
import tempfile
from collections import Counter
from pathlib import Path

from fault_kit import report
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.io.encoding import EncodingError
from tracker.io.numbers import NumberFormatError, format_plain, parse_number
from tracker.io.table_reader import TableError, read_table

EXAMPLES = 300
UNITS = ("", "户", "亿元", "万元", "%", "公里", "μg/m³", "天", "万吨")
# Characters that real cells mix with digits: separators, signs, magnitudes, units, dashes,
# full-width forms, invisible characters.
NUMBERISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,，。+-−—–eE %％万亿元户约≤≥~至 \t\u200b\ufeff０１９")),
    max_size=24,
)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
# Numbers as people write them: plain, with thousands separators, with a magnitude.
WRITTEN = st.one_of(FINITE.map(repr), FINITE.map("{:,}".format), FINITE.map("{:.2f}万".format),
                    st.integers(-10**12, 10**12).map("{:,}".format))
CSVISH = st.text(alphabet=st.sampled_from(list('ab1.5,，"\'\n\r\t 万亿%目标值名称\x00;|=')),
                 max_size=400)

number_outcomes: Counter[str] = Counter()
table_outcomes: Counter[str] = Counter()


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(st.one_of(st.text(), NUMBERISH, WRITTEN),
       st.one_of(st.sampled_from(UNITS), st.text(max_size=4)))
def check_parse_number(cell: str, unit: str) -> None:
    try:
        value = parse_number(cell, unit)
    except NumberFormatError as exc:
        assert str(exc) and exc.reason  # something to tell the user
        number_outcomes["refused"] += 1
        return
    assert value is None or (isinstance(value, float) and math.isfinite(value))
    number_outcomes["blank" if value is None else "number"] += 1


def test_parse_number_answers_a_number_or_a_reason() -> None:
    number_outcomes.clear()
    check_parse_number()
    total = sum(number_outcomes.values())
    report(f"parse_number fuzz: {total} examples, {number_outcomes['number']} numbers, "
           f"{number_outcomes['blank']} blank, {number_outcomes['refused']} refused with a "
           "reason, 0 other exceptions")


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(FINITE)
def check_plain_round_trip(value: float) -> None:
    assert parse_number(format_plain(value)) == value


def test_a_number_written_plainly_reads_back_exactly() -> None:
    check_plain_round_trip()


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(st.one_of(st.binary(max_size=600), CSVISH.map(lambda s: s.encode("utf-8")),
                 CSVISH.map(lambda s: s.encode("gb18030"))))
def check_read_table(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except (TableError, EncodingError) as exc:
            assert str(exc)
            table_outcomes["refused"] += 1
            return
    width = len(table.headers)
    assert all(len(row.cells) == width for row in table.rows)
    table_outcomes["read"] += 1
    table_outcomes["problem rows"] += len(table.problems)


def test_any_bytes_read_as_a_table_or_refused_with_a_reason() -> None:
    table_outcomes.clear()
    check_read_table()
    total = table_outcomes["read"] + table_outcomes["refused"]
    report(f"table reader fuzz: {total} files of arbitrary bytes/CSV-like text, "
           f"{table_outcomes['read']} read ({table_outcomes['problem rows']} rows reported as "
           f"problems), {table_outcomes['refused']} refused with a reason, 0 crashes")
