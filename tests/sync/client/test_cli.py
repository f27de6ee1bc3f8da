"""``tongban sync enroll | once | status | release | daemon`` end to end on a real store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.clock import SystemClock
from core.crypto import KEY_FILE_ENV
from core.store.store import Store
from tests.sync.client.cli_main import run
from tests.sync.client.fake_platform import FakePlatform

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


@pytest.fixture
def cli_dir(tmp_path: Path) -> Path:
    return tmp_path / "cli"


def _tongban(cli_dir: Path, *args: str) -> int:
    return run(["--data-dir", str(cli_dir), *args])


def _enroll(cli_dir: Path, platform_url: str, code: str) -> int:
    """A new device names its region; the platform assigns its device number (tests/sync/client/test_identity.py)."""
    return _tongban(
        cli_dir, "sync", "enroll", "--platform", platform_url, "--code", code, "--region", "320115"
    )


def _number(out: str) -> str:
    return out.splitlines()[0].replace("-", "")


def test_enroll_sync_once_and_status(
    cli_dir: Path, platform: FakePlatform, platform_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _enroll(cli_dir, platform_url, "WRONG") == 1
    assert "登记码无效" in capsys.readouterr().err
    assert _enroll(cli_dir, platform_url, "ENROLL-0001") == 0
    assert "已登记到平台" in capsys.readouterr().out
    assert _tongban(cli_dir, "cases", "add", "--json", str(EXAMPLE)) == 0
    number = _number(capsys.readouterr().out)

    assert _tongban(cli_dir, "sync", "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["reachable"] is True and status["pending_events"] == 1
    assert status["pending_attachment_bytes"] > 0  # the example's scanned hukou page
    assert status["last_success_at"] is None

    assert _tongban(cli_dir, "sync", "once", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["acked"] == 1 and report["attachments_uploaded"] >= 1

    platform.add_update(number, "status", status="dispatched")
    assert _tongban(cli_dir, "sync", "once") == 0
    assert "同步完成" in capsys.readouterr().out
    assert _tongban(cli_dir, "cases", "show", number) == 0
    assert "办理中" in capsys.readouterr().out

    assert _tongban(cli_dir, "sync", "status") == 0
    out = capsys.readouterr().out
    assert "可以连接" in out and "待上传事件：0 条" in out
    with Store.open(cli_dir, clock=SystemClock()) as store:
        assert store.pending_count() == 0
        assert (store.device_id, 1) in platform.events


def test_once_fails_with_exit_1_when_the_platform_is_down(
    cli_dir: Path, platform: FakePlatform, platform_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _enroll(cli_dir, platform_url, "ENROLL-0001") == 0
    assert _tongban(cli_dir, "cases", "add", "--json", str(EXAMPLE)) == 0
    capsys.readouterr()
    platform.inject("attachments", 503)
    assert _tongban(cli_dir, "sync", "once") == 1
    assert "同步未完成" in capsys.readouterr().out
    assert _tongban(cli_dir, "sync", "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["consecutive_failures"] == 1 and status["last_error_code"] == "unavailable"
    assert status["pending_events"] == 1


def test_quarantined_cases_are_listed_with_the_reason_and_can_be_released(
    cli_dir: Path, platform: FakePlatform, platform_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _enroll(cli_dir, platform_url, "ENROLL-0001") == 0
    capsys.readouterr()
    assert _tongban(cli_dir, "cases", "add", "--json", str(EXAMPLE)) == 0
    number = _number(capsys.readouterr().out)
    platform.invalid_cases.add(number)
    assert _tongban(cli_dir, "sync", "once") == 0
    assert f"隔离：办件 {number}" in capsys.readouterr().out
    assert _tongban(cli_dir, "sync", "status") == 0
    out = capsys.readouterr().out
    assert number in out and "事件内容不合规" in out and "invalid_event" in out
    platform.invalid_cases.clear()
    assert _tongban(cli_dir, "sync", "release", number) == 0
    assert "已解除隔离" in capsys.readouterr().out
    assert _tongban(cli_dir, "sync", "once", "--json") == 0
    assert json.loads(capsys.readouterr().out)["acked"] == 1


def test_not_enrolled_is_a_clear_failure(cli_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _tongban(cli_dir, "sync", "once") == 1
    assert "尚未在省级平台登记" in capsys.readouterr().err
    assert _tongban(cli_dir, "sync", "status") == 0
    assert "尚未登记" in capsys.readouterr().out


def test_daemon_runs_until_sigterm(cli_dir: Path, platform: FakePlatform, platform_url: str) -> None:
    assert _enroll(cli_dir, platform_url, "ENROLL-0001") == 0
    assert _tongban(cli_dir, "cases", "add", "--json", str(EXAMPLE)) == 0
    env = {k: v for k, v in os.environ.items() if k != KEY_FILE_ENV}
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("cli_main.py")),
            "--data-dir",
            str(cli_dir),
            "sync",
            "daemon",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert "同步守护已启动" in child.stdout.readline()
        assert "同步完成" in child.stdout.readline()
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=15)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert "同步守护已停止" in out
    assert len(platform.stored_for(_device(cli_dir))) == 1


def _device(cli_dir: Path) -> str:
    with Store.open(cli_dir, clock=SystemClock()) as store:
        return store.device_id
