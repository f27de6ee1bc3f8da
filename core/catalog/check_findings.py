"""What a cross-field check finds: its severity and the finding itself (shared by core.catalog.checks
and core.catalog.answer_checks)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.errors import Params, ValidationError


class Severity(StrEnum):
    REFUSE = "refuse"  # the intake is refused with the message (the default)
    WARN = "warn"  # staff and the applicant are told; the intake goes on


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule that does not hold: where (``field``, e.g. ``form.mother.id_number``), why (Chinese
    ``message``, English ``detail``), and ``code`` + ``params`` for a GUI's describe()."""

    severity: Severity
    field: str
    message: str
    detail: str
    code: str
    params: Params

    def error(self) -> ValidationError:
        return ValidationError(self.field, self.message, self.detail, code=self.code, params=self.params)
