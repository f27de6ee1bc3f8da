"""Shared widgets of both GUIs, each built from a model or a value and tested by changing it."""

from __future__ import annotations

from qtkit.widgets.banner import BannerLevel, BannerMessage, MessageBanner
from qtkit.widgets.big_button import BigButton
from qtkit.widgets.busy import BusyOverlay, Spinner
from qtkit.widgets.device_status import DeviceStatusModel, DeviceStatusWidget
from qtkit.widgets.masked_id import MaskedIdLabel
from qtkit.widgets.signature import SignaturePad
from qtkit.widgets.step_rail import StepRail, StepRailModel, StepState
from qtkit.widgets.sync_status import SyncStatus, SyncStatusModel, SyncStatusWidget

__all__ = [
    "BannerLevel",
    "BannerMessage",
    "BigButton",
    "BusyOverlay",
    "DeviceStatusModel",
    "DeviceStatusWidget",
    "MaskedIdLabel",
    "MessageBanner",
    "SignaturePad",
    "Spinner",
    "StepRail",
    "StepRailModel",
    "StepState",
    "SyncStatus",
    "SyncStatusModel",
    "SyncStatusWidget",
]
