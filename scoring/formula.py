"""The formula language: parsed and checked once at load, evaluated exactly.

A formula is one arithmetic expression over the round's names. It is parsed
with Python's own parser, then every node is checked against an allow-list
(the same restrictions simpleeval applies, and stricter: no strings but a
choice's answer compared with ==/!=, no attributes, subscripts or comprehensions), its names and types are
checked against the declared indicators, and it is compiled into a tree of
closures over exact `Decimal` arithmetic. Nothing is ever passed to `eval`.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from scoring.numbers import CONTEXT, plain
from scoring.wording import Lang, Listing, Msg, Text, approx, closest, msg, number, word

Type = Literal["number", "boolean"]
Value = Decimal | bool
Values = Mapping[str, Value]
Stats = Mapping[tuple[str, str], Decimal]
Fn = Callable[[Values, Stats], Value]

MAX_LENGTH = 1000
MAX_DEPTH = 100
MAX_EXPONENT = 100  # far below simpleeval's MAX_POWER: no criterion needs more
MAX_POWER = 4_000_000  # simpleeval's MAX_POWER, the same value: the engine keeps within its limit without importing it
assert MAX_EXPONENT <= MAX_POWER
MAX_LITERAL_DIGITS = 30

COHORT_FUNCTIONS = ("best", "worst", "mean")
POINTS_FUNCTIONS = ("points", "group_points", "criteria_points")  # the scored lines' points: points("I.2")
FUNCTIONS = ("min", "max", "abs", "round", "clamp", "previous", *COHORT_FUNCTIONS, *POINTS_FUNCTIONS)

_TYPE_WORDS: dict[Type, Msg] = {"number": msg("a number"), "boolean": msg("a yes/no value")}
_NUMBER_LITERAL = re.compile(r"[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9][0-9_]*([eE][-+]?[0-9]+)?")


class FormulaError(ValueError):
    """A formula that cannot be accepted; `offset` is where the caret goes; the message is worded when shown."""

    def __init__(self, message: Text, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return word(self.message)


class FormulaFault(ArithmeticError):
    """A formula that failed for one unit's values (division by zero, overflow); the message is worded when shown."""

    def __init__(self, message: Text, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return word(self.message)


class MissingValue(LookupError):
    """A formula read a name the unit has no value for."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Formula:
    text: str
    type: Type
    names: tuple[str, ...]
    cohort: tuple[tuple[str, str], ...]
    previous: tuple[str, ...]  # indicators read as last round's values: previous(x)
    _fn: Fn = field(repr=False, compare=False)
    _spans: tuple[tuple[int, int, str, str | None], ...] = field(repr=False, compare=False)
    parts: tuple[str, ...] = ()  # the points read, by points_key: points(I.2), group_points(III), criteria_points()
    _answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)  # choice → its answers

    def evaluate(self, values: Values, cohort: Stats) -> Value:
        try:
            return self._fn(values, cohort)
        except ArithmeticError as e:
            if isinstance(e, FormulaFault):
                raise
            raise FormulaFault(out_of_range(e)) from None

    def offset_of(self, name: str) -> int | None:
        """Where `name` is first read, for a caret."""
        return min((start for start, _, read, f in self._spans if read == name and f in (None, "answer")), default=None)

    def substituted(self, values: Values, cohort: Stats, shown_as: Callable[[Value], str] | None = None) -> str:
        """The formula with the unit's numbers in place of its names."""
        show_ = shown_as or show
        text = self.text
        for start, end, name, function in sorted(self._spans, reverse=True):
            if function == "=":
                shown = name
            elif function == "previous":
                key = previous_key(name)
                shown = show_(values[key]) if key in values else f"{key}=?"
            elif function == "points" or function is None:
                shown = show_(values[name]) if name in values else f"{name}=?"
            elif function == "answer":
                key = answer_key(name)
                shown = f'"{self._answers[name][int(values[key])]}"' if key in values else f"{name}=?"
            else:
                shown = show_(cohort[(function, name)]) if (function, name) in cohort else "?"
            text = text[:start] + shown + text[end:]
        return " ".join(text.split())


def previous_key(name: str) -> str:
    """Where a unit's previous-round value of `name` is kept among its values."""
    return f"previous({name})"


@dataclass(frozen=True)
class Parts:
    """The ids points() and group_points() may read; a formula compiled without them may not read points."""

    criteria: tuple[str, ...]
    groups: tuple[str, ...]


def points_key(function: str, ref: str = "") -> str:
    """Where a unit's points read by points("I.2"), group_points("III") or criteria_points() are kept among its values."""
    return f"{function}({ref})"


def answer_key(name: str) -> str:
    """Where a unit's answer to the choice indicator `name` is kept among its values: the answer's place in the list."""
    return f"answer({name})"


def out_of_range(error: ArithmeticError) -> Msg:
    """What an arithmetic error from the decimal context means to the reader; its class names which limit it hit."""
    return msg("the result is out of range ({error})", error=type(error).__name__)


def show(value: Value, lang: Lang | None = None) -> str:
    """A value as substituted into a formula: exact. Without `lang`, as explanations show it today (có/không, 1234.5)."""
    if lang is not None:
        return word(value, lang) if isinstance(value, bool) else number(value, lang)
    if isinstance(value, bool):
        return "có" if value else "không"
    return plain(value)


_SHOWN_PLACES = Decimal("0.0001")


def num(value: Value, lang: Lang | None = None) -> str:
    """A value for reading: long decimals shown to 4 places with '≈'. With `lang`, in that language's numbers."""
    if isinstance(value, bool):
        return show(value, lang)
    if lang is not None:
        return approx(value, lang)
    if value.as_tuple().exponent < -4 and value.adjusted() < 20:  # type: ignore[operator]
        return "≈" + plain(value.quantize(_SHOWN_PLACES, context=CONTEXT))
    return plain(value)


def caret(text: str, offset: int) -> str:
    """The formula on one line with a caret under `offset`: data, shown as it is in every language."""
    one_line = text.replace("\n", " ")
    return f"    {one_line}\n    {' ' * offset}^"


def with_caret(message: Text, text: str, offset: int) -> Msg:
    """A message followed by the formula with a caret under the bad spot, on the lines below it."""
    return msg("{message}\n{caret}", message=message, caret=caret(text, offset))


def compile_formula(
    text: str,
    scope: Mapping[str, Type],
    constants: Mapping[str, Decimal] | None = None,
    unavailable: Mapping[str, str] | None = None,
    parts: Parts | None = None,
    answers: Mapping[str, tuple[str, ...]] | None = None,
) -> Formula:
    """Parse and check `text` against the declared names; raise FormulaError at the bad spot.

    `parts`: the criteria and groups whose points the formula may read; None where the points are not yet scored.
    `answers` are the choice indicators' answers: `report == "Đúng hạn"` compares the answer itself.
    """
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            msg("the formula is {length} characters long; the limit is {limit}", length=len(text), limit=MAX_LENGTH), MAX_LENGTH
        )
    for i, char in enumerate(text):
        if char == "#":
            raise FormulaError(msg("comments ('#') are not allowed in a formula; put them in the YAML, outside the formula"), i)
        if not char.isprintable() and char not in "\n\r\t":
            raise FormulaError(msg("the formula contains the control character {char}", char=repr(char)), i)
    # One line of the same length: offsets stay those of `text`, and a formula
    # folded over several YAML lines parses as one expression.
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    lead = len(flat) - len(flat.lstrip())
    if not flat.strip():
        raise FormulaError(_EMPTY)
    tree = _parse(flat[lead:], lead)
    compiler = _Compiler(flat, lead, scope, constants or {}, unavailable or {}, answers or {})
    compiler.parts = parts
    fn, kind = compiler.compile(tree.body, 0)
    names = tuple(dict.fromkeys(name for _, _, name, f in compiler.spans if f in (None, "answer")))
    cohort = tuple(dict.fromkeys((f, name) for _, _, name, f in compiler.spans if f in COHORT_FUNCTIONS))
    previous = tuple(dict.fromkeys(name for _, _, name, f in compiler.spans if f == "previous"))
    read = tuple(dict.fromkeys(name for _, _, name, f in compiler.spans if f == "points"))
    return Formula(text, kind, names, cohort, previous, fn, tuple(compiler.spans), read, dict(answers or {}))


def _parse(text: str, lead: int) -> ast.Expression:
    # Python only warns about some doubtful text ('1if x else 0'): refuse it always, whatever the
    # warnings filter says, and never let Python's own warning reach the user.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return _parse_strictly(text, lead)


def _parse_strictly(text: str, lead: int) -> ast.Expression:
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as e:
        if ":=" in text:
            raise FormulaError(_FORBIDDEN[ast.NamedExpr], lead + text.index(":=")) from None
        line = (e.text or text).encode()
        col = min(len(line[: max((e.offset or 1) - 1, 0)].decode(errors="ignore")), len(text))
        if e.msg == "invalid decimal literal":  # '1if', '2and', '3abc': only a warning for some, so always refused
            raise FormulaError(msg("a number runs into the word after it: put a space between them"), lead + col) from None
        raise FormulaError(_syntax_message(text, e), lead + col) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError(msg("the formula is nested too deeply")) from None


_EMPTY = msg("the formula is empty")


def _syntax_message(text: str, e: SyntaxError) -> Msg:
    try:
        module = ast.parse(text, mode="exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return msg("not a valid formula ({detail})", detail=_python_said(e.msg))
    if len(module.body) > 1:
        return msg("a formula is one expression; remove the ';'")
    if module.body and isinstance(module.body[0], ast.Assign | ast.AugAssign | ast.AnnAssign):
        return msg("assignment is not allowed: a formula computes a value (use == to compare)")
    if not module.body:
        return _EMPTY
    return msg("not a formula: {kind} statements are not allowed", kind=type(module.body[0]).__name__.lower())


# What Python's parser says of a formula it cannot read, in our words (the English as Python says it).
_PYTHON_SAID: tuple[tuple[re.Pattern[str], Msg], ...] = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (r"invalid syntax", msg("invalid syntax")),
        (r"invalid syntax\. Perhaps you forgot a comma\?", msg("invalid syntax. Perhaps you forgot a comma?")),
        (r"'(?P<bracket>.)' was never closed", msg("'{bracket}' was never closed")),
        (r"unmatched '(?P<bracket>.)'", msg("unmatched '{bracket}'")),
        (
            r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis '(?P<opening>.)'",
            msg("closing parenthesis '{closing}' does not match opening parenthesis '{opening}'"),
        ),
        (
            r"unterminated string literal \(detected at line (?P<line>[0-9]+)\)",
            msg("unterminated string literal (detected at line {line})"),
        ),
        (r"invalid character '(?P<char>.)' \((?P<code>U\+[0-9A-F]+)\)", msg("invalid character '{char}' ({code})")),
        (r"invalid non-printable character (?P<code>U\+[0-9A-F]+)", msg("invalid non-printable character {code}")),
        (r"expected 'else' after 'if' expression", msg("expected 'else' after 'if' expression")),
        (
            r"leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            msg("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
        ),
        (
            r"unexpected character after line continuation character",
            msg("unexpected character after line continuation character"),
        ),
        (r"positional argument follows keyword argument", msg("positional argument follows keyword argument")),
        (r"too many nested parentheses", msg("too many nested parentheses")),
    )
)


def _python_said(said: str) -> Text:
    """Python's reason, in our words where we know it; one we do not know is shown as Python says it."""
    for pattern, message in _PYTHON_SAID:
        match = pattern.fullmatch(said)
        if match is not None:
            params = {name: int(value) if name == "line" else value for name, value in match.groupdict().items()}
            return Msg(message.template, tuple(params.items()))
    return said


_COMPREHENSIONS = msg("comprehensions are not allowed")
_YIELD = msg("yield is not allowed")
_FORBIDDEN: dict[type[ast.AST], Msg] = {
    ast.Attribute: msg("attribute access ('.') is not allowed"),
    ast.Subscript: msg("indexing ('[...]') is not allowed"),
    ast.Lambda: msg("lambda is not allowed"),
    ast.ListComp: _COMPREHENSIONS,
    ast.SetComp: _COMPREHENSIONS,
    ast.DictComp: _COMPREHENSIONS,
    ast.GeneratorExp: _COMPREHENSIONS,
    ast.List: msg("lists are not allowed"),
    ast.Tuple: msg("tuples are not allowed"),
    ast.Set: msg("sets are not allowed"),
    ast.Dict: msg("dictionaries are not allowed"),
    ast.JoinedStr: msg("strings are not allowed"),
    ast.NamedExpr: msg("assignment (':=') is not allowed"),
    ast.Starred: msg("'*' unpacking is not allowed"),
    ast.Await: msg("await is not allowed"),
    ast.Yield: _YIELD,
    ast.YieldFrom: _YIELD,
    ast.Slice: msg("slices are not allowed"),
}

_ARITHMETIC: dict[type[ast.operator], tuple[str, Callable[[Decimal, Decimal], Decimal]]] = {
    ast.Add: ("+", CONTEXT.add),
    ast.Sub: ("-", CONTEXT.subtract),
    ast.Mult: ("*", CONTEXT.multiply),
}

_COMPARE: dict[type[ast.cmpop], tuple[str, Callable[[Value, Value], bool]]] = {
    ast.Lt: ("<", lambda a, b: a < b),
    ast.LtE: ("<=", lambda a, b: a <= b),
    ast.Gt: (">", lambda a, b: a > b),
    ast.GtE: (">=", lambda a, b: a >= b),
    ast.Eq: ("==", lambda a, b: a == b),
    ast.NotEq: ("!=", lambda a, b: a != b),
}

_SYMBOLS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Pow: "**",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
}

_ONE = Decimal(1)


class _Compiler:
    def __init__(
        self,
        source: str,
        lead: int,
        scope: Mapping[str, Type],
        constants: Mapping[str, Decimal],
        unavailable: Mapping[str, str],
        answers: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.text = source  # the formula on one line; the parser saw source[lead:]
        self.lead = lead
        self.scope = scope
        self.constants = constants
        self.unavailable = unavailable  # declared names this formula may not read, and why
        self.answers = answers  # the choice indicators' answers
        self.spans: list[tuple[int, int, str, str | None]] = []
        self.parts: Parts | None = None  # the ids points() may read; None: points are not scored yet where this is read
        self._bytes = None if source.isascii() else source[lead:].encode()

    def _char(self, byte_offset: int) -> int:
        """ast offsets count UTF-8 bytes; carets and spans count characters."""
        if self._bytes is None:
            return self.lead + byte_offset
        return self.lead + len(self._bytes[:byte_offset].decode(errors="ignore"))

    def at(self, node: ast.AST) -> int:
        return self._char(getattr(node, "col_offset", 0))

    def end(self, node: ast.AST) -> int:
        return self._char(getattr(node, "end_col_offset", None) or 0)

    def operator_at(self, node: ast.BinOp, symbol: str) -> int:
        """Where the operator between the two operands stands (past any closing brackets)."""
        found = self.text.find(symbol, self.end(node.left), self.at(node.right))
        return found if found >= 0 else self.at(node)

    def fail(self, node: ast.AST, message: Text) -> FormulaError:
        return FormulaError(message, self.at(node))

    def expect(self, node: ast.AST, kind: Type, got: Type, what: Text) -> None:
        """`what` is data ("'+'", "min()") or a message ("the 'else' branch")."""
        if kind != got:
            segment = self.text[self.at(node) : self.end(node)]
            wanted, given = _TYPE_WORDS[kind], _TYPE_WORDS[got]
            if got == "boolean":
                message = msg(
                    "{what} needs {wanted}, but '{segment}' is {given} (write e.g. '5 if x else 0' to turn a yes/no into points)",
                    what=what,
                    wanted=wanted,
                    segment=segment,
                    given=given,
                )
            else:
                message = msg(
                    "{what} needs {wanted}, but '{segment}' is {given}", what=what, wanted=wanted, segment=segment, given=given
                )
            raise self.fail(node, message)

    def compile(self, node: ast.AST, depth: int) -> tuple[Fn, Type]:
        if depth > MAX_DEPTH:
            raise self.fail(node, msg("the formula is nested more than {limit} levels deep", limit=MAX_DEPTH))
        for forbidden, message in _FORBIDDEN.items():
            if isinstance(node, forbidden):
                raise self.fail(node, message)
        method = getattr(self, f"_{type(node).__name__.lower()}", None)
        if method is None:
            raise self.fail(node, msg("'{kind}' is not allowed in a formula", kind=type(node).__name__))
        result: tuple[Fn, Type] = method(node, depth + 1)
        if isinstance(node, ast.BinOp | ast.Call) and self.constant(node):
            # A part with no names has one value: compute it now, so that 9**9**9 fails at load.
            try:
                result[0]({}, {})
            except FormulaFault as e:
                raise FormulaError(e.message, self.at(node) if e.offset is None else e.offset) from None
            except ArithmeticError:
                raise FormulaError(msg("the result is out of range"), self.at(node)) from None
        return result

    def constant(self, node: ast.AST) -> bool:
        return not any(isinstance(n, ast.Name) and n.id not in self.constants for n in ast.walk(node))

    def _constant(self, node: ast.Constant, depth: int) -> tuple[Fn, Type]:
        value = node.value
        if isinstance(value, bool):
            return (lambda v, c: value), "boolean"
        if isinstance(value, str | bytes):
            raise self.fail(node, msg("strings are not allowed in a formula"))
        segment = self.text[self.at(node) : self.end(node)]
        if not _NUMBER_LITERAL.fullmatch(segment) or isinstance(value, complex):
            raise self.fail(node, msg("'{segment}' is not a decimal number", segment=segment))
        literal = Decimal(segment.replace("_", ""))
        if len(literal.as_tuple().digits) > MAX_LITERAL_DIGITS or abs(literal.adjusted()) > MAX_LITERAL_DIGITS:
            message = msg(
                "the number '{segment}' has more than {limit} digits or places", segment=segment, limit=MAX_LITERAL_DIGITS
            )
            raise self.fail(node, message)
        return (lambda v, c: literal), "number"

    def _name(self, node: ast.Name, depth: int) -> tuple[Fn, Type]:
        name = node.id
        if name in self.constants:
            constant = self.constants[name]
            self.spans.append((self.at(node), self.end(node), plain(constant), "="))
            return (lambda v, c: constant), "number"
        if name in self.unavailable:
            raise self.fail(node, self.unavailable[name])
        if name not in self.scope:
            raise self.fail(node, self.unknown(name, "name"))
        self.spans.append((self.at(node), self.end(node), name, None))

        def read(v: Values, c: Stats) -> Value:
            try:
                return v[name]
            except KeyError:
                raise MissingValue(name) from None

        return read, self.scope[name]

    def unknown(self, name: str, what: Literal["name", "function"]) -> Msg:
        functions = [f for f in FUNCTIONS if self.parts is not None or f not in POINTS_FUNCTIONS]  # where points exist
        known = [*self.scope, *self.constants] if what == "name" else functions
        close = closest(name, known)
        if what == "name" and name in FUNCTIONS:
            return msg("'{name}' is a function; call it as {name}(...)", name=name)
        if what == "name":
            if close:
                return msg("unknown name '{name}'; did you mean '{close}'?", name=name, close=close)
            return msg("unknown name '{name}'", name=name)
        if close:
            return msg("unknown function '{name}'; did you mean '{close}'?", name=name, close=close)
        return msg("unknown function '{name}'", name=name)

    def _unaryop(self, node: ast.UnaryOp, depth: int) -> tuple[Fn, Type]:
        operand, kind = self.compile(node.operand, depth)
        if isinstance(node.op, ast.Not):
            self.expect(node.operand, "boolean", kind, "'not'")
            return (lambda v, c: not operand(v, c)), "boolean"
        if isinstance(node.op, ast.USub):
            self.expect(node.operand, "number", kind, "'-'")
            return (lambda v, c: CONTEXT.minus(operand(v, c))), "number"
        if isinstance(node.op, ast.UAdd):
            self.expect(node.operand, "number", kind, "'+'")
            return operand, "number"
        raise self.fail(node, msg("bitwise operators are not allowed"))

    def _binop(self, node: ast.BinOp, depth: int) -> tuple[Fn, Type]:
        symbol = _SYMBOLS.get(type(node.op), type(node.op).__name__)
        if symbol not in ("+", "-", "*", "/", "**"):
            message = msg("the operator '{symbol}' is not allowed (use + - * / **)", symbol=symbol)
            raise FormulaError(message, self.operator_at(node, symbol))
        left, left_kind = self.compile(node.left, depth)
        right, right_kind = self.compile(node.right, depth)
        op_at = self.operator_at(node, symbol)
        if type(node.op) in _ARITHMETIC:
            operation = _ARITHMETIC[type(node.op)][1]
        elif symbol == "/":
            operation = _divide(op_at)
        else:
            operation = _power(op_at)
            exponent_node = node.right.operand if isinstance(node.right, ast.UnaryOp) else node.right
            if isinstance(exponent_node, ast.Constant) and not isinstance(exponent_node.value, bool | str | bytes):
                exponent = Decimal(self.text[self.at(exponent_node) : self.end(exponent_node)].replace("_", ""))
                if abs(exponent) > MAX_EXPONENT:
                    raise self.fail(node.right, msg("exponents are limited to {limit}", limit=MAX_EXPONENT))
        self.expect(node.left, "number", left_kind, f"'{symbol}'")
        self.expect(node.right, "number", right_kind, f"'{symbol}'")
        return (lambda v, c: operation(left(v, c), right(v, c))), "number"  # type: ignore[arg-type]

    def _boolop(self, node: ast.BoolOp, depth: int) -> tuple[Fn, Type]:
        parts = []
        for operand in node.values:
            fn, kind = self.compile(operand, depth)
            self.expect(operand, "boolean", kind, "'and'/'or'")
            parts.append(fn)
        if isinstance(node.op, ast.And):
            return (lambda v, c: all(p(v, c) for p in parts)), "boolean"
        return (lambda v, c: any(p(v, c) for p in parts)), "boolean"

    def _compare(self, node: ast.Compare, depth: int) -> tuple[Fn, Type]:
        if any(_is_text(n) for n in [node.left, *node.comparators]):
            return self._answer(node)
        operands = [self.compile(n, depth) for n in [node.left, *node.comparators]]
        checks: list[tuple[Callable[[Value, Value], bool], Fn, Fn]] = []
        for i, op in enumerate(node.ops):
            if type(op) not in _COMPARE:
                raise self.fail(node, msg("the comparison {kind} is not allowed", kind=type(op).__name__))
            symbol, test = _COMPARE[type(op)]
            (a, a_kind), (b, b_kind) = operands[i], operands[i + 1]
            nodes = [node.left, *node.comparators]
            if symbol in ("==", "!="):
                self.expect(nodes[i + 1], a_kind, b_kind, msg("'{symbol}' with {kind}", symbol=symbol, kind=_TYPE_WORDS[a_kind]))
            else:
                self.expect(nodes[i], "number", a_kind, f"'{symbol}'")
                self.expect(nodes[i + 1], "number", b_kind, f"'{symbol}'")
            checks.append((test, a, b))
        if len(checks) == 1:  # the usual case, without the generator's cost
            test, a, b = checks[0]
            return (lambda v, c: test(a(v, c), b(v, c))), "boolean"
        return (lambda v, c: all(test(a(v, c), b(v, c)) for test, a, b in checks)), "boolean"

    def _answer(self, node: ast.Compare) -> tuple[Fn, Type]:
        """`report == "Đúng hạn"`: a choice indicator against one of its answers, by the answer itself."""
        left, right = node.left, node.comparators[0]
        text, other = (left, right) if _is_text(left) else (right, left)
        if len(node.ops) != 1 or type(node.ops[0]) not in (ast.Eq, ast.NotEq):
            raise self.fail(text, msg("a choice's answer is compared only with == or !=, one at a time"))
        if not (isinstance(other, ast.Name) and other.id in self.answers and other.id in self.scope):
            segment = self.text[self.at(other) : self.end(other)]
            message = msg(
                "text in quotes is compared only with a choice indicator, e.g. {example}; '{segment}' is not one",
                example='report == "Đúng hạn"',
                segment=segment,
            )
            raise self.fail(other, message)
        name, answers = other.id, self.answers[other.id]
        assert isinstance(text, ast.Constant)
        assert isinstance(text.value, str)
        if text.value not in answers:
            close = closest(text.value, answers)
            hint = "" if close is None else msg("; did you mean '{close}'?", close=close)
            message = msg(
                "'{answer}' is not an answer of '{name}'{hint} (its answers: {answers})",
                answer=text.value,
                name=name,
                hint=hint,
                answers=Listing(answers),
            )
            raise self.fail(text, message)
        place, equal, key = Decimal(answers.index(text.value)), isinstance(node.ops[0], ast.Eq), answer_key(name)
        self.spans.append((self.at(other), self.end(other), name, "answer"))

        def compare(v: Values, c: Stats) -> Value:
            try:
                return (v[key] == place) is equal
            except KeyError:
                raise MissingValue(name) from None

        return compare, "boolean"

    def _ifexp(self, node: ast.IfExp, depth: int) -> tuple[Fn, Type]:
        test, test_kind = self.compile(node.test, depth)
        self.expect(node.test, "boolean", test_kind, msg("the condition of 'if'"))
        body, body_kind = self.compile(node.body, depth)
        orelse, else_kind = self.compile(node.orelse, depth)
        self.expect(node.orelse, body_kind, else_kind, msg("the 'else' branch"))
        return (lambda v, c: body(v, c) if test(v, c) else orelse(v, c)), body_kind

    def _call(self, node: ast.Call, depth: int) -> tuple[Fn, Type]:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node.func, msg("only the listed functions can be called: {functions}", functions=Listing(FUNCTIONS)))
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(node.func, self.unknown(name, "function"))
        if node.keywords:
            raise self.fail(node.keywords[0].value, msg("{name}() takes no named arguments", name=name))
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, _FORBIDDEN[ast.Starred])
        if name in COHORT_FUNCTIONS:
            return self._cohort(node, name)
        if name == "previous":
            return self._previous(node)
        if name in POINTS_FUNCTIONS:
            return self._points(node, name)
        arity = {"abs": (1, 1), "round": (1, 2), "clamp": (3, 3), "min": (2, 20), "max": (2, 20)}[name]
        if not arity[0] <= len(node.args) <= arity[1]:
            fewest, most, given = arity[0], arity[1], len(node.args)
            if fewest == most:
                raise self.fail(node, msg("{name}() takes {count} arguments, not {given}", name=name, count=fewest, given=given))
            message = msg("{name}() takes {low} to {high} arguments, not {given}", name=name, low=fewest, high=most, given=given)
            raise self.fail(node, message)
        args = []
        for arg in node.args:
            fn, kind = self.compile(arg, depth)
            self.expect(arg, "number", kind, f"{name}()")
            args.append(fn)
        if name == "round":
            return self._round(node, args)
        if name == "clamp" and self.constant(node.args[1]) and self.constant(node.args[2]):
            low, high = args[1]({}, {}), args[2]({}, {})
            if low > high:
                raise self.fail(node, _crossed(low, high))
        return _FUNCTION_BUILDERS[name](args), "number"

    def _round(self, node: ast.Call, args: list[Fn]) -> tuple[Fn, Type]:
        places = 0
        if len(args) == 2:
            literal = node.args[1]
            if not (isinstance(literal, ast.Constant) and type(literal.value) is int and 0 <= literal.value <= 10):
                raise self.fail(literal, msg("round(x, n) needs n as a whole number from 0 to 10"))
            places = literal.value
        quantum = _ONE.scaleb(-places)
        x = args[0]
        return (lambda v, c: x(v, c).quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT)), "number"  # type: ignore[union-attr]

    def _previous(self, node: ast.Call) -> tuple[Fn, Type]:
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise self.fail(node, msg("previous() takes the name of one indicator, e.g. previous(members)"))
        name = node.args[0].id
        if name not in self.scope:
            raise self.fail(node.args[0], self.unknown(name, "name"))
        self.spans.append((self.at(node), self.end(node), name, "previous"))
        key = previous_key(name)

        def read(v: Values, c: Stats) -> Value:
            try:
                return v[key]
            except KeyError:
                raise MissingValue(key) from None

        return read, self.scope[name]

    def _points(self, node: ast.Call, function: str) -> tuple[Fn, Type]:
        """points("I.2"), group_points("III"), criteria_points(): points already scored, read by id in quotes."""
        if self.parts is None:
            message = msg(
                "{function}() reads points already scored: it can be used in adjustments, disqualifiers and award"
                " conditions, not here",
                function=function,
            )
            raise self.fail(node, message)
        ref = ""
        if function == "criteria_points":
            if node.args:
                raise self.fail(node, msg("criteria_points() takes no arguments"))
        else:
            example = "I.2" if function == "points" else "I"
            arg = node.args[0] if len(node.args) == 1 else None
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                message = msg(
                    '{function}() takes one id in quotes, e.g. {function}("{example}")', function=function, example=example
                )
                raise self.fail(node if arg is None else arg, message)
            ref = arg.value
            known = self.parts.criteria if function == "points" else self.parts.groups
            if ref not in known:
                close = closest(ref, known)
                hint = "" if close is None else msg("; did you mean '{close}'?", close=close)
                if function == "points":
                    raise self.fail(arg, msg("unknown criterion '{name}'{hint}", name=ref, hint=hint))
                raise self.fail(arg, msg("unknown group '{name}'{hint}", name=ref, hint=hint))
        key = points_key(function, ref)
        self.spans.append((self.at(node), self.end(node), key, "points"))

        def read(v: Values, c: Stats) -> Value:
            try:
                return v[key]
            except KeyError:
                raise MissingValue(key) from None

        return read, "number"

    def _cohort(self, node: ast.Call, function: str) -> tuple[Fn, Type]:
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            message = msg(
                "{function}() takes the name of one indicator or derived value, e.g. {function}(members)", function=function
            )
            raise self.fail(node, message)
        name = node.args[0].id
        if name not in self.scope:
            raise self.fail(node.args[0], self.unknown(name, "name"))
        if self.scope[name] != "number":
            raise self.fail(
                node.args[0], msg("{function}() needs a number, but '{name}' is a yes/no value", function=function, name=name)
            )
        self.spans.append((self.at(node), self.end(node), name, function))
        key = (function, name)

        def read(v: Values, c: Stats) -> Value:
            try:
                return c[key]
            except KeyError:
                raise MissingValue(f"{function}({name})") from None

        return read, "number"


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _divide(offset: int) -> Callable[[Decimal, Decimal], Decimal]:
    def divide(a: Decimal, b: Decimal) -> Decimal:
        if not b:
            raise FormulaFault(msg("division by zero"), offset)
        return CONTEXT.divide(a, b)

    return divide


def _power(offset: int) -> Callable[[Decimal, Decimal], Decimal]:
    limit = Decimal(MAX_EXPONENT)

    def power(a: Decimal, b: Decimal) -> Decimal:
        if abs(b) > limit:
            raise FormulaFault(msg("exponent {exponent} is over the limit of {limit}", exponent=b, limit=MAX_EXPONENT), offset)
        if not a and b < 0:
            raise FormulaFault(msg("zero to a negative power (division by zero)"), offset)
        if a < 0 and b != b.to_integral_value():
            raise FormulaFault(msg("a negative number to a fractional power"), offset)
        return CONTEXT.power(a, b)

    return power


def _min(args: list[Fn]) -> Fn:
    return lambda v, c: min(a(v, c) for a in args)


def _max(args: list[Fn]) -> Fn:
    return lambda v, c: max(a(v, c) for a in args)


def _abs(args: list[Fn]) -> Fn:
    x = args[0]

    def absolute(v: Values, c: Stats) -> Value:
        value = x(v, c)
        assert isinstance(value, Decimal), "checked at load: abs() takes a number"
        return abs(value)

    return absolute


def _clamp(args: list[Fn]) -> Fn:
    x, lo, hi = args

    def clamp(v: Values, c: Stats) -> Value:
        low, high = lo(v, c), hi(v, c)
        if low > high:
            raise FormulaFault(_crossed(low, high))
        return min(max(x(v, c), low), high)

    return clamp


def _crossed(low: Value, high: Value) -> Msg:
    return msg("clamp() has its low bound {low} above its high bound {high}", low=low, high=high)


_FUNCTION_BUILDERS: dict[str, Callable[[list[Fn]], Fn]] = {"min": _min, "max": _max, "abs": _abs, "clamp": _clamp}
