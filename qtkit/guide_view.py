"""A 办事指南 on screen, for both GUIs: ``GuideView`` shows a core.catalog.guide.Guide in the interface language.

The facts are the catalog's (Chinese data: names, conditions, places); the words around them are
translated here, so ``--lang en`` shows no Chinese of ours. Whatever the record lacks is said to
be unknown (未注明 / 未公布), as core.catalog.guide does for the receipt and the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.catalog.guide import Guide, GuideMaterial, GuideMatter
from core.catalog.model import MATTER_TYPES, MaterialSource
from qtkit.i18n import fill
from qtkit.labels import limit_label

_TYPES: Final[Mapping[str, object]] = {
    "行政许可": QT_TRANSLATE_NOOP("GuideView", "行政许可"),
    "行政确认": QT_TRANSLATE_NOOP("GuideView", "行政确认"),
    "行政给付": QT_TRANSLATE_NOOP("GuideView", "行政给付"),
    "行政裁决": QT_TRANSLATE_NOOP("GuideView", "行政裁决"),
    "行政奖励": QT_TRANSLATE_NOOP("GuideView", "行政奖励"),
    "行政征收": QT_TRANSLATE_NOOP("GuideView", "行政征收"),
    "行政检查": QT_TRANSLATE_NOOP("GuideView", "行政检查"),
    "行政备案": QT_TRANSLATE_NOOP("GuideView", "行政备案"),
    "其他行政权力": QT_TRANSLATE_NOOP("GuideView", "其他行政权力"),
    "公共服务": QT_TRANSLATE_NOOP("GuideView", "公共服务"),
}
assert set(_TYPES) == set(MATTER_TYPES)


def type_label(matter_type: str) -> str:
    """A 事项类型 (one of core's MATTER_TYPES) in the interface language; "" is 未注明."""
    if not matter_type:
        return f"<i>{not_stated()}</i>"
    return QCoreApplication.translate("GuideView", str(_TYPES.get(matter_type, matter_type)))


def not_stated() -> str:
    return QCoreApplication.translate("GuideView", "未注明")


def not_published() -> str:
    return QCoreApplication.translate("GuideView", "未公布")


def subject_label(subject: str) -> str:
    labels = {
        "person": QCoreApplication.translate("GuideView", "个人"),
        "entity": QCoreApplication.translate("GuideView", "法人"),
        "both": QCoreApplication.translate("GuideView", "个人、法人"),
    }
    return labels.get(subject, not_stated())


def days_label(days: int | None, *, promised: bool = False) -> str:
    """A limit in a guide: 即办件 (promised 0), N 个工作日, or 未公布."""
    if days is None:
        return not_published()
    if days == 0 and promised:
        return QCoreApplication.translate("GuideView", "即办件")
    return limit_label(days)


def material_terms(m: GuideMaterial) -> list[str]:
    """What the guide says of a material besides its name, in the interface language."""
    terms = []
    if m.source is MaterialSource.APPLICANT:
        terms.append(escape(m.form) if m.form else QCoreApplication.translate("GuideView", "形式未注明"))
        if m.copies is None:
            terms.append(QCoreApplication.translate("GuideView", "份数未注明"))
        elif m.copies == 1:  # lupdate marks plurals only on self.tr(): two strings instead
            terms.append(QCoreApplication.translate("GuideView", "1 份"))
        else:
            terms.append(fill(QCoreApplication.translate("GuideView", "%1 份"), m.copies))
    else:
        terms.append(
            QCoreApplication.translate("GuideView", "共享获取，免提交")
            if m.source is MaterialSource.SHARED
            else QCoreApplication.translate("GuideView", "窗口生成，无需准备")
        )
        if m.form:
            terms.append(escape(m.form))
    if m.licence:
        terms.append(fill(QCoreApplication.translate("GuideView", "可用电子证照（%1）"), escape(m.licence)))
    if m.shared_from:
        terms.append(fill(QCoreApplication.translate("GuideView", "由%1共享"), escape(m.shared_from)))
    if m.core:
        terms.append(QCoreApplication.translate("GuideView", "核心材料"))
    if m.deferrable:
        terms.append(QCoreApplication.translate("GuideView", "可容缺"))
    if m.commitment:
        terms.append(QCoreApplication.translate("GuideView", "可告知承诺"))
    if m.conditional:
        terms.append(QCoreApplication.translate("GuideView", "视情形提交"))
    return terms


def _value(text: str) -> str:
    return escape(text.strip()) if text.strip() else f"<i>{not_stated()}</i>"


def _rows(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:12px; white-space:nowrap'><b>{label}</b></td><td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='2'>{cells}</table>"


def _matter_rows(m: GuideMatter, *, in_bundle: bool) -> list[tuple[str, str]]:
    code = escape(m.code) or f"<i>{not_stated()}</i>"
    if m.code_constructed:
        code += " " + QCoreApplication.translate("GuideView", "（演示用构造编码，非公布编码）")
    rows = [(QCoreApplication.translate("GuideView", "实施编码"), code)]
    if not in_bundle:
        rows.append((QCoreApplication.translate("GuideView", "基本编码"), _value(m.basic_code)))
        rows += [
            (QCoreApplication.translate("GuideView", "业务办理项"), f"{escape(i.name)} · {escape(i.code)}")
            for i in m.items
        ]
    rows += [
        (QCoreApplication.translate("GuideView", "事项类型"), type_label(m.type)),
        (QCoreApplication.translate("GuideView", "实施部门"), _value(m.dept_name)),
        (QCoreApplication.translate("GuideView", "实施机构"), _value(m.agency)),
        (QCoreApplication.translate("GuideView", "法定办结时限"), days_label(m.legal_days)),
        (QCoreApplication.translate("GuideView", "承诺办结时限"), days_label(m.promise_days, promised=True)),
        (QCoreApplication.translate("GuideView", "收费"), _value(m.fee)),
    ]
    if not in_bundle:
        visits = (
            f"<i>{not_stated()}</i>"
            if m.visits is None
            else fill(QCoreApplication.translate("GuideView", "%1 次"), m.visits)
        )
        rows += [
            (QCoreApplication.translate("GuideView", "通办范围"), _value(m.scope)),
            (QCoreApplication.translate("GuideView", "办理地点"), _value(m.place)),
            (QCoreApplication.translate("GuideView", "到办事现场次数"), visits),
        ]
    return rows


def guide_html(guide: Guide, *, notes: bool = False, situations: bool = True) -> str:
    """The guide as rich text for a QTextBrowser. ``notes``: the records' notes on their sources
    (for staff); ``situations``: the situation questions the window will ask."""
    h = "<h3 style='margin-top:14px'>{}</h3>".format
    kind = (
        QCoreApplication.translate("GuideView", "“一件事”（多个事项一次办）")
        if guide.bundle
        else QCoreApplication.translate("GuideView", "单项事项")
    )
    head = [
        (QCoreApplication.translate("GuideView", "类别"), f"{kind} · {escape(guide.category)}"),
        (QCoreApplication.translate("GuideView", "服务对象"), subject_label(guide.subject)),
    ]
    if guide.batch:
        head.append((QCoreApplication.translate("GuideView", "国家批次"), escape(guide.batch)))
    if not guide.bundle:
        head += _matter_rows(guide.matters[0], in_bundle=False)
    out = [f"<h2>{escape(guide.name)}</h2>", _rows(head)]
    out += [h(QCoreApplication.translate("GuideView", "受理条件")), f"<p>{_value(guide.conditions)}</p>"]
    if guide.bundle:
        out.append(
            h(
                fill(
                    QCoreApplication.translate("GuideView", "包含事项（%1 项，并联办理）"), len(guide.matters)
                )
            )
        )
        for n, m in enumerate(guide.matters, 1):
            title = f"{n}. {escape(m.name)}"
            if m.conditional:
                title += " · " + QCoreApplication.translate("GuideView", "视情形办理")
            out += [f"<p><b>{title}</b></p>", _rows(_matter_rows(m, in_bundle=True))]
        days = guide.limit_days
        limit = (
            QCoreApplication.translate("GuideView", "未公布（有事项未公布办结时限，以部门告知为准）")
            if days is None
            else fill(
                QCoreApplication.translate("GuideView", "最长 %1（按所办事项中最长的时限计）"),
                days_label(days),
            )
        )
        out.append(_rows([(QCoreApplication.translate("GuideView", "办结时限"), limit)]))
    out.append(
        h(
            QCoreApplication.translate("GuideView", "申请材料（一次提交）")
            if guide.bundle
            else QCoreApplication.translate("GuideView", "申请材料")
        )
    )
    if not guide.materials:
        out.append(f"<p><i>{not_stated()}</i></p>")
    items = []
    for material in guide.materials:
        note = f"<br/>{escape(material.note)}" if material.note else ""
        terms = QCoreApplication.translate("GuideView", "；").join(material_terms(material))
        items.append(f"<li><b>{escape(material.name)}</b><br/>{terms}{note}</li>")
    if items:
        out.append(f"<ol>{''.join(items)}</ol>")
    if situations and guide.situations:
        out.append(h(QCoreApplication.translate("GuideView", "办理时需说明的情形")))
        out.append("<ol>" + "".join(f"<li>{escape(q)}</li>" for q in guide.situations) + "</ol>")
    out.append(h(QCoreApplication.translate("GuideView", "信息来源")))
    if not guide.sources:
        none = QCoreApplication.translate("GuideView", "未注明（本事项记录未列出公开来源）")
        out.append(f"<p><i>{none}</i></p>")
    for s in guide.sources:
        out.append(f"<p>{_value(s.title)}<br/>{escape(s.url)}</p>")
    if notes:
        texts = list(dict.fromkeys(m.note for m in guide.matters if m.note))
        if texts:
            out.append(h(QCoreApplication.translate("GuideView", "目录备注（来源未说明之处）")))
            out += [f"<p>{escape(t)}</p>" for t in texts]
    out.append(
        "<p><i>"
        + fill(
            QCoreApplication.translate("GuideView", "事项目录版本 %1。以办理部门最新公布为准。"),
            escape(guide.catalog_version),
        )
        + "</i></p>"
    )
    return "".join(out)


class GuideView(QTextBrowser):
    """A guide, read-only, scrolling, in the widget's font (the kiosk's is large). GUI thread."""

    def __init__(self, parent: QWidget | None = None, *, notes: bool = False) -> None:
        super().__init__(parent)
        self._notes = notes
        self.guide: Guide | None = None
        self.setOpenLinks(False)  # a source is shown, never opened: no browser on a hall machine
        self.setObjectName("guide_view")
        self.setAccessibleName(QCoreApplication.translate("GuideView", "办事指南"))

    def show_guide(self, guide: Guide | None) -> None:
        self.guide = guide
        self._render()

    def _render(self) -> None:
        self.document().setDefaultFont(self.font())
        self.setHtml(guide_html(self.guide, notes=self._notes) if self.guide is not None else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange) and self.guide is not None:
            self._render()


__all__ = ["GuideView", "days_label", "guide_html", "material_terms", "not_published", "not_stated"]
