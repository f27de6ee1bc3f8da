"""Nothing personal is readable in any file under the data directory, nor in the log."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.store.store import Store

if TYPE_CHECKING:
    from conftest import Builder, FakeClock

SECRETS = {
    "name": "张三丰",
    "id number": "11010519491231002X",
    "phone": "13912345678",
    "address": "建国路88号院",
    "helper name": "李四娘",
}
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030")


def _leaks(data_dir: Path) -> list[str]:
    key_file = data_dir / "keys" / "device.key"
    found = []
    files = [p for p in data_dir.rglob("*") if p.is_file() and p != key_file]
    assert any(p.name == "tongban.db" for p in files)
    for path in files:
        content = path.read_bytes()
        for what, text in SECRETS.items():
            for encoding in ENCODINGS:
                if text.encode(encoding) in content:
                    found.append(f"{what} in {encoding} in {path.relative_to(data_dir)}")
    return found


def test_no_personal_data_in_any_file_or_log_line(
    store: Store, build: Builder, data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for n in range(3):
        number = f"C{n}"
        record = build.case(number, payload={**build.payload(number), "helper": {"name": "李四娘"}})
        events = [
            build.event(number, payload={"applicant": build.payload(number)["applicant"]}),
            build.event(number, "scanned", payload={"note": "本人 张三丰 11010519491231002X 13912345678"}),
        ]
        audit = build.audit(number, "case.accept", applicant="张三丰", id_number="11010519491231002X")
        store.add_case(record, events, audit)
        store.update_case(
            replace(record, version=2, status="dispatched"),
            [build.event(number, "dispatched")],
            build.audit(number, "case.dispatch", phone="13912345678"),
            expected_version=1,
        )
    store.append_audit(build.audit("C0", "case.reveal", revealed="11010519491231002X"))
    store.put_attachment("户口簿 张三丰 11010519491231002X 建国路88号院".encode(), media_type="image/jpeg")
    store.put_attachment("户口簿 张三丰".encode("utf-16-le"), media_type="image/png")
    store.mark_acked([1, 2], "receipt")
    assert store.list_cases(person_hash=store.person_hash("11010519491231002X"))

    assert (data_dir / "tongban.db-wal").exists()  # checked while the WAL still holds the writes
    assert _leaks(data_dir) == []
    store.close()
    assert _leaks(data_dir) == []  # and after the checkpoint into the main file

    log = "\n".join(record.getMessage() for record in caplog.records)
    assert log  # something was logged, and none of it personal
    assert not [what for what, text in SECRETS.items() if text in log]
    with Store.open(data_dir, clock=clock) as again:  # the data is all still there
        assert again.get_case("C0").payload["applicant"]["name"] == "张三丰"


def test_the_leak_detector_detects(data_dir: Path, store: Store) -> None:
    (data_dir / "canary.txt").write_bytes("x 张三丰 y".encode("utf-16-be"))
    assert _leaks(data_dir) == ["name in utf-16-be in canary.txt"]
