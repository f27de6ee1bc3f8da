"""The newborn intake (出生一件事) through the real widgets, step by step, waiting on the GUI (no sleeps)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from core.cases.model import ItemState
from core.flows.intake import Step
from window_client.driver import FATHER_ID, IntakeDriver

WAIT = 20_000


def identify_and_choose(qtbot: QtBot, d: IntakeDriver) -> None:
    """Card on the reader → the applicant at once; the bundle by its initials "xsecs"; the answers."""
    d.place_card(0)
    qtbot.waitUntil(lambda: d.flow.applicant.get("name") == "林晓雨", timeout=WAIT)
    assert d.flow.applicant_source == "id_card"
    page = d.intake.pages[Step.APPLICANT]
    masked = page.masked  # type: ignore[attr-defined]
    assert masked.isVisible() and masked.text() == "320115********0043"
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    d.type_into("bundle_search", "xsecs")  # 新生儿出生: "cs" alone lists the single 出生 matters first
    qtbot.waitUntil(lambda: d.typed("bundle_search", "xsecs"), timeout=WAIT)
    results = d.find("bundle_results")
    assert "新生儿出生" in results.model().index(0, 0).data()
    d.press_enter("bundle_search")
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    assert d.flow.bundle_id == "newborn"
    questions = d.intake.pages[Step.QUESTIONS]
    assert "late_reason" not in questions.cards  # type: ignore[attr-defined]  # appears only once it applies
    d.answer_all()
    assert d.answered()
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)


def collect_materials(qtbot: QtBot, d: IntakeDriver, *, online: bool) -> None:
    """A scanned page, e-licences (online) or paper (offline), a commitment and a 容缺 deficiency."""
    d.set_material("maternity_bills", ItemState.SCANNED)
    qtbot.waitUntil(
        lambda: d.pages_of("maternity_bills") == 1 and d.thumbnails("maternity_bills") == 1, timeout=60_000
    )
    licence_button = d.material_button("mother_id", ItemState.E_LICENCE)
    if online:
        assert licence_button.isEnabled()
        d.set_material("mother_id", ItemState.E_LICENCE)
        qtbot.waitUntil(lambda: d.material_state("mother_id") is ItemState.E_LICENCE, timeout=WAIT)
        d.set_material("father_id", ItemState.E_LICENCE)  # the applicant is the mother: whose card?
        qtbot.waitUntil(lambda: d.checklist_dialog() is not None, timeout=WAIT)
        dialog = d.checklist_dialog()
        d.type_into(dialog.number, FATHER_ID)
        qtbot.waitUntil(lambda: d.typed(dialog.number, FATHER_ID), timeout=WAIT)
        d.click(dialog.confirm)
        qtbot.waitUntil(lambda: d.material_state("father_id") is ItemState.E_LICENCE, timeout=WAIT)
        for material in ("host_hukou", "marriage_cert", "birth_cert_e"):
            d.set_material(material, ItemState.E_LICENCE)
        qtbot.waitUntil(
            lambda: all(
                d.material_state(m) is ItemState.E_LICENCE
                for m in ("host_hukou", "marriage_cert", "birth_cert_e")
            ),
            timeout=WAIT,
        )
    else:
        assert not licence_button.isEnabled() and "需联网" in licence_button.text()
        for material in ("mother_id", "father_id", "host_hukou", "marriage_cert", "birth_cert_e"):
            d.set_material(material, ItemState.PAPER)
    d.set_material("not_registered", ItemState.COMMITMENT)
    qtbot.waitUntil(lambda: d.checklist_dialog() is not None, timeout=WAIT)
    dialog = d.checklist_dialog()
    assert not dialog.confirm.isEnabled()
    d.sign(dialog.pad)
    assert dialog.confirm.isEnabled()
    d.click(dialog.confirm)
    assert d.material_state("not_registered") is ItemState.COMMITMENT
    d.set_material("bank_card", ItemState.DEFICIENT)
    qtbot.waitUntil(lambda: d.checklist_dialog() is not None, timeout=WAIT)
    d.click(d.checklist_dialog().confirm)
    assert d.material_state("bank_card") is ItemState.DEFICIENT
    assert d.flow.materials["bank_card"].deadline == d.flow.deficiency_limit("bank_card")
    d.set_material("other_hukou", ItemState.PAPER)
    assert not d.flow.problems(Step.CHECKLIST)


def form_sign_accept(qtbot: QtBot, d: IntakeDriver) -> None:
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.FORM), timeout=WAIT)
    d.fill_form()
    qtbot.waitUntil(d.form_done, timeout=WAIT)
    d.next()
    qtbot.waitUntil(lambda: d.signature_panel() is not None and d.signature_panel().isVisible(), timeout=WAIT)  # type: ignore[union-attr]
    panel = d.signature_panel()
    assert panel is not None
    d.sign(panel.pad)
    d.click(panel.confirm)
    qtbot.waitUntil(lambda: d.on(Step.REVIEW), timeout=WAIT)
    d.accept()
    qtbot.waitUntil(d.accepted, timeout=WAIT)
