"""Hostile files, second round: what the outputs carry.

Text from a criteria file or a submission reaches a spreadsheet, a terminal or a Markdown file that may give it a
meaning: a formula Excel runs, an escape sequence that erases a line, a newline that forges a line of an
explanation, a link or an HTML tag. Each case here failed before its fix (docs/SECURITY.md, "Found and fixed").
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scoring.errors import InvalidInput
from scoring.safetext import cell_text
from scoring.yamlio import parse
from tests.test_hostile import CRITERIA, A, B, write_round

HOSTILE = '=HYPERLINK("http://x","OK")'


def _book(path: Path):
    return load_workbook(path)  # formulas as formulas: a cell Excel would run has data_type "f"


def _cells(book) -> list:
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


# --- 1. Formula injection in exports -----------------------------------------------------------------------------------


def _formulas(tmp_path: Path, cli, *args: str) -> tuple[Path, str]:
    criteria = (
        CRITERIA.replace("title: R", f"title: '{HOSTILE}'")
        .replace("{name: A}", "{name: '=1+1'}")
        .replace("label: Count", "label: '@SUM(1)'")
        .replace("{id: top, label: Top,", "{id: top, label: '+cmd',")
        .replace("  n: {label: N,", "  k: {label: '-K', type: choice, choices: {'=2+2': 1, tốt: 2}}\n  n: {label: N,")
    )
    c, a, b = write_round(
        tmp_path, criteria, A.replace("values:\n", "values:\n  k: tốt\n"), B.replace("values:\n", "values:\n  k: tốt\n")
    )
    return c, str(a), str(b)


def test_text_beginning_with_an_equals_sign_is_text_in_every_exported_and_template_xlsx(cli, tmp_path):
    c, a, b = _formulas(tmp_path, cli)
    assert cli("export", c, a, b, "-o", tmp_path / "t.xlsx")[0] == 0
    assert cli("template", c, "-o", tmp_path / "f.xlsx")[0] == 0
    for name in ("t.xlsx", "f.xlsx"):
        book = _book(tmp_path / name)
        cells = _cells(book)
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], name
        texts = {c.value for c in cells}
        assert {HOSTILE, "=1+1" if name == "t.xlsx" else "@SUM(1)"} <= texts, name
        hostile = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
        assert hostile, name
        assert all(c.quotePrefix for c in hostile), name  # Excel keeps them text when edited too
    meta = _book(tmp_path / "f.xlsx")["thidua"]
    assert (meta["B4"].value, meta["B4"].data_type) == (HOSTILE, "s")  # the hidden sheet's criteria title
    assert "=2+2, tốt" in {c.value for c in _cells(_book(tmp_path / "f.xlsx"))}  # the choice's answers


def test_numbers_stay_numbers_in_the_exported_xlsx(cli, tmp_path):
    c, a, b = _formulas(tmp_path, cli)
    assert cli("export", c, a, b, "-o", tmp_path / "t.xlsx")[0] == 0
    ws = _book(tmp_path / "t.xlsx").worksheets[0]
    row = [cell.value for cell in ws[5]]  # the first unit, b: n 4 → 4 points, x 5 → 5 points, 4 + 5 = 9
    assert row[:2] == ["b", "B"]
    assert row[2:5] == [9, 4, 5]  # group G, C1, C2: 4 + 5 = 9
    assert ws.cell(5, 3).data_type == "n"


def test_a_csv_cell_beginning_like_a_formula_gets_a_leading_quote_and_numbers_stay_numbers(cli, tmp_path):
    c, a, b = _formulas(tmp_path, cli)
    assert cli("--lang", "en", "export", c, a, b, "-o", tmp_path / "t.csv")[0] == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8-sig"))))
    a_row = next(r for r in rows if r[0] == "a")
    # a: n 3 → 3 points, x 2 → 2 points, 3 + 2 = 5, under 15: the band "All"
    assert a_row[:5] == ["a", "'=1+1", "5.00", "3.00", "2.00"]
    code, out, _ = cli("score", c, a, b, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert [r[:2] for r in rows[1:]] == [["a", "'=1+1"], ["b", "B"]]
    # b: 4 + 5 = 9, under 15 too
    assert rows[2][2:6] == ["9.00", "4.00", "5.00", "9.00"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_start_a_spreadsheet_reads_as_a_formula_is_quoted_in_csv(start):
    assert cell_text(f"{start}1+1") == f"'{start}1+1"
    assert cell_text("1+1") == "1+1"


# --- 3. Terminal escapes -------------------------------------------------------------------------------------------------


def test_an_escape_sequence_from_a_yaml_escape_is_refused_where_it_stands(cli, tmp_path):
    c, _, _ = write_round(tmp_path, CRITERIA.replace("{name: A}", '{name: "A\\e[2K\\rOK"}'))
    code, out, err = cli("validate", c)
    assert (code, out) == (1, "")
    assert err == (
        f"{c}:7:13: the text contains the control character \\x1b; remove it (an escape sequence could change what a"
        " terminal shows)\n1 problem(s) found.\n"
    )
    assert "\x1b" not in err


@pytest.mark.parametrize("char", ["\x9b", "\x7f", "\u202e", "\u2066"])
def test_c1_del_and_bidi_overrides_are_refused_in_yaml_text(char):
    escape = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    with pytest.raises(InvalidInput) as info:
        parse(f'name: "a{escape}b"\n'.encode(), "f.yaml")
    assert str(info.value) == (
        f"f.yaml:1:7: the text contains the control character {escape}; remove it (an escape sequence could change"
        " what a terminal shows)"
    )


def test_tabs_and_newlines_stay_allowed_in_yaml_text():
    assert parse(b'name: "a\\tb\\nc"\n', "f.yaml").data == {"name": "a\tb\nc"}


def test_an_escape_in_a_csv_cell_is_refused_at_its_line_and_column(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    s = tmp_path / "s.csv"
    s.write_text("round,unit,n,n.evidence,x\nr,a,3,\x1b[2KOK,2\n", encoding="utf-8")
    code, out, err = cli("score", c, s)
    assert (code, out) == (1, "")
    assert err == (
        f"{s}:2:4: the text contains the control character \\x1b; remove it (an escape sequence could change what a"
        " terminal shows)\n1 problem(s) found.\n"
    )


def test_a_file_name_with_an_escape_is_shown_escaped_in_messages(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    bad = tmp_path / "x\x1b[2K.yaml"
    bad.write_text("round: r\nunit: zz\nvalues: {n: 1, x: 1}\n", encoding="utf-8")
    code, _, err = cli("score", c, bad)
    assert code == 1
    assert "\x1b" not in err
    assert "x\\x1b[2K.yaml:2:7: " in err


def test_rich_markup_in_a_unit_name_prints_literally(cli, tmp_path):
    c, a, b = write_round(tmp_path, CRITERIA.replace("{name: A}", "{name: '[bold red]A[/]'}"))
    code, out, _ = cli("score", c, a, b)
    assert code == 0
    assert "│ [bold red]A[/] │" in out
    code, out, _ = cli("explain", c, a, b, "--unit", "a")
    assert code == 0
    assert out.startswith("[bold red]A[/] (a): ")


# --- 4. Line and Markdown injection -------------------------------------------------------------------------------------

FORGED = "QĐ 1\n- Total: 20.00"


def test_a_newline_in_evidence_cannot_forge_a_line_of_the_explanation(cli, tmp_path):
    evidence = json.dumps(FORGED, ensure_ascii=False)
    c, a, b = write_round(tmp_path, a=A.replace("  n: 3\n", f"  n: {{value: 3, evidence: {evidence}}}\n"))
    for form in ("text", "md"):
        code, out, _ = cli("explain", c, a, b, "--unit", "a", "--format", form)
        assert code == 0
        assert not any(line.lstrip().startswith(("- Total: 20.00", "\\- Total: 20.00")) for line in out.splitlines()), form
        assert "QĐ 1 ⏎ - Total: 20.00" in out, form


HTML = "<img src=x onerror=alert(1)>"
LINK = "[x](javascript:alert(1))"


def test_html_and_links_in_names_are_escaped_in_the_markdown_of_explain_and_rank(cli, tmp_path):
    c, a, b = write_round(tmp_path, CRITERIA.replace("{name: A}", f"{{name: '{HTML} {LINK}'}}"))
    for args in (("explain", c, a, b, "--unit", "a", "--format", "md"), ("rank", c, a, b, "--format", "md")):
        code, out, _ = cli(*args)
        assert code == 0
        assert HTML not in out
        assert LINK not in out
        assert "\\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1))" in out


def test_html_and_links_in_labels_are_escaped_in_the_markdown_of_diff(cli, tmp_path):
    old, _, _ = write_round(tmp_path)
    new = tmp_path / "new.yaml"
    new.write_text(CRITERIA.replace("label: Count", f"label: '{HTML} {LINK}'"), encoding="utf-8")
    code, out, _ = cli("diff", old, new, "--format", "md")
    assert code == 0
    assert HTML not in out
    assert LINK not in out
    assert "\\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1))" in out


def test_a_newline_in_a_label_cannot_forge_a_line_of_the_diff(cli, tmp_path):
    old, _, _ = write_round(tmp_path)
    new = tmp_path / "new.yaml"
    new.write_text(CRITERIA.replace("label: Count", 'label: "Count\\n  ~ C2 Share: max 10 → 20"'), encoding="utf-8")
    code, out, _ = cli("diff", old, new)
    assert code == 0
    assert "\n  ~ C2 Share" not in out
    assert "Count ⏎   ~ C2 Share: max 10 → 20" in out


# --- 10. Output to a stream that is not UTF-8 ----------------------------------------------------------------------------


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}])
def test_output_to_a_stream_that_is_not_utf8_is_utf8_and_no_traceback(tmp_path, env):
    c, a, b = write_round(tmp_path, CRITERIA.replace("{name: A}", "{name: Hội Cựu chiến binh}"))
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG", "PYTHONUTF8")}
    run = subprocess.run(
        [sys.executable, "-m", "scoring", "score", str(c), str(a), str(b), "--format", "csv"],
        env={**environ, **env},
        capture_output=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert "Hội Cựu chiến binh" in run.stdout.decode("utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "scoring", "validate", str(tmp_path / "không-có.yaml")],
        env={**environ, **env},
        capture_output=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr.decode("utf-8")
    assert "không-có.yaml" in bad.stderr.decode("utf-8")


# --- 15. Unicode forms and form versions ---------------------------------------------------------------------------------

CHOICE = CRITERIA.replace(
    "  n: {label: N,", "  k: {label: K, type: choice, choices: {Xuất sắc: 2, Tốt: 1}}\n  n: {label: N,"
).replace(
    "{id: C1, label: Count, max: 10, method: per_item, of: n, points_each: 1}",
    "{id: C1, label: Count, max: 10, formula: 'min(max_points, n + k)'}",
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_an_answer_typed_in_decomposed_form_is_the_same_answer(cli, tmp_path):
    answer = _nfd("Xuất sắc")
    assert answer != "Xuất sắc"
    c, a, b = write_round(
        tmp_path, CHOICE, A.replace("values:\n", f"values:\n  k: {answer}\n"), B.replace("values:\n", "values:\n  k: Tốt\n")
    )
    code, out, err = cli("explain", c, a, b, "--unit", "a")
    assert (code, err) == (0, "")
    assert "k (K) = Xuất sắc (2) [" in out  # composed, as the criteria write it
    assert out.startswith("A (a): 7.00 / 20")  # C1 min(10, 3 + 2) = 5, C2 min(10, 2) = 2: 5 + 2 = 7


def test_an_answer_in_decomposed_form_is_read_from_a_csv_and_a_criteria_file_in_decomposed_form_too(cli, tmp_path):
    c, _, _ = write_round(tmp_path, _nfd(CHOICE))
    s = tmp_path / "s.csv"
    s.write_text(f"round,unit,k,n,x\nr,a,{_nfd('Tốt')},3,2\nr,b,Xuất sắc,4,5\n", encoding="utf-8")
    code, out, err = cli("score", c, s, "--format", "json")
    assert (code, err) == (0, "")
    totals = {u["unit"]: u["total"] for u in json.loads(out)["units"]}
    assert totals == {"a": "6.00", "b": "11.00"}  # a: min(10, 3 + 1) + 2 = 6; b: min(10, 4 + 2) + 5 = 11


def test_a_form_made_from_another_version_of_the_rounds_criteria_is_refused_naming_both_digests(cli, tmp_path):
    import hashlib

    c, _, _ = write_round(tmp_path)
    assert cli("template", c, "-o", tmp_path / "f.xlsx")[0] == 0
    old = hashlib.sha256(c.read_bytes()).hexdigest()
    changed = CRITERIA.replace("x: {label: X, type: number, min: 0}", "x: {label: X, unit: '%', type: number, min: 0}")
    c.write_text(changed, encoding="utf-8")
    new = hashlib.sha256(c.read_bytes()).hexdigest()
    code, out, err = cli("score", c, tmp_path / "f.xlsx")
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / 'f.xlsx'}:3:2: sheet thidua, cell B3: this form was made from another version of round r's"
        f" criteria (SHA-256 {old}); the criteria given are {new}: make the forms again with thidua template\n"
        "1 problem(s) found.\n"
    )


# --- 5. Formula cells in filled forms ------------------------------------------------------------------------------------


def _fill(form: Path, out: Path, cells: dict[str, object]) -> None:
    book = load_workbook(form)
    ws = book.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    book.save(out)


def _with_cached(path: Path, ref: str, cached: str) -> None:
    """Give the formula cell at `ref` of the first sheet a cached value, as Excel saves it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode()
    start = xml.index(f'<c r="{ref}"')
    end = xml.index("</c>", start)
    cell = xml[start:end]
    parts[name] = (xml[:start] + cell + f"<v>{cached}</v>" + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_a_formula_in_a_value_cell_is_refused_with_its_sheet_and_cell_not_scored_from_its_cached_value(cli, tmp_path):
    c, _, b = write_round(tmp_path)
    assert cli("template", c, "--unit", "a", "-o", tmp_path / "f.xlsx")[0] == 0
    filled = tmp_path / "filled.xlsx"
    _fill(tmp_path / "f.xlsx", filled, {"G7": "=2+2", "G8": 2})  # n is row 7, x row 8
    _with_cached(filled, "G7", "9")
    code, out, err = cli("score", c, filled, b)
    assert (code, out) == (1, "")
    assert err == (
        f"{filled}:7:7: sheet Indicators, cell G7: values.n: the cell holds a formula (=2+2); enter the value, not a"
        " formula\n1 problem(s) found.\n"
    )


def test_the_template_refuses_formulas_in_its_input_cells_where_the_spreadsheet_can(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    assert cli("template", c, "--unit", "a", "-o", tmp_path / "f.xlsx")[0] == 0
    ws = load_workbook(tmp_path / "f.xlsx").worksheets[0]
    custom = [r for r in ws.data_validations.dataValidation if r.type == "custom"]
    assert len(custom) == 1
    (rule,) = custom
    # the evidence of n and x (rows 7 and 8), the explanations of C1 and C2 (rows 11 and 12, below their headings)
    assert sorted(str(rule.sqref).split()) == ["H11", "H12", "H7", "H8"]
    assert (rule.formula1, rule.errorStyle, rule.error) == ("NOT(ISFORMULA(H7))", "stop", "Enter the text itself, not a formula.")
