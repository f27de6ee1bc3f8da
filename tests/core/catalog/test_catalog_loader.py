"""The loader rejects every malformed or dangling catalog with exact ``file: $.path: problem`` lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.catalog import load_catalog
from core.errors import CatalogError
from tests.core.catalog.catalog_testkit import CatalogDir

Edit = Callable[[dict[str, Any], dict[str, Any]], object]  # (catalog.json, bundles/demo.json) → mutate

B = "bundles/demo.json"
C = "catalog.json"


def test_the_minimal_catalog_is_valid(cat: CatalogDir) -> None:
    assert cat.problems() == []
    catalog = load_catalog(cat.root)
    assert catalog.version == "test-r1"
    bundle = catalog.bundle("demo")
    assert [q.id for q in bundle.questions] == ["married", "follow", "father_known", "items", "count"]
    assert list(bundle.materials) == ["id_card", "marriage", "dna", "statement", "extra", "form"]
    assert catalog.licences["id_card"].name == "居民身份证"
    assert catalog.fields["applicant.name"].prefill == "id_card.name"


def _q(b: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in b["questions"] if q["id"] == qid)  # type: ignore[no-any-return]


def _m(b: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in b["materials"] if m["id"] == mid)  # type: ignore[no-any-return]


def _req(b: dict[str, Any], index: int) -> dict[str, Any]:
    return b["sub_matters"][0]["requirements"][index]  # type: ignore[no-any-return]


CASES: list[tuple[str, Edit, list[str]]] = [
    # --- structure: unknown, missing, repeated keys and wrong types
    ("unknown top-level key", lambda h, b: b.update(colour="red"), [f"{B}: $.colour: unknown key"]),
    (
        "unknown nested key",
        lambda h, b: _req(b, 0).update(optional=True),
        [f"{B}: $.sub_matters[0].requirements[0].optional: unknown key"],
    ),
    ("missing key", lambda h, b: b["sub_matters"][0].pop("matter"), [f"{B}: $.sub_matters[0]: missing key 'matter'"]),
    ("missing header key", lambda h, b: h.pop("licences"), [
        f"{C}: $: missing key 'licences'",
        "matters/demo.jsonl:1: $.materials[0].licence: unknown e-licence 'id_card'",
        f"{B}: $.materials[0].licence: unknown e-licence 'id_card'",
    ]),
    (
        "wrong type: number for a matter code",
        lambda h, b: b["sub_matters"][0].update(matter=5),
        [f"{B}: $.sub_matters[0].matter: expected a non-empty string, got number 5"],
    ),
    (
        "wrong type: string for bool",
        lambda h, b: _m(b, "dna").update(core="yes"),
        [f'{B}: $.materials[2].core: expected true or false, got string "yes"'],
    ),
    (
        "wrong type: object for array",
        lambda h, b: b.update(keywords={"a": 1}),
        [f"{B}: $.keywords: expected an array, got object"],
    ),
    ("wrong type: number in keywords", lambda h, b: b.update(keywords=["出生", 3]), [
        f"{B}: $.keywords[1]: expected a non-empty string, got number 3",
    ]),
    ("blank name", lambda h, b: b.update(name="  "), [f'{B}: $.name: expected a non-empty string, got string "  "']),
    ("wrong subject", lambda h, b: b.update(subject="company"), [f"{B}: $.subject: 'company' is not one of: person, entity"]),
    ("format", lambda h, b: h.update(format=1), [f"{C}: $.format: unsupported format 1 (this version reads 2)"]),
    # --- ids
    ("bundle id differs from file name", lambda h, b: b.update(id="other"), [
        f"{B}: $.id: 'other' does not match the file name 'demo.json'",
    ]),
    ("bad id spelling", lambda h, b: _m(b, "extra").update(id="Extra-1"), [
        f"{B}: $.materials[4].id: 'Extra-1' is not a valid id (lower-case a-z, 0-9, _)",
        f"{B}: $.sub_matters[1].requirements[0].material: unknown material 'extra'",
    ]),
    ("duplicate question id", lambda h, b: b["questions"].append({"id": "count", "text": "再问？", "type": "int"}), [
        f"{B}: $.questions[5].id: duplicate question id 'count'",
    ]),
    ("duplicate material id", lambda h, b: b["materials"].append({"id": "dna", "name": "又一份", "source": "applicant"}), [
        f"{B}: $.materials[6].id: duplicate material id 'dna'",
    ]),
    ("duplicate sub-matter id", lambda h, b: b["sub_matters"][1].update(id="main"), [
        f"{B}: $.sub_matters[1].id: duplicate sub-matter id 'main'",
    ]),
    ("duplicate department id", lambda h, b: h["departments"].append({"id": "hrss", "name": "又一个"}), [
        f"{C}: $.departments[2].id: duplicate department id 'hrss'",
    ]),
    ("duplicate field id", lambda h, b: h["fields"].append({"id": "applicant.phone", "label": "电话2", "type": "phone"}), [
        f"{C}: $.fields[3].id: duplicate field id 'applicant.phone'",
    ]),
    ("question id is a keyword", lambda h, b: _q(b, "count").update(id="has"), [
        f"{B}: $.questions[4].id: 'has' is a condition keyword and cannot be a question id",
        f"{B}: $.sub_matters[1].requirements[0].when: unknown question 'count'",
    ]),
    # --- dangling references
    ("unknown lead", lambda h, b: b.update(lead="nobody"), [f"{B}: $.lead: unknown department 'nobody'"]),
    ("unknown matter", lambda h, b: b["sub_matters"][1].update(matter="11320115TB000001XX4329000000009"), [
        f"{B}: $.sub_matters[1].matter: no matter with 实施编码 '11320115TB000001XX4329000000009' in the catalog",
    ]),
    ("unknown material", lambda h, b: _req(b, 4).update(material="fax"), [
        f"{B}: $.sub_matters[0].requirements[4].material: unknown material 'fax'",
    ]),
    ("unknown field", lambda h, b: b["sub_matters"][0]["fields"].append("child.name"), [
        f"{B}: $.sub_matters[0].fields[2]: unknown field 'child.name'",
    ]),
    ("duplicate field in a matter", lambda h, b: b["sub_matters"][0]["fields"].append("applicant.name"), [
        f"{B}: $.sub_matters[0].fields[2]: duplicate field 'applicant.name'",
    ]),
    ("unknown licence", lambda h, b: _m(b, "id_card").update(licence="passport"), [
        f"{B}: $.materials[0].licence: unknown e-licence 'passport'",
    ]),
    ("material required twice by one matter", lambda h, b: b["sub_matters"][0]["requirements"].append({"material": "dna"}), [
        f"{B}: $.sub_matters[0].requirements[5].material: material 'dna' is already required by this sub-matter",
    ]),
    ("unused material", lambda h, b: b["materials"].append({"id": "spare", "name": "多余", "source": "applicant"}), [
        f"{B}: $.materials[6]: material 'spare' is not required by any sub-matter",
    ]),
    # --- conditions
    ("unknown question in a condition", lambda h, b: _req(b, 1).update(when="foo"), [
        f"{B}: $.sub_matters[0].requirements[1].when: unknown question 'foo'",
    ]),
    ("option not among the options", lambda h, b: _req(b, 2).update(when="not married and follow == uncle"), [
        f"{B}: $.sub_matters[0].requirements[2].when: 'follow' has no option 'uncle' (options: father, mother)",
    ]),
    ("option not among a multi's options", lambda h, b: b["sub_matters"][1].update(when="items has phone"), [
        f"{B}: $.sub_matters[1].when: 'items' has no option 'phone' (options: name, address)",
    ]),
    ("has on a non-multi question", lambda h, b: _req(b, 1).update(when="married has yes"), [
        f"{B}: $.sub_matters[0].requirements[1].when: 'has' needs a multi-choice question; 'married' is a yes/no question",
    ]),
    ("comparison on a non-int question", lambda h, b: _req(b, 2).update(when="not married and follow >= father"), [
        f"{B}: $.sub_matters[0].requirements[2].when: '>=' needs a number question; 'follow' is a single-choice question",
    ]),
    ("int compared with a word", lambda h, b: b["sub_matters"][1]["requirements"][0].update(when="count >= many"), [
        f"{B}: $.sub_matters[1].requirements[0].when: 'count' is a number question; compare it with a whole number, not 'many'",
    ]),
    ("bare name of an enum question", lambda h, b: _req(b, 2).update(when="not married and follow"), [
        f"{B}: $.sub_matters[0].requirements[2].when: 'follow' is a single-choice question; test it with ==, != or in, not as a bare name",
    ]),
    ("== on a bool question", lambda h, b: _req(b, 1).update(when="married == yes"), [
        f"{B}: $.sub_matters[0].requirements[1].when: 'married' is a yes/no question; write 'married' or 'not married'",
    ]),
    ("== on a multi question", lambda h, b: b["sub_matters"][1].update(when="items == name"), [
        f"{B}: $.sub_matters[1].when: 'items' is a multi-choice question; test it with 'has'",
    ]),
    ("malformed condition", lambda h, b: _req(b, 2).update(when="not married and follow = father"), [
        f"{B}: $.sub_matters[0].requirements[2].when: bad condition: unexpected character '=' at position 23",
    ]),
    ("condition that is not a string", lambda h, b: _req(b, 1).update(when=True), [
        f"{B}: $.sub_matters[0].requirements[1].when: expected a non-empty string, got boolean true",
    ]),
    ("question refers to a later question", lambda h, b: _q(b, "follow").update(when="count > 1"), [
        f"{B}: $.questions[1].when: question 'count' is not asked before this one",
    ]),
    ("question refers to itself", lambda h, b: _q(b, "married").update(when="married"), [
        f"{B}: $.questions[0].when: question 'married' is not asked before this one",
    ]),
    ("unguarded condition on a conditional question", lambda h, b: _req(b, 3).update(when="not father_known"), [
        f"{B}: $.sub_matters[0].requirements[3].when: 'not father_known' is undecided when married=yes, "
        "follow=father although every relevant question is answered; guard it with the condition that asks its questions",
    ]),
    ("condition that never holds", lambda h, b: _req(b, 2).update(when="married and not married"), [
        f"{B}: $.sub_matters[0].requirements[2].when: 'married and not married' holds in no situation",
    ]),
    ("question never asked", lambda h, b: _q(b, "father_known").update(when="married and not married"), [
        f"{B}: $.questions[2].when: 'married and not married' holds in no situation",
        # …so a condition reading it can never be decided either:
        f"{B}: $.sub_matters[0].requirements[3].when: 'not married and follow == mother and not father_known' is "
        "undecided when married=no, follow=mother although every relevant question is answered; guard it with "
        "the condition that asks its questions",
    ]),
    ("a situation with nothing to do", lambda h, b: b["sub_matters"][0].update(when="not items has address"), [
        f"{B}: $.sub_matters: no sub-matter applies when items=address",
    ]),
    ("unused question", lambda h, b: b["questions"].append({"id": "spare", "text": "多余？", "type": "bool"}), [
        f"{B}: $.questions[5]: question 'spare' is not used by any condition",
    ]),
    # --- questions and options
    ("multi with one option", lambda h, b: _q(b, "items")["options"].pop(), [
        f"{B}: $.questions[3].options: multi questions need at least two options",
    ]),
    ("bool with options", lambda h, b: _q(b, "married").update(options=[{"value": "y", "label": "是"}]), [
        f"{B}: $.questions[0].options: bool questions have no options",
    ]),
    ("duplicate option", lambda h, b: _q(b, "items")["options"].append({"value": "name", "label": "又是名称"}), [
        f"{B}: $.questions[3].options[2].value: duplicate option 'name'",
    ]),
    ("option value with a comma", lambda h, b: _q(b, "items")["options"].append({"value": "a,b", "label": "甲乙"}), [
        f"{B}: $.questions[3].options[2].value: 'a,b' may not contain spaces, commas or '='",
    ]),
    ("unknown question type", lambda h, b: _q(b, "count").update(type="float"), [
        f"{B}: $.questions[4].type: 'float' is not one of: bool, enum, multi, int",
    ]),
    # --- materials: 容缺 / 告知承诺 / generated rules
    ("core and deferrable", lambda h, b: _m(b, "dna").update(deferrable=True), [
        f"{B}: $.materials[2]: a core material cannot be deferrable (容缺)",
    ]),
    ("commitment without text", lambda h, b: _m(b, "statement").pop("commitment_text"), [
        f"{B}: $.materials[3]: commitment_ok needs a commitment_text (告知承诺 wording)",
    ]),
    ("text without commitment", lambda h, b: _m(b, "dna").update(commitment_text="我承诺"), [
        f"{B}: $.materials[2].commitment_text: commitment_text without commitment_ok",
    ]),
    ("generated and deferrable", lambda h, b: _m(b, "form").update(deferrable=True), [
        f"{B}: $.materials[5]: a generated material cannot be deferrable or replaced by a commitment",
    ]),
    ("generated and commitment", lambda h, b: _m(b, "form").update(commitment_ok=True, commitment_text="承诺"), [
        f"{B}: $.materials[5]: a generated material cannot be deferrable or replaced by a commitment",
    ]),
    ("licence on an applicant material", lambda h, b: _m(b, "dna").update(licence="id_card"), [
        f"{B}: $.materials[2].licence: only a shared material can name an e-licence",
    ]),
    ("unknown source", lambda h, b: _m(b, "dna").update(source="mail"), [
        f"{B}: $.materials[2].source: 'mail' is not one of: applicant, shared, generated",
    ]),
    # --- sub-matters
    ("optional without when", lambda h, b: b["sub_matters"][1].pop("when"), [
        f"{B}: $.sub_matters[1]: an optional sub-matter needs a 'when' (the answer that opts in)",
    ]),
    ("no sub-matters", lambda h, b: b.update(sub_matters=[]), [
        f"{B}: $.sub_matters: a bundle needs at least one sub-matter",
        *(f"{B}: $.materials[{i}]: material '{m}' is not required by any sub-matter"
          for i, m in enumerate(["id_card", "marriage", "dna", "statement", "extra", "form"])),
    ]),
    # --- catalog.json fields
    ("unknown prefill", lambda h, b: h["fields"][1].update(prefill="id_card.phone"), [
        f"{C}: $.fields[1].prefill: unknown ID-card attribute 'id_card.phone'",
    ]),
    ("prefill of the wrong type", lambda h, b: h["fields"][1].update(prefill="id_card.name"), [
        f"{C}: $.fields[1].prefill: 'id_card.name' cannot fill a phone field",
    ]),
    ("enum field without options", lambda h, b: h["fields"][2].pop("options"), [
        f"{C}: $.fields[2].options: enum fields need at least two options",
    ]),
    ("options on a non-enum field", lambda h, b: h["fields"][1].update(options=[{"value": "a", "label": "甲"}]), [
        f"{C}: $.fields[1].options: phone fields have no options",
    ]),
    ("unknown field type", lambda h, b: h["fields"][1].update(type="email"), [
        f"{C}: $.fields[1].type: 'email' is not one of: text, name, id_number, phone, date, sex, enum, address, "
        "birth_cert_no, uscc, int, bank_account",
    ]),
    ("bad field id", lambda h, b: h["fields"][1].update(id="Applicant.Phone"), [
        f"{C}: $.fields[1].id: 'Applicant.Phone' is not a valid id (lower-case a-z, 0-9, _)",
        "matters/demo.jsonl:1: $.fields[1]: unknown field 'applicant.phone'",
        f"{B}: $.sub_matters[0].fields[1]: unknown field 'applicant.phone'",
    ]),
    # --- the bundle list
    ("bundle listed but missing", lambda h, b: h["bundles"].append("ghost"), [f"{C}: $.bundles[1]: no file bundles/ghost.json"]),
    ("bundle listed twice", lambda h, b: h["bundles"].append("demo"), [f"{C}: $.bundles[1]: duplicate bundle id 'demo'"]),
    ("bundle file not listed", lambda h, b: h.update(bundles=[]), [f"{B}: $: not listed in catalog.json $.bundles"]),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_exact_lines(cat: CatalogDir, edit: Edit, expected: list[str]) -> None:
    edit(cat.header, cat.bundle)
    assert cat.problems() == expected


def test_load_raises_one_error_with_all_problems_of_all_files(cat: CatalogDir) -> None:
    cat.header["departments"].append({"id": "hrss", "name": "重复"})
    cat.matters[1]["promise_days"] = -1
    _req(cat.bundle, 1)["when"] = "foo"
    second = dict(cat.bundle, id="second")
    second["lead"] = "nobody"
    cat.bundles["second"] = second
    cat.header["bundles"].append("second")
    cat.write()
    with pytest.raises(CatalogError) as info:
        load_catalog(cat.root)
    assert info.value.problems == [
        f"{C}: $.departments[2].id: duplicate department id 'hrss'",
        "matters/demo.jsonl:2: $.promise_days: expected a whole number ≥ 0 or null, got number -1",
        f"{B}: $.sub_matters[0].requirements[1].when: unknown question 'foo'",
        "bundles/second.json: $.lead: unknown department 'nobody'",
        "bundles/second.json: $.sub_matters[0].requirements[1].when: unknown question 'foo'",
    ]
    assert "事项目录数据有误" in info.value.message


def test_repeated_json_keys_are_rejected(cat: CatalogDir) -> None:
    cat.write()
    path = cat.root / "bundles" / "demo.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"name": "示例“一件事”"', '"name": "甲", "name": "乙"', 1), encoding="utf-8")
    from core.catalog import check_catalog

    assert check_catalog(cat.root) == [f"{B}: $.name: duplicate key"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("{", f"{B}: $: invalid JSON at line 1 column 2: Expecting property name enclosed in double quotes"),
        ('{"a": NaN}', f"{B}: $: invalid JSON: NaN is not valid JSON"),
        ("[]", f"{B}: $: expected an object, got array"),
    ],
)
def test_unreadable_bundle_files(cat: CatalogDir, text: str, line: str) -> None:
    cat.bundles["demo"] = text
    assert cat.problems() == [line]


def test_missing_files_and_folders(cat: CatalogDir) -> None:
    from core.catalog import check_catalog

    cat.root.mkdir(parents=True)
    assert check_catalog(cat.root) == [f"{C}: $: file not found", "bundles: $: directory not found"]


def test_bundle_file_name_must_be_an_id(cat: CatalogDir) -> None:
    cat.bundles["Bad-Name"] = cat.bundle
    assert cat.problems() == [
        "bundles/Bad-Name.json: $: the file name must be a bundle id (lower-case a-z, 0-9, _)"
    ]


def test_bundles_keep_the_listed_order(cat: CatalogDir) -> None:
    for name in ("alpha", "zulu"):
        cat.bundles[name] = dict(cat.bundle, id=name)
    cat.header["bundles"] = ["zulu", "demo", "alpha"]
    cat.write()
    assert list(load_catalog(cat.root).bundles) == ["zulu", "demo", "alpha"]


def test_the_decidability_proof_is_skipped_and_logged_past_its_limit(
    cat: CatalogDir, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import core.catalog.condition_checks as checks

    _req(cat.bundle, 3)["when"] = "not father_known"  # unguarded: the proof would report it
    monkeypatch.setattr(checks, "SITUATION_LIMIT", 1)
    with caplog.at_level("WARNING", logger="core.catalog.condition_checks"):
        assert cat.problems() == []
    assert "skipped decidability proof of $.sub_matters[0].requirements[3].when" in caplog.text
