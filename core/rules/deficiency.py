"""The 容缺 deadline (容缺补齐期限) that leaves the department time to finish, from assets/rules/deficiency.json.

Rule chosen (domain review R3): 《深圳市政务服务容缺办理管理办法》(in force 2019-10-01) — the clock of a
容缺受理 case starts at acceptance and does not start again when the material arrives (the result is
issued once it is in), and the 补齐期限 must be at least ``reserve_days`` (2) working days shorter than
the matter's promised limit and never longer than ``max_days`` (20) working days. So a material needed by
a 15-day matter is due 13 working days after acceptance, and the department keeps at least the last two
working days of the promised time for the decision. A matter promising 2 days or fewer (即办件 included)
leaves no room: such a material cannot be 容缺 and must be brought (or the application 补正).

Why this one: it is a published local rule that states both numbers, and it keeps the promised date
printed on the receipt true; the other rules found only cap the deadline at the whole promised limit
(台州 2019, a 民政 template), which is today's behaviour and leaves the department no time. Restarting
the clock on arrival (补齐后出件 with a fresh limit) was not found stated in a public rule.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from core.assets import assets_dir
from core.rules.retirement import RulesDataError
from core.workdays import working_days_between

FORMAT: Final = 1
FILE: Final = "deficiency.json"


@dataclass(frozen=True, slots=True)
class DeficiencyRule:
    """How long a 容缺 material may stay missing: ``reserve_days`` fewer than the promised limit, at most
    ``max_days`` working days; counted from acceptance, which the arrival does not restart."""

    reserve_days: int
    max_days: int
    basis: str

    def allowed_days(self, promise_days: int) -> int | None:
        """Working days after acceptance the material may arrive by, for a matter promising
        ``promise_days``; None when the limit is too short to leave the department its reserve."""
        days = min(promise_days - self.reserve_days, self.max_days)
        return days if days >= 1 else None


def department_days(
    supplied_on: date, due: date, holidays: Collection[date] = (), workdays: Collection[date] = ()
) -> int:
    """The working days the department has left once the 容缺 material arrives on ``supplied_on``: the
    clock runs from acceptance and is not restarted, so it is what remains up to the (promised, or as
    moved by 特别程序) due date — at least ``reserve_days`` when the material came by its deadline."""
    return working_days_between(supplied_on, due, holidays, workdays)


def default_path() -> Path:
    return assets_dir() / "rules" / FILE


@functools.cache
def deficiency_rule() -> DeficiencyRule:
    """The shipped rule (read once)."""
    return load_deficiency_rule(default_path())


def load_deficiency_rule(path: Path) -> DeficiencyRule:
    """The rule in ``path``; RulesDataError when it is malformed (a packaging defect)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesDataError(f"容缺规则数据 {path} 无法读取：{exc}", f"cannot read {path}: {exc}") from exc
    problems = []
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        problems.append(f"$.format: should be {FORMAT}")
        raw = raw if isinstance(raw, dict) else {}
    reserve, most = raw.get("reserve_days"), raw.get("max_days")
    if not isinstance(reserve, int) or isinstance(reserve, bool) or reserve < 0:
        problems.append("$.reserve_days: should be a whole number ≥ 0")
    if not isinstance(most, int) or isinstance(most, bool) or most < 1:
        problems.append("$.max_days: should be a whole number ≥ 1")
    if raw.get("clock") != "from_acceptance":
        problems.append('$.clock: only "from_acceptance" is implemented')
    if not isinstance(raw.get("basis"), str) or not raw.get("sources"):
        problems.append("$.basis, $.sources: the rule must cite its source")
    if problems:
        raise RulesDataError("容缺规则数据有误：\n" + "\n".join(problems), f"{path}: " + "; ".join(problems))
    assert isinstance(reserve, int) and isinstance(most, int)
    return DeficiencyRule(reserve_days=reserve, max_days=most, basis=str(raw["basis"]))
