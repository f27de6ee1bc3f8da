"""Spoken prompts (the kiosk's elderly mode, 长辈版): Qt's text-to-speech, else espeak-ng, else silence.

The issue asks for speech "where the machine can speak, silently skipped where it cannot": the
screen always shows the same words, so a kiosk without a voice still works. How a kiosk gets one:

- ``apt install espeak-ng`` (Debian, UOS and Kylin package it; its ``cmn`` voice speaks Mandarin,
  robotic but clear). Nothing else is needed: the executable is found on PATH.
- or Qt's speech module (PySide6.QtTextToSpeech) with an engine that has a Chinese voice, e.g.
  speech-dispatcher with a Mandarin module. On Linux the module needs ``libpulse0``; where it
  cannot load (``libpulse.so.0: cannot open shared object file``) it is simply not used.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QLocale, QObject, QProcess, Slot

from qtkit.threads import require_gui_thread

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

logger = logging.getLogger(__name__)

BACKENDS: Final = ("qt", "espeak-ng")
ENGINES: Final = ("qt", "espeak-ng", "none")
_EXECUTABLES: Final = ("espeak-ng", "espeak")
# espeak-ng names Mandarin "cmn"; the older espeak called it "zh".
_VOICES: Final = {"espeak-ng": "cmn", "espeak": "zh"}


def _qt_speech(parent: QObject) -> QTextToSpeech | None:
    """Qt's default speech engine set to Chinese, or None when the module, an engine or a Chinese voice is missing."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except (ImportError, OSError) as exc:  # e.g. libpulse.so.0 missing on a machine without sound
        logger.debug("Qt speech module not available: %s", exc)
        return None
    if not QTextToSpeech.availableEngines():
        return None
    speech = QTextToSpeech(parent)
    chinese = [
        locale for locale in speech.availableLocales() if locale.language() == QLocale.Language.Chinese
    ]
    # An engine that initialises asynchronously lists no locales yet: espeak-ng is the surer choice then.
    if speech.state() == QTextToSpeech.State.Error or not chinese:
        logger.debug("Qt speech engine %r has no Chinese voice", speech.engine())
        speech.deleteLater()
        return None
    mainland = [locale for locale in chinese if locale.territory() == QLocale.Country.China]
    speech.setLocale((mainland or chinese)[0])
    return speech


class Speaker(QObject):
    """Speaks one prompt at a time; a new prompt interrupts the one being spoken. Lives on the GUI thread.

    ``backends`` are tried in order ("qt", then "espeak-ng"; an empty sequence means silence);
    ``executable`` is the espeak-ng (or espeak) to run, a name on PATH or a path (default: the
    first of espeak-ng, espeak on PATH), and ``voice`` its voice (default: cmn, or zh for espeak).
    The constructor only looks the executable up on PATH and asks Qt for its engines, once at
    start-up. ``say()`` never blocks: espeak-ng runs as a child QProcess. Call ``close()`` before
    the application quits so that no child process outlives it.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        backends: Sequence[str] = BACKENDS,
        executable: str | Path | None = None,
        voice: str | None = None,
    ) -> None:
        require_gui_thread("Speaker")
        super().__init__(parent)
        unknown = set(backends) - set(BACKENDS)
        if unknown:
            raise ValueError(f"unknown speech backends {sorted(unknown)} (known: {', '.join(BACKENDS)})")
        self._enabled = True
        self._qt: QTextToSpeech | None = None
        self._program: str | None = None
        self._voice = ""
        self._processes: list[QProcess] = []
        self._told_silent = False
        self._engine = "none"
        for backend in backends:
            if backend == "qt":
                self._qt = _qt_speech(self)
                if self._qt is not None:
                    self._engine = "qt"
                    break
            elif backend == "espeak-ng":
                self._program = _find_executable(executable)
                if self._program is not None:
                    self._engine = "espeak-ng"
                    self._voice = voice or _VOICES.get(Path(self._program).name, "cmn")
                    break
        logger.info("spoken prompts: %s", self._engine if self._engine != "none" else "none available")

    @property
    def engine(self) -> str:
        """The backend in use: qt, espeak-ng (an espeak found instead counts as espeak-ng) or none."""
        return self._engine

    @property
    def available(self) -> bool:
        """Whether this machine can speak at all (whatever ``enabled`` says)."""
        return self._engine != "none"

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, on: bool) -> None:
        """Switch speech on or off (elderly mode on or off); switching off stops what is being said."""
        self._enabled = on
        if not on:
            self.stop()

    @property
    def speaking(self) -> bool:
        """Whether an utterance is still going (an espeak-ng process not yet ended, or Qt speaking)."""
        if self._qt is not None:
            return self._qt.state() == self._qt.State.Speaking
        return any(process.state() != QProcess.ProcessState.NotRunning for process in self._processes)

    def say(self, text: str) -> None:
        """Speak ``text`` instead of whatever is being said; returns at once. Silent when disabled or unavailable."""
        if not self._enabled or not text.strip():
            return
        if self._qt is not None:
            self._qt.say(text)  # Qt stops the reading in progress first
            return
        if self._program is None:
            if not self._told_silent:
                self._told_silent = True
                logger.info("no speech engine on this machine: prompts are shown, not spoken")
            return
        self._kill_all()
        process = QProcess(self)
        # Bound slots, not lambdas: a lambda holding this Speaker, freed while Qt deletes the
        # process, could delete the Speaker (and the process again) from inside that deletion.
        process.finished.connect(self._on_process_finished)
        process.errorOccurred.connect(self._on_process_error_occurred)
        # A leading "-" would be read as an option; a leading space is not, and is not spoken.
        spoken = " " + text if text.startswith("-") else text
        self._processes.append(process)
        process.start(self._program, ["-v", self._voice, spoken])

    def stop(self) -> None:
        """Stop speaking now (the espeak-ng process is killed; it is reaped when Qt reports it ended)."""
        if self._qt is not None:
            self._qt.stop()
        self._kill_all()

    def close(self, timeout_ms: int = 2000) -> None:
        """Stop and wait for the killed processes to end (at shutdown: a killed process ends at once)."""
        self.stop()
        for process in list(self._processes):
            if process.state() != QProcess.ProcessState.NotRunning:
                process.waitForFinished(timeout_ms)
            self._forget(process)

    def _kill_all(self) -> None:
        for process in self._processes:
            if process.state() != QProcess.ProcessState.NotRunning:
                process.kill()

    def _forget(self, process: QProcess) -> None:
        if process in self._processes:
            self._processes.remove(process)
            process.deleteLater()

    @Slot(int, QProcess.ExitStatus)
    def _on_process_finished(self, _code: int, _status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if isinstance(process, QProcess):
            self._forget(process)

    @Slot(QProcess.ProcessError)
    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        process = self.sender()
        if isinstance(process, QProcess) and error == QProcess.ProcessError.FailedToStart:
            # finished() never follows a failed start
            logger.warning("cannot run %s: %s", self._program, process.errorString())
            self._forget(process)


def _find_executable(executable: str | Path | None) -> str | None:
    """The given executable (a name looked up on PATH, or a path), else espeak-ng or espeak on PATH."""
    candidates = [os.fspath(executable)] if executable is not None else list(_EXECUTABLES)
    for candidate in candidates:
        found = shutil.which(candidate)
        if found is not None:
            return found
    return None
