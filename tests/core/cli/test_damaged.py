"""One damaged case row does not hide the others: ``cases list`` shows them, names the damaged one, exits 1."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from core.case_numbers import parse_case_number
from tests.core.cli.cli_kit import add_case, run


def damage(data: Path, number: str) -> None:
    """Flip one byte of the sealed payload of ``number``, as a bad disk sector would."""
    digits = parse_case_number(number).digits
    with sqlite3.connect(data / "tongban.db") as db:
        (blob,) = db.execute("SELECT payload FROM cases WHERE number = ?", (digits,)).fetchone()
        spoiled = bytes(blob[:40]) + bytes([blob[40] ^ 0x01]) + bytes(blob[41:])
        db.execute("UPDATE cases SET payload = ? WHERE number = ?", (spoiled, digits))
    db.close()


def test_list_shows_the_readable_cases_and_names_the_damaged_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    first, second, third = (add_case(capsys, data) for _ in range(3))
    damage(data, second)

    code, out, err = run(capsys, data, "cases", "list")
    assert code == 1
    assert first in out and third in out and second not in out
    assert "共 2 件" in out
    assert second in err and "损坏" in err and "damaged" in err and "Traceback" not in err

    code, out, err = run(capsys, data, "cases", "list", "--json")
    assert code == 1
    listed = json.loads(out)
    assert [c["display_number"] for c in listed["cases"]] == [third, first]
    assert listed["damaged"] == [parse_case_number(second).digits]
    assert second in err

    code, out, err = run(capsys, data, "cases", "show", second)  # the damaged one alone: a clear failure
    assert code == 1 and out == "" and "Traceback" not in err


def test_without_damage_json_lists_cases_and_an_empty_damaged_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    code, out, err = run(capsys, data, "cases", "list", "--json")
    assert code == 0 and err == ""
    listed = json.loads(out)
    assert [c["display_number"] for c in listed["cases"]] == [number] and listed["damaged"] == []
