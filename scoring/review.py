"""The council's review (thẩm định, xét duyệt): corrections, decisions and ballots, checked against the rules.

`load_review` reads the secretary's review file; `corrected` applies the
corrected indicator values to the submissions and `set_points` gives the
criterion points the council set; `decide` checks the council's decisions
against the rules and the proposal. A rule broken without an acknowledgement
(with its reason) in the review file is an error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from scoring.awards import Proposal, award_stats, unmet_conditions
from scoring.criteria import Award, Criteria
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import SetPoints
from scoring.numbers import quantize
from scoring.rank import Standing
from scoring.schema import ReviewSpec, dotted, validate
from scoring.submissions import Reported, Submission, convert, needs_evidence
from scoring.wording import Listing, Msg, Percent, msg
from scoring.yamlio import Document, Path_, load

NONE = "none"

Rule = Literal["quota", "eligibility", "vote", "same_person"]


@dataclass(frozen=True)
class Review:
    spec: ReviewSpec
    doc: Document

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.doc.raw).hexdigest()


# The rules a council's decisions can break, each a fact worded by `breach_message`.


@dataclass(frozen=True)
class SamePerson:
    """One person reviewed (thẩm định) and approved (phê duyệt): two must finalize."""

    name: str  # as the review file writes the approver


@dataclass(frozen=True)
class OverQuota:
    """More units hold an award than it has seats (chỉ tiêu khen thưởng)."""

    award: str  # the award's label
    holders: tuple[str, ...]  # the units the council gives it, in the proposal's order
    quota: int
    cluster: str | None  # the cluster whose seats these are; None for an award of the whole round


@dataclass(frozen=True)
class Ineligible:
    """The council gives an award to a unit that does not meet its conditions."""

    unit: str
    award: str  # the award's label
    unmet: tuple[object, ...]  # the conditions it fails: the award's typed reasons, and the review's own


@dataclass(frozen=True)
class NoBallot:
    """An award that needs a vote, given without a ballot on record."""

    award: str  # the award's label
    unit: str
    threshold: Decimal  # the share of voters in favour the award needs


@dataclass(frozen=True)
class VoteShort:
    """A ballot under the award's threshold (tỷ lệ phiếu tán thành)."""

    award: str  # the award's label
    unit: str
    in_favour: int
    voters: int
    threshold: Decimal  # the share of voters in favour the award needs


BreachFact = SamePerson | OverQuota | Ineligible | NoBallot | VoteShort

_SHARE_PLACES = Decimal("0.1")


def breach_message(fact: BreachFact) -> Msg:
    if isinstance(fact, SamePerson):
        return msg("the same person reviewed and approved ({name}); two people must finalize", name=fact.name)
    if isinstance(fact, OverQuota):
        units = Listing(fact.holders)
        if fact.cluster is None:
            return msg(
                "{award}: {count} units ({units}) exceed the quota of {quota}",
                award=fact.award,
                count=len(fact.holders),
                units=units,
                quota=fact.quota,
            )
        return msg(
            "{award}: {count} units in cluster {cluster} ({units}) exceed the quota of {quota}",
            award=fact.award,
            count=len(fact.holders),
            cluster=fact.cluster,
            units=units,
            quota=fact.quota,
        )
    if isinstance(fact, Ineligible):
        return msg(
            "{unit} is not eligible for {award}: {unmet}", unit=fact.unit, award=fact.award, unmet=Listing(fact.unmet, "; ")
        )
    if isinstance(fact, NoBallot):
        return msg(
            "{award} for {unit}: no ballot is recorded; the award needs {threshold} in favour",
            award=fact.award,
            unit=fact.unit,
            threshold=Percent(fact.threshold),
        )
    share = (Decimal(fact.in_favour * 100) / fact.voters).quantize(_SHARE_PLACES)  # half-even, as the minutes round it
    return msg(
        "{award} for {unit}: {in_favour} of {voters} voters in favour ({share}%) is under the threshold of {threshold}",
        award=fact.award,
        unit=fact.unit,
        in_favour=fact.in_favour,
        voters=fact.voters,
        share=share,
        threshold=Percent(fact.threshold),
    )


@dataclass(frozen=True)
class Breach:
    """A rule the council's decisions break, and the acknowledgement that accepts it (if any)."""

    award: str | None
    unit: str | None
    fact: BreachFact
    acknowledged: str | None  # the reason given in the review file
    where: Path_  # the review file's entry the breach comes from

    @property
    def rule(self) -> Rule:
        if isinstance(self.fact, SamePerson):
            return "same_person"
        if isinstance(self.fact, OverQuota):
            return "quota"
        return "eligibility" if isinstance(self.fact, Ineligible) else "vote"

    @property
    def message(self) -> Msg:
        return breach_message(self.fact)


@dataclass(frozen=True)
class Decided:
    review: Review
    proposal: Proposal
    final: Mapping[str, tuple[str, ...]]  # unit → the awards the council gives it, in the file's order
    reasons: Mapping[tuple[str, str], str]  # (unit, award) → the override's reason
    breaches: tuple[Breach, ...]


# What the council corrected, as facts: `corrected` and `set_points` hand them on worded in English for now, since the
# scorecards carry them as text (Reported.correction, SetPoints) and the record keeps that text as data.


@dataclass(frozen=True)
class Correction:
    """An indicator value the council corrected after cross-checking (kiểm tra chéo)."""

    before: Decimal | bool | None  # None: the unit gave no value
    after: Decimal | bool
    reason: str
    explanation: str | None  # the unit's giải trình

    def message(self) -> Msg:
        before = msg("no value") if self.before is None else self.before
        if self.explanation:
            return msg(
                "corrected by the council: from {before} to {after}, reason: {reason}; the unit's explanation: {explanation}",
                before=before,
                after=self.after,
                reason=self.reason,
                explanation=self.explanation,
            )
        return msg(
            "corrected by the council: from {before} to {after}, reason: {reason}",
            before=before,
            after=self.after,
            reason=self.reason,
        )


@dataclass(frozen=True)
class PointsSet:
    """A criterion's points the council set (Hội đồng chấm lại), and why."""

    points: Decimal
    reason: str
    explanation: str | None  # the unit's giải trình

    def grounds(self) -> Msg | str:
        if self.explanation:
            return msg("{reason}; the unit's explanation: {explanation}", reason=self.reason, explanation=self.explanation)
        return self.reason


def _at(doc: Document, where: Path_, message: Msg) -> Problem:
    pos = doc.where(where)
    return Problem(doc.file, pos.line, pos.col, message)


def _field(doc: Document, where: Path_, message: Msg | str, field: Path_ | None = None) -> Problem:
    """A problem with an entry of the review file, named by its key path (`field`, when it is not where it points)."""
    return _at(doc, where, msg("{field}: {problem}", field=dotted(where if field is None else field), problem=message))


def _why(e: ValueError) -> Msg | str:
    """What `convert` found wrong with a value: its message, unworded when it is one."""
    return e.args[0] if e.args and isinstance(e.args[0], Msg) else str(e)


def load_review(path: Path, criteria: Criteria) -> Review:
    """The review file, with every reference checked against the round."""
    doc = load(path)
    spec = validate(ReviewSpec, doc)
    problems: list[Problem] = []

    def problem(where: Path_, message: Msg | str, field: Path_ | None = None) -> None:
        problems.append(_field(doc, where, message, field))

    if spec.round != criteria.id:
        message = msg(
            "this review is for round '{review_round}', but the criteria are for round '{criteria_round}'",
            review_round=spec.round,
            criteria_round=criteria.id,
        )
        problem(("round",), message)
    units = criteria.unit_ids
    awards = {a.id for a in criteria.awards}
    lines = {c.id: c for c in criteria.criteria}
    for i, c in enumerate(spec.corrections):
        at: Path_ = ("corrections", i)
        if c.unit not in units:
            problem((*at, "unit"), msg("unit '{unit}' is not in the round", unit=c.unit))
        indicator, criterion = c.indicator is not None, c.criterion is not None
        if indicator == criterion or (indicator and c.points is not None) or (criterion and c.value is not None):
            problem(at, msg("correct either an indicator (indicator, value) or a criterion (criterion, points)"))
        elif c.indicator is not None:
            try:
                if convert(criteria, c.indicator, c.value) is None:
                    problem((*at, "value"), msg("give the corrected value"))
                elif needs_evidence(criteria, c.indicator, c.evidence):
                    required = msg(
                        "the criteria require evidence (document, number, date of issue) for {indicator}:"
                        " give the correction's evidence",
                        indicator=c.indicator,
                    )
                    problem(at, required)
            except ValueError as e:
                problem((*at, "value" if c.indicator in criteria.indicators else "indicator"), _why(e), at)
        elif c.criterion not in lines:
            problem((*at, "criterion"), msg("criterion '{criterion}' does not exist", criterion=c.criterion))
        elif c.points is None or not lines[c.criterion].least <= c.points <= lines[c.criterion].max:
            least, maximum = lines[c.criterion].least, lines[c.criterion].max
            message = (
                msg("give the points the council sets, from {least} to {maximum}", least=least, maximum=maximum)
                if least < 0
                else msg("give the points the council sets, from 0 to {maximum}", maximum=maximum)
            )
            problem((*at, "points"), message)
        elif c.points != quantize(c.points, criteria.places, "down"):
            problem((*at, "points"), msg("{points} has more decimal places than the round keeps", points=c.points))
    for i, d in enumerate(spec.decisions):
        at = ("decisions", i)
        if d.unit not in units:
            problem((*at, "unit"), msg("unit '{unit}' is not in the round", unit=d.unit))
        if d.award != NONE and d.award not in awards:
            problem((*at, "award"), msg("'{award}' is not an award of the round (or write none)", award=d.award))
        if d.decision == "override" and not d.reason:
            problem(at, msg("an override needs its reason"))
    keys = [(c.unit, c.indicator or c.criterion or "") for c in spec.corrections]
    for i, first, key in _twice(doc, "corrections", keys):
        problem(("corrections", i), msg("a second correction of {key} (the first is on line {line})", key=key, line=first))
    for i, first, key in _twice(doc, "ballots", [(b.award, b.unit) for b in spec.ballots]):
        problem(("ballots", i), msg("a second ballot for {key} (the first is on line {line})", key=key, line=first))
    decided: dict[str, list[int]] = {}
    for i, d in enumerate(spec.decisions):
        decided.setdefault(d.unit, []).append(i)
    for unit, indexes in decided.items():
        awards_given = [spec.decisions[i].award for i in indexes]
        if len(indexes) > 1 and (NONE in awards_given or len(set(awards_given)) < len(awards_given)):
            first = doc.where(("decisions", indexes[0])).line
            problem(("decisions", indexes[1]), msg("contradicts the decision for {unit} on line {line}", unit=unit, line=first))
    for i, b in enumerate(spec.ballots):
        at = ("ballots", i)
        if b.award not in awards:
            problem((*at, "award"), msg("'{award}' is not an award of the round", award=b.award))
        if b.unit not in units:
            problem((*at, "unit"), msg("unit '{unit}' is not in the round", unit=b.unit))
        if b.in_favour + b.against + b.abstain > b.voters:
            message = msg(
                "{in_favour} + {against} + {abstain} votes are more than the {voters} voters",
                in_favour=b.in_favour,
                against=b.against,
                abstain=b.abstain,
                voters=b.voters,
            )
            problem(at, message)
    if problems:
        raise InvalidInput(problems)
    return Review(spec, doc)


def _twice(doc: Document, section: str, keys: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """The same thing given twice is refused, as it would be a guess which one holds: (index, line of the first, key)."""
    seen: dict[tuple[str, str], int] = {}
    found = []
    for i, key in enumerate(keys):
        if key in seen:
            found.append((i, doc.where((section, seen[key])).line, " / ".join(k for k in key if k)))
        else:
            seen[key] = i
    return found


def corrected(criteria: Criteria, submissions: Sequence[Submission], review: Review) -> tuple[Submission, ...]:
    """The submissions with the council's corrected indicator values, each saying what it replaced."""
    changes: dict[str, dict[str, Reported]] = {}
    for i, c in enumerate(review.spec.corrections):
        if c.indicator is None:
            continue
        value = convert(criteria, c.indicator, c.value)
        assert value is not None, "checked by load_review"
        before = next(s for s in submissions if s.unit == c.unit).values.get(c.indicator)
        fact = Correction(None if before is None else before.value, value, c.reason, c.explanation)
        source = f"{review.doc.file}:{review.doc.where(('corrections', i)).line}"
        answer = c.value.strip() if isinstance(c.value, str) and criteria.indicators[c.indicator].type == "choice" else None
        changes.setdefault(c.unit, {})[c.indicator] = Reported(value, c.evidence, source, answer, fact.message())
    return tuple(replace(s, values={**s.values, **changes[s.unit]}) if s.unit in changes else s for s in submissions)


def set_points(review: Review) -> SetPoints:
    """The criterion points the council set, with their reasons, for `evaluate`."""
    result: dict[tuple[str, str], tuple[Decimal, Msg | str]] = {}
    for c in review.spec.corrections:
        if c.criterion is not None and c.points is not None:
            fact = PointsSet(c.points, c.reason, c.explanation)
            result[(c.unit, c.criterion)] = (c.points, fact.grounds())
    return result


def decide(review: Review, proposal: Proposal) -> Decided:
    """The council's final tiers, checked: quota, eligibility, votes, and two different people to finalize."""
    spec = review.spec
    criteria = proposal.results.criteria
    problems: list[Problem] = []
    proposed = {o.standing.unit: tuple(a.id for a, _ in o.proposed) for o in proposal.outcomes}
    decided: dict[str, list[str]] = {}
    reasons: dict[tuple[str, str], str] = {}
    for i, d in enumerate(spec.decisions):
        confirmed = d.award in proposed[d.unit] or (d.award == NONE and not proposed[d.unit])
        if d.decision == "confirm" and not confirmed:
            message = msg(
                "confirms {award} for {unit}, but the proposal is {proposed}",
                award=d.award,
                unit=d.unit,
                proposed=Listing(proposed[d.unit]) if proposed[d.unit] else msg("no award"),
            )
            problems.append(_field(review.doc, ("decisions", i, "award"), message, ("decisions", i)))
        tiers = decided.setdefault(d.unit, [])
        if d.award != NONE:
            tiers.append(d.award)
            if d.reason:
                reasons[(d.unit, d.award)] = d.reason
        elif d.reason:
            reasons[(d.unit, NONE)] = d.reason
    if problems:
        raise InvalidInput(problems)
    order = [a.id for a in criteria.awards]
    final = {
        unit: tuple(sorted(set(decided[unit]), key=order.index)) if unit in decided else tiers for unit, tiers in proposed.items()
    }
    breaches = _breaches(review, proposal, final)
    unacknowledged = [b for b in breaches if b.acknowledged is None]
    stale = _stale_acknowledgements(review, breaches)
    if unacknowledged or stale:
        located = [
            _at(
                review.doc,
                b.where,
                msg("{breach} (acknowledge it under 'acknowledged' with a reason if the council so decided)", breach=b.message),
            )
            for b in unacknowledged
        ]
        raise InvalidInput(located + stale)
    return Decided(review, proposal, final, reasons, tuple(breaches))


def _breaches(review: Review, proposal: Proposal, final: Mapping[str, tuple[str, ...]]) -> list[Breach]:
    spec = review.spec
    criteria = proposal.results.criteria
    found: list[tuple[str | None, str | None, BreachFact, Path_]] = []
    decision_at = {(d.unit, d.award): ("decisions", i) for i, d in enumerate(spec.decisions)}

    def where(unit: str, award: str) -> Path_:
        return decision_at.get((unit, award), ("decisions",) if spec.decisions else ())

    same = " ".join(spec.reviewed_by.split()).casefold() == " ".join(spec.approved_by.split()).casefold()
    if same:
        found.append((None, None, SamePerson(spec.approved_by), ("approved_by",)))
    standings = {o.standing.unit: o.standing for o in proposal.outcomes}
    stats = award_stats(proposal.results)
    by_id = {a.id: a for a in criteria.awards}
    for seats in proposal.seats:
        award = seats.award
        members = [u for u in standings if award.scope == "round" or standings[u].card.unit.cluster == seats.scope]
        holders = [u for u in members if award.id in final[u]]
        if len(holders) > seats.quota:
            cluster = None if award.scope == "round" else seats.scope
            first = next((u for u in holders if award.id not in _proposed(proposal, u)), holders[-1])
            found.append((award.id, None, OverQuota(award.label, tuple(holders), seats.quota, cluster), where(first, award.id)))
    for unit, tiers in final.items():
        standing = standings[unit]
        for award_id in tiers:
            award = by_id[award_id]
            if award_id not in _proposed(proposal, unit) and unit not in _council(proposal, award_id):
                failed = _ineligible(criteria, stats, award, standing, final, proposal.place(unit, award))
                if failed:
                    found.append((award_id, unit, Ineligible(unit, award.label, tuple(failed)), where(unit, award_id)))
            if award.vote is not None:
                vote = _vote(spec, award, unit)
                if vote is not None:
                    found.append((award_id, unit, vote, where(unit, award_id)))
    result = []
    for award_of, unit_of, fact, at in found:
        breach = Breach(award_of, unit_of, fact, None, at)
        ack = next((a for a in spec.acknowledged if _covers(a.rule, a.award, a.unit, breach)), None)
        result.append(breach if ack is None else replace(breach, acknowledged=ack.reason))
    return result


def _covers(rule: Rule, award: str | None, unit: str | None, breach: Breach) -> bool:
    """Whether an acknowledgement (its rule, and the award and unit it names, if any) accepts the breach."""
    return breach.rule == rule and award in (None, breach.award) and (rule == "quota" or unit in (None, breach.unit))


def _proposed(proposal: Proposal, unit: str) -> set[str]:
    return {a.id for a, _ in proposal.outcome(unit).proposed}


def _council(proposal: Proposal, award_id: str) -> set[str]:
    return {u for s in proposal.seats if s.award.id == award_id for u in s.for_council}


def _ineligible(
    criteria: Criteria,
    stats: Mapping[tuple[str, str], Decimal],
    award: Award,
    standing: Standing,
    final: Mapping[str, tuple[str, ...]],
    position: int,  # its place where the award's seats are given, by the award's measure
) -> list[object]:
    unmet, _, _ = unmet_conditions(criteria, stats, award, standing, position)
    failed: list[object] = list(unmet)  # the award's own reasons, typed; worded where shown
    tiers = final[standing.unit]
    if award.among is not None and award.among not in tiers:
        failed.append(msg("it does not hold {among}, among whose holders this award is given", among=award.among))
    order = [a.id for a in criteria.awards]
    for other in tiers:
        earlier = next(a for a in criteria.awards if a.id == other)
        if order.index(other) < order.index(award.id) and not earlier.also_lower and award.among is None:
            failed.append(msg("it also holds {award}, and one tier per unit is the rule", award=earlier.label))
    return failed


def _vote(spec: ReviewSpec, award: Award, unit: str) -> NoBallot | VoteShort | None:
    """Why the ballot does not carry the award for the unit (None when it does)."""
    assert award.vote is not None
    ballot = next((b for b in spec.ballots if b.award == award.id and b.unit == unit), None)
    if ballot is None:
        return NoBallot(award.label, unit, award.vote)
    if Decimal(ballot.in_favour) < award.vote * ballot.voters:
        return VoteShort(award.label, unit, ballot.in_favour, ballot.voters, award.vote)
    return None


def _stale_acknowledgements(review: Review, breaches: Sequence[Breach]) -> list[Problem]:
    """An acknowledgement that matches no breach is an error: it would hide a future one."""
    problems = []
    for i, a in enumerate(review.spec.acknowledged):
        if not any(_covers(a.rule, a.award, a.unit, b) for b in breaches):
            problems.append(_field(review.doc, ("acknowledged", i), msg("no {rule} rule is broken here; remove it", rule=a.rule)))
    return problems
