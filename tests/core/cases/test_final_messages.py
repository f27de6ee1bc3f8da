"""Messages about a final case or matter read right whatever the status label ("已撤回", "不予办理"…)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.cases.intake import IntakeRequest
from core.cases.model import MatterStatus
from core.cases.service import CaseService
from core.errors import LifecycleError

Make = Callable[..., IntakeRequest]


def test_supplementing_a_withdrawn_case(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request(defer=True))
    service.withdraw(case.number, "申请人撤回")
    with pytest.raises(LifecycleError) as caught:
        service.supplement(case.number, [i.material_id for i in case.deficient_items])
    assert "已撤回" in caught.value.message and "已已" not in caught.value.message


def test_a_result_for_a_completed_case_and_a_done_matter(service: CaseService, make_request: Make) -> None:
    case = service.accept(make_request())
    first, *rest = [m.matter_id for m in case.matters]
    service.record_matter_result(case.number, first, MatterStatus.DONE, "已出证")
    with pytest.raises(LifecycleError) as caught:
        service.record_matter_result(case.number, first, MatterStatus.REJECTED, "")
    assert "已办结" in caught.value.message and "已已" not in caught.value.message
    for matter_id in rest:
        service.record_matter_result(case.number, matter_id, MatterStatus.DONE, "")
    with pytest.raises(LifecycleError) as caught:
        service.record_matter_result(case.number, first, MatterStatus.DONE, "")
    assert "已办结" in caught.value.message and "已已" not in caught.value.message
