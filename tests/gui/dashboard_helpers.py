"""Helpers for the dashboard tests: find a target, edit it, wait for the charts to redraw.

The ``target_filter`` and ``dashboard`` fixtures they work with are in tests/gui/conftest.py.
"""

from __future__ import annotations

from tracker.commands import UpdateTarget
from tracker.gui.bridge import ServiceBridge
from tracker.gui.dashboard import DashboardWidget

CLEAN_HEATING = "清洁取暖改造"


def target_id(bridge: ServiceBridge, name: str) -> int:
    found = bridge.service.find_target(name).id
    assert found is not None
    return found


def lengths(dashboard: DashboardWidget) -> dict[int, float]:
    return {bar.target_id: bar.length for bar in dashboard.bars.bar_data()}


def settle(qtbot, dashboard: DashboardWidget) -> None:
    """Let the coalescing timer run, as the event loop would after an edit."""
    with qtbot.waitSignal(dashboard.feed.updated, timeout=2000):
        pass


def update_target(bridge: ServiceBridge, name: str, **changes: object) -> None:
    target = bridge.service.find_target(name)
    assert target.id is not None
    assert bridge.run(UpdateTarget(target.id, changes, target.version, target.name))
