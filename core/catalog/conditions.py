"""The situation-condition language (情形条件): AST with Kleene evaluation and a hand-written parser, never ``eval``."""

from __future__ import annotations

import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final, NoReturn

from core.catalog.condition_lexer import (
    KEYWORDS,
    ConditionSyntaxError,
    Token,
    TokenKind,
    Value,
    format_value,
    tokenize,
)
from core.catalog.model import AnswerValue

__all__ = [
    "KEYWORDS",
    "ORDERING_OPS",
    "And",
    "Atom",
    "Compare",
    "Condition",
    "ConditionSyntaxError",
    "Has",
    "In",
    "Name",
    "Not",
    "Or",
    "Truth",
    "Value",
    "format_value",
    "is_name",
    "parse_condition",
]

# Grammar (research/domain.md §2; documented in assets/catalog/README.md):
#   condition := or ;  or := and ("or" and)* ;  and := not ("and" not)* ;  not := "not" not | atom
#   atom := "(" condition ")" | NAME [ OP value | "in" "[" value ("," value)* "]" | "has" value ]
#   value := WORD | INT | STRING        OP := == != >= <= > <
ORDERING_OPS: Final = (">=", "<=", ">", "<")
COMPARISON_OPS: Final = ("==", "!=", *ORDERING_OPS)
_MAX_DEPTH: Final = 64  # deep nesting is never legitimate; refuse it before Python's stack does
_MAX_DIGITS: Final = 18  # situation numbers are counts; also keeps int() far from its size limit
_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ORDER: Final[dict[str, Callable[[int, int], bool]]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}

Truth = bool | None  # Kleene: None means "depends on a question not answered yet"


def is_name(text: str) -> bool:
    """True for a usable question id: an ASCII identifier that is not a keyword."""
    return bool(_NAME_RE.match(text)) and text not in KEYWORDS


class Condition(ABC):
    """A parsed condition. Evaluates with Kleene logic; ``str()`` gives text that parses back equal."""

    __slots__ = ()

    @abstractmethod
    def evaluate(self, answers: Mapping[str, AnswerValue]) -> Truth:
        """True/False, or None when the result depends on a question without an answer."""

    @abstractmethod
    def names(self) -> frozenset[str]:
        """The question ids this condition reads."""

    @abstractmethod
    def atoms(self) -> Iterator[Atom]:
        """The leaves (name tests, comparisons, ``in``, ``has``), left to right."""


class Atom(Condition):
    """A leaf that tests one question's answer."""

    __slots__ = ()
    name: str

    def names(self) -> frozenset[str]:
        return frozenset({self.name})

    def atoms(self) -> Iterator[Atom]:
        yield self

    def evaluate(self, answers: Mapping[str, AnswerValue]) -> Truth:
        answer = answers.get(self.name)
        return None if answer is None else self.test(answer)

    @abstractmethod
    def test(self, answer: AnswerValue) -> bool:
        """The atom's truth for a given answer."""


@dataclass(frozen=True, slots=True)
class Name(Atom):
    """A bare question id: the bool question is answered yes."""

    name: str

    def test(self, answer: AnswerValue) -> bool:
        return answer is True

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Compare(Atom):
    """``name OP value``; ordering only between whole numbers."""

    name: str
    op: str
    value: Value

    def test(self, answer: AnswerValue) -> bool:
        if self.op == "==":
            return _equal(answer, self.value)
        if self.op == "!=":
            return not _equal(answer, self.value)
        # The loader allows ordering only on int questions; anything else simply does not hold.
        if isinstance(answer, int) and not isinstance(answer, bool) and isinstance(self.value, int):
            return _ORDER[self.op](answer, self.value)
        return False

    def __str__(self) -> str:
        return f"{self.name} {self.op} {format_value(self.value)}"


@dataclass(frozen=True, slots=True)
class In(Atom):
    """``name in [a, b, …]``: the answer is one of the values."""

    name: str
    values: tuple[Value, ...]

    def test(self, answer: AnswerValue) -> bool:
        return any(_equal(answer, v) for v in self.values)

    def __str__(self) -> str:
        return f"{self.name} in [{', '.join(format_value(v) for v in self.values)}]"


@dataclass(frozen=True, slots=True)
class Has(Atom):
    """``name has value``: a multi-choice answer includes the value."""

    name: str
    value: Value

    def test(self, answer: AnswerValue) -> bool:
        return isinstance(answer, frozenset | set) and str(self.value) in answer

    def __str__(self) -> str:
        return f"{self.name} has {format_value(self.value)}"


@dataclass(frozen=True, slots=True)
class Not(Condition):
    operand: Condition

    def evaluate(self, answers: Mapping[str, AnswerValue]) -> Truth:
        value = self.operand.evaluate(answers)
        return None if value is None else not value

    def names(self) -> frozenset[str]:
        return self.operand.names()

    def atoms(self) -> Iterator[Atom]:
        return self.operand.atoms()

    def __str__(self) -> str:
        return f"not {_wrap(self.operand)}"


@dataclass(frozen=True, slots=True)
class And(Condition):
    operands: tuple[Condition, ...]

    def evaluate(self, answers: Mapping[str, AnswerValue]) -> Truth:
        values = [c.evaluate(answers) for c in self.operands]
        if False in values:
            return False
        return None if None in values else True

    def names(self) -> frozenset[str]:
        return frozenset().union(*(c.names() for c in self.operands))

    def atoms(self) -> Iterator[Atom]:
        for c in self.operands:
            yield from c.atoms()

    def __str__(self) -> str:
        return " and ".join(_wrap(c) for c in self.operands)


@dataclass(frozen=True, slots=True)
class Or(Condition):
    operands: tuple[Condition, ...]

    def evaluate(self, answers: Mapping[str, AnswerValue]) -> Truth:
        values = [c.evaluate(answers) for c in self.operands]
        if True in values:
            return True
        return None if None in values else False

    def names(self) -> frozenset[str]:
        return frozenset().union(*(c.names() for c in self.operands))

    def atoms(self) -> Iterator[Atom]:
        for c in self.operands:
            yield from c.atoms()

    def __str__(self) -> str:
        return " or ".join(_wrap(c) for c in self.operands)


def parse_condition(text: str) -> Condition:
    """Parse ``text``; raises ConditionSyntaxError (with position) for anything off-grammar."""
    return _Parser(text).parse()


def _wrap(c: Condition) -> str:
    # Compound operands are always parenthesised, so the printed form parses to the same tree.
    return f"({c})" if isinstance(c, And | Or) else str(c)


def _is_int(answer: AnswerValue) -> bool:
    return isinstance(answer, int) and not isinstance(answer, bool)


def _equal(answer: AnswerValue, value: Value) -> bool:
    if _is_int(answer) and isinstance(value, int):
        return answer == value
    # Enum options are strings; a bare number in a condition (``grade in [1, 2]``) names option "1".
    return isinstance(answer, str) and answer == str(value)


class _Parser:
    """Recursive descent over the token list; one method per grammar rule."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    def parse(self) -> Condition:
        if self._peek().kind == "end":
            raise ConditionSyntaxError(self.text, 0, "empty condition", "条件为空")
        node = self._or()
        tok = self._peek()
        if tok.kind != "end":
            self._fail(tok, "expected 'and', 'or' or the end", "此处应是 and、or 或结束")
        return node

    def _or(self) -> Condition:
        items = [self._and()]
        while self._at_word("or"):
            self.i += 1
            items.append(self._and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self) -> Condition:
        items = [self._not()]
        while self._at_word("and"):
            self.i += 1
            items.append(self._not())
        return items[0] if len(items) == 1 else And(tuple(items))

    def _not(self) -> Condition:
        if self._at_word("not"):
            self._descend()
            self.i += 1
            node: Condition = Not(self._not())
            self.depth -= 1
            return node
        return self._atom()

    def _atom(self) -> Condition:
        tok = self._peek()
        if tok.kind == "(":
            self._descend()
            self.i += 1
            node = self._or()
            self._expect(")", "expected ')'", "缺少右括号“)”")
            self.depth -= 1
            return node
        if tok.kind != "word" or not is_name(tok.text):
            self._fail(tok, "expected a question id, 'not' or '('", "此处应是问题编号、not 或“(”")
        self.i += 1
        nxt = self._peek()
        if nxt.kind == "op":
            self.i += 1
            return Compare(tok.text, nxt.text, self._value())
        if self._at_word("in"):
            self.i += 1
            self._expect("[", "expected '[' after 'in'", "in 后面应是“[”")
            values = [self._value()]
            while self._peek().kind == ",":
                self.i += 1
                values.append(self._value())
            self._expect("]", "expected ',' or ']'", "此处应是“,”或“]”")
            return In(tok.text, tuple(values))
        if self._at_word("has"):
            self.i += 1
            return Has(tok.text, self._value())
        return Name(tok.text)

    def _value(self) -> Value:
        tok = self._peek()
        if tok.kind == "int":
            if len(tok.text.lstrip("-")) > _MAX_DIGITS:
                self._fail(tok, "number too large", "数字过大")
            self.i += 1
            return int(tok.text)
        if tok.kind == "string" or (tok.kind == "word" and tok.text not in KEYWORDS):
            self.i += 1
            return tok.text
        self._fail(tok, "expected a value", "此处应是一个取值")

    def _descend(self) -> None:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            self._fail(self._peek(), "nested too deeply", "嵌套层数过多")

    def _peek(self) -> Token:
        return self.tokens[self.i]

    def _at_word(self, word: str) -> bool:
        tok = self.tokens[self.i]
        return tok.kind == "word" and tok.text == word

    def _expect(self, kind: TokenKind, reason: str, reason_zh: str) -> None:
        tok = self._peek()
        if tok.kind != kind:
            self._fail(tok, reason, reason_zh)
        self.i += 1

    def _fail(self, tok: Token, reason: str, reason_zh: str) -> NoReturn:
        found = "end of text" if tok.kind == "end" else repr(tok.text)
        raise ConditionSyntaxError(self.text, tok.pos, f"{reason}, found {found}", reason_zh)
