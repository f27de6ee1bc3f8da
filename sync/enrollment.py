"""Enrolling this device with a platform (one-time code → HMAC secret), and a client from it.

The secret is stored sealed with the device key in the store (m002 ``sync_enrollment``), never
in plain text in any file (DESIGN.md: data safety; README: encryption at rest).
"""

from __future__ import annotations

import base64
import binascii
import logging
from pathlib import Path

from core.clock import Clock
from core.config import DeviceConfig
from core.store.store import Store
from core.store.sync_state import Enrollment
from sync import contract
from sync.client import PlatformClient
from sync.errors import SyncPermanentError
from sync.transport import DEFAULT_TIMEOUT, Timeout, normalise_pin

logger = logging.getLogger(__name__)


def enroll(
    store: Store,
    config: DeviceConfig,
    clock: Clock,
    platform_url: str,
    code: str,
    *,
    ca_file: Path | None = None,
    pin: str | None = None,
    name: str | None = None,
    timeout: Timeout = DEFAULT_TIMEOUT,
) -> Enrollment:
    """Exchange a one-time enrollment code for this device's secret and store it (sealed)."""
    url = platform_url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise SyncPermanentError(
            "平台地址应以 https:// 开头。", f"platform URL {url!r} has no http(s) scheme", code="bad_url"
        )
    ca = str(ca_file.resolve()) if ca_file is not None else None
    if ca_file is not None and not ca_file.is_file():
        raise SyncPermanentError(
            f"找不到 CA 证书文件 {ca_file}。", f"CA file {ca_file} not found", code="bad_ca"
        )
    pinned = normalise_pin(pin) if pin else None
    request: contract.EnrollRequest = {
        "code": code.strip(),
        "device_id": store.device_id,
        "region_code": config.region_code,
        "device_no": config.device_no,
        "role": config.role,
    }
    if name:
        request["name"] = name
    with PlatformClient(url, device_id=store.device_id, ca_file=ca, pin=pinned, timeout=timeout) as client:
        reply = client.enroll(request)
    if reply["device_id"] != store.device_id:
        raise SyncPermanentError(
            "平台登记的设备编号与本机不符，登记未完成。",
            f"enroll: platform answered for device {reply['device_id']!r}",
            code="bad_reply",
        )
    try:
        secret = base64.b64decode(reply["secret"], validate=True)
    except (binascii.Error, ValueError):
        secret = b""
    if len(secret) != 32:
        raise SyncPermanentError(
            "平台下发的密钥格式不正确，登记未完成。",
            "enroll: secret is not base64 of 32 bytes",
            code="bad_reply",
        )
    enrollment = Enrollment(
        platform_url=url,
        platform_id=reply["platform_id"],
        secret=secret,
        enrolled_at=clock.now().isoformat(timespec="seconds"),
        ca_file=ca,
        pin=pinned,
    )
    store.sync.save_enrollment(enrollment)
    logger.info("device %s enrolled with platform %s", store.device_id, enrollment.platform_id)
    return enrollment


def client_for(
    store: Store, *, timeout: Timeout = DEFAULT_TIMEOUT, clock: Clock | None = None
) -> PlatformClient:
    """A PlatformClient for the platform this device enrolled with (on the calling thread)."""
    enrollment = store.sync.enrollment()
    if enrollment is None:
        raise SyncPermanentError(
            "本机尚未在省级平台登记，请先执行：tongban sync enroll --platform 地址 --code 登记码",
            "device is not enrolled with a platform",
            code="not_enrolled",
        )
    return PlatformClient(
        enrollment.platform_url,
        device_id=store.device_id,
        secret=enrollment.secret,
        ca_file=enrollment.ca_file,
        pin=enrollment.pin,
        timeout=timeout,
        clock=clock,
    )
