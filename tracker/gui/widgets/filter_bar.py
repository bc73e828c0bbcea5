"""Category, department, status and search: the criteria shared by the table and the charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from tracker.domain import Status
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.targets import TargetsModel
from tracker.gui.resources import icon
from tracker.gui.status_style import STATUS_ORDER, status_icon, status_text

# With more targets than this, the search waits for a pause in typing: re-filtering 10,000
# rows and redrawing the charts takes some 75 ms, longer than the gap between keystrokes, so
# filtering on each one would make typing stutter. Fewer targets filter as each key is typed.
DEBOUNCE_ROWS = 2_000
DEBOUNCE_MS = 150


class FilterBar(QWidget):
    """Drives a TargetFilter; its choices follow the categories and departments in the data."""

    def __init__(self, model: TargetsModel, target_filter: TargetFilter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._filter = target_filter
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search targets, departments, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.category = QComboBox()
        self.department = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in sorted(Status, key=STATUS_ORDER.__getitem__):
            self.status.addItem(status_icon(status), status_text(status), status)
        self.clear = QPushButton(icon("clear"), self.tr("Clear filters"))
        for label, widget in ((self.tr("Category"), self.category),
                              (self.tr("Department"), self.department),
                              (self.tr("Status"), self.status)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear)
        self.refresh_choices()
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(DEBOUNCE_MS)
        self._typing.timeout.connect(self.apply)
        self.search.textChanged.connect(self._search_edited)
        self.search.returnPressed.connect(self._search_now)  # Enter: no need to wait
        for combo in (self.category, self.department, self.status):
            combo.currentIndexChanged.connect(self.apply)
        self.clear.clicked.connect(self.reset)
        model.modelReset.connect(self.refresh_choices)

    def refresh_choices(self) -> None:
        """Offer the categories and departments present now, keeping the current choice."""
        rows = self._model.rows()
        self._fill(self.category, self.tr("All categories"),
                   sorted({r.target.category for r in rows if r.target.category}))
        self._fill(self.department, self.tr("All departments"),
                   sorted({r.target.department for r in rows if r.target.department}))

    def _fill(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.blockSignals(False)

    def _search_edited(self) -> None:
        # Every target is checked at each change, however few the criteria leave shown.
        if self._model.total() > DEBOUNCE_ROWS:
            self._typing.start()  # restarted by each key: applies once typing pauses
        else:
            self.apply()

    def _search_now(self) -> None:
        if self._typing.isActive():
            self.apply()

    def search_pending(self) -> bool:
        """Whether typed search text waits to be applied."""
        return self._typing.isActive()

    def cancel_pending(self) -> None:
        """Forget typed search text not applied yet (the window is closing)."""
        self._typing.stop()

    def apply(self) -> None:
        """Push the current choices into the shared filter."""
        self._typing.stop()  # whatever was typed is applied now
        self._filter.set_criteria(
            category=self.category.currentData(),
            department=self.department.currentData(),
            status=self.status.currentData(),
            search=self.search.text(),
        )

    def reset(self) -> None:
        """Show every target again."""
        for combo in (self.category, self.department, self.status):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply()

    def focus_search(self) -> None:
        """Ctrl+F: jump to the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
