"""Finding cases on the desk: by number in any form, ID number, name; filters by status, deadline and sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from pytestqt.qtbot import QtBot

from core.case_numbers import parse_case_number
from core.cases.model import CaseStatus
from core.staff import Role
from tests.window_client.cases.kit import MOTHER, OTHER, PASSPORT_HOLDER, Desk, make_request
from window_client.cases import CaseDeskPanel
from window_client.cases.models import Column
from window_client.cases.queries import SyncState

OpenPanel = Callable[[Desk], CaseDeskPanel]


def numbers(panel: CaseDeskPanel) -> list[str]:
    return [row.number for row in panel.model.rows]


def search(qtbot: QtBot, panel: CaseDeskPanel, text: str) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        panel.search_edit.setText(text)
        panel.search_edit.returnPressed.emit()


def refilter(qtbot: QtBot, panel: CaseDeskPanel, change: Callable[[], None]) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        change()


def test_the_desk_lists_the_newest_cases_masked(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    first = desk.accept(make_request(desk.catalog))
    second = desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login()
    panel = open_panel(desk)
    assert numbers(panel) == [second.number, first.number]
    model = panel.model
    assert model.index(0, Column.NUMBER).data() == parse_case_number(second.number).display
    assert model.index(0, Column.APPLICANT).data() == "周*国"
    assert "0020" not in str(model.index(0, Column.APPLICANT).data())
    assert model.index(0, Column.STATUS).data() == "已受理"
    assert model.index(0, Column.SYNC).data() == "待上传"
    assert "共 2 件" in panel.results.label.text()


def test_search_by_display_number_opens_that_case(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    wanted = desk.accept(make_request(desk.catalog))
    desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login()
    panel = open_panel(desk)
    with qtbot.waitSignal(panel.case_opened, timeout=10_000) as opened:
        search(qtbot, panel, " " + parse_case_number(wanted.number).display + " ")
    assert opened.args == [wanted.number]
    assert numbers(panel) == [wanted.number]
    assert panel.detail is not None and panel.detail.case.number == wanted.number
    assert panel.detail_pane.number_label.text() == parse_case_number(wanted.number).display


def test_a_mistyped_number_says_so_and_an_unknown_one_explains_offline_search(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    case = desk.accept(make_request(desk.catalog))
    desk.login()
    panel = open_panel(desk)
    digits = case.number
    swapped = digits[:-3] + digits[-2] + digits[-3] + digits[-1]  # two neighbours exchanged: Damm catches it
    search(qtbot, panel, swapped)
    assert numbers(panel) == [] and "办件编号有误" in panel.results.label.text()
    unknown = parse_case_number(digits).day
    other = parse_case_number(digits)
    from core.case_numbers import CaseNumber

    missing = CaseNumber.make(other.region, unknown, other.device_no, 9000).display
    search(qtbot, panel, missing)
    assert numbers(panel) == [] and "本机只能查到" in panel.results.label.text()


def test_search_by_id_number_and_by_name(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    mine = [desk.accept(make_request(desk.catalog)) for _ in range(2)]
    other = desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login()
    panel = open_panel(desk)
    search(qtbot, panel, MOTHER["id_number"])
    assert sorted(numbers(panel)) == sorted(c.number for c in mine)
    search(qtbot, panel, OTHER["id_number"].lower())  # a lower-case check character is the same number
    assert numbers(panel) == [other.number]
    search(qtbot, panel, "林晓雨")
    assert sorted(numbers(panel)) == sorted(c.number for c in mine)
    search(qtbot, panel, "林晓")
    assert numbers(panel) == [] and "姓名须完整输入" in panel.results.label.text()


# Typed documents (core.validation.travel_documents): a passport and a 台胞证 number find their cases.
TAIWAN_RESIDENT = {
    "id_kind": "tw_travel_permit",
    "id_number": "12345678",
    "name": "陈美玲",
    "sex": "女",
    "birth_date": "1988-05-12",
}


def test_search_by_a_typed_documents_number(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    desk.accept(make_request(desk.catalog))
    passport = desk.accept(make_request(desk.catalog, applicant=PASSPORT_HOLDER))
    permit = desk.accept(make_request(desk.catalog, applicant=TAIWAN_RESIDENT))
    desk.login()
    panel = open_panel(desk)
    search(qtbot, panel, " e1234567a ")
    assert numbers(panel) == [passport.number]
    with qtbot.waitSignal(panel.case_opened, timeout=10_000):
        panel.open_case(passport.number)
    pane = panel.detail_pane
    assert pane.name_value.text() == "A*** ******T（外国护照 DEU）"
    assert pane.id_label.text() == "E******7A"
    search(qtbot, panel, "12345678")
    assert numbers(panel) == [permit.number]
    assert panel.model.index(0, Column.APPLICANT).data() == "陈*玲"


def test_filters_by_status_and_by_deadline_within_days(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    # 容缺 deadlines within the rule: at most 3 of the matter's 5 promised working days (core/rules/deficiency.py),
    # so taken on a Thursday (11-26) the latest is the next Tuesday (12-01).
    desk.clock.advance(days=3)
    today = desk.clock.now().date()
    soon = desk.accept(make_request(desk.catalog, defer=True, deadline=today + timedelta(days=1)))
    later = desk.accept(make_request(desk.catalog, defer=True, deadline=today + timedelta(days=5)))
    plain = desk.accept(make_request(desk.catalog, applicant=OTHER))
    desk.login(Role.SUPERVISOR)
    panel = open_panel(desk)
    refilter(qtbot, panel, lambda: panel.set_status_filter(CaseStatus.ACCEPTED_DEFICIENT))
    assert sorted(numbers(panel)) == sorted([soon.number, later.number])
    refilter(qtbot, panel, lambda: panel.set_status_filter(CaseStatus.ACCEPTED))
    assert numbers(panel) == [plain.number]
    refilter(qtbot, panel, lambda: panel.set_status_filter(None))
    refilter(qtbot, panel, lambda: panel.set_due_within(3))
    assert numbers(panel) == [soon.number]
    assert panel.model.index(0, Column.DEADLINE).data() == f"容缺 {(today + timedelta(days=1)).isoformat()}"
    assert panel.model.index(0, Column.DEADLINE).data(3) == "还剩 1 天"  # ToolTipRole
    refilter(qtbot, panel, lambda: panel.set_due_within(15))
    assert sorted(numbers(panel)) == sorted([soon.number, later.number])
    desk.cases(lambda service, _store: service.withdraw(soon.number, "申请人不再办理"))
    refilter(qtbot, panel, lambda: panel.set_due_within(3))
    assert numbers(panel) == [], "a closed case is no longer due"


def test_filter_by_sync_state_follows_acknowledgements_quarantine_and_rework(
    qtbot: QtBot, make_desk: Callable[..., Desk], open_panel: OpenPanel
) -> None:
    desk = make_desk()
    synced, pending, held, sent_back = (desk.accept(make_request(desk.catalog)) for _ in range(4))
    with desk.store() as store:
        for case in (synced, held, sent_back):
            store.mark_acked([e.seq for e in store.events_for(case.number)], "platform-receipt-1")
        store.sync.quarantine(held.number, 999, "validation", "材料清单与目录不符")
        store.sync.flag_rework(sent_back.number, "2026.2", "请补充出生医学证明", desk.clock.now().isoformat())
    desk.login()
    panel = open_panel(desk)
    states = {row.number: row.sync for row in panel.model.rows}
    assert states == {
        synced.number: SyncState.SYNCED,
        pending.number: SyncState.PENDING,
        held.number: SyncState.QUARANTINED,
        sent_back.number: SyncState.REWORK,
    }
    for state, expected in (
        (SyncState.SYNCED, synced),
        (SyncState.PENDING, pending),
        (SyncState.QUARANTINED, held),
        (SyncState.REWORK, sent_back),
    ):
        refilter(qtbot, panel, lambda state=state: panel.set_sync_filter(state))  # type: ignore[misc]
        assert numbers(panel) == [expected.number], state
    assert panel.model.index(0, Column.SYNC).data() == "需返工"
