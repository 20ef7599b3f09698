"""Floors and conditions on parts: group floors, no-zero rules, floors on named groups' criteria, and formulas
that read a criterion's or a group's points (points("I.2"), group_points("I"), criteria_points()).

Every round here has group I (max 20: I.1 and I.2, 10 each) and group II (max 10: II.1); each criterion is
`formula: "<indicator>"`, so a line's points are what the CSV row says. Points at 2 places.
"""

from __future__ import annotations

import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from scoring.awards import (
    AboveZero,
    Classification,
    NotClassified,
    PointsInGroup,
    Proposal,
    propose,
)
from scoring.criteria import load_criteria
from scoring.errors import InvalidInput
from scoring.evaluate import (
    BelowTotal,
    Blocked,
    FloorMiss,
    GroupMiss,
    GroupUnderFloor,
    Results,
    UnderFloor,
    ZeroIn,
    evaluate,
)
from scoring.explain import explain
from scoring.output import score_data
from scoring.submissions import load_submissions
from scoring.wording import word
from tests.rounds import CLASSIFICATION, criteria_yaml, csv_text
from tests.shared import at

GROUPS = (("I", (("I.1", 10, "i1"), ("I.2", 10, "i2"))), ("II", (("II.1", 10, "ii1"),)))
UNITS = ("u1", "u2", "u3")


def criteria_text(classification: str = CLASSIFICATION, extra: str = "") -> str:
    return criteria_yaml(UNITS, groups=GROUPS, extra=extra).replace(CLASSIFICATION, classification)


def bands(*first: str) -> str:
    """Two bands: 'top' with the given keys, and 'rest', which takes every other unit."""
    return "classification:\n  - {id: top, label: Top, " + ", ".join(first) + "}\n  - {id: rest, label: Rest}\n"


def row(unit: str, i1: str, i2: str, ii1: str) -> dict[str, str | int]:
    return {"unit": unit, "i1": i1, "i2": i2, "ii1": ii1}


ROWS = [row("u1", "5", "5", "5"), row("u2", "4,99", "5", "10"), row("u3", "10", "0", "0")]


def scored(tmp_path: Path, criteria: str, rows: list[dict[str, str | int]] = ROWS) -> Results:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(csv_text(rows), encoding="utf-8")
    loaded = load_criteria(tmp_path / "criteria.yaml")
    return evaluate(loaded, load_submissions(loaded, [tmp_path / "rows.csv"]))


def refused(tmp_path: Path, criteria: str) -> list[str]:
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        load_criteria(tmp_path / "criteria.yaml")
    return [str(p).removeprefix(str(tmp_path / "criteria.yaml") + ":") for p in e.value.problems]


def where(text: str, needle: str) -> str:
    """'line:col' of `needle` in the criteria text, as a problem starts."""
    return "{}:{}".format(*at(text, needle))


def held(results: Results, unit: str) -> list[tuple[str, object]]:
    return [(band.id, why) for band, why in results.scorecard(unit).held_back]


# --- group_floor ----------------------------------------------------------------------------------------------------


def test_a_group_floor_of_50_percent_needs_half_of_each_groups_max(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "group_floor: 50%")))
    # u1: I = 5 + 5 = 10.00 ≥ 50% × 20 = 10; II = 5.00 ≥ 50% × 10 = 5: top
    assert results.scorecard("u1").classification.id == "top"
    # u2: I = 4.99 + 5 = 9.99 < 10: held back, though its total 19.99 is above u1's 15
    miss = GroupMiss("I", D("9.99"), D(20), D("0.5"), D(10))
    assert held(results, "u2") == [("top", GroupUnderFloor((miss,)))]
    assert word(miss, "en") == "group I has 9.99 of 20, under 50% of it (10)"
    assert word(GroupUnderFloor((miss,)), "en") == "under the group floor: group I has 9.99 of 20, under 50% of it (10)"
    assert word(GroupUnderFloor((miss,)), "vi") == (
        "có nhóm tiêu chí dưới mức sàn: nhóm I đạt 9,99/20, dưới mức sàn 50% số điểm của nhóm (10)"
    )
    # u3: I = 10 + 0 = 10.00 passes; II = 0.00 < 5 misses
    assert held(results, "u3") == [("top", GroupUnderFloor((GroupMiss("II", D("0.00"), D(10), D("0.5"), D(5)),)))]


def test_a_group_floor_for_named_groups_checks_only_those(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "group_floor: {I: 60%}")))
    # 60% × 20 = 12: u1's I = 10.00 misses; u3's II = 0 is not checked, but its I = 10.00 misses
    assert held(results, "u1") == [("top", GroupUnderFloor((GroupMiss("I", D("10.00"), D(20), D("0.6"), D(12)),)))]
    assert held(results, "u3") == [("top", GroupUnderFloor((GroupMiss("I", D("10.00"), D(20), D("0.6"), D(12)),)))]
    # 7 + 5 = 12.00 reaches 12 exactly, and group II at 0 does not count
    rows = [row("u1", "7", "5", "0"), row("u2", "7", "4,99", "10"), row("u3", "0", "0", "0")]
    results = scored(tmp_path / "exact", criteria_text(bands("min_total: 0", "group_floor: {I: 60%}")), rows)
    assert results.scorecard("u1").classification.id == "top"
    assert held(results, "u2") == [("top", GroupUnderFloor((GroupMiss("I", D("11.99"), D(20), D("0.6"), D(12)),)))]


def test_a_group_floor_each_group_with_its_own_share(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "group_floor: {I: 50%, II: 60%}")))
    # u1: I = 10.00 ≥ 50% × 20 = 10; II = 5.00 < 60% × 10 = 6
    assert held(results, "u1") == [("top", GroupUnderFloor((GroupMiss("II", D("5.00"), D(10), D("0.6"), D(6)),)))]
    # u2: I = 9.99 < 10, II = 10.00 ≥ 6
    assert held(results, "u2") == [("top", GroupUnderFloor((GroupMiss("I", D("9.99"), D(20), D("0.5"), D(10)),)))]


def test_the_minimum_total_is_checked_before_the_group_floor(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 16", "group_floor: 50%")))
    # u1: 15.00 < 16 is what held it back, said first and alone
    assert held(results, "u1") == [("top", BelowTotal(D("15.00"), D(16)))]


# --- no_zero --------------------------------------------------------------------------------------------------------


def test_no_zero_in_group_i_refuses_a_unit_with_one_criterion_of_it_at_0(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "no_zero: [I]")))
    # u3: I.2 = 0.00 in group I; its II.1 = 0 too, but group II is not named
    assert held(results, "u3") == [("top", ZeroIn(("I",), ("I.2",)))]
    assert word(ZeroIn(("I",), ("I.2",)), "en") == "I.2 scored 0, and no criterion of group I may"
    assert word(ZeroIn(("I",), ("I.2",)), "vi") == (
        "tiêu chí I.2 bị 0 điểm, trong khi nhóm I không được có tiêu chí nào bị 0 điểm"
    )
    # u2's lowest line is 4.99, above 0
    assert results.scorecard("u2").classification.id == "top"


def test_no_zero_all_covers_every_group(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "no_zero: all")))
    assert held(results, "u3") == [("top", ZeroIn(("I", "II"), ("I.2", "II.1")))]
    assert word(held(results, "u3")[0][1], "en") == "I.2, II.1 scored 0, and no criterion of groups I, II may"


def test_no_zero_is_about_points_not_values_a_line_of_0_01_passes(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "no_zero: all")), [row("u1", "0,01", "1", "1"), *ROWS[1:]])
    assert results.scorecard("u1").classification.id == "top"  # 0.01 > 0


# --- floor on the criteria of named groups --------------------------------------------------------------------------


def test_a_floor_on_group_i_criteria_leaves_group_ii_unchecked(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "floor: {I: 50%}")))
    # 50% × 10 = 5 on I.1 and I.2: u1 (5, 5) passes, though its II.1 = 5 would pass anyway; u3's II.1 = 0 is not checked
    assert results.scorecard("u1").classification.id == "top"
    # u2: I.1 = 4.99 < 5
    assert held(results, "u2") == [("top", UnderFloor(D("0.5"), (FloorMiss("I.1", D("4.99"), D(10)),)))]
    # u3: I.2 = 0 < 5; II.1 = 0 is not named
    assert held(results, "u3") == [("top", UnderFloor(D("0.5"), (FloorMiss("I.2", D("0.00"), D(10)),)))]


def test_a_floor_per_group_with_two_shares_says_each(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "floor: {I: 50%, II: 20%}")))
    # u3: I.2 = 0 < 50% × 10 = 5; II.1 = 0 < 20% × 10 = 2
    assert held(results, "u3") == [
        ("top", UnderFloor(D("0.5"), (FloorMiss("I.2", D("0.00"), D(10)),))),
        ("top", UnderFloor(D("0.2"), (FloorMiss("II.1", D("0.00"), D(10)),))),
    ]


def test_the_floor_on_every_criterion_is_unchanged(tmp_path):
    results = scored(tmp_path, criteria_text(bands("min_total: 0", "floor: 50%")))
    # u3: I.2 = 0 and II.1 = 0, both < 5
    expected = UnderFloor(D("0.5"), (FloorMiss("I.2", D("0.00"), D(10)), FloorMiss("II.1", D("0.00"), D(10))))
    assert held(results, "u3") == [("top", expected)]


# --- load errors ----------------------------------------------------------------------------------------------------


def test_unknown_groups_in_floors_and_no_zero_are_refused_with_a_suggestion(tmp_path):
    text = criteria_text(bands("min_total: 0", "group_floor: {I: 60%, III: 50%}", "no_zero: [II, Il]", "floor: {X: 85%}"))
    assert refused(tmp_path, text) == [
        f"{where(text, '50%}')}: classification[0].group_floor.III: unknown group 'III'; did you mean 'II'?",
        f"{where(text, 'Il]')}: classification[0].no_zero[1]: unknown group 'Il'; did you mean 'I'?",
        f"{where(text, '85%')}: classification[0].floor.X: unknown group 'X'",
    ]


def test_an_empty_group_floor_or_no_zero_is_refused(tmp_path):
    text = criteria_text(bands("min_total: 0", "group_floor: {}", "no_zero: []"))
    assert refused(tmp_path, text) == [
        f"{where(text, '{}')}: classification[0].group_floor: names no group: name the groups with their share, e.g. {{I: 50%}}",
        f"{where(text, '[]')}: classification[0].no_zero: names no group: name the groups, e.g. [I], or write all",
    ]


def test_the_last_band_takes_no_group_floor(tmp_path):
    text = criteria_text("classification:\n  - {id: top, label: Top, min_total: 20}\n  - {id: rest, label: Rest, no_zero: all}\n")
    assert refused(tmp_path, text) == [
        f"{where(text, 'all}')}: classification[1].no_zero: the last band takes every unit that reaches no other band:"
        " leave out its no_zero",
    ]


def test_a_group_floor_over_100_percent_is_refused_once(tmp_path):
    text = criteria_text(bands("min_total: 0", "group_floor: 150%"))
    assert refused(tmp_path, text) == [
        f"{where(text, '150%')}: classification[0].group_floor: Input should be less than or equal to 1 (got '150%')",
    ]


# --- award requires: group_floor and no_zero ------------------------------------------------------------------------

AWARDS = """\
awards:
  - {id: bk, label: Bằng khen, quota: 3, requires: {group_floor: 50%, no_zero: [I]}}
"""


def proposal(results: Results) -> Proposal:
    return propose(results)


def refusal(p: Proposal, unit: str, award: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    r = next(r for r in p.outcome(unit).refused if r.award.id == award)
    return r.reasons, r.would_take


def test_an_award_requiring_a_group_floor_and_no_zero_says_what_is_missing(tmp_path):
    p = proposal(scored(tmp_path, criteria_text(extra=AWARDS)))
    assert [a.id for a, _ in p.outcome("u1").proposed] == ["bk"]  # I = 10.00 ≥ 10, II = 5.00 ≥ 5, no 0 in I
    # u2: I = 9.99 < 50% × 20 = 10: 10 − 9.99 = 0.01 more points in group I
    reasons, takes = refusal(p, "u2", "bk")
    assert reasons == (GroupUnderFloor((GroupMiss("I", D("9.99"), D(20), D("0.5"), D(10)),)),)
    assert takes == (PointsInGroup(D("0.01"), "I"),)
    assert word(takes[0], "en") == "0.01 more points in group I"
    # u3: II = 0 < 5 (5 − 0 = 5.00 more), and I.2 = 0 in group I
    reasons, takes = refusal(p, "u3", "bk")
    assert reasons == (GroupUnderFloor((GroupMiss("II", D("0.00"), D(10), D("0.5"), D(5)),)), ZeroIn(("I",), ("I.2",)))
    assert takes == (PointsInGroup(D("5.00"), "II"), AboveZero(("I.2",)))
    assert word(AboveZero(("I.2",)), "en") == "points above 0 on I.2"
    assert word(AboveZero(("I.2",)), "vi") == "có điểm (trên 0) ở tiêu chí I.2"


def test_points_to_a_group_floor_are_rounded_up_to_the_rounds_places(tmp_path):
    # 33.3% × 20 = 6.66; 33.35% × 20 = 6.67: u (I = 3 + 3 = 6.00) needs 0.67 more to reach 6.67
    text = criteria_text(extra='awards:\n  - {id: bk, label: Bằng khen, quota: 1, requires: {group_floor: {I: "33,35%"}}}\n')
    p = proposal(scored(tmp_path, text, [row("u1", "3", "3", "0"), row("u2", "1", "0", "0"), row("u3", "0", "0", "0")]))
    assert refusal(p, "u1", "bk")[1] == (PointsInGroup(D("0.67"), "I"),)


def test_an_award_needing_a_band_held_back_by_a_group_floor_names_the_points_in_the_group(tmp_path):
    text = criteria_text(
        bands("min_total: 0", "group_floor: 50%"),
        "awards:\n  - {id: bk, label: Bằng khen, quota: 3, requires: {classification: [top]}}\n",
    )
    p = proposal(scored(tmp_path, text))
    reasons, takes = refusal(p, "u2", "bk")
    miss = GroupUnderFloor((GroupMiss("I", D("9.99"), D(20), D("0.5"), D(10)),))
    assert reasons == (NotClassified("Rest", ("Top",), (("Top", miss),)),)
    assert takes == (Classification(("Top",)), PointsInGroup(D("0.01"), "I"))
    assert word(reasons[0], "en") == (
        "classified Rest, not Top (not Top: under the group floor: group I has 9.99 of 20, under 50% of it (10))"
    )


def test_unknown_groups_in_an_awards_requires_are_refused(tmp_path):
    text = criteria_text(extra="awards:\n  - {id: bk, label: BK, quota: 1, requires: {group_floor: {III: 50%}, no_zero: [X]}}\n")
    assert refused(tmp_path, text) == [
        f"{where(text, '50%}')}: awards[0].requires.group_floor.III: unknown group 'III'; did you mean 'II'?",
        f"{where(text, 'X]')}: awards[0].requires.no_zero[0]: unknown group 'X'",
    ]


# --- points(), group_points(), criteria_points() --------------------------------------------------------------------


def test_points_of_a_criterion_in_a_disqualifier_at_its_boundary(tmp_path):
    extra = "disqualifiers:\n  - {id: weak, label: Yếu, when: 'points(\"I.1\") < 5', blocks: all}\n"
    results = scored(tmp_path, criteria_text(bands("min_total: 0"), extra))
    # u1: I.1 = 5.00, not < 5; u2: I.1 = 4.99 < 5
    assert results.scorecard("u1").disqualified == ()
    assert [d.id for d in results.scorecard("u2").disqualified] == ["weak"]
    assert held(results, "u2") == [("top", Blocked("weak", "Yếu"))]
    story = [n.text for n in explain(results, "u2").children]
    assert 'Disqualified: weak Yếu (when points("I.1") < 5: 4.99 < 5); blocks top' in story


def test_group_points_in_an_award_condition_is_shown_with_the_units_points(tmp_path):
    extra = "awards:\n  - {id: bk, label: BK, quota: 3, requires: {when: 'group_points(\"II\") >= 5'}}\n"
    p = proposal(scored(tmp_path, criteria_text(extra=extra)))
    assert [a.id for a, _ in p.outcome("u1").proposed] == ["bk"]  # II = 5.00 ≥ 5
    reasons, _ = refusal(p, "u3", "bk")  # II = 0.00
    assert [word(r, "en") for r in reasons] == ['the condition group_points("II") >= 5 is not met (0.00 >= 5)']


def test_criteria_points_in_a_bonus_reads_the_lines_before_adjustments(tmp_path):
    extra = "adjustments:\n  - {id: b, label: Thưởng, kind: bonus, formula: 'criteria_points() / 10', cap: 1.5}\n"
    results = scored(tmp_path, criteria_text(extra=extra))
    # u1: 15.00 / 10 = 1.50 → total 15 + 1.50 = 16.50; u2: 19.99 / 10 = 1.999 → cap 1.5 → 21.49
    assert results.scorecard("u1").total == D("16.50")
    assert results.scorecard("u2").total == D("21.49")
    bonus = next(n for n in explain(results, "u1").children if n.text == "Bonuses and deductions")
    assert bonus.children[0].children[0].text == "criteria_points() / 10 = 15.00 / 10 = 1.50"


def test_points_read_by_a_disqualifier_are_the_councils_after_cross_checking(tmp_path):
    extra = "disqualifiers:\n  - {id: weak, label: Yếu, when: 'points(\"I.1\") < 5', blocks: all}\n"
    (tmp_path / "criteria.yaml").write_text(criteria_text(bands("min_total: 0"), extra), encoding="utf-8")
    (tmp_path / "rows.csv").write_text(csv_text(ROWS), encoding="utf-8")
    loaded = load_criteria(tmp_path / "criteria.yaml")
    # the council sets u2's I.1 from 4.99 to 5: no longer < 5
    results = evaluate(loaded, load_submissions(loaded, [tmp_path / "rows.csv"]), {("u2", "I.1"): (D(5), "kiểm tra lại")})
    assert results.scorecard("u2").disqualified == ()


def test_a_line_that_cannot_be_scored_is_reported_once_not_again_by_the_disqualifier_reading_it(tmp_path):
    extra = "disqualifiers:\n  - {id: weak, label: Yếu, when: 'points(\"I.1\") < 5', blocks: all}\n"
    with pytest.raises(InvalidInput) as e:
        scored(tmp_path, criteria_text(bands("min_total: 0"), extra), [*ROWS[:2], row("u3", "", "1", "1")])
    assert len(e.value.problems) == 1
    assert "unit u3: no value for 'i1'" in str(e.value.problems[0])


def test_points_in_a_derived_value_or_a_criterion_formula_is_refused_with_a_caret(tmp_path):
    text = criteria_text().replace('formula: "i2"', 'formula: "i2 + group_points(\\"I\\")"')
    text = text.replace("groups:\n", 'derived:\n  half: points("I.1") / 2\ngroups:\n', 1)
    only = "reads points already scored: it can be used in adjustments, disqualifiers and award conditions, not here"
    assert refused(tmp_path, text) == [
        f'{where(text, "points(")}: derived.half: points() {only}\n    points("I.1") / 2\n    ^',
        f"{where(text, 'group_points(')}: groups[0].criteria[1].formula: group_points() {only}"
        '\n    i2 + group_points("I")\n         ^',
    ]


def test_an_unknown_id_in_points_is_refused_with_a_suggestion_and_a_caret_under_it(tmp_path):
    extra = (
        'disqualifiers:\n  - {id: d, label: D, when: \'points("I.3") < 1 or group_points("III") > 0\'}\n'
        "  - {id: e, label: E, when: 'points(I) < 1'}\n"
        "  - {id: f, label: F, when: 'criteria_points(1) < 1'}\n"
    )
    text = criteria_text(extra=extra)
    argument = where(text, '"I.3"')
    assert refused(tmp_path, text) == [
        f"{argument}: disqualifiers[0].when: unknown criterion 'I.3'; did you mean 'I.2'?\n"
        '    points("I.3") < 1 or group_points("III") > 0\n           ^',
        f'{where(text, "I) < 1")}: disqualifiers[1].when: points() takes one id in quotes, e.g. points("I.2")\n'
        "    points(I) < 1\n           ^",
        f"{where(text, 'criteria_points(1)')}: disqualifiers[2].when: criteria_points() takes no arguments\n"
        "    criteria_points(1) < 1\n    ^",
    ]


def test_an_unknown_group_in_group_points_is_refused_in_vietnamese(tmp_path):
    from scoring import wording

    extra = "disqualifiers:\n  - {id: d, label: D, when: 'group_points(\"III\") > 0'}\n"
    text = criteria_text(extra=extra)
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as e:
        load_criteria(tmp_path / "criteria.yaml")
    with wording.use("vi"):
        shown = [str(p).removeprefix(str(tmp_path / "criteria.yaml") + ":") for p in e.value.problems]
    argument = where(text, '"III"')
    assert shown == [
        f"{argument}: disqualifiers[0].when: không có nhóm tiêu chí 'III'; có phải là 'II' không?\n"
        '    group_points("III") > 0\n                 ^'
    ]


# --- JSON and the command line --------------------------------------------------------------------------------------


def test_score_json_carries_the_group_floor_reason_with_its_numbers(tmp_path):
    data = score_data(scored(tmp_path, criteria_text(bands("min_total: 0", "group_floor: 50%"))))
    u2 = next(u for u in data["units"] if u["unit"] == "u2")
    assert u2["classification_held_back"] == [
        {
            "id": "top",
            "reason": {
                "code": "group_under_floor",
                "params": {
                    "groups": [
                        {
                            "code": "group_miss",
                            "params": {"group": "I", "points": "9.99", "max": "20", "floor": "0.5", "needed": "10"},
                        }
                    ]
                },
                "text": "under the group floor: group I has 9.99 of 20, under 50% of it (10)",
            },
        }
    ]


def test_explain_and_rank_show_a_unit_held_back_by_a_group_floor(tmp_path, cli):
    text = criteria_text(
        bands("min_total: 0", "group_floor: 50%"),
        "awards:\n  - {id: bk, label: Bằng khen, quota: 3, requires: {classification: [top]}}\n",
    )
    (tmp_path / "criteria.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "rows.csv").write_text(csv_text(ROWS), encoding="utf-8")
    code, out, err = cli("explain", tmp_path / "criteria.yaml", tmp_path / "rows.csv", "--unit", "u2", "--format", "md")
    assert (code, err) == (0, "")
    assert "- Classification: Rest \\[" in out
    assert "  - not Top: under the group floor: group I has 9.99 of 20, under 50% of it (10)\n" in out
    code, out, err = cli("rank", tmp_path / "criteria.yaml", tmp_path / "rows.csv", "--format", "json")
    assert (code, err) == (0, "")
    u2 = next(u for u in json.loads(out)["units"] if u["unit"] == "u2")
    refusal_data = next(r for r in u2["not_proposed"] if r["id"] == "bk")
    assert [t["text"] for t in refusal_data["would_take"]] == ["the classification Top", "0.01 more points in group I"]
    assert refusal_data["reasons"][0]["params"]["why"][0][1]["code"] == "group_under_floor"


# --- diff -----------------------------------------------------------------------------------------------------------


def test_diff_names_a_group_floor_a_no_zero_rule_and_a_floor_per_group_by_group(tmp_path):
    from tests.test_diff import BASE, changes_between, edit

    tot = "{id: tot, label: Tốt, min_total: 15}"
    old = edit(BASE, (tot, "{id: tot, label: Tốt, min_total: 15, floor: {I: 50%}}"))
    new = edit(
        BASE,
        (tot, "{id: tot, label: Tốt, min_total: 15, group_floor: {II: 50%}, no_zero: all}"),
        ("requires: {min_total: 15}", "requires: {min_total: 15, group_floor: 40%}"),
    )
    assert [c["text"] for c in changes_between(tmp_path, old, new)] == [
        "tot Tốt: group_floor.II — → 50%",
        "tot Tốt: no_zero — → I, II",
        "tot Tốt: floor.I 50% → —",
        "bang-khen Bằng khen: requires.group_floor.I — → 40%",
        "bang-khen Bằng khen: requires.group_floor.II — → 40%",
    ]


def test_an_award_needing_a_band_held_back_by_no_zero_names_the_criteria_at_0(tmp_path):
    text = criteria_text(
        bands("min_total: 0", "no_zero: [I]"),
        "awards:\n  - {id: bk, label: Bằng khen, quota: 3, requires: {classification: [top]}}\n",
    )
    reasons, takes = refusal(proposal(scored(tmp_path, text)), "u3", "bk")  # u3: I.2 = 0
    assert reasons == (NotClassified("Rest", ("Top",), (("Top", ZeroIn(("I",), ("I.2",))),)),)
    assert takes == (Classification(("Top",)), AboveZero(("I.2",)))
