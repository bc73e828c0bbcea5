"""The user's language for messages made outside Qt (CLI output, validation, import problems).

The core cannot use Qt's translator, yet its messages reach the user; each message is written
in both languages at the place it is raised and this module picks one.
"""

from __future__ import annotations

import os

_LANGUAGES = ("zh", "en")


def detect_language() -> str:
    """Chinese when the environment's locale is Chinese, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


_language = detect_language()


def set_language(lang: str) -> None:
    """Choose the language for messages: "zh" or "en"."""
    global _language
    if lang not in _LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    """The language messages are given in now."""
    return _language


def text(zh: str, en: str) -> str:
    """The message in the user's language."""
    return zh if _language == "zh" else en
