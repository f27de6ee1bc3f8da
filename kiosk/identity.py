"""Who is at the kiosk: ID cards and scanned codes routed to the session (GUI thread).

The showing screen gets the first chance (``on_card``/``on_scan``: e.g. the newborn screen takes
the birth certificate's barcode); otherwise a card identifies the citizen — another person's card
ends the previous session first — a receipt QR names a case for the progress query, an online
token (电子社保卡…) is resolved by the platform, and anything else gets a plain message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject

from core.errors import TongbanError, ValidationError
from core.flows.intake import CardData, Problem, card_problems
from core.flows.kiosk import Service, citizen_from_card, citizen_from_token
from core.queue.appointment import looks_like_appointment_qr
from devices.qr.payloads import PayloadKind, classify_payload
from kiosk.screens.base import KioskScreen
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from services.cards import card_data

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from core.flows.kiosk import KioskSession
    from devices.id_reader import IdCard
    from devices.qr import ScanResult
    from kiosk.context import KioskContext
    from kiosk.screens.attract import AttractScreen
    from sync.adapter import PlatformAdapter
    from sync.contract import TokenResponse

logger = logging.getLogger(__name__)

R = TypeVar("R")


class Waiting(Protocol):
    """A spinner the window shows while the platform answers (kiosk/window.py ``wait``)."""

    def guard(self, callback: Callable[[R], None]) -> Callable[[R], None]: ...


class SessionHost(Protocol):
    """What the identity desk needs of the kiosk window that owns it (kiosk/window.py KioskWindow).

    A protocol, not an import: the window builds the desk, so the desk sits below it.
    """

    @property
    def ctx(self) -> KioskContext: ...
    @property
    def attract(self) -> AttractScreen: ...
    @property
    def session(self) -> KioskSession: ...
    @property
    def in_session(self) -> bool: ...
    @property
    def current(self) -> QWidget: ...
    @property
    def maintenance_open(self) -> bool: ...
    def ensure_session(self) -> None: ...
    def end_session(self, reason: str = ...) -> None: ...
    def after_identify(self) -> None: ...
    def start_service(self, service: str) -> None: ...
    def touch(self) -> None: ...
    def message(self, level: BannerLevel, text: str) -> None: ...
    def wait(
        self,
        text: str,
        *,
        timeout_ms: int = ...,
        on_give_up: Callable[[str], None] | None = ...,
        cancellable: bool = ...,
    ) -> Waiting: ...


def _refusal(problem: Problem, card: CardData) -> str:
    """The kiosk's words for a card core's card_problems refuses (translated here, at the edge)."""
    if problem.field == "applicant.valid_from" and card.valid_from is not None:
        return fill(
            QCoreApplication.translate(
                "KioskWindow", "这张证件尚未生效（有效期自 %1 起），不能在自助终端办理。请到人工窗口办理。"
            ),
            card.valid_from.isoformat(),
        )
    if card.valid_to is not None:
        return fill(
            QCoreApplication.translate(
                "KioskWindow", "这张证件已过有效期（有效期至 %1），不能在自助终端办理。请到人工窗口办理。"
            ),
            card.valid_to.isoformat(),
        )
    return describe(problem)


class IdentityDesk(QObject):
    """Listens to the window's DeviceBridge; lives on the GUI thread as the window's child."""

    def __init__(self, window: SessionHost, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window
        window.ctx.devices.card_read.connect(self._on_card_read)
        window.ctx.devices.code_scanned.connect(self._on_code_scanned)

    def _on_card_read(self, card: IdCard) -> None:
        w = self.window
        # No citizen's session under the maintenance screen, nor at a kiosk out of service.
        if w.maintenance_open or not w.attract.in_service:
            return
        data = card_data(card)
        today = w.ctx.clock.now().date()
        problems = card_problems(data, today)
        if problems:  # no supervisor at a kiosk: the window decides (core.flows.intake.card_problems)
            logger.info("card refused at the kiosk: %s", problems[0].detail)
            w.ensure_session()
            w.message(BannerLevel.ERROR, _refusal(problems[0], data))
            return
        if w.in_session and isinstance(w.current, KioskScreen) and w.current.on_card(data):
            w.touch()
            return
        try:
            citizen = citizen_from_card(data, today)
        except ValidationError as exc:
            w.ensure_session()
            w.message(BannerLevel.ERROR, describe(exc))
            return
        current = w.session.citizen if w.in_session else None
        if current is not None:
            if current.id_number == citizen.id_number:
                w.touch()
                return
            w.end_session("new_card")  # another person: the previous one's data goes first
        w.ensure_session()
        w.session.identify(citizen)
        w.after_identify()

    def _on_code_scanned(self, scan: ScanResult) -> None:
        w = self.window
        if w.maintenance_open or not w.attract.in_service:
            return
        if w.in_session and isinstance(w.current, KioskScreen) and w.current.on_scan(scan):
            w.touch()
            return
        w.ensure_session()
        if looks_like_appointment_qr(scan.text):  # 预约: to 取号, which checks and redeems it
            w.start_service(Service.TICKET)  # says why when this kiosk does not offer 取号
            if isinstance(w.current, KioskScreen):
                w.current.on_scan(scan)
            return
        payload = classify_payload(scan.text, scan.format)
        if payload.kind is PayloadKind.TONGBAN_RECEIPT:
            w.session.identify_case(payload.value)
            w.session.notes["after_identify"] = Service.PROGRESS
            w.after_identify()
        elif payload.kind is PayloadKind.ONLINE_TOKEN:
            self._resolve_token(payload.value)
        elif payload.kind is PayloadKind.BIRTH_CERTIFICATE:
            w.message(
                BannerLevel.INFO,
                QCoreApplication.translate(
                    "KioskWindow",
                    "这是出生医学证明上的条码。请先选择“新生儿参保登记”，填写宝宝信息时再扫描。",
                ),
            )
        else:
            w.message(
                BannerLevel.ERROR,
                QCoreApplication.translate(
                    "KioskWindow",
                    "无法识别这个二维码。请扫描本中心受理回执上的二维码或电子社保卡，也可以放身份证。",
                ),
            )

    def _resolve_token(self, token: str) -> None:
        w = self.window
        if w.ctx.sync is None or w.ctx.sync.online is False:
            w.message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "KioskWindow",
                    "电子社保卡等电子码需要联网核验，本机现在连不上政务服务平台。请改用身份证。",
                ),
            )
            return
        waiting = w.wait(
            QCoreApplication.translate("KioskWindow", "正在核验电子码…"),
            timeout_ms=12_000,
            on_give_up=self._on_token_given_up,
        )

        def resolve(client: PlatformAdapter, _store: object) -> TokenResponse:
            return client.resolve_token(token, purpose="identify")

        w.ctx.online_call(
            resolve,
            on_done=waiting.guard(self._on_token_resolved),
            on_error=waiting.guard(self._on_token_failed),
        )

    def _on_token_resolved(self, answer: TokenResponse) -> None:
        w = self.window
        if not w.in_session:
            return
        try:
            citizen = citizen_from_token(answer, w.ctx.clock.now().date())
        except ValidationError as exc:
            w.message(BannerLevel.ERROR, describe(exc))
            return
        current = w.session.citizen
        if current is not None and current.id_number != citizen.id_number:
            w.end_session("new_card")
            w.ensure_session()
        w.session.identify(citizen)
        w.after_identify()

    def _on_token_failed(self, exc: BaseException) -> None:
        w = self.window
        message = describe(exc) if isinstance(exc, TongbanError) else ""
        logger.warning("token not resolved: %s", getattr(exc, "detail", exc))
        w.message(
            BannerLevel.ERROR,
            message
            or QCoreApplication.translate("KioskWindow", "电子码核验没有成功。请稍后再试，或改用身份证。"),
        )

    def _on_token_given_up(self, reason: str) -> None:
        w = self.window
        if reason == "timeout":
            w.message(
                BannerLevel.WARNING,
                QCoreApplication.translate(
                    "KioskWindow", "政务服务平台没有及时回应。请改用身份证，或稍后再试。"
                ),
            )
