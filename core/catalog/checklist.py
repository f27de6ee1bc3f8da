"""The checklist engine: (bundle, answers) → the materials and form fields this situation needs."""

from __future__ import annotations

from dataclasses import dataclass

from core.catalog.model import Answers, Bundle, Catalog, FieldDef, Material, Question, SubMatter


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
    limit among the applicable matters (parallel dispatch, 并联).
    """

    bundle: Bundle
    catalog_version: str
    questions: tuple[Question, ...]
    unanswered: tuple[Question, ...]
    matters: tuple[SubMatter, ...]
    items: tuple[ChecklistItem, ...]
    fields: tuple[FieldDef, ...]
    promise_days: int

    @property
    def complete(self) -> bool:
        """True when every relevant question is answered, so every item is decided."""
        return not self.unanswered


def build_checklist(catalog: Catalog, bundle_id: str, answers: Answers) -> Checklist:
    """The checklist for ``answers``. Raises NotFoundError for an unknown bundle and
    ValidationError (field ``answers.<question id>``) for an answer of the wrong type or option."""
    raise NotImplementedError
