"""Staff password hashes (core.passwords): the one format and check the device and the platform share."""

from __future__ import annotations

import base64
import hashlib

import pytest

from core import passwords
from core.passwords import hash_password, verify_password


def _encoded(n: int, r: int, p: int, salt: bytes = b"salt" * 4, key: bytes = b"k" * 32) -> str:
    return f"scrypt${n}${r}${p}${base64.b64encode(salt).decode()}${base64.b64encode(key).decode()}"


def test_the_default_costs_and_format() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$16384$8$1$")
    *_, salt, key = stored.split("$")
    assert len(base64.b64decode(salt)) == 16 and len(base64.b64decode(key)) == 32
    assert verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored)
    assert hash_password("same") != hash_password("same")  # salted


def test_a_platform_may_raise_the_cost_up_to_the_bound() -> None:
    """N=2**16 (64 MiB) is within the bound, whoever made the hash."""
    salt = b"s" * 16
    key = hashlib.scrypt(b"pw", salt=salt, n=2**16, r=8, p=1, dklen=32, maxmem=2**27)
    made_elsewhere = _encoded(2**16, 8, 1, salt, key)
    assert verify_password("pw", made_elsewhere)
    assert hash_password("pw", salt=salt, n=2**16) == made_elsewhere


@pytest.mark.parametrize(
    "stored",
    [
        "md5$abc",
        "scrypt$oops",
        "",
        _encoded(2**17, 8, 1),  # 128 MiB: over the memory bound
        _encoded(2**16, 16, 1),  # the same memory through r
        _encoded(99999999999, 8, 1),  # absurd N
        _encoded(3000, 8, 1),  # N must be a power of two (RFC 7914 §2)
        _encoded(1, 8, 1),  # N must be > 1
        _encoded(2**14, 8, 64),  # p multiplies the time
        _encoded(2**14, 0, 1),
        _encoded(2**14, 8, 0),
        _encoded(2**14, 8, 1, key=b"k" * 4),  # too short a key to mean anything
        _encoded(2**14, 8, 1, key=b"k" * 200),
        _encoded(2**14, 8, 1, salt=b""),
        "scrypt$16384$8$1$!!notbase64$AAAA",
        "scrypt$16384$8$1$c2FsdA==$aGFzaA==$extra",
        "scrypt$+16384$8$1$c2FsdA==$aGFzaA==",
        "scrypt$1_6384$8$1$c2FsdA==$aGFzaA==",
    ],
)
def test_a_malformed_or_hostile_hash_is_false_never_an_error(stored: str) -> None:
    assert verify_password("x", stored) is False


def test_hashing_refuses_costs_it_would_not_verify() -> None:
    with pytest.raises(ValueError):
        hash_password("pw", n=2**17)
    with pytest.raises(ValueError):
        hash_password("pw", n=3000)


def test_the_bound_is_what_the_device_can_afford() -> None:
    assert passwords.MAX_MEMORY == 128 * 8 * 2**16  # 64 MiB: N=2**16 at r=8
