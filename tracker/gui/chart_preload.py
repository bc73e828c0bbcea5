"""The dashboard's modules (pyqtgraph, numpy and the charts), loaded in the background.

The window paints first without them (they take about 0.4 s to import, which its first paint
need not wait for), and the dashboard is built on first use. Importing them on a thread of
their own a moment after the window is up means that first use only builds it: on 10,000
targets the first switch to the dashboard took 0.65 s, 0.4 s of it importing. Importing is
plain Python and C (no widget is made), and the window stays responsive meanwhile (the
thread yields the GIL every few ms: the event loop was never held up more than ~20 ms).
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading

from PySide6.QtCore import QObject, QTimer

#: The module that brings every other the dashboard needs.
CHARTS = "tracker.gui.dashboard.widget"
#: How long after the window is made the import starts: after its first paint and whatever
#: the user does first.
PRELOAD_AFTER_MS = 1000


class ChartPreload:
    """Imports CHARTS on a thread PRELOAD_AFTER_MS after being made, unless it is loaded
    already or ``stop()`` came first. ``stop()`` also waits for an import under way (by
    whichever window started it): an interpreter should not exit in the middle of a C
    extension's import."""

    def __init__(self, owner: QObject) -> None:
        self._stopped = False
        QTimer.singleShot(PRELOAD_AFTER_MS, owner, self._start)

    def _start(self) -> None:
        global _thread  # one import per process, whichever window asks first
        with _lock:
            if self._stopped or _thread is not None or CHARTS in sys.modules:
                return
            _thread = threading.Thread(target=_load, name="tracker-chart-preload", daemon=True)
            _thread.start()

    def stop(self) -> None:
        """Start nothing from now on (the window closes), and let a running import end."""
        self._stopped = True
        with _lock:
            running = _thread
        if running is not None:
            running.join()


_lock = threading.Lock()
_thread: threading.Thread | None = None


def started() -> bool:
    """Whether the background import was started in this process."""
    return _thread is not None


def _load() -> None:
    # A failure is not lost: building the dashboard imports it again, and says why.
    with contextlib.suppress(Exception):
        importlib.import_module(CHARTS)
