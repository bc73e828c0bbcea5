"""Shared fixtures: one in-memory database per test, the demo, and the message language."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

from tracker import messages
from tracker.io.demo import demo_command
from tracker.service import TrackerService
from tracker.storage import open_database

TODAY = date(2022, 12, 1)


@pytest.fixture
def service() -> Iterator[TrackerService]:
    """A fresh, migrated in-memory database whose today is 2022-12-01."""
    svc = TrackerService(open_database(None), who="tester", today=lambda: TODAY)
    yield svc
    svc.close()


@pytest.fixture
def demo_service(service: TrackerService) -> TrackerService:
    """The service with the Shuozhou 2022 demo loaded."""
    service.execute(demo_command())
    return service


@pytest.fixture(autouse=True)
def _backups_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory,
                                   monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Backups that tests take (a window closing on a changed file takes one) go to a
    temporary folder, never the user's own data folder."""
    monkeypatch.setenv("TRACKER_BACKUP_DIR", str(tmp_path_factory.mktemp("backups")))
    yield
    # A closing window backs up on a thread: it finishes within the test that started it.
    for thread in threading.enumerate():
        if thread.name == "tracker-close-backup":
            thread.join()


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    # Tests that switch the message language must not leak it into the next test.
    before = messages.language()
    yield
    messages.set_language(before)


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    """Run the test once with Chinese messages and once with English."""
    messages.set_language(request.param)
    return request.param
