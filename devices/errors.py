"""Typed device errors; ``message`` is Chinese for staff and citizens, ``detail`` English for logs.

Devices import nothing of ours, so DeviceError carries its own ``code`` and ``params``, shaped as
core's TongbanError's are: a GUI's ``describe()`` turns them into text in the interface language.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar


class DeviceError(Exception):
    """Base of every device failure. ``code`` is stable and snake_case (``printer.paper_out``);
    ``params`` hold the values the message names. A subclass names its ``default_code``."""

    default_code: ClassVar[str] = "device.error"

    def __init__(
        self,
        message: str,
        detail: str = "",
        *,
        code: str = "",
        params: Mapping[str, str | int] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        self.code = code or self.default_code
        self.params: Mapping[str, str | int] = MappingProxyType(dict(params or {}))

    def __str__(self) -> str:
        return self.message

    def lines(self, lead: str = "") -> str:
        """What a terminal shows: ``lead`` and the Chinese message, then ``error: `` and the English detail."""
        return f"{lead}{self.message}\nerror: {self.detail}"


class DeviceUriError(DeviceError):
    """A device URI that cannot be understood."""

    default_code = "device.bad_uri"


class DeviceNotFound(DeviceError):
    """The device is not there (unplugged, wrong port, nothing listening)."""

    default_code = "device.not_found"


class DeviceDisconnected(DeviceError):
    """The device went away while in use."""

    default_code = "device.disconnected"


class DeviceTimeout(DeviceError):
    """The device did not answer in time."""

    default_code = "device.timeout"


class DeviceProtocolError(DeviceError):
    """The device answered with bytes that break its protocol."""

    default_code = "device.protocol"


class DeviceUnavailableFeature(DeviceError):
    """An optional capability (e.g. a vendor photo decoder) is not installed."""

    default_code = "device.feature_unavailable"
