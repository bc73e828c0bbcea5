"""How a status looks: a colour from the Okabe-Ito palette (told apart by colour-blind
readers) always paired with a label and a distinct icon shape, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon

from tracker.domain import Status
from tracker.gui.resources import icon

STATUS_COLORS: dict[Status, str] = {
    Status.ACHIEVED: "#009E73",  # bluish green
    Status.ON_TRACK: "#0072B2",  # blue
    Status.AT_RISK: "#E69F00",  # orange
    Status.BEHIND: "#D55E00",  # vermillion
    Status.OVERDUE: "#CC79A7",  # reddish purple
    Status.NO_DATA: "#8C8C8C",  # grey
}

# Worst first, for sorting by status.
STATUS_ORDER: dict[Status, int] = {
    Status.OVERDUE: 0,
    Status.BEHIND: 1,
    Status.AT_RISK: 2,
    Status.ON_TRACK: 3,
    Status.ACHIEVED: 4,
    Status.NO_DATA: 5,
}


def status_color(status: Status) -> QColor:
    """The status colour."""
    return QColor(STATUS_COLORS[status])


def status_icon(status: Status) -> QIcon:
    """A shape per status (check, arrow, triangle, diamond, clock, dash)."""
    return icon(f"status-{status.value.replace('_', '-')}")


def status_text(status: Status) -> str:
    """The status in the interface language."""
    return {
        Status.ACHIEVED: QCoreApplication.translate("Status", "achieved"),
        Status.ON_TRACK: QCoreApplication.translate("Status", "on track"),
        Status.AT_RISK: QCoreApplication.translate("Status", "at risk"),
        Status.BEHIND: QCoreApplication.translate("Status", "behind"),
        Status.OVERDUE: QCoreApplication.translate("Status", "overdue"),
        Status.NO_DATA: QCoreApplication.translate("Status", "no data"),
    }[status]
