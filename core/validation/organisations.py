"""Unified social credit codes (统一社会信用代码, GB 32100-2015) with their GB 11714 organisation code."""

from __future__ import annotations

import unicodedata

from core.errors import ValidationError

# GB 32100-2015: 31 characters, the digits and the capitals without I, O, Z, S, V; a character's
# value is its index. Weights W[i] = 3^i mod 31 over the first 17 characters.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {char: value for value, char in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(3**i % 31 for i in range(17))
# GB 11714-1997 organisation code: 8-character body (0-9 = 0-9, A-Z = 10-35) and one check character.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_DOC = "统一社会信用代码"

# GB 32100-2015 §4.2 and its 2016 amendment (第1号修改单, which added A and N): 登记管理部门码 →
# (its name, the 机构类别码 that department assigns). Table as republished in
# https://blog.csdn.net/lh1424573495/article/details/108776492 ("统一社会信用代码解析登记管理部门和
# 机构类别"), the standard itself being at http://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=24691C25985C1073D3A7C85629378AC0
# (read-only viewer). "Y 其他：不再具体划分机构类别，统一用1表示".
REGISTRARS: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),  # 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
    "2": ("外交", "19"),  # 外国常驻新闻机构, 其他
    "3": ("司法行政", "123459"),  # 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    "4": ("文化", "19"),  # 外国在华文化中心, 其他
    "5": ("民政", "1239"),  # 社会团体, 民办非企业单位, 基金会, 其他
    "6": ("旅游", "129"),  # 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地（大陆）代表机构, 其他
    "7": ("宗教", "129"),  # 宗教活动场所, 宗教院校, 其他
    "8": ("工会", "19"),  # 基层工会, 其他
    "9": ("工商", "123"),  # 企业, 个体工商户, 农民专业合作社
    "A": ("中央军委改革和编制办公室", "19"),  # 军队事业单位, 其他
    "N": ("农业", "1239"),  # 组级、村级、乡镇级集体经济组织, 其他
    "Y": ("其他", "1"),
}


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character (MOD 31) for the first 17 characters."""
    total = sum(_USCC_VALUES[char] * weight for char, weight in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check_char(body: str) -> str:
    """The GB 11714-1997 check character (MOD 11) for an 8-character organisation code body."""
    total = sum(_char_value(char) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def parse_uscc(value: str, *, field: str = "uscc") -> str:
    """The normalised 18-character code (upper case, ASCII); raises ValidationError naming the problem.

    Layout (GB 32100-2015): registering authority (1) + organisation category (1), both checked
    against REGISTRARS, + GB/T 2260
    region of the registering office (6) + GB 11714 organisation code (8 + its check) + check.
    The region is checked for shape only: centrally registered bodies use codes (e.g. 100000)
    that are not county codes of GB/T 2260.
    """
    code = "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if not code:
        raise ValidationError(field, f"请填写{_DOC}", "unified social credit code is empty")
    if len(code) != 18:
        raise ValidationError(
            field, f"{_DOC}应为 18 位，现在是 {len(code)} 位", f"USCC has {len(code)} characters"
        )
    for position, char in enumerate(code, start=1):
        if char not in _USCC_VALUES:
            raise ValidationError(
                field,
                f"{_DOC}第 {position} 位“{char}”不是有效字符（只用数字和除 I、O、S、V、Z 以外的大写字母）",
                f"character {char!r} at position {position} is outside the GB 32100 alphabet",
            )
    registrar = REGISTRARS.get(code[0])
    if registrar is None:
        raise ValidationError(
            field,
            f"{_DOC}第 1 位“{code[0]}”不是登记管理部门代码（GB 32100）",
            f"registering authority code {code[0]!r} is not in GB 32100",
            code="uscc.registrar",
            params={"char": code[0]},
        )
    if code[1] not in registrar[1]:
        raise ValidationError(
            field,
            f"{_DOC}第 2 位“{code[1]}”不是{registrar[0]}部门的机构类别代码（可为 {'、'.join(registrar[1])}）",
            f"organisation category {code[1]!r} is not one registrar {code[0]} assigns",
            code="uscc.category",
            params={"char": code[1], "registrar": registrar[0], "allowed": "、".join(registrar[1])},
        )
    if not code[2:8].isdigit():
        raise ValidationError(
            field,
            f"{_DOC}第 3–8 位应为行政区划代码（6 位数字），现在是“{code[2:8]}”",
            "region part is not six digits",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            field, f"{_DOC}校验位不正确（最后一位应为 {expected}）", "check character mismatch (GB 32100)"
        )
    org_check = organisation_code_check_char(code[8:16])
    if code[16] != org_check:
        raise ValidationError(
            field,
            f"{_DOC}第 17 位（组织机构代码校验位）不正确，应为 {org_check}",
            "embedded organisation code check mismatch (GB 11714)",
        )
    return code
