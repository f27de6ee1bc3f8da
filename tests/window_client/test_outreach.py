"""帮办代办 on an outreach laptop: a newborn case taken offline with the principal's authorisation reaches
the reference platform exactly once after the network comes back, with the authorisation and its files."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from services.sandbox import EmbeddedPlatform
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT, collect_materials, form_sign_accept
from window_client.driver import (
    HELPER_ID,
    IntakeDriver,
)
from window_client.intake.proxy_page import ProxyPage


def authorise(qtbot: QtBot, d: IntakeDriver) -> None:
    """委托代办: helper (the logged-in outreach staff by default), scope, validity, signature, photo."""
    page = d.intake.pages[Step.PROXY]
    assert isinstance(page, ProxyPage)
    assert page.edits["helper_name"].text() == "赵芳"  # outreach01's name, without the account's note
    d.next()
    qtbot.waitUntil(
        lambda: page.problems["helper_id_number"].isVisible(), timeout=WAIT
    )  # the flow says what is missing
    d.type_into(page.edits["helper_id_number"], HELPER_ID)
    qtbot.waitUntil(lambda: d.flow.proxy.get("helper_id_number") == HELPER_ID, timeout=WAIT)
    d.click(page.sign)
    qtbot.waitUntil(lambda: d.signature_panel() is not None and d.signature_panel().isVisible(), timeout=WAIT)  # type: ignore[union-attr]
    panel = d.signature_panel()
    assert panel is not None and "委托" in panel.summary.text()
    d.sign(panel.pad)
    d.click(panel.confirm)
    qtbot.waitUntil(lambda: bool(d.flow.proxy.get("signature")), timeout=WAIT)
    d.click(page.photo)
    qtbot.waitUntil(lambda: bool(d.flow.proxy.get("photo")), timeout=60_000)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)


def test_outreach_case_offline_reaches_the_platform_once_with_its_authorisation(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform, platform_down=True, role="outreach", sync_interval_ms=1_000)
    assert app.profile == "outreach"
    d = logged_in(qtbot, app, "outreach01", "Outreach01@2026")
    assert Step.PROXY in d.flow.steps
    d.place_card(0)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.PROXY), timeout=WAIT)
    authorise(qtbot, d)
    d.type_into("bundle_search", "xinshengerchusheng")
    qtbot.waitUntil(lambda: d.typed("bundle_search", "xinshengerchusheng"), timeout=WAIT)
    d.press_enter("bundle_search")
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    d.answer_all()
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)
    collect_materials(qtbot, d, online=False)
    form_sign_accept(qtbot, d)
    case = d.flow.case
    assert case is not None and case.proxy is not None and case.proxy.helper_id_number == HELPER_ID
    assert "帮办代办" in d.intake.pages[Step.REVIEW].grids["case"].itemAtPosition(4, 0).widget().text()  # type: ignore[attr-defined, union-attr]

    platform.start()  # nobody asks for a round: the laptop finds the platform by itself
    assert app.sync is not None
    qtbot.waitUntil(d.results_arrived, timeout=60_000)
    app.sync.sync_now()  # one more round: nothing is sent twice
    qtbot.waitUntil(lambda: not app.sync.running, timeout=WAIT)  # type: ignore[union-attr]

    stored = [c for c in platform.cases() if c["case_number"] == case.number]
    assert len(stored) == 1
    with closing(sqlite3.connect(platform.db)) as db:
        doc = json.loads(
            db.execute("SELECT doc FROM cases WHERE case_number = ?", (case.number,)).fetchone()[0]
        )
        accepted = db.execute(
            "SELECT count(*) FROM events WHERE case_number = ? AND kind = 'accepted'", (case.number,)
        ).fetchone()[0]
        files = {
            row[0]
            for row in db.execute(
                "SELECT a.sha256 FROM case_attachments c JOIN attachments a ON a.sha256 = c.sha256"
                " WHERE c.case_number = ? AND a.complete = 1",
                (case.number,),
            )
        }
    assert accepted == 1
    assert doc["proxy"]["helper_id_number"] == HELPER_ID and doc["proxy"]["scope"]
    assert {case.proxy.signature, case.proxy.photo} <= files
    assert set(case.attachments) == files
