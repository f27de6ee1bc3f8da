"""Receipts as data: the acceptance receipt (受理回执), the 容缺受理通知书 of materials owed, the two
notices of an application not accepted (一次性补正告知书, 不予受理通知书: 行政许可法 §32) and a
matter's guide (办事指南). They know no printer; devices.printer renders them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from core.calendar import HolidayCalendar, provisional_note, shipped_calendar
from core.case_numbers import parse_case_number
from core.case_numbers import receipt_qr_payload as receipt_qr_payload  # printed from here
from core.cases.commitments import FALSE_COMMITMENT
from core.cases.model import Case, ItemState, Refusal, RefusalKind
from core.cases.special_procedures import scope_text
from core.catalog.guide import Guide, guide_lines
from core.catalog.model import limit_text
from core.config import DeviceConfig
from core.errors import ValidationError
from core.masking import mask_id_number, mask_name
from core.rules.deficiency import deficiency_rule
from core.validation.idnumbers import IdKind
from core.validation.travel_documents import document_name


@dataclass(frozen=True, slots=True)
class ReceiptBlock:
    """kind: text | qr | barcode | rule | feed; align: left | center | right; emphasis: normal | bold | large | title."""

    kind: str
    text: str = ""
    align: str = "left"
    emphasis: str = "normal"


@dataclass(frozen=True, slots=True)
class Receipt:
    """kind: receipt | notice (容缺) | supplement (补正) | rejection | certificate | guide.
    ``reprint`` marks a 补打 copy."""

    kind: str
    title: str
    blocks: tuple[ReceiptBlock, ...]
    reprint: bool = False


DEFICIENCY_TITLE = "容缺受理通知书"  # not 一次性告知书: that is the 补正 notice of §32
SUPPLEMENT_TITLE = "一次性补正告知书"
REJECTION_TITLE = "不予受理通知书"
PROCEDURE_TITLE = "特别程序告知书"  # 行政许可法 §45: 所需时间书面告知申请人


def notice_owed(case: Case) -> bool:
    """Whether ``case`` owes the applicant a 容缺受理通知书: materials are still to be supplied (容缺)
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
        *([_t(f"统一办件编号：{case.official_number}")] if case.official_number else []),
        _t(f"事项：{case.bundle_name}"),
        _t(f"申请人：{mask_name(case.applicant.name)}"),
        _t(_document_line(case)),
    ]


def _document_line(case: Case) -> str:
    """证件号码, masked; a document other than the resident ID card is named (with a passport's nationality)."""
    a = case.applicant
    masked = mask_id_number(a.id_number)
    if a.id_kind in ("", IdKind.RESIDENT):
        return f"证件号码：{masked}"
    nationality = f" {a.nationality}" if a.nationality else ""
    return f"证件号码（{document_name(a.id_kind)}{nationality}）：{masked}"


def _footer(case: Case, config: DeviceConfig, paper: str = "回执") -> list[ReceiptBlock]:
    return [
        ReceiptBlock("rule"),
        ReceiptBlock("qr", receipt_qr_payload(case.number, case.official_number), "center"),
        _t(f"凭本{paper}或扫码查询办理进度", "center"),
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
    blocks += commitment_blocks(case)
    if notice_owed(case):
        blocks += [_t(f"尚有容缺材料待补齐，详见《{DEFICIENCY_TITLE}》。", emphasis="bold")]
    blocks += _footer(case, config)
    return Receipt("receipt", "受理回执", tuple(blocks), reprint)


def commitment_blocks(case: Case) -> list[ReceiptBlock]:
    """告知承诺's 告知 (国办发〔2020〕42号): per commitment what is checked and by when, then the
    consequence of a false commitment; nothing when the case has no commitment with a check."""
    checked = [i for i in case.items if i.state is ItemState.COMMITMENT and i.check is not None]
    if not checked:
        return []
    blocks = [ReceiptBlock("rule"), _t("告知承诺事项：", emphasis="bold")]
    for item in checked:
        assert item.check is not None
        by = item.check.deadline
        blocks += [
            _t(f"· {item.name}"),
            _t(f"  核查：{item.check.what}"),
            _t(f"  核查期限：{by.isoformat()} 前" if by else "  核查期限：以部门告知为准"),
        ]
    blocks.append(_t(FALSE_COMMITMENT, emphasis="bold"))
    return blocks


def deficiency_notice(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """容缺受理通知书: the application was accepted (容缺受理); every material still owed, with its
    deadline and the consequence. (The 一次性补正告知书 of an application not accepted is
    ``supplement_notice``.) ValidationError when the case owes none (``notice_owed``).
    """
    if not notice_owed(case):
        if case.deficient_items:
            message = f"办件状态为“{case.status.label}”，不再需要补齐材料，不出具{DEFICIENCY_TITLE}。"
        else:
            message = f"本办件没有容缺待补的材料，不需要{DEFICIENCY_TITLE}。"
        raise ValidationError("kind", message, f"case is {case.status.value}: no deficiency notice is owed")
    blocks = _header(case, config, DEFICIENCY_TITLE)
    blocks += [_t("您的申请已容缺受理。请在期限内补齐以下材料：", emphasis="bold")]
    for i in case.items:
        if i.state is ItemState.DEFICIENT and i.deadline is not None:
            blocks += [_t(f"· {i.name}"), _t(f"  补齐期限：{i.deadline.isoformat()} 前")]
    blocks += [
        _t(
            f"办理期限自受理之日起计算，补齐材料后不重新计算；补齐期限比承诺办结日期至少提前"
            f" {deficiency_rule().reserve_days} 个工作日，以便部门按期办结。"
        ),
        _t("可到任一综合窗口补交，补交日期以收到材料之日为准。"),
        _t("逾期未补齐的，本次申请将终止办理，已提交材料可申请退回。", emphasis="bold"),
    ]
    blocks += _footer(case, config, "通知书")
    return Receipt("notice", DEFICIENCY_TITLE, tuple(blocks), reprint)


def procedure_notice(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """特别程序告知书 (行政许可法 §45: "行政机关应当将所需时间书面告知申请人"): the case's latest 特别程序 —
    what, why, since when, how long — and the due date it moves. ValidationError when there is none."""
    if not case.special_procedures:
        raise ValidationError(
            "kind", f"本办件没有特别程序，不需要{PROCEDURE_TITLE}。", "no special procedure: no notice"
        )
    p = case.special_procedures[-1]
    blocks = _header(case, config, PROCEDURE_TITLE)
    blocks += [
        _t(
            f"您的申请需经{p.kind.label}（{scope_text(case, p.matter_id)}）。依照《中华人民共和国行政许可法》"
            "第四十五条，所需时间不计算在办理期限内。",
            emphasis="bold",
        ),
        _t(f"原因：{p.reason}"),
        _t(f"开始日期：{p.started_on.isoformat()}"),
        _t(
            f"预计所需时间：{p.expected_days} 个工作日" if p.expected_days else "预计所需时间：以部门告知为准"
        ),
    ]
    if p.ended_on is not None:
        blocks.append(_t(f"结束日期：{p.ended_on.isoformat()}，不计时 {p.paused_days} 个工作日"))
    moved = "预计顺延至" if p.ended_on is None else "顺延至"
    if p.matter_id is not None and p.due_after is not None:  # the matter's own limit, as moved
        blocks.append(_t(f"{scope_text(case, p.matter_id)}办结期限：{moved} {p.due_after.isoformat()} 前"))
    due = case.due_date
    if due is not None and due != case.promised_date and case.promised_date is not None:
        moved = "预计顺延至" if case.open_procedures else "顺延至"
        blocks.append(
            _t(f"办结期限：{moved} {due.isoformat()} 前（原承诺 {case.promised_date.isoformat()}）")
        )
    else:
        blocks.append(_t(promised_line(case.promised_date, config.calendar)))
    blocks += _footer(case, config, "告知书")
    return Receipt("procedure", PROCEDURE_TITLE, tuple(blocks), reprint)


def supplement_notice(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """一次性补正告知书 (行政许可法 §32(四)): the application is not accepted; everything to bring or
    correct, at once. ValidationError for a case that was not refused for 补正."""
    refusal = _refusal(case, RefusalKind.SUPPLEMENT, SUPPLEMENT_TITLE)
    blocks = _header(case, config, SUPPLEMENT_TITLE)
    blocks += [
        _t(f"收到申请材料：{refusal.received_on.isoformat()}"),
        _t(f"告知日期：{refusal.at[:10]}"),
        ReceiptBlock("rule"),
        _t("经审查，您的申请材料不齐全或者不符合法定形式，本次申请不予受理。", emphasis="bold"),
        _t("现一次性告知您需要补正的全部内容：", emphasis="bold"),
    ]
    for item in case.items:
        if item.state is ItemState.PENDING:
            blocks.append(_t(f"· {item.name}"))
            blocks.append(_t(f"  {item.note or '缺少此项材料'}"))
    if refusal.reason:
        blocks.append(_t(f"说明：{refusal.reason}"))
    blocks += [
        _t("请补正上述全部内容后，持本告知书到任一综合窗口重新提出申请。"),
        _t("依据：《中华人民共和国行政许可法》第三十二条。"),
    ]
    blocks += _seal(config, refusal.at)
    blocks += _footer(case, config, "告知书")
    return Receipt("supplement", SUPPLEMENT_TITLE, tuple(blocks), reprint)


def rejection_notice(case: Case, config: DeviceConfig, *, reprint: bool = False) -> Receipt:
    """不予受理通知书: the reason, and the applicant's remedies with their time limits (行政复议法
    §20: 60 days; 行政诉讼法 §46: six months). ValidationError for a case not refused so."""
    refusal = _refusal(case, RefusalKind.REJECT, REJECTION_TITLE)
    blocks = _header(case, config, REJECTION_TITLE)
    blocks += [
        _t(f"收到申请材料：{refusal.received_on.isoformat()}"),
        ReceiptBlock("rule"),
        _t("经审查，您的申请不予受理，理由如下：", emphasis="bold"),
        _t(refusal.reason),
        ReceiptBlock("rule"),
        _t(
            "如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，"
            "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。",
            emphasis="bold",
        ),
        _t(
            "依据：《中华人民共和国行政许可法》第三十二条；《中华人民共和国行政复议法》第二十条；"
            "《中华人民共和国行政诉讼法》第四十六条。"
        ),
    ]
    blocks += _seal(config, refusal.at)
    blocks += _footer(case, config, "通知书")
    return Receipt("rejection", REJECTION_TITLE, tuple(blocks), reprint)


def _refusal(case: Case, kind: RefusalKind, title: str) -> Refusal:
    refusal = case.refusal
    if refusal is None or refusal.kind is not kind:
        raise ValidationError(
            "kind",
            f"办件状态为“{case.status.label}”，没有{title}。",
            f"case is {case.status.value}: no {kind.value} notice",
        )
    return refusal


def _seal(config: DeviceConfig, at: str) -> list[ReceiptBlock]:
    """§32 last paragraph: a written notice bearing the agency's seal and its date. A receipt printer
    prints no seal: the line says where it goes (电子印章 are not yet supported)."""
    return [_t(f"受理单位：{config.hall_name}（盖章）", "right"), _t(f"日期：{at[:10]}", "right")]


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
