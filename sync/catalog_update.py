"""Installing a catalog pulled from the platform: written aside, checked, then made current atomically.

A new version goes to ``DATA_DIR/catalog/<version>/`` and is checked with
``core.catalog.check_catalog`` before ``DATA_DIR/catalog/current`` is switched to it by
write-temp, fsync, rename, fsync-directory: a power cut leaves either the old catalog or the new
one current, never half of one (DHIS2 broke sync on metadata drift, research/anchors-mission.md
§3.3). Cases keep the catalog version they were validated against (``catalog_version``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Any, Final

from core.catalog.json_reader import ID_RE
from core.catalog.loader import CURRENT_POINTER, PULLED_DIR, check_catalog, load_catalog, pulled_catalog_root
from core.durable_files import fsync_directory, replace_durably, write_durably
from core.errors import CatalogError
from sync import contract

logger = logging.getLogger(__name__)

_VERSION_RE: Final = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")


def current_version(data_dir: Path, bundled_version: str) -> str:
    """The version a device has: the pulled current one, else the bundled one."""
    root = pulled_catalog_root(data_dir)
    if root is None:
        return bundled_version
    return root.name


def install_catalog(data_dir: Path, reply: contract.CatalogResponse) -> str:
    """Write, check and switch to the catalog in ``reply``; returns its version. CatalogError
    (nothing changed) when it is malformed, names unsafe paths or does not load."""
    version = reply["version"]
    if not _VERSION_RE.match(version):
        raise CatalogError([f"$.version: '{version[:80]}' is not a safe catalog version name"])
    files = _checked_files(reply["files"])
    root = data_dir / PULLED_DIR
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = root / version
    if not (final.is_dir() and not check_catalog(final)):
        incoming = root / f".incoming-{version}-{secrets.token_hex(4)}"
        try:
            _write_tree(incoming, files)
            problems = check_catalog(incoming)
            if problems:
                raise CatalogError(problems)
            loaded = load_catalog(incoming).version
            if loaded != version:
                raise CatalogError([f"catalog.json: $.version is '{loaded}', the platform said '{version}'"])
            if final.exists():  # a damaged earlier copy: keep it aside for a look, never delete data blindly
                final.rename(root / f".broken-{version}-{secrets.token_hex(4)}")
            os.replace(incoming, final)
            fsync_directory(root)
        finally:
            if incoming.exists():
                shutil.rmtree(incoming, ignore_errors=True)
    _switch_current(root, version)
    logger.info("catalog %s installed and made current", version)
    return version


def _checked_files(files: dict[str, Any]) -> dict[str, Any]:
    """Only ``catalog.json`` and ``bundles/<id>.json``: a path from the network never escapes the tree."""
    problems: list[str] = []
    if "catalog.json" not in files:
        problems.append("$.files: no catalog.json")
    for name in files:
        stem = name.removeprefix("bundles/").removesuffix(".json")
        if name != "catalog.json" and not (
            name.startswith("bundles/") and name.endswith(".json") and ID_RE.match(stem)
        ):
            problems.append(f"$.files: '{name[:80]}' is not catalog.json or bundles/<id>.json")
    if problems:
        raise CatalogError(problems)
    return files


def _write_tree(target: Path, files: dict[str, Any]) -> None:
    (target / "bundles").mkdir(mode=0o700, parents=True)
    for name, content in files.items():
        data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
        write_durably(target / name, data)
    fsync_directory(target / "bundles")
    fsync_directory(target)


def _switch_current(root: Path, version: str) -> None:
    temp = root / f".{CURRENT_POINTER}-{secrets.token_hex(4)}"
    write_durably(temp, f"{version}\n".encode())
    replace_durably(temp, root / CURRENT_POINTER)  # atomic: the old version or the new, never neither
