"""kill -9 during a stream of edits: every value is the last committed one, and audited.

A child edits target values and figures in a loop, printing a journal line before and after
each commit, and is SIGKILLed at a random moment. Afterwards every value equals the last
edit the journal shows as committed, except the edit in flight at the kill, which is either
its old or its new value; and the newest audit line of every field equals the field's value.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from collections import Counter
from pathlib import Path

import pytest
from fault_kit import Child, report

from tracker.safety import open_safely
from tracker.service import TrackerService
from tracker.storage.backup import check_integrity
from tracker.storage.rows import audit_text

RUNS = 10

Key = tuple[str, int, str]  # (table, row id, field)


def current_values(service: TrackerService) -> dict[Key, float]:
    """Every value the child edits, as the file holds it now."""
    values: dict[Key, float] = {}
    for t in service.targets():
        values["targets", t.id, "target_value"] = t.target_value
        for m in service.measurements(t.id):
            values["measurements", m.id, "value"] = m.value
    return values


def newest_audit(service: TrackerService) -> dict[Key, str | None]:
    """The newest audited new value of every (table, row, field)."""
    newest: dict[Key, str | None] = {}
    for t in service.targets():
        for entry in service.audit(t.id):  # newest first
            key = (entry.table_name, entry.row_id, entry.field)
            if entry.action == "update" and key not in newest:
                newest[key] = entry.new_value
    return newest


def journal(lines: list[str]) -> list[dict]:
    entries = []
    for line in lines:
        # Only the line cut short by the kill can be incomplete.
        with contextlib.suppress(json.JSONDecodeError):
            entries.append(json.loads(line))
    return entries


@pytest.mark.slow
def test_kill_during_edits_keeps_old_or_new_and_audit_matches(seeded_db: Path) -> None:
    rng = random.Random("kill-edits")
    committed = 0
    in_flight: Counter[str] = Counter()
    integrity_ok = audit_ok = 0
    for run in range(RUNS):
        service = TrackerService.open(seeded_db)
        expected = current_values(service)
        service.close()

        child = Child("edits", seeded_db, run)
        child.wait_for("ready")
        time.sleep(rng.uniform(0.2, 0.8))
        child.kill()
        entries = journal(child.lines)

        pending: dict | None = None
        for entry in entries:
            key = (entry["table"], entry["row"], entry["field"])
            if entry["phase"] == "after":
                expected[key] = entry["new"]
                committed += 1
                pending = None
            else:
                assert expected[key] == entry["old"]  # the journal agrees with the file
                pending = entry

        integrity_ok += check_integrity(seeded_db) == []
        opened = open_safely(seeded_db)
        assert opened.service is not None, opened.problem
        service = opened.service
        try:
            actual = current_values(service)
            if pending is not None:
                key = (pending["table"], pending["row"], pending["field"])
                outcome = ("old" if actual[key] == pending["old"] else
                           "new" if actual[key] == pending["new"] else "other")
                in_flight[outcome] += 1
                if outcome != "other":
                    expected[key] = actual[key]
            else:
                in_flight["none"] += 1
            assert actual == expected
            newest = newest_audit(service)
            audit_ok += all(newest[key] == audit_text(actual[key]) for key in newest)
        finally:
            service.close()

    report(f"kill -9 during edits: {RUNS} runs, {committed:,} edits committed before the kills, "
           f"killed between edits {in_flight['none']} times; edit in flight at the kill: "
           f"{in_flight['old']} kept the old value, {in_flight['new']} the new, "
           f"{in_flight['other']} anything else; "
           f"audit matches values {audit_ok}/{RUNS}, integrity ok {integrity_ok}/{RUNS}")
    assert in_flight["other"] == 0
    assert audit_ok == RUNS and integrity_ok == RUNS
