"""The council's review (scoring/review.py), the decision record and `verify` (scoring/record.py), through the CLI.

Small rounds come from tests/rounds.py: one criterion A.1 = `formula: "pts"` (max 100), so a unit's total is
exactly its CSV `pts`, plus an indicator `cases` for a disqualifier that blocks the Bằng khen. The round's awards:
flag (Cờ thi đua, 1 seat, vote 80%) and bk (Bằng khen, 2 seats, min_total 85, no vote). With the base totals
a 95, b 90, c 88, d 86, e 80 the proposal is flag → a; bk → b, c (d is eligible but beyond the quota, e is under 85).

The review file's first ten lines are HEAD; the body starts at line 11, so its first list item is on line 12.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import scoring
from scoring import wording
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.record import (
    EngineChanged,
    FileChanged,
    FileUnreadable,
    NoInputs,
    NoLongerValid,
    OtherSubmissions,
    PointChanged,
    ValueChanged,
    decide_round,
    load_record,
    parse_record,
    record_bytes,
    record_from,
    verify,
)
from scoring.review import Breach, Correction, Ineligible, NoBallot, OverQuota, VoteShort, breach_message, load_review
from scoring.wording import msg, word
from tests.rounds import criteria_yaml, csv_text

ROOT = Path(__file__).resolve().parent.parent
CCB_CRITERIA = ROOT / "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_FOLDER = ROOT / "examples/hoi-ccb-cum-3/2023"
CCB_FILES = sorted(p.name for p in CCB_FOLDER.glob("*.yaml") if p.name != "review.yaml")
FLAG_CCB = "Cờ thi đua của Trung ương Hội CCB Việt Nam"
BK_CCB = "Bằng khen của Trung ương Hội CCB Việt Nam"

CASES = "{label: Vụ vi phạm, type: integer, min: 0, default: 0}"
AWARDS = (
    "disqualifiers:\n"
    "  - {id: vi-pham, label: Vi phạm, when: cases > 0, blocks: [bk]}\n"
    "awards:\n"
    "  - {id: flag, label: Cờ thi đua, quota: 1, vote: 80%}\n"
    "  - {id: bk, label: Bằng khen, quota: 2, requires: {min_total: 85}}\n"
)
TOTALS = {"a": 95, "b": 90, "c": 88, "d": 86, "e": 80}
REVIEWER = "Lê Thị Thư"
APPROVER = "Trần Văn Chủ"
HEAD = """\
format: thidua/review-1
round: r
meeting:
  date: "15/12/2024"
  place: Hà Nội
  chair: Trần Văn Chủ
  secretary: Lê Thị Thư
  attendees: [Trần Văn Chủ, Lê Thị Thư]
reviewed_by: {reviewed_by}
approved_by: {approved_by}
"""
BALLOT_A = "  - {award: flag, unit: a, voters: 6, in_favour: 5, against: 1, abstain: 0}\n"  # 5 ≥ 0.8 × 6 = 4.8: carried
BALLOTS = "ballots:\n" + BALLOT_A
CONFIRM_A = "  - {unit: a, award: flag, decision: confirm}\n"
ASK = " (acknowledge it under 'acknowledged' with a reason if the council so decided)"


@dataclass(frozen=True)
class Files:
    criteria: Path
    submissions: Path
    review: Path
    record: Path

    def args(self) -> list[str]:
        return [str(self.criteria), str(self.submissions), "--decisions", str(self.review)]


def make_round(
    folder: Path,
    body: str,
    *,
    totals: Mapping[str, int] = TOTALS,
    cases: Mapping[str, int] | None = None,
    reviewed_by: str = REVIEWER,
    approved_by: str = APPROVER,
) -> Files:
    files = Files(folder / "criteria.yaml", folder / "submissions.csv", folder / "review.yaml", folder / "record.json")
    files.criteria.write_text(criteria_yaml(list(totals), indicators={"cases": CASES}, extra=AWARDS), encoding="utf-8")
    rows = [{"unit": u, "pts": p, "cases": (cases or {}).get(u, 0)} for u, p in totals.items()]
    files.submissions.write_text(csv_text(rows), encoding="utf-8")
    head = HEAD.format(reviewed_by=reviewed_by, approved_by=approved_by)
    files.review.write_text(head + body, encoding="utf-8")
    return files


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def flat(text: str) -> str:
    return " ".join(text.split())


def reviewed(capsys: pytest.CaptureFixture[str], files: Files) -> dict[str, Any]:
    """`thidua review … -o record.json`, which must succeed; the record it wrote."""
    code, _, err = run(capsys, "review", *files.args(), "-o", str(files.record))
    assert (code, err) == (0, "")
    data: dict[str, Any] = json.loads(files.record.read_bytes())
    return data


def refused(capsys: pytest.CaptureFixture[str], files: Files) -> str:
    """`thidua review … -o record.json`, which must fail with exit 1 and write nothing; its stderr."""
    code, out, err = run(capsys, "review", *files.args(), "-o", str(files.record))
    assert (code, out) == (1, "")
    assert not files.record.exists()
    return err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outcome(record: Mapping[str, Any]) -> list[tuple[str, int, str, list[str], list[str]]]:
    return [(o["unit"], o["rank"], o["total"], o["computed"], o["final"]) for o in record["outcome"]]


def scored(record: Mapping[str, Any], unit: str) -> dict[str, Any]:
    found: dict[str, Any] = next(u for u in record["scores"]["units"] if u["unit"] == unit)
    return found


# --- corrections: into points, ranks, proposals and traces -------------------------------------------------------------


def test_without_a_review_the_base_round_proposes_flag_to_a_and_bk_to_b_and_c(tmp_path, capsys):
    files = make_round(tmp_path, BALLOTS)
    code, out, err = run(capsys, "rank", str(files.criteria), str(files.submissions), "--format", "json")
    assert (code, err) == (0, "")
    units = json.loads(out)["units"]
    assert [(u["unit"], u["rank"], u["total"], [p["id"] for p in u["proposed"]]) for u in units] == [
        ("a", 1, "95.00", ["flag"]),
        ("b", 2, "90.00", ["bk"]),
        ("c", 3, "88.00", ["bk"]),
        ("d", 4, "86.00", []),
        ("e", 5, "80.00", []),
    ]


INDICATOR_FIX = (
    "corrections:\n"
    "  - {unit: d, indicator: pts, value: 92, reason: Bổ sung số liệu quý IV, evidence: BB số 01/KTC,"
    " explanation: Đơn vị báo cáo trước khi có số liệu quý IV}\n"
)
NOTE_D = (
    "corrected by the council: from 86 to 92, reason: Bổ sung số liệu quý IV;"
    " the unit's explanation: Đơn vị báo cáo trước khi có số liệu quý IV"
)


def test_an_indicator_correction_changes_the_points_the_rank_and_the_proposal(tmp_path, capsys):
    record = reviewed(capsys, make_round(tmp_path, INDICATOR_FIX + BALLOTS))
    # d: pts 86 → 92, so total 92.00 (A.1 = pts): rank 2, ahead of b (90) and c (88); the 2 Bằng khen seats go to the two
    # best eligible units after a (who holds the flag): d and b; c drops out
    assert outcome(record) == [
        ("a", 1, "95.00", ["flag"], ["flag"]),
        ("d", 2, "92.00", ["bk"], ["bk"]),
        ("b", 3, "90.00", ["bk"], ["bk"]),
        ("c", 4, "88.00", [], []),
        ("e", 5, "80.00", [], []),
    ]
    line = scored(record, "d")["criteria"][0]
    assert (line["id"], line["points"]) == ("A.1", "92.00")
    correction = line["inputs"]["pts"].pop("correction")
    # the record holds each input's evidence once per unit (`evidence`), not on each line that reads it
    assert line["inputs"] == {"pts": {"value": "92", "source": "corrected"}}
    assert scored(record, "d")["evidence"] == {"pts": "BB số 01/KTC"}
    assert correction["en"] == NOTE_D  # the record holds the council's note in both languages
    assert scored(record, "c")["criteria"][0]["inputs"] == {"pts": {"value": "88", "source": "reported"}}
    assert scored(record, "c")["evidence"] == {}  # c gave no evidence


def test_an_indicator_correction_shows_in_explain_score_and_rank(tmp_path, capsys):
    files = make_round(tmp_path, INDICATOR_FIX + BALLOTS)
    code, out, err = run(capsys, "explain", *files.args(), "--unit", "d")
    assert (code, err) == (0, "")
    # the correction is the item on line 12 of the review file
    assert f"pts (pts) = 92 [{files.review}:12; evidence: BB số 01/KTC; {NOTE_D}]" in flat(out)
    assert "Đơn vị d (d): 92.00 / 100" in out

    code, out, err = run(capsys, "explain", *files.args(), "--unit", "d", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["criteria"][0]["inputs"]["pts"]["correction"] == NOTE_D

    code, out, err = run(capsys, "score", *files.args(), "--format", "json")
    assert (code, err) == (0, "")
    d = next(u for u in json.loads(out)["units"] if u["unit"] == "d")
    assert (d["total"], d["criteria"][0]["inputs"]["pts"]["source"]) == ("92.00", "corrected")

    code, out, err = run(capsys, "rank", *files.args(), "--format", "json")
    assert (code, err) == (0, "")
    assert [(u["unit"], [p["id"] for p in u["proposed"]]) for u in json.loads(out)["units"]] == [
        ("a", ["flag"]),
        ("d", ["bk"]),
        ("b", ["bk"]),
        ("c", []),
        ("e", []),
    ]

    # without --decisions the reported 86 stands
    code, out, err = run(capsys, "explain", str(files.criteria), str(files.submissions), "--unit", "d")
    assert (code, err) == (0, "")
    assert f"pts (pts) = 86 [{files.submissions}:5; no evidence given]" in flat(out)
    assert "council" not in out


def test_a_correction_of_a_value_the_unit_left_empty_says_from_no_value(tmp_path, capsys):
    files = make_round(tmp_path, "corrections:\n  - {unit: e, indicator: pts, value: 80, reason: Số liệu bổ sung}\n" + BALLOTS)
    text = files.submissions.read_text(encoding="utf-8")
    assert "r,e,0,80\n" in text
    files.submissions.write_text(text.replace("r,e,0,80\n", "r,e,0,\n"), encoding="utf-8")  # e leaves `pts` empty
    record = reviewed(capsys, files)
    line = scored(record, "e")["criteria"][0]
    assert (line["points"], line["inputs"]["pts"]["correction"]["en"]) == (
        "80.00",
        "corrected by the council: from no value to 80, reason: Số liệu bổ sung",
    )


def test_a_correction_that_only_feeds_a_disqualifier_shows_in_the_trace(tmp_path, capsys):
    # d's cases 0 → 1 disqualifies d from the Bằng khen (blocks: [bk]); the correction decides d's award, so the trace
    # must say the council changed the value, as it does for a value a criterion reads
    body = "corrections:\n  - {unit: d, indicator: cases, value: 1, reason: Có quyết định kỷ luật số 5}\n" + BALLOTS
    files = make_round(tmp_path, body)
    record = reviewed(capsys, files)
    assert scored(record, "d")["disqualified"] == [{"id": "vi-pham", "blocks": ["bk"]}]
    note = "corrected by the council: from 0 to 1, reason: Có quyết định kỷ luật số 5"
    code, out, err = run(capsys, "explain", *files.args(), "--unit", "d")
    assert (code, err) == (0, "")
    assert "Disqualified: vi-pham Vi phạm (when cases > 0: 1 > 0); blocks bk" in out
    assert note in flat(out)
    code, out, err = run(capsys, "explain", *files.args(), "--unit", "d", "--format", "json")
    assert (code, err) == (0, "")
    assert note in out


def test_a_criterion_points_correction_replaces_the_lines_points_with_the_councils(tmp_path, capsys):
    body = "corrections:\n  - {unit: c, criterion: A.1, points: 84.5, reason: Hồ sơ thiếu minh chứng}\n" + BALLOTS
    files = make_round(tmp_path, body)
    record = reviewed(capsys, files)
    # c: A.1 computed 88.00, set to 84.50 → total 84.50 < d's 86.00 and < 85 (bk's minimum): bk goes to b and d
    assert outcome(record) == [
        ("a", 1, "95.00", ["flag"], ["flag"]),
        ("b", 2, "90.00", ["bk"], ["bk"]),
        ("d", 3, "86.00", ["bk"], ["bk"]),
        ("c", 4, "84.50", [], []),
        ("e", 5, "80.00", [], []),
    ]
    c = scored(record, "c")
    note = "set by the council: from 88.00 to 84.50, reason: Hồ sơ thiếu minh chứng"
    assert c["criteria"][0]["points"] == "84.50"
    # the record carries the note as a fact (code, params) with its text in both languages
    assert c["criteria"][0]["notes"] == [
        {
            "code": "set_by_council",
            "params": {"before": "88.00", "after": "84.50", "reason": "Hồ sơ thiếu minh chứng"},
            "text": {"vi": "Hội đồng chấm lại: từ 88,00 thành 84,50, lý do: Hồ sơ thiếu minh chứng", "en": note},
        }
    ]
    assert c["criteria"][0]["explanation"]["en"] == f"pts = 88 = 88; {note} → 84.50"
    assert c["criteria"][0]["inputs"] == {"pts": {"value": "88", "source": "reported"}}  # the value stands
    assert c["evidence"] == {}
    assert (c["groups"], c["classification"]["id"]) == ([{"id": "A", "points": "84.50", "max": "100"}], "tot")  # 84.50 < 90

    code, out, err = run(capsys, "explain", *files.args(), "--unit", "c")
    assert (code, err) == (0, "")
    assert f"pts = 88 = 88; {note} → 84.50" in flat(out)
    assert "Đơn vị c (c): 84.50 / 100 — Hoàn thành tốt nhiệm vụ" in out


@pytest.mark.parametrize(
    ("correction", "where", "message"),
    [
        ("{unit: zz, indicator: pts, value: 92, reason: x}", "12:12", "corrections[0].unit: unit 'zz' is not in the round"),
        (
            "{unit: a, indicator: ptss, value: 92, reason: x}",
            "12:26",
            "corrections[0]: unknown indicator 'ptss'; did you mean 'pts'?",
        ),
        ("{unit: a, criterion: A.9, points: 5, reason: x}", "12:26", "corrections[0].criterion: criterion 'A.9' does not exist"),
        (
            "{unit: a, criterion: A.1, points: 100.5, reason: x}",
            "12:39",
            "corrections[0].points: give the points the council sets, from 0 to 100",
        ),
        (
            "{unit: a, criterion: A.1, points: -1, reason: x}",
            "12:39",
            "corrections[0].points: give the points the council sets, from 0 to 100",
        ),
        (
            "{unit: a, criterion: A.1, points: 5.125, reason: x}",
            "12:39",
            "corrections[0].points: 5.125 has more decimal places than the round keeps",
        ),
        (
            "{unit: a, indicator: pts, value: 5, criterion: A.1, points: 5, reason: x}",
            "12:5",
            "corrections[0]: correct either an indicator (indicator, value) or a criterion (criterion, points)",
        ),
        (
            "{unit: a, reason: x}",
            "12:5",
            "corrections[0]: correct either an indicator (indicator, value) or a criterion (criterion, points)",
        ),
        # a stray key the engine would ignore, and the record carry
        (
            "{unit: a, indicator: pts, value: 5, points: 5, reason: x}",
            "12:5",
            "corrections[0]: correct either an indicator (indicator, value) or a criterion (criterion, points)",
        ),
        (
            "{unit: a, criterion: A.1, points: 5, value: 5, reason: x}",
            "12:5",
            "corrections[0]: correct either an indicator (indicator, value) or a criterion (criterion, points)",
        ),
        ("{unit: a, indicator: pts, value: 101, reason: x}", "12:38", "corrections[0]: 101 is above the maximum 100"),
        ("{unit: a, indicator: pts, reason: x}", "12:5", "corrections[0].value: give the corrected value"),
        ("{unit: a, indicator: pts, value: 90}", "12:5", "corrections[0].reason: missing (this field is required)"),
    ],
)
def test_a_wrong_correction_is_an_error_with_its_place(tmp_path, capsys, correction, where, message):
    files = make_round(tmp_path, f"corrections:\n  - {correction}\n" + BALLOTS)
    assert refused(capsys, files) == f"{files.review}:{where}: {message}\n1 problem(s) found.\n"


def test_every_wrong_reference_in_a_review_file_is_listed_in_one_run(tmp_path, capsys):
    body = (
        "corrections:\n"
        "  - {unit: zz, indicator: pts, value: 92, reason: x}\n"  # 12
        "  - {unit: a, criterion: A.9, points: 5, reason: x}\n"  # 13
        "decisions:\n"
        "  - {unit: a, award: flagg, decision: confirm}\n"  # 15
        "  - {unit: yy, award: none, decision: override, reason: R}\n"  # 16
        "ballots:\n"
        "  - {award: flag, unit: a, voters: 6, in_favour: 5, against: 1, abstain: 1}\n"  # 18
    )
    files = make_round(tmp_path, body)
    review = files.review
    assert refused(capsys, files) == (
        f"{review}:12:12: corrections[0].unit: unit 'zz' is not in the round\n"
        f"{review}:13:26: corrections[1].criterion: criterion 'A.9' does not exist\n"
        f"{review}:15:22: decisions[0].award: 'flagg' is not an award of the round (or write none)\n"
        f"{review}:16:12: decisions[1].unit: unit 'yy' is not in the round\n"
        f"{review}:18:5: ballots[0]: 5 + 1 + 1 votes are more than the 6 voters\n"
        "5 problem(s) found.\n"
    )


def test_a_review_for_another_round_is_refused(tmp_path, capsys):
    files = make_round(tmp_path, BALLOTS)
    files.review.write_text(files.review.read_text(encoding="utf-8").replace("round: r\n", "round: r2\n"), encoding="utf-8")
    assert refused(capsys, files) == (
        f"{files.review}:2:8: round: this review is for round 'r2', but the criteria are for round 'r'\n1 problem(s) found.\n"
    )


# --- the rules: each an error, or an acknowledged break the record carries ---------------------------------------------

# (body before 'acknowledged', the acknowledgement, its record key (rule, award, unit), the message, where, cases, approved_by)
BREAKS = [
    pytest.param(
        "decisions:\n" + CONFIRM_A + "  - {unit: d, award: bk, decision: override, reason: Thành tích đột xuất}\n" + BALLOTS,
        "{rule: quota, award: bk, reason: Trung ương cho thêm một suất}",
        ("quota", "bk", None),
        # b and c are proposed, d is given bk by the council: 3 holders > 2 seats; it points at d's decision (line 13)
        "Bằng khen: 3 units (b, c, d) exceed the quota of 2",
        "13:5",
        {},
        APPROVER,
        id="quota",
    ),
    pytest.param(
        "decisions:\n"
        + CONFIRM_A
        + "  - {unit: e, award: bk, decision: override, reason: Thành tích đột xuất}\n"
        + "  - {unit: c, award: none, decision: override, reason: Đơn vị xin nhường}\n"
        + BALLOTS,
        "{rule: eligibility, award: bk, unit: e, reason: Hội đồng xét đặc cách}",
        ("eligibility", "bk", "e"),
        "e is not eligible for Bằng khen: total 80.00 is below the minimum 85",  # 80 < 85
        "13:5",
        {},
        APPROVER,
        id="eligibility-min-total",
    ),
    pytest.param(
        "decisions:\n"
        + CONFIRM_A
        + "  - {unit: d, award: bk, decision: override, reason: Thành tích đột xuất}\n"
        + "  - {unit: c, award: none, decision: override, reason: Đơn vị xin nhường}\n"
        + BALLOTS,
        "{rule: eligibility, unit: d, reason: Vụ việc đã được xem xét}",
        ("eligibility", "bk", "d"),
        "d is not eligible for Bằng khen: blocked by disqualifier vi-pham (Vi phạm)",  # d has cases = 1
        "13:5",
        {"d": 1},
        APPROVER,
        id="eligibility-disqualifier",
    ),
    pytest.param(
        "decisions:\n" + CONFIRM_A + "ballots:\n  - {award: flag, unit: a, voters: 6, in_favour: 4, against: 1, abstain: 1}\n",
        "{rule: vote, award: flag, unit: a, reason: Bỏ phiếu lại được Hội đồng chấp thuận}",
        ("vote", "flag", "a"),
        "Cờ thi đua for a: 4 of 6 voters in favour (66.7%) is under the threshold of 80%",  # 4/6 = 66.67% < 80%
        "12:5",
        {},
        APPROVER,
        id="vote-under-threshold",
    ),
    pytest.param(
        "decisions:\n" + CONFIRM_A,
        "{rule: vote, reason: Phiếu bầu sẽ bổ sung}",
        ("vote", "flag", "a"),
        "Cờ thi đua for a: no ballot is recorded; the award needs 80% in favour",
        "12:5",
        {},
        APPROVER,
        id="vote-no-ballot",
    ),
    pytest.param(
        "decisions:\n" + CONFIRM_A + BALLOTS,
        "{rule: same_person, reason: Hội đồng chỉ có một thành viên có mặt}",
        ("same_person", None, None),
        # reviewed by "Lê Thị Thư", approved by the same name in capitals with doubled spaces (quoted on line 10)
        "the same person reviewed and approved (LÊ  THỊ THƯ ); two people must finalize",
        "10:14",
        {},
        '"LÊ  THỊ THƯ "',
        id="same-person",
    ),
]


@pytest.mark.parametrize(("body", "ack", "key", "message", "where", "cases", "approved_by"), BREAKS)
def test_a_broken_rule_is_an_error_naming_it(tmp_path, capsys, body, ack, key, message, where, cases, approved_by):
    files = make_round(tmp_path, body, cases=cases, approved_by=approved_by)
    assert refused(capsys, files) == f"{files.review}:{where}: {message}{ASK}\n1 problem(s) found.\n"


@pytest.mark.parametrize(("body", "ack", "key", "message", "where", "cases", "approved_by"), BREAKS)
def test_an_acknowledged_break_passes_and_the_record_carries_it(
    tmp_path, capsys, body, ack, key, message, where, cases, approved_by
):
    reason = ack.split("reason: ")[1].rstrip("}")
    files = make_round(tmp_path, body + f"acknowledged:\n  - {ack}\n", cases=cases, approved_by=approved_by)
    code, out, err = run(capsys, "review", *files.args(), "-o", str(files.record))
    assert (code, err) == (0, "")
    assert flat(f"acknowledged: {message} — reason: {reason}") in flat(out)
    record = json.loads(files.record.read_bytes())
    rule, award, unit = key
    (entry,) = record["acknowledged"]
    assert entry["message"]["text"]["en"] == message  # the breach as a fact, worded in both languages
    assert {k: entry[k] for k in ("rule", "award", "unit", "reason")} == {
        "rule": rule,
        "award": award,
        "unit": unit,
        "reason": reason,
    }


def test_a_quota_break_keeps_the_councils_tiers_and_reasons_in_the_outcome(tmp_path, capsys):
    body = "decisions:\n" + CONFIRM_A + "  - {unit: d, award: bk, decision: override, reason: Thành tích đột xuất}\n" + BALLOTS
    ack = "acknowledged:\n  - {rule: quota, award: bk, reason: Trung ương cho thêm một suất}\n"
    record = reviewed(capsys, make_round(tmp_path, body + ack))
    assert outcome(record) == [
        ("a", 1, "95.00", ["flag"], ["flag"]),
        ("b", 2, "90.00", ["bk"], ["bk"]),
        ("c", 3, "88.00", ["bk"], ["bk"]),
        ("d", 4, "86.00", [], ["bk"]),
        ("e", 5, "80.00", [], []),
    ]
    d = record["outcome"][3]
    assert (d["changed"], d["final_labels"], d["reasons"]) == (True, ["Bằng khen"], {"bk": "Thành tích đột xuất"})
    assert [o["changed"] for o in record["outcome"]] == [False, False, False, True, False]


@pytest.mark.parametrize(
    ("voters", "in_favour", "against", "carried"),
    [
        (5, 4, 1, True),  # 4 ≥ 0.8 × 5 = 4: exactly the threshold carries
        (6, 5, 0, True),  # 5 ≥ 4.8
        (6, 4, 2, False),  # 4 < 4.8
        (10, 7, 3, False),  # 7 < 8
    ],
)
def test_the_vote_threshold_is_in_favour_of_at_least_80_percent_of_the_voters(
    tmp_path, capsys, voters, in_favour, against, carried
):
    ballot = f"ballots:\n  - {{award: flag, unit: a, voters: {voters}, in_favour: {in_favour}, against: {against}, abstain: 0}}\n"
    files = make_round(tmp_path, "decisions:\n" + CONFIRM_A + ballot)
    code, _, err = run(capsys, "review", *files.args())
    if carried:
        assert (code, err) == (0, "")
    else:
        share = f"{in_favour * 100 / voters:.1f}"
        message = f"Cờ thi đua for a: {in_favour} of {voters} voters in favour ({share}%) is under the threshold of 80%"
        assert (code, err) == (1, f"{files.review}:12:5: {message}{ASK}\n1 problem(s) found.\n")


@pytest.mark.parametrize(
    ("reviewed_by", "approved_by", "same"),
    [
        ("Lê Thị Thư", "Lê Thị Thư", True),
        ("Lê Thị Thư", "LÊ THỊ THƯ", True),
        ("Lê Thị Thư", '"  lê   thị thư "', True),
        ("Lê Thị Thư", "Lê Thị Thu", False),  # ư is not u: another person
        ("Lê Thị Thư", "Lê Thị Thư Anh", False),
    ],
)
def test_the_same_person_check_ignores_case_and_spacing(tmp_path, capsys, reviewed_by, approved_by, same):
    files = make_round(tmp_path, "decisions:\n" + CONFIRM_A + BALLOTS, reviewed_by=reviewed_by, approved_by=approved_by)
    code, _, err = run(capsys, "review", *files.args())
    if same:
        name = approved_by.strip('"')
        message = f"the same person reviewed and approved ({name}); two people must finalize"
        assert (code, err) == (1, f"{files.review}:10:14: {message}{ASK}\n1 problem(s) found.\n")
    else:
        assert (code, err) == (0, "")


def test_an_override_without_a_reason_is_an_error_no_acknowledgement_accepts(tmp_path, capsys):
    body = (
        "decisions:\n"
        + CONFIRM_A
        + "  - {unit: d, award: bk, decision: override}\n"  # line 13
        + BALLOTS
        + "acknowledged:\n  - {rule: quota, award: bk, reason: Trung ương cho thêm một suất}\n"
    )
    files = make_round(tmp_path, body)
    assert refused(capsys, files) == f"{files.review}:13:5: decisions[1]: an override needs its reason\n1 problem(s) found.\n"


def test_an_override_reason_cannot_be_acknowledged_away(tmp_path, capsys):
    body = "decisions:\n" + CONFIRM_A + BALLOTS + "acknowledged:\n  - {rule: reason, reason: Không cần lý do}\n"  # line 16
    files = make_round(tmp_path, body)
    message = "acknowledged[0].rule: Input should be 'quota', 'eligibility', 'vote' or 'same_person' (got 'reason')"
    assert refused(capsys, files) == f"{files.review}:16:12: {message}\n1 problem(s) found.\n"


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        ("{unit: d, award: bk, decision: confirm}", "decisions[0]: confirms bk for d, but the proposal is no award"),
        ("{unit: b, award: flag, decision: confirm}", "decisions[0]: confirms flag for b, but the proposal is bk"),
    ],
)
def test_confirming_a_tier_that_was_not_proposed_is_an_error(tmp_path, capsys, decision, message):
    files = make_round(tmp_path, f"decisions:\n  - {decision}\n" + BALLOTS)
    # the award's value on line 12: "  - {unit: d, award: " is 21 characters
    assert refused(capsys, files) == f"{files.review}:12:22: {message}\n1 problem(s) found.\n"


def test_confirming_that_a_unit_proposed_nothing_gets_nothing_is_accepted(tmp_path, capsys):
    # e (80, under bk's 85) is proposed nothing; the council confirms exactly that. This is no rule break, and the
    # message "confirms none for e, but the proposal is no award" contradicts itself.
    files = make_round(tmp_path, "decisions:\n  - {unit: e, award: none, decision: confirm}\n" + BALLOTS)
    record = reviewed(capsys, files)
    assert outcome(record)[4] == ("e", 5, "80.00", [], [])
    assert (record["outcome"][4]["changed"], record["outcome"][4]["reasons"]) == (False, {})


@pytest.mark.parametrize(
    ("ack", "message"),
    [
        ("{rule: quota, award: bk, reason: R}", "acknowledged[0]: no quota rule is broken here; remove it"),
        ("{rule: eligibility, reason: R}", "acknowledged[0]: no eligibility rule is broken here; remove it"),
        ("{rule: vote, award: flag, unit: b, reason: R}", "acknowledged[0]: no vote rule is broken here; remove it"),
        ("{rule: same_person, reason: R}", "acknowledged[0]: no same_person rule is broken here; remove it"),
    ],
)
def test_an_acknowledgement_that_matches_no_break_is_an_error(tmp_path, capsys, ack, message):
    files = make_round(tmp_path, "decisions:\n" + CONFIRM_A + BALLOTS + f"acknowledged:\n  - {ack}\n")  # the ack is on line 16
    assert refused(capsys, files) == f"{files.review}:16:5: {message}\n1 problem(s) found.\n"


def test_an_acknowledgement_of_one_break_does_not_cover_another(tmp_path, capsys):
    # the vote for a fails (4 of 6), but the file acknowledges only a quota break that does not happen
    body = (
        "decisions:\n"
        + CONFIRM_A
        + "ballots:\n  - {award: flag, unit: a, voters: 6, in_favour: 4, against: 1, abstain: 1}\n"
        + "acknowledged:\n  - {rule: quota, award: flag, reason: R}\n"  # line 16
    )
    files = make_round(tmp_path, body)
    vote = "Cờ thi đua for a: 4 of 6 voters in favour (66.7%) is under the threshold of 80%"
    assert refused(capsys, files) == (
        f"{files.review}:12:5: {vote}{ASK}\n"
        f"{files.review}:16:5: acknowledged[0]: no quota rule is broken here; remove it\n"
        "2 problem(s) found.\n"
    )


# --- ambiguous review files: an award depends on them, so they are refused (STYLE: "refuse instead") ----------------


def refused_at(capsys: pytest.CaptureFixture[str], files: Files, line: int, message: str) -> None:
    """Refused with one problem on `line` (the second of two entries that contradict each other)."""
    assert refused(capsys, files) == f"{files.review}:{line}:5: {message}\n1 problem(s) found.\n"


def test_two_decisions_that_contradict_each_other_for_one_unit_are_an_error(tmp_path, capsys):
    # a confirmed flag and an override to "none" for the same unit: which holds would be a guess
    body = "decisions:\n" + CONFIRM_A + "  - {unit: a, award: none, decision: override, reason: Đơn vị xin nhường}\n" + BALLOTS
    refused_at(capsys, make_round(tmp_path, body), 13, "decisions[1]: contradicts the decision for a on line 12")


def test_two_ballots_for_the_same_award_and_unit_are_an_error(tmp_path, capsys):
    # 5 of 6 and 1 of 6 for the same award and unit: neither may silently win
    body = "decisions:\n" + CONFIRM_A + BALLOTS + "  - {award: flag, unit: a, voters: 6, in_favour: 1, against: 5, abstain: 0}\n"
    refused_at(capsys, make_round(tmp_path, body), 15, "ballots[1]: a second ballot for flag / a (the first is on line 14)")


def test_two_corrections_of_the_same_value_are_an_error(tmp_path, capsys):
    # 92 then 70 for the same value: the last would win and the first leave no trace
    body = (
        "corrections:\n"
        "  - {unit: d, indicator: pts, value: 92, reason: Bổ sung số liệu}\n"
        "  - {unit: d, indicator: pts, value: 70, reason: Trừ số liệu trùng}\n" + BALLOTS
    )
    refused_at(capsys, make_round(tmp_path, body), 13, "corrections[1]: a second correction of d / pts (the first is on line 12)")


# --- the record --------------------------------------------------------------------------------------------------------


def test_the_record_of_the_bundled_example_holds_digests_engine_tiers_ballots_and_decisions(tmp_path, capsys):
    review = CCB_FOLDER / "review.yaml"
    out_file = tmp_path / "record.json"
    code, out, err = run(capsys, "review", str(CCB_CRITERIA), str(CCB_FOLDER), "--decisions", str(review), "-o", str(out_file))
    assert (code, err) == (0, "")
    data = out_file.read_bytes()
    assert flat(f"Record written: {out_file} (SHA-256 {hashlib.sha256(data).hexdigest()})") in flat(out)
    record = json.loads(data)
    assert record["format"] == "thidua-record/2"
    assert record["engine"] == f"thidua {scoring.__version__}"
    assert record["round"] == "hoi-ccb-cum-3-2023"
    # the paths are relative to the inputs' common folder, the repository, itself named from the record's folder
    base = Path(os.path.relpath(ROOT, tmp_path)).as_posix()
    assert record["inputs"] == {
        "base": base,
        "criteria": {"path": "criteria/hoi-ccb-cum-3/2023.yaml", "sha256": sha(CCB_CRITERIA)},
        "submissions": [{"path": f"examples/hoi-ccb-cum-3/2023/{name}", "sha256": sha(CCB_FOLDER / name)} for name in CCB_FILES],
        "review": {"path": "examples/hoi-ccb-cum-3/2023/review.yaml", "sha256": sha(review)},
        "previous": [],  # the 2023 formulas read no previous round
    }
    assert len(record["inputs"]["submissions"]) == 6
    # every scorecard, and the proposal for every unit
    units = {"bac-giang", "bac-kan", "bac-ninh", "cao-bang", "lang-son", "thai-nguyen"}
    assert {u["unit"] for u in record["scores"]["units"]} == units
    assert {u["unit"] for u in record["proposal"]["units"]} == units
    # computed beside final: the flag to Cao Bằng and the Bằng khen to Thái Nguyên confirmed, Bắc Kạn's given up
    rows = {o["unit"]: (o["computed"], o["final"], o["changed"]) for o in record["outcome"]}
    flag, bk = "co-thi-dua-tw", "bang-khen-tw"
    assert rows == {
        "cao-bang": ([flag], [flag], False),
        "thai-nguyen": ([bk], [bk], False),
        "bac-kan": ([bk], [], True),
        "bac-giang": ([], [], False),
        "lang-son": ([], [], False),
        "bac-ninh": ([], [], False),
    }
    bac_kan = next(o for o in record["outcome"] if o["unit"] == "bac-kan")
    assert list(bac_kan["reasons"]) == ["none"]
    assert bac_kan["reasons"]["none"].startswith("Đơn vị Cụm trưởng năm 2023 xin nhường Bằng khen")
    assert record["ballots"] == [
        {"award": flag, "unit": "cao-bang", "voters": 6, "in_favour": 6, "against": 0, "abstain": 0},
        {"award": bk, "unit": "thai-nguyen", "voters": 6, "in_favour": 5, "against": 0, "abstain": 1},
    ]
    assert [(d["unit"], d["award"], d["decision"]) for d in record["decisions"]] == [
        ("cao-bang", flag, "confirm"),
        ("thai-nguyen", bk, "confirm"),
        ("bac-kan", "none", "override"),
    ]
    assert (record["reviewed_by"], record["approved_by"]) == (
        "Nông Văn Triệu (thư ký Hội đồng)",
        "Thiếu tướng Triệu Văn Ngô (Cụm trưởng)",
    )
    assert record["meeting"]["date"] == "10/10/2023"
    assert record["acknowledged"] == []
    assert [
        (c["unit"], c.get("indicator"), c.get("value"), c.get("criterion"), c.get("points")) for c in record["corrections"]
    ] == [
        ("bac-kan", "new_members", "330", None, None),
        ("lang-son", None, None, "IV.3", "2.5"),
    ]


def test_the_bundled_examples_corrections_reach_the_recorded_scorecards(tmp_path, capsys):
    out_file = tmp_path / "record.json"
    args = [str(CCB_CRITERIA), str(CCB_FOLDER), "--decisions", str(CCB_FOLDER / "review.yaml"), "-o", str(out_file)]
    assert run(capsys, "review", *args)[0] == 0
    record = json.loads(out_file.read_bytes())
    bac_kan = scored(record, "bac-kan")
    used = [line["inputs"]["new_members"] for line in bac_kan["criteria"] if "new_members" in line["inputs"]]
    assert used
    assert {u["value"] for u in used} == {"330"}
    assert {u["correction"]["en"] for u in used} == {
        "corrected by the council: from 318 to 330, reason: Bổ sung 12 hội viên kết nạp đợt ngày 30/9/2023, có quyết định"
        " kèm theo; the unit's explanation: Đơn vị tổng hợp báo cáo trước khi có quyết định kết nạp đợt cuối tháng 9"
    }
    line = next(c for c in scored(record, "lang-son")["criteria"] if c["id"] == "IV.3")
    # IV.3 = max_points × security_rating / 3 = 4 × 3 / 3 = 4 as reported; the council sets 2.5
    assert line["points"] == "2.50"
    assert line["notes"][-1]["text"]["en"] == (
        'set by the council: from 4.00 to 2.50, reason: Văn bản nhận xét của Công an tỉnh chỉ xác nhận mức "Tốt"'
        " cho 6 tháng cuối năm"
    )
    assert line["notes"][-1]["params"] == {
        "before": "4.00",
        "after": "2.50",
        "reason": 'Văn bản nhận xét của Công an tỉnh chỉ xác nhận mức "Tốt" cho 6 tháng cuối năm',
    }


def test_the_record_of_a_small_round_holds_its_inputs_digests(tmp_path, capsys):
    files = make_round(tmp_path, "decisions:\n" + CONFIRM_A + BALLOTS)
    record = reviewed(capsys, files)
    assert record["inputs"] == {  # the record lies beside its inputs: their folder is its own
        "base": ".",
        "criteria": {"path": "criteria.yaml", "sha256": sha(files.criteria)},
        "submissions": [{"path": "submissions.csv", "sha256": sha(files.submissions)}],
        "review": {"path": "review.yaml", "sha256": sha(files.review)},
        "previous": [],
    }
    assert record["engine"] == f"thidua {scoring.__version__}"
    assert record["decisions"] == [{"unit": "a", "award": "flag", "decision": "confirm"}]
    assert record["ballots"] == [{"award": "flag", "unit": "a", "voters": 6, "in_favour": 5, "against": 1, "abstain": 0}]
    assert (record["reviewed_by"], record["approved_by"]) == (REVIEWER, APPROVER)


def test_review_without_output_writes_nothing_and_says_so(tmp_path, capsys):
    files = make_round(tmp_path, BALLOTS)
    code, out, err = run(capsys, "review", *files.args())
    assert (code, err) == (0, "")
    assert out.endswith("No record written: give -o RECORD.json to write the decision record.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml", "review.yaml", "submissions.csv"]


def test_an_existing_record_is_replaced_only_with_force(tmp_path, capsys):
    files = make_round(tmp_path, BALLOTS)
    files.record.write_bytes(b"old record\n")
    code, _, err = run(capsys, "review", *files.args(), "-o", str(files.record))
    assert (code, err) == (1, f"thidua: {files.record} already exists; give --force to replace it\n")
    assert files.record.read_bytes() == b"old record\n"
    code, _, err = run(capsys, "review", *files.args(), "-o", str(files.record), "--force")
    assert (code, err) == (0, "")
    assert json.loads(files.record.read_bytes())["format"] == "thidua-record/2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria.yaml", "record.json", "review.yaml", "submissions.csv"]


# --- verify ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    criteria: Path
    folder: Path
    review: Path
    record: Path


@pytest.fixture
def example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Example:
    """A copy of the bundled example with its decision record, so that a test may change any file."""
    copy = Example(tmp_path / "criteria.yaml", tmp_path / "sub", tmp_path / "sub" / "review.yaml", tmp_path / "record.json")
    shutil.copyfile(CCB_CRITERIA, copy.criteria)
    shutil.copytree(CCB_FOLDER, copy.folder)
    args = [str(copy.criteria), str(copy.folder), "--decisions", str(copy.review), "-o", str(copy.record)]
    code, _, err = run(capsys, "review", *args)
    assert (code, err) == (0, "")
    return copy


def verified(capsys: pytest.CaptureFixture[str], record: Path, *args: str) -> tuple[int, list[str]]:
    """`thidua verify`: its exit code and the differences it names (after 'DIFFERENT: ')."""
    code, out, err = run(capsys, "verify", str(record), *args)
    assert err == ""
    lines = out.splitlines()
    differences = [line.removeprefix("DIFFERENT: ") for line in lines if line.startswith("DIFFERENT: ")]
    if code == 0:
        assert flat(out) == flat(f"{record}: verified: the input files give this record exactly.")
    else:
        assert flat(lines[-1]).startswith(flat(f"{record}: NOT verified: {len(differences)} difference(s) in "))
    return code, differences


def one_byte(path: Path) -> tuple[str, str]:
    """Change one byte inside the file's first comment ('# B…' → '# C…'); the digests before and after."""
    data = bytearray(path.read_bytes())
    before = hashlib.sha256(data).hexdigest()
    assert data.startswith(b"# ")
    data[2] ^= 1  # an ASCII letter becomes its neighbour: 'B' → 'C', 'K' → 'J'
    path.write_bytes(bytes(data))
    return before, hashlib.sha256(data).hexdigest()


def changed(what: str, path: Path, now: str, recorded: str) -> str:
    return f"{what} {path}: its SHA-256 is {now[:16]}…, the record has {recorded[:16]}…: the file changed"


def test_verify_accepts_a_fresh_record(example, capsys):
    assert verified(capsys, example.record) == (0, [])


def test_verify_names_a_criteria_file_changed_by_one_byte(example, capsys):
    before, now = one_byte(example.criteria)
    code, differences = verified(capsys, example.record)
    assert code == 1
    # the digest is also inside the scores and the proposal
    assert differences == [
        changed("criteria file", example.criteria, now, before),
        f'scores.criteria_sha256: the record has "{before}", the inputs give "{now}"',
        f'proposal.criteria_sha256: the record has "{before}", the inputs give "{now}"',
    ]


def test_verify_names_a_submission_file_changed_by_one_byte(example, capsys):
    path = example.folder / "cao-bang.yaml"
    before, now = one_byte(path)
    code, differences = verified(capsys, example.record)
    assert code == 1
    record = json.loads(example.record.read_bytes())
    i = [u["unit"] for u in record["scores"]["units"]].index("cao-bang")
    assert differences == [
        changed("submission file", path, now, before),
        f'scores.units[{i}].submission_sha256: the record has "{before}", the inputs give "{now}"',
    ]


def test_verify_names_a_review_file_changed_by_one_byte(example, capsys):
    before, now = one_byte(example.review)
    assert verified(capsys, example.record) == (1, [changed("review file", example.review, now, before)])


def edit_record(path: Path, change: Any) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(path.read_bytes())
    change(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return record


def test_verify_names_a_total_edited_in_the_record(example, capsys):
    recorded = json.loads(example.record.read_bytes())["outcome"][0]["total"]
    assert recorded != "99.99"
    edit_record(example.record, lambda r: r["outcome"][0].update(total="99.99"))
    # in the council's terms: the unit, the figure, the two values; the place in the record last
    assert verified(capsys, example.record) == (
        1,
        [
            f"Hội CCB tỉnh Cao Bằng — total points: the record has 99.99, the inputs give {recorded}"
            " (in the record: outcome[0].total)"
        ],
    )


def test_verify_names_points_and_votes_edited_in_the_record(example, capsys):
    def change(record: dict[str, Any]) -> None:
        record["scores"]["units"][1]["criteria"][0]["points"] = "0.00"
        record["ballots"][1]["in_favour"] = 6  # the review file says 5

    before = json.loads(example.record.read_bytes())
    points = before["scores"]["units"][1]["criteria"][0]["points"]
    assert points != "0.00"
    edit_record(example.record, change)
    assert verified(capsys, example.record) == (
        1,
        [
            "ballots[1].in_favour: the record has 6, the inputs give 5",
            f"{before['scores']['units'][1]['name']} — criterion I.1: the record has 0.00, the inputs give {points}"
            " (in the record: scores.units[1].criteria[0].points)",
        ],
    )


def test_verify_names_a_decision_or_tier_edited_in_the_record(example, capsys):
    def change(record: dict[str, Any]) -> None:
        record["decisions"][0]["decision"] = "override"
        bac_kan = next(o for o in record["outcome"] if o["unit"] == "bac-kan")
        bac_kan["final"] = ["bang-khen-tw"]

    edit_record(example.record, change)
    record = json.loads(example.record.read_bytes())
    i = [o["unit"] for o in record["outcome"]].index("bac-kan")
    assert verified(capsys, example.record) == (
        1,
        [
            'decisions[0].decision: the record has "override", the inputs give "confirm"',
            f"Hội CCB tỉnh Bắc Kạn — awards decided: the record has bang-khen-tw, the inputs give none (in the record:"
            f" outcome[{i}].final)",
        ],
    )


def test_verify_names_an_edited_engine_version(example, capsys):
    edit_record(example.record, lambda r: r.update(engine="thidua 0.0.0"))
    assert verified(capsys, example.record) == (
        1,
        [f"engine: the record was made by thidua 0.0.0, this is thidua {scoring.__version__}"],
    )


def test_verify_reports_decisions_the_rules_no_longer_allow(example, capsys):
    text = example.review.read_text(encoding="utf-8")
    recorded = sha(example.review)
    assert text.count("in_favour: 6,") == 1
    example.review.write_text(text.replace("in_favour: 6,", "in_favour: 4,"), encoding="utf-8")  # one byte: 6 → 4
    line = text.splitlines().index("  - {unit: cao-bang, award: co-thi-dua-tw, decision: confirm}") + 1
    vote = f"{FLAG_CCB} for cao-bang: 4 of 6 voters in favour (66.7%) is under the threshold of 80%"  # 4/6 < 0.8
    assert verified(capsys, example.record) == (
        1,
        [
            changed("review file", example.review, sha(example.review), recorded),
            f"the inputs no longer give a valid record: {example.review}:{line}:5: {vote}{ASK}",
        ],
    )


def test_verify_with_other_criteria_whose_vote_the_ballot_misses(example, capsys, tmp_path):
    # the same criteria, but the Bằng khen now needs 100% in favour: Thái Nguyên's 5 of 6 no longer carry it
    text = example.criteria.read_text(encoding="utf-8")
    bk = "requires: {min_total: 85, classification: [xuat-sac, tot]}\n    vote: 80%"
    assert text.count(bk) == 1
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(text.replace(bk, bk.replace("80%", "100%")), encoding="utf-8")
    review_text = example.review.read_text(encoding="utf-8")
    line = review_text.splitlines().index("  - {unit: thai-nguyen, award: bang-khen-tw, decision: confirm}") + 1
    vote = f"{BK_CCB} for thai-nguyen: 5 of 6 voters in favour (83.3%) is under the threshold of 100%"  # 5/6 = 83.3%
    code, differences = verified(capsys, example.record, "--criteria", str(stricter))
    assert (code, differences) == (
        1,
        [
            changed("criteria file", stricter, sha(stricter), sha(example.criteria)),
            f"the inputs no longer give a valid record: {example.review}:{line}:5: {vote}{ASK}",
        ],
    )


def test_verify_accepts_identical_copies_given_as_overrides(example, capsys, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(example.folder, moved / "sub")
    shutil.copyfile(example.criteria, moved / "criteria.yaml")
    args = ["--criteria", str(moved / "criteria.yaml"), "--submissions", str(moved / "sub")]
    assert verified(capsys, example.record, *args, "--decisions", str(moved / "sub" / "review.yaml")) == (0, [])
    shutil.rmtree(example.folder)  # the recorded files are gone; the copies still verify
    example.criteria.unlink()
    assert verified(capsys, example.record, *args, "--decisions", str(moved / "sub" / "review.yaml")) == (0, [])


def test_verify_with_other_submissions_names_them(example, capsys, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(example.folder, other)
    before, now = one_byte(other / "cao-bang.yaml")
    code, differences = verified(capsys, example.record, "--submissions", str(other))
    record = json.loads(example.record.read_bytes())
    i = [u["unit"] for u in record["scores"]["units"]].index("cao-bang")
    assert (code, differences) == (
        1,
        [
            "the submission files given are not those recorded (their digests differ)",
            f'scores.units[{i}].submission_sha256: the record has "{before}", the inputs give "{now}"',
        ],
    )


def test_verify_names_an_input_file_that_is_gone(example, capsys):
    example.criteria.unlink()
    assert verified(capsys, example.record) == (
        1,
        [
            f"criteria file {example.criteria}: cannot read the file: No such file or directory",
            f"the inputs no longer give a valid record: {example.criteria}:1:1: cannot read the file: No such file or directory",
        ],
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json\n", "1:1: not a decision record: Expecting value"),
        (b'{"format": "thidua/1"}\n', "1:1: not a decision record (format thidua-record/2)"),
        (b"[1, 2]\n", "1:1: not a decision record (format thidua-record/2)"),
        (b"\xff\n", "1:1: not a decision record: text that is not UTF-8, or half a surrogate pair"),
        # found by a helper's mutation run: each was a traceback
        (
            b'{"format": "thidua-record/2", "title": "x\\ud800"}\n',
            "1:1: not a decision record: text that is not UTF-8, or half a surrogate pair",
        ),
        (b'{"n": ' + b"9" * 5000 + b"}\n", "1:1: not a decision record: numbers too long or nesting too deep"),
        (b"[" * 100_000 + b"]" * 100_000, "1:1: not a decision record: numbers too long or nesting too deep"),
        (
            b'{"format": "thidua-record/2", "format": "thidua-record/2"}\n',
            "1:1: not a decision record: the key 'format' is given twice",
        ),
    ],
)
def test_verify_refuses_a_file_that_is_not_a_record(tmp_path, capsys, content, message):
    path = tmp_path / "record.json"
    path.write_bytes(content)
    code, out, err = run(capsys, "verify", str(path))
    assert (code, out, err) == (1, "", f"{path}:{message}\n1 problem(s) found.\n")


def test_verify_refuses_a_missing_record(tmp_path, capsys):
    path = tmp_path / "record.json"
    code, out, err = run(capsys, "verify", str(path))
    assert (code, out, err) == (1, "", f"{path}:1:1: cannot read the file: No such file or directory\n1 problem(s) found.\n")


def test_verify_names_a_record_without_inputs(example, capsys):
    edit_record(example.record, lambda r: r.pop("inputs"))
    assert verified(capsys, example.record) == (1, ["the record has no complete 'inputs' section"])


def test_verify_names_a_record_whose_inputs_lack_a_digest(example, capsys):
    # a hand-edited record without inputs.criteria.sha256: a message and exit 1, not a KeyError traceback
    edit_record(example.record, lambda r: r["inputs"]["criteria"].pop("sha256"))
    assert verified(capsys, example.record) == (1, ["the record has no complete 'inputs' section"])


# --- hostile records (found by a helper's mutation run: each was a traceback or a hang) ---------------------------------


@pytest.mark.parametrize("previous", [5, [{}], [{"path": 5, "sha256": "x"}], "text"])
def test_verify_names_a_record_whose_previous_files_are_not_a_list_of_files(example, capsys, previous):
    edit_record(example.record, lambda r: r["inputs"].update(previous=previous))
    assert verified(capsys, example.record) == (1, ["the record has no complete 'inputs' section"])


def test_verify_finds_a_submission_recorded_with_a_path_written_another_way(example, capsys, monkeypatch):
    monkeypatch.chdir(example.folder.parent)

    def dotted(record: dict[str, Any]) -> None:
        for entry in record["inputs"]["submissions"]:
            entry["path"] = "./" + entry["path"].replace("/", "//")

    edit_record(example.record, dotted)
    # the paths still name the same files; where a record says its inputs lie is not part of what it proves
    assert verified(capsys, example.record) == (0, [])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_verify_does_not_wait_on_a_pipe_named_as_an_input(example, capsys):
    pipe = example.folder.parent / "pipe.yaml"
    os.mkfifo(pipe)
    edit_record(example.record, lambda r: r["inputs"]["criteria"].update(path="pipe.yaml"))
    code, differences = verified(capsys, example.record)
    assert code == 1
    assert differences[0] == f"criteria file {pipe}: cannot read the file: it is not a regular file (a pipe or a device)"


def test_verify_names_an_input_path_with_a_nul(example, capsys):
    edit_record(example.record, lambda r: r["inputs"]["review"].update(path="re\x00view.yaml"))
    code, differences = verified(capsys, example.record)
    assert code == 1
    # printed with the NUL as code (\x00): no control character from an input reaches the terminal
    assert (
        differences[0] == f"review file {example.record.parent}/re\\x00view.yaml: cannot read the file: its name contains a NUL"
    )


def test_an_output_that_is_one_of_the_inputs_is_refused_even_with_force(example, capsys):
    before = example.review.read_bytes()
    args = [str(example.criteria), str(example.folder), "--decisions", str(example.review), "-o", str(example.review)]
    code, out, err = run(capsys, "review", *args, "--force")
    assert (code, out) == (2, "")
    assert err == f"thidua: {example.review}: this is one of the input files; write the output to another file\n"
    assert example.review.read_bytes() == before


# --- Vietnamese, the users' default: the review's problems and breaches -------------------------------------------------

VI_ASK = " (nếu Hội đồng đã quyết định như vậy, hãy ghi nhận ở mục 'acknowledged' kèm lý do)"


def problems_vi(error: pytest.ExceptionInfo[InvalidInput]) -> list[str]:
    with wording.use("vi"):
        return [str(p) for p in error.value.problems]


def test_every_wrong_reference_in_a_review_file_is_named_in_vietnamese(tmp_path):
    body = (
        "corrections:\n"
        "  - {unit: zz, indicator: pts, value: 92, reason: x}\n"  # 12
        "  - {unit: a, criterion: A.9, points: 5, reason: x}\n"  # 13
        "  - {unit: b, criterion: A.1, points: 5.125, reason: x}\n"  # 14
        "decisions:\n"
        "  - {unit: a, award: flagg, decision: confirm}\n"  # 16
        "  - {unit: c, award: none, decision: override}\n"  # 17
        "ballots:\n"
        "  - {award: flag, unit: a, voters: 6, in_favour: 5, against: 1, abstain: 1}\n"  # 19
    )
    files = make_round(tmp_path, body)
    with pytest.raises(InvalidInput) as raised:
        load_review(files.review, load_criteria(files.criteria))
    review = files.review
    assert problems_vi(raised) == [
        f"{review}:12:12: corrections[0].unit: đơn vị 'zz' không có trong đợt xét",
        f"{review}:13:26: corrections[1].criterion: không có tiêu chí 'A.9'",
        f"{review}:14:39: corrections[2].points: 5,125 có nhiều chữ số thập phân hơn số chữ số mà đợt xét giữ lại",
        f"{review}:16:22: decisions[0].award: 'flagg' không phải là hình thức khen thưởng của đợt xét (hoặc ghi none)",
        f"{review}:17:5: decisions[1]: quyết định thay đổi (override) phải ghi lý do",
        f"{review}:19:5: ballots[0]: 5 + 1 + 1 phiếu, nhiều hơn số 6 người bỏ phiếu",
    ]


def test_a_second_ballot_and_a_contradicting_decision_are_named_in_vietnamese(tmp_path):
    body = (
        "decisions:\n"
        + CONFIRM_A
        + "  - {unit: a, award: none, decision: override, reason: Đơn vị xin nhường}\n"  # 13
        + BALLOTS  # 15
        + "  - {award: flag, unit: a, voters: 6, in_favour: 1, against: 5, abstain: 0}\n"  # 16
    )
    files = make_round(tmp_path, body)
    with pytest.raises(InvalidInput) as raised:
        load_review(files.review, load_criteria(files.criteria))
    assert problems_vi(raised) == [
        f"{files.review}:13:5: decisions[1]: mâu thuẫn với quyết định cho a ở dòng 12",
        f"{files.review}:16:5: ballots[1]: kết quả bỏ phiếu cho flag / a được ghi lần thứ hai (lần thứ nhất ở dòng 15)",
    ]


# (body, the breach as a fact, where, its Vietnamese wording); the units' totals are TOTALS
BREACHES_VI = [
    pytest.param(
        "decisions:\n" + CONFIRM_A + "  - {unit: d, award: bk, decision: override, reason: Thành tích đột xuất}\n" + BALLOTS,
        Breach("bk", None, OverQuota("Bằng khen", ("b", "c", "d"), 2, None), None, ("decisions", 1)),
        "13:5",
        "Bằng khen: 3 đơn vị (b, c, d) vượt quá chỉ tiêu 2 suất",
        id="quota",
    ),
    pytest.param(
        # a holds the flag and is given the Bằng khen too: one tier per unit (b keeps the other seat, c gives it up)
        "decisions:\n"
        + CONFIRM_A
        + "  - {unit: a, award: bk, decision: override, reason: Thành tích đột xuất}\n"
        + "  - {unit: c, award: none, decision: override, reason: Đơn vị xin nhường}\n"
        + BALLOTS,
        Breach(
            "bk",
            "a",
            Ineligible("a", "Bằng khen", (msg("it also holds {award}, and one tier per unit is the rule", award="Cờ thi đua"),)),
            None,
            ("decisions", 1),
        ),
        "13:5",
        "a không đủ điều kiện nhận Bằng khen: đơn vị đã nhận Cờ thi đua, trong khi mỗi đơn vị chỉ được nhận một mức khen thưởng",
        id="eligibility",
    ),
    pytest.param(
        "decisions:\n" + CONFIRM_A + "ballots:\n  - {award: flag, unit: a, voters: 6, in_favour: 4, against: 1, abstain: 1}\n",
        Breach("flag", "a", VoteShort("Cờ thi đua", "a", 4, 6, Decimal("0.8")), None, ("decisions", 0)),
        "12:5",
        "Cờ thi đua cho a: 4/6 người bỏ phiếu tán thành (66,7%), chưa đạt tỷ lệ 80%",
        id="vote-under-threshold",
    ),
    pytest.param(
        "decisions:\n" + CONFIRM_A,
        Breach("flag", "a", NoBallot("Cờ thi đua", "a", Decimal("0.8")), None, ("decisions", 0)),
        "12:5",
        "Cờ thi đua cho a: chưa ghi kết quả bỏ phiếu; hình thức này cần ít nhất 80% số phiếu tán thành",
        id="vote-no-ballot",
    ),
]


@pytest.mark.parametrize(("body", "breach", "where", "worded"), BREACHES_VI)
def test_a_broken_rule_is_a_fact_worded_in_vietnamese(tmp_path, body, breach, where, worded):
    files = make_round(tmp_path, body)
    with pytest.raises(InvalidInput) as raised:
        decide_round(files.criteria, [files.submissions], files.review)
    assert problems_vi(raised) == [f"{files.review}:{where}: {worded}{VI_ASK}"]
    # acknowledged, the breach is the fact, its reason beside it
    ack = f"acknowledged:\n  - {{rule: {breach.rule}, reason: R}}\n"
    files.review.write_text(files.review.read_text(encoding="utf-8") + ack, encoding="utf-8")
    assert decide_round(files.criteria, [files.submissions], files.review).decided.breaches == (
        replace(breach, acknowledged="R"),
    )


def test_the_same_person_is_named_in_vietnamese(tmp_path):
    files = make_round(tmp_path, "decisions:\n" + CONFIRM_A + BALLOTS, approved_by='"LÊ  THỊ THƯ "')
    with pytest.raises(InvalidInput) as raised:
        decide_round(files.criteria, [files.submissions], files.review)
    worded = "cùng một người vừa thẩm định vừa phê duyệt (LÊ  THỊ THƯ ); việc hoàn tất hồ sơ cần hai người khác nhau"
    assert problems_vi(raised) == [f"{files.review}:10:14: {worded}{VI_ASK}"]


def test_a_quota_broken_in_a_cluster_names_the_cluster():
    fact = OverQuota("Bằng khen", ("b", "c"), 1, "cum-1")
    assert word(breach_message(fact), "en") == "Bằng khen: 2 units in cluster cum-1 (b, c) exceed the quota of 1"
    assert word(breach_message(fact), "vi") == "Bằng khen: 2 đơn vị trong cụm cum-1 (b, c) vượt quá chỉ tiêu 1 suất"


def test_a_vote_share_is_rounded_to_one_place_and_shown_with_a_decimal_comma():
    fact = VoteShort("Cờ thi đua", "a", 5, 7, Decimal("0.75"))  # 5/7 = 71.43% < 75%
    assert word(breach_message(fact), "en") == "Cờ thi đua for a: 5 of 7 voters in favour (71.4%) is under the threshold of 75%"
    assert word(breach_message(fact), "vi") == "Cờ thi đua cho a: 5/7 người bỏ phiếu tán thành (71,4%), chưa đạt tỷ lệ 75%"


def test_a_correction_is_a_fact_worded_in_vietnamese_and_kept_in_english_in_the_scorecards(tmp_path):
    files = make_round(tmp_path, INDICATOR_FIX + BALLOTS)
    fact = Correction(Decimal(86), Decimal(92), "Bổ sung số liệu quý IV", "Đơn vị báo cáo trước khi có số liệu quý IV")
    assert word(fact.message(), "vi") == (
        "Hội đồng điều chỉnh: từ 86 thành 92, lý do: Bổ sung số liệu quý IV;"
        " giải trình của đơn vị: Đơn vị báo cáo trước khi có số liệu quý IV"
    )
    assert word(Correction(None, Decimal(80), "Số liệu bổ sung", None).message(), "vi") == (
        "Hội đồng điều chỉnh: từ không có giá trị thành 80, lý do: Số liệu bổ sung"
    )
    with wording.use("vi"):  # the scorecards carry the note as a fact, worded when shown
        reviewed = decide_round(files.criteria, [files.submissions], files.review)
    assert reviewed.results.scorecard("d").submission.values["pts"].correction == fact.message()
    assert word(fact.message(), "en") == NOTE_D


# --- the record's model ------------------------------------------------------------------------------------------------


def small_records(folder: Path) -> dict[str, Files]:
    """Rounds whose records hold acknowledged breaches, corrections of every kind and an override to none."""
    bodies = {
        "breaches": "decisions:\n"
        + CONFIRM_A
        + "  - {unit: d, award: bk, decision: override, reason: R1}\n"
        + "  - {unit: e, award: bk, decision: override, reason: R2}\n"
        + "  - {unit: c, award: none, decision: override, reason: R3}\n"
        + "acknowledged:\n  - {rule: quota, award: bk, reason: Q}\n  - {rule: eligibility, reason: E}\n"
        + "  - {rule: vote, reason: V}\n",
        "corrections": INDICATOR_FIX.rstrip("\n")
        + "\n  - {unit: c, criterion: A.1, points: 84.5, reason: Thiếu minh chứng, evidence: BB 02, explanation: Đã bổ sung}\n"
        + "  - {unit: e, indicator: cases, value: 0, reason: Đã xoá kỷ luật}\n"
        + BALLOTS,
    }
    made = {}
    for name, body in bodies.items():
        (folder / name).mkdir()
        made[name] = make_round(folder / name, body, cases={"e": 1})
    return made


def test_the_records_model_gives_back_the_bytes_it_was_read_from(tmp_path):
    rounds = {"example": (CCB_CRITERIA, [CCB_FOLDER], CCB_FOLDER / "review.yaml")}
    rounds |= {name: (f.criteria, [f.submissions], f.review) for name, f in small_records(tmp_path).items()}
    for name, (criteria, submissions, review) in rounds.items():
        data = record_bytes(decide_round(criteria, submissions, review), tmp_path / "record.json")
        record = record_from(parse_record(data, name), name)
        assert record.encoded() == data, name
    assert [
        a.rule
        for a in record_from(
            parse_record(record_bytes(decide_round(*rounds["breaches"]), tmp_path / "r.json"), "r"), "r"
        ).acknowledged
    ] == [
        "quota",
        "vote",
        "eligibility",
    ]


def test_the_record_is_written_the_same_whatever_the_language(tmp_path):
    for files in small_records(tmp_path).values():
        with wording.use("vi"):
            vi = record_bytes(decide_round(files.criteria, [files.submissions], files.review), tmp_path / "r.json")
        with wording.use("en"):
            en = record_bytes(decide_round(files.criteria, [files.submissions], files.review), tmp_path / "r.json")
        assert vi == en
    record = json.loads(vi)
    assert record["acknowledged"] == []
    assert record["corrections"] == [
        {
            "unit": "d",
            "indicator": "pts",
            "value": "92",
            "reason": "Bổ sung số liệu quý IV",
            "evidence": "BB số 01/KTC",
            "explanation": "Đơn vị báo cáo trước khi có số liệu quý IV",
            "before": "86",
        },
        {
            "unit": "c",
            "criterion": "A.1",
            "points": "84.5",
            "reason": "Thiếu minh chứng",
            "evidence": "BB 02",
            "explanation": "Đã bổ sung",
            "before": "88.00",
        },
        {"unit": "e", "indicator": "cases", "value": "0", "reason": "Đã xoá kỷ luật", "before": "1"},
    ]


def test_a_loaded_record_gives_typed_values(example):
    record = load_record(example.record)
    bac_kan = next(o for o in record.outcome if o.unit == "bac-kan")
    assert (bac_kan.total, bac_kan.computed, bac_kan.final, bac_kan.changed) == (Decimal("86.33"), ("bang-khen-tw",), (), True)
    assert record.corrections[0].value == Decimal(330)
    assert record.corrections[1].points == Decimal("2.5")
    assert record.meeting.date == "10/10/2023"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda r: r["outcome"][0].update(total=93.94), "outcome[0].total"),  # a number, not decimal text
        (lambda r: r["ballots"][0].update(voters=True), "ballots[0].voters"),
        (lambda r: r["inputs"]["criteria"].pop("sha256"), "inputs.criteria.sha256"),
        (lambda r: r.update(extra=1), "extra"),
    ],
)
def test_a_record_edited_out_of_shape_is_refused_by_its_reader(example, change, field):
    edit_record(example.record, change)
    with pytest.raises(InvalidInput) as raised:
        load_record(example.record)
    assert [str(p) for p in raised.value.problems] == [
        f"{example.record}:1:1: not a complete decision record: {field} is missing or not as the engine writes it"
    ]
    assert problems_vi(raised) == [
        f"{example.record}:1:1: hồ sơ xét duyệt không đầy đủ: {field} bị thiếu hoặc không đúng dạng chương trình ghi"
    ]


def test_a_record_with_a_key_twice_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(InvalidInput) as raised:
        parse_record(b'{"format": "thidua-record/2", "format": "thidua-record/2"}\n', "r.json")
    assert problems_vi(raised) == ["r.json:1:1: không phải là hồ sơ xét duyệt: khoá 'format' được ghi hai lần"]


# --- verify: the differences, typed, and worded in Vietnamese ----------------------------------------------------------


def test_verify_gives_each_difference_as_a_typed_value(example):
    recorded = json.loads(example.record.read_bytes())
    total = recorded["outcome"][0]["total"]
    before, now = one_byte(example.review)

    def change(record: dict[str, Any]) -> None:
        record["outcome"][0]["total"] = "99.99"
        del record["outcome"][1]["changed"]
        record["engine"] = "thidua 0.0.0"

    edit_record(example.record, change)
    differences = verify(example.record)
    assert differences == [
        FileChanged("review", example.review, before, now),
        EngineChanged("thidua 0.0.0", f"thidua {scoring.__version__}"),
        PointChanged(
            "cao-bang", "Hội CCB tỉnh Cao Bằng", "total", None, None, '"99.99"', f'"{total}"', (("outcome", 0, "total"),)
        ),
        ValueChanged(("outcome", 1, "changed"), None, "false", recorded["outcome"][1]["unit"]),
    ]
    with wording.use("vi"):
        assert [str(d) for d in differences] == [
            f"tệp xét duyệt {example.review}: mã SHA-256 hiện là {now[:16]}…, hồ sơ ghi {before[:16]}…: tệp đã thay đổi",
            f"engine: hồ sơ được lập bằng thidua 0.0.0, chương trình đang chạy là thidua {scoring.__version__}",
            f"Hội CCB tỉnh Cao Bằng — tổng điểm: hồ sơ ghi 99,99, số liệu hiện nay cho {total.replace('.', ',')}"
            " (trong hồ sơ: outcome[0].total)",
            "outcome[1].changed: hồ sơ ghi (không có), các tệp đầu vào cho ra false",
        ]
    assert str(differences[3]) == "outcome[1].changed: the record has (missing), the inputs give false"


def test_verify_names_in_vietnamese_inputs_that_are_gone_or_no_longer_valid(example):
    example.criteria.unlink()
    differences = verify(example.record)
    assert [type(d) for d in differences] == [FileUnreadable, NoLongerValid]
    with wording.use("vi"):
        shown = [str(d) for d in differences]
    assert shown[0].startswith(f"tệp tiêu chí {example.criteria}: ")
    assert shown[1].startswith(f"các tệp đầu vào không còn cho ra hồ sơ hợp lệ: {example.criteria}:1:1: ")


def test_verify_names_in_vietnamese_a_record_without_inputs_and_other_submissions(example, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(example.folder, other)
    one_byte(other / "cao-bang.yaml")
    differences = verify(example.record, submission_paths=[other])
    assert differences[0] == OtherSubmissions()
    assert word(differences[0].message(), "vi") == (
        "các tệp số liệu báo cáo được chỉ định không phải là các tệp hồ sơ đã ghi (mã SHA-256 khác nhau)"
    )
    edit_record(example.record, lambda r: r.pop("inputs"))
    assert verify(example.record) == [NoInputs()]
    assert word(NoInputs().message(), "vi") == "hồ sơ không có đầy đủ mục 'inputs'"
