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
from scoring.formula import Value, num, previous_key, show
from scoring.numbers import CONTEXT
from scoring.submissions import Submission, load_submissions

ZERO = Decimal(0)


@dataclass(frozen=True)
class Carried:
    """Values carried from an earlier round, per unit of this round, with how each was formed."""

    values: Mapping[str, Mapping[str, Value]]
    notes: Mapping[str, Mapping[str, str]]


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
        f"unit {u.id} is formed from '{p}', which is not a unit of the previous round {before.id}"
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
        {u: {previous_key(n): text for n, text in notes.items()} for u, notes in carried.notes.items()},
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
    notes: dict[str, dict[str, str]] = {}
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
            notes.setdefault(unit.id, {})[name] = _note(before.id, indicator, parts, weights, combined)
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


def _note(
    round_id: str,
    indicator: Indicator,
    parts: Sequence[tuple[str, Value]],
    weights: Sequence[tuple[str, Value]] | None,
    combined: Value,
) -> str:
    listed = ", ".join(f"{u} {show(v)}" for u, v in parts)
    if len(parts) == 1:
        return f"{round_id}: {listed}"
    rule = indicator.carry
    if rule == "weighted_mean" and weights is not None:
        rule = f"mean weighted by {indicator.carry_weight} ({', '.join(f'{u} {show(v)}' for u, v in weights)})"
    return f"{round_id}: {rule} of {listed} = {num(combined)}"
