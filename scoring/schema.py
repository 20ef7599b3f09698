"""The shape of the files people write, as strict pydantic models.

These models check types, ranges and unknown keys; `criteria.py` then checks
the meaning (sums, references, formulas) and builds the scoring model.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic_core import ErrorDetails

from scoring.errors import InvalidInput, Problem
from scoring.numbers import NotANumber, parse_number, plain
from scoring.wording import Listing, Msg, msg
from scoring.yamlio import Document, Path_

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, populate_by_name=True, defer_build=True)


class _Invalid(ValueError):
    """A value our validators refuse; pydantic carries it to `validate`, which words it in place."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message


def _number(value: Any) -> Any:  # noqa: ANN401 - pydantic validators take any input
    """Only numbers as the YAML reader gives them: text such as "010" or "1e3" is not quietly converted."""
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str):
        dotted = _decimal_comma(value)
        if dotted is not None:
            message = msg(
                "expected a number, got the text {text}: write {dotted} (in this file the dot is the decimal point)",
                text=repr(value),
                dotted=dotted,
            )
            raise _Invalid(message)
        percent = _percent(value)
        if percent is not None:
            message = msg(
                "expected a number, got the text {text}: write {number} or {share} as the table means it"
                " (a plain number, without '%')",
                text=repr(value),
                number=plain(percent),
                share=plain(percent / 100),
            )
            raise _Invalid(message)
        raise _Invalid(msg("expected a number, got the text {text} (write plain digits, without quotes)", text=repr(value)))
    raise _Invalid(msg("expected a number, got {given}", given=_describe(value)))


def _decimal_comma(text: str) -> str | None:
    """'0,5' or '1.234,5' written for a number where YAML reads only a decimal point: the number as it must be written."""
    if "," not in text:
        return None
    try:
        return plain(parse_number(text))
    except NotANumber:
        return None


def _percent(text: str) -> Decimal | None:
    """'4%' or '2,5 %' written where a plain number is wanted: the number before the '%'."""
    if not text.strip().endswith("%"):
        return None
    number = text.strip()[:-1].strip()
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", number):  # '2.5%': the dot as this file writes it
        return Decimal(number)
    try:
        return parse_number(number)
    except NotANumber:
        return None


def _whole(value: Any) -> Any:  # noqa: ANN401 - pydantic validators take any input
    value = _number(value)
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < 0:
            raise _Invalid(msg("expected a whole number, got {given}", given=str(value)))
        return int(value)
    return value


def _yes_no(value: Any) -> Any:  # noqa: ANN401 - pydantic validators take any input
    """Only true or false: YAML 1.1's yes, no, on, off are not quietly read as booleans."""
    if isinstance(value, bool):
        return value
    raise _Invalid(msg("expected true or false, got {given}", given=repr(value) if isinstance(value, str) else _describe(value)))


def _share(value: Any) -> Any:  # noqa: ANN401 - pydantic validators take any input
    """'85%' → 0.85; a plain number stays as it is."""
    if isinstance(value, str) and value.strip().endswith("%"):
        return parse_number(value.strip()[:-1]) / 100
    return _number(value)


def _describe(value: Any) -> Msg | str:  # noqa: ANN401 - any input a person wrote
    if value is None:
        return msg("nothing")
    if isinstance(value, bool):
        return msg("a yes/no value")
    if isinstance(value, dict):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, Decimal | int):
        return msg("the number {number}", number=_short(Decimal(value)))  # as written in the file
    if isinstance(value, str):
        return msg("the text {text}", text=_short(value))
    return type(value).__name__


LIMIT = Decimal(10) ** 15  # no figure a council reports comes near; keeps every sum exact at 34 digits
Number = Annotated[Decimal, BeforeValidator(_number), Field(ge=-LIMIT, le=LIMIT)]
Points = Annotated[Decimal, BeforeValidator(_number), Field(ge=0, le=10_000)]
Whole = Annotated[int, BeforeValidator(_whole)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
Share = Annotated[Decimal, BeforeValidator(_share), Field(ge=0, le=1)]
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=_ID_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=500)]


class Rounding(Strict):
    places: Whole = Field(default=2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down"] = "half_up"


class UnitSpec(Strict):
    name: Text
    cluster: Id | None = None
    formed_from: list[Id] = []  # the previous round's units it was formed from (a merger)


class ClusterSpec(Strict):
    name: Text


class WeightedMean(Strict):
    weighted_mean: Id


Carry = Literal["sum", "mean", "max", "min", "any", "all"] | WeightedMean


class GroupTake(Strict):
    group: Id


class CriterionTake(Strict):
    criterion: Id


class FromSpec(Strict):
    """Where a value comes from instead of being reported: another round's result for the unit."""

    source: Id
    take: Literal["total", "criteria"] | GroupTake | CriterionTake


class SourceSpec(Strict):
    """Another round's decision record, by a path relative to the criteria file."""

    record: Text
    units: dict[Id, Id] = {}  # this round's unit id → the source round's, where they differ


class IndicatorSpec(Strict):
    label: Text
    type: Literal["integer", "number", "boolean", "choice"]
    unit: Text | None = None
    min: Number | None = None
    max: Number | None = None
    default: Number | bool | str | None = None
    choices: dict[Text, Number] | None = None
    description: Text | None = None
    carry: Carry | None = None  # how a merged unit's previous value comes from its predecessors
    evidence: Literal["required", "optional"] | None = None  # None: as the round says
    if_no_evidence: Literal["error", "no_points"] | None = None
    from_: FromSpec | None = Field(default=None, alias="from")  # taken from another round, not reported


class DerivedSpec(Strict):
    formula: Text
    label: Text | None = None


class BandSpec(Strict):
    from_: Number = Field(alias="from")
    points: Points


class TableRowSpec(Strict):
    """A row of a table (bảng quy đổi) over a number: from..to inclusive, `to` left out on an open-ended last row."""

    from_: Number = Field(alias="from")
    to: Number | None = None
    points: Number


def _table_kind(value: Any) -> str:  # noqa: ANN401 - raw YAML data
    return "answers" if isinstance(value, dict) else "rows"


TableSpec = Annotated[
    Annotated[dict[Text, Number], Field(min_length=1), Tag("answers")]
    | Annotated[list[TableRowSpec], Field(min_length=1), Tag("rows")],
    Discriminator(_table_kind),
]


class CriterionSpec(Strict):
    id: Id
    label: Text
    max: Points
    method: Literal["achieved", "per_item", "target", "relative", "bands", "table", "formula", "graded"] | None = None
    of: Id | None = None
    points_each: Points | None = None
    bands: Annotated[list[BandSpec], Field(min_length=1)] | None = None
    table: TableSpec | None = None
    formula: Text | None = None
    combine: Literal["mean", "median", "trimmed_mean"] | None = None  # graded: how the assessors' grades combine
    assessors: Annotated[Whole, Field(ge=1, le=1000)] | None = None  # graded: the fewest grades a unit needs
    if_missing: Literal["error", "no_points"] = "error"
    description: Text | None = None


class GroupSpec(Strict):
    id: Id
    label: Text
    max: Points
    criteria: list[CriterionSpec] = Field(min_length=1)


class AdjustmentSpec(Strict):
    id: Id
    label: Text
    kind: Literal["bonus", "deduction"]
    formula: Text
    cap: Points | None = None
    if_missing: Literal["error", "no_points"] = "error"


class DisqualifierSpec(Strict):
    id: Id
    label: Text
    when: Text
    blocks: Literal["all"] | list[Id] = "all"


def _mapping_or_not(value: Any) -> str:  # noqa: ANN401 - pydantic discriminators take any input
    return "named" if isinstance(value, dict) else "every"


def _list_or_not(value: Any) -> str:  # noqa: ANN401 - pydantic discriminators take any input
    return "named" if isinstance(value, list) else "every"


# One share for every group (50%) or a share per named group ({I: 60%}); every group (all) or the named ones ([I]).
# A discriminator picks the form by what was written, so that a mistake in one form is not also reported in the other.
GroupShares = Annotated[Annotated[Share, Tag("every")] | Annotated[dict[Id, Share], Tag("named")], Discriminator(_mapping_or_not)]
GroupIds = Annotated[Annotated[Literal["all"], Tag("every")] | Annotated[list[Id], Tag("named")], Discriminator(_list_or_not)]


class ClassificationSpec(Strict):
    id: Id
    label: Text
    min_total: Number | None = None
    floor: GroupShares | None = None  # on every criterion, or on the criteria of the named groups
    group_floor: GroupShares | None = None  # on every group, or on the named groups: a share of the group's max
    no_zero: GroupIds | None = None  # the groups none of whose criteria may score 0


class GroupKey(Strict):
    group: Id
    prefer: Literal["higher", "lower"] = "higher"


class CriterionKey(Strict):
    criterion: Id
    prefer: Literal["higher", "lower"] = "higher"


class ValueKey(Strict):
    value: Id
    prefer: Literal["higher", "lower"] = "higher"


TieKey = Literal["deductions", "bonuses"] | GroupKey | CriterionKey | ValueKey


def _rank_by_form(given: object) -> str:
    """Which form of rank_by `given` is, so that a mistake is told against that form only."""
    if not isinstance(given, dict):
        return "a name"
    return "a group" if "group" in given else "a value"


# What an award's seats are ranked by: total | criteria | {group: …} | {value: …, prefer: …}
RankBy = Annotated[
    Annotated[Literal["total", "criteria"], Tag("a name")]
    | Annotated[GroupKey, Tag("a group")]
    | Annotated[ValueKey, Tag("a value")],
    Discriminator(_rank_by_form),
]


class RequiresSpec(Strict):
    min_total: Number | None = None
    classification: list[Id] | None = None
    max_rank: Whole | None = Field(default=None, ge=1)
    min_group: dict[Id, Number] = {}
    min_criterion: dict[Id, Number] = {}
    group_floor: GroupShares | None = None
    no_zero: GroupIds | None = None
    when: Text | None = None


_SHARE_PATTERN = r"^\s*[0-9]+([.,][0-9]+)?\s*%\s*$"
QuotaShare = Annotated[str, Field(pattern=_SHARE_PATTERN)]


class AwardSpec(Strict):
    id: Id
    label: Text
    scope: Literal["round", "cluster"] = "round"
    quota: Annotated[Whole, Field(ge=0, le=100_000)] | QuotaShare
    share_of: Literal["units", "candidates", "eligible", "clusters"] = "units"
    quota_rounding: Literal["down", "up", "half_up"] = "down"
    among: Id | None = None
    requires: RequiresSpec = RequiresSpec()
    vote: Share | None = None
    also_lower: YesNo = False
    rank_by: RankBy | None = None  # None: the round's rank_by


class PreviousSpec(Strict):
    """The round before this one, by paths relative to the criteria file."""

    criteria: Text
    submissions: Text | list[Text]


class CriteriaSpec(Strict):
    format: Literal["thidua/1"]
    id: Id
    title: Text
    year: Annotated[Whole, Field(ge=1900, le=2200)] | None = None
    scale: Points
    rounding: Rounding = Rounding()
    units: dict[Id, UnitSpec] = Field(min_length=1)
    indicators: dict[Id, IndicatorSpec] = Field(min_length=1)
    derived: dict[Id, Text | DerivedSpec] = {}
    targets: dict[Id, dict[Id, Number]] = {}
    groups: list[GroupSpec] = Field(min_length=1)
    adjustments: list[AdjustmentSpec] = []
    disqualifiers: list[DisqualifierSpec] = []
    classification: Annotated[list[ClassificationSpec], Field(min_length=1)] | None = None  # none: no bands
    clusters: dict[Id, ClusterSpec] = {}
    previous: PreviousSpec | None = None
    sources: dict[Id, SourceSpec] = {}  # other rounds' decision records that indicators take values from
    renamed: dict[Id, Id] = {}  # indicators renamed since the previous round: old id → new id
    tie_break: list[TieKey] = []
    rank_by: RankBy = "total"  # every award's, unless it says otherwise
    awards: list[AwardSpec] = []
    evidence: Literal["required", "optional"] = "optional"  # căn cứ: does every reported value need its document?
    if_no_evidence: Literal["error", "no_points"] = "error"


class SubmissionSpec(Strict):
    format: Literal["thidua/1"] = "thidua/1"
    round: Id
    unit: Id
    self_score: Any = None  # checked with the values, where Vietnamese number text is read
    values: dict[Id, Any] = {}
    self_scores: dict[Id, Any] = {}  # tự chấm per criterion: points, or {points, explanation}; checked with the values


def validate(model: type[M], doc: Document) -> M:
    """`doc`'s data as `model`, or every problem at once with its line and key path."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        problems: list[Problem] = []
        for error in e.errors():
            path = _data_path(doc.data, error["loc"], named=error["type"] in ("missing", "extra_forbidden"))
            if not path and error["type"] in ("model_type", "dict_type"):
                message = msg(
                    "the file must be a mapping of keys (format, id, …), not {given}", given=_describe(error.get("input"))
                )
            else:
                message = _explained(doc, path, error)
            problems.append(doc.problem(path, message))
        raise InvalidInput(problems) from None


def _explained(doc: Document, path: Path_, error: ErrorDetails) -> Msg:
    """One of pydantic's findings in our words: the field's path, what was wrong, and what was given."""
    field: Msg | str = dotted(path) or msg("the file")
    kind, ctx = error["type"], error.get("ctx", {})
    given = error.get("input")
    got = _given(given)
    if kind == "extra_forbidden":
        if given is None and doc.where(path).line == doc.where(path[:-1]).line:
            return msg(
                "{field}: unknown key '{key}' (a ',' inside {{...}} starts a new key: put text that has commas in quotes)",
                field=field,
                key=str(path[-1]),
            )
        return msg("{field}: unknown key '{key}'", field=field, key=str(path[-1]))
    if kind == "missing":
        return msg("{field}: missing (this field is required)", field=field)
    if kind == "value_error":
        refused = ctx.get("error")
        said: Msg | str = refused.message if isinstance(refused, _Invalid | NotANumber) else str(refused)
        return msg("{field}: {problem}", field=field, problem=said)
    if kind == "string_type":
        if isinstance(given, Decimal | bool):
            return msg("{field}: expected text, got {given} (put it in quotes)", field=field, given=_describe(given))
        return msg("{field}: expected text, got {given}", field=field, given=_describe(given))
    if kind == "literal_error":
        return msg(
            "{field}: Input should be {choices} (got {given})",
            field=field,
            choices=_choices(str(ctx.get("expected", ""))),
            given=got,
        )
    if kind in ("model_type", "dict_type"):  # pydantic names the model's class here: not for the reader
        return msg("{field}: Input should be a valid dictionary", field=field)
    if kind == "list_type":
        return msg("{field}: Input should be a valid list (got {given})", field=field, given=got)
    if kind == "bool_type":
        return msg("{field}: Input should be a valid boolean (got {given})", field=field, given=got)
    if kind == "bool_parsing":
        return msg("{field}: Input should be a valid boolean, unable to interpret input (got {given})", field=field, given=got)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return msg("{field}: String should have at least 1 character (got {given})", field=field, given=got)
    if kind == "string_too_long":
        limit = int(ctx["max_length"])
        return msg("{field}: String should have at most {limit} characters (got {given})", field=field, limit=limit, given=got)
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _ID_PATTERN:  # pydantic shows the pattern itself
        return msg(
            "{field}: an id is made of letters, digits, '_', '.' and '-', and starts with a letter or a digit (got {given})",
            field=field,
            given=got,
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _SHARE_PATTERN:
        return msg("{field}: a share is written as a percentage, such as 20% (got {given})", field=field, given=got)
    if kind == "too_short" and ctx.get("min_length") == 1:
        if ctx.get("field_type") == "Dictionary":
            return msg(
                "{field}: Dictionary should have at least 1 item after validation, not 0 (got {given})", field=field, given=got
            )
        return msg("{field}: List should have at least 1 item after validation, not 0 (got {given})", field=field, given=got)
    if kind == "greater_than_equal":  # the bound shown as a number, not as pydantic's "Decimal('0')"
        bound = _bound(ctx.get("ge"))
        return msg("{field}: Input should be greater than or equal to {limit} (got {given})", field=field, limit=bound, given=got)
    if kind == "less_than_equal":
        bound = _bound(ctx.get("le"))
        return msg("{field}: Input should be less than or equal to {limit} (got {given})", field=field, limit=bound, given=got)
    return msg("{field}: {problem} (got {given})", field=field, problem=error["msg"], given=got)


def _choices(expected: str) -> Msg | str:
    """pydantic's "'a', 'b' or 'c'" as a listing that each language joins with its own 'or'."""
    choices = [f"'{c}'" for c in re.findall(r"'([^']*)'", expected)]
    if len(choices) < 2:
        return expected
    return msg("{choices} or {last}", choices=Listing(tuple(choices[:-1])), last=choices[-1])


def _bound(value: object) -> str:
    """A field's bound as written: pydantic gives a Decimal one as the text "Decimal('1000')"."""
    text = str(value)
    found = re.fullmatch(r"Decimal\('([^']*)'\)", text)
    return plain(Decimal(found.group(1))) if found else text


def _data_path(data: Any, loc: tuple[int | str, ...], named: bool) -> Path_:  # noqa: ANN401 - walks raw YAML data
    """The part of pydantic's `loc` that walks the data: union-member labels and "[key]" dropped; the key last
    in `loc` kept when it is `named` (missing or unknown), so that the message can name it."""
    path: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        if (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]  # type: ignore[index]
        elif named and isinstance(node, dict) and isinstance(part, str) and i == len(loc) - 1:
            pass  # a missing or unknown key
        else:
            continue
        path.append(part)
    return tuple(path)


def dotted(path: Path_) -> str:
    """('groups', 2, 'criteria', 0, 'max') → 'groups[2].criteria[0].max'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _short(value: Any) -> str:  # noqa: ANN401 - any input a person wrote
    text = repr(value) if not isinstance(value, Decimal) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _given(value: Any) -> Msg | str:  # noqa: ANN401 - any input a person wrote
    """What was written, as it was written: 'text', 12.5, true, [] — or what it is, never Python's repr of it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | Decimal | int) or value in ([], {}):
        return _short(value)
    return _describe(value)


class ProposalSpec(Strict):
    """The proposal sent up (tờ trình đề nghị khen thưởng): its number and addressees; every key may be left out."""

    number: Text | None = None  # số và ký hiệu, e.g. "15/TTr-CTĐ"; blank: "Số: …/TTr-…" to fill by hand
    to: list[Text] = []  # Kính gửi
    recipients: list[Text] = []  # Nơi nhận


class MeetingSpec(Strict):
    date: Text
    place: Text
    chair: Text
    secretary: Text
    attendees: list[Text] = Field(min_length=1)
    # Administrative form (Decree 30/2020/NĐ-CP); every key may be left out: the documents leave a blank to fill by hand.
    issuer: Text | None = None  # the issuing body (cơ quan ban hành), top left
    issuer_parent: Text | None = None  # the body above it (cơ quan chủ quản), above the issuer
    locality: Text | None = None  # the place in the date line ("Cao Bằng, ngày 10 tháng 10 năm 2023")
    number: Text | None = None  # the minutes' number and symbol, e.g. "05/BB-CTĐ"
    start: Text | None = None  # when the meeting began, as written ("8 giờ 00")
    end: Text | None = None  # when it ended
    absent: list[Text] = []
    chair_title: Text | None = None  # the chair's title in the signature block ("CỤM TRƯỞNG")
    secretary_title: Text | None = None
    recipients: list[Text] = []  # the minutes' Nơi nhận
    proposal: ProposalSpec | None = None


class CorrectionSpec(Strict):
    """Kiểm tra chéo: a corrected indicator value, or a criterion's points set by the council."""

    unit: Id
    indicator: Id | None = None
    value: Any = None
    criterion: Id | None = None
    points: Number | None = None
    reason: Text
    evidence: Text | None = None
    explanation: Text | None = None  # the unit's giải trình


class DecisionSpec(Strict):
    unit: Id
    award: Id  # the tier decided, or "none"
    decision: Literal["confirm", "override"]
    reason: Text | None = None


class BallotSpec(Strict):
    award: Id
    unit: Id
    voters: Whole = Field(ge=1)
    in_favour: Whole = Field(ge=0)
    against: Whole = Field(ge=0)
    abstain: Whole = Field(ge=0)


class AcknowledgedSpec(Strict):
    rule: Literal["quota", "eligibility", "vote", "same_person"]
    award: Id | None = None
    unit: Id | None = None
    reason: Text


class GradeSpec(Strict):
    """One assessor's grade (điểm đánh giá của tổ thẩm định, thành viên Hội đồng) of a graded criterion."""

    unit: Id
    criterion: Id
    assessor: Text
    points: Number
    reason: Text


class GradesSpec(Strict):
    format: Literal["thidua/grades-1"]
    round: Id
    grades: list[GradeSpec] = []


class ReviewSpec(Strict):
    format: Literal["thidua/review-1"]
    round: Id
    meeting: MeetingSpec
    reviewed_by: Text
    approved_by: Text
    corrections: list[CorrectionSpec] = []
    decisions: list[DecisionSpec] = []
    ballots: list[BallotSpec] = []
    acknowledged: list[AcknowledgedSpec] = []
    grades: list[GradeSpec] = []
