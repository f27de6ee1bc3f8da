"""Files that survive a power cut, owner-only: written and fsynced before they are renamed into place.

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


def private_dirs(folder: Path) -> Path:
    """Create ``folder`` and every missing folder above it owner-only (0700); returns ``folder``.

    ``Path.mkdir(mode=0o700, parents=True)`` gives only the last folder that mode: the parents it
    makes get 0777 less the umask (0755), which left ``attachments/`` readable by every account.
    Folders that exist already are left as they are (``tongban doctor`` reports a too-open one).
    """
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)  # another thread may make it first
    return folder


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
