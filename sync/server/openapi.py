"""The OpenAPI 3.1 document the platform publishes at ``P_OPENAPI``, built from sync.schemas."""

from __future__ import annotations

from typing import Any, Final

from sync import contract, schemas

_SIGNED: Final[list[dict[str, list[str]]]] = [{"device": [], "timestamp": [], "nonce": [], "signature": []}]
_ERRORS: Final = {
    "400": "请求格式或内容不符合约定 (bad_request)",
    "401": "签名、设备、时钟或随机数校验失败",
    "429": "请求过多，见 Retry-After",
    "500": "平台内部错误",
    "503": "平台暂时不可用，见 Retry-After",
}


def _json(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _ok(name: str, description: str = "成功") -> dict[str, Any]:
    return {"description": description, "content": _json(name)}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": _json("ErrorResponse")}


def _query(
    name: str, description: str, *, required: bool = False, minimum: int | None = None
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"} if minimum is not None else {"type": "string"}
    if minimum is not None:
        schema["minimum"] = minimum
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


def _path(name: str, pattern: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", "pattern": pattern}}


def _op(
    summary: str,
    response: str | None,
    *,
    request: str | None = None,
    signed: bool = True,
    extra: dict[str, Any] | None = None,
    parameters: list[dict[str, Any]] | None = None,
    request_optional: bool = False,
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _ok(response) if response else {"description": "成功"}}
    for status, description in _ERRORS.items():
        if signed or status != "401":
            responses[status] = _error(description)
    for status, description in (extra or {}).items():
        responses[status] = _error(description) if status != "304" else {"description": description}
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if request:
        op["requestBody"] = {"required": not request_optional, "content": _json(request)}
    if parameters:
        op["parameters"] = parameters
    op["security"] = _SIGNED if signed else []
    return op


def _admin(summary: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "tags": ["admin"],
            "security": [{"admin": []}],  # Authorization: Bearer <platform admin-token>
            "responses": {"200": {"description": "成功", "content": {"application/json": {"schema": {}}}}},
        }
    }


def document() -> dict[str, Any]:
    """The whole document; every path of sync/contract.py and every message schema."""
    sha = _path("sha256", "^[0-9a-f]{64}$")
    put_chunk = _op(
        "上传附件的一个分块（offset 必须等于平台已收到的字节数）",
        "AttachmentStatus",
        parameters=[
            sha,
            _query("offset", "本分块在文件中的起始位置", required=True, minimum=0),
            {
                "name": contract.H_TOTAL_SIZE,
                "in": "header",
                "required": True,
                "schema": {"type": "integer", "minimum": 0, "maximum": contract.MAX_ATTACHMENT_BYTES},
            },
        ],
        extra={"409": "offset_mismatch（正文含平台当前位置）", "413": "too_large", "422": "digest_mismatch"},
    )
    put_chunk["requestBody"] = {
        "required": True,
        "content": {
            "application/octet-stream": {
                "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
            }
        },
    }
    paths: dict[str, Any] = {
        contract.P_HEALTH: {"get": _op("平台健康检查", "HealthResponse", signed=False)},
        contract.P_OPENAPI: {
            "get": {
                "summary": "本文档",
                "security": [],
                "responses": {
                    "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {}}}}
                },
            }
        },
        contract.P_ENROLL: {
            "post": _op(
                "使用一次性注册码注册设备，取得签名密钥（未给设备编号时由平台分配）",
                "EnrollResponse",
                request="EnrollRequest",
                signed=False,
                extra={"403": "bad_enrollment_code", "409": "设备编号已被另一台设备使用"},
            )
        },
        contract.P_EVENTS: {
            "post": _op(
                "推送办件事件（按 (device_id, seq) 幂等）",
                "EventsResponse",
                request="EventsRequest",
                extra={"413": "too_large"},
            )
        },
        contract.P_ATTACHMENT: {
            "get": _op("查询附件已上传的字节数", "AttachmentStatus", parameters=[sha]),
            "put": put_chunk,
        },
        contract.P_UPDATES: {
            "get": _op(
                "拉取本设备办件的变化（办理结果、状态、正式办件编号）",
                "UpdatesResponse",
                parameters=[
                    _query("cursor", "上次返回的 next_cursor，首次为 0", minimum=0),
                    _query("limit", f"最多条数（默认 {contract.DEFAULT_UPDATES_LIMIT}）", minimum=1),
                ],
            )
        },
        contract.P_CATALOG: {
            "get": _op(
                "拉取事项目录",
                "CatalogResponse",
                parameters=[_query("have", "设备现有的目录版本")],
                extra={"304": "设备的目录已是最新"},
            )
        },
        contract.P_CALENDAR: {
            "get": _op(
                "拉取节假日及调休安排（国务院办公厅通知，按年）",
                "CalendarResponse",
                parameters=[_query("have", "设备现用的节假日安排版本")],
                extra={"304": "设备的节假日安排已是此版本或更新"},
            )
        },
        contract.P_STAFF: {
            "get": _op(
                "拉取工作人员账号（含 scrypt 密码哈希，供离线登录）",
                "StaffResponse",
                parameters=[_query("cursor", "上次返回的 next_cursor，首次为 0", minimum=0)],
            )
        },
        contract.P_CREDIT: {
            "post": _op(
                "信用核查：是否为失信主体（仅在线；失信者不适用告知承诺和容缺受理）",
                "CreditResponse",
                request="CreditRequest",
            )
        },
        contract.P_RATINGS: {
            "post": _op(
                "自助终端好差评（无本地办件）：同一设备同一 id 只记一次",
                "RatingsResponse",
                request="RatingsRequest",
            )
        },
        contract.P_DEVICE_MARKS: {
            "get": _op(
                "本设备已被平台收下的最大事件序号与每日最大办件编号（从备份恢复后先核对，再编号）",
                "DeviceMarksResponse",
            )
        },
        contract.P_LICENCE_LOOKUP: {
            "post": _op("查询电子证照（仅在线）", "LicenceLookupResponse", request="LicenceLookupRequest")
        },
        contract.P_CERTIFICATES: {
            "post": _op(
                "预留一份证明（同一 request_id 只开具一次）",
                "CertificateResponse",
                request="CertificateRequest",
                extra={"404": "查无此人", "409": "request_id 已用于另一申请"},
            )
        },
        contract.P_CERTIFICATE_PRINTED: {
            "post": _op(
                "确认证明已打印（状态变为 issued）",
                "CertificateResponse",
                request="CertificatePrintedRequest",
                request_optional=True,
                parameters=[_path("certificate_id", "^[0-9A-Za-z_-]{1,64}$")],
                extra={"404": "not_found", "409": "request_id 不符"},
            )
        },
        contract.P_TOKENS: {
            "post": _op(
                "解析在线二维码（电子社保卡等）",
                "TokenResponse",
                request="TokenRequest",
                extra={"404": "无法识别或已过期"},
            )
        },
        contract.P_PROGRESS: {
            "post": _op(
                "办件进度查询（按本地或正式办件编号，或申请人身份证件号码；含所有设备受理的办件；仅在线）",
                "ProgressResponse",
                request="ProgressRequest",
            )
        },
        contract.P_ADMIN_CASES: _admin("运维视图：办件（编号、设备、事件数、附件数、状态）"),
        contract.P_ADMIN_EVENTS: _admin("运维视图：事件（不含内容，只有摘要）"),
        contract.P_ADMIN_DEVICES: _admin("运维视图：已注册设备（不含密钥）"),
        contract.P_ADMIN_STATS: _admin("运维视图：统计"),
    }
    header = {"type": "apiKey", "in": "header"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "通办 Tongban 同步接口（参考省级平台）",
            "version": contract.API_VERSION,
            "description": "sync/contract.py 的机器可读形式；签名算法见 contract.sign。",
        },
        "jsonSchemaDialect": schemas.DIALECT,
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas.components(),
            "securitySchemes": {
                "device": {**header, "name": contract.H_DEVICE},
                "timestamp": {**header, "name": contract.H_TIMESTAMP},
                "nonce": {**header, "name": contract.H_NONCE},
                "signature": {**header, "name": contract.H_SIGNATURE},
                "admin": {"type": "http", "scheme": "bearer", "description": "tongban platform admin-token"},
            },
        },
    }
