"""Submissions: what the units report, read from YAML, CSV and filled forms; the problems worded in Vietnamese."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import wording
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput
from scoring.submissions import InvalidValue, convert, load_submissions
from scoring.wording import msg

ROOT = Path(__file__).resolve().parent.parent

CRITERIA = """\
format: thidua/1
id: r-2024
title: Vòng thử
year: 2024
scale: 10
units: {ha-noi: {name: Hội CCB Hà Nội}, hue: {name: Hội CCB Huế}}
indicators:
  members: {label: Tổng số hội viên, unit: người, type: integer, min: 1}
  loans: {label: Dư nợ ủy thác, unit: tỷ đồng, type: number, min: 0, max: 5000}
  plan_on_time: {label: Ban hành kế hoạch đúng hạn, type: boolean}
  rating: {label: Đánh giá, type: choice, choices: {Tốt: 2, Khá: 1}}
groups:
  - {id: A, label: Nhóm A, max: 10, criteria: [{id: A.1, label: Kế hoạch, max: 10, method: achieved, of: plan_on_time}]}
classification:
  - {id: dat, label: Đạt}
"""

HA_NOI = """\
format: thidua/1
round: r-2024
unit: ha-noi
self_score: 9.5
values:
  members: 1200
  loans: "1.500,5"
  plan_on_time: {value: có, evidence: Kế hoạch số 03/KH-CCB}
  rating: Tốt
"""

HUE_CSV = """\
round,unit,members,loans,plan_on_time,rating
r-2024,hue,800,250,không,Khá
"""


@pytest.fixture
def criteria(tmp_path: Path) -> Criteria:
    path = tmp_path / "criteria.yaml"
    path.write_text(CRITERIA, encoding="utf-8")
    return load_criteria(path)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def worded(criteria: Criteria, *paths: Path, lang: wording.Lang = "vi") -> list[str]:
    """Each problem's message, as a person reading `lang` sees it (without its file:line:col)."""
    with pytest.raises(InvalidInput) as caught:
        load_submissions(criteria, list(paths))
    return [wording.word(p.message, lang) for p in caught.value.problems]


def test_the_round_reads_from_yaml_and_csv(tmp_path, criteria):
    ha_noi, hue = load_submissions(criteria, [write(tmp_path, "ha-noi.yaml", HA_NOI), write(tmp_path, "hue.csv", HUE_CSV)])
    assert (ha_noi.values["loans"].value, ha_noi.values["plan_on_time"].value, ha_noi.self_score) == (
        Decimal("1500.5"),
        True,
        Decimal("9.5"),
    )
    assert (hue.values["plan_on_time"].value, hue.values["rating"].answer) == (False, "Khá")


def test_problems_with_values_are_worded_in_vietnamese(tmp_path, criteria):
    bad = (
        HA_NOI.replace("members: 1200", "members: 28.540")
        .replace('loans: "1.500,5"', "loans: 6000")
        .replace("value: có", "value: maybe")
        .replace("rating: Tốt", "rating: Giỏi\n  memberz: 3")
    )
    hue = write(tmp_path, "hue.csv", HUE_CSV)
    assert worded(criteria, write(tmp_path, "ha-noi.yaml", bad), hue) == [
        "values.members: 28,540 không phải là số nguyên; nếu muốn ghi 28540 (dấu chấm phân cách hàng nghìn),"
        ' hãy viết 28540 hoặc "28.540" trong dấu ngoặc kép',
        "values.loans: 6.000 lớn hơn giá trị tối đa 5.000",
        "values.plan_on_time: cần ghi có hoặc không (hoặc yes/no, true/false)",
        "values.rating: cần chọn một trong các giá trị: Tốt, Khá",
        "values.memberz: không có chỉ tiêu 'memberz' trong tệp tiêu chí; có phải ý là 'members'?",
    ]


def test_problems_with_the_round_and_unit_are_worded_in_vietnamese(tmp_path, criteria):
    bad = HA_NOI.replace("round: r-2024", "round: r-2023").replace("unit: ha-noi", "unit: ha-noii")
    path = write(tmp_path, "ha-noi.yaml", bad)
    hue = write(tmp_path, "hue.csv", HUE_CSV)
    assert worded(criteria, path, hue) == [
        "round: số liệu báo cáo này thuộc đợt 'r-2023', nhưng tệp tiêu chí là của đợt 'r-2024'",
        "unit: đơn vị 'ha-noii' không thuộc đợt này; có phải ý là 'ha-noi'?",
    ]
    # The location stays as it is, in every language.
    with pytest.raises(InvalidInput) as caught:
        load_submissions(criteria, [path, hue])
    with wording.use("vi"):
        assert str(caught.value.problems[0]).startswith(f"{path}:2:8: round: số liệu báo cáo này thuộc đợt 'r-2023'")


def test_problems_in_a_csv_table_are_worded_in_vietnamese(tmp_path, criteria):
    bad = HUE_CSV.replace("loans,", "loanz,").replace(",800,", ",tám trăm,")
    assert worded(criteria, write(tmp_path, "hue.csv", bad)) == [
        "cột 'loanz': không có chỉ tiêu 'loanz' trong tệp tiêu chí; có phải ý là 'loans'?"
    ]
    short = HUE_CSV.replace(",800,", ",tám trăm,").replace("r-2024,hue", "r-2024,hue,")
    assert worded(criteria, write(tmp_path, "hue.csv", short)) == ["dòng này có 7 ô, còn dòng tiêu đề có 6 ô"]
    assert worded(criteria, write(tmp_path, "hue.csv", "")) == ["tệp CSV trống; cần có dòng tiêu đề"]


def test_which_units_reported_is_worded_in_vietnamese(tmp_path, criteria):
    ha_noi = write(tmp_path, "ha-noi.yaml", HA_NOI)
    assert worded(criteria, ha_noi) == ["chưa có số liệu báo cáo của đơn vị: hue"]
    again = write(tmp_path, "ha-noi-2.yaml", HA_NOI)
    hue = write(tmp_path, "hue.csv", HUE_CSV)
    assert worded(criteria, ha_noi, again, hue) == [f"đơn vị 'ha-noi' có số liệu báo cáo thứ hai (bản thứ nhất ở {ha_noi}:3)"]
    assert worded(criteria, tmp_path / "missing") == ["không có tệp hoặc thư mục này"]
    assert worded(criteria, write(tmp_path, "ha-noi.txt", "")) == [
        "không đọc được tệp '.txt'; hãy nộp số liệu báo cáo dạng .yaml, .csv hoặc .xlsx"
    ]


def test_yes_and_no_are_read_as_co_and_khong(tmp_path, criteria):
    # What an English form's drop-down offers; the Vietnamese words and true/false stay.
    table = HUE_CSV.replace("r-2024,hue,800,250,không,Khá", "r-2024,hue,800,250,No,Khá\nr-2024,ha-noi,900,10,yes,Tốt")
    ha_noi, hue = load_submissions(criteria, [write(tmp_path, "all.csv", table)])  # in the round's unit order
    assert (hue.values["plan_on_time"].value, ha_noi.values["plan_on_time"].value) == (False, True)


def test_a_refused_value_carries_its_reason_unworded(criteria):
    with pytest.raises(InvalidValue) as caught:
        convert(criteria, "loans", Decimal(6000))
    assert caught.value.reason == msg("{value} is above the maximum {maximum}", value=Decimal(6000), maximum=Decimal(5000))
    assert str(caught.value) == "6000 is above the maximum 5000"
    with wording.use("vi"):
        assert str(caught.value) == "6.000 lớn hơn giá trị tối đa 5.000"


def imported(module: str) -> set[str]:
    """Every scoring module `module` imports, at the top or inside a function."""
    tree = ast.parse((ROOT / "scoring" / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n.removeprefix("scoring.") for n in names if n.startswith("scoring.")}


def test_the_form_reader_sits_beside_the_other_readers_without_an_import_cycle():
    # forms: the layout and the workbook's cells; submissions reads them; spreadsheet writes forms and tables.
    assert "forms" in imported("submissions")
    assert {"submissions", "spreadsheet"}.isdisjoint(imported("forms"))
    assert "spreadsheet" not in imported("submissions")
    assert "submissions" not in imported("spreadsheet")
