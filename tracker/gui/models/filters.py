"""The criteria of the targets table (category, department, status, search), in memory:
never a database read.

One TargetFilter is shared by the table and the charts, so both always show the same targets.
It holds the criteria and hands them, and ``sort()``, down to the TargetsModel, which keeps
only the rows passing them, in order (see its docstring for why the model filters and sorts
itself); the proxy passes the model's rows on as they are.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from tracker.domain import Status, TargetRow


class TargetFilter(QSortFilterProxyModel):
    """Category, department, status and a search text (any part of the name, category,
    department or note; Chinese or Latin, case-insensitive)."""

    # Emitted after any filter criterion changed (the charts redraw from it).
    filter_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.category: str | None = None
        self.department: str | None = None
        self.status: Status | None = None
        self.search = ""
        self._active = False  # any criterion set: kept by set_criteria
        # Nothing to filter or sort here (the model does both), so Qt's proxy, with no
        # pattern and no sort column, passes every row on without calling Python per row.
        self.setDynamicSortFilter(False)

    def active(self) -> bool:
        """Whether any criterion is set (otherwise every row passes)."""
        return self._active

    def set_criteria(
        self,
        *,
        category: str | None = None,
        department: str | None = None,
        status: Status | None = None,
        search: str = "",
    ) -> None:
        """Replace every criterion at once; None or "" means "any"."""
        self.category = category or None
        self.department = department or None
        self.status = status
        self.search = search.strip().casefold()
        self._active = bool(self.category or self.department or self.status or self.search)
        model = self.sourceModel()
        if model is not None:
            model.set_criteria((self.category, self.department, self.status, self.search)
                               if self._active else None)
        self.filter_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model (the table's header and sortByColumn end up here)."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def multiData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, roles: QModelRoleDataSpan
    ) -> None:
        # Qt's proxy would ask the source one role at a time; the TargetsModel answers all
        # the roles of a cell in one call.
        model = self.sourceModel()
        if model is not None:
            model.multiData(self.mapToSource(index), roles)

    def visible_rows(self) -> list[TargetRow]:
        """The TargetRows that pass the filter, in table order (the model keeps just those)."""
        model = self.sourceModel()
        return model.shown_rows() if model is not None else []  # type: ignore[attr-defined]


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
