"""The printer test page (``tongban devices print-test``): Chinese text, a rare-character line, QR, barcode."""

from __future__ import annotations

from dataclasses import dataclass

from devices.printer.profiles import PrinterProfile

TEST_QR_PAYLOAD = "TONGBAN-PRINT-TEST"
TEST_BARCODE = "TB-TEST-0001"
RARE_CHARACTER_LINE = "生僻字（应以图片打印）：㐂 𠮷 䶮"


@dataclass(frozen=True, slots=True)
class Block:
    """A ReceiptBlock (devices.printer) as a plain value."""

    kind: str
    text: str = ""
    align: str = "left"
    emphasis: str = "normal"


@dataclass(frozen=True, slots=True)
class SimpleReceipt:
    """A PrintableReceipt (devices.printer) as a plain value."""

    kind: str
    title: str
    blocks: tuple[Block, ...]
    reprint: bool = False


def printer_test_receipt(printer: str, profile: PrinterProfile) -> SimpleReceipt:
    """What print-test prints on ``printer`` (shown on the page) with ``profile``."""
    blocks = (
        Block("text", "打印测试", "center", "title"),
        Block("text", "通办 Tongban 回执打印机自检", "center", "bold"),
        Block("rule"),
        Block("text", f"打印机：{printer}"),
        Block("text", f"配置：{profile.name}（{profile.paper_mm} mm，{profile.encoding.upper()}）"),
        Block("text", "中文：政务服务中心受理回执、一次性告知书、不予受理通知书"),
        Block("text", "标点：，。、；：？！（）《》“”——…"),
        Block("text", RARE_CHARACTER_LINE),
        Block("text", "粗体：办件编号", emphasis="bold"),
        Block("text", "大字：3301 0620 2600 0012 345X", "center", "large"),
        Block("text", "右对齐", "right"),
        Block("rule"),
        Block("qr", TEST_QR_PAYLOAD, "center"),
        Block("text", "扫描上方二维码应得到 " + TEST_QR_PAYLOAD, "center"),
        Block("barcode", TEST_BARCODE, "center"),
        Block("feed"),
    )
    return SimpleReceipt("test", "打印测试", blocks)
