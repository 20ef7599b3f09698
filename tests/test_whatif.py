"""whatif that cannot mislead: both sides named, tiers by their labels, a change that only missing figures make said so,
the council's assumptions and corrections (known answers by hand)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from rich.console import Console

from scoring import wording
from scoring.criteria import load_criteria
from scoring.render import whatif_table
from scoring.submissions import load_submissions
from scoring.whatif import ALL_UNITS, Assumptions, Carried, MissingData, Unneeded, what_if
from tests.rounds import review_yaml
from tests.shared import Cli

OLD = """\
format: thidua/1
id: r-2023
title: Bảng điểm năm 2023
year: 2023
scale: 10
units:
  a: {name: Đơn vị A}
  b: {name: Đơn vị B}
  c: {name: Đơn vị C}
indicators:
  x: {label: Kết quả, type: number, min: 0, max: 10}
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {id: G.1, label: Kết quả, max: 10, formula: x}
classification:
  - {id: good, label: Tốt, min_total: 8}
  - {id: rest, label: Còn lại}
awards:
  - {id: flag, label: Cờ thi đua, quota: 1, requires: {classification: [good]}}
"""

# 2024: G.1 is worth 8 (x capped at 8), a new G.2 (2 points) reads `digital`, which 2023 did not collect, and every
# line must reach half its maximum to be Tốt (floor: 50%).
NEW = """\
format: thidua/1
id: r-2024
title: Bảng điểm năm 2024
year: 2024
scale: 10
units:
  a: {name: Đơn vị A}
  b: {name: Đơn vị B}
  c: {name: Đơn vị C}
indicators:
  x: {label: Kết quả, type: number, min: 0, max: 10}
  digital: {label: Tỷ lệ số hóa, type: number, min: 0, max: 100}
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {id: G.1, label: Kết quả, max: 8, formula: x}
      - id: G.2
        label: Số hóa
        max: 2
        method: bands
        of: digital
        bands:
          - {from: 0, points: 0}
          - {from: 50, points: 2}
classification:
  - {id: good, label: Tốt, min_total: 8, floor: 50%}
  - {id: rest, label: Còn lại}
awards:
  - {id: flag, label: Cờ thi đua, quota: 1, requires: {classification: [good]}}
"""

ROWS = "round,unit,x\nr-2023,a,9\nr-2023,b,7\nr-2023,c,5\n"

REVIEW = (
    review_yaml("r-2023", "10/12/2023")
    + """\
corrections:
  - {unit: a, indicator: x, value: 6, reason: Kiểm tra chéo}
  - {unit: c, criterion: G.1, points: 3, reason: Chấm lại}
  - {unit: b, criterion: G.1, points: 9, reason: Chấm lại}
"""
)


def write(tmp_path: Path, new: str = NEW, old: str = OLD) -> tuple[Path, Path, Path]:
    (tmp_path / "2023.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(new, encoding="utf-8")
    folder = tmp_path / "subs"
    folder.mkdir(exist_ok=True)
    (folder / "all.csv").write_text(ROWS, encoding="utf-8")
    return tmp_path / "2024.yaml", tmp_path / "2023.yaml", folder


def whatif(cli: Cli, tmp_path: Path, *extra: object, new: str = NEW, old: str = OLD) -> dict:
    new_file, old_file, folder = write(tmp_path, new, old)
    code, out, err = cli("whatif", "--criteria", new_file, folder, "--old", old_file, "--format", "json", *extra)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_a_tier_lost_only_because_last_year_lacks_the_new_indicator_is_marked_as_due_to_missing_data(tmp_path, cli: Cli):
    data = whatif(cli, tmp_path)
    a = data["units"][0]
    # 2023: a = 9 ≥ 8 → Tốt, the flag. 2024: G.1 = min(9, 8) = 8, G.2 = 0 (no figure) < 50% × 2 → not Tốt, no flag.
    # With G.2 at its full 2 points: 8 + 2 = 10, Tốt, the flag again: only the missing figure takes it away.
    assert (a["unit"], a["old"][0]["total"], a["old"][0]["tier_labels"]) == ("a", "9.00", ["Cờ thi đua"])
    assert (a["new"]["total"], a["new"]["tier_labels"], a["tier_changed"]) == ("8.00", [], True)
    assert a["cause"] == {
        "code": "missing_data",
        "params": {"indicators": ["digital"], "lines": ["G.2"]},
        "text": "due to missing figures: digital (not in the earlier submissions; G.2 scored no points)",
    }
    assert [u["cause"] for u in data["units"][1:]] == [None, None]  # b and c had no tier and have none


def test_the_same_change_disappears_when_the_council_assumes_the_missing_value(tmp_path, cli: Cli):
    data = whatif(cli, tmp_path, "--assume", "digital=60")
    a = data["units"][0]
    # 60 ≥ 50 → G.2 = 2; 8 + 2 = 10 → Tốt, the flag as in 2023
    assert (a["new"]["total"], a["new"]["tier_labels"], a["tier_changed"], a["cause"]) == ("10.00", ["Cờ thi đua"], False, None)
    assert a["assumed"] == {"digital": "60"}
    assert data["missing"] == {}


def test_an_assumed_value_that_still_loses_the_tier_is_the_new_rules_effect(tmp_path, cli: Cli):
    data = whatif(cli, tmp_path, "--assume", "digital=10")
    a = data["units"][0]
    # 10 < 50 → G.2 = 0 < 1 (50% of 2): not Tốt; the figure is the council's, so the change is no longer for lack of it
    assert (a["new"]["total"], a["tier_changed"], a["cause"], a["assumed"]) == ("8.00", True, None, {"digital": "10"})


def test_a_change_the_new_rules_make_whatever_the_missing_figure_is_not_put_down_to_missing_data(tmp_path, cli: Cli):
    halved = NEW.replace("{id: G.1, label: Kết quả, max: 8, formula: x}", '{id: G.1, label: Kết quả, max: 8, formula: "x / 2"}')
    data = whatif(cli, tmp_path, new=halved)
    a = data["units"][0]
    # G.1 = 9 / 2 = 4.5; even with G.2 at 2: 6.5 < 8 → not Tốt: the new rules take the flag
    assert (a["new"]["total"], a["tier_changed"], a["cause"]) == ("4.50", True, None)
    with wording.use("vi"):
        assert shown(tmp_path, new=halved)[4].split("│")[-2].strip() == "ĐỔI MỨC KHEN do tiêu chí mới"
    assert shown(tmp_path, new=halved)[4].split("│")[-2].strip() == "TIER CHANGED by the new criteria"


def test_the_assume_file_fills_one_units_gap_and_leaves_the_others_missing(tmp_path, cli: Cli):
    (tmp_path / "assume.yaml").write_text("a: {digital: 95}\n", encoding="utf-8")
    data = whatif(cli, tmp_path, "--assume-file", tmp_path / "assume.yaml")
    assert [(u["unit"], u["assumed"], u["tier_changed"]) for u in data["units"]] == [
        ("a", {"digital": "95"}, False),
        ("b", {}, False),
        ("c", {}, False),
    ]
    assert data["missing"] == {"digital": ["b", "c"]}


def test_an_assume_file_for_every_unit_reads_indicator_value(tmp_path, cli: Cli):
    (tmp_path / "assume.yaml").write_text("digital: 50\n", encoding="utf-8")
    data = whatif(cli, tmp_path, "--assume-file", tmp_path / "assume.yaml")
    # b: min(7, 8) + 2 = 9; c: 5 + 2 = 7
    assert [(u["unit"], u["new"]["total"]) for u in data["units"]] == [("a", "10.00"), ("b", "9.00"), ("c", "7.00")]


def test_a_units_own_assumption_comes_before_the_one_for_every_unit_and_one_filling_no_gap_is_said(tmp_path, cli: Cli):
    (tmp_path / "assume.yaml").write_text("a: {digital: 10}\ndigital: 60\nx: 1\n", encoding="utf-8")
    data = whatif(cli, tmp_path, "--assume-file", tmp_path / "assume.yaml", "--lang", "vi")
    # a: 10 < 50 → G.2 = 0; b: 60 ≥ 50 → 2; x is reported by every unit: the assumption x = 1 is not used
    assert [(u["unit"], u["assumed"], u["new"]["total"]) for u in data["units"]] == [
        ("b", {"digital": "60"}, "9.00"),
        ("a", {"digital": "10"}, "8.00"),
        ("c", {"digital": "60"}, "7.00"),
    ]
    assert [u["text"] for u in data["unneeded"]] == ["giá trị giả định x không được dùng: không đơn vị nào thiếu số liệu này"]


def test_bad_assumptions_are_each_located(tmp_path, cli: Cli):
    new_file, old_file, folder = write(tmp_path)
    (tmp_path / "assume.yaml").write_text("a: {digitl: 95}\nz: {digital: 1}\ndigital: lots\n", encoding="utf-8")
    assume = tmp_path / "assume.yaml"
    args = ("whatif", "--criteria", new_file, folder, "--old", old_file, "--assume-file", assume, "--assume", "digital")
    code, out, err = cli(*args)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "--assume:1:1: 'digital': write INDICATOR=VALUE",
        f"{assume}:1:13: a.digitl: unknown indicator 'digitl'; did you mean 'digital'?",
        f"{assume}:2:4: unit 'z' is not in round r-2024; its units are: a, b, c",
        f"{assume}:3:10: digital: 'lots' is not a number",
        "4 problem(s) found.",
    ]


def test_the_councils_corrections_hold_on_both_sides(tmp_path, cli: Cli):
    (tmp_path / "review.yaml").write_text(REVIEW, encoding="utf-8")
    data = whatif(cli, tmp_path, "--decisions", tmp_path / "review.yaml")
    totals = {u["unit"]: (u["old"][0]["total"], u["new"]["total"]) for u in data["units"]}
    # a: x corrected 9 → 6 on both sides: 6 and min(6, 8) + 0 = 6; c: G.1 set to 3 on both sides: 3 and 3 + 0 = 3;
    # b: G.1 set to 9 in 2023, more than the new maximum 8: not carried, so 2024 scores x = 7.
    assert totals == {"a": ("6.00", "6.00"), "b": ("9.00", "7.00"), "c": ("3.00", "3.00")}
    assert data["not_carried"] == [
        {
            "code": "carried",
            "params": {"unit": "b", "criterion": "G.1", "points": "9", "maximum": "8"},
            "text": "the council set 9 points on G.1 of b: more than its new maximum 8",
        }
    ]


def shown(tmp_path: Path, new: str = NEW, old: str = OLD, assume: Assumptions | None = None) -> list[str]:
    """The whatif table as the terminal shows it, wide enough for every cell on one line."""
    new_file, old_file, folder = write(tmp_path, new, old)
    criteria, before = load_criteria(new_file), load_criteria(old_file)
    console = Console(width=400, record=True)
    console.print(whatif_table(what_if(criteria, before, load_submissions(before, [folder]), assume=assume)))
    return console.export_text().splitlines()


def test_the_table_names_both_years_and_the_tiers_by_their_labels(tmp_path):
    lines = shown(tmp_path)
    assert lines[0].strip() == "If the criteria of 2024 (r-2024) were applied to the figures of 2023 (r-2023)"
    header = [cell.strip() for cell in lines[2].split("┃")[1:-1]]
    assert header == [
        "Unit",
        "Criteria of 2023: total (rank)",
        "Criteria of 2023: proposed awards",
        "Criteria of 2024: total (rank)",
        "Criteria of 2024: proposed awards",
        "Change of tier",
    ]
    row = [cell.strip() for cell in lines[4].split("│")[1:-1]]
    assert row == [
        "Đơn vị A",
        "a: 9.00 (1)",
        "Cờ thi đua",
        "8.00 (1)",
        "—",
        "due to missing figures: digital (not in the earlier submissions; G.2 scored no points)",
    ]


def test_the_table_in_vietnamese_says_due_to_missing_data_and_what_was_assumed(tmp_path):
    with wording.use("vi"):
        lines = shown(tmp_path)
        assumed = shown(tmp_path, assume={ALL_UNITS: {"digital": D("60.5")}})
    assert lines[0].strip() == "Nếu áp dụng tiêu chí năm 2024 (r-2024) cho số liệu năm 2023 (r-2023)"
    assert [c.strip() for c in lines[2].split("┃")[1:-1]] == [
        "Đơn vị",
        "Tiêu chí năm 2023: tổng điểm (thứ hạng)",
        "Tiêu chí năm 2023: khen thưởng đề nghị",
        "Tiêu chí năm 2024: tổng điểm (thứ hạng)",
        "Tiêu chí năm 2024: khen thưởng đề nghị",
        "Thay đổi mức khen",
    ]
    assert lines[4].split("│")[-2].strip() == (
        "do thiếu số liệu: digital (số liệu báo cáo đợt trước không có; G.2 không được tính điểm)"
    )
    assert assumed[4].split("│")[-2].strip() == "giả định: digital = 60,5"


def test_without_years_the_sides_are_named_by_the_rounds_ids(tmp_path):
    lines = shown(tmp_path, NEW.replace("year: 2024\n", ""), OLD.replace("year: 2023\n", ""))
    assert lines[0].strip() == "If r-2024 were applied to the figures of r-2023"
    assert [c.strip() for c in lines[2].split("┃")[1:-1]] == [
        "Unit",
        "r-2023: total (rank)",
        "r-2023: proposed awards",
        "r-2024: total (rank)",
        "r-2024: proposed awards",
        "Change of tier",
    ]


def test_other_units_gaps_are_said_as_such(tmp_path, cli: Cli):
    # The council assumes digital for b only: a's gap alone gives b its new tier.
    (tmp_path / "assume.yaml").write_text("b: {digital: 60}\n", encoding="utf-8")
    data = whatif(cli, tmp_path, "--assume-file", tmp_path / "assume.yaml")
    # 2023: a 9 (Tốt, the flag), b 7 (not Tốt). 2024: a 8 + 0 (floor broken), b 7 + 2 = 9 → Tốt, the flag.
    # With a's G.2 at its full 2 points: a 10 takes the flag back, b has none: both changes come from a's gap.
    assert [(u["unit"], u["tier_changed"], u["cause"] and u["cause"]["params"]) for u in data["units"]] == [
        ("b", True, {"indicators": ["digital"], "lines": []}),
        ("a", True, {"indicators": ["digital"], "lines": ["G.2"]}),
        ("c", False, None),
    ]


def test_a_figure_the_earlier_round_collected_and_a_unit_left_out_is_the_units_own_gap(tmp_path):
    declared = "  digital: {label: Tỷ lệ số hóa, type: number, min: 0, max: 100}\n"
    new_file, old_file, folder = write(tmp_path, NEW, OLD.replace("groups:\n", declared + "groups:\n"))
    (folder / "all.csv").write_text("round,unit,x,digital\nr-2023,a,9,\nr-2023,b,7,60\nr-2023,c,5,60\n", encoding="utf-8")
    new, before = load_criteria(new_file), load_criteria(old_file)
    w = what_if(new, before, load_submissions(before, [folder]))
    # a did not report digital in 2023, which asked for it: its lost flag is the new rules' (G.2 and its floor)
    assert [(r.unit.id, r.changed, r.cause) for r in w.rows] == [("b", True, None), ("a", True, None), ("c", False, None)]
    assert w.missing == {"digital": ("a",)}


@pytest.mark.parametrize(
    ("fact", "english", "vietnamese"),
    [
        (
            MissingData(("digital",), ("G.2",)),
            "due to missing figures: digital (not in the earlier submissions; G.2 scored no points)",
            "do thiếu số liệu: digital (số liệu báo cáo đợt trước không có; G.2 không được tính điểm)",
        ),
        (
            MissingData(("digital", "fund"), ()),
            "due to missing figures: digital, fund (not in the earlier submissions of other units)",
            "do thiếu số liệu: digital, fund (số liệu báo cáo đợt trước của các đơn vị khác không có)",
        ),
        (
            Carried("b", "G.1", D("9.5"), None),
            "the council set 9.5 points on G.1 of b: the new criteria have no such line for that unit",
            "Hội đồng đã chấm 9,5 điểm tiêu chí G.1 của b: tiêu chí mới không có tiêu chí này cho đơn vị đó",
        ),
        (
            Carried("b", "G.1", D("9"), D("8")),
            "the council set 9 points on G.1 of b: more than its new maximum 8",
            "Hội đồng đã chấm 9 điểm tiêu chí G.1 của b: vượt điểm tối đa mới 8",
        ),
        (
            Unneeded("a", "x"),
            "the assumed x of a is not used: the unit has it",
            "giá trị giả định x của a không được dùng: đơn vị đã có số liệu này",
        ),
    ],
)
def test_whatif_facts_are_worded_in_both_languages(fact, english, vietnamese):
    assert (wording.word(fact, "en"), wording.word(fact, "vi")) == (english, vietnamese)


def test_whatif_says_which_set_points_stay_with_the_earlier_round(tmp_path, cli: Cli):
    new_file, old_file, folder = write(tmp_path)
    (tmp_path / "review.yaml").write_text(REVIEW, encoding="utf-8")
    args = ("whatif", "--criteria", new_file, folder, "--old", old_file, "--decisions", tmp_path / "review.yaml")
    code, out, err = cli(*args)
    assert (code, err) == (0, "")
    assert "not carried: the council set 9 points on G.1 of b: more than its new maximum 8" in out.splitlines()
    code, out, _ = cli(*args, "--lang", "vi")
    assert "không áp dụng sang tiêu chí mới: Hội đồng đã chấm 9 điểm tiêu chí G.1 của b: vượt điểm tối đa mới 8" in (
        out.splitlines()
    )


def test_a_review_of_another_round_is_refused(tmp_path, cli: Cli):
    new_file, old_file, folder = write(tmp_path)
    review = tmp_path / "review.yaml"
    review.write_text(REVIEW.replace("round: r-2023", "round: r-2024"), encoding="utf-8")
    code, out, err = cli("whatif", "--criteria", new_file, folder, "--old", old_file, "--decisions", review)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{review}:2:8: round: this review is for round 'r-2024', but the criteria are for round 'r-2023'"
    )
