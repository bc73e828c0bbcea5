"""One target's history: who changed which field when, from what to what, and from where.

Read-only; it refreshes from ServiceBridge.changed like every other view, so an edit, an
undo, an import or another program's change shows here at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.commands import Changes
from tracker.gui.bridge import ServiceBridge
from tracker.gui.models.audit import AuditModel, Column


class AuditView(QWidget):
    """The audit trail of the selected target, newest first."""

    def __init__(self, bridge: ServiceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AuditModel(bridge.service, self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CHANGE, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        bridge.changed.connect(self._on_changed)
        self.show_target(None)

    def show_target(self, target_id: int | None) -> None:
        """Show the history of ``target_id`` (None shows nothing)."""
        self.model.show_target(target_id)
        self._update_title()

    def _on_changed(self, changes: Changes) -> None:
        self.model.refresh(changes)
        self._update_title()

    def _update_title(self) -> None:
        target = self.model.target
        if target is None:
            self.title.setText(self.tr("Select a target to see who changed what, and when."))
        else:
            self.title.setText(self.tr("History of “%1”: %n changes", "",
                                       self.model.total()).replace("%1", target.name))
