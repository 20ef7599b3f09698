"""Shared fixtures: every test runs in English unless it asks for Vietnamese (the default for users)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests written against the English wording see it; Vietnamese tests pass --lang vi or use wording.use("vi")."""
    monkeypatch.setenv("THIDUA_LANG", "en")
