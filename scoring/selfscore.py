"""A unit's own score (tự chấm điểm) against the computed one, line by line: typed facts, worded in scoring.wording."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scoring.evaluate import Scorecard
from scoring.numbers import CONTEXT

SHOWN = 3  # the lines that differ most, as explain and the report show them


@dataclass(frozen=True)
class LineGap:
    """A criterion where the unit's own points differ from the computed ones (difference = computed − own)."""

    criterion: str
    own: Decimal
    computed: Decimal
    difference: Decimal


@dataclass(frozen=True)
class SelfScoresDisagree:
    """The unit's points per criterion add up to another figure than the total it gave itself (not an error:
    the total may count bonuses and deductions, which have no line of their own)."""

    lines: Decimal  # the sum of the unit's own points per criterion
    total: Decimal  # its self_score


def gaps(card: Scorecard, top: int | None = SHOWN) -> tuple[LineGap, ...]:
    """The criteria whose own points differ from the computed ones, the largest difference first (then in the
    criteria's order); the first `top` of them (None: all)."""
    found = []
    for order, line in enumerate(card.lines):
        own = card.submission.self_scores.get(line.criterion.id)
        if own is None or own.points is None or own.points == line.points:
            continue
        difference = CONTEXT.subtract(line.points, own.points)
        found.append((-abs(difference), order, LineGap(line.criterion.id, own.points, line.points, difference)))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(gap for _, _, gap in found[:top])


def disagreement(card: Scorecard) -> SelfScoresDisagree | None:
    """When the unit gave both its total and points per criterion, and they do not add up."""
    total = card.submission.self_score
    given = [s.points for s in card.submission.self_scores.values() if s.points is not None]
    if total is None or not given:
        return None
    lines = sum(given, Decimal(0))
    return None if lines == total else SelfScoresDisagree(lines, total)
