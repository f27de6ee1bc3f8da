"""A change to a case reads it and writes it in one transaction: the sync worker (another connection
to the same store) recording a department's result in between cannot make a citizen's rating fail
as "已被他人修改" — it waits its turn, and both land (seen under load in the window's queue test)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from core.cases.intake import IntakeRequest
from core.cases.model import MatterStatus
from core.cases.service import CaseService
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.store.store import Store


class Interleaving:
    """A clock that, the first time the operation asks the time (after it has read the case), runs
    ``compete`` on another thread and gives it up to two seconds to finish."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.compete: Callable[[], None] | None = None
        self.thread: threading.Thread | None = None

    def now(self) -> datetime:
        compete, self.compete = self.compete, None
        if compete is not None:
            self.thread = threading.Thread(target=compete)
            self.thread.start()
            self.thread.join(2.0)  # blocked on our write lock when reads and writes are one transaction
        return self.inner.now()

    def monotonic_ns(self) -> int:
        return int(self.inner.monotonic_ns())


def test_a_rating_and_a_department_result_at_the_same_moment_both_land(
    catalog: Catalog, tmp_path: Path, clock: Any, make_request: Callable[..., IntakeRequest]
) -> None:
    data = tmp_path / "data"
    interleaving = Interleaving(clock)
    with Store.open(data, clock=clock) as window:
        desk = CaseService(catalog, window, interleaving, DeviceConfig.demo(), "window07")
        case = desk.accept(make_request())
        matter = case.matters[0].matter_id
        errors: list[BaseException] = []

        def department_result() -> None:
            try:  # the sync worker: its own connection, on its own thread
                with Store.open(data, clock=clock) as sync:
                    worker = CaseService(catalog, sync, clock, DeviceConfig.demo(), "sync")
                    worker.record_matter_result(case.number, matter, MatterStatus.DONE, "已出证")
            except BaseException as exc:
                errors.append(exc)

        interleaving.compete = department_result
        rated = desk.evaluate(case.number, 5)
        assert interleaving.thread is not None
        interleaving.thread.join(10)
        assert errors == []
        final = desk.get(case.number)
        assert final.evaluation is not None and final.evaluation.level == 5
        assert next(m for m in final.matters if m.matter_id == matter).status is MatterStatus.DONE
        assert final.version == rated.version + 1  # the result came after the rating, not over it
