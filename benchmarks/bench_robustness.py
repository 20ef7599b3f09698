"""Time `thidua robustness`'s Monte Carlo over the maxima on a synthetic round, against the full engine doing the same.

.venv/bin/python benchmarks/bench_robustness.py [--units 100] [--criteria 30] [--samples 10000] [--baseline 20]
The baseline scores --baseline samples with the full engine (evaluate, rank, propose under the sampled maxima), in the
same run, and is extrapolated to --samples. Prints CPU seconds and samples/s; exits 0 whether or not the target
(10,000 samples of 100 units × 30 criteria in ≤ 10 s of CPU) is met.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchmarks.bench_scoring import criteria_yaml, make_round, submissions_csv
from scoring import robustness
from scoring.pipeline import score_round

AWARDS = """awards:
  - {id: co, label: Cờ thi đua, quota: 3, requires: {classification: [xuat-sac]}}
  - {id: bang-khen, label: Bằng khen, quota: 10%, share_of: units, requires: {classification: [xuat-sac, tot]}}
"""


def write_round(folder: Path, units: int, criteria: int) -> tuple[Path, Path]:
    rng = random.Random(2023)
    plans, derived, ids = make_round(units, criteria, rng)
    text, targets = criteria_yaml(plans, derived, ids, rng)
    (folder / "criteria.yaml").write_text(text + AWARDS, encoding="utf-8")
    (folder / "subs").mkdir()
    for i, body in enumerate(submissions_csv(plans, ids, targets, rng)):
        (folder / "subs" / f"part-{i:03d}.csv").write_text(body, encoding="utf-8")
    return folder / "criteria.yaml", folder / "subs"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=20, help="samples scored by the full engine, extrapolated")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        criteria_file, subs = write_round(Path(tmp), args.units, args.criteria)
        scored = score_round(criteria_file, [subs])
    criteria = scored.criteria
    varied = [c for c in criteria.criteria if c.method in robustness.SCALED]
    print(
        f"thidua robustness benchmark — Python {platform.python_version()}: {len(criteria.units)} units × "
        f"{len(criteria.criteria)} criteria ({len(varied)} varied), {args.samples:,} samples, ±20%"
    )
    if robustness.fast_refusal(criteria) is not None:
        sys.exit("the synthetic round is not one the fast path takes")

    inputs = robustness.inputs_of(scored)
    rng = random.Random(1)
    start = time.process_time()
    for _ in range(args.baseline):
        robustness.engine(inputs, robustness.with_maxima(criteria, robustness.draw_maxima(rng, criteria, Decimal("0.2"), varied)))
    per_engine = (time.process_time() - start) / args.baseline

    start = time.process_time()
    result = robustness.sample(scored, args.samples)
    fast = time.process_time() - start
    baseline = per_engine * args.samples
    print("\n| what | CPU seconds | samples/s | note |\n|---|---:|---:|---|")
    note = f"{args.baseline} samples timed, × {args.samples / args.baseline:g}"
    print(f"| full engine (baseline) | {baseline:.1f} | {1 / per_engine:,.0f} | {note} |")
    whole = "whole run: sampling, scoring, statistics"
    print(f"| robustness.sample ({result.path} path) | {fast:.2f} | {args.samples / fast:,.0f} | {whole} |")
    print(
        f"\nfast path is {baseline / fast:.0f}× the full engine; {args.samples:,} samples in {fast:.2f} s CPU; "
        f"target ≤ 10 s: {'met' if fast <= 10 else 'NOT met'}"
    )
    print(f"samples in which some unit's tiers change: {result.changed:,} of {result.samples:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
