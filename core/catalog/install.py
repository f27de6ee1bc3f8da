"""Installing a catalog feed into a data directory: written aside, checked, then made current atomically.

Whether the feed came from ``tongban catalog import`` or from the platform (sync/catalog_update.py),
it goes to ``DATA_DIR/catalog/<version>/catalog.jsonl`` and is checked by the one loader before
``DATA_DIR/catalog/current`` is switched to it by write-temp, fsync, rename, fsync-directory: a
power cut leaves either the old catalog or the new one current, never half of one (DHIS2 broke
sync on metadata drift, research/anchors-mission.md §3.3). A feed with any problem changes nothing.
Cases keep the catalog version they were validated against (``catalog_version``).
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from pathlib import Path

from core.catalog.feed import FEED_NAME, VERSION_RE
from core.catalog.loader import CURRENT_POINTER, PULLED_DIR, check_catalog, load_catalog, pulled_catalog_root
from core.durable_files import fsync_directory, private_dirs, replace_durably, write_durably
from core.errors import CatalogError

logger = logging.getLogger(__name__)


def current_version(data_dir: Path, bundled_version: str) -> str:
    """The version a device has: the installed current one, else the bundled one."""
    root = pulled_catalog_root(data_dir)
    return bundled_version if root is None else root.name


def install_feed(data_dir: Path, feed: bytes, expected_version: str | None = None) -> str:
    """Check the feed and make it the data directory's current catalog; returns its version.

    Raises CatalogError listing every problem (and changes nothing) when the feed does not load
    or is not the ``expected_version``.
    """
    root = data_dir / PULLED_DIR
    private_dirs(root)
    incoming = root / f".incoming-{secrets.token_hex(4)}"
    try:
        incoming.mkdir(mode=0o700)
        write_durably(incoming / FEED_NAME, feed)
        problems = check_catalog(incoming)
        if problems:
            raise CatalogError(problems)
        version = load_catalog(incoming).version
        if expected_version is not None and version != expected_version:
            raise CatalogError(
                [f"{FEED_NAME}:1: $.version: '{version}', the platform said '{expected_version}'"]
            )
        assert VERSION_RE.match(version)  # the loader checked it: a safe folder name
        final = root / version
        if final.exists():
            if not check_catalog(final) and (final / FEED_NAME).read_bytes() == feed:
                _switch_current(root, version)
                return version
            # A different or damaged copy under that name: keep it aside for a look, never delete data blindly.
            final.rename(root / f".replaced-{version}-{secrets.token_hex(4)}")
        os.replace(incoming, final)
        fsync_directory(root)
    finally:
        if incoming.exists():
            shutil.rmtree(incoming, ignore_errors=True)
    _switch_current(root, version)
    logger.info("catalog %s installed and made current", version)
    return version


def _switch_current(root: Path, version: str) -> None:
    temp = root / f".{CURRENT_POINTER}-{secrets.token_hex(4)}"
    write_durably(temp, f"{version}\n".encode())
    replace_durably(temp, root / CURRENT_POINTER)  # atomic: the old version or the new, never neither
