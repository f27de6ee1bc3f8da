"""Translations: Chinese sources, an English catalogue that loads, is complete, and matches the sources."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import qtkit
from qtkit.i18n import current_language, fill, install_translator, translations_dir
from qtkit.widgets import (
    BannerLevel,
    BannerMessage,
    MessageBanner,
    SyncStatus,
    SyncStatusModel,
    SyncStatusWidget,
)

REPO = Path(qtkit.__file__).resolve().parent.parent
TS = translations_dir() / "tongban_en.ts"


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", "")): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_english_loads_and_known_strings_translate(qapp: QApplication, chinese: None) -> None:
    assert QCoreApplication.translate("BusyOverlay", "取消") == "取消"
    assert install_translator(qapp, "en")
    assert current_language(qapp) == "en"
    assert QCoreApplication.translate("BusyOverlay", "取消") == "Cancel"
    assert (
        QCoreApplication.translate("SyncStatusWidget", "待上传 %n 条", None, 1)
        == "1 record waiting to upload"
    )
    assert (
        QCoreApplication.translate("SyncStatusWidget", "待上传 %n 条", None, 3)
        == "3 records waiting to upload"
    )
    assert fill(
        QCoreApplication.translate("StepRail", "第 %1 步，共 %2 步：%3（%4）"), 2, 5, "Form", "current step"
    ) == ("Step 2 of 5: Form (current step)")
    assert install_translator(qapp, "zh_CN")
    assert current_language(qapp) == "zh_CN"
    assert QCoreApplication.translate("BusyOverlay", "取消") == "取消"


def test_widgets_retranslate_on_a_running_screen(qtbot: QtBot, qapp: QApplication, chinese: None) -> None:
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show_message(BannerMessage(BannerLevel.WARNING, "缺少户口簿"))
    status = SyncStatusWidget(SyncStatusModel())
    qtbot.addWidget(status)
    status.model.set_status(SyncStatus(online=True, pending=2))
    assert banner.accessibleName() == "注意：缺少户口簿" and status.online_text() == "在线"
    install_translator(qapp, "en")  # LanguageChange reaches the widgets through the event loop
    qtbot.waitUntil(lambda: banner.accessibleName() == "Warning: 缺少户口簿", timeout=5000)
    assert banner.close_button.text() == "Close"
    assert status.online_text() == "Online" and status.pending_text() == "2 records waiting to upload"
    assert status.sync_button.text() == "Sync now"
    install_translator(qapp, "zh_CN")
    qtbot.waitUntil(lambda: banner.close_button.text() == "关闭", timeout=5000)
    assert status.sync_button.text() == "立即同步"


def test_a_missing_catalogue_warns_and_chinese_stays(
    qapp: QApplication, chinese: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="qtkit.i18n"):
        assert not install_translator(qapp, "en", directory=tmp_path)
    assert "stays in Chinese" in caplog.text and "tongban_en.qm" in caplog.text
    assert current_language(qapp) == "zh_CN"
    assert QCoreApplication.translate("BusyOverlay", "取消") == "取消"
    with pytest.raises(ValueError, match="unknown language"):
        install_translator(qapp, "fr")


def test_every_qtkit_string_has_an_english_translation() -> None:
    found = messages(TS)
    assert len(found) >= 40
    untranslated = []
    for key, message in found.items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            untranslated.append(key)
    assert not untranslated, untranslated


def test_the_committed_catalogue_matches_the_sources(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "tongban_en.ts"
    shutil.copy(TS, copy)
    sources = sorted(
        str(p)
        for package in ("qtkit", "window_client", "kiosk")
        for p in (REPO / package).rglob("*.py")
        if "__pycache__" not in p.parts
    )
    subprocess.run(
        [
            str(lupdate),
            "-no-obsolete",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            *sources,
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert set(messages(copy)) == set(messages(TS)), "run installer/tools/update_translations.sh"
    assert (translations_dir() / "tongban_en.qm").stat().st_mtime >= TS.stat().st_mtime - 1
