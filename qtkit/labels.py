"""Core's case words in the interface language, for both GUIs: material states and 好差评 levels.

Core keeps its Chinese labels (``ItemState.label``, ``Evaluation.label``) for receipts and the CLI;
a screen shows these instead, so ``--lang en`` shows English. Source strings are lupdate's
(context ``CaseLabels``, shared with the case desk's other labels in window_client.cases.models).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.calendar import HolidayCalendar, shipped_calendar
from core.cases.model import EVALUATION_LEVELS, ItemState
from qtkit.i18n import fill

_ITEM: Final[Mapping[ItemState, object]] = {
    ItemState.PENDING: QT_TRANSLATE_NOOP("CaseLabels", "待收取"),
    ItemState.PAPER: QT_TRANSLATE_NOOP("CaseLabels", "纸质已收"),
    ItemState.SCANNED: QT_TRANSLATE_NOOP("CaseLabels", "已扫描"),
    ItemState.E_LICENCE: QT_TRANSLATE_NOOP("CaseLabels", "电子证照免提交"),
    ItemState.COMMITMENT: QT_TRANSLATE_NOOP("CaseLabels", "告知承诺"),
    ItemState.DEFICIENT: QT_TRANSLATE_NOOP("CaseLabels", "容缺待补"),
    ItemState.GENERATED: QT_TRANSLATE_NOOP("CaseLabels", "系统生成"),
}
_EVALUATION: Final[Mapping[int, object]] = {
    5: QT_TRANSLATE_NOOP("CaseLabels", "非常满意"),
    4: QT_TRANSLATE_NOOP("CaseLabels", "满意"),
    3: QT_TRANSLATE_NOOP("CaseLabels", "基本满意"),
    2: QT_TRANSLATE_NOOP("CaseLabels", "不满意"),
    1: QT_TRANSLATE_NOOP("CaseLabels", "非常不满意"),
}
assert set(_EVALUATION) == set(EVALUATION_LEVELS)
# The applicant's identity document (core.validation IdKind values; core.validation.idnumbers
# DOCUMENT_NAMES has the same names for receipts and the CLI).
_DOCUMENT: Final[Mapping[str, object]] = {
    "resident": QT_TRANSLATE_NOOP("CaseLabels", "居民身份证"),
    "hk_mo_tw_permit": QT_TRANSLATE_NOOP("CaseLabels", "港澳台居民居住证"),
    "foreign_permanent_2017": QT_TRANSLATE_NOOP("CaseLabels", "外国人永久居留身份证（2017版）"),
    "foreign_permanent_2023": QT_TRANSLATE_NOOP("CaseLabels", "外国人永久居留身份证（2023版）"),
    "hk_mo_travel_permit": QT_TRANSLATE_NOOP("CaseLabels", "港澳居民来往内地通行证"),
    "tw_travel_permit": QT_TRANSLATE_NOOP("CaseLabels", "台湾居民来往大陆通行证"),
    "foreign_passport": QT_TRANSLATE_NOOP("CaseLabels", "外国护照"),
}


def item_label(state: ItemState) -> str:
    """How a material was handled (纸质已收, 容缺待补 …)."""
    return QCoreApplication.translate("CaseLabels", str(_ITEM.get(state, state.label)))


def evaluation_label(level: int) -> str:
    """A 好差评 level, 5 非常满意 … 1 非常不满意."""
    return QCoreApplication.translate(
        "CaseLabels", str(_EVALUATION.get(level, EVALUATION_LEVELS.get(level, level)))
    )


def document_label(kind: str) -> str:
    """An identity document's name (居民身份证, 外国护照 …); an unknown kind as it is."""
    return QCoreApplication.translate("CaseLabels", str(_DOCUMENT.get(kind, kind)))


def document_prefix(kind: str) -> str:
    """What stands before a masked number: nothing for the resident ID card, else the document's
    name and a space, so staff and the applicant see which document was used."""
    return "" if kind in ("", "resident") else document_label(kind) + " "


def promised_label(promised: date | None, calendar: HolidayCalendar | None = None) -> str:
    """By when a case is promised, or that a department will say (a matter publishes no limit).
    A date past the holiday calendar's last year (the shipped calendar unless given) is marked 暂定."""
    if promised is None:
        return QCoreApplication.translate("Labels", "以部门告知为准")
    return promised.isoformat() + provisional_label(promised, calendar)


def provisional_label(day: date, calendar: HolidayCalendar | None = None) -> str:
    """The 暂定 note after a date past the holiday calendar's last year (core/calendar.py); "" otherwise."""
    if not (calendar or shipped_calendar()).is_provisional(day):
        return ""
    return fill(QCoreApplication.translate("Labels", "（暂定：%1 年节假日安排尚未发布）"), day.year)


def limit_label(days: int | None) -> str:
    """A matter's time limit: 即办, N 个工作日, or 未公布."""
    if days is None:
        return QCoreApplication.translate("Labels", "时限未公布")
    if days == 0:
        return QCoreApplication.translate("Labels", "即办")
    if days == 1:  # lupdate marks plurals only on self.tr(): two strings instead
        return QCoreApplication.translate("Labels", "1 个工作日")
    return fill(QCoreApplication.translate("Labels", "%1 个工作日"), days)
