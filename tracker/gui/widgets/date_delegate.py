"""Editing a date cell with a QDateEdit and its calendar, written yyyy-MM-dd like the office does.

QStyledItemDelegate's own event filter already commits on Enter and cancels on Esc; this
delegate only makes the editor (a calendar popup, the ISO format) and moves QDate values.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QDateEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

DATE_FORMAT = "yyyy-MM-dd"
Index = QModelIndex | QPersistentModelIndex


def make_date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A QDateEdit with a calendar popup and the yyyy-MM-dd format, as every date field uses."""
    editor = QDateEdit(parent)
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(DATE_FORMAT)
    return editor


def to_qdate(value: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(value.year, value.month, value.day)


class DateDelegate(QStyledItemDelegate):
    """Edits the model's QDate (EditRole) in a QDateEdit with a calendar popup."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        editor = make_date_edit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            if isinstance(value, date):
                value = to_qdate(value)
            if isinstance(value, QDate) and value.isValid():
                editor.setDate(value)
            return
        super().setEditorData(editor, index)

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QDateEdit):
            model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def displayText(self, value: object, locale: QLocale) -> str:  # noqa: N802
        # The display role is already ISO text; a QDate or date (from another model) is made so.
        if isinstance(value, QDate):
            return value.toString(DATE_FORMAT)
        if isinstance(value, date):
            return value.isoformat()
        return super().displayText(value, locale)
