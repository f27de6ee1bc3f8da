"""The window's applicant page with a typed document: the staff member chooses 外国护照, the page
asks for what a passport needs (Latin name, sex, birth date, nationality, 居留许可), checks each
field as it is typed and masks the number once it is valid (1366×768, offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from core.flows.intake import Step
from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from window_client.driver import IntakeDriver

WAIT = 20_000
QUIET_READER = "sim:?card=none&cycle=0"  # no card on the reader: the applicant is typed


def choose(d: IntakeDriver, name: str, data: str) -> None:
    """Pick an item of a combo box with the keyboard, as staff do."""
    combo: QComboBox = d.find(name, QComboBox)
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        QTest.keyClick(combo, key)


def banner_text(d: IntakeDriver) -> str:
    message = d.intake.banner.message
    return message.text if message is not None and d.intake.banner.isVisible() else ""


def leave(d: IntakeDriver, name: str) -> None:
    QTest.keyClick(d.find(name), Qt.Key.Key_Tab)


def test_a_passport_holder_typed_on_the_applicant_page(qtbot: QtBot, make_app: AppFactory) -> None:
    d = logged_in(qtbot, make_app(reader=QUIET_READER), *LOCAL_ADMIN[::2])
    qtbot.waitUntil(lambda: d.on(Step.APPLICANT), timeout=WAIT)
    assert not d.visible("applicant_nationality") and d.visible("applicant_nation")

    choose(d, "applicant_id_kind", "foreign_passport")
    qtbot.waitUntil(lambda: d.flow.applicant.get("id_kind") == "foreign_passport", timeout=WAIT)
    for name in ("applicant_latin_name", "applicant_sex", "applicant_birth_date", "applicant_nationality"):
        assert d.visible(name), name
    assert not d.visible("applicant_nation")  # 民族 is on the resident ID card only

    d.type_into("applicant_latin_name", "anna schmidt")
    d.type_into("applicant_id_number", "E123")
    leave(d, "applicant_id_number")
    page = d.intake.pages[Step.APPLICANT]
    problem = page.problems["id_number"]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "5–20 位英文字母或数字" in problem.text(), timeout=WAIT)

    d.type_into("applicant_id_number", "E1234567A")
    leave(d, "applicant_id_number")
    qtbot.waitUntil(lambda: page.masked.isVisible(), timeout=WAIT)  # type: ignore[attr-defined]
    assert page.masked.text() == "E******7A"  # type: ignore[attr-defined]
    choose(d, "applicant_sex", "女")
    d.type_into("applicant_birth_date", "1990-03-07")
    d.type_into("applicant_nationality", "CHN")
    leave(d, "applicant_nationality")
    qtbot.waitUntil(lambda: "不是外国护照" in page.problems["nationality"].text(), timeout=WAIT)  # type: ignore[attr-defined]
    d.type_into("applicant_nationality", "deu")
    leave(d, "applicant_nationality")
    d.type_into("applicant_phone", "13912345678")
    leave(d, "applicant_phone")
    qtbot.waitUntil(lambda: d.flow.applicant.get("phone") == "13912345678", timeout=WAIT)

    applicant = d.flow.applicant_value()
    assert (applicant.id_kind, applicant.id_number, applicant.name) == (
        "foreign_passport",
        "E1234567A",
        "ANNA SCHMIDT",
    )
    assert (
        applicant.sex,
        applicant.birth_date.isoformat() if applicant.birth_date else "",
        applicant.nationality,
    ) == (
        "女",
        "1990-03-07",
        "DEU",
    )
    assert not page.problems["nationality"].isVisible()  # type: ignore[attr-defined]
    d.window.grab().save(str(Path("/tmp/idtypes-applicant-passport.png")))

    # A matter that takes only the resident ID card says so before any material is collected.
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.flow.choose_bundle("police_hukou_move_in")  # as the bundle page does for a chosen result
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: "须持居民身份证办理，不能使用外国护照" in banner_text(d), timeout=WAIT)
    assert d.on(Step.QUESTIONS)
    questions = d.intake.pages[Step.QUESTIONS]
    qtbot.waitUntil(lambda: questions.cards["reason"].isVisible(), timeout=WAIT)  # type: ignore[attr-defined]
    d.window.grab().save(str(Path("/tmp/idtypes-hukou-refused.png")))
    d.intake.rail.step_chosen.emit(0)  # back to the applicant
    qtbot.waitUntil(lambda: d.on(Step.APPLICANT), timeout=WAIT)

    choose(d, "applicant_id_kind", "")  # back to the cards: the passport's rows go
    qtbot.waitUntil(lambda: "id_kind" not in d.flow.applicant, timeout=WAIT)
    assert not d.visible("applicant_nationality") and "nationality" not in d.flow.applicant
    d.window.grab().save(str(Path("/tmp/idtypes-applicant-cards.png")))
