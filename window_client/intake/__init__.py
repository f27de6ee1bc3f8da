"""The intake (受理): one screen per step of core.flows.intake.IntakeFlow, a view that never decides a rule."""

from window_client.intake.screen import IntakeScreen

__all__ = ["IntakeScreen"]
