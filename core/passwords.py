"""Staff password hashes: the one scrypt format and check shared by the device's login and the platform.

Stored (and sent as ``StaffAccount.password_hash``) as ``scrypt$N$r$p$<salt>$<key>`` with standard
padded base64. The platform makes the hashes it sends (sync.server.seed); the device checks them
offline at login (core.staff). Both import this module, so they cannot disagree on what verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from typing import Final

# N=2**14, r=8, p=1 are the interactive-login costs of Percival's scrypt paper (2009; RFC 7914 §2
# on r and p): 16 MiB and tens of milliseconds, affordable for an offline login on a kiosk.
SCRYPT_N: Final = 2**14
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
SALT_BYTES: Final = 16
KEY_BYTES: Final = 32

# What a hash may ask of this device. scrypt's memory is 128·r·N bytes (RFC 7914 §2): a platform
# may raise the cost up to N=2**16 at r=8 (64 MiB), while a hostile or corrupt hash that asks for
# more is refused before any memory is taken. p multiplies the time, not the memory.
MAX_MEMORY: Final = 128 * 8 * 2**16
MAX_P: Final = 4
_KEY_RANGE: Final = range(16, 65)
_SALT_RANGE: Final = range(8, 65)


def _costs_allowed(n: int, r: int, p: int) -> bool:
    """N a power of two above 1 (RFC 7914 §2), r and p positive, memory and parallelism bounded."""
    return n > 1 and n & (n - 1) == 0 and r >= 1 and 1 <= p <= MAX_P and 128 * r * n <= MAX_MEMORY


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    # OpenSSL counts 128·r·(N+2) for V and 128·r·p for B; one extra MiB covers its bookkeeping.
    maxmem = 128 * r * (n + 2) + 128 * r * p + 2**20
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)


def hash_password(
    password: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> str:
    """The stored form of ``password`` (a fresh random salt unless one is given).

    ValueError for costs or a salt that verify_password would refuse: nobody may make a hash that cannot log in.
    """
    if not _costs_allowed(n, r, p):
        raise ValueError(f"scrypt costs N={n}, r={r}, p={p} are outside what a device accepts")
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    if len(salt) not in _SALT_RANGE:
        raise ValueError(f"a salt of {len(salt)} bytes is outside what a device accepts")
    key = _scrypt(password, salt, n, r, p, KEY_BYTES)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(key).decode()}"


def _cost(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 12:  # int() would take "+1", "1_0", " 1"
        raise ValueError(f"bad scrypt cost {text!r}")
    return int(text)


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of ``password`` against a stored hash.

    False, never an error, for a malformed hash or one whose costs are out of bounds.
    """
    try:
        scheme, n_text, r_text, p_text, salt_b64, key_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        n, r, p = _cost(n_text), _cost(r_text), _cost(p_text)
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(key_b64, validate=True)
    except (ValueError, binascii.Error):
        return False
    if not _costs_allowed(n, r, p) or len(expected) not in _KEY_RANGE or len(salt) not in _SALT_RANGE:
        return False
    try:
        actual = _scrypt(password, salt, n, r, p, len(expected))
    except (ValueError, MemoryError):  # the machine could not give even the bounded memory
        return False
    return hmac.compare_digest(actual, expected)
