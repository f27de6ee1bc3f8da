"""Encryption at rest: the device key, AES-256-GCM sealing and keyed look-up hashes.

The device key is 32 random bytes in a one-line text file::

    tongban-key-v1:<standard base64 of the 32 bytes, with padding>\\n

It lives at ``<data_dir>/keys/device.key`` (file 0600, directory 0700), created on first run, or
wherever the environment variable ``TONGBAN_DEVICE_KEY_FILE`` points (a deployment-supplied key in
the same format, which is never created by us). A key file that group or others can read is
refused (fix: chmod 600). Losing the key loses the data: back it up apart from the database. Sub-keys are derived with HKDF-SHA256 (RFC 5869), one per purpose, so the
encryption key is never also used as a MAC key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os
import secrets
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.durable_files import fsync_directory, private_dirs
from core.errors import KeyMaterialError

logger = logging.getLogger(__name__)

KEY_FILE_ENV = "TONGBAN_DEVICE_KEY_FILE"
KEY_FILE_PREFIX = "tongban-key-v1:"
KEY_BYTES = 32

# Sealed blob layout: version byte | 96-bit nonce | ciphertext | 128-bit tag.
_SEAL_V1 = b"\x01"  # AES-256-GCM, random 96-bit nonce
# NIST SP 800-38D §8.2.2: with random 96-bit IVs a key may seal at most 2^32 messages; a service
# hall device writes a few thousand blobs a day, many orders of magnitude below that bound.
_NONCE_BYTES = 12
_TAG_BYTES = 16

_HKDF_SALT = b"tongban device key v1"
_INFO_AEAD = b"tongban/v1/aead/aes-256-gcm"
_INFO_LOOKUP = b"tongban/v1/lookup/hmac-sha256"
_INFO_CHECK = b"tongban/v1/key-check"
_INFO_MAC = b"tongban/v1/mac/hmac-sha256"

# Labels whose values are identifiers: upper-cased so a check character typed as "x" finds "X"
# (GB 11643-1999 ID numbers, GB 32100-2015 unified social credit codes).
IDENTIFIER_LABELS = frozenset({"id_number", "credit_code"})


def _derive(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=_HKDF_SALT, info=info).derive(material)


def normalise(label: str, value: str) -> str:
    """The form of ``value`` a keyed hash is taken over: NFKC, stripped, identifiers upper-cased.

    NFKC folds full-width digits and letters (``１１０１…Ｘ``) that IMEs and ID-card readers produce.
    """
    text = unicodedata.normalize("NFKC", value).strip()
    return text.upper() if label in IDENTIFIER_LABELS else text


class DeviceKey:
    """The device's secret key and its derived sub-keys. Immutable; safe to share across threads."""

    __slots__ = ("_aead", "_check", "_lookup", "_mac")

    def __init__(self, material: bytes) -> None:
        if len(material) != KEY_BYTES:
            raise KeyMaterialError(
                "设备密钥长度不正确。", f"device key must be {KEY_BYTES} bytes, got {len(material)}"
            )
        self._aead = AESGCM(_derive(material, _INFO_AEAD))
        self._lookup = _derive(material, _INFO_LOOKUP)
        self._check = _derive(material, _INFO_CHECK).hex()
        self._mac = _derive(material, _INFO_MAC)

    def __repr__(self) -> str:
        return "DeviceKey(<secret>)"

    @classmethod
    def load(cls, path: Path) -> DeviceKey:
        """Read a key file; KeyMaterialError if it is missing, unreadable, malformed or too open."""
        try:
            st = path.stat()
        except FileNotFoundError:
            raise KeyMaterialError(
                f"找不到设备密钥文件 {path}。",
                f"device key file {path} does not exist",
                code="key.missing",
                params={"key": str(path)},
            ) from None
        except OSError as exc:
            raise KeyMaterialError(
                f"无法读取设备密钥文件 {path}。",
                f"cannot stat device key file {path}: {exc}",
                code="key.unreadable",
                params={"key": str(path)},
            ) from exc
        # POSIX modes only: on Windows the key directory's ACL (set by the installer) protects it.
        if os.name != "nt" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyMaterialError(
                f"设备密钥文件 {path} 的权限过宽（同组或其他用户可以读取），已拒绝使用。"
                f"请执行：chmod 600 {path}",
                f"device key file {path} has mode {stat.S_IMODE(st.st_mode):o}, readable by group or "
                f"others; refusing to use it. Fix with: chmod 600 {path}",
                code="key.too_open",
                params={"key": str(path)},
            )
        try:
            text = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyMaterialError(
                f"无法读取设备密钥文件 {path}。",
                f"cannot read device key file {path}: {exc}",
                code="key.unreadable",
                params={"key": str(path)},
            ) from exc
        return cls(_parse_key_text(text, path))

    @classmethod
    def create(cls, path: Path) -> DeviceKey:
        """Create a new random key file at ``path`` (0600, directory 0700); never overwrites one.

        The key is written to a temporary file, synced, then hard-linked into place: ``link``
        fails if the name exists, so a racing creator cannot replace a key, and a crash never
        leaves a half-written key file under the real name.
        """
        private_dirs(path.parent)  # an existing directory is left as is
        material = secrets.token_bytes(KEY_BYTES)
        text = f"{KEY_FILE_PREFIX}{base64.b64encode(material).decode('ascii')}\n"
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            try:
                os.write(fd, text.encode("ascii"))
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise KeyMaterialError(
                    f"设备密钥文件 {path} 已存在，不会覆盖。",
                    f"device key file {path} already exists; refusing to overwrite it",
                ) from None
        finally:
            tmp.unlink(missing_ok=True)
        fsync_directory(path.parent)
        logger.info("created a new device key file at %s", path)
        return cls(material)

    def check_value(self) -> str:
        """A value stored with the data that tells whether this key is the one that wrote it."""
        return self._check

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        """Encrypt and authenticate ``plaintext``, binding it to ``aad`` (where it is stored)."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return _SEAL_V1 + nonce + self._aead.encrypt(nonce, plaintext, _SEAL_V1 + aad)

    def open_sealed(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt a blob from :meth:`seal`; KeyMaterialError if it was altered, moved or the key differs."""
        if len(blob) < 1 + _NONCE_BYTES + _TAG_BYTES or blob[:1] != _SEAL_V1:
            raise KeyMaterialError(
                "加密数据格式不正确，可能已损坏。", "sealed blob is truncated or has an unknown version"
            )
        nonce = blob[1 : 1 + _NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[1 + _NONCE_BYTES :], _SEAL_V1 + aad)
        except InvalidTag:
            raise KeyMaterialError(
                "数据无法解密：设备密钥不匹配，或数据已被篡改。",
                "authentication failed: wrong device key, or the data was altered or moved",
                code="key.cannot_decrypt",
            ) from None

    def mac(self, label: str, message: bytes) -> str:
        """HMAC-SHA256 (hex) of ``message`` under ``label``, with a key used for nothing else: what
        authenticates records that must not be rolled back or forged without the key."""
        return hmac.new(self._mac, label.encode("utf-8") + b"\x00" + message, hashlib.sha256).hexdigest()

    def keyed_hash(self, label: str, value: str) -> str:
        """HMAC-SHA256 (hex) of the normalised value under ``label``, for look-ups without plaintext."""
        message = label.encode("utf-8") + b"\x00" + normalise(label, value).encode("utf-8")
        return hmac.new(self._lookup, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyLocation:
    """Where the device key is, and whether a deployment supplied it (then we never create it)."""

    path: Path
    supplied: bool


def key_location(
    data_dir: Path, *, key_file: Path | None = None, environ: Mapping[str, str] | None = None
) -> KeyLocation:
    """An explicit ``key_file``, else ``$TONGBAN_DEVICE_KEY_FILE``, else ``<data_dir>/keys/device.key``."""
    if key_file is not None:
        return KeyLocation(key_file, supplied=True)
    env = os.environ if environ is None else environ
    from_env = env.get(KEY_FILE_ENV, "").strip()
    if from_env:
        return KeyLocation(Path(from_env), supplied=True)
    return KeyLocation(data_dir / "keys" / "device.key", supplied=False)


def _parse_key_text(text: str, path: Path) -> bytes:
    line = text.strip()
    if not line.startswith(KEY_FILE_PREFIX):
        raise KeyMaterialError(
            f"设备密钥文件 {path} 格式不正确。",
            f"device key file {path} does not start with {KEY_FILE_PREFIX!r}",
        )
    try:
        material = base64.b64decode(line[len(KEY_FILE_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise KeyMaterialError(
            f"设备密钥文件 {path} 格式不正确。", f"device key file {path} is not valid base64"
        ) from None
    if len(material) != KEY_BYTES:
        raise KeyMaterialError(
            f"设备密钥文件 {path} 长度不正确。",
            f"device key file {path} holds {len(material)} bytes, expected {KEY_BYTES}",
        )
    return material
