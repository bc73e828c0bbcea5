"""Shared fixtures: one in-memory database per test, the demo, and the message language."""

from __future__ import annotations

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
