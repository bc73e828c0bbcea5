"""The figures a manager reads first: how many targets, how many achieved, how many behind
pace, and how fresh the data is.

Tiles are plain QLabels named ``headline`` (the figure) and ``headlineCaption`` (what it
counts) inside frames named ``headlineTile``, so the style sheet can restyle them.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tracker.domain import Status
from tracker.gui.dashboard.feed import STATUS_CODE, Snapshot
from tracker.gui.status_style import status_icon
from tracker.units import format_number

# Statuses counted as "behind pace" in the headline.
BEHIND_PACE = (Status.AT_RISK, Status.BEHIND, Status.OVERDUE)


def local_time(stamp: str) -> datetime | None:
    """An ISO ``updated_at`` stamp in local time; None when blank or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.astimezone()  # a stamp without a zone is taken as local already


class _Tile(QFrame):
    def __init__(self, status: Status | None = None) -> None:
        super().__init__()
        self.setObjectName("headlineTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        self.value.setObjectName("headline")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel()
        self.caption.setObjectName("headlineCaption")
        self.caption.setWordWrap(True)
        palette = self.caption.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#5f5f5f"))
        self.caption.setPalette(palette)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.value)
        text.addWidget(self.caption)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        if status is not None:
            icon = QLabel()
            icon.setPixmap(status_icon(status).pixmap(24, 24))
            icon.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(icon)
        row.addLayout(text, 1)


class Headlines(QWidget):
    """Four tiles: targets, achieved, behind pace, last updated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot: Snapshot | None = None
        self._targets = _Tile()
        self._achieved = _Tile(Status.ACHIEVED)
        self._behind = _Tile(Status.BEHIND)
        self._updated = _Tile()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for tile in (self._targets, self._achieved, self._behind, self._updated):
            layout.addWidget(tile, 1)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self._snapshot is not None:
            self.set_snapshot(self._snapshot)
        super().changeEvent(event)

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """Count ``snapshot``'s rows."""
        self._snapshot = snapshot
        counts = np.bincount(snapshot.status, minlength=len(STATUS_CODE))
        total = len(snapshot)
        achieved = int(counts[STATUS_CODE[Status.ACHIEVED]])
        behind = int(sum(counts[STATUS_CODE[s]] for s in BEHIND_PACE))
        share = f"{100 * achieved / total:.0f}%" if total else "—"
        self._targets.value.setText(format_number(total))
        self._targets.caption.setText(self.tr("targets shown"))
        self._achieved.value.setText(format_number(achieved))
        self._achieved.caption.setText(self.tr("achieved (%1 of targets)").replace("%1", share))
        self._behind.value.setText(format_number(behind))
        self._behind.caption.setText(self.tr("behind pace (at risk, behind or overdue)"))
        moment = local_time(snapshot.last_change)
        self._updated.value.setText(moment.strftime("%Y-%m-%d %H:%M") if moment else "—")
        self._updated.caption.setText(self.tr("data last updated (local time)"))

    def values(self) -> dict[str, str]:
        """The figures shown, by tile: targets, achieved, behind, updated."""
        return {
            "targets": self._targets.value.text(),
            "achieved": self._achieved.value.text(),
            "behind": self._behind.value.text(),
            "updated": self._updated.value.text(),
        }
