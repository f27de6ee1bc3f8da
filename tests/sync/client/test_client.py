"""PlatformClient against a real HTTP server: signing, compression, timeouts and typed failures."""

from __future__ import annotations

import gzip
import json
import random
import socket
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from werkzeug import Request, Response

from core.clock import SystemClock
from core.store.store import Store
from sync import backoff, contract
from sync.client import PlatformClient
from sync.errors import SyncPermanentError, SyncTransientError
from sync.transport import encode_json, normalise_pin
from tests.sync.client.conftest import TEST_TIMEOUT
from tests.sync.client.fake_platform import FakePlatform, ok


def _event(device_id: str, seq: int, size: int = 2000) -> contract.WireEvent:
    return {
        "device_id": device_id,
        "seq": seq,
        "case_number": "32011526112300100017",
        "kind": "accepted",
        "device_time": "2026-11-23T09:30:00+08:00",
        "counter": seq,
        "operator": "window07",
        "catalog_version": "2024.1-r1",
        "attachments": [],
        "payload": {"note": "x" * size},
    }


def test_requests_are_signed_gzipped_and_accepted(
    platform: FakePlatform, client: PlatformClient, store: Store
) -> None:
    captured: list[Request] = []

    def spy(request: Request, _: FakePlatform) -> None:
        captured.append(request)

    platform.inject("events", spy)
    reply = client.push_events([_event(store.device_id, 1)])
    assert [r["status"] for r in reply["receipts"]] == ["stored"]
    request = captured[0]
    assert request.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(request.get_data()))["events"][0]["seq"] == 1
    assert request.headers[contract.H_DEVICE] == store.device_id
    assert len(request.headers[contract.H_NONCE]) == 32


def test_small_bodies_are_sent_plain(platform: FakePlatform, client: PlatformClient, store: Store) -> None:
    captured: list[Request] = []

    def spy(request: Request, _: FakePlatform) -> None:
        captured.append(request)

    platform.inject("events", spy)
    client.push_events([_event(store.device_id, 1, size=10)])
    assert "Content-Encoding" not in captured[0].headers


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    platform: FakePlatform, client: PlatformClient, store: Store, status: int
) -> None:
    platform.inject("events", status)
    with pytest.raises(SyncTransientError) as caught:
        client.push_events([_event(store.device_id, 1)])
    assert caught.value.status == status
    assert "稍后自动重试" in caught.value.message
    assert not caught.value.unreachable
    assert platform.events == {}


def test_429_honours_retry_after(platform: FakePlatform, client: PlatformClient, store: Store) -> None:
    platform.inject("events", 429)
    with pytest.raises(SyncTransientError) as caught:
        client.push_events([_event(store.device_id, 1)])
    assert caught.value.retry_after == 2.0
    # The backoff never starts sooner than the platform asked, whatever the jitter draws.
    assert backoff.next_attempt_at(100.0, 1, random.Random(1), retry_after=2.0) >= 102.0


def test_other_4xx_are_permanent_with_the_platforms_message(
    platform: FakePlatform, client: PlatformClient
) -> None:
    platform.inject(
        "updates",
        lambda r, _: Response(json.dumps({"error": {"code": "bad_request", "message": "游标无效"}}), 400),
    )
    with pytest.raises(SyncPermanentError) as caught:
        client.updates(0)
    assert (caught.value.code, caught.value.message) == ("bad_request", "游标无效")


def test_a_reply_that_breaks_the_contract_is_permanent(
    platform: FakePlatform, client: PlatformClient, store: Store
) -> None:
    platform.inject("events", lambda r, _: ok({"receipts": [{"seq": "one"}], "rejected": []}))
    with pytest.raises(SyncPermanentError) as caught:
        client.push_events([_event(store.device_id, 1)])
    assert caught.value.code == "bad_reply"
    platform.inject("updates", lambda r, _: Response("<html>wifi login</html>", 200))
    with pytest.raises(SyncPermanentError):
        client.updates(0)


def test_clock_skew_is_reported_with_the_offset(
    platform: FakePlatform, store: Store, platform_url: str
) -> None:
    class Fast(SystemClock):
        def now(self) -> datetime:
            return super().now() + timedelta(minutes=20)

    with (
        PlatformClient(
            platform_url,
            device_id=store.device_id,
            secret=platform.secret,
            clock=Fast(),
            timeout=TEST_TIMEOUT,
        ) as fast,
        pytest.raises(SyncPermanentError) as caught,
    ):
        fast.updates(0)
    assert caught.value.code == "clock_skew"
    assert caught.value.clock_skew_s is not None and 1190 <= caught.value.clock_skew_s <= 1210
    assert "快20 分钟" in caught.value.message.replace("快 ", "快")


def test_slow_reply_is_a_timeout(platform: FakePlatform, store: Store, platform_url: str) -> None:
    def stall(request: Request, fake: FakePlatform) -> None:
        fake.release.wait(5)

    platform.inject("updates", stall)
    with (
        PlatformClient(
            platform_url, device_id=store.device_id, secret=platform.secret, timeout=(1.0, 0.3)
        ) as slow,
        pytest.raises(SyncTransientError) as caught,
    ):
        slow.updates(0)
    platform.release.set()
    assert caught.value.code == "timeout"


def test_bad_signature_is_permanent(platform: FakePlatform, store: Store, platform_url: str) -> None:
    with (
        PlatformClient(
            platform_url, device_id=store.device_id, secret=b"w" * 32, timeout=TEST_TIMEOUT
        ) as wrong,
        pytest.raises(SyncPermanentError) as caught,
    ):
        wrong.updates(0)
    assert caught.value.code == "bad_signature"


@pytest.fixture
def resetting_server() -> Iterator[str]:
    """Accepts a connection, reads the request, and resets the connection (RST, no reply)."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.recv(65536)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()

    thread = threading.Thread(target=serve, name="resetting-server")
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(5)
    listener.close()


def test_connection_reset_is_transient_and_unreachable(resetting_server: str) -> None:
    with PlatformClient(
        resetting_server, device_id="d" * 32, secret=b"k" * 32, timeout=TEST_TIMEOUT
    ) as client:
        with pytest.raises(SyncTransientError) as caught:
            client.updates(0)
        assert caught.value.unreachable
        assert not client.reachable()


def test_connection_refused_is_unreachable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    with (
        PlatformClient(f"http://127.0.0.1:{port}", device_id="d" * 32, secret=b"k" * 32) as client,
        pytest.raises(SyncTransientError) as caught,
    ):
        client.updates(0)
    assert caught.value.code == "unreachable" and "网络恢复后自动上传" in caught.value.message


def test_unsigned_calls_need_no_enrollment(platform: FakePlatform, platform_url: str) -> None:
    with PlatformClient(platform_url, device_id="d" * 32) as client:
        assert client.health()["status"] == "ok"
        with pytest.raises(SyncPermanentError) as caught:
            client.updates(0)
    assert caught.value.code == "not_enrolled"


def test_pins_are_normalised_and_checked() -> None:
    assert normalise_pin("AB:" * 31 + "AB") == "ab" * 32
    with pytest.raises(SyncPermanentError):
        normalise_pin("not a pin")


def test_backoff_is_capped_full_jitter() -> None:
    rng = random.Random(7)
    assert backoff.delay(0, rng) == 0.0
    draws = [backoff.delay(n, rng) for n in range(1, 40) for _ in range(20)]
    assert all(0.0 <= d <= backoff.CAP_S for d in draws)
    assert max(backoff.delay(1, rng) for _ in range(200)) <= backoff.BASE_S
    assert max(draws) > backoff.CAP_S / 2  # it does reach up towards the cap


@pytest.mark.parametrize(
    "value",
    [
        {
            "events": [{"seq": 1, "payload": {"姓名": "林晓雨", "items": [1, 2.5, None, True]}}, {"seq": 2}],
            "n": 2,
        },
        {"events": [], "audit_head": {"count": 3, "hash": "ab"}, "empty": {}},
        [{"a": '\u2028 "quoted" \\ 换行\n'}, [], [[1]], "x"],
        {"tuple": (1, "二"), "nested": {"list": [{"deep": [1, {"k": "v"}]}]}},
        "只是一个字符串",
        42,
        None,
        {},
        [],
    ],
)
def test_json_bodies_are_the_bytes_one_dumps_makes(value: object) -> None:
    """encode_json goes item by item (the GIL is let go between items) and must not change a byte:
    the signature covers the body as sent."""
    whole = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    assert encode_json(value) == whole


@pytest.mark.parametrize("value", [{"events": [{"x": float("nan")}]}, {"x": {1, 2}}, {1: "int key"}])
def test_json_bodies_refuse_what_one_dumps_refuses(value: object) -> None:
    try:
        expected: object = json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode()
    except (TypeError, ValueError) as exc:
        expected = type(exc)
    if isinstance(expected, type):
        with pytest.raises(expected):
            encode_json(value)
    else:
        assert encode_json(value) == expected
