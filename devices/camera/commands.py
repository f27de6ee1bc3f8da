"""CLI handler ``tongban devices capture``: photograph one page with the document camera (mounted by the lead)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from devices.camera import MAX_PAGE_BYTES, CapturedPage
from devices.errors import DeviceError, DeviceUriError

_log = logging.getLogger(__name__)


def add_arguments_capture(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``devices capture``."""
    parser.add_argument(
        "--camera",
        required=True,
        metavar="URI",
        help="高拍仪地址：camera:0、video:文件、images:文件夹，或 sim（生成示例照片的模拟高拍仪）",
    )
    parser.add_argument("--out", required=True, metavar="FILE.jpg", help="校正后页面的保存路径")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S", help="最多等待的秒数（默认 10）")
    parser.add_argument("--max-kb", type=int, default=MAX_PAGE_BYTES // 1000, help="JPEG 大小上限（KB）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_capture(args: argparse.Namespace) -> int:
    """Write one corrected page; print its size and whether a page outline was found. 0 / 1 / 2."""
    out = Path(args.out)
    if out.suffix.lower() not in (".jpg", ".jpeg"):
        return _fail(
            DeviceError(f"--out 应为 .jpg 文件，现在是“{out}”", f"--out must name a .jpg file: {out}"), 2
        )
    if not args.timeout > 0 or args.max_kb < 50:
        return _fail(
            DeviceError("--timeout 应为正数，--max-kb 至少为 50", "--timeout must be > 0 and --max-kb >= 50"),
            2,
        )
    try:
        page = _capture(args.camera, args.timeout, args.max_kb * 1000)
    except DeviceUriError as exc:
        return _fail(exc, 2)
    except DeviceError as exc:
        _log.info("capture failed: %s", exc.detail)
        return _fail(exc, 1)
    try:
        out.write_bytes(page.jpeg)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _fail(DeviceError(f"无法写入“{out}”：{reason}", f"cannot write {out}: {reason}"), 1)
    if args.json:
        summary = {
            "out": str(out),
            "bytes": len(page.jpeg),
            "width": page.width,
            "height": page.height,
            "found_page": page.found_page,
        }
        print(json.dumps(summary, ensure_ascii=False))
    else:
        found = "已找到页面并校正为 A4" if page.found_page else "未找到页面边缘，保存了整幅画面"
        print(f"{out}：{page.width}×{page.height} 像素，{len(page.jpeg) / 1000:.0f} KB，{found}")
    return 0


def _capture(uri: str, timeout: float, max_bytes: int) -> CapturedPage:
    from devices.camera.opencv_camera import capture_page  # OpenCV is only loaded when needed

    return capture_page(uri, timeout, max_bytes=max_bytes)  # "sim" draws one demo photo


def _fail(error: DeviceError, code: int) -> int:
    print(error.lines(), file=sys.stderr)
    return code
