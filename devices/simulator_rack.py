"""The simulators behind ``sim`` device URIs: started for a DeviceManager (or ``devices list``), stopped with it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from devices.errors import DeviceError, DeviceUriError
from devices.uri import Scheme, parse_device_uri

logger = logging.getLogger(__name__)


def _sim_reader_options(uri: str, options: Mapping[str, str], count: int) -> tuple[float, int | None]:
    """(auto-cycle seconds, first card index or None) from a ``sim`` reader URI's query."""
    cycle_text, card_text = options.get("cycle", "3"), options.get("card", "0")
    try:
        cycle = float(cycle_text)
        first = None if card_text == "none" else int(card_text)
    except ValueError:
        raise DeviceUriError(
            f"模拟读卡器参数不对：{uri}（cycle 为秒数，card 为卡片序号或 none）",
            f"bad sim reader options in {uri!r}",
        ) from None
    if cycle < 0 or (first is not None and not 0 <= first < max(count, 1)):
        raise DeviceUriError(f"模拟读卡器参数超出范围：{uri}", f"sim reader option out of range in {uri!r}")
    return cycle, first


class SimulatorRack:
    """Starts the simulators behind ``sim`` URIs and hands back the real URIs to connect to.

    Lives on the thread that builds the devices; ``stop()`` stops every simulator it started.
    """

    def __init__(self) -> None:
        self._stops: list[Callable[[], None]] = []
        self.printer: Any = None  # the PrinterSimulator, for demos that show what was printed
        self.id_reader: Any = None
        self.scanner: Any = None

    def resolve(self, role: str, uri: str) -> str:
        """``uri`` itself, or for ``sim…`` the URI of a simulator started for it."""
        parsed = parse_device_uri(uri)
        if parsed.scheme is not Scheme.SIM:
            return uri
        if role == "id_reader":
            from devices.id_reader.card_file import demo_cards_path, load_cards
            from devices.id_reader.simulator import IdReaderSimulator

            cards = load_cards(Path(parsed.path) if parsed.path else demo_cards_path())
            # ``sim:cards.json?card=none&cycle=0``: a kiosk's reader starts empty and keeps a card
            # until told otherwise (a card lying on it would start a citizen's session by itself).
            cycle, first = _sim_reader_options(uri, parsed.options, len(cards))
            reader = IdReaderSimulator(cards, transport="pty", auto_cycle=cycle)
            if first is not None:
                reader.place_card(first)
            reader.start()
            self._stops.append(reader.stop)
            self.id_reader = reader
            poll = parsed.options.get("poll")  # the driver's ask interval, in ms: kept for it
            if poll is None:
                return str(reader.uri)
            return f"{reader.uri}{'&' if '?' in str(reader.uri) else '?'}poll={poll}"
        if role == "printer":
            from devices.printer.simulator import PrinterSimulator

            printer = PrinterSimulator()
            printer.start()
            self._stops.append(printer.stop)
            self.printer = printer
            return str(printer.uri)
        if role == "scanner":
            from devices.qr.simulator import ScannerSimulator

            scanner = ScannerSimulator().open()
            self._stops.append(scanner.close)
            self.scanner = scanner
            return str(scanner.uri)
        if role == "camera":
            return uri  # the camera driver serves ``sim`` itself, drawing each demo photo when first asked
        raise DeviceUriError(f"没有“{role}”的模拟器", f"no simulator for role {role!r}")

    def stop(self) -> None:
        while self._stops:
            stop = self._stops.pop()
            try:
                stop()
            except DeviceError as exc:
                logger.warning("stopping a simulator failed: %s", exc.detail)
