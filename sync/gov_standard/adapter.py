"""The ``gov-standard`` platform adapter: our sync, spoken to a provincial 统一受理 / 办件汇聚 interface.

Each pushed event becomes a 办件上报 of its case's records in the national data model
(core/banjian: one record per matter, with 实施编码, 办件状态, 环节, materials and ratings as the case
holds them now) under the event's serial ``sn`` = device id + ":" + seq, the interface's
idempotency key: a report sent twice is stored once and answered "duplicate" with the first
receipt. Pulled 办件状态变更 come back as our contract's updates (sync/contract.py ``Update``):
the 办件编号 the platform bound, 部门开始办理, each matter's 办结. Exactly-once, quarantine and
backoff stay above this adapter (sync/push.py, sync/pull.py, sync/schedule.py).

It reports what the device's store holds, so its settings carry the device's case reader and
catalog (``AdapterSettings.cases`` / ``.catalog``, given by sync.enrollment.client_for).
Services such a platform does not offer (our catalog format, staff accounts, 电子证照, certificates,
QR tokens, 失信 look-ups) raise ``Unsupported``; callers ask ``capabilities`` first.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping, Sequence
from typing import Any, Final, NoReturn
from urllib.parse import urlencode

import requests

from core.banjian.build import banjian_records
from core.banjian.codec import record_to_json
from core.clock import Clock, SystemClock
from core.errors import TongbanError
from sync import contract
from sync.adapter import AdapterSettings, Capability, unsupported
from sync.client import AttachmentOffsetMismatch
from sync.errors import SyncPermanentError, SyncTransientError
from sync.gov_standard import wire
from sync.transport import (
    PROBE_TIMEOUT,
    HttpAdapter,
    Timeout,
    encode_json,
    failure_from_response,
    send,
)

logger = logging.getLogger(__name__)

NAME: Final = "gov-standard"
# Envelope codes that mean "this report can never be stored as it is": the case is quarantined.
_PERMANENT_REPORT: Final = {
    wire.E_BAD_RECORD: contract.ErrorCode.INVALID_EVENT,
    "409": contract.ErrorCode.CONFLICT,
}
_MATTER_STATES: Final = {"11": "done", "12": "done", "13": "rejected", "8": "processing"}


class GovStandardAdapter(HttpAdapter):
    """One device's connection to a gov-standard platform, on one thread (a requests.Session)."""

    name = NAME
    capabilities: frozenset[Capability] = frozenset({Capability.RATINGS})

    def __init__(self, settings: AdapterSettings) -> None:
        super().__init__(
            settings.base_url,
            f"tongban-gov-standard/{contract.API_VERSION}",
            ca_file=settings.ca_file,
            pin=settings.pin,
        )
        self._settings = settings
        self._app_key = settings.device_id  # the terminal registers under its own id (终端编号)
        self._clock: Clock = settings.clock or SystemClock()

    # -- the core of sync ----------------------------------------------------------------------

    def health(self, timeout: Timeout = PROBE_TIMEOUT) -> contract.HealthResponse:
        data = self._call("GET", wire.P_HEALTH, signed=False, timeout=timeout)
        answer: contract.HealthResponse = {
            "status": "ok",
            "version": str(data.get("version", "")),
            "time": _text(data, "serverTime"),
        }
        if data.get("platformId"):
            answer["platform_id"] = str(data["platformId"])
        return answer

    def enroll(self, request: contract.EnrollRequest) -> contract.EnrollResponse:
        body: dict[str, Any] = {
            "regCode": request["code"],
            "terminalId": request["device_id"],
            "areaCode": request["region_code"],
            "role": request["role"],
        }
        if "device_no" in request:
            body["terminalNo"] = request["device_no"]
        if "name" in request:
            body["terminalName"] = request["name"]
        data = self._call("POST", wire.P_REGISTER, body=body, signed=False)
        answer: contract.EnrollResponse = {
            "device_id": _text(data, "terminalId"),
            "secret": _text(data, "appSecret"),
            "platform_id": _text(data, "platformId"),
            "server_time": _text(data, "serverTime"),
        }
        if isinstance(data.get("terminalNo"), int):
            answer["device_no"] = data["terminalNo"]
        return answer

    def push_events(
        self, events: Sequence[contract.WireEvent], audit_head: contract.AuditHeadReport | None = None
    ) -> contract.EventsResponse:
        """One 办件上报 per event, in one request; each answered stored, duplicate or refused.

        ``audit_head`` is not sent: the 办件汇聚 interface has no field for a device's audit log, so
        tamper evidence reaches only our own platform (sync/server/README.md, Security)."""
        if len(events) > wire.MAX_REPORTS:
            raise ValueError(f"at most {wire.MAX_REPORTS} reports per request")
        reports, refused = [], []
        for event in events:
            try:
                reports.append(self._report(event))
            except TongbanError as exc:  # the device cannot describe this case as 办件 records
                refused.append(
                    {
                        "seq": event["seq"],
                        "code": contract.ErrorCode.INVALID_EVENT.value,
                        "message": f"办件 {event['case_number']} 无法按办件数据规范上报：{exc.message}",
                        "detail": f"gov-standard: {exc.detail or exc}",
                    }
                )
        receipts: list[contract.EventReceipt] = []
        rejected: list[contract.EventRejection] = list(refused)  # type: ignore[arg-type]
        if reports:
            data = self._call("POST", wire.P_REPORT, body={"reports": reports})
            by_sn = {event_sn(self._settings.device_id, e["seq"]): e["seq"] for e in events}
            for result in _list(data, "results"):
                seq = by_sn.get(str(result.get("sn")))
                if seq is None:
                    raise _bad_reply("report", f"a result for an sn not sent: {result.get('sn')!r}")
                if result.get("code", wire.OK) == wire.OK:
                    receipts.append(
                        {
                            "seq": seq,
                            "status": "duplicate" if result.get("duplicate") else "stored",
                            "receipt": _text(result, "receiptId"),
                            "received_at": _text(result, "receivedAt"),
                        }
                    )
                else:
                    code = _PERMANENT_REPORT.get(str(result["code"]), contract.ErrorCode.OUT_OF_ORDER)
                    rejected.append(
                        {
                            "seq": seq,
                            "code": code.value,
                            "message": str(result.get("msg") or "平台未接收此办件。"),
                            "detail": f"gov-standard report refused: {result['code']}",
                        }
                    )
        return {"receipts": receipts, "rejected": rejected}

    def _report(self, event: contract.WireEvent) -> dict[str, Any]:
        cases, catalog = self._settings.cases, self._settings.catalog
        if cases is None or catalog is None:
            raise ValueError("the gov-standard adapter reports records: its settings need cases and catalog")
        case = cases(event["case_number"])
        return {
            "sn": event_sn(self._settings.device_id, event["seq"]),
            "event": event["kind"],
            "eventTime": event["device_time"],
            "operator": event["operator"],
            "localProjid": event["case_number"],
            "files": list(event["attachments"]),
            "records": [record_to_json(r) for r in banjian_records(case, catalog())],
        }

    def attachment_status(self, sha256: str) -> contract.AttachmentStatus:
        data = self._call("GET", wire.P_FILE.format(sha256=sha256))
        return _file_status(sha256, data)

    def put_chunk(self, sha256: str, offset: int, chunk: bytes, total: int) -> contract.AttachmentStatus:
        path = f"{wire.P_FILE.format(sha256=sha256)}?{urlencode({'offset': offset})}"
        headers = {wire.H_TOTAL_SIZE: str(total), "Content-Type": "application/octet-stream"}
        try:
            data = self._call("PUT", path, raw=chunk, headers=headers)
        except SyncPermanentError as exc:
            if exc.code != f"gov_{wire.E_OFFSET}":
                raise
            raise AttachmentOffsetMismatch(
                exc.message, exc.detail, code=contract.ErrorCode.OFFSET_MISMATCH, status=exc.status
            ) from None
        return _file_status(sha256, data)

    def updates(self, cursor: int, limit: int | None = None) -> contract.UpdatesResponse:
        """办件状态变更 since ``cursor`` as our updates; changes that mean nothing to the device
        (the platform's own 已接件 / 已受理 echo) are passed over, the cursor still moves."""
        query = {"since": cursor, **({"limit": limit} if limit else {})}
        data = self._call("GET", f"{wire.P_CHANGES}?{urlencode(query)}")
        updates: list[contract.Update] = []
        for change in _list(data, "changes"):
            update = _update(change)
            if update is not None:
                updates.append(update)
        next_id = data.get("nextId")
        if not isinstance(next_id, int) or isinstance(next_id, bool):
            raise _bad_reply("changes", "nextId is not an integer")
        return {"updates": updates, "next_cursor": next_id}

    def push_ratings(self, ratings: list[contract.WireRating]) -> contract.RatingsResponse:
        """好差评 with no 办件 (the national payload's names: satisfaction, pf, writingEvaluation)."""
        items = [
            {
                "id": r["id"],
                "assessTime": r["at"],
                "satisfaction": r["level"],
                "writingEvaluation": r["reason"],
                "pf": r["channel"],
                "services": r["services"],
                "rectify": r["follow_up"],
            }
            for r in ratings
        ]
        data = self._call("POST", wire.P_EVALUATIONS, body={"items": items})
        return {
            "receipts": [
                {"id": str(x.get("id")), "status": "duplicate" if x.get("duplicate") else "stored"}
                for x in _list(data, "results")
            ]
        }

    # -- services such a platform does not offer ----------------------------------------------

    def catalog(self, have: str | None) -> contract.CatalogResponse | None:
        _refuse(Capability.CATALOG)

    def calendar(self, have: str | None) -> contract.CalendarResponse | None:
        _refuse(Capability.CALENDAR)

    def staff(self, cursor: int) -> contract.StaffResponse:
        _refuse(Capability.STAFF)

    def lookup_licence(self, id_number: str, licence: str) -> contract.LicenceLookupResponse:
        _refuse(Capability.LICENCES)

    def check_credit(self, id_number: str) -> contract.CreditResponse:
        _refuse(Capability.CREDIT)

    def reserve_certificate(
        self, request_id: str, kind: str, id_number: str, purpose: str | None = None
    ) -> contract.CertificateResponse:
        _refuse(Capability.CERTIFICATES)

    def confirm_certificate_printed(
        self, certificate_id: str, request_id: str | None = None, printed_at: str | None = None
    ) -> contract.CertificateResponse:
        _refuse(Capability.CERTIFICATES)

    def resolve_token(self, token: str, purpose: str | None = None) -> contract.TokenResponse:
        _refuse(Capability.TOKENS)

    def progress(
        self, *, case_number: str | None = None, id_number: str | None = None
    ) -> contract.ProgressResponse:
        _refuse(Capability.PROGRESS)

    def device_marks(self) -> contract.DeviceMarksResponse:
        """The interface has no query of a device's highest numbers: a restored device is released
        by its operator (core/store/numbering.py)."""
        _refuse(Capability.MARKS)

    # -- the one way out -------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        raw: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        signed: bool = True,
        timeout: Timeout | None = None,
    ) -> dict[str, Any]:
        """Send one request; the envelope's ``data`` on code "0", else a SyncError."""
        what = f"{method} {path.split('?')[0]}"
        payload = raw if raw is not None else (encode_json(body) if body is not None else b"")
        all_headers = dict(headers or {})
        if body is not None:
            all_headers["Content-Type"] = "application/json; charset=utf-8"
        request = requests.Request(method, self._base + path, data=payload or None, headers=all_headers)
        prepared = self._session.prepare_request(request)
        if signed:
            secret = self._settings.secret
            if secret is None:
                raise SyncPermanentError(
                    "本机尚未在平台注册，请先执行 tongban sync enroll。",
                    f"{what}: terminal not registered",
                    code="not_enrolled",
                )
            timestamp = str(int(self._clock.now().timestamp() * 1000))
            nonce = secrets.token_hex(16)
            prepared.headers.update(
                {
                    wire.H_APP_KEY: self._app_key,
                    wire.H_TIMESTAMP: timestamp,
                    wire.H_NONCE: nonce,
                    wire.H_SIGN: wire.sign(
                        secret, self._app_key, timestamp, nonce, method, prepared.path_url, payload
                    ),
                }
            )
        response = send(self._session, prepared, self._verify, timeout or self._settings.timeout, what)
        if not response.ok:
            refusal = _envelope_refusal(response, what)
            failure = refusal or failure_from_response(response, what, self._clock.now())
            response.close()
            raise failure
        try:
            reply = response.json()
        except ValueError:
            raise _bad_reply(what, "not JSON") from None
        if not isinstance(reply, dict) or "code" not in reply:
            raise _bad_reply(what, "no envelope")
        code = str(reply["code"])
        if code == wire.OK:
            data = reply.get("data")
            return data if isinstance(data, dict) else {}
        message = str(reply.get("msg") or "平台拒绝了请求。")
        detail = f"{what}: gov-standard code {code}: {str(reply.get('msg'))[:200]}"
        if code == wire.E_BUSY:
            raise SyncTransientError(f"省级平台繁忙：{message}", detail, code=f"gov_{code}")
        raise SyncPermanentError(message, detail, code=f"gov_{code}")


def from_settings(settings: AdapterSettings) -> GovStandardAdapter:
    """The ``gov-standard`` adapter's factory (entry point ``tongban.platform_adapters``)."""
    return GovStandardAdapter(settings)


def event_sn(device_id: str, seq: int) -> str:
    """A report's serial (流水号): the interface's idempotency key."""
    return f"{device_id}:{seq}"


def _update(change: Mapping[str, Any]) -> contract.Update | None:
    """One 办件状态变更 as our update, or None for a change the device has nothing to do with."""
    try:
        cursor = int(change["changeId"])
        number = str(change["localProjid"])
        kind = str(change["changeType"])
        at = str(change["changeTime"])
    except (KeyError, TypeError, ValueError):
        raise _bad_reply(
            "changes", f"a change without changeId/localProjid/changeType/changeTime: {change!r:.200}"
        ) from None
    if kind == "projid":  # the 办件编号 of the case (a matter's own, or the 一件事's)
        return contract.Update(
            cursor=cursor,
            case_number=number,
            at=at,
            type="official_number",
            official_number=str(change["projid"]),
        )
    if kind != "state":
        return None  # a newer platform's change type
    state = str(change.get("handlestart", ""))
    matter = change.get("matterId")
    if matter is None:
        if state == "8":  # the 一件事 went to its departments
            return contract.Update(
                cursor=cursor, case_number=number, at=at, type="status", status="dispatched"
            )
        return None
    status = _MATTER_STATES.get(state)
    if status is None:
        return None
    return contract.Update(
        cursor=cursor,
        case_number=number,
        at=at,
        type="matter_result",
        matter_id=str(matter),
        matter_status=status,
        result=str(change.get("opinion") or ""),
    )


def _envelope_refusal(response: requests.Response, what: str) -> SyncPermanentError | None:
    """A 4xx whose body is the interface's envelope: its own message for staff (5xx and 429 stay
    transient, classified by sync.transport)."""
    if response.status_code >= 500 or response.status_code in (408, 429):
        return None
    try:
        reply = response.json()
    except ValueError:
        return None
    if not isinstance(reply, dict) or "code" not in reply:
        return None
    code = str(reply["code"])
    return SyncPermanentError(
        str(reply.get("msg") or "平台拒绝了请求。"),
        f"{what}: HTTP {response.status_code} gov-standard code {code}",
        code=f"gov_{code}",
        status=response.status_code,
    )


def _file_status(sha256: str, data: Mapping[str, Any]) -> contract.AttachmentStatus:
    try:
        received = int(data.get("received", 0))
        size = data.get("fileSize")
        return {
            "sha256": sha256,
            "received": received,
            "size": None if size is None else int(size),
            "complete": bool(data.get("complete", False)),
        }
    except (TypeError, ValueError):
        raise _bad_reply("file", "received/fileSize are not integers") from None


def _list(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise _bad_reply(key, f"{key} is not a list of objects")
    return value


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise _bad_reply(key, f"{key} missing")
    return value


def _refuse(capability: Capability) -> NoReturn:
    raise unsupported(NAME, capability)


def _bad_reply(what: str, why: str) -> SyncPermanentError:
    return SyncPermanentError(
        "省级平台的应答不符合接口约定，本轮同步已停止（本机数据不受影响）。请联系运维人员。",
        f"gov-standard {what}: reply breaks the interface: {why}",
        code="bad_reply",
    )
