"""Commands and their inverses, run through TrackerService (tracker.commands)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from tracker.commands import (
    AddMeasurement,
    Batch,
    Changes,
    CreateTarget,
    DeleteMeasurement,
    DeleteTarget,
    ImportRecords,
    UpdateMeasurement,
    UpdateTarget,
)
from tracker.domain import Kind, Measurement, NotFoundError, Target, ValidationError
from tracker.service import ReadOnlyError, TrackerService
from tracker.storage import open_database

HEATING = "清洁取暖改造"
NOV_30 = date(2022, 11, 30)


def snapshot(service: TrackerService, *, exact: bool = False) -> list:
    """Every row and figure; without ``exact``, versions and time stamps are left out."""

    def plain(value):
        return value if exact else replace(value, version=0, updated_at="")

    return [
        (plain(row.target), row.progress.status, row.progress.percent,
         [plain(m) for m in service.measurements(row.target.id)])
        for row in service.rows()
    ]


def heating(service: TrackerService) -> Target:
    return service.find_target(HEATING)


def latest(service: TrackerService, name: str = HEATING) -> Measurement:
    return service.measurements(service.find_target(name).id)[-1]


def edits(service: TrackerService):
    """One of each editing command against the demo, built from its current state."""
    t = heating(service)
    m = latest(service)
    return {
        "create target": CreateTarget(Target("新指标", unit="个", target_value=10.0)),
        "update target": UpdateTarget(t.id, {"note": "改", "target_value": 100_000.0},
                                      t.version, t.name),
        "delete target": DeleteTarget(t.id, t.version, t.name),
        "add measurement": AddMeasurement(Measurement(t.id, date(2022, 12, 31), 110_000)),
        "update measurement": UpdateMeasurement(m.id, {"value": 104_000.0, "note": "更正"},
                                                m.version),
        "delete measurement": DeleteMeasurement(m.id, m.version),
    }


EDITS = ["create target", "update target", "delete target", "add measurement",
         "update measurement", "delete measurement"]


@pytest.mark.parametrize("edit", EDITS)
def test_edit_changes_something(demo_service, edit):
    before = snapshot(demo_service)
    demo_service.execute(edits(demo_service)[edit])
    assert snapshot(demo_service) != before


@pytest.mark.parametrize("edit", EDITS)
def test_inverse_restores_the_previous_state(demo_service, edit):
    before = snapshot(demo_service)
    inverse = demo_service.execute(edits(demo_service)[edit])
    demo_service.execute(inverse)
    assert snapshot(demo_service) == before


@pytest.mark.parametrize("edit", EDITS)
def test_redo_after_undo_repeats_the_edit(demo_service, edit):
    undo = demo_service.execute(edits(demo_service)[edit])
    after = snapshot(demo_service)
    redo = demo_service.execute(undo)
    demo_service.execute(redo)
    assert snapshot(demo_service) == after


@pytest.mark.parametrize("edit", ["delete target", "delete measurement"])
def test_undoing_a_delete_restores_ids_and_versions(demo_service, edit):
    before = snapshot(demo_service, exact=True)
    demo_service.execute(demo_service.execute(edits(demo_service)[edit]))
    restored = [(t.id, t.version, [(m.id, m.version) for m in ms])
                for t, *_, ms in snapshot(demo_service, exact=True)]
    assert restored == [(t.id, t.version, [(m.id, m.version) for m in ms])
                        for t, *_, ms in before]


def test_deleting_a_target_removes_its_measurements(demo_service):
    t = heating(demo_service)
    demo_service.execute(DeleteTarget(t.id, t.version))
    assert demo_service.measurements(t.id) == []


def test_update_target_stores_the_trimmed_name(demo_service):
    t = heating(demo_service)
    demo_service.execute(UpdateTarget(t.id, {"name": "  清洁取暖  "}, t.version))
    assert demo_service.target(t.id).name == "清洁取暖"


def test_update_target_refuses_an_invalid_change(demo_service):
    t = heating(demo_service)
    with pytest.raises(ValidationError):
        demo_service.execute(UpdateTarget(t.id, {"target_value": None}, t.version))


def test_update_measurement_refuses_an_invalid_change(demo_service):
    m = latest(demo_service)
    with pytest.raises(ValidationError):
        demo_service.execute(UpdateMeasurement(m.id, {"value": -1.0}, m.version))


def imported() -> ImportRecords:
    return ImportRecords(
        (Target("新指标", unit="个", target_value=10.0),),
        (("新指标", Measurement(0, NOV_30, 4)),
         (HEATING, Measurement(0, date(2022, 12, 31), 110_000))),
    )


def test_import_adds_targets_and_figures(demo_service):
    demo_service.execute(imported())
    assert [m.value for m in demo_service.measurements(demo_service.find_target("新指标").id)] \
        == [4]
    assert latest(demo_service).value == 110_000


def test_undoing_an_import_is_one_step(demo_service):
    before = snapshot(demo_service)
    undo = demo_service.execute(imported())
    demo_service.execute(undo)
    assert snapshot(demo_service) == before


def test_redo_of_an_undone_import(demo_service):
    undo = demo_service.execute(imported())
    after = snapshot(demo_service)
    demo_service.execute(demo_service.execute(undo))
    assert snapshot(demo_service) == after


def test_import_naming_an_unknown_target_changes_nothing(demo_service):
    before = snapshot(demo_service)
    bad = ImportRecords((Target("新指标", target_value=10.0),),
                        (("没有这个指标", Measurement(0, NOV_30, 1)),))
    with pytest.raises(NotFoundError):
        demo_service.execute(bad)
    assert snapshot(demo_service) == before


def test_batch_applies_every_command(demo_service):
    t = heating(demo_service)
    demo_service.execute(Batch((
        UpdateTarget(t.id, {"note": "一"}, t.version),
        AddMeasurement(Measurement(t.id, date(2022, 12, 31), 110_000)),
    )))
    assert (demo_service.target(t.id).note, latest(demo_service).value) == ("一", 110_000)


def test_batch_with_a_failing_command_in_the_middle_changes_nothing(demo_service):
    before = snapshot(demo_service, exact=True)
    t = heating(demo_service)
    batch = Batch((
        UpdateTarget(t.id, {"note": "一"}, t.version),
        AddMeasurement(Measurement(t.id, date(2022, 12, 31), -5)),
        CreateTarget(Target("新指标", target_value=10.0)),
    ))
    with pytest.raises(ValidationError):
        demo_service.execute(batch)
    assert snapshot(demo_service, exact=True) == before


def test_undoing_a_batch_restores_everything(demo_service):
    before = snapshot(demo_service)
    t = heating(demo_service)
    undo = demo_service.execute(Batch((
        UpdateTarget(t.id, {"note": "一"}, t.version),
        DeleteMeasurement(latest(demo_service).id, latest(demo_service).version),
        CreateTarget(Target("新指标", target_value=10.0)),
    )))
    demo_service.execute(undo)
    assert snapshot(demo_service) == before


@pytest.fixture
def heard(demo_service: TrackerService) -> list[Changes]:
    changes: list[Changes] = []
    demo_service.subscribe(changes.append)
    return changes


def test_editing_a_figure_notifies_its_target(demo_service, heard):
    t = heating(demo_service)
    demo_service.execute(AddMeasurement(Measurement(t.id, date(2022, 12, 31), 110_000)))
    assert heard == [Changes(frozenset({t.id}))]


def test_deleting_a_target_notifies_a_structure_change(demo_service, heard):
    t = heating(demo_service)
    demo_service.execute(DeleteTarget(t.id, t.version))
    assert heard == [Changes(frozenset({t.id}), structure=True)]


def test_creating_a_target_notifies_a_structure_change(demo_service, heard):
    demo_service.execute(CreateTarget(Target("新指标", target_value=10.0)))
    assert heard == [Changes(frozenset({demo_service.find_target("新指标").id}), True)]


def test_undo_notifies_like_any_edit(demo_service, heard):
    t = heating(demo_service)
    undo = demo_service.execute(UpdateTarget(t.id, {"note": "一"}, t.version))
    demo_service.execute(undo)
    assert heard == [Changes(frozenset({t.id}))] * 2


def test_failing_command_notifies_nobody(demo_service, heard):
    with pytest.raises(ValidationError):
        demo_service.execute(CreateTarget(Target(HEATING, target_value=1.0)))
    assert heard == []


def test_unsubscribed_listener_hears_nothing(demo_service):
    heard: list[Changes] = []
    unsubscribe = demo_service.subscribe(heard.append)
    unsubscribe()
    demo_service.execute(CreateTarget(Target("新指标", target_value=10.0)))
    assert heard == []


def test_outside_commit_is_heard_as_everything(tmp_path):
    path = tmp_path / "t.sqlite"
    ours = TrackerService(open_database(path), who="a")
    theirs = TrackerService(open_database(path), who="b")
    heard: list[Changes] = []
    ours.subscribe(heard.append)
    theirs.execute(CreateTarget(Target("新指标", target_value=10.0)))
    assert ours.poll_outside_changes() and heard == [Changes(everything=True)]
    ours.close()
    theirs.close()


def test_read_only_service_refuses_edits(tmp_path):
    path = tmp_path / "t.sqlite"
    TrackerService.open(path).close()
    service = TrackerService.open(path, read_only=True)
    with pytest.raises(ReadOnlyError):
        service.execute(CreateTarget(Target("新指标", target_value=10.0)))
    service.close()


def test_describe_names_the_target(lang):
    assert "新指标" in CreateTarget(Target("新指标", kind=Kind.MILESTONE)).describe()


def test_undo_after_undoing_a_later_edit_still_applies(demo_service):
    """Add, edit, undo the edit, undo the add: each undo finds the row as it left it."""
    target = demo_service.find_target("清洁取暖改造")
    undo_add = demo_service.execute(
        AddMeasurement(Measurement(target.id, date(2022, 12, 15), 104000.0), target.name))
    added = demo_service.measurements(target.id)[-1]
    undo_edit = demo_service.execute(
        UpdateMeasurement(added.id, {"value": 105000.0}, added.version, target.name))
    redo_edit = demo_service.execute(undo_edit)
    assert demo_service.measurements(target.id)[-1].version == added.version
    redo_add = demo_service.execute(undo_add)
    assert all(m.id != added.id for m in demo_service.measurements(target.id))
    demo_service.execute(redo_add)
    demo_service.execute(redo_edit)
    assert demo_service.measurements(target.id)[-1].value == 105000.0
