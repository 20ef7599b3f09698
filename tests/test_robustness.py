"""How sure the proposal is (thidua robustness, issue 16): exact margins by hand, the fast path against the engine,
seeded determinism, the command end to end, and its refusals."""

from __future__ import annotations

import json
import random
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import robustness as rb
from scoring.cli import main
from scoring.pipeline import Scored, score_round
from scoring.wording import use, word
from tests.shared import CCB, CCB_SUBMISSIONS

# A round worked by hand. Two criteria scored per item, 1 point each up to 5: a criterion's maximum M scales its
# points with it (points each M/5, capped at M). One flag (Cờ) for the first; ties on the total go to more points in A.1.
#   u1: x = 5, y = 2 → A.1 5, A.2 2 → 7.00
#   u2: x = 3, y = 5 → A.1 3, A.2 5 → 8.00  (the flag)
#   u3: x = 1, y = 1 → A.1 1, A.2 1 → 2.00
SMALL = """\
format: thidua/1
id: t
title: Vòng thử
year: 2024
scale: 10
rounding: {places: 2, mode: half_up}
units:
  u1: {name: Đơn vị Một}
  u2: {name: Đơn vị Hai}
  u3: {name: Đơn vị Ba}
indicators:
  x: {label: x, type: integer, min: 0, max: 10}
  y: {label: y, type: integer, min: 0, max: 10}
groups:
  - id: A
    label: Nhóm A
    max: 10
    criteria:
      - {id: A.1, label: Tiêu chí A.1, max: 5, method: per_item, of: x, points_each: 1}
      - {id: A.2, label: Tiêu chí A.2, max: 5, method: per_item, of: y, points_each: 1}
classification:
  - {id: tot, label: Tốt, min_total: 1}
  - {id: khac, label: Khác}
tie_break:
  - {criterion: A.1}
awards:
  - {id: co, label: Cờ, quota: 1}
"""
FLAG: rb.Tiers = (("co", "proposed"),)
NONE: rb.Tiers = ()


def write_small(folder: Path, values: dict[str, tuple[int, int]] | None = None) -> tuple[Path, Path]:
    values = values or {"u1": (5, 2), "u2": (3, 5), "u3": (1, 1)}
    (folder / "criteria.yaml").write_text(SMALL, encoding="utf-8")
    (folder / "subs").mkdir(exist_ok=True)
    rows = "".join(f"t,{u},{x},{y}\n" for u, (x, y) in values.items())
    (folder / "subs" / "all.csv").write_text("round,unit,x,y\n" + rows, encoding="utf-8")
    return folder / "criteria.yaml", folder / "subs"


@pytest.fixture
def small(tmp_path: Path) -> Scored:
    criteria_file, subs = write_small(tmp_path)
    return score_round(criteria_file, [subs])


def margin(found: tuple[rb.UnitMargins, ...], unit: str, kind: str, ref: str) -> rb.Margin:
    return next(m for u in found if u.unit == unit for m in u.margins if (m.kind, m.ref) == (kind, ref))


def test_a_maximum_raised_until_the_second_passes_the_first_at_the_rounding(small):
    found = rb.margins(small)
    # A.1's maximum M: u1 scores M (5 items × M/5), u2 0.6·M rounded to 2 places, + their A.2 points.
    # M = 7.48: u1 7.48 + 2 = 9.48; u2 0.6 × 7.48 = 4.488 → 4.49, + 5 = 9.49: u2 keeps the flag.
    # M = 7.49: u1 9.49; u2 4.494 → 4.49, + 5 = 9.49: tied on the total, and u1 has more in A.1 (7.49 > 4.49).
    # Exactly, 0.4·M > 3 needs M > 7.5: the round's rounding brings it one step nearer.
    up = margin(found, "u1", "max", "A.1").up
    assert up == rb.Change(Decimal("7.49"), FLAG, (("u2", NONE),))
    assert margin(found, "u2", "max", "A.1").up == rb.Change(Decimal("7.49"), NONE, (("u1", FLAG),))


def test_a_maximum_lowered_until_the_first_loses_its_seat(small):
    found = rb.margins(small)
    # A.2's maximum M: u1 0.4·M rounded + 5, u2 M + 3 (5 items × M/5).
    # M = 3.35: u1 1.34 + 5 = 6.34; u2 6.35: u2 keeps it. M = 3.34: u1 1.336 → 1.34, 6.34; u2 6.34: tied, A.1 5 > 3.
    assert margin(found, "u2", "max", "A.2").down == rb.Change(Decimal("3.34"), NONE, (("u1", FLAG),))
    assert margin(found, "u1", "max", "A.2").down == rb.Change(Decimal("3.34"), FLAG, (("u2", NONE),))


def test_no_change_of_a_maximum_alone_can_do_it(small):
    found = rb.margins(small)
    # Lower A.1 and u2's lead 3 − 0.4·M only grows; searched down to one step, 0.01.
    assert margin(found, "u2", "max", "A.1").down == rb.NoSingleChange(Decimal("0.01"))
    # Raise A.1 and u2 leads by 3 − 0.4·M until M = 7.49 — but only up to twice the maximum, 10, is searched: u1 wins
    # first; u3 (2.00) would need 0.2·M + 1 > 0.6·M + 5: never.
    assert margin(found, "u3", "max", "A.1") == rb.Margin(
        "max", "A.1", Decimal("5"), rb.NoSingleChange(Decimal("10")), rb.NoSingleChange(Decimal("0.01"))
    )


def test_an_indicator_margin_up_and_down(small):
    found = rb.margins(small)
    # u1's y: 5 + y against 8; y = 3 ties at 8.00 and A.1 (5 > 3) gives u1 the flag. Down: u1 has no flag to lose.
    y = margin(found, "u1", "indicator", "y")
    assert y.up == rb.Change(Decimal("3"), FLAG, (("u2", NONE),))
    assert y.down == rb.NoSingleChange(Decimal("0"))
    # u2's x: x + 5 against 7; x = 2 ties at 7.00, and A.1 (5 > 2) gives u1 the flag. Up: at most 10 (the indicator's
    # maximum), and more only keeps the flag.
    x = margin(found, "u2", "indicator", "x")
    assert x.down == rb.Change(Decimal("2"), NONE, (("u1", FLAG),))
    assert x.up == rb.NoSingleChange(Decimal("10"))
    # u1's x is at A.1's cap (5 items): more scores nothing, fewer only loses points.
    assert margin(found, "u1", "indicator", "x") == rb.Margin(
        "indicator", "x", Decimal("5"), rb.NoSingleChange(Decimal("10")), rb.NoSingleChange(Decimal("0"))
    )


def test_the_margins_are_said_as_the_council_reads_them(small):
    found = {u.unit: u for u in rb.margins(small)}
    with use("en"):
        said = [word(f) for f in found["u1"].flips]
    assert said == [
        "Đơn vị Một would take the Cờ seat of Đơn vị Hai if A.1's maximum were 7.49 instead of 5, or if A.2's maximum"
        " were 3.34 instead of 5, or if its own y were 3 instead of 2"
    ]
    assert [(m.kind, m.ref) for m in found["u1"].unmoved] == [("indicator", "x")]
    with use("vi"):
        said = [word(f) for f in found["u2"].flips]
    assert said == [
        "Đơn vị Hai sẽ nhường suất Cờ cho Đơn vị Một nếu điểm tối đa của tiêu chí A.1 là 7,49 thay vì 5, hoặc nếu điểm"
        " tối đa của tiêu chí A.2 là 3,34 thay vì 5, hoặc nếu chỉ tiêu x của chính đơn vị là 2 thay vì 3, hoặc nếu chỉ"
        " tiêu y của chính đơn vị là 4 thay vì 5"
    ]
    assert found["u3"].flips == ()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=3, max_size=3),
)
def test_a_maximum_margin_applied_changes_the_tiers_and_one_step_nearer_does_not(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("margin")
    criteria_file, subs = write_small(folder, dict(zip(("u1", "u2", "u3"), values, strict=True)))
    scored = score_round(criteria_file, [subs])
    inputs = rb.inputs_of(scored)
    _, base = rb.engine(inputs)
    step = Decimal("0.01")
    for u in rb.margins(scored):
        for m in u.margins:
            if m.kind != "max":
                continue
            for change, sign in ((m.up, 1), (m.down, -1)):
                if not isinstance(change, rb.Change):
                    continue
                at = rb.engine(inputs, rb.with_maxima(scored.criteria, {m.ref: change.value}))[1]
                assert at[u.unit] == change.tiers != base[u.unit]  # the full engine agrees with the margin
                nearer = change.value - sign * step
                if nearer != m.current:
                    assert rb.engine(inputs, rb.with_maxima(scored.criteria, {m.ref: nearer}))[1][u.unit] == base[u.unit]


def test_the_fast_path_gives_the_engines_tiers_for_every_sampled_weight():
    scored = score_round(CCB, [CCB_SUBMISSIONS])
    assert rb.fast_refusal(scored.criteria) is None
    inputs = rb.inputs_of(scored)
    fast = rb.Fast(scored.results, inputs)
    varied = [c for c in scored.criteria.criteria if c.method in rb.SCALED]
    rng = random.Random(16)
    _, base = rb.engine(inputs)
    changed = 0
    for _ in range(300):
        maxima = rb.draw_maxima(rng, scored.criteria, Decimal("0.5"), varied)
        full = [maxima.get(col.criterion.id, col.criterion.max) for col in fast.columns]
        ranks, tiers = fast.tiers(full, [fast.column(j, m) for j, m in enumerate(full)])
        by_rank, by_tiers = rb.engine(inputs, rb.with_maxima(scored.criteria, maxima))
        assert dict(zip(fast.ids, tiers, strict=True)) == by_tiers
        assert dict(zip(fast.ids, ranks, strict=True)) == by_rank
        changed += by_tiers != base
    assert changed > 30  # the weights did move the awards: the comparison is not of one outcome only


def test_sampled_maxima_add_up_to_the_scale_and_stay_within_the_spread():
    scored = score_round(CCB, [CCB_SUBMISSIONS])
    varied = [c for c in scored.criteria.criteria if c.method in rb.SCALED]
    held = sum((c.max for c in scored.criteria.criteria if c.method not in rb.SCALED), Decimal(0))
    rng = random.Random(1)
    for _ in range(200):
        maxima = rb.draw_maxima(rng, scored.criteria, Decimal("0.2"), varied)
        assert sum(maxima.values(), Decimal(0)) + held == scored.criteria.scale
        # each × (1 + u), |u| ≤ 0.2, then all scaled by the same factor, within [1/1.2, 1/0.8]
        for c in varied:
            assert c.max * Decimal("0.8") / Decimal("1.2") - Decimal("0.000001") <= maxima[c.id]
            assert maxima[c.id] <= c.max * Decimal("1.2") / Decimal("0.8") + Decimal("0.000001")


def test_percentiles_are_nearest_rank():
    # 10 samples: ranks 1 ×6, 2 ×3, 4 ×1. 5%: the 1st sample (⌈0.5⌉ = 1) → 1; 50%: the 5th → 1; 95%: the 10th → 4.
    counts = {1: 6, 2: 3, 4: 1}
    assert [rb.percentile(counts, 10, p) for p in (5, 50, 95)] == [1, 1, 4]


def test_the_first_order_index_of_a_weight_that_decides_everything_is_one():
    # Y = 1 exactly when the weight is in the upper half: two bins explain all of its variance.
    weights = [Decimal(i) for i in range(10)]
    ys = [0] * 5 + [1] * 5
    assert rb.first_order(weights, ys, bins=2) == Decimal("1.000")
    assert rb.first_order(weights, [3] * 10, bins=2) is None  # Y never varies: nothing to explain


# ---------------------------------------------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The example round's answer in each form, written once (the margins take seconds): 300 samples."""
    folder = tmp_path_factory.mktemp("robust")
    forms = {"json": "en", "json2": "en", "md": "en", "text": "en", "vi.md": None}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("THIDUA_LANG", raising=False)
        for name, lang in forms.items():
            kind = name.split(".")[-1].rstrip("2")
            args = ["robustness", str(CCB), str(CCB_SUBMISSIONS), "--samples", "300", "--format", kind]
            args += ["-o", str(folder / name), "-q", *(["--lang", lang] if lang else [])]
            assert main(args) == 0
    return {name: (folder / name).read_text(encoding="utf-8") for name in forms}


def test_json_is_typed_and_byte_identical_for_the_same_seed(written):
    assert written["json"] == written["json2"]
    data = json.loads(written["json"])
    assert data["format"] == "thidua-robustness/1"
    assert data["round"] == "hoi-ccb-cum-3-2023"
    sampled = data["samples"]
    assert (sampled["samples"], sampled["spread"], sampled["seed"], sampled["path"]) == (300, "0.2", 2026, "fast")
    assert sampled["held"] == ["I.3", "II.3", "III.1", "IV.3", "V.4"]  # scored by a formula: held as they are
    first = sampled["units"][0]
    assert sorted(first) == ["median", "p5", "p95", "rank", "same_tiers", "shares", "tiers", "unit"]
    assert first["unit"] == "cao-bang"
    assert first["tiers"] == [{"award": "co-thi-dua-tw", "status": "proposed"}]
    bac_kan = next(u for u in data["margins"] if u["unit"] == "bac-kan")
    i2 = next(m for m in bac_kan["inputs"] if m["ref"] == "I.2")
    # I.2's maximum 5 → 7.66 gives Bắc Kạn Lạng Sơn's Bằng khen (the fast path, checked against the engine above)
    assert i2["up"] == {
        "change": True,
        "value": "7.66",
        "tiers": [{"award": "bang-khen-tw", "status": "proposed"}],
        "others": [{"unit": "lang-son", "tiers": []}],
    }
    assert i2["down"] == {"change": False, "searched_to": "0.01"}


def test_another_seed_gives_other_samples(cli):
    args = ["robustness", CCB, CCB_SUBMISSIONS, "--samples", "200", "--format", "json"]
    one, two = cli(*args, "--seed", "1"), cli(*args, "--seed", "2")
    assert one[0] == two[0] == 0
    assert json.loads(one[1])["margins"] == json.loads(two[1])["margins"]  # exact: no sampling in them
    assert json.loads(one[1])["samples"]["units"] != json.loads(two[1])["samples"]["units"]


def test_the_markdown_says_the_margins_and_the_intervals(written):
    md = written["md"]
    assert md.startswith("# Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam\n\n")
    assert "## How sure the proposal is\n" in md
    assert "300 samples of the criteria's maxima, each varied within ±20% and scaled back to the scale 100 (seed 2026)" in md
    assert "| Rank | Unit | Median rank | 5–95% of ranks | Proposed | Same awards |" in md
    assert (
        "- Hội CCB tỉnh Bắc Kạn would take the Bằng khen của Trung ương Hội CCB Việt Nam seat of Hội CCB tỉnh Lạng Sơn if"
        " I.2's maximum were 7.66 instead of 5, or if II.1's maximum were 13.36 instead of 10" in md
    )
    assert "they do not say that the weights are right." in md


def test_the_text_form_draws_the_tables(written):
    text = written["text"]
    assert "How sure the proposal is" in text
    assert "Which weight moves the awards" in text
    assert "Exact margins: the nearest single change that changes a unit's awards" in text
    assert re.search(r"│\s+1 │ Hội CCB tỉnh\s+│\s+1 │\s+1–1 │", text)


def test_vietnamese_is_the_default(written):
    md = written["vi.md"]
    assert "## Độ vững của đề nghị khen thưởng\n" in md
    assert "| Hạng | Đơn vị | Hạng trung vị | Khoảng hạng 5–95% | Đề nghị | Giữ nguyên mức khen |" in md
    assert (
        "- Hội CCB tỉnh Bắc Kạn sẽ giành suất Bằng khen của Trung ương Hội CCB Việt Nam của Hội CCB tỉnh Lạng Sơn nếu"
        " điểm tối đa của tiêu chí I.2 là 7,66 thay vì 5" in md
    )
    assert "they do not" not in md


def test_the_terminal_table_on_a_small_round(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    code, out, err = cli("robustness", criteria_file, subs, "--samples", "50", "--spread", "50")
    assert (code, err) == (0, "")
    assert "Đơn vị Hai would give its Cờ seat to Đơn vị Một if A.1's maximum were 7.49 instead of 5" in " ".join(
        re.sub(r"[│┃]", " ", out).split()
    )


# ---------------------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("option", "given", "said"),
    [
        ("--spread", "0", "--spread 0: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)"),
        ("--spread", "100", "--spread 100: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)"),
        ("--spread", "abc", "--spread abc: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)"),
        ("--spread", "1.234", "--spread 1.234: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)"),
        ("--spread", "nan", "--spread nan: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)"),
        ("--samples", "0", "--samples 0: give a whole number from 1 to 1000000"),
        ("--samples", "1e3", "--samples 1e3: give a whole number from 1 to 1000000"),
        ("--samples", "99999999999999", "--samples 99999999999999: give a whole number from 1 to 1000000"),
        ("--seed", "-1", "--seed -1: give a whole number, 0 or more"),
        ("--seed", "x", "--seed x: give a whole number, 0 or more"),
    ],
)
def test_a_bad_option_is_one_message_naming_it(cli, tmp_path, option, given, said):
    criteria_file, subs = write_small(tmp_path)
    assert cli("robustness", criteria_file, subs, option, given) == (1, "", f"thidua: {said}\n")


def test_every_bad_option_is_said_at_once(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    code, out, err = cli("robustness", criteria_file, subs, "--samples", "0", "--spread", "-5", "--seed", "s")
    assert (code, out) == (1, "")
    assert err == (
        "thidua: --samples 0: give a whole number from 1 to 1000000; --seed s: give a whole number, 0 or more;"
        " --spread -5: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)\n"
    )


def test_a_broken_criteria_file_is_located_and_nothing_is_written(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    criteria_file.write_text(SMALL.replace("points_each: 1}", "points_each: 1, weight: 2}", 1), encoding="utf-8")
    out_file = tmp_path / "out.json"
    code, out, err = cli("robustness", criteria_file, subs, "--format", "json", "-o", out_file)
    assert (code, out) == (1, "")
    assert err.endswith("1 problem(s) found.\n")
    assert err.startswith(f"{criteria_file}:19:")
    assert "weight" in err
    assert "Traceback" not in err
    assert not out_file.exists()


def test_a_broken_submission_is_located(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    (subs / "all.csv").write_text("round,unit,x,y\nt,u1,5,2\nt,u2,nhiều,5\nt,u3,1,1\n", encoding="utf-8")
    code, out, err = cli("robustness", criteria_file, subs)
    assert (code, out) == (1, "")
    assert err.startswith(f"{subs / 'all.csv'}:3:")
    assert err.endswith("1 problem(s) found.\n")


def test_an_existing_output_is_kept_without_force(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    out_file = tmp_path / "out.md"
    out_file.write_text("kept", encoding="utf-8")
    code, _, err = cli("robustness", criteria_file, subs, "--samples", "10", "--format", "md", "-o", out_file)
    assert code == 1
    assert str(out_file) in err
    assert out_file.read_text(encoding="utf-8") == "kept"
    assert cli("robustness", criteria_file, subs, "--samples", "10", "--format", "md", "-o", out_file, "--force")[0] == 0
    assert out_file.read_text(encoding="utf-8").startswith("# Vòng thử\n")


# ---------------------------------------------------------------------------------------------------- the report's page


def test_the_report_carries_the_page_with_its_chart_when_asked(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    page = tmp_path / "r.html"
    args = ("report", criteria_file, subs, "--samples", "50", "--spread", "50", "--lang", "vi", "-q")
    assert cli(*args, "--robustness", "-o", page) == (0, "", "")
    text = page.read_text(encoding="utf-8")
    section = text[text.index('<section class="unit robustness">') : text.index("</section>", text.index("robustness"))]
    assert "<h2>Độ vững của đề nghị khen thưởng</h2>" in section
    chart = section[section.index("<svg") : section.index("</svg>")]
    # three units: a ring (rank as it stands) and a dot (median rank) on each row
    assert chart.count('fill="none"') == 3
    assert chart.count('fill="#000"') == 3
    assert "#" not in chart.replace("#000", "")  # black on white: no colour
    # the margin said as the terminal says it, each unit named as the report names units
    assert "Đơn vị Hai sẽ nhường suất Cờ cho Đơn vị Một nếu điểm tối đa của tiêu chí A.1 là 7,49 thay vì 5" in section
    assert section.index("Độ vững") < section.index("Biên độ chính xác")
    # the page follows the summary and comes before the units' pages
    assert text.index('<section class="summary">') < text.index("robustness") < text.index('id="unit-u1"')
    plain = tmp_path / "plain.html"
    assert cli(*args, "-o", plain) == (0, "", "")
    assert "robustness" not in plain.read_text(encoding="utf-8")  # only when asked


def test_the_reports_word_file_has_the_page_as_tables(cli, tmp_path):
    from docx import Document

    criteria_file, subs = write_small(tmp_path)
    out = tmp_path / "r.docx"
    assert cli("report", criteria_file, subs, "--robustness", "--samples", "50", "--lang", "vi", "-q", "-o", out)[0] == 0
    doc = Document(str(out))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Độ vững của đề nghị khen thưởng" in paragraphs
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Tiêu chí", "Điểm tối đa", "Chỉ số bậc nhất"] in heads


def test_a_bad_sampling_option_of_the_report_is_said_before_any_work(cli, tmp_path):
    criteria_file, subs = write_small(tmp_path)
    out = tmp_path / "r.html"
    said = "thidua: --samples 0: give a whole number from 1 to 1000000\n"
    assert cli("report", criteria_file, subs, "--robustness", "--samples", "0", "-o", out) == (1, "", said)
    assert not out.exists()
