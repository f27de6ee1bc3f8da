"""Decoding QR codes and barcodes in camera frames, image files and ``camera:``/``video:``/``images:`` sources."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, TypeVar

import cv2
import numpy as np
import numpy.typing as npt

from devices.camera.frames import Frame, as_u8, frame_source, read_image
from devices.errors import DeviceError, DeviceTimeout, DeviceUnavailableFeature
from devices.qr import ScanResult
from devices.qr.decoders import ALL_FORMATS, QR_FORMATS, RawCode, ZbarDecoder, ZxingDecoder, zxing_decoder
from devices.qr.owner import OwnerThread
from devices.qr.regions import Box, candidate_regions, crop, merge_boxes
from devices.qr.text import decode_payload
from devices.uri import DeviceUri

_log = logging.getLogger(__name__)
_T = TypeVar("_T")

Engine = Literal["auto", "zxing", "pyzbar"]

LIVE_BUDGET_S = 0.02  # a live frame may cost this much before the slow full-frame zbar pass is skipped
STILL_BUDGET_S = 2.0  # a still image (a file the user chose) gets every pass
_HALF_FROM_PX = 960  # frames at least this wide are tried at half size first (§3.4: decode on ≤1280 px)


class FramePipeline:
    """Decodes frames fast: zxing-cpp where installed (measured ~10× faster than zbar and better on
    small codes, §3.2; 40–50× faster than whole-frame pyzbar in bench/qr_bench.py), zbar in binary
    mode (§3.3) as the fallback on crops and, within the time budget, on the whole frame.

    Stages of a live frame (stop at the first that finds something):
      1. grayscale; frames ≥ 960 px wide are halved and decoded whole (zxing: all formats, ≈1 ms;
         without zxing, zbar on the half frame, ≈6 ms);
      2. zxing QR at full resolution, noting symbols it located but could not decode;
      3. those symbols, then the densest edge regions, cropped at full resolution and upscaled,
         for zxing's thorough mode and zbar, until the budget is spent;
      4. zbar on the whole frame if its expected cost (learnt per megapixel) fits the rest of the
         budget: small frames get it, live 720p frames (≈30–80 ms) do not, the next frame comes anyway.
    A still image runs every stage and returns the union. Not thread-safe: one per owner thread.
    """

    def __init__(
        self,
        *,
        engine: Engine = "auto",
        formats: Iterable[str] = ALL_FORMATS,
        live_budget_s: float = LIVE_BUDGET_S,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.formats = frozenset(formats)
        self._live_budget_s = live_budget_s
        self._clock = clock
        self._zxing: ZxingDecoder | None = None
        self._zbar: ZbarDecoder | None = None
        if engine in ("auto", "zxing"):
            self._zxing = zxing_decoder()
            if self._zxing is None and engine == "zxing":
                raise DeviceUnavailableFeature("未安装 zxing-cpp。", "zxing-cpp requested but not importable")
        if engine in ("auto", "pyzbar"):
            self._zbar = _optional(ZbarDecoder)
        if self._zxing is None and self._zbar is None:
            raise DeviceUnavailableFeature(
                "没有可用的二维码识别组件（需要 zxing-cpp 或 libzbar0）。",
                "neither zxing-cpp nor zbar available",
            )
        self._zbar_s_per_mpx = 0.04  # first guess, measured on a 2-core VM (§3.2: 22–37 ms per 0.9 MP)

    @property
    def engine(self) -> str:
        """``zxing-cpp+pyzbar``, ``zxing-cpp`` or ``pyzbar``: what this pipeline really uses."""
        return "+".join(d.name for d in (self._zxing, self._zbar) if d is not None)

    def decode(self, frame: Frame, *, source: str = "frame", still: bool = False) -> list[ScanResult]:
        """Every code found in ``frame`` (BGR, BGRA or gray), as ScanResults from ``source``.

        ``still`` is for a single picture the user chose: every pass runs and zxing rotates and
        inverts too; a live frame gets ``LIVE_BUDGET_S`` because the next frame comes anyway.
        """
        start = self._clock()
        budget_s = STILL_BUDGET_S if still else self._live_budget_s
        gray = _gray(frame)
        codes = self._fast(gray, still)
        if still or not codes:
            boxes: list[Box] = []
            if self._zxing is not None:
                formats = self.formats if still else QR_FORMATS & self.formats
                found, boxes = self._zxing.decode(gray, formats, thorough=still, with_failures=True)
                codes += found
            if not codes:
                boxes = merge_boxes(boxes) + candidate_regions(gray)
                codes = self._crops(gray, boxes, deadline=start + budget_s)
        if (still or not codes) and self._zbar is not None:
            megapixels = gray.size / 1e6
            if self._clock() - start + self._zbar_s_per_mpx * megapixels <= budget_s:
                t0 = self._clock()
                codes += self._zbar.decode(gray, self.formats)
                self._zbar_s_per_mpx = 0.5 * self._zbar_s_per_mpx + 0.5 * (self._clock() - t0) / megapixels
        return [ScanResult(c.format, decode_payload(c.raw), c.raw, source) for c in _unique(codes)]

    def _fast(self, gray: npt.NDArray[np.uint8], still: bool) -> list[RawCode]:
        height, width = gray.shape
        if width < _HALF_FROM_PX:
            if self._zxing is not None:
                return self._zxing.decode(gray, self.formats, thorough=still)[0]
            return []  # small frames: zbar gets the crops and the whole frame below
        small = as_u8(cv2.resize(gray, (width // 2, height // 2), interpolation=cv2.INTER_AREA))
        if self._zxing is not None:
            codes = self._zxing.decode(small, self.formats, thorough=still)[0]
        else:
            assert self._zbar is not None
            codes = self._zbar.decode(small, self.formats)
        return [_moved(c, 2.0, (0, 0)) for c in codes]

    def _crops(self, gray: npt.NDArray[np.uint8], boxes: list[Box], *, deadline: float) -> list[RawCode]:
        for box in boxes[:4]:
            if self._clock() > deadline:
                break
            patch, scale, origin = crop(gray, box)
            codes: list[RawCode] = []
            if self._zxing is not None:
                codes = self._zxing.decode(patch, self.formats, thorough=True)[0]
            if not codes and self._zbar is not None:
                codes = self._zbar.decode(patch, self.formats)
            if codes:
                return [_moved(c, scale, origin) for c in codes]
        return []


def decode_frame(
    frame: Frame, *, pipeline: FramePipeline | None = None, source: str = "frame"
) -> list[ScanResult]:
    """Codes in one live frame (fast settings); builds a default pipeline when none is given."""
    return (pipeline or FramePipeline()).decode(frame, source=source)


def decode_image(path: str | Path, *, pipeline: FramePipeline | None = None) -> list[ScanResult]:
    """Codes in an image file, trying every pass; a missing/unreadable file is DeviceNotFound."""
    image = read_image(path)
    return (pipeline or FramePipeline()).decode(image, source=f"image:{path}", still=True)


def scan_source(
    uri: str | DeviceUri,
    timeout: float,
    *,
    pipeline: FramePipeline | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> ScanResult:
    """The first code seen in a ``camera:``/``video:``/``images:`` source; runs on the caller's thread.

    Raises DeviceNotFound when there is no such camera/file, DeviceTimeout when nothing is decoded
    within ``timeout`` seconds or before a video/folder ends.
    """
    pipe = pipeline or FramePipeline()
    deadline = clock() + timeout
    with frame_source(uri, width=1280, height=720) as frames:
        while clock() < deadline:
            frame = frames.read()
            if frame is None:
                raise DeviceTimeout(
                    "视频或图片中没有找到二维码或条码。", f"{frames.uri}: source ended without a code"
                )
            results = pipe.decode(frame, source=frames.uri)
            if results:
                return results[0]
        raise DeviceTimeout(
            f"{timeout:g} 秒内没有识别到二维码或条码，请把码对准摄像头、保持稳定再试。",
            f"{frames.uri}: no code within {timeout:g} s",
        )


class CameraScanner(OwnerThread):
    """``CodeSource`` over a camera (or video/images): decodes frames on its owner thread ``qr-camera``.

    A code held in view is reported once; it is reported again only after it has been out of view
    for ``repeat_after_s`` (a phone held up to the kiosk camera stays there for seconds).
    """

    thread_name = "qr-camera"

    def __init__(
        self,
        uri: str | DeviceUri,
        *,
        repeat_after_s: float = 1.5,
        engine: Engine = "auto",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._uri = uri
        self._repeat_after_s = repeat_after_s
        self._engine: Engine = engine
        self._clock = clock
        super().__init__()

    def read_one(self, timeout: float) -> ScanResult:
        if self._thread is not None:
            raise RuntimeError("read_one() while the owner thread is running; use the on_scan callback")
        return scan_source(self._uri, timeout, pipeline=FramePipeline(engine=self._engine), clock=self._clock)

    def _run(self, on_scan: Callable[[ScanResult], None], on_error: Callable[[DeviceError], None]) -> None:
        last_seen: dict[tuple[str, bytes], float] = {}
        try:
            pipeline = FramePipeline(engine=self._engine)
            with frame_source(self._uri, width=1280, height=720) as frames:
                while not self._stop.is_set() and (frame := frames.read()) is not None:
                    now = self._clock()
                    for result in pipeline.decode(frame, source=frames.uri):
                        key = (result.format, result.raw)
                        if now - last_seen.get(key, -1e9) > self._repeat_after_s:
                            _call(on_scan, result)
                        last_seen[key] = now
                    if not frames.live:
                        self._stop.wait(0.01)  # a file source would otherwise spin through at full speed
        except DeviceError as exc:
            _call(on_error, exc)


def _call(callback: Callable[[_T], None], value: _T) -> None:
    try:
        callback(value)
    except Exception:
        _log.exception("camera scanner callback failed")


def _optional(factory: Callable[[], ZbarDecoder]) -> ZbarDecoder | None:
    try:
        return factory()
    except DeviceUnavailableFeature as exc:
        _log.warning("%s", exc.detail)
        return None


def _gray(frame: Frame) -> npt.NDArray[np.uint8]:
    if frame.ndim == 2:
        return frame
    code = cv2.COLOR_BGRA2GRAY if frame.shape[2] == 4 else cv2.COLOR_BGR2GRAY
    return as_u8(cv2.cvtColor(frame, code))


def _moved(code: RawCode, scale: float, origin: tuple[int, int]) -> RawCode:
    """``code`` found in a patch scaled by ``scale`` at ``origin``, in frame coordinates."""
    x, y, w, h = code.box
    ox, oy = origin
    box = (ox + round(x / scale), oy + round(y / scale), round(w / scale), round(h / scale))
    return RawCode(code.format, code.raw, box)


def _unique(codes: list[RawCode]) -> list[RawCode]:
    seen: set[tuple[str, bytes]] = set()
    out = []
    for code in codes:
        if (code.format, code.raw) not in seen:
            seen.add((code.format, code.raw))
            out.append(code)
    return out
