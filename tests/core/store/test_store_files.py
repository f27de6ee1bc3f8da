"""The data directory on disk: owner-only modes, and a directory we may not write named as the cause."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from core.assets import assets_dir
from core.config import CONFIG_NAME, DeviceConfig, write_config
from core.store.store import Store

if TYPE_CHECKING:
    from conftest import FakeClock

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
NOBODY = 65534
EXAMPLE = assets_dir() / "examples" / "newborn-case.json"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_data_directory_and_database_are_owner_only(data_dir: Path, clock: FakeClock) -> None:
    with Store.open(data_dir, clock=clock):
        assert _mode(data_dir) == 0o700
        names = {p.name: _mode(p) for p in data_dir.iterdir() if p.name.startswith("tongban.db")}
        assert "tongban.db" in names and "tongban.db-wal" in names and "tongban.db-shm" in names
        assert set(names.values()) == {0o600}, names


@posix_only
def test_an_existing_open_directory_and_database_are_tightened_and_logged(
    data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    Store.open(data_dir, clock=clock).close()
    data_dir.chmod(0o755)
    (data_dir / "tongban.db").chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="core.store"), Store.open(data_dir, clock=clock) as store:
        assert store.verify_audit().ok
        assert _mode(data_dir) == 0o700
        for name in ("tongban.db", "tongban.db-wal", "tongban.db-shm"):
            assert _mode(data_dir / name) == 0o600, name
    tightened = [
        r.getMessage() for r in caplog.records if "0700" in r.getMessage() or "0600" in r.getMessage()
    ]
    assert any(str(data_dir) in m and "755" in m for m in tightened), tightened
    assert any("tongban.db" in m and "644" in m for m in tightened), tightened


@posix_only
def test_a_directory_shared_with_other_files_is_not_tightened(
    data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """``--data-dir ~`` must not make a home directory 0700: only the database and keys are ours."""
    data_dir.mkdir()
    (data_dir / "notes.txt").write_text("someone else's file", encoding="utf-8")
    data_dir.chmod(0o755)
    with caplog.at_level(logging.WARNING, logger="core.store"), Store.open(data_dir, clock=clock):
        assert _mode(data_dir) == 0o755
        assert _mode(data_dir / "tongban.db") == 0o600
    assert any("not Tongban's" in r.getMessage() for r in caplog.records)


def _others_can_enter(path: Path) -> bool:
    """Every folder from / down to ``path`` lets other users through (o+x)."""
    return all(p.stat().st_mode & 0o001 for p in [path, *path.parents])


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another (unprivileged) user can reach: tmp_path's parents are root-only.

    As root, the commands run as nobody, who must reach the checkout and its venv too: a clone under a
    0700 folder (``mktemp -d``) keeps nobody out, and the test cannot say anything there."""
    if os.name != "nt" and os.geteuid() == 0:
        for needed in (Path(sys.executable).parent, Path(__file__).resolve().parents[3]):
            if not _others_can_enter(needed):
                pytest.skip(f"{needed} is not reachable by an unprivileged user (a 0700 parent folder)")
    path = Path(tempfile.mkdtemp(prefix="tongban-ro-"))
    path.chmod(0o755)
    yield path
    for p in [path, *path.rglob("*")]:
        if p.is_dir():
            p.chmod(0o700)
    shutil.rmtree(path)


@posix_only
def test_a_read_only_data_directory_names_the_cause(shared_dir: Path) -> None:
    """Staff and operators see which path could not be written, in Chinese and English, not "retry"."""
    data = shared_dir / "data"
    tongban = str(Path(sys.executable).parent / "tongban")
    env = {k: v for k, v in os.environ.items() if k != "TONGBAN_DEVICE_KEY_FILE"}
    write_config(data / CONFIG_NAME, DeviceConfig.demo())
    as_user: list[str] = []
    if os.geteuid() == 0:  # root writes anywhere: run the command as nobody, as a deployment would
        for path in (data, data / CONFIG_NAME):
            os.chown(path, NOBODY, NOBODY)
        as_user = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    first = subprocess.run(
        [*as_user, tongban, "--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    data.chmod(0o500)
    done = subprocess.run(
        [*as_user, tongban, "--data-dir", str(data), "cases", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(data) in done.stderr
    assert "没有权限" in done.stderr and "permission denied" in done.stderr
    assert "请重试" not in done.stderr


_PUT_ATTACHMENT = """
import sys
from pathlib import Path
from core.clock import SystemClock
from core.errors import StoreError
from core.store.store import Store
data = Path(sys.argv[1])
with Store.open(data, clock=SystemClock()) as store:
    (data / "attachments").mkdir(exist_ok=True)
    (data / "attachments").chmod(0o500)
    try:
        store.put_attachment(b"\\xff\\xd8\\xff scan", media_type="image/jpeg")
    except StoreError as exc:
        print(exc.message)
        print(exc.detail)
"""


@posix_only
def test_a_file_we_may_not_write_later_is_named_too(shared_dir: Path) -> None:
    data = shared_dir / "data"
    data.mkdir(mode=0o700)
    as_user: list[str] = []
    if os.geteuid() == 0:
        os.chown(data, NOBODY, NOBODY)
        as_user = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    env = {k: v for k, v in os.environ.items() if k != "TONGBAN_DEVICE_KEY_FILE"}
    done = subprocess.run(
        [*as_user, sys.executable, "-c", _PUT_ATTACHMENT, str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert "没有权限" in done.stdout and "permission denied" in done.stdout
    assert str(data / "attachments") in done.stdout


@posix_only
def test_every_folder_tongban_makes_under_the_data_dir_is_0700_and_every_file_0600(
    tmp_path: Path, clock: FakeClock
) -> None:
    """With the usual umask (022), a data directory whose parents do not exist yet: the store, a
    scan (attachments/<xx>/, attachments/tmp/), the configuration, the key and a pulled calendar."""
    from core.calendar import install_calendar

    data_dir = tmp_path / "var" / "lib" / "tongban"
    old = os.umask(0o022)
    try:
        with Store.open(data_dir, clock=clock) as store:
            store.put_attachment(b"%PDF-1.4 a scanned page", media_type="application/pdf")
        write_config(data_dir / CONFIG_NAME, DeviceConfig(region_code="320115", device_no=1))
        install_calendar(data_dir, (assets_dir() / "calendar" / "cn-holidays.json").read_bytes())
    finally:
        os.umask(old)
    made = [data_dir, *data_dir.rglob("*")]
    folders = {str(p.relative_to(tmp_path)): _mode(p) for p in made if p.is_dir()}
    files = {str(p.relative_to(tmp_path)): _mode(p) for p in made if p.is_file()}
    assert "var/lib/tongban/attachments" in folders and "var/lib/tongban/attachments/tmp" in folders
    assert "var/lib/tongban/calendar" in folders, folders
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files
    # the folders above the data directory that it made too (mkdir -p would make them 0755)
    assert _mode(tmp_path / "var") == _mode(tmp_path / "var" / "lib") == 0o700
