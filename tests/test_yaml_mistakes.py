"""The YAML slips a secretary makes writing criteria and submissions by hand: each refused where it stands, with the fix.

Every test breaks one line of the cluster's real 2023 files (a copy in tmp_path) the way a person would, and
checks the whole message with its place, in English and in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import wording
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.submissions import load_submissions

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "hoi-ccb-cum-3" / "2023.yaml"
CAO_BANG = ROOT / "examples" / "hoi-ccb-cum-3" / "2023" / "cao-bang.yaml"


def broken(source: Path, folder: Path, old: str, new: str) -> Path:
    """A copy of `source` with `old` (found exactly once) written as `new`."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    copy = folder / source.name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def place(path: Path, text: str, col_of: str | None = None, offset: int = 0) -> tuple[int, str]:
    """The line holding `text` (once in the file), and 'file:line:col: ' with the column of `col_of` (+ offset) on it."""
    [(line, content)] = [(i, s) for i, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in s]
    col = content.index(col_of) + offset + 1 if col_of is not None else 1
    return line, f"{path}:{line}:{col}: "


def refusal(load, path: Path) -> tuple[str, str]:
    """The one problem found, with its place, worded in English and in Vietnamese."""
    with pytest.raises(InvalidInput) as info:
        load(path)
    [problem] = info.value.problems
    where = f"{problem.file}:{problem.line}:{problem.col}: "
    return where + wording.word(problem.message, "en"), where + wording.word(problem.message, "vi")


def criteria_refusal(path: Path) -> tuple[str, str]:
    return refusal(load_criteria, path)


def submission_refusal(path: Path) -> tuple[str, str]:
    criteria = load_criteria(CRITERIA)
    return refusal(lambda p: load_submissions(criteria, [p]), path)


# --- a decimal comma inside {…}: YAML splits the number at the comma ----------------------------


def test_a_decimal_comma_inside_braces_in_a_submission_shows_both_fixes(tmp_path):
    path = broken(CAO_BANG, tmp_path, "study_rate: {value: 96.8,", "study_rate: {value: 96,8,")
    _, at = place(path, "study_rate:", "96,8")
    assert submission_refusal(path) == (
        at + "a comma inside {…} starts a new key, so 'value: 96,8' is read as 'value: 96' and a key '8':"
        ' write {value: 96.8, …}, or put the number in quotes: {value: "96,8", …}',
        at + "trong {…} dấu phẩy bắt đầu một khóa mới, nên 'value: 96,8' bị đọc thành 'value: 96' và một khóa '8':"
        ' hãy viết {value: 96.8, …} (dùng dấu chấm thập phân), hoặc đặt số trong ngoặc kép: {value: "96,8", …}',
    )


def test_a_decimal_comma_inside_braces_in_the_criteria_file_is_caught_the_same_way(tmp_path):
    path = broken(CRITERIA, tmp_path, "points_each: 0.2}", "points_each: 0,2}")
    _, at = place(path, "points_each: 0,2", "0,2")
    assert criteria_refusal(path) == (
        at + "a comma inside {…} starts a new key, so 'points_each: 0,2' is read as 'points_each: 0' and a key '2':"
        ' write {points_each: 0.2, …}, or put the number in quotes: {points_each: "0,2", …}',
        at + "trong {…} dấu phẩy bắt đầu một khóa mới, nên 'points_each: 0,2' bị đọc thành 'points_each: 0' và một khóa"
        " '2': hãy viết {points_each: 0.2, …} (dùng dấu chấm thập phân), hoặc đặt số trong ngoặc kép:"
        ' {points_each: "0,2", …}',
    )


def test_a_comma_in_a_label_inside_braces_still_says_to_quote_the_text(tmp_path):
    # not a number: the hint for text with commas stands, at the key's empty value (after 'viên')
    old = '{id: II.4, label: "Xóa nhà tạm, nhà dột nát cho hội viên (0,2 điểm/nhà)",'
    path = broken(CRITERIA, tmp_path, old, "{id: II.4, label: Xóa nhà tạm, nhà dột nát cho hội viên,")
    _, at = place(path, "{id: II.4,", "viên,", offset=len("viên"))
    key = "nhà dột nát cho hội viên"
    assert criteria_refusal(path) == (
        at + f"groups[1].criteria[3].{key}: unknown key '{key}' (a ',' inside {{...}} starts a new key:"
        " put text that has commas in quotes)",
        at + f"groups[1].criteria[3].{key}: khóa '{key}' không hợp lệ (trong {{...}} dấu ',' bắt đầu một khóa mới:"
        " hãy đặt đoạn chữ có dấu phẩy trong ngoặc kép)",
    )


# --- a decimal comma where the criteria file needs a number -------------------------------------


def test_points_each_with_a_decimal_comma_says_to_write_a_dot(tmp_path):
    # no braces to split it: YAML reads the text "0,5", which the criteria file does not take for a number
    old = (
        '      - {id: II.4, label: "Xóa nhà tạm, nhà dột nát cho hội viên (0,2 điểm/nhà)",\n'
        "         max: 5, method: per_item, of: houses_rebuilt, points_each: 0.2}"
    )
    new = (
        "      - id: II.4\n"
        '        label: "Xóa nhà tạm, nhà dột nát cho hội viên (0,5 điểm/nhà)"\n'
        "        max: 5\n"
        "        method: per_item\n"
        "        of: houses_rebuilt\n"
        "        points_each: 0,5"
    )
    path = broken(CRITERIA, tmp_path, old, new)
    _, at = place(path, "points_each: 0,5", "0,5")
    assert criteria_refusal(path) == (
        at + "groups[1].criteria[3].points_each: expected a number, got the text '0,5':"
        " write 0.5 (in this file the dot is the decimal point)",
        at + "groups[1].criteria[3].points_each: cần một số, nhưng lại là đoạn chữ '0,5':"
        " hãy viết 0.5 (trong tệp này dấu chấm là dấu thập phân)",
    )


@pytest.mark.parametrize(
    ("old", "new", "as_written", "field", "written", "dotted"),
    [
        ("points_each: 0.2}", "points_each: '0,2'}", "'0,2'", "groups[1].criteria[3].points_each", "0,2", "0.2"),
        (
            "    max: 3\n        method: formula",
            "    max: 2,5\n        method: formula",
            "2,5",
            "groups[1].criteria[2].max",
            "2,5",
            "2.5",
        ),
        ("floor: 50%}", "floor: '0,5'}", "'0,5'", "classification[0].floor", "0,5", "0.5"),
    ],
)
def test_a_decimal_comma_where_a_number_is_needed_says_to_write_a_dot(tmp_path, old, new, as_written, field, written, dotted):
    path = broken(CRITERIA, tmp_path, old, new)
    _, at = place(path, new.split("\n")[0].strip(), as_written)
    assert criteria_refusal(path) == (
        at + f"{field}: expected a number, got the text '{written}': write {dotted} (in this file the dot is the decimal point)",
        at + f"{field}: cần một số, nhưng lại là đoạn chữ '{written}': hãy viết {dotted}"
        " (trong tệp này dấu chấm là dấu thập phân)",
    )


# --- a tab --------------------------------------------------------------------------------------


def test_a_tab_that_indents_a_criteria_line_is_named_with_its_line(tmp_path):
    path = broken(CRITERIA, tmp_path, "  bac-kan: {name: Hội CCB tỉnh Bắc Kạn}", "\tbac-kan: {name: Hội CCB tỉnh Bắc Kạn}")
    line, at = place(path, "bac-kan: {name")
    assert criteria_refusal(path) == (
        at + f"line {line} is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces",
        at + f"dòng {line} được thụt lề bằng dấu tab; YAML chỉ cho phép thụt lề bằng dấu cách:"
        " hãy thay dấu tab bằng các dấu cách",
    )


def test_a_tab_after_spaces_in_a_submission_is_named_too(tmp_path):
    path = broken(CAO_BANG, tmp_path, "  loans: {value:", "  \tloans: {value:")
    line, at = place(path, "loans: {value:", "\t")
    assert submission_refusal(path) == (
        at + f"line {line} is indented with a tab; YAML allows only spaces for indentation: replace the tab with spaces",
        at + f"dòng {line} được thụt lề bằng dấu tab; YAML chỉ cho phép thụt lề bằng dấu cách:"
        " hãy thay dấu tab bằng các dấu cách",
    )


def test_a_tab_between_a_key_and_its_value_says_to_write_a_space(tmp_path):
    path = broken(CAO_BANG, tmp_path, "late_reports: 0", "late_reports:\t0")
    _, at = place(path, "late_reports:", "\t")
    assert submission_refusal(path) == (
        at + "a tab cannot stand here: write a space instead of the tab (a tab is allowed only inside quotes)",
        at + "không được dùng dấu tab ở đây: hãy thay dấu tab bằng dấu cách (dấu tab chỉ được phép nằm trong ngoặc kép)",
    )


# --- a value that starts with '%' ---------------------------------------------------------------


def test_a_quota_written_percent_first_shows_the_share_and_the_quotes(tmp_path):
    path = broken(CRITERIA, tmp_path, "    quota: 2\n", "    quota: %20\n")
    _, at = place(path, "quota: %20", "%")
    assert criteria_refusal(path) == (
        at + "a value cannot start with '%' in YAML: write 20% (the sign after the number), or put the value in quotes: \"%20\"",
        at + "trong YAML, giá trị không được bắt đầu bằng '%': hãy viết 20% (dấu % đặt sau số),"
        ' hoặc đặt giá trị trong ngoặc kép: "%20"',
    )


def test_a_percent_first_inside_braces_ends_at_the_closing_brace(tmp_path):
    path = broken(CRITERIA, tmp_path, "min_total: 90, floor: 50%}", "min_total: 90, floor: %50}")
    _, at = place(path, "floor: %50", "%")
    assert criteria_refusal(path) == (
        at + "a value cannot start with '%' in YAML: write 50% (the sign after the number), or put the value in quotes: \"%50\"",
        at + "trong YAML, giá trị không được bắt đầu bằng '%': hãy viết 50% (dấu % đặt sau số),"
        ' hoặc đặt giá trị trong ngoặc kép: "%50"',
    )


def test_a_label_that_starts_with_percent_is_to_be_quoted(tmp_path):
    path = broken(CRITERIA, tmp_path, "label: Thu nộp hội phí (đủ điểm", "label: %Hội viên đóng hội phí (đủ điểm")
    _, at = place(path, "label: %Hội viên", "%")
    shown = '"%Hội viên đóng hội phí (đủ điểm khi 100…"'  # the start of a long value
    assert criteria_refusal(path) == (
        at + f"a value cannot start with '%' in YAML: put the value in quotes: {shown}",
        at + f"trong YAML, giá trị không được bắt đầu bằng '%': hãy đặt giá trị trong ngoặc kép: {shown}",
    )


# --- and a ': ' inside a label ------------------------------------------------------------------


def test_a_colon_inside_a_label_says_to_quote_it(tmp_path):
    path = broken(CRITERIA, tmp_path, "label: Thu nộp hội phí (đủ điểm", "label: Hội phí: thu nộp (đủ điểm")
    _, at = place(path, "label: Hội phí: thu", ": thu")
    assert criteria_refusal(path) == (
        at + "YAML syntax error: a ': ' inside a value starts a new key here; put the value in quotes",
        at + "lỗi cú pháp YAML: dấu ': ' nằm trong giá trị nên bắt đầu một khóa mới ở đây; hãy đặt giá trị trong ngoặc kép",
    )
