"""Files that survive a power cut: written and fsynced before they are renamed into place.

rename(2) is atomic, but a new name is durable only once its directory is synced too; Windows
cannot open a directory for fsync and makes renames durable by itself.
"""

from __future__ import annotations

import os
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)


def write_durably(path: Path, data: bytes, *, append: bool = False, exclusive: bool = False) -> None:
    """Write (or append) ``data`` and fsync the file; owner-only permissions for a new file."""
    flags = os.O_WRONLY | os.O_CREAT | _BINARY
    flags |= os.O_APPEND if append else os.O_TRUNC
    if exclusive:
        flags |= os.O_EXCL
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_directory(path: Path) -> None:
    """Make the names in ``path`` durable (after a create, rename or unlink)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` atomically and make the new name durable."""
    os.replace(source, target)
    fsync_directory(target.parent)
