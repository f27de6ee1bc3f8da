"""A rating at the kiosk after a service that left no local case (a certificate) is queued in the store
and reaches the platform exactly once (GB/T 39734 §7.1; domain review §5 E3: before, it went only into
the audit log, where nobody followed it up)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.flows.certificate import CertificateStage
from core.store.store import Store
from services.sandbox import EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_certificate import online_kiosk, pdf_hook, to_preview, transaction


def ratings_on(platform: EmbeddedPlatform) -> list[dict[str, Any]]:
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        return [
            dict(zip(("id", "body"), row, strict=True))
            for row in db.execute("SELECT id, body FROM kiosk_ratings")
        ]


def test_a_bad_rating_after_a_certificate_is_queued_and_synced_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform, tmp_path: Path
) -> None:
    driver = online_kiosk(qtbot, make_kiosk, platform)
    to_preview(qtbot, driver)
    tx = transaction(driver)
    assert driver.app.ctx is not None
    driver.app.ctx.print_a4 = pdf_hook(tmp_path / "certificate.pdf")
    driver.click("打印（A4纸）")
    qtbot.waitUntil(lambda: tx.stage is CertificateStage.ISSUED, timeout=20_000)
    driver.click("完成")
    qtbot.waitUntil(lambda: driver.on("rating"), timeout=10_000)
    driver.click("★★ 不满意")
    driver.click("设备故障（读卡、扫码、打印）")
    qtbot.waitUntil(lambda: not driver.on("rating"), timeout=10_000)
    with Store.open(tmp_path / "data", clock=SystemClock()) as store:
        # The kiosk records the rating on its store worker: it commits shortly after the screen leaves.
        qtbot.waitUntil(lambda: len(store.kiosk_ratings.all()) == 1, timeout=10_000)
        (queued,) = store.kiosk_ratings.all()
    assert queued.body["level"] == 2 and queued.body["services"] == ["certificate"]
    assert queued.body["reason"] == "设备故障（读卡、扫码、打印）" and queued.body["follow_up"] is True
    assert driver.app.sync is not None
    driver.app.sync.sync_now()
    qtbot.waitUntil(lambda: len(ratings_on(platform)) == 1, timeout=20_000)
    driver.app.sync.sync_now()
    with Store.open(tmp_path / "data", clock=SystemClock()) as store:
        qtbot.waitUntil(lambda: store.kiosk_ratings.pending() == [], timeout=20_000)
    assert [r["id"] for r in ratings_on(platform)] == [queued.id]
