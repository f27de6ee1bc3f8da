"""The window's questions page shows a catalog refusal under its question as soon as the answers are
complete, and clears it when the answer is changed: 生育津贴 only for a mother in 职工医保 (社会保险法
第五十四条、第五十六条, http://szftgk.com/WuXianYiJin/401311.html; core/catalog/answer_checks.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from services.sandbox import EmbeddedPlatform
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.intake_steps import WAIT
from window_client.driver import NEWBORN_ANSWERS
from window_client.intake.questions_page import QuestionsPage


def test_the_allowance_refusal_shows_under_its_question_and_clears(
    qtbot: QtBot, make_app: AppFactory, platform: EmbeddedPlatform
) -> None:
    app = make_app(platform=platform)
    d = logged_in(qtbot, app)
    d.place_card(0)  # 林晓雨
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.flow.choose_bundle("newborn")
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    page = d.intake.pages[Step.QUESTIONS]
    assert isinstance(page, QuestionsPage)
    d.answer_all(tuple((k, "resident" if k == "mother_scheme" else v) for k, v in NEWBORN_ANSWERS))
    card = page.cards["maternity_claim"]
    assert "生育津贴只发给参加职工基本医疗保险" in card.problem.text() and not card.problem.isHidden()
    assert "不符合办理条件" in page.summary.text()
    d.next()
    assert d.on(Step.QUESTIONS)  # refused: the checklist waits
    d.click(card.buttons["medical"])
    assert card.problem.isHidden() and page.summary.text().startswith("✓")
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)
