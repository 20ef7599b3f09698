"""Known answers for the six scoring methods (scoring/methods.py), at their boundaries.

Every expectation is worked out by hand in the test, with the arithmetic shown.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring import methods
from scoring.criteria import Band
from scoring.methods import CAPPED, CLIPPED

D = Decimal


# --- achieved (định tính) ----------------------------------------------------------------------------------------


def test_achieved_true_gives_the_maximum():
    assert methods.achieved(D(5), True) == D(5)


def test_achieved_false_gives_zero():
    assert methods.achieved(D(5), False) == D(0)


# --- per_item (chấm thẳng) ---------------------------------------------------------------------------------------


def test_per_item_under_the_maximum_is_count_times_each():
    # 3 × 0.5 = 1.5 ≤ 5
    assert methods.per_item(D(5), D(3), D("0.5")) == (D("1.5"), ())


def test_per_item_exactly_at_the_maximum_is_not_capped():
    # 10 × 0.5 = 5 = max: no note
    assert methods.per_item(D(5), D(10), D("0.5")) == (D(5), ())


def test_per_item_above_the_maximum_is_capped():
    # 11 × 0.5 = 5.5 > 5 → 5, capped
    assert methods.per_item(D(5), D(11), D("0.5")) == (D(5), (CAPPED,))


def test_per_item_count_zero_gives_zero():
    # 0 × 0.5 = 0
    assert methods.per_item(D(5), D(0), D("0.5")) == (D(0), ())


def test_per_item_is_exact_decimal():
    # 3 × 0.1 = 0.3 exactly (a float would give 0.30000000000000004)
    points, notes = methods.per_item(D(5), D(3), D("0.1"))
    assert points == D("0.3")
    assert notes == ()


# --- target (định lượng, chỉ tiêu được giao) -----------------------------------------------------------------------


def test_ratio_is_actual_over_target():
    # 800 / 400 = 2
    assert methods.ratio(D(800), D(400)) == D(2)


def test_target_just_under_the_target():
    # r = 699/700 = 0.998571…; r < 1 → 0.5 × 10 × 699/700 = 4.992857142857…
    r = methods.ratio(D(699), D(700))
    assert r < 1
    assert abs(r - D(699) / D(700)) < D("1e-25")
    points = methods.target(D(10), r, None)
    assert abs(points - D(5) * D(699) / D(700)) < D("1e-25")
    assert points < D(5)


def test_target_just_under_the_target_when_another_unit_leads():
    # the leader's ratio plays no part below target: 0.5 × 10 × 0.9 = 4.5
    assert methods.target(D(10), D("0.9"), D("1.3")) == D("4.5")


def test_target_exactly_met_gives_half_the_maximum():
    # r = 700/700 = 1 → 0.5 × 10 = 5
    r = methods.ratio(D(700), D(700))
    assert r == 1
    assert methods.target(D(10), r, None) == D(5)
    # with a leader elsewhere in the round, still 0.5 × 10 = 5
    assert methods.target(D(10), r, D("1.2")) == D(5)


def test_target_leader_gets_the_maximum():
    # ratios 800/700 ≈ 1.142857, 750/700 ≈ 1.071429, 600/700 ≈ 0.857143 → leader 800/700 → max = 10
    ratios = [methods.ratio(D(800), D(700)), methods.ratio(D(750), D(700)), methods.ratio(D(600), D(700))]
    leader = methods.leader_ratio(ratios)
    assert leader == ratios[0]
    assert methods.target(D(10), ratios[0], leader) == D(10)


def test_target_above_target_but_below_the_leader():
    # r = 1100/1000 = 1.1, leader 1200/1000 = 1.2
    # 0.5 × 10 + 0.5 × 10 × (1.1 − 1)/(1.2 − 1) = 5 + 5 × 0.5 = 7.5
    r = methods.ratio(D(1100), D(1000))
    leader = methods.leader_ratio([r, methods.ratio(D(1200), D(1000))])
    assert leader == D("1.2")
    assert methods.target(D(10), r, leader) == D("7.5")


def test_target_above_target_with_an_inexact_share():
    # r = 750/700, leader 800/700: (50/700)/(100/700) = 0.5 → 5 + 5 × 0.5 = 7.5, to within the working precision
    r = methods.ratio(D(750), D(700))
    leader = methods.ratio(D(800), D(700))
    points = methods.target(D(10), r, leader)
    assert abs(points - D("7.5")) < D("1e-25")


def test_target_two_units_tied_as_leader_both_get_the_maximum():
    # 1200/1000 = 1.2 and 600/500 = 1.2 → both are the leader → 10 each; 1100/1000 = 1.1 → 5 + 5 × 0.1/0.2 = 7.5
    ratios = [methods.ratio(D(1200), D(1000)), methods.ratio(D(600), D(500)), methods.ratio(D(1100), D(1000))]
    leader = methods.leader_ratio(ratios)
    assert leader == D("1.2")
    assert [methods.target(D(10), r, leader) for r in ratios] == [D(10), D(10), D("7.5")]


def test_nobody_above_target_has_no_leader():
    # 0.9, 1 and 0.5: none is above 1 → None
    assert methods.leader_ratio([D("0.9"), D(1), D("0.5")]) is None
    assert methods.leader_ratio([]) is None
    # everyone scores on the r ≤ 1 branch: 0.5 × 10 × 0.9 = 4.5, 0.5 × 10 × 1 = 5
    assert methods.target(D(10), D("0.9"), None) == D("4.5")
    assert methods.target(D(10), D(1), None) == D(5)


def test_target_zero_actual_gives_zero():
    # r = 0/700 = 0 → 0.5 × 10 × 0 = 0
    r = methods.ratio(D(0), D(700))
    assert r == 0
    assert methods.target(D(10), r, None) == D(0)


# --- relative (so sánh) ------------------------------------------------------------------------------------------


def test_relative_is_max_times_value_over_best():
    # 10 × 3 / 4 = 7.5
    assert methods.relative(D(10), D(3), D(4)) == D("7.5")


def test_relative_best_unit_gets_the_maximum():
    # 10 × 4 / 4 = 10
    assert methods.relative(D(10), D(4), D(4)) == D(10)


def test_relative_inexact_share():
    # 10 × 10 / 15 = 6.666…
    points = methods.relative(D(10), D(10), D(15))
    assert abs(points - D(20) / D(3)) < D("1e-25")


def test_relative_best_zero_gives_zero():
    # everyone reported 0: no division, 0 points
    assert methods.relative(D(10), D(0), D(0)) == D(0)


# --- bands (khung điểm) ------------------------------------------------------------------------------------------

TABLE = (Band(D(10), D(2)), Band(D(20), D(5)), Band(D(30), D(8)))


def test_bands_below_the_first_band_gives_zero_and_no_band():
    # 9.99 < 10 (the first band's from) → 0, no band
    assert methods.bands(TABLE, D("9.99")) == (D(0), None)


@pytest.mark.parametrize(
    ("value", "points", "band"),
    [
        (D(10), D(2), TABLE[0]),  # exactly on the first edge: 10 ≥ 10 → 2
        (D(20), D(5), TABLE[1]),  # exactly on the second edge: 20 ≥ 20 → 5
        (D(30), D(8), TABLE[2]),  # exactly on the last edge: 30 ≥ 30 → 8
    ],
)
def test_bands_on_an_edge_gets_that_band(value, points, band):
    assert methods.bands(TABLE, value) == (points, band)


@pytest.mark.parametrize(
    ("value", "points", "band"),
    [
        (D(15), D(2), TABLE[0]),  # 10 ≤ 15 < 20 → 2
        (D("19.99"), D(2), TABLE[0]),  # just under the second edge → still 2
        (D("29.5"), D(5), TABLE[1]),  # 20 ≤ 29.5 < 30 → 5
    ],
)
def test_bands_between_edges_gets_the_lower_band(value, points, band):
    assert methods.bands(TABLE, value) == (points, band)


def test_bands_above_the_last_edge_gets_the_last_band():
    # 1000 ≥ 30 → 8
    assert methods.bands(TABLE, D(1000)) == (D(8), TABLE[2])


def test_bands_with_a_zero_band_at_zero():
    table = (Band(D(0), D(0)), Band(D(80), D(2)))
    # 0 ≥ 0 reaches the first band (worth 0): a band, not None
    assert methods.bands(table, D(0)) == (D(0), table[0])
    # −1 < 0: below the first band
    assert methods.bands(table, D(-1)) == (D(0), None)


# --- clip (formula results) --------------------------------------------------------------------------------------


def test_clip_below_zero_gives_zero_clipped():
    assert methods.clip(D(5), D("-0.01")) == (D(0), (CLIPPED,))


def test_clip_above_the_maximum_gives_the_maximum_capped():
    assert methods.clip(D(5), D("5.01")) == (D(5), (CAPPED,))


@pytest.mark.parametrize("raw", [D(0), D("3.25"), D(5)])
def test_clip_inside_the_range_is_unchanged(raw):
    # 0 ≤ raw ≤ 5: unchanged, no note (the edges included)
    points, notes = methods.clip(D(5), raw)
    assert points == raw
    assert notes == ()
