"""Cases to and from plain JSON-ready dicts (the encrypted store payload and the sync event body)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from core.cases.model import (
    Applicant,
    Case,
    CaseStatus,
    CheckOutcome,
    CommitmentCheck,
    CreditStanding,
    Evaluation,
    ItemRecord,
    ItemState,
    MatterRecord,
    MatterStatus,
    ProxyAuthorisation,
    Refusal,
    RefusalKind,
)
from core.cases.ratings import Appeal, AppealOutcome, FollowUpVisit, RatingChannel, RatingStage, Rectification
from core.cases.special_procedures import procedure_from_dict, procedure_to_dict
from core.catalog.model import AnswerValue

SCHEMA = 1  # bump with a converter in case_from_dict when the payload shape changes


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def answers_to_json(answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    """Answers as JSON values; multi-select sets become sorted lists."""
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in answers.items()}


def answers_from_stored(data: Mapping[str, Any]) -> dict[str, AnswerValue]:
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}


# Written only when set, so an applicant of an ID card encodes as it always did.
_APPLICANT_EXTRAS = ("latin_name", "nationality", "residence_permit")


def applicant_to_dict(a: Applicant) -> dict[str, Any]:
    extras = {key: getattr(a, key) for key in _APPLICANT_EXTRAS if getattr(a, key)}
    return {
        "name": a.name,
        "id_number": a.id_number,
        "id_kind": a.id_kind,
        "sex": a.sex,
        "birth_date": _day(a.birth_date),
        "nation": a.nation,
        "address": a.address,
        "phone": a.phone,
        "source": a.source,
        **extras,
    }


def applicant_from_dict(d: Mapping[str, Any]) -> Applicant:
    return Applicant(
        name=d["name"],
        id_number=d["id_number"],
        id_kind=d["id_kind"],
        sex=d.get("sex", ""),
        birth_date=_parse_day(d.get("birth_date")),
        nation=d.get("nation", ""),
        address=d.get("address", ""),
        phone=d.get("phone", ""),
        source=d.get("source", "typed"),
        latin_name=d.get("latin_name", ""),
        nationality=d.get("nationality", ""),
        residence_permit=d.get("residence_permit", ""),
    )


def item_to_dict(i: ItemRecord) -> dict[str, Any]:
    return {
        "material_id": i.material_id,
        "name": i.name,
        "state": i.state.value,
        "matters": list(i.matters),
        "attachments": list(i.attachments),
        "deadline": _day(i.deadline),
        "commitment_text": i.commitment_text,
        "supplemented_at": i.supplemented_at,
        "note": i.note,
        "check": None if i.check is None else check_to_dict(i.check),
        "licence_number": i.licence_number,
    }


def item_from_dict(d: Mapping[str, Any]) -> ItemRecord:
    return ItemRecord(
        material_id=d["material_id"],
        name=d["name"],
        state=ItemState(d["state"]),
        matters=tuple(d.get("matters", ())),
        attachments=tuple(d.get("attachments", ())),
        deadline=_parse_day(d.get("deadline")),
        commitment_text=d.get("commitment_text"),
        supplemented_at=d.get("supplemented_at"),
        note=d.get("note", ""),
        check=None if not d.get("check") else check_from_dict(d["check"]),  # none before 核查 existed
        licence_number=d.get("licence_number", ""),  # none before 电子证照 numbers were kept
    )


def check_to_dict(c: CommitmentCheck) -> dict[str, Any]:
    return {
        "what": c.what,
        "deadline": _day(c.deadline),
        "outcome": None if c.outcome is None else c.outcome.value,
        "checked_at": c.checked_at,
        "checked_by": c.checked_by,
        "note": c.note,
    }


def check_from_dict(d: Mapping[str, Any]) -> CommitmentCheck:
    return CommitmentCheck(
        what=d["what"],
        deadline=_parse_day(d.get("deadline")),
        outcome=None if d.get("outcome") is None else CheckOutcome(d["outcome"]),
        checked_at=d.get("checked_at"),
        checked_by=d.get("checked_by", ""),
        note=d.get("note", ""),
    )


def refusal_to_dict(r: Refusal) -> dict[str, Any]:
    return {
        "kind": r.kind.value,
        "reason": r.reason,
        "received_on": r.received_on.isoformat(),
        "notice_by": r.notice_by.isoformat(),
        "at": r.at,
    }


def refusal_from_dict(d: Mapping[str, Any]) -> Refusal:
    return Refusal(
        kind=RefusalKind(d["kind"]),
        reason=d["reason"],
        received_on=date.fromisoformat(d["received_on"]),
        notice_by=date.fromisoformat(d["notice_by"]),
        at=d["at"],
    )


def matter_to_dict(m: MatterRecord) -> dict[str, Any]:
    return {
        "matter_id": m.matter_id,
        "name": m.name,
        "dept": m.dept,
        "dept_name": m.dept_name,
        "promise_days": m.promise_days,
        "status": m.status.value,
        "result": m.result,
        "updated_at": m.updated_at,
        "code": m.code,
    }


def matter_from_dict(d: Mapping[str, Any]) -> MatterRecord:
    return MatterRecord(
        matter_id=d["matter_id"],
        name=d["name"],
        dept=d["dept"],
        promise_days=None if d["promise_days"] is None else int(d["promise_days"]),
        dept_name=d.get("dept_name", ""),
        status=MatterStatus(d["status"]),
        result=d.get("result", ""),
        updated_at=d.get("updated_at"),
        code=d.get("code", ""),  # cases from before catalog format 2 have none
    )


def proxy_to_dict(p: ProxyAuthorisation) -> dict[str, Any]:
    return {
        "helper_name": p.helper_name,
        "helper_id_number": p.helper_id_number,
        "scope": p.scope,
        "valid_until": p.valid_until.isoformat(),
        "signature": p.signature,
        "photo": p.photo,
        "organisation": p.organisation,
    }


def proxy_from_dict(d: Mapping[str, Any]) -> ProxyAuthorisation:
    return ProxyAuthorisation(
        helper_name=d["helper_name"],
        helper_id_number=d["helper_id_number"],
        scope=d["scope"],
        valid_until=date.fromisoformat(d["valid_until"]),
        signature=d["signature"],
        photo=d["photo"],
        organisation=d.get("organisation", ""),
    )


def evaluation_to_dict(ev: Evaluation) -> dict[str, Any]:
    fix, visit, appeal = ev.rectification, ev.visit, ev.appeal
    return {
        "level": ev.level,
        "reason": ev.reason,
        "at": ev.at,
        "stage": ev.stage.value,
        "channel": ev.channel.value,
        "categories": list(ev.categories),
        "helper_present": ev.helper_present,
        "rectification": None
        if fix is None
        else {"deadline": fix.deadline.isoformat(), "result": fix.result, "at": fix.at, "by": fix.by},
        "visit": None
        if visit is None
        else {"on": visit.on.isoformat(), "staff": visit.staff, "outcome": visit.outcome, "at": visit.at},
        "appeal": None
        if appeal is None
        else {"reason": appeal.reason, "outcome": appeal.outcome.value, "at": appeal.at, "by": appeal.by},
    }


def evaluation_from_dict(d: Mapping[str, Any]) -> Evaluation:
    fix, visit, appeal = d.get("rectification"), d.get("visit"), d.get("appeal")
    return Evaluation(
        level=int(d["level"]),
        reason=str(d["reason"]),
        at=str(d["at"]),
        stage=RatingStage(d.get("stage", RatingStage.INTAKE.value)),
        channel=RatingChannel(d.get("channel", RatingChannel.WINDOW.value)),
        categories=tuple(str(c) for c in d.get("categories", ())),
        helper_present=bool(d.get("helper_present", False)),
        rectification=None
        if not fix
        else Rectification(
            deadline=date.fromisoformat(fix["deadline"]), result=fix["result"], at=fix["at"], by=fix["by"]
        ),
        visit=None
        if not visit
        else FollowUpVisit(
            on=date.fromisoformat(visit["on"]), staff=visit["staff"], outcome=visit["outcome"], at=visit["at"]
        ),
        appeal=None
        if not appeal
        else Appeal(
            reason=appeal["reason"],
            outcome=AppealOutcome(appeal["outcome"]),
            at=appeal["at"],
            by=appeal["by"],
        ),
    )


def evaluations_from_dict(d: Mapping[str, Any]) -> tuple[Evaluation, ...]:
    """A case's ratings: ``evaluations``, or the single ``evaluation`` a case stored before them."""
    if "evaluations" in d:
        return tuple(evaluation_from_dict(e) for e in d["evaluations"])
    old = d.get("evaluation")
    return () if not old else (evaluation_from_dict(old),)


def case_to_dict(case: Case) -> dict[str, Any]:
    """The whole case as a JSON-ready dict (personal data included: it is sealed by the store)."""
    return {
        "schema": SCHEMA,
        "number": case.number,
        "bundle_id": case.bundle_id,
        "bundle_name": case.bundle_name,
        "catalog_version": case.catalog_version,
        "status": case.status.value,
        "applicant": applicant_to_dict(case.applicant),
        "answers": answers_to_json(case.answers),
        "items": [item_to_dict(i) for i in case.items],
        "form": dict(case.form),
        "matters": [matter_to_dict(m) for m in case.matters],
        "operator": case.operator,
        "device_id": case.device_id,
        "created_at": case.created_at,
        "status_changed_at": case.status_changed_at,
        "promised_date": None if case.promised_date is None else case.promised_date.isoformat(),
        "evaluations": [evaluation_to_dict(e) for e in case.evaluations],
        "official_number": case.official_number,
        "history": list(case.history),
        "signature": case.signature,
        "proxy": None if case.proxy is None else proxy_to_dict(case.proxy),
        "refusal": None if case.refusal is None else refusal_to_dict(case.refusal),
        "credit": case.credit.value,
        "special_procedures": [procedure_to_dict(p) for p in case.special_procedures],
        "version": case.version,
    }


def case_from_dict(d: Mapping[str, Any]) -> Case:
    return Case(
        number=d["number"],
        bundle_id=d["bundle_id"],
        bundle_name=d["bundle_name"],
        catalog_version=d["catalog_version"],
        status=CaseStatus(d["status"]),
        applicant=applicant_from_dict(d["applicant"]),
        answers=answers_from_stored(d["answers"]),
        items=tuple(item_from_dict(i) for i in d["items"]),
        form=dict(d["form"]),
        matters=tuple(matter_from_dict(m) for m in d["matters"]),
        operator=d["operator"],
        device_id=d["device_id"],
        created_at=d["created_at"],
        status_changed_at=d["status_changed_at"],
        promised_date=None if d["promised_date"] is None else date.fromisoformat(d["promised_date"]),
        evaluations=evaluations_from_dict(d),
        official_number=d.get("official_number"),
        history=tuple(d.get("history", ())),
        signature=d.get("signature"),
        proxy=None if not d.get("proxy") else proxy_from_dict(d["proxy"]),
        refusal=None if not d.get("refusal") else refusal_from_dict(d["refusal"]),
        credit=CreditStanding(d.get("credit", CreditStanding.UNKNOWN.value)),
        special_procedures=tuple(procedure_from_dict(p) for p in d.get("special_procedures", ())),
        version=int(d.get("version", 1)),
    )
