"""``tongban demo`` has one dispatcher: core declares every option and runs the demonstration named.

Before, three packages mutated the one ``demo`` parser in entry-point order and the window client
read an attribute the kiosk had set (``kiosk_handler``). Now the GUI packages only name their
demonstrations in the ``tongban.demos`` entry-point group.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from core.cli import demo as core_demo
from core.cli.main import build_parser, main

TONGBAN = Path(sys.executable).parent / "tongban"


def test_the_gui_demonstrations_are_named_in_their_entry_point_group() -> None:
    found = {ep.name: ep.value for ep in entry_points(group=core_demo.DEMO_GROUP)}
    assert found == {
        "window": "window_client.demo:cmd_demo",
        "kiosk": "kiosk.demo:cmd_demo",
        "platform": "services.platform_demo:cmd_demo",
        "hall": "qtkit.hall_demo:cmd_demo",
    }
    parts = {ep.name: ep.value for ep in entry_points(group="tongban.hall_parts")}
    assert parts == {
        "kiosk": "kiosk.hall_walk:kiosk_part",
        "window": "window_client.hall_walk:window_part",
        "display": "kiosk.hall_walk:display_part",
    }


def test_screenshots_is_for_the_hall_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--kiosk", "--screenshots", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--screenshots 只用于 --hall" in err and "--screenshots needs --hall" in err
    with pytest.raises(SystemExit) as exited:
        main(["demo", "--hall", "--kiosk"])
    assert exited.value.code == 2


def test_every_demo_option_is_cores_and_its_handler_the_dispatcher() -> None:
    args = build_parser().parse_args(["demo", "--kiosk", "--mode", "hospital", "--elderly", "--lang", "en"])
    assert args.handler is core_demo.cmd_demo
    assert not hasattr(args, "kiosk_handler")
    assert (args.kiosk, args.mode, args.elderly, args.lang, args.text) == (
        True,
        "hospital",
        True,
        "en",
        False,
    )


@pytest.mark.parametrize("argv", [["--mode", "hospital"], ["--elderly"], ["--text", "--mode", "general"]])
def test_kiosk_options_without_kiosk_are_refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", *argv]) == 2
    err = capsys.readouterr().err
    assert "只用于 --kiosk" in err and "need --kiosk" in err


def test_text_and_kiosk_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse's own refusal, as for any other bad option
        main(["demo", "--text", "--kiosk"])
    assert exited.value.code == 2
    assert "--kiosk: not allowed with argument --text" in capsys.readouterr().err


def test_demo_kiosk_runs_the_kiosk_walk_through(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [str(TONGBAN), "demo", "--kiosk", "--mode", "hospital", "--keep", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "演示完成" in done.stdout
    assert (tmp_path / "screenshots" / "01-attract.png").is_file()
    assert any(p.name.startswith("04a-newborn") for p in (tmp_path / "screenshots").iterdir())
