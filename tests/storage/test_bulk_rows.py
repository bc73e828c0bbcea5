"""A bulk insert binds a column holding one value throughout once per statement
(BulkTransfer._insert_rows): the rows stored are the rows given, whatever repeats."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.commands import CreateTarget
from tracker.domain import Target
from tracker.service import TrackerService
from tracker.storage import bulk, open_database

SOURCE = ("导入 a.csv", "第{first}行", "第{first}–{last}行")
TEXTS = st.sampled_from(["", "周报", "截至11月底"])


@st.composite
def figures(draw: st.DrawFn) -> list[tuple[float, str, str]]:
    """(value, note, source) of some figures; notes and sources often one value throughout."""
    n = draw(st.integers(0, 9))
    notes = [draw(TEXTS)] * n if draw(st.booleans()) else draw(st.lists(TEXTS, min_size=n,
                                                                         max_size=n))
    sources = [draw(TEXTS)] * n if draw(st.booleans()) else draw(st.lists(TEXTS, min_size=n,
                                                                           max_size=n))
    values = draw(st.lists(st.sampled_from([0.0, 1.5, 103516.0]), min_size=n, max_size=n))
    return list(zip(values, notes, sources, strict=True))


@settings(max_examples=60, deadline=None)
@given(rows=figures(), per_statement=st.integers(1, 4))
def test_the_rows_stored_are_the_rows_given_and_come_back_after_undo(rows, per_statement):
    service = TrackerService(open_database(None), who="tester")
    try:
        service.execute(CreateTarget(Target("清洁取暖改造", unit="户", target_value=95397.0)))
        repo = service.repo
        target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
        dates = [(date(2022, 1, 1) + timedelta(days=i)).isoformat() for i in range(len(rows))]
        stored = "SELECT target_id, as_of, value, note, source FROM measurements ORDER BY id"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(bulk, "ROWS_PER_STATEMENT", per_statement)
            with repo.transaction():
                first, last = repo.insert_measurements_bulk(
                    ([target] * len(rows), dates, *map(list, zip(*rows, strict=True)))
                    if rows else ([], [], [], [], []), list(range(2, len(rows) + 2)), SOURCE)
            expected = [(target, d, v, n, s) for d, (v, n, s) in zip(dates, rows, strict=True)]
            assert repo.conn.execute(stored).fetchall() == expected
            if not rows:
                return
            whole = repo.conn.execute("SELECT * FROM measurements ORDER BY id").fetchall()
            with repo.transaction():
                line, last_line, _ = repo.delete_measurements_bulk(first, last, len(rows),
                                                                   len(rows), "undo")
            with repo.transaction():
                repo.restore_measurements_bulk(line, last_line, len(rows), "redo")
            assert repo.conn.execute("SELECT * FROM measurements ORDER BY id").fetchall() \
                == whole
    finally:
        service.close()


def test_numbers_equal_but_not_alike_are_each_bound_as_given():
    # 0 == 0.0 == False: a column of them must not be bound once as its first (review).
    service = TrackerService(open_database(None), who="tester")
    try:
        conn = service.repo.conn
        conn.execute("CREATE TEMP TABLE t (x)")
        service.repo._insert_rows("INSERT INTO temp.t (x) VALUES ", [[0, 0.0, False, -0.0]],
                                  repeating=(0,))
        assert [type(x) for (x,) in conn.execute("SELECT x FROM temp.t")] == \
            [int, float, int, float]
    finally:
        service.close()
