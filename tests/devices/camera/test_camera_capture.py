"""Document camera over ``images:``/``video:``/``camera:``, its simulator, and ``devices capture``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices.camera import CapturedPage, DocumentCamera
from devices.camera.commands import add_arguments_capture, cmd_capture
from devices.camera.frames import frame_source, iter_frames
from devices.camera.opencv_camera import OpenCvDocumentCamera, capture_page
from devices.camera.simulator import (
    DocumentCameraSimulator,
    SimulatedFrames,
    document_photo,
    write_demo_photos,
)
from devices.errors import DeviceNotFound, DeviceTimeout
from devices.simulator_rack import SimulatorRack


def test_simulator_draws_photos_and_serves_them_in_turn(tmp_path: Path) -> None:
    camera: DocumentCamera = DocumentCameraSimulator(tmp_path, count=2, seed=3)
    try:
        pages = [camera.capture_page(5) for _ in range(3)]  # loops over the two photos
    finally:
        camera.close()
    assert list(tmp_path.iterdir()) == []  # drawn in memory, nothing written
    assert all(p.found_page and len(p.jpeg) < 500_000 for p in pages)
    assert pages[0].jpeg == pages[2].jpeg != pages[1].jpeg


def test_the_sim_camera_draws_a_photo_only_when_a_frame_is_asked_for() -> None:
    # `devices list` took seconds: three photos were drawn and written before the camera was probed.
    with frame_source("sim?count=3&seed=4") as source:
        assert isinstance(source, SimulatedFrames) and source.drawn == 0
        first = source.read()
        assert source.drawn == 1 and first.shape == (1200, 1600, 3)
        assert [source.read() is first for _ in range(3)] == [False, False, True]  # three, then again
        assert source.drawn == 3
    camera = OpenCvDocumentCamera("sim")
    try:
        assert camera.capture_frame(5).shape == (1200, 1600, 3)
    finally:
        camera.close()


def test_a_rack_starts_the_sim_camera_without_drawing() -> None:
    rack = SimulatorRack()
    try:
        uri = rack.resolve("camera", "sim")
        with frame_source(uri) as source:
            assert isinstance(source, SimulatedFrames) and source.drawn == 0
    finally:
        rack.stop()


def test_simulator_serves_existing_photos_without_generating(tmp_path: Path) -> None:
    photo, _ = document_photo(9, size=(1280, 960))
    cv2.imwrite(str(tmp_path / "mine.jpg"), photo)
    with DocumentCameraSimulator(tmp_path) as camera:
        page = camera.capture_page(5)
    assert [p.name for p in tmp_path.iterdir()] == ["mine.jpg"]
    assert page.found_page


def test_capture_from_a_video(tmp_path: Path) -> None:
    photo, _ = document_photo(10, size=(1280, 720))
    path = tmp_path / "desk.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 5, (1280, 720))
    for _ in range(2):
        writer.write(photo)
    writer.release()
    page = capture_page(f"video:{path}", timeout=5)
    assert isinstance(page, CapturedPage)
    assert page.found_page
    assert page.height / page.width == pytest.approx(297 / 210, rel=0.01)


def test_an_exhausted_source_times_out(tmp_path: Path) -> None:
    write_demo_photos(tmp_path, count=1, size=(800, 600))
    with OpenCvDocumentCamera(f"images:{tmp_path}") as camera:
        camera.capture_page(5)
        with pytest.raises(DeviceTimeout) as caught:
            camera.capture_page(5)
    assert "高拍仪" in caught.value.message


def test_no_camera_is_device_not_found() -> None:
    with pytest.raises(DeviceNotFound) as caught:
        capture_page("camera:97", timeout=1)
    assert "找不到摄像头 97" in caught.value.message


def test_frame_sources_read_in_order_and_loop(tmp_path: Path) -> None:
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"{i}.png"), np.full((10, 20), i * 50, np.uint8))
    with frame_source(f"images:{tmp_path}") as source:
        assert [int(f[0, 0, 0]) for f in iter_frames(source)] == [0, 50, 100]
    with frame_source(f"images:{tmp_path}?loop=1") as source:
        assert [int(source.read()[0, 0, 0]) for _ in range(4)] == [0, 50, 100, 0]  # type: ignore[index]
    with frame_source(f"images:{tmp_path / '1.png'}") as source:
        assert len(list(source)) == 1


def run_capture(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    add_arguments_capture(parser)
    code = cmd_capture(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_capture_from_images(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photos = tmp_path / "in"
    write_demo_photos(photos, count=1, size=(1280, 960))
    out_file = tmp_path / "page.jpg"
    code, out, err = run_capture(["--camera", f"images:{photos}", "--out", str(out_file), "--json"], capsys)
    assert (code, err) == (0, "")
    summary = json.loads(out)
    assert summary["found_page"] is True
    assert summary["bytes"] == out_file.stat().st_size < 500_000
    image = cv2.imread(str(out_file))
    assert image.shape[:2] == (summary["height"], summary["width"])


def test_cli_capture_sim_prints_a_chinese_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_capture(["--camera", "sim", "--out", str(tmp_path / "p.jpg")], capsys)
    assert code == 0
    assert "已找到页面并校正为 A4" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--camera", "camera:96", "--out", "x.jpg"], 1, "找不到摄像头 96"),
        (["--camera", "bogus:1", "--out", "x.jpg"], 2, "不认识的类型"),
        (["--camera", "serial:/dev/ttyS0", "--out", "x.jpg"], 2, "camera:序号"),
        (["--camera", "sim", "--out", "x.png"], 2, ".jpg"),
        (["--camera", "sim", "--out", "x.jpg", "--timeout", "0"], 2, "--timeout"),
    ],
)
def test_cli_capture_errors(
    argv: list[str],
    code: int,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    got, out, err = run_capture(argv, capsys)
    assert got == code
    assert message in err
    assert out == ""
    assert not (tmp_path / "x.jpg").exists()
