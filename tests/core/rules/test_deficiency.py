"""The 容缺 deadline that leaves the department time (domain review R3), from assets/rules/deficiency.json.

Source: 《深圳市政务服务容缺办理管理办法》(in force 2019-10-01, https://ceirp.cn/xwzx/zxyw/2019-09-17/5240.html):
"补齐补正承诺时限须比事项的承诺办理时间少2个工作日以上，且最长不超过20个工作日"; the clock starts at
acceptance ("容缺受理后业务进入审批流程，并开始计时") and the result is issued once the material is in.
Vectors counted by hand under the shipped 2026 calendar (国庆 10-01…10-07 off, Saturday 10-10 worked).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.calendar import shipped_calendar
from core.rules.deficiency import (
    default_path,
    deficiency_rule,
    department_days,
    load_deficiency_rule,
)
from core.rules.retirement import RulesDataError
from core.workdays import add_working_days, working_days_between

CAL = shipped_calendar()


@pytest.mark.parametrize(
    ("promised", "allowed"),
    [(15, 13), (20, 18), (5, 3), (3, 1), (2, None), (1, None), (0, None), (22, 20), (30, 20), (60, 20)],
)
def test_the_deadline_is_two_working_days_short_of_the_limit_and_at_most_twenty(
    promised: int, allowed: int | None
) -> None:
    assert deficiency_rule().allowed_days(promised) == allowed


def test_the_rule_cites_its_source_and_a_broken_file_is_refused(tmp_path: Path) -> None:
    raw = json.loads(default_path().read_text(encoding="utf-8"))
    assert (raw["reserve_days"], raw["max_days"], raw["clock"]) == (2, 20, "from_acceptance")
    assert "深圳市政务服务容缺办理管理办法" in raw["basis"] and raw["sources"][0]["url"].startswith(
        "https://"
    )
    broken = tmp_path / "deficiency.json"
    broken.write_text(json.dumps({**raw, "reserve_days": -1, "clock": "restart"}), encoding="utf-8")
    with pytest.raises(RulesDataError) as err:
        load_deficiency_rule(broken)
    assert "reserve_days" in err.value.detail and "clock" in err.value.detail
    broken.write_text(json.dumps({k: v for k, v in raw.items() if k != "sources"}), encoding="utf-8")
    with pytest.raises(RulesDataError, match="cite"):
        load_deficiency_rule(broken)


def test_the_department_keeps_what_is_left_of_the_clock_from_acceptance() -> None:
    # Accepted 2026-09-30, 15 days promised (生育津贴): due 10-27; the bank card may come by 10-23.
    accepted = date(2026, 9, 30)
    assert add_working_days(accepted, 13, CAL.holidays, CAL.workdays) == date(2026, 10, 23)
    assert department_days(date(2026, 10, 23), date(2026, 10, 27), CAL.holidays, CAL.workdays) == 2
    # Brought early, on 10-09 (Friday): 10-10 (the make-up Saturday), 10-12…10-16, 10-19…10-23, 10-26, 10-27.
    assert department_days(date(2026, 10, 9), date(2026, 10, 27), CAL.holidays, CAL.workdays) == 13


@pytest.mark.parametrize("start", [date(2026, 9, 30), date(2026, 2, 13), date(2026, 12, 31)])
@pytest.mark.parametrize("days", [0, 1, 5, 13, 40])
def test_counting_working_days_between_is_the_inverse_of_adding_them(start: date, days: int) -> None:
    end = add_working_days(start, days, CAL.holidays, CAL.workdays)
    assert working_days_between(start, end, CAL.holidays, CAL.workdays) == days
