"""The ``tongban devices …`` commands: simulators, one-shot reads and test prints, for operators and installers.

Mounted through the ``tongban.commands`` entry point; ``devices`` imports nothing of ours above it.
The drivers' command modules load only when ``devices`` is used, not for every ``tongban`` run.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("devices", help="外设：身份证阅读器、扫码枪、小票打印机、高拍仪 (devices)")
    # tongban's parsers take a fill to run when the command is used (core.cli.main.fill_later);
    # devices may not import core, so it asks by name and fills at once on any other parser.
    defer = getattr(p, "defer", None)
    if defer is None:
        fill(p)
    else:
        defer(fill)


def fill(p: argparse.ArgumentParser) -> None:
    """The arguments of ``tongban devices``."""
    from devices import manager_commands
    from devices.camera import commands as camera_commands
    from devices.id_reader import commands as id_commands
    from devices.printer import commands as printer_commands
    from devices.qr import commands as qr_commands

    ds = p.add_subparsers(dest="devices_command", metavar="ACTION", required=True)

    lst = ds.add_parser("list", help="列出已配置的外设及其状态 (configured devices and their health)")
    manager_commands.add_arguments_list(lst)
    lst.set_defaults(handler=manager_commands.cmd_list)

    sim = ds.add_parser("simulate", help="启动外设模拟器，第一行输出连接地址 (start a simulator)")
    kinds = sim.add_subparsers(dest="simulated", metavar="DEVICE", required=True)
    reader = kinds.add_parser("id-reader", help="身份证阅读器模拟器 (SAM protocol on a pty or TCP)")
    id_commands.add_arguments_simulate(reader)
    reader.set_defaults(handler=id_commands.cmd_simulate_id_reader)
    scanner = kinds.add_parser("qr-scanner", help="串口扫码枪模拟器：从标准输入逐行读取要“扫”的内容")
    qr_commands.add_arguments_simulate_scanner(scanner)
    scanner.set_defaults(handler=qr_commands.cmd_simulate_scanner)
    printer = kinds.add_parser("printer", help="小票打印机模拟器（TCP，应答 DLE EOT 状态查询）")
    printer_commands.add_arguments_simulate_printer(printer)
    printer.set_defaults(handler=printer_commands.cmd_simulate_printer)

    read = ds.add_parser("read-id", help="读一张身份证 (read one ID card)")
    id_commands.add_arguments_read_id(read)
    read.set_defaults(handler=id_commands.cmd_read_id)

    scan = ds.add_parser("scan", help="识别二维码/条码 (decode a QR code or barcode)")
    qr_commands.add_arguments_scan(scan)
    scan.set_defaults(handler=qr_commands.cmd_scan)

    capture = ds.add_parser("capture", help="高拍仪拍摄一页并校正 (capture one corrected page)")
    camera_commands.add_arguments_capture(capture)
    capture.set_defaults(handler=camera_commands.cmd_capture)

    test = ds.add_parser("print-test", help="打印测试页 (print a test page)")
    printer_commands.add_arguments_print_test(test)
    test.set_defaults(handler=printer_commands.cmd_print_test)

    inspect = ds.add_parser(
        "inspect-receipt", help="解析 ESC/POS 文件，列出其中的指令 (decode ESC/POS bytes)"
    )
    printer_commands.add_arguments_inspect_receipt(inspect)
    inspect.set_defaults(handler=printer_commands.cmd_inspect_receipt)
