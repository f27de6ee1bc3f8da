"""HTTP plumbing of the platform: typed API errors, JSON responses, bounded and gunzipped request bodies."""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response

from sync import schemas
from sync.contract import AttachmentStatus, ErrorCode

_JSON_MEDIA: Final = "application/json"


class ApiError(Exception):
    """A failure the platform answers with an ``ErrorResponse``: status, code, Chinese message, English detail."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        detail: str = "",
        *,
        headers: Mapping[str, str] | None = None,
        server_time: str | None = None,
        attachment: AttachmentStatus | None = None,
    ) -> None:
        super().__init__(detail or message)
        self.status = status
        self.code = code
        self.message = message
        self.detail = detail or message
        self.headers = dict(headers or {})
        self.server_time = server_time
        self.attachment = attachment

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code.value, "message": self.message, "detail": self.detail}
        if self.server_time is not None:
            error["server_time"] = self.server_time
        body: dict[str, Any] = {"error": error}
        if self.attachment is not None:
            body["attachment"] = dict(self.attachment)
        return body


def bad_request(message: str, detail: str = "") -> ApiError:
    return ApiError(400, ErrorCode.BAD_REQUEST, message, detail)


def not_found(message: str, detail: str = "") -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, message, detail)


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    """UTF-8 JSON without ASCII escapes (Chinese stays readable in logs and curl)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(text.encode("utf-8"), status_code=status, media_type=_JSON_MEDIA, headers=headers)


def error_response(error: ApiError) -> Response:
    return json_response(error.body(), error.status, error.headers)


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body exactly as received (what a signature covers), refusing more than ``limit`` bytes.

    Content-Length is checked first so an oversized upload is refused before it is read; the
    stream is counted too, for chunked requests that announce no length.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not is_decimal(declared):
            raise bad_request("请求头 Content-Length 无效。", f"bad Content-Length {declared!r}")
        if int(declared) > limit:
            raise too_large(limit, int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit, size)
        chunks.append(chunk)
    return b"".join(chunks)


def is_decimal(text: str, max_digits: int = 18) -> bool:
    """Whether ``text`` is 1 to ``max_digits`` ASCII digits. ``str.isdigit`` alone also admits
    "²" and "٤", which ``int`` then refuses; 18 digits stay below SQLite's 2**63 integers."""
    return 0 < len(text) <= max_digits and text.isascii() and text.isdigit()


def _no_constant(name: str) -> Any:
    # RFC 8259 §6: Infinity and NaN are not JSON numbers; Python's json would read them as floats.
    raise ValueError(f"{name} is not a JSON number")


def too_large(limit: int, size: int, attachment: AttachmentStatus | None = None) -> ApiError:
    return ApiError(
        413,
        ErrorCode.TOO_LARGE,
        f"请求内容过大（上限 {limit} 字节）。",
        f"{size} bytes exceed the limit of {limit}",
        attachment=attachment,
    )


def decoded_body(request: Request, raw: bytes, limit: int) -> bytes:
    """The body after ``Content-Encoding: gzip`` is undone (signatures cover ``raw``), at most ``limit`` bytes.

    Decompression is bounded so a small gzip bomb cannot expand into memory (zlib's max_length).
    """
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding != "gzip":
        raise bad_request(
            f"不支持的内容编码“{encoding}”，只支持 gzip。", f"unsupported Content-Encoding {encoding!r}"
        )
    # wbits 16 + MAX_WBITS: a gzip header and trailer, as RFC 1952 and `Content-Encoding: gzip`.
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, limit + 1)
        if len(data) > limit or inflater.unconsumed_tail:
            raise too_large(limit, len(data))
        data += inflater.flush()
    except zlib.error as exc:
        raise bad_request("请求内容的 gzip 压缩数据已损坏。", f"bad gzip body: {exc}") from None
    if not inflater.eof:
        raise bad_request("请求内容的 gzip 压缩数据不完整。", "truncated gzip body")
    if len(data) > limit:
        raise too_large(limit, len(data))
    return data


def loads(data: bytes) -> Any:
    """Strict JSON from a request body: UTF-8, no Infinity/NaN, nesting no deeper than the parser
    can go (a 100,000-deep array is a 400, not a RecursionError); 400 otherwise."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as exc:  # json.JSONDecodeError is a ValueError
        raise bad_request("请求内容不是有效的 UTF-8 JSON。", f"invalid JSON body: {exc}") from None
    except RecursionError:
        raise bad_request("请求内容的 JSON 嵌套层数过多。", "JSON body nested too deeply") from None


def parse_json(data: bytes, schema_name: str, *, allow_empty: bool = False) -> dict[str, Any]:
    """The body as a JSON object valid against ``schema_name``; 400 naming the JSON path otherwise."""
    if not data.strip() and allow_empty:
        return {}
    value = loads(data)
    try:
        schemas.validate(schema_name, value)
    except schemas.SchemaViolation as exc:
        raise bad_request(exc.message, exc.detail) from None
    if not isinstance(value, dict):  # the schemas only admit objects; keeps mypy honest
        raise bad_request("请求内容应为 JSON 对象。", "body is not a JSON object")
    return value
