"""rank(results) → standings: units ordered by total, ties broken by the declared keys only.

Equal totals (at the round's precision) go through the criteria file's
tie-break keys in order; units still equal share the rank (đồng hạng). The
order of the input files never decides anything: units still tied are listed
in the criteria file's order, and share their rank.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


@dataclass(frozen=True)
class InTieGroup:
    """Still equal to the `others` other units of tie group `group` after every key: they share the rank.

    Said instead of a SharesRank with each of them when they are more than `LISTED`: the group's table names them once.
    """

    group: int
    others: int
    keys: tuple[TieBreak, ...]


@dataclass(frozen=True)
class AlsoLevel:
    """Level on total with `others` more units, each placed by the tie-break keys (too many to name each)."""

    others: int


Tie = SettledBy | SharesRank | InTieGroup | AlsoLevel

LISTED = 6  # a unit's tie notes name each other unit level with it up to this many; more are referred to by their group


@dataclass(frozen=True)
class TieGroup:
    """Units that share a rank (đồng hạng), in the round or in a cluster: said once, each unit refers to its number."""

    number: int  # 1, 2, …: the round's groups in rank order, then each cluster's
    rank: int
    cluster: str | None  # None: the rank in the round; else the rank within that cluster
    members: tuple[str, ...]  # in rank order (the criteria file's order)


@dataclass(frozen=True)
class Standing:
    """A unit's place: its rank in the round and in its cluster, and how a tie was settled.

    The units level with it and those it shares a rank with are kept once per group (`level`, `tie_group`) and
    shared by every unit of the group, so that a round where all tie stays linear in size.
    """

    card: Scorecard
    rank: int  # competition ranking: 1, 2, 2, 4
    cluster_rank: int
    level: tuple[str, ...]  # the units with the same total, this one included (one tuple shared by them all)
    tie_group: TieGroup | None  # the units that share its rank, when any does
    ties: tuple[Tie, ...]  # how the tie with the units of `level` was settled
    cluster_tie_group: TieGroup | None = None  # the units of its cluster that share its cluster rank
    cluster_ties: tuple[Tie, ...] = ()  # the ties with the units of its cluster only

    @property
    def unit(self) -> str:
        return self.card.unit.id

    @property
    def level_with(self) -> tuple[str, ...]:
        """The other units with the same total."""
        return tuple(u for u in self.level if u != self.unit)

    @property
    def tied_with(self) -> tuple[str, ...]:
        """The other units still equal after every tie-break key: they share the rank."""
        return () if self.tie_group is None else tuple(u for u in self.tie_group.members if u != self.unit)

    @property
    def cluster_tied_with(self) -> tuple[str, ...]:
        """The other units of its cluster that share its cluster rank."""
        group = self.cluster_tie_group
        return () if group is None else tuple(u for u in group.members if u != self.unit)


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
    sort_keys = {c.unit.id: _sort_key(c, keys) for c in results.scorecards}
    cards = sorted(results.scorecards, key=lambda c: (sort_keys[c.unit.id], order[c.unit.id]))
    ranks = competition([sort_keys[c.unit.id] for c in cards])
    clusters: dict[str, list[Scorecard]] = {}
    for card in cards:
        clusters.setdefault(card.unit.cluster, []).append(card)
    cluster_ranks: dict[str, int] = {}
    for mine in clusters.values():
        for card, r in zip(mine, competition([sort_keys[c.unit.id] for c in mine]), strict=True):
            cluster_ranks[card.unit.id] = r
    numbered = iter(range(1, len(cards) + 1))
    groups = _tie_groups(cards, ranks, None, numbered)
    clustered = len(results.criteria.clusters) > 1
    cluster_groups: dict[str, TieGroup] = {}
    for cluster, mine in clusters.items() if clustered else ():
        cluster_groups.update(_tie_groups(mine, [cluster_ranks[c.unit.id] for c in mine], cluster, numbered))
    by_total: dict[Decimal, list[Scorecard]] = {}
    for card in cards:
        by_total.setdefault(card.total, []).append(card)
    level = {total: tuple(c.unit.id for c in same) for total, same in by_total.items()}
    notes = {}
    cluster_notes = {}
    for same in by_total.values():
        notes.update(_ties(same, groups, keys))
        if clustered:
            in_cluster: dict[str, list[Scorecard]] = {}
            for card in same:
                in_cluster.setdefault(card.unit.cluster, []).append(card)
            for peers in in_cluster.values():
                cluster_notes.update(_ties(peers, cluster_groups, keys))
    return tuple(
        Standing(
            card,
            r,
            cluster_ranks[card.unit.id],
            level[card.total],
            groups.get(card.unit.id),
            notes[card.unit.id],
            cluster_groups.get(card.unit.id),
            cluster_notes.get(card.unit.id, ()),
        )
        for card, r in zip(cards, ranks, strict=True)
    )


def _tie_groups(
    cards: Sequence[Scorecard], ranks: Sequence[int], cluster: str | None, numbered: Iterator[int]
) -> dict[str, TieGroup]:
    """Each unit that shares its rank with another, and the group of them (one object shared by its members)."""
    by_rank: dict[int, list[str]] = {}
    for card, r in zip(cards, ranks, strict=True):
        by_rank.setdefault(r, []).append(card.unit.id)
    found: dict[str, TieGroup] = {}
    for r, members in by_rank.items():
        if len(members) > 1:
            group = TieGroup(next(numbered), r, cluster, tuple(members))
            found.update(dict.fromkeys(members, group))
    return found


def competition(sort_keys: Sequence[tuple[object, ...]]) -> list[int]:
    ranks: list[int] = []
    for i, key in enumerate(sort_keys):
        ranks.append(ranks[-1] if i and key == sort_keys[i - 1] else i + 1)
    return ranks


def _settled(card: Scorecard, other: Scorecard, keys: Sequence[TieBreak]) -> Tie:
    """How the tie of `card` with `other` (level on total) was settled: the first key that differs, or none."""
    for key in keys:
        mine, theirs = key_value(card, key), key_value(other, key)
        if mine != theirs:
            return SettledBy(other.unit.id, key, mine, theirs)
    return SharesRank(other.unit.id, tuple(keys))


def _ties(level: Sequence[Scorecard], groups: dict[str, TieGroup], keys: Sequence[TieBreak]) -> dict[str, tuple[Tie, ...]]:
    """Each unit's tie notes against the others of `level` (units level on total, in rank order).

    With each of them when they are at most LISTED others; else with the nearest unit above and below that does not
    share its rank, the group that does (InTieGroup), and how many more are level (AlsoLevel): linear in the units.
    """
    if len(level) - 1 <= LISTED:
        return {c.unit.id: tuple(_settled(c, o, keys) for o in level if o is not c) for c in level}
    found: dict[str, tuple[Tie, ...]] = {}
    i = 0
    while i < len(level):  # each run of units sharing a rank: level[i:j]
        group = groups.get(level[i].unit.id)
        j = i + (1 if group is None else len(group.members))
        for card in level[i:j]:
            near = [level[i - 1]] if i > 0 else []
            near += [level[j]] if j < len(level) else []
            notes: list[Tie] = [_settled(card, o, keys) for o in near]
            if group is not None:
                notes.append(InTieGroup(group.number, len(group.members) - 1, tuple(keys)))
            if (more := len(level) - (j - i) - len(near)) > 0:
                notes.append(AlsoLevel(more))
            found[card.unit.id] = tuple(notes)
        i = j
    return found
