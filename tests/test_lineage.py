"""Year over year: previous(x), merged units, renamed indicators, and what-if scoring (known answers by hand)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from scoring import wording
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import NoPoints, NoValue, evaluate
from scoring.lineage import AsReported, Combined, formed, previous_values
from scoring.numbers import CONTEXT
from scoring.output import score_data, to_json
from scoring.submissions import load_submissions
from scoring.whatif import NOT_BEFORE, what_if

BEFORE = """\
format: thidua/1
id: r-2024
title: Năm 2024
year: 2024
scale: 10
units:
  a: {name: A}
  b: {name: B}
  c: {name: C}
indicators:
  members: {label: Hội viên, type: integer, min: 1}
  new_members: {label: Kết nạp, type: integer, min: 0}
  dues_pct: {label: Tỷ lệ đóng hội phí, type: number, min: 0, max: 100}
  plan: {label: Kế hoạch, type: boolean}
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {id: G.1, label: Kết nạp, max: 10, method: relative, of: new_members}
classification:
  - {id: all, label: Tất cả}
"""

AFTER = """\
format: thidua/1
id: r-2025
title: Năm 2025
year: 2025
scale: 10
previous: {criteria: 2024.yaml, submissions: subs-2024}
units:
  a: {name: A}
  bc: {name: B+C, formed_from: [b, c]}
renamed:
  new_members: admitted
indicators:
  members: {label: Hội viên, type: integer, min: 1}
  admitted: {label: Kết nạp, type: integer, min: 0}
  dues_pct: {label: Tỷ lệ đóng hội phí, type: number, min: 0, max: 100, carry: {weighted_mean: members}}
  plan: {label: Kế hoạch, type: boolean, carry: all}
derived:
  growth: admitted / previous(admitted) - 1
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {id: G.1, label: Tăng trưởng, max: 6, formula: "max_points * clamp(growth / 0.5, 0, 1)"}
      - {id: G.2, label: Hội phí, max: 2, formula: "2 if dues_pct >= previous(dues_pct) else 0"}
      - {id: G.3, label: Kế hoạch, max: 2, formula: "2 if previous(plan) else 0", if_missing: no_points}
classification:
  - {id: all, label: Tất cả}
"""

ROWS_2024 = """\
round,unit,members,new_members,dues_pct,plan
r-2024,a,1000,100,90,có
r-2024,b,3000,60,80,có
r-2024,c,1000,40,100,không
"""
ROWS_2025 = """\
round,unit,members,admitted,dues_pct,plan
r-2025,a,1100,150,95,có
r-2025,bc,4100,120,85,có
"""


def write(folder: Path) -> Path:
    (folder / "subs-2024").mkdir(parents=True)
    (folder / "subs-2025").mkdir()
    (folder / "2024.yaml").write_text(BEFORE, encoding="utf-8")
    (folder / "2025.yaml").write_text(AFTER, encoding="utf-8")
    (folder / "subs-2024" / "all.csv").write_text(ROWS_2024, encoding="utf-8")
    (folder / "subs-2025" / "all.csv").write_text(ROWS_2025, encoding="utf-8")
    return folder


def test_previous_values_of_a_kept_unit_and_a_merged_one(tmp_path):
    criteria = load_criteria(write(tmp_path) / "2025.yaml")
    carried = previous_values(criteria)
    assert carried is not None
    # a kept its id: its own 2024 figures; new_members is read under its old name
    assert carried.values["a"] == {"previous(admitted)": D(100), "previous(dues_pct)": D(90), "previous(plan)": True}
    # bc = b + c: admitted summed 60 + 40 = 100; dues weighted by members (80·3000 + 100·1000) / 4000 = 85;
    # plan carried by all: có and không → không
    assert carried.values["bc"] == {"previous(admitted)": D(100), "previous(dues_pct)": D(85), "previous(plan)": False}
    assert carried.notes["bc"]["previous(admitted)"] == Combined("r-2024", "sum", (("b", D(60)), ("c", D(40))), D(100))
    assert carried.notes["bc"]["previous(dues_pct)"] == Combined(
        "r-2024", "weighted_mean", (("b", D(80)), ("c", D(100))), D(85), "members", (("b", D(3000)), ("c", D(1000)))
    )
    assert carried.notes["a"]["previous(plan)"] == AsReported("r-2024", "a", True)
    assert str(formed(carried.notes["bc"]["previous(admitted)"])) == "r-2024: sum of b 60, c 40 = 100"


def test_growth_on_last_year_for_a_merged_unit(tmp_path):
    folder = write(tmp_path)
    criteria = load_criteria(folder / "2025.yaml")
    results = evaluate(criteria, load_submissions(criteria, [folder / "subs-2025"]), previous=previous_values(criteria))
    a, bc = (results.scorecard(u) for u in ("a", "bc"))
    # a: growth 150/100 − 1 = 0.5 → 6 × clamp(0.5/0.5) = 6; dues 95 ≥ 90 → 2; plan 2024 có → 2; total 10
    assert [line.points for line in a.lines] == [D("6.00"), D("2.00"), D("2.00")]
    # bc: growth 120/100 − 1 = 0.2 → 6 × 0.2/0.5 = 2.4; dues 85 ≥ 85 → 2; plan 2024 all(có, không) = không → 0
    assert [line.points for line in bc.lines] == [D("2.40"), D("2.00"), D("0.00")]
    assert bc.total == D("4.40")


def test_explain_shows_how_a_previous_value_was_formed(tmp_path, capsys, monkeypatch):
    folder = write(tmp_path)
    monkeypatch.chdir(folder)
    assert main(["explain", "2025.yaml", "subs-2025", "--unit", "bc"]) == 0
    out = capsys.readouterr().out
    assert "previous(admitted) = 100 [r-2024: sum of b 60, c 40 = 100]" in out
    assert "previous(dues_pct) = 85 [r-2024: mean weighted by members (b 3000, c 1000) of b 80, c 100 = 85]" in out


def test_a_predecessor_without_the_value_leaves_no_previous_value(tmp_path):
    folder = write(tmp_path)
    rows = ROWS_2024.replace("r-2024,c,1000,40,100,không", "r-2024,c,1000,40,100,")  # c did not report plan
    (folder / "subs-2024" / "all.csv").write_text(rows, encoding="utf-8")
    criteria = load_criteria(folder / "2025.yaml")
    results = evaluate(criteria, load_submissions(criteria, [folder / "subs-2025"]), previous=previous_values(criteria))
    line = results.scorecard("bc").lines[2]
    # never all(có) over half the predecessors: no value, so G.3's if_missing: no_points applies
    assert (line.points, line.notes) == (D("0.00"), (NoPoints("previous(plan)", NoValue()),))
    assert wording.word(line.notes[0], "en") == "no value for 'previous(plan)' (no value): no points (if_missing: no_points)"


def test_previous_needs_a_previous_round(tmp_path, capsys):
    text = AFTER.replace("previous: {criteria: 2024.yaml, submissions: subs-2024}\n", "")
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(tmp_path / "c.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"{tmp_path / 'c.yaml'}:17:11: derived.growth: previous(admitted) needs the previous round:"
        " declare previous: {criteria: …, submissions: …}\n"
    )


def test_a_predecessor_that_is_not_in_the_previous_round(tmp_path):
    folder = write(tmp_path)
    (folder / "2025.yaml").write_text(AFTER.replace("formed_from: [b, c]", "formed_from: [b, x]"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        previous_values(load_criteria(folder / "2025.yaml"))
    assert (
        str(refused.value)
        == f"{folder / '2025.yaml'}:1:1: unit bc is formed from 'x', which is not a unit of the previous round r-2024"
    )


def test_how_each_previous_value_was_formed_in_vietnamese(tmp_path):
    carried = previous_values(load_criteria(write(tmp_path) / "2025.yaml"))
    assert carried is not None
    shown = {(u, n): wording.word(formed(fact), "vi") for u, notes in carried.notes.items() for n, fact in notes.items()}
    assert shown == {
        ("a", "previous(admitted)"): "r-2024: số liệu của a là 100",
        ("a", "previous(dues_pct)"): "r-2024: số liệu của a là 90",
        ("a", "previous(plan)"): "r-2024: số liệu của a là có",
        ("bc", "previous(admitted)"): "r-2024: tổng của b 60, c 40 = 100",
        ("bc", "previous(dues_pct)"): "r-2024: trung bình có trọng số theo members (b 3.000, c 1.000) của b 80, c 100 = 85",
        ("bc", "previous(plan)"): "r-2024: all của b có, c không (có nếu mọi đơn vị đều có) = không",
    }


@pytest.mark.parametrize(
    ("rule", "vietnamese", "english"),
    [
        ("mean", "r-2024: trung bình cộng của b 1,5, c 2 = 1,75", "r-2024: mean of b 1.5, c 2 = 1.75"),
        ("max", "r-2024: giá trị lớn nhất trong b 1,5, c 2 = 1,75", "r-2024: max of b 1.5, c 2 = 1.75"),
        ("min", "r-2024: giá trị nhỏ nhất trong b 1,5, c 2 = 1,75", "r-2024: min of b 1.5, c 2 = 1.75"),
        ("sum", "r-2024: tổng của b 1,5, c 2 = 1,75", "r-2024: sum of b 1.5, c 2 = 1.75"),
    ],
)
def test_each_carry_rule_is_worded_in_both_languages(rule, vietnamese, english):
    fact = Combined("r-2024", rule, (("b", D("1.5")), ("c", D(2))), D("1.75"))
    assert (wording.word(formed(fact), "vi"), wording.word(formed(fact), "en")) == (vietnamese, english)


def test_a_long_combined_value_is_shown_to_four_places_and_yes_no_stays_co_khong():
    mean = Combined("r-2024", "mean", (("b", D(1)), ("c", D(2)), ("d", D(2))), CONTEXT.divide(D(5), D(3)))
    assert wording.word(formed(mean), "vi") == "r-2024: trung bình cộng của b 1, c 2, d 2 = ≈1,6667"
    assert wording.word(formed(mean), "en") == "r-2024: mean of b 1, c 2, d 2 = ≈1.6667"
    anyone = Combined("r-2024", "any", (("b", False), ("c", True)), True)
    assert wording.word(formed(anyone), "vi") == "r-2024: any của b không, c có (có nếu ít nhất một đơn vị có) = có"
    assert wording.word(formed(anyone), "en") == "r-2024: any of b không, c có = có"


def test_a_predecessor_that_is_not_in_the_previous_round_in_vietnamese(tmp_path):
    folder = write(tmp_path)
    (folder / "2025.yaml").write_text(AFTER.replace("formed_from: [b, c]", "formed_from: [b, x]"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        previous_values(load_criteria(folder / "2025.yaml"))
    with wording.use("vi"):
        shown = [str(p) for p in refused.value.problems]
    assert shown == [
        f"{folder / '2025.yaml'}:1:1: đơn vị bc được hình thành từ 'x',"
        " nhưng 'x' không phải là đơn vị của đợt thi đua trước r-2024"
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("carry: all}", "carry: sum}", "indicators.plan.carry: a boolean indicator carries by any or all, not sum"),
        (
            "{weighted_mean: members}",
            "{weighted_mean: plan}",
            "indicators.dues_pct.carry.weighted_mean: 'plan' is not a numeric indicator of this round",
        ),
        (
            "new_members: admitted",
            "new_members: admited",
            "renamed.new_members: unknown indicator 'admited'; did you mean 'admitted'?",
        ),
    ],
)
def test_lineage_keys_are_checked(tmp_path, capsys, old, new, message):
    (tmp_path / "c.yaml").write_text(AFTER.replace(old, new), encoding="utf-8")
    assert main(["validate", str(tmp_path / "c.yaml")]) == 1
    assert message in capsys.readouterr().err


def test_whatif_equals_scoring_the_same_figures_under_the_new_criteria(tmp_path):
    folder = write(tmp_path)
    old, new = load_criteria(folder / "2024.yaml"), load_criteria(folder / "2025.yaml")
    submissions = load_submissions(old, [folder / "subs-2024"])
    w = what_if(new, old, submissions)
    # The same figures written directly as a 2025 submission: a as it was; bc as b + c carried by the rules.
    direct = folder / "direct"
    direct.mkdir()
    (direct / "all.csv").write_text(
        "round,unit,members,admitted,dues_pct,plan\nr-2025,a,1000,100,90,có\nr-2025,bc,4000,100,85,không\n", encoding="utf-8"
    )
    expected = evaluate(new, load_submissions(new, [direct]), previous=previous_values(new))
    got, want = score_data(w.new.results), score_data(expected)
    for unit in (*got["units"], *want["units"]):
        unit.pop("submission_sha256")
        for line in unit["criteria"]:
            for entry in line["inputs"].values():
                entry.pop("evidence", None)
                entry.pop("source", None)
    assert to_json(got) == to_json(want)
    assert (w.missing, w.left_out) == ({}, ())


def test_whatif_lists_what_the_earlier_figures_lack(tmp_path, capsys, monkeypatch):
    folder = write(tmp_path)
    text = AFTER.replace(
        "  plan: {label: Kế hoạch, type: boolean, carry: all}",
        "  plan: {label: Kế hoạch, type: boolean, carry: all}\n  digital: {label: Số hóa, type: boolean}",
    )
    text = text.replace(
        '{id: G.3, label: Kế hoạch, max: 2, formula: "2 if previous(plan) else 0", if_missing: no_points}',
        "{id: G.3, label: Số hóa, max: 2, method: achieved, of: digital}",
    )
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert main(["whatif", "--criteria", "2025.yaml", "subs-2024", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["missing"] == {"digital": ["a", "bc"]}
    assert data["affected"] == {"G.3": ["digital"]}
    assert [u["unit"] for u in data["units"][0]["old"]] in (["a"], ["b", "c"])
    bc = next(u for u in data["units"] if u["unit"] == "bc")
    assert [o["unit"] for o in bc["old"]] == ["b", "c"]


def test_whatif_refuses_a_unit_without_earlier_figures(tmp_path):
    folder = write(tmp_path)
    (folder / "2025.yaml").write_text(AFTER.replace("  a: {name: A}\n", "  a: {name: A}\n  d: {name: D}\n"), encoding="utf-8")
    old, new = load_criteria(folder / "2024.yaml"), load_criteria(folder / "2025.yaml")
    with pytest.raises(InvalidInput) as refused:
        what_if(new, old, load_submissions(old, [folder / "subs-2024"]))
    (problem,) = refused.value.problems
    where = f"{folder / '2025.yaml'}:1:1: "
    assert str(problem) == where + "unit d has no figures in round r-2024 (it is not there, nor formed from units there)"
    with wording.use("vi"):
        assert str(problem) == where + (
            "đơn vị d không có số liệu trong đợt r-2024"
            " (không có trong đợt đó, cũng không được hình thành từ đơn vị nào của đợt đó)"
        )


def test_whatif_refuses_a_disqualifier_that_reads_what_the_earlier_figures_lack(tmp_path):
    folder = write(tmp_path)
    text = AFTER.replace(
        "  plan: {label: Kế hoạch, type: boolean, carry: all}",
        "  plan: {label: Kế hoạch, type: boolean, carry: all}\n  digital: {label: Số hóa, type: boolean}",
    ).replace(
        "classification:\n",
        "disqualifiers:\n  - {id: paper, label: Chưa số hóa, when: not digital, blocks: [good]}\n"
        "classification:\n  - {id: good, label: Tốt, min_total: 5}\n",
    )
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    old, new = load_criteria(folder / "2024.yaml"), load_criteria(folder / "2025.yaml")
    with pytest.raises(InvalidInput) as refused:
        what_if(new, old, load_submissions(old, [folder / "subs-2024"]))
    (problem,) = refused.value.problems
    where = f"{folder / '2025.yaml'}:29:1: "
    assert str(problem) == where + "disqualifier paper reads digital, not in the earlier submissions"
    with wording.use("vi"):
        assert str(problem) == where + (
            "điều kiện loại trừ paper dùng chỉ tiêu digital mà số liệu báo cáo của đợt trước không có"
        )


def test_whatif_says_what_the_earlier_figures_lack_in_both_languages(tmp_path, capsys, monkeypatch):
    folder = write(tmp_path)
    text = AFTER.replace(
        "  plan: {label: Kế hoạch, type: boolean, carry: all}",
        "  plan: {label: Kế hoạch, type: boolean, carry: all}\n  digital: {label: Số hóa, type: boolean}",
    ).replace(
        '{id: G.3, label: Kế hoạch, max: 2, formula: "2 if previous(plan) else 0", if_missing: no_points}',
        "{id: G.3, label: Số hóa, max: 2, method: achieved, of: digital}",
    )
    (folder / "2025.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert (str(NOT_BEFORE), wording.word(NOT_BEFORE, "vi")) == (
        "not in the earlier submissions",
        "không có trong số liệu báo cáo đợt trước",
    )
    monkeypatch.setenv("COLUMNS", "400")
    assert main(["whatif", "--criteria", "2025.yaml", "subs-2024"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert "digital: not in the earlier submissions of a, bc; the criteria reading it score no points here" in english
    monkeypatch.setenv("THIDUA_LANG", "vi")
    assert main(["whatif", "--criteria", "2025.yaml", "subs-2024"]) == 0
    vietnamese = capsys.readouterr().out.splitlines()
    assert any(line.startswith("digital: không có trong số liệu báo cáo đợt trước của a, bc; ") for line in vietnamese)


ROOT = Path(__file__).resolve().parent.parent


def test_the_2025_example_after_the_merger():
    criteria = load_criteria(ROOT / "criteria/hoi-ccb-cum-3/2025.yaml")
    carried = previous_values(criteria)
    assert carried is not None
    tn, bn = carried.values["thai-nguyen"], carried.values["bac-ninh"]
    # Thái Nguyên = Thái Nguyên + Bắc Kạn of 2024; Bắc Ninh = Bắc Ninh + Bắc Giang of 2024
    assert (tn["previous(loans)"], bn["previous(loans)"]) == (D("962.4") + D("338.7"), D("764.2") + D("1158.6"))
    # new_members of 2024, read as members_admitted: 1082 + 326 and 914 + 1276
    assert (tn["previous(members_admitted)"], bn["previous(members_admitted)"]) == (D(1408), D(2190))
    # dues weighted by members: (99.2 × 49874 + 96.8 × 12871) / 62745 = 6193413.6 / 62745
    assert tn["previous(dues_paid_pct)"] == CONTEXT.divide(D("6193413.6"), D(62745))  # at the engine's 34 digits
    # no complaints two years running, carried by all: Bắc Giang had complaints in 2024
    assert bn["previous(no_complaints)"] is False
    results = evaluate(criteria, load_submissions(criteria, [ROOT / "examples/hoi-ccb-cum-3/2025"]), previous=carried)
    points = {(c.unit.id, line.criterion.id): line.points for c in results.scorecards for line in c.lines}
    # II.6 loans growth, full at +8%: 2 × (1389.5 / 1301.1 − 1) / 0.08 = 1.698… → 1.70
    assert points[("thai-nguyen", "II.6")] == D("1.70")
    # V.7 growth in new members, full at +5%: 2 × (1462 / 1408 − 1) / 0.05 = 1.534… → 1.53
    assert points[("thai-nguyen", "V.7")] == D("1.53")
    # V.4: 98.5 < 98.7077 (weighted; the plain mean 98.0 would not be) → 4 × 18.5/20 × 0.75 = 2.775 → 2.78
    assert points[("thai-nguyen", "V.4")] == D("2.78")
    # V.5: full points only without complaints two years running: Bắc Ninh gets 3 of 4
    assert points[("bac-ninh", "V.5")] == D("3.00")


REVIEW_2025 = """\
format: thidua/review-1
round: r-2025
meeting: {date: "20/12/2025", place: Thái Nguyên, chair: Chủ trì, secretary: Thư ký, attendees: [A, B+C]}
reviewed_by: Thư ký
approved_by: Chủ trì
"""


def test_the_record_seals_the_previous_rounds_files_too(tmp_path, capsys, monkeypatch):
    folder = write(tmp_path)
    (folder / "review.yaml").write_text(REVIEW_2025, encoding="utf-8")
    monkeypatch.chdir(folder)
    assert main(["review", "2025.yaml", "subs-2025", "--decisions", "review.yaml", "-o", "record.json"]) == 0
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    assert [p["path"] for p in record["inputs"]["previous"]] == ["2024.yaml", "subs-2024/all.csv"]
    assert main(["verify", "record.json"]) == 0
    # one byte of last year's figures changes this year's growth: verify names the file
    rows = (folder / "subs-2024" / "all.csv").read_text(encoding="utf-8").replace("r-2024,a,1000,100", "r-2024,a,1000,101")
    (folder / "subs-2024" / "all.csv").write_text(rows, encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", "record.json"]) == 1
    out = capsys.readouterr().out
    assert "DIFFERENT: previous round's file subs-2024/all.csv: its SHA-256 is" in out
