"""What an import planner asks of the figures stored already: which of a file's figures the
database holds, and whether they are the same.

Mixed into Repository; it relies on ``self.conn``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

#: The most figures compared in one statement (five bound values each), well within
#: SQLite's limit of 32,766 bound values.
COMPARED_PER_STATEMENT = 6_000


class StoredFigures:
    """Repository methods an import uses to compare a file with the database."""

    conn: sqlite3.Connection

    def measurement_index(
        self, target_ids: Sequence[int]
    ) -> dict[tuple[int, str], tuple[int, float, str, str, int]]:
        """Existing figures of these targets: (target_id, as_of) -> (id, value, note, source,
        version), so an import can tell new, changed and unchanged figures apart."""
        rows = self.conn.execute(
            "SELECT target_id, as_of, id, value, note, source, version FROM measurements "
            "WHERE target_id IN (SELECT value FROM json_each(?))",
            [json.dumps([int(i) for i in target_ids])])
        return {(t, d): (i, v, n, s, ver) for t, d, i, v, n, s, ver in rows}

    def figures_compared(self, target_ids: Sequence[int], dates: Sequence[str],
                         values: Sequence[float], notes: Sequence[str],
                         sources: Sequence[str]) -> tuple[int, int]:
        """How many of these figures (columns of equal length) the database holds for the
        same target and date, and how many of those are unchanged: the same value, and a
        note and a source that are blank (missing, not an instruction to clear) or the same.

        Decided in SQLite, through the unique index, with the values bound as they are (so
        compared exactly): a file of a million figures stored already is checked without
        reading a million stored rows into Python (1 s instead of 2).
        """
        total = len(target_ids)
        if any(len(c) != total for c in (dates, values, notes, sources)):
            raise ValueError("columns of equal length are needed")
        stored = unchanged = 0
        for start in range(0, total, COMPARED_PER_STATEMENT):
            stop = min(start + COMPARED_PER_STATEMENT, total)
            flat: list[object] = [None] * (5 * (stop - start))
            for offset, column in enumerate((target_ids, dates, values, notes, sources)):
                flat[offset::5] = column[start:stop]
            sql = ("SELECT count(*), coalesce(sum(m.value = f.column3 "
                   "AND (f.column4 = '' OR f.column4 = m.note) "
                   "AND (f.column5 = '' OR f.column5 = m.source)), 0) "
                   f"FROM (VALUES {', '.join(['(?, ?, ?, ?, ?)'] * (stop - start))}) AS f "
                   "JOIN measurements m ON m.target_id = f.column1 AND m.as_of = f.column2")
            found, same = self.conn.execute(sql, flat).fetchone()
            stored += found
            unchanged += same
        return stored, unchanged
