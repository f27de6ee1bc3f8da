"""``tongban kiosk`` as systemd runs it: SIGTERM (``systemctl stop``) ends the locked-down kiosk
cleanly; with no display it says so instead of aborting; bad ``--screenshots`` is refused."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.kiosk.kiosk_process import TONGBAN, Notifications, end, gui_env, kiosk_data, start_kiosk

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
STOP_BOUND_S = 15  # generous: the unit's TimeoutStopSec is 20 s, the kiosk needs about one


def test_sigterm_ends_the_locked_down_kiosk_through_its_stop(tmp_path: Path) -> None:
    data = kiosk_data(tmp_path / "data")
    notify = Notifications()
    env = gui_env(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=notify.address)
    kiosk = start_kiosk(data, tmp_path / "kiosk.log", env)
    try:
        assert notify.wait_for("READY=1", 90), (tmp_path / "kiosk.log").read_text()
        kiosk.send_signal(signal.SIGTERM)
        try:
            code = kiosk.wait(STOP_BOUND_S)
        except subprocess.TimeoutExpired:
            pytest.fail("the kiosk ignored SIGTERM:\n" + (tmp_path / "kiosk.log").read_text()[-3000:])
        log = (tmp_path / "kiosk.log").read_text()
        assert code == 0, log  # systemd counts it as a clean stop
        assert notify.wait_for("STOPPING=1", 1), notify.heard  # the lockdown was uninstalled by stop()
        assert "SIGTERM received" in log and "Traceback" not in log
    finally:
        end(kiosk)
        notify.close()


@pytest.mark.parametrize("command", [["kiosk"], ["window"]])
def test_without_a_display_the_gui_says_so_instead_of_aborting(tmp_path: Path, command: list[str]) -> None:
    data = kiosk_data(tmp_path / "data")
    done = subprocess.run(
        [*TONGBAN, "--data-dir", str(data), *command],
        capture_output=True,
        text=True,
        env=gui_env(),  # no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM
        timeout=60,
    )
    assert done.returncode == 1, done.stderr  # not 134 (abort) or -6 (SIGABRT)
    assert "没有可用的显示" in done.stderr and "no display" in done.stderr
    assert "--offscreen" in done.stderr and "tongban demo" in done.stderr
    assert "Traceback" not in done.stderr and "could not connect to display" not in done.stderr


@pytest.mark.parametrize("command", [["kiosk", "--offscreen"], ["window", "--offscreen"]])
def test_screenshots_onto_an_existing_file_is_refused_plainly(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "shots.png"
    target.write_bytes(b"not a folder")
    done = subprocess.run(
        [*TONGBAN, *command, "--screenshots", str(target)],
        capture_output=True,
        text=True,
        env=gui_env(QT_QPA_PLATFORM="offscreen", TONGBAN_DATA_DIR=str(tmp_path / "unused")),
        timeout=120,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "不是文件夹" in done.stderr and "not a folder" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == b"not a folder"


@pytest.mark.parametrize("command", [["kiosk", "--offscreen"], ["window", "--offscreen"]])
def test_the_walk_through_never_writes_into_real_data(tmp_path: Path, command: list[str]) -> None:
    """It enrols its device with an embedded platform: into a data directory in use, that would
    overwrite the real enrolment. Refused before anything is written."""
    data = kiosk_data(tmp_path / "data")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in data.iterdir())
    done = subprocess.run(
        [*TONGBAN, "--data-dir", str(data), *command],
        capture_output=True,
        text=True,
        env=gui_env(QT_QPA_PLATFORM="offscreen"),
        timeout=300,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--data-dir" in done.stderr and "不是演示" in done.stderr and "not a demonstration" in done.stderr
    assert sorted((p.name, p.stat().st_mtime_ns) for p in data.iterdir()) == before
