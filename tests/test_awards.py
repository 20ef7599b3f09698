"""Known-answer award proposals (scoring/awards.py) and the criteria checks for awards.

Rounds are built by `criteria_yaml`: one group A with one criterion A.1,
`formula: "pts"` over a number indicator pts (max 100), so each unit's total is
exactly the pts of its CSV row. Points at 2 places: "to pass" adds 0.01.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from scoring.awards import propose
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import evaluate
from scoring.output import rank_data
from scoring.submissions import load_submissions
from tests.rounds import ROUND, criteria_yaml, csv_text

NEW_MEMBERS = "{label: Hội viên mới, type: integer, min: 0}"
CASES = "{label: Vụ vi phạm, type: integer, min: 0, default: 0}"
FLAG = "Cờ thi đua"
GOV = "Cờ thi đua của Chính phủ"
BK = "Bằng khen"
XS = "Hoàn thành xuất sắc nhiệm vụ"
TOT = "Hoàn thành tốt nhiệm vụ"
HT = "Hoàn thành nhiệm vụ"
Row = Mapping[str, str | int]


def ranked(folder: Path, criteria: str, rows: Sequence[Row]) -> dict[str, Any]:
    """rank_data of the round: the awards' seats and every unit's outcome."""
    (folder / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (folder / "submissions.csv").write_text(csv_text(rows), encoding="utf-8")
    loaded = load_criteria(folder / "criteria.yaml")
    return rank_data(propose(evaluate(loaded, load_submissions(loaded, [folder / "submissions.csv"]))))


def seats(data: dict[str, Any], award: str) -> list[dict[str, Any]]:
    return next(a["seats"] for a in data["awards"] if a["id"] == award)


def unit(data: dict[str, Any], uid: str) -> dict[str, Any]:
    return next(u for u in data["units"] if u["unit"] == uid)


def proposed(data: dict[str, Any]) -> dict[str, list[str]]:
    return {u["unit"]: [p["id"] for p in u["proposed"]] for u in data["units"]}


def refusal(data: dict[str, Any], uid: str, award: str) -> tuple[list[str], str | None]:
    entry = next(r for r in unit(data, uid)["not_proposed"] if r["id"] == award)
    return entry["reasons"], entry["would_take"]


def pts(**totals: int | str) -> list[Row]:
    return [{"unit": uid, "pts": value} for uid, value in totals.items()]


# --- quotas and ties ---------------------------------------------------------------------------------------------------


def test_a_quota_of_one_goes_to_the_best_eligible_unit(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    data = ranked(tmp_path, text, pts(a=92, b=95, c=88))
    assert seats(data, "flag") == [
        {
            "scope": ROUND,
            "quota": 1,
            "basis": "1 seat",
            "eligible": ["b", "a", "c"],
            "proposed": ["b"],
            "for_council": [],
            "open_seats": 0,
            "note": None,
        }
    ]
    assert unit(data, "b")["proposed"] == [
        {"id": "flag", "label": FLAG, "rule": "rank 1 in the round, within the quota (1 seat)"}
    ]
    # a: 95.00 − 92.00 + 0.01 = 3.01
    assert refusal(data, "a", "flag") == (
        ["rank 2 in the round: beyond the quota (1 seat), which went to b"],
        "3.01 more points to pass b, the last to take a seat",
    )


def test_a_tie_across_the_last_seat_goes_to_the_council_and_the_seat_stays_open(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2}}\n")
    data = ranked(tmp_path, text, pts(a=95, b=90, c=90, d=85))
    # a takes seat 1; b and c tie (90 = 90, no keys) for seat 2: open, for the council; d is not moved up into it
    assert seats(data, "flag") == [
        {
            "scope": ROUND,
            "quota": 2,
            "basis": "2 seats",
            "eligible": ["a", "b", "c", "d"],
            "proposed": ["a"],
            "for_council": ["b", "c"],
            "open_seats": 1,
            "note": None,
        }
    ]
    assert proposed(data) == {"a": ["flag"], "b": [], "c": [], "d": []}
    assert [unit(data, u)["for_council"] for u in "abcd"] == [[], ["flag"], ["flag"], []]
    assert refusal(data, "b", "flag") == (
        ["tied at rank 2 in the round with c for the last seat: for the council to decide"],
        "the council's decision (the tie-break keys could not separate them)",
    )
    assert refusal(data, "c", "flag") == (
        ["tied at rank 2 in the round with b for the last seat: for the council to decide"],
        "the council's decision (the tie-break keys could not separate them)",
    )
    assert refusal(data, "d", "flag")[0] == ["rank 4 in the round: beyond the quota (2 seats), which went to a"]


def test_a_tie_for_the_only_seat_leaves_nobody_proposed(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    data = ranked(tmp_path, text, pts(a=95, b=95, c=90))
    (flag,) = seats(data, "flag")
    assert (flag["proposed"], flag["for_council"], flag["open_seats"]) == ([], ["a", "b"], 1)
    assert refusal(data, "c", "flag")[0] == [
        "rank 3 in the round: beyond the quota (1 seat), which went to nobody: the last seat is for the council"
    ]


@pytest.mark.parametrize(
    ("quota", "totals", "behind", "needed"),
    [
        # quota 2: a 95 holds seat 1; b = c = 90 are tied for the open seat 2. d at 85 + 5.01 = 90.01 would rank 2
        # alone and take seat 2 outright: 90.00 − 85.00 + 0.01 = 5.01, not the 10.01 it takes to pass a.
        (2, {"a": 95, "b": 90, "c": 90, "d": 85}, "d", "5.01"),
        # quota 1: a = b = 95 are tied for the only seat; c at 90 + 5.01 = 95.01 would take it outright.
        (1, {"a": 95, "b": 95, "c": 90}, "c", "5.01"),
    ],
)
def test_the_distance_past_a_council_tie_counts_from_the_tied_units(tmp_path, quota, totals, behind, needed):
    text = criteria_yaml(list(totals), extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: {quota}}}\n")
    data = ranked(tmp_path, text, pts(**totals))
    would_take = refusal(data, behind, "flag")[1]
    assert would_take is not None
    assert would_take.startswith(f"{needed} more points to pass ")


def test_a_tie_broken_by_a_key_is_not_for_the_council(tmp_path):
    late = "{label: Báo cáo chậm, type: integer, min: 0, default: 0}"
    extra = (
        "adjustments:\n  - {id: late, label: Báo cáo chậm, kind: deduction, formula: late * 0.5}\n"
        f"tie_break: [deductions]\nawards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n"
    )
    text = criteria_yaml(["a", "b"], indicators={"late": late}, extra=extra)
    # a: 91 − 2 × 0.5 = 90.00 (1.00 deducted); b: 90.00 → b first on fewer deductions
    data = ranked(tmp_path, text, [{"unit": "a", "pts": 91, "late": 2}, {"unit": "b", "pts": 90}])
    (flag,) = seats(data, "flag")
    assert (flag["proposed"], flag["for_council"], flag["open_seats"]) == (["b"], [], 0)
    # equal totals: passing b takes one step, 0.01
    assert refusal(data, "a", "flag") == (
        ["rank 2 in the round: beyond the quota (1 seat), which went to b"],
        "0.01 more points to pass b, the last to take a seat",
    )


def test_a_disqualifier_blocking_the_tier_hands_the_seat_to_the_next_eligible_unit(tmp_path):
    extra = (
        "disqualifiers:\n  - {id: vi-pham, label: Lãnh đạo bị kỷ luật, when: cases > 0, blocks: [flag]}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n"
    )
    text = criteria_yaml(["a", "b", "c"], indicators={"cases": CASES}, extra=extra)
    data = ranked(tmp_path, text, [{"unit": "a", "pts": 95, "cases": 1}, {"unit": "b", "pts": 92}, {"unit": "c", "pts": 88}])
    assert [(u["unit"], u["rank"]) for u in data["units"]] == [("a", 1), ("b", 2), ("c", 3)]  # the rank stands
    (flag,) = seats(data, "flag")
    assert (flag["eligible"], flag["proposed"]) == (["b", "c"], ["b"])
    assert refusal(data, "a", "flag") == (
        ["blocked by disqualifier vi-pham (Lãnh đạo bị kỷ luật)"],
        "not reachable by points: Lãnh đạo bị kỷ luật",
    )
    # blocks: [flag] only, so the classification is untouched: 95 ≥ 90
    assert unit(data, "a")["classification"]["id"] == "xuat-sac"


def test_blocks_all_covers_every_award(tmp_path):
    extra = (
        "disqualifiers:\n  - {id: vi-pham, label: Lãnh đạo bị kỷ luật, when: cases > 0, blocks: all}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n  - {{id: bk, label: {BK}, quota: 3}}\n"
    )
    text = criteria_yaml(["a", "b"], indicators={"cases": CASES}, extra=extra)
    data = ranked(tmp_path, text, [{"unit": "a", "pts": 95, "cases": 2}, {"unit": "b", "pts": 60}])
    assert proposed(data) == {"a": [], "b": ["flag"]}
    assert refusal(data, "a", "bk")[0] == ["blocked by disqualifier vi-pham (Lãnh đạo bị kỷ luật)"]
    # blocks: all also blocks every band but the last: 95 is classified Hoàn thành nhiệm vụ
    assert unit(data, "a")["classification"]["id"] == "hoan-thanh"


# --- conditions --------------------------------------------------------------------------------------------------------

# t: 95, 150 new members (meets everything); x: 87.50, 50 new members, rank 2, classified tốt (75 ≤ 87.5 < 90)
CONDITION_ROWS: list[Row] = [{"unit": "t", "pts": 95, "new_members": 150}, {"unit": "x", "pts": "87,5", "new_members": 50}]


@pytest.mark.parametrize(
    ("requires", "reason", "would_take"),
    [
        # 90 − 87.50 = 2.50
        ("{min_total: 90}", "total 87.50 is below the minimum 90", "2.50 more points to reach the minimum total"),
        (
            "{classification: [xuat-sac]}",
            f"classified {TOT}, not {XS} (not {XS}: total 87.50 is below 90)",
            f"the classification {XS}",
        ),
        ("{max_rank: 1}", "rank 2; the award needs rank 1 or better", "rank 1 or better"),
        ("{min_group: {A: 90}}", "group A has 87.50 points, below the 90 required", "2.50 more points in group A"),
        # 88 − 87.50 = 0.50
        (
            "{min_criterion: {A.1: 88}}",
            "criterion A.1 has 87.50 points, below the 88 required",
            "0.50 more points on criterion A.1",
        ),
        (
            '{when: "new_members > 100 and total >= 80"}',
            "the condition new_members > 100 and total >= 80 is not met (50 > 100 and 87.50 >= 80)",
            "meeting new_members > 100 and total >= 80",
        ),
    ],
)
def test_each_condition_fails_with_its_reason(tmp_path, requires, reason, would_take):
    text = criteria_yaml(
        ["t", "x"],
        indicators={"new_members": NEW_MEMBERS},
        extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {requires}}}\n",
    )
    data = ranked(tmp_path, text, CONDITION_ROWS)
    assert proposed(data) == {"t": ["flag"], "x": []}
    assert seats(data, "flag")[0]["eligible"] == ["t"]
    assert refusal(data, "x", "flag") == ([reason], would_take)


def test_a_classification_list_names_every_band_it_accepts(tmp_path):
    text = criteria_yaml(
        ["t", "y"], extra=f"awards:\n  - {{id: bk, label: {BK}, quota: 2, requires: {{classification: [xuat-sac, tot]}}}}\n"
    )
    data = ranked(tmp_path, text, pts(t=80, y=60))  # 80 is tốt, 60 only hoàn thành
    assert proposed(data) == {"t": ["bk"], "y": []}
    assert refusal(data, "y", "bk") == (
        [f"classified {HT}, not {XS} or {TOT} (not {XS}: total 60.00 is below 90; not {TOT}: total 60.00 is below 75)"],
        f"the classification {XS} or {TOT}",
    )


def test_a_condition_on_a_value_the_unit_did_not_report_says_so(tmp_path):
    text = criteria_yaml(
        ["t", "x"],
        indicators={"new_members": NEW_MEMBERS},
        extra=f'awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{when: "new_members > 100"}}}}\n',
    )
    data = ranked(tmp_path, text, [{"unit": "t", "pts": 95, "new_members": 150}, {"unit": "x", "pts": 90}])
    assert refusal(data, "x", "flag") == (
        ["the condition new_members > 100 needs 'new_members', which has no value"],
        "a value for 'new_members'",
    )


def test_every_failed_condition_is_listed_in_order(tmp_path):
    requires = (
        "{min_total: 90, classification: [xuat-sac], max_rank: 1, min_group: {A: 90}, min_criterion: {A.1: 88},"
        ' when: "new_members > 100"}'
    )
    extra = (
        "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [flag]}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {requires}}}\n"
    )
    text = criteria_yaml(["t", "x"], indicators={"new_members": NEW_MEMBERS, "cases": CASES}, extra=extra)
    rows: list[Row] = [{"unit": "t", "pts": 95, "new_members": 150}, {"unit": "x", "pts": "87,5", "new_members": 50, "cases": 1}]
    data = ranked(tmp_path, text, rows)
    assert refusal(data, "x", "flag") == (
        [
            "blocked by disqualifier vi-pham (Vi phạm)",
            "total 87.50 is below the minimum 90",
            f"classified {TOT}, not {XS} (not {XS}: total 87.50 is below 90)",
            "rank 2; the award needs rank 1 or better",
            "group A has 87.50 points, below the 90 required",
            "criterion A.1 has 87.50 points, below the 88 required",
            "the condition new_members > 100 is not met (50 > 100)",
        ],
        "not reachable by points: Vi phạm; 2.50 more points to reach the minimum total; the classification "
        f"{XS}; rank 1 or better; 2.50 more points in group A; 0.50 more points on criterion A.1; meeting new_members > 100",
    )


def test_a_condition_over_the_rounds_best_total_is_computed_or_refused(tmp_path):
    # `total` is allowed in requires.when, and so best(total) compiles. The top total is 95, so a (95 ≥ 95 − 5)
    # and b (93 ≥ 90) meet the condition and c (80 < 90) does not. A round statistic that is never computed
    # must not quietly make every unit ineligible: either the file is refused, or the condition is evaluated.
    extra = f'awards:\n  - {{id: flag, label: {FLAG}, quota: 1, requires: {{when: "total >= best(total) - 5"}}}}\n'
    text = criteria_yaml(["a", "b", "c"], extra=extra)
    refused: str | None = None
    try:
        data = ranked(tmp_path, text, pts(a=95, b=93, c=80))
    except InvalidInput as e:
        refused = str(e)
    if refused is not None:
        assert "best(total)" in refused
    else:
        assert seats(data, "flag")[0]["eligible"] == ["a", "b"]
        assert proposed(data)["a"] == ["flag"]


# --- tiers -------------------------------------------------------------------------------------------------------------

TIERS = f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1{{also}}}}\n  - {{id: bk, label: {BK}, quota: 2}}\n"


def test_one_tier_per_unit_by_default(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=TIERS.replace("{also}", ""))
    data = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    assert proposed(data) == {"a": ["flag"], "b": ["bk"], "c": ["bk"], "d": []}
    assert refusal(data, "a", "bk") == ([f"already proposed for {FLAG} (one tier per unit)"], None)
    # bk is not given to a, so its seats go to b and c; d: 88.00 − 80.00 + 0.01 = 8.01 to pass c
    assert refusal(data, "d", "bk") == (
        # d is 4th in the round but 3rd among bk's eligible units (a holds the flag)
        ["rank 4 in the round, 3rd among the eligible: beyond the quota (2 seats), which went to b, c"],
        "8.01 more points to pass c, the last to take a seat",
    )
    assert seats(data, "bk")[0]["eligible"] == ["b", "c", "d"]


def test_units_tied_for_a_higher_tier_do_not_take_every_seat_of_the_next(tmp_path):
    # flag (1 seat): a = b = 95, tied → the council gives it to one of them. bk (2 seats), one tier per unit:
    # whichever of a and b wins the flag, bk's two seats go to the other one and to c (90). Proposing both a and
    # b for bk leaves c out in every outcome of the council's decision, and one bk seat then goes to nobody.
    text = criteria_yaml(["a", "b", "c"], extra=TIERS.replace("{also}", ""))
    data = ranked(tmp_path, text, pts(a=95, b=95, c=90))
    (flag,) = seats(data, "flag")
    assert (flag["proposed"], flag["for_council"], flag["open_seats"]) == ([], ["a", "b"], 1)
    c = unit(data, "c")
    assert "bk" in [p["id"] for p in c["proposed"]] + c["for_council"], c["not_proposed"]


def test_a_seat_is_held_only_for_tied_units_that_could_take_it(tmp_path):
    # flag (1 seat): a = b = c = 95, tied → the council gives it to one of them. bk (2 seats) is blocked for b and c,
    # so only a may need a bk seat (if the flag goes to b or c): one seat is held for a, the other goes to d (90).
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [bk]}\n" + TIERS.replace("{also}", "")
    text = criteria_yaml(["a", "b", "c", "d", "e"], indicators={"cases": CASES}, extra=extra)
    rows = [{"unit": "a", "pts": 95}, {"unit": "b", "pts": 95, "cases": 1}, {"unit": "c", "pts": 95, "cases": 1}]
    data = ranked(tmp_path, text, [*rows, {"unit": "d", "pts": 90}, {"unit": "e", "pts": 85}])
    (flag,) = seats(data, "flag")
    assert (flag["proposed"], flag["for_council"], flag["open_seats"]) == ([], ["a", "b", "c"], 1)
    (bk,) = seats(data, "bk")
    assert (bk["eligible"], bk["proposed"], bk["for_council"], bk["open_seats"]) == (["a", "d", "e"], ["d"], ["a"], 1)


def test_also_lower_keeps_the_unit_a_candidate_for_the_tiers_below(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=TIERS.replace("{also}", ", also_lower: true"))
    data = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    assert proposed(data) == {"a": ["flag", "bk"], "b": ["bk"], "c": [], "d": []}
    assert refusal(data, "c", "bk") == (
        ["rank 3 in the round: beyond the quota (2 seats), which went to a, b"],
        "4.01 more points to pass b, the last to take a seat",  # 92.00 − 88.00 + 0.01
    )


def test_among_takes_candidates_only_from_the_named_earlier_tier(tmp_path):
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2}}\n"
        f"  - {{id: bk, label: {BK}, quota: 1}}\n"
        f"  - {{id: gov, label: {GOV}, quota: 1, among: flag}}\n"
    )
    text = criteria_yaml(["a", "b", "c", "d"], extra=extra)
    data = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    # flag: a, b; bk: c (a, b hold flag); gov among flag: a (b is second)
    assert proposed(data) == {"a": ["flag", "gov"], "b": ["flag"], "c": ["bk"], "d": []}
    assert seats(data, "gov")[0]["eligible"] == ["a", "b"]
    assert refusal(data, "b", "gov") == (
        ["rank 2 in the round: beyond the quota (1 seat), which went to a"],
        "3.01 more points to pass a, the last to take a seat",  # 95.00 − 92.00 + 0.01
    )
    assert refusal(data, "c", "gov") == ([f"only units proposed for {FLAG} are considered"], f"first be proposed for {FLAG}")
    assert refusal(data, "d", "gov") == ([f"only units proposed for {FLAG} are considered"], f"first be proposed for {FLAG}")
    # b holds flag; the next tier up for it is gov, stacked on flag
    assert unit(data, "b")["to_next_tier"] == f"{GOV}: 3.01 more points to pass a, the last to take a seat"
    # c holds bk; the tier above is flag: 92.00 − 88.00 + 0.01 = 4.01 to pass b
    assert unit(data, "c")["to_next_tier"] == f"{FLAG}: 4.01 more points to pass b, the last to take a seat"


# --- clusters and share quotas -----------------------------------------------------------------------------------------


def leaders_round(n: int, gov_quota: str, rounding: str = "down") -> str:
    """n clusters; in cluster k the leader u{k} has 90 − k and w{k} has 60 − k; flag per cluster, gov among flag."""
    units = {f"u{k}": f"c{k}" for k in range(1, n + 1)} | {f"w{k}": f"c{k}" for k in range(1, n + 1)}
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 1}}\n"
        f"  - {{id: gov, label: {GOV}, quota: '{gov_quota}', share_of: candidates, quota_rounding: {rounding}, among: flag}}\n"
    )
    return criteria_yaml(units, clusters=[f"c{k}" for k in range(1, n + 1)], extra=extra)


def leaders_rows(n: int) -> list[Row]:
    return [{"unit": f"u{k}", "pts": 90 - k} for k in range(1, n + 1)] + [
        {"unit": f"w{k}", "pts": 60 - k} for k in range(1, n + 1)
    ]


def test_a_cluster_quota_goes_to_each_clusters_leader(tmp_path):
    units = {"a": "c1", "b": "c1", "c": "c2", "d": "c2", "e": "c3"}
    extra = f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 1}}\n"
    text = criteria_yaml(units, clusters=["c1", "c2", "c3"], extra=extra)
    data = ranked(tmp_path, text, pts(a=90, b=85, c=70, d=80, e=60))
    assert [(s["scope"], s["eligible"], s["proposed"]) for s in seats(data, "flag")] == [
        ("c1", ["a", "b"], ["a"]),
        ("c2", ["d", "c"], ["d"]),
        ("c3", ["e"], ["e"]),
    ]
    # e is last in the round (60) but leads its cluster
    assert unit(data, "e")["proposed"] == [
        {"id": "flag", "label": FLAG, "rule": "rank 1 in cluster c3, within the quota (1 seat)"}
    ]
    # b: 90.00 − 85.00 + 0.01 = 5.01 to pass a within c1
    assert refusal(data, "b", "flag") == (
        ["rank 2 in cluster c1: beyond the quota (1 seat), which went to a"],
        "5.01 more points to pass a, the last to take a seat",
    )


def test_max_rank_in_a_cluster_scope_reads_the_cluster_rank(tmp_path):
    units = {"a": "c1", "b": "c1", "c": "c2"}
    extra = f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 2, requires: {{max_rank: 1}}}}\n"
    text = criteria_yaml(units, clusters=["c1", "c2"], extra=extra)
    data = ranked(tmp_path, text, pts(a=90, b=85, c=50))
    # c is third in the round but first in c2
    assert proposed(data) == {"a": ["flag"], "b": [], "c": ["flag"]}
    assert refusal(data, "b", "flag") == (["rank 2; the award needs rank 1 or better"], "rank 1 or better")


@pytest.mark.parametrize(
    ("n", "quota", "rounding", "basis", "winners"),
    [
        # 20% × 5 leaders = 1.0 → 1
        (5, "20%", "down", "20% of 5 candidates = 1.0 → 1, rounded down", ["u1"]),
        # 20% × 4 = 0.8 → 0 down, 1 up
        (4, "20%", "down", "20% of 4 candidates = 0.8 → 0, rounded down", []),
        (4, "20%", "up", "20% of 4 candidates = 0.8 → 1, rounded up", ["u1"]),
        # 50% × 5 = 2.5 → 3 half up, 2 down
        (5, "50%", "half_up", "50% of 5 candidates = 2.5 → 3, rounded half up", ["u1", "u2", "u3"]),
        (5, "50%", "down", "50% of 5 candidates = 2.5 → 2, rounded down", ["u1", "u2"]),
    ],
)
def test_a_round_wide_share_among_cluster_leaders(tmp_path, n, quota, rounding, basis, winners):
    data = ranked(tmp_path, leaders_round(n, quota, rounding), leaders_rows(n))
    assert [s["proposed"] for s in seats(data, "flag")] == [[f"u{k}"] for k in range(1, n + 1)]
    (gov,) = seats(data, "gov")
    leaders = [f"u{k}" for k in range(1, n + 1)]
    assert (gov["scope"], gov["basis"], gov["eligible"], gov["proposed"]) == (ROUND, basis, leaders, winners)
    assert gov["quota"] == len(winners)
    for k in range(1, n + 1):
        expected = ["flag", "gov"] if f"u{k}" in winners else ["flag"]
        assert proposed(data)[f"u{k}"] == expected
        assert proposed(data)[f"w{k}"] == []


def test_a_share_quota_rounding_to_zero_gives_every_candidate_the_reason(tmp_path):
    data = ranked(tmp_path, leaders_round(4, "20%"), leaders_rows(4))
    for k in range(1, 5):
        assert refusal(data, f"u{k}", "gov") == (["the quota is 0 (20% of 4 candidates = 0.8 → 0, rounded down)"], None)


# 10 units, totals 95, 90, 85, 80, 75, 70, 65, 40, 30, 20; top (quota 2) takes u1 and u2.
# share tier (50%, min_total 50): units 10, candidates 8 (u3…u10), eligible 5 (u3…u7 have ≥ 50)
SHARE_TOTALS = [95, 90, 85, 80, 75, 70, 65, 40, 30, 20]


@pytest.mark.parametrize(
    ("share_of", "basis", "winners"),
    [
        ("units", "50% of 10 units = 5.0 → 5, rounded down", ["u3", "u4", "u5", "u6", "u7"]),
        ("candidates", "50% of 8 candidates = 4.0 → 4, rounded down", ["u3", "u4", "u5", "u6"]),
        ("eligible", "50% of 5 eligible = 2.5 → 2, rounded down", ["u3", "u4"]),
    ],
)
def test_share_of_counts_units_candidates_or_eligible(tmp_path, share_of, basis, winners):
    ids = [f"u{k}" for k in range(1, 11)]
    extra = (
        f"awards:\n  - {{id: top, label: {FLAG}, quota: 2}}\n"
        f"  - {{id: share, label: {BK}, quota: 50%, share_of: {share_of}, requires: {{min_total: 50}}}}\n"
    )
    data = ranked(
        tmp_path, criteria_yaml(ids, extra=extra), [{"unit": u, "pts": t} for u, t in zip(ids, SHARE_TOTALS, strict=True)]
    )
    (share,) = seats(data, "share")
    assert (share["basis"], share["quota"], share["proposed"]) == (basis, len(winners), winners)
    assert share["eligible"] == ["u3", "u4", "u5", "u6", "u7"]
    assert seats(data, "top")[0]["proposed"] == ["u1", "u2"]


def test_a_quota_of_zero_proposes_nobody_and_says_why(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 0}}\n")
    data = ranked(tmp_path, text, pts(a=95, b=90))
    assert seats(data, "flag") == [
        {
            "scope": ROUND,
            "quota": 0,
            "basis": "0 seats",
            "eligible": ["a", "b"],
            "proposed": [],
            "for_council": [],
            "open_seats": 0,
            "note": "the quota is 0 (0 seats)",
        }
    ]
    assert refusal(data, "a", "flag") == (["the quota is 0 (0 seats)"], None)
    assert refusal(data, "b", "flag") == (["the quota is 0 (0 seats)"], None)


# --- distances and the vote --------------------------------------------------------------------------------------------


def test_to_next_rank_and_to_next_tier_texts(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=TIERS.replace("{also}", ", requires: {classification: [xuat-sac]}"))
    data = ranked(tmp_path, text, pts(a=90, b="87,5", c=80))
    assert proposed(data) == {"a": ["flag"], "b": ["bk"], "c": ["bk"]}
    a, b, c = (unit(data, u) for u in "abc")
    assert (a["to_next_rank"], a["to_next_tier"]) == (None, None)
    # 90.00 − 87.50 + 0.01 = 2.51; b holds bk, and the tier above needs xuất sắc
    assert b["to_next_rank"] == "2.51 more points to pass a (rank 1)"
    assert b["to_next_tier"] == f"{FLAG}: the classification {XS}"
    # 87.50 − 80.00 + 0.01 = 7.51
    assert c["to_next_rank"] == "7.51 more points to pass b (rank 2)"


def test_to_next_tier_for_a_unit_with_no_tier_names_the_lowest_tier(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    data = ranked(tmp_path, text, pts(a=90, b="87,5"))
    b = unit(data, "b")
    # 90.00 − 87.50 + 0.01 = 2.51
    assert b["to_next_rank"] == "2.51 more points to pass a (rank 1)"
    assert b["to_next_tier"] == f"{FLAG}: 2.51 more points to pass a, the last to take a seat"


def test_the_vote_threshold_is_carried_into_rank_data(tmp_path):
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1, vote: 80%}}\n"
        f"  - {{id: bk, label: {BK}, quota: 1, vote: 0.75}}\n"
        f"  - {{id: gk, label: Giấy khen, quota: 1}}\n"
    )
    data = ranked(tmp_path, criteria_yaml(["a"], extra=extra), pts(a=90))
    assert [(a["id"], a["scope"], a["vote_threshold"]) for a in data["awards"]] == [
        ("flag", "round", "0.8"),
        ("bk", "round", "0.75"),
        ("gk", "round", None),
    ]


# --- criteria errors ---------------------------------------------------------------------------------------------------


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "criteria.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        load_criteria(path)
    return [str(p) for p in e.value.problems]


def at(text: str, line_text: str, target: str) -> str:
    """'line:col' (1-based) of `target` inside the first line holding `line_text`: read off the YAML we wrote."""
    for n, line in enumerate(text.splitlines(), start=1):
        if line_text in line:
            return f"{n}:{line.index(line_text) + line_text.index(target) + 1}"
    raise AssertionError(line_text)


FLAG_LINE = f"  - {{id: flag, label: {FLAG}, quota: 1}}\n"


@pytest.mark.parametrize(
    ("award", "line_text", "target", "message"),
    [
        (
            "{id: gov, label: Gov, quota: 1, among: flgg}",
            "among: flgg",
            "flgg",
            "awards[1].among: unknown earlier award 'flgg'; did you mean 'flag'? (among names an award listed above)",
        ),
        (
            "{id: gov, label: Gov, quota: 1, scope: cluster}",
            "scope: cluster",
            "cluster",
            "awards[1].scope: scope cluster needs clusters: declare them and give each unit its cluster",
        ),
        (
            "{id: gov, label: Gov, quota: 1, share_of: eligible}",
            "share_of: eligible",
            "eligible",
            "awards[1].share_of: 'share_of' goes with a share quota such as 20%, not a number of seats",
        ),
        (
            "{id: gov, label: Gov, quota: 2, quota_rounding: up}",
            "quota_rounding: up",
            "up",
            "awards[1].quota_rounding: 'quota_rounding' goes with a share quota such as 20%, not a number of seats",
        ),
        (
            "{id: gov, label: Gov, quota: '120%'}",
            "'120%'",
            "'",
            "awards[1].quota: a share of 120% is more than all the units",
        ),
        (
            "{id: gov, label: Gov, quota: 1, requires: {classification: [xuat-sacc]}}",
            "[xuat-sacc]",
            "xuat-sacc",
            "awards[1].requires.classification[0]: unknown classification band 'xuat-sacc'; did you mean 'xuat-sac'?",
        ),
        (
            "{id: gov, label: Gov, quota: 1, requires: {min_group: {B: 20}}}",
            "{B: 20}",
            "20",
            "awards[1].requires.min_group.B: unknown group 'B'",
        ),
        (
            "{id: gov, label: Gov, quota: 1, requires: {min_criterion: {A.2: 5}}}",
            "{A.2: 5}",
            "5",
            "awards[1].requires.min_criterion.A.2: unknown criterion 'A.2'; did you mean 'A.1'?",
        ),
    ],
)
def test_award_errors_name_the_file_line_and_column(tmp_path, award, line_text, target, message):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n{FLAG_LINE}  - {award}\n")
    assert problems(tmp_path, text) == [f"{tmp_path / 'criteria.yaml'}:{at(text, line_text, target)}: {message}"]


def test_among_naming_a_later_award_is_refused(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: gov, label: {GOV}, quota: 1, among: flag}}\n{FLAG_LINE}")
    where = at(text, "among: flag", "flag")
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'criteria.yaml'}:{where}: awards[0].among: unknown earlier award 'flag' (among names an award listed above)"
    ]


def test_a_disqualifier_blocking_an_unknown_award_is_refused(tmp_path):
    extra = f"awards:\n{FLAG_LINE}disqualifiers:\n  - {{id: d, label: Vi phạm, when: cases > 0, blocks: [flag, bang-khen]}}\n"
    text = criteria_yaml(["a", "b"], indicators={"cases": CASES}, extra=extra)
    where = at(text, "[flag, bang-khen]", "bang-khen")
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'criteria.yaml'}:{where}: disqualifiers[0].blocks[1]: unknown classification band or award 'bang-khen'"
    ]


def test_a_unit_naming_an_undeclared_cluster_is_refused(tmp_path):
    text = criteria_yaml({"a": "c1", "b": "c3"}, clusters=["c1", "c2"])
    where = at(text, "cluster: c3", "c3")
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'criteria.yaml'}:{where}: units.b.cluster: unknown cluster 'c3' (declare it under clusters)"
    ]


def test_a_unit_with_no_cluster_when_clusters_are_declared_is_refused(tmp_path):
    text = criteria_yaml({"a": "c1", "b": ""}, clusters=["c1", "c2"])
    where = at(text, "b: {name:", "{")
    assert problems(tmp_path, text) == [
        f"{tmp_path / 'criteria.yaml'}:{where}: units.b: unit b names no cluster; the round declares clusters: c1, c2"
    ]


def test_tie_break_naming_an_unknown_group_is_refused(tmp_path):
    text = criteria_yaml(["a", "b"], extra="tie_break:\n  - deductions\n  - {group: B}\n")
    where = at(text, "{group: B}", "B")
    assert problems(tmp_path, text) == [f"{tmp_path / 'criteria.yaml'}:{where}: tie_break[1].group: unknown group 'B'"]


def test_a_tier_that_goes_to_nobody_says_why(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1, requires: {{min_total: 90}}}}\n")
    data = ranked(tmp_path, text, pts(a=85, b=80))
    (flag,) = seats(data, "flag")
    assert (flag["eligible"], flag["proposed"]) == ([], [])
    # the best-ranked candidate is a, at 85.00 < 90
    assert flag["note"] == "no unit is eligible; the best-ranked, a: total 85.00 is below the minimum 90"


def test_a_share_of_the_clusters(tmp_path):
    units = {f"u{k}": f"c{k}" for k in range(1, 6)}
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 1}}\n"
        f"  - {{id: gov, label: {GOV}, quota: 20%, share_of: clusters, among: flag}}\n"
    )
    text = criteria_yaml(units, clusters=[f"c{k}" for k in range(1, 6)], extra=extra)
    data = ranked(tmp_path, text, [{"unit": f"u{k}", "pts": 90 - k} for k in range(1, 6)])
    (gov,) = seats(data, "gov")
    # 20% × 5 clusters = 1.0 → 1: the best-ranked leader, u1 (89)
    assert (gov["basis"], gov["proposed"]) == ("20% of 5 clusters = 1.0 → 1, rounded down", ["u1"])


def test_to_next_rank_counts_within_the_cluster_when_there_are_several(tmp_path):
    units = {"a": "c1", "b": "c2", "c": "c1"}
    text = criteria_yaml(units, clusters=["c1", "c2"])
    data = ranked(tmp_path, text, pts(a=90, b=95, c=85))
    # c trails a in c1: 90.00 − 85.00 + 0.01 = 5.01; b and a lead their clusters
    assert [(u["unit"], u["to_next_rank"]) for u in data["units"]] == [
        ("b", None),
        ("a", None),
        ("c", "5.01 more points to pass a (rank 1 in cluster c1)"),
    ]
