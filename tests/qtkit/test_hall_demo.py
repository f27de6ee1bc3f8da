"""``tongban demo --hall`` (issue #14's Done-when): with no display it runs the hall's walk-through —
a hall server, a kiosk, a window and the display, each its own process on the simulators — and the
chain ticket → call → case → rating is on the hall server once; the screenshots of the ticket, the
window's queue bar and the display are saved."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QCloseEvent, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from core.case_numbers import parse_case_number
from qtkit.walkthrough import Stage, Walkthrough

TONGBAN = Path(sys.executable).parent / "tongban"


def test_demo_hall_without_a_display_runs_the_whole_chain(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [str(TONGBAN), "demo", "--hall", "--keep", str(tmp_path / "hall")],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    shots = tmp_path / "hall" / "screenshots"
    sizes = {
        "hall-1-kiosk-ticket.png": (1080, 1920),
        "hall-2-window-queue-panel.png": (1366, 768),
        "hall-3-display.png": (1920, 1080),
    }
    for name, (width, height) in sizes.items():
        image = QImage(str(shots / name))
        assert (image.width(), image.height()) == (width, height), name
    printed = (shots / "ticket.txt").read_text(encoding="utf-8")
    assert "A001" in printed and "新生儿出生" in printed and "A002" in printed
    with (shots / "tickets.csv").open(encoding="utf-8", newline="") as f:
        tickets = {row["number"]: row for row in csv.DictReader(f)}
    her = tickets["A001"]  # taken with her card, called by F5 at window 1, accepted, rated
    assert (her["service"], her["status"], her["window"], her["rating"]) == ("newborn", "done", "1", "5")
    number = parse_case_number(her["case_number"]).display
    assert tickets["A002"]["status"] == "waiting"  # the second citizen is still waiting on the display
    assert f"A001 新生儿出生“一件事”：已办结，1 号窗口，办件 {number}，已评价 5 星" in done.stdout
    assert "演示完成" in done.stdout


class Refuses(QWidget):
    """A window that will not close (as the window client with an unsaved intake)."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


def test_a_failed_walk_through_ends_even_when_a_window_refuses_to_close(qtbot: QtBot, tmp_path: Path) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QCoreApplication)
    window = Refuses()
    qtbot.addWidget(window)
    window.show()

    def broken() -> bool:
        raise LookupError("no such panel")

    walk = Walkthrough(window, tmp_path, [Stage("01-broken", lambda: None, broken)], lambda: window)
    walk.end_loop_when_finished(qapp)
    guard = QTimer()  # the hang this test is about, bounded; stopped before any other test runs
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(10_000)
    walk.start()
    code = qapp.exec()
    guard.stop()
    assert code == 1
    assert "no such panel" in walk.outcome.message
    assert (tmp_path / "failed-01-broken.png").is_file()
