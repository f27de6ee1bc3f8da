"""A scan is a regular file of bounded size, outside the data directory, that is a whole JPEG, PNG or PDF."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from core.assets import assets_dir
from core.errors import ValidationError
from core.validation.scans import JPEG, PDF, PNG, read_scan_file, scan_media_type

HUKOU = assets_dir() / "examples" / "hukou-page.jpg"  # a real camera JPEG
PDF_PAGE = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def encoded(suffix: str) -> bytes:
    ok, data = cv2.imencode(suffix, np.full((40, 30, 3), 200, np.uint8))
    assert ok
    return bytes(data)


def refusal(data: bytes, name: str = "page.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        scan_media_type(data, name=name, field="materials.x.files")
    error = caught.value
    assert error.field == "materials.x.files" and name in error.message and name in error.detail
    assert error.detail.isascii()
    return error


@pytest.mark.parametrize(
    ("data", "kind"),
    [(HUKOU.read_bytes(), JPEG), (encoded(".jpg"), JPEG), (encoded(".png"), PNG), (PDF_PAGE, PDF)],
)
def test_whole_jpeg_png_and_pdf_pages_are_scans(data: bytes, kind: str) -> None:
    assert scan_media_type(data, name="p", field="f") == kind


def test_a_text_file_is_not_a_scan() -> None:
    error = refusal("户口簿\nname=张三\n".encode(), "notes.jpg")
    assert "不是 JPEG、PNG 图片或 PDF 文件" in error.message and "not a JPEG, PNG or PDF" in error.detail


def test_text_between_jpeg_markers_is_not_a_jpeg() -> None:
    # SOI + text + EOI passes a sniff of the first bytes; it has no frame header.
    error = refusal(b"\xff\xd8" + b"DEVICE_KEY=0123456789abcdef" * 10 + b"\xff\xd9")
    assert "JPEG" in error.message
    assert "frame header" in refusal(b"\xff\xd8\xff\xe0\x00\x04ab\xff\xda\x00\x02xx\xff\xd9").detail


@pytest.mark.parametrize("cut", [100, 1000, -2])
def test_a_truncated_jpeg_is_refused(cut: int) -> None:
    refusal(HUKOU.read_bytes()[:cut])


def test_png_chunks_are_checked() -> None:
    good = encoded(".png")
    refusal(good[:-12], "p.png")  # no IEND
    broken = bytearray(good)
    broken[20] ^= 0xFF  # inside IHDR: its CRC no longer matches
    assert "CRC" in refusal(bytes(broken), "p.png").detail
    assert "after IEND" in refusal(good + b"tail", "p.png").detail
    ihdr_only = good[:33] + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    assert "IDAT" in refusal(ihdr_only, "p.png").detail


def test_pdf_needs_its_header_and_eof() -> None:
    refusal(PDF_PAGE.replace(b"%%EOF", b""), "p.pdf")
    refusal(b"%PDF-x" + PDF_PAGE[6:], "p.pdf")


def test_an_empty_page_is_refused() -> None:
    assert "空文件" in refusal(b"").message


# -- files -------------------------------------------------------------------------------------


def read(path: Path, **options: object) -> bytes:
    return read_scan_file(path, field="materials.x.files", **options)  # type: ignore[arg-type]


def refused_file(path: Path, **options: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        read(path, **options)
    assert str(path) in caught.value.message and caught.value.detail.isascii()
    return caught.value


def test_a_scan_file_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.jpg"
    page.write_bytes(HUKOU.read_bytes())
    assert read(page, data_dir=tmp_path / "data") == HUKOU.read_bytes()


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "page.jpg"
    os.mkfifo(fifo)
    assert "FIFO" in refused_file(fifo).message


@pytest.mark.timeout(10)
def test_dev_zero_is_refused_without_reading_it() -> None:
    assert "字符设备" in refused_file(Path("/dev/zero")).message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert "文件夹" in refused_file(tmp_path).message


def test_proc_files_are_read_only_to_the_limit_and_refused(tmp_path: Path) -> None:
    # /proc/self/environ claims 0 bytes; it holds secrets and is no page.
    assert "JPEG" in refused_file(Path("/proc/self/environ")).message
    assert "MB" in refused_file(Path("/proc/self/status"), limit=16).message


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "big.jpg"
    page.write_bytes(HUKOU.read_bytes())
    assert "超过" in refused_file(page, limit=1000).message


def test_nothing_under_the_data_directory_is_a_scan(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    key = data / "device.key"
    key.write_bytes(HUKOU.read_bytes())  # even a real image: it is ours, not the citizen's
    assert "数据目录" in refused_file(key, data_dir=data).message
    link = tmp_path / "innocent.jpg"
    link.symlink_to(key)
    assert "数据目录" in refused_file(link, data_dir=data).message


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    assert "读不到" in refused_file(tmp_path / "gone.jpg").message
