"""figures_compared decides in SQLite what the import's Python rules decide for stored
figures; a re-import reads stored figures into Python only for chunks that need them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.commands import CreateTarget, ImportRecords
from tracker.domain import Kind, Measurement, Target
from tracker.io import import_rows
from tracker.io.exporter import export_measurements
from tracker.io.importer import plan_import, read_file, suggest_mapping
from tracker.service import TrackerService
from tracker.storage import Repository, open_database, stored_figures

DATES = ["2022-01-31", "2022-02-28", "2022-03-31", "2022-04-30"]
VALUES = [0.0, -0.0, 1.0, 0.1 + 0.2, 0.3, 1e16, 1e16 + 2, 123456789012.5]
TEXTS = ["", "周报", "月报"]
#: (as_of, value, note, source) of the stored figures; 2022-04-30 is not stored.
STORED = [("2022-01-31", 0.0, "", ""), ("2022-02-28", 0.1 + 0.2, "周报", ""),
          ("2022-03-31", 1e16, "", "月报")]


@pytest.fixture(scope="module")
def repo():
    service = TrackerService(open_database(None), who="tester")
    service.execute(CreateTarget(Target("清洁取暖改造", unit="户", target_value=95397.0)))
    service.execute(ImportRecords(measurements=tuple(
        ("清洁取暖改造", Measurement(0, _date(d), v, note=n, source=s)) for d, v, n, s in STORED)))
    yield service.repo
    service.close()


def _date(iso: str) -> date:
    return date.fromisoformat(iso)


def _python_rules(figures: list[tuple[str, float, str, str]]) -> tuple[int, int]:
    """What RowPlanner._figure_rows decides of each figure, counted."""
    by_date = {d: (v, n, s) for d, v, n, s in STORED}
    stored = unchanged = 0
    for as_of, value, note, source in figures:
        old = by_date.get(as_of)
        if old is not None:
            stored += 1
            unchanged += (old[0] == value and (not note or note == old[1])
                          and (not source or source == old[2]))
    return stored, unchanged


@st.composite
def figure(draw: st.DrawFn) -> tuple[str, float, str, str]:
    """A stored figure given again, as it is or with a field changed or blank, or another."""
    if draw(st.booleans()):
        return (draw(st.sampled_from(DATES)), draw(st.sampled_from(VALUES)),
                draw(st.sampled_from(TEXTS)), draw(st.sampled_from(TEXTS)))
    as_of, value, note, source = draw(st.sampled_from(STORED))
    return (as_of, draw(st.sampled_from([value, value, *VALUES])),
            draw(st.sampled_from([note, "", *TEXTS])), draw(st.sampled_from([source, "", *TEXTS])))


@settings(max_examples=200, deadline=None)
@given(figures=st.lists(figure(), max_size=9), per_statement=st.integers(1, 4))
def test_compared_in_sqlite_as_in_python(repo: Repository, figures, per_statement):
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    columns = [list(c) for c in zip(*figures, strict=True)] or [[], [], [], []]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stored_figures, "COMPARED_PER_STATEMENT", per_statement)
        found = repo.figures_compared([target] * len(figures), *columns)
    assert found == _python_rules(figures)


def test_columns_of_unequal_length_are_refused(repo: Repository):
    with pytest.raises(ValueError):
        repo.figures_compared([1], [], [], [], [])


def test_a_reimport_reads_stored_figures_only_for_the_chunks_that_need_them(
        demo_service: TrackerService, tmp_path: Path, monkeypatch):
    path = tmp_path / "figures.csv"
    export_measurements(demo_service, path)
    read: list[list[int]] = []
    real = Repository.measurement_index
    monkeypatch.setattr(Repository, "measurement_index",
                        lambda self, ids: read.append(list(ids)) or real(self, ids))
    monkeypatch.setattr(import_rows, "PROGRESS_EVERY", 1)  # a chunk per row

    def plan():
        table = read_file(path)
        return plan_import(demo_service, table, suggest_mapping(table.headers))

    again = plan()
    assert (again.unchanged, again.has_work()) == (demo_service.repo.count_measurements(), False)
    # Only a milestone's figures (never the short way) were read, each target's once.
    milestones = {t.id for t in demo_service.targets() if t.kind is Kind.MILESTONE}
    assert sorted(i for ids in read for i in ids) == sorted(milestones)
    read.clear()
    # One figure changed: its chunk is checked row by row, against its target's figures.
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    name, unit, as_of, value, *rest = lines[5].split(",")
    lines[5] = ",".join([name, unit, as_of, str(float(value) + 1), *rest])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = plan()
    assert [c.row for c in changed.changed] == [6]
    changed_id = demo_service.find_target(name).id
    assert changed_id not in milestones
    assert sorted(i for ids in read for i in ids) == sorted(milestones | {changed_id})
