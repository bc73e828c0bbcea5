"""Fixtures for the fault tests: backups kept in the test's own folder, a seeded database."""

from __future__ import annotations

from pathlib import Path

import pytest
from fault_kit import seed_database


@pytest.fixture(autouse=True)
def backup_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups go under the test's tmp_path, never into the user's data folder."""
    root = tmp_path / "backups"
    monkeypatch.setenv("TRACKER_BACKUP_DIR", str(root))
    return root


@pytest.fixture
def seeded_db(tmp_path: Path) -> Path:
    """Path of a freshly seeded database file in tmp_path."""
    return seed_database(tmp_path / "office.sqlite")
