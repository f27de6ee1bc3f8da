"""Bench: poll-to-card time of the real ID-reader driver through the simulator, against pure wire time."""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Sequence

from devices.id_reader import IdCard
from devices.id_reader.card_file import demo_cards_path, load_cards
from devices.id_reader.serial_reader import SerialIdReader
from devices.id_reader.session import SamSession
from devices.id_reader.simulator import IdReaderSimulator
from devices.id_reader.transport import open_port, resolve_target


def wire_seconds(simulator: IdReaderSimulator) -> float:
    """Bytes both ways since the last reset, at 10 bits per byte (8N1, research/devices.md §1.1)."""
    received, sent = simulator.traffic()
    return (received + sent) * 10 / simulator.baud


def settle(simulator: IdReaderSimulator) -> None:
    """Let the simulator book its last write (outside the measured time)."""
    before = None
    while before != simulator.traffic():
        before = simulator.traffic()
        time.sleep(0.005)


def read_placed_card(session: SamSession, with_fingerprint: bool) -> IdCard | None:
    """find → select → read without the reader thread's pauses; None when no card is in the field."""
    if not session.find():
        return None
    session.select()
    return session.read(with_fingerprint)


def bench_session(
    simulator: IdReaderSimulator, reads: int, fingerprint: bool
) -> tuple[list[float], list[float]]:
    """find → select → read through the driver's session code, each from a fresh placement."""
    session = SamSession(open_port(resolve_target(simulator.uri)))
    measured: list[float] = []
    wire: list[float] = []
    try:
        session.check_status()
        for index in range(reads):
            simulator.place_card(index % len(simulator.cards))
            simulator.reset_counters()
            started = time.perf_counter()
            card = read_placed_card(session, fingerprint)
            measured.append(time.perf_counter() - started)
            if card is None:
                raise SystemExit("the simulator did not present a card")
            settle(simulator)
            wire.append(wire_seconds(simulator))
    finally:
        session.close()
    return measured, wire


def bench_thread(
    simulator: IdReaderSimulator, reads: int, fingerprint: bool
) -> tuple[list[float], list[float]]:
    """The threaded driver: from the arrival of the find that found the card to on_card."""
    arrived = threading.Event()
    seen: list[float] = []

    def on_card(card: IdCard) -> None:
        seen.append(time.monotonic())
        arrived.set()

    reader = SerialIdReader(simulator.uri, poll_interval=0.05, fingerprint=fingerprint)
    simulator.remove_card()
    reader.start(on_card, lambda error: print(f"error: {error.detail}", file=sys.stderr), lambda state: None)
    measured: list[float] = []
    wire: list[float] = []
    try:
        for index in range(reads):
            arrived.clear()
            while reader.state != "no_card":  # the driver must see the previous card go
                time.sleep(0.005)
            simulator.reset_counters()
            simulator.place_card(index % len(simulator.cards))
            if not arrived.wait(10):
                raise SystemExit("no card read within 10 s")
            found_at = simulator.last_found_at()
            assert found_at is not None
            settle(simulator)
            measured.append(seen[-1] - found_at)
            # Only the successful poll and what followed count: drop the earlier empty polls.
            polls = simulator.counts().get("20 01", 1)
            wire.append(wire_seconds(simulator) - (polls - 1) * (10 + 11) * 10 / simulator.baud)
    finally:
        reader.stop()
    return measured, wire


def report(name: str, measured: list[float], wire: list[float]) -> float:
    ratio = sum(measured) / sum(wire)
    print(
        f"{name}: reads={len(measured)} measured={sum(measured):.4f}s wire={sum(wire):.4f}s "
        f"per_read measured={statistics.mean(measured) * 1000:.1f}ms "
        f"(min {min(measured) * 1000:.1f}, max {max(measured) * 1000:.1f}) wire={statistics.mean(wire) * 1000:.1f}ms"
    )
    return ratio


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--reads", type=int, default=20)
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--transport", choices=("pty", "tcp"), default="pty")
    parser.add_argument("--no-fingerprint", action="store_true", help="read with 30 01 instead of 30 10")
    args = parser.parse_args(argv)
    fingerprint = not args.no_fingerprint
    cards = load_cards(demo_cards_path())
    with IdReaderSimulator(cards, baud=args.baud, transport=args.transport) as simulator:
        session_ratio = report("session", *bench_session(simulator, args.reads, fingerprint))
        thread_ratio = report("thread", *bench_thread(simulator, args.reads, fingerprint))
    print(f"thread_overhead={thread_ratio:.3f}")
    print(f"overhead={session_ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
