"""好差评 after every service: five big buttons; a bad rating asks why on a screen of its own.

The rating goes to every case the visit touched (CaseService.evaluate: one event, synced like
any other); a service without a local case (a certificate, a look at another window's case) is
queued in the store (core/store/kiosk_ratings.py) and pushed to the platform once by its id
(sync/ratings_push.py), and audited as ``kiosk.evaluation``. Kiosk rule (DB2203/T 8-2024 §5.1.3): the screen
comes by itself after a service.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.cases.model import CaseStatus
from core.cases.ratings import RatingChannel, RatingStage, bad_reason_categories, default_stage
from core.errors import LifecycleError, NotFoundError, ValidationError
from core.store.records import AuditEntry
from kiosk.context import KIOSK_OPERATOR
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.progress_card import readable_number
from qtkit.i18n import fill
from qtkit.widgets.banner import BannerLevel
from qtkit.widgets.big_button import BigButton
from services.changes import Changes

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from core.store.store import Store
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RatingOutcome:
    cases: tuple[str, ...]  # the cases the rating was recorded on
    audited: bool  # no local case to carry it: queued for the platform and audited
    already_rated: bool = False  # the chosen case's result was rated before (once per stage)


def record_rating(
    ctx: KioskContext,
    store: Store,
    numbers: Sequence[str],
    level: int,
    reason: str,
    services: Sequence[str],
    *,
    result_case: str | None = None,
    categories: Sequence[str] = (),
) -> RatingOutcome:
    """On the store worker: the rating on each local case not rated yet, else one queued kiosk rating.
    ``result_case``: the citizen rates that decided case's result (一事一评) and nothing else."""
    if result_case is not None:
        return _record_result(ctx, store, result_case, level, reason, services, categories)
    service = ctx.case_service(store)
    rated: list[str] = []
    for number in numbers:
        try:
            case = service.get(number)
            if case.status is not CaseStatus.DRAFT and case.rating(default_stage(case)) is None:
                service.evaluate(number, level, reason, channel=RatingChannel.KIOSK)
                rated.append(number)
        except (NotFoundError, LifecycleError) as exc:
            logger.info("rating not recorded on a case: %s", getattr(exc, "detail", exc))
    if rated:
        return RatingOutcome(tuple(rated), False)
    _queue(ctx, store, {"level": level, "reason": reason.strip(), "services": list(services)})
    return RatingOutcome((), True)


def _record_result(
    ctx: KioskContext,
    store: Store,
    number: str,
    level: int,
    reason: str,
    services: Sequence[str],
    categories: Sequence[str],
) -> RatingOutcome:
    """一事一评 of ``number``: on this kiosk's own case when it is decided here; else (a case taken at
    another window, or decided on the platform before this kiosk heard) queued for the platform,
    which keeps one result rating per case."""
    service = ctx.case_service(store)
    try:
        case = service.get(number)
    except (NotFoundError, ValidationError):
        case = None
    if case is not None and case.rating(RatingStage.RESULT) is not None:
        return RatingOutcome((), False, already_rated=True)
    if case is not None and default_stage(case) is RatingStage.RESULT:
        service.evaluate(
            number,
            level,
            reason,
            stage=RatingStage.RESULT,
            channel=RatingChannel.KIOSK,
            categories=categories,
        )
        return RatingOutcome((number,), False)
    body = {
        "level": level,
        "reason": reason.strip(),
        "services": list(services),
        "case_number": number,
        "stage": RatingStage.RESULT.value,
        "categories": list(categories),
    }
    _queue(ctx, store, body)
    return RatingOutcome((), True)


def _queue(ctx: KioskContext, store: Store, fields: dict[str, object]) -> None:
    """One kiosk rating for the platform (sync.ratings_push), audited in the same transaction."""
    level = int(str(fields["level"]))
    body = {"channel": RatingChannel.KIOSK.value, "follow_up": level <= 2, **fields}
    store.kiosk_ratings.add(
        body,
        AuditEntry(
            KIOSK_OPERATOR,
            "kiosk.evaluation",
            ctx.clock.now().isoformat(timespec="seconds"),
            None,
            {k: v for k, v in fields.items() if k != "categories"},
        ),
    )


class RatingScreen(KioskScreen):
    """One decision per screen: the level; for 不满意/非常不满意 then the reason. GUI thread."""

    name = "rating"
    show_back = False

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("RatingScreen", "请为本次服务评价"))
        self._explain_visit = QCoreApplication.translate(
            "RatingScreen", "您的评价会转给服务管理部门；“不满意”会有专人回访整改。评价不会影响办理结果。"
        )
        self.explain = self.big_label(self._explain_visit)
        self.body.addWidget(self.explain)
        self.level_buttons: dict[int, BigButton] = {}
        levels = {
            5: QCoreApplication.translate("RatingScreen", "★★★★★ 非常满意"),
            4: QCoreApplication.translate("RatingScreen", "★★★★ 满意"),
            3: QCoreApplication.translate("RatingScreen", "★★★ 基本满意"),
            2: QCoreApplication.translate("RatingScreen", "★★ 不满意"),
            1: QCoreApplication.translate("RatingScreen", "★ 非常不满意"),
        }
        for level, text in levels.items():
            button = self.big_button(text, partial(self._on_level_chosen, level), primary=level >= 4)
            self.level_buttons[level] = button
            self.body.addWidget(button)
        self.reason_buttons: dict[str, BigButton] = {}
        # The 差评 categories of GB/T 39734 附录A when shipped (core.cases.ratings; the standard's
        # wording, untranslated), else this kiosk's own plain reasons, recorded as the free text.
        self._categories = bad_reason_categories()
        reasons = self._categories or (
            QCoreApplication.translate("RatingScreen", "等待时间长、办理慢"),
            QCoreApplication.translate("RatingScreen", "操作复杂、看不懂"),
            QCoreApplication.translate("RatingScreen", "设备故障（读卡、扫码、打印）"),
            QCoreApplication.translate("RatingScreen", "信息不准确或查不到"),
            QCoreApplication.translate("RatingScreen", "其他原因"),
        )
        for reason in reasons:
            button = self.big_button(reason, partial(self._on_reason_chosen, reason))
            button.setVisible(False)
            self.reason_buttons[reason] = button
            self.body.addWidget(button)
        self.skip_button = self.big_button(
            QCoreApplication.translate("RatingScreen", "不评价，返回"), self._on_skip_clicked
        )
        self.body.addWidget(self.skip_button)
        self.body.addStretch(1)
        self._level = 0

    def enter(self) -> None:
        result_case = self.nav.session.result_case
        if result_case is None:
            self.explain.setText(self._explain_visit)
        else:
            self.explain.setText(
                fill(
                    QCoreApplication.translate("RatingScreen", "办件 %1 已办结，请为办理结果评价。%2"),
                    readable_number(result_case),
                    self._explain_visit,
                )
            )
        self._show_levels(True)

    def prompt(self) -> str:
        return QCoreApplication.translate("RatingScreen", "请为本次服务评价，点一下对应的按钮。")

    def _show_levels(self, levels: bool) -> None:
        for button in self.level_buttons.values():
            button.setVisible(levels)
        for button in self.reason_buttons.values():
            button.setVisible(not levels)
        if levels and self.nav.session.result_case is not None:
            self.set_title(QCoreApplication.translate("RatingScreen", "请为办理结果评价"))
        elif levels:
            self.set_title(QCoreApplication.translate("RatingScreen", "请为本次服务评价"))
        else:
            self.set_title(QCoreApplication.translate("RatingScreen", "请告诉我们哪里不满意"))

    def _on_level_chosen(self, level: int) -> None:
        self._level = level
        if level <= 2:
            self._show_levels(False)
            self.nav.say(self.title_label.text())
            return
        self._record(level, "")

    def _on_reason_chosen(self, reason: str) -> None:
        self._record(self._level, reason)

    def _on_skip_clicked(self) -> None:
        self.nav.session.rating_done()
        self.nav.show_screen("menu")

    def _record(self, level: int, reason: str) -> None:
        session = self.nav.session
        numbers = list(session.cases_to_rate)
        services = [s.value for s in session.served]
        result_case = session.result_case
        categories = (reason,) if reason in self._categories else ()
        ctx = self.ctx
        waiting = self.nav.wait(
            QCoreApplication.translate("RatingScreen", "正在提交评价…"), timeout_ms=10_000
        )
        ctx.operations.run_store(
            self,
            lambda store: record_rating(
                ctx, store, numbers, level, reason, services, result_case=result_case, categories=categories
            ),
            waiting.guard(self._on_recorded),
            waiting.guard(self._on_failed),
            changes=lambda outcome: Changes.for_cases(outcome.cases),
        )

    def _on_recorded(self, outcome: RatingOutcome) -> None:
        self.nav.session.rating_done()
        self.nav.show_screen("menu")
        menu = self.nav.built_screen("menu")
        if menu is not None and outcome.already_rated:
            menu.show_message(
                BannerLevel.INFO,
                QCoreApplication.translate(
                    "RatingScreen",
                    "这个办件的办理结果已经评价过了，每个办件评价一次。还可以继续办理其他业务。",
                ),
            )
        elif menu is not None:
            menu.show_message(
                BannerLevel.SUCCESS,
                QCoreApplication.translate(
                    "RatingScreen", "感谢您的评价！还可以继续办理其他业务，或点“结束办理”。"
                ),
                speak=False,
            )

    def _on_failed(self, exc: BaseException) -> None:
        logger.error("rating not recorded: %s", getattr(exc, "detail", exc))
        self.show_message(
            BannerLevel.ERROR,
            QCoreApplication.translate(
                "RatingScreen", "评价没有保存成功，请再点一次；仍不成功请联系工作人员。"
            ),
        )
