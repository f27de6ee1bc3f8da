"""Where ``tongban`` logs (the journal under systemd, else DATA_DIR/tongban.log) and that no log
holds personal data, even at DEBUG, through the CLI intake and the window client's whole walk-through."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.assets import assets_dir
from tests.core.cli.cli_kit import identity

EXAMPLE = assets_dir() / "examples" / "newborn-case.json"
TONGBAN = [sys.executable, "-c", "import sys; from core.cli.main import main; sys.exit(main())"]


def tongban(
    *argv: str, env: dict[str, str] | None = None, stderr: object = subprocess.PIPE, timeout: float = 120
):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [*TONGBAN, *argv],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env or _env(),
        timeout=timeout,
        cwd=Path(__file__).resolve().parents[3],
    )


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


@pytest.fixture
def hall(tmp_path: Path) -> Path:
    data = tmp_path / "hall"
    data.mkdir(mode=0o700)
    identity(data / "tongban.toml")
    done = tongban("--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    return data


def test_off_systemd_a_store_gets_an_owner_only_rotating_log_file(hall: Path) -> None:
    done = tongban("--data-dir", str(hall), "cases", "list")
    assert done.returncode == 0 and done.stderr == ""  # the terminal still gets errors only
    log = hall / "tongban.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert "INFO core.store.store: store opened at" in log.read_text(encoding="utf-8")


def test_a_directory_without_a_store_gets_no_log_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir(mode=0o700)
    assert tongban("--data-dir", str(empty), "doctor").returncode == 1
    assert list(empty.iterdir()) == []


def test_under_systemd_records_go_to_the_journal_with_their_priority(hall: Path, tmp_path: Path) -> None:
    (hall / "tongban.log").unlink(missing_ok=True)
    journal = tmp_path / "journal-stream"
    with journal.open("w") as stream:
        st = os.fstat(stream.fileno())
        env = _env(JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
        done = tongban("--data-dir", str(hall), "cases", "list", env=env, stderr=stream)
    assert done.returncode == 0
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert "<6>core.store.store: store opened at " + str(hall) in "\n".join(lines)
    assert all(re.match(r"<[0-7]>", line) for line in lines), lines
    assert not (hall / "tongban.log").exists()  # the journal only


def personal_values() -> set[str]:
    """Every name, ID number, phone, account and address the CLI example and the walk-through use."""
    from services.sandbox import FATHER_CARD, MOTHER_CARD
    from window_client.driver import FATHER_ID, HELPER_ID, NEWBORN_FORM

    example = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    values = {FATHER_ID, HELPER_ID}
    for card in (MOTHER_CARD, FATHER_CARD):
        values |= {str(card["name"]), str(card["id_number"]), str(card["address"])}
    for source in (NEWBORN_FORM, example["form"], example["applicant"]):
        for key, value in source.items():
            if re.search(r"name|id_number|phone|account|address", key) and isinstance(value, str):
                values.add(value)
    values.discard("")
    assert {"林晓雨", "周建国", "320115199003070043", "13912345678"} <= values
    return values


def leaks(text: str, values: set[str]) -> list[str]:
    flat = re.sub(r"\s+", "", text)  # addresses are written with and without spaces
    return sorted(v for v in values if re.sub(r"\s+", "", v) in flat)


def test_no_personal_data_in_the_logs_of_a_cli_intake_and_the_window_walk_through(
    hall: Path, tmp_path: Path
) -> None:
    values = personal_values()
    texts: dict[str, str] = {}
    # the CLI intake and what follows it, at DEBUG
    for argv in (
        ("cases", "add", "--json", str(EXAMPLE)),
        ("cases", "list"),
        ("cases", "list", "--id-number", "320115199003070043"),
        ("doctor",),
    ):
        done = tongban("-v", "--data-dir", str(hall), *argv)
        texts[f"stderr of {' '.join(argv)}"] = done.stderr
    # the window client's whole scripted walk-through (card read, intake, receipt, sync), at DEBUG
    demo = tmp_path / "demo"
    done = tongban(
        "-v",
        "--data-dir",
        str(demo),
        "window",
        "--offscreen",
        "--screenshots",
        str(tmp_path / "shots"),
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "DEBUG" in done.stderr  # the walk-through really logged at DEBUG
    texts["stderr of the walk-through"] = done.stderr
    for folder in (hall, demo):
        for log in folder.rglob("*.log*"):
            texts[str(log)] = log.read_text(encoding="utf-8", errors="replace")
    assert any("store opened" in t for t in texts.values())
    found = {where: leaks(text, values) for where, text in texts.items()}
    assert not {where: hits for where, hits in found.items() if hits}
