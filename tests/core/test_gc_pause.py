"""gc_paused: the collector is off inside, given back after, and what the block made is
handed over in the oldest generation, so no young collection walks a million cells."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracker.gc_pause import gc_paused
from tracker.io.importer import plan_import, read_file, suggest_mapping


@pytest.fixture(autouse=True)
def no_collection_by_chance() -> Iterator[None]:
    """No automatic collection ages the objects behind the tests' backs."""
    thresholds = gc.get_threshold()
    gc.set_threshold(10**9)
    yield
    gc.set_threshold(*thresholds)


def _young_ids() -> set[int]:
    return {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}


def _oldest_ids() -> set[int]:
    return {id(o) for o in gc.get_objects(generation=2)}


def test_off_inside_on_after_and_what_it_made_is_old():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    ids = {id(m) for m in made}
    assert not ids & _young_ids()
    assert ids <= _oldest_ids()


def test_inner_block_leaves_it_to_the_outer_one():
    with gc_paused():
        with gc_paused():
            inner = [[1], [2]]
        assert not gc.isenabled()  # the inner block found it off, and leaves it off
        assert {id(m) for m in inner} & _young_ids()  # not moved yet: the outer one does
    assert gc.isenabled()
    assert not {id(m) for m in inner} & _young_ids()


def test_given_back_after_an_error():
    with pytest.raises(ValueError), gc_paused():
        raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    try:
        with gc_paused():
            made = [[1]]
        assert not gc.isenabled()
        assert {id(m) for m in made} & _young_ids()  # not the block's to move
    finally:
        gc.enable()


def test_a_read_file_and_its_plan_are_handed_over_old(tmp_path: Path, demo_service):
    # The columns of a million-row file and of its plan would otherwise be walked cell by
    # cell by the next two young collections (0.15 s each).
    target = next(t for t in demo_service.targets() if t.kind.value != "milestone")
    path = tmp_path / "f.csv"
    path.write_text("指标名称,单位,截至日期,完成值\n" + "".join(
        f"{target.name},{target.unit},2021-01-{day:02},{day}\n" for day in range(1, 29)),
        encoding="utf-8")
    table = read_file(path)
    plan = plan_import(demo_service, table, suggest_mapping(table.headers))
    assert len(plan.figures) == 28, plan.summary()
    young = _young_ids()
    assert not {id(c) for c in table.columns} & young
    assert not {id(c) for c in vars(plan.figures).values()} & young
