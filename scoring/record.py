"""The decision record (hồ sơ xét duyệt): everything the meeting decided, sealed with the inputs' digests.

`decide_round` runs the whole chain from the input files; `build_record` turns
its result into a `Record` (format thidua-record/2), the one model that the
record's writer, its readers and `verify` share; `verify` recomputes a record
from the input files and names every difference, so that anyone can check a
record later.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_serializer,
)

from scoring import __version__
from scoring.awards import propose
from scoring.criteria import Criteria
from scoring.errors import InvalidInput, Problem, ScoringFailure, ThiduaError
from scoring.evaluate import NO_BAND, Results
from scoring.grades import NO_GRADES, Grades
from scoring.lineage import previous_names
from scoring.numbers import plain, quantize
from scoring.output import params, rank_data, score_data
from scoring.pipeline import ProgressBars, score_round
from scoring.review import Breach, Decided, decide
from scoring.schema import CorrectionSpec, MeetingSpec, dotted
from scoring.sources import Fed
from scoring.submissions import MAX_EVIDENCE, Submission, collect, convert
from scoring.wording import LANGUAGES, Approx, Listing, Msg, Text, msg, word
from scoring.yamlio import Key, Path_, read_bytes

FORMAT = "thidua-record/2"  # 2: tie groups said once (proposal.tie_groups), evidence once a unit, compact JSON

# --- the record's model -------------------------------------------------------------------------------------------------
# Numbers are written as decimal text ("93.94", never 93.94) so that they stay exact; a reader gets `Decimal`s.

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


_MAX_DECIMAL_TEXT = 50  # the engine writes at most 16 digits before the point and 34 significant digits


def _decimal_text(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and len(value) <= _MAX_DECIMAL_TEXT and _DECIMAL_TEXT.fullmatch(value):
        return Decimal(value)
    raise ValueError("a decimal written as text")


DecimalText = Annotated[Decimal, BeforeValidator(_decimal_text), PlainSerializer(plain, return_type=str)]
Sha256 = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Omitting(_Model):
    """A model written without its empty optional keys, as the review file gives them."""

    @model_serializer(mode="wrap")
    def _without_none(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None or k in self._kept}

    _kept: ClassVar[frozenset[str]] = frozenset()  # keys written even when empty (null)


class FileDigest(_Model):
    path: StrictStr
    sha256: Sha256


class Inputs(_Omitting):
    """The files the record was computed from, with their SHA-256 digests.

    Each path is relative to `base`, a folder itself written relative to the record's own folder ("/"
    between names), so that a record moved together with its inputs still finds them. A record without
    `base` (written before there was one) names its paths relative to the folder `verify` runs in.
    """

    base: StrictStr | None = None
    criteria: FileDigest
    submissions: tuple[FileDigest, ...]  # sorted by path
    review: FileDigest
    previous: tuple[FileDigest, ...]  # the previous round's files, when the formulas read previous(x)
    grades: tuple[FileDigest, ...] | None = None  # the grading files (thidua/grades-1), sorted by path; left out if none
    sources: tuple[FileDigest, ...] | None = None  # the records of the rounds it takes values from (criteria `sources`)


class ProposalForm(_Omitting):
    number: StrictStr | None = None
    to: tuple[StrictStr, ...] | None = None
    recipients: tuple[StrictStr, ...] | None = None


class Meeting(_Omitting):
    """The meeting as the review file gives it; the administrative form's keys are left out when not given."""

    date: StrictStr
    place: StrictStr
    chair: StrictStr
    secretary: StrictStr
    attendees: tuple[StrictStr, ...]
    issuer: StrictStr | None = None
    issuer_parent: StrictStr | None = None
    locality: StrictStr | None = None
    number: StrictStr | None = None
    start: StrictStr | None = None
    end: StrictStr | None = None
    absent: tuple[StrictStr, ...] | None = None
    chair_title: StrictStr | None = None
    secretary_title: StrictStr | None = None
    recipients: tuple[StrictStr, ...] | None = None
    proposal: ProposalForm | None = None


class Correction(_Omitting):
    """A correction as the review file gives it, with the value or points it replaced ("before")."""

    unit: StrictStr
    indicator: StrictStr | None = None
    value: StrictBool | DecimalText | None = None  # the corrected value, as the indicator's type
    criterion: StrictStr | None = None
    points: DecimalText | None = None  # the points the council set
    reason: StrictStr
    evidence: Annotated[StrictStr, Field(max_length=MAX_EVIDENCE)] | None = None
    explanation: StrictStr | None = None  # the unit's giải trình
    before: StrictBool | DecimalText | None  # the unit's value (null: it gave none), or the computed points

    _kept: ClassVar[frozenset[str]] = frozenset({"before"})


Count = Annotated[StrictInt, Field(ge=0, le=10**6)]  # voters, votes


class Ballot(_Model):
    award: StrictStr
    unit: StrictStr
    voters: Count
    in_favour: Count
    against: Count
    abstain: Count


class Decision(_Omitting):
    unit: StrictStr
    award: StrictStr  # the tier decided, or "none"
    decision: Literal["confirm", "override"]
    reason: StrictStr | None = None


class Acknowledged(_Model):
    """A rule the council's decisions break, accepted with a reason in the review file."""

    rule: Literal["quota", "eligibility", "vote", "same_person"]
    award: StrictStr | None
    unit: StrictStr | None
    message: dict[str, Any]  # the breach as a fact: {code, params, text: {vi, en}}, the same whatever the writer's language
    reason: StrictStr


class Outcome(_Model):
    """A unit's tiers: computed (the proposal) beside final (the council's), and the council's reasons."""

    unit: StrictStr
    name: StrictStr
    rank: Annotated[StrictInt, Field(ge=1, le=10**6)]
    total: DecimalText
    classification: StrictStr  # the label
    computed: tuple[StrictStr, ...]
    final: tuple[StrictStr, ...]
    final_labels: tuple[StrictStr, ...]
    changed: StrictBool
    reasons: dict[StrictStr, StrictStr]  # award id (or "none") → the override's reason


class Record(_Model):
    format: Literal["thidua-record/2"]
    engine: StrictStr
    round: StrictStr
    title: StrictStr
    inputs: Inputs
    meeting: Meeting
    reviewed_by: StrictStr
    approved_by: StrictStr
    corrections: tuple[Correction, ...]
    ballots: tuple[Ballot, ...]
    decisions: tuple[Decision, ...]
    acknowledged: tuple[Acknowledged, ...]
    # `thidua score --format json` and `thidua rank --format json` as they are (scoring/output.py), except that each
    # input's evidence is written once per unit (scores.units[].evidence), not on every line that reads it: loosely typed
    # here while their reasons become codes with parameters.
    scores: dict[str, Any]
    proposal: dict[str, Any]
    outcome: tuple[Outcome, ...]

    def data(self) -> dict[str, Any]:
        """The record as JSON data."""
        data: dict[str, Any] = self.model_dump(mode="json")
        return data

    def encoded(self) -> bytes:
        """The record's bytes: compact JSON (one line, so that json's C encoder writes it), as verify reads it."""
        return (json.dumps(self.data(), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- writing ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """A reviewed round: the inputs as read, the scores after the council's corrections, and the decisions."""

    criteria: Criteria
    submissions: tuple[Submission, ...]
    results: Results
    decided: Decided
    grades: Grades = NO_GRADES


def decide_round(
    criteria_path: Path,
    submission_paths: Sequence[Path],
    review_path: Path,
    progress: ProgressBars | None = None,
    grade_paths: Sequence[Path] = (),
) -> Round:
    scored = score_round(criteria_path, submission_paths, review_path, progress, grade_paths)
    assert scored.review is not None
    decided = decide(scored.review, propose(scored.results))
    return Round(scored.criteria, scored.submissions, scored.results, decided, scored.grades)


def _breach_data(breach: Breach) -> dict[str, Any]:
    data = params(breach.fact)
    assert isinstance(data, dict)
    data["text"] = {lang: word(breach.message, lang) for lang in LANGUAGES}
    return data


def build_record(reviewed: Round, at: Path) -> Record:
    """The record of a reviewed round, to be written at `at`: its inputs are named relative to that place."""
    criteria, decided = reviewed.criteria, reviewed.decided
    spec = decided.review.spec
    files = {s.file: s.sha256 for s in reviewed.submissions}
    labels = {a.id: a.label for a in criteria.awards}
    outcome = []
    for o in decided.proposal.outcomes:
        unit = o.standing.unit
        computed = tuple(a.id for a, _ in o.proposed)
        final = decided.final[unit]
        outcome.append(
            Outcome(
                unit=unit,
                name=o.standing.card.unit.name,
                rank=o.standing.rank,
                total=o.standing.card.total,
                classification=band.label if (band := o.standing.card.classification) else NO_BAND,
                computed=computed,
                final=final,
                final_labels=tuple(labels[a] for a in final),
                changed=computed != final,
                reasons={a: r for (u, a), r in decided.reasons.items() if u == unit},
            )
        )
    return Record(
        format=FORMAT,
        engine=f"thidua {__version__}",
        round=criteria.id,
        title=criteria.title,
        inputs=_relative(
            at,
            Inputs(
                criteria=FileDigest(path=criteria.file, sha256=criteria.sha256),
                submissions=tuple(FileDigest(path=f, sha256=files[f]) for f in sorted(files)),
                review=FileDigest(path=decided.review.doc.file, sha256=decided.review.sha256),
                previous=_previous_inputs(criteria),
                grades=tuple(FileDigest(path=g.path, sha256=g.sha256) for g in reviewed.grades.files) or None,
                sources=_source_inputs(reviewed.results.fed),
            ),
        ),
        meeting=meeting_from(spec.meeting),
        reviewed_by=spec.reviewed_by,
        approved_by=spec.approved_by,
        corrections=tuple(_correction(reviewed, c) for c in spec.corrections),
        ballots=tuple(
            Ballot(award=b.award, unit=b.unit, voters=b.voters, in_favour=b.in_favour, against=b.against, abstain=b.abstain)
            for b in spec.ballots
        ),
        decisions=tuple(Decision(unit=d.unit, award=d.award, decision=d.decision, reason=d.reason) for d in spec.decisions),
        acknowledged=tuple(
            Acknowledged(rule=b.rule, award=b.award, unit=b.unit, message=_breach_data(b), reason=b.acknowledged)
            for b in decided.breaches
            if b.acknowledged is not None  # every breach is acknowledged once `decide` has passed
        ),
        scores=score_data(reviewed.results, LANGUAGES, evidence_once=True),  # every text in every language: the same
        proposal=rank_data(decided.proposal, LANGUAGES),  # record whatever the language of the run that wrote it
        outcome=tuple(outcome),
    )


def _relative(at: Path, inputs: Inputs) -> Inputs:
    """The inputs named relative to their common folder, and that folder relative to the record's (`at`'s) folder."""
    files = [
        inputs.criteria,
        *inputs.submissions,
        inputs.review,
        *inputs.previous,
        *(inputs.grades or ()),
        *(inputs.sources or ()),
    ]
    where = {f.path: os.path.abspath(f.path) for f in files}
    base = os.path.commonpath([os.path.dirname(p) for p in where.values()])
    try:
        from_record = os.path.relpath(base, os.path.abspath(at.parent))
    except ValueError:  # another drive (Windows): no relative way there; verify then asks for the files
        from_record = base

    def moved(f: FileDigest) -> FileDigest:
        return FileDigest(path=Path(os.path.relpath(where[f.path], base)).as_posix(), sha256=f.sha256)

    return Inputs(
        base=Path(from_record).as_posix(),
        criteria=moved(inputs.criteria),
        submissions=tuple(moved(f) for f in inputs.submissions),
        review=moved(inputs.review),
        previous=tuple(moved(f) for f in inputs.previous),
        grades=None if inputs.grades is None else tuple(moved(f) for f in inputs.grades),
        sources=None if inputs.sources is None else tuple(moved(f) for f in inputs.sources),
    )


def meeting_from(m: MeetingSpec) -> Meeting:
    """The meeting; the administrative form's keys only when the review file gives them (older records unchanged)."""
    p = m.proposal
    proposal = (
        None if p is None else ProposalForm(number=p.number, to=tuple(p.to) or None, recipients=tuple(p.recipients) or None)
    )
    return Meeting(
        **m.model_dump(include={"date", "place", "chair", "secretary", "issuer", "issuer_parent", "locality", "number"}),
        **m.model_dump(include={"start", "end", "chair_title", "secretary_title"}),
        attendees=tuple(m.attendees),
        absent=tuple(m.absent) or None,
        recipients=tuple(m.recipients) or None,
        proposal=proposal,
    )


def _source_inputs(fed: Fed | None) -> tuple[FileDigest, ...] | None:
    """The source rounds' records, with the digests of the bytes that were verified and read."""
    if fed is None:
        return None
    return tuple(FileDigest(path=str(r.path), sha256=r.sha256) for r in fed.records)


def _previous_inputs(criteria: Criteria) -> tuple[FileDigest, ...]:
    """The previous round's files, when previous() reads them: their digests seal last year's figures too."""
    if criteria.previous is None or not previous_names(criteria):
        return ()
    files = [criteria.previous.criteria, *collect(criteria.previous.submissions)]
    return tuple(FileDigest(path=str(f), sha256=hashlib.sha256(read_bytes(f)).hexdigest()) for f in files)


def _correction(reviewed: Round, c: CorrectionSpec) -> Correction:
    given = {"unit": c.unit, "reason": c.reason, "evidence": c.evidence, "explanation": c.explanation}
    if c.indicator is not None:
        before = next(s for s in reviewed.submissions if s.unit == c.unit).values.get(c.indicator)
        value = convert(reviewed.criteria, c.indicator, c.value)
        return Correction(**given, indicator=c.indicator, value=value, before=None if before is None else before.value)
    card = reviewed.results.scorecard(c.unit)
    line = next(line for line in card.lines if line.criterion.id == c.criterion)
    computed = quantize(line.raw, reviewed.criteria.places, reviewed.criteria.rounding)
    return Correction(**given, criterion=c.criterion, points=c.points, before=computed)


def record_data(reviewed: Round, at: Path) -> dict[str, Any]:
    return build_record(reviewed, at).data()


def record_bytes(reviewed: Round, at: Path) -> bytes:
    """The record's bytes, or an error before anything is written when verify would refuse them for their size."""
    data = build_record(reviewed, at).encoded()
    if len(data) > MAX_RECORD_BYTES:
        too_large = msg(
            "the decision record would be {size} bytes, over the {limit} bytes that verify reads: nothing was written",
            size=len(data),
            limit=MAX_RECORD_BYTES,
        )
        raise InvalidInput([Problem(str(at), 1, 1, too_large)])
    return data


# --- reading ------------------------------------------------------------------------------------------------------------

MAX_RECORD_BYTES = 64 * 2**20  # see the README: a record grows linearly, some 13 KB a unit of 10 criteria


def read_record(path: Path) -> dict[str, Any]:
    """A record's JSON data, strictly read (see `parse_record`); `load_record` gives it as a `Record`."""
    return parse_record(read_bytes(path, MAX_RECORD_BYTES), str(path))


def load_record(path: Path) -> Record:
    return record_from(read_record(path), str(path))


def parse_record(raw: bytes, file: str) -> dict[str, Any]:
    """A record's JSON, strictly: UTF-8, no key twice, no text that is not text."""

    def refused(why: Msg | str, line: int = 1, col: int = 1) -> InvalidInput:
        return InvalidInput([Problem(file, line, col, msg("not a decision record: {problem}", problem=why))])

    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # "\ud800" decodes, then cannot be written
    except json.JSONDecodeError as e:
        raise refused(e.msg, e.lineno, e.colno) from None  # the JSON reader's own words, in English
    except UnicodeError:
        raise refused(msg("text that is not UTF-8, or half a surrogate pair")) from None
    except _Duplicate as e:
        raise refused(msg("the key '{key}' is given twice", key=e.key)) from None
    except (ValueError, RecursionError):  # a number of over 4,300 digits, nesting
        raise refused(msg("numbers too long or nesting too deep")) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput([Problem(file, 1, 1, msg("not a decision record (format {format})", format=FORMAT))])
    return data


def record_from(data: dict[str, Any], file: str) -> Record:
    """A record's data as a `Record`, or the first thing in it that is not as the engine writes it."""
    try:
        record = Record.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        field = dotted(tuple(first["loc"])) or "format"
        message = msg("not a complete decision record: {field} is missing or not as the engine writes it", field=field)
        raise InvalidInput([Problem(file, 1, 1, message)]) from None
    problems = _values_out_of_shape(data)
    if problems:
        raise InvalidInput([Problem(file, 1, 1, msg("not a complete decision record: {error}", error=p)) for p in problems])
    return record


# The scores and the proposal are loosely typed (dict[str, Any]); each value that the minutes read is checked here.
_NUMBER_KEYS = frozenset({"total", "points", "max", "self_score", "self_score_difference", "target", "minimum", "floor"})
_COUNT_KEYS = frozenset(
    {"rank", "cluster_rank", "tie_group", "cluster_tie_group", "open_seats", "quota", "rule_line", "seats", "nth"}
)
_MAX_COUNT = 10**9


def _values_out_of_shape(data: dict[str, Any]) -> list[Msg]:
    """Each value of the scores and the proposal that is not of the type and range the engine writes (at most 20)."""
    found: list[Msg] = []

    def refuse(at: Path_, value: object, expected: Msg) -> None:
        if len(found) < 20:
            shown = _shown(_json(value))
            found.append(msg("{field} is {value}, not {expected}", field=dotted(at), value=shown, expected=expected))

    def walk(value: object, at: Path_) -> None:
        key = at[-1] if at else None
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*at, k))
            return
        if len(at) == 5 and at[:2] == ("scores", "units") and at[3] == "evidence":  # a unit's evidence of an input
            if not (isinstance(value, str) and len(value) <= MAX_EVIDENCE):
                refuse(at, value, msg("the evidence as text of at most {limit} characters", limit=MAX_EVIDENCE))
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*at, i))
            return
        if isinstance(value, float):  # the engine writes every number as decimal text, or a count as an integer
            refuse(at, value, msg('a number as the engine writes it (a decimal as text, such as "94.58")'))
        elif key == "vote_threshold" and value is not None:
            share = _decimal_text(value) if _is_decimal_text(value) else None
            if share is None or not Decimal(0) <= share <= Decimal(1):
                refuse(at, value, msg('a share from 0 to 1 written as text, such as "0.8"'))
        elif key in _NUMBER_KEYS and value is not None and not _is_decimal_text(value):
            refuse(at, value, msg('a decimal written as text, such as "94.58"'))
        elif key == "value" and value is not None and not isinstance(value, bool) and not _is_decimal_text(value):
            refuse(at, value, msg("a value as the engine writes it: true, false or a decimal as text"))
        elif (
            key in _COUNT_KEYS
            and value is not None
            and not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_COUNT)
        ):
            refuse(at, value, msg("a whole number from 0 to {max}", max=_MAX_COUNT))

    for part in ("scores", "proposal"):
        walk(data.get(part), (part,))
    return found


def _is_decimal_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= _MAX_DECIMAL_TEXT and bool(_DECIMAL_TEXT.fullmatch(value))


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Duplicate(key)
        data[key] = value
    return data


# --- verifying ----------------------------------------------------------------------------------------------------------

FileKind = Literal["criteria", "review", "previous", "submission", "grades", "source"]


def _kind(what: FileKind) -> Msg:
    if what == "criteria":
        return msg("criteria file")
    if what == "grades":
        return msg("grading file")
    if what == "source":
        return msg("source round's record")
    if what == "review":
        return msg("review file")
    return msg("previous round's file") if what == "previous" else msg("submission file")


class Difference:
    """Something a record says that its input files no longer give; worded when shown."""

    def message(self) -> Msg:
        raise NotImplementedError

    def __str__(self) -> str:
        return word(self.message())


@dataclass(frozen=True)
class FileChanged(Difference):
    what: FileKind
    path: Path
    recorded: str  # the SHA-256 the record has
    now: str  # the file's SHA-256 today

    def message(self) -> Msg:
        return msg(
            "{what} {path}: its SHA-256 is {now}…, the record has {recorded}…: the file changed",
            what=_kind(self.what),
            path=str(self.path),
            now=self.now[:16],
            recorded=self.recorded[:16],
        )


@dataclass(frozen=True)
class FileUnreadable(Difference):
    what: FileKind
    path: Path
    problem: Msg | str  # why it cannot be read

    def message(self) -> Msg:
        return msg("{what} {path}: {problem}", what=_kind(self.what), path=str(self.path), problem=self.problem)


@dataclass(frozen=True)
class PathRefused(Difference):
    """A file the record names that verify does not read: an absolute path, or one outside the record's folder."""

    what: FileKind
    path: str  # as the record names it
    why: Msg

    def message(self) -> Msg:
        return msg(
            "{what} {path}: not read: {why}; give the file on the command line if it is the right one",
            what=_kind(self.what),
            path=self.path,
            why=self.why,
        )


@dataclass(frozen=True)
class WrongKind(Difference):
    """A file that is not the kind of input the record says it is: named, its content never shown."""

    what: FileKind
    path: Path

    def message(self) -> Msg:
        return msg(
            "{path}: not a {what} (its content is not shown, and nothing is recomputed from it)",
            path=str(self.path),
            what=_kind(self.what),
        )


@dataclass(frozen=True)
class NoInputs(Difference):
    """The record's `inputs` are missing, or not as the engine writes them: nothing to recompute from."""

    def message(self) -> Msg:
        return msg("the record has no complete 'inputs' section")


@dataclass(frozen=True)
class NoLongerValid(Difference):
    """The input files today give no record at all: the problems found in them."""

    problems: tuple[Problem | str, ...]

    def message(self) -> Msg:
        return msg("the inputs no longer give a valid record: {problems}", problems=Listing(self.problems, "\n"))


@dataclass(frozen=True)
class OtherSubmissions(Difference):
    """The submission files given on the command line are not those the record was made from."""

    def message(self) -> Msg:
        return msg("the submission files given are not those recorded (their digests differ)")


@dataclass(frozen=True)
class OtherGrades(Difference):
    """The grading files given on the command line are not those the record was made from."""

    def message(self) -> Msg:
        return msg("the grading files given are not those recorded (their digests differ)")


@dataclass(frozen=True)
class EngineChanged(Difference):
    recorded: str  # the engine that made the record
    now: str  # this engine

    def message(self) -> Msg:
        return msg("engine: the record was made by {recorded}, this is {now}", recorded=self.recorded, now=self.now)


@dataclass(frozen=True)
class ValueChanged(Difference):
    """A value in the record that the input files give otherwise today."""

    path: Path_  # where in the record: ("outcome", 0, "total") is outcome[0].total
    recorded: str | None  # as JSON; None: the record lacks it
    now: str | None  # as JSON; None: the recomputed record lacks it
    unit: str | None = None  # the unit whose part of the record it is in, if any

    def message(self) -> Msg:
        return msg(
            "{path}: the record has {recorded}, the inputs give {now}",
            path=dotted(self.path),
            recorded=_shown(self.recorded),
            now=_shown(self.now),
        )


Subject = Literal[
    "total",
    "group",
    "criterion",
    "indicator",
    "rank",
    "classification",
    "final",
    "computed",
    "to_next_rank",
    "self_score_difference",
]


@dataclass(frozen=True)
class PointChanged(Difference):
    """A unit's figure that the record gives otherwise than its input files today, in the council's terms."""

    unit: str
    name: str  # the unit's name
    subject: Subject
    ref: str | None  # the group, criterion or indicator id
    source: Text | None  # where the indicator's value was read today: file:line, or a form's sheet and cell
    recorded: str | None  # as JSON; None: the record lacks it
    now: str | None  # as JSON; None: the recomputed record lacks it
    paths: tuple[Path_, ...]  # where in the record (the same figure may stand in several places)

    def message(self) -> Msg:
        return msg(
            "{name} — {what}{source}: the record has {recorded}, the inputs give {now} (in the record: {paths})",
            name=self.name,
            what=_subject(self.subject, self.ref),
            source="" if self.source is None else msg(" ({source})", source=self.source),
            recorded=_figure(self.recorded, self.subject),
            now=_figure(self.now, self.subject),
            paths=Listing(tuple(dotted(p) for p in self.paths)),
        )


def _subject(subject: Subject, ref: str | None) -> Msg:
    if subject == "group":
        return msg("group {id}", id=ref)
    if subject == "criterion":
        return msg("criterion {id}", id=ref)
    if subject == "indicator":
        return msg("indicator {id}", id=ref)
    return {
        "total": msg("total points"),
        "rank": msg("rank"),
        "classification": msg("classification"),
        "final": msg("awards decided"),
        "computed": msg("awards proposed"),
        "to_next_rank": msg("points needed to pass the unit ranked above"),
        "self_score_difference": msg("computed points less its own score"),
    }[subject]


def _figure(value: str | None, subject: Subject) -> object:
    """A value of the record (as JSON) as the council reads it: 94,03 in Vietnamese, an indicator's yes/no, ids."""
    if value is None:
        return msg("(missing)")
    data = json.loads(value)
    if isinstance(data, str) and _DECIMAL_TEXT.fullmatch(data) and len(data) <= 40:
        return Approx(Decimal(data))  # a derived value's 34 digits to 4 places, with "≈"
    if isinstance(data, bool):
        return data if subject == "indicator" else value  # a rank of true is shown as it is written
    if isinstance(data, int) and abs(data) < 10**15:
        return data
    if isinstance(data, list) and all(isinstance(x, str) for x in data):
        return Listing(tuple(data)) if data else msg("none")
    if isinstance(data, dict) and isinstance(data.get("label"), str):
        return _shown(json.dumps(data["label"], ensure_ascii=False))
    return _shown(value)  # as it is written: 2.0 is not 2, "1" is not 1


def _in_council_terms(differences: list[ValueChanged], recorded: dict[str, Any], reviewed: Round) -> list[Difference]:
    """Each difference in a unit's figures as the council reads it: the unit, the criterion or indicator, where the
    input came from; one line for a figure the record holds in several places. A unit's other differences (texts,
    digests) follow from a changed figure and are left out when it has one (see `_follows`)."""
    points: dict[tuple[str, Subject, str | None, str | None, str | None], PointChanged] = {}
    said_in_order: list[tuple[str, Subject, str | None, str | None, str | None] | ValueChanged] = []
    for d in differences:
        entry, rest = _unit_part(recorded, d.path)
        unit = entry.get("unit") if entry is not None else None
        if entry is None or not isinstance(unit, str):
            said_in_order.append(d)
            continue
        said = _said(d.path[0], entry, rest)
        if said is None:
            said_in_order.append(ValueChanged(d.path, d.recorded, d.now, unit))
            continue
        subject, ref = said
        key = (unit, subject, ref, d.recorded, d.now)
        if key in points:
            points[key] = replace(points[key], paths=(*points[key].paths, d.path))
            continue
        name = entry.get("name")
        source = _source(reviewed, unit, ref) if subject == "indicator" else None
        points[key] = PointChanged(
            unit, name if isinstance(name, str) else unit, subject, ref, source, d.recorded, d.now, (d.path,)
        )
        said_in_order.append(key)
    changed = {p.unit for p in points.values()}
    return [
        points[d] if isinstance(d, tuple) else d
        for d in said_in_order
        if isinstance(d, tuple) or d.unit not in changed or not _follows(d.path)
    ]


def _follows(path: Path_) -> bool:
    """Whether a difference is a text or a digest that a changed figure of the same unit already accounts for."""
    return any(k in ("explanation", "text") for k in path) or str(path[-1]).endswith("sha256")


def _unit_part(recorded: dict[str, Any], path: Path_) -> tuple[dict[str, Any] | None, Path_]:
    """The unit's entry of the record that `path` is in (scores.units[i], proposal.units[i], outcome[i]), and the rest."""
    if path[:2] in (("scores", "units"), ("proposal", "units")) and len(path) > 3:
        part = recorded.get(str(path[0]))
        units, i, rest = part.get("units") if isinstance(part, dict) else None, path[2], path[3:]
    elif path[:1] == ("outcome",) and len(path) > 2:
        units, i, rest = recorded.get("outcome"), path[1], path[2:]
    else:
        return None, path
    if isinstance(units, list) and isinstance(i, int) and i < len(units) and isinstance(units[i], dict):
        return units[i], rest
    return None, path


def _said(part: Key, entry: dict[str, Any], rest: Path_) -> tuple[Subject, str | None] | None:
    """The figure a path within a unit's entry stands for, or None for a text or a digest."""
    first = rest[0]
    if rest == ("total",):
        return "total", None
    if rest == ("self_score_difference",):
        return "self_score_difference", None
    if first == "classification" and rest[-1] in ("classification", "label"):
        return "classification", None
    if rest == ("rank",) and part in ("proposal", "outcome"):
        return "rank", None
    if part == "outcome" and first in ("final", "computed"):
        return ("final" if first == "final" else "computed"), None
    if part == "proposal" and first == "proposed":
        return "computed", None
    if part == "proposal" and rest == ("to_next_rank", "params", "points"):
        return "to_next_rank", None
    if part == "scores" and first in ("groups", "criteria") and len(rest) >= 3:
        items, j = entry.get(first), rest[1]
        if not (isinstance(items, list) and isinstance(j, int) and j < len(items) and isinstance(items[j], dict)):
            return None
        ref = items[j].get("id")
        if not isinstance(ref, str):
            return None
        if rest[2:] == ("points",):
            return ("group" if first == "groups" else "criterion"), ref
        if first == "criteria" and len(rest) == 5 and rest[2] == "inputs" and rest[4] == "value":
            return "indicator", str(rest[3])
    return None


def _source(reviewed: Round, unit: str, indicator: str | None) -> Text | None:
    submission = next((s for s in reviewed.submissions if s.unit == unit), None)
    reported = None if submission is None or indicator is None else submission.values.get(indicator)
    return None if reported is None else reported.source


@dataclass(frozen=True)
class Summary:
    """The last line of `verify` when a record does not verify: how many differences, in how many units, which files."""

    record: Path
    differences: tuple[Difference, ...]

    def message(self) -> Msg:
        units = {d.unit for d in self.differences if isinstance(d, PointChanged | ValueChanged) and d.unit is not None}
        files = tuple(str(d.path) for d in self.differences if isinstance(d, FileChanged))
        return msg(
            "{file}: NOT verified: {n} difference(s) in {units} unit(s); files changed: {files}.",
            file=str(self.record),
            n=len(self.differences),
            units=len(units),
            files=Listing(files) if files else msg("none"),
        )


def _shown(value: str | None) -> Msg | str:
    if value is None:
        return msg("(missing)")
    return value if len(value) <= 80 else value[:77] + "..."


def verify(
    record_path: Path,
    criteria_path: Path | None = None,
    submission_paths: Sequence[Path] | None = None,
    review_path: Path | None = None,
    grade_paths: Sequence[Path] | None = None,
) -> list[Difference]:
    """Every difference between a record and what its input files give today (empty: verified)."""
    return checked(record_path, criteria_path, submission_paths, review_path, grade_paths)[0]


def checked(
    record_path: Path,
    criteria_path: Path | None = None,
    submission_paths: Sequence[Path] | None = None,
    review_path: Path | None = None,
    grade_paths: Sequence[Path] | None = None,
) -> tuple[list[Difference], Round | None]:
    """`verify`'s differences, and the round as its input files give it today (None: they give none).

    Only the files inside the record's base folder are read (see `Inputs`), or those given here; a file that is
    not the kind of input the record says it is is named, never shown, and nothing is recomputed from it.
    """
    recorded = read_record(record_path)
    try:
        inputs = Inputs.model_validate(recorded["inputs"])
    except (KeyError, ValidationError):
        return [NoInputs()], None
    place = _Place(record_path, inputs.base)
    recorded_grades = inputs.grades or ()
    # every file to check, in order: its kind, the path the record names (None: given on the command line), its digest
    files: list[tuple[FileKind, str | Path, str]] = [
        ("criteria", criteria_path or inputs.criteria.path, inputs.criteria.sha256),
        ("review", review_path or inputs.review.path, inputs.review.sha256),
    ]
    files += [("previous", f.path, f.sha256) for f in inputs.previous]
    files += [("source", f.path, f.sha256) for f in inputs.sources or ()]
    if submission_paths is None:
        files += [("submission", f.path, f.sha256) for f in inputs.submissions]
    if grade_paths is None:
        files += [("grades", f.path, f.sha256) for f in recorded_grades]
    differences: list[Difference] = []
    found: dict[str, Path] = {}
    for what, written, _ in files:
        if isinstance(written, str):
            at = place.locate(written)
            if isinstance(at, Path):
                found[written] = at
            else:
                differences.append(PathRefused(what, written, at))
    readable = not differences
    for what, written, sha in files:
        if isinstance(written, Path) or written in found:
            difference = _digest(what, written if isinstance(written, Path) else found[written], sha)
            differences += difference
            readable = readable and not any(isinstance(d, WrongKind) for d in difference)
    if not readable:  # a file outside the record's folder, or of another kind: nothing is read from it
        return differences, None
    criteria = criteria_path or found[inputs.criteria.path]
    submissions = list(submission_paths or [found[s.path] for s in inputs.submissions])
    review = review_path or found[inputs.review.path]
    grades = list(grade_paths or [found[g.path] for g in recorded_grades])
    try:
        reviewed = decide_round(criteria, submissions, review, grade_paths=grades)
        again = build_record(reviewed, record_path)
    except ThiduaError as e:
        return [*differences, NoLongerValid(_problems(e))], None
    given_digests = sorted(f.sha256 for f in again.inputs.submissions)
    if submission_paths is not None and given_digests != sorted(f.sha256 for f in inputs.submissions):
        differences.append(OtherSubmissions())
    if grade_paths is not None and sorted(f.sha256 for f in again.inputs.grades or ()) != sorted(
        f.sha256 for f in recorded_grades
    ):
        differences.append(OtherGrades())
    now = again.data()
    for data in (recorded, now):
        data.pop("inputs")
    if recorded.get("engine") != again.engine:
        made_by = recorded.pop("engine", None)
        differences.append(EngineChanged(made_by if isinstance(made_by, str) else _json(made_by), again.engine))
        now.pop("engine")
    differences += _in_council_terms(_compare(recorded, now), recorded, reviewed)
    return differences, reviewed


@dataclass(frozen=True)
class _Place:
    """Where a record's inputs are: its base folder, relative to the record's folder (None: the working folder)."""

    record: Path
    base: str | None

    def folder(self) -> Path:
        return Path(".") if self.base is None else self.record.parent / self.base

    def locate(self, written: str) -> Path | Msg:
        """The file a record names, or why it is not read: absolute, or outside the base folder."""
        if self.base is not None and (os.path.isabs(self.base) or Path(self.base).drive):
            return msg("the record's base folder {base} is not relative to the record's folder", base=self.base)
        folder = self.folder()
        relative = Path(written)
        inside = os.path.normpath(relative)
        if relative.is_absolute() or relative.drive or inside == ".." or inside.startswith(("../", "..\\")):
            return msg("the record names a path outside its folder {folder}", folder=str(folder))
        path = Path(os.path.normpath(folder / relative))
        try:
            within = path.resolve().is_relative_to(folder.resolve())
        except (OSError, ValueError, RuntimeError):  # a loop of links, a NUL in the name
            within = True  # reading it says why it cannot be read
        return path if within else msg("the record names a link that leads outside its folder {folder}", folder=str(folder))


class NotVerified(ThiduaError):
    """A record that its input files do not give exactly: no document is made from it."""

    def __init__(self, record: Path, differences: Sequence[Difference]) -> None:
        super().__init__(str(record))
        self.record = record
        self.differences = tuple(differences)

    def __str__(self) -> str:
        return word(
            msg(
                "{file}: the record does not verify against its input files ({n} difference(s); thidua verify {file}"
                " names them), so no document is made from it; give --unverified to make one marked NOT VERIFIED",
                file=str(self.record),
                n=len(self.differences),
            )
        )


def require_verified(path: Path) -> None:
    """Refuse (NotVerified) a record that its input files, where the record names them, do not give exactly."""
    differences = verify(path)
    if differences:
        raise NotVerified(path, differences)


def _problems(e: ThiduaError) -> tuple[Problem | str, ...]:
    if isinstance(e, InvalidInput):
        return tuple(e.problems)
    return (e.problem,) if isinstance(e, ScoringFailure) else (str(e),)


def _digest(what: FileKind, path: Path, recorded: str) -> list[Difference]:
    try:
        raw = read_bytes(path, MAX_RECORD_BYTES if what == "source" else None)
    except InvalidInput as e:
        return [FileUnreadable(what, path, e.problems[0].message)]
    now = hashlib.sha256(raw).hexdigest()
    changed: list[Difference] = [FileChanged(what, path, recorded, now)] if now != recorded else []
    return changed + ([] if _of_kind(what, path, raw) else [WrongKind(what, path)])


_FORMAT_LINE = {
    "criteria": re.compile(rb"^format:[ \t]*([\"']?)thidua/1\1[ \t]*(#.*)?\r?$", re.MULTILINE),
    "review": re.compile(rb"^format:[ \t]*([\"']?)thidua/review-1\1[ \t]*(#.*)?\r?$", re.MULTILINE),
    "grades": re.compile(rb"^format:[ \t]*([\"']?)thidua/grades-1\1[ \t]*(#.*)?\r?$", re.MULTILINE),
    "source": re.compile(rb'"format":[ ]*"thidua-record/2"'),
}


def _of_kind(what: FileKind, path: Path, raw: bytes) -> bool:
    """Whether a file looks like the kind of input the record says it is (its `format`, a form, a CSV table's header)."""
    if what in ("submission", "previous"):
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            return raw.startswith(b"PK\x03\x04")
        if suffix == ".csv":
            header = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip()
            cells = {c.strip().strip(b'"') for c in re.split(rb"[,;]", header)}
            return {b"round", b"unit"} <= cells
        return bool(_FORMAT_LINE["criteria"].search(raw))  # a submission is a thidua/1 file as the criteria are
    return bool(_FORMAT_LINE[what].search(raw))


_MISSING = object()


def _compare(recorded: object, again: object, limit: int = 200) -> list[ValueChanged]:
    """Where the recorded and the recomputed record differ, the first `limit` places."""
    out: list[ValueChanged] = []

    def walk(a: object, b: object, at: Path_) -> None:
        if len(out) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(dict.fromkeys([*a, *b])):
                walk(a.get(key, _MISSING), b.get(key, _MISSING), (*at, key))
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, (*at, i))
        elif a != b or type(a) is not type(b):
            out.append(ValueChanged(at, None if a is _MISSING else _json(a), None if b is _MISSING else _json(b)))

    walk(recorded, again, ())
    return out


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
