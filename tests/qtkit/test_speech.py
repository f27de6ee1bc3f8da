"""Spoken prompts: a fake espeak-ng records its argv; a new prompt kills the old one; no engine, no sound."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qtkit.speech import Speaker

WAIT = 10_000


class FakeEspeak:
    """An executable that writes its pid and argv to ``calls/<pid>`` and then keeps "speaking" (sleeps)."""

    def __init__(self, folder: Path, *, name: str = "espeak-ng", seconds: int = 30) -> None:
        self.calls = folder / "calls"
        self.calls.mkdir(parents=True)
        self.path = folder / name
        # Full paths (from the system default PATH): some tests change PATH.
        mv, sleep = shutil.which("mv", path=os.defpath), shutil.which("sleep", path=os.defpath)
        # exec: the sleeping process is the one QProcess started, so killing it leaves nothing behind.
        self.path.write_text(
            f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{self.calls}'/$$.tmp\n"
            f"{mv} '{self.calls}'/$$.tmp '{self.calls}'/$$\nexec {sleep} {seconds}\n",
            encoding="utf-8",
        )
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR)

    def runs(self) -> dict[int, list[str]]:
        """pid → argv (after the program name) of every run so far."""
        return {
            int(f.name): f.read_text(encoding="utf-8").splitlines()
            for f in self.calls.iterdir()
            if f.suffix != ".tmp"
        }


def alive(pid: int) -> bool:
    """Running (a killed child is gone once QProcess has reaped it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fake espeak-ng is a shell script")


@pytest.fixture
def fake(tmp_path: Path) -> FakeEspeak:
    return FakeEspeak(tmp_path)


@pytest.fixture
def speaker(qapp: QApplication, fake: FakeEspeak) -> Iterator[Speaker]:
    """A Speaker on the fake espeak-ng only (Qt's engine left out: it would differ per machine)."""
    made = Speaker(backends=("espeak-ng",), executable=fake.path)
    yield made
    made.close()
    assert not made.speaking


def test_say_runs_espeak_with_the_mandarin_voice_and_the_text(
    qtbot: QtBot, speaker: Speaker, fake: FakeEspeak
) -> None:
    assert (speaker.engine, speaker.available, speaker.enabled) == ("espeak-ng", True, True)
    speaker.say("请将身份证放在感应区")
    qtbot.waitUntil(lambda: len(fake.runs()) == 1, timeout=WAIT)
    assert list(fake.runs().values()) == [["-v", "cmn", "请将身份证放在感应区"]]
    assert speaker.speaking
    speaker.say("-1 号窗口")  # not an option to espeak-ng
    qtbot.waitUntil(lambda: len(fake.runs()) == 2, timeout=WAIT)
    assert {argv[2] for argv in fake.runs().values()} == {"请将身份证放在感应区", " -1 号窗口"}


def test_a_new_prompt_kills_the_one_being_spoken(qtbot: QtBot, speaker: Speaker, fake: FakeEspeak) -> None:
    speaker.say("第一句")
    qtbot.waitUntil(lambda: len(fake.runs()) == 1, timeout=WAIT)
    [first] = fake.runs()
    speaker.say("第二句")
    qtbot.waitUntil(lambda: len(fake.runs()) == 2, timeout=WAIT)
    [second] = set(fake.runs()) - {first}
    assert fake.runs()[second][-1] == "第二句"
    qtbot.waitUntil(lambda: not alive(first), timeout=WAIT)
    assert alive(second) and speaker.speaking


def test_stop_leaves_no_process_running(qtbot: QtBot, speaker: Speaker, fake: FakeEspeak) -> None:
    speaker.say("正在办理，请稍候")
    qtbot.waitUntil(lambda: len(fake.runs()) == 1, timeout=WAIT)
    [pid] = fake.runs()
    speaker.stop()  # returns at once; the process ends a moment later
    qtbot.waitUntil(lambda: not speaker.speaking, timeout=WAIT)
    qtbot.waitUntil(lambda: not alive(pid), timeout=WAIT)
    speaker.stop()  # stopping twice is harmless


def test_disabled_speaker_says_nothing(qtbot: QtBot, speaker: Speaker, fake: FakeEspeak) -> None:
    speaker.say("您好")
    qtbot.waitUntil(lambda: len(fake.runs()) == 1, timeout=WAIT)
    speaker.enabled = False  # stops the prompt in progress too
    qtbot.waitUntil(lambda: not speaker.speaking, timeout=WAIT)
    speaker.say("不会说出来")
    speaker.enabled = True
    speaker.say("   ")  # nothing to say
    assert not speaker.speaking
    speaker.say("再见")
    qtbot.waitUntil(lambda: len(fake.runs()) == 2, timeout=WAIT)


def test_without_an_engine_say_is_a_silent_no_op(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)  # the module cannot load
    monkeypatch.setenv("PATH", str(tmp_path))  # and no espeak-ng on PATH
    caplog.set_level(logging.INFO, logger="qtkit.speech")
    for speaker in (Speaker(), Speaker(backends=()), Speaker(executable=tmp_path / "missing")):
        assert (speaker.engine, speaker.available) == ("none", False)
        caplog.clear()
        speaker.say("请取走您的回执")
        speaker.say("请取走您的回执")
        assert not speaker.speaking
        assert len([r for r in caplog.records if "no speech engine" in r.message]) == 1  # said once
        speaker.stop()
        speaker.close()


def test_espeak_is_found_on_path_with_its_own_voice_name(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, voice in (("espeak-ng", "cmn"), ("espeak", "zh")):  # the older espeak calls Mandarin "zh"
        fake = FakeEspeak(tmp_path / name, name=name, seconds=0)
        monkeypatch.setenv("PATH", str(fake.path.parent))
        speaker = Speaker(backends=("espeak-ng",))
        assert speaker.engine == "espeak-ng"
        speaker.say("您好")
        qtbot.waitUntil(lambda: len(fake.runs()) == 1 and not speaker.speaking, timeout=WAIT)  # noqa: B023
        assert list(fake.runs().values()) == [["-v", voice, "您好"]]
        speaker.close()
    with pytest.raises(ValueError, match="backends"):
        Speaker(backends=("festival",))
