"""Child processes the fault tests start, and kill: `python fault_child.py ROLE DB ...`.

Roles:
  import DB CSV JOURNAL  imports the figures in CSV with the real importer (read, plan,
        one transaction); prints "started" just before the transaction and "committed"
        after. JOURNAL "delete" opens the file with the rollback journal, as on a share.
  edits DB SEED  edits figures and target values forever; prints a JSON journal line
        before and after each commit.
  counter DB COUNT SEED  after "go" on stdin, adds 1 to a random target's target_value
        COUNT times (read, think up to 1 ms, write with the version read), re-reading and
        retrying on every conflict; prints the number of conflicts.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from tracker.commands import UpdateMeasurement, UpdateTarget
from tracker.domain import ConflictError
from tracker.io.importer import ImportOptions, plan_import, read_file, suggest_mapping
from tracker.service import TrackerService


def run_import(db: Path, table: Path, journal: str) -> None:
    """Import the figures file ``table`` the way `tracker import` does, in one transaction."""
    service = TrackerService.open(db, who="importer", wal=journal != "delete")
    raw = read_file(table)
    plan = plan_import(service, raw, suggest_mapping(raw.headers),
                       ImportOptions("measurements"), file_name=table.name)
    assert not plan.errors, plan.errors[:3]
    command = plan.command()
    print("started", flush=True)
    service.execute(command)
    print("committed", flush=True)
    service.close()


def journal(phase: str, table: str, row: int, field: str, old: float, new: float) -> None:
    print(json.dumps({"phase": phase, "table": table, "row": row, "field": field,
                      "old": old, "new": new}), flush=True)


def run_edits(db: Path, seed: int) -> None:
    rng = random.Random(seed)
    service = TrackerService.open(db, who="editor")
    target_ids = [t.id for t in service.targets()]
    print("ready", flush=True)
    while True:
        target_id = rng.choice(target_ids)
        new = rng.randint(1, 10**8) / 100
        if rng.random() < 0.5:
            t = service.target(target_id)
            journal("before", "targets", target_id, "target_value", t.target_value, new)
            service.execute(UpdateTarget(target_id, {"target_value": new}, t.version))
            journal("after", "targets", target_id, "target_value", t.target_value, new)
        else:
            m = rng.choice(service.measurements(target_id))
            journal("before", "measurements", m.id, "value", m.value, new)
            service.execute(UpdateMeasurement(m.id, {"value": new}, m.version))
            journal("after", "measurements", m.id, "value", m.value, new)


def run_counter(db: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    service = TrackerService.open(db, who=f"counter-{seed}")
    target_ids = [t.id for t in service.targets()]
    print("ready", flush=True)
    sys.stdin.readline()  # "go": both processes start together
    conflicts = 0
    for _ in range(count):
        target_id = rng.choice(target_ids)
        while True:
            t = service.target(target_id)
            time.sleep(rng.uniform(0, 0.001))  # think time between reading and writing
            try:
                service.execute(
                    UpdateTarget(target_id, {"target_value": t.target_value + 1}, t.version))
                break
            except ConflictError:
                conflicts += 1
    service.close()
    print(json.dumps({"updates": count, "conflicts": conflicts}), flush=True)


def main(argv: list[str]) -> None:
    role, db = argv[1], Path(argv[2])
    if role == "import":
        run_import(db, Path(argv[3]), argv[4])
    elif role == "edits":
        run_edits(db, int(argv[3]))
    elif role == "counter":
        run_counter(db, int(argv[3]), int(argv[4]))
    else:
        raise SystemExit(f"unknown role {role}")


if __name__ == "__main__":
    main(sys.argv)
