"""Theme: WCAG contrast of every colour pair in both scales, elderly sizes measured on real widgets, Chinese fonts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qtkit.fonts import CJK_FONT_FILES, draws_chinese, find_cjk_family
from qtkit.theme import (
    ELDERLY,
    SCALES,
    STANDARD,
    Theme,
    build_stylesheet,
    color_pairs,
    contrast_ratio,
    current_scale,
    scale_named,
)
from qtkit.widgets import BannerLevel, BannerMessage, BigButton, MessageBanner, StepRail, StepRailModel

Themed = Callable[[str], Theme]


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#FFFFFF"), QColor("#FFFFFF")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#FFFFFF"), QColor("#0000FF")) == pytest.approx(8.59, abs=0.01)


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_every_colour_pair_reaches_4_5_to_1(scale: str) -> None:
    pairs = color_pairs(scale)
    assert len(pairs) > 30
    weak = [f"{p.name}: {p.foreground} on {p.background} = {p.ratio:.2f}" for p in pairs if p.ratio < 4.5]
    assert not weak, weak


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_every_text_colour_in_the_style_sheet_is_a_checked_pair(scale: str) -> None:
    foregrounds = {p.foreground.upper() for p in color_pairs(scale)}
    sheet = build_stylesheet(scale)
    used = {part.split(";")[0].strip().upper() for part in sheet.split(" color: ")[1:]}
    assert used and used <= foregrounds


def test_scales_follow_the_elderly_guidance() -> None:
    assert ELDERLY.body_pt >= 18 and ELDERLY.small_pt >= 18 and ELDERLY.title_pt >= 30
    assert ELDERLY.touch_px >= 60 and ELDERLY.control_px >= 60
    assert STANDARD.touch_px >= 44 and STANDARD.control_px >= 24
    assert scale_named("elderly") is ELDERLY
    with pytest.raises(ValueError, match="unknown theme scale"):
        scale_named("huge")


def test_the_style_sheet_parses_without_qt_warnings(qtbot: QtBot, themed: Themed, qtlog: object) -> None:
    for scale in SCALES:
        themed(scale)
        panel = _panel()
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
    messages = [m.message for m in qtlog.records]  # type: ignore[attr-defined]
    assert not [m for m in messages if "style" in m.lower() or "parse" in m.lower()], messages


def _panel() -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.addWidget(QLabel("办理须知：请携带身份证原件", panel))
    layout.addWidget(QPushButton("下一步", panel))
    layout.addWidget(QLineEdit("320115199003070043", panel))
    combo = QComboBox(panel)
    combo.addItems(["随父亲落户", "随母亲落户"])
    layout.addWidget(combo)
    layout.addWidget(QCheckBox("同时申领社保卡", panel))
    layout.addWidget(BigButton("开始办理", panel, primary=True))
    banner = MessageBanner(panel)
    banner.show_message(BannerMessage(BannerLevel.WARNING, "缺少户口簿，可容缺受理", "查看清单"))
    layout.addWidget(banner)
    layout.addWidget(StepRail(StepRailModel(["选择事项", "回答问题", "提交材料"], current=1), panel))
    return panel


def test_elderly_sizes_measured_on_real_widgets(qtbot: QtBot, themed: Themed) -> None:
    themed("elderly")
    assert current_scale() is ELDERLY
    panel = _panel()
    qtbot.addWidget(panel)
    panel.resize(1080, 900)
    panel.show()
    qtbot.waitExposed(panel)
    texts = panel.findChildren(QLabel) + panel.findChildren(QPushButton) + panel.findChildren(QLineEdit)
    texts += panel.findChildren(QCheckBox) + panel.findChildren(QComboBox)
    assert len(texts) >= 10
    for widget in texts:
        assert widget.font().pointSizeF() >= 18, (type(widget).__name__, widget.font().pointSizeF())
        assert QFontInfo(widget.font()).pointSizeF() >= 18
    for widget in (
        panel.findChildren(QPushButton) + panel.findChildren(QLineEdit) + panel.findChildren(QComboBox)
    ):
        if widget.isVisible():
            assert widget.height() >= 60, (
                type(widget).__name__,
                widget.text() if hasattr(widget, "text") else "",
                widget.height(),
            )
    big = panel.findChildren(BigButton)[0]
    assert big.height() >= 60 and big.width() >= 60 and big.height() >= ELDERLY.touch_px


def test_standard_sizes_suit_the_window_client(qtbot: QtBot, themed: Themed) -> None:
    themed("standard")
    panel = _panel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    button = panel.findChildren(QPushButton)[0]
    assert button.font().pointSizeF() == STANDARD.body_pt
    assert button.height() >= STANDARD.control_px
    assert panel.findChildren(BigButton)[0].height() >= STANDARD.touch_px


def test_a_cjk_font_is_found_and_chinese_renders(qtbot: QtBot, themed: Themed) -> None:
    theme = themed("standard")
    assert theme.font_family is not None and draws_chinese(theme.font_family)
    label = QLabel("通办：高效办成一件事")
    qtbot.addWidget(label)
    label.setStyleSheet("QLabel { background: #FFFFFF; color: #000000; }")
    label.show()
    qtbot.waitExposed(label)
    assert QFontInfo(label.font()).family() == theme.font_family
    metrics = QFontMetrics(label.font())
    assert all(metrics.inFontUcs4(ord(char)) for char in "通办高效办成一件事")
    dark = _dark_pixels(label.grab().toImage())
    assert dark > 100, "the Chinese text drew (almost) nothing"
    other = QLabel("政务服务大厅自助终端")
    qtbot.addWidget(other)
    other.setStyleSheet(label.styleSheet())
    other.setFixedSize(label.size())
    assert other.grab().toImage() != label.grab().toImage(), (
        "different characters must not draw the same boxes"
    )


def _dark_pixels(image: QImage) -> int:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 128
    )


def test_a_font_file_is_loaded_when_fontconfig_does_not_list_the_family(qapp: QApplication) -> None:
    files = [p for p in CJK_FONT_FILES if p.is_file()]
    if not files:
        pytest.skip("no CJK font file at the known paths")
    family = find_cjk_family(preferred=("Not A Real Font SC",), files=files[:1])
    assert family is not None and draws_chinese(family)
    assert family.endswith("SC"), "from a .ttc collection the Simplified Chinese face is chosen"
    assert family in QFontDatabase.families()


def test_no_cjk_font_is_a_clear_warning(
    qapp: QApplication, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.WARNING, logger="qtkit.fonts"):
        assert find_cjk_family(preferred=("Not A Real Font",), files=[tmp_path / "missing.ttc"]) is None
    assert "no font for Chinese" in caplog.text and "fonts-noto-cjk" in caplog.text
