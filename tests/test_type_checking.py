"""mypy (strict) checks every package of ours: the two GUIs as well as the layers under them.

Issue #10: mypy once covered core, devices, sync, services and qtkit only, and the GUIs had gathered
64 errors (a stage action returning a tuple of Nones, an attribute shadowing ``QWidget.scroll``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_checks_every_package_the_import_contracts_know() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    packages = config["tool"]["importlinter"]["root_packages"]
    assert mypy["strict"] is True
    assert sorted(mypy["files"]) == sorted(packages)
