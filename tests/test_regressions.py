"""One test per bug found in review, each through the CLI with the whole message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring.cli import main

CRITERIA = """\
format: thidua/1
id: r
title: R
year: 2024
scale: 10
units:
  a: {name: A}
  b: {name: B}
indicators:
  n: {label: N, type: integer, min: 0}
  x: {label: X, type: number, min: 0}
derived:
  d: x - 5
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {id: C1, label: Count, max: 5, method: per_item, of: n, points_each: 1}
      - {id: C2, label: Rel, max: 5, method: relative, of: x}
classification:
  - {id: all, label: All}
"""
ROWS = "round,unit,n,x\nr,a,1,2\nr,b,2,7\n"


def run(capsys, tmp_path: Path, criteria: str, rows: str, *extra: str) -> tuple[int, str, str, Path]:
    c, s = tmp_path / "c.yaml", tmp_path / "s.csv"
    c.write_text(criteria, encoding="utf-8")
    s.write_text(rows, encoding="utf-8")
    code = main([*(extra or ("score",)), str(c), str(s)] if not extra or extra[0] != "validate" else [*extra, str(c)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err, c


def test_a_counted_indicator_without_min_is_refused(capsys, tmp_path):
    criteria = CRITERIA.replace("n: {label: N, type: integer, min: 0}", "n: {label: N, type: integer}")
    code, _, err, c = run(capsys, tmp_path, criteria, ROWS, "validate")
    assert (code, err) == (
        1,
        f"{c}:19:62: groups[0].criteria[0].of: method per_item counts 'n', which may be negative: give it min: 0\n"
        "1 problem(s) found.\n",
    )


def test_a_negative_derived_value_is_refused_where_it_is_counted(capsys, tmp_path):
    criteria = CRITERIA.replace("method: relative, of: x}", "method: relative, of: d}")
    code, _, err, c = run(capsys, tmp_path, criteria, ROWS)
    # d = x − 5 = 2 − 5 = −3 for unit a
    assert (code, err) == (
        1,
        f"{c}:20:1: unit a: criterion C2 (Rel): 'd' is -3: method relative needs values of 0 or more\n1 problem(s) found.\n",
    )


def test_minus_zero_is_zero(capsys, tmp_path):
    code, out, _, _ = run(capsys, tmp_path, CRITERIA, "round,unit,n,x\nr,a,-0,2\nr,b,2,7\n", "score", "--format", "json")
    assert code == 0
    line = json.loads(out)["units"][0]["criteria"][0]
    assert (line["points"], line["inputs"]["n"]["value"]) == ("0.00", "0")


def test_an_unquoted_decimal_point_is_refused_for_an_integer(capsys, tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.yaml").write_text("round: r\nunit: a\nvalues:\n  n: 28.000\n  x: 1\n", encoding="utf-8")
    (tmp_path / "subs" / "b.yaml").write_text("round: r\nunit: b\nvalues:\n  n: 1\n  x: 1\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CRITERIA, encoding="utf-8")
    code = main(["score", str(tmp_path / "c.yaml"), str(tmp_path / "subs")])
    err = capsys.readouterr().err
    # YAML reads 28.000 as 28 with three decimals; a Vietnamese writer meant twenty-eight thousand.
    assert (code, err) == (
        1,
        f"{tmp_path / 'subs' / 'a.yaml'}:4:6: values.n: 28.000 is not a whole number; if you meant 28000"
        ' (a dot grouping thousands), write 28000 or "28.000" in quotes\n1 problem(s) found.\n',
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('"1000000000000001"', "1000000000000001 is beyond the largest figure accepted (1000000000000000)"),
        ('"0,12345678901"', "0.12345678901 has more than 10 decimal places"),
        ("012", "'012' starts with a zero; write it without leading zeros"),
    ],
)
def test_reported_figures_are_bounded(capsys, tmp_path, cell, message):
    code, _, err, _ = run(capsys, tmp_path, CRITERIA, f"round,unit,n,x\nr,a,1,{cell}\nr,b,2,7\n")
    assert (code, err) == (1, f"{tmp_path / 's.csv'}:2:4: unit a, column x: {message}\n1 problem(s) found.\n")


def test_an_overflowing_adjustment_is_a_located_problem(capsys, tmp_path):
    criteria = CRITERIA.replace(
        "classification:", "adjustments:\n  - {id: big, label: Big, kind: bonus, formula: x * x * x}\nclassification:"
    )
    # x = 10^15, so x³ = 10^45: more digits than 34-digit points can be rounded to.
    code, _, err, c = run(capsys, tmp_path, criteria, "round,unit,n,x\nr,a,1,1000000000000000\nr,b,2,7\n")
    assert (code, err) == (
        1,
        f"{c}:22:1: unit a: adjustment big (Big): the result is out of range (InvalidOperation) in 'x * x * x'\n"
        "1 problem(s) found.\n",
    )


def test_markup_in_names_is_shown_as_written(capsys, tmp_path):
    criteria = CRITERIA.replace("a: {name: A}", 'a: {name: "A [/b] [red]"}')
    code, out, _, _ = run(capsys, tmp_path, criteria, ROWS)
    assert code == 0
    assert "A [/b] [red]" in out


def test_semicolon_csv_from_a_vietnamese_excel(capsys, tmp_path):
    code, out, _, _ = run(capsys, tmp_path, CRITERIA, 'round;unit;n;x\nr;a;1;"2,5"\nr;b;2;7\n', "score", "--format", "json")
    assert code == 0
    assert json.loads(out)["units"][0]["criteria"][1]["inputs"]["x"]["value"] == "2.5"


def test_a_missing_folder_and_a_file_given_twice(capsys, tmp_path):
    (tmp_path / "c.yaml").write_text(CRITERIA, encoding="utf-8")
    (tmp_path / "s.csv").write_text(ROWS, encoding="utf-8")
    assert main(["score", str(tmp_path / "c.yaml"), str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'nope'}:1:1: no such file or folder\n1 problem(s) found.\n"
    assert main(["score", str(tmp_path / "c.yaml"), str(tmp_path / "s.csv"), str(tmp_path / "s.csv")]) == 0


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "  d: x - 5",
            "  d: e + 1\n  e: x",
            "13:6",
            "derived.d: 'e' is declared below 'd'; a derived value reads only names declared above it",
        ),
        ("  d: x - 5", "  d: d + 1", "13:6", "derived.d: 'd' refers to itself"),
        ("  d: x - 5", "  total: x - 5", "13:10", "derived.total: 'total' is a reserved word in formulas; choose another name"),
        ("scale: 10", "scale: 1e1", "5:8", "scale: expected a number, got the text '1e1' (write plain digits, without quotes)"),
        (
            "year: 2024",
            'year: "2024"',
            "4:7",
            "year: expected a number, got the text '2024' (write plain digits, without quotes)",
        ),
    ],
)
def test_criteria_messages(capsys, tmp_path, old, new, where, message):
    code, _, err, c = run(capsys, tmp_path, CRITERIA.replace(old, new), ROWS, "validate")
    assert err.startswith(f"{c}:{where}: {message}\n")
    assert code == 1


def test_an_empty_criteria_file(capsys, tmp_path):
    code, _, err, c = run(capsys, tmp_path, "# nothing yet\n", ROWS, "validate")
    assert (code, err) == (1, f"{c}:1:1: the file must be a mapping of keys (format, id, …), not nothing\n1 problem(s) found.\n")


def test_disqualifier_blocks_must_name_something_blockable(capsys, tmp_path):
    base = CRITERIA.replace(
        "classification:", "disqualifiers:\n  - {id: q, label: Q, when: n > 5, blocks: BLOCKS}\nclassification:"
    )
    code, _, err, c = run(capsys, tmp_path, base.replace("BLOCKS", "[]"), ROWS, "validate")
    nothing = "disqualifiers[0].blocks: blocks nothing: name the bands and awards it blocks, or write all"
    assert (code, err) == (1, f"{c}:22:44: {nothing}\n1 problem(s) found.\n")
    code, _, err, c = run(capsys, tmp_path, base.replace("BLOCKS", "[all]"), ROWS, "validate")
    last = "disqualifiers[0].blocks[0]: 'all' is the last band, which takes every unit: it cannot be blocked"
    assert (code, err) == (1, f"{c}:22:45: {last}\n1 problem(s) found.\n")
