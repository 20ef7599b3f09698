"""Evidence required (căn cứ: số, ký hiệu, ngày ban hành): a value reported without it is a located problem, or, where
the criteria say if_no_evidence: no_points, a value that scores nothing, said on every line that reads it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from scoring import wording
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import NeedsValue, NoPoints, WithoutEvidence, evaluate
from scoring.review import corrected, load_review
from scoring.spreadsheet import template_xlsx
from scoring.submissions import load_submissions
from tests.shared import Cli, at, one_problem

# plan_on_time requires evidence; houses too, through the round; sessions is exempted; late_reports has a default.
CRITERIA = """\
format: thidua/1
id: r-2024
title: Vòng thử
year: 2024
scale: 20
evidence: required{mode}
units: {{a: {{name: Hội CCB A}}}}
indicators:
  plan_on_time: {{label: Kế hoạch đúng hạn, type: boolean}}
  houses: {{label: Nhà tạm được xóa, unit: nhà, type: integer, min: 0}}
  sessions: {{label: Buổi tuyên truyền, unit: buổi, type: integer, min: 0, evidence: optional}}
  late_reports: {{label: Nộp báo cáo chậm, unit: lần, type: integer, min: 0, default: 0}}
derived:
  houses_half: houses / 2
groups:
  - id: I
    label: Nhóm I
    max: 20
    criteria:
      - {{id: I.1, label: Kế hoạch, max: 5, method: achieved, of: plan_on_time}}
      - {{id: I.2, label: Xóa nhà tạm, max: 10, formula: "houses_half"}}
      - {{id: I.3, label: Tuyên truyền, max: 5, method: bands, of: sessions,
         bands: [{{from: 0, points: 0}}, {{from: 10, points: 3}}]}}
adjustments:
  - {{id: thuong, label: Thưởng xóa nhà, kind: bonus, formula: "houses * 0.1", cap: 2}}
  - {{id: cham, label: Nộp chậm, kind: deduction, formula: "late_reports * 0.5", cap: 2}}
classification:
  - {{id: dat, label: Đạt}}
"""

A = """\
round: r-2024
unit: a
values:
  plan_on_time: {value: có, evidence: Kế hoạch số 12/KH-CCB ngày 5/1/2024}
  houses: 17
  sessions: 12
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def round_files(tmp_path: Path, mode: str = "", a: str = A) -> tuple[Path, Path]:
    criteria = write(tmp_path / "criteria.yaml", CRITERIA.format(mode=mode))
    folder = tmp_path / "submissions"
    folder.mkdir(exist_ok=True)
    write(folder / "a.yaml", a)
    return criteria, folder


NO_POINTS = "\nif_no_evidence: no_points"


def problems(criteria: Criteria, *paths: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_submissions(criteria, list(paths))
    return [str(p) for p in caught.value.problems]


# --- Required: a value without evidence is an error


def test_a_value_without_its_required_evidence_stops_the_cli_with_its_file_line_unit_and_indicator(tmp_path, cli: Cli):
    criteria, folder = round_files(tmp_path)
    code, out, err = cli("score", criteria, folder)
    line, col = at(A, "17")
    message = (
        f"{folder / 'a.yaml'}:{line}:{col}: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    )
    assert (code, out, err) == (1, "", one_problem(message))


def test_the_error_is_worded_in_vietnamese(tmp_path, cli: Cli):
    criteria, folder = round_files(tmp_path)
    code, _, err = cli("score", criteria, folder, "--lang", "vi")
    line, col = at(A, "17")
    message = (
        f"{folder / 'a.yaml'}:{line}:{col}: đơn vị a, chỉ tiêu houses: chưa ghi căn cứ;"
        " bộ tiêu chí yêu cầu căn cứ (văn bản, số, ký hiệu, ngày ban hành) cho giá trị này"
    )
    assert code == 1
    assert err.splitlines()[0] == message


def test_blank_evidence_is_no_evidence_and_an_exempted_indicator_or_a_default_needs_none(tmp_path):
    # houses' evidence is blank: refused; sessions is `evidence: optional`; late_reports is its default, 0
    text = A.replace("  houses: 17", '  houses: {value: 17, evidence: "  "}')
    criteria_path, folder = round_files(tmp_path, a=text)
    criteria = load_criteria(criteria_path)
    line, col = at(text, "17")
    assert problems(criteria, folder) == [
        f"{folder / 'a.yaml'}:{line}:{col}: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    ]
    fixed = A.replace("  houses: 17", "  houses: {value: 17, evidence: Báo cáo số 7/BC-CCB}")
    write(folder / "a.yaml", fixed)
    (card,) = evaluate(criteria, load_submissions(criteria, [folder])).scorecards
    assert (card.values["sessions"], card.values["late_reports"]) == (12, 0)


def test_a_csv_value_without_evidence_is_named_by_its_evidence_cell(tmp_path):
    criteria = load_criteria(write(tmp_path / "criteria.yaml", CRITERIA.format(mode="")))
    table = write(
        tmp_path / "round.csv",
        "round,unit,plan_on_time,plan_on_time.evidence,houses,houses.evidence,sessions\nr-2024,a,có,KH số 12,17,,12\n",
    )
    assert problems(criteria, table) == [
        f"{table}:2:6: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    ]
    no_column = write(tmp_path / "bare.csv", "round,unit,plan_on_time,plan_on_time.evidence,houses\nr-2024,a,có,KH số 12,17\n")
    assert problems(criteria, no_column) == [
        f"{no_column}:2:5: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    ]


def test_a_form_value_without_evidence_is_named_by_its_sheet_and_cell(tmp_path):
    criteria = load_criteria(write(tmp_path / "criteria.yaml", CRITERIA.format(mode="")))
    form = tmp_path / "form.xlsx"
    with wording.use("vi"):
        form.write_bytes(template_xlsx(criteria, "a"))
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    ws["G7"], ws["H7"], ws["G8"], ws["G9"] = "có", "KH số 12", 17, 12
    book.save(form)
    assert problems(criteria, form) == [
        f"{form}:8:8: sheet Chỉ tiêu, cell H8: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    ]


def test_the_form_marks_the_evidence_cells_the_criteria_require(tmp_path):
    criteria = load_criteria(write(tmp_path / "criteria.yaml", CRITERIA.format(mode="")))
    with wording.use("vi"):
        ws = openpyxl.load_workbook(_saved(tmp_path, template_xlsx(criteria, "a")))["Chỉ tiêu"]
    prompts = {str(r.sqref): (r.type, r.prompt) for r in ws.data_validations.dataValidation if r.type == "textLength"}
    # rows 7, 8 and 10: plan_on_time, houses and late_reports (when it is reported) require it; 9 (sessions) does not
    assert prompts == {"H7 H8 H10": ("textLength", "Bắt buộc ghi căn cứ cho giá trị này: văn bản, số, ký hiệu, ngày ban hành.")}
    assert [ws[f"H{r}"].fill.fgColor.rgb for r in (7, 8, 9, 10)] == ["00F8CBAD", "00F8CBAD", "00FFF2CC", "00F8CBAD"]


def _saved(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "form.xlsx"
    path.write_bytes(raw)
    return path


def test_if_no_evidence_on_an_indicator_that_needs_none_is_refused(tmp_path, cli: Cli):
    text = CRITERIA.format(mode="").replace("evidence: optional}", "evidence: optional, if_no_evidence: no_points}")
    criteria = write(tmp_path / "criteria.yaml", text)
    code, _, err = cli("validate", criteria)
    line, col = at(text, "no_points}")
    message = (
        "indicators.sessions.if_no_evidence: if_no_evidence is only for an indicator that requires evidence (evidence: required)"
    )
    assert (code, err) == (1, one_problem(f"{criteria}:{line}:{col}: {message}"))


# --- if_no_evidence: no_points


def test_without_evidence_every_line_reading_the_value_scores_no_points_and_says_why(tmp_path):
    criteria_path, folder = round_files(tmp_path, NO_POINTS)
    criteria = load_criteria(criteria_path)
    (card,) = evaluate(criteria, load_submissions(criteria, [folder])).scorecards
    source = f"{folder / 'a.yaml'}:5"
    assert card.absent["houses"] == WithoutEvidence(source)
    assert card.absent["houses_half"] == NeedsValue("houses", WithoutEvidence(source))
    # I.1 = 5 (its evidence is given); I.2 reads houses_half ← houses: 0; I.3: 12 ≥ 10 → 3; thuong reads houses: 0
    points = {line.criterion.id: (line.points, line.notes) for line in card.lines}
    assert points == {
        "I.1": (5, ()),
        "I.2": (0, (NoPoints("houses_half", NeedsValue("houses", WithoutEvidence(source))),)),
        "I.3": (3, ()),
    }
    assert [(a.adjustment.id, a.points, a.notes) for a in card.adjustments] == [
        ("thuong", 0, (NoPoints("houses", WithoutEvidence(source)),)),
        ("cham", 0, ()),  # late_reports: its default 0 needs no evidence; 0 × 0.5 = 0
    ]
    assert card.total == 8  # 5 + 0 + 3 + 0 − 0


def test_the_no_points_variant_is_explained_in_words(tmp_path, cli: Cli):
    criteria, folder = round_files(tmp_path, NO_POINTS)
    code, out, err = cli("explain", criteria, folder, "--unit", "a", "--lang", "vi")
    assert (code, err) == (0, "")
    lines = [line.strip().removeprefix("- ") for line in out.splitlines()]
    source = f"{folder / 'a.yaml'}:5"
    assert (
        f"'houses_half' cần 'houses', giá trị này không có căn cứ (văn bản, số hiệu) [{source}]:"
        " không tính điểm (if_no_evidence: no_points)"
    ) in lines
    assert (
        f"không có căn cứ (văn bản, số hiệu) cho giá trị 'houses' [{source}]: không tính điểm (if_no_evidence: no_points)"
        in lines
    )
    code, out, _ = cli("score", criteria, folder, "--format", "json")
    (unit,) = json.loads(out)["units"]
    i2 = unit["criteria"][1]
    assert (i2["points"], [n["code"] for n in i2["notes"]]) == ("0.00", ["no_points"])
    assert i2["notes"][0]["params"]["why"]["params"]["why"] == {"code": "without_evidence", "params": {"source": source}}


def test_a_disqualifier_reading_a_value_without_evidence_is_an_error_not_a_silent_pass(tmp_path, cli: Cli):
    text = CRITERIA.format(mode=NO_POINTS).replace(
        "classification:", "disqualifiers:\n  - {id: ky-luat, label: Kỷ luật, when: houses < 0}\nclassification:"
    )
    _, folder = round_files(tmp_path, NO_POINTS)
    criteria = write(tmp_path / "criteria.yaml", text)
    code, out, err = cli("score", criteria, folder)
    assert (code, out) == (1, "")
    assert "no value for 'houses' (reported without the evidence (document, number) the criteria require" in err


def test_a_council_correction_with_its_own_evidence_scores_and_one_without_scores_nothing(tmp_path):
    criteria_path, folder = round_files(tmp_path, NO_POINTS)
    criteria = load_criteria(criteria_path)
    review = tmp_path / "review.yaml"
    base = """\
format: thidua/review-1
round: r-2024
meeting: {date: 20/12/2024, place: Hà Nội, chair: Nguyễn Văn A, secretary: Trần Thị B, attendees: [Nguyễn Văn A]}
reviewed_by: Trần Thị B
approved_by: Nguyễn Văn A
corrections:
  - {unit: a, indicator: houses, value: 16, reason: Kiểm tra chéo, evidence: Biên bản kiểm tra số 3/BB}
"""
    write(review, base)
    submissions = load_submissions(criteria, [folder])
    (card,) = evaluate(criteria, corrected(criteria, submissions, load_review(review, criteria))).scorecards
    # houses = 16 with the council's evidence: I.2 = 16 / 2 = 8; thuong = 16 × 0.1 = 1.6
    assert [line.points for line in card.lines] == [5, 8, 3]
    assert [a.points for a in card.adjustments] == [Decimal("1.6"), 0]
    write(review, base.replace(", evidence: Biên bản kiểm tra số 3/BB", ""))
    (card,) = evaluate(criteria, corrected(criteria, submissions, load_review(review, criteria))).scorecards
    assert [line.points for line in card.lines] == [5, 0, 3]


def test_a_council_correction_without_the_evidence_the_criteria_require_is_refused(tmp_path, cli: Cli):
    criteria_path, folder = round_files(tmp_path, a=A.replace("  houses: 17", "  houses: {value: 17, evidence: BC số 7}"))
    review = write(
        tmp_path / "review.yaml",
        """\
format: thidua/review-1
round: r-2024
meeting: {date: 20/12/2024, place: Hà Nội, chair: Nguyễn Văn A, secretary: Trần Thị B, attendees: [Nguyễn Văn A]}
reviewed_by: Trần Thị B
approved_by: Nguyễn Văn A
corrections:
  - {unit: a, indicator: houses, value: 16, reason: Kiểm tra chéo}
""",
    )
    code, out, err = cli("score", criteria_path, folder, "--decisions", review)
    assert (code, out) == (1, "")
    assert err == one_problem(
        f"{review}:7:5: corrections[0]: the criteria require evidence (document, number, date of issue) for houses:"
        " give the correction's evidence"
    )


def test_diff_shows_an_indicator_that_now_requires_evidence(tmp_path, cli: Cli):
    old = write(tmp_path / "old.yaml", CRITERIA.format(mode="").replace("evidence: required\n", ""))
    new = write(tmp_path / "new.yaml", CRITERIA.format(mode=NO_POINTS).replace("default: 0}", "default: 0, evidence: optional}"))
    code, out, _ = cli("diff", old, new)
    assert code == 0
    assert [line.strip() for line in out.splitlines() if "evidence" in line] == [
        "~ plan_on_time Kế hoạch đúng hạn: evidence — → required (if_no_evidence: no_points)",
        "~ houses Nhà tạm được xóa: evidence — → required (if_no_evidence: no_points)",
    ]


def test_an_indicator_can_require_evidence_in_a_round_that_does_not(tmp_path):
    text = CRITERIA.format(mode="").replace("evidence: required\n", "")
    text = text.replace("unit: nhà, type: integer, min: 0}", "unit: nhà, type: integer, min: 0, evidence: required}")
    criteria = load_criteria(write(tmp_path / "criteria.yaml", text))
    assert {i.id: i.if_no_evidence for i in criteria.indicators.values()} == {
        "plan_on_time": None,
        "houses": "error",
        "sessions": None,
        "late_reports": None,
    }
    folder = tmp_path / "submissions"
    folder.mkdir()
    write(folder / "a.yaml", A)
    line, col = at(A, "17")
    assert problems(criteria, folder) == [
        f"{folder / 'a.yaml'}:{line}:{col}: unit a, indicator houses: no evidence given;"
        " the criteria require evidence (document, number, date of issue) for this value"
    ]
