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
from core.catalog.model import Catalog, MaterialSource
from core.config import DeviceConfig
from core.store.store import Store
from tests.intake_samples import agreeing_form, complete_answers, sample_value

MOTHER = {
    "name": "林晓雨",
    "id_number": "320115199003070043",
    "phone": "13912345678",
    "address": "南京市江宁区东山街道竹山路 8 号",
    "nation": "汉",
}
# A man of retirement age under the 2025 law (born 1966-06: 60y5m → 2026-11), for the retirement bundle.
RETIREE = {**MOTHER, "name": "李建国", "id_number": "320115196606150014"}
NEWBORN_ANSWERS: dict[str, Any] = {"married": True, "follow": "father"}
JPEG_PAGE = b"\xff\xd8\xff\xe0" + b"scanned page " * 50 + b"\xff\xd9"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


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
        form = agreeing_form({f.id: sample_value(f) for f in checklist.fields if f.prefill is None}, full)
        return IntakeRequest(
            bundle_id=bundle_id,
            applicant=dict(applicant or (RETIREE if bundle_id == "retirement" else MOTHER)),
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
    return CaseService(catalog, store, clock, DeviceConfig.demo(), "window07")
