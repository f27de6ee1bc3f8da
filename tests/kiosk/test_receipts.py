"""A kiosk's 受理回执 goes through the printer's owner: its health follows every print, a retry reuses the open job."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.printing import PrintFailed
from core.store.print_jobs import PrintJobStatus
from devices.manager import DeviceHealth
from kiosk.context import KioskContext
from kiosk.receipts import print_receipts
from services.sandbox import FATHER_CARD, MOTHER_CARD
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_progress import accept_here, on_store

RECEIPT = "受理回执".encode("gb18030")


def printer_health(ctx: KioskContext) -> DeviceHealth:
    return next(h for h in ctx.devices.health() if h.role == "printer")


def test_a_receipt_after_paper_out_brings_the_printer_back_without_a_check(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    driver = make_kiosk()
    ctx = driver.app.ctx
    assert ctx is not None
    printer = driver._simulators().printer
    earlier = accept_here(qtbot, driver, MOTHER_CARD)
    case = accept_here(qtbot, driver, FATHER_CARD)
    qtbot.waitUntil(lambda: printer_health(ctx).ok is True, timeout=10_000)  # the start-up probe
    printer.set_paper("out")
    outcomes: list[object] = []
    print_receipts(ctx, earlier, on_done=outcomes.append, on_error=outcomes.append)
    qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=20_000)
    print_receipts(ctx, case, on_done=outcomes.append, on_error=outcomes.append)
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=20_000)
    assert all(isinstance(o, PrintFailed) and "缺纸" in o.message for o in outcomes), outcomes
    health = printer_health(ctx)  # known when the failure is: no probe was needed
    assert health.ok is False and "缺纸" in health.message, health
    assert RECEIPT not in printer.received

    printer.set_paper("ok")
    print_receipts(ctx, case, on_done=outcomes.append, on_error=outcomes.append)
    qtbot.waitUntil(lambda: len(outcomes) == 3, timeout=20_000)
    assert outcomes[2] == ("receipt",)
    health = printer_health(ctx)
    assert health.ok is True and health.message == "就绪", health
    # One receipt: this citizen's failed job was printed, not a second one; the earlier citizen's
    # open job stays for staff (a kiosk never hands one citizen's paper to the next).
    assert printer.received.count(RECEIPT) == 1
    assert earlier.number.encode() not in printer.received
    jobs = on_store(qtbot, driver, lambda store: store.print_jobs.open_jobs())
    assert [j.case_number for j in jobs] == [earlier.number]
    mine = on_store(qtbot, driver, lambda store: store.print_jobs.jobs_for(case.number))
    assert [j.status for j in mine] == [PrintJobStatus.PRINTED]
