"""Where the bundled data lives (catalog, region codes, examples, fonts)."""

from __future__ import annotations

import os
from pathlib import Path

_BESIDE_PACKAGES = Path(__file__).resolve().parent.parent / "assets"  # resolved once: callers are hot


def assets_dir() -> Path:
    """The assets folder: ``TONGBAN_ASSETS`` if set, else ``assets/`` beside the packages."""
    override = os.environ.get("TONGBAN_ASSETS")
    if override:
        return Path(override)
    return _BESIDE_PACKAGES
