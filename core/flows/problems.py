"""``Problem``: what a Qt-free flow says blocks a step or refuses an input, for any GUI to show."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from core.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that blocks leaving a step: ``field`` as in ValidationError, ``message`` in Chinese,
    ``detail`` in English (logs and the CLI), ``code`` and ``params`` as in TongbanError (a GUI's
    ``describe()`` says it in the interface language)."""

    field: str
    message: str
    detail: str = ""
    code: str = ""
    params: Mapping[str, str | int] = dataclasses.field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, exc: ValidationError) -> Problem:
        return cls(exc.field, exc.message, exc.detail, exc.code, exc.params)
