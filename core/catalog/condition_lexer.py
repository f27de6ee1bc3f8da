"""Tokens of the situation-condition language, and how a literal value is spelled."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from core.errors import TongbanError

KEYWORDS: Final = frozenset({"and", "or", "not", "in", "has"})
INT_RE: Final = re.compile(r"-?[0-9]+\Z")

Value = str | int  # a literal: a bare word or quoted string (str) or a whole number (int)


class ConditionSyntaxError(TongbanError):
    """A condition text that does not parse; ``position`` is the 0-based character offset."""

    def __init__(self, text: str, position: int, reason: str, reason_zh: str) -> None:
        super().__init__(
            f"条件“{text}”第 {position + 1} 个字符处有误：{reason_zh}",
            f"{reason} at position {position}",
        )
        self.text = text
        self.position = position
        self.reason = reason


def format_value(value: Value) -> str:
    """A literal as the parser reads it back: bare when unambiguous, else double-quoted."""
    if isinstance(value, int):
        return str(value)
    if value and all(is_word_char(ch) for ch in value) and value not in KEYWORDS and not INT_RE.match(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_word_char(ch: str) -> bool:
    """May ``ch`` appear in a bare word (question id, option value, number)?"""
    if ch.isascii():
        return ch.isalnum() or ch == "_"
    # Letters, digits and marks of any script, so Chinese option values (视力, 热食类) need no quotes.
    return unicodedata.category(ch)[0] in "LNM"


TokenKind = Literal["word", "int", "string", "op", "(", ")", "[", "]", ",", "end"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str  # the word, the operator, or the decoded string
    pos: int


PUNCT: Final[dict[str, TokenKind]] = {"(": "(", ")": ")", "[": "[", "]": "]", ",": ","}


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token; raises ConditionSyntaxError."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n":
            i += 1
        elif ch in PUNCT:
            tokens.append(Token(PUNCT[ch], ch, i))
            i += 1
        elif text.startswith(("==", "!=", ">=", "<="), i):
            tokens.append(Token("op", text[i : i + 2], i))
            i += 2
        elif ch in "<>":
            tokens.append(Token("op", ch, i))
            i += 1
        elif ch in "\"'":
            token, i = read_string(text, i)
            tokens.append(token)
        elif ch == "-" or is_word_char(ch):
            start = i
            i += 1 if ch == "-" else 0
            while i < n and is_word_char(text[i]):
                i += 1
            word = text[start:i]
            if INT_RE.match(word):
                tokens.append(Token("int", word, start))
            elif ch == "-":
                raise ConditionSyntaxError(text, start, "expected digits after '-'", "负号后面应是数字")
            else:
                tokens.append(Token("word", word, start))
        else:
            raise ConditionSyntaxError(text, i, f"unexpected character {ch!r}", f"不能使用字符“{ch}”")
    tokens.append(Token("end", "", n))
    return tokens


def read_string(text: str, start: int) -> tuple[Token, int]:
    """The quoted string starting at ``start`` (a backslash escapes a quote or itself) and the index after it."""
    quote, i = text[start], start + 1
    chars: list[str] = []
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return Token("string", "".join(chars), start), i + 1
        if ch == "\\":
            if i + 1 < len(text) and text[i + 1] in "\\\"'":
                chars.append(text[i + 1])
                i += 2
                continue
            raise ConditionSyntaxError(text, i, "bad escape in string", "字符串中的反斜杠用法有误")
        chars.append(ch)
        i += 1
    raise ConditionSyntaxError(text, start, "unterminated string", "引号没有闭合")
