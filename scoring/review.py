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

from scoring.awards import Proposal, award_stats, unmet_conditions
from scoring.criteria import Award, Criteria
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import SetPoints
from scoring.formula import show
from scoring.numbers import plain, quantize
from scoring.rank import Standing
from scoring.schema import ReviewSpec, validate
from scoring.submissions import Reported, Submission, convert
from scoring.wording import words
from scoring.yamlio import Document, Path_, load

NONE = "none"


@dataclass(frozen=True)
class Review:
    spec: ReviewSpec
    doc: Document

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.doc.raw).hexdigest()


@dataclass(frozen=True)
class Breach:
    """A rule the council's decisions break, and the acknowledgement that accepts it (if any)."""

    rule: str  # quota | eligibility | vote | same_person
    award: str | None
    unit: str | None
    message: str
    acknowledged: str | None  # the reason given in the review file
    where: Path_  # the review file's entry the breach comes from


@dataclass(frozen=True)
class Decided:
    review: Review
    proposal: Proposal
    final: Mapping[str, tuple[str, ...]]  # unit → the awards the council gives it, in the file's order
    reasons: Mapping[tuple[str, str], str]  # (unit, award) → the override's reason
    breaches: tuple[Breach, ...]


def load_review(path: Path, criteria: Criteria) -> Review:
    """The review file, with every reference checked against the round."""
    doc = load(path)
    spec = validate(ReviewSpec, doc)
    problems: list[Problem] = []

    def problem(where: Path_, message: str) -> None:
        problems.append(doc.problem(where, message))

    if spec.round != criteria.id:
        problem(("round",), f"round: this review is for round '{spec.round}', but the criteria are for round '{criteria.id}'")
    units = criteria.unit_ids
    awards = {a.id for a in criteria.awards}
    lines = {c.id: c for c in criteria.criteria}
    for i, c in enumerate(spec.corrections):
        at: Path_ = ("corrections", i)
        if c.unit not in units:
            problem((*at, "unit"), f"corrections[{i}].unit: unit '{c.unit}' is not in the round")
        if (c.indicator is None) == (c.criterion is None):
            problem(at, f"corrections[{i}]: correct either an indicator (indicator, value) or a criterion (criterion, points)")
        elif c.indicator is not None:
            try:
                if convert(criteria, c.indicator, c.value) is None:
                    problem((*at, "value"), f"corrections[{i}].value: give the corrected value")
            except ValueError as e:
                problem((*at, "value" if c.indicator in criteria.indicators else "indicator"), f"corrections[{i}]: {e}")
        elif c.criterion not in lines:
            problem((*at, "criterion"), f"corrections[{i}].criterion: criterion '{c.criterion}' does not exist")
        elif c.points is None or not 0 <= c.points <= lines[c.criterion].max:
            maximum = plain(lines[c.criterion].max)
            problem((*at, "points"), f"corrections[{i}].points: give the points the council sets, from 0 to {maximum}")
        elif c.points != quantize(c.points, criteria.places, "down"):
            problem((*at, "points"), f"corrections[{i}].points: {plain(c.points)} has more decimal places than the round keeps")
    for i, d in enumerate(spec.decisions):
        at = ("decisions", i)
        if d.unit not in units:
            problem((*at, "unit"), f"decisions[{i}].unit: unit '{d.unit}' is not in the round")
        if d.award != NONE and d.award not in awards:
            problem((*at, "award"), f"decisions[{i}].award: '{d.award}' is not an award of the round (or write none)")
        if d.decision == "override" and not d.reason:
            problem(at, f"decisions[{i}]: an override needs its reason")
    _once(doc, problems, "corrections", [(c.unit, c.indicator or c.criterion) for c in spec.corrections], "correction of")
    _once(doc, problems, "ballots", [(b.award, b.unit) for b in spec.ballots], "ballot for")
    decided: dict[str, list[int]] = {}
    for i, d in enumerate(spec.decisions):
        decided.setdefault(d.unit, []).append(i)
    for unit, indexes in decided.items():
        awards_given = [spec.decisions[i].award for i in indexes]
        if len(indexes) > 1 and (NONE in awards_given or len(set(awards_given)) < len(awards_given)):
            first = doc.where(("decisions", indexes[0])).line
            problem(("decisions", indexes[1]), f"decisions[{indexes[1]}]: contradicts the decision for {unit} on line {first}")
    for i, b in enumerate(spec.ballots):
        at = ("ballots", i)
        if b.award not in awards:
            problem((*at, "award"), f"ballots[{i}].award: '{b.award}' is not an award of the round")
        if b.unit not in units:
            problem((*at, "unit"), f"ballots[{i}].unit: unit '{b.unit}' is not in the round")
        if b.in_favour + b.against + b.abstain > b.voters:
            problem(at, f"ballots[{i}]: {b.in_favour} + {b.against} + {b.abstain} votes are more than the {b.voters} voters")
    if problems:
        raise InvalidInput(problems)
    return Review(spec, doc)


def _once(doc: Document, problems: list[Problem], section: str, keys: Sequence[tuple[str, str | None]], what: str) -> None:
    """The same thing given twice is refused: which one holds would be a guess."""
    seen: dict[tuple[str, str | None], int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            first = doc.where((section, seen[key])).line
            shown = " / ".join(k for k in key if k)
            problems.append(doc.problem((section, i), f"{section}[{i}]: a second {what} {shown} (the first is on line {first})"))
        else:
            seen[key] = i


def corrected(criteria: Criteria, submissions: Sequence[Submission], review: Review) -> tuple[Submission, ...]:
    """The submissions with the council's corrected indicator values, each saying what it replaced."""
    changes: dict[str, dict[str, Reported]] = {}
    for i, c in enumerate(review.spec.corrections):
        if c.indicator is None:
            continue
        value = convert(criteria, c.indicator, c.value)
        assert value is not None, "checked by load_review"
        before = next(s for s in submissions if s.unit == c.unit).values.get(c.indicator)
        was = "no value" if before is None else show(before.value)
        note = f"corrected by the council: from {was} to {show(value)}, reason: {c.reason}"
        if c.explanation:
            note += f"; the unit's explanation: {c.explanation}"
        source = f"{review.doc.file}:{review.doc.where(('corrections', i)).line}"
        changes.setdefault(c.unit, {})[c.indicator] = Reported(value, c.evidence, source, None, note)
    return tuple(replace(s, values={**s.values, **changes[s.unit]}) if s.unit in changes else s for s in submissions)


def set_points(review: Review) -> SetPoints:
    """The criterion points the council set, with their reasons, for `evaluate`."""
    result: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for c in review.spec.corrections:
        if c.criterion is not None and c.points is not None:
            reason = c.reason + (f"; the unit's explanation: {c.explanation}" if c.explanation else "")
            result[(c.unit, c.criterion)] = (c.points, reason)
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
            was = ", ".join(proposed[d.unit]) or NONE
            message = f"decisions[{i}]: confirms {d.award} for {d.unit}, but the proposal is {was}"
            problems.append(review.doc.problem(("decisions", i, "award"), message))
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
            review.doc.problem(
                b.where, f"{b.message} (acknowledge it under 'acknowledged' with a reason if the council so decided)"
            )
            for b in unacknowledged
        ]
        raise InvalidInput(located + stale)
    return Decided(review, proposal, final, reasons, tuple(breaches))


def _breaches(review: Review, proposal: Proposal, final: Mapping[str, tuple[str, ...]]) -> list[Breach]:
    spec = review.spec
    criteria = proposal.results.criteria
    found: list[tuple[str, str | None, str | None, str, Path_]] = []
    decision_at = {(d.unit, d.award): ("decisions", i) for i, d in enumerate(spec.decisions)}

    def where(unit: str, award: str) -> Path_:
        return decision_at.get((unit, award), ("decisions",) if spec.decisions else ())

    same = " ".join(spec.reviewed_by.split()).casefold() == " ".join(spec.approved_by.split()).casefold()
    if same:
        message = f"the same person reviewed and approved ({spec.approved_by}); two people must finalize"
        found.append(("same_person", None, None, message, ("approved_by",)))
    standings = {o.standing.unit: o.standing for o in proposal.outcomes}
    stats = award_stats(proposal.results)
    by_id = {a.id: a for a in criteria.awards}
    for seats in proposal.seats:
        award = seats.award
        members = [u for u in standings if award.scope == "round" or standings[u].card.unit.cluster == seats.scope]
        holders = [u for u in members if award.id in final[u]]
        if len(holders) > seats.quota:
            scope = "" if award.scope == "round" else f" in cluster {seats.scope}"
            first = next((u for u in holders if award.id not in _proposed(proposal, u)), holders[-1])
            message = f"{award.label}: {len(holders)} units{scope} ({', '.join(holders)}) exceed the quota of {seats.quota}"
            found.append(("quota", award.id, None, message, where(first, award.id)))
    for unit, tiers in final.items():
        standing = standings[unit]
        for award_id in tiers:
            award = by_id[award_id]
            if award_id not in _proposed(proposal, unit) and unit not in _council(proposal, award_id):
                failed = _ineligible(criteria, stats, award, standing, final)
                if failed:
                    message = f"{unit} is not eligible for {award.label}: {words(failed)}"  # awards reasons: typed by the lead
                    found.append(("eligibility", award_id, unit, message, where(unit, award_id)))
            if award.vote is not None:
                vote = _vote(spec, award, unit)
                if vote is not None:
                    found.append(("vote", award_id, unit, vote, where(unit, award_id)))
    acks = spec.acknowledged
    result = []
    for rule, award_of, unit_of, message, at in found:
        ack = next(
            (
                a
                for a in acks
                if a.rule == rule and a.award in (None, award_of) and (rule == "quota" or a.unit in (None, unit_of))
            ),
            None,
        )
        result.append(Breach(rule, award_of, unit_of, message, None if ack is None else ack.reason, at))
    return result


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
) -> list[object]:
    position = standing.cluster_rank if award.scope == "cluster" else standing.rank
    failed: list[object] = list(unmet_conditions(criteria, stats, award, standing, position)[0])
    tiers = final[standing.unit]
    if award.among is not None and award.among not in tiers:
        failed.append(f"it does not hold {award.among}, among whose holders this award is given")
    order = [a.id for a in criteria.awards]
    for other in tiers:
        earlier = next(a for a in criteria.awards if a.id == other)
        if order.index(other) < order.index(award.id) and not earlier.also_lower and award.among is None:
            failed.append(f"it also holds {earlier.label}, and one tier per unit is the rule")
    return failed


def _vote(spec: ReviewSpec, award: Award, unit: str) -> str | None:
    """Why the ballot does not carry the award for the unit (None when it does)."""
    assert award.vote is not None
    threshold = plain((award.vote * 100).normalize())
    ballot = next((b for b in spec.ballots if b.award == award.id and b.unit == unit), None)
    if ballot is None:
        return f"{award.label} for {unit}: no ballot is recorded; the award needs {threshold}% in favour"
    if Decimal(ballot.in_favour) < award.vote * ballot.voters:
        share = plain((Decimal(ballot.in_favour * 100) / ballot.voters).quantize(Decimal("0.1")))
        return (
            f"{award.label} for {unit}: {ballot.in_favour} of {ballot.voters} voters in favour ({share}%)"
            f" is under the threshold of {threshold}%"
        )
    return None


def _stale_acknowledgements(review: Review, breaches: Sequence[Breach]) -> list[Problem]:
    """An acknowledgement that matches no breach is an error: it would hide a future one."""
    problems = []
    for i, a in enumerate(review.spec.acknowledged):
        matched = (
            b.rule == a.rule and a.award in (None, b.award) and (b.rule == "quota" or a.unit in (None, b.unit)) for b in breaches
        )
        if not any(matched):
            problems.append(
                review.doc.problem(("acknowledged", i), f"acknowledged[{i}]: no {a.rule} rule is broken here; remove it")
            )
    return problems
