"""The platform's HTTP handlers: each checks the signature, validates, and hands the work to the storage worker.

Handlers run on the event loop and never block it: database and file work goes through
``StorageWorker.run``. Every failure becomes an ``ErrorResponse`` with an ErrorCode (``endpoint``),
never an HTML page or a traceback.
"""

from __future__ import annotations

import functools
import hmac
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, Final

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from sync import contract
from sync.contract import ErrorCode
from sync.server import audit_heads, auth, certificates, ingest, marks, progress, registry, views
from sync.server import catalog as catalog_history
from sync.server.auth import SignedRequest
from sync.server.faults import FaultSpecError, parse_faults
from sync.server.openapi import document
from sync.server.ratings import store_ratings
from sync.server.service import PlatformService
from sync.server.updates import updates_after
from sync.server.wire import (
    ApiError,
    bad_request,
    decoded_body,
    error_response,
    is_decimal,
    json_response,
    loads,
    not_found,
    parse_json,
    read_body,
)

logger = logging.getLogger(__name__)

Handler = Callable[[Request], Awaitable[Response]]
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_JSON_LIMIT: Final = contract.MAX_JSON_BODY_BYTES


def endpoint(handler: Handler) -> Handler:
    """Turn ApiError into its JSON answer and anything unexpected into a logged 500 ``internal``."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return error_response(exc)
        except ClientDisconnect:
            # The device went away mid-request (network cut): nothing was done, nobody to answer.
            logger.info("client disconnected during %s %s", request.method, request.url.path)
            return error_response(bad_request("请求未完整接收。", "client disconnected"))
        except (sqlite3.OperationalError, OSError):
            # Locked past the busy timeout, disk full, I/O error: nothing was committed (the
            # transaction rolled back), and a retry later may well succeed, so 503, not 500.
            logger.exception("storage failure in %s %s", request.method, request.url.path)
            return error_response(
                ApiError(
                    503,
                    ErrorCode.UNAVAILABLE,
                    "平台存储暂时不可用，请稍后重试。",
                    "storage failure, see the platform log",
                    headers={"Retry-After": "5"},
                )
            )
        except Exception:
            # The traceback goes to the log; the payload does not (exceptions here carry no body).
            logger.exception("unexpected failure in %s %s", request.method, request.url.path)
            return error_response(
                ApiError(
                    500,
                    ErrorCode.INTERNAL,
                    "平台内部错误，请稍后重试。",
                    "internal error, see the platform log",
                )
            )

    return wrapped


def _platform(request: Request) -> PlatformService:
    service: PlatformService = request.app.state.platform
    return service


async def _signed(request: Request, limit: int) -> tuple[str, bytes]:
    """(device id, decoded body) of a request whose signature, clock and nonce check out."""
    platform = _platform(request)
    raw = await read_body(request, limit)
    # The signature covers the path and query exactly as sent, not as Starlette decodes them.
    path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1").split("?", 1)[0]
    query = request.scope.get("query_string", b"").decode("latin-1")
    signed = SignedRequest(request.method, f"{path}?{query}" if query else path, request.headers, raw)
    now = platform.clock.now()
    device_id = await platform.worker.run(lambda db: auth.authenticate(db, signed, now))
    return device_id, decoded_body(request, raw, limit)


def _int_param(request: Request, name: str, default: int | None, low: int, high: int | None = None) -> int:
    text = request.query_params.get(name)
    if text is None:
        if default is None:
            raise bad_request(f"缺少查询参数 {name}。", f"missing query parameter {name}")
        return default
    if not re.fullmatch(r"-?[0-9]{1,18}", text) or int(text) < low or (high is not None and int(text) > high):
        bound = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise bad_request(f"查询参数 {name} 应为整数（{bound}）。", f"bad {name}={text!r}")
    return int(text)


# -- unsigned --------------------------------------------------------------------------------


@endpoint
async def health(request: Request) -> Response:
    platform = _platform(request)
    body: contract.HealthResponse = {
        "status": "ok",
        "version": contract.API_VERSION,
        "time": platform.clock.now().isoformat(),
        "platform_id": platform.platform_id,
    }
    return json_response(body)


@endpoint
async def openapi(request: Request) -> Response:
    return json_response(document())


@endpoint
async def enroll(request: Request) -> Response:
    platform = _platform(request)
    data = parse_json(
        decoded_body(request, await read_body(request, _JSON_LIMIT), _JSON_LIMIT), "EnrollRequest"
    )
    now = platform.clock.now()
    return json_response(await platform.worker.run(lambda db: auth.enroll(db, data, now)))


# -- signed ----------------------------------------------------------------------------------


@endpoint
async def events(request: Request) -> Response:
    platform = _platform(request)
    device_id, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "EventsRequest")
    now = platform.clock.now()
    report = data.get("audit_head")
    await platform.worker.run(lambda db: audit_heads.admit(db, device_id, report, now))
    policy = ingest.CatalogPolicy(
        platform.catalog.version, platform.catalog.codes, platform.config.accepted_catalogs
    )
    outcome = await platform.worker.run(
        lambda db: ingest.store_batch(db, device_id, data["events"], now, policy)
    )
    if outcome.new_work:
        platform.departments.notify()
    return json_response(outcome.response)


def _sha256(request: Request) -> str:
    sha256 = str(request.path_params["sha256"])
    if not _SHA256.fullmatch(sha256):
        raise bad_request("附件编号应为 64 位小写十六进制 sha256。", "bad sha256 in path")
    return sha256


@endpoint
async def attachment_status(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, _JSON_LIMIT)
    sha256 = _sha256(request)
    return json_response(await platform.worker.run(lambda db: platform.attachments.status(db, sha256)))


@endpoint
async def attachment_chunk(request: Request) -> Response:
    platform = _platform(request)
    _, data = await _signed(request, contract.MAX_CHUNK_BYTES)
    sha256 = _sha256(request)
    offset = _int_param(request, "offset", None, 0)
    total_text = request.headers.get(contract.H_TOTAL_SIZE, "")
    if not is_decimal(total_text):
        raise bad_request(
            f"缺少或无效的请求头 {contract.H_TOTAL_SIZE}（整个文件的字节数）。",
            f"bad {contract.H_TOTAL_SIZE}",
        )
    total, now = int(total_text), platform.clock.now()
    status = await platform.worker.run(
        lambda db: platform.attachments.put_chunk(db, sha256, offset, total, data, now)
    )
    return json_response(status)


@endpoint
async def updates(request: Request) -> Response:
    platform = _platform(request)
    device_id, _ = await _signed(request, _JSON_LIMIT)
    cursor = _int_param(request, "cursor", 0, 0)
    limit = _int_param(request, "limit", contract.DEFAULT_UPDATES_LIMIT, 1, contract.MAX_UPDATES_LIMIT)
    return json_response(await platform.worker.run(lambda db: updates_after(db, device_id, cursor, limit)))


@endpoint
async def catalog(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, _JSON_LIMIT)
    have = request.query_params.get("have")
    body = await platform.worker.run(lambda db: catalog_history.answer(db, platform.catalog, have))
    if body is None:
        return Response(status_code=304)
    return Response(body, media_type="application/json")


@endpoint
async def calendar(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, _JSON_LIMIT)
    return platform.calendar.answer(request.query_params.get("have"))


@endpoint
async def staff(request: Request) -> Response:
    platform = _platform(request)
    await _signed(request, _JSON_LIMIT)
    cursor = _int_param(request, "cursor", 0, 0)
    return json_response(await platform.worker.run(lambda db: registry.staff_after(db, cursor)))


@endpoint
async def credit_check(request: Request) -> Response:
    platform = _platform(request)
    _, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "CreditRequest")
    now = platform.clock.now()
    return json_response(
        await platform.worker.run(lambda db: registry.check_credit(db, data["id_number"], now))
    )


@endpoint
async def ratings(request: Request) -> Response:
    """好差评 given at a kiosk with no case: each stored once per (device, id)."""
    platform = _platform(request)
    device_id, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "RatingsRequest")
    now = platform.clock.now()
    return json_response(
        await platform.worker.run(
            lambda db: store_ratings(db, device_id, data["ratings"], now, platform.rating_policy)
        )
    )


@endpoint
async def device_marks(request: Request) -> Response:
    """How far the calling device had numbered, for a device restored from an old backup."""
    platform = _platform(request)
    device_id, _ = await _signed(request, _JSON_LIMIT)
    return json_response(await platform.worker.run(lambda db: marks.device_marks(db, device_id)))


@endpoint
async def licence_lookup(request: Request) -> Response:
    platform = _platform(request)
    _, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "LicenceLookupRequest")
    if data["licence"] not in platform.catalog.licences:
        raise bad_request(
            f"事项目录中没有电子证照类型“{data['licence']}”。", f"unknown licence type {data['licence']!r}"
        )
    return json_response(await platform.worker.run(lambda db: registry.lookup_licence(db, data)))


@endpoint
async def certificate_reserve(request: Request) -> Response:
    platform = _platform(request)
    device_id, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "CertificateRequest")
    now = platform.clock.now()
    return json_response(await platform.worker.run(lambda db: certificates.reserve(db, device_id, data, now)))


@endpoint
async def certificate_printed(request: Request) -> Response:
    platform = _platform(request)
    device_id, body = await _signed(request, _JSON_LIMIT)
    data = parse_json(body, "CertificatePrintedRequest", allow_empty=True)
    certificate_id, now = str(request.path_params["certificate_id"]), platform.clock.now()
    return json_response(
        await platform.worker.run(
            lambda db: certificates.confirm_printed(db, device_id, certificate_id, data, now)
        )
    )


@endpoint
async def token_resolve(request: Request) -> Response:
    platform = _platform(request)
    _, body = await _signed(request, _JSON_LIMIT)
    token, now = parse_json(body, "TokenRequest")["token"], platform.clock.now()
    return json_response(await platform.worker.run(lambda db: registry.resolve_token(db, token, now)))


@endpoint
async def progress_lookup(request: Request) -> Response:
    platform = _platform(request)
    _, body = await _signed(request, _JSON_LIMIT)
    data, now = parse_json(body, "ProgressRequest"), platform.clock.now()
    return json_response(await platform.worker.run(lambda db: progress.lookup(db, data, now)))


# -- operator views and test switches (Authorization: Bearer <admin token>) ------------------


def _require_admin(request: Request) -> None:
    """ApiError 401 unless the request carries the platform's admin token (``platform admin-token``)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    expected = _platform(request).admin_token.encode("ascii")
    given = token.strip().encode("utf-8", "replace")
    if scheme.lower() != "bearer" or not expected or not hmac.compare_digest(given, expected):
        raise ApiError(
            401,
            ErrorCode.BAD_ADMIN_TOKEN,
            "运维接口需要平台管理令牌（请求头 Authorization: Bearer 令牌；"
            "令牌可用 tongban platform admin-token --db 平台数据库 查看）。",
            "missing or wrong admin token (Authorization: Bearer …; see platform admin-token)",
            headers={"WWW-Authenticate": "Bearer"},
        )


@endpoint
async def admin_cases(request: Request) -> Response:
    _require_admin(request)
    device_id = request.query_params.get("device_id")
    return json_response(
        {"cases": await _platform(request).worker.run(lambda db: views.cases(db, device_id=device_id))}
    )


@endpoint
async def admin_events(request: Request) -> Response:
    _require_admin(request)
    case_number, device_id = request.query_params.get("case_number"), request.query_params.get("device_id")
    found = await _platform(request).worker.run(
        lambda db: views.events(db, case_number=case_number, device_id=device_id)
    )
    return json_response({"events": found})


@endpoint
async def admin_devices(request: Request) -> Response:
    _require_admin(request)
    return json_response({"devices": await _platform(request).worker.run(views.devices)})


@endpoint
async def admin_stats(request: Request) -> Response:
    _require_admin(request)
    return json_response(await _platform(request).worker.run(views.stats))


@endpoint
async def admin_faults(request: Request) -> Response:
    _require_admin(request)
    plan = _platform(request).faults
    if plan is None:
        raise not_found("本平台未启用故障注入（启动时加 --enable-faults）。", "fault injection is disabled")
    if request.method == "POST":
        raw = await read_body(request, _JSON_LIMIT)
        value: Any = loads(raw)
        try:
            plan.add(parse_faults(value.get("faults", []) if isinstance(value, dict) else value))
        except FaultSpecError as exc:
            raise bad_request(str(exc), "bad fault spec") from None
    elif request.method == "DELETE":
        plan.clear()
    return json_response({"faults": plan.pending()})
