"""The national round, end to end: each command's CPU time against merely parsing its files with libyaml.

.venv/bin/python benchmarks/bench_national.py [--units N] [--criteria M] [--full] [--csv] [--commands …] [--keep DIR]
Prints figures; exits 0 whatever they are (a benchmark, not a test).

- YAML mode (default 500 units × 50 criteria; `--full` for the national round, 3,321 communes × 50): one YAML
  file per unit, every value with its evidence, and a review file. The baseline is a fresh `python` that reads
  the same files (criteria, submissions, review) with `yaml.load(f, Loader=yaml.CSafeLoader)`; each command
  (`validate`, `score --format json`, `rank`, `review -o`, `verify`, `report`) runs as `thidua` in a subprocess,
  its CPU time (user + system, RUSAGE_CHILDREN) divided by the baseline's. Target: at most 3×.
- `--csv` (default 10,000 units × 200 criteria, CSV files of 1,000 rows): `rank` and `score --format json`, their
  peak memory (the child's maximum resident set). Target: at most 2 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_files import review_yaml
from bench_scoring import DEFAULTS, Plan, criteria_yaml, make_round, reported, submissions_csv

THIDUA = [sys.executable, "-m", "scoring"]
REVIEW = review_yaml("bench", "15/12/2023")
BASELINE = """\
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""
COMMANDS = ("validate", "score", "rank", "review", "verify", "report")


def unit_yaml(unit: str, plans: list[Plan], targets: dict, rng: random.Random) -> str:
    """One unit's submission: every value with its evidence, as a commune sends it."""
    out = [f"format: thidua/1\nround: bench\nunit: {unit}\nvalues:"]
    evidence = f"Báo cáo số {rng.randint(1, 99)}/BC-UBND ngày {rng.randint(1, 28)}/9/2023 của UBND xã {unit[1:]}"
    out.append(f'  members: {{value: {rng.randint(500, 60000)}, evidence: "{evidence}"}}')
    out += [f"  {k}: {rng.choice((0, 0, 1, 3)) if k == 'late_reports' else 0}" for k in DEFAULTS]
    for p in plans:
        if not p.source or (p.missable and rng.random() < 0.05):
            continue
        value = reported(p.method, targets.get(p.source, {}).get(unit, 0), rng)
        text = f'"{value}"' if isinstance(value, str) and "," in value else value
        out.append(f'  {p.source}: {{value: {text}, evidence: "{evidence}, phụ lục {rng.randint(1, 9)}"}}')
    return "\n".join(out) + "\n"


PROBE = """\
import resource, subprocess, sys
done = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.PIPE, check=False)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, r.ru_utime + r.ru_stime, r.ru_maxrss / 1024)
sys.stderr.buffer.write(done.stderr[-2000:])
"""


def cpu_of(argv: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident MiB of `argv`, run as the only child of a fresh process.

    RUSAGE_CHILDREN's maxrss is that of the largest child so far, so each command is measured from a process of its
    own, whose one child it is; ru_maxrss is in KiB on Linux.
    """
    probe = subprocess.run([sys.executable, "-c", PROBE, os.devnull, *argv], capture_output=True, text=True, check=True)
    code, cpu, rss = probe.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(argv[2:4])} … failed ({code}): {probe.stderr}")
    return float(cpu), float(rss)


def national(n: int, m: int, folder: Path, commands: list[str]) -> None:
    rng = random.Random(3321)
    plans, derived, units = make_round(n, m, rng)
    text, targets = criteria_yaml(plans, derived, units, rng)
    criteria, subs, review = folder / "criteria.yaml", folder / "units", folder / "review.yaml"
    criteria.write_text(text, encoding="utf-8")
    subs.mkdir()
    for unit in units:
        (subs / f"{unit}.yaml").write_text(unit_yaml(unit, plans, targets, rng), encoding="utf-8")
    review.write_text(REVIEW, encoding="utf-8")
    files = [str(criteria), *sorted(str(p) for p in subs.iterdir()), str(review)]
    size = sum(Path(f).stat().st_size for f in files) / 2**20
    print(f"national round: {n:,} units × {m} criteria, one YAML file per unit with evidence", end=" ")
    print(f"({len(files):,} files, {size:.1f} MiB)")
    base, base_rss = cpu_of([sys.executable, "-c", BASELINE, *files])
    print(f"baseline: parse every file with yaml.CSafeLoader: {base:.2f} s CPU, peak {base_rss:,.0f} MiB")
    round_ = [str(criteria), str(subs)]
    record, report = folder / "record.json", folder / "report.html"
    argv = {
        "validate": ["validate", *round_],
        "score": ["score", *round_, "--format", "json"],
        "rank": ["rank", *round_],
        "review": ["review", *round_, "--decisions", str(review), "-o", str(record), "--force"],
        "verify": ["verify", str(record)],
        "report": ["report", *round_, "--decisions", str(review), "-o", str(report), "--force"],
    }
    print("\n| command | CPU s | × baseline | peak RSS MiB | target ≤ 3× |\n|---|---:|---:|---:|---|")
    for name in commands:
        if name == "verify" and not record.exists():
            cpu_of([*THIDUA, *argv["review"], "-q"])
        cpu, rss = cpu_of([*THIDUA, *argv[name], "-q"])
        ratio = cpu / base
        print(
            f"| {' '.join(argv[name][:1] + argv[name][3:5] if name == 'score' else argv[name][:1])} | {cpu:.2f} | "
            f"{ratio:.2f} | {rss:,.0f} | {'met' if ratio <= 3 else 'NOT met'} |",
            flush=True,
        )
    if record.exists():
        print(f"\nrecord: {record.stat().st_size / 2**20:.1f} MiB")


def columns(n: int, m: int, folder: Path, commands: list[str]) -> None:
    rng = random.Random(2023)
    plans, derived, units = make_round(n, m, rng)
    text, targets = criteria_yaml(plans, derived, units, rng)
    criteria, subs = folder / "criteria.yaml", folder / "subs"
    criteria.write_text(text, encoding="utf-8")
    subs.mkdir()
    for i, body in enumerate(submissions_csv(plans, units, targets, rng)):
        (subs / f"part-{i:03d}.csv").write_text(body, encoding="utf-8")
    print(f"CSV round: {n:,} units × {m} criteria ({n * m:,} lines)")
    print("\n| command | CPU s | peak RSS MiB | target ≤ 2 GB |\n|---|---:|---:|---|")
    for name in commands:
        extra = ["--format", "json"] if name == "score" else []
        cpu, rss = cpu_of([*THIDUA, name, str(criteria), str(subs), *extra, "-q"])
        label = f"{name} {' '.join(extra)}".strip()
        print(f"| {label} | {cpu:.1f} | {rss:,.0f} | {'met' if rss <= 2048 else 'NOT met'} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, help="units (default 500; 3,321 with --full; 10,000 with --csv)")
    parser.add_argument("--criteria", type=int, help="criteria (default 50; 200 with --csv)")
    parser.add_argument("--full", action="store_true", help="the national round: 3,321 units × 50 criteria")
    parser.add_argument("--csv", action="store_true", help="10,000 units × 200 criteria from CSV: rank and score's memory")
    parser.add_argument("--commands", nargs="*", help=f"the commands to time (default: {', '.join(COMMANDS)})")
    parser.add_argument("--keep", type=Path, help="generate the round in this (new) folder and keep it")
    args = parser.parse_args(argv)
    if args.csv:
        n, m = args.units or 10_000, args.criteria or 200
        commands = args.commands or ["rank", "score"]
    else:
        n, m = args.units or (3321 if args.full else 500), args.criteria or 50
        commands = args.commands or list(COMMANDS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        (columns if args.csv else national)(n, max(10, m), folder, commands)
    return 0


if __name__ == "__main__":
    sys.exit(main())
