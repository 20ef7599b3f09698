"""The strict YAML reader: a small exact schema, positions, and refusals that say where."""

from __future__ import annotations

import errno
from decimal import Decimal

import pytest

from scoring import wording, yamlio
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
        (b"a: b: c\n", "f.yaml:1:5: YAML syntax error: a ': ' inside a value starts a new key here; put the value in quotes"),
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


# --- the slips people make by hand: refused with the fix --------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"a: {value: 0,5, evidence: x}\n",
            "f.yaml:1:12: a comma inside {…} starts a new key, so 'value: 0,5' is read as 'value: 0' and a key '5':"
            ' write {value: 0.5, …}, or put the number in quotes: {value: "0,5", …}',
        ),
        (
            b"a: {value: 1.234,5}\n",
            "f.yaml:1:12: a comma inside {…} starts a new key, so 'value: 1.234,5' is read as 'value: 1.234' and a key '5':"
            ' write {value: 1234.5, …}, or put the number in quotes: {value: "1.234,5", …}',
        ),
    ],
)
def test_a_decimal_comma_inside_braces_is_refused_with_both_fixes(raw, message):
    assert refusal(raw) == message


@pytest.mark.parametrize(
    "text",
    [
        "a: {value: 0, 5: x}\n",  # a key with a value: not the decimals of a number
        "a: {value: 0, 5}\n",  # a space after the comma: two entries, as written
        "a: {value: x,5}\n",  # not a number before the comma
        "a:\n  value: 0,5\n",  # no braces: the text '0,5', read by the submission as a Vietnamese number
        "a: [0,5]\n",  # a list of two numbers
    ],
)
def test_what_is_not_a_split_decimal_comma_is_read_as_written(text):
    data(text)  # no refusal


def test_a_tab_that_indents_names_the_line():
    assert refusal(b"a:\n\tb: 1\n") == (
        "f.yaml:2:1: line 2 is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces"
    )


def test_a_tab_after_a_colon_says_to_write_a_space():
    assert refusal(b"a:\t1\n") == (
        "f.yaml:1:3: a tab cannot stand here: write a space instead of the tab (a tab is allowed only inside quotes)"
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b"quota: %20\n",
            "f.yaml:1:8: a value cannot start with '%' in YAML: write 20% (the sign after the number),"
            ' or put the value in quotes: "%20"',
        ),
        (
            b"a: {unit: %, type: number}\n",
            "f.yaml:1:11: a value cannot start with '%' in YAML: put the value in quotes: \"%\"",
        ),
        (
            b"- %12,5 # comment\n",
            "f.yaml:1:3: a value cannot start with '%' in YAML: write 12,5% (the sign after the number),"
            ' or put the value in quotes: "%12,5"',
        ),
        (
            b"a: @home\n",
            "f.yaml:1:4: a value cannot start with '@' in YAML (the sign is reserved): put the value in quotes: \"@home\"",
        ),
        (
            b"a: 1\n%b: 2\n",
            "f.yaml:2:1: a line that starts with '%' is read as a YAML directive: put the text in quotes, or remove the '%'",
        ),
    ],
)
def test_a_value_that_starts_with_a_reserved_sign_says_to_quote_it(raw, message):
    assert refusal(raw) == message


def test_a_percent_after_a_quoted_value_keeps_the_parser_s_finding():
    assert refusal(b'a: "x" %\n') == (
        "f.yaml:1:8: YAML syntax error: while scanning for the next token found character '%' that cannot start any token"
    )


# --- in Vietnamese ------------------------------------------------------------------------------


def refusal_vi(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as info:
        parse(raw, "f.yaml")
    with wording.use("vi"):
        return "\n".join(str(p) for p in info.value.problems)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a: 1\nb: 2\na: 3\n", "f.yaml:3:1: khóa 'a' bị lặp lại (đã có ở dòng 1); mỗi khóa chỉ được ghi một lần"),
        (b"a: &x 1\n", "f.yaml:1:4: không được dùng neo (&x); hãy viết đầy đủ giá trị"),
        (b"a: !custom 1\n", "f.yaml:1:4: không được dùng thẻ YAML (!custom)"),
        (b"? [a]\n: 1\n", "f.yaml:1:3: khóa phải là chữ thông thường, không phải danh sách hay nhóm khóa: giá trị"),
        ("a: 1\n".encode("utf-16"), "f.yaml:1:1: tệp được lưu dạng UTF-16; hãy lưu lại dạng UTF-8 rồi thử lại"),
        (
            b"a: [1, 2\nb: 3\n",
            "f.yaml:2:2: lỗi cú pháp YAML: khi đọc một danh sách trong […], cần dấu ',' hoặc ']', nhưng gặp ':'",
        ),
        (
            b"a:\n  b: 1\n c: 2\n",
            "f.yaml:3:2: lỗi cú pháp YAML: khi đọc một nhóm khóa: giá trị, cần kết thúc khối thụt lề,"
            " nhưng gặp một nhóm khóa: giá trị mới",
        ),
        (b'a: "abc\n', "f.yaml:2:1: lỗi cú pháp YAML: khi đọc một đoạn chữ trong ngoặc, gặp cuối tệp bất ngờ"),
        (b"a: 1\n b: 2\n", "f.yaml:2:3: lỗi cú pháp YAML: không được có giá trị của khóa (': ') ở đây"),
        (
            b"a: 1\n---\nb: 2\n",
            "f.yaml:2:1: lỗi cú pháp YAML: tệp chỉ được chứa một tài liệu YAML nhưng lại có thêm một tài liệu khác (sau dấu ---)",
        ),
        (b"[" * 200 + b"]" * 200, f"f.yaml:1:{MAX_DEPTH + 2}: YAML lồng nhau sâu quá {MAX_DEPTH} tầng"),
        (
            b"a: {value: 0,5, evidence: x}\n",
            "f.yaml:1:12: trong {…} dấu phẩy bắt đầu một khóa mới, nên 'value: 0,5' bị đọc thành 'value: 0' và một khóa '5':"
            ' hãy viết {value: 0.5, …} (dùng dấu chấm thập phân), hoặc đặt số trong ngoặc kép: {value: "0,5", …}',
        ),
    ],
)
def test_refusals_in_vietnamese(raw, message):
    assert refusal_vi(raw) == message


def test_the_value_limit_in_vietnamese_groups_its_thousands(monkeypatch):
    monkeypatch.setattr(yamlio, "MAX_VALUES", 1000)
    assert refusal_vi(b"[" + b"1," * 1000 + b"1]\n") == (
        "f.yaml:1:2000: tệp chứa hơn 1.000 giá trị, nhiều hơn hẳn mức một đợt thi đua cần: có đúng là tệp cần dùng không?"
    )


def test_a_missing_file_in_vietnamese(tmp_path):
    path = tmp_path / "nope.yaml"
    with pytest.raises(InvalidInput) as info:
        load(path)
    [problem] = info.value.problems
    assert wording.word(problem.message, "vi") == "không đọc được tệp: không có tệp hoặc thư mục này"


def test_an_unknown_system_reason_is_shown_as_the_system_gives_it():
    assert yamlio.os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
    assert wording.word(yamlio.os_reason(OSError(errno.EACCES, "Permission denied")), "vi") == "không có quyền truy cập"
