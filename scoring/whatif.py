"""What new criteria would have done to an earlier round's results, before the council adopts them.

The earlier submissions are scored twice: under their own criteria, and under
the new ones, their figures carried across renamed indicators and merged units
as `previous()` carries them. Indicators the new criteria need and the earlier
submissions lack are listed, never quietly zero: the criteria that read them
score no points here, and say why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from scoring.awards import Proposal, propose
from scoring.criteria import Criteria, Criterion, Group
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import evaluate
from scoring.formula import Value
from scoring.grades import NO_GRADES, Grades
from scoring.lineage import carry_over, formed, previous_values
from scoring.submissions import Reported, Submission
from scoring.wording import Listing, msg, word

NOT_BEFORE = msg("not in the earlier submissions")  # what cli says of an indicator the earlier figures lack


@dataclass(frozen=True)
class WhatIf:
    old: Proposal  # the earlier round under its own criteria
    new: Proposal  # the same figures under the new criteria
    missing: Mapping[str, tuple[str, ...]]  # indicator of the new criteria → the units whose earlier figures lack it
    affected: Mapping[str, tuple[str, ...]]  # criterion or adjustment → the missing indicators it reads
    left_out: tuple[str, ...]  # earlier units that are no unit of the new round and formed none


def what_if(new: Criteria, old: Criteria, submissions: Sequence[Submission], grades: Grades = NO_GRADES) -> WhatIf:
    """`grades` are the earlier round's: a graded line of the new criteria takes those of the same criterion and unit,
    and scores no points (saying so) where there are none."""
    before = propose(evaluate(old, submissions, previous=previous_values(old), grades=grades))
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
    missing: dict[str, list[str]] = {}
    for s in translated:
        for iid, indicator in new.indicators.items():
            if iid not in s.values and indicator.default is None:
                missing.setdefault(iid, []).append(s.unit)
    criteria, affected = _lenient(new, set(missing))
    graded = {c.id for c in new.criteria if c.method == "graded"}
    carried_grades = Grades(grades.files, {k: v for k, v in grades.given.items() if k[1] in graded and k[0] in new.unit_ids})
    after = propose(evaluate(criteria, translated, previous=previous_values(new), grades=carried_grades))
    mapped = {p for u in new.units for p in (u.formed_from or (u.id,))}
    left_out = tuple(u.id for u in old.units if u.id not in mapped)
    return WhatIf(before, after, {k: tuple(v) for k, v in missing.items()}, affected, left_out)


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
