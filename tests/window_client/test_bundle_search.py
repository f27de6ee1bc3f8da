"""The 选择事项 step: one search over matters and bundles, a results table, browsing, the keys staff use."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from core.catalog import load_catalog
from core.catalog.search import BUNDLE, MATTER, SearchIndex
from core.flows.intake import Step
from tests.core.flows.test_intake_flow import MOTHER
from tests.window_client.conftest import AppFactory, logged_in
from tests.window_client.test_compact_layout import settle_layouts
from tests.window_client.test_intake_card import QUIET_READER, WINDOW_STAFF, add_staff
from window_client.driver import IntakeDriver
from window_client.intake.bundle_page import VISIBLE_ROWS, BundlePage

WAIT = 20_000
QUERY = "登记"  # several matters and bundles match


@pytest.fixture
def on_bundle_step(qtbot: QtBot, make_app: AppFactory, tmp_path: Path) -> tuple[IntakeDriver, BundlePage]:
    app = make_app(reader=QUIET_READER)
    add_staff(tmp_path / "data")
    d = logged_in(qtbot, app, *WINDOW_STAFF[::2])
    d.flow.set_applicant_from_card(MOTHER)
    assert d.flow.go(Step.BUNDLE) == []
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    page = d.intake.pages[Step.BUNDLE]
    assert isinstance(page, BundlePage)
    qtbot.waitUntil(lambda: page.index is not None and page.table.rowCount() > 0, timeout=WAIT)
    return d, page


def names(page: BundlePage) -> list[str]:
    return [page.table.index(row, 0).data() for row in range(page.table.rowCount())]


def test_up_and_down_in_the_search_box_move_through_the_results(
    qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]
) -> None:
    _d, page = on_bundle_step
    page.search.setText(QUERY)
    qtbot.waitUntil(lambda: page.table.rowCount() >= 2, timeout=WAIT)
    page.results.setCurrentIndex(page.table.index(0, 0))
    QTest.keyClick(page.search, Qt.Key.Key_Down)
    assert page.results.currentIndex().row() == 1
    QTest.keyClick(page.search, Qt.Key.Key_Up)
    QTest.keyClick(page.search, Qt.Key.Key_Up)
    assert page.results.currentIndex().row() == 0  # not above the first
    assert page.search.text() == QUERY
    QTest.keyClick(page.results, Qt.Key.Key_A)  # typing in the results goes on in the box
    assert page.search.text() == QUERY + "a" and page.search.hasFocus()


def test_a_single_matter_found_by_initials_goes_through_the_intake(
    qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]
) -> None:
    d, page = on_bundle_step
    d.type_into("bundle_search", "csdj")
    qtbot.waitUntil(lambda: d.typed("bundle_search", "csdj"), timeout=WAIT)
    first = page.current_entry()
    assert first is not None and first.kind == MATTER and first.name.startswith("出生登记")
    row = [page.table.index(0, c).data() for c in range(page.table.columnCount())]
    assert row[1] == "单项事项" and row[2] == "公安" and row[4] in ("即办", "5 个工作日")
    d.press_enter("bundle_search")
    qtbot.waitUntil(lambda: d.on(Step.QUESTIONS), timeout=WAIT)
    bundle = d.flow.bundle
    assert bundle.single and bundle.matter == first.id and d.flow.recent[0] == first.id
    d.answer_all(tuple((q.id, False) for q in bundle.questions))
    assert d.answered()
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.CHECKLIST), timeout=WAIT)
    assert {i.material.id for i in d.flow.items()} <= set(d.flow.catalog.matters[first.id].materials)
    assert [s.dept for s in bundle.sub_matters] == ["police"]  # dispatched to one department
    d.flow.go(Step.BUNDLE)
    qtbot.waitUntil(lambda: d.on(Step.BUNDLE), timeout=WAIT)
    page.search.clear()
    assert names(page)[0] == first.name  # recently used first
    assert first.name in page.chosen_label.text()


def test_at_1366_by_768_ten_rows_show(qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]) -> None:
    d, page = on_bundle_step
    assert d.window.width() == 1366 and d.window.height() == 768
    settle_layouts()
    assert page.table.rowCount() > VISIBLE_ROWS  # recent, then every entry
    viewport = page.results.viewport()
    shown = QRect(viewport.mapTo(page.scroll_area.viewport(), QPoint(0, 0)), viewport.size())
    assert page.scroll_area.viewport().rect().contains(shown)  # the table is not cut by the page
    whole = [
        r
        for r in range(page.table.rowCount())
        if viewport.rect().contains(page.results.visualRect(page.table.index(r, 0)))
    ]
    assert len(whole) >= VISIBLE_ROWS, (len(whole), viewport.height())
    header = page.results.horizontalHeader()
    assert all(header.sectionSize(c) > 0 for c in range(page.table.columnCount()))


def test_browse_by_life_event_department_and_subject(
    qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]
) -> None:
    d, page = on_bundle_step
    themes, depts = page.browse.topLevelItem(0), page.browse.topLevelItem(1)
    assert themes.text(0) == "人生事件"
    born = next(themes.child(i) for i in range(themes.childCount()) if themes.child(i).text(0) == "出生")
    page.search.setText("zzz")
    page.browse.setCurrentItem(born)
    assert page.search.text() == ""  # browsing and searching are one or the other
    entries = [page.table.entry(r) for r in range(page.table.rowCount())]
    assert entries[0] is not None and entries[0].kind == BUNDLE and entries[0].id == "newborn"
    assert {e.category for e in entries if e} == {"出生"} and "出生" in page.status.text()
    assert any(e and e.kind == MATTER for e in entries)
    police = next(
        depts.child(i) for i in range(depts.childCount()) if depts.child(i).text(0).startswith("公安")
    )
    page.browse.setCurrentItem(police)
    assert {page.table.entry(r).dept for r in range(page.table.rowCount())} == {"police"}  # type: ignore[union-attr]
    page.search.setText("出生")
    assert not page.browse.selectedItems()
    entity = page.subjects.buttons()[1]
    entity.setChecked(True)
    assert page.browse.topLevelItem(0).text(0) == "企业阶段"
    page.search.clear()
    served = [page.table.entry(r) for r in range(page.table.rowCount())]
    assert served and all(e is not None and e.serves(page.subject) for e in served)
    assert any(e is not None and e.both for e in served)  # a matter for persons and entities stays
    d.type_into("bundle_search", "zzzz")
    qtbot.waitUntil(lambda: d.typed("bundle_search", "zzzz"), timeout=WAIT)
    assert page.table.rowCount() == 0 and "没有找到" in page.status.text()
    assert not page.choose_button.isEnabled() and not page.guide.isEnabled()


def test_the_guide_button_opens_the_selected_entrys_guide(
    qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]
) -> None:
    d, page = on_bundle_step
    d.type_into("bundle_search", "jzzsl")
    qtbot.waitUntil(lambda: d.typed("bundle_search", "jzzsl"), timeout=WAIT)
    entry = page.current_entry()
    assert entry is not None and entry.name.startswith("居住证申领")
    d.click(page.guide)
    qtbot.waitUntil(lambda: d.visible("guide_dialog"), timeout=WAIT)
    dialog = d.find("guide_dialog")
    assert "居住证申领" in dialog.view.toPlainText()
    dialog.close()
    assert d.on(Step.BUNDLE) and d.flow.bundle_id is None  # looking up a guide chooses nothing


def test_the_index_of_a_new_catalog_is_built_off_the_gui_thread(
    qtbot: QtBot, on_bundle_step: tuple[IntakeDriver, BundlePage]
) -> None:
    d, page = on_bundle_step
    fresh = load_catalog()  # another catalog object: no index built for it yet
    assert SearchIndex.cached(fresh) is None
    d.intake.ctx.catalog = fresh
    d.intake.model.restart()
    d.flow.set_applicant_from_card(MOTHER)
    page.search.setText("csdj")  # typed before the index is ready: kept, searched once it is
    assert d.flow.go(Step.BUNDLE) == []
    assert page.index is None and page.table.rowCount() == 0
    assert page.status.text() == "正在载入事项目录…"
    qtbot.waitUntil(lambda: page.index is not None, timeout=WAIT)
    assert page.index is SearchIndex.cached(fresh)
    assert names(page)[:2] == ["出生登记（户口登记）", "出生登记"]
