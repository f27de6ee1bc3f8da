"""Receipt printers: what a printable receipt looks like to a printer, and the printer port."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from devices.errors import DeviceError


class ReceiptBlock(Protocol):
    """One block of a receipt. ``core.receipts`` builds these; the printer only reads them.

    kind: "text" | "qr" | "barcode" | "rule" | "feed".
    text: the text, the QR payload or the barcode data ("" for rule/feed).
    align: "left" | "center" | "right".
    emphasis: "normal" | "bold" | "large" | "title".
    """

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def align(self) -> str: ...

    @property
    def emphasis(self) -> str: ...


class PrintableReceipt(Protocol):
    """A receipt as data (``core.receipts.Receipt`` satisfies this structurally; neither imports the other).

    kind: "receipt" (受理回执) | "notice" (一次性告知书) | "rejection" (不予受理通知书) | "certificate" | "test".
    reprint: True when this is a 补打 (printed again), which the receipt must say.
    """

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def reprint(self) -> bool: ...

    @property
    def blocks(self) -> Sequence[ReceiptBlock]: ...


class OfflineReason(StrEnum):
    """Why a printer is not printing, from ``DLE EOT 2`` (research/devices.md §2.5)."""

    NONE = "none"  # online
    COVER_OPEN = "cover_open"
    PAPER_OUT = "paper_out"
    FEED_BUTTON = "feed_button"
    ERROR = "error"
    UNKNOWN = "unknown"  # offline without a known cause, or the transport cannot read status


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the printer reported through ``DLE EOT 1/2/4``.

    Every flag is ``None`` when the transport cannot read status (``file:``, ``cups:``, or a
    printer configured with ``?status=off``); ``offline_reason`` is then UNKNOWN.
    ``raw`` holds the three reply bytes for logs.
    """

    online: bool | None
    paper_ok: bool | None
    paper_near_end: bool | None
    cover_open: bool | None
    offline_reason: OfflineReason
    raw: bytes = b""

    @classmethod
    def unknown(cls) -> PrinterStatus:
        return cls(None, None, None, None, OfflineReason.UNKNOWN)

    @property
    def readable(self) -> bool:
        return self.online is not None


class ReceiptPrinter(Protocol):
    """A connected receipt printer. Not thread-safe: it lives on the caller's device worker thread."""

    @property
    def name(self) -> str:
        """The device URI it was opened from, for logs."""
        ...

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT); raises DeviceTimeout / DeviceDisconnected when it does not answer."""
        ...

    def send(self, data: bytes) -> None:
        """Hand ``data`` to the printer; returns only when every byte was accepted by the transport."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PrintResult:
    """A receipt the printer accepted.

    ``confirmed`` is True when the status read after sending showed no problem; False when the
    transport cannot read status (the bytes reached the file / spooler, nothing more is known).
    ``missing_glyphs`` are characters no installed font could draw (printed as a box).
    """

    bytes_sent: int
    confirmed: bool
    status_before: PrinterStatus
    status_after: PrinterStatus
    raster_lines: int
    missing_glyphs: tuple[str, ...] = ()

    @property
    def paper_near_end(self) -> bool:
        return bool(self.status_after.paper_near_end or self.status_before.paper_near_end)


class PrinterNotReady(DeviceError):
    """The printer reported a condition that stops printing. ``sent`` is True when the receipt
    had already been sent (it may be partly printed: keep the job and print it again)."""

    def __init__(
        self, message: str, detail: str, status: PrinterStatus, *, sent: bool = False, code: str = ""
    ) -> None:
        super().__init__(message, detail, code=code)
        self.status = status
        self.sent = sent


class PrinterPaperOut(PrinterNotReady):
    """No paper (DLE EOT 4 bits 5–6)."""


class PrinterCoverOpen(PrinterNotReady):
    """The cover is open (DLE EOT 2 bit 2)."""


class PrinterOffline(PrinterNotReady):
    """Offline for another reason (DLE EOT 1 bit 3)."""
