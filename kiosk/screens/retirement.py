"""“我什么时候退休”: a citizen's statutory retirement age and month under the 2025 law, in large type.

The birth month and sex come from the ID card (the identified citizen's, or a card placed on the
reader while this screen shows) or are typed on the keypad; a woman says whether her original
retirement age was 50 or 55. The answer is core.rules.retirement's, as ``tongban rules retirement``
gives it; nothing is kept (a card placed here identifies nobody) and no case is made.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from core.errors import TongbanError
from core.rules.retirement import Category, Retirement, YearMonth, retirement_rules
from kiosk.keypad import Keypad, KeypadKind
from kiosk.screens.base import KioskScreen, Navigator
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from core.flows.intake import CardData
    from kiosk.context import KioskContext

BIRTH_DIGITS: Final = 6  # YYYYMM


class RetirementScreen(KioskScreen):
    """Birth month (card or keypad) → category (women: 50 or 55) → the answer. GUI thread, one session."""

    name = "retirement_age"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("RetirementScreen", "我什么时候退休"))
        self.born: YearMonth | None = None
        self.sex = ""  # 男 / 女, when a card said it
        self.result: Retirement | None = None
        s = self.scale.spacing_px
        self.hint = self.big_label(size=self.scale.heading_pt)
        self.hint.setObjectName("retirement-hint")
        self.body.addWidget(self.hint)
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)
        # the question: the keypad for a typed birth month, and the category buttons
        self.ask_page = QWidget(self.pages)
        ask = QVBoxLayout(self.ask_page)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.setSpacing(s * 2)
        self.keypad = Keypad(KeypadKind.DIGITS, BIRTH_DIGITS, self.ask_page, scale=self.scale)
        self.keypad.setAccessibleName(QCoreApplication.translate("RetirementScreen", "出生年月数字键盘"))
        self.keypad.text_changed.connect(self._on_keypad_text_changed)
        ask.addWidget(self.keypad, 1)
        row = QHBoxLayout()
        row.setSpacing(s * 2)
        self.category_buttons: dict[Category, BigButton] = {}
        for category, text in (
            (Category.MALE, QCoreApplication.translate("RetirementScreen", "男职工")),
            (Category.FEMALE50, QCoreApplication.translate("RetirementScreen", "女职工\n原50周岁退休")),
            (Category.FEMALE55, QCoreApplication.translate("RetirementScreen", "女职工\n原55周岁退休")),
        ):
            button = BigButton(text, self.ask_page, primary=True)
            button.setObjectName(f"retirement-{category.value}")
            button.setMinimumHeight(int(self.scale.touch_px * 1.6))
            button.clicked.connect(partial(self._on_category_clicked, category))
            row.addWidget(button)
            self.category_buttons[category] = button
        ask.addLayout(row)
        # the answer, in large type
        self.answer_page = QWidget(self.pages)
        shown = QVBoxLayout(self.answer_page)
        shown.setContentsMargins(0, 0, 0, 0)
        shown.setSpacing(s * 2)
        self.age_label = self.big_label(size=self.scale.title_pt * 1.3)
        self.age_label.setObjectName("retirement-age")
        self.month_label = self.big_label(size=self.scale.title_pt * 1.3)
        self.month_label.setObjectName("retirement-month")
        self.minimum_label = self.big_label(size=self.scale.heading_pt)
        self.flexible_label = self.big_label(size=self.scale.heading_pt)
        self.basis_label = self.big_label(size=self.scale.small_pt)
        for label in (self.age_label, self.month_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        for label in (
            self.age_label,
            self.month_label,
            self.minimum_label,
            self.flexible_label,
            self.basis_label,
        ):
            shown.addWidget(label)
        shown.addStretch(1)
        self.again_button = BigButton(
            QCoreApplication.translate("RetirementScreen", "重新查询"), self.answer_page
        )
        self.again_button.clicked.connect(self.start_over)
        shown.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(self.ask_page)
        self.pages.addWidget(self.answer_page)

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        citizen = self.nav.session.citizen
        if citizen is not None and citizen.birth_date is not None and citizen.sex in ("男", "女"):
            self._from_card(citizen.birth_date, citizen.sex)
        else:
            self.start_over()

    def prompt(self) -> str:
        if self.pages.currentWidget() is self.answer_page:
            return f"{self.age_label.text()}。{self.month_label.text()}。"
        return self.hint.text()

    def on_card(self, card: CardData) -> bool:
        """A card placed here answers the birth month and sex; it identifies nobody."""
        if card.birth_date is None or card.sex not in ("男", "女"):
            return False
        self._from_card(card.birth_date, card.sex)
        self.nav.say(self.prompt())
        return True

    def go_back(self) -> None:
        if self.pages.currentWidget() is self.answer_page or self.born is not None:
            self.start_over()
        else:
            self.nav.show_screen("menu")

    # -- asking --------------------------------------------------------------------------------

    def start_over(self) -> None:
        """Back to the question: type the birth month or place the card."""
        self.born, self.sex, self.result = None, "", None
        self.clear_message()
        self.keypad.clear()
        self.keypad.setVisible(True)
        self._show_categories((Category.MALE, Category.FEMALE50, Category.FEMALE55), enabled=False)
        self.hint.setText(
            QCoreApplication.translate(
                "RetirementScreen", "请放身份证，或输入出生年月（6 位数字，如 1966 年 6 月输入 196606）。"
            )
        )
        self.pages.setCurrentWidget(self.ask_page)

    def _from_card(self, birth: date, sex: str) -> None:
        self.clear_message()
        self.born, self.sex = YearMonth.of(birth), sex
        self.keypad.setVisible(False)
        if sex == "男":
            self.answer(Category.MALE)
            return
        self._show_categories((Category.FEMALE50, Category.FEMALE55), enabled=True)
        self.hint.setText(
            fill(
                QCoreApplication.translate(
                    "RetirementScreen",
                    "按身份证：%1年%2月出生，女。您原来的退休年龄是50周岁还是55周岁？"
                    "（一般原工人岗位为50周岁，原干部、管理和专业技术岗位为55周岁）",
                ),
                birth.year,
                birth.month,
            )
        )
        self.pages.setCurrentWidget(self.ask_page)

    def _show_categories(self, shown: tuple[Category, ...], *, enabled: bool) -> None:
        for category, button in self.category_buttons.items():
            button.setVisible(category in shown)
            button.setEnabled(enabled)

    def _on_keypad_text_changed(self, text: str) -> None:
        self.clear_message()
        self.born = None
        ready = len(text) == BIRTH_DIGITS
        if ready:
            try:
                born = YearMonth.parse(f"{text[:4]}-{text[4:]}", field="birth")
            except TongbanError as exc:
                self.show_message(BannerLevel.ERROR, describe(exc))
                ready = False
            else:
                today = self.ctx.clock.now().date()
                if born > YearMonth.of(today):
                    self.show_message(
                        BannerLevel.ERROR,
                        QCoreApplication.translate("RetirementScreen", "出生年月不能晚于本月，请重新输入。"),
                    )
                    ready = False
                else:
                    self.born = born
        self._show_categories(tuple(self.category_buttons), enabled=ready)
        if ready and self.born is not None:
            self.hint.setText(
                fill(
                    QCoreApplication.translate(
                        "RetirementScreen",
                        "%1年%2月出生。请选择：男职工，或女职工原来的退休年龄（50周岁或55周岁）。",
                    ),
                    self.born.year,
                    self.born.month,
                )
            )

    # -- the answer ----------------------------------------------------------------------------

    def answer(self, category: Category) -> None:
        """Show the statutory retirement of ``self.born`` in ``category``."""
        if self.born is None:
            return
        r = retirement_rules().statutory(self.born, category)
        self.result = r
        self.age_label.setText(
            fill(
                QCoreApplication.translate("RetirementScreen", "法定退休年龄：%1岁%2个月"),
                r.age_years,
                r.age_months,
            )
            if r.age_months
            else fill(QCoreApplication.translate("RetirementScreen", "法定退休年龄：%1岁"), r.age_years)
        )
        self.month_label.setText(
            fill(
                QCoreApplication.translate("RetirementScreen", "%1年%2月退休"),
                r.retire_month.year,
                r.retire_month.month,
            )
        )
        minimum, half = divmod(r.min_contribution_months, 12)
        self.minimum_label.setText(
            fill(
                QCoreApplication.translate(
                    "RetirementScreen", "按月领取养老金，基本养老保险最少要缴费 %1 年（%2年退休）"
                )
                if not half
                else QCoreApplication.translate(
                    "RetirementScreen", "按月领取养老金，基本养老保险最少要缴费 %1 年 6 个月（%2年退休）"
                ),
                minimum,
                r.retire_month.year,
            )
        )
        delay = fill(
            QCoreApplication.translate("RetirementScreen", "与单位协商一致，最晚可以延迟到 %1年%2月退休。"),
            r.delay_to.year,
            r.delay_to.month,
        )
        if r.early_from <= r.early_to:
            early = fill(
                QCoreApplication.translate(
                    "RetirementScreen", "缴费满最低年限的，最早可以在 %1年%2月弹性提前退休；"
                ),
                r.early_from.year,
                r.early_from.month,
            )
        else:
            early = QCoreApplication.translate("RetirementScreen", "您的退休年龄没有延迟，不能弹性提前退休；")
        self.flexible_label.setText(early + delay)
        self.basis_label.setText(
            QCoreApplication.translate(
                "RetirementScreen",
                "依据《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2025年1月1日起施行）。"
                "特殊工种、因病提前退休等按国家另有规定；办理退休以人社部门审核为准。",
            )
        )
        self.hint.setText(
            fill(
                QCoreApplication.translate("RetirementScreen", "%1年%2月出生，%3："),
                self.born.year,
                self.born.month,
                self._category_text(category),
            )
        )
        self.keypad.setVisible(False)
        self.pages.setCurrentWidget(self.answer_page)

    def _on_category_clicked(self, category: Category) -> None:
        self.answer(category)
        self.nav.say(self.prompt())

    def _category_text(self, category: Category) -> str:
        return {
            Category.MALE: QCoreApplication.translate("RetirementScreen", "男职工"),
            Category.FEMALE50: QCoreApplication.translate("RetirementScreen", "女职工，原50周岁退休"),
            Category.FEMALE55: QCoreApplication.translate("RetirementScreen", "女职工，原55周岁退休"),
        }[category]
