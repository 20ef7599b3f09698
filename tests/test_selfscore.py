"""Tự chấm điểm per criterion: a unit's own points and explanation per line (YAML, CSV, the xlsx form), checked,
and shown against the computed points in explain, score, the report and the form."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from scoring import wording
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import evaluate
from scoring.selfscore import LineGap, SelfScoresDisagree, disagreement, gaps
from scoring.spreadsheet import template_csv, template_xlsx
from scoring.submissions import SelfScore, load_submissions
from tests.shared import Cli, at, one_problem

CRITERIA = """\
format: thidua/1
id: r-2024
title: Vòng thử
year: 2024
scale: 20
units: {a: {name: Hội CCB A}, b: {name: Hội CCB B}}
indicators:
  plan_on_time: {label: Kế hoạch đúng hạn, type: boolean}
  houses: {label: Nhà tạm được xóa, unit: nhà, type: integer, min: 0}
  sessions: {label: Buổi tuyên truyền, unit: buổi, type: integer, min: 0}
groups:
  - id: I
    label: Nhóm I
    max: 20
    criteria:
      - {id: I.1, label: Kế hoạch, max: 5, method: achieved, of: plan_on_time}
      - {id: I.2, label: Xóa nhà tạm, max: 10, method: per_item, of: houses, points_each: 0.5}
      - {id: I.3, label: Tuyên truyền, max: 5, method: bands, of: sessions,
         bands: [{from: 0, points: 0}, {from: 10, points: 3}, {from: 20, points: 5}]}
classification:
  - {id: dat, label: Đạt}
"""

# a: I.1 = 5 (plan on time); I.2 = 17 × 0.5 = 8.50; I.3 = 12 sessions reach the band from 10 → 3.00; total 16.50.
A = """\
round: r-2024
unit: a
self_score: 18
values: {plan_on_time: true, houses: 17, sessions: 12}
self_scores:
  I.1: {points: 5, explanation: "Kế hoạch số 12/KH-CCB ngày 5/1/2024"}
  I.2: 10
  I.3: "3,5"
"""
HEAD = A.split("self_scores:", maxsplit=1)[0]  # a's submission up to its self_scores
B = """\
round: r-2024
unit: b
values: {plan_on_time: false, houses: 4, sessions: 25}
"""


@pytest.fixture
def criteria(tmp_path: Path) -> Criteria:
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    return load_criteria(path)


def folder(tmp_path: Path, a: str = A, b: str = B) -> Path:
    found = tmp_path / "submissions"
    found.mkdir(exist_ok=True)
    (found / "a.yaml").write_text(a, encoding="utf-8")
    (found / "b.yaml").write_text(b, encoding="utf-8")
    return found


def problems(criteria: Criteria, *paths: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_submissions(criteria, list(paths))
    return [str(p) for p in caught.value.problems]


# --- Reading


def test_yaml_self_scores_are_read_per_criterion_with_vietnamese_numbers(tmp_path, criteria):
    a, b = load_submissions(criteria, [folder(tmp_path)])
    file = str(tmp_path / "submissions/a.yaml")
    assert a.self_scores == {
        "I.1": SelfScore(Decimal(5), "Kế hoạch số 12/KH-CCB ngày 5/1/2024", f"{file}:6"),
        "I.2": SelfScore(Decimal(10), None, f"{file}:7"),
        "I.3": SelfScore(Decimal("3.5"), None, f"{file}:8"),  # "3,5" read the Vietnamese way
    }
    assert (a.self_score, b.self_scores) == (Decimal(18), {})


@pytest.mark.parametrize(
    ("entry", "needle", "message"),
    [
        ("I.22: 3", "I.22", "self_scores.I.22: unknown criterion 'I.22'; did you mean 'I.2'?"),
        ("I.2: 10.5", "10.5", "self_scores.I.2: 10.5 is above the criterion's maximum 10"),
        ("I.2: -1", "-1", "self_scores.I.2: -1 is below 0: a criterion's points are 0 or more"),
        ("I.2: có", "có", "self_scores.I.2: 'có' is not a number"),
        ("I.2: {points: 2, note: x}", "x}", "self_scores.I.2: unknown key 'note' (give points and explanation)"),
        ("I.2: {points: 2, explanation: 5}", "5}", "self_scores.I.2.explanation: give the explanation as text"),
    ],
)
def test_a_wrong_self_score_is_a_located_problem(tmp_path, criteria, entry, needle, message):
    text = HEAD + f"self_scores:\n  {entry}\n"
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    line, col = at(text, needle) if needle != "I.22" else at(text, "3\n")
    assert problems(criteria, path) == [f"{path}:{line}:{col}: {message}"]


def test_the_maximum_itself_is_a_valid_self_score(tmp_path, criteria):
    # 10 = I.2's max: accepted; 0 too
    text = HEAD + "self_scores: {I.2: 10, I.1: 0}\n"
    a, _ = load_submissions(criteria, [folder(tmp_path, a=text)])
    assert {k: v.points for k, v in a.self_scores.items()} == {"I.2": Decimal(10), "I.1": Decimal(0)}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


CSV = """\
round,unit,plan_on_time,houses,sessions,self_score,I.1.self_score,I.1.explanation,I.2.self_score,I.3.self_score
r-2024,a,có,17,12,18,5,Kế hoạch số 12/KH-CCB ngày 5/1/2024,10,"3,5"
r-2024,b,không,4,25,,,,,
"""


def test_csv_self_score_columns_give_the_same_submission_as_yaml(tmp_path, criteria):
    table = _write(tmp_path / "round.csv", CSV)
    a, b = load_submissions(criteria, [table])
    assert {k: (v.points, v.explanation) for k, v in a.self_scores.items()} == {
        "I.1": (Decimal(5), "Kế hoạch số 12/KH-CCB ngày 5/1/2024"),
        "I.2": (Decimal(10), None),
        "I.3": (Decimal("3.5"), None),
    }
    assert b.self_scores == {}
    yaml_a, _ = load_submissions(criteria, [folder(tmp_path)])
    assert {k: v.points for k, v in a.self_scores.items()} == {k: v.points for k, v in yaml_a.self_scores.items()}


def test_csv_self_score_columns_are_checked(tmp_path, criteria):
    unknown = _write(tmp_path / "u.csv", "round,unit,plan_on_time,I.4.self_score\nr-2024,a,có,1\n")
    said = "column 'I.4.self_score': unknown criterion 'I.4'; did you mean 'I.3'?"
    assert problems(criteria, unknown) == [f"{unknown}:1:4: {said}"]
    high = _write(tmp_path / "h.csv", 'round,unit,plan_on_time,I.1.self_score\nr-2024,a,có,"5,5"\n')
    assert problems(criteria, high) == [f"{high}:2:4: unit a, column I.1.self_score: 5.5 is above the criterion's maximum 5"]


def test_the_csv_template_has_a_self_score_and_an_explanation_column_per_criterion(criteria):
    header = template_csv(criteria).decode("utf-8-sig").splitlines()[0].split(",")
    assert header[-6:] == [f"{c}.{kind}" for c in ("I.1", "I.2", "I.3") for kind in ("self_score", "explanation")]


# --- The xlsx form


def _form(tmp_path: Path, criteria: Criteria) -> Path:
    with wording.use("vi"):
        path = tmp_path / "form.xlsx"
        path.write_bytes(template_xlsx(criteria, "a"))
    return path


def test_the_form_lists_each_criterion_with_its_maximum_and_cells_for_the_self_score(tmp_path, criteria):
    book = openpyxl.load_workbook(_form(tmp_path, criteria))
    ws = book["Chỉ tiêu"]
    # rows 7-9: the three indicators; row 10 empty; row 11 the section's headings; rows 12-14 the criteria
    assert ws["A10"].value is None
    assert [c.value for c in ws[11]] == [
        "Mã tiêu chí",
        "Tiêu chí",
        "Điểm tối đa",
        None,
        None,
        None,
        "Điểm tự chấm",
        "Diễn giải (căn cứ tự chấm)",
    ]
    listed = [[c.value for c in ws[r]][:3] for r in (12, 13, 14)]
    assert listed == [["I.1", "Kế hoạch", 5], ["I.2", "Xóa nhà tạm", 10], ["I.3", "Tuyên truyền", 5]]
    unlocked = {c.coordinate for row in ws.iter_rows(min_row=10, max_row=14) for c in row if not c.protection.locked}
    assert unlocked == {f"{col}{r}" for r in (12, 13, 14) for col in "GH"}
    rules = {str(r.sqref): (r.type, r.operator, r.formula1, r.formula2, r.error) for r in ws.data_validations.dataValidation}
    assert rules["G13"] == ("decimal", "between", "0", "10", "Nhập điểm đơn vị tự chấm, từ 0 đến 10.")


def test_a_filled_form_reads_back_the_self_scores_as_the_yaml_does(tmp_path, criteria):
    form = _form(tmp_path, criteria)
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    ws["G4"], ws["G7"], ws["G8"], ws["G9"] = 18, "có", 17, 12
    ws["G12"], ws["H12"], ws["G13"], ws["G14"] = 5, "Kế hoạch số 12/KH-CCB ngày 5/1/2024", 10, "3,5"
    book.save(form)
    (a,) = load_submissions(criteria, [form, _write(tmp_path / "b.yaml", B)])[:1]
    yaml_a, _ = load_submissions(criteria, [folder(tmp_path)])
    assert {k: (v.points, v.explanation) for k, v in a.self_scores.items()} == {
        k: (v.points, v.explanation) for k, v in yaml_a.self_scores.items()
    }
    assert wording.word(a.self_scores["I.2"].source) == f"{form}:13 (sheet Chỉ tiêu, cell G13)"


def test_a_wrong_self_score_in_the_form_is_named_by_its_cell(tmp_path, criteria):
    form = _form(tmp_path, criteria)
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    ws["G7"], ws["G8"], ws["G9"], ws["G13"] = "có", 17, 12, 11
    book.save(form)
    assert problems(criteria, form) == [
        f"{form}:13:7: sheet Chỉ tiêu, cell G13: self_scores.I.2: 11 is above the criterion's maximum 10"
    ]


def test_an_unknown_criterion_in_the_forms_section_is_named_by_its_id_cell(tmp_path, criteria):
    form = _form(tmp_path, criteria)
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    ws.protection.sheet = False
    ws["G7"], ws["G8"], ws["G9"], ws["A14"], ws["G14"] = "có", 17, 12, "I.4", 2
    book.save(form)
    assert problems(criteria, form) == [
        f"{form}:14:1: sheet Chỉ tiêu, cell A14: self_scores.I.4: unknown criterion 'I.4'; did you mean 'I.3'?"
    ]


def test_a_form_made_before_the_self_scoring_section_still_reads(tmp_path, criteria):
    form = _form(tmp_path, criteria)
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    ws.delete_rows(10, 5)  # the section and the empty row above it: the form as it was made before
    ws["G7"], ws["G8"], ws["G9"] = "có", 17, 12
    book.save(form)
    (a,) = load_submissions(criteria, [form, _write(tmp_path / "b.yaml", B)])[:1]
    assert (a.values["houses"].value, a.self_scores) == (Decimal(17), {})


# --- Self against computed


def test_the_lines_that_differ_most_come_first_then_in_the_criteria_order(tmp_path, criteria):
    # I.1 = 5, own 4 → +1; I.2 = 8.50, own 9.5 → −1; I.3 = 3.00, own 2 → +1: all |1|, so in the criteria's order
    text = HEAD + "self_scores: {I.3: 2, I.2: 9.5, I.1: 4}\n"
    results = evaluate(criteria, load_submissions(criteria, [folder(tmp_path, a=text)]))
    card = results.scorecard("a")
    assert gaps(card) == (
        LineGap("I.1", Decimal(4), Decimal("5.00"), Decimal("1.00")),
        LineGap("I.2", Decimal("9.5"), Decimal("8.50"), Decimal("-1.00")),
        LineGap("I.3", Decimal(2), Decimal("3.00"), Decimal("1.00")),
    )
    assert [g.criterion for g in gaps(card, 2)] == ["I.1", "I.2"]
    # 4 + 9.5 + 2 = 15.5, not the self_score 18
    assert disagreement(card) == SelfScoresDisagree(Decimal("15.5"), Decimal(18))


def test_a_line_scored_as_computed_is_no_gap_and_lines_that_add_up_are_no_note(tmp_path, criteria):
    # 5 + 8.5 + 3 = 16.5 = self_score: no note; every line equal: no gap
    text = "round: r-2024\nunit: a\nself_score: 16.5\nvalues: {plan_on_time: true, houses: 17, sessions: 12}\n"
    text += "self_scores: {I.1: 5, I.2: 8.5, I.3: 3}\n"
    card = evaluate(criteria, load_submissions(criteria, [folder(tmp_path, a=text)])).scorecard("a")
    assert (gaps(card), disagreement(card)) == ((), None)


def test_explain_shows_self_against_computed_per_line_and_the_lines_that_differ_most(tmp_path, cli: Cli):
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    code, out, err = cli("explain", path, folder(tmp_path), "--unit", "a", "--lang", "vi")
    assert (code, err) == (0, "")
    lines = [line.strip().removeprefix("- ") for line in out.splitlines()]
    assert "Tự chấm 5 (điểm tính − tự chấm = 0,00); diễn giải: Kế hoạch số 12/KH-CCB ngày 5/1/2024" in lines
    assert "Tự chấm 10 (điểm tính − tự chấm = −1,50)" in lines
    assert lines[-3:] == [
        "Tự chấm 18; điểm tính − tự chấm = −1,50",
        "Điểm tự chấm từng tiêu chí cộng lại được 18,5, khác tổng điểm tự chấm 18",
        "Các tiêu chí có điểm tự chấm chênh nhiều nhất: I.2 (tự chấm 10, tính được 8,50, chênh −1,50);"
        " I.3 (tự chấm 3,5, tính được 3,00, chênh −0,50)",
    ]


def test_score_json_carries_each_criterions_self_score_and_explanation_or_null(tmp_path, cli: Cli):
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    code, out, _ = cli("score", path, folder(tmp_path), "--format", "json")
    assert code == 0
    a, b = json.loads(out)["units"]
    assert [(c["id"], c["points"], c["self_score"], c["self_explanation"]) for c in a["criteria"]] == [
        ("I.1", "5.00", "5", "Kế hoạch số 12/KH-CCB ngày 5/1/2024"),
        ("I.2", "8.50", "10", None),
        ("I.3", "3.00", "3.5", None),
    ]
    assert [(c["self_score"], c["self_explanation"]) for c in b["criteria"]] == [(None, None)] * 3
    assert [(g["code"], g["params"]) for g in a["self_score_gaps"]] == [
        ("line_gap", {"criterion": "I.2", "own": "10", "computed": "8.50", "difference": "-1.50"}),
        ("line_gap", {"criterion": "I.3", "own": "3.5", "computed": "3.00", "difference": "-0.50"}),
    ]
    assert a["self_score_gaps"][0]["text"] == "I.2 (self-scored 10, computed 8.50, difference −1.50)"
    assert [n["code"] for n in a["self_score_notes"]] == ["self_scores_disagree"]
    assert (b["self_score_gaps"], b["self_score_notes"]) == ([], [])


def test_the_report_shows_self_against_computed(tmp_path, cli: Cli):
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = cli("report", path, folder(tmp_path), "-o", report, "--lang", "vi")
    assert (code, err) == (0, "")
    html = report.read_text(encoding="utf-8")
    assert "Tự chấm 10 (điểm tính − tự chấm = −1,50)" in html
    assert "I.2 (tự chấm 10, tính được 8,50, chênh −1,50)" in html


def test_an_unknown_criterion_in_self_scores_stops_the_cli(tmp_path, cli: Cli):
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    text = A.replace("  I.2: 10\n", "  I.9: 10\n")
    code, out, err = cli("score", path, folder(tmp_path, a=text))
    line, col = at(text, "10\n  I.3")
    file = tmp_path / "submissions/a.yaml"
    said = "self_scores.I.9: unknown criterion 'I.9'; did you mean 'I.3'?"
    assert (code, out, err) == (1, "", one_problem(f"{file}:{line}:{col}: {said}"))
