"""Whether this process can show a window (both GUIs' ``demo`` run a walk-through offscreen when not)."""

from __future__ import annotations

import os


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or os.name == "nt"
