"""Sync by hand (USB stick): the folder format both ends write and check, sealed and signed.

A device's folder on the stick is ``DIR/<device_id>/``. Its export is ``export.json`` (the
manifest) and the files it lists (``export-events.bin``, ``att-<n>.bin``); the platform's
answer is ``receipt.json`` and ``receipt.bin``. Every listed file is sealed with AES-256-GCM
under a key derived (HKDF-SHA256, RFC 5869) from the device's enrolment secret, with the bundle
id and the file name as associated data, so a file moved from another bundle does not open.
A manifest is signed with the same secret and the same function as every network request
(``contract.sign``: HMAC-SHA256 over a canonical request), its "method" saying which end wrote
it (``EXPORT`` or ``RECEIPT``), so neither can pass for the other nor for an HTTP request.

Files are written to a temporary name, synced and renamed; the manifest goes last, and the old
manifest is removed first: a folder with a manifest is whole, a folder without one is a
half-written stick (DESIGN.md: durable before answer).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.durable_files import fsync_directory, replace_durably, write_durably
from core.store.sync_state import Enrollment
from sync import contract
from sync.adapter import DEFAULT_ADAPTER
from sync.errors import SyncPermanentError

FORMAT: Final = "tongban-bundle-v1"
EXPORT_MANIFEST: Final = "export.json"
EXPORT_EVENTS: Final = "export-events.bin"
RECEIPT_MANIFEST: Final = "receipt.json"
RECEIPT_BODY: Final = "receipt.bin"
KIND_EXPORT: Final = "export"
KIND_RECEIPT: Final = "receipt"
RECEIPT_CURSOR: Final = "bundle_receipt"  # device: the export number of the last receipt applied
MAX_MANIFEST_BYTES: Final = 4 * 1024 * 1024
_TEMP_PREFIX: Final = ".partial-"
_HKDF_SALT: Final = b"tongban bundle v1"
_HKDF_INFO: Final = b"tongban/v1/bundle/aes-256-gcm"
_NONCE_BYTES: Final = 12
_DEVICE_ID: Final = re.compile(r"[0-9A-Za-z_-]{1,64}")
# Attachments are numbered, not named by their sha256: the plain manifest says nothing about
# which scans a bundle holds (the sha256s travel sealed, in the events file).
_FILE_NAME: Final = re.compile(r"(export-events|receipt|att-[0-9]{1,7})\.bin")
_EXPORT_FILES: Final = re.compile(r"export\.json|(export-events|att-[0-9]{1,7})\.bin")
_RECEIPT_FILES: Final = re.compile(r"receipt\.(json|bin)")


class BundleError(SyncPermanentError):
    """A bundle or receipt refused: ``code`` says why (``bundle.incomplete``, ``bundle.tampered``,
    ``bundle.foreign``, ``bundle.replayed``, ``bundle.missing``, ``bundle.unreadable``,
    ``bundle.invalid``, ``bundle.no_receipt``, ``bundle.unapplied_receipt``, ``bundle.unsupported``)."""

    exit_code = 2  # the folder given is not what it should be: the operator's input


def check_adapter(enrollment: Enrollment) -> None:
    """Sync by hand speaks our own contract: a device enrolled through another platform adapter
    (sync/adapter.py: a provincial interface) cannot carry its data to that platform on a stick."""
    if enrollment.adapter != DEFAULT_ADAPTER:
        raise BundleError(
            f"本机对接的平台（{enrollment.adapter}）不支持 U 盘同步，只能联网同步。",
            f"sync by hand needs the {DEFAULT_ADAPTER!r} platform adapter; this device enrolled through"
            f" {enrollment.adapter!r}",
            code="bundle.unsupported",
        )


def attachment_file(index: int) -> str:
    return f"att-{index:04d}.bin"


def device_folder(root: Path, device_id: str) -> Path:
    if not _DEVICE_ID.fullmatch(device_id):
        raise ValueError(f"device id {device_id!r} cannot name a folder")
    return root / device_id


class Sealer:
    """Seals and opens the files of one device's bundles (both ends hold the same secret)."""

    def __init__(self, secret: bytes) -> None:
        key = HKDF(algorithm=SHA256(), length=32, salt=_HKDF_SALT, info=_HKDF_INFO).derive(secret)
        self._aead = AESGCM(key)

    def seal(self, bundle_id: str, name: str, data: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, data, f"{bundle_id}/{name}".encode())

    def open(self, bundle_id: str, name: str, sealed: bytes) -> bytes:
        try:
            return self._aead.decrypt(
                sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], f"{bundle_id}/{name}".encode()
            )
        except (InvalidTag, ValueError):
            raise tampered(f"{name} does not open with this device's key") from None


def encode(value: object) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _signature(secret: bytes, manifest: Mapping[str, Any]) -> str:
    """``contract.sign`` over the manifest without its signature, as if it were a request body."""
    body = {k: v for k, v in manifest.items() if k != "signature"}
    return contract.sign(
        secret,
        str(manifest["kind"]).upper(),
        f"/bundle/{manifest['device_id']}/{manifest['bundle_id']}",
        str(manifest["created_at"]),
        str(manifest["bundle_id"]),
        encode(body),
    )


def sign_manifest(secret: bytes, manifest: dict[str, Any]) -> dict[str, Any]:
    return {**manifest, "signature": _signature(secret, manifest)}


@dataclass(frozen=True, slots=True)
class Manifest:
    """A manifest read from the stick; ``data`` is the whole JSON object (signature unchecked)."""

    folder: Path
    data: dict[str, Any]

    @property
    def device_id(self) -> str:
        return str(self.data["device_id"])

    @property
    def platform_id(self) -> str:
        return str(self.data["platform_id"])

    @property
    def bundle_id(self) -> str:
        return str(self.data["bundle_id"])

    @property
    def export_no(self) -> int:
        return int(self.data["export_no"])

    def verify(self, secret: bytes) -> None:
        """The signature, then every listed file's presence, size and sha256 (BundleError)."""
        if not hmac.compare_digest(_signature(secret, self.data), str(self.data.get("signature", ""))):
            raise BundleError(
                "同步包签名校验失败：内容被改动过，或本机在导出后重新登记过（密钥已更换），已拒绝导入，"
                "未作任何更改。请在本机重新导出。",
                f"bundle refused, tampered or damaged: {self.data['kind']} manifest signature does not match"
                " (or the device re-enrolled since, and its secret changed)",
                code="bundle.tampered",
            )
        for name, facts in self.files.items():
            path = self.folder / name
            try:
                size = path.stat().st_size
            except OSError:
                raise incomplete(f"{name} listed in the manifest is missing") from None
            if size < int(facts["size"]):
                raise incomplete(f"{name} has {size} of {facts['size']} bytes")
            if size > int(facts["size"]) or _file_sha256(path) != facts["sha256"]:
                raise tampered(f"{name} differs from its manifest entry")

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        return dict(self.data["files"])

    def read(self, sealer: Sealer, name: str) -> bytes:
        """A listed file's plain bytes (after ``verify``)."""
        if name not in self.files:
            raise tampered(f"{name} is not listed in the manifest")
        return sealer.open(self.bundle_id, name, (self.folder / name).read_bytes())

    def read_json(self, sealer: Sealer, name: str) -> dict[str, Any]:
        try:
            value = json.loads(self.read(sealer, name).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise tampered(f"{name} is not JSON") from None
        if not isinstance(value, dict):
            raise tampered(f"{name} is not a JSON object")
        return value


_REQUIRED: Final = {
    "format": str,
    "kind": str,
    "bundle_id": str,
    "device_id": str,
    "platform_id": str,
    "created_at": str,
    "export_no": int,
    "files": dict,
    "signature": str,
}


def read_manifest(folder: Path, name: str, kind: str) -> Manifest:
    """The manifest ``name`` in ``folder``, checked for shape (not yet for its signature)."""
    path = folder / name
    if not path.is_file():
        own = _EXPORT_FILES if kind == KIND_EXPORT else _RECEIPT_FILES
        if any(own.fullmatch(p.name.removeprefix(_TEMP_PREFIX)) for p in _listing(folder)):
            raise incomplete(f"{folder} holds bundle files but no {name}: written only in part")
        raise BundleError(
            f"文件夹 {folder} 中没有{'导出包' if kind == KIND_EXPORT else '平台回执'}（{name}）。",
            f"no {name} in {folder}",
            code="bundle.missing",
        )
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise tampered(f"{name} is larger than {MAX_MANIFEST_BYTES} bytes")
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise incomplete(f"{name} cannot be read as JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError(
            f"{name} 不是本系统的同步包（格式应为 {FORMAT}）。",
            f"{path}: not a {FORMAT} manifest",
            code="bundle.unreadable",
        )
    for key, kind_of in _REQUIRED.items():
        if not isinstance(data.get(key), kind_of) or isinstance(data.get(key), bool):
            raise tampered(f"{name}: field {key!r} missing or not {kind_of.__name__}")
    if data["kind"] != kind:
        raise tampered(f"{name} says kind {data['kind']!r}, expected {kind!r}")
    for file_name, facts in data["files"].items():
        if (
            not _FILE_NAME.fullmatch(file_name)
            or not isinstance(facts, dict)
            or not isinstance(facts.get("size"), int)
            or not isinstance(facts.get("sha256"), str)
        ):
            raise tampered(f"{name}: bad file entry {file_name!r}")
    if not _DEVICE_ID.fullmatch(data["device_id"]) or not _DEVICE_ID.fullmatch(data["bundle_id"]):
        raise tampered(f"{name}: bad device or bundle id")
    return Manifest(folder, data)


def holds_export(folder: Path) -> bool:
    """Whether ``folder`` holds an export or any piece of one (a half-written one included)."""
    return any(_EXPORT_FILES.fullmatch(p.name.removeprefix(_TEMP_PREFIX)) for p in _listing(folder))


def holds_receipt(folder: Path) -> bool:
    """Whether ``folder`` holds a receipt or any piece of one."""
    return any(_RECEIPT_FILES.fullmatch(p.name.removeprefix(_TEMP_PREFIX)) for p in _listing(folder))


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


class FolderWriter:
    """Writes one manifest's files into a folder: each file whole before its name appears."""

    def __init__(self, folder: Path, sealer: Sealer, bundle_id: str) -> None:
        self._folder = folder
        self._sealer = sealer
        self._bundle_id = bundle_id
        self.files: dict[str, dict[str, Any]] = {}

    def add(self, name: str, data: bytes) -> None:
        sealed = self._sealer.seal(self._bundle_id, name, data)
        _write_atomically(self._folder / name, sealed)
        self.files[name] = {"size": len(sealed), "sha256": hashlib.sha256(sealed).hexdigest()}

    def finish(self, manifest_name: str, manifest: dict[str, Any]) -> None:
        """The manifest last (after every file it lists is durable)."""
        fsync_directory(self._folder)
        _write_atomically(
            self._folder / manifest_name, json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        )


def remove(folder: Path, *names: str) -> None:
    """Remove files (a manifest first of all), durably; absent ones are fine."""
    for name in names:
        (folder / name).unlink(missing_ok=True)
    if folder.is_dir():
        fsync_directory(folder)


def remove_unlisted(folder: Path, keep: set[str]) -> None:
    """Sealed files and temporaries no manifest in ``folder`` names any more (an older bundle's)."""
    for path in _listing(folder):
        if path.name not in keep and (path.name.startswith(_TEMP_PREFIX) or _FILE_NAME.fullmatch(path.name)):
            path.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    temp = path.with_name(_TEMP_PREFIX + path.name)
    write_durably(temp, data)
    replace_durably(temp, path)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def tampered(detail: str) -> BundleError:
    return BundleError(
        "同步包校验失败：内容被改动过或已损坏，已拒绝导入，未作任何更改。请重新导出。",
        f"bundle refused, tampered or damaged: {detail}",
        code="bundle.tampered",
    )


def incomplete(detail: str) -> BundleError:
    return BundleError(
        "同步包不完整（可能是拷贝或导出中途被打断、U 盘被提前拔出），已拒绝导入，未作任何更改。请重新导出或重新拷贝。",
        f"bundle refused, incomplete (half-written): {detail}",
        code="bundle.incomplete",
    )


def foreign(message: str, detail: str) -> BundleError:
    return BundleError(message, detail, code="bundle.foreign")
