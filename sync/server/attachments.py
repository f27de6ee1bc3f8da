"""Attachment uploads: resumable chunks appended at exactly the server's offset, verified by sha256.

Bytes live in files beside the database (``PATH.attachments/``): ``partial/<sha256>`` grows chunk
by chunk, each chunk written and fsynced before it is acknowledged, so ``received`` is simply the
partial file's length and survives a crash. When it reaches the declared size the digest is
checked and the file is renamed into ``complete/ab/<sha256>``; only then does the row say
complete, so a complete row always has its file (DESIGN.md: durable before answer).
Runs on the storage worker thread, which serialises every upload.
"""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Final

import sqlite_utils

from core.durable_files import fsync_directory, private_dirs, write_durably
from core.store.db import write_transaction
from sync.contract import MAX_ATTACHMENT_BYTES, MAX_CHUNK_BYTES, AttachmentStatus, ErrorCode
from sync.server.wire import ApiError, bad_request, too_large

logger = logging.getLogger(__name__)

_READ_BLOCK: Final = 1024 * 1024


class AttachmentStore:
    """The upload area of one platform database (lives on the storage worker thread)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._partial = root / "partial"
        self._complete = root / "complete"

    def prepare(self) -> None:
        """Create the folders (called once at start-up, not in the constructor: no I/O there)."""
        for folder in (self._root, self._partial, self._complete):
            private_dirs(folder)

    def complete_path(self, sha256: str) -> Path:
        return self._complete / sha256[:2] / sha256

    def status(self, db: sqlite_utils.Database, sha256: str) -> AttachmentStatus:
        row = db.execute("SELECT size, complete FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row is not None and row[1]:
            return {"sha256": sha256, "received": int(row[0]), "size": int(row[0]), "complete": True}
        partial = self._partial / sha256
        received = partial.stat().st_size if partial.exists() else 0
        size = None if row is None else int(row[0])
        return {"sha256": sha256, "received": received, "size": size, "complete": False}

    def put_chunk(
        self, db: sqlite_utils.Database, sha256: str, offset: int, total: int, data: bytes, now: datetime
    ) -> AttachmentStatus:
        """Append ``data`` at ``offset`` of a file of ``total`` bytes; the new status once durable."""
        current = self.status(db, sha256)
        if current["complete"]:
            return current  # content-addressed: whoever uploaded it, these bytes are already here
        if total > MAX_ATTACHMENT_BYTES:
            raise too_large(MAX_ATTACHMENT_BYTES, total, current)
        if len(data) > MAX_CHUNK_BYTES:
            raise too_large(MAX_CHUNK_BYTES, len(data), current)
        if current["size"] is not None and current["size"] != total:
            if current["received"]:
                raise ApiError(
                    409,
                    ErrorCode.CONFLICT,
                    "附件大小与之前上传时声明的不一致。",
                    f"declared size {total} differs from {current['size']} of the partial upload",
                    attachment=current,
                )
            current["size"] = None  # nothing received yet: the new declaration wins
        if offset != current["received"]:
            raise ApiError(
                409,
                ErrorCode.OFFSET_MISMATCH,
                f"附件续传位置不符：平台已收到 {current['received']} 字节，请从该位置继续上传。",
                f"chunk at offset {offset}, server holds {current['received']} bytes",
                attachment=current,
            )
        if offset + len(data) > total:
            raise bad_request(
                "附件分块超出了声明的文件大小。", f"chunk ends at {offset + len(data)} beyond size {total}"
            )
        if current["size"] is None:
            with write_transaction(db):
                db.execute(
                    "INSERT INTO attachments (sha256, size, complete, created_at) VALUES (?, ?, 0, ?)"
                    " ON CONFLICT (sha256) DO UPDATE SET size = excluded.size",
                    (sha256, total, now.isoformat()),
                )
        partial = self._partial / sha256
        write_durably(partial, data, append=True)
        received = offset + len(data)
        if received < total:
            return {"sha256": sha256, "received": received, "size": total, "complete": False}
        return self._finish(db, sha256, partial, total, now)

    def _finish(
        self, db: sqlite_utils.Database, sha256: str, partial: Path, total: int, now: datetime
    ) -> AttachmentStatus:
        actual = _file_sha256(partial)
        if actual != sha256:
            # Discard: a resumed upload cannot tell which chunk was wrong, so it starts again.
            partial.unlink(missing_ok=True)
            with write_transaction(db):
                db.execute("DELETE FROM attachments WHERE sha256 = ?", (sha256,))
            logger.warning("attachment %s… failed its digest check and was discarded", sha256[:12])
            raise ApiError(
                422,
                ErrorCode.DIGEST_MISMATCH,
                "附件内容校验失败（sha256 不符），已丢弃，请重新上传。",
                f"received bytes hash to {actual}",
                attachment={"sha256": sha256, "received": 0, "size": None, "complete": False},
            )
        target = self.complete_path(sha256)
        target.parent.mkdir(mode=0o700, exist_ok=True)
        os.replace(partial, target)
        fsync_directory(target.parent)
        fsync_directory(partial.parent)
        with write_transaction(db):
            db.execute(
                "UPDATE attachments SET complete = 1, size = ?, completed_at = ? WHERE sha256 = ?",
                (total, now.isoformat(), sha256),
            )
        logger.info("attachment %s… complete (%d bytes)", sha256[:12], total)
        return {"sha256": sha256, "received": total, "size": total, "complete": True}

    def recover(self, db: sqlite_utils.Database) -> None:
        """After a crash between the rename and the row update: a complete file is a complete upload."""
        rows = db.execute("SELECT sha256, size FROM attachments WHERE complete = 0").fetchall()
        for sha256, size in rows:
            path = self.complete_path(sha256)
            if path.exists() and path.stat().st_size == size:
                with write_transaction(db):
                    db.execute("UPDATE attachments SET complete = 1 WHERE sha256 = ?", (sha256,))


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()
