"""Sex (GB/T 2261.1) and nation (GB/T 3304) codes stored on ID cards, and their printed names."""

from __future__ import annotations

# GB/T 2261.1-2003 as stored in the text block (research/devices.md §1.12). The names are the
# short forms the card and our UI use; "未知"/"未说明" stand for 未知的性别 / 未说明的性别.
SEX_NAMES: dict[str, str] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

# GB/T 3304-1991 nation codes as stored on the card (research/devices.md §1.12; sources there:
# sam.doc table, HslCommunication GetNationText, qiwenming/IDCardDemo README). The names are
# printed on the card without the suffix 族 ("汉", not "汉族").
NATION_NAMES: dict[str, str] = {
    "01": "汉",
    "02": "蒙古",
    "03": "回",
    "04": "藏",
    "05": "维吾尔",
    "06": "苗",
    "07": "彝",
    "08": "壮",
    "09": "布依",
    "10": "朝鲜",
    "11": "满",
    "12": "侗",
    "13": "瑶",
    "14": "白",
    "15": "土家",
    "16": "哈尼",
    "17": "哈萨克",
    "18": "傣",
    "19": "黎",
    "20": "傈僳",
    "21": "佤",
    "22": "畲",
    "23": "高山",
    "24": "拉祜",
    "25": "水",
    "26": "东乡",
    "27": "纳西",
    "28": "景颇",
    "29": "柯尔克孜",
    "30": "土",
    "31": "达斡尔",
    "32": "仫佬",
    "33": "羌",
    "34": "布朗",
    "35": "撒拉",
    "36": "毛南",
    "37": "仡佬",
    "38": "锡伯",
    "39": "阿昌",
    "40": "普米",
    "41": "塔吉克",
    "42": "怒",
    "43": "乌孜别克",
    "44": "俄罗斯",
    "45": "鄂温克",
    "46": "德昂",
    "47": "保安",
    "48": "裕固",
    "49": "京",
    "50": "塔塔尔",
    "51": "独龙",
    "52": "鄂伦春",
    "53": "赫哲",
    "54": "门巴",
    "55": "珞巴",
    "56": "基诺",
    "97": "其他",
    "98": "外国血统中国籍人士",
}

_SEX_CODES = {name: code for code, name in SEX_NAMES.items()}
_NATION_CODES = {name: code for code, name in NATION_NAMES.items()}


def sex_name(code: str) -> str:
    """The name for a stored sex code; a code outside GB/T 2261.1 reads as 未知 (the caller logs it)."""
    return SEX_NAMES.get(code, "未知")


def sex_code(name: str) -> str:
    """The stored code for a sex name (男/女/未知/未说明) or for a code itself; KeyError otherwise."""
    if name in SEX_NAMES:
        return name
    return _SEX_CODES[name]


def nation_name(code: str) -> str:
    """The name for a stored nation code; an unknown code is returned as it is (the caller logs it)."""
    return NATION_NAMES.get(code, code)


def nation_code(name: str) -> str:
    """The stored two-digit code for a nation name ("汉" or "汉族") or for a code itself; KeyError otherwise."""
    if name in NATION_NAMES:
        return name
    if name in _NATION_CODES:
        return _NATION_CODES[name]
    if name.endswith("族") and name[:-1] in _NATION_CODES:
        return _NATION_CODES[name[:-1]]
    raise KeyError(name)
