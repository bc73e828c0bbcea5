"""The rules for rows that define targets (an import of targets), mixed into RowPlanner.

A row names a target: a new one must give its goal and period (or the import gives a
year), an existing one is compared field by field and each difference becomes a change.
Blank cells are missing: they never clear what the database holds. The target is checked
with Target.validated, exactly as when typed in. Figures on the same row (a value and a
date column) are then planned as in a figures import.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from tracker.domain import DEFAULT_TOLERANCE, Target, ValidationError, field_label
from tracker.io.import_cells import (
    CellError,
    parse_date_cell,
    parse_direction,
    parse_figure,
    parse_kind,
    parse_tolerance,
    unneutralize,
)
from tracker.io.import_command import PlannedChange
from tracker.messages import text

if TYPE_CHECKING:
    from tracker.io.importer import ImportOptions, ImportPlan


class TargetRules:
    """Target rows for RowPlanner; relies on its state (column, targets, plan, ...)."""

    column: dict[str, int]
    units: dict[str, str]
    targets: dict[str, Target]
    file_targets: dict[str, int]
    plan: ImportPlan
    options: ImportOptions

    def _target_row(self, row: int, cells: list[str]) -> None:
        name = self._name(cells)
        if not name:
            self._problem(row, "name", name, text("名称为空", "the name is blank"))
            return
        if name in self.file_targets:
            first = self.file_targets[name]
            for bad in (first, row):
                self._problem(bad, "name", name, text(
                    f"指标“{name}”在文件中出现了两次（第{first}行和第{row}行）",
                    f"the target {name!r} appears twice in the file (rows {first} and {row})"))
            return
        self.file_targets[name] = row
        existing = self.targets.get(name)
        values = self._target_values(row, cells, existing)
        if values is None:
            return
        if existing is None:
            target = self._new_target(row, name, values)
            if target is None:
                return
            self.plan.new_targets.append((row, target))
            self._outcome(row, "new")
            ref: int | str = target.name
        else:
            target = self._changed_target(row, existing, values)
            if target is None:
                return
            ref = existing.id  # type: ignore[assignment]
        if "value" in self.column:
            self._figure(row, cells, target, ref)

    def _target_values(self, row: int, cells: list[str],
                       existing: Target | None) -> dict[str, object] | None:
        """The fields given in the row (blank cells left out), or None after a problem."""
        values: dict[str, object] = {}
        ok = True
        unit_col = self.column.get("unit")
        unit = cells[unit_col].strip() if unit_col is not None else ""
        unit = unit or (existing.unit if existing else self.units.get("target_value", ""))
        for f in ("category", "department", "unit", "note", "source"):
            if f in self.column:
                cell = unneutralize(cells[self.column[f]]).strip()
                if cell:  # blank is missing: it never clears what the database holds
                    values[f] = cell
        readers = {"kind": parse_kind, "direction": parse_direction,
                   "period_start": parse_date_cell, "period_end": parse_date_cell,
                   "tolerance": parse_tolerance,
                   "baseline": lambda c: parse_figure(c, unit, self.units.get("baseline", "")),
                   "target_value": lambda c: parse_figure(c, unit,
                                                          self.units.get("target_value", ""))}
        for f, reader in readers.items():
            if f in self.column and cells[self.column[f]].strip():
                cell = cells[self.column[f]]
                try:
                    values[f] = reader(cell)
                except CellError as exc:
                    self._problem(row, f, cell, str(exc))
                    ok = False
        if existing is None and "unit" not in values and unit:
            values["unit"] = unit
        return values if ok else None

    def _new_target(self, row: int, name: str, values: dict[str, object]) -> Target | None:
        year = self.options.year
        for f, default in (("period_start", (1, 1)), ("period_end", (12, 31))):
            if f not in values:
                if year is None:
                    self._problem(row, f, "", text(
                        f"新指标缺少{field_label(f)}（可在文件中补上，或指定年度）",
                        f"a new target needs a {field_label(f)} (add the column, or choose "
                        "the year)"))
                    return None
                values[f] = date(year, *default)
        values.setdefault("tolerance", DEFAULT_TOLERANCE)
        try:
            return Target(name=name, **values).validated()  # type: ignore[arg-type]
        except ValidationError as exc:
            self._problem(row, exc.field or "name", str(values.get(exc.field, name)), str(exc))
            return None

    def _changed_target(self, row: int, existing: Target,
                        values: dict[str, object]) -> Target | None:
        changes = {f: v for f, v in values.items() if getattr(existing, f) != v}
        try:
            after = replace(existing, **changes).validated()  # type: ignore[arg-type]
        except ValidationError as exc:
            self._problem(row, exc.field or "name", str(changes.get(exc.field, "")), str(exc))
            return None
        if changes:
            self.plan.changed.append(PlannedChange(
                row, "target", existing.id, existing.version, existing.name,  # type: ignore[arg-type]
                changes, {f: getattr(existing, f) for f in changes}))
            self._outcome(row, "changed")
        elif "value" not in self.column:
            self.plan.unchanged += 1
            self._outcome(row, "unchanged")
        return after


    # Provided by RowPlanner.
    def _name(self, cells: list[str]) -> str: ...
    def _figure(self, row: int, cells: list[str], target: Target, ref: int | str) -> None: ...
    def _problem(self, row: int, field: str, value: str, reason: str) -> None: ...
    def _outcome(self, row: int, outcome: str) -> None: ...
