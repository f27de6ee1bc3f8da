"""``tongban doctor``: each fault it names on a real data directory, its exit code, and no hang.

Every test builds the fault for real (a key chmod 644, bytes overwritten in the database file, a
platform that accepts a connection and never answers) and runs the command through its entry.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from core.cli.doctor import Severity, diagnose
from core.config import write_config
from core.store.store import Store
from core.store.sync_state import Enrollment
from tests.conftest import FakeClock
from tests.core.cli.cli_kit import HALL, add_case, run


def doctor(capsys: pytest.CaptureFixture[str], data: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, data, "doctor", "--json", "--timeout", "1", *extra)
    assert "Traceback" not in err
    report = json.loads(out)
    assert report["exit_code"] == code
    return code, report


def by_check(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["check"]: c for c in report["checks"]}


@pytest.fixture
def hall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A data directory with a device identity, a simulated printer and one case in its store."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    write_config(data / "tongban.toml", HALL.__class__(**{**_fields(HALL), "devices": {"printer": "sim"}}))
    add_case(capsys, data)
    return data


def _fields(config: Any) -> dict[str, Any]:
    return {name: getattr(config, name) for name in config.__dataclass_fields__}


def test_a_healthy_hall_device_is_all_ok_but_for_enrolment(
    hall: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = doctor(capsys, hall)
    checks = by_check(report)
    for name in (
        "config",
        "data_dir",
        "database",
        "key",
        "migrations",
        "disk",
        "pending",
        "quarantine",
        "fonts",
    ):
        assert checks[name]["severity"] == "ok", checks[name]
    assert checks["device.printer"]["severity"] == "ok"  # the simulator was started, asked, stopped
    assert "1 件办件" in checks["database"]["message"]
    assert checks["enrolment"]["severity"] == "warning"  # not enrolled: offline only
    assert code == 1 and report["status"] == "warning"


def test_text_output_explains_in_chinese_and_ends_with_the_verdict(
    hall: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, hall, "doctor")
    assert code == 1 and not err
    assert "[警告] 平台登记：本机尚未登记到省级平台" in out
    assert "处理：tongban sync enroll" in out
    assert out.rstrip().endswith("exit code 1)")


def test_a_key_others_can_read_is_an_error(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hall / "keys" / "device.key").chmod(0o644)
    code, report = doctor(capsys, hall)
    key = by_check(report)["key"]
    assert key["severity"] == "error" and "权限过宽" in key["message"] and "chmod 600" in key["detail"]
    assert code == 2


def test_a_data_dir_open_to_others_is_an_error(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hall.chmod(0o755)
    code, report = doctor(capsys, hall)
    assert by_check(report)["data_dir"]["severity"] == "error"
    assert by_check(report)["data_dir"]["hint"] == f"chmod 700 {hall}"
    assert code == 2


def test_a_damaged_database_fails_the_integrity_check(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = hall / "tongban.db"
    with sqlite3.connect(db) as conn:  # fold the WAL in, so the damage lands in the pages read
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db.stat().st_size
    with db.open("r+b") as f:  # scribble over every page but the first (the header stays readable)
        for offset in range(4096 + 100, size, 4096):
            f.seek(offset)
            f.write(b"\xff" * 600)
    code, report = doctor(capsys, hall)
    database = by_check(report)["database"]
    assert database["severity"] == "error", database
    assert "restore" in database["hint"]
    assert code == 2


def test_a_key_that_is_not_the_databases_is_an_error(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = hall.parent / "other"
    other.mkdir(mode=0o700)
    Store.open(other, clock=FakeClock()).close()
    (hall / "keys" / "device.key").write_bytes((other / "keys" / "device.key").read_bytes())
    code, report = doctor(capsys, hall)
    assert by_check(report)["key"]["severity"] == "error"
    assert "不匹配" in by_check(report)["key"]["message"]
    assert code == 2


def test_a_database_of_a_newer_tongban_is_an_error(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(hall / "tongban.db") as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tongban', 'm999_future', '')"
        )
    conn.close()
    code, report = doctor(capsys, hall)
    assert by_check(report)["migrations"]["severity"] == "error"
    assert "m999_future" in by_check(report)["migrations"]["detail"]
    assert code == 2


def test_a_lost_database_is_an_error_not_a_fresh_start(
    hall: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("tongban.db", "tongban.db-wal", "tongban.db-shm"):
        (hall / name).unlink(missing_ok=True)
    code, report = doctor(capsys, hall)
    database = by_check(report)["database"]
    assert database["severity"] == "error" and "tongban restore" in database["hint"]
    assert not (hall / "tongban.db").exists()  # the doctor created nothing
    assert code == 2


def test_old_unsent_records_and_quarantined_cases_are_warnings(
    hall: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    with Store.open(hall, clock=clock) as store:
        number = store.list_cases()[0].number
        store.sync.quarantine(number, 1, "invalid", "平台拒收", "refused")
    later = FakeClock()
    later.set(FakeClock().now() + timedelta(days=400))  # far past the case's device time
    findings = {f.check: f for f in diagnose(hall, hall / "tongban.toml", timeout=1, clock=later)}
    assert findings["pending"].severity is Severity.WARNING and "超过 24 小时" in findings["pending"].message
    assert findings["quarantine"].severity is Severity.WARNING
    assert findings["quarantine"].message.startswith("1 件办件被平台拒收")


@pytest.fixture
def silent_platform() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, name="silent-platform")
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_platform_that_never_answers_is_unreachable_not_a_hang(
    hall: Path, silent_platform: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(hall, clock=FakeClock()) as store:
        store.sync.save_enrollment(Enrollment(silent_platform, "p1", b"s" * 32, "2026-11-20T09:00:00+08:00"))
    code, report = doctor(capsys, hall, "--timeout", "0.5")
    clock = by_check(report)["clock"]
    assert clock["severity"] == "warning" and clock["message"].startswith("无法连接省级平台")
    assert by_check(report)["enrolment"]["severity"] == "ok"
    assert code == 1


def test_clock_against_the_reference_platform(
    hall: Path, platform: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(hall, clock=FakeClock()) as store:
        store.sync.save_enrollment(Enrollment(platform.url, "p1", b"s" * 32, "2026-11-20T09:00:00+08:00"))
    _code, report = doctor(capsys, hall, "--timeout", "5")
    clock = by_check(report)["clock"]
    assert clock["severity"] == "ok", clock  # this machine's clock against itself
    assert clock["message"].startswith("平台可以连接")


def test_a_device_that_does_not_answer_is_an_error(hall: Path, capsys: pytest.CaptureFixture[str]) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    config = {**_fields(HALL), "devices": {"printer": f"tcp:127.0.0.1:{port}"}}
    write_config(hall / "tongban.toml", HALL.__class__(**config))
    code, report = doctor(capsys, hall)
    printer = by_check(report)["device.printer"]
    assert printer["severity"] == "error" and printer["title"] == "小票打印机"
    assert code == 2


def test_an_empty_new_data_dir_is_warnings_only_and_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "new"
    data.mkdir(mode=0o700)
    code, report = doctor(capsys, data)
    assert code == 1
    assert by_check(report)["database"]["severity"] == "warning"
    assert list(data.iterdir()) == []


def test_a_missing_data_dir_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = doctor(capsys, tmp_path / "typo")
    assert by_check(report)["data_dir"]["severity"] == "error"
    assert code == 2
    assert not (tmp_path / "typo").exists()


def test_an_old_unsent_kiosk_rating_is_pending_as_purge_counts_it(tmp_path: Path) -> None:
    """A kiosk takes no case but queues 好差评: doctor's 待上传 counts that outbox too (core/store/unsent.py)."""
    from core.store.records import AuditEntry

    data = tmp_path / "kiosk"
    clock = FakeClock()
    with Store.open(data, clock=clock) as store:
        audit = AuditEntry("kiosk", "kiosk.evaluation", clock.now().isoformat(), None, {"level": 5})
        store.kiosk_ratings.add({"level": 5}, audit)
    findings = {f.check: f for f in diagnose(data, data / "tongban.toml", timeout=1, clock=clock)}
    assert findings["pending"].severity is Severity.OK and findings["pending"].message == "1 条评价待上传。"
    later = FakeClock()
    later.set(clock.now() + timedelta(days=2))
    findings = {f.check: f for f in diagnose(data, data / "tongban.toml", timeout=1, clock=later)}
    assert findings["pending"].severity is Severity.WARNING and "1 条评价" in findings["pending"].message
