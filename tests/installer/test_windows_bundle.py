"""The Windows bundle's description (installer/windows/) checked where it can be: on Linux, without PyInstaller.

Nothing here builds the bundle. It checks that what the spec names exists, that every module an
entry point or a lazily imported command names lives in a collected package, and that the
launcher does what the spec's two programs rely on.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from core.cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "installer" / "windows"


@pytest.fixture(scope="module")
def bundle() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tongban_windows_bundle", WINDOWS / "bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_data_path_and_the_launcher_exist(bundle: ModuleType) -> None:
    assert bundle.REPO == ROOT
    for path in bundle.data_sources():
        assert path.exists(), f"the spec bundles {path.relative_to(ROOT)}, which does not exist"
    assert (ROOT / bundle.LAUNCHER).is_file()
    targets = {target for _, target in bundle.DATA}
    assert "assets/catalog" in targets and "assets/translations" in targets


def test_the_spec_takes_its_lists_from_bundle_py(bundle: ModuleType) -> None:
    tree = ast.parse((WINDOWS / "tongban.spec").read_text(encoding="utf-8"))
    used = {
        n.attr
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and getattr(n.value, "id", "") == "bundle"
    }
    lists = {name for name in dir(bundle) if name.isupper() and name not in {"REPO", "LAUNCHER"}}
    assert lists <= used, f"bundle.py lists the spec ignores: {sorted(lists - used)}"
    names = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= names


def test_every_entry_point_and_command_module_is_in_a_collected_package(bundle: ModuleType) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    targets = [t for group in project["entry-points"].values() for t in group.values()]
    targets += [module for _, module in COMMANDS.values()]
    targets.append(project["scripts"]["tongban"])
    for target in targets:
        module = target.split(":", 1)[0]
        assert module.split(".", 1)[0] in bundle.OUR_PACKAGES, f"{target} is not collected"
        assert importlib.util.find_spec(module) is not None, f"{module} does not exist"
    for package in (*bundle.HIDDEN_PACKAGES, *bundle.PACKAGE_DATA, *bundle.PACKAGE_LIBS):
        assert importlib.util.find_spec(package) is not None, f"{package} is not installed"


def test_the_launcher_runs_modules_as_python_m_does_and_the_command_line_otherwise(tmp_path: Path) -> None:
    """What sys.executable -m sync.server (the demo's embedded platform) needs in a frozen bundle."""
    launcher = str(WINDOWS / "tongban_launcher.py")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TONGBAN_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, launcher, "-m", "sync.server", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0 and "serve" in done.stdout, done.stderr
    done = subprocess.run(
        [sys.executable, launcher, "--version"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.startswith("tongban "), done.stderr
