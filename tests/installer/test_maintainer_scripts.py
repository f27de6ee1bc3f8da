"""The package's postrm as installer/package/maintainer-scripts.sh makes it, run for real on a real store.

Its paths (/var/lib/tongban, /etc/tongban, /opt/tongban) are pointed into tmp_path in a copy, so a
purge that goes through deletes only the test's folders. The rest of the package (install,
upgrade, remove) is installer/check-package.sh's: it needs a Debian root and minutes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.store.records import AuditEntry
from core.store.store import Store
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name == "nt", reason="Debian maintainer scripts")


@pytest.fixture
def scripts(tmp_path: Path) -> Path:
    out = tmp_path / "DEBIAN"
    subprocess.run(
        ["bash", str(ROOT / "installer/package/maintainer-scripts.sh"), "9.9.9", str(out)],
        check=True,
        timeout=60,
    )
    return out


def _postrm(scripts: Path, tmp_path: Path) -> Path:
    text = (scripts / "postrm").read_text(encoding="utf-8")
    for real, fake in (("/var/lib/tongban", "data"), ("/etc/tongban", "etc"), ("/opt/tongban", "opt")):
        assert real in text
        text = text.replace(real, str(tmp_path / fake))
    copy = tmp_path / "postrm"
    copy.write_text(text, encoding="utf-8")
    return copy


def _run(postrm: Path, tmp_path: Path, *, force: bool = False) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"  # the script calls python3.11, as Debian's package provides it
    bin_dir.mkdir(exist_ok=True)
    if not (bin_dir / "python3.11").exists():
        (bin_dir / "python3.11").symlink_to(sys.executable)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    if force:
        env["TONGBAN_PURGE_FORCE"] = "1"
    return subprocess.run(
        ["sh", str(postrm), "purge"], capture_output=True, text=True, env=env, cwd="/", timeout=60
    )


def test_every_version_placeholder_and_the_outbox_count_are_filled_in(scripts: Path) -> None:
    for name in ("preinst", "postinst", "prerm", "postrm"):
        text = (scripts / name).read_text(encoding="utf-8")
        assert "@" + "VERSION@" not in text and "@" + "UNSENT_PY@" not in text, name
        assert os.access(scripts / name, os.X_OK)
        subprocess.run(["sh", "-n", str(scripts / name)], check=True, timeout=30)
    assert "def count_unsent" in (scripts / "postrm").read_text(encoding="utf-8")
    assert "VERSION=9.9.9" in (scripts / "postinst").read_text(encoding="utf-8")


def test_purge_refuses_while_only_a_kiosk_rating_is_unsent_and_goes_through_once_it_is_sent(
    scripts: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    (tmp_path / "etc").mkdir()
    clock = FakeClock()
    with Store.open(data, clock=clock) as store:
        audit = AuditEntry("kiosk", "kiosk.evaluation", clock.now().isoformat(), None, {"level": 2})
        rating = store.kiosk_ratings.add({"level": 2, "reason": "等候太久"}, audit).id
    postrm = _postrm(scripts, tmp_path)

    done = _run(postrm, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "1 条评价没有上传到省级平台，未删除数据" in done.stderr
    assert "TONGBAN_PURGE_FORCE=1" in done.stderr
    assert (data / "tongban.db").stat().st_size > 0 and (data / "keys" / "device.key").exists()

    with Store.open(data, clock=clock) as store:
        store.kiosk_ratings.mark_sent([rating])
    done = _run(postrm, tmp_path)
    assert done.returncode == 0, done.stderr
    assert not data.exists() and not (tmp_path / "etc").exists()


def test_an_unreadable_database_is_not_taken_for_an_empty_outbox(scripts: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "tongban.db").write_bytes(b"this is not SQLite" * 200)
    postrm = _postrm(scripts, tmp_path)
    done = _run(postrm, tmp_path)
    assert done.returncode == 1 and "无法读取" in done.stderr
    assert (data / "tongban.db").exists()
    done = _run(postrm, tmp_path, force=True)
    assert done.returncode == 0 and not data.exists()
