"""Where catalog records come from, and the feed they travel in.

A catalog is a set of records: its header (format, version), department types, e-licence types,
unified-form fields, matters (事项) and bundles (一件事). They come in one of two containers, read
here into the same ``RawCatalog`` so that one set of checks (core.catalog.loader) serves both:

- the **source tree** the project ships and a catalog team edits (assets/catalog/): catalog.json
  (header, departments, licences, fields, bundle order), ``matters/*.jsonl`` (one matter a line)
  and ``bundles/<id>.json`` (one bundle a file);
- the **feed**: one JSON Lines file (``catalog.jsonl``), one record a line, each with its
  ``"kind"``: first ``catalog``, then ``department``, ``licence``, ``field``, ``matter`` and
  ``bundle`` records. This is what a province's catalog export maps onto, what ``tongban catalog
  import`` takes, what the platform hands out and what a device keeps.

Problems are located as ``file: $.path`` in a tree and ``file:line: $.path`` in a feed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from core.catalog.json_reader import ID_RE, JsonObject, Problems, Reader, json_type, load_json, parse_json

FEED_NAME: Final = "catalog.jsonl"  # the feed's name inside an installed catalog's folder
VERSION_RE: Final = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,63}\Z")  # also a folder name: no '/'
KINDS: Final = ("catalog", "department", "licence", "field", "matter", "bundle")
_HEADER_KEYS: Final = ("format", "version", "bundles", "departments", "licences", "fields")


@dataclass(frozen=True, slots=True)
class RawItem:
    """One record as decoded, with where it came from (for problem lines)."""

    problems: Problems
    path: str
    value: object
    key: str = ""  # the record's id, where it has one


@dataclass(slots=True)
class RawCatalog:
    header: RawItem
    departments: list[RawItem] = field(default_factory=list)
    licences: list[RawItem] = field(default_factory=list)
    fields: list[RawItem] = field(default_factory=list)
    matters: list[RawItem] = field(default_factory=list)
    bundles: list[RawItem] = field(default_factory=list)

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record as a feed line's object (``kind`` first), in feed order."""
        header = self.header.value
        assert isinstance(header, dict)
        yield {"kind": "catalog", "format": header.get("format"), "version": header.get("version")}
        for kind, items in (
            ("department", self.departments),
            ("licence", self.licences),
            ("field", self.fields),
            ("matter", self.matters),
            ("bundle", self.bundles),
        ):
            for item in items:
                assert isinstance(item.value, dict)
                yield {"kind": kind, **{k: v for k, v in item.value.items() if k != "kind"}}


def record_key(record: Mapping[str, Any]) -> tuple[str, str]:
    """A record's identity in a feed: (kind, id); the header's id is empty."""
    return str(record.get("kind", "")), str(record.get("id", ""))


def feed_text(records: Iterator[Mapping[str, Any]] | list[dict[str, Any]]) -> str:
    """The feed of ``records``: one compact JSON object a line, UTF-8 text, newline-terminated."""
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def read_raw(root: Path, sink: list[str]) -> RawCatalog | None:
    """The records under ``root``: a feed file, a folder holding ``catalog.jsonl``, or a source tree."""
    if root.is_file():
        return _read_feed(root, root.name, sink)
    if (root / FEED_NAME).is_file():
        return _read_feed(root / FEED_NAME, FEED_NAME, sink)
    if not root.exists():
        Problems(str(root), sink).add("$", "no such file or folder")
        return None
    return _read_tree(root, sink)


def _read_feed(path: Path, label: str, sink: list[str]) -> RawCatalog | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        Problems(label, sink).add("$", f"cannot read file: {exc}")
        return None
    raw: RawCatalog | None = None
    first_record: int | None = None
    seen: dict[tuple[str, str], int] = {}
    pending: list[tuple[str, RawItem]] = []  # records before the header, placed once it is read
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        first_record = first_record or number
        problems = Problems(f"{label}:{number}", sink)
        value = parse_json(line, problems, one_line=True)
        if value is None:
            continue
        if not isinstance(value, dict):
            problems.add("$", f"expected an object, got {json_type(value)}")
            continue
        kind = value.get("kind")
        if kind not in KINDS:
            problems.add("$.kind", f"expected one of {', '.join(KINDS)}, got {json.dumps(kind)[:40]}")
            continue
        body = JsonObject((k, v) for k, v in value.items() if k != "kind")
        body.duplicates = getattr(value, "duplicates", ())
        key = body.get("id") if kind != "catalog" else ""
        key = key if isinstance(key, str) else ""
        if kind != "catalog" and key:
            if (kind, key) in seen:
                problems.add("$.id", f"{kind} '{key}' already given on line {seen[kind, key]}")
                continue
            seen[kind, key] = number
        item = RawItem(problems, "$", body, key)
        if kind == "catalog":
            if raw is not None:
                problems.add("$", "a second catalog header")
                continue
            if number != first_record:
                problems.add("$", "the catalog header must be the first record")
            Reader(problems).obj(body, "$", ("format", "version"))
            raw = RawCatalog(item)
            continue
        if kind == "bundle" and not ID_RE.match(key):
            problems.add("$.id", "a bundle needs an id (lower-case a-z, 0-9, _)")
            continue
        pending.append((str(kind), item))
    if raw is not None:
        for kind, item in pending:
            {"department": raw.departments, "licence": raw.licences, "field": raw.fields}.get(
                kind, raw.matters if kind == "matter" else raw.bundles
            ).append(item)
    if raw is None:
        Problems(label, sink).add("$", 'no catalog header ({"kind": "catalog", "format": 2, "version": …})')
    return raw


def _read_tree(root: Path, sink: list[str]) -> RawCatalog | None:
    problems = Problems("catalog.json", sink)
    value = load_json(root / "catalog.json", problems)
    r = Reader(problems)
    obj = None if value is None else r.obj(value, "$", _HEADER_KEYS)
    if obj is None:
        if not (root / "bundles").is_dir():
            Problems("bundles", sink).add("$", "directory not found")
        return None
    header = JsonObject((k, obj[k]) for k in ("format", "version") if k in obj)
    raw = RawCatalog(RawItem(problems, "$", header))
    for key, target in (("departments", raw.departments), ("licences", raw.licences), ("fields", raw.fields)):
        target.extend(RawItem(problems, path, item) for path, item in r.array(obj, key, "$"))
    matter_dir = root / "matters"
    for path in sorted(matter_dir.glob("*.jsonl")) if matter_dir.is_dir() else ():
        feed = _read_feed_lines(path, f"matters/{path.name}", sink)
        raw.matters.extend(feed)
    _read_bundles(root, obj, r, raw, sink)
    return raw


def _read_feed_lines(path: Path, label: str, sink: list[str]) -> list[RawItem]:
    """A matters/*.jsonl file: one matter record a line (``kind`` optional)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        Problems(label, sink).add("$", f"cannot read file: {exc}")
        return []
    out: list[RawItem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        problems = Problems(f"{label}:{number}", sink)
        value = parse_json(line, problems, one_line=True)
        if value is None:
            continue
        if not isinstance(value, dict):
            problems.add("$", f"expected an object, got {json_type(value)}")
            continue
        if value.get("kind", "matter") != "matter":
            problems.add("$.kind", "only matter records belong in matters/*.jsonl")
            continue
        body = JsonObject((k, v) for k, v in value.items() if k != "kind")
        body.duplicates = getattr(value, "duplicates", ())
        ident = body.get("id")
        out.append(RawItem(problems, "$", body, ident if isinstance(ident, str) else ""))
    return out


def _read_bundles(root: Path, obj: dict[str, object], r: Reader, raw: RawCatalog, sink: list[str]) -> None:
    bundle_dir = root / "bundles"
    if not bundle_dir.is_dir():
        Problems("bundles", sink).add("$", "directory not found")
        return
    files: dict[str, Path] = {}
    for path in sorted(bundle_dir.glob("*.json")):
        if ID_RE.match(path.stem):
            files[path.stem] = path
        else:
            Problems(f"bundles/{path.name}", sink).add(
                "$", "the file name must be a bundle id (lower-case a-z, 0-9, _)"
            )
    order: dict[str, str] = {}
    for json_path, item in r.array(obj, "bundles", "$"):
        if not isinstance(item, str) or not ID_RE.match(item):
            r.problems.add(json_path, f"expected a bundle id, got {json_type(item)}")
        elif item in order:
            r.problems.add(json_path, f"duplicate bundle id '{item}'")
        elif item not in files:
            r.problems.add(json_path, f"no file bundles/{item}.json")
        else:
            order[item] = json_path
    for stem in files:
        if stem not in order:
            Problems(f"bundles/{stem}.json", sink).add("$", "not listed in catalog.json $.bundles")
    for stem in order:
        problems = Problems(f"bundles/{stem}.json", sink)
        value = load_json(files[stem], problems)
        if value is not None:
            raw.bundles.append(RawItem(problems, "$", value, stem))
