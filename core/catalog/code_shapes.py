"""The shapes of matter codes (事项编码): the segments as dataclasses, and readers that split a code.

Each reader returns the parsed code or None, with every structural problem found; core.catalog.codes
is the public door (checks, parsing that raises, composing). The shapes and their sources are in
docs/matter-codes.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from core.errors import ValidationError
from core.validation.organisations import organisation_code_check_char, parse_uscc
from core.validation.regions import is_known_region

BASIC: Final = "基本编码"
IMPL: Final = "实施编码"
ITEM: Final = "业务办理项编码"

NATIONAL_IMPL_LENGTH: Final = 31
NATIONAL_ITEM_LENGTH: Final = 33
GUANGZHOU_IMPL_LENGTH: Final = 24
GUANGZHOU_LICENCE_LENGTH: Final = 26

# 行使层级 as the one digit after the USCC. 2, 3 and 4 are seen with labelled levels (Chongqing's
# 区县级 page, Guangxi use_level data, Hunan and Jining 县级 pages, Jining city bodies); 1, 5 and 6 are
# read by analogy: neither a code with them nor a list of the level codes was seen.
LEVEL_NAMES: Final = {
    "1": "国家级",
    "2": "省级",
    "3": "市级",
    "4": "县级",
    "5": "乡镇（街道）级",
    "6": "村（社区）级",
}

# Sichuan's 行政权力 type letters after "1" (the sczwfw.gov.cn list query's eventType values, e.g.
# repository loachNW/niwen, pachong/sichuan.py); 2B, 2C, 3A and 20 are seen without a stated meaning.
SICHUAN_POWER_TYPES: Final = {
    "A": "行政许可",
    "B": "行政处罚",
    "C": "行政强制",
    "D": "行政征收",
    "E": "行政裁决",
    "F": "行政确认",
    "G": "行政给付",
    "H": "行政奖励",
    "I": "行政检查",
    "Z": "其他行政权力",
}

_SICHUAN_LETTERED = re.compile(r"(\d{2})([1-3][A-Z]|20)(\d{8}|\d{10})", re.ASCII)
_SICHUAN_DASHED_BASIC = re.compile(r"([A-Z])-\d{6}-\d{3}|(\d[A-Z])-\d{4}-\d{5}", re.ASCII)
_GUIZHOU = re.compile(r"([A-Z]{2})(\d{5})(\d{3})", re.ASCII)
_SICHUAN_IMPL = re.compile(
    r"(?P<basic>[^-].*?)-(?P<region>\d{12})-(?P<x>\d{3})-(?P<agency>.+)-(?P<ver>\d)-(?P<tail>\d{2})",
    re.ASCII,
)
_PREFIXED = re.compile(r"([A-Z]{2})(\d{6})([A-Z]{2})([0-9A-Z]{12})", re.ASCII)
_GUANGZHOU_IMPL = re.compile(r"(\d{12})([0-9A-Z]{8}[0-9X])(\d{3})", re.ASCII)
_GUANGZHOU_LICENCE = re.compile(r"([0-9A-Z]{8}[0-9X])(\d{10})(\d)(\d{6})", re.ASCII)
_ORG_CODE = re.compile(r"([0-9A-Z]{8})-?([0-9X])", re.ASCII)


class BasicScheme(StrEnum):
    """Which 基本编码 shape a code has."""

    TWELVE = "twelve"  # national list (00 + 10 digits) or a province's list (PP + 10 of 0-9A-Z)
    SICHUAN = "sichuan"  # 51 + 1A/2B/3A/20 … + 8 or 10 digits (Sichuan's lettered codes)
    SICHUAN_DASHED = "sichuan_dashed"  # E-000010-001, 1J-5100-00019 (seen inside Sichuan 实施编码)
    GUIZHOU = "guizhou"  # DB52/T 1264-2018: XK + 5-digit 主项 + 3-digit 子项 (rule text only)
    PREFIXED = "prefixed"  # JN370883AJ370125012000: 2 letters + region + 2 letters + a 12-char code
    GUANGZHOU_LEGACY = "guangzhou_legacy"  # 0100764016: 10 digits (a pre-2018 广州 guide, one example)


class ImplShape(StrEnum):
    NATIONAL = "national"  # USCC + 行使层级 + 12-digit 基本编码 = 31
    SICHUAN = "sichuan"  # dashed, with a 12-digit region
    GUANGZHOU_LEGACY = "guangzhou_legacy"  # 24: 12-digit region + organisation code + 3 digits


@dataclass(frozen=True, slots=True)
class BasicCode:
    """A parsed 基本编码. ``main_item``/``sub_item`` only where a source states the split (Guizhou).

    ``type_code``/``type_name``: Sichuan's and Guizhou's matter type letters, where present.
    """

    text: str
    scheme: BasicScheme
    province: str | None = None  # GB/T 2260 province prefix ("45"), None for the national list
    type_code: str | None = None  # "XK" (Guizhou), "1A" (Sichuan) …
    type_name: str | None = None  # 行政许可 … when a source names the type code
    main_item: str | None = None  # 主项
    sub_item: str | None = None  # 子项 ("000" = none)
    inner: str | None = None  # PREFIXED: the 12-character code a 实施编码 carries

    @property
    def embedded(self) -> str:
        """What a 实施编码 built on this code carries as its 基本编码."""
        return self.inner or self.text


@dataclass(frozen=True, slots=True)
class ImplCode:
    """A parsed 实施编码."""

    text: str
    shape: ImplShape
    agency: str  # 实施主体编码: USCC, or (Sichuan, 广州 legacy) a GB 11714 organisation code
    basic: BasicCode | None  # None when the shape does not carry it (广州 legacy)
    level: str | None = None  # 行使层级 digit (national shape)
    region: str | None = None  # 12-digit region (Sichuan and 广州 legacy shapes)
    unexplained: tuple[str, ...] = ()  # segments no source explains (Sichuan "000", "1", "00"; 广州 "016")

    @property
    def level_name(self) -> str | None:
        return LEVEL_NAMES.get(self.level or "")


@dataclass(frozen=True, slots=True)
class HandleItemCode:
    """A parsed 业务办理项编码: the matter's 实施编码 + a 2-digit item number."""

    text: str
    impl: ImplCode
    item: str


def is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes fullwidth and other scripts' digits."""
    return text.isascii() and text.isdigit()


def problem(noun: str, code: str, zh: str, en: str) -> str:
    """One problem line: the code named, Chinese first, English in parentheses."""
    return f"{noun} {code} {zh} ({en})"


@functools.cache
def _alphabet(allowed: str) -> re.Pattern[str]:
    return re.compile(f"[{allowed}]+")


def _charset_problems(noun: str, code: str, allowed: str) -> list[str]:
    """Whitespace, lower case and characters outside ``allowed`` (a regex class body)."""
    if not code:
        return [f"{noun}为空 ({noun} is empty)"]
    if _alphabet(allowed).fullmatch(code):  # the usual case, in one regex pass
        return []
    problems = []
    if any(c.isspace() for c in code):
        problems.append(problem(noun, repr(code), "含有空白字符", "contains whitespace"))
    if code != code.upper():
        problems.append(problem(noun, code, "含有小写字母，应为大写", "has lower-case letters"))
    bad = sorted({c for c in code if not re.fullmatch(f"[{allowed}]", c) and not c.isspace()})
    if bad and code == code.upper():
        problems.append(
            problem(
                noun,
                code,
                f"含有无效字符 {''.join(bad)}",
                f"has characters outside {allowed}: {''.join(bad)}",
            )
        )
    return problems


def read_basic(code: str, noun: str = BASIC) -> tuple[BasicCode | None, list[str]]:
    """A 基本编码 of any known shape; ``noun`` prefixes each problem (the code may sit in another)."""
    problems = _charset_problems(noun, code, "0-9A-Z-")
    if problems:
        return None, problems
    if m := _SICHUAN_DASHED_BASIC.fullmatch(code):
        return BasicCode(code, BasicScheme.SICHUAN_DASHED, type_code=m.group(1) or m.group(2)), []
    if len(code) == 12:
        return read_twelve(code, noun)
    if m := _SICHUAN_LETTERED.fullmatch(code):
        province, kind = m.group(1), m.group(2)
        if not is_known_region(province + "0000"):
            return None, [
                problem(
                    noun, code, f"前两位 {province} 不是省级行政区划代码", "first two digits are no province"
                )
            ]
        name = SICHUAN_POWER_TYPES.get(kind[1]) if kind[0] == "1" else None
        return BasicCode(code, BasicScheme.SICHUAN, province=province, type_code=kind, type_name=name), []
    if m := _GUIZHOU.fullmatch(code):
        kind, main, sub = m.groups()
        if main == "00000":
            return None, [problem(noun, code, "主项代码不能为 00000", "main item must be 00001–99999")]
        name = "行政许可" if kind == "XK" else None
        return BasicCode(
            code, BasicScheme.GUIZHOU, type_code=kind, type_name=name, main_item=main, sub_item=sub
        ), []
    if len(code) == 10 and is_digits(code):
        return BasicCode(code, BasicScheme.GUANGZHOU_LEGACY), []
    if m := _PREFIXED.fullmatch(code):
        region, inner_text = m.group(2), m.group(4)
        problems = []
        if not is_known_region(region):
            problems.append(
                problem(noun, code, f"中的区划 {region} 不是行政区划代码", "region is not a GB/T 2260 code")
            )
        inner, found = read_twelve(inner_text, noun)
        problems += found
        if problems or inner is None:
            return None, problems
        return BasicCode(code, BasicScheme.PREFIXED, province=inner.province, inner=inner_text), []
    return None, [
        problem(
            noun,
            code,
            f"长度为 {len(code)}，不是已知的基本编码格式（见 docs/matter-codes.md）",
            f"has {len(code)} characters, no known shape; see docs/matter-codes.md",
        )
    ]


def read_twelve(code: str, noun: str) -> tuple[BasicCode | None, list[str]]:
    """12 characters: the national list's 00 + 10 digits, or a province's prefix + 10 of 0-9A-Z."""
    prefix = code[:2]
    if prefix == "00":
        if not is_digits(code):
            return None, [
                problem(noun, code, "（国家目录，00 开头）应为 12 位数字", "00… codes are 12 digits")
            ]
        return BasicCode(code, BasicScheme.TWELVE), []
    if not (is_digits(prefix) and is_known_region(prefix + "0000")):
        return None, [
            problem(
                noun,
                code,
                f"以 {prefix} 开头：既不是国家目录的 00，也不是省级行政区划代码",
                f"starts with {prefix}: neither 00 (national list) nor a GB/T 2260 province",
            )
        ]
    kind = code[2:4] if prefix == "51" and _SICHUAN_LETTERED.fullmatch(code) else None
    name = SICHUAN_POWER_TYPES.get(kind[1]) if kind and kind[0] == "1" else None
    return BasicCode(code, BasicScheme.TWELVE, province=prefix, type_code=kind, type_name=name), []


def agency_problems(noun: str, code: str, agency: str, *, org_code_ok: bool) -> list[str]:
    """Problems of the implementing body's code: a USCC, or (Sichuan) a GB 11714 organisation code."""
    if org_code_ok and (m := _ORG_CODE.fullmatch(agency)):
        body, check = m.groups()
        expected = organisation_code_check_char(body)
        if check != expected:
            return [
                problem(
                    noun,
                    code,
                    f"的组织机构代码 {agency} 校验位错误，应为 {expected}",
                    "organisation code check character wrong (GB 11714)",
                )
            ]
        return []
    if org_code_ok and len(agency) != 18:
        return [
            problem(
                noun,
                code,
                f"的实施主体编码 {agency} 既不是 18 位统一社会信用代码也不是 9 位组织机构代码",
                f"agency code {agency!r} is neither an 18-character USCC nor a 9-character organisation code",
            )
        ]
    try:
        parse_uscc(agency)
    except ValidationError as exc:
        return [problem(noun, code, f"中的{exc.message}", f"USCC: {exc.detail}")]
    return []


def read_impl(code: str) -> tuple[ImplCode | None, list[str]]:
    """A 实施编码: the 31-character national shape, or Sichuan's dashed one."""
    problems = _charset_problems(IMPL, code, "0-9A-Z-")
    if problems:
        return None, problems
    if "-" in code:
        return _read_sichuan_impl(code)
    if len(code) == GUANGZHOU_IMPL_LENGTH:
        return _read_guangzhou_impl(code)
    if len(code) != NATIONAL_IMPL_LENGTH:
        hint = "（33 位的是业务办理项编码）" if len(code) == NATIONAL_ITEM_LENGTH else ""
        return None, [
            problem(
                IMPL,
                code,
                f"长度应为 31 位，现在是 {len(code)} 位{hint}",
                f"has {len(code)} characters; the national shape has 31",
            )
        ]
    agency, level, basic_text = code[:18], code[18], code[19:]
    problems = agency_problems(IMPL, code, agency, org_code_ok=False)
    if level not in LEVEL_NAMES:
        problems.append(
            problem(
                IMPL, code, f"第 19 位行使层级“{level}”应为 1–6", f"level {level!r} at position 19 is not 1–6"
            )
        )
    # Positions 20–31: a 12-character 基本编码 (national list or a province's list).
    basic, basic_problems = read_twelve(basic_text, f"{IMPL} {code} 中的{BASIC}")
    problems += basic_problems
    if problems or basic is None:
        return None, problems
    return ImplCode(code, ImplShape.NATIONAL, agency=agency, basic=basic, level=level), []


def _read_sichuan_impl(code: str) -> tuple[ImplCode | None, list[str]]:
    m = _SICHUAN_IMPL.fullmatch(code)
    if m is None:
        return None, [
            problem(
                IMPL,
                code,
                "不是已知格式：分段格式应为 基本编码-12位区划-3位-实施主体编码-1位-2位",
                "dashed codes must read basic-region(12)-NNN-agency-N-NN",
            )
        ]
    problems = []
    region = m["region"]
    if not is_known_region(region[:6]):
        problems.append(
            problem(
                IMPL, code, f"中的区划 {region} 前 6 位不是行政区划代码", "region is not a GB/T 2260 code"
            )
        )
    problems += agency_problems(IMPL, code, m["agency"], org_code_ok=True)
    basic, basic_problems = read_basic(m["basic"], f"{IMPL} {code} 中的{BASIC}")
    problems += basic_problems
    if problems or basic is None:
        return None, problems
    return (
        ImplCode(
            code,
            ImplShape.SICHUAN,
            agency=m["agency"],
            basic=basic,
            region=region,
            unexplained=(m["x"], m["ver"], m["tail"]),
        ),
        [],
    )


def _read_guangzhou_impl(code: str) -> tuple[ImplCode | None, list[str]]:
    """广州's pre-2018 实施编码 (wsbs.gz.gov.cn): 12-digit region + organisation code + 3 digits."""
    m = _GUANGZHOU_IMPL.fullmatch(code)
    if m is None:
        return None, [
            problem(
                IMPL,
                code,
                "长度 24 位但不是 12 位区划 + 9 位组织机构代码 + 3 位数字",
                "24 characters but not region(12) + organisation code(9) + 3 digits",
            )
        ]
    region, agency, tail = m.groups()
    problems = agency_problems(IMPL, code, agency, org_code_ok=True)
    if not is_known_region(region[:6]):
        problems.append(
            problem(
                IMPL, code, f"中的区划 {region} 前 6 位不是行政区划代码", "region is not a GB/T 2260 code"
            )
        )
    if problems:
        return None, problems
    shape = ImplShape.GUANGZHOU_LEGACY
    return ImplCode(code, shape, agency=agency, basic=None, region=region, unexplained=(tail,)), []


def guangzhou_licence_problems(code: str, impl: ImplCode | None, basic: BasicCode | None) -> list[str]:
    """广州's pre-2018 许可事项编码 (26): organisation code + 10-digit 基本编码 + 1 digit + region (6).

    The split is read from the one page seen; its parts must be the matter's own codes.
    """
    m = _GUANGZHOU_LICENCE.fullmatch(code)
    if m is None:
        return [problem(ITEM, code, "不是已知的 26 位许可事项编码格式", "no known 26-character shape")]
    agency, basic_text, _level, region = m.groups()
    problems = agency_problems(ITEM, code, agency, org_code_ok=True)
    if impl is not None and (impl.agency != agency or (impl.region or "")[:6] != region):
        problems.append(
            problem(
                ITEM, code, "中的机构代码或区划与实施编码不一致", "agency or region differs from the 实施编码"
            )
        )
    if basic is not None and basic.text != basic_text:
        problems.append(
            problem(ITEM, code, "中的基本编码与记录的不一致", "basic code differs from basic_code")
        )
    return problems


def read_item(code: str) -> tuple[HandleItemCode | None, list[str]]:
    """A 业务办理项编码: a national-shape 实施编码 + 2 digits."""
    problems = _charset_problems(ITEM, code, "0-9A-Z")
    if problems:
        return None, problems
    if len(code) != NATIONAL_ITEM_LENGTH:
        return None, [
            problem(
                ITEM,
                code,
                f"长度应为 33 位（实施编码 31 位 + 2 位），现在是 {len(code)} 位",
                f"has {len(code)} characters; expected 33 (31-character 实施编码 + 2 digits)",
            )
        ]
    impl, problems = read_impl(code[:NATIONAL_IMPL_LENGTH])
    number = code[NATIONAL_IMPL_LENGTH:]
    if not is_digits(number):
        problems.append(
            problem(ITEM, code, f"末两位 {number} 应为数字", "the last two characters must be digits")
        )
    if problems or impl is None:
        return None, [p if p.startswith(ITEM) else f"{ITEM} {code}：{p}" for p in problems]
    return HandleItemCode(code, impl, number), []
