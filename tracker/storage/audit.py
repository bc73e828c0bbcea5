"""The audit trail: one line per change, written in the change's own transaction.

A line names a row of a table (``row_id``) and, for the figures an import added, a range of
them: the figures of ``target_id`` whose ids lie in ``row_id..last_row_id``. Such a grouped
line holds what the import did (how many figures, their first and last date, the file and
its rows), not a copy of each figure: the figures are in their table, and any later change
to one of them is audited on its own line with its old value, so the history stays whole.
Undoing the import writes one 'delete' line per target holding the figures it removed;
redoing it puts them back from those lines and writes one 'restore' line per target.

Mixed into Repository; it relies on ``self.conn`` and ``self.who``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import ne

from tracker.storage.connection import one_snapshot

#: A figure as stored, for a restore: (id, target_id, as_of, value, note, source, version,
#: updated_at).
StoredFigure = tuple[int, int, str, float, str, str, int, str]
_INSERT = ("INSERT INTO audit (at, who, table_name, row_id, target_id, action, field, "
           "old_value, new_value, source, last_row_id) ")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit trail: who changed which field of which row, from what to what.

    ``last_row_id`` is set on a line about several figures of one target (see the module).
    """

    id: int
    at: str
    who: str
    table_name: str
    row_id: int
    target_id: int | None
    action: str
    field: str
    old_value: str | None
    new_value: str | None
    source: str
    last_row_id: int | None = None

    @property
    def figure_count(self) -> int:
        """How many figures a grouped line covers (1 for a line about one row)."""
        if self.last_row_id is None:
            return 1
        try:
            return int(json.loads(self.new_value or self.old_value or "{}")["count"])
        except (ValueError, KeyError, TypeError):
            return self.last_row_id - self.row_id + 1


@dataclass(slots=True)
class FigureGroup:
    """The figures of one target among those a bulk insert added, by id and row."""

    first_id: int
    last_id: int
    count: int
    first_as_of: str
    last_as_of: str


class AuditTrail:
    """Repository methods that write and read the audit trail."""

    conn: sqlite3.Connection
    who: str
    _has_last_row_id: bool | None = None

    def _audit(self, table: str, row_id: int | None, target_id: int | None, action: str,
               field: str, old: str | None, new: str | None, source: str, at: str) -> None:
        self.conn.execute(
            "INSERT INTO audit (at, who, table_name, row_id, target_id, action, field, "
            "old_value, new_value, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [at, self.who, table, row_id, target_id, action, field, old, new, source],
        )

    def _audit_figure_groups(self, groups: dict[int, FigureGroup], first_id: int,
                             lines: Sequence[int], source: tuple[str, str, str],
                             at: str) -> None:
        """One 'insert' line per target for the figures a bulk insert added.

        ``lines[i]`` is the file row of the figure with id ``first_id + i``; ``source`` is
        (text before one row number, before a range of them, after either): the line says
        "导入 figures.csv 第2–101行" for a target whose figures came from rows 2 to 101.
        """
        one, many, after = source
        rows = []
        for target_id, g in groups.items():
            first, last = lines[g.first_id - first_id], lines[g.last_id - first_id]
            where = f"{one}{first}{after}" if g.count == 1 else f"{many}{first}–{last}{after}"
            summary = json.dumps({"count": g.count, "from": g.first_as_of,
                                  "to": g.last_as_of})
            rows.append((at, self.who, g.first_id, target_id, summary, where, g.last_id))
        self.conn.executemany(
            _INSERT + "VALUES (?, ?, 'measurements', ?, ?, 'insert', '', NULL, ?, ?, ?)", rows)

    def _audit_removed_groups(self, rows: Sequence[StoredFigure], source: str,
                              at: str) -> None:
        """One 'delete' line per target for figures a bulk delete removed (undoing an
        import). The figures themselves go into the line (they are gone from their table),
        each as [id, as_of, value, note, source, version, updated_at]."""
        self._audit_stored_groups("delete", rows, source, at, keep_figures=True)

    def _audit_restored_groups(self, rows: Sequence[StoredFigure], source: str,
                               at: str) -> None:
        """One 'restore' line per target for figures put back as they were (redoing an
        import): their count and dates; their values are those the 'delete' line kept."""
        self._audit_stored_groups("restore", rows, source, at, keep_figures=False)

    def _audit_stored_groups(self, action: str, rows: Sequence[StoredFigure], source: str,
                             at: str, *, keep_figures: bool) -> None:
        lines = []
        for target_id, figures in _by_target(rows).items():
            dates = [f[2] for f in figures]
            what: dict[str, object] = {"count": len(figures), "from": min(dates),
                                       "to": max(dates)}
            if keep_figures:
                what["columns"] = ["id", "as_of", "value", "note", "source", "version",
                                   "updated_at"]
                what["figures"] = [(f[0], *f[2:]) for f in figures]
            text = json.dumps(what, ensure_ascii=False)
            old, new = (text, None) if keep_figures else (None, text)
            lines.append((at, self.who, figures[0][0], target_id, action, old, new, source,
                          figures[-1][0]))
        self.conn.executemany(
            _INSERT + "VALUES (?, ?, 'measurements', ?, ?, ?, '', ?, ?, ?, ?)", lines)

    def audit_for_target(self, target_id: int, limit: int = -1,
                         before_id: int | None = None) -> list[AuditEntry]:
        """The audit trail of a target and its measurements, newest first: all of it, or
        ``limit`` lines older than the line ``before_id`` (a page of a long history)."""
        older = "" if before_id is None else " AND id < ?"
        rows = self.conn.execute(
            "SELECT id, at, who, table_name, row_id, target_id, action, field, old_value, "
            f"new_value, source, {self._last_row_id()} FROM audit WHERE target_id = ?{older} "
            "ORDER BY id DESC LIMIT ?",
            [target_id, *([] if before_id is None else [before_id]), limit],
        )
        return [AuditEntry(*r) for r in rows]

    def audit_page(self, target_id: int, limit: int) -> tuple[int, list[AuditEntry]]:
        """How many lines a target's audit trail has, and its newest ``limit`` lines, read
        in one snapshot (a line written in between is in both or in neither)."""
        with one_snapshot(self.conn):
            count = self.conn.execute("SELECT count(*) FROM audit WHERE target_id = ?",
                                      [target_id]).fetchone()[0]
            return count, self.audit_for_target(target_id, limit)

    def _last_row_id(self, table: str = "audit") -> str:
        """The last_row_id column, or NULL in a file opened read-only from before it was
        added (migration 0002): such a file has no grouped lines. Asked once: an open
        file's schema only changes by migrating, which happens before any read."""
        if self._has_last_row_id is None:
            columns = {r[1] for r in self.conn.execute("PRAGMA table_info(audit)")}
            self._has_last_row_id = "last_row_id" in columns
        return f"{table}.last_row_id" if self._has_last_row_id else "NULL"


def change_mark(conn: sqlite3.Connection) -> int:
    """The newest audit id: grows with every change, from any process (audit lines cannot
    be deleted)."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0]


def _runs(target_ids: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each run of equal ids: a file sorted by target (as exports are)
    gives ten thousand runs for a million figures, so work per run is cheap."""
    if not target_ids:
        return []
    starts = [0, *compress(range(1, len(target_ids)), map(ne, target_ids[1:], target_ids))]
    return list(zip(starts, [*starts[1:], len(target_ids)], strict=True))


def _by_target(rows: Sequence[StoredFigure]) -> dict[int, list[StoredFigure]]:
    """Stored figures (ordered by id) by target, each target's in id order."""
    groups: dict[int, list[StoredFigure]] = {}
    for start, end in _runs([r[1] for r in rows]):
        groups.setdefault(rows[start][1], []).extend(rows[start:end])
    return groups


def group_figures(groups: dict[int, FigureGroup], first_id: int, target_ids: list[int],
                  dates: list[str]) -> None:
    """Add figures ``first_id, first_id + 1, ...`` of ``target_ids`` on ``dates`` to
    ``groups`` (by target), a run of one target at a time."""
    for start, end in _runs(target_ids):
        target_id, run = target_ids[start], dates[start:end]
        low, high = min(run), max(run)
        group = groups.get(target_id)
        if group is None:
            groups[target_id] = FigureGroup(first_id + start, first_id + end - 1, end - start,
                                            low, high)
        else:
            group.last_id = first_id + end - 1
            group.count += end - start
            group.first_as_of = min(group.first_as_of, low)
            group.last_as_of = max(group.last_as_of, high)
