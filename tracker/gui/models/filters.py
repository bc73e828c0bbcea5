"""Filtering and sorting the targets table in memory: never a database read.

One TargetFilter is shared by the table and the charts, so both always show the same targets.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Signal,
)

from tracker.domain import Status, TargetRow
from tracker.gui.models.roles import SortRole, TargetRowRole


class TargetFilter(QSortFilterProxyModel):
    """Category, department, status and a search text (any part of the name, category,
    department or note; Chinese or Latin, case-insensitive)."""

    #: Emitted after any filter criterion changed (the charts redraw from it).
    filter_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.category: str | None = None
        self.department: str | None = None
        self.status: Status | None = None
        self.search = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_criteria(
        self,
        *,
        category: str | None = None,
        department: str | None = None,
        status: Status | None = None,
        search: str = "",
    ) -> None:
        """Replace every criterion at once; None or "" means "any"."""
        self.beginFilterChange()
        self.category = category or None
        self.department = department or None
        self.status = status
        self.search = search.strip().casefold()
        self.endFilterChange()
        self.filter_changed.emit()

    def filterAcceptsRow(  # noqa: N802
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        row: TargetRow = model.data(model.index(source_row, 0, source_parent), TargetRowRole)
        if row is None:
            return False
        return accepts(row, self.category, self.department, self.status, self.search)

    def visible_rows(self) -> list[TargetRow]:
        """The TargetRows that pass the filter, in the current sort order."""
        return [self.data(self.index(r, 0), TargetRowRole) for r in range(self.rowCount())]


def accepts(
    row: TargetRow, category: str | None, department: str | None, status: Status | None,
    search: str,
) -> bool:
    """Whether ``row`` passes the criteria (``search`` already case-folded)."""
    t = row.target
    if category is not None and t.category != category:
        return False
    if department is not None and t.department != department:
        return False
    if status is not None and row.progress.status != status:
        return False
    if search:
        haystack = f"{t.name}\n{t.category}\n{t.department}\n{t.note}\n{t.unit}".casefold()
        return search in haystack
    return True
