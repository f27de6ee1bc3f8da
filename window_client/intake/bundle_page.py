"""Step "选择事项": find any single matter or "一件事" by Chinese, synonyms, pinyin, initials, code or
department, or browse by life event, enterprise stage or department; the recently used come first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.catalog.model import MATTER_TYPES, Subject
from core.catalog.search import BUNDLE, MATTER, Entry, SearchIndex
from core.flows.intake import Step
from qtkit.guide_view import not_stated, type_label
from qtkit.i18n import fill
from qtkit.labels import limit_label
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.theme import current_scale
from window_client.context import WindowContext
from window_client.dialogs.guide import GuideDialog
from window_client.intake.entry_table import EntryTableModel, kind_label
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage

VISIBLE_ROWS = 10  # the results show at least this many rows at 1366×768
_BROWSE_ROLE = Qt.ItemDataRole.UserRole  # ("category" | "dept", value) on a browse item
_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: VISIBLE_ROWS,
    Qt.Key.Key_PageUp: -VISIBLE_ROWS,
}


def column_widths(view: QTableView) -> list[int]:
    """Widths of the 类别, 部门, 事项类型 and 时限 columns: their longest texts in the interface
    language (not measured row by row: thousands of rows), the name column takes the rest."""
    metrics = view.fontMetrics()
    pad = 3 * metrics.horizontalAdvance(" ") + 2 * current_scale().spacing_px
    headers = [view.model().headerData(c, Qt.Orientation.Horizontal) for c in range(1, 5)]
    samples = [
        [kind_label(BUNDLE), kind_label(MATTER)],
        ["国" * 8],  # department names are data: room for eight characters, longer ones are elided
        [not_stated(), *(type_label(t) for t in MATTER_TYPES)],
        [limit_label(None), limit_label(0), limit_label(1), limit_label(20)],
    ]
    return [
        max(metrics.horizontalAdvance(str(text)) for text in (header, *texts)) + pad
        for header, texts in zip(headers, samples, strict=True)
    ]


class BundlePage(IntakePage):
    """Lives on the GUI thread. Choosing an entry asks the screen to go on (``chosen``).

    The catalog's search index is built on the runner's general pool (tenths of a second
    for a province-sized catalog), meanwhile the results say 正在载入事项目录…; typing is kept and
    searched once it is ready.
    """

    step = Step.BUNDLE
    chosen = Signal(str)

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        s = current_scale().spacing_px
        self.set_titles(
            QCoreApplication.translate("BundlePage", "选择事项"),
            QCoreApplication.translate(
                "BundlePage",
                "输入名称、俗称、全拼、首字母、编码或部门（如 出生登记、上户口、csdj），↓ 选择，回车办理；"
                "也可在左侧按人生事件、企业阶段或部门浏览。",
            ),
        )
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("bundle_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate("BundlePage", "搜索事项：出生登记 / csdj / 上户口")
        )
        self.search.setAccessibleName(QCoreApplication.translate("BundlePage", "搜索事项"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        self.subjects = QButtonGroup(self)
        for subject, text in (
            (Subject.PERSON, QCoreApplication.translate("BundlePage", "个人事项")),
            (Subject.ENTITY, QCoreApplication.translate("BundlePage", "企业事项")),
        ):
            button = QRadioButton(text, self)
            button.setProperty("subject", subject.value)
            self.subjects.addButton(button)
            top.addWidget(button)
        self.subjects.buttons()[0].setChecked(True)
        self.subjects.buttonToggled.connect(self._on_subject_toggled)
        self.body.addLayout(top)

        self.chosen_label = QLabel(self)
        self.chosen_label.setProperty("status", "ok")
        self.chosen_label.setWordWrap(True)
        self.body.addWidget(self.chosen_label)

        middle = QHBoxLayout()
        middle.setSpacing(s)
        self.browse = QTreeWidget(self)
        self.browse.setObjectName("bundle_browse")
        self.browse.setHeaderHidden(True)
        self.browse.setAccessibleName(QCoreApplication.translate("BundlePage", "浏览事项"))
        self.browse.setFixedWidth(self.fontMetrics().horizontalAdvance("国") * 15)
        self.browse.itemSelectionChanged.connect(self._on_browse_item_selection_changed)
        middle.addWidget(self.browse)

        right = QVBoxLayout()
        right.setSpacing(s // 2)
        self.status = QLabel(self)
        self.status.setObjectName("bundle_status")
        self.status.setProperty("role", "muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.status)
        self.table = EntryTableModel(self)
        self.results = QTableView(self)
        self.results.setObjectName("bundle_results")
        self.results.setAccessibleName(QCoreApplication.translate("BundlePage", "搜索结果"))
        self.results.setModel(self.table)
        self.results.setShowGrid(False)
        self.results.setWordWrap(False)
        rows = self.results.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # thousands of rows: none measured
        rows.setDefaultSectionSize(self.fontMetrics().height() + s // 2 + 2)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.activated.connect(self._on_results_activated)
        self.results.doubleClicked.connect(self._on_results_activated)
        self.results.installEventFilter(self)
        header = self.results.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate(column_widths(self.results), start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._fit_rows(self.fontMetrics().height() + s // 2)
        right.addWidget(self.results, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.guide = QPushButton(QCoreApplication.translate("BundlePage", "办事指南"), self)
        self.guide.setObjectName("bundle_guide")
        self.guide.setToolTip(QCoreApplication.translate("BundlePage", "查看、打印所选事项的办事指南"))
        self.guide.clicked.connect(self._on_guide_clicked)
        buttons.addWidget(self.guide)
        self.choose_button = QPushButton(QCoreApplication.translate("BundlePage", "办理所选事项"), self)
        self.choose_button.setObjectName("bundle_choose")
        self.choose_button.setProperty("variant", "primary")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        buttons.addWidget(self.choose_button)
        right.addLayout(buttons)
        middle.addLayout(right, 1)
        self.body.addLayout(middle, 1)
        self.results.selectionModel().currentRowChanged.connect(self._on_results_current_row_changed)

        self._index: SearchIndex | None = None
        self._loading: object | None = None  # the catalog whose index is being built
        self._browsed_for: tuple[Subject, int] | None = None
        self._rows_fitted = False
        self._load_index()

    @property
    def subject(self) -> Subject:
        checked = self.subjects.checkedButton()
        return Subject(checked.property("subject")) if checked else Subject.PERSON

    @property
    def index(self) -> SearchIndex | None:
        """The catalog's search index once built (None while it loads)."""
        return self._index

    def first_focus(self) -> QWidget | None:
        return self.search

    def enter(self) -> None:
        flow = self.flow
        if flow.bundle_id:
            bundle = flow.bundle
            self.chosen_label.setText(
                fill(
                    QCoreApplication.translate("BundlePage", "✓ 已选择：%1（%2）"),
                    bundle.name,
                    bundle.category,
                )
            )
        self.chosen_label.setVisible(bool(flow.bundle_id))
        self._refresh()

    # -- the index ----------------------------------------------------------------------------

    def _load_index(self) -> None:
        catalog = self.flow.catalog  # the intake's: what it will open the chosen id in
        self._index = SearchIndex.cached(catalog)
        if self._index is not None:
            return
        if self._loading is catalog or self.ctx.runner.is_shut_down:
            return
        self._loading = catalog
        self.ctx.runner.run(
            lambda: SearchIndex.of(catalog),
            on_done=while_alive(self, self._on_index_built),
            on_error=while_alive(self, self._on_index_failed),
            executor="general",
        )

    def _on_index_built(self, index: SearchIndex) -> None:
        if self._loading is index.catalog:
            self._loading = None
        if index.catalog is not self.flow.catalog:
            self._load_index()  # a new intake on a newer catalog meanwhile
            return
        self._index = index
        self._refresh()

    def _on_index_failed(self, error: BaseException) -> None:
        self._loading = None
        self.status.setText(
            fill(QCoreApplication.translate("BundlePage", "事项目录载入失败：%1"), describe(error))
        )

    # -- browsing -----------------------------------------------------------------------------

    def _fill_browse(self, index: SearchIndex) -> None:
        subject = self.subject
        key = (subject, id(index))
        if key == self._browsed_for:
            return
        self._browsed_for = key
        self.browse.blockSignals(True)
        self.browse.clear()
        themes = QTreeWidgetItem(
            self.browse,
            [
                QCoreApplication.translate("BundlePage", "人生事件")
                if subject is Subject.PERSON
                else QCoreApplication.translate("BundlePage", "企业阶段")
            ],
        )
        for category in index.categories(subject):
            item = QTreeWidgetItem(themes, [category])
            item.setData(0, _BROWSE_ROLE, ("category", category))
        depts = QTreeWidgetItem(self.browse, [QCoreApplication.translate("BundlePage", "部门")])
        for dept_id, name, _count in index.departments():
            count = len(index.browse(dept=dept_id, subject=subject))
            if count:
                item = QTreeWidgetItem(
                    depts, [fill(QCoreApplication.translate("BundlePage", "%1（%2）"), name, count)]
                )
                item.setData(0, _BROWSE_ROLE, ("dept", dept_id))
        for top in (themes, depts):
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.setExpanded(True)
        depts.setExpanded(False)
        self.browse.blockSignals(False)

    def _browsed(self) -> tuple[str, str] | None:
        items = self.browse.selectedItems()
        found = items[0].data(0, _BROWSE_ROLE) if items else None
        return (str(found[0]), str(found[1])) if found else None

    def _on_browse_item_selection_changed(self) -> None:
        if self._browsed() is not None and self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self._refresh()

    def _on_subject_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._refresh()

    # -- searching ----------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        if text.strip() and self.browse.selectedItems():
            self.browse.blockSignals(True)
            self.browse.clearSelection()
            self.browse.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        """The results for what the box holds, or for what is browsed, or recent-then-all."""
        if self._index is None or self._index.catalog is not self.flow.catalog:
            self._load_index()  # never built here: on a worker, unless it is built already
        index = self._index
        if index is None:
            self.table.set_entries(())
            self.status.setText(QCoreApplication.translate("BundlePage", "正在载入事项目录…"))
            self._on_results_current_row_changed(QModelIndex())
            return
        self._fill_browse(index)
        subject = self.subject
        query = self.search.text().strip()
        browsed = self._browsed()
        entries: list[Entry]
        if query:
            entries = self.flow.search(query, subject)
            status = (
                fill(QCoreApplication.translate("BundlePage", "找到 %1 项"), len(entries))
                if entries
                else QCoreApplication.translate(
                    "BundlePage", "没有找到，换个说法试试（俗称、拼音、首字母、编码都可以）"
                )
            )
        elif browsed is not None:
            kind, value = browsed
            entries = index.browse(subject=subject, **{kind: value})
            label = (
                value
                if kind == "category"
                else next((n for d, n, _ in index.departments() if d == value), value)
            )
            status = fill(QCoreApplication.translate("BundlePage", "%1：%2 项"), label, len(entries))
        else:
            entries = self.flow.search("", subject)
            status = fill(
                QCoreApplication.translate("BundlePage", "全部 %1 项，最近办理的在前"), len(entries)
            )
        self.table.set_entries(entries)
        self.status.setText(status)
        if entries and not self._rows_fitted:  # the style's row height, known once a row exists
            height = self.results.sizeHintForRow(0)
            self.results.verticalHeader().setDefaultSectionSize(height)
            self._fit_rows(height)
            self._rows_fitted = True
        if entries:
            self.results.setCurrentIndex(self.table.index(0, 0))
        self._on_results_current_row_changed(self.results.currentIndex())

    def _fit_rows(self, row_height: int) -> None:
        """At least VISIBLE_ROWS rows under the header; more when the window has the room."""
        header = self.results.horizontalHeader().sizeHint().height()
        self.results.setMinimumHeight(header + VISIBLE_ROWS * row_height + 2 * self.results.frameWidth() + 2)

    def _on_results_current_row_changed(
        self, current: QModelIndex, _previous: QModelIndex | None = None
    ) -> None:
        picked = self.table.entry(current.row()) if current.isValid() else None
        self.guide.setEnabled(picked is not None)
        self.choose_button.setEnabled(picked is not None)

    def current_entry(self) -> Entry | None:
        """The entry highlighted in the results."""
        current = self.results.currentIndex()
        return self.table.entry(current.row()) if current.isValid() else None

    def _on_search_return_pressed(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.choose(entry.id)

    def _on_results_activated(self, index: QModelIndex) -> None:
        entry = self.table.entry(index.row())
        if entry is not None:
            self.choose(entry.id)

    def _on_choose_button_clicked(self) -> None:
        self._on_search_return_pressed()

    def _on_guide_clicked(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            GuideDialog(self.ctx, entry.id, self).open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box, Up/Down (and Page Up/Down) move through the results, so the hands stay
        on the keys; typing while the results have the focus goes on in the search box."""
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        if watched is self.search and event.key() in _MOVES and self.table.rowCount():
            row = self.results.currentIndex().row()
            row = max(0, min(self.table.rowCount() - 1, row + _MOVES[Qt.Key(event.key())]))
            self.results.setCurrentIndex(self.table.index(row, 0))
            return True
        if watched is self.results and event.text().isprintable() and event.text().strip():
            self.search.setFocus()
            self.search.insert(event.text())
            return True
        return super().eventFilter(watched, event)

    def choose(self, entry_id: str) -> None:
        self.flow.choose_bundle(entry_id)
        self.enter()
        self.chosen.emit(entry_id)
