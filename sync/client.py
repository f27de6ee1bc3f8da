"""``PlatformClient``: every call the device makes to the provincial platform, per sync/contract.py.

Requests are signed (contract.sign over the bytes as sent), JSON bodies gzip-compressed, TLS
verified against the system CAs, a deployment's CA file, or a pinned certificate; every request
has (connect, read) timeouts. Replies are checked against sync.schemas before anyone trusts them:
an event is acknowledged only on a receipt the platform really gave (research/anchors-mission.md
§3.1: OpenCRVS lost records by reading a backend error as success).
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlencode

import requests
from jsonschema import Draft202012Validator

from core.case_numbers import parse_case_number
from core.clock import Clock, SystemClock
from core.errors import ValidationError
from core.validation.idnumbers import normalise_id_number
from sync import contract, schemas
from sync.adapter import ALL_CAPABILITIES, AdapterSettings, Capability
from sync.errors import SyncPermanentError
from sync.transport import (
    DEFAULT_TIMEOUT,
    PROBE_TIMEOUT,
    HttpAdapter,
    Timeout,
    compress,
    encode_json,
    failure_from_response,
    send,
    signed_headers,
)

logger = logging.getLogger(__name__)


class AttachmentOffsetMismatch(SyncPermanentError):
    """The platform holds a different number of bytes than the chunk assumed: ask it how many."""


class PlatformClient(HttpAdapter):
    """The ``tongban`` platform adapter (sync/adapter.py): our own contract, spoken to the reference
    platform (sync/server) or any platform that implements sync/contract.py. One device's
    connection (a requests.Session with its pool).

    Lives on one thread — the sync worker's, or a GUI task's for the online-only calls — because
    a requests.Session is not thread-safe; make one per thread. Close it when done.
    """

    name = "tongban"
    capabilities: frozenset[Capability] = ALL_CAPABILITIES

    def __init__(
        self,
        base_url: str,
        *,
        device_id: str,
        secret: bytes | None = None,
        ca_file: str | None = None,
        pin: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        clock: Clock | None = None,
    ) -> None:
        """No I/O here (STYLE.md); the first request opens the connection."""
        super().__init__(base_url, f"tongban-sync/{contract.API_VERSION}", ca_file=ca_file, pin=pin)
        self._device_id = device_id
        self._secret = secret
        self._timeout = timeout
        self._clock = clock or SystemClock()  # timestamps the platform checks against its clock

    # -- unsigned ----------------------------------------------------------------------------

    def health(self, timeout: Timeout = PROBE_TIMEOUT) -> contract.HealthResponse:
        """The platform's health answer; a cheap probe with short timeouts."""
        response = self._send("GET", contract.P_HEALTH, signed=False, timeout=timeout)
        return cast(contract.HealthResponse, self._json(response, "HealthResponse"))

    def enroll(self, request: contract.EnrollRequest) -> contract.EnrollResponse:
        response = self._send("POST", contract.P_ENROLL, body=dict(request), signed=False)
        return cast(contract.EnrollResponse, self._json(response, "EnrollResponse"))

    # -- push --------------------------------------------------------------------------------

    def push_events(
        self, events: Sequence[contract.WireEvent], audit_head: contract.AuditHeadReport | None = None
    ) -> contract.EventsResponse:
        """POST a batch (≤ MAX_EVENTS_PER_BATCH, in seq order), with the device's audit-log head
        (sync.audit_report); the reply names what was stored."""
        if len(events) > contract.MAX_EVENTS_PER_BATCH:
            raise ValueError(f"at most {contract.MAX_EVENTS_PER_BATCH} events per batch")
        body: contract.EventsRequest = {"events": list(events)}
        if audit_head is not None:
            body["audit_head"] = audit_head
        response = self._send("POST", contract.P_EVENTS, body=body)
        return cast(contract.EventsResponse, self._json(response, "EventsResponse"))

    def attachment_status(self, sha256: str) -> contract.AttachmentStatus:
        """How many bytes of this attachment the platform holds (none yet: 404 or received 0)."""
        path = contract.P_ATTACHMENT.format(sha256=sha256)
        response = self._send("GET", path, allow=(404,))
        if response.status_code == 404:
            return {"sha256": sha256, "received": 0, "size": None, "complete": False}
        return cast(contract.AttachmentStatus, self._json(response, "AttachmentStatus"))

    def put_chunk(self, sha256: str, offset: int, chunk: bytes, total: int) -> contract.AttachmentStatus:
        """Append ``chunk`` at exactly ``offset``; AttachmentOffsetMismatch if the platform disagrees.

        Chunks go uncompressed: scans are JPEG/PNG/PDF, gzip would spend CPU for nothing.
        """
        path = f"{contract.P_ATTACHMENT.format(sha256=sha256)}?offset={offset}"
        headers = {contract.H_TOTAL_SIZE: str(total), "Content-Type": "application/octet-stream"}
        try:
            response = self._send("PUT", path, raw=chunk, headers=headers)
        except SyncPermanentError as exc:
            if exc.code != contract.ErrorCode.OFFSET_MISMATCH:
                raise
            raise AttachmentOffsetMismatch(
                exc.message, exc.detail, code=exc.code, status=exc.status
            ) from None
        return cast(contract.AttachmentStatus, self._json(response, "AttachmentStatus"))

    # -- pull --------------------------------------------------------------------------------

    def updates(self, cursor: int, limit: int | None = None) -> contract.UpdatesResponse:
        query = f"?cursor={cursor}" + (f"&limit={limit}" if limit else "")
        response = self._send("GET", contract.P_UPDATES + query)
        return cast(contract.UpdatesResponse, self._json(response, "UpdatesResponse"))

    def catalog(self, have: str | None) -> contract.CatalogResponse | None:
        """The whole catalog when the platform has a newer one than ``have``; None on 304."""
        query = "" if not have else "?" + urlencode({"have": have})
        response = self._send("GET", contract.P_CATALOG + query, allow=(304,))
        if response.status_code == 304:
            return None
        return cast(contract.CatalogResponse, self._json(response, "CatalogResponse"))

    def calendar(self, have: str | None) -> contract.CalendarResponse | None:
        """The platform's holiday calendar unless ``have`` is as new (304), or the platform serves
        none (404: a platform older than the calendar endpoint); None then."""
        query = "" if not have else "?" + urlencode({"have": have})
        response = self._send("GET", contract.P_CALENDAR + query, allow=(304, 404))
        if response.status_code in (304, 404):
            return None
        return cast(contract.CalendarResponse, self._json(response, "CalendarResponse"))

    def staff(self, cursor: int) -> contract.StaffResponse:
        response = self._send("GET", f"{contract.P_STAFF}?cursor={cursor}")
        return cast(contract.StaffResponse, self._json(response, "StaffResponse"))

    def push_ratings(self, ratings: list[contract.WireRating]) -> contract.RatingsResponse:
        """Kiosk ratings with no case (好差评); the platform answers each id stored or duplicate."""
        response = self._send("POST", contract.P_RATINGS, body={"ratings": ratings})
        return cast(contract.RatingsResponse, self._json(response, "RatingsResponse"))

    # -- online-only calls for the GUIs (never queued: they need an answer now) ------------------

    def lookup_licence(self, id_number: str, licence: str) -> contract.LicenceLookupResponse:
        body = {"id_number": id_number, "licence": licence}
        response = self._send("POST", contract.P_LICENCE_LOOKUP, body=body)
        return cast(contract.LicenceLookupResponse, self._json(response, "LicenceLookupResponse"))

    def check_credit(self, id_number: str) -> contract.CreditResponse:
        """Whether the applicant is recorded as 失信 (信用核查 at intake)."""
        response = self._send("POST", contract.P_CREDIT, body={"id_number": id_number})
        return cast(contract.CreditResponse, self._json(response, "CreditResponse"))

    def reserve_certificate(
        self, request_id: str, kind: str, id_number: str, purpose: str | None = None
    ) -> contract.CertificateResponse:
        body: dict[str, Any] = {"request_id": request_id, "kind": kind, "id_number": id_number}
        if purpose:
            body["purpose"] = purpose
        response = self._send("POST", contract.P_CERTIFICATES, body=body)
        return cast(contract.CertificateResponse, self._json(response, "CertificateResponse"))

    def confirm_certificate_printed(
        self, certificate_id: str, request_id: str | None = None, printed_at: str | None = None
    ) -> contract.CertificateResponse:
        body: dict[str, Any] = {}
        if request_id:
            body["request_id"] = request_id
        if printed_at:
            body["printed_at"] = printed_at
        path = contract.P_CERTIFICATE_PRINTED.format(certificate_id=certificate_id)
        response = self._send("POST", path, body=body)
        return cast(contract.CertificateResponse, self._json(response, "CertificateResponse"))

    def device_marks(self) -> contract.DeviceMarksResponse:
        """How far this device had numbered, as the platform knows it (after a restore from backup)."""
        response = self._send("GET", contract.P_DEVICE_MARKS)
        return cast(contract.DeviceMarksResponse, self._json(response, "DeviceMarksResponse"))

    def resolve_token(self, token: str, purpose: str | None = None) -> contract.TokenResponse:
        body: dict[str, Any] = {"token": token}
        if purpose:
            body["purpose"] = purpose
        response = self._send("POST", contract.P_TOKENS, body=body)
        return cast(contract.TokenResponse, self._json(response, "TokenResponse"))

    def progress(
        self, *, case_number: str | None = None, id_number: str | None = None
    ) -> contract.ProgressResponse:
        """办件进度查询: cases accepted at any device, by case number (local or official, as typed
        or scanned) or by the applicant's ID number — exactly one of them. An unknown number gives
        an empty ``cases`` list; a malformed one is a SyncPermanentError with the platform's message.
        """
        if (case_number is None) == (id_number is None):
            raise ValueError("progress() takes exactly one of case_number and id_number")
        body = (
            {"case_number": _case_number_key(case_number)}
            if case_number is not None
            else {"id_number": normalise_id_number(id_number or "")}
        )
        response = self._send("POST", contract.P_PROGRESS, body=body)
        return cast(contract.ProgressResponse, self._json(response, "ProgressResponse"))

    # -- the hall server's own services (the queue: sync/queue_client.py) ----------------------

    def request_json(
        self, method: str, path: str, body: Mapping[str, Any] | None = None, *, timeout: Timeout | None = None
    ) -> dict[str, Any]:
        """A signed request to a path outside the sync contract (the hall server's queue); its JSON
        object answer, unchecked: the caller reads it with its own strict codec."""
        response = self._send(method, path, body=body, timeout=timeout)
        try:
            data = response.json()
        except ValueError:
            raise _bad_reply(f"{method} {path.split('?')[0]}", "not JSON") from None
        if not isinstance(data, dict):
            raise _bad_reply(f"{method} {path.split('?')[0]}", "not a JSON object")
        return data

    # -- the one way out -----------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        raw: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        signed: bool = True,
        timeout: Timeout | None = None,
        allow: tuple[int, ...] = (),
    ) -> requests.Response:
        """Send one request; return a 2xx (or an ``allow``-ed status) response, else raise SyncError."""
        what = f"{method} {path.split('?')[0]}"  # no query in logs: a cursor is harmless, but be strict
        all_headers = dict(headers or {})
        payload = raw if raw is not None else b""
        if body is not None:
            payload, extra = compress(encode_json(body))
            all_headers.update(extra)
            all_headers["Content-Type"] = "application/json"
        request = requests.Request(method, self._base + path, data=payload or None, headers=all_headers)
        prepared = self._session.prepare_request(request)
        if signed:
            if self._secret is None:
                raise SyncPermanentError(
                    "本机尚未在平台登记，请先执行 tongban sync enroll。",
                    f"{what}: device not enrolled",
                    code="not_enrolled",
                )
            prepared.headers.update(
                signed_headers(self._secret, self._device_id, self._clock, method, prepared.path_url, payload)
            )
        response = send(self._session, prepared, self._verify, timeout or self._timeout, what)
        if response.ok or response.status_code in allow:
            return response
        failure = failure_from_response(response, what, self._clock.now())
        response.close()
        logger.info("%s refused: %s", what, failure.detail)
        raise failure

    def _json(self, response: requests.Response, schema_name: str) -> dict[str, Any]:
        """The reply's JSON, valid against its schema; a reply that breaks the contract is permanent."""
        what = f"{response.request.method} {response.request.path_url.split('?')[0]}"
        try:
            data = response.json()
            if not _validator(schema_name).is_valid(data):
                schemas.validate(schema_name, data)  # raises, naming the first problem's JSON path
        except ValueError as exc:  # requests' JSONDecodeError is a ValueError
            raise _bad_reply(what, f"not JSON ({exc})") from None
        except schemas.SchemaViolation as exc:
            raise _bad_reply(what, exc.detail) from None
        return cast(dict[str, Any], data)


def from_settings(settings: AdapterSettings) -> PlatformClient:
    """The ``tongban`` adapter's factory (entry point ``tongban.platform_adapters``: tongban)."""
    return PlatformClient(
        settings.base_url,
        device_id=settings.device_id,
        secret=settings.secret,
        ca_file=settings.ca_file,
        pin=settings.pin,
        timeout=settings.timeout,
        clock=settings.clock,
    )


@functools.cache
def _validator(schema_name: str) -> Draft202012Validator:
    """sync.schemas' schema with its ``$ref``s inlined once: a reply of 200 receipts otherwise
    resolves 200 references, a measurable share of a push's CPU time (bench/sync_bench.py)."""
    schema = schemas.schema(schema_name)
    definitions = schema.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and len(node) == 1:
                return inline(definitions[ref.removeprefix("#/$defs/")])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(value) for value in node]
        return node

    return Draft202012Validator(inline(schema))


def _case_number_key(text: str) -> str:
    """A scanned or typed case number as the platform looks it up: a local number in its 20-digit
    form (grouped ``320115-261122-001-0001-7`` read too), anything else compacted and upper-cased."""
    try:
        return parse_case_number(text).digits
    except ValidationError:
        return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _bad_reply(what: str, why: str) -> SyncPermanentError:
    return SyncPermanentError(
        "省级平台的应答不符合接口约定，本轮同步已停止（本机数据不受影响）。请联系运维人员。",
        f"{what}: reply breaks the contract: {why}",
        code="bad_reply",
    )
