"""The applicant page's identity-document choice: which document, and the words of the rows a typed
document (回乡证, 台胞证, passport: core.validation.travel_documents) adds. GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from core.validation.idnumbers import IdKind


def document_combo(parent: QWidget | None = None) -> QComboBox:
    """证件类型: the cards (their number says which card: data "") or a typed document (its IdKind)."""
    combo = QComboBox(parent)
    choices = (
        (
            "",
            QCoreApplication.translate("ApplicantPage", "居民身份证、港澳台居民居住证或外国人永久居留身份证"),
        ),
        (
            IdKind.HK_MO_TRAVEL_PERMIT.value,
            QCoreApplication.translate("ApplicantPage", "港澳居民来往内地通行证（回乡证）"),
        ),
        (
            IdKind.TW_TRAVEL_PERMIT.value,
            QCoreApplication.translate("ApplicantPage", "台湾居民来往大陆通行证（台胞证）"),
        ),
        (IdKind.FOREIGN_PASSPORT.value, QCoreApplication.translate("ApplicantPage", "外国护照")),
    )
    for data, text in choices:
        combo.addItem(text, data)
    return combo


def sex_combo(parent: QWidget | None = None) -> QComboBox:
    """性别 as the typed document prints it (男/女 are the values core validates)."""
    combo = QComboBox(parent)
    combo.addItem(QCoreApplication.translate("ApplicantPage", "请选择"), "")
    combo.addItem(QCoreApplication.translate("ApplicantPage", "男"), "男")
    combo.addItem(QCoreApplication.translate("ApplicantPage", "女"), "女")
    return combo


def document_labels() -> dict[str, str]:
    """The labels of the rows a typed document adds, in the interface language."""
    return {
        "latin_name": QCoreApplication.translate("ApplicantPage", "外文姓名"),
        "sex": QCoreApplication.translate("ApplicantPage", "性别"),
        "birth_date": QCoreApplication.translate("ApplicantPage", "出生日期"),
        "nationality": QCoreApplication.translate("ApplicantPage", "国籍"),
        "residence_permit": QCoreApplication.translate("ApplicantPage", "居留许可号码"),
    }


def number_placeholders() -> dict[str, str]:
    """What the number field says it wants, by document ("" = the cards)."""
    return {
        "": QCoreApplication.translate("ApplicantPage", "18 位居民身份证号码或居住证号码"),
        IdKind.HK_MO_TRAVEL_PERMIT.value: QCoreApplication.translate(
            "ApplicantPage", "H 或 M 加 8 位数字，如 H12345678"
        ),
        IdKind.TW_TRAVEL_PERMIT.value: QCoreApplication.translate("ApplicantPage", "8 位数字"),
        IdKind.FOREIGN_PASSPORT.value: QCoreApplication.translate(
            "ApplicantPage", "护照号码（英文字母和数字）"
        ),
    }
