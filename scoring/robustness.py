"""How sure is the proposal: exact margins of every input, and the ranking under uncertain weights (độ vững của đề nghị).

Pure: no I/O, no sentences. Two questions, as composite-indicator practice asks them (the OECD/JRC Handbook on
Constructing Composite Indicators, COINr's `get_sensitivity`):

- `margins`: for each unit, for each criterion's maximum and each indicator it reported, the nearest value of that
  one input, above and below, at which the unit's proposed tiers change; or `NoSingleChange` when no value in the
  searched range does it. A maximum is searched on the grid of the round's rounding (0.01 when it rounds to two
  places), from one step up to twice its value; the answer is what the engine gives at that value.
- `sample`: Monte Carlo over the maxima: each × (1 + u), u uniform in ±k, renormalised so that they add up to the
  scale as before; per unit its rank's median and 5–95% interval and how often it gets each tier; per criterion a
  first-order sensitivity index of the number of units whose tiers change.

A criterion's weight is its maximum: changing it scales every point value of the criterion with it (its maximum,
points each, bands' and table rows' points), so a line scores the same share of its maximum. Criteria scored by a
formula or by the assessors' grades, and lines the council set, do not scale: they are held as they are.

Speed: the engine scores a sample of 100 units × 30 criteria in ~55 ms. The fast path here takes each line's raw
points once from the engine, scales them with the weight in binary floating point, and rounds by the round's rule; a
value within a safe distance of a rounding boundary (far wider than the float's error) is scored again exactly by the
engine's own scorer. Totals, ranking, classification and the award rules are then integers (points in units of the
round's last place), the proposer's rules re-done for the constructs listed in `fast_refusal`; a round using others
(an adjustment, disqualifier or award condition that reads the points or the total) is sampled through the engine.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from operator import add, itemgetter
from typing import Literal

from scoring.awards import Proposal, condition_met, measure_value, propose, seat_quota
from scoring.criteria import TOTAL, Award, ClassificationBand, Criteria, Criterion, Group, TieBreak
from scoring.errors import InvalidInput
from scoring.evaluate import Results, SetByCouncil, SetPoints, criterion_scorer, evaluate
from scoring.formula import MissingValue
from scoring.grades import Grades
from scoring.lineage import Carried, previous_values
from scoring.numbers import CONTEXT
from scoring.pipeline import Scored
from scoring.rank import key_part, key_value
from scoring.review import corrected, set_points
from scoring.sources import Fed
from scoring.submissions import Submission

ZERO = Decimal(0)
SCALED = frozenset({"achieved", "per_item", "target", "relative", "bands", "table"})
DEFAULT_SAMPLES = 10_000
DEFAULT_SPREAD = Decimal("0.20")
DEFAULT_SEED = 2026
MAX_SAMPLES = 1_000_000
WEIGHT_PLACES = 6  # a sampled maximum is written to 6 decimal places; together they add up to the scale exactly
_U_PLACES = 4  # u is drawn on a grid of 0.0001 (0.01%)
BINS = 10  # equal-count bins of a weight, for its first-order index
INDEX_PLACES = 3
_PROBES = 24  # an indicator's search: at most this many doublings of the step, then bisection

Status = Literal["proposed", "council"]
Tiers = tuple[tuple[str, Status], ...]  # the awards a unit is proposed for, or tied for (the council decides)


# ---------------------------------------------------------------------------------------------------- the engine


@dataclass(frozen=True)
class Inputs:
    """What the engine needs to score the round again with one input changed."""

    criteria: Criteria
    submissions: tuple[Submission, ...]  # after the council's corrections
    set_points: SetPoints | None
    previous: Carried | None
    grades: Grades
    fed: Fed | None


def inputs_of(scored: Scored) -> Inputs:
    criteria = scored.criteria
    review = scored.review
    subs = tuple(scored.submissions if review is None else corrected(criteria, scored.submissions, review))
    return Inputs(
        criteria,
        subs,
        None if review is None else set_points(review),
        previous_values(criteria),
        scored.grades,
        scored.results.fed,
    )


def tiers_of(proposal: Proposal) -> dict[str, Tiers]:
    """Each unit's tiers, in the criteria file's order of the awards."""
    found: dict[str, Tiers] = {}
    for o in proposal.outcomes:
        given = {a.id for a, _ in o.proposed}
        council = {a.id for a in o.for_council}
        found[o.standing.unit] = tuple(
            (a.id, "proposed" if a.id in given else "council")
            for a in proposal.results.criteria.awards
            if a.id in given or a.id in council
        )
    return found


def engine(
    inputs: Inputs, criteria: Criteria | None = None, submissions: Sequence[Submission] | None = None
) -> tuple[dict[str, int], dict[str, Tiers]]:
    """Ranks and tiers as the full engine gives them (evaluate, rank, propose)."""
    results = evaluate(
        criteria or inputs.criteria,
        inputs.submissions if submissions is None else submissions,
        inputs.set_points,
        previous=inputs.previous,
        grades=inputs.grades,
        fed=inputs.fed,
    )
    proposal = propose(results)
    return {o.standing.unit: o.standing.rank for o in proposal.outcomes}, tiers_of(proposal)


def factor(new: Decimal, old: Decimal) -> Decimal:
    """The weight: how much a criterion's point values are multiplied by when its maximum goes from old to new."""
    return CONTEXT.divide(new, old)


def scaled(criterion: Criterion, new_max: Decimal) -> Criterion:
    """The criterion with its maximum `new_max`, every point value scaled with it (held when not scaled)."""
    if criterion.method not in SCALED or new_max == criterion.max:
        return criterion
    w = factor(new_max, criterion.max)

    def times(x: Decimal) -> Decimal:
        return CONTEXT.multiply(x, w)

    return replace(
        criterion,
        max=new_max,
        points_each=None if criterion.points_each is None else times(criterion.points_each),
        bands=tuple(replace(b, points=times(b.points)) for b in criterion.bands),
        table=tuple(replace(r, points=times(r.points)) for r in criterion.table),
    )


def with_maxima(criteria: Criteria, maxima: Mapping[str, Decimal]) -> Criteria:
    """The round with these criteria's maxima (the others as they are); a group's maximum is its criteria's sum."""
    groups = []
    for g in criteria.groups:
        members = tuple(scaled(c, maxima.get(c.id, c.max)) for c in g.criteria)
        groups.append(Group(g.id, g.label, sum((c.max for c in members), ZERO), members, g.rule))
    return replace(criteria, groups=tuple(groups))


# ---------------------------------------------------------------------------------------------------- the fast path


def fast_refusal(criteria: Criteria) -> str | None:
    """Why the fast path cannot reproduce the engine on this round (a short code), or None when it can."""
    if criteria.reads_points:
        return "reads_points"
    for award in criteria.awards:
        when = award.when
        if when is not None and (when.parts or "total" in when.names or any(n == "total" for _, n in when.cohort)):
            return "award_condition"
    return None


@dataclass(frozen=True)
class _Column:
    """One criterion's points for every unit, as integers of the round's last place."""

    criterion: Criterion
    index: int
    scales: bool
    base: tuple[int, ...]  # the points as scored
    raw: tuple[float, ...]  # raw points × 10^places, as floats (scaled lines)
    fixed: tuple[bool, ...]  # set by the council: held


class Fast:
    """The round, precomputed from the engine's own results, for scoring it again under other maxima quickly."""

    def __init__(self, results: Results, inputs: Inputs) -> None:
        criteria = results.criteria
        self.results, self.inputs, self.criteria = results, inputs, criteria
        self.places = criteria.places
        self.unit = Decimal(1).scaleb(-self.places)
        self.scale10 = 10**self.places
        self.mode = criteria.rounding
        cards = {c.unit.id: c for c in results.scorecards}
        self.cards = [cards[u.id] for u in criteria.units if u.id in cards]
        self.ids = [c.unit.id for c in self.cards]
        self.n = len(self.cards)
        self.order = list(range(self.n))
        self.clusters = [c.unit.cluster for c in self.cards]
        self.cluster_ids = [c.id for c in criteria.clusters]
        cols = []
        for j, criterion in enumerate(criteria.criteria):
            lines = [card.lines[j] for card in self.cards]
            fixed = tuple(any(isinstance(n, SetByCouncil) for n in line.notes) for line in lines)
            cols.append(
                _Column(
                    criterion,
                    j,
                    criterion.method in SCALED,
                    tuple(self.to_int(line.points) for line in lines),
                    tuple(float(line.raw.scaleb(self.places)) for line in lines),
                    fixed,
                )
            )
        self.columns = cols
        self.reach = [1.0 + max((abs(r) for r in c.raw), default=0.0) for c in cols]
        self.negative = [any(r < 0 for r in c.raw) for c in cols]
        self.any_fixed = [any(c.fixed) for c in cols]
        self.distinct: list[tuple[tuple[float, ...], itemgetter[tuple[int, ...]]] | None] = []
        for c in cols:  # a column of few values (yes/no, bands, capped counts): each value rounded once
            values = tuple(sorted(set(c.raw)))
            where = {v: k for k, v in enumerate(values)}
            few = self.n > 1 and len(values) * 2 <= self.n and not any(c.fixed)
            self.distinct.append((values, itemgetter(*(where[r] for r in c.raw))) if few else None)
        self.group_of = [c.group for c in criteria.criteria]
        self.group_ids = [g.id for g in criteria.groups]
        self.group_index = {g: i for i, g in enumerate(self.group_ids)}
        self.adjust = [sum((self.to_int(a.points) for a in card.adjustments), 0) for card in self.cards]
        self.deductions = [sum((a.points for a in c.adjustments if a.adjustment.kind == "deduction"), ZERO) for c in self.cards]
        self.bonuses = [sum((a.points for a in c.adjustments if a.adjustment.kind == "bonus"), ZERO) for c in self.cards]
        self.blocked = [{b for d in card.disqualified for b in d.blocks} for card in self.cards]
        stats = dict(results.cohort.stats)
        self.when = {
            a.id: [condition_met(a, card, stats) is True for card in self.cards] for a in criteria.awards if a.when is not None
        }
        self.values = {
            a.id: [measure_value(card, a.rank_by) for card in self.cards] for a in criteria.awards if a.rank_by.kind == "value"
        }
        self.key_values = {
            (k.kind, k.ref): [key_value(card, k) for card in self.cards]
            for k in criteria.tie_break
            if k.kind in ("value", "deductions", "bonuses")
        }

    def to_int(self, points: Decimal) -> int:
        return int(points.scaleb(self.places))

    # one column under a new maximum --------------------------------------------------------------------------

    def column(self, j: int, new_max: Decimal) -> list[int]:
        """Criterion j's points for every unit when its maximum is `new_max`: exactly as the engine scores them.

        y = w × raw × 10^places in floating point is within 4·10⁻¹⁶·|y| of the engine's exact value; rounded from
        y − eps and from y + eps (eps = 10⁻¹² of the column's largest value: far wider) it gives one integer unless a
        rounding boundary lies that close, and then the engine's own scorer scores the line.
        """
        col = self.columns[j]
        if not col.scales or new_max == col.criterion.max:
            return list(col.base)
        w = float(factor(new_max, col.criterion.max))
        eps = 1e-12 * self.reach[j] * max(1.0, w)
        shift = 0.5 if self.mode != "down" else 0.0
        few = self.distinct[j]
        raw = col.raw if few is None else few[0]
        if self.negative[j]:
            low = [(-1 if r < 0 else 1) * int(abs(w * r) + shift - eps) for r in raw]
            high = [(-1 if r < 0 else 1) * int(abs(w * r) + shift + eps) for r in raw]
        else:
            a, b = shift - eps, shift + eps
            low = [int(w * r + a) for r in raw]
            high = [int(w * r + b) for r in raw]
        if few is not None:
            low, high = list(few[1](low)), list(few[1](high))
        if self.any_fixed[j]:
            for i, fixed in enumerate(col.fixed):
                if fixed:
                    low[i] = high[i] = col.base[i]
        if low != high:
            self._exactly(j, new_max, low, [i for i in range(self.n) if low[i] != high[i]])
        return low

    def _exactly(self, j: int, new_max: Decimal, out: list[int], units: Sequence[int]) -> None:
        """Lines near a rounding boundary, scored by the engine's own scorer of the scaled criterion."""
        criterion = scaled(self.columns[j].criterion, new_max)
        round_ = with_maxima(self.criteria, {criterion.id: new_max})
        score = criterion_scorer(round_, criterion, self.results.cohort, self.inputs.grades)
        for i in units:
            card = self.cards[i]
            try:
                out[i] = self.to_int(score(card.unit.id, card.values).points)
            except (MissingValue, ArithmeticError):  # the engine gave it no points (if_missing: no_points): still none
                out[i] = 0

    # the round from its columns ----------------------------------------------------------------------------

    def tiers(self, maxima: Sequence[Decimal], columns: Sequence[Sequence[int]]) -> tuple[list[int], list[Tiers]]:
        """Ranks and tiers of every unit (in the criteria's unit order) from the criteria's points."""
        n = self.n
        groups = [[0] * n for _ in self.group_ids]
        for j, col in enumerate(columns):
            k = self.group_index[self.group_of[j]]
            groups[k] = list(map(add, groups[k], col))
        totals = list(self.adjust)
        for g in groups:
            totals = list(map(add, totals, g))
        gmax = [ZERO] * len(self.group_ids)
        for j, m in enumerate(maxima):
            gmax[self.group_index[self.group_of[j]]] += m
        state = _State(self, maxima, columns, groups, totals, gmax)
        return state.run()


class _State:
    """One scoring of the round from integer points: classification, ranking and the award rules, as the engine."""

    def __init__(
        self,
        fast: Fast,
        maxima: Sequence[Decimal],
        columns: Sequence[Sequence[int]],
        groups: Sequence[Sequence[int]],
        totals: Sequence[int],
        gmax: Sequence[Decimal],
    ) -> None:
        self.f, self.maxima, self.columns, self.groups, self.totals, self.gmax = fast, maxima, columns, groups, totals, gmax

    def below(self, x: Decimal) -> int:
        """The fewest points (as an integer of the last place) that are not below x: `points < x` is `P < below(x)`."""
        return int(x.scaleb(self.f.places).to_integral_value(ROUND_CEILING))

    def floors(self, share: Callable[[str], Decimal | None]) -> list[tuple[int, int]]:
        """(criterion, points under which a floor holds the unit back), for the criteria with a floor: floor × max."""
        f = self.f
        return [(j, self.below(x * m)) for j, m in enumerate(self.maxima) for x in (share(f.group_of[j]),) if x is not None]

    def group_floors(self, floors: Mapping[str, Decimal]) -> list[tuple[int, int]]:
        return [
            (k, self.below(CONTEXT.multiply(floor, self.gmax[k]).normalize()))
            for gid, floor in floors.items()
            for k in (self.f.group_index[gid],)
        ]

    def zero_columns(self, in_groups: Sequence[str]) -> list[int]:
        return [j for j in range(len(self.columns)) if self.f.group_of[j] in in_groups]

    def bands_of(self) -> list[ClassificationBand | None]:
        f = self.f
        criteria = f.criteria
        if not criteria.classification:
            return [None] * f.n
        rules = []
        for band in criteria.classification:
            every = band.floor
            rules.append(
                (
                    band,
                    None if band.min_total is None else self.below(band.min_total),
                    [] if every is None else self.floors(lambda _, every=every: every),  # type: ignore[misc]
                    self.floors(band.floor_in.get),
                    self.group_floors(band.group_floor),
                    self.zero_columns(band.no_zero),
                )
            )
        out: list[ClassificationBand | None] = [None] * f.n
        cols, groups, totals = self.columns, self.groups, self.totals
        left = list(range(f.n))  # the units no band has taken yet, checked band by band, rule by rule
        for band, least, floors, floor_in, group_floors, zeros in rules:
            here = [i for i in left if band.id not in f.blocked[i]]
            if least is not None:
                here = [i for i in here if totals[i] >= least]
            for j, t in (*floors, *floor_in):
                col = cols[j]
                here = [i for i in here if col[i] >= t]
            for k, t in group_floors:
                g = groups[k]
                here = [i for i in here if g[i] >= t]
            for j in zeros:
                col = cols[j]
                here = [i for i in here if col[i] > 0]
            for i in here:
                out[i] = band
            if len(here) < len(left):
                taken = set(here)
                left = [i for i in left if i not in taken]
            else:
                left = []
            if not left:
                break
        assert not left, "the last band takes every unit (checked at load)"
        return out

    def key(self, i: int, key: TieBreak) -> tuple[int, object]:
        f = self.f
        if key.kind == "group":
            v: object = self.groups[f.group_index[key.ref or ""]][i]
        elif key.kind == "criterion":
            v = self.columns[next(j for j, c in enumerate(f.columns) if c.criterion.id == key.ref)][i]
        else:
            d = f.key_values[(key.kind, key.ref)][i]
            return key_part(d, key.prefer)
        return (0, -v if key.prefer == "higher" else v)  # type: ignore[operator]

    def run(self) -> tuple[list[int], list[Tiers]]:
        f = self.f
        n = f.n
        keys = f.criteria.tie_break
        sort_keys: list[object] = (
            [(-self.totals[i], *(self.key(i, k) for k in keys)) for i in range(n)] if keys else [-t for t in self.totals]
        )
        order = sorted(range(n), key=sort_keys.__getitem__)  # type: ignore[arg-type]  # sorted is stable: equal keys in the criteria's unit order
        rank = [0] * n
        cluster_rank = [0] * n
        last: dict[str, tuple[int, object]] = {}
        seen: Counter[str] = Counter()
        for place, i in enumerate(order):
            prev = order[place - 1] if place else None
            rank[i] = rank[prev] if prev is not None and sort_keys[prev] == sort_keys[i] else place + 1
            c = f.clusters[i]
            seen[c] += 1
            before = last.get(c)
            cluster_rank[i] = before[0] if before is not None and before[1] == sort_keys[i] else seen[c]
            last[c] = (cluster_rank[i], sort_keys[i])
        self.sort_keys, self.rank, self.cluster_rank, self.in_order = sort_keys, rank, cluster_rank, order
        self.bands = self.bands_of()
        return rank, self.propose()

    # the award rules (scoring/awards.py's _Proposer), for which units get or are tied for each seat
    def propose(self) -> list[Tiers]:
        f = self.f
        criteria = f.criteria
        self.held: list[list[str]] = [[] for _ in range(f.n)]
        self.closed: dict[int, str] = {}
        self.pending: dict[int, tuple[str, str, int]] = {}
        self.given: set[tuple[int, str]] = set()
        self.council: set[tuple[int, str]] = set()
        for award in criteria.awards:
            scopes = f.cluster_ids if award.scope == "cluster" else [criteria.id]
            for scope in scopes:
                members = [i for i in self.in_order if award.scope == "round" or f.clusters[i] == scope]
                for i in self.seat(award, scope, members):
                    self.held[i].append(award.id)
                    if not award.also_lower:
                        self.closed.setdefault(i, award.id)
        tiers: list[list[tuple[str, Status]]] = [[] for _ in range(f.n)]
        for a in criteria.awards:
            for i in range(f.n):
                if (i, a.id) in self.given:
                    tiers[i].append((a.id, "proposed"))
                elif (i, a.id) in self.council:
                    tiers[i].append((a.id, "council"))
        return [tuple(t) for t in tiers]

    def measure(self, award: Award, i: int) -> object:
        m = award.rank_by
        if m.kind == "total":
            return self.totals[i]
        if m.kind == "criteria":
            return sum(g[i] for g in self.groups)
        if m.kind == "group":
            return self.groups[self.f.group_index[m.ref or ""]][i]
        return self.f.values[award.id][i]

    def places(self, award: Award, members: Sequence[int]) -> list[tuple[int, int]]:
        if award.rank_by == TOTAL:
            ranks = self.cluster_rank if award.scope == "cluster" else self.rank
            return [(i, ranks[i]) for i in members]
        m = award.rank_by
        keys = [k for k in self.f.criteria.tie_break if (k.kind, k.ref) != (m.kind, m.ref)]

        def sort_key(i: int) -> tuple[object, ...]:
            v = self.measure(award, i)
            first = (1, 0) if v is None else (0, -v if m.prefer == "higher" else v)  # type: ignore[operator]
            return (first, *(self.key(i, k) for k in keys))

        by = sorted(members, key=lambda i: (sort_key(i), i))
        out: list[tuple[int, int]] = []
        for place, i in enumerate(by):
            same = place and sort_key(by[place - 1]) == sort_key(i)
            out.append((i, out[-1][1] if same else place + 1))
        return out

    def conditions(self, award: Award) -> Callable[[int, int], bool]:
        """Whether unit i, at `position` by the award's measure, meets the award's conditions (awards.unmet_conditions)."""
        f = self.f
        least = None if award.min_total is None else self.below(award.min_total)
        groups = [(f.group_index[gid], self.below(x)) for gid, x in award.min_group.items()]
        groups += self.group_floors(award.group_floor)
        zeros = self.zero_columns(award.no_zero)
        ids = [c.criterion.id for c in f.columns]
        lines = [(j, self.below(award.min_criterion[cid])) for j, cid in enumerate(ids) if cid in award.min_criterion]
        when = f.when.get(award.id)
        values = f.values.get(award.id)
        cols, totals, bands = self.columns, self.totals, self.bands

        def met(i: int, position: int) -> bool:
            if award.id in f.blocked[i] or (least is not None and totals[i] < least):
                return False
            band = bands[i]
            if award.classification is not None and band is not None and band.id not in award.classification:
                return False
            if award.max_rank is not None and position > award.max_rank:
                return False
            if any(self.groups[k][i] < t for k, t in groups) or any(cols[j][i] <= 0 for j in zeros):
                return False
            if any(cols[j][i] < t for j, t in lines):
                return False
            if when is not None and not when[i]:
                return False
            return values is None or values[i] is not None

        return met

    def seat(self, award: Award, scope: str, in_total_order: Sequence[int]) -> list[int]:
        ordered = self.places(award, in_total_order)
        place = dict(ordered)
        candidates = []
        for i, _ in ordered:
            if award.among is not None and award.among not in self.held[i]:
                continue
            if award.among is None and i in self.closed:
                continue
            candidates.append(i)
        met = self.conditions(award)
        clusters = len(self.f.cluster_ids)
        by_eligible = award.quota is None and award.share_of == "eligible"
        eligible: Iterator[int] = (i for i in candidates if met(i, place[i]))
        if by_eligible:  # the quota is a share of the eligible: count them all first
            everyone = list(eligible)
            left = _quota(award, len(ordered), len(candidates), len(everyone), clusters)
            eligible = iter(everyone)
        else:
            left = _quota(award, len(ordered), len(candidates), 0, clusters)
        proposed: list[int] = []
        if left == 0:
            return proposed  # no seat: the engine only gives reasons
        group: list[int] = []
        nxt: int | None
        for nxt in (*eligible, None) if by_eligible else _then_none(eligible):
            i = nxt  # type: ignore[assignment]
            if i is not None and (not group or place[group[0]] == place[i]):
                group.append(i)
                continue
            if group:
                left = self.give(award, scope, group, left, place, proposed)
                if left == 0:
                    break  # the units below change nothing (the engine only gives them reasons)
            group = [] if i is None else [i]
        return proposed

    def give(self, award: Award, scope: str, group: list[int], left: int, place: Mapping[int, int], proposed: list[int]) -> int:
        """One position's units at the award's seats (awards._Proposer.seat): given, held for the council, or tied."""
        waiting = [i for i in group if i in self.pending]
        present = Counter(self.pending[i] for i in waiting)
        needs = len(group) - len(waiting) + sum(min(k, here) for (_, _, k), here in present.items())
        if needs <= left:
            for i in group:
                if i in self.pending:
                    self.council.add((i, award.id))
                else:
                    self.given.add((i, award.id))
                    proposed.append(i)
            return left - needs
        for i in group:
            self.council.add((i, award.id))
            if not award.also_lower:
                self.pending[i] = (award.label, f"{award.id} {scope} {place[i]}", len(group) - left)
        return 0


def _then_none(items: Iterator[int]) -> Iterator[int | None]:
    yield from items
    yield None


def _quota(award: Award, units: int, candidates: int, eligible: int, clusters: int) -> int:
    return seat_quota(award, units, candidates, eligible, clusters)[0]  # the engine's own rule, not a copy


# ---------------------------------------------------------------------------------------------------- margins


@dataclass(frozen=True)
class Change:
    """The nearest value of the input at which the unit's tiers change, and what they become."""

    value: Decimal | bool | str
    tiers: Tiers
    others: tuple[tuple[str, Tiers], ...] = ()  # the other units whose tiers change with it, and what they become


@dataclass(frozen=True)
class NoSingleChange:
    """No value of this input alone, within the range searched, changes the unit's tiers."""

    bound: Decimal | None  # the last value searched in that direction (None: a yes/no or a choice)


@dataclass(frozen=True)
class Margin:
    kind: Literal["max", "indicator"]
    ref: str  # the criterion's or the indicator's id
    current: Decimal | bool | str
    up: Change | NoSingleChange | None  # None: the input has no direction (a yes/no, a choice)
    down: Change | NoSingleChange | None
    other: tuple[Change, ...] = ()  # a yes/no flipped, or another answer of a choice, that changes the tiers


@dataclass(frozen=True)
class UnitMargins:
    unit: str
    rank: int
    tiers: Tiers
    margins: tuple[Margin, ...]
    flips: tuple[Flip, ...] = ()  # the margins, by what they change: what `robustness` says of the unit
    unmoved: tuple[Move, ...] = ()  # the inputs no change of which alone changes its tiers


# What is said of a unit's margins (worded in scoring/wording/reasons.py) ----------------------------------------


@dataclass(frozen=True)
class Awarded:
    """Tiers as the council reads them: each award's label, and whether the unit is tied for its last seat."""

    items: tuple[tuple[str, Status], ...]


@dataclass(frozen=True)
class Move:
    """One input at another value: a criterion's maximum (kind "max") or the unit's own indicator."""

    kind: Literal["max", "indicator"]
    ref: str
    current: Decimal | bool | str
    value: Decimal | bool | str | None = None  # None: the input itself (no change of it alone does it)


@dataclass(frozen=True)
class Flip:
    """The unit's tiers would be `then` instead of `now` if any one of the moves were made. `takes_from`: the units
    that lose the one award it would gain; `gives_to`: the units that gain the one award it would lose."""

    unit: str  # the unit's name
    now: Awarded
    then: Awarded
    takes_from: tuple[str, ...]
    gives_to: tuple[str, ...]
    award: str  # the award's label taken or given ("" when neither)
    moves: tuple[Move, ...]


def flips_of(criteria: Criteria, everyone: Mapping[str, Tiers], um: UnitMargins) -> tuple[tuple[Flip, ...], tuple[Move, ...]]:
    """A unit's margins grouped by the tiers they lead to (nearest first within each), and the inputs that cannot."""
    names = {u.id: u.name for u in criteria.units}
    labels = {a.id: a.label for a in criteria.awards}

    def awarded(t: Tiers) -> Awarded:
        return Awarded(tuple((labels[a], status) for a, status in t))

    grouped: dict[tuple[Tiers, tuple[tuple[str, Tiers], ...]], list[Move]] = {}
    unmoved: list[Move] = []
    for m in um.margins:
        changes = [c for c in (m.down, m.up, *m.other) if isinstance(c, Change)]
        if not changes:
            unmoved.append(Move(m.kind, m.ref, m.current))
        for c in changes:
            grouped.setdefault((c.tiers, c.others), []).append(Move(m.kind, m.ref, m.current, c.value))
    flips = []
    now = set(um.tiers)
    for (then, others), moves in grouped.items():
        gained, lost = set(then) - now, now - set(then)
        award, takes, gives = "", [], []
        if len(gained) == 1 and not lost:
            (a, status) = next(iter(gained))
            takes = [u for u, t in others if (a, status) in everyone[u] and (a, status) not in t]
            award = labels[a] if takes else ""
        elif len(lost) == 1 and not gained:
            (a, status) = next(iter(lost))
            gives = [u for u, t in others if (a, status) in t and (a, status) not in everyone[u]]
            award = labels[a] if gives else ""
        flips.append(
            Flip(
                names[um.unit],
                awarded(um.tiers),
                awarded(then),
                tuple(names[u] for u in takes),
                tuple(names[u] for u in gives),
                award,
                tuple(moves),
            )
        )
    return tuple(flips), tuple(unmoved)


def maximum_margins(fast: Fast, units: Sequence[str] | None = None) -> dict[str, list[Margin]]:
    """For each unit and each criterion whose points scale with its maximum: the nearest maximum, above and below,
    on the grid of the round's rounding (up to twice the maximum, down to one step), that changes the unit's tiers."""
    base_max = [c.criterion.max for c in fast.columns]
    base_cols = [list(c.base) for c in fast.columns]
    _, base = fast.tiers(base_max, base_cols)
    wanted = [i for i, u in enumerate(fast.ids) if units is None or u in units]
    found: dict[str, list[Margin]] = {fast.ids[i]: [] for i in wanted}
    step = fast.unit
    for j, col in enumerate(fast.columns):
        if not col.scales:
            continue
        m = col.criterion.max
        result: dict[str, dict[int, Change | NoSingleChange]] = {"up": {}, "down": {}}
        for direction, sign in (("up", 1), ("down", -1)):
            hits = result[direction]
            k = 1
            value = m
            limit = 2 * m if sign > 0 else step
            while len(hits) < len(wanted):
                value = m + sign * k * step
                if (sign > 0 and value > limit) or (sign < 0 and value < limit):
                    break
                maxima = list(base_max)
                maxima[j] = value
                cols = list(base_cols)
                cols[j] = fast.column(j, value)
                _, tiers = fast.tiers(maxima, cols)
                moved = [k for k in range(fast.n) if tiers[k] != base[k]]
                for i in wanted:
                    if i not in hits and tiers[i] != base[i]:
                        others = tuple((fast.ids[k], tiers[k]) for k in moved if k != i)
                        hits[i] = Change(value, tiers[i], others)
                k += 1
            last = min(limit, value) if sign > 0 else max(limit, value)
            for i in wanted:
                hits.setdefault(i, NoSingleChange(last))
        for i in wanted:
            found[fast.ids[i]].append(Margin("max", col.criterion.id, m, result["up"][i], result["down"][i]))
    return found


def indicator_margins(inputs: Inputs, unit: str, everyone: Mapping[str, Tiers]) -> list[Margin]:
    """For each indicator the unit reported: the nearest value, above and below, that changes its tiers (the engine
    scores each value tried). Found by doubling the step until the tiers change, then halving back to the first value
    that changes them: exact where the tiers change once on that stretch, as they do when the unit's lines rise with the
    value."""
    criteria = inputs.criteria
    base = everyone[unit]
    sub = next(s for s in inputs.submissions if s.unit == unit)
    found: list[Margin] = []
    for iid, indicator in criteria.indicators.items():
        reported = sub.values.get(iid)
        if reported is None or indicator.source is not None:
            continue

        def tiers_at(value: Decimal | bool, answer: str | None = None, iid: str = iid) -> dict[str, Tiers] | None:
            rep = sub.values[iid]
            changed = replace(sub, values={**sub.values, iid: replace(rep, value=value, answer=answer)})
            subs = [changed if s.unit == unit else s for s in inputs.submissions]
            try:
                return engine(inputs, submissions=subs)[1]
            except InvalidInput:  # a value the round's rules refuse (a negative amount, say): not a margin
                return None

        def change(value: Decimal | bool | str, tiers: dict[str, Tiers]) -> Change:
            return Change(value, tiers[unit], tuple((u, t) for u, t in tiers.items() if u != unit and t != everyone[u]))

        value = reported.value
        if isinstance(value, bool):
            flipped = tiers_at(not value)
            other = (change(not value, flipped),) if flipped is not None and flipped[unit] != base else ()
            found.append(Margin("indicator", iid, value, None, None, other))
            continue
        if indicator.type == "choice":
            changes = []
            for answer, number in indicator.choices.items():
                if answer == reported.answer:
                    continue
                t = tiers_at(number, answer)
                if t is not None and t[unit] != base:
                    changes.append(change(answer, t))
            found.append(Margin("indicator", iid, reported.answer or value, None, None, tuple(changes)))
            continue
        step = Decimal(1) if indicator.type == "integer" else Decimal(1).scaleb(min(value.as_tuple().exponent, 0))  # type: ignore[arg-type]
        low = indicator.min if indicator.min is not None else (ZERO if value >= 0 else None)
        high = indicator.max
        ups = _search(value, step, 1, high, unit, everyone, tiers_at)
        downs = _search(value, step, -1, low, unit, everyone, tiers_at)
        found.append(Margin("indicator", iid, value, ups, downs))
    return found


def _search(
    value: Decimal,
    step: Decimal,
    sign: int,
    bound: Decimal | None,
    unit: str,
    everyone: Mapping[str, Tiers],
    tiers_at: Callable[[Decimal], Mapping[str, Tiers] | None],
) -> Change | NoSingleChange:
    """The nearest value value ± k·step (k ≥ 1, within `bound`) at which the tiers are not `base`: k doubled until they
    change (at most _PROBES times), then halved back to the first k that changes them."""

    def at(k: int) -> Decimal:
        return value + sign * k * step

    base = everyone[unit]
    kmax = None if bound is None else int(abs(bound - value) / step)
    same, k, hit, last = 0, 1, None, value
    for _ in range(_PROBES):
        if kmax is not None and k > kmax:
            if kmax <= same:
                break
            k = kmax
        t = tiers_at(at(k))
        if t is None:
            break
        last = at(k)
        if t[unit] != base:
            hit = (k, t)
            break
        if k == kmax:
            break
        same, k = k, 2 * k
    if hit is None:
        return NoSingleChange(last)
    k, t = hit
    while k - same > 1:
        mid = (same + k) // 2
        tm = tiers_at(at(mid))
        if tm is not None and tm[unit] != base:
            k, t = mid, tm
        else:
            same = mid
    others = tuple((u, x) for u, x in t.items() if u != unit and x != everyone[u])
    return Change(at(k), t[unit], others)


def margins(scored: Scored, units: Sequence[str] | None = None) -> tuple[UnitMargins, ...]:
    inputs = inputs_of(scored)
    fast = Fast(scored.results, inputs)
    proposal = propose(scored.results)
    tiers = tiers_of(proposal)
    rank = {o.standing.unit: o.standing.rank for o in proposal.outcomes}
    by_max = maximum_margins(fast, units)
    out = []
    for u in fast.ids:
        if units is not None and u not in units:
            continue
        um = UnitMargins(u, rank[u], tiers[u], (*by_max[u], *indicator_margins(inputs, u, tiers)))
        flips, unmoved = flips_of(scored.criteria, tiers, um)
        out.append(replace(um, flips=flips, unmoved=unmoved))
    out.sort(key=lambda m: (m.rank, fast.ids.index(m.unit)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------------- Monte Carlo


@dataclass(frozen=True)
class TierShare:
    award: str
    proposed: int  # samples in which the unit is proposed for it
    council: int  # samples in which it is tied for its last seat (the council decides)


@dataclass(frozen=True)
class Spread:
    """A unit's rank over the samples: as it stands, median, 5th and 95th percentile (nearest rank)."""

    unit: str
    rank: int
    median: int
    low: int
    high: int
    tiers: Tiers  # as it stands
    same: int  # samples in which its tiers are those as it stands
    shares: tuple[TierShare, ...]


@dataclass(frozen=True)
class Sensitivity:
    """First-order index of a criterion's weight on the number of units whose tiers change: the share of that number's
    variance explained by the weight alone, estimated over equal-count bins of the weight (None: the number never varies).
    """

    criterion: str
    index: Decimal | None


@dataclass(frozen=True)
class Sampled:
    samples: int
    spread: Decimal  # k
    seed: int
    path: Literal["fast", "engine"]
    held: tuple[str, ...]  # criteria not varied (formula, graded)
    varied: tuple[str, ...]
    units: tuple[Spread, ...]  # in the order of the ranking as it stands
    criteria: tuple[Sensitivity, ...]
    changed: int  # samples in which some unit's tiers change


def draw_maxima(rng: random.Random, criteria: Criteria, spread: Decimal, varied: Sequence[Criterion]) -> dict[str, Decimal]:
    """One sample of the varied criteria's maxima: each × (1 + u), u uniform on a 0.0001 grid in ±spread, scaled back so
    that they add up to what they did, each written to 6 decimal places (the remainders to the largest parts)."""
    if not varied:
        return {}
    k = int(spread.scaleb(_U_PLACES))
    digits = max(WEIGHT_PLACES, *(-c.max.as_tuple().exponent for c in varied))  # type: ignore[operator]
    ints = [int(c.max.scaleb(digits)) for c in varied]
    raws = [m * (10**_U_PLACES + rng.randint(-k, k)) for m in ints]
    total, whole = sum(ints), sum(raws)
    parts = [divmod(r * total, whole) for r in raws]
    shares = [q for q, _ in parts]
    short = total - sum(shares)
    for i in sorted(range(len(parts)), key=lambda i: (-parts[i][1], i))[:short]:
        shares[i] += 1
    return {c.id: Decimal(s).scaleb(-digits) for c, s in zip(varied, shares, strict=True)}


def sample(scored: Scored, samples: int = DEFAULT_SAMPLES, spread: Decimal = DEFAULT_SPREAD, seed: int = DEFAULT_SEED) -> Sampled:
    inputs = inputs_of(scored)
    criteria = scored.criteria
    proposal = propose(scored.results)
    base_tiers = tiers_of(proposal)
    base_rank = {o.standing.unit: o.standing.rank for o in proposal.outcomes}
    varied = [c for c in criteria.criteria if c.method in SCALED]
    held = tuple(c.id for c in criteria.criteria if c.method not in SCALED)
    rng = random.Random(seed)  # noqa: S311 (reproducible sampling, not secrets)
    path: Literal["fast", "engine"] = "fast" if fast_refusal(criteria) is None else "engine"
    fast = Fast(scored.results, inputs)
    ids = fast.ids
    ranks: list[Counter[int]] = [Counter() for _ in ids]
    counts: list[Counter[tuple[str, Status]]] = [Counter() for _ in ids]
    same = [0] * len(ids)
    ys: list[int] = []
    weights: list[list[Decimal]] = [[] for _ in varied]
    for _ in range(samples):
        maxima = draw_maxima(rng, criteria, spread, varied)
        for w, c in zip(weights, varied, strict=True):
            w.append(maxima[c.id])
        if path == "fast":
            full = [maxima.get(col.criterion.id, col.criterion.max) for col in fast.columns]
            cols = [fast.column(j, m) for j, m in enumerate(full)]
            r, t = fast.tiers(full, cols)
        else:
            by_rank, by_tiers = engine(inputs, with_maxima(criteria, maxima))
            r, t = [by_rank[u] for u in ids], [by_tiers[u] for u in ids]
        y = 0
        for i, u in enumerate(ids):
            ranks[i][r[i]] += 1
            for tier in t[i]:
                counts[i][tier] += 1
            if t[i] == base_tiers[u]:
                same[i] += 1
            else:
                y += 1
        ys.append(y)
    spreads = []
    for i, u in enumerate(ids):
        shares = tuple(TierShare(a.id, counts[i][(a.id, "proposed")], counts[i][(a.id, "council")]) for a in criteria.awards)
        spreads.append(
            Spread(
                u,
                base_rank[u],
                percentile(ranks[i], samples, 50),
                percentile(ranks[i], samples, 5),
                percentile(ranks[i], samples, 95),
                base_tiers[u],
                same[i],
                shares,
            )
        )
    spreads.sort(key=lambda s: (s.rank, ids.index(s.unit)))
    sens = tuple(Sensitivity(c.id, first_order(w, ys)) for c, w in zip(varied, weights, strict=True))
    return Sampled(
        samples,
        spread,
        seed,
        path,
        held,
        tuple(c.id for c in varied),
        tuple(spreads),
        sens,
        sum(1 for y in ys if y),
    )


def percentile(counts: Mapping[int, int], n: int, p: int) -> int:
    """The nearest-rank percentile: the smallest rank with at least p% of the samples at or below it."""
    need = max(1, math.ceil(Fraction(p * n, 100)))
    seen = 0
    for rank in sorted(counts):
        seen += counts[rank]
        if seen >= need:
            return rank
    raise AssertionError("p ≤ 100")


def first_order(weights: Sequence[Decimal], ys: Sequence[int], bins: int = BINS) -> Decimal | None:
    """Var(E[Y | bin of the weight]) / Var(Y), over `bins` equal-count bins of the samples ordered by the weight (ties
    by sample order); exact, then rounded to 3 places. With few samples per bin it reads high: its noise is about
    (bins − 1) / samples."""
    n = len(ys)
    whole = sum(ys)
    total = Fraction(sum(y * y for y in ys)) - Fraction(whole * whole, n) if n else Fraction(0)
    if total == 0:
        return None
    order = sorted(range(n), key=lambda s: (weights[s], s))
    between = -Fraction(whole * whole, n)
    for b in range(bins):
        chunk = order[b * n // bins : (b + 1) * n // bins]
        if chunk:
            part = sum(ys[s] for s in chunk)
            between += Fraction(part * part, len(chunk))
    share = between / total
    return (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal(1).scaleb(-INDEX_PLACES))


# ---------------------------------------------------------------------------------------------------- both


@dataclass(frozen=True)
class Robustness:
    """What `thidua robustness` answers for the round as it stands: the margins and the sampled weights."""

    criteria: Criteria
    margins: tuple[UnitMargins, ...]  # in the order of the ranking as it stands
    sampled: Sampled


def robustness(
    scored: Scored, samples: int = DEFAULT_SAMPLES, spread: Decimal = DEFAULT_SPREAD, seed: int = DEFAULT_SEED
) -> Robustness:
    return Robustness(scored.criteria, margins(scored), sample(scored, samples, spread, seed))
