"""Typed device errors; ``message`` is Chinese for staff and citizens, ``detail`` English for logs."""

from __future__ import annotations


class DeviceError(Exception):
    """Base of every device failure."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message

    def lines(self, lead: str = "") -> str:
        """What a terminal shows: ``lead`` and the Chinese message, then ``error: `` and the English detail."""
        return f"{lead}{self.message}\nerror: {self.detail}"


class DeviceUriError(DeviceError):
    """A device URI that cannot be understood."""


class DeviceNotFound(DeviceError):
    """The device is not there (unplugged, wrong port, nothing listening)."""


class DeviceDisconnected(DeviceError):
    """The device went away while in use."""


class DeviceTimeout(DeviceError):
    """The device did not answer in time."""


class DeviceProtocolError(DeviceError):
    """The device answered with bytes that break its protocol."""


class DeviceUnavailableFeature(DeviceError):
    """An optional capability (e.g. a vendor photo decoder) is not installed."""
