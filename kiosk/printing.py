"""A4 printing of a certificate through the system print service (CUPS): one page, drawn with QPainter.

The page is drawn on a worker thread while the screen shows its spinner: QPainter may paint on a
QPrinter outside the GUI thread (Qt, "Thread-Support in Qt Modules": Painting in Threads), and
only one thread paints on one printer; nothing here touches a widget. PySide6 holds the GIL
through most Qt calls, ``QPainter.end()`` among them (measured), so the GUI thread still waits
while it writes the page (about 6 ms for a PDF) or hands it to CUPS. ``render_a4`` returns what
``QPainter.end()`` returned: True when the page went to the spooler (or the PDF file). CUPS does
not tell a desktop program about paper jams later on; a printer that is not installed, not the
default or refuses the job fails here, with a message that says what to do.

``KioskContext.print_a4``, when set, replaces the system printer: it is called as
``print_a4(document)`` on a worker thread with the CertificateDocument and returns True (printed)
or False, or raises A4PrintError (tests render into a PDF file with ``pdf_printer``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from core.errors import TongbanError
from core.flows.certificate import CertificateDocument
from qtkit.fonts import find_cjk_family

logger = logging.getLogger(__name__)

MARGINS_MM: Final = QMarginsF(25.0, 28.0, 25.0, 25.0)  # GB/T 9704 official documents: 37/35/28/26; close
TITLE_PT: Final = 22.0
BODY_PT: Final = 14.0
SMALL_PT: Final = 10.0
CODE_PT: Final = 18.0


class A4PrintError(TongbanError):
    """The A4 page could not be printed (no printer, the printer refused the job)."""

    exit_code = 1


def pdf_printer(path: Path) -> QPrinter:
    """A high-resolution A4 printer writing ``path`` (tests, the walk-through)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def system_printer() -> QPrinter:
    """The system's default printer (CUPS on Linux), set up for one A4 page; A4PrintError if none."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise A4PrintError(
            QCoreApplication.translate(
                "Printing", "本机没有可用的A4打印机。请改用小票打印，或到人工窗口打印。"
            ),
            "no default printer in the system print service",
        )
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName("certificate")
    return printer


def print_on_system_printer(document: CertificateDocument) -> bool:
    """Print on the default printer (any thread but the GUI thread's is best: CUPS may be slow)."""
    printer = system_printer()
    if not render_a4(printer, document):
        raise A4PrintError(
            QCoreApplication.translate(
                "Printing", "A4打印机没有接受打印任务，请稍后再试，或到人工窗口打印。"
            ),
            f"printer {printer.printerName()!r} refused the job",
        )
    return True


def render_a4(printer: QPrinter, document: CertificateDocument) -> bool:
    """Draw ``document`` on one A4 page of ``printer``; True when the page was finished."""
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(printer):
        logger.error(
            "the A4 printer could not start a page (%s)", printer.printerName() or printer.outputFileName()
        )
        return False
    try:
        _draw(painter, printer, document)
    finally:
        ended = painter.end()
    return bool(ended)


def _draw(painter: QPainter, printer: QPrinter, document: CertificateDocument) -> None:
    family = find_cjk_family() or ""
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    width = float(page.width())
    height = float(page.height())
    mm = printer.resolution() / 25.4
    y = 0.0

    def font(size: float, *, bold: bool = False) -> QFont:
        f = QFont(family) if family else QFont()
        f.setPointSizeF(size)
        f.setBold(bold)
        return f

    def block(text: str, f: QFont, flags: Qt.AlignmentFlag, gap: float, left: float = 0.0) -> None:
        nonlocal y
        painter.setFont(f)
        metrics = QFontMetricsF(f, printer)
        box = QRectF(left, y, width - 2 * left, height - y)
        bounds = metrics.boundingRect(box, int(flags | Qt.TextFlag.TextWordWrap), text)
        painter.drawText(
            QRectF(left, y, width - 2 * left, bounds.height()), int(flags | Qt.TextFlag.TextWordWrap), text
        )
        y += bounds.height() + gap

    painter.setPen(QPen(Qt.GlobalColor.black))
    block(document.hall_name, font(SMALL_PT), Qt.AlignmentFlag.AlignHCenter, 8 * mm)
    block(document.title, font(TITLE_PT, bold=True), Qt.AlignmentFlag.AlignHCenter, 12 * mm)
    for line in document.body:
        block(line, font(BODY_PT), Qt.AlignmentFlag.AlignLeft, 4 * mm)
    y += 8 * mm
    top = y
    y += 4 * mm
    block(document.verification_code, font(CODE_PT, bold=True), Qt.AlignmentFlag.AlignHCenter, 2 * mm, 6 * mm)
    block(document.verification_note, font(SMALL_PT), Qt.AlignmentFlag.AlignHCenter, 4 * mm, 6 * mm)
    pen = QPen(Qt.GlobalColor.black)
    pen.setWidthF(0.4 * mm)
    painter.setPen(pen)
    painter.drawRect(QRectF(0.0, top, width, y - top))
    painter.setPen(QPen(Qt.GlobalColor.black))
    # The footer sits at the bottom of the page, above the margin.
    footer_font = font(SMALL_PT)
    metrics = QFontMetricsF(footer_font, printer)
    y = max(y + 8 * mm, height - metrics.lineSpacing() * (len(document.footer) + 0.5))
    for line in document.footer:
        block(line, footer_font, Qt.AlignmentFlag.AlignHCenter, 0.0)
