"""The document camera (高拍仪): the ``CapturedPage`` value and the ``DocumentCamera`` port."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

MAX_PAGE_BYTES = 400_000  # "well under 500 KB" per page: uploads and the encrypted store stay small


@dataclass(frozen=True, slots=True)
class CapturedPage:
    """One photographed material page, ready to store.

    jpeg: the encoded page (perspective-corrected to A4 when ``found_page``).
    width, height: its size in pixels (about 150–200 dpi for A4).
    found_page: False when no page outline was found and the whole (deskewed) frame was kept;
    staff should then check the picture before accepting it.
    """

    jpeg: bytes
    width: int
    height: int
    found_page: bool


class DocumentCamera(Protocol):
    """A document camera. Lives on the thread that calls it (a worker, never the GUI thread)."""

    def capture_page(self, timeout: float) -> CapturedPage:
        """Photograph the page under the camera; raises DeviceNotFound, DeviceTimeout, DeviceDisconnected."""

    def close(self) -> None:
        """Release the camera; safe to call twice."""
