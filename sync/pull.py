"""Pulling from the platform: case updates by cursor, catalog versions, the holiday calendar, staff accounts.

Each update is applied through CaseService and its cursor advanced in ONE store transaction
(``Store.batch``), so a crash can neither lose an update nor apply it twice; and applying the same
update again changes nothing (the platform may send it again after a lost reply). Changes that
came from the platform are stored already acknowledged: they are never pushed back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Final

from core.calendar import CalendarError, current_calendar, install_calendar, newer
from core.cases.model import CaseStatus, MatterStatus
from core.cases.service import CaseService
from core.errors import CatalogError, LifecycleError, NotFoundError, ValidationError
from core.store.store import Store
from core.store.sync_state import StaffRecord, SyncStage
from sync import contract
from sync.adapter import Capability, PlatformAdapter
from sync.catalog_update import current_version, install_catalog
from sync.report import RoundTally

logger = logging.getLogger(__name__)

UPDATES_CURSOR: Final = "updates"
STAFF_CURSOR: Final = "staff"
MAX_PAGES: Final = 50  # per round: a device far behind catches up over several rounds, not in one


def update_receipt(update: contract.Update) -> str:
    """The acknowledgement stored on an event made from a pulled update (it names the update)."""
    return f"platform-update:{update['cursor']}"


class Puller:
    """One pull stage of one round; lives on the sync worker thread with that thread's Store."""

    def __init__(
        self,
        store: Store,
        client: PlatformAdapter,
        tally: RoundTally,
        cases: CaseService,
        *,
        data_dir: Path | None = None,
        bundled_catalog_version: Callable[[], str] | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._tally = tally
        self._cases = cases
        self._data_dir = data_dir
        self._bundled_version = bundled_catalog_version

    def run(self) -> None:
        self._store.sync.set_stage(SyncStage.PULLING)
        self.pull_updates()
        offers = self._client.capabilities  # a platform without our catalog, calendar or staff
        if self._data_dir is not None and self._bundled_version is not None and Capability.CATALOG in offers:
            self.pull_catalog(self._data_dir, self._bundled_version())
        if self._data_dir is not None and Capability.CALENDAR in offers:
            self.pull_calendar(self._data_dir)
        if Capability.STAFF in offers:
            self.pull_staff()

    # -- case updates ------------------------------------------------------------------------

    def pull_updates(self) -> None:
        cursor = self._store.sync.cursor(UPDATES_CURSOR)
        for _ in range(MAX_PAGES):
            page = self._client.updates(cursor)
            asked = cursor
            # One transaction a page (each update a savepoint inside it): a crash still loses or
            # repeats nothing, and a page of updates costs one commit instead of one each.
            with self._store.batch():
                for update in page["updates"]:
                    if update["cursor"] <= cursor:
                        continue  # a page replayed after a lost reply: already applied
                    self._tally.pulled_updates += 1
                    self._apply(update)
                    cursor = update["cursor"]
            if page["next_cursor"] > cursor:
                self._store.sync.advance_cursor(UPDATES_CURSOR, page["next_cursor"])
                cursor = page["next_cursor"]
            if cursor <= asked:  # nothing new: caught up (or a platform replaying old pages)
                return

    def _apply(self, update: contract.Update) -> None:
        number = update["case_number"]
        try:
            with self._store.batch():
                changed = self._apply_one(update)
                self._store.sync.advance_cursor(UPDATES_CURSOR, update["cursor"])
        except (LifecycleError, ValidationError, NotFoundError, ValueError, KeyError) as exc:
            # One update that cannot apply must not block every later one: record it, move on.
            detail = getattr(exc, "detail", repr(exc))
            logger.warning(
                "update %d (%s) for case %s not applied: %s", update["cursor"], update["type"], number, detail
            )
            self._tally.problems.append(f"办件 {number}：平台下发的“{update['type']}”未能应用：{exc}")
            self._store.sync.advance_cursor(UPDATES_CURSOR, update["cursor"])
            return
        if changed:
            self._tally.applied_updates += 1

    def _apply_one(self, update: contract.Update) -> bool:
        """Apply one update; whether it changed the case (a repeat does not)."""
        number = update["case_number"]
        kind = update["type"]
        receipt = update_receipt(update)
        before = self._store.get_case(number).version
        if kind == "status":
            self._cases.apply_platform_status(
                number, CaseStatus(update["status"]), receipt, update.get("message", "")
            )
        elif kind == "matter_result":
            self._cases.record_matter_result(
                number,
                update["matter_id"],
                MatterStatus(update["matter_status"]),
                update.get("result", ""),
                receipt=receipt,
            )
        elif kind == "official_number":
            official = update["official_number"]
            self._check_official_free(number, official)
            self._cases.bind_official_number(number, official, receipt)
        elif kind == "rework":
            self._cases.mark_rework(number, update.get("message", ""), update.get("catalog_version", ""))
        else:  # a newer platform's update type: skip it, do not stall on it
            logger.info("update %d has unknown type %r; skipped", update["cursor"], kind)
            return False
        return self._store.get_case(number).version != before

    def _check_official_free(self, number: str, official: str) -> None:
        try:
            holder = self._store.get_case(official)
        except NotFoundError:
            return
        if holder.number != number:
            raise ValidationError(
                "official_number",
                f"统一办件编号 {official} 已绑定在办件 {holder.number} 上",
                f"official number already bound to case {holder.number}",
            )

    # -- catalog -----------------------------------------------------------------------------

    def pull_catalog(self, data_dir: Path, bundled_version: str) -> None:
        have = current_version(data_dir, bundled_version)
        reply = self._client.catalog(have)
        if reply is None or reply["version"] == have:
            return
        try:
            try:
                self._tally.catalog_version = install_catalog(data_dir, reply)
            except CatalogError as exc:
                if reply["base"] is None:
                    raise
                # A delta this device cannot apply (its copy differs): ask for the whole feed once.
                logger.warning(
                    "catalog delta %s → %s not applied (%s); pulling it whole",
                    have,
                    reply["version"],
                    exc.problems[0],
                )
                whole = self._client.catalog(None)
                if whole is None:
                    raise
                reply = whole
                self._tally.catalog_version = install_catalog(data_dir, reply)
        except CatalogError as exc:
            logger.error(
                "catalog %s from the platform not installed: %d problem(s)",
                reply["version"],
                len(exc.problems),
            )
            self._tally.problems.append(
                f"平台下发的事项目录 {reply['version'][:40]} 校验未通过，继续使用目录 {have}（{exc.problems[0][:120]}）"
            )

    # -- holiday calendar --------------------------------------------------------------------

    def pull_calendar(self, data_dir: Path) -> None:
        """Install the platform's holiday calendar when it is newer than the one this device uses
        (core/calendar.py); the device's limits count on it from its next start."""
        have = current_calendar(data_dir).version
        reply = self._client.calendar(have)
        if reply is None or not newer(reply["version"], have):
            return
        try:
            data = json.dumps(reply["calendar"], ensure_ascii=False, indent=1).encode("utf-8")
            installed = install_calendar(data_dir, data, reply["version"])
        except CalendarError as exc:
            logger.error(
                "holiday calendar %s from the platform not installed: %s",
                reply["version"][:40],
                exc.problems[0],
            )
            self._tally.problems.append(
                f"平台下发的节假日安排 {reply['version'][:40]} 校验未通过，继续使用 {have}（{exc.problems[0][:120]}）"
            )
            return
        logger.info(
            "holiday calendar %s pulled (covers %d–%d)",
            installed.version,
            installed.years[0],
            installed.last_year,
        )

    # -- staff accounts ----------------------------------------------------------------------

    def pull_staff(self) -> None:
        cursor = self._store.sync.cursor(STAFF_CURSOR)
        for _ in range(MAX_PAGES):
            page = self._client.staff(cursor)
            accounts = [
                StaffRecord(a["staff_id"], a["name"], a["role"], a["password_hash"], a["active"], a["cursor"])
                for a in page["accounts"]
            ]
            with self._store.batch():
                self._store.sync.upsert_staff(accounts)
                self._store.sync.advance_cursor(STAFF_CURSOR, page["next_cursor"])
            self._tally.staff_accounts += len(accounts)
            if not accounts or page["next_cursor"] <= cursor:
                return
            cursor = page["next_cursor"]
