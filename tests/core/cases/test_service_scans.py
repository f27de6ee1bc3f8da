"""CaseService stores and uploads as a material's pages only JPEG, PNG or PDF (issue #10 bug 10)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from core.case_numbers import parse_case_number
from core.cases.intake import IntakeRequest
from core.cases.model import ItemState
from core.cases.service import CaseQuery, CaseService
from core.errors import ValidationError
from core.store.store import Store

Make = Callable[..., IntakeRequest]
NOT_SCANS = [
    b"",
    b"TONGBAN_DEVICE_KEY=0123456789abcdef0123456789abcdef\n",  # what /proc/self/environ or a key file holds
    "户口簿首页\n".encode(),
]


def with_page(request: IntakeRequest, page: bytes) -> IntakeRequest:
    material_id = next(m for m, given in request.materials.items() if given.state is ItemState.SCANNED)
    scanned = replace(request.materials[material_id], pages=(page,))
    return replace(request, materials={**request.materials, material_id: scanned})


@pytest.mark.parametrize("page", NOT_SCANS)
def test_accept_refuses_a_page_that_is_no_scan_before_spending_a_number(
    service: CaseService, store: Store, make_request: Make, page: bytes
) -> None:
    with pytest.raises(ValidationError) as caught:
        service.accept(with_page(make_request(scan=True), page))
    assert caught.value.field.startswith("materials.") and caught.value.field.endswith(".files")
    assert "JPEG" in caught.value.message or "空文件" in caught.value.message
    assert caught.value.detail.isascii()
    assert service.find(CaseQuery()) == [] and store.pending_count() == 0
    first = service.accept(make_request(scan=True))  # no number was spent on the refused one
    assert parse_case_number(first.number).sequence == 1


@pytest.mark.parametrize("page", NOT_SCANS)
def test_supplement_refuses_a_page_that_is_no_scan(
    service: CaseService, store: Store, make_request: Make, page: bytes
) -> None:
    case = service.accept(make_request(defer=True))
    (missing,) = case.deficient_items
    with pytest.raises(ValidationError, match=missing.material_id):
        service.supplement(case.number, [missing.material_id], {missing.material_id: [page]})
    assert service.get(case.number).version == 1 and [e.kind for e in store.events_for(case.number)] == [
        "accepted"
    ]
