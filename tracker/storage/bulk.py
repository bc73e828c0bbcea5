"""Bulk reads and writes for exports and imports: one statement per batch, never one per row.

A million figures cannot go through ``insert_measurement`` one by one (each reads its row
back and writes its own audit line). These methods keep the same promises in bulk: every
write is audited in the same transaction (with one ``INSERT … SELECT``), ids of imported rows
are contiguous so an import is undone by exactly the ids it added, a bulk delete refuses
(ConflictError) when someone changed those rows since, and its redo reads the figures back
from the audit lines the delete wrote.

Mixed into Repository; it relies on ``self.conn`` and ``self.who``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain

from tracker.domain import ConflictError
from tracker.messages import text
from tracker.storage import column_checks
from tracker.storage.audit import AuditTrail, FigureGroup, change_mark, group_figures
from tracker.storage.refusals import bulk_integrity_error

BATCH = 50_000
ROWS_PER_STATEMENT = 50
_STAMP = re.compile(r"[0-9T:.+\-]+")
FORMAT_REAL = "tracker_format_real"
#: What makes csv.writer quote a cell.
QUOTED = ',"\n\r'
#: (name, unit, as_of, value, note, source) of each exported figure.
MeasurementExportRow = tuple[str, str, str, float, str, str]
#: The figures to insert, by column: target ids, as-of dates, values, notes, sources.
NewMeasurementColumns = tuple[Sequence[int], Sequence[str], Sequence[float], Sequence[str],
                              Sequence[str]]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _ids_json(target_ids: Sequence[int] | None) -> str | None:
    return None if target_ids is None else json.dumps([int(i) for i in target_ids])


class BulkTransfer(AuditTrail):
    """Repository methods for exports and imports of many rows (see the module docstring)."""

    conn: sqlite3.Connection
    who: str

    # -- reading for export --------------------------------------------------------------

    def count_measurements(self, target_ids: Sequence[int] | None = None) -> int:
        """How many figures the targets (all when None) have."""
        if target_ids is None:
            return self.conn.execute("SELECT count(*) FROM measurements").fetchone()[0]
        return self.conn.execute(
            "SELECT count(*) FROM measurements WHERE target_id IN "
            "(SELECT value FROM json_each(?))", [_ids_json(target_ids)]).fetchone()[0]

    def iter_measurement_rows(
        self, target_ids: Sequence[int] | None = None
    ) -> Iterator[MeasurementExportRow]:
        """(name, unit, as_of, value, note, source) of every figure, in one query.

        Ordered by target then date: by target id, or in the order of ``target_ids``.
        """
        columns = "t.name, t.unit, m.as_of, m.value, m.note, m.source"
        if target_ids is None:
            sql = (f"SELECT {columns} FROM targets t JOIN measurements m ON m.target_id = t.id "
                   "ORDER BY t.id, m.as_of")
            yield from self.conn.execute(sql)
            return
        sql = (f"SELECT {columns} FROM json_each(?) j JOIN targets t ON t.id = j.value "
               "JOIN measurements m ON m.target_id = t.id ORDER BY j.key, m.as_of")
        yield from self.conn.execute(sql, [_ids_json(target_ids)])

    def measurement_csv_chunks(
        self, target_ids: Sequence[int] | None, *, formula_starts: str,
        format_real: Callable[[float], str],
    ) -> Iterator[tuple[int, bytes]]:
        """The CSV lines of every figure, one (row count, UTF-8 text) chunk per target.

        The same rows, order and cell text as writing ``iter_measurement_rows`` with
        csv_writer.write_csv (a test holds them equal), but SQLite builds the text: a million
        rows then cost no Python per row. Each line *starts* with CRLF, so the caller writes
        the header without one and a final CRLF after the last chunk. Text starting with a
        character of ``formula_starts`` gets a leading ' (formula injection); ``format_real``
        writes the rare numbers SQLite cannot write exactly (tiny, huge, 16-17 digits).
        """
        self.conn.create_function(FORMAT_REAL, 1, format_real, deterministic=True)
        starts = formula_starts
        line = (f"t.prefix || m.as_of || ',' || {_csv_number('m.value')} || ',' || "
                f"{_csv_text('m.note', starts)} || ',' || {_csv_text('m.source', starts)}")
        prefix = (f"char(13, 10) || {_csv_text('name', starts)} || ',' || "
                  f"{_csv_text('unit', starts)} || ','")
        # One pass per target gives "<count>\x1f<lines>": the count comes for free. As a
        # BLOB, its UTF-8 goes to the file as it is, not decoded into Python and back (a
        # file in another of SQLite's encodings gives text, encoded here).
        utf8 = self.conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
        chunk = (f"(SELECT {'CAST(' if utf8 else ''}count(*) || char(31) || "
                 f"coalesce(group_concat(line, ''), ''){' AS BLOB)' if utf8 else ''} FROM "
                 f"(SELECT {line} AS line FROM measurements m WHERE m.target_id = t.id "
                 "ORDER BY m.as_of))")
        # MATERIALIZED: the prefix is built once per target, not once per figure.
        if target_ids is None:
            sql = (f"WITH t AS MATERIALIZED (SELECT id, {prefix} AS prefix FROM targets) "
                   f"SELECT {chunk} FROM t ORDER BY t.id")
            cursor = self.conn.execute(sql)
        else:
            sql = (f"WITH t AS MATERIALIZED (SELECT j.key AS position, targets.id, "
                   f"{prefix} AS prefix FROM json_each(?) j JOIN targets ON targets.id = j.value)"
                   f" SELECT {chunk} FROM t ORDER BY t.position")
            cursor = self.conn.execute(sql, [_ids_json(target_ids)])
        for (counted,) in cursor:
            n, _, chunk_text = (counted if utf8 else counted.encode("utf-8")).partition(b"\x1f")
            if n != b"0":
                yield int(n), chunk_text

    def count_audit(self, target_ids: Sequence[int] | None = None) -> int:
        """How many audit lines concern the targets (all lines when None)."""
        if target_ids is None:
            return self.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
        return self.conn.execute(
            "SELECT count(*) FROM audit WHERE target_id IN (SELECT value FROM json_each(?))",
            [_ids_json(target_ids)]).fetchone()[0]

    def iter_audit_rows(
        self, target_ids: Sequence[int] | None = None
    ) -> Iterator[tuple[int, str, str, str, str, int, int | None, str, str, str | None,
                        str | None, str]]:
        """(id, at, who, target name, table, row id, last row id, action, field, old, new,
        source), oldest first. The name of a deleted target comes from the audit line of
        its deletion."""
        deleted_name = (
            "(SELECT json_extract(d.old_value, '$.name') FROM audit d "
            "WHERE d.table_name = 'targets' AND d.row_id = a.target_id AND d.action = 'delete' "
            "AND json_valid(d.old_value) ORDER BY d.id DESC LIMIT 1)")
        where = "" if target_ids is None else \
            "WHERE a.target_id IN (SELECT value FROM json_each(?))"
        sql = (f"SELECT a.id, a.at, a.who, coalesce(t.name, {deleted_name}, ''), a.table_name, "
               f"a.row_id, {self._last_row_id('a')}, a.action, a.field, a.old_value, "
               "a.new_value, a.source "
               f"FROM audit a LEFT JOIN targets t ON t.id = a.target_id {where} ORDER BY a.id")
        params = [] if target_ids is None else [_ids_json(target_ids)]
        yield from self.conn.execute(sql, params)

    # -- writing -------------------------------------------------------------------------

    def insert_measurements_bulk(
        self, columns: NewMeasurementColumns, lines: Sequence[int],
        source: tuple[str, str, str], progress: Callable[[int], None] | None = None,
    ) -> tuple[int, int]:
        """Insert figures given by column (target ids, as-of dates, values, notes, sources)
        and audit them per target.

        ``lines[i]`` is the file row of figure ``i``; ``source`` words the audit lines (see
        AuditTrail._audit_figure_groups). Returns the (first, last) ids, which are
        contiguous. ``progress(done)`` is called after each batch and may raise to abandon
        the work (the caller's transaction then rolls back). Call inside a transaction.
        """
        total = len(lines)
        if any(len(c) != total for c in columns):
            raise ValueError("one line number per figure is needed")
        if not total:
            return 0, -1
        now = _now()
        if not _STAMP.fullmatch(now):  # it is inlined below: binding it per row costs
            raise ValueError(now)
        first = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM measurements").fetchone()[0]
        sql = ("INSERT INTO measurements (target_id, as_of, value, note, source, version, "
               "updated_at) VALUES ")
        groups: dict[int, FigureGroup] = {}
        # Rows whose dates and values pass the CHECKs (decided for each batch a column at a
        # time, just before it goes in) are not tested again row by row (see column_checks).
        known_table = column_checks.table_is_known(self.conn)
        try:
            for start in range(0, total, BATCH):
                stop = min(start + BATCH, total)
                batch = [column[start:stop] for column in columns]
                with self._row_checks_skipped(known_table, batch[1], batch[2]):
                    self._insert_rows(sql, batch, f", 1, '{now}'", repeating=(3, 4))
                group_figures(groups, first + start, columns[0][start:stop],
                              columns[1][start:stop])
                if progress is not None:
                    progress(stop)
        except sqlite3.IntegrityError as exc:
            raise bulk_integrity_error(exc) from exc
        last = first + total - 1
        if self.conn.execute("SELECT max(id) FROM measurements").fetchone()[0] != last:
            raise RuntimeError("imported figures did not get contiguous ids")
        self._audit_figure_groups(groups, first, lines, source, now)
        return first, last

    def delete_measurements_bulk(
        self, first_id: int, last_id: int, expected_count: int, expected_versions: int,
        source: str,
    ) -> tuple[int, int, frozenset[int]]:
        """Delete the figures with ids first..last, audited with one 'delete' line per target
        that keeps its figures; return the ids of the first and last of those lines (from
        which restore_measurements_bulk puts the figures back) and the targets touched.

        Refuses with ConflictError unless exactly ``expected_count`` rows are there with
        versions adding up to ``expected_versions`` (versions only grow, so any edit since
        shows). Call inside a transaction.
        """
        where = "FROM measurements m WHERE m.id BETWEEN ? AND ?"
        count, versions = self.conn.execute(
            f"SELECT count(*), coalesce(sum(m.version), 0) {where}", [first_id, last_id]
        ).fetchone()
        if (count, versions) != (expected_count, expected_versions):
            raise ConflictError(text(
                "导入的部分数据此后已被修改或删除，无法整体撤销；请逐条处理。",
                "Some imported figures were changed or deleted since the import, so it "
                "cannot be undone as a whole; edit them one by one."))
        rows = self.conn.execute(
            "SELECT m.id, m.target_id, m.as_of, m.value, m.note, m.source, m.version, "
            f"m.updated_at {where} ORDER BY m.id", [first_id, last_id]).fetchall()
        first_line = change_mark(self.conn) + 1
        self._audit_removed_groups(rows, source, _now())
        self.conn.execute("DELETE FROM measurements WHERE id BETWEEN ? AND ?",
                          [first_id, last_id])
        return first_line, change_mark(self.conn), frozenset(r[1] for r in rows)

    def restore_measurements_bulk(
        self, first_line: int, last_line: int, expected_count: int, source: str
    ) -> tuple[int, int, int, frozenset[int]]:
        """Put back the figures that delete_measurements_bulk removed, ids and versions as
        they were, read from the audit lines ``first_line..last_line`` it wrote (the trail
        cannot be changed, so what it says was removed is exactly what comes back, and
        nothing is held in memory meanwhile). Audited; returns the first and last ids, the
        sum of their versions and the targets touched. Call inside a transaction."""
        now = _now()
        count = versions = 0
        low, high, targets = None, None, set()
        known_table = column_checks.table_is_known(self.conn)
        try:
            for batch in self._kept_figures(first_line, last_line):
                flat = list(chain.from_iterable(batch))
                stored = [flat[i::8] for i in range(8)]  # by column
                ids = stored[0]
                low = min(ids) if low is None else min(low, min(ids))
                high = max(ids) if high is None else max(high, max(ids))
                count += len(batch)
                versions += sum(stored[6])
                targets.update(stored[1])
                with self._row_checks_skipped(known_table, stored[2], stored[3]):
                    self._insert_rows(
                        "INSERT INTO measurements (id, target_id, as_of, value, note, source, "
                        "version, updated_at) VALUES ", stored, repeating=(4, 5, 7))
                self._audit_restored_groups(batch, source, now)
        except sqlite3.IntegrityError as exc:
            raise ConflictError(text(
                "无法恢复导入的数据：其中一些日期或编号此后已被其他数据占用。",
                "The imported figures cannot be put back: some of their dates or numbers "
                "have been used by other figures since.")) from exc
        if low is None or high is None or count != expected_count or high - low + 1 != count:
            raise ConflictError(text(
                "无法恢复导入的数据：审计记录与撤销时不一致。",
                "The imported figures cannot be put back: the audit trail does not hold "
                "what the undo removed."))
        return low, high, versions, frozenset(targets)

    def _kept_figures(self, first_line: int, last_line: int) -> Iterator[list[list]]:
        """The figures the 'delete' lines first..last keep, as stored rows (id, target id,
        as_of, value, note, source, version, updated_at), some whole targets at a time: a
        target's figures are all on its one line, so each batch gets the same 'restore'
        lines as all of them at once would."""
        # The restore writes audit lines while this reads them: new lines lie past
        # last_line, so whether the pending read would see them does not matter.
        lines = self.conn.execute(
            "SELECT target_id, old_value FROM audit WHERE id BETWEEN ? AND ? AND "
            "table_name = 'measurements' AND action = 'delete' ORDER BY id",
            [first_line, last_line])
        batch: list[list] = []
        for target_id, kept in lines:
            figures = json.loads(kept)["figures"]
            for figure in figures:  # [id, as_of, ...] -> [id, target_id, as_of, ...]
                figure.insert(1, target_id)
            batch.extend(figures)
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    @contextmanager
    def _row_checks_skipped(self, known_table: bool, dates: Sequence[object],
                            values: Sequence[object]) -> Iterator[None]:
        """SQLite skips CHECK constraints inside when the table is the known one
        (column_checks.table_is_known) and these dates and values, decided a column at a
        time, pass them; and only inside: a progress call between batches runs the event
        loop, and nothing else written on this connection may go unchecked."""
        if not (known_table and column_checks.rows_pass(self.conn, dates, values)):
            yield
            return
        # A flag PRAGMA expires the prepared statements, so each is compiled with the flag
        # it runs under.
        try:
            self.conn.execute("PRAGMA ignore_check_constraints = ON")
            yield
        finally:
            self.conn.execute("PRAGMA ignore_check_constraints = OFF")

    def _insert_rows(self, sql: str, columns: Sequence[Sequence[object]], fixed: str = "",
                     repeating: Sequence[int] = ()) -> None:
        """INSERT the rows given by ``columns`` (of equal length) with ``sql`` + a tuple per
        row, each ending with the SQL ``fixed``. Many rows per statement, since each executed
        statement costs the Python binding a few microseconds beyond its values; and a text
        column among ``repeating`` holding one value throughout (blank notes, one source) is
        bound once per statement instead of once per row (binding is about a third of the
        write: a million figures with blank notes and one source, 1.5 -> 1.25 s)."""
        total = len(columns[0])
        # Text only: among numbers, 0 == 0.0 == False == -0.0 would bind one for all.
        same = [i for i in repeating if total and type(columns[i][0]) is str
                and columns[i].count(columns[i][0]) == total]
        varying = [column for i, column in enumerate(columns) if i not in same]
        width = len(varying)
        constants = [columns[i][0] for i in same]

        def statement(rows: int) -> str:
            # Numbered parameters: the j-th varying value of row r is ?(r * width + j + 1);
            # the constants come after the last row's.
            place = {i: f"?{rows * width + k + 1}" for k, i in enumerate(same)}
            tuples = []
            for r in range(rows):
                numbers = iter(range(r * width + 1, (r + 1) * width + 1))
                tuples.append("(" + ", ".join(place[i] if i in place else f"?{next(numbers)}"
                                              for i in range(len(columns))) + fixed + ")")
            return sql + ", ".join(tuples)

        # The varying values, row after row, laid out by slice assignment.
        flat: list[object] = [None] * (width * total)
        for offset, column in enumerate(varying):
            flat[offset::width] = column
        per = ROWS_PER_STATEMENT
        whole = total // per * per
        self.conn.executemany(statement(per), [
            flat[r * width:(r + per) * width] + constants for r in range(0, whole, per)])
        if whole < total:
            self.conn.execute(statement(total - whole), flat[whole * width:] + constants)


def _csv_text(column: str, formula_starts: str) -> str:
    """SQL giving a text column as csv.writer would write it after neutralising it."""
    # A GLOB each (one scan of the text in C), not a function call per character looked for.
    safe = (f"CASE WHEN {column} GLOB '{_glob_class(formula_starts)}*' "
            f"THEN '''' || {column} ELSE {column} END")
    # GLOB stops reading at a NUL: text holding one (rare) is searched with instr too.
    after_nul = " OR ".join(f"instr({column}, char({ord(c)}))" for c in QUOTED)
    return (f"CASE WHEN {column} = '' THEN '' "
            f"WHEN {column} GLOB '*{_glob_class(QUOTED)}*' "
            f"OR (instr({column}, char(0)) AND ({after_nul})) "
            f"THEN '\"' || replace({safe}, '\"', '\"\"') || '\"' "
            f"ELSE {safe} END")


def _glob_class(chars: str) -> str:
    """A GLOB class matching any one of ``chars`` (not empty), for an SQL string literal."""
    # "]" must come first and "^" must not; "-" is literal first or last; "'" is doubled
    # inside the literal.
    rest = "".join(sorted(set(chars) - set("]-^"))).replace("'", "''")
    head = ("]" if "]" in chars else "") + ("-" if "-" in chars and "]" not in chars else "")
    tail = ("^" if "^" in chars else "") + ("-" if "-" in chars and "]" in chars else "")
    if not head and not rest and tail == "^":
        return "^"  # alone, it is no class: the character itself
    return f"[{head}{rest}{tail}]"


def _csv_number(column: str) -> str:
    """SQL giving a REAL column as the shortest exact plain decimal ("103516", "1100.3")."""
    # Past 2**53 the integer a double holds and its shortest decimal differ in the last
    # digits (144115188075845376 vs 1.4411518807584538e17): Python decides those. A figure
    # with k decimals is n / 10**k for the integer n = round(figure * 10**k); when n has at
    # most 15 digits, both are exact doubles and SQL's division rounds correctly, so
    # n / 10**k = figure proves that decimal reads back as the figure, and the figure to 15
    # digits, trailing zeros dropped, is then that decimal. Asking SQLite whether its text
    # reads back instead is not proof: its text-to-number conversion rounds twice, and takes
    # "915.275076348092" for 915.2750763480919, a figure needing 16 digits. printf, not
    # CAST: newer SQLite casts some such figures to 17 digits ("76.723476323713001").
    places = " OR ".join(f"(abs({column}) < 1e{15 - k} AND "
                         f"round({column} * 1e{k}) / 1e{k} = {column})" for k in range(1, 16))
    return (f"CASE WHEN {column} = CAST({column} AS INTEGER) AND abs({column}) < 9007199254740992 "
            f"THEN CAST(CAST({column} AS INTEGER) AS TEXT) "
            f"WHEN abs({column}) >= 1e-4 AND ({places}) THEN printf('%!.15g', {column}) "
            f"ELSE {FORMAT_REAL}({column}) END")