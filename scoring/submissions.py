"""What the units report (báo cáo số liệu): read from YAML or CSV, checked against the criteria."""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from scoring.criteria import Criteria, Indicator
from scoring.errors import InvalidInput, Problem
from scoring.numbers import CONTEXT, MAX_PLACES, NotANumber, parse_number, plain
from scoring.schema import LIMIT, SubmissionSpec, validate
from scoring.yamlio import Document, decode, nul_in_name, parse, read_bytes

SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
REVIEW_FORMAT = "thidua/review-1"
_YES = {"có", "co", "true", "đạt"}
_NO = {"không", "khong", "false", "không đạt"}


@dataclass(frozen=True)
class Reported:
    """One value a unit reported, with its evidence (văn bản, số hiệu) and where it was written."""

    value: Decimal | bool
    evidence: str | None
    source: str  # "file:line"
    answer: str | None = None  # a choice indicator's answer, as written
    correction: str | None = None  # "corrected by the council: from X to Y, reason …"


@dataclass(frozen=True)
class Submission:
    unit: str
    values: Mapping[str, Reported]
    self_score: Decimal | None
    file: str
    line: int  # 1 for a YAML file, the row for a CSV table
    sha256: str
    left_empty: Mapping[str, int] = field(default_factory=dict)  # indicators given as null in a YAML file, and their lines


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the submission files inside folders named, each once, in a stable order."""
    files: dict[Path, Path] = {}
    for path in paths:
        try:
            if not path.exists():
                raise InvalidInput([Problem(str(path), 1, 1, "no such file or folder")])
            found = (
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES) if path.is_dir() else [path]
            )
            for file in found:
                files.setdefault(file.resolve(), file)
        except OSError as e:  # a folder or link inside that may not be read
            where = e.filename or path
            raise InvalidInput([Problem(str(where), 1, 1, f"cannot read the folder: {e.strerror}")]) from e
        except ValueError as e:  # a NUL in a name a record or a criteria file gave
            raise InvalidInput([nul_in_name(path)]) from e
    return list(files.values())


Progress = Callable[[int, int], None]  # (done, total): for a progress bar at the edge


def load_submissions(criteria: Criteria, paths: Iterable[Path], progress: Progress | None = None) -> tuple[Submission, ...]:
    """Every unit's submission, in the round's unit order; every problem in all files at once."""
    problems: list[Problem] = []
    found: list[tuple[Submission, Problem]] = []
    files = collect(paths)
    if not files:
        raise InvalidInput([Problem("(command line)", 1, 1, "no submission files were given or found")])
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
                    f"a second submission for unit '{submission.unit}' (the first is {first.file}:{first.line})",
                )
            )
        else:
            by_unit[submission.unit] = (submission, where)
    missing = [u.id for u in criteria.units if u.id not in by_unit]
    if missing and not problems:
        problems.append(Problem(criteria.file, 1, 1, f"no submission for unit(s): {', '.join(missing)}"))
    if problems:
        raise InvalidInput(problems)
    return tuple(by_unit[u.id][0] for u in criteria.units)


def _read(criteria: Criteria, file: Path) -> list[tuple[Submission, Problem]]:
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput([Problem(str(file), 1, 1, f"cannot read '{suffix}' files; give .yaml, .csv or .xlsx submissions")])
    if suffix == ".xlsx" and file.name.startswith("~$"):
        return []  # the lock file Excel keeps beside a workbook that is open, not a workbook
    raw = read_bytes(file)
    if suffix == ".csv":
        return _read_csv(criteria, str(file), raw)
    if suffix == ".xlsx":
        from scoring.spreadsheet import read_xlsx  # noqa: PLC0415 - spreadsheet imports this module

        return read_xlsx(criteria, str(file), raw)
    doc = parse(raw, str(file))
    if isinstance(doc.data, dict) and doc.data.get("format") == REVIEW_FORMAT:
        return []  # the council's review file, kept beside the submissions: not a unit's report
    return [_read_yaml(criteria, doc)]


def _read_yaml(criteria: Criteria, doc: Document) -> tuple[Submission, Problem]:
    spec = validate(SubmissionSpec, doc)
    problems: list[Problem] = []
    _check_round(criteria, spec.round, spec.unit, lambda key, m: problems.append(doc.problem((key,), f"{key}: {m}")))
    values: dict[str, Reported] = {}
    left_empty: dict[str, int] = {}
    for iid, given in spec.values.items():
        path: tuple[str, ...] = ("values", iid)
        value, evidence = given, None
        if isinstance(given, dict):
            extra = sorted(set(given) - {"value", "evidence"})
            if extra:
                problems.append(
                    doc.problem((*path, extra[0]), f"values.{iid}: unknown key '{extra[0]}' (give value and evidence)")
                )
                continue
            value, evidence = given.get("value"), given.get("evidence")
            path = (*path, "value")
            if evidence is not None and not isinstance(evidence, str):
                problems.append(doc.problem((*path[:2], "evidence"), f"values.{iid}.evidence: give the evidence as text"))
                continue
        try:
            reported = convert(criteria, iid, value)
        except ValueError as e:
            problems.append(doc.problem(path, f"values.{iid}: {e}"))
            continue
        if reported is None:
            left_empty[iid] = doc.where(path).line
        else:
            answer = value.strip() if isinstance(value, str) and _is_choice(criteria, iid) else None
            values[iid] = Reported(reported, evidence, f"{doc.file}:{doc.where(path).line}", answer)
    self_score = None
    if spec.self_score is not None:
        try:
            self_score = _number(spec.self_score)
        except ValueError as e:
            problems.append(doc.problem(("self_score",), f"self_score: {e}"))
    if problems:
        raise InvalidInput(problems)
    sha = hashlib.sha256(doc.raw).hexdigest()
    return Submission(spec.unit, values, self_score, doc.file, 1, sha, left_empty), doc.problem(("unit",), "")


def _read_csv(criteria: Criteria, file: str, raw: bytes) -> list[tuple[Submission, Problem]]:
    text = decode(raw, file)
    sha = hashlib.sha256(raw).hexdigest()
    first_line = text.split("\n", 1)[0]
    # Excel under a Vietnamese locale separates cells with ';', since ',' is the decimal mark.
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InvalidInput([Problem(file, 1, 1, "the CSV file is empty; it needs a header row")]) from None
    except csv.Error as e:
        raise InvalidInput([Problem(file, 1, 1, f"not a valid CSV file: {e}")]) from None
    problems: list[Problem] = []
    for need in ("round", "unit"):
        if need not in header:
            problems.append(Problem(file, 1, 1, f"the header has no '{need}' column"))
    columns: dict[str, int] = {}
    for col, name in enumerate(header):
        base = name.removesuffix(".evidence")
        if name in columns:
            problems.append(Problem(file, 1, col + 1, f"column '{name}' appears twice"))
        elif name not in ("round", "unit", "self_score") and base not in criteria.indicators:
            close = difflib.get_close_matches(base, list(criteria.indicators), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append(Problem(file, 1, col + 1, f"column '{name}': unknown indicator '{base}'{hint}"))
        columns[name] = col
    if problems:
        raise InvalidInput(problems)
    result = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            submission = _csv_row(criteria, file, sha, header, columns, row, line, problems)
            if submission is not None:
                result.append((submission, Problem(file, line, 1, "")))
    except csv.Error as e:
        problems.append(Problem(file, reader.line_num, 1, f"not a valid CSV row: {e}"))
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
        problems.append(Problem(file, line, 1, f"the row has {len(row)} cells, the header {len(header)}"))
        return None

    def cell(name: str) -> str:
        return row[columns[name]].strip()

    unit = cell("unit")
    _check_round(
        criteria, cell("round"), unit, lambda key, m: problems.append(Problem(file, line, columns[key] + 1, f"{key}: {m}"))
    )
    values: dict[str, Reported] = {}
    for name, col in columns.items():
        if name not in criteria.indicators:
            continue
        text = row[col].strip()
        try:
            reported = convert(criteria, name, text or None)
        except ValueError as e:
            problems.append(Problem(file, line, col + 1, f"unit {unit}, column {name}: {e}"))
            continue
        if reported is not None:
            evidence = cell(f"{name}.evidence") if f"{name}.evidence" in columns else ""
            answer = text if _is_choice(criteria, name) else None
            values[name] = Reported(reported, evidence or None, f"{file}:{line}", answer)
    self_score = None
    if "self_score" in columns and cell("self_score"):
        try:
            self_score = _number(cell("self_score"))
        except ValueError as e:
            problems.append(Problem(file, line, columns["self_score"] + 1, f"self_score: {e}"))
    if len(problems) > before:
        return None
    return Submission(unit, values, self_score, file, line, sha)


def _is_choice(criteria: Criteria, iid: str) -> bool:
    return criteria.indicators[iid].type == "choice"


def _check_round(criteria: Criteria, round_id: str, unit: str, report: Any) -> None:  # noqa: ANN401 - a callback
    if round_id != criteria.id:
        report("round", f"this submission is for round '{round_id}', but the criteria are for round '{criteria.id}'")
    if unit not in criteria.unit_ids:
        unit_ids = [u.id for u in criteria.units]
        close = difflib.get_close_matches(unit, unit_ids, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; the round's units are {', '.join(unit_ids)}"
        report("unit", f"unit '{unit}' is not in this round{hint}")


def _number(value: object) -> Decimal:
    if isinstance(value, bool):
        raise ValueError("expected a number, not a yes/no value")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        try:
            return parse_number(value)
        except NotANumber as e:
            raise ValueError(str(e)) from None
    raise ValueError(f"expected a number, got {type(value).__name__}")


def convert(criteria: Criteria, iid: str, value: object) -> Decimal | bool | None:
    """A reported value as the indicator's type, or ValueError saying what is wrong."""
    indicator = criteria.indicators.get(iid)
    if indicator is None:
        close = difflib.get_close_matches(iid, list(criteria.indicators), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"unknown indicator '{iid}'{hint}")
    if value is None:
        return None
    if indicator.type == "boolean":
        return _boolean(value)
    if indicator.type == "choice":
        if isinstance(value, str) and value.strip() in indicator.choices:
            return indicator.choices[value.strip()]
        raise ValueError(f"expected one of: {', '.join(indicator.choices)}")
    number = CONTEXT.plus(_number(value))  # plus: -0 is 0
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int), "parsed numbers are finite"
    if abs(number) > LIMIT:
        raise ValueError(f"{plain(number)} is beyond the largest figure accepted ({plain(LIMIT)})")
    if -exponent > MAX_PLACES:
        raise ValueError(f"{plain(number)} has more than {MAX_PLACES} decimal places")
    if indicator.type == "integer" and exponent < 0:
        # YAML read an unquoted 28.540 as 28.54: refuse any decimal point, whatever the digits.
        if isinstance(value, Decimal) and exponent == -3:
            meant = int(plain(value).replace(".", ""))
            hint = f'; if you meant {meant} (a dot grouping thousands), write {meant} or "{plain(value)}" in quotes'
        elif number == number.to_integral_value():
            hint = f"; write {plain(number.to_integral_value())}"
        else:
            hint = ""
        raise ValueError(f"{plain(number)} is not a whole number{hint}")
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
    raise ValueError("expected có or không (or true/false)")


def _check_range(indicator: Indicator, number: Decimal) -> None:
    if indicator.min is not None and number < indicator.min:
        raise ValueError(f"{plain(number)} is below the minimum {plain(indicator.min)}")
    if indicator.max is not None and number > indicator.max:
        raise ValueError(f"{plain(number)} is above the maximum {plain(indicator.max)}")
