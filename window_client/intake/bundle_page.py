"""Step "选择事项": find the "一件事" by Chinese, pinyin (chusheng) or initials (cs), by life event, or recently used."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QWidget,
)

from core.catalog.model import Bundle, Subject
from core.flows.intake import Step
from qtkit.i18n import fill
from qtkit.theme import current_scale
from window_client.context import WindowContext
from window_client.intake.model import IntakeModel
from window_client.intake.page import IntakePage
from window_client.intake.widgets import card, heading, hint

_COLUMNS = 3


class BundlePage(IntakePage):
    """Lives on the GUI thread. Choosing a bundle asks the screen to go on (``chosen``)."""

    step = Step.BUNDLE
    chosen = Signal(str)

    def __init__(self, ctx: WindowContext, model: IntakeModel, parent: QWidget | None = None) -> None:
        super().__init__(ctx, model, parent)
        s = current_scale().spacing_px
        self.set_titles(
            QCoreApplication.translate("BundlePage", "选择事项"),
            QCoreApplication.translate(
                "BundlePage",
                "输入事项名称、全拼或首字母（如 出生、chusheng、cs），回车选择第一项；也可按人生事件浏览。",
            ),
        )
        top = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("bundle_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate("BundlePage", "搜索事项：出生 / chusheng / cs")
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

        recent_card, recent_layout = card(self)
        recent_layout.addWidget(heading(QCoreApplication.translate("BundlePage", "最近办理"), recent_card))
        self.recent_row = QHBoxLayout()
        recent_layout.addLayout(self.recent_row)
        self.recent_card = recent_card
        self.body.addWidget(recent_card)

        self.views = QStackedWidget(self)
        self.browse = QWidget(self.views)
        self.browse_grid = QGridLayout(self.browse)
        self.browse_grid.setContentsMargins(0, 0, 0, 0)
        self.browse_grid.setSpacing(s)
        self.results = QListWidget(self.views)
        self.results.setObjectName("bundle_results")
        self.results.setSpacing(2)
        self.results.setAccessibleName(QCoreApplication.translate("BundlePage", "搜索结果"))
        self.results.itemActivated.connect(self._on_result_activated)
        self.results.itemClicked.connect(self._on_result_activated)
        self.views.addWidget(self.browse)
        self.views.addWidget(self.results)
        self.body.addWidget(self.views)
        self.body.addStretch(1)
        self._built_for: tuple[Subject, tuple[str, ...]] | None = None

    @property
    def subject(self) -> Subject:
        checked = self.subjects.checkedButton()
        return Subject(checked.property("subject")) if checked else Subject.PERSON

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
        self._fill_recent()
        self._fill_browse()
        self._on_search_text_changed(self.search.text())

    # -- browsing -----------------------------------------------------------------------------

    def _bundle_button(self, bundle: Bundle, parent: QWidget) -> QPushButton:
        button = QPushButton(bundle.name, parent)
        button.setObjectName(f"bundle_{bundle.id}")
        button.setToolTip(bundle.eligibility)
        button.clicked.connect(lambda _checked=False, b=bundle.id: self.choose(b))
        return button

    def _fill_recent(self) -> None:
        while self.recent_row.count():
            item = self.recent_row.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        recent = [self.ctx.catalog.bundles[b] for b in self.flow.recent[:4] if b in self.ctx.catalog.bundles]
        for bundle in recent:
            self.recent_row.addWidget(self._bundle_button(bundle, self.recent_card))
        self.recent_row.addStretch(1)
        self.recent_card.setVisible(bool(recent))

    def _fill_browse(self) -> None:
        subject = self.subject
        key = (subject, tuple(self.ctx.catalog.bundles))
        if key == self._built_for:
            return
        self._built_for = key
        while self.browse_grid.count():
            item = self.browse_grid.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        categories: dict[str, list[Bundle]] = {}
        for bundle in self.ctx.catalog.bundles.values():
            if bundle.subject is subject:
                categories.setdefault(bundle.category, []).append(bundle)
        for index, (category, bundles) in enumerate(categories.items()):
            frame, layout = card(self.browse)
            layout.addWidget(hint(category, frame))
            for bundle in bundles:
                layout.addWidget(self._bundle_button(bundle, frame))
            layout.addStretch(1)
            self.browse_grid.addWidget(frame, index // _COLUMNS, index % _COLUMNS)
        for column in range(_COLUMNS):
            self.browse_grid.setColumnStretch(column, 1)

    def _on_subject_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._fill_browse()
            self._on_search_text_changed(self.search.text())

    # -- searching ----------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.views.setCurrentWidget(self.browse)
            return
        self.results.clear()
        for bundle in self.flow.search(query):
            item = QListWidgetItem(f"{bundle.name}　·　{bundle.category}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, bundle.id)
        rows = max(self.results.count(), 1)
        self.results.setFixedHeight(
            min(rows, 8) * self.results.sizeHintForRow(0) + 2 * self.results.frameWidth() + 4
        )
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            item = QListWidgetItem(
                QCoreApplication.translate("BundlePage", "没有找到，换个说法试试"), self.results
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.views.setCurrentWidget(self.results)

    def _on_search_return_pressed(self) -> None:
        item = self.results.currentItem()
        if self.views.currentWidget() is self.results and item is not None:
            self._on_result_activated(item)

    def _on_result_activated(self, item: QListWidgetItem) -> None:
        bundle_id = item.data(Qt.ItemDataRole.UserRole)
        if bundle_id:
            self.choose(str(bundle_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the results (the hands stay on the keys)."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.results.count()
        ):
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def choose(self, bundle_id: str) -> None:
        self.flow.choose_bundle(bundle_id)
        self.enter()
        self.chosen.emit(bundle_id)
