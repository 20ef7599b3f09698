"""The decision record (hồ sơ xét duyệt): everything the meeting decided, sealed with the inputs' digests.

`decide_round` runs the whole chain from the input files; `record_data` turns
its result into the record; `verify` recomputes a record from the input files
and names every difference, so that anyone can check a record later.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from scoring import __version__
from scoring.awards import propose
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput, Problem, ThiduaError
from scoring.evaluate import Results, evaluate
from scoring.lineage import previous_names, previous_values
from scoring.numbers import plain, quantize
from scoring.output import rank_data, score_data, to_json
from scoring.review import Decided, corrected, decide, load_review, set_points
from scoring.schema import CorrectionSpec
from scoring.submissions import Progress, Submission, collect, convert, load_submissions
from scoring.wording import word
from scoring.yamlio import read_bytes

FORMAT = "thidua-record/1"


@dataclass(frozen=True)
class ProgressBars:
    """Callbacks for reading the files and scoring the units, given by the CLI."""

    reading: Progress
    scoring: Progress


@dataclass(frozen=True)
class Round:
    """A reviewed round: the inputs as read, the scores after the council's corrections, and the decisions."""

    criteria: Criteria
    submissions: tuple[Submission, ...]
    results: Results
    decided: Decided


def decide_round(
    criteria_path: Path, submission_paths: Sequence[Path], review_path: Path, progress: ProgressBars | None = None
) -> Round:
    criteria = load_criteria(criteria_path)
    submissions = load_submissions(criteria, submission_paths, None if progress is None else progress.reading)
    review = load_review(review_path, criteria)
    scoring = None if progress is None else progress.scoring
    previous = previous_values(criteria)  # last round's values, when the formulas read previous(x)
    results = evaluate(criteria, corrected(criteria, submissions, review), set_points(review), scoring, previous)
    return Round(criteria, submissions, results, decide(review, propose(results)))


def record_data(reviewed: Round) -> dict[str, Any]:
    criteria, decided = reviewed.criteria, reviewed.decided
    spec = decided.review.spec
    files = {s.file: s.sha256 for s in reviewed.submissions}
    labels = {a.id: a.label for a in criteria.awards}
    proposal = rank_data(decided.proposal)
    outcome = []
    for o in decided.proposal.outcomes:
        unit = o.standing.unit
        computed = [a.id for a, _ in o.proposed]
        final = list(decided.final[unit])
        outcome.append(
            {
                "unit": unit,
                "name": o.standing.card.unit.name,
                "rank": o.standing.rank,
                "total": plain(o.standing.card.total),
                "classification": o.standing.card.classification.label,
                "computed": computed,
                "final": final,
                "final_labels": [labels[a] for a in final],
                "changed": computed != final,
                "reasons": {a: r for (u, a), r in decided.reasons.items() if u == unit},
            }
        )
    return {
        "format": FORMAT,
        "engine": f"thidua {__version__}",
        "round": criteria.id,
        "title": criteria.title,
        "inputs": {
            "criteria": {"path": criteria.file, "sha256": criteria.sha256},
            "submissions": [{"path": f, "sha256": files[f]} for f in sorted(files)],
            "review": {"path": decided.review.doc.file, "sha256": decided.review.sha256},
            "previous": _previous_inputs(criteria),
        },
        "meeting": spec.meeting.model_dump(),
        "reviewed_by": spec.reviewed_by,
        "approved_by": spec.approved_by,
        "corrections": [_correction(reviewed, c) for c in spec.corrections],
        "ballots": [b.model_dump() for b in spec.ballots],
        "decisions": [d.model_dump(exclude_none=True) for d in spec.decisions],
        "acknowledged": [
            {"rule": b.rule, "award": b.award, "unit": b.unit, "message": word(b.message, "en"), "reason": b.acknowledged}
            for b in decided.breaches
        ],
        "scores": score_data(reviewed.results),
        "proposal": proposal,
        "outcome": outcome,
    }


def _previous_inputs(criteria: Criteria) -> list[dict[str, str]]:
    """The previous round's files, when previous() reads them: their digests seal last year's figures too."""
    if criteria.previous is None or not previous_names(criteria):
        return []
    files = [criteria.previous.criteria, *collect(criteria.previous.submissions)]
    return [{"path": str(f), "sha256": hashlib.sha256(read_bytes(f)).hexdigest()} for f in files]


def _correction(reviewed: Round, c: CorrectionSpec) -> dict[str, Any]:
    """A correction as the review file gives it, with the value or points it replaced ("before")."""
    data: dict[str, Any] = c.model_dump(mode="json", exclude_none=True)
    if c.indicator is not None:
        before = next(s for s in reviewed.submissions if s.unit == c.unit).values.get(c.indicator)
        data["before"] = None if before is None else _plain_value(before.value)
        data["value"] = _plain_value(convert(reviewed.criteria, c.indicator, c.value))
    else:
        card = reviewed.results.scorecard(c.unit)
        line = next(line for line in card.lines if line.criterion.id == c.criterion)
        data["before"] = plain(quantize(line.raw, reviewed.criteria.places, reviewed.criteria.rounding))
    return data


def _plain_value(value: Decimal | bool | None) -> str | bool | None:
    return value if value is None or isinstance(value, bool) else plain(value)


def record_bytes(reviewed: Round) -> bytes:
    return to_json(record_data(reviewed)).encode("utf-8")


MAX_RECORD_BYTES = 64 * 2**20  # the example's record holds 6 units in 150 KB: room for about 2,500 such units


def read_record(path: Path) -> dict[str, Any]:
    return parse_record(read_bytes(path, MAX_RECORD_BYTES), str(path))


def parse_record(raw: bytes, file: str) -> dict[str, Any]:
    """A record's JSON, strictly: UTF-8, no key twice, no text that is not text."""
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # "\ud800" decodes, then cannot be written
    except json.JSONDecodeError as e:
        raise InvalidInput([Problem(file, e.lineno, e.colno, f"not a decision record: {e.msg}")]) from None
    except UnicodeError:
        why = "text that is not UTF-8, or half a surrogate pair"
        raise InvalidInput([Problem(file, 1, 1, f"not a decision record: {why}")]) from None
    except (ValueError, RecursionError) as e:  # a duplicate key, a number of over 4,300 digits, nesting
        why = str(e) if isinstance(e, _Duplicate) else "numbers too long or nesting too deep"
        raise InvalidInput([Problem(file, 1, 1, f"not a decision record: {why}")]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput([Problem(file, 1, 1, f"not a decision record (format {FORMAT})")])
    return data


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Duplicate(f"the key '{key}' is given twice")
        data[key] = value
    return data


def verify(
    record_path: Path,
    criteria_path: Path | None = None,
    submission_paths: Sequence[Path] | None = None,
    review_path: Path | None = None,
) -> list[str]:
    """Every difference between a record and what its input files give today (empty: verified)."""
    record = read_record(record_path)
    try:
        inputs = record["inputs"]
        criteria = criteria_path or Path(inputs["criteria"]["path"])
        recorded = [(_text(s["path"]), _text(s["sha256"])) for s in inputs["submissions"]]
        submissions = list(submission_paths or [Path(p) for p, _ in recorded])
        review = review_path or Path(inputs["review"]["path"])
        digests = [
            ("criteria file", criteria, str(inputs["criteria"]["sha256"])),
            ("review file", review, str(inputs["review"]["sha256"])),
        ]
        digests += [("previous round's file", Path(_text(e["path"])), _text(e["sha256"])) for e in inputs.get("previous", [])]
        if submission_paths is None:
            digests += [("submission file", Path(p), sha) for p, sha in recorded]
    except (KeyError, TypeError, AttributeError):
        return ["the record has no complete 'inputs' section"]
    differences = []
    for what, path, sha in digests:
        differences += _digest(what, path, sha)
    try:
        again = record_data(decide_round(criteria, submissions, review))
    except ThiduaError as e:
        return [*differences, f"the inputs no longer give a valid record: {e}"]
    if submission_paths is not None:
        given = sorted(s["sha256"] for s in again["inputs"]["submissions"])
        if given != sorted(sha for _, sha in recorded):
            differences.append("the submission files given are not those recorded (their digests differ)")
    for key in ("inputs",):
        again.pop(key)
        record.pop(key)
    if record.get("engine") != again.get("engine"):
        differences.append(f"engine: the record was made by {record.get('engine')}, this is {again.get('engine')}")
        record.pop("engine", None)
        again.pop("engine")
    differences += _compare(record, again, "")
    return differences


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _digest(what: str, path: Path, recorded: str) -> list[str]:
    try:
        now = hashlib.sha256(read_bytes(path)).hexdigest()
    except InvalidInput as e:
        return [f"{what} {path}: cannot be read ({str(e.problems[0].message).removeprefix('cannot read the file: ')})"]
    if now != recorded:
        return [f"{what} {path}: its SHA-256 is {now[:16]}…, the record has {recorded[:16]}…: the file changed"]
    return []


def _compare(recorded: object, again: object, where: str, limit: int = 20) -> list[str]:
    """Paths where the recorded and the recomputed record differ, the first `limit` of them."""
    out: list[str] = []

    def walk(a: object, b: object, at: str) -> None:
        if len(out) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(dict.fromkeys([*a, *b])):
                walk(a.get(key, "(missing)"), b.get(key, "(missing)"), f"{at}.{key}" if at else str(key))
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{at}[{i}]")
        elif a != b:
            out.append(f"{at}: the record has {_short(a)}, the inputs give {_short(b)}")

    walk(recorded, again, where)
    return out


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
