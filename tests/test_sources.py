"""One round feeding another: `sources` and an indicator's `from` (scoring/sources.py).

The worked example is the city of Đà Nẵng: Sở GD&ĐT and Sở Y tế each score the three districts and
decide their round; the city's round takes each district's totals from their decision records. The
records are written by `thidua review` into a temporary folder, as `make demo-city` writes them to build/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.shared import ROOT, Cli, at, one_problem

CITY = ROOT / "criteria/tp-da-nang/2024.yaml"
CITY_DATA = ROOT / "examples/tp-da-nang/2024"
DEPARTMENTS = {  # the source's name → (its criteria, its submissions folder, the record's name under build/tp-da-nang)
    "so-gddt": (ROOT / "criteria/tp-da-nang/so-gddt/2024.yaml", ROOT / "examples/tp-da-nang/so-gddt/2024", "so-gddt-2024.json"),
    "so-yte": (ROOT / "criteria/tp-da-nang/so-yte/2024.yaml", ROOT / "examples/tp-da-nang/so-yte/2024", "so-yte-2024.json"),
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class City:
    criteria: Path  # the city's criteria, copied where its `sources` paths find the records
    records: dict[str, Path]


@pytest.fixture
def city(tmp_path: Path, cli: Cli) -> City:
    """The departments' records written by `thidua review`, beside a copy of the city's criteria."""
    criteria = tmp_path / "criteria/tp-da-nang/2024.yaml"
    criteria.parent.mkdir(parents=True)
    shutil.copy(CITY, criteria)
    (tmp_path / "build/tp-da-nang").mkdir(parents=True)
    records = {}
    for name, (rules, folder, record) in DEPARTMENTS.items():
        records[name] = tmp_path / "build/tp-da-nang" / record
        code, _, err = cli("review", rules, folder, "--decisions", folder / "review.yaml", "-o", records[name], "-q")
        assert (code, err) == (0, "")
    return City(criteria, records)


def test_the_city_takes_each_districts_totals_from_the_departments_records(city, cli):
    code, out, _ = cli("score", city.criteria, CITY_DATA, "--format", "json")
    assert code == 0
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    # Sở GD&ĐT: Hải Châu 30 (99,1% ≥ 98) + 10 × 2,5 = 25 + 20 + 20 = 95
    #           Thanh Khê 20 (97,6% ≥ 95) + 8 × 2,5 = 20 + 20 (báo cáo đúng hạn, corrected by its council) + 20 = 80
    #           Sơn Trà 30 + 7 × 2,5 = 17,5 + 20 + 20 = 87,5
    # Sở Y tế:  ttyt-hai-chau 50 × 98/100 = 49 + 30 + 20 (96% ≥ 95) = 99
    #           ttyt-thanh-khe 50 × 96,5/100 = 48,25 + 30 + 10 (85% ≥ 80) = 88,25
    #           ttyt-son-tra 50 × 97/100 = 48,5 + 0 (ngộ độc) + 10 = 58,5
    # City: 0,3 × GD&ĐT + 0,3 × Y tế + 0,4 × PAR
    #   Hải Châu  0,3 × 95 = 28,50 + 0,3 × 99 = 29,70 + 0,4 × 91,25 = 36,50 → 94,70
    #   Thanh Khê 0,3 × 80 = 24,00 + 0,3 × 88,25 = 26,475 → 26,48 + 0,4 × 88,5 = 35,40 → 85,88
    #   Sơn Trà   0,3 × 87,5 = 26,25 + 0,3 × 58,5 = 17,55 + 0,4 × 86 = 34,40 → 78,20
    assert {u: units[u]["total"] for u in units} == {"hai-chau": "94.70", "thanh-khe": "85.88", "son-tra": "78.20"}
    assert [c["points"] for c in units["thanh-khe"]["criteria"]] == ["24.00", "26.48", "35.40"]
    assert units["thanh-khe"]["criteria"][1]["inputs"] == {
        "yte": {
            "value": "88.25",
            "evidence": None,
            "source": "round",
            "from": {
                "source": "so-yte",
                "round": "so-yte-da-nang-2024",
                "record_sha256": sha(city.records["so-yte"]),
                "take": "total",
                "unit": "ttyt-thanh-khe",  # sources.so-yte.units maps the district to its health centre
            },
        }
    }


def test_explain_shows_where_a_taken_value_came_from_in_vietnamese(city, cli):
    code, out, _ = cli("--lang", "vi", "explain", city.criteria, CITY_DATA, "--unit", "son-tra")
    assert code == 0
    gddt = sha(city.records["so-gddt"])[:8]
    yte = sha(city.records["so-yte"])[:8]
    assert (
        f"    - gddt (Điểm Sở GD&ĐT chấm) = 87,50 — từ đợt so-gddt-da-nang-2024 (hồ sơ sha256 {gddt}…, tổng điểm của son-tra)\n"
        in out
    )
    assert (
        f"    - yte (Điểm Sở Y tế chấm) = 58,50 — từ đợt so-yte-da-nang-2024 (hồ sơ sha256 {yte}…, tổng điểm của ttyt-son-tra)\n"
        in out
    )


def test_verify_of_the_city_record_fails_when_a_department_record_changes(city, cli, tmp_path):
    record = tmp_path / "city.json"
    code, _, _ = cli("review", city.criteria, CITY_DATA, "--decisions", CITY_DATA / "review.yaml", "-o", record, "-q")
    assert code == 0
    inputs = json.loads(record.read_bytes())["inputs"]
    # each path is relative to the inputs' common folder (`base`, named from the record's folder)
    named = [(record.parent / inputs["base"] / f["path"]).resolve() for f in inputs["sources"]]
    assert named == [p.resolve() for p in city.records.values()]
    assert [f["sha256"] for f in inputs["sources"]] == [sha(p) for p in city.records.values()]
    assert cli("verify", record) == (0, f"{record}: verified: the input files give this record exactly.\n", "")
    # Sở Y tế meets again and writes its record anew from a changed review (its meeting's place): the record verifies
    # by itself, but it is not the record the city's decision was made from.
    rules, folder, _ = DEPARTMENTS["so-yte"]
    review = tmp_path / "so-yte-review.yaml"
    review.write_text((folder / "review.yaml").read_text(encoding="utf-8").replace("place: Sở Y tế", "place: UBND"), "utf-8")
    before = sha(city.records["so-yte"])
    code, _, _ = cli("review", rules, folder, "--decisions", review, "-o", city.records["so-yte"], "--force", "-q")
    assert code == 0
    now = sha(city.records["so-yte"])
    code, out, _ = cli("verify", record)
    assert code == 1
    assert out == (
        f"DIFFERENT: source round's record {city.records['so-yte']}: its SHA-256 is {now[:16]}…, the record has"
        f" {before[:16]}…: the file changed\n"
        f'DIFFERENT: scores.units[0].criteria[1].inputs.yte.from.record_sha256: the record has "{before}", the inputs give'
        f' "{now}"\n'
        f'DIFFERENT: scores.units[1].criteria[1].inputs.yte.from.record_sha256: the record has "{before}", the inputs give'
        f' "{now}"\n'
        f'DIFFERENT: scores.units[2].criteria[1].inputs.yte.from.record_sha256: the record has "{before}", the inputs give'
        f' "{now}"\n'
        f"{record}: NOT verified: 4 difference(s) in 3 unit(s); files changed: {city.records['so-yte']}.\n"
    )


# --- hand-made rounds: one source round, and a round that takes from it --------------------------------------------------

SOURCE = """\
format: thidua/1
id: nguon-2024
title: Đợt nguồn
year: 2024
scale: 100
units:
  a: {name: Đơn vị A}
  b: {name: Đơn vị B}
indicators:
  p1: {label: Điểm 1, type: number, min: 0, max: 30}
  p2: {label: Điểm 2, type: number, min: 0, max: 30}
  p3: {label: Điểm 3, type: number, min: 0, max: 40}
  late: {label: Báo cáo chậm, type: integer, min: 0, default: 0}
groups:
  - id: I
    label: Nhóm I
    max: 60
    criteria:
      - {id: I.1, label: Tiêu chí 1, max: 30, formula: p1}
      - {id: I.2, label: Tiêu chí 2, max: 30, formula: p2}
  - id: II
    label: Nhóm II
    max: 40
    criteria:
      - {id: II.1, label: Tiêu chí 3, max: 40, formula: p3}
adjustments:
  - {id: late, label: Báo cáo chậm, kind: deduction, formula: late * 2, cap: 10}
classification:
  - {id: ht, label: Hoàn thành nhiệm vụ}
"""
SOURCE_CSV = 'round,unit,p1,p2,p3,late\nnguon-2024,a,"25,5",20,30,1\nnguon-2024,b,10,10,10,0\n'
REVIEW = """\
format: thidua/review-1
round: nguon-2024
meeting: {date: 01/12/2024, place: Hội trường, chair: Chủ tọa, secretary: Thư ký, attendees: [Chủ tọa, Thư ký]}
reviewed_by: Thư ký
approved_by: Chủ tọa
"""
TAKES = {"t": "total", "c": "criteria", "g": "{group: I}", "k": "{criterion: I.2}"}


def feeding(units: str = "a b", takes: dict[str, str] = TAKES, source: str = "so-gd", extra: str = "") -> str:
    lines = ["format: thidua/1", "id: dich-2024", "title: Đợt nhận", "year: 2024", f"scale: {100 * len(takes)}", "units:"]
    lines += [f"  {u}: {{name: Đơn vị {u}}}" for u in units.split()]
    lines += ["sources:", "  so-gd: {record: nguon/record.json}", "indicators:"]
    lines += [f"  {i}: {{label: Lấy {i}, type: number, from: {{source: {source}, take: {t}}}{extra}}}" for i, t in takes.items()]
    lines += ["groups:", "  - id: A", "    label: Nhóm A", f"    max: {100 * len(takes)}", "    criteria:"]
    lines += [f"      - {{id: A.{i}, label: Theo {i}, max: 100, formula: {i}}}" for i in takes]
    lines += ["classification:", "  - {id: ht, label: Hoàn thành nhiệm vụ}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Rounds:
    folder: Path
    record: Path  # the source round's record
    source_csv: Path
    review: Path

    def write(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def city(self, text: str, csv: str = "round,unit\ndich-2024,a\ndich-2024,b\n") -> tuple[Path, Path]:
        return self.write("dich.yaml", text), self.write("dich.csv", csv)


@pytest.fixture
def rounds(tmp_path: Path, cli: Cli) -> Rounds:
    (tmp_path / "nguon").mkdir()
    criteria = tmp_path / "nguon/criteria.yaml"
    criteria.write_text(SOURCE, encoding="utf-8")
    data = tmp_path / "nguon/submissions.csv"
    data.write_text(SOURCE_CSV, encoding="utf-8")
    review = tmp_path / "nguon/review.yaml"
    review.write_text(REVIEW, encoding="utf-8")
    record = tmp_path / "nguon/record.json"
    assert cli("review", criteria, data, "--decisions", review, "-o", record, "-q")[0] == 0
    return Rounds(tmp_path, record, data, review)


def taken(cli: Cli, criteria: Path, data: Path, unit: str = "a") -> dict[str, str]:
    code, out, err = cli("explain", criteria, data, "--unit", unit, "--format", "json")
    assert (code, err) == (0, "")
    return {c["id"]: c["points"] for c in json.loads(out)["criteria"]}


def test_each_take_gives_the_source_units_total_criteria_group_or_criterion(rounds, cli):
    # unit a of the source: I.1 = 25,5, I.2 = 20, II.1 = 30; deduction 1 × 2 = 2
    #   total = 25,5 + 20 + 30 − 2 = 73,5; criteria (before adjustments) = 75,5; group I = 25,5 + 20 = 45,5; I.2 = 20
    assert taken(cli, *rounds.city(feeding())) == {"A.t": "73.50", "A.c": "75.50", "A.g": "45.50", "A.k": "20.00"}
    # unit b: 10 + 10 + 10, no deduction: total = criteria = 30, group I = 20, I.2 = 10
    assert taken(cli, *rounds.city(feeding()), unit="b") == {"A.t": "30.00", "A.c": "30.00", "A.g": "20.00", "A.k": "10.00"}


def test_the_units_map_renames_this_rounds_units_to_the_sources(rounds, cli):
    text = feeding("x y").replace("{record: nguon/record.json}", "{record: nguon/record.json, units: {x: b, y: a}}")
    criteria, data = rounds.city(text, "round,unit\ndich-2024,x\ndich-2024,y\n")
    assert taken(cli, criteria, data, "x")["A.t"] == "30.00"  # b's total
    assert taken(cli, criteria, data, "y")["A.t"] == "73.50"  # a's total


def test_an_unknown_source_is_refused_with_the_closest_name(rounds, cli):
    criteria, _ = rounds.city(feeding(takes={"t": "total"}, source="so-gdd"))
    line, col = at(criteria.read_text(encoding="utf-8"), "so-gdd")
    problem = (
        f"{criteria}:{line}:{col}: indicators.t.from.source: unknown source 'so-gdd'; did you mean 'so-gd'?"
        " (declare it under sources)"
    )
    assert cli("validate", criteria) == (1, "", one_problem(problem))


def test_a_taken_indicator_must_hold_a_number(rounds, cli):
    criteria, _ = rounds.city(feeding(takes={"t": "total"}).replace("type: number", "type: integer"))
    line, col = at(criteria.read_text(encoding="utf-8"), "integer")
    problem = (
        f"{criteria}:{line}:{col}: indicators.t.type: an indicator taken from another round holds points: give it type: number"
    )
    assert cli("validate", criteria) == (1, "", one_problem(problem))


def test_a_group_or_criterion_the_source_round_lacks_is_named_where_it_is_taken(rounds, cli):
    criteria, data = rounds.city(feeding(takes={"g": "{group: III}", "k": "{criterion: I.3}"}))
    text = criteria.read_text(encoding="utf-8")
    (gl, gc), (kl, kc) = at(text, "III"), at(text, "I.3")
    assert cli("score", criteria, data) == (
        1,
        "",
        f"{criteria}:{gl}:{gc}: indicators.g.from.take.group: round nguon-2024 has no group 'III'; did you mean 'II'?"
        " (its groups: I, II)\n"
        f"{criteria}:{kl}:{kc}: indicators.k.from.take.criterion: round nguon-2024 has no criterion 'I.3'; did you mean"
        " 'I.2'? (its criteria: I.1, I.2, II.1)\n"
        "2 problem(s) found.\n",
    )


def test_a_source_record_that_no_longer_verifies_is_one_problem_naming_the_record_and_what_differs(rounds, cli):
    criteria, data = rounds.city(feeding(takes={"t": "total"}))
    before = sha(rounds.review)
    rounds.review.write_text(REVIEW.replace("Hội trường", "Phòng họp"), encoding="utf-8")
    now = sha(rounds.review)
    line, col = at(criteria.read_text(encoding="utf-8"), "nguon/record.json")
    problem = (
        f"{criteria}:{line}:{col}: sources.so-gd.record: the record {rounds.record} does not verify:"
        f" review file {rounds.review}: its SHA-256 is {now[:16]}…, the record has {before[:16]}…: the file changed;"
        ' meeting.place: the record has "Hội trường", the inputs give "Phòng họp"'
    )
    assert cli("score", criteria, data) == (1, "", one_problem(problem))


def test_a_source_record_that_is_missing_is_named_where_the_criteria_give_it(rounds, cli):
    criteria, data = rounds.city(feeding(takes={"t": "total"}))
    rounds.record.unlink()
    line, col = at(criteria.read_text(encoding="utf-8"), "nguon/record.json")
    problem = f"{criteria}:{line}:{col}: sources.so-gd.record: {rounds.record}: cannot read the file: No such file or directory"
    assert cli("score", criteria, data) == (1, "", one_problem(problem))


def test_a_unit_missing_from_the_source_is_a_problem_naming_the_source(rounds, cli):
    criteria, _ = rounds.city(feeding("a b c", takes={"t": "total"}))
    data = rounds.write("dich.csv", "round,unit\ndich-2024,a\ndich-2024,b\ndich-2024,c\n")
    text = criteria.read_text(encoding="utf-8")
    line, col = at(text, "{source: so-gd")
    rule = at(text, "{id: A.t")[0]
    problem = (
        f"{criteria}:{line}:{col}: unit c: no value for 't' (c is not in the record of round nguon-2024 (source so-gd)),"
        f" which criterion A.t (Theo t) ({criteria}:{rule}) needs; map the unit under sources.so-gd.units, or declare"
        " what a missing value means (default, or if_missing: no_points)\n    t\n    ^"
    )
    assert cli("score", criteria, data) == (1, "", one_problem(problem))


def test_a_unit_missing_from_the_source_takes_the_indicators_default(rounds, cli):
    criteria, _ = rounds.city(feeding("a c", takes={"t": "total"}, extra=", default: 50"))
    data = rounds.write("dich.csv", "round,unit\ndich-2024,a\ndich-2024,c\n")
    assert taken(cli, criteria, data, "c") == {"A.t": "50.00"}  # the default, since c is not in the source
    assert taken(cli, criteria, data, "a") == {"A.t": "73.50"}  # a's total in the source, not the default


def test_a_value_reported_for_a_taken_indicator_is_refused_where_it_is_written(rounds, cli):
    criteria, _ = rounds.city(feeding(takes={"t": "total"}))
    data = rounds.write("dich.csv", "round,unit,t\ndich-2024,a,90\ndich-2024,b,\n")
    problem = f"{data}:2:3: unit a, column t: 't' is taken from source so-gd (indicators.t.from in the criteria), not reported"
    assert cli("score", criteria, data) == (1, "", one_problem(problem))


def test_a_unit_missing_from_the_source_scores_no_points_where_the_criterion_says_so(rounds, cli):
    text = feeding("a c", takes={"t": "total"}).replace("formula: t}", "formula: t, if_missing: no_points}")
    criteria, _ = rounds.city(text)
    data = rounds.write("dich.csv", "round,unit\ndich-2024,a\ndich-2024,c\n")
    code, out, _ = cli("explain", criteria, data, "--unit", "c")
    assert code == 0
    assert "  - A.t Theo t: 0.00 / 100  [formula, " in out
    assert (
        "    - no value for 't' (c is not in the record of round nguon-2024 (source so-gd)): no points"
        " (if_missing: no_points)\n" in out
    )


def test_explain_names_the_group_or_criterion_taken_and_the_sources_unit(rounds, cli):
    criteria, data = rounds.city(feeding())
    code, out, _ = cli("explain", criteria, data, "--unit", "a")
    assert code == 0
    digest = sha(rounds.record)[:8]
    taken = [line.strip() for line in out.splitlines() if "from round" in line]
    assert taken == [
        f"- t (Lấy t) = 73.50 — from round nguon-2024 (record sha256 {digest}…, the total of a)",
        f"- c (Lấy c) = 75.50 — from round nguon-2024 (record sha256 {digest}…, the criteria's points (before"
        " bonuses and deductions) of a)",
        f"- g (Lấy g) = 45.50 — from round nguon-2024 (record sha256 {digest}…, the points of group I of a)",
        f"- k (Lấy k) = 20.00 — from round nguon-2024 (record sha256 {digest}…, the points of criterion I.2 of a)",
    ]


def test_a_record_that_takes_values_from_itself_is_refused_not_recursed_into(rounds, cli):
    # the source round's criteria now take from its own record: verifying the record re-scores the round, which
    # would verify the record again
    criteria = rounds.folder / "nguon/criteria.yaml"
    before = sha(criteria)
    text = SOURCE.replace("indicators:\n", "sources:\n  self: {record: record.json}\nindicators:\n", 1)
    criteria.write_text(text.replace("{label: Điểm 3,", "{label: Điểm 3, from: {source: self, take: total},"), "utf-8")
    now = sha(criteria)
    line, col = at(criteria.read_text(encoding="utf-8"), "record.json")
    where = f"{criteria}:{line}:{col}: sources.self.record: "
    problem = (
        f"{where}the record {rounds.record} does not verify: criteria file {criteria}: its SHA-256 is {now[:16]}…, the"
        f" record has {before[:16]}…: the file changed; the inputs no longer give a valid record:"
        f" {where}the record {rounds.record} takes values from itself (through its own sources)"
    )
    # p3 is in the source round's submissions, which both the round and the record's re-run read: refused in each
    refused = [
        f"{rounds.source_csv}:{row}:5: unit {unit}, column p3: 'p3' is taken from source self (indicators.p3.from in the"
        " criteria), not reported"
        for row, unit in ((2, "a"), (3, "b"))
    ]
    err = "\n".join([problem, *refused, *refused, "3 problem(s) found."]) + "\n"
    assert cli("score", criteria, rounds.source_csv) == (1, "", err)


def test_the_minutes_list_the_source_records_among_the_inputs(city, cli, tmp_path):
    record, minutes = tmp_path / "city.json", tmp_path / "bien-ban.md"
    assert cli("review", city.criteria, CITY_DATA, "--decisions", CITY_DATA / "review.yaml", "-o", record, "-q")[0] == 0
    assert cli("minutes", record, "-o", minutes, "-q")[0] == 0
    inputs = json.loads(record.read_bytes())["inputs"]
    rows = [line for line in minutes.read_text(encoding="utf-8").splitlines() if "Record of a source round" in line]
    assert len(rows) == 2
    for i, (row, path, f) in enumerate(zip(rows, city.records.values(), inputs["sources"], strict=True), start=4):
        assert (record.parent / inputs["base"] / f["path"]).resolve() == path.resolve()  # as the record names it:
        shown = f["path"].replace("_", "\\_")  # Markdown escapes the underscores of the temporary folder's name
        assert row == f"| {i} | Record of a source round | {shown} | {sha(path)} |"


def test_a_form_leaves_out_the_indicators_taken_from_another_round(city, cli, tmp_path):
    form = tmp_path / "form.csv"
    assert cli("template", city.criteria, "-o", form, "-q")[0] == 0
    # the sourced indicators (gddt, yte) have no column; every criterion keeps its self-score columns
    self_scores = ",".join(f"{c}.self_score,{c}.explanation" for c in ("I.1", "I.2", "II.1"))
    assert form.read_text(encoding="utf-8-sig").splitlines()[0] == f"round,unit,self_score,par,par.evidence,{self_scores}"


def test_a_value_taken_outside_the_indicators_range_is_refused(rounds, cli):
    criteria, data = rounds.city(feeding(takes={"t": "total"}, extra=", max: 50"))
    line, col = at(criteria.read_text(encoding="utf-8"), "{source: so-gd")
    # a's total is 73,5, above the max 50; b's is 30, within it
    problem = (
        f"{criteria}:{line}:{col}: indicators.t.from: unit a: 73.50 taken from round nguon-2024 is outside the indicator's range"
    )
    assert cli("score", criteria, data) == (1, "", one_problem(problem))


def test_the_units_map_names_only_units_of_this_round(rounds, cli):
    text = feeding(takes={"t": "total"}).replace("{record: nguon/record.json}", "{record: nguon/record.json, units: {aa: b}}")
    criteria, _ = rounds.city(text)
    line, col = at(text, "b}}")
    problem = f"{criteria}:{line}:{col}: sources.so-gd.units.aa: unknown unit 'aa'; did you mean 'a'?"
    assert cli("validate", criteria) == (1, "", one_problem(problem))


def test_an_unknown_source_is_said_in_vietnamese(rounds, cli):
    criteria, _ = rounds.city(feeding(takes={"t": "total"}, source="so-gdd"))
    line, col = at(criteria.read_text(encoding="utf-8"), "so-gdd")
    assert cli("--lang", "vi", "validate", criteria) == (
        1,
        "",
        f"{criteria}:{line}:{col}: indicators.t.from.source: không có nguồn 'so-gdd'; có phải là 'so-gd' không?"
        " (khai báo nguồn ở mục sources)\nTìm thấy 1 lỗi.\n",
    )


def test_diff_names_a_change_in_what_an_indicator_takes(tmp_path, cli):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(feeding(takes={"t": "total"}), encoding="utf-8")
    new.write_text(feeding(takes={"t": "{group: I}"}), encoding="utf-8")
    code, out, _ = cli("diff", old, new)
    assert code == 0
    assert "  ~ t Lấy t: from source so-gd, the total → source so-gd, the points of group I\n" in out


def test_a_source_record_that_does_not_verify_and_a_value_reported_are_both_named(rounds, cli):
    criteria, _ = rounds.city(feeding(takes={"t": "total"}))
    data = rounds.write("dich.csv", "round,unit,t\ndich-2024,a,90\ndich-2024,b,\n")
    rounds.review.write_text(REVIEW.replace("Hội trường", "Phòng họp"), encoding="utf-8")
    code, _, err = cli("score", criteria, data)
    assert code == 1
    assert err.endswith("2 problem(s) found.\n")
    assert "sources.so-gd.record: the record" in err
    assert "unit a, column t: 't' is taken from source so-gd" in err
