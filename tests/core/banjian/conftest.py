"""Fixtures for 办件 tests: real cases, made by the real CaseService on a real store from the real catalog."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.cases.intake import IntakeRequest, MaterialInput, ProxyInput
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
NEWBORN_ANSWERS: dict[str, Any] = {"married": True, "follow": "father"}
SINGLE = "hrss_sscard_renew"  # 社会保障卡补换: a single matter with one 业务办理项
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def store(tmp_path: Path, clock: Any) -> Iterator[Store]:
    s = Store.open(tmp_path / "data", clock=clock)
    yield s
    s.close()


@pytest.fixture
def service(catalog: Catalog, store: Store, clock: Any) -> CaseService:
    return CaseService(catalog, store, clock, DeviceConfig.demo(), "window07")


@pytest.fixture
def make_request(catalog: Catalog) -> Callable[..., IntakeRequest]:
    """A request that satisfies every rule; ``defer`` leaves one deferrable material 容缺, ``proxy``
    has a 帮办代办 helper apply."""

    def make(bundle_id: str = "newborn", *, defer: bool = False, proxy: bool = False) -> IntakeRequest:
        given = NEWBORN_ANSWERS if bundle_id == "newborn" else {}
        answers = complete_answers(catalog, bundle_id, given)
        bundle = catalog.bundle(bundle_id)
        checklist = build_checklist(catalog, bundle_id, answers_from_json(bundle, answers))
        materials: dict[str, MaterialInput] = {}
        deferred = False
        for item in checklist.items:
            m = item.material
            if m.source is MaterialSource.GENERATED:
                continue
            if defer and not deferred and m.deferrable and not m.core:
                materials[m.id] = MaterialInput(ItemState.DEFICIENT)
                deferred = True
            elif m.licence:
                materials[m.id] = MaterialInput(ItemState.E_LICENCE, note="电子证照核验")
            else:
                materials[m.id] = MaterialInput(ItemState.PAPER)
        assert deferred or not defer, f"{bundle_id}: nothing deferrable"
        form = agreeing_form({f.id: sample_value(f) for f in checklist.fields if f.prefill is None}, answers)
        helper = (
            ProxyInput(
                "周帮办",
                "320115198805120036",
                "代为申请并领取结果",
                date(2027, 1, 31),
                PNG,
                PNG,
                "东山街道便民服务中心",
            )
            if proxy
            else None
        )
        return IntakeRequest(
            bundle_id=bundle_id,
            applicant=dict(MOTHER),
            answers=answers,
            materials=materials,
            form=form,
            proxy=helper,
        )

    return make
