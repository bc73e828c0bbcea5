"""The short way through a figures file, mixed into RowPlanner: a chunk of rows checked a
column at a time.

A chunk whose every row is a plain new figure (a known target that is not a milestone, in
its unit, a known date, a plain number >= 0, no ' to undo, not in the database), or whose
every row is a plain figure stored already and unchanged (a file imported twice), is planned
with a few operations over whole columns, each in C, deciding exactly what the row-by-row
rules in RowPlanner._figure_rows decide for each of its rows (tests/io/test_io_fast_paths
holds them equal). Any other chunk is left to those rules, with their messages. Whether a
figure is given twice is decided once for all rows, afterwards (RowPlanner._find_duplicates).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.domain import Kind, Target
from tracker.io.import_cells import CellError, parse_date_cell, plain_column
from tracker.service import TrackerService

if TYPE_CHECKING:
    from tracker.io.importer import ImportPlan
    from tracker.io.table_reader import RawTable

OUTCOMES_KEPT = 2_000  # the preview can show the outcome of rows up to this number


class ColumnRules:
    """Chunks of plain figures for RowPlanner; relies on its state (table, column, ...)."""

    service: TrackerService
    table: RawTable
    plan: ImportPlan
    column: dict[str, int]
    units: dict[str, str]
    targets: dict[str, Target]
    dates: dict[str, str | CellError]
    unchanged_rows: set[int]
    column_keys: list[tuple[list[int], list[str], list[int]]]
    #: Whether the database holds any figure of the targets the file names.
    anything_stored: bool
    _plain: dict[str, int] | None
    _plain_unit: dict[tuple[str, str], int] | None

    def _new_figure_columns(self, start: int, stop: int) -> bool:
        """Plan rows start..stop a column at a time if every one is a plain new figure or
        every one a plain figure stored already and unchanged (see the module docstring);
        else plan nothing and return False.

        This is how a file of a million new figures is checked in well under a second.
        """
        columns, col = self.table.columns, self.column
        if self.units.get("value"):
            return False  # figures in another unit than the header's: converted row by row
        names = columns[col["name"]][start:stop]
        if "unit" in col:
            ids = list(map(self._plain_ids_with_unit().get,
                           zip(names, columns[col["unit"]][start:stop], strict=True)))
        else:
            ids = list(map(self._plain_ids().get, names))
        if None in ids:
            return False
        dates = columns[col["as_of"]][start:stop]
        for cell in set(dates).difference(self.dates):
            try:
                self.dates[cell] = parse_date_cell(cell).isoformat()
            except CellError as exc:
                self.dates[cell] = exc
        isos = list(map(self.dates.__getitem__, dates))
        if any(type(iso) is not str for iso in set(isos)):
            return False
        values = columns[col["value"]][start:stop]
        if not plain_column(values):
            return False
        notes, sources = (columns[col[f]][start:stop] if f in col else None
                          for f in ("note", "source"))
        if any(c is not None and "\n'" in "\n" + "\n".join(c) for c in (notes, sources)):
            return False
        numbers = self.table.numbers[start:stop]
        floats = list(map(float, values))
        blank = [""] * len(values)
        if self.anything_stored:
            stored, unchanged = self.service.repo.figures_compared(
                ids, isos, floats, notes or blank, sources or blank)  # type: ignore[arg-type]
            if stored:
                return unchanged == len(ids) and self._unchanged_columns(ids, isos, numbers)
        self.column_keys.append((ids, isos, numbers))  # type: ignore[arg-type]
        self.plan.figures.extend(ids, isos, floats, notes or blank, sources or blank, numbers)
        for row in numbers[:OUTCOMES_KEPT]:
            if row <= OUTCOMES_KEPT:
                self.plan.outcomes[row] = "new"
        return True

    def _unchanged_columns(self, ids: list[int], isos: list[str], numbers: list[int]) -> bool:
        """Plan a chunk of plain rows whose figures are all stored already and unchanged."""
        self.column_keys.append((ids, isos, numbers))
        self.unchanged_rows.update(numbers)
        for row in numbers[:OUTCOMES_KEPT]:
            if row <= OUTCOMES_KEPT:
                self.plan.outcomes[row] = "unchanged"
        return True

    def _plain_ids(self) -> dict[str, int]:
        """Name -> id of every target whose figures may take the short way."""
        if self._plain is None:
            self._plain = {name: t.id for name, t in self.targets.items()  # type: ignore[misc]
                           if t.kind is not Kind.MILESTONE}
        return self._plain

    def _plain_ids_with_unit(self) -> dict[tuple[str, str], int]:
        """(name, unit cell) -> id for the same targets: the unit blank or the target's."""
        if self._plain_unit is None:
            plain = self._plain_ids()
            self._plain_unit = {(name, unit): plain[name] for name in plain
                                for unit in ("", self.targets[name].unit)}
        return self._plain_unit
