"""What a scanned page is: a regular file of bounded size, outside the data directory, that is a JPEG, PNG or PDF.

Files named as scans come from outside (``cases add --json``, ``cases supplement --page``): a FIFO
would hang the reader, ``/dev/zero`` would eat memory, and the device key or ``/proc/self/environ``
would be uploaded to the platform as a "page" (issue #10 bug 10). Core may not use OpenCV, so a
page is checked by its structure: JPEG SOI … frame header … EOI (ITU-T T.81 Annex B), PNG
signature, IHDR … IEND with their CRCs (RFC 2083), PDF header and ``%%EOF`` (ISO 32000-1 §7.5).
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from pathlib import Path

from core.errors import ValidationError

MAX_SCAN_BYTES = 20 * 1024 * 1024  # a 300 dpi colour A4 page as JPEG is 1–3 MB; a PDF of a few pages fits
JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
_READ_CHUNK = 1024 * 1024
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (T.81 Table B.1): SOF0–SOF15 without DHT (C4), JPG (C8) and DAC (CC).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and RST0–7 carry no length
_PDF_TAIL = 1024  # %%EOF must be near the end (ISO 32000-1 §7.5.5; readers look in the last 1 KB)


def sniff_media_type(data: bytes) -> str | None:
    """JPEG, PNG or PDF by the first bytes alone (None for anything else); ``scan_media_type`` checks the whole."""
    if data.startswith(b"\xff\xd8"):
        return JPEG
    if data.startswith(_PNG_SIGNATURE):
        return PNG
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def scan_kind(data: bytes, *, name: str, field: str) -> str:
    """The media type ``data`` starts like (JPEG, PNG, PDF); ValidationError for an empty page or
    anything else. A cheap first check: ``scan_media_type`` also checks the structure."""
    if not data:
        raise _refused(field, name, "是空文件", "is empty")
    kind = sniff_media_type(data)
    if kind is None:
        raise _refused(field, name, "不是 JPEG、PNG 图片或 PDF 文件", "is not a JPEG, PNG or PDF file")
    return kind


def scan_media_type(data: bytes, *, name: str, field: str) -> str:
    """The media type of ``data`` when it is a whole JPEG, PNG or PDF; ValidationError otherwise.

    ``name`` says which page or file it is in the message (e.g. the path); ``field`` is the
    ValidationError's field.
    """
    kind = scan_kind(data, name=name, field=field)
    problem = {JPEG: _jpeg_problem, PNG: _png_problem, PDF: _pdf_problem}[kind](data)
    if problem is not None:
        zh, en = problem
        raise _refused(
            field, name, f"不是完整的 {kind.split('/')[1].upper()} 文件：{zh}", f"is not a whole {kind}: {en}"
        )
    return kind


def read_scan_file(
    path: Path, *, field: str, data_dir: Path | None = None, limit: int = MAX_SCAN_BYTES
) -> bytes:
    """The bytes of the scan file at ``path``, or ValidationError naming the file and why not.

    Refused: a path inside ``data_dir`` (the device key, the store), anything ``read_regular_file``
    refuses, and content that is not a JPEG, PNG or PDF.
    """
    name = str(path)
    if data_dir is not None and _inside(path, data_dir):
        raise _refused(field, name, "位于本机数据目录中，不能作为扫描件", "is inside the data directory")
    data = read_regular_file(path, field=field, limit=limit)
    scan_media_type(data, name=name, field=field)
    return data


def read_regular_file(
    path: Path, *, field: str, limit: int, noun: tuple[str, str] = ("扫描件", "scan")
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ValidationError naming it otherwise.

    Anything but a regular file is refused after ``os.stat`` and before opening (a FIFO would hang
    the open, /dev/zero never ends); it is opened non-blocking in case one is swapped in between,
    and at most ``limit`` + 1 bytes are read, whatever size the file claims (/proc files claim 0).
    ``noun`` names the file in the messages (Chinese, English).
    """
    name = str(path)
    try:
        before = os.stat(path)
    except OSError as exc:
        raise _unreadable(field, name, exc, noun) from None
    _require_regular(before, field, name, noun)
    if before.st_size > limit:
        raise _too_large(field, name, limit, noun)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(field, name, exc, noun) from None
    try:
        opened = os.fstat(fd)
        _require_regular(opened, field, name, noun)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise _refused(field, name, "在读取时被替换了，请重试", "was replaced while being opened", noun)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise _unreadable(field, name, exc, noun) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(field, name, limit, noun)
    return data


def _inside(path: Path, data_dir: Path) -> bool:
    try:
        return path.resolve().is_relative_to(data_dir.resolve())
    except (OSError, RuntimeError):  # a symlink loop: not inside, and os.stat will say what it is
        return False


def _require_regular(info: os.stat_result, field: str, name: str, noun: tuple[str, str]) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    kinds = [
        (stat.S_ISDIR, "文件夹", "a directory"),
        (stat.S_ISFIFO, "管道（FIFO）", "a FIFO"),
        (stat.S_ISCHR, "字符设备", "a character device"),
        (stat.S_ISBLK, "块设备", "a block device"),
        (stat.S_ISSOCK, "套接字", "a socket"),
    ]
    zh, en = next(((z, e) for test, z, e in kinds if test(mode)), ("特殊文件", "a special file"))
    raise _refused(field, name, f"是{zh}，不是普通文件", f"is {en}, not a regular file", noun)


def _read_at_most(fd: int, count: int) -> bytes:
    parts: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, _READ_CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _jpeg_problem(data: bytes) -> tuple[str, str] | None:
    """Markers from SOI to the first SOS (T.81 B.2): a frame header must come first; then EOI ends it."""
    at, framed = 2, False
    while True:
        if at >= len(data) or data[at] != 0xFF:
            return "标记段损坏或不完整", "broken or truncated marker segments"
        while at < len(data) and data[at] == 0xFF:  # fill bytes (B.1.1.2)
            at += 1
        if at >= len(data):
            return "文件不完整", "truncated"
        marker = data[at]
        at += 1
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:
            return "没有图像数据", "EOI before any scan"
        if at + 2 > len(data):
            return "文件不完整", "truncated"
        (length,) = struct.unpack(">H", data[at : at + 2])
        if length < 2 or at + length > len(data):
            return "标记段长度错误", f"marker {marker:02X} has a bad length"
        if marker in _SOF:
            if length < 8 or struct.unpack(">H", data[at + 5 : at + 7])[0] == 0:
                return "帧头损坏", "bad frame header"
            framed = True
        elif marker == 0xDA:  # SOS: entropy-coded data follows
            if not framed:
                return "缺少帧头", "no frame header before the scan"
            break
        at += length
    if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "缺少结束标记（EOI），文件可能被截断", "no EOI at the end (truncated?)"
    return None


def _png_problem(data: bytes) -> tuple[str, str] | None:
    """Chunks from the signature to IEND (RFC 2083 §3): IHDR first, IDAT present, CRCs right."""
    at, chunks = len(_PNG_SIGNATURE), 0
    seen_data = False
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 12 + length
        if end > len(data):
            return "数据块不完整", "truncated chunk"
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : end])
        if zlib.crc32(kind + body) != crc:
            return "数据块校验错误", f"bad CRC in {kind!r}"
        if chunks == 0 and (kind != b"IHDR" or length != 13 or 0 in struct.unpack(">II", body[:8])):
            return "缺少有效的 IHDR 头", "no valid IHDR first"
        chunks += 1
        seen_data = seen_data or kind == b"IDAT"
        at = end
        if kind == b"IEND":
            if not seen_data:
                return "没有图像数据", "no IDAT"
            return None if at == len(data) else ("IEND 之后还有数据", "data after IEND")
    return "缺少结束块（IEND），文件可能被截断", "no IEND (truncated?)"


def _pdf_problem(data: bytes) -> tuple[str, str] | None:
    header = data[:8]
    if len(header) < 8 or not (header[5:6].isdigit() and header[6:7] == b"." and header[7:8].isdigit()):
        return "文件头不是 %PDF-x.y", "no %PDF-x.y header"
    if b"%%EOF" not in data[-_PDF_TAIL:]:
        return "缺少结束标记 %%EOF，文件可能被截断", "no %%EOF near the end (truncated?)"
    return None


def _refused(
    field: str, name: str, zh: str, en: str, noun: tuple[str, str] = ("扫描件", "scan")
) -> ValidationError:
    return ValidationError(field, f"{noun[0]}“{name}”{zh}", f"{noun[1]} {name!r} {en}")


def _unreadable(field: str, name: str, exc: OSError, noun: tuple[str, str]) -> ValidationError:
    reason = exc.strerror or str(exc)
    return ValidationError(
        field, f"读不到{noun[0]}“{name}”：{reason}", f"cannot read {noun[1]} {name!r}: {reason}"
    )


def _too_large(field: str, name: str, limit: int, noun: tuple[str, str]) -> ValidationError:
    megabytes = limit / 1024 / 1024
    return _refused(field, name, f"超过 {megabytes:g} MB", f"is larger than {megabytes:g} MB", noun)
