"""Time evaluate() on a synthetic round and compare it with naive simpleeval and hand-written Python.

.venv/bin/python benchmarks/bench_scoring.py [--units N] [--criteria M] [--sample K] [--profile]
Prints figures; exits 0 whether or not the targets (≥ 20× naive simpleeval, ≤ 3× hand-written) are met.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import platform
import pstats
import random
import re
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

from simpleeval import simple_eval

from scoring.criteria import load_criteria
from scoring.evaluate import evaluate
from scoring.submissions import load_submissions

ROTATION = ("achieved", "per_item", "target", "relative", "bands", "formula", "per_item", "relative", "bands", "formula")
PREFIX = {"achieved": "b", "per_item": "n", "target": "t", "relative": "x", "bands": "p"}
FORMULAS = (
    "min(max_points, {n} / 4 + {n2} * 0.5)",
    "max_points * clamp(({p} - 80) / 20, 0, 1)",
    "max_points if {p} >= 90 else (max_points / 2 if {p} >= 70 else 0)",
    "max_points * (0.4 * {x} / best({x}) + 0.6 * {x2} / best({x2}))",
)
ZERO, ONE, HALF, CENT, GUARD = Decimal(0), Decimal(1), Decimal("0.5"), Decimal("0.01"), Decimal("1E-12")
D = Decimal
LAMBDAS = (  # the same arithmetic as FORMULAS, by hand: v values, b best values, m max_points
    lambda v, b, m, k: min(m, v[k["n"]] / 4 + v[k["n2"]] * HALF),
    lambda v, b, m, k: m * min(max((v[k["p"]] - 80) / 20, ZERO), ONE),
    lambda v, b, m, k: m if v[k["p"]] >= 90 else (m / 2 if v[k["p"]] >= 70 else ZERO),
    lambda v, b, m, k: m * (D("0.4") * v[k["x"]] / b[k["x"]] + D("0.6") * v[k["x2"]] / b[k["x2"]]),
)
CLASSES = (("xuat-sac", D("0.85"), D("0.5")), ("tot", D("0.7"), None), ("hoan-thanh", D("0.5"), None), ("khong", None, None))
DEFAULTS = {"late_reports": ZERO, "models_praised": ZERO, "discipline_cases": ZERO}


@dataclass
class Plan:
    id: str
    group: str
    method: str
    max: Decimal
    of: str = ""  # the name it scores
    source: str = ""  # the indicator the unit reports for it
    each: Decimal = ZERO
    bands: tuple[tuple[Decimal, Decimal], ...] = ()
    formula: str = ""
    form: int = 0
    names: dict[str, str] | None = None
    missable: bool = False


def make_round(n_units: int, n_criteria: int, rng: random.Random) -> tuple[list[Plan], dict[str, str], list[str]]:
    plans = []
    groups = min(10, n_criteria)
    for i in range(n_criteria):
        method = ROTATION[i % len(ROTATION)]
        g = i * groups // n_criteria + 1
        plan = Plan(f"G{g}.{i + 1}", f"G{g}", method, D(2 + i % 4), missable=method == "per_item" and i % 20 == 6)
        if method != "formula":
            plan.of = plan.source = f"{PREFIX[method]}{i}"
        if method == "per_item":
            plan.each = D("0.25") if i % 3 else D("0.5")
        if method == "bands":
            plan.bands = tuple((D(f), plan.max * D(s)) for f, s in ((0, 0), (50, "0.4"), (70, "0.7"), (90, 1)))
        plans.append(plan)
    pools = {
        p.of[0]: [q.of for q in plans if q.method == p.method and not q.missable] for p in plans if p.of and p.of[0] in "npx"
    }
    derived = {}  # derived value → the indicator it is computed from, per 1000 members
    for plan in [p for p in plans if p.method == "relative"][:5]:  # a few relative criteria score a derived value
        plan.of = f"d{plan.source[1:]}"
        derived[plan.of] = plan.source
    for k, plan in enumerate(p for p in plans if p.method == "formula"):
        plan.form = k % len(FORMULAS)
        plan.names = {k2: rng.choice(pools[k2[0]]) for k2 in ("n", "n2", "p", "x", "x2")}
        plan.formula = FORMULAS[plan.form].format(**plan.names)
    return plans, derived, [f"u{i:05d}" for i in range(1, n_units + 1)]


def criteria_yaml(plans: list[Plan], derived: dict[str, str], units: list[str], rng: random.Random) -> tuple[str, dict]:
    targets = {p.of: {u: rng.randint(50, 500) for u in units} for p in plans if p.method == "target"}
    scale = sum(p.max for p in plans)
    out = [f"format: thidua/1\nid: bench\ntitle: Vòng chấm điểm tổng hợp\nyear: 2023\nscale: {scale}\nunits:"]
    out += [f"  {u}: {{name: Đơn vị {u[1:]}}}" for u in units]
    out += ["indicators:", "  members: {label: Hội viên, type: integer, min: 1}"]
    out += [f"  {k}: {{label: {k}, type: integer, min: 0, default: 0}}" for k in DEFAULTS]
    types = {"achieved": "boolean", "per_item": "integer, min: 0", "target": "integer, min: 0", "relative": "integer, min: 0"}
    for p in plans:
        if p.method != "formula":
            kind = types.get(p.method, "number, min: 0, max: 100")
            out.append(f"  {p.source}: {{label: Chỉ số {p.source}, type: {kind}}}")
    out += ["derived:"] + [f"  {d}: {x} / members * 1000" for d, x in derived.items()] + ["targets:"]
    for t, per_unit in targets.items():
        items = [f"{u}: {v}" for u, v in per_unit.items()]
        out.append(f"  {t}: {{" + ",\n    ".join(", ".join(items[i : i + 20]) for i in range(0, len(items), 20)) + "}")
    out.append("groups:")
    for g in dict.fromkeys(p.group for p in plans):
        mine = [p for p in plans if p.group == g]
        out.append(f"  - id: {g}\n    label: Nhóm {g}\n    max: {sum(p.max for p in mine)}\n    criteria:")
        for p in mine:
            rule = f'formula: "{p.formula}"' if p.method == "formula" else f"method: {p.method}, of: {p.of}"
            rule += f", points_each: {p.each}" if p.method == "per_item" else ""
            rule += ", bands: [" + ", ".join(f"{{from: {f}, points: {s}}}" for f, s in p.bands) + "]" if p.bands else ""
            rule += ", if_missing: no_points" if p.missable else ""
            out.append(f"      - {{id: {p.id}, label: Tiêu chí {p.id}, max: {p.max}, {rule}}}")
    out += [
        "adjustments:",
        "  - {id: model, label: Mô hình, kind: bonus, cap: 1.5, formula: models_praised * 0.5}",
        "  - {id: late, label: Báo cáo chậm, kind: deduction, cap: 2, formula: late_reports * 0.5}",
        "disqualifiers:\n  - {id: discipline, label: Kỷ luật, when: discipline_cases > 0, blocks: [xuat-sac, tot]}",
        "classification:",
    ]
    for cid, share, floor in CLASSES:
        limits = (f", min_total: {share * scale}" if share else "") + (f", floor: {floor}" if floor else "")
        out.append(f"  - {{id: {cid}, label: {cid}{limits}}}")
    return "\n".join(out) + "\n", targets


def reported(kind: str, target: int, rng: random.Random) -> object:
    if kind == "achieved":
        return "có" if rng.random() < 0.9 else "không"
    if kind == "per_item":
        return rng.randint(0, 25)
    if kind == "target":
        return round(target * rng.uniform(0.6, 1.4))
    if kind == "relative":
        return rng.randint(1, 5000)
    return f"{rng.uniform(40, 100):.1f}".replace(".", ",")  # bands: a percentage, Vietnamese decimal comma


def submissions_csv(plans: list[Plan], units: list[str], targets: dict, rng: random.Random, per_file: int = 1000) -> list[str]:
    scored = [p for p in plans if p.source]
    names = ["members", *DEFAULTS, *(p.source for p in scored)]
    rows = []
    for u in units:
        row = [rng.randint(500, 60000), rng.choice(("", 0, 1, 3)), rng.randint(0, 4), 1 if rng.random() < 0.02 else ""]
        for p in scored:
            value = reported(p.method, targets.get(p.source, {}).get(u, 0), rng)
            row.append("" if p.missable and rng.random() < 0.05 else value)
        rows.append(",".join(["bench", u, *(f'"{cell}"' for cell in row)]))
    header = ",".join(["round", "unit", *names])
    return ["\n".join([header, *rows[i : i + per_file]]) + "\n" for i in range(0, len(rows), per_file)]


def hand_written(plans: list[Plan], derived: dict[str, str], targets: dict, subs: Any) -> dict:
    """The same points with plain Decimal code written for this structure; returns unit → (total, class, groups)."""
    group_ids = list(dict.fromkeys(p.group for p in plans))
    scale = sum(p.max for p in plans)
    classes = [(cid, share and share * scale, floor) for cid, share, floor in CLASSES]
    with localcontext() as ctx:
        ctx.prec = 34  # the engine's precision
        rows = []
        for sub in subs:
            v = DEFAULTS | {k: r.value for k, r in sub.values.items()}
            for d, x in derived.items():
                v[d] = v[x] / v["members"] * 1000
            rows.append(v)
        wanted = {p.of for p in plans if p.method == "relative"} | {p.names[k] for p in plans if p.names for k in ("x", "x2")}
        best = {name: max(v[name] for v in rows) for name in wanted}
        leader = {}
        for t, per_unit in targets.items():
            above = [r for r in (v[t] / per_unit[s.unit] for v, s in zip(rows, subs, strict=True)) if r > 1]
            leader[t] = max(above) if above else None
        out = {}
        for sub, v in zip(subs, rows, strict=True):
            groups = dict.fromkeys(group_ids, ZERO)
            lines = []
            for p in plans:
                m, kind = p.max, p.method
                if kind == "achieved":
                    raw = m if v[p.of] else ZERO
                elif kind == "per_item":
                    raw = min(v[p.of] * p.each, m) if p.of in v else ZERO
                elif kind == "target":
                    r, half, top = v[p.of] / targets[p.of][sub.unit], HALF * m, leader[p.of]
                    raw = half * r if r <= 1 else (m if r == top else half + half * ((r - 1) / (top - 1)))
                elif kind == "relative":
                    raw = m * v[p.of] / best[p.of] if best[p.of] > 0 else ZERO
                elif kind == "bands":
                    raw = ZERO
                    for start, points in p.bands:
                        if v[p.of] >= start:
                            raw = points
                else:
                    raw = min(max(LAMBDAS[p.form](v, best, m, p.names), ZERO), m)
                # The engine's rule: settle division residue at 12 places, then round half up to 2.
                points = raw.quantize(GUARD, rounding=ROUND_HALF_EVEN).quantize(CENT, rounding=ROUND_HALF_UP)
                groups[p.group] += points
                lines.append((points, m))
            bonus = min(max(v["models_praised"] * HALF, ZERO), D("1.5")).quantize(CENT, rounding=ROUND_HALF_UP)
            late = min(max(v["late_reports"] * HALF, ZERO), D(2)).quantize(CENT, rounding=ROUND_HALF_UP)
            total = sum(groups.values(), ZERO) + bonus - late
            blocked = ("xuat-sac", "tot") if v["discipline_cases"] > 0 else ()
            for cid, least, floor in classes:
                if cid in blocked or (least is not None and total < least):
                    continue
                if floor is None or not any(points < floor * m for points, m in lines):
                    break
            out[sub.unit] = (total, cid, tuple(groups.values()))
    return out


def naive_simpleeval(plans: list[Plan], derived: dict[str, str], targets: dict, subs: Any, cohort: dict) -> dict:
    """Each unit, each criterion: one formula string given to simple_eval, parsed anew every time (floats)."""
    funcs = {"min": min, "max": max, "clamp": lambda x, lo, hi: min(max(x, lo), hi)}
    texts = []
    for p in plans:
        o, t = p.of, f"{p.of} / T_{p.of}"
        texts.append(
            {
                "achieved": f"max_points if {o} else 0",
                "per_item": f"min(max_points, {o} * {p.each})",
                "target": f"max_points * 0.5 * {t} if {t} <= 1 else (max_points if {t} >= L_{o} else"
                f" max_points * 0.5 + max_points * 0.5 * ({t} - 1) / (L_{o} - 1))",
                "relative": f"max_points * {o} / best_{o} if best_{o} > 0 else 0",
                "bands": "".join(f"{s} if {o} >= {f} else (" for f, s in reversed(p.bands[1:])) + "0" + ")" * (len(p.bands) - 1),
                "formula": "max(0, min(max_points, " + re.sub(r"best\((\w+)\)", r"best_\1", p.formula) + "))",
            }[p.method]
        )
    out = {}
    for sub in subs:
        names = {k: float(v) for k, v in DEFAULTS.items()} | cohort
        names |= {k: r.value if isinstance(r.value, bool) else float(r.value) for k, r in sub.values.items()}
        names |= {f"T_{t}": float(per_unit[sub.unit]) for t, per_unit in targets.items()}
        for d, x in derived.items():
            names[d] = simple_eval(f"{x} / members * 1000", functions=funcs, names=names)
        total = 0.0
        for p, text in zip(plans, texts, strict=True):
            if p.of and p.of not in names:
                continue  # if_missing: no_points
            names["max_points"] = float(p.max)
            total += round(simple_eval(text, functions=funcs, names=names), 2)
        total += round(simple_eval("min(1.5, max(0, models_praised * 0.5))", functions=funcs, names=names), 2)
        total -= round(simple_eval("min(2, max(0, late_reports * 0.5))", functions=funcs, names=names), 2)
        simple_eval("discipline_cases > 0", functions=funcs, names=names)
        out[sub.unit] = total
    return out


def best_of(runs: int, fn: Any) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        result = None
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--criteria", type=int, default=200)
    parser.add_argument("--sample", type=int, default=200, help="units timed with naive simpleeval, scaled to the round")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top 15 scoring/ functions by tottime")
    args = parser.parse_args(argv)
    n, m_count = args.units, max(10, args.criteria)
    rng = random.Random(2023)
    plans, derived, units = make_round(n, m_count, rng)
    text, targets = criteria_yaml(plans, derived, units, rng)
    csvs = submissions_csv(plans, units, targets, rng)
    lines = n * m_count
    print(f"thidua scoring benchmark — Python {platform.python_version()}, {n:,} units × {m_count} criteria = {lines:,} lines")
    mix = ", ".join(f"{k} {v}" for k, v in Counter(p.method for p in plans).items())
    print(f"  {len({p.group for p in plans})} groups; {mix}; {len(derived)} derived values; 1 bonus, 1 deduction, 1 disqualifier")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "criteria.yaml").write_text(text, encoding="utf-8")
        (Path(tmp) / "subs").mkdir()
        for i, body in enumerate(csvs):
            (Path(tmp) / "subs" / f"part-{i:03d}.csv").write_text(body, encoding="utf-8")
        size = sum(len(b.encode()) for b in csvs) / 2**20
        print(f"  files: criteria {len(text.encode()) / 2**20:.1f} MiB, submissions {len(csvs)} CSV files {size:.1f} MiB")
        start = time.perf_counter()
        criteria = load_criteria(Path(tmp) / "criteria.yaml")
        loaded = time.perf_counter()
        subs = load_submissions(criteria, [Path(tmp) / "subs"])
        print(f"load (not in engine time): criteria {loaded - start:.2f} s, submissions {time.perf_counter() - loaded:.2f} s")
    t_hand, hand = best_of(3, lambda: hand_written(plans, derived, targets, subs))  # first: the engine's results not yet alive
    t_engine, results = best_of(3, lambda: evaluate(criteria, subs))
    for card in results.scorecards:
        got = (card.total, card.classification.id, tuple(g.points for g in card.groups))
        if hand[card.unit.id] != got:
            sys.exit(f"MISMATCH for unit {card.unit.id}: engine {got}, hand-written {hand[card.unit.id]}")
    print(f"check: the hand-written code gives the same total, class and group points for all {len(hand):,} units")
    cohort = {f"best_{name}": float(v) for (f, name), v in results.cohort.stats.items() if f == "best"}
    cohort |= {f"L_{t}": float(r) if r is not None else 0.0 for t, r in results.cohort.leaders.items()}
    sample = subs[: min(args.sample, n)]
    start = time.perf_counter()
    naive = naive_simpleeval(plans, derived, targets, sample, cohort)
    t_sample = time.perf_counter() - start
    t_naive = t_sample * n / len(sample)
    totals = {card.unit.id: card.total for card in results.scorecards}
    drift = max(abs(naive[s.unit] - float(totals[s.unit])) for s in sample)
    evals = len(sample) * (m_count + len(derived) + 3)
    print(f"check: naive simpleeval totals (floats) differ from the engine's by at most {drift:.2f} on the sample")
    engine_lines = sum(len(c.lines) + len(c.adjustments) for c in results.scorecards)
    del results
    gc.collect()
    tracemalloc.start()
    evaluate(criteria, subs)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print("\n| what | seconds | µs per line | note |\n|---|---:|---:|---|")
    kept = f"best of 3; full traces kept ({engine_lines:,} lines incl. adjustments)"
    print(f"| engine evaluate() | {t_engine:.2f} | {t_engine / lines * 1e6:.2f} | {kept} |")
    scaled = f"{len(sample)} units took {t_sample:.2f} s ({t_sample / evals * 1e6:.0f} µs/eval), scaled × {n / len(sample):g}"
    print(f"| (a) naive simpleeval | {t_naive:.1f} | {t_naive / lines * 1e6:.1f} | {scaled} |")
    print(f"| (b) hand-written Decimal | {t_hand:.2f} | {t_hand / lines * 1e6:.2f} | best of 3; same results asserted |")
    print(f"\npeak memory of evaluate() (tracemalloc, separate untimed run): {peak:,.0f} MiB")
    faster, slower = t_naive / t_engine, t_engine / t_hand
    print(f"engine is {faster:.1f}× faster than naive simpleeval; target ≥ 20×: {'met' if faster >= 20 else 'NOT met'}")
    print(f"engine is {slower:.2f}× the hand-written code; target ≤ 3×: {'met' if slower <= 3 else 'NOT met'}")
    ceiling = t_naive / t_hand
    print(f"ceiling: the hand-written Decimal code itself is {ceiling:.1f}× faster than naive simpleeval; an engine doing")
    print(
        f"the same exact arithmetic with traces cannot beat it, so ≥ 20× is {'within' if ceiling >= 20 else 'beyond'} reach here"
    )
    print("notes: the engine keeps every Line with its facts and notes; explanation text is rendered lazily from them")
    print("(explain.py), so it is not in these times. (a) uses floats and is given the cohort statistics (best values,")
    print("leader ratios) precomputed; it measures the cost of parsing every formula at every evaluation.")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(evaluate, criteria, subs)
        stats = pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime")
        print("\ncProfile of one evaluate() run, top 15 scoring/ functions by tottime:")
        stats.print_stats(r"scoring[/\\]", 15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
