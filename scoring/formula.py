"""The formula language: parsed and checked once at load, evaluated exactly.

A formula is one arithmetic expression over the round's names. It is parsed
with Python's own parser, then every node is checked against an allow-list
(the same restrictions simpleeval applies, and stricter: no strings,
attributes, subscripts or comprehensions at all), its names and types are
checked against the declared indicators, and it is compiled into a tree of
closures over exact `Decimal` arithmetic. Nothing is ever passed to `eval`.
"""

from __future__ import annotations

import ast
import difflib
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from scoring.numbers import CONTEXT, plain
from scoring.wording import Msg

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
FUNCTIONS = ("min", "max", "abs", "round", "clamp", "previous", *COHORT_FUNCTIONS)

_TYPE_WORDS = {"number": "a number", "boolean": "a yes/no value"}
_NUMBER_LITERAL = re.compile(r"[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9][0-9_]*([eE][-+]?[0-9]+)?")


class FormulaError(ValueError):
    """A formula that cannot be accepted; `offset` is where the caret goes."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class FormulaFault(ArithmeticError):
    """A formula that failed for one unit's values (division by zero, overflow)."""

    def __init__(self, message: Msg | str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


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

    def evaluate(self, values: Values, cohort: Stats) -> Value:
        try:
            return self._fn(values, cohort)
        except ArithmeticError as e:
            if isinstance(e, FormulaFault):
                raise
            raise FormulaFault(f"the result is out of range ({type(e).__name__})") from None

    def offset_of(self, name: str) -> int | None:
        """Where `name` is first read, for a caret."""
        return min((start for start, _, read, function in self._spans if read == name and function is None), default=None)

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
            elif function is None:
                shown = show_(values[name]) if name in values else f"{name}=?"
            else:
                shown = show_(cohort[(function, name)]) if (function, name) in cohort else "?"
            text = text[:start] + shown + text[end:]
        return " ".join(text.split())


def previous_key(name: str) -> str:
    """Where a unit's previous-round value of `name` is kept among its values."""
    return f"previous({name})"


def show(value: Value) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    return plain(value)


_SHOWN_PLACES = Decimal("0.0001")


def num(value: Value) -> str:
    """A value for reading: long decimals shown to 4 places with '≈'."""
    if isinstance(value, bool):
        return show(value)
    if value.as_tuple().exponent < -4 and value.adjusted() < 20:  # type: ignore[operator]
        return "≈" + plain(value.quantize(_SHOWN_PLACES, context=CONTEXT))
    return plain(value)


def caret(text: str, offset: int) -> str:
    one_line = text.replace("\n", " ")
    return f"    {one_line}\n    {' ' * offset}^"


def compile_formula(
    text: str,
    scope: Mapping[str, Type],
    constants: Mapping[str, Decimal] | None = None,
    unavailable: Mapping[str, str] | None = None,
) -> Formula:
    """Parse and check `text` against the declared names; raise FormulaError at the bad spot."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(text)} characters long; the limit is {MAX_LENGTH}", MAX_LENGTH)
    for i, char in enumerate(text):
        if char == "#":
            raise FormulaError("comments ('#') are not allowed in a formula; put them in the YAML, outside the formula", i)
        if not char.isprintable() and char not in "\n\r\t":
            raise FormulaError(f"the formula contains the control character {char!r}", i)
    # One line of the same length: offsets stay those of `text`, and a formula
    # folded over several YAML lines parses as one expression.
    flat = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    lead = len(flat) - len(flat.lstrip())
    if not flat.strip():
        raise FormulaError("the formula is empty")
    tree = _parse(flat[lead:], lead)
    compiler = _Compiler(flat, lead, scope, constants or {}, unavailable or {})
    fn, kind = compiler.compile(tree.body, 0)
    names = tuple(dict.fromkeys(name for _, _, name, f in compiler.spans if f is None))
    cohort = tuple(dict.fromkeys((f, name) for _, _, name, f in compiler.spans if f in COHORT_FUNCTIONS))
    previous = tuple(dict.fromkeys(name for _, _, name, f in compiler.spans if f == "previous"))
    return Formula(text, kind, names, cohort, previous, fn, tuple(compiler.spans))


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
            raise FormulaError("assignment (':=') is not allowed", lead + text.index(":=")) from None
        line = (e.text or text).encode()
        col = min(len(line[: max((e.offset or 1) - 1, 0)].decode(errors="ignore")), len(text))
        if e.msg == "invalid decimal literal":  # '1if', '2and', '3abc': only a warning for some, so always refused
            raise FormulaError("a number runs into the word after it: put a space between them", lead + col) from None
        raise FormulaError(_syntax_message(text, e), lead + col) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("the formula is nested too deeply") from None


def _syntax_message(text: str, e: SyntaxError) -> str:
    try:
        module = ast.parse(text, mode="exec")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return f"not a valid formula ({e.msg})"
    if len(module.body) > 1:
        return "a formula is one expression; remove the ';'"
    if module.body and isinstance(module.body[0], ast.Assign | ast.AugAssign | ast.AnnAssign):
        return "assignment is not allowed: a formula computes a value (use == to compare)"
    if not module.body:
        return "the formula is empty"
    return f"not a formula: {type(module.body[0]).__name__.lower()} statements are not allowed"


_FORBIDDEN = {
    ast.Attribute: "attribute access ('.') is not allowed",
    ast.Subscript: "indexing ('[...]') is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dictionaries are not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.NamedExpr: "assignment (':=') is not allowed",
    ast.Starred: "'*' unpacking is not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
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
    ) -> None:
        self.text = source  # the formula on one line; the parser saw source[lead:]
        self.lead = lead
        self.scope = scope
        self.constants = constants
        self.unavailable = unavailable  # declared names this formula may not read, and why
        self.spans: list[tuple[int, int, str, str | None]] = []
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

    def fail(self, node: ast.AST, message: str) -> FormulaError:
        return FormulaError(message, self.at(node))

    def expect(self, node: ast.AST, kind: Type, got: Type, what: str) -> None:
        if kind != got:
            segment = self.text[self.at(node) : self.end(node)]
            hint = " (write e.g. '5 if x else 0' to turn a yes/no into points)" if got == "boolean" else ""
            raise self.fail(node, f"{what} needs {_TYPE_WORDS[kind]}, but '{segment}' is {_TYPE_WORDS[got]}{hint}")

    def compile(self, node: ast.AST, depth: int) -> tuple[Fn, Type]:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the formula is nested more than {MAX_DEPTH} levels deep")
        for forbidden, message in _FORBIDDEN.items():
            if isinstance(node, forbidden):
                raise self.fail(node, message)
        method = getattr(self, f"_{type(node).__name__.lower()}", None)
        if method is None:
            raise self.fail(node, f"'{type(node).__name__}' is not allowed in a formula")
        result: tuple[Fn, Type] = method(node, depth + 1)
        if isinstance(node, ast.BinOp | ast.Call) and self.constant(node):
            # A part with no names has one value: compute it now, so that 9**9**9 fails at load.
            try:
                result[0]({}, {})
            except FormulaFault as e:
                raise FormulaError(str(e.message), self.at(node) if e.offset is None else e.offset) from None
            except ArithmeticError:
                raise FormulaError("the result is out of range", self.at(node)) from None
        return result

    def constant(self, node: ast.AST) -> bool:
        return not any(isinstance(n, ast.Name) and n.id not in self.constants for n in ast.walk(node))

    def _constant(self, node: ast.Constant, depth: int) -> tuple[Fn, Type]:
        value = node.value
        if isinstance(value, bool):
            return (lambda v, c: value), "boolean"
        if isinstance(value, str | bytes):
            raise self.fail(node, "strings are not allowed in a formula")
        segment = self.text[self.at(node) : self.end(node)]
        if not _NUMBER_LITERAL.fullmatch(segment) or isinstance(value, complex):
            raise self.fail(node, f"'{segment}' is not a decimal number")
        number = Decimal(segment.replace("_", ""))
        if len(number.as_tuple().digits) > MAX_LITERAL_DIGITS or abs(number.adjusted()) > MAX_LITERAL_DIGITS:
            raise self.fail(node, f"the number '{segment}' has more than {MAX_LITERAL_DIGITS} digits or places")
        return (lambda v, c: number), "number"

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

    def unknown(self, name: str, what: str) -> str:
        known = [*self.scope, *self.constants] if what == "name" else list(FUNCTIONS)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        if what == "name" and name in FUNCTIONS:
            return f"'{name}' is a function; call it as {name}(...)"
        return f"unknown {what} '{name}'{hint}"

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
        raise self.fail(node, "bitwise operators are not allowed")

    def _binop(self, node: ast.BinOp, depth: int) -> tuple[Fn, Type]:
        symbol = _SYMBOLS.get(type(node.op), type(node.op).__name__)
        if symbol not in ("+", "-", "*", "/", "**"):
            raise FormulaError(f"the operator '{symbol}' is not allowed (use + - * / **)", self.operator_at(node, symbol))
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
                    raise self.fail(node.right, f"exponents are limited to {MAX_EXPONENT}")
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
        operands = [self.compile(n, depth) for n in [node.left, *node.comparators]]
        checks: list[tuple[Callable[[Value, Value], bool], Fn, Fn]] = []
        for i, op in enumerate(node.ops):
            if type(op) not in _COMPARE:
                raise self.fail(node, f"the comparison {type(op).__name__} is not allowed")
            symbol, test = _COMPARE[type(op)]
            (a, a_kind), (b, b_kind) = operands[i], operands[i + 1]
            nodes = [node.left, *node.comparators]
            if symbol in ("==", "!="):
                self.expect(nodes[i + 1], a_kind, b_kind, f"'{symbol}' with {_TYPE_WORDS[a_kind]}")
            else:
                self.expect(nodes[i], "number", a_kind, f"'{symbol}'")
                self.expect(nodes[i + 1], "number", b_kind, f"'{symbol}'")
            checks.append((test, a, b))
        if len(checks) == 1:  # the usual case, without the generator's cost
            test, a, b = checks[0]
            return (lambda v, c: test(a(v, c), b(v, c))), "boolean"
        return (lambda v, c: all(test(a(v, c), b(v, c)) for test, a, b in checks)), "boolean"

    def _ifexp(self, node: ast.IfExp, depth: int) -> tuple[Fn, Type]:
        test, test_kind = self.compile(node.test, depth)
        self.expect(node.test, "boolean", test_kind, "the condition of 'if'")
        body, body_kind = self.compile(node.body, depth)
        orelse, else_kind = self.compile(node.orelse, depth)
        self.expect(node.orelse, body_kind, else_kind, "the 'else' branch")
        return (lambda v, c: body(v, c) if test(v, c) else orelse(v, c)), body_kind

    def _call(self, node: ast.Call, depth: int) -> tuple[Fn, Type]:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node.func, "only the listed functions can be called: " + ", ".join(FUNCTIONS))
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(node.func, self.unknown(name, "function"))
        if node.keywords:
            raise self.fail(node.keywords[0].value, f"{name}() takes no named arguments")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, _FORBIDDEN[ast.Starred])
        if name in COHORT_FUNCTIONS:
            return self._cohort(node, name)
        if name == "previous":
            return self._previous(node)
        arity = {"abs": (1, 1), "round": (1, 2), "clamp": (3, 3), "min": (2, 20), "max": (2, 20)}[name]
        if not arity[0] <= len(node.args) <= arity[1]:
            wanted = str(arity[0]) if arity[0] == arity[1] else f"{arity[0]} to {arity[1]}"
            raise self.fail(node, f"{name}() takes {wanted} arguments, not {len(node.args)}")
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
                raise self.fail(node, f"clamp() has its low bound {show(low)} above its high bound {show(high)}")
        return _FUNCTION_BUILDERS[name](args), "number"

    def _round(self, node: ast.Call, args: list[Fn]) -> tuple[Fn, Type]:
        places = 0
        if len(args) == 2:
            literal = node.args[1]
            if not (isinstance(literal, ast.Constant) and type(literal.value) is int and 0 <= literal.value <= 10):
                raise self.fail(literal, "round(x, n) needs n as a whole number from 0 to 10")
            places = literal.value
        quantum = _ONE.scaleb(-places)
        x = args[0]
        return (lambda v, c: x(v, c).quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT)), "number"  # type: ignore[union-attr]

    def _previous(self, node: ast.Call) -> tuple[Fn, Type]:
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise self.fail(node, "previous() takes the name of one indicator, e.g. previous(members)")
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

    def _cohort(self, node: ast.Call, function: str) -> tuple[Fn, Type]:
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
            raise self.fail(node, f"{function}() takes the name of one indicator or derived value, e.g. {function}(members)")
        name = node.args[0].id
        if name not in self.scope:
            raise self.fail(node.args[0], self.unknown(name, "name"))
        if self.scope[name] != "number":
            raise self.fail(node.args[0], f"{function}() needs a number, but '{name}' is a yes/no value")
        self.spans.append((self.at(node), self.end(node), name, function))
        key = (function, name)

        def read(v: Values, c: Stats) -> Value:
            try:
                return c[key]
            except KeyError:
                raise MissingValue(f"{function}({name})") from None

        return read, "number"


def _divide(offset: int) -> Callable[[Decimal, Decimal], Decimal]:
    def divide(a: Decimal, b: Decimal) -> Decimal:
        if not b:
            raise FormulaFault("division by zero", offset)
        return CONTEXT.divide(a, b)

    return divide


def _power(offset: int) -> Callable[[Decimal, Decimal], Decimal]:
    limit = Decimal(MAX_EXPONENT)

    def power(a: Decimal, b: Decimal) -> Decimal:
        if abs(b) > limit:
            raise FormulaFault(f"exponent {plain(b)} is over the limit of {MAX_EXPONENT}", offset)
        if not a and b < 0:
            raise FormulaFault("zero to a negative power (division by zero)", offset)
        if a < 0 and b != b.to_integral_value():
            raise FormulaFault("a negative number to a fractional power", offset)
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
            raise FormulaFault(f"clamp() has its low bound {show(low)} above its high bound {show(high)}")
        return min(max(x(v, c), low), high)

    return clamp


_FUNCTION_BUILDERS: dict[str, Callable[[list[Fn]], Fn]] = {"min": _min, "max": _max, "abs": _abs, "clamp": _clamp}
