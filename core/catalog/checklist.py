"""The checklist engine: (bundle, answers) → the materials and form fields this situation needs."""

from __future__ import annotations

from dataclasses import dataclass

from core.catalog.answers import check_answers
from core.catalog.model import (
    Answers,
    AnswerValue,
    Bundle,
    Catalog,
    FieldDef,
    Material,
    Question,
    SubMatter,
    longest_limit,
)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One material, listed once however many sub-matters need it (材料一次提交).

    ``matters`` are the ids of the applicable sub-matters that need it. ``decided`` is False when
    whether it is needed still depends on a question not yet answered.
    """

    material: Material
    matters: tuple[str, ...]
    decided: bool = True


@dataclass(frozen=True, slots=True)
class Checklist:
    """What a bundle needs for given answers (照单抓药: staff follow it, they do not decide).

    ``questions`` are the questions relevant to these answers, in catalog order; ``unanswered``
    the relevant ones still without an answer. ``matters`` the sub-matters that apply; ``fields``
    the unified form (多表合一), each field once. ``promise_days`` is the longest promised time
    limit among the applicable matters (parallel dispatch, 并联); None when one of them publishes
    no limit.
    """

    bundle: Bundle
    catalog_version: str
    questions: tuple[Question, ...]
    unanswered: tuple[Question, ...]
    matters: tuple[SubMatter, ...]
    items: tuple[ChecklistItem, ...]
    fields: tuple[FieldDef, ...]
    promise_days: int | None

    @property
    def complete(self) -> bool:
        """True when every relevant question is answered, so every item is decided (the loader
        proves every condition is decided once the relevant questions are answered)."""
        return not self.unanswered and all(item.decided for item in self.items)


def build_checklist(catalog: Catalog, bundle_id: str, answers: Answers) -> Checklist:
    """The checklist for ``answers``. Raises NotFoundError for an unknown bundle and
    ValidationError (field ``answers.<question id>``) for an answer of the wrong type or option."""
    bundle = catalog.bundle(bundle_id)
    check_answers(bundle, answers)
    questions, effective = _relevant(bundle, answers)
    matters = tuple(m for m in bundle.sub_matters if m.when is None or m.when.evaluate(effective) is True)
    return Checklist(
        bundle=bundle,
        catalog_version=catalog.version,
        questions=questions,
        unanswered=tuple(q for q in questions if q.id not in effective),
        matters=matters,
        items=_items(bundle, matters, effective),
        fields=tuple(catalog.fields[f] for f in dict.fromkeys(f for m in matters for f in m.fields)),
        promise_days=longest_limit(m.promise_days for m in matters),
    )


def _relevant(bundle: Bundle, answers: Answers) -> tuple[tuple[Question, ...], dict[str, AnswerValue]]:
    """The questions to ask, in order, and the answers that count. A question is relevant when
    its ``when`` holds for the answers that count so far; answers to the others are ignored."""
    relevant: list[Question] = []
    effective: dict[str, AnswerValue] = {}
    for q in bundle.questions:
        # ``when`` reads only earlier questions (the loader checks), so ``effective`` is final for it.
        if q.when is None or q.when.evaluate(effective) is True:
            relevant.append(q)
            if q.id in answers:
                effective[q.id] = answers[q.id]
    return tuple(relevant), effective


def _items(
    bundle: Bundle, matters: tuple[SubMatter, ...], answers: dict[str, AnswerValue]
) -> tuple[ChecklistItem, ...]:
    """Each needed material once (材料一次提交), in order of first appearance. A material some
    matter surely needs lists those matters; otherwise the matters that may need it, undecided."""
    sure: dict[str, list[str]] = {}
    maybe: dict[str, list[str]] = {}
    order: dict[str, None] = {}
    for matter in matters:
        for req in matter.requirements:
            needed = True if req.when is None else req.when.evaluate(answers)
            if needed is False:
                continue
            order.setdefault(req.material, None)
            (sure if needed else maybe).setdefault(req.material, []).append(matter.id)
    return tuple(
        ChecklistItem(bundle.materials[mid], tuple(sure[mid]), decided=True)
        if mid in sure
        else ChecklistItem(bundle.materials[mid], tuple(maybe[mid]), decided=False)
        for mid in order
    )
