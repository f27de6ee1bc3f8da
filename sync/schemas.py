"""JSON Schemas (draft 2020-12) of every sync/contract.py message, and one ``validate`` for both sides.

One source for three uses: the reference platform checks each request body against its schema
(400 ``bad_request`` naming the failing JSON path), the device client checks each response the
same way, and ``sync.server.openapi`` publishes them as OpenAPI 3.1 components. A test keeps
the key sets equal to the TypedDicts in sync/contract.py.

Requests are strict (``additionalProperties: false``): an unknown key is a client bug, such as a
misspelt optional field, that would otherwise be dropped silently. Responses are open (a tolerant
reader): a platform that adds an optional field must not break devices already in the field.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Mapping
from typing import Any, Final

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as _JsonSchemaError
from jsonschema.exceptions import best_match

from core.case_numbers import DEVICE_MAX
from core.errors import TongbanError
from sync import contract

Schema = dict[str, Any]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_DEFS: Final = "#/$defs/"

_SHA256: Final[Schema] = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_STRING: Final[Schema] = {"type": "string"}
_TEXT: Final[Schema] = {"type": "string", "minLength": 1, "maxLength": 200}
_ID_NUMBER: Final[Schema] = {"type": "string", "pattern": "^[0-9A-Za-z]{15,18}$"}
_COUNT: Final[Schema] = {"type": "integer", "minimum": 0}
_OPTIONAL_STRING: Final[Schema] = {"type": ["string", "null"]}
# A local case number (20 digits) or an official one (the reference platform's are 43 characters).
_CASE_NUMBER: Final[Schema] = {"type": "string", "pattern": "^[0-9A-Za-z]{20,64}$"}


def _ref(name: str) -> Schema:
    return {"$ref": _DEFS + name}


def _message(
    required: Mapping[str, Schema], optional: Mapping[str, Schema] | None = None, *, strict: bool
) -> Schema:
    schema: Schema = {
        "type": "object",
        "properties": {**required, **(optional or {})},
        "required": list(required),
    }
    if strict:
        schema["additionalProperties"] = False
    return schema


def _request(required: Mapping[str, Schema], optional: Mapping[str, Schema] | None = None) -> Schema:
    return _message(required, optional, strict=True)


def _response(required: Mapping[str, Schema], optional: Mapping[str, Schema] | None = None) -> Schema:
    return _message(required, optional, strict=False)


_DEVICE_NO: Final[Schema] = {"type": "integer", "minimum": 1, "maximum": DEVICE_MAX}
_ERROR_CODES: Final = sorted(code.value for code in contract.ErrorCode)

# Named after the TypedDicts of sync/contract.py, one schema each.
DEFINITIONS: Final[dict[str, Schema]] = {
    "ErrorBody": _response(
        {"code": _STRING, "message": _STRING},
        {"detail": _STRING, "server_time": _STRING},
    ),
    "ErrorResponse": _response({"error": _ref("ErrorBody")}, {"attachment": _ref("AttachmentStatus")}),
    "HealthResponse": _response(
        {"status": _STRING, "version": _STRING, "time": _STRING}, {"platform_id": _STRING}
    ),
    "EnrollRequest": _request(
        {
            "code": {"type": "string", "minLength": 4, "maxLength": 64},
            "device_id": {"type": "string", "pattern": "^[0-9A-Za-z_-]{8,64}$"},
            "region_code": {"type": "string", "pattern": "^[1-9][0-9]{5}$"},
            "role": {"enum": ["window", "kiosk", "outreach", "display"]},
        },
        {"device_no": _DEVICE_NO, "name": {"type": "string", "maxLength": 100}, "proof": _SHA256},
    ),
    "EnrollResponse": _response(
        {"device_id": _STRING, "secret": _STRING, "platform_id": _STRING, "server_time": _STRING},
        {"device_no": _DEVICE_NO},
    ),
    "WireEvent": _request(
        {
            "device_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "seq": {"type": "integer", "minimum": 1, "maximum": contract.MAX_SEQ},
            "case_number": {"type": "string", "minLength": 1, "maxLength": 64},
            "kind": {"type": "string", "minLength": 1, "maxLength": 64},
            "device_time": {"type": "string", "minLength": 10, "maxLength": 40},
            "counter": {"type": "integer"},
            "operator": {"type": "string", "maxLength": 64},
            "catalog_version": {"type": "string", "maxLength": 64},
            "attachments": {"type": "array", "items": _SHA256, "uniqueItems": True, "maxItems": 1000},
            "payload": {"type": "object"},
        }
    ),
    "AuditMark": _request(
        {"count": {"type": "integer", "minimum": 0, "maximum": contract.MAX_SEQ}, "hash": _SHA256}
    ),
    "AuditHeadReport": _request(
        {
            "count": {"type": "integer", "minimum": 0, "maximum": contract.MAX_SEQ},
            "hash": _SHA256,
            "known": {"type": "array", "items": _ref("AuditMark"), "maxItems": contract.MAX_AUDIT_MARKS},
        }
    ),
    "EventsRequest": _request(
        {
            "events": {
                "type": "array",
                "items": _ref("WireEvent"),
                "minItems": 1,
                "maxItems": contract.MAX_EVENTS_PER_BATCH,
            }
        },
        {"audit_head": _ref("AuditHeadReport")},
    ),
    "EventReceipt": _response(
        {
            "seq": {"type": "integer"},
            "status": {"enum": ["stored", "duplicate"]},
            "receipt": {"type": "string", "minLength": 1},
            "received_at": _STRING,
        }
    ),
    "EventRejection": _response(
        {"seq": {"type": "integer"}, "code": _STRING, "message": _STRING}, {"detail": _STRING}
    ),
    "EventsResponse": _response(
        {
            "receipts": {"type": "array", "items": _ref("EventReceipt")},
            "rejected": {"type": "array", "items": _ref("EventRejection")},
        }
    ),
    "AttachmentStatus": _response(
        {
            "sha256": _SHA256,
            "received": _COUNT,
            "size": {"type": ["integer", "null"], "minimum": 0},
            "complete": {"type": "boolean"},
        }
    ),
    "Update": _response(
        {"cursor": {"type": "integer"}, "case_number": _STRING, "type": _STRING, "at": _STRING},
        {
            "status": _STRING,
            "matter_id": _STRING,
            "matter_status": _STRING,
            "result": _STRING,
            "official_number": _STRING,
            "message": _STRING,
            "catalog_version": _STRING,
        },
    ),
    "UpdatesResponse": _response(
        {"updates": {"type": "array", "items": _ref("Update")}, "next_cursor": {"type": "integer"}}
    ),
    "CatalogResponse": _response(
        {
            "version": _STRING,
            "base": {"type": ["string", "null"]},
            "records": {"type": "array", "items": {"type": "object"}},
            "keys": {
                "type": ["array", "null"],
                "items": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
            },
        }
    ),
    "CalendarResponse": _response({"version": _STRING, "calendar": {"type": "object"}}),
    "StaffAccount": _response(
        {
            "staff_id": _STRING,
            "name": _STRING,
            "role": {"enum": ["window", "supervisor", "outreach", "admin"]},
            "password_hash": {"type": "string", "pattern": r"^scrypt\$"},
            "active": {"type": "boolean"},
            "cursor": {"type": "integer"},
        }
    ),
    "StaffResponse": _response(
        {"accounts": {"type": "array", "items": _ref("StaffAccount")}, "next_cursor": {"type": "integer"}}
    ),
    "LicenceLookupRequest": _request(
        {"id_number": _ID_NUMBER, "licence": {"type": "string", "pattern": "^[a-z0-9_]{1,64}$"}}
    ),
    "LicenceLookupResponse": _response(
        {"found": {"type": "boolean"}, "licence": _STRING},
        {
            "holder_name": _STRING,
            "licence_number": _STRING,
            "issued_by": _STRING,
            "valid_to": _STRING,
            "document_sha256": _SHA256,
        },
    ),
    "CertificateRequest": _request(
        {
            "request_id": {"type": "string", "pattern": "^[0-9A-Za-z_-]{8,64}$"},
            "kind": {"type": "string", "pattern": "^[a-z0-9_]{1,64}$"},
            "id_number": _ID_NUMBER,
        },
        {"purpose": {"type": "string", "maxLength": 100}},
    ),
    "CertificateResponse": _response(
        {
            "certificate_id": _STRING,
            "request_id": _STRING,
            "kind": _STRING,
            "title": _STRING,
            "lines": {"type": "array", "items": _STRING},
            "verification_code": _STRING,
            "status": {"enum": ["reserved", "issued"]},
        }
    ),
    "CertificatePrintedRequest": _request({}, {"request_id": _TEXT, "printed_at": _TEXT}),
    "TokenRequest": _request(
        {"token": {"type": "string", "minLength": 1, "maxLength": 2048}}, {"purpose": _TEXT}
    ),
    "TokenResponse": _response(
        {
            "token_type": _STRING,
            "issuer": _STRING,
            "name": _STRING,
            "id_number": _STRING,
            "id_kind": _STRING,
            "valid_until": _STRING,
        },
        {"sex": _STRING, "birth_date": _STRING},
    ),
    "ProgressRequest": {
        **_request({}, {"case_number": _CASE_NUMBER, "id_number": _ID_NUMBER}),
        "oneOf": [{"required": ["case_number"]}, {"required": ["id_number"]}],
    },
    "ProgressMatter": _response(
        {
            "matter_id": _STRING,
            "name": _STRING,
            "dept": _STRING,
            "dept_name": _STRING,
            "status": _STRING,
            "status_label": _STRING,
            "result": _STRING,
            "updated_at": _OPTIONAL_STRING,
        }
    ),
    "MissingMaterial": _response({"name": _STRING, "deadline": _OPTIONAL_STRING}),
    "ProgressCase": _response(
        {
            "case_number": _STRING,
            "official_number": _OPTIONAL_STRING,
            "bundle_id": _STRING,
            "bundle_name": _STRING,
            "status": _STRING,
            "status_label": _STRING,
            "status_changed_at": _STRING,
            "promised_date": _OPTIONAL_STRING,
            "accepted_at": _STRING,
            "device_id": _STRING,
            "matters": {"type": "array", "items": _ref("ProgressMatter")},
        },
        {"missing": {"type": "array", "items": _ref("MissingMaterial")}},
    ),
    "ProgressResponse": _response(
        {
            "cases": {
                "type": "array",
                "items": _ref("ProgressCase"),
                "maxItems": contract.MAX_PROGRESS_CASES,
            },
            "as_of": _STRING,
        }
    ),
    "CreditRequest": _request({"id_number": _ID_NUMBER}),
    "CreditResponse": _response({"dishonest": {"type": "boolean"}, "as_of": _STRING}, {"listed_by": _STRING}),
    "WireRating": _request(
        {
            "id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "at": {"type": "string", "minLength": 10, "maxLength": 40},
            "level": {"type": "integer", "minimum": 1, "maximum": 5},
            "reason": {"type": "string", "maxLength": 2000},
            "channel": {"enum": ["window", "kiosk", "qr"]},
            "services": {"type": "array", "items": {"type": "string", "maxLength": 64}, "maxItems": 50},
            "follow_up": {"type": "boolean"},
        },
        {
            "case_number": _CASE_NUMBER,
            "stage": {"enum": ["intake", "result"]},
            "categories": {"type": "array", "items": {"type": "string", "maxLength": 64}, "maxItems": 20},
        },
    ),
    "RatingsRequest": _request(
        {
            "ratings": {
                "type": "array",
                "items": _ref("WireRating"),
                "minItems": 1,
                "maxItems": contract.MAX_RATINGS_PER_BATCH,
            }
        }
    ),
    "RatingReceipt": _response({"id": _STRING, "status": {"enum": ["stored", "duplicate", "already_rated"]}}),
    "RatingsResponse": _response({"receipts": {"type": "array", "items": _ref("RatingReceipt")}}),
    "DeviceMarksResponse": _response(
        {
            "device_id": _STRING,
            "event_seq": _COUNT,
            "case_numbers": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{20}$"}},
        }
    ),
}

# Error codes are documented in the schema so the OpenAPI reader sees the closed list.
DEFINITIONS["ErrorBody"]["properties"]["code"] = {"type": "string", "examples": _ERROR_CODES}

REQUESTS: Final = frozenset(
    {
        "EnrollRequest",
        "WireEvent",
        "EventsRequest",
        "AuditMark",
        "AuditHeadReport",
        "LicenceLookupRequest",
        "CertificateRequest",
        "CertificatePrintedRequest",
        "TokenRequest",
        "ProgressRequest",
        "CreditRequest",
        "WireRating",
        "RatingsRequest",
    }
)


class SchemaViolation(TongbanError):
    """A message that breaks its schema. ``path`` is the JSON path of the first problem (``$.events[2].seq``)."""

    def __init__(self, schema_name: str, path: str, message: str, detail: str) -> None:
        super().__init__(message, detail)
        self.schema_name = schema_name
        self.path = path


def schema(name: str) -> Schema:
    """The standalone schema of message ``name`` (with every definition it may refer to)."""
    if name not in DEFINITIONS:
        raise KeyError(name)
    return {"$schema": DIALECT, **copy.deepcopy(DEFINITIONS[name]), "$defs": copy.deepcopy(DEFINITIONS)}


@functools.cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def validate(schema_name: str, data: Any) -> None:
    """Raise SchemaViolation (Chinese message, JSON path) unless ``data`` is a valid ``schema_name``.

    The reported problem is jsonschema's ``best_match``: the most relevant of all errors, so one
    message names one thing to fix.
    """
    error = best_match(_validator(schema_name).iter_errors(data))
    if error is None:
        return
    path = _json_path(error)
    raise SchemaViolation(
        schema_name,
        path,
        f"内容不符合接口约定：{path}：{_reason(error)}",
        f"{schema_name} invalid at {path}: {error.message[:200]}",
    )


def components() -> dict[str, Schema]:
    """The definitions as OpenAPI 3.1 ``components.schemas`` (references rewritten to point there)."""
    return {name: _rewrite_refs(copy.deepcopy(body)) for name, body in DEFINITIONS.items()}


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: ("#/components/schemas/" + value[len(_DEFS) :])
            if key == "$ref" and isinstance(value, str) and value.startswith(_DEFS)
            else _rewrite_refs(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item) for item in node]
    return node


def _json_path(error: _JsonSchemaError) -> str:
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    if error.validator == "required":
        missing = _missing_key(error)
        if missing:
            path += f".{missing}"
    return path


def _missing_key(error: _JsonSchemaError) -> str | None:
    # jsonschema names the missing key only in its English message: "'seq' is a required property".
    required = error.validator_value if isinstance(error.validator_value, list) else []
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((key for key in required if key not in instance), None)


_TYPE_NAMES: Final = {
    "object": "对象",
    "array": "数组",
    "string": "字符串",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值",
    "null": "null",
}


def _reason(error: _JsonSchemaError) -> str:
    """A short Chinese explanation of one jsonschema error."""
    kind, value = error.validator, error.validator_value
    if kind == "required":
        return "缺少必填字段"
    if kind == "type":
        names = [value] if isinstance(value, str) else list(value)
        return "类型应为" + "或".join(_TYPE_NAMES.get(n, n) for n in names)
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "不允许的字段：" + "、".join(str(k) for k in extra)
    if kind == "enum":
        return "取值应为 " + " / ".join(str(v) for v in value) + " 之一"
    if kind == "pattern":
        return "格式不正确"
    if kind == "minLength":
        return f"长度至少为 {value}"
    if kind == "maxLength":
        return f"长度最多为 {value}"
    if kind == "minimum":
        return f"不能小于 {value}"
    if kind == "maximum":
        return f"不能大于 {value}"
    if kind == "minItems":
        return f"至少需要 {value} 项"
    if kind == "maxItems":
        return f"最多 {value} 项"
    if kind == "uniqueItems":
        return "不能有重复项"
    if kind == "oneOf" and all(isinstance(v, dict) and v.get("required") for v in value):
        return "应给出且只给出 " + " 或 ".join("、".join(v["required"]) for v in value) + " 其中一项"
    return "不符合要求"
