"""`thidua diff`: what a new criteria file changes, in meaning, not in lines.

Each case writes a small valid round (BASE), makes a targeted edit for the new
file, and asserts the exact changes the diff reports, each written out by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scoring import wording
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.diff import compare, diff_data, diff_markdown, diff_text

ROOT = Path(__file__).resolve().parent.parent
CUM_3 = str(ROOT / "criteria/hoi-ccb-cum-3/2023.yaml")
TOAN_QUOC = str(ROOT / "criteria/hoi-ccb-toan-quoc/2023.yaml")

BASE = """\
format: thidua/1
id: r-2024
title: Vòng thử 2024
year: 2024
scale: 20
rounding: {places: 2, mode: half_up}
units:
  a: {name: Đơn vị A}
  b: {name: Đơn vị B}
indicators:
  done: {label: Hoàn thành kế hoạch, type: boolean}
  loans: {label: Dư nợ, unit: tỷ đồng, type: number, min: 0}
  rate: {label: Tỷ lệ, unit: "%", type: number, min: 0, max: 100}
  late: {label: Báo cáo chậm, unit: lần, type: integer, min: 0, default: 0}
derived:
  loans_k: loans * 1000
targets:
  loans: {a: 100, b: 200}
groups:
  - id: I
    label: Nhóm I
    max: 10
    criteria:
      - {id: I.1, label: Kế hoạch, max: 4, method: achieved, of: done}
      - {id: I.2, label: Dư nợ, max: 6, method: target, of: loans}
  - id: II
    label: Nhóm II
    max: 10
    criteria:
      - id: II.1
        label: Tỷ lệ
        max: 6
        method: bands
        of: rate
        bands:
          - {from: 0, points: 0}
          - {from: 80, points: 3}
          - {from: 90, points: 6}
      - {id: II.2, label: Quy đổi, max: 4, formula: "min(max_points, loans_k / 100)"}
adjustments:
  - {id: late, label: Nộp chậm, kind: deduction, formula: late * 0.5, cap: 2}
disqualifiers:
  - {id: cases, label: Vi phạm, when: late > 5, blocks: [xuat-sac]}
classification:
  - {id: xuat-sac, label: Xuất sắc, min_total: 18, floor: 50%}
  - {id: tot, label: Tốt, min_total: 15}
  - {id: hoan-thanh, label: Hoàn thành}
tie_break:
  - {group: I}
  - deductions
  - {value: loans}
awards:
  - id: co
    label: Cờ thi đua
    quota: 1
    requires: {classification: [xuat-sac]}
    vote: 80%
  - id: bang-khen
    label: Bằng khen
    quota: 50%
    requires: {min_total: 15}
"""

UNITS = "  a: {name: Đơn vị A}\n  b: {name: Đơn vị B}\n"


def clustered(clusters: str, a: str, b: str) -> str:
    """BASE's units, each in a cluster, with the clusters declared (`clusters`: their lines)."""
    return f"clusters:\n{clusters}units:\n  a: {{name: Đơn vị A, cluster: {a}}}\n  b: {{name: Đơn vị B, cluster: {b}}}\n"


CLUSTERED = clustered("  k1: {name: Khối 1}\n  k2: {name: Khối 2}\n", "k1", "k2")
GROUP_III = """\
  - id: III
    label: Nhóm III
    max: 5
    criteria:
      - {id: III.1, label: Chậm, max: 5, formula: "5 - late"}
adjustments:
"""
VISITS = "  visits: {label: Lượt thăm, unit: lượt, type: integer, min: 0}\n"
KHA = "  - {id: kha, label: Khá, min_total: 15}\n"


def edit(text: str, *edits: tuple[str, str]) -> str:
    """`text` with each `old` (which must occur exactly once) replaced by `new`."""
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def change(section, kind, id_, field, old, new, text):
    return {"section": section, "kind": kind, "id": id_, "field": field, "old": old, "new": new, "text": text}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


KEYS = ("section", "kind", "id", "field", "old", "new", "text")


def changes_between(tmp_path: Path, old_text: str, new_text: str) -> list[dict]:
    """The changes' JSON form without each change's code and params (see test_each_change_carries_its_code_and_params)."""
    old = load_criteria(write(tmp_path, "old.yaml", old_text))
    new = load_criteria(write(tmp_path, "new.yaml", new_text))
    data = diff_data(compare(old, new))
    assert (data["old"], data["new"]) == (old.id, new.id)
    assert all(list(c) == [*KEYS, "code", "params"] for c in data["changes"])
    return [{k: c[k] for k in KEYS} for c in data["changes"]]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- one pair per kind of change: (edits to BASE for the old file, edits for the new file, the changes)

CASES = {
    "round metadata": (
        [],
        [
            ("id: r-2024", "id: r-2025"),
            ("title: Vòng thử 2024", "title: Vòng thử 2025"),
            ("year: 2024", "year: 2025"),
            ("{places: 2, mode: half_up}", "{places: 1, mode: down}"),
        ],
        [
            change("Round", "changed", "round", "id", "r-2024", "r-2025", "id: r-2024 → r-2025"),
            change(
                "Round", "changed", "round", "title", "Vòng thử 2024", "Vòng thử 2025", "title: Vòng thử 2024 → Vòng thử 2025"
            ),
            change("Round", "changed", "round", "year", "2024", "2025", "year: 2024 → 2025"),
            change(
                "Round",
                "changed",
                "round",
                "rounding",
                "2 places, half_up",
                "1 place, down",
                "rounding: 2 places, half_up → 1 place, down",
            ),
        ],
    ),
    "unit joined (with its target)": (
        [],
        [(UNITS, UNITS + "  c: {name: Đơn vị C}\n"), ("{a: 100, b: 200}", "{a: 100, b: 200, c: 50}")],
        [
            change("Units", "added", "c", None, None, "Đơn vị C", "c Đơn vị C: joined"),
            change("Targets", "added", "loans", "c", None, "50", "loans Dư nợ: c — → 50"),
        ],
    ),
    "unit left": (
        [],
        [(UNITS, "  a: {name: Đơn vị A}\n"), ("{a: 100, b: 200}", "{a: 100}")],
        [
            change("Units", "removed", "b", None, "Đơn vị B", None, "b Đơn vị B: left"),
            change("Targets", "removed", "loans", "b", "200", None, "loans Dư nợ: b 200 → —"),
        ],
    ),
    "two units formed a new one": (
        [],
        [(UNITS, "  ab: {name: Đơn vị AB, formed_from: [a, b]}\n"), ("{a: 100, b: 200}", "{ab: 300}")],
        [
            change("Units", "added", "ab", "formed_from", None, "a, b", "ab Đơn vị AB: joined, formed from a, b"),
            change("Units", "removed", "a", None, "Đơn vị A", None, "a Đơn vị A: left (now part of ab)"),
            change("Units", "removed", "b", None, "Đơn vị B", None, "b Đơn vị B: left (now part of ab)"),
            change("Targets", "added", "loans", "ab", None, "300", "loans Dư nợ: ab — → 300"),
            change("Targets", "removed", "loans", "a", "100", None, "loans Dư nợ: a 100 → —"),
            change("Targets", "removed", "loans", "b", "200", None, "loans Dư nợ: b 200 → —"),
        ],
    ),
    "a unit took in another, keeping its id": (
        [],
        [(UNITS, "  a: {name: Đơn vị A, formed_from: [a, b]}\n"), ("{a: 100, b: 200}", "{a: 300}")],
        [
            change("Units", "changed", "a", "formed_from", None, "a, b", "a Đơn vị A: formed from a, b"),
            change("Units", "removed", "b", None, "Đơn vị B", None, "b Đơn vị B: left (now part of a)"),
            change("Targets", "changed", "loans", "a", "100", "300", "loans Dư nợ: a 100 → 300"),
            change("Targets", "removed", "loans", "b", "200", None, "loans Dư nợ: b 200 → —"),
        ],
    ),
    "unit renamed": (
        [],
        [("a: {name: Đơn vị A}", "a: {name: Đơn vị An}")],
        [change("Units", "renamed", "a", "name", "Đơn vị A", "Đơn vị An", "a Đơn vị An: name Đơn vị A → Đơn vị An")],
    ),
    "clusters formed": (
        [],
        [
            (
                "units:\n" + UNITS,
                clustered("  k1: {name: Khối 1}\n", "k1", "k1"),
            )
        ],
        [
            change("Clusters", "added", "k1", None, None, "Khối 1", "k1 Khối 1: added"),
            change("Units", "changed", "a", "cluster", None, "k1", "a Đơn vị A: cluster — → k1"),
            change("Units", "changed", "b", "cluster", None, "k1", "b Đơn vị B: cluster — → k1"),
        ],
    ),
    "cluster renamed, another removed, its unit moved": (
        [("units:\n" + UNITS, CLUSTERED)],
        [
            (
                "units:\n" + UNITS,
                clustered("  k1: {name: Khối thi đua 1}\n", "k1", "k1"),
            )
        ],
        [
            change(
                "Clusters", "renamed", "k1", "name", "Khối 1", "Khối thi đua 1", "k1 Khối thi đua 1: name Khối 1 → Khối thi đua 1"
            ),
            change("Clusters", "removed", "k2", None, "Khối 2", None, "k2 Khối 2: removed"),
            change("Units", "changed", "b", "cluster", "k2", "k1", "b Đơn vị B: cluster k2 → k1"),
        ],
    ),
    "indicator added": (
        [],
        [("derived:\n", VISITS + "derived:\n")],
        [change("Indicators", "added", "visits", None, None, "integer, lượt", "visits Lượt thăm: added (integer, lượt)")],
    ),
    "indicator removed": (
        [("derived:\n", VISITS + "derived:\n")],
        [],
        [change("Indicators", "removed", "visits", None, "integer, lượt", None, "visits Lượt thăm: removed (integer, lượt)")],
    ),
    "indicator label, unit, range and default": (
        [],
        [
            (
                'rate: {label: Tỷ lệ, unit: "%", type: number, min: 0, max: 100}',
                "rate: {label: Tỷ lệ đạt, unit: phần trăm, type: number, min: 0, max: 120}",
            ),
            ("min: 0, default: 0}", "min: 0, default: 1}"),
        ],
        [
            change("Indicators", "changed", "rate", "label", "Tỷ lệ", "Tỷ lệ đạt", "rate Tỷ lệ đạt: label Tỷ lệ → Tỷ lệ đạt"),
            change("Indicators", "changed", "rate", "unit", "%", "phần trăm", "rate Tỷ lệ đạt: unit % → phần trăm"),
            change("Indicators", "changed", "rate", "max", "100", "120", "rate Tỷ lệ đạt: max 100 → 120"),
            change("Indicators", "changed", "late", "default", "0", "1", "late Báo cáo chậm: default 0 → 1"),
        ],
    ),
    "indicator choices": (
        [("derived:\n", "  grade: {label: Xếp hạng, type: choice, choices: {Tốt: 2, Khá: 1}}\nderived:\n")],
        [("derived:\n", "  grade: {label: Xếp hạng, type: choice, choices: {Tốt: 3, Khá: 1}}\nderived:\n")],
        [
            change(
                "Indicators",
                "changed",
                "grade",
                "choices",
                "Tốt = 2, Khá = 1",
                "Tốt = 3, Khá = 1",
                "grade Xếp hạng: choices Tốt = 2, Khá = 1 → Tốt = 3, Khá = 1",
            )
        ],
    ),
    "derived formula changed": (
        [],
        [("loans_k: loans * 1000", "loans_k: loans * 100")],
        [
            change(
                "Derived values",
                "changed",
                "loans_k",
                "formula",
                "loans * 1000",
                "loans * 100",
                "loans_k: formula loans * 1000 → loans * 100",
            )
        ],
    ),
    "derived added": (
        [],
        [("targets:\n", "  share: rate / 100\ntargets:\n")],
        [change("Derived values", "added", "share", None, None, "rate / 100", "share: added (rate / 100)")],
    ),
    "derived removed": (
        [("targets:\n", "  share: rate / 100\ntargets:\n")],
        [],
        [change("Derived values", "removed", "share", None, "rate / 100", None, "share: removed (rate / 100)")],
    ),
    "group label": (
        [],
        [("label: Nhóm II", "label: Nhóm hai")],
        [change("Groups", "changed", "II", "label", "Nhóm II", "Nhóm hai", "II Nhóm hai: label Nhóm II → Nhóm hai")],
    ),
    "criterion max, with its group and the scale": (
        [],
        [
            ("scale: 20", "scale: 22"),
            ("label: Nhóm I\n    max: 10", "label: Nhóm I\n    max: 12"),
            ("Dư nợ, max: 6,", "Dư nợ, max: 8,"),
        ],
        [
            change("Round", "changed", "round", "scale", "20", "22", "scale: 20 → 22"),
            change("Groups", "changed", "I", "max", "10", "12", "I Nhóm I: max 10 → 12"),
            change("Criteria", "changed", "I.2", "max", "6", "8", "I.2 Dư nợ: max 6 → 8"),
        ],
    ),
    "group and criterion added": (
        [],
        [("scale: 20", "scale: 25"), ("adjustments:\n", GROUP_III)],
        [
            change("Round", "changed", "round", "scale", "20", "25", "scale: 20 → 25"),
            change("Groups", "added", "III", None, None, "max 5, 1 criterion", "III Nhóm III: added (max 5, 1 criterion)"),
            change(
                "Criteria",
                "added",
                "III.1",
                None,
                None,
                "group III, max 5, formula 5 - late",
                "III.1 Chậm: added (group III, max 5, formula 5 - late)",
            ),
        ],
    ),
    "group and criterion removed": (
        [("scale: 20", "scale: 25"), ("adjustments:\n", GROUP_III)],
        [],
        [
            change("Round", "changed", "round", "scale", "25", "20", "scale: 25 → 20"),
            change("Groups", "removed", "III", None, "max 5, 1 criterion", None, "III Nhóm III: removed (max 5, 1 criterion)"),
            change(
                "Criteria",
                "removed",
                "III.1",
                None,
                "group III, max 5, formula 5 - late",
                None,
                "III.1 Chậm: removed (group III, max 5, formula 5 - late)",
            ),
        ],
    ),
    "criteria moved between groups (matched by id)": (
        [],
        [
            ("{id: I.1, label: Kế hoạch, max: 4, method: achieved, of: done}", "SWAP"),
            (
                '{id: II.2, label: Quy đổi, max: 4, formula: "min(max_points, loans_k / 100)"}',
                "{id: I.1, label: Kế hoạch, max: 4, method: achieved, of: done}",
            ),
            ("SWAP", '{id: II.2, label: Quy đổi, max: 4, formula: "min(max_points, loans_k / 100)"}'),
        ],
        [
            change("Criteria", "moved", "II.2", "group", "II", "I", "II.2 Quy đổi: moved from group II to group I"),
            change("Criteria", "moved", "I.1", "group", "I", "II", "I.1 Kế hoạch: moved from group I to group II"),
        ],
    ),
    "criterion method, of and points_each": (
        [],
        [("max: 4, method: achieved, of: done}", "max: 4, method: per_item, of: late, points_each: 0.5}")],
        [
            change("Criteria", "changed", "I.1", "method", "achieved", "per_item", "I.1 Kế hoạch: method achieved → per_item"),
            change("Criteria", "changed", "I.1", "of", "done", "late", "I.1 Kế hoạch: of done → late"),
            change("Criteria", "changed", "I.1", "points_each", None, "0.5", "I.1 Kế hoạch: points_each — → 0.5"),
        ],
    ),
    "criterion label and if_missing": (
        [],
        [
            (
                "{id: I.2, label: Dư nợ, max: 6, method: target, of: loans}",
                "{id: I.2, label: Dư nợ ủy thác, max: 6, method: target, of: loans, if_missing: no_points}",
            )
        ],
        [
            change(
                "Criteria", "changed", "I.2", "label", "Dư nợ", "Dư nợ ủy thác", "I.2 Dư nợ ủy thác: label Dư nợ → Dư nợ ủy thác"
            ),
            change(
                "Criteria",
                "changed",
                "I.2",
                "if_missing",
                "error",
                "no_points",
                "I.2 Dư nợ ủy thác: if_missing error → no_points",
            ),
        ],
    ),
    "a band's threshold and points": (
        [],
        [("{from: 80, points: 3}", "{from: 85, points: 4}")],
        [
            change("Criteria", "changed", "II.1", "bands[1].from", "80", "85", "II.1 Tỷ lệ: bands[1].from 80 → 85"),
            change("Criteria", "changed", "II.1", "bands[1].points", "3", "4", "II.1 Tỷ lệ: bands[1].points 3 → 4"),
        ],
    ),
    "a band added": (
        [],
        [("- {from: 90, points: 6}\n", "- {from: 90, points: 5}\n          - {from: 95, points: 6}\n")],
        [
            change(
                "Criteria",
                "changed",
                "II.1",
                "bands",
                "≥0: 0, ≥80: 3, ≥90: 6",
                "≥0: 0, ≥80: 3, ≥90: 5, ≥95: 6",
                "II.1 Tỷ lệ: bands ≥0: 0, ≥80: 3, ≥90: 6 → ≥0: 0, ≥80: 3, ≥90: 5, ≥95: 6",
            )
        ],
    ),
    "criterion formula": (
        [],
        [("loans_k / 100)", "loans_k / 50)")],
        [
            change(
                "Criteria",
                "changed",
                "II.2",
                "formula",
                "min(max_points, loans_k / 100)",
                "min(max_points, loans_k / 50)",
                "II.2 Quy đổi: formula min(max_points, loans_k / 100) → min(max_points, loans_k / 50)",
            )
        ],
    ),
    "target of one unit": (
        [],
        [("{a: 100, b: 200}", "{a: 120, b: 200}")],
        [change("Targets", "changed", "loans", "a", "100", "120", "loans Dư nợ: a 100 → 120")],
    ),
    "targets for a new indicator": (
        [],
        [("  loans: {a: 100, b: 200}\n", "  loans: {a: 100, b: 200}\n  rate: {a: 90, b: 95}\n")],
        [change("Targets", "added", "rate", None, None, "a 90, b 95", "rate Tỷ lệ: targets added (a 90, b 95)")],
    ),
    "adjustment kind, formula and cap": (
        [],
        [("kind: deduction, formula: late * 0.5, cap: 2}", "kind: bonus, formula: late * 0.25, cap: 3}")],
        [
            change("Adjustments", "changed", "late", "kind", "deduction", "bonus", "late Nộp chậm: kind deduction → bonus"),
            change(
                "Adjustments",
                "changed",
                "late",
                "formula",
                "late * 0.5",
                "late * 0.25",
                "late Nộp chậm: formula late * 0.5 → late * 0.25",
            ),
            change("Adjustments", "changed", "late", "cap", "2", "3", "late Nộp chậm: cap 2 → 3"),
        ],
    ),
    "adjustment added": (
        [],
        [
            (
                "disqualifiers:\n",
                '  - {id: extra, label: Thưởng, kind: bonus, formula: "1 if done else 0", cap: 1}\ndisqualifiers:\n',
            )
        ],
        [
            change(
                "Adjustments",
                "added",
                "extra",
                None,
                None,
                "bonus 1 if done else 0, cap 1",
                "extra Thưởng: added (bonus 1 if done else 0, cap 1)",
            )
        ],
    ),
    "adjustment removed": (
        [],
        [("adjustments:\n  - {id: late, label: Nộp chậm, kind: deduction, formula: late * 0.5, cap: 2}\n", "")],
        [
            change(
                "Adjustments",
                "removed",
                "late",
                None,
                "deduction late * 0.5, cap 2",
                None,
                "late Nộp chậm: removed (deduction late * 0.5, cap 2)",
            )
        ],
    ),
    "disqualifier condition and blocks": (
        [],
        [("when: late > 5, blocks: [xuat-sac]", "when: late > 3, blocks: [xuat-sac, tot]")],
        [
            change(
                "Disqualifiers", "changed", "cases", "when", "late > 5", "late > 3", "cases Vi phạm: when late > 5 → late > 3"
            ),
            change(
                "Disqualifiers",
                "changed",
                "cases",
                "blocks",
                "xuat-sac",
                "xuat-sac, tot",
                "cases Vi phạm: blocks xuat-sac → xuat-sac, tot",
            ),
        ],
    ),
    "disqualifier removed": (
        [],
        [("disqualifiers:\n  - {id: cases, label: Vi phạm, when: late > 5, blocks: [xuat-sac]}\n", "")],
        [
            change(
                "Disqualifiers",
                "removed",
                "cases",
                None,
                "when late > 5; blocks xuat-sac",
                None,
                "cases Vi phạm: removed (when late > 5; blocks xuat-sac)",
            )
        ],
    ),
    "classification thresholds, floor and label": (
        [],
        [
            (
                "{id: xuat-sac, label: Xuất sắc, min_total: 18, floor: 50%}",
                "{id: xuat-sac, label: Hoàn thành xuất sắc, min_total: 17, floor: 60%}",
            )
        ],
        [
            change(
                "Classification",
                "changed",
                "xuat-sac",
                "label",
                "Xuất sắc",
                "Hoàn thành xuất sắc",
                "xuat-sac Hoàn thành xuất sắc: label Xuất sắc → Hoàn thành xuất sắc",
            ),
            change(
                "Classification",
                "changed",
                "xuat-sac",
                "min_total",
                "18",
                "17",
                "xuat-sac Hoàn thành xuất sắc: min_total 18 → 17",
            ),
            change(
                "Classification", "changed", "xuat-sac", "floor", "50%", "60%", "xuat-sac Hoàn thành xuất sắc: floor 50% → 60%"
            ),
        ],
    ),
    "classification band added": (
        [],
        [("  - {id: hoan-thanh", KHA + "  - {id: hoan-thanh")],
        [change("Classification", "added", "kha", None, None, "min_total 15", "kha Khá: added (min_total 15)")],
    ),
    "classification order": (
        [("  - {id: hoan-thanh", KHA + "  - {id: hoan-thanh")],
        [
            ("  - {id: tot, label: Tốt, min_total: 15}\n", KHA),
            ("  - {id: hoan-thanh", "  - {id: tot, label: Tốt, min_total: 15}\n  - {id: hoan-thanh"),
        ],
        [
            change(
                "Classification",
                "changed",
                "classification",
                "order",
                "xuat-sac, tot, kha, hoan-thanh",
                "xuat-sac, kha, tot, hoan-thanh",
                "order: xuat-sac, tot, kha, hoan-thanh → xuat-sac, kha, tot, hoan-thanh",
            )
        ],
    ),
    "tie-break order": (
        [],
        [("  - {group: I}\n  - deductions\n", "  - deductions\n  - {group: I, prefer: lower}\n")],
        [
            change(
                "Tie-break",
                "changed",
                "tie_break",
                "order",
                "group I (higher first), fewer deductions, value loans (higher first)",
                "fewer deductions, group I (lower first), value loans (higher first)",
                "order: group I (higher first), fewer deductions, value loans (higher first)"
                " → fewer deductions, group I (lower first), value loans (higher first)",
            )
        ],
    ),
    "award quota, vote and also_lower": (
        [],
        [("quota: 1\n", "quota: 2\n    also_lower: true\n"), ("vote: 80%", "vote: 75%")],
        [
            change("Awards", "changed", "co", "quota", "1", "2", "co Cờ thi đua: quota 1 → 2"),
            change("Awards", "changed", "co", "vote", "80%", "75%", "co Cờ thi đua: vote 80% → 75%"),
            change("Awards", "changed", "co", "also_lower", "no", "yes", "co Cờ thi đua: also_lower no → yes"),
        ],
    ),
    "award rank_by": (
        [],
        [("quota: 1\n", "quota: 1\n    rank_by: criteria\n")],
        [
            change(
                "Awards",
                "changed",
                "co",
                "rank_by",
                "the total",
                "the criteria's points before bonuses and deductions",
                "co Cờ thi đua: rank_by the total → the criteria's points before bonuses and deductions",
            )
        ],
    ),
    "award share, share_of, rounding and among": (
        [],
        [("quota: 50%\n", "quota: 40%\n    share_of: eligible\n    quota_rounding: up\n    among: co\n")],
        [
            change(
                "Awards",
                "changed",
                "bang-khen",
                "quota",
                "50% of units, rounded down",
                "40% of eligible, rounded up",
                "bang-khen Bằng khen: quota 50% of units, rounded down → 40% of eligible, rounded up",
            ),
            change("Awards", "changed", "bang-khen", "among", None, "co", "bang-khen Bằng khen: among — → co"),
        ],
    ),
    "award conditions": (
        [],
        [
            (
                "requires: {classification: [xuat-sac]}",
                "requires: {classification: [xuat-sac, tot], min_total: 16, max_rank: 1,"
                ' min_group: {I: 5}, min_criterion: {I.2: 3}, when: "late == 0"}',
            )
        ],
        [
            change("Awards", "changed", "co", "requires.min_total", None, "16", "co Cờ thi đua: requires.min_total — → 16"),
            change(
                "Awards",
                "changed",
                "co",
                "requires.classification",
                "xuat-sac",
                "xuat-sac, tot",
                "co Cờ thi đua: requires.classification xuat-sac → xuat-sac, tot",
            ),
            change("Awards", "changed", "co", "requires.max_rank", None, "1", "co Cờ thi đua: requires.max_rank — → 1"),
            change("Awards", "changed", "co", "requires.min_group.I", None, "5", "co Cờ thi đua: requires.min_group.I — → 5"),
            change(
                "Awards",
                "changed",
                "co",
                "requires.min_criterion.I.2",
                None,
                "3",
                "co Cờ thi đua: requires.min_criterion.I.2 — → 3",
            ),
            change("Awards", "changed", "co", "requires.when", None, "late == 0", "co Cờ thi đua: requires.when — → late == 0"),
        ],
    ),
    "award scope": (
        [("units:\n" + UNITS, CLUSTERED)],
        [("units:\n" + UNITS, CLUSTERED), ("quota: 1\n", "scope: cluster\n    quota: 1\n")],
        [change("Awards", "changed", "co", "scope", "round", "cluster", "co Cờ thi đua: scope round → cluster")],
    ),
    "award removed": (
        [],
        [("  - id: bang-khen\n    label: Bằng khen\n    quota: 50%\n    requires: {min_total: 15}\n", "")],
        [
            change(
                "Awards",
                "removed",
                "bang-khen",
                None,
                "quota 50% of units, rounded down",
                None,
                "bang-khen Bằng khen: removed (quota 50% of units, rounded down)",
            )
        ],
    ),
    "award tiers reordered": (
        [],
        [
            ("  - id: bang-khen\n    label: Bằng khen\n    quota: 50%\n    requires: {min_total: 15}\n", ""),
            ("awards:\n", "awards:\n  - id: bang-khen\n    label: Bằng khen\n    quota: 50%\n    requires: {min_total: 15}\n"),
        ],
        [
            change(
                "Awards", "changed", "awards", "order", "co, bang-khen", "bang-khen, co", "order: co, bang-khen → bang-khen, co"
            )
        ],
    ),
}


@pytest.mark.parametrize(("old_edits", "new_edits", "expected"), list(CASES.values()), ids=list(CASES))
def test_each_kind_of_change(tmp_path, old_edits, new_edits, expected):
    assert changes_between(tmp_path, edit(BASE, *old_edits), edit(BASE, *new_edits)) == expected


def test_text_line_of_a_changed_max(tmp_path):
    old = load_criteria(write(tmp_path, "old.yaml", BASE))
    new_text = edit(
        BASE,
        ("scale: 20", "scale: 22"),
        ("label: Nhóm I\n    max: 10", "label: Nhóm I\n    max: 12"),
        ("Dư nợ, max: 6,", "Dư nợ, max: 8,"),
    )
    new = load_criteria(write(tmp_path, "new.yaml", new_text))
    assert diff_text(compare(old, new)) == (
        f"Changes in meaning from {old.file} (r-2024) to {new.file} (r-2024): 3 changes\n"
        "\n"
        "Round\n"
        "  ~ scale: 20 → 22\n"
        "\n"
        "Groups\n"
        "  ~ I Nhóm I: max 10 → 12\n"
        "\n"
        "Criteria\n"
        "  ~ I.2 Dư nợ: max 6 → 8\n"
    )


def test_text_marks_added_and_removed(tmp_path):
    old = load_criteria(write(tmp_path, "old.yaml", BASE))
    new = load_criteria(
        write(
            tmp_path,
            "new.yaml",
            edit(BASE, (UNITS, "  a: {name: Đơn vị A}\n  c: {name: Đơn vị C}\n"), ("{a: 100, b: 200}", "{a: 100, c: 50}")),
        )
    )
    text = diff_text(compare(old, new))
    assert "\nUnits\n  + c Đơn vị C: joined\n  - b Đơn vị B: left\n" in text
    assert "\nTargets\n  + loans Dư nợ: c — → 50\n  - loans Dư nợ: b 200 → —\n" in text


def test_renamed_indicator_is_followed_everywhere(tmp_path):
    # loans → balance in the indicator, its targets, I.2's `of`, the derived formula and the tie-break:
    # with `renamed` declared, that is one rename, not a removal, an addition and five changes.
    new_text = re.sub(r"\bloans\b", "balance", BASE) + "renamed: {loans: balance}\n"
    assert changes_between(tmp_path, BASE, new_text) == [
        change("Indicators", "renamed", "balance", "id", "loans", "balance", "loans: renamed to balance"),
    ]


def test_renamed_indicator_with_a_new_label(tmp_path):
    new_text = (
        re.sub(r"\bloans\b", "balance", BASE).replace("{label: Dư nợ,", "{label: Dư nợ ủy thác,") + "renamed: {loans: balance}\n"
    )
    assert changes_between(tmp_path, BASE, new_text) == [
        change("Indicators", "renamed", "balance", "id", "loans", "balance", "loans: renamed to balance"),
        change(
            "Indicators",
            "changed",
            "balance",
            "label",
            "Dư nợ",
            "Dư nợ ủy thác",
            "balance Dư nợ ủy thác: label Dư nợ → Dư nợ ủy thác",
        ),
    ]


def test_an_undeclared_rename_is_a_removal_and_an_addition(tmp_path):
    found = changes_between(tmp_path, BASE, re.sub(r"\bloans\b", "balance", BASE))
    kinds = [(c["section"], c["kind"], c["id"]) for c in found if c["section"] == "Indicators"]
    assert kinds == [("Indicators", "added", "balance"), ("Indicators", "removed", "loans")]
    # I.2 now counts another indicator: its `of` changed
    assert change("Criteria", "changed", "I.2", "of", "loans", "balance", "I.2 Dư nợ: of loans → balance") in found


def test_a_file_compared_with_itself_has_no_change(tmp_path):
    assert changes_between(tmp_path, BASE, BASE) == []


REFORMATTED = """\
# The same round, written another way: keys reordered, comments, block and flow styles,
# numbers written differently, formulas spaced differently, sets listed in another order.
title: Vòng thử 2024
id: r-2024
format: thidua/1
scale: 20.0
year: 2024
units:
  b:
    name: Đơn vị B
  a: {name: Đơn vị A}   # first unit
indicators:
  late: {type: integer, label: Báo cáo chậm, min: 0, unit: lần, default: 0}
  rate:
    label: Tỷ lệ
    max: 100
    min: 0
    type: number
    unit: '%'
  loans: {min: 0, type: number, label: Dư nợ, unit: tỷ đồng}
  done: {type: boolean, label: Hoàn thành kế hoạch}
derived:
  loans_k: {formula: (loans*1000)}
targets:
  loans:
    b: 200
    a: 100.0
groups:
  - {id: I, label: Nhóm I, max: 10, criteria: [{of: done, method: achieved, max: 4, label: Kế hoạch, id: I.1},
                                             {id: I.2, label: Dư nợ, max: 6.00, method: target, of: loans, if_missing: error}]}
  - label: Nhóm II
    id: II
    max: 10
    criteria:
      - {id: II.1, label: Tỷ lệ, max: 6, method: bands, of: rate,
         bands: [{points: 0, from: 0}, {points: 3.0, from: 80}, {points: 6, from: 90.0}]}
      - id: II.2
        label: Quy đổi
        max: 4
        formula: >-
          min( max_points,
               (loans_k) / 100.0 )
adjustments:
  - id: late
    label: Nộp chậm
    kind: deduction
    cap: 2.0
    formula: "late*0.50"
disqualifiers:
  - {id: cases, label: Vi phạm, when: "(late) > 5", blocks: [xuat-sac]}
classification:
  - id: xuat-sac
    label: Xuất sắc
    min_total: 18
    floor: 0.5
  - {min_total: 15, label: Tốt, id: tot}
  - {label: Hoàn thành, id: hoan-thanh}
tie_break: [{group: I, prefer: higher}, deductions, {value: loans}]
awards:
  - {id: co, label: Cờ thi đua, quota: 1, vote: 0.8, requires: {classification: [xuat-sac]}, also_lower: false}
  - id: bang-khen
    label: Bằng khen
    scope: round
    quota: "50 %"
    share_of: units
    quota_rounding: down
    requires:
      min_total: 15.0
"""


def test_a_reformatted_file_has_no_change(tmp_path):
    assert changes_between(tmp_path, BASE, REFORMATTED) == []
    assert changes_between(tmp_path, REFORMATTED, BASE) == []


def test_sets_in_another_order_are_no_change(tmp_path):
    old = edit(
        BASE,
        ("blocks: [xuat-sac]", "blocks: [xuat-sac, tot]"),
        ("requires: {classification: [xuat-sac]}", "requires: {classification: [xuat-sac, tot]}"),
    )
    new = edit(
        BASE,
        ("blocks: [xuat-sac]", "blocks: [tot, xuat-sac]"),
        ("requires: {classification: [xuat-sac]}", "requires: {classification: [tot, xuat-sac]}"),
    )
    assert changes_between(tmp_path, old, new) == []


def test_blocks_all_is_the_list_it_stands_for(tmp_path):
    # `all` blocks every band but the last, and every award: xuat-sac, tot, co, bang-khen
    assert (
        changes_between(
            tmp_path,
            BASE.replace("blocks: [xuat-sac]", "blocks: all"),
            BASE.replace("blocks: [xuat-sac]", "blocks: [co, bang-khen, tot, xuat-sac]"),
        )
        == []
    )


# --- the forms: json, md, text; the command


def test_cli_text_on_a_real_pair_names_the_clusters_added(capsys):
    code, out, err = run(capsys, "diff", CUM_3, TOAN_QUOC)
    assert (code, err) == (0, "")
    assert out.startswith(f"Changes in meaning from {CUM_3} (hoi-ccb-cum-3-2023) to {TOAN_QUOC} (hoi-ccb-toan-quoc-2023): ")
    clusters = out.split("\nClusters\n")[1].split("\n\n")[0].splitlines()
    assert [line.split(" ")[3] for line in clusters] == ["cum-1", "cum-2", "cum-3", "cum-4", "cum-5"]
    assert clusters[3] == "  + cum-4 Cụm thi đua số 4 — các tỉnh Bắc Trung Bộ: added"
    # the six provinces of Cluster 3 now belong to a declared cluster; the seventeen others joined
    assert "  ~ bac-kan Hội CCB tỉnh Bắc Kạn: cluster — → cum-3\n" in out
    assert out.count(": joined\n") == 23 - 6
    assert "  ~ II.1 Dư nợ ủy thác qua tổ TK&VV so với chỉ …: max 10 → 12\n" in out
    assert "  ~ co-thi-dua-tw Cờ thi đua của Trung ương Hội CCB …: scope round → cluster\n" in out


def test_cli_json_on_a_real_pair(capsys):
    code, out, err = run(capsys, "diff", CUM_3, TOAN_QUOC, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["old"], data["new"]) == ("hoi-ccb-cum-3-2023", "hoi-ccb-toan-quoc-2023")
    assert [(c["kind"], c["id"]) for c in data["changes"] if c["section"] == "Clusters"] == [
        ("added", f"cum-{i}") for i in range(1, 6)
    ]
    assert change(
        "Awards",
        "added",
        "co-chinh-phu",
        None,
        None,
        "quota 20% of clusters, rounded down, among co-thi-dua-tw",
        "co-chinh-phu Cờ thi đua của Chính phủ: added (quota 20% of clusters, rounded down, among co-thi-dua-tw)",
    ) in [{k: c[k] for k in KEYS} for c in data["changes"]]


def test_cli_json_form(tmp_path, capsys):
    old = write(tmp_path, "old.yaml", BASE)
    new = write(tmp_path, "new.yaml", edit(BASE, ("{a: 100, b: 200}", "{a: 120, b: 200}")))
    code, out, err = run(capsys, "diff", str(old), str(new), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "old": "r-2024",
        "new": "r-2024",
        "changes": [
            {
                **change("Targets", "changed", "loans", "a", "100", "120", "loans Dư nợ: a 100 → 120"),
                "code": "target",
                "params": {"name": "loans Dư nợ", "unit": "a", "old": "100", "new": "120"},
            }
        ],
    }


def test_md_form(tmp_path):
    old = load_criteria(write(tmp_path, "old.yaml", BASE))
    new_text = edit(
        BASE,
        ("{a: 100, b: 200}", "{a: 120, b: 200}"),
        ("min_total: 18, floor: 50%", "min_total: 18, floor: 60%"),
        ("formula: late * 0.5,", 'formula: "late * 0.5 if late > 1 else 0",'),
    )
    new = load_criteria(write(tmp_path, "new.yaml", new_text))
    assert diff_markdown(compare(old, new)) == (
        "# Changes in meaning: r-2024 → r-2024\n"
        "\n"
        f"Old: `{old.file}` · New: `{new.file}`\n"
        "\n"
        "3 changes.\n"
        "\n"
        "## Targets\n"
        "\n"
        "| Change | Item | Field | Old | New |\n"
        "|---|---|---|---|---|\n"
        "| changed | loans Dư nợ | a | 100 | 120 |\n"
        "\n"
        "## Adjustments\n"
        "\n"
        "| Change | Item | Field | Old | New |\n"
        "|---|---|---|---|---|\n"
        "| changed | late Nộp chậm | formula | late \\* 0.5 | late \\* 0.5 if late \\> 1 else 0 |\n"
        "\n"
        "## Classification\n"
        "\n"
        "| Change | Item | Field | Old | New |\n"
        "|---|---|---|---|---|\n"
        "| changed | xuat-sac Xuất sắc | floor | 50% | 60% |\n"
    )


def test_cli_md_on_a_real_pair(capsys):
    code, out, err = run(capsys, "diff", CUM_3, TOAN_QUOC, "--format", "md")
    assert (code, err) == (0, "")
    assert out.startswith("# Changes in meaning: hoi-ccb-cum-3-2023 → hoi-ccb-toan-quoc-2023\n")
    assert "\n## Clusters\n\n| Change | Item | Field | Old | New |\n|---|---|---|---|---|\n| added | cum-1 " in out


def test_no_change_in_each_form(tmp_path, capsys):
    path = str(write(tmp_path, "r.yaml", BASE))
    same = str(write(tmp_path, "same.yaml", REFORMATTED))
    code, out, err = run(capsys, "diff", path, same)
    assert (code, out, err) == (0, f"No change in meaning between {path} (r-2024) and {same} (r-2024).\n", "")
    code, out, _ = run(capsys, "diff", path, same, "--format", "json")
    assert (code, json.loads(out)) == (0, {"old": "r-2024", "new": "r-2024", "changes": []})
    code, out, _ = run(capsys, "diff", path, same, "--format", "md")
    assert (code, out) == (
        0,
        f"# Changes in meaning: r-2024 → r-2024\n\nOld: `{path}` · New: `{same}`\n\n"
        f"No change in meaning between {path} (r-2024) and {same} (r-2024).\n",
    )


def test_md_cells_escape_pipes_and_fold_lines(tmp_path):
    # a folded multi-line formula fits one table cell
    old = load_criteria(write(tmp_path, "old.yaml", BASE))
    new_text = edit(BASE, ('formula: "min(max_points, loans_k / 100)"}', 'formula: "min(max_points,\n           loans_k / 10)"}'))
    new = load_criteria(write(tmp_path, "new.yaml", new_text))
    md = diff_markdown(compare(old, new))
    assert "| changed | II.2 Quy đổi | formula | min(max\\_points, loans\\_k / 100) | min(max\\_points, loans\\_k / 10) |\n" in md


def test_cli_lists_the_problems_of_both_files(tmp_path, capsys):
    old = write(tmp_path, "old.yaml", BASE.replace("scale: 20", "scale: 21"))
    new = write(tmp_path, "new.yaml", BASE.replace("scale: 20", "scale: 19"))
    code, out, err = run(capsys, "diff", str(old), str(new))
    assert (code, out) == (1, "")
    assert err == (
        f"{new}:5:8: scale: the groups' maxima add up to 10 + 10 = 20, not the scale 19\n"
        f"{old}:5:8: scale: the groups' maxima add up to 10 + 10 = 20, not the scale 21\n"
        "2 problem(s) found.\n"
    )


def test_cli_usage(capsys):
    code, _, err = run(capsys, "diff", CUM_3)
    assert code == 2
    assert "the following arguments are required: NEW" in err


# --- facts for tools: each change's code and the parameters of its sentence

CODES = {
    "round metadata": [
        ("round", {"field": "id", "old": "r-2024", "new": "r-2025"}),
        ("round", {"field": "title", "old": "Vòng thử 2024", "new": "Vòng thử 2025"}),
        ("round", {"field": "year", "old": 2024, "new": 2025}),
        ("round", {"field": "rounding", "old": "2 places, half_up", "new": "1 place, down"}),
    ],
    "two units formed a new one": [
        ("joined_formed_from", {"name": "ab Đơn vị AB", "units": ["a", "b"]}),
        ("left_part_of", {"name": "a Đơn vị A", "units": ["ab"]}),
        ("left_part_of", {"name": "b Đơn vị B", "units": ["ab"]}),
        ("target", {"name": "loans Dư nợ", "unit": "ab", "old": None, "new": "300"}),
        ("target", {"name": "loans Dư nợ", "unit": "a", "old": "100", "new": None}),
        ("target", {"name": "loans Dư nợ", "unit": "b", "old": "200", "new": None}),
    ],
    "a unit took in another, keeping its id": [
        ("formed_from", {"name": "a Đơn vị A", "units": ["a", "b"]}),
        ("left_part_of", {"name": "b Đơn vị B", "units": ["a"]}),
        ("target", {"name": "loans Dư nợ", "unit": "a", "old": "100", "new": "300"}),
        ("target", {"name": "loans Dư nợ", "unit": "b", "old": "200", "new": None}),
    ],
    "clusters formed": [
        ("added_named", {"name": "k1 Khối 1"}),
        ("field", {"name": "a Đơn vị A", "field": "cluster", "old": None, "new": "k1"}),
        ("field", {"name": "b Đơn vị B", "field": "cluster", "old": None, "new": "k1"}),
    ],
    "group and criterion added": [
        ("round", {"field": "scale", "old": "20", "new": "25"}),
        ("added", {"name": "III Nhóm III", "summary": "max 5, 1 criterion"}),
        ("added", {"name": "III.1 Chậm", "summary": "group III, max 5, formula 5 - late"}),
    ],
    "criteria moved between groups (matched by id)": [
        ("moved", {"name": "II.2 Quy đổi", "old": "II", "new": "I"}),
        ("moved", {"name": "I.1 Kế hoạch", "old": "I", "new": "II"}),
    ],
    "targets for a new indicator": [("targets_added", {"name": "rate Tỷ lệ", "targets": [["a", "90"], ["b", "95"]]})],
    "a band added": [
        (
            "field",
            {
                "name": "II.1 Tỷ lệ",
                "field": "bands",
                "old": ["≥0: 0", "≥80: 3", "≥90: 6"],
                "new": ["≥0: 0", "≥80: 3", "≥90: 5", "≥95: 6"],
            },
        )
    ],
    "tie-break order": [
        (
            "order",
            {
                "old": ["group I (higher first)", "fewer deductions", "value loans (higher first)"],
                "new": ["fewer deductions", "group I (lower first)", "value loans (higher first)"],
            },
        )
    ],
    "award removed": [("removed", {"name": "bang-khen Bằng khen", "summary": "quota 50% of units, rounded down"})],
}


@pytest.mark.parametrize(("case", "expected"), list(CODES.items()), ids=list(CODES))
def test_each_change_carries_its_code_and_params(tmp_path, case, expected):
    old_edits, new_edits, _ = CASES[case]
    old = load_criteria(write(tmp_path, "old.yaml", edit(BASE, *old_edits)))
    new = load_criteria(write(tmp_path, "new.yaml", edit(BASE, *new_edits)))
    assert [(c["code"], c["params"]) for c in diff_data(compare(old, new))["changes"]] == expected


def test_a_renamed_indicator_has_its_code(tmp_path):
    new = load_criteria(write(tmp_path, "new.yaml", re.sub(r"\bloans\b", "balance", BASE) + "renamed: {loans: balance}\n"))
    data = diff_data(compare(load_criteria(write(tmp_path, "old.yaml", BASE)), new))
    assert [(c["code"], c["params"]) for c in data["changes"]] == [("renamed", {"old": "loans", "new": "balance"})]


# --- in Vietnamese: the same facts, worded for the council

VI_CASES = {
    "round metadata": [
        "id: r-2024 → r-2025",
        "title: Vòng thử 2024 → Vòng thử 2025",
        "year: 2024 → 2025",
        "rounding: 2 chữ số thập phân, half_up → 1 chữ số thập phân, down",
    ],
    "unit joined (with its target)": ["c Đơn vị C: đơn vị mới tham gia", "loans Dư nợ: chỉ tiêu giao cho c — → 50"],
    "unit left": ["b Đơn vị B: không còn tham gia", "loans Dư nợ: chỉ tiêu giao cho b 200 → —"],
    "two units formed a new one": [
        "ab Đơn vị AB: đơn vị mới tham gia, hình thành từ a, b",
        "a Đơn vị A: không còn tham gia (nay thuộc ab)",
        "b Đơn vị B: không còn tham gia (nay thuộc ab)",
        "loans Dư nợ: chỉ tiêu giao cho ab — → 300",
        "loans Dư nợ: chỉ tiêu giao cho a 100 → —",
        "loans Dư nợ: chỉ tiêu giao cho b 200 → —",
    ],
    "a unit took in another, keeping its id": [
        "a Đơn vị A: hình thành từ a, b",
        "b Đơn vị B: không còn tham gia (nay thuộc a)",
        "loans Dư nợ: chỉ tiêu giao cho a 100 → 300",
        "loans Dư nợ: chỉ tiêu giao cho b 200 → —",
    ],
    "cluster renamed, another removed, its unit moved": [
        "k1 Khối thi đua 1: name Khối 1 → Khối thi đua 1",
        "k2 Khối 2: bỏ",
        "b Đơn vị B: cluster k2 → k1",
    ],
    "indicator added": ["visits Lượt thăm: thêm mới (kiểu integer, đơn vị tính lượt)"],
    "derived removed": ["share: bỏ (rate / 100)"],
    "group and criterion added": [
        "scale: 20 → 25",
        "III Nhóm III: thêm mới (tối đa 5 điểm, 1 tiêu chí)",
        "III.1 Chậm: thêm mới (nhóm III, tối đa 5 điểm, formula 5 - late)",
    ],
    "criteria moved between groups (matched by id)": [
        "II.2 Quy đổi: chuyển từ nhóm II sang nhóm I",
        "I.1 Kế hoạch: chuyển từ nhóm I sang nhóm II",
    ],
    "criterion method, of and points_each": [
        "I.1 Kế hoạch: method achieved → per_item",
        "I.1 Kế hoạch: of done → late",
        "I.1 Kế hoạch: points_each — → 0,5",
    ],
    "a band added": [
        "II.1 Tỷ lệ: bands ≥0: 0 điểm, ≥80: 3 điểm, ≥90: 6 điểm → ≥0: 0 điểm, ≥80: 3 điểm, ≥90: 5 điểm, ≥95: 6 điểm"
    ],
    "targets for a new indicator": ["rate Tỷ lệ: thêm chỉ tiêu được giao (a 90, b 95)"],
    "adjustment added": ["extra Thưởng: thêm mới (điểm cộng 1 if done else 0, tối đa 1 điểm)"],
    "adjustment removed": ["late Nộp chậm: bỏ (điểm trừ late * 0.5, tối đa 2 điểm)"],
    "disqualifier removed": ["cases Vi phạm: bỏ (khi late > 5; không được xét xuat-sac)"],
    "classification band added": ["kha Khá: thêm mới (tổng điểm từ 15)"],
    "classification order": ["thứ tự: xuat-sac, tot, kha, hoan-thanh → xuat-sac, kha, tot, hoan-thanh"],
    "tie-break order": [
        "thứ tự: điểm nhóm I (cao hơn xếp trước), ít điểm trừ hơn, giá trị loans (cao hơn xếp trước)"
        " → ít điểm trừ hơn, điểm nhóm I (thấp hơn xếp trước), giá trị loans (cao hơn xếp trước)"
    ],
    "award quota, vote and also_lower": [
        "co Cờ thi đua: quota 1 → 2",
        "co Cờ thi đua: vote 80% → 75%",
        "co Cờ thi đua: also_lower không → có",
    ],
    "award rank_by": ["co Cờ thi đua: rank_by tổng điểm → điểm các tiêu chí trước điểm cộng/trừ"],
    "award share, share_of, rounding and among": [
        "bang-khen Bằng khen: quota 50% số đơn vị, làm tròn xuống → 40% số đơn vị đủ điều kiện, làm tròn lên",
        "bang-khen Bằng khen: among — → co",
    ],
    "award removed": ["bang-khen Bằng khen: bỏ (hạn mức 50% số đơn vị, làm tròn xuống)"],
}


@pytest.mark.parametrize(("case", "expected"), list(VI_CASES.items()), ids=list(VI_CASES))
def test_each_kind_of_change_in_vietnamese(tmp_path, case, expected):
    old_edits, new_edits, _ = CASES[case]
    old = load_criteria(write(tmp_path, "old.yaml", edit(BASE, *old_edits)))
    new = load_criteria(write(tmp_path, "new.yaml", edit(BASE, *new_edits)))
    with wording.use("vi"):
        assert [c["text"] for c in diff_data(compare(old, new))["changes"]] == expected


def test_a_renamed_indicator_and_a_new_cluster_in_vietnamese(tmp_path):
    renamed = re.sub(r"\bloans\b", "balance", BASE) + "renamed: {loans: balance}\n"
    clustered_ = edit(BASE, ("units:\n" + UNITS, clustered("  k1: {name: Khối 1}\n", "k1", "k1")))
    with wording.use("vi"):
        assert [c["text"] for c in changes_between(tmp_path, BASE, renamed)] == ["loans: đổi mã thành balance"]
        assert [c["text"] for c in changes_between(tmp_path, BASE, clustered_)] == [
            "k1 Khối 1: thêm mới",
            "a Đơn vị A: cluster — → k1",
            "b Đơn vị B: cluster — → k1",
        ]


def test_json_keeps_its_machine_form_in_vietnamese(tmp_path):
    # old and new as tools read them (decimal dot, English phrases), whatever the language; text for people
    old_edits, new_edits, _ = CASES["award share, share_of, rounding and among"]
    old = load_criteria(write(tmp_path, "old.yaml", edit(BASE, *old_edits)))
    new = load_criteria(write(tmp_path, "new.yaml", edit(BASE, *new_edits, ("{a: 100, b: 200}", "{a: 1000.5, b: 200}"))))
    with wording.use("vi"):
        data = diff_data(compare(old, new))
    assert data["changes"] == [
        {
            **change("Targets", "changed", "loans", "a", "100", "1000.5", "loans Dư nợ: chỉ tiêu giao cho a 100 → 1.000,5"),
            "code": "target",
            "params": {"name": "loans Dư nợ", "unit": "a", "old": "100", "new": "1000.5"},
        },
        {
            **change(
                "Awards",
                "changed",
                "bang-khen",
                "quota",
                "50% of units, rounded down",
                "40% of eligible, rounded up",
                "bang-khen Bằng khen: quota 50% số đơn vị, làm tròn xuống → 40% số đơn vị đủ điều kiện, làm tròn lên",
            ),
            "code": "field",
            "params": {
                "name": "bang-khen Bằng khen",
                "field": "quota",
                "old": "50% of units, rounded down",
                "new": "40% of eligible, rounded up",
            },
        },
        {
            **change("Awards", "changed", "bang-khen", "among", None, "co", "bang-khen Bằng khen: among — → co"),
            "code": "field",
            "params": {"name": "bang-khen Bằng khen", "field": "among", "old": None, "new": "co"},
        },
    ]


CUM_3_2024 = str(ROOT / "criteria/hoi-ccb-cum-3/2024.yaml")


def test_vietnamese_text_of_the_example_2023_to_2024():
    with wording.use("vi"):
        out = diff_text(compare(load_criteria(Path(CUM_3)), load_criteria(Path(CUM_3_2024))))
    head, round_, indicators, targets, criteria, awards = out.split("\n\n")
    assert head == (f"Thay đổi về nội dung từ {CUM_3} (hoi-ccb-cum-3-2023) sang {CUM_3_2024} (hoi-ccb-cum-3-2024): 37 thay đổi")
    assert round_.splitlines() == [
        "Thông tin chung",
        "  ~ id: hoi-ccb-cum-3-2023 → hoi-ccb-cum-3-2024",
        "  ~ title: Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam"
        " → Bảng tiêu chí chấm điểm thi đua năm 2024 — Cụm thi đua số 3, Hội CCB Việt Nam",
        "  ~ year: 2023 → 2024",
    ]
    assert indicators.splitlines() == [
        "Chỉ tiêu",
        "  ~ anniversary_held Tổ chức hoạt động chào mừng 70 năm …: label Tổ chức hoạt động chào mừng 75 năm"
        " Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc → Tổ chức hoạt động chào mừng 70 năm"
        " Chiến thắng Điện Biên Phủ và 80 năm Ngày thành lập Quân đội nhân dân Việt Nam",
        "  + digital_records_pct Tỷ lệ hội viên được cập nhật dữ liệu …: thêm mới (kiểu number, đơn vị tính %)",
    ]
    targets_lines = targets.splitlines()
    assert (len(targets_lines), targets_lines[:2]) == (
        26,
        ["Chỉ tiêu được giao", "  ~ loans Dư nợ ủy thác Ngân hàng CSXH qua tổ …: chỉ tiêu giao cho cao-bang 480 → 525"],
    )
    # thousands grouped by a dot, the Vietnamese way
    assert "  ~ loans Dư nợ ủy thác Ngân hàng CSXH qua tổ …: chỉ tiêu giao cho bac-giang 1.050 → 1.140" in targets_lines
    assert criteria.splitlines()[0] == "Tiêu chí"
    assert criteria.splitlines()[2:] == [
        "  ~ II.2 Dư nợ bình quân một tổ TK&VV (tỷ …: bands[1].from 1,2 → 1,3",
        "  ~ II.2 Dư nợ bình quân một tổ TK&VV (tỷ …: bands[2].from 1,5 → 1,6",
        "  ~ II.2 Dư nợ bình quân một tổ TK&VV (tỷ …: bands[3].from 1,7 → 1,8",
        "  ~ V.1 Kết nạp hội viên mới so với chỉ tiêu …: max 10 → 8",
        "  + V.6 Chuyển đổi số — tỷ lệ hội viên được …: thêm mới (nhóm V, tối đa 2 điểm, bands theo digital_records_pct"
        " ≥0: 0 điểm, ≥70: 1 điểm, ≥85: 1,5 điểm, ≥95: 2 điểm)",
    ]
    assert awards == "Hình thức khen thưởng\n  ~ bang-khen-tw Bằng khen của Trung ương Hội CCB Việt …: quota 2 → 3\n"


def test_vietnamese_markdown_of_the_example_2023_to_2024():
    with wording.use("vi"):
        lines = diff_markdown(compare(load_criteria(Path(CUM_3)), load_criteria(Path(CUM_3_2024)))).splitlines()
    assert lines[:12] == [
        "# Thay đổi về nội dung: hoi-ccb-cum-3-2023 → hoi-ccb-cum-3-2024",
        "",
        f"Tệp cũ: `{CUM_3}` · Tệp mới: `{CUM_3_2024}`",
        "",
        "37 thay đổi.",
        "",
        "## Thông tin chung",
        "",
        "| Thay đổi | Mục | Trường | Cũ | Mới |",
        "|---|---|---|---|---|",
        "| thay đổi | đợt thi đua | id | hoi-ccb-cum-3-2023 | hoi-ccb-cum-3-2024 |",
        "| thay đổi | đợt thi đua | title | Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam"
        " | Bảng tiêu chí chấm điểm thi đua năm 2024 — Cụm thi đua số 3, Hội CCB Việt Nam |",
    ]
    assert [line for line in lines if line.startswith("## ")] == [
        "## Thông tin chung",
        "## Chỉ tiêu",
        "## Chỉ tiêu được giao",
        "## Tiêu chí",
        "## Hình thức khen thưởng",
    ]
    for line in (
        "| thêm mới | digital\\_records\\_pct Tỷ lệ hội viên được cập nhật dữ liệu … | — | — | kiểu number, đơn vị tính % |",
        "| thay đổi | loans Dư nợ ủy thác Ngân hàng CSXH qua tổ … | bac-giang | 1.050 | 1.140 |",
        "| thay đổi | II.2 Dư nợ bình quân một tổ TK\\&VV (tỷ … | bands\\[1\\].from | 1,2 | 1,3 |",
        "| thêm mới | V.6 Chuyển đổi số — tỷ lệ hội viên được … | — | — | nhóm V, tối đa 2 điểm, bands theo"
        " digital\\_records\\_pct ≥0: 0 điểm, ≥70: 1 điểm, ≥85: 1,5 điểm, ≥95: 2 điểm |",
        "| thay đổi | bang-khen-tw Bằng khen của Trung ương Hội CCB Việt … | quota | 2 | 3 |",
    ):
        assert line in lines
    assert lines[-1] == "| thay đổi | bang-khen-tw Bằng khen của Trung ương Hội CCB Việt … | quota | 2 | 3 |"


def test_vietnamese_order_in_markdown_and_no_change(tmp_path):
    old_edits, new_edits, _ = CASES["award tiers reordered"]
    old = load_criteria(write(tmp_path, "old.yaml", edit(BASE, *old_edits)))
    new = load_criteria(write(tmp_path, "new.yaml", edit(BASE, *new_edits)))
    with wording.use("vi"):
        md = diff_markdown(compare(old, new))
        same = diff_text(compare(old, old))
    assert "| thay đổi | awards | thứ tự | co, bang-khen | bang-khen, co |\n" in md
    assert "\n1 thay đổi.\n\n## Hình thức khen thưởng\n" in md
    assert same == f"Không có thay đổi về nội dung giữa {old.file} (r-2024) và {old.file} (r-2024).\n"


def test_cli_diff_speaks_vietnamese_by_default(capsys, monkeypatch):
    monkeypatch.delenv("THIDUA_LANG")
    code, out, err = run(capsys, "diff", CUM_3, CUM_3_2024)
    assert (code, err) == (0, "")
    assert out.startswith(
        f"Thay đổi về nội dung từ {CUM_3} (hoi-ccb-cum-3-2023) sang {CUM_3_2024} (hoi-ccb-cum-3-2024): 37 thay đổi\n"
    )
