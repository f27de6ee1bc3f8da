"""自助申报: a citizen declares a self-service "一件事" alone, through the window client's checklist engine.

core.flows.intake.IntakeFlow does the rules (照单抓药); this screen asks one thing per page: the
bundle, each situation question, each material the kiosk cannot settle by itself (an ID card on
the reader, a photo on the camera, 告知承诺 where the catalog and the 信用核查 allow; 容缺 only at a
staffed window), each form field nothing could fill in, then the review and the commit on the store worker. E-licences are fetched
on the ``net`` worker when online. A material none of that can satisfy stops the declaration before
anything is accepted, with what to do instead. Materials: kiosk/screens/declare_materials.py;
pages: declare_pages.py; the material and field steps: declare_steps.py.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStackedWidget, QWidget

from core.catalog.model import QuestionType
from core.errors import TongbanError, ValidationError
from core.flows.intake import IntakeFlow, Step
from kiosk.keypad import KeypadKind
from kiosk.receipts import print_error_text, print_receipts
from kiosk.screens.base import KioskScreen, Navigator
from kiosk.screens.declare_pages import ChoicePage, KeypadPage, SummaryPage
from kiosk.screens.declare_steps import DeclareSteps, Entry
from kiosk.screens.declare_summary import receipt_lines, result_text, review_text, window_text
from kiosk.screens.newborn import DECLARE_NOTES_KEY
from qtkit.messages import describe
from qtkit.widgets.banner import BannerLevel
from services.changes import Changes

if TYPE_CHECKING:
    from core.cases.model import Case
    from core.flows.intake import CardData
    from kiosk.context import KioskContext

logger = logging.getLogger(__name__)

COMMIT_TIMEOUT_MS = 15_000


class DeclareScreen(KioskScreen):
    """Lives on the GUI thread, for one session."""

    name = "declare"

    def __init__(self, ctx: KioskContext, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(ctx, nav, parent)
        self.set_title(QCoreApplication.translate("DeclareScreen", "自助申报"))
        self.pages = QStackedWidget(self)
        self.body.addWidget(self.pages, 1)
        self.page: QWidget | None = None
        self.flow: IntakeFlow | None = None
        self.steps: DeclareSteps | None = None
        self.history: list[Entry] = []
        self.case: Case | None = None
        self.carried: set[str] = set()  # questions a hand-over answered: not asked again

    # -- KioskScreen ---------------------------------------------------------------------------

    def enter(self) -> None:
        self.case = None
        self.history = []
        self.carried = set()
        citizen = self.nav.session.citizen
        if citizen is None:
            self.nav.show_screen("menu")
            return
        calendar = self.ctx.config.working_calendar  # official holidays plus local days
        self.flow = IntakeFlow(
            self.ctx.catalog,
            today=self.ctx.clock.now().date(),
            holidays=calendar.holidays,
            workdays=calendar.workdays,
        )
        self.flow.set_applicant_from_card(citizen.card_data(), source=citizen.source)
        self.steps = DeclareSteps(self, self.flow, citizen)
        carried = self.nav.session.notes.pop(DECLARE_NOTES_KEY, None)
        if isinstance(carried, dict) and carried.get("bundle") in self.ctx.catalog.bundles:
            self.steps.prefill.update(carried.get("form") or {})
            self.steps.typed.update(carried.get("form") or {})
            self.flow.choose_bundle(str(carried["bundle"]))
            self._answer_carried(carried.get("answers") or {})
            self.history.append(Entry("bundle"))
            self.forward(Entry("bundle"))
            return
        self.show_entry(Entry("bundle"))

    def _answer_carried(self, answers: dict[str, Any]) -> None:
        """Answers the hand-over settles (e.g. 出生即参保 done at the hospital): given, and not asked."""
        assert self.flow is not None
        known = {q.id for q in self.flow.bundle.questions}
        for question_id, value in answers.items():
            if question_id in known and self.flow.answer(question_id, value) is None:
                self.carried.add(question_id)

    def prompt(self) -> str:
        heading = getattr(self.page, "heading", None)
        return heading.text() if heading is not None else self.title_label.text()

    def on_card(self, card: CardData) -> bool:
        entry = self.history[-1] if self.history else None
        if entry is None or entry.kind != "material" or self.steps is None:
            return False
        return self.steps.card_placed(entry.key, card)

    def go_back(self) -> None:
        if self.history and self.history[-1].kind == "done":
            self._on_finished()
            return
        if len(self.history) > 1:
            self.history.pop()
            self.show_entry(self.history.pop())
        else:
            self.nav.show_screen("menu")

    # -- pages ---------------------------------------------------------------------------------

    def show_entry(self, entry: Entry) -> None:
        """Build and show the page for ``entry`` (the previous page is dropped)."""
        assert self.flow is not None and self.steps is not None
        self.clear_message()
        self.history.append(entry)
        builders = {
            "bundle": self._bundle_page,
            "question": self._question_page,
            "material": self.steps.material_page,
            "commit": self.steps.commitment_page,
            "field": self.steps.field_page,
            "review": self._review_page,
            "stop": self._stop_page,
            "done": self._done_page,
        }
        page = builders[entry.kind](entry.key)
        if self.page is not None:
            self.pages.removeWidget(self.page)
            self.page.deleteLater()
        self.page = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        finished = entry.kind == "done"
        self.back_button.setVisible(not finished)
        self.end_button.setVisible(not finished)
        self.nav.say(self.prompt())

    def forward(self, entry: Entry) -> None:
        """The page after ``entry`` (computed from the flow, so changed answers are followed)."""
        assert self.flow is not None and self.steps is not None
        if entry.kind in ("bundle", "question"):
            ids = [q.id for q in self.flow.questions() if q.id not in self.carried]
            after = ids.index(entry.key) + 1 if entry.kind == "question" and entry.key in ids else 0
            if after < len(ids):
                self.show_entry(Entry("question", ids[after]))
            else:
                self.steps.start_materials()
        elif entry.kind in ("material", "commit"):
            self.steps.next_material(entry.key)
        elif entry.kind == "field":
            self.steps.next_field(entry.key)

    def _bundle_page(self, _key: str) -> QWidget:
        bundles = [b for b in self.ctx.catalog.bundles.values() if b.self_service]
        page = ChoicePage(
            self.scale,
            QCoreApplication.translate("DeclareScreen", "请选择要办理的事项"),
            QCoreApplication.translate(
                "DeclareScreen", "以下事项可以在本机自助申报；材料用电子证照或现场拍照，不用交纸质材料。"
            ),
            [(b.id, b.name) for b in bundles],
            self.pages,
        )
        page.chosen.connect(self._on_bundle_chosen)
        return page

    def _on_bundle_chosen(self, bundle_id: Any) -> None:
        assert self.flow is not None
        self.flow.choose_bundle(str(bundle_id))
        self.forward(Entry("bundle"))

    def _question_page(self, question_id: str) -> QWidget:
        assert self.flow is not None
        question = self.flow.bundle.question(question_id)
        answered = self.flow.answers.get(question_id)
        if question.type is QuestionType.INT:
            keypad_page = KeypadPage(
                self.scale,
                question.text,
                question.help,
                KeypadKind.DIGITS,
                6,
                "" if answered is None else str(answered),
                self.pages,
            )
            keypad_page.next_clicked.connect(lambda: self._on_answered(question_id, keypad_page.value()))
            return keypad_page
        if question.type is QuestionType.BOOL:
            options: list[tuple[Any, str]] = [
                (True, QCoreApplication.translate("DeclareScreen", "是")),
                (False, QCoreApplication.translate("DeclareScreen", "否")),
            ]
        else:
            options = [(o.value, o.label) for o in question.options]
        multi = question.type is QuestionType.MULTI
        selected = answered if isinstance(answered, frozenset) else ()
        hint = question.help or (
            QCoreApplication.translate("DeclareScreen", "可以选多项，选好后点“选好了”。") if multi else ""
        )
        choice = ChoicePage(
            self.scale, question.text, hint, options, self.pages, multi=multi, selected=selected
        )
        choice.chosen.connect(lambda value: self._on_answered(question_id, value))
        return choice

    def _on_answered(self, question_id: str, value: Any) -> None:
        assert self.flow is not None
        if isinstance(value, str) and self.flow.bundle.question(question_id).type is QuestionType.INT:
            value = int(value) if value.isdigit() else value
        problem = self.flow.answer(question_id, value)
        if problem is not None:
            self.show_message(BannerLevel.ERROR, describe(problem))
            return
        self.forward(Entry("question", question_id))

    def _stop_page(self, _key: str) -> QWidget:
        assert self.steps is not None
        page = SummaryPage(
            self.scale,
            QCoreApplication.translate("DeclareScreen", "这件事请到人工窗口办理"),
            window_text(self.steps.impossible, online=self.ctx.online, deferrable=self.steps.deferrable),
            QCoreApplication.translate("DeclareScreen", "返回首页"),
            parent=self.pages,
        )
        page.primary_clicked.connect(lambda: self.nav.show_screen("menu"))
        return page

    # -- review and commit ---------------------------------------------------------------------

    def review(self) -> None:
        """To the review page, unless a rule still blocks (then to what blocks, with the message)."""
        assert self.flow is not None and self.steps is not None
        for step in (Step.QUESTIONS, Step.CHECKLIST, Step.FORM, Step.REVIEW):
            problems = self.flow.problems(step)
            if problems:
                field = problems[0].field
                if field.startswith("form.") and field[5:] in {f.id for f in self.flow.fields()}:
                    self.show_entry(Entry("field", field[5:]))
                self.show_message(BannerLevel.ERROR, describe(problems[0]))
                return
        self.show_entry(Entry("review"))

    def _review_page(self, _key: str) -> QWidget:
        assert self.flow is not None and self.steps is not None
        text = review_text(self.flow.preview(), self.flow.bundle, self.steps.typed, self.ctx.catalog.fields)
        page = SummaryPage(
            self.scale,
            QCoreApplication.translate("DeclareScreen", "请核对后提交"),
            text,
            QCoreApplication.translate("DeclareScreen", "确认无误，提交申请"),
            parent=self.pages,
        )
        page.primary_clicked.connect(self._on_submit_clicked)
        return page

    def _on_submit_clicked(self) -> None:
        assert self.flow is not None
        if self.case is not None:
            return
        try:
            request = self.flow.request()
        except ValidationError as exc:
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        ctx, credit = self.ctx, self.flow.credit  # the platform's 信用核查 answer, as at the window
        waiting = self.nav.wait(
            QCoreApplication.translate("DeclareScreen", "正在保存您的申请…"),
            timeout_ms=COMMIT_TIMEOUT_MS,
            on_give_up=lambda _reason: self._on_commit_failed(None),
            cancellable=False,  # the store worker commits it anyway: the screen must hear the end
        )
        ctx.operations.run_store(
            self,
            lambda store: ctx.case_service(store).accept(request, credit=credit),
            waiting.guard(self._on_accepted),
            waiting.guard(self._on_commit_failed),
            changes=Changes.of_case,
        )

    def _on_commit_failed(self, exc: BaseException | None) -> None:
        if exc is not None:
            logger.error("declaration not saved: %s", getattr(exc, "detail", exc))
        if isinstance(exc, TongbanError):
            self.show_message(BannerLevel.ERROR, describe(exc))
            return
        self.show_message(
            BannerLevel.ERROR,
            QCoreApplication.translate(
                "DeclareScreen",
                "申请没有保存成功。请不要重复提交：请点“结束办理”后在“办件进度查询”中查看，或到人工窗口咨询。",
            ),
        )

    def _on_accepted(self, case: Case) -> None:
        assert self.flow is not None
        self.case = case
        self.flow.accepted(case)
        self.nav.session.served_case(case.number)
        logger.info("self-service declaration accepted as case %s", case.number)
        online = self.ctx.online
        if online and self.ctx.sync is not None:
            self.ctx.sync.sync_now()
        self.show_entry(Entry("done"))
        page = self.page
        assert isinstance(page, SummaryPage)
        page.set_status(QCoreApplication.translate("DeclareScreen", "正在打印回执…"))

        def printed(_kinds: tuple[str, ...]) -> None:
            if _alive(page):
                page.set_status(
                    QCoreApplication.translate("DeclareScreen", "回执已打印，请从出纸口取走并妥善保管。")
                )

        def failed(exc: BaseException) -> None:
            if _alive(page):
                page.set_status(print_error_text(exc))

        print_receipts(self.ctx, case, notes=receipt_lines(online=online), on_done=printed, on_error=failed)

    def _done_page(self, _key: str) -> QWidget:
        assert self.case is not None
        heading = (
            QCoreApplication.translate("DeclareScreen", "✓ 已受理（容缺）")
            if self.case.deficient_items
            else QCoreApplication.translate("DeclareScreen", "✓ 已受理")
        )
        page = SummaryPage(
            self.scale,
            heading,
            result_text(self.case, online=self.ctx.online),
            QCoreApplication.translate("DeclareScreen", "完成"),
            parent=self.pages,
        )
        page.primary_clicked.connect(self._on_finished)
        return page

    def _on_finished(self) -> None:
        self.nav.service_done()


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
