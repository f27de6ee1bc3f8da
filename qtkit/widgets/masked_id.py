"""``MaskedIdLabel``: an ID number shown masked (core.masking); the full number only through ``reveal()``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from core.masking import mask_id_number


class MaskedIdLabel(QLabel):
    """Shows ``110105********002X`` (GB/T 35273 display de-identification, research/domain.md §9.5).

    Lives on the GUI thread. ``reveal()`` is the only way to the full number; it emits
    ``revealed`` so the GUI can write the audit entry the staff window requires. A new number
    is always shown masked again. Masked text cannot be selected or copied.
    """

    revealed = Signal()

    def __init__(
        self,
        id_number: str = "",
        parent: QWidget | None = None,
        *,
        keep_head: int = 6,
        keep_tail: int = 4,
    ) -> None:
        super().__init__(parent)
        self._number = ""
        self._keep_head = keep_head
        self._keep_tail = keep_tail
        self._revealed = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_id_number(id_number)

    @property
    def is_revealed(self) -> bool:
        return self._revealed

    @property
    def masked_text(self) -> str:
        return mask_id_number(self._number, keep_head=self._keep_head, keep_tail=self._keep_tail)

    def set_id_number(self, id_number: str) -> None:
        """Show another number, masked."""
        self._number = id_number or ""
        self._revealed = False
        self._refresh()

    def reveal(self) -> None:
        """Show the full number (staff only; the caller audits it on ``revealed``)."""
        if self._revealed or not self._number:
            return
        self._revealed = True
        self._refresh()
        self.revealed.emit()

    def _refresh(self) -> None:
        self.setText(self._number if self._revealed else self.masked_text)
        flags = (
            Qt.TextInteractionFlag.TextSelectableByMouse
            if self._revealed
            else Qt.TextInteractionFlag.NoTextInteraction
        )
        self.setTextInteractionFlags(flags)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("MaskedIdLabel", "证件号码"))
        if self._revealed:
            description = QCoreApplication.translate("MaskedIdLabel", "完整显示")
        else:
            description = QCoreApplication.translate("MaskedIdLabel", "部分数字已隐藏")
        self.setAccessibleDescription(description)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
