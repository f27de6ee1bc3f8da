"""Bench (offscreen): the window client's ID-card-to-screen time, GUI-thread stalls under load, cold start.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_bench.py [--reads 20] [--cases 1000] [--starts 5]``.
Prints, in one run, each measured against a baseline taken in the same run:

- ``card_overhead=`` — from the find that found a card (the simulated reader, line-paced at
  115200 baud) to the applicant's name on the intake screen, over the wire time of that read
  (bytes both ways at 10 bits a byte): 1.0 would be the wire alone. ``after_last_byte_ms=`` is
  what remains once the wire time is taken off: driver, bridge, flow and widgets.
- ``stall_ms=`` — the longest gap of a 1 ms QTimer heartbeat on the GUI thread while 1,000 cases
  (made fast through CaseService in a temporary store) sync to the reference platform and a
  receipt prints on the simulated printer (aim ≤ 50).
- ``start_ratio=`` — cold start to an interactive login window, against a bare PySide6 window
  with one line edit, each in a fresh subprocess, medians (aim ≤ 2).
- ``gui_recovery_s=`` — the platform down, a case accepted, the window client started (its first
  round fails), the platform started again: seconds from its answering to the GUI's first
  acknowledged event (a ``sync_finished`` report with ``acked`` > 0), with nobody asking for a
  round (aim ≤ 2: the sync schedule probes the platform about every second while it is down).

``--only recovery`` (or ``card``, ``stall``, ``start``; comma-separated) runs some of them.
``--trace`` adds the stall tracer (benchkit.StallTracer) to the stall part: for each stall over
30 ms, whether the GUI thread ran (and where), waited for a CPU, or waited for another thread,
and which. It costs a little of the GIL, so the figures above are measured without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchkit import (  # bench/ is on sys.path when a bench script runs
    Heartbeat,
    StallTracer,
    full_collection,
    wait_for,
)
from PySide6.QtWidgets import QApplication

from core.assets import assets_dir
from core.cases.service import CaseService
from core.catalog.loader import load_current_catalog
from core.cli.intake_json import load_intake_file
from core.clock import SystemClock
from core.config import CONFIG_NAME, DeviceConfig, load_config, write_config
from core.flows.intake import Step
from core.staff import StaffDirectory
from core.store.store import Store
from devices.id_reader.card_file import demo_cards_path, load_cards
from devices.id_reader.simulator import IdReaderSimulator
from services.sandbox import DEMO_STAFF, EmbeddedPlatform, demo_config, enroll_device
from sync.report import SyncReport
from window_client.app import WindowApp, WindowOptions

ADMIN = ("bench", "压测管理员", "Bench@2026!")
PARTS = ("card", "stall", "start", "recovery")
NO_CARD = "就绪，请放置证件"  # devices.manager's message for the reader's no_card state


def start_app(qapp: QApplication, data: Path, staff: tuple[str, str], **options: object) -> WindowApp:
    app = WindowApp(
        qapp,
        WindowOptions(
            data, data / CONFIG_NAME, size=(1366, 768), second_screen=False, lock_minutes=0, **options
        ),  # type: ignore[arg-type]
    )
    app.start()
    app.login(*staff)
    wait_for(lambda: app.main_window is not None and app.main_window.isVisible(), 60, "the main window")
    return app


# -- card to screen ------------------------------------------------------------------------------


def bench_card(qapp: QApplication, workdir: Path, reads: int) -> None:
    cards = [c.card for c in load_cards(demo_cards_path()) if c.card.card_type == "resident"][:2]
    simulator = IdReaderSimulator(cards, transport="pty")
    simulator.start()
    data = workdir / "card"
    write_config(data / CONFIG_NAME, DeviceConfig.demo(devices={"id_reader": str(simulator.uri)}))
    with Store.open(data, clock=SystemClock()) as store:
        StaffDirectory(store, SystemClock()).create_first_admin(*ADMIN)
    app = start_app(qapp, data, (ADMIN[0], ADMIN[2]))
    try:
        assert app.devices is not None and app.main_window is not None
        intake = app.main_window.intake
        health = {"message": next(h.message for h in app.devices.health() if h.role == "id_reader")}
        app.devices.device_health_changed.connect(
            lambda h: health.update(message=h.message) if h.role == "id_reader" else None
        )
        shown: list[float] = []
        name_edit = intake.pages[Step.APPLICANT].edits["name"]  # type: ignore[attr-defined]
        name_edit.textChanged.connect(lambda _text: shown.append(time.monotonic()))
        measured, wire = [], []
        simulator.remove_card()
        for index in range(reads):
            wait_for(lambda: health["message"] == NO_CARD, 20, "the reader to see no card")
            name = cards[index % len(cards)].name
            simulator.reset_counters()
            shown.clear()
            simulator.place_card(index % len(cards))
            wait_for(lambda n=name: bool(shown) and name_edit.text() == n, 20, "the applicant on screen")  # type: ignore[misc]
            found_at = simulator.last_found_at()
            assert found_at is not None
            received, sent = simulator.traffic()
            polls = simulator.counts().get("20 01", 1)  # empty polls before the card are not the read
            wire.append(
                (received + sent) * 10 / simulator.baud - (polls - 1) * (10 + 11) * 10 / simulator.baud
            )
            measured.append(shown[-1] - found_at)
            simulator.remove_card()
        ratio = sum(measured) / sum(wire)
        after = [(m - w) * 1000 for m, w in zip(measured, wire, strict=True)]
        print(
            f"card: reads={reads} per_read measured={statistics.mean(measured) * 1000:.1f}ms "
            f"wire={statistics.mean(wire) * 1000:.1f}ms after_last_byte_ms={statistics.mean(after):.1f} "
            f"(max {max(after):.1f})"
        )
        print(f"card_overhead={ratio:.3f}")
        print(f"after_last_byte_ms={statistics.mean(after):.1f}")
    finally:
        app.stop()
        simulator.stop()


# -- GUI-thread stalls under load ----------------------------------------------------------------


def bench_stall(qapp: QApplication, workdir: Path, cases: int, *, trace: bool = False) -> None:
    data = workdir / "stall"
    platform = EmbeddedPlatform(workdir / "platform", dept_delay="0.5:2", seed_random=3)
    platform.start()
    app: WindowApp | None = None
    try:
        enroll_device(data, platform, DeviceConfig.demo(devices={"printer": "sim"}, operator="window01"))
        platform.stop()  # the cases wait in the outbox until the platform is back
        clock = SystemClock()
        request = load_intake_file(assets_dir() / "examples" / "newborn-case.json").request
        started = time.perf_counter()
        with Store.open(data, clock=clock) as store:
            service = CaseService(
                load_current_catalog(data), store, clock, load_config(data / CONFIG_NAME), "window01"
            )
            with store.batch():
                made = [service.accept(request) for _ in range(cases)]
        print(f"stall: made {cases} cases in {time.perf_counter() - started:.1f}s")
        app = start_app(qapp, data, ("window01", DEMO_STAFF["window01"]), sync_interval_ms=0)
        assert app.sync is not None and app.main_window is not None
        wait_for(lambda: app.sync.online is False, 60, "the first (offline) sync round")  # type: ignore[union-attr]
        platform.start()  # same port
        rounds: list[object] = []
        app.sync.sync_finished.connect(rounds.append)
        beat = Heartbeat()
        tracer = StallTracer(beat)
        printed: list[object] = []
        acceptance = app.main_window.intake.acceptance
        acceptance.printed.connect(printed.append)
        acceptance.print_failed.connect(printed.append)
        beat.start()
        if trace:
            tracer.start()
        load_started = time.perf_counter()
        app.sync.sync_now()
        acceptance.print_case(made[-1])
        wait_for(
            lambda: (
                bool(printed)
                and bool(rounds)
                and getattr(rounds[-1], "pending", 1) == 0
                and not app.sync.running
            ),  # type: ignore[union-attr]
            600,
            "the sync of every case and the receipt",
        )
        beat.stop()
        tracer.stop()
        elapsed = time.perf_counter() - load_started
        report = rounds[-1]
        print(
            f"stall: {cases} cases pushed={getattr(report, 'pushed', '?')} acked={getattr(report, 'acked', '?')} "
            f"pulled={getattr(report, 'pulled_updates', '?')} in {elapsed:.1f}s; receipt: {printed[0]!r}; "
            f"heartbeats={beat.beats} p99={beat.percentile_ms(0.99):.1f}ms"
        )
        print(f"stall_ms={beat.longest_ms:.1f}")
        if trace:
            print("\n".join(tracer.report()))
        print(full_collection())
    finally:
        if app is not None:
            app.stop()
        platform.stop()


# -- reconnecting by itself ----------------------------------------------------------------------


def bench_recovery(qapp: QApplication, workdir: Path) -> None:
    data = workdir / "recovery"
    platform = EmbeddedPlatform(workdir / "recovery-platform", dept_delay="0.5:2", seed_random=5)
    platform.start()
    app: WindowApp | None = None
    try:
        enroll_device(data, platform, demo_config(data, role="window"))
        platform.stop()
        clock = SystemClock()
        request = load_intake_file(assets_dir() / "examples" / "newborn-case.json").request
        with Store.open(data, clock=clock) as store:
            CaseService(
                load_current_catalog(data), store, clock, load_config(data / CONFIG_NAME), "window01"
            ).accept(request)
        app = start_app(qapp, data, ("window01", DEMO_STAFF["window01"]))  # the production schedule
        sync = app.sync
        assert sync is not None
        wait_for(lambda: sync.online is False, 60, "the first (offline) sync round")
        acked_at: list[float] = []
        acked: list[SyncReport] = []

        def on_finished(report: SyncReport) -> None:
            if report.acked and not acked:
                acked_at.append(time.monotonic())
                acked.append(report)

        sync.sync_finished.connect(on_finished)
        # Started from another thread: EmbeddedPlatform.start blocks until the child listens, and
        # the GUI thread must keep running meanwhile, as it would with a platform elsewhere.
        answering: list[float] = []
        starter = threading.Thread(target=lambda: (platform.start(), answering.append(time.monotonic())))
        starter.start()  # the same port
        wait_for(lambda: bool(acked_at), 120, "the first acknowledged event")
        starter.join(60)
        assert answering, "the platform did not start"
        recovery = acked_at[0] - answering[0]
        print(
            f"recovery: the first acknowledged event {recovery:.2f}s after the platform answered again "
            f"(that round took {acked[0].duration_s:.2f}s, acked={acked[0].acked})"
        )
        print(f"gui_recovery_s={recovery:.2f}")
    finally:
        if app is not None:
            app.stop()
        platform.stop()


# -- cold start -----------------------------------------------------------------------------------

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
app = QApplication(["bare"])
w = QWidget(); QVBoxLayout(w).addWidget(QLineEdit()); w.show()
QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
app.exec()
"""
OURS = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from window_client.app import WindowApp, WindowOptions
data = Path(sys.argv[1])
app = QApplication(["tongban-window"])
window = WindowApp(app, WindowOptions(data, data / "tongban.toml"))
window.login_window_shown.connect(lambda: QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit())))
window.start()
app.exec()
window.stop()
"""


def _cold(script: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120
    )
    if out.returncode != 0:
        raise SystemExit(f"cold start failed: {out.stderr[-2000:]}")
    return float(out.stdout.strip().splitlines()[-1]) - started


def bench_start(workdir: Path, starts: int) -> None:
    data = workdir / "card"  # a device with an account: the login window, not the first-run setup
    bare, ours = [], []
    for _ in range(starts):  # alternate, so drift in the machine's speed hits both
        bare.append(_cold(BARE))
        ours.append(_cold(OURS, str(data)))
    print(
        f"start: bare median={statistics.median(bare) * 1000:.0f}ms "
        f"login window median={statistics.median(ours) * 1000:.0f}ms (runs={starts})"
    )
    print(f"start_ratio={statistics.median(ours) / statistics.median(bare):.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reads", type=int, default=20)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS))
    parser.add_argument(
        "--trace",
        action="store_true",
        help="trace the stalls (benchkit.StallTracer): what ran on the GUI thread, who held it up",
    )
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}")
    qapp = QApplication(["gui-bench"])
    with tempfile.TemporaryDirectory(prefix="tongban-gui-bench-") as folder:
        workdir = Path(folder)
        if "card" in parts or "start" in parts:  # the cold start reuses the card bench's data
            bench_card(qapp, workdir, args.reads)
        if "stall" in parts:
            bench_stall(qapp, workdir, args.cases, trace=args.trace)
        if "start" in parts:
            bench_start(workdir, args.starts)
        if "recovery" in parts:
            bench_recovery(qapp, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
