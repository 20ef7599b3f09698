"""The project's errors: one root, and problems that always say where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, and where it stands."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class ThiduaError(Exception):
    """Root of every error the engine reports to a person."""


class InvalidInput(ThiduaError):
    """Input files are wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ScoringFailure(ThiduaError):
    """A value could not be computed for a unit (division by zero, a missing value …)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
