"""Fixtures for GUI tests: a demo service, its bridge, and Qt settings kept out of $HOME;
the dashboard over the shared filter, the figure panel, and two services on one file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from editor_helpers import heating

from PySide6.QtCore import QCoreApplication, QSettings

from tracker.gui.bridge import ServiceBridge
from tracker.gui.dashboard import DashboardWidget
from tracker.gui.models.filters import TargetFilter
from tracker.gui.models.targets import TargetsModel
from tracker.gui.widgets.measurements_panel import MeasurementsPanel
from tracker.io.demo import demo_command
from tracker.service import TrackerService
from tracker.storage import open_database

TODAY = date(2022, 12, 1)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings in a temporary folder, so tests neither read nor leave user settings."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("TrackerTests")
    QCoreApplication.setApplicationName("tracker-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield


@pytest.fixture
def gui_service() -> Iterator[TrackerService]:
    """An in-memory database with the Shuozhou demo, judged on 2022-12-01."""
    service = TrackerService(open_database(None), who="tester", today=lambda: TODAY)
    service.execute(demo_command())
    yield service


@pytest.fixture
def bridge(qtbot, gui_service: TrackerService) -> Iterator[ServiceBridge]:  # noqa: ARG001
    """A ServiceBridge over the demo service."""
    bridge = ServiceBridge(gui_service)
    yield bridge
    bridge.detach()


@pytest.fixture
def target_filter(bridge: ServiceBridge) -> TargetFilter:
    """The shared filter over a table model that refreshes from bridge.changed."""
    model = TargetsModel(bridge.service)
    bridge.changed.connect(model.refresh)
    proxy = TargetFilter()
    proxy.setSourceModel(model)
    proxy._model = model  # keep the source model alive as long as the proxy
    return proxy


@pytest.fixture
def dashboard(qtbot, bridge: ServiceBridge, target_filter: TargetFilter) -> DashboardWidget:
    """The dashboard over the shared filter, shown at 1400x900."""
    widget = DashboardWidget(bridge, target_filter)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def panel(qtbot, bridge: ServiceBridge) -> MeasurementsPanel:
    """The figure panel showing the clean-heating target."""
    widget = MeasurementsPanel(bridge)
    qtbot.addWidget(widget)
    widget.show_target(heating(bridge.service).id)
    return widget


@pytest.fixture
def two_services(tmp_path: Path) -> Iterator[tuple[ServiceBridge, TrackerService]]:
    """One demo file opened twice: a bridge over "me" and a plain service for "colleague"."""
    path = tmp_path / "shared.db"
    mine = TrackerService.open(path, who="me")
    mine.execute(demo_command())
    theirs = TrackerService.open(path, who="colleague")
    bridge = ServiceBridge(mine)
    yield bridge, theirs
    bridge.detach()
    theirs.close()
    mine.close()
