"""Strict reading of a JSON object: typed getters that name the offending field in their error.

A record that comes from a platform is taken only as a whole: an unknown field, a missing one, a
wrong type or an impossible value raises ValidationError whose ``field`` is the JSON path
(``materials[2].getType``), with a Chinese message for staff and an English detail for the log.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from core.errors import ValidationError

E = TypeVar("E", bound=StrEnum)
CODE = "banjian.field"


def bad(path: str, zh: str, en: str) -> ValidationError:
    return ValidationError(
        path, f"办件数据的字段“{path}”{zh}", f"banjian field {path}: {en}", code=CODE, params={"field": path}
    )


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj: dict[str, object] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def parse_text(text: str | bytes) -> object:
    """JSON text to values: duplicate keys, NaN/Infinity and absurd nesting are refused."""
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except RecursionError:
        raise bad("$", "嵌套过深，不是办件数据", "nesting too deep") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad("$", "不是有效的 JSON", str(exc)) from None


class Fields:
    """The fields of one JSON object at ``path``; call :meth:`done` once every field was read."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise bad(path, "应为对象", f"expected an object, got {type(value).__name__}")
        self._obj: dict[str, object] = value
        self._seen: set[str] = set()
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path != "$" else key

    def _get(self, key: str) -> object:
        self._seen.add(key)
        if key not in self._obj:
            raise bad(self.at(key), "缺失", "missing")
        return self._obj[key]

    def done(self) -> None:
        extra = sorted(set(self._obj) - self._seen)
        if extra:
            raise bad(self.at(extra[0]), "不是办件数据的字段", "unexpected field")

    def text(self, key: str, *, required: bool = False, max_len: int = 4000) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise bad(self.at(key), "应为文字", f"expected a string, got {_kind(value)}")
        if required and not value.strip():
            raise bad(self.at(key), "不能为空", "empty")
        if len(value) > max_len:
            raise bad(self.at(key), f"超过 {max_len} 个字符", f"longer than {max_len}")
        return value

    def maybe_text(self, key: str) -> str | None:
        return None if self._get(key) is None else self.text(key)

    def integer(self, key: str, low: int, high: int, *, nullable: bool = False) -> int | None:
        value = self._get(key)
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(self.at(key), "应为整数", f"expected an integer, got {_kind(value)}")
        if not low <= value <= high:
            raise bad(self.at(key), f"应在 {low}–{high} 之间", f"{value} outside {low}..{high}")
        return value

    def whole(self, key: str, low: int, high: int) -> int:
        value = self.integer(key, low, high)
        assert value is not None  # not nullable
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise bad(self.at(key), "应为 true 或 false", f"expected a boolean, got {_kind(value)}")
        return value

    def choice(self, key: str, enum: type[E]) -> E:
        value = self.text(key, required=True, max_len=64)
        try:
            return enum(value)
        except ValueError:
            allowed = "、".join(m.value for m in enum)
            raise bad(self.at(key), f"的值“{value}”不在 {allowed} 之中", f"unknown value {value!r}") from None

    def day(self, key: str, *, nullable: bool = False) -> date | None:
        value = self._get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise bad(self.at(key), "应为日期（YYYY-MM-DD）", f"expected a date string, got {_kind(value)}")
        try:
            return date.fromisoformat(value) if len(value) == 10 else _no_date()
        except ValueError:
            raise bad(self.at(key), f"“{value[:40]}”不是日期（YYYY-MM-DD）", "not an ISO date") from None

    def moment(self, key: str, *, nullable: bool = False) -> str | None:
        """An ISO 8601 time with its UTC offset, kept as the text it was."""
        value = self._get(key)
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise bad(self.at(key), "应为时间（ISO 8601）", f"expected a time string, got {_kind(value)}")
        try:
            parsed = datetime.fromisoformat(value) if len(value) <= 40 else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise bad(self.at(key), f"“{value[:40]}”不是带时区的时间", "not an ISO 8601 time with offset")
        return value

    def items(self, key: str, *, nullable: bool = False) -> Iterator[tuple[str, object]]:
        """The elements of an array field, each with its path."""
        value = self._get(key)
        if value is None and nullable:
            return iter(())
        if not isinstance(value, list):
            raise bad(self.at(key), "应为数组", f"expected an array, got {_kind(value)}")
        return ((f"{self.at(key)}[{n}]", v) for n, v in enumerate(value))

    def texts(self, key: str) -> tuple[str, ...]:
        out: list[str] = []
        for path, value in self.items(key):
            if not isinstance(value, str) or not value.strip():
                raise bad(path, "应为非空文字", f"expected a non-empty string, got {_kind(value)}")
            out.append(value)
        return tuple(out)

    def child(self, key: str) -> Fields | None:
        """The object at ``key``, or None where the field is null."""
        value = self._get(key)
        return None if value is None else Fields(value, self.at(key))


def _no_date() -> date:
    raise ValueError("not YYYY-MM-DD")


def _kind(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )
