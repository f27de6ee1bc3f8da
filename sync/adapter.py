"""The platform seam: one ``PlatformAdapter`` protocol, one adapter per platform dialect.

Everything above this seam is the same for every province: what to push and in which order, an
event acknowledged only on a receipt the platform really gave (exactly once), quarantine of what no
retry can help, backoff, the local store's signatures and audit (sync/push.py, sync/pull.py,
sync/schedule.py, sync/service.py). An adapter only speaks one platform's language: it turns our
contract's calls (sync/contract.py: events, attachment chunks, updates by cursor, the catalog …)
into that platform's requests and its answers back into our contract's shapes, with that
platform's own authentication.

Adapters are plug-ins, like the CLI's commands: an entry point in the group
``tongban.platform_adapters`` names a factory ``(AdapterSettings) -> PlatformAdapter``. Tongban ships
two: ``tongban`` (our own contract, sync/client.py) and ``gov-standard`` (a provincial 统一受理 /
办件汇聚 interface in the national 办件 data model, sync/gov_standard/). A province's integrator
ships a third in their own distribution without forking this one. The device chooses in
tongban.toml (``[platform] adapter = "gov-standard"``, the table's other keys are the adapter's
options) at enrolment, and the choice is kept with the enrolment (core/store/sync_state.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import entry_points
from types import TracebackType
from typing import Final, Protocol, Self, runtime_checkable

from core.cases.model import Case
from core.catalog.model import Catalog
from core.clock import Clock
from sync import contract
from sync.errors import SyncPermanentError
from sync.transport import DEFAULT_TIMEOUT, Timeout

logger = logging.getLogger(__name__)

ADAPTER_GROUP: Final = "tongban.platform_adapters"
DEFAULT_ADAPTER: Final = "tongban"


class Capability(StrEnum):
    """What a platform offers beyond the core of sync (enrol, push events and attachments, pull
    updates). A GUI asks before it offers a service; a call an adapter lacks raises ``Unsupported``."""

    CATALOG = "catalog"  # 事项目录 versions and deltas
    CALENDAR = "calendar"  # the official holiday calendar
    STAFF = "staff"  # staff accounts for the device's sign-in
    RATINGS = "ratings"  # 好差评 with no local case (kiosk)
    LICENCES = "licences"  # 电子证照 look-up at intake
    CREDIT = "credit"  # 失信 check before 容缺 / 告知承诺
    CERTIFICATES = "certificates"  # certificates printed at the kiosk
    TOKENS = "tokens"  # online QR tokens (电子社保卡 …)
    PROGRESS = "progress"  # 办件进度查询 across devices
    QUEUE = "queue"  # the hall's 排队叫号 (the hall server: sync/queue_client.py)
    MARKS = "marks"  # how far this device had numbered, for a device restored from a backup


ALL_CAPABILITIES: Final = frozenset(Capability)


class Unsupported(SyncPermanentError):
    """The platform this device syncs with does not offer this service (its adapter says so)."""

    default_code = "unsupported"


def unsupported(adapter: str, capability: Capability) -> Unsupported:
    return Unsupported(
        "本机对接的平台不提供此项服务，请在窗口办理或咨询工作人员。",
        f"the {adapter!r} platform adapter does not offer {capability.value}",
        code="unsupported",
        params={"capability": capability.value},
    )


@dataclass(frozen=True, slots=True)
class AdapterSettings:
    """What an adapter factory gets: where the platform is, who this device is, how to reach it.

    ``secret`` is the credential the platform issued at enrolment (None before); ``options`` the
    adapter's own keys from tongban.toml's ``[platform]`` table (never a secret: those come from
    enrolment and live sealed in the store). ``cases`` (the device's current record of a case, by
    number) and ``catalog`` (the catalog in use) serve adapters that report whole 办件 records
    rather than our events; our own contract needs neither.
    """

    base_url: str
    device_id: str
    secret: bytes | None = None
    ca_file: str | None = None
    pin: str | None = None
    timeout: Timeout = DEFAULT_TIMEOUT
    clock: Clock | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    cases: Callable[[str], Case] | None = None
    catalog: Callable[[], Catalog] | None = None


@runtime_checkable
class PlatformAdapter(Protocol):
    """One device's connection to its platform, on one thread; close it when done.

    Every method speaks sync/contract.py's shapes. Failures are SyncTransientError (worth retrying:
    no answer, 5xx, 429) or SyncPermanentError (a person must act); an answer that breaks the
    platform's interface is a SyncPermanentError with code ``bad_reply``, never a silent success:
    an event counts as stored only on a receipt the platform gave.
    """

    name: str
    capabilities: frozenset[Capability]

    @property
    def base_url(self) -> str: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def health(self, timeout: Timeout = ...) -> contract.HealthResponse: ...

    def reachable(self, timeout: Timeout = ...) -> bool: ...

    def enroll(self, request: contract.EnrollRequest) -> contract.EnrollResponse: ...

    def push_events(
        self, events: Sequence[contract.WireEvent], audit_head: contract.AuditHeadReport | None = None
    ) -> contract.EventsResponse: ...

    def attachment_status(self, sha256: str) -> contract.AttachmentStatus: ...

    def put_chunk(self, sha256: str, offset: int, chunk: bytes, total: int) -> contract.AttachmentStatus: ...

    def updates(self, cursor: int, limit: int | None = None) -> contract.UpdatesResponse: ...

    def catalog(self, have: str | None) -> contract.CatalogResponse | None: ...

    def calendar(self, have: str | None) -> contract.CalendarResponse | None: ...

    def staff(self, cursor: int) -> contract.StaffResponse: ...

    def push_ratings(self, ratings: list[contract.WireRating]) -> contract.RatingsResponse: ...

    def lookup_licence(self, id_number: str, licence: str) -> contract.LicenceLookupResponse: ...

    def check_credit(self, id_number: str) -> contract.CreditResponse: ...

    def reserve_certificate(
        self, request_id: str, kind: str, id_number: str, purpose: str | None = None
    ) -> contract.CertificateResponse: ...

    def confirm_certificate_printed(
        self, certificate_id: str, request_id: str | None = None, printed_at: str | None = None
    ) -> contract.CertificateResponse: ...

    def resolve_token(self, token: str, purpose: str | None = None) -> contract.TokenResponse: ...

    def progress(
        self, *, case_number: str | None = None, id_number: str | None = None
    ) -> contract.ProgressResponse: ...

    def device_marks(self) -> contract.DeviceMarksResponse: ...


AdapterFactory = Callable[[AdapterSettings], PlatformAdapter]


def adapter_names() -> list[str]:
    """The adapters installed (entry points of ``tongban.platform_adapters``), sorted."""
    return sorted({ep.name for ep in entry_points(group=ADAPTER_GROUP)})


def adapter_factory(name: str) -> AdapterFactory:
    """The factory of the adapter ``name``; a SyncPermanentError naming those installed if none."""
    found = [ep for ep in entry_points(group=ADAPTER_GROUP) if ep.name == name]
    if not found:
        installed = adapter_names()
        raise SyncPermanentError(
            f"配置的平台对接方式“{name}”未安装（可用：{'、'.join(installed) or '无'}）。请检查配置文件的 [platform] adapter。",
            f"platform adapter {name!r} is not installed (installed: {', '.join(installed) or 'none'}); "
            "check [platform] adapter in tongban.toml",
            code="no_adapter",
            params={"adapter": name},
        )
    factory = found[0].load()
    if not callable(factory):
        raise SyncPermanentError(
            f"平台对接方式“{name}”的插件有误。",
            f"entry point {name!r} of {ADAPTER_GROUP} is not callable",
            code="no_adapter",
        )
    return factory  # type: ignore[no-any-return]


def open_adapter(name: str, settings: AdapterSettings) -> PlatformAdapter:
    """An adapter ``name`` for ``settings`` (no I/O: its first call opens the connection)."""
    adapter = adapter_factory(name)(settings)
    if not isinstance(adapter, PlatformAdapter):
        raise SyncPermanentError(
            f"平台对接方式“{name}”的插件有误。",
            f"the {name!r} adapter does not implement PlatformAdapter",
            code="no_adapter",
        )
    return adapter
