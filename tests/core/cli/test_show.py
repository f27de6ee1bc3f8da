"""``tongban cases show``: personal data masked unless ``--reveal`` (audited); the receipt QR text finds the case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.case_numbers import parse_case_number
from core.receipts import receipt_qr_payload
from tests.core.cli.cli_kit import add_case, example, run


def test_json_masks_name_phone_and_bank_account_unless_revealed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    doc = example()
    form = doc["form"]
    secrets = [
        doc["applicant"]["name"],
        doc["applicant"]["id_number"],
        doc["applicant"]["phone"],
        form["bank.account"],
        form["father.name"],
        form["father.id_number"],
        form["child.name"],
        doc["applicant"]["id_number"][6:14],  # the birth date inside the ID number
    ]
    code, out, err = run(capsys, data, "cases", "show", number, "--json")
    assert code == 0, err
    for secret in secrets:
        assert secret not in out, secret
    shown = json.loads(out)
    assert shown["applicant"]["name"] == "林*雨"
    assert shown["applicant"]["phone"] == "139****5678"
    assert shown["form"]["bank.account"].endswith("6789") and "*" in shown["form"]["bank.account"]
    assert shown["form"]["bank.name"] == form["bank.name"]  # not personal: shown as given
    _, out, _ = run(capsys, data, "audit", "verify", "--json")
    entries = json.loads(out)["entries"]

    code, out, err = run(capsys, data, "cases", "show", number, "--json", "--reveal")
    assert code == 0, err
    revealed = json.loads(out)
    assert revealed["applicant"]["name"] == doc["applicant"]["name"]
    assert revealed["applicant"]["phone"] == doc["applicant"]["phone"]
    assert revealed["form"]["bank.account"] == form["bank.account"]
    _, out, _ = run(capsys, data, "audit", "verify", "--json")
    assert json.loads(out)["entries"] == entries + 1  # the look is audited


def test_the_receipt_qr_text_is_a_case_number_wherever_one_is_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    payload = receipt_qr_payload(number)
    assert payload.startswith("TB1:")
    code, out, err = run(capsys, data, "cases", "show", payload)
    assert code == 0 and number in out, err
    code, out, err = run(capsys, data, "cases", "show", payload.lower(), "--json")  # Caps Lock on the scanner
    assert code == 0 and json.loads(out)["display_number"] == number, err
    code, out, err = run(capsys, data, "cases", "evaluate", f" {payload} ", "--level", "5")
    assert code == 0, err
    code, out, err = run(capsys, data, "cases", "withdraw", payload, "--reason", "申请人撤回")
    assert code == 0 and number in out, err


@pytest.mark.parametrize("spoil", ["crc", "digit"])
def test_a_misread_receipt_qr_is_refused_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spoil: str
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    payload = receipt_qr_payload(number)
    if spoil == "crc":
        bad = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    else:  # one digit of the number changed and the CRC made to match: the Damm check still catches it
        import zlib

        digits = parse_case_number(number).digits
        wrong = digits[:10] + ("1" if digits[10] != "1" else "2") + digits[11:]
        body = f"TB1:{wrong}"
        bad = f"{body}:{zlib.crc32(body.encode()):08X}"
    code, out, err = run(capsys, data, "cases", "show", bad)
    assert code == 2 and out == ""
    assert "二维码" in err and "Traceback" not in err
