"""JSON in and out of sealed blobs, and the associated data that binds a blob to where it is stored."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from core.crypto import DeviceKey
from core.errors import StoreError


def _plain(value: object) -> Any:
    # Frozen records hold read-only mappings (e.g. MappingProxyType); JSON needs dicts.
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


# Built once: json.dumps() with options constructs a new encoder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_plain)


def to_json(value: object, what: str) -> bytes:
    """UTF-8 JSON without ASCII escapes (so sealed sizes stay small); StoreError if not JSON."""
    try:
        text = _ENCODER.encode(value)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            "数据无法保存：包含无法存储的内容。", f"{what} is not JSON-serialisable: {exc}"
        ) from exc
    return text.encode("utf-8")


def aad(*parts: str | int) -> bytes:
    """Associated data ``tongban/v1/<table>/<key>…``: a blob copied to another row will not open."""
    return "/".join(("tongban/v1", *map(str, parts))).encode("utf-8")


def seal_json(key: DeviceKey, value: object, binding: bytes, what: str) -> bytes:
    return key.seal(to_json(value, what), binding)


def open_json(key: DeviceKey, blob: bytes, binding: bytes) -> Any:
    return json.loads(key.open_sealed(blob, binding))
