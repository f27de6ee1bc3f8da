"""Enrolling this device with a platform (one-time code → HMAC secret), and a client from it.

The secret is stored sealed with the device key in the store (m002 ``sync_enrollment``), never
in plain text in any file (DESIGN.md: data safety; README: encryption at rest).
"""

from __future__ import annotations

import base64
import binascii
import logging
from dataclasses import replace
from pathlib import Path

from core.case_numbers import valid_region_code
from core.cases.codec import case_from_dict
from core.clock import Clock
from core.config import CONFIG_NAME, DeviceConfig, load_config, write_config
from core.store.store import Store
from core.store.sync_state import Enrollment
from sync import contract
from sync.adapter import AdapterSettings, PlatformAdapter, open_adapter
from sync.errors import SyncPermanentError
from sync.service import CurrentCatalog
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
    config_path: Path | None = None,
) -> Enrollment:
    """Exchange a one-time enrollment code for this device's secret and store it (sealed).

    ``config`` must name the region. Without a device number (``device_no`` 0) the platform
    assigns one. The identity is written to ``config_path`` (required without a number) before
    the enrolment is stored: from then on this device may number cases (core/config.py).
    """
    url = platform_url.strip().rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise SyncPermanentError(
            "平台地址应以 https:// 开头。", f"platform URL {url!r} has no http(s) scheme", code="bad_url"
        )
    if not valid_region_code(config.region_code):
        raise SyncPermanentError(
            "本机尚未设置行政区划代码，无法登记：请用 --region 给出本大厅的 6 位行政区划代码"
            f"（或写入配置文件 {config_path or CONFIG_NAME} 的 region_code）。",
            f"no region_code in {config_path or CONFIG_NAME}: give the hall's 6-digit GB/T 2260 code "
            "(tongban sync enroll --region CODE)",
            code="no_region",
        )
    assign = config.device_no == 0
    if assign and config_path is None:
        raise ValueError("a device without a number needs config_path to keep the number it is assigned")
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
        "role": config.role,
    }
    if not assign:
        request["device_no"] = config.device_no
    if name:
        request["name"] = name
    held = store.sync.enrollment()
    if held is not None:  # re-enrolling: prove the secret held now, unless the code was issued for us
        request["proof"] = contract.enrollment_proof(held.secret, store.device_id, code)
    adapter = config.platform_adapter
    options = config.platform_options
    settings = AdapterSettings(url, store.device_id, ca_file=ca, pin=pinned, timeout=timeout, options=options)
    with open_adapter(adapter, settings) as client:
        reply = client.enroll(request)
    if reply["device_id"] != store.device_id:
        raise SyncPermanentError(
            "平台登记的设备编号与本机不符，登记未完成。",
            f"enroll: platform answered for device {reply['device_id']!r}",
            code="bad_reply",
        )
    secret = _secret(reply)
    number = reply.get("device_no")
    if (assign and number is None) or (not assign and number not in (None, config.device_no)):
        raise SyncPermanentError(
            "平台没有给出本机的设备编号，登记未完成。",
            f"enroll: asked for {'a number' if assign else config.device_no}, answered {number!r}",
            code="bad_reply",
        )
    if config_path is not None:
        _keep_identity(config_path, config.region_code, number if assign and number else config.device_no)
    enrollment = Enrollment(
        platform_url=url,
        platform_id=reply["platform_id"],
        secret=secret,
        enrolled_at=clock.now().isoformat(timespec="seconds"),
        ca_file=ca,
        pin=pinned,
        adapter=adapter,
        adapter_options=options,
    )
    store.sync.save_enrollment(enrollment)
    logger.info(
        "device %s enrolled with platform %s (adapter %s)", store.device_id, enrollment.platform_id, adapter
    )
    return enrollment


def _keep_identity(config_path: Path, region_code: str, device_no: int) -> None:
    """Write the identity the platform now knows into the configuration file, if it says otherwise.

    Before the enrolment is stored: a crash between leaves an identity the platform knows and a
    device that simply enrolls again (the platform gives it back the same number).
    """
    on_disk = load_config(config_path)
    if (on_disk.region_code, on_disk.device_no) != (region_code, device_no):
        write_config(config_path, replace(on_disk, region_code=region_code, device_no=device_no))
        logger.info("device identity %s-%03d written to %s", region_code, device_no, config_path)


def _secret(reply: contract.EnrollResponse) -> bytes:
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
    return secret


def client_for(
    store: Store, *, timeout: Timeout = DEFAULT_TIMEOUT, clock: Clock | None = None
) -> PlatformAdapter:
    """The adapter (sync/adapter.py) of the platform this device enrolled with, on the calling
    thread: the one way every package reaches the platform once enrolled."""
    enrollment = store.sync.enrollment()
    if enrollment is None:
        raise SyncPermanentError(
            "本机尚未在省级平台登记，请先执行：tongban sync enroll --platform 地址 --code 登记码",
            "device is not enrolled with a platform",
            code="not_enrolled",
        )
    settings = AdapterSettings(
        enrollment.platform_url,
        store.device_id,
        secret=enrollment.secret,
        ca_file=enrollment.ca_file,
        pin=enrollment.pin,
        timeout=timeout,
        clock=clock,
        options=enrollment.adapter_options,
        cases=lambda number: case_from_dict(store.get_case(number).payload),
        catalog=CurrentCatalog(store.data_dir),
    )
    return open_adapter(enrollment.adapter, settings)
