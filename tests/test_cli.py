"""End-to-end: the `thidua` command on the bundled examples."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.shared import CCB, CCB_SUBMISSIONS, PROVINCES, ROOT

SCHOOLS = str(ROOT / "criteria/khoi-truong-thpt/2024.yaml")
SCHOOL_SUBMISSIONS = str(ROOT / "examples/khoi-truong-thpt/2024/submissions.csv")


def test_validate_example_is_clean(cli):
    code, out, err = cli("validate", CCB, str(CCB_SUBMISSIONS))
    assert (code, err) == (0, "")
    assert out.startswith(f"OK: {CCB}: round hoi-ccb-cum-3-2023, 6 units,")
    assert out.rstrip().endswith("6 submissions scored without a problem")


def test_validate_criteria_alone(cli):
    code, out, _ = cli("validate", SCHOOLS)
    assert code == 0
    assert "round khoi-truong-thpt-2024, 5 units" in out


def test_score_table_names_every_province(cli):
    code, out, err = cli("score", CCB, str(CCB_SUBMISSIONS))
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    for name in ("Cao Bằng", "Bắc Kạn", "Thái Nguyên", "Lạng Sơn", "Bắc Ninh", "Bắc Giang"):
        assert name in flat
    assert "Total" in out  # English here (the tests' language); Vietnamese by default


def test_score_json_contract(cli):
    code, out, _ = cli("score", CCB, str(CCB_SUBMISSIONS), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["round"] == "hoi-ccb-cum-3-2023"
    assert data["criteria_sha256"] == hashlib.sha256(Path(CCB).read_bytes()).hexdigest()
    # Units come in the criteria file's order, whatever the files' order.
    assert [(u["unit"], u["name"]) for u in data["units"]] == list(PROVINCES.items())
    for unit in data["units"]:
        lines = [Decimal(c["points"]) for c in unit["criteria"]] + [Decimal(a["points"]) for a in unit["adjustments"]]
        assert Decimal(unit["total"]) == sum(lines)
        assert unit["total"] == f"{Decimal(unit['total']):.2f}"
        for group in unit["groups"]:
            in_group = [Decimal(c["points"]) for c in unit["criteria"] if c["group"] == group["id"]]
            assert Decimal(group["points"]) == sum(in_group)
        for line in unit["criteria"]:
            assert Decimal(0) <= Decimal(line["points"]) <= Decimal(line["max"])
            assert line["explanation"]
        for adjustment in unit["adjustments"]:
            sign = Decimal(adjustment["points"]).is_signed()
            assert not sign or adjustment["kind"] == "deduction"
        own = unit["self_score"]
        assert Decimal(unit["self_score_difference"]) == Decimal(unit["total"]) - Decimal(own)
        assert set(unit["classification"]) == {"id", "label"}
    bac_giang = data["units"][5]
    assert bac_giang["disqualified"] == [{"id": "discipline", "blocks": ["xuat-sac", "tot", "co-thi-dua-tw", "bang-khen-tw"]}]
    assert bac_giang["classification"]["id"] not in ("xuat-sac", "tot")


def test_inputs_carry_evidence(cli):
    _, out, _ = cli("score", CCB, str(CCB_SUBMISSIONS), "--format", "json")
    cao_bang = json.loads(out)["units"][0]
    used = {name: entry for line in cao_bang["criteria"] for name, entry in line["inputs"].items()}
    assert used["members"]["source"] == "reported"
    assert used["members"]["evidence"]


def test_output_is_byte_identical_whatever_the_file_order(cli):
    files = sorted(str(p) for p in CCB_SUBMISSIONS.glob("*.yaml") if p.name != "review.yaml")
    _, forward, _ = cli("score", CCB, *files, "--format", "json")
    _, backward, _ = cli("score", CCB, *reversed(files), "--format", "json")
    _, folder, _ = cli("score", CCB, str(CCB_SUBMISSIONS), "--format", "json")
    assert forward == backward == folder


def test_score_csv_has_a_row_per_unit(cli):
    code, out, _ = cli("score", CCB, str(CCB_SUBMISSIONS), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["unit"] for r in rows] == list(PROVINCES)
    for row in rows:
        criteria = [Decimal(v) for k, v in row.items() if k[:1] in "IV" and "." in k]
        assert criteria, "a column per criterion"
        groups = [Decimal(v) for k, v in row.items() if k.startswith("group ")]
        adjustments = Decimal(row["total"]) - sum(groups)
        assert sum(criteria) + adjustments == Decimal(row["total"])


def test_explain_text_tells_the_whole_story(cli):
    code, out, _ = cli("explain", CCB, str(CCB_SUBMISSIONS), "--unit", "bac-giang")
    assert code == 0
    assert out.startswith("Hội CCB tỉnh Bắc Giang (bac-giang): ")
    for text in ("- I. ", "- V. ", "  - V.1 ", "[target, ", "r = new_members / target = 1310 / 1250 = 1.048", "Total: "):
        assert text in out
    assert "not Hoàn thành xuất sắc nhiệm vụ: blocked by disqualifier discipline" in out
    assert "(when discipline_cases > 0: 1 > 0); blocks xuat-sac, tot, co-thi-dua-tw, bang-khen-tw" in out
    assert "Self-score 92.5; computed − self = " in out


def test_explain_markdown_and_json(cli):
    code, md, _ = cli("explain", CCB, str(CCB_SUBMISSIONS), "--unit", "cao-bang", "--format", "md")
    assert code == 0
    assert md.startswith("# Hội CCB tỉnh Cao Bằng (cao-bang): ")
    assert "\n- I. " in md
    code, js, _ = cli("explain", CCB, str(CCB_SUBMISSIONS), "--unit", "cao-bang", "--format", "json")
    assert code == 0
    assert json.loads(js)["unit"] == "cao-bang"


def test_school_bloc_from_one_csv(cli):
    code, out, _ = cli("score", SCHOOLS, SCHOOL_SUBMISSIONS, "--format", "json")
    assert code == 0
    units = json.loads(out)["units"]
    assert len(units) == 5
    assert all(u["name"].startswith("Trường THPT") for u in units)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["score"],
        ["score", CCB],
        ["score", CCB, str(CCB_SUBMISSIONS), "--format", "pdf"],
        ["explain", CCB, str(CCB_SUBMISSIONS)],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(cli, args):
    code, _, err = cli(*args)
    assert code == 2
    assert "usage: thidua" in err


def test_unknown_unit_is_a_usage_error(cli):
    code, out, err = cli("explain", CCB, str(CCB_SUBMISSIONS), "--unit", "ha-noi")
    assert (code, out) == (2, "")
    assert err == (
        "thidua: unit 'ha-noi' is not in round hoi-ccb-cum-3-2023; its units are: "
        "cao-bang, bac-kan, thai-nguyen, lang-son, bac-ninh, bac-giang\n"
    )


def test_missing_file(cli, tmp_path):
    missing = tmp_path / "none.yaml"
    code, _, err = cli("validate", str(missing))
    assert code == 1
    assert err.startswith(f"{missing}:1:1: cannot read the file: No such file or directory\n")


def test_python_dash_m_and_console_script_agree():
    version = subprocess.run([sys.executable, "-m", "scoring", "--version"], capture_output=True, text=True, check=True, cwd=ROOT)
    assert version.stdout.strip() == "thidua 0.1.0"


def test_quiet_leaves_only_the_output_asked_for(cli):
    code, out, err = cli("validate", CCB, str(CCB_SUBMISSIONS), "--quiet")
    assert (code, out, err) == (0, "", "")
    code, out, _ = cli("score", CCB, str(CCB_SUBMISSIONS), "--format", "csv", "-q")
    assert code == 0
    assert out.startswith("unit,name,")


def test_progress_is_reported_per_file_and_per_unit():
    from scoring.criteria import load_criteria
    from scoring.evaluate import evaluate
    from scoring.submissions import load_submissions

    criteria = load_criteria(Path(CCB))
    reading: list[tuple[int, int]] = []
    scoring: list[tuple[int, int]] = []
    submissions = load_submissions(criteria, [CCB_SUBMISSIONS], lambda done, total: reading.append((done, total)))
    evaluate(criteria, submissions, progress=lambda done, total: scoring.append((done, total)))
    # seven YAML files in the folder (six provinces and the council's review file), six units
    assert reading == [(i, 7) for i in range(1, 8)]
    assert scoring == [(i, 6) for i in range(1, 7)]


def test_a_progress_bar_on_a_terminal(tmp_path):
    # `script` gives the command a terminal; the bar goes to standard error and is gone when done
    if not shutil.which("script"):
        pytest.skip("util-linux's script is not installed")
    command = f"{sys.executable} -m scoring score {CCB} {CCB_SUBMISSIONS} --format csv --lang vi"
    done = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0
    assert "Chấm điểm" in done.stdout.decode(errors="replace")  # the bar's label was drawn, in Vietnamese
