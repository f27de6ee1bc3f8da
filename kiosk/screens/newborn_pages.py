"""The pages of 出生即参保, one decision each: certificate number, name, sex, birth date, phone, payment,
confirm, result.

Plain widgets on the GUI thread; the NewbornScreen (kiosk/screens/newborn.py) feeds them from
core.flows.newborn.NewbornForm and reacts to their buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from core.case_numbers import parse_case_number
from core.flows.newborn import NewbornForm
from core.flows.newborn_payment import PaymentChannel
from kiosk.keypad import DatePicker, Keypad, KeypadKind, day_text
from qtkit.i18n import fill
from qtkit.theme import ThemeScale
from qtkit.widgets.big_button import BigButton

if TYPE_CHECKING:
    from kiosk.screens.newborn_submit import Submitted


class Page(QWidget):
    """A page: a heading, a hint, its controls, and (usually) one 下一步 button at the bottom."""

    next_clicked = Signal()

    def __init__(self, scale: ThemeScale, parent: QWidget | None = None, *, with_next: bool = True) -> None:
        super().__init__(parent)
        self.scale = scale
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(scale.spacing_px * 2)
        self.heading = self.label(role="heading", size=scale.heading_pt)
        self.hint = self.label()
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(self.hint)
        self.next_button: BigButton | None = None
        self._with_next = with_next

    def finish_layout(self) -> None:
        """Called by subclasses after their controls: the stretch, then 下一步."""
        self.layout_.addStretch(1)
        if self._with_next:
            self.next_button = BigButton(
                QCoreApplication.translate("NewbornScreen", "下一步"), self, primary=True
            )
            self.next_button.clicked.connect(self.next_clicked)
            self.layout_.addWidget(self.next_button)

    def label(self, text: str = "", *, role: str = "", size: float | None = None) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if role:
            label.setProperty("role", role)
        font = label.font()
        font.setPointSizeF(size or self.scale.body_pt)
        label.setFont(font)
        return label

    def set_texts(self, heading: str, hint: str = "") -> None:
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))


class CertificatePage(Page):
    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.parent_line = self.label(role="muted")
        self.layout_.insertWidget(0, self.parent_line)
        self.keypad = Keypad(KeypadKind.BIRTH_CERT, 10, self, scale=scale)
        self.keypad.setAccessibleName(QCoreApplication.translate("NewbornScreen", "出生医学证明编号输入键盘"))
        self.layout_.addWidget(self.keypad)
        self.finish_layout()


class NamePage(Page):
    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.set_texts(
            QCoreApplication.translate("NewbornScreen", "宝宝的姓名"),
            QCoreApplication.translate(
                "NewbornScreen", "点下面的输入框，用屏幕键盘输入宝宝的姓名（与出生医学证明一致）。"
            ),
        )
        self.source = self.label(role="muted")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("child-name")
        self.edit.setAccessibleName(QCoreApplication.translate("NewbornScreen", "宝宝姓名"))
        self.edit.setPlaceholderText(QCoreApplication.translate("NewbornScreen", "点这里输入姓名"))
        self.edit.setMinimumHeight(scale.touch_px)
        font = self.edit.font()
        font.setPointSizeF(scale.title_pt)
        self.edit.setFont(font)
        self.edit.returnPressed.connect(self.next_clicked)
        self.layout_.addWidget(self.edit)
        self.layout_.addWidget(self.source)
        self.finish_layout()


class SexPage(Page):
    chosen = Signal(str)

    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent, with_next=False)
        self.set_texts(QCoreApplication.translate("NewbornScreen", "宝宝的性别"))
        self.buttons: dict[str, BigButton] = {}
        for value, text in (
            ("男", QCoreApplication.translate("NewbornScreen", "男孩")),
            ("女", QCoreApplication.translate("NewbornScreen", "女孩")),
        ):
            button = BigButton(text, self, primary=True)
            button.setMinimumHeight(scale.touch_px * 2)
            button.clicked.connect(lambda _checked=False, v=value: self.chosen.emit(v))
            self.buttons[value] = button
            self.layout_.addWidget(button)
        self.finish_layout()


class BirthDatePage(Page):
    def __init__(self, scale: ThemeScale, today: date, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.set_texts(
            QCoreApplication.translate("NewbornScreen", "宝宝的出生日期"),
            QCoreApplication.translate(
                "NewbornScreen", "点“前一天”“前一个月”调到出生那天（与出生医学证明一致）。"
            ),
        )
        self.picker = DatePicker(today, self, years=True, scale=scale)
        self.picker.setAccessibleName(QCoreApplication.translate("NewbornScreen", "出生日期选择"))
        self.age = self.label(role="heading", size=scale.heading_pt)
        self.age.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.picker)
        self.layout_.addWidget(self.age)
        self.finish_layout()


class PhonePage(Page):
    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.set_texts(
            QCoreApplication.translate("NewbornScreen", "您的手机号码"),
            QCoreApplication.translate("NewbornScreen", "医保部门用它通知您参保结果。"),
        )
        self.keypad = Keypad(KeypadKind.DIGITS, 11, self, scale=scale)
        self.keypad.setAccessibleName(QCoreApplication.translate("NewbornScreen", "手机号码输入键盘"))
        self.layout_.addWidget(self.keypad)
        self.finish_layout()


class PaymentPage(Page):
    """缴费情况: where the parent paid (or not yet), the amount and the receipt number. The kiosk takes no
    money: what is entered is the parent's own statement (core.flows.newborn_payment)."""

    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.set_texts(
            QCoreApplication.translate("NewbornScreen", "宝宝的医保费交了吗？"),
            QCoreApplication.translate(
                "NewbornScreen",
                "本机不收费。已经缴费的，选缴费的地方并输入金额；还没有缴费的，提交后请尽快缴费："
                "出生 90 天内参保缴费的，从出生之日起享受医保待遇。",
            ),
        )
        self.channel: PaymentChannel | None = None
        self.buttons: dict[PaymentChannel, BigButton] = {}
        grid = QGridLayout()
        grid.setSpacing(scale.spacing_px)
        texts = (
            (PaymentChannel.NOT_YET, QCoreApplication.translate("NewbornScreen", "还没有缴费")),
            (PaymentChannel.HOSPITAL, QCoreApplication.translate("NewbornScreen", "已在医院收费处缴费")),
            (
                PaymentChannel.MOBILE,
                QCoreApplication.translate("NewbornScreen", "已用手机缴费（税务APP、微信、支付宝）"),
            ),
            (PaymentChannel.COUNTER, QCoreApplication.translate("NewbornScreen", "已在银行或服务大厅缴费")),
        )
        for index, (channel, text) in enumerate(texts):
            button = BigButton(text, self)
            button.clicked.connect(lambda _checked=False, c=channel: self.choose(c))
            self.buttons[channel] = button
            grid.addWidget(button, index // 2, index % 2)
        self.layout_.addLayout(grid)
        self.amount_label = self.label(QCoreApplication.translate("NewbornScreen", "缴费金额（元）："))
        self.amount = self.edit(QCoreApplication.translate("NewbornScreen", "如 400"), "payment-amount")
        self.amount.setAccessibleName(QCoreApplication.translate("NewbornScreen", "缴费金额（元）"))
        self.amount.setMaxLength(5)
        self.receipt = self.edit(
            QCoreApplication.translate("NewbornScreen", "缴费凭证号（电子税票号码，选填）"), "payment-receipt"
        )
        self.receipt.setAccessibleName(QCoreApplication.translate("NewbornScreen", "缴费凭证号"))
        self.receipt.setMaxLength(30)
        row = QHBoxLayout()
        row.setSpacing(scale.spacing_px)
        row.addWidget(self.amount_label)
        row.addWidget(self.amount, 1)
        row.addWidget(self.receipt, 2)
        self.layout_.addLayout(row)
        self.finish_layout()
        self.choose(None)

    def edit(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(self.scale.touch_px)
        font = edit.font()
        font.setPointSizeF(self.scale.heading_pt)
        edit.setFont(font)
        return edit

    def choose(self, channel: PaymentChannel | None) -> None:
        """Mark ``channel`` chosen (the accent fill); amount and receipt show only for a payment made."""
        self.channel = channel
        for value, button in self.buttons.items():
            button.setProperty("variant", "primary" if value is channel else "")
            button.style().unpolish(button)
            button.style().polish(button)
            # The style sheet's min-height, set by that polish, is lower than a touch target:
            # the floor again (BigButton keeps it only on a Polish event, which this is not).
            button.apply_scale(button.scale)
        paid = channel not in (None, PaymentChannel.NOT_YET)
        for widget in (self.amount_label, self.amount, self.receipt):
            widget.setVisible(paid)

    def clear(self) -> None:
        self.amount.clear()
        self.receipt.clear()
        self.choose(None)


class ConfirmPage(Page):
    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent)
        self.set_texts(
            QCoreApplication.translate("NewbornScreen", "请核对宝宝的信息"),
            QCoreApplication.translate(
                "NewbornScreen", "提交后将为宝宝办理城乡居民医保参保登记。有错请点“返回”修改。"
            ),
        )
        self.rows = self.label(size=scale.heading_pt)
        self.rows.setObjectName("newborn-summary")
        self.layout_.addWidget(self.rows)
        self.finish_layout()
        if self.next_button is not None:
            self.next_button.setText(QCoreApplication.translate("NewbornScreen", "信息无误，提交"))

    def show_form(self, form: NewbornForm) -> None:
        """The baby's data in full (the parent must check it); the parent masked."""
        birth = form.birth_date
        cert = (
            fill(QCoreApplication.translate("NewbornScreen", "%1（已核验电子证照）"), form.cert_no)
            if form.licence.verified
            else fill(QCoreApplication.translate("NewbornScreen", "%1（待联网核验）"), form.cert_no)
        )
        sex = (
            QCoreApplication.translate("NewbornScreen", "男")
            if form.child_sex == "男"
            else QCoreApplication.translate("NewbornScreen", "女")
        )
        rows = [
            (QCoreApplication.translate("NewbornScreen", "宝宝姓名"), form.child_name),
            (QCoreApplication.translate("NewbornScreen", "性别"), sex),
            (QCoreApplication.translate("NewbornScreen", "出生日期"), day_text(birth) if birth else ""),
            (QCoreApplication.translate("NewbornScreen", "出生医学证明编号"), cert),
            (
                QCoreApplication.translate("NewbornScreen", "监护人"),
                fill(
                    QCoreApplication.translate("NewbornScreen", "%1（证件号 %2）"),
                    form.parent.masked_name,
                    form.parent.masked_id,
                ),
            ),
            (QCoreApplication.translate("NewbornScreen", "联系电话"), form.phone),
        ]
        if form.payment is not None:
            rows.append((QCoreApplication.translate("NewbornScreen", "缴费情况"), payment_text(form)))
        text = "\n".join(fill(QCoreApplication.translate("NewbornScreen", "%1：%2"), k, v) for k, v in rows)
        self.rows.setText(text)
        self.rows.setAccessibleName(text)


class ResultPage(Page):
    """The outcome: 参保成功 / 已受理（离线）…, the case number, the receipt's state, and what next."""

    bundle_clicked = Signal()
    done_clicked = Signal()

    def __init__(self, scale: ThemeScale, parent: QWidget | None = None) -> None:
        super().__init__(scale, parent, with_next=False)
        self.heading.setProperty("role", "title")
        font = self.heading.font()
        font.setPointSizeF(scale.title_pt)
        self.heading.setFont(font)
        self.details = self.label(size=scale.heading_pt)
        self.details.setObjectName("newborn-result")
        self.receipt = self.label(role="muted")
        self.receipt.setObjectName("newborn-receipt")
        self.layout_.addWidget(self.details)
        self.layout_.addWidget(self.receipt)
        self.layout_.addStretch(1)
        self.bundle_button = BigButton(
            QCoreApplication.translate("NewbornScreen", "还要办理出生“一件事”其他事项（户口、社保卡…）"), self
        )
        self.bundle_button.clicked.connect(self.bundle_clicked)
        self.done_button = BigButton(QCoreApplication.translate("NewbornScreen", "完成"), self, primary=True)
        self.done_button.clicked.connect(self.done_clicked)
        self.layout_.addWidget(self.bundle_button)
        self.layout_.addWidget(self.done_button)

    def show_submitted(self, done: Submitted) -> str:
        """What became of the enrolment, in plain words; returns the heading."""
        outcome = done.outcome
        promised = (
            QCoreApplication.translate("NewbornScreen", "以部门告知为准")
            if outcome.promised_date is None
            else day_text(outcome.promised_date)
        )
        lines = [
            fill(
                QCoreApplication.translate("NewbornScreen", "办件编号：%1"),
                parse_case_number(done.case.number).display,
            )
        ]
        if outcome.confirmed:
            heading = QCoreApplication.translate("NewbornScreen", "✓ 参保成功")
            lines.append(
                fill(QCoreApplication.translate("NewbornScreen", "医保部门已确认：%1"), outcome.result)
            )
        elif outcome.rejected:
            heading = QCoreApplication.translate("NewbornScreen", "医保部门未能办理")
            lines.append(
                fill(
                    QCoreApplication.translate(
                        "NewbornScreen", "原因：%1。请带出生医学证明到医保经办窗口咨询。"
                    ),
                    outcome.result,
                )
            )
        elif not done.uploaded:
            heading = QCoreApplication.translate("NewbornScreen", "已受理（离线）")
            lines.append(
                fill(
                    QCoreApplication.translate(
                        "NewbornScreen",
                        "本机暂时连不上政务服务平台。您的申请已保存在本机，联网后自动提交医保部门，一般 1 个工作日内完成参保（最晚 %1）。",
                    ),
                    promised,
                )
            )
        else:
            heading = QCoreApplication.translate("NewbornScreen", "已受理，等待医保部门确认")
            lines.append(
                fill(
                    QCoreApplication.translate(
                        "NewbornScreen",
                        "申请已提交医保部门，确认结果稍后返回（最晚 %1）。可凭回执扫码查询进度。",
                    ),
                    promised,
                )
            )
        self.show_result(heading, lines)
        return heading

    def show_result(self, heading: str, lines: Sequence[str]) -> None:
        self.set_texts(heading)
        text = "\n".join(lines)
        self.details.setText(text)
        self.details.setAccessibleName(text)

    def show_receipt_state(self, text: str) -> None:
        self.receipt.setText(text)
        self.receipt.setAccessibleName(text)


def payment_text(form: NewbornForm) -> str:
    """The parent's statement of payment, labelled as such (the kiosk neither takes nor checks it)."""
    payment = form.payment
    if payment is None or not payment.paid:
        return QCoreApplication.translate("NewbornScreen", "尚未缴费（家长自述；请尽快缴费）")
    places = {
        PaymentChannel.HOSPITAL: QCoreApplication.translate("NewbornScreen", "医院收费处"),
        PaymentChannel.MOBILE: QCoreApplication.translate("NewbornScreen", "手机缴费"),
        PaymentChannel.COUNTER: QCoreApplication.translate("NewbornScreen", "银行或服务大厅"),
    }
    return fill(
        QCoreApplication.translate(
            "NewbornScreen", "已在%1缴费 %2 元，凭证号 %3（家长自述，本机未收费、未核验）"
        ),
        places[payment.channel],
        payment.amount_yuan if payment.amount_yuan is not None else "",
        payment.receipt_no or QCoreApplication.translate("NewbornScreen", "未填"),
    )
