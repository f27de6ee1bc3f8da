"""Identity documents staff type in: 回乡证, 台胞证 and foreign passports (with the 居留许可 number).

These have no number that encodes birth date or sex, and no chip Tongban reads (some ID readers
do read the 回乡证/台胞证 chip; Tongban does not drive that), so staff type the holder's sex and
birth date from the document beside its number. Sources, per document:

- 港澳居民来往内地通行证: 公安部出入境管理局《港澳居民来往内地通行证号码规则》(2010-03-10):
  "证件号码共11位。第1位为字母，“H”字头签发给香港居民，“M”字头签发给澳门居民；第2位至第11位为
  数字，前8位数字为通行证持有人的终身号，后2位数字表示换证次数". Published by 中国新闻网 on
  2010-03-10 (https://www.chinanews.com.cn/gn/news/2010/03-10/2162152.shtml; copy read at
  http://lhoil.com/law/law_view.asp?id=324224). The 9-character lifelong part alone is accepted too:
  staff often see only it (the brief's "H/M + 8 digits (+2 reissue digits)").
- 台湾居民来往大陆通行证: since 2008-09-25 "一人一号、终身不变"，"保留台胞终身号的八位阿拉伯数字"; the
  earlier numbers were the 8 digits + 2 digits of 签发次数 (+ a bracketed 签发机关代码 from Hong Kong and
  Macao offices, long expired). 中新网 2008-09-12, read at
  http://www.ncdzx.com/sy/rdxw/200809/t20080912_742862.htm. So 8 digits, or 10.
- Foreign passports: the number's format is each issuing state's own. ICAO Doc 9303 (Part 4) gives
  the document number 9 characters A–Z/0–9 in the machine-readable zone, with longer numbers
  continued in the optional data; we accept 5–20 of those characters (the bound is ours). The
  nationality is ICAO 9303 Part 3's three-letter code (ISO 3166-1 alpha-3, plus "D" for Germany),
  checked for shape only: Tongban ships no ISO 3166 table.
- 外国人居留许可: since 2019-06-01 a sticker in the passport "参照国际民航组织DOC9303机读旅行证件有关标准
  设计制作" (国家移民管理局 announcement, 中新网 2019-05-31, read at
  http://nanfei8.com/zonghexinwen/guoneixinwen/2019-06-01/63441.html). Its number's own format was
  not found in a public source; 6–20 letters and digits are accepted (our bound), kept as typed.
- 军人证件 (军官证, 士兵证 …): no public number format was found, so they are not offered.
"""

from __future__ import annotations

import re
from datetime import date

from core.catalog.model import FieldType
from core.errors import ValidationError
from core.validation.fields import validate_field
from core.validation.idnumbers import DOCUMENT_NAMES, IdKind, normalise_id_number, parse_id_number

# The kinds whose holder's sex and birth date are typed by staff (not encoded in the number).
TYPED_KINDS = frozenset({IdKind.HK_MO_TRAVEL_PERMIT, IdKind.TW_TRAVEL_PERMIT, IdKind.FOREIGN_PASSPORT})
# What the window offers, in this order: the cards first (read or typed), then the typed documents.
DOCUMENT_CHOICES = (
    IdKind.RESIDENT,
    IdKind.HK_MO_TW_PERMIT,
    IdKind.FOREIGN_PERMANENT_2023,
    IdKind.HK_MO_TRAVEL_PERMIT,
    IdKind.TW_TRAVEL_PERMIT,
    IdKind.FOREIGN_PASSPORT,
)
# The cards whose number says which card it is: parse_id_number tells them apart.
CARD_KINDS = frozenset(set(IdKind) - TYPED_KINDS)

_HK_MO = re.compile(r"[HM]\d{8}(\d{2})?")
_TW = re.compile(r"\d{8}(\d{2})?")
_PASSPORT = re.compile(r"[A-Z0-9]{5,20}")
_NATIONALITY = re.compile(r"[A-Z]{3}|D")
_RESIDENCE_PERMIT = re.compile(r"[A-Z0-9]{6,20}")
_LATIN_NAME = re.compile(r"[A-Z]+([ '\-.,]+[A-Z]+)*\.?")
LATIN_NAME_MAX = 80


def document_name(kind: str) -> str:
    """The Chinese name of an IdKind value; an unknown value is shown as it is."""
    try:
        return DOCUMENT_NAMES[IdKind(kind)]
    except ValueError:
        return kind


def document_kind(value: str, field: str) -> IdKind:
    """The IdKind of a value staff or a file gave; ValidationError naming the choices otherwise."""
    try:
        return IdKind(value)
    except ValueError:
        choices = "、".join(f"{k.value}（{DOCUMENT_NAMES[k]}）" for k in DOCUMENT_CHOICES)
        raise ValidationError(
            field,
            f"不认识的证件类型“{value}”，可选：{choices}",
            f"unknown document kind {value!r}",
            code="document.unknown_kind",
            params={"kind": value},
        ) from None


def parse_document_number(kind: IdKind, value: str, *, field: str, today: date) -> str:
    """The normalised number of a document of ``kind``; ValidationError saying what is wrong.

    Card numbers go through parse_id_number and must be of that card; typed documents have
    their own shapes (module docstring).
    """
    if kind in CARD_KINDS:
        info = parse_id_number(value, field=field, today=today)
        same = info.kind is kind or {info.kind, kind} <= {
            IdKind.FOREIGN_PERMANENT_2017,
            IdKind.FOREIGN_PERMANENT_2023,
        }
        if not same:
            raise ValidationError(
                field,
                f"这是{DOCUMENT_NAMES[info.kind]}的号码，不是{DOCUMENT_NAMES[kind]}的号码，请核对证件类型",
                f"a {info.kind.value} number given as {kind.value}",
                code="document.kind_mismatch",
                params={"doc": DOCUMENT_NAMES[kind], "found": DOCUMENT_NAMES[info.kind]},
            )
        return info.number
    number = normalise_id_number(value)
    doc = DOCUMENT_NAMES[kind]
    if not number:
        raise ValidationError(
            field,
            f"请填写{doc}号码",
            f"{kind.value} number is empty",
            code="document.empty",
            params={"doc": doc},
        )
    if kind is IdKind.HK_MO_TRAVEL_PERMIT:
        pattern, shape = _HK_MO, "H（香港）或 M（澳门）加 8 位数字，可再加 2 位换证次数"
    elif kind is IdKind.TW_TRAVEL_PERMIT:
        pattern, shape = _TW, "8 位数字，可再加 2 位签发次数"
    else:
        pattern, shape = _PASSPORT, "5–20 位英文字母或数字"
    if pattern.fullmatch(number) is None:
        raise ValidationError(
            field,
            f"{doc}号码应为 {shape}，现在是“{number}”",
            f"{kind.value} number {number!r} does not have the document's shape",
            code="document.shape",
            params={"doc": doc, "shape": shape, "number": number},
        )
    card = _card_kind(number, today)
    if card is not None:  # a valid card number typed as a passport's: the kind was chosen wrong
        raise ValidationError(
            field,
            f"这是{DOCUMENT_NAMES[card]}的号码，不是{doc}的号码，请核对证件类型",
            f"a {card.value} number given as {kind.value}",
            code="document.kind_mismatch",
            params={"doc": doc, "found": DOCUMENT_NAMES[card]},
        )
    return number


def _card_kind(number: str, today: date) -> IdKind | None:
    try:
        return parse_id_number(number, field="", today=today).kind
    except ValidationError:
        return None


def parse_nationality(value: str, *, field: str) -> str:
    """A foreign passport's nationality: the ICAO 9303 three-letter code, upper case; not CHN."""
    code = normalise_id_number(value)
    if not code:
        raise ValidationError(
            field,
            "请填写国籍（护照上的三位字母代码，如 USA）",
            "nationality is empty",
            code="nationality.empty",
        )
    if _NATIONALITY.fullmatch(code) is None:
        raise ValidationError(
            field,
            f"国籍应为护照上的三位字母代码（如 USA、GBR、JPN），现在是“{code}”",
            f"nationality {code!r} is not a three-letter code",
            code="nationality.shape",
            params={"code": code},
        )
    if code == "CHN":
        # A Chinese passport is not a foreign one; 定居国外的中国公民's passport is not offered yet.
        raise ValidationError(
            field,
            "国籍为 CHN 的是中国护照，不是外国护照；中国公民请使用居民身份证",
            "nationality CHN on a foreign passport",
            code="nationality.chinese",
        )
    return code


def parse_residence_permit(value: str, *, field: str) -> str:
    """The 外国人居留许可 number (optional): "" when not given, else 6–20 letters and digits."""
    number = normalise_id_number(value)
    if number and _RESIDENCE_PERMIT.fullmatch(number) is None:
        raise ValidationError(
            field,
            f"居留许可号码应为 6–20 位英文字母或数字，现在是“{number}”",
            f"residence permit number {number!r} does not have the expected shape",
            code="residence_permit.shape",
            params={"number": number},
        )
    return number


def parse_latin_name(value: str, *, field: str) -> str:
    """A name in Latin letters as a passport prints it: upper case, single spaces; "" when empty."""
    name = " ".join(value.split()).upper()
    if not name:
        return ""
    if len(name) > LATIN_NAME_MAX or _LATIN_NAME.fullmatch(name) is None or not name.isascii():
        raise ValidationError(
            field,
            f"外文姓名只能用英文字母、空格和 - ' . ,（不超过 {LATIN_NAME_MAX} 个字符），请按证件填写",
            f"latin name {name!r} has other characters or is too long",
            code="latin_name.shape",
            params={"limit": LATIN_NAME_MAX},
        )
    return name


def typed_birth_date(value: object, *, field: str, today: date) -> date:
    """The holder's birth date as typed from the document: YYYY-MM-DD, not after today."""
    text = str(validate_field(FieldType.DATE, value, field=field, today=today, label="出生日期"))
    birth = date.fromisoformat(text)
    if birth > today:
        raise ValidationError(
            field,
            f"出生日期 {text} 晚于今天，请按证件核对",
            f"birth date {text} is in the future",
            code="birth_date.future",
            params={"date": text},
        )
    return birth
