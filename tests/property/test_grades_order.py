"""The order in which the assessors' grades are given never changes a graded line's points."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.criteria import Criterion, Rule
from scoring.grades import Combine, Grade, graded
from scoring.numbers import quantize

SETTINGS = settings(max_examples=200, deadline=None)

# 0..5 in steps of 0.001: grades as assessors write them (4, 4.5, 4.25 …)
points = st.integers(min_value=0, max_value=5000).map(lambda n: Decimal(n).scaleb(-3))
grade_lists = st.lists(points, min_size=3, max_size=9)
combines = st.sampled_from(["mean", "median", "trimmed_mean"])


def criterion(how: Combine) -> Criterion:
    return Criterion("III.4", "Chất lượng báo cáo", "III", Decimal(5), "graded", None, None, (), None, "error", Rule("c", 1), how)


def as_grades(given_points: list[Decimal]) -> tuple[Grade, ...]:
    return tuple(Grade(f"Người {i}", p, "lý do", f"g.yaml:{i}") for i, p in enumerate(given_points))


@SETTINGS
@given(grade_lists, combines, st.randoms(use_true_random=False))
def test_the_order_of_the_grades_never_changes_the_points(given_points, how, random):
    shuffled = list(given_points)
    random.shuffle(shuffled)
    first = graded(criterion(how), as_grades(given_points)).result
    again = graded(criterion(how), as_grades(shuffled)).result
    assert first == again
    assert quantize(first, 2, "half_up") == quantize(again, 2, "half_up")


@SETTINGS
@given(grade_lists, combines)
def test_the_combined_grade_lies_between_the_lowest_and_the_highest(given_points, how):
    result = graded(criterion(how), as_grades(given_points)).result
    assert min(given_points) <= result <= max(given_points)
