"""The project's errors: one root, and problems that always say where."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.wording import Msg, word


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, and where it stands; its message is worded when shown."""

    file: str
    line: int
    col: int
    message: Msg | str

    def __str__(self) -> str:
        return word(self)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, word(self.message, "en"))


class ThiduaError(Exception):
    """Root of every error the engine reports to a person."""


class InvalidInput(ThiduaError):
    """Input files are wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=lambda p: p.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class ScoringFailure(ThiduaError):
    """A value could not be computed for a unit (division by zero, a missing value …)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
