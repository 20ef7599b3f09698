"""Fuzzing the edges: no file or formula, however malformed, gets past them as anything but a located refusal.

The only exceptions allowed out of the readers are `InvalidInput` (every problem with its file, a line and
column from 1, and a message), out of the formula compiler `FormulaError` (its caret inside the text), out of
a compiled formula `FormulaFault` or `MissingValue`; the CLI exits 0 or 1, never with a traceback, and
never exits 1 without a `file:line:col:` line. Anything else fails the test.

Bounded to run in well under a minute on two cores. For a long run (see docs/SECURITY.md):

    THIDUA_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/property/test_fuzz.py
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scoring.cli import main
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput, Problem
from scoring.formula import Formula, FormulaError, FormulaFault, MissingValue, Type, compile_formula
from scoring.submissions import load_submissions
from scoring.yamlio import parse

settings.register_profile(
    "thidua-fuzz",
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # capsys is read out inside each example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
PROFILE = settings.get_profile("thidua-fuzz")  # applied per test, not loaded globally: other files keep their settings
_LONG_RUN = os.environ.get("THIDUA_FUZZ_EXAMPLES")


def fuzz(examples: int) -> settings:
    """`examples` per test by default; THIDUA_FUZZ_EXAMPLES sets every test's count for a long run."""
    return settings(PROFILE, max_examples=int(_LONG_RUN) if _LONG_RUN else examples)


# Anything that would run code leaves this file behind: its absence after every example proves nothing ran.
MARKER = Path(tempfile.gettempdir()) / f"thidua-fuzz-executed-{os.getpid()}"

HOSTILE_TOKENS = [
    "!!python/object:os.system ",
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    f"!!python/object/apply:builtins.exec [\"open('{MARKER}', 'w')\"]",
    "!!python/name:os.system ",
    "!custom ",
    "!!str ",
    "&a ",
    "*a",
    "&a [lol, lol, lol]\nb: [*a, *a, *a]",
    "<<: ",
    "<<: {x: 1}",
    "\t",
    "\ufeff",
    "\x00",
    "\r",
    "\u2028",
    "\x85",
    "[",
    "{",
    "]",
    "}",
    ": ",
    "- ",
    "? ",
    "\n",
    "\n  ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "NO",
    "yes",
    "1e3",
    "010",
    "12:30",
    "2023-12-31",
    ".inf",
    ".nan",
    "~",
    "9" * 50,
    "[" * 70,
]
SURPRISES = [
    *("NaN", "nan", "Infinity", "-Infinity", "inf", ".inf", "-.inf", ".nan", "1e3", "1E3", "1.0e3", "010", "00"),
    *("0x10", "0o7", "12:30", "2023-12-31", "2023-12-31T10:00:00", "NO", "no", "Yes", "yes", "on", "off", "y", "n"),
    *("có", "không", "đạt", "không đạt", "true", "True", "~", "null", "", " ", "1.500,5", "1,5", "1.5", "28.540"),
    *("1.000.000", "-0", "+5", "-5", "10%", "85 %", "1_000", "9" * 40, "0." + "0" * 30 + "1", "1000000000000001"),
    *("9" * 101, "-" + "9" * 200, "0," + "0" * 150 + "1", "1.5%", "05%", "9" * 200 + "%"),  # issue 15: too many digits
    *("x + 1", "__import__('os').system('id')", "[bold red]x[/]", "${HOME}", "\u202e", "a\x00b", "Tốt", "Khá"),
    *("\x1b[2K", "a\x9bb", "=1+1", "@SUM(1)", "-2+3", "T\u00f4\u0301t", "a\nb", "<img src=x onerror=alert(1)>"),
]


def hostile_scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.integers(),
        st.floats(),
        st.text(max_size=30),
        st.sampled_from(SURPRISES),
    )


def hostile_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        hostile_scalars(),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
        max_leaves=6,
    )


yaml_data = st.recursive(
    hostile_scalars(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10) | st.integers() | st.booleans() | st.sampled_from(SURPRISES), children, max_size=4)
    ),
    max_leaves=20,
)

mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "insert"]),
        st.integers(0, 10**6),
        st.integers(1, 20),
        st.sampled_from(HOSTILE_TOKENS) | st.text(max_size=5),
    ),
    max_size=6,
)


def mutate(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for kind, at, length, token in edits:
        i = at % (len(text) + 1)
        if kind == "delete":
            text = text[:i] + text[i + length :]
        elif kind == "duplicate":
            text = text[:i] + text[i : i + length] + text[i:]
        else:
            text = text[:i] + token + text[i:]
    return text


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"])


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """Random data dumped as YAML (block or flow), then edited by hand."""
    data = draw(yaml_data)
    text = yaml.safe_dump(data, default_flow_style=draw(st.sampled_from([False, True, None])), allow_unicode=draw(st.booleans()))
    return mutate(text, draw(mutations))


def hostile_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=600),
        st.builds(encode, st.text(max_size=300), encodings),
        st.builds(encode, yaml_texts(), encodings),
    )


# --- checks ----------------------------------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def check_refusal(error: InvalidInput, files: set[str], raw: bytes | None = None) -> None:
    assert error.problems, "a refusal with no problem in it"
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.file in files
        assert problem.line >= 1
        assert problem.col >= 1
        assert str(problem.message).strip()
        if raw is not None and problem.file in files:
            lines = len(_LINE_BREAKS.findall(raw.decode("utf-8", errors="replace"))) + 1
            assert problem.line <= lines, f"{problem} is past the last line ({lines})"
    assert not MARKER.exists(), "a file was executed"


def check_data(value: Any) -> None:
    """Parsed data holds only text keys and the small schema's values: no object of any other type."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            check_data(item)
    elif isinstance(value, list):
        for item in value:
            check_data(item)
    else:
        assert value is None or type(value) in (str, bool, Decimal), type(value)
        if isinstance(value, Decimal):
            assert value.is_finite()
        if isinstance(value, str):
            value.encode("utf-8")  # text, not half a surrogate pair from an escape such as "\\ud800"


# --- the YAML reader -------------------------------------------------------------------------------------------------


@fuzz(1000)
@given(hostile_bytes())
@example(b"a: &a [1]\nb: *a\n")
@example(b"[" * 100_000)
@example(b"- " * 5_000 + b"x")
@example(b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n")
@example(b"a: 1\x00")
@example(b"\xff\xfea\x00")
@example(b"a: !!python/object/apply:os.system ['true']\n")
@example(b"? [a]\n: 1\n")
@example(b"a:\r  b: 1\r")
@example(b"a: 1\n\x85b: [\n")
def test_parse_accepts_or_refuses_with_a_place(raw):
    try:
        doc = parse(raw, "f.yaml")
    except InvalidInput as e:
        check_refusal(e, {"f.yaml"}, raw)
        return
    check_data(doc.data)
    for position in doc.positions.values():
        assert position.line >= 1
        assert position.col >= 1
    assert not MARKER.exists()


# --- criteria files --------------------------------------------------------------------------------------------------

CRITERIA: dict[str, Any] = {
    "format": "thidua/1",
    "id": "fuzz-2024",
    "title": "Vòng thử",
    "year": 2024,
    "scale": 100,
    "rounding": {"places": 2, "mode": "half_up"},
    "units": {"ha-noi": {"name": "Hà Nội"}, "hue": {"name": "Huế"}, "da-nang": {"name": "Đà Nẵng"}},
    "indicators": {
        "members": {"label": "Hội viên", "unit": "người", "type": "integer", "min": 1},
        "new_members": {"label": "Kết nạp", "type": "integer", "min": 0},
        "plan": {"label": "Kế hoạch", "type": "boolean"},
        "houses": {"label": "Nhà", "type": "integer", "min": 0},
        "sessions": {"label": "Buổi", "type": "number", "min": 0},
        "rating": {"label": "Xếp loại", "type": "choice", "choices": {"Tốt": 2, "Khá": 1}},
        "loans": {"label": "Vốn vay", "type": "number", "min": 0},
        "late": {"label": "Chậm", "type": "integer", "min": 0, "default": 0},
        "cases": {"label": "Vụ việc", "type": "integer", "min": 0, "default": 0},
    },
    "derived": {"per_1000": "new_members / members * 1000"},
    "targets": {"new_members": {"ha-noi": 100, "hue": 50, "da-nang": 80}},
    "groups": [
        {
            "id": "I",
            "label": "Nhóm I",
            "max": 60,
            "criteria": [
                {"id": "I.1", "label": "Kế hoạch", "max": 10, "method": "achieved", "of": "plan"},
                {"id": "I.2", "label": "Nhà", "max": 10, "method": "per_item", "of": "houses", "points_each": 0.5},
                {"id": "I.3", "label": "Kết nạp", "max": 20, "method": "target", "of": "new_members"},
                {"id": "I.4", "label": "Tỷ lệ", "max": 20, "method": "relative", "of": "per_1000"},
            ],
        },
        {
            "id": "II",
            "label": "Nhóm II",
            "max": 40,
            "criteria": [
                {
                    "id": "II.1",
                    "label": "Buổi",
                    "max": 20,
                    "method": "bands",
                    "of": "sessions",
                    "bands": [{"from": 0, "points": 0}, {"from": 10, "points": 10}, {"from": 20, "points": 20}],
                },
                {
                    "id": "II.2",
                    "label": "Xếp loại",
                    "max": 20,
                    "formula": "min(max_points, rating * 5 + loans / members)",
                    "if_missing": "no_points",
                },
            ],
        },
    ],
    "adjustments": [
        {"id": "late", "label": "Chậm", "kind": "deduction", "formula": "late * 0.5", "cap": 2},
        {"id": "extra", "label": "Thêm", "kind": "bonus", "formula": "min(2, houses / 100)", "if_missing": "no_points"},
    ],
    "disqualifiers": [{"id": "dq", "label": "Vi phạm", "when": "cases > 0", "blocks": "all"}],
    "classification": [
        {"id": "xs", "label": "Xuất sắc", "min_total": 90, "floor": "50%"},
        {"id": "tot", "label": "Tốt", "min_total": 70},
        {"id": "ht", "label": "Hoàn thành"},
    ],
    "tie_break": ["deductions", {"group": "I"}, {"value": "members", "prefer": "lower"}],
    "awards": [
        {"id": "flag", "label": "Cờ thi đua", "quota": 1, "vote": "80%", "requires": {"classification": ["xs", "tot"]}},
        {
            "id": "bk",
            "label": "Bằng khen",
            "quota": "50%",
            "share_of": "units",
            "requires": {"min_total": 40, "when": "total >= best(total) - 50 and new_members / members > 0"},
        },
    ],
}

SUBMISSIONS: dict[str, dict[str, Any]] = {
    "ha-noi": {
        "members": 1000,
        "new_members": 120,
        "plan": True,
        "houses": 30,
        "sessions": 15,
        "rating": "Tốt",
        "loans": "1.500,5",
    },
    "hue": {"members": 500, "new_members": 50, "plan": False, "houses": 12, "sessions": 25, "rating": "Khá", "loans": 250},
    "da-nang": {"members": 800, "new_members": 80, "plan": True, "houses": 0, "sessions": 9, "rating": "Khá", "loans": 0},
}


def submission_data(unit: str, values: dict[str, Any]) -> dict[str, Any]:
    return {"format": "thidua/1", "round": CRITERIA["id"], "unit": unit, "values": values}


def paths_of(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in `data` a value stands, outermost first."""
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_of(value, (*here, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths_of(value, (*here, i))


@st.composite
def edited(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """`base` with a few places replaced, removed or added to, by hostile values or formula text."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in paths_of(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "formula", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=10) | st.sampled_from(["max", "min", "default", "when", "formula", "<<"]))] = draw(
                hostile_values()
            )
        elif action == "formula":
            parent[path[-1]] = draw(formula_texts())
        else:
            parent[path[-1]] = draw(hostile_values())
    return data


def dump(data: Any, flow: bool | None) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=flow)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def criteria(folder: Path) -> Criteria:
    path = folder / "criteria.yaml"
    path.write_text(dump(CRITERIA, False), encoding="utf-8")
    return load_criteria(path)


def test_the_base_round_is_valid(folder, criteria):
    # the fuzzing below starts from a round that loads and scores: its edits test the checks, not a broken base
    files = []
    for unit, values in SUBMISSIONS.items():
        path = folder / f"base-{unit}.yaml"
        path.write_text(dump(submission_data(unit, values), False), encoding="utf-8")
        files.append(path)
    submissions = load_submissions(criteria, files)
    assert [s.unit for s in submissions] == ["ha-noi", "hue", "da-nang"]
    assert [len(g.criteria) for g in criteria.groups] == [4, 2]
    assert [a.id for a in criteria.awards] == ["flag", "bk"]


@fuzz(600)
@given(
    st.one_of(
        st.builds(encode, st.builds(dump, edited(CRITERIA), st.sampled_from([False, True, None])), encodings),
        st.builds(lambda text, edits: mutate(text, edits).encode(), st.just(dump(CRITERIA, False)), mutations),
        hostile_bytes(),
    )
)
def test_load_criteria_accepts_or_refuses_with_a_place(folder, raw):
    path = folder / "hostile-criteria.yaml"
    path.write_bytes(raw)
    try:
        loaded = load_criteria(path)
    except InvalidInput as e:
        check_refusal(e, {str(path)}, raw)
        return
    assert isinstance(loaded, Criteria)
    assert loaded.units
    assert not MARKER.exists()


# --- submissions -----------------------------------------------------------------------------------------------------


def csv_table(rows: list[dict[str, Any]]) -> str:
    header = ["round", "unit", *CRITERIA["indicators"], "self_score"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else str(row.get(h)) for h in header])
    return out.getvalue()


@st.composite
def hostile_submission(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file for Hà Nội: edited YAML, a CSV row of hostile cells, or any bytes."""
    kind = draw(st.sampled_from(["yaml", "yaml", "csv", "bytes"]))
    if kind == "yaml":
        data = draw(edited(submission_data("ha-noi", SUBMISSIONS["ha-noi"])))
        return ".yaml", encode(mutate(dump(data, draw(st.sampled_from([False, True, None]))), draw(mutations)), draw(encodings))
    if kind == "csv":
        row = {"round": CRITERIA["id"], "unit": "ha-noi", **SUBMISSIONS["ha-noi"]}
        for name in draw(st.lists(st.sampled_from([*CRITERIA["indicators"], "round", "unit", "self_score"]), max_size=4)):
            row[name] = draw(st.text(max_size=20) | st.sampled_from(SURPRISES))
        return ".csv", encode(mutate(csv_table([row]), draw(mutations)), draw(encodings))
    return draw(st.sampled_from([".yaml", ".csv"])), draw(hostile_bytes())


@fuzz(600)
@given(hostile_submission())
def test_load_submissions_accepts_or_refuses_with_a_place(folder, criteria, submission):
    suffix, raw = submission
    hostile = folder / f"hostile-ha-noi{suffix}"
    hostile.write_bytes(raw)
    others = []
    for unit in ("hue", "da-nang"):
        path = folder / f"sub-{unit}.yaml"
        path.write_text(dump(submission_data(unit, SUBMISSIONS[unit]), False), encoding="utf-8")
        others.append(path)
    try:
        loaded = load_submissions(criteria, [hostile, *others])
    except InvalidInput as e:
        check_refusal(e, {str(hostile), *map(str, others), criteria.file})
        return
    assert [s.unit for s in loaded] == ["ha-noi", "hue", "da-nang"]
    for unit in loaded:
        for reported in unit.values.values():
            assert isinstance(reported.value, bool | Decimal)
            if isinstance(reported.value, Decimal):
                assert reported.value.is_finite()
                assert abs(reported.value) <= 10**15
    assert not MARKER.exists()


# --- formulas --------------------------------------------------------------------------------------------------------

SCOPE: dict[str, Type] = {"x": "number", "y": "number", "members": "number", "ok": "boolean", "done": "boolean"}
NUMBERS = [n for n, t in SCOPE.items() if t == "number"]
BOOLEANS = [n for n, t in SCOPE.items() if t == "boolean"]
LITERALS = ["0", "1", "2", "0.5", "1e3", "1_000", "100", "101", "1e-10", "999999999999999", "3.14159", "1" + "0" * 31, ".5"]


@st.composite
def number_expr(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([*NUMBERS, *LITERALS, "max_points", "unknown_name"]))
    kind = draw(st.sampled_from(["binop", "binop", "unary", "call", "cohort", "round", "if", "paren"]))
    if kind == "binop":
        op = draw(st.sampled_from(["+", "-", "*", "/", "**", "//", "%", "<<", "@"]))
        return f"{draw(number_expr(depth + 1))} {op} {draw(number_expr(depth + 1))}"
    if kind == "unary":
        return draw(st.sampled_from(["-", "+", "~", "not "])) + draw(number_expr(depth + 1))
    if kind == "call":
        name = draw(st.sampled_from(["min", "max", "abs", "clamp", "open", "eval", "getattr", "__import__", "mn"]))
        args = draw(st.lists(number_expr(depth + 1), min_size=0, max_size=3))
        return f"{name}({', '.join(args)})"
    if kind == "cohort":
        function = draw(st.sampled_from(["best", "worst", "mean", "previous"]))
        return f"{function}({draw(st.sampled_from([*NUMBERS, *BOOLEANS, 'zz']))})"
    if kind == "round":
        return f"round({draw(number_expr(depth + 1))}, {draw(st.sampled_from(['0', '2', '10', '11', '-1', 'x']))})"
    if kind == "if":
        return f"{draw(number_expr(depth + 1))} if {draw(boolean_expr(depth + 1))} else {draw(number_expr(depth + 1))}"
    return f"({draw(number_expr(depth + 1))})"


@st.composite
def boolean_expr(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 4 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([*BOOLEANS, "True", "False"]))
    kind = draw(st.sampled_from(["compare", "compare", "logic", "not", "paren"]))
    if kind == "compare":
        ops = draw(st.lists(st.sampled_from(["<", "<=", ">", ">=", "==", "!=", "is", "in"]), min_size=1, max_size=2))
        parts = [draw(number_expr(depth + 1))]
        for op in ops:
            parts += [op, draw(number_expr(depth + 1))]
        return " ".join(parts)
    if kind == "logic":
        return f"{draw(boolean_expr(depth + 1))} {draw(st.sampled_from(['and', 'or']))} {draw(boolean_expr(depth + 1))}"
    if kind == "not":
        return f"not {draw(boolean_expr(depth + 1))}"
    return f"({draw(boolean_expr(depth + 1))})"


JUNK = [
    "x.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "'{0.__class__}'.format(x)",
    "x[0]",
    "lambda: 0",
    "[a for a in x]",
    "x := 0",
    "(x := 0)",
    "x = 0",
    "x; y",
    "setattr(x, 'y', 0)",
    "min(x, y=1)",
    "max(*x)",
    "f'{x}'",
    "b'x'",
    "1j",
    "0x10",
    "9**9**9",
    "x ** 1e3",
    "1 << 10000",
    "yield x",
    "await x",
    "import os",
    "# comment",
    "x # comment",
    "\x00",
    "(" * 300 + "1" + ")" * 300,
    "-" * 300 + "x",
    "x" + " + x" * 400,
]


@st.composite
def formula_texts(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["number", "number", "boolean", "junk", "mutated", "text"]))
    if kind == "number":
        return draw(number_expr())
    if kind == "boolean":
        return draw(boolean_expr())
    if kind == "junk":
        return draw(st.sampled_from(JUNK))
    if kind == "mutated":
        return mutate(draw(number_expr() | boolean_expr()), draw(mutations))
    alphabet = st.sampled_from(list("xy1.0+-*/()<>=!#;:,[]{}'\"_ \n\t\randortifelsbminax"))
    return draw(st.text(max_size=200) | st.text(alphabet=alphabet, max_size=200))


def compiled(text: str) -> Formula | None:
    outcome: Formula | FormulaError
    try:
        outcome = compile_formula(text, SCOPE, {"max_points": Decimal(10)})
    except FormulaError as e:
        outcome = e
    if isinstance(outcome, FormulaError):
        assert str(outcome.message).strip()
        assert 0 <= outcome.offset <= len(text), (outcome.offset, len(text))
        return None
    assert isinstance(outcome, Formula)
    assert outcome.type in ("number", "boolean")
    return outcome


@fuzz(1000)
@given(formula_texts())
def test_compile_gives_a_formula_or_a_located_refusal(text):
    compiled(text)


SPECIAL = [Decimal(0), Decimal(1), Decimal(-1), Decimal(10) ** 15, -(Decimal(10) ** 15), Decimal("1E-10"), Decimal("-1E-10")]
decimal_values = st.one_of(
    st.sampled_from(SPECIAL),
    st.decimals(min_value=-(10**15), max_value=10**15, allow_nan=False, allow_infinity=False, places=10),
    st.integers(-(10**15), 10**15).map(Decimal),
)


@st.composite
def unit_values(draw: st.DrawFn) -> tuple[dict[str, Any], dict[tuple[str, str], Decimal]]:
    values: dict[str, Any] = {}
    for name, kind in SCOPE.items():
        if draw(st.integers(0, 9)) == 0:
            continue  # not reported: the formula must say MissingValue, not read a zero
        values[name] = draw(st.booleans()) if kind == "boolean" else draw(decimal_values)
        if draw(st.booleans()):
            values[f"previous({name})"] = draw(st.booleans()) if kind == "boolean" else draw(decimal_values)
    cohort = {(f, n): draw(decimal_values) for f in ("best", "worst", "mean") for n in NUMBERS if draw(st.integers(0, 9))}
    return values, cohort


@fuzz(1000)
@given(st.one_of(number_expr(), boolean_expr()), unit_values())
def test_evaluation_gives_a_finite_value_or_a_fault(text, inputs):
    formula = compiled(text)
    if formula is None:
        return
    values, cohort = inputs
    frozen_values, frozen_cohort = MappingProxyType(dict(values)), MappingProxyType(dict(cohort))
    outcome: Decimal | bool | FormulaFault | MissingValue
    try:
        outcome = formula.evaluate(frozen_values, frozen_cohort)
    except (FormulaFault, MissingValue) as e:
        outcome = e
    if isinstance(outcome, FormulaFault):
        assert str(outcome.message).strip()
        assert outcome.offset is None or 0 <= outcome.offset <= len(text)
    elif isinstance(outcome, MissingValue):
        assert outcome.name
    elif formula.type == "number":
        assert type(outcome) is Decimal
        assert outcome.is_finite()
    else:
        assert type(outcome) is bool
    assert dict(frozen_values) == values  # read-only mappings: nothing written back
    assert isinstance(formula.substituted(values, cohort), str)


# --- the CLI on hostile submission values ----------------------------------------------------------------------------

PLAIN = [
    *("NO", "no", "yes", "Yes", "on", "off", "y", "1e3", "1E3", "010", "00", "0x10", "12:30", "2023-12-31", ".inf", ".nan"),
    *("-.inf", "~", "null", "", "có", "không", "đạt", "true", "false", "True", "NaN", "Infinity", "-Infinity"),
    *("-1", "-0", "0", "1", "12.5", "28.540", "1000000000000000", "1000000000000001", "99999999999999999999999999999999999"),
    *("0.00000000001", "[1, 2]", "[]", "{}", "{a: 1}", "{value: 3}", "{value: 3, evidence: Số 12/QĐ}", "{value: 3, x: 1}"),
    *("{value: [1], evidence: [x]}", "Tốt", "Khá", "Giỏi", "[bold]x[/bold]", ":100:"),
]


def yaml_value() -> st.SearchStrategy[str]:
    """A value as it stands in a YAML file: plain, quoted, a number, a list or a mapping."""
    return st.one_of(
        st.sampled_from(PLAIN),
        st.text(max_size=20).map(json.dumps),  # a double-quoted YAML scalar
        st.sampled_from(SURPRISES).map(json.dumps),
        st.integers(-(10**20), 10**20).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: f"{d:f}"),
    )


def as_yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def submission_yaml(unit: str, values: dict[str, str], self_score: str | None = None) -> str:
    """A unit's YAML file, each value written as given (plain, quoted, a list, a mapping)."""
    lines = [f"format: thidua/1\nround: {CRITERIA['id']}\nunit: {unit}"]
    if self_score is not None:
        lines.append(f"self_score: {self_score}")
    lines += ["values:", *(f"  {name}: {value}" for name, value in values.items())]
    return "\n".join(lines) + "\n"


GOOD_YAML = {
    f"{unit}.yaml": submission_yaml(unit, {n: as_yaml(v) for n, v in good.items()}) for unit, good in SUBMISSIONS.items()
}


@st.composite
def hostile_round(draw: st.DrawFn) -> dict[str, str]:
    """The three units' submissions: YAML files with hostile values, or one CSV table of hostile cells."""
    indicators = list(CRITERIA["indicators"])
    if draw(st.booleans()):
        files = {}
        for unit, good in SUBMISSIONS.items():
            self_score = draw(yaml_value()) if draw(st.integers(0, 3)) == 0 else None
            values = {}
            for name in indicators:
                if draw(st.integers(0, 2)) == 0:
                    values[name] = draw(yaml_value())
                elif name in good:
                    values[name] = as_yaml(good[name])
            files[f"{unit}.yaml"] = submission_yaml(unit, values, self_score)
        return files
    rows = []
    for unit, good in SUBMISSIONS.items():
        row: dict[str, Any] = {"round": CRITERIA["id"], "unit": unit}
        for name in indicators:
            if draw(st.integers(0, 2)) == 0:
                row[name] = draw(st.sampled_from(PLAIN) | st.sampled_from(SURPRISES) | st.text(max_size=12))
            elif name in good:
                row[name] = ("có" if good[name] else "không") if isinstance(good[name], bool) else good[name]
        rows.append(row)
    return {"round.csv": csv_table(rows)}


_LOCATED = re.compile(r"^.+:\d+:\d+: \S", re.MULTILINE)


# A YAML escape for half a surrogate pair is no character: echoed to standard output it cannot be encoded.
SURROGATE = {
    **GOOD_YAML,
    "ha-noi.yaml": GOOD_YAML["ha-noi.yaml"].replace("houses: 30", 'houses: {value: 30, evidence: "Số \\ud800"}'),
}


@fuzz(400)
@given(hostile_round(), st.sampled_from(["json", "table", "csv"]), st.sampled_from(["json", "table", "md"]))
@example(GOOD_YAML, "json", "json")
@example(SURROGATE, "json", "json")
def test_score_and_rank_exit_0_or_1_with_a_located_message(capsys, folder, criteria, files, score_format, rank_format):
    paths = []
    for name, text in files.items():
        path = folder / f"cli-{name}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    capsys.readouterr()
    for command, fmt in (("score", score_format), ("rank", rank_format)):
        code = main([command, criteria.file, *paths, "--format", fmt])
        out, err = capsys.readouterr()
        assert code in (0, 1), (command, code, err)
        assert "Traceback" not in out + err
        if code == 1:
            assert out == ""
            assert _LOCATED.search(err), f"{command} exited 1 without a file:line:col: line:\n{err}"
        elif fmt == "json":
            units = [u["unit"] for u in json.loads(out)["units"]]
            assert sorted(units) == ["da-nang", "ha-noi", "hue"]
    assert not MARKER.exists()
