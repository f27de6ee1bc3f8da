"""A hand-written fake of the platform's side of sync/contract.py, for the client's edge cases.

It runs inside pytest-httpserver (a real HTTP server on 127.0.0.1) and keeps what it stored in
plain dicts the tests compare with the device. It checks what the client sends as strictly as the
reference platform would (signature, timestamp, nonce, JSON Schemas), and lets a test inject one
fault per request: an HTTP status, a stored-then-lost reply, a reset, a slow answer.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from werkzeug import Request, Response

from sync import contract, schemas

Fault = Callable[[Request, "FakePlatform"], Response | None]


def canonical(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def error(status: int, code: str, message: str = "出错了", **extra: Any) -> Response:
    body: dict[str, Any] = {"error": {"code": code, "message": message, "detail": f"fake {code}"}}
    body["error"].update(extra)
    return Response(json.dumps(body), status=status, content_type="application/json")


def ok(value: object, status: int = 200) -> Response:
    return Response(json.dumps(value, ensure_ascii=False), status=status, content_type="application/json")


@dataclass
class StoredEvent:
    body: dict[str, Any]
    receipt: str
    received_at: str


@dataclass
class Upload:
    data: bytearray = field(default_factory=bytearray)
    size: int | None = None
    complete: bool = False


class FakePlatform:
    """The platform's state and one request handler; the server calls ``handle`` on its threads."""

    def __init__(self, secret: bytes = b"k" * 32, *, codes: tuple[str, ...] = ("ENROLL-0001",)) -> None:
        self.secret = secret
        self.codes = set(codes)
        self.devices: dict[str, bytes] = {}
        self.events: dict[tuple[str, int], StoredEvent] = {}
        self.inserts = 0  # events stored (a duplicate does not count): exactly-once is inserts == len(events)
        self.uploads: dict[str, Upload] = {}
        self.updates: list[dict[str, Any]] = []
        self.catalog: Any = None  # a contract.CatalogResponse, or None: always 304
        self.staff: list[dict[str, Any]] = []
        self.ratings: dict[str, dict[str, Any]] = {}  # kiosk ratings with no case, by id
        self.invalid_cases: set[str] = set()  # cases whose events are rejected invalid_event
        self.faults: dict[str, list[Fault | int]] = {}  # route → faults for its next requests, in order
        self.requests: list[tuple[str, str]] = []  # (method, path with query), in arrival order
        self.nonces: set[str] = set()
        self.assigned_device_no = 9  # what enroll assigns to a device that asks for a number
        self.lock = threading.Lock()
        self.batch_stored = threading.Event()  # set whenever an events batch has been stored
        self.release = threading.Event()  # hooks waiting for the test let go on this

    # -- test set-up ---------------------------------------------------------------------------

    def register(self, device_id: str) -> None:
        self.devices[device_id] = self.secret

    def add_update(self, case_number: str, type_: str, **fields: Any) -> dict[str, Any]:
        update = {
            "cursor": len(self.updates) + 1,
            "case_number": case_number,
            "type": type_,
            "at": _now(),
            **fields,
        }
        self.updates.append(update)
        return update

    def inject(self, route: str, *faults: Fault | int) -> None:
        self.faults.setdefault(route, []).extend(faults)

    def stored_for(self, device_id: str) -> dict[int, dict[str, Any]]:
        return {seq: e.body for (dev, seq), e in self.events.items() if dev == device_id}

    # -- the handler ---------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        path = request.path
        self.requests.append((request.method, request.full_path.rstrip("?")))
        route = _route(path)
        with self.lock:
            queue = self.faults.get(route)
            fault = queue.pop(0) if queue else None
        if isinstance(fault, int):
            return _busy() if fault == 429 else error(fault, _code_for(fault))
        if fault is not None:
            answer = fault(request, self)
            if answer is not None:
                return answer
        if route == "health":
            return ok({"status": "ok", "version": contract.API_VERSION, "time": _now()})
        if route == "enroll":
            return self._enroll(request)
        refused = self._check_signature(request)
        if refused is not None:
            return refused
        handler = getattr(self, f"_{route}", None)
        if handler is None:
            return error(404, "not_found")
        result: Response = handler(request)
        return result

    def _enroll(self, request: Request) -> Response:
        body = json.loads(request.get_data())
        schemas.validate("EnrollRequest", body)
        if body["code"] not in self.codes:
            return error(403, "bad_enrollment_code", "登记码无效或已使用")
        self.codes.discard(body["code"])
        self.register(body["device_id"])
        return ok(
            {
                "device_id": body["device_id"],
                "secret": base64.b64encode(self.secret).decode(),
                "platform_id": "fake-platform",
                "server_time": _now(),
                "device_no": body.get("device_no", self.assigned_device_no),
            }
        )

    def _check_signature(self, request: Request) -> Response | None:
        device = request.headers.get(contract.H_DEVICE, "")
        secret = self.devices.get(device)
        if secret is None:
            return error(401, "unknown_device")
        timestamp = request.headers.get(contract.H_TIMESTAMP, "0")
        if abs(time.time() - int(timestamp)) > contract.MAX_CLOCK_SKEW_S:
            return error(401, "clock_skew", "设备时钟偏差过大", server_time=_now())
        nonce = request.headers.get(contract.H_NONCE, "")
        with self.lock:
            if nonce in self.nonces:
                return error(401, "replayed_nonce")
            self.nonces.add(nonce)
        signature = request.headers.get(contract.H_SIGNATURE, "")
        if not contract.signature_matches(
            secret,
            signature,
            request.method,
            request.full_path.rstrip("?"),
            timestamp,
            nonce,
            request.get_data(),
        ):
            return error(401, "bad_signature")
        return None

    def _events(self, request: Request) -> Response:
        raw = request.get_data()
        if request.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        body = json.loads(raw)
        schemas.validate("EventsRequest", body)
        receipts: list[dict[str, Any]] = []
        rejected: list[dict[str, Any]] = []
        refused: set[str] = set()  # as the reference platform: a case refused once in a batch stays refused

        def refuse(event: dict[str, Any], code: str, message: str) -> None:
            refused.add(event["case_number"])
            rejected.append({"seq": event["seq"], "code": code, "message": message})

        with self.lock:
            for event in body["events"]:
                key = (event["device_id"], event["seq"])
                earlier = self.events.get(key)
                if earlier is not None:
                    if canonical(earlier.body) == canonical(event):
                        receipts.append(_receipt(event["seq"], "duplicate", earlier))
                    else:
                        refuse(event, "conflict", "同一事件内容不一致")
                    continue
                if event["case_number"] in refused:
                    refuse(event, "out_of_order", "本办件之前的事件未被平台接收")
                    continue
                if event["case_number"] in self.invalid_cases:
                    refuse(event, "invalid_event", "事件内容不合规")
                    continue
                missing = [
                    s for s in event["attachments"] if not (s in self.uploads and self.uploads[s].complete)
                ]
                if missing:
                    refuse(event, "missing_attachment", "附件未上传")
                    continue
                stored = StoredEvent(event, f"R-{len(self.events) + 1:06d}", _now())
                self.events[key] = stored
                self.inserts += 1
                receipts.append(_receipt(event["seq"], "stored", stored))
        self.batch_stored.set()
        return ok({"receipts": receipts, "rejected": rejected})

    def _attachments(self, request: Request) -> Response:
        sha = request.path.rsplit("/", 1)[1]
        with self.lock:
            upload = self.uploads.get(sha)
            if request.method == "GET":
                if upload is None:
                    return error(404, "not_found")
                return ok(_status(sha, upload))
            offset = int(request.args["offset"])
            upload = self.uploads.setdefault(sha, Upload())
            if offset != len(upload.data):
                return error(409, "offset_mismatch", attachment=_status(sha, upload))
            upload.size = int(request.headers[contract.H_TOTAL_SIZE])
            upload.data.extend(request.get_data())
            if len(upload.data) == upload.size:
                if hashlib.sha256(upload.data).hexdigest() != sha:
                    self.uploads.pop(sha)
                    return error(422, "digest_mismatch")
                upload.complete = True
            return ok(_status(sha, upload))

    def _updates(self, request: Request) -> Response:
        cursor = int(request.args.get("cursor", "0"))
        page = [u for u in self.updates if u["cursor"] > cursor][:200]
        next_cursor = page[-1]["cursor"] if page else cursor
        return ok({"updates": page, "next_cursor": next_cursor})

    def _catalog(self, request: Request) -> Response:
        if self.catalog is None or request.args.get("have") == self.catalog["version"]:
            return Response(status=304)
        return ok(self.catalog)

    def _ratings(self, request: Request) -> Response:
        raw = request.get_data()
        body = json.loads(gzip.decompress(raw) if request.headers.get("Content-Encoding") == "gzip" else raw)
        schemas.validate("RatingsRequest", body)
        receipts = []
        with self.lock:
            for rating in body["ratings"]:
                duplicate = rating["id"] in self.ratings
                self.ratings.setdefault(rating["id"], rating)
                receipts.append({"id": rating["id"], "status": "duplicate" if duplicate else "stored"})
        return ok({"receipts": receipts})

    def _staff(self, request: Request) -> Response:
        cursor = int(request.args.get("cursor", "0"))
        page = [a for a in self.staff if a["cursor"] > cursor]
        return ok({"accounts": page, "next_cursor": page[-1]["cursor"] if page else cursor})


def _route(path: str) -> str:
    rest = path.removeprefix(contract.API_PREFIX + "/")
    return rest.split("/", 1)[0]


def _code_for(status: int) -> str:
    return {500: "internal", 503: "unavailable", 400: "bad_request", 404: "not_found"}.get(
        status, f"http_{status}"
    )


def _busy(retry_after: str = "2") -> Response:
    response = error(429, "rate_limited", "平台繁忙")
    response.headers["Retry-After"] = retry_after
    return response


def _status(sha: str, upload: Upload) -> dict[str, Any]:
    return {"sha256": sha, "received": len(upload.data), "size": upload.size, "complete": upload.complete}


def _receipt(seq: int, status: str, stored: StoredEvent) -> dict[str, Any]:
    return {"seq": seq, "status": status, "receipt": stored.receipt, "received_at": stored.received_at}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
