"""``tongban`` starts light: ``--help`` and ``--version`` import no heavy module, and every command is still there."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from core.cli.main import main

TONGBAN = Path(sys.executable).parent / "tongban"
HEAVY = (
    "PySide6",
    "cv2",
    "numpy",
    "sqlite_utils",
    "requests",
    "uvicorn",
    "jsonschema",
    "cryptography",
    "serial",
)
# Runs the real entry point in a fresh interpreter and reports which heavy modules it imported.
PROBE = """
import sys
from core.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def imported_heavy(*argv: str, cwd: Path | None = None) -> tuple[int, str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY="))
    return done.returncode, done.stdout, [m for m in line[len("HEAVY=") :].split(",") if m]


def test_help_imports_no_heavy_module_and_lists_every_command() -> None:
    code, out, heavy = imported_heavy("--help")
    assert code == 0 and heavy == []
    for command in ("catalog", "cases", "audit", "demo", "devices", "kiosk", "platform", "sync", "window"):
        assert f"    {command}" in out, command


def test_a_core_command_does_not_load_the_guis_devices_or_platform(tmp_path: Path) -> None:
    code, out, heavy = imported_heavy("--data-dir", str(tmp_path), "catalog", "list", "--json")
    assert code == 0 and '"bundles"' in out
    assert not {"PySide6", "cv2", "uvicorn", "requests", "serial", "sqlite_utils"} & set(heavy)


def test_version_comes_from_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"tongban {version('tongban')}"
    done = subprocess.run([str(TONGBAN), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"tongban {version('tongban')}"


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["demo"], ["--keep", "--kiosk", "--text"]),  # core's demo with the kiosk's and window's options
        (["cases"], ["print", "print-retry", "list"]),  # the window client adds `cases print`
        (["cases", "print"], ["--printer", "--kind"]),
        (["devices", "simulate", "printer"], ["--out"]),
        (["platform", "serve"], ["--db", "--seed"]),
        (["sync", "enroll"], ["--platform", "--code"]),
        (["kiosk"], ["--mode", "--maintenance-pin"]),
        (["window"], ["--profile", "--lock-minutes"]),
    ],
)
def test_each_command_still_has_all_its_options(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: list[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for option in shown:
        assert option in out, option


def test_python_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "core.cli.main", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == f"tongban {version('tongban')}"
