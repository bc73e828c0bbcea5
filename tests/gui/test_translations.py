"""The Chinese translation (resources/translations/tracker_zh_CN.ts) is complete and sound.

The .ts is committed; the .qm is built from it (scripts/build_translations) and never committed,
so the QTranslator test compiles its own copy with pyside6-lrelease.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "tracker_zh_CN.ts"
GUI = ROOT / "tracker" / "gui"

PLACEHOLDER = re.compile(r"%[1-9]")
# A keyboard accelerator: "&" before a letter or digit, "&&" being a literal ampersand.
ACCELERATOR = re.compile(r"(?<!&)&(?=[0-9A-Za-z])")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


def qt_tool(name: str) -> str | None:
    """The Qt tool beside this Python (the venv's), else on PATH, else None."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def messages(path: Path) -> list[tuple[str, ET.Element]]:
    """Every (context name, <message>) of the TS file at ``path``."""
    root = ET.parse(path).getroot()
    assert root.tag == "TS"
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def texts(message: ET.Element) -> list[str]:
    """The translated text(s) of ``message``: one per numerus form, else the one."""
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def pairs(path: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source") or "") for context, message in messages(path)}


def where(context: str, message: ET.Element) -> str:
    return f"{context!r}: {message.findtext('source')!r}"


# -- (a) the file itself ----------------------------------------------------------------------


def test_ts_parses_and_is_chinese():
    root = ET.parse(TS).getroot()
    assert root.get("language") == "zh_CN"
    assert messages(TS), "the translation file has no messages"


def test_every_message_is_translated():
    bad = []
    for context, message in messages(TS):
        kind = message.find("translation").get("type")  # type: ignore[union-attr]
        if kind in ("unfinished", "obsolete", "vanished") or not all(
                text.strip() for text in texts(message)):
            bad.append(f"{where(context, message)} ({kind or 'empty'})")
    assert not bad, "untranslated, obsolete or empty:\n" + "\n".join(bad)


def test_numerus_messages_have_one_form():
    """Chinese has no plural forms: each %n message has exactly one, filled in."""
    bad = [where(context, message) for context, message in messages(TS)
           if message.get("numerus") == "yes" and len(texts(message)) != 1]
    assert not bad


def test_no_message_appears_twice():
    seen: set[tuple[str, str, str]] = set()
    twice = []
    for context, message in messages(TS):
        key = (context, message.findtext("source") or "", message.findtext("comment") or "")
        if key in seen:
            twice.append(where(context, message))
        seen.add(key)
    assert not twice


# -- (b) nothing in the code is missing -------------------------------------------------------


def test_every_string_in_the_gui_code_is_in_the_ts(tmp_path: Path):
    lupdate = qt_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh_zh_CN.ts"
    code = sorted(str(p) for p in GUI.rglob("*.py"))
    result = subprocess.run([lupdate, *code, "-no-obsolete", "-ts", str(fresh)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    found = pairs(fresh)
    assert found, "lupdate found no strings in tracker/gui"
    missing = sorted(found - pairs(TS))
    assert not missing, (
        "strings in tracker/gui not in the .ts (run scripts/build_translations --update and "
        "translate them):\n" + "\n".join(f"{c!r}: {s!r}" for c, s in missing))


# -- (c) placeholders, accelerators and markup survive ----------------------------------------


def test_placeholders_are_kept():
    bad = []
    for context, message in messages(TS):
        source = message.findtext("source") or ""
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in texts(message):
            if sorted(PLACEHOLDER.findall(text)) != wanted or ("%n" in source) != ("%n" in text):
                bad.append(f"{where(context, message)} -> {text!r}")
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_accelerators_are_kept():
    """"&File" becomes "文件(&F)": one accelerator in, one out (none in, none out)."""
    bad = []
    for context, message in messages(TS):
        wanted = len(ACCELERATOR.findall(message.findtext("source") or ""))
        for text in texts(message):
            if len(ACCELERATOR.findall(text)) != wanted:
                bad.append(f"{where(context, message)} -> {text!r}")
    assert not bad, "accelerators differ:\n" + "\n".join(bad)


def test_html_tags_are_kept():
    bad = []
    for context, message in messages(TS):
        wanted = sorted(TAG.findall(message.findtext("source") or ""))
        for text in texts(message):
            if sorted(TAG.findall(text)) != wanted:
                bad.append(f"{where(context, message)} -> {text!r}")
    assert not bad, "HTML tags differ:\n" + "\n".join(bad)


def test_status_words_follow_the_terminology():
    """The status words every office knows, exactly (reports and the dashboard rely on them)."""
    by_source = {(c, m.findtext("source")): texts(m)[0] for c, m in messages(TS)}
    assert {s: by_source[("Status", s)] for s in
            ("achieved", "on track", "at risk", "behind", "overdue", "no data")} == {
        "achieved": "已完成", "on track": "符合序时", "at risk": "有风险",
        "behind": "滞后", "overdue": "逾期未完成", "no data": "暂无数据",
    }


# -- (d) the compiled translation works -------------------------------------------------------


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "tracker_zh_CN.qm"
    result = subprocess.run([lrelease, "-silent", str(TS), "-qm", str(qm)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return qm


def test_compiled_translation_loads_and_translates(qapp, compiled: Path):  # noqa: ARG001
    translator = QTranslator()
    assert translator.load(str(compiled))
    assert translator.language() == "zh_CN"
    assert translator.translate("TargetsModel", "Status") == "状态"
    assert translator.translate("Status", "overdue") == "逾期未完成"
    assert translator.translate("MainWindow", "%1%2 — Tracker") == "%1%2 — 目标进度跟踪"


def test_compiled_translation_has_one_form_for_counts(qapp, compiled: Path):  # noqa: ARG001
    translator = QTranslator()
    assert translator.load(str(compiled))
    for n in (1, 2, 5):
        text = translator.translate("AuditView", "History of “%1”: %n changes", "", n)
        assert text and text != "History of “%1”: %n changes"
