"""The window's part of ``tongban demo --hall`` (services/hall_demo.py): 叫号 → the intake → 好差评.

In a process of its own, against the hall server the demo started, with the window device it
enrolled (DATA_DIR's tongban.toml: ``window_no`` 1). With ``out_dir``, offscreen and scripted:
window01 logs in, F5 calls the next ticket — 林晓雨's, taken at the kiosk with her ID card — and the
intake opens pre-filled with her name and number (the window with its queue bar is grabbed); staff
read her card, take the 新生儿出生 bundle through to acceptance, and she rates the service, so the
ticket is DONE with the case number and RATED on the hall server. Without ``out_dir``, the window
client on screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from core.flows.intake import Step
from qtkit.walkthrough import Stage, Walkthrough, quiet_qt_messages
from services.sandbox import DEMO_STAFF
from window_client.app import WindowApp
from window_client.driver import IntakeDriver
from window_client.walkthrough import accept_stages, scripted_options

STAFF = "window01"
SHOWN = frozenset({"21-accepted", "23-rated"})  # of the intake's stages, the ones the hall demo keeps


def window_part(data_dir: Path, out_dir: Path | None, lang: str) -> int:
    """The window client: scripted into ``out_dir``, or on screen when ``out_dir`` is None."""
    if out_dir is None:
        from window_client.demo import run_window

        return run_window(data_dir, lang)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = qInstallMessageHandler(quiet_qt_messages)
    qapp = QApplication.instance() or QApplication(["tongban-hall-window"])
    assert isinstance(qapp, QApplication)
    app = WindowApp(qapp, scripted_options(data_dir, lang=lang))
    walk = Walkthrough(app, out_dir, call_stages(app, out_dir), lambda: app.main_window)
    walk.end_loop_when_finished(qapp)
    try:
        app.start()
        walk.start()
        qapp.exec()
    finally:
        app.stop()  # waits for the ticket's last steps to be sent (or kept in the outbox)
        qInstallMessageHandler(previous)
    if not walk.outcome.ok:
        print(f"walk-through stopped: {walk.outcome.message}", file=sys.stderr)
        return 1
    return 0


def call_stages(app: WindowApp, out_dir: Path) -> list[Stage]:
    d = IntakeDriver(app)
    nothing: Callable[[], None] = lambda: None  # noqa: E731

    def call() -> None:
        d.window.call_action.trigger()  # F5

    def called() -> bool:
        queue = d.window.queue
        return (
            queue is not None
            and queue.current is not None
            and not queue.busy
            and bool(d.flow.applicant.get("name"))
        )

    intake = [
        replace(s, name=f"w-{s.name}") if s.name in SHOWN else replace(s, screenshot=False)
        for s in accept_stages(app, d, out_dir)
    ]
    return [
        Stage(
            "w0",
            nothing,
            lambda: app.login_window is not None and app.login_window.isVisible(),
            screenshot=False,
        ),
        Stage(
            "w1", lambda: d.log_in(STAFF, DEMO_STAFF[STAFF]), lambda: d.on(Step.APPLICANT), screenshot=False
        ),
        Stage("hall-2-window-queue-panel", call, called, timeout_s=20),
        Stage("w2", lambda: d.place_card(0), lambda: d.flow.applicant_source == "id_card", screenshot=False),
        *intake,
    ]
