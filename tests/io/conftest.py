"""Messages in English for the I/O tests, whose assertions look for English words."""

from __future__ import annotations

import pytest

from tracker import messages


@pytest.fixture(autouse=True)
def _english() -> None:
    # The root conftest restores the language after each test.
    messages.set_language("en")
