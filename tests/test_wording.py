"""The wording layer: every message has its Vietnamese wording, and no sentence is made outside the layer."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import wording
from scoring.wording import Approx, Listing, Msg, Ordinal, Percent, Signed, UnitRef, msg, naming, number, word
from scoring.wording.vi import CATALOG

PACKAGE = Path(__file__).resolve().parents[1] / "scoring"


def message_ids() -> dict[str, list[str]]:
    """Every msg("…") id in the package, with where it is written."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                first = node.args[0] if node.args else None
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    found.setdefault("<not a literal>", []).append(where)
                    continue
                found.setdefault(first.value, []).append(where)
    return found


def test_every_message_id_is_a_literal():
    assert message_ids().get("<not a literal>", []) == []


def test_every_message_has_a_vietnamese_wording_with_the_same_parameters():
    missing = {m: w for m, w in message_ids().items() if m not in CATALOG}
    assert missing == {}
    different = {m: CATALOG[m] for m in message_ids() if wording.fields(m) != wording.fields(CATALOG[m])}
    assert different == {}


def test_the_catalog_holds_no_wording_for_a_message_that_is_gone():
    assert sorted(set(CATALOG) - set(message_ids())) == []


def test_vietnamese_numbers_use_a_dot_for_thousands_and_a_comma_for_decimals():
    assert number(Decimal("94.58"), "vi") == "94,58"
    assert number(Decimal("1234.5"), "vi") == "1.234,5"
    assert number(Decimal("-1234567.50"), "vi") == "-1.234.567,50"
    assert number(Decimal("999"), "vi") == "999"
    assert number(Decimal("1E+3"), "vi") == "1.000"
    assert number(Decimal("94.58"), "en") == "94.58"
    assert word(Percent(Decimal("0.85")), "vi") == "85%"
    assert word(Percent(Decimal("0.125")), "vi") == "12,5%"
    assert word(Signed(Decimal("-0.5")), "vi") == "−0,5"
    assert word(Approx(Decimal("1.04761904")), "vi") == "≈1,0476"
    assert word(Ordinal(2), "en") == "2nd"
    assert word(Ordinal(2), "vi") == "thứ 2"
    assert word(True, "vi") == "có"
    assert word(Listing(("a", "b")), "vi") == "a, b"


def test_a_message_is_worded_when_shown_in_the_language_in_force():
    m = msg("total {total} is below the minimum {minimum}", total=Decimal("84.60"), minimum=Decimal("85"))
    assert word(m, "en") == "total 84.60 is below the minimum 85"
    assert word(m, "vi") == "tổng điểm 84,60 thấp hơn mức tối thiểu 85"
    with wording.use("vi"):
        assert str(m) == "tổng điểm 84,60 thấp hơn mức tối thiểu 85"
    with wording.use("en"):
        assert str(m) == "total 84.60 is below the minimum 85"


def test_a_unit_spoken_of_is_its_id_unless_a_document_names_it():
    said = msg("{points} more points to pass {unit} (rank {rank})", points=Decimal("0.80"), unit=UnitRef("lang-son"), rank=4)
    assert word(said, "vi") == "thêm 0,80 điểm để vượt lang-son (hạng 4)"  # the terminal: the id one types
    with naming({"lang-son": "Hội CCB tỉnh Lạng Sơn"}):
        assert word(said, "vi") == "thêm 0,80 điểm để vượt Hội CCB tỉnh Lạng Sơn (hạng 4)"
        assert word(UnitRef("bac-kan")) == "bac-kan"  # a unit the names do not know keeps its id
    assert word(said, "en") == "0.80 more points to pass lang-son (rank 4)"


def test_the_language_comes_from_thidua_lang_and_defaults_to_vietnamese(monkeypatch):
    monkeypatch.delenv("THIDUA_LANG")
    assert wording.language() == "vi"
    monkeypatch.setenv("THIDUA_LANG", "en")
    assert wording.language() == "en"
    monkeypatch.setenv("THIDUA_LANG", "vi")
    assert wording.language() == "vi"


@pytest.mark.parametrize("fact", [object(), 1.5])
def test_a_value_with_no_wording_is_an_error_not_a_guess(fact):
    with pytest.raises(TypeError):
        word(Msg("{x}", (("x", fact),)))


def test_a_message_written_in_two_catalogs_is_worded_the_same_in_both():
    from scoring.wording.vi import _AREAS

    seen: dict[str, str] = {}
    different = {}
    for area in _AREAS:
        for key, text in area.MESSAGES.items():
            if seen.setdefault(key, text) != text:
                different[key] = (seen[key], text)
    assert different == {}


# Strings of two words or more outside the wording layer that are not sentences for a person: another library's
# English that we recognise to word it ourselves (PyYAML's and Python's parser messages: keys beside a msg(...)),
# JSON keys, the input words we read, and the report's markup. Anything new here must be a msg(...) or be listed.
NOT_SENTENCES = {
    ("diff.py", "Derived values"),  # a section's key in the diff's JSON
    ("output.py", "band from"),  # JSON keys, kept as they were
    ("output.py", "leader ratio"),
    ("output.py", "no data form for "),  # a programming error, never shown to a user
    ("record.py", "a decimal written as text"),  # the record model's field description (JSON schema)
    ("submissions.py", "không đạt"),  # an answer we read
    ("submissions.py", "(command line)"),  # where a problem with the command line's own files stands
    ("whatif.py", " (what if)"),  # the source of a value carried into the comparison: its round id follows
    ("minutes.py", "a reason's text is empty"),  # caught, and reported as a record that is not whole
    ("wordfile.py", "Times New Roman"),  # a Word file's font and table style, by their names in Word
    ("wordfile.py", "DejaVu Sans Mono"),
    ("wordfile.py", "Table Grid"),
}


def _outside_the_wording_layer() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "wording" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip: set[int] = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))  # a docstring
            if isinstance(node, ast.Assert) and node.msg is not None:
                skip.update(id(x) for x in ast.walk(node.msg))
            if isinstance(node, ast.Raise) and "AssertionError" in ast.unparse(node):
                skip.update(id(x) for x in ast.walk(node))
            if isinstance(node, ast.Compare) or (  # another library's English, recognised
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("startswith", "endswith")
            ):
                skip.update(id(x) for x in ast.walk(node))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                skip.update(id(x) for x in ast.walk(node))
            pairs: list[tuple[ast.expr | None, ast.expr]] = []
            if isinstance(node, ast.Dict):
                pairs = list(zip(node.keys, node.values, strict=True))
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                pairs = [(node.elts[0], node.elts[1])]
            for key, value in pairs:  # another library's English, beside the message we say instead
                if key is not None and isinstance(value, ast.Call) and getattr(value.func, "id", None) == "msg":
                    skip.update(id(x) for x in ast.walk(key))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                text = node.value
                markup = "<" in text or text.lstrip().startswith(("{", '"')) or ("{" in text and ";" in text)  # HTML, CSS
                if not markup and re.search(r"[^\W\d_]{3,}\s+[^\W\d_]{2,}", text):
                    found.append((path.name, node.lineno, text))
    return found


def test_no_sentence_is_written_outside_the_wording_layer():
    left = [(file, line, text) for file, line, text in _outside_the_wording_layer() if (file, text) not in NOT_SENTENCES]
    assert left == []
