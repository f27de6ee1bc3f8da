"""Writing the device's ``tongban.toml``: core.config writes it now (the kiosk needs it too); re-exported here."""

from __future__ import annotations

from core.config import config_toml, write_config

__all__ = ["config_toml", "write_config"]
