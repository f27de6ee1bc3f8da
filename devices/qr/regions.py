"""Finding where a code may be in a grayscale frame, and cropping it at full resolution; pure functions."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from devices.camera.frames import as_u8

GrayImage = npt.NDArray[np.uint8]
Box = tuple[int, int, int, int]  # x, y, width, height in frame pixels

_FACTOR = 4  # analyse at quarter size: a QR of ≥ 80 px is still a ≥ 20 px blob there
_MIN_CROP_PX = 320  # crops smaller than this are upscaled: zbar/zxing like ≥ 3 px per module


def candidate_regions(gray: GrayImage, *, limit: int = 4) -> list[Box]:
    """Boxes of dense-edge blobs (codes are the densest edges in a frame), best first.

    Edge magnitude at quarter size, averaged locally, Otsu-thresholded and closed into blobs;
    blobs are ranked by edge energy. About 1 ms for 1280×720 on the 2-core VM of §3.2.
    """
    height, width = gray.shape
    small = cv2.resize(
        gray, (max(1, width // _FACTOR), max(1, height // _FACTOR)), interpolation=cv2.INTER_AREA
    )
    gx = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 1, 0, ksize=3))
    gy = cv2.convertScaleAbs(cv2.Sobel(small, cv2.CV_16S, 0, 1, ksize=3))
    density = cv2.blur(cv2.addWeighted(gx, 0.5, gy, 0.5, 0), (5, 5))
    _, mask = cv2.threshold(density, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    scored: list[tuple[float, Box]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < 12 or h < 8 or w * h > 0.5 * small.size:
            continue
        energy = float(density[y : y + h, x : x + w].mean()) * w * h
        scored.append((energy, (x * _FACTOR, y * _FACTOR, w * _FACTOR, h * _FACTOR)))
    scored.sort(key=lambda item: item[0], reverse=True)
    return [box for _, box in scored[:limit]]


def merge_boxes(boxes: list[Box], *, min_side: int = 8) -> list[Box]:
    """Merge boxes that touch once grown by half their size; drop degenerate ones.

    zxing reports the finder-pattern triples it could not decode as separate, partly overlapping
    fragments of one symbol; the symbol is their union.
    """
    merged: list[Box] = []
    for box in sorted((b for b in boxes if min(b[2], b[3]) >= min_side), key=lambda b: -b[2] * b[3]):
        for i, other in enumerate(merged):
            if _touch(_grown(box, 0.5), other):
                merged[i] = _union(box, other)
                break
        else:
            merged.append(box)
    return merged


def crop(gray: GrayImage, box: Box, *, margin: float = 0.2) -> tuple[GrayImage, float, tuple[int, int]]:
    """The box plus a margin (for the quiet zone), upscaled when small.

    Returns (patch, scale, (x0, y0)): a point p in the patch is ``(x0, y0) + p / scale`` in ``gray``.
    """
    height, width = gray.shape
    x, y, w, h = box
    pad = int(margin * max(w, h)) + 4
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(width, x + w + pad), min(height, y + h + pad)
    patch = gray[y0:y1, x0:x1]
    side = max(patch.shape)
    scale = 1.0
    if 0 < side < _MIN_CROP_PX:
        scale = min(3.0, _MIN_CROP_PX / side)
        patch = as_u8(cv2.resize(patch, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC))
    return np.ascontiguousarray(patch), scale, (x0, y0)


def _grown(box: Box, fraction: float) -> Box:
    x, y, w, h = box
    dx, dy = int(w * fraction / 2), int(h * fraction / 2)
    return (x - dx, y - dy, w + 2 * dx, h + 2 * dy)


def _touch(a: Box, b: Box) -> bool:
    return a[0] <= b[0] + b[2] and b[0] <= a[0] + a[2] and a[1] <= b[1] + b[3] and b[1] <= a[1] + a[3]


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    x1, y1 = max(a[0] + a[2], b[0] + b[2]), max(a[1] + a[3], b[1] + b[3])
    return (x0, y0, x1 - x0, y1 - y0)
