"""Two writers on one file: no update is lost, and a stale write is refused, never applied.

Each writer reads a target, thinks for up to a millisecond (as a person or a slow script
would, and so that the two really do collide), and writes it back with the version it read
(optimistic locking); a ConflictError means someone else got there first, so it re-reads
and retries.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fault_kit import SEED_TARGET_VALUE, SEED_TARGETS, Child, report

from tracker.commands import Changes, UpdateTarget
from tracker.domain import ConflictError
from tracker.service import TrackerService

UPDATES = 1000


@pytest.mark.slow
def test_two_processes_adding_one_lose_no_update(seeded_db: Path) -> None:
    writers = [Child("counter", seeded_db, UPDATES, seed, stdin=True) for seed in (1, 2)]
    for writer in writers:
        writer.wait_for("ready")
    for writer in writers:
        writer.send("go")
    results = []
    for writer in writers:
        lines = writer.finish()
        assert writer.proc.returncode == 0, writer.stderr()
        results.append(json.loads(lines[-1]))

    service = TrackerService.open(seeded_db)
    try:
        targets = service.targets()
        total = sum(t.target_value for t in targets)
        added = [t.target_value - SEED_TARGET_VALUE for t in targets]
        audited = [sum(1 for e in service.audit(t.id) if e.field == "target_value")
                   for t in targets]
        versions = [t.version - 1 for t in targets]
    finally:
        service.close()

    expected = 2 * UPDATES + SEED_TARGETS * SEED_TARGET_VALUE
    conflicts = [r["conflicts"] for r in results]
    report(f"two processes × {UPDATES:,} read-then-write updates on {SEED_TARGETS} shared "
           f"targets: {int(total - SEED_TARGETS * SEED_TARGET_VALUE):,} of {2 * UPDATES:,} "
           f"kept, {int(expected - total)} lost; {sum(conflicts)} stale writes refused and "
           f"retried ({conflicts[0]} + {conflicts[1]})")
    assert total == expected
    # One audit line and one version step per update: none was merged or applied twice.
    assert audited == added == versions


def test_a_stale_write_is_refused_and_each_service_sees_the_other(seeded_db: Path) -> None:
    first = TrackerService.open(seeded_db, who="first")
    second = TrackerService.open(seeded_db, who="second")
    heard: list[Changes] = []
    first.subscribe(heard.append)
    try:
        seen_by_first = first.targets()[0]
        second.execute(UpdateTarget(seen_by_first.id, {"note": "changed by second"},
                                    seen_by_first.version))

        with pytest.raises(ConflictError) as refused:
            first.execute(UpdateTarget(seen_by_first.id, {"note": "stale write by first"},
                                       seen_by_first.version))
        assert refused.value.current.note == "changed by second"
        assert first.poll_outside_changes()
        assert heard and heard[-1].everything
        assert first.target(seen_by_first.id).note == "changed by second"

        fresh = first.target(seen_by_first.id)
        first.execute(UpdateTarget(fresh.id, {"note": "then first"}, fresh.version))
        assert second.poll_outside_changes()
        assert second.target(fresh.id).note == "then first"
        assert not second.poll_outside_changes()  # nothing new since
    finally:
        first.close()
        second.close()

    report("two services on one file: stale write refused with ConflictError (nothing "
           "written), each saw the other's change through poll_outside_changes")
