"""A device backup as a folder: what it holds, how the device key is protected, how it is checked.

A backup folder (``tongban-backup-<device>-<time>/``) holds:

- ``tongban.db``: one committed state of the store, taken with SQLite's online backup API while
  the device may be writing (core.store.maintenance.copy_database);
- ``attachments/``: the scans that state refers to, as stored (sealed with the device key);
- ``tongban.toml`` and ``catalog/`` when the device has them (its identity: region code and device
  number, which its case numbers depend on);
- ``manifest.json``: the format, the facts of the copy, the SHA-256 of every file, and the device
  key sealed under a passphrase: scrypt (RFC 7914; n=2^15, r=8, p=1, 32 MiB) derives an AES-256-GCM
  key, and the associated data is the hash of the rest of the manifest, so a manifest whose
  file list was altered does not open with the right passphrase either.

Personal data in the database and the scans is sealed with the device key (core.crypto), so
without the passphrase a backup gives away only case numbers, statuses and keyed hashes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from core.durable_files import fsync_directory, private_dirs
from core.errors import TongbanError, ValidationError

FORMAT: Final = "tongban-backup-1"
MANIFEST: Final = "manifest.json"
MIN_PASSPHRASE: Final = 8
SCRYPT_N: Final = 2**15  # 32 MiB and ~0.1 s per try: cheap once, costly for a guesser
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
_CHUNK: Final = 1 << 20


class BackupError(TongbanError):
    """A backup that cannot be made or used (the environment, exit 1)."""

    exit_code = 1
    default_code = "backup.failed"


class WrongPassphrase(TongbanError):
    """The passphrase does not open this backup's key (bad input, exit 2)."""

    exit_code = 2
    default_code = "backup.passphrase"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase",
            f"备份口令至少 {MIN_PASSPHRASE} 个字符。",
            f"the backup passphrase must have at least {MIN_PASSPHRASE} characters",
            code="backup.passphrase_short",
        )


def _canonical(manifest: dict[str, Any]) -> bytes:
    rest = {k: v for k, v in manifest.items() if k != "key"}
    return json.dumps(rest, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _kdf(salt: bytes, n: int, r: int, p: int) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p)


def seal_key(manifest: dict[str, Any], key_text: bytes, passphrase: str) -> None:
    """Put the device key file's bytes into ``manifest["key"]``, sealed under ``passphrase``."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapping = _kdf(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).derive(passphrase.encode("utf-8"))
    sealed = AESGCM(wrapping).encrypt(nonce, key_text, hashlib.sha256(_canonical(manifest)).digest())
    manifest["key"] = {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "cipher": "aes-256-gcm",
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }


def open_key(manifest: dict[str, Any], passphrase: str) -> bytes:
    """The device key file's bytes; WrongPassphrase if the passphrase (or the manifest) is not right."""
    try:
        box = manifest["key"]
        salt = base64.b64decode(box["salt"], validate=True)
        nonce = base64.b64decode(box["nonce"], validate=True)
        sealed = base64.b64decode(box["sealed"], validate=True)
        n, r, p = int(box["n"]), int(box["r"]), int(box["p"])
        if box.get("kdf") != "scrypt" or not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("unsupported key derivation")
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(
            "备份中的设备密钥记录不完整，无法恢复。", f"manifest key record is malformed: {exc}"
        ) from None
    wrapping = _kdf(salt, n, r, p).derive(passphrase.encode("utf-8"))
    try:
        return AESGCM(wrapping).decrypt(nonce, sealed, hashlib.sha256(_canonical(manifest)).digest())
    except InvalidTag:
        raise WrongPassphrase(
            "备份口令不正确（或备份清单被改动过），无法解开设备密钥。",
            "the passphrase does not open the backup's device key (or manifest.json was altered)",
        ) from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_file(source: Path, target: Path) -> str:
    """Copy ``source`` to a new owner-only ``target``, synced; returns its SHA-256."""
    private_dirs(target.parent)
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with source.open("rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    return digest.hexdigest()


def files_under(root: Path) -> Iterator[Path]:
    """Regular files below ``root``, relative, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root)


def sync_tree(root: Path) -> None:
    """Make every directory entry under ``root`` durable (files were synced as they were written)."""
    for path in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        fsync_directory(path)
    fsync_directory(root)


@dataclass(frozen=True, slots=True)
class Backup:
    """A backup folder and its manifest, read and checked for shape (not yet for content)."""

    folder: Path
    manifest: dict[str, Any]

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        files: dict[str, dict[str, Any]] = self.manifest["files"]
        return files

    @classmethod
    def read(cls, folder: Path) -> Backup:
        path = folder / MANIFEST
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BackupError(
                f"{folder} 不是通办备份（没有 {MANIFEST}）。",
                f"{folder} is not a Tongban backup (no {MANIFEST})",
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BackupError(f"备份清单 {path} 读不了：{exc}", f"cannot read {path}: {exc}") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(
                f"{folder} 的备份格式不认识（应为 {FORMAT}）。",
                f"{folder}: unknown backup format {manifest.get('format') if isinstance(manifest, dict) else None!r}",
            )
        files = manifest.get("files")
        if not isinstance(files, dict) or "tongban.db" not in files:
            raise BackupError(f"{folder} 的备份清单不完整。", f"{path}: no file list or no database")
        for name in files:
            if Path(name).is_absolute() or ".." in Path(name).parts:
                raise BackupError(f"备份清单中有不安全的路径：{name}", f"unsafe path in manifest: {name!r}")
        return cls(folder, manifest)

    def damaged(self) -> list[str]:
        """The files whose size or SHA-256 differ from the manifest's (or that are missing)."""
        bad = []
        for name, entry in self.files.items():
            path = self.folder / name
            try:
                if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
                    bad.append(name)
            except (OSError, KeyError, TypeError):
                bad.append(name)
        return bad


def find_backup(folder: Path) -> Backup:
    """The backup in ``folder``, or the newest backup folder inside it."""
    if (folder / MANIFEST).exists() or not folder.is_dir():
        return Backup.read(folder)
    inside = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and (p / MANIFEST).is_file())
    if not inside:
        raise BackupError(f"{folder} 中没有通办备份。", f"no Tongban backup in {folder}")
    return Backup.read(inside[-1])
