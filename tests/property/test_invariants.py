"""Properties every round keeps, whatever its criteria and values."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.criteria import load_criteria
from scoring.evaluate import Results, evaluate
from scoring.output import score_data, to_json
from scoring.submissions import load_submissions

from .strategies import NON_DECREASING, RoundPlan, rounds

SETTINGS = settings(max_examples=50, deadline=None)


def write_round(plan: RoundPlan, folder: Path, order: Sequence[int] | None = None, names: Sequence[str] | None = None) -> Results:
    """Write the round into `folder`, the submissions in `order` under `names`, and score it."""
    criteria_file = folder / "criteria.yaml"
    criteria_file.write_text(plan.criteria_yaml(), encoding="utf-8")
    order = list(order) if order is not None else list(range(len(plan.units)))
    names = list(names) if names is not None else list(plan.units)
    files = []
    for i in order:
        file = folder / f"{names[i]}.yaml"
        file.write_text(plan.submission_yaml(plan.units[i]), encoding="utf-8")
        files.append(file)
    criteria = load_criteria(criteria_file)
    return evaluate(criteria, load_submissions(criteria, files))


def scored(plan: RoundPlan, order: Sequence[int] | None = None, names: Sequence[str] | None = None) -> Results:
    with tempfile.TemporaryDirectory() as folder:
        return write_round(plan, Path(folder), order, names)


@SETTINGS
@given(plan=rounds(), data=st.data())
def test_the_order_and_names_of_submission_files_never_change_the_output(plan, data):
    n = len(plan.units)
    order = data.draw(st.permutations(range(n)), label="order")
    names = data.draw(st.permutations([f"file-{k}" for k in range(n)]), label="names")
    expected = to_json(score_data(scored(plan)))
    assert to_json(score_data(scored(plan, order, names))) == expected


@SETTINGS
@given(plan=rounds())
def test_rerunning_gives_byte_identical_json(plan):
    with tempfile.TemporaryDirectory() as folder:
        first = to_json(score_data(write_round(plan, Path(folder))))
        second = to_json(score_data(write_round(plan, Path(folder))))
    assert first == second


@SETTINGS
@given(plan=rounds())
def test_every_line_is_within_its_maximum_and_rounded_to_the_rounds_places(plan):
    results = scored(plan)
    for card in results.scorecards:
        for line in card.lines:
            assert Decimal(0) <= line.points <= line.criterion.max, (card.unit.id, line.criterion.id, line.points)
            assert line.points.as_tuple().exponent == -plan.places, (card.unit.id, line.criterion.id, line.points)
            # rounding moves a line by less than one unit of the last place
            assert abs(line.points - line.raw) < Decimal(1).scaleb(-plan.places)
    for unit in score_data(results)["units"]:
        for line in unit["criteria"]:
            decimals = line["points"].partition(".")[2]
            assert len(decimals) == plan.places, line


@SETTINGS
@given(plan=rounds())
def test_total_is_exactly_the_sum_of_lines_and_adjustments(plan):
    results = scored(plan)
    for card in results.scorecards:
        lines = sum((line.points for line in card.lines), Decimal(0))
        adjustments = sum((a.points for a in card.adjustments), Decimal(0))
        assert card.total == lines + adjustments
        for group in card.groups:
            assert group.points == sum((line.points for line in card.lines if line.criterion.group == group.group.id), Decimal(0))
        for a in card.adjustments:
            if a.adjustment.kind == "deduction":
                assert a.points <= 0
            else:
                assert a.points >= 0
            if a.adjustment.cap is not None:
                assert abs(a.points) <= a.adjustment.cap
    for unit in score_data(results)["units"]:
        parts = [Decimal(c["points"]) for c in unit["criteria"]] + [Decimal(a["points"]) for a in unit["adjustments"]]
        assert Decimal(unit["total"]) == sum(parts, Decimal(0))
        for group in unit["groups"]:
            in_group = [Decimal(c["points"]) for c in unit["criteria"] if c["group"] == group["id"]]
            assert Decimal(group["points"]) == sum(in_group, Decimal(0))


def raised(plan: RoundPlan, unit: str, name: str, step: Decimal) -> RoundPlan:
    value = plan.values[unit][name]
    if isinstance(value, bool):
        return plan.with_value(unit, name, True)
    return plan.with_value(unit, name, value + step)


@pytest.mark.parametrize("method", NON_DECREASING)
@SETTINGS
@given(data=st.data())
def test_raising_a_units_value_never_lowers_its_points(method, data):
    # relative and target depend on the cohort: raising one unit can move the best value or the leader,
    # yet that unit's own points on the criterion must not go down
    plan = data.draw(rounds(require=method), label="plan")
    eligible = [c for c in plan.criteria if c.method == method]
    criterion = data.draw(st.sampled_from(eligible), label="criterion")
    unit = data.draw(st.sampled_from(plan.units), label="unit")
    kind = plan.indicators[criterion.raises]["type"]
    whole = st.integers(1, 50).map(Decimal)
    step = data.draw(whole if kind == "integer" else whole | st.integers(1, 999).map(lambda n: Decimal(n) / 100), label="step")
    before = scored(plan).scorecard(unit)
    after = scored(raised(plan, unit, criterion.raises, step)).scorecard(unit)
    points_before = next(line.points for line in before.lines if line.criterion.id == criterion.id)
    points_after = next(line.points for line in after.lines if line.criterion.id == criterion.id)
    assert points_after >= points_before, (criterion.method, criterion.raises, points_before, points_after)
