"""Store calls from widgets: run on the store worker, answered on the GUI thread only while the widget lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject

from core.store.store import Store
from window_client.context import WindowContext

T = TypeVar("T")

# A store call may finish after its screen was closed (a tab removed, a dialog dismissed): Qt has
# then deleted the C++ object, and calling it would raise inside the TaskRunner's delivery. And
# while the window closes, TaskRunner.shutdown delivers the answers still owed: a screen that
# reacts with a new call must not start one on a runner that is shut down.


def alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


def while_alive(obj: QObject, fn: Callable[[T], None]) -> Callable[[T], None]:
    """``fn``, as a callback that does nothing once ``obj`` was deleted. Runs on the GUI thread."""

    def call(value: T) -> None:
        if shiboken6.isValid(obj):
            fn(value)

    return call


def run_on_store(
    ctx: WindowContext,
    owner: QObject,
    fn: Callable[[Store], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
) -> bool:
    """``fn(store)`` on the store worker; ``on_done``/``on_error`` on the GUI thread while ``owner``
    lives. False (and nothing runs) once the runner is shut down. Call on the GUI thread."""
    if ctx.runner.is_shut_down:
        return False
    ctx.runner.run_with(
        ctx.store_key, fn, on_done=while_alive(owner, on_done), on_error=while_alive(owner, on_error)
    )
    return True
