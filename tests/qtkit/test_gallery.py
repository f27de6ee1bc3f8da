"""Screenshots of the widget gallery in both scales (looked at by eye; here: they exist and are not blank)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from qtkit.screenshots import save_screenshot
from qtkit.theme import Theme
from qtkit.widgets import SignaturePad
from tests.qtkit.gallery import build_gallery, busy_demo, sign

SIZES = {"standard": (1366, 768), "elderly": (1080, 1920)}  # window client; portrait kiosk


@pytest.mark.parametrize("scale", ["standard", "elderly"])
def test_gallery_screenshots(qtbot: QtBot, themed: Callable[[str], Theme], scale: str) -> None:
    themed(scale)
    gallery = build_gallery()
    qtbot.addWidget(gallery)
    gallery.resize(*SIZES[scale])
    gallery.show()
    qtbot.waitExposed(gallery)
    sign(gallery.findChildren(SignaturePad)[0])
    path = save_screenshot(gallery, Path(f"/tmp/qtkit-gallery-{scale}.png"))
    image = QImage(str(path))
    assert image.width() == SIZES[scale][0]
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20, "the screenshot is (nearly) blank"
    overlay = busy_demo(gallery)
    qtbot.waitUntil(lambda: overlay.spinner.spinning)
    save_screenshot(gallery, Path(f"/tmp/qtkit-gallery-{scale}-busy.png"))
    overlay.finish()
