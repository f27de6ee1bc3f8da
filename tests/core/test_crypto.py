"""Device key files, sealing and keyed hashes (core.crypto), on real files in tmp_path."""

from __future__ import annotations

import base64
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.crypto import KEY_FILE_ENV, DeviceKey, key_location, normalise
from core.errors import KeyMaterialError

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
FIXED = DeviceKey(bytes(range(32)))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_create_writes_a_private_one_line_key_file(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "device.key"
    key = DeviceKey.create(path)
    text = path.read_text(encoding="ascii")
    assert re.fullmatch(r"tongban-key-v1:[A-Za-z0-9+/]{43}=\n", text)
    assert len(base64.b64decode(text.split(":", 1)[1])) == 32
    if os.name != "nt":
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == ["device.key"]  # no temp file left
    loaded = DeviceKey.load(path)
    assert loaded.check_value() == key.check_value()
    assert loaded.open_sealed(key.seal(b"data", b"aad"), b"aad") == b"data"


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "device.key"
    first = DeviceKey.create(path)
    with pytest.raises(KeyMaterialError) as caught:
        DeviceKey.create(path)
    assert "不会覆盖" in caught.value.message
    assert DeviceKey.load(path).check_value() == first.check_value()


def test_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KeyMaterialError) as caught:
        DeviceKey.load(tmp_path / "nope.key")
    assert "找不到" in caught.value.message
    assert "does not exist" in caught.value.detail


@posix_only
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o644])
def test_load_refuses_a_key_others_can_read(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "device.key"
    DeviceKey.create(path)
    path.chmod(mode)
    with pytest.raises(KeyMaterialError) as caught:
        DeviceKey.load(path)
    assert f"chmod 600 {path}" in caught.value.message
    assert f"chmod 600 {path}" in caught.value.detail


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not a key\n",
        "tongban-key-v2:" + base64.b64encode(bytes(32)).decode() + "\n",
        "tongban-key-v1:" + base64.b64encode(bytes(31)).decode() + "\n",
        "tongban-key-v1:!!!not base64!!!\n",
    ],
)
def test_load_rejects_malformed_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "device.key"
    path.write_text(content, encoding="ascii")
    path.chmod(0o600)
    with pytest.raises(KeyMaterialError):
        DeviceKey.load(path)


def test_load_accepts_a_hand_written_key(tmp_path: Path) -> None:
    path = tmp_path / "device.key"
    path.write_text("tongban-key-v1:" + base64.b64encode(bytes(range(32))).decode(), encoding="ascii")
    path.chmod(0o600)
    assert DeviceKey.load(path).check_value() == FIXED.check_value()


def test_seal_uses_a_fresh_nonce_and_a_version_byte() -> None:
    one, two = FIXED.seal(b"same", b"aad"), FIXED.seal(b"same", b"aad")
    assert one != two
    assert one[0] == two[0] == 1
    assert len(one) == 1 + 12 + len(b"same") + 16


@pytest.mark.parametrize(
    "mangle",
    [
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # tag
        lambda blob: blob[:20] + bytes([blob[20] ^ 1]) + blob[21:],  # ciphertext
        lambda blob: b"\x02" + blob[1:],  # version
        lambda blob: blob[:10],  # truncated
    ],
)
def test_open_sealed_rejects_altered_blobs(mangle: Callable[[bytes], bytes]) -> None:
    blob = FIXED.seal(b"some plaintext long enough", b"aad")
    with pytest.raises(KeyMaterialError):
        FIXED.open_sealed(mangle(blob), b"aad")


def test_open_sealed_rejects_other_aad_and_other_key() -> None:
    blob = FIXED.seal(b"x", b"cases/1")
    with pytest.raises(KeyMaterialError):
        FIXED.open_sealed(blob, b"cases/2")
    with pytest.raises(KeyMaterialError) as caught:
        DeviceKey(bytes(32)).open_sealed(blob, b"cases/1")
    assert "密钥" in caught.value.message


@given(st.binary(max_size=2048), st.binary(max_size=64))
def test_seal_round_trip(plaintext: bytes, aad: bytes) -> None:
    assert FIXED.open_sealed(FIXED.seal(plaintext, aad), aad) == plaintext


def test_keyed_hash_normalises_identifiers_and_names() -> None:
    h = FIXED.keyed_hash
    assert h("id_number", "11010519491231002x") == h("id_number", " 11010519491231002X ")
    assert h("id_number", "１１０１０５１９４９１２３１００２Ｘ") == h("id_number", "11010519491231002X")
    assert h("name", "  张三丰 ") == h("name", "张三丰")
    assert h("name", "Ｌｉ Ｌｅｉ") == h("name", "Li Lei")
    assert h("name", "li lei") != h("name", "Li Lei")  # names keep their case
    assert h("name", "11010519491231002X") != h("id_number", "11010519491231002X")  # labels separate
    assert h("name", "张三丰") != DeviceKey(bytes(32)).keyed_hash("name", "张三丰")  # keyed
    assert re.fullmatch(r"[0-9a-f]{64}", h("name", "张三丰"))
    assert normalise("credit_code", " 91350100m000100y43 ") == "91350100M000100Y43"


def test_sub_keys_are_separate_and_nothing_leaks_in_repr() -> None:
    assert FIXED.check_value() != FIXED.keyed_hash("", "")
    assert "secret" in repr(FIXED)
    assert bytes(range(32)).hex() not in repr(FIXED)


def test_key_must_be_32_bytes() -> None:
    with pytest.raises(KeyMaterialError):
        DeviceKey(bytes(16))


def test_key_location_prefers_explicit_then_environment(tmp_path: Path) -> None:
    default = key_location(tmp_path, environ={})
    assert default.path == tmp_path / "keys" / "device.key"
    assert not default.supplied
    from_env = key_location(tmp_path, environ={KEY_FILE_ENV: "/etc/tongban/device.key"})
    assert from_env.path == Path("/etc/tongban/device.key")
    assert from_env.supplied
    explicit = key_location(tmp_path, key_file=tmp_path / "k", environ={KEY_FILE_ENV: "/etc/x"})
    assert explicit.path == tmp_path / "k"
    assert explicit.supplied
