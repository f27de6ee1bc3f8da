"""The sync contract, one source of truth for the device client and the reference platform.

JSON over HTTP(S), versioned by path (``/api/v1``). Every request except ``health``,
``openapi.json`` and ``enroll`` carries the device identity and an HMAC signature
(see ``canonical_request`` and ``sign``); the server rejects a bad signature, a timestamp more
than ``MAX_CLOCK_SKEW_S`` off its own clock, and a nonce it has seen before.

Idempotency: an event is identified by ``(device_id, seq)``. The same key with the same content
is accepted again (``status: "duplicate"``); the same key with different content is a conflict
(per-event ``code: "conflict"``). The client marks an event acknowledged only when the response
holds a receipt for it — never on a timeout, an error, or a 2xx without a receipt.

Attachments are content-addressed by the sha256 of their bytes and uploaded first, in chunks,
resumably: ``GET .../attachments/{sha256}`` says how many bytes the server holds, ``PUT
.../attachments/{sha256}?offset=N`` appends a chunk at exactly that offset.

Pulls use opaque integer cursors: ``GET /updates?cursor=C`` returns what changed for this
device's cases after C (status, per-department results, official numbers, re-work requests),
and the cursor to ask with next time.

Status codes beyond the error table below: ``GET /catalog`` answers 304 (no body) when ``have``
is the current version; ``GET /calendar`` (the official holiday calendar, core/calendar.py) answers
304 when ``have`` is its version or a newer one; ``PUT .../attachments/{sha256}`` answers 200 with the ``AttachmentStatus``
after each chunk; 429 and 503 carry ``Retry-After`` (seconds). Every error body is an
``ErrorResponse``. The JSON Schema of every message below is in ``sync.schemas`` (one source for
the platform's request checks, the client's response checks and the published OpenAPI document).

``POST /cases/progress`` (办件进度查询) answers for a case taken at any device, so a kiosk can show
a case accepted at a staff window: by the local or the official case number (the receipt's QR
code) or by the applicant's ID number (the ID card on the reader). An unknown number is not an
error: the answer is an empty ``cases`` list (200), so a kiosk never mistakes "no such case" for
"no such route"; a malformed number or ID number is 400 ``bad_request`` with a Chinese message.
The answer names no applicant and holds no ID number: the asking device already knows them.

``POST /credit/check`` (信用核查) says whether a person is recorded as 失信 (a serious bad credit
record): a window asks at intake, because such an applicant may use neither 告知承诺 nor 容缺受理
(国办发〔2020〕42号; core/cases/commitments.py). It is online only; a window that cannot ask records
the standing as not checked. The answer names no one and says only what the window needs.

Case events besides ``accepted``: ``not_accepted`` carries the whole record of an application not
accepted (补正告知 or 不予受理, 行政许可法 §32: status ``supplement_notified`` or ``not_accepted``,
core/cases/refusal.py); the platform stores it and never dispatches it. ``commitment_checked``
carries the 核查 of a 告知承诺 (``items``: the checked item, ``outcome``: "true" or "false").
``evaluated`` carries one 好差评 rating (core.cases.codec.evaluation_to_dict: level, reason, stage
"intake" 一次一评 or "result" 一事一评, channel, categories, a 差评's ``rectification`` deadline); the
platform keeps one per stage. ``rating_followed_up`` carries that rating again with its 整改结果, 回访 or
申诉复核 recorded (``action``: "rectify", "visit" or "appeal"; ``evaluation``). ``procedure_started`` and
``procedure_ended`` carry a 特别程序 that pauses the clock (行政许可法 §45; core/cases/special_procedures.py):
``procedure`` (the one started or ended), ``special_procedures`` (all of the case's, as now) and
``due_date`` (the promised date as moved, or null); the platform keeps the list and the date.

``POST /ratings`` takes 好差评 given at a kiosk for a service that left no case on the device (a
certificate, a look at a case taken elsewhere; core/store/kiosk_ratings.py). Each rating has a random
``id``: the platform stores it once per (device, id) and answers "stored" or "duplicate", so a resend
after a lost answer never counts a rating twice.

The ``admin`` paths are the reference platform's read-only operator views and its test switches:
not device-signed but behind the platform's admin token (``Authorization: Bearer``, ``tongban
platform admin-token``; sync/server/README.md); a device never calls them.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from enum import StrEnum
from typing import Any, Final, NotRequired, TypedDict

API_VERSION: Final = "1"
API_PREFIX: Final = "/api/v1"
MAX_CLOCK_SKEW_S: Final = 300  # five minutes, either way
NONCE_TTL_S: Final = 2 * MAX_CLOCK_SKEW_S  # a nonce older than any acceptable timestamp can be forgotten
MAX_EVENTS_PER_BATCH: Final = 200
MAX_CHUNK_BYTES: Final = 1024 * 1024
MAX_ATTACHMENT_BYTES: Final = 50 * 1024 * 1024
MAX_SEQ: Final = 2**63 - 1  # SQLite's largest INTEGER: an event's seq is stored as one
MAX_JSON_BODY_BYTES: Final = 16 * 1024 * 1024  # a JSON request body, after gzip decompression
DEFAULT_UPDATES_LIMIT: Final = 200  # GET /updates without ?limit=
MAX_UPDATES_LIMIT: Final = 1000

# Request headers of a signed request.
H_DEVICE: Final = "X-Tongban-Device"
H_TIMESTAMP: Final = "X-Tongban-Timestamp"  # Unix seconds, decimal
H_NONCE: Final = "X-Tongban-Nonce"  # 32 lowercase hex characters, random per request
H_SIGNATURE: Final = "X-Tongban-Signature"  # lowercase hex HMAC-SHA256, see sign()
H_TOTAL_SIZE: Final = "X-Tongban-Total-Size"  # attachment uploads: the whole file's size in bytes

# Paths (relative to the platform's base URL).
P_HEALTH: Final = f"{API_PREFIX}/health"
P_OPENAPI: Final = f"{API_PREFIX}/openapi.json"
P_ENROLL: Final = f"{API_PREFIX}/enroll"
P_EVENTS: Final = f"{API_PREFIX}/events"
P_ATTACHMENT: Final = f"{API_PREFIX}/attachments/{{sha256}}"
P_UPDATES: Final = f"{API_PREFIX}/updates"
P_CATALOG: Final = f"{API_PREFIX}/catalog"
P_CALENDAR: Final = f"{API_PREFIX}/calendar"  # the official holiday calendar (节假日及调休安排)
P_STAFF: Final = f"{API_PREFIX}/staff"
P_LICENCE_LOOKUP: Final = f"{API_PREFIX}/licences/lookup"
P_CERTIFICATES: Final = f"{API_PREFIX}/certificates"
P_CERTIFICATE_PRINTED: Final = f"{API_PREFIX}/certificates/{{certificate_id}}/printed"
P_TOKENS: Final = f"{API_PREFIX}/tokens/resolve"  # online QR tokens (电子社保卡 codes …)
P_PROGRESS: Final = f"{API_PREFIX}/cases/progress"  # 办件进度查询: any device's cases, online only
P_CREDIT: Final = f"{API_PREFIX}/credit/check"  # 失信 look-up at intake, online only
P_RATINGS: Final = f"{API_PREFIX}/ratings"  # 好差评 given at a kiosk with no case: once per id
MAX_RATINGS_PER_BATCH: Final = 200
# What the platform holds from the calling device: a device restored from an old backup learns
# here how far its counters had gone, before it numbers again (core/store/numbering.py).
P_DEVICE_MARKS: Final = f"{API_PREFIX}/devices/self/marks"
MAX_PROGRESS_CASES: Final = 20  # a progress answer holds at most this many cases, newest first

# Operator views and test switches of the reference platform (admin token: Authorization: Bearer).
P_ADMIN_CASES: Final = f"{API_PREFIX}/admin/cases"
P_ADMIN_EVENTS: Final = f"{API_PREFIX}/admin/events"  # ?case_number=…&device_id=…
P_ADMIN_DEVICES: Final = f"{API_PREFIX}/admin/devices"
P_ADMIN_STATS: Final = f"{API_PREFIX}/admin/stats"
P_ADMIN_FAULTS: Final = f"{API_PREFIX}/admin/faults"  # only when the platform runs with faults enabled


class ErrorCode(StrEnum):
    """``error.code`` of an error response, and ``code`` of a per-event rejection."""

    BAD_REQUEST = "bad_request"  # 400: malformed JSON or a schema violation
    BAD_SIGNATURE = "bad_signature"  # 401
    UNKNOWN_DEVICE = "unknown_device"  # 401
    CLOCK_SKEW = "clock_skew"  # 401: timestamp more than MAX_CLOCK_SKEW_S off
    REPLAYED_NONCE = "replayed_nonce"  # 401
    BAD_ENROLLMENT_CODE = "bad_enrollment_code"  # 403: unknown or already used
    NOT_FOUND = "not_found"  # 404
    CONFLICT = "conflict"  # 409, or per event: same (device_id, seq), different content
    # Per event: another device already submitted a case with this number (two devices held one
    # device number); no retry can help, the case must be taken again under a new number.
    NUMBER_TAKEN = "number_taken"
    OFFSET_MISMATCH = "offset_mismatch"  # 409: attachment chunk not at the server's offset
    DIGEST_MISMATCH = "digest_mismatch"  # 422: the completed attachment's sha256 differs
    MISSING_ATTACHMENT = "missing_attachment"  # per event: references an attachment not uploaded
    OUT_OF_ORDER = "out_of_order"  # per event: an earlier event of its case is not stored (yet)
    INVALID_EVENT = "invalid_event"  # per event: fails validation
    CATALOG_OUTDATED = (
        "catalog_outdated"  # per event: a platform that refuses cases of a catalog it no longer accepts
    )
    TOO_LARGE = "too_large"  # 413
    RATE_LIMITED = "rate_limited"  # 429 (with Retry-After)
    UNAVAILABLE = "unavailable"  # 503
    INTERNAL = "internal"  # 500
    BAD_ADMIN_TOKEN = "bad_admin_token"  # 401 on /admin/*: no or a wrong ``Authorization: Bearer`` token
    # 409 on POST /events: the audit-log head does not extend the one the platform holds (the
    # device's log was cut or rewritten); the device is held until an operator releases it.
    AUDIT_HEAD = "audit_head"


# Per-event rejections after which the event can never be accepted as it is: the client
# quarantines the case's later events and tells staff. Everything else is retried.
PERMANENT_EVENT_CODES: Final = frozenset(
    {ErrorCode.CONFLICT, ErrorCode.NUMBER_TAKEN, ErrorCode.INVALID_EVENT, ErrorCode.CATALOG_OUTDATED}
)
# Of those, the ones no release and retry can ever get accepted (staff must act another way).
FINAL_EVENT_CODES: Final = frozenset({ErrorCode.NUMBER_TAKEN})


class ErrorBody(TypedDict):
    code: str  # an ErrorCode value
    message: str  # Chinese, for staff
    detail: NotRequired[str]  # English, for logs
    server_time: NotRequired[str]  # ISO 8601, on every 401: lets a device report its clock skew


class ErrorResponse(TypedDict):
    error: ErrorBody
    # offset_mismatch, digest_mismatch and too_large on an upload: what the server holds now
    attachment: NotRequired[AttachmentStatus]


class HealthResponse(TypedDict):
    status: str  # "ok"
    version: str  # API_VERSION
    time: str  # server time, ISO 8601
    platform_id: NotRequired[str]


class EnrollRequest(TypedDict):
    code: str  # the one-time enrollment code an operator printed with `tongban platform issue-code`
    device_id: str  # the id the device generated for itself (Store.device_id)
    region_code: str
    role: str  # window | kiosk | outreach
    # The device's number in its region (set up on the device); left out, the platform assigns one:
    # the number the device already holds there, else the lowest free one.
    device_no: NotRequired[int]
    name: NotRequired[str]
    # Re-enrolling a device the platform knows with an ordinary code: proof that the device holds
    # its current secret (enrollment_proof). A code issued for this device id needs none.
    proof: NotRequired[str]


class EnrollResponse(TypedDict):
    device_id: str
    secret: str  # base64 of 32 random bytes: the HMAC key for every later request
    platform_id: str
    server_time: str  # ISO 8601
    device_no: NotRequired[int]  # the device's number in its region, as asked for or as assigned


class WireEvent(TypedDict):
    """One case event as pushed. ``payload`` is the event body (core.cases.codec for kinds "accepted"
    and "not_accepted")."""

    device_id: str
    seq: int
    case_number: str
    kind: str  # a core.cases.model.EventKind value
    device_time: str  # ISO 8601 with offset, the device's wall clock
    counter: int  # the device's monotonic counter
    operator: str
    catalog_version: str
    attachments: list[str]  # sha256 of every attachment the payload references
    payload: dict[str, Any]


class AuditMark(TypedDict):
    """A point of the device's audit hash chain: ``count`` entries, the last with hash ``hash``
    (core.audit; count 0 names the genesis hash)."""

    count: int
    hash: str


class AuditHeadReport(TypedDict):
    """The device's audit-log head, and its chain's hashes at the heads it reported before and has
    not seen confirmed (sync.audit_report): the platform's last head must be one of them, with
    the same hash, or the log was cut or rewritten since (sync.server.audit_heads)."""

    count: int
    hash: str
    known: list[AuditMark]


MAX_AUDIT_MARKS: Final = 64  # AuditHeadReport.known


class EventsRequest(TypedDict):
    events: list[WireEvent]  # at most MAX_EVENTS_PER_BATCH, in seq order
    audit_head: NotRequired[AuditHeadReport]  # tamper evidence (issue #13); required once reported


class EventReceipt(TypedDict):
    seq: int
    status: str  # "stored" | "duplicate" | "already_rated" (the case's result was rated before: not kept)
    receipt: str  # the server's id of the stored event
    received_at: str  # server time, ISO 8601


class EventRejection(TypedDict):
    seq: int
    code: str  # an ErrorCode value
    message: str  # Chinese, for staff
    detail: NotRequired[str]


class EventsResponse(TypedDict):
    receipts: list[EventReceipt]
    rejected: list[EventRejection]


class AttachmentStatus(TypedDict):
    sha256: str
    received: int  # bytes the server holds
    size: int | None  # the whole size, once a first chunk declared it
    complete: bool  # received == size and the digest matched


class Update(TypedDict):
    """One change the platform made to a device's case, in cursor order.

    type "status": ``status`` is the case's new CaseStatus value.
    type "matter_result": ``matter_id``, ``matter_status`` (a MatterStatus value) and ``result``.
    type "official_number": ``official_number`` bound to the local number.
    type "rework": the platform stored the case but cannot take it under the catalog it was taken
    under (a version it no longer accepts, or a matter no longer in its catalog): ``message`` for
    staff, ``catalog_version`` it must be re-validated against. The reference platform sends it
    instead of refusing the event: a catalog change becomes re-work, never a failed sync.
    (``catalog_outdated`` stays in the contract for platforms that refuse such events.)
    """

    cursor: int
    case_number: str
    type: str
    at: str
    status: NotRequired[str]
    matter_id: NotRequired[str]
    matter_status: NotRequired[str]
    result: NotRequired[str]
    official_number: NotRequired[str]
    message: NotRequired[str]
    catalog_version: NotRequired[str]


class UpdatesResponse(TypedDict):
    updates: list[Update]
    next_cursor: int


class CatalogResponse(TypedDict):
    """``GET /catalog?have=VERSION``: 304 when ``have`` is current; else 200 with the records of a
    catalog feed (core/catalog/feed.py). With ``base`` null, ``records`` is the whole feed in order;
    with ``base`` = the device's version, ``records`` holds only what was added or changed and
    ``keys`` lists every record of the new version as ``[kind, id]`` in feed order (what is not
    listed was removed)."""

    version: str
    base: str | None
    records: list[dict[str, Any]]
    keys: list[list[str]] | None


class CalendarResponse(TypedDict):
    """``GET /calendar?have=VERSION``: 304 when ``have`` is this version or newer; else 200 with the
    platform's holiday calendar, the document of assets/calendar/cn-holidays.json (core/calendar.py
    checks it). A device uses it only while it is newer than the calendar it shipped with."""

    version: str
    calendar: dict[str, Any]


class StaffAccount(TypedDict):
    staff_id: str
    name: str
    role: str  # window | supervisor | outreach | admin
    password_hash: str  # scrypt, "scrypt$n$r$p$salt_b64$hash_b64" (core.passwords)
    active: bool
    cursor: int


class StaffResponse(TypedDict):
    accounts: list[StaffAccount]
    next_cursor: int


class LicenceLookupRequest(TypedDict):
    id_number: str
    licence: str  # a catalog licence type id, e.g. "hukou_book"


class LicenceLookupResponse(TypedDict):
    found: bool
    licence: str
    holder_name: NotRequired[str]
    licence_number: NotRequired[str]
    issued_by: NotRequired[str]
    valid_to: NotRequired[str]
    document_sha256: NotRequired[str]


class CertificateRequest(TypedDict):
    request_id: str  # chosen by the device; the same id never issues twice
    kind: str  # e.g. "no_criminal_record" (无犯罪记录证明)
    id_number: str
    purpose: NotRequired[str]


class CertificateResponse(TypedDict):
    certificate_id: str
    request_id: str
    kind: str
    title: str
    lines: list[str]  # the document's text, line by line, ready to lay out
    verification_code: str  # printed on the certificate, checkable online
    status: str  # "reserved" until the device confirms printing, then "issued"


class CertificatePrintedRequest(TypedDict):
    """Body of ``POST .../certificates/{id}/printed`` (an empty body is accepted too)."""

    request_id: NotRequired[str]  # when given, must be the reservation's request_id
    printed_at: NotRequired[str]  # device time, ISO 8601


class TokenRequest(TypedDict):
    token: str  # the scanned string, exactly as read
    purpose: NotRequired[str]  # e.g. "identify" (亮码办事)


class TokenResponse(TypedDict):
    """The person an online QR token (电子社保卡, 医保电子凭证, 政务服务码) stands for."""

    token_type: str  # "essc" (电子社保卡) | "nhsa_ec" (医保电子凭证) | "gov_code" (政务服务码)
    issuer: str  # Chinese name of the issuing service
    name: str
    id_number: str
    id_kind: str  # a core.validation.IdKind value
    sex: NotRequired[str]
    birth_date: NotRequired[str]  # ISO date
    valid_until: str  # ISO 8601: tokens are short-lived; do not store them


class ProgressRequest(TypedDict):
    """Exactly one of the two keys (the platform answers 400 otherwise)."""

    case_number: NotRequired[str]  # the 20-digit local number or the platform's official number
    id_number: NotRequired[str]  # the applicant's ID document number, as read from the card


class ProgressMatter(TypedDict):
    matter_id: str
    name: str
    dept: str  # department id, as the catalog names it
    dept_name: str
    status: str  # a core.cases.model.MatterStatus value
    status_label: str  # its Chinese label (已分发, 办理中, 已办结 …)
    result: str  # the department's result text, "" until it decided
    updated_at: str | None  # ISO 8601


class MissingMaterial(TypedDict):
    """A material still to be supplied: a 容缺 one with its deadline, or (deadline null) one a
    一次性补正告知书 asked for."""

    name: str
    deadline: str | None  # ISO date


class ProgressCase(TypedDict):
    """One case as a citizen may see it: no applicant name, no ID number."""

    case_number: str  # the local 20-digit number
    official_number: str | None
    bundle_id: str
    bundle_name: str
    status: str  # a core.cases.model.CaseStatus value
    status_label: str  # its Chinese label (已受理, 办理中, 已办结 …)
    status_changed_at: str  # ISO 8601
    promised_date: (
        str | None
    )  # ISO date: 承诺办结日期, as moved by 特别程序; null when a matter publishes no limit
    accepted_at: str  # ISO 8601, the accepting device's time
    device_id: str  # the device that accepted it
    matters: list[ProgressMatter]
    missing: NotRequired[list[MissingMaterial]]  # open 容缺 materials, or what a 补正 record asks for


class ProgressResponse(TypedDict):
    cases: list[ProgressCase]  # newest first, at most MAX_PROGRESS_CASES; empty when none match
    as_of: str  # the platform's time of the answer, ISO 8601


class CreditRequest(TypedDict):
    id_number: str  # the applicant's ID document number


class CreditResponse(TypedDict):
    """Whether the person is recorded as 失信 (may use neither 告知承诺 nor 容缺)."""

    dishonest: bool
    as_of: str  # the platform's time of the answer, ISO 8601
    listed_by: NotRequired[str]  # who recorded it (e.g. the court's 失信被执行人名单), when dishonest


class WireRating(TypedDict):
    """One kiosk rating with no case (好差评, GB/T 39734)."""

    id: str  # uuid4 hex, made by the device: the idempotency key
    at: str  # when it was given, device time, ISO 8601
    level: int  # 5 非常满意 … 1 非常不满意
    reason: str  # required by the kiosk for 1–2
    channel: str  # "kiosk" (自助终端)
    services: list[str]  # what the visit was for (e.g. "certificate")
    follow_up: bool  # a 差评: the hall follows it up
    case_number: NotRequired[
        str
    ]  # 一事一评 of a decided case this device does not hold (or not decided here)
    stage: NotRequired[str]  # "result" with ``case_number`` (core.cases.ratings.RatingStage)
    categories: NotRequired[list[str]]  # GB/T 39734 附录A 差评 categories chosen


class RatingsRequest(TypedDict):
    ratings: list[WireRating]


class RatingReceipt(TypedDict):
    id: str
    status: str  # "stored" | "duplicate"


class RatingsResponse(TypedDict):
    receipts: list[RatingReceipt]


class DeviceMarksResponse(TypedDict):
    """How far the calling device had gone, as far as the platform knows (GET P_DEVICE_MARKS)."""

    device_id: str
    event_seq: int  # the highest event seq stored from this device, 0 when none
    # The highest case number stored from this device for each (region, day, device number), i.e.
    # each daily sequence it numbered in; the device moves each counter past it.
    case_numbers: list[str]


def body_digest(body: bytes) -> str:
    """sha256 hex of the request body exactly as sent (after compression, if any)."""
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The bytes a signature covers: method, path with query, timestamp, nonce, body digest."""
    return "\n".join([method.upper(), path_and_query, timestamp, nonce, body_digest(body)]).encode()


def sign(secret: bytes, method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes) -> str:
    """HMAC-SHA256 over ``canonical_request``, lowercase hex."""
    return hmac.new(
        secret, canonical_request(method, path_and_query, timestamp, nonce, body), hashlib.sha256
    ).hexdigest()


def signature_matches(
    secret: bytes, signature: str, method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes
) -> bool:
    """Constant-time comparison of a received signature with the expected one."""
    expected = sign(secret, method, path_and_query, timestamp, nonce, body)
    return hmac.compare_digest(expected, signature.lower())


def normalise_enrollment_code(text: str) -> str:
    """What people type: full-width characters, lower case, spaces and dashes are all accepted."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum() and ch.isascii())


def enrollment_proof(secret: bytes, device_id: str, code: str) -> str:
    """Hex HMAC-SHA256 by the device's current secret over its id and the (one-time) code it re-enrols
    with: bound to the code, so a proof seen once cannot be used with another code."""
    message = f"tongban re-enrol v1\n{device_id}\n{normalise_enrollment_code(code)}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
