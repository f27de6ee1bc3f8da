"""From a document photo to an A4 page JPEG: find, unwarp, deskew, enhance, encode; pure functions."""

from __future__ import annotations

import logging
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from devices.camera import MAX_PAGE_BYTES, CapturedPage
from devices.camera.frames import as_u8

_log = logging.getLogger(__name__)

BgrImage = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]  # 4 × 2: top-left, top-right, bottom-right, bottom-left

A4_MM = (210.0, 297.0)
_WORK_PX = 640  # page finding runs on a copy this wide
_MIN_PAGE_AREA = 0.1  # of the frame; smaller outlines are cards, stamps or noise
_MAX_PAGE_AREA = 0.9  # an outline this large is the frame itself: the page fills the view
_DPI_RANGE = (150, 200)  # readable print quality; more only adds bytes
_PAPER_WHITE = 0.88  # lightness within 12 % of the local paper brightness becomes white
_SHARPEN = 0.6
_EDGE_INSET = 0.006  # of the page width, trimmed on every side
_INK_GAMMA = 1.6


def find_page(frame: BgrImage) -> Quad | None:
    """Corners of the largest page-like quadrilateral in ``frame``, or None.

    Two detectors, as pages differ: Canny edges (works on light desks) and a brightness threshold
    (a white sheet on a darker desk, also when text edges touch the outline). The larger convex
    4-point outline of sensible aspect wins.
    """
    width = frame.shape[1]
    scale = min(1.0, _WORK_PX / width)
    small = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else frame
    gray = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    median = float(np.median(gray))
    edges = cv2.Canny(gray, int(max(0, 0.66 * median)), int(min(255, 1.33 * median)))
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9)))
    best: Quad | None = None
    best_area = _MIN_PAGE_AREA * gray.size
    for mask in (edges, bright):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
            quad = _quad(contour)
            if quad is None or not _plausible(quad):
                continue
            area = cv2.contourArea(quad)
            if best_area < area < _MAX_PAGE_AREA * gray.size:
                best, best_area = quad, area
    if best is None:
        return None
    return order_corners(best / scale)


def order_corners(points: npt.NDArray[np.float32]) -> Quad:
    """Order 4 points as top-left, top-right, bottom-right, bottom-left."""
    pts = points.reshape(4, 2).astype(np.float32)
    total, diff = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(total)], pts[np.argmin(diff)], pts[np.argmax(total)], pts[np.argmax(diff)]],
        dtype=np.float32,
    )


def page_size(quad: Quad, *, dpi: int | None = None) -> tuple[int, int, int]:
    """(width, height, dpi) of the A4 output for a page outline: portrait or landscape as photographed.

    Without ``dpi`` the resolution follows the photo (its pixels per inch on the page), kept
    within 150–200 dpi.
    """
    tl, tr, br, bl = quad
    across = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    down = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    short_mm, long_mm = A4_MM
    landscape = across > down
    if dpi is None:
        measured = max(across, down) / (long_mm / 25.4)
        dpi = int(np.clip(round(measured), *_DPI_RANGE))
    short_px, long_px = round(short_mm / 25.4 * dpi), round(long_mm / 25.4 * dpi)
    return (long_px, short_px, dpi) if landscape else (short_px, long_px, dpi)


def warp_page(frame: BgrImage, quad: Quad, size: tuple[int, int]) -> BgrImage:
    """The page inside ``quad`` mapped onto a ``size`` (width, height) rectangle."""
    width, height = size
    m = _EDGE_INSET * width  # corners are found to a few pixels: trim so no desk shows at the edges
    target = np.array(
        [[-m, -m], [width - 1 + m, -m], [width - 1 + m, height - 1 + m], [-m, height - 1 + m]],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(quad, target)
    warped = cv2.warpPerspective(
        frame, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return as_u8(warped)


def estimate_skew(image: BgrImage, *, max_deg: float = 10.0) -> float:
    """Text-line angle in degrees (positive = counter-clockwise), 0 when there are no lines to go by.

    Projection profiles: rows of text give the most uneven row sums when the image is rotated so
    lines are horizontal. Coarse 0.5° steps, then 0.1° around the best, on a ≤ 600 px copy.
    """
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    scale = min(1.0, 600 / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    if np.count_nonzero(ink) < 0.002 * ink.size:
        return 0.0

    def score(angle: float) -> float:
        center = (ink.shape[1] / 2, ink.shape[0] / 2)
        rotated = cv2.warpAffine(ink, cv2.getRotationMatrix2D(center, angle, 1.0), ink.shape[::-1])
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    flat = score(0.0)
    coarse = max(np.arange(-max_deg, max_deg + 0.01, 0.5), key=score)
    best = max(np.arange(coarse - 0.4, coarse + 0.41, 0.1), key=score)
    return float(best) if score(best) > 1.05 * flat else 0.0


def rotate(image: BgrImage, angle_deg: float) -> BgrImage:
    """Rotate about the centre keeping the size; edges are filled from the border."""
    if abs(angle_deg) < 0.05:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, 1.0)
    rotated = cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return as_u8(rotated)


def enhance(image: BgrImage) -> BgrImage:
    """Even out lighting and lift the paper to white, keeping colour (red seals) and photo detail.

    Adaptive contrast by background normalisation: lightness is divided by the local paper
    brightness (a max filter ignores text strokes; estimated at 1/8 size, which also averages
    out sensor noise), everything within ~12 % of the paper becomes white, strokes get a mild
    unsharp mask and a gamma that darkens ink. Photos keep their tonal order (a monotonic tone curve);
    chroma is not touched.
    """
    lab = cv2.cvtColor(cv2.GaussianBlur(image, (0, 0), 0.7), cv2.COLOR_BGR2LAB)
    lightness = lab[:, :, 0].astype(np.float32)
    height, width = lightness.shape
    small = cv2.resize(lightness, (max(1, width // 8), max(1, height // 8)), interpolation=cv2.INTER_AREA)
    small = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    small = cv2.GaussianBlur(small, (0, 0), max(small.shape) / 30)
    paper = cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)
    ratio = np.clip(lightness / np.maximum(paper, 1.0) / _PAPER_WHITE, 0.0, 1.0)
    # unsharp mask (upscaled photos have soft strokes), then a gamma that darkens ink and keeps white
    sharpened = np.clip(ratio + _SHARPEN * (ratio - cv2.GaussianBlur(ratio, (0, 0), 1.5)), 0.0, 1.0)
    lab[:, :, 0] = (255.0 * sharpened**_INK_GAMMA).astype(np.uint8)
    return as_u8(cv2.cvtColor(lab, cv2.COLOR_LAB2BGR))


def encode_jpeg(image: BgrImage, max_bytes: int = MAX_PAGE_BYTES) -> tuple[bytes, BgrImage]:
    """JPEG under ``max_bytes``: lower quality first (85 → 45), then the size in 15 % steps.

    Returns the JPEG and the image it encodes (possibly downscaled).
    """
    current = image
    while True:
        for quality in (85, 75, 65, 55, 45):
            ok, buffer = cv2.imencode(
                ".jpg", current, [cv2.IMWRITE_JPEG_QUALITY, quality, cv2.IMWRITE_JPEG_OPTIMIZE, 1]
            )
            if ok and buffer.size <= max_bytes:
                return buffer.tobytes(), current
        if min(current.shape[:2]) < 200:
            raise ValueError(f"cannot encode a page under {max_bytes} bytes")
        current = as_u8(cv2.resize(current, None, fx=0.85, fy=0.85, interpolation=cv2.INTER_AREA))
        _log.info(
            "page over %d bytes at quality 45; trying %dx%d", max_bytes, current.shape[1], current.shape[0]
        )


def process_photo(frame: BgrImage, *, max_bytes: int = MAX_PAGE_BYTES, improve: bool = True) -> CapturedPage:
    """The whole chain for one photo: page → A4, deskew, enhancement (``improve``), JPEG."""
    quad = find_page(frame)
    if quad is not None:
        width, height, _ = page_size(quad)
        page = warp_page(frame, quad, (width, height))
        page = rotate(page, estimate_skew(page, max_deg=3.0))  # residue of imprecise corners
    else:
        _log.info("no page outline found; keeping the whole frame")
        page = rotate(frame, estimate_skew(frame))
        long_px = round(A4_MM[1] / 25.4 * _DPI_RANGE[0])
        factor = long_px / max(page.shape[:2])
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
        page = as_u8(cv2.resize(page, None, fx=factor, fy=factor, interpolation=interpolation))
    if improve:
        page = enhance(page)
    jpeg, encoded = encode_jpeg(page, max_bytes)
    return CapturedPage(jpeg, encoded.shape[1], encoded.shape[0], quad is not None)


def _quad(contour: npt.NDArray[Any]) -> Quad | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
    return None


def _plausible(quad: Quad) -> bool:
    """Convex, with opposite sides of similar length and an aspect not far from A4 (1.41)."""
    ordered = order_corners(quad)
    if not cv2.isContourConvex(ordered.reshape(-1, 1, 2)):
        return False
    sides = [float(np.linalg.norm(ordered[i] - ordered[(i + 1) % 4])) for i in range(4)]
    if min(sides) < 1:
        return False
    across, down = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    aspect = max(across, down) / min(across, down)
    return 1.0 <= aspect <= 2.2 and min(sides[0], sides[2]) / max(sides[0], sides[2]) > 0.6
