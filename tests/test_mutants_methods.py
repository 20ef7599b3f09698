"""Known answers for scoring/methods.py that `make mutate` found untested: the target method's two invariants, which
refuse to score a ratio above 1 without the round's leader, or above the leader's, with a message that names the rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring import methods


def test_a_ratio_above_1_without_a_leader_is_an_internal_error_that_says_so():
    # r = 1.2 > 1 means some unit passed its target, so the round has a leader; None is a bug in the caller
    with pytest.raises(AssertionError, match=r"^a ratio above 1 means the round has a leader$"):
        methods.target(Decimal(10), Decimal("1.2"), None)


def test_a_ratio_above_the_leaders_is_an_internal_error_that_says_so():
    # the leader's r is the highest of the round: r = 1.5 above a leader of 1.2 is a bug in the caller
    with pytest.raises(AssertionError, match=r"^the leader's ratio is the highest in the round$"):
        methods.target(Decimal(10), Decimal("1.5"), Decimal("1.2"))


def test_a_ratio_at_the_leaders_gives_the_maximum_and_just_below_it_the_share():
    # r = leader = 1.2: max = 10; r = 1.1 against 1.2: 0.5 × 10 + 0.5 × 10 × (1.1 − 1) / (1.2 − 1) = 5 + 5 × 0.5 = 7.5
    assert methods.target(Decimal(10), Decimal("1.2"), Decimal("1.2")) == Decimal(10)
    assert methods.target(Decimal(10), Decimal("1.1"), Decimal("1.2")) == Decimal("7.5")
