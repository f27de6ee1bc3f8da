"""ID-card readers (居民身份证阅读机具): the card value type, the reader port, its errors and the photo plug-in."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from importlib.metadata import entry_points
from typing import Protocol

from devices.errors import DeviceError, DeviceUnavailableFeature

logger = logging.getLogger(__name__)

# Entry-point group through which a vendor WLT decoder package makes itself known (§1.8).
PHOTO_DECODER_GROUP = "tongban.wlt_decoders"
LONG_TERM = "长期"  # stored instead of an end date on long-term cards (research/devices.md §1.6)


class CardType(StrEnum):
    """Which card a text block holds (research/devices.md §1.7). Persisted values: never change them."""

    RESIDENT = "resident"  # 居民身份证
    HK_MO_TW_PERMIT = "hk_mo_tw_permit"  # 港澳台居民居住证 (type flag "J")
    FOREIGN_PERMANENT_2017 = "foreign_permanent_2017"  # 外国人永久居留身份证 2017 版 ("I")
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"  # 外国人永久居留身份证 2023 版 ("Y")


class ReaderState(StrEnum):
    """What a reader reports through ``on_state``. Values are part of the API: never change them."""

    CONNECTED = "connected"  # port open and the reader answered
    DISCONNECTED = "disconnected"  # port missing or lost; the driver keeps retrying
    NOT_RESPONDING = "not_responding"  # port open but no (valid) answer in time
    FAULT = "fault"  # the reader's SAM reports a hardware/authorisation fault (SW3 60/66)
    NO_CARD = "no_card"  # polling, nothing on the reader
    READING = "reading"  # a card was found and is being read
    AWAITING_REMOVAL = "awaiting_removal"  # this placement was handled; waiting for the card to go
    STOPPED = "stopped"


CARD_TYPE_NAMES: dict[CardType, str] = {
    CardType.RESIDENT: "居民身份证",
    CardType.HK_MO_TW_PERMIT: "港澳台居民居住证",
    CardType.FOREIGN_PERMANENT_2017: "外国人永久居留身份证（2017版）",
    CardType.FOREIGN_PERMANENT_2023: "外国人永久居留身份证（2023版）",
}

# Fields each non-resident card type adds to ``IdCard.to_json`` (research/devices.md §1.7).
EXTRA_JSON_FIELDS: dict[CardType, tuple[str, ...]] = {
    CardType.RESIDENT: (),
    CardType.HK_MO_TW_PERMIT: ("pass_number", "issue_count"),
    CardType.FOREIGN_PERMANENT_2017: ("english_name", "nationality", "card_version", "authority_code"),
    CardType.FOREIGN_PERMANENT_2023: ("english_name", "nationality", "issue_count", "previous_number_link"),
}
_MASKED_EXTRAS = frozenset({"pass_number"})


class SamStatusError(DeviceError):
    """The reader answered with a failure status byte SW3 (research/devices.md §1.4)."""

    def __init__(self, message: str, detail: str = "", sw3: int = 0) -> None:
        super().__init__(message, detail)
        self.sw3 = sw3


def mask_number(number: str) -> str:
    """Mask a document number for screens and logs: keep the first 6 and last 4 (fewer when short)."""
    if len(number) > 10:
        head, tail = 6, 4
    elif len(number) > 4:
        head, tail = 2, 2
    else:
        head, tail = 0, 0
    return number[:head] + "*" * (len(number) - head - tail) + number[len(number) - tail :]


@dataclass(frozen=True, slots=True, repr=False)
class IdCard:
    """One card as read from the chip; dates are ``date``, ``valid_to`` None means 长期.

    For foreigners ``name`` is the Chinese name printed on the card (it may be empty: use
    ``display_name``) and ``nation`` is empty. ``issue_count`` is 签发次数 on HK/Macao/Taiwan
    permits and 换证次数 on 2023 foreigner cards. ``raw_text`` keeps the 256 stored bytes for audit
    (rare characters may need fonts we lack, §1.6).
    """

    card_type: CardType
    name: str
    sex: str  # 男 / 女 / 未知 / 未说明
    nation: str  # e.g. 汉; "" when the card has no nation field
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str
    valid_from: date
    valid_to: date | None  # None: 长期
    photo_wlt: bytes = b""
    fingerprint: bytes | None = None
    english_name: str = ""  # 英文姓名 (foreigners)
    nationality: str = ""  # 国籍或所在地区代码, ISO 3166-1 alpha-3 (foreigners)
    pass_number: str = ""  # 通行证号码 (HK/Macao/Taiwan)
    issue_count: str = ""  # 签发次数 / 换证次数
    card_version: str = ""  # 证件版本号 (2017 foreigner card)
    authority_code: str = ""  # 当次申请受理机关代码 (2017 foreigner card)
    previous_number_link: str = ""  # 既往版本证件号码关联项 (2023 foreigner card)
    raw_text: bytes = field(default=b"", compare=False)

    @property
    def valid_to_text(self) -> str:
        """``YYYY-MM-DD``, or 长期."""
        return LONG_TERM if self.valid_to is None else self.valid_to.isoformat()

    @property
    def display_name(self) -> str:
        """The Chinese name, or the English name when the card has none."""
        return self.name or self.english_name

    @property
    def masked_id_number(self) -> str:
        return mask_number(self.id_number)

    def to_json(self, reveal: bool = False) -> dict[str, str]:
        """The card as JSON-ready strings; numbers masked unless ``reveal``. No photo or fingerprint."""
        out = {
            "card_type": self.card_type.value,
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number if reveal else mask_number(self.id_number),
            "issuing_authority": self.issuing_authority,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to_text,
        }
        for name in EXTRA_JSON_FIELDS[self.card_type]:
            value: str = getattr(self, name)
            out[name] = mask_number(value) if name in _MASKED_EXTRAS and not reveal else value
        return out

    def __repr__(self) -> str:
        # Never the plain number or the name: cards end up in logs (STYLE.md, logging).
        return f"IdCard({self.card_type.value}, id={self.masked_id_number})"


OnCard = Callable[[IdCard], None]
OnError = Callable[[DeviceError], None]
OnState = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CardProblem:
    """Why a check refused a card read: ``message`` Chinese for staff, ``detail`` English for logs."""

    message: str
    detail: str


CardCheck = Callable[[IdCard], CardProblem | None]
"""A check a reader applies to every card it reads; None accepts the card.

The reader's own checks are the chip format's (``text_block``); rules that belong to the
documents themselves (GB 11643 numbers) live in core and reach the reader through this injected
callable (``services.card_checks``), since devices import nothing of ours. Runs on the reader's
owner thread.
"""


class IdReader(Protocol):
    """The ID-card reader port. Callbacks run on the reader's own thread, never on the caller's."""

    def start(self, on_card: OnCard, on_error: OnError, on_state: OnState) -> None:
        """Start polling; every new placement yields one ``on_card`` or one ``on_error``."""

    def stop(self) -> None:
        """Stop polling and release the port; safe to call twice and from any thread."""

    def read_once(self, timeout: float) -> IdCard:
        """Block until the next placed card is read; raises DeviceTimeout or the read's DeviceError."""

    @property
    def running(self) -> bool: ...


class PhotoDecoder(Protocol):
    """A vendor WLT decoder (research/devices.md §1.8), e.g. a ctypes wrapper of libwlt2bmp.so."""

    def decode(self, wlt: bytes) -> bytes:
        """Decode the 1024-byte WLT photo to a 102×126 24-bit BMP file (38862 bytes)."""


def installed_photo_decoder() -> PhotoDecoder | None:
    """The first decoder registered under the ``tongban.wlt_decoders`` entry-point group, if any."""
    for entry in entry_points(group=PHOTO_DECODER_GROUP):
        try:
            factory = entry.load()
            decoder: PhotoDecoder = factory()
        except Exception:  # a broken vendor plug-in must not take the reader down
            logger.exception("WLT decoder plug-in %s failed to load", entry.name)
            continue
        return decoder
    return None


def decode_photo(wlt: bytes, decoder: PhotoDecoder | None = None) -> bytes:
    """Decode a card photo to BMP bytes with ``decoder`` or the installed one.

    Raises DeviceUnavailableFeature when no decoder is installed and DeviceError when it fails;
    callers show a placeholder instead of the photo.
    """
    chosen = decoder if decoder is not None else installed_photo_decoder()
    if chosen is None:
        raise DeviceUnavailableFeature(
            "未安装身份证照片解码库，无法显示证件照片（其余信息不受影响；如需照片请安装机具厂商提供的 WLT 解码库）",
            "no WLT photo decoder installed (entry-point group tongban.wlt_decoders)",
        )
    if not wlt:
        raise DeviceError("证件照片数据为空，无法显示照片", "empty WLT photo")
    try:
        return chosen.decode(wlt)
    except Exception as exc:  # vendor code: any failure becomes a typed error, never a crash
        raise DeviceError("证件照片解码失败，无法显示照片", f"WLT decoder failed: {exc!r}") from exc
