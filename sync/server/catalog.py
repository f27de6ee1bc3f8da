"""The catalog the platform hands out, as a feed, with deltas against any version it served before.

At start-up the platform reads its catalog (a source tree or a feed; core's loader checks it: a
platform must never hand devices a catalog they would refuse) and keeps its feed in the database
(``catalog_versions``), so that a device holding an older version gets only what changed: the
records added or changed, and the ordered keys of the new version (what is not listed is gone). A
device whose version the platform never served gets the whole feed.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from core.catalog import default_root, load_catalog
from core.catalog.feed import feed_text, read_raw, record_key
from core.errors import CatalogError


@dataclass(frozen=True, slots=True)
class CatalogFeed:
    """One catalog version as served by ``GET /catalog`` (immutable but for its delta cache).

    ``body`` is the pre-rendered JSON of the full CatalogResponse; deltas are rendered once per
    base version asked for.
    """

    version: str
    licences: frozenset[str]
    codes: frozenset[str]  # every matter's 实施编码
    feed: bytes
    records: tuple[dict[str, Any], ...]
    body: bytes
    _deltas: dict[str, bytes] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def delta_body(self, base: str, base_feed: bytes) -> bytes:
        """The CatalogResponse that turns ``base`` (whose feed is ``base_feed``) into this version."""
        with self._lock:
            cached = self._deltas.get(base)
        if cached is not None:
            return cached
        old = {record_key(r): r for r in _records(base_feed)}
        changed = [r for r in self.records if old.get(record_key(r)) != r]
        keys = [list(record_key(r)) for r in self.records]
        body = _render({"version": self.version, "base": base, "records": changed, "keys": keys})
        with self._lock:
            self._deltas[base] = body
        return body


def load_catalog_feed(root: Path | None = None) -> CatalogFeed:
    """Read ``root`` (default: the bundled catalog): a source tree, a folder with a feed, or a feed file.

    Raises core.errors.CatalogError listing every problem.
    """
    folder = root or default_root()
    catalog = load_catalog(folder)
    problems: list[str] = []
    raw = read_raw(folder, problems)
    if raw is None or problems:  # the loader just passed it: only a file changed under us
        raise CatalogError(problems or [f"{folder}: cannot be read"])
    records = tuple(raw.records())
    body = _render({"version": catalog.version, "base": None, "records": list(records), "keys": None})
    return CatalogFeed(
        version=catalog.version,
        licences=frozenset(catalog.licences),
        codes=frozenset(m.code for m in catalog.matters.values()),
        feed=feed_text(list(records)).encode("utf-8"),
        records=records,
        body=body,
    )


def remember(db: sqlite_utils.Database, catalog: CatalogFeed, at: str) -> None:
    """Keep this version's feed, so that later versions can be sent as deltas against it."""
    db.execute(
        "INSERT OR IGNORE INTO catalog_versions (version, feed, stored_at) VALUES (?, ?, ?)",
        (catalog.version, catalog.feed, at),
    )


def answer(db: sqlite_utils.Database, served: CatalogFeed, have: str | None) -> bytes | None:
    """The CatalogResponse for a device that has ``have`` (``GET /catalog``, and a USB-stick
    receipt, sync/server/bundle.py): a delta from a version this platform served, else the whole
    feed; None when the device is current (304)."""
    if have == served.version:
        return None
    base = None if not have else served_feed(db, have)
    return served.body if have is None or base is None else served.delta_body(have, base)


def served_feed(db: sqlite_utils.Database, version: str) -> bytes | None:
    row = db.execute("SELECT feed FROM catalog_versions WHERE version = ?", (version,)).fetchone()
    return None if row is None else bytes(row[0])


def _records(feed: bytes) -> list[Mapping[str, Any]]:
    return [json.loads(line) for line in feed.decode("utf-8").splitlines() if line.strip()]


def _render(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
