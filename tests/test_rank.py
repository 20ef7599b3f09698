"""Known-answer rankings (scoring/rank.py): totals chosen by hand, ties broken by the declared keys only.

Every round here is built by `criteria_yaml`: each criterion is a `formula` over a
number indicator of the same maximum, so a unit's total is exactly what its CSV
row says (plus bonuses, minus deductions where a test declares them).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal as D
from pathlib import Path

import pytest

from scoring.awards import propose
from scoring.criteria import TieBreak, load_criteria
from scoring.evaluate import Results, evaluate
from scoring.output import rank_data, to_json
from scoring.rank import SettledBy, SharesRank, Standing, rank
from scoring.submissions import load_submissions
from scoring.wording import word, words
from tests.rounds import criteria_yaml, csv_text

DEDUCTIONS = TieBreak("deductions", None, "lower")
BONUSES = TieBreak("bonuses", None, "higher")


def group(ref: str, prefer: str = "higher") -> TieBreak:
    return TieBreak("group", ref, prefer)  # type: ignore[arg-type]


def criterion(ref: str, prefer: str = "higher") -> TieBreak:
    return TieBreak("criterion", ref, prefer)  # type: ignore[arg-type]


# Two groups: I = I.1 (30, over i1) + I.2 (20, over i2); II = II.1 (50, over ii).
TWO_GROUPS = (("I", (("I.1", 30, "i1"), ("I.2", 20, "i2"))), ("II", (("II.1", 50, "ii"),)))
LATE = "{label: Số lần báo cáo chậm, type: integer, min: 0, default: 0}"
EXTRA = "{label: Điểm thưởng, type: number, min: 0, default: 0}"
ADJUSTMENTS = """\
adjustments:
  - {id: late, label: Báo cáo chậm, kind: deduction, formula: "late * 0.5"}
  - {id: extra, label: Thành tích đột xuất, kind: bonus, formula: "extra"}
"""


def scored(folder: Path, criteria: str, rows: Sequence[Mapping[str, str | int]], order: Sequence[int] | None = None) -> Results:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (folder / "submissions.csv").write_text(csv_text(rows, order), encoding="utf-8")
    loaded = load_criteria(folder / "criteria.yaml")
    return evaluate(loaded, load_submissions(loaded, [folder / "submissions.csv"]))


def table(standings: Sequence[Standing]) -> list[tuple[str, int, str]]:
    return [(s.unit, s.rank, f"{s.card.total:f}") for s in standings]


def test_distinct_totals_rank_from_the_highest(tmp_path):
    text = criteria_yaml(["a", "b", "c", "d", "e"])
    rows = [
        {"unit": "a", "pts": 70},
        {"unit": "b", "pts": 95},
        {"unit": "c", "pts": "82,5"},
        {"unit": "d", "pts": 60},
        {"unit": "e", "pts": 88},
    ]
    standings = rank(scored(tmp_path, text, rows))
    # 95 > 88 > 82.5 > 70 > 60
    assert table(standings) == [("b", 1, "95.00"), ("e", 2, "88.00"), ("c", 3, "82.50"), ("a", 4, "70.00"), ("d", 5, "60.00")]
    for s in standings:
        assert (s.level_with, s.tied_with, s.ties, s.cluster_rank) == ((), (), (), s.rank)


# p: I.1 20 + I.2 10 + II 30 = 60 (group I 30, group II 30)
# q: I.1 25 + I.2 5  + II 30 = 60 (group I 30, group II 30)
# r: I.1 10 + I.2 10 + II 40 = 60 (group I 20, group II 40)
PQR = [
    {"unit": "p", "i1": 20, "i2": 10, "ii": 30},
    {"unit": "q", "i1": 25, "i2": 5, "ii": 30},
    {"unit": "r", "i1": 10, "i2": 10, "ii": 40},
]


def test_first_key_separates_some_and_the_second_key_decides_the_rest(tmp_path):
    text = criteria_yaml(["p", "q", "r"], groups=TWO_GROUPS, extra="tie_break:\n  - {group: II}\n  - {criterion: I.2}\n")
    standings = rank(scored(tmp_path, text, PQR))
    # group II: r 40 > p 30 = q 30; then criterion I.2: p 10 > q 5
    assert table(standings) == [("r", 1, "60.00"), ("p", 2, "60.00"), ("q", 3, "60.00")]
    notes = {s.unit: s.ties for s in standings}
    assert notes == {
        "r": (SettledBy("p", group("II"), D("40.00"), D("30.00")), SettledBy("q", group("II"), D("40.00"), D("30.00"))),
        "p": (SettledBy("r", group("II"), D("30.00"), D("40.00")), SettledBy("q", criterion("I.2"), D("10.00"), D("5.00"))),
        "q": (SettledBy("r", group("II"), D("30.00"), D("40.00")), SettledBy("p", criterion("I.2"), D("5.00"), D("10.00"))),
    }
    # and in words
    assert words(notes["q"], lang="en") == (
        "level on total with r; settled by group II (higher first): 30.00 vs 40.00; "
        "level on total with p; settled by criterion I.2 (higher first): 5.00 vs 10.00"
    )
    assert words(notes["q"], lang="vi") == (
        "bằng tổng điểm với r; phân định theo điểm nhóm II (cao hơn xếp trước): 30,00 so với 40,00; "
        "bằng tổng điểm với p; phân định theo điểm tiêu chí I.2 (cao hơn xếp trước): 5,00 so với 10,00"
    )
    assert {s.unit: s.level_with for s in standings} == {"r": ("p", "q"), "p": ("r", "q"), "q": ("r", "p")}
    assert all(s.tied_with == () for s in standings)


@pytest.mark.parametrize(
    ("key", "expected", "note_q"),
    [
        # group II puts r (40) first; then I.2: p 10, q 5; higher first → p, q
        ("{group: II}, {criterion: I.2}", ["r", "p", "q"], SettledBy("p", criterion("I.2"), D("5.00"), D("10.00"))),
        # lower first → q, p
        (
            "{group: II}, {criterion: I.2, prefer: lower}",
            ["r", "q", "p"],
            SettledBy("p", criterion("I.2", "lower"), D("5.00"), D("10.00")),
        ),
        # group I: p 30 = q 30 = … r 20; lower first puts r (20) ahead, then p and q still equal
        ("{group: I, prefer: lower}", ["r", "p", "q"], None),
    ],
)
def test_prefer_lower_reverses_a_key(tmp_path, key, expected, note_q):
    text = criteria_yaml(["p", "q", "r"], groups=TWO_GROUPS, extra=f"tie_break: [{key}]\n")
    standings = rank(scored(tmp_path, text, PQR))
    assert [s.unit for s in standings] == expected
    q = next(s for s in standings if s.unit == "q")
    if note_q is not None:
        assert q.ties[-1] == note_q
    else:
        # r: group I 20 vs 30 → first; p and q: group I 30 = 30 → share rank 2
        assert [(s.unit, s.rank) for s in standings] == [("r", 1), ("p", 2), ("q", 2)]
        assert q.tied_with == ("p",)
        assert q.ties == (SettledBy("r", group("I", "lower"), D("30.00"), D("20.00")), SharesRank("p", (group("I", "lower"),)))
        assert words(q.ties, lang="en") == (
            "level on total with r; settled by group I (lower first): 30.00 vs 20.00; "
            "tied with p after every tie-break key (group I (lower first)): they share the rank"
        )


def test_fewer_deductions_first_then_more_bonuses(tmp_path):
    # x: 90                    → 90.00, deductions 0,    bonuses 0
    # y: 91 − 2 × 0.5          → 90.00, deductions 1.00, bonuses 0
    # z: 88 + 2                → 90.00, deductions 0,    bonuses 2.00
    # deductions: x = z (0) < y (1) → y last; bonuses: z (2) > x (0) → z, x, y
    text = criteria_yaml(
        ["x", "y", "z"], indicators={"late": LATE, "extra": EXTRA}, extra=ADJUSTMENTS + "tie_break: [deductions, bonuses]\n"
    )
    rows = [{"unit": "x", "pts": 90}, {"unit": "y", "pts": 91, "late": 2}, {"unit": "z", "pts": 88, "extra": 2}]
    standings = rank(scored(tmp_path, text, rows))
    assert table(standings) == [("z", 1, "90.00"), ("x", 2, "90.00"), ("y", 3, "90.00")]
    notes = {s.unit: s.ties for s in standings}
    # deductions are compared as their negative (fewer first) and shown unsigned
    assert notes["z"] == (SettledBy("x", BONUSES, D("2.00"), D("0")), SettledBy("y", DEDUCTIONS, D("0"), D("1.00")))
    assert notes["x"] == (SettledBy("z", BONUSES, D("0"), D("2.00")), SettledBy("y", DEDUCTIONS, D("0"), D("1.00")))
    assert words(notes["z"], lang="en") == (
        "level on total with x; settled by more bonuses: 2.00 vs 0.00; "
        "level on total with y; settled by fewer deductions: 0.00 vs 1.00"
    )


def test_deductions_alone_decide_and_show_unsigned_amounts(tmp_path):
    # a: 91 − 2 × 0.5 = 90.00 (deductions 1.00); b: 90.00 (none) → b first
    text = criteria_yaml(["a", "b"], indicators={"late": LATE, "extra": EXTRA}, extra=ADJUSTMENTS + "tie_break: [deductions]\n")
    standings = rank(scored(tmp_path, text, [{"unit": "a", "pts": 91, "late": 2}, {"unit": "b", "pts": 90}]))
    assert [(s.unit, s.rank, s.ties) for s in standings] == [
        ("b", 1, (SettledBy("a", DEDUCTIONS, D("0"), D("1.00")),)),
        ("a", 2, (SettledBy("b", DEDUCTIONS, D("1.00"), D("0")),)),
    ]
    assert word(standings[1].ties[0], "en") == "level on total with b; settled by fewer deductions: 1.00 vs 0.00"


def test_a_value_key_reads_an_indicator_and_units_without_a_value_go_last(tmp_path):
    new = "{label: Hội viên mới, type: integer, min: 0}"
    text = criteria_yaml(
        ["a", "b", "c"], indicators={"new_members": new}, extra="tie_break:\n  - {value: new_members, prefer: lower}\n"
    )
    # all 80; new_members: a 120, b 150, c not reported; lower first → a, b; no value goes last
    rows = [{"unit": "a", "pts": 80, "new_members": 120}, {"unit": "b", "pts": 80, "new_members": 150}, {"unit": "c", "pts": 80}]
    standings = rank(scored(tmp_path, text, rows))
    assert [(s.unit, s.rank) for s in standings] == [("a", 1), ("b", 2), ("c", 3)]
    key = TieBreak("value", "new_members", "lower")
    assert standings[2].ties == (SettledBy("a", key, None, D(120)), SettledBy("b", key, None, D(150)))
    assert words(standings[2].ties, lang="en") == (
        "level on total with a; settled by value new_members (lower first): no value vs 120; "
        "level on total with b; settled by value new_members (lower first): no value vs 150"
    )


def test_a_value_key_reads_a_derived_value(tmp_path):
    new = "{label: Hội viên mới, type: integer, min: 0}"
    members = "{label: Tổng số hội viên, type: integer, min: 1}"
    text = criteria_yaml(
        ["a", "b"],
        indicators={"new_members": new, "members": members},
        extra="derived:\n  new_per_1000: new_members / members * 1000\ntie_break:\n  - {value: new_per_1000}\n",
    )
    # a: 30 / 1000 × 1000 = 0.03 × 1000 = 30.00 per 1000; b: 50 / 2000 × 1000 = 0.025 × 1000 = 25.000 per 1000
    # → a first, though b has more new members (exact decimals, shown with the digits the arithmetic gave)
    rows = [
        {"unit": "a", "pts": 75, "new_members": 30, "members": 1000},
        {"unit": "b", "pts": 75, "new_members": 50, "members": 2000},
    ]
    standings = rank(scored(tmp_path, text, rows))
    assert [(s.unit, s.rank) for s in standings] == [("a", 1), ("b", 2)]
    assert standings[0].ties == (SettledBy("b", TieBreak("value", "new_per_1000", "higher"), D("30.00"), D("25.000")),)
    assert (
        word(standings[0].ties[0], "en") == "level on total with b; settled by value new_per_1000 (higher first): 30.00 vs 25.000"
    )


def test_units_still_equal_share_the_rank_and_the_next_rank_skips(tmp_path):
    text = criteria_yaml(
        ["a", "b", "c", "d"],
        indicators={"late": LATE, "extra": EXTRA},
        extra=ADJUSTMENTS + "tie_break: [deductions, {group: A}]\n",
    )
    rows = [{"unit": "a", "pts": 95}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 90}, {"unit": "d", "pts": 85}]
    standings = rank(scored(tmp_path, text, rows))
    # b and c: 90 = 90, deductions 0 = 0, group A 90 = 90 → both rank 2; d is fourth
    assert [(s.unit, s.rank, s.tied_with) for s in standings] == [("a", 1, ()), ("b", 2, ("c",)), ("c", 2, ("b",)), ("d", 4, ())]
    tried = (DEDUCTIONS, group("A"))
    assert standings[1].ties == (SharesRank("c", tried),)
    assert standings[2].ties == (SharesRank("b", tried),)
    assert standings[0].ties == standings[3].ties == ()
    assert word(standings[1].ties[0], "en") == (
        "tied with c after every tie-break key (fewer deductions, group A (higher first)): they share the rank"
    )
    assert word(standings[1].ties[0], "vi") == (
        "vẫn bằng c sau mọi tiêu chí phụ (ít điểm trừ hơn, điểm nhóm A (cao hơn xếp trước)): đồng hạng"
    )


def test_three_way_tie_without_keys_lists_both_others_in_the_criteria_files_order(tmp_path):
    # the criteria file lists c, a, b: the tied units are shown in that order, whatever their rows
    text = criteria_yaml(["c", "a", "b", "d"])
    rows = [{"unit": "a", "pts": 80}, {"unit": "b", "pts": 80}, {"unit": "c", "pts": 80}, {"unit": "d", "pts": 81}]
    standings = rank(scored(tmp_path, text, rows))
    assert [(s.unit, s.rank, s.tied_with) for s in standings] == [
        ("d", 1, ()),
        ("c", 2, ("a", "b")),
        ("a", 2, ("c", "b")),
        ("b", 2, ("c", "a")),
    ]
    assert standings[1].ties == (SharesRank("a", ()), SharesRank("b", ()))
    assert words(standings[1].ties, lang="en") == (
        "tied with a after every tie-break key (none declared): they share the rank; "
        "tied with b after every tie-break key (none declared): they share the rank"
    )


def test_row_order_in_the_csv_never_changes_the_ranking_or_the_proposal(tmp_path):
    text = criteria_yaml(
        ["a", "b", "c", "d"],
        indicators={"late": LATE, "extra": EXTRA},
        extra=ADJUSTMENTS + "tie_break: [deductions]\nawards:\n  - {id: flag, label: Cờ thi đua, quota: 2}\n",
    )
    rows = [
        {"unit": "a", "pts": 90},
        {"unit": "b", "pts": 91, "late": 2},
        {"unit": "c", "pts": 90},
        {"unit": "d", "pts": "70,25"},
    ]
    outputs = set()
    for k, order in enumerate(itertools.permutations(range(4))):
        outputs.add(to_json(rank_data(propose(scored(tmp_path / f"o{k}", text, rows, order)))))
    assert len(outputs) == 1
    # a and c tie (90, no deductions) for rank 1; b (90, 1.00 deducted) is third
    (only,) = outputs
    # the tie group is said once, and each of its units refers to it (record format 2: no more tied_with per unit)
    assert (
        '"tie_groups": [\n    {\n      "group": 1,\n      "rank": 1,\n      "cluster": null,\n'
        '      "members": [\n        "a",\n        "c"\n      ]\n    }\n  ]' in only
    )
    assert only.count('"tie_group": 1,') == 2


def test_separate_submission_files_in_any_order_give_the_same_ranking(tmp_path):
    text = criteria_yaml(["a", "b", "c"])
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    criteria = load_criteria(tmp_path / "criteria.yaml")
    files = {}
    for unit, pts in (("a", "77,5"), ("b", 80), ("c", "77,5")):
        files[unit] = tmp_path / f"{unit}.csv"
        files[unit].write_text(csv_text([{"unit": unit, "pts": pts}]), encoding="utf-8")
    seen = set()
    for order in itertools.permutations("abc"):
        results = evaluate(criteria, load_submissions(criteria, [files[u] for u in order]))
        seen.add(to_json(rank_data(propose(results))))
        # b 80; a and c 77.5 share rank 2
        assert [(s.unit, s.rank) for s in rank(results)] == [("b", 1), ("a", 2), ("c", 2)]
    assert len(seen) == 1


def test_cluster_ranks_are_computed_within_each_cluster(tmp_path):
    units = {"a": "c1", "b": "c2", "c": "c1", "d": "c2", "e": "c1"}
    text = criteria_yaml(units, clusters=["c1", "c2"])
    rows = [
        {"unit": "a", "pts": 80},
        {"unit": "b", "pts": 90},
        {"unit": "c", "pts": 85},
        {"unit": "d", "pts": 70},
        {"unit": "e", "pts": 85},
    ]
    standings = rank(scored(tmp_path, text, rows))
    # round: b 90 (1), c = e 85 (2, 2), a 80 (4), d 70 (5)
    # c1: c = e 85 (1, 1), a 80 (3); c2: b 90 (1), d 70 (2)
    assert [(s.unit, s.card.unit.cluster, s.rank, s.cluster_rank) for s in standings] == [
        ("b", "c2", 1, 1),
        ("c", "c1", 2, 1),
        ("e", "c1", 2, 1),
        ("a", "c1", 4, 3),
        ("d", "c2", 5, 2),
    ]


def test_cluster_rank_uses_the_tie_break_keys_too(tmp_path):
    units = {"a": "c1", "b": "c1", "c": "c2"}
    text = criteria_yaml(
        units, clusters=["c1", "c2"], indicators={"late": LATE, "extra": EXTRA}, extra=ADJUSTMENTS + "tie_break: [bonuses]\n"
    )
    # a: 88 + 2 = 90.00 (bonus 2.00); b: 90.00; c: 95.00 → round: c, a, b; cluster c1: a 1, b 2
    rows = [{"unit": "a", "pts": 88, "extra": 2}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 95}]
    standings = rank(scored(tmp_path, text, rows))
    assert [(s.unit, s.rank, s.cluster_rank) for s in standings] == [("c", 1, 1), ("a", 2, 1), ("b", 3, 2)]


def test_rank_data_carries_rank_cluster_rank_ties_and_the_tie_note(tmp_path):
    text = criteria_yaml({"a": "c1", "b": "c2"}, clusters=["c1", "c2"])
    data = rank_data(propose(scored(tmp_path, text, [{"unit": "a", "pts": 60}, {"unit": "b", "pts": 60}])))
    assert [
        {k: u[k] for k in ("unit", "cluster", "total", "rank", "cluster_rank", "tie_group", "tie", "to_next_rank")}
        for u in data["units"]
    ] == [
        {
            "unit": "a",
            "cluster": "c1",
            "total": "60.00",
            "rank": 1,
            "cluster_rank": 1,
            "tie_group": 1,
            "tie": [
                {
                    "code": "shares_rank",
                    "params": {"other": "b", "keys": []},
                    "text": "tied with b after every tie-break key (none declared): they share the rank",
                }
            ],
            "to_next_rank": None,
        },
        {
            "unit": "b",
            "cluster": "c2",
            "total": "60.00",
            "rank": 1,
            "cluster_rank": 1,
            "tie_group": 1,
            "tie": [
                {
                    "code": "shares_rank",
                    "params": {"other": "a", "keys": []},
                    "text": "tied with a after every tie-break key (none declared): they share the rank",
                }
            ],
            "to_next_rank": None,
        },
    ]


# --- ties in a round of clusters -------------------------------------------------------------------------------------------

# a, b (cluster c1) and c (c2) all have 90.00, d (c2) 85.00: a, b and c share rank 1 in the round; in c1 a and b share
# cluster rank 1, while c alone is first in c2
CLUSTER_TIE = {"a": "c1", "b": "c1", "c": "c2", "d": "c2"}
CLUSTER_ROWS = [{"unit": "a", "pts": 90}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 90}, {"unit": "d", "pts": 85}]


def test_a_tie_in_the_cluster_rank_names_only_the_clusters_units(tmp_path):
    standings = rank(scored(tmp_path, criteria_yaml(CLUSTER_TIE, clusters=["c1", "c2"]), CLUSTER_ROWS))
    shared = SharesRank  # no keys declared: every tie is shared
    assert [(s.unit, s.rank, s.tied_with, s.cluster_rank, s.cluster_tied_with, s.cluster_ties) for s in standings] == [
        ("a", 1, ("b", "c"), 1, ("b",), (shared("b", ()),)),
        ("b", 1, ("a", "c"), 1, ("a",), (shared("a", ()),)),
        ("c", 1, ("a", "b"), 1, (), ()),
        ("d", 4, (), 2, (), ()),
    ]


def test_rank_shows_a_shared_cluster_rank_and_keeps_tie_notes_of_the_cluster_apart_from_the_rounds(tmp_path, cli):
    (tmp_path / "criteria.yaml").write_text(criteria_yaml(CLUSTER_TIE, clusters=["c1", "c2"]), encoding="utf-8")
    (tmp_path / "submissions.csv").write_text(csv_text(CLUSTER_ROWS), encoding="utf-8")
    code, out, err = cli("rank", tmp_path / "criteria.yaml", tmp_path / "submissions.csv")
    assert (code, err) == (0, "")
    rows = {cells[1]: cells for line in out.splitlines() if (cells := [c.strip() for c in line.split("│")[1:-1]])}
    # the cluster rank: 1= for a and b, who share it; 1 for c, alone at the top of c2 though level with a and b
    assert [(rows[f"Đơn vị {u}"][0], rows[f"Đơn vị {u}"][3]) for u in "abcd"] == [
        ("1=", "1="),
        ("1=", "1="),
        ("1=", "1"),
        ("4", "2"),
    ]
    flat = " ".join(out.split())
    assert (
        "- 1, 1= in cluster c1. Đơn vị a (a): 90.00 — Hoàn thành xuất sắc nhiệm vụ (shared with b, c)"
        " - in cluster c1: tied with b after every tie-break key (none declared): they share the rank"
        " - in the round: tied with c after every tie-break key (none declared): they share the rank"
    ) in flat
    # c's notes are about its rank in the round only: its cluster rank is not shared
    assert (
        "- 1, 1 in cluster c2. Đơn vị c (c): 90.00 — Hoàn thành xuất sắc nhiệm vụ (shared with a, b)"
        " - in the round: tied with a after every tie-break key (none declared): they share the rank;"
        " tied with b after every tie-break key (none declared): they share the rank"
    ) in flat
    code, out, err = cli("rank", tmp_path / "criteria.yaml", tmp_path / "submissions.csv", "--format", "json", "--lang", "vi")
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    # a and b share cluster rank 1 in c1 (cluster tie group 2); the round's group 1 is a, b and c
    assert (units["a"]["cluster_tie_group"], units["c"]["cluster_tie_group"], units["c"]["cluster_tie"]) == (2, None, None)
    assert json.loads(out)["tie_groups"] == [
        {"group": 1, "rank": 1, "cluster": None, "members": ["a", "b", "c"]},
        {"group": 2, "rank": 1, "cluster": "c1", "members": ["a", "b"]},
    ]
    assert units["a"]["cluster_tie"] == [
        {
            "code": "shares_rank",
            "params": {"other": "b", "keys": []},
            "text": "vẫn bằng b sau mọi tiêu chí phụ (không khai báo tiêu chí phụ nào): đồng hạng",
        }
    ]


def test_a_round_without_clusters_has_no_cluster_ties_in_its_data(tmp_path):
    text = criteria_yaml(["a", "b"])
    data = rank_data(propose(scored(tmp_path, text, [{"unit": "a", "pts": 60}, {"unit": "b", "pts": 60}])))
    assert all("cluster_tie_group" not in u and "cluster_tie" not in u for u in data["units"])
