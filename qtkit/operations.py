"""One way for a widget to run store work and hear back, and one notification of what changed.

``OperationHub`` is Anki's ``CollectionOp`` plus ``gui_hooks.operation_did_execute``
(qt/aqt/operations/__init__.py) without the globals: each GUI's app.py builds one and hands it
to every screen in its context. A screen runs its store work through ``run_store``; the answer
reaches it on the GUI thread only while it lives, and what the work changed reaches every
screen through ``operation_did_execute``, so no screen reloads on another's signal.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from core.store.store import Store
from qtkit.tasks import OnDone, OnError, ResourceKey, TaskRunner
from qtkit.threads import require_gui_thread
from services.changes import Changes

if TYPE_CHECKING:
    from qtkit.sync_bridge import SyncBridge
    from sync.report import SyncReport

T = TypeVar("T")
R = TypeVar("R")

ChangesOf = Changes | Callable[[Any], Changes]  # fixed, or computed from the operation's result

# A store call may finish after its screen was closed (a tab removed, a dialog or a kiosk screen
# deleted): Qt has then deleted the C++ object, and calling it would raise inside the runner's
# delivery. And while an app closes, TaskRunner.shutdown delivers the answers still owed: a screen
# that reacts with a new call must not start one on a runner that is shut down.


def alive(obj: QObject) -> bool:
    """``obj``'s C++ object still exists (Qt has not deleted it)."""
    return shiboken6.isValid(obj)


def while_alive(obj: QObject, fn: Callable[[T], None]) -> Callable[[T], None]:
    """``fn``, as a callback that does nothing once ``obj`` was deleted. Runs on the GUI thread."""

    def call(value: T) -> None:
        if shiboken6.isValid(obj):
            fn(value)

    return call


class OperationHub(QObject):
    """Runs widgets' store work and says what it changed. Lives on the GUI thread; one per app.

    ``operation_did_execute(changes, initiator)`` after every operation that changed something:
    ``changes`` a ``services.changes.Changes``, ``initiator`` the QObject that asked (a screen may
    skip what it did itself; it may be deleted by then: compare it, do not call it) or the
    SyncBridge after a round. Screens subscribe once and reload only what concerns them.
    """

    operation_did_execute = Signal(object, object)

    def __init__(
        self, runner: TaskRunner, store_key: ResourceKey[Store], parent: QObject | None = None
    ) -> None:
        require_gui_thread("OperationHub")
        super().__init__(parent)
        self._runner = runner
        self._store_key = store_key
        self._sync: SyncBridge | None = None

    def run_store(
        self,
        owner: QObject,
        fn: Callable[[Any], R],
        on_done: OnDone[R] | None = None,
        on_error: OnError | None = None,
        *,
        changes: ChangesOf | None = None,
        key: ResourceKey[Any] | None = None,
    ) -> Future[R] | None:
        """``fn(store)`` on the store worker (``key``: another resource of that worker, e.g. its
        StaffDirectory). Then on the GUI thread: ``on_done(result)`` or ``on_error(exc)`` while
        ``owner`` lives; after a success ``changes`` (or ``changes(result)``) go out, whether or
        not ``owner`` still lives. None, and nothing runs, once the runner is shut down."""
        runner = self._runner
        if runner.is_shut_down:
            return None
        return runner.run_with(
            key or self._store_key,
            fn,
            on_done=self._answer(owner, on_done, changes),
            on_error=None if on_error is None else while_alive(owner, on_error),
        )

    def follow(
        self,
        owner: QObject,
        start: Callable[[], Future[R]],
        on_done: OnDone[R] | None = None,
        on_error: OnError | None = None,
        *,
        changes: ChangesOf | None = None,
    ) -> Future[R] | None:
        """Like ``run_store`` for work chained over several threads (store, then a device's owner
        thread, then store: ``start()`` returns the last Future). ``start`` is not called once
        the runner is shut down."""
        runner = self._runner
        if runner.is_shut_down:
            return None
        return runner.follow(
            start(),
            on_done=self._answer(owner, on_done, changes),
            on_error=None if on_error is None else while_alive(owner, on_error),
        )

    def on_store(self, fn: Callable[[Store], R]) -> Future[R]:
        """``fn(store)`` on the store worker, answered by its Future only (a link of a chain such as
        services.receipt_printing; any thread). Raises RuntimeError once the runner is shut down."""
        return self._runner.run_with(self._store_key, fn)

    def did_execute(self, changes: Changes, initiator: QObject | None = None) -> None:
        """Tell every screen what changed (GUI thread); nothing is said when nothing changed."""
        if changes:
            self.operation_did_execute.emit(changes, initiator)

    def follow_sync(self, bridge: SyncBridge) -> None:
        """Say after each of ``bridge``'s rounds what it changed (the app wires this once)."""
        self._sync = bridge
        bridge.sync_finished.connect(self._on_sync_finished)
        bridge.sync_failed.connect(self._on_sync_failed)

    def _on_sync_finished(self, report: SyncReport) -> None:
        self.did_execute(Changes.of_round(report), self._sync)

    def _on_sync_failed(self, _error: BaseException) -> None:
        self.did_execute(Changes.of_failed_round(), self._sync)

    def _answer(
        self, owner: QObject, on_done: OnDone[R] | None, changes: ChangesOf | None
    ) -> Callable[[R], None]:
        def answer(result: R) -> None:
            try:
                if on_done is not None and shiboken6.isValid(owner):
                    on_done(result)
            finally:
                if changes is not None:
                    self.did_execute(changes(result) if callable(changes) else changes, owner)

        return answer
