"""Fuzzing what the outputs carry: people's text reaches a spreadsheet, a terminal and Markdown only as text.

A unit's name, a criterion's label and a piece of evidence are drawn from hostile text (control characters,
decomposed Vietnamese, a leading '=', line breaks, HTML, Markdown links). Each round is refused with a located
message, or its outputs hold no control character, no line the text added, no formula cell and no live HTML.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from scoring.cli import main
from tests.property.test_fuzz import fuzz
from tests.test_hostile import CRITERIA, A, B

PIECES = ["=", "+", "-", "@", "\t", "\r", "\n", "\x1b[2K", "\x9b", "\x7f", "\u202e", "\u2066", "<img src=x>", "[x](j:a)"]
PIECES += ["- Total: 20.00", "Tô\u0301t", "Xuất sắc", "|", "*", "_", "#", "[bold red]", "'", '"', " "]
CONTROLS = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))} - {"\t", "\n"}


def hostile_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=5).map("".join)


def _round(folder: Path, name: str, label: str, evidence: str) -> list[str]:
    criteria = CRITERIA.replace("{name: A}", f"{{name: {json.dumps(name)}}}")
    criteria = criteria.replace("label: Count", f"label: {json.dumps(label)}")
    a = A.replace("  n: 3\n", f"  n: {{value: 3, evidence: {json.dumps(evidence)}}}\n")
    paths = [folder / "c.yaml", folder / "a.yaml", folder / "b.yaml"]
    for path, text in zip(paths, (criteria, a, B), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


@fuzz(60)
@given(hostile_text(), hostile_text(), hostile_text())
@example("=1+1", "@SUM(1)", "QĐ 1\n- Total: 20.00")
@example("A\x1b[2K", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))")
def test_people_s_text_reaches_the_outputs_only_as_text(tmp_path_factory, capsys, name, label, evidence):
    folder = tmp_path_factory.mktemp("outputs")
    c, a, b = _round(folder, name, label, evidence)
    capsys.readouterr()
    code = main(["explain", c, a, b, "--unit", "a"])
    text, err = capsys.readouterr()
    assert code in (0, 1), err
    if code == 1:
        assert err.startswith(f"{c}:") or err.startswith(f"{a}:"), err  # a located refusal
        assert not CONTROLS & set(err), err
        return
    assert not CONTROLS & set(text)
    benign = _round(tmp_path_factory.mktemp("benign"), "A", "Count", "QĐ 1")
    assert main(["explain", *benign, "--unit", "a"]) == 0
    assert len(text.splitlines()) == len(capsys.readouterr().out.splitlines())  # no line added by the text
    assert main(["explain", c, a, b, "--unit", "a", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "<img" not in md.replace("\\<img", "")
    assert "](" not in md.replace("\\](", "")
    assert main(["score", c, a, b, "--format", "csv"]) == 0
    for row in csv.reader(io.StringIO(capsys.readouterr().out)):
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row[1:2]), row
    assert main(["export", c, a, b, "-o", str(folder / "t.xlsx"), "-q"]) == 0
    book = load_workbook(folder / "t.xlsx")
    cells = [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
