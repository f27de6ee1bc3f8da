"""长辈版 measured on the real widgets: text size, touch targets and contrast, against the standard kiosk."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.driver import KioskDriver
from qtkit.scales import contrast_ratio
from qtkit.theme import current_scale
from tests.kiosk.conftest import KioskFactory

MIIT_BODY_PT = 18  # research/domain.md §8: main text in elderly UI ≥ 18 pt
MIIT_LARGEST_PT = 30  # the largest main-function text ≥ 30 pt
MIIT_TARGET_PX = 60  # touch targets ≥ 60 × 60
WCAG_AA = 4.5


@dataclass(frozen=True)
class Metrics:
    body_pt: float
    title_pt: float
    smallest_button_px: int
    worst_contrast: float


def rendered_contrast(widget: QWidget) -> float:
    """Contrast between a widget's background (its most common pixel) and its darkest-against-it
    glyph pixel, from what Qt actually drew."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    counts: Counter[int] = Counter()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            counts[image.pixel(x, y)] += 1
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    best = 1.0
    for rgb, seen in counts.items():
        if seen >= 3:  # glyph cores, not a stray anti-aliased pixel
            best = max(best, contrast_ratio(QColor.fromRgb(rgb), background))
    return best


def measure(driver: KioskDriver) -> Metrics:
    screen = driver.screen("menu")
    labels = [w for w in screen.findChildren(QLabel) if w.isVisibleTo(screen) and w.text()]
    buttons = [w for w in screen.findChildren(QAbstractButton) if w.isVisibleTo(screen)]
    assert labels and buttons
    body = min(label.font().pointSizeF() for label in labels)
    title = screen.title_label.font().pointSizeF()
    smallest = min(min(b.width(), b.height()) for b in buttons)
    worst = min(rendered_contrast(w) for w in [screen.title_label, *labels[:3], *buttons])
    return Metrics(body, title, smallest, worst)


def test_elderly_mode_chosen_on_the_attract_screen_is_larger_and_clear(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    window = driver.window
    driver.tap_attract()
    qtbot.waitUntil(lambda: driver.on("menu"))
    standard = measure(driver)
    assert current_scale().name == "kiosk"
    driver.click("结束办理")

    driver.tap_attract(elderly=True)
    qtbot.waitUntil(lambda: driver.on("menu"))
    assert window.session.elderly and current_scale().name == "elderly"
    elderly = measure(driver)
    window.grab().save(str(driver.app.options.data_dir / "elderly-menu.png"))

    assert elderly.body_pt >= MIIT_BODY_PT
    assert elderly.title_pt >= MIIT_LARGEST_PT
    assert elderly.smallest_button_px >= MIIT_TARGET_PX
    assert elderly.worst_contrast >= WCAG_AA and standard.worst_contrast >= WCAG_AA
    assert elderly.body_pt >= standard.body_pt * 1.3  # visibly larger, not a token step
    assert elderly.smallest_button_px > standard.smallest_button_px
    assert window.session.policy.timeout_s > 100  # longer timeouts

    driver.click("结束办理")  # the next citizen gets the standard kiosk back
    assert current_scale().name == "kiosk"


def test_forced_elderly_mode_has_no_way_back_and_speaks_where_it_can(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk(elderly=True, speech=True)
    assert current_scale().name == "elderly"
    assert not driver.window.attract.elderly_button.isVisibleTo(driver.window)
    said: list[str] = []
    speaker = driver.app.speaker
    assert speaker is not None
    speaker.say = said.append  # type: ignore[method-assign]  # record what the kiosk would say
    driver.place_card(0)
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=15_000)
    assert driver.window.session.elderly
    assert any("请选择" in text for text in said)
    metrics = measure(driver)
    assert metrics.body_pt >= MIIT_BODY_PT and metrics.smallest_button_px >= MIIT_TARGET_PX
