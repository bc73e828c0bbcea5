"""An export imported into an empty database gives the same targets and figures."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import pytest

from tracker import messages
from tracker.commands import AddMeasurement, CreateTarget
from tracker.domain import Direction, Kind, Measurement, Target
from tracker.io.exporter import export_measurements, export_targets
from tracker.io.importer import plan_import, read_file, suggest_mapping
from tracker.service import TrackerService
from tracker.storage import open_database


def contents(service: TrackerService) -> list[tuple]:
    """Every target's fields with its figures, by name: what a round trip must keep."""
    out = []
    for target in service.targets():
        figures = [(m.as_of, m.value, m.note, m.source)
                   for m in service.measurements(target.id)]  # type: ignore[arg-type]
        out.append((astuple(target)[:13], figures))
    return sorted(out, key=lambda item: item[0][0])


def import_file(service: TrackerService, path: Path):
    table = read_file(path)
    plan = plan_import(service, table, suggest_mapping(table.headers), file_name=path.name)
    assert not plan.problems, plan.problems
    service.execute(plan.command())
    return plan


@pytest.fixture
def empty() -> TrackerService:
    service = TrackerService(open_database(None), who="tester")
    yield service
    service.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_demo_round_trip(demo_service, empty, tmp_path, suffix, language):
    messages.set_language(language)
    targets, figures = tmp_path / f"targets{suffix}", tmp_path / f"figures{suffix}"
    export_targets(demo_service, targets)
    export_measurements(demo_service, figures)
    assert import_file(empty, targets).kind == "targets"
    assert import_file(empty, figures).kind == "measurements"
    assert contents(empty) == contents(demo_service)
    again = [plan_import(empty, t, suggest_mapping(t.headers))
             for t in (read_file(targets), read_file(figures))]
    assert [p.has_work() for p in again] == [False, False]
    assert again[1].unchanged == demo_service.repo.count_measurements()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_hard_values_survive_the_round_trip(service, empty, tmp_path, suffix):
    """Formula-like names, quotes, new lines, full-width signs, tiny and long numbers."""
    names = ["=SUM(A1)", "-1+2", "＠某某", 'say "hi", twice', "两行\n说明", "𠮷野家门店数"]
    values = [0.1 + 0.2, 1e-05, 123456789012.5, 0.0, 7.0, 1.7779]
    for i, (name, value) in enumerate(zip(names, values, strict=True)):
        service.execute(CreateTarget(Target(
            name, category="民生保障", department="市住建局", unit="%", kind=Kind.LEVEL,
            direction=Direction.LOWER if i % 2 else Direction.HIGHER, baseline=None,
            target_value=3.5, tolerance=0.025, note="=注意", source="+来源")))
        target = service.find_target(name)
        service.execute(AddMeasurement(Measurement(target.id, target.period_start, value,
                                                   note="-负号开头", source="@某局")))
    export_targets(service, tmp_path / f"t{suffix}")
    export_measurements(service, tmp_path / f"m{suffix}")
    import_file(empty, tmp_path / f"t{suffix}")
    import_file(empty, tmp_path / f"m{suffix}")
    assert contents(empty) == contents(service)


def test_xlsx_keeps_every_digit_of_a_figure(service, empty, tmp_path):
    service.execute(CreateTarget(Target("增速", unit="%", kind=Kind.LEVEL, target_value=1.0)))
    target = service.find_target("增速")
    service.execute(AddMeasurement(Measurement(target.id, target.period_start, 0.1 + 0.2)))
    export_targets(service, tmp_path / "t.xlsx")
    export_measurements(service, tmp_path / "m.xlsx")
    import_file(empty, tmp_path / "t.xlsx")
    import_file(empty, tmp_path / "m.xlsx")
    assert contents(empty) == contents(service)
