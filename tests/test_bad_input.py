"""Bad input end to end: `thidua validate|score|explain` name the file, line, column and field.

Every test writes a small round (two units, six criteria, one per method) into
tmp_path, breaks one thing, and checks the exit code, the whole of stderr,
and that no traceback reaches the user.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.shared import at, one_problem

CRITERIA = """\
format: thidua/1
id: test-2024
title: Test round
year: 2024
scale: 100
units:
  ha-noi: {name: Unit Hà Nội}
  hue: {name: Unit Huế}
indicators:
  members: {label: Members, unit: người, type: integer, min: 1}
  new_members: {label: New members, unit: người, type: integer, min: 0}
  plan_on_time: {label: Plan on time, type: boolean}
  houses: {label: Houses rebuilt, unit: nhà, type: integer, min: 0}
  sessions: {label: Sessions, unit: buổi, type: integer, min: 0}
  rating: {label: Rating, type: choice, choices: {Tốt: 2, Khá: 1}}
  loans: {label: Loans, unit: tỷ đồng, type: number, min: 0}
  late_reports: {label: Late reports, unit: lần, type: integer, min: 0, default: 0}
derived:
  new_per_1000: new_members / members * 1000
targets:
  new_members: {ha-noi: 100, hue: 50}
groups:
  - id: I
    label: Group one
    max: 60
    criteria:
      - {id: I.1, label: Plan, max: 10, method: achieved, of: plan_on_time}
      - {id: I.2, label: Houses, max: 10, method: per_item, of: houses, points_each: 0.5}
      - {id: I.3, label: New members, max: 20, method: target, of: new_members}
      - {id: I.4, label: Rate, max: 20, method: relative, of: new_per_1000}
  - id: II
    label: Group two
    max: 40
    criteria:
      - id: II.1
        label: Sessions
        max: 20
        method: bands
        of: sessions
        bands:
          - {from: 0, points: 0}
          - {from: 10, points: 10}
          - {from: 20, points: 20}
      - id: II.2
        label: Rating and loans
        max: 20
        formula: "min(max_points, rating * 5 + loans / members)"
adjustments:
  - {id: late, label: Late reports, kind: deduction, formula: late_reports * 0.5, cap: 2}
disqualifiers:
  - {id: no-plan, label: No plan, when: not plan_on_time, blocks: [excellent]}
classification:
  - {id: excellent, label: Xuất sắc, min_total: 90, floor: 50%}
  - {id: good, label: Tốt, min_total: 70}
  - {id: other, label: Khác}
"""

HA_NOI = """\
format: thidua/1
round: test-2024
unit: ha-noi
values:
  members: 1000
  new_members: 120
  plan_on_time: true
  houses: 30
  sessions: 15
  rating: Tốt
  loans: "1.500,5"
"""

HUE = """\
format: thidua/1
round: test-2024
unit: hue
values:
  members: 500
  new_members: 50
  plan_on_time: false
  houses: 12
  sessions: 25
  rating: Khá
  loans: 250
  late_reports: 3
"""

CSV = """\
round,unit,members,new_members,plan_on_time,houses,sessions,rating,loans,late_reports
test-2024,ha-noi,1000,120,có,30,15,Tốt,"1.500,5",
test-2024,hue,500,50,không,12,25,Khá,250,3
"""


def mutate(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything written by mistake into the working directory would show in the listing
    return tmp_path


def listing(directory: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(directory)), p.stat().st_size) for p in directory.rglob("*"))


def validate_criteria(cli, tmp: Path, text: str | bytes) -> tuple[int, str, str, Path]:
    crit = write(tmp, "crit.yaml", text)
    code, out, err = cli("validate", crit)
    assert out == ""
    return code, out, err, crit


def score(cli, tmp: Path, submissions: dict[str, str | bytes], criteria: str = CRITERIA) -> tuple[int, str, str, dict[str, Path]]:
    """`thidua score --format json` on the criteria and the named submission files, in the order given."""
    crit = write(tmp, "crit.yaml", criteria)
    paths = {name: write(tmp, name, text) for name, text in submissions.items()}
    code, out, err = cli("score", crit, *paths.values(), "--format", "json")
    return code, out, err, {"crit.yaml": crit, **paths}


# --- the base round is valid ------------------------------------------------------------------


def test_the_base_round_is_valid_and_scores(cli, tmp):
    code, out, err, _ = score(cli, tmp, {"ha-noi.yaml": HA_NOI, "hue.yaml": HUE})
    assert (code, err) == (0, "")
    totals = {u["unit"]: u["total"] for u in json.loads(out)["units"]}
    # ha-noi: I.1 10 + I.2 min(30 × 0.5, 10) = 10 + I.3 20 (the leader, r = 120 / 100 = 1.2) + I.4 20 (best rate, 120)
    #         + II.1 10 (band from 10) + II.2 (2 × 5 + 1500.5 / 1000 = 11.5005 → 11.50) = 81.50
    # hue: I.1 0 + I.2 12 × 0.5 = 6 + I.3 10 (r = 50 / 50 = 1: 0.5 × 20) + I.4 20 × 100 / 120 = 16.67
    #      + II.1 20 (band from 20) + II.2 (1 × 5 + 250 / 500 = 5.5) − late 3 × 0.5 = 1.5 → 56.67
    assert totals == {"ha-noi": "81.50", "hue": "56.67"}


# --- the criteria file: YAML ------------------------------------------------------------------


def test_yaml_syntax_error(cli, tmp):
    bad = mutate(CRITERIA, "scale: 100", "scale: [100")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, _ = at(bad, "units:")  # the flow sequence opened on line 5 runs into 'units:' and its ':' (col 6)
    message = f"{crit}:{line}:6: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got ':'"
    assert (code, err) == (1, one_problem(message))


def test_duplicate_key(cli, tmp):
    bad = mutate(CRITERIA, "year: 2024\n", "year: 2024\nyear: 2025\n")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    assert (code, err) == (1, one_problem(f"{crit}:5:1: duplicate key 'year' (first given on line 4); give each key once"))


def test_tag_refused_and_nothing_executed(cli, tmp):
    bad = mutate(CRITERIA, "title: Test round", 'title: !!python/object/apply:os.system ["touch pwned"]')
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "!!python")
    message = f"{crit}:{line}:{col}: YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"
    assert (code, err) == (1, one_problem(message))
    assert not (tmp / "pwned").exists()


def test_anchor_refused(cli, tmp):
    bad = mutate(mutate(CRITERIA, "max: 60", "max: &m 60"), "max: 40", "max: *m")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "&m")
    assert (code, err) == (1, one_problem(f"{crit}:{line}:{col}: anchors (&m) are not allowed; write the value out"))


def test_alias_refused(cli, tmp):
    bad = mutate(CRITERIA, "max: 40", "max: *m")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "*m")
    assert (code, err) == (1, one_problem(f"{crit}:{line}:{col}: aliases (*m) are not allowed; write the value out"))


def test_criteria_not_utf8(cli, tmp):
    bad = mutate(CRITERIA, "label: Khác}", "label: Kh\x00c}").encode().replace(b"\x00", b"\xe1")  # latin-1 'á'
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(CRITERIA, "ác}")
    message = f"{crit}:{line}:{col}: the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again"
    assert (code, err) == (1, one_problem(message))


def test_problem_on_line_100_keeps_its_line_number(cli, tmp):
    # rich turns ':100:' into an emoji unless told not to; the position must reach the user as written
    bad = "# padding\n" * 96 + mutate(CRITERIA, "year: 2024", "year: lots")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "lots")
    assert line == 100
    message = f"{crit}:100:{col}: year: expected a number, got the text 'lots' (write plain digits, without quotes)"
    assert (code, err) == (1, one_problem(message))


# --- the criteria file: shape -----------------------------------------------------------------


def test_wrong_type(cli, tmp):
    bad = mutate(CRITERIA, "{id: I.1, label: Plan, max: 10", '{id: I.1, label: Plan, max: "lots"')
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, '"lots"')
    expected = "expected a number, got the text 'lots' (write plain digits, without quotes)"
    message = f"{crit}:{line}:{col}: groups[0].criteria[0].max: {expected}"
    assert (code, err) == (1, one_problem(message))


def test_unknown_key_in_a_criterion(cli, tmp):
    bad = mutate(CRITERIA, "{id: I.1, label: Plan, max: 10", "{id: I.1, label: Plan, maxx: 10, max: 10")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "maxx")
    col += len("maxx: ")  # at the key's value
    assert (code, err) == (1, one_problem(f"{crit}:{line}:{col}: groups[0].criteria[0].maxx: unknown key 'maxx'"))


def test_missing_label(cli, tmp):
    bad = mutate(CRITERIA, "{id: I.1, label: Plan, max: 10", "{id: I.1, max: 10")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "{id: I.1")  # the criterion that lacks it
    message = f"{crit}:{line}:{col}: groups[0].criteria[0].label: missing (this field is required)"
    assert (code, err) == (1, one_problem(message))


# --- the criteria file: meaning ---------------------------------------------------------------


def test_group_maxima_do_not_add_up_to_the_scale(cli, tmp):
    bad = mutate(CRITERIA, "scale: 100", "scale: 90")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    message = f"{crit}:5:8: scale: the groups' maxima add up to 60 + 40 = 100, not the scale 90"
    assert (code, err) == (1, one_problem(message))


def test_criteria_do_not_add_up_to_the_group_max(cli, tmp):
    bad = mutate(CRITERIA, "{id: I.1, label: Plan, max: 10", "{id: I.1, label: Plan, max: 5")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "60")
    message = f"{crit}:{line}:{col}: groups[0].max: group I's criteria add up to 5 + 10 + 20 + 20 = 55, not its max 60"
    assert (code, err) == (1, one_problem(message))


def test_duplicate_criterion_id(cli, tmp):
    bad = mutate(CRITERIA, "id: II.1", "id: I.1")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    first, _ = at(bad, "{id: I.1")
    line, col = at(bad, "- id: I.1")
    col += len("- id: ")
    message = f"{crit}:{line}:{col}: groups[1].criteria[0].id: the id 'I.1' is already used on line {first}; ids must be unique"
    assert (code, err) == (1, one_problem(message))


def test_unknown_name_in_a_formula(cli, tmp):
    bad = mutate(CRITERIA, "loans / members", "loans / membres")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "membres")  # the caret's column in the file
    formula = "min(max_points, rating * 5 + loans / membres)"
    message = (
        f"{crit}:{line}:{col}: groups[1].criteria[1].formula: unknown name 'membres'; did you mean 'members'?\n"
        f"    {formula}\n"
        f"    {' ' * formula.index('membres')}^"
    )
    assert (code, err) == (1, one_problem(message))


def test_forbidden_syntax_in_a_formula(cli, tmp):
    bad = mutate(CRITERIA, "loans / members", "loans.__class__")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "loans.__class__")
    formula = "min(max_points, rating * 5 + loans.__class__)"
    message = (
        f"{crit}:{line}:{col}: groups[1].criteria[1].formula: attribute access ('.') is not allowed\n"
        f"    {formula}\n"
        f"    {' ' * formula.index('loans')}^"
    )
    assert (code, err) == (1, one_problem(message))


def test_unquoted_formula_caret_column(cli, tmp):
    bad = mutate(CRITERIA, "formula: late_reports * 0.5", "formula: late_reports * half")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "half")  # no quote before an unquoted formula: the caret's column is the name's
    message = (
        f"{crit}:{line}:{col}: adjustments[0].formula: unknown name 'half'\n"
        "    late_reports * half\n"
        f"    {' ' * len('late_reports * ')}^"
    )
    assert (code, err) == (1, one_problem(message))


def test_when_that_is_not_a_condition(cli, tmp):
    bad = mutate(CRITERIA, "when: not plan_on_time", "when: late_reports * 2")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "late_reports * 2")
    message = (
        f"{crit}:{line}:{col}: disqualifiers[0].when: the formula gives a number, but a yes/no condition is needed here\n"
        "    late_reports * 2\n"
        "    ^"
    )
    assert (code, err) == (1, one_problem(message))


def test_of_names_an_unknown_indicator(cli, tmp):
    bad = mutate(CRITERIA, "of: houses,", "of: house,")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "house,")
    message = f"{crit}:{line}:{col}: groups[0].criteria[1].of: unknown indicator or derived value 'house'; did you mean 'houses'?"
    assert (code, err) == (1, one_problem(message))


def test_method_needs_a_missing_key(cli, tmp):
    bad = mutate(CRITERIA, ", points_each: 0.5}", "}")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "per_item")
    message = f"{crit}:{line}:{col}: groups[0].criteria[1].method: method per_item needs 'points_each'"
    assert (code, err) == (1, one_problem(message))


def test_key_that_does_not_belong_to_the_method(cli, tmp):
    bad = mutate(CRITERIA, "of: plan_on_time}", "of: plan_on_time, points_each: 1}")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "points_each: 1}")
    col += len("points_each: ")
    message = f"{crit}:{line}:{col}: groups[0].criteria[0].points_each: 'points_each' does not belong to method achieved"
    assert (code, err) == (1, one_problem(message))


def test_target_missing_for_a_unit(cli, tmp):
    bad = mutate(CRITERIA, "new_members: {ha-noi: 100, hue: 50}", "new_members: {ha-noi: 100}")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "of: new_members}")
    col += len("of: ")
    message = (
        f"{crit}:{line}:{col}: groups[0].criteria[2].of: no target for 'new_members' is set for: hue"
        " (add them under targets.new_members)"
    )
    assert (code, err) == (1, one_problem(message))


def test_bands_not_rising(cli, tmp):
    bad = mutate(CRITERIA, "{from: 20, points: 20}", "{from: 5, points: 20}")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "5, points: 20")
    message = f"{crit}:{line}:{col}: groups[1].criteria[0].bands[2].from: bands must be listed with 'from' rising"
    assert (code, err) == (1, one_problem(message))


def test_last_classification_band_with_min_total(cli, tmp):
    bad = mutate(CRITERIA, "{id: other, label: Khác}", "{id: other, label: Khác, min_total: 0}")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    line, col = at(bad, "{id: other")
    message = (
        f"{crit}:{line}:{col}: classification[2]: the last band takes every unit that reaches no other band:"
        " leave out its min_total and floor"
    )
    assert (code, err) == (1, one_problem(message))


def test_validate_lists_several_problems_in_one_cli(cli, tmp):
    bad = mutate(CRITERIA, "scale: 100", "scale: 90")
    bad = mutate(bad, "id: II.1", "id: I.1")
    bad = mutate(bad, "loans / members", "loans / membres")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    first, _ = at(bad, "{id: I.1")
    dup_line, dup_col = at(bad, "- id: I.1")
    name_line, name_col = at(bad, "membres")
    formula = "min(max_points, rating * 5 + loans / membres)"
    assert code == 1
    assert err == (
        f"{crit}:5:8: scale: the groups' maxima add up to 60 + 40 = 100, not the scale 90\n"
        f"{crit}:{dup_line}:{dup_col + 6}: groups[1].criteria[0].id: the id 'I.1' is already used on line {first};"
        " ids must be unique\n"
        f"{crit}:{name_line}:{name_col}: groups[1].criteria[1].formula: unknown name 'membres'; did you mean 'members'?\n"
        f"    {formula}\n"
        f"    {' ' * formula.index('membres')}^\n"
        "3 problem(s) found.\n"
    )


def test_validate_lists_several_shape_problems_in_one_cli(cli, tmp):
    bad = mutate(CRITERIA, "year: 2024", "year: lots")
    bad = mutate(bad, "{id: I.1, label: Plan, max: 10", "{id: I.1, max: 10")
    bad = mutate(bad, "kind: deduction", "kind: penalty")
    code, _, err, crit = validate_criteria(cli, tmp, bad)
    crit_line, crit_col = at(bad, "{id: I.1")
    kind_line, kind_col = at(bad, "penalty")
    assert code == 1
    assert err == (
        f"{crit}:4:7: year: expected a number, got the text 'lots' (write plain digits, without quotes)\n"
        f"{crit}:{crit_line}:{crit_col}: groups[0].criteria[0].label: missing (this field is required)\n"
        f"{crit}:{kind_line}:{kind_col}: adjustments[0].kind: Input should be 'bonus' or 'deduction' (got 'penalty')\n"
        "3 problem(s) found.\n"
    )


# --- submissions ------------------------------------------------------------------------------


def test_submission_for_the_wrong_round(cli, tmp):
    bad = mutate(HA_NOI, "round: test-2024", "round: test-2023")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    message = (
        f"{paths['ha-noi.yaml']}:2:8: round: this submission is for round 'test-2023', but the criteria are for round 'test-2024'"
    )
    assert (code, out, err) == (1, "", one_problem(message))


def test_submission_for_a_unit_outside_the_round(cli, tmp):
    bad = mutate(HA_NOI, "unit: ha-noi", "unit: sai-gon")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    message = f"{paths['ha-noi.yaml']}:3:7: unit: unit 'sai-gon' is not in this round; the round's units are ha-noi, hue"
    assert (code, out, err) == (1, "", one_problem(message))


def test_submission_for_a_misspelt_unit(cli, tmp):
    bad = mutate(HA_NOI, "unit: ha-noi", "unit: ha-noii")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    message = f"{paths['ha-noi.yaml']}:3:7: unit: unit 'ha-noii' is not in this round; did you mean 'ha-noi'?"
    assert (code, out, err) == (1, "", one_problem(message))


def test_two_submissions_for_one_unit(cli, tmp):
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": HA_NOI, "hue.yaml": HUE, "hue2.yaml": HUE})
    message = f"{paths['hue2.yaml']}:3:7: a second submission for unit 'hue' (the first is {paths['hue.yaml']}:3)"
    assert (code, out, err) == (1, "", one_problem(message))


def test_a_unit_with_no_submission(cli, tmp):
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": HA_NOI})
    assert (code, out, err) == (1, "", one_problem(f"{paths['crit.yaml']}:1:1: no submission for unit(s): hue"))


def test_unknown_indicator_in_a_submission(cli, tmp):
    bad = mutate(HA_NOI, "  houses: 30", "  house: 30")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, "30")
    message = f"{paths['ha-noi.yaml']}:{line}:{col}: values.house: unknown indicator 'house'; did you mean 'houses'?"
    assert (code, out, err) == (1, "", one_problem(message))


def test_unquoted_thousands_dot_for_an_integer(cli, tmp):
    bad = mutate(HA_NOI, "members: 1000", "members: 28.540")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, "28.540")
    message = (
        f"{paths['ha-noi.yaml']}:{line}:{col}: values.members: 28.540 is not a whole number;"
        ' if you meant 28540 (a dot grouping thousands), write 28540 or "28.540" in quotes'
    )
    assert (code, out, err) == (1, "", one_problem(message))


def test_quoted_ambiguous_decimal(cli, tmp):
    bad = mutate(HA_NOI, 'loans: "1.500,5"', 'loans: "1.5"')
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, '"1.5"')
    message = (
        f"{paths['ha-noi.yaml']}:{line}:{col}: values.loans: '1.5' is ambiguous: in Vietnamese a dot groups thousands,"
        " yet '5' is not a group of three digits; write '1,5' for a decimal"
    )
    assert (code, out, err) == (1, "", one_problem(message))


def test_boolean_given_maybe(cli, tmp):
    bad = mutate(HA_NOI, "plan_on_time: true", "plan_on_time: maybe")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, "maybe")
    message = f"{paths['ha-noi.yaml']}:{line}:{col}: values.plan_on_time: expected có or không (or yes/no, true/false)"
    assert (code, out, err) == (1, "", one_problem(message))


def test_value_below_min(cli, tmp):
    bad = mutate(HA_NOI, "sessions: 15", "sessions: -2")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, "sessions: -2")
    col += len("sessions: ")
    message = f"{paths['ha-noi.yaml']}:{line}:{col}: values.sessions: -2 is below the minimum 0"
    assert (code, out, err) == (1, "", one_problem(message))


def test_choice_not_among_the_choices(cli, tmp):
    bad = mutate(HA_NOI, "rating: Tốt", "rating: Giỏi")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(bad, "Giỏi")
    message = f"{paths['ha-noi.yaml']}:{line}:{col}: values.rating: expected one of: Tốt, Khá"
    assert (code, out, err) == (1, "", one_problem(message))


def test_submission_not_utf8(cli, tmp):
    bad = HA_NOI.replace("Tốt", "T\x00t").encode().replace(b"\x00", b"\xf4")  # latin-1 'ô'
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, col = at(HA_NOI, "ốt")
    message = f"{paths['ha-noi.yaml']}:{line}:{col}: the file is not UTF-8 text; save it as UTF-8 (Unicode) and try again"
    assert (code, out, err) == (1, "", one_problem(message))


def test_problems_in_several_submissions_listed_together(cli, tmp):
    bad_ha_noi = mutate(HA_NOI, "sessions: 15", "sessions: -2")
    bad_hue = mutate(HUE, "rating: Khá", "rating: Giỏi")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad_ha_noi, "hue.yaml": bad_hue})
    line1, col1 = at(bad_ha_noi, "sessions: -2")
    col1 += len("sessions: ")
    line2, col2 = at(bad_hue, "Giỏi")
    assert (code, out) == (1, "")
    assert err == (
        f"{paths['ha-noi.yaml']}:{line1}:{col1}: values.sessions: -2 is below the minimum 0\n"
        f"{paths['hue.yaml']}:{line2}:{col2}: values.rating: expected one of: Tốt, Khá\n"
        "2 problem(s) found.\n"
    )


# --- CSV submissions --------------------------------------------------------------------------


def test_csv_submissions_score_like_yaml(cli, tmp):
    code, out, err, _ = score(cli, tmp, {"s.csv": CSV})
    assert (code, err) == (0, "")
    totals = {u["unit"]: u["total"] for u in json.loads(out)["units"]}
    assert totals == {"ha-noi": "81.50", "hue": "56.67"}  # as in test_the_base_round_is_valid_and_scores


def test_csv_bad_cell(cli, tmp):
    bad = mutate(CSV, ",12,", ",twelve,")
    code, out, err, paths = score(cli, tmp, {"s.csv": bad})
    # row 3 (hue), column 6 (houses: round, unit, members, new_members, plan_on_time, houses)
    message = f"{paths['s.csv']}:3:6: unit hue, column houses: 'twelve' is not a number"
    assert (code, out, err) == (1, "", one_problem(message))


def test_csv_unknown_column(cli, tmp):
    bad = mutate(CSV, "sessions,rating", "sesions,rating")
    code, out, err, paths = score(cli, tmp, {"s.csv": bad})
    message = f"{paths['s.csv']}:1:7: column 'sesions': unknown indicator 'sesions'; did you mean 'sessions'?"
    assert (code, out, err) == (1, "", one_problem(message))


# --- scoring ----------------------------------------------------------------------------------


def test_division_by_zero_names_unit_criterion_and_formula(cli, tmp):
    # hue has 500 members: members - 500 = 0
    criteria = mutate(CRITERIA, "rating * 5 + loans / members", "rating * 5 + loans / (members - 500)")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": HA_NOI, "hue.yaml": HUE}, criteria)
    line, _ = at(criteria, "- id: II.2")
    formula = "min(max_points, rating * 5 + loans / (members - 500))"
    message = (
        f"{paths['crit.yaml']}:{line}:1: unit hue: criterion II.2 (Rating and loans): division by zero in '{formula}'\n"
        f"    {formula}\n"
        f"    {' ' * formula.index('/')}^"
    )
    assert (code, out, err) == (1, "", one_problem(message))


def test_division_by_zero_in_a_derived_value_is_reported_once(cli, tmp):
    criteria = mutate(CRITERIA, "new_members / members * 1000", "new_members / (members - 500) * 1000")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": HA_NOI, "hue.yaml": HUE}, criteria)
    line, _ = at(criteria, "new_per_1000:")
    formula = "new_members / (members - 500) * 1000"
    assert (code, out) == (1, "")
    # the fault, its formula and caret, and the count; criterion I.4, which reads new_per_1000, must not
    # add a second problem asking hue to "report" a value that is computed, not reported
    # (the caret's column is checked in test_division_by_zero_names_unit_criterion_and_formula)
    lines = err.splitlines()
    assert lines[:2] == [
        f"{paths['crit.yaml']}:{line}:1: unit hue: derived value 'new_per_1000': division by zero in '{formula}'",
        f"    {formula}",
    ]
    assert lines[3:] == ["1 problem(s) found."]


def test_missing_value_is_an_error_by_default(cli, tmp):
    bad = mutate(HA_NOI, "  houses: 30\n", "")
    code, out, err, paths = score(cli, tmp, {"ha-noi.yaml": bad, "hue.yaml": HUE})
    line, _ = at(CRITERIA, "{id: I.2")
    message = (
        f"{paths['ha-noi.yaml']}:1:1: unit ha-noi: no value for 'houses' (not reported), which criterion I.2 (Houses)"
        f" ({paths['crit.yaml']}:{line}) needs; report it, or declare what a missing value means (if_missing: no_points)"
    )
    assert (code, out, err) == (1, "", one_problem(message))


NO_POINTS = mutate(CRITERIA, "points_each: 0.5}", "points_each: 0.5, if_missing: no_points}")


def test_missing_value_with_no_points_scores_zero_and_explains_why(cli, tmp):
    ha_noi = mutate(HA_NOI, "  houses: 30\n", "")
    crit = write(tmp, "crit.yaml", NO_POINTS)
    subs = [write(tmp, "ha-noi.yaml", ha_noi), write(tmp, "hue.yaml", HUE)]
    code, out, err = cli("score", crit, *subs, "--format", "json")
    assert (code, err) == (0, "")
    ha = next(u for u in json.loads(out)["units"] if u["unit"] == "ha-noi")
    assert ha["total"] == "71.50"  # 81.50 − the 10 points of I.2
    line, _ = at(NO_POINTS, "{id: I.2")
    code, out, err = cli("explain", crit, *subs, "--unit", "ha-noi")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    i = next(i for i, text in enumerate(lines) if text.lstrip().startswith("- I.2 Houses:"))
    assert lines[i].endswith(f"/ 10  [per_item, {crit}:{line}]")
    assert lines[i + 1] == "    - no value for 'houses' (not reported): no points (if_missing: no_points)"


def test_no_points_line_is_at_the_rounds_precision(cli, tmp):
    ha_noi = mutate(HA_NOI, "  houses: 30\n", "")
    code, out, err, _ = score(cli, tmp, {"ha-noi.yaml": ha_noi, "hue.yaml": HUE}, NO_POINTS)
    assert (code, err) == (0, "")
    ha = next(u for u in json.loads(out)["units"] if u["unit"] == "ha-noi")
    points = {c["id"]: c["points"] for c in ha["criteria"]}
    # every line is a decimal string at the round's 2 places, the missing one too
    assert points == {"I.1": "10.00", "I.2": "0.00", "I.3": "20.00", "I.4": "20.00", "II.1": "10.00", "II.2": "11.50"}


# --- usage errors -----------------------------------------------------------------------------


def test_missing_argument_is_a_usage_error(cli, tmp):
    crit = write(tmp, "crit.yaml", CRITERIA)
    code, out, err = cli("score", crit)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "thidua score: error: the following arguments are required: SUBMISSIONS"


def test_unknown_format_is_a_usage_error(cli, tmp):
    crit = write(tmp, "crit.yaml", CRITERIA)
    sub = write(tmp, "ha-noi.yaml", HA_NOI)
    code, out, err = cli("score", crit, sub, "--format", "xml")
    assert (code, out) == (2, "")
    assert (
        err.splitlines()[-1]
        == "thidua score: error: argument --format: invalid choice: 'xml' (choose from 'table', 'json', 'csv')"
    )


def test_unknown_unit_is_a_usage_error(cli, tmp):
    crit = write(tmp, "crit.yaml", CRITERIA)
    subs = [write(tmp, "ha-noi.yaml", HA_NOI), write(tmp, "hue.yaml", HUE)]
    code, out, err = cli("explain", crit, *subs, "--unit", "da-nang")
    assert (code, out, err) == (2, "", "thidua: unit 'da-nang' is not in round test-2024; its units are: ha-noi, hue\n")


def test_missing_criteria_file(cli, tmp):
    code, out, err = cli("validate", tmp / "nope.yaml")
    assert (code, out, err) == (1, "", one_problem(f"{tmp / 'nope.yaml'}:1:1: cannot read the file: No such file or directory"))


# --- nothing written --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_failing_run_writes_nothing(cli, tmp, fmt):
    crit = write(tmp, "crit.yaml", mutate(CRITERIA, "scale: 100", "scale: 90"))
    subs = [write(tmp, "ha-noi.yaml", HA_NOI), write(tmp, "hue.yaml", mutate(HUE, "sessions: 25", "sessions: -1"))]
    before = listing(tmp)
    code, out, err = cli("score", crit, *subs, "--format", fmt)
    assert (code, out) == (1, "")
    assert err.endswith("1 problem(s) found.\n")
    assert listing(tmp) == before


def test_failing_submissions_write_nothing(cli, tmp):
    crit = write(tmp, "crit.yaml", CRITERIA)
    subs = [write(tmp, "ha-noi.yaml", HA_NOI), write(tmp, "hue.yaml", mutate(HUE, "sessions: 25", "sessions: -1"))]
    before = listing(tmp)
    code, out, _ = cli("score", crit, *subs, "--format", "json")
    assert (code, out) == (1, "")
    assert listing(tmp) == before
