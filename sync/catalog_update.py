"""Installing a catalog pulled from the platform: the feed rebuilt (from a delta where the platform
sent one), then handed to core.catalog.install, which checks it and switches atomically.

Cases keep the catalog version they were validated against (``catalog_version``); a pulled catalog
never changes a case.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from core.catalog.feed import FEED_NAME, feed_text, read_raw, record_key
from core.catalog.install import current_version, install_feed
from core.catalog.loader import default_root, pulled_catalog_root
from core.errors import CatalogError
from sync import contract

logger = logging.getLogger(__name__)

__all__ = ["current_version", "install_catalog"]


def install_catalog(data_dir: Path, reply: contract.CatalogResponse) -> str:
    """Rebuild, check and switch to the catalog in ``reply``; returns its version. CatalogError
    (nothing changed) when it is malformed, is a delta against another version, or does not load."""
    records = reply["records"] if reply["base"] is None else _patched(data_dir, reply)
    return install_feed(data_dir, feed_text(records).encode("utf-8"), reply["version"])


def _patched(data_dir: Path, reply: contract.CatalogResponse) -> list[dict[str, Any]]:
    base, keys = reply["base"], reply["keys"]
    if keys is None:
        raise CatalogError(["$.keys: a delta without the new version's keys"])
    old = {record_key(r): r for r in _installed_records(data_dir, str(base))}
    new = {record_key(r): r for r in reply["records"]}
    out: list[dict[str, Any]] = []
    missing: list[str] = []
    for kind, ident in keys:
        record = new.get((kind, ident)) or old.get((kind, ident))
        if record is None:
            missing.append(f"{kind} {ident}")
        else:
            out.append(dict(record))
    if missing:
        raise CatalogError(
            [f"$.keys: the delta against {base} lacks {len(missing)} record(s): {', '.join(missing[:5])}"]
        )
    return out


def _installed_records(data_dir: Path, version: str) -> Sequence[Mapping[str, Any]]:
    """The records of ``version`` as this device has it: installed, or the one shipped."""
    root = pulled_catalog_root(data_dir)
    if root is not None and root.name == version:
        text = (root / FEED_NAME).read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    if raw is None or problems:
        raise CatalogError(problems)
    records = list(raw.records())
    if records[0].get("version") != version:
        raise CatalogError([f"$.base: this device does not have catalog {version}"])
    return records
