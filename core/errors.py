"""Typed errors of the core: every failure a caller may show to staff or a citizen."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar

# What an error's ``params`` hold: the values its message template names ({limit}, {name} …).
Params = Mapping[str, str | int]


class TongbanError(Exception):
    """Base of every error Tongban raises on purpose.

    ``message`` is Chinese, for staff and citizens; ``detail`` is English, for logs and the CLI.
    ``code`` is stable and snake_case (``id_number.check_digit``): a GUI's ``describe()`` turns it
    and ``params`` (the values the message names) into text in the interface language, so an
    English interface shows no Chinese from here. A subclass names its ``default_code``.
    ``exit_code`` is what the command line exits with: 2 for bad input, 1 for a failing environment.
    """

    exit_code = 2
    default_code: ClassVar[str] = "error"

    def __init__(
        self, message: str, detail: str = "", *, code: str = "", params: Params | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        self.code = code or self.default_code
        self.params: Params = MappingProxyType(dict(params or {}))

    def __str__(self) -> str:
        return self.message


class ValidationError(TongbanError):
    """Input that breaks a rule; ``field`` names the offending field (e.g. ``applicant.id_number``)."""

    default_code = "invalid"

    def __init__(
        self,
        field: str,
        message: str,
        detail: str = "",
        *,
        code: str = "",
        params: Params | None = None,
    ) -> None:
        super().__init__(message, detail, code=code, params=params)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CatalogError(TongbanError):
    """The catalog data is malformed. ``problems`` holds one ``file: path: what`` line per error."""

    default_code = "catalog.invalid"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("事项目录数据有误：\n" + "\n".join(problems), "catalog data is invalid")
        self.problems = problems


class NotFoundError(TongbanError):
    """Something looked up by key does not exist."""

    default_code = "not_found"


class LifecycleError(TongbanError):
    """A case change the one-way lifecycle does not allow."""

    default_code = "case.lifecycle"


class StoreError(TongbanError):
    """The local store cannot be used (corrupt, locked, wrong schema)."""

    exit_code = 1
    default_code = "store.failed"


class AuditTamperedError(StoreError):
    """The audit log's authenticated head does not match its rows: entries were cut off or the
    head was forged (``tongban audit verify`` says where)."""

    default_code = "audit.tampered"


class KeyMaterialError(StoreError):
    """The device key is missing, unreadable or does not match the data: a loud, clear failure."""

    default_code = "key.invalid"
