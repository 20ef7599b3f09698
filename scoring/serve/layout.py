"""A round folder, as `thidua serve` finds it: the files are the truth, the page keeps no copy.

ROUND_FOLDER/
  criteria.yaml     the round's criteria (thidua/1); the page never writes it
  submissions/      the units' files (.yaml, .csv, .xlsx); uploaded forms are saved here
  review.yaml       the council's review (thidua/review-1), written by the meeting page
  record.json       the decision record, written when the meeting is finalized
  next/             next year's draft criteria, for the diff and the what-if (optional)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from scoring.errors import InvalidInput, Problem
from scoring.wording import msg

CRITERIA = "criteria.yaml"
SUBMISSIONS = "submissions"
REVIEW = "review.yaml"
RECORD = "record.json"
NEXT = "next"


@dataclass(frozen=True)
class Layout:
    folder: Path  # resolved
    criteria: Path
    submissions: Path
    review: Path
    record: Path
    next: Path

    def inside(self, relative: str) -> Path | None:
        """The file `relative` names under the folder, or None if it names anything outside it (.., a link out, a NUL)."""
        if "\x00" in relative or relative.startswith(("/", "\\")):
            return None
        try:
            target = (self.folder / relative).resolve()
        except (OSError, ValueError, RuntimeError):
            return None
        return target if target.is_relative_to(self.folder) and target != self.folder else None

    def shown(self, file: str) -> str:
        """A file's name as the page shows it: relative to the round folder when it is inside."""
        path = Path(file)
        try:
            return str(path.resolve().relative_to(self.folder))
        except (ValueError, OSError, RuntimeError):
            return file

    def relative(self, text: str) -> str:
        """A worded text with the folder's own path taken out of the file names it gives ("criteria.yaml:131")."""
        return text.replace(f"{self.folder}{os.sep}", "")

    def inputs(self) -> set[Path]:
        """The files the page must never write over: the criteria and every draft of next year's."""
        found = {self.criteria.resolve()}
        if self.next.is_dir():
            found |= {p.resolve() for p in self.next.iterdir()}
        return found


def find_layout(folder: Path) -> Layout:
    if not folder.is_dir():
        raise InvalidInput([Problem(str(folder), 1, 1, msg("not a folder: give the round folder (criteria.yaml, submissions/)"))])
    folder = folder.resolve()
    layout = Layout(folder, folder / CRITERIA, folder / SUBMISSIONS, folder / REVIEW, folder / RECORD, folder / NEXT)
    problems = []
    if not layout.criteria.is_file():
        problems.append(Problem(str(layout.criteria), 1, 1, msg("the round folder has no criteria file criteria.yaml")))
    if not layout.submissions.is_dir():
        problems.append(
            Problem(str(layout.submissions), 1, 1, msg("the round folder has no submissions folder; make it, even empty"))
        )
    if problems:
        raise InvalidInput(problems)
    return layout
