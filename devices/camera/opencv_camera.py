"""``OpenCvDocumentCamera``: a UVC document camera (or a video / image folder) through OpenCV (§3.4)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from types import TracebackType

import cv2
import numpy as np

from devices.camera import MAX_PAGE_BYTES, CapturedPage
from devices.camera.frames import Frame, FrameSource, frame_source
from devices.camera.page import process_photo
from devices.errors import DeviceTimeout
from devices.uri import DeviceUri

_log = logging.getLogger(__name__)

# §3.4: 高拍仪 offer 5–16 MP, usually only as MJPG; ask for 5 MP (the URI may ask for more).
DOCUMENT_SIZE = (2592, 1944)
_WARMUP_S = 0.7  # auto-exposure and focus settle after the stream starts
_PICK_S = 0.3  # then the sharpest frame of this window is kept


class OpenCvDocumentCamera:
    """``DocumentCamera`` over ``camera:``, ``video:``, ``images:`` or ``sim``; lives on the caller's (worker) thread.

    The camera is opened on the first capture and kept open until ``close`` (opening a UVC device
    takes up to a second). From a live camera the sharpest frame of a short window is used; from
    a video or folder simply the next frame.
    """

    def __init__(
        self,
        uri: str | DeviceUri,
        *,
        max_bytes: int = MAX_PAGE_BYTES,
        improve: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._uri = uri
        self._max_bytes = max_bytes
        self._improve = improve
        self._clock = clock
        self._source: FrameSource | None = None
        self._warm = False

    def capture_page(self, timeout: float) -> CapturedPage:
        frame = self.capture_frame(timeout)
        return process_photo(frame, max_bytes=self._max_bytes, improve=self._improve)

    def capture_frame(self, timeout: float) -> Frame:
        """The raw photo the next page would be made from (for a live preview or a retry)."""
        deadline = self._clock() + timeout
        if self._source is None:
            self._source = frame_source(self._uri, width=DOCUMENT_SIZE[0], height=DOCUMENT_SIZE[1]).open()
            self._warm = not self._source.live
        source = self._source
        if not self._warm:
            settle = self._clock() + _WARMUP_S
            while self._clock() < min(settle, deadline) and source.read() is not None:
                pass
            self._warm = True
        best: Frame | None = None
        best_sharpness = -1.0
        window_end = self._clock() + (_PICK_S if source.live else 0.0)
        while self._clock() < deadline:
            frame = source.read()
            if frame is None:
                break
            sharpness = _sharpness(frame) if source.live else 0.0
            if sharpness > best_sharpness:
                best, best_sharpness = frame, sharpness
            if self._clock() >= window_end:
                break
        if best is None:
            raise DeviceTimeout(
                f"{timeout:g} 秒内高拍仪没有拍到画面，请检查高拍仪后重试。",
                f"{source.uri}: no frame within {timeout:g} s",
                code="camera.timeout",
                params={"seconds": f"{timeout:g}"},
            )
        return best

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
            self._source = None

    def __enter__(self) -> OpenCvDocumentCamera:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def capture_page(uri: str | DeviceUri, timeout: float, *, max_bytes: int = MAX_PAGE_BYTES) -> CapturedPage:
    """Open the camera, photograph one page, close it; on the caller's thread."""
    with OpenCvDocumentCamera(uri, max_bytes=max_bytes) as camera:
        return camera.capture_page(timeout)


def _sharpness(frame: Frame) -> float:
    """Variance of the Laplacian on a small gray copy: higher is sharper (a steady, focused shot)."""
    small = cv2.resize(frame, (320, 240), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return float(np.var(cv2.Laplacian(gray, cv2.CV_64F)))
