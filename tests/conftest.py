"""Shared fixtures: every test runs in English unless it asks for Vietnamese (the default for users).

What several test modules share that is not a fixture (the bundled example's paths, helpers for
expected messages) is in tests/shared.py; the hand-made rounds are in tests/rounds.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scoring.cli import main
from tests.shared import Cli


def pytest_configure(config: pytest.Config) -> None:
    """Under mutmut (`make mutate`), each test process its own --basetemp: pytest's clean-up of numbered temp folders
    can leave a scandir iterator to the garbage collector, an error under filterwarnings=error that would count a
    mutant as killed; and mutmut's parallel workers must not share one folder."""
    if "MUTANT_UNDER_TEST" in os.environ and config.option.basetemp is None:
        parent = Path("build", "pytest-mutmut").resolve()
        parent.mkdir(parents=True, exist_ok=True)
        config.option.basetemp = str(parent / str(os.getpid()))


def pytest_unconfigure(config: pytest.Config) -> None:
    if "MUTANT_UNDER_TEST" in os.environ and config.option.basetemp:
        shutil.rmtree(config.option.basetemp, ignore_errors=True)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests written against the English wording see it; Vietnamese tests pass --lang vi or use wording.use("vi")."""
    monkeypatch.setenv("THIDUA_LANG", "en")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """`thidua ARGS…` in this process, as `cli("score", criteria, folder)` → (exit code, stdout, stderr); never a traceback."""

    def run(*args: object) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run
