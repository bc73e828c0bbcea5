"""Screenshots of Tracker on the demo data, in Chinese and English (run via scripts/screenshots).

Each language gets: the targets table, the dashboard, the target editor, the read-only
window, and the import preview of the demo's figures sent again (one revised, one added).
The PNGs go to docs/screenshots/ (or --out DIR) so anyone can repeat and compare them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tracker import messages  # noqa: E402
from tracker.gui.application import TrackerApp, make_application  # noqa: E402
from tracker.gui.import_wizard import ImportWizard  # noqa: E402
from tracker.gui.settings import Settings  # noqa: E402
from tracker.gui.widgets.target_editor import TargetEditor  # noqa: E402
from tracker.io.demo import ensure_demo_database  # noqa: E402
from tracker.io.exporter import export_measurements  # noqa: E402

SIZE = (1500, 900)


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts, lazy fetches and coalesced chart updates finish."""
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def shoot(app: QApplication, controller: TrackerApp, db: Path, language: str, out: Path) -> None:
    controller.settings.set_language(language)
    controller.set_language(language)
    controller.open(db)
    window = controller.window
    assert window is not None
    window.resize(*SIZE)
    window.show()
    settle(app)
    heating = window.service.find_target("清洁取暖改造").id
    window.select_target(heating)
    settle(app)
    save(window, out / f"main-{language}.png")
    window.views.setCurrentIndex(1)
    settle(app)
    save(window, out / f"dashboard-{language}.png")
    window.views.setCurrentIndex(0)
    row = window.current_row()
    assert row is not None
    editor = TargetEditor(window.bridge, row.target, [], [], window)
    editor.show()
    settle(app)
    save(editor, out / f"editor-{language}.png")
    editor.reject()
    save_import_preview(app, window, out / f"import-{language}.png")
    window.close()
    controller.open(db, read_only=True)
    read_only = controller.window
    assert read_only is not None
    read_only.resize(*SIZE)
    read_only.show()
    settle(app)
    save(read_only, out / f"read-only-{language}.png")
    read_only.close()


def save_import_preview(app: QApplication, window, path: Path) -> None:
    """The preview of the demo's figures exported and imported again, as an office sends
    its sheet back: one figure revised, one added."""
    sheet = path.with_suffix(".csv")
    export_measurements(window.service, sheet)
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    name, unit, as_of, value, *rest = next(
        line.split(",") for line in lines if line.startswith("清洁取暖改造,"))
    revised = ",".join([name, unit, as_of, str(int(value) + 120), *rest])
    added = ",".join([name, unit, "2022-12-31", str(int(value) + 900), "", ""])
    body = [revised if line.startswith(f"{name},{unit},{as_of},") else line for line in lines]
    sheet.write_text("\n".join([*body, added]) + "\n", encoding="utf-8-sig")
    wizard = ImportWizard(window.bridge, window, sheet)
    wizard.show()
    settle(app)
    wizard.next()
    wizard.next()
    settle(app)
    save(wizard, path)
    wizard.reject()
    sheet.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--languages", default="zh,en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Settings and the demo database live in a temporary folder: the shots never depend
        # on (or change) the user's own.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_application([sys.argv[0]])
        # One controller, as in the app, so switching language swaps its translators.
        controller = TrackerApp(app, Settings())
        for language in args.languages.split(","):
            # The demo's audit rows record their source in the language of the moment.
            messages.set_language(language)
            db = Path(tmp) / f"demo-shuozhou-2022-{language}.sqlite"
            ensure_demo_database(db)
            shoot(app, controller, db, language, args.out)
        QTimer.singleShot(0, app.quit)
        app.exec()


if __name__ == "__main__":
    main()
