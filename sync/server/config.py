"""How one reference platform runs: database, catalog, department simulation, accepted catalogs, faults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import ValidationError


@dataclass(frozen=True, slots=True)
class PlatformConfig:
    """Settings of one platform process (a value; the composition root builds the parts from it).

    ``dept_delay`` is the (min, max) seconds each department step waits, drawn per matter from a
    generator seeded with ``seed`` and the case number, so a seeded run decides the same results
    whatever the timing. ``accepted_catalogs`` None accepts every catalog version.
    """

    db_path: Path
    catalog_dir: Path | None = None  # None: the bundled assets/catalog
    dept_delay: tuple[float, float] = (1.0, 5.0)
    reject_rate: float = 0.0
    seed: int | None = None
    accepted_catalogs: frozenset[str] | None = None
    faults_enabled: bool = False
    departments_enabled: bool = True

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
