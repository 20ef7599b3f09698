"""What the round folder says today, read afresh for every page: the engine's own readers, nothing kept."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.awards import Proposal, propose
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput, Problem, ScoringFailure, ThiduaError
from scoring.pipeline import Scored, score_round
from scoring.record import Round, decide_round
from scoring.serve.layout import Layout
from scoring.submissions import collect, read_file
from scoring.wording import Msg, msg, word
from scoring.yamlio import read_bytes


@dataclass(frozen=True)
class Shown:
    """A problem as a page lists it: where (the file as the page names it, line, column) and what, worded."""

    file: str
    line: int
    col: int
    message: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


def shown_problems(layout: Layout, problems: Sequence[Problem | str], rename: dict[str, str] | None = None) -> list[Shown]:
    found = []
    for p in problems:
        if isinstance(p, str):
            found.append(Shown("", 1, 1, p))
            continue
        file = (rename or {}).get(p.file, p.file)
        found.append(Shown(layout.shown(file), p.line, p.col, word(p.message)))
    return found


def failure_problems(e: ThiduaError) -> list[Problem | str]:
    if isinstance(e, InvalidInput):
        return list(e.problems)
    if isinstance(e, ScoringFailure):
        return [e.problem]
    return [str(e)]


@dataclass
class FileState:
    name: str  # relative to the round folder
    units: tuple[str, ...]
    problems: list[Shown]


@dataclass
class Survey:
    """The round at a glance: the criteria's check, each submission file's units and problems, the units not submitted,
    and the scores when every file reads."""

    criteria: Criteria | None
    criteria_problems: list[Shown] = field(default_factory=list)
    files: list[FileState] = field(default_factory=list)
    submitted: dict[str, str] = field(default_factory=dict)  # unit → the file it came in
    missing: list[str] = field(default_factory=list)
    scored: Scored | None = None
    proposal: Proposal | None = None
    scoring_problems: list[Shown] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return len(self.criteria_problems) + sum(len(f.problems) for f in self.files) + len(self.scoring_problems)


def survey(layout: Layout) -> Survey:
    try:
        criteria = load_criteria(layout.criteria)
    except ThiduaError as e:
        return Survey(None, shown_problems(layout, failure_problems(e)))
    result = Survey(criteria)
    try:
        files = collect([layout.submissions])
    except InvalidInput as e:
        result.scoring_problems = shown_problems(layout, e.problems)
        return result
    for file in files:
        name = layout.shown(str(file))
        try:
            units = tuple(s.unit for s in read_file(criteria, file))
            problems: list[Shown] = []
        except InvalidInput as e:
            units, problems = (), shown_problems(layout, e.problems)
        for unit in units:
            if unit in result.submitted:
                problems.append(
                    Shown(
                        name,
                        1,
                        1,
                        word(
                            msg(
                                "a second submission for unit '{unit}' (the first is {first})",
                                unit=unit,
                                first=result.submitted[unit],
                            )
                        ),
                    )
                )
            else:
                result.submitted[unit] = name
        result.files.append(FileState(name, units, problems))
    result.missing = [u.id for u in criteria.units if u.id not in result.submitted]
    if result.problems or result.missing:
        return result
    try:
        result.scored = score_round(layout.criteria, [layout.submissions])
        result.proposal = propose(result.scored.results)
    except ThiduaError as e:
        result.scoring_problems = shown_problems(layout, failure_problems(e))
    return result


def digest(path: Path) -> str:
    """The SHA-256 of a file as it is now ("none" when it is not there): a form carries the one it was made from."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except InvalidInput:
        return "none"


@dataclass
class Meeting:
    """The council's review as the folder has it: the file's data, the scores after its corrections, the decisions
    checked (or every rule they break, located in the file)."""

    data: dict[str, Any] | None
    version: str
    review_problems: list[Shown] = field(default_factory=list)
    proposal: Proposal | None = None
    decided: Round | None = None
    message: Msg | None = None


def meeting(layout: Layout, data: dict[str, Any] | None, version: str) -> Meeting:
    result = Meeting(data, version)
    if data is None:
        return result
    try:
        scored = score_round(layout.criteria, [layout.submissions], layout.review)
        result.proposal = propose(scored.results)
    except ThiduaError as e:
        result.review_problems = shown_problems(layout, failure_problems(e))
        return result
    try:
        result.decided = decide_round(layout.criteria, [layout.submissions], layout.review)
    except ThiduaError as e:
        result.review_problems = shown_problems(layout, failure_problems(e))
    return result
