"""``Problem``: what a Qt-free flow says blocks a step or refuses an input, for any GUI to show."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that blocks leaving a step: ``field`` as in ValidationError, ``message`` in Chinese,
    ``detail`` in English (logs and the CLI)."""

    field: str
    message: str
    detail: str = ""

    @classmethod
    def of(cls, exc: ValidationError) -> Problem:
        return cls(exc.field, exc.message, exc.detail)
