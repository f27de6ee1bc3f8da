"""Case operations with durable effects: intake, refusal (补正告知, 不予受理), supplement, 核查 of a
告知承诺, evaluate (and a 差评's follow-up), withdraw, terminate, reveal.

Every change is one store transaction holding the new case state, its append-only event (the
outbox row sync will push) and an audit entry; it returns only after the commit (DESIGN.md:
commit before acknowledge). A CaseService lives on one thread, with that thread's Store.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Concatenate, ParamSpec, TypeVar

from core.case_numbers import CaseNumber, counter_scope, is_receipt_qr_payload, parse_case_number
from core.cases import progress
from core.cases.codec import case_from_dict, case_to_dict, evaluation_to_dict, item_to_dict
from core.cases.commitments import check_credit, checked, with_checks
from core.cases.intake import IntakeContext, IntakeRequest, MaterialInput, build_case, page_digest, pages_of
from core.cases.lifecycle import check_move
from core.cases.model import (
    Case,
    CaseStatus,
    CheckOutcome,
    CreditStanding,
    Evaluation,
    EventKind,
    ItemState,
    MatterStatus,
)
from core.cases.ratings import (
    AppealOutcome,
    FollowUp,
    RatingChannel,
    RatingStage,
    check_rating,
    default_stage,
    followed_up,
    rectification_for,
)
from core.cases.refusal import RefusalRequest, build_refusal
from core.cases.special_procedures import ProcedureKind, SpecialProcedure, ended, procedure_to_dict, started
from core.catalog.model import Catalog
from core.clock import Clock
from core.config import DeviceConfig
from core.errors import LifecycleError, ValidationError
from core.masking import mask_id_number
from core.rules.deficiency import department_days
from core.store.records import AuditEntry, CaseRecord, NewEvent
from core.store.store import Store
from core.validation.scans import scan_kind, sniff_media_type

logger = logging.getLogger(__name__)

CHECK_ONLY_NUMBER = "0" * 20  # stands in for a case number while rules are only checked


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """Filters for finding cases; ``id_number`` and ``name`` are matched through keyed hashes."""

    status: CaseStatus | None = None
    id_number: str | None = None
    name: str | None = None
    bundle_id: str | None = None
    deadline_before: date | None = None
    limit: int = 200


P = ParamSpec("P")
R = TypeVar("R")


def _atomic(method: Callable[Concatenate[CaseService, P], R]) -> Callable[Concatenate[CaseService, P], R]:
    """Read the case and write its change in one write transaction (the store's ``batch``). Without it
    another connection — the sync worker applying a department's result — could commit between the
    read and the write, and a citizen's rating failed as "已被他人修改" (seen under load)."""

    def run(self: CaseService, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._store.batch():
            return method(self, *args, **kwargs)

    functools.update_wrapper(run, method)
    return run


class CaseService:
    """Takes and changes cases for one operator on one device (lives on its caller's thread)."""

    def __init__(
        self, catalog: Catalog, store: Store, clock: Clock, config: DeviceConfig, operator: str
    ) -> None:
        self._catalog = catalog
        self._store = store
        self._clock = clock
        self._config = config
        self._operator = operator

    # -- reading -----------------------------------------------------------------------------

    def get(self, number: str) -> Case:
        """A case by its local number (any readable form) or its official number."""
        return case_from_dict(self._store.get_case(self._normalise(number)).payload)

    def find(self, query: CaseQuery, *, damaged: list[str] | None = None) -> list[Case]:
        """Cases matching ``query``, newest first. One case that cannot be read (its row damaged)
        fails the whole look-up, unless ``damaged`` is given: then its number is appended there."""
        record_list = self._store.list_cases(
            status=query.status.value if query.status else None,
            person_hash=self._store.person_hash(query.id_number) if query.id_number else None,
            name_hash=self._store.name_hash(query.name) if query.name else None,
            bundle_id=query.bundle_id,
            deadline_before=query.deadline_before.isoformat() if query.deadline_before else None,
            limit=query.limit,
            damaged=damaged,
        )
        cases = []
        for record in record_list:
            try:
                cases.append(case_from_dict(record.payload))
            except (KeyError, TypeError, ValueError) as exc:  # opened, but not a case we can read
                if damaged is None:
                    raise
                logger.error(
                    "case %s has an unreadable payload: %s: %s", record.number, type(exc).__name__, exc
                )
                damaged.append(record.number)
        return cases

    def earlier_form_values(self, id_number: str) -> dict[str, str | int]:
        """Form values from this person's earlier cases, newest winning, to pre-fill a new form."""
        values: dict[str, str | int] = {}
        for case in reversed(self.find(CaseQuery(id_number=id_number, limit=20))):
            values.update(case.form)
        return values

    def reveal(self, number: str, purpose: str) -> Case:
        """The case with its full ID number for staff who must verify it; the look is audited."""
        case = self.get(number)
        self._store.append_audit(
            AuditEntry(self._operator, "case.reveal", self._stamp(), case.number, {"purpose": purpose})
        )
        return case

    # -- changing ----------------------------------------------------------------------------

    def check(self, request: IntakeRequest, *, credit: CreditStanding = CreditStanding.UNKNOWN) -> Case:
        """Apply every intake rule without storing anything: the case ``accept`` would build."""
        return self._build(request, CHECK_ONLY_NUMBER, credit)

    def accept(self, request: IntakeRequest, *, credit: CreditStanding = CreditStanding.UNKNOWN) -> Case:
        """Validate and commit a new case; returns it once it is durable. ValidationError otherwise.

        ``credit`` is the applicant's standing as the platform answered (UNKNOWN offline): a 失信
        applicant may use neither 告知承诺 nor 容缺 (core.cases.commitments).
        """
        self.check(request, credit=credit)  # refuse before a case number is spent
        _check_scans(request.materials)
        number = self._next_number(self._clock.now().date())
        case = self._build(request, number.digits, credit)
        for page in pages_of(request):
            self._store.put_attachment(page, media_type=_media_type(page))
        event = self._event(case, EventKind.ACCEPTED, case_to_dict(case))
        audit = self._audit(case, "case.accept", {"bundle": case.bundle_id, "status": case.status.value})
        self._store.add_case(self._record(case), [event], audit)
        logger.info("case %s accepted (%s, %s)", case.number, case.bundle_id, case.status.value)
        return case

    def refuse(self, request: RefusalRequest) -> Case:
        """Record an application not accepted (补正告知 or 不予受理) under a new number; returns the
        record once durable (its notice is printed like a receipt: core.printing). It keeps no
        scanned page (core/cases/refusal.py) and is never dispatched."""
        build_refusal(self._catalog, request, self._context(CHECK_ONLY_NUMBER))  # before a number is spent
        number = self._next_number(self._clock.now().date())
        case = build_refusal(self._catalog, request, self._context(number.digits))
        event = self._event(case, EventKind.NOT_ACCEPTED, case_to_dict(case))
        assert case.refusal is not None
        detail = {"bundle": case.bundle_id, "kind": case.refusal.kind.value, "status": case.status.value}
        self._store.add_case(self._record(case), [event], self._audit(case, "case.refuse", detail))
        logger.info("case %s not accepted (%s, %s)", case.number, case.bundle_id, case.refusal.kind.value)
        return case

    @_atomic
    def record_check(self, number: str, material_id: str, outcome: CheckOutcome, note: str = "") -> Case:
        """Record the 核查 of a 告知承诺 (事中事后核查): 属实 or 不实 (with what was found)."""
        case = self.get(number)
        updated, item = checked(case, material_id, outcome, note, self._stamp(), self._operator)
        body = {"items": [item_to_dict(item)], "outcome": outcome.value}
        return self._commit(
            case,
            self._bump(updated),
            EventKind.COMMITMENT_CHECKED,
            body,
            "case.commitment_check",
            {"material": material_id, "outcome": outcome.value},
        )

    @_atomic
    def start_procedure(
        self,
        number: str,
        kind: ProcedureKind,
        reason: str,
        *,
        matter_id: str | None = None,
        expected_days: int | None = None,
    ) -> Case:
        """Start a 特别程序 (行政许可法 §45) on one matter or the whole case: its clock pauses, and the
        due date moves on by the expected days until it ends (core/cases/special_procedures.py)."""
        case = self.get(number)
        calendar = self._config.working_calendar
        updated, procedure = started(
            case,
            kind,
            reason,
            matter_id=matter_id,
            expected_days=expected_days,
            today=self._clock.now().date(),
            at=self._stamp(),
            by=self._operator,
            holidays=calendar.holidays,
            workdays=calendar.workdays,
        )
        return self._procedure_event(
            case, updated, procedure, EventKind.PROCEDURE_STARTED, "case.procedure_start"
        )

    @_atomic
    def end_procedure(self, number: str, *, matter_id: str | None = None, note: str = "") -> Case:
        """End the open 特别程序 (on ``matter_id``, or the only one open) today: the due date moves on by
        the working days it took."""
        case = self.get(number)
        calendar = self._config.working_calendar
        updated, procedure = ended(
            case,
            matter_id=matter_id,
            today=self._clock.now().date(),
            at=self._stamp(),
            by=self._operator,
            note=note,
            holidays=calendar.holidays,
            workdays=calendar.workdays,
        )
        return self._procedure_event(
            case, updated, procedure, EventKind.PROCEDURE_ENDED, "case.procedure_end"
        )

    @_atomic
    def supplement(
        self, number: str, material_ids: Sequence[str], pages: Mapping[str, Sequence[bytes]] | None = None
    ) -> Case:
        """Record that deficient (容缺) materials were supplied; all supplied → status accepted."""
        case = self.get(number)
        if case.status.final:
            raise LifecycleError(
                f"办件当前状态为“{case.status.label}”，不能再补充材料。", f"case is {case.status.value}"
            )
        if not material_ids:
            raise ValidationError("materials", "请指定要补齐的材料")
        pages = pages or {}
        now = self._stamp()
        items = list(case.items)
        changed = []
        for material_id in material_ids:
            try:
                index = next(i for i, it in enumerate(items) if it.material_id == material_id)
            except StopIteration:
                names = "、".join(f"{i.material_id}（{i.name}）" for i in case.deficient_items) or "无"
                raise ValidationError(
                    f"materials.{material_id}", f"本办件没有材料“{material_id}”。待补材料：{names}"
                ) from None
            item = items[index]
            if item.state is not ItemState.DEFICIENT:
                raise ValidationError(f"materials.{material_id}", f"材料“{item.name}”不是容缺待补材料")
            scans = tuple(pages.get(material_id, ()))
            _check_pages(material_id, scans)
            for page in scans:
                self._store.put_attachment(page, media_type=_media_type(page))
            items[index] = replace(
                item,
                state=ItemState.SCANNED if scans else ItemState.PAPER,
                attachments=tuple(page_digest(p) for p in scans),
                deadline=None,
                supplemented_at=now,
            )
            changed.append(items[index])
        status = case.status
        if status is CaseStatus.ACCEPTED_DEFICIENT and not any(i.state is ItemState.DEFICIENT for i in items):
            check_move(status, CaseStatus.ACCEPTED)
            status = CaseStatus.ACCEPTED
        updated = self._bump(case, items=tuple(items), status=status)
        body: dict[str, Any] = {"items": [item_to_dict(i) for i in changed], "status": status.value}
        detail: dict[str, Any] = {"materials": list(material_ids)}
        due = updated.due_date
        if (
            due is not None
        ):  # the clock ran from acceptance: what the department has left (core/rules/deficiency.py)
            calendar = self._config.working_calendar
            left = department_days(self._clock.now().date(), due, calendar.holidays, calendar.workdays)
            body["department_days"] = detail["department_days"] = left
        return self._commit(case, updated, EventKind.SUPPLEMENTED, body, "case.supplement", detail)

    @_atomic
    def evaluate(
        self,
        number: str,
        level: int,
        reason: str = "",
        *,
        stage: RatingStage | None = None,
        channel: RatingChannel = RatingChannel.WINDOW,
        categories: Sequence[str] = (),
        helper_present: bool = False,
    ) -> Case:
        """Record the applicant's 好差评 rating (core/cases/ratings.py): one at intake (一次一评) and one
        after the decision (一事一评; ``stage`` None: whichever the case's status calls for). A bad
        rating (1–2) needs a reason and opens its 整改, due ``bad_rating_follow_up_days`` working days on."""
        case = self.get(number)
        stage = default_stage(case) if stage is None else stage
        check_rating(case, level, reason, stage, categories)
        now = self._clock.now()
        calendar = self._config.working_calendar
        fix = rectification_for(
            level, now.date(), self._config.bad_rating_follow_up_days, calendar.holidays, calendar.workdays
        )
        evaluation = Evaluation(
            level=level,
            reason=reason.strip(),
            at=self._stamp(),
            stage=stage,
            channel=channel,
            categories=tuple(dict.fromkeys(categories)),
            # A 帮办代办 case is rated at intake with its helper there (the authorisation says so).
            helper_present=helper_present or (stage is RatingStage.INTAKE and case.proxy is not None),
            rectification=fix,
        )
        updated = self._bump(case, evaluations=(*case.evaluations, evaluation))
        body = {
            **evaluation_to_dict(evaluation),
            "label": evaluation.label,
            "follow_up": evaluation.follow_up,
        }
        detail = {"level": level, "stage": stage.value, "channel": channel.value}
        return self._commit(case, updated, EventKind.EVALUATED, body, "case.evaluate", detail)

    @_atomic
    def follow_up(
        self,
        number: str,
        action: FollowUp,
        text: str,
        *,
        stage: RatingStage | None = None,
        visit_on: date | None = None,
        outcome: AppealOutcome | None = None,
        staff: str = "",
    ) -> Case:
        """Record a bad rating's 整改结果, 回访 (``visit_on``, by ``staff`` or this operator) or 申诉复核
        (``outcome``)."""
        case = self.get(number)
        updated, rating = followed_up(
            case,
            stage,
            action,
            text=text,
            at=self._stamp(),
            by=staff.strip() or self._operator,
            visit_on=visit_on,
            outcome=outcome,
        )
        body = {"action": action.value, "evaluation": evaluation_to_dict(rating)}
        detail = {"action": action.value, "stage": rating.stage.value}
        return self._commit(
            case, self._bump(updated), EventKind.RATING_FOLLOWED_UP, body, "case.rating_follow_up", detail
        )

    @_atomic
    def dispatch(self, number: str, *, receipt: str | None = None) -> Case:
        """Send the case to every department at once (并联); usually the platform does this.

        ``receipt``: the change came from the platform (a pulled update), so its event is stored
        already acknowledged instead of being pushed back.
        """
        case = self.get(number)
        updated = progress.dispatched(self._bump(case), self._stamp())
        return self._commit(
            case,
            updated,
            EventKind.DISPATCHED,
            {"status": updated.status.value},
            "case.dispatch",
            {},
            receipt=receipt,
        )

    @_atomic
    def record_matter_result(
        self,
        number: str,
        matter_id: str,
        status: MatterStatus,
        result: str = "",
        *,
        receipt: str | None = None,
    ) -> Case:
        """A department's result for one matter (pulled from the platform); the last one settles the case.

        ``receipt`` as for :meth:`dispatch`.
        """
        case = self.get(number)
        known = next((m for m in case.matters if m.matter_id == matter_id), None)
        if known is not None and known.status is status and known.result == result:
            return case  # a repeated delivery changes nothing, even once the case has settled
        updated = progress.with_matter_result(case, matter_id, status, result, self._stamp())
        if updated == case:
            return case
        updated = self._bump(updated)
        kind = {
            CaseStatus.COMPLETED: EventKind.COMPLETED,
            CaseStatus.REJECTED: EventKind.REJECTED,
        }.get(updated.status, EventKind.MATTER_RESULT)
        body = {
            "matter": matter_id,
            "matter_status": status.value,
            "result": result,
            "status": updated.status.value,
        }
        return self._commit(
            case, updated, kind, body, "case.matter_result", {"matter": matter_id}, receipt=receipt
        )

    # -- changes that come from the platform (pulled by sync; stored already acknowledged) -----

    @_atomic
    def apply_platform_status(self, number: str, status: CaseStatus, receipt: str, reason: str = "") -> Case:
        """A status the platform set; a repeated delivery changes nothing (sync pulls at least once)."""
        case = self.get(number)
        if case.status is status or (status is CaseStatus.DISPATCHED and case.status in _DECIDED):
            return case  # a repeat, or a dispatch the results already implied
        kind = _PLATFORM_KINDS.get(status)
        if kind is None:
            raise ValidationError("status", f"平台下发的状态“{status.label}”不能用于已受理的办件")
        at = self._stamp()
        current = case
        if status in (CaseStatus.COMPLETED, CaseStatus.REJECTED) and case.status in _NOT_YET_DISPATCHED:
            current = progress.dispatched(case, at)  # the platform dispatched it before deciding
        if status is CaseStatus.DISPATCHED:
            updated = progress.dispatched(case, at)
        else:
            check_move(current.status, status)
            history = (
                (*current.history, f"{status.label}：{reason.strip()}") if reason.strip() else current.history
            )
            updated = replace(current, status=status, status_changed_at=at, history=history)
        body = {"status": status.value, "reason": reason.strip(), "source": "platform"}
        return self._commit(
            case, self._bump(updated), kind, body, "case.platform_status", {}, receipt=receipt
        )

    @_atomic
    def bind_official_number(self, number: str, official: str, receipt: str) -> Case:
        """The platform's official number (统一办件编号) for a local case; both stay searchable."""
        case = self.get(number)
        if case.official_number == official:
            self._store.bind_official_number(case.number, official)  # the index too, if a crash cut it
            return case
        if case.official_number is not None:
            raise LifecycleError(
                f"办件已绑定统一办件编号 {case.official_number}，不能改为 {official}。",
                f"case {case.number} already has an official number",
            )
        updated = self._bump(case, official_number=official)
        with self._store.batch():  # the searchable index and the case state together
            self._store.bind_official_number(case.number, official)
            return self._commit(
                case,
                updated,
                EventKind.OFFICIAL_NUMBER_BOUND,
                {"official_number": official},
                "case.official_number",
                {},
                receipt=receipt,
            )

    @_atomic
    def mark_rework(self, number: str, message: str, catalog_version: str) -> Case:
        """The platform sent the case back (退回重办) under a newer catalog: a visible flag and a
        line in its history for staff, not a sync failure. Repeats change nothing."""
        case = self.get(number)
        line = f"退回重办：{message.strip()}（须按目录 {catalog_version} 重新核验）"
        with self._store.batch():
            self._store.sync.flag_rework(case.number, catalog_version, message.strip(), self._stamp())
            if line in case.history:
                return case
            updated = self._bump(case, history=(*case.history, line))
            audit = self._audit(updated, "case.rework", {"catalog_version": catalog_version})
            self._store.update_case(self._record(updated), [], audit, expected_version=case.version)
        return updated

    def withdraw(self, number: str, reason: str) -> Case:
        return self._move(number, CaseStatus.WITHDRAWN, EventKind.WITHDRAWN, reason, "case.withdraw")

    def terminate_overdue(self, today: date | None = None) -> list[Case]:
        """Terminate every case whose 容缺 deadline has passed with materials still missing."""
        today = today or self._clock.now().date()
        done = []
        for record in self._store.list_cases(deadline_before=today.isoformat(), limit=10_000):
            case = case_from_dict(record.payload)
            deadline = case.deficiency_deadline
            if deadline is None or deadline >= today or case.status.final:
                continue
            reason = f"容缺材料逾期未补齐（期限 {deadline.isoformat()}）"
            done.append(
                self._move(case.number, CaseStatus.TERMINATED, EventKind.TERMINATED, reason, "case.terminate")
            )
        return done

    # -- internals ---------------------------------------------------------------------------

    @_atomic
    def _move(self, number: str, target: CaseStatus, kind: EventKind, reason: str, action: str) -> Case:
        case = self.get(number)
        if not reason.strip():
            raise ValidationError("reason", "请说明原因")
        check_move(case.status, target)
        updated = self._bump(
            case, status=target, history=(*case.history, f"{target.label}：{reason.strip()}")
        )
        return self._commit(
            case, updated, kind, {"status": target.value, "reason": reason.strip()}, action, {}
        )

    def _procedure_event(
        self, case: Case, updated: Case, procedure: SpecialProcedure, kind: EventKind, action: str
    ) -> Case:
        due = updated.due_date
        body = {
            "procedure": procedure_to_dict(procedure),
            "special_procedures": [procedure_to_dict(p) for p in updated.special_procedures],
            "due_date": None if due is None else due.isoformat(),
        }
        detail = {
            "procedure": procedure.number,
            "kind": procedure.kind.value,
            "matter": procedure.matter_id,
            "due_date": body["due_date"],
        }
        logger.info(
            "case %s: special procedure %d %s (%s)", case.number, procedure.number, kind.value, procedure.kind
        )
        return self._commit(case, self._bump(updated), kind, body, action, detail)

    def _bump(self, case: Case, **changes: Any) -> Case:
        if "status" in changes and changes["status"] is not case.status:
            changes["status_changed_at"] = self._stamp()
        return replace(case, version=case.version + 1, **changes)

    def _commit(
        self,
        old: Case,
        new: Case,
        kind: EventKind,
        body: Mapping[str, Any],
        action: str,
        detail: Mapping[str, Any],
        *,
        receipt: str | None = None,
    ) -> Case:
        event = self._event(new, kind, body)
        audit = self._audit(new, action, {**detail, "status": new.status.value})
        self._store.update_case(
            self._record(new), [event], audit, expected_version=old.version, acknowledged=receipt
        )
        return new

    def _build(self, request: IntakeRequest, number: str, credit: CreditStanding) -> Case:
        """The case ``build_case`` makes, with the applicant's credit standing (checked) and the 核查 of
        each commitment (core.cases.commitments)."""
        ctx = self._context(number)
        case = replace(build_case(self._catalog, request, ctx), credit=credit)
        check_credit(case)
        return with_checks(case, self._catalog, ctx.now.date(), ctx.holidays, ctx.workdays)

    def _context(self, number: str) -> IntakeContext:
        calendar = self._config.working_calendar  # the official calendar plus local days (core/calendar.py)
        return IntakeContext(
            number=number,
            device_id=self._store.device_id,
            operator=self._operator,
            now=self._clock.now(),
            holidays=calendar.holidays,
            workdays=calendar.workdays,
        )

    def _next_number(self, day: date) -> CaseNumber:
        cfg = self._config
        cfg.require_identity()  # NoIdentityError: two new devices would number alike (core/config.py)
        sequence = self._store.next_sequence(counter_scope(cfg.region_code, cfg.device_no, day))
        return CaseNumber.make(cfg.region_code, day, cfg.device_no, sequence)

    def _normalise(self, number: str) -> str:
        try:
            return parse_case_number(number).digits
        except ValidationError:
            if is_receipt_qr_payload(number):
                raise  # a misread receipt QR: say so, rather than "no such case"
            return number.strip()  # perhaps an official number bound by the platform

    def _stamp(self) -> str:
        return self._clock.now().isoformat(timespec="seconds")

    def _record(self, case: Case) -> CaseRecord:
        # The store indexes the earliest deadline staff must act by: an open 容缺 or 核查 deadline
        # (``deadline_before`` finds both; terminate_overdue looks at the 容缺 one itself).
        deadline = case.next_deadline
        return CaseRecord(
            number=case.number,
            bundle_id=case.bundle_id,
            status=case.status.value,
            person_hash=self._store.person_hash(case.applicant.id_number),
            name_hash=self._store.name_hash(case.applicant.name),
            catalog_version=case.catalog_version,
            created_at=case.created_at,
            updated_at=self._stamp(),
            payload=case_to_dict(case),
            official_number=case.official_number,
            deficiency_deadline=deadline.isoformat() if deadline else None,
            version=case.version,
        )

    def _event(self, case: Case, kind: EventKind, body: Mapping[str, Any]) -> NewEvent:
        return NewEvent(
            case_number=case.number,
            kind=kind.value,
            payload=dict(body),
            device_time=self._stamp(),
            counter=self._clock.monotonic_ns(),
            operator=self._operator,
        )

    def _audit(self, case: Case, action: str, detail: Mapping[str, Any]) -> AuditEntry:
        detail = {**detail, "applicant": mask_id_number(case.applicant.id_number)}
        return AuditEntry(
            actor=self._operator, action=action, at=self._stamp(), case_number=case.number, detail=detail
        )


_NOT_YET_DISPATCHED = (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_DEFICIENT)
_DECIDED = (CaseStatus.COMPLETED, CaseStatus.REJECTED)
_PLATFORM_KINDS = {
    CaseStatus.DISPATCHED: EventKind.DISPATCHED,
    CaseStatus.COMPLETED: EventKind.COMPLETED,
    CaseStatus.REJECTED: EventKind.REJECTED,
    CaseStatus.WITHDRAWN: EventKind.WITHDRAWN,
    CaseStatus.TERMINATED: EventKind.TERMINATED,
}


def _check_scans(materials: Mapping[str, MaterialInput]) -> None:
    for material_id, material in materials.items():
        _check_pages(material_id, material.pages)


def _check_pages(material_id: str, pages: Sequence[bytes]) -> None:
    """Every scanned page is a JPEG, PNG or PDF: what is stored here is uploaded to the platform as
    that material. Files from outside had their whole structure checked where they were read
    (core.validation.scans.read_scan_file); pages from the camera are our own JPEGs."""
    for number, page in enumerate(pages, start=1):
        scan_kind(page, name=f"{material_id}#{number}", field=f"materials.{material_id}.files")


def _media_type(page: bytes) -> str:
    return sniff_media_type(page) or "application/octet-stream"
