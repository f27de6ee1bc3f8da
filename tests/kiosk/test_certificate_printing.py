"""The A4 certificate is drawn on a worker thread, not the GUI thread (issue #10, GUI-thread stalls).

QPainter may paint on a QPrinter outside the GUI thread (Qt, "Thread-Support in Qt Modules",
Painting in Threads). Drawn on the GUI thread, the page took 6-33 ms of its CPU per print
(bench/kiosk_soak.py), and the spinner stood still meanwhile.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from core.flows.certificate import CertificateDocument, CertificateStage
from kiosk.printing import pdf_printer, render_a4
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_certificate import certificates_on, online_kiosk, to_preview, transaction


def test_the_a4_page_is_drawn_off_the_gui_thread_while_the_kiosk_keeps_drawing(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    screen = to_preview(qtbot, driver)
    tx = transaction(driver)
    ctx = driver.app.ctx
    assert ctx is not None
    pdf = tmp_path / "certificate.pdf"
    printing, release = threading.Event(), threading.Event()
    drawn_on: list[str] = []

    def slow_print(document: CertificateDocument) -> bool:
        drawn_on.append(threading.current_thread().name)
        printing.set()
        release.wait(3)  # a print service slow to take the job
        return render_a4(pdf_printer(pdf), document)

    ctx.print_a4 = slow_print
    ticks: list[int] = []
    beat = QTimer()
    beat.setInterval(5)
    beat.timeout.connect(lambda: ticks.append(1))
    beat.start()
    try:
        driver.click("打印（A4纸）")
        qtbot.waitUntil(printing.is_set, timeout=10_000)
        before = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) > before + 5, timeout=2_000)  # the GUI thread runs meanwhile
        assert not release.is_set() and driver.waiting and tx.stage is CertificateStage.PRINTING
    finally:
        release.set()
        beat.stop()
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=20_000)
    assert drawn_on and drawn_on[0] != threading.main_thread().name
    assert screen.pages.currentWidget() is screen.done_page and not driver.waiting
    assert pdf.is_file() and pdf.stat().st_size > 1000
    assert [c["status"] for c in certificates_on(platform)] == ["issued"]
