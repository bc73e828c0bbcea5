"""The row rules of an import: each row checked in plain Python, no SQL per row.

The database is asked up front for the targets (and whether it holds figures of those the
file names); then every row is parsed, validated against the same rules as typed input
(Target.validated, Measurement.validated) and sorted into new, changed, unchanged or a
problem. A chunk of plain figures takes the short way (import_columns.py, the stored ones
compared in SQLite); the rows of any other chunk are checked one by one, against the stored
figures of their targets, read for that chunk. A million figures take about a second.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import TYPE_CHECKING

from tracker.domain import (
    Kind,
    Measurement,
    Target,
    ValidationError,
    field_label,
)
from tracker.io.figure_keys import any_repeated
from tracker.io.import_cells import (
    PLAIN_NUMBER,
    CellError,
    match_header,
    parse_date_cell,
    parse_figure,
    unneutralize,
)
from tracker.io.import_columns import OUTCOMES_KEPT, ColumnRules
from tracker.io.import_command import PlannedChange
from tracker.io.import_targets import TargetRules
from tracker.messages import text
from tracker.service import TrackerService

if TYPE_CHECKING:
    from tracker.io.importer import ImportOptions, ImportPlan, Progress
    from tracker.io.table_reader import RawRow, RawTable

PROGRESS_EVERY = 20_000
_SHOWN = 100


class RowPlanner(ColumnRules, TargetRules):
    """Fills an ImportPlan from the rows of a table (see tracker.io.importer)."""

    def __init__(self, service: TrackerService, table: RawTable, plan: ImportPlan,
                 options: ImportOptions) -> None:
        self.service = service
        self.table = table
        self.plan = plan
        self.options = options
        self.column = {f: table.headers.index(h) for h, f in plan.mapping.items() if f}
        self.header = {f: h for h, f in plan.mapping.items() if f}
        self.units = {f: match_header(h)[1] for h, f in plan.mapping.items() if f}
        self.targets = {t.name: t for t in service.targets()}
        # (target ref, as_of) -> row of every valid figure; rows given twice; rows unchanged.
        self.seen: dict[tuple[int | str, str], int] = {}
        self.duplicates: dict[tuple[int | str, str], list[int]] = {}
        self.unchanged_rows: set[int] = set()
        # The stored figures of the targets read so far (see _load_stored), by (target, date).
        self.stored: dict[tuple[int, str], tuple[int, float, str, str, int]] = {}
        self._stored_targets: set[int] = set()
        self.anything_stored = False
        self.dates: dict[str, str | CellError] = {}
        self.file_targets: dict[str, int] = {}
        self.bad_rows: set[int] = set()
        self._all_new_targets: list[tuple[int, Target]] = []
        self._names: dict[int, str] = {}
        self._plain: dict[str, int] | None = None
        #: (target ids, dates, row numbers) of each chunk planned a column at a time.
        self.column_keys: list[tuple[list[int], list[str], list[int]]] = []
        self._plain_unit: dict[tuple[str, str], int] | None = None

    # -- driving ---------------------------------------------------------------------------

    def run(self, progress: Progress | None) -> None:
        from tracker.io.importer import ImportCancelled

        total = len(self.table)
        if "value" in self.column:
            self.anything_stored = bool(self.service.repo.count_measurements(
                self._target_ids(self.table.columns[self.column["name"]])))
        for start in range(0, total, PROGRESS_EVERY):
            done = min(start + PROGRESS_EVERY, total)
            if self.plan.kind == "targets":
                chunk = self.table.slice(start, done)
                self._load_stored(chunk)
                for raw in chunk:
                    self._target_row(raw.number, raw.cells)
                continue
            left = self._figure_columns(start, done)
            if left is None:
                chunk = self.table.slice(start, done)
                self._load_stored(chunk)
                self._figure_rows(chunk)
            elif left:  # changed figures, their stored ones read already
                self._figure_rows(self.table.rows_at([start + i for i in left]))
            if progress is not None and done < total and not progress(done, total):
                raise ImportCancelled
        self._all_new_targets = list(self.plan.new_targets)
        self._find_duplicates()
        self._report_duplicates()
        self._drop_bad_rows()
        self.plan.unchanged = len(self.unchanged_rows - self.bad_rows)
        self.plan.changed.sort(key=lambda c: c.row)
        if progress is not None:
            progress(total, total)

    def _target_ids(self, names: list[str]) -> set[int]:
        """The ids of the stored targets these name cells give: as written, or as _name
        reads them (stripped; then, unless a target has that name, without an export's ')."""
        given = set(names)
        stripped = {n.strip() for n in given}
        given |= stripped | {unneutralize(n) for n in stripped}
        return {t.id for n in given if (t := self.targets.get(n)) and t.id is not None}

    def _load_stored(self, rows: list[RawRow]) -> None:
        """Read the stored figures of the targets these rows name, those not read yet, in
        one query: the rows checked one by one look their figures up in ``stored``.

        For the rows at hand, not the whole file's up front: rows taking the short way
        (ColumnRules) need none of them, and a million stored figures cost a second and
        some 300 MB to read into Python.
        """
        if not self.anything_stored or "value" not in self.column:
            return
        name = self.column["name"]
        wanted = self._target_ids([raw.cells[name] for raw in rows]) - self._stored_targets
        if wanted:
            self.stored.update(self.service.repo.measurement_index(sorted(wanted)))
            self._stored_targets |= wanted

    # -- figures ---------------------------------------------------------------------------

    def _figure_rows(self, chunk: list) -> None:
        """The rows of a figures file; the common case (a known name, a cached date, a
        plain number in the target's unit, no ' to undo) takes the short way."""
        col = self.column
        i_name, i_date, i_value = col["name"], col["as_of"], col["value"]
        i_note, i_source, i_unit = col.get("note"), col.get("source"), col.get("unit")
        plain_header = not self.units.get("value")
        targets, dates, seen, stored = self.targets, self.dates, self.seen, self.stored
        duplicates = self.duplicates
        new, outcomes = self.plan.figures, self.plan.outcomes
        plain, milestone, unchanged = PLAIN_NUMBER, Kind.MILESTONE, self.unchanged_rows
        for raw in chunk:
            cells, row = raw.cells, raw.number
            target = targets.get(cells[i_name])
            iso = dates.get(cells[i_date])
            text_value = cells[i_value]
            note = cells[i_note] if i_note is not None else ""
            source = cells[i_source] if i_source is not None else ""
            if (target is None or iso is None or iso.__class__ is not str
                    or not plain_header or not plain(text_value) or text_value[0] == "-"
                    or target.kind is milestone or note[:1] == "'" or source[:1] == "'"
                    or (i_unit is not None and cells[i_unit] not in ("", target.unit))):
                self._figure_row(row, cells)
                continue
            key = (target.id, iso)
            if key in seen or key in duplicates:  # a third time is a duplicate too
                self._register(row, key, float(text_value) + 0.0, note, source)
                continue
            old = stored.get(key)
            if old is not None:
                if (old[1] == float(text_value) and (not note or note == old[2])
                        and (not source or source == old[3])):
                    seen[key] = row
                    unchanged.add(row)
                    if row <= OUTCOMES_KEPT:
                        outcomes[row] = "unchanged"
                else:
                    self._register(row, key, float(text_value) + 0.0, note, source)
                continue
            seen[key] = row
            new.append(target.id, iso, float(text_value) + 0.0, note, source, row)
            if row <= OUTCOMES_KEPT:
                outcomes[row] = "new"

    def _figure_row(self, row: int, cells: list[str]) -> None:
        name = self._name(cells)
        target = self.targets.get(name)
        if target is None:
            reason = text("名称为空", "the name is blank") if not name else text(
                f"数据库中没有名为“{name}”的指标", f"there is no target named {name!r}")
            self._problem(row, "name", name, reason)
            return
        self._figure(row, cells, target, target.id)  # type: ignore[arg-type]

    def _figure(self, row: int, cells: list[str], target: Target, ref: int | str) -> None:
        col = self.column
        value_text, date_text = cells[col["value"]], cells[col["as_of"]]
        iso = self.dates.get(date_text)
        if iso is None:
            try:
                iso = parse_date_cell(date_text).isoformat()
            except CellError as exc:
                iso = exc
            self.dates[date_text] = iso
        if isinstance(iso, CellError):
            self._problem(row, "as_of", date_text, str(iso))
        unit_col = col.get("unit")
        file_unit = (cells[unit_col].strip() if unit_col is not None else "") or \
            self.units.get("value", "")
        try:
            value = parse_figure(value_text, target.unit, file_unit)
        except CellError as exc:
            self._problem(row, "value", value_text, str(exc))
            return
        if value is None:
            self.plan.problems.append(self._make(row, "value", value_text, text(
                "数值为空，未导入这一行", "no figure given; the row is skipped"), False))
            self._outcome(row, "skipped")
            return
        if row in self.bad_rows or not isinstance(iso, str):
            return
        # Measurement.validated refuses only negative figures and milestone values other
        # than 0 and 1; the short way in _figure_rows takes no other rows.
        if value < 0 or target.kind == Kind.MILESTONE:
            try:
                Measurement(0, date.fromisoformat(iso), value).validated(target)
            except ValidationError as exc:
                self._problem(row, "value", value_text, str(exc))
                return
        note = unneutralize(cells[col["note"]]) if "note" in col else ""
        source = unneutralize(cells[col["source"]]) if "source" in col else ""
        self._register(row, (ref, iso), value, note, source)

    def _register(self, row: int, key: tuple[int | str, str], value: float, note: str,
                  source: str) -> None:
        """Sort a valid figure into new, unchanged or changed (or a duplicate)."""
        if key in self.seen or key in self.duplicates:
            first = self.seen.pop(key, None)
            self.duplicates.setdefault(key, [] if first is None else [first]).append(row)
            return
        self.seen[key] = row
        old = self.stored.get(key)  # type: ignore[arg-type]
        if old is None:
            self.plan.figures.append(key[0], key[1], value, note, source, row)
            self._outcome(row, "new")
            return
        old_id, old_value, old_note, old_source, version = old
        # A blank note or source is missing, not an instruction to clear it.
        now = {"value": value, "note": note or old_note, "source": source or old_source}
        before = {"value": old_value, "note": old_note, "source": old_source}
        changes = {f: v for f, v in now.items() if v != before[f]}
        if not changes:
            self.unchanged_rows.add(row)
            self._outcome(row, "unchanged")
            return
        self.plan.changed.append(PlannedChange(
            row, "measurement", old_id, version, self._name_of(key[0]), changes,
            {f: before[f] for f in changes}, key[1]))
        self._outcome(row, "changed")

    def _find_duplicates(self) -> None:
        """Add the figures given twice among the rows planned a column at a time (with each
        other or with a row planned row by row) to ``duplicates``."""
        if not self.column_keys:
            return
        if not any_repeated([(ids, isos) for ids, isos, _ in self.column_keys],
                            chain(self.seen, self.duplicates)):
            return
        rows: dict[tuple[int | str, str], list[int]] = {}
        for ids, isos, numbers in self.column_keys:
            for key, row in zip(zip(ids, isos, strict=True), numbers, strict=True):
                rows.setdefault(key, []).append(row)
        for key, found in rows.items():
            first = self.seen.pop(key, None)
            if first is not None or key in self.duplicates or len(found) > 1:
                given = self.duplicates.get(key, []) + found + ([first] if first else [])
                self.duplicates[key] = sorted(given)

    def _report_duplicates(self) -> None:
        for (ref, iso), rows in self.duplicates.items():
            name = ref if isinstance(ref, str) else self._name_of(ref)
            listed = "、".join(map(str, rows)), ", ".join(map(str, rows))
            for row in rows:
                self._problem(row, "as_of", iso, text(
                    f"“{name}”在{iso}的数据在文件中出现了多次（第{listed[0]}行）",
                    f"the file gives {name!r} more than one figure for {iso} "
                    f"(rows {listed[1]})"))

    def _drop_bad_rows(self) -> None:
        """A row with any error is never imported, whatever part of it was valid."""
        plan, bad = self.plan, self.bad_rows
        if not bad:
            return
        plan.new_targets = [(r, t) for r, t in plan.new_targets if r not in bad]
        plan.changed = [c for c in plan.changed if c.row not in bad]
        # A figure of a new target from a bad row has nothing to belong to.
        gone = {t.name for r, t in self._all_new_targets if r in bad}
        figures = plan.figures
        keep = [i for i, (r, t) in enumerate(zip(figures.rows, figures.targets, strict=True))
                if r not in bad and t not in gone]
        if len(keep) < len(figures):
            figures.keep(keep)

    def _name(self, cells: list[str]) -> str:
        """The target name in a row: as written if a target has it, else with the ' an
        export put before a formula-like name taken off."""
        name = cells[self.column["name"]].strip()
        return name if name in self.targets else unneutralize(name)

    def _name_of(self, ref: int | str) -> str:
        if isinstance(ref, str):
            return ref
        if not self._names:
            self._names = {t.id: t.name for t in self.targets.values()}  # type: ignore[misc]
        return self._names.get(ref, str(ref))

    # -- problems --------------------------------------------------------------------------

    def _problem(self, row: int, field: str, value: str, reason: str) -> None:
        """Record a blocking problem: nothing of this row will be imported."""
        self.plan.problems.append(self._make(row, field, value, reason, True))
        self.bad_rows.add(row)
        self._outcome(row, "error")

    def _make(self, row: int, field: str, value: str, reason: str, blocking: bool):
        from tracker.io.importer import Problem

        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
        return Problem(row, self.header.get(field, field_label(field)), shown, reason, blocking)

    def _outcome(self, row: int, outcome: str) -> None:
        if row <= OUTCOMES_KEPT and (outcome == "error" or self.plan.outcomes.get(row) != "error"):
            self.plan.outcomes[row] = outcome
