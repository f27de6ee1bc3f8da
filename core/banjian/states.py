"""The national 办件状态 codes and the one table that maps our statuses and events onto them.

Sources (docs/banjian.md, "办件状态" has the citations in full):
- [E] Epoint, 济宁 (repository LouisCherry/tempproject134, ``JNConstant.java``): 1 已接件, 3 已受理, 4 不受理,
  6 补正（开始）, 8 部门开始办理, 9/10 特别程序（开始/结束）, 11 办结（通过）;
- [A] Augurit 工程建设项目审批 (``ItemStatus.java``, a public code sample the index holds): the full
  list 1–16 with the same numbers, adding 2 已撤件, 5 不予受理, 7 补正（结束）, 12 办结（容缺通过）,
  13 办结（不通过）, 14 撤回, 15 撤销, 16 撤件待确认;
- [S] Epoint's upload to the 工程建设项目审批 data-sharing tables (``SpglXmspsxblxxxxbV3``: one row per
  step, ``blzt`` the code, ``blyj`` the opinion, ``blsj`` the time, ``blr`` the handler): 9/10 bracket a
  pause of the clock (暂停计时), 11/13 close the matter;
- [B] a bank channel's 政务服务 interface (``sendElectType``): 1, 3, 4, 6, 8, 9, 10, 11 as in [E].
No public copy of the normative standard that defines the list was read: the numbers are what four
independent integrations agree on, not a quotation of the standard (docs/banjian.md, "Not confirmed").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.cases.model import CaseStatus, EventKind, MatterStatus


class HandleState(StrEnum):
    """A national 办件状态 code. Values are the codes as sent ("1" … "15"): never change them."""

    RECEIVED = "1"  # 已接件
    RECEIPT_WITHDRAWN = "2"  # 已撤件 (withdrawn before acceptance) [A]
    ACCEPTED = "3"  # 已受理
    NOT_TAKEN = "4"  # 不受理
    REFUSED = "5"  # 不予受理 [A]
    SUPPLEMENT_STARTED = "6"  # 补正（开始）
    SUPPLEMENT_ENDED = "7"  # 补正（结束） [A]
    DEPARTMENT_STARTED = "8"  # 部门开始办理 ([A] names it 部门受理)
    SPECIAL_STARTED = "9"  # 特别程序（开始）: the clock stops
    SPECIAL_ENDED = "10"  # 特别程序（结束）: the clock runs again
    SETTLED = "11"  # 办结（通过）
    SETTLED_DEFICIENT = "12"  # 办结（容缺通过） [A]
    SETTLED_DENIED = "13"  # 办结（不通过） [A]
    WITHDRAWN = "14"  # 撤回 [A]
    REVOKED = "15"  # 撤销 [A]

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def settled(self) -> bool:
        """办结: the matter's decision is made (11, 12, 13)."""
        return self in (HandleState.SETTLED, HandleState.SETTLED_DEFICIENT, HandleState.SETTLED_DENIED)


_LABELS = {
    HandleState.RECEIVED: "已接件",
    HandleState.RECEIPT_WITHDRAWN: "已撤件",
    HandleState.ACCEPTED: "已受理",
    HandleState.NOT_TAKEN: "不受理",
    HandleState.REFUSED: "不予受理",
    HandleState.SUPPLEMENT_STARTED: "补正（开始）",
    HandleState.SUPPLEMENT_ENDED: "补正（结束）",
    HandleState.DEPARTMENT_STARTED: "部门开始办理",
    HandleState.SPECIAL_STARTED: "特别程序（开始）",
    HandleState.SPECIAL_ENDED: "特别程序（结束）",
    HandleState.SETTLED: "办结（通过）",
    HandleState.SETTLED_DEFICIENT: "办结（容缺通过）",
    HandleState.SETTLED_DENIED: "办结（不通过）",
    HandleState.WITHDRAWN: "撤回",
    HandleState.REVOKED: "撤销",
}

ANY = None  # a wildcard in the table below


@dataclass(frozen=True, slots=True)
class StateRule:
    """One row of the table: a matter of a case in ``case`` status whose own status is ``matter``,
    with 容缺 materials still open (``deficient``), is reported as ``state``. None matches anything."""

    case: CaseStatus | None
    matter: MatterStatus | None
    deficient: bool | None
    state: HandleState | None  # None: not a 办件 yet (nothing is reported)
    why: str  # the reason for the row, with its source; docs/banjian.md shows the same table


S, M, H = CaseStatus, MatterStatus, HandleState

# The one table: the first row that matches wins. docs/banjian.md renders it (a test compares them).
STATE_RULES: tuple[StateRule, ...] = (
    StateRule(S.DRAFT, ANY, ANY, None, "not received: a draft is never reported"),
    StateRule(
        S.SUPPLEMENT_NOTIFIED, ANY, ANY, H.SUPPLEMENT_STARTED, "一次性补正告知 (行政许可法 §32(四)) [E][A]"
    ),
    StateRule(S.NOT_ACCEPTED, ANY, ANY, H.REFUSED, "不予受理通知书 (行政许可法 §32(一)(二)) [A]"),
    StateRule(ANY, M.DONE, True, H.SETTLED_DEFICIENT, "decided while 容缺 materials are still open [A]"),
    StateRule(ANY, M.DONE, ANY, H.SETTLED, "the department's decision: approved [E][A][S]"),
    StateRule(ANY, M.REJECTED, ANY, H.SETTLED_DENIED, "the department's decision: 不予办理 [A][S]"),
    StateRule(S.WITHDRAWN, ANY, ANY, H.WITHDRAWN, "申请人撤回 after acceptance [A]"),
    StateRule(S.TERMINATED, ANY, ANY, H.SETTLED_DENIED, "容缺材料逾期未补齐, 终止办理: our choice"),
    StateRule(S.REJECTED, ANY, ANY, H.SETTLED_DENIED, "the case was refused as a whole (不予办理)"),
    StateRule(S.ACCEPTED, ANY, ANY, H.ACCEPTED, "受理 at the window [E][A]"),
    StateRule(S.ACCEPTED_DEFICIENT, ANY, ANY, H.ACCEPTED, "容缺受理 is 受理; the open material shows it"),
    StateRule(S.DISPATCHED, M.PENDING, ANY, H.ACCEPTED, "not yet handed to its department"),
    StateRule(S.DISPATCHED, ANY, ANY, H.DEPARTMENT_STARTED, "with its department (分发, 办理中) [E][A]"),
    StateRule(S.COMPLETED, ANY, ANY, H.SETTLED, "a settled case whose matter has no result of its own"),
)


def record_state(case: CaseStatus, matter: MatterStatus, deficient: bool) -> HandleState | None:
    """The 办件状态 of one matter of a case; None for a draft (not a 办件 yet)."""
    for rule in STATE_RULES:
        if (
            (rule.case is None or rule.case is case)
            and (rule.matter is None or rule.matter is matter)
            and (rule.deficient is None or rule.deficient is deficient)
        ):
            return rule.state
    raise AssertionError(f"no 办件状态 rule for {case.value}/{matter.value}")  # the table is total: tested


@dataclass(frozen=True, slots=True)
class EventRule:
    """Which process records (环节) one of our events writes: ``states`` in order, or, when
    ``by_result`` is set, the state of the matter the event settled (looked up in STATE_RULES)."""

    kind: EventKind
    states: tuple[HandleState, ...]
    node: str  # 环节名称
    by_result: bool = False


# Events that write no 环节 record change something else of the record: SUPPLEMENTED fills a
# material's 收取时间 (容缺补齐 is not 补正: 补正 comes before acceptance, 行政许可法 §32), EVALUATED and
# RATING_FOLLOWED_UP the ratings, OFFICIAL_NUMBER_BOUND the 办件编号, COMMITMENT_CHECKED a material.
EVENT_RULES: tuple[EventRule, ...] = (
    EventRule(EventKind.ACCEPTED, (H.RECEIVED, H.ACCEPTED), "受理"),
    EventRule(EventKind.NOT_ACCEPTED, (H.RECEIVED,), "收件", by_result=True),
    EventRule(EventKind.DISPATCHED, (H.DEPARTMENT_STARTED,), "部门办理"),
    EventRule(EventKind.MATTER_RESULT, (), "办结", by_result=True),
    EventRule(EventKind.COMPLETED, (), "办结", by_result=True),
    EventRule(EventKind.REJECTED, (), "办结", by_result=True),
    EventRule(EventKind.WITHDRAWN, (H.WITHDRAWN,), "撤回"),
    EventRule(EventKind.TERMINATED, (H.SETTLED_DENIED,), "终止办理"),
    EventRule(EventKind.PROCEDURE_STARTED, (H.SPECIAL_STARTED,), "特别程序"),  # the clock stops [S]
    EventRule(EventKind.PROCEDURE_ENDED, (H.SPECIAL_ENDED,), "特别程序"),  # and runs again
)
SILENT_EVENTS = frozenset(
    {
        EventKind.SUPPLEMENTED,
        EventKind.EVALUATED,
        EventKind.RATING_FOLLOWED_UP,
        EventKind.OFFICIAL_NUMBER_BOUND,
        EventKind.COMMITMENT_CHECKED,
    }
)


def event_rule(kind: EventKind) -> EventRule | None:
    """The process records ``kind`` writes, or None for an event that writes none (SILENT_EVENTS)."""
    return next((r for r in EVENT_RULES if r.kind is kind), None)
