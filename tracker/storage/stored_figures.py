"""What an import planner asks of the figures stored already: which of a file's figures the
database holds, and whether they are the same.

Mixed into Repository; it relies on ``self.conn``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import NamedTuple

#: The most figures compared in one statement (six bound values each), well within
#: SQLite's limit of 32,766 bound values.
COMPARED_PER_STATEMENT = 5_000


#: Whether a stored figure m is given again unchanged in f (NULL when m is not stored).
_SAME = ("(m.value = f.column3 AND (f.column4 = '' OR f.column4 = m.note) "
         "AND (f.column5 = '' OR f.column5 = m.source))")


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

    def figures_at(
        self, target_ids: Sequence[int], dates: Sequence[str]
    ) -> dict[tuple[int, str], tuple[int, float, str, str, int]]:
        """The stored figures at these (target id, as_of) pairs, as measurement_index gives
        them: for a few figures of many targets, without reading all their figures."""
        found: dict[tuple[int, str], tuple[int, float, str, str, int]] = {}
        for rows, flat in _values_lists((target_ids, dates)):
            stored = self.conn.execute(
                "SELECT m.target_id, m.as_of, m.id, m.value, m.note, m.source, m.version "
                f"FROM ({rows}) AS f "
                "JOIN measurements m ON m.target_id = f.column1 AND m.as_of = f.column2", flat)
            found.update(((t, d), (i, v, n, s, ver)) for t, d, i, v, n, s, ver in stored)
        return found

    def figures_compared(self, target_ids: Sequence[int], dates: Sequence[str],
                         values: Sequence[float], notes: Sequence[str],
                         sources: Sequence[str]) -> Compared:
        """Which of these figures (columns of equal length) the database holds for the same
        target and date, and which of those are unchanged: the same value, and a note and a
        source that are blank (missing, not an instruction to clear) or the same.

        Decided in SQLite, through the unique index, with the values bound as they are (so
        compared exactly): a file of a million figures stored already is checked without
        reading a million stored rows into Python (1 s instead of 2).
        """
        total = len(target_ids)
        if any(len(c) != total for c in (dates, values, notes, sources)):
            raise ValueError("columns of equal length are needed")
        stored = unchanged = 0
        new: list[int] = []
        changed: list[int] = []
        # The sixth column is each figure's place, which the answer names.
        for rows, flat in _values_lists((target_ids, dates, values, notes, sources,
                                         range(total))):
            sql = (f"SELECT count(m.id), coalesce(sum({_SAME}), 0), "
                   "group_concat(CASE WHEN m.id IS NULL THEN f.column6 END), "
                   f"group_concat(CASE WHEN m.id IS NOT NULL AND NOT {_SAME} THEN f.column6 END) "
                   f"FROM ({rows}) AS f LEFT JOIN measurements m "
                   "ON m.target_id = f.column1 AND m.as_of = f.column2")
            found, same, missing, different = self.conn.execute(sql, flat).fetchone()
            stored += found
            unchanged += same
            for places, text in ((new, missing), (changed, different)):
                if text:
                    places.extend(map(int, text.split(",")))
        return Compared(stored, unchanged, sorted(new), sorted(changed))


def _values_lists(columns: Sequence[Sequence[object]]) -> Iterator[tuple[str, list[object]]]:
    """A VALUES list of at most COMPARED_PER_STATEMENT rows of the columns (of equal length)
    and its parameters, row after row, for each stretch of them in turn."""
    width, total = len(columns), len(columns[0])
    for start in range(0, total, COMPARED_PER_STATEMENT):
        stop = min(start + COMPARED_PER_STATEMENT, total)
        flat: list[object] = [None] * (width * (stop - start))
        for offset, column in enumerate(columns):
            flat[offset::width] = column[start:stop]
        row = f"({', '.join(['?'] * width)})"
        yield f"VALUES {', '.join([row] * (stop - start))}", flat


class Compared(NamedTuple):
    """What figures_compared found."""

    stored: int  #: figures the database holds for the same target and date
    unchanged: int  #: of those, how many are the same
    new: list[int]  #: the places (in the columns given) of the figures it does not hold
    changed: list[int]  #: the places of those it holds with another value, note or source
