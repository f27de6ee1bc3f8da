"""sync.schemas kept equal to the contract's TypedDicts; the published OpenAPI document is complete and valid."""

from __future__ import annotations

import typing
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator

from sync import contract, schemas
from sync.server.runner import ThreadedPlatform


def _typed_dicts() -> dict[str, type]:
    return {
        name: value
        for name, value in vars(contract).items()
        if isinstance(value, type) and typing.is_typeddict(value) and value.__module__ == contract.__name__
    }


def test_every_typeddict_has_a_schema_with_the_same_keys() -> None:
    typed = _typed_dicts()
    assert set(typed) == set(schemas.DEFINITIONS)
    for name, cls in typed.items():
        definition = schemas.DEFINITIONS[name]
        assert set(definition["properties"]) == set(cls.__annotations__), name
        assert set(definition["required"]) == _required_keys(cls), name


def _required_keys(cls: type) -> set[str]:
    # contract.py uses postponed annotations, so __required_keys__ cannot see NotRequired[...]
    # (Python 3.11); the resolved hints can.
    hints = typing.get_type_hints(cls, include_extras=True)
    return {key for key, hint in hints.items() if typing.get_origin(hint) is not typing.NotRequired}


@pytest.mark.parametrize("name", sorted(schemas.DEFINITIONS))
def test_every_schema_is_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(schemas.schema(name))


def test_requests_are_strict_and_responses_tolerant() -> None:
    for name, definition in schemas.DEFINITIONS.items():
        assert (definition.get("additionalProperties") is False) == (name in schemas.REQUESTS), name
    schemas.validate("HealthResponse", {"status": "ok", "version": "1", "time": "t", "added_later": 1})
    with pytest.raises(schemas.SchemaViolation) as info:
        schemas.validate("TokenRequest", {"token": "x", "tokn": "y"})
    assert info.value.path == "$" and "tokn" in info.value.message


def test_violations_name_the_json_path_in_chinese() -> None:
    with pytest.raises(schemas.SchemaViolation) as info:
        schemas.validate("EventsRequest", {"events": [{"device_id": "d", "seq": 0}]})
    assert info.value.path.startswith("$.events[0].")
    assert "缺少必填字段" in info.value.message or "不能小于" in info.value.message
    with pytest.raises(schemas.SchemaViolation) as info:
        schemas.validate("AttachmentStatus", {"sha256": "x", "received": 0, "size": None, "complete": False})
    assert info.value.path == "$.sha256"


def _resolve_all_refs(node: Any, document: dict[str, Any]) -> int:
    found = 0
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert ref.startswith("#/components/schemas/"), ref
            assert ref.rsplit("/", 1)[1] in document["components"]["schemas"], ref
            found += 1
        for value in node.values():
            found += _resolve_all_refs(value, document)
    elif isinstance(node, list):
        for value in node:
            found += _resolve_all_refs(value, document)
    return found


def test_openapi_is_published_unsigned_and_valid(platform: ThreadedPlatform) -> None:
    response = requests.get(platform.url + contract.P_OPENAPI, timeout=10)
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    assert document["openapi"].startswith("3.1")
    assert document["info"]["version"] == contract.API_VERSION
    paths = {value for name, value in vars(contract).items() if name.startswith("P_")} - {
        contract.P_ADMIN_FAULTS
    }
    assert paths <= set(document["paths"])
    assert set(document["components"]["schemas"]) == set(schemas.DEFINITIONS)
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert _resolve_all_refs(document, document) > 10
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "200" in operation["responses"], (path, method)
            if "/admin/" in path:  # the operator views take the admin token, not a device signature
                assert operation["security"] == [{"admin": []}], path
                continue
            signed = bool(operation["security"])
            assert signed == (path not in (contract.P_HEALTH, contract.P_OPENAPI, contract.P_ENROLL))
    try:
        from openapi_spec_validator import validate as validate_spec
    except ImportError:
        return  # not a dependency: the structural checks above run everywhere
    validate_spec(document)
