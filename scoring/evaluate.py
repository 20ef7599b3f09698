"""evaluate(criteria, submissions) → Results: every unit's scorecard, every point traced.

Pure: no I/O, no printing. Two passes: the round's statistics first (the best
value, the leader's ratio), then each unit against them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from scoring import methods
from scoring.criteria import (
    Adjustment,
    ClassificationBand,
    Criteria,
    Criterion,
    Disqualifier,
    Group,
    Rule,
    Unit,
)
from scoring.errors import InvalidInput, Problem
from scoring.formula import Formula, FormulaFault, MissingValue, Value, answer_key, caret, points_key
from scoring.grades import NO_GRADES, GradedFacts, Grades, GradesShort, NoGrades, graded, short_problem
from scoring.lineage import Carried, Formed
from scoring.numbers import CONTEXT, quantize
from scoring.sources import Fed, FromRound, NotInSource
from scoring.submissions import Progress, Submission
from scoring.wording import Msg, msg

ZERO = Decimal(0)
NO_BAND = "—"  # a table's band column, for a round without classification bands


# Why a name has no value for a unit.
@dataclass(frozen=True)
class NotReported:
    """The unit did not report it, and the criteria give no default."""


@dataclass(frozen=True)
class LeftEmpty:
    """The unit wrote the indicator but left its value empty."""

    line: int


@dataclass(frozen=True)
class NeedsValue:
    """A derived value whose formula reads a name that has no value."""

    name: str
    why: LeftEmpty | WithoutEvidence | None  # the name was left empty, or given without evidence; None: it has no value


@dataclass(frozen=True)
class NotComputed:
    """Its formula failed; that failure is reported where it happened, and what reads it stays quiet."""


@dataclass(frozen=True)
class NoValue:
    """No value, with nothing more to say (a previous-round value not carried)."""


@dataclass(frozen=True)
class WithoutEvidence:
    """Reported without the evidence (căn cứ) its indicator requires, and the criteria say: no points
    (if_no_evidence: no_points). Whatever reads it scores no points, whatever its own if_missing."""

    source: Msg | str  # where the value was written


Absence = NotReported | LeftEmpty | NeedsValue | NotComputed | NoValue | WithoutEvidence | NotInSource


# A line's intermediate values, by method.
@dataclass(frozen=True)
class TargetFacts:
    target: Decimal
    ratio: Decimal  # actual / target
    leader: Decimal | None  # the leader's ratio, shown when the unit is above its target


@dataclass(frozen=True)
class RelativeFacts:
    best: Decimal  # the best value in the round


@dataclass(frozen=True)
class BandFacts:
    start: Decimal  # the `from` of the band reached


@dataclass(frozen=True)
class TableFacts:
    """The row of the table (bảng quy đổi) that applied: its place (from 1), and its answer or its range."""

    row: int
    answer: str | None  # a choice's answer
    start: Decimal | None  # a range's ends, both included; end None: open-ended
    end: Decimal | None


Facts = TargetFacts | RelativeFacts | BandFacts | GradedFacts | TableFacts


# Notes on a line: what a person needs to follow its points.
@dataclass(frozen=True)
class CappedAt:
    """An adjustment held at its cap."""

    cap: Decimal


@dataclass(frozen=True)
class NoPoints:
    """No value, and the rule says a missing value scores no points (if_missing: no_points)."""

    name: str
    why: Absence | None  # None on adjustments, which do not say why


@dataclass(frozen=True)
class BestIsZero:
    """The best value in the round is 0: no unit gets points on a relative line."""


@dataclass(frozen=True)
class BelowFirstBand:
    pass


@dataclass(frozen=True)
class SetByCouncil:
    """The council set the line's points after cross-checking."""

    before: Decimal
    after: Decimal
    reason: Msg | str


Note = methods.Capped | methods.Clipped | CappedAt | NoPoints | BestIsZero | BelowFirstBand | SetByCouncil | NoGrades


class Line(NamedTuple):
    """One criterion's points for one unit, with what a person needs to check them."""

    criterion: Criterion
    points: Decimal
    raw: Decimal  # before the round's rounding
    facts: Facts | None  # intermediate values: target, ratio, leader, best, band
    notes: tuple[Note, ...]


class AdjustmentLine(NamedTuple):
    adjustment: Adjustment
    points: Decimal  # deductions negative
    raw: Decimal
    notes: tuple[Note, ...]


class GroupScore(NamedTuple):
    group: Group
    points: Decimal


# Why a unit did not reach a classification band.
@dataclass(frozen=True)
class Blocked:
    """A disqualifier (điều kiện loại trừ) the unit met blocks the band."""

    disqualifier: str
    label: str


@dataclass(frozen=True)
class BelowTotal:
    total: Decimal
    minimum: Decimal


@dataclass(frozen=True)
class FloorMiss:
    criterion: str
    points: Decimal
    max: Decimal


@dataclass(frozen=True)
class UnderFloor:
    """Some criteria scored under the band's floor: a share of each criterion's maximum."""

    floor: Decimal
    lines: tuple[FloorMiss, ...]


@dataclass(frozen=True)
class GroupMiss:
    group: str
    points: Decimal
    max: Decimal
    floor: Decimal  # the share of the group's max it must reach
    needed: Decimal  # floor × max


@dataclass(frozen=True)
class GroupUnderFloor:
    """Some groups scored under their floor: a share of the group's maximum (group_floor)."""

    groups: tuple[GroupMiss, ...]


@dataclass(frozen=True)
class ZeroIn:
    """Criteria of groups where none may score 0 scored 0 (no_zero)."""

    groups: tuple[str, ...]  # the groups the rule covers
    criteria: tuple[str, ...]  # the criteria at 0


HeldBack = Blocked | BelowTotal | UnderFloor | GroupUnderFloor | ZeroIn


@dataclass(frozen=True)
class Scorecard:
    """Phiếu chấm điểm: a unit's points, line by line, and how they were reached."""

    unit: Unit
    submission: Submission
    values: Mapping[str, Value]  # indicators (reported or default) and derived values
    absent: Mapping[str, Absence]  # names with no value, and why
    lines: tuple[Line, ...]
    groups: tuple[GroupScore, ...]
    adjustments: tuple[AdjustmentLine, ...]
    disqualified: tuple[Disqualifier, ...]
    total: Decimal
    classification: ClassificationBand | None  # None: the round has no bands
    held_back: tuple[tuple[ClassificationBand, HeldBack], ...]  # higher bands, and what kept the unit from each

    def values_for(self, formula: Formula) -> Mapping[str, Value]:
        """The values `formula` reads: the unit's, and its lines' points when it reads them (points("I.2"))."""
        return {**self.values, **part_points(self.lines, self.groups)} if formula.parts else self.values

    @property
    def self_score_difference(self) -> Decimal | None:
        """Computed total minus the unit's own score: negative when the unit scored itself higher."""
        own = self.submission.self_score
        return None if own is None else CONTEXT.subtract(self.total, own)


@dataclass(frozen=True)
class Cohort:
    """The round's statistics that scores depend on."""

    stats: Mapping[tuple[str, str], Decimal]  # ("best", name) → value, likewise worst, mean
    leaders: Mapping[str, Decimal | None]  # target indicator → the leader's ratio (None: nobody above target)


@dataclass(frozen=True)
class Results:
    criteria: Criteria
    scorecards: tuple[Scorecard, ...]
    cohort: Cohort
    carried: Mapping[str, Mapping[str, Formed]] = field(default_factory=dict)  # unit → previous(x) → how it was formed
    fed: Fed | None = None  # the values taken from other rounds' records (criteria `sources`)

    def taken(self, unit_id: str, name: str) -> FromRound | None:
        """Where a unit's value of `name` came from, when it was taken from another round."""
        return None if self.fed is None else self.fed.taken.get(unit_id, {}).get(name)

    def scorecard(self, unit_id: str) -> Scorecard:
        return self._by_unit[unit_id]

    @cached_property
    def _by_unit(self) -> Mapping[str, Scorecard]:
        """Each unit's scorecard by its id, built on the first look-up: a report looks up every unit."""
        return {s.unit.id: s for s in self.scorecards}


SetPoints = Mapping[tuple[str, str], tuple[Decimal, Msg | str]]  # (unit, criterion) → points set by the council, and the reason


def evaluate(
    criteria: Criteria,
    submissions: Sequence[Submission],
    set_points: SetPoints | None = None,
    progress: Progress | None = None,
    previous: Carried | None = None,
    grades: Grades = NO_GRADES,
    fed: Fed | None = None,
) -> Results:
    """Score every unit; raise InvalidInput naming every unit, criterion and formula that failed.

    `set_points` are the council's decisions on a criterion's points (after cross-checking):
    they replace the computed points, and the line says so. `grades` are the assessors' grades of the
    criteria of method graded.
    """
    problems: list[Problem] = []
    by_unit = {s.unit: s for s in submissions}
    unit_values = {}
    for unit in criteria.units:
        carried = {} if previous is None else previous.values.get(unit.id, {})
        taken = ({}, {}) if fed is None else (fed.taken.get(unit.id, {}), fed.missing.get(unit.id, {}))
        values, absent = _unit_values(criteria, by_unit[unit.id], carried, problems, *taken)
        unit_values[unit.id] = (values, absent)
    cohort = _cohort(criteria, {uid: v for uid, (v, _) in unit_values.items()})
    scorers = _scorers(criteria, cohort, grades)
    cards = []
    for done, unit in enumerate(criteria.units, 1):
        values, absent = unit_values[unit.id]
        card = _scorecard(criteria, unit, by_unit[unit.id], values, absent, cohort, scorers, problems, set_points or {})
        if card is not None:
            cards.append(card)
        if progress is not None:
            progress(done, len(criteria.units))
    if problems:
        raise InvalidInput(problems)
    return Results(criteria, tuple(cards), cohort, {} if previous is None else previous.notes, fed)


def _unit_values(
    criteria: Criteria,
    submission: Submission,
    carried: Mapping[str, Value],
    problems: list[Problem],
    taken: Mapping[str, FromRound],
    not_taken: Mapping[str, NotInSource],
) -> tuple[dict[str, Value], dict[str, Absence]]:
    values: dict[str, Value] = dict(carried)  # previous(x): last round's values
    absent: dict[str, Absence] = {}
    for iid, indicator in criteria.indicators.items():
        reported = submission.values.get(iid)
        if reported is not None and indicator.if_no_evidence == "no_points" and not (reported.evidence or "").strip():
            absent[iid] = WithoutEvidence(reported.source)
        elif reported is not None:
            values[iid] = reported.value
        elif iid in taken:  # from another round's record
            values[iid] = taken[iid].value
        elif indicator.default is not None:
            values[iid] = indicator.default
        elif iid in not_taken:
            absent[iid] = not_taken[iid]
        elif iid in submission.left_empty:
            absent[iid] = LeftEmpty(submission.left_empty[iid])
        else:
            absent[iid] = NotReported()
    for iid, indicator in criteria.indicators.items():
        if indicator.type == "choice" and iid in values:
            reported = submission.values.get(iid)
            answer = indicator.default_answer if reported is None else reported.answer
            if answer is None:  # a number without its answer: the answer is known only if one answer has that number
                named = [a for a, n in indicator.choices.items() if n == values[iid]]
                answer = named[0] if len(named) == 1 else None
            if answer is not None and answer in indicator.choices:
                values[answer_key(iid)] = Decimal(list(indicator.choices).index(answer))
    for derived in criteria.derived:
        try:
            values[derived.id] = derived.formula.evaluate(values, {})
        except MissingValue as e:
            empty = absent.get(e.name)
            why = empty.why if isinstance(empty, NeedsValue) and isinstance(empty.why, WithoutEvidence) else empty
            absent[derived.id] = NeedsValue(e.name, why if isinstance(why, LeftEmpty | WithoutEvidence) else None)
        except FormulaFault as e:
            absent[derived.id] = NotComputed()  # reported here; criteria that read it stay quiet
            what = msg("derived value '{id}'", id=derived.id)
            problems.append(fault_problem(submission.unit, what, derived.formula, e, derived.rule))
    return values, absent


def _cohort(criteria: Criteria, unit_values: Mapping[str, Mapping[str, Value]]) -> Cohort:
    wanted: set[tuple[str, str]] = set()
    leaders: dict[str, Decimal | None] = {}
    formulas: list[Formula] = [c.formula for c in criteria.criteria if c.formula is not None]
    formulas += [a.formula for a in criteria.adjustments] + [d.when for d in criteria.disqualifiers]
    formulas += [a.when for a in criteria.awards if a.when is not None]
    for formula in formulas:
        wanted.update(formula.cohort)
    for criterion in criteria.criteria:
        if criterion.method == "relative" and criterion.of is not None:
            wanted.add(("best", criterion.of))
        if criterion.method == "target" and criterion.of is not None:
            targets = criteria.targets[criterion.of]
            ratios = [
                methods.ratio(v[criterion.of], targets[uid])  # type: ignore[arg-type]
                for uid, v in unit_values.items()
                if criterion.of in v
            ]
            leaders[criterion.of] = methods.leader_ratio(ratios)
    stats: dict[tuple[str, str], Decimal] = {}
    for function, name in sorted(wanted):
        numbers: list[Decimal] = [v[name] for v in unit_values.values() if name in v]  # type: ignore[misc]
        if not numbers:
            continue
        if function == "best":
            stats[(function, name)] = max(numbers)
        elif function == "worst":
            stats[(function, name)] = min(numbers)
        else:
            stats[(function, name)] = CONTEXT.divide(sum(numbers, ZERO), Decimal(len(numbers)))
    return Cohort(stats, leaders)


def _scorecard(
    criteria: Criteria,
    unit: Unit,
    submission: Submission,
    values: Mapping[str, Value],
    absent: Mapping[str, Absence],
    cohort: Cohort,
    scorers: Sequence[Scorer],
    problems: list[Problem],
    set_points: SetPoints,
) -> Scorecard | None:
    before = len(problems)
    zero = quantize(ZERO, criteria.places, criteria.rounding)

    def failed(e: Exception, what: Msg, rule: Rule, formula: Formula | None, if_missing: str, lines: bool = True) -> str | None:
        """Report a failure; return the name whose absence scores no points, if the rule says so (or, on `lines`, if the
        value came without its required evidence: a disqualifier has no points to lose, and reports it)."""
        if isinstance(e, MissingValue):
            if isinstance(absent.get(e.name), NotComputed):  # already reported where it was computed
                return None
            if if_missing == "no_points" or (lines and _without_evidence(absent.get(e.name))):
                return e.name
            problems.append(_missing(criteria, submission, what, rule, formula, e.name, absent))
            return None
        fault = (
            e
            if isinstance(e, FormulaFault)
            else FormulaFault(msg("the result is out of range ({error})", error=type(e).__name__))
        )
        problems.append(fault_problem(unit.id, what, formula, fault, rule))
        return None

    lines: list[Line] = []
    for criterion, score in zip(criteria.criteria, scorers, strict=True):
        try:
            lines.append(score(unit.id, values))
        except (MissingValue, ArithmeticError) as e:
            what = msg("criterion {id} ({label})", id=criterion.id, label=criterion.label)
            name = failed(e, what, criterion.rule, criterion.formula, criterion.if_missing)
            if name is not None:
                lines.append(Line(criterion, zero, ZERO, None, (NoPoints(name, absent.get(name, NoValue())),)))
        except GradesShort as e:
            if isinstance(e.fact, NoGrades) and criterion.if_missing == "no_points":
                lines.append(Line(criterion, zero, ZERO, None, (e.fact,)))
            else:
                problems.append(short_problem(unit.id, criterion, e.fact))
    lines_failed = len(problems) > before  # then formulas reading points stay quiet: the unit is reported already
    for i, line in enumerate(lines):
        council = set_points.get((unit.id, line.criterion.id))
        if council is not None:
            points, reason = council
            points = quantize(points, criteria.places, criteria.rounding)
            lines[i] = line._replace(points=points, notes=(*line.notes, SetByCouncil(line.points, points, reason)))
    subtotals = dict.fromkeys((g.id for g in criteria.groups), ZERO)
    for line in lines:
        subtotals[line.criterion.group] += line.points
    groups = tuple(GroupScore(g, subtotals[g.id]) for g in criteria.groups)
    with_points = {**values, **part_points(lines, groups)} if criteria.reads_points else values
    adjustments = []
    for adjustment in criteria.adjustments:
        if lines_failed and adjustment.formula.parts:
            continue
        try:
            adjustments.append(_adjustment(criteria, adjustment, with_points, cohort))
        except (MissingValue, ArithmeticError) as e:
            what = msg("adjustment {id} ({label})", id=adjustment.id, label=adjustment.label)
            name = failed(e, what, adjustment.rule, adjustment.formula, adjustment.if_missing)
            if name is not None:
                why = absent.get(name)  # said on adjustments only when it is the missing evidence
                adjustments.append(
                    AdjustmentLine(adjustment, zero, ZERO, (NoPoints(name, why if _without_evidence(why) else None),))
                )
    disqualified = []
    for disqualifier in criteria.disqualifiers:
        if lines_failed and disqualifier.when.parts:
            continue
        try:
            if disqualifier.when.evaluate(with_points, cohort.stats):
                disqualified.append(disqualifier)
        except (MissingValue, ArithmeticError) as e:
            failed(e, msg("disqualifier {id}", id=disqualifier.id), disqualifier.rule, disqualifier.when, "error", lines=False)
    if len(problems) > before:
        return None
    total = sum((line.points for line in lines), ZERO) + sum((a.points for a in adjustments), ZERO)
    band, held_back = classify(criteria, lines, total, disqualified, groups)
    return Scorecard(
        unit, submission, values, absent, tuple(lines), groups, tuple(adjustments), tuple(disqualified), total, band, held_back
    )


def _without_evidence(why: Absence | None) -> WithoutEvidence | None:
    """The value given without its required evidence that `why` comes down to, if it does."""
    if isinstance(why, NeedsValue):
        why = why.why
    return why if isinstance(why, WithoutEvidence) else None


def part_points(lines: Sequence[Line], groups: Sequence[GroupScore]) -> dict[str, Value]:
    """What points("I.2"), group_points("III") and criteria_points() read: the points after the council's decisions."""
    found: dict[str, Value] = {points_key("points", line.criterion.id): line.points for line in lines}
    found.update((points_key("group_points", g.group.id), g.points) for g in groups)
    found[points_key("criteria_points")] = sum((line.points for line in lines), ZERO)
    return found


Scorer = Callable[[str, Mapping[str, Value]], Line]


def _scorers(criteria: Criteria, cohort: Cohort, grades: Grades) -> list[Scorer]:
    """One scoring function per criterion, with the round's statistics it needs bound once."""
    places, mode = criteria.places, criteria.rounding
    return [_scorer(criteria, criterion, cohort, places, mode, grades) for criterion in criteria.criteria]


def _scorer(criteria: Criteria, criterion: Criterion, cohort: Cohort, places: int, mode: str, grades: Grades) -> Scorer:
    maximum = criterion.max
    stats = cohort.stats
    if criterion.method == "graded":

        def by_grades(unit_id: str, values: Mapping[str, Value]) -> Line:
            facts = graded(criterion, grades.given.get((unit_id, criterion.id), ()))
            raw, notes = methods.clip(maximum, facts.result)  # the grades are within [0, max] already
            return Line(criterion, quantize(raw, places, mode), raw, facts, notes)

        return by_grades
    if criterion.method == "formula":
        formula = criterion.formula
        assert formula is not None

        def by_formula(unit_id: str, values: Mapping[str, Value]) -> Line:
            raw, notes = methods.clip(maximum, formula.evaluate(values, stats))  # type: ignore[arg-type]
            return Line(criterion, quantize(raw, places, mode), raw, None, notes)

        return by_formula
    name = criterion.of
    assert name is not None

    def read(values: Mapping[str, Value]) -> Decimal:
        try:
            return values[name]  # type: ignore[return-value]
        except KeyError:
            raise MissingValue(name) from None

    def count(values: Mapping[str, Value]) -> Decimal:
        """per_item, target and relative read amounts: a negative one has no meaning there."""
        value = read(values)
        if value < ZERO:
            raise FormulaFault(
                msg(
                    "'{name}' is {value}: method {method} needs values of 0 or more",
                    name=name,
                    value=value,
                    method=criterion.method,
                )
            )
        return value

    if criterion.method == "achieved":
        full, none = quantize(maximum, places, mode), quantize(ZERO, places, mode)

        def achieved(unit_id: str, values: Mapping[str, Value]) -> Line:
            raw = methods.achieved(maximum, read(values))  # type: ignore[arg-type]
            return Line(criterion, full if raw else none, raw, None, ())

        return achieved
    if criterion.method == "per_item":
        each = criterion.points_each
        assert each is not None

        def per_item(unit_id: str, values: Mapping[str, Value]) -> Line:
            raw, notes = methods.per_item(maximum, count(values), each)
            return Line(criterion, quantize(raw, places, mode), raw, None, notes)

        return per_item
    if criterion.method == "target":
        goals = criteria.targets[name]
        leader = cohort.leaders.get(name)

        def target(unit_id: str, values: Mapping[str, Value]) -> Line:
            goal = goals[unit_id]
            r = methods.ratio(count(values), goal)
            raw = methods.target(maximum, r, leader)
            facts = TargetFacts(goal, r, leader if r > methods.ONE else None)
            return Line(criterion, quantize(raw, places, mode), raw, facts, ())

        return target
    if criterion.method == "relative":
        best = stats.get(("best", name), ZERO)
        best_facts = RelativeFacts(best)
        best_notes: tuple[Note, ...] = (BestIsZero(),) if best <= ZERO else ()

        def relative(unit_id: str, values: Mapping[str, Value]) -> Line:
            raw = methods.relative(maximum, count(values), best)
            return Line(criterion, quantize(raw, places, mode), raw, best_facts, best_notes)

        return relative
    if criterion.method == "table":
        indicator = criteria.indicators.get(name)
        return _table(criterion, tuple(indicator.choices) if indicator is not None else (), places, mode)
    table = criterion.bands

    def bands(unit_id: str, values: Mapping[str, Value]) -> Line:
        raw, band = methods.bands(table, read(values))
        if band is None:
            return Line(criterion, quantize(raw, places, mode), raw, None, (BelowFirstBand(),))
        return Line(criterion, quantize(raw, places, mode), raw, BandFacts(band.start), ())

    return bands


def _table(criterion: Criterion, answers: tuple[str, ...], places: int, mode: str) -> Scorer:
    """Bảng quy đổi: the points of the row the answer or the value falls in; a value in no row is an error."""
    name = criterion.of
    assert name is not None
    rows = criterion.table
    if rows[0].answer is not None:
        key = answer_key(name)
        row_of = {row.answer: (i, row) for i, row in enumerate(rows, 1)}
        by_answer = [row_of[answer] for answer in answers]  # by the answer's place among the indicator's answers

        def answered(unit_id: str, values: Mapping[str, Value]) -> Line:
            if key not in values:
                raise MissingValue(name)
            i, row = by_answer[int(values[key])]
            facts = TableFacts(i, row.answer, None, None)
            return Line(criterion, quantize(row.points, places, mode), row.points, facts, ())

        return answered

    def ranged(unit_id: str, values: Mapping[str, Value]) -> Line:
        try:
            value: Decimal = values[name]  # type: ignore[assignment]
        except KeyError:
            raise MissingValue(name) from None
        for i, row in enumerate(rows, 1):
            assert row.start is not None
            if row.start <= value and (row.end is None or value <= row.end):
                facts = TableFacts(i, None, row.start, row.end)
                return Line(criterion, quantize(row.points, places, mode), row.points, facts, ())
        raise FormulaFault(msg("{name} = {value} falls in no row of the table", name=name, value=value))

    return ranged


def _adjustment(criteria: Criteria, adjustment: Adjustment, values: Mapping[str, Value], cohort: Cohort) -> AdjustmentLine:
    raw: Decimal = adjustment.formula.evaluate(values, cohort.stats)  # type: ignore[assignment]
    notes: tuple[Note, ...] = ()
    amount = raw
    if amount < ZERO:
        amount, notes = ZERO, (methods.CLIPPED,)
    elif adjustment.cap is not None and amount > adjustment.cap:
        amount, notes = adjustment.cap, (CappedAt(adjustment.cap),)
    points = quantize(amount, criteria.places, criteria.rounding)
    return AdjustmentLine(adjustment, -points if adjustment.kind == "deduction" else points, raw, notes)


def classify(
    criteria: Criteria,
    lines: Sequence[Line],
    total: Decimal,
    disqualified: Sequence[Disqualifier],
    groups: Sequence[GroupScore],
) -> tuple[ClassificationBand | None, tuple[tuple[ClassificationBand, HeldBack], ...]]:
    """Xếp loại: the first band whose minimum total the unit reaches, whose floors hold, not blocked (None: no bands).

    A band's checks in order: a disqualifier, the minimum total, the floor on criteria, the group floor, no zero;
    the first that fails is what held the unit back.
    """
    if not criteria.classification:
        return None, ()
    held_back: list[tuple[ClassificationBand, HeldBack]] = []
    for band in criteria.classification:
        blocker = next((d for d in disqualified if band.id in d.blocks), None)
        if blocker is not None:
            held_back.append((band, Blocked(blocker.id, blocker.label)))
            continue
        if band.min_total is not None and total < band.min_total:
            held_back.append((band, BelowTotal(total, band.min_total)))
            continue
        if band.floor is not None:
            under = [line for line in lines if line.points < band.floor * line.criterion.max]
            if under:
                misses = tuple(FloorMiss(line.criterion.id, line.points, line.criterion.max) for line in under)
                held_back.append((band, UnderFloor(band.floor, misses)))
                continue
        reason = _parts_held_back(band, lines, groups)
        if reason:
            held_back.extend((band, r) for r in reason)
            continue
        return band, tuple(held_back)
    raise AssertionError("the last band takes every unit (checked at load)")


def _parts_held_back(band: ClassificationBand, lines: Sequence[Line], groups: Sequence[GroupScore]) -> list[HeldBack]:
    """A band's floors on the criteria of named groups, its group floors and its no-zero rule: the first that fails.

    Floors of different shares on different groups' criteria are each said, with their own share.
    """
    if band.floor_in:
        shares: dict[Decimal, list[FloorMiss]] = {}
        for line in lines:
            floor = band.floor_in.get(line.criterion.group)
            if floor is not None and line.points < floor * line.criterion.max:
                shares.setdefault(floor, []).append(FloorMiss(line.criterion.id, line.points, line.criterion.max))
        if shares:
            return [UnderFloor(floor, tuple(misses)) for floor, misses in shares.items()]
    found = group_floor_misses(band.group_floor, groups)
    if found:
        return [GroupUnderFloor(found)]
    zeros = zero_lines(band.no_zero, lines)
    if zeros:
        return [ZeroIn(band.no_zero, zeros)]
    return []


def group_floor_misses(floors: Mapping[str, Decimal], groups: Sequence[GroupScore]) -> tuple[GroupMiss, ...]:
    """The groups under their floor: a share of the group's max (exact: 50% of 20 needs 10.00; 9.99 misses)."""
    misses = []
    for g in groups:
        floor = floors.get(g.group.id)
        if floor is None:
            continue
        needed = CONTEXT.multiply(floor, g.group.max).normalize()
        if g.points < needed:
            misses.append(GroupMiss(g.group.id, g.points, g.group.max, floor, needed))
    return tuple(misses)


def zero_lines(in_groups: Sequence[str], lines: Sequence[Line]) -> tuple[str, ...]:
    """The criteria of these groups that scored 0, or less (a table's negative row is worse than no points)."""
    return tuple(line.criterion.id for line in lines if line.criterion.group in in_groups and line.points <= ZERO)


def fault_problem(unit: str, what: Msg, formula: Formula | None, e: FormulaFault, rule: Rule) -> Problem:
    if formula is None:
        return Problem(rule.file, rule.line, 1, msg("unit {unit}: {what}: {fault}", unit=unit, what=what, fault=e.message))
    shown = "" if e.offset is None else "\n" + caret(formula.text, e.offset)
    text = msg(
        "unit {unit}: {what}: {fault} in '{formula}'{caret}",
        unit=unit,
        what=what,
        fault=e.message,
        formula=formula.text,
        caret=shown,
    )
    return Problem(rule.file, rule.line, 1, text)


def _missing(
    criteria: Criteria,
    submission: Submission,
    what: Msg,
    rule: Rule,
    formula: Formula | None,
    name: str,
    absent: Mapping[str, Absence],
) -> Problem:
    offset = formula.offset_of(name) if formula is not None else None
    shown = "" if formula is None or offset is None else "\n" + caret(formula.text, offset)
    why = absent.get(name, NoValue())
    source = criteria.indicators[name].source if name in criteria.indicators else None
    if isinstance(why, NotInSource) and source is not None:  # located where the criteria say where it comes from
        text = msg(
            "unit {unit}: no value for '{name}' ({why}), which {what} ({rule}) needs; map the unit under"
            " sources.{source}.units, or declare what a missing value means (default, or if_missing: no_points){caret}",
            unit=submission.unit,
            name=name,
            why=why,
            what=what,
            rule=str(rule),
            source=why.source,
            caret=shown,
        )
        return Problem(criteria.file, source.where.line, source.where.col, text)
    text = msg(
        "unit {unit}: no value for '{name}' ({why}), which {what} ({rule}) needs;"
        " report it, or declare what a missing value means (if_missing: no_points){caret}",
        unit=submission.unit,
        name=name,
        why=why,
        what=what,
        rule=str(rule),
        caret=shown,
    )
    return Problem(submission.file, _empty_line(criteria, submission, name) or submission.line, 1, text)


def _empty_line(criteria: Criteria, submission: Submission, name: str) -> int | None:
    """The line of the value left empty that `name` has no value for: itself, or what its derived formula reads."""
    if name in submission.left_empty:
        return submission.left_empty[name]
    derived = next((d for d in criteria.derived if d.id == name), None)
    if derived is None:
        return None
    return next((line for n in derived.formula.names if (line := _empty_line(criteria, submission, n)) is not None), None)


def criterion_scorer(criteria: Criteria, criterion: Criterion, cohort: Cohort, grades: Grades) -> Scorer:
    """One criterion's scoring function as `evaluate` binds it, at the round's rounding: for scoring one criterion
    again under another maximum (scoring.robustness) exactly as the engine would."""
    return _scorer(criteria, criterion, cohort, criteria.places, criteria.rounding, grades)
