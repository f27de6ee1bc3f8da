"""Real decoders (zbar binary mode, zxing-cpp) on QR codes generated at test time in UTF-8 and GBK (§3.3, §6.3)."""

from __future__ import annotations

import builtins
import logging
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from devices.errors import DeviceNotFound, DeviceUnavailableFeature
from devices.qr.camera_decoder import FramePipeline, decode_frame, decode_image
from devices.qr.decoders import QR_FORMATS, ZbarDecoder, ZxingDecoder, zxing_decoder
from devices.qr.payloads import PayloadKind, classify_payload, make_receipt_payload
from devices.qr.scenes import code128_modules, qr_modules

HAVE_ZXING = find_spec("zxingcpp") is not None
needs_zxing = pytest.mark.skipif(not HAVE_ZXING, reason="zxing-cpp not installed")
ENGINES = [pytest.param("zxing", marks=needs_zxing), "pyzbar"]

# Strings from §3.3: 回书别九积 is pyzbar's SJIS-mojibake case, 王小明 in GBK its Big5 case.
CHINESE = ["回书别九积", "王小明", "出生医学证明 浙江省杭州市上城区", "医保电子凭证：张三（测试）"]


def clean_image(raw: bytes, module_px: int = 6) -> np.ndarray[Any, np.dtype[np.uint8]]:
    modules = qr_modules(raw)
    return cv2.resize(modules, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_zbar_binary_mode_returns_exact_bytes(text: str, encoding: str) -> None:
    raw = text.encode(encoding)
    codes = ZbarDecoder().decode(clean_image(raw), QR_FORMATS)
    assert [(c.format, c.raw) for c in codes] == [("QRCODE", raw)]


@needs_zxing
@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_zxing_bytes_are_exact(text: str, encoding: str) -> None:
    raw = text.encode(encoding)
    codes, failures = ZxingDecoder().decode(clean_image(raw), QR_FORMATS)
    assert [(c.format, c.raw) for c in codes] == [("QRCODE", raw)]
    assert failures == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_pipeline_gives_the_right_chinese_text(engine: str, text: str, encoding: str) -> None:
    image = cv2.cvtColor(clean_image(text.encode(encoding)), cv2.COLOR_GRAY2BGR)
    results = FramePipeline(engine=engine).decode(image)  # type: ignore[arg-type]
    assert [(r.format, r.text, r.raw) for r in results] == [("QRCODE", text, text.encode(encoding))]


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_decode_image_reads_a_png_file(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "材料 二维码.png"  # non-ASCII file name on purpose
    canvas = np.full((600, 800), 230, np.uint8)
    code = clean_image("王小明 出生医学证明".encode(encoding), module_px=5)
    canvas[100 : 100 + code.shape[0], 200 : 200 + code.shape[1]] = code
    ok, png = cv2.imencode(".png", canvas)
    assert ok
    path.write_bytes(png.tobytes())
    results = decode_image(path)
    assert [r.text for r in results] == ["王小明 出生医学证明"]
    assert results[0].source == f"image:{path}"


def test_decode_image_finds_several_codes(tmp_path: Path) -> None:
    canvas = np.full((700, 1200), 255, np.uint8)
    receipt = make_receipt_payload("20240101330100000123").encode()
    for i, raw in enumerate([receipt, "国标".encode("gbk")]):
        code = clean_image(raw, module_px=6)
        canvas[50 : 50 + code.shape[0], 50 + i * 600 : 50 + i * 600 + code.shape[1]] = code
    path = tmp_path / "two.png"
    cv2.imwrite(str(path), canvas)
    texts = sorted(r.text for r in decode_image(path))
    assert texts == sorted([receipt.decode(), "国标"])


def test_decode_image_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DeviceNotFound) as caught:
        decode_image(tmp_path / "nope.png")
    assert "图片" in caught.value.message


@pytest.mark.parametrize("engine", ENGINES)
def test_birth_certificate_barcode(engine: str) -> None:
    modules = code128_modules("X320101001", height=60)
    bars = cv2.resize(modules, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST)
    frame = np.full((720, 1280, 3), 200, np.uint8)
    frame[300 : 300 + bars.shape[0], 400 : 400 + bars.shape[1]] = bars[:, :, None]
    results = FramePipeline(engine=engine).decode(frame)  # type: ignore[arg-type]
    assert [(r.format, r.text) for r in results] == [("CODE128", "X320101001")]
    assert classify_payload(results[0].text, results[0].format).kind is PayloadKind.BIRTH_CERTIFICATE


def test_blank_frame_has_no_codes() -> None:
    assert decode_frame(np.full((720, 1280, 3), 128, np.uint8)) == []


def test_without_zxing_the_pipeline_falls_back_to_pyzbar(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_import = builtins.__import__

    def no_zxing(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "zxingcpp":
            raise ImportError("No module named 'zxingcpp'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_zxing)
    with caplog.at_level(logging.WARNING, logger="devices.qr.decoders"):
        assert zxing_decoder() is None
        pipeline = FramePipeline()
    assert pipeline.engine == "pyzbar"
    assert "falling back to pyzbar" in caplog.text
    with pytest.raises(DeviceUnavailableFeature):
        FramePipeline(engine="zxing")
    image = cv2.cvtColor(clean_image("王小明".encode("gbk")), cv2.COLOR_GRAY2BGR)
    assert [r.text for r in pipeline.decode(image)] == ["王小明"]


@needs_zxing
def test_engine_names() -> None:
    assert FramePipeline().engine == "zxing-cpp+pyzbar"
    assert FramePipeline(engine="pyzbar").engine == "pyzbar"
    assert FramePipeline(engine="zxing").engine == "zxing-cpp"
