"""The dashboard tab: headline figures on top, completion bars left, the selected target's
timeline and the status summary right.

It shows exactly the rows the shared TargetFilter passes, and redraws from one path: the
filter's signals and ServiceBridge.changed are coalesced by VisibleRows into one snapshot per
burst, so an import of many rows redraws once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from tracker.domain import NotFoundError
from tracker.gui.bridge import ServiceBridge
from tracker.gui.dashboard.completion_bars import CompletionBars
from tracker.gui.dashboard.feed import Snapshot, VisibleRows
from tracker.gui.dashboard.headlines import Headlines
from tracker.gui.dashboard.status_summary import StatusSummary
from tracker.gui.dashboard.timeline import NO_FIGURES, Timeline
from tracker.gui.models.filters import TargetFilter


class DashboardWidget(QWidget):
    """Charts over the targets the shared filter passes; click a bar to pick its target."""

    # A bar was clicked: the target id, for the window to select it in the table too.
    target_activated = Signal(int)

    def __init__(
        self, bridge: ServiceBridge, target_filter: TargetFilter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self._bridge = bridge
        self._selected: int | None = None
        self.headlines = Headlines()
        self.bars = CompletionBars()
        self.timeline = Timeline()
        self.summary = StatusSummary()

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.timeline)
        right.addWidget(self.summary)
        right.setSizes([620, 380])  # kept in proportion when first laid out
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.bars)
        main.addWidget(right)
        main.setSizes([560, 440])
        main.setChildrenCollapsible(False)
        right.setChildrenCollapsible(False)
        self.splitter = main
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.headlines)
        layout.addWidget(main, 1)

        self.bars.target_clicked.connect(self._bar_clicked)
        self.feed = VisibleRows(bridge, target_filter, self)
        self.feed.updated.connect(self._apply)
        self.feed.flush()

    # -- public -------------------------------------------------------------------------

    def show_target(self, target_id: int | None) -> None:
        """Show ``target_id``'s timeline and mark its bar; None clears the selection."""
        self._selected = target_id
        self._load_timeline()
        self.bars.set_selected(self._selected)

    def selected_target(self) -> int | None:
        """The target whose timeline is shown."""
        return self._selected

    def refresh_now(self) -> None:
        """Redraw from pending changes at once instead of on the next turn of the event loop."""
        self.feed.flush()

    # -- internals ----------------------------------------------------------------------

    def _apply(self, snapshot: Snapshot) -> None:
        self.headlines.set_snapshot(snapshot)
        self.bars.set_snapshot(snapshot)
        self.summary.set_snapshot(snapshot)
        if self._selected is not None and (
            snapshot.everything or self._selected in snapshot.changed_ids
        ):
            self._load_timeline()
            self.bars.set_selected(self._selected, reveal=False)

    def _load_timeline(self) -> None:
        if self._selected is None:
            self.timeline.show_target(None, NO_FIGURES)
            return
        service = self._bridge.service
        try:
            row = service.row(self._selected)
            series = service.figure_series(self._selected)
        except NotFoundError:
            self._selected = None  # deleted (here or elsewhere): nothing left to show
            self.timeline.show_target(None, NO_FIGURES)
            return
        self.timeline.show_target(row, series)

    def _bar_clicked(self, target_id: int) -> None:
        self.show_target(target_id)
        self.target_activated.emit(target_id)
