"""propose(results) → Proposal: the award tiers the rules give, and every unit's reasons.

The engine proposes; people decide. Tiers are taken in the criteria file's
order; for each, in each scope (a cluster, or the whole round), the best-placed
eligible units get the seats up to the quota: placed by the total, or by what
the award ranks by (`rank_by`: the criteria before bonuses and deductions, a
group, a value), and then the round's tie-break keys. A tie across the last
seat is never broken here: the tied units go to the council and the seat stays
open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal
from functools import cached_property

from scoring.criteria import TOTAL, Award, Criteria, Measure
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import (
    Blocked,
    GroupUnderFloor,
    HeldBack,
    Results,
    Scorecard,
    ZeroIn,
    fault_problem,
    group_floor_misses,
    zero_lines,
)
from scoring.formula import FormulaFault, MissingValue, num
from scoring.numbers import CONTEXT
from scoring.rank import LISTED, ZERO, Standing, competition, key_part, key_value, rank
from scoring.wording import msg

_ROUNDING = {"down": ROUND_DOWN, "up": ROUND_UP, "half_up": ROUND_HALF_UP}
# A field that the data form (scoring/output.py) leaves out while it is None: a measure other than the total.
IF_SET = {"if_set": True}


@dataclass(frozen=True)
class Position:
    """A unit's place where an award's seats are given, by the award's measure."""

    rank: int
    cluster: str | None  # the cluster, when the award's seats are per cluster; None: in the round
    nth: int | None  # its place among the eligible, when that differs from its rank
    measure: Measure | None = field(default=None, metadata=IF_SET)  # None: the total
    value: Decimal | None = field(default=None, metadata=IF_SET)  # the unit's value of the measure


# How a quota was reached.
@dataclass(frozen=True)
class FixedQuota:
    seats: int


@dataclass(frozen=True)
class ShareQuota:
    """`share` of `base` `share_of` (units, candidates, eligible, clusters) = `exact`, rounded to `seats`."""

    share: Decimal
    base: int
    share_of: str
    exact: Decimal
    seats: int
    rounding: str  # down | up | half_up


Basis = FixedQuota | ShareQuota


# Why a tier was given.
@dataclass(frozen=True)
class WithinQuota:
    position: Position
    basis: Basis


# Why a tier was not given: one or more of these.
@dataclass(frozen=True)
class OnlyAmong:
    """Only units proposed for an earlier tier are candidates."""

    award: str  # that tier's label


@dataclass(frozen=True)
class AlreadyProposed:
    award: str  # the earlier tier's label: one tier per unit


@dataclass(frozen=True)
class BlockedBy:
    """A disqualifier the unit met blocks the tier itself."""

    disqualifier: str
    label: str


@dataclass(frozen=True)
class BelowMinimum:
    total: Decimal
    minimum: Decimal


@dataclass(frozen=True)
class NotClassified:
    """The tier needs a classification the unit did not reach; `why` says what held it back from each."""

    classified: str  # the unit's band's label
    wanted: tuple[str, ...]  # the labels of the bands the tier accepts
    why: tuple[tuple[str, HeldBack], ...]  # (band label, what held the unit back)


@dataclass(frozen=True)
class RankTooLow:
    rank: int
    max_rank: int
    measure: Measure | None = field(default=None, metadata=IF_SET)  # None: the total


@dataclass(frozen=True)
class Unmeasured:
    """The award ranks by a value the unit has none for."""

    name: str


@dataclass(frozen=True)
class GroupBelow:
    group: str
    points: Decimal
    least: Decimal


@dataclass(frozen=True)
class CriterionBelow:
    criterion: str
    points: Decimal
    least: Decimal


@dataclass(frozen=True)
class ConditionLacks:
    condition: str  # the `when` formula
    name: str  # the name it needs, which has no value


@dataclass(frozen=True)
class ConditionUnmet:
    condition: str
    substituted: str  # the formula with the unit's numbers in it


@dataclass(frozen=True)
class QuotaIsZero:
    basis: Basis


@dataclass(frozen=True)
class Many:
    """More units than a reason names one by one (over LISTED): how many; the award's seats name them once."""

    count: int


Units = tuple[str, ...] | Many  # units a reason names: each of them, or, when too many, how many


def named(units: tuple[str, ...]) -> Units:
    """The units as a reason names them: each, up to LISTED of them; else their number (the seats name them)."""
    return units if len(units) <= LISTED else Many(len(units))


@dataclass(frozen=True)
class BeyondQuota:
    position: Position
    basis: Basis
    holders: Units  # the units that took the seats
    for_council: Units  # the units tied for the last seats, which the council decides


@dataclass(frozen=True)
class HeldForCouncil:
    """A seat is held for the unit in case the council does not give it the higher tier it is tied for."""

    position: Position
    tier: str  # the higher tier's label


@dataclass(frozen=True)
class TiedForLastSeats:
    position: Position
    others: Units
    seats: int


Reason = (
    OnlyAmong
    | AlreadyProposed
    | BlockedBy
    | BelowMinimum
    | NotClassified
    | RankTooLow
    | GroupBelow
    | CriterionBelow
    | GroupUnderFloor
    | ZeroIn
    | ConditionLacks
    | ConditionUnmet
    | Unmeasured
    | QuotaIsZero
    | BeyondQuota
    | HeldForCouncil
    | TiedForLastSeats
)


# What it would take.
@dataclass(frozen=True)
class Unreachable:
    """Points alone cannot reach the tier: a disqualifier the unit met stands in the way."""

    disqualifier: str
    label: str


@dataclass(frozen=True)
class PointsToMinimum:
    points: Decimal


@dataclass(frozen=True)
class Classification:
    wanted: tuple[str, ...]  # band labels


@dataclass(frozen=True)
class RankAtMost:
    rank: int
    measure: Measure | None = field(default=None, metadata=IF_SET)


@dataclass(frozen=True)
class PointsInGroup:
    points: Decimal
    group: str


@dataclass(frozen=True)
class PointsOnCriterion:
    points: Decimal
    criterion: str


@dataclass(frozen=True)
class AboveZero:
    """Some points on each of these criteria, which may not score 0 (no_zero)."""

    criteria: tuple[str, ...]


@dataclass(frozen=True)
class ValueFor:
    name: str


@dataclass(frozen=True)
class Meeting:
    condition: str


@dataclass(frozen=True)
class FirstProposedFor:
    award: str


@dataclass(frozen=True)
class CouncilDecision:
    """The tie-break keys could not separate the units tied for the last seat."""


@dataclass(frozen=True)
class PointsToPass:
    """Points to pass the unit (or the units) at the last seat.

    `kind`: "took" (the last to take a seat), "tied" (tied for the last seats, which the council
    decides), "held" (a seat held for it until the council decides a higher tier's tie).
    """

    points: Decimal
    units: Units
    kind: str
    with_conditions: bool  # the unit also lacks a condition that these points meet (a minimum total)
    measure: Measure | None = field(default=None, metadata=IF_SET)  # what `points` are of; None: the total


Need = (
    Unreachable
    | PointsToMinimum
    | Classification
    | RankAtMost
    | PointsInGroup
    | PointsOnCriterion
    | AboveZero
    | ValueFor
    | Meeting
    | FirstProposedFor
    | CouncilDecision
    | PointsToPass
)


# Why a tier's seats went to nobody.
@dataclass(frozen=True)
class NoneEligible:
    best: str  # the best-ranked candidate
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class NoCandidates:
    pass


SeatsNote = QuotaIsZero | NoneEligible | NoCandidates


# What an award's seats not given stand for.
@dataclass(frozen=True)
class SeatsHeld:
    """Seats held for the council's decision on a tie (or on a tie for a higher tier): the units it decides between."""

    seats: int
    units: tuple[str, ...]


@dataclass(frozen=True)
class SeatsUnfilled:
    """Seats nobody receives: fewer units were eligible than the quota gives."""

    seats: int


def vacancies(quota: int, proposed: int, for_council: tuple[str, ...], open_seats: int) -> tuple[SeatsHeld | SeatsUnfilled, ...]:
    """The seats of a quota not proposed, as what they stand for: held for the council, or left with no one to take them."""
    found: list[SeatsHeld | SeatsUnfilled] = []
    if open_seats:
        found.append(SeatsHeld(open_seats, for_council))
    unfilled = quota - proposed - open_seats
    if unfilled > 0:
        found.append(SeatsUnfilled(unfilled))
    return tuple(found)


@dataclass(frozen=True)
class Seats:
    """One award's seats in one scope: a cluster, or the whole round."""

    award: Award
    scope: str  # a cluster id, or the round's id
    quota: int
    basis: Basis  # how the quota was reached
    eligible: tuple[str, ...]
    proposed: tuple[str, ...]
    for_council: tuple[str, ...]  # tied across the last seat: the council decides
    open_seats: int  # seats left open for that decision
    note: SeatsNote | None  # why a seat went to nobody

    @property
    def vacancies(self) -> tuple[SeatsHeld | SeatsUnfilled, ...]:
        return vacancies(self.quota, len(self.proposed), self.for_council, self.open_seats)


@dataclass(frozen=True)
class Refusal:
    """Why a unit is not proposed for an award, and what it would take."""

    award: Award
    reasons: tuple[Reason, ...]
    would_take: tuple[Need, ...]


@dataclass(frozen=True)
class ToPass:
    """Points to pass the unit ranked just above (in the unit's cluster, in a round of clusters)."""

    points: Decimal
    unit: str
    rank: int
    cluster: str | None


@dataclass(frozen=True)
class NextTier:
    """The nearest tier above what the unit holds, and what it would take (or why not, when nothing is said)."""

    award: str  # its label
    reasons: tuple[Reason, ...]
    would_take: tuple[Need, ...]


@dataclass(frozen=True)
class Outcome:
    standing: Standing
    proposed: tuple[tuple[Award, WithinQuota], ...]  # each award with the rule that gave it
    for_council: tuple[Award, ...]
    refused: tuple[Refusal, ...]  # every other award, in the file's order
    to_next_rank: ToPass | None
    to_next_tier: NextTier | None


@dataclass(frozen=True)
class Proposal:
    results: Results
    seats: tuple[Seats, ...]
    outcomes: tuple[Outcome, ...]  # in rank order
    places: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (unit, award) → its place by the measure

    def outcome(self, unit_id: str) -> Outcome:
        return self._by_unit[unit_id]

    @cached_property
    def _by_unit(self) -> Mapping[str, Outcome]:
        return {o.standing.unit: o for o in self.outcomes}

    def place(self, unit_id: str, award: Award) -> int:
        """The unit's place where the award's seats are given: by its measure, in its cluster or the round."""
        return self.places[(unit_id, award.id)]


def propose(results: Results) -> Proposal:
    check_conditions(results)
    return _Proposer(results).propose()


def check_conditions(results: Results) -> None:
    """Every award's `when` for every unit, before any seat is given: all faults at once, each located."""
    stats = award_stats(results)
    problems: list[Problem] = []
    for award in results.criteria.awards:
        for card in results.scorecards:
            try:
                condition_met(award, card, stats)
            except InvalidInput as e:
                problems.extend(e.problems)
    if problems:
        raise InvalidInput(problems)


def condition_met(award: Award, card: Scorecard, stats: Mapping[tuple[str, str], Decimal]) -> bool | MissingValue:
    """The award's `when` for one unit: met or not, or the missing value; a fault is the criteria file's problem."""
    if award.when is None:
        return True
    try:
        return award.when.evaluate({**card.values_for(award.when), "total": card.total}, stats) is True  # boolean: at load
    except MissingValue as e:
        return e
    except FormulaFault as e:  # Formula.evaluate turns every arithmetic error into one
        what = msg("award {id} ({label})", id=award.id, label=award.label)
        raise InvalidInput([fault_problem(card.unit.id, what, award.when, e, award.rule)]) from e


class _Proposer:
    """Goes through the tiers in order, remembering who holds what and why each unit was passed over."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.criteria = results.criteria
        self.standings = rank(results)
        self.step = Decimal(1).scaleb(-self.criteria.places)
        self.stats = award_stats(results)
        self.held: dict[str, list[Award]] = {s.unit: [] for s in self.standings}
        self.closed: dict[str, Award] = {}  # unit → the award that ends its candidacy for later tiers
        # Units tied for a tier's last seats: the award's label, which tie, and how many of its units the
        # council will leave for lower tiers.
        self.pending: dict[str, tuple[str, str, int]] = {}
        self.given: dict[tuple[str, str], WithinQuota] = {}
        self.council: set[tuple[str, str]] = set()
        self.reasons: dict[tuple[str, str], list[Reason]] = {}
        self.takes: dict[tuple[str, str], tuple[Need, ...]] = {}
        self.places: dict[tuple[str, str], int] = {}

    def propose(self) -> Proposal:
        criteria = self.criteria
        all_seats = []
        for award in criteria.awards:
            scopes = [c.id for c in criteria.clusters] if award.scope == "cluster" else [criteria.id]
            for scope in scopes:
                members = [s for s in self.standings if award.scope == "round" or s.card.unit.cluster == scope]
                seats = self.seat(award, scope, members)
                all_seats.append(seats)
                for unit in seats.proposed:
                    self.held[unit].append(award)
                    if not award.also_lower:
                        self.closed.setdefault(unit, award)
        outcomes = []
        above = _just_above(self.standings, len(criteria.clusters) > 1)
        for s in self.standings:
            u = s.unit
            refused = tuple(
                Refusal(a, tuple(self.reasons.get((u, a.id), ())), self.takes.get((u, a.id), ()))
                for a in criteria.awards
                if (u, a.id) not in self.given
            )
            outcomes.append(
                Outcome(
                    s,
                    tuple((a, self.given[(u, a.id)]) for a in criteria.awards if (u, a.id) in self.given),
                    tuple(a for a in criteria.awards if (u, a.id) in self.council),
                    refused,
                    _to_next_rank(s, above.get(s.unit), self.step, len(criteria.clusters) > 1),
                    _to_next_tier(criteria, self.held[u], refused),
                )
            )
        return Proposal(self.results, tuple(all_seats), tuple(outcomes), self.places)

    def seat(self, award: Award, scope: str, in_total_order: Sequence[Standing]) -> Seats:
        criteria, reasons, takes, step = self.criteria, self.reasons, self.takes, self.step
        in_cluster = award.scope == "cluster"
        measure = award.rank_by
        by = None if measure == TOTAL else measure  # what the reasons name: nothing for the total
        ordered = measured(criteria, award, in_total_order)
        members = [s for s, _ in ordered]
        places = {s.unit: place for s, place in ordered}
        self.places.update({(s.unit, award.id): place for s, place in ordered})

        def position(s: Standing) -> int:
            return places[s.unit]

        def value(s: Standing) -> Decimal | None:
            return measure_value(s.card, measure)

        def to_pass(last: Standing, s: Standing) -> Decimal:
            """How much more (or less, for a measure preferred lower) `s` needs to pass `last`."""
            theirs, mine = value(last), value(s)
            assert theirs is not None  # both are eligible
            assert mine is not None
            return (theirs - mine if measure.prefer == "higher" else mine - theirs) + step

        candidates = []
        for s in members:
            key = (s.unit, award.id)
            if award.among is not None and award.among not in [a.id for a in self.held[s.unit]]:
                among = next(a for a in criteria.awards if a.id == award.among)
                reasons[key] = [OnlyAmong(among.label)]
                takes[key] = (FirstProposedFor(among.label),)
            elif award.among is None and s.unit in self.closed:
                reasons[key] = [AlreadyProposed(self.closed[s.unit].label)]
            else:
                candidates.append(s)
        eligible = []
        short: dict[str, Decimal] = {}  # units kept out only by points: how many more they need
        for s in candidates:
            failed, would_take, points = unmet_conditions(criteria, self.stats, award, s, position(s))
            if value(s) is None:  # it cannot be placed by the measure (never a silent zero)
                assert measure.ref is not None  # only a value can be missing
                failed, points = [*failed, Unmeasured(measure.ref)], None
                if not any(isinstance(n, Unreachable) for n in would_take):  # a disqualifier stands in the way anyway
                    would_take = (*would_take, ValueFor(measure.ref))
            if failed:
                reasons[(s.unit, award.id)] = failed
                takes[(s.unit, award.id)] = would_take
                if points is not None:
                    short[s.unit] = points
            else:
                eligible.append(s)
        quota, basis = seat_quota(award, len(members), len(candidates), len(eligible), len(criteria.clusters))
        left = quota
        proposed: list[Standing] = []
        for_council: list[Standing] = []
        reserved = 0  # seats held for units whose higher tier the council is still to decide
        open_seats = 0
        # The last units (or tie) at a seat, and how they hold it: what a unit below must pass.
        boundary: tuple[Standing, Units, str] | None = None
        beyond: tuple[Units, Units] | None = None  # the holders and the council's units, once the seats are all taken
        ahead = 0  # the eligible units placed before this group
        for group in _by_position(eligible, position):
            nth, ahead = ahead + 1, ahead + len(group)
            rank_of = position(group[0])
            cluster = scope if in_cluster else None
            place = Position(rank_of, cluster, None if nth == rank_of else nth, by, None if by is None else value(group[0]))
            waiting = [s for s in group if s.unit in self.pending]
            # Hold a seat for each unit a tie may leave here: no more than the tie leaves, nor than of it are here.
            present = Counter(self.pending[s.unit] for s in waiting)
            needs = len(group) - len(waiting) + sum(min(n, here) for (_, _, n), here in present.items())
            if left == 0:
                for s in group:
                    key = (s.unit, award.id)
                    if quota == 0:
                        reasons[key] = [QuotaIsZero(basis)]
                        continue
                    if beyond is None:  # no seat is taken after this: the same two lists for every unit below
                        beyond = (named(tuple(p.unit for p in proposed)), named(tuple(c.unit for c in for_council)))
                    reasons[key] = [BeyondQuota(place, basis, *beyond)]
                    if boundary is not None:
                        last, units, kind = boundary
                        takes[key] = (PointsToPass(to_pass(last, s), units, kind, False, by),)
                continue
            if needs <= left:
                left -= needs
                for s in group:
                    key = (s.unit, award.id)
                    if s.unit in self.pending:
                        reasons[key] = [HeldForCouncil(place, self.pending[s.unit][0])]
                        self.council.add(key)
                        for_council.append(s)
                    else:
                        self.given[key] = WithinQuota(place, basis)
                        proposed.append(s)
                reserved += needs - (len(group) - len(waiting))
                # A unit below must pass this group: say whose seats are held, if any, else who took one.
                held = tuple(s.unit for s in waiting)
                boundary = (group[0], named(held), "held") if held else (group[0], named(tuple(s.unit for s in group)), "took")
                continue
            open_seats, left = left, 0
            boundary = (group[0], named(tuple(s.unit for s in group)), "tied")
            many = Many(len(group) - 1) if len(group) - 1 > LISTED else None
            for s in group:
                others = many or tuple(o.unit for o in group if o is not s)
                key = (s.unit, award.id)
                reasons[key] = [TiedForLastSeats(place, others, open_seats)]
                self.council.add(key)
                takes[key] = (CouncilDecision(),)
                if not award.also_lower:
                    self.pending[s.unit] = (award.label, f"{award.id} {scope} {position(s)}", len(group) - open_seats)
            for_council.extend(group)
        if boundary is not None and left == 0:
            # Points alone do not win a full tier: the unit must also pass the last at a seat.
            last, units, kind = boundary
            by_unit = {s.unit: s for s in candidates}
            for unit, points in short.items():
                s = by_unit[unit]
                if measure.kind == "value" or measure.prefer == "lower":  # not counted in points: both are needed
                    takes[(unit, award.id)] = (*takes[(unit, award.id)], PointsToPass(to_pass(last, s), units, kind, False, by))
                else:  # points on the criteria count in the total too
                    takes[(unit, award.id)] = (PointsToPass(max(points, to_pass(last, s)), units, kind, True, by),)
        note: SeatsNote | None = None
        if not proposed and not for_council and members:
            if quota == 0:
                note = QuotaIsZero(basis)
            elif candidates:
                best = candidates[0]
                note = NoneEligible(best.unit, tuple(reasons[(best.unit, award.id)]))
            else:
                note = NoCandidates()
        return Seats(
            award,
            scope,
            quota,
            basis,
            tuple(s.unit for s in eligible),
            tuple(s.unit for s in proposed),
            tuple(s.unit for s in for_council),
            open_seats + reserved,
            note,
        )


def measure_value(card: Scorecard, measure: Measure) -> Decimal | None:
    """The unit's value of what an award ranks by (None: the unit has no value for it)."""
    if measure.kind == "total":
        return card.total
    if measure.kind == "criteria":
        return sum((g.points for g in card.groups), ZERO)
    if measure.kind == "group":
        return next(g.points for g in card.groups if g.group.id == measure.ref)
    value = card.values.get(measure.ref or "")
    return value if isinstance(value, Decimal) else None


def measured(criteria: Criteria, award: Award, members: Sequence[Standing]) -> list[tuple[Standing, int]]:
    """The members (of a cluster, or the round) in order of the award's measure, each with its place.

    Equal measures go through the round's tie-break keys (but the key that is the measure itself), then the
    criteria file's order, and units still equal share the place, as in the ranking by total.
    """
    measure = award.rank_by
    if measure == TOTAL:
        return [(s, s.cluster_rank if award.scope == "cluster" else s.rank) for s in members]
    keys = [k for k in criteria.tie_break if (k.kind, k.ref) != (measure.kind, measure.ref)]

    def sort_key(s: Standing) -> tuple[object, ...]:
        first = key_part(measure_value(s.card, measure), measure.prefer)
        return (first, *(key_part(key_value(s.card, k), k.prefer) for k in keys))

    order = {u.id: i for i, u in enumerate(criteria.units)}
    by_measure = sorted(members, key=lambda s: (sort_key(s), order[s.unit]))
    return list(zip(by_measure, competition([sort_key(s) for s in by_measure]), strict=True))


def award_stats(results: Results) -> dict[tuple[str, str], Decimal]:
    """The round's statistics award conditions read: those of the scoring, and best/worst/mean of the totals."""
    stats = dict(results.cohort.stats)
    totals = [c.total for c in results.scorecards]
    summaries = {
        "best": max(totals),
        "worst": min(totals),
        "mean": CONTEXT.divide(sum(totals, Decimal(0)), Decimal(len(totals))),
    }
    for award in results.criteria.awards:
        for function, name in award.when.cohort if award.when is not None else ():
            if name == "total":
                stats[(function, name)] = summaries[function]
    return stats


def _by_position(eligible: Sequence[Standing], position: Callable[[Standing], int]) -> list[list[Standing]]:
    groups: list[list[Standing]] = []
    for s in eligible:
        if groups and position(groups[-1][0]) == position(s):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def seat_quota(award: Award, units: int, candidates: int, eligible: int, clusters: int) -> tuple[int, Basis]:
    """An award's seats in one scope, and how they were counted (a fixed quota, or a share of the units, candidates,
    eligible or clusters, rounded by the award's rule)."""
    if award.quota is not None:
        return award.quota, FixedQuota(award.quota)
    assert award.share is not None
    base = {"units": units, "candidates": candidates, "eligible": eligible, "clusters": clusters}[award.share_of]
    exact = CONTEXT.multiply(award.share, Decimal(base))
    seats = int(exact.quantize(Decimal(1), rounding=_ROUNDING[award.quota_rounding]))
    return seats, ShareQuota(award.share, base, award.share_of, exact, seats, award.quota_rounding)


def unmet_conditions(
    criteria: Criteria, stats: Mapping[tuple[str, str], Decimal], award: Award, s: Standing, position: int
) -> tuple[list[Reason], tuple[Need, ...], Decimal | None]:
    """The conditions a unit fails, what it would take, and the points it lacks when points alone would do.

    A disqualifier that stands between the unit and the tier, directly or through the classification the
    tier needs, is named as the cause; and then no number of points is offered as the way there.
    """
    card = s.card
    failed: list[Reason] = []
    takes: list[Need] = []
    points: Decimal | None = None
    blockers: dict[str, Unreachable] = {}
    for d in card.disqualified:
        if award.id in d.blocks:
            failed.append(BlockedBy(d.id, d.label))
            blockers[d.id] = Unreachable(d.id, d.label)
    if award.min_total is not None and card.total < award.min_total:
        failed.append(BelowMinimum(card.total, award.min_total))
        points = award.min_total - card.total
        takes.append(PointsToMinimum(points))
    if (
        award.classification is not None
        and card.classification is not None
        and card.classification.id not in award.classification
    ):
        wanted = tuple(b.label for b in criteria.classification if b.id in award.classification)
        held = [(b.label, why) for b, why in card.held_back if b.id in award.classification]
        shown = tuple((label, why) for label, why in held if not (isinstance(why, Blocked) and why.disqualifier in blockers))
        if shown or not failed:  # a band blocked by a disqualifier already named adds nothing
            failed.append(NotClassified(card.classification.label, wanted, shown))
        # Every band the tier accepts is blocked by a disqualifier: points cannot reach it.
        if held and all(isinstance(why, Blocked) for _, why in held):
            for _, why in held:
                assert isinstance(why, Blocked)
                blockers.setdefault(why.disqualifier, Unreachable(why.disqualifier, why.label))
        else:
            takes.append(Classification(wanted))
            if held:  # the nearest band the tier accepts: what its floor asks, when a floor held the unit back
                takes.extend(_to_floor(criteria, held[-1][1]))
    if award.max_rank is not None and position > award.max_rank:
        by = None if award.rank_by == TOTAL else award.rank_by
        failed.append(RankTooLow(position, award.max_rank, by))
        takes.append(RankAtMost(award.max_rank, by))
    for group in card.groups:
        least = award.min_group.get(group.group.id)
        if least is not None and group.points < least:
            failed.append(GroupBelow(group.group.id, group.points, least))
            takes.append(PointsInGroup(least - group.points, group.group.id))
    misses = group_floor_misses(award.group_floor, card.groups)
    if misses:
        failed.append(GroupUnderFloor(misses))
        takes.extend(_to_floor(criteria, failed[-1]))
    zeros = zero_lines(award.no_zero, card.lines)
    if zeros:
        failed.append(ZeroIn(award.no_zero, zeros))
        takes.append(AboveZero(zeros))
    for line in card.lines:
        least = award.min_criterion.get(line.criterion.id)
        if least is not None and line.points < least:
            failed.append(CriterionBelow(line.criterion.id, line.points, least))
            takes.append(PointsOnCriterion(least - line.points, line.criterion.id))
    met = condition_met(award, card, stats)
    if award.when is not None and isinstance(met, MissingValue):
        failed.append(ConditionLacks(award.when.text, met.name))
        takes.append(ValueFor(met.name))
    elif award.when is not None and not met:
        values = {**card.values_for(award.when), "total": card.total}
        failed.append(ConditionUnmet(award.when.text, award.when.substituted(values, stats, num)))
        takes.append(Meeting(award.when.text))
    if blockers:  # the root cause: nothing else the unit could do would bring the tier
        return failed, tuple(blockers.values()), None
    if len(failed) > 1:
        points = None  # something besides the total is missing
    return failed, tuple(takes), points


def _to_floor(criteria: Criteria, why: HeldBack | Reason) -> tuple[Need, ...]:
    """What a group floor or a no-zero rule asks: the points each group lacks (rounded up to the round's places)."""
    if isinstance(why, GroupUnderFloor):
        step = Decimal(1).scaleb(-criteria.places)
        return tuple(PointsInGroup((m.needed - m.points).quantize(step, ROUND_UP, CONTEXT), m.group) for m in why.groups)
    if isinstance(why, ZeroIn):
        return (AboveZero(why.criteria),)
    return ()


def _just_above(standings: Sequence[Standing], clusters: bool) -> dict[str, Standing]:
    """For each unit, the last unit ranked above it (in its cluster when the round has several): one pass."""
    above: dict[str, Standing] = {}
    last_of_rank: dict[str | None, tuple[int, Standing]] = {}  # scope → the rank of the last unit seen, and it
    before: dict[str | None, Standing] = {}  # scope → the last unit of the rank before that
    for s in standings:  # in rank order, and so in cluster rank order within each cluster
        scope = s.card.unit.cluster if clusters else None
        place = s.cluster_rank if clusters else s.rank
        seen = last_of_rank.get(scope)
        if seen is not None and seen[0] < place:
            before[scope] = seen[1]
        if scope in before:
            above[s.unit] = before[scope]
        last_of_rank[scope] = (place, s)
    return above


def _to_next_rank(s: Standing, target: Standing | None, step: Decimal, clusters: bool) -> ToPass | None:
    """Points to pass `target`, the unit just above: in the unit's cluster when the round has several."""
    if target is None:
        return None
    points = target.card.total - s.card.total + step
    if clusters:
        return ToPass(points, target.unit, target.cluster_rank, s.card.unit.cluster)
    return ToPass(points, target.unit, target.rank, None)


def _to_next_tier(criteria: Criteria, held: Sequence[Award], refused: Sequence[Refusal]) -> NextTier | None:
    """What it takes for the nearest tier above what the unit holds (the lowest tier when it holds none)."""
    order = list(criteria.awards)
    if held:
        first = min(order.index(a) for a in held)
        above = [a for a in order[:first] if a.among is None]
        stacked = [a for a in order if a.among in {h.id for h in held} and a not in held]
        nearest = above[-1] if above else (stacked[0] if stacked else None)
    else:
        plain_tiers = [a for a in order if a.among is None]
        nearest = plain_tiers[-1] if plain_tiers else None
    if nearest is None:
        return None
    refusal = next((r for r in refused if r.award is nearest), None)
    if refusal is None:
        return None
    return NextTier(nearest.label, refusal.reasons, refusal.would_take)
