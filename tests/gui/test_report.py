"""The managers' PDF: produced, vector, fonts embedded, Chinese text selectable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker import messages
from tracker.gui import dialogs
from tracker.gui.main_window import MainWindow
from tracker.gui.report_pdf import write_report
from tracker.gui.settings import Settings
from tracker.gui.transfer_actions import install_transfer_actions
from tracker.io.demo import ensure_demo_database
from tracker.service import TrackerService

TODAY = date(2022, 12, 1)
HEATING = "清洁取暖改造"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="pdftotext (poppler-utils) is not installed")
# Run the report command as tracker.app will register it (through extra_commands).
RUNNER = ("from tracker import cli\nfrom tracker.gui.report_command import report\n"
          "cli.main(extra_commands=[report])")


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, encoding="utf-8", check=True)
    return result.stdout


def test_report_is_a_pdf_with_pages(qtbot, gui_service, tmp_path):  # noqa: ARG001
    path = tmp_path / "report.pdf"
    pages = write_report(path, gui_service.rows(TODAY), on=TODAY)
    assert path.read_bytes().startswith(b"%PDF") and pages >= 2
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@needs_poppler
def test_chinese_text_is_selectable_with_figures_and_sentences(qtbot, gui_service, tmp_path):  # noqa: ARG001
    messages.set_language("zh")
    path = tmp_path / "report.pdf"
    write_report(path, gui_service.rows(TODAY), on=TODAY)
    words = pdf_text(path)
    for expected in ("目标进度报告", "报告日期：2022-12-01", "各状态指标数", "民生保障",
                     HEATING, "103,516户", "108.51%", "已完成",
                     "清洁取暖改造完成103,516户，完成年度目标的108.51%。"):
        assert expected in words.replace(" ", "") or expected in words, expected


@needs_poppler
def test_fonts_are_embedded_and_text_is_not_an_image(qtbot, gui_service, tmp_path):  # noqa: ARG001
    path = tmp_path / "report.pdf"
    write_report(path, gui_service.rows(TODAY), on=TODAY)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert images == []


@needs_poppler
def test_english_report(qtbot, gui_service, tmp_path):  # noqa: ARG001
    messages.set_language("en")
    path = tmp_path / "report.pdf"
    write_report(path, gui_service.rows(TODAY), on=TODAY)
    words = " ".join(pdf_text(path).split())
    assert "Progress report" in words and "Targets by status" in words
    assert f"{HEATING}: 103,516 households done, 108.51% of the annual target." in words


def test_report_command_without_a_display(tmp_path):
    db = tmp_path / "demo.sqlite"
    ensure_demo_database(db)
    out = tmp_path / "report.pdf"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LANG")}
    env |= {"LANG": "zh_CN.UTF-8", "PYTHONUTF8": "1"}
    run = [sys.executable, "-c", RUNNER, "report", "--db", str(db), "--on", "2022-12-01"]
    result = subprocess.run([*run, "--out", str(out), "--category", "民生保障"], env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF") and "15个指标" in result.stdout
    bad = subprocess.run([*run[:-2], "--on", "2022-02-30", "--out", str(out)], env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert bad.returncode == 2 and "日期" in bad.stderr


@needs_poppler
def test_report_action_covers_the_rows_shown(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite"
    ensure_demo_database(path)
    window = MainWindow(TrackerService.open(path), Settings())
    qtbot.addWidget(window)
    if "report" not in window.actions_:
        install_transfer_actions(window)
    out = tmp_path / "shown.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *args: out)
    window.target_filter.set_criteria(category="经济运行")
    window.actions_["report"].trigger()
    words = pdf_text(out)
    assert "地区生产总值" in words and HEATING not in words
