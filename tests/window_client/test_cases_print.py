"""``tongban cases print``: a print transaction against the real printer simulator and a real store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.printer.inspect import decode_escpos
from devices.printer.simulator import PrinterSimulator
from devices.qr.payloads import parse_receipt_payload
from tests.core.cli.cli_kit import add_case, run


@pytest.fixture
def printer() -> Iterator[PrinterSimulator]:
    sim = PrinterSimulator()
    sim.start()
    yield sim
    sim.stop()


def test_receipt_to_a_file_is_escpos_with_the_number_as_text_and_qr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    out_file = tmp_path / "receipt.bin"
    code, _, err = run(capsys, data, "cases", "print", number, "--printer", f"file:{out_file}")
    assert code == 0, err
    blob = out_file.read_bytes()
    assert blob.startswith(b"\x1b@")
    assert number.encode("gb18030") in blob
    assert "受理回执".encode("gb18030") in blob
    ops = decode_escpos(blob)
    qr = [op.text for op in ops if op.name == "qr_store"]
    assert len(qr) == 1 and parse_receipt_payload(qr[0]) == number.replace("-", "")
    assert "qr_print" in [op.name for op in ops]
    assert ops[-1].name == "cut"


def test_paper_out_keeps_the_job_and_a_retry_prints_it_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, printer: PrinterSimulator
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    printer.set_paper("out")
    code, _, err = run(capsys, data, "cases", "print", number, "--printer", printer.uri, "--timeout", "3")
    assert code == 1 and "缺纸" in err
    assert "受理回执".encode("gb18030") not in printer.received  # refused before sending
    printer.set_paper("ok")
    code, out, _ = run(capsys, data, "cases", "print-retry", "--printer", printer.uri)
    assert code == 0 and "重打 1 份" in out
    assert printer.received.count("受理回执".encode("gb18030")) == 1
    code, out, _ = run(capsys, data, "cases", "print-retry", "--printer", printer.uri)
    assert "没有待重打" in out
    assert printer.received.count("受理回执".encode("gb18030")) == 1


def test_second_print_is_a_reprint_and_is_audited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, printer: PrinterSimulator
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    assert run(capsys, data, "cases", "print", number, "--printer", printer.uri)[0] == 0
    assert "补打".encode("gb18030") not in printer.received
    code, out, _ = run(capsys, data, "cases", "print", number, "--printer", printer.uri)
    assert code == 0 and "补打" in out
    assert "补打".encode("gb18030") in printer.received
    code, out, _ = run(capsys, data, "audit", "verify", "--json")
    assert json.loads(out)["ok"] is True
    from core.clock import SystemClock
    from core.store.store import Store

    with Store.open(data, clock=SystemClock()) as store:
        actions = [a.action for a in store.audit_entries(number.replace("-", ""))]
    assert actions == ["case.accept", "receipt.print", "receipt.reprint"]


def test_notice_only_for_deficient_cases_and_bad_printer_uri(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    code, _, err = run(capsys, data, "cases", "print", number, "--printer", "fax:1")
    assert code == 2 and "设备地址" in err
    code, _, err = run(capsys, data, "cases", "print", "32011526112200199999", "--printer", "file:x.bin")
    assert code == 2
    assert run(capsys, data, "cases", "supplement", number, "--material", "bank_card")[0] == 0
    code, _, err = run(
        capsys, data, "cases", "print", number, "--kind", "notice", "--printer", f"file:{tmp_path / 'n.bin'}"
    )
    assert code == 2 and "不需要容缺受理通知书" in err


def test_a_long_retry_on_one_thread_prints_every_open_job_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, printer: PrinterSimulator
) -> None:
    """The CLI runs the GUIs' print chain with every step on its one thread: steps that finish at
    once are looped over, not recursed into, so a long backlog after a day of paper-out prints."""
    from core.clock import SystemClock
    from core.store.records import AuditEntry
    from core.store.store import Store

    data = tmp_path / "data"
    number = add_case(capsys, data).replace("-", "")
    backlog = 100  # a chain that recursed once per step would pass Python's limit of 1000 frames
    with Store.open(data, clock=SystemClock()) as store:
        for _ in range(backlog):
            audit = AuditEntry(
                "window01", "receipt.print", "2026-11-23T09:00:00", number, {"kind": "receipt"}
            )
            store.print_jobs.create(number, "receipt", False, audit)
    code, out, err = run(capsys, data, "cases", "print-retry", "--printer", printer.uri)
    assert code == 0, err
    assert f"重打 {backlog} 份" in out
    assert printer.received.count("受理回执".encode("gb18030")) == backlog
    with Store.open(data, clock=SystemClock()) as store:
        assert store.print_jobs.open_jobs() == []


def test_an_open_job_no_longer_owed_does_not_block_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, printer: PrinterSimulator
) -> None:
    """A 容缺受理通知书 left open by paper-out, for a case withdrawn since, is no longer printed; the
    retry prints the other open jobs instead of failing on it every time."""
    data = tmp_path / "data"
    withdrawn = add_case(capsys, data)
    printer.set_paper("out")
    code, _, err = run(
        capsys, data, "cases", "print", withdrawn, "--kind", "notice", "--printer", printer.uri
    )
    assert code == 1 and "缺纸" in err
    code, _, err = run(capsys, data, "cases", "withdraw", withdrawn, "--reason", "申请人撤回")
    assert code == 0, err
    other = add_case(capsys, data)
    code, _, err = run(capsys, data, "cases", "print", other, "--printer", printer.uri)
    assert code == 1 and "缺纸" in err
    printer.set_paper("ok")
    code, out, err = run(capsys, data, "cases", "print-retry", "--printer", printer.uri)
    assert code == 0, err
    assert "重打 1 份" in out
    assert "请在期限内补齐以下材料".encode("gb18030") not in printer.received  # no notice went out
    assert printer.received.count("受理回执".encode("gb18030")) == 1
    assert other.encode("gb18030") in printer.received


def test_the_special_procedure_notice_prints(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # 行政许可法 §45: the time a 特别程序 needs is told to the applicant in writing.
    data = tmp_path / "data"
    number = add_case(capsys, data)
    code, _, err = run(
        capsys, data, "cases", "pause", number, "--kind", "appraisal", "--reason", "送鉴定", "--days", "3"
    )
    assert code == 0, err
    out_file = tmp_path / "notice.bin"
    code, _, err = run(
        capsys, data, "cases", "print", number, "--kind", "procedure", "--printer", f"file:{out_file}"
    )
    assert code == 0, err
    ops = decode_escpos(out_file.read_bytes())
    text = "".join(op.text for op in ops if op.text)
    assert "特别程序告知书" in text and "鉴定" in text and "第四十五条" in text
    qr = [op.text for op in ops if op.name == "qr_store"]
    assert len(qr) == 1 and parse_receipt_payload(qr[0]) == number.replace("-", "")
