"""A case whose applicant identified with a foreign passport reaches the reference platform with
the document type, number and nationality (the case payload, core.cases.codec)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from core.assets import assets_dir
from sync.server.__main__ import main as platform_main
from tests.core.cli.cli_kit import identity
from tests.sync.client.cli_main import run
from tests.sync.server.platform_kit import Factory, new_code

PASSPORT_EXAMPLE = assets_dir() / "examples" / "passport-case.json"


def test_the_platform_stores_the_passport_holders_document(
    platform_factory: Factory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    platform = platform_factory()
    data = tmp_path / "window"
    identity(data / "tongban.toml")
    assert run(["--data-dir", str(data), "cases", "add", "--json", str(PASSPORT_EXAMPLE)]) == 0
    number = capsys.readouterr().out.splitlines()[0].replace("-", "")
    enroll = [
        "sync",
        "enroll",
        "--platform",
        platform.url,
        "--code",
        new_code(platform),
        "--region",
        "320115",
    ]
    assert run(["--data-dir", str(data), *enroll]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(data), "sync", "once", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["acked"] == 1

    db_path = platform.platform.config.db_path
    assert platform_main(["cases", "--db", str(db_path), "--json"]) == 0
    (case,) = json.loads(capsys.readouterr().out)["cases"]
    assert (case["case_number"], case["id_kind"], case["nationality"]) == (number, "foreign_passport", "DEU")
    assert platform_main(["cases", "--db", str(db_path)]) == 0
    assert "证件 foreign_passport" in capsys.readouterr().out
    db = sqlite3.connect(db_path)
    try:
        (doc,) = db.execute("SELECT doc FROM cases WHERE case_number = ?", (number,)).fetchone()
    finally:
        db.close()
    applicant = json.loads(doc)["applicant"]
    assert {k: applicant[k] for k in ("id_kind", "id_number", "nationality", "residence_permit", "sex")} == {
        "id_kind": "foreign_passport",
        "id_number": "E1234567A",
        "nationality": "DEU",
        "residence_permit": "Y12345678",
        "sex": "女",
    }
    assert (applicant["name"], applicant["latin_name"], applicant["birth_date"]) == (
        "安娜",
        "ANNA SCHMIDT",
        "1990-03-07",
    )
