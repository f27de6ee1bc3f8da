"""CLI handlers for ``tongban devices print-test``, ``simulate-printer`` and ``inspect-receipt`` (mounted by the lead)."""

from __future__ import annotations

import argparse
import codecs
import signal
import sys
import threading
from pathlib import Path

# The driver modules are imported inside the handlers: importing python-escpos runs
# logging.basicConfig() (escpos/capabilities.py), which must not pre-empt the CLI's own logging set-up.


def add_arguments_print_test(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer",
        default="sim",
        metavar="URI",
        help="打印机地址，例如 tcp:10.0.0.5:9100、serial:/dev/ttyUSB0?baudrate=115200、usb:0x0416:0x5011、"
        "file:/dev/usb/lp0、cups:Receipt、sim（默认：sim，内置模拟打印机）",
    )
    parser.add_argument(
        "--profile",
        default=None,
        metavar="NAME",
        help="打印机配置（默认取地址中的 ?profile=，否则 generic-80-gb18030），"
        "可选 generic-80-gb18030、generic-80-gbk、generic-58-gbk、basic-58-gb2312、raster-80",
    )
    parser.add_argument("--timeout", type=float, default=5.0, help="每次收发的超时秒数 (default: 5)")


def cmd_print_test(args: argparse.Namespace) -> int:
    """Print the test page: 0 printed, 1 device error, 2 malformed URI or unknown profile."""
    from devices.errors import DeviceError, DeviceUriError
    from devices.printer.escpos_printer import fonts_for_uri, open_printer, print_receipt
    from devices.printer.profiles import profile_for_uri
    from devices.printer.testpage import printer_test_receipt
    from devices.uri import parse_device_uri

    try:
        uri = parse_device_uri(args.printer)
        profile = profile_for_uri(uri, args.profile)
        fonts = fonts_for_uri(uri)
        printer = open_printer(uri, args.timeout)
    except DeviceUriError as exc:
        print(exc.lines(), file=sys.stderr)
        return 2
    except DeviceError as exc:
        print(exc.lines("打印失败："), file=sys.stderr)
        return 1
    try:
        result = print_receipt(printer, printer_test_receipt(uri.text, profile), profile, fonts)
    except DeviceError as exc:
        print(exc.lines("打印失败："), file=sys.stderr)
        return 1
    finally:
        printer.close()
    print(
        f"测试页已发送：{result.bytes_sent} 字节，{result.raster_lines} 行以图片打印（配置 {profile.name}）"
    )
    if not result.confirmed:
        print("此连接方式读不到打印机状态，请查看打印机确认已打印。")
    if result.paper_near_end:
        print("提示：打印纸将用尽，请及时更换。")
    if result.missing_glyphs:
        print("提示：以下字符没有可用字体，打印为方框：" + " ".join(result.missing_glyphs))
    return 0


def add_arguments_simulate_printer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, help="把收到的全部字节追加写入此文件")


def cmd_simulate_printer(args: argparse.Namespace) -> int:
    """Serve a simulated network printer; its URI is the first line of stdout. Ctrl-C or SIGTERM stops it."""
    from devices.printer.simulator import run_printer_simulator

    def ready(uri: str) -> None:
        print(uri, flush=True)

    stop = threading.Event()
    in_main = threading.current_thread() is threading.main_thread()
    # SIGTERM (systemd stop) and SIGINT (Ctrl-C) both just set ``stop``: a KeyboardInterrupt could
    # land before the serving loop's try (its URI is printed and its server thread answers first),
    # and the process then died by the signal instead of stopping cleanly.
    signals = (signal.SIGTERM, signal.SIGINT) if in_main else ()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    try:
        run_printer_simulator(args.out, ready, stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def add_arguments_inspect_receipt(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="ESC/POS 字节文件（如 simulate-printer --out 的输出）")
    parser.add_argument("--encoding", default="gb18030", help="文字编码 (default: gb18030)")


def cmd_inspect_receipt(args: argparse.Namespace) -> int:
    """List the ESC/POS operations in a file: 0 done, 2 unreadable file."""
    from devices.errors import DeviceError
    from devices.printer.inspect import decode_escpos, describe

    try:
        codecs.lookup(args.encoding)
    except LookupError:
        unknown = DeviceError(
            f"不认识的文字编码“{args.encoding}”，例如 gb18030、gbk", f"unknown encoding {args.encoding!r}"
        )
        print(unknown.lines(), file=sys.stderr)
        return 2
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(
            DeviceError(f"读不到文件 {args.file}：{reason}", f"cannot read {args.file}: {reason}").lines(),
            file=sys.stderr,
        )
        return 2
    for line in describe(decode_escpos(data, args.encoding)):
        print(line)
    return 0
