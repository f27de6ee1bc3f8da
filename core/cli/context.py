"""What core's subcommands share: the data directory, configuration, catalog and store, and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.catalog.loader import load_current_catalog
from core.catalog.model import Catalog
from core.clock import Clock, SystemClock
from core.config import DeviceConfig, load_config
from core.errors import NotFoundError, ValidationError
from core.receipts import display_width

if TYPE_CHECKING:  # the store (SQLite, cryptography) loads only for commands that open it
    from core.cases.service import CaseService
    from core.store.store import Store


class NewStore(StrEnum):
    """What opening the store may do where the data directory has none yet."""

    REFUSE = "refuse"  # commands on existing cases: a data directory that does not exist is a typo
    ANNOUNCE = "announce"  # commands that may start a device's data: make it, and say where on stderr
    SILENT = "silent"  # demos, benchmarks and tests, in a directory they made for the purpose


@dataclass
class Context:
    """Lazily opened resources for one command run (main thread only)."""

    data_dir: Path
    config_path: Path
    clock: Clock = field(default_factory=SystemClock)
    new_store: NewStore = NewStore.SILENT
    _config: DeviceConfig | None = None
    _catalog: Catalog | None = None
    _store: Store | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace, new_store: NewStore = NewStore.ANNOUNCE) -> Context:
        """The context of a command run; read commands pass ``NewStore.REFUSE``."""
        return cls(data_dir=args.data_dir, config_path=args.config, new_store=new_store)

    @property
    def config(self) -> DeviceConfig:
        if self._config is None:
            self._config = load_config(self.config_path, self.data_dir)
        return self._config

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:  # a catalog pulled from the platform wins over the bundled one
            self._catalog = load_current_catalog(self.data_dir)
        return self._catalog

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = self._open_store()
        return self._store

    def _open_store(self) -> Store:
        from core.store.opening import DB_NAME
        from core.store.store import Store

        folder_existed = self.data_dir.is_dir()
        if not folder_existed and self.new_store is NewStore.REFUSE:
            # Opening would make an empty store there, and "no cases" would hide the typo.
            raise NotFoundError(
                f"数据目录 {self.data_dir} 不存在，请检查 --data-dir 或环境变量 TONGBAN_DATA_DIR。",
                f"data directory {self.data_dir} does not exist (check --data-dir or TONGBAN_DATA_DIR)",
            )
        db_existed = (self.data_dir / DB_NAME).exists()
        store = Store.open(self.data_dir, clock=self.clock)
        if self.new_store is not NewStore.SILENT and not db_existed:
            # After the fact, so that nothing is announced when the store refused to start over.
            if folder_existed:
                print(f"已在数据目录 {self.data_dir} 中新建本地数据库。", file=sys.stderr)
                print(f"note: created a new local store in {self.data_dir}", file=sys.stderr)
            else:
                print(f"数据目录 {self.data_dir} 原先不存在，已新建。", file=sys.stderr)
                print(f"note: data directory {self.data_dir} did not exist; created it", file=sys.stderr)
        return store

    def cases(self, operator: str | None = None) -> CaseService:
        from core.cases.service import CaseService

        return CaseService(
            self.catalog, self.store, self.clock, self.config, operator or self.config.operator
        )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned table; CJK characters count two columns."""
    cells = [[str(c) for c in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def option_date(text: str | None, option: str, what: str = "日期") -> date | None:
    """A YYYY-MM-DD command-line option (None when not given); ValidationError naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            option, f"{what}“{text}”应写成 YYYY-MM-DD", f"{option} {text!r}: expected YYYY-MM-DD"
        ) from None
