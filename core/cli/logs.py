"""Where ``tongban``'s logs go: the journal under systemd, else rotating files beside the data.

- Under systemd (``JOURNAL_STREAM`` names our stderr, systemd.exec(5)) every record goes to
  stderr with a ``<N>`` syslog priority prefix, which journald turns into the entry's priority
  (sd-daemon(3)); ``journalctl -u tongban-sync -p warning`` then filters by it. INFO and above,
  DEBUG with ``-v``.
- Otherwise INFO and above (DEBUG with ``-v``) go to ``DATA_DIR/tongban.log``, rotated at 5 MiB,
  five files kept, owner-only, and only where the data directory already holds a store (a typo'd
  ``--data-dir`` or a new directory gets no log file). Errors (everything with ``-v``) also go to
  stderr, as before, since every failure a user can cause is told there in Chinese and English.

Log records never carry personal data: names, ID numbers, phones, addresses and form values stay
sealed in the store (tests/core/cli/test_logs.py greps a whole walk-through's logs for them).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from typing import Final

LOG_NAME: Final = "tongban.log"  # "tongban…": the data directory's own entries (core.store.opening)
LOG_BYTES: Final = 5 * 1024 * 1024
LOG_FILES: Final = 5
_DB_NAME: Final = "tongban.db"  # core.store.opening.DB_NAME, not imported: it loads SQLite for every command
_FORMAT: Final = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
# journald adds the time and the process; the level travels as the <N> prefix.
_JOURNAL_FORMAT: Final = "%(name)s: %(message)s"
_PRIORITY: Final = {
    logging.CRITICAL: 2,
    logging.ERROR: 3,
    logging.WARNING: 4,
    logging.INFO: 6,
    logging.DEBUG: 7,
}


def under_journal() -> bool:
    """Whether our stderr is systemd's journal stream (``JOURNAL_STREAM=dev:inode`` matches fd 2)."""
    value = os.environ.get("JOURNAL_STREAM", "")
    device, _, inode = value.partition(":")
    try:
        st = os.fstat(sys.stderr.fileno())
        return bool(value) and (st.st_dev, st.st_ino) == (int(device), int(inode))
    except (OSError, ValueError, AttributeError):
        return False


class _JournalFormatter(logging.Formatter):
    """``<N>name: message``: journald reads the priority N off the line (SyslogLevelPrefix=yes)."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{_PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)}>"
        # Continuation lines (a traceback) keep the same priority.
        return prefix + super().format(record).replace("\n", "\n" + prefix)


class _OwnerOnlyRotatingHandler(logging.handlers.RotatingFileHandler):
    def _open(self):  # type: ignore[no-untyped-def]  # the base class leaves it untyped
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def _foreign_as_root(data_dir: Path) -> bool:
    """Root working in another account's data directory (``sudo tongban doctor``) makes no file
    there: a root-owned tongban.log would lock that account out of its own log."""
    if os.name == "nt" or os.geteuid() != 0:
        return False
    try:
        return data_dir.stat().st_uid != 0
    except OSError:
        return True


def configure_logging(verbose: bool, data_dir: Path | None) -> Path | None:
    """Set up the root logger for one run; returns the log file, if one is written."""
    level = logging.DEBUG if verbose else logging.INFO
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    if under_journal():
        journal = logging.StreamHandler(sys.stderr)
        journal.setFormatter(_JournalFormatter(_JOURNAL_FORMAT))
        journal.setLevel(level)
        handlers.append(journal)
    else:
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter(_FORMAT))
        console.setLevel(logging.DEBUG if verbose else logging.ERROR)
        handlers.append(console)
        if data_dir is not None and (data_dir / _DB_NAME).is_file() and not _foreign_as_root(data_dir):
            try:
                handler = _OwnerOnlyRotatingHandler(
                    data_dir / LOG_NAME,
                    maxBytes=LOG_BYTES,
                    backupCount=LOG_FILES,
                    encoding="utf-8",
                    delay=True,
                )
            except OSError:
                handler = None  # a directory we may not write: the programs themselves say so
            if handler is not None and os.access(data_dir, os.W_OK):
                handler.setFormatter(logging.Formatter(_FORMAT))
                handler.setLevel(level)
                handlers.append(handler)
                log_file = data_dir / LOG_NAME
    # force: python-escpos calls basicConfig() on import; ours must win
    logging.basicConfig(level=level, handlers=handlers, force=True)
    return log_file
