"""A round's criteria: loaded, checked in full, formulas compiled once.

`load_criteria` reads a criteria file and returns an immutable `Criteria`,
or raises `InvalidInput` with every problem found, each at its file, line and
column, formulas with a caret under the bad spot.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Literal

from scoring.errors import InvalidInput, Problem
from scoring.formula import FUNCTIONS, Formula, FormulaError, Parts, Type, caret, compile_formula
from scoring.numbers import NotANumber, parse_number, quantize
from scoring.schema import (
    BandSpec,
    CriteriaSpec,
    CriterionKey,
    CriterionSpec,
    CriterionTake,
    DerivedSpec,
    GroupKey,
    GroupTake,
    IndicatorSpec,
    RankBy,
    TableRowSpec,
    WeightedMean,
    dotted,
    validate,
)
from scoring.wording import Listing, Msg, closest, msg, word
from scoring.yamlio import Document, Path_, Position, load

RESERVED = frozenset({"max_points", "total", "True", "False", *FUNCTIONS})

Method = Literal["achieved", "per_item", "target", "relative", "bands", "table", "formula", "graded"]

# Which optional keys each method takes; any other is an error, not ignored.
_METHOD_KEYS: dict[str, set[str]] = {
    "achieved": {"of"},
    "per_item": {"of", "points_each"},
    "target": {"of"},
    "relative": {"of"},
    "bands": {"of", "bands"},
    "table": {"of", "table"},
    "formula": {"formula"},
    "graded": {"combine", "assessors"},  # neither required: combine defaults to mean, assessors to 1
}


@dataclass(frozen=True)
class Rule:
    """Where a rule stands in the criteria file, for traces: `2023.yaml:42`."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    cluster: str  # the cluster (cụm, khối thi đua) it competes in; the round's id when it has none
    formed_from: tuple[str, ...] = ()  # the previous round's units it was formed from


@dataclass(frozen=True)
class Cluster:
    id: str
    name: str


@dataclass(frozen=True)
class Take:
    """What an indicator takes from another round's result for the unit: its total, the sum of its criteria
    (before bonuses and deductions), a group's points or a criterion's points."""

    kind: Literal["total", "criteria", "group", "criterion"]
    ref: str | None = None  # the group's or the criterion's id


@dataclass(frozen=True)
class FromSource:
    """An indicator whose value comes from a source round (`from`), not from the units' reports."""

    source: str
    take: Take
    where: Position  # where `from` is written
    take_where: Position  # where its `take` is written


@dataclass(frozen=True)
class Source:
    """Another round's decision record (biên bản) whose results, by unit, this round takes (a Sở's scores, say)."""

    id: str
    record: Path  # resolved from the criteria file's folder
    units: Mapping[str, str]  # this round's unit id → the source round's, where they differ
    where: Position  # where `record` is written


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    type: Literal["integer", "number", "boolean", "choice"]
    unit: str | None
    min: Decimal | None
    max: Decimal | None
    default: Decimal | bool | None
    choices: Mapping[str, Decimal]
    carry: str = "sum"  # sum | mean | max | min | any | all | weighted_mean: how predecessors' values combine
    carry_weight: str | None = None  # the indicator weighting a weighted_mean
    if_no_evidence: Literal["error", "no_points"] | None = None  # None: evidence (căn cứ) is optional
    source: FromSource | None = None  # taken from another round's record instead of reported
    default_answer: str | None = None  # a choice indicator's default, as the answer it names

    @property
    def formula_type(self) -> Type:
        return "boolean" if self.type == "boolean" else "number"


@dataclass(frozen=True)
class Derived:
    """A named intermediate value (giá trị trung gian), shown in explanations."""

    id: str
    label: str
    formula: Formula
    rule: Rule


@dataclass(frozen=True)
class Band:
    start: Decimal
    points: Decimal


@dataclass(frozen=True)
class TableRow:
    """A row of a table (bảng quy đổi): a choice's answer, or a range start..end (both included; end None: open)."""

    points: Decimal  # from −max to max: a negative row is a deduction inside the line
    answer: str | None = None
    start: Decimal | None = None
    end: Decimal | None = None


@dataclass(frozen=True)
class Criterion:
    """One line of the scoring table (tiêu chí), with its rule compiled."""

    id: str
    label: str
    group: str
    max: Decimal
    method: Method
    of: str | None
    points_each: Decimal | None
    bands: tuple[Band, ...]
    formula: Formula | None
    if_missing: Literal["error", "no_points"]
    rule: Rule
    combine: Literal["mean", "median", "trimmed_mean"] = "mean"  # graded: how the assessors' grades combine
    assessors: int = 1  # graded: the fewest grades a unit needs
    table: tuple[TableRow, ...] = ()

    @property
    def least(self) -> Decimal:
        """The fewest points the line can score: 0, or its table's negative row (a deduction inside the line)."""
        return min((row.points for row in self.table if row.points < 0), default=Decimal(0))


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    max: Decimal
    criteria: tuple[Criterion, ...]
    rule: Rule


@dataclass(frozen=True)
class Adjustment:
    """A bonus (điểm thưởng) or deduction (điểm trừ), capped."""

    id: str
    label: str
    kind: Literal["bonus", "deduction"]
    formula: Formula
    cap: Decimal | None
    if_missing: Literal["error", "no_points"]
    rule: Rule


@dataclass(frozen=True)
class Disqualifier:
    id: str
    label: str
    when: Formula
    blocks: tuple[str, ...]  # classification band ids (and, later, award ids); "all" expanded
    rule: Rule


@dataclass(frozen=True)
class ClassificationBand:
    """Xếp loại: a minimum total, floors (shares of a criterion's or a group's max), criteria that may not score 0."""

    id: str
    label: str
    min_total: Decimal | None
    floor: Decimal | None  # on every criterion
    rule: Rule
    floor_in: Mapping[str, Decimal] = field(default_factory=dict)  # group → floor on each of its criteria (floor: {I: 85%})
    group_floor: Mapping[str, Decimal] = field(default_factory=dict)  # group → share of the group's max it must reach
    no_zero: tuple[str, ...] = ()  # groups none of whose criteria may score 0


@dataclass(frozen=True)
class TieBreak:
    """One key of the tie-break order: a group's or criterion's points, a value, deductions or bonuses."""

    kind: Literal["group", "criterion", "value", "deductions", "bonuses"]
    ref: str | None
    prefer: Literal["higher", "lower"]

    def __str__(self) -> str:
        return word(self.describe())

    def describe(self) -> Msg:
        higher = self.prefer == "higher"
        if self.kind == "deductions":
            return msg("fewer deductions")
        if self.kind == "bonuses":
            return msg("more bonuses")
        if self.kind == "group":
            return msg("group {ref} (higher first)", ref=self.ref) if higher else msg("group {ref} (lower first)", ref=self.ref)
        if self.kind == "criterion":
            if higher:
                return msg("criterion {ref} (higher first)", ref=self.ref)
            return msg("criterion {ref} (lower first)", ref=self.ref)
        return msg("value {ref} (higher first)", ref=self.ref) if higher else msg("value {ref} (lower first)", ref=self.ref)


@dataclass(frozen=True)
class Measure:
    """What an award's seats are ranked by (xếp theo): the total, the criteria's points before bonuses and
    deductions, a group's points, or a declared value (indicator or derived)."""

    kind: Literal["total", "criteria", "group", "value"]
    ref: str | None = None
    prefer: Literal["higher", "lower"] = "higher"


TOTAL = Measure("total")


@dataclass(frozen=True)
class Award:
    """An award tier (danh hiệu, hình thức khen thưởng) with its quota and conditions."""

    id: str
    label: str
    scope: Literal["round", "cluster"]
    quota: int | None  # a number of seats, or
    share: Decimal | None  # a share of `share_of`, rounded by `quota_rounding`
    share_of: Literal["units", "candidates", "eligible", "clusters"]
    quota_rounding: Literal["down", "up", "half_up"]
    among: str | None  # only units proposed for this earlier award are candidates
    min_total: Decimal | None
    classification: tuple[str, ...] | None
    max_rank: int | None
    min_group: Mapping[str, Decimal]
    min_criterion: Mapping[str, Decimal]
    when: Formula | None
    vote: Decimal | None  # the share of votes in favour the meeting needs
    also_lower: bool
    rule: Rule
    group_floor: Mapping[str, Decimal] = field(default_factory=dict)  # group → share of the group's max it must reach
    no_zero: tuple[str, ...] = ()  # groups none of whose criteria may score 0
    rank_by: Measure = TOTAL


class _Later(Mapping[str, str]):
    """The names derived value `derived` may not read (itself, and those declared below it), and why.

    Worded only when a formula reads one: building every reason for every derived value up front made loading a file
    of n derived values take n² steps. formula.py takes the reasons as text, worded in the language in force.
    """

    def __init__(self, derived: str, order: Mapping[str, int]) -> None:
        self.derived = derived
        self.order = order  # every derived value's place in the file

    def __getitem__(self, name: str) -> str:
        if name == self.derived:
            return word(msg("'{name}' refers to itself", name=name))
        if self.order.get(name, -1) > self.order[self.derived]:
            return word(
                msg(
                    "'{name}' is declared below '{derived}'; a derived value reads only names declared above it",
                    name=name,
                    derived=self.derived,
                )
            )
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (name for name, i in self.order.items() if i >= self.order[self.derived])

    def __len__(self) -> int:
        return len(self.order) - self.order[self.derived]


@dataclass(frozen=True)
class Previous:
    """The round before: its criteria file and submissions, resolved from the criteria file's folder."""

    criteria: Path
    submissions: tuple[Path, ...]


@dataclass(frozen=True)
class Criteria:
    id: str
    title: str
    year: int | None  # None: the file names no year
    scale: Decimal
    places: int
    rounding: str
    file: str
    sha256: str
    units: tuple[Unit, ...]
    indicators: Mapping[str, Indicator]
    derived: tuple[Derived, ...]
    targets: Mapping[str, Mapping[str, Decimal]]
    groups: tuple[Group, ...]
    adjustments: tuple[Adjustment, ...]
    disqualifiers: tuple[Disqualifier, ...]
    classification: tuple[ClassificationBand, ...]  # empty: the round has no bands
    clusters: tuple[Cluster, ...]
    tie_break: tuple[TieBreak, ...]
    awards: tuple[Award, ...]
    previous: Previous | None = None
    renamed: Mapping[str, str] = field(default_factory=dict)  # indicators renamed since the previous round: old → new
    sources: Mapping[str, Source] = field(default_factory=dict)  # other rounds' records that indicators take from

    @cached_property
    def unit_ids(self) -> frozenset[str]:
        return frozenset(u.id for u in self.units)

    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for g in self.groups for c in g.criteria)

    @cached_property
    def reads_points(self) -> bool:
        """An adjustment or a disqualifier reads the lines' points (points("I.2")): scoring hands them the points."""
        return any(a.formula.parts for a in self.adjustments) or any(d.when.parts for d in self.disqualifiers)


def load_criteria(path: Path) -> Criteria:
    doc = load(path)
    spec = validate(CriteriaSpec, doc)
    return _Builder(doc, spec).build()


class _Builder:
    """Checks the meaning of a validated file, collecting every problem."""

    def __init__(self, doc: Document, spec: CriteriaSpec) -> None:
        self.doc = doc
        self.spec = spec
        self.problems: list[Problem] = []
        self.parts = Parts(tuple(c.id for g in spec.groups for c in g.criteria), tuple(g.id for g in spec.groups))
        self.answers = {iid: tuple(i.choices or ()) for iid, i in spec.indicators.items() if i.type == "choice"}

    def problem(self, path: Path_, message: Msg, offset: int = 0) -> None:
        where = dotted(path)
        pos = self.doc.where(path)
        located = msg("{path}: {message}", path=where, message=message) if where else message
        self.problems.append(Problem(self.doc.file, pos.line, pos.col + offset, located))

    def rule(self, path: Path_) -> Rule:
        return Rule(self.doc.file, self.doc.where(path).line)

    def formula(
        self,
        path: Path_,
        text: str,
        scope: Mapping[str, Type],
        want: Type | None,
        constants: Mapping[str, Decimal] | None = None,
        unavailable: Mapping[str, str] | None = None,
        parts: Parts | None = None,
    ) -> Formula | None:
        try:
            formula = compile_formula(text, scope, constants, unavailable, parts=parts, answers=self.answers)
        except FormulaError as e:
            e = self.criterion_named(text, scope, e)
            pos = self.doc.where(path)
            single_line = "\n" not in text.strip()
            offset = (e.offset + (1 if pos.quoted else 0)) if single_line else 0
            self.problem(path, msg("{error}\n{caret}", error=e.message, caret=caret(text, e.offset)), offset)
            return None
        for name in formula.previous:
            if self.spec.previous is None:
                self.problem(
                    path,
                    msg(
                        "previous({name}) needs the previous round: declare previous: {{criteria: …, submissions: …}}", name=name
                    ),
                )
                return None
            if name not in self.spec.indicators:
                self.problem(
                    path,
                    msg("previous({name}): '{name}' is not an indicator; previous() reads last round's indicators", name=name),
                )
                return None
        if want is not None and formula.type != want:
            under = caret(text, 0)
            if want == "boolean":
                self.problem(path, msg("the formula gives a number, but a yes/no condition is needed here\n{caret}", caret=under))
            else:
                self.problem(path, msg("the formula gives a yes/no condition, but a number is needed here\n{caret}", caret=under))
            return None
        return formula

    def criterion_named(self, text: str, scope: Mapping[str, Type], e: FormulaError) -> FormulaError:
        """A formula that fails where it names a criterion or a group: how a formula reads their points."""
        named = [(c.id, True) for g in self.spec.groups for c in g.criteria] + [(g.id, False) for g in self.spec.groups]
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", lambda m: " " * len(m.group()), text)  # a choice's answer is not an id
        for cid, criterion in named:
            found = list(re.finditer(rf"(?<![\w.]){re.escape(cid)}(?![\w.])", unquoted)) if cid not in scope else []
            hit = next((f for f in found if f.start() <= e.offset <= f.end()), None)
            if hit is None and found and not cid.isidentifier():
                hit = found[0]  # 'I.2' is never a formula: the parser stops where it sees it, or at an earlier 'if'
            if hit is not None and re.search(r"\bpoints\(\s*$", text[: hit.start()]):
                return e  # points(I) without quotes: the points function's own message says how to write it
            if hit is not None:
                if criterion:
                    hint = msg("'{id}' is a criterion; a formula reads its points as points(\"{id}\")", id=cid)
                else:
                    hint = msg("'{id}' is a group; a formula reads its points as group_points(\"{id}\")", id=cid)
                return FormulaError(hint, hit.start())
        return e

    def build(self) -> Criteria:
        spec = self.spec
        clusters = self.clusters()
        units = tuple(Unit(uid, u.name, u.cluster or spec.id, tuple(u.formed_from)) for uid, u in spec.units.items())
        indicators = {iid: self.indicator(iid, i) for iid, i in spec.indicators.items()}
        scope: dict[str, Type] = {iid: i.formula_type for iid, i in indicators.items()}
        derived = self.derived(scope)
        targets = self.targets(units, indicators)
        groups = self.groups(scope, indicators, targets, units)
        adjustments = self.adjustments(scope)
        classification = self.classification()
        awards = self.awards(scope, classification)
        disqualifiers = self.disqualifiers(scope, classification, awards)
        tie_break = self.tie_break(scope)
        sources = self.sources(units)
        self.unique(
            [("groups", i, "id") for i in range(len(spec.groups))]
            + [("groups", i, "criteria", j, "id") for i, g in enumerate(spec.groups) for j in range(len(g.criteria))]
            + [("adjustments", i, "id") for i in range(len(spec.adjustments))]
            + [("disqualifiers", i, "id") for i in range(len(spec.disqualifiers))]
            + [("classification", i, "id") for i in range(len(spec.classification or []))]
            + [("awards", i, "id") for i in range(len(spec.awards))]
        )
        self.names_distinct(indicators, derived)
        self.check_lineage(indicators)
        total = sum((g.max for g in spec.groups), Decimal(0))
        if total != spec.scale:
            maxima = Listing(tuple(g.max for g in spec.groups), " + ")
            self.problem(
                ("scale",),
                msg(
                    "the groups' maxima add up to {maxima} = {total}, not the scale {scale}",
                    maxima=maxima,
                    total=total,
                    scale=spec.scale,
                ),
            )
        if self.problems:
            raise InvalidInput(self.problems)
        return Criteria(
            id=spec.id,
            title=spec.title,
            year=spec.year,
            scale=spec.scale,
            places=spec.rounding.places,
            rounding=spec.rounding.mode,
            file=self.doc.file,
            sha256=hashlib.sha256(self.doc.raw).hexdigest(),
            units=units,
            indicators=indicators,
            derived=tuple(derived),
            targets=targets,
            groups=tuple(g for g in groups if g is not None),
            adjustments=tuple(a for a in adjustments if a is not None),
            disqualifiers=disqualifiers,
            classification=classification,
            clusters=clusters,
            tie_break=tie_break,
            awards=awards,
            previous=self.previous(),
            renamed=dict(spec.renamed),
            sources=sources,
        )

    def indicator(self, iid: str, spec: IndicatorSpec) -> Indicator:
        path: Path_ = ("indicators", iid)
        if spec.type == "choice" and not spec.choices:
            self.problem((*path, "type"), msg("a choice indicator needs 'choices': each answer with the number it stands for"))
        if spec.type != "choice" and spec.choices is not None:
            self.problem((*path, "choices"), msg("'choices' is only for indicators of type choice"))
        if spec.type in ("boolean", "choice") and (spec.min is not None or spec.max is not None):
            self.problem(
                (*path, "min" if spec.min is not None else "max"), msg("a {type} indicator has no range", type=spec.type)
            )
        if spec.min is not None and spec.max is not None and spec.min > spec.max:
            self.problem((*path, "min"), msg("min {min} is above max {max}", min=spec.min, max=spec.max))
        default: Decimal | bool | None = None
        if spec.default is not None:
            default = self.default(path, spec)
        answer = spec.default if spec.type == "choice" and isinstance(spec.default, str) and default is not None else None
        carry, weight = self.carry(path, spec)
        if_no_evidence = self.evidence(path, spec)
        return Indicator(
            iid,
            spec.label,
            spec.type,
            spec.unit,
            spec.min,
            spec.max,
            default,
            dict(spec.choices or {}),
            carry,
            weight,
            if_no_evidence,
            self.taken_from(path, spec),
            answer,
        )

    def evidence(self, path: Path_, spec: IndicatorSpec) -> Literal["error", "no_points"] | None:
        """Whether a reported value needs its evidence, and what a value without it means: the indicator's, else the round's."""
        if (spec.evidence or self.spec.evidence) == "required":
            return spec.if_no_evidence or self.spec.if_no_evidence
        if spec.if_no_evidence is not None:
            self.problem(
                (*path, "if_no_evidence"),
                msg("if_no_evidence is only for an indicator that requires evidence (evidence: required)"),
            )
        return None

    def taken_from(self, path: Path_, spec: IndicatorSpec) -> FromSource | None:
        """`from`: the source it names must be declared, and what it takes is points, a number."""
        given = spec.from_
        if given is None:
            return None
        at: Path_ = (*path, "from")
        if given.source not in self.spec.sources:
            self.problem(
                (*at, "source"),
                msg(
                    "unknown source '{name}'{hint} (declare it under sources)",
                    name=given.source,
                    hint=did_you_mean(given.source, self.spec.sources),
                ),
            )
        if spec.type != "number":
            self.problem((*path, "type"), msg("an indicator taken from another round holds points: give it type: number"))
        take = given.take
        if isinstance(take, GroupTake):
            kind, taken = Take("group", take.group), (*at, "take", "group")
        elif isinstance(take, CriterionTake):
            kind, taken = Take("criterion", take.criterion), (*at, "take", "criterion")
        else:
            kind, taken = Take(take), (*at, "take")
        return FromSource(given.source, kind, self.doc.where(at), self.doc.where(taken))

    def sources(self, units: tuple[Unit, ...]) -> dict[str, Source]:
        here = Path(self.doc.file).parent
        ids = [u.id for u in units]
        for sid, spec in self.spec.sources.items():
            for uid in spec.units:
                if uid not in ids:
                    self.problem(
                        ("sources", sid, "units", uid),
                        msg("unknown unit '{name}'{hint}", name=uid, hint=did_you_mean(uid, ids)),
                    )
        return {
            sid: Source(sid, Path(os.path.normpath(here / s.record)), dict(s.units), self.doc.where(("sources", sid, "record")))
            for sid, s in self.spec.sources.items()
        }

    def carry(self, path: Path_, spec: IndicatorSpec) -> tuple[str, str | None]:
        """How a merged unit's previous value comes from its predecessors': checked against the type."""
        given = spec.carry
        yes_no = spec.type == "boolean"
        if given is None:
            return ("any" if yes_no else "sum"), None
        if isinstance(given, WeightedMean):
            weight = self.spec.indicators.get(given.weighted_mean)
            if weight is None or weight.type not in ("integer", "number"):
                self.problem(
                    (*path, "carry", "weighted_mean"),
                    msg("'{name}' is not a numeric indicator of this round", name=given.weighted_mean),
                )
            return "weighted_mean", given.weighted_mean
        if yes_no and given not in ("any", "all"):
            self.problem(
                (*path, "carry"), msg("a {type} indicator carries by any or all, not {given}", type=spec.type, given=given)
            )
        elif not yes_no and given in ("any", "all"):
            self.problem(
                (*path, "carry"),
                msg(
                    "a {type} indicator carries by sum, mean, max, min or weighted_mean, not {given}", type=spec.type, given=given
                ),
            )
        return given, None

    def previous(self) -> Previous | None:
        spec = self.spec.previous
        if spec is None:
            return None
        here = Path(self.doc.file).parent
        folders = [spec.submissions] if isinstance(spec.submissions, str) else spec.submissions
        return Previous(here / spec.criteria, tuple(here / f for f in folders))

    def check_lineage(self, indicators: Mapping[str, Indicator]) -> None:
        for old, new in self.spec.renamed.items():
            if new not in indicators:
                self.problem(
                    ("renamed", old),
                    msg(
                        "unknown indicator '{name}'{hint} (renamed maps an old id to an indicator of this round)",
                        name=new,
                        hint=did_you_mean(new, indicators),
                    ),
                )
        for uid, unit in self.spec.units.items():
            if len(set(unit.formed_from)) != len(unit.formed_from):
                self.problem(("units", uid, "formed_from"), msg("a predecessor is named twice"))

    def default(self, path: Path_, spec: IndicatorSpec) -> Decimal | bool | None:
        value = spec.default
        if spec.type == "boolean":
            if isinstance(value, bool):
                return value
        elif spec.type == "choice":
            if isinstance(value, str) and value in (spec.choices or {}):
                return (spec.choices or {})[value]
        elif isinstance(value, Decimal) and not isinstance(value, bool):
            if spec.type == "integer" and value != value.to_integral_value():
                self.problem((*path, "default"), msg("the default {value} is not a whole number", value=value))
            elif (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
                self.problem((*path, "default"), msg("the default {value} is outside the indicator's range", value=value))
            return value
        self.problem((*path, "default"), msg("the default does not fit the indicator's type ({type})", type=spec.type))
        return None

    def derived(self, scope: dict[str, Type]) -> list[Derived]:
        result = []
        order = {name: i for i, name in enumerate(self.spec.derived)}
        for name, value in self.spec.derived.items():
            spec = value if isinstance(value, DerivedSpec) else DerivedSpec(formula=value)
            path: Path_ = ("derived", name) if isinstance(value, str) else ("derived", name, "formula")
            formula = self.formula(path, spec.formula, scope, None, unavailable=_Later(name, order))
            if formula is None:
                continue
            if formula.cohort:
                function, of = formula.cohort[0]
                self.problem(
                    path,
                    msg(
                        "{function}({of}) compares across the round, so it belongs in a criterion, not a derived value",
                        function=function,
                        of=of,
                    ),
                )
                continue
            result.append(Derived(name, spec.label or name, formula, self.rule(path)))
            scope[name] = formula.type
        return result

    def targets(self, units: tuple[Unit, ...], indicators: Mapping[str, Indicator]) -> dict[str, dict[str, Decimal]]:
        unit_ids = {u.id for u in units}
        for iid, per_unit in self.spec.targets.items():
            if iid not in indicators:
                self.problem(
                    ("targets", iid), msg("unknown indicator '{name}'{hint}", name=iid, hint=did_you_mean(iid, indicators))
                )
            for uid, value in per_unit.items():
                if uid not in unit_ids:
                    self.problem(
                        ("targets", iid, uid), msg("unknown unit '{name}'{hint}", name=uid, hint=did_you_mean(uid, unit_ids))
                    )
                if value <= 0:
                    self.problem(("targets", iid, uid), msg("a target must be above zero, not {value}", value=value))
        return {iid: dict(per_unit) for iid, per_unit in self.spec.targets.items()}

    def groups(
        self,
        scope: Mapping[str, Type],
        indicators: Mapping[str, Indicator],
        targets: Mapping[str, Mapping[str, Decimal]],
        units: tuple[Unit, ...],
    ) -> list[Group | None]:
        result: list[Group | None] = []
        for gi, group in enumerate(self.spec.groups):
            criteria = []
            for ci, spec in enumerate(group.criteria):
                criterion = self.criterion(("groups", gi, "criteria", ci), group.id, spec, scope, indicators, targets, units)
                if criterion is not None:
                    criteria.append(criterion)
            total = sum((c.max for c in group.criteria), Decimal(0))
            if total != group.max:
                self.problem(
                    ("groups", gi, "max"),
                    msg(
                        "group {group}'s criteria add up to {maxima} = {total}, not its max {max}",
                        group=group.id,
                        maxima=Listing(tuple(c.max for c in group.criteria), " + "),
                        total=total,
                        max=group.max,
                    ),
                )
            result.append(Group(group.id, group.label, group.max, tuple(criteria), self.rule(("groups", gi))))
        return result

    def criterion(
        self,
        path: Path_,
        group: str,
        spec: CriterionSpec,
        scope: Mapping[str, Type],
        indicators: Mapping[str, Indicator],
        targets: Mapping[str, Mapping[str, Decimal]],
        units: tuple[Unit, ...],
    ) -> Criterion | None:
        method: Method = spec.method or ("formula" if spec.formula is not None else "achieved")
        if spec.method is None and spec.formula is None:
            self.problem(
                (*path, "method"),
                msg("say how it is scored: method achieved, per_item, target, relative, bands, table, graded or formula"),
            )
            return None
        ok = True
        for key in ("of", "points_each", "bands", "table", "formula"):
            given = getattr(spec, key) is not None
            if given and key not in _METHOD_KEYS[method]:
                self.problem((*path, key), msg("'{key}' does not belong to method {method}", key=key, method=method))
                ok = False
            elif not given and key in _METHOD_KEYS[method]:
                self.problem((*path, "method"), msg("method {method} needs '{key}'", method=method, key=key))
                ok = False
        for key in ("combine", "assessors"):  # graded's own keys, optional
            if getattr(spec, key) is not None and key not in _METHOD_KEYS[method]:
                self.problem((*path, key), msg("'{key}' does not belong to method {method}", key=key, method=method))
                ok = False
        formula = None
        if method == "formula" and spec.formula is not None:
            formula = self.formula((*path, "formula"), spec.formula, scope, "number", {"max_points": spec.max})
            ok = ok and formula is not None
        if spec.of is not None:
            ok = self.check_of(path, method, spec, scope, indicators, targets, units) and ok
        bands = self.bands(path, spec.max, spec.bands or [])
        ok = bands is not None and ok
        table: tuple[TableRow, ...] | None = ()
        if spec.table is not None and spec.of is not None and spec.of in scope and method == "table":
            table = self.table((*path, "table"), spec.max, spec.of, spec.table)
            ok = table is not None and ok
        ok = self.fits((*path, "max"), spec.max) and ok
        if spec.points_each is not None and spec.points_each <= 0:
            self.problem((*path, "points_each"), msg("points_each must be above zero"))
            ok = False
        if not ok:
            return None
        return Criterion(
            spec.id,
            spec.label,
            group,
            spec.max,
            method,
            spec.of,
            spec.points_each,
            bands or (),
            formula,
            spec.if_missing,
            self.rule(path),
            spec.combine or "mean",
            spec.assessors or 1,
            table or (),
        )

    def check_of(
        self,
        path: Path_,
        method: Method,
        spec: CriterionSpec,
        scope: Mapping[str, Type],
        indicators: Mapping[str, Indicator],
        targets: Mapping[str, Mapping[str, Decimal]],
        units: tuple[Unit, ...],
    ) -> bool:
        name = spec.of
        assert name is not None
        if name not in scope:
            self.problem(
                (*path, "of"), msg("unknown indicator or derived value '{name}'{hint}", name=name, hint=did_you_mean(name, scope))
            )
            return False
        want: Type = "boolean" if method == "achieved" else "number"  # a choice is a number: its answer's
        if scope[name] != want:
            if want == "boolean":
                wrong = msg("method {method} needs a yes/no value, but '{name}' is a number", method=method, name=name)
            else:
                wrong = msg("method {method} needs a number, but '{name}' is a yes/no value", method=method, name=name)
            self.problem((*path, "of"), wrong)
            return False
        indicator = indicators.get(name)
        unbounded = indicator is not None and (indicator.min is None or indicator.min < 0)
        if method in ("per_item", "target", "relative") and unbounded:
            self.problem(
                (*path, "of"),
                msg("method {method} counts '{name}', which may be negative: give it min: 0", method=method, name=name),
            )
            return False
        if method == "target":
            if name not in indicators:
                self.problem(
                    (*path, "of"),
                    msg("method target needs an indicator with per-unit targets; '{name}' is a derived value", name=name),
                )
                return False
            missing = [u.id for u in units if u.id not in targets.get(name, {})]
            if missing:
                self.problem(
                    (*path, "of"),
                    msg(
                        "no target for '{name}' is set for: {units} (add them under targets.{name})",
                        name=name,
                        units=Listing(tuple(missing)),
                    ),
                )
                return False
        return True

    def fits(self, path: Path_, points: Decimal) -> bool:
        """A max or cap the round's rounding keeps exactly; rounding never passes such a limit."""
        places = self.spec.rounding.places
        if points == quantize(points, places, "down"):
            return True
        self.problem(
            path,
            msg(
                "{points} has more decimal places than the round keeps (rounding.places: {places})", points=points, places=places
            ),
        )
        return False

    def bands(self, path: Path_, maximum: Decimal, bands: list[BandSpec]) -> tuple[Band, ...] | None:
        """The bands rising; written from the top down (as tables list them, 'from' strictly falling) they are turned."""
        falling = len(bands) > 1 and all(b.from_ < a.from_ for a, b in pairwise(bands))
        ordered = list(reversed(bands)) if falling else bands
        return tuple(Band(b.from_, b.points) for b in ordered) if self.check_bands(path, maximum, bands, not falling) else None

    def check_bands(self, path: Path_, maximum: Decimal, bands: list[BandSpec], rising: bool = True) -> bool:
        ok = True
        for i, band in enumerate(bands):
            if band.points > maximum:
                self.problem(
                    (*path, "bands", i, "points"),
                    msg("{points} points is above the criterion's max {max}", points=band.points, max=maximum),
                )
                ok = False
            if rising and i and band.from_ <= bands[i - 1].from_:
                self.problem((*path, "bands", i, "from"), msg("bands must be listed with 'from' rising"))
                ok = False
        return ok

    def table(
        self, path: Path_, maximum: Decimal, of: str, given: Mapping[str, Decimal] | Sequence[TableRowSpec]
    ) -> tuple[TableRow, ...] | None:
        """Bảng quy đổi: each answer of a choice, or ranges of a number, to points from −max to max."""
        answers = self.answers.get(of)
        before = len(self.problems)
        if answers is not None:
            if not isinstance(given, Mapping):
                self.problem(
                    path,
                    msg(
                        "'{name}' is a choice indicator: its table gives each answer its points, e.g. {{{example}}}",
                        name=of,
                        example=", ".join(f"{a}: …" for a in answers),
                    ),
                )
                return None
            for answer, points in given.items():
                if answer not in answers:
                    self.problem(
                        (*path, answer),
                        msg(
                            "'{answer}' is not an answer of '{name}'{hint} (its answers: {answers})",
                            answer=answer,
                            name=of,
                            hint=did_you_mean(answer, answers),
                            answers=Listing(answers),
                        ),
                    )
                else:
                    self.row_points((*path, answer), maximum, points)
            missing = tuple(a for a in answers if a not in given)
            if missing:
                self.problem(
                    path,
                    msg(
                        "the table gives no points for {answers}: every answer of '{name}' needs its row",
                        answers=Listing(tuple(f"'{a}'" for a in missing)),
                        name=of,
                    ),
                )
            rows = tuple(TableRow(points, answer=answer) for answer, points in given.items())  # as the table lists them
            return rows if len(self.problems) == before else None
        if isinstance(given, Mapping):
            self.problem(
                path,
                msg(
                    "'{name}' is not a choice indicator: its table lists ranges, e.g. [{{from: 0, to: 0, points: 4}},"
                    " {{from: 1, points: 2}}]",
                    name=of,
                ),
            )
            return None
        for i, row in enumerate(given):
            self.row_points((*path, i, "points"), maximum, row.points)
            if row.to is None and i < len(given) - 1:
                self.problem((*path, i), msg("only the last row may leave out 'to' (it then has no upper end)"))
            if row.to is not None and row.to < row.from_:
                self.problem((*path, i, "to"), msg("the row ends at {to}, below its start {start}", to=row.to, start=row.from_))
            above = given[i - 1] if i else None
            if above is not None and row.from_ <= above.from_:
                self.problem((*path, i, "from"), msg("rows must be listed with 'from' rising"))
            elif above is not None and above.to is not None and row.from_ <= above.to:
                self.problem(
                    (*path, i, "from"),
                    msg(
                        "row {row} starts at {start}, inside row {above} ({low} to {high}): ranges include both ends,"
                        " so rows may not overlap",
                        row=i + 1,
                        start=row.from_,
                        above=i,
                        low=above.from_,
                        high=above.to,
                    ),
                )
        if len(self.problems) > before:
            return None
        return tuple(TableRow(row.points, start=row.from_, end=row.to) for row in given)

    def row_points(self, path: Path_, maximum: Decimal, points: Decimal) -> None:
        if not -maximum <= points <= maximum:
            self.problem(path, msg("{points} points is outside the criterion's −{max} to {max}", points=points, max=maximum))
        else:
            self.fits(path, points)

    def adjustments(self, scope: Mapping[str, Type]) -> list[Adjustment | None]:
        result: list[Adjustment | None] = []
        for i, spec in enumerate(self.spec.adjustments):
            path: Path_ = ("adjustments", i)
            formula = self.formula((*path, "formula"), spec.formula, scope, "number", parts=self.parts)
            fits = spec.cap is None or self.fits((*path, "cap"), spec.cap)
            if formula is None or not fits:
                result.append(None)
                continue
            result.append(Adjustment(spec.id, spec.label, spec.kind, formula, spec.cap, spec.if_missing, self.rule(path)))
        return result

    def classification(self) -> tuple[ClassificationBand, ...]:
        bands = self.spec.classification or []
        result = []
        for i, spec in enumerate(bands):
            path: Path_ = ("classification", i)
            last = i == len(bands) - 1
            if last and (spec.min_total is not None or spec.floor is not None):
                self.problem(
                    path, msg("the last band takes every unit that reaches no other band: leave out its min_total and floor")
                )
            elif last and (spec.group_floor is not None or spec.no_zero is not None):
                key = "group_floor" if spec.group_floor is not None else "no_zero"
                self.problem(
                    (*path, key), msg("the last band takes every unit that reaches no other band: leave out its {key}", key=key)
                )
            if not last and spec.min_total is None:
                self.problem(path, msg("every band but the last needs a min_total"))
            above = bands[i - 1].min_total if i else None
            if spec.min_total is not None and above is not None and spec.min_total > above:
                self.problem((*path, "min_total"), msg("bands go from the highest to the lowest: min_total must not rise"))
            floor = spec.floor if isinstance(spec.floor, Decimal) else None
            floor_in = self.group_shares((*path, "floor"), spec.floor) if isinstance(spec.floor, dict) else {}
            group_floor = self.group_shares((*path, "group_floor"), spec.group_floor)
            no_zero = self.named_groups((*path, "no_zero"), spec.no_zero)
            band = ClassificationBand(spec.id, spec.label, spec.min_total, floor, self.rule(path), floor_in, group_floor, no_zero)
            result.append(band)
        return tuple(result)

    def group_shares(self, path: Path_, given: Decimal | Mapping[str, Decimal] | None) -> dict[str, Decimal]:
        """A share for every group (50%), or for the named groups ({I: 60%}): group id → share."""
        groups = [g.id for g in self.spec.groups]
        if given is None:
            return {}
        if isinstance(given, Decimal):
            return dict.fromkeys(groups, given)
        if not given:
            self.problem(path, msg("names no group: name the groups with their share, e.g. {{I: 50%}}"))
        for gid in given:
            if gid not in groups:
                self.problem((*path, gid), msg("unknown group '{name}'{hint}", name=gid, hint=did_you_mean(gid, groups)))
        return {gid: share for gid, share in given.items() if gid in groups}

    def named_groups(self, path: Path_, given: str | Sequence[str] | None) -> tuple[str, ...]:
        """Every group (all), or the named groups ([I, III])."""
        groups = [g.id for g in self.spec.groups]
        if given is None:
            return ()
        if given == "all":
            return tuple(groups)
        if not given:
            self.problem(path, msg("names no group: name the groups, e.g. [I], or write all"))
        for j, gid in enumerate(given):
            if gid not in groups:
                self.problem((*path, j), msg("unknown group '{name}'{hint}", name=gid, hint=did_you_mean(gid, groups)))
        return tuple(dict.fromkeys(g for g in given if g in groups))

    def clusters(self) -> tuple[Cluster, ...]:
        spec = self.spec
        declared = tuple(Cluster(cid, c.name) for cid, c in spec.clusters.items())
        for uid, unit in spec.units.items():
            if declared and unit.cluster is None:
                self.problem(
                    ("units", uid),
                    msg(
                        "unit {unit} names no cluster; the round declares clusters: {clusters}",
                        unit=uid,
                        clusters=Listing(tuple(spec.clusters)),
                    ),
                )
            elif unit.cluster is not None and unit.cluster not in spec.clusters:
                self.problem(
                    ("units", uid, "cluster"),
                    msg(
                        "unknown cluster '{name}'{hint} (declare it under clusters)",
                        name=unit.cluster,
                        hint=did_you_mean(unit.cluster, spec.clusters),
                    ),
                )
        return declared or (Cluster(spec.id, spec.title),)

    def tie_break(self, scope: Mapping[str, Type]) -> tuple[TieBreak, ...]:
        groups = [g.id for g in self.spec.groups]
        criteria = [c.id for g in self.spec.groups for c in g.criteria]
        result = []
        for i, key in enumerate(self.spec.tie_break):
            path: Path_ = ("tie_break", i)
            if isinstance(key, str):
                result.append(TieBreak(key, None, "lower" if key == "deductions" else "higher"))
                continue
            if isinstance(key, GroupKey):
                kind, ref, known = "group", key.group, groups
            elif isinstance(key, CriterionKey):
                kind, ref, known = "criterion", key.criterion, criteria
            else:
                kind, ref, known = "value", key.value, [n for n, t in scope.items() if t == "number"]
            if ref not in known:
                hint = did_you_mean(ref, known)
                if kind == "group":
                    unknown = msg("unknown group '{name}'{hint}", name=ref, hint=hint)
                elif kind == "criterion":
                    unknown = msg("unknown criterion '{name}'{hint}", name=ref, hint=hint)
                else:
                    unknown = msg("unknown numeric value '{name}'{hint}", name=ref, hint=hint)
                self.problem((*path, kind), unknown)
                continue
            result.append(TieBreak(kind, ref, key.prefer))  # type: ignore[arg-type]
        return tuple(result)

    def awards(self, scope: Mapping[str, Type], classification: tuple[ClassificationBand, ...]) -> tuple[Award, ...]:
        spec = self.spec
        bands = [b.id for b in classification]
        groups = [g.id for g in spec.groups]
        criteria = [c.id for g in spec.groups for c in g.criteria]
        award_scope = {**scope, "total": "number"}
        result: list[Award] = []
        default = self.measure(("rank_by",), spec.rank_by, scope) or TOTAL
        for i, a in enumerate(spec.awards):
            path: Path_ = ("awards", i)
            ok = True
            rank_by = default if a.rank_by is None else self.measure((*path, "rank_by"), a.rank_by, scope)
            if rank_by is None:
                ok = False
            earlier = [b.id for b in result]
            if a.among is not None and a.among not in earlier:
                self.problem(
                    (*path, "among"),
                    msg(
                        "unknown earlier award '{name}'{hint} (among names an award listed above)",
                        name=a.among,
                        hint=did_you_mean(a.among, earlier),
                    ),
                )
                ok = False
            if a.scope == "cluster" and not spec.clusters:
                self.problem((*path, "scope"), msg("scope cluster needs clusters: declare them and give each unit its cluster"))
                ok = False
            share = None
            if isinstance(a.quota, str):
                try:
                    share = parse_number(a.quota.strip()[:-1].strip()) / 100
                except NotANumber as e:
                    self.problem((*path, "quota"), e.message)
                    ok = False
                if share is not None and share > 1:
                    self.problem((*path, "quota"), msg("a share of {share} is more than all the units", share=a.quota.strip()))
                    ok = False
            else:
                for key in ("share_of", "quota_rounding"):
                    if key in a.model_fields_set:
                        self.problem(
                            (*path, key), msg("'{key}' goes with a share quota such as 20%, not a number of seats", key=key)
                        )
                        ok = False
            need = a.requires
            if need.classification is not None and not bands:
                self.problem(
                    (*path, "requires", "classification"),
                    msg("the round has no classification bands to require: declare classification, or leave this out"),
                )
                ok = False
            for j, band in enumerate(need.classification or [] if bands else []):
                if band not in bands:
                    self.problem(
                        (*path, "requires", "classification", j),
                        msg("unknown classification band '{name}'{hint}", name=band, hint=did_you_mean(band, bands)),
                    )
                    ok = False
            for gid in need.min_group:
                if gid not in groups:
                    self.problem(
                        (*path, "requires", "min_group", gid),
                        msg("unknown group '{name}'{hint}", name=gid, hint=did_you_mean(gid, groups)),
                    )
                    ok = False
            for cid in need.min_criterion:
                if cid not in criteria:
                    self.problem(
                        (*path, "requires", "min_criterion", cid),
                        msg("unknown criterion '{name}'{hint}", name=cid, hint=did_you_mean(cid, criteria)),
                    )
                    ok = False
            before = len(self.problems)
            group_floor = self.group_shares((*path, "requires", "group_floor"), need.group_floor)
            no_zero = self.named_groups((*path, "requires", "no_zero"), need.no_zero)
            ok = ok and len(self.problems) == before
            when = None
            if need.when is not None:
                when = self.formula((*path, "requires", "when"), need.when, award_scope, "boolean", parts=self.parts)
                ok = ok and when is not None
            if not ok:
                continue
            result.append(
                Award(
                    a.id,
                    a.label,
                    a.scope,
                    None if share is not None else a.quota,  # type: ignore[arg-type]
                    share,
                    a.share_of,
                    a.quota_rounding,
                    a.among,
                    need.min_total,
                    tuple(need.classification) if need.classification is not None else None,
                    need.max_rank,
                    dict(need.min_group),
                    dict(need.min_criterion),
                    when,
                    a.vote,
                    a.also_lower,
                    self.rule(path),
                    group_floor,
                    no_zero,
                    rank_by or TOTAL,
                )
            )
        return tuple(result)

    def measure(self, path: Path_, spec: RankBy, scope: Mapping[str, Type]) -> Measure | None:
        """What an award ranks by; an unknown group or value is a problem (None)."""
        if isinstance(spec, str):
            return Measure(spec)
        if isinstance(spec, GroupKey):
            known = [g.id for g in self.spec.groups]
            if spec.group not in known:
                hint = did_you_mean(spec.group, known)
                self.problem((*path, "group"), msg("unknown group '{name}'{hint}", name=spec.group, hint=hint))
                return None
            return Measure("group", spec.group, spec.prefer)
        known = [n for n, t in scope.items() if t == "number"]
        if spec.value not in known:
            hint = did_you_mean(spec.value, known)
            self.problem((*path, "value"), msg("unknown numeric value '{name}'{hint}", name=spec.value, hint=hint))
            return None
        return Measure("value", spec.value, spec.prefer)

    def disqualifiers(
        self, scope: Mapping[str, Type], classification: tuple[ClassificationBand, ...], awards: tuple[Award, ...]
    ) -> tuple[Disqualifier, ...]:
        result = []
        blockable = [b.id for b in classification[:-1]] + [a.id for a in awards]
        for i, spec in enumerate(self.spec.disqualifiers):
            path: Path_ = ("disqualifiers", i)
            when = self.formula((*path, "when"), spec.when, scope, "boolean", parts=self.parts)
            if spec.blocks == "all":
                blocks = tuple(blockable)
            else:
                blocks = tuple(spec.blocks)
                if not blocks:
                    self.problem((*path, "blocks"), msg("blocks nothing: name the bands and awards it blocks, or write all"))
                for j, bid in enumerate(spec.blocks):
                    if classification and bid == classification[-1].id:
                        last = msg("'{band}' is the last band, which takes every unit: it cannot be blocked", band=bid)
                        self.problem((*path, "blocks", j), last)
                    elif bid not in blockable:
                        self.problem(
                            (*path, "blocks", j),
                            msg(
                                "unknown classification band or award '{name}'{hint}", name=bid, hint=did_you_mean(bid, blockable)
                            ),
                        )
            if when is not None:
                result.append(Disqualifier(spec.id, spec.label, when, blocks, self.rule(path)))
        return tuple(result)

    def unique(self, paths: Sequence[Path_]) -> None:
        seen: dict[str, Path_] = {}
        for path in paths:
            value = self.doc.data
            for part in path:
                value = value[part]
            if value in seen:
                line = self.doc.where(seen[value]).line
                self.problem(path, msg("the id '{id}' is already used on line {line}; ids must be unique", id=value, line=line))
            else:
                seen[value] = path

    def names_distinct(self, indicators: Mapping[str, Indicator], derived: list[Derived]) -> None:
        for name in [*self.spec.indicators, *self.spec.derived]:
            if name in RESERVED:
                where: Path_ = ("indicators" if name in self.spec.indicators else "derived", name)
                self.problem(where, msg("'{name}' is a reserved word in formulas; choose another name", name=name))
        for d in derived:
            if d.id in indicators:
                self.problem(
                    ("derived", d.id), msg("'{name}' is already an indicator; give the derived value another name", name=d.id)
                )


def did_you_mean(name: str, known: Iterable[str]) -> Msg | str:
    """ "; did you mean 'x'?" after an unknown name, when a declared one is close to it (else nothing)."""
    close = closest(name, known)
    return "" if close is None else msg("; did you mean '{close}'?", close=close)
