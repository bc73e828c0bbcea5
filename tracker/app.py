"""Composition root: parse the command line; without a command, open the window.

The window's imports are deferred so `tracker list` and the other commands never pay for
loading Qt.
"""

from __future__ import annotations

from pathlib import Path

from tracker import cli


def launch_window(db: Path | None, read_only: bool) -> int:
    """Open the main window on ``db`` (or the last database used) and run Qt's event loop."""
    from tracker.gui.application import run

    return run(db, read_only=read_only)


def main() -> None:
    """The `tracker` command."""
    from tracker.gui.report_command import report  # a click command; Qt loads only when it runs

    cli.main(open_window=launch_window, extra_commands=[report])
