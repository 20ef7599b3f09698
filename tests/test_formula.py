"""The formula language: exact arithmetic, checks at compile time, bounded evaluation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scoring import wording
from scoring.formula import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    Formula,
    FormulaError,
    FormulaFault,
    MissingValue,
    Type,
    compile_formula,
    num,
    show,
    with_caret,
)

SCOPE: dict[str, Type] = {
    "members": "number",
    "new_members": "number",
    "x": "number",
    "y": "number",
    "plan_on_time": "boolean",
    "ok": "boolean",
}
HINT = " (write e.g. '5 if x else 0' to turn a yes/no into points)"


def ev(text, values=None, cohort=None, constants=None):
    return compile_formula(text, SCOPE, constants).evaluate(values or {}, cohort or {})


def refused(text, constants=None) -> FormulaError:
    with pytest.raises(FormulaError) as info:
        compile_formula(text, SCOPE, constants)
    return info.value


# --- exact arithmetic -------------------------------------------------------------------------


def test_decimal_addition_is_exact():
    result = ev("0.1 + 0.2")
    # binary floats give 0.30000000000000004; decimals give exactly 0.3
    assert isinstance(result, Decimal)
    assert result == Decimal("0.3")
    assert str(result) == "0.3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1", "0.1"),
        ("12.50", "12.50"),
        ("1_000", "1000"),
        ("1e3", "1E+3"),  # 1 × 10³, exactly
        ("0.000001", "0.000001"),
    ],
)
def test_literals_are_exact(text, expected):
    result = ev(text)
    assert isinstance(result, Decimal)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 / 4", Decimal("0.25")),
        ("3 / 8 * 1000", Decimal(375)),  # 0.375 × 1000
        ("1 / 3", Decimal("0." + "3" * 34)),  # 34 significant digits
        ("2 / 3", Decimal("0." + "6" * 33 + "7")),  # the 34th digit rounds up
        ("7 - 10", Decimal(-3)),
        ("2 * 3 + 4", Decimal(10)),  # * before +
        ("2 * (3 + 4)", Decimal(14)),
        ("2 ** 10", Decimal(1024)),
        ("-x + +x", Decimal(0)),
    ],
)
def test_arithmetic(text, expected):
    assert ev(text, {"x": Decimal(5)}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("round(2.675, 2)", "2.68"),  # float round() gives 2.67; half up on the exact decimal gives 2.68
        ("round(2.5)", "3"),
        ("round(3.5)", "4"),
        ("round(-2.5)", "-3"),  # half up rounds away from zero
        ("round(0.125, 2)", "0.13"),
        ("round(1.2345, 3)", "1.235"),
        ("round(7, 2)", "7.00"),
    ],
)
def test_round_is_half_up(text, expected):
    assert str(ev(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("min(x, y)", Decimal(3)),
        ("min(x, y, 1)", Decimal(1)),
        ("max(x, y)", Decimal(8)),
        ("max(x, y, 10)", Decimal(10)),
        ("abs(x - y)", Decimal(5)),  # |3 − 8|
        ("abs(y - x)", Decimal(5)),
        ("clamp(x, 0, 5)", Decimal(3)),  # inside the range
        ("clamp(y, 0, 5)", Decimal(5)),  # above: the upper bound
        ("clamp(x - y, 0, 5)", Decimal(0)),  # −5 below: the lower bound
    ],
)
def test_functions(text, expected):
    assert ev(text, {"x": Decimal(3), "y": Decimal(8)}) == expected


@pytest.mark.parametrize(
    ("done", "expected"),
    [(True, Decimal(5)), (False, Decimal(0))],
)
def test_conditional_expression(done, expected):
    assert ev("5 if plan_on_time else 0", {"plan_on_time": done}) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x < y", True),
        ("x <= 3", True),
        ("x > y", False),
        ("y >= 8", True),
        ("x == 3", True),
        ("x != 3", False),
        ("1 < x < y", True),  # chained: 1 < 3 and 3 < 8
        ("1 < y < x", False),
        ("ok and plan_on_time", False),
        ("ok or plan_on_time", True),
        ("not plan_on_time", True),
        ("ok and not plan_on_time and x > 2", True),
        ("ok == plan_on_time", False),
        ("(1 if ok else 2) == 1", True),
    ],
)
def test_comparisons_and_logic(text, expected):
    result = ev(text, {"x": Decimal(3), "y": Decimal(8), "ok": True, "plan_on_time": False})
    assert result is expected


def test_cohort_functions_read_the_cohort_mapping():
    cohort = {("best", "x"): Decimal(10), ("worst", "x"): Decimal(2), ("mean", "y"): Decimal("4.5")}
    # 4 / 10 * 5 = 2; 2 + 4.5 = 6.5
    assert ev("x / best(x) * 5", {"x": Decimal(4)}, cohort) == Decimal(2)
    assert ev("worst(x) + mean(y)", {}, cohort) == Decimal("6.5")


def test_max_points_constant():
    constants = {"max_points": Decimal(5)}
    # min(5, 12 / 4) = 3; min(5, 40 / 4) = 5
    assert ev("min(max_points, x / 4)", {"x": Decimal(12)}, constants=constants) == Decimal(3)
    assert ev("min(max_points, x / 4)", {"x": Decimal(40)}, constants=constants) == Decimal(5)


def test_formula_types():
    assert compile_formula("x + 1", SCOPE).type == "number"
    assert compile_formula("x > 1", SCOPE).type == "boolean"
    assert compile_formula("ok", SCOPE).type == "boolean"
    assert compile_formula("1 if ok else 2", SCOPE).type == "number"


# --- type checks at compile -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("ok + 1", 0, "'+' needs a number, but 'ok' is a yes/no value" + HINT),
        ("x * plan_on_time", 4, "'*' needs a number, but 'plan_on_time' is a yes/no value" + HINT),
        ("x + True", 4, "'+' needs a number, but 'True' is a yes/no value" + HINT),
        ("min(x, ok)", 7, "min() needs a number, but 'ok' is a yes/no value" + HINT),
        ("x < ok", 4, "'<' needs a number, but 'ok' is a yes/no value" + HINT),
        ("1 if x else 2", 5, "the condition of 'if' needs a yes/no value, but 'x' is a number"),
        ("not x", 4, "'not' needs a yes/no value, but 'x' is a number"),
        ("x and ok", 0, "'and'/'or' needs a yes/no value, but 'x' is a number"),
        (
            "1 if ok else plan_on_time",
            13,
            "the 'else' branch needs a number, but 'plan_on_time' is a yes/no value" + HINT,
        ),
        ("ok if ok else 1", 14, "the 'else' branch needs a yes/no value, but '1' is a number"),
        ("ok == 1", 6, "'==' with a yes/no value needs a yes/no value, but '1' is a number"),
        ("best(ok)", 5, "best() needs a number, but 'ok' is a yes/no value"),
    ],
)
def test_wrong_types_refused_at_compile(text, offset, message):
    error = refused(text)
    assert (error.offset, str(error)) == (offset, message)


# --- refused at compile -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        # names and functions
        ("x + membres", 4, "unknown name 'membres'; did you mean 'members'?"),
        ("x + zzz", 4, "unknown name 'zzz'"),
        ("x + min", 4, "'min' is a function; call it as min(...)"),
        ("x + open(1)", 4, "unknown function 'open'"),
        ("x + __import__('os')", 4, "unknown function '__import__'"),
        ("x + eval(1)", 4, "unknown function 'eval'"),
        ("mn(x, y)", 0, "unknown function 'mn'; did you mean 'min'?"),
        # attributes, subscripts, lambda, comprehensions
        ("1 + x.__class__", 4, "attribute access ('.') is not allowed"),
        ("1 + (1).real", 4, "attribute access ('.') is not allowed"),
        ('1 + "a".format', 4, "attribute access ('.') is not allowed"),
        ("1 + x[0]", 4, "indexing ('[...]') is not allowed"),
        ("1 + (lambda: 1)", 5, "lambda is not allowed"),
        ("1 + [a for a in x]", 4, "comprehensions are not allowed"),
        ("1 + {a for a in x}", 4, "comprehensions are not allowed"),
        ("1 + {a: 1 for a in x}", 4, "comprehensions are not allowed"),
        ("1 + (a for a in x)", 4, "comprehensions are not allowed"),
        ("1 + [1, 2]", 4, "lists are not allowed"),
        # strings
        ('x + "a"', 4, "strings are not allowed in a formula"),
        ("x + f'{x}'", 4, "strings are not allowed"),
        # statements
        ("x = 1", 2, "assignment is not allowed: a formula computes a value (use == to compare)"),
        ("x += 1", 2, "assignment is not allowed: a formula computes a value (use == to compare)"),
        ("x; y", 1, "a formula is one expression; remove the ';'"),
        ("import os", 0, "not a formula: import statements are not allowed"),
        ("x + (a := 1)", 5, "assignment (':=') is not allowed"),
        # bitwise: the unary one
        ("x + ~x", 4, "bitwise operators are not allowed"),
        # named and star arguments
        ("min(x, y=1)", 9, "min() takes no named arguments"),
        ("max(x, *y)", 7, "'*' unpacking is not allowed"),
        ("abs(*x)", 4, "'*' unpacking is not allowed"),
        # literals
        ("1 + 0x10", 4, "'0x10' is not a decimal number"),
        ("1 + 1j", 4, "'1j' is not a decimal number"),
        ("2 * 1" + "0" * 30, 4, "the number '1" + "0" * 30 + "' has more than 30 digits or places"),  # 31 digits
        ("2 * 1e31", 4, "the number '1e31' has more than 30 digits or places"),
        ("x ** 101", 5, f"exponents are limited to {MAX_EXPONENT}"),
        ("x ** 1e3", 5, f"exponents are limited to {MAX_EXPONENT}"),
        ("4000000**4000000", 9, f"exponents are limited to {MAX_EXPONENT}"),
        ("round(x, 11)", 9, "round(x, n) needs n as a whole number from 0 to 10"),
        # arity and cohort functions
        ("min(x)", 0, "min() takes 2 to 20 arguments, not 1"),
        ("clamp(x, 1)", 0, "clamp() takes 3 arguments, not 2"),
        ("best(x + 1)", 0, "best() takes the name of one indicator or derived value, e.g. best(members)"),
        # empty
        ("", 0, "the formula is empty"),
        ("   ", 0, "the formula is empty"),
    ],
)
def test_forbidden_syntax_refused_with_caret(text, offset, message):
    error = refused(text)
    assert (error.offset, str(error)) == (offset, message)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1 << 1000", "'<<'"),
        ("x ^ y", "'^'"),
        ("x | y", "'|'"),
        ("x // 2", "'//'"),
        ("x % 2", "'%'"),
    ],
)
def test_forbidden_operator_refused_with_caret_under_the_operator(text, name):
    error = refused(text)
    assert str(error) == f"the operator {name} is not allowed (use + - * / **)"
    # the caret goes under the operator (the bad spot), not under the left operand
    assert error.offset == text.index(" ") + 1


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("min(*x)", 4),  # '*' at 4
        ("max(*x)", 4),
    ],
)
def test_star_argument_named_as_such_even_when_alone(text, offset):
    error = refused(text)
    assert (error.offset, str(error)) == (offset, "'*' unpacking is not allowed")


def test_comment_only_formula_is_refused():
    # a formula that is only a comment parses as an empty program; it must be refused, not crash
    error = refused("# only a comment")
    assert isinstance(error, FormulaError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(x\r+ y)", Decimal(3)),  # 1 + 2
        ("\r1 + x + y", Decimal(4)),  # 1 + 1 + 2
    ],
)
def test_carriage_return_line_break_does_not_crash(text, expected):
    # Python's parser takes a lone CR as a line break; the caret arithmetic must too
    assert ev(text, {"x": Decimal(1), "y": Decimal(2)}) == expected


def test_over_long_formula_refused():
    text = "x + 1" + " " * MAX_LENGTH  # 5 + 1000 = 1005 characters
    error = refused(text)
    assert (error.offset, str(error)) == (MAX_LENGTH, f"the formula is 1005 characters long; the limit is {MAX_LENGTH}")


def test_nesting_at_the_limit_accepted_and_over_it_refused():
    # MAX_DEPTH unary minuses put 'x' at depth MAX_DEPTH: accepted; one more and 'x' is too deep
    assert ev("-" * MAX_DEPTH + "x", {"x": Decimal(1)}) == Decimal(1)  # an even number of minuses
    error = refused("-" * (MAX_DEPTH + 1) + "x")
    assert (error.offset, str(error)) == (MAX_DEPTH + 1, f"the formula is nested more than {MAX_DEPTH} levels deep")


def test_over_deep_binary_nesting_refused():
    text = "x" + " + x" * (MAX_DEPTH + 1)  # 101 '+' nest the first 'x' 102 levels deep
    error = refused(text)
    assert (error.offset, str(error)) == (0, f"the formula is nested more than {MAX_DEPTH} levels deep")


def test_too_many_parentheses_refused():
    text = "(" * 300 + "1" + ")" * 300
    error = refused(text)
    assert (error.offset, str(error)) == (200, "not a valid formula (too many nested parentheses)")


# --- bounded at run time ----------------------------------------------------------------------


def _fault(text, values=None) -> FormulaFault:
    formula = compile_formula(text, SCOPE)
    # Bounded by construction (exponent limit, Decimal context with Emax and traps):
    # no timing here, timed unit tests are flaky on shared machines.
    with pytest.raises(FormulaFault) as info:
        formula.evaluate(values or {}, {})
    return info.value


def test_tower_of_powers_is_refused_at_load():
    # A part with no names is computed once at load: 9**9 = 387420489, over the limit, caret under the first '**'.
    error = refused("9**9**9")
    assert (error.offset, str(error)) == (1, f"exponent 387420489 is over the limit of {MAX_EXPONENT}")


def test_tower_of_powers_over_a_name_is_refused_at_run_time():
    fault = _fault("x**9**9", {"x": Decimal(9)})
    assert (fault.offset, str(fault)) == (1, f"exponent 387420489 is over the limit of {MAX_EXPONENT}")


def test_big_exponent_from_values_is_refused():
    fault = _fault("x ** y", {"x": Decimal(2), "y": Decimal(10**6)})
    assert str(fault) == f"exponent 1000000 is over the limit of {MAX_EXPONENT}"
    # A literal exponent is refused at load, even behind a minus sign.
    with pytest.raises(FormulaError) as refused:
        compile_formula("x ** -101", SCOPE)
    assert (refused.value.offset, str(refused.value)) == (5, f"exponents are limited to {MAX_EXPONENT}")


def test_exponent_at_the_limit_is_computed():
    # 2 ** 100 = 1267650600228229401496703205376 (31 digits, exact within 34)
    assert ev("x ** y", {"x": Decimal(2), "y": Decimal(100)}) == Decimal(2**100)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("x * x * x", {"x": Decimal("1e400000")}),  # 10^1200000: past the exponent limit of 999999
        ("x ** 100", {"x": Decimal("1e10000")}),  # 10^1000000
        ("((x ** 100) ** 100) ** 100", {"x": Decimal("1e30")}),  # 10^30000000
    ],
)
def test_huge_results_overflow_into_a_fault(text, values):
    fault = _fault(text, values)
    assert str(fault) == "the result is out of range (Overflow)"


def test_huge_constant_results_are_refused_at_load():
    # (1e30 ** 100) = 10^3000, ** 100 = 10^300000, ** 100 = 10^30000000: past Emax, found when loading.
    error = refused("((1e30 ** 100) ** 100) ** 100")
    assert (error.offset, str(error)) == (0, "the result is out of range")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("x / y", {"x": Decimal(1), "y": Decimal(0)}),
        ("x/y", {"x": Decimal(1), "y": Decimal(0)}),
        ("x / (y - 1)", {"x": Decimal(1), "y": Decimal(1)}),
        ("min(x, 5) / (y - y)", {"x": Decimal(1), "y": Decimal(1)}),
    ],
)
def test_division_by_zero_points_at_the_slash(text, values):
    fault = _fault(text, values)
    assert (str(fault), fault.offset) == ("division by zero", text.index("/"))


def test_power_fault_points_at_the_operator():
    text = "x ** y"
    fault = _fault(text, {"x": Decimal(2), "y": Decimal(101)})
    assert (str(fault), fault.offset) == (f"exponent 101 is over the limit of {MAX_EXPONENT}", text.index("**"))


def test_zero_to_a_negative_power_and_negative_to_a_fraction():
    assert str(refused("0 ** -1")) == "zero to a negative power (division by zero)"
    assert str(refused("(0 - 2) ** 0.5")) == "a negative number to a fractional power"
    assert str(_fault("x ** -1", {"x": Decimal(0)})) == "zero to a negative power (division by zero)"
    assert str(_fault("x ** 0.5", {"x": Decimal(-2)})) == "a negative number to a fractional power"


def test_clamp_with_crossed_bounds():
    assert str(refused("clamp(x, 5, 1)")) == "clamp() has its low bound 5 above its high bound 1"
    assert str(_fault("clamp(x, y, 1)", {"x": Decimal(0), "y": Decimal(5)})) == (
        "clamp() has its low bound 5 above its high bound 1"
    )


def test_missing_value():
    formula = compile_formula("x + y", SCOPE)
    with pytest.raises(MissingValue) as info:
        formula.evaluate({"x": Decimal(1)}, {})
    assert info.value.name == "y"


def test_missing_cohort_value():
    formula = compile_formula("x / best(x)", SCOPE)
    with pytest.raises(MissingValue) as info:
        formula.evaluate({"x": Decimal(1)}, {})
    assert info.value.name == "best(x)"


# --- substitution, names, cohort ---------------------------------------------------------------


def test_substituted_shows_the_numbers():
    formula = compile_formula("new_members / members * 1000", SCOPE)
    assert formula.substituted({"new_members": Decimal(800), "members": Decimal(28540)}, {}) == "800 / 28540 * 1000"


def test_substituted_shows_booleans_in_vietnamese():
    formula = compile_formula("5 if plan_on_time else 0", SCOPE)
    assert formula.substituted({"plan_on_time": True}, {}) == "5 if có else 0"
    assert formula.substituted({"plan_on_time": False}, {}) == "5 if không else 0"


def test_substituted_shows_constants_cohort_and_missing():
    formula = compile_formula("min(max_points, x / best(x) * y)", SCOPE, {"max_points": Decimal(5)})
    assert formula.substituted({"x": Decimal(3), "y": Decimal(10)}, {("best", "x"): Decimal(6)}) == "min(5, 3 / 6 * 10)"
    assert formula.substituted({"x": Decimal(3)}, {}) == "min(5, 3 / ? * y=?)"


def test_substituted_with_custom_display():
    formula = compile_formula("x + y", SCOPE)
    assert formula.substituted({"x": Decimal(1), "y": Decimal(2)}, {}, lambda v: f"<{v}>") == "<1> + <2>"


def test_names_in_order_without_duplicates():
    formula = compile_formula("y + x * y - best(y) + worst(x) + best(y) + max_points", SCOPE, {"max_points": Decimal(5)})
    assert formula.names == ("y", "x")
    assert formula.cohort == (("best", "y"), ("worst", "x"))


def test_formula_is_frozen_and_compares_by_text():
    a = compile_formula("x + 1", SCOPE)
    b = compile_formula("x + 1", SCOPE)
    assert isinstance(a, Formula)
    assert a == b
    with pytest.raises(AttributeError):
        a.text = "x + 2"


# --- properties -------------------------------------------------------------------------------

Tree = int | tuple[str, "Tree", "Tree"]

trees = st.recursive(
    st.integers(min_value=-99, max_value=99),
    lambda children: st.tuples(st.sampled_from("+-*"), children, children),
    max_leaves=8,
)


def render(tree: Tree) -> str:
    if isinstance(tree, int):
        return f"({tree})" if tree < 0 else str(tree)
    op, left, right = tree
    return f"({render(left)} {op} {render(right)})"


def value_of(tree: Tree) -> int:
    if isinstance(tree, int):
        return tree
    op, left, right = tree
    a, b = value_of(left), value_of(right)
    return a + b if op == "+" else a - b if op == "-" else a * b


@settings(max_examples=100, deadline=None)
@given(trees)
def test_integer_arithmetic_matches_python(tree):
    # 8 leaves of at most 2 digits: at most 16 digits, well inside the 34 of exact decimals
    text = render(tree)
    assert compile_formula(text, SCOPE).evaluate({}, {}) == Decimal(value_of(tree))


flat = st.tuples(
    st.integers(min_value=0, max_value=99),
    st.lists(st.tuples(st.sampled_from("+-*"), st.integers(min_value=0, max_value=99)), max_size=7),
)


def precedence_value(first: int, rest: list[tuple[str, int]]) -> int:
    """'*' binds before '+' and '-', all left to right: sum the signed products."""
    total, sign, product = 0, 1, first
    for op, number in rest:
        if op == "*":
            product *= number
        else:
            total += sign * product
            sign, product = (1 if op == "+" else -1), number
    return total + sign * product


@settings(max_examples=100, deadline=None)
@given(flat)
def test_precedence_without_parentheses_matches_python(case):
    first, rest = case
    text = str(first) + "".join(f" {op} {n}" for op, n in rest)
    assert compile_formula(text, SCOPE).evaluate({}, {}) == Decimal(precedence_value(first, rest))


formula_ish = st.text(alphabet=st.sampled_from(list("xy1.0+-*/()<>=!#;:,[]{}'\"_ \n\tandortifelsb")), max_size=200)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=200), formula_ish))
@example("# comment")
@example("x # comment")
@example("\x00")
@example("(x\r+ y)")
def test_any_text_compiles_or_is_refused_cleanly(text):
    try:
        outcome: Formula | FormulaError = compile_formula(text, SCOPE)
    except FormulaError as e:
        outcome = e
    if isinstance(outcome, FormulaError):
        assert str(outcome)
        assert 0 <= outcome.offset <= len(text)
    else:
        assert isinstance(outcome, Formula)


# --- in Vietnamese ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("x + membres", 4, "tên 'membres' chưa được khai báo; có phải ý là 'members'?"),
        ("mn(x, y)", 0, "không có hàm 'mn'; có phải ý là 'min'?"),
        ("x + min", 4, "'min' là một hàm; hãy gọi theo dạng min(...)"),
        (
            "x * plan_on_time",
            4,
            "'*' cần một số, nhưng 'plan_on_time' là một giá trị có/không"
            " (muốn đổi giá trị có/không thành điểm, hãy viết ví dụ '5 if x else 0')",
        ),
        ("1 if x else 2", 5, "điều kiện của 'if' cần một giá trị có/không, nhưng 'x' là một số"),
        ("ok == 1", 6, "'==' với một giá trị có/không cần một giá trị có/không, nhưng '1' là một số"),
        ("min(x)", 0, "min() nhận từ 2 đến 20 đối số, không phải 1"),
        ("clamp(x, 1)", 0, "clamp() nhận 3 đối số, không phải 2"),
        ("clamp(x, 5, 1.5)", 0, "clamp() có cận dưới 5 lớn hơn cận trên 1,5"),
        ("x % 2", 2, "không được dùng phép toán '%' (hãy dùng + - * / **)"),
        ("x = 1", 2, "không được dùng phép gán: công thức dùng để tính ra một giá trị (muốn so sánh bằng, hãy dùng ==)"),
        ("(x + 1", 0, "công thức không hợp lệ (dấu '(' chưa được đóng)"),
        ("min(x y)", 4, "công thức không hợp lệ (sai cú pháp; có thể thiếu dấu phẩy?)"),
        ("x ≤ 1", 2, "công thức không hợp lệ (ký tự không hợp lệ '≤' (U+2264))"),
        ("", 0, "công thức đang để trống"),
        ("x # note", 2, "không được ghi chú ('#') trong công thức; hãy ghi chú trong tệp YAML, bên ngoài công thức"),
        ("round(x, 11)", 9, "round(x, n) cần n là một số nguyên từ 0 đến 10"),
    ],
)
def test_refusals_in_vietnamese(text, offset, message):
    error = refused(text)
    assert (error.offset, wording.word(error.message, "vi")) == (offset, message)


def test_an_unknown_python_reason_is_shown_as_python_gives_it():
    assert str(refused("x +")) == "not a valid formula (invalid syntax)"
    assert wording.word(refused("x +").message, "vi") == "công thức không hợp lệ (sai cú pháp)"


@pytest.mark.parametrize(
    ("text", "values", "message"),
    [
        ("x / y", {"x": Decimal(1), "y": Decimal(0)}, "chia cho 0"),
        ("x ** y", {"x": Decimal(2), "y": Decimal(1000)}, "số mũ 1.000 vượt quá giới hạn 100"),
        ("x ** 0.5", {"x": Decimal(-2)}, "số âm lũy thừa với số mũ không nguyên"),
        ("x * x * x", {"x": Decimal("1e400000")}, "kết quả vượt quá giới hạn tính toán (Overflow)"),
    ],
)
def test_faults_in_vietnamese(text, values, message):
    assert wording.word(_fault(text, values).message, "vi") == message


def test_a_message_with_its_caret_keeps_the_formula_as_written():
    error = refused("x + membres")
    located = with_caret(error.message, "x + membres", error.offset)
    assert wording.word(located, "en") == "unknown name 'membres'; did you mean 'members'?\n    x + membres\n        ^"
    assert wording.word(located, "vi") == "tên 'membres' chưa được khai báo; có phải ý là 'members'?\n    x + membres\n        ^"


@pytest.mark.parametrize(
    ("value", "shown", "en", "vi", "num_en", "num_vi"),
    [
        (True, "có", "yes", "có", "có", "có"),
        (False, "không", "no", "không", "không", "không"),
        (Decimal("1234.5"), "1234.5", "1234.5", "1.234,5", "1234.5", "1.234,5"),
        (Decimal("0.123456"), "0.123456", "0.123456", "0,123456", "≈0.1235", "≈0,1235"),
    ],
)
def test_show_and_num_keep_their_output_and_speak_a_language_when_asked(value, shown, en, vi, num_en, num_vi):
    assert show(value) == shown  # as explanations show it today, whatever the language
    assert (show(value, "en"), show(value, "vi")) == (en, vi)
    assert num(value) == (shown if isinstance(value, bool) else num_en)
    assert (num(value, "en"), num(value, "vi")) == ("yes" if value is True else "no" if value is False else num_en, num_vi)
