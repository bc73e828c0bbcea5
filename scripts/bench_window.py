"""Window start-up time and peak memory, each measured in a fresh process.

``measure_window(kind, db)`` starts ``python bench_window.py child KIND [DB]`` with
QT_QPA_PLATFORM=offscreen and Qt settings in a temporary folder, and returns a WindowRun:
the seconds from just before the process was started until the first paint of the window's
table with its rows (an event filter on the table's viewport sees the Paint event; the time is
taken when control returns to the event loop, after the paint), and the process's peak
resident memory (ru_maxrss) once the window has settled for a moment after that paint (with
the dashboard's modules, which Tracker loads in the background meanwhile).

KIND "bare" is the baseline: a QMainWindow with a QTableView over a trivial model and a
pyqtgraph PlotWidget, which is the least any PySide6 + pyqtgraph window costs. KIND "app" is
Tracker as `tracker` starts it (make_application, TrackerApp.open) on DB. Both go through the
same steps and the same clocks (time.monotonic is one system-wide clock on Linux and macOS).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# How long the window runs after its first paint before its peak memory is read: past the
# moment Tracker loads the dashboard's modules in the background (tracker.gui.chart_preload,
# a second after the window is made), whose import is then waited for, so that they count.
SETTLE_MS = 1500
TIMEOUT_S = 120


@dataclass(frozen=True)
class WindowRun:
    """One start of a window: seconds to its first painted table, peak memory in MiB."""

    startup_s: float
    peak_mib: float
    rows: int


def measure_window(kind: str, db: Path | None, backups: Path) -> WindowRun:
    """Start the ``kind`` window ("bare" or "app" on ``db``) in a fresh process and measure it.

    The app's backups-on-open go to ``backups`` (never the user's folder); keep it for every
    start of a benchmark so that, as in daily use, an unchanged file is backed up only once.
    """
    with tempfile.TemporaryDirectory(prefix="tracker-bench-settings-") as settings:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRACKER_BENCH_SETTINGS": settings,
               "TRACKER_BACKUP_DIR": str(backups)}
        command = [sys.executable, str(Path(__file__).resolve()), "child", kind]
        if db is not None:
            command.append(str(db))
        start = time.monotonic()
        done = subprocess.run(command, env=env, capture_output=True, text=True,
                              timeout=TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} window failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return WindowRun(report["painted_at"] - start, report["maxrss_kib"] / 1024, report["rows"])


# -- the child process ----------------------------------------------------------------------


def _child(kind: str, db: str | None) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings

    # Before anything reads QSettings: the user's own settings must not matter.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      os.environ["TRACKER_BENCH_SETTINGS"])
    if kind == "bare":
        app, window, table = _bare_window()
    else:
        assert db is not None, "the app needs a database"
        app, window, table = _app_window(Path(db))
    watcher = _FirstPaint(table)
    table.viewport().installEventFilter(watcher)
    if not window.isVisible():
        window.show()
    app.exec()
    print(json.dumps(watcher.report))
    QCoreApplication.processEvents()


def _bare_window():  # noqa: ANN202 - Qt types are imported inside the child only
    import pyqtgraph as pg
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTableView

    class Trivial(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else 100

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else 11

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN202
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{index.row()}·{index.column()}"
            return None

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView()
    model = Trivial(table)
    table.setModel(model)
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2, 3], [1, 3, 2, 4])
    splitter = QSplitter()
    splitter.addWidget(table)
    splitter.addWidget(plot)
    window.setCentralWidget(splitter)
    window.resize(1400, 860)
    return app, window, table


def _app_window(db: Path):  # noqa: ANN202
    sys.path.insert(0, str(ROOT))
    from tracker.gui.application import TrackerApp, make_application
    from tracker.gui.settings import Settings

    app = make_application(sys.argv[:1])
    settings = Settings()
    settings.set_language("zh")
    controller = TrackerApp(app, settings)
    if not controller.open(db):
        raise SystemExit(f"cannot open {db}")
    window = controller.window
    assert window is not None
    app.setProperty("benchController", controller)  # keep it alive
    return app, window, window.table


def _watcher_class():  # noqa: ANN202
    import resource

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        """Records the first paint of a table showing rows, then ends the event loop."""

        def __init__(self, table) -> None:  # noqa: ANN001
            super().__init__()
            self.table = table
            self.report: dict[str, float] = {}
            self._seen = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802, ANN001
            if (not self._seen and event.type() == QEvent.Type.Paint
                    and self.table.model().rowCount() > 0):
                self._seen = True
                # Runs once the paint has been done and control is back in the event loop.
                QTimer.singleShot(0, self._painted)
            return False

        def _painted(self) -> None:
            self.report["painted_at"] = time.monotonic()
            self.report["rows"] = self.table.model().rowCount()
            QTimer.singleShot(SETTLE_MS, self._settled)

        def _settled(self) -> None:
            preload = getattr(self.table.window(), "_chart_preload", None)
            if preload is not None:
                from tracker.gui import chart_preload

                self.report["charts_preloaded"] = chart_preload.started()
                preload.stop()  # waits for the import, which then counts
            self.report["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            QApplication.quit()

    return FirstPaint


def _FirstPaint(table):  # noqa: ANN001, ANN202, N802
    return _watcher_class()(table)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "child":
        _child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        with tempfile.TemporaryDirectory(prefix="tracker-bench-backups-") as kept:
            for which, path in (("bare", None), *(("app", Path(p)) for p in sys.argv[1:])):
                run = measure_window(which, path, Path(kept))
                print(f"{which:5} {str(path or ''):60} {run.startup_s * 1000:7.0f} ms "
                      f"{run.peak_mib:7.1f} MiB  {run.rows} rows")
