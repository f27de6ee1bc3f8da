"""Fixtures the GUI test packages share (imported by their conftest.py files)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from qtkit.i18n import install_translator
from qtkit.theme import SCALE_PROPERTY
from services.sandbox import EmbeddedPlatform


@contextmanager
def look_restored(qapp: QApplication) -> Iterator[QApplication]:
    """The application's style, style sheet, palette, font, theme scale and language put back afterwards."""
    style, sheet, palette, font = qapp.style().name(), qapp.styleSheet(), qapp.palette(), qapp.font()
    try:
        yield qapp
    finally:
        install_translator(qapp, "zh_CN")
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style)
        qapp.setPalette(palette)
        qapp.setFont(font)
        qapp.setProperty(SCALE_PROPERTY, None)


@pytest.fixture
def restore_app(qapp: QApplication) -> Iterator[QApplication]:
    """A whole GUI app themes and translates the application: put its look back afterwards."""
    with look_restored(qapp):
        yield qapp


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[EmbeddedPlatform]:
    """The reference platform as a child process on 127.0.0.1, port 0 (restartable on the same port)."""
    embedded = EmbeddedPlatform(tmp_path / "platform", dept_delay="0.05:0.2", seed_random=7)
    embedded.start()
    yield embedded
    embedded.stop()
