"""Asking the user, in plain Python: a yes/no question, an inline error, a conflict choice.

Logic asks ``confirm(...)`` and gets a bool, never a QMessageBox button, so a test can
monkeypatch it (Mu's ``show_confirmation`` idea). The inline pieces replace pop-ups: a field's
problem sits under the field, and a refused edit offers its choices in a banner while the
user's typed value stays on screen (with someone else's newer value beside it); ``undo_key``
names the Undo shortcut for "… — Ctrl+Z to undo" messages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Okabe-Ito vermillion, as the "behind" status uses; a style sheet may override it.
ERROR_COLOR = "#B34700"
# Okabe-Ito blue: someone else's value, told apart from the user's own and from errors.
THEIRS_COLOR = "#0072B2"
BANNER_BACKGROUND = "#FFF4E0"


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; True only for an explicit Yes (No is the default button)."""
    answer = QMessageBox.question(
        parent, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def undo_key() -> str:
    """The Undo shortcut as this platform writes it ("Ctrl+Z", "⌘Z"), for "… to undo" hints."""
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText)


def field_error_label(parent: QWidget | None = None) -> QLabel:
    """A small label for a field's problem (objectName "fieldError"), hidden while empty."""
    return _note_label(parent, "fieldError", ERROR_COLOR)


def their_value_label(parent: QWidget | None = None) -> QLabel:
    """A label under a field for someone else's newer value (objectName "theirValue")."""
    return _note_label(parent, "theirValue", THEIRS_COLOR)


def _note_label(parent: QWidget | None, name: str, color: str) -> QLabel:
    # A palette colour, not a style sheet, so the application's style sheet can restyle it.
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    label.setPalette(palette)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """Show ``message`` in an error label, or hide the label when it is empty."""
    label.setText(message)
    label.setVisible(bool(message))


class ConflictBanner(QFrame):
    """Says a change was refused because someone else changed the row, and offers the choice.

    objectName "conflictBanner". ``offer(message, keep)`` shows the message (the newer value
    and the user's own) and keeps ``keep``, which "Keep mine" calls to re-run the change
    against the newer version; "Use theirs" drops it and emits ``use_theirs``. Nothing is
    decided until the user presses one.
    """

    use_theirs = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(BANNER_BACKGROUND))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
        self.setPalette(palette)
        self._keep: Callable[[], object] | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_button = QPushButton(self.tr("Keep mine"), self)
        self.keep_button.setToolTip(self.tr("Save your value over the newer one"))
        self.theirs_button = QPushButton(self.tr("Use theirs"), self)
        self.theirs_button.setToolTip(self.tr("Drop your change and keep the newer value"))
        self.keep_button.clicked.connect(self._keep_mine)
        self.theirs_button.clicked.connect(self._use_theirs)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.theirs_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.hide()

    def offer(self, message: str, keep: Callable[[], object]) -> None:
        """Show ``message`` and wait for the user; "Keep mine" will call ``keep``."""
        self._keep = keep
        self.message.setText(message)
        self.show()
        self.keep_button.setFocus()

    def dismiss(self) -> None:
        """Hide the banner and forget the pending change (the user moved on)."""
        self._keep = None
        self.hide()

    def text(self) -> str:
        """The message shown (for tests and screen readers)."""
        return self.message.text()

    def _keep_mine(self) -> None:
        keep = self._keep
        self.dismiss()
        if keep is not None:
            keep()

    def _use_theirs(self) -> None:
        self.dismiss()
        self.use_theirs.emit()
