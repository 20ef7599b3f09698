"""Shared fixtures: every test runs in English unless it asks for Vietnamese (the default for users).

What several test modules share that is not a fixture (the bundled example's paths, helpers for
expected messages) is in tests/shared.py; the hand-made rounds are in tests/rounds.py.
"""

from __future__ import annotations

import pytest

from scoring.cli import main
from tests.shared import Cli


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
