"""Known-answer award proposals (scoring/awards.py) and the criteria checks for awards.

Rounds are built by `criteria_yaml`: one group A with one criterion A.1,
`formula: "pts"` over a number indicator pts (max 100), so each unit's total is
exactly the pts of its CSV row. Points at 2 places: "to pass" adds 0.01.

The proposal is compared as typed facts (scoring/awards.py); for at least one
fact of each type, its whole wording is checked in English and in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal as D
from pathlib import Path

import pytest

from scoring.awards import (
    AlreadyProposed,
    BelowMinimum,
    BeyondQuota,
    BlockedBy,
    Classification,
    ConditionLacks,
    ConditionUnmet,
    CouncilDecision,
    CriterionBelow,
    FirstProposedFor,
    FixedQuota,
    GroupBelow,
    HeldForCouncil,
    Meeting,
    Need,
    NextTier,
    NoCandidates,
    NoneEligible,
    NotClassified,
    OnlyAmong,
    PointsInGroup,
    PointsOnCriterion,
    PointsToMinimum,
    PointsToPass,
    Position,
    Proposal,
    QuotaIsZero,
    RankAtMost,
    RankTooLow,
    Reason,
    Seats,
    ShareQuota,
    TiedForLastSeats,
    ToPass,
    Unreachable,
    ValueFor,
    WithinQuota,
    propose,
)
from scoring.criteria import Award, load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import BelowTotal, Blocked, evaluate
from scoring.output import rank_data
from scoring.submissions import load_submissions
from scoring.wording import word, words
from tests.rounds import ROUND, criteria_yaml, csv_text

NEW_MEMBERS = "{label: Hội viên mới, type: integer, min: 0}"
CASES = "{label: Vụ vi phạm, type: integer, min: 0, default: 0}"
FLAG = "Cờ thi đua"
GOV = "Cờ thi đua của Chính phủ"
BK = "Bằng khen"
XS = "Hoàn thành xuất sắc nhiệm vụ"
TOT = "Hoàn thành tốt nhiệm vụ"
HT = "Hoàn thành nhiệm vụ"
DISCIPLINE = "Lãnh đạo bị kỷ luật"
Row = Mapping[str, str | int]


def ranked(folder: Path, criteria: str, rows: Sequence[Row]) -> Proposal:
    """The proposal for the round: the awards' seats and every unit's outcome."""
    (folder / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (folder / "submissions.csv").write_text(csv_text(rows), encoding="utf-8")
    loaded = load_criteria(folder / "criteria.yaml")
    return propose(evaluate(loaded, load_submissions(loaded, [folder / "submissions.csv"])))


def award(p: Proposal, aid: str) -> Award:
    return next(a for a in p.results.criteria.awards if a.id == aid)


def seats(p: Proposal, aid: str) -> list[Seats]:
    return [s for s in p.seats if s.award.id == aid]


def proposed(p: Proposal) -> dict[str, list[str]]:
    return {o.standing.unit: [a.id for a, _ in o.proposed] for o in p.outcomes}


def rule(p: Proposal, uid: str, aid: str) -> WithinQuota:
    """Why `uid` was proposed for `aid`."""
    return next(why for a, why in p.outcome(uid).proposed if a.id == aid)


def refusal(p: Proposal, uid: str, aid: str) -> tuple[tuple[Reason, ...], tuple[Need, ...]]:
    """Why `uid` is not proposed for `aid`, and what it would take."""
    r = next(r for r in p.outcome(uid).refused if r.award.id == aid)
    return r.reasons, r.would_take


def said(fact: object) -> tuple[str, str]:
    """A fact (or a tuple of facts, joined by '; ') worded in English and in Vietnamese."""
    if isinstance(fact, tuple):
        return words(fact, lang="en"), words(fact, lang="vi")
    return word(fact, "en"), word(fact, "vi")


def pts(**totals: int | str) -> list[Row]:
    return [{"unit": uid, "pts": value} for uid, value in totals.items()]


def took(points: str, unit: str) -> PointsToPass:
    """The points to pass `unit`, the last to take a seat (no condition missing besides)."""
    return PointsToPass(D(points), (unit,), "took", False)


def rank_in_round(rank: int, nth: int | None = None) -> Position:
    return Position(rank, None, nth)


# --- quotas and ties ---------------------------------------------------------------------------------------------------


def test_a_quota_of_one_goes_to_the_best_eligible_unit(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    p = ranked(tmp_path, text, pts(a=92, b=95, c=88))
    assert seats(p, "flag") == [Seats(award(p, "flag"), ROUND, 1, FixedQuota(1), ("b", "a", "c"), ("b",), (), 0, None)]
    assert rule(p, "b", "flag") == WithinQuota(rank_in_round(1), FixedQuota(1))
    assert said(rule(p, "b", "flag")) == (
        "rank 1 in the round, within the quota (1 seat)",
        "hạng 1 toàn đợt, trong hạn mức (1 suất)",
    )
    # a: 95.00 − 92.00 + 0.01 = 3.01
    reasons, would_take = refusal(p, "a", "flag")
    assert reasons == (BeyondQuota(rank_in_round(2), FixedQuota(1), ("b",), ()),)
    assert would_take == (took("3.01", "b"),)
    assert said(reasons) == (
        "rank 2 in the round: beyond the quota (1 seat), which went to b",
        "hạng 2 toàn đợt: ngoài hạn mức (1 suất), các suất đã thuộc về b",
    )
    assert said(would_take) == (
        "3.01 more points to pass b, the last to take a seat",
        "thêm 3,01 điểm để vượt b, đơn vị cuối cùng nhận suất",
    )
    # and as data: each fact is its code, its parameters and its text
    data = rank_data(p)
    (flag,) = next(x["seats"] for x in data["awards"] if x["id"] == "flag")
    assert flag == {
        "scope": ROUND,
        "quota": 1,
        "basis": {"code": "fixed_quota", "params": {"seats": 1}, "text": "1 seat"},
        "eligible": ["b", "a", "c"],
        "proposed": ["b"],
        "for_council": [],
        "open_seats": 0,
        "note": None,
    }
    a = next(u for u in data["units"] if u["unit"] == "a")
    assert a["not_proposed"] == [
        {
            "id": "flag",
            "reasons": [
                {
                    "code": "beyond_quota",
                    "params": {
                        "position": {"code": "position", "params": {"rank": 2, "cluster": None, "nth": None}},
                        "basis": {"code": "fixed_quota", "params": {"seats": 1}},
                        "holders": ["b"],
                        "for_council": [],
                    },
                    "text": "rank 2 in the round: beyond the quota (1 seat), which went to b",
                }
            ],
            "would_take": [
                {
                    "code": "points_to_pass",
                    "params": {"points": "3.01", "units": ["b"], "kind": "took", "with_conditions": False},
                    "text": "3.01 more points to pass b, the last to take a seat",
                }
            ],
        }
    ]


def test_a_tie_across_the_last_seat_goes_to_the_council_and_the_seat_stays_open(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2}}\n")
    p = ranked(tmp_path, text, pts(a=95, b=90, c=90, d=85))
    # a takes seat 1; b and c tie (90 = 90, no keys) for seat 2: open, for the council; d is not moved up into it
    assert seats(p, "flag") == [
        Seats(award(p, "flag"), ROUND, 2, FixedQuota(2), ("a", "b", "c", "d"), ("a",), ("b", "c"), 1, None)
    ]
    assert proposed(p) == {"a": ["flag"], "b": [], "c": [], "d": []}
    assert [[a.id for a in p.outcome(u).for_council] for u in "abcd"] == [[], ["flag"], ["flag"], []]
    assert refusal(p, "b", "flag") == ((TiedForLastSeats(rank_in_round(2), ("c",), 1),), (CouncilDecision(),))
    assert refusal(p, "c", "flag") == ((TiedForLastSeats(rank_in_round(2), ("b",), 1),), (CouncilDecision(),))
    assert said(TiedForLastSeats(rank_in_round(2), ("c",), 1)) == (
        "tied with c for the last seat (rank 2 in the round): for the council to decide",
        "đồng hạng với c ở suất cuối (hạng 2 toàn đợt): Hội đồng quyết định",
    )
    assert said(CouncilDecision()) == (
        "the council's decision (the tie-break keys could not separate them)",
        "quyết định của Hội đồng (các tiêu chí phụ không phân định được)",
    )
    # d is told who holds the seats and who the council chooses between (before: only "which went to a")
    reasons, _ = refusal(p, "d", "flag")
    assert reasons == (BeyondQuota(rank_in_round(4), FixedQuota(2), ("a",), ("b", "c")),)
    assert said(reasons) == (
        "rank 4 in the round: beyond the quota (2 seats), which went to a; the council decides the last seat between b, c",
        "hạng 4 toàn đợt: ngoài hạn mức (2 suất), các suất đã thuộc về a; Hội đồng quyết định suất cuối giữa b, c",
    )


def test_a_tie_for_the_only_seat_leaves_nobody_proposed(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    p = ranked(tmp_path, text, pts(a=95, b=95, c=90))
    (flag,) = seats(p, "flag")
    assert (flag.proposed, flag.for_council, flag.open_seats) == ((), ("a", "b"), 1)
    reasons, _ = refusal(p, "c", "flag")
    assert reasons == (BeyondQuota(rank_in_round(3), FixedQuota(1), (), ("a", "b")),)
    assert said(reasons) == (
        "rank 3 in the round: beyond the quota (1 seat), which went to nobody: the last seat is for the council",
        "hạng 3 toàn đợt: ngoài hạn mức (1 suất); chưa đơn vị nào nhận: suất cuối do Hội đồng quyết định",
    )


@pytest.mark.parametrize(
    ("quota", "totals", "behind", "needed", "tied"),
    [
        # quota 2: a 95 holds seat 1; b = c = 90 are tied for the open seat 2. d at 85 + 5.01 = 90.01 would rank 2
        # alone and take seat 2 outright: 90.00 − 85.00 + 0.01 = 5.01, not the 10.01 it takes to pass a.
        (2, {"a": 95, "b": 90, "c": 90, "d": 85}, "d", "5.01", ("b", "c")),
        # quota 1: a = b = 95 are tied for the only seat; c at 90 + 5.01 = 95.01 would take it outright.
        (1, {"a": 95, "b": 95, "c": 90}, "c", "5.01", ("a", "b")),
    ],
)
def test_the_distance_past_a_council_tie_counts_from_the_tied_units(tmp_path, quota, totals, behind, needed, tied):
    text = criteria_yaml(list(totals), extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: {quota}}}\n")
    p = ranked(tmp_path, text, pts(**totals))
    # Changed on purpose (issue 11): the seat was left to the council, so it names the tied units (kind "tied")
    # instead of calling one of them "the last to take a seat", which none of them is.
    assert refusal(p, behind, "flag")[1] == (PointsToPass(D(needed), tied, "tied", False),)


def test_a_tie_at_the_last_seat_left_to_the_council_is_what_a_unit_below_must_pass(tmp_path):
    # Known answer for issue 11, item 2 (b). flag (2 seats, min_total 85): a 95 takes seat 1; b = c = 90 tie for
    # seat 2, which the council decides. d (87) is eligible but beyond the quota; e (84) is under the minimum.
    text = criteria_yaml(
        ["a", "b", "c", "d", "e"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{min_total: 85}}}}\n"
    )
    p = ranked(tmp_path, text, pts(a=95, b=90, c=90, d=87, e=84))
    assert seats(p, "flag") == [
        Seats(award(p, "flag"), ROUND, 2, FixedQuota(2), ("a", "b", "c", "d"), ("a",), ("b", "c"), 1, None)
    ]
    # d: 90.00 − 87.00 + 0.01 = 3.01 passes both tied units
    reasons, would_take = refusal(p, "d", "flag")
    assert reasons == (BeyondQuota(rank_in_round(4), FixedQuota(2), ("a",), ("b", "c")),)
    assert would_take == (PointsToPass(D("3.01"), ("b", "c"), "tied", False),)
    assert said(would_take) == (
        "3.01 more points to pass b, c, tied for the last seat, which the council decides",
        "thêm 3,01 điểm để vượt b, c, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    )
    # e: the minimum needs 85 − 84 = 1.00, but passing the tie needs 90.00 − 84.00 + 0.01 = 6.01
    reasons, would_take = refusal(p, "e", "flag")
    assert reasons == (BelowMinimum(D("84.00"), D(85)),)
    assert would_take == (PointsToPass(D("6.01"), ("b", "c"), "tied", True),)
    assert said(would_take) == (
        "6.01 more points, to meet the conditions and pass b, c, tied for the last seat, which the council decides",
        "thêm 6,01 điểm, để đạt điều kiện và vượt b, c, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    )
    # d's nearest tier is flag: what it would take is said
    assert p.outcome("d").to_next_tier == NextTier(FLAG, *refusal(p, "d", "flag"))
    assert said(p.outcome("d").to_next_tier) == (
        f"{FLAG}: 3.01 more points to pass b, c, tied for the last seat, which the council decides",
        f"{FLAG}: thêm 3,01 điểm để vượt b, c, đang đồng hạng ở suất cuối do Hội đồng quyết định",
    )


def test_three_tied_for_two_seats_go_to_the_council(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2}}\n")
    p = ranked(tmp_path, text, pts(a=95, b=95, c=95, d=90))
    (flag,) = seats(p, "flag")
    assert (flag.proposed, flag.for_council, flag.open_seats) == ((), ("a", "b", "c"), 2)
    assert refusal(p, "b", "flag") == ((TiedForLastSeats(rank_in_round(1), ("a", "c"), 2),), (CouncilDecision(),))
    assert said(TiedForLastSeats(rank_in_round(1), ("a", "c"), 2)) == (
        "tied with a, c for the last 2 seats (rank 1 in the round): for the council to decide",
        "đồng hạng với a, c ở 2 suất cuối (hạng 1 toàn đợt): Hội đồng quyết định",
    )
    # d: 95.00 − 90.00 + 0.01 = 5.01 passes all three
    assert refusal(p, "d", "flag")[1] == (PointsToPass(D("5.01"), ("a", "b", "c"), "tied", False),)


def test_a_tie_broken_by_a_key_is_not_for_the_council(tmp_path):
    late = "{label: Báo cáo chậm, type: integer, min: 0, default: 0}"
    extra = (
        "adjustments:\n  - {id: late, label: Báo cáo chậm, kind: deduction, formula: late * 0.5}\n"
        f"tie_break: [deductions]\nawards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n"
    )
    text = criteria_yaml(["a", "b"], indicators={"late": late}, extra=extra)
    # a: 91 − 2 × 0.5 = 90.00 (1.00 deducted); b: 90.00 → b first on fewer deductions
    p = ranked(tmp_path, text, [{"unit": "a", "pts": 91, "late": 2}, {"unit": "b", "pts": 90}])
    (flag,) = seats(p, "flag")
    assert (flag.proposed, flag.for_council, flag.open_seats) == (("b",), (), 0)
    # equal totals: passing b takes one step, 0.01
    assert refusal(p, "a", "flag") == (
        (BeyondQuota(rank_in_round(2), FixedQuota(1), ("b",), ()),),
        (took("0.01", "b"),),
    )
    assert word(took("0.01", "b"), "en") == "0.01 more points to pass b, the last to take a seat"


def test_a_disqualifier_blocking_the_tier_hands_the_seat_to_the_next_eligible_unit(tmp_path):
    extra = (
        f"disqualifiers:\n  - {{id: vi-pham, label: {DISCIPLINE}, when: cases > 0, blocks: [flag]}}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n"
    )
    text = criteria_yaml(["a", "b", "c"], indicators={"cases": CASES}, extra=extra)
    p = ranked(tmp_path, text, [{"unit": "a", "pts": 95, "cases": 1}, {"unit": "b", "pts": 92}, {"unit": "c", "pts": 88}])
    assert [(o.standing.unit, o.standing.rank) for o in p.outcomes] == [("a", 1), ("b", 2), ("c", 3)]  # the rank stands
    (flag,) = seats(p, "flag")
    assert (flag.eligible, flag.proposed) == (("b", "c"), ("b",))
    reasons, would_take = refusal(p, "a", "flag")
    assert reasons == (BlockedBy("vi-pham", DISCIPLINE),)
    # the disqualifier is named in what it would take (before: "not reachable by points: Lãnh đạo bị kỷ luật")
    assert would_take == (Unreachable("vi-pham", DISCIPLINE),)
    assert said(reasons) == (
        f"blocked by disqualifier vi-pham ({DISCIPLINE})",
        f"bị chặn bởi điều kiện loại trừ vi-pham ({DISCIPLINE})",
    )
    assert said(would_take) == (
        f"points alone cannot reach it: the disqualifier vi-pham ({DISCIPLINE}) stands in the way",
        f"thêm điểm cũng không đạt được: vướng điều kiện loại trừ vi-pham ({DISCIPLINE})",
    )
    # blocks: [flag] only, so the classification is untouched: 95 ≥ 90
    assert p.outcome("a").standing.card.classification.id == "xuat-sac"


def test_blocks_all_covers_every_award(tmp_path):
    extra = (
        f"disqualifiers:\n  - {{id: vi-pham, label: {DISCIPLINE}, when: cases > 0, blocks: all}}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n  - {{id: bk, label: {BK}, quota: 3}}\n"
    )
    text = criteria_yaml(["a", "b"], indicators={"cases": CASES}, extra=extra)
    p = ranked(tmp_path, text, [{"unit": "a", "pts": 95, "cases": 2}, {"unit": "b", "pts": 60}])
    assert proposed(p) == {"a": [], "b": ["flag"]}
    assert refusal(p, "a", "bk") == ((BlockedBy("vi-pham", DISCIPLINE),), (Unreachable("vi-pham", DISCIPLINE),))
    # blocks: all also blocks every band but the last: 95 is classified Hoàn thành nhiệm vụ
    assert p.outcome("a").standing.card.classification.id == "hoan-thanh"


@pytest.mark.parametrize(
    ("accepts", "total", "reasons", "would_take"),
    [
        # Known answer for issue 11, item 2 (a). The disqualifier blocks the band xuất sắc, not flag; flag needs
        # xuất sắc (and 95). x has 92 ≥ 90 but is held back to tốt: the band it lacks is blocked, so no number of
        # points reaches flag. Its reasons name the disqualifier; what it would take is only that: no 3.00 points
        # to the minimum, no classification to reach.
        (
            "[xuat-sac]",
            92,
            (
                BelowMinimum(D("92.00"), D(95)),
                NotClassified(TOT, (XS,), ((XS, Blocked("vi-pham", DISCIPLINE)),)),
            ),
            (Unreachable("vi-pham", DISCIPLINE),),
        ),
        # flag takes xuất sắc or tốt; x (70) is blocked from xuất sắc but could still reach tốt with points: the
        # classification stays the way (and 95 − 70 = 25.00 points to the minimum).
        (
            "[xuat-sac, tot]",
            70,
            (
                BelowMinimum(D("70.00"), D(95)),
                NotClassified(HT, (XS, TOT), ((XS, Blocked("vi-pham", DISCIPLINE)), (TOT, BelowTotal(D("70.00"), D(75))))),
            ),
            (PointsToMinimum(D("25.00")), Classification((XS, TOT))),
        ),
    ],
)
def test_a_disqualifier_through_the_classification_is_named_and_points_cannot_pass_it(
    tmp_path, accepts, total, reasons, would_take
):
    extra = (
        f"disqualifiers:\n  - {{id: vi-pham, label: {DISCIPLINE}, when: cases > 0, blocks: [xuat-sac]}}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{min_total: 95, classification: {accepts}}}}}\n"
    )
    text = criteria_yaml(["t", "x"], indicators={"cases": CASES}, extra=extra)
    p = ranked(tmp_path, text, [{"unit": "t", "pts": 96}, {"unit": "x", "pts": total, "cases": 1}])
    assert proposed(p) == {"t": ["flag"], "x": []}
    assert refusal(p, "x", "flag") == (reasons, would_take)


def test_a_unit_held_back_by_a_disqualifier_through_the_classification_is_told_so_in_both_languages(tmp_path):
    extra = (
        f"disqualifiers:\n  - {{id: vi-pham, label: {DISCIPLINE}, when: cases > 0, blocks: [xuat-sac]}}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{classification: [xuat-sac]}}}}\n"
    )
    text = criteria_yaml(["t", "x"], indicators={"cases": CASES}, extra=extra)
    p = ranked(tmp_path, text, [{"unit": "t", "pts": 96}, {"unit": "x", "pts": 92, "cases": 1}])
    reasons, would_take = refusal(p, "x", "flag")
    assert reasons == (NotClassified(TOT, (XS,), ((XS, Blocked("vi-pham", DISCIPLINE)),)),)
    assert would_take == (Unreachable("vi-pham", DISCIPLINE),)
    assert said(reasons) == (
        f"classified {TOT}, not {XS} (not {XS}: blocked by disqualifier vi-pham ({DISCIPLINE}))",
        f"xếp loại {TOT}, không phải {XS} (chưa đạt {XS}: bị chặn bởi điều kiện loại trừ vi-pham ({DISCIPLINE}))",
    )
    # x holds no tier: the lowest is its nearest, and it is told it cannot be reached by points
    assert said(p.outcome("x").to_next_tier) == (
        f"{FLAG}: points alone cannot reach it: the disqualifier vi-pham ({DISCIPLINE}) stands in the way",
        f"{FLAG}: thêm điểm cũng không đạt được: vướng điều kiện loại trừ vi-pham ({DISCIPLINE})",
    )


def test_a_disqualifier_named_directly_is_not_named_again_through_the_classification(tmp_path):
    # blocks: [xuat-sac, flag]: the band flag needs is blocked by the same disqualifier, which is already named
    extra = (
        f"disqualifiers:\n  - {{id: vi-pham, label: {DISCIPLINE}, when: cases > 0, blocks: [xuat-sac, flag]}}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{classification: [xuat-sac]}}}}\n"
    )
    text = criteria_yaml(["t", "x"], indicators={"cases": CASES}, extra=extra)
    p = ranked(tmp_path, text, [{"unit": "t", "pts": 96}, {"unit": "x", "pts": 92, "cases": 1}])
    assert refusal(p, "x", "flag") == ((BlockedBy("vi-pham", DISCIPLINE),), (Unreachable("vi-pham", DISCIPLINE),))


# --- conditions --------------------------------------------------------------------------------------------------------

# t: 95, 150 new members (meets everything); x: 87.50, 50 new members, rank 2, classified tốt (75 ≤ 87.5 < 90)
CONDITION_ROWS: list[Row] = [{"unit": "t", "pts": 95, "new_members": 150}, {"unit": "x", "pts": "87,5", "new_members": 50}]


@pytest.mark.parametrize(
    ("requires", "reason", "need", "reason_words", "need_words"),
    [
        # 90 − 87.50 = 2.50
        pytest.param(
            "{min_total: 90}",
            BelowMinimum(D("87.50"), D(90)),
            PointsToMinimum(D("2.50")),
            ("total 87.50 is below the minimum 90", "tổng điểm 87,50 thấp hơn mức tối thiểu 90"),
            ("2.50 more points to reach the minimum total", "thêm 2,50 điểm để đạt tổng điểm tối thiểu"),
            id="min_total",
        ),
        pytest.param(
            "{classification: [xuat-sac]}",
            NotClassified(TOT, (XS,), ((XS, BelowTotal(D("87.50"), D(90))),)),
            Classification((XS,)),
            (
                f"classified {TOT}, not {XS} (not {XS}: total 87.50 is below 90)",
                f"xếp loại {TOT}, không phải {XS} (chưa đạt {XS}: tổng điểm 87,50 thấp hơn 90)",
            ),
            (f"the classification {XS}", f"đạt xếp loại {XS}"),
            id="classification",
        ),
        pytest.param(
            "{max_rank: 1}",
            RankTooLow(2, 1),
            RankAtMost(1),
            ("rank 2; the award needs rank 1 or better", "hạng 2; mức khen này cần hạng 1 trở lên"),
            ("rank 1 or better", "đạt hạng 1 trở lên"),
            id="max_rank",
        ),
        pytest.param(
            "{min_group: {A: 90}}",
            GroupBelow("A", D("87.50"), D(90)),
            PointsInGroup(D("2.50"), "A"),
            ("group A has 87.50 points, below the 90 required", "nhóm A đạt 87,50 điểm, dưới mức yêu cầu 90"),
            ("2.50 more points in group A", "thêm 2,50 điểm ở nhóm A"),
            id="min_group",
        ),
        # 88 − 87.50 = 0.50
        pytest.param(
            "{min_criterion: {A.1: 88}}",
            CriterionBelow("A.1", D("87.50"), D(88)),
            PointsOnCriterion(D("0.50"), "A.1"),
            ("criterion A.1 has 87.50 points, below the 88 required", "tiêu chí A.1 đạt 87,50 điểm, dưới mức yêu cầu 88"),
            ("0.50 more points on criterion A.1", "thêm 0,50 điểm ở tiêu chí A.1"),
            id="min_criterion",
        ),
        pytest.param(
            '{when: "new_members > 100 and total >= 80"}',
            ConditionUnmet("new_members > 100 and total >= 80", "50 > 100 and 87.50 >= 80"),
            Meeting("new_members > 100 and total >= 80"),
            (
                "the condition new_members > 100 and total >= 80 is not met (50 > 100 and 87.50 >= 80)",
                "chưa đạt điều kiện new_members > 100 and total >= 80 (50 > 100 and 87.50 >= 80)",
            ),
            ("meeting new_members > 100 and total >= 80", "đạt điều kiện new_members > 100 and total >= 80"),
            id="when",
        ),
    ],
)
def test_each_condition_fails_with_its_reason(tmp_path, requires, reason, need, reason_words, need_words):
    text = criteria_yaml(
        ["t", "x"],
        indicators={"new_members": NEW_MEMBERS},
        extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {requires}}}\n",
    )
    p = ranked(tmp_path, text, CONDITION_ROWS)
    assert proposed(p) == {"t": ["flag"], "x": []}
    assert seats(p, "flag")[0].eligible == ("t",)
    assert refusal(p, "x", "flag") == ((reason,), (need,))
    assert (said(reason), said(need)) == (reason_words, need_words)


def test_a_classification_list_names_every_band_it_accepts(tmp_path):
    text = criteria_yaml(
        ["t", "y"], extra=f"awards:\n  - {{id: bk, label: {BK}, quota: 2, requires: {{classification: [xuat-sac, tot]}}}}\n"
    )
    p = ranked(tmp_path, text, pts(t=80, y=60))  # 80 is tốt, 60 only hoàn thành
    assert proposed(p) == {"t": ["bk"], "y": []}
    reasons, would_take = refusal(p, "y", "bk")
    assert reasons == (NotClassified(HT, (XS, TOT), ((XS, BelowTotal(D("60.00"), D(90))), (TOT, BelowTotal(D("60.00"), D(75))))),)
    assert would_take == (Classification((XS, TOT)),)
    assert said(reasons) == (
        f"classified {HT}, not {XS} or {TOT} (not {XS}: total 60.00 is below 90; not {TOT}: total 60.00 is below 75)",
        f"xếp loại {HT}, không phải {XS} hoặc {TOT} (chưa đạt {XS}: tổng điểm 60,00 thấp hơn 90; chưa đạt {TOT}:"
        " tổng điểm 60,00 thấp hơn 75)",
    )
    assert said(would_take) == (f"the classification {XS} or {TOT}", f"đạt xếp loại {XS} hoặc {TOT}")


def test_a_condition_on_a_value_the_unit_did_not_report_says_so(tmp_path):
    text = criteria_yaml(
        ["t", "x"],
        indicators={"new_members": NEW_MEMBERS},
        extra=f'awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {{when: "new_members > 100"}}}}\n',
    )
    p = ranked(tmp_path, text, [{"unit": "t", "pts": 95, "new_members": 150}, {"unit": "x", "pts": 90}])
    reasons, would_take = refusal(p, "x", "flag")
    assert (reasons, would_take) == ((ConditionLacks("new_members > 100", "new_members"),), (ValueFor("new_members"),))
    assert said(reasons) == (
        "the condition new_members > 100 needs 'new_members', which has no value",
        "điều kiện new_members > 100 cần 'new_members', mà 'new_members' không có giá trị",
    )
    assert said(would_take) == ("a value for 'new_members'", "có giá trị của 'new_members'")


EVERY_CONDITION = (
    "{min_total: 90, classification: [xuat-sac], max_rank: 1, min_group: {A: 90}, min_criterion: {A.1: 88},"
    ' when: "new_members > 100"}'
)
# x fails every condition, in the order they are checked
EVERY_REASON: tuple[Reason, ...] = (
    BelowMinimum(D("87.50"), D(90)),
    NotClassified(TOT, (XS,), ((XS, BelowTotal(D("87.50"), D(90))),)),
    RankTooLow(2, 1),
    GroupBelow("A", D("87.50"), D(90)),
    CriterionBelow("A.1", D("87.50"), D(88)),
    ConditionUnmet("new_members > 100", "50 > 100"),
)


def every_condition_round(tmp_path: Path, cases: int) -> Proposal:
    extra = (
        "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [flag]}\n"
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2, requires: {EVERY_CONDITION}}}\n"
    )
    text = criteria_yaml(["t", "x"], indicators={"new_members": NEW_MEMBERS, "cases": CASES}, extra=extra)
    x: Row = {"unit": "x", "pts": "87,5", "new_members": 50, "cases": cases}
    return ranked(tmp_path, text, [{"unit": "t", "pts": 95, "new_members": 150}, x])


def test_every_failed_condition_is_listed_in_order(tmp_path):
    p = every_condition_round(tmp_path, cases=0)
    reasons, would_take = refusal(p, "x", "flag")
    assert reasons == EVERY_REASON
    assert would_take == (
        PointsToMinimum(D("2.50")),
        Classification((XS,)),
        RankAtMost(1),
        PointsInGroup(D("2.50"), "A"),
        PointsOnCriterion(D("0.50"), "A.1"),
        Meeting("new_members > 100"),
    )
    assert words(would_take, lang="en") == (
        f"2.50 more points to reach the minimum total; the classification {XS}; rank 1 or better; "
        "2.50 more points in group A; 0.50 more points on criterion A.1; meeting new_members > 100"
    )


def test_a_disqualifier_is_listed_first_and_is_all_it_would_take(tmp_path):
    p = every_condition_round(tmp_path, cases=1)
    reasons, would_take = refusal(p, "x", "flag")
    assert reasons == (BlockedBy("vi-pham", "Vi phạm"), *EVERY_REASON)
    assert words(reasons, lang="en") == (
        "blocked by disqualifier vi-pham (Vi phạm); total 87.50 is below the minimum 90; "
        f"classified {TOT}, not {XS} (not {XS}: total 87.50 is below 90); rank 2; the award needs rank 1 or better; "
        "group A has 87.50 points, below the 90 required; criterion A.1 has 87.50 points, below the 88 required; "
        "the condition new_members > 100 is not met (50 > 100)"
    )
    # Changed on purpose (issue 11, item 2 a): the disqualifier blocks flag itself, so no points, band, rank or
    # condition would bring it; the old text listed them all after "not reachable by points: Vi phạm".
    assert would_take == (Unreachable("vi-pham", "Vi phạm"),)


def test_a_condition_over_the_rounds_best_total_is_computed_or_refused(tmp_path):
    # `total` is allowed in requires.when, and so best(total) compiles. The top total is 95, so a (95 ≥ 95 − 5)
    # and b (93 ≥ 90) meet the condition and c (80 < 90) does not. A round statistic that is never computed
    # must not quietly make every unit ineligible: either the file is refused, or the condition is evaluated.
    extra = f'awards:\n  - {{id: flag, label: {FLAG}, quota: 1, requires: {{when: "total >= best(total) - 5"}}}}\n'
    text = criteria_yaml(["a", "b", "c"], extra=extra)
    refused: str | None = None
    try:
        p = ranked(tmp_path, text, pts(a=95, b=93, c=80))
    except InvalidInput as e:
        refused = str(e)
    if refused is not None:
        assert "best(total)" in refused
    else:
        assert seats(p, "flag")[0].eligible == ("a", "b")
        assert proposed(p)["a"] == ["flag"]


# --- tiers -------------------------------------------------------------------------------------------------------------

TIERS = f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1{{also}}}}\n  - {{id: bk, label: {BK}, quota: 2}}\n"


def test_one_tier_per_unit_by_default(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=TIERS.replace("{also}", ""))
    p = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    assert proposed(p) == {"a": ["flag"], "b": ["bk"], "c": ["bk"], "d": []}
    assert refusal(p, "a", "bk") == ((AlreadyProposed(FLAG),), ())
    assert said(AlreadyProposed(FLAG)) == (
        f"already proposed for {FLAG} (one tier per unit)",
        f"đã được đề nghị {FLAG} (mỗi đơn vị một mức khen)",
    )
    # bk is not given to a, so its seats go to b and c; d: 88.00 − 80.00 + 0.01 = 8.01 to pass c
    reasons, would_take = refusal(p, "d", "bk")
    # d is 4th in the round but 3rd among bk's eligible units (a holds the flag)
    assert reasons == (BeyondQuota(rank_in_round(4, 3), FixedQuota(2), ("b", "c"), ()),)
    assert would_take == (took("8.01", "c"),)
    assert said(reasons) == (
        "rank 4 in the round, 3rd among the eligible: beyond the quota (2 seats), which went to b, c",
        "hạng 4 toàn đợt, thứ 3 trong số đơn vị đủ điều kiện: ngoài hạn mức (2 suất), các suất đã thuộc về b, c",
    )
    assert seats(p, "bk")[0].eligible == ("b", "c", "d")


def test_units_tied_for_a_higher_tier_do_not_take_every_seat_of_the_next(tmp_path):
    # flag (1 seat): a = b = 95, tied → the council gives it to one of them. bk (2 seats), one tier per unit:
    # whichever of a and b wins the flag, bk's two seats go to the other one and to c (90). Proposing both a and
    # b for bk leaves c out in every outcome of the council's decision, and one bk seat then goes to nobody.
    text = criteria_yaml(["a", "b", "c"], extra=TIERS.replace("{also}", ""))
    p = ranked(tmp_path, text, pts(a=95, b=95, c=90))
    (flag,) = seats(p, "flag")
    assert (flag.proposed, flag.for_council, flag.open_seats) == ((), ("a", "b"), 1)
    c = p.outcome("c")
    assert "bk" in [a.id for a, _ in c.proposed] + [a.id for a in c.for_council], c.refused


def test_a_seat_is_held_only_for_tied_units_that_could_take_it(tmp_path):
    # flag (1 seat): a = b = c = 95, tied → the council gives it to one of them. bk (2 seats) is blocked for b and c,
    # so only a may need a bk seat (if the flag goes to b or c): one seat is held for a, the other goes to d (90).
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [bk]}\n" + TIERS.replace("{also}", "")
    text = criteria_yaml(["a", "b", "c", "d", "e"], indicators={"cases": CASES}, extra=extra)
    rows = [{"unit": "a", "pts": 95}, {"unit": "b", "pts": 95, "cases": 1}, {"unit": "c", "pts": 95, "cases": 1}]
    p = ranked(tmp_path, text, [*rows, {"unit": "d", "pts": 90}, {"unit": "e", "pts": 85}])
    (flag,) = seats(p, "flag")
    assert (flag.proposed, flag.for_council, flag.open_seats) == ((), ("a", "b", "c"), 1)
    (bk,) = seats(p, "bk")
    assert (bk.eligible, bk.proposed, bk.for_council, bk.open_seats) == (("a", "d", "e"), ("d",), ("a",), 1)
    assert refusal(p, "a", "bk") == ((HeldForCouncil(rank_in_round(1), FLAG),), ())
    assert said(HeldForCouncil(rank_in_round(1), FLAG)) == (
        f"rank 1 in the round: a seat is held for it if the council does not give it {FLAG}",
        f"hạng 1 toàn đợt: giữ một suất cho đơn vị nếu Hội đồng không trao {FLAG}",
    )
    assert rule(p, "d", "bk") == WithinQuota(rank_in_round(4, 2), FixedQuota(2))
    # e: 90.00 − 85.00 + 0.01 = 5.01 to pass d, which took the last seat
    assert refusal(p, "e", "bk") == ((BeyondQuota(rank_in_round(5, 3), FixedQuota(2), ("d",), ("a",)),), (took("5.01", "d"),))


def test_a_seat_held_for_a_tied_unit_is_what_a_unit_below_must_pass(tmp_path):
    # As above with bk at 1 seat: it is held for a, until the council decides the flag between a, b and c.
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [bk]}\n" + (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n  - {{id: bk, label: {BK}, quota: 1}}\n"
    )
    text = criteria_yaml(["a", "b", "c", "d"], indicators={"cases": CASES}, extra=extra)
    rows = [{"unit": "a", "pts": 95}, {"unit": "b", "pts": 95, "cases": 1}, {"unit": "c", "pts": 95, "cases": 1}]
    p = ranked(tmp_path, text, [*rows, {"unit": "d", "pts": 90}])
    (bk,) = seats(p, "bk")
    assert (bk.eligible, bk.proposed, bk.for_council, bk.open_seats) == (("a", "d"), (), ("a",), 1)
    # d: 95.00 − 90.00 + 0.01 = 5.01 to pass a, whose seat is held (kind "held", not "the last to take a seat")
    reasons, would_take = refusal(p, "d", "bk")
    assert reasons == (BeyondQuota(rank_in_round(4, 2), FixedQuota(1), (), ("a",)),)
    assert would_take == (PointsToPass(D("5.01"), ("a",), "held", False),)
    assert said(would_take) == (
        "5.01 more points to pass a, for whom a seat is held until the council decides a tie for a higher tier",
        "thêm 5,01 điểm để vượt a, đơn vị đang được giữ suất chờ Hội đồng quyết định mức khen cao hơn",
    )


def test_the_seat_held_is_named_after_the_units_it_is_held_for(tmp_path):
    # flag (1 seat) is blocked for a; b = c = 95 tie for it. a, b and c share rank 1 for bk (2 seats): a takes one
    # outright and one is held for whichever of b and c the council does not give the flag. d (90) must pass them
    # all: 95.00 − 90.00 + 0.01 = 5.01. The seat that is held is b's or c's, not a's: a took its seat.
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [flag]}\n" + TIERS.replace("{also}", "")
    text = criteria_yaml(["a", "b", "c", "d"], indicators={"cases": CASES}, extra=extra)
    rows = [{"unit": "a", "pts": 95, "cases": 1}, {"unit": "b", "pts": 95}, {"unit": "c", "pts": 95}]
    p = ranked(tmp_path, text, [*rows, {"unit": "d", "pts": 90}])
    (bk,) = seats(p, "bk")
    assert (bk.proposed, bk.for_council, bk.open_seats) == (("a",), ("b", "c"), 1)
    (would_take,) = refusal(p, "d", "bk")[1]
    assert isinstance(would_take, PointsToPass)
    assert would_take == PointsToPass(D("5.01"), ("b", "c"), "held", False)
    assert word(would_take, "en") == (
        "5.01 more points to pass b, c, for whom a seat is held until the council decides a tie for a higher tier"
    )


def test_the_rarer_wordings_in_both_languages():
    # a tier that takes only a band below the unit's: nothing held it back from that band
    assert said(NotClassified(XS, (TOT,), ())) == (f"classified {XS}, not {TOT}", f"xếp loại {XS}, không phải {TOT}")
    # a unit under the minimum, below a seat held for a tied unit
    assert said(PointsToPass(D("5.01"), ("a",), "held", True)) == (
        "5.01 more points, to meet the conditions and pass a, for whom a seat is held until the council decides a tie"
        " for a higher tier",
        "thêm 5,01 điểm, để đạt điều kiện và vượt a, đơn vị đang được giữ suất chờ Hội đồng quyết định mức khen cao hơn",
    )
    assert said(PointsToPass(D("0.80"), ("lang-son",), "took", True)) == (
        "0.80 more points, to meet the conditions and pass lang-son, the last to take a seat",
        "thêm 0,80 điểm, để đạt điều kiện và vượt lang-son, đơn vị cuối cùng nhận suất",
    )


def test_also_lower_keeps_the_unit_a_candidate_for_the_tiers_below(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d"], extra=TIERS.replace("{also}", ", also_lower: true"))
    p = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    assert proposed(p) == {"a": ["flag", "bk"], "b": ["bk"], "c": [], "d": []}
    assert refusal(p, "c", "bk") == (
        (BeyondQuota(rank_in_round(3), FixedQuota(2), ("a", "b"), ()),),
        (took("4.01", "b"),),  # 92.00 − 88.00 + 0.01
    )


def test_among_takes_candidates_only_from_the_named_earlier_tier(tmp_path):
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 2}}\n"
        f"  - {{id: bk, label: {BK}, quota: 1}}\n"
        f"  - {{id: gov, label: {GOV}, quota: 1, among: flag}}\n"
    )
    text = criteria_yaml(["a", "b", "c", "d"], extra=extra)
    p = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80))
    # flag: a, b; bk: c (a, b hold flag); gov among flag: a (b is second)
    assert proposed(p) == {"a": ["flag", "gov"], "b": ["flag"], "c": ["bk"], "d": []}
    assert seats(p, "gov")[0].eligible == ("a", "b")
    assert refusal(p, "b", "gov") == (
        (BeyondQuota(rank_in_round(2), FixedQuota(1), ("a",), ()),),
        (took("3.01", "a"),),  # 95.00 − 92.00 + 0.01
    )
    assert refusal(p, "c", "gov") == ((OnlyAmong(FLAG),), (FirstProposedFor(FLAG),))
    assert refusal(p, "d", "gov") == ((OnlyAmong(FLAG),), (FirstProposedFor(FLAG),))
    assert said(OnlyAmong(FLAG)) == (
        f"only units proposed for {FLAG} are considered",
        f"chỉ xét các đơn vị được đề nghị {FLAG}",
    )
    assert said(FirstProposedFor(FLAG)) == (f"first be proposed for {FLAG}", f"trước hết được đề nghị {FLAG}")
    # b holds flag; the next tier up for it is gov, stacked on flag
    b_next = p.outcome("b").to_next_tier
    assert b_next == NextTier(GOV, *refusal(p, "b", "gov"))
    assert word(b_next, "en") == f"{GOV}: 3.01 more points to pass a, the last to take a seat"
    # c holds bk; the tier above is flag: 92.00 − 88.00 + 0.01 = 4.01 to pass b
    c_next = p.outcome("c").to_next_tier
    assert c_next == NextTier(FLAG, (BeyondQuota(rank_in_round(3), FixedQuota(2), ("a", "b"), ()),), (took("4.01", "b"),))
    assert said(c_next) == (
        f"{FLAG}: 4.01 more points to pass b, the last to take a seat",
        f"{FLAG}: thêm 4,01 điểm để vượt b, đơn vị cuối cùng nhận suất",
    )


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
    p = ranked(tmp_path, text, pts(a=90, b=85, c=70, d=80, e=60))
    assert [(s.scope, s.eligible, s.proposed) for s in seats(p, "flag")] == [
        ("c1", ("a", "b"), ("a",)),
        ("c2", ("d", "c"), ("d",)),
        ("c3", ("e",), ("e",)),
    ]
    # e is last in the round (60) but leads its cluster
    assert rule(p, "e", "flag") == WithinQuota(Position(1, "c3", None), FixedQuota(1))
    assert said(rule(p, "e", "flag")) == (
        "rank 1 in cluster c3, within the quota (1 seat)",
        "hạng 1 trong cụm c3, trong hạn mức (1 suất)",
    )
    # b: 90.00 − 85.00 + 0.01 = 5.01 to pass a within c1
    reasons, would_take = refusal(p, "b", "flag")
    assert (reasons, would_take) == ((BeyondQuota(Position(2, "c1", None), FixedQuota(1), ("a",), ()),), (took("5.01", "a"),))
    assert word(reasons[0], "en") == "rank 2 in cluster c1: beyond the quota (1 seat), which went to a"


def test_max_rank_in_a_cluster_scope_reads_the_cluster_rank(tmp_path):
    units = {"a": "c1", "b": "c1", "c": "c2"}
    extra = f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 2, requires: {{max_rank: 1}}}}\n"
    text = criteria_yaml(units, clusters=["c1", "c2"], extra=extra)
    p = ranked(tmp_path, text, pts(a=90, b=85, c=50))
    # c is third in the round but first in c2
    assert proposed(p) == {"a": ["flag"], "b": [], "c": ["flag"]}
    assert refusal(p, "b", "flag") == ((RankTooLow(2, 1),), (RankAtMost(1),))


@pytest.mark.parametrize(
    ("n", "quota", "rounding", "basis", "basis_words", "winners"),
    [
        # 20% × 5 leaders = 1.0 → 1
        (
            5,
            "20%",
            "down",
            ShareQuota(D("0.2"), 5, "candidates", D("1.0"), 1, "down"),
            ("20% of 5 candidates = 1.0 → 1, rounded down", "20% của 5 đơn vị được xét = 1,0 → 1, làm tròn xuống"),
            ["u1"],
        ),
        # 20% × 4 = 0.8 → 0 down, 1 up
        (
            4,
            "20%",
            "down",
            ShareQuota(D("0.2"), 4, "candidates", D("0.8"), 0, "down"),
            ("20% of 4 candidates = 0.8 → 0, rounded down", "20% của 4 đơn vị được xét = 0,8 → 0, làm tròn xuống"),
            [],
        ),
        (
            4,
            "20%",
            "up",
            ShareQuota(D("0.2"), 4, "candidates", D("0.8"), 1, "up"),
            ("20% of 4 candidates = 0.8 → 1, rounded up", "20% của 4 đơn vị được xét = 0,8 → 1, làm tròn lên"),
            ["u1"],
        ),
        # 50% × 5 = 2.5 → 3 half up, 2 down
        (
            5,
            "50%",
            "half_up",
            ShareQuota(D("0.5"), 5, "candidates", D("2.5"), 3, "half_up"),
            (
                "50% of 5 candidates = 2.5 → 3, rounded half up",
                "50% của 5 đơn vị được xét = 2,5 → 3, làm tròn đến số gần nhất",
            ),
            ["u1", "u2", "u3"],
        ),
        (
            5,
            "50%",
            "down",
            ShareQuota(D("0.5"), 5, "candidates", D("2.5"), 2, "down"),
            ("50% of 5 candidates = 2.5 → 2, rounded down", "50% của 5 đơn vị được xét = 2,5 → 2, làm tròn xuống"),
            ["u1", "u2"],
        ),
    ],
)
def test_a_round_wide_share_among_cluster_leaders(tmp_path, n, quota, rounding, basis, basis_words, winners):
    p = ranked(tmp_path, leaders_round(n, quota, rounding), leaders_rows(n))
    assert [s.proposed for s in seats(p, "flag")] == [(f"u{k}",) for k in range(1, n + 1)]
    (gov,) = seats(p, "gov")
    leaders = tuple(f"u{k}" for k in range(1, n + 1))
    assert (gov.scope, gov.basis, gov.eligible, gov.proposed) == (ROUND, basis, leaders, tuple(winners))
    assert said(gov.basis) == basis_words
    assert gov.quota == len(winners)
    for k in range(1, n + 1):
        expected = ["flag", "gov"] if f"u{k}" in winners else ["flag"]
        assert proposed(p)[f"u{k}"] == expected
        assert proposed(p)[f"w{k}"] == []


def test_a_share_quota_rounding_to_zero_gives_every_candidate_the_reason(tmp_path):
    p = ranked(tmp_path, leaders_round(4, "20%"), leaders_rows(4))
    zero = QuotaIsZero(ShareQuota(D("0.2"), 4, "candidates", D("0.8"), 0, "down"))
    for k in range(1, 5):
        assert refusal(p, f"u{k}", "gov") == ((zero,), ())
    assert said(zero) == (
        "the quota is 0 (20% of 4 candidates = 0.8 → 0, rounded down)",
        "hạn mức là 0 (20% của 4 đơn vị được xét = 0,8 → 0, làm tròn xuống)",
    )


# 10 units, totals 95, 90, 85, 80, 75, 70, 65, 40, 30, 20; top (quota 2) takes u1 and u2.
# share tier (50%, min_total 50): units 10, candidates 8 (u3…u10), eligible 5 (u3…u7 have ≥ 50)
SHARE_TOTALS = [95, 90, 85, 80, 75, 70, 65, 40, 30, 20]


@pytest.mark.parametrize(
    ("share_of", "basis", "basis_words", "winners"),
    [
        (
            "units",
            ShareQuota(D("0.5"), 10, "units", D("5.0"), 5, "down"),
            ("50% of 10 units = 5.0 → 5, rounded down", "50% của 10 đơn vị = 5,0 → 5, làm tròn xuống"),
            ["u3", "u4", "u5", "u6", "u7"],
        ),
        (
            "candidates",
            ShareQuota(D("0.5"), 8, "candidates", D("4.0"), 4, "down"),
            ("50% of 8 candidates = 4.0 → 4, rounded down", "50% của 8 đơn vị được xét = 4,0 → 4, làm tròn xuống"),
            ["u3", "u4", "u5", "u6"],
        ),
        (
            "eligible",
            ShareQuota(D("0.5"), 5, "eligible", D("2.5"), 2, "down"),
            ("50% of 5 eligible = 2.5 → 2, rounded down", "50% của 5 đơn vị đủ điều kiện = 2,5 → 2, làm tròn xuống"),
            ["u3", "u4"],
        ),
    ],
)
def test_share_of_counts_units_candidates_or_eligible(tmp_path, share_of, basis, basis_words, winners):
    ids = [f"u{k}" for k in range(1, 11)]
    extra = (
        f"awards:\n  - {{id: top, label: {FLAG}, quota: 2}}\n"
        f"  - {{id: share, label: {BK}, quota: 50%, share_of: {share_of}, requires: {{min_total: 50}}}}\n"
    )
    p = ranked(tmp_path, criteria_yaml(ids, extra=extra), [{"unit": u, "pts": t} for u, t in zip(ids, SHARE_TOTALS, strict=True)])
    (share,) = seats(p, "share")
    assert (share.basis, share.quota, share.proposed) == (basis, len(winners), tuple(winners))
    assert said(share.basis) == basis_words
    assert share.eligible == ("u3", "u4", "u5", "u6", "u7")
    assert seats(p, "top")[0].proposed == ("u1", "u2")


def test_a_quota_of_zero_proposes_nobody_and_says_why(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 0}}\n")
    p = ranked(tmp_path, text, pts(a=95, b=90))
    zero = QuotaIsZero(FixedQuota(0))
    assert seats(p, "flag") == [Seats(award(p, "flag"), ROUND, 0, FixedQuota(0), ("a", "b"), (), (), 0, zero)]
    assert said(zero) == ("the quota is 0 (0 seats)", "hạn mức là 0 (0 suất)")
    assert refusal(p, "a", "flag") == ((zero,), ())
    assert refusal(p, "b", "flag") == ((zero,), ())


# --- distances and the vote --------------------------------------------------------------------------------------------


def test_to_next_rank_and_to_next_tier_texts(tmp_path):
    text = criteria_yaml(["a", "b", "c"], extra=TIERS.replace("{also}", ", requires: {classification: [xuat-sac]}"))
    p = ranked(tmp_path, text, pts(a=90, b="87,5", c=80))
    assert proposed(p) == {"a": ["flag"], "b": ["bk"], "c": ["bk"]}
    a, b, c = (p.outcome(u) for u in "abc")
    assert (a.to_next_rank, a.to_next_tier) == (None, None)
    # 90.00 − 87.50 + 0.01 = 2.51; b holds bk, and the tier above needs xuất sắc
    assert b.to_next_rank == ToPass(D("2.51"), "a", 1, None)
    assert said(b.to_next_rank) == ("2.51 more points to pass a (rank 1)", "thêm 2,51 điểm để vượt a (hạng 1)")
    assert b.to_next_tier == NextTier(
        FLAG, (NotClassified(TOT, (XS,), ((XS, BelowTotal(D("87.50"), D(90))),)),), (Classification((XS,)),)
    )
    assert said(b.to_next_tier) == (f"{FLAG}: the classification {XS}", f"{FLAG}: đạt xếp loại {XS}")
    # 87.50 − 80.00 + 0.01 = 7.51
    assert c.to_next_rank == ToPass(D("7.51"), "b", 2, None)


def test_to_next_tier_for_a_unit_with_no_tier_names_the_lowest_tier(tmp_path):
    text = criteria_yaml(["a", "b"], extra=f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n")
    p = ranked(tmp_path, text, pts(a=90, b="87,5"))
    b = p.outcome("b")
    # 90.00 − 87.50 + 0.01 = 2.51
    assert b.to_next_rank == ToPass(D("2.51"), "a", 1, None)
    assert b.to_next_tier == NextTier(FLAG, (BeyondQuota(rank_in_round(2), FixedQuota(1), ("a",), ()),), (took("2.51", "a"),))
    assert word(b.to_next_tier, "en") == f"{FLAG}: 2.51 more points to pass a, the last to take a seat"


def test_the_vote_threshold_is_carried_into_rank_data(tmp_path):
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1, vote: 80%}}\n"
        f"  - {{id: bk, label: {BK}, quota: 1, vote: 0.75}}\n"
        f"  - {{id: gk, label: Giấy khen, quota: 1}}\n"
    )
    data = rank_data(ranked(tmp_path, criteria_yaml(["a"], extra=extra), pts(a=90)))
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
    p = ranked(tmp_path, text, pts(a=85, b=80))
    (flag,) = seats(p, "flag")
    assert (flag.eligible, flag.proposed) == ((), ())
    # the best-ranked candidate is a, at 85.00 < 90
    assert flag.note == NoneEligible("a", (BelowMinimum(D("85.00"), D(90)),))
    assert said(flag.note) == (
        "no unit is eligible; the best-ranked, a: total 85.00 is below the minimum 90",
        "không đơn vị nào đủ điều kiện; đơn vị hạng cao nhất, a: tổng điểm 85,00 thấp hơn mức tối thiểu 90",
    )


def test_a_tier_with_no_candidates_says_so(tmp_path):
    # nobody reaches 90 for flag, so gov (among flag) has no candidate at all
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1, requires: {{min_total: 90}}}}\n"
        f"  - {{id: gov, label: {GOV}, quota: 1, among: flag}}\n"
    )
    p = ranked(tmp_path, criteria_yaml(["a", "b"], extra=extra), pts(a=85, b=80))
    (gov,) = seats(p, "gov")
    assert (gov.eligible, gov.proposed, gov.note) == ((), (), NoCandidates())
    assert said(gov.note) == ("no unit is a candidate", "không có đơn vị nào được xét")


def test_a_share_of_the_eligible_can_shrink_when_a_unit_pulls_ahead_of_a_tie(tmp_path):
    # quota 34% of the eligible, rounded half up, and only rank 1 is eligible (max_rank: 1).
    # a = b = 65: both rank 1, 2 eligible → 0.34 × 2 = 0.68 → 1 seat, tied for it → the council decides.
    # a = 65.5, b = 65: only a is rank 1 → 0.34 × 1 = 0.34 → 0 seats: the rule, not the engine, gives a nothing.
    text = criteria_yaml(
        ["a", "b"],
        extra=f"awards:\n  - {{id: bk, label: {BK}, quota: 34%, share_of: eligible, quota_rounding: half_up,"
        " requires: {max_rank: 1}}\n",
    )
    tied = ranked(tmp_path, text, pts(a=65, b=65))
    (seat,) = seats(tied, "bk")
    assert (seat.quota, seat.proposed, seat.for_council, seat.open_seats) == (1, (), ("a", "b"), 1)
    ahead = ranked(tmp_path, text, pts(a="65,5", b=65))
    (seat,) = seats(ahead, "bk")
    assert (seat.quota, seat.eligible, seat.proposed) == (0, ("a",), ())


def test_a_share_of_the_clusters(tmp_path):
    units = {f"u{k}": f"c{k}" for k in range(1, 6)}
    extra = (
        f"awards:\n  - {{id: flag, label: {FLAG}, scope: cluster, quota: 1}}\n"
        f"  - {{id: gov, label: {GOV}, quota: 20%, share_of: clusters, among: flag}}\n"
    )
    text = criteria_yaml(units, clusters=[f"c{k}" for k in range(1, 6)], extra=extra)
    p = ranked(tmp_path, text, [{"unit": f"u{k}", "pts": 90 - k} for k in range(1, 6)])
    (gov,) = seats(p, "gov")
    # 20% × 5 clusters = 1.0 → 1: the best-ranked leader, u1 (89)
    assert (gov.basis, gov.proposed) == (ShareQuota(D("0.2"), 5, "clusters", D("1.0"), 1, "down"), ("u1",))
    assert said(gov.basis) == ("20% of 5 clusters = 1.0 → 1, rounded down", "20% của 5 cụm = 1,0 → 1, làm tròn xuống")


def test_to_next_rank_counts_within_the_cluster_when_there_are_several(tmp_path):
    units = {"a": "c1", "b": "c2", "c": "c1"}
    text = criteria_yaml(units, clusters=["c1", "c2"])
    p = ranked(tmp_path, text, pts(a=90, b=95, c=85))
    # c trails a in c1: 90.00 − 85.00 + 0.01 = 5.01; b and a lead their clusters
    assert [(o.standing.unit, o.to_next_rank) for o in p.outcomes] == [
        ("b", None),
        ("a", None),
        ("c", ToPass(D("5.01"), "a", 1, "c1")),
    ]
    assert said(p.outcome("c").to_next_rank) == (
        "5.01 more points to pass a (rank 1 in cluster c1)",
        "thêm 5,01 điểm để vượt a (hạng 1 trong cụm c1)",
    )


def test_every_unit_past_a_full_quota_is_told_its_own_place_among_the_eligible(tmp_path):
    # Regression: every unit past the quota was told the place after the last seat ("3rd among the eligible"),
    # whatever its own. flag (1 seat) goes to a; bk (2 seats, one tier per unit) to b and c; then d, e and f are
    # 4th, 5th and 6th in the round and 3rd, 4th and 5th among bk's eligible units (a holds the flag).
    text = criteria_yaml(["a", "b", "c", "d", "e", "f"], extra=TIERS.replace("{also}", ""))
    p = ranked(tmp_path, text, pts(a=95, b=92, c=88, d=80, e=75, f=70))
    assert proposed(p) == {"a": ["flag"], "b": ["bk"], "c": ["bk"], "d": [], "e": [], "f": []}
    # e: 88.00 − 75.00 + 0.01 = 13.01; f: 88.00 − 70.00 + 0.01 = 18.01 to pass c
    assert [refusal(p, u, "bk") for u in ("d", "e", "f")] == [
        ((BeyondQuota(rank_in_round(4, 3), FixedQuota(2), ("b", "c"), ()),), (took("8.01", "c"),)),
        ((BeyondQuota(rank_in_round(5, 4), FixedQuota(2), ("b", "c"), ()),), (took("13.01", "c"),)),
        ((BeyondQuota(rank_in_round(6, 5), FixedQuota(2), ("b", "c"), ()),), (took("18.01", "c"),)),
    ]
    assert said(refusal(p, "f", "bk")[0]) == (
        "rank 6 in the round, 5th among the eligible: beyond the quota (2 seats), which went to b, c",
        "hạng 6 toàn đợt, thứ 5 trong số đơn vị đủ điều kiện: ngoài hạn mức (2 suất), các suất đã thuộc về b, c",
    )


def test_past_a_tie_for_the_last_seat_a_unit_counts_every_tied_unit_ahead_of_it(tmp_path):
    # flag (1 seat) is blocked for a (cases); b = c = 90 tie for it; d (85) is 4th in the round, 3rd among the eligible,
    # and e (80) 5th and 4th — not both "3rd"
    extra = "disqualifiers:\n  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [flag]}\n"
    extra += f"awards:\n  - {{id: flag, label: {FLAG}, quota: 1}}\n"
    text = criteria_yaml(["a", "b", "c", "d", "e"], indicators={"cases": CASES}, extra=extra)
    rows = [{"unit": "a", "pts": 95, "cases": 1}, *pts(b=90, c=90, d=85, e=80)]
    p = ranked(tmp_path, text, rows)
    assert refusal(p, "d", "flag")[0] == (BeyondQuota(rank_in_round(4, 3), FixedQuota(1), (), ("b", "c")),)
    assert refusal(p, "e", "flag")[0] == (BeyondQuota(rank_in_round(5, 4), FixedQuota(1), (), ("b", "c")),)
