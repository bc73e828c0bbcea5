"""The targets table as the main window shows it, made in one place so that the benchmarks
measure the same view the staff work in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from tracker.gui.models.targets import Column

# How many rows, from the top, the table's column widths are judged on.
SIZED_ROWS = 30
# The column the table opens sorted by (ascending). The model is read in this order at once:
# sorting 10,000 rows by id only to sort them again by the view's column costs start-up time.
SORTED_BY = Column.STATUS


def make_targets_table(model: QAbstractItemModel) -> QTableView:
    """A table over ``model`` (the TargetFilter), sorted by SORTED_BY, rows selected whole."""
    table = QTableView()
    table.setModel(model)
    # Sort first: enabling sorting alone would sort once by the first column for nothing.
    table.sortByColumn(SORTED_BY, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Column widths are judged on the first rows (those the window opens on, and some),
    # not all 10,000: measuring each cell costs, and the user can widen a column.
    header.setResizeContentsPrecision(SIZED_ROWS)
    header.setStretchLastSection(True)
    return table
