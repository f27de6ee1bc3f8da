"""The national 办件状态 codes and the one table from our statuses and events onto them."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest

from core.banjian.states import EVENT_RULES, SILENT_EVENTS, STATE_RULES, HandleState, event_rule, record_state
from core.cases.model import CaseStatus, EventKind, MatterStatus

S, M, H = CaseStatus, MatterStatus, HandleState
DOC = Path(__file__).resolve().parents[3] / "docs" / "banjian.md"


def test_the_codes_and_their_names_are_pinned() -> None:
    # Sent to platforms as is: a renamed or renumbered state would be a different state there.
    assert {h.value: h.label for h in HandleState} == {
        "1": "已接件",
        "2": "已撤件",
        "3": "已受理",
        "4": "不受理",
        "5": "不予受理",
        "6": "补正（开始）",
        "7": "补正（结束）",
        "8": "部门开始办理",
        "9": "特别程序（开始）",
        "10": "特别程序（结束）",
        "11": "办结（通过）",
        "12": "办结（容缺通过）",
        "13": "办结（不通过）",
        "14": "撤回",
        "15": "撤销",
    }
    assert {h for h in HandleState if h.settled} == {H.SETTLED, H.SETTLED_DEFICIENT, H.SETTLED_DENIED}


VECTORS = [
    (S.DRAFT, M.PENDING, False, None),
    (S.ACCEPTED, M.PENDING, False, H.ACCEPTED),
    (S.ACCEPTED_DEFICIENT, M.PENDING, True, H.ACCEPTED),
    (S.DISPATCHED, M.PENDING, False, H.ACCEPTED),
    (S.DISPATCHED, M.DISPATCHED, False, H.DEPARTMENT_STARTED),
    (S.DISPATCHED, M.PROCESSING, True, H.DEPARTMENT_STARTED),
    (S.DISPATCHED, M.DONE, False, H.SETTLED),
    (S.DISPATCHED, M.DONE, True, H.SETTLED_DEFICIENT),
    (S.DISPATCHED, M.REJECTED, False, H.SETTLED_DENIED),
    (S.COMPLETED, M.DONE, False, H.SETTLED),
    (S.COMPLETED, M.DONE, True, H.SETTLED_DEFICIENT),
    (S.REJECTED, M.REJECTED, False, H.SETTLED_DENIED),
    (S.REJECTED, M.DONE, False, H.SETTLED),  # one matter approved, the case refused on another
    (S.REJECTED, M.PROCESSING, False, H.SETTLED_DENIED),
    (S.WITHDRAWN, M.PENDING, False, H.WITHDRAWN),
    (S.WITHDRAWN, M.PROCESSING, False, H.WITHDRAWN),
    (S.WITHDRAWN, M.DONE, False, H.SETTLED),  # a matter decided before the withdrawal stays decided
    (S.TERMINATED, M.PENDING, True, H.SETTLED_DENIED),
    (S.SUPPLEMENT_NOTIFIED, M.PENDING, False, H.SUPPLEMENT_STARTED),
    (S.NOT_ACCEPTED, M.PENDING, False, H.REFUSED),
]


@pytest.mark.parametrize(("case", "matter", "deficient", "expected"), VECTORS)
def test_each_status_maps_to_its_national_code(
    case: CaseStatus, matter: MatterStatus, deficient: bool, expected: HandleState | None
) -> None:
    assert record_state(case, matter, deficient) is expected


def test_every_status_of_ours_is_covered_by_a_vector() -> None:
    assert {v[0] for v in VECTORS} == set(CaseStatus)
    assert {v[1] for v in VECTORS} == set(MatterStatus)


def test_the_table_is_total_and_only_a_draft_reports_nothing() -> None:
    for case, matter, deficient in product(CaseStatus, MatterStatus, (False, True)):
        state = record_state(case, matter, deficient)
        assert (state is None) == (case is S.DRAFT), (case, matter, deficient)


def test_every_event_kind_is_decided_writes_records_or_is_silent() -> None:
    # A new EventKind must be placed in the table: this fails until it is.
    written = {r.kind for r in EVENT_RULES}
    assert written | SILENT_EVENTS == set(EventKind)
    assert not written & SILENT_EVENTS
    assert event_rule(EventKind.ACCEPTED) is not None
    assert event_rule(EventKind.ACCEPTED).states == (H.RECEIVED, H.ACCEPTED)  # type: ignore[union-attr]
    assert event_rule(EventKind.SUPPLEMENTED) is None


def _doc_rows(heading: str) -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [
        [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not re.match(r"\|\s*-", line)
    ]
    return rows[1:]  # without the header


def test_the_documented_table_is_the_table_the_code_reads() -> None:
    rows = _doc_rows("## Our statuses → 办件状态")
    expected = [
        [
            r.case.value if r.case else "any",
            r.matter.value if r.matter else "any",
            "any" if r.deficient is None else ("yes" if r.deficient else "no"),
            f"{r.state.value} {r.state.label}" if r.state else "—",
        ]
        for r in STATE_RULES
    ]
    assert [row[:4] for row in rows] == expected


def test_the_documented_event_table_is_the_one_the_code_reads() -> None:
    rows = _doc_rows("## Our events → 环节")
    expected = [
        [
            r.kind.value,
            " → ".join([s.value for s in r.states] + (["by result"] if r.by_result else [])),
            r.node,
        ]
        for r in EVENT_RULES
    ]
    expected += [[k.value, "—", "—"] for k in sorted(SILENT_EVENTS)]
    assert [row[:3] for row in rows] == expected
