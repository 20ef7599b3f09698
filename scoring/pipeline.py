"""The round's pipeline, once: criteria, submissions, last year's values and the council's review → results.

The CLI and the decision record both go through `score_round`, so that what a
command shows and what the record seals are computed the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput, Problem
from scoring.evaluate import Results, evaluate
from scoring.grades import NO_GRADES, Grades, load_grades
from scoring.lineage import previous_values
from scoring.review import Review, corrected, load_review, set_points
from scoring.sources import read_sources
from scoring.submissions import Progress, Submission, load_submissions


@dataclass(frozen=True)
class ProgressBars:
    """Callbacks for reading the files and scoring the units, given by the CLI."""

    reading: Progress
    scoring: Progress


@dataclass(frozen=True)
class Scored:
    """A round scored: the inputs as read, the council's review (if any), and the results after its corrections."""

    criteria: Criteria
    submissions: tuple[Submission, ...]  # as the units sent them, before the council's corrections
    review: Review | None
    results: Results
    grades: Grades = NO_GRADES  # the assessors' grades: the grading files' and the review file's


def score_round(
    criteria_path: Path,
    submission_paths: Sequence[Path],
    review_path: Path | None = None,
    progress: ProgressBars | None = None,
    grade_paths: Sequence[Path] = (),
) -> Scored:
    criteria = load_criteria(criteria_path)
    found: list[Problem] = []  # the source records' problems and the submissions' are reported together
    try:
        fed = read_sources(criteria)  # other rounds' records, verified, when indicators take values from them
    except InvalidInput as e:
        found, fed = e.problems, None
    try:
        submissions = tuple(load_submissions(criteria, submission_paths, None if progress is None else progress.reading))
    except InvalidInput as e:
        raise InvalidInput([*found, *e.problems]) from None
    if found:
        raise InvalidInput(found)
    scoring = None if progress is None else progress.scoring
    previous = previous_values(criteria)  # last round's values, when the formulas read previous(x)
    if review_path is None:
        grades = load_grades(criteria, grade_paths)
        results = evaluate(criteria, submissions, progress=scoring, previous=previous, grades=grades, fed=fed)
        return Scored(criteria, submissions, None, results, grades)
    review = load_review(review_path, criteria)  # the council's corrections, as the record has them
    grades = load_grades(criteria, grade_paths, (review.doc, review.spec.grades))
    results = evaluate(
        criteria, corrected(criteria, submissions, review), set_points(review), scoring, previous, grades=grades, fed=fed
    )
    return Scored(criteria, submissions, review, results, grades)
