"""A demonstration hall in one folder: the reference platform as a child process, simulated devices, enrolled devices.

``tongban demo``, the scripted walk-throughs, the GUI tests and the benchmarks of both GUIs use it;
a window client and a kiosk can enroll side by side on one platform (each with its own data folder
and device number). Nothing here is Qt: it runs before a GUI starts (on the main thread of a
command) or in a test.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from core.clock import Clock, SystemClock
from core.config import CONFIG_NAME, ROLES, DeviceConfig, write_config
from core.durable_files import private_dirs, write_durably
from core.errors import ValidationError
from core.store.store import Store
from sync.enrollment import client_for, enroll
from sync.report import SyncReport
from sync.service import CurrentCatalog, SyncService

logger = logging.getLogger(__name__)

DEMO_STAFF: Final = {
    "window01": "Window01@2026",
    "outreach01": "Outreach01@2026",
    "supervisor01": "Supervisor01@2026",
}
MOTHER_CARD: Final = {
    "label": "申请人 · 居民身份证（演示）",
    "card_type": "resident",
    "name": "林晓雨",
    "sex": "女",
    "nation": "汉",
    "birth_date": "1990-03-07",
    "address": "南京市江宁区东山街道竹山路8号",
    "id_number": "320115199003070043",
    "issuing_authority": "南京市公安局江宁分局",
    "valid_from": "2016-04-02",
    "valid_to": "2036-04-02",
    "fingerprints": 0,
}
# The newborn's father, seeded on the reference platform with his e-licences (sync/server/seed.py:
# 居民身份证 valid to 2038-09-15, the same 户口簿 and 结婚证 as 林晓雨); the kiosk's demo applicant.
FATHER_CARD: Final = {
    "label": "申请人（父亲） · 居民身份证（演示）",
    "card_type": "resident",
    "name": "周建国",
    "sex": "男",
    "nation": "汉",
    "birth_date": "1988-05-12",
    "address": "南京市江宁区东山街道竹山路8号",
    "id_number": "320115198805120036",
    "issuing_authority": "南京市公安局江宁分局",
    "valid_from": "2018-09-15",
    "valid_to": "2038-09-15",
    "fingerprints": 0,
}
CARDS_NAME: Final = "cards-demo-applicant.json"
# Device numbers within the demo region: window clients (and outreach laptops) keep DeviceConfig.demo's 1,
# a kiosk takes 101, so both enroll on one platform (it refuses a second device with the same
# (region_code, device_no): sync/server/auth.py).
KIOSK_DEVICE_NO: Final = 101
_START_TIMEOUT_S: Final = 30.0


class EmbeddedPlatform:
    """The reference platform (``python -m sync.server serve``) as a child process; it can stop and
    start again on the same port (the device stays enrolled with one URL). Lives on its caller's thread."""

    def __init__(
        self,
        workdir: Path,
        *,
        dept_delay: str = "1:4",
        seed_random: int | None = None,
        flavour: str = "tongban",
    ) -> None:
        """``flavour`` "gov-standard" runs the simulated provincial interface instead of the reference
        platform (sync/gov_standard/simulator.py); devices then enrol through the adapter of that name."""
        self.workdir = workdir
        self.flavour = flavour
        self.db = workdir / "platform.db"
        self.log = workdir / "platform.log"
        self.dept_delay = dept_delay
        self.seed_random = seed_random
        self.port = 0
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def adapter(self) -> str:
        """The platform adapter a device uses to reach this platform (sync/adapter.py)."""
        return "gov-standard" if self.flavour == "gov-standard" else "tongban"

    def _command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "sync.server", *args, "--flavour", self.flavour]

    def start(self) -> str:
        """Start serving (first on a free port, later on the same one); returns the URL."""
        private_dirs(self.workdir)
        command = self._command(
            "serve",
            "--db",
            str(self.db),
            "--port",
            str(self.port),
            "--seed",
            "demo",
            "--dept-delay",
            self.dept_delay,
            "--exit-with-stdin",  # a demo, bench or test killed outright takes its platform with it
        )
        if self.seed_random is not None:
            command += ["--seed-random", str(self.seed_random)]
        with self.log.open("ab") as log:
            self._proc = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=_child_env()
            )
        line = self._first_line(_START_TIMEOUT_S)
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the reference platform did not start ({line!r}); see {self.log}")
        self.url = line.removeprefix("listening on ")
        self.port = int(self.url.rsplit(":", 1)[1])
        logger.info("reference platform at %s (database %s)", self.url, self.db)
        return self.url

    def _first_line(self, timeout: float) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        out = self._proc.stdout
        deadline = time.monotonic() + timeout
        data = b""
        with selectors.DefaultSelector() as selector:
            selector.register(out, selectors.EVENT_READ)
            while b"\n" not in data and time.monotonic() < deadline:
                if not selector.select(max(0.0, deadline - time.monotonic())):
                    break
                chunk = os.read(out.fileno(), 4096)
                if not chunk:
                    break
                data += chunk
        return data.split(b"\n", 1)[0].decode("utf-8", "replace").strip()

    def stop(self) -> None:
        """SIGTERM and wait (the platform commits before it answers, so nothing is lost)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()

    def issue_code(self) -> str:
        out = subprocess.run(
            self._command("issue-code", "--db", str(self.db)),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=_child_env(),
        )
        return out.stdout.strip()

    def cases(self) -> list[dict[str, Any]]:
        """What the platform stored (``tongban platform cases --json``): numbers, statuses, counts, matters."""
        out = subprocess.run(
            self._command("cases", "--db", str(self.db), "--json"),
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            env=_child_env(),
        )
        key = "cases" if self.flavour == "tongban" else "records"  # gov-standard: one 办件 record per matter
        cases: list[dict[str, Any]] = json.loads(out.stdout)[key]
        return cases


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return env


def write_cards(path: Path, cards: Sequence[Mapping[str, object]]) -> Path:
    """Write a card file (devices.id_reader.card_file's format) holding ``cards`` in order; returns ``path``.

    A ``sim:`` reader places the first card when it starts; after each read it takes the card away
    and places the next one a few seconds later (devices.manager.SimulatorRack). Tests place one by
    its index (``IdReaderSimulator.place_card(1)``, ``IntakeDriver.place_card(1)``).
    """
    if not cards:
        raise ValueError("a card file needs at least one card")
    private_dirs(path.parent)
    text = json.dumps({"version": 1, "cards": [dict(card) for card in cards]}, ensure_ascii=False, indent=2)
    write_durably(path, (text + "\n").encode("utf-8"))  # 0600: card files hold (made-up) ID data
    return path


def demo_config(
    data_dir: Path,
    *,
    role: str = "window",
    cards: Path | Sequence[Mapping[str, object]] | None = None,
    operator: str | None = None,
    device_no: int | None = None,
) -> DeviceConfig:
    """The demonstration hall's identity (DeviceConfig.demo) with every device simulated, for a
    device of ``role`` (window, outreach or kiosk). enroll_device writes it to the data folder.

    ``cards`` is a card file, or the cards to write into ``data_dir`` (CARDS_NAME) for the ID
    reader; by default a window client or outreach laptop holds the mother's card (林晓雨) and a
    kiosk the father's (周建国) with the mother's next. ``operator`` defaults to the demo staff
    account for the role, and to "kiosk" at a kiosk (citizens serve themselves: nobody logs in).
    ``device_no`` defaults to 1, and to KIOSK_DEVICE_NO at a kiosk.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (one of {', '.join(ROLES)})")
    kiosk = role == "kiosk"
    if cards is None:
        cards = (FATHER_CARD, MOTHER_CARD) if kiosk else (MOTHER_CARD,)
    if not isinstance(cards, Path):
        cards = write_cards(data_dir / CARDS_NAME, cards)
    # A kiosk's reader starts empty and keeps a card until the next is placed: a card lying on it
    # would start a citizen's session by itself (devices.manager.SimulatorRack: card, cycle).
    reader = f"sim:{cards}?card=none&cycle=0" if kiosk else f"sim:{cards}"
    devices = {"id_reader": reader, "printer": "sim", "scanner": "sim", "camera": "sim"}
    if operator is None:
        operator = {"kiosk": "kiosk", "outreach": "outreach01"}.get(role, "window01")
    if device_no is None:
        device_no = KIOSK_DEVICE_NO if kiosk else DeviceConfig.demo().device_no
    return DeviceConfig.demo(role=role, devices=devices, operator=operator, device_no=device_no)


def sandbox_dir(data_dir: Path, *, prefix: str) -> Path:
    """Where a walk-through (``window --offscreen``, ``kiosk --offscreen``) keeps its data.

    ``data_dir`` is the command line's: when it is the default (``$TONGBAN_DATA_DIR`` or the
    user's data directory, core.cli.main.default_data_dir) a new temporary directory; when
    ``--data-dir`` named another, that one. A walk-through enrols its device with an embedded
    platform, so a directory that already holds a device's data (a tongban.toml) and is not a
    demonstration's (no ``platform`` beside it) is refused: its enrolment would be overwritten.
    """
    from core.cli.main import default_data_dir

    if data_dir == default_data_dir():
        return Path(tempfile.mkdtemp(prefix=prefix))
    if data_dir.exists() and not data_dir.is_dir():
        raise ValidationError(
            "--data-dir",
            f"{data_dir} 不是文件夹。请给出演示数据的文件夹（不存在时会自动创建）。",
            f"{data_dir} is not a folder: give a folder for the demonstration's data (created when missing)",
        )
    if (data_dir / CONFIG_NAME).exists() and not (data_dir / "platform").is_dir():
        raise ValidationError(
            "--data-dir",
            f"{data_dir} 里已有本机数据，不是演示数据目录：演示会改写它的平台登记。请换一个新的或空的文件夹。",
            f"{data_dir} holds a device's data and is not a demonstration's: the walk-through would "
            "overwrite its enrolment; give a new or empty folder",
        )
    return data_dir


def enroll_device(
    data_dir: Path, platform: EmbeddedPlatform, config: DeviceConfig, *, clock: Clock | None = None
) -> SyncReport:
    """Enroll with the platform, write the config, and run one sync round (which pulls the staff
    accounts the offline login needs). Returns that round's report."""
    clock = clock or SystemClock()
    adapter = {} if platform.adapter == "tongban" else {"adapter": platform.adapter}
    config = replace(config, platform_url=platform.url, platform=adapter)
    write_config(data_dir / CONFIG_NAME, config)
    with Store.open(data_dir, clock=clock) as store:
        enroll(store, config, clock, platform.url, platform.issue_code())
        with client_for(store) as client:
            report = SyncService(store, client, clock, CurrentCatalog(data_dir), config=config).run_once()
    if not report.ok:
        raise RuntimeError(f"the first sync round failed: {report.error_detail}")
    return report
