"""办事指南 at the kiosk: a citizen finds a matter by life event or by pinyin letters, reads its guide in
large type and prints it on the kiosk's receipt printer.

Nothing here needs the citizen's identity and nothing of theirs is kept: the guide is catalog
data (core.catalog.guide), the receipt names no one (core.receipts.guide_receipt). The search
index (core.catalog.search.SearchIndex) is built off the GUI thread the first time. The session's
inactivity policy applies as on every screen: left alone, the kiosk returns to the attract screen.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.catalog.guide import Guide, guide_of
from core.catalog.model import Subject
from core.catalog.search import BUNDLE, Entry, SearchIndex
from core.errors import TongbanError
from core.receipts import guide_receipt
from devices.errors import DeviceError
from kiosk.keypad import Keypad, KeypadKind
from kiosk.screens.base import KioskScreen, Navigator
from qtkit.guide_view import GuideView
from qtkit.i18n import fill
from qtkit.labels import limit_label
from qtkit.messages import describe
from qtkit.operations import while_alive
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from devices.printer import PrintResult
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

RESULTS: Final = 40  # rows a search shows; more letters narrow it
PRINT_WAIT_MS: Final = 30_000
CATEGORY_COLUMNS: Final = 3


class GuideScreen(KioskScreen):
    """Find (life event or letters) → results → the guide → 打印. Lives on the GUI thread, for one session."""

    name = "guide"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("GuideScreen", "办事指南"))
        self.index: SearchIndex | None = None
        self.guide: Guide | None = None
        self.subject = Subject.PERSON
        self.category = ""
        s = self.scale.spacing_px
        modes = QHBoxLayout()
        modes.setSpacing(s * 2)
        self.person_button = self._mode(QCoreApplication.translate("GuideScreen", "个人办事"), "person")
        self.entity_button = self._mode(QCoreApplication.translate("GuideScreen", "企业办事"), "entity")
        self.letters_button = self._mode(
            QCoreApplication.translate("GuideScreen", "拼音首字母查找"), "letters"
        )
        for button in (self.person_button, self.entity_button, self.letters_button):
            modes.addWidget(button)
        self.body.addLayout(modes)
        self.hint = self.big_label(size=self.scale.heading_pt)
        self.hint.setObjectName("guide-hint")
        self.body.addWidget(self.hint)
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)
        self.categories_page = QWidget(self.pages)
        self.categories = QGridLayout(self.categories_page)
        self.categories.setContentsMargins(0, 0, 0, 0)
        self.categories.setSpacing(s * 2)
        self.category_buttons: dict[str, BigButton] = {}
        self.results_page = QWidget(self.pages)
        results = QVBoxLayout(self.results_page)
        results.setContentsMargins(0, 0, 0, 0)
        results.setSpacing(s * 2)
        self.results = QListWidget(self.results_page)
        self.results.setObjectName("guide-results")
        self.results.setAccessibleName(QCoreApplication.translate("GuideScreen", "查找结果"))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setStyleSheet(
            f"QListWidget::item {{ padding: {s * 2}px {s}px; min-height: {self.scale.touch_px}px;"
            f" border-bottom: 1px solid {self.scale.colors.border}; }}"
        )
        font = self.results.font()
        font.setPointSizeF(self.scale.heading_pt)
        self.results.setFont(font)
        self.results.itemClicked.connect(self._on_result_clicked)
        results.addWidget(self.results, 1)
        self.keypad = Keypad(KeypadKind.LETTERS, 16, self.results_page, scale=self.scale)
        self.keypad.setAccessibleName(QCoreApplication.translate("GuideScreen", "拼音字母键盘"))
        self.keypad.text_changed.connect(self._on_keypad_text_changed)
        results.addWidget(self.keypad)
        self.guide_page = QWidget(self.pages)
        guide = QVBoxLayout(self.guide_page)
        guide.setContentsMargins(0, 0, 0, 0)
        guide.setSpacing(s * 2)
        self.view = GuideView(self.guide_page)
        font = self.view.font()
        font.setPointSizeF(max(self.scale.body_pt, 18.0))  # large type, larger still in 长辈版
        self.view.setFont(font)
        guide.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.setSpacing(s * 2)
        self.up_button = BigButton(QCoreApplication.translate("GuideScreen", "▲ 上一页"), self.guide_page)
        self.up_button.clicked.connect(partial(self._page, -1))
        self.down_button = BigButton(QCoreApplication.translate("GuideScreen", "▼ 下一页"), self.guide_page)
        self.down_button.clicked.connect(partial(self._page, 1))
        self.print_button = BigButton(
            QCoreApplication.translate("GuideScreen", "打印办事指南"), self.guide_page, primary=True
        )
        self.print_button.setObjectName("guide-print")
        self.print_button.clicked.connect(self._on_print_clicked)
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        guide.addLayout(row)
        for page in (self.categories_page, self.results_page, self.guide_page):
            self.pages.addWidget(page)

    def _mode(self, text: str, mode: str) -> BigButton:
        button = self.big_button(text, partial(self.show_mode, mode))
        button.setCheckable(True)
        return button

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        self.index = SearchIndex.cached(self.ctx.catalog)
        if self.index is None:
            self.hint.setText(QCoreApplication.translate("GuideScreen", "正在载入事项目录…"))
            for button in (self.person_button, self.entity_button, self.letters_button):
                button.setEnabled(False)
            catalog = self.ctx.catalog
            self.ctx.runner.run(
                lambda: SearchIndex.of(catalog),  # about a second at 5,000 matters: never on the GUI thread
                on_done=while_alive(self, self._on_index_built),
                on_error=while_alive(self, self._on_index_failed),
            )
            return
        self.show_mode("person")

    def prompt(self) -> str:
        return QCoreApplication.translate("GuideScreen", "请选择要查的事情，或点拼音首字母查找。")

    def go_back(self) -> None:
        """The guide → its list; a life event's list → the life events; otherwise the menu."""
        current = self.pages.currentWidget()
        if current is self.guide_page:
            self.pages.setCurrentWidget(self.results_page)
            self.clear_message()
        elif current is self.results_page and self.category:
            self.show_mode(self.subject.value)
        else:
            self.nav.show_screen("menu")

    def _on_index_built(self, index: SearchIndex) -> None:
        self.index = index
        for button in (self.person_button, self.entity_button, self.letters_button):
            button.setEnabled(True)
        self.show_mode("person")

    def _on_index_failed(self, error: BaseException) -> None:
        logger.error("the kiosk's search index could not be built: %s", error)
        self.show_message(
            BannerLevel.ERROR,
            QCoreApplication.translate("GuideScreen", "事项目录暂时无法查询，请到人工窗口咨询。"),
        )

    # -- finding -------------------------------------------------------------------------------

    def show_mode(self, mode: str) -> None:
        """``person`` / ``entity``: life events or enterprise stages as big buttons; ``letters``: the keypad."""
        if self.index is None:
            return
        self.category = ""
        for button, name in (
            (self.person_button, "person"),
            (self.entity_button, "entity"),
            (self.letters_button, "letters"),
        ):
            button.setChecked(mode == name)
            button.setProperty("variant", "primary" if mode == name else "")  # the way chosen, filled
            button.style().unpolish(button)
            button.style().polish(button)
            # The style sheet's min-height, set by that polish, is lower than a touch target:
            # the floor again (BigButton keeps it only on a Polish event, which this is not).
            button.apply_scale(button.scale)
        if mode == "letters":
            self.hint.setText(
                QCoreApplication.translate(
                    "GuideScreen", "点拼音首字母，如“出生登记”点 C S D J；也可以拼全拼。"
                )
            )
            self.keypad.setVisible(True)
            self.keypad.clear()
            self.pages.setCurrentWidget(self.results_page)
            return
        self.subject = Subject(mode)
        self.hint.setText(
            QCoreApplication.translate("GuideScreen", "您要办的事情属于哪一类？")
            if self.subject is Subject.PERSON
            else QCoreApplication.translate("GuideScreen", "企业处在哪个阶段？")
        )
        self._fill_categories(self.index.categories(self.subject))
        self.pages.setCurrentWidget(self.categories_page)

    def _fill_categories(self, names: list[str]) -> None:
        for button in self.category_buttons.values():
            self.categories.removeWidget(button)
            button.deleteLater()
        self.category_buttons = {}
        for n, name in enumerate(names):
            button = BigButton(name, self.categories_page)
            button.setObjectName(f"category-{name}")
            button.clicked.connect(partial(self.show_category, name))
            self.categories.addWidget(button, *divmod(n, CATEGORY_COLUMNS))
            self.category_buttons[name] = button
        self.categories.setRowStretch(len(names) // CATEGORY_COLUMNS + 1, 1)

    def show_category(self, category: str) -> None:
        assert self.index is not None
        self.category = category
        entries = self.index.browse(category=category, subject=self.subject)
        self.hint.setText(
            fill(
                QCoreApplication.translate("GuideScreen", "“%1”共 %2 项，点一项查看办事指南。"),
                category,
                len(entries),
            )
        )
        self.keypad.setVisible(False)
        self._fill_results(entries)
        self.pages.setCurrentWidget(self.results_page)

    def search(self, text: str) -> list[Entry]:
        """What the letters typed find (matters and bundles, best first)."""
        if self.index is None or not text:
            return []
        return self.index.search(text, limit=RESULTS)

    def _on_keypad_text_changed(self, text: str) -> None:
        entries = self.search(text)
        self._fill_results(entries)
        if not text:
            self.hint.setText(
                QCoreApplication.translate(
                    "GuideScreen", "点拼音首字母，如“出生登记”点 C S D J；也可以拼全拼。"
                )
            )
        elif entries:
            self.hint.setText(
                fill(
                    QCoreApplication.translate("GuideScreen", "找到 %1 项，点一项查看办事指南。"),
                    len(entries),
                )
            )
        else:
            self.hint.setText(
                QCoreApplication.translate("GuideScreen", "没有找到，请少点一个字母再试，或按类别查找。")
            )

    def _fill_results(self, entries: list[Entry]) -> None:
        self.results.clear()
        for entry in entries:
            kind = (
                QCoreApplication.translate("GuideScreen", "“一件事”")
                if entry.kind == BUNDLE
                else QCoreApplication.translate("GuideScreen", "单项事项")
            )
            detail = f"{entry.dept_name} · {kind} · {limit_label(entry.limit_days)}"
            item = QListWidgetItem(f"{entry.name}\n{detail}", self.results)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.name}，{detail}")
        self.results.scrollToTop()

    def _on_result_clicked(self, item: QListWidgetItem) -> None:
        self.open_guide(str(item.data(Qt.ItemDataRole.UserRole)))

    # -- the guide -----------------------------------------------------------------------------

    def open_guide(self, entry_id: str) -> None:
        try:
            self.guide = guide_of(self.ctx.catalog, entry_id)
        except TongbanError as exc:  # a catalog swapped under the list: say so, stay on the list
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        self.clear_message()
        self.view.show_guide(self.guide)
        self.view.verticalScrollBar().setValue(0)
        self.hint.setText(QCoreApplication.translate("GuideScreen", "可以打印带走；点“返回”看其他事项。"))
        self.pages.setCurrentWidget(self.guide_page)
        self.nav.say(self.guide.name)

    def _page(self, direction: int) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + direction * bar.pageStep())

    def _on_print_clicked(self) -> None:
        if self.guide is None:
            return
        waiting = self.nav.wait(
            QCoreApplication.translate("GuideScreen", "正在打印办事指南，请稍候…"),
            timeout_ms=PRINT_WAIT_MS,
            cancellable=False,
            on_give_up=lambda _reason: self._print_failed(
                QCoreApplication.translate("GuideScreen", "打印机没有回应")
            ),
        )
        self.ctx.devices.print_receipt(
            guide_receipt(self.guide, self.ctx.config),
            on_done=waiting.guard(while_alive(self, self._on_printed)),
            on_error=waiting.guard(while_alive(self, self._on_print_error)),
        )

    def _on_printed(self, _result: PrintResult) -> None:
        self.show_message(
            BannerLevel.SUCCESS, QCoreApplication.translate("GuideScreen", "办事指南已打印，请在出纸口取走。")
        )

    def _on_print_error(self, error: BaseException) -> None:
        logger.warning("guide not printed: %s", getattr(error, "detail", error))
        reason = describe(error) if isinstance(error, TongbanError | DeviceError) else ""
        self._print_failed(reason or QCoreApplication.translate("GuideScreen", "打印机出现故障"))

    def _print_failed(self, reason: str) -> None:
        self.show_message(
            BannerLevel.ERROR,
            fill(
                QCoreApplication.translate(
                    "GuideScreen", "办事指南没有打印出来：%1。您可以拍照记下，或到人工窗口咨询。"
                ),
                reason,
            ),
        )
