"""The window client sets its GUI runtime policy when it starts, not when it is constructed
(the architecture review: process-wide changes hidden in a constructor), and undoes it on stop."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.config import CONFIG_NAME, write_config
from qtkit.gui_runtime import GIL_SWITCH_S
from services.sandbox import demo_config
from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from window_client.app import WindowApp, WindowOptions


def test_constructing_the_window_client_leaves_the_interpreter_alone(
    restore_app: QApplication, tmp_path: Path
) -> None:
    before = sys.getswitchinterval()
    write_config(tmp_path / CONFIG_NAME, demo_config(tmp_path, role="window"))
    app = WindowApp(restore_app, WindowOptions(tmp_path, tmp_path / CONFIG_NAME))
    try:
        assert sys.getswitchinterval() == before
        assert gc.get_freeze_count() == 0
    finally:
        app.stop()
        app.deleteLater()


def test_the_started_window_client_applies_the_policy_and_stop_undoes_it(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    before = sys.getswitchinterval()
    app = make_app()
    assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_S)
    logged_in(qtbot, app, LOCAL_ADMIN[0], LOCAL_ADMIN[2])
    assert gc.get_freeze_count() > len(gc.get_objects()), "start-up objects are still scanned"
    app.stop()
    assert sys.getswitchinterval() == before
    assert gc.get_freeze_count() == 0
