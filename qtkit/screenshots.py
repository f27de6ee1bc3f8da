"""``save_screenshot``: a widget rendered to a PNG with ``QWidget.grab()`` (works on the offscreen platform);
``screenshot_folder``: where they go, checked before a walk-through starts."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from core.errors import ValidationError

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


def screenshot_folder(path: Path) -> Path:
    """``path`` as the folder for screenshots, created if need be (``--screenshots DIR``).

    ValidationError (exit 2) when it is a file or cannot be made: said plainly, before any work.
    """
    if path.exists() and not path.is_dir():
        raise ValidationError(
            "--screenshots",
            f"{path} 已存在，但不是文件夹。请给出一个文件夹（不存在时会自动创建）。",
            f"{path} exists and is not a folder: give a folder (it is created when missing)",
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(
            "--screenshots",
            f"无法创建截图文件夹 {path}：{exc.strerror or exc}",
            f"cannot create the screenshot folder {path}: {exc}",
        ) from None
    return path
