"""The CLI handlers the lead mounts under ``tongban devices``: read-id and simulate-id-reader."""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from devices.id_reader.commands import (
    add_arguments_read_id,
    add_arguments_simulate,
    cmd_read_id,
    cmd_simulate_id_reader,
)
from devices.id_reader.serial_reader import read_one_card
from devices.id_reader.simulator import IdReaderSimulator


def read_id_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments_read_id(parser)
    return parser.parse_args(list(argv))


def test_read_id_prints_json_with_the_agreed_keys(
    sim: IdReaderSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.place_card(2)
    assert cmd_read_id(read_id_args("--device", sim.uri, "--timeout", "5", "--json")) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["card_type"] == "hk_mo_tw_permit" and printed["name"] == "黄嘉欣"
    assert printed["id_number"] == "810000********4522" and printed["pass_number"] == "H6*****57"


def test_read_id_reveal_and_text_block(sim: IdReaderSimulator, capsys: pytest.CaptureFixture[str]) -> None:
    sim.place_card(1)
    assert cmd_read_id(read_id_args("--device", sim.uri, "--reveal")) == 0
    out = capsys.readouterr().out
    assert "330106196810021370" in out and "长期" in out
    lines = out.splitlines()
    assert lines[0].startswith("证件类型") and "居民身份证" in lines[0]
    # values line up: every value starts at the same display column
    assert len({line.index("  ") for line in lines if line.startswith(("姓名", "住址"))}) == 1


def test_read_id_timeout_and_missing_device_exit_1(
    sim: IdReaderSimulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_read_id(read_id_args("--device", sim.uri, "--timeout", "0.3")) == 1
    assert "没有读到证件" in capsys.readouterr().err
    assert cmd_read_id(read_id_args("--device", "serial:/nonexistent/ttyX", "--timeout", "1")) == 1
    assert "找不到身份证阅读器" in capsys.readouterr().err


@pytest.mark.parametrize(
    "device", ["bogus:1", "tcp:nohostport", "usb:0x0416:0x5011", "serial:/dev/ttyS0?baudrate=fast"]
)
def test_read_id_malformed_uri_exits_2(device: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_read_id(read_id_args("--device", device)) == 2
    assert capsys.readouterr().err.strip()


def test_argument_defaults() -> None:
    parser = argparse.ArgumentParser()
    add_arguments_simulate(parser)
    args = parser.parse_args([])
    assert (args.cards, args.baud, args.transport) == (None, 115200, "pty")
    read = read_id_args("--device", "tcp:127.0.0.1:9")
    assert (read.timeout, read.json, read.reveal) == (10.0, False, False)
    with pytest.raises(SystemExit):
        parser.parse_args(["--baud", "fast"])


def test_simulate_with_a_bad_card_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "cards.json"
    bad.write_text('{"cards": []}', encoding="utf-8")
    args = argparse.Namespace(cards=bad, baud=115200, transport="pty", cycle=0.0)
    assert cmd_simulate_id_reader(args) == 2
    assert "cards 列表为空" in capsys.readouterr().err


_MOUNT = textwrap.dedent(
    """
    import argparse, sys
    from devices.id_reader.commands import add_arguments_simulate, cmd_simulate_id_reader
    parser = argparse.ArgumentParser()
    add_arguments_simulate(parser)
    sys.exit(cmd_simulate_id_reader(parser.parse_args(sys.argv[1:])))
    """
)


@pytest.mark.parametrize("transport", ["pty", "tcp"])
def test_simulator_process_prints_its_uri_first_and_exits_0_on_ctrl_c(transport: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _MOUNT, "--transport", transport, "--cycle", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        uri = process.stdout.readline().strip()
        assert uri.startswith("serial:" if transport == "pty" else "tcp:127.0.0.1:")
        assert read_one_card(uri, timeout=5).name == "陈晓梅"  # the first demo card is on the reader
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
