"""How one reference platform runs: database, catalog, department simulation, accepted catalogs, faults."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from core.errors import ValidationError
from sync.server.instant import DEFAULT_INSTANT_MATTERS

DEFAULT_FOLLOW_UP_DAYS: Final = 5  # the devices' default 差评整改时限 (core.config.DeviceConfig)
_MATTER_ID: Final = re.compile(r"[a-z][a-z0-9_]*")  # the catalog's id rule (assets/catalog/README.md)


@dataclass(frozen=True, slots=True)
class PlatformConfig:
    """Settings of one platform process (a value; the composition root builds the parts from it).

    ``dept_delay`` is the (min, max) seconds each department step waits, drawn per matter from a
    generator seeded with ``seed`` and the case number, so a seeded run decides the same results
    whatever the timing. ``accepted_catalogs`` None accepts every catalog version.
    ``instant_matters`` are the sub-matter ids the departments decide at dispatch (即办件,
    sync.server.instant).
    """

    db_path: Path
    catalog_dir: Path | None = None  # None: the bundled assets/catalog
    calendar_path: Path | None = None  # None: the bundled assets/calendar/cn-holidays.json
    dept_delay: tuple[float, float] = (1.0, 5.0)
    reject_rate: float = 0.0
    seed: int | None = None
    accepted_catalogs: frozenset[str] | None = None
    faults_enabled: bool = False
    departments_enabled: bool = True
    instant_matters: frozenset[str] = DEFAULT_INSTANT_MATTERS
    # 差评整改时限 of a kiosk rating with no case, in working days (the devices' default, core.config).
    bad_rating_follow_up_days: int = DEFAULT_FOLLOW_UP_DAYS

    def __post_init__(self) -> None:
        low, high = self.dept_delay
        if not 0 <= low <= high:
            raise ValidationError(
                "dept_delay",
                f"部门办理延时应为 最小:最大 秒，且 0 ≤ 最小 ≤ 最大，现在是 {low}:{high}",
                f"bad department delay {low}:{high}",
            )
        if not 0.0 <= self.reject_rate <= 1.0:
            raise ValidationError(
                "reject_rate",
                f"不予办理比例应在 0 到 1 之间，现在是 {self.reject_rate}",
                f"bad reject rate {self.reject_rate}",
            )
        if not 1 <= self.bad_rating_follow_up_days <= 60:
            raise ValidationError(
                "bad_rating_follow_up_days",
                f"差评整改时限应为 1–60 个工作日，现在是 {self.bad_rating_follow_up_days}",
                f"bad rating follow-up days {self.bad_rating_follow_up_days}",
            )
        bad = sorted(m for m in self.instant_matters if not _MATTER_ID.fullmatch(m))
        if bad:
            raise ValidationError(
                "instant_matters",
                f"即办事项编号应为小写字母开头的字母、数字或下划线，现在有“{'、'.join(bad)}”",
                f"bad instant matter ids {bad!r}",
            )


def parse_delay(text: str) -> tuple[float, float]:
    """``"1:5"`` → (1.0, 5.0); ``"0.2"`` → (0.2, 0.2). ValidationError otherwise."""
    parts = text.split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or any(v != v or v < 0 for v in values):  # v != v: NaN
        raise ValidationError(
            "dept_delay", f"--dept-delay 应为 最小:最大 秒，例如 1:5，现在是“{text}”", f"bad delay {text!r}"
        )
    low, high = values[0], values[-1]
    if low > high:
        raise ValidationError(
            "dept_delay", f"--dept-delay 的最小值大于最大值：“{text}”", f"bad delay {text!r}"
        )
    return low, high


def parse_instant_matters(text: str) -> frozenset[str]:
    """``"mi_enrol,ss_card"`` → those ids; ``""`` → none. ValidationError for a malformed id."""
    ids = frozenset(part.strip() for part in text.split(",") if part.strip())
    bad = sorted(m for m in ids if not _MATTER_ID.fullmatch(m))
    if bad:
        raise ValidationError(
            "instant_matters",
            f"--instant-matters 应为逗号分隔的事项编号，例如 mi_enrol，现在有“{'、'.join(bad)}”",
            f"bad instant matters {text!r}",
        )
    return ids
