"""``IntakeModel``: the intake in progress (a core IntakeFlow) and what the screens learnt around it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from core.flows.intake import IntakeFlow, Step
from window_client.context import WindowContext


class IntakeModel(QObject):
    """One intake at a time. Lives on the GUI thread; every rule is in ``flow`` (core.flows.intake).

    ``changed`` follows any edit of the flow (pages emit it through ``touch``); ``step_changed``
    a move to another step; ``restarted`` a new intake (a fresh flow). ``history`` holds the form
    values of the applicant's earlier cases (CaseService.earlier_form_values, fetched on the store
    worker) until the form step applies them.
    """

    changed = Signal()
    step_changed = Signal(object)  # Step
    restarted = Signal()

    def __init__(self, ctx: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.flow = self._new_flow(())
        self.history: dict[str, Any] = {}
        self.history_for = ""  # the ID number ``history`` belongs to
        self.history_applied = False

    def _new_flow(self, recent: tuple[str, ...] | list[str]) -> IntakeFlow:
        cfg = self._ctx.config
        return IntakeFlow(
            self._ctx.catalog,
            today=self._ctx.clock.now().date(),
            proxy=self._ctx.outreach,
            holidays=cfg.holidays,
            workdays=cfg.workdays,
            recent=list(recent),
        )

    def restart(self) -> None:
        """A new intake; the recently used bundles stay."""
        self.flow = self._new_flow(self.flow.recent)
        self.history, self.history_for, self.history_applied = {}, "", False
        self.restarted.emit()
        self.step_changed.emit(self.flow.current)

    @property
    def step(self) -> Step:
        return self.flow.current

    @property
    def in_progress(self) -> bool:
        """Something was entered and the case is not accepted yet (logging out would lose it)."""
        f = self.flow
        return f.case is None and bool(f.applicant or f.bundle_id)

    def touch(self) -> None:
        self.changed.emit()

    def move(self, action: str, step: Step | None = None) -> list[Any]:
        """``next`` / ``back`` / ``go`` on the flow; returns the flow's problems, emits step_changed."""
        before = self.flow.current
        if action == "next":
            problems = self.flow.next()
        elif action == "back":
            self.flow.back()
            problems = []
        else:
            assert step is not None
            problems = self.flow.go(step)
        if self.flow.current is not before:
            self.step_changed.emit(self.flow.current)
        return problems

    def set_history(self, id_number: str, values: dict[str, Any]) -> None:
        if id_number == self.applicant_id:
            self.history, self.history_for, self.history_applied = dict(values), id_number, False

    @property
    def applicant_id(self) -> str:
        return str(self.flow.applicant.get("id_number", ""))
