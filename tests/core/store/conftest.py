"""Fixtures for store tests: a fake clock, a store on a real file in tmp_path, record builders.

Test modules get these classes through fixtures (``clock``, ``build``, ``builder_for``) and name
them for annotations only under TYPE_CHECKING: conftest is not importable at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from core.crypto import KEY_FILE_ENV
from core.store.records import AuditEntry, CaseRecord, NewEvent
from core.store.store import Store

CST = timezone(timedelta(hours=8))

NAME = "张三丰"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
ADDRESS = "北京市朝阳区建国路88号院3号楼1单元502室"


class FakeClock:
    """A clock the test moves by hand; every call to monotonic_ns() moves it on by one."""

    def __init__(self, start: datetime = datetime(2025, 3, 3, 9, 0, tzinfo=CST)) -> None:
        self._now = start
        self._mono = 0

    def now(self) -> datetime:
        return self._now

    def monotonic_ns(self) -> int:
        self._mono += 1
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


class Builder:
    """Makes case records, events and audit entries with plausible personal data."""

    NAME = NAME
    ID_NUMBER = ID_NUMBER
    PHONE = PHONE
    ADDRESS = ADDRESS

    def __init__(self, store: Store, clock: FakeClock) -> None:
        self.store = store
        self.clock = clock

    def payload(self, number: str, *, name: str = NAME, id_number: str = ID_NUMBER) -> dict[str, Any]:
        return {
            "number": number,
            "applicant": {"name": name, "id_number": id_number, "phone": PHONE, "address": ADDRESS},
            "answers": {"married": True, "hukou_here": "是"},
            "items": [{"material": "出生医学证明", "state": "scanned"}],
        }

    def case(
        self,
        number: str,
        *,
        name: str = NAME,
        id_number: str = ID_NUMBER,
        status: str = "accepted",
        bundle_id: str = "birth",
        version: int = 1,
        deadline: str | None = None,
        payload: Mapping[str, Any] | None = None,
    ) -> CaseRecord:
        stamp = self.clock.now().isoformat()
        self.clock.advance(1)
        return CaseRecord(
            number=number,
            bundle_id=bundle_id,
            status=status,
            person_hash=self.store.person_hash(id_number),
            name_hash=self.store.name_hash(name),
            catalog_version="2025.1",
            created_at=stamp,
            updated_at=stamp,
            payload=payload if payload is not None else self.payload(number, name=name, id_number=id_number),
            deficiency_deadline=deadline,
            version=version,
        )

    def event(
        self, number: str, kind: str = "accepted", payload: Mapping[str, Any] | None = None
    ) -> NewEvent:
        return NewEvent(
            case_number=number,
            kind=kind,
            payload=payload if payload is not None else {"status": "accepted", "applicant": NAME},
            device_time=self.clock.now().isoformat(),
            counter=self.clock.monotonic_ns(),
            operator="w01",
        )

    def audit(self, number: str | None, action: str = "case.accept", **detail: Any) -> AuditEntry:
        return AuditEntry(
            actor="w01",
            action=action,
            at=self.clock.now().isoformat(),
            case_number=number,
            detail=detail or None,
        )

    def add(self, number: str, *, events: int = 1, **case: Any) -> CaseRecord:
        record = self.case(number, **case)
        self.store.add_case(record, [self.event(number) for _ in range(events)], self.audit(number))
        return record


@pytest.fixture(autouse=True)
def _no_deployment_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(data_dir, clock=clock) as opened:
        yield opened


@pytest.fixture
def build(store: Store, clock: FakeClock) -> Builder:
    return Builder(store, clock)


@pytest.fixture
def builder_for(clock: FakeClock) -> Callable[[Store], Builder]:
    """A Builder for a store the test opened itself."""
    return lambda store: Builder(store, clock)
