"""What core's subcommands share: the data directory, configuration, catalog and store, and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.cases.service import CaseService
from core.catalog.loader import load_current_catalog
from core.catalog.model import Catalog
from core.clock import Clock, SystemClock
from core.config import DeviceConfig, load_config
from core.receipts import display_width
from core.store.store import Store


@dataclass
class Context:
    """Lazily opened resources for one command run (main thread only)."""

    data_dir: Path
    config_path: Path
    clock: Clock = field(default_factory=SystemClock)
    _config: DeviceConfig | None = None
    _catalog: Catalog | None = None
    _store: Store | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(data_dir=args.data_dir, config_path=args.config)

    @property
    def config(self) -> DeviceConfig:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:  # a catalog pulled from the platform wins over the bundled one
            self._catalog = load_current_catalog(self.data_dir)
        return self._catalog

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.data_dir, clock=self.clock)
        return self._store

    def cases(self, operator: str | None = None) -> CaseService:
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
