"""The kiosk session as a Qt-free step machine: who is at the kiosk, what they chose, when it ends.

A citizen alone at a 24-hour kiosk (自助终端) identifies with the ID card or a QR code, picks a
service, is served, rates the service (好差评) and leaves — or walks away, and the inactivity
policy ends the session. ``KioskSession.wipe`` forgets everything of that citizen; the kiosk GUI
builds a new session for the next one. Nothing here does I/O or knows Qt: the GUI feeds in what
the devices and the platform said and asks what to show next.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from core.cases.model import Case, CaseStatus, MatterStatus
from core.errors import ValidationError
from core.flows.intake import CardData
from core.masking import mask_id_number, mask_name
from core.validation.idnumbers import parse_id_number


class KioskMode(StrEnum):
    """Where the kiosk stands: a service hall (general) or a maternity hospital (出生即参保)."""

    GENERAL = "general"
    HOSPITAL = "hospital"


class Service(StrEnum):
    """What a citizen can do at a kiosk. Persisted in logs and audit: never rename a value."""

    PROGRESS = "progress"  # 办件进度查询
    CERTIFICATE = "certificate"  # 证明打印
    DECLARE = "declare"  # 自助申报 (bundles the catalog marks self-service)
    NEWBORN = "newborn"  # 出生即参保 (hospital mode)
    TICKET = "ticket"  # 取号: a ticket of the hall's queue (排队叫号), by ID card or without

    @property
    def label(self) -> str:
        """The service's Chinese name, for core's own messages (the GUIs translate their own labels)."""
        return SERVICE_LABELS[self]

    @property
    def needs_person(self) -> bool:
        """Whether the service needs the citizen's identity (a receipt QR alone names only a case)."""
        return self not in (Service.PROGRESS, Service.TICKET)

    @property
    def needs_identity(self) -> bool:
        """Whether the service needs a card or a code first (取号 may be taken without: 不刷身份证取号)."""
        return self is not Service.TICKET


SERVICE_LABELS: Final = {
    Service.PROGRESS: "办件进度查询",
    Service.CERTIFICATE: "证明打印",
    Service.DECLARE: "自助申报",
    Service.NEWBORN: "新生儿参保登记",
    Service.TICKET: "取号",
}
SERVICES_BY_MODE: Final = {
    KioskMode.GENERAL: (Service.TICKET, Service.PROGRESS, Service.CERTIFICATE, Service.DECLARE),
    KioskMode.HOSPITAL: (Service.NEWBORN, Service.PROGRESS),
}


class Phase(StrEnum):
    """Where a session stands against its inactivity policy."""

    ACTIVE = "active"
    WARNING = "warning"  # the countdown with the large "continue" button is on screen
    EXPIRED = "expired"  # end the session now


@dataclass(frozen=True, slots=True)
class InactivityPolicy:
    """How long a kiosk waits for a touch: ``warn_after_s`` of silence shows the countdown, which
    ends the session ``countdown_s`` later. Elderly mode waits longer (适老化: "enough time")."""

    warn_after_s: float
    countdown_s: float

    @property
    def timeout_s(self) -> float:
        return self.warn_after_s + self.countdown_s

    def phase(self, idle_s: float) -> Phase:
        if idle_s >= self.timeout_s:
            return Phase.EXPIRED
        if idle_s >= self.warn_after_s:
            return Phase.WARNING
        return Phase.ACTIVE

    def remaining_s(self, idle_s: float) -> int:
        """Whole seconds left on the countdown (what the big number shows), never below 0."""
        left = self.timeout_s - idle_s
        return max(0, int(left + 0.999))


STANDARD_POLICY: Final = InactivityPolicy(warn_after_s=60.0, countdown_s=20.0)
ELDERLY_POLICY: Final = InactivityPolicy(warn_after_s=150.0, countdown_s=40.0)
# While the citizen waits on the platform or the printer the session must not time out under
# them: the GUI pauses the policy (``KioskSession.busy``) and the operation's own timeout rules.


@dataclass(frozen=True, slots=True)
class Citizen:
    """The person at the kiosk, from the ID card or an online QR token. Never persisted by the kiosk."""

    name: str
    id_number: str
    id_kind: str
    sex: str = ""
    birth_date: date | None = None
    address: str = ""
    nation: str = ""
    source: str = "id_card"  # "id_card" | "token"
    token_issuer: str = ""  # e.g. 电子社保卡, when identified by a token
    card: CardData | None = field(default=None, compare=False, repr=False)  # the card, when read from one

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id(self) -> str:
        return mask_id_number(self.id_number)

    def card_data(self) -> CardData:
        """What an intake form takes: the card itself when the citizen was identified by one (as
        services.cards mapped it for both GUIs, with its 有效期), else the token's person."""
        if self.card is not None:
            return self.card
        return CardData(
            name=self.name,
            id_number=self.id_number,
            sex=self.sex,
            nation=self.nation,
            birth_date=self.birth_date,
            address=self.address,
        )


def citizen_from_card(card: CardData, today: date) -> Citizen:
    """The citizen a card names; ValidationError if the card's number does not check."""
    info = parse_id_number(card.id_number, field="id_number", today=today)
    return Citizen(
        name=card.name,
        id_number=info.number,
        id_kind=str(info.kind),
        sex=card.sex or info.sex,
        birth_date=card.birth_date or info.birth_date,
        address=card.address,
        nation=card.nation,
        card=card,
    )


def citizen_from_token(answer: Mapping[str, Any], today: date) -> Citizen:
    """The citizen an online token stands for (sync.contract.TokenResponse)."""
    info = parse_id_number(str(answer.get("id_number", "")), field="id_number", today=today)
    birth = answer.get("birth_date")
    return Citizen(
        name=str(answer.get("name", "")),
        id_number=info.number,
        id_kind=str(info.kind),
        sex=str(answer.get("sex") or info.sex),
        birth_date=date.fromisoformat(birth) if isinstance(birth, str) and birth else info.birth_date,
        source="token",
        token_issuer=str(answer.get("issuer", "")),
    )


# -- progress (办件进度查询) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatterProgress:
    name: str
    dept_name: str
    status: MatterStatus
    result: str = ""
    updated_at: str = ""

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass(frozen=True, slots=True)
class CaseProgress:
    """One case as the progress screen shows it. ``uploaded`` False: the platform has not got it
    yet (accepted here while offline); ``source`` says where the statuses came from."""

    number: str
    official_number: str | None
    bundle_name: str
    status: CaseStatus
    status_changed_at: str
    promised_date: date | None
    matters: tuple[MatterProgress, ...]
    uploaded: bool
    source: str  # "platform" | "local"

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def note(self) -> str:
        """The one honest sentence under a case (Chinese)."""
        if not self.uploaded:
            return "本机已受理，尚未上传到政务服务平台；联网后自动上传，部门办理进度届时更新。"
        if self.source == "local":
            return "暂时连不上政务服务平台，以下是本机最近一次同步时的进度。"
        return ""


def progress_of_case(case: Case, *, uploaded: bool) -> CaseProgress:
    """A locally stored case as the progress screen shows it."""
    return CaseProgress(
        number=case.number,
        official_number=case.official_number,
        bundle_name=case.bundle_name,
        status=case.status,
        status_changed_at=case.status_changed_at,
        promised_date=case.due_date,  # as moved by 特别程序 (their time is not counted)
        matters=tuple(
            MatterProgress(m.name, m.dept_name or m.dept, m.status, m.result, m.updated_at or "")
            for m in case.matters
        ),
        uploaded=uploaded,
        source="local",
    )


def progress_of_platform(answer: Mapping[str, Any]) -> CaseProgress:
    """One case of the platform's progress answer (sync.contract.ProgressResponse["cases"][i])."""
    promised = answer.get("promised_date")
    return CaseProgress(
        number=str(answer["case_number"]),
        official_number=answer.get("official_number"),
        bundle_name=str(answer.get("bundle_name", "")),
        status=CaseStatus(answer["status"]),
        status_changed_at=str(answer.get("status_changed_at", "")),
        promised_date=date.fromisoformat(promised) if isinstance(promised, str) and promised else None,
        matters=tuple(
            MatterProgress(
                str(m.get("name", "")),
                str(m.get("dept_name") or m.get("dept", "")),
                MatterStatus(m["status"]),
                str(m.get("result") or ""),
                str(m.get("updated_at") or ""),
            )
            for m in answer.get("matters", ())
        ),
        uploaded=True,
        source="platform",
    )


def merge_progress(
    local: Iterable[CaseProgress], remote: Sequence[Mapping[str, Any]] | None
) -> list[CaseProgress]:
    """The platform's answer where it has one (it knows cases taken at other windows too), the
    local record for what it has not got yet; ``remote`` None means the platform was not reached.
    Newest first by status time."""
    merged: dict[str, CaseProgress] = {}
    if remote is not None:
        for answer in remote:
            item = progress_of_platform(answer)
            merged[item.number] = item
    for item in local:
        # The platform's statuses win where it has the case: its departments decide.
        merged.setdefault(item.number, item)
    return sorted(merged.values(), key=lambda p: (p.status_changed_at, p.number), reverse=True)


# -- the session -----------------------------------------------------------------------------


@dataclass
class KioskSession:
    """One citizen's visit, from the first touch to the end. Lives on the GUI thread.

    ``case_ref`` is a case number from a receipt QR: enough for a progress query, not an
    identity. ``cases_to_rate`` are the cases this visit touched (好差评 after every service:
    a rating of the visit is recorded against each). ``wipe`` forgets all of it.
    """

    mode: KioskMode = KioskMode.GENERAL
    elderly: bool = False
    citizen: Citizen | None = None
    case_ref: str | None = None
    service: Service | None = None
    cases_to_rate: list[str] = field(default_factory=list)
    rated: bool = False
    result_case: str | None = None  # a decided case the citizen chose to rate (一事一评)
    notes: dict[str, Any] = field(default_factory=dict)  # per-service scratch (e.g. a request id)
    served: list[Service] = field(default_factory=list)

    @property
    def policy(self) -> InactivityPolicy:
        return ELDERLY_POLICY if self.elderly else STANDARD_POLICY

    @property
    def services(self) -> tuple[Service, ...]:
        return SERVICES_BY_MODE[self.mode]

    @property
    def identified(self) -> bool:
        return self.citizen is not None or self.case_ref is not None

    def identify(self, citizen: Citizen) -> None:
        self.citizen = citizen
        self.case_ref = None

    def identify_case(self, number: str) -> None:
        """A receipt QR: the case it names (progress only)."""
        self.case_ref = number

    def choose(self, service: Service) -> None:
        if service not in self.services:
            raise ValidationError(
                "service", f"本机不提供“{service.label}”服务", f"{service} not in {self.mode}"
            )
        if service.needs_person and self.citizen is None:
            raise ValidationError("service", "请先放身份证或出示电子社保卡，再办理这项服务", "no citizen")
        self.service = service

    def served_case(self, number: str) -> None:
        """A case this visit created or showed: the rating goes to it."""
        if number not in self.cases_to_rate:
            self.cases_to_rate.append(number)

    def finish_service(self) -> None:
        """A service ended: it wants its own rating (好差评 after every service, 一次一评)."""
        if self.service is not None:
            self.served.append(self.service)
            self.rated = False
        self.service = None

    @property
    def wants_rating(self) -> bool:
        """After a service the kiosk goes to the rating screen on its own (DB2203/T 8-2024 §5.1.3)."""
        return bool(self.served) and not self.rated

    def rate_result(self, number: str) -> None:
        """The citizen asked to rate the result of a decided case (一事一评, GB/T 39734 §7.1): the
        rating after this service goes to that case alone."""
        self.result_case = number

    def rating_done(self) -> None:
        """The citizen rated (or declined to rate) the last service; its cases are rated."""
        self.rated = True
        self.cases_to_rate.clear()
        self.result_case = None

    def wipe(self) -> None:
        """Forget this citizen: identity, choices, results, scratch values."""
        self.citizen = None
        self.case_ref = None
        self.service = None
        self.cases_to_rate.clear()
        self.rated = False
        self.result_case = None
        self.notes.clear()
        self.served.clear()
