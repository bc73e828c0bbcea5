"""A target's history is counted and read as of one moment, even while another process
writes: the history view's title (the count) and its lines must agree."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from tracker.commands import CreateTarget, UpdateTarget
from tracker.domain import Target
from tracker.service import TrackerService

HEATING = Target("清洁取暖改造", unit="户", target_value=95397.0)


@pytest.fixture
def two_windows(tmp_path: Path):
    """Two services on one file, as two processes would have it open."""
    path = tmp_path / "tracker.sqlite"
    with closing(TrackerService.open(path)) as mine, closing(TrackerService.open(path)) as theirs:
        yield mine, theirs


def test_a_line_written_while_the_history_is_read_is_in_neither_the_count_nor_the_lines(
        two_windows):
    mine, theirs = two_windows
    mine.execute(CreateTarget(HEATING))
    target = mine.find_target(HEATING.name)
    lines_before = len(mine.audit(target.id))

    def someone_edits_meanwhile(statement: str) -> None:
        # Once the count has been read, just as the lines are about to be.
        if statement.lstrip().startswith("SELECT id, at, who"):
            mine.repo.conn.set_trace_callback(None)
            now = theirs.target(target.id)
            theirs.execute(UpdateTarget(target.id, {"note": "另一处的修改"}, now.version))

    mine.repo.conn.set_trace_callback(someone_edits_meanwhile)
    count, lines = mine.audit_page(target.id, 500)
    assert count == len(lines) == lines_before
    count, lines = mine.audit_page(target.id, 500)  # read again: the edit is in both
    assert count == len(lines) == lines_before + 1 and lines[0].new_value == "另一处的修改"


def test_the_page_holds_the_newest_lines_and_the_count_all_of_them(two_windows):
    mine, _ = two_windows
    mine.execute(CreateTarget(HEATING))
    target = mine.find_target(HEATING.name)
    for n in range(5):
        now = mine.target(target.id)
        mine.execute(UpdateTarget(target.id, {"note": f"第{n}次"}, now.version))
    count, lines = mine.audit_page(target.id, 2)
    assert count == len(mine.audit(target.id)) and len(lines) == 2
    assert [line.new_value for line in lines] == ["第4次", "第3次"]
