"""Searching matters and bundles together, as window staff type: Chinese, synonyms, pinyin, initials, codes."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.catalog.feed import feed_text
from core.catalog.model import Bundle, Catalog, Subject
from core.catalog.search import (
    BUNDLE,
    BUNDLE_TYPE,
    MATTER,
    Entry,
    SearchIndex,
    load_synonyms,
    normalise_query,
)
from core.catalog.spelling import Speller
from core.catalog.synthetic import synthetic_feed


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> SearchIndex:
    return SearchIndex.of(catalog)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """A synthetic province big enough that common letters hit hundreds of entries."""
    path = tmp_path_factory.mktemp("province") / "feed.jsonl"
    path.write_text(feed_text(synthetic_feed(1500, 20, 30)), encoding="utf-8")
    return SearchIndex(load_catalog(path))


def ids(entries: list[Entry]) -> list[str]:
    return [e.id for e in entries]


@pytest.mark.parametrize(
    ("query", "name"),
    [("csdj", "出生登记"), ("CSDJ", "出生登记"), ("ｃｓｄｊ", "出生登记"), ("chushengdengji", "出生登记"),
     ("chu sheng deng ji", "出生登记"), ("出生登记", "出生登记"), ("jhdj", "内地居民结婚登记"),
     ("shbzksl", "社会保障卡申领"), ("jzzsl", "居住证申领")],
)  # fmt: skip
def test_a_single_matter_is_found_by_name_pinyin_and_initials(
    index: SearchIndex, query: str, name: str
) -> None:
    first = index.search(query)[0]
    assert first.kind == MATTER and first.name.startswith(name), (query, first)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("上户口", "police_birth_registration"), ("shanghukou", "police_birth_registration"),
     ("办身份证", "police_idcard"), ("社保卡掉了", "hrss_replace"), ("shebaokadiaole", "hrss_replace"),
     ("开饭店", "market_food_business_licence"), ("暂住证", "police_residence_permit")],
)  # fmt: skip
def test_what_people_say_finds_the_official_matter(index: SearchIndex, query: str, expected: str) -> None:
    assert expected in ids(index.search(query, limit=12)), query


def test_bundles_and_matters_come_together_and_kind_filters(index: SearchIndex) -> None:
    both = index.search("上户口")
    assert {e.kind for e in both} == {MATTER, BUNDLE}
    assert both[0].id == "newborn"  # a keyword of the bundle, and the bundle comes first among equals
    assert ids(index.search("cs", kind=BUNDLE))[0] == "newborn"
    assert all(e.kind == MATTER for e in index.search("cs", kind=MATTER))
    with pytest.raises(ValueError, match="kind"):
        index.search("cs", kind="case")


def test_a_matter_by_its_codes(index: SearchIndex, catalog: Catalog) -> None:
    matter = catalog.matters["police_birth_registration"]
    assert index.search(matter.code)[0].id == matter.id
    assert index.search(matter.code.lower())[0].id == matter.id
    assert matter.id in ids(index.search(matter.code[:20]))
    assert index.search(matter.basic_code)[0].id in {
        m.id for m in catalog.matters.values() if m.basic_code == matter.basic_code
    }


def test_a_department_by_name_lists_its_matters(index: SearchIndex, catalog: Catalog) -> None:
    police = {m.id for m in catalog.matters.values() if m.dept == "police"}
    assert police and police <= set(ids(index.search("公安")))


def test_entries_show_department_type_and_limits(index: SearchIndex, catalog: Catalog) -> None:
    entry = next(e for e in index.search("出生登记") if e.id == "police_birth_registration")
    matter = catalog.matters["police_birth_registration"]
    assert (entry.code, entry.type, entry.limit_days, entry.dept) == (
        matter.code,
        matter.type,
        matter.limit_days,
        matter.dept,
    )
    assert entry.dept_name == catalog.departments["police"].name
    newborn = index.search("新生儿出生")[0]
    assert (newborn.kind, newborn.code, newborn.type) == (BUNDLE, "", BUNDLE_TYPE)
    limits = [s.promise_days for s in catalog.bundles["newborn"].sub_matters]
    assert newborn.limit_days == (None if None in limits else max(d for d in limits if d is not None))
    assert catalog.bundle(entry.id).single and catalog.bundle(newborn.id) is catalog.bundles["newborn"]


# -- ranking --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plain:
    """One entry's searchable texts, computed plainly."""

    name: str
    keys: list[str]
    codes: list[str]
    dept: str
    spelt: tuple[str, str]
    keys_spelt: list[tuple[str, str]]


def _plain(index: SearchIndex) -> dict[str, _Plain]:
    speller, synonyms = Speller(), load_synonyms()
    out = {}
    for entry in index.entries:
        record = index.catalog.bundles.get(entry.id) or index.catalog.matters[entry.id]
        name = normalise_query(entry.name)
        keys = [normalise_query(k) for k in (*record.keywords, record.category)]
        keys += [
            normalise_query(term)
            for term, official in synonyms.items()
            if any(normalise_query(o) in name or normalise_query(o) in keys for o in official)
        ]
        codes = [] if isinstance(record, Bundle) else [record.code.lower(), record.basic_code.lower()]
        out[entry.id] = _Plain(
            name,
            keys,
            codes,
            normalise_query(entry.dept_name),
            speller.spell(entry.name),
            [speller.spell(k) for k in keys],
        )
    return out


def _tier(p: _Plain, q: str) -> int | None:
    """The ranking rule written plainly, entry by entry (the index must agree with it)."""
    spelt = q.isascii() and q.isalnum()
    name_py, name_in = p.spelt
    checks = [
        p.name.startswith(q),
        q in p.name,
        any(q in k for k in p.keys),
        spelt and any(c.startswith(q) for c in p.codes),
        q in p.dept,
        spelt and name_py.startswith(q),
        spelt and any(s.startswith(q) for s, _ in p.keys_spelt),
        spelt and len(q) >= 3 and q in name_py,
        spelt and len(q) >= 3 and any(q in s for s, _ in p.keys_spelt),
        spelt and len(q) >= 2 and name_in.startswith(q),
        spelt and len(q) >= 2 and any(i.startswith(q) for _, i in p.keys_spelt),
        spelt and len(q) >= 2 and q in name_in,
        spelt and len(q) >= 2 and any(q in i for _, i in p.keys_spelt),
    ]
    return next((n for n, hit in enumerate(checks) if hit), None)


def _check_ranking(index: SearchIndex, plain: dict[str, _Plain], query: str) -> None:
    q = normalise_query(query)
    found = index.search(query)
    expected = {e.id for e in index.entries if _tier(plain[e.id], q) is not None}
    assert set(ids(found)) == expected and len(found) == len(expected), query
    tiers = [_tier(plain[e.id], q) for e in found]
    assert tiers == sorted(tiers), (query, list(zip(ids(found), tiers, strict=True)))
    order = {e.id: n for n, e in enumerate(index.entries)}
    for a, b, ta, tb in zip(found, found[1:], tiers, tiers[1:], strict=False):
        if ta == tb:
            assert order[a.id] < order[b.id], (query, a.id, b.id)  # ties keep catalog order


@pytest.mark.parametrize(
    "query", ["出生", "登记", "cs", "csdj", "sbk", "shebao", "公安", "户口", "hk", "l", "11"]
)
def test_the_ranking_follows_the_rule_entry_by_entry(index: SearchIndex, query: str) -> None:
    _check_ranking(index, _plain(index), query)


def test_the_ranking_holds_at_province_scale(province: SearchIndex) -> None:
    plain = _plain(province)
    for query in [
        "1132",
        "登记",
        "dj",
        "shi",
        "ang",
        "ing",
        "eng",
        "s",
        "户籍",
        "hjdj",
    ]:  # hundreds of hits each
        province._memo.clear()
        _check_ranking(province, plain, query)


def test_recent_first_among_equals_and_empty_query(index: SearchIndex, catalog: Catalog) -> None:
    plain = ids(index.search("csdj"))
    assert plain[:2] == ["police_hukou_birth", "police_birth_registration"]
    assert ids(index.search("csdj", recent=["police_birth_registration"]))[:2] == plain[1::-1]
    # recency never lifts an entry above a better tier
    assert ids(index.search("出生登记", recent=["newborn"]))[0] != "newborn"
    listed = ids(index.search("", recent=["retirement", "hrss_replace", "nonexistent"]))
    assert listed[:2] == ["retirement", "hrss_replace"]
    assert len(listed) == len(set(listed)) == len(catalog.bundles) + len(catalog.matters)
    assert ids(index.search("csdj", limit=1)) == plain[:1] and index.search("", limit=0) == []


def test_subject_filter_keeps_matters_for_both(index: SearchIndex, catalog: Catalog) -> None:
    both = next(m for m in catalog.matters.values() if m.subject == "both")
    for subject in Subject:
        found = index.search(both.name, subject=subject)
        assert both.id in ids(found) and all(e.serves(subject) for e in found)
        assert both.id in ids(index.browse(subject=subject))
    persons = index.search("", subject=Subject.PERSON)
    assert persons and all(e.serves(Subject.PERSON) for e in persons)
    assert not any(e.subject is Subject.ENTITY and not e.both for e in persons)


def test_no_match_and_odd_input(index: SearchIndex) -> None:
    assert index.search("zzzz") == [] and index.search("火星移民") == []
    assert index.search("\x00") == index.search("")  # control characters are dropped
    assert index.search("出生\x00登记")[0].name.startswith("出生登记")
    assert index.search("'" * 3) == index.search("")


# -- narrowing while typing -------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["shehuibaoxiandengji", "shbx", "11320115", "户籍登记", "sh", "an"])
def test_typing_on_gives_what_a_fresh_index_gives(province: SearchIndex, typed: str) -> None:
    fresh = SearchIndex(province.catalog)
    queries = [typed[:n] for n in range(1, len(typed) + 1)]
    queries += queries[-2::-1]  # and deleting again
    for q in queries:
        fresh._memo.clear()
        assert ids(province.search(q)) == ids(fresh.search(q)), q
        assert ids(province.search(q, subject=Subject.ENTITY, limit=30)) == ids(
            fresh.search(q, subject=Subject.ENTITY, limit=30)
        ), q


def test_a_province_scale_index_finds_every_matter_by_its_initials(province: SearchIndex) -> None:
    speller = Speller()
    for entry in province.entries[::97]:
        initials = speller.spell(entry.name)[1]
        assert entry.id in ids(province.search(initials)), entry.name


# -- browsing ---------------------------------------------------------------------------------------


def test_browse_by_department_and_category(index: SearchIndex, catalog: Catalog) -> None:
    departments = index.departments()
    assert sum(n for _, _, n in departments) == len(index.entries)
    police = next(d for d in departments if d[0] == "police")
    assert police[1] == catalog.departments["police"].name
    assert len(index.browse(dept="police")) == police[2]
    born = index.browse(category="出生", subject=Subject.PERSON)
    assert born[0].id == "newborn" and "police_birth_registration" in ids(born)
    assert all(e.category == "出生" for e in born)
    assert "出生" in index.categories(Subject.PERSON)
    assert set(index.categories(Subject.PERSON)) | set(index.categories(Subject.ENTITY)) == {
        e.category for e in index.entries
    }
    assert index.browse(dept="no_such_dept") == []


def test_the_index_is_built_once_per_catalog(catalog: Catalog) -> None:
    assert SearchIndex.of(catalog) is SearchIndex.of(catalog) is SearchIndex.cached(catalog)


# -- synonyms ---------------------------------------------------------------------------------------


def test_every_shipped_synonym_leads_somewhere(index: SearchIndex) -> None:
    synonyms = load_synonyms()
    assert len(synonyms) >= 40 and "_comment" not in synonyms
    assert synonyms["上户口"] == ("出生登记", "报户口")
    lost = [term for term in synonyms if not index.search(term)]
    assert lost == []


def test_a_broken_synonym_file_is_logged_not_fatal(
    tmp_path: Path, catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "synonyms.json"
    caplog.set_level(logging.WARNING)
    assert load_synonyms(tmp_path / "missing.json") == {}
    path.write_text("{not json", encoding="utf-8")
    assert load_synonyms(path) == {}
    path.write_text(json.dumps(["上户口"]), encoding="utf-8")
    assert load_synonyms(path) == {}
    path.write_text(json.dumps({"上户口": "出生登记", "报户口": ["出生登记"], "空": [""]}), encoding="utf-8")
    assert load_synonyms(path) == {"报户口": ("出生登记",)}
    assert "上户口" in caplog.text and "not a list" in caplog.text
    plain = SearchIndex(catalog, synonyms={})
    assert "police_birth_registration" not in ids(plain.search("暂住证"))


def test_normalise_query() -> None:
    assert normalise_query(" Xi'an ") == "xian"
    assert normalise_query("ＣＳ") == "cs"
    assert normalise_query("出生\t登记\x00") == "出生登记"


def test_spelling() -> None:
    speller = Speller()
    assert speller.spell("重庆银行") == ("chongqingyinhang", "cqyh")
    assert speller.spell("《出生医学证明》ICP备案") == ("chushengyixuezhengmingicpbeian", "csyxzmicpba")
    assert speller.spell("绿化") == ("lvhua", "lh")
