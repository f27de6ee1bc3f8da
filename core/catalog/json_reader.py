"""Strict reading of catalog JSON: typed getters that collect ``file: $.path: problem`` lines."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final

ID_RE: Final = re.compile(r"[a-z][a-z0-9_]*\Z")
FIELD_ID_RE: Final = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")


class JsonObject(dict[str, object]):
    """A decoded JSON object that remembers keys the file repeated (json.loads keeps only the last)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, object]]) -> JsonObject:
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        repeated: list[str] = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        obj.duplicates = tuple(repeated)
    return obj


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


class Problems:
    """Problem lines of one file; every line is ``<file>: <json path>: <what is wrong>``."""

    def __init__(self, file: str, sink: list[str]) -> None:
        self.file = file
        self.sink = sink
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.sink.append(f"{self.file}: {path}: {message}")
        self.count += 1


def load_json(path: Path, problems: Problems) -> object | None:
    """The file's JSON value, or None after recording why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add("$", "file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.add("$", f"cannot read file: {exc}")
        return None
    return parse_json(text, problems)


def parse_json(text: str, problems: Problems, *, one_line: bool = False) -> object | None:
    """``text`` decoded strictly (repeated keys remembered, NaN refused), or None after recording why.
    ``one_line``: the text is one line of a JSON Lines file (the line is in the problem's file label)."""
    try:
        value: object = json.loads(text, object_pairs_hook=_object_pairs, parse_constant=_reject_constant)
        return value
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno} column {exc.colno}"
        problems.add("$", f"invalid JSON at {where}: {exc.msg}")
    except ValueError as exc:
        problems.add("$", f"invalid JSON: {exc}")
    return None


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class Reader:
    """Typed access to decoded JSON; wrong values are recorded as problems and read as None."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def obj(
        self, value: object, path: str, required: Sequence[str], optional: Sequence[str] = ()
    ) -> dict[str, object] | None:
        """An object with exactly these keys allowed; None (after recording) if not an object."""
        if not isinstance(value, dict):
            self.problems.add(path, f"expected an object, got {json_type(value)}")
            return None
        for key in getattr(value, "duplicates", ()):
            self.problems.add(f"{path}.{key}", "duplicate key")
        for key in value:
            if key not in required and key not in optional:
                self.problems.add(f"{path}.{key}", "unknown key")
        for key in required:
            if key not in value:
                self.problems.add(path, f"missing key '{key}'")
        return value

    def array(self, obj: dict[str, object], key: str, path: str) -> list[tuple[str, object]]:
        """(path, item) pairs of an array member; empty when absent or not an array."""
        value = obj.get(key, [])
        if not isinstance(value, list):
            self.problems.add(f"{path}.{key}", f"expected an array, got {json_type(value)}")
            return []
        return [(f"{path}.{key}[{i}]", item) for i, item in enumerate(value)]

    def text(self, obj: dict[str, object], key: str, path: str, default: str | None = None) -> str | None:
        """A string member; missing optional members give ``default``; blank strings are problems."""
        if key not in obj:
            return default  # a missing required key was already reported by obj()
        value = obj[key]
        if isinstance(value, str) and value.strip():
            return value
        self._wrong(path, key, value, "a non-empty string")
        return None

    def maybe_text(self, obj: dict[str, object], key: str, path: str) -> str | None:
        """An optional string member that may be null or absent (both read as None)."""
        if obj.get(key) is None:
            return None
        return self.text(obj, key, path)

    def flag(self, obj: dict[str, object], key: str, path: str, default: bool = False) -> bool:
        value = obj.get(key, default)
        if isinstance(value, bool):
            return value
        self._wrong(path, key, value, "true or false")
        return default

    def positive_int(self, obj: dict[str, object], key: str, path: str) -> int | None:
        if key not in obj:
            return None
        value = obj[key]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self._wrong(path, key, value, "a positive whole number")
        return None

    def whole_int(self, obj: dict[str, object], key: str, path: str, *, nullable: bool = False) -> int | None:
        """A whole number ≥ 0 (None when absent, or null where ``nullable``)."""
        if key not in obj or (nullable and obj[key] is None):
            return None
        value = obj[key]
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self._wrong(path, key, value, "a whole number ≥ 0" + (" or null" if nullable else ""))
        return None

    def ident(
        self, obj: dict[str, object], key: str, path: str, pattern: re.Pattern[str] = ID_RE
    ) -> str | None:
        """An id member: lower-case ASCII, digits and underscores (dotted for field ids)."""
        value = self.text(obj, key, path)
        if value is not None and not pattern.match(value):
            self.problems.add(f"{path}.{key}", f"'{value}' is not a valid id (lower-case a-z, 0-9, _)")
            return None
        return value

    def texts(self, obj: dict[str, object], key: str, path: str) -> tuple[str, ...]:
        """An optional array of non-empty strings."""
        out: list[str] = []
        for item_path, item in self.array(obj, key, path):
            if isinstance(item, str) and item.strip():
                out.append(item)
            else:
                self.problems.add(item_path, f"expected a non-empty string, got {_show(item)}")
        return tuple(out)

    def _wrong(self, path: str, key: str, value: object, expected: str) -> None:
        self.problems.add(f"{path}.{key}", f"expected {expected}, got {_show(value)}")


def _show(value: object) -> str:
    if isinstance(value, dict | list):
        return json_type(value)
    shown = json.dumps(value, ensure_ascii=False)
    return f"{json_type(value)} {shown[:40]}"
