"""The kiosk's and the hall display's parts of ``tongban demo --hall`` (services/hall_demo.py).

Each part runs in a process of its own, as in a hall, against the hall server the demo started and
with the device it enrolled (DATA_DIR holds its tongban.toml): with ``out_dir`` the scripted part,
offscreen, a PNG of its stages; without, the device on screen for a person to use.

- The kiosk: 林晓雨 places her ID card and takes a ticket for 新生儿出生“一件事” (the window calls it
  up by her card: the intake is pre-filled), then a citizen without an ID card takes one for 公积金
  — still waiting when the display is shown. The printed tickets go to ``ticket.txt``.
- The display: the board as the hall server holds it — the call the window made, the lanes' waiting
  counts — read by the display's own polling, then grabbed at 1920×1080.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from core.clock import SystemClock
from core.config import CONFIG_NAME, load_config
from kiosk.app import KioskApp
from kiosk.context import KioskOptions
from kiosk.driver import KioskDriver
from kiosk.screens.ticket import TicketScreen
from kiosk.walkthrough import SIZE, Script
from qtkit.walkthrough import Outcome, Stage, Walkthrough, in_order, quiet_qt_messages

MOTHER: Final = 1  # the demo kiosk's cards: 周建国, then 林晓雨 (services.sandbox.demo_config)
BY_CARD: Final = "newborn"  # 新生儿出生“一件事”: what the window calls her up for
ANONYMOUS: Final = "hpf_housing_loan"  # a second citizen, no ID card: still waiting on the display
DISPLAY_SIZE: Final = (1920, 1080)


def kiosk_part(data_dir: Path, out_dir: Path | None, lang: str) -> int:
    """The kiosk: scripted into ``out_dir``, or on screen when ``out_dir`` is None."""
    if out_dir is None:
        from kiosk.demo import run_kiosk

        return run_kiosk(data_dir, mode="general", elderly=False, lang=lang)
    qapp, previous = _offscreen_app("tongban-hall-kiosk")
    options = KioskOptions.sandbox(
        data_dir, mode="general", elderly=False, lang=lang, speech=False, size=SIZE, sync_interval_ms=0
    )
    app = KioskApp(qapp, options)
    script = Script(KioskDriver(app), out_dir)
    walk = Walkthrough(app, out_dir, ticket_stages(script), lambda: app.window)
    walk.end_loop_when_finished(qapp)
    try:
        app.start()
        walk.start()
        qapp.exec()
        script.save_printed("ticket.txt")
    finally:
        app.stop()
        qInstallMessageHandler(previous)
    return _report(walk.outcome)


def ticket_stages(s: Script) -> list[Stage]:
    """Two tickets: hers by ID card (the ticket's screen grabbed), then one without a card."""
    d = s.d

    def ticket() -> TicketScreen:
        screen = d.screen("ticket")
        assert isinstance(screen, TicketScreen)
        return screen

    def page(name: str) -> Callable[[], bool]:
        return lambda: d.on("ticket") and ticket().pages.currentWidget() is getattr(ticket(), name)

    def her_card() -> None:
        d.remove_card()
        d.place_card(MOTHER)

    def choose(service: str) -> Callable[[], None]:
        return lambda: d.click(ticket().choice_button(service))

    def no_claim() -> None:
        d.click("都不是，直接取号", ticket())

    def printed_more() -> Callable[[], bool]:
        return lambda: page("done_page")() and s.receipt_out()

    def mark() -> None:
        s.printed_before = len(d.printed())

    hers = [
        Stage("k1-card", her_card, s.on("menu"), screenshot=False),
        Stage("k2", s.click("取号排队"), page("service_page"), screenshot=False),
        Stage("k3", choose(BY_CARD), page("claim_page"), screenshot=False),
        Stage("hall-1-kiosk-ticket", in_order(mark, no_claim), printed_more(), timeout_s=30),
        Stage(
            "k4", lambda: d.click(ticket().finish_button), lambda: not d.window.in_session, screenshot=False
        ),
    ]
    anonymous = [
        Stage("k5", d.tap_attract, s.on("menu"), screenshot=False),
        Stage("k6", s.click("取号排队"), page("identify_page"), screenshot=False),
        Stage("k7", lambda: d.click(ticket().anonymous_button), page("service_page"), screenshot=False),
        Stage("k8", choose(ANONYMOUS), page("claim_page"), screenshot=False),
        Stage("k9", in_order(mark, no_claim), printed_more(), timeout_s=30, screenshot=False),
        Stage(
            "k10", lambda: d.click(ticket().finish_button), lambda: not d.window.in_session, screenshot=False
        ),
    ]
    nothing: Callable[[], None] = lambda: None  # noqa: E731
    return [*s.online(), Stage("k0", nothing, lambda: d.ready, screenshot=False), *hers, *anonymous]


def display_part(data_dir: Path, out_dir: Path | None, lang: str) -> int:
    """The hall display: scripted (its board grabbed once it shows a call), or on screen."""
    from kiosk.hall_display import HallDisplay, HallDisplayApp, run_hall_display

    if out_dir is None:
        return run_hall_display(data_dir, data_dir / CONFIG_NAME, windowed=True)
    from qtkit.i18n import install_translator
    from qtkit.theme import apply_theme

    qapp, previous = _offscreen_app("tongban-hall-display")
    install_translator(qapp, lang)
    theme = apply_theme(qapp)
    config = load_config(data_dir / CONFIG_NAME, data_dir)
    display = HallDisplay(config.hall_name, theme.colors, speaker=None, notices=config.display_notices)
    display.resize(*DISPLAY_SIZE)
    app = HallDisplayApp(display, data_dir, SystemClock())
    nothing: Callable[[], None] = lambda: None  # noqa: E731
    stages = [Stage("hall-3-display", nothing, lambda: bool(display.state.calls), timeout_s=30)]
    walk = Walkthrough(display, out_dir, stages, lambda: display)
    walk.end_loop_when_finished(qapp)
    try:
        display.show()
        app.start()
        walk.start()
        qapp.exec()
    finally:
        app.stop()
        display.close()
        qInstallMessageHandler(previous)
    return _report(walk.outcome)


def _offscreen_app(name: str) -> tuple[QApplication, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = qInstallMessageHandler(quiet_qt_messages)
    qapp = QApplication.instance() or QApplication([name])
    assert isinstance(qapp, QApplication)
    return qapp, previous


def _report(outcome: Outcome) -> int:
    """A part's exit code; what went wrong on stderr for the demo's parent to show."""
    if not outcome.ok:
        print(f"walk-through stopped: {outcome.message}", file=sys.stderr)
        return 1
    return 0
