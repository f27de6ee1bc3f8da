"""QR/barcode input: the ``ScanResult`` value and the ``CodeSource`` port (serial scanner, camera)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from devices.errors import DeviceError

UNKNOWN_FORMAT = "UNKNOWN"  # a serial scanner that sends no AIM identifier does not say what it read


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One decoded code.

    format: symbology in zbar's spelling ("QRCODE", "CODE128", "EAN13" …) or ``UNKNOWN_FORMAT``.
    text: the payload decoded by ``devices.qr.text.decode_payload`` (UTF-8, else GB18030).
    raw: the payload bytes exactly as read, for the audit log (research/devices.md §3.3).
    source: the device URI or file it came from, e.g. "serial:/dev/ttyACM0", "camera:0".
    """

    format: str
    text: str
    raw: bytes
    source: str


class CodeSource(Protocol):
    """Something that yields scans: a serial scanner or a camera.

    Callbacks run on the source's own owner thread, never on the caller's; the Qt bridge turns
    them into signals (DESIGN.md: Threading).
    """

    def start(self, on_scan: Callable[[ScanResult], None], on_error: Callable[[DeviceError], None]) -> None:
        """Start the owner thread; scans and errors arrive through the callbacks until ``stop``."""

    def stop(self) -> None:
        """Stop and join the owner thread and release the device; safe to call twice."""

    def read_one(self, timeout: float) -> ScanResult:
        """Block until one scan (for the CLI and tests); raises DeviceTimeout or another DeviceError."""
