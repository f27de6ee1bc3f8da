"""事项编码: structural checks of a matter's 基本编码, 实施编码 and 业务办理项编码.

The shapes, their sources and what is not confirmed are in docs/matter-codes.md. In short:

- 实施编码, national shape (31 characters): the implementing body's 统一社会信用代码 (18, GB 32100)
  + 行使层级 (1 digit) + 基本编码 (12 digits). Seen with labelled fields (dept_code, use_level,
  catalog_code, task_code) in Guangxi platform data, and in Shandong and Guangdong samples.
- 业务办理项编码 (33): the 实施编码 + 2 digits ("不是主项，taskcode取值前31位，taskHandleItem为33位",
  a Shandong platform sample).
- 实施编码, Sichuan shape (sczwfw.gov.cn links): ``{基本编码}-{12-digit region}-{3 digits}-{agency}-
  {1 digit}-{2 digits}``, the agency being a USCC or a GB 11714 organisation code.
- 基本编码: 12 digits (national list "00…", provincial lists start with the province's GB/T 2260
  prefix); Sichuan's own lettered codes; Guizhou's DB52/T 1264-2018 10-character 许可 code.

Only structure is checked: lengths, alphabets, the USCC and organisation-code check characters, that
regions are GB/T 2260 codes. Whether a code was ever published is not knowable offline.
Every problem is one line of Chinese followed by English in parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
_ORG_CODE = re.compile(r"([0-9A-Z]{8})-?([0-9X])", re.ASCII)


class BasicScheme(StrEnum):
    """Which 基本编码 shape a code has."""

    TWELVE = "twelve"  # national list (00 + 10 digits) or a province's list (PP + 10 of 0-9A-Z)
    SICHUAN = "sichuan"  # 51 + 1A/2B/3A/20 … + 8 or 10 digits (Sichuan's lettered codes)
    SICHUAN_DASHED = "sichuan_dashed"  # E-000010-001, 1J-5100-00019 (seen inside Sichuan 实施编码)
    GUIZHOU = "guizhou"  # DB52/T 1264-2018: XK + 5-digit 主项 + 3-digit 子项 (rule text only)
    PREFIXED = "prefixed"  # JN370883AJ370125012000: 2 letters + region + 2 letters + a 12-char code


class ImplShape(StrEnum):
    NATIONAL = "national"  # USCC + 行使层级 + 12-digit 基本编码 = 31
    SICHUAN = "sichuan"  # dashed, with a 12-digit region


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
    agency: str  # 实施主体编码: USCC, or (Sichuan) a GB 11714 organisation code
    basic: BasicCode
    level: str | None = None  # 行使层级 digit (national shape)
    region: str | None = None  # 12-digit region (Sichuan shape)
    unexplained: tuple[str, ...] = ()  # Sichuan segments no source explains: "000", "1", "00"

    @property
    def level_name(self) -> str | None:
        return LEVEL_NAMES.get(self.level or "")


@dataclass(frozen=True, slots=True)
class HandleItemCode:
    """A parsed 业务办理项编码: the matter's 实施编码 + a 2-digit item number."""

    text: str
    impl: ImplCode
    item: str


class MatterCodeError(ValidationError):
    """A matter code that breaks its structure; ``problems`` holds every problem found."""

    default_code = "matter_code.invalid"

    def __init__(self, field: str, problems: Sequence[str]) -> None:
        super().__init__(field, "；".join(problems), "; ".join(problems), params={"count": len(problems)})
        self.problems = tuple(problems)


def _is_digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes fullwidth and other scripts' digits."""
    return text.isascii() and text.isdigit()


def _problem(noun: str, code: str, zh: str, en: str) -> str:
    return f"{noun} {code} {zh} ({en})"


def _charset_problems(noun: str, code: str, allowed: str) -> list[str]:
    """Whitespace, lower case and characters outside ``allowed`` (a regex class body)."""
    if not code:
        return [f"{noun}为空 ({noun} is empty)"]
    problems = []
    if any(c.isspace() for c in code):
        problems.append(_problem(noun, repr(code), "含有空白字符", "contains whitespace"))
    if code != code.upper():
        problems.append(_problem(noun, code, "含有小写字母，应为大写", "has lower-case letters"))
    bad = sorted({c for c in code if not re.fullmatch(f"[{allowed}]", c) and not c.isspace()})
    if bad and code == code.upper():
        problems.append(
            _problem(
                noun,
                code,
                f"含有无效字符 {''.join(bad)}",
                f"has characters outside {allowed}: {''.join(bad)}",
            )
        )
    return problems


def _parse_basic(code: str, noun: str = BASIC) -> tuple[BasicCode | None, list[str]]:
    problems = _charset_problems(noun, code, "0-9A-Z-")
    if problems:
        return None, problems
    if m := _SICHUAN_DASHED_BASIC.fullmatch(code):
        return BasicCode(code, BasicScheme.SICHUAN_DASHED, type_code=m.group(1) or m.group(2)), []
    if len(code) == 12:
        return _parse_twelve(code, noun)
    if m := _SICHUAN_LETTERED.fullmatch(code):
        province, kind = m.group(1), m.group(2)
        if not is_known_region(province + "0000"):
            return None, [
                _problem(
                    noun, code, f"前两位 {province} 不是省级行政区划代码", "first two digits are no province"
                )
            ]
        name = SICHUAN_POWER_TYPES.get(kind[1]) if kind[0] == "1" else None
        return BasicCode(code, BasicScheme.SICHUAN, province=province, type_code=kind, type_name=name), []
    if m := _GUIZHOU.fullmatch(code):
        kind, main, sub = m.groups()
        if main == "00000":
            return None, [_problem(noun, code, "主项代码不能为 00000", "main item must be 00001–99999")]
        name = "行政许可" if kind == "XK" else None
        return BasicCode(
            code, BasicScheme.GUIZHOU, type_code=kind, type_name=name, main_item=main, sub_item=sub
        ), []
    if m := _PREFIXED.fullmatch(code):
        region, inner_text = m.group(2), m.group(4)
        problems = []
        if not is_known_region(region):
            problems.append(
                _problem(noun, code, f"中的区划 {region} 不是行政区划代码", "region is not a GB/T 2260 code")
            )
        inner, found = _parse_twelve(inner_text, noun)
        problems += found
        if problems or inner is None:
            return None, problems
        return BasicCode(code, BasicScheme.PREFIXED, province=inner.province, inner=inner_text), []
    return None, [
        _problem(
            noun,
            code,
            f"长度为 {len(code)}，不是已知的基本编码格式（见 docs/matter-codes.md）",
            f"has {len(code)} characters, no known shape; see docs/matter-codes.md",
        )
    ]


def _parse_twelve(code: str, noun: str) -> tuple[BasicCode | None, list[str]]:
    """12 characters: the national list's 00 + 10 digits, or a province's prefix + 10 of 0-9A-Z."""
    prefix = code[:2]
    if prefix == "00":
        if not _is_digits(code):
            return None, [
                _problem(noun, code, "（国家目录，00 开头）应为 12 位数字", "00… codes are 12 digits")
            ]
        return BasicCode(code, BasicScheme.TWELVE), []
    if not (_is_digits(prefix) and is_known_region(prefix + "0000")):
        return None, [
            _problem(
                noun,
                code,
                f"以 {prefix} 开头：既不是国家目录的 00，也不是省级行政区划代码",
                f"starts with {prefix}: neither 00 (national list) nor a GB/T 2260 province",
            )
        ]
    kind = code[2:4] if prefix == "51" and _SICHUAN_LETTERED.fullmatch(code) else None
    name = SICHUAN_POWER_TYPES.get(kind[1]) if kind and kind[0] == "1" else None
    return BasicCode(code, BasicScheme.TWELVE, province=prefix, type_code=kind, type_name=name), []


def _agency_problems(noun: str, code: str, agency: str, *, org_code_ok: bool) -> list[str]:
    """Problems of the implementing body's code: a USCC, or (Sichuan) a GB 11714 organisation code."""
    if org_code_ok and (m := _ORG_CODE.fullmatch(agency)):
        body, check = m.groups()
        expected = organisation_code_check_char(body)
        if check != expected:
            return [
                _problem(
                    noun,
                    code,
                    f"的组织机构代码 {agency} 校验位错误，应为 {expected}",
                    "organisation code check character wrong (GB 11714)",
                )
            ]
        return []
    if org_code_ok and len(agency) != 18:
        return [
            _problem(
                noun,
                code,
                f"的实施主体编码 {agency} 既不是 18 位统一社会信用代码也不是 9 位组织机构代码",
                f"agency code {agency!r} is neither an 18-character USCC nor a 9-character organisation code",
            )
        ]
    try:
        parse_uscc(agency)
    except ValidationError as exc:
        return [_problem(noun, code, f"中的{exc.message}", f"USCC: {exc.detail}")]
    return []


def _parse_impl(code: str) -> tuple[ImplCode | None, list[str]]:
    problems = _charset_problems(IMPL, code, "0-9A-Z-")
    if problems:
        return None, problems
    if "-" in code:
        return _parse_sichuan_impl(code)
    if len(code) != NATIONAL_IMPL_LENGTH:
        hint = "（33 位的是业务办理项编码）" if len(code) == NATIONAL_ITEM_LENGTH else ""
        return None, [
            _problem(
                IMPL,
                code,
                f"长度应为 31 位，现在是 {len(code)} 位{hint}",
                f"has {len(code)} characters; the national shape has 31",
            )
        ]
    agency, level, basic_text = code[:18], code[18], code[19:]
    problems = _agency_problems(IMPL, code, agency, org_code_ok=False)
    if level not in LEVEL_NAMES:
        problems.append(
            _problem(
                IMPL, code, f"第 19 位行使层级“{level}”应为 1–6", f"level {level!r} at position 19 is not 1–6"
            )
        )
    # Positions 20–31: a 12-character 基本编码 (national list or a province's list).
    basic, basic_problems = _parse_twelve(basic_text, f"{IMPL} {code} 中的{BASIC}")
    problems += basic_problems
    if problems or basic is None:
        return None, problems
    return ImplCode(code, ImplShape.NATIONAL, agency=agency, basic=basic, level=level), []


def _parse_sichuan_impl(code: str) -> tuple[ImplCode | None, list[str]]:
    m = _SICHUAN_IMPL.fullmatch(code)
    if m is None:
        return None, [
            _problem(
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
            _problem(
                IMPL, code, f"中的区划 {region} 前 6 位不是行政区划代码", "region is not a GB/T 2260 code"
            )
        )
    problems += _agency_problems(IMPL, code, m["agency"], org_code_ok=True)
    basic, basic_problems = _parse_basic(m["basic"], f"{IMPL} {code} 中的{BASIC}")
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


def _parse_item(code: str) -> tuple[HandleItemCode | None, list[str]]:
    problems = _charset_problems(ITEM, code, "0-9A-Z")
    if problems:
        return None, problems
    if len(code) != NATIONAL_ITEM_LENGTH:
        return None, [
            _problem(
                ITEM,
                code,
                f"长度应为 33 位（实施编码 31 位 + 2 位），现在是 {len(code)} 位",
                f"has {len(code)} characters; expected 33 (31-character 实施编码 + 2 digits)",
            )
        ]
    impl, problems = _parse_impl(code[:NATIONAL_IMPL_LENGTH])
    number = code[NATIONAL_IMPL_LENGTH:]
    if not _is_digits(number):
        problems.append(
            _problem(ITEM, code, f"末两位 {number} 应为数字", "the last two characters must be digits")
        )
    if problems or impl is None:
        return None, [p if p.startswith(ITEM) else f"{ITEM} {code}：{p}" for p in problems]
    return HandleItemCode(code, impl, number), []


def basic_code_problems(code: str) -> list[str]:
    """Every structural problem of a 基本编码; empty when it has a known shape."""
    return _parse_basic(code)[1]


def impl_code_problems(code: str) -> list[str]:
    """Every structural problem of a 实施编码 (including its embedded 基本编码 and agency code)."""
    return _parse_impl(code)[1]


def handle_item_code_problems(code: str) -> list[str]:
    """Every structural problem of a 业务办理项编码 (including its 实施编码)."""
    return _parse_item(code)[1]


def parse_basic_code(code: str) -> BasicCode:
    """The segments of a 基本编码; raises MatterCodeError listing every problem."""
    parsed, problems = _parse_basic(code)
    if parsed is None:
        raise MatterCodeError("basic_code", problems)
    return parsed


def parse_impl_code(code: str) -> ImplCode:
    """The segments of a 实施编码; raises MatterCodeError listing every problem."""
    parsed, problems = _parse_impl(code)
    if parsed is None:
        raise MatterCodeError("code", problems)
    return parsed


def parse_handle_item_code(code: str) -> HandleItemCode:
    """The segments of a 业务办理项编码; raises MatterCodeError listing every problem."""
    parsed, problems = _parse_item(code)
    if parsed is None:
        raise MatterCodeError("items.code", problems)
    return parsed


def matter_code_problems(
    code: str | None, basic_code: str | None, item_codes: Sequence[str | None] = ()
) -> list[str]:
    """Every problem of a matter record's codes, each alone and together.

    Together: the 基本编码 inside the 实施编码 is the record's ``basic_code`` (or, for a prefixed local
    code, its inner 12 characters), and each 业务办理项编码 starts with the record's 实施编码. An item
    may instead carry a 子项's own 12-character 基本编码. ``code`` may be a 33-character 业务办理项编码:
    some pages show that as the matter's code (池州 labels it 实施编码). None (the source shows no
    code) is never a problem.
    """
    problems: list[str] = []
    impl, basic = None, None
    if code is not None and len(code) == NATIONAL_ITEM_LENGTH and "-" not in code:
        shown, found = _parse_item(code)
        impl = shown.impl if shown is not None else None
        problems += found
    elif code is not None:
        impl, found = _parse_impl(code)
        problems += found
    if basic_code is not None:
        basic, found = _parse_basic(basic_code)
        problems += found
    if impl is not None and basic is not None and impl.basic.text != basic.embedded:
        problems.append(
            _problem(
                IMPL,
                code or "",
                f"中的基本编码 {impl.basic.text} 与记录的基本编码 {basic.text} 不一致",
                "embeds a different basic code than basic_code",
            )
        )
    for item_code in item_codes:
        if item_code is None:
            continue
        if len(item_code) == 12 and not basic_code_problems(item_code):
            continue  # a 子项's own 基本编码, as some pages list them (docs/matter-codes.md)
        item, found = _parse_item(item_code)
        problems += found
        if item is not None and impl is not None and item.impl.text != impl.text:
            problems.append(
                _problem(
                    ITEM,
                    item_code,
                    f"的前 31 位不是本事项的实施编码 {impl.text}",
                    "does not start with this matter's 实施编码",
                )
            )
    return problems


def level_for_region(region: str) -> str:
    """The 行使层级 digit of a body serving ``region`` (6-digit GB/T 2260): 2 省, 3 市, 4 县."""
    if region.endswith("0000"):
        return "2"
    if region.endswith("00"):
        return "3"
    return "4"


def compose_impl_code(basic_code: str, region: str, agency_uscc: str, *, level: str | None = None) -> str:
    """A structurally valid national-shape 实施编码: agency USCC + 行使层级 + 基本编码.

    For demo data only: the result is CONSTRUCTED, not published, and a record carrying it must say
    so. ``region`` (6-digit GB/T 2260) gives the level when ``level`` is None.
    """
    problems = []
    basic, found = _parse_basic(basic_code)
    problems += found
    if basic is not None and basic.scheme is not BasicScheme.TWELVE:
        problems.append(
            _problem(BASIC, basic_code, "不是 12 位，不能组成 31 位实施编码", "must have 12 characters here")
        )
    if not (len(region) == 6 and _is_digits(region) and is_known_region(region)):
        problems.append(f"区划 {region} 不是 6 位行政区划代码 (region is not a GB/T 2260 code)")
    chosen = level if level is not None else level_for_region(region)
    if chosen not in LEVEL_NAMES:
        problems.append(f"行使层级 {chosen} 应为 1–6 (level must be 1–6)")
    problems += _agency_problems(IMPL, "(composed)", agency_uscc, org_code_ok=False)
    if problems:
        raise MatterCodeError("code", problems)
    composed = f"{agency_uscc}{chosen}{basic_code}"
    assert not impl_code_problems(composed), composed
    return composed


def compose_handle_item_code(impl_code: str, number: int) -> str:
    """A 业务办理项编码 for item ``number`` (1–99) of a national-shape 实施编码 (constructed)."""
    if not 1 <= number <= 99:
        raise MatterCodeError("items.code", [f"办理项序号 {number} 应为 1–99 (item number must be 1–99)"])
    impl = parse_impl_code(impl_code)
    if impl.shape is not ImplShape.NATIONAL:
        raise MatterCodeError(
            "items.code", [_problem(IMPL, impl_code, "不是 31 位国家格式", "not the 31-character shape")]
        )
    return f"{impl_code}{number:02d}"
