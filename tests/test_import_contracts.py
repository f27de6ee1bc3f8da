"""Every import contract in pyproject.toml bites: an import it forbids, added on purpose, breaks it.

The contracts are the architecture's only enforcement (STYLE.md: "a contract must bite"). A contract
whose title promises more than its modules check passes silently — "core is pure" once let
``import devices.uri`` into core/printing.py. Each probe below adds one forbidden import to a copy of
the packages and runs import-linter on the copy; the contract named must come out BROKEN.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

# contract name (as in pyproject) -> (module file to append to, the import that contract forbids)
PROBES: dict[str, tuple[str, str]] = {
    "Top-level direction: GUIs > qtkit > services > sync | devices > core": (
        "sync/errors.py",
        "import services.sync_round",
    ),
    "devices import nothing of ours": ("devices/uri.py", "import core.errors"),
    "sync does not reach into devices": ("sync/errors.py", "import devices.uri"),
    "Qt only in the GUI packages": ("services/__init__.py", "import PySide6.QtCore"),
    "GUIs never touch SQLite, serial ports or HTTP directly": ("qtkit/theme.py", "import sqlite3"),
    "core is pure: no network, devices or Qt": ("core/printing.py", "import devices.uri"),
    "only core.store touches SQLite": ("core/masking.py", "import sqlite3"),
    "the two GUIs are independent": ("window_client/context.py", "import kiosk.context"),
    "window_client's own layers: commands > demo > walk-through > driver > app > main window > "
    "screens > dialogs and case desk > context": ("window_client/context.py", "import window_client.app"),
    "kiosk's own layers: commands > demo > walk-through > driver > app > lockdown > maintenance > "
    "window > identity > screens > receipts and printing > context": (
        "kiosk/identity.py",
        "import kiosk.window",
    ),
}

# The issue's own check: `import devices.uri` in any core module breaks "core is pure".
CORE_MODULES = ["core/__init__.py", "core/printing.py", "core/store/store.py", "core/cli/main.py"]


def contract_names() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the packages and pyproject.toml that probes may change (one at a time)."""
    root = tmp_path_factory.mktemp("contracts")
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    for package in config["tool"]["importlinter"]["root_packages"]:
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PYPROJECT, root / "pyproject.toml")
    return root


@pytest.fixture
def probe(tree: Path) -> Iterator[Callable[[str, str], None]]:
    changed: dict[Path, str] = {}

    def add(relative: str, line: str) -> None:
        path = tree / relative
        changed.setdefault(path, path.read_text(encoding="utf-8"))
        path.write_text(changed[path] + f"\n{line}  # probe\n", encoding="utf-8")

    yield add
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")


def lint(tree: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return " ".join((done.stdout + done.stderr).split())  # import-linter wraps long names


def verdict(output: str, name: str) -> str:
    flat = " ".join(name.split())
    for word in ("KEPT", "BROKEN"):
        if f"{flat} {word}" in output:
            return word
    raise AssertionError(f"contract {name!r} not in import-linter's output:\n{output}")


def test_every_contract_has_a_probe() -> None:
    assert sorted(contract_names()) == sorted(PROBES)


def test_the_copy_keeps_every_contract(tree: Path) -> None:
    output = lint(tree)
    assert [verdict(output, name) for name in PROBES] == ["KEPT"] * len(PROBES)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_a_forbidden_import_breaks_the_contract(
    tree: Path, probe: Callable[[str, str], None], name: str
) -> None:
    module, line = PROBES[name]
    probe(module, line)
    assert verdict(lint(tree), name) == "BROKEN"


@pytest.mark.parametrize("module", CORE_MODULES)
def test_importing_devices_from_any_core_module_breaks_core_is_pure(
    tree: Path, probe: Callable[[str, str], None], module: str
) -> None:
    probe(module, "import devices.uri")
    assert verdict(lint(tree), "core is pure: no network, devices or Qt") == "BROKEN"
