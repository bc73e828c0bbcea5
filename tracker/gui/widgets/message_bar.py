"""A bar above the table for refusals and conflicts: said in place, never a pop-up storm."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class MessageBar(QFrame):
    """Shows one message at a time; a conflict offers "Keep mine" and "Use theirs"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.theirs_button = QPushButton(self.tr("Use theirs"))
        self.close_button = QPushButton(self.tr("Dismiss"))
        for button in (self.keep_button, self.theirs_button, self.close_button):
            layout.addWidget(button)
        self.keep_button.clicked.connect(lambda: self._choose(self._keep))
        self.theirs_button.clicked.connect(lambda: self._choose(self._theirs))
        self.close_button.clicked.connect(self.hide)
        self._keep: Callable[[], None] | None = None
        self._theirs: Callable[[], None] | None = None
        self.hide()

    def show_error(self, message: str) -> None:
        """A refusal: what is wrong, and nothing to choose."""
        self._keep = self._theirs = None
        self.label.setText(message)
        self.keep_button.hide()
        self.theirs_button.hide()
        self.close_button.show()
        self.show()

    def show_conflict(
        self, message: str, keep_mine: Callable[[], None], use_theirs: Callable[[], None]
    ) -> None:
        """Someone else changed the row: say so and let the user choose; lose nothing."""
        self._keep, self._theirs = keep_mine, use_theirs
        self.label.setText(message)
        self.keep_button.show()
        self.theirs_button.show()
        self.close_button.hide()
        self.show()

    def _choose(self, action: Callable[[], None] | None) -> None:
        self.hide()
        if action is not None:
            action()
