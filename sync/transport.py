"""Signed, compressed, time-limited HTTP to the platform, and the classification of what goes wrong.

DESIGN.md (sync contract): every request carries the device identity and an HMAC signature, and
every request has connect and read timeouts (Morango has none, research/aesthetics.md §1.5).
A failure is either transient (no connection, a timeout, 5xx, 429) or permanent (other 4xx, a
reply that breaks the contract, TLS trouble): research/aesthetics.md §3.5 "classify failures".
"""

from __future__ import annotations

import gzip
import json
import logging
import secrets
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Final, Self

import requests
from requests.adapters import HTTPAdapter

from core.clock import Clock
from sync import contract
from sync.errors import SyncError, SyncPermanentError, SyncTransientError

logger = logging.getLogger(__name__)

Timeout = tuple[float, float]  # (connect, read) seconds, as requests takes them
DEFAULT_TIMEOUT: Final[Timeout] = (3.05, 15.0)  # connect just above a TCP retransmit window (3 s)
PROBE_TIMEOUT: Final[Timeout] = (1.0, 1.5)
COMPRESS_FROM: Final = 512  # bytes: smaller JSON bodies are sent as they are
_MAX_RETRY_AFTER_S: Final = 3600.0


class PinnedAdapter(HTTPAdapter):
    """HTTPS that only talks to the server whose DER certificate has this sha256 (urllib3's
    ``assert_fingerprint``, checked on every new connection before any byte of the request)."""

    def __init__(self, pin: str) -> None:
        self._pin = pin  # set before HTTPAdapter.__init__, which builds the pool manager
        super().__init__()

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        pool_kwargs["assert_fingerprint"] = self._pin
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)


def open_session(
    user_agent: str, *, ca_file: str | None, pin: str | None
) -> tuple[requests.Session, bool | str]:
    """A requests.Session for one platform and what to pass as ``verify``: the system CAs, a
    deployment's CA file, or a pinned certificate (then the pin alone decides: a hall relay may
    use a self-signed certificate). Shared by every adapter that speaks HTTP."""
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    verify: bool | str = ca_file or True
    if pin:
        session.mount("https://", PinnedAdapter(normalise_pin(pin)))
        if not ca_file:
            verify = False
    return session, verify


class HttpAdapter:
    """What every HTTP platform adapter shares: its base URL, one session (``open_session``), close
    and the context manager, and ``reachable`` over the adapter's own ``health``. Lives on one thread."""

    def __init__(self, base_url: str, user_agent: str, *, ca_file: str | None, pin: str | None) -> None:
        """No I/O here (STYLE.md); the first request opens the connection."""
        self._base = base_url.rstrip("/")
        self._session, self._verify = open_session(user_agent, ca_file=ca_file, pin=pin)

    @property
    def base_url(self) -> str:
        return self._base

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def health(self, timeout: Timeout = PROBE_TIMEOUT) -> contract.HealthResponse:
        raise NotImplementedError

    def reachable(self, timeout: Timeout = PROBE_TIMEOUT) -> bool:
        """Whether the platform answers its health check now (never raises)."""
        try:
            self.health(timeout)
        except (SyncTransientError, SyncPermanentError):
            return False
        return True


def send(
    session: requests.Session,
    prepared: requests.PreparedRequest,
    verify: bool | str,
    timeout: Timeout,
    what: str,
) -> requests.Response:
    """Send a prepared request with the environment's proxy settings, no redirects; a requests
    failure becomes the SyncError it means (failure_from_exception), logged once."""
    settings = session.merge_environment_settings(prepared.url or "", {}, None, verify, None)
    try:
        return session.send(prepared, timeout=timeout, allow_redirects=False, **settings)
    except requests.RequestException as exc:
        failure = failure_from_exception(exc, what)
        logger.info("%s failed: %s", what, failure.detail)
        raise failure from None


def normalise_pin(pin: str) -> str:
    """A sha256 fingerprint as 64 lowercase hex digits (colons and case as people copy them are fine)."""
    value = pin.replace(":", "").strip().lower()
    if len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise SyncPermanentError(
            "证书指纹格式不正确：应为 64 位十六进制的 SHA-256 指纹。",
            "certificate pin must be the sha256 of the DER certificate, 64 hex digits",
            code="bad_pin",
        )
    return value


def encode_json(value: object) -> bytes:
    """The compact UTF-8 JSON of ``value``: the same bytes as one ``json.dumps``, made one C call per
    item of an object's list members.

    The C encoder holds the GIL for the whole of one call; a push batch of 200 newborn cases is
    1.2 MB and took 22 ms in one call, while the GUI thread waited for the GIL (bench/gui_bench.py
    --trace). Item by item, the GUI thread gets its turn between the items.
    """
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        members = ",".join(f"{_dumps(key)}:{_encode_items(item)}" for key, item in value.items())
        return f"{{{members}}}".encode()
    return _encode_items(value).encode()


def _encode_items(value: object) -> str:
    if isinstance(value, list):
        return f"[{','.join(_dumps(item) for item in value)}]"
    return _dumps(value)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def compress(body: bytes) -> tuple[bytes, dict[str, str]]:
    """gzip a JSON body worth compressing; the signature covers the bytes as sent (contract.body_digest)."""
    if len(body) < COMPRESS_FROM:
        return body, {}
    return gzip.compress(body, compresslevel=5, mtime=0), {"Content-Encoding": "gzip"}


def signed_headers(
    secret: bytes, device_id: str, clock: Clock, method: str, path_and_query: str, body: bytes
) -> dict[str, str]:
    timestamp = str(int(clock.now().timestamp()))
    nonce = secrets.token_hex(16)
    return {
        contract.H_DEVICE: device_id,
        contract.H_TIMESTAMP: timestamp,
        contract.H_NONCE: nonce,
        contract.H_SIGNATURE: contract.sign(secret, method, path_and_query, timestamp, nonce, body),
    }


def failure_from_exception(exc: requests.RequestException, what: str) -> SyncError:
    """What a requests exception means for sync; the order matters (SSLError is a ConnectionError)."""
    if isinstance(exc, requests.exceptions.SSLError):
        text = str(exc)
        if "Fingerprints did not match" in text or "fingerprint" in text.lower():
            return SyncPermanentError(
                "平台证书与登记的证书指纹不符，已停止连接（可能连到了假冒的服务器）。请联系运维人员核对平台证书。",
                f"{what}: TLS certificate pin mismatch: {text[:300]}",
                code="pin_mismatch",
            )
        return SyncPermanentError(
            "无法验证省级平台的安全证书，已停止连接。请联系运维人员检查证书配置。",
            f"{what}: TLS verification failed: {text[:300]}",
            code="tls",
        )
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return SyncTransientError(
            "省级平台响应超时，本机数据已保存，稍后自动重试。",
            f"{what}: read timeout ({type(exc).__name__})",
            code="timeout",
        )
    if isinstance(exc, requests.exceptions.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return SyncTransientError(
            "连不上省级平台（网络中断或平台未开启），本机数据已保存，网络恢复后自动上传。",
            f"{what}: {type(exc).__name__}: {str(exc)[:300]}",
            code="unreachable",
            unreachable=True,
        )
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return SyncPermanentError(
            "平台地址格式不正确，请重新登记平台地址。", f"{what}: {exc}", code="bad_url"
        )
    return SyncTransientError(
        "与省级平台通信出错，稍后自动重试。",
        f"{what}: {type(exc).__name__}: {str(exc)[:300]}",
        code="network",
    )


def failure_from_response(response: requests.Response, what: str, now: datetime) -> SyncError:
    """An HTTP error status as a typed failure, with the platform's own message when it gave one."""
    status = response.status_code
    error = _error_body(response)
    code = str(error.get("code") or f"http_{status}")
    platform_message = str(error.get("message") or "")
    detail = f"{what}: HTTP {status} {code}: {str(error.get('detail') or '')[:300]}"
    if status == 429 or status >= 500 or status == 408:
        retry_after = _retry_after(response, now)
        busy = "平台繁忙" if status in (429, 503) else "平台暂时出错"
        wait = f"，约 {retry_after:.0f} 秒后重试" if retry_after else "，稍后自动重试"
        return SyncTransientError(
            f"省级{busy}（HTTP {status}）{wait}。本机数据已保存。",
            detail,
            code=code,
            status=status,
            retry_after=retry_after,
            params={"status": status, "seconds": round(retry_after)} if retry_after else {"status": status},
        )
    if code == contract.ErrorCode.CLOCK_SKEW:
        skew = _clock_skew(response, error, now)
        minutes = f"{abs(skew) / 60:.0f} 分钟" if skew is not None else "超过 5 分钟"
        ahead = "快" if (skew or 0) >= 0 else "慢"
        return SyncPermanentError(  # retrying cannot help until someone fixes the clock
            f"本机时钟比平台{ahead}{minutes}，平台拒绝了同步请求。请校准本机日期和时间（或开启自动对时）后再同步。",
            detail,
            code=code,
            status=status,
            clock_skew_s=skew,
            params={} if skew is None else {"minutes": round(abs(skew) / 60)},
        )
    message = platform_message or f"平台拒绝了请求（HTTP {status}）。"
    return SyncPermanentError(message, detail, code=code, status=status, params={"status": status})


def _error_body(response: requests.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return dict(data["error"])
    return {}


def _retry_after(response: requests.Response, now: datetime) -> float | None:
    """Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), bounded to an hour."""
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(raw) - now).total_seconds()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER_S)


def _clock_skew(response: requests.Response, error: dict[str, Any], now: datetime) -> float | None:
    """Device clock minus platform clock, from the error's server_time or else the Date header."""
    server: datetime | None = None
    raw = error.get("server_time")
    if isinstance(raw, str):
        try:
            server = datetime.fromisoformat(raw)
        except ValueError:
            server = None
    if server is None and response.headers.get("Date"):
        try:
            server = parsedate_to_datetime(response.headers["Date"])
        except (TypeError, ValueError):
            server = None
    if server is None:
        return None
    if server.tzinfo is None:
        server = server.replace(tzinfo=UTC)
    return round((now - server).total_seconds(), 1)
