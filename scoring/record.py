"""The decision record (hồ sơ xét duyệt): everything the meeting decided, sealed with the inputs' digests.

`decide_round` runs the whole chain from the input files; `build_record` turns
its result into a `Record` (format thidua-record/1), the one model that the
record's writer, its readers and `verify` share; `verify` recomputes a record
from the input files and names every difference, so that anyone can check a
record later.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
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
from scoring.output import params, rank_data, score_data, to_json
from scoring.pipeline import ProgressBars, score_round
from scoring.review import Breach, Decided, decide
from scoring.schema import CorrectionSpec, MeetingSpec, dotted
from scoring.sources import Fed
from scoring.submissions import Submission, collect, convert
from scoring.wording import LANGUAGES, Listing, Msg, msg, word
from scoring.yamlio import Path_, read_bytes

FORMAT = "thidua-record/1"

# --- the record's model -------------------------------------------------------------------------------------------------
# Numbers are written as decimal text ("93.94", never 93.94) so that they stay exact; a reader gets `Decimal`s.

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _decimal_text(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
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
    """The files the record was computed from, with their SHA-256 digests."""

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
    evidence: StrictStr | None = None
    explanation: StrictStr | None = None  # the unit's giải trình
    before: StrictBool | DecimalText | None  # the unit's value (null: it gave none), or the computed points

    _kept: ClassVar[frozenset[str]] = frozenset({"before"})


class Ballot(_Model):
    award: StrictStr
    unit: StrictStr
    voters: StrictInt
    in_favour: StrictInt
    against: StrictInt
    abstain: StrictInt


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
    rank: StrictInt
    total: DecimalText
    classification: StrictStr  # the label
    computed: tuple[StrictStr, ...]
    final: tuple[StrictStr, ...]
    final_labels: tuple[StrictStr, ...]
    changed: StrictBool
    reasons: dict[StrictStr, StrictStr]  # award id (or "none") → the override's reason


class Record(_Model):
    format: Literal["thidua-record/1"]
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
    # `thidua score --format json` and `thidua rank --format json` as they are (scoring/output.py): loosely typed
    # here while their reasons become codes with parameters.
    scores: dict[str, Any]
    proposal: dict[str, Any]
    outcome: tuple[Outcome, ...]

    def data(self) -> dict[str, Any]:
        """The record as JSON data."""
        data: dict[str, Any] = self.model_dump(mode="json")
        return data

    def encoded(self) -> bytes:
        return to_json(self.data()).encode("utf-8")


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


def build_record(reviewed: Round) -> Record:
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
        inputs=Inputs(
            criteria=FileDigest(path=criteria.file, sha256=criteria.sha256),
            submissions=tuple(FileDigest(path=f, sha256=files[f]) for f in sorted(files)),
            review=FileDigest(path=decided.review.doc.file, sha256=decided.review.sha256),
            previous=_previous_inputs(criteria),
            grades=tuple(FileDigest(path=g.path, sha256=g.sha256) for g in reviewed.grades.files) or None,
            sources=_source_inputs(reviewed.results.fed),
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
        scores=score_data(reviewed.results, LANGUAGES),  # every text in every language: the record is the same
        proposal=rank_data(decided.proposal, LANGUAGES),  # whatever the language of the run that wrote it
        outcome=tuple(outcome),
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


def record_data(reviewed: Round) -> dict[str, Any]:
    return build_record(reviewed).data()


def record_bytes(reviewed: Round) -> bytes:
    return build_record(reviewed).encoded()


# --- reading ------------------------------------------------------------------------------------------------------------

MAX_RECORD_BYTES = 64 * 2**20  # the example's record holds 6 units in 150 KB: room for about 2,500 such units


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
        return Record.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        field = dotted(tuple(first["loc"])) or "format"
        message = msg("not a complete decision record: {field} is missing or not as the engine writes it", field=field)
        raise InvalidInput([Problem(file, 1, 1, message)]) from None


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

    def message(self) -> Msg:
        return msg(
            "{path}: the record has {recorded}, the inputs give {now}",
            path=dotted(self.path),
            recorded=_shown(self.recorded),
            now=_shown(self.now),
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
    """`verify`'s differences, and the round as its input files give it today (None: they give none)."""
    recorded = read_record(record_path)
    try:
        inputs = Inputs.model_validate(recorded["inputs"])
    except (KeyError, ValidationError):
        return [NoInputs()], None
    criteria = criteria_path or Path(inputs.criteria.path)
    submissions = list(submission_paths or [Path(s.path) for s in inputs.submissions])
    review = review_path or Path(inputs.review.path)
    recorded_grades = inputs.grades or ()
    grades = list(grade_paths or [Path(g.path) for g in recorded_grades])
    digests: list[tuple[FileKind, Path, str]] = [
        ("criteria", criteria, inputs.criteria.sha256),
        ("review", review, inputs.review.sha256),
    ]
    digests += [("previous", Path(f.path), f.sha256) for f in inputs.previous]
    digests += [("source", Path(f.path), f.sha256) for f in inputs.sources or ()]
    if submission_paths is None:
        digests += [("submission", Path(f.path), f.sha256) for f in inputs.submissions]
    if grade_paths is None:
        digests += [("grades", Path(f.path), f.sha256) for f in recorded_grades]
    differences: list[Difference] = []
    for what, path, sha in digests:
        differences += _digest(what, path, sha)
    try:
        reviewed = decide_round(criteria, submissions, review, grade_paths=grades)
        again = build_record(reviewed)
    except ThiduaError as e:
        return [*differences, NoLongerValid(_problems(e))], None
    given = sorted(f.sha256 for f in again.inputs.submissions)
    if submission_paths is not None and given != sorted(f.sha256 for f in inputs.submissions):
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
    differences += _compare(recorded, now)
    return differences, reviewed


def _problems(e: ThiduaError) -> tuple[Problem | str, ...]:
    if isinstance(e, InvalidInput):
        return tuple(e.problems)
    return (e.problem,) if isinstance(e, ScoringFailure) else (str(e),)


def _digest(what: FileKind, path: Path, recorded: str) -> list[Difference]:
    try:
        now = hashlib.sha256(read_bytes(path)).hexdigest()
    except InvalidInput as e:
        return [FileUnreadable(what, path, e.problems[0].message)]
    return [FileChanged(what, path, recorded, now)] if now != recorded else []


_MISSING = object()


def _compare(recorded: object, again: object, limit: int = 20) -> list[Difference]:
    """Where the recorded and the recomputed record differ, the first `limit` places."""
    out: list[Difference] = []

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
