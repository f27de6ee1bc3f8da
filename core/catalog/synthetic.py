"""A synthetic province's catalog feed, the same every time for a seed: for tests and benches at scale.

``synthetic_feed(5000, 60, 100)`` is a province-sized catalog — 5,000 matters of 60 departments and
100 bundles built from them — with structurally valid, CONSTRUCTED codes (core.catalog.codes):
nothing here is a real matter. The department, licence and form-field records come from the
shipped catalog, so the feed loads with the same checks as any other.

Also here: the demo codes used where a source showed no code (assets/catalog/README.md, "Codes"):
an implementing body's 统一社会信用代码 built from a region and a department number, and a
provincial-list 基本编码 built from a serial.
"""

from __future__ import annotations

import random
from typing import Any, Final

from core.catalog.codes import compose_impl_code
from core.catalog.feed import read_raw
from core.catalog.loader import default_root
from core.catalog.model import MATTER_TYPES
from core.errors import CatalogError
from core.validation.organisations import organisation_code_check_char, uscc_check_char

DEMO_REGION: Final = "320115"  # the demo county (南京市江宁区), as the demo hall's config
_ACTIONS: Final = (
    "登记",
    "许可",
    "备案",
    "核准",
    "认定",
    "变更",
    "注销",
    "补领",
    "换领",
    "延续",
    "审批",
    "确认",
    "查询",
    "申领",
    "证明",
)
_OBJECTS: Final = (
    "户籍",
    "居住证",
    "婚姻",
    "生育",
    "收养",
    "殡葬",
    "社会保险",
    "医疗保险",
    "失业保险",
    "工伤保险",
    "养老金",
    "住房公积金",
    "不动产",
    "建设工程",
    "施工",
    "消防",
    "食品经营",
    "药品经营",
    "医疗器械",
    "道路运输",
    "出租汽车",
    "危险化学品",
    "特种设备",
    "排污",
    "取水",
    "林木采伐",
    "动物防疫",
    "农药经营",
    "种子生产",
    "渔业捕捞",
    "娱乐场所",
    "网吧",
    "出版物经营",
    "广播电视",
    "体育赛事",
    "律师执业",
    "法律援助",
    "公证",
    "人才引进",
    "职业资格",
    "技能等级",
    "教师资格",
    "民办学校",
    "幼儿园",
    "养老机构",
    "残疾人证",
    "低保",
    "临时救助",
    "优抚",
    "退役安置",
    "烟草零售",
    "户外广告",
    "占道经营",
    "城市绿化",
    "供水",
    "供电",
    "燃气",
    "通信",
    "税务登记",
    "发票",
    "出口退税",
    "外贸经营",
    "商业特许",
    "拍卖",
    "典当",
    "旅行社",
    "导游",
    "文物",
    "宗教活动场所",
    "气象",
    "测绘",
    "地质灾害",
    "矿产",
)
_QUALIFIERS: Final = ("", "首次", "跨省", "省内", "个人", "单位", "临时", "延期", "分支机构", "简易")
_MATERIALS: Final = (
    ("申请表", "generated", ""),
    ("申请人身份证件", "shared", "id_card"),
    ("营业执照", "shared", "business_licence"),
    ("授权委托书", "applicant", None),
    ("场所使用证明", "applicant", None),
    ("相关资质证明", "applicant", None),
    ("情况说明", "applicant", None),
    ("户口簿", "shared", "hukou_book"),
    ("婚姻证明", "shared", "marriage_cert"),
    ("不动产权证书", "shared", "property_cert"),
    ("平面布局图", "applicant", None),
    ("承诺书", "applicant", None),
)
_EVENTS: Final = (
    "出生",
    "入学",
    "就业",
    "婚姻",
    "住房",
    "出行",
    "养老",
    "医疗",
    "身后",
    "开办",
    "变更",
    "经营",
    "注销",
    "建设",
)


def demo_agency_uscc(region: str, dept_number: int) -> str:
    """A structurally valid 统一社会信用代码 of a demo government body (机关) of ``region``.

    ``11`` (机构编制, 机关) + region + a GB 11714 code ``TB`` + 6 digits (TB = Tongban: never a
    real body's) + the check characters.
    """
    body = f"TB{dept_number:06d}"
    first17 = f"11{region}{body}{organisation_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


def demo_basic_code(province: str, serial: int) -> str:
    """A 12-digit provincial-list 基本编码 ``<province><9><serial:09d>`` — the 9 marks it constructed."""
    return f"{province}9{serial:09d}"


def synthetic_feed(matters: int, departments: int, bundles: int, *, seed: int = 1) -> list[dict[str, Any]]:
    """The records of a synthetic province feed, in feed order (core/catalog/feed.py)."""
    rng = random.Random(seed)
    problems: list[str] = []
    raw = read_raw(default_root(), problems)
    if raw is None or problems:
        raise CatalogError(problems)
    shipped = list(raw.records())
    depts = [r for r in shipped if r["kind"] == "department"]
    for n in range(len(depts), departments):
        depts.append({"kind": "department", "id": f"dept_{n:03d}", "name": f"合成部门{n:03d}"})
    depts = depts[:departments]
    records: list[dict[str, Any]] = [
        {"kind": "catalog", "format": 2, "version": f"synthetic-{seed}-{matters}x{departments}x{bundles}"},
        *depts,
        *(r for r in shipped if r["kind"] in ("licence", "field")),
    ]
    names: set[str] = set()
    matter_records: list[dict[str, Any]] = []
    for serial in range(1, matters + 1):
        while True:
            name = rng.choice(_QUALIFIERS) + rng.choice(_OBJECTS) + rng.choice(_ACTIONS)
            if name not in names:
                break
            name = f"{name}（{serial}）"
            if name not in names:
                break
        names.add(name)
        dept_number = rng.randrange(len(depts))
        basic = demo_basic_code(DEMO_REGION[:2], serial)
        subject = rng.choice(("person", "entity"))
        promise = rng.choice((0, 0, 1, 3, 5, 7, 10, 15, 20))
        legal = rng.choice((None, promise, promise + 5, promise + 10, 20, 30))
        legal = None if legal is None else max(legal, promise)
        materials = []
        for m_index, (m_name, source, licence) in enumerate(rng.sample(_MATERIALS, rng.randint(2, 6))):
            material: dict[str, Any] = {"id": f"m{m_index}", "name": m_name, "source": source, "form": "原件"}
            if licence:
                material["licence"] = licence
            materials.append(material)
        matter_records.append(
            {
                "kind": "matter",
                "id": f"syn_{serial:05d}",
                "name": name,
                "code": compose_impl_code(basic, DEMO_REGION, demo_agency_uscc(DEMO_REGION, dept_number)),
                "code_status": "constructed",
                "basic_code": basic,
                "type": rng.choice(MATTER_TYPES),
                "subject": subject,
                "dept": depts[dept_number]["id"],
                "agency": f"合成县{depts[dept_number]['name']}",
                "legal_days": legal,
                "promise_days": promise,
                "fee": "不收费",
                "conditions": "合成数据：符合条件的申请人。",
                "category": rng.choice(_EVENTS),
                "keywords": [rng.choice(_OBJECTS)],
                "materials": materials,
                "sources": [],
                "note": "合成事项，仅供测试和压测。",
            }
        )
        scope = rng.choice(("全省通办", "跨省通办", None))
        if scope is not None:
            matter_records[-1]["scope"] = scope
    records += matter_records
    for number in range(1, bundles + 1):
        chosen = rng.sample(matter_records, rng.randint(2, 6))
        bundle_materials: dict[str, dict[str, Any]] = {}
        subs = []
        for sub_index, matter in enumerate(chosen):
            requirements = []
            for material in matter["materials"]:
                mid = f"b_{_material_key(material)}"
                bundle_materials.setdefault(mid, {**material, "id": mid})
                requirements.append({"material": mid})
            subs.append({"id": f"s{sub_index}", "matter": matter["code"], "requirements": requirements})
        records.append(
            {
                "kind": "bundle",
                "id": f"syn_bundle_{number:03d}",
                "name": f"合成“一件事”{number:03d}（{chosen[0]['name']}等）",
                "subject": chosen[0]["subject"] if chosen[0]["subject"] != "both" else "person",
                "lead": chosen[0]["dept"],
                "category": rng.choice(_EVENTS),
                "keywords": [],
                "eligibility": "合成数据。",
                "questions": [],
                "materials": list(bundle_materials.values()),
                "sub_matters": subs,
                "sources": [],
            }
        )
    return records


def _material_key(material: dict[str, Any]) -> str:
    """One bundle material per kind of document: the same 申请表 is handed in once."""
    return "x" + str(_MATERIALS.index(next(m for m in _MATERIALS if m[0] == material["name"])))
