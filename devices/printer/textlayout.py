"""Receipt text layout, pure: printer columns, line wrapping with Chinese line-breaking, font coverage."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# 避头尾 (GB/T 15834 punctuation usage): these never start / end a line.
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—～·,.;:?!)]}%")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
_FORMAT_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


def sanitize(text: str) -> str:
    """Drop control characters (a stray ESC in a name must not become a printer command); tab → space.

    Newlines are kept: they separate paragraphs.
    """
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif ch == "\n" or not _is_control(ch):
            out.append(ch)
    return "".join(out)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def char_columns(ch: str) -> int:
    """Columns one character takes on the printer in Chinese mode.

    ASCII prints in the 12×24 Font A cell (one column); every double-byte code prints in the
    24×24 cell (two columns), including Latin-1 letters and “curly quotes” that a terminal would
    draw narrow. Combining marks and format characters (variation selectors) take none.
    """
    if ord(ch) < 0x80:
        return 1
    if unicodedata.category(ch) in _FORMAT_CATEGORIES:
        return 0
    return 2


def text_columns(text: str) -> int:
    return sum(char_columns(ch) for ch in text)


@lru_cache(maxsize=8192)
def printable_as_text(ch: str, encoding: str, font_charset: str) -> bool:
    """True when the printer's built-in font can print ``ch`` sent as ``encoding`` bytes.

    Printable ASCII always; otherwise the character must encode to exactly two bytes that lie in
    the font's area (research/devices.md §2.3 rule 2: fonts cover GBK or GB2312, never the 4-byte
    GB18030 codes). The GBK check also asks the GBK codec, which refuses the few two-byte codes
    GB18030 assigned later (``€`` = A2E3 has no glyph in a GBK font).
    """
    code = ord(ch)
    if code < 0x80:
        return 0x20 <= code < 0x7F
    try:
        data = ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    if len(data) != 2:
        return False
    lead, trail = data
    if font_charset == "gb2312":
        return 0xA1 <= lead <= 0xF7 and 0xA1 <= trail <= 0xFE
    try:
        return ch.encode("gbk") == data
    except UnicodeEncodeError:
        return False


def line_printable_as_text(line: str, encoding: str, font_charset: str) -> bool:
    return all(printable_as_text(ch, encoding, font_charset) for ch in line)


def wrap(text: str, columns: int) -> list[str]:
    """Split ``text`` into lines of at most ``columns`` printer columns.

    Paragraphs (``\\n``) always break; ASCII words (case numbers, phone numbers, URLs) are not cut
    unless longer than a line; closing punctuation never starts a line and opening punctuation
    never ends one. Trailing spaces are dropped (they would shift centred lines).
    """
    if columns < 2:
        raise ValueError(f"columns must be at least 2, got {columns}")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, columns))
    return lines


def _units(paragraph: str) -> list[str]:
    """ASCII words stay together; every other character (and every space) is its own unit."""
    units: list[str] = []
    word = ""
    for ch in paragraph:
        if ord(ch) < 0x80 and ch != " ":
            word += ch
            continue
        if word:
            units.append(word)
            word = ""
        if units and char_columns(ch) == 0:
            units[-1] += ch  # a combining mark stays with its base character
        else:
            units.append(ch)
    if word:
        units.append(word)
    return units


def _wrap_paragraph(paragraph: str, columns: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for unit in _units(paragraph):
        width = text_columns(unit)
        if text_columns(current) + width <= columns:
            current += unit
            continue
        if unit == " ":
            lines.append(current.rstrip())
            current = ""
            continue
        if width > columns:  # a word longer than a line: cut it
            for ch in unit:
                if text_columns(current) + char_columns(ch) > columns:
                    lines.append(current.rstrip())
                    current = ""
                current += ch
            continue
        current, carried = _break(current, unit, columns)
        lines.append(current.rstrip())
        current = carried
    lines.append(current.rstrip())
    return lines


def _break(current: str, unit: str, columns: int) -> tuple[str, str]:
    """Where to break before ``unit``: move one character down when the break would leave a
    closing mark at the start of the next line or an opening mark at the end of this one."""
    bad_break = unit[0] in _NO_LINE_START or current[-1:] in _NO_LINE_END
    if bad_break and len(current) > 1 and text_columns(current[-1] + unit) <= columns:
        return current[:-1], current[-1] + unit
    return current, unit
