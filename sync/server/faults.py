"""Fault injection for client tests: the next N requests fail, wait, or lose their answer.

Off unless the platform runs with faults enabled (``--enable-faults`` or the environment variable
``TONGBAN_PLATFORM_FAULTS``). A fault is a JSON object:

- ``{"mode": "status", "status": 503, "count": 2, "retry_after": 1}``: answer 500, 503 or 429
  (with ``Retry-After``) without touching the request;
- ``{"mode": "delay", "seconds": 3}``: wait, then handle the request normally;
- ``{"mode": "drop"}``: handle the request (a batch *is* stored), then cut the connection halfway
  through the answer — the lost acknowledgement;
- ``{"mode": "reset"}``: cut the connection without handling the request (nothing stored).

Optional on every fault: ``count`` (default 1), ``path`` (a path prefix; default every
``/api/v1/`` path except the admin ones) and ``method``. Faults apply first-in, first-out.
The middleware runs on the event loop; the lock guards the list against the admin endpoint.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.contract import API_PREFIX, ErrorCode

logger = logging.getLogger(__name__)

ENV_VAR: Final = "TONGBAN_PLATFORM_FAULTS"
MODES: Final = ("status", "delay", "drop", "reset")
_ADMIN: Final = f"{API_PREFIX}/admin/"
_STATUS_ERRORS: Final = {
    500: (ErrorCode.INTERNAL, "平台内部错误（模拟故障），请稍后重试。"),
    503: (ErrorCode.UNAVAILABLE, "平台暂时不可用（模拟故障），请稍后重试。"),
    429: (ErrorCode.RATE_LIMITED, "请求过于频繁（模拟故障），请稍后重试。"),
}
# Set while a deliberate drop is in progress, so uvicorn's complaint about it is not logged.
_dropping: contextvars.ContextVar[bool] = contextvars.ContextVar("tongban_fault_dropping", default=False)


class FaultSpecError(ValueError):
    """A fault description that cannot be used; the message is Chinese."""


@dataclass
class Fault:
    mode: str
    count: int = 1
    path: str | None = None
    method: str | None = None
    status: int = 503
    seconds: float = 1.0
    retry_after: int = 1

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is not None:
            return path.startswith(self.path)
        return path.startswith(API_PREFIX + "/") and not path.startswith(_ADMIN)

    def describe(self) -> dict[str, Any]:
        return dict(vars(self))


def parse_faults(value: Any) -> list[Fault]:
    """Faults from decoded JSON: one object or a list of them. FaultSpecError names the problem."""
    items = value if isinstance(value, list) else [value]
    faults = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise FaultSpecError(f"第 {n} 个故障应为 JSON 对象")
        unknown = set(item) - {"mode", "count", "path", "method", "status", "seconds", "retry_after"}
        if unknown:
            raise FaultSpecError(f"第 {n} 个故障有未知字段：{'、'.join(sorted(unknown))}")
        mode = item.get("mode")
        if mode not in MODES:
            raise FaultSpecError(f"第 {n} 个故障的 mode 应为 {' / '.join(MODES)} 之一")
        try:
            fault = Fault(
                mode=mode,
                count=int(item.get("count", 1)),
                path=None if item.get("path") is None else str(item["path"]),
                method=None if item.get("method") is None else str(item["method"]),
                status=int(item.get("status", 503)),
                seconds=float(item.get("seconds", 1.0)),
                retry_after=int(item.get("retry_after", 1)),
            )
        except (TypeError, ValueError):
            raise FaultSpecError(f"第 {n} 个故障的数值字段有误") from None
        if fault.count < 1 or not 0 <= fault.seconds <= 300 or fault.retry_after < 0:
            raise FaultSpecError(f"第 {n} 个故障的 count、seconds 或 retry_after 超出范围")
        if fault.mode == "status" and fault.status not in _STATUS_ERRORS:
            raise FaultSpecError(f"第 {n} 个故障的 status 应为 {' / '.join(map(str, _STATUS_ERRORS))} 之一")
        faults.append(fault)
    return faults


def parse_env(text: str) -> list[Fault]:
    try:
        return parse_faults(json.loads(text))
    except json.JSONDecodeError:
        raise FaultSpecError(f"环境变量 {ENV_VAR} 不是有效的 JSON") from None


class FaultPlan:
    """The pending faults (thread-safe: the admin endpoint and the middleware share it)."""

    def __init__(self, faults: list[Fault] | None = None) -> None:
        self._lock = threading.Lock()
        self._faults = list(faults or [])

    def add(self, faults: list[Fault]) -> None:
        with self._lock:
            self._faults.extend(faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, Any]]:
        with self._lock:
            return [f.describe() for f in self._faults]

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None


class _QuietDrop(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _dropping.get()


class FaultMiddleware:
    """Outermost ASGI middleware applying the plan (lives on the event loop)."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan
        uvicorn_log = logging.getLogger("uvicorn.error")
        if not any(isinstance(f, _QuietDrop) for f in uvicorn_log.filters):
            uvicorn_log.addFilter(_QuietDrop())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self.plan.take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        logger.info("injecting fault %s on %s %s", fault.mode, scope["method"], scope["path"])
        if fault.mode == "status":
            await _send_status(send, fault)
        elif fault.mode == "delay":
            await asyncio.sleep(fault.seconds)
            await self.app(scope, receive, send)
        elif fault.mode == "reset":
            await _cut(send, [(b"content-type", b"application/json"), (b"content-length", b"64")], b"{")
        else:
            await self._drop_answer(scope, receive, send)

    async def _drop_answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        messages: list[Message] = []

        async def capture(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, capture)  # everything the request does is done and committed
        start = next((m for m in messages if m["type"] == "http.response.start"), None)
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        headers = [(k, v) for k, v in (start or {}).get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(max(len(body), 2)).encode()))
        await _cut(send, headers, body[: len(body) // 2], status=(start or {}).get("status", 200))


async def _send_status(send: Send, fault: Fault) -> None:
    code, message = _STATUS_ERRORS[fault.status]
    body = json.dumps(
        {
            "error": {
                "code": code.value,
                "message": message,
                "detail": f"injected fault: status {fault.status}",
            }
        },
        ensure_ascii=False,
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if fault.status in (429, 503):
        headers.append((b"retry-after", str(fault.retry_after).encode()))
    await send({"type": "http.response.start", "status": fault.status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _cut(send: Send, headers: list[tuple[bytes, bytes]], partial: bytes, *, status: int = 200) -> None:
    """Start an answer, send part of it, and return unfinished: uvicorn then closes the connection."""
    _dropping.set(True)
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": partial, "more_body": True})
