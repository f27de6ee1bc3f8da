"""Soak (offscreen): thousands of scripted kiosk sessions — card → query → print → rate → timeout.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/kiosk_soak.py [--sessions 2000] [--warmup 50]``.
The real KioskApp against the reference platform (a child process) and the device simulators: a
citizen places the ID card, looks up their cases (办件进度查询), prints a 无犯罪记录证明 (to a PDF
through the A4 path), rates the service (好差评) and walks away — the inactivity clock is stepped
so the countdown expires at once. Prints, each against a baseline taken in the same run:

- ``rss_growth_pct=`` — resident memory after all sessions against after the warm-up sessions
  (aim ≤ 5): what one citizen leaves behind, times thousands.
- ``stall_ms=`` — the longest gap of a 1 ms QTimer heartbeat on the GUI thread during the measured
  sessions (aim ≤ 50); ``stall_ratio=`` that against the longest gap of the same heartbeat while
  the kiosk idles on its attract screen in the same run.

``--trace`` adds the stall tracer (benchkit.StallTracer): for each stall over 30 ms, whether the
GUI thread ran (and where), waited for a CPU, or waited for another thread, and which; stalls by
session step; cyclic collections by thread. It costs a little of the GIL: measure without it.
A session waits for two polls of the simulated reader (one to see the card gone, one to find the
next): the soak polls it every ``--poll`` ms (the reader URI's ``poll=``; default 50, where a real
reader keeps the vendors' 300 ms), so a session takes about 0.28 s instead of 0.72 s.

``gui-cpu:`` lines say how much CPU the GUI thread itself used between two heartbeats, at most,
per step: about the stall a quiet machine would show, whatever else runs (``--work`` times each
kiosk method the same way, benchkit.GuiWork).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import benchkit  # bench/ is on sys.path when a bench script runs
from PySide6.QtWidgets import QApplication

from core.config import CONFIG_NAME
from core.flows.kiosk import KioskMode
from devices.id_reader.transport import POLL_MS_MAX, POLL_MS_MIN
from kiosk.app import KioskApp
from kiosk.context import KioskOptions
from kiosk.driver import KioskDriver
from kiosk.printing import pdf_printer, render_a4
from qtkit.walkthrough import quiet_qt_messages
from services.sandbox import EmbeddedPlatform, demo_config, enroll_device


class Clock:
    """The kiosk's inactivity clock, stepped by the script."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def session(driver: KioskDriver, clock: Clock, index: int) -> None:
    """One citizen, start to end."""
    window = driver.window

    def showing() -> str:
        texts = " | ".join(t for t in driver.texts() if t)[:600]
        return f"{driver.screen_name}; banner {driver.banner_text()!r}; {texts}"

    def wait_for(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
        benchkit.wait_for(predicate, timeout_s, what, showing)

    driver.remove_card()
    wait_for(driver.reader_empty, 20, "the reader to see no card")
    driver.place_card(index % 2)
    wait_for(lambda: driver.on("menu"), 20, "the menu after the card")
    driver.click("办件进度查询")
    wait_for(lambda: driver.on("progress"), 30, "the progress answer")
    driver.click(driver.screen("progress").back_button)
    wait_for(lambda: driver.on("menu"), 20, "the menu after the query")
    driver.click("证明打印")
    wait_for(lambda: driver.on("certificate") and driver.has_button("无犯罪记录证明"), 20, "the certificates")
    driver.click("无犯罪记录证明")
    wait_for(lambda: driver.on("certificate") and driver.has_button("就业"), 20, "the purposes")
    driver.click("就业")
    wait_for(lambda: driver.on("certificate") and driver.has_button("打印（A4纸）"), 30, "the preview")
    driver.click("打印（A4纸）")
    wait_for(lambda: driver.on("certificate") and driver.has_button("完成"), 30, "the certificate printed")
    driver.click("完成")
    wait_for(lambda: driver.on("rating"), 20, "the rating screen")
    driver.click("★★★★★ 非常满意")
    wait_for(lambda: driver.on("menu"), 20, "the menu after rating")
    clock.now += window.session.policy.timeout_s + 1  # the citizen walks away
    window.check_idle()
    if window.in_session:
        raise SystemExit("the inactivity timeout did not end the session")


def time_kiosk(work: benchkit.GuiWork) -> None:
    """Time the methods of the kiosk's window, screens and overlays (before the window is built)."""
    from kiosk.countdown import CountdownOverlay
    from kiosk.identity import IdentityDesk
    from kiosk.screens import screen_classes
    from kiosk.screens.attract import AttractScreen
    from kiosk.screens.base import KioskScreen
    from kiosk.screens.certificate_parts import CertificatePaper
    from kiosk.screens.pool import ScreenPool
    from kiosk.screens.progress_card import CaseCard
    from kiosk.window import KioskWindow
    from qtkit.widgets.busy import BusyOverlay

    classes: list[type] = [KioskWindow, IdentityDesk, KioskScreen, AttractScreen, CertificatePaper, CaseCard]
    classes += [CountdownOverlay, BusyOverlay, KioskApp, ScreenPool, KioskDriver, *screen_classes().values()]
    for cls in classes:
        work.time_class(cls)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000, help="measured sessions (default 2000)")
    parser.add_argument("--warmup", type=int, default=50, help="sessions before the baseline (default 50)")
    parser.add_argument(
        "--trace",
        action="store_true",
        help="trace the stalls (benchkit.StallTracer): what ran on the GUI thread, who held it up",
    )
    parser.add_argument(
        "--work",
        action="store_true",
        help="time the GUI thread's own CPU in each kiosk method (benchkit.GuiWork): which handler is long",
    )
    parser.add_argument(
        "--poll",
        type=int,
        default=50,
        help="the simulated ID reader's poll interval in ms (its URI's poll=, 50-2000; default 50)",
    )
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.warmup < 1:
        parser.error("--sessions and --warmup must be at least 1")
    if not POLL_MS_MIN <= args.poll <= POLL_MS_MAX:
        parser.error(f"--poll must be from {POLL_MS_MIN} to {POLL_MS_MAX} (ms)")
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(quiet_qt_messages)
    workdir = Path(tempfile.mkdtemp(prefix="tongban-kiosk-soak-"))
    data = workdir / "kiosk"
    platform = EmbeddedPlatform(workdir / "platform", dept_delay="0.5:2", seed_random=5)
    platform.start()
    qapp = QApplication.instance() or QApplication(["tongban-kiosk-soak"])
    assert isinstance(qapp, QApplication)
    app: KioskApp | None = None
    work = benchkit.GuiWork()
    if args.work:
        time_kiosk(work)
    try:
        config = demo_config(data, role="kiosk")
        reader = f"{config.devices['id_reader']}&poll={args.poll}"
        enroll_device(data, platform, replace(config, devices={**config.devices, "id_reader": reader}))
        clock = Clock()
        options = KioskOptions(
            data,
            data / CONFIG_NAME,
            mode=KioskMode.GENERAL,
            fullscreen=False,
            lockdown=False,
            speech=False,
            sync_interval_ms=5_000,
        )
        app = KioskApp(qapp, options, monotonic=clock)
        app.start()
        driver = KioskDriver(app)
        benchkit.wait_for(lambda: driver.ready, 60, "the kiosk")
        benchkit.wait_for(lambda: app.sync is not None and app.sync.online is True, 60, "the platform")
        window = driver.window
        benchkit.wait_for(lambda: window.pool.full, 60, "the spare screens")  # idle is after them
        assert app.ctx is not None
        pdf = workdir / "certificate.pdf"
        app.ctx.print_a4 = lambda document: render_a4(pdf_printer(pdf), document)
        beat = benchkit.Heartbeat()
        tracer = benchkit.StallTracer(beat)

        beat.start()
        benchkit.wait_for(lambda: beat.beats > 3000, 60, "idle heartbeats")
        beat.stop()
        idle_max = beat.longest_ms

        started = time.perf_counter()
        for index in range(args.warmup):
            session(driver, clock, index)
        gc.collect()
        baseline = rss_kib()
        print(
            f"soak: warm-up {args.warmup} sessions in {time.perf_counter() - started:.1f}s, rss {baseline} KiB"
        )

        durations: list[float] = []
        beat.start()
        if args.trace:
            tracer.start()
        for index in range(args.sessions):
            one = time.perf_counter()
            session(driver, clock, index)
            durations.append(time.perf_counter() - one)
            if (index + 1) % 250 == 0:
                print(f"soak: {index + 1} sessions, rss {rss_kib()} KiB", flush=True)
        beat.stop()
        tracer.stop()
        collection = benchkit.full_collection()
        final = rss_kib()
        growth = (final - baseline) * 100 / baseline
        print(
            f"soak: {args.sessions} sessions, median {statistics.median(durations) * 1000:.0f} ms each; "
            f"rss {baseline} → {final} KiB; heartbeats={beat.beats} "
            f"p99={beat.percentile_ms(0.99):.1f}ms idle_max={idle_max:.1f}ms"
        )
        print(f"rss_growth_pct={growth:.2f}")
        print(f"stall_ms={beat.longest_ms:.1f}")
        print(f"stall_ratio={beat.longest_ms / max(idle_max, 1.0):.2f}")
        print("\n".join(beat.cpu_report()))
        if args.trace:
            print("\n".join(tracer.report()))
        if args.work:
            print("\n".join(work.report()))
        print(collection)
    finally:
        work.restore()
        if app is not None:
            app.stop()
        platform.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
