"""The core's typed facts and reasons, worded: each type becomes one message (an English id, see __init__).

The scoring, classification, ranking and award code return these values and
never a sentence; this is where they are said.
"""

from __future__ import annotations

from scoring import awards as a
from scoring import evaluate as e
from scoring import grades as gr
from scoring import methods
from scoring import rank as r
from scoring import robustness as rb
from scoring import selfscore as own
from scoring import sources as src
from scoring import whatif as w
from scoring.criteria import Measure, Take, TieBreak
from scoring.wording import Listing, Msg, Ordinal, Percent, Signed, UnitRef, msg


def phrase(fact: object) -> Msg | None:
    """The message for a typed fact, or None when `fact` is no fact of the core."""
    match fact:
        # Why a name has no value.
        case e.NotReported():
            return msg("not reported")
        case e.LeftEmpty(line):
            return msg("left empty on line {line}", line=line)
        case e.NeedsValue(name, None):
            return msg("needs '{name}', which has no value", name=name)
        case e.NeedsValue(name, why):
            return msg("needs '{name}', {why}", name=name, why=why)
        case e.NotComputed():
            return msg("could not be computed")
        case e.NoValue():
            return msg("no value")
        # One round feeding another (criteria `sources`).
        case src.NotInSource(source, round_, unit):
            return msg("{unit} is not in the record of round {round} (source {source})", unit=unit, round=round_, source=source)
        case src.FromRound(_, round_, sha256, take, unit, _):
            return msg(
                "from round {round} (record sha256 {sha256}…, {take} of {unit})",
                round=round_,
                sha256=sha256[:8],
                take=take,
                unit=unit,
            )
        case Take("total"):
            return msg("the total")
        case Take("criteria"):
            return msg("the criteria's points (before bonuses and deductions)")
        case Take("group", ref):
            return msg("the points of group {group}", group=ref)
        case Take("criterion", ref):
            return msg("the points of criterion {criterion}", criterion=ref)
        # Notes on a line.
        case methods.Capped():
            return msg("capped at the maximum")
        case methods.Clipped():
            return msg("clipped at 0")
        case e.CappedAt(cap):
            return msg("capped at {cap}", cap=cap)
        # Evidence required (căn cứ) and the unit's own score (tự chấm), line by line.
        case e.WithoutEvidence(source):
            return msg("reported without the evidence (document, number) the criteria require [{source}]", source=source)
        case e.NoPoints(name, e.WithoutEvidence(source)):
            return msg(
                "no evidence (document, number) for the value of '{name}' [{source}]: no points (if_no_evidence: no_points)",
                name=name,
                source=source,
            )
        case e.NoPoints(name, e.NeedsValue(needed, e.WithoutEvidence(source))):
            return msg(
                "'{name}' needs '{needed}', which has no evidence (document, number) [{source}]:"
                " no points (if_no_evidence: no_points)",
                name=name,
                needed=needed,
                source=source,
            )
        case own.LineGap(criterion, mine, computed, difference):
            return msg(
                "{criterion} (self-scored {own}, computed {computed}, difference {difference})",
                criterion=criterion,
                own=mine,
                computed=computed,
                difference=Signed(difference),
            )
        case own.SelfScoresDisagree(lines, total):
            return msg(
                "The self-scored points per criterion add up to {lines}, not to the self-assessed total {total}",
                lines=lines,
                total=total,
            )
        case e.NoPoints(name, None):
            return msg("no value for '{name}': no points (if_missing: no_points)", name=name)
        case e.NoPoints(name, why):
            return msg("no value for '{name}' ({why}): no points (if_missing: no_points)", name=name, why=why)
        case e.BestIsZero():
            return msg("the best value in the round is 0: no points")
        case e.BelowFirstBand():
            return msg("below the first band")
        case e.SetByCouncil(before, after, reason):
            return msg(
                "set by the council: from {before} to {after}, reason: {reason}", before=before, after=after, reason=reason
            )
        case gr.NoGrades():  # a graded line that no assessor graded
            return msg("no grade from the assessors: no points (if_missing: no_points)")
        # Why a classification band was not reached.
        case e.Blocked(disqualifier, label) | a.BlockedBy(disqualifier, label):
            return msg("blocked by disqualifier {id} ({label})", id=disqualifier, label=label)
        case e.BelowTotal(total, minimum):
            return msg("total {total} is below {minimum}", total=total, minimum=minimum)
        case e.UnderFloor(floor, lines):
            missed = Listing(tuple(msg("{id} has {points} of {max}", id=m.criterion, points=m.points, max=m.max) for m in lines))
            return msg("under the floor of {floor} of the maximum: {lines}", floor=Percent(floor), lines=missed)
        # Floors on groups, and criteria that may not score 0 (classification bands and award conditions).
        case e.GroupMiss(group, points, maximum, floor, needed):
            return msg(
                "group {group} has {points} of {max}, under {floor} of it ({needed})",
                group=group,
                points=points,
                max=maximum,
                floor=Percent(floor),
                needed=needed,
            )
        case e.GroupUnderFloor(groups):
            return msg("under the group floor: {groups}", groups=Listing(groups))
        case e.ZeroIn((group,), criteria):
            return msg("{criteria} scored 0, and no criterion of group {group} may", criteria=Listing(criteria), group=group)
        case e.ZeroIn(groups, criteria):
            return msg(
                "{criteria} scored 0, and no criterion of groups {groups} may",
                criteria=Listing(criteria),
                groups=Listing(groups),
            )
        case a.AboveZero(criteria):
            return msg("points above 0 on {criteria}", criteria=Listing(criteria))
        # How a tie was settled.
        case r.SettledBy(other, key, mine, theirs):
            return msg(
                "level on total with {other}; settled by {key}: {mine} vs {theirs}",
                other=other,
                key=key,
                mine=_or_no_value(mine),
                theirs=_or_no_value(theirs),
            )
        case r.SharesRank(other, keys):
            tried = Listing(keys) if keys else msg("none declared")
            return msg("tied with {other} after every tie-break key ({tried}): they share the rank", other=other, tried=tried)
        case r.InTieGroup(group, others, keys):
            tried = Listing(keys) if keys else msg("none declared")
            return msg(
                "tied with {others} other units (tie group {group}) after every tie-break key ({tried}): they share the rank",
                others=others,
                group=group,
                tried=tried,
            )
        case r.AlsoLevel(others):
            return msg("level on total with {others} more units, placed by the tie-break keys", others=others)
        case TieBreak():
            return fact.describe()
        # What an award ranks by, and the places by it (a measure of None is the total: said as before).
        case Measure():
            return _measure(fact)
        case a.Position(rank, cluster, nth, measure, value) if measure is not None:
            where = (
                msg("rank {rank} in the round by {measure} ({value})", rank=rank, measure=measure, value=_or_no_value(value))
                if cluster is None
                else msg(
                    "rank {rank} in cluster {cluster} by {measure} ({value})",
                    rank=rank,
                    cluster=cluster,
                    measure=measure,
                    value=_or_no_value(value),
                )
            )
            return where if nth is None else msg("{place}, {nth} among the eligible", place=where, nth=Ordinal(nth))
        case a.RankTooLow(rank, max_rank, measure) if measure is not None:
            return msg(
                "rank {rank} by {measure}; the award needs rank {max_rank} or better",
                rank=rank,
                measure=measure,
                max_rank=max_rank,
            )
        case a.RankAtMost(rank, measure) if measure is not None:
            return msg("rank {rank} or better by {measure}", rank=rank, measure=measure)
        case a.Unmeasured(name):
            return msg("no value for '{name}', which the award ranks by", name=name)
        case a.PointsToPass(measure=measure) if measure is not None:
            return _to_pass_by(fact, measure)
        # Award seats.
        case a.Position(rank, cluster, nth):
            where = (
                msg("rank {rank} in the round", rank=rank)
                if cluster is None
                else msg("rank {rank} in cluster {cluster}", rank=rank, cluster=cluster)
            )
            return where if nth is None else msg("{place}, {nth} among the eligible", place=where, nth=Ordinal(nth))
        case a.FixedQuota(1):
            return msg("1 seat")
        case a.FixedQuota(seats):
            return msg("{seats} seats", seats=seats)
        case a.ShareQuota(share, base, share_of, exact, seats, rounding):
            return msg(
                "{share} of {base} {share_of} = {exact} → {seats}, {rounding}",
                share=Percent(share),
                base=base,
                share_of=_SHARE_OF[share_of],
                exact=exact,
                seats=seats,
                rounding=_ROUNDED[rounding],
            )
        case a.WithinQuota(position, basis):
            return msg("{position}, within the quota ({basis})", position=position, basis=basis)
        # Why a tier was not given.
        case a.OnlyAmong(award):
            return msg("only units proposed for {award} are considered", award=award)
        case a.AlreadyProposed(award):
            return msg("already proposed for {award} (one tier per unit)", award=award)
        case a.BelowMinimum(total, minimum):
            return msg("total {total} is below the minimum {minimum}", total=total, minimum=minimum)
        case a.NotClassified(classified, wanted, ()):
            return msg("classified {band}, not {wanted}", band=classified, wanted=_either(wanted))
        case a.NotClassified(classified, wanted, why):
            held = Listing(tuple(msg("not {band}: {reason}", band=band, reason=reason) for band, reason in why), "; ")
            return msg("classified {band}, not {wanted} ({why})", band=classified, wanted=_either(wanted), why=held)
        case a.RankTooLow(rank, max_rank):
            return msg("rank {rank}; the award needs rank {max_rank} or better", rank=rank, max_rank=max_rank)
        case a.GroupBelow(group, points, least):
            return msg("group {group} has {points} points, below the {least} required", group=group, points=points, least=least)
        case a.CriterionBelow(criterion, points, least):
            return msg(
                "criterion {criterion} has {points} points, below the {least} required",
                criterion=criterion,
                points=points,
                least=least,
            )
        case a.ConditionLacks(condition, name):
            return msg("the condition {condition} needs '{name}', which has no value", condition=condition, name=name)
        case a.ConditionUnmet(condition, substituted):
            return msg("the condition {condition} is not met ({values})", condition=condition, values=substituted)
        case a.QuotaIsZero(basis):
            return msg("the quota is 0 ({basis})", basis=basis)
        case a.BeyondQuota(position, basis, (), _):
            return msg(
                "{position}: beyond the quota ({basis}), which went to nobody: the last seat is for the council",
                position=position,
                basis=basis,
            )
        case a.BeyondQuota(position, basis, holders, ()):
            return msg(
                "{position}: beyond the quota ({basis}), which went to {holders}",
                position=position,
                basis=basis,
                holders=_units(holders),
            )
        case a.BeyondQuota(position, basis, holders, council):
            return msg(
                "{position}: beyond the quota ({basis}), which went to {holders}; the council decides the last seat"
                " between {council}",
                position=position,
                basis=basis,
                holders=_units(holders),
                council=_units(council),
            )
        case a.HeldForCouncil(position, tier):
            return msg("{position}: a seat is held for it if the council does not give it {tier}", position=position, tier=tier)
        case a.TiedForLastSeats(position, others, 1):
            return msg(
                "tied with {others} for the last seat ({position}): for the council to decide",
                position=position,
                others=_units(others),
            )
        case a.TiedForLastSeats(position, others, seats):
            return msg(
                "tied with {others} for the last {seats} seats ({position}): for the council to decide",
                position=position,
                others=_units(others),
                seats=seats,
            )
        # What it would take.
        case a.Unreachable(disqualifier, label):
            return msg(
                "points alone cannot reach it: the disqualifier {id} ({label}) stands in the way", id=disqualifier, label=label
            )
        case a.PointsToMinimum(points):
            return msg("{points} more points to reach the minimum total", points=points)
        case a.Classification(wanted):
            return msg("the classification {wanted}", wanted=_either(wanted))
        case a.RankAtMost(rank):
            return msg("rank {rank} or better", rank=rank)
        case a.PointsInGroup(points, group):
            return msg("{points} more points in group {group}", points=points, group=group)
        case a.PointsOnCriterion(points, criterion):
            return msg("{points} more points on criterion {criterion}", points=points, criterion=criterion)
        case a.ValueFor(name):
            return msg("a value for '{name}'", name=name)
        case a.Meeting(condition):
            return msg("meeting {condition}", condition=condition)
        case a.FirstProposedFor(award):
            return msg("first be proposed for {award}", award=award)
        case a.CouncilDecision():
            return msg("the council's decision (the tie-break keys could not separate them)")
        case a.PointsToPass():
            return _to_pass(fact)
        case a.NoneEligible(best, reasons):
            return msg(
                "no unit is eligible; the best-ranked, {best}: {reasons}", best=UnitRef(best), reasons=Listing(reasons, "; ")
            )
        case a.NoCandidates():
            return msg("no unit is a candidate")
        case a.ToPass(points, unit, rank, None):
            return msg("{points} more points to pass {unit} (rank {rank})", points=points, unit=UnitRef(unit), rank=rank)
        case a.ToPass(points, unit, rank, cluster):
            return msg(
                "{points} more points to pass {unit} (rank {rank} in cluster {cluster})",
                points=points,
                unit=UnitRef(unit),
                rank=rank,
                cluster=cluster,
            )
        case a.NextTier(award, reasons, would_take):
            said = would_take or reasons
            return msg("{award}: {what}", award=award, what=Listing(said, "; "))
        # What an award's seats not given stand for (issue 13): held for the council, or no one eligible to take them.
        case a.SeatsHeld(1, units):
            return msg("held for the council's decision (tied on points): {units} (1 seat)", units=_named(units))
        case a.SeatsHeld(seats, units):
            return msg("held for the council's decision (tied on points): {units} ({n} seats)", units=_named(units), n=seats)
        case a.SeatsUnfilled(1):
            return msg("too few units eligible: 1 seat with no one to receive it")
        case a.SeatsUnfilled(seats):
            return msg("too few units eligible: {n} seats with no one to receive them", n=seats)
        # What if the new criteria were applied to an earlier round.
        case w.MissingData(indicators, ()):
            return msg(
                "due to missing figures: {indicators} (not in the earlier submissions of other units)",
                indicators=Listing(indicators),
            )
        case w.MissingData(indicators, lines):
            return msg(
                "due to missing figures: {indicators} (not in the earlier submissions; {lines} scored no points)",
                indicators=Listing(indicators),
                lines=Listing(lines),
            )
        case w.Unneeded("", indicator):
            return msg("the assumed {indicator} is not used: no unit lacks it", indicator=indicator)
        case w.Unneeded(unit, indicator):
            return msg("the assumed {indicator} of {unit} is not used: the unit has it", indicator=indicator, unit=unit)
        case w.Carried(unit, criterion, points, None):
            return msg(
                "the council set {points} points on {criterion} of {unit}: the new criteria have no such line for that unit",
                points=points,
                criterion=criterion,
                unit=unit,
            )
        case w.Carried(unit, criterion, points, maximum):
            return msg(
                "the council set {points} points on {criterion} of {unit}: more than its new maximum {maximum}",
                points=points,
                criterion=criterion,
                unit=unit,
                maximum=maximum,
            )
        # How sure the proposal is (thidua robustness, issue 16): a unit's margins, said.
        case rb.Awarded(()):
            return msg("none of the awards")
        case rb.Awarded(items):
            return msg("{value}", value=Listing(tuple(_tier(label, status) for label, status in items)))
        case rb.Move("max", ref, current, value):
            return msg("if {criterion}'s maximum were {value} instead of {current}", criterion=ref, value=value, current=current)
        case rb.Move(_, ref, current, value):
            return msg("if its own {indicator} were {value} instead of {current}", indicator=ref, value=value, current=current)
        case rb.Flip(unit, _, _, takes, (), award, moves) if takes:
            return msg(
                "{unit} would take the {award} seat of {others} {moves}",
                unit=unit,
                award=award,
                others=Listing(takes),
                moves=_or(moves),
            )
        case rb.Flip(unit, _, _, (), gives, award, moves) if gives:
            return msg(
                "{unit} would give its {award} seat to {others} {moves}",
                unit=unit,
                award=award,
                others=Listing(gives),
                moves=_or(moves),
            )
        case rb.Flip(unit, now, then, _, _, _, moves):
            return msg("{unit} would have {then} instead of {now} {moves}", unit=unit, then=then, now=now, moves=_or(moves))
    return None


def _tier(label: str, status: str) -> object:
    return label if status == "proposed" else msg("{award} (tied for the last seat: the council decides)", award=label)


def _or(moves: tuple[rb.Move, ...]) -> Listing:
    return Listing(moves, msg(", or "))


def _to_pass(need: a.PointsToPass) -> Msg:
    points, units, conditions = need.points, need.units, need.with_conditions
    if need.kind == "tied":
        if conditions:
            return msg(
                "{points} more points, to meet the conditions and pass {units}, tied for the last seat,"
                " which the council decides",
                points=points,
                units=_units(units),
            )
        return msg(
            "{points} more points to pass {units}, tied for the last seat, which the council decides",
            points=points,
            units=_units(units),
        )
    if need.kind == "held":
        if conditions:
            return msg(
                "{points} more points, to meet the conditions and pass {units}, for whom a seat is held until the council"
                " decides a tie for a higher tier",
                points=points,
                units=_units(units),
            )
        return msg(
            "{points} more points to pass {units}, for whom a seat is held until the council decides a tie for a higher tier",
            points=points,
            units=_units(units),
        )
    unit = UnitRef(units[0]) if isinstance(units, tuple) else _units(units)  # the last seat's holder: one unit
    if conditions:
        return msg(
            "{points} more points, to meet the conditions and pass {unit}, the last to take a seat", points=points, unit=unit
        )
    return msg("{points} more points to pass {unit}, the last to take a seat", points=points, unit=unit)


def _measure(m: Measure) -> Msg:
    lower = m.prefer == "lower"
    if m.kind == "total":
        return msg("the total")
    if m.kind == "criteria":
        return msg("the criteria's points before bonuses and deductions")
    if m.kind == "group":
        return msg("group {group}'s points (lower first)", group=m.ref) if lower else msg("group {group}'s points", group=m.ref)
    return msg("value {name} (lower first)", name=m.ref) if lower else msg("value {name}", name=m.ref)


def _to_pass_by(need: a.PointsToPass, measure: Measure) -> Msg:
    """As `_to_pass`, for an award that ranks by something other than the total: the amount is of that measure."""
    if measure.prefer == "lower":
        amount = msg("{points} less in {measure}", points=need.points, measure=measure)
    else:
        amount = msg("{points} more in {measure}", points=need.points, measure=measure)
    units, conditions = _units(need.units), need.with_conditions
    if need.kind == "tied":
        if conditions:
            return msg(
                "{amount}, to meet the conditions and pass {units}, tied for the last seat, which the council decides",
                amount=amount,
                units=units,
            )
        return msg("{amount} to pass {units}, tied for the last seat, which the council decides", amount=amount, units=units)
    if need.kind == "held":
        if conditions:
            return msg(
                "{amount}, to meet the conditions and pass {units}, for whom a seat is held until the council decides a tie"
                " for a higher tier",
                amount=amount,
                units=units,
            )
        return msg(
            "{amount} to pass {units}, for whom a seat is held until the council decides a tie for a higher tier",
            amount=amount,
            units=units,
        )
    if conditions:
        return msg("{amount}, to meet the conditions and pass {unit}, the last to take a seat", amount=amount, unit=units)
    return msg("{amount} to pass {unit}, the last to take a seat", amount=amount, unit=units)


def _units(units: a.Units) -> Listing | Msg:
    """Units a reason names: each of them, or, when they are too many to name each time, how many (the seats name them)."""
    if isinstance(units, a.Many):
        return msg("{count} units (named in the award's seats)", count=units.count)
    return _named(units)


def _named(units: tuple[str, ...]) -> Listing:
    return Listing(tuple(UnitRef(u) for u in units))


def _or_no_value(value: object) -> object:
    return msg("no value") if value is None else value


def _either(labels: tuple[str, ...]) -> Listing:
    """'A or B': the bands a tier accepts."""
    return Listing(labels, msg(" or "))


_SHARE_OF = {
    "units": msg("units"),
    "candidates": msg("candidates"),
    "eligible": msg("eligible"),
    "clusters": msg("clusters"),
}
_ROUNDED = {"down": msg("rounded down"), "up": msg("rounded up"), "half_up": msg("rounded half up")}
