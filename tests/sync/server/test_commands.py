"""``tongban platform`` commands: serve as a subprocess (port 0, SIGTERM, SIGKILL mid-batch), issue-code, cases."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from sync import contract
from sync.server.__main__ import main
from tests.sync.server.platform_kit import (
    AdminView,
    Device,
    admin,
    admin_token,
    case_number,
    digest,
    newborn_case,
    stored_events,
    wire_event,
)

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
SEED = 20261122


@contextmanager
def serving(db: Path, *extra: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """``python -m sync.server serve`` on port 0; yields the process and the URL from its first line."""
    # The log goes to a file: a pipe nobody drains fills up and blocks the server.
    log = db.with_suffix(".log").open("a", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "serve", "--db", str(db), "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        line = proc.stdout.readline() if ready else ""
        assert line.startswith("listening on http://127.0.0.1:"), (line, proc.poll(), _log(db))
        yield proc, line.split()[-1]
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()
        log.close()


def _log(db: Path) -> str:
    return db.with_suffix(".log").read_text(encoding="utf-8")


def _code(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["issue-code", "--db", str(db), "--json"]) == 0
    code: str = json.loads(capsys.readouterr().out)["code"]
    return code


def test_serve_announces_the_real_port_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = tmp_path / "platform.db"
    with serving(db, "--seed", "demo") as (proc, url):
        health = requests.get(url + contract.P_HEALTH, timeout=10).json()
        assert health["status"] == "ok"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        assert proc.stdout is not None and "stopped" in proc.stdout.read()
    assert "Traceback" not in _log(db)


def test_issue_code_and_cases_work_on_the_same_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "platform.db"
    assert main(["platform", "issue-code", "--db", str(db)]) == 0
    plain = capsys.readouterr().out.strip()
    assert len(plain) == 14 and plain.count("-") == 2
    with serving(db, "--dept-delay", "60:60") as (_, url):
        device = Device(url, uuid.uuid4().hex)
        assert device.enroll(plain).status_code == 200
        assert device.enroll(_code(db, capsys), device_no=1).status_code == 200  # a code issued while it runs
        number = case_number(1, 1)
        payload, pages = newborn_case(number, device.device_id)
        device.upload(pages[0])
        assert device.push([wire_event(device.device_id, 1, number, "accepted", payload)]).status_code == 200
        official = _wait_official(AdminView(url, admin_token(db)), number)
    assert main(["platform", "cases", "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["cases"]
    assert [
        (c["case_number"], c["official_number"], c["device_id"], c["events"], c["attachments"], c["status"])
        for c in listed
    ] == [(number, official, device.device_id, 1, 1, "dispatched")]
    assert main(["platform", "cases", "--db", str(db)]) == 0
    assert number in capsys.readouterr().out


def _wait_official(view: AdminView, number: str) -> str:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        cases = admin(view, contract.P_ADMIN_CASES)["cases"]
        official = next((c["official_number"] for c in cases if c["case_number"] == number), None)
        if official:
            return str(official)
        time.sleep(0.05)
    raise AssertionError("no official number")


def test_user_mistakes_exit_2_with_a_chinese_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    cases = [
        ["serve", "--db", db, "--dept-delay", "5:1"],
        ["serve", "--db", db, "--reject-rate", "1.5"],
        ["serve", "--db", db, "--cert", str(tmp_path / "c.pem")],
        ["serve", "--db", db, "--cert", str(tmp_path / "c.pem"), "--key", str(tmp_path / "k.pem")],
        ["serve", "--db", db, "--catalog", str(tmp_path)],
        ["cases", "--db", str(tmp_path / "missing.db")],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("错误：") and "Traceback" not in err, argv
    with pytest.raises(SystemExit) as info:
        main(["serve"])  # --db missing: argparse's usage error, exit 2
    assert info.value.code == 2
    capsys.readouterr()


def test_a_port_in_use_is_an_environment_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(tmp_path / "p.db"), "--port", str(port)]) == 1
    assert "无法监听" in capsys.readouterr().err


def _batches(
    device_id: str, first_seq: int, count: int, size: int, template: dict[str, Any]
) -> list[list[contract.WireEvent]]:
    batches = []
    seq = first_seq
    for _ in range(count):
        batch = []
        for _ in range(size):
            number = case_number(1 + seq // 9999, seq % 9999 + 1)
            batch.append(wire_event(device_id, seq, number, "accepted", {**template, "number": number}))
            seq += 1
        batches.append(batch)
    return batches


@pytest.mark.slow
def test_sigkill_mid_batch_leaves_whole_batches_and_retries_are_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Kill the platform at random moments while batches stream in; restart on the same database.

    Every batch is stored whole or not at all; every batch that was answered is stored (durable
    before answer); re-sending everything yields duplicates with the original receipts for the
    stored ones and stores the rest.
    """
    rng = random.Random(SEED)
    db = tmp_path / "platform.db"
    device = Device("", uuid.uuid4().hex)
    template, pages = newborn_case(case_number(1, 1), device.device_id, deficient=False)
    sent: list[list[contract.WireEvent]] = []  # every batch that went on the wire, by index
    answered: dict[int, dict[str, Any]] = {}
    attempted: set[int] = set()
    for trial in range(3):
        with serving(db, "--dept-delay", "60:60") as (proc, url):
            device.base_url = url
            device.session = requests.Session()
            if trial == 0:
                assert device.enroll(_code(db, capsys)).status_code == 200
                device.upload(pages[0])
            batches = _batches(device.device_id, 1 + len(sent) * 100, 12, 100, template)
            first = len(sent)
            sent.extend(batches)

            def stream(batches: list[list[contract.WireEvent]] = batches, first: int = first) -> None:
                for index, batch in enumerate(batches, start=first):
                    attempted.add(index)
                    try:
                        response = device.push(batch, timeout=30)
                    except requests.RequestException:
                        return  # killed: the connection broke
                    answered[index] = response.json()

            sender = threading.Thread(target=stream, name="test-sender")
            sender.start()
            deadline = time.monotonic() + 10
            while len(answered) <= first and time.monotonic() < deadline:
                time.sleep(0.01)  # at least one batch through, then kill somewhere in the next ones
            time.sleep(rng.uniform(0.0, 0.3))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            sender.join(30)
            assert not sender.is_alive()
            device.session.close()
            del sent[max(attempted) + 1 :]  # never sent: their seqs are free for the next trial

    with serving(db, "--dept-delay", "60:60") as (_, url):
        device.base_url = url
        device.session = requests.Session()
        stored = stored_events(AdminView(url, admin_token(db)), device.device_id)
        for index, batch in enumerate(sent):
            kept = [e["seq"] in stored for e in batch]
            assert all(kept) or not any(kept), f"batch {index} half stored"
            if index in answered:
                assert all(kept), f"batch {index} was answered but is not stored"
                receipts = {r["seq"]: r["receipt"] for r in answered[index]["receipts"]}
                assert receipts == {e["seq"]: stored[e["seq"]]["receipt"] for e in batch}
            # Stored but unanswered (the kill fell between commit and answer): the retry below
            # must call it a duplicate, with the receipt the platform kept.
        for batch in sent:
            before = {e["seq"]: stored.get(e["seq"]) for e in batch}
            retry = device.push(batch, timeout=30).json()
            assert retry["rejected"] == []
            for receipt in retry["receipts"]:
                earlier = before[receipt["seq"]]
                if earlier is None:
                    assert receipt["status"] == "stored"
                else:
                    assert (receipt["status"], receipt["receipt"]) == ("duplicate", earlier["receipt"])
        final = stored_events(AdminView(url, admin_token(db)), device.device_id)
        assert {seq: e["digest"] for seq, e in final.items()} == {
            e["seq"]: digest(e) for b in sent for e in b
        }
        device.session.close()
    assert 3 <= len(answered) < len(sent)  # batches went through, and the kills cut streams short
