"""Cases (办件): the value types, the one-way lifecycle, the intake rules and the durable operations."""

from core.cases.intake import IntakeContext, IntakeRequest, MaterialInput, build_case
from core.cases.model import (
    EVALUATION_LEVELS,
    Applicant,
    Case,
    CaseStatus,
    Evaluation,
    EventKind,
    ItemRecord,
    ItemState,
    MatterRecord,
    MatterStatus,
)

__all__ = [
    "EVALUATION_LEVELS",
    "Applicant",
    "Case",
    "CaseStatus",
    "Evaluation",
    "EventKind",
    "IntakeContext",
    "IntakeRequest",
    "ItemRecord",
    "ItemState",
    "MaterialInput",
    "MatterRecord",
    "MatterStatus",
    "build_case",
]
