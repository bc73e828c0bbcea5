"""Where Tracker's shipped files and the user's files live (no Qt here)."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "tracker"


def data_root() -> Path:
    """The folder holding db/ and resources/.

    From a source checkout (or an editable install) that is the repository; an installed
    wheel carries them under ``<prefix>/share/tracker`` (pyproject's data-files).
    """
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "db").is_dir() and (checkout / "resources").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / APP_NAME


def demo_file() -> Path:
    """The Shuozhou 2022 demo data."""
    return data_root() / "db" / "demo" / "shuozhou-2022.toml"


def resources_dir() -> Path:
    """Icons, style sheets and translations."""
    return data_root() / "resources"


def user_data_dir() -> Path:
    """The platform's folder for the user's own databases."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The database used when none is named: tracker.sqlite in the user data folder."""
    return user_data_dir() / "tracker.sqlite"


def demo_database() -> Path:
    """Where the demo database is made when the user asks for it without naming a file."""
    return user_data_dir() / "demo-shuozhou-2022.sqlite"
