"""Spreadsheets: forms generated from the criteria, filled forms read back, the score table exported.

Forms and tables are worded in the language in force: Vietnamese for users (the
layout tests below pin that it is what it was before the wording layer), English
with --lang en. A form is read back whatever language it was made in; the
problems found in it are worded in the language of the run that reads it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from openpyxl.worksheet.worksheet import Worksheet

from scoring import wording
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import evaluate
from scoring.output import score_data
from scoring.spreadsheet import template_xlsx
from scoring.submissions import load_submissions

ROOT = Path(__file__).resolve().parent.parent
CCB = ROOT / "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_SUBMISSIONS = ROOT / "examples/hoi-ccb-cum-3/2023"
REVIEW = CCB_SUBMISSIONS / "review.yaml"
ROUND = "hoi-ccb-cum-3-2023"
PROVINCES = ["cao-bang", "bac-kan", "thai-nguyen", "lang-son", "bac-ninh", "bac-giang"]
HEADINGS = [
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kiểu",
    "Giới hạn",
    "Chỉ tiêu được giao",
    "Giá trị",
    "Căn cứ (văn bản, số hiệu)",
]
ENGLISH_HEADINGS = [
    "Indicator id",
    "Indicator",
    "Unit of measure",
    "Type",
    "Allowed values",
    "Assigned target",
    "Value",
    "Evidence (document, number)",
]
CHOICES = "Xuất sắc, Tốt, Khá, Chưa đạt"


@pytest.fixture
def in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run speaks Vietnamese, as it does for users by default."""
    monkeypatch.setenv("THIDUA_LANG", "vi")


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def example(unit: str) -> dict[str, Any]:
    """A province's submission as a person wrote it (text stays text, numbers stay numbers)."""
    return yaml.safe_load((CCB_SUBMISSIONS / f"{unit}.yaml").read_text(encoding="utf-8"))


def entries(unit: str) -> dict[str, tuple[object, str | None]]:
    """indicator → (value as written in the YAML, evidence)."""
    found = {}
    for iid, given in example(unit)["values"].items():
        value, evidence = (given["value"], given.get("evidence")) if isinstance(given, dict) else (given, None)
        found[iid] = (value, evidence)
    return found


def vietnamese(number: float) -> str:
    """4093.7 → "4.093,7", 164799 → "164.799": the way a person types it in a Vietnamese form."""
    whole, _, fraction = repr(number).partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    return text + ("," + fraction if fraction else "")


def as_typed(value: object, as_text: bool) -> object:
    """A YAML value as a person would type it into the cell: numbers as numbers, or as Vietnamese text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value  # "21.846", "có", "Xuất sắc": text, as in the YAML
    # A spreadsheet keeps 96.0 as 96, so a decimal that happens to be whole is typed as text ("96,0").
    if as_text or (isinstance(value, float) and value.is_integer()):
        return vietnamese(value)
    return value


def rows_by_indicator(ws: Worksheet) -> dict[str, int]:
    """The indicators' rows: from row 7 to the first empty one (the self-scoring section follows)."""
    rows = {}
    for r in range(7, ws.max_row + 1):
        if not ws.cell(r, 1).value:
            break
        rows[ws.cell(r, 1).value] = r
    return rows


def rows_by_criterion(ws: Worksheet) -> dict[str, int]:
    """The self-scoring section's rows, below the indicators and the section's headings."""
    top = max(rows_by_indicator(ws).values()) + 2
    return {ws.cell(r, 1).value: r for r in range(top + 1, ws.max_row + 1) if ws.cell(r, 1).value}


def fill(ws: Worksheet, unit: str, *, text_from: int = 0) -> None:
    """Type a province's YAML values into its sheet: every other figure as Vietnamese text, the rest as numbers."""
    rows = rows_by_indicator(ws)
    for i, (iid, (value, evidence)) in enumerate(entries(unit).items()):
        ws.cell(rows[iid], 7, as_typed(value, (i + text_from) % 2 == 0))
        ws.cell(rows[iid], 8, evidence)
    own = example(unit).get("self_score")
    ws["G4"] = as_typed(own, False)


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """Score JSON without what depends on the file the values came from."""
    data = json.loads(json.dumps(data))
    for unit in data["units"]:
        del unit["submission_sha256"]
    return data


def yaml_scores() -> dict[str, Any]:
    criteria = load_criteria(CCB)
    files = [CCB_SUBMISSIONS / f"{u}.yaml" for u in PROVINCES]
    return comparable(score_data(evaluate(criteria, load_submissions(criteria, files))))


def scores(*paths: Path) -> dict[str, Any]:
    criteria = load_criteria(CCB)
    return comparable(score_data(evaluate(criteria, load_submissions(criteria, list(paths)))))


def problems(*paths: Path) -> list[str]:
    criteria = load_criteria(CCB)
    with pytest.raises(InvalidInput) as caught:
        load_submissions(criteria, list(paths))
    return [str(p) for p in caught.value.problems]


def round_form(tmp_path: Path, capsys: pytest.CaptureFixture[str], criteria: Path = CCB) -> Path:
    form = tmp_path / "round.xlsx"
    code, out, err = run(capsys, "template", criteria, "-o", form)
    assert (code, err) == (0, "")
    assert out == f"Form written: {form} (round {ROUND}, 6 units)\n"
    return form


def unit_form(tmp_path: Path, capsys: pytest.CaptureFixture[str], unit: str = "cao-bang") -> Path:
    form = tmp_path / f"{unit}.xlsx"
    code, out, err = run(capsys, "template", CCB, "--unit", unit, "-o", form)
    assert (code, err) == (0, "")
    assert out == f"Form written: {form} (round {ROUND}, unit {unit})\n"
    return form


def vietnamese_form(path: Path, unit: str | None = "cao-bang") -> Path:
    """The form as a Vietnamese user gets it by default, made by the library (the CLI's own wording is not under test)."""
    with wording.use("vi"):
        path.write_bytes(template_xlsx(load_criteria(CCB), unit))
    return path


# --- The round's workbook, filled and read back


def test_filled_round_workbook_scores_as_the_yaml_submissions(tmp_path, capsys):
    form = round_form(tmp_path, capsys)
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == [*PROVINCES, "thidua"]
    for n, unit in enumerate(PROVINCES):
        fill(book[unit], unit, text_from=n)
    book.save(form)
    typed = [book[u].cell(r, 7).value for u in PROVINCES for r in range(7, 40)]
    # Both ways of typing a figure are exercised: Vietnamese text and numbers.
    assert {"21.846", "498,6", "1.205,5"} <= {v for v in typed if isinstance(v, str)}
    assert sum(isinstance(v, int) for v in typed) > 20
    assert sum(isinstance(v, float) for v in typed) > 5

    assert scores(form) == yaml_scores()


def test_submission_keeps_the_file_digest_sheet_and_cell(tmp_path, capsys):
    form = round_form(tmp_path, capsys)
    book = openpyxl.load_workbook(form)
    for unit in PROVINCES:
        fill(book[unit], unit)
    book.save(form)
    criteria = load_criteria(CCB)
    submissions = load_submissions(criteria, [form])
    assert [s.unit for s in submissions] == PROVINCES
    cao_bang = submissions[0]
    assert (cao_bang.file, cao_bang.line) == (str(form), 7)  # the sheet's first data row
    assert cao_bang.sha256 == hashlib.sha256(form.read_bytes()).hexdigest()
    assert cao_bang.self_score == Decimal("95.5")
    members = cao_bang.values["members"]  # members is the file's first indicator: row 7
    assert members.value == Decimal(21846)
    assert str(members.source) == f"{form}:7 (sheet cao-bang, cell G7)"
    assert wording.word(members.source, "vi") == f"{form}:7 (trang tính cao-bang, ô G7)"
    assert members.evidence == "Báo cáo số 52/BC-CCB ngày 18/9/2023, biểu thống kê tổ chức, hội viên"
    rating = cao_bang.values["security_rating"]
    assert (rating.value, rating.answer) == (Decimal(3), "Xuất sắc")  # choices: {Xuất sắc: 3, …}
    # An empty cell is not a report: Cao Bằng's YAML gives no national_commendation, nor does its sheet.
    assert "national_commendation" not in entries("cao-bang")
    assert "national_commendation" not in cao_bang.values


def test_unit_form_mixed_with_yaml_and_csv_in_one_folder(tmp_path, capsys):
    folder = tmp_path / "nop"
    folder.mkdir()
    form = unit_form(folder, capsys, "cao-bang")  # made in English
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == ["Indicators", "thidua"]
    fill(book["Indicators"], "cao-bang")
    book.save(form)
    # Bắc Giang reports in the CSV form, the others in YAML.
    sheet = folder / "bac-giang.csv"
    assert run(capsys, "template", CCB, "--unit", "bac-giang", "-o", sheet)[0] == 0
    fill_csv(sheet)
    for unit in PROVINCES[1:-1]:
        shutil.copy(CCB_SUBMISSIONS / f"{unit}.yaml", folder)
    # The lock file Excel leaves beside an open workbook is not a submission.
    (folder / "~$cao-bang.xlsx").write_bytes(b"\x0bNguyen Van A" + b"\x00" * 40)

    assert scores(folder) == yaml_scores()


def test_unit_form_shows_the_units_targets_and_layout(tmp_path):
    form = vietnamese_form(tmp_path / "bac-kan.xlsx", "bac-kan")
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    assert ws["A1"].value == "Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam"
    assert ws["A2"].value == "Đơn vị: Hội CCB tỉnh Bắc Kạn (mã bac-kan)"
    assert ws["A4"].value == "Tự chấm điểm (tổng điểm đơn vị tự chấm)"
    assert [c.value for c in ws[6]] == HEADINGS
    rows = rows_by_indicator(ws)
    assert list(rows) == list(load_criteria(CCB).indicators)  # every indicator, in the file's order
    # targets: loans: {bac-kan: 300}; new_members: {bac-kan: 300}; party_introduced: {bac-kan: 10}
    assert [c.value for c in ws[rows["loans"]]] == [
        "loans",
        "Dư nợ ủy thác Ngân hàng CSXH qua tổ TK&VV",
        "tỷ đồng",
        "Số",
        "≥ 0",
        300,
        None,
        None,
    ]
    assert ws.cell(rows["party_introduced"], 6).value == 10
    assert ws.cell(rows["members"], 6).value is None  # no target
    assert [c.value for c in ws[rows["study_rate"]]][2:5] == ["%", "Số", "từ 0 đến 100"]
    assert [c.value for c in ws[rows["plan_on_time"]]][3:5] == ["Có/không", "có, không"]
    assert [c.value for c in ws[rows["security_rating"]]][3:5] == ["Lựa chọn", CHOICES]
    assert ws.freeze_panes == "A7"
    assert ws.print_title_rows == "$6:$6"
    assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth) == ("landscape", 9, 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    # Only the self-score, value and evidence cells can be typed in.
    assert ws.protection.sheet is True
    last = 6 + len(rows)
    unlocked = {c.coordinate for row in ws.iter_rows(min_row=1, max_row=last) for c in row if not c.protection.locked}
    assert unlocked == {"G4"} | {f"{col}{r}" for r in range(7, last + 1) for col in "GH"}
    meta = book["thidua"]
    assert meta.sheet_state == "hidden"
    assert [[c.value for c in row] for row in meta.iter_rows(max_col=2)] == [
        ["format", "thidua/form-1"],
        ["round", ROUND],
        ["criteria_sha256", hashlib.sha256(CCB.read_bytes()).hexdigest()],
        ["criteria_title", ws["A1"].value],
        [None, None],
        ["sheet", "unit"],
        ["Chỉ tiêu", "bac-kan"],
    ]


def test_form_cells_are_validated_by_the_spreadsheet(tmp_path):
    ws = openpyxl.load_workbook(vietnamese_form(tmp_path / "round.xlsx", None))["lang-son"]
    rules = {}
    for rule in ws.data_validations.dataValidation:
        if rule.type == "custom":  # text cells refusing formulas: tests/test_hostile_outputs.py
            continue
        for ref in str(rule.sqref).split():
            rules[ref] = (rule.type, rule.operator, rule.formula1, rule.formula2, rule.error)
    rows = rows_by_indicator(ws)

    def at(iid: str) -> tuple[object, ...]:
        return rules[f"G{rows[iid]}"]

    assert at("members") == ("whole", "greaterThanOrEqual", "1", None, "Nhập số nguyên từ 1 trở lên.")
    assert at("propaganda_sessions") == ("whole", "greaterThanOrEqual", "0", None, "Nhập số nguyên từ 0 trở lên.")
    assert at("study_rate") == ("decimal", "between", "0", "100", "Nhập số từ 0 đến 100.")
    assert at("loans") == ("decimal", "greaterThanOrEqual", "0", None, "Nhập số từ 0 trở lên.")
    assert at("plan_on_time") == ("list", None, '"có,không"', None, "Chọn có hoặc không.")
    assert at("security_rating") == ("list", None, '"Xuất sắc,Tốt,Khá,Chưa đạt"', None, f"Chọn một trong: {CHOICES}.")
    assert rules["G4"] == ("decimal", "greaterThanOrEqual", "0", None, "Nhập tổng điểm tự chấm, từ 0 trở lên.")
    own = rows_by_criterion(ws)
    # every value cell and every self-assessed points cell, and no other
    assert set(rules) == {"G4"} | {f"G{r}" for r in rows.values()} | {f"G{r}" for r in own.values()}
    assert all(rule.errorStyle == "stop" and rule.allow_blank for rule in ws.data_validations.dataValidation)


def test_answers_with_a_comma_are_listed_on_the_hidden_sheet(tmp_path, capsys):
    criteria = tmp_path / "r.yaml"
    criteria.write_text(
        """\
format: thidua/1
id: r
title: Vòng thử
year: 2024
scale: 10
units: {a: {name: Đơn vị A}}
indicators:
  rating: {label: Đánh giá, type: choice, choices: {"Tốt, vượt mức": 2, Khá: 1}}
groups:
  - id: A
    label: Nhóm A
    max: 10
    criteria:
      - {id: A.1, label: Đánh giá, max: 10, formula: rating * 5}
classification:
  - {id: dat, label: Đạt}
""",
        encoding="utf-8",
    )
    form = tmp_path / "a.xlsx"
    assert run(capsys, "template", criteria, "--unit", "a", "-o", form)[0] == 0
    book = openpyxl.load_workbook(form)
    ws = book["Indicators"]
    [rule] = [r for r in ws.data_validations.dataValidation if r.type == "list"]
    # Excel's in-line list would split "Tốt, vượt mức" at its comma: the answers go to column D of the hidden sheet.
    assert (str(rule.sqref), rule.formula1) == ("G7", "thidua!$D$1:$D$2")
    assert [book["thidua"]["D1"].value, book["thidua"]["D2"].value] == ["Tốt, vượt mức", "Khá"]
    ws["G7"] = "Tốt, vượt mức"
    book.save(form)
    code, out, _ = run(capsys, "score", criteria, form, "--format", "json")
    assert code == 0
    line = json.loads(out)["units"][0]["criteria"][0]
    assert line["points"] == "10.00"  # rating = 2 → 2 * 5 = 10


# --- Problems, each at its sheet and cell


def test_bad_cells_are_named_by_sheet_and_cell(tmp_path):
    # A Vietnamese form read by an English run: the problems are in English, the sheet keeps its name.
    form = vietnamese_form(tmp_path / "cao-bang.xlsx")
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    fill(ws, "cao-bang")
    # Rows follow the criteria file's indicators: members 7, study_rate 9, propaganda_sessions 10,
    # savings_groups 13, loans 14, security_rating 26, new_members 30.
    ws["G7"] = "21.84"  # a dot that does not group three digits
    ws["G9"] = 120  # study_rate: max 100
    ws["G10"] = dt.datetime(2023, 9, 18)  # Excel turned the figure into a date
    ws["G13"] = 318.5  # savings_groups is a whole number
    ws["G14"] = "498.6"  # loans typed the English way, as text
    ws["G26"] = "Rất tốt"  # not one of the answers
    ws["G30"] = True  # new_members: a yes/no for a number
    ws["G4"] = "chín mươi"
    book.save(form)
    f = str(form)
    assert problems(form) == [
        f"{f}:4:7: sheet Chỉ tiêu, cell G4: self_score: 'chín mươi' is not a number",
        f"{f}:7:7: sheet Chỉ tiêu, cell G7: values.members: '21.84' is ambiguous: in Vietnamese a dot groups thousands,"
        " yet '84' is not a group of three digits; write '21,84' for a decimal",
        f"{f}:9:7: sheet Chỉ tiêu, cell G9: values.study_rate: 120 is above the maximum 100",
        f"{f}:10:7: sheet Chỉ tiêu, cell G10: values.propaganda_sessions: the cell holds a date or time, not a figure;"
        " type the figure as a number",
        f"{f}:13:7: sheet Chỉ tiêu, cell G13: values.savings_groups: 318.5 is not a whole number",
        f"{f}:14:7: sheet Chỉ tiêu, cell G14: values.loans: '498.6' is ambiguous: in Vietnamese a dot groups thousands,"
        " yet '6' is not a group of three digits; write '498,6' for a decimal",
        f"{f}:26:7: sheet Chỉ tiêu, cell G26: values.security_rating: expected one of: {CHOICES}",
        f"{f}:30:7: sheet Chỉ tiêu, cell G30: values.new_members: expected a number, not a yes/no value",
    ]


def test_cell_problems_print_as_file_line_col(tmp_path, capsys):
    form = vietnamese_form(tmp_path / "cao-bang.xlsx")
    book = openpyxl.load_workbook(form)
    fill(book["Chỉ tiêu"], "cao-bang")
    book["Chỉ tiêu"]["G7"] = -5  # members: min 1
    book.save(form)
    code, out, err = run(capsys, "validate", CCB, form)
    assert (code, out) == (1, "")
    assert err == f"{form}:7:7: sheet Chỉ tiêu, cell G7: values.members: -5 is below the minimum 1\n1 problem(s) found.\n"


def test_a_form_of_another_round_is_refused_by_name(tmp_path, capsys):
    other = tmp_path / "2024.yaml"
    other.write_text(CCB.read_text(encoding="utf-8").replace(f"id: {ROUND}", "id: hoi-ccb-cum-3-2024"), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert run(capsys, "template", other, "-o", form)[0] == 0
    book = openpyxl.load_workbook(form)
    for unit in PROVINCES:
        fill(book[unit], unit)
    book.save(form)
    assert problems(form) == [
        f"{form}:2:2: sheet thidua, cell B2: this form was made for round 'hoi-ccb-cum-3-2024',"
        f" but the criteria are for round '{ROUND}'"
    ]


def test_a_sheet_for_a_unit_outside_the_round_is_named(tmp_path, capsys):
    # The same round, but Cao Bằng renamed: the form has a sheet for 'ha-giang', which the criteria do not know.
    other = tmp_path / "renamed.yaml"
    other.write_text(CCB.read_text(encoding="utf-8").replace("cao-bang:", "ha-giang:"), encoding="utf-8")
    form = tmp_path / "form.xlsx"
    assert run(capsys, "template", other, "-o", form)[0] == 0
    book = openpyxl.load_workbook(form)
    assert book.sheetnames[0] == "ha-giang"
    for unit in PROVINCES[1:]:
        fill(book[unit], unit)
    book["thidua"]["B3"] = hashlib.sha256(CCB.read_bytes()).hexdigest()  # as if made from the round's own criteria
    book.save(form)
    # The hidden sheet lists the unit sheets from row 7: ha-giang is the first.
    assert problems(form) == [
        f"{form}:7:2: sheet thidua, cell B7: sheet 'ha-giang' is for unit 'ha-giang', which is not in round {ROUND};"
        f" the round's units are {', '.join(PROVINCES)}"
    ]


def test_rows_that_are_not_the_forms_are_named(tmp_path):
    form = vietnamese_form(tmp_path / "cao-bang.xlsx")
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    fill(ws, "cao-bang")
    ws["A7"] = "memberz"  # a row whose indicator the criteria do not declare (members, row 7)
    ws["A9"] = "plan_on_time"  # study_rate's row now repeats row 8's indicator
    book.save(form)
    assert problems(form) == [
        f"{form}:7:1: sheet Chỉ tiêu, cell A7: values.memberz: unknown indicator 'memberz'; did you mean 'members'?",
        f"{form}:9:1: sheet Chỉ tiêu, cell A9: values.plan_on_time: the indicator is listed twice (first on row 8)",
    ]


def test_a_sheet_not_laid_out_as_the_form_is_named(tmp_path):
    form = vietnamese_form(tmp_path / "cao-bang.xlsx")
    book = openpyxl.load_workbook(form)
    book["Chỉ tiêu"].delete_rows(5)  # the header moves up to row 5
    book.save(form)
    # The headings are named in the language of the run that reads the form.
    assert problems(form) == [
        f"{form}:6:1: sheet Chỉ tiêu, cell A6: not laid out as a thidua form (row 6 should hold the headings"
        f" {', '.join(ENGLISH_HEADINGS)})"
    ]
    with wording.use("vi"):
        assert problems(form) == [
            f"{form}:6:1: trang tính Chỉ tiêu, ô A6: không đúng bố cục biểu mẫu thidua (dòng 6 phải ghi các tiêu đề cột"
            f" {', '.join(HEADINGS)})"
        ]


def test_a_form_with_its_unit_sheet_removed_is_named(tmp_path, capsys):
    form = round_form(tmp_path, capsys)
    book = openpyxl.load_workbook(form)
    del book["lang-son"]
    book.save(form)
    # The hidden sheet lists the unit sheets from row 7: lang-son, the 4th, on row 10.
    assert problems(form) == [f"{form}:10:1: sheet thidua, cell A10: the workbook has no sheet 'lang-son'"]


@pytest.mark.parametrize(
    "content",
    [
        b"not a spreadsheet at all",
        b"PK\x03\x04" + b"\x00" * 60,  # a zip's signature, then nothing
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,  # an old .xls (OLE) renamed to .xlsx
    ],
    ids=["text", "broken-zip", "old-xls"],
)
def test_a_file_that_is_not_xlsx_is_one_problem(tmp_path, content):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    assert problems(bad) == [f"{bad}:1:1: not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx"]


def test_a_truncated_form_is_one_problem(tmp_path, capsys):
    form = unit_form(tmp_path, capsys)
    data = form.read_bytes()
    form.write_bytes(data[: len(data) // 2])
    assert problems(form) == [f"{form}:1:1: not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx"]


def test_a_workbook_not_made_by_template_is_refused(tmp_path):
    plain = tmp_path / "own.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["round", "unit", "members"])
    book.save(plain)
    assert problems(plain) == [
        f"{plain}:1:1: this workbook is not a thidua form (it has no sheet 'thidua');"
        " make the forms with thidua template, or submit a .csv or .yaml file"
    ]


def test_sheet_names_from_unit_ids_that_excel_would_refuse(tmp_path, capsys):
    long_id = "hoi-cuu-chien-binh-tinh-thai-nguyen-moi"  # 39 characters; Excel allows 31 in a sheet name
    criteria = tmp_path / "r.yaml"
    criteria.write_text(
        f"""\
format: thidua/1
id: r
title: Vòng thử
year: 2024
scale: 10
units: {{thidua: {{name: Đơn vị tên thidua}}, {long_id}: {{name: Đơn vị tên dài}}}}
indicators:
  pts: {{label: Điểm, type: number, min: 0, max: 10}}
groups:
  - {{id: A, label: Nhóm A, max: 10, criteria: [{{id: A.1, label: Điểm, max: 10, formula: pts}}]}}
classification:
  - {{id: dat, label: Đạt}}
""",
        encoding="utf-8",
    )
    form = tmp_path / "r.xlsx"
    assert run(capsys, "template", criteria, "-o", form)[0] == 0
    book = openpyxl.load_workbook(form)
    # "thidua" is the hidden sheet's name, so that unit's sheet takes a suffix; the long id is cut to 31 characters.
    assert book.sheetnames == ["thidua~2", long_id[:31], "thidua"]
    book["thidua~2"]["G7"] = "7,5"
    book[long_id[:31]]["G7"] = 9
    book.save(form)
    code, out, _ = run(capsys, "score", criteria, form, "--format", "json")
    assert code == 0
    assert [(u["unit"], u["total"]) for u in json.loads(out)["units"]] == [("thidua", "7.50"), (long_id, "9.00")]


def test_same_inputs_give_the_same_bytes(tmp_path, capsys):
    # openpyxl stamps the time of saving into the file and its zip entries; the forms and tables carry no clock.
    for name in ("a.xlsx", "b.xlsx"):
        assert run(capsys, "template", CCB, "-o", tmp_path / name)[0] == 0
        assert run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", tmp_path / f"table-{name}")[0] == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    assert (tmp_path / "table-a.xlsx").read_bytes() == (tmp_path / "table-b.xlsx").read_bytes()
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").properties.creator == "thidua"
    # Two runs in the same second would agree anyway: look for the clock itself.
    for name in ("a.xlsx", "table-a.xlsx"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert b"dcterms:modified" not in archive.read("docProps/core.xml")


# --- The CSV form


def fill_csv(path: Path) -> None:
    """Fill every row of a CSV form from the provinces' YAML: numbers as Vietnamese text, as Excel writes them."""
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = list(rows[0])
    for row in rows:
        for iid, (value, evidence) in entries(row["unit"]).items():
            row[iid] = str(as_typed(value, True))
            row[f"{iid}.evidence"] = evidence or ""
        row["self_score"] = vietnamese(example(row["unit"])["self_score"])
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


def test_csv_form_is_the_round_table_and_round_trips(tmp_path, capsys):
    form = tmp_path / "round.csv"
    code, out, _ = run(capsys, "template", CCB, "-o", form)
    assert (code, out) == (0, f"Form written: {form} (round {ROUND}, 6 units)\n")
    raw = form.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel opens it as UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    indicators = list(load_criteria(CCB).indicators)
    own = [x for c in load_criteria(CCB).criteria for x in (f"{c.id}.self_score", f"{c.id}.explanation")]
    assert table[0] == ["round", "unit", "self_score"] + [x for iid in indicators for x in (iid, f"{iid}.evidence")] + own
    assert [row[:2] for row in table[1:]] == [[ROUND, unit] for unit in PROVINCES]
    assert all(cell == "" for row in table[1:] for cell in row[2:])
    fill_csv(form)
    assert scores(form) == yaml_scores()


# --- The score table


def test_export_csv_is_the_engines_table_in_rank_order(tmp_path, capsys):
    table = tmp_path / "bang-diem.csv"
    code, out, err = run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", table)
    assert (code, err) == (0, "")
    assert out == f"Score table written: {table} (6 units)\n"
    rows = list(csv.DictReader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    engine = {u["unit"]: u for u in yaml_scores()["units"]}
    assert sorted(r["unit"] for r in rows) == sorted(PROVINCES)  # a row per unit
    for row in rows:
        unit = engine[row["unit"]]
        assert row["total"] == unit["total"]
        assert row["name"] == unit["name"]
        assert row["classification"] == unit["classification"]["label"]
        assert [row[f"group {g['id']}"] for g in unit["groups"]] == [g["points"] for g in unit["groups"]]
        assert [row[c["id"]] for c in unit["criteria"]] == [c["points"] for c in unit["criteria"]]
        assert [row[a["id"]] for a in unit["adjustments"]] == [a["points"] for a in unit["adjustments"]]
    # No two totals are equal in the example, so the ranks are 1…6 down the totals.
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [Decimal(r["total"]) for r in rows] == sorted((Decimal(r["total"]) for r in rows), reverse=True)
    assert [r["unit"] for r in rows] == ["cao-bang", "thai-nguyen", "bac-giang", "lang-son", "bac-kan", "bac-ninh"]
    # The flag (quota 1, Hoàn thành xuất sắc) goes to the first, the only one classed xuất sắc. The two certificates
    # (quota 2, total ≥ 85, xuất sắc or tốt) skip Bắc Giang, whom its disqualifier blocks (discipline_cases: 1 in
    # bac-giang.yaml), and go to the 2nd and the 4th; the 5th is under 85.
    flag, merit = "Cờ thi đua của Trung ương Hội CCB Việt Nam", "Bằng khen của Trung ương Hội CCB Việt Nam"
    assert [r["proposed"] for r in rows] == [flag, merit, "", merit, "", ""]
    assert [r["classification"] for r in rows].count("Hoàn thành xuất sắc nhiệm vụ") == 1
    assert entries("bac-giang")["discipline_cases"][0] == 1
    assert rows[3]["classification"] == "Hoàn thành tốt nhiệm vụ"
    assert Decimal(rows[3]["total"]) >= 85 > Decimal(rows[4]["total"])
    assert [r["for_council"] for r in rows] == [""] * 6  # no tie across a last seat
    # self-score 95.5 in cao-bang.yaml; the difference is computed − self.
    assert (rows[0]["self_score"], rows[0]["self_score_difference"]) == ("95.5", str(Decimal(rows[0]["total"]) - Decimal("95.5")))


def test_export_xlsx_has_numbers_labels_and_frozen_headers(tmp_path, capsys, in_vietnamese):
    table = tmp_path / "bang-diem.xlsx"
    code, _, err = run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", table)
    assert (code, err) == (0, "")
    ws = openpyxl.load_workbook(table)["Bảng điểm"]
    criteria = load_criteria(CCB)
    head = [c.value for c in ws[3]]
    groups = [g.id for g in criteria.groups]
    lines = [c.id for c in criteria.criteria]
    adjustments = [a.id for a in criteria.adjustments]
    tail = ["total", "rank", "classification", "proposed", "for_council", "self_score", "self_score_difference"]
    assert head == ["Mã đơn vị", "Tên đơn vị", *groups, *lines, *adjustments, *tail]
    labels = [c.value for c in ws[4]]
    assert labels[2] == "Nhóm I. Công tác tuyên truyền, giáo dục chính trị, tư tưởng (tối đa 15)"
    assert labels[2 + len(groups)] == "I.1. Ban hành kế hoạch, phát động và ký kết giao ước thi đua đúng thời gian (tối đa 3)"
    assert labels[2 + len(groups) + len(lines) + 3] == "Trừ: Nộp báo cáo chậm so với quy định (trừ 0,5 điểm/lần) (tối đa 2)"
    assert labels[-7:] == [
        "Tổng điểm",
        "Hạng",
        "Xếp loại",
        "Đề nghị khen thưởng",
        "Hội đồng quyết định (đồng điểm ở suất cuối)",
        "Tự chấm điểm",
        "Chênh lệch (chấm − tự chấm)",
    ]
    assert ws.freeze_panes == "C5"
    assert ws.page_setup.orientation == "landscape"
    engine = {u["unit"]: u for u in yaml_scores()["units"]}
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert len(data) == 6
    column = {name: i for i, name in enumerate(head)}
    for rank, row in enumerate(data, start=1):
        unit = engine[row[0]]
        assert row[column["total"]] == float(unit["total"])  # a number, not text
        assert ws.cell(4 + rank, column["total"] + 1).number_format == "0.00"
        assert row[column["rank"]] == rank
        assert [row[column[c["id"]]] for c in unit["criteria"]] == [float(c["points"]) for c in unit["criteria"]]
        assert [row[column[g]] for g in groups] == [float(g["points"]) for g in unit["groups"]]
    late = [row[column["late"]] for row in data]
    assert min(late) == -1.0  # Lạng Sơn: 2 late reports × 0.5 = 1 point off, a negative number


def test_export_applies_the_councils_corrections(tmp_path, capsys, in_vietnamese):
    table = tmp_path / "bang-diem.xlsx"
    assert run(capsys, "export", CCB, CCB_SUBMISSIONS, "--decisions", REVIEW, "-o", table)[0] == 0
    code, out, _ = run(capsys, "score", CCB, CCB_SUBMISSIONS, "--decisions", REVIEW, "--format", "json")
    assert code == 0
    corrected = {u["unit"]: u for u in json.loads(out)["units"]}
    ws = openpyxl.load_workbook(table)["Bảng điểm"]
    assert (
        ws["A2"].value
        == f"Bảng tổng hợp kết quả chấm điểm, xếp hạng — đợt {ROUND}; đã áp dụng điều chỉnh của Hội đồng (review.yaml)"
    )
    head = [c.value for c in ws[3]]
    rows = {row[0]: row for row in ws.iter_rows(min_row=5, values_only=True)}
    assert rows["lang-son"][head.index("IV.3")] == 2.5  # the council set IV.3 to 2.5 points
    for unit, row in rows.items():
        assert row[head.index("total")] == float(corrected[unit]["total"])


# --- Usage


def test_output_suffix_decides_the_format(tmp_path, capsys):
    code, out, err = run(capsys, "template", CCB, "-o", tmp_path / "form.ods")
    assert (code, out) == (2, "")
    assert err == f"thidua: {tmp_path / 'form.ods'}: a form is written as .xlsx (Excel) or .csv; name the file so\n"
    code, _, err = run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", tmp_path / "table.txt")
    assert code == 2
    assert err == f"thidua: {tmp_path / 'table.txt'}: the score table is written as .xlsx (Excel) or .csv; name the file so\n"
    assert list(tmp_path.iterdir()) == []


def test_template_for_an_unknown_unit_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "template", CCB, "--unit", "ha-giang", "-o", tmp_path / "f.xlsx")
    assert code == 2
    assert err == f"thidua: unit 'ha-giang' is not in round {ROUND}; its units are: {', '.join(PROVINCES)}\n"


def test_an_existing_file_is_replaced_only_with_force(tmp_path, capsys):
    form = tmp_path / "f.xlsx"
    form.write_bytes(b"old")
    code, _, err = run(capsys, "template", CCB, "-o", form)
    assert (code, err) == (1, f"thidua: {form} already exists; give --force to replace it\n")
    assert form.read_bytes() == b"old"
    assert run(capsys, "template", CCB, "-o", form, "--force")[0] == 0
    assert openpyxl.load_workbook(form).sheetnames == [*PROVINCES, "thidua"]


def test_export_with_decisions_carries_the_councils_tiers(tmp_path, capsys):
    target = tmp_path / "table.csv"
    code = main(["export", str(CCB), str(CCB_SUBMISSIONS), "--decisions", str(REVIEW), "-o", str(target)])
    capsys.readouterr()
    assert code == 0
    rows = {row["unit"]: row for row in csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")))}
    certificate = "Bằng khen của Trung ương Hội CCB Việt Nam"
    # After the correction Bắc Kạn (86.33) is proposed the certificate; the council overrides it to none.
    assert (rows["bac-kan"]["proposed"], rows["bac-kan"]["decided"]) == (certificate, "")
    assert rows["thai-nguyen"]["decided"] == certificate
    assert rows["cao-bang"]["decided"] == "Cờ thi đua của Trung ương Hội CCB Việt Nam"


# --- Languages: a form and a table in English, Vietnamese problems, the Vietnamese CSV


def test_english_form_has_english_labels_and_the_same_hidden_sheet(tmp_path, capsys):
    form = unit_form(tmp_path, capsys, "bac-kan")
    book = openpyxl.load_workbook(form)
    assert book.sheetnames == ["Indicators", "thidua"]
    ws = book["Indicators"]
    assert ws["A2"].value == "Unit: Hội CCB tỉnh Bắc Kạn (id bac-kan)"
    assert ws["A3"].value == (
        f"Round {ROUND}. Enter each figure in the Value column and its evidence (document, number) in the Evidence column;"
        " a figure typed as text is read the Vietnamese way (4.093,7 is 4093.7); leave an indicator empty if it is not"
        " reported."
    )
    assert ws["A4"].value == "Self-assessed score (the unit's own total)"
    assert [c.value for c in ws[6]] == ENGLISH_HEADINGS
    rows = rows_by_indicator(ws)
    assert [c.value for c in ws[rows["loans"]]][2:6] == ["tỷ đồng", "Number", "≥ 0", 300]
    assert [c.value for c in ws[rows["members"]]][3:5] == ["Whole number", "≥ 1"]
    assert [c.value for c in ws[rows["study_rate"]]][3:5] == ["Number", "from 0 to 100"]
    assert [c.value for c in ws[rows["plan_on_time"]]][3:5] == ["Yes/no", "yes, no"]
    assert [c.value for c in ws[rows["security_rating"]]][3:5] == ["Choice", CHOICES]  # the criteria's own answers
    rules = {ref: r for r in ws.data_validations.dataValidation for ref in str(r.sqref).split()}
    members, plan = rules[f"G{rows['members']}"], rules[f"G{rows['plan_on_time']}"]
    assert (members.error, members.errorTitle) == ("Enter a whole number of 1 or more.", "Invalid value")
    assert (plan.formula1, plan.error) == ('"yes,no"', "Choose yes or no.")
    # The hidden sheet is the same in every language: it is what the reader goes by.
    meta = [[c.value for c in row] for row in book["thidua"].iter_rows(max_col=2)]
    assert [row[0] for row in meta] == ["format", "round", "criteria_sha256", "criteria_title", None, "sheet", "Indicators"]


def test_a_form_made_in_english_and_answered_yes_or_no_is_read_back(tmp_path, capsys):
    form = round_form(tmp_path, capsys)  # the English run makes an English form
    book = openpyxl.load_workbook(form)
    assert [c.value for c in book["cao-bang"][6]] == ENGLISH_HEADINGS
    booleans = [iid for iid, i in load_criteria(CCB).indicators.items() if i.type == "boolean"]
    for unit in PROVINCES:
        ws = book[unit]
        fill(ws, unit)
        for iid, row in rows_by_indicator(ws).items():
            if iid in booleans and ws.cell(row, 7).value is not None:
                # what the English drop-down offers in place of có / không
                ws.cell(row, 7, "yes" if ws.cell(row, 7).value in ("có", True) else "no")
    book.save(form)
    answers = {book[u].cell(r, 7).value for u in PROVINCES for iid, r in rows_by_indicator(book[u]).items() if iid in booleans}
    assert {"yes", "no"} <= answers
    assert scores(form) == yaml_scores()
    # and read by a Vietnamese run too
    with wording.use("vi"):
        assert scores(form) == yaml_scores()


def test_form_numbers_are_written_the_way_of_the_language(tmp_path):
    criteria = tmp_path / "r.yaml"
    criteria.write_text(
        """\
format: thidua/1
id: r
title: Vòng thử
year: 2024
scale: 10
units: {a: {name: Đơn vị A}}
indicators:
  loans: {label: Dư nợ, unit: tỷ đồng, type: number, min: 0.5, max: 4093.7}
groups:
  - {id: A, label: Nhóm A, max: 10, criteria: [{id: A.1, label: Dư nợ, max: 10, formula: "min(10, loans)"}]}
classification:
  - {id: dat, label: Đạt}
""",
        encoding="utf-8",
    )
    shown = {}
    for lang in wording.LANGUAGES:
        with wording.use(lang):
            ws = openpyxl.load_workbook(io.BytesIO(template_xlsx(load_criteria(criteria), "a"))).worksheets[0]
        [rule] = [r for r in ws.data_validations.dataValidation if str(r.sqref) == "G7"]
        shown[lang] = (ws["E7"].value, rule.error, rule.formula1, rule.formula2)
    # The limits the spreadsheet checks are numbers, the same in both; the words around them are the language's.
    assert shown == {
        "vi": ("từ 0,5 đến 4.093,7", "Nhập số từ 0,5 đến 4.093,7.", "0.5", "4093.7"),
        "en": ("from 0.5 to 4093.7", "Enter a number from 0.5 to 4093.7.", "0.5", "4093.7"),
    }


def test_problems_in_a_form_are_worded_in_vietnamese(tmp_path):
    form = vietnamese_form(tmp_path / "cao-bang.xlsx")
    book = openpyxl.load_workbook(form)
    ws = book["Chỉ tiêu"]
    fill(ws, "cao-bang")
    ws["A7"] = "memberz"  # members' row
    ws["G9"] = 120  # study_rate: max 100
    ws["G10"] = dt.datetime(2023, 9, 18)
    ws["G13"] = 318.5  # savings_groups is a whole number
    ws["G30"] = True  # new_members: a yes/no for a number
    book.save(form)
    f = str(form)
    with wording.use("vi"):
        assert problems(form) == [
            f"{f}:7:1: trang tính Chỉ tiêu, ô A7: values.memberz: không có chỉ tiêu 'memberz' trong tệp tiêu chí;"
            " có phải ý là 'members'?",
            f"{f}:9:7: trang tính Chỉ tiêu, ô G9: values.study_rate: 120 lớn hơn giá trị tối đa 100",
            f"{f}:10:7: trang tính Chỉ tiêu, ô G10: values.propaganda_sessions: ô chứa ngày hoặc giờ, không phải số liệu;"
            " hãy nhập số liệu dưới dạng số",
            f"{f}:13:7: trang tính Chỉ tiêu, ô G13: values.savings_groups: 318,5 không phải là số nguyên",
            f"{f}:30:7: trang tính Chỉ tiêu, ô G30: values.new_members: cần ghi một số, không phải giá trị có/không",
        ]


def test_a_workbook_not_made_by_template_is_refused_in_vietnamese(tmp_path):
    own = tmp_path / "own.xlsx"
    openpyxl.Workbook().save(own)
    with wording.use("vi"):
        assert problems(own) == [
            f"{own}:1:1: tệp bảng tính này không phải biểu mẫu thidua (không có trang tính 'thidua');"
            " hãy lập biểu mẫu bằng lệnh thidua template, hoặc nộp tệp .csv hay .yaml"
        ]


def test_export_csv_in_vietnamese_uses_semicolons_and_decimal_commas(tmp_path, capsys, in_vietnamese):
    table = tmp_path / "bang-diem.csv"
    code, _, err = run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", table)
    assert (code, err) == (0, "")
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel opens it as UTF-8
    text = raw.decode("utf-8-sig")
    head = text.split("\n", 1)[0]
    # fixed columns headed in Vietnamese, criteria by their ids (as in the criteria file)
    assert head.startswith("Mã đơn vị;Tên đơn vị;Nhóm I;Nhóm II;Nhóm III;Nhóm IV;Nhóm V;I.1;I.2;")
    tail = "Tổng điểm;Hạng;Xếp loại;Đề nghị khen thưởng;Hội đồng quyết định (đồng điểm ở suất cuối);Tự chấm điểm"
    assert head.endswith(f";{tail};Chênh lệch (chấm − tự chấm)")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    engine = {u["unit"]: u for u in yaml_scores()["units"]}
    assert [r["Mã đơn vị"] for r in rows] == ["cao-bang", "thai-nguyen", "bac-giang", "lang-son", "bac-kan", "bac-ninh"]
    for row in rows:
        unit = engine[row["Mã đơn vị"]]
        assert row["Tổng điểm"] == unit["total"].replace(".", ",")  # 94,58
        assert [row[c["id"]] for c in unit["criteria"]] == [c["points"].replace(".", ",") for c in unit["criteria"]]
    assert (rows[0]["Hạng"], rows[0]["Tự chấm điểm"]) == ("1", "95,5")
    assert rows[3]["late"] == "-1,00"  # Lạng Sơn: 2 late reports × 0,5


def test_export_csv_in_english_uses_commas_and_decimal_dots(tmp_path, capsys):
    table = tmp_path / "table.csv"
    assert run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", table)[0] == 0
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == ["unit", "name", "group I"]
    assert (rows[0]["unit"], rows[0]["self_score"], rows[3]["late"]) == ("cao-bang", "95.5", "-1.00")


def test_export_xlsx_in_english_has_english_headers(tmp_path, capsys):
    table = tmp_path / "table.xlsx"
    assert run(capsys, "export", CCB, CCB_SUBMISSIONS, "-o", table)[0] == 0
    book = openpyxl.load_workbook(table)
    assert book.sheetnames == ["Score table"]
    ws = book["Score table"]
    assert ws["A2"].value == f"Summary of scores and ranking — round {ROUND}"
    assert [ws["A3"].value, ws["B3"].value] == ["Unit id", "Unit name"]
    labels = [c.value for c in ws[4]]
    criteria = load_criteria(CCB)
    groups, lines = len(criteria.groups), len(criteria.criteria)
    assert labels[2] == "Group I. Công tác tuyên truyền, giáo dục chính trị, tư tưởng (max 15)"
    assert labels[2 + groups] == "I.1. Ban hành kế hoạch, phát động và ký kết giao ước thi đua đúng thời gian (max 3)"
    assert labels[2 + groups + lines + 3] == "Deduction: Nộp báo cáo chậm so với quy định (trừ 0,5 điểm/lần) (max 2)"
    assert labels[-7:] == [
        "Total score",
        "Rank",
        "Classification",
        "Proposed award",
        "For the council to decide (tied at the last seat)",
        "Self-assessed score",
        "Difference (scored − self-assessed)",
    ]
