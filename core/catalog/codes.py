"""事项编码: structural checks of a matter's 基本编码, 实施编码 and 业务办理项编码, and demo composition.

docs/matter-codes.md has the shapes, their sources and what is not confirmed. In short:

- 实施编码, national shape (31): the implementing body's 统一社会信用代码 (18, GB 32100) + 行使层级
  (1 digit) + 基本编码 (12). A Chongqing 办事指南 labels each part; Guangxi platform data has them as
  dept_code, use_level and catalog_code; Shandong, Guangdong and Hunan codes agree.
- 业务办理项编码 (33): the 实施编码 + 2 digits (Chongqing's 办理项编码; "不是主项，taskcode取值前31位，
  taskHandleItem为33位" in a Shandong platform sample).
- 实施编码, Sichuan shape (sczwfw.gov.cn links): ``{基本编码}-{12-digit region}-{3 digits}-{agency}-
  {1 digit}-{2 digits}``, the agency being a USCC or a GB 11714 organisation code.
- 基本编码: 12 characters (national list 00 + 10 digits; a province's list: its GB/T 2260 prefix +
  10 of 0-9A-Z); Sichuan's lettered and dashed codes; 济宁's prefixed codes; Guizhou's
  DB52/T 1264-2018 10-character 许可 code.

Only structure is checked: lengths, alphabets, the USCC and organisation-code check characters, that
regions are GB/T 2260 codes. Whether a code was ever published is not knowable offline. Every
problem is one line of Chinese followed by English in parentheses. The readers live in
core.catalog.code_shapes.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.catalog.code_shapes import (
    BASIC,
    GUANGZHOU_LICENCE_LENGTH,
    IMPL,
    ITEM,
    LEVEL_NAMES,
    NATIONAL_ITEM_LENGTH,
    SICHUAN_POWER_TYPES,
    BasicCode,
    BasicScheme,
    HandleItemCode,
    ImplCode,
    ImplShape,
    agency_problems,
    guangzhou_licence_problems,
    is_digits,
    problem,
    read_basic,
    read_impl,
    read_item,
)
from core.errors import ValidationError
from core.validation.regions import is_known_region

# A 业务办理项编码 in a 行政许可事项实施规范 (catalog level, no agency): the 基本编码 + 2 digits.
CATALOG_ITEM_LENGTH = 14

__all__ = [
    "LEVEL_NAMES",
    "SICHUAN_POWER_TYPES",
    "BasicCode",
    "BasicScheme",
    "HandleItemCode",
    "ImplCode",
    "ImplShape",
    "MatterCodeError",
    "basic_code_problems",
    "compose_handle_item_code",
    "compose_impl_code",
    "handle_item_code_problems",
    "impl_code_problems",
    "level_for_region",
    "matter_code_problems",
    "parse_basic_code",
    "parse_handle_item_code",
    "parse_impl_code",
]


class MatterCodeError(ValidationError):
    """A matter code that breaks its structure; ``problems`` holds every problem found."""

    default_code = "matter_code.invalid"

    def __init__(self, field: str, problems: Sequence[str]) -> None:
        super().__init__(field, "；".join(problems), "; ".join(problems), params={"count": len(problems)})
        self.problems = tuple(problems)


def basic_code_problems(code: str) -> list[str]:
    """Every structural problem of a 基本编码; empty when it has a known shape."""
    return read_basic(code)[1]


def impl_code_problems(code: str) -> list[str]:
    """Every structural problem of a 实施编码 (including its embedded 基本编码 and agency code)."""
    return read_impl(code)[1]


def handle_item_code_problems(code: str) -> list[str]:
    """Every structural problem of a 业务办理项编码 (including its 实施编码)."""
    return read_item(code)[1]


def parse_basic_code(code: str) -> BasicCode:
    """The segments of a 基本编码; raises MatterCodeError listing every problem."""
    parsed, problems = read_basic(code)
    if parsed is None:
        raise MatterCodeError("basic_code", problems)
    return parsed


def parse_impl_code(code: str) -> ImplCode:
    """The segments of a 实施编码; raises MatterCodeError listing every problem."""
    parsed, problems = read_impl(code)
    if parsed is None:
        raise MatterCodeError("code", problems)
    return parsed


def parse_handle_item_code(code: str) -> HandleItemCode:
    """The segments of a 业务办理项编码; raises MatterCodeError listing every problem."""
    parsed, problems = read_item(code)
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
        shown, found = read_item(code)
        impl = shown.impl if shown is not None else None
        problems += found
    elif code is not None:
        impl, found = read_impl(code)
        problems += found
    if basic_code is not None:
        basic, found = read_basic(basic_code)
        problems += found
    carried = impl.basic.text if impl is not None and impl.basic is not None else None
    if carried is not None and basic is not None and carried != basic.embedded:
        problems.append(
            problem(
                IMPL,
                code or "",
                f"中的基本编码 {carried} 与记录的基本编码 {basic.text} 不一致",
                "embeds a different basic code than basic_code",
            )
        )
    for item_code in item_codes:
        if item_code is not None:
            problems += _item_problems(item_code, impl, basic)
    return problems


def _item_problems(code: str, impl: ImplCode | None, basic: BasicCode | None) -> list[str]:
    """An item's code: a 业务办理项编码 (33, or 14 at catalog level), a 子项's 基本编码, or 广州's 26."""
    if len(code) == 12 and not basic_code_problems(code):
        return []  # a 子项's own 基本编码, as some pages list them (docs/matter-codes.md)
    if len(code) == CATALOG_ITEM_LENGTH:
        head, number = code[:12], code[12:]
        problems = (
            basic_code_problems(head)
            if is_digits(number)
            else [
                problem(
                    ITEM,
                    code,
                    "应为 12 位基本编码 + 2 位数字",
                    "must be a 12-character basic code + 2 digits",
                )
            ]
        )
        if not problems and basic is not None and head != basic.embedded:
            problems.append(
                problem(
                    ITEM,
                    code,
                    f"的前 12 位不是本事项的基本编码 {basic.text}",
                    "does not start with basic_code",
                )
            )
        return problems
    if len(code) == GUANGZHOU_LICENCE_LENGTH:
        return guangzhou_licence_problems(code, impl, basic)
    item, problems = read_item(code)
    if item is not None and impl is not None and item.impl.text != impl.text:
        problems.append(
            problem(
                ITEM,
                code,
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
    basic, found = read_basic(basic_code)
    problems += found
    if basic is not None and basic.scheme is not BasicScheme.TWELVE:
        problems.append(
            problem(BASIC, basic_code, "不是 12 位，不能组成 31 位实施编码", "must have 12 characters here")
        )
    if not (len(region) == 6 and is_digits(region) and is_known_region(region)):
        problems.append(f"区划 {region} 不是 6 位行政区划代码 (region is not a GB/T 2260 code)")
    chosen = level if level is not None else level_for_region(region)
    if chosen not in LEVEL_NAMES:
        problems.append(f"行使层级 {chosen} 应为 1–6 (level must be 1–6)")
    problems += agency_problems(IMPL, "(composed)", agency_uscc, org_code_ok=False)
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
            "items.code", [problem(IMPL, impl_code, "不是 31 位国家格式", "not the 31-character shape")]
        )
    return f"{impl_code}{number:02d}"
