"""The pages: Jinja templates shipped in the package, given only worded strings (the labels of `words.labels`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from scoring import __version__
from scoring.serve.words import labels
from scoring.wording import Msg, language, word

_HERE = Path(__file__).parent
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_HERE / "templates"),
    autoescape=True,  # every value a page shows is escaped: unit names and evidence are people's text
    undefined=jinja2.StrictUndefined,  # a label missing from words.labels is an error, never an empty spot
    trim_blocks=True,
    lstrip_blocks=True,
)
STYLE = (_HERE / "templates" / "style.css").read_text(encoding="utf-8")


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:  # noqa: ANN401 - template values of any kind
    text = _ENV.get_template(name).render(w=labels(), lang=language(), style=STYLE, thidua_version=__version__, **context)
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


def refusal_page(status: int, message: Msg) -> HTMLResponse:
    return page("refused.html", status, message=word(message), csrf="", active="")
