"""The catalog the platform hands out: every file of a catalog folder, loaded and checked once at start-up."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.catalog import default_root, load_catalog


@dataclass(frozen=True, slots=True)
class CatalogFiles:
    """One catalog version as served by ``GET /catalog`` (immutable; shared by every thread).

    ``body`` is the pre-rendered JSON of the CatalogResponse: the catalog is only re-read when the
    platform restarts, so there is no need to render 100 KB per request.
    """

    version: str
    licences: frozenset[str]
    body: bytes


def load_catalog_files(root: Path | None = None) -> CatalogFiles:
    """Read ``root`` (default: the bundled catalog); core's loader checks it first.

    Raises core.errors.CatalogError listing every problem: a platform must never hand devices a
    catalog they would refuse.
    """
    folder = root or default_root()
    catalog = load_catalog(folder)
    files: dict[str, object] = {"catalog.json": _read(folder / "catalog.json")}
    for path in sorted((folder / "bundles").glob("*.json")):
        files[f"bundles/{path.name}"] = _read(path)
    body = json.dumps({"version": catalog.version, "files": files}, ensure_ascii=False, separators=(",", ":"))
    return CatalogFiles(catalog.version, frozenset(catalog.licences), body.encode("utf-8"))


def _read(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))
