"""Decision tables (bảng quy đổi), a choice compared with its answer by text, and the lighter criteria file.

A council writes "Nộp đúng hạn: 4 điểm; chậm 1–3 ngày: 2 điểm; chậm trên 3 ngày: 0; không nộp: trừ 1" as a table:
`method: table` maps a choice's answer, or a value's range, to points directly. The round here has no year and no
classification bands, as a table without bands has none.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from scoring import wording
from scoring.awards import propose
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import Results, TableFacts, ZeroIn, evaluate
from scoring.explain import line_explanation
from scoring.submissions import load_submissions
from tests.shared import ROOT, Cli

# Two answers share the number 0 on purpose: the table and the formulas tell them apart by the answer itself.
CHOICES = '{Đúng hạn: 1, "Chậm 1–3 ngày": 0, "Chậm trên 3 ngày": 0, Không nộp: 0}'
TIMING = '{Đúng hạn: 4, "Chậm 1–3 ngày": 2, "Chậm trên 3 ngày": 0, Không nộp: -1}'
DAYS = "[{from: 0, to: 0, points: 4}, {from: 1, to: 3, points: 2}, {from: 4, points: 0}]"
LATE_BUT_IN = '2 if report_timing != "Không nộp" and report_timing != "Đúng hạn" else 0'


def criteria_text(
    timing: str = TIMING,
    days: str = DAYS,
    formula: str = LATE_BUT_IN,
    days_type: str = "integer",
    extra: str = "",
) -> str:
    return f"""\
format: thidua/1
id: r
title: Bảng quy đổi
scale: 10
units:
  a: {{name: Đơn vị A}}
  b: {{name: Đơn vị B}}
  c: {{name: Đơn vị C}}
  d: {{name: Đơn vị D}}
indicators:
  report_timing: {{label: Nộp báo cáo năm, type: choice, choices: {CHOICES}, default: Không nộp}}
  late_days: {{label: Số ngày chậm, type: {days_type}, min: 0}}
groups:
  - id: I
    label: Báo cáo
    max: 10
    criteria:
      - {{id: I.1, label: Nộp báo cáo năm, max: 4, method: table, of: report_timing, table: {timing}}}
      - {{id: I.2, label: Số ngày chậm, max: 4, method: table, of: late_days, table: {days}}}
      - {{id: I.3, label: Chậm mà có nộp, max: 2, formula: '{formula}'}}
{extra}"""


ROWS = """\
round,unit,report_timing,late_days
r,a,Đúng hạn,0
r,b,Chậm 1–3 ngày,1
r,c,Chậm trên 3 ngày,3
r,d,,4
"""


def write(tmp_path: Path, criteria: str, rows: str = ROWS) -> tuple[Path, Path]:
    path = tmp_path / "r.yaml"
    path.write_text(criteria, encoding="utf-8")
    folder = tmp_path / "subs"
    folder.mkdir(exist_ok=True)
    (folder / "r.csv").write_text(rows, encoding="utf-8")
    return path, folder


def scored(tmp_path: Path, criteria: str = criteria_text(), rows: str = ROWS) -> Results:
    path, folder = write(tmp_path, criteria, rows)
    loaded = load_criteria(path)
    return evaluate(loaded, load_submissions(loaded, [folder]))


def points(results: Results, unit: str) -> dict[str, Decimal]:
    card = results.scorecard(unit)
    return {**{line.criterion.id: line.points for line in card.lines}, "I": card.groups[0].points, "total": card.total}


def refused(tmp_path: Path, criteria: str) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_text(criteria, encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        load_criteria(path)
    return [f"{p.line}:{p.col}: {wording.word(p.message)}" for p in info.value.problems]


def where(text: str, needle: str, nth: int = 0) -> str:
    """'line:col' of `needle` (its nth occurrence) in `text`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return f"{text.count(chr(10), 0, i) + 1}:{i - text.rfind(chr(10), 0, i)}"


# --- a choice's table --------------------------------------------------------------------------


def test_each_answer_scores_its_row_and_a_negative_row_is_a_deduction_inside_the_line(tmp_path):
    results = scored(tmp_path)
    # I.1 by the answer; I.2 by the days; I.3 = 2 only for a late report that was handed in
    assert points(results, "a") == {"I.1": Decimal("4.00"), "I.2": Decimal("4.00"), "I.3": Decimal("0.00"), "I": 8, "total": 8}
    assert points(results, "b") == {"I.1": 2, "I.2": 2, "I.3": 2, "I": 6, "total": 6}  # 2 + 2 + 2 = 6
    assert points(results, "c") == {"I.1": 0, "I.2": 2, "I.3": 2, "I": 4, "total": 4}  # 0 + 2 + 2 = 4
    # d reported no answer: the default 'Không nộp' → −1; 4 days → the open last row, 0: −1 + 0 + 0 = −1
    assert points(results, "d") == {"I.1": -1, "I.2": 0, "I.3": 0, "I": -1, "total": -1}
    assert str(results.scorecard("d").total) == "-1.00"


def test_two_answers_with_the_same_number_are_told_apart_by_the_answer(tmp_path):
    results = scored(tmp_path)
    # 'Chậm 1–3 ngày', 'Chậm trên 3 ngày' and 'Không nộp' all stand for 0; their rows are 2, 0 and −1
    assert [results.scorecard(u).lines[0].facts for u in "bcd"] == [
        TableFacts(2, "Chậm 1–3 ngày", None, None),
        TableFacts(3, "Chậm trên 3 ngày", None, None),
        TableFacts(4, "Không nộp", None, None),
    ]


def test_the_explanation_says_which_row_applied(tmp_path):
    results = scored(tmp_path)
    card = results.scorecard("b")
    with wording.use("vi"):
        said = [line_explanation(card, line, results.cohort) for line in card.lines[:2]]
    assert said == [
        "report_timing = Chậm 1–3 ngày → dòng 2 của bảng: 2 điểm",
        "late_days = 1 → dòng 2 của bảng (từ 1 đến 3): 2 điểm",
    ]
    d = results.scorecard("d")
    assert line_explanation(d, d.lines[0], results.cohort) == "report_timing = Không nộp → row 4 of the table: -1"
    assert line_explanation(d, d.lines[1], results.cohort) == "late_days = 4 → row 3 of the table (4 or more): 0"


def test_every_answer_must_have_its_row(tmp_path):
    text = criteria_text(timing='{Đúng hạn: 4, "Chậm 1–3 ngày": 2}')
    assert refused(tmp_path, text) == [
        f"{where(text, '{Đúng hạn: 4')}: groups[0].criteria[0].table: the table gives no points for 'Chậm trên 3 ngày',"
        " 'Không nộp': every answer of 'report_timing' needs its row"
    ]


def test_an_unknown_answer_in_the_table_is_refused_with_the_closest_answer(tmp_path):
    text = criteria_text(timing='{Đúng hạn: 4, "Chậm 1–3 ngày": 2, "Chậm trên 3 ngày": 0, Không nôp: -1}')
    assert refused(tmp_path, text) == [
        f"{where(text, '{Đúng hạn: 4')}: groups[0].criteria[0].table: the table gives no points for 'Không nộp':"
        " every answer of 'report_timing' needs its row",
        f"{where(text, '-1}')}: groups[0].criteria[0].table.Không nôp: 'Không nôp' is not an answer of 'report_timing';"
        " did you mean 'Không nộp'? (its answers: Đúng hạn, Chậm 1–3 ngày, Chậm trên 3 ngày, Không nộp)",
    ]


def test_a_row_may_give_from_minus_max_to_max(tmp_path):
    text = criteria_text(timing='{Đúng hạn: 4.5, "Chậm 1–3 ngày": 2, "Chậm trên 3 ngày": 0, Không nộp: -4.01}')
    assert refused(tmp_path, text) == [
        f"{where(text, '4.5')}: groups[0].criteria[0].table.Đúng hạn: 4.5 points is outside the criterion's −4 to 4",
        f"{where(text, '-4.01')}: groups[0].criteria[0].table.Không nộp: -4.01 points is outside the criterion's −4 to 4",
    ]
    # at the edges: −4 and 4 are rows a table may have
    edges = criteria_text(timing='{Đúng hạn: 4, "Chậm 1–3 ngày": 2, "Chậm trên 3 ngày": 0, Không nộp: -4}')
    assert points(scored(tmp_path, edges), "d")["I.1"] == -4


def test_a_choice_needs_its_answers_and_a_number_needs_ranges(tmp_path):
    text = criteria_text(timing="[{from: 0, points: 1}]", days="{Đúng hạn: 4}")
    assert refused(tmp_path, text) == [
        f"{where(text, '[{from: 0, points: 1}]')}: groups[0].criteria[0].table: 'report_timing' is a choice indicator:"
        " its table gives each answer its points, e.g. {Đúng hạn: …, Chậm 1–3 ngày: …, Chậm trên 3 ngày: …, Không nộp: …}",
        f"{where(text, '{Đúng hạn: 4}')}: groups[0].criteria[1].table: 'late_days' is not a choice indicator: its table"
        " lists ranges, e.g. [{from: 0, to: 0, points: 4}, {from: 1, points: 2}]",
    ]


# --- a number's table: ranges ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("0", 4),  # row 1: 0 to 0
        ("1", 2),  # row 2 starts: 1 to 3
        ("3", 2),  # row 2 ends, both ends included
        ("4", 0),  # row 3: 4 or more
        ("400", 0),  # the open-ended last row
    ],
)
def test_a_range_includes_both_its_ends(tmp_path, days, expected):
    rows = f"round,unit,report_timing,late_days\nr,a,Đúng hạn,{days}\nr,b,Đúng hạn,0\nr,c,Đúng hạn,0\nr,d,Đúng hạn,0\n"
    assert points(scored(tmp_path, rows=rows), "a")["I.2"] == expected


def test_a_value_in_a_gap_between_rows_is_an_error_naming_the_unit_the_criterion_and_the_value(tmp_path):
    text = criteria_text(days_type="number")
    rows = 'round,unit,report_timing,late_days\nr,a,Đúng hạn,"3,5"\nr,b,Đúng hạn,0\nr,c,Đúng hạn,0\nr,d,Đúng hạn,0\n'
    with pytest.raises(InvalidInput) as info:
        scored(tmp_path, text, rows)
    [problem] = info.value.problems
    line = where(text, "{id: I.2").split(":")[0]
    assert f"{problem.line}: {wording.word(problem.message)}" == (
        f"{line}: unit a: criterion I.2 (Số ngày chậm): late_days = 3.5 falls in no row of the table"
    )


def test_a_value_below_the_first_row_is_an_error_never_a_silent_zero(tmp_path):
    text = criteria_text(days="[{from: 1, to: 3, points: 2}, {from: 4, points: 0}]")
    with pytest.raises(InvalidInput) as info:
        scored(tmp_path, text)
    assert [wording.word(p.message) for p in info.value.problems] == [
        "unit a: criterion I.2 (Số ngày chậm): late_days = 0 falls in no row of the table"
    ]


def test_rows_are_listed_rising_without_overlaps(tmp_path):
    text = criteria_text(
        days="[{from: 0, to: 1, points: 4}, {from: 1, to: 3, points: 2}, {from: 0, to: 0, points: 1}, {from: 5, points: 0}]"
    )
    assert refused(tmp_path, text) == [
        f"{where(text, '1, to: 3')}: groups[0].criteria[1].table[1].from: row 2 starts at 1, inside row 1 (0 to 1):"
        " ranges include both ends, so rows may not overlap",
        f"{where(text, '0, to: 0, points: 1')}: groups[0].criteria[1].table[2].from: rows must be listed with 'from' rising",
    ]


def test_only_the_last_row_is_open_ended_and_a_row_ends_at_or_above_its_start(tmp_path):
    text = criteria_text(days="[{from: 0, points: 4}, {from: 5, to: 4, points: 0}]")
    assert refused(tmp_path, text) == [
        f"{where(text, '{from: 0, points: 4}')}: groups[0].criteria[1].table[0]: only the last row may leave out 'to'"
        " (it then has no upper end)",
        f"{where(text, '4, points: 0')}: groups[0].criteria[1].table[1].to: the row ends at 4, below its start 5",
    ]


QUOTED_PERCENT = '"4%"'


def test_a_table_row_wants_a_plain_number_not_a_percentage(tmp_path):
    text = criteria_text(days='[{from: 0, to: 0, points: 4}, {from: "4%", points: 0}]')
    assert refused(tmp_path, text) == [
        f"{where(text, QUOTED_PERCENT)}: groups[0].criteria[1].table[1].from: expected a number, got the text '4%':"
        " write 4 or 0.04 as the table means it (a plain number, without '%')"
    ]


# --- a negative line: totals, groups, floors, JSON ---------------------------------------------

FLOORS = """\
classification:
  - {id: tot, label: Hoàn thành tốt, min_total: -10, floor: 0%}
  - {id: khac, label: Còn lại}
"""


def test_a_negative_line_is_under_even_a_floor_of_zero(tmp_path):
    results = scored(tmp_path, criteria_text(extra=FLOORS))
    # c: 0 + 2 + 2 = 4 ≥ −10, every line ≥ 0% of its max → tot; d: −1 ≥ −10, but I.1 = −1 < 0 × 4 → under the floor
    assert results.scorecard("c").classification.id == "tot"
    d = results.scorecard("d")
    assert d.classification.id == "khac"
    assert wording.word(d.held_back[0][1]) == "under the floor of 0% of the maximum: I.1 has -1.00 of 4"


def test_a_negative_line_breaks_a_no_zero_rule_as_a_zero_does(tmp_path):
    no_zero = "classification:\n  - {id: tot, label: Tốt, min_total: -10, no_zero: [I]}\n  - {id: khac, label: Còn lại}\n"
    awards = "awards:\n  - {id: bk, label: Bằng khen, quota: 4, requires: {no_zero: [I]}}\n"
    rows = "round,unit,report_timing,late_days\nr,a,Đúng hạn,0\nr,d,,0\nr,b,Đúng hạn,0\nr,c,Đúng hạn,0\n"
    results = scored(tmp_path, criteria_text(formula="2", extra=no_zero + awards), rows)
    # d: the default 'Không nộp' → −1, 0 days → 4, I.3 = 2: −1 + 4 + 2 = 5, no line at 0 but one under it
    assert points(results, "d") == {"I.1": -1, "I.2": 4, "I.3": 2, "I": 5, "total": 5}
    d = results.scorecard("d")
    assert d.classification.id == "khac"
    assert d.held_back == ((results.criteria.classification[0], ZeroIn(("I",), ("I.1",))),)
    assert results.scorecard("a").classification.id == "tot"  # 4 + 4 + 2 = 10, every line above 0
    outcome = next(o for o in propose(results).outcomes if o.standing.unit == "d")
    assert outcome.proposed == ()  # the award's own no_zero refuses it too


def test_a_unit_and_the_council_may_give_a_table_line_its_negative_row_but_no_less(tmp_path, cli: Cli):
    # I.1's table goes down to −1 ('Không nộp'); I.2's lowest row is 0, so it stays from 0 to 4
    rows = ROWS.replace("late_days\n", "late_days,I.1.self_score,I.2.self_score\n").replace("r,d,,4", "r,d,,4,-1,0")
    path, folder = write(
        tmp_path,
        criteria_text(),
        rows.replace("r,a,Đúng hạn,0", "r,a,Đúng hạn,0,,")
        .replace("r,b,Chậm 1–3 ngày,1", "r,b,Chậm 1–3 ngày,1,-2,-1")
        .replace("r,c,Chậm trên 3 ngày,3", "r,c,Chậm trên 3 ngày,3,,"),
    )
    code, _, err = cli("validate", path, folder, "--lang", "en")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{folder / 'r.csv'}:3:5: unit b, column I.1.self_score: -2 is below -1, the criterion's lowest points",
        f"{folder / 'r.csv'}:3:6: unit b, column I.2.self_score: -1 is below 0: a criterion's points are 0 or more",
    ]
    path, folder = write(
        tmp_path,
        criteria_text(),
        rows.replace("r,a,Đúng hạn,0", "r,a,Đúng hạn,0,,")
        .replace("r,b,Chậm 1–3 ngày,1", "r,b,Chậm 1–3 ngày,1,,")
        .replace("r,c,Chậm trên 3 ngày,3", "r,c,Chậm trên 3 ngày,3,,"),
    )
    review = tmp_path / "review.yaml"
    head = (
        "format: thidua/review-1\nround: r\n"
        "meeting: {date: 10/10/2024, place: Hà Nội, chair: Ông A, secretary: Bà B, attendees: [Ông A, Bà B]}\n"
        "reviewed_by: Bà B\napproved_by: Ông A\ncorrections:\n"
    )
    review.write_text(head + "  - {unit: c, criterion: I.1, points: -2, reason: Không nộp}\n", encoding="utf-8")
    code, _, err = cli("explain", path, folder, "--decisions", review, "--unit", "d", "--lang", "vi")
    assert code == 1
    assert err.splitlines()[0] == f"{review}:7:39: corrections[0].points: hãy ghi số điểm Hội đồng chấm, từ -1 đến 4"
    review.write_text(head + "  - {unit: c, criterion: I.1, points: -1, reason: Không nộp}\n", encoding="utf-8")
    code, out, _ = cli("explain", path, folder, "--decisions", review, "--unit", "d", "--lang", "en")
    assert code == 0
    # d scored itself −1 on I.1 ('Không nộp' → −1): no difference
    assert "    - Self-scored -1 (computed − self = 0.00)" in out.splitlines()
    # the form's cell for I.1's own points takes −1 to 4; I.2's still 0 to 4
    form = tmp_path / "form.xlsx"
    assert cli("template", path, "-o", form, "--unit", "d", "--lang", "en")[0] == 0
    ws = openpyxl.load_workbook(form).worksheets[0]
    row = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    rules = {ref: r for r in ws.data_validations.dataValidation for ref in str(r.sqref).split()}
    i1, i2 = rules[f"G{row['I.1']}"], rules[f"G{row['I.2']}"]
    assert (i1.formula1, i1.formula2, i1.prompt) == ("-1", "4", "Enter the points the unit gives itself, from -1 to 4.")
    assert (i2.formula1, i2.formula2, i2.prompt) == ("0", "4", "Enter the points the unit gives itself, from 0 to 4.")


# --- a choice compared with its answer in a formula --------------------------------------------


def test_a_formula_compares_a_choice_with_its_answer_not_its_number(tmp_path):
    results = scored(tmp_path)
    # == and != by the answer: b and c (both 0, like d) are late but handed in; d's default 'Không nộp' is not
    assert [results.scorecard(u).lines[2].points for u in "abcd"] == [0, 2, 2, 0]
    d = results.scorecard("d")
    assert line_explanation(d, d.lines[2], results.cohort) == (
        f'{LATE_BUT_IN} = 2 if "Không nộp" != "Không nộp" and "Không nộp" != "Đúng hạn" else 0 = 0'
    )


def test_an_unknown_answer_in_a_formula_is_refused_with_a_caret_under_it(tmp_path):
    formula = '2 if report_timing == "Dung han" else 0'
    text = criteria_text(formula=formula)
    line, col = where(text, formula).split(":")
    offset = formula.index('"Dung')
    assert refused(tmp_path, text) == [
        f"{line}:{int(col) + offset}: groups[0].criteria[2].formula: 'Dung han' is not an answer of"
        " 'report_timing'; did you mean 'Đúng hạn'? (its answers: Đúng hạn, Chậm 1–3 ngày, Chậm trên 3 ngày, Không nộp)\n"
        f"    {formula}\n    {' ' * offset}^"
    ]


@pytest.mark.parametrize(
    ("formula", "under", "message"),
    [
        (
            '2 if late_days == "0" else 0',
            "late_days",
            "text in quotes is compared only with a choice indicator, e.g. report == \"Đúng hạn\"; 'late_days' is not one",
        ),
        ('2 if report_timing < "Đúng hạn" else 0', '"', "a choice's answer is compared only with == or !=, one at a time"),
        (
            '2 if "Đúng hạn" == report_timing == "Đúng hạn" else 0',
            '"',
            "a choice's answer is compared only with == or !=, one at a time",
        ),
        ('report_timing + "Đúng hạn"', '"', "strings are not allowed in a formula"),
    ],
)
def test_text_is_allowed_only_as_one_side_of_an_equality_with_a_choice(tmp_path, formula, under, message):
    text = criteria_text(formula=formula)
    line, col = where(text, formula).split(":")
    offset = formula.index(under)
    assert refused(tmp_path, text) == [
        f"{line}:{int(col) + offset}: groups[0].criteria[2].formula: {message}\n    {formula}\n    {' ' * offset}^"
    ]


def test_the_answer_on_the_left_and_a_corrected_answer_are_read_the_same_way(tmp_path):
    text = criteria_text(formula='2 if "Chậm trên 3 ngày" == report_timing else 0')
    results = scored(tmp_path, text)
    assert [results.scorecard(u).lines[2].points for u in "abcd"] == [0, 0, 2, 0]


# --- the criteria file without year and classification ------------------------------------------


def test_a_round_without_bands_gives_every_unit_no_band_in_json_tables_and_explanations(tmp_path, cli: Cli):
    path, folder = write(tmp_path, criteria_text())
    code, out, _ = cli("score", path, folder, "--format", "json")
    assert code == 0
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    assert [units[u]["classification"] for u in "abcd"] == [None, None, None, None]
    assert [units[u]["total"] for u in "abcd"] == ["8.00", "6.00", "4.00", "-1.00"]
    assert units["d"]["groups"] == [{"id": "I", "points": "-1.00", "max": "10"}]
    assert units["b"]["criteria"][0]["values"] == {"row": 2, "answer": "Chậm 1–3 ngày"}
    assert units["b"]["criteria"][1]["values"] == {"row": 2, "from": "1", "to": "3"}
    assert [units[u]["criteria"][0]["inputs"]["report_timing"] for u in "bd"] == [
        {"value": "0", "answer": "Chậm 1–3 ngày", "evidence": None, "source": "reported"},
        {"value": "0", "answer": "Không nộp", "evidence": None, "source": "default"},
    ]
    code, out, _ = cli("explain", path, folder, "--unit", "d", "--lang", "vi")
    assert code == 0
    assert out.splitlines()[:5] == [
        "Đơn vị D (d): -1,00 / 10",
        "- I. Báo cáo: -1,00 / 10",
        f"  - I.1 Nộp báo cáo năm: -1,00 / 4  [table, {path}:{where(criteria_text(), '{id: I.1').split(':')[0]}]",
        "    - report_timing (Nộp báo cáo năm) = Không nộp (0) (giá trị mặc định theo tiêu chí)",
        "    - report_timing = Không nộp → dòng 4 của bảng: -1 điểm",
    ]
    assert "Xếp loại:" not in out
    code, out, _ = cli("rank", path, folder, "--format", "md")
    assert code == 0
    assert "- 4. Đơn vị D (d): -1.00" in out
    code, out, _ = cli("rank", path, folder, "--format", "json")
    assert [u["classification"] for u in json.loads(out)["units"]] == [None, None, None, None]


def test_a_round_without_year_or_bands_goes_through_review_minutes_report_and_export(tmp_path, cli: Cli):
    path, folder = write(tmp_path, criteria_text())
    review = tmp_path / "review.yaml"
    review.write_text(
        "format: thidua/review-1\nround: r\n"
        "meeting: {date: 10/10/2024, place: Hà Nội, chair: Ông A, secretary: Bà B, attendees: [Ông A, Bà B]}\n"
        "reviewed_by: Bà B\napproved_by: Ông A\n"
        "corrections:\n  - {unit: d, indicator: report_timing, value: Chậm trên 3 ngày, reason: Có công văn}\n",
        encoding="utf-8",
    )
    record = tmp_path / "record.json"
    assert cli("review", path, folder, "--decisions", review, "-o", record)[0] == 0
    # d corrected to 'Chậm trên 3 ngày' (0, as 'Không nộp' is): its row 3 gives 0, and I.3 now 2: 0 + 0 + 2 = 2
    units = {u["unit"]: u for u in json.loads(record.read_text(encoding="utf-8"))["scores"]["units"]}
    assert (units["d"]["total"], units["d"]["classification"]) == ("2.00", None)
    minutes = tmp_path / "minutes.md"
    assert cli("minutes", record, "-o", minutes)[0] == 0
    written = minutes.read_text(encoding="utf-8")
    assert "| 4 | Đơn vị D | 2.00 | 2.00 | — | — | — |" in written
    assert "indicator report\\_timing (used by criteria I.1, I.3): the value is corrected to Chậm trên 3 ngày (0)" in written
    report = tmp_path / "report.html"
    assert cli("report", path, folder, "--decisions", review, "-o", report, "--lang", "en")[0] == 0
    assert "round r · scale 10 · 4 units" in report.read_text(encoding="utf-8")
    table = tmp_path / "table.csv"
    assert cli("export", path, folder, "-o", table, "--lang", "en")[0] == 0
    assert table.read_text(encoding="utf-8-sig").splitlines()[4] == "d,Đơn vị D,-1.00,-1.00,0.00,0.00,-1.00,4,—,,,,"


def test_an_award_cannot_require_a_band_of_a_round_without_bands(tmp_path):
    text = criteria_text(extra="awards:\n  - {id: giay-khen, label: Giấy khen, quota: 1, requires: {classification: [tot]}}\n")
    assert refused(tmp_path, text) == [
        f"{where(text, '{classification: [tot]}', 0).split(':')[0]}:{int(where(text, '[tot]').split(':')[1])}:"
        " awards[0].requires.classification: the round has no classification bands to require: declare classification,"
        " or leave this out"
    ]


# --- hints for what people write ----------------------------------------------------------------


def test_a_decimal_comma_in_a_max_shows_the_number_with_a_dot(tmp_path):
    text = criteria_text().replace(
        f"      - {{id: I.3, label: Chậm mà có nộp, max: 2, formula: '{LATE_BUT_IN}'}}",
        f"      - id: I.3\n        label: Chậm mà có nộp\n        max: 2,0\n        formula: '{LATE_BUT_IN}'",
    )
    assert refused(tmp_path, text) == [
        f"{where(text, '2,0')}: groups[0].criteria[2].max: expected a number, got the text '2,0': write 2.0"
        " (in this file the dot is the decimal point)"
    ]


def test_a_percentage_where_a_band_wants_a_number_shows_both_readings(tmp_path):
    text = criteria_text(days="[{from: 0, to: 0, points: 4}, {from: 1, points: 0}]").replace(
        "method: table, of: late_days, table: [{from: 0, to: 0, points: 4}, {from: 1, points: 0}]",
        "method: bands, of: late_days, bands: [{from: 0, points: 4}, {from: 2.5%, points: 0}]",
    )
    assert refused(tmp_path, text) == [
        f"{where(text, '2.5%')}: groups[0].criteria[1].bands[1].from: expected a number, got the text '2.5%':"
        " write 2.5 or 0.025 as the table means it (a plain number, without '%')"
    ]


def bands_text(bands: str) -> str:
    return criteria_text().replace(
        f"method: table, of: late_days, table: {DAYS}", f"method: bands, of: late_days, bands: {bands}"
    )


def test_bands_written_from_the_top_down_score_as_the_same_bands_rising(tmp_path):
    rising = scored(tmp_path, bands_text("[{from: 0, points: 4}, {from: 1, points: 2}, {from: 4, points: 0}]"))
    falling = scored(tmp_path, bands_text("[{from: 4, points: 0}, {from: 1, points: 2}, {from: 0, points: 4}]"))
    # 0 days → 4; 1 and 3 days → 2; 4 days → 0, however the table lists them
    assert [falling.scorecard(u).lines[1].points for u in "abcd"] == [4, 2, 2, 0]
    assert falling.criteria.criteria[1].bands == rising.criteria.criteria[1].bands


def test_bands_in_mixed_order_stay_an_error(tmp_path):
    text = bands_text("[{from: 1, points: 2}, {from: 4, points: 0}, {from: 0, points: 4}]")
    assert refused(tmp_path, text) == [
        f"{where(text, '0, points: 4')}: groups[0].criteria[1].bands[2].from: bands must be listed with 'from' rising"
    ]


@pytest.mark.parametrize(
    ("when", "under", "hint"),
    [
        ("I.2 > 1", "I.2", "'I.2' is a criterion; a formula reads its points as points(\"I.2\")"),
        ("late_days > 1 and I.2 < 2", "I.2", "'I.2' is a criterion; a formula reads its points as points(\"I.2\")"),
        ("I < 5", "I", "'I' is a group; a formula reads its points as group_points(\"I\")"),
        # the parser stops at the 'if' (it wants an 'else' after 'I'), not at the id: the hint still finds it
        ("1 if I.2 < 1 else 0", "I.2", "'I.2' is a criterion; a formula reads its points as points(\"I.2\")"),
        ('report_timing == "I.2" or I.2 < 1', "I.2 <", "'I.2' is a criterion; a formula reads its points as points(\"I.2\")"),
    ],
)
def test_a_formula_that_names_a_criterion_or_a_group_says_how_to_read_its_points(tmp_path, when, under, hint):
    text = criteria_text(extra=f"disqualifiers:\n  - {{id: kem, label: Kém, when: '{when}'}}\n")
    line, col = where(text, when).split(":")
    offset = when.index(under)
    assert refused(tmp_path, text) == [
        f"{line}:{int(col) + offset}: disqualifiers[0].when: {hint}\n    {when}\n    {' ' * offset}^"
    ]


def test_a_criterion_id_that_is_a_name_gets_the_same_hint(tmp_path):
    text = criteria_text().replace("{id: I.3,", "{id: tre,") + "disqualifiers:\n  - {id: kem, label: Kém, when: 'tre < 1'}\n"
    line, col = where(text, "tre < 1").split(":")
    assert refused(tmp_path, text) == [
        f"{line}:{col}: disqualifiers[0].when: 'tre' is a criterion; a formula reads its points as points(\"tre\")\n"
        "    tre < 1\n    ^"
    ]


def test_a_disqualifier_in_a_round_without_bands_blocks_awards_only(tmp_path):
    text = criteria_text(
        extra="awards:\n  - {id: giay-khen, label: Giấy khen, quota: 1}\n"
        "disqualifiers:\n  - {id: khong-nop, label: Không nộp báo cáo, when: 'report_timing == \"Không nộp\"'}\n"
    )
    results = scored(tmp_path, text)
    assert results.criteria.disqualifiers[0].blocks == ("giay-khen",)
    assert [d.id for d in results.scorecard("d").disqualified] == ["khong-nop"]
    assert results.scorecard("d").held_back == ()


def test_diff_shows_a_changed_row_of_a_table(tmp_path, cli: Cli):
    old, _ = write(tmp_path, criteria_text())
    new = tmp_path / "new.yaml"
    new.write_text(criteria_text(days="[{from: 0, to: 0, points: 4}, {from: 1, points: 1}]"), encoding="utf-8")
    code, out, _ = cli("diff", old, new, "--lang", "en")
    assert code == 0
    assert out.splitlines()[2:] == [
        "Criteria",
        "  ~ I.2 Số ngày chậm: table 0 to 0: 4, 1 to 3: 2, ≥4: 0 → 0 to 0: 4, ≥1: 1",
    ]


def test_whatif_carries_each_choice_with_its_answer(tmp_path, cli: Cli):
    path, folder = write(tmp_path, criteria_text())
    code, out, _ = cli("whatif", "--old", path, "--criteria", path, folder, "--format", "json")
    assert code == 0
    # the same round under itself: every unit keeps its total, d's default 'Không nộp' included (−1)
    after = {u["unit"]: u["new"]["total"] for u in json.loads(out)["units"]}
    assert after == {"a": "8.00", "b": "6.00", "c": "4.00", "d": "-1.00"}


def test_the_table_errors_and_the_hints_read_in_vietnamese(tmp_path):
    text = criteria_text(
        timing='{Đúng hạn: 4, "Chậm 1–3 ngày": 2}', extra="disqualifiers:\n  - {id: kem, label: Kém, when: 'I.2 > 1'}\n"
    )
    with wording.use("vi"):
        said = refused(tmp_path, text)
    assert said == [
        f"{where(text, '{Đúng hạn: 4')}: groups[0].criteria[0].table: bảng chưa cho điểm 'Chậm trên 3 ngày', 'Không nộp':"
        " mỗi phương án trả lời của 'report_timing' cần một dòng",
        f"{where(text, 'I.2 > 1')}: disqualifiers[0].when: 'I.2' là một tiêu chí; công thức đọc điểm của nó bằng"
        ' points("I.2")\n    I.2 > 1\n    ^',
    ]


def test_the_row_is_counted_as_the_table_lists_it(tmp_path):
    timing = '{Không nộp: -1, "Chậm trên 3 ngày": 0, "Chậm 1–3 ngày": 2, Đúng hạn: 4}'  # the worst first
    results = scored(tmp_path, criteria_text(timing=timing))
    assert [results.scorecard(u).lines[0].facts for u in "ab"] == [
        TableFacts(4, "Đúng hạn", None, None),
        TableFacts(3, "Chậm 1–3 ngày", None, None),
    ]
    assert [results.scorecard(u).lines[0].points for u in "abcd"] == [4, 2, 0, -1]


def test_a_derived_value_is_read_by_ranges(tmp_path):
    text = criteria_text(days="[{from: 0, to: 1, points: 4}, {from: 1.5, points: 1}]")
    text = text.replace("of: late_days", "of: weeks_late").replace(
        "groups:\n", "derived:\n  weeks_late: late_days / 2\ngroups:\n"
    )
    results = scored(tmp_path, text)
    # weeks_late = days / 2: a 0 → row 1; b 0.5 → row 1; c 1.5 → row 2 starts; d 2 → row 2
    assert [results.scorecard(u).lines[1].points for u in "abcd"] == [4, 4, 1, 1]
    assert results.scorecard("c").lines[1].facts == TableFacts(2, None, Decimal("1.5"), None)


def test_the_bundled_health_department_round_has_no_year_no_bands_and_its_bands_top_down(cli):
    criteria = ROOT / "criteria/tp-da-nang/so-yte/2024.yaml"
    loaded = load_criteria(criteria)
    assert (loaded.year, loaded.classification) == (None, ())
    inspected = next(c for c in loaded.criteria if c.id == "II.2")
    assert [(b.start, b.points) for b in inspected.bands] == [(0, 0), (80, 10), (95, 20)]  # written 95, 80, 0: turned
    code, out, _ = cli("score", criteria, ROOT / "examples/tp-da-nang/so-yte/2024", "--format", "json")
    assert code == 0
    assert {u["classification"] for u in json.loads(out)["units"]} == {None}
