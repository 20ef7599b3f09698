"""propose(results) → Proposal: the award tiers the rules give, and every unit's reasons.

The engine proposes; people decide. Tiers are taken in the criteria file's
order; for each, in each scope (a cluster, or the whole round), the best-ranked
eligible units get the seats up to the quota. A tie across the last seat is
never broken here: the tied units go to the council and the seat stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from scoring.criteria import Award, Criteria
from scoring.evaluate import Cohort, Results
from scoring.formula import MissingValue, num
from scoring.numbers import CONTEXT, plain
from scoring.rank import Standing, rank

_ROUNDING = {"down": ROUND_DOWN, "up": ROUND_UP, "half_up": ROUND_HALF_UP}


@dataclass(frozen=True)
class Seats:
    """One award's seats in one scope: a cluster, or the whole round."""

    award: Award
    scope: str  # a cluster id, or the round's id
    quota: int
    basis: str  # how the quota was reached: "1", "20% of 6 units = 1.2 → 1 (rounded down)"
    eligible: tuple[str, ...]
    proposed: tuple[str, ...]
    for_council: tuple[str, ...]  # tied across the last seat: the council decides
    open_seats: int  # seats left open for that decision


@dataclass(frozen=True)
class Refusal:
    """Why a unit is not proposed for an award, and what it would take."""

    award: Award
    reasons: tuple[str, ...]
    would_take: str


@dataclass(frozen=True)
class Outcome:
    standing: Standing
    proposed: tuple[tuple[Award, str], ...]  # each award with the rule that gave it
    for_council: tuple[Award, ...]
    refused: tuple[Refusal, ...]  # every other award, in the file's order
    to_next_rank: str | None
    to_next_tier: str | None


@dataclass(frozen=True)
class Proposal:
    results: Results
    seats: tuple[Seats, ...]
    outcomes: tuple[Outcome, ...]  # in rank order

    def outcome(self, unit_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.standing.unit == unit_id)


def propose(results: Results) -> Proposal:
    criteria = results.criteria
    standings = rank(results)
    step = Decimal(1).scaleb(-criteria.places)
    held: dict[str, list[Award]] = {s.unit: [] for s in standings}
    closed: dict[str, Award] = {}  # unit → the award that ends its candidacy for later tiers
    given: dict[tuple[str, str], str] = {}
    council: set[tuple[str, str]] = set()
    reasons: dict[tuple[str, str], list[str]] = {}
    takes: dict[tuple[str, str], str] = {}
    all_seats = []
    for award in criteria.awards:
        scopes = [c.id for c in criteria.clusters] if award.scope == "cluster" else [criteria.id]
        for scope in scopes:
            members = [s for s in standings if award.scope == "round" or s.card.unit.cluster == scope]
            seats = _seat(results, award, scope, members, held, closed, given, council, reasons, takes, step)
            all_seats.append(seats)
            for unit in seats.proposed:
                held[unit].append(award)
                if not award.also_lower:
                    closed.setdefault(unit, award)
    outcomes = []
    for s in standings:
        u = s.unit
        refused = tuple(
            Refusal(a, tuple(reasons.get((u, a.id), ())), takes.get((u, a.id), ""))
            for a in criteria.awards
            if (u, a.id) not in given
        )
        outcomes.append(
            Outcome(
                s,
                tuple((a, given[(u, a.id)]) for a in criteria.awards if (u, a.id) in given),
                tuple(a for a in criteria.awards if (u, a.id) in council),
                refused,
                _to_next_rank(s, standings, step),
                _to_next_tier(criteria, held[u], refused),
            )
        )
    return Proposal(results, tuple(all_seats), tuple(outcomes))


def _seat(
    results: Results,
    award: Award,
    scope: str,
    members: Sequence[Standing],
    held: Mapping[str, list[Award]],
    closed: Mapping[str, Award],
    given: dict[tuple[str, str], str],
    council: set[tuple[str, str]],
    reasons: dict[tuple[str, str], list[str]],
    takes: dict[tuple[str, str], str],
    step: Decimal,
) -> Seats:
    criteria = results.criteria
    in_cluster = award.scope == "cluster"
    where = f"in cluster {scope}" if in_cluster else "in the round"

    def position(s: Standing) -> int:
        return s.cluster_rank if in_cluster else s.rank

    candidates = []
    for s in members:
        key = (s.unit, award.id)
        if award.among is not None and award.among not in [a.id for a in held[s.unit]]:
            among = next(a for a in criteria.awards if a.id == award.among)
            reasons[key] = [f"only units proposed for {among.label} are considered"]
            takes[key] = f"first be proposed for {among.label}"
        elif award.among is None and s.unit in closed:
            reasons[key] = [f"already proposed for {closed[s.unit].label} (one tier per unit)"]
        else:
            candidates.append(s)
    eligible = []
    for s in candidates:
        failed, would_take = _conditions(results.criteria, results.cohort, award, s, position(s))
        if failed:
            reasons[(s.unit, award.id)] = failed
            takes[(s.unit, award.id)] = would_take
        else:
            eligible.append(s)
    quota, basis = _quota(award, len(members), len(candidates), len(eligible))
    left = quota
    proposed: list[Standing] = []
    for_council: list[Standing] = []
    open_seats = 0
    for group in _by_position(eligible, position):
        rank_text = f"rank {position(group[0])} {where}"
        if left == 0:
            for s in group:
                key = (s.unit, award.id)
                if quota == 0:
                    reasons[key] = [f"the quota is 0 ({basis})"]
                else:
                    holders = ", ".join(p.unit for p in proposed) or "nobody: the last seat is for the council"
                    reasons[key] = [f"{rank_text}: beyond the quota ({basis}), which went to {holders}"]
                last = proposed[-1] if proposed else None
                if last is not None:
                    points = plain(last.card.total - s.card.total + step)
                    takes[key] = f"{points} more points to pass {last.unit}, the last unit proposed"
            continue
        if len(group) <= left:
            left -= len(group)
            for s in group:
                given[(s.unit, award.id)] = f"{rank_text} among the eligible, within the quota ({basis})"
            proposed.extend(group)
            continue
        open_seats, left = left, 0
        for s in group:
            others = ", ".join(o.unit for o in group if o is not s)
            key = (s.unit, award.id)
            reasons[key] = [f"tied at {rank_text} with {others} for the last {open_seats} seat(s): for the council to decide"]
            council.add(key)
            takes[key] = "the council's decision (the tie-break keys could not separate them)"
        for_council.extend(group)
    return Seats(
        award,
        scope,
        quota,
        basis,
        tuple(s.unit for s in eligible),
        tuple(s.unit for s in proposed),
        tuple(s.unit for s in for_council),
        open_seats,
    )


def _by_position(eligible: Sequence[Standing], position: Callable[[Standing], int]) -> list[list[Standing]]:
    groups: list[list[Standing]] = []
    for s in eligible:
        if groups and position(groups[-1][0]) == position(s):
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _quota(award: Award, units: int, candidates: int, eligible: int) -> tuple[int, str]:
    if award.quota is not None:
        return award.quota, f"{award.quota} seat(s)"
    assert award.share is not None
    base = {"units": units, "candidates": candidates, "eligible": eligible}[award.share_of]
    exact = CONTEXT.multiply(award.share, Decimal(base))
    seats = int(exact.quantize(Decimal(1), rounding=_ROUNDING[award.quota_rounding]))
    share = plain((award.share * 100).normalize())
    words = {"down": "rounded down", "up": "rounded up", "half_up": "rounded half up"}[award.quota_rounding]
    return seats, f"{share}% of {base} {award.share_of} = {plain(exact)} → {seats}, {words}"


def _conditions(criteria: Criteria, cohort: Cohort, award: Award, s: Standing, position: int) -> tuple[list[str], str]:
    """The conditions a unit fails, and what it would take (empty when it is eligible)."""
    card = s.card
    failed: list[str] = []
    takes: list[str] = []
    for d in card.disqualified:
        if award.id in d.blocks:
            failed.append(f"blocked by disqualifier {d.id} ({d.label})")
            takes.append(f"not reachable by points: {d.label}")
    if award.min_total is not None and card.total < award.min_total:
        failed.append(f"total {plain(card.total)} is below the minimum {plain(award.min_total)}")
        takes.append(f"{plain(award.min_total - card.total)} more points to reach the minimum total")
    if award.classification is not None and card.classification.id not in award.classification:
        labels = " or ".join(b.label for b in criteria.classification if b.id in award.classification)
        failed.append(f"classified {card.classification.label}, not {labels}")
        takes.append(f"the classification {labels}")
    if award.max_rank is not None and position > award.max_rank:
        failed.append(f"rank {position}; the award needs rank {award.max_rank} or better")
        takes.append(f"rank {award.max_rank} or better")
    for group in card.groups:
        least = award.min_group.get(group.group.id)
        if least is not None and group.points < least:
            failed.append(f"group {group.group.id} has {plain(group.points)} points, below the {plain(least)} required")
            takes.append(f"{plain(least - group.points)} more points in group {group.group.id}")
    for line in card.lines:
        least = award.min_criterion.get(line.criterion.id)
        if least is not None and line.points < least:
            failed.append(f"criterion {line.criterion.id} has {plain(line.points)} points, below the {plain(least)} required")
            takes.append(f"{plain(least - line.points)} more points on criterion {line.criterion.id}")
    if award.when is not None:
        values = {**card.values, "total": card.total}
        stats = cohort.stats
        try:
            met = award.when.evaluate(values, stats)
        except MissingValue as e:
            failed.append(f"the condition {award.when.text} needs '{e.name}', which has no value")
            takes.append(f"a value for '{e.name}'")
        else:
            if not met:
                failed.append(f"the condition {award.when.text} is not met ({award.when.substituted(values, stats, num)})")
                takes.append(f"meeting {award.when.text}")
    return failed, "; ".join(takes)


def _to_next_rank(s: Standing, standings: Sequence[Standing], step: Decimal) -> str | None:
    above = [o for o in standings if o.rank < s.rank]
    if not above:
        return None
    target = above[-1]
    return f"{plain(target.card.total - s.card.total + step)} more points to pass {target.unit} (rank {target.rank})"


def _to_next_tier(criteria: Criteria, held: Sequence[Award], refused: Sequence[Refusal]) -> str | None:
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
    return f"{nearest.label}: {refusal.would_take or '; '.join(refusal.reasons)}"
