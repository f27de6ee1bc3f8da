"""``describe()``: an error's or a device health's code and params as text in the interface language.

Core, devices and sync raise errors with a stable ``code`` and ``params`` and keep a Chinese
``message`` and an English ``detail`` for the CLI and the logs; DeviceHealth carries the same four.
Both GUIs show every such text through ``describe`` (STYLE.md: "errors carry codes; the edge
translates"). The Chinese interface shows ``message`` itself, so the GUIs and the CLI say the same
words; another language translates the template of ``code`` (qtkit.message_texts) and fills in
``params``. A code without a template, or
params the template does not get, fall back to ``detail``, which is English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication

from qtkit.i18n import DEFAULT_LANGUAGE, current_language
from qtkit.message_texts import DEVICE_ROLES, STAFF_ROLES, TEMPLATES, TERMS
from sync.errors import SyncError, SyncTransientError

_PLACEHOLDER: Final = re.compile(r"\{(\w+)\}")


@runtime_checkable
class Coded(Protocol):
    """What describe() reads: TongbanError, DeviceError, DeviceHealth and the flows' Problem."""

    @property
    def code(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def detail(self) -> str: ...

    @property
    def params(self) -> Mapping[str, str | int]: ...


def describe(item: Coded | BaseException) -> str:
    """What staff or a citizen read about ``item``, in the interface language.

    An exception that is not one of ours (a bug) gets a plain sentence, never a traceback: the
    caller logs it.
    """
    if not isinstance(item, Coded):
        return QCoreApplication.translate("Messages", "程序出错（已记入日志），请联系管理员。")
    if _language() == DEFAULT_LANGUAGE and item.message:
        return item.message
    template = TEMPLATES.get(_key(item))
    if template is not None:
        text = _fill(QCoreApplication.translate("Messages", str(template)), item.params)
        if text is not None:
            return text
    return item.detail or item.message


def role_label(role: str) -> str:
    """A device role (``printer`` …) in the interface language."""
    return QCoreApplication.translate("DeviceStatusWidget", str(DEVICE_ROLES.get(role, role)))


def staff_role_label(role: str) -> str:
    """A staff role (a core.staff.Role value) in the interface language."""
    return QCoreApplication.translate("StaffRoles", str(STAFF_ROLES.get(role, role)))


def _language() -> str:
    app = QCoreApplication.instance()
    return DEFAULT_LANGUAGE if app is None else current_language(app)


def _key(item: Coded) -> str:
    """The template's key: the code, or for a sync failure ``sync.`` and what the answer says."""
    if not isinstance(item, SyncError):
        return item.code
    if item.code == "clock_skew":
        if item.clock_skew_s is None:
            return "sync.clock_skew"
        return "sync.clock_ahead" if item.clock_skew_s >= 0 else "sync.clock_behind"
    if isinstance(item, SyncTransientError) and item.status is not None:
        kind = "sync.busy" if item.status in (429, 503) else "sync.server_error"
        return f"{kind}_wait" if "seconds" in item.params else kind
    return f"sync.{item.code}"


def _fill(template: str, params: Mapping[str, str | int]) -> str | None:
    """``template`` with each ``{name}`` replaced by its param; None when a param is missing."""
    missing = [name for name in _PLACEHOLDER.findall(template) if name not in params]
    if missing:
        return None

    def value(match: re.Match[str]) -> str:
        raw = params[match.group(1)]
        if match.group(1) == "role" and isinstance(raw, str):
            return role_label(raw)
        if match.group(1) == "staff_role" and isinstance(raw, str):
            return staff_role_label(raw)
        if isinstance(raw, str) and raw in TERMS:
            return QCoreApplication.translate("MessageTerms", raw)
        return str(raw)

    return _PLACEHOLDER.sub(value, template)
