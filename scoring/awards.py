"""propose(results) → Proposal: the award tiers the rules give, and every unit's reasons.

The engine proposes; people decide. Tiers are taken in the criteria file's
order; for each, in each scope (a cluster, or the whole round), the best-ranked
eligible units get the seats up to the quota. A tie across the last seat is
never broken here: the tied units go to the council and the seat stays open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from scoring.criteria import Award, Criteria
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import Results, Scorecard, fault_problem
from scoring.formula import FormulaFault, MissingValue, num
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
    note: str | None  # why a seat went to nobody


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
        return award.when.evaluate({**card.values, "total": card.total}, stats) is True  # boolean: checked at load
    except MissingValue as e:
        return e
    except FormulaFault as e:  # Formula.evaluate turns every arithmetic error into one
        raise InvalidInput([fault_problem(card.unit.id, f"award {award.id} ({award.label})", award.when, e, award.rule)]) from e


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
        self.given: dict[tuple[str, str], str] = {}
        self.council: set[tuple[str, str]] = set()
        self.reasons: dict[tuple[str, str], list[str]] = {}
        self.takes: dict[tuple[str, str], str] = {}

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
        for s in self.standings:
            u = s.unit
            refused = tuple(
                Refusal(a, tuple(self.reasons.get((u, a.id), ())), self.takes.get((u, a.id), ""))
                for a in criteria.awards
                if (u, a.id) not in self.given
            )
            outcomes.append(
                Outcome(
                    s,
                    tuple((a, self.given[(u, a.id)]) for a in criteria.awards if (u, a.id) in self.given),
                    tuple(a for a in criteria.awards if (u, a.id) in self.council),
                    refused,
                    _to_next_rank(s, self.standings, self.step, len(criteria.clusters) > 1),
                    _to_next_tier(criteria, self.held[u], refused),
                )
            )
        return Proposal(self.results, tuple(all_seats), tuple(outcomes))

    def seat(self, award: Award, scope: str, members: Sequence[Standing]) -> Seats:
        criteria, reasons, takes, step = self.criteria, self.reasons, self.takes, self.step
        in_cluster = award.scope == "cluster"
        where = f"in cluster {scope}" if in_cluster else "in the round"

        def position(s: Standing) -> int:
            return s.cluster_rank if in_cluster else s.rank

        candidates = []
        for s in members:
            key = (s.unit, award.id)
            if award.among is not None and award.among not in [a.id for a in self.held[s.unit]]:
                among = next(a for a in criteria.awards if a.id == award.among)
                reasons[key] = [f"only units proposed for {among.label} are considered"]
                takes[key] = f"first be proposed for {among.label}"
            elif award.among is None and s.unit in self.closed:
                reasons[key] = [f"already proposed for {self.closed[s.unit].label} (one tier per unit)"]
            else:
                candidates.append(s)
        eligible = []
        short: dict[str, Decimal] = {}  # units kept out only by points: how many more they need
        for s in candidates:
            failed, would_take, points = unmet_conditions(criteria, self.stats, award, s, position(s))
            if failed:
                reasons[(s.unit, award.id)] = failed
                takes[(s.unit, award.id)] = would_take
                if points is not None:
                    short[s.unit] = points
            else:
                eligible.append(s)
        quota, basis = _quota(award, len(members), len(candidates), len(eligible), len(criteria.clusters))
        left = quota
        proposed: list[Standing] = []
        for_council: list[Standing] = []
        reserved = 0  # seats held for units whose higher tier the council is still to decide
        open_seats = 0
        boundary: Standing | None = None  # the last unit (or tie) that took a seat: what a unit below must pass
        for group in _by_position(eligible, position):
            nth = len(proposed) + len(for_council) + 1
            rank_text = f"rank {position(group[0])} {where}"
            if nth != position(group[0]):
                rank_text += f", {_ordinal(nth)} among the eligible"
            waiting = [s for s in group if s.unit in self.pending]
            # Hold a seat for each unit a tie may leave here: no more than the tie leaves, nor than of it are here.
            present = Counter(self.pending[s.unit] for s in waiting)
            needs = len(group) - len(waiting) + sum(min(n, here) for (_, _, n), here in present.items())
            if left == 0:
                for s in group:
                    key = (s.unit, award.id)
                    if quota == 0:
                        reasons[key] = [f"the quota is 0 ({basis})"]
                        continue
                    holders = ", ".join(p.unit for p in proposed) or "nobody: the last seat is for the council"
                    reasons[key] = [f"{rank_text}: beyond the quota ({basis}), which went to {holders}"]
                    if boundary is not None:
                        gap = plain(boundary.card.total - s.card.total + step)
                        takes[key] = f"{gap} more points to pass {boundary.unit}, the last to take a seat"
                continue
            if needs <= left:
                left -= needs
                for s in group:
                    key = (s.unit, award.id)
                    if s.unit in self.pending:
                        tie = self.pending[s.unit][0]
                        reasons[key] = [f"{rank_text}: a seat is held for it if the council does not give it {tie}"]
                        self.council.add(key)
                        for_council.append(s)
                    else:
                        self.given[key] = f"{rank_text}, within the quota ({basis})"
                        proposed.append(s)
                reserved += needs - (len(group) - len(waiting))
                boundary = group[0]
                continue
            open_seats, left = left, 0
            boundary = group[0]
            for s in group:
                others = ", ".join(o.unit for o in group if o is not s)
                key = (s.unit, award.id)
                seats = f"the last {open_seats} seats" if open_seats > 1 else "the last seat"
                reasons[key] = [f"tied at {rank_text} with {others} for {seats}: for the council to decide"]
                self.council.add(key)
                takes[key] = "the council's decision (the tie-break keys could not separate them)"
                if not award.also_lower:
                    self.pending[s.unit] = (award.label, f"{award.id} {scope} {position(s)}", len(group) - open_seats)
            for_council.extend(group)
        if boundary is not None and left == 0:
            # Points alone do not win a full tier: the unit must also pass the last to take a seat.
            for unit, points in short.items():
                card = next(s.card for s in candidates if s.unit == unit)
                needed = max(points, boundary.card.total - card.total + step)
                takes[(unit, award.id)] = (
                    f"{plain(needed)} more points, to meet the conditions and pass {boundary.unit}, the last to take a seat"
                )
        note = None
        if not proposed and not for_council and members:
            if quota == 0:
                note = f"the quota is 0 ({basis})"
            elif candidates:
                best = candidates[0]
                note = f"no unit is eligible; the best-ranked, {best.unit}: {'; '.join(reasons[(best.unit, award.id)])}"
            else:
                note = "no unit is a candidate"
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


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _quota(award: Award, units: int, candidates: int, eligible: int, clusters: int) -> tuple[int, str]:
    if award.quota is not None:
        return award.quota, f"{award.quota} seat" + ("" if award.quota == 1 else "s")
    assert award.share is not None
    base = {"units": units, "candidates": candidates, "eligible": eligible, "clusters": clusters}[award.share_of]
    exact = CONTEXT.multiply(award.share, Decimal(base))
    seats = int(exact.quantize(Decimal(1), rounding=_ROUNDING[award.quota_rounding]))
    share = plain((award.share * 100).normalize())
    words = {"down": "rounded down", "up": "rounded up", "half_up": "rounded half up"}[award.quota_rounding]
    return seats, f"{share}% of {base} {award.share_of} = {plain(exact)} → {seats}, {words}"


def unmet_conditions(
    criteria: Criteria, stats: Mapping[tuple[str, str], Decimal], award: Award, s: Standing, position: int
) -> tuple[list[str], str, Decimal | None]:
    """The conditions a unit fails, what it would take, and the points it lacks when points alone would do."""
    card = s.card
    failed: list[str] = []
    takes: list[str] = []
    points: Decimal | None = None
    for d in card.disqualified:
        if award.id in d.blocks:
            failed.append(f"blocked by disqualifier {d.id} ({d.label})")
            takes.append(f"not reachable by points: {d.label}")
    if award.min_total is not None and card.total < award.min_total:
        failed.append(f"total {plain(card.total)} is below the minimum {plain(award.min_total)}")
        points = award.min_total - card.total
        takes.append(f"{plain(points)} more points to reach the minimum total")
    if award.classification is not None and card.classification.id not in award.classification:
        labels = " or ".join(b.label for b in criteria.classification if b.id in award.classification)
        held = [(b, reason) for b, reason in card.held_back if b.id in award.classification]
        why = "; ".join(f"not {b.label}: {reason}" for b, reason in held if not reason.startswith("blocked by"))
        if why or not failed:  # a band blocked by the disqualifier already named adds nothing
            failed.append(f"classified {card.classification.label}, not {labels}" + (f" ({why})" if why else ""))
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
    met = condition_met(award, card, stats)
    if award.when is not None and isinstance(met, MissingValue):
        failed.append(f"the condition {award.when.text} needs '{met.name}', which has no value")
        takes.append(f"a value for '{met.name}'")
    elif award.when is not None and not met:
        values = {**card.values, "total": card.total}
        failed.append(f"the condition {award.when.text} is not met ({award.when.substituted(values, stats, num)})")
        takes.append(f"meeting {award.when.text}")
    if len(failed) > 1:
        points = None  # something besides the total is missing
    return failed, "; ".join(takes), points


def _to_next_rank(s: Standing, standings: Sequence[Standing], step: Decimal, clusters: bool) -> str | None:
    """Points to pass the unit just above: in the unit's cluster when the round has several."""
    if clusters:
        above = [o for o in standings if o.card.unit.cluster == s.card.unit.cluster and o.cluster_rank < s.cluster_rank]
    else:
        above = [o for o in standings if o.rank < s.rank]
    if not above:
        return None
    target = above[-1]
    where = f"rank {target.cluster_rank} in cluster {s.card.unit.cluster}" if clusters else f"rank {target.rank}"
    return f"{plain(target.card.total - s.card.total + step)} more points to pass {target.unit} ({where})"


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
