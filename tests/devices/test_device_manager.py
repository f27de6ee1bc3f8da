"""The device manager with every role on ``sim``: real drivers talking to the simulators."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from devices.errors import DeviceError, DeviceUriError
from devices.manager import DeviceHealth, DeviceManager, probe, read_device_table
from devices.manager_commands import cmd_list
from devices.printer.testpage import Block, SimpleReceipt

RECEIPT = SimpleReceipt(
    "test", "测试回执", (Block("text", "测试回执", "center", "title"), Block("qr", "TB1:TEST"))
)
ALL_SIM = {"id_reader": "sim", "printer": "sim", "scanner": "sim", "camera": "sim"}


def test_all_simulated_devices_work_through_the_real_drivers() -> None:
    cards: list[object] = []
    scans: list[object] = []
    got_card, got_scan = threading.Event(), threading.Event()
    health: list[DeviceHealth] = []

    def on_card(card: object) -> None:
        cards.append(card)
        got_card.set()

    def on_scan(scan: object) -> None:
        scans.append(scan)
        got_scan.set()

    manager = DeviceManager(ALL_SIM, on_card=on_card, on_scan=on_scan, on_health=health.append)
    manager.start()
    try:
        assert got_card.wait(10), "the simulated card was not read"
        assert getattr(cards[0], "card_type", None) == "resident"
        rack = manager.simulators
        uri = manager.uri("scanner")
        assert uri is not None
        rack.scanner.scan("出生医学证明 Q320123456", encoding="gbk")
        assert got_scan.wait(10), "the simulated scan did not arrive"
        assert getattr(scans[0], "text", None) == "出生医学证明 Q320123456"
        result = manager.print_receipt(RECEIPT).result(timeout=10)
        assert result.confirmed and result.bytes_sent > 0
        assert "测试回执".encode("gb18030") in rack.printer.received
        camera = manager.check("camera").result(timeout=20)
        assert camera.ok, camera
        by_role = {h.role: h for h in manager.health()}
        assert by_role["printer"].ok and by_role["id_reader"].ok and by_role["scanner"].ok
    finally:
        manager.stop()
        manager.stop()  # twice is harmless


def test_unknown_role_and_unconfigured_roles() -> None:
    with pytest.raises(DeviceUriError):
        DeviceManager({"fax": "sim"})
    manager = DeviceManager({})
    manager.start()
    try:
        assert [h.ok for h in manager.health()] == [None, None, None, None]
        with pytest.raises(DeviceUriError, match="未配置"):
            manager.print_receipt(RECEIPT)
    finally:
        manager.stop()


def test_probe_reports_a_missing_device_without_raising(tmp_path: Path) -> None:
    health = probe("id_reader", f"serial:{tmp_path / 'ttyNONE'}?baudrate=115200", timeout=1)
    assert health.ok is False and health.message
    health = probe("printer", "tcp:127.0.0.1:9", timeout=1)
    assert health.ok is False and "打印机" in health.message


def test_device_table_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "tongban.toml"
    assert read_device_table(path) == {}
    path.write_text('[devices]\nprinter = "tcp:127.0.0.1:9100"\n', encoding="utf-8")
    assert read_device_table(path) == {"printer": "tcp:127.0.0.1:9100"}
    path.write_text('[devices]\nfax = "sim"\n', encoding="utf-8")
    with pytest.raises(DeviceUriError, match="fax"):
        read_device_table(path)


def test_devices_list_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    path = tmp_path / "tongban.toml"
    path.write_text(
        '[devices]\nprinter = "sim"\nid_reader = "serial:/nonexistent/tty?baudrate=115200"\n',
        encoding="utf-8",
    )
    code = cmd_list(argparse.Namespace(config=path, json=True, timeout=1.0))
    out = capsys.readouterr().out
    assert code == 1  # the reader is missing
    assert '"ok": true' in out and '"ok": false' in out and '"ok": null' in out


def test_a_printer_out_of_paper_is_not_healthy() -> None:
    from devices.printer.simulator import PrinterSimulator

    with PrinterSimulator() as printer:
        assert probe("printer", printer.uri, timeout=2).ok is True
        printer.set_paper("out")
        health = probe("printer", printer.uri, timeout=2)
        assert health.ok is False and "缺纸" in health.message
        printer.set_paper("ok")
        printer.set_offline(True)
        assert probe("printer", printer.uri, timeout=2).ok is False


def test_captures_update_the_camera_health_and_a_failed_camera_is_opened_afresh(tmp_path: Path) -> None:
    from devices.camera.simulator import write_demo_photos

    folder = tmp_path / "photos"
    (photo,) = write_demo_photos(folder, count=1)
    manager = DeviceManager({"camera": f"images:{folder}"})
    manager.start()
    try:
        assert manager.check("camera").result(timeout=20).ok  # opened for the check, closed again
        photo.unlink()
        with pytest.raises(DeviceError, match="没有图片"):
            manager.capture_page(5).result(timeout=20)
        camera = {h.role: h for h in manager.health()}["camera"]
        assert camera.ok is False and "没有图片" in camera.message
        write_demo_photos(folder, count=1)
        page = manager.capture_page(5).result(timeout=20)
        assert page.jpeg.startswith(b"\xff\xd8")
        assert {h.role: h for h in manager.health()}["camera"].ok is True
    finally:
        manager.stop()


def test_a_device_is_only_used_on_its_owner_thread() -> None:
    manager = DeviceManager({"printer": "sim"})
    manager.start()
    try:
        uri = manager.uri("printer")
        assert uri is not None
        with pytest.raises(RuntimeError, match="owner thread"):
            manager._print(uri, RECEIPT)  # called here, not on the printer's thread
        assert manager.print_receipt(RECEIPT).result(timeout=10).bytes_sent > 0
    finally:
        manager.stop()
