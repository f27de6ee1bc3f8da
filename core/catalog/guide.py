"""The 办事指南 of a matter or a bundle, as data and as Chinese text lines (CLI, receipt printer).

A guide says only what the catalog record says: a fact the record lacks is 未注明 (not stated)
or, for a time limit, 未公布 (not published) — never filled in. Each GUI words the same data in
its interface language (qtkit.guide_view); the receipt is core.receipts.guide_receipt. Nothing of
a person is in a guide: it is what a citizen who came to ask takes home.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from core.catalog.model import (
    Bundle,
    Catalog,
    HandlingItem,
    Material,
    MaterialSource,
    Matter,
    Requirement,
    Source,
    SubMatter,
    longest_limit,
)

NOT_STATED: Final = "未注明"  # the record does not say
NOT_PUBLISHED: Final = "未公布"  # no time limit published
SUBJECT_NAMES: Final = {"person": "个人", "entity": "法人", "both": "个人、法人"}
SOURCE_NAMES: Final = {
    MaterialSource.APPLICANT: "申请人提供",
    MaterialSource.SHARED: "共享获取，免提交",
    MaterialSource.GENERATED: "窗口生成，无需准备",
}


@dataclass(frozen=True, slots=True)
class GuideMaterial:
    """One material of a guide (申请材料), listed once. ``conditional``: needed only in some
    situations (情形); ``licence`` is the e-licence (电子证照) name that can stand in for it."""

    name: str
    source: MaterialSource
    form: str  # 原件 / 复印件 …; "" where the record does not say
    copies: int | None  # 份数; None where the record does not say
    licence: str
    shared_from: str  # whose data replaces it (共享免提交)
    core: bool  # 核心材料
    deferrable: bool  # 可容缺
    commitment: bool  # 可告知承诺
    conditional: bool
    note: str


@dataclass(frozen=True, slots=True)
class GuideMatter:
    """One matter of a guide with the facts of its record ("" / None where the record lacks them).
    ``conditional``: in a bundle, done only in some situations or when the applicant asks."""

    id: str
    name: str
    code: str  # 实施编码
    basic_code: str  # 基本编码
    code_constructed: bool  # a demo code, not a published one
    items: tuple[HandlingItem, ...]  # 业务办理项
    type: str  # 事项类型
    subject: str
    dept_name: str
    agency: str  # 实施机构
    legal_days: int | None  # 法定办结时限, working days
    promise_days: int | None  # 承诺办结时限; 0 = 即办件
    fee: str
    scope: str  # 通办范围
    place: str  # 办理地点
    visits: int | None  # 到办事现场次数
    conditions: str  # 受理条件
    conditional: bool = False
    note: str = ""

    @property
    def limit_days(self) -> int | None:
        """The limit a case is promised by: the promised one, else the legal one."""
        return self.promise_days if self.promise_days is not None else self.legal_days


@dataclass(frozen=True, slots=True)
class Guide:
    """The guide of one matter (``kind`` "matter") or one bundle (``kind`` "bundle", 一件事)."""

    kind: str
    id: str
    name: str
    catalog_version: str
    subject: str
    category: str
    conditions: str  # 受理条件 (a bundle's eligibility)
    matters: tuple[GuideMatter, ...]
    materials: tuple[GuideMaterial, ...]
    situations: tuple[str, ...]  # the situation questions (情形) the window asks
    sources: tuple[Source, ...]
    batch: str = ""  # a bundle's national batch

    @property
    def bundle(self) -> bool:
        return self.kind == "bundle"

    @property
    def limit_days(self) -> int | None:
        """A matter's limit; a bundle's longest (并联), None when any matter publishes none."""
        return longest_limit(m.limit_days for m in self.matters)


def guide_of(catalog: Catalog, key: str) -> Guide:
    """The guide of a matter (by id or 实施编码) or a bundle (by id); NotFoundError otherwise."""
    bundle = catalog.bundle(key)
    if bundle.matter is not None:
        return matter_guide(catalog, catalog.matters[bundle.matter])
    return bundle_guide(catalog, bundle)


def matter_guide(catalog: Catalog, matter: Matter) -> Guide:
    return Guide(
        kind="matter",
        id=matter.id,
        name=matter.name,
        catalog_version=catalog.version,
        subject=matter.subject,
        category=matter.category,
        conditions=matter.conditions,
        matters=(_matter(catalog, matter),),
        materials=_materials(catalog, matter.materials, [(matter.requirements, False)]),
        situations=tuple(q.text for q in matter.questions),
        sources=matter.sources,
    )


def bundle_guide(catalog: Catalog, bundle: Bundle) -> Guide:
    matters = tuple(_sub_matter(catalog, sub) for sub in bundle.sub_matters)
    sources = list(bundle.sources)
    for sub in bundle.sub_matters:
        found = catalog.matter_by_code(sub.code)
        sources += found.sources if found is not None else ()
    return Guide(
        kind="bundle",
        id=bundle.id,
        name=bundle.name,
        catalog_version=catalog.version,
        subject=bundle.subject.value,
        category=bundle.category,
        conditions=bundle.eligibility,
        matters=matters,
        materials=_materials(
            catalog,
            bundle.materials,
            [(sub.requirements, sub.optional or sub.when is not None) for sub in bundle.sub_matters],
        ),
        situations=tuple(q.text for q in bundle.questions),
        sources=tuple({s.url or s.title: s for s in sources}.values()),  # each page once
        batch=bundle.batch,
    )


def _matter(catalog: Catalog, matter: Matter, *, conditional: bool = False) -> GuideMatter:
    dept = catalog.departments.get(matter.dept)
    return GuideMatter(
        id=matter.id,
        name=matter.name,
        code=matter.code,
        basic_code=matter.basic_code,
        code_constructed=matter.code_constructed,
        items=matter.items,
        type=matter.type,
        subject=matter.subject,
        dept_name=dept.name if dept is not None else matter.dept,
        agency=matter.agency,
        legal_days=matter.legal_days,
        promise_days=matter.promise_days,
        fee=matter.fee,
        scope=matter.scope,
        place=matter.place,
        visits=matter.visits,
        conditions=matter.conditions,
        conditional=conditional,
        note=matter.note,
    )


def _sub_matter(catalog: Catalog, sub: SubMatter) -> GuideMatter:
    conditional = sub.optional or sub.when is not None
    matter = catalog.matter_by_code(sub.code)
    if matter is not None:
        return _matter(catalog, matter, conditional=conditional)
    # The loader resolves every sub-matter's code; a catalog built in code may not: what it has.
    dept = catalog.departments.get(sub.dept)
    return GuideMatter(
        id=sub.id,
        name=sub.name,
        code=sub.code,
        basic_code="",
        code_constructed=False,
        items=(),
        type="",
        subject="",
        dept_name=dept.name if dept is not None else sub.dept,
        agency="",
        legal_days=None,
        promise_days=sub.promise_days,
        fee="",
        scope="",
        place="",
        visits=None,
        conditions="",
        conditional=conditional,
        note=sub.note,
    )


def _materials(
    catalog: Catalog,
    materials: Mapping[str, Material],
    needs: list[tuple[tuple[Requirement, ...], bool]],
) -> tuple[GuideMaterial, ...]:
    """Every material once, in record order. It is conditional unless a matter that always applies
    needs it unconditionally; a matter without requirements needs every material, always."""
    always: set[str] = set()
    for requirements, matter_conditional in needs:
        if matter_conditional:
            continue
        if not requirements:
            always.update(materials)
        always.update(r.material for r in requirements if r.when is None)
    out = []
    for material_id, m in materials.items():
        licence = catalog.licences.get(m.licence) if m.licence else None
        out.append(
            GuideMaterial(
                name=m.name,
                source=m.source,
                form=m.form,
                copies=m.copies,
                licence=licence.name if licence is not None else (m.licence or ""),
                shared_from=m.shared_from,
                core=m.core,
                deferrable=m.deferrable,
                commitment=m.commitment_ok,
                conditional=material_id not in always,
                note=m.note,
            )
        )
    return tuple(out)


# -- Chinese text (CLI, receipt) ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GuideLine:
    """One line of a guide's text; ``heading`` lines open a section (bold on paper)."""

    text: str
    heading: bool = False


def days_text(days: int | None, *, promised: bool = False) -> str:
    """A limit as a guide states it: N个工作日, 即办件 (promised 0) / 即办, or 未公布."""
    if days is None:
        return NOT_PUBLISHED
    if days == 0:
        return "即办件" if promised else "即办"
    return f"{days}个工作日"


def material_terms(m: GuideMaterial) -> list[str]:
    """What a guide says of a material besides its name (Chinese)."""
    terms = []
    if m.source is MaterialSource.APPLICANT:
        terms.append(m.form or "形式未注明")
        terms.append(f"{m.copies}份" if m.copies is not None else "份数未注明")
    else:
        terms.append(SOURCE_NAMES[m.source])
        if m.form:
            terms.append(m.form)
    if m.licence:
        terms.append(f"可用电子证照（{m.licence}）")
    if m.shared_from:
        terms.append(f"由{m.shared_from}共享")
    if m.core:
        terms.append("核心材料")
    if m.deferrable:
        terms.append("可容缺")
    if m.commitment:
        terms.append("可告知承诺")
    if m.conditional:
        terms.append("视情形提交")
    return terms


def _or(value: str, missing: str = NOT_STATED) -> str:
    return value.strip() or missing


def _matter_lines(m: GuideMatter, *, in_bundle: bool) -> list[GuideLine]:
    code = m.code + ("（演示用构造编码，非公布编码）" if m.code_constructed else "")
    if in_bundle:  # one window, one place: what differs between the bundle's matters
        lines = [
            GuideLine(f"实施编码：{_or(code)}"),
            GuideLine(f"实施部门：{_or(m.dept_name)}（实施机构：{_or(m.agency)}）"),
            GuideLine(f"事项类型：{_or(m.type)}；收费：{_or(m.fee)}"),
            GuideLine(
                f"法定办结时限：{days_text(m.legal_days)}；"
                f"承诺办结时限：{days_text(m.promise_days, promised=True)}"
            ),
        ]
        if m.conditional:
            lines.append(GuideLine("视情形办理（符合条件或申请人申请时）"))
        return lines
    lines = [GuideLine(f"实施编码：{_or(code)}"), GuideLine(f"基本编码：{_or(m.basic_code)}")]
    lines += [GuideLine(f"业务办理项：{i.name}（{i.code}）") for i in m.items]
    lines += [
        GuideLine(f"事项类型：{_or(m.type)}"),
        GuideLine(f"实施部门：{_or(m.dept_name)}"),
        GuideLine(f"实施机构：{_or(m.agency)}"),
        GuideLine(f"法定办结时限：{days_text(m.legal_days)}"),
        GuideLine(f"承诺办结时限：{days_text(m.promise_days, promised=True)}"),
        GuideLine(f"收费：{_or(m.fee)}"),
        GuideLine(f"通办范围：{_or(m.scope)}"),
        GuideLine(f"办理地点：{_or(m.place)}"),
        GuideLine(f"到办事现场次数：{NOT_STATED if m.visits is None else f'{m.visits}次'}"),
    ]
    return lines


def guide_lines(guide: Guide, *, situations: bool = True, notes: bool = True) -> list[GuideLine]:
    """The guide as Chinese lines (the CLI, the receipt). ``situations``: list the questions the
    window asks; ``notes``: the records' notes on what their sources left out."""
    lines = [GuideLine(f"事项名称：{guide.name}")]
    if guide.bundle:
        lines.append(
            GuideLine(
                f"类别：“一件事”（{guide.category}）" + (f"，{guide.batch} 批次" if guide.batch else "")
            )
        )
    lines.append(GuideLine(f"服务对象：{SUBJECT_NAMES.get(guide.subject, NOT_STATED)}"))
    if not guide.bundle:
        lines += _matter_lines(guide.matters[0], in_bundle=False)
    lines += [GuideLine("受理条件", heading=True), GuideLine(_or(guide.conditions))]
    if guide.bundle:
        lines.append(GuideLine(f"包含事项（{len(guide.matters)}项，并联办理）", heading=True))
        for n, m in enumerate(guide.matters, 1):
            lines.append(GuideLine(f"{n}. {m.name}"))
            lines += [GuideLine(f"   {line.text}") for line in _matter_lines(m, in_bundle=True)]
        lines.append(GuideLine(f"办结时限：{_bundle_limit(guide)}"))
    lines.append(GuideLine("申请材料" + ("（一次提交）" if guide.bundle else ""), heading=True))
    if not guide.materials:
        lines.append(GuideLine(NOT_STATED))
    for n, material in enumerate(guide.materials, 1):
        lines.append(GuideLine(f"{n}. {material.name}"))
        lines.append(GuideLine(f"   {'；'.join(material_terms(material))}"))
        if material.note:
            lines.append(GuideLine(f"   说明：{material.note}"))
    if situations and guide.situations:
        lines.append(GuideLine("办理时需说明的情形", heading=True))
        lines += [GuideLine(f"{n}. {text}") for n, text in enumerate(guide.situations, 1)]
    lines.append(GuideLine("信息来源", heading=True))
    if not guide.sources:
        lines.append(GuideLine("未注明（本事项记录未列出公开来源）"))
    for s in guide.sources:
        lines.append(GuideLine(s.title or NOT_STATED))
        if s.url:
            lines.append(GuideLine(s.url))
    if notes:
        note_lines = dict.fromkeys(m.note for m in guide.matters if m.note)
        if note_lines:
            lines.append(GuideLine("备注", heading=True))
            lines += [GuideLine(text) for text in note_lines]
    return lines


def _bundle_limit(guide: Guide) -> str:
    days = guide.limit_days
    if days is None:
        return "未公布（有事项未公布办结时限，以部门告知为准）"
    return f"最长{days_text(days)}（按所办事项中最长的时限计）"


def guide_text(guide: Guide) -> str:
    """The whole guide as plain Chinese text (``tongban catalog guide``)."""
    out = [f"{guide.name} · 办事指南（目录 {guide.catalog_version}）"]
    for line in guide_lines(guide):
        out.append(f"\n【{line.text}】" if line.heading else line.text)
    return "\n".join(out)


def guide_to_json(guide: Guide) -> dict[str, Any]:
    """The guide as JSON: None for an unknown number, "" for an unstated text."""
    return {
        "kind": guide.kind,
        "id": guide.id,
        "name": guide.name,
        "catalog_version": guide.catalog_version,
        "subject": guide.subject,
        "category": guide.category,
        "batch": guide.batch,
        "conditions": guide.conditions,
        "limit_days": guide.limit_days,
        "matters": [
            {
                "id": m.id,
                "name": m.name,
                "code": m.code,
                "basic_code": m.basic_code,
                "code_status": "constructed" if m.code_constructed else "published",
                "items": [{"code": i.code, "name": i.name} for i in m.items],
                "type": m.type,
                "dept_name": m.dept_name,
                "agency": m.agency,
                "legal_days": m.legal_days,
                "promise_days": m.promise_days,
                "immediate": m.promise_days == 0,
                "fee": m.fee,
                "scope": m.scope,
                "place": m.place,
                "visits": m.visits,
                "conditions": m.conditions,
                "conditional": m.conditional,
                "note": m.note,
            }
            for m in guide.matters
        ],
        "materials": [
            {
                "name": m.name,
                "source": m.source.value,
                "form": m.form,
                "copies": m.copies,
                "licence": m.licence,
                "shared_from": m.shared_from,
                "core": m.core,
                "deferrable": m.deferrable,
                "commitment_ok": m.commitment,
                "conditional": m.conditional,
                "note": m.note,
            }
            for m in guide.materials
        ],
        "situations": list(guide.situations),
        "sources": [{"title": s.title, "url": s.url} for s in guide.sources],
    }
