"""The departments' bloc (criteria/khoi-so-nganh/2024.yaml) end to end: a table as such blocs write it.

Per-line self-scores, evidence required, decision tables, a graded line, group floors and a flag for the
leader on the criteria before bonuses, all in one round. Every figure below is worked by hand from the
submissions in examples/khoi-so-nganh/2024/ and the grades in examples/khoi-so-nganh/cham-diem/2024.yaml.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

from tests.shared import ROOT, Cli

CRITERIA = ROOT / "criteria/khoi-so-nganh/2024.yaml"
SUBMISSIONS = ROOT / "examples/khoi-so-nganh/2024"
GRADES = ROOT / "examples/khoi-so-nganh/cham-diem/2024.yaml"
REVIEW = SUBMISSIONS / "review.yaml"
ROUND = (CRITERIA, SUBMISSIONS, "--grades", GRADES)


def unit(data: dict[str, Any], uid: str) -> dict[str, Any]:
    return next(u for u in data["units"] if u["unit"] == uid)


def line(data: dict[str, Any], uid: str, cid: str) -> dict[str, Any]:
    return next(c for c in unit(data, uid)["criteria"] if c["id"] == cid)


def test_the_bloc_validates_with_its_grading_file(cli: Cli):
    code, out, err = cli("validate", *ROUND)
    assert (code, err) == (0, "")
    assert "5 units" in out


def test_without_the_grading_file_the_graded_line_is_an_error_naming_the_unit(cli: Cli):
    code, _, err = cli("score", CRITERIA, SUBMISSIONS)
    assert code == 1
    assert "unit so-noi-vu" in err
    assert "I.4" in err


def test_the_flag_goes_to_the_leader_on_the_criteria_not_to_the_highest_total(cli: Cli):
    code, out, _ = cli("rank", *ROUND, "--format", "json")
    assert code == 0
    data = json.loads(out)
    # Sở Nội vụ, criteria: I 13.75 + 9.82 + 10 + 8.75 = 42.32; II 5 + 5 + 7.5 + 3 = 20.5; III 7 + 5 + 14.25 = 26.25
    #   → 89.07, and bonuses 2 (flag last year) + 2 × 0.5 (initiatives) = 3 → total 92.07, rank 1.
    #   I.1 = 15 × 44/48 = 13.75; I.2 = 10 × 89.6/91.2 ≈ 9.82; I.4 = (9 + 8.5)/2 without 9.5 and 8 = 8.75.
    # Sở Tài chính, criteria: I 14.71 + 10 + 6 + 9 = 39.71; II 5 + 3 + 10 + 3 = 21; III 10 + 5 + 14.70 = 29.70
    #   → 90.41, and a bonus of 1 × 0.5 → total 90.91.
    #   I.1 = 15 × 51/52 ≈ 14.71; I.3: 2 late dossiers → row 2 (1 to 5) → 6; I.4 = (9 + 9)/2 without 9.5 and 8.5 = 9.
    assert (unit(data, "so-noi-vu")["rank"], unit(data, "so-noi-vu")["total"]) == (1, "92.07")
    assert (unit(data, "so-tai-chinh")["rank"], unit(data, "so-tai-chinh")["total"]) == (2, "90.91")
    flag = next(a for a in data["awards"] if a["id"] == "co-thi-dua-ubnd")
    assert flag["rank_by"]["params"]["kind"] == "criteria"
    assert flag["seats"][0]["proposed"] == ["so-tai-chinh"]
    measured = {u["unit"]: (r["value"], r["place"]) for u in data["units"] for r in u["ranked_by"]}
    assert measured["so-tai-chinh"] == ("90.41", 1)
    assert measured["so-noi-vu"] == ("89.07", 2)
    bk = next(a for a in data["awards"] if a["id"] == "bang-khen-ubnd")
    assert bk["seats"][0]["proposed"] == ["so-noi-vu", "so-ke-hoach"]  # Thanh tra tỉnh (86.73) is disqualified


def test_a_department_under_half_of_a_group_is_held_back_from_tot_by_the_group_floor(cli: Cli):
    code, out, _ = cli("score", *ROUND, "--format", "json")
    assert code == 0
    tu_phap = unit(json.loads(out), "so-tu-phap")
    # total 36.61 + 10.50 + 29.63 = 76.74 ≥ 75, but group II: 0 + 0 + 3 × 2.5 + 3 = 10.50 < 50% × 25 = 12.5
    assert tu_phap["total"] == "76.74"
    assert tu_phap["classification"]["id"] == "hoan-thanh"
    held = {h["id"]: h["reason"] for h in tu_phap["classification_held_back"]}
    assert held["tot"]["code"] == "group_under_floor"
    assert held["tot"]["params"]["groups"][0]["params"] == {
        "group": "II",
        "points": "10.50",
        "max": "25",
        "floor": "0.5",
        "needed": "12.5",
    }


def test_a_decision_table_scores_a_late_report_and_a_negative_row_exists_for_no_report(cli: Cli):
    code, out, _ = cli("score", *ROUND, "--format", "json")
    assert code == 0
    data = json.loads(out)
    # report_timing: Đúng hạn → 5, Chậm 1–3 ngày → 3, Chậm trên 3 ngày → 0 (rows 1, 2, 3 of II.2's table)
    assert (line(data, "so-noi-vu", "II.2")["points"], line(data, "so-noi-vu", "II.2")["values"]["row"]) == ("5.00", 1)
    assert (line(data, "so-tai-chinh", "II.2")["points"], line(data, "so-tai-chinh", "II.2")["values"]["row"]) == ("3.00", 2)
    assert (line(data, "so-tu-phap", "II.2")["points"], line(data, "so-tu-phap", "II.2")["values"]["row"]) == ("0.00", 3)


def test_a_value_without_its_evidence_scores_no_points_until_the_council_corrects_it_with_evidence(cli: Cli):
    code, out, _ = cli("score", *ROUND, "--format", "json")
    assert code == 0
    before = json.loads(out)
    models = line(before, "so-ke-hoach", "II.4")
    assert models["points"] == "0.00"
    assert models["notes"][0]["params"]["why"]["code"] == "without_evidence"
    assert unit(before, "so-ke-hoach")["total"] == "86.56"
    code, out, _ = cli("score", *ROUND, "--decisions", REVIEW, "--format", "json")
    assert code == 0
    after = json.loads(out)
    # corrected to 6 with the cross-check's evidence: 6 ≥ 5 → band 5 points; 86.56 + 5 = 91.56
    assert line(after, "so-ke-hoach", "II.4")["points"] == "5.00"
    assert unit(after, "so-ke-hoach")["total"] == "91.56"


def test_explain_shows_the_table_row_the_assessors_and_the_self_scores_in_vietnamese(cli: Cli):
    code, out, _ = cli("explain", *ROUND, "--unit", "so-tu-phap", "--lang", "vi")
    assert code == 0
    assert "late_dossiers = 3 → dòng 2 của bảng (từ 1 đến 5): 6 điểm" in out
    # I.4: four grades 6.5, 7, 6, 7.5; without the highest and the lowest: (6.5 + 7) / 2 = 6.75
    assert "trung bình của 4 điểm đánh giá, bỏ điểm cao nhất (7,5) và thấp nhất (6): (6,5 + 7) / 2 = 6,75" in out
    assert "Nông Văn Hùng (Chủ tịch Hội đồng): 6,5 (Nhiều văn bản tham mưu chậm)" in out
    assert "Tự chấm 3 (điểm tính − tự chấm = −3,00); diễn giải: Kế hoạch ban hành ngày 05/02/2024" in out
    # own total 82.99 against 76.74 computed: 76.74 − 82.99 = −6.25
    assert "Tự chấm 82,99; điểm tính − tự chấm = −6,25" in out
    assert (
        "Các tiêu chí có điểm tự chấm chênh nhiều nhất: II.1 (tự chấm 3, tính được 0,00, chênh −3,00);"
        " II.2 (tự chấm 3, tính được 0,00, chênh −3,00); I.4 (tự chấm 7, tính được 6,75, chênh −0,25)"
    ) in out
    assert "nhóm II đạt 10,50/25, dưới mức sàn 50% số điểm của nhóm (12,5)" in out


def test_the_council_review_is_recorded_verified_and_its_minutes_written(cli: Cli, tmp_path):
    record = tmp_path / "record.json"
    assert cli("review", *ROUND, "--decisions", REVIEW, "-o", record, "-q")[0] == 0
    assert cli("verify", record)[0] == 0
    sealed = json.loads(record.read_text(encoding="utf-8"))
    named = [(record.parent / sealed["inputs"]["base"] / g["path"]).resolve() for g in sealed["inputs"]["grades"]]
    assert named == [GRADES.resolve()]
    minutes = tmp_path / "bien-ban.html"
    assert cli("minutes", record, "-o", minutes, "-q")[0] == 0
    assert "Sở Tài chính" in minutes.read_text(encoding="utf-8")
    # Nông Văn Hùng's grade for Sở Nội vụ changed from 9 to 5: 5, 8.5, 9.5, 8 without 9.5 and 5 → (8.5 + 8) / 2 = 8.25,
    # so I.4 loses 8.75 − 8.25 = 0.50 and the total 92.07 becomes 91.57
    changed = tmp_path / "grades.yaml"
    changed.write_text(GRADES.read_text(encoding="utf-8").replace("points: 9,", "points: 5,", 1), encoding="utf-8")
    code, out, _ = cli("verify", record, "--grades", changed)
    assert code == 1
    assert "DIFFERENT: the grading files given are not those recorded (their digests differ)" in out
    total = "Sở Nội vụ — total points: the record has 92.07, the inputs give 91.57"
    assert f"DIFFERENT: {total} (in the record: scores.units[0].total, proposal.units[0].total, outcome[0].total)" in out


def test_the_exported_score_table_puts_each_lines_own_points_beside_the_computed_ones(cli: Cli, tmp_path):
    table = tmp_path / "bang-diem.csv"
    assert cli("export", *ROUND, "-o", table, "-q", "--lang", "vi")[0] == 0
    head, first = table.read_text(encoding="utf-8-sig").splitlines()[:2]
    assert head.split(";")[5:9] == ["I.1", "I.1 tự chấm", "I.2", "I.2 tự chấm"]
    # Sở Nội vụ, rank 1: I.1 computed 15 × 44/48 = 13,75 against its own 15; I.2 10 × 89,6/91,2 ≈ 9,82 against 10
    assert first.split(";")[:9] == ["so-noi-vu", "Sở Nội vụ", "42,32", "20,50", "26,25", "13,75", "15", "9,82", "10"]


def test_a_report_never_sent_costs_a_point_and_blocks_both_awards(cli: Cli, tmp_path):
    folder = tmp_path / "2024"
    shutil.copytree(SUBMISSIONS, folder)
    own = folder / "so-tai-chinh.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace('"Chậm 1–3 ngày"', '"Không nộp"'), encoding="utf-8")
    code, out, _ = cli("rank", CRITERIA, folder, "--grades", GRADES, "--format", "json")
    assert code == 0
    tai_chinh = unit(json.loads(out), "so-tai-chinh")
    # II.2: "Không nộp" → row 4 of the table: −1 instead of 3, so 90.91 − 3 − 1 = 86.91
    assert tai_chinh["total"] == "86.91"
    assert tai_chinh["proposed"] == []
    refused = {r["id"]: r["reasons"][0] for r in tai_chinh["not_proposed"]}
    assert refused["co-thi-dua-ubnd"]["params"]["disqualifier"] == "khong-nop"
    assert refused["bang-khen-ubnd"]["params"]["disqualifier"] == "khong-nop"
