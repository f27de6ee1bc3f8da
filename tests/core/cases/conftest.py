"""Fixtures for case tests: the real catalog, a real store in tmp_path, and intake requests built from the checklist."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import ItemState
from core.cases.service import CaseService
from core.catalog import build_checklist, load_catalog
from core.catalog.answers import answers_from_json
from core.catalog.model import Catalog, FieldDef, FieldType, MaterialSource
from core.config import DeviceConfig
from core.store.store import Store

MOTHER = {
    "name": "林晓雨",
    "id_number": "320115199003070043",
    "phone": "13912345678",
    "address": "南京市江宁区东山街道竹山路 8 号",
    "nation": "汉",
}
FATHER_ID = "320115198805120036"
NEWBORN_ANSWERS: dict[str, Any] = {"married": True, "follow": "father"}
JPEG_PAGE = b"\xff\xd8\xff\xe0" + b"scanned page " * 50 + b"\xff\xd9"


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return body + str((10 - total % 10) % 10)


def sample_value(f: FieldDef) -> str | int:
    """A valid value of each field type, for filling forms in tests."""
    if f.options:
        return f.options[0].value
    return {
        FieldType.NAME: "王小明",
        FieldType.ID_NUMBER: FATHER_ID,
        FieldType.PHONE: "13800138000",
        FieldType.DATE: "2026-11-20",
        FieldType.SEX: "男",
        FieldType.ADDRESS: "南京市江宁区东山街道竹山路 8 号",
        FieldType.BIRTH_CERT_NO: "Q320123456",
        FieldType.USCC: "91350100M000100Y43",
        FieldType.INT: 1,
        FieldType.BANK_ACCOUNT: _luhn("622202100112345678"),
        FieldType.TEXT: "情况说明",
    }.get(f.type, "情况说明")


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


def complete_answers(catalog: Catalog, bundle_id: str, given: dict[str, Any]) -> dict[str, Any]:
    """Answer every relevant question: the given answers, else the first option / yes / 1."""
    answers = dict(given)
    bundle = catalog.bundle(bundle_id)
    while True:
        checklist = build_checklist(catalog, bundle_id, answers_from_json(bundle, answers))
        if not checklist.unanswered:
            return answers
        q = checklist.unanswered[0]
        if q.type.value == "bool":
            answers[q.id] = False
        elif q.type.value == "int":
            answers[q.id] = 1
        elif q.type.value == "multi":
            answers[q.id] = [q.options[0].value]
        else:
            answers[q.id] = q.options[0].value


@pytest.fixture
def make_request(catalog: Catalog) -> Callable[..., IntakeRequest]:
    """An intake request that satisfies every rule; ``defer``/``commit``/``scan`` pick materials to treat so."""

    def make(
        bundle_id: str = "newborn",
        answers: dict[str, Any] | None = None,
        *,
        defer: bool = False,
        commit: bool = False,
        scan: bool = False,
        applicant: dict[str, Any] | None = None,
    ) -> IntakeRequest:
        full = complete_answers(
            catalog,
            bundle_id,
            NEWBORN_ANSWERS if answers is None and bundle_id == "newborn" else answers or {},
        )
        bundle = catalog.bundle(bundle_id)
        checklist = build_checklist(catalog, bundle_id, answers_from_json(bundle, full))
        materials: dict[str, MaterialInput] = {}
        deferred = committed = scanned = False
        for item in checklist.items:
            m = item.material
            if m.source is MaterialSource.GENERATED:
                continue
            if defer and not deferred and m.deferrable and not m.core:
                materials[m.id] = MaterialInput(ItemState.DEFICIENT)
                deferred = True
            elif commit and not committed and m.commitment_ok:
                materials[m.id] = MaterialInput(ItemState.COMMITMENT)
                committed = True
            elif scan and not scanned and m.source is MaterialSource.APPLICANT:
                materials[m.id] = MaterialInput(ItemState.SCANNED, pages=(JPEG_PAGE,))
                scanned = True
            elif m.licence:
                materials[m.id] = MaterialInput(ItemState.E_LICENCE)
            else:
                materials[m.id] = MaterialInput(ItemState.PAPER)
        if defer:
            assert deferred, f"{bundle_id}: no deferrable material in this situation"
        form = {f.id: sample_value(f) for f in checklist.fields if f.prefill is None}
        return IntakeRequest(
            bundle_id=bundle_id,
            applicant=dict(applicant or MOTHER),
            answers=full,
            materials=materials,
            form=form,
        )

    return make


@pytest.fixture
def store(tmp_path: Path, clock: Any) -> Iterator[Store]:
    s = Store.open(tmp_path / "data", clock=clock)
    yield s
    s.close()


@pytest.fixture
def service(catalog: Catalog, store: Store, clock: Any) -> CaseService:
    return CaseService(catalog, store, clock, DeviceConfig(), "window07")
