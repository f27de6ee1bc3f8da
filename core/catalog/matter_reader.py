"""Reading one matter record (事项, a line of matters/*.jsonl or of a feed) into a Matter."""

from __future__ import annotations

from typing import Final

from core.catalog.bundle_reader import CatalogRefs, _BundleReader
from core.catalog.codes import matter_code_problems
from core.catalog.condition_checks import check_decidable, unused_questions
from core.catalog.json_reader import Problems
from core.catalog.model import MATTER_TYPES, HandlingItem, Matter, Requirement
from core.validation.idnumbers import IdKind

_REQUIRED: Final = (
    "id",
    "name",
    "code",
    "basic_code",
    "type",
    "subject",
    "dept",
    "agency",
    "legal_days",
    "promise_days",
    "fee",
    "conditions",
    "category",
    "materials",
    "sources",
)
_OPTIONAL: Final = (
    "code_status",
    "items",
    "scope",
    "visits",
    "place",
    "keywords",
    "questions",
    "requirements",
    "fields",
    "note",
    "accepted_documents",
)
ID_KINDS: Final = tuple(kind.value for kind in IdKind)  # accepted_documents' values
SUBJECTS: Final = ("person", "entity", "both")
CODE_STATUSES: Final = ("published", "constructed")  # seen in a public source / built for the demo
# The unified-form fields of a matter that names none: who applies (assets/catalog/README.md).
DEFAULT_FIELDS: Final = {
    "person": ("applicant.name", "applicant.id_number", "applicant.phone"),
    "entity": ("entity.name", "entity.uscc", "applicant.name", "applicant.id_number", "applicant.phone"),
}


def read_matter(value: object, refs: CatalogRefs, problems: Problems, path: str = "$") -> Matter | None:
    """The matter in ``value`` (a decoded record), or None after recording every problem."""
    return _MatterReader(refs, problems).read_matter(value, path)


class _MatterReader(_BundleReader):
    def read_matter(self, value: object, path: str) -> Matter | None:
        before = self.problems.count
        obj = self.r.obj(value, path, _REQUIRED, _OPTIONAL)
        if obj is None:
            return None
        r = self.r
        ident = r.ident(obj, "id", path)
        name = r.text(obj, "name", path)
        code = r.text(obj, "code", path)
        basic = r.text(obj, "basic_code", path)
        items = self._items(obj, path)
        status = r.text(obj, "code_status", path, default="published")
        if status not in CODE_STATUSES:
            self.problems.add(f"{path}.code_status", f"'{status}' is not one of: {', '.join(CODE_STATUSES)}")
        if code is not None and basic is not None:
            for problem in matter_code_problems(code, basic, [i.code for i in items]):
                self.problems.add(f"{path}.code", problem)
        kind = r.maybe_text(obj, "type", path)
        if kind is not None and kind not in MATTER_TYPES:
            self.problems.add(f"{path}.type", f"'{kind}' is not one of: {', '.join(MATTER_TYPES)}")
        subject = r.text(obj, "subject", path)
        if subject is not None and subject not in SUBJECTS:
            self.problems.add(f"{path}.subject", f"'{subject}' is not one of: {', '.join(SUBJECTS)}")
        dept = self._ref(obj, "dept", path, self.refs.departments, "department")
        legal = r.whole_int(obj, "legal_days", path, nullable=True)
        promise = r.whole_int(obj, "promise_days", path, nullable=True)
        if legal is not None and promise is not None and promise > legal:
            self.problems.add(
                f"{path}.promise_days",
                f"the promised limit ({promise} working days) exceeds the legal one ({legal})",
            )
        questions = self._questions(obj, path)
        materials = self._materials(obj, path)
        if "requirements" in obj:
            requirements = self._requirements(obj, path, None)
            used = {q.material for q in requirements}
            for mid, mpath in self.material_paths.items():
                if mid not in used:
                    self.problems.add(mpath, f"material '{mid}' is not required")
        else:
            requirements = tuple(Requirement(mid) for mid in materials)
        if "questions" in obj and self.problems.count == before:
            for qpath, problem in check_decidable(questions, self.conditions):
                self.problems.add(qpath, problem)
            for q in unused_questions(questions, self.conditions):
                self.problems.add(
                    self.question_paths[q.id], f"question '{q.id}' is not used by any condition"
                )
        fields = self._fields(obj, path)
        if "fields" not in obj and subject in SUBJECTS:
            fields = tuple(
                f
                for f in DEFAULT_FIELDS["entity" if subject == "entity" else "person"]
                if f in self.refs.fields
            )
        sources = self.sources(obj, path)
        documents = r.texts(obj, "accepted_documents", path)
        for document in documents:
            if document not in ID_KINDS:
                self.problems.add(
                    f"{path}.accepted_documents", f"'{document}' is not one of: {', '.join(ID_KINDS)}"
                )
        if self.problems.count != before:
            return None
        assert ident and name and code and basic and subject and dept
        return Matter(
            id=ident,
            code=code,
            code_constructed=status == "constructed",
            basic_code=basic,
            name=name,
            type=kind or "",
            subject=subject,
            dept=dept,
            agency=r.maybe_text(obj, "agency", path) or "",
            legal_days=legal,
            promise_days=promise,
            fee=r.maybe_text(obj, "fee", path) or "",
            scope=r.text(obj, "scope", path, default="") or "",
            conditions=r.maybe_text(obj, "conditions", path) or "",
            category=r.text(obj, "category", path) or "",
            questions=tuple(questions),
            materials=materials,
            requirements=requirements,
            fields=fields,
            items=items,
            keywords=r.texts(obj, "keywords", path),
            visits=r.whole_int(obj, "visits", path, nullable=True),
            place=r.text(obj, "place", path, default="") or "",
            sources=sources,
            note=r.text(obj, "note", path, default="") or "",
            accepted_documents=documents,
        )

    def _items(self, obj: dict[str, object], path: str) -> tuple[HandlingItem, ...]:
        out: list[HandlingItem] = []
        for item_path, item in self.r.array(obj, "items", path):
            o = self.r.obj(item, item_path, ("code", "name"))
            if o is None:
                continue
            code, name = self.r.text(o, "code", item_path), self.r.text(o, "name", item_path)
            if code is not None and any(i.code == code for i in out):
                self.problems.add(f"{item_path}.code", f"duplicate 业务办理项编码 '{code}'")
            elif code is not None and name is not None:
                out.append(HandlingItem(code, name))
        return tuple(out)
