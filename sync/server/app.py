"""The platform as an ASGI application (Starlette): routes, middleware, JSON errors, lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from sync import contract
from sync.contract import ErrorCode
from sync.server import queue, routes
from sync.server.faults import FaultMiddleware
from sync.server.service import PlatformService
from sync.server.wire import ApiError, error_response

_ROUTES = [
    Route(contract.P_HEALTH, routes.health, methods=["GET"]),
    Route(contract.P_OPENAPI, routes.openapi, methods=["GET"]),
    Route(contract.P_ENROLL, routes.enroll, methods=["POST"]),
    Route(contract.P_EVENTS, routes.events, methods=["POST"]),
    Route(contract.P_ATTACHMENT, routes.attachment_status, methods=["GET"]),
    Route(contract.P_ATTACHMENT, routes.attachment_chunk, methods=["PUT"]),
    Route(contract.P_UPDATES, routes.updates, methods=["GET"]),
    Route(contract.P_CATALOG, routes.catalog, methods=["GET"]),
    Route(contract.P_CALENDAR, routes.calendar, methods=["GET"]),
    Route(contract.P_STAFF, routes.staff, methods=["GET"]),
    Route(contract.P_LICENCE_LOOKUP, routes.licence_lookup, methods=["POST"]),
    Route(contract.P_CREDIT, routes.credit_check, methods=["POST"]),
    Route(contract.P_RATINGS, routes.ratings, methods=["POST"]),
    Route(contract.P_DEVICE_MARKS, routes.device_marks, methods=["GET"]),
    Route(contract.P_CERTIFICATES, routes.certificate_reserve, methods=["POST"]),
    Route(contract.P_CERTIFICATE_PRINTED, routes.certificate_printed, methods=["POST"]),
    Route(contract.P_TOKENS, routes.token_resolve, methods=["POST"]),
    Route(contract.P_PROGRESS, routes.progress_lookup, methods=["POST"]),
    Route(queue.P_TICKETS, queue.take_ticket, methods=["POST"]),
    Route(queue.P_TICKETS, queue.find_ticket, methods=["GET"]),
    Route(queue.P_TICKET, queue.get_ticket, methods=["GET"]),
    Route(queue.P_CALL, queue.call_next, methods=["POST"]),
    Route(queue.P_EVENTS, queue.post_events, methods=["POST"]),
    Route(queue.P_BOARD, queue.get_board, methods=["GET"]),
    Route(queue.P_STATS, queue.get_stats, methods=["GET"]),
    Route(contract.P_ADMIN_CASES, routes.admin_cases, methods=["GET"]),
    Route(contract.P_ADMIN_EVENTS, routes.admin_events, methods=["GET"]),
    Route(contract.P_ADMIN_DEVICES, routes.admin_devices, methods=["GET"]),
    Route(contract.P_ADMIN_STATS, routes.admin_stats, methods=["GET"]),
    Route(contract.P_ADMIN_FAULTS, routes.admin_faults, methods=["GET", "POST", "DELETE"]),
]


async def _http_error(request: Request, exc: Exception) -> Response:
    """Routing failures (404 unknown path, 405 wrong method) as JSON like every other error."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        error = ApiError(404, ErrorCode.NOT_FOUND, "接口不存在。", f"no route for {request.url.path}")
    elif status == 405:
        error = ApiError(
            405, ErrorCode.BAD_REQUEST, "该接口不支持此请求方法。", f"method {request.method} not allowed"
        )
    else:
        error = ApiError(status, ErrorCode.INTERNAL, "平台内部错误，请稍后重试。", f"HTTP {status}")
    return error_response(error)


def create_app(platform: PlatformService) -> ASGIApp:
    """The ASGI app serving ``platform``; its lifespan starts and stops the platform's threads."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        platform.start()
        try:
            yield
        finally:
            platform.stop()

    app = Starlette(
        routes=_ROUTES,
        # Compress answers for clients that ask (Accept-Encoding: gzip): the catalog is ~100 KB of JSON.
        middleware=[Middleware(GZipMiddleware, minimum_size=1024)],
        exception_handlers={HTTPException: _http_error, Exception: _http_error},
        lifespan=lifespan,
    )
    app.state.platform = platform
    if platform.faults is None:
        return app
    return FaultMiddleware(app, platform.faults)
