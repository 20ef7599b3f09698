"""Known answers that would catch a wrong award (issue 15 item 16): clipping, several disqualifiers, a total at the
minimum, and a record that lost a key.

Each total is worked by hand beside its assertion; every round is tests/rounds.py's, one criterion `pts` of 100.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.rounds import criteria_yaml, csv_text
from tests.test_hostile import review_round

COUNTS = {"praised": "{label: praised, type: integer, min: 0}", "late": "{label: late, type: integer, min: 0}"}


def scored(cli: Any, folder: Path, criteria: str, rows: list[dict[str, str | int]]) -> dict[str, dict[str, Any]]:
    (folder / "c.yaml").write_text(criteria, encoding="utf-8")
    (folder / "s.csv").write_text(csv_text(rows), encoding="utf-8")
    code, out, err = cli("score", folder / "c.yaml", folder / "s.csv", "--format", "json")
    assert (code, err) == (0, "")
    return {u["unit"]: u for u in json.loads(out)["units"]}


def test_an_adjustment_whose_formula_goes_negative_is_clipped_at_0_with_its_note(cli, tmp_path):
    extra = (
        "adjustments:\n"
        "  - {id: praise, label: Khen, kind: bonus, formula: praised - 2, cap: 2}\n"
        "  - {id: late, label: Trễ hạn, kind: deduction, formula: late - 2, cap: 2}\n"
    )
    units = scored(
        cli,
        tmp_path,
        criteria_yaml(["a", "b"], indicators=COUNTS, extra=extra),
        [{"unit": "a", "pts": 80, "praised": 0, "late": 0}, {"unit": "b", "pts": 80, "praised": 3, "late": 5}],
    )
    a = {x["id"]: x for x in units["a"]["adjustments"]}
    # a: bonus 0 - 2 = -2 → clipped at 0 (not −2.00); deduction 0 - 2 = -2 → clipped at 0 (not +2.00): 80 + 0 - 0 = 80
    assert [(x["points"], [n["code"] for n in x["notes"]]) for x in a.values()] == [("0.00", ["clipped"]), ("0.00", ["clipped"])]
    assert a["praise"]["explanation"] == "praised - 2 = 0 - 2 = -2; clipped at 0"
    assert a["late"]["explanation"] == "late - 2 = 0 - 2 = -2; clipped at 0"
    assert units["a"]["total"] == "80.00"
    # b: bonus 3 - 2 = 1; deduction 5 - 2 = 3, capped at 2: 80 + 1 - 2 = 79
    assert [x["points"] for x in units["b"]["adjustments"]] == ["1.00", "-2.00"]
    assert units["b"]["total"] == "79.00"


def test_several_disqualifiers_blocking_different_bands_put_the_unit_below_both(cli, tmp_path):
    extra = (
        "disqualifiers:\n"
        "  - {id: k1, label: Kỷ luật, when: cases > 0, blocks: [xuat-sac]}\n"
        "  - {id: k2, label: Mất an toàn, when: incidents > 0, blocks: [tot]}\n"
    )
    indicators = {"cases": "{label: cases, type: integer, min: 0}", "incidents": "{label: incidents, type: integer, min: 0}"}
    units = scored(
        cli,
        tmp_path,
        criteria_yaml(["a", "b", "c"], indicators=indicators, extra=extra),
        [
            {"unit": "a", "pts": 95, "cases": 1, "incidents": 1},  # 95 ≥ 90, but xuat-sac and tot both blocked
            {"unit": "b", "pts": 95, "cases": 1, "incidents": 0},  # xuat-sac blocked only: tot (95 ≥ 75)
            {"unit": "c", "pts": 95, "cases": 0, "incidents": 1},  # tot blocked, xuat-sac is not: xuat-sac
        ],
    )
    assert {u: units[u]["classification"]["id"] for u in units} == {"a": "hoan-thanh", "b": "tot", "c": "xuat-sac"}
    assert [d["id"] for d in units["a"]["disqualified"]] == ["k1", "k2"]


def test_a_total_exactly_at_an_awards_min_total_is_eligible(cli, tmp_path):
    extra = "awards:\n  - {id: flag, label: Cờ thi đua, quota: 2, requires: {min_total: 90}}\n"
    (tmp_path / "c.yaml").write_text(criteria_yaml(["a", "b"], extra=extra), encoding="utf-8")
    (tmp_path / "s.csv").write_text(csv_text([{"unit": "a", "pts": 90}, {"unit": "b", "pts": "89,99"}]), encoding="utf-8")
    code, out, err = cli("rank", tmp_path / "c.yaml", tmp_path / "s.csv", "--format", "json")
    assert (code, err) == (0, "")
    proposed = {u["unit"]: [p["id"] for p in u["proposed"]] for u in json.loads(out)["units"]}
    # a: 90.00 ≥ 90 → eligible, within the quota of 2; b: 89.99 < 90 → not eligible, although a seat is left
    assert proposed == {"a": ["flag"], "b": []}


def test_verify_refuses_a_record_that_lost_a_key(cli, tmp_path):
    criteria, submissions, review = review_round(tmp_path)
    record = tmp_path / "record.json"
    assert cli("review", criteria, submissions, "--decisions", review, "-o", record, "-q")[0] == 0
    whole = json.loads(record.read_bytes())
    # a (95) is proposed for the flag and the council confirms it, with no reason to note
    # a lost decision is said in the council's terms; a key with no such term by its JSON path
    expected = {
        "final": "DIFFERENT: Đơn vị a — awards decided: the record has (missing), the inputs give flag"
        " (in the record: outcome[0].final)",
        "reasons": "DIFFERENT: outcome[0].reasons: the record has (missing), the inputs give {}",
    }
    for drop, line in expected.items():
        edited = json.loads(json.dumps(whole))
        del edited["outcome"][0][drop]
        record.write_text(json.dumps(edited, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        code, out, _ = cli("verify", record)
        assert code == 1
        *differences, summary = out.splitlines()
        assert differences == [line]
        assert summary == f"{record}: NOT verified: 1 difference(s) in 1 unit(s); files changed: none."
