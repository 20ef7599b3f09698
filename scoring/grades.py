"""Points graded by the assessors (chấm theo đánh giá của tổ thẩm định, thành viên Hội đồng).

A line of method `graded` is judged, not computed: each assessor gives it
0..max with a reason, in a grading file (format thidua/grades-1) or in the
review file's `grades`. `load_grades` reads and checks them against the round;
`combine` joins a unit's grades exactly (mean, median or trimmed mean).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from scoring.criteria import Criteria, Criterion, did_you_mean
from scoring.errors import InvalidInput, Problem
from scoring.numbers import CONTEXT
from scoring.schema import GradeSpec, GradesSpec, dotted, validate
from scoring.wording import Msg, msg
from scoring.yamlio import Document, Path_, load

Combine = Literal["mean", "median", "trimmed_mean"]

ZERO = Decimal(0)
TWO = Decimal(2)


@dataclass(frozen=True)
class Grade:
    """One assessor's grade of a unit on a criterion, and where it was written (`grades.yaml:5`)."""

    assessor: str
    points: Decimal
    reason: str
    source: str


@dataclass(frozen=True)
class GradedFacts:
    """A graded line's facts: how the grades combine, the grades as given, and the combined grade (exact)."""

    combine: Combine
    grades: tuple[Grade, ...]
    result: Decimal


@dataclass(frozen=True)
class GradingFile:
    path: str
    sha256: str


@dataclass(frozen=True)
class Grades:
    """The grades of a round: (unit, criterion) → its grades, in the order of their files and lines."""

    files: tuple[GradingFile, ...]  # the grading files read, sorted by path (grades in the review file are not here)
    given: Mapping[tuple[str, str], tuple[Grade, ...]]


NO_GRADES = Grades((), {})


# Why a graded line has no points: facts, worded in scoring/wording/.
@dataclass(frozen=True)
class NoGrades:
    """No assessor graded the unit on the criterion."""


@dataclass(frozen=True)
class TooFewGrades:
    """Fewer grades than the criterion's `assessors`."""

    given: int
    needed: int


@dataclass(frozen=True)
class TrimNeedsThree:
    """A trimmed mean drops the highest and the lowest grade: it needs three grades at least."""

    given: int


Short = NoGrades | TooFewGrades | TrimNeedsThree


class GradesShort(Exception):  # a unit's grades falling short: caught by evaluate
    def __init__(self, fact: Short) -> None:
        super().__init__(type(fact).__name__)
        self.fact = fact


def combine(how: Combine, points: Sequence[Decimal]) -> Decimal:
    """The grades joined exactly: their mean; their median (of an even count, the mean of the two middle grades);
    or their trimmed mean (the mean without the single highest and the single lowest grade)."""
    ordered = sorted(points)
    n = len(ordered)
    if how == "median":
        mid = n // 2
        return ordered[mid] if n % 2 else CONTEXT.divide(CONTEXT.add(ordered[mid - 1], ordered[mid]), TWO)
    kept = ordered[1:-1] if how == "trimmed_mean" else ordered
    total = ZERO
    for p in kept:
        total = CONTEXT.add(total, p)
    return CONTEXT.divide(total, Decimal(len(kept)))


def graded(criterion: Criterion, grades: Sequence[Grade]) -> GradedFacts:
    """A unit's grades on `criterion` combined, or GradesShort saying why they cannot be."""
    if not grades:
        raise GradesShort(NoGrades())
    if len(grades) < criterion.assessors:
        raise GradesShort(TooFewGrades(len(grades), criterion.assessors))
    if criterion.combine == "trimmed_mean" and len(grades) < 3:  # the highest, the lowest, and one kept
        raise GradesShort(TrimNeedsThree(len(grades)))
    return GradedFacts(criterion.combine, tuple(grades), combine(criterion.combine, [g.points for g in grades]))


def short_problem(unit: str, criterion: Criterion, fact: Short) -> Problem:
    """A unit's grades falling short, located at the criterion's line in the criteria file."""
    what = msg("criterion {id} ({label})", id=criterion.id, label=criterion.label)
    if isinstance(fact, NoGrades):
        text = msg(
            "unit {unit}: {what} is graded by the assessors, but no grade is given; give the grades (--grades FILE,"
            " or grades in the review file), or declare what no grade means (if_missing: no_points)",
            unit=unit,
            what=what,
        )
    elif isinstance(fact, TooFewGrades):
        text = msg(
            "unit {unit}: {what} needs grades from {needed} assessors (assessors: {needed}), but {given} given",
            unit=unit,
            what=what,
            needed=fact.needed,
            given=fact.given,
        )
    else:
        text = msg(
            "unit {unit}: {what} combines by trimmed_mean, which leaves out the highest and the lowest grade and needs"
            " 3 grades or more, but {given} given",
            unit=unit,
            what=what,
            given=fact.given,
        )
    return Problem(criterion.rule.file, criterion.rule.line, 1, text)


def load_grades(criteria: Criteria, paths: Iterable[Path], review: tuple[Document, Sequence[GradeSpec]] | None = None) -> Grades:
    """The grading files and the review file's grades, every entry checked against the round; every problem at once."""
    problems: list[Problem] = []
    read: list[tuple[Document, Sequence[GradeSpec]]] = []
    files: dict[Path, Path] = {}
    for path in paths:
        files.setdefault(path.resolve(), path)  # a file named twice is read once
    for path in files.values():
        try:
            doc = load(path)
            spec = validate(GradesSpec, doc)
        except InvalidInput as e:
            problems += e.problems
            continue
        if spec.round != criteria.id:
            message = msg(
                "this grading file is for round '{grades_round}', but the criteria are for round '{criteria_round}'",
                grades_round=spec.round,
                criteria_round=criteria.id,
            )
            problems.append(_field(doc, ("round",), message))
        read.append((doc, spec.grades))
    read.sort(key=lambda r: r[0].file)
    digests = tuple(GradingFile(doc.file, hashlib.sha256(doc.raw).hexdigest()) for doc, _ in read)
    if review is not None:
        read.append(review)  # covered by the review's own digest
    given: dict[tuple[str, str], list[Grade]] = {}
    seen: dict[tuple[str, str, str], str] = {}
    lines = {c.id: c for c in criteria.criteria}
    for doc, entries in read:
        for i, g in enumerate(entries):
            at: Path_ = ("grades", i)
            ok = True
            if g.unit not in criteria.unit_ids:
                problems.append(
                    _field(
                        doc,
                        (*at, "unit"),
                        msg("unknown unit '{name}'{hint}", name=g.unit, hint=did_you_mean(g.unit, criteria.unit_ids)),
                    )
                )
                ok = False
            criterion = lines.get(g.criterion)
            if criterion is None:
                hint = did_you_mean(g.criterion, [c.id for c in criteria.criteria if c.method == "graded"] or lines)
                problems.append(
                    _field(doc, (*at, "criterion"), msg("unknown criterion '{name}'{hint}", name=g.criterion, hint=hint))
                )
                continue
            if criterion.method != "graded":
                message = msg(
                    "criterion {id} is scored by method {method}; only a criterion of method graded takes the assessors' grades",
                    id=criterion.id,
                    method=criterion.method,
                )
                problems.append(_field(doc, (*at, "criterion"), message))
                continue
            if not ZERO <= g.points <= criterion.max:
                message = msg(
                    "a grade of {criterion} is from 0 to {max} (its max), not {points}",
                    criterion=criterion.id,
                    max=criterion.max,
                    points=g.points,
                )
                problems.append(_field(doc, (*at, "points"), message))
                ok = False
            source = f"{doc.file}:{doc.where(at).line}"
            key = (g.unit, g.criterion, _person(g.assessor))
            if key in seen:
                message = msg(
                    "{assessor} has already graded {unit} on {criterion} ({first}); an assessor gives one grade",
                    assessor=g.assessor,
                    unit=g.unit,
                    criterion=g.criterion,
                    first=seen[key],
                )
                problems.append(_field(doc, (*at, "assessor"), message))
                continue
            seen[key] = source
            if ok:
                given.setdefault((g.unit, g.criterion), []).append(Grade(g.assessor, g.points, g.reason, source))
    if problems:
        raise InvalidInput(problems)
    return Grades(digests, {k: tuple(v) for k, v in given.items()})


def _person(name: str) -> str:
    """An assessor's name, as a person reads it: "Nguyễn  Văn An" and "nguyễn văn an" are one assessor."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def _field(doc: Document, where: Path_, message: Msg) -> Problem:
    pos = doc.where(where)
    return Problem(doc.file, pos.line, pos.col, msg("{field}: {problem}", field=dotted(where), problem=message))
