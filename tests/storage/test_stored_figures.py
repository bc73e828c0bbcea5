"""figures_compared decides in SQLite what the import's Python rules decide for stored
figures; a re-import reads stored figures into Python only for rows checked one by one."""

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


def _python_rules(figures: list[tuple[str, float, str, str]]) -> tuple:
    """What RowPlanner._figure_rows decides of each figure: how many are stored, how many
    of those unchanged, which are new, which changed."""
    by_date = {d: (v, n, s) for d, v, n, s in STORED}
    new, changed, unchanged = [], [], 0
    for place, (as_of, value, note, source) in enumerate(figures):
        old = by_date.get(as_of)
        if old is None:
            new.append(place)
        elif (old[0] == value and (not note or note == old[1])
              and (not source or source == old[2])):
            unchanged += 1
        else:
            changed.append(place)
    return len(figures) - len(new), unchanged, new, changed


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


def test_a_reimport_reads_stored_figures_only_where_rows_are_checked_one_by_one(
        demo_service: TrackerService, tmp_path: Path, monkeypatch):
    path = tmp_path / "figures.csv"
    export_measurements(demo_service, path)
    read: list[list[int]] = []
    looked_up: list[list[tuple[int, str]]] = []
    index, at = Repository.measurement_index, Repository.figures_at
    monkeypatch.setattr(Repository, "measurement_index",
                        lambda self, ids: read.append(list(ids)) or index(self, ids))
    monkeypatch.setattr(Repository, "figures_at", lambda self, ids, dates: looked_up.append(
        list(zip(ids, dates, strict=True))) or at(self, ids, dates))
    monkeypatch.setattr(import_rows, "PROGRESS_EVERY", 1)  # a chunk per row

    def plan():
        table = read_file(path)
        return plan_import(demo_service, table, suggest_mapping(table.headers))

    again = plan()
    assert (again.unchanged, again.has_work()) == (demo_service.repo.count_measurements(), False)
    # Only the milestones' figures (never the short way) were read, each target's once.
    milestones = {t.id for t in demo_service.targets() if t.kind is Kind.MILESTONE}
    assert (sorted(i for ids in read for i in ids), looked_up) == (sorted(milestones), [])
    read.clear()
    # One figure changed: the short way leaves its row to the row rules, with the one
    # stored figure they compare it with, read by its target and date.
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    name, unit, as_of, value, *rest = lines[5].split(",")
    lines[5] = ",".join([name, unit, as_of, str(float(value) + 1), *rest])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = plan()
    assert [(c.row, c.changes) for c in changed.changed] == [(6, {"value": float(value) + 1})]
    target = demo_service.find_target(name)
    assert target.kind is not Kind.MILESTONE
    assert sorted(i for ids in read for i in ids) == sorted(milestones)
    assert looked_up == [[(target.id, as_of)]]
    assert changed.unchanged == again.unchanged - 1


def test_figures_at_reads_only_the_figures_asked_for(repo: Repository, monkeypatch):
    monkeypatch.setattr(stored_figures, "COMPARED_PER_STATEMENT", 2)
    target = repo.conn.execute("SELECT id FROM targets").fetchone()[0]
    index = repo.measurement_index([target])
    found = repo.figures_at([target] * 4, ["2022-03-31", "2022-04-30", "2022-01-31", "x"])
    assert found == {k: index[k] for k in [(target, "2022-03-31"), (target, "2022-01-31")]}


def test_a_name_padded_and_quoted_finds_its_stored_figures(service: TrackerService, tmp_path):
    # " '=x" is read as the target "'=x" (stripped; a target has that name, so its ' is
    # kept): its stored figure must be found, not planned as new (review).
    service.execute(CreateTarget(Target("'=x", unit="个", target_value=3.0)))
    service.execute(ImportRecords(measurements=(("'=x", Measurement(0, date(2022, 1, 31),
                                                                   5.0)),)))
    path = tmp_path / "f.csv"
    path.write_text('指标,截至,数值\n" \'=x",2022-01-31,5\n" \'=x",2022-02-28,6\n',
                    encoding="utf-8")
    table = read_file(path)
    plan = plan_import(service, table, suggest_mapping(table.headers), file_name="f.csv")
    assert (plan.unchanged, plan.new_figures, plan.problems) == (
        1, [(service.find_target("'=x").id, "2022-02-28", 6.0, "", "")], [])
