"""What new criteria would have done to an earlier round's results, before the council adopts them.

The earlier submissions are scored twice: under their own criteria, and under
the new ones, their figures carried across renamed indicators and merged units
as `previous()` carries them. Indicators the new criteria need and the earlier
submissions lack are listed, never quietly zero: the criteria that read them
score no points here, and say why. A change of tier that only the earlier round's
uncollected indicators make (with the lines they empty at full points the unit
keeps its tiers) is a MissingData fact, not an effect of the new rules; the
council may assume the missing values (`--assume`), shown as assumed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from scoring.awards import Outcome, Proposal, propose
from scoring.criteria import Criteria, Criterion, Group, Unit
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import NoPoints, SetPoints, evaluate
from scoring.formula import Value
from scoring.grades import NO_GRADES, Grades
from scoring.lineage import carry_over, formed, previous_values
from scoring.submissions import InvalidValue, Reported, Submission, convert
from scoring.wording import Listing, Msg, msg, word
from scoring.yamlio import load

NOT_BEFORE = msg("not in the earlier submissions")  # what cli says of an indicator the earlier figures lack


ALL_UNITS = ""  # the key of an assumption made for every unit of the new round

Assumptions = Mapping[str, Mapping[str, Value]]  # unit of the new round (or ALL_UNITS) → indicator → assumed value


@dataclass(frozen=True)
class MissingData:
    """A change of tier that only the earlier figures' gaps make: with the lines they empty at full points, the unit
    keeps its earlier tiers (thiếu số liệu, not an effect of the new rules)."""

    indicators: tuple[str, ...]  # the new criteria's indicators the earlier round did not collect
    lines: tuple[str, ...]  # the unit's own criteria that score no points for them (none: other units' gaps moved it)


@dataclass(frozen=True)
class Row:
    """One unit of the new round: its earlier results (of each unit it was formed from) beside the new ones."""

    unit: Unit
    before: tuple[Outcome, ...]
    after: Outcome
    changed: bool  # its proposed tiers differ
    cause: MissingData | None  # None: the change is the new criteria's
    assumed: Mapping[str, Value]  # indicator → the value the council assumed for it


@dataclass(frozen=True)
class Carried:
    """A criterion's points the council set in the earlier round, not carried to the new criteria, and why."""

    unit: str
    criterion: str
    points: Decimal
    maximum: Decimal | None  # the new criterion's maximum when the points exceed it; None: no such line in the new round


@dataclass(frozen=True)
class Unneeded:
    """An assumption the council gave that fills no gap: the unit (every unit, when ALL_UNITS) has the figure."""

    unit: str
    indicator: str


@dataclass(frozen=True)
class WhatIf:
    old: Proposal  # the earlier round under its own criteria
    new: Proposal  # the same figures under the new criteria
    missing: Mapping[str, tuple[str, ...]]  # indicator of the new criteria → the units whose earlier figures lack it
    affected: Mapping[str, tuple[str, ...]]  # criterion or adjustment → the missing indicators it reads
    left_out: tuple[str, ...]  # earlier units that are no unit of the new round and formed none
    rows: tuple[Row, ...] = ()  # in the new criteria's rank order
    not_carried: tuple[Carried, ...] = ()  # the council's set points that stay with the earlier round
    assumed: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)  # unit → indicator → assumed value
    unneeded: tuple[Unneeded, ...] = ()  # assumptions that fill no gap: the figures were there


def what_if(
    new: Criteria,
    old: Criteria,
    submissions: Sequence[Submission],
    grades: Grades = NO_GRADES,
    set_points: SetPoints | None = None,
    assume: Assumptions | None = None,
) -> WhatIf:
    """`grades` are the earlier round's: a graded line of the new criteria takes those of the same criterion and unit,
    and scores no points (saying so) where there are none. `submissions` are as the council corrected them, and
    `set_points` the criterion points it set in the earlier round: they hold on both sides, where the new criteria have
    the same line for the same unit. `assume` fills what the earlier figures lack, and says it was assumed."""
    set_points = set_points or {}
    before = propose(evaluate(old, submissions, set_points, previous=previous_values(old), grades=grades))
    carried = carry_over(new, old, submissions, list(new.indicators))
    problems = []
    translated = []
    for unit in new.units:
        sources = unit.formed_from or (unit.id,)
        if not any(s in old.unit_ids for s in sources):
            problems.append(
                Problem(
                    new.file,
                    1,
                    1,
                    msg(
                        "unit {unit} has no figures in round {round} (it is not there, nor formed from units there)",
                        unit=unit.id,
                        round=old.id,
                    ),
                )
            )
            continue
        notes = carried.notes.get(unit.id, {})
        values = {
            n: Reported(v, None, word(formed(notes[n])), _answer(new, old, n, v, sources, submissions))
            for n, v in carried.values.get(unit.id, {}).items()
        }
        translated.append(Submission(unit.id, values, None, f"{old.id} (what if)", 1, ""))
    if problems:
        raise InvalidInput(problems)
    translated, assumed, unneeded = _assume(new, translated, assume or {})
    missing: dict[str, list[str]] = {}
    for s in translated:
        for iid, indicator in new.indicators.items():
            if iid not in s.values and indicator.default is None:
                missing.setdefault(iid, []).append(s.unit)
    criteria, affected = _lenient(new, set(missing))
    graded = {c.id for c in new.criteria if c.method == "graded"}
    carried_grades = Grades(grades.files, {k: v for k, v in grades.given.items() if k[1] in graded and k[0] in new.unit_ids})
    kept, not_carried = _carry_points(new, set_points)
    previous = previous_values(new)
    after = propose(evaluate(criteria, translated, kept, previous=previous, grades=carried_grades))
    # The same, with every line that the earlier round's uncollected indicators empty at full points: what the new rules
    # do whatever those figures were. An indicator the earlier round collected and a unit left out is the unit's gap.
    earlier_name = {renamed: name for name, renamed in new.renamed.items()}
    uncollected = {i for i in missing if earlier_name.get(i, i) not in old.indicators}
    emptied = {
        (card.unit.id, line.criterion.id): line.criterion
        for card in after.results.scorecards
        for line in card.lines
        if (card.unit.id, line.criterion.id) not in kept
        and uncollected & set(affected.get(line.criterion.id, ()))  # it reads one (maybe through a derived value)
        and any(isinstance(n, NoPoints) for n in line.notes)
    }
    full = {**kept, **{key: (c.max, "") for key, c in emptied.items()}}
    best = propose(evaluate(criteria, translated, full, previous=previous, grades=carried_grades)) if emptied else after
    mapped = {p for u in new.units for p in (u.formed_from or (u.id,))}
    left_out = tuple(u.id for u in old.units if u.id not in mapped)
    rows = _rows(before, after, best, tuple(sorted(uncollected)), emptied, assumed)
    missing_ = {k: tuple(v) for k, v in missing.items()}
    return WhatIf(before, after, missing_, affected, left_out, rows, not_carried, assumed, unneeded)


def whatif_sides(w: WhatIf) -> tuple[Msg | str, Msg | str]:
    """What the two sides are called: the criteria of each year, else each file's round id (else its file)."""
    old, new = w.old.results.criteria, w.new.results.criteria
    if old.year is not None and new.year is not None and old.year != new.year:
        return msg("Criteria of {year}", year=str(old.year)), msg("Criteria of {year}", year=str(new.year))
    if old.id != new.id:
        return old.id, new.id
    return old.file, new.file


def _tiers(outcomes: Sequence[Outcome]) -> list[str]:
    return sorted({a.id for o in outcomes for a, _ in o.proposed})


def _rows(
    before: Proposal,
    after: Proposal,
    best: Proposal,
    uncollected: tuple[str, ...],
    emptied: Mapping[tuple[str, str], Criterion],
    assumed: Mapping[str, Mapping[str, Value]],
) -> tuple[Row, ...]:
    old = {o.standing.unit: o for o in before.outcomes}
    at_best = {o.standing.unit: o for o in best.outcomes}
    rows = []
    for o in after.outcomes:
        unit = o.standing.card.unit
        earlier = tuple(old[u] for u in (unit.formed_from or (unit.id,)) if u in old)
        changed = _tiers(earlier) != _tiers((o,))
        cause = None
        if changed and emptied and _tiers(earlier) == _tiers((at_best[unit.id],)):
            lines = tuple(c for (u, c) in emptied if u == unit.id)
            cause = MissingData(uncollected, lines)
        rows.append(Row(unit, earlier, o, changed, cause, assumed.get(unit.id, {})))
    return tuple(rows)


def _carry_points(new: Criteria, set_points: SetPoints) -> tuple[SetPoints, tuple[Carried, ...]]:
    """The council's set points that hold under the new criteria: the same line, for the same unit (not merged)."""
    lines = {c.id: c for c in new.criteria}
    same = {u.id for u in new.units if u.formed_from in ((), (u.id,))}
    kept: dict[tuple[str, str], tuple[Decimal, Msg | str]] = {}
    left: list[Carried] = []
    for (unit, criterion), (points, reason) in sorted(set_points.items()):
        line = lines.get(criterion)
        if unit in same and line is not None and points <= line.max:
            kept[(unit, criterion)] = (points, reason)
        else:
            left.append(Carried(unit, criterion, points, None if line is None or unit not in same else line.max))
    return kept, tuple(left)


def _assume(
    new: Criteria, translated: Sequence[Submission], assume: Assumptions
) -> tuple[list[Submission], dict[str, dict[str, Value]], tuple[Unneeded, ...]]:
    """The council's assumptions filled in where the earlier figures lack the value (a unit's own before the one for
    every unit), each saying it was assumed; and the assumptions that fill no gap."""
    assumed: dict[str, dict[str, Value]] = {}
    out = []
    for s in translated:
        values = dict(s.values)
        for scope in (s.unit, ALL_UNITS):
            for iid, value in assume.get(scope, {}).items():
                if iid not in values and new.indicators[iid].default is None:
                    values[iid] = Reported(value, None, ASSUMED)
                    assumed.setdefault(s.unit, {})[iid] = value
        out.append(replace(s, values=values))
    unneeded = [
        Unneeded(unit, iid)
        for unit, given in assume.items()
        for iid in given
        if not any(iid in assumed.get(s.unit, {}) for s in translated if unit in (ALL_UNITS, s.unit))
    ]
    return out, assumed, tuple(unneeded)


ASSUMED = msg("assumed by the council (whatif --assume)")


def parse_assumptions(new: Criteria, pairs: Sequence[str], file: Path | None) -> dict[str, dict[str, Value]]:
    """`--assume INDICATOR=VALUE` (for every unit) and `--assume-file` (indicator: value, or unit: {indicator: value}),
    each value checked as the new criteria's indicator; every problem at once."""
    problems: list[Problem] = []
    found: dict[str, dict[str, Value]] = {}

    def take(unit: str, iid: str, value: object, where: tuple[str, int, int], at: str) -> None:
        try:
            converted = convert(new, iid, value)
        except InvalidValue as e:
            problems.append(Problem(*where, msg("{field}: {problem}", field=at, problem=e.args[0])))
            return
        if converted is None:
            problems.append(Problem(*where, msg("{field}: {problem}", field=at, problem=msg("give the assumed value"))))
        else:
            found.setdefault(unit, {})[iid] = converted

    for pair in pairs:
        iid, sep, value = pair.partition("=")
        if not sep or not iid.strip():
            problems.append(Problem("--assume", 1, 1, msg("'{given}': write INDICATOR=VALUE", given=pair)))
            continue
        take(ALL_UNITS, iid.strip(), value.strip(), ("--assume", 1, 1), iid.strip())
    if file is not None:
        doc = load(file)
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), msg("write indicator: value, or a unit with its indicator: value lines")))
        else:
            for key, given in doc.data.items():
                pos = doc.where((key,))
                if isinstance(given, dict):
                    if key not in new.unit_ids:
                        units = Listing(tuple(u.id for u in new.units))
                        said = msg(
                            "unit '{unit}' is not in round {round}; its units are: {units}",
                            unit=str(key),
                            round=new.id,
                            units=units,
                        )
                        problems.append(Problem(doc.file, pos.line, pos.col, said))
                        continue
                    for iid, value in given.items():
                        inner = doc.where((key, iid))
                        take(str(key), str(iid), value, (doc.file, inner.line, inner.col), f"{key}.{iid}")
                else:
                    take(ALL_UNITS, str(key), given, (doc.file, pos.line, pos.col), str(key))
    if problems:
        raise InvalidInput(problems)
    return found


def _answer(
    new: Criteria, old: Criteria, name: str, value: Value, sources: Sequence[str], submissions: Sequence[Submission]
) -> str | None:
    """A choice's answer carried over with its value, when one earlier unit gave it: two answers may share a number."""
    indicator = new.indicators.get(name)
    if indicator is None or indicator.type != "choice" or len(sources) != 1:
        return None
    old_name = next((old for old, renamed in new.renamed.items() if renamed == name), name)
    given = next((s.values.get(old_name) for s in submissions if s.unit == sources[0]), None)
    if given is None:  # the earlier round's default
        earlier = old.indicators.get(old_name)
        return earlier.default_answer if earlier is not None and earlier.default == value else None
    return given.answer if given.value == value else None


def _lenient(criteria: Criteria, missing: set[str]) -> tuple[Criteria, dict[str, tuple[str, ...]]]:
    """The criteria with every line that reads a missing indicator scoring no points for it (and saying so)."""
    derived = {d.id: d for d in criteria.derived}

    def reads(names: Sequence[str]) -> set[str]:
        found: set[str] = set()
        stack = list(names)
        while stack:
            name = stack.pop()
            if name in missing:
                found.add(name)
            elif name in derived:
                stack.extend(derived[name].formula.names)
        return found

    affected: dict[str, tuple[str, ...]] = {}
    groups: list[Group] = []
    for group in criteria.groups:
        lines: list[Criterion] = []
        for c in group.criteria:
            names = list(c.formula.names) if c.formula else [c.of] if c.of else []
            lacking = reads(names)
            if lacking:
                affected[c.id] = tuple(sorted(lacking))
            lines.append(replace(c, if_missing="no_points") if lacking or c.method == "graded" else c)
        groups.append(replace(group, criteria=tuple(lines)))
    adjustments = []
    for a in criteria.adjustments:
        lacking = reads(a.formula.names)
        if lacking:
            affected[a.id] = tuple(sorted(lacking))
        adjustments.append(replace(a, if_missing="no_points") if lacking else a)
    for d in criteria.disqualifiers:
        lacking = reads(d.when.names)
        if lacking:
            said = msg(
                "disqualifier {disqualifier} reads {indicators}, not in the earlier submissions",
                disqualifier=d.id,
                indicators=Listing(tuple(sorted(lacking))),
            )
            raise InvalidInput([Problem(criteria.file, d.rule.line, 1, said)])
    return replace(criteria, groups=tuple(groups), adjustments=tuple(adjustments)), affected
