"""Fixtures for GUI tests: a demo service, its bridge, and Qt settings kept out of $HOME."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from PySide6.QtCore import QCoreApplication, QSettings

from tracker.gui.bridge import ServiceBridge
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
