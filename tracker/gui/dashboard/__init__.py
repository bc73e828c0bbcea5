"""The dashboard tab: completion bars, the selected target's timeline, status counts and
headline figures, all over the rows the shared TargetFilter passes."""

from tracker.gui.dashboard.widget import DashboardWidget

__all__ = ["DashboardWidget"]
