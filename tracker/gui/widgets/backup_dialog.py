"""The list of a database's backups, newest first, to pick one to restore."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.storage.backup import BackupInfo


def local_time(info: BackupInfo) -> str:
    """When the backup was taken, in the computer's time zone, to the second."""
    return info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupDialog(QDialog):
    """Shows ``backups`` (date and time, size, file) and returns the one chosen to restore.

    ``exec()`` is Accepted only when the user pressed Restore with a backup selected; then
    ``selected_backup()`` is that backup.
    """

    def __init__(self, backups: list[BackupInfo], folder: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from backup"))
        self._backups = sorted(backups, key=lambda b: b.taken_at, reverse=True)
        intro = QLabel(self.tr(
            "Backups are taken when a database is opened and closed, if it changed. "
            "Restoring replaces the current file with the chosen backup; the current file is "
            "moved aside, not deleted.") + "\n" + self.tr("Folder: %1").replace("%1", folder))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(len(self._backups), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken"), self.tr("Size"), self.tr("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        locale = QLocale()
        for row, info in enumerate(self._backups):
            size = QTableWidgetItem(locale.formattedDataSize(
                info.size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate(
                    (QTableWidgetItem(local_time(info)), size, QTableWidgetItem(info.path.name))):
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.empty = QLabel(self.tr("There are no backups of this database yet."))
        self.empty.setVisible(not self._backups)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
        if self._backups:
            self.table.selectRow(0)

    def backups(self) -> list[BackupInfo]:
        """The backups listed, newest first (row order)."""
        return list(self._backups)

    def selected_backup(self) -> BackupInfo | None:
        """The backup of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)
