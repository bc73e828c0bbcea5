"""The short way through a figures file, mixed into RowPlanner: a chunk of rows checked a
column at a time.

A chunk whose every row is a plain figure (a known target that is not a milestone, in its
unit, a known date, a plain number >= 0, no ' to undo), either new or stored already and
unchanged (a file imported again with this month's figures added), is planned with a few
operations over whole columns, each in C, deciding exactly what the row-by-row
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
    stored: dict[tuple[int, str], tuple[int, float, str, str, int]]
    unchanged_rows: set[int]
    column_keys: list[tuple[list[int], list[str], list[int]]]
    #: Whether the database holds any figure of the targets the file names.
    anything_stored: bool
    _plain: dict[str, int] | None
    _plain_unit: dict[tuple[str, str], int] | None

    def _figure_columns(self, start: int, stop: int) -> list[int] | None:
        """Plan rows start..stop a column at a time if every one is a plain figure (see the
        module docstring): new, stored already and unchanged, or stored with another value,
        note or source. Return the places (0 for row ``start``) of the changed ones, which
        it leaves to the row-by-row rules (they say what changes; their stored figures are
        put in ``stored`` for them), or None when it planned nothing and every row is theirs.

        This is how a file of a million figures is checked in a second or two.
        """
        columns, col = self.table.columns, self.column
        if self.units.get("value"):
            return None  # figures in another unit than the header's: converted row by row
        names = columns[col["name"]][start:stop]
        if "unit" in col:
            ids = list(map(self._plain_ids_with_unit().get,
                           zip(names, columns[col["unit"]][start:stop], strict=True)))
        else:
            ids = list(map(self._plain_ids().get, names))
        if None in ids:
            return None
        dates = columns[col["as_of"]][start:stop]
        for cell in set(dates).difference(self.dates):
            try:
                self.dates[cell] = parse_date_cell(cell).isoformat()
            except CellError as exc:
                self.dates[cell] = exc
        isos = list(map(self.dates.__getitem__, dates))
        if any(type(iso) is not str for iso in set(isos)):
            return None
        values = columns[col["value"]][start:stop]
        if not plain_column(values):
            return None
        notes, sources = (columns[col[f]][start:stop] if f in col else None
                          for f in ("note", "source"))
        if any(c is not None and "\n'" in "\n" + "\n".join(c) for c in (notes, sources)):
            return None
        numbers = self.table.numbers[start:stop]
        floats = list(map(float, values))
        blank = [""] * len(values)
        notes, sources = notes or blank, sources or blank
        new: set[int] | None = None  # the places of the new figures; None: every one
        changed: list[int] = []
        if self.anything_stored:
            found = self.service.repo.figures_compared(ids, isos, floats, notes, sources)
            if found.stored:
                new, changed = set(found.new), found.changed
        if changed:  # the row-by-row rules take these, and say what changes
            self.stored.update(self.service.repo.figures_at([ids[i] for i in changed],
                                                            [isos[i] for i in changed]))
        gone = set(changed)
        kept = [i for i in range(len(ids)) if i not in gone] if gone else None
        self.column_keys.append(tuple(_at(kept, ids, isos, numbers)))  # type: ignore[arg-type]
        for i, row in enumerate(numbers[:OUTCOMES_KEPT]):  # rows grow faster than places
            if row <= OUTCOMES_KEPT and i not in gone:
                self.plan.outcomes[row] = "new" if new is None or i in new else "unchanged"
        if new is not None:  # the figures stored already and not changed are unchanged
            self.unchanged_rows.update(numbers[i] for i in range(len(numbers))
                                       if i not in new and i not in gone)
        self.plan.figures.extend(*_at(kept if new is None else sorted(new),
                                      ids, isos, floats, notes, sources, numbers))
        return changed

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


def _at(places: list[int] | None, *columns: list) -> list[list]:
    """The columns' items at ``places``; the columns themselves, uncopied, for None."""
    if places is None:
        return list(columns)
    return [[column[i] for i in places] for column in columns]
