"""``tongban backup`` / ``tongban restore`` on a populated store while another process keeps taking cases.

The writer is a real second process (tests/core/cli/backup_writer.py) committing cases through
the CLI into the same data directory; the backup runs meanwhile; the restore goes to another
directory, as on new hardware, and the restored device must read every case, its scans and its
audit chain, and go on numbering where the original left off.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import pty
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.store.store import Store
from tests.conftest import FakeClock
from tests.core.cli.cli_kit import EXAMPLE, add_case, identity, run

WRITER = Path(__file__).with_name("backup_writer.py")
SCAN = EXAMPLE.parent / "hukou-page.jpg"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def passphrase(tmp_path: Path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text("大厅备份 correct horse\n", encoding="utf-8")
    return path


@pytest.fixture
def hall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "hall"
    data.mkdir(mode=0o700)
    identity(data / "tongban.toml")
    for _ in range(3):
        add_case(capsys, data)
    return data


def plain(number: str) -> str:
    """A case number as stored (the CLI prints it with dashes)."""
    return number.strip().replace("-", "")


class Writer:
    """The second process: one printed line per committed case."""

    def __init__(self, data: Path, stop: Path) -> None:
        self.stop_file = stop
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(data), str(EXAMPLE), str(stop)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.numbers: list[str] = []

    def wait_for(self, count: int) -> None:
        assert self.proc.stdout is not None
        while len(self.numbers) < count:
            line = self.proc.stdout.readline()
            assert line, f"the writer stopped (exit {self.proc.poll()})"
            self.numbers.append(plain(line))

    def finish(self) -> None:
        assert self.proc.stdout is not None
        self.stop_file.touch()
        # read() through the same buffer readline() used (communicate() would skip what it holds)
        rest = self.proc.stdout.read()
        self.proc.stdout.close()
        self.proc.wait(timeout=60)
        self.numbers += [plain(n) for n in rest.split()]
        assert self.proc.returncode == 0


@pytest.fixture
def writer(hall: Path, tmp_path: Path) -> Iterator[Writer]:
    w = Writer(hall, tmp_path / "stop-writing")
    yield w
    if w.proc.poll() is None:
        w.stop_file.touch()
        w.proc.kill()
        w.proc.communicate()
    if w.proc.stdout is not None:
        w.proc.stdout.close()


def backup(
    capsys: pytest.CaptureFixture[str], data: Path, to: Path, passphrase: Path
) -> tuple[int, str, str]:
    return run(capsys, data, "backup", "--to", str(to), "--passphrase-file", str(passphrase))


def restore(
    capsys: pytest.CaptureFixture[str], data: Path, source: Path, passphrase: Path, *extra: str
) -> tuple[int, str, str]:
    return run(capsys, data, "restore", "--from", str(source), "--passphrase-file", str(passphrase), *extra)


def only_backup(folder: Path) -> Path:
    [made] = [p for p in folder.iterdir()]
    return made


def test_backup_while_another_process_writes_then_restore_on_new_hardware(
    hall: Path, writer: Writer, tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(hall, clock=FakeClock()) as store:
        before = {c.number for c in store.list_cases()}
    writer.wait_for(2)  # the writer is committing cases...
    committed_before = before | set(writer.numbers)
    code, out, err = backup(capsys, hall, tmp_path / "usb", passphrase)  # ...while the backup runs
    assert code == 0, err
    assert "已备份到" in out
    writer.wait_for(len(writer.numbers) + 2)  # and it went on after
    writer.finish()
    written = before | set(writer.numbers)

    new = tmp_path / "new-hardware" / "tongban"
    code, out, err = restore(capsys, new, tmp_path / "usb", passphrase)
    assert code == 0, err
    assert "原设备不得再开机受理" in out
    with Store.open(new, clock=FakeClock()) as store:
        damaged: list[str] = []
        restored = {c.number for c in store.list_cases(limit=10_000, damaged=damaged)}
        assert not damaged  # every sealed payload opens with the restored key
        assert committed_before <= restored <= written  # one consistent state, nothing invented
        assert store.verify_audit().ok
        assert store.get_attachment(hashlib.sha256(SCAN.read_bytes()).hexdigest()) == SCAN.read_bytes()
    # it numbers nothing until it knows how far the original had gone (core/store/numbering.py):
    # never enrolled, so the operator answers for it
    code, _, err = run(capsys, new, "cases", "add", "--json", str(EXAMPLE))
    assert code == 1 and "还没有与省级平台核对" in err and "tongban numbering --release" in err
    with Store.open(new, clock=FakeClock()) as store:
        assert {c.number for c in store.list_cases(limit=10_000)} == restored  # nothing half-taken
    code, out, _ = run(capsys, new, "numbering")
    assert code == 1 and "暂停编号" in out
    code, out, _ = run(capsys, new, "doctor", "--json", "--timeout", "1")
    numbering = {c["check"]: c for c in json.loads(out)["checks"]}["numbering"]
    assert numbering["severity"] == "error" and "tongban numbering --release" in numbering["hint"]
    code, out, _ = run(capsys, new, "numbering", "--release")
    assert code == 0 and "已恢复编号" in out
    assert run(capsys, new, "numbering")[0] == 0
    # then it goes on numbering after the last case of the backup (the original's cases after
    # the backup are not in it: hence "原设备不得再开机受理")
    number = plain(add_case(capsys, new))
    assert number not in restored
    assert number[15:19] > max(n[15:19] for n in restored)  # the daily sequence (region, date, device, seq)
    # and the doctor finds it whole
    code, out, _ = run(capsys, new, "doctor", "--json", "--timeout", "1")
    checks = {c["check"]: c["severity"] for c in json.loads(out)["checks"]}
    assert checks["database"] == checks["key"] == checks["data_dir"] == "ok"
    assert "numbering" not in checks


def test_the_backup_holds_the_key_only_sealed_and_owner_only_files(
    hall: Path, tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert backup(capsys, hall, tmp_path / "usb", passphrase)[0] == 0
    made = only_backup(tmp_path / "usb")
    key_text = (hall / "keys" / "device.key").read_text().strip().split(":", 1)[1]
    for path in [made, *made.rglob("*")]:
        assert path.stat().st_mode & 0o077 == 0, path
        if path.is_file():
            assert key_text.encode() not in path.read_bytes(), path
    manifest = json.loads((made / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["key"]["kdf"] == "scrypt" and manifest["store"]["cases"] == 3


def test_a_wrong_passphrase_restores_nothing(
    hall: Path, tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert backup(capsys, hall, tmp_path / "usb", passphrase)[0] == 0
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    code, _, err = restore(capsys, tmp_path / "new", tmp_path / "usb", wrong)
    assert code == 2 and "口令不正确" in err
    assert not (tmp_path / "new").exists()


def test_an_altered_manifest_or_file_is_refused(
    hall: Path, tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert backup(capsys, hall, tmp_path / "usb", passphrase)[0] == 0
    made = only_backup(tmp_path / "usb")
    db = made / "tongban.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x01
    db.write_bytes(bytes(data))
    code, _, err = restore(capsys, tmp_path / "new", made, passphrase)
    assert code == 1 and "备份已损坏" in err and "tongban.db" in err
    assert not (tmp_path / "new" / "tongban.db").exists()
    # the manifest names the damaged file's hash: changing it there too breaks the key's seal
    manifest = json.loads((made / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["tongban.db"]["sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (made / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = restore(capsys, tmp_path / "new", made, passphrase)
    assert code == 2 and "口令不正确（或备份清单被改动过）" in err


def test_restore_never_overwrites_a_store_unless_forced_and_keeps_the_old_one(
    hall: Path, tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert backup(capsys, hall, tmp_path / "usb", passphrase)[0] == 0
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    number = add_case(capsys, other)
    code, _, err = restore(capsys, other, tmp_path / "usb", passphrase)
    assert code == 1 and "--force" in err
    with Store.open(other, clock=FakeClock()) as store:
        assert [c.number for c in store.list_cases()] == [plain(number)]  # untouched
    code, out, err = restore(capsys, other, tmp_path / "usb", passphrase, "--force")
    assert code == 0, err
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("other.replaced-")]
    assert "原有数据已移到" in out and str(aside) in out
    with Store.open(aside, clock=FakeClock()) as store:
        assert [c.number for c in store.list_cases()] == [plain(number)]  # kept, whole
    with Store.open(other, clock=FakeClock()) as store:
        assert len(store.list_cases()) == 3


def test_no_passphrase_no_backup(hall: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, hall, "backup", "--to", str(tmp_path / "usb"))  # stdin is not a terminal
    assert code == 2 and "--passphrase-file" in err
    short = tmp_path / "short"
    short.write_text("1234\n", encoding="utf-8")
    code, _, err = backup(capsys, hall, tmp_path / "usb", short)
    assert code == 2 and "至少 8 个字符" in err
    assert not (tmp_path / "usb").exists() or not any((tmp_path / "usb").iterdir())


def test_nothing_to_back_up(tmp_path: Path, passphrase: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = backup(capsys, tmp_path / "empty", tmp_path / "usb", passphrase)
    assert code == 1 and "没有通办数据库" in err


def _on_a_terminal(argv: list[str], typed: list[str]) -> tuple[int, str]:
    """Run ``tongban ARGV`` with a pseudo-terminal as its controlling terminal, typing ``typed``."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "tongban"), *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        cwd=ROOT,
    )
    os.close(slave)
    output = b""
    for line in typed:
        while b": " not in output.rsplit(b"\n", 1)[-1]:
            output += os.read(master, 1024)
        os.write(master, line.encode() + b"\n")
        output += os.read(master, 1024)
    code = proc.wait(timeout=60)
    try:
        while chunk := os.read(master, 4096):
            output += chunk
    except OSError:
        pass
    os.close(master)
    return code, output.decode("utf-8", "replace")


def test_the_operator_types_the_passphrase_twice(hall: Path, tmp_path: Path) -> None:
    code, text = _on_a_terminal(
        ["--data-dir", str(hall), "backup", "--to", str(tmp_path / "usb")], ["passphrase-1", "passphrase-2"]
    )
    assert code == 2 and "两次输入的口令不一致" in text
    assert "passphrase-1" not in text  # not echoed
    code, text = _on_a_terminal(
        ["--data-dir", str(hall), "backup", "--to", str(tmp_path / "usb")], ["passphrase-1", "passphrase-1"]
    )
    assert code == 0 and "已备份到" in text


def test_migrate_applies_what_is_missing_and_refuses_a_newer_database(
    hall: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    with sqlite3.connect(hall / "tongban.db") as conn:  # the store as the version before m003 left it
        conn.execute("DROP TABLE print_jobs")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_print_jobs'")
    conn.close()
    code, out, _ = run(capsys, hall, "migrate")
    assert code == 0 and "数据库已升级：m003_print_jobs" in out
    code, out, _ = run(capsys, hall, "migrate")
    assert code == 0 and "已是最新版本" in out
    with sqlite3.connect(hall / "tongban.db") as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tongban', 'm999', '')"
        )
    conn.close()
    code, _, err = run(capsys, hall, "migrate")
    assert code == 1 and "更新版本的通办" in err
