"""Method graded: points judged by the assessors (chấm theo đánh giá của tổ thẩm định, thành viên Hội đồng).

Every known answer below has its hand arithmetic beside it. A round has one computed criterion (I.1 = pts,
max 95) and one graded (III.4, max 5), so that a unit's total is its pts plus the III.4 points.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.errors import InvalidInput
from scoring.explain import explain
from scoring.grades import combine
from scoring.pipeline import score_round
from scoring.wording import word
from tests.rounds import review_yaml
from tests.shared import Cli, at, one_problem

ROUND = "khoi-so-nganh-2024"
STC, SNV = "so-tai-chinh", "so-noi-vu"
AN, BINH, CUONG, DUNG = "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Văn Dũng"


def criteria_text(graded: str = "combine: mean", rounding: str = "") -> str:
    return f"""\
format: thidua/1
id: {ROUND}
title: Khối các sở, ngành 2024
year: 2024
scale: 100
{rounding}units:
  {STC}: {{name: Sở Tài chính}}
  {SNV}: {{name: Sở Nội vụ}}
indicators:
  pts: {{label: Điểm chuyên môn, type: number, min: 0, max: 95}}
groups:
  - id: I
    label: Công tác chuyên môn
    max: 95
    criteria:
      - {{id: I.1, label: Nhiệm vụ chuyên môn, max: 95, formula: "pts"}}
  - id: III
    label: Công tác thi đua
    max: 5
    criteria:
      - {{id: III.4, label: Chất lượng báo cáo tổng kết, max: 5, method: graded, {graded}}}
classification:
  - {{id: xuat-sac, label: Hoàn thành xuất sắc nhiệm vụ, min_total: 90}}
  - {{id: hoan-thanh, label: Hoàn thành nhiệm vụ}}
"""


Entry = tuple[str, str, str, str]  # unit, assessor, points (as written), reason


def grades_text(entries: Sequence[Entry], criterion: str = "III.4", round_id: str = ROUND) -> str:
    lines = ["format: thidua/grades-1", f"round: {round_id}", "grades:"]
    for unit, assessor, points, reason in entries:
        lines.append(
            f'  - {{unit: {unit}, criterion: {criterion}, assessor: "{assessor}", points: {points}, reason: "{reason}"}}'
        )
    return "\n".join(lines) + "\n"


def write_round(
    folder: Path, entries: Sequence[Entry], graded: str = "combine: mean", rounding: str = ""
) -> tuple[Path, Path, Path]:
    criteria, submissions, grades = folder / "criteria.yaml", folder / "submissions.csv", folder / "grades.yaml"
    criteria.write_text(criteria_text(graded, rounding), encoding="utf-8")
    submissions.write_text(f"round,unit,pts\n{ROUND},{STC},85\n{ROUND},{SNV},80\n", encoding="utf-8")
    grades.write_text(grades_text(entries), encoding="utf-8")
    return criteria, submissions, grades


SNV_GRADED = ((SNV, AN, "3", "Nộp chậm"), (SNV, BINH, "3", "Thiếu số liệu"), (SNV, CUONG, "3", "Chưa phân tích"))
# Sở Nội vụ's three grades, enough for every rule here, so that only Sở Tài chính's vary


def points(folder: Path, stc: Sequence[str], graded: str = "combine: mean", rounding: str = "") -> Decimal:
    """Sở Tài chính's III.4 points when the assessors give it `stc`, one grade each."""
    assessors = (AN, BINH, CUONG, DUNG, "Hoàng Văn Em")
    entries = [(STC, assessors[i], p, f"Nhận xét {i + 1}") for i, p in enumerate(stc)]
    criteria, submissions, grades = write_round(folder, [*entries, *SNV_GRADED], graded, rounding)
    card = score_round(criteria, [submissions], grade_paths=[grades]).results.scorecard(STC)
    return card.lines[1].points


# --- combining: known answers -------------------------------------------------------------------------------------------


def test_the_mean_of_three_grades_is_rounded_half_up_to_the_rounds_places(tmp_path):
    # (4 + 4 + 5) / 3 = 13 / 3 = 4.333… → 4.33
    assert points(tmp_path, ["4", "4", "5"]) == Decimal("4.33")
    # (4.5 + 4 + 5) / 3 = 13.5 / 3 = 4.5 → 4.50
    assert points(tmp_path, ["4.5", "4", "5"]) == Decimal("4.50")


def test_a_mean_exactly_on_the_half_rounds_up_under_half_up_and_to_even_under_half_even(tmp_path):
    # (4.32 + 4.33) / 2 = 8.65 / 2 = 4.325: half_up → 4.33; half_even → 4.32 (2 is even)
    assert points(tmp_path, ["4.32", "4.33"]) == Decimal("4.33")
    assert points(tmp_path, ["4.32", "4.33"], rounding="rounding: {places: 2, mode: half_even}\n") == Decimal("4.32")
    # (4.33 + 4.34) / 2 = 4.335: half_even → 4.34 (3 is odd, so it goes up to the even 4)
    assert points(tmp_path, ["4.33", "4.34"], rounding="rounding: {places: 2, mode: half_even}\n") == Decimal("4.34")


def test_the_median_of_an_odd_count_is_the_middle_grade(tmp_path):
    # 5, 2, 4 in order: 2, 4, 5 → 4
    assert points(tmp_path, ["5", "2", "4"], "combine: median") == Decimal("4.00")


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_grades(tmp_path):
    # 2, 5, 4, 3 in order: 2, 3, 4, 5 → (3 + 4) / 2 = 3.5
    assert points(tmp_path, ["2", "5", "4", "3"], "combine: median") == Decimal("3.50")
    # 4, 4.25 → (4 + 4.25) / 2 = 4.125 → 4.13 (half up)
    assert points(tmp_path, ["4", "4.25"], "combine: median") == Decimal("4.13")


def test_the_trimmed_mean_of_three_grades_is_the_middle_one(tmp_path):
    # 1, 4, 5: without the highest (5) and the lowest (1): 4 / 1 = 4
    assert points(tmp_path, ["1", "4", "5"], "combine: trimmed_mean") == Decimal("4.00")


def test_the_trimmed_mean_of_four_grades_leaves_out_one_highest_and_one_lowest(tmp_path):
    # 1, 5, 5, 2 in order 1, 2, 5, 5: without one 5 and the 1: (2 + 5) / 2 = 3.5
    assert points(tmp_path, ["1", "5", "5", "2"], "combine: trimmed_mean") == Decimal("3.50")


def test_the_trimmed_mean_leaves_out_a_single_grade_of_equal_extremes(tmp_path):
    # 5, 5, 3, 3: one 5 and one 3 left out: (3 + 5) / 2 = 4
    assert points(tmp_path, ["5", "5", "3", "3"], "combine: trimmed_mean") == Decimal("4.00")
    # 4, 4, 4: all equal: 4
    assert points(tmp_path, ["4", "4", "4"], "combine: trimmed_mean") == Decimal("4.00")


def test_combine_is_exact_over_decimals():
    grades = [Decimal("4"), Decimal("4"), Decimal("5")]
    assert combine("mean", grades) == Decimal("4.333333333333333333333333333333333")  # 13 / 3 to 34 digits
    assert combine("median", [Decimal("1"), Decimal("2")]) == Decimal("1.5")  # (1 + 2) / 2
    assert combine("trimmed_mean", [Decimal("0"), Decimal("2.5"), Decimal("5")]) == Decimal("2.5")


def test_combine_defaults_to_the_mean(tmp_path):
    # no combine key: (2 + 5) / 2 = 3.5
    assert points(tmp_path, ["2", "5"], "if_missing: error") == Decimal("3.50")


def test_enough_grades_for_the_assessors_minimum_are_combined(tmp_path):
    # assessors: 3, three grades: (3 + 4 + 5) / 3 = 4
    assert points(tmp_path, ["3", "4", "5"], "assessors: 3") == Decimal("4.00")


# --- scoring errors: each message exactly -------------------------------------------------------------------------------


def test_a_round_with_a_graded_criterion_and_no_grades_names_every_unit_at_the_criterions_line(tmp_path, cli: Cli):
    criteria, submissions, _ = write_round(tmp_path, [])
    line, _ = at(criteria.read_text(encoding="utf-8"), "{id: III.4")
    code, out, err = cli("score", criteria, submissions)
    said = (
        "criterion III.4 (Chất lượng báo cáo tổng kết) is graded by the assessors, but no grade is given; give the grades"
        " (--grades FILE, or grades in the review file), or declare what no grade means (if_missing: no_points)"
    )
    assert (code, out) == (1, "")
    assert err == (f"{criteria}:{line}:1: unit {SNV}: {said}\n{criteria}:{line}:1: unit {STC}: {said}\n2 problem(s) found.\n")


def test_no_grades_with_if_missing_no_points_scores_no_points_and_says_so(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, SNV_GRADED, "if_missing: no_points")
    code, out, err = cli("explain", criteria, submissions, "--grades", grades, "--unit", STC)
    assert (code, err) == (0, "")
    assert "  - III.4 Chất lượng báo cáo tổng kết: 0.00 / 5  [graded, " in out
    assert "    - no grade from the assessors: no points (if_missing: no_points)\n" in out
    assert out.startswith("Sở Tài chính (so-tai-chinh): 85.00 / 100")  # 85 + 0


def test_fewer_grades_than_the_assessors_minimum_is_an_error_even_with_no_points(tmp_path, cli: Cli):
    entries = [(STC, AN, "4", "Tốt"), (STC, BINH, "5", "Rất tốt"), (SNV, AN, "3", "a"), (SNV, BINH, "3", "b")]
    entries += [(SNV, CUONG, "3", "c")]
    criteria, submissions, grades = write_round(tmp_path, entries, "assessors: 3, if_missing: no_points")
    line, _ = at(criteria.read_text(encoding="utf-8"), "{id: III.4")
    code, _, err = cli("score", criteria, submissions, "--grades", grades)
    assert code == 1
    assert err == one_problem(
        f"{criteria}:{line}:1: unit {STC}: criterion III.4 (Chất lượng báo cáo tổng kết) needs grades from 3 assessors"
        " (assessors: 3), but 2 given"
    )


def test_a_trimmed_mean_of_two_grades_is_an_error_naming_the_unit_and_criterion(tmp_path, cli: Cli):
    entries = [(STC, AN, "4", "Tốt"), (STC, BINH, "5", "Rất tốt"), (SNV, AN, "3", "a"), (SNV, BINH, "3", "b")]
    entries += [(SNV, CUONG, "3", "c")]
    criteria, submissions, grades = write_round(tmp_path, entries, "combine: trimmed_mean")
    line, _ = at(criteria.read_text(encoding="utf-8"), "{id: III.4")
    code, _, err = cli("score", criteria, submissions, "--grades", grades)
    assert code == 1
    assert err == one_problem(
        f"{criteria}:{line}:1: unit {STC}: criterion III.4 (Chất lượng báo cáo tổng kết) combines by trimmed_mean, which"
        " leaves out the highest and the lowest grade and needs 3 grades or more, but 2 given"
    )


# --- the criteria file --------------------------------------------------------------------------------------------------


def test_combine_and_assessors_belong_to_method_graded_only(tmp_path, cli: Cli):
    text = criteria_text().replace('formula: "pts"}', 'formula: "pts", combine: median, assessors: 2}')
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text(text, encoding="utf-8")
    line, col = at(text, "median")
    acol = at(text, "assessors: 2")[1] + len("assessors: ")
    code, _, err = cli("validate", criteria)
    assert code == 1
    assert err == (
        f"{criteria}:{line}:{col}: groups[0].criteria[0].combine: 'combine' does not belong to method formula\n"
        f"{criteria}:{line}:{acol}: groups[0].criteria[0].assessors: 'assessors' does not belong to method formula\n"
        "2 problem(s) found.\n"
    )


def test_combine_is_one_of_mean_median_trimmed_mean(tmp_path, cli: Cli):
    text = criteria_text("combine: average")
    criteria = tmp_path / "criteria.yaml"
    criteria.write_text(text, encoding="utf-8")
    line, col = at(text, "average")
    code, _, err = cli("validate", criteria)
    assert code == 1
    assert err == one_problem(
        f"{criteria}:{line}:{col}: groups[1].criteria[0].combine: Input should be 'mean', 'median' or 'trimmed_mean'"
        " (got 'average')"
    )


# --- the grading file ---------------------------------------------------------------------------------------------------


def test_every_problem_of_a_grading_file_is_located_and_listed_at_once(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, SNV_GRADED)
    text = """\
format: thidua/grades-1
round: khoi-so-nganh-2023
grades:
  - {unit: so-tai-chin, criterion: III.4, assessor: "Nguyễn Văn An", points: 4, reason: "Tốt"}
  - {unit: so-tai-chinh, criterion: III.5, assessor: "Nguyễn Văn An", points: 4, reason: "Tốt"}
  - {unit: so-tai-chinh, criterion: I.1, assessor: "Nguyễn Văn An", points: 4, reason: "Tốt"}
  - {unit: so-tai-chinh, criterion: III.4, assessor: "Trần Thị Bình", points: 5.5, reason: "Tốt"}
  - {unit: so-tai-chinh, criterion: III.4, assessor: "Lê Văn Cường", points: -1, reason: "Tốt"}
  - {unit: so-noi-vu, criterion: III.4, assessor: "Nguyễn Văn An", points: 3, reason: "Lần một"}
  - {unit: so-noi-vu, criterion: III.4, assessor: "nguyễn  văn an", points: 4, reason: "Lần hai"}
"""
    grades.write_text(text, encoding="utf-8")
    code, _, err = cli("score", criteria, submissions, "--grades", grades)

    def where(needle: str) -> str:
        line, col = at(text, needle)
        return f"{grades}:{line}:{col}"

    twice = where('"nguyễn  văn an')
    line_of_minus, col_of_minus = at(text, "points: -1")
    col_of_minus += len("points: ")
    assert code == 1
    assert err == (
        f"{where('khoi-so-nganh-2023')}: round: this grading file is for round 'khoi-so-nganh-2023', but the criteria are"
        " for round 'khoi-so-nganh-2024'\n"
        f"{where('so-tai-chin,')}: grades[0].unit: unknown unit 'so-tai-chin'; did you mean 'so-tai-chinh'?\n"
        f"{where('III.5')}: grades[1].criterion: unknown criterion 'III.5'; did you mean 'III.4'?\n"
        f"{where('I.1')}: grades[2].criterion: criterion I.1 is scored by method formula; only a criterion of method"
        " graded takes the assessors' grades\n"
        f"{where('5.5')}: grades[3].points: a grade of III.4 is from 0 to 5 (its max), not 5.5\n"
        f"{grades}:{line_of_minus}:{col_of_minus}: grades[4].points: a grade of III.4 is from 0 to 5 (its max), not -1\n"
        # the same assessor, however the name is spaced or cased, grades Sở Nội vụ twice (the first on line 9)
        f"{twice}: grades[6].assessor: nguyễn  văn an has already graded so-noi-vu on III.4"
        f" ({grades}:9); an assessor gives one grade\n"
        "7 problem(s) found.\n"
    )


def test_a_grade_needs_its_reason_and_a_number(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, SNV_GRADED)
    text = """\
format: thidua/grades-1
round: khoi-so-nganh-2024
grades:
  - {unit: so-tai-chinh, criterion: III.4, assessor: "Nguyễn Văn An", points: "4,5"}
"""
    grades.write_text(text, encoding="utf-8")
    code, _, err = cli("score", criteria, submissions, "--grades", grades)
    line, col = at(text, '"4,5"')
    assert code == 1
    assert err == (
        f"{grades}:{line}:5: grades[0].reason: missing (this field is required)\n"
        f"{grades}:{line}:{col}: grades[0].points: expected a number, got the text '4,5': write 4.5"
        " (in this file the dot is the decimal point)\n"
        "2 problem(s) found.\n"
    )


# --- the command line, the review file and the record -------------------------------------------------------------------

REVIEW = review_yaml("khoi-so-nganh-2024")

STC_GRADED = ((STC, AN, "4.5", "Báo cáo đầy đủ, đúng hạn"), (STC, BINH, "4", "Số liệu rõ"), (STC, CUONG, "5", "Có phân tích"))


def test_explain_traces_each_assessors_grade_in_vietnamese(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    code, out, err = cli("explain", criteria, submissions, "--grades", grades, "--unit", STC, "--lang", "vi")
    line, _ = at(criteria.read_text(encoding="utf-8"), "{id: III.4")
    assert (code, err) == (0, "")
    # (4.5 + 4 + 5) / 3 = 13.5 / 3 = 4.5 → 4,50; the total 85 + 4.5 = 89.5
    assert out.startswith("Sở Tài chính (so-tai-chinh): 89,50 / 100 — Hoàn thành nhiệm vụ\n")
    assert (
        f"  - III.4 Chất lượng báo cáo tổng kết: 4,50 / 5  [graded, {criteria}:{line}]\n"
        "    - trung bình của 3 điểm đánh giá: (4,5 + 4 + 5) / 3 = 4,5\n"
        f"    - Nguyễn Văn An: 4,5 (Báo cáo đầy đủ, đúng hạn) [{grades}:4]\n"
        f"    - Trần Thị Bình: 4 (Số liệu rõ) [{grades}:5]\n"
        f"    - Lê Văn Cường: 5 (Có phân tích) [{grades}:6]\n"
    ) in out


def test_explain_shows_the_rounding_of_a_mean_in_english(tmp_path, cli: Cli):
    entries = [(STC, AN, "4", "a"), (STC, BINH, "4", "b"), (STC, CUONG, "5", "c"), *SNV_GRADED]
    criteria, submissions, grades = write_round(tmp_path, entries)
    code, out, _ = cli("explain", criteria, submissions, "--grades", grades, "--unit", STC)
    assert code == 0
    assert "    - mean of 3 grades: (4 + 4 + 5) / 3 ≈ 4.3333 → 4.33\n" in out


def test_explain_words_the_median_and_the_trimmed_mean(tmp_path, cli: Cli):
    entries = [(STC, AN, "2", "a"), (STC, BINH, "5", "b"), (STC, CUONG, "4", "c"), (STC, DUNG, "3", "d"), *SNV_GRADED]
    criteria, submissions, grades = write_round(tmp_path, entries, "combine: median")
    out = cli("explain", criteria, submissions, "--grades", grades, "--unit", STC)[1]
    assert "    - median of 4 grades (2; 3; 4; 5, in order): (3 + 4) / 2 = 3.5\n" in out
    criteria.write_text(criteria_text("combine: trimmed_mean"), encoding="utf-8")
    out = cli("explain", criteria, submissions, "--grades", grades, "--unit", STC)[1]
    assert "    - mean of 4 grades without the highest (5) and the lowest (2): (3 + 4) / 2 = 3.5\n" in out
    out = cli("explain", criteria, submissions, "--grades", grades, "--unit", SNV)[1]
    assert "    - mean of 3 grades without the highest (3) and the lowest (3): (3) / 1 = 3\n" in out


def test_score_json_lists_the_grades_of_a_graded_line(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    code, out, _ = cli("score", criteria, submissions, "--grades", grades, "--format", "json")
    assert code == 0
    line = json.loads(out)["units"][0]["criteria"][1]
    assert line["id"] == "III.4"
    assert (line["points"], line["values"]) == ("4.50", {"combine": "mean", "combined": "4.5"})
    assert line["grades"] == [
        {"assessor": AN, "points": "4.5", "reason": "Báo cáo đầy đủ, đúng hạn", "source": f"{grades}:4"},
        {"assessor": BINH, "points": "4", "reason": "Số liệu rõ", "source": f"{grades}:5"},
        {"assessor": CUONG, "points": "5", "reason": "Có phân tích", "source": f"{grades}:6"},
    ]
    assert "grades" not in json.loads(out)["units"][0]["criteria"][0]  # a computed line has none


def test_grades_from_several_files_give_the_same_output_whatever_their_order(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, SNV_GRADED)
    more = tmp_path / "more.yaml"
    more.write_text(grades_text(STC_GRADED), encoding="utf-8")
    one = cli("score", criteria, submissions, "--grades", grades, "--grades", more, "--format", "json")
    other = cli("score", criteria, submissions, "--grades", more, "--grades", grades, "--format", "json")
    assert one[0] == 0
    assert one == other


def test_validate_checks_a_grading_file_without_submissions(tmp_path, cli: Cli):
    criteria, _, grades = write_round(tmp_path, [(STC, AN, "7", "Quá tốt")])
    text = grades.read_text(encoding="utf-8")
    line, col = at(text, "points: 7")
    code, _, err = cli("validate", criteria, "--grades", grades)
    assert code == 1
    assert err == one_problem(
        f"{grades}:{line}:{col + len('points: ')}: grades[0].points: a grade of III.4 is from 0 to 5 (its max), not 7"
    )


def test_grades_in_the_review_file_count_and_are_checked_with_the_grading_files(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, SNV_GRADED)
    review = tmp_path / "review.yaml"
    text = REVIEW + "grades:\n" + grades_text(STC_GRADED).split("grades:\n", 1)[1]
    review.write_text(text, encoding="utf-8")
    code, out, _ = cli("explain", criteria, submissions, "--grades", grades, "--decisions", review, "--unit", STC)
    assert code == 0
    assert f"    - Nguyễn Văn An: 4.5 (Báo cáo đầy đủ, đúng hạn) [{review}:12]\n" in out
    # the same assessor in both files: refused at the second, which names the first
    review.write_text(text + f'  - {{unit: {SNV}, criterion: III.4, assessor: "{AN}", points: 5, reason: "Lại"}}\n', "utf-8")
    line, col = at(review.read_text(encoding="utf-8"), f'"{AN}", points: 5')
    code, _, err = cli("score", criteria, submissions, "--grades", grades, "--decisions", review)
    assert code == 1
    assert err == one_problem(
        f"{review}:{line}:{col}: grades[3].assessor: {AN} has already graded {SNV} on III.4 ({grades}:4);"
        " an assessor gives one grade"
    )


def test_the_record_seals_the_grading_file_and_verify_catches_a_changed_grade(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    review, record = tmp_path / "review.yaml", tmp_path / "record.json"
    review.write_text(REVIEW, encoding="utf-8")
    code, _, err = cli("review", criteria, submissions, "--decisions", review, "--grades", grades, "-o", record)
    assert (code, err) == (0, "")
    data = json.loads(record.read_text(encoding="utf-8"))
    sealed = hashlib.sha256(grades.read_bytes()).hexdigest()
    assert data["inputs"]["grades"] == [{"path": "grades.yaml", "sha256": sealed}]  # beside the record: base "."
    assert cli("verify", record)[:2] == (0, f"{record}: verified: the input files give this record exactly.\n")
    # Lê Văn Cường's 5 becomes 2: (4.5 + 4 + 2) / 3 = 3.5
    grades.write_text(grades.read_text(encoding="utf-8").replace("points: 5,", "points: 2,"), encoding="utf-8")
    now = hashlib.sha256(grades.read_bytes()).hexdigest()
    code, out, _ = cli("verify", record)
    assert code == 1
    assert out.splitlines()[0] == (
        f"DIFFERENT: grading file {grades}: its SHA-256 is {now[:16]}…, the record has {sealed[:16]}…: the file changed"
    )
    said = "Sở Tài chính — criterion III.4: the record has 4.50, the inputs give 3.50"
    assert f"DIFFERENT: {said} (in the record: scores.units[0].criteria[1].points)" in out
    n = len(out.splitlines()) - 1
    assert out.endswith(f"{record}: NOT verified: {n} difference(s) in 2 unit(s); files changed: {grades}.\n")


def test_a_record_without_grading_files_keeps_its_inputs_as_before(tmp_path, cli: Cli):
    criteria, submissions, _ = write_round(tmp_path, [])
    criteria.write_text(criteria_text().replace("method: graded, combine: mean", 'formula: "0"'), encoding="utf-8")
    review, record = tmp_path / "review.yaml", tmp_path / "record.json"
    review.write_text(REVIEW, encoding="utf-8")
    assert cli("review", criteria, submissions, "--decisions", review, "-o", record)[0] == 0
    assert sorted(json.loads(record.read_text(encoding="utf-8"))["inputs"]) == [
        "base",
        "criteria",
        "previous",
        "review",
        "submissions",
    ]


def test_grades_read_in_vietnamese_report_problems_in_vietnamese(tmp_path):
    criteria, submissions, grades = write_round(tmp_path, [(STC, AN, "6", "Tốt"), *SNV_GRADED])
    with pytest.raises(InvalidInput) as caught:
        score_round(criteria, [submissions], grade_paths=[grades])
    assert [word(p.message, "vi") for p in caught.value.problems] == [
        "grades[0].points: điểm đánh giá tiêu chí III.4 từ 0 đến 5 (điểm tối đa), không phải 6"
    ]


def test_whatif_scores_the_new_criteria_with_the_earlier_rounds_grades(tmp_path, cli: Cli):
    entries = [(STC, AN, "4", "a"), (STC, BINH, "4", "b"), (STC, CUONG, "5", "c"), *SNV_GRADED]
    old, submissions, grades = write_round(tmp_path, entries)
    new = tmp_path / "new.yaml"
    new_text = criteria_text("combine: median").replace(f"id: {ROUND}", "id: khoi-so-nganh-2025")
    new.write_text(new_text.replace("year: 2024", "year: 2025"), encoding="utf-8")
    code, out, err = cli("whatif", "--criteria", new, submissions, "--old", old, "--grades", grades, "--format", "json")
    assert (code, err) == (0, "")
    stc = json.loads(out)["units"][0]
    # before: 85 + (4 + 4 + 5) / 3 = 85 + 4.33 = 89.33; under the new median: 85 + 4 = 89.00
    assert (stc["unit"], stc["old"][0]["total"], stc["new"]["total"]) == (STC, "89.33", "89.00")


def test_whatif_without_the_earlier_grades_scores_a_new_graded_line_no_points(tmp_path, cli: Cli):
    old, submissions, _ = write_round(tmp_path, [])
    old.write_text(criteria_text().replace("method: graded, combine: mean", 'formula: "0"'), encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(criteria_text().replace(f"id: {ROUND}", "id: khoi-so-nganh-2025"), encoding="utf-8")
    code, out, err = cli("whatif", "--criteria", new, submissions, "--old", old, "--format", "json")
    assert (code, err) == (0, "")
    stc = json.loads(out)["units"][0]
    assert (stc["old"][0]["total"], stc["new"]["total"]) == ("85.00", "85.00")  # 85 + 0: nobody graded III.4 before


def test_diff_shows_a_change_of_how_the_grades_combine(tmp_path, cli: Cli):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(criteria_text(), encoding="utf-8")
    new.write_text(criteria_text("combine: trimmed_mean, assessors: 3"), encoding="utf-8")
    code, out, _ = cli("diff", old, new)
    assert code == 0
    assert out.endswith(
        "Criteria\n"
        "  ~ III.4 Chất lượng báo cáo tổng kết: combine mean → trimmed_mean\n"
        "  ~ III.4 Chất lượng báo cáo tổng kết: assessors 1 → 3\n"
    )


def test_a_printed_explanation_gives_each_grade_without_its_file_and_line(tmp_path):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    results = score_round(criteria, [submissions], grade_paths=[grades]).results
    graded_line = explain(results, STC, sources=False).children[1].children[0]
    assert [c.text for c in graded_line.children] == [
        "mean of 3 grades: (4.5 + 4 + 5) / 3 = 4.5",
        "Nguyễn Văn An: 4.5 (Báo cáo đầy đủ, đúng hạn)",
        "Trần Thị Bình: 4 (Số liệu rõ)",
        "Lê Văn Cường: 5 (Có phân tích)",
    ]


def test_the_council_may_still_set_a_graded_lines_points_and_the_trace_keeps_the_grades(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    review = tmp_path / "review.yaml"
    correction = f"corrections:\n  - {{unit: {STC}, criterion: III.4, points: 3, reason: Báo cáo nộp muộn}}\n"
    review.write_text(REVIEW + correction, encoding="utf-8")
    code, out, _ = cli("explain", criteria, submissions, "--grades", grades, "--decisions", review, "--unit", STC)
    assert code == 0
    assert (
        "    - mean of 3 grades: (4.5 + 4 + 5) / 3 = 4.5; set by the council: from 4.50 to 3.00, reason: Báo cáo nộp muộn"
        " → 3.00\n"
        f"    - Nguyễn Văn An: 4.5 (Báo cáo đầy đủ, đúng hạn) [{grades}:4]\n"
    ) in out


def test_the_minutes_list_the_grading_file_among_the_data_sources(tmp_path, cli: Cli):
    criteria, submissions, grades = write_round(tmp_path, [*STC_GRADED, *SNV_GRADED])
    review, record, minutes = tmp_path / "review.yaml", tmp_path / "record.json", tmp_path / "bien-ban.md"
    review.write_text(REVIEW, encoding="utf-8")
    assert cli("review", criteria, submissions, "--decisions", review, "--grades", grades, "-o", record)[0] == 0
    assert cli("minutes", record, "-o", minutes)[0] == 0
    sealed = hashlib.sha256(grades.read_bytes()).hexdigest()
    rows = minutes.read_text(encoding="utf-8").replace("\\_", "_").splitlines()  # Markdown escapes '_'
    assert f"| 4 | Assessors' grades | grades.yaml | {sealed} |" in rows  # as the record names it, from its base


def test_assessors_is_a_whole_number_of_one_or_more(tmp_path, cli: Cli):
    for given, said in (("0", "Input should be greater than or equal to 1 (got 0)"), ("1.5", "expected a whole number, got 1.5")):
        text = criteria_text(f"assessors: {given}")
        criteria = tmp_path / "criteria.yaml"
        criteria.write_text(text, encoding="utf-8")
        line, col = at(text, f"assessors: {given}")
        code, _, err = cli("validate", criteria)
        assert code == 1
        assert err == one_problem(f"{criteria}:{line}:{col + len('assessors: ')}: groups[1].criteria[0].assessors: {said}")
