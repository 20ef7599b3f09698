"""The scoring methods (phương pháp chấm điểm), each exactly as the README states it.

Pure functions over exact decimals: they return the raw points before the
round's rounding, and the notes a person needs to follow them (typed facts,
worded in scoring/wording/).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoring.criteria import Band
from scoring.numbers import CONTEXT

ZERO = Decimal(0)
ONE = Decimal(1)
HALF = Decimal("0.5")


@dataclass(frozen=True)
class Capped:
    """The points were held at the line's maximum."""


@dataclass(frozen=True)
class Clipped:
    """A negative result was held at 0."""


CAPPED = Capped()
CLIPPED = Clipped()


def achieved(maximum: Decimal, done: bool) -> Decimal:
    """Định tính: the maximum if achieved, else 0."""
    return maximum if done else ZERO


def per_item(maximum: Decimal, count: Decimal, each: Decimal) -> tuple[Decimal, tuple[Capped | Clipped, ...]]:
    """Chấm thẳng: count × points each, capped at the maximum."""
    raw = CONTEXT.multiply(count, each)
    return (maximum, (CAPPED,)) if raw > maximum else (raw, ())


def ratio(actual: Decimal, target: Decimal) -> Decimal:
    return CONTEXT.divide(actual, target)


def leader_ratio(ratios: Sequence[Decimal]) -> Decimal | None:
    """The highest ratio above 1 in the round, or None when no unit passed its target."""
    above = [r for r in ratios if r > ONE]
    return max(above) if above else None


def target(maximum: Decimal, r: Decimal, leader: Decimal | None) -> Decimal:
    """Định lượng against the assigned target: r = actual / target.

    r < 1: 0.5·max·r; r = 1: 0.5·max; the leader (highest r > 1): max;
    others above target: 0.5·max + 0.5·max·(r − 1)/(r_leader − 1).
    """
    half = CONTEXT.multiply(HALF, maximum)
    if r <= ONE:
        return CONTEXT.multiply(half, r)
    assert leader is not None, "a ratio above 1 means the round has a leader"
    assert leader >= r, "the leader's ratio is the highest in the round"
    if r == leader:
        return maximum
    share = CONTEXT.divide(CONTEXT.subtract(r, ONE), CONTEXT.subtract(leader, ONE))
    return CONTEXT.add(half, CONTEXT.multiply(half, share))


def relative(maximum: Decimal, value: Decimal, best: Decimal) -> Decimal:
    """So sánh: max × value / best value in the round; 0 when the best is 0."""
    if best <= ZERO:
        return ZERO
    return CONTEXT.divide(CONTEXT.multiply(maximum, value), best)


def bands(table: Sequence[Band], value: Decimal) -> tuple[Decimal, Band | None]:
    """Khung điểm: the points of the highest band whose `from` the value reaches (0 below the first)."""
    reached = None
    for band in table:
        if value >= band.start:
            reached = band
    return (reached.points if reached else ZERO), reached


def clip(maximum: Decimal, raw: Decimal) -> tuple[Decimal, tuple[Capped | Clipped, ...]]:
    """A formula's result held within [0, max]."""
    if raw < ZERO:
        return ZERO, (CLIPPED,)
    if raw > maximum:
        return maximum, (CAPPED,)
    return raw, ()
