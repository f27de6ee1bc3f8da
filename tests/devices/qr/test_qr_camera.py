"""Camera pipeline on generated 1280×720 frames, and ``camera:``/``video:``/``images:`` sources (§6.3)."""

from __future__ import annotations

import queue
import threading
from importlib.util import find_spec
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.errors import DeviceError, DeviceNotFound, DeviceTimeout, DeviceUriError
from devices.qr import ScanResult
from devices.qr.camera_decoder import CameraScanner, FramePipeline, scan_source
from devices.qr.payloads import make_receipt_payload
from devices.qr.scenes import code_scene

ENGINES = [
    pytest.param("zxing", marks=pytest.mark.skipif(find_spec("zxingcpp") is None, reason="no zxing")),
    "pyzbar",
]
RECEIPT = make_receipt_payload("20240101330100000123")
PAYLOADS = [
    RECEIPT.encode(),
    b"https://zwfw.example.gov.cn/verify?id=8f3a9c2e77b14d0c9a1e",
    "出生医学证明 王小明 浙江省杭州市".encode(),
    "王小明 出生医学证明".encode("gbk"),
]
# (size px, blur sigma, noise sigma, gain): realistic phone/receipt sizes at 720p, some defocus and noise
CONDITIONS = [(300, 0.0, 0.0, 1.0), (200, 0.8, 6.0, 0.9), (150, 1.0, 8.0, 0.75), (380, 1.5, 10.0, 0.8)]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("size", "blur", "noise", "gain"), CONDITIONS)
def test_generated_frames_decode(engine: str, size: float, blur: float, noise: float, gain: float) -> None:
    pipeline = FramePipeline(engine=engine)  # type: ignore[arg-type]
    for seed, raw in enumerate(PAYLOADS):
        frame = code_scene(
            raw, seed * 7 + int(size), size_px=size, blur_sigma=blur, noise_sigma=noise, gain=gain
        )
        assert frame.shape == (720, 1280, 3)
        results = pipeline.decode(frame, source="camera:0")
        assert [r.raw for r in results] == [raw], f"seed {seed}: {raw!r}"
        assert results[0].text in {raw.decode("utf-8", "replace"), raw.decode("gbk", "replace")}


def write_video(path: Path, frames: list[np.ndarray]) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (1280, 720))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()


def blank(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(90, 110, (720, 1280, 3), dtype=np.uint8)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_video_source(tmp_path: Path, encoding: str) -> None:
    raw = "王小明 出生医学证明".encode(encoding)
    path = tmp_path / "clip.avi"
    write_video(path, [blank(1), blank(2), code_scene(raw, 3, size_px=320), blank(4)])
    result = scan_source(f"video:{path}", timeout=10)
    assert (result.format, result.text, result.raw) == ("QRCODE", "王小明 出生医学证明", raw)
    assert result.source == f"video:{path}"


def test_video_without_codes_ends_in_timeout_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.avi"
    write_video(path, [blank(1), blank(2)])
    with pytest.raises(DeviceTimeout) as caught:
        scan_source(f"video:{path}", timeout=10)
    assert "没有找到" in caught.value.message


def test_images_folder_source(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), blank(1))
    cv2.imwrite(str(tmp_path / "b.jpg"), code_scene(RECEIPT.encode(), 5, size_px=260))
    (tmp_path / "notes.txt").write_text("not an image")
    assert scan_source(f"images:{tmp_path}", timeout=10).text == RECEIPT


def test_timeout_on_an_endless_source(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "a.png"), blank(1))
    ticks = iter(range(1000))
    with pytest.raises(DeviceTimeout) as caught:
        scan_source(f"images:{tmp_path}?loop=1", timeout=5, clock=lambda: float(next(ticks)))
    assert "5 秒内" in caught.value.message


@pytest.mark.parametrize(
    ("uri", "error", "words"),
    [
        ("camera:99", DeviceNotFound, "找不到摄像头 99"),
        ("video:/nonexistent/clip.avi", DeviceNotFound, "找不到视频文件"),
        ("images:/nonexistent/folder", DeviceNotFound, "找不到图片文件夹"),
        ("serial:/dev/ttyS0", DeviceUriError, "camera:序号"),
    ],
)
def test_missing_sources_say_so_in_chinese(uri: str, error: type[DeviceError], words: str) -> None:
    with pytest.raises(error) as caught:
        scan_source(uri, timeout=1)
    assert words in caught.value.message


def test_empty_folder_and_broken_video(tmp_path: Path) -> None:
    with pytest.raises(DeviceNotFound, match="没有图片"):
        scan_source(f"images:{tmp_path}", timeout=1)
    bad = tmp_path / "bad.avi"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(DeviceNotFound, match="无法打开视频"):
        scan_source(f"video:{bad}", timeout=1)


def test_camera_scanner_reports_a_code_held_in_view_once(tmp_path: Path) -> None:
    frame = code_scene("出生医学证明".encode("gbk"), 11, size_px=300)
    for i in range(3):  # the same code in three consecutive frames
        cv2.imwrite(str(tmp_path / f"{i}.png"), frame)
    scans: queue.Queue[ScanResult] = queue.Queue()
    errors: queue.Queue[DeviceError] = queue.Queue()
    done = threading.Event()
    scanner = CameraScanner(f"images:{tmp_path}", repeat_after_s=60)
    scanner.start(scans.put, errors.put)
    try:
        first = scans.get(timeout=10)
        done.wait(0.5)
    finally:
        scanner.stop()
    assert first.text == "出生医学证明"
    assert scans.empty()
    assert errors.empty()


def test_camera_scanner_reports_errors_through_the_callback() -> None:
    errors: queue.Queue[DeviceError] = queue.Queue()
    scanner = CameraScanner("camera:99")
    scanner.start(lambda r: None, errors.put)
    try:
        assert isinstance(errors.get(timeout=10), DeviceNotFound)
    finally:
        scanner.stop()
    with pytest.raises(DeviceNotFound):
        scanner.read_one(1)
