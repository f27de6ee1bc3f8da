"""Reading one bundle file (bundles/<id>.json) into a Bundle, recording every problem found."""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from typing import Final

from core.catalog.checks import CheckRefs, read_checks
from core.catalog.condition_checks import (
    Guarded,
    check_atoms,
    check_decidable,
    situation_without_matters,
    unused_questions,
)
from core.catalog.conditions import KEYWORDS, Condition, ConditionSyntaxError, parse_condition
from core.catalog.json_reader import Problems, Reader, json_type
from core.catalog.model import (
    Bundle,
    FieldType,
    Material,
    MaterialSource,
    Matter,
    Option,
    Question,
    QuestionType,
    Requirement,
    Source,
    Subject,
    SubMatter,
)

_BUNDLE_KEYS: Final = ("id", "name", "subject", "lead", "category", "questions", "materials", "sub_matters")
_OPTION_VALUE_RE: Final = re.compile(r"[^\s,，、=]+\Z")  # answers are typed as id=a,b on the CLI


@dataclass(frozen=True, slots=True)
class CatalogRefs:
    """The ids catalog.json defines, which bundles may refer to."""

    departments: frozenset[str]
    licences: frozenset[str]
    fields: frozenset[str]
    matters: Mapping[str, Matter] = field(default_factory=dict)  # by 实施编码, for bundles to refer to
    declared_codes: frozenset[str] = frozenset()  # also codes of broken matters, so bundles do not cascade
    field_types: Mapping[str, FieldType] = field(default_factory=dict)  # for cross-field checks


def read_bundle(value: object, bundle_id: str, refs: CatalogRefs, problems: Problems) -> Bundle | None:
    """The bundle in ``value`` (decoded JSON of bundles/<bundle_id>.json), or None if it has problems."""
    return _BundleReader(refs, problems).read(value, bundle_id)


@functools.cache
def _values(cls: type[Subject] | type[QuestionType] | type[MaterialSource]) -> frozenset[str]:
    return frozenset(m.value for m in cls)


def _enum_text(cls: type[Subject] | type[QuestionType] | type[MaterialSource]) -> str:
    return ", ".join(m.value for m in cls)


class _BundleReader:
    def __init__(self, refs: CatalogRefs, problems: Problems) -> None:
        self.refs = refs
        self.problems = problems
        self.r = Reader(problems)
        self.questions: dict[str, Question] = {}
        self.question_paths: dict[str, str] = {}
        self.material_paths: dict[str, str] = {}  # every declared material id → its JSON path
        self.declared: set[object] = set()  # every question id the file declares, sound or not
        self.conditions: list[Guarded] = []  # every sound condition, for the decidability proof

    def read(self, value: object, bundle_id: str) -> Bundle | None:
        before = self.problems.count
        obj = self.r.obj(
            value,
            "$",
            _BUNDLE_KEYS,
            ("self_service", "keywords", "eligibility", "batch", "sources", "checks"),
        )
        if obj is None:
            return None
        own_id = self.r.ident(obj, "id", "$")
        if own_id is not None and own_id != bundle_id:
            self.problems.add("$.id", f"'{own_id}' does not match the file name '{bundle_id}.json'")
        name = self.r.text(obj, "name", "$")
        category = self.r.text(obj, "category", "$")
        subject = self._member(obj, "subject", "$", Subject)
        lead = self._ref(obj, "lead", "$", self.refs.departments, "department")
        questions = self._questions(obj)
        materials = self._materials(obj)
        sub_matters = self._sub_matters(obj)
        keywords = self.r.texts(obj, "keywords", "$")
        eligibility = self.r.text(obj, "eligibility", "$", default="")
        self_service = self.r.flag(obj, "self_service", "$")
        batch = self.r.text(obj, "batch", "$", default="") or ""
        sources = self.sources(obj, "$")
        checks, asked = read_checks(obj, self._check_refs(sub_matters), self.problems)
        self.conditions += asked
        if self.problems.count == before:
            # Only a structurally sound bundle is worth the proof; it would repeat earlier problems.
            for path, problem in check_decidable(questions, self.conditions):
                self.problems.add(path, problem)
            empty = situation_without_matters(questions, [m.when for m in sub_matters])
            if empty is not None:
                self.problems.add("$.sub_matters", f"no sub-matter applies when {empty}")
            for q in unused_questions(questions, self.conditions):
                self.problems.add(
                    self.question_paths[q.id], f"question '{q.id}' is not used by any condition"
                )
        if self.problems.count != before:
            return None
        assert name and category and subject and lead and eligibility is not None
        return Bundle(
            id=bundle_id,
            name=name,
            subject=Subject(subject),
            lead=lead,
            category=category,
            questions=tuple(questions),
            sub_matters=tuple(sub_matters),
            materials=materials,
            self_service=self_service,
            keywords=keywords,
            eligibility=eligibility,
            batch=batch,
            sources=sources,
            checks=checks,
        )

    def _check_refs(self, sub_matters: list[SubMatter]) -> CheckRefs:
        return CheckRefs(
            questions=self.questions,
            declared=self.declared,
            field_types=self.refs.field_types,
            form_fields=frozenset(f for m in sub_matters for f in m.fields),
            condition=lambda obj, path: self._condition(obj, path, earlier=None),
        )

    def sources(self, obj: dict[str, object], path: str) -> tuple[Source, ...]:
        out: list[Source] = []
        for src_path, item in self.r.array(obj, "sources", path):
            o = self.r.obj(item, src_path, ("title", "url"))
            if o is None:
                continue
            title, url = self.r.text(o, "title", src_path), self.r.text(o, "url", src_path)
            if url is not None and not url.startswith(("http://", "https://")):
                self.problems.add(f"{src_path}.url", f"'{url[:60]}' is not an http(s) address")
            elif title is not None and url is not None:
                out.append(Source(title, url))
        return tuple(out)

    def _questions(self, obj: dict[str, object], at: str = "$") -> list[Question]:
        out: list[Question] = []
        items = self.r.array(obj, "questions", at)
        self.declared = {
            i.get("id") for _, i in items if isinstance(i, dict) and isinstance(i.get("id"), str)
        }
        earlier: set[str] = set()
        for path, item in items:
            q = self.r.obj(item, path, ("id", "text", "type"), ("options", "when", "help"))
            if q is None:
                continue
            qid = self._new_id(q, path, earlier, "question")
            if qid is not None and qid in KEYWORDS:
                self.problems.add(f"{path}.id", f"'{qid}' is a condition keyword and cannot be a question id")
                qid = None
            text = self.r.text(q, "text", path)
            qtype = self._member(q, "type", path, QuestionType)
            options = self._options(q, path, qtype)
            when = self._condition(q, path, earlier=set(earlier))
            if isinstance(q.get("id"), str):
                earlier.add(str(q["id"]))
            if qid is not None and text is not None and qtype is not None:
                question = Question(
                    id=qid,
                    text=text,
                    type=QuestionType(qtype),
                    options=options,
                    when=when,
                    help=self.r.text(q, "help", path, default="") or "",
                )
                self.questions[qid] = question
                self.question_paths[qid] = path
                out.append(question)
        return out

    def _options(self, q: dict[str, object], path: str, qtype: str | None) -> tuple[Option, ...]:
        items = self.r.array(q, "options", path)
        if qtype in (QuestionType.BOOL, QuestionType.INT):
            if items:
                self.problems.add(f"{path}.options", f"{qtype} questions have no options")
            return ()
        if qtype is not None and len(items) < 2:
            self.problems.add(f"{path}.options", f"{qtype} questions need at least two options")
        options: list[Option] = []
        seen: set[str] = set()
        for opt_path, item in items:
            o = self.r.obj(item, opt_path, ("value", "label"))
            if o is None:
                continue
            value = self.r.text(o, "value", opt_path)
            label = self.r.text(o, "label", opt_path)
            if value is not None and not _OPTION_VALUE_RE.match(value):
                self.problems.add(f"{opt_path}.value", f"'{value}' may not contain spaces, commas or '='")
            elif value is not None and value in seen:
                self.problems.add(f"{opt_path}.value", f"duplicate option '{value}'")
            elif value is not None and label is not None:
                seen.add(value)
                options.append(Option(value, label))
        return tuple(options)

    def _materials(self, obj: dict[str, object], at: str = "$") -> dict[str, Material]:
        """Sound materials by id; ``material_paths`` records every declared id (sound or not)."""
        out: dict[str, Material] = {}
        optional = (
            "core",
            "deferrable",
            "commitment_ok",
            "commitment_text",
            "commitment_check",
            "commitment_check_days",
            "licence",
            "form",
            "note",
            "copies",
            "shared_from",
        )
        for path, item in self.r.array(obj, "materials", at):
            m = self.r.obj(item, path, ("id", "name", "source"), optional)
            if m is None:
                continue
            mid = self._new_id(m, path, self.material_paths, "material")
            if mid is not None:
                self.material_paths[mid] = path
            name = self.r.text(m, "name", path)
            source = self._member(m, "source", path, MaterialSource)
            licence = self._ref(m, "licence", path, self.refs.licences, "e-licence", optional=True)
            core = self.r.flag(m, "core", path)
            deferrable = self.r.flag(m, "deferrable", path)
            commitment_ok = self.r.flag(m, "commitment_ok", path)
            commitment_text = self.r.maybe_text(m, "commitment_text", path)
            check = self.r.maybe_text(m, "commitment_check", path)
            check_days = self.r.positive_int(m, "commitment_check_days", path)
            self._check_material_flags(
                path, source, core, deferrable, commitment_ok, commitment_text, licence
            )
            if (check is not None or check_days is not None) and not commitment_ok:
                self.problems.add(path, "commitment_check(_days) without commitment_ok (告知承诺)")
            if mid is not None and name is not None and source is not None:
                material = Material(
                    id=mid,
                    name=name,
                    source=MaterialSource(source),
                    core=core,
                    deferrable=deferrable,
                    commitment_ok=commitment_ok,
                    commitment_text=commitment_text,
                    commitment_check=check,
                    commitment_check_days=check_days,
                    licence=licence,
                    form=self.r.text(m, "form", path, default="") or "",
                    note=self.r.text(m, "note", path, default="") or "",
                    copies=self.r.positive_int(m, "copies", path) if m.get("copies") is not None else None,
                    shared_from=self.r.text(m, "shared_from", path, default="") or "",
                )
                out[mid] = material
        return out

    def _check_material_flags(
        self,
        path: str,
        source: str | None,
        core: bool,
        deferrable: bool,
        commitment_ok: bool,
        commitment_text: str | None,
        licence: str | None,
    ) -> None:
        # domain.md §6.2/§6.3: core materials are never 容缺; a commitment needs its wording;
        # what the system generates from the form can be neither missing nor promised.
        if core and deferrable:
            self.problems.add(path, "a core material cannot be deferrable (容缺)")
        if commitment_ok and commitment_text is None:
            self.problems.add(path, "commitment_ok needs a commitment_text (告知承诺 wording)")
        if commitment_text is not None and not commitment_ok:
            self.problems.add(f"{path}.commitment_text", "commitment_text without commitment_ok")
        if source == MaterialSource.GENERATED and (deferrable or commitment_ok):
            self.problems.add(path, "a generated material cannot be deferrable or replaced by a commitment")
        if licence is not None and source != MaterialSource.SHARED:
            self.problems.add(f"{path}.licence", "only a shared material can name an e-licence")

    def _sub_matters(self, obj: dict[str, object]) -> list[SubMatter]:
        out: list[SubMatter] = []
        seen: set[str] = set()
        used: set[str] = set()
        items = self.r.array(obj, "sub_matters", "$")
        if "sub_matters" in obj and not items:
            self.problems.add("$.sub_matters", "a bundle needs at least one sub-matter")
        for path, item in items:
            s = self.r.obj(
                item, path, ("matter", "requirements"), ("id", "optional", "when", "fields", "note")
            )
            if s is None:
                continue
            matter = self._matter_ref(s, path)
            sid = self.r.ident(s, "id", path) if "id" in s else (matter.id if matter else None)
            if sid is not None and sid in seen:
                self.problems.add(f"{path}.id", f"duplicate sub-matter id '{sid}'")
                sid = None
            if sid is not None:
                seen.add(sid)
            optional = self.r.flag(s, "optional", path)
            when = self._condition(s, path, earlier=None)
            if optional and "when" not in s:
                self.problems.add(path, "an optional sub-matter needs a 'when' (the answer that opts in)")
            requirements = self._requirements(s, path, when)
            used.update(r.material for r in requirements)
            fields = self._fields(s, path)
            if "fields" not in s and matter is not None:
                fields = matter.fields  # the matter's own form, unless the bundle names another
            if sid is not None and matter is not None:
                out.append(
                    SubMatter(
                        id=sid,
                        name=matter.name,
                        dept=matter.dept,
                        promise_days=matter.limit_days,
                        optional=optional,
                        when=when,
                        requirements=requirements,
                        fields=fields,
                        note=self.r.text(s, "note", path, default="") or "",
                        code=matter.code,
                        accepted_documents=matter.accepted_documents,
                    )
                )
        for mid, mpath in self.material_paths.items():
            if mid not in used:
                self.problems.add(mpath, f"material '{mid}' is not required by any sub-matter")
        return out

    def _matter_ref(self, s: dict[str, object], path: str) -> Matter | None:
        code = self.r.text(s, "matter", path)
        if code is None:
            return None
        matter = self.refs.matters.get(code)
        if matter is None and code not in self.refs.declared_codes:
            self.problems.add(f"{path}.matter", f"no matter with 实施编码 '{code}' in the catalog")
        return matter

    def _requirements(
        self,
        s: dict[str, object],
        path: str,
        guard: Condition | None,
    ) -> tuple[Requirement, ...]:
        out: list[Requirement] = []
        for req_path, item in self.r.array(s, "requirements", path):
            req = self.r.obj(item, req_path, ("material",), ("when",))
            if req is None:
                continue
            mid = self.r.ident(req, "material", req_path)
            when = self._condition(req, req_path, earlier=None, guard=guard)
            if mid is None:
                continue
            if mid not in self.material_paths:
                self.problems.add(f"{req_path}.material", f"unknown material '{mid}'")
            elif any(r.material == mid for r in out):
                self.problems.add(
                    f"{req_path}.material", f"material '{mid}' is already required by this sub-matter"
                )
            else:
                out.append(Requirement(mid, when))
        return tuple(out)

    def _fields(self, s: dict[str, object], path: str) -> tuple[str, ...]:
        out: list[str] = []
        for field_path, fid in self.r.array(s, "fields", path):
            if not isinstance(fid, str):
                self.problems.add(field_path, f"expected a field id, got {json_type(fid)}")
            elif fid not in self.refs.fields:
                self.problems.add(field_path, f"unknown field '{fid}'")
            elif fid in out:
                self.problems.add(field_path, f"duplicate field '{fid}'")
            else:
                out.append(fid)
        return tuple(out)

    def _condition(
        self, obj: dict[str, object], path: str, earlier: set[str] | None, guard: Condition | None = None
    ) -> Condition | None:
        text = self.r.maybe_text(obj, "when", path)
        if text is None:
            return None
        try:
            condition = parse_condition(text)
        except ConditionSyntaxError as exc:
            self.problems.add(f"{path}.when", f"bad condition: {exc.detail}")
            return None
        problems = check_atoms(condition, self.questions, self.declared, earlier)
        for problem in problems:
            self.problems.add(f"{path}.when", problem)
        if not problems:
            self.conditions.append(Guarded(f"{path}.when", condition, guard))
        return condition

    def _new_id(self, obj: dict[str, object], path: str, seen: Container[str], what: str) -> str | None:
        value = self.r.ident(obj, "id", path)
        if value is not None and value in seen:
            self.problems.add(f"{path}.id", f"duplicate {what} id '{value}'")
            return None
        return value

    def _member(
        self,
        obj: dict[str, object],
        key: str,
        path: str,
        cls: type[Subject] | type[QuestionType] | type[MaterialSource],
    ) -> str | None:
        value = self.r.text(obj, key, path)
        if value is not None and value not in _values(cls):
            self.problems.add(f"{path}.{key}", f"'{value}' is not one of: {_enum_text(cls)}")
            return None
        return value

    def _ref(
        self,
        obj: dict[str, object],
        key: str,
        path: str,
        known: frozenset[str],
        what: str,
        optional: bool = False,
    ) -> str | None:
        value = self.r.maybe_text(obj, key, path) if optional else self.r.text(obj, key, path)
        if value is not None and value not in known:
            self.problems.add(f"{path}.{key}", f"unknown {what} '{value}'")
            return None
        return value
