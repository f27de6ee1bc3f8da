"""Command-line handlers for ``tongban devices simulate-id-reader`` and ``tongban devices read-id``."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from devices.errors import DeviceError, DeviceUriError
from devices.id_reader import CARD_TYPE_NAMES, CardType, IdCard
from devices.id_reader.card_file import CardFileError
from devices.id_reader.serial_reader import read_one_card
from devices.id_reader.simulator import run_simulator
from devices.id_reader.transport import DEFAULT_BAUD, resolve_target
from devices.simulator_rack import SimulatorRack
from devices.uri import Scheme, parse_device_uri

# Labels for the text output, as printed on the cards; extras only for the types that have them.
_LABELS: tuple[tuple[str, str], ...] = (
    ("card_type", "证件类型"),
    ("name", "姓名"),
    ("english_name", "英文姓名"),
    ("sex", "性别"),
    ("nation", "民族"),
    ("nationality", "国籍代码"),
    ("birth_date", "出生日期"),
    ("address", "住址"),
    ("id_number", "证件号码"),
    ("pass_number", "通行证号码"),
    ("issuing_authority", "签发机关"),
    ("authority_code", "受理机关代码"),
    ("valid_from", "有效期起"),
    ("valid_to", "有效期止"),
    ("issue_count", "签发次数"),
    ("card_version", "证件版本号"),
    ("previous_number_link", "既往证件关联项"),
)


def add_arguments_simulate(parser: argparse.ArgumentParser) -> None:
    """Options of ``simulate-id-reader``."""
    parser.add_argument(
        "--cards", type=Path, default=None, metavar="FILE", help="证件数据 JSON 文件（默认：内置演示证件）"
    )
    parser.add_argument(
        "--baud", type=_positive_int, default=DEFAULT_BAUD, metavar="N", help="模拟的波特率（默认 115200）"
    )
    parser.add_argument(
        "--transport",
        choices=("pty", "tcp"),
        default="pty",
        help="pty：虚拟串口；tcp：127.0.0.1 上的端口（默认 pty）",
    )
    parser.add_argument(
        "--cycle",
        type=_seconds,
        default=3.0,
        metavar="S",
        help="证件读取后隔 S 秒换放下一张（0 = 不换；默认 3）",
    )


def add_arguments_read_id(parser: argparse.ArgumentParser) -> None:
    """Options of ``read-id``."""
    parser.add_argument(
        "--device",
        required=True,
        metavar="URI",
        help="阅读器地址，例如 serial:/dev/ttyUSB0?baudrate=115200、tcp:127.0.0.1:9000，"
        "或 sim（内置模拟阅读器上的演示证件；sim:cards.json?card=2 选证件文件和第几张）",
    )
    parser.add_argument(
        "--timeout", type=_positive_float, default=10.0, metavar="S", help="等待放证的秒数（默认 10）"
    )
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--reveal", action="store_true", help="显示完整证件号码（默认遮挡中间位）")


def cmd_simulate_id_reader(args: argparse.Namespace) -> int:
    """Serve the simulator; the URI is the first stdout line. 0 on Ctrl-C, 2 on a bad card file."""

    def ready(uri: str) -> None:
        print(uri, flush=True)
        print("身份证阅读器模拟器已启动，按 Ctrl-C 结束", file=sys.stderr, flush=True)

    try:
        run_simulator(args.cards, args.baud, args.transport, ready, cycle=getattr(args, "cycle", 3.0))
    except KeyboardInterrupt:
        return 0
    except CardFileError as exc:
        print(exc.lines(), file=sys.stderr)
        return 2
    except DeviceError as exc:
        print(exc.lines(), file=sys.stderr)
        return 1
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(
            DeviceError(f"模拟器无法启动：{reason}", f"the simulator cannot start: {reason}").lines(),
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_read_id(args: argparse.Namespace) -> int:
    """Read one card: 0 with a card, 1 on a device/card error or timeout, 2 for a malformed URI or card file.

    ``sim`` (``sim:CARDS.json?card=N``) reads from a simulator started for the call, through the
    same driver, as a window's ``sim`` reader does (devices.simulator_rack).
    """
    rack = SimulatorRack()
    try:
        target = rack.resolve("id_reader", args.device) if _is_sim(args.device) else args.device
        resolve_target(target)
    except (DeviceUriError, CardFileError) as exc:
        rack.stop()
        print(exc.lines(), file=sys.stderr)
        return 2
    try:
        card = read_one_card(target, args.timeout)
    except DeviceError as exc:
        print(exc.lines("读证失败："), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 1
    finally:
        rack.stop()
    if args.json:
        print(json.dumps(card.to_json(reveal=args.reveal), ensure_ascii=False, indent=2))
    else:
        print(format_card(card, reveal=args.reveal))
    return 0


def _is_sim(uri: str) -> bool:
    try:
        return parse_device_uri(uri).scheme is Scheme.SIM
    except DeviceUriError:
        return False  # a bare port name or pyserial URL: resolve_target judges it


def format_card(card: IdCard, reveal: bool = False) -> str:
    """The card as an aligned Chinese text block (labels padded by display width)."""
    values = card.to_json(reveal=reveal)
    values["card_type"] = CARD_TYPE_NAMES[card.card_type]
    labels = dict(_LABELS)
    if card.card_type is CardType.FOREIGN_PERMANENT_2023:
        labels["issue_count"] = "换证次数"
    rows = [(labels[key], values[key]) for key, _ in _LABELS if values.get(key)]
    width = max(_width(label) for label, _ in rows)
    return "\n".join(f"{label}{' ' * (width - _width(label))}  {value}" for label, value in rows)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”应为正数") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"“{text}”应为正数")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”应为秒数") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"“{text}”应为不小于 0 的秒数")
    return value
