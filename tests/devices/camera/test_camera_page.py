"""Document camera image chain on synthetic photos: page found, A4, deskewed, readable, small (§3.4)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera.page import (
    encode_jpeg,
    enhance,
    estimate_skew,
    find_page,
    order_corners,
    page_size,
    process_photo,
    rotate,
)
from devices.camera.simulator import document_photo, render_page

A4 = 297 / 210


def decode(jpeg: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not a decodable JPEG"
    return image


@pytest.mark.parametrize(
    ("seed", "size", "fill", "tilt"),
    [
        (1, (1280, 720), 0.8, 0.03),
        (2, (1600, 1200), 0.7, 0.06),
        (3, (1920, 1080), 0.85, 0.04),
        (4, (1600, 1200), 0.5, 0.08),
    ],
)
def test_page_corners_are_found(seed: int, size: tuple[int, int], fill: float, tilt: float) -> None:
    photo, corners = document_photo(seed, size=size, fill=fill, tilt=tilt)
    quad = find_page(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 0.01 * max(size) + 3


def test_no_page_on_an_empty_desk() -> None:
    desk = np.full((720, 1280, 3), (40, 60, 80), np.uint8)
    desk += np.random.default_rng(0).integers(0, 20, desk.shape, dtype=np.uint8)
    assert find_page(desk) is None


@pytest.mark.parametrize(("seed", "size"), [(5, (1600, 1200)), (6, (1280, 720))])
def test_captured_page_is_a4_small_decodable_and_readable(seed: int, size: tuple[int, int]) -> None:
    photo, _ = document_photo(seed, size=size, fill=0.8)
    page = process_photo(photo)
    assert page.found_page
    assert page.height / page.width == pytest.approx(A4, rel=0.01)
    assert 150 * 8.27 - 2 <= page.width <= 200 * 8.27 + 2  # 150–200 dpi across 210 mm
    assert len(page.jpeg) < 500_000
    image = decode(page.jpeg)
    assert (image.shape[1], image.shape[0]) == (page.width, page.height)
    # the title 出生医学证明 sits centred ~0.8–1.2 in below the top edge: dark strokes on white paper
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    dpi = page.width / 8.27
    title = gray[int(0.75 * dpi) : int(1.35 * dpi), int(page.width * 0.3) : int(page.width * 0.7)]
    assert np.percentile(title, 2) < 90, "title strokes should be dark"
    assert np.percentile(title, 60) > 200, "paper should be light"
    blank = gray[
        int(page.height * 0.9) : int(page.height * 0.95), int(page.width * 0.1) : int(page.width * 0.4)
    ]
    assert blank.std() < 12, "empty paper should be even after enhancement"


def test_red_seal_keeps_its_colour() -> None:
    photo, _ = document_photo(7, size=(1600, 1200), fill=0.8, rotation_deg=0, tilt=0.0)
    image = decode(process_photo(photo).jpeg)
    h, w = image.shape[:2]
    seal = image[int(h * 0.74) : int(h * 0.9), int(w * 0.58) : int(w * 0.82)].astype(int)
    red = (seal[:, :, 2] > 150) & (seal[:, :, 2] - seal[:, :, 1] > 60)
    assert red.sum() > 200


def test_landscape_page_stays_landscape() -> None:
    page = np.ascontiguousarray(np.rot90(render_page(dpi=100, seed=1)))
    photo, _ = document_photo(8, size=(1600, 1200), fill=0.55, page=page, rotation_deg=3)
    captured = process_photo(photo)
    assert captured.found_page
    assert captured.width / captured.height == pytest.approx(A4, rel=0.01)


def test_without_a_page_outline_the_frame_is_kept() -> None:
    # a page filling the whole view (common on a 高拍仪): no outline, still a readable picture
    sheet = render_page(dpi=100, seed=2)
    frame = cv2.resize(sheet[100:800, 50:780], (1280, 1000))
    captured = process_photo(frame)
    assert not captured.found_page
    assert len(captured.jpeg) < 500_000
    assert captured.height / captured.width == pytest.approx(1000 / 1280, rel=0.02)


@pytest.mark.parametrize("angle", [-4.0, -1.5, 2.0, 6.0])
def test_skew_is_measured(angle: float) -> None:
    sheet = render_page(dpi=100, seed=3)
    tilted = rotate(sheet, angle)
    assert estimate_skew(tilted) == pytest.approx(-angle, abs=0.3)
    assert abs(estimate_skew(rotate(tilted, estimate_skew(tilted)))) <= 0.3


def test_skew_of_a_photo_without_text_is_zero() -> None:
    smooth = cv2.GaussianBlur(
        np.random.default_rng(1).integers(0, 255, (400, 300, 3), dtype=np.uint8), (0, 0), 8
    )
    assert estimate_skew(smooth) == 0.0


def test_jpeg_budget_is_respected_by_lowering_quality_then_size() -> None:
    noisy = np.random.default_rng(2).integers(0, 255, (1754, 1240, 3), dtype=np.uint8)  # worst case
    jpeg, encoded = encode_jpeg(noisy, max_bytes=300_000)
    assert len(jpeg) <= 300_000
    assert encoded.shape[0] < 1754  # had to shrink: noise does not compress
    assert decode(jpeg).shape == encoded.shape


def test_enhance_evens_out_shading() -> None:
    sheet = render_page(dpi=100, seed=4).astype(np.float32)
    ramp = np.linspace(0.55, 1.0, sheet.shape[1], dtype=np.float32)[None, :, None]
    shaded = np.clip(sheet * ramp, 0, 255).astype(np.uint8)
    out = cv2.cvtColor(enhance(shaded), cv2.COLOR_BGR2GRAY)
    left, right = out[-60:-20, 20:80], out[-60:-20, -80:-20]
    assert abs(float(left.mean()) - float(right.mean())) < 10
    before = cv2.cvtColor(shaded, cv2.COLOR_BGR2GRAY)
    assert abs(float(before[-60:-20, 20:80].mean()) - float(before[-60:-20, -80:-20].mean())) > 60


def test_order_corners_and_page_size() -> None:
    shuffled = np.array([[500, 700], [100, 90], [90, 690], [510, 100]], np.float32)
    ordered = order_corners(shuffled)
    assert ordered.tolist() == [[100, 90], [510, 100], [500, 700], [90, 690]]
    width, height, dpi = page_size(ordered)
    assert (width, height, dpi) == (1240, 1754, 150)  # ~600 px tall photo → floor of 150 dpi
    assert page_size(ordered, dpi=200)[:2] == (1654, 2339)
