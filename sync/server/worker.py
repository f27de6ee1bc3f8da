"""The storage worker: one thread that owns the platform's SQLite connection and does all its I/O.

Handlers on the event loop hand it a function of the connection and await the result, so the
loop never blocks on an fsync and every write is serialised (Anki's single DB executor,
research/aesthetics.md §1.2). Uploads are serialised too, which keeps the chunk-offset check and
the append it guards atomic without locks.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import sqlite_utils

from sync.server.db import open_platform_db

logger = logging.getLogger(__name__)

_T = TypeVar("_T")


class StorageWorker:
    """Owns one connection on its thread ("platform-store"); ``start``/``stop`` from the lifespan."""

    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._executor: ThreadPoolExecutor | None = None
        self._local = threading.local()

    def start(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="platform-store")
        # Open on the worker thread itself: sqlite3 connections belong to the thread that made them.
        self._executor.submit(self._open).result()

    def _open(self) -> None:
        self._local.db = open_platform_db(self._db_path)

    def _close(self) -> None:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def _with_db(self, fn: Callable[[sqlite_utils.Database], _T]) -> _T:
        return fn(self._local.db)

    async def run(self, fn: Callable[[sqlite_utils.Database], _T]) -> _T:
        """``fn(db)`` on the worker thread; its exception, if any, is raised here."""
        if self._executor is None:
            raise RuntimeError("storage worker is not running")
        return await asyncio.wrap_future(self._executor.submit(self._with_db, fn))

    def call(self, fn: Callable[[sqlite_utils.Database], _T]) -> _T:
        """``fn(db)`` on the worker thread, waited for from a non-async caller (start-up, tests)."""
        if self._executor is None:
            raise RuntimeError("storage worker is not running")
        return self._executor.submit(self._with_db, fn).result()

    def stop(self) -> None:
        """Let queued work finish, close the connection, end the thread."""
        if self._executor is None:
            return
        self._executor.submit(self._close).result()
        self._executor.shutdown(wait=True)
        self._executor = None
