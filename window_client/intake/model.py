"""``IntakeModel``: the intake in progress (a core IntakeFlow) re-told as Qt signals, and what the screens learnt around it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from core.flows.intake import Change, IntakeFlow, Part, Problem, Step
from window_client.context import WindowContext


class IntakeModel(QObject):
    """One intake at a time. Lives on the GUI thread; every rule and all state are in ``flow``
    (core.flows.intake), which pages change only through its methods.

    The model re-emits what the flow tells it: ``step_changed(step)`` when it moved (or accepted
    the case), ``changed`` for any other change, ``signature_voided`` when a change voided the
    applicant's signature (the flow's rule). ``restarted``: a new intake (a fresh flow).
    ``history`` holds the form values of the applicant's earlier cases
    (CaseService.earlier_form_values, fetched on the store worker) until the form step applies them.
    """

    changed = Signal()
    step_changed = Signal(object)  # Step
    signature_voided = Signal()
    restarted = Signal()

    def __init__(self, ctx: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._flow = self._new_flow(())
        self.history: dict[str, Any] = {}
        self.history_for = ""  # the ID number ``history`` belongs to
        self.history_applied = False

    @property
    def flow(self) -> IntakeFlow:
        """The intake in progress (replaced on restart: never keep it)."""
        return self._flow

    def _new_flow(self, recent: tuple[str, ...]) -> IntakeFlow:
        calendar = self._ctx.config.working_calendar  # official holidays plus local days
        flow: IntakeFlow | None = None

        def told(change: Change) -> None:
            if flow is self._flow:  # a replaced flow (a late camera answer…) changes nothing shown
                self._on_flow_changed(change)

        flow = IntakeFlow(
            self._ctx.catalog,
            today=self._ctx.clock.now().date(),
            proxy=self._ctx.outreach,
            holidays=calendar.holidays,
            workdays=calendar.workdays,
            recent=recent,
            on_change=told,
        )
        return flow

    def _on_flow_changed(self, change: Change) -> None:
        if change.signature_voided:
            self.signature_voided.emit()
        if change.part in (Part.STEP, Part.CASE):
            self.step_changed.emit(self._flow.current)
        else:
            self.changed.emit()

    def restart(self) -> None:
        """A new intake; the recently used bundles stay."""
        self._flow = self._new_flow(self._flow.recent)
        self.history, self.history_for, self.history_applied = {}, "", False
        self.restarted.emit()
        self.step_changed.emit(self._flow.current)

    @property
    def step(self) -> Step:
        return self._flow.current

    @property
    def in_progress(self) -> bool:
        """Something was entered and the case is not accepted yet (logging out would lose it)."""
        f = self._flow
        return f.case is None and bool(f.applicant or f.bundle_id)

    def move(self, action: str, step: Step | None = None) -> list[Problem]:
        """``next`` / ``back`` / ``go`` on the flow; returns the flow's problems (the flow tells
        the move, which comes back as step_changed)."""
        if action == "next":
            return self._flow.next()
        if action == "back":
            self._flow.back()
            return []
        assert step is not None
        return self._flow.go(step)

    def set_history(self, id_number: str, values: dict[str, Any]) -> None:
        if id_number == self.applicant_id:
            self.history, self.history_for, self.history_applied = dict(values), id_number, False

    @property
    def applicant_id(self) -> str:
        return str(self._flow.applicant.get("id_number", ""))
