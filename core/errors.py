"""Typed errors of the core: every failure a caller may show to staff or a citizen."""

from __future__ import annotations


class TongbanError(Exception):
    """Base of every error Tongban raises on purpose.

    ``message`` is Chinese, for staff and citizens; ``detail`` is English, for logs and the CLI.
    ``exit_code`` is what the command line exits with: 2 for bad input, 1 for a failing environment.
    """

    exit_code = 2

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message


class ValidationError(TongbanError):
    """Input that breaks a rule; ``field`` names the offending field (e.g. ``applicant.id_number``)."""

    def __init__(self, field: str, message: str, detail: str = "") -> None:
        super().__init__(message, detail)
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CatalogError(TongbanError):
    """The catalog data is malformed. ``problems`` holds one ``file: path: what`` line per error."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("事项目录数据有误：\n" + "\n".join(problems), "catalog data is invalid")
        self.problems = problems


class NotFoundError(TongbanError):
    """Something looked up by key does not exist."""


class LifecycleError(TongbanError):
    """A case change the one-way lifecycle does not allow."""


class StoreError(TongbanError):
    """The local store cannot be used (corrupt, locked, wrong schema)."""

    exit_code = 1


class KeyMaterialError(StoreError):
    """The device key is missing, unreadable or does not match the data: a loud, clear failure."""
