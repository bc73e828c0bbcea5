"""Fuzzing the CSV importer: any file gives reported problems, never a crash or half a write.

Each example is a file (arbitrary bytes, or CSV-like rows of hostile, numeric-looking and
date-looking cells under real header names) imported into a small database the way
`tracker import` does. Reading, mapping and planning may refuse with a reason; planning
never writes; an import either commits all it planned or, when it fails at the last moment,
leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fault_kit import report
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.commands import Batch, Changes, Command, ImportRecords
from tracker.domain import ConflictError, Measurement, NotFoundError, Target, ValidationError
from tracker.io.encoding import EncodingError
from tracker.io.importer import MappingError, plan_import, read_file, suggest_mapping
from tracker.io.table_reader import TableError
from tracker.service import TrackerService
from tracker.storage import Repository, open_database

EXAMPLES = 200
NAMES = ("清洁取暖改造", "地区生产总值", "=cmd|' /C calc'!A0")
HEADERS = (
    ["指标", "截至", "数值"],
    ["name", "as_of", "value", "note"],
    ["指标名称", "统计日期", "完成值", "来源"],
    ["指标", "领域", "单位", "目标值", "开始", "截止"],
    ["指标", "指标", "数值"],
    ["", "截至", "数值"],
)
CELL = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(["2022-06-30", "2022/6/30", "2022年6月30日", "2022-02-30", "2022-13-01",
                     "", "-", "—", "12,345", "1.5万", "约100", "≤3%", "1e400", "待定", "0",
                     "-5", "'=1+1", "95,397户", "45%"]),
    st.text(max_size=12),
)
HOSTILE_ROW = st.lists(CELL, min_size=0, max_size=7)
# A row that should import: a known target, a real date in its period, a plain number.
GOOD_ROW = st.tuples(
    st.sampled_from(NAMES),
    st.dates(date(2022, 1, 1), date(2022, 12, 31)).map(date.isoformat),
    st.integers(0, 10**7).map(str),
).map(list)
ROWS = st.lists(st.one_of(GOOD_ROW, GOOD_ROW, GOOD_ROW, HOSTILE_ROW), max_size=12)
LINE_ENDINGS = st.sampled_from(["\r\n", "\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8-sig", "utf-8", "gb18030"])

outcomes: Counter[str] = Counter()


class Refused(Exception):
    """Raised by the command run after the import, to prove the import is rolled back."""


@dataclass(frozen=True)
class FailLast:
    """A command that fails: appended to an import, the whole transaction must roll back."""

    def apply(self, repo: Repository, source: str) -> tuple[Command, Changes]:
        raise Refused

    def describe(self) -> str:
        return "fail"


@st.composite
def csv_files(draw: st.DrawFn, clean: bool = False) -> bytes:
    """A CSV-like file: a real header row, rows of good and hostile cells, a line ending.

    ``clean`` files have a figures header and good rows only, so some imports succeed.
    """
    headers = draw(st.sampled_from(HEADERS[:3] if clean else HEADERS))
    rows = draw(st.lists(GOOD_ROW, min_size=1, max_size=8) if clean else ROWS)
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(LINE_ENDINGS)).writerows([headers, *rows])
    return out.getvalue().encode(draw(ENCODINGS))


def seeded_service() -> TrackerService:
    service = TrackerService(open_database(None), who="fuzz", today=lambda: date(2022, 12, 1))
    service.execute(ImportRecords(
        tuple(Target(name=n, unit="户", target_value=1000.0) for n in NAMES),
        ((NAMES[0], Measurement(0, date(2022, 6, 30), 10.0)),),
    ))
    return service


def figure_count(service: TrackerService) -> int:
    return sum(len(service.measurements(t.id)) for t in service.targets())


def dump(service: TrackerService) -> list[str]:
    return list(service.db.conn.iterdump())


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True)
@given(st.one_of(st.binary(max_size=400), csv_files(), csv_files(clean=True)), st.booleans(),
       st.booleans())
def check_import(data: bytes, fail_at_the_end: bool, skip_bad_rows: bool) -> None:
    service = seeded_service()
    try:
        before = dump(service)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bureau.csv"
            path.write_bytes(data)
            try:
                table = read_file(path)
                plan = plan_import(service, table, suggest_mapping(table.headers),
                                   file_name=path.name)
            except (TableError, EncodingError, MappingError) as exc:
                assert str(exc)
                outcomes["refused"] += 1
                return
        assert dump(service) == before  # planning writes nothing
        if not plan.can_import(skip_bad_rows) or not plan.has_work():
            outcomes["problems reported" if plan.errors else "nothing to do"] += 1
            return
        if fail_at_the_end:
            with pytest.raises(Refused):
                service.execute(Batch((plan.command(), FailLast())))
            assert dump(service) == before
            outcomes["rolled back"] += 1
            return
        measurements = figure_count(service)
        try:
            service.execute(plan.command())
        except (ValidationError, ConflictError, NotFoundError):
            assert dump(service) == before
            outcomes["refused at write"] += 1
            return
        assert len(service.targets()) == len(NAMES) + len(plan.new_targets)
        assert figure_count(service) == measurements + len(plan.new_figures)
        assert service.check() == []
        outcomes["imported" if not plan.errors else "imported good rows"] += 1
    finally:
        service.close()


def test_any_file_imports_fully_or_not_at_all_with_reasons() -> None:
    outcomes.clear()
    check_import()
    total = sum(outcomes.values())
    report(f"importer fuzz: {total} files (arbitrary bytes and hostile CSV), "
           f"{outcomes['imported']} imported fully, {outcomes['imported good rows']} imported "
           f"their good rows (--skip-bad-rows), {outcomes['rolled back']} failed at the "
           f"last moment and left the database byte-for-byte unchanged, "
           f"{outcomes['problems reported']} stopped with row problems listed, "
           f"{outcomes['refused']} refused with a reason, {outcomes['nothing to do']} had "
           f"nothing new, {outcomes['refused at write']} refused at write; 0 crashes, "
           "0 partial writes")
