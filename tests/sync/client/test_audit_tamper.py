"""A cut or rolled-back audit log on the device (issue #13 items 6–7): ``audit verify`` says so, and the
next sync is refused with a clear message on the sync status, by the device itself (the log's end does
not match its authenticated head) or by the platform (the head does not extend the one it holds).
And re-enrolment as ``tongban sync enroll`` does it: proof of the secret held, or a bound code."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from core.assets import assets_dir
from tests.sync.client.cli_main import run
from tests.sync.client.reference_platform import ReferencePlatform

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


@pytest.fixture
def reference(tmp_path: Path) -> Iterator[ReferencePlatform]:
    platform = ReferencePlatform(tmp_path / "platform")
    platform.db.parent.mkdir()
    platform.start()
    yield platform
    platform.stop()


def _tongban(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = run(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _synced_device(reference: ReferencePlatform, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _tongban(
        capsys, data, "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code(),
        "--region", "320115",
    )  # fmt: skip
    assert code == 0, err
    _add_and_sync(data, capsys)


def _add_and_sync(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, _, err = _tongban(capsys, data, "cases", "add", "--json", str(EXAMPLE))
    assert code == 0, err
    code, out, err = _tongban(capsys, data, "sync", "once", "--json")
    report: dict[str, object] = json.loads(out)
    return report


def _status(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, err = _tongban(capsys, data, "sync", "status", "--json")
    assert code == 0, err
    status: dict[str, object] = json.loads(out)
    return status


def test_a_cut_tail_fails_verify_and_stops_the_next_sync(
    reference: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "device"
    _synced_device(reference, data, capsys)
    assert _tongban(capsys, data, "audit", "verify")[0] == 0
    with closing(sqlite3.connect(data / "tongban.db", isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        (last,) = conn.execute("SELECT max(id) FROM audit").fetchone()
        conn.execute("DELETE FROM audit WHERE id = ?", (last,))
        conn.execute("UPDATE counters SET value = ? WHERE scope = '__audit_id__'", (last - 1,))

    code, out, _ = _tongban(capsys, data, "audit", "verify")
    assert code == 1 and "已被篡改" in out
    report = _add_and_sync(data, capsys)
    assert report["ok"] is False and report["acked"] == 0
    status = _status(data, capsys)
    assert status["last_error_code"] == "audit_tampered"
    assert "审计日志" in str(status["last_error"]) and "tongban audit verify" in str(status["last_error"])
    code, out, _ = _tongban(capsys, data, "sync", "status")
    assert "审计日志" in out


def test_a_log_rolled_back_to_an_older_copy_is_refused_by_the_platform(
    reference: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "device"
    _synced_device(reference, data, capsys)
    saved = tmp_path / "older"
    saved.mkdir()
    for path in data.glob("tongban.db*"):
        shutil.copy2(path, saved / path.name)
    before = reference.admin("/api/v1/admin/devices")["devices"][0]["audit_head_count"]
    later = _add_and_sync(data, capsys)
    assert later["ok"] is True and later["acked"], later
    after = reference.admin("/api/v1/admin/devices")["devices"][0]["audit_head_count"]
    assert after > before  # the platform now holds a longer head
    for path in data.glob("tongban.db*"):
        path.unlink()
    for path in saved.iterdir():
        shutil.copy2(path, data / path.name)

    # Locally the older copy is consistent: only the platform, which saw the later head, can tell.
    assert _tongban(capsys, data, "audit", "verify")[0] == 0
    # Taken within the same second, the first case again would be the very same history (same
    # number, time and content: the same hashes); a second one makes it longer than the platform saw.
    assert _tongban(capsys, data, "cases", "add", "--json", str(EXAMPLE))[0] == 0
    report = _add_and_sync(data, capsys)
    assert report["ok"] is False
    status = _status(data, capsys)
    assert status["last_error_code"] == "audit_head"
    assert "审计日志" in str(status["last_error"]) and "平台" in str(status["last_error"])
    (device,) = reference.admin("/api/v1/admin/devices")["devices"]
    assert device["held"]


def test_an_enrolled_device_re_enrols_with_an_ordinary_code_by_proving_its_secret(
    reference: ReferencePlatform, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "device"
    _synced_device(reference, data, capsys)
    code, _, err = _tongban(
        capsys, data, "sync", "enroll", "--platform", reference.url, "--code", reference.issue_code()
    )
    assert code == 0, err  # tongban sync enroll sends contract.enrollment_proof with the secret it holds
    assert _add_and_sync(data, capsys)["ok"] is True  # the new secret signs
    # Without the secret (the sealed enrolment lost), an ordinary code is refused …
    with closing(sqlite3.connect(data / "tongban.db", isolation_level=None)) as conn:
        conn.execute("DELETE FROM sync_enrollment")
    ordinary = reference.issue_code()
    code, _, err = _tongban(capsys, data, "sync", "enroll", "--platform", reference.url, "--code", ordinary)
    assert code != 0 and "已在平台注册" in err
    # … and a code the operator issued for this device works.
    device_id = reference.admin("/api/v1/admin/devices")["devices"][0]["device_id"]
    bound = reference.issue_code("--device", device_id)
    code, _, err = _tongban(capsys, data, "sync", "enroll", "--platform", reference.url, "--code", bound)
    assert code == 0, err
