"""A round folder made of the bundled example, as `thidua serve` reads it, and a client for its workspace."""

from __future__ import annotations

import io
import re
import shutil
from html import unescape
from pathlib import Path

import openpyxl
from starlette.testclient import TestClient

from scoring.criteria import load_criteria
from scoring.serve.app import create_app
from scoring.serve.layout import find_layout
from scoring.spreadsheet import template_xlsx
from tests.shared import CCB, CCB_SUBMISSIONS, ROOT
from tests.test_spreadsheet import fill

PROVINCES = ("bac-giang", "bac-kan", "bac-ninh", "cao-bang", "lang-son", "thai-nguyen")


def round_folder(where: Path, *, without: tuple[str, ...] = (), review: bool = True, next_year: bool = True) -> Path:
    """criteria.yaml, submissions/ (the provinces' YAML files but those `without`), review.yaml, next/2024.yaml."""
    folder = where / "round"
    (folder / "submissions").mkdir(parents=True)
    shutil.copy(CCB, folder / "criteria.yaml")
    for unit in PROVINCES:
        if unit not in without:
            shutil.copy(CCB_SUBMISSIONS / f"{unit}.yaml", folder / "submissions" / f"{unit}.yaml")
    if review:
        shutil.copy(CCB_SUBMISSIONS / "review.yaml", folder / "review.yaml")
    if next_year:
        (folder / "next").mkdir()
        shutil.copy(ROOT / "criteria/hoi-ccb-cum-3/2024.yaml", folder / "next" / "2024.yaml")
    return folder


def client(folder: Path, *, lang: str = "en", token: str | None = None, limit: int | None = None) -> TestClient:
    extra = {} if limit is None else {"limit": limit}
    app = create_app(find_layout(folder), lang=lang, token=token, local=token is None, **extra)  # type: ignore[arg-type]
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


def text(html: str) -> str:
    """A page's text as a person reads it: no markup, no style, spaces folded."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def version(html: str) -> str:
    found = re.search(r'name="version" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def filled_form(unit: str) -> bytes:
    """The unit's .xlsx form (as `thidua template --unit`) with its figures typed in, as a secretary would."""
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(load_criteria(CCB), unit)))
    fill(book.worksheets[0], unit)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
