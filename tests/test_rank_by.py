"""Awards ranked by a measure other than the total (`rank_by`, scoring/awards.py): known answers at the boundaries.

The rounds have two groups: I = I.1 (30, over i1) + I.2 (20, over i2) and II = II.1 (50, over ii), and a bonus
`extra` (Thành tích đột xuất) added to the total as written. So a unit's criteria before bonuses and deductions
are i1 + i2 + ii, its group I is i1 + i2, and its total is i1 + i2 + ii + extra. Points at 2 places: "to pass"
adds 0.01.

The base round (BASE):
  a: 30 + 20 + 40 = 90.00 criteria (group I 50.00), + 6 bonus = 96.00 total
  b: 28 + 20 + 44 = 92.00 criteria (group I 48.00), no bonus   = 92.00 total
  c: 25 + 15 + 40 = 80.00 criteria (group I 40.00), + 5 bonus = 85.00 total
By total a leads; by the criteria before the bonuses, b does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal as D
from pathlib import Path

import pytest

from scoring.awards import (
    AlreadyProposed,
    BeyondQuota,
    BlockedBy,
    FixedQuota,
    PointsToPass,
    Position,
    Proposal,
    RankAtMost,
    RankTooLow,
    TiedForLastSeats,
    Unmeasured,
    Unreachable,
    ValueFor,
    WithinQuota,
    propose,
)
from scoring.criteria import TOTAL, Measure, load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import evaluate
from scoring.explain import proposal_story
from scoring.output import rank_data
from scoring.render import plain_text
from scoring.submissions import load_submissions
from scoring.wording import use, word
from tests.rounds import criteria_yaml, csv_text
from tests.test_awards import refusal, rule, said

TWO_GROUPS = (("I", (("I.1", 30, "i1"), ("I.2", 20, "i2"))), ("II", (("II.1", 50, "ii"),)))
EXTRA = "{label: Điểm thưởng, type: number, min: 0, default: 0}"
BONUS = """adjustments:\n  - {id: extra, label: Thành tích đột xuất, kind: bonus, formula: "extra"}\n"""
FLAG = "Cờ thi đua"
BK = "Bằng khen"
CRITERIA = Measure("criteria")
GROUP_I = Measure("group", "I")
Row = Mapping[str, str | int]


def row(unit: str, i1: str | int, i2: int, ii: int, extra: int = 0) -> Row:
    return {"unit": unit, "i1": i1, "i2": i2, "ii": ii, "extra": extra}


BASE = [row("a", 30, 20, 40, 6), row("b", 28, 20, 44), row("c", 25, 15, 40, 5)]


def text(
    awards: str,
    *,
    units: Sequence[str] | Mapping[str, str] = ("a", "b", "c"),
    clusters: Sequence[str] = (),
    indicators: Mapping[str, str] | None = None,
    extra: str = "",
) -> str:
    """The round with its bonus, `extra` (tie_break, rank_by …) and `awards` (the awards' list items)."""
    return criteria_yaml(
        units,
        groups=TWO_GROUPS,
        indicators={"extra": EXTRA, **(indicators or {})},
        clusters=clusters,
        extra=BONUS + extra + "awards:\n" + awards,
    )


def ranked(folder: Path, criteria: str, rows: Sequence[Row] = BASE) -> Proposal:
    (folder / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (folder / "submissions.csv").write_text(csv_text(rows), encoding="utf-8")
    loaded = load_criteria(folder / "criteria.yaml")
    return propose(evaluate(loaded, load_submissions(loaded, [folder / "submissions.csv"])))


def proposed(p: Proposal) -> dict[str, list[str]]:
    return {o.standing.unit: [a.id for a, _ in o.proposed] for o in p.outcomes}


def by_criteria(rank: int, value: str, nth: int | None = None, cluster: str | None = None) -> Position:
    return Position(rank, cluster, nth, CRITERIA, D(value))


# --- rank_by: criteria -------------------------------------------------------------------------------------------------


def test_the_leader_by_the_criteria_before_bonuses_is_not_the_unit_with_the_highest_total(tmp_path):
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n"))
    assert [(o.standing.unit, o.standing.rank, f"{o.standing.card.total:f}") for o in p.outcomes] == [
        ("a", 1, "96.00"),
        ("b", 2, "92.00"),
        ("c", 3, "85.00"),
    ]
    assert proposed(p) == {"a": [], "b": ["flag"], "c": []}
    # b: 28 + 20 + 44 = 92.00, the best criteria: first by the measure though second by total
    assert rule(p, "b", "flag") == WithinQuota(by_criteria(1, "92.00"), FixedQuota(1))
    assert said(rule(p, "b", "flag")) == (
        "rank 1 in the round by the criteria's points before bonuses and deductions (92.00), within the quota (1 seat)",
        "hạng 1 toàn đợt theo điểm các tiêu chí trước điểm cộng/trừ (92,00), trong hạn mức (1 suất)",
    )
    # a: 30 + 20 + 40 = 90.00; to pass b: 92.00 − 90.00 + 0.01 = 2.01, in the criteria (its 6 bonus points do not count)
    reasons, would_take = refusal(p, "a", "flag")
    assert reasons == (BeyondQuota(by_criteria(2, "90.00"), FixedQuota(1), ("b",), ()),)
    assert would_take == (PointsToPass(D("2.01"), ("b",), "took", False, CRITERIA),)
    assert said(reasons) == (
        "rank 2 in the round by the criteria's points before bonuses and deductions (90.00): beyond the quota (1 seat),"
        " which went to b",
        "hạng 2 toàn đợt theo điểm các tiêu chí trước điểm cộng/trừ (90,00): ngoài hạn mức (1 suất), các suất đã thuộc về b",
    )
    assert said(would_take) == (
        "2.01 more in the criteria's points before bonuses and deductions to pass b, the last to take a seat",
        "thêm 2,01 điểm các tiêu chí trước điểm cộng/trừ để vượt b, đơn vị cuối cùng nhận suất",
    )
    # c: 25 + 15 + 40 = 80.00; 92.00 − 80.00 + 0.01 = 12.01
    assert refusal(p, "c", "flag") == (
        (BeyondQuota(by_criteria(3, "80.00"), FixedQuota(1), ("b",), ()),),
        (PointsToPass(D("12.01"), ("b",), "took", False, CRITERIA),),
    )
    # the distance to the next rank stays in total points: b to pass a, 96.00 − 92.00 + 0.01 = 4.01
    assert word(p.outcome("b").to_next_rank, "en") == "4.01 more points to pass a (rank 1)"


def test_one_hundredth_below_on_the_criteria_is_beyond_the_seat(tmp_path):
    # a: 29.99 + 20 + 42 = 91.99 < b's 92.00 → b; a needs 92.00 − 91.99 + 0.01 = 0.02
    rows = [row("a", "29,99", 20, 42, 6), row("b", 28, 20, 44), row("c", 25, 15, 40, 5)]
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n"), rows)
    assert proposed(p)["b"] == ["flag"]
    assert refusal(p, "a", "flag")[1] == (PointsToPass(D("0.02"), ("b",), "took", False, CRITERIA),)


def test_equal_criteria_at_the_last_seat_go_to_the_council_whatever_the_totals(tmp_path):
    # a: 30 + 20 + 42 = 92.00 = b's 92.00 (a's total 98.00 is higher, but the award does not rank by it): a tie
    rows = [row("a", 30, 20, 42, 6), row("b", 28, 20, 44), row("c", 25, 15, 40, 5)]
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n"), rows)
    (seats,) = p.seats
    assert (seats.proposed, seats.for_council, seats.open_seats) == ((), ("a", "b"), 1)
    assert refusal(p, "a", "flag")[0] == (TiedForLastSeats(by_criteria(1, "92.00"), ("b",), 1),)
    assert said(refusal(p, "b", "flag")[0]) == (
        "tied with a for the last seat (rank 1 in the round by the criteria's points before bonuses and deductions"
        " (92.00)): for the council to decide",
        "đồng hạng với a ở suất cuối (hạng 1 toàn đợt theo điểm các tiêu chí trước điểm cộng/trừ (92,00)): Hội đồng quyết định",
    )
    # c must pass both: 92.00 − 80.00 + 0.01 = 12.01
    reasons, would_take = refusal(p, "c", "flag")
    assert reasons == (BeyondQuota(by_criteria(3, "80.00"), FixedQuota(1), (), ("a", "b")),)
    assert would_take == (PointsToPass(D("12.01"), ("a", "b"), "tied", False, CRITERIA),)
    assert said(would_take) == (
        "12.01 more in the criteria's points before bonuses and deductions to pass a, b, tied for the last seat,"
        " which the council decides",
        "thêm 12,01 điểm các tiêu chí trước điểm cộng/trừ để vượt a, b, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    )


def test_the_rounds_tie_break_keys_settle_equal_measures(tmp_path):
    # as above, a = b = 92.00 on the criteria; tie_break [bonuses]: a's 6.00 before b's 0.00 → a takes the seat
    rows = [row("a", 30, 20, 42, 6), row("b", 28, 20, 44), row("c", 25, 15, 40, 5)]
    p = ranked(
        tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n", extra="tie_break: [bonuses]\n"), rows
    )
    assert proposed(p) == {"a": ["flag"], "b": [], "c": []}
    assert p.place("b", p.seats[0].award) == 2
    # b is level with a on the measure: to pass it, b needs 92.00 − 92.00 + 0.01 = 0.01 more
    assert refusal(p, "b", "flag") == (
        (BeyondQuota(by_criteria(2, "92.00"), FixedQuota(1), ("a",), ()),),
        (PointsToPass(D("0.01"), ("a",), "took", False, CRITERIA),),
    )


def test_a_key_that_is_the_measure_itself_is_passed_over_and_the_next_key_decides(tmp_path):
    # rank_by group I; a: 30 + 20 = 50.00, b: 30 + 20 = 50.00 equal; tie_break [{group: I}, {group: II}]:
    # group I is the measure (equal anyway), group II decides: b's 44.00 before a's 40.00
    rows = [row("a", 30, 20, 40, 6), row("b", 30, 20, 44), row("c", 25, 15, 40, 5)]
    extra = "tie_break: [{group: I}, {group: II}]\n"
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: {{group: I}}}}\n", extra=extra), rows)
    assert proposed(p) == {"a": [], "b": ["flag"], "c": []}
    assert rule(p, "b", "flag") == WithinQuota(Position(1, None, None, GROUP_I, D("50.00")), FixedQuota(1))


# --- rank_by: a group, max_rank by the measure ---------------------------------------------------------------------------


def test_max_rank_counts_the_place_by_the_awards_measure(tmp_path):
    # group I: a 50.00 (1), b 48.00 (2), c 40.00 (3). max_rank 2: b at exactly 2 is eligible, c at 3 is not,
    # although by total c is also 3rd and a, b the same 1st and 2nd — so put c's total first with a big bonus:
    rows = [row("a", 30, 20, 40), row("b", 28, 20, 44), row("c", 25, 15, 40, 30)]  # totals 90, 92, 110
    award = f"  - {{id: bk, label: {BK}, quota: 3, rank_by: {{group: I}}, requires: {{max_rank: 2}}}}\n"
    p = ranked(tmp_path, text(award), rows)
    assert [o.standing.unit for o in p.outcomes] == ["c", "b", "a"]  # by total
    assert proposed(p) == {"c": [], "b": ["bk"], "a": ["bk"]}
    assert rule(p, "b", "bk") == WithinQuota(Position(2, None, None, GROUP_I, D("48.00")), FixedQuota(3))
    reasons, would_take = refusal(p, "c", "bk")
    assert (reasons, would_take) == ((RankTooLow(3, 2, GROUP_I),), (RankAtMost(2, GROUP_I),))
    assert said(reasons) == (
        "rank 3 by group I's points; the award needs rank 2 or better",
        "hạng 3 theo điểm nhóm I; mức khen này cần hạng 2 trở lên",
    )
    assert said(would_take) == ("rank 2 or better by group I's points", "đạt hạng 2 trở lên theo điểm nhóm I")


def test_the_rounds_rank_by_is_every_awards_unless_it_says_otherwise(tmp_path):
    awards = f"  - {{id: flag, label: {FLAG}, quota: 1}}\n  - {{id: bk, label: {BK}, quota: 1, rank_by: total}}\n"
    p = ranked(tmp_path, text(awards, extra="rank_by: criteria\n"))
    assert [a.rank_by for a in p.results.criteria.awards] == [CRITERIA, TOTAL]
    # flag by the criteria: b (92.00); bk by total among the rest (one tier per unit): a (96.00), said as before
    assert proposed(p) == {"a": ["bk"], "b": ["flag"], "c": []}
    assert said(rule(p, "a", "bk")) == (
        "rank 1 in the round, within the quota (1 seat)",
        "hạng 1 toàn đợt, trong hạn mức (1 suất)",
    )
    assert refusal(p, "b", "bk")[0] == (AlreadyProposed(FLAG),)


def test_a_cluster_award_ranks_by_its_measure_within_each_cluster(tmp_path):
    units = {"a": "c1", "b": "c1", "c": "c2"}
    award = f"  - {{id: flag, label: {FLAG}, scope: cluster, quota: 1, rank_by: criteria}}\n"
    p = ranked(tmp_path, text(award, units=units, clusters=["c1", "c2"]))
    assert proposed(p) == {"a": [], "b": ["flag"], "c": ["flag"]}
    assert said(rule(p, "b", "flag")) == (
        "rank 1 in cluster c1 by the criteria's points before bonuses and deductions (92.00), within the quota (1 seat)",
        "hạng 1 trong cụm c1 theo điểm các tiêu chí trước điểm cộng/trừ (92,00), trong hạn mức (1 suất)",
    )
    assert refusal(p, "a", "flag")[0] == (BeyondQuota(by_criteria(2, "90.00", cluster="c1"), FixedQuota(1), ("b",), ()),)


# --- rank_by: a value ----------------------------------------------------------------------------------------------------

LATE = "{label: Số lần báo cáo chậm, type: integer, min: 0}"


def test_a_value_preferred_lower_gives_the_seat_to_the_lowest_and_says_how_much_less_is_needed(tmp_path):
    # late: a 2, b 0, c 1 → b first (0), then c (1), then a (2); a needs 2 − 0 + 0.01 = 2.01 less
    rows = [{**r, "late": n} for r, n in zip(BASE, (2, 0, 1), strict=True)]
    award = f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: {{value: late, prefer: lower}}}}\n"
    p = ranked(tmp_path, text(award, indicators={"late": LATE}), rows)
    late = Measure("value", "late", "lower")
    assert proposed(p) == {"a": [], "b": ["flag"], "c": []}
    reasons, would_take = refusal(p, "a", "flag")
    assert reasons == (BeyondQuota(Position(3, None, None, late, D(2)), FixedQuota(1), ("b",), ()),)
    assert would_take == (PointsToPass(D("2.01"), ("b",), "took", False, late),)
    assert said(reasons + would_take) == (
        "rank 3 in the round by value late (lower first) (2): beyond the quota (1 seat), which went to b;"
        " 2.01 less in value late (lower first) to pass b, the last to take a seat",
        "hạng 3 toàn đợt theo giá trị late (thấp hơn xếp trước) (2): ngoài hạn mức (1 suất), các suất đã thuộc về b;"
        " giảm 2,01 giá trị late (thấp hơn xếp trước) để vượt b, đơn vị cuối cùng nhận suất",
    )


def test_a_unit_without_a_value_for_the_measure_is_not_eligible_and_is_told_what_is_missing(tmp_path):
    # c leaves late empty: it cannot be placed by it (never a silent zero)
    rows = [{**BASE[0], "late": 2}, {**BASE[1], "late": 1}, BASE[2]]
    award = f"  - {{id: flag, label: {FLAG}, quota: 2, rank_by: {{value: late}}}}\n"
    p = ranked(tmp_path, text(award, indicators={"late": LATE}), rows)
    assert p.seats[0].eligible == ("a", "b")
    assert refusal(p, "c", "flag") == ((Unmeasured("late"),), (ValueFor("late"),))
    assert said(Unmeasured("late")) == (
        "no value for 'late', which the award ranks by",
        "không có giá trị 'late', là giá trị mức khen này dùng để xếp hạng",
    )


def test_a_unit_without_the_value_that_a_disqualifier_blocks_is_told_only_the_disqualifier_stands_in_the_way(tmp_path):
    rows = [{**BASE[0], "late": 2}, {**BASE[1], "late": 1}, {**BASE[2], "cases": 1}]
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [flag]}\n"
    award = f"  - {{id: flag, label: {FLAG}, quota: 2, rank_by: {{value: late}}}}\n"
    indicators = {"late": LATE, "cases": "{label: Vụ vi phạm, type: integer, min: 0, default: 0}"}
    p = ranked(tmp_path, text(award, indicators=indicators, extra=extra), rows)
    reasons, would_take = refusal(p, "c", "flag")
    assert reasons == (BlockedBy("vi-pham", "Vi phạm"), Unmeasured("late"))
    assert would_take == (Unreachable("vi-pham", "Vi phạm"),)


def test_points_to_pass_and_a_minimum_total_combine_when_the_measure_is_in_points(tmp_path):
    # flag (1 seat, criteria, min_total 95): a 96.00 total but 90.00 criteria; b 92.00 criteria, 92.00 total < 95 →
    # b is not eligible; a takes the seat. b: 95 − 92.00 = 3.00 to the minimum, 90.00 − 92.00 + 0.01 < 0 to pass a:
    # max(3.00, −1.99) = 3.00 points on the criteria meet both
    award = f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria, requires: {{min_total: 95}}}}\n"
    p = ranked(tmp_path, text(award))
    assert proposed(p)["a"] == ["flag"]
    assert refusal(p, "b", "flag")[1] == (PointsToPass(D("3.00"), ("a",), "took", True, CRITERIA),)
    assert said(refusal(p, "b", "flag")[1]) == (
        "3.00 more in the criteria's points before bonuses and deductions, to meet the conditions and pass a, the last"
        " to take a seat",
        "thêm 3,00 điểm các tiêu chí trước điểm cộng/trừ, để đạt điều kiện và vượt a, đơn vị cuối cùng nhận suất",
    )


# --- outputs -------------------------------------------------------------------------------------------------------------


def test_rank_data_names_the_measure_and_each_units_value_and_place(tmp_path):
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n"))
    data = rank_data(p)
    (flag,) = data["awards"]
    measure = {"code": "measure", "params": {"kind": "criteria", "ref": None, "prefer": "higher"}}
    assert flag["rank_by"] == {**measure, "text": "the criteria's points before bonuses and deductions"}
    units = {u["unit"]: u for u in data["units"]}
    assert units["a"]["ranked_by"] == [
        {"award": "flag", "measure": flag["rank_by"], "value": "90.00", "place": 2},
    ]
    assert units["b"]["proposed"][0]["rule"]["params"]["position"] == {
        "code": "position",
        "params": {"rank": 1, "cluster": None, "nth": None, "measure": measure, "value": "92.00"},
    }
    assert units["a"]["not_proposed"][0]["would_take"][0]["params"] == {
        "points": "2.01",
        "units": ["b"],
        "kind": "took",
        "with_conditions": False,
        "measure": measure,
    }


def test_a_round_ranked_by_the_total_has_no_measure_in_its_data(tmp_path):
    data = rank_data(ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1}}\n")))
    assert "rank_by" not in data["awards"][0]
    assert all("ranked_by" not in u for u in data["units"])
    position = data["units"][1]["not_proposed"][0]["reasons"][0]["params"]["position"]
    assert position == {"code": "position", "params": {"rank": 2, "cluster": None, "nth": None}}


def test_the_proposal_story_says_what_the_award_ranks_by_and_each_units_value(tmp_path):
    p = ranked(tmp_path, text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: {{group: I}}}}\n"))
    with use("vi"):
        story = plain_text(proposal_story(p))
    assert f"{FLAG}: 1 suất; xếp hạng theo điểm nhóm I  [{tmp_path / 'criteria.yaml'}:" in story
    assert "  - điểm nhóm I: 48,00\n" in story  # b: 28 + 20
    assert "  - đề nghị: Cờ thi đua — hạng 1 toàn đợt theo điểm nhóm I (50,00), trong hạn mức (1 suất)\n" in story  # a


def test_rank_in_the_terminal_and_as_json_gives_the_flag_to_the_leader_by_the_criteria(tmp_path, cli):
    (tmp_path / "criteria.yaml").write_text(text(f"  - {{id: flag, label: {FLAG}, quota: 1, rank_by: criteria}}\n"))
    (tmp_path / "submissions.csv").write_text(csv_text(BASE), encoding="utf-8")
    args = ("rank", tmp_path / "criteria.yaml", tmp_path / "submissions.csv")
    code, out, err = cli(*args, "--format", "json")
    assert (code, err) == (0, "")
    units = json.loads(out)["units"]
    # a has the highest total (96.00, thanks to its 6 bonus points) and rank 1, but b leads on the criteria
    assert [(u["unit"], u["rank"], u["total"], [x["id"] for x in u["proposed"]]) for u in units] == [
        ("a", 1, "96.00", []),
        ("b", 2, "92.00", ["flag"]),
        ("c", 3, "85.00", []),
    ]
    assert [(u["ranked_by"][0]["value"], u["ranked_by"][0]["place"]) for u in units] == [("90.00", 2), ("92.00", 1), ("80.00", 3)]
    code, out, err = cli(*args, "--lang", "vi")
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    assert "điểm các tiêu chí trước điểm cộng/trừ" in flat  # the measure's column
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert any(line.startswith("│ 1 │ Đơn vị a │ 96,00 │ 90,00 │") and "│ — │" in line for line in lines), out
    assert any(line.startswith("│ 2 │ Đơn vị b │ 92,00 │ 92,00 │") and f"│ {FLAG} │" in line for line in lines), out
    assert (
        "không đề nghị Cờ thi đua: hạng 2 toàn đợt theo điểm các tiêu chí trước điểm cộng/trừ (90,00): ngoài hạn mức"
        " (1 suất), các suất đã thuộc về b"
    ) in flat


# --- the review checks decisions by the measure ---------------------------------------------------------------------------

REVIEW = """\
format: thidua/review-1
round: r
meeting: {date: "15/12/2024", place: Hà Nội, chair: Trần Văn Chủ, secretary: Lê Thị Thư, attendees: [Trần Văn Chủ]}
reviewed_by: Lê Thị Thư
approved_by: Trần Văn Chủ
decisions:
  - {unit: a, award: flag, decision: override, reason: Thành tích đột xuất}
"""


def test_a_council_giving_the_tier_to_a_unit_too_low_by_the_measure_is_told_its_place_by_it(tmp_path, cli):
    # flag: 2 seats, rank_by criteria, max_rank 1 → only b (92.00) is eligible; a (90.00) is 2nd by the criteria
    award = f"  - {{id: flag, label: {FLAG}, quota: 2, rank_by: criteria, requires: {{max_rank: 1}}}}\n"
    (tmp_path / "criteria.yaml").write_text(text(award))
    (tmp_path / "submissions.csv").write_text(csv_text(BASE), encoding="utf-8")
    (tmp_path / "review.yaml").write_text(REVIEW, encoding="utf-8")
    files = [tmp_path / "criteria.yaml", tmp_path / "submissions.csv", "--decisions", tmp_path / "review.yaml"]
    code, out, err = cli("review", *files, "-o", tmp_path / "record.json")
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / 'review.yaml'}:7:5: a is not eligible for {FLAG}: rank 2 by the criteria's points before bonuses"
        " and deductions; the award needs rank 1 or better (acknowledge it under 'acknowledged' with a reason if the"
        " council so decided)\n1 problem(s) found.\n"
    )


# --- the criteria file -----------------------------------------------------------------------------------------------------


def problems(tmp_path: Path, criteria: str) -> list[str]:
    path = tmp_path / "criteria.yaml"
    path.write_text(criteria, encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        load_criteria(path)
    return [str(p) for p in e.value.problems]


def at(criteria: str, target: str) -> str:
    """'line:col' of `target` after 'rank_by' on the first line that has both: read off the YAML we wrote."""
    for n, line in enumerate(criteria.splitlines(), start=1):
        if "rank_by" in line and target in line[line.index("rank_by") :]:
            return f"{n}:{line.index(target, line.index('rank_by')) + 1}"
    raise AssertionError(target)


@pytest.mark.parametrize(
    ("award", "extra", "target", "message"),
    [
        ("rank_by: {group: III}", "", "III", "awards[0].rank_by.group: unknown group 'III'; did you mean 'II'?"),
        ("rank_by: {value: extr}", "", "extr", "awards[0].rank_by.value: unknown numeric value 'extr'; did you mean 'extra'?"),
        ("rank_by: points", "", "points", "awards[0].rank_by: Input should be 'total' or 'criteria' (got 'points')"),
        (
            "rank_by: {value: extra, prefer: up}",
            "",
            "up",
            "awards[0].rank_by.prefer: Input should be 'higher' or 'lower' (got 'up')",
        ),
        # the round's default, for every award
        ("", "rank_by: {value: extr}\n", "extr", "rank_by.value: unknown numeric value 'extr'; did you mean 'extra'?"),
    ],
)
def test_an_unknown_measure_is_named_with_its_place_and_a_close_name(tmp_path, award, extra, target, message):
    criteria = text(f"  - {{id: flag, label: {FLAG}, quota: 1{', ' if award else ''}{award}}}\n", extra=extra)
    assert problems(tmp_path, criteria) == [f"{tmp_path / 'criteria.yaml'}:{at(criteria, target)}: {message}"]
