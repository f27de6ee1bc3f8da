"""describe(): errors and device health from core, devices and sync in the interface language."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.cases.model import EVALUATION_LEVELS, ItemState
from core.errors import TongbanError, ValidationError
from core.flows.cards import CardData, card_problems
from core.flows.problems import Problem
from core.staff import Role
from core.validation.contact import parse_mobile
from core.validation.fields import validate_field
from core.validation.idnumbers import parse_id_number
from devices.errors import DeviceError
from devices.manager import DeviceHealth, probe
from devices.states import NOT_CONFIGURED, READY, camera_ready, reader_state
from qtkit.i18n import install_translator
from qtkit.labels import evaluation_label, item_label
from qtkit.message_texts import TEMPLATES
from qtkit.messages import describe, staff_role_label
from qtkit.widgets.device_status import DeviceStatusModel, DeviceStatusWidget
from sync.errors import SyncError
from sync.transport import failure_from_exception, failure_from_response

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TODAY = date(2026, 12, 7)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    install_translator(qapp, "zh_CN")


def raised(call: object) -> TongbanError:
    assert callable(call)
    with pytest.raises(TongbanError) as info:
        call()
    return info.value


def core_errors() -> list[TongbanError]:
    """Validation errors the intake shows: ID number, phone, date, required field, 容缺 deadline."""
    from core.catalog.model import FieldType

    return [
        raised(lambda: parse_id_number("320115199003070044", field="applicant.id_number", today=TODAY)),
        raised(lambda: parse_id_number("32011519900307", field="applicant.id_number", today=TODAY)),
        raised(lambda: parse_mobile("1381234567")),
        raised(lambda: validate_field(FieldType.DATE, "2026-02-30", field="form.d", today=TODAY)),
        raised(lambda: validate_field(FieldType.PHONE, "", field="applicant.phone", today=TODAY)),
    ]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Busy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"error": {"code": "unavailable", "message": "\xe5\xb9\xb3\xe5\x8f\xb0\xe7\xbb\xb4\xe6\x8a\xa4\xe4\xb8\xad"}}'
        self.send_response(503)
        self.send_header("Retry-After", "30")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def busy_platform() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def sync_errors(busy_url: str) -> list[SyncError]:
    try:
        requests.get(f"http://127.0.0.1:{closed_port()}/api", timeout=5)
    except requests.RequestException as exc:
        unreachable = failure_from_exception(exc, "GET /api")
    else:
        raise AssertionError("a closed port answered")
    busy = failure_from_response(requests.get(busy_url, timeout=5), "GET /api", datetime.now(UTC))
    return [unreachable, busy]


def device_healths(tmp_path: Path) -> list[DeviceHealth]:
    """What the status bar and the test panels show: a missing reader, a printer nobody answers for."""
    return [
        probe("id_reader", f"serial:{tmp_path / 'ttyNONE'}?baudrate=115200", timeout=1),
        probe("printer", f"tcp:127.0.0.1:{closed_port()}", timeout=1),
        DeviceHealth.of("id_reader", "sim", True, reader_state("no_card")),
        DeviceHealth.of("id_reader", "sim", True, reader_state("awaiting_removal")),
        DeviceHealth.of("printer", "sim", True, READY),
        DeviceHealth.of("camera", "sim", True, camera_ready(1600, 1200)),
        DeviceHealth.of("scanner", "", None, NOT_CONFIGURED),
    ]


def test_errors_carry_a_code_and_params() -> None:
    check, length, phone, day, required = core_errors()
    assert (check.code, dict(check.params)) == (
        "id_number.check_digit",
        {"doc": "身份证号码", "expected": "3"},
    )
    assert (length.code, length.params["length"]) == ("id_number.length", 14)
    assert (phone.code, dict(phone.params)) == ("phone.length", {"length": 10})
    assert (day.code, day.params["date"]) == ("date.not_exist", "2026-02-30")
    assert (required.code, required.params["label"]) == ("field.required", "联系电话")
    assert isinstance(check, ValidationError) and check.field == "applicant.id_number"
    assert TongbanError("x").code == "error" and DeviceError("x").code == "device.error"


def test_chinese_shows_the_message_the_cli_prints(
    qapp: QApplication, chinese: None, tmp_path: Path, busy_platform: str
) -> None:
    items: list[TongbanError | DeviceHealth] = [
        *core_errors(),
        *sync_errors(busy_platform),
        *device_healths(tmp_path),
    ]
    for item in items:
        assert describe(item) == item.message
    assert describe(RuntimeError("boom")) == "程序出错（已记入日志），请联系管理员。"


def test_english_shows_no_chinese_from_core_devices_or_sync(
    qapp: QApplication, english: None, tmp_path: Path, busy_platform: str
) -> None:
    errors = core_errors()
    unreachable, busy = sync_errors(busy_platform)
    healths = device_healths(tmp_path)
    items: list[TongbanError | DeviceHealth] = [*errors, unreachable, busy, *healths]
    for item in items:
        text = describe(item)
        assert text and not CJK.search(text), (item.code, text)
    assert (
        describe(errors[0]) == "The check digit of the ID number is wrong (the last character should be 3)."
    )
    assert describe(errors[2]) == "A mobile number has 11 digits; this one has 10."
    assert describe(errors[4]) == "Phone number is required."
    assert describe(busy) == (
        "The provincial platform is busy (HTTP 503); retrying in about 30 s. Data is saved on this device."
    )
    assert healths[0].code == "id_reader.not_found" and healths[1].code == "printer.unreachable"
    assert describe(healths[2]) == "ready, place the card"
    assert describe(healths[5]) == "ready (1600×1200)"
    assert describe(RuntimeError("boom")) == "Program error (logged): please call the administrator."


def test_english_falls_back_to_the_english_detail(qapp: QApplication, english: None) -> None:
    assert describe(TongbanError("未登记的错误", "an error without a code")) == "an error without a code"
    assert describe(DeviceError("没有模板", "no template", code="device.nowhere")) == "no template"
    # a template whose params are missing is not filled with holes
    assert (
        describe(ValidationError("f", "手机号码应为 11 位", "too short", code="phone.length")) == "too short"
    )
    health = DeviceHealth("camera", "", False, "坏了", "broken")
    assert describe(health) == "broken"


def test_every_message_template_has_an_english_translation(qapp: QApplication, english: None) -> None:
    untranslated = [
        code
        for code, template in TEMPLATES.items()
        if QCoreApplication.translate("Messages", str(template)) == template
        or CJK.search(QCoreApplication.translate("Messages", str(template)))
    ]
    assert not untranslated
    placeholders = re.compile(r"\{\w+\}")

    for code, template in TEMPLATES.items():
        if code.startswith("check."):
            # A catalog check's params come in both languages (a Chinese 14年2个月 beside its months,
            # the catalog's own Chinese message beside its English detail): each language's template
            # takes its own; tests/qtkit/test_check_messages.py renders the check codes with real
            # params in both languages.
            continue
        english_text = QCoreApplication.translate("Messages", str(template))
        assert sorted(placeholders.findall(english_text)) == sorted(placeholders.findall(str(template))), code


def test_the_device_bar_speaks_english(qtbot: QtBot, qapp: QApplication, english: None) -> None:
    model = DeviceStatusModel()
    widget = DeviceStatusWidget(model)
    qtbot.addWidget(widget)
    model.update(DeviceHealth.of("id_reader", "sim", True, reader_state("no_card")))
    model.update(DeviceHealth.of("camera", "sim", True, camera_ready(1600, 1200)))
    model.update(DeviceHealth.of("printer", "", None, NOT_CONFIGURED))
    texts = [widget.button(role).text() for role in model.roles]
    assert not any(CJK.search(text) for text in texts), texts
    assert widget.button("id_reader").text().strip() == "ID card reader: ready, place the card"


def test_case_words_follow_the_interface_language(qapp: QApplication, chinese: None) -> None:
    assert item_label(ItemState.E_LICENCE) == ItemState.E_LICENCE.label == "电子证照免提交"
    assert evaluation_label(5) == "非常满意"
    assert staff_role_label("window") == "窗口人员"
    install_translator(qapp, "en")
    words = [
        *(item_label(state) for state in ItemState),
        *(evaluation_label(level) for level in EVALUATION_LEVELS),
        *(staff_role_label(role.value) for role in Role),
    ]
    assert not any(CJK.search(word) for word in words), words
    assert (evaluation_label(1), staff_role_label("supervisor")) == ("Very dissatisfied", "supervisor")


def test_a_flows_problems_speak_english(qapp: QApplication, chinese: None) -> None:
    expired = card_problems(CardData("林晓雨", "320115199003070043", valid_to=date(2025, 1, 1)), TODAY)
    phone = Problem.of(raised(lambda: parse_mobile("12345678901")))
    assert (expired[0].code, dict(expired[0].params)) == ("card.expired", {"date": "2025-01-01"})
    assert (phone.code, phone.params["prefix"]) == ("phone.prefix", "12")
    assert [describe(p) for p in (*expired, phone)] == [expired[0].message, phone.message]
    install_translator(qapp, "en")
    assert describe(expired[0]) == "The ID card has expired (valid until 2025-01-01)."
    assert describe(phone) == "A mobile number starts with 13–19, not \u201c12\u201d."
