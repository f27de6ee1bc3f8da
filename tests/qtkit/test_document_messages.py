"""Typed-document errors in the interface language: English templates where the params are not
Chinese, the English detail where they name a Chinese document, and the document labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from core.errors import TongbanError, ValidationError
from core.validation.idnumbers import IdKind
from core.validation.travel_documents import parse_document_number, parse_nationality, typed_birth_date
from qtkit.i18n import install_translator
from qtkit.labels import document_label, document_prefix
from qtkit.messages import describe

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TODAY = date(2026, 12, 7)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    install_translator(qapp, "zh_CN")


def raised(call: object) -> TongbanError:
    assert callable(call)
    with pytest.raises(ValidationError) as info:
        call()
    return info.value


def errors() -> list[TongbanError]:
    return [
        raised(lambda: parse_nationality("CHN", field="applicant.nationality")),
        raised(lambda: parse_nationality("US", field="applicant.nationality")),
        raised(lambda: typed_birth_date("2027-01-01", field="applicant.birth_date", today=TODAY)),
        raised(lambda: parse_document_number(IdKind.FOREIGN_PASSPORT, "E12", field="f", today=TODAY)),
    ]


def test_typed_document_errors_speak_english(english: None) -> None:
    texts = [describe(e) for e in errors()]
    assert texts[0].startswith("Nationality CHN is a Chinese passport")
    assert (
        texts[1]
        == "The nationality must be the three-letter code in the passport (e.g. USA, GBR, JPN), not “US”"
    )
    assert texts[2] == "Date of birth 2027-01-01 is after today; check it against the document"
    assert not any(CJK.search(text) for text in texts), texts


def test_in_chinese_the_message_is_the_cores(qapp: QApplication) -> None:
    assert [describe(e) for e in errors()] == [e.message for e in errors()]


def test_document_labels(qapp: QApplication, english: None) -> None:
    assert document_label("foreign_passport") == "Foreign passport"
    assert document_prefix("resident") == "" and document_prefix("") == ""
    assert document_prefix("tw_travel_permit") == "Mainland Travel Permit for Taiwan Residents "
