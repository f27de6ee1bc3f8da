"""Receipts for the printer tests, built from small frozen dataclasses (core is not imported)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from devices.printer.profiles import DEFAULT_PROFILE, get_profile
from devices.printer.raster import FontFace, best_face
from devices.printer.testpage import Block, SimpleReceipt, printer_test_receipt

GOLDEN_DIR = Path(__file__).parent / "golden"
NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
CASE_DISPLAY = "3301 0620 2611 2300 0127"
QR_PAYLOAD = "TB1:33010620261123000127"
HALL = "杭州市西湖区政务服务中心"


Receipt = SimpleReceipt


def t(text: str, align: str = "left", emphasis: str = "normal") -> Block:
    return Block("text", text, align, emphasis)


def _header(title: str, applicant: str) -> list[Block]:
    return [
        t(HALL, "center", "bold"),
        t(title, "center", "title"),
        Block("rule"),
        t("办件编号：", emphasis="bold"),
        t(CASE_DISPLAY, "center", "large"),
        t("事项：新生儿出生“一件事”"),
        t(f"申请人：{applicant}"),
        t("证件号码：330106********0027"),
    ]


def _footer() -> list[Block]:
    return [
        Block("rule"),
        Block("qr", QR_PAYLOAD, "center"),
        t("凭本回执或扫码查询办理进度", "center"),
        t("咨询电话：0571-12345", "center"),
        t("杭州市西湖区文三路 100 号一楼综合窗口", "center"),
        Block("feed"),
    ]


def acceptance_receipt(applicant: str = "王*明", reprint: bool = False) -> Receipt:
    blocks = [
        *_header("受理回执", applicant),
        t("受理时间：2026-11-23 09:30"),
        t("受理状态：已受理（容缺）"),
        t("承诺办结：2026-12-04 前"),
        Block("rule"),
        t("申请材料：", emphasis="bold"),
        t("· 出生医学证明：已收取"),
        t("· 父母双方居民身份证：已核验"),
        t("· 居民户口簿：已收取"),
        t("· 结婚证：告知承诺"),
        t("· 新生儿照片（白底，近期免冠）：容缺，2026-12-07 前补交"),
        Block("barcode", "33010620261123000127"),
    ]
    return Receipt("receipt", "受理回执", tuple([*blocks, *_footer()]), reprint)


def deficiency_notice() -> Receipt:
    blocks = [
        *_header("一次性告知书", "王*明"),
        t("您的申请已容缺受理。请在期限内补齐以下材料：", emphasis="bold"),
        t("· 新生儿照片（白底，近期免冠）"),
        t("  补齐期限：2026-12-07 前"),
        t("可到任一综合窗口补交，补交日期以收到材料之日为准。"),
        t("逾期未补齐的，本次申请将终止办理，已提交材料可申请退回。", emphasis="bold"),
    ]
    return Receipt("notice", "一次性告知书", tuple([*blocks, *_footer()]))


def rejection_notice() -> Receipt:
    blocks = [
        *_header("不予受理通知书", "王*明"),
        t("经审查，您的申请不予受理，理由如下：", emphasis="bold"),
        t("新生儿出生地不在本市，户口登记事项应向出生地或父母户籍地公安机关申请。"),
        t("如对本决定不服，可依法申请行政复议或提起行政诉讼。"),
    ]
    return Receipt("rejection", "不予受理通知书", tuple([*blocks, *_footer()]))


def sample_test_page() -> SimpleReceipt:
    return printer_test_receipt("tcp:127.0.0.1:9100", get_profile(DEFAULT_PROFILE))


# kind → (receipt builder, whether it needs the CJK font: raster lines depend on the font file)
GOLDEN: dict[str, tuple[Callable[[], Receipt | SimpleReceipt], bool]] = {
    "receipt": (acceptance_receipt, False),
    "notice": (deficiency_notice, False),
    "rejection": (rejection_notice, False),
    "test": (sample_test_page, True),
}


def golden_fonts() -> tuple[FontFace, ...] | None:
    """The one face golden files are drawn with, or None when it is not installed."""
    face = best_face(NOTO_CJK) if NOTO_CJK.is_file() else None
    return (face,) if face else None
