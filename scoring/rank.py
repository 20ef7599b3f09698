"""rank(results) → standings: units ordered by total, ties broken by the declared keys only.

Equal totals (at the round's precision) go through the criteria file's
tie-break keys in order; units still equal share the rank (đồng hạng). The
order of the input files never decides anything: units still tied are listed
in the criteria file's order, and share their rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoring.criteria import TieBreak
from scoring.evaluate import Results, Scorecard

ZERO = Decimal(0)


@dataclass(frozen=True)
class SettledBy:
    """Level on total with `other`; the first tie-break key that differs settled it."""

    other: str
    key: TieBreak
    mine: Decimal | None  # None: the unit has no value for the key
    theirs: Decimal | None


@dataclass(frozen=True)
class SharesRank:
    """Still equal to `other` after every tie-break key: they share the rank (đồng hạng)."""

    other: str
    keys: tuple[TieBreak, ...]


Tie = SettledBy | SharesRank


@dataclass(frozen=True)
class Standing:
    """A unit's place: its rank in the round and in its cluster, and how a tie was settled."""

    card: Scorecard
    rank: int  # competition ranking: 1, 2, 2, 4
    cluster_rank: int
    level_with: tuple[str, ...]  # other units with the same total
    tied_with: tuple[str, ...]  # those still equal after every tie-break key: they share the rank
    ties: tuple[Tie, ...]  # how the tie with each of `level_with` was settled
    cluster_tied_with: tuple[str, ...] = ()  # the units of its cluster that share its cluster rank
    cluster_ties: tuple[Tie, ...] = ()  # the ties with the units of its cluster only

    @property
    def unit(self) -> str:
        return self.card.unit.id


def key_value(card: Scorecard, key: TieBreak) -> Decimal | None:
    """The unit's value for a tie-break key (None when the unit has no such value)."""
    if key.kind == "group":
        return next(g.points for g in card.groups if g.group.id == key.ref)
    if key.kind == "criterion":
        return next(line.points for line in card.lines if line.criterion.id == key.ref)
    if key.kind == "deductions":
        return -sum((a.points for a in card.adjustments if a.adjustment.kind == "deduction"), ZERO)
    if key.kind == "bonuses":
        return sum((a.points for a in card.adjustments if a.adjustment.kind == "bonus"), ZERO)
    value = card.values.get(key.ref or "")
    return value if isinstance(value, Decimal) else None


def key_part(value: Decimal | None, prefer: str) -> tuple[int, Decimal]:
    """Smaller sorts first: a value in its preferred direction; no value goes last."""
    return (1, ZERO) if value is None else (0, -value if prefer == "higher" else value)


def _sort_key(card: Scorecard, keys: Sequence[TieBreak]) -> tuple[object, ...]:
    """Smaller sorts first: higher totals, then each key in its preferred direction; no value goes last."""
    return (-card.total, *(key_part(key_value(card, key), key.prefer) for key in keys))


def rank(results: Results) -> tuple[Standing, ...]:
    """Standings in rank order (ties in the criteria file's unit order)."""
    keys = results.criteria.tie_break
    order = {u.id: i for i, u in enumerate(results.criteria.units)}
    cards = sorted(results.scorecards, key=lambda c: (_sort_key(c, keys), order[c.unit.id]))
    ranks = competition([_sort_key(c, keys) for c in cards])
    clusters: dict[str, list[Scorecard]] = {}
    for card in cards:
        clusters.setdefault(card.unit.cluster, []).append(card)
    cluster_ranks: dict[str, int] = {}
    for mine in clusters.values():
        for card, r in zip(mine, competition([_sort_key(c, keys) for c in mine]), strict=True):
            cluster_ranks[card.unit.id] = r
    by_total: dict[Decimal, list[Scorecard]] = {}
    by_rank: dict[int, list[Scorecard]] = {}
    for card, r in zip(cards, ranks, strict=True):
        by_total.setdefault(card.total, []).append(card)
        by_rank.setdefault(r, []).append(card)
    standings = []
    for card, r in zip(cards, ranks, strict=True):
        level = [c for c in by_total[card.total] if c is not card]
        tied = tuple(c.unit.id for c in by_rank[r] if c is not card)
        ties = _ties(card, level, keys)
        cluster = card.unit.cluster
        peers = {c.unit.id for c in clusters[cluster] if c is not card}
        standings.append(
            Standing(
                card,
                r,
                cluster_ranks[card.unit.id],
                tuple(c.unit.id for c in level),
                tied,
                ties,
                tuple(u for u in tied if u in peers),
                tuple(t for t in ties if t.other in peers),
            )
        )
    return tuple(standings)


def competition(sort_keys: Sequence[tuple[object, ...]]) -> list[int]:
    ranks: list[int] = []
    for i, key in enumerate(sort_keys):
        ranks.append(ranks[-1] if i and key == sort_keys[i - 1] else i + 1)
    return ranks


def _ties(card: Scorecard, level: Sequence[Scorecard], keys: Sequence[TieBreak]) -> tuple[Tie, ...]:
    ties: list[Tie] = []
    for other in level:
        for key in keys:
            mine, theirs = key_value(card, key), key_value(other, key)
            if mine != theirs:
                ties.append(SettledBy(other.unit.id, key, mine, theirs))
                break
        else:
            ties.append(SharesRank(other.unit.id, tuple(keys)))
    return tuple(ties)
