"""All reads and writes of targets, measurements and the audit trail.

Every write checks the row's version (a stale write is refused as a conflict, never
silently applied) and writes its audit rows in the same transaction as the change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import itemgetter

from sqlite_utils import Database

from tracker.domain import (
    MEASUREMENT_FIELDS,
    TARGET_FIELDS,
    ConflictError,
    FigureSeries,
    Measurement,
    NotFoundError,
    Target,
)
from tracker.messages import text
from tracker.storage.audit import change_mark
from tracker.storage.bulk import BulkTransfer
from tracker.storage.checkpoints import BackgroundCheckpoints
from tracker.storage.connection import one_snapshot
from tracker.storage.refusals import conflict_message, integrity_error
from tracker.storage.rows import (
    LATEST_COLUMNS,
    LATEST_KEY_COLUMNS,
    MEASUREMENT_COLUMNS,
    TARGET_COLUMNS,
    Latest,
    audit_text,
    latest_from_row,
    measurement_from_row,
    measurement_values,
    target_from_row,
    target_values,
    to_sql,
)
from tracker.storage.stored_figures import StoredFigures


def utc_now() -> str:
    """The time stamp written on rows and audit lines (UTC, ISO 8601, to the microsecond)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Repository(BulkTransfer, StoredFigures):
    """SQL for one open database. ``who`` is written on every audit row.

    The bulk methods used by imports and exports come from BulkTransfer (storage/bulk.py),
    an import's questions about the figures stored already from StoredFigures.
    """

    def __init__(self, db: Database, who: str) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.who = who
        self._depth = 0
        self.checkpoints = BackgroundCheckpoints(self.conn)

    def close(self) -> None:
        """Close the connection, once the background checkpoint (if any) is through."""
        try:
            self.checkpoints.close()
        finally:
            self.conn.close()

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing transaction; nested calls become savepoints.

        BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock
        upgrading a read lock, and the busy timeout applies.
        """
        if self._depth:
            name = f"sp{self._depth}"
            self.conn.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            else:
                self.conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        changes = self.conn.total_changes
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                with self.checkpoints.committing(changes):
                    self.conn.execute("COMMIT")
            except BaseException:
                # A COMMIT refused (disk full, an I/O error) leaves the transaction open:
                # nothing was written, and the next edit must not find it still there.
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        finally:
            self._depth = 0

    def data_version(self) -> int:
        """Changes whenever another connection commits to the file (PRAGMA data_version)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def change_mark(self) -> int:
        """The newest audit id: grows with every change, from any process."""
        return change_mark(self.conn)

    # -- targets -----------------------------------------------------------------------

    def targets(self) -> list[Target]:
        """Every target, ordered by category then id."""
        sql = f"SELECT {TARGET_COLUMNS} FROM targets ORDER BY category, id"
        return [target_from_row(r) for r in self.conn.execute(sql)]

    def target(self, target_id: int) -> Target:
        """The target with this id, or NotFoundError."""
        row = self.conn.execute(
            f"SELECT {TARGET_COLUMNS} FROM targets WHERE id = ?", [target_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(text(f"指标 {target_id} 不存在。", f"No target {target_id}."))
        return target_from_row(row)

    def target_by_name(self, name: str) -> Target | None:
        """The target with exactly this name (surrounding spaces ignored), if any."""
        row = self.conn.execute(
            f"SELECT {TARGET_COLUMNS} FROM targets WHERE name = ?", [name.strip()]
        ).fetchone()
        return target_from_row(row) if row else None

    def insert_target(self, target: Target, source: str, *, restore: bool = False) -> Target:
        """Insert ``target`` (with its own id when restoring) and audit it."""
        now = utc_now()
        values = target_values(target)
        cols = ["id", *values, "version", "updated_at"]
        params = [target.id if restore else None, *values.values(),
                  target.version if restore else 1, now]
        try:
            cur = self.conn.execute(
                f"INSERT INTO targets ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                params,
            )
        except sqlite3.IntegrityError as exc:
            raise integrity_error(exc) from exc
        new = self.target(cur.lastrowid)  # type: ignore[arg-type]
        self._audit("targets", new.id, new.id, "restore" if restore else "insert", "",
                    None, json.dumps(values, ensure_ascii=False), source, now)
        return new

    def update_target(
        self, target_id: int, changes: Mapping[str, object], expected_version: int, source: str,
        set_version: int | None = None,
    ) -> tuple[Target, Target]:
        """Apply ``changes`` if the row is still at ``expected_version``; return (old, new).

        The version goes up by one, or to ``set_version`` when an undo puts a row back
        exactly as it was (see commands.UpdateTarget).
        """
        unknown = set(changes) - set(TARGET_FIELDS)
        if unknown:
            raise ValueError(f"not target fields: {sorted(unknown)}")
        old = self._current_target(target_id, expected_version)
        return old, self._update("targets", target_id, target_id, old, changes, source,
                                 set_version)

    def delete_target(
        self, target_id: int, expected_version: int, source: str
    ) -> tuple[Target, list[Measurement]]:
        """Delete a target and its measurements; return them so the deletion can be undone."""
        old = self._current_target(target_id, expected_version)
        measurements = self.measurements(target_id)
        now = utc_now()
        for m in measurements:
            self._audit("measurements", m.id, target_id, "delete", "",
                        json.dumps(measurement_values(m), ensure_ascii=False), None, source, now)
        self.conn.execute("DELETE FROM targets WHERE id = ?", [target_id])
        self._audit("targets", target_id, target_id, "delete", "",
                    json.dumps(target_values(old), ensure_ascii=False), None, source, now)
        return old, measurements

    def _current_target(self, target_id: int, expected_version: int) -> Target:
        row = self.conn.execute(
            f"SELECT {TARGET_COLUMNS} FROM targets WHERE id = ?", [target_id]
        ).fetchone()
        current = target_from_row(row) if row else None
        if current is None or current.version != expected_version:
            raise ConflictError(conflict_message(current), current)
        return current

    # -- measurements ------------------------------------------------------------------

    def measurements(self, target_id: int) -> list[Measurement]:
        """A target's measurements, oldest first."""
        sql = f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE target_id = ? ORDER BY as_of"
        return [measurement_from_row(r) for r in self.conn.execute(sql, [target_id])]

    def figure_series(self, target_id: int) -> FigureSeries:
        """A target's figures for a chart, oldest first, by column: each date's Julian day
        number, the values, the notes. No Measurement per figure: a history of 100,000
        daily figures reads in a fraction of the time."""
        rows = self.conn.execute("SELECT julianday(as_of), value, note FROM measurements "
                                 "WHERE target_id = ? ORDER BY as_of", [target_id]).fetchall()
        return FigureSeries(*(list(map(itemgetter(i), rows)) for i in range(3)))

    def measurement_dates(self, ids: Sequence[int]) -> dict[int, str]:
        """The as-of date (ISO) of each of these figures that still exists, in one query."""
        rows = self.conn.execute("SELECT id, as_of FROM measurements WHERE id IN "
                                 "(SELECT value FROM json_each(?))", [json.dumps(list(ids))])
        return dict(rows.fetchall())

    def newest_measurements(self, target_id: int, limit: int,
                            older_than: date | None = None) -> list[Measurement]:
        """Up to ``limit`` of a target's figures, newest first, all older than ``older_than``
        when given: a page of a long history, read by the index on (target_id, as_of)."""
        older = [] if older_than is None else [older_than.isoformat()]
        sql = (f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE target_id = ?"
               f"{' AND as_of < ?' if older else ''} ORDER BY as_of DESC LIMIT ?")
        return [measurement_from_row(r)
                for r in self.conn.execute(sql, [target_id, *older, limit])]

    def measurements_since(self, target_id: int, since: date,
                           limit: int = -1) -> list[Measurement]:
        """A target's figures as of ``since`` or later, newest first (``limit`` at most)."""
        sql = (f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE target_id = ? "
               "AND as_of >= ? ORDER BY as_of DESC LIMIT ?")
        return [measurement_from_row(r)
                for r in self.conn.execute(sql, [target_id, since.isoformat(), limit])]

    def latest_measurement(self, target_id: int) -> Measurement | None:
        """A target's newest figure: one index seek, however many figures it has."""
        row = self.conn.execute(f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE "
                                "target_id = ? ORDER BY as_of DESC LIMIT 1", [target_id]).fetchone()
        return measurement_from_row(row) if row else None

    def measurement(self, measurement_id: int) -> Measurement:
        """The measurement with this id, or NotFoundError."""
        row = self.conn.execute(
            f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE id = ?", [measurement_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(text(f"数据 {measurement_id} 不存在。",
                                     f"No measurement {measurement_id}."))
        return measurement_from_row(row)

    def insert_measurement(
        self, m: Measurement, source: str, *, restore: bool = False
    ) -> Measurement:
        """Insert a measurement (with its own id when restoring) and audit it."""
        now = utc_now()
        values = measurement_values(m)
        cols = ["id", *values, "version", "updated_at"]
        params = [m.id if restore else None, *values.values(), m.version if restore else 1, now]
        try:
            cur = self.conn.execute(
                f"INSERT INTO measurements ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                params,
            )
        except sqlite3.IntegrityError as exc:
            raise integrity_error(exc) from exc
        new = self.measurement(cur.lastrowid)  # type: ignore[arg-type]
        self._audit("measurements", new.id, m.target_id, "restore" if restore else "insert", "",
                    None, json.dumps(values, ensure_ascii=False), source, now)
        return new

    def update_measurement(
        self, measurement_id: int, changes: Mapping[str, object], expected_version: int,
        source: str, set_version: int | None = None,
    ) -> tuple[Measurement, Measurement]:
        """Apply ``changes`` if the row is still at ``expected_version``; return (old, new).

        The version rules are update_target's.
        """
        unknown = set(changes) - set(MEASUREMENT_FIELDS)
        if unknown:
            raise ValueError(f"not measurement fields: {sorted(unknown)}")
        old = self._current_measurement(measurement_id, expected_version)
        new = self._update("measurements", measurement_id, old.target_id, old, changes, source,
                           set_version)
        return old, new

    def delete_measurement(
        self, measurement_id: int, expected_version: int, source: str
    ) -> Measurement:
        """Delete a measurement; return it so the deletion can be undone."""
        old = self._current_measurement(measurement_id, expected_version)
        self.conn.execute("DELETE FROM measurements WHERE id = ?", [measurement_id])
        self._audit("measurements", measurement_id, old.target_id, "delete", "",
                    json.dumps(measurement_values(old), ensure_ascii=False), None, source,
                    utc_now())
        return old

    def _current_measurement(self, measurement_id: int, expected_version: int) -> Measurement:
        row = self.conn.execute(
            f"SELECT {MEASUREMENT_COLUMNS} FROM measurements WHERE id = ?", [measurement_id]
        ).fetchone()
        current = measurement_from_row(row) if row else None
        if current is None or current.version != expected_version:
            raise ConflictError(conflict_message(current), current)
        return current

    # -- shared ------------------------------------------------------------------------

    def _update(self, table: str, row_id: int, target_id: int, old: object,
                changes: Mapping[str, object], source: str, set_version: int | None) -> object:
        changed = {f: v for f, v in changes.items() if to_sql(getattr(old, f)) != to_sql(v)}
        if not changed:
            return old
        now = utc_now()
        sets = ", ".join(f"{f} = ?" for f in changed)
        try:
            self.conn.execute(
                f"UPDATE {table} SET {sets}, version = coalesce(?, version + 1), updated_at = ? "
                "WHERE id = ?",
                [*(to_sql(v) for v in changed.values()), set_version, now, row_id],
            )
        except sqlite3.IntegrityError as exc:
            raise integrity_error(exc) from exc
        for f, v in changed.items():
            self._audit(table, row_id, target_id, "update", f, audit_text(getattr(old, f)),
                        audit_text(v), source, now)
        return self.target(row_id) if table == "targets" else self.measurement(row_id)

    def latest_rows(
        self, reuse: dict[int, Latest] | None = None
    ) -> Iterator[tuple[Target, Measurement | None]]:
        """Every target with its latest measurement, by id.

        The latest figure is found by one index seek per target on (target_id, as_of),
        not by grouping all measurements: 10,000 targets with a million figures take
        milliseconds. This feeds the table, the charts and the CLI.

        ``reuse`` is the caller's memory of the last read (target id to LatestKey, Target,
        Measurement), updated here. When it holds rows, a first query reads only every row's
        key and a second reads in full only the rows whose key changed (every write changes
        a version and a time stamp), both in one read transaction; unchanged rows come back
        as the very same objects. Without it, or empty, one query reads every column.
        """
        sql = """
            SELECT {columns}
            FROM targets t
            LEFT JOIN measurements m ON m.id = (
                SELECT id FROM measurements
                WHERE target_id = t.id ORDER BY as_of DESC LIMIT 1
            )
            {where}
            ORDER BY t.id
        """
        if not reuse:
            rows = [latest_from_row(r) for r in
                    self.conn.execute(sql.format(columns=LATEST_COLUMNS, where=""))]
            if reuse is not None:
                reuse.update((latest[1].id, latest) for latest in rows)  # type: ignore[misc]
            return ((target, m) for _, target, m in rows)
        with one_snapshot(self.conn):  # both reads see one state of the file
            keys = self.conn.execute(sql.format(columns=LATEST_KEY_COLUMNS, where="")).fetchall()
            stale = [k[0] for k in keys if (known := reuse.get(k[0])) is None or known[0] != k[1:]]
            if stale:
                where = "WHERE t.id IN (SELECT value FROM json_each(?))"
                for r in self.conn.execute(sql.format(columns=LATEST_COLUMNS, where=where),
                                           [json.dumps(stale)]):
                    latest = latest_from_row(r)
                    reuse[r[0]] = latest
        if len(reuse) != len(keys):
            present = {k[0] for k in keys}
            for gone in [i for i in reuse if i not in present]:
                del reuse[gone]
        return ((reuse[k[0]][1], reuse[k[0]][2]) for k in keys)
