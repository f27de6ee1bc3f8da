"""一事一评 at the kiosk (GB/T 39734-2020 §7.1 评价次数; domain review §5 E3): the citizen looks up a decided
case and rates its result — on this kiosk's own case as its second rating, once; for a case this kiosk
does not hold (taken at a window), queued and sent to the platform, which keeps one per case."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from pytestqt.qtbot import QtBot

from core.cases.model import CaseStatus
from core.cases.ratings import RatingChannel, RatingStage
from kiosk.screens.rating import RatingOutcome, record_rating
from services.sandbox import FATHER_CARD, EmbeddedPlatform
from tests.kiosk.conftest import KioskFactory
from tests.kiosk.test_progress import accept_here, on_store, progress_screen, uploaded


def _platform_doc(platform: EmbeddedPlatform, number: str) -> dict[str, Any]:
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        (doc,) = db.execute("SELECT doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    return dict(json.loads(doc))


def test_the_citizen_rates_a_decided_case_from_the_progress_screen_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    ctx = driver.app.ctx
    assert ctx is not None and ctx.sync is not None
    case = accept_here(qtbot, driver, FATHER_CARD)

    def decided_here() -> bool:
        ctx.sync.sync_now()  # type: ignore[union-attr]
        local = on_store(qtbot, driver, lambda store: ctx.case_service(store).get(case.number))
        return uploaded(qtbot, driver, case.number) and local.status in (
            CaseStatus.COMPLETED,
            CaseStatus.REJECTED,
        )

    qtbot.waitUntil(decided_here, timeout=60_000)

    def rate_from_progress() -> None:
        qtbot.waitUntil(lambda: driver.on("menu"), timeout=20_000)
        driver.click("办件进度查询")
        qtbot.waitUntil(
            lambda: driver.on("progress") and case.number in progress_screen(driver).cards, timeout=30_000
        )
        card = progress_screen(driver).cards[case.number]
        assert card.rate_button is not None and card.rate_button.text() == "评价办理结果"
        driver.click(card.rate_button)
        qtbot.waitUntil(lambda: driver.on("rating"), timeout=10_000)

    driver.place_card(0)  # 周建国
    rate_from_progress()
    assert driver.screen("rating").title_label.text() == "请为办理结果评价"
    driver.click("★★ 不满意")
    driver.click("等待时间长、办理慢")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            on_store(qtbot, driver, lambda store: ctx.case_service(store).get(case.number)).rating(
                RatingStage.RESULT
            )
            is not None
        ),
        timeout=10_000,
    )
    rated = on_store(qtbot, driver, lambda store: ctx.case_service(store).get(case.number))
    result = rated.rating(RatingStage.RESULT)
    assert result is not None and result.rectification is not None  # a 差评: 整改 opened here
    assert (result.level, result.channel, result.reason) == (2, RatingChannel.KIOSK, "等待时间长、办理慢")
    assert rated.rating(RatingStage.INTAKE) is None  # only the result was rated: nothing else changed
    assert driver.window.session.result_case is None
    # Synced as the case's own event: the platform's copy holds the result rating.
    ctx.sync.sync_now()
    qtbot.waitUntil(
        lambda: any(
            e.get("stage") == "result" for e in _platform_doc(platform, case.number).get("evaluations", [])
        ),
        timeout=30_000,
    )

    rate_from_progress()  # the same citizen again: the result is rated once
    driver.click("★★★★★ 非常满意")
    qtbot.waitUntil(lambda: driver.on("menu"), timeout=10_000)
    qtbot.waitUntil(lambda: "已经评价过" in driver.banner_text(), timeout=10_000)
    again = on_store(qtbot, driver, lambda store: ctx.case_service(store).get(case.number))
    assert again.rating(RatingStage.RESULT) == result


def test_a_case_the_kiosk_does_not_hold_is_rated_on_the_platform_once(
    qtbot: QtBot, make_kiosk: KioskFactory, platform: EmbeddedPlatform
) -> None:
    driver = make_kiosk(platform=platform)
    ctx = driver.app.ctx
    assert ctx is not None and ctx.sync is not None
    elsewhere = "32011526120700300017"  # a window's case: not in this kiosk's store

    def rate(level: int, reason: str) -> RatingOutcome:
        return on_store(
            qtbot,
            driver,
            lambda store: record_rating(ctx, store, [], level, reason, ["progress"], result_case=elsewhere),
        )

    assert rate(1, "说好十天，拖了一个月") == RatingOutcome((), True)
    assert rate(4, "") == RatingOutcome((), True)  # the kiosk cannot know: the platform decides
    queued = on_store(qtbot, driver, lambda store: store.kiosk_ratings.all())
    assert [(q.body["case_number"], q.body["stage"]) for q in queued] == [(elsewhere, "result")] * 2
    ctx.sync.sync_now()
    qtbot.waitUntil(
        lambda: on_store(qtbot, driver, lambda store: store.kiosk_ratings.pending()) == [], timeout=30_000
    )
    with sqlite3.connect(f"file:{platform.db}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT body, follow_up FROM kiosk_ratings").fetchall()
    assert len(rows) == 1  # the second rating of the same case's result was not kept
    assert '"case_number": "32011526120700300017"' in rows[0][0] and rows[0][1] is not None
