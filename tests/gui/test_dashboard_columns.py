"""The dashboard feed's columns, updated a row at a time, give the snapshot made from scratch."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain import Measurement, Progress, Status, Target, TargetRow
from tracker.gui.dashboard.feed import STATUSES, Snapshot, _Columns

ON = date(2022, 12, 1)
PERIODS = ((date(2022, 1, 1), date(2022, 12, 31)), (date(2021, 1, 1), date(2025, 12, 31)))
STAMPS = tuple(f"2022-12-0{d}T08:00:00.000000+00:00" for d in range(1, 8))


def row(target_id: int, percent: float | None, status: int, category: str, period: int,
        stamp: int, figure_stamp: int | None) -> TargetRow:
    start, end = PERIODS[period]
    target = Target(f"指标{target_id}", category=category, target_value=100.0,
                    period_start=start, period_end=end, id=target_id,
                    updated_at=STAMPS[stamp])
    latest = None if figure_stamp is None else Measurement(
        target_id, date(2022, 6, 30), 50.0, id=target_id, updated_at=STAMPS[figure_stamp])
    return TargetRow(target, Progress(STATUSES[status], latest, percent))


rows = st.builds(
    row, st.integers(1, 12), st.one_of(st.none(), st.floats(0, 200)),
    st.integers(0, len(STATUSES) - 1), st.sampled_from(["经济运行", "民生保障", "生态环境"]),
    st.integers(0, 1), st.integers(0, 6), st.one_of(st.none(), st.integers(0, 6)))
steps = st.lists(st.one_of(st.tuples(st.just("put"), rows),
                           st.tuples(st.just("drop"), st.integers(1, 12))), max_size=40)


def seen(snapshot: Snapshot) -> dict[int, tuple]:
    """What the charts read of each row, by target id."""
    return {int(i): (row.target.name, None if math.isnan(p) else float(p), STATUSES[s],
                     snapshot.categories[c])
            for i, row, p, s, c in zip(snapshot.ids, snapshot.rows, snapshot.percent,
                                       snapshot.status, snapshot.category, strict=True)}


@settings(max_examples=150, deadline=None)
@given(first=st.lists(rows, max_size=8), steps=steps, looks=st.lists(st.booleans(),
                                                                       min_size=40, max_size=40))
def test_rows_updated_one_by_one_give_the_snapshot_made_afresh(first, steps, looks):
    columns = _Columns()
    columns.reset(list({r.target.id: r for r in first}.values()))
    for (action, what), look in zip(steps, looks, strict=False):
        if action == "put":
            columns.put(what)
        else:
            columns.drop(what)
        if look:  # a snapshot in between keeps the arrays, which later edits then update
            columns.snapshot(ON, frozenset(), False)
    kept = columns.snapshot(ON, frozenset(), False)
    fresh = Snapshot.of(list(columns.rows), ON)
    assert seen(kept) == seen(fresh)
    assert (kept.last_change, kept.pace) == (fresh.last_change, fresh.pace)


def test_a_snapshot_does_not_change_when_the_columns_do():
    columns = _Columns()
    columns.reset([row(1, 50.0, 1, "经济运行", 0, 1, 2)])
    before = columns.snapshot(ON, frozenset(), False)
    columns.put(row(1, 90.0, 0, "经济运行", 0, 3, 2))
    assert float(before.percent[0]) == 50.0 and before.last_change == STAMPS[2]
    after = columns.snapshot(ON, frozenset(), False)
    assert float(after.percent[0]) == 90.0 and after.last_change == STAMPS[3]
    assert after.status[0] == STATUSES.index(Status.ACHIEVED)
