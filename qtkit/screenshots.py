"""``save_screenshot``: a widget rendered to a PNG with ``QWidget.grab()`` (works on the offscreen platform)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

logger = logging.getLogger(__name__)


def save_screenshot(widget: QWidget, path: Path | str) -> Path:
    """Render ``widget`` (shown or not) into ``path`` as PNG; creates the folder; OSError on failure."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.ensurePolished()
    if not widget.isVisible():
        widget.adjustSize()
    pixmap = widget.grab()
    if pixmap.isNull() or not pixmap.save(str(target), "PNG"):
        raise OSError(f"could not save a screenshot of {type(widget).__name__} to {target}")
    logger.debug("screenshot %s (%dx%d)", target, pixmap.width(), pixmap.height())
    return target
