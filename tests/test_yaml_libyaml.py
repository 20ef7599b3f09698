"""libyaml reads the files that turn out well; PyYAML's pure-Python parser gives the same data and positions, and
reads every file with a problem, so that a refusal says the same with libyaml as without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import yamlio
from scoring.errors import InvalidInput
from scoring.yamlio import Document, parse

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("criteria", "examples") for p in (ROOT / folder).rglob("*.yaml"))

needs_libyaml = pytest.mark.skipif(yamlio._CParser is None, reason="PyYAML built without libyaml")


def read(raw: bytes, libyaml: bool) -> tuple[str, object]:
    """What parse() makes of `raw`, with libyaml or with PyYAML alone: the data and positions, or the refusal."""
    saved = yamlio._CParser
    try:
        if not libyaml:
            yamlio._CParser = None
        try:
            doc = parse(raw, "f.yaml")
        except InvalidInput as e:
            return "refused", str(e)
        return "read", (doc.data, doc.positions)
    finally:
        yamlio._CParser = saved


def only_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's parser made to fail, so that a file read shows it was read by libyaml."""

    def refuse(text: str, raw: bytes, file: str) -> Document:
        raise AssertionError(f"{file} was read by PyYAML")

    monkeypatch.setattr(yamlio, "_py_parse", refuse)


@needs_libyaml
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_reads_the_same_by_libyaml(path, monkeypatch):
    raw = path.read_bytes()
    by_pyyaml = read(raw, libyaml=False)
    only_libyaml(monkeypatch)
    assert by_pyyaml[0] == "read"
    assert read(raw, libyaml=True) == by_pyyaml


@needs_libyaml
def test_a_submission_is_read_by_libyaml_with_its_positions(monkeypatch):
    only_libyaml(monkeypatch)
    raw = 'unit: a\nvalues:\n  x: {value: "4,5", evidence: "Báo cáo số 7"}\n  y: 3\n'.encode()
    doc = parse(raw, "f.yaml")
    assert doc.data == {"unit": "a", "values": {"x": {"value": "4,5", "evidence": "Báo cáo số 7"}, "y": 3}}
    assert doc.where(("values", "x", "value")) == yamlio.Position(3, 14, quoted=True)
    assert doc.where(("values", "x", "evidence")) == yamlio.Position(3, 31, quoted=True)
    assert doc.where(("values", "y")) == yamlio.Position(4, 6)


BAD = [
    # duplicate keys, at both levels
    (b"a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a' (first given on line 1); give each key once"),
    (
        b"a: 1\nb:\n  c: 1\n  c: 2\na: 3\n",
        "f.yaml:4:3: duplicate key 'c' (first given on line 3); give each key once\n"
        "f.yaml:5:1: duplicate key 'a' (first given on line 1); give each key once",
    ),
    # tabs: libyaml itself takes a tab after ':' as a space
    (
        b"a:\n\tb: 1\n",
        "f.yaml:2:1: line 2 is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces",
    ),
    (b"a:\t1\n", "f.yaml:1:3: a tab cannot stand here: write a space instead of the tab (a tab is allowed only inside quotes)"),
    # bad indentation
    (
        b"a:\n  b: 1\n c: 2\n",
        "f.yaml:3:2: YAML syntax error: while parsing a block mapping expected <block end>, but found '<block mapping start>'",
    ),
    (b"a: 1\n  b: 2\n", "f.yaml:2:4: YAML syntax error: mapping values are not allowed here"),
    # a decimal comma inside {…}, an anchor, a number of too many digits
    (
        b"a: {value: 0,5}\n",
        "f.yaml:1:12: a comma inside {…} starts a new key, so 'value: 0,5' is read as 'value: 0' and a key '5':"
        ' write {value: 0.5, …}, or put the number in quotes: {value: "0,5", …}',
    ),
    (b"a: &x 1\n", "f.yaml:1:4: anchors (&x) are not allowed; write the value out"),
    (b"a: " + b"1" * 101 + b"\n", "f.yaml:1:4: a number of more than 100 digits"),
]


@pytest.mark.parametrize(("raw", "message"), BAD)
def test_a_bad_file_is_refused_the_same_with_libyaml_and_without(raw, message):
    assert read(raw, libyaml=False) == ("refused", message)
    assert read(raw, libyaml=True) == ("refused", message)


def test_without_libyaml_pyyaml_reads_alone(monkeypatch):
    monkeypatch.setattr(yamlio, "_CParser", None)
    raw = (ROOT / "examples/hoi-ccb-cum-3/2023/cao-bang.yaml").read_bytes()
    doc = parse(raw, "f.yaml")
    assert doc.data["unit"] == "cao-bang"
    assert doc.where(("unit",)) == yamlio.Position(7, 7)
    assert read(b"a: 1\nb: 2\na: 3\n", libyaml=False)[1].startswith("f.yaml:3:1: duplicate key 'a'")


def test_the_loader_finds_libyaml_or_says_none(monkeypatch):
    import builtins  # the import machinery itself, to hide libyaml

    real = builtins.__import__

    def no_libyaml(name, *args, **kwargs):
        if name == "yaml._yaml":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_libyaml)
    assert yamlio._c_parser() is None


# Texts made of the pieces where libyaml and PyYAML part: indicators, quotes, escapes, line breaks, a BOM, tabs.
PIECES = [
    *("a", "b", "1", "0", "5", ".", "é", "ế", "~", "null", "true", "<<", "x: ", "a:\n", "a:b", ":x"),
    *(",", ", ", ":", ": ", " ", "  ", "\n", "\n  ", "\n- ", "- ", "\n\n", "\r", "\r\n", "\t"),
    *("[", "]", "{", "}", "{a: ", "'", '"', "''", '"\\\n', "#", " #", "?", "? ", "!", "!!str ", "&x", "*x", "*", "&"),
    *("|", ">", "|+", "|2", ">-", "-", "--- ", "\n---\n", "\n...\n", "...", "%", "%TAG ", "%YAML 1.1\n", "@"),
    *("\\", "\\u00e9", "\\x41", "\\U0001F600", "\\ud800", "\u00a0", "\ufeff", "\u2028", "\x85", "\u200b", "0,5"),
]


@needs_libyaml
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25), st.booleans())
def test_libyaml_and_pyyaml_read_any_text_alike(pieces, line_break):
    raw = ("".join(pieces) + ("\n" if line_break else "")).encode("utf-8", "surrogatepass")
    assert read(raw, libyaml=True) == read(raw, libyaml=False)
