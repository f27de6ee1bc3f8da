"""Resumable attachment uploads: interruption and resume, offset mismatch, size limits, digest mismatch."""

from __future__ import annotations

import hashlib
import os

from sync import contract
from sync.server.db import attachments_dir
from sync.server.runner import ThreadedPlatform
from tests.sync.server.platform_kit import Device, admin


def _status(device: Device, sha256: str) -> dict[str, object]:
    response = device.request("GET", contract.P_ATTACHMENT.format(sha256=sha256))
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_interrupted_upload_resumes_at_the_servers_offset(platform: ThreadedPlatform, device: Device) -> None:
    data = os.urandom(300_000)
    sha256 = hashlib.sha256(data).hexdigest()
    assert _status(device, sha256) == {"sha256": sha256, "received": 0, "size": None, "complete": False}
    assert device.put_chunk(sha256, 0, data[:100_000], len(data)).status_code == 200
    assert _status(device, sha256) == {
        "sha256": sha256,
        "received": 100_000,
        "size": len(data),
        "complete": False,
    }

    # The "connection drops": the device lost track and retries an old chunk.
    stale = device.put_chunk(sha256, 0, data[:100_000], len(data))
    assert stale.status_code == 409
    body = stale.json()
    assert body["error"]["code"] == contract.ErrorCode.OFFSET_MISMATCH
    assert body["attachment"]["received"] == 100_000  # where to go on, in the error body
    ahead = device.put_chunk(sha256, 200_000, data[200_000:], len(data))
    assert ahead.status_code == 409 and ahead.json()["attachment"]["received"] == 100_000

    resumed = body["attachment"]["received"]
    assert device.put_chunk(sha256, resumed, data[resumed:200_000], len(data)).json()["complete"] is False
    done = device.put_chunk(sha256, 200_000, data[200_000:], len(data)).json()
    assert done == {"sha256": sha256, "received": len(data), "size": len(data), "complete": True}
    assert _status(device, sha256)["complete"] is True
    # Uploading complete content again (another device, same scan) is simply "complete".
    assert device.put_chunk(sha256, 0, data[:10], len(data)).json()["complete"] is True

    stored = attachments_dir(platform.platform.config.db_path) / "complete" / sha256[:2] / sha256
    assert stored.read_bytes() == data
    assert admin(platform, contract.P_ADMIN_STATS)["attachments_complete"] == 1


def test_wrong_bytes_fail_the_digest_and_are_discarded(platform: ThreadedPlatform, device: Device) -> None:
    data = os.urandom(5000)
    sha256 = hashlib.sha256(data).hexdigest()
    corrupted = data[:-1] + bytes([data[-1] ^ 0xFF])
    response = device.put_chunk(sha256, 0, corrupted, len(data))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == contract.ErrorCode.DIGEST_MISMATCH
    assert _status(device, sha256) == {"sha256": sha256, "received": 0, "size": None, "complete": False}
    assert device.upload(data)["complete"] is True


def test_limits_are_413(device: Device) -> None:
    sha256 = "a" * 64
    too_big = device.put_chunk(sha256, 0, b"x", contract.MAX_ATTACHMENT_BYTES + 1)
    assert too_big.status_code == 413 and too_big.json()["error"]["code"] == contract.ErrorCode.TOO_LARGE
    chunk = device.put_chunk(sha256, 0, b"x" * (contract.MAX_CHUNK_BYTES + 1), contract.MAX_CHUNK_BYTES + 1)
    assert chunk.status_code == 413 and chunk.json()["error"]["code"] == "too_large"


def test_bad_upload_requests_are_400(device: Device) -> None:
    path = contract.P_ATTACHMENT.format(sha256="A" * 64)
    assert device.request("GET", path).status_code == 400
    good = contract.P_ATTACHMENT.format(sha256="b" * 64)
    no_size = device.request("PUT", good + "?offset=0", raw=b"abc")
    assert no_size.status_code == 400 and contract.H_TOTAL_SIZE in no_size.json()["error"]["message"]
    no_offset = device.request("PUT", good, raw=b"abc", headers={contract.H_TOTAL_SIZE: "3"})
    assert no_offset.status_code == 400 and "offset" in no_offset.json()["error"]["message"]
    beyond = device.put_chunk("b" * 64, 0, b"abcd", 3)
    assert beyond.status_code == 400
