"""qtkit test set-up: a TaskRunner that is always shut down, and a theme that is always taken off again."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from qtkit.i18n import install_translator
from qtkit.tasks import TaskRunner
from qtkit.theme import Theme, apply_theme
from tests.gui_fixtures import look_restored


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    """A TaskRunner shut down (drained, threads joined) after the test; nothing may stay pending."""
    task_runner = TaskRunner()
    yield task_runner
    assert task_runner.shutdown(timeout=10), "TaskRunner threads did not end"
    assert task_runner.pending == 0, "callbacks still owed after shutdown"
    task_runner.deleteLater()


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[Callable[[str], Theme]]:
    """``themed("elderly")`` applies a scale; the application's look is restored afterwards."""

    def apply(scale: str) -> Theme:
        return apply_theme(qapp, scale)

    with look_restored(qapp):
        yield apply


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The default language, restored after a test that switched it."""
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "zh_CN")
