"""The ID card at the window: an expired card stops the intake until a supervisor decides (audited),
and a foreigner's card gives the applicant the name it carries (services.cards, as at the kiosk)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from core.clock import SystemClock
from core.flows.intake import Step
from core.staff import hash_password
from core.store.store import Store
from core.store.sync_state import StaffRecord
from tests.card_samples import EXPIRED, FOREIGNER
from tests.window_client.conftest import AppFactory, logged_in
from window_client.cases.dialogs import ConfirmActionDialog
from window_client.driver import IntakeDriver

WAIT = 20_000
QUIET_READER = "sim:?card=none&cycle=0"  # no demo card read before the test's, none after it
SUPERVISOR = ("zb01", "值班长张", "Duty-pass-123")
WINDOW_STAFF = ("window07", "窗口王", "Window07@pass")


def shown(d: IntakeDriver) -> str:
    """The intake screen's banner text, "" when it is hidden."""
    message = d.intake.banner.message
    return message.text if message is not None and d.intake.banner.isVisible() else ""


def reader_empty(d: IntakeDriver) -> bool:
    """The reader has seen that no card lies on it."""
    return any(h.role == "id_reader" and "请放置" in h.message for h in d.app.devices.health())  # type: ignore[union-attr]


def add_staff(data: Path) -> None:
    with Store.open(data, clock=SystemClock()) as store:
        store.sync.upsert_staff(
            [
                StaffRecord(
                    SUPERVISOR[0], SUPERVISOR[1], "supervisor", hash_password(SUPERVISOR[2]), True, 1
                ),
                StaffRecord(
                    WINDOW_STAFF[0], WINDOW_STAFF[1], "window", hash_password(WINDOW_STAFF[2]), True, 2
                ),
            ]
        )


def test_an_expired_card_does_not_proceed_without_a_supervisor(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    d.place_card(EXPIRED)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    banner = d.intake.banner
    qtbot.waitUntil(lambda: "过有效期" in shown(d), timeout=WAIT)
    assert "2016-04-02" in shown(d) and banner.action_button.isVisible()

    d.next()
    assert d.on(Step.APPLICANT) and "过有效期" in shown(d)
    d.intake.rail.step_chosen.emit(2)  # nor by the rail
    assert d.on(Step.APPLICANT)

    d.click(banner.action_button)  # 值班长确认
    dialog = d.intake.card_dialog
    assert isinstance(dialog, ConfirmActionDialog) and dialog.need_supervisor and dialog.need_reason
    dialog.reason_edit.setPlainText("身份证正在换领，持有效临时身份证")
    dialog.staff_edit.setText(WINDOW_STAFF[0])  # window staff cannot authorise it
    dialog.password_edit.setText(WINDOW_STAFF[2])
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: "无权" in dialog.error_text, timeout=WAIT)
    assert d.flow.card_authorised_by is None
    d.next()
    assert d.on(Step.APPLICANT)

    dialog.staff_edit.setText(SUPERVISOR[0])
    dialog.password_edit.setText(SUPERVISOR[2])
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: d.flow.card_authorised_by == SUPERVISOR[0], timeout=WAIT)
    qtbot.waitUntil(lambda: d.intake.card_dialog is None, timeout=WAIT)
    assert "值班长" in shown(d)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)

    with Store.open(tmp_path / "data", clock=SystemClock()) as store:
        entries = [e for e in store.audit_entries() if e.action == "override.expired_card"]
    assert [e.actor for e in entries] == [SUPERVISOR[0]]
    detail = str(entries[0].detail)
    assert "临时身份证" in detail and "2016-04-02" in detail and EXPIRED.id_number not in detail


def test_a_supervisor_at_the_window_confirms_without_a_password(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *SUPERVISOR[::2])
    d.place_card(EXPIRED)
    qtbot.waitUntil(lambda: "过有效期" in shown(d), timeout=WAIT)
    d.click(d.intake.banner.action_button)
    dialog = d.intake.card_dialog
    assert isinstance(dialog, ConfirmActionDialog) and not dialog.need_supervisor and dialog.need_reason
    dialog.reason_edit.setPlainText("持户籍证明")
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: d.flow.card_authorised_by == SUPERVISOR[0], timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)


def test_a_foreigner_card_gives_the_applicant_its_english_name(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    d.place_card(replace(FOREIGNER, valid_to=None))
    qtbot.waitUntil(lambda: d.flow.applicant.get("id_number") == FOREIGNER.id_number, timeout=WAIT)
    assert d.flow.applicant["name"] == "GARCIA LOPEZ, MARIA" and d.flow.applicant_source == "id_card"
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)


def test_the_holders_valid_card_after_an_expired_one_is_taken(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    d.place_card(EXPIRED)
    qtbot.waitUntil(lambda: "过有效期" in shown(d), timeout=WAIT)
    renewed = replace(EXPIRED, valid_from=date(2016, 4, 2), valid_to=date(2036, 4, 2))
    app.devices.manager.simulators.id_reader.remove_card()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: reader_empty(d), timeout=WAIT)  # it reads a new card only after that
    d.place_card(renewed)  # the same person's new card: no supervisor needed
    qtbot.waitUntil(
        lambda: d.flow.card is not None and d.flow.card.valid_to == renewed.valid_to, timeout=WAIT
    )
    assert d.flow.card_problems() == [] and "过有效期" not in shown(d)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
