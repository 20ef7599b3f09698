"""Last round's values for this round's units, across renamed indicators and merged units.

A unit keeps its id from one round to the next, or names the units it was
formed from (`formed_from`); an indicator keeps its id, or `renamed` gives its
old one. A merged unit's value is its predecessors' combined by the
indicator's `carry` rule (a sum by default; a weighted mean for rates). A
predecessor without the value leaves the merged unit without one: never a
partial sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scoring.criteria import Criteria, Indicator, load_criteria
from scoring.errors import InvalidInput, Problem
from scoring.formula import Value, previous_key, show
from scoring.numbers import CONTEXT
from scoring.submissions import Submission, load_submissions
from scoring.wording import Approx, Listing, Msg, msg

ZERO = Decimal(0)


@dataclass(frozen=True)
class AsReported:
    """previous(x) is one unit's value of the earlier round as it stands there: the unit's own, or its one predecessor's."""

    round: str  # the earlier round's id
    unit: str  # the unit of the earlier round
    value: Value


@dataclass(frozen=True)
class Combined:
    """previous(x) is the predecessors' values combined by the indicator's carry rule (a merged unit)."""

    round: str  # the earlier round's id
    rule: str  # sum | mean | max | min | any | all | weighted_mean
    parts: tuple[tuple[str, Value], ...]  # each predecessor and its value
    value: Value  # what they combine to
    weighted_by: str | None = None  # weighted_mean: the weighting indicator
    weights: tuple[tuple[str, Value], ...] = ()  # weighted_mean: each predecessor and its weight


Formed = AsReported | Combined


@dataclass(frozen=True)
class Carried:
    """Values carried from an earlier round, per unit of this round, with how each was formed."""

    values: Mapping[str, Mapping[str, Value]]
    notes: Mapping[str, Mapping[str, Formed]]


def previous_names(criteria: Criteria) -> list[str]:
    """The indicators the round's formulas read with previous()."""
    formulas = [d.formula for d in criteria.derived]
    formulas += [c.formula for c in criteria.criteria if c.formula is not None]
    formulas += [a.formula for a in criteria.adjustments] + [d.when for d in criteria.disqualifiers]
    formulas += [a.when for a in criteria.awards if a.when is not None]
    return list(dict.fromkeys(name for f in formulas for name in f.previous))


def previous_values(criteria: Criteria) -> Carried | None:
    """previous(x) for every unit of the round, read from the previous round's files (None: no previous round)."""
    names = previous_names(criteria)
    if criteria.previous is None or not names:
        return None
    before = load_criteria(criteria.previous.criteria)
    missing = [
        msg(
            "unit {unit} is formed from '{predecessor}', which is not a unit of the previous round {round}",
            unit=u.id,
            predecessor=p,
            round=before.id,
        )
        for u in criteria.units
        for p in u.formed_from
        if p not in before.unit_ids
    ]
    if missing:
        raise InvalidInput([Problem(criteria.file, 1, 1, m) for m in missing])
    submissions = load_submissions(before, criteria.previous.submissions)
    carried = carry_over(criteria, before, submissions, names)
    return Carried(
        {u: {previous_key(n): v for n, v in values.items()} for u, values in carried.values.items()},
        {u: {previous_key(n): fact for n, fact in notes.items()} for u, notes in carried.notes.items()},
    )


def carry_over(criteria: Criteria, before: Criteria, submissions: Sequence[Submission], names: Iterable[str]) -> Carried:
    """For each unit of `criteria`, the earlier round's values of `names` (this round's ids)."""
    old_id = {new: old for old, new in criteria.renamed.items()}
    reported: dict[str, dict[str, Value]] = {}
    for s in submissions:
        values: dict[str, Value] = {i: ind.default for i, ind in before.indicators.items() if ind.default is not None}
        values.update({i: r.value for i, r in s.values.items()})
        reported[s.unit] = values
    result: dict[str, dict[str, Value]] = {}
    notes: dict[str, dict[str, Formed]] = {}
    wanted = list(names)
    for unit in criteria.units:
        sources = unit.formed_from or (unit.id,)
        for name in wanted:
            indicator = criteria.indicators[name]
            parts = _parts(reported, sources, old_id.get(name, name))
            if parts is None:
                continue
            weights = None
            if indicator.carry == "weighted_mean" and indicator.carry_weight is not None:
                weights = _parts(reported, sources, old_id.get(indicator.carry_weight, indicator.carry_weight))
                if weights is None:
                    continue
            combined = _combine(indicator, parts, weights)
            if combined is None:
                continue
            result.setdefault(unit.id, {})[name] = combined
            notes.setdefault(unit.id, {})[name] = _formed(before.id, indicator, parts, weights, combined)
    return Carried(result, notes)


def _parts(reported: Mapping[str, Mapping[str, Value]], sources: Sequence[str], name: str) -> list[tuple[str, Value]] | None:
    parts = [(u, reported[u][name]) for u in sources if u in reported and name in reported[u]]
    return parts if len(parts) == len(sources) else None


def _combine(
    indicator: Indicator, parts: Sequence[tuple[str, Value]], weights: Sequence[tuple[str, Value]] | None
) -> Value | None:
    values = [v for _, v in parts]
    if len(values) == 1:
        return values[0]
    if indicator.carry == "any":
        return any(values)
    if indicator.carry == "all":
        return all(values)
    numbers: list[Decimal] = [v for v in values if isinstance(v, Decimal)]
    if indicator.carry == "mean":
        return CONTEXT.divide(sum(numbers, ZERO), Decimal(len(numbers)))
    if indicator.carry == "max":
        return max(numbers)
    if indicator.carry == "min":
        return min(numbers)
    if indicator.carry == "weighted_mean":
        assert weights is not None
        w = [v for _, v in weights if isinstance(v, Decimal)]
        total = sum(w, ZERO)
        if not total:
            return None
        return CONTEXT.divide(sum((CONTEXT.multiply(v, x) for v, x in zip(numbers, w, strict=True)), ZERO), total)
    return sum(numbers, ZERO)


def _formed(
    round_id: str,
    indicator: Indicator,
    parts: Sequence[tuple[str, Value]],
    weights: Sequence[tuple[str, Value]] | None,
    combined: Value,
) -> Formed:
    if len(parts) == 1:
        (unit, value), *_ = parts
        return AsReported(round_id, unit, value)
    if indicator.carry == "weighted_mean" and weights is not None:
        return Combined(round_id, indicator.carry, tuple(parts), combined, indicator.carry_weight, tuple(weights))
    return Combined(round_id, indicator.carry, tuple(parts), combined)


def formed(fact: Formed) -> Msg:
    """How a previous(x) value was formed, for reading: "r-2024: sum of b 60, c 40 = 100"."""
    if isinstance(fact, AsReported):
        return msg("{round}: {unit} {value}", round=fact.round, unit=fact.unit, value=_shown(fact.value))
    round_, value = fact.round, _approx(fact.value)
    parts = _listed(fact.parts)
    if fact.rule == "weighted_mean" and fact.weighted_by is not None:
        return msg(
            "{round}: mean weighted by {weight} ({weights}) of {parts} = {value}",
            round=round_,
            weight=fact.weighted_by,
            weights=_listed(fact.weights),
            parts=parts,
            value=value,
        )
    if fact.rule == "mean":
        return msg("{round}: mean of {parts} = {value}", round=round_, parts=parts, value=value)
    if fact.rule == "max":
        return msg("{round}: max of {parts} = {value}", round=round_, parts=parts, value=value)
    if fact.rule == "min":
        return msg("{round}: min of {parts} = {value}", round=round_, parts=parts, value=value)
    if fact.rule == "any":
        return msg("{round}: any of {parts} = {value}", round=round_, parts=parts, value=value)
    if fact.rule == "all":
        return msg("{round}: all of {parts} = {value}", round=round_, parts=parts, value=value)
    return msg("{round}: sum of {parts} = {value}", round=round_, parts=parts, value=value)


def _listed(parts: Sequence[tuple[str, Value]]) -> Listing:
    return Listing(tuple(msg("{unit} {value}", unit=u, value=_shown(v)) for u, v in parts))


def _shown(value: Value) -> object:
    """A value as the files write it: a number as given, a yes/no as có or không (in every language, like the data)."""
    return show(value) if isinstance(value, bool) else value


def _approx(value: Value) -> object:
    return show(value) if isinstance(value, bool) else Approx(value)
