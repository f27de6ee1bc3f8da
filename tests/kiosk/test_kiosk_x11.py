"""The kiosk under a real X server (Xvfb) and window manager (openbox with a stock desktop set-up:
four desktops, Ctrl+Alt+→ switches): it stays on every desktop, comes back full screen and on top
after an unmap, comes back after its window is destroyed, and ends on SIGTERM.

Needs Xvfb, openbox, xdotool and xprop/xwininfo (installer/dev-setup.sh installs them); skipped
only when one of them is missing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.kiosk.kiosk_process import Notifications, end, gui_env, kiosk_data, start_kiosk

TOOLS = ("Xvfb", "openbox", "xdotool", "xprop", "xwininfo")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
pytestmark = [
    pytest.mark.skipif(
        bool(MISSING), reason=f"needs {', '.join(MISSING)} (installer/dev-setup.sh installs them)"
    ),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only"),
]
SCREEN = (1280, 800)
ALL_DESKTOPS = 0xFFFFFFFF
# The part of openbox's stock rc.xml that matters here: four desktops and Ctrl+Alt+arrows.
STOCK_OPENBOX = """<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <desktops><number>4</number><firstdesk>1</firstdesk></desktops>
  <keyboard>
    <keybind key="C-A-Left"><action name="GoToDesktop"><to>left</to><wrap>no</wrap></action></keybind>
    <keybind key="C-A-Right"><action name="GoToDesktop"><to>right</to><wrap>no</wrap></action></keybind>
  </keyboard>
</openbox_config>
"""


@dataclass
class XKiosk:
    display: str
    process: subprocess.Popen[bytes]
    log: Path

    def x(self, *command: str) -> str:
        done = subprocess.run(
            list(command), capture_output=True, text=True, env=gui_env(DISPLAY=self.display), timeout=20
        )
        return done.stdout

    def windows(self) -> list[int]:
        """The kiosk's viewable windows (by _NET_WM_PID)."""
        found = self.x("xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid))
        return [int(word) for word in found.split()]

    def window(self) -> int:
        """The kiosk's one viewable top-level window (waits for it)."""
        wait_until(lambda: len(self.windows()) == 1, self, "no single viewable kiosk window")
        return self.windows()[0]

    def size(self, window: int) -> tuple[int, int]:
        info = self.x("xwininfo", "-id", str(window))
        fields = dict(line.strip().split(":", 1) for line in info.splitlines() if ":" in line)
        return int(fields.get("Width", "0")), int(fields.get("Height", "0"))

    def state(self, window: int) -> str:
        return self.x("xprop", "-id", str(window), "_NET_WM_STATE")

    def desktop(self, window: int) -> int | None:
        words = self.x("xprop", "-id", str(window), "_NET_WM_DESKTOP").split("=")
        return int(words[1]) if len(words) == 2 and words[1].strip().isdigit() else None

    def current_desktop(self) -> int:
        return int(self.x("xprop", "-root", "_NET_CURRENT_DESKTOP").split("=")[1])

    def full_screen_on_top(self) -> bool:
        windows = self.windows()
        if len(windows) != 1:
            return False
        state = self.state(windows[0])
        return (
            self.size(windows[0]) == SCREEN
            and "_NET_WM_STATE_FULLSCREEN" in state
            and "_NET_WM_STATE_ABOVE" in state
        )


def wait_until(condition: Callable[[], bool], kiosk: XKiosk, what: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}; kiosk log:\n{kiosk.log.read_text(errors='replace')[-3000:]}")
        assert kiosk.process.poll() is None, kiosk.log.read_text(errors="replace")[-3000:]
        time.sleep(0.2)


def press_until(kiosk: XKiosk, keys: str, condition: Callable[[], bool], what: str, tries: int = 5) -> None:
    """Press ``keys`` and wait for ``condition``; press again (at most ``tries`` times) while it fails."""
    for _ in range(tries):
        kiosk.x("xdotool", "key", keys)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.2)
    wait_until(condition, kiosk, what, timeout=1)


def spawn(command: list[str], env: dict[str, str], log: Path, **options: object) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=out, **options)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Xvfb on a free display (it writes the number it took to ``-displayfd``), openbox on it."""
    tmp = tmp_path_factory.mktemp("x11")
    read, write = os.pipe()
    server = spawn(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        gui_env(),
        tmp / "xvfb.log",
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    (tmp / "rc.xml").write_text(STOCK_OPENBOX)
    manager = spawn(
        ["openbox", "--config-file", str(tmp / "rc.xml")], gui_env(DISPLAY=f":{number}"), tmp / "openbox.log"
    )
    try:
        assert number.isdigit(), (tmp / "xvfb.log").read_text()
        yield f":{number}"
    finally:
        for child in (manager, server):
            end(child)


@pytest.fixture
def x_kiosk(display: str, tmp_path: Path) -> Iterator[XKiosk]:
    """A locked-down kiosk on ``display``, up full screen; ended after the test."""
    notify = Notifications()
    env = gui_env(DISPLAY=display, NOTIFY_SOCKET=notify.address)
    process = start_kiosk(kiosk_data(tmp_path / "data"), tmp_path / "kiosk.log", env)
    kiosk = XKiosk(display, process, tmp_path / "kiosk.log")
    try:
        assert notify.wait_for("READY=1", 90), kiosk.log.read_text()
        wait_until(kiosk.full_screen_on_top, kiosk, "the kiosk did not come up full screen")
        yield kiosk
    finally:
        notify.close()
        end(process)


def test_the_kiosk_is_on_every_desktop(x_kiosk: XKiosk) -> None:
    window = x_kiosk.window()
    wait_until(lambda: x_kiosk.desktop(window) == ALL_DESKTOPS, x_kiosk, "not on all desktops")
    # The stock binding: to the next desktop. Under a busy machine a synthetic key press is now and
    # then lost before the window manager sees it, so it is pressed again while nothing changed.
    press_until(
        x_kiosk, "ctrl+alt+Right", lambda: x_kiosk.current_desktop() != 0, "the desktop did not change"
    )
    assert x_kiosk.windows() == [window]  # still mapped and viewable there
    press_until(
        x_kiosk, "ctrl+alt+Left", lambda: x_kiosk.current_desktop() == 0, "the desktop did not change back"
    )


def test_an_unmapped_kiosk_comes_back_full_screen_on_top(x_kiosk: XKiosk) -> None:
    window = x_kiosk.window()
    x_kiosk.x("xdotool", "windowunmap", "--sync", str(window))
    x_kiosk.x("xdotool", "windowmap", str(window))
    wait_until(x_kiosk.full_screen_on_top, x_kiosk, "the kiosk is not back full screen on top")
    assert x_kiosk.desktop(x_kiosk.window()) == ALL_DESKTOPS


def test_a_destroyed_kiosk_window_comes_back(x_kiosk: XKiosk) -> None:
    window = x_kiosk.window()
    x_kiosk.x("xdotool", "windowclose", str(window))  # XDestroyWindow, not a polite close
    wait_until(
        lambda: x_kiosk.windows() not in ([], [window]) and x_kiosk.full_screen_on_top(),
        x_kiosk,
        "no new full-screen kiosk window after its window was destroyed",
    )
    assert "Traceback" not in x_kiosk.log.read_text(errors="replace")


def test_sigterm_ends_the_kiosk_under_x(x_kiosk: XKiosk) -> None:
    x_kiosk.process.send_signal(signal.SIGTERM)
    try:
        code = x_kiosk.process.wait(15)
    except subprocess.TimeoutExpired:
        pytest.fail("the kiosk ignored SIGTERM")
    assert code == 0
