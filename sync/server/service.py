"""The platform's parts wired together (composition root): storage worker, uploads, departments, catalog, faults."""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from core.clock import Clock, SystemClock
from sync.server import seed as seeding
from sync.server.attachments import AttachmentStore
from sync.server.calendar import CalendarFeed, load_calendar_feed
from sync.server.catalog import CatalogFeed, load_catalog_feed, remember
from sync.server.config import PlatformConfig
from sync.server.db import admin_token, attachments_dir, platform_id
from sync.server.departments import DepartmentSimulator
from sync.server.faults import ENV_VAR, FaultPlan, parse_env
from sync.server.queue_ledger import HallQueue
from sync.server.ratings import RatingPolicy
from sync.server.worker import StorageWorker

logger = logging.getLogger(__name__)


def _seed(db: sqlite_utils.Database, *, name: str, now: datetime) -> bool:
    return seeding.seed(db, name, now)


@dataclass
class PlatformService:
    """Everything one running platform owns. Built on the thread that starts the server; ``start``
    and ``stop`` run in the ASGI lifespan. The storage worker and the simulator have their own
    threads (see their classes); this object only holds them.
    """

    config: PlatformConfig
    catalog: CatalogFeed
    clock: Clock = field(default_factory=SystemClock)
    seeds: tuple[str, ...] = ()
    faults: FaultPlan | None = None
    platform_id: str = ""
    admin_token: str = ""  # read from the database at start (sync.server.db.admin_token)
    calendar: CalendarFeed = field(default_factory=load_calendar_feed)  # the holiday calendar it serves
    worker: StorageWorker = field(init=False)
    attachments: AttachmentStore = field(init=False)
    departments: DepartmentSimulator = field(init=False)
    queue: HallQueue = field(init=False)  # the hall's 排队叫号 ledger (sync/server/queue_ledger.py)

    def __post_init__(self) -> None:
        cfg = self.config
        self.worker = StorageWorker(cfg.db_path)
        self.attachments = AttachmentStore(attachments_dir(cfg.db_path))
        self.queue = HallQueue()
        self.departments = DepartmentSimulator(
            self.worker.call,
            self.clock,
            delay=cfg.dept_delay,
            reject_rate=cfg.reject_rate,
            seed=cfg.seed,
            instant=cfg.instant_matters,
        )
        if self.faults is None and (cfg.faults_enabled or os.environ.get(ENV_VAR)):
            self.faults = FaultPlan(parse_env(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else [])

    @classmethod
    def build(
        cls, config: PlatformConfig, *, clock: Clock | None = None, seeds: tuple[str, ...] = ()
    ) -> PlatformService:
        """Load and check the catalog and the holiday calendar (core.errors.CatalogError,
        core.calendar.CalendarError if either is broken), then wire the parts."""
        catalog = load_catalog_feed(config.catalog_dir)
        calendar = load_calendar_feed(config.calendar_path)
        return cls(config, catalog, clock or SystemClock(), seeds, calendar=calendar)

    @property
    def rating_policy(self) -> RatingPolicy:
        """How a kiosk 差评 with no case opens its 整改 here (sync.server.ratings)."""
        return RatingPolicy(self.config.bad_rating_follow_up_days, self.calendar.calendar)

    def start(self) -> None:
        self.worker.start()
        try:
            self.attachments.prepare()
            self.worker.call(self.attachments.recover)
            now = self.clock.now()
            self.worker.call(functools.partial(remember, catalog=self.catalog, at=now.isoformat()))
            for name in self.seeds:
                self.worker.call(functools.partial(_seed, name=name, now=now))
            self.platform_id = self.worker.call(platform_id)
            self.admin_token = self.worker.call(admin_token)
            if self.config.departments_enabled:
                self.departments.start()
        except BaseException:
            self.worker.stop()
            raise
        logger.info(
            "platform %s started (catalog %s, holiday calendar %s)",
            self.platform_id,
            self.catalog.version,
            self.calendar.version,
        )

    def stop(self) -> None:
        """Departments first (they may be mid-job), then the storage worker after its queue drains."""
        self.departments.stop()
        self.worker.stop()
        logger.info("platform %s stopped", self.platform_id)
