"""A minimal valid catalog as plain dicts, which tests break and write into tmp_path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from core.catalog import check_catalog

HEADER: dict[str, Any] = {
    "format": 2,
    "version": "test-r1",
    "bundles": ["demo"],
    "departments": [{"id": "hrss", "name": "人社"}, {"id": "police", "name": "公安"}],
    "licences": [{"id": "id_card", "name": "居民身份证"}],
    "fields": [
        {"id": "applicant.name", "label": "姓名", "type": "name", "prefill": "id_card.name"},
        {"id": "applicant.phone", "label": "电话", "type": "phone"},
        {
            "id": "x.kind",
            "label": "类别",
            "type": "enum",
            "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}],
        },
    ],
}

# Two matters (事项) with constructed codes (core.catalog.synthetic.demo_agency_uscc for 320115).
MAIN_CODE = "11320115TB000001XX4329000000001"
CHANGE_CODE = "11320115TB0000028X4329000000002"
MATTERS: list[dict[str, Any]] = [
    {
        "id": "hrss_main",
        "name": "主事项",
        "code": MAIN_CODE,
        "code_status": "constructed",
        "basic_code": "329000000001",
        "type": "行政确认",
        "subject": "person",
        "dept": "hrss",
        "agency": "示例县人社局",
        "legal_days": 20,
        "promise_days": 5,
        "fee": "不收费",
        "conditions": "示例条件。",
        "category": "示例",
        "materials": [
            {"id": "id_card", "name": "身份证", "source": "shared", "licence": "id_card"},
            {"id": "form", "name": "申请表", "source": "generated"},
        ],
        "fields": ["applicant.name", "applicant.phone"],
        "sources": [{"title": "示例办事指南", "url": "https://example.gov.cn/guide/1"}],
    },
    {
        "id": "police_change",
        "name": "变更事项",
        "code": CHANGE_CODE,
        "code_status": "constructed",
        "basic_code": "329000000002",
        "type": "公共服务",
        "subject": "person",
        "dept": "police",
        "agency": "示例县公安局",
        "legal_days": None,
        "promise_days": 3,
        "fee": "不收费",
        "conditions": "示例条件。",
        "category": "示例",
        "materials": [{"id": "form", "name": "申请表", "source": "generated"}],
        "sources": [],
    },
]

BUNDLE: dict[str, Any] = {
    "id": "demo",
    "name": "示例“一件事”",
    "subject": "person",
    "lead": "hrss",
    "category": "示例",
    "questions": [
        {"id": "married", "text": "已婚？", "type": "bool"},
        {
            "id": "follow",
            "text": "随谁？",
            "type": "enum",
            "options": [{"value": "father", "label": "父"}, {"value": "mother", "label": "母"}],
        },
        {
            "id": "father_known",
            "text": "登记生父？",
            "type": "bool",
            "when": "not married and follow == mother",
        },
        {
            "id": "items",
            "text": "变更哪些？",
            "type": "multi",
            "options": [{"value": "name", "label": "名称"}, {"value": "address", "label": "住所"}],
        },
        {"id": "count", "text": "几辆车？", "type": "int"},
    ],
    "materials": [
        {"id": "id_card", "name": "身份证", "source": "shared", "licence": "id_card", "core": True},
        {"id": "marriage", "name": "结婚证", "source": "applicant"},
        {"id": "dna", "name": "亲子鉴定证明", "source": "applicant", "core": True},
        {
            "id": "statement",
            "name": "情况说明",
            "source": "applicant",
            "commitment_ok": True,
            "commitment_text": "本人承诺。",
        },
        {"id": "extra", "name": "补充材料", "source": "applicant", "deferrable": True},
        {"id": "form", "name": "申请表", "source": "generated"},
    ],
    "sub_matters": [
        {
            "id": "main",
            "matter": MAIN_CODE,
            "requirements": [
                {"material": "id_card"},
                {"material": "marriage", "when": "married"},
                {"material": "dna", "when": "not married and follow == father"},
                {"material": "statement", "when": "not married and follow == mother and not father_known"},
                {"material": "form"},
            ],
            "fields": ["applicant.name", "applicant.phone"],
        },
        {
            "id": "change",
            "matter": CHANGE_CODE,
            "optional": True,
            "when": "items has name",
            "requirements": [{"material": "extra", "when": "count >= 3"}, {"material": "form"}],
            "fields": ["applicant.name", "x.kind"],
        },
    ],
}


class CatalogDir:
    """A catalog under construction: edit ``header``, ``matters`` and ``bundles``, then ``problems()``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.header: dict[str, Any] = copy.deepcopy(HEADER)
        self.matters: list[dict[str, Any]] = copy.deepcopy(MATTERS)
        self.bundles: dict[str, Any] = {"demo": copy.deepcopy(BUNDLE)}

    @property
    def bundle(self) -> dict[str, Any]:
        return self.bundles["demo"]  # type: ignore[no-any-return]

    def write(self) -> Path:
        (self.root / "bundles").mkdir(parents=True, exist_ok=True)
        (self.root / "catalog.json").write_text(json.dumps(self.header, ensure_ascii=False), encoding="utf-8")
        (self.root / "matters").mkdir(exist_ok=True)
        lines = "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in self.matters)
        (self.root / "matters" / "demo.jsonl").write_text(lines, encoding="utf-8")
        for name, data in self.bundles.items():
            text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
            (self.root / "bundles" / f"{name}.json").write_text(text, encoding="utf-8")
        return self.root

    def problems(self) -> list[str]:
        return check_catalog(self.write())
