"""The departments (各部门) behind the platform, simulated: dispatch, official numbers, per-matter results.

For each stored case: dispatch at once (并联: every matter to its department) and bind an official
case number; then, per matter, after a random delay the department starts (``processing``) and
after another it decides (``done``, or ``rejected`` at the configured rate). 即办件 (``instant``,
sync.server.instant) are taken up and decided in the dispatch transaction itself, never rejected.
A matter that still waits for a 容缺 material bound to it stays ``processing`` until the device
pushes the supplement.
When every matter is final the case completes, or is rejected when every department rejected it
(core.cases.progress: the same rules the device applies). Every change is an update row a device
pulls. Jobs live in the database, so a restarted platform carries on where it stopped.

The simulator's thread only keeps time; the jobs themselves run on the storage worker, in one
transaction per pass with a savepoint per job. Two writers on one SQLite file would contend
through SQLite's busy-wait, which is not fair: a simulator writing back to back could starve
the request handlers. The worker's queue is first-come, first-served (STYLE.md: DB writes on
one store worker).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import secrets
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Final

import sqlite_utils

from core.cases import progress
from core.cases.codec import case_from_dict, case_to_dict
from core.cases.model import Case, CaseStatus, ItemState, MatterStatus
from core.clock import Clock
from core.store.db import write_transaction
from core.validation.organisations import organisation_code_check_char, uscc_check_char
from sync.server.db import advance_counter, canonical_json
from sync.server.instant import instant_result
from sync.server.updates import add_update

logger = logging.getLogger(__name__)

_BATCH: Final = 50  # jobs per pass: one commit, short enough not to hold requests up
_IDLE_POLL_S: Final = 1.0  # also picks up jobs another process (a second server) wrote
_ERROR_BACKOFF_S: Final = 2.0
_FAILED_JOB_RETRY_S: Final = 60.0  # a job that raised (a bug or bad data) is retried, not spun on


def official_number(case: Case, day: datetime, serial: int) -> str:
    """A GB/T 39554.1-style 办件编号: 实施编码 (31) + yyyyMMdd + 4-digit daily serial = 43 characters.

    The 实施编码 is the handling agency's USCC (GB 32100, check characters computed) followed by
    ``YJS`` (一件事), a 3-digit bundle code and 7 zeros; the observed national shape is "USCC +
    13 characters" and "实施编码 + yyyyMMdd + NNNN" (research/domain.md §5.2). Demo values only.
    """
    region = case.number[:6]
    org_body = "0" + region[:6] + "9"
    org = org_body + organisation_code_check_char(org_body)
    first17 = "11" + region + org
    uscc = first17 + uscc_check_char(first17)
    bundle_code = int(hashlib.sha256(case.bundle_id.encode()).hexdigest(), 16) % 1000
    return f"{uscc}YJS{bundle_code:03d}0000000{day:%Y%m%d}{serial:04d}"


class DepartmentSimulator:
    """Keeps the departments' time on its own thread ("platform-departments").

    ``start``/``stop``/``notify`` are called from other threads (the server's lifespan and the
    event loop); ``run_due`` and the steps run on the storage worker thread through ``run``.
    """

    def __init__(
        self,
        run: Callable[[Callable[[sqlite_utils.Database], float]], float],
        clock: Clock,
        *,
        delay: tuple[float, float],
        reject_rate: float,
        seed: int | None,
        instant: frozenset[str] = frozenset(),
    ) -> None:
        self._run_on_worker = run
        self._clock = clock
        self._delay = delay
        self._reject_rate = reject_rate
        self._instant = instant
        # Unseeded runs still draw reproducibly within the process; seeded runs across processes.
        self._seed = seed if seed is not None else secrets.randbits(64)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="platform-departments", daemon=True)
        self._thread.start()

    def notify(self) -> None:
        """New work was committed: look at the jobs now instead of at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the job in hand, then end the thread (a job is one transaction: never half done)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                logger.error("department simulator did not stop within %.0f s", timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                wait = self._run_on_worker(self.run_due)
            except Exception:
                logger.exception("department simulator pass failed; retrying")
                wait = _ERROR_BACKOFF_S
            self._wake.wait(min(wait, _IDLE_POLL_S))

    def run_due(self, db: sqlite_utils.Database) -> float:
        """Run up to a batch of due jobs in one transaction; the seconds until the next is due.

        One commit (one fsync) per pass instead of per job; a job that fails is rolled back to
        its savepoint, logged and pushed back, so it cannot block the others.
        """
        now = self._clock.now().timestamp()
        with write_transaction(db):
            jobs = db.execute(
                "SELECT case_number, matter_id, step FROM dept_jobs WHERE due_at IS NOT NULL AND due_at <= ?"
                " ORDER BY due_at, case_number, matter_id LIMIT ?",
                (now, _BATCH),
            ).fetchall()
            for case_number, matter_id, step in jobs:
                try:
                    with db.atomic():  # a savepoint inside the pass's transaction
                        self._step(db, case_number, matter_id, step)
                except Exception:
                    logger.exception("department job %s/%s failed; retried later", case_number, matter_id)
                    self._schedule(db, case_number, matter_id, step, now + _FAILED_JOB_RETRY_S)
        row = db.execute("SELECT min(due_at) FROM dept_jobs WHERE due_at IS NOT NULL").fetchone()
        if row[0] is None:
            return _IDLE_POLL_S
        return max(0.0, float(row[0]) - self._clock.now().timestamp())

    # -- one job, inside its transaction ------------------------------------------------------

    def _step(self, db: sqlite_utils.Database, number: str, matter_id: str, step: str) -> None:
        row = db.execute("SELECT device_id, doc FROM cases WHERE case_number = ?", (number,)).fetchone()
        if row is None:
            self._drop(db, number, matter_id)
            return
        device_id, case = row[0], case_from_dict(json.loads(row[1]))
        now = self._clock.now()
        at = now.isoformat(timespec="seconds")
        if step == "dispatch":
            self._dispatch(db, device_id, case, now, at)
        elif case.status is not CaseStatus.DISPATCHED:
            self._drop(db, number, matter_id)  # withdrawn or terminated meanwhile: nothing more to do
        elif step == "processing":
            updated = self._take_up(db, device_id, case, matter_id, at)
            if matter_id in self._instant:  # taken up before this platform made it instant: decide now
                self._decide(db, device_id, updated, matter_id, at)
            else:
                self._schedule(
                    db, number, matter_id, "final", now.timestamp() + self._draw(number, matter_id)[1]
                )
        elif step == "final":
            self._decide(db, device_id, case, matter_id, at)
        else:
            logger.error("unknown department step %r for case %s; dropped", step, number)
            self._drop(db, number, matter_id)

    def _dispatch(
        self, db: sqlite_utils.Database, device_id: str, case: Case, now: datetime, at: str
    ) -> None:
        self._drop(db, case.number, "*")
        if case.status not in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT):
            return
        serial = advance_counter(db, f"official_number:{now:%Y%m%d}")
        official = official_number(case, now, serial)
        updated = replace(progress.dispatched(case, at), official_number=official)
        db.execute(
            "UPDATE cases SET official_number = ?, status = ?, doc = ?, updated_at = ? WHERE case_number = ?",
            (official, updated.status.value, canonical_json(case_to_dict(updated)), at, case.number),
        )
        db.execute(
            "UPDATE matters SET status = ?, updated_at = ? WHERE case_number = ? AND status = ?",
            (MatterStatus.DISPATCHED.value, at, case.number, MatterStatus.PENDING.value),
        )
        add_update(db, device_id, case.number, "official_number", at, official_number=official)
        add_update(db, device_id, case.number, "status", at, status=CaseStatus.DISPATCHED.value)
        for matter in case.matters:
            if matter.matter_id in self._instant:
                # 即办件: taken up and decided now, in the dispatch transaction (sync.server.instant).
                updated = self._take_up(db, device_id, updated, matter.matter_id, at)
                updated = self._decide(db, device_id, updated, matter.matter_id, at)
            else:
                first = self._draw(case.number, matter.matter_id)[0]
                self._schedule(db, case.number, matter.matter_id, "processing", now.timestamp() + first)
        logger.debug("case %s dispatched to %d department(s)", case.number, len(case.matters))

    def _take_up(
        self, db: sqlite_utils.Database, device_id: str, case: Case, matter_id: str, at: str
    ) -> Case:
        updated = progress.with_matter_result(
            case, matter_id, MatterStatus.PROCESSING, "部门已受理，正在审查", at
        )
        self._save(db, device_id, case, updated, matter_id, at)
        return updated

    def _decide(self, db: sqlite_utils.Database, device_id: str, case: Case, matter_id: str, at: str) -> Case:
        """The department's decision; a matter still waiting for a 容缺 material waits (no due time)."""
        if self._waiting_for_materials(case, matter_id):
            self._schedule(db, case.number, matter_id, "final", None)
            return case
        instant = matter_id in self._instant
        reject = not instant and self._draw(case.number, matter_id)[2]
        status = MatterStatus.REJECTED if reject else MatterStatus.DONE
        if instant:
            result = instant_result(case.number, matter_id)
        elif reject:
            result = "不予办理：经审查，申请材料不符合法定条件（模拟结果）"
        else:
            result = "准予办理，办理结果已送达（模拟结果）"
        updated = progress.with_matter_result(case, matter_id, status, result, at)
        self._save(db, device_id, case, updated, matter_id, at)
        self._drop(db, case.number, matter_id)
        return updated

    def _save(
        self, db: sqlite_utils.Database, device_id: str, old: Case, new: Case, matter_id: str, at: str
    ) -> None:
        matter = next(m for m in new.matters if m.matter_id == matter_id)
        db.execute(
            "UPDATE cases SET status = ?, doc = ?, updated_at = ? WHERE case_number = ?",
            (new.status.value, canonical_json(case_to_dict(new)), at, new.number),
        )
        db.execute(
            "UPDATE matters SET status = ?, result = ?, updated_at = ? WHERE case_number = ? AND matter_id = ?",
            (matter.status.value, matter.result, at, new.number, matter_id),
        )
        add_update(
            db,
            device_id,
            new.number,
            "matter_result",
            at,
            matter_id=matter_id,
            matter_status=matter.status.value,
            result=matter.result,
        )
        if new.status is not old.status:
            add_update(db, device_id, new.number, "status", at, status=new.status.value)
            logger.debug("case %s %s", new.number, new.status.value)

    def _waiting_for_materials(self, case: Case, matter_id: str) -> bool:
        # 容缺受理: the department may not decide before the deferred material bound to it arrives.
        return any(i.state is ItemState.DEFICIENT and matter_id in i.matters for i in case.items)

    def _draw(self, number: str, matter_id: str) -> tuple[float, float, bool]:
        """(delay to processing, delay to decision, rejected?) — the same every time for one matter."""
        rng = random.Random(f"{self._seed}/{number}/{matter_id}")
        low, high = self._delay
        return rng.uniform(low, high), rng.uniform(low, high), rng.random() < self._reject_rate

    def _schedule(
        self, db: sqlite_utils.Database, number: str, matter_id: str, step: str, due: float | None
    ) -> None:
        """Put the matter's next step in the job table; ``due`` None: it waits for a supplement."""
        db.execute(
            "INSERT INTO dept_jobs (case_number, matter_id, step, due_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (case_number, matter_id) DO UPDATE SET step = excluded.step, due_at = excluded.due_at",
            (number, matter_id, step, due),
        )

    @staticmethod
    def _drop(db: sqlite_utils.Database, number: str, matter_id: str) -> None:
        db.execute("DELETE FROM dept_jobs WHERE case_number = ? AND matter_id = ?", (number, matter_id))
