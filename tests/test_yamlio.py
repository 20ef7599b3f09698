"""The strict YAML reader: a small exact schema, positions, and refusals that say where."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring import yamlio
from scoring.errors import InvalidInput
from scoring.yamlio import MAX_DEPTH, Document, Position, load, parse


def data(text: str):
    return parse(text.encode(), "f.yaml").data


def refusal(raw: bytes, file: str = "f.yaml") -> str:
    with pytest.raises(InvalidInput) as info:
        parse(raw, file)
    return str(info.value)


# --- scalars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1", "0.1"),
        ("12", "12"),
        ("-3", "-3"),
        ("+4.50", "4.50"),
        ("0", "0"),
        ("1000000000000000000000000000000000000001", "1000000000000000000000000000000000000001"),
    ],
)
def test_plain_numbers_become_exact_decimals(text, expected):
    value = data(f"a: {text}\n")["a"]
    assert type(value) is Decimal
    assert str(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False)],
)
def test_booleans(text, expected):
    assert data(f"a: {text}\n")["a"] is expected


@pytest.mark.parametrize("text", ["null", "Null", "NULL", "~", ""])
def test_nulls(text):
    assert data(f"a: {text}\n") == {"a": None}


@pytest.mark.parametrize("text", ["'12'", '"0.1"', "'true'", '"null"', "'~'"])
def test_quoted_scalars_stay_text(text):
    assert data(f"a: {text}\n")["a"] == text[1:-1]


@pytest.mark.parametrize(
    "text",
    # YAML 1.1 reads these as booleans, floats, sexagesimal numbers, octal numbers, dates
    [
        *("yes", "no", "NO", "Yes", "on", "off", "y", "n"),
        *("1e3", "1.0e3", ".5", "1.", ".inf", ".nan", "-.inf"),
        *("12:30", "010", "00", "0x10", "0o7", "1_000", "2023-01-01"),
    ],
)
def test_yaml_1_1_surprises_stay_text(text):
    value = data(f"a: {text}\n")["a"]
    assert type(value) is str
    assert value == text


def test_block_scalar_is_text():
    assert data("a: |\n  x + 1\n") == {"a": "x + 1\n"}


def test_empty_document_is_none():
    assert parse(b"", "f.yaml").data is None
    assert parse(b"# only a comment\n", "f.yaml").data is None


# --- keys and positions -----------------------------------------------------------------------


def test_keys_are_always_text():
    assert data("1: a\ntrue: b\n0.5: c\nnull: d\n") == {"1": "a", "true": "b", "0.5": "c", "null": "d"}


NESTED = """\
a:
  b: [1, 2]
  c:
    - x
    - {d: 5, e: 'q'}
"""


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), Position(1, 1)),  # the document
        (("a",), Position(2, 3)),  # the mapping under 'a' starts at 'b'
        (("a", "b"), Position(2, 6)),  # '['
        (("a", "b", 1), Position(2, 10)),  # '2'
        (("a", "c"), Position(4, 5)),  # the first '-'
        (("a", "c", 0), Position(4, 7)),  # 'x'
        (("a", "c", 1, "d"), Position(5, 11)),  # '5'
        (("a", "c", 1, "e"), Position(5, 17, quoted=True)),  # "'q'"
    ],
)
def test_positions_are_one_based(path, position):
    assert parse(NESTED.encode(), "f.yaml").where(path) == position


@pytest.mark.parametrize(
    ("path", "ancestor"),
    [
        (("a", "c", 1, "zz"), ("a", "c", 1)),  # a missing key: the mapping that lacks it
        (("a", "nope", "deeper"), ("a",)),
        (("zz",), ()),
        (("a", "b", 7), ("a", "b")),  # an index past the end
    ],
)
def test_where_falls_back_to_the_nearest_ancestor(path, ancestor):
    doc = parse(NESTED.encode(), "f.yaml")
    assert doc.where(path) == doc.where(ancestor)
    assert doc.where(path) == doc.positions[ancestor]


def test_problem_uses_the_position():
    doc = parse(NESTED.encode(), "f.yaml")
    assert str(doc.problem(("a", "c", 1, "d"), "bad", 2)) == "f.yaml:5:13: bad"  # col 11 + offset 2


def test_document_keeps_file_and_raw_bytes():
    raw = b"a: 1\n"
    doc = parse(raw, "x/f.yaml")
    assert isinstance(doc, Document)
    assert (doc.file, doc.raw) == ("x/f.yaml", raw)


def test_bom_is_accepted_and_positions_unchanged():
    doc = parse(b"\xef\xbb\xbfa: 1\nb: 2\n", "f.yaml")
    assert doc.data == {"a": Decimal(1), "b": Decimal(2)}
    assert doc.where(("a",)) == Position(1, 4)  # the BOM is no column
    assert doc.where(("b",)) == Position(2, 4)


# --- refusals ---------------------------------------------------------------------------------


def test_duplicate_key_names_both_lines():
    assert refusal(b"a: 1\nb: 2\na: 3\n") == "f.yaml:3:1: duplicate key 'a' (first given on line 1); give each key once"


def test_duplicate_key_quoted_and_plain():
    assert refusal(b"'a': 1\n\"a\": 2\n") == "f.yaml:2:1: duplicate key 'a' (first given on line 1); give each key once"


def test_every_duplicate_key_is_reported():
    raw = b"a: 1\nb:\n  c: 1\n  c: 2\na: 3\n"
    assert refusal(raw) == (
        "f.yaml:4:3: duplicate key 'c' (first given on line 3); give each key once\n"
        "f.yaml:5:1: duplicate key 'a' (first given on line 1); give each key once"
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"a: !!python/object:os.system ls\n",
            "f.yaml:1:4: YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed",
        ),
        (
            b"a: !!python/object/apply:os.system [ls]\n",
            "f.yaml:1:4: YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed",
        ),
        (b"a: !custom 1\n", "f.yaml:1:4: YAML tags (!custom) are not allowed"),
        (b"a: !!str 1\n", "f.yaml:1:4: YAML tags (tag:yaml.org,2002:str) are not allowed"),
        (b"a:\n  - 1\n  - !!int 2\n", "f.yaml:3:5: YAML tags (tag:yaml.org,2002:int) are not allowed"),
    ],
)
def test_tags_refused(raw, message):
    assert refusal(raw) == message


def test_anchor_refused():
    assert refusal(b"a: &x 1\nb: 2\n") == "f.yaml:1:4: anchors (&x) are not allowed; write the value out"


def test_anchor_and_alias_refused_at_the_anchor():
    assert refusal(b"a: &x 1\nb: *x\n") == "f.yaml:1:4: anchors (&x) are not allowed; write the value out"


def test_alias_refused():
    assert refusal(b"a: 1\nb: *x\n") == "f.yaml:2:4: aliases (*x) are not allowed; write the value out"


def test_merge_key_refused():
    raw = b"a: {x: 1}\nb:\n  <<: {y: 1}\n  z: 2\n"
    assert refusal(raw) == "f.yaml:3:3: merge keys (<<) are not allowed; write the values out"


def test_quoted_merge_key_is_an_ordinary_key():
    assert data("'<<': 1\n") == {"<<": Decimal(1)}


def test_complex_key_refused():
    assert refusal(b"? [a]\n: 1\n") == "f.yaml:1:3: a key must be plain text, not a list or mapping"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a: [1, 2\nb: 3\n", "f.yaml:2:2: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got ':'"),
        (b"a: 1\n b: 2\n", "f.yaml:2:3: YAML syntax error: mapping values are not allowed here"),
        (b"a: b: c\n", "f.yaml:1:5: YAML syntax error: mapping values are not allowed here"),
        (
            b"a: 1\n---\nb: 2\n",
            "f.yaml:2:1: YAML syntax error: expected a single document in the stream but found another document",
        ),
    ],
)
def test_syntax_errors_say_where(raw, message):
    assert refusal(raw) == message


def test_not_utf8_names_the_line_and_column_of_the_bad_byte():
    raw = "a: 1\nb: café\n".encode("latin-1")  # é is the single byte 0xE9 at line 2, col 7
    assert refusal(raw) == "f.yaml:2:7: the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again"


def test_utf16_is_not_utf8():
    raw = "a: 1\n".encode("utf-16")  # starts with the bytes FF FE
    assert refusal(raw) == "f.yaml:1:1: the file is UTF-16 text; save it as UTF-8 and try again"


def test_nul_bytes_refused():
    assert refusal(b"a: 1\n\nb: 2\x00\n") == "f.yaml:3:1: the file contains NUL bytes; is it really a text file?"


def test_nesting_at_the_limit_is_read():
    depth = MAX_DEPTH + 1  # the outermost list is at depth 0, the innermost at MAX_DEPTH
    value = data("[" * depth + "]" * depth)
    for _ in range(depth - 1):
        assert isinstance(value, list)
        assert len(value) == 1
        value = value[0]
    assert value == []


def test_deep_nesting_refused_cleanly():
    # 200 nested lists: the one at depth MAX_DEPTH + 1 (index 65, col 66) is refused, once
    raw = b"[" * 200 + b"]" * 200
    assert refusal(raw) == f"f.yaml:1:{MAX_DEPTH + 2}: the YAML is nested more than {MAX_DEPTH} levels deep"


def test_deep_block_nesting_refused_cleanly():
    raw = "".join(f"{'  ' * i}k{i}:\n" for i in range(100)).encode()  # k0 at col 1, k65 at col 131
    assert refusal(raw) == f"f.yaml:66:{2 * 65 + 1}: the YAML is nested more than {MAX_DEPTH} levels deep"


def test_runaway_nesting_is_not_a_recursion_error():
    raw = b"[" * 50_000  # never closed, deeper than Python's recursion limit: refused before parsing
    assert refusal(raw) == f"f.yaml:1:{MAX_DEPTH + 2}: the YAML is nested more than {MAX_DEPTH} levels deep"


def test_file_over_the_size_limit_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 12345678901\n")  # 15 bytes
    with pytest.raises(InvalidInput) as info:
        load(path)
    assert str(info.value) == f"{path}:1:1: the file is 15 bytes; the limit is 10"


def test_file_at_the_size_limit_read(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"a: 123456\n")  # 10 bytes
    assert load(path).data == {"a": Decimal(123456)}


def test_missing_file_refused(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(InvalidInput) as info:
        load(path)
    assert str(info.value) == f"{path}:1:1: cannot read the file: No such file or directory"


def test_load_reads_and_names_the_file(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: 0.1\n", encoding="utf-8")
    doc = load(path)
    assert (doc.file, doc.data) == (str(path), {"a": Decimal("0.1")})
