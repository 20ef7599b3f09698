"""What several test modules share that is not a fixture (the fixtures are in conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., tuple[int, str, str]]  # the `cli` fixture: thidua's arguments → (exit code, stdout, stderr)

ROOT = Path(__file__).resolve().parent.parent

# The bundled example: Hội CCB, Cụm thi đua số 3, the 2023 round and the council's review of it.
CCB = ROOT / "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_SUBMISSIONS = ROOT / "examples/hoi-ccb-cum-3/2023"
REVIEW = CCB_SUBMISSIONS / "review.yaml"
PROVINCES = {
    "cao-bang": "Hội CCB tỉnh Cao Bằng",
    "bac-kan": "Hội CCB tỉnh Bắc Kạn",
    "thai-nguyen": "Hội CCB tỉnh Thái Nguyên",
    "lang-son": "Hội CCB tỉnh Lạng Sơn",
    "bac-ninh": "Hội CCB tỉnh Bắc Ninh",
    "bac-giang": "Hội CCB tỉnh Bắc Giang",
}


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`, found by hand."""
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def one_problem(problem: str) -> str:
    """stderr of a command refused for one problem."""
    return f"{problem}\n1 problem(s) found.\n"
