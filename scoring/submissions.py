"""What the units report (báo cáo số liệu): read from YAML, CSV or a filled xlsx form, checked against the criteria."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from scoring.criteria import Criteria, Criterion, Indicator, did_you_mean
from scoring.errors import InvalidInput, Problem
from scoring.forms import (
    EVIDENCE_COL,
    FIRST_ROW,
    FORM_FORMAT,
    HEADER_ROW,
    HEADINGS,
    META_SHEET,
    SELF_SCORE_ROW,
    VALUE_COL,
    FilledSheet,
    cell_text,
    cell_value,
    in_sheet,
    read_form,
    starts_self_scores,
)
from scoring.numbers import CONTEXT, MAX_PLACES, NotANumber, parse_number, plain
from scoring.safetext import control_char, nfc
from scoring.schema import LIMIT, SubmissionSpec, validate
from scoring.wording import Listing, Msg, Text, closest, msg
from scoring.yamlio import Document, Path_, control_in_text, decode, nul_in_name, parse, read_bytes

SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
REVIEW_FORMAT = "thidua/review-1"
_YES = {"có", "co", "true", "đạt", "yes"}  # yes/no: the answers an English form offers
_NO = {"không", "khong", "false", "không đạt", "no"}


class InvalidValue(ValueError):
    """A reported value that does not fit its indicator; `reason` says why, worded when shown."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return str(self.reason)


@dataclass(frozen=True)
class Reported:
    """One value a unit reported, with its evidence (văn bản, số hiệu) and where it was written."""

    value: Decimal | bool
    evidence: str | None
    source: Text  # "file:line", and for a form its sheet and cell
    answer: str | None = None  # a choice indicator's answer, as written
    correction: Text | None = None  # "corrected by the council: from X to Y, reason …"


@dataclass(frozen=True)
class SelfScore:
    """A unit's own points for one criterion (điểm tự chấm) and what it says of them (diễn giải)."""

    points: Decimal | None
    explanation: str | None
    source: Text  # where it was written, as for a value


@dataclass(frozen=True)
class Submission:
    unit: str
    values: Mapping[str, Reported]
    self_score: Decimal | None
    file: str
    line: int  # 1 for a YAML file, the row for a CSV table
    sha256: str
    left_empty: Mapping[str, int] = field(default_factory=dict)  # indicators given as null in a YAML file, and their lines
    self_scores: Mapping[str, SelfScore] = field(default_factory=dict)  # criterion id → the unit's own points for it


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the submission files inside folders named, each once, in a stable order."""
    files: dict[Path, Path] = {}
    for path in paths:
        try:
            if not path.exists():
                raise InvalidInput([Problem(str(path), 1, 1, msg("no such file or folder"))])
            found = sorted(p for p in _walk(path) if p.is_file() and p.suffix.lower() in SUFFIXES) if path.is_dir() else [path]
            for file in found:
                files.setdefault(file.resolve(), file)
        except OSError as e:  # a folder or link inside that may not be read
            where = e.filename or path
            raise InvalidInput(
                [Problem(str(where), 1, 1, msg("cannot read the folder: {reason}", reason=str(e.strerror)))]
            ) from e
        except ValueError as e:  # a NUL in a name a record or a criteria file gave
            raise InvalidInput([nul_in_name(path)]) from e
    return list(files.values())


MAX_FOLDER_DEPTH = 32  # folders below a submissions folder that are looked into; no council files units deeper


def _walk(folder: Path) -> list[Path]:
    """Everything inside `folder`, without recursion and at most MAX_FOLDER_DEPTH levels down; links to folders not entered."""
    found: list[Path] = []
    pending = [(folder, 0)]
    while pending:
        here, depth = pending.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                inside = here / entry.name
                found.append(inside)
                if entry.is_dir() and not entry.is_symlink():
                    if depth == MAX_FOLDER_DEPTH:
                        message = msg(
                            "the folder is more than {depth} levels below {folder}; submissions are not looked for so deep",
                            depth=MAX_FOLDER_DEPTH,
                            folder=str(folder),
                        )
                        raise InvalidInput([Problem(str(inside), 1, 1, message)])
                    pending.append((inside, depth + 1))
    return found


Progress = Callable[[int, int], None]  # (done, total): for a progress bar at the edge


def load_submissions(criteria: Criteria, paths: Iterable[Path], progress: Progress | None = None) -> tuple[Submission, ...]:
    """Every unit's submission, in the round's unit order; every problem in all files at once."""
    problems: list[Problem] = []
    found: list[tuple[Submission, Problem]] = []
    files = collect(paths)
    if not files:
        raise InvalidInput([Problem("(command line)", 1, 1, msg("no submission files were given or found"))])
    for done, file in enumerate(files, 1):
        try:
            found.extend(_read(criteria, file))
        except InvalidInput as e:
            problems.extend(e.problems)
        if progress is not None:
            progress(done, len(files))
    by_unit: dict[str, tuple[Submission, Problem]] = {}
    for submission, where in found:
        if submission.unit in by_unit:
            first = by_unit[submission.unit][1]
            problems.append(
                Problem(
                    where.file,
                    where.line,
                    where.col,
                    msg(
                        "a second submission for unit '{unit}' (the first is {first})",
                        unit=submission.unit,
                        first=f"{first.file}:{first.line}",
                    ),
                )
            )
        else:
            by_unit[submission.unit] = (submission, where)
    missing = [u.id for u in criteria.units if u.id not in by_unit]
    if missing and not problems:
        problems.append(Problem(criteria.file, 1, 1, msg("no submission for unit(s): {units}", units=Listing(tuple(missing)))))
    if problems:
        raise InvalidInput(problems)
    return tuple(by_unit[u.id][0] for u in criteria.units)


def read_file(criteria: Criteria, file: Path) -> tuple[Submission, ...]:
    """The submissions of one file, read as the round reads them (the same readers and limits); InvalidInput if any
    problem. A review file beside the submissions gives none."""
    return tuple(submission for submission, _ in _read(criteria, file))


def _read(criteria: Criteria, file: Path) -> list[tuple[Submission, Problem]]:
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        message = msg("cannot read '{suffix}' files; give .yaml, .csv or .xlsx submissions", suffix=suffix)
        raise InvalidInput([Problem(str(file), 1, 1, message)])
    if suffix == ".xlsx" and file.name.startswith("~$"):
        return []  # the lock file Excel keeps beside a workbook that is open, not a workbook
    raw = read_bytes(file)
    if suffix == ".csv":
        return _read_csv(criteria, str(file), raw)
    if suffix == ".xlsx":
        return _read_xlsx(criteria, str(file), raw)
    doc = parse(raw, str(file))
    if isinstance(doc.data, dict) and doc.data.get("format") == REVIEW_FORMAT:
        return []  # the council's review file, kept beside the submissions: not a unit's report
    return [_read_yaml(criteria, doc)]


def _read_yaml(criteria: Criteria, doc: Document) -> tuple[Submission, Problem]:
    spec = validate(SubmissionSpec, doc)
    problems: list[Problem] = []
    _check_round(criteria, spec.round, spec.unit, lambda key, m: problems.append(_at(doc, (key,), _field(key, m))))
    values: dict[str, Reported] = {}
    left_empty: dict[str, int] = {}
    for iid, given in spec.values.items():
        path: tuple[str, ...] = ("values", iid)
        value, evidence = given, None
        if isinstance(given, dict):
            extra = sorted(set(given) - {"value", "evidence"})
            if extra:
                unknown = msg("values.{indicator}: unknown key '{key}' (give value and evidence)", indicator=iid, key=extra[0])
                problems.append(_at(doc, (*path, extra[0]), unknown))
                continue
            value, evidence = given.get("value"), given.get("evidence")
            path = (*path, "value")
            if evidence is not None and not isinstance(evidence, str):
                as_text = msg("values.{indicator}.evidence: give the evidence as text", indicator=iid)
                problems.append(_at(doc, (*path[:2], "evidence"), as_text))
                continue
            if (too_long := _too_long(evidence)) is not None:
                problems.append(
                    _at(
                        doc, (*path[:2], "evidence"), msg("values.{indicator}.evidence: {reason}", indicator=iid, reason=too_long)
                    )
                )
                continue
        try:
            reported = convert(criteria, iid, value)
        except ValueError as e:
            problems.append(_at(doc, path, _in_values(iid, _said(e))))
            continue
        if reported is None:
            left_empty[iid] = doc.where(path).line
        elif needs_evidence(criteria, iid, evidence):
            problems.append(_at(doc, path, _without_evidence(spec.unit, iid)))
        else:
            answer = value.strip() if isinstance(value, str) and _is_choice(criteria, iid) else None
            values[iid] = Reported(reported, evidence, f"{doc.file}:{doc.where(path).line}", answer)
    self_scores = _yaml_self_scores(criteria, doc, spec.self_scores, problems)
    self_score = None
    if spec.self_score is not None:
        try:
            self_score = _number(spec.self_score)
        except ValueError as e:
            problems.append(_at(doc, ("self_score",), _field("self_score", _said(e))))
    if problems:
        raise InvalidInput(problems)
    sha = hashlib.sha256(doc.raw).hexdigest()
    return Submission(spec.unit, values, self_score, doc.file, 1, sha, left_empty, self_scores), doc.problem(("unit",), "")


def _yaml_self_scores(
    criteria: Criteria, doc: Document, given: Mapping[str, object], problems: list[Problem]
) -> dict[str, SelfScore]:
    """`self_scores: {I.1: {points: 3, explanation: …}, I.2: 8.5}`: each criterion's own points, checked."""
    found: dict[str, SelfScore] = {}
    for cid, entry in given.items():
        path: tuple[str, ...] = ("self_scores", cid)
        points, explanation = entry, None
        if isinstance(entry, dict):
            extra = sorted(set(entry) - {"points", "explanation"})
            if extra:
                unknown = msg(
                    "self_scores.{criterion}: unknown key '{key}' (give points and explanation)", criterion=cid, key=extra[0]
                )
                problems.append(_at(doc, (*path, extra[0]), unknown))
                continue
            points, explanation = entry.get("points"), entry.get("explanation")
            if explanation is not None and not isinstance(explanation, str):
                as_text = msg("self_scores.{criterion}.explanation: give the explanation as text", criterion=cid)
                problems.append(_at(doc, (*path, "explanation"), as_text))
                continue
            path = (*path, "points") if "points" in entry else path
        try:
            own = self_points(criteria, cid, points)
        except ValueError as e:
            problems.append(_at(doc, path, msg("self_scores.{criterion}: {reason}", criterion=cid, reason=_said(e))))
            continue
        if own is not None or _text(explanation) is not None:
            found[cid] = SelfScore(own, _text(explanation), f"{doc.file}:{doc.where(path).line}")
    return found


def self_points(criteria: Criteria, cid: str, value: object) -> Decimal | None:
    """A unit's own points for criterion `cid`: a number from its least (0, or its table's negative row) to its
    maximum, or InvalidValue."""
    criterion = _criterion(criteria, cid)
    if value is None:
        return None
    points = CONTEXT.plus(_number(value))
    exponent = points.as_tuple().exponent
    assert isinstance(exponent, int), "parsed numbers are finite"
    if -exponent > MAX_PLACES:
        raise InvalidValue(msg("{value} has more than {places} decimal places", value=points, places=MAX_PLACES))
    if points < 0 and criterion.least == 0:
        raise InvalidValue(msg("{value} is below 0: a criterion's points are 0 or more", value=points))
    if points < criterion.least:  # a table's negative row is the least
        raise InvalidValue(msg("{value} is below {least}, the criterion's lowest points", value=points, least=criterion.least))
    if points > criterion.max:
        raise InvalidValue(msg("{value} is above the criterion's maximum {maximum}", value=points, maximum=criterion.max))
    return points


def _criterion(criteria: Criteria, cid: str) -> Criterion:
    criterion = next((c for c in criteria.criteria if c.id == cid), None)
    if criterion is None:
        known = [c.id for c in criteria.criteria]
        raise InvalidValue(msg("unknown criterion '{name}'{hint}", name=cid, hint=did_you_mean(cid, known)))
    return criterion


MAX_EVIDENCE = 2000  # characters of a value's evidence (căn cứ): a document's number and title, not the document


def _too_long(evidence: str | None) -> Msg | None:
    """Why evidence is refused for its length (it is copied into the record with its value), or None."""
    if evidence is None or len(evidence) <= MAX_EVIDENCE:
        return None
    return msg("the evidence is {length} characters long; the limit is {limit}", length=len(evidence), limit=MAX_EVIDENCE)


def needs_evidence(criteria: Criteria, iid: str, evidence: str | None) -> bool:
    """A value given without the evidence (căn cứ) its indicator requires, where that is an error."""
    return criteria.indicators[iid].if_no_evidence == "error" and _text(evidence) is None


def _without_evidence(unit: str, iid: str) -> Msg:
    return msg(
        "unit {unit}, indicator {indicator}: no evidence given; the criteria require evidence"
        " (document, number, date of issue) for this value",
        unit=unit,
        indicator=iid,
    )


def _text(given: str | None) -> str | None:
    """Text as written, or None when it is blank."""
    return given.strip() or None if given is not None else None


def _at(doc: Document, path: Path_, message: Msg) -> Problem:
    where = doc.where(path)
    return Problem(doc.file, where.line, where.col, message)


def _field(name: str, reason: Text) -> Msg:
    """A problem with one field of a submission: `self_score`, `round`, `unit`."""
    return msg("{field}: {reason}", field=name, reason=reason)


def _in_values(iid: str, reason: Text) -> Msg:
    return msg("values.{indicator}: {reason}", indicator=iid, reason=reason)


def _said(error: ValueError) -> Text:
    """Why a value was refused: the error's message, kept unworded when it is one."""
    reason = error.args[0] if error.args else None
    return reason if isinstance(reason, Msg) else str(error)


def _read_csv(criteria: Criteria, file: str, raw: bytes) -> list[tuple[Submission, Problem]]:
    text = nfc(decode(raw, file))  # Vietnamese typed decomposed (NFD) is the same text composed
    sha = hashlib.sha256(raw).hexdigest()
    first_line = text.split("\n", 1)[0]
    # Excel under a Vietnamese locale separates cells with ';', since ',' is the decimal mark.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InvalidInput([Problem(file, 1, 1, msg("the CSV file is empty; it needs a header row"))]) from None
    except csv.Error as e:
        raise InvalidInput([Problem(file, 1, 1, msg("not a valid CSV file: {reason}", reason=str(e)))]) from None
    problems: list[Problem] = []
    for need in ("round", "unit"):
        if need not in header:
            problems.append(Problem(file, 1, 1, msg("the header has no '{column}' column", column=need)))
    columns: dict[str, int] = {}
    criterion_ids = [c.id for c in criteria.criteria]
    for col, name in enumerate(header):
        base = name.removesuffix(".evidence")
        own = _self_column(name)
        if name in columns:
            problems.append(Problem(file, 1, col + 1, msg("column '{column}' appears twice", column=name)))
        elif own is not None and own[0] not in criteria.indicators:
            if own[0] not in criterion_ids:
                reason = msg("unknown criterion '{name}'{hint}", name=own[0], hint=did_you_mean(own[0], criterion_ids))
                problems.append(Problem(file, 1, col + 1, msg("column '{column}': {reason}", column=name, reason=reason)))
        elif name not in ("round", "unit", "self_score") and base not in criteria.indicators:
            unknown = msg("column '{column}': {reason}", column=name, reason=unknown_indicator(criteria, base))
            problems.append(Problem(file, 1, col + 1, unknown))
        columns[name] = col
    if problems:
        raise InvalidInput(problems)
    result = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            controls = [
                (col, found[1]) for col, cell in enumerate(row) if (found := control_char(cell.replace("\r\n", "\n"))) is not None
            ]
            if controls:
                problems += [Problem(file, line, col + 1, control_in_text(char)) for col, char in controls]
                continue
            submission = _csv_row(criteria, file, sha, header, columns, row, line, problems)
            if submission is not None:
                result.append((submission, Problem(file, line, 1, "")))
    except csv.Error as e:
        problems.append(Problem(file, reader.line_num, 1, msg("not a valid CSV row: {reason}", reason=str(e))))
    if problems:
        raise InvalidInput(problems)
    return result


def _csv_row(
    criteria: Criteria,
    file: str,
    sha: str,
    header: Sequence[str],
    columns: Mapping[str, int],
    row: Sequence[str],
    line: int,
    problems: list[Problem],
) -> Submission | None:
    before = len(problems)
    if len(row) != len(header):
        problems.append(
            Problem(file, line, 1, msg("the row has {cells} cells, the header {columns}", cells=len(row), columns=len(header)))
        )
        return None

    def cell(name: str) -> str:
        return row[columns[name]].strip()

    unit = cell("unit")
    _check_round(
        criteria, cell("round"), unit, lambda key, m: problems.append(Problem(file, line, columns[key] + 1, _field(key, m)))
    )
    values: dict[str, Reported] = {}
    for name, col in columns.items():
        if name not in criteria.indicators:
            continue
        text = row[col].strip()
        try:
            reported = convert(criteria, name, text or None)
        except ValueError as e:
            where = msg("unit {unit}, column {column}: {reason}", unit=unit, column=name, reason=_said(e))
            problems.append(Problem(file, line, col + 1, where))
            continue
        if reported is not None:
            evidence = cell(f"{name}.evidence") if f"{name}.evidence" in columns else ""
            if (too_long := _too_long(evidence)) is not None:
                column = f"{name}.evidence"
                where = msg("unit {unit}, column {column}: {reason}", unit=unit, column=column, reason=too_long)
                problems.append(Problem(file, line, columns[column] + 1, where))
                continue
            if needs_evidence(criteria, name, evidence):
                at = columns.get(f"{name}.evidence", col)
                problems.append(Problem(file, line, at + 1, _without_evidence(unit, name)))
                continue
            answer = text if _is_choice(criteria, name) else None
            values[name] = Reported(reported, evidence or None, f"{file}:{line}", answer)
    self_scores: dict[str, SelfScore] = {}
    own_columns = (_self_column(name) for name in columns)
    for cid in dict.fromkeys(own[0] for own in own_columns if own is not None and own[0] not in criteria.indicators):
        points_column, explanation_column = f"{cid}.self_score", f"{cid}.explanation"
        explanation = _text(cell(explanation_column)) if explanation_column in columns else None
        try:
            points = self_points(criteria, cid, cell(points_column) or None if points_column in columns else None)
        except ValueError as e:
            where = msg("unit {unit}, column {column}: {reason}", unit=unit, column=points_column, reason=_said(e))
            problems.append(Problem(file, line, columns[points_column] + 1, where))
            continue
        if points is not None or explanation is not None:
            self_scores[cid] = SelfScore(points, explanation, f"{file}:{line}")
    self_score = None
    if "self_score" in columns and cell("self_score"):
        try:
            self_score = _number(cell("self_score"))
        except ValueError as e:
            problems.append(Problem(file, line, columns["self_score"] + 1, _field("self_score", _said(e))))
    if len(problems) > before:
        return None
    return Submission(unit, values, self_score, file, line, sha, self_scores=self_scores)


def _self_column(name: str) -> tuple[str, str] | None:
    """'I.2.self_score' → ('I.2', 'self_score'); likewise '.explanation'; None for any other column."""
    for suffix in ("self_score", "explanation"):
        if name.endswith(f".{suffix}"):
            return name.removesuffix(f".{suffix}"), suffix
    return None


def _read_xlsx(criteria: Criteria, file: str, raw: bytes) -> list[tuple[Submission, Problem]]:
    """Each sheet of a filled form as a unit's submission; every problem at its sheet and cell."""
    sha = hashlib.sha256(raw).hexdigest()
    form = read_form(file, raw)
    if form.format != FORM_FORMAT or form.round is None:
        made = (
            msg("not a thidua form; make the form again with thidua template")
            if form.format is None
            else msg("a form of another kind ('{kind}'); make the form again with thidua template", kind=form.format)
        )
        raise InvalidInput([Problem(file, 1, 1, msg("sheet {sheet}: {message}", sheet=META_SHEET, message=made))])
    if form.round != criteria.id:
        row = form.round_row
        message = msg(
            "this form was made for round '{round}', but the criteria are for round '{criteria}'",
            round=form.round,
            criteria=criteria.id,
        )
        raise InvalidInput([Problem(file, row, 2, in_sheet(META_SHEET, f"B{row}", message))])
    if form.criteria_sha256 != criteria.sha256:  # a unit of measure, a range or a target may have changed since
        row = form.sha256_row
        message = msg(
            "this form was made from another version of round {round}'s criteria (SHA-256 {form});"
            " the criteria given are {criteria}: make the forms again with thidua template",
            round=criteria.id,
            form=form.criteria_sha256 or "—",
            criteria=criteria.sha256,
        )
        raise InvalidInput([Problem(file, row, 2, in_sheet(META_SHEET, f"B{row}", message))])
    problems: list[Problem] = []
    result = []
    for sheet in form.sheets:
        if sheet.unit not in criteria.unit_ids:
            message = msg(
                "sheet '{sheet}' is for unit '{unit}', which is not in round {round}; the round's units are {units}",
                sheet=sheet.title,
                unit=sheet.unit,
                round=criteria.id,
                units=Listing(tuple(u.id for u in criteria.units)),
            )
            problems.append(Problem(file, sheet.meta_row, 2, in_sheet(META_SHEET, f"B{sheet.meta_row}", message)))
            continue
        submission = _sheet_submission(criteria, file, sha, sheet, problems)
        if submission is not None:
            result.append((submission, Problem(file, FIRST_ROW, 1, "")))
    if problems:
        raise InvalidInput(problems)
    return result


def _sheet_submission(criteria: Criteria, file: str, sha: str, sheet: FilledSheet, problems: list[Problem]) -> Submission | None:
    before = len(problems)
    rows = sheet.rows

    def problem(row: int, col: int, message: Msg) -> None:
        problems.append(Problem(file, row, col, in_sheet(sheet.title, f"{_column_letter(col)}{row}", message)))

    if not sheet.laid_out():
        problem(
            HEADER_ROW,
            1,
            msg(
                "not laid out as a thidua form (row {row} should hold the headings {headings})",
                row=HEADER_ROW,
                headings=Listing(HEADINGS),
            ),
        )
        return None
    self_score = None
    try:
        given = cell_value(rows[SELF_SCORE_ROW - 1][VALUE_COL - 1])
        self_score = None if given is None else _number(given)
    except ValueError as e:
        problem(SELF_SCORE_ROW, VALUE_COL, _field("self_score", _said(e)))
    values: dict[str, Reported] = {}
    first: dict[str, int] = {}
    own_rows: list[tuple[int, tuple[object, ...]]] = []
    for row, cells in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        if own_rows or starts_self_scores(cells):
            own_rows.append((row, cells))
            continue
        iid = cells[0]
        if iid is None or (isinstance(iid, str) and not iid.strip()):
            continue
        iid = str(iid).strip()
        if iid in first:
            problem(row, 1, _in_values(iid, msg("the indicator is listed twice (first on row {row})", row=first[iid])))
            continue
        first[iid] = row
        if iid not in criteria.indicators:
            problem(row, 1, _in_values(iid, unknown_indicator(criteria, iid)))
            continue
        try:
            given = cell_value(cells[VALUE_COL - 1])
            reported = convert(criteria, iid, given)
        except ValueError as e:
            problem(row, VALUE_COL, _in_values(iid, _said(e)))
            continue
        if reported is None:
            continue
        ref = f"{_column_letter(VALUE_COL)}{row}"
        answer = given.strip() if isinstance(given, str) and _is_choice(criteria, iid) else None
        source = msg("{place} (sheet {sheet}, cell {cell})", place=f"{file}:{row}", sheet=sheet.title, cell=ref)
        evidence = cell_text(cells[EVIDENCE_COL - 1])
        if (too_long := _too_long(evidence)) is not None:
            problem(row, EVIDENCE_COL, too_long)
            continue
        if needs_evidence(criteria, iid, evidence):
            problem(row, EVIDENCE_COL, _without_evidence(sheet.unit, iid))
            continue
        values[iid] = Reported(reported, evidence, source, answer)
    self_scores: dict[str, SelfScore] = {}
    listed: set[str] = set()
    for row, cells in own_rows[1:]:
        cid = cells[0]
        if cid is None or (isinstance(cid, str) and not cid.strip()):
            continue
        cid = str(cid).strip()
        if cid in listed:
            problem(row, 1, msg("self_scores.{criterion}: the criterion is listed twice", criterion=cid))
            continue
        listed.add(cid)
        try:
            _criterion(criteria, cid)
        except ValueError as e:
            problem(row, 1, msg("self_scores.{criterion}: {reason}", criterion=cid, reason=_said(e)))
            continue
        try:
            points = self_points(criteria, cid, cell_value(cells[VALUE_COL - 1]))
        except ValueError as e:
            problem(row, VALUE_COL, msg("self_scores.{criterion}: {reason}", criterion=cid, reason=_said(e)))
            continue
        explanation = cell_text(cells[EVIDENCE_COL - 1])
        if points is not None or explanation is not None:
            ref = f"{_column_letter(VALUE_COL)}{row}"
            source = msg("{place} (sheet {sheet}, cell {cell})", place=f"{file}:{row}", sheet=sheet.title, cell=ref)
            self_scores[cid] = SelfScore(points, explanation, source)
    if len(problems) > before:
        return None
    return Submission(sheet.unit, values, self_score, file, FIRST_ROW, sha, self_scores=self_scores)


def _is_choice(criteria: Criteria, iid: str) -> bool:
    return criteria.indicators[iid].type == "choice"


def _check_round(criteria: Criteria, round_id: str, unit: str, report: Callable[[str, Msg], None]) -> None:
    if round_id != criteria.id:
        report(
            "round",
            msg(
                "this submission is for round '{round}', but the criteria are for round '{criteria}'",
                round=round_id,
                criteria=criteria.id,
            ),
        )
    if unit not in criteria.unit_ids:
        unit_ids = [u.id for u in criteria.units]
        close = closest(unit, unit_ids)
        if close:
            report("unit", msg("unit '{unit}' is not in this round; did you mean '{suggestion}'?", unit=unit, suggestion=close))
        else:
            units = Listing(tuple(unit_ids))
            report("unit", msg("unit '{unit}' is not in this round; the round's units are {units}", unit=unit, units=units))


def unknown_indicator(criteria: Criteria, iid: str) -> Msg:
    """What every reader says of an indicator the criteria do not declare, with the closest one declared."""
    close = closest(iid, criteria.indicators)
    if close:
        return msg("unknown indicator '{indicator}'; did you mean '{suggestion}'?", indicator=iid, suggestion=close)
    return msg("unknown indicator '{indicator}'", indicator=iid)


def _number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise InvalidValue(msg("expected a number, not a yes/no value"))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NotANumber as e:
            raise InvalidValue(_said(e)) from None
    raise InvalidValue(msg("expected a number, got {kind}", kind=type(value).__name__))


def convert(criteria: Criteria, iid: str, value: object) -> Decimal | bool | None:
    """A reported value as the indicator's type, or InvalidValue (a ValueError) saying what is wrong."""
    indicator = criteria.indicators.get(iid)
    if indicator is None:
        raise InvalidValue(unknown_indicator(criteria, iid))
    if value is None:
        return None
    if indicator.source is not None:
        raise InvalidValue(
            msg(
                "'{indicator}' is taken from source {source} (indicators.{indicator}.from in the criteria), not reported",
                indicator=iid,
                source=indicator.source.source,
            )
        )
    if indicator.type == "boolean":
        return _boolean(value)
    if indicator.type == "choice":
        if isinstance(value, str) and value.strip() in indicator.choices:
            return indicator.choices[value.strip()]
        raise InvalidValue(msg("expected one of: {answers}", answers=Listing(tuple(indicator.choices))))
    number = CONTEXT.plus(_number(value))  # plus: -0 is 0
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int), "parsed numbers are finite"
    if abs(number) > LIMIT:
        raise InvalidValue(msg("{value} is beyond the largest figure accepted ({limit})", value=number, limit=LIMIT))
    if -exponent > MAX_PLACES:
        raise InvalidValue(msg("{value} has more than {places} decimal places", value=number, places=MAX_PLACES))
    if indicator.type == "integer" and exponent < 0:
        # YAML read an unquoted 28.540 as 28.54: refuse any decimal point, whatever the digits.
        if isinstance(value, Decimal) and exponent == -3:
            meant = int(plain(value).replace(".", ""))
            raise InvalidValue(
                msg(
                    "{value} is not a whole number; if you meant {meant} (a dot grouping thousands),"
                    ' write {meant} or "{written}" in quotes',
                    value=number,
                    meant=meant,
                    written=plain(value),
                )
            )
        if number == number.to_integral_value():
            whole = plain(number.to_integral_value())
            raise InvalidValue(msg("{value} is not a whole number; write {whole}", value=number, whole=whole))
        raise InvalidValue(msg("{value} is not a whole number", value=number))
    _check_range(indicator, number)
    return number


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    raise InvalidValue(msg("expected có or không (or yes/no, true/false)"))


def _check_range(indicator: Indicator, number: Decimal) -> None:
    if indicator.min is not None and number < indicator.min:
        raise InvalidValue(msg("{value} is below the minimum {minimum}", value=number, minimum=indicator.min))
    if indicator.max is not None and number > indicator.max:
        raise InvalidValue(msg("{value} is above the maximum {maximum}", value=number, maximum=indicator.max))


def _column_letter(col: int) -> str:
    """A column's letters ("A", "AB"), from openpyxl imported only when a workbook is read."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - openpyxl takes long to import

    return get_column_letter(col)
