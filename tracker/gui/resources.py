"""The one module that knows where icons, style sheets and translations live.

It registers Qt search paths, so style sheets can say ``url(icons:add.svg)`` and code asks
for ``icon("add")`` without knowing the folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import platformdirs

from PySide6.QtCore import QDir, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from tracker.paths import resources_dir

LANGUAGES = ("zh", "en")


def register_search_paths() -> None:
    """Let Qt find ``icons:…``, ``styles:…`` and ``translations:…``."""
    root = resources_dir()
    for prefix in ("icons", "styles", "translations"):
        QDir.setSearchPaths(prefix, [str(root / prefix)])


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``."""
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def style_sheet() -> str:
    """The application style sheet."""
    path = resources_dir() / "styles" / "tracker.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def system_language() -> str:
    """Chinese when the system locale is Chinese, English otherwise."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def translation_file(language: str) -> Path | None:
    """The compiled translation for ``language``; English is the source text and needs none.

    A checkout has the .qm built by scripts/build_translations. An installed copy ships only
    the .ts source, so it is compiled once into the user's cache folder with the lrelease
    that comes with PySide6.
    """
    if language == "en":
        return None
    source = resources_dir() / "translations" / "tracker_zh_CN.ts"
    built = source.with_suffix(".qm")
    if built.exists() and (not source.exists() or built.stat().st_mtime >= source.stat().st_mtime):
        return built
    if not source.exists():
        return None
    cached = Path(platformdirs.user_cache_dir("tracker", appauthor=False)) / built.name
    if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
        return cached
    return cached if _compile(source, cached) else None


def _compile(source: Path, target: Path) -> bool:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or \
        shutil.which("pyside6-lrelease")
    if lrelease is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([lrelease, "-silent", str(source), "-qm", str(target)],
                            capture_output=True, check=False)
    return result.returncode == 0 and target.exists()


class Translations:
    """Installs and swaps the application's translators (ours and Qt's own dialogs')."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Switch to ``language``; False when its translation file is missing."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        path = translation_file(language)
        if path is None:
            return True
        ours = QTranslator(self._app)
        if not ours.load(str(path)):
            return False
        self._installed.append(ours)
        qt_own = QTranslator(self._app)
        if qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                       _qt_translations_dir()):
            self._installed.append(qt_own)
        for translator in self._installed:
            self._app.installTranslator(translator)
        return True


def _qt_translations_dir() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
