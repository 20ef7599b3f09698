"""Known answers through load_criteria → load_submissions → evaluate, and the JSON data built from them.

Each expected number is worked out by hand in the test, with the arithmetic shown.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from scoring import methods
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import (
    BelowTotal,
    Blocked,
    CappedAt,
    FloorMiss,
    NoPoints,
    NotReported,
    RelativeFacts,
    Results,
    TargetFacts,
    UnderFloor,
    evaluate,
)
from scoring.methods import CAPPED
from scoring.numbers import CONTEXT, quantize
from scoring.output import score_data
from scoring.submissions import load_submissions
from scoring.wording import word

D = Decimal
ROOT = Path(__file__).resolve().parent.parent


def run(tmp_path: Path, criteria_text: str, submissions: dict[str, str]) -> Results:
    criteria_file = tmp_path / "criteria.yaml"
    criteria_file.write_text(criteria_text, encoding="utf-8")
    folder = tmp_path / "submissions"
    folder.mkdir()
    for name, text in submissions.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    criteria = load_criteria(criteria_file)
    return evaluate(criteria, load_submissions(criteria, [folder]))


# --- A three-unit round with every method, derived values, defaults, adjustments and classification ---------------

ROUND = """\
format: thidua/1
id: test-round
title: A test round
year: 2024
scale: 50
units:
  a: {name: Unit A}
  b: {name: Unit B}
  c: {name: Unit C}
indicators:
  plan: {label: Plan on time, type: boolean}
  houses: {label: Houses rebuilt, type: integer, min: 0}
  loans: {label: Loans, type: number, min: 0}
  members: {label: Members, type: integer, min: 1}
  models: {label: Business models, type: integer, min: 0}
  sessions: {label: Sessions, type: integer, min: 0}
  rating: {label: Rating, type: number, min: 0}
  fund: {label: Fund, type: number, min: 0}
  praised: {label: Models praised, type: integer, min: 0, default: 0}
  late: {label: Late reports, type: integer, min: 0, default: 0}
  cases: {label: Discipline cases, type: integer, min: 0, default: 0}
derived:
  models_per_1000: models / members * 1000
targets:
  loans: {a: 1000, b: 1000, c: 500}
  fund: {a: 500, b: 500, c: 500}
groups:
  - id: G1
    label: Group one
    max: 20
    criteria:
      - {id: G1.1, label: Plan, max: 5, method: achieved, of: plan}
      - {id: G1.2, label: Houses, max: 5, method: per_item, of: houses, points_each: 0.5}
      - {id: G1.3, label: Loans, max: 10, method: target, of: loans}
  - id: G2
    label: Group two
    max: 30
    criteria:
      - {id: G2.1, label: Models per 1000, max: 10, method: relative, of: models_per_1000}
      - id: G2.2
        label: Sessions
        max: 5
        method: bands
        of: sessions
        bands:
          - {from: 10, points: 2}
          - {from: 20, points: 5}
      - {id: G2.3, label: Rating, max: 5, formula: rating * 2}
      - {id: G2.4, label: Fund, max: 10, method: target, of: fund, if_missing: no_points}
adjustments:
  - {id: praise, label: Praised, kind: bonus, formula: praised * 1, cap: 2}
  - {id: late, label: Late reports, kind: deduction, formula: late * 0.5, cap: 1}
disqualifiers:
  - {id: discipline, label: Lãnh đạo bị kỷ luật, when: cases > 0, blocks: [top]}
classification:
  - {id: top, label: Top, min_total: 30, floor: 40%}
  - {id: good, label: Good, min_total: 25, floor: 20%}
  - {id: ok, label: Ok, min_total: 20}
  - {id: none, label: None}
"""

UNIT_A = """\
round: test-round
unit: a
self_score: 52
values:
  plan: true
  houses: 12
  loans: 1200
  members: 2000
  models: 30
  sessions: 25
  rating: 1.5
  fund: 600
  praised: 3
"""

UNIT_B = """\
round: test-round
unit: b
self_score: 30
values:
  plan: false
  houses: 10
  loans: 1100
  members: 1000
  models: 12
  sessions: 10
  rating: 3
  late: 3
"""

UNIT_C = """\
round: test-round
unit: c
values:
  plan: true
  houses: 7
  loans: 450
  members: 3000
  models: 30
  sessions: 15
  rating: 2.5
  fund: 500
  cases: 1
"""


@pytest.fixture
def results(tmp_path):
    return run(tmp_path, ROUND, {"a": UNIT_A, "b": UNIT_B, "c": UNIT_C})


def points(results: Results, unit: str) -> dict[str, Decimal]:
    card = results.scorecard(unit)
    lines = {line.criterion.id: line.points for line in card.lines}
    lines.update({a.adjustment.id: a.points for a in card.adjustments})
    return lines


def test_unit_a_every_line(results):
    assert points(results, "a") == {
        "G1.1": D(5),  # plan true → max 5
        "G1.2": D(5),  # 12 × 0.5 = 6 > 5 → capped at 5
        "G1.3": D(10),  # r = 1200/1000 = 1.2, the highest above 1 → leader → max 10
        "G2.1": D(10),  # 30/2000 × 1000 = 15 = best (b: 12, c: 10) → 10 × 15/15 = 10
        "G2.2": D(5),  # 25 ≥ 20 → 5
        "G2.3": D(3),  # 1.5 × 2 = 3
        "G2.4": D(10),  # fund r = 600/500 = 1.2, leader (c: 1, b: not reported) → 10
        "praise": D(2),  # 3 × 1 = 3 > cap 2 → 2
        "late": D(0),  # default 0 × 0.5 = 0
    }


def test_unit_b_every_line(results):
    assert points(results, "b") == {
        "G1.1": D(0),  # plan false → 0
        "G1.2": D(5),  # 10 × 0.5 = 5, exactly the max
        "G1.3": D("7.5"),  # r = 1100/1000 = 1.1; leader a's 1.2 → 0.5×10 + 0.5×10 × (1.1−1)/(1.2−1) = 5 + 2.5 = 7.5
        "G2.1": D(8),  # 12/1000 × 1000 = 12; 10 × 12/15 = 8
        "G2.2": D(2),  # 10 is exactly on the first edge → 2
        "G2.3": D(5),  # 3 × 2 = 6 > 5 → capped at 5
        "G2.4": D(0),  # fund not reported, if_missing: no_points → 0
        "praise": D(0),  # default 0
        "late": D(-1),  # 3 × 0.5 = 1.5 > cap 1 → a deduction of 1: −1
    }


def test_unit_c_every_line(results):
    assert points(results, "c") == {
        "G1.1": D(5),  # plan true → 5
        "G1.2": D("3.5"),  # 7 × 0.5 = 3.5
        "G1.3": D("4.5"),  # r = 450/500 = 0.9 < 1 → 0.5 × 10 × 0.9 = 4.5
        "G2.1": D("6.67"),  # 30/3000 × 1000 = 10; 10 × 10/15 = 6.666… → 6.67 (half_up, 2 places)
        "G2.2": D(2),  # 10 ≤ 15 < 20 → 2
        "G2.3": D(5),  # 2.5 × 2 = 5, exactly the max
        "G2.4": D(5),  # r = 500/500 = 1 → 0.5 × 10 = 5
        "praise": D(0),
        "late": D(0),
    }


def test_notes_say_what_was_capped_and_missing(results):
    a = {line.criterion.id: line for line in results.scorecard("a").lines}
    b = {line.criterion.id: line for line in results.scorecard("b").lines}
    assert a["G1.2"].notes == (CAPPED,)
    assert a["G1.2"].raw == D(5)  # 12 × 0.5 = 6, capped at 5 (raw is before rounding, after the cap)
    assert b["G1.2"].notes == ()  # exactly at the max is not capped
    assert b["G2.3"].notes == (CAPPED,)
    assert b["G2.4"].notes == (NoPoints("fund", NotReported()),)
    assert word(b["G2.4"].notes[0], "en") == "no value for 'fund' (not reported): no points (if_missing: no_points)"
    assert (
        word(b["G2.4"].notes[0], "vi") == "không có giá trị của 'fund' (không báo cáo): không tính điểm (if_missing: no_points)"
    )
    adjustments = {x.adjustment.id: x for x in results.scorecard("b").adjustments}
    assert adjustments["late"].raw == D("1.5")  # 3 × 0.5
    assert adjustments["late"].notes == (CappedAt(D(1)),)
    praise = {x.adjustment.id: x for x in results.scorecard("a").adjustments}["praise"]
    assert praise.raw == D(3)
    assert praise.notes == (CappedAt(D(2)),)
    assert word(praise.notes[0], "en") == "capped at 2"


def test_the_target_leader_and_the_relative_best_are_taken_across_units(results):
    # loans: a 1.2, b 1.1, c 0.9 → leader 1.2; fund: a 1.2, c 1, b has none → leader 1.2
    assert results.cohort.leaders == {"loans": D("1.2"), "fund": D("1.2")}
    # best models_per_1000 over a 15, b 12, c 10 → 15
    assert results.cohort.stats[("best", "models_per_1000")] == D(15)
    b = {line.criterion.id: line.facts for line in results.scorecard("b").lines}
    assert b["G1.3"] == TargetFacts(target=D(1000), ratio=D("1.1"), leader=D("1.2"))
    assert b["G2.1"] == RelativeFacts(best=D(15))


def test_derived_values_and_defaults_are_in_the_scorecard(results):
    a = results.scorecard("a")
    assert a.values["models_per_1000"] == D(15)  # 30 / 2000 × 1000
    assert a.values["late"] == D(0)  # not reported: the default
    assert a.values["cases"] == D(0)
    assert "fund" in a.values
    b = results.scorecard("b")
    assert "fund" not in b.values
    assert b.absent == {"fund": NotReported()}


def test_groups_and_totals(results):
    a, b, c = (results.scorecard(u) for u in "abc")
    # a: G1 = 5 + 5 + 10 = 20; G2 = 10 + 5 + 3 + 10 = 28; total = 48 + 2 − 0 = 50
    assert [g.points for g in a.groups] == [D(20), D(28)]
    assert a.total == D(50)
    # b: G1 = 0 + 5 + 7.5 = 12.5; G2 = 8 + 2 + 5 + 0 = 15; total = 27.5 + 0 − 1 = 26.5
    assert [g.points for g in b.groups] == [D("12.5"), D(15)]
    assert b.total == D("26.5")
    # c: G1 = 5 + 3.5 + 4.5 = 13; G2 = 6.67 + 2 + 5 + 5 = 18.67; total = 31.67 + 0 − 0 = 31.67
    assert [g.points for g in c.groups] == [D(13), D("18.67")]
    assert c.total == D("31.67")


def test_total_is_exactly_the_sum_of_lines_and_adjustments(results):
    for card in results.scorecards:
        lines = sum((line.points for line in card.lines), D(0))
        adjustments = sum((a.points for a in card.adjustments), D(0))
        assert card.total == lines + adjustments
        assert sum((g.points for g in card.groups), D(0)) == lines


def test_self_score_difference_is_total_minus_self_score(results):
    assert results.scorecard("a").self_score_difference == D(-2)  # 50 − 52
    assert results.scorecard("b").self_score_difference == D("-3.5")  # 26.5 − 30
    assert results.scorecard("c").self_score_difference is None  # no self_score given


def test_classification_top_when_total_and_floor_hold(results):
    a = results.scorecard("a")
    # 50 ≥ 30 and every line ≥ 40% of its max (the lowest, G2.3, is 3 of 5 = 60%)
    assert a.classification.id == "top"
    assert a.held_back == ()
    assert a.disqualified == ()


def test_classification_held_back_by_min_total_and_by_floor(results):
    b = results.scorecard("b")
    assert b.classification.id == "ok"  # 26.5 ≥ 20
    held = [(band.id, reason) for band, reason in b.held_back]
    assert [band for band, _ in held] == ["top", "good"]
    assert held[0][1] == BelowTotal(D("26.50"), D(30))  # 26.5 < 30
    assert word(held[0][1], "en") == "total 26.50 is below 30"
    assert word(held[0][1], "vi") == "tổng điểm 26,50 thấp hơn 30"
    # 26.5 ≥ 25, but G1.1 is 0 < 20% × 5 = 1 and G2.4 is 0 < 20% × 10 = 2
    assert held[1][1] == UnderFloor(D("0.2"), (FloorMiss("G1.1", D("0.00"), D(5)), FloorMiss("G2.4", D("0.00"), D(10))))
    assert word(held[1][1], "en") == "under the floor of 20% of the maximum: G1.1 has 0.00 of 5, G2.4 has 0.00 of 10"


def test_a_disqualifier_blocks_a_band_and_held_back_names_it(results):
    c = results.scorecard("c")
    assert [d.id for d in c.disqualified] == ["discipline"]
    # without the block, c would be top: 31.67 ≥ 30 and its lowest share, G2.2, is 2/5 = 40% (not under 40%)
    assert c.classification.id == "good"
    assert [(band.id, reason) for band, reason in c.held_back] == [("top", Blocked("discipline", "Lãnh đạo bị kỷ luật"))]
    assert word(c.held_back[0][1], "en") == "blocked by disqualifier discipline (Lãnh đạo bị kỷ luật)"


def test_without_the_disqualifier_the_unit_would_be_top(tmp_path):
    results = run(tmp_path, ROUND, {"a": UNIT_A, "b": UNIT_B, "c": UNIT_C.replace("cases: 1", "cases: 0")})
    c = results.scorecard("c")
    assert c.disqualified == ()
    assert c.total == D("31.67")
    assert c.classification.id == "top"


# --- score_data ------------------------------------------------------------------------------------------------------


def test_score_data_points_are_decimal_strings(results):
    data = score_data(results)
    assert data["round"] == "test-round"
    units = {u["unit"]: u for u in data["units"]}
    assert [u["unit"] for u in data["units"]] == ["a", "b", "c"]
    assert units["a"]["total"] == "50.00"
    assert units["b"]["total"] == "26.50"
    assert units["c"]["total"] == "31.67"
    a = {c["id"]: c["points"] for c in units["a"]["criteria"]}
    assert a == {
        "G1.1": "5.00",
        "G1.2": "5.00",
        "G1.3": "10.00",
        "G2.1": "10.00",
        "G2.2": "5.00",
        "G2.3": "3.00",
        "G2.4": "10.00",
    }
    b = {c["id"]: c["points"] for c in units["b"]["criteria"]}
    assert b["G1.3"] == "7.50"
    assert {x["id"]: x["points"] for x in units["b"]["adjustments"]} == {"praise": "0.00", "late": "-1.00"}
    assert units["b"]["groups"] == [{"id": "G1", "points": "12.50", "max": "20"}, {"id": "G2", "points": "15.00", "max": "30"}]
    assert units["a"]["self_score_difference"] == "-2.00"
    assert units["b"]["self_score"] == "30"
    assert units["c"]["self_score"] is None
    assert units["c"]["self_score_difference"] is None
    assert units["b"]["classification"] == {"id": "ok", "label": "Ok"}
    assert [h["id"] for h in units["b"]["classification_held_back"]] == ["top", "good"]


def test_score_data_every_points_string_has_the_rounds_places(results):
    # rounding: 2 places → every line, group, adjustment and total reads like "93.50", even a line of no points
    two_places = re.compile(r"-?[0-9]+\.[0-9]{2}")
    for unit in score_data(results)["units"]:
        texts = [unit["total"]] + [g["points"] for g in unit["groups"]]
        texts += [c["points"] for c in unit["criteria"]] + [a["points"] for a in unit["adjustments"]]
        for text in texts:
            assert two_places.fullmatch(text), f"unit {unit['unit']}: {text!r} is not a 2-place decimal"


def test_score_data_a_zero_deduction_is_not_negative_zero(results):
    # a deduction of 0 × 0.5 = 0 points reads "0.00", not "-0.00"
    a = next(u for u in score_data(results)["units"] if u["unit"] == "a")
    assert {x["id"]: x["points"] for x in a["adjustments"]} == {"praise": "2.00", "late": "0.00"}


def test_score_data_total_is_exactly_the_sum_of_its_points(results):
    for unit in score_data(results)["units"]:
        parts = [Decimal(c["points"]) for c in unit["criteria"]] + [Decimal(a["points"]) for a in unit["adjustments"]]
        assert Decimal(unit["total"]) == sum(parts, D(0))
        for a in unit["adjustments"]:
            if a["kind"] == "deduction":
                assert Decimal(a["points"]) <= 0


# --- rounding ---------------------------------------------------------------------------------------------------------


def one_unit_round(formulas: list[str], rounding: str) -> str:
    criteria = "\n".join(f"      - {{id: C{i}, label: Line {i}, max: 5, formula: {f}}}" for i, f in enumerate(formulas))
    return f"""\
format: thidua/1
id: r
title: Rounding
year: 2024
scale: {5 * len(formulas)}
rounding: {rounding}
units:
  u: {{name: U}}
indicators:
  x: {{label: X, type: number}}
  y: {{label: Y, type: number}}
groups:
  - id: G
    label: G
    max: {5 * len(formulas)}
    criteria:
{criteria}
classification:
  - {{id: all, label: All}}
"""


def one_unit(tmp_path: Path, formulas: list[str], rounding: str, x: str, y: str = "0") -> Results:
    submission = f"round: r\nunit: u\nvalues:\n  x: {x}\n  y: {y}\n"
    return run(tmp_path, one_unit_round(formulas, rounding), {"u": submission})


@pytest.mark.parametrize(
    ("mode", "x", "expected"),
    [
        # 2.675: exactly half way between 2.67 and 2.68 (exact decimals, no binary float error)
        ("half_up", "2.675", "2.68"),  # half way → up
        ("half_even", "2.675", "2.68"),  # half way → the even last digit: 8 (7 is odd)
        ("down", "2.675", "2.67"),  # drop the extra digit
        # 2.665: half way between 2.66 and 2.67
        ("half_up", "2.665", "2.67"),
        ("half_even", "2.665", "2.66"),  # 6 is even
        ("down", "2.665", "2.66"),
        # below and above half way
        ("half_up", "2.6749", "2.67"),
        ("half_even", "2.6751", "2.68"),
        ("down", "2.6799", "2.67"),
    ],
)
def test_rounding_modes(tmp_path, mode, x, expected):
    results = one_unit(tmp_path, ["x"], f"{{places: 2, mode: {mode}}}", x)
    line = results.scorecard("u").lines[0]
    assert line.raw == D(x)
    assert str(line.points) == expected
    assert score_data(results)["units"][0]["criteria"][0]["points"] == expected


def test_default_rounding_is_half_up_to_two_places(tmp_path):
    # no rounding given: 2.675 → 2.68 (half up, 2 places)
    text = one_unit_round(["x"], "{places: 2}").replace("rounding: {places: 2}\n", "")
    assert "rounding" not in text
    results = run(tmp_path, text, {"u": "round: r\nunit: u\nvalues:\n  x: 2.675\n  y: 0\n"})
    assert str(results.scorecard("u").lines[0].points) == "2.68"


def test_tenths_add_up_exactly(tmp_path):
    # lines 0.1 and 0.2 → total 0.3 exactly (binary floats would give 0.30000000000000004)
    results = one_unit(tmp_path, ["x", "y"], "{places: 2, mode: half_up}", "0.1", "0.2")
    card = results.scorecard("u")
    assert [line.points for line in card.lines] == [D("0.1"), D("0.2")]
    assert card.total == D("0.3")
    assert score_data(results)["units"][0]["total"] == "0.30"


@pytest.mark.parametrize(
    ("rounding", "x", "expected"),
    [
        ("{places: 0, mode: half_up}", "2.5", "3"),  # half way → up
        ("{places: 0, mode: half_even}", "2.5", "2"),  # half way → even 2
        ("{places: 0, mode: down}", "2.9", "2"),
        ("{places: 3, mode: half_up}", "2.6755", "2.676"),  # half way → up
        ("{places: 3, mode: half_even}", "2.6765", "2.676"),  # half way → even 6
        ("{places: 3, mode: down}", "2.6759", "2.675"),
        ("{places: 3, mode: half_up}", "2", "2.000"),  # whole numbers get the places too
    ],
)
def test_rounding_places(tmp_path, rounding, x, expected):
    results = one_unit(tmp_path, ["x"], rounding, x)
    unit = score_data(results)["units"][0]
    assert unit["criteria"][0]["points"] == expected
    assert unit["total"] == expected
    assert unit["groups"][0]["points"] == expected


MAX_FINER_THAN_PLACES = """\
format: thidua/1
id: r
title: A maximum finer than the rounding
year: 2024
scale: 1.5
rounding: {places: 0, mode: half_up}
units:
  u: {name: U}
indicators:
  done: {label: Done, type: boolean}
  praised: {label: Praised, type: integer, min: 0}
groups:
  - id: G
    label: G
    max: 1.5
    criteria:
      - {id: C, label: Done, max: 1.5, method: achieved, of: done}
adjustments:
  - {id: praise, label: Praised, kind: bonus, formula: praised * 1, cap: 1.5}
classification:
  - {id: all, label: All}
"""


FINER_THAN_PLACES = "round: r\nunit: u\nvalues:\n  done: true\n  praised: 3\n"


def test_a_max_or_cap_finer_than_the_rounding_is_refused(tmp_path):
    # max 1.5 in a round kept to 0 places: achieved → 1.5 would round half up to 2 > 1.5,
    # and a bonus capped at 1.5 likewise. The loader refuses both limits, naming each.
    with pytest.raises(InvalidInput) as refused:
        run(tmp_path, MAX_FINER_THAN_PLACES, {"u": FINER_THAN_PLACES})
    criteria = str(tmp_path / "criteria.yaml")
    assert [str(p) for p in refused.value.problems] == [
        f"{criteria}:17:35: groups[0].criteria[0].max: 1.5 has more decimal places than the round keeps (rounding.places: 0)",
        f"{criteria}:19:74: adjustments[0].cap: 1.5 has more decimal places than the round keeps (rounding.places: 0)",
    ]


def test_division_residue_does_not_cost_a_point_under_down():
    # relative: 8 × v / v with v = 101/15 is 7.99…99 at 34 digits; the guard rounding to 12 places makes it 8.
    v = CONTEXT.divide(D(101), D(15))
    raw = methods.relative(D(8), v, v)
    assert raw < 8  # the residue is real …
    assert quantize(raw, 0, "down") == D(8)  # … and does not reach the points
    assert quantize(D("7.99"), 0, "down") == D(7)  # a true 7.99 still rounds down


# --- the example round: Cluster 3 of the Veterans Association, 2023 -------------------------------------------------

# The cluster's totals from the news report of its 2023 closing conference (seed/, examples/…/TOTALS.md).
REPORTED_TOTALS = {
    "savings_groups": D(2457),  # 2.457 tổ
    "loans": D("4093.7"),  # 4.093,7 tỷ đồng
    "houses_rebuilt": D(158),
    "policy_gifts": D(19807),
    "policy_gifts_value": D(10400),  # 10,4 tỷ đồng in triệu đồng
    "labour_days": D(164799),
    "land_donated": D(155514),  # m²
    "money_donated": D(10797),  # 10 tỷ 797 triệu in triệu đồng
    "recruit_gifts": D(9374),
    "recruit_gifts_value": D(1264),  # 1 tỷ 264 triệu in triệu đồng
    "border_patrols": D(765),  # Cao Bằng 265 + Lạng Sơn 500
    "border_patrol_turns": D(7855),  # Cao Bằng 1.855 + Lạng Sơn 6.000
    "new_members": D(4712),
    "party_introduced": D(131),
}


@pytest.fixture(scope="module")
def example():
    criteria = load_criteria(ROOT / "criteria/hoi-ccb-cum-3/2023.yaml")
    return criteria, load_submissions(criteria, [ROOT / "examples/hoi-ccb-cum-3/2023"])


def test_example_round_has_the_six_provinces(example):
    criteria, submissions = example
    expected = ["cao-bang", "bac-kan", "thai-nguyen", "lang-son", "bac-ninh", "bac-giang"]
    assert [u.id for u in criteria.units] == expected
    assert [s.unit for s in submissions] == expected


@pytest.mark.parametrize(("indicator", "total"), REPORTED_TOTALS.items())
def test_example_round_adds_up_to_the_reported_cluster_totals(example, indicator, total):
    criteria, submissions = example
    assert indicator in criteria.indicators
    reported = [s.values[indicator].value for s in submissions if indicator in s.values]
    assert all(isinstance(v, Decimal) for v in reported)
    # a unit that leaves a patrol figure out gets the default, 0
    left_out = [s.unit for s in submissions if indicator not in s.values]
    if left_out:
        assert criteria.indicators[indicator].default == D(0)
    assert sum(reported, D(0)) == total


def test_example_round_only_border_provinces_leave_patrols_out(example):
    _, submissions = example
    for indicator in ("border_patrols", "border_patrol_turns"):
        assert sorted(s.unit for s in submissions if indicator not in s.values) == ["bac-giang", "bac-ninh"]
    for indicator in REPORTED_TOTALS.keys() - {"border_patrols", "border_patrol_turns"}:
        assert all(indicator in s.values for s in submissions), indicator


def test_example_round_scores_with_exact_totals(example):
    criteria, submissions = example
    results = evaluate(criteria, submissions)
    for unit in score_data(results)["units"]:
        parts = [Decimal(c["points"]) for c in unit["criteria"]] + [Decimal(a["points"]) for a in unit["adjustments"]]
        assert Decimal(unit["total"]) == sum(parts, D(0))
