"""CLI handlers ``tongban devices scan`` and ``tongban devices simulate-scanner`` (mounted by the lead's CLI)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from devices.errors import DeviceError, DeviceUriError
from devices.qr import ScanResult
from devices.qr.payloads import classify_payload
from devices.uri import Scheme, parse_device_uri

_log = logging.getLogger(__name__)


def add_arguments_scan(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``devices scan``: exactly one input, a timeout and ``--json``."""
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--device", metavar="URI", help="串口扫码枪，例如 serial:/dev/ttyACM0?baudrate=9600")
    source.add_argument("--camera", metavar="INDEX", help="摄像头序号，例如 0")
    source.add_argument("--video", metavar="FILE", help="从视频文件识别")
    source.add_argument("--image", metavar="FILE", help="识别一张图片中的全部二维码/条码")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S", help="最多等待的秒数（默认 10）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def cmd_scan(args: argparse.Namespace) -> int:
    """Print what was decoded; 0 = decoded, 1 = device error / timeout / nothing found, 2 = bad arguments."""
    if not args.timeout > 0:
        return _fail(DeviceError(f"--timeout 应为正数，现在是 {args.timeout}", "--timeout must be > 0"), 2)
    try:
        results = _scan(args)
    except DeviceUriError as exc:
        return _fail(exc, 2)
    except DeviceError as exc:
        _log.info("scan failed: %s", exc.detail)
        return _fail(exc, 1)
    if not results:
        return _fail(DeviceError("图片中没有找到二维码或条码。", "no QR code or barcode in the image"), 1)
    if args.json:
        print(json.dumps([_as_json(r) for r in results], ensure_ascii=False))
    else:
        for result in results:
            print(f"{result.format}\t{result.text}")
    return 0


def add_arguments_simulate_scanner(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``devices simulate-scanner``."""
    parser.add_argument("--baudrate", type=int, default=9600, help="写进地址里的波特率（伪终端不限速）")
    parser.add_argument("--link", metavar="PATH", help="另建一个固定路径的符号链接指向伪终端")


def cmd_simulate_scanner(args: argparse.Namespace) -> int:
    """Print the simulator's URI (first line, flushed), then scan each stdin line until EOF or Ctrl-C.

    A line ``gbk:文字`` is sent GBK-encoded, any other line as UTF-8.
    """
    from devices.qr.simulator import run_scanner_simulator  # posix-only module (tty)

    def ready(uri: str) -> None:
        print(uri, flush=True)

    try:
        count = run_scanner_simulator(ready, link=args.link, baudrate=args.baudrate)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        return _fail(
            DeviceError(f"无法创建模拟扫码枪：{exc}", f"cannot create the scanner simulator: {exc}"), 1
        )
    print(f"已模拟扫码 {count} 次", file=sys.stderr)
    return 0


def _scan(args: argparse.Namespace) -> list[ScanResult]:
    from devices.qr.camera_decoder import decode_image, scan_source  # OpenCV is only loaded when needed

    if args.device is not None:
        from devices.qr.serial_scanner import SerialScanner

        uri = parse_device_uri(args.device)
        if uri.scheme is not Scheme.SERIAL:
            raise DeviceUriError(f"--device 需要串口地址（serial:…），现在是“{uri}”", f"not serial: {uri}")
        return [SerialScanner(uri).read_one(args.timeout)]
    if args.camera is not None:
        if not str(args.camera).isdigit():
            raise DeviceUriError(
                f"--camera 应为摄像头序号（0、1 …），现在是“{args.camera}”", "bad camera index"
            )
        return [scan_source(f"camera:{args.camera}", args.timeout)]
    if args.video is not None:
        return [scan_source(f"video:{args.video}", args.timeout)]
    return decode_image(Path(args.image))


def _as_json(result: ScanResult) -> dict[str, str]:
    recognised = classify_payload(result.text, result.format)
    return {
        "format": result.format,
        "text": result.text,
        "raw_hex": result.raw.hex(),
        "source": result.source,
        "kind": recognised.kind.value,
        "value": recognised.value,
    }


def _fail(error: DeviceError, code: int) -> int:
    print(error.lines(), file=sys.stderr)
    return code
