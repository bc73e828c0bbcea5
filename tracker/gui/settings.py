"""What the window remembers between runs (QSettings): geometry, column widths, the last
and recent databases, and the language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Typed access to QSettings, so keys and types live in one place."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._s = settings or QSettings()

    def language(self) -> str | None:
        """The language chosen in the app, or None to follow the system."""
        value = self._s.value("ui/language")
        return str(value) if value in ("zh", "en") else None

    def set_language(self, language: str) -> None:
        self._s.setValue("ui/language", language)

    def recent_databases(self) -> list[Path]:
        """Recently opened databases, newest first, only those that still exist."""
        raw = self._s.value("files/recent", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(p) for p in items if Path(p).exists()]

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent list."""
        resolved = str(path.resolve())
        items = [str(p) for p in self.recent_databases() if str(p) != resolved]
        self._s.setValue("files/recent", [resolved, *items][:MAX_RECENT])

    def last_database(self) -> Path | None:
        """The database open when the app last closed, if it still exists."""
        recent = self.recent_databases()
        return recent[0] if recent else None

    def geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._s.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, state: QByteArray) -> None:
        self._s.setValue("window/state", state)

    def header_state(self, name: str) -> QByteArray | None:
        """Column widths and order of a table (by name)."""
        value = self._s.value(f"tables/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_header_state(self, name: str, state: QByteArray) -> None:
        self._s.setValue(f"tables/{name}", state)

    def splitter_state(self) -> QByteArray | None:
        value = self._s.value("window/splitter")
        return value if isinstance(value, QByteArray) else None

    def set_splitter_state(self, state: QByteArray) -> None:
        self._s.setValue("window/splitter", state)
