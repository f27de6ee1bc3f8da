"""The intake's progress rail and the line under it: which steps are done (clickable), which is current, who and what."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel

from core.flows.intake import IntakeFlow, Step
from core.masking import mask_id_number
from qtkit.i18n import fill
from qtkit.widgets import StepRailModel

STEP_TITLES = {
    Step.APPLICANT: QT_TRANSLATE_NOOP("IntakeScreen", "申请人"),
    Step.PROXY: QT_TRANSLATE_NOOP("IntakeScreen", "委托代办"),
    Step.BUNDLE: QT_TRANSLATE_NOOP("IntakeScreen", "选择事项"),
    Step.QUESTIONS: QT_TRANSLATE_NOOP("IntakeScreen", "情形问题"),
    Step.CHECKLIST: QT_TRANSLATE_NOOP("IntakeScreen", "材料清单"),
    Step.FORM: QT_TRANSLATE_NOOP("IntakeScreen", "填写表单"),
    Step.SIGNATURE: QT_TRANSLATE_NOOP("IntakeScreen", "签名确认"),
    Step.REVIEW: QT_TRANSLATE_NOOP("IntakeScreen", "核对受理"),
    Step.DONE: QT_TRANSLATE_NOOP("IntakeScreen", "完成"),
}


def show_progress(flow: IntakeFlow, rail: StepRailModel, who: QLabel) -> None:
    """Mirror the flow on the rail: a step is done when the flow says it is complete and reachable."""
    steps = flow.steps
    titles = [QCoreApplication.translate("IntakeScreen", str(STEP_TITLES[s])) for s in steps]
    if rail.steps != tuple(titles):
        rail.set_steps(titles)
    current = steps.index(flow.current)
    if flow.case is not None:
        done = set(range(len(steps) - 1))
    else:
        done = {
            i
            for i, s in enumerate(steps)
            if i != current and s is not Step.DONE and flow.reachable(s) and not flow.problems(s)
        }
    rail.set_current(current)
    rail.set_done(sorted(done))
    applicant = flow.applicant
    parts = []
    if applicant.get("name"):
        parts.append(
            fill(
                QCoreApplication.translate("IntakeScreen", "申请人：%1 %2"),
                applicant["name"],
                mask_id_number(applicant.get("id_number", "")),
            )
        )
    if flow.bundle_id:
        parts.append(fill(QCoreApplication.translate("IntakeScreen", "事项：%1"), flow.bundle.name))
    who.setText("　·　".join(parts))
    who.setVisible(bool(parts))
