"""Core's contribution to ``tongban``: catalog, cases, audit and the headless demo."""

from __future__ import annotations

import argparse

from core.cli import audit_cmd, cases_cmd, catalog_cmd, demo


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog_cmd.register(sub)
    cases_cmd.register(sub)
    audit_cmd.register(sub)
    demo.register(sub)
