"""The wording layer: the only place where facts become sentences, in Vietnamese (default) or English.

Code below this layer never writes a sentence for a person. It returns typed
facts, or, for an error, a `Msg`: a message id (its English wording, as in
gettext) with its parameters, worded only when it is shown. The Vietnamese
wordings live in `scoring/wording/vi/`, one catalog per area; a test checks
that every message has one, with the same parameters.

Numbers are exact decimals until the last step: `94.58` in English, `94,58`
in Vietnamese (dot for thousands, comma for decimals), the way the council
writes them.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")
ENV = "THIDUA_LANG"

_LANG: ContextVar[Lang | None] = ContextVar("thidua_lang", default=None)


def language() -> Lang:
    """The language in force: set by `use`, else $THIDUA_LANG, else Vietnamese."""
    chosen = _LANG.get()
    if chosen is not None:
        return chosen
    env = os.environ.get(ENV, "").strip().lower()
    return "en" if env.startswith("en") else "vi"


def parse_language(text: str) -> Lang | None:
    text = text.strip().lower()
    return "vi" if text in ("vi", "vn", "vi_vn", "vi-vn") else "en" if text in ("en", "en_us", "en-us", "en_gb") else None


@contextmanager
def use(lang: Lang) -> Iterator[None]:
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


_NAMES: ContextVar[Mapping[str, str] | None] = ContextVar("thidua_unit_names", default=None)


@contextmanager
def naming(names: Mapping[str, str]) -> Iterator[None]:
    """Units named by their names (a document the council signs), not by their ids (what a terminal user types)."""
    token = _NAMES.set(names)
    try:
        yield
    finally:
        _NAMES.reset(token)


@dataclass(frozen=True)
class UnitRef:
    """A unit another sentence speaks of: its id, or its name where `naming` is in force."""

    id: str


@dataclass(frozen=True)
class Approx:
    """A value for reading: long decimals shown to 4 places with '≈'."""

    value: Decimal


@dataclass(frozen=True)
class Signed:
    """+1.50, −0.50, 0.00: how bonuses, deductions and differences are shown."""

    value: Decimal


@dataclass(frozen=True)
class Percent:
    """A share (0.85) shown as a percentage: 85%."""

    share: Decimal


@dataclass(frozen=True)
class Listing:
    """Items joined for reading: 'a, b, c' (or another separator)."""

    items: tuple[object, ...]
    sep: str | Msg = ", "


@dataclass(frozen=True)
class Ordinal:
    """1st, 2nd … in English; thứ 1, thứ 2 … in Vietnamese."""

    n: int


@dataclass(frozen=True)
class Msg:
    """A message: its id (the English wording, with {named} parameters) and the parameters, worded when shown."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return word(self)

    def param(self, name: str) -> object:
        return dict(self.params)[name]


def msg(template: str, /, **params: object) -> Msg:
    """A message to be worded at the edge; `template` is a literal (the catalogs are checked against it)."""
    return Msg(template, tuple(params.items()))


Text = Msg | str  # a str is data shown as it is: a label, an id, a file name, a formula


def word(text: object, lang: Lang | None = None) -> str:
    """Any value as a person reads it in `lang` (default: the language in force)."""
    lang = lang or language()
    if isinstance(text, Msg):
        template = text.template if lang == "en" else _catalog().get(text.template, text.template)
        return template.format_map({k: word(v, lang) for k, v in text.params})
    if isinstance(text, str):
        return text
    if isinstance(text, UnitRef):
        names = _NAMES.get()
        return text.id if names is None else names.get(text.id, text.id)
    if isinstance(text, bool):
        return ("có" if text else "không") if lang == "vi" else ("yes" if text else "no")
    if isinstance(text, Decimal):
        return number(text, lang)
    if isinstance(text, Approx):
        return approx(text.value, lang)
    if isinstance(text, Signed):
        v = text.value
        return ("+" if v > 0 else "−" if v < 0 else "") + number(abs(v), lang)
    if isinstance(text, Percent):
        return percent(text.share, lang)
    if isinstance(text, Listing):
        return word(text.sep, lang).join(word(item, lang) for item in text.items)
    if isinstance(text, Ordinal):
        return f"thứ {text.n}" if lang == "vi" else _ordinal(text.n)
    if isinstance(text, int):
        return str(text)
    from scoring.errors import Problem  # noqa: PLC0415 (errors imports this module)
    from scoring.wording.reasons import phrase  # noqa: PLC0415 (the core's types import this module)

    if isinstance(text, Problem):
        return f"{text.file}:{text.line}:{text.col}: {word(text.message, lang)}"
    # isinstance(text, Worded), without typing's protocol check (some 10 µs a call, on every fact worded)
    said = text.message() if getattr(text, "message", None) is not None else phrase(text)  # type: ignore[attr-defined]
    if said is None:
        raise TypeError(f"no wording for {type(text).__name__}")
    return word(said, lang)


@runtime_checkable
class Worded(Protocol):
    """A fact that words itself as a message (a record's difference): its wording is still made here."""

    def message(self) -> Msg: ...


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def words(texts: Iterable[object], sep: str = "; ", lang: Lang | None = None) -> str:
    return sep.join(word(t, lang) for t in texts)


def number(value: Decimal, lang: Lang | None = None) -> str:
    """An exact decimal as written: 1234.5 → "1234.5" in English, "1.234,5" in Vietnamese; never an exponent."""
    text = f"{value:f}"
    if (lang or language()) == "en":
        return text
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


_SHOWN_PLACES = Decimal("0.0001")


def approx(value: Decimal, lang: Lang | None = None) -> str:
    if value.as_tuple().exponent < -4 and value.adjusted() < 20:  # type: ignore[operator]
        return "≈" + number(value.quantize(_SHOWN_PLACES), lang)
    return number(value, lang)


def percent(share: Decimal, lang: Lang | None = None) -> str:
    """0.85 → "85%"; 0.125 → "12.5%" (English) or "12,5%" (Vietnamese)."""
    return number((share * 100).normalize(), lang) + "%"


_CATALOGS: dict[str, dict[str, str]] = {}


def _catalog() -> dict[str, str]:
    if "vi" not in _CATALOGS:
        from scoring.wording.vi import CATALOG  # noqa: PLC0415 (loaded once, when a Vietnamese word is first needed)

        _CATALOGS["vi"] = CATALOG
    return _CATALOGS["vi"]


def closest(name: str, known: Iterable[str]) -> str | None:
    """The declared name closest to a mistyped one, for "did you mean" (None when nothing is close)."""
    found = difflib.get_close_matches(name, list(known), n=1)
    return found[0] if found else None


def fields(template: str) -> set[str]:
    """The parameter names a wording uses."""
    return set(re.findall(r"(?<!\{)\{([a-z_][a-z0-9_]*)\}", template))
