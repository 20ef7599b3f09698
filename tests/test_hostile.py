"""Hostile files and faults: nothing executed, nothing lost, nothing hangs.

One test per hostile case not already covered elsewhere. Cases already covered, and where:

- `!!python/object` tags: test_yamlio.py::test_tags_refused; test_bad_input.py::test_tag_refused_and_nothing_executed.
- Duplicate keys: test_yamlio.py::test_duplicate_key_names_both_lines, ::test_duplicate_key_quoted_and_plain,
  ::test_every_duplicate_key_is_reported; test_bad_input.py::test_duplicate_key. Keys are always text
  (`1` and `true` read as "1" and "true"): test_yamlio.py::test_keys_are_always_text; end to end below.
- Anchors, aliases, merge keys: test_yamlio.py::test_anchor_refused, ::test_alias_refused, ::test_merge_key_refused;
  test_bad_input.py::test_anchor_refused, ::test_alias_refused. The alias bomb itself: below.
- Deep nesting: test_yamlio.py::test_deep_nesting_refused_cleanly, ::test_deep_block_nesting_refused_cleanly,
  ::test_runaway_nesting_is_not_a_recursion_error. A 100 KB file of '[' through the CLI: below.
- Non-UTF-8, BOM, NUL: test_yamlio.py::test_not_utf8_names_the_line_and_column_of_the_bad_byte,
  ::test_utf16_is_not_utf8, ::test_bom_is_accepted_and_positions_unchanged, ::test_nul_bytes_refused;
  test_bad_input.py::test_criteria_not_utf8, ::test_submission_not_utf8; a CSV with Excel's BOM:
  test_spreadsheet.py::test_csv_form_is_the_round_table_and_round_trips.
- YAML 1.1 surprises stay text: test_yamlio.py::test_yaml_1_1_surprises_stay_text; `scale: 1e1` and `year: "2024"`:
  test_regressions.py::test_criteria_messages; "012" in a CSV: ::test_reported_figures_are_bounded. The other
  fields and forms: below.
- Unknown indicators, never a default zero: test_bad_input.py::test_unknown_indicator_in_a_submission,
  ::test_csv_unknown_column, ::test_of_names_an_unknown_indicator, ::test_unknown_name_in_a_formula,
  ::test_missing_value_is_an_error_by_default.
- Attribute access, `.format`, assignment, `a; b`, lambda, comprehensions, functions outside the allow-list,
  huge powers and shifts, over-long and over-deep formulas: test_formula.py::test_forbidden_syntax_refused_with_caret,
  ::test_forbidden_operator_refused_with_caret_under_the_operator, ::test_tower_of_powers_is_refused_at_load,
  ::test_big_exponent_from_values_is_refused, ::test_huge_results_overflow_into_a_fault,
  ::test_over_long_formula_refused, ::test_nesting_at_the_limit_accepted_and_over_it_refused,
  ::test_over_deep_binary_nesting_refused, ::test_too_many_parentheses_refused. Dunder names, the classic
  sandbox escape and a formula that tries to change its inputs: below.
- Division by zero and overflow at scoring: test_bad_input.py::test_division_by_zero_names_unit_criterion_and_formula,
  ::test_division_by_zero_in_a_derived_value_is_reported_once; test_regressions.py::
  test_an_overflowing_adjustment_is_a_located_problem. In a criterion, a disqualifier and an award condition,
  and NaN and infinity: below.
- Text, negative and huge indicator values: test_bad_input.py::test_csv_bad_cell, ::test_value_below_min,
  ::test_boolean_given_maybe; test_regressions.py::test_reported_figures_are_bounded. Null: below.
- Shuffled input order gives byte-identical output: test_cli.py::test_output_is_byte_identical_whatever_the_file_order,
  test_cli_rank.py::test_rank_output_is_byte_identical_whatever_the_order_of_the_files,
  test_report.py::test_the_order_of_the_files_changes_nothing, tests/property/test_invariants.py::
  test_the_order_and_names_of_submission_files_never_change_the_output.
- Ties resolved by the declared rules only: test_rank.py::test_row_order_in_the_csv_never_changes_the_ranking_or_the_proposal,
  ::test_three_way_tie_without_keys_lists_both_others_in_the_criteria_files_order,
  ::test_units_still_equal_share_the_rank_and_the_next_rank_skips; test_awards.py::
  test_a_tie_across_the_last_seat_goes_to_the_council_and_the_seat_stays_open; tests/property/
  test_ranking_properties.py::test_the_order_of_the_rows_changes_no_rank_and_no_proposal.
- Kill -9, disk full, a read-only folder, a lock, stray temporaries in `write_atomic` itself: test_files.py (all of it).
  Through the commands that write (review, minutes, report, export) as separate processes: below.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from scoring import spreadsheet, yamlio
from scoring.cli import main
from scoring.errors import InvalidInput
from scoring.formula import FUNCTIONS, FormulaError, compile_formula
from scoring.yamlio import MAX_DEPTH, parse
from tests.rounds import criteria_yaml, csv_text, review_yaml
from tests.shared import ROOT, at, one_problem

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and ru_maxrss are POSIX")

CRITERIA = """\
format: thidua/1
id: r
title: R
year: 2024
scale: 20
units:
  a: {name: A}
  b: {name: B}
indicators:
  n: {label: N, type: integer, min: 0}
  x: {label: X, type: number, min: 0}
groups:
  - id: G
    label: G
    max: 20
    criteria:
      - {id: C1, label: Count, max: 10, method: per_item, of: n, points_each: 1}
      - {id: C2, label: Share, max: 10, formula: "min(max_points, x)"}
classification:
  - {id: top, label: Top, min_total: 15}
  - {id: all, label: All}
"""
A = "round: r\nunit: a\nvalues:\n  n: 3\n  x: 2\n"
B = "round: r\nunit: b\nvalues:\n  n: 4\n  x: 5\n"


def write_round(folder: Path, criteria: str = CRITERIA, a: str = A, b: str = B) -> tuple[Path, Path, Path]:
    paths = (folder / "c.yaml", folder / "a.yaml", folder / "b.yaml")
    for path, text in zip(paths, (criteria, a, b), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def refusal(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as info:
        parse(raw, "f.yaml")
    return str(info.value)


# --- keys are text: `1` and `true` are two keys, neither lost -----------------------------------------------------------


def test_units_named_1_and_true_are_two_units_and_neither_is_lost(cli, tmp_path):
    criteria = CRITERIA.replace("  a: {name: A}\n  b: {name: B}\n", "  1: {name: Một}\n  true: {name: Đúng}\n")
    c = tmp_path / "c.yaml"
    c.write_text(criteria, encoding="utf-8")
    s = tmp_path / "s.csv"
    s.write_text("round,unit,n,x\nr,1,3,2\nr,true,7,10\n", encoding="utf-8")
    code, out, err = cli("score", c, s, "--format", "json")
    assert (code, err) == (0, "")
    # 1: C1 3 × 1 = 3, C2 min(10, 2) = 2 → 5; true: C1 min(7 × 1, 10) = 7, C2 min(10, 10) = 10 → 17
    assert [(u["unit"], u["name"], u["total"]) for u in json.loads(out)["units"]] == [
        ("1", "Một", "5.00"),
        ("true", "Đúng", "17.00"),
    ]


def test_1_beside_quoted_1_and_true_beside_quoted_true_are_duplicates():
    assert refusal(b"units:\n  1: {name: A}\n  '1': {name: B}\n") == (
        "f.yaml:3:3: duplicate key '1' (first given on line 2); give each key once"
    )
    assert refusal(b'units:\n  true: {name: A}\n  "true": {name: B}\n') == (
        "f.yaml:3:3: duplicate key 'true' (first given on line 2); give each key once"
    )


# --- alias bombs and deep nesting ---------------------------------------------------------------------------------------

LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_a_billion_laughs_is_refused_at_its_first_anchor_at_once():
    assert LAUGHS.count("*") == 8 * 9  # 9 levels of 9: expanded, 9⁹ = 387,420,489 strings
    start = time.perf_counter()
    message = refusal(LAUGHS.encode())
    elapsed = time.perf_counter() - start
    assert message == "f.yaml:1:4: anchors (&a) are not allowed; write the value out"
    assert elapsed < 2  # nothing was expanded (an expansion would take minutes and gigabytes)


def test_a_100_kb_file_of_brackets_is_refused_cleanly(cli, tmp_path):
    c, a, b = write_round(tmp_path)
    brackets = b"[" * 100_000
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(brackets)
    too_deep = f"the YAML is nested more than {MAX_DEPTH} levels deep"
    code, out, err = cli("validate", bad)
    assert (code, out, err) == (1, "", one_problem(f"{bad}:1:{MAX_DEPTH + 2}: {too_deep}"))
    a.write_bytes(brackets)
    code, out, err = cli("score", c, a, b)
    assert (code, out, err) == (1, "", one_problem(f"{a}:1:{MAX_DEPTH + 2}: {too_deep}"))


# --- YAML 1.1 surprises in numbers and yes/no fields --------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NO", "1e3", "12:30", "010", "2023-12-31", ".inf", ".nan"])
@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("max: 10, method: per_item", "max: {v}, method: per_item", "groups[0].criteria[0].max"),
        ("scale: 20", "scale: {v}", "scale"),
        ("n: {label: N, type: integer, min: 0}", "n: {label: N, type: integer, min: {v}}", "indicators.n.min"),
        ("min_total: 15}", "min_total: {v}}", "classification[0].min_total"),
    ],
)
def test_yaml_1_1_surprises_in_a_criteria_number_are_refused_never_converted(cli, tmp_path, value, old, new, field):
    written = new.replace("{v}", value)
    criteria = CRITERIA.replace(old, written)
    c, _, _ = write_round(tmp_path, criteria)
    line, col = at(criteria, written)
    col += new.index("{v}")
    message = f"{field}: expected a number, got the text '{value}' (write plain digits, without quotes)"
    assert cli("validate", c) == (1, "", one_problem(f"{c}:{line}:{col}: {message}"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NO", "'NO' is not a number"),
        ("1e3", "'1e3' is not a number"),
        ("12:30", "'12:30' is not a number"),
        ("010", "'010' starts with a zero; write it without leading zeros"),
        ("2023-12-31", "'2023-12-31' is not a number"),
        ("NaN", "'NaN' is not a number"),
        (".nan", "'.nan' is not a number"),
        (".inf", "'.inf' is not a number"),
        ("-.inf", "'-.inf' is not a number"),
        ("Infinity", "'Infinity' is not a number"),
        ('"-Infinity"', "'-Infinity' is not a number"),
    ],
)
def test_yaml_1_1_surprises_nan_and_infinity_in_a_submission_are_refused(cli, tmp_path, value, message):
    c, a, b = write_round(tmp_path, a=A.replace("n: 3", f"n: {value}"))
    assert cli("score", c, a, b) == (1, "", one_problem(f"{a}:4:6: values.n: {message}"))


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1e3", "'1e3' is not a number"),
        ("12:30", "'12:30' is not a number"),
        ("2023-12-31", "'2023-12-31' is not a number"),
        ("NO", "'NO' is not a number"),
        ("NaN", "'NaN' is not a number"),
        ("Infinity", "'Infinity' is not a number"),
        ("-inf", "'-inf' is not a number"),
    ],
)
def test_yaml_1_1_surprises_nan_and_infinity_in_a_csv_cell_are_refused(cli, tmp_path, cell, message):
    c, _, _ = write_round(tmp_path)
    s = tmp_path / "s.csv"
    s.write_text(f"round,unit,n,x\nr,a,3,{cell}\nr,b,4,5\n", encoding="utf-8")
    assert cli("score", c, s) == (1, "", one_problem(f"{s}:2:4: unit a, column x: {message}"))


@pytest.mark.parametrize("value", ["NO", "yes", "on", "Y", '"true"'])
def test_also_lower_takes_only_true_or_false(cli, tmp_path, value):
    # YAML 1.1 reads NO as false and yes as true: an award's rules must not hang on such a guess
    criteria = CRITERIA + f"awards:\n  - {{id: flag, label: Flag, quota: 1, also_lower: {value}}}\n"
    c, _, _ = write_round(tmp_path, criteria)
    line, col = at(criteria, value + "}")
    shown = value.strip('"')
    message = f"awards[0].also_lower: expected true or false, got '{shown}'"
    assert cli("validate", c) == (1, "", one_problem(f"{c}:{line}:{col}: {message}"))


# --- null is no value, never a zero -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["null", "~", ""])
def test_a_null_value_is_missing_never_zero(cli, tmp_path, value):
    a_text = A.replace("n: 3", f"n: {value}")
    c, a, b = write_round(tmp_path, a=a_text)
    line, _ = at(CRITERIA, "{id: C1")
    blank, _ = at(a_text, "n: ")  # the problem stands where the value was left empty
    message = (
        f"{a}:{blank}:1: unit a: no value for 'n' (left empty on line {blank}), which criterion C1 (Count) ({c}:{line}) needs;"
        " report it, or declare what a missing value means (if_missing: no_points)"
    )
    assert cli("score", c, a, b) == (1, "", one_problem(message))


def test_values_derived_from_a_value_left_empty_stand_at_its_line(cli, tmp_path):
    # In the Cluster 3 example, five derived values and criteria read members: all point at the empty line
    example = ROOT / "examples" / "hoi-ccb-cum-3" / "2023"
    for source in example.glob("*.yaml"):
        if source.name != "review.yaml":
            (tmp_path / source.name).write_bytes(source.read_bytes())
    cao_bang = tmp_path / "cao-bang.yaml"
    text = re.sub(r"(?m)^  members: .*$", "  members: null", cao_bang.read_text(encoding="utf-8"))
    cao_bang.write_text(text, encoding="utf-8")
    line, _ = at(text, "  members: null")
    code, out, err = cli("validate", ROOT / "criteria" / "hoi-ccb-cum-3" / "2023.yaml", tmp_path)
    assert (code, out) == (1, "")
    located = [problem for problem in err.splitlines() if problem.startswith(str(tmp_path))]
    assert len(located) == 5
    assert all(problem.startswith(f"{cao_bang}:{line}:1: unit cao-bang: no value for ") for problem in located)
    assert sum(f"(needs 'members', left empty on line {line})" in problem for problem in located) == 4


@pytest.mark.parametrize(
    ("given", "said"),
    [("1", "the number 1 (put it in quotes)"), ("true", "a yes/no value (put it in quotes)"), ("[b]", "a list")],
)
def test_a_unit_id_that_is_not_text_says_what_it_is(cli, tmp_path, given, said):
    b_text = B.replace("unit: b", f"unit: {given}")
    c, a, b = write_round(tmp_path, b=b_text)
    assert cli("validate", c, a, b) == (1, "", one_problem(f"{b}:2:7: unit: expected text, got {said}"))


def test_a_number_where_true_or_false_is_expected_is_named_as_a_number(cli, tmp_path):
    criteria = CRITERIA + "awards:\n  - {id: flag, label: Flag, quota: 1, also_lower: 1}\n"
    c, a, b = write_round(tmp_path, criteria)
    line, col = at(criteria, "also_lower: 1")
    col += len("also_lower: ")
    message = f"{c}:{line}:{col}: awards[0].also_lower: expected true or false, got the number 1"
    assert cli("validate", c, a, b) == (1, "", one_problem(message))


def test_an_empty_csv_cell_is_missing_never_zero(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    s = tmp_path / "s.csv"
    s.write_text("round,unit,n,x\nr,a,,2\nr,b,4,5\n", encoding="utf-8")
    line, _ = at(CRITERIA, "{id: C1")
    message = (
        f"{s}:2:1: unit a: no value for 'n' (not reported), which criterion C1 (Count) ({c}:{line}) needs;"
        " report it, or declare what a missing value means (if_missing: no_points)"
    )
    assert cli("score", c, s) == (1, "", one_problem(message))


# --- text that is not text ----------------------------------------------------------------------------------------------


def test_an_escape_for_half_a_surrogate_pair_is_refused_where_it_stands():
    # "\ud800" is a legal-looking YAML escape for no character at all: such text cannot be written out as UTF-8
    with pytest.raises(InvalidInput) as info:
        parse(b'a: 1\nb: "x\\ud800"\n', "f.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.col) == ("f.yaml", 2, 4)


def test_an_escape_past_the_last_character_is_refused_where_it_stands():
    # found by the fuzz run: PyYAML calls chr() on it and raises a bare ValueError
    with pytest.raises(InvalidInput) as info:
        parse(b'a: 1\nb: "x\\U01000000"\n', "f.yaml")
    [problem] = info.value.problems
    assert (problem.file, problem.line, problem.col) == ("f.yaml", 2, 6)
    assert str(problem.message) == "the escape \\U01000000 names no character (the last is \\U0010FFFF)"
    assert parse(b'b: "\\U0010FFFF"\n', "f.yaml").data == {"b": "\U0010ffff"}
    # from 0x80000000 PyYAML's chr() raises OverflowError instead; and an escape in a comment is no escape
    with pytest.raises(InvalidInput) as info:
        parse(b'# "\\U01000000"\nm: "\\UFFFFFFFF"\n', "f.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.col, str(problem.message)) == (
        2,
        5,
        "the escape \\UFFFFFFFF names no character (the last is \\U0010FFFF)",
    )


def test_a_control_character_is_refused_where_it_stands():
    with pytest.raises(InvalidInput) as info:
        parse(b"a: 1\nb: x\x07y\n", "f.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.col) == (2, 5)
    assert str(problem.message) == "the file contains the control character '\\x07'; is it really a text file?"


def test_half_a_surrogate_pair_in_evidence_is_refused_not_a_crash_of_the_json_output(cli, tmp_path):
    a_text = A.replace("n: 3", 'n: {value: 3, evidence: "Số \\ud800"}')
    c, a, b = write_round(tmp_path, a=a_text)
    code, out, err = cli("score", c, a, b, "--format", "json")
    line, col = at(a_text, '"Số')
    assert (code, out) == (1, "")
    assert err.startswith(f"{a}:{line}:{col}: ")
    assert err.endswith("\n1 problem(s) found.\n")


# --- formulas: escapes, and writing to their inputs ---------------------------------------------------------------------

SCOPE = {"members": "number", "x": "number", "ok": "boolean"}
ONLY_LISTED = "only the listed functions can be called: " + ", ".join(FUNCTIONS)


def refused(text: str) -> tuple[int, str]:
    with pytest.raises(FormulaError) as info:
        compile_formula(text, SCOPE)  # type: ignore[arg-type]
    return info.value.offset, str(info.value.message)


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("__builtins__", 0, "unknown name '__builtins__'"),
        ("x + __class__", 4, "unknown name '__class__'"),
        ("__import__", 0, "unknown name '__import__'"),
        ("().__class__.__bases__[0].__subclasses__()", 0, ONLY_LISTED),
        ("'{0.__class__}'.format(x)", 0, ONLY_LISTED),
        ("x.__class__.__mro__", 0, "attribute access ('.') is not allowed"),
        ("globals()", 0, "unknown function 'globals'"),
        ("getattr(x, 'real')", 0, "unknown function 'getattr'"),
        ("breakpoint()", 0, "unknown function 'breakpoint'"),
        ("nan", 0, "unknown name 'nan'"),
        ("x * inf", 4, "unknown name 'inf'"),
        ("Infinity", 0, "unknown name 'Infinity'"),
    ],
)
def test_sandbox_escapes_are_refused_at_load(text, offset, message):
    assert refused(text) == (offset, message)


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("members := 0", 8, "assignment (':=') is not allowed"),
        ("(members := 0)", 1, "assignment (':=') is not allowed"),
        ("members = 0", 8, "assignment is not allowed: a formula computes a value (use == to compare)"),
        ("members -= 1", 8, "assignment is not allowed: a formula computes a value (use == to compare)"),
        ("setattr(members, 'real', 0)", 0, "unknown function 'setattr'"),
        ("vars().update(members=0)", 0, ONLY_LISTED),
    ],
)
def test_a_formula_that_tries_to_change_its_inputs_is_refused(text, offset, message):
    assert refused(text) == (offset, message)


def test_python_warnings_neither_reach_the_user_nor_decide_a_formula():
    # '1if ok else 0' makes Python's parser warn ("invalid decimal literal"): the warning must not be printed
    # as a raw Python message, and whether the formula is accepted must not hang on the warnings filter
    outcomes = []
    for action in ("always", "error"):
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter(action)
            try:
                compile_formula("1if ok else 0", SCOPE)  # type: ignore[arg-type]
                outcomes.append("accepted")
            except FormulaError as e:
                outcomes.append(str(e.message))
        assert [str(w.message) for w in seen] == []
    assert outcomes == ["a number runs into the word after it: put a space between them"] * 2
    assert refused("x > 1and ok") == (4, "a number runs into the word after it: put a space between them")


# --- faults at scoring, named by unit and rule --------------------------------------------------------------------------


def test_an_overflowing_criterion_names_the_unit_and_the_criterion(cli, tmp_path):
    formula = "min(max_points, ((x ** 100) ** 100) ** 100)"
    criteria = CRITERIA.replace("min(max_points, x)", formula)
    c, a, b = write_round(tmp_path, criteria, a=A.replace("x: 2", "x: 10"))
    line, _ = at(criteria, "- {id: C2")
    # a: 10^100 → 10^10000 → 10^1000000, past the exponent limit of 999999; b: 5^1000000 ≈ 10^698970, within it
    message = f"{c}:{line}:1: unit a: criterion C2 (Share): the result is out of range (Overflow) in '{formula}'"
    assert cli("score", c, a, b) == (1, "", one_problem(message))


def test_division_by_zero_in_a_disqualifier_names_the_unit_and_the_disqualifier(cli, tmp_path):
    criteria = CRITERIA.replace("classification:", 'disqualifiers:\n  - {id: q, label: Q, when: "n / x > 1"}\nclassification:')
    c, a, b = write_round(tmp_path, criteria, b=B.replace("x: 5", "x: 0"))
    line, _ = at(criteria, "- {id: q")
    message = f"{c}:{line}:1: unit b: disqualifier q: division by zero in 'n / x > 1'\n    n / x > 1\n      ^"
    assert cli("score", c, a, b) == (1, "", one_problem(message))


def test_division_by_zero_in_an_award_condition_is_a_located_problem_not_a_traceback(cli, tmp_path):
    criteria = CRITERIA + 'awards:\n  - {id: flag, label: Flag, quota: 1, requires: {when: "total / x > 0"}}\n'
    c, a, b = write_round(tmp_path, criteria, b=B.replace("x: 5", "x: 0"))
    line, _ = at(criteria, "- {id: flag")
    for command in (["rank", c, a, b, "--format", "json"], ["validate", c, a, b]):  # validate too: found in review
        code, out, err = cli(*command)
        assert (code, out) == (1, "")
        first = err.splitlines()[0]
        assert first.startswith(f"{c}:{line}:")
        assert "unit b" in first
        assert "division by zero" in first


# --- disk full through the command --------------------------------------------------------------------------------------

REVIEW = (
    review_yaml()
    + """\
decisions:
  - {unit: a, award: flag, decision: confirm}
"""
)


def review_round(folder: Path) -> tuple[Path, Path, Path]:
    """A round of three units (a 95, b 90, c 80), one flag for a, and the council's review confirming it."""
    criteria, submissions, review = folder / "criteria.yaml", folder / "s.csv", folder / "review.yaml"
    criteria.write_text(criteria_yaml(["a", "b", "c"], extra="awards:\n  - {id: flag, label: Cờ thi đua, quota: 1}\n"))
    submissions.write_text(csv_text([{"unit": "a", "pts": 95}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 80}]))
    review.write_text(REVIEW, encoding="utf-8")
    return criteria, submissions, review


def test_disk_full_while_writing_the_record_exits_1_and_leaves_nothing(cli, tmp_path, monkeypatch):
    criteria, submissions, review = review_round(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    record = out_dir / "record.json"
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if len(data) > 200:  # the record's bytes, not the lock's one line
            real_write(fd, bytes(data)[:100])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    code, _, err = cli("review", criteria, submissions, "--decisions", review, "-o", record, "-q")
    assert (code, err) == (1, f"thidua: cannot write {record}: No space left on device (no file was written)\n")
    assert os.listdir(out_dir) == []


# --- kill -9 and two runs at once, as separate processes ----------------------------------------------------------------

# Runs the CLI, and kills itself with SIGKILL at one point of writing its output: half-way through the bytes,
# just before the rename that makes the new file the target, or just after it.
KILLER = """
import os, signal, sys
point, argv = sys.argv[1], sys.argv[2:]
real_write, real_replace = os.write, os.replace

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def write(fd, data):
    if point == "mid-write" and len(data) > 200:  # the output's bytes, not the lock's one line
        real_write(fd, bytes(data)[: len(data) // 2])
        die()
    return real_write(fd, data)

def replace(src, dst):
    if point == "before-rename":
        die()
    real_replace(src, dst)
    if point == "after-rename":
        die()

os.write, os.replace = write, replace
from scoring.cli import main
sys.exit(main(argv))
"""


def thidua(*argv: str) -> None:
    """`thidua …` as a process of its own, which must succeed."""
    subprocess.run([sys.executable, "-m", "scoring", *argv], cwd=ROOT, check=True)


def commands(folder: Path) -> dict[str, list[str]]:
    """The four writing commands, each with its output in `folder/out`."""
    criteria, submissions, review = (str(p) for p in review_round(folder))
    out = folder / "out"
    out.mkdir(exist_ok=True)
    record = str(folder / "record.json")  # the minutes' input
    thidua("review", criteria, submissions, "--decisions", review, "-o", record, "-q")
    return {
        "record": ["review", criteria, submissions, "--decisions", review, "-o", str(out / "record.json"), "-q"],
        "minutes": ["minutes", record, "-o", str(out / "minutes.html"), "-q"],
        "report": ["report", criteria, submissions, "--decisions", review, "-o", str(out / "report.html"), "-q"],
        "table": ["export", criteria, submissions, "-o", str(out / "table.csv"), "-q"],
    }


def complete(kind: str, data: bytes) -> bool:
    if kind == "record":
        return json.loads(data)["format"] == "thidua-record/2"
    if kind in ("minutes", "report"):
        return data.rstrip().endswith(b"</html>")
    return data.startswith(b"\xef\xbb\xbf") or data.count(b"\n") >= 4  # a header and a row per unit


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["record", "minutes", "report", "table"])
def test_kill_9_while_writing_leaves_no_file_or_the_whole_file(tmp_path, kind):
    argv = commands(tmp_path)[kind]
    target = Path(argv[argv.index("-o") + 1])
    out = target.parent
    thidua(*argv)
    whole = target.read_bytes()
    assert complete(kind, whole)
    for point in ("mid-write", "before-rename", "after-rename"):
        target.unlink()
        child = subprocess.run([sys.executable, "-c", KILLER, point, *argv], cwd=ROOT, check=False)
        assert child.returncode == -signal.SIGKILL, point  # it did die at that point, not before it
        left = sorted(os.listdir(out))
        if point == "after-rename":
            assert target.read_bytes() == whole
        else:
            assert not target.exists(), point
            assert any(name.startswith(f".{target.name}.") and name.endswith(".tmp") for name in left), left
        stray = [n for n in left if n != target.name]
        assert all(n == f"{target.name}.lock" or (n.startswith(f".{target.name}.") and n.endswith(".tmp")) for n in stray)
        # the next run is not held off by the dead one's lock, and sweeps its temporary away
        thidua(*argv, "--force")
        assert target.read_bytes() == whole
        assert os.listdir(out) == [target.name]


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["record", "minutes"])
def test_kill_9_at_any_moment_of_a_run_leaves_no_file_or_the_whole_file(tmp_path, kind):
    argv = commands(tmp_path)[kind]
    target = Path(argv[argv.index("-o") + 1])
    start = time.perf_counter()
    thidua(*argv)
    full = time.perf_counter() - start
    whole = target.read_bytes()
    seen = set()
    for i in range(1, 7):  # from early in the run to a little past its end
        target.unlink(missing_ok=True)
        with subprocess.Popen([sys.executable, "-m", "scoring", *argv, "--force"], cwd=ROOT) as proc:
            time.sleep(full * i / 6 * 1.1)
            proc.kill()
            proc.wait()
        if target.exists():
            assert target.read_bytes() == whole
            seen.add("whole")
        else:
            seen.add("none")
    assert seen <= {"none", "whole"}
    thidua(*argv, "--force")
    assert target.read_bytes() == whole
    assert os.listdir(target.parent) == [target.name]


@POSIX_ONLY
def test_two_runs_writing_the_same_record_at_once_leave_one_whole_record(tmp_path):
    argv = commands(tmp_path)["record"]
    target = Path(argv[argv.index("-o") + 1])
    thidua(*argv)
    whole = target.read_bytes()
    for _ in range(3):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "scoring", *argv, "--force"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        results = [(p.wait(), p.communicate()[1].decode()) for p in runs]
        for code, err in results:
            assert (code, err) == (0, "") or (code == 1 and f"thidua: {target} is being written by process " in err), err
        assert any(code == 0 for code, _ in results)
        assert target.read_bytes() == whole
        assert os.listdir(target.parent) == [target.name]


# --- files small on disk, huge in memory or time ------------------------------------------------------------------------

MEASURE = """
import resource, sys
from pathlib import Path
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.submissions import load_submissions
criteria = load_criteria(Path(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    load_submissions(criteria, [Path(sys.argv[1])])
except InvalidInput:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)  # KiB on Linux
"""


def grown_kib(*args: str, timeout: float = 120) -> int:
    """How much a separate process's peak memory grows while it reads a submission file."""
    child = subprocess.run([sys.executable, "-c", MEASURE, *args], cwd=ROOT, capture_output=True, timeout=timeout, check=True)
    return int(child.stdout)


@POSIX_ONLY
def test_a_yaml_file_within_the_size_limit_cannot_take_gigabytes(tmp_path):
    # A flow list of small numbers is the costliest shape per byte: at the size limit, 2.6 million values,
    # about 350 bytes each once read. The count of values is refused long before that.
    raw = b"[" + b"1," * (yamlio.MAX_FILE_BYTES // 2 - 2) + b"1]\n"
    assert len(raw) <= yamlio.MAX_FILE_BYTES
    criteria, submission = tmp_path / "criteria.yaml", tmp_path / "a.yaml"
    criteria.write_text(criteria_yaml(["a", "b"]), encoding="utf-8")
    submission.write_bytes(raw)
    grown = grown_kib(str(submission), str(criteria))  # read as a submission, in a process of its own
    assert grown < 256 * 1024, f"{grown / 1024:.0f} MiB to refuse a file of {len(raw)} bytes"


@pytest.mark.parametrize("prefix", [b"", b"a: 1\na:\n  "])  # read, or skipped as a duplicate key's value
def test_block_nesting_past_the_limit_is_refused_at_once_where_it_starts(prefix):
    # found in review: 5 MiB of "- - - …" was read to the end of the value count before being refused
    raw = prefix + b"- " * (yamlio.MAX_FILE_BYTES // 2 - 20) + b"1\n"
    with pytest.raises(InvalidInput) as info:
        parse(raw, "f.yaml")
    [problem] = info.value.problems
    line = prefix.count(b"\n") + 1
    col = len(prefix.rsplit(b"\n", 1)[-1]) + 2 * (MAX_DEPTH + 1) + 1  # the list that opens level 65
    if prefix:
        col -= 2  # under the key, the first "-" is already level 1
    assert (problem.line, problem.col) == (line, col)
    assert str(problem.message) == f"the YAML is nested more than {MAX_DEPTH} levels deep"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("name", ["pipe", "nul"])
def test_a_previous_round_named_as_a_pipe_or_with_a_nul_is_refused_not_waited_on(tmp_path, cli, name):
    # found by a helper: validate waited forever on a named pipe, and a NUL in the name was a traceback
    folder = tmp_path / "crit"
    shutil.copytree(ROOT / "criteria" / "hoi-ccb-cum-3", folder)
    if name == "pipe":
        os.mkfifo(folder / "pipe.yaml")
        given, shown, why = "pipe.yaml", str(folder / "pipe.yaml"), "it is not a regular file (a pipe or a device)"
    else:
        given, shown, why = "20\\0.yaml", str(folder / "20\\x00.yaml"), "its name contains a NUL"
    criteria = folder / "2025.yaml"
    text = criteria.read_text(encoding="utf-8").replace("  criteria: 2024.yaml", f'  criteria: "{given}"')
    criteria.write_text(text, encoding="utf-8")
    code, out, err = cli("validate", criteria, ROOT / "examples" / "hoi-ccb-cum-3" / "2025")
    assert (code, out) == (1, "")
    if name == "nul":  # a NUL is a control character: refused where the YAML text holds it, before any file is opened
        line, col = at(text, f'"{given}"')
        why = "the text contains the control character \\x00; remove it (an escape sequence could change what a terminal shows)"
        assert err.startswith(f"{criteria}:{line}:{col}: {why}\n")
        return
    assert err.startswith(f"{shown}:1:1: cannot read the file: {why}\n")


def test_a_folder_of_submissions_that_cannot_be_listed_is_a_located_problem(tmp_path, cli, monkeypatch):
    # found by a helper: a link inside to a folder root may not enter raised PermissionError from is_file()
    c, _, _ = write_round(tmp_path)
    folder = tmp_path / "subs"
    folder.mkdir()

    def refuse(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(Path(path) / "x"))

    monkeypatch.setattr(os, "scandir", refuse)  # the walk of the folder lists each folder with os.scandir
    code, out, err = cli("validate", c, folder)
    assert (code, out) == (1, "")
    assert err == one_problem(f"{folder / 'x'}:1:1: cannot read the folder: Permission denied")


def test_the_value_past_the_limit_is_named_where_it_stands(monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_VALUES", 1000)  # the same count at a size that reads in a moment
    with pytest.raises(InvalidInput) as info:
        parse(b"[" + b"1," * 5000 + b"1]\n", "f.yaml")
    [problem] = info.value.problems
    # the list itself is the first value, so the 1000th number is the first past the limit: "[" then "1," each
    assert (problem.line, problem.col) == (1, 2 * 1000)
    assert str(problem.message) == "the file holds more than 1000 values, far more than a round needs: is it the right file?"


def test_a_file_of_as_many_values_as_allowed_is_read(monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_VALUES", 1000)
    count = 999  # with the list itself, exactly the limit
    assert len(parse(b"[" + b"1," * (count - 1) + b"1]\n", "f.yaml").data) == count
    with pytest.raises(InvalidInput):
        parse(b"[" + b"1," * count + b"1]\n", "f.yaml")


def inflated_form(folder: Path, member: str, size: int) -> Path:
    """A form made by `thidua template`, with `size` bytes of XML comment inside one of its zip members."""
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria_yaml(["a", "b"]), encoding="utf-8")
    form = folder / "form.xlsx"
    assert main(["template", str(criteria), "-o", str(form), "-q"]) == 0
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != member:
                target.writestr(info.filename, data)
                continue
            root = data.index(b">", data.index(b"<", data.index(b"?>") + 2 if b"?>" in data else 0)) + 1
            with target.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(data[:root] + b"<!--")
                chunk = b"x" * 2**20
                for _ in range(size // len(chunk)):
                    stream.write(chunk)
                stream.write(b"-->" + data[root:])
    assert bomb.stat().st_size < 20_000 + size // 500  # the form, and the comment squeezed about a thousandfold
    return bomb


@POSIX_ONLY
@pytest.mark.skipif(sys.platform == "darwin", reason="ru_maxrss counts bytes on macOS")
def test_an_xlsx_that_inflates_to_hundreds_of_megabytes_is_refused_without_reading_it_all(tmp_path):
    bomb = inflated_form(tmp_path, "xl/styles.xml", 200 * 2**20)  # ≈ 200 KB on disk
    grown = grown_kib(str(bomb), str(tmp_path / "criteria.yaml")) * 1024
    assert grown < 256 * 2**20, f"{grown / 2**20:.0f} MiB to read a {bomb.stat().st_size} byte file"


@POSIX_ONLY
def test_an_xlsx_with_one_huge_token_does_not_hang_the_engine(tmp_path):
    # Expat before 2.6 re-scans a token that spans many buffers from its start each time: one 48 MB comment
    # in a sheet (a 50 KB file) takes minutes. A sound reader refuses or reads it in seconds.
    bomb = inflated_form(tmp_path, "xl/worksheets/sheet1.xml", 48 * 2**20)
    try:
        grown_kib(str(bomb), str(tmp_path / "criteria.yaml"), timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {bomb.stat().st_size} bytes of .xlsx took more than 20 seconds")


def test_the_inflated_forms_are_refused_by_name(tmp_path, cli):
    bomb = inflated_form(tmp_path, "xl/styles.xml", 200 * 2**20)
    code, out, err = cli("validate", tmp_path / "criteria.yaml", bomb)
    assert (code, out) == (1, "")
    limit = spreadsheet.MAX_PART_BYTES // 2**20
    assert err.startswith(f"{bomb}:1:1: the workbook's part xl/styles.xml unpacks to more than {limit} MB; ")


def made_form(folder: Path) -> tuple[Path, Path]:
    criteria, form = folder / "criteria.yaml", folder / "form.xlsx"
    criteria.write_text(criteria_yaml(["a", "b"]), encoding="utf-8")
    assert main(["template", str(criteria), "-o", str(form), "-q"]) == 0
    return criteria, form


def with_extra_parts(form: Path, *sizes: int) -> Path:
    """The form with more parts of zero bytes, of these sizes, which no reader of the form looks at."""
    extra = form.with_name(f"extra-{'-'.join(map(str, sizes))}.xlsx")
    extra.write_bytes(form.read_bytes())
    with zipfile.ZipFile(extra, "a", zipfile.ZIP_DEFLATED) as book:
        for i, size in enumerate(sizes):
            book.writestr(f"customXml/extra{i}.bin", bytes(size))
    return extra


def test_a_part_may_unpack_to_the_limit_and_not_a_byte_more(tmp_path, cli):
    criteria, form = made_form(tmp_path)
    limit = spreadsheet.MAX_PART_BYTES
    # at the limit the form is read (and found empty); one byte more, it is refused
    code, _, err = cli("validate", criteria, with_extra_parts(form, limit))
    assert code == 1
    assert "no value for 'pts' (not reported)" in err
    code, _, err = cli("validate", criteria, with_extra_parts(form, limit + 1))
    assert code == 1
    assert f"part customXml/extra0.bin unpacks to more than {limit // 2**20} MB" in err


def test_the_parts_together_may_not_unpack_past_the_workbook_limit(tmp_path, cli):
    criteria, form = made_form(tmp_path)
    each = spreadsheet.MAX_PART_BYTES
    parts = spreadsheet.MAX_UNPACKED_BYTES // each  # together with the form's own parts, just past the limit
    code, _, err = cli("validate", criteria, with_extra_parts(form, *[each] * parts))
    assert code == 1
    assert f"the workbook unpacks to more than {spreadsheet.MAX_UNPACKED_BYTES // 2**20} MB" in err


def lying_form(folder: Path, claimed: int) -> Path:
    """A form whose styles part inflates to 400 MiB of spaces but says, with a matching checksum, it is `claimed` bytes."""
    _, form = made_form(folder)
    with zipfile.ZipFile(form) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    styles = parts["xl/styles.xml"]
    end = styles.rindex(b"</")
    parts["xl/styles.xml"] = styles[:end] + b" " * (400 * 2**20) + styles[end:]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    raw = bytearray(packed.getvalue())
    crc = zlib.crc32(parts["xl/styles.xml"][:claimed])
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as book:
        offset = book.getinfo("xl/styles.xml").header_offset
    struct.pack_into("<I", raw, offset + 14, crc)  # the local header's checksum
    struct.pack_into("<I", raw, offset + 22, claimed)  # and size unpacked
    central = 0
    while (central := raw.find(b"PK\x01\x02", central)) >= 0:  # the central directory's entries: the same two
        length = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + length] == b"xl/styles.xml":
            struct.pack_into("<I", raw, central + 16, crc)
            struct.pack_into("<I", raw, central + 24, claimed)
        central += 4
    liar = folder / "liar.xlsx"
    liar.write_bytes(raw)
    return liar


@POSIX_ONLY
@pytest.mark.skipif(sys.platform == "darwin", reason="ru_maxrss counts bytes on macOS")
def test_a_part_that_lies_about_its_size_is_inflated_no_further_than_it_says(tmp_path, cli):
    liar = lying_form(tmp_path, 4000)
    with zipfile.ZipFile(liar) as book:
        assert book.getinfo("xl/styles.xml").file_size == 4000
        with book.open("xl/styles.xml") as stream:  # zipfile itself accepts it: the checksum matches what it says
            assert len(stream.read(2**16)) == 4000
    # openpyxl alone would inflate all 400 MiB at once before cutting; thidua reads what the part says and stops
    grown = grown_kib(str(liar), str(tmp_path / "criteria.yaml")) * 1024
    assert grown < 128 * 2**20, f"{grown / 2**20:.0f} MiB to read a {liar.stat().st_size} byte file"
    code, _, err = cli("validate", tmp_path / "criteria.yaml", liar)
    assert code == 1
    assert err.startswith(f"{liar}:1:1: not an Excel .xlsx file (or it is damaged)")


def test_a_part_packed_in_a_way_excel_never_uses_is_refused_unread(tmp_path, cli):
    criteria, form = made_form(tmp_path)
    odd = tmp_path / "bzip2.xlsx"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(odd, "w") as target:
        for info in source.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename == "xl/styles.xml" else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, source.read(info), compress_type=method)
    code, out, err = cli("validate", criteria, odd)
    assert (code, out) == (1, "")
    assert err.startswith(f"{odd}:1:1: not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx")
    assert "(part xl/styles.xml is not as Excel writes it)" in err


def test_a_zip_asking_for_a_newer_zip_version_is_damaged_not_a_traceback(tmp_path, cli):
    # found in review: zipfile raises NotImplementedError for it
    criteria, form = made_form(tmp_path)
    raw = bytearray(form.read_bytes())
    raw[raw.index(b"PK\x01\x02") + 6] = 100
    form.write_bytes(raw)
    code, out, err = cli("validate", criteria, form)
    assert (code, out) == (1, "")
    assert err.startswith(f"{form}:1:1: not an Excel .xlsx file (or it is damaged)")


def test_inflated_form_helper_leaves_a_readable_form(tmp_path, cli):
    # the bombs above are real forms: a small comment changes nothing in what is read
    bomb = inflated_form(tmp_path, "xl/worksheets/sheet1.xml", 2**20)
    criteria = tmp_path / "criteria.yaml"
    code, out, err = cli("validate", criteria, bomb)
    # the form is empty: every unit's pts is missing, and is named as such, once per unit
    assert (code, out) == (1, "")
    assert err.count("no value for 'pts' (not reported)") == 2
    assert io.StringIO(err).readlines()[-1] == "2 problem(s) found.\n"
