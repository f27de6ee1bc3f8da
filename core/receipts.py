"""Receipts as data: the acceptance receipt (受理回执), the one-time notice of missing materials
(一次性告知书), the rejection notice and a matter's guide (办事指南). They know no printer;
devices.printer renders them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from core.calendar import HolidayCalendar, provisional_note, shipped_calendar
from core.case_numbers import parse_case_number
from core.case_numbers import receipt_qr_payload as receipt_qr_payload  # printed from here
from core.cases.model import Case, ItemState
from core.catalog.guide import Guide, guide_lines
from core.catalog.model import limit_text
from core.config import DeviceConfig
from core.errors import ValidationError
from core.masking import mask_id_number, mask_name


@dataclass(frozen=True, slots=True)
class ReceiptBlock:
    """kind: text | qr | barcode | rule | feed; align: left | center | right; emphasis: normal | bold | large | title."""

    kind: str
    text: str = ""
    align: str = "left"
    emphasis: str = "normal"


@dataclass(frozen=True, slots=True)
class Receipt:
    """kind: receipt | notice | rejection | certificate | guide. ``reprint`` marks a 补打 copy."""

    kind: str
    title: str
    blocks: tuple[ReceiptBlock, ...]
    reprint: bool = False


def notice_owed(case: Case) -> bool:
    """Whether ``case`` owes the applicant a 一次性告知书: materials are still to be supplied (容缺)
    and the case is open. A withdrawn, terminated or decided case asks for nothing more."""
    return bool(case.deficient_items) and not case.status.final


def _t(text: str, align: str = "left", emphasis: str = "normal") -> ReceiptBlock:
    return ReceiptBlock("text", text, align, emphasis)


def _header(case: Case, config: DeviceConfig, title: str) -> list[ReceiptBlock]:
    number = parse_case_number(case.number)
    return [
        _t(config.hall_name, "center", "bold"),
        _t(title, "center", "title"),
        ReceiptBlock("rule"),
        _t("办件编号：", emphasis="bold"),
        _t(number.display, "center", "large"),
        _t(f"事项：{case.bundle_name}"),
        _t(f"申请人：{mask_name(case.applicant.name)}"),
        _t(f"证件号码：{mask_id_number(case.applicant.id_number)}"),
    ]


def _footer(case: Case, config: DeviceConfig) -> list[ReceiptBlock]:
    return [
        ReceiptBlock("rule"),
        ReceiptBlock("qr", receipt_qr_payload(case.number), "center"),
        _t("凭本回执或扫码查询办理进度", "center"),
        _t(f"咨询电话：{config.hall_phone}", "center"),
        _t(config.hall_address, "center"),
        ReceiptBlock("feed"),
    ]


def acceptance_receipt(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """受理回执: what was accepted, by when it is promised, and what is still owed."""
    blocks = _header(case, config, "受理回执")
    blocks += [
        _t(f"受理时间：{case.created_at[:16].replace('T', ' ')}"),
        _t(f"受理状态：{case.status.label}"),
        _t(promised_line(case.promised_date, config.calendar)),
        ReceiptBlock("rule"),
        _t("并联办理事项：", emphasis="bold"),
    ]
    blocks += [
        _t(f"· {m.name}（{m.dept_name or m.dept}，{limit_text(m.promise_days)}）") for m in case.matters
    ]
    blocks += [ReceiptBlock("rule"), _t("申请材料：", emphasis="bold")]
    blocks += [_t(f"· {i.name}：{i.state.label}") for i in case.items]
    if notice_owed(case):
        blocks += [_t("尚有容缺材料待补齐，详见《一次性告知书》。", emphasis="bold")]
    blocks += _footer(case, config)
    return Receipt("receipt", "受理回执", tuple(blocks), reprint)


def deficiency_notice(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """一次性告知书 (容缺受理补齐材料通知书): every missing material at once, with its deadline and the consequence.

    ValidationError when the case owes none (``notice_owed``).
    """
    if not notice_owed(case):
        if case.deficient_items:
            message = f"办件状态为“{case.status.label}”，不再需要补齐材料，不出具一次性告知书。"
        else:
            message = "本办件没有容缺待补的材料，不需要一次性告知书。"
        raise ValidationError("kind", message, f"case is {case.status.value}: no one-time notice is owed")
    blocks = _header(case, config, "一次性告知书")
    blocks += [_t("您的申请已容缺受理。请在期限内补齐以下材料：", emphasis="bold")]
    for i in case.items:
        if i.state is ItemState.DEFICIENT and i.deadline is not None:
            blocks += [_t(f"· {i.name}"), _t(f"  补齐期限：{i.deadline.isoformat()} 前")]
    blocks += [
        _t("可到任一综合窗口补交，补交日期以收到材料之日为准。"),
        _t("逾期未补齐的，本次申请将终止办理，已提交材料可申请退回。", emphasis="bold"),
    ]
    blocks += _footer(case, config)
    return Receipt("notice", "一次性告知书", tuple(blocks), reprint)


def rejection_notice(case: Case, config: DeviceConfig, reason: str, *, reprint: bool = False) -> Receipt:
    """不予受理通知书 with the reason."""
    blocks = _header(case, config, "不予受理通知书")
    blocks += [_t("经审查，您的申请不予受理，理由如下：", emphasis="bold"), _t(reason)]
    blocks += [_t("如对本决定不服，可依法申请行政复议或提起行政诉讼。")]
    blocks += _footer(case, config)
    return Receipt("rejection", "不予受理通知书", tuple(blocks), reprint)


def guide_receipt(guide: Guide, config: DeviceConfig) -> Receipt:
    """办事指南 on the receipt printer (kind "guide"): the guide's lines under the hall's name, the
    catalog version it was read from. It belongs to no case and names no one, so it is printed
    without a print job (nothing to retry or audit) and may be printed again at will."""
    blocks = [
        _t(config.hall_name, "center", "bold"),
        _t("办事指南", "center", "title"),
        ReceiptBlock("rule"),
    ]
    # The citizen's copy: no situation list (the window asks), no catalog notes on sources.
    for line in guide_lines(guide, situations=False, notes=False):
        if line.heading:
            blocks += [ReceiptBlock("rule"), _t(line.text, emphasis="bold")]
        else:
            blocks.append(_t(line.text))
    blocks += [
        ReceiptBlock("rule"),
        _t(f"事项目录版本：{guide.catalog_version}", "center"),
        _t("以上内容摘自事项目录，以办理部门最新公布为准。", "center"),
        _t(f"咨询电话：{config.hall_phone}", "center"),
        _t(config.hall_address, "center"),
        ReceiptBlock("feed"),
    ]
    return Receipt("guide", "办事指南", tuple(blocks))


def display_width(text: str) -> int:
    """Columns a string takes on a receipt or terminal: CJK wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    lines, current, used = [], "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            lines.append(current)
            current, used = "", 0
        current += ch
        used += w
    lines.append(current)
    return lines


def render_text(receipt: Receipt, width: int = 48) -> str:
    """The receipt as plain text (for terminals, logs and previews), ``width`` columns wide."""
    out: list[str] = []
    if receipt.reprint:
        out.append("【补打】".center(width - 4))
    for block in receipt.blocks:
        if block.kind == "rule":
            out.append("-" * width)
        elif block.kind == "feed":
            out.append("")
        elif block.kind in ("qr", "barcode"):
            out.append(f"[{'二维码' if block.kind == 'qr' else '条码'}：{block.text}]")
        else:
            for line in _wrap(block.text, width):
                pad = width - display_width(line)
                if block.align == "center":
                    line = " " * (pad // 2) + line
                elif block.align == "right":
                    line = " " * pad + line
                out.append(line.rstrip())
    return "\n".join(out)


def promised_line(promised: date | None, calendar: HolidayCalendar | None = None) -> str:
    """承诺办结 on a receipt or screen; a matter without a published limit defers to its department.
    A date past the holiday calendar's last year (``calendar``: the shipped one unless given) is 暂定."""
    if promised is None:
        return "承诺办结：以部门告知为准（有事项未公布办理时限）"
    return f"承诺办结：{promised.isoformat()} 前{provisional_note(promised, calendar or shipped_calendar())}"
