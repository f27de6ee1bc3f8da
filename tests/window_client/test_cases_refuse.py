"""``tongban cases refuse … --printer URI`` prints the 一次性补正告知书 / 不予受理通知书 through the receipt
chain; the bytes decode with ``tongban devices inspect-receipt`` (行政许可法 §32: a written notice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devices.printer.inspect import decode_escpos, printed_lines
from devices.printer.simulator import PrinterSimulator
from devices.qr.payloads import parse_receipt_payload
from tests.core.cli.cli_kit import EXAMPLE, example, identity, run


def _intake(tmp_path: Path, *drop: str) -> Path:
    doc = example()
    for material in drop:
        doc["materials"].pop(material)
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "hukou-page.jpg").write_bytes((EXAMPLE.parent / "hukou-page.jpg").read_bytes())
    return path


def test_the_supplement_notice_prints_and_decodes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    notice = tmp_path / "notice.bin"
    intake = _intake(tmp_path, "marriage_cert")
    code, out, err = run(
        capsys,
        data,
        "cases",
        "refuse",
        "--json",
        str(intake),
        "--kind",
        "supplement",
        "--printer",
        f"file:{notice}",
    )
    assert code == 0, err
    number = out.splitlines()[0]
    assert "已打印一次性补正告知书" in out
    ops = decode_escpos(notice.read_bytes())
    text = "\n".join(printed_lines(ops))
    assert "一次性补正告知书" in text and "结婚证" in text and "第三十二条" in text and number in text
    (qr,) = [op.text for op in ops if op.name == "qr_store"]
    assert parse_receipt_payload(qr) == number.replace("-", "") and ops[-1].name == "cut"
    code, described, err = run(capsys, data, "devices", "inspect-receipt", str(notice))
    assert code == 0 and "cut" in described, err
    code, out, _ = run(
        capsys, data, "cases", "print", number, "--kind", "supplement", "--printer", f"file:{notice}"
    )
    assert code == 0 and "补打" in out  # a second copy is a 补打, audited as such


def test_the_rejection_notice_prints_with_the_remedies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    notice = tmp_path / "rejection.bin"
    code, out, err = run(
        capsys, data, "cases", "refuse", "--json", str(_intake(tmp_path)), "--kind", "reject",
        "--reason", "申请事项依法不属于本机关职权范围", "--printer", f"file:{notice}",
    )  # fmt: skip
    assert code == 0 and "已打印不予受理通知书" in out, err
    text = "\n".join(printed_lines(decode_escpos(notice.read_bytes())))
    for words in ("不予受理通知书", "不属于本机关", "六十日内", "六个月内"):
        assert words in text, words


def test_paper_out_keeps_the_record_and_the_notice_for_a_retry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sim = PrinterSimulator()
    sim.start()
    try:
        data = tmp_path / "data"
        identity(data / "tongban.toml")
        sim.set_paper("out")
        intake = _intake(tmp_path, "marriage_cert")
        code, out, err = run(
            capsys, data, "cases", "refuse", "--json", str(intake), "--kind", "supplement",
            "--printer", sim.uri, "--timeout", "3",
        )  # fmt: skip
        assert (
            code == 1 and "缺纸" in err and "一次性补正告知书" in out
        )  # the record and its number were said
        code, out, _ = run(capsys, data, "cases", "list", "--status", "supplement_notified", "--json")
        assert len(json.loads(out)["cases"]) == 1  # the record is durable all the same
        sim.set_paper("ok")
        code, out, _ = run(capsys, data, "cases", "print-retry", "--printer", sim.uri)
        assert code == 0 and "重打 1 份" in out
        assert sim.received.count("一次性补正告知书".encode("gb18030")) == 1
    finally:
        sim.stop()
