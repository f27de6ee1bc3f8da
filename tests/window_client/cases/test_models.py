"""The desk's item models pass Qt's model tester, empty and filled, and follow their data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from core.cases.model import CaseStatus
from window_client.cases.models import NUMBER_ROLE, CaseTableModel, Column, Line, RowsModel
from window_client.cases.queries import CaseRow, SyncState

ROWS = [
    CaseRow(
        number="32011526112300100010",
        display="320115-261123-001-0001-9",
        bundle_name="新生儿出生一件事",
        status=CaseStatus.ACCEPTED_DEFICIENT,
        applicant="林*雨",
        id_masked="320115********0043",
        created_at="2026-11-23T09:30:00+08:00",
        deadline=date(2026, 11, 20),
        sync=SyncState.QUARANTINED,
    ),
    CaseRow(
        number="32011526112300100024",
        display="320115-261123-001-0002-4",
        bundle_name="退休一件事",
        status=CaseStatus.COMPLETED,
        applicant="周*国",
        id_masked="110105********002X",
        created_at="2026-11-23T10:05:00+08:00",
        deadline=None,
        sync=SyncState.SYNCED,
    ),
]


def test_case_table_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseTableModel(date(2026, 11, 23))
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == len(Column)
    assert model.headerData(Column.SYNC, Qt.Orientation.Horizontal) == "同步"
    first = model.index(0, Column.DEADLINE)
    assert first.data() == "容缺 2026-11-20"  # the deadline says what it is for
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "已逾期 3 天"
    assert first.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, Column.CREATED).data() == "11-23 10:05"
    assert model.index(1, Column.NUMBER).data(NUMBER_ROLE) == "32011526112300100024"
    assert model.index(0, Column.APPLICANT).data(Qt.ItemDataRole.ToolTipRole) == "320115********0043"
    assert model.row_of("32011526112300100024") == 1 and model.row_of("nope") == -1
    model.set_rows([])
    assert model.rowCount() == 0


def test_a_commitment_check_is_due_even_on_a_settled_case(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # 事中事后核查 (国办发〔2020〕42号) may fall after 办结: the desk still shows and colours it.
    model = CaseTableModel(date(2026, 11, 23))
    model.set_rows([replace(ROWS[1], deadline=date(2026, 11, 25), deadline_kind="check")])
    qtmodeltester.check(model)
    cell = model.index(0, Column.DEADLINE)
    assert cell.data() == "核查 2026-11-25" and cell.data(Qt.ItemDataRole.ToolTipRole) == "还剩 2 天"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.headerData(Column.DEADLINE, Qt.Orientation.Horizontal) == "期限"


def test_rows_model_passes_the_model_tester_and_pads_short_lines(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RowsModel(["部门", "事项", "状态"])
    qtmodeltester.check(model)
    model.set_lines([Line(("公安", "出生登记", "已办结")), Line(("医保",), tooltip="说明", alert=True)])
    qtmodeltester.check(model)
    assert model.index(1, 2).data() == ""
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "说明"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
