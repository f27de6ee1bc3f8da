"""The store's one error boundary: SQLite and file failures leave it as StoreError, rolled back."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from core.errors import StoreError

_P = ParamSpec("_P")
_R = TypeVar("_R")


def translated(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """SQLite and file failures (locked past the busy timeout, disk full, corruption, permissions)
    leave the store as StoreError, with the operation rolled back."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.ProgrammingError:
            raise  # our bug (e.g. a Store used from a second thread): keep it loud and distinct
        except sqlite3.Error as exc:
            raise StoreError(
                "本地数据库出错，操作未完成。请重试；如反复出现请联系运维人员。",
                f"{method.__name__}: {type(exc).__name__}: {exc}",
                code="store.database",
            ) from exc
        except PermissionError as exc:
            where = exc.filename if exc.filename is not None else "数据目录"
            raise StoreError(
                f"没有权限读写 {where}（权限被拒绝），操作未完成。请联系运维人员检查数据目录的权限。",
                f"{method.__name__}: permission denied on {exc.filename or 'the data directory'}: {exc}",
                code="store.permission" if exc.filename is not None else "store.permission_data_dir",
                params={"path": str(exc.filename)} if exc.filename is not None else {},
            ) from exc
        except OSError as exc:
            raise StoreError(
                "本地存储读写失败（磁盘已满或没有权限？），操作未完成。请联系运维人员。",
                f"{method.__name__}: {type(exc).__name__}: {exc}",
                code="store.io",
            ) from exc

    return wrapper
