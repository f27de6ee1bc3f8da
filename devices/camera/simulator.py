"""A simulated document camera: synthetic photos of A4 pages with Chinese text, drawn when first asked for.

``sim`` as a camera URI (``sim?count=3&seed=0``) is served by ``SimulatedFrames``: a photo takes
about 0.4 s to draw, so nothing is drawn until a frame is requested (``tongban devices list`` used
to wait for three photos to be drawn and written before probing the camera).
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from devices.camera import MAX_PAGE_BYTES, CapturedPage
from devices.camera.frames import Frame
from devices.camera.opencv_camera import OpenCvDocumentCamera
from devices.uri import DeviceUri, parse_device_uri

_log = logging.getLogger(__name__)

BgrImage = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]  # 4 × 2 corners: top-left, top-right, bottom-right, bottom-left

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_SC_FACE = 2  # Noto Sans CJK .ttc faces: JP, KR, SC, TC, HK
_A4_MM = (210.0, 297.0)

_LINES = (
    "姓名：王小明　　性别：男　　民族：汉",
    "出生时间：2024年1月1日 8时30分",
    "出生地点：浙江省杭州市上城区",
    "母亲姓名：李红　　身份证号：3301**********1234",
    "父亲姓名：王强　　身份证号：3301**********5678",
    "接生机构：杭州市第一人民医院",
    "签发日期：2024年1月3日",
)


def render_page(*, dpi: int = 100, seed: int = 0) -> BgrImage:
    """A white A4 page (portrait) with a title, text lines, a table and a red stamp."""
    rng = np.random.default_rng(seed)
    width, height = round(_A4_MM[0] / 25.4 * dpi), round(_A4_MM[1] / 25.4 * dpi)
    page = Image.new("RGB", (width, height), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    title_font, text_font = _font(round(dpi * 0.32)), _font(round(dpi * 0.16))
    chinese = CJK_FONT.is_file()
    title = "出生医学证明" if chinese else "BIRTH CERTIFICATE"
    tw = draw.textlength(title, font=title_font)
    draw.text(((width - tw) / 2, dpi * 0.8), title, fill=(20, 20, 20), font=title_font)
    y = dpi * 1.6
    for line in _LINES:
        draw.text((dpi * 0.9, y), line if chinese else _ascii(line), fill=(25, 25, 25), font=text_font)
        y += dpi * 0.42
    top = y + dpi * 0.3  # a table, as on application forms
    for row in range(6):
        draw.line(
            [(dpi * 0.9, top + row * dpi * 0.4), (width - dpi * 0.9, top + row * dpi * 0.4)],
            fill=(40, 40, 40),
            width=2,
        )
    for col in (0.9, 3.0, width / dpi - 0.9):
        draw.line([(dpi * col, top), (dpi * col, top + 5 * dpi * 0.4)], fill=(40, 40, 40), width=2)
    cx, cy, r = width * 0.7, height * 0.82, dpi * 0.7  # red seal (公章 must stay red after enhancement)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(200, 30, 30), width=max(2, dpi // 30))
    draw.text(
        (cx - r * 0.6, cy - dpi * 0.1), "专用章" if chinese else "SEAL", fill=(200, 30, 30), font=text_font
    )
    pixels = np.asarray(page, dtype=np.uint8)[:, :, ::-1].copy()  # RGB → BGR
    grain = rng.normal(0, 2.0, size=pixels.shape[:2]).astype(np.float32)[:, :, None]
    sheet: BgrImage = np.clip(pixels.astype(np.float32) + grain, 0, 255).astype(np.uint8)
    return sheet


def document_photo(
    seed: int,
    *,
    size: tuple[int, int] = (1600, 1200),
    fill: float = 0.8,
    tilt: float = 0.05,
    rotation_deg: float | None = None,
    blur_sigma: float = 0.8,
    noise_sigma: float = 4.0,
    page: BgrImage | None = None,
) -> tuple[BgrImage, Quad]:
    """A photo of ``page`` (default: ``render_page``) lying on a dark textured desk, in perspective.

    ``fill`` is the page height as a fraction of the frame height. Returns the photo and the
    page's true corners (top-left, top-right, bottom-right, bottom-left) in it.
    """
    rng = np.random.default_rng(seed)
    width, height = size
    sheet = render_page(dpi=100, seed=seed) if page is None else page
    ph, pw = sheet.shape[:2]
    out_h = fill * height
    out_w = out_h * pw / ph
    angle = np.deg2rad(rng.uniform(-8, 8) if rotation_deg is None else rotation_deg)
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    half = np.array([[-out_w, -out_h], [out_w, -out_h], [out_w, out_h], [-out_w, out_h]]) / 2
    center = np.array([width / 2, height / 2]) + rng.uniform(-0.06, 0.06, 2) * (width, height)
    corners = half @ rot.T + center + rng.uniform(-tilt, tilt, (4, 2)) * out_h
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    photo = _desk(rng, width, height)
    warped = cv2.warpPerspective(sheet, matrix, (width, height), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), matrix, (width, height))
    photo[mask > 0] = warped[mask > 0]
    xs, ys = np.meshgrid(np.linspace(-1, 1, width), np.linspace(-1, 1, height))
    light = (1.05 - 0.25 * (xs**2 + ys**2) + rng.uniform(-0.1, 0.1) * xs).astype(np.float32)  # vignette
    shaded: npt.NDArray[Any] = photo.astype(np.float32) * light[:, :, None]
    if blur_sigma > 0:
        shaded = cv2.GaussianBlur(shaded, (0, 0), blur_sigma)
    shaded += rng.normal(0, noise_sigma, shaded.shape).astype(np.float32)
    return np.clip(shaded, 0, 255).astype(np.uint8), corners.astype(np.float32)


def write_demo_photos(
    folder: str | Path, *, count: int = 3, seed: int = 0, size: tuple[int, int] = (1600, 1200)
) -> list[Path]:
    """Write ``count`` document photos (PNG) into ``folder`` for ``images:folder``; returns their paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        photo, _ = document_photo(seed + i, size=size)
        path = target / f"page_{i:03d}.png"
        cv2.imwrite(str(path), photo)
        paths.append(path)
    return paths


class SimulatedFrames:
    """The frame source behind ``sim``: ``count`` demo photos in turn, each drawn on its first request.

    Not thread-safe: it lives on the camera's owner thread, like every frame source. ``drawn``
    counts the photos drawn so far.
    """

    def __init__(self, uri: str | DeviceUri = "sim", *, count: int = 3, seed: int = 0) -> None:
        self._uri = parse_device_uri(uri) if isinstance(uri, str) else uri
        self._count = max(1, self._uri.option_int("count", count))
        self._seed = self._uri.option_int("seed", seed)
        self._photos: dict[int, Frame] = {}
        self._next = 0

    def open(self) -> SimulatedFrames:
        return self  # nothing to open, nothing drawn yet

    @property
    def uri(self) -> str:
        return self._uri.text

    @property
    def live(self) -> bool:
        return False  # no warm-up: a drawn photo is as sharp as it gets

    @property
    def drawn(self) -> int:
        return len(self._photos)

    def read(self) -> Frame:
        index = self._next
        self._next = (self._next + 1) % self._count
        photo = self._photos.get(index)
        if photo is None:
            photo, _ = document_photo(self._seed + index)
            self._photos[index] = photo
            _log.info("drew demo document photo %d of %d", index + 1, self._count)
        return photo

    def close(self) -> None:
        self._next = 0

    def __enter__(self) -> SimulatedFrames:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class DocumentCameraSimulator:
    """``DocumentCamera`` serving the photos in ``folder`` in turn, or drawn demo photos when it has none.

    Lives on the caller's thread, like the real camera.
    """

    def __init__(
        self, folder: str | Path, *, count: int = 3, seed: int = 0, max_bytes: int = MAX_PAGE_BYTES
    ) -> None:
        self._folder = Path(folder)
        self._count = count
        self._seed = seed
        self._max_bytes = max_bytes
        self._camera: OpenCvDocumentCamera | None = None

    @property
    def uri(self) -> str:
        """``images:<folder>?loop=1`` when the folder holds photos, else ``sim?count=N&seed=S``."""
        if any(self._folder.glob("*.png")) or any(self._folder.glob("*.jpg")):
            return f"images:{self._folder}?loop=1"
        return f"sim?count={self._count}&seed={self._seed}"

    def open(self) -> DocumentCameraSimulator:
        if self._camera is None:
            self._camera = OpenCvDocumentCamera(self.uri, max_bytes=self._max_bytes)
        return self

    def capture_page(self, timeout: float) -> CapturedPage:
        self.open()
        assert self._camera is not None
        return self._camera.capture_page(timeout)

    def close(self) -> None:
        if self._camera is not None:
            self._camera.close()
            self._camera = None

    def __enter__(self) -> DocumentCameraSimulator:
        return self.open()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _desk(rng: np.random.Generator, width: int, height: int) -> BgrImage:
    """A dark wood-like desk: stripes, low-frequency blotches and grain."""
    ys = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    xs = np.linspace(0, 1, width, dtype=np.float32)[None, :]
    stripes = 0.5 + 0.5 * np.sin((ys * 40 + xs * 3 + rng.uniform(0, 6)) * np.pi)
    blotch = cv2.resize(
        rng.uniform(0, 1, (12, 16)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC
    )
    base = 55 + 30 * stripes + 25 * blotch
    color = np.stack([base * 0.55, base * 0.75, base], axis=2)  # brownish in BGR
    return np.clip(color + rng.normal(0, 6, color.shape), 0, 255).astype(np.uint8)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if CJK_FONT.is_file():
        return ImageFont.truetype(str(CJK_FONT), size, index=_SC_FACE)
    return ImageFont.load_default(size)


def _ascii(line: str) -> str:
    return "".join(c if c.isascii() else "x" for c in line)
