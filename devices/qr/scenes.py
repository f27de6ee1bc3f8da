"""Synthetic camera frames showing QR codes and barcodes, for the camera simulator, tests and bench (§6.3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

BgrImage = npt.NDArray[np.uint8]
GrayImage = npt.NDArray[np.uint8]


def qr_modules(raw: bytes, *, error_correction: str = "M", border: int = 4) -> GrayImage:
    """A QR code of ``raw`` in 8-bit byte mode, one pixel per module, white quiet zone included.

    Byte mode with no ECI is what Chinese issuers emit in both UTF-8 and GBK (§3.3, §6.3).
    """
    import qrcode  # type: ignore[import-untyped]  # test-data generator, a python-escpos dependency; not needed by the decoders
    from qrcode.util import MODE_8BIT_BYTE, QRData  # type: ignore[import-untyped]

    levels = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(error_correction=levels[error_correction], box_size=1, border=border)
    code.add_data(QRData(raw, mode=MODE_8BIT_BYTE))
    code.make(fit=True)
    dark = np.array(code.get_matrix(), dtype=bool)
    return np.where(dark, 0, 255).astype(np.uint8)


def code128_modules(text: str, *, height: int = 40, border: int = 10) -> GrayImage:
    """A Code 128 barcode of ``text``, one pixel per module, ``height`` modules tall, quiet zones included."""
    import barcode  # type: ignore[import-untyped]  # python-barcode, a python-escpos dependency

    bits = "".join(barcode.get("code128", text).build())
    row = np.array([0 if b == "1" else 255 for b in "0" * border + bits + "0" * border], dtype=np.uint8)
    return np.tile(row, (height, 1))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where and how a code appears in the frame."""

    center: tuple[float, float]  # pixels
    size_px: float  # width of the code (quiet zone included) in the frame
    angle_deg: float = 0.0
    tilt: float = 0.0  # random corner displacement, fraction of size (perspective)
    blur_sigma: float = 0.0
    noise_sigma: float = 0.0
    gain: float = 1.0  # < 1 darker, as under poor hall lighting


def background(rng: np.random.Generator, size: tuple[int, int] = (1280, 720)) -> BgrImage:
    """A plausible desk/hall background: lighting gradient, low-frequency texture and clutter."""
    width, height = size
    coarse = rng.integers(70, 170, size=(height // 90 + 2, width // 90 + 2, 3), dtype=np.uint8)
    smooth = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    ramp = np.linspace(0.75, 1.1, width, dtype=np.float32)[None, :, None]
    frame: BgrImage = np.clip(smooth.astype(np.float32) * ramp, 0, 255).astype(np.uint8)
    for _ in range(int(rng.integers(3, 8))):  # objects on the desk
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(40, 300)), int(rng.integers(20, 200))
        color = tuple(int(c) for c in rng.integers(0, 255, 3))
        cv2.rectangle(frame, (x, y), (x + w, y + h), color, -1)
    for _ in range(int(rng.integers(2, 6))):  # printed text: edges that are not codes
        x, y = int(rng.integers(0, width - 200)), int(rng.integers(20, height))
        cv2.putText(frame, "ABC 123 xyz", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (20, 20, 20), 2)
    return frame


def place_code(
    frame: BgrImage, modules: GrayImage, placement: Placement, rng: np.random.Generator
) -> BgrImage:
    """Draw ``modules`` (with its quiet zone) into a copy of ``frame``; returns the new frame."""
    h_mod, w_mod = modules.shape
    scale = placement.size_px / w_mod
    card = cv2.resize(
        modules,
        (max(1, round(w_mod * scale)), max(1, round(h_mod * scale))),
        interpolation=cv2.INTER_NEAREST,
    )
    ch, cw = card.shape
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32)
    angle = np.deg2rad(placement.angle_deg)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], dtype=np.float32)
    centered = src - np.array([cw / 2, ch / 2], dtype=np.float32)
    jitter = rng.uniform(-1, 1, size=(4, 2)).astype(np.float32) * placement.tilt * cw
    dst = (centered @ rot.T) + np.array(placement.center, dtype=np.float32) + jitter
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    height, width = frame.shape[:2]
    warped = cv2.warpPerspective(card, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full_like(card, 255), matrix, (width, height), flags=cv2.INTER_NEAREST)
    out = frame.copy()
    out[mask > 0] = cv2.cvtColor(warped, cv2.COLOR_GRAY2BGR)[mask > 0]
    return degrade(out, placement, rng)


def degrade(frame: BgrImage, placement: Placement, rng: np.random.Generator) -> BgrImage:
    """Apply the placement's gain, blur (defocus) and sensor noise."""
    out: npt.NDArray[Any] = frame.astype(np.float32) * placement.gain
    if placement.blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), placement.blur_sigma)
    if placement.noise_sigma > 0:
        out += rng.normal(0.0, placement.noise_sigma, size=out.shape).astype(np.float32)
    degraded: BgrImage = np.clip(out, 0, 255).astype(np.uint8)
    return degraded


def random_placement(
    rng: np.random.Generator,
    size_px: float,
    frame_size: tuple[int, int] = (1280, 720),
    *,
    blur_sigma: float = 0.0,
    noise_sigma: float = 0.0,
    tilt: float = 0.04,
    gain: float = 1.0,
) -> Placement:
    """A placement of a code of ``size_px`` at a random position and angle that keeps it in frame."""
    width, height = frame_size
    margin = size_px * 0.75 + 10
    center = (float(rng.uniform(margin, width - margin)), float(rng.uniform(margin, height - margin)))
    return Placement(
        center=center,
        size_px=size_px,
        angle_deg=float(rng.uniform(-35, 35)),
        tilt=tilt,
        blur_sigma=blur_sigma,
        noise_sigma=noise_sigma,
        gain=gain,
    )


def code_scene(
    raw: bytes,
    seed: int,
    *,
    size_px: float = 240,
    frame_size: tuple[int, int] = (1280, 720),
    blur_sigma: float = 0.0,
    noise_sigma: float = 0.0,
    gain: float = 1.0,
) -> BgrImage:
    """One frame: a QR code of ``raw`` on a random background, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    placement = random_placement(
        rng, size_px, frame_size, blur_sigma=blur_sigma, noise_sigma=noise_sigma, gain=gain
    )
    return place_code(background(rng, frame_size), qr_modules(raw), placement, rng)
