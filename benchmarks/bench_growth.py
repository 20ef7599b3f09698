"""Growth factors: how CPU time, peak memory and output size grow when a round has 4× the units.

.venv/bin/python benchmarks/bench_growth.py [--units N] [--criteria C] [--only KIND ...]
Prints figures; exits 0 whatever they are (a benchmark, not a test).

Three rounds of N and of 4N units, each unit one YAML file with evidence on every value, C criteria:
- `tied`: every unit reports the same values and the round has no tie-break keys: all share rank 1;
- `seats`: distinct totals and an award of N/2 seats: half the units are beyond a quota of N/2 holders;
- `normal`: distinct totals and an award of 3 seats.
Each command (`score --format json`, `rank --format json`, `review -o record.json`, `report -o report.html`) runs in
a fresh interpreter; measured there: the CPU time of `main()` alone (not the imports), the peak resident memory
above what the interpreter held before `main()` (ru_maxrss), and the bytes it wrote. Linear growth is a factor of
about 4; a factor over 6 is flagged (quadratic growth would be about 16).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_files import review_yaml  # from the script's own folder, put on the path above

# Runs one command in a fresh interpreter: prints {"cpu": s, "rss": bytes} (Linux: ru_maxrss in KiB).
DRIVER = """\
import contextlib, io, json, resource, sys, time
from scoring.cli import main
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = io.StringIO()
start = time.process_time()
with contextlib.redirect_stdout(out):
    code = main(sys.argv[2:])
cpu = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(out.getvalue())
print(json.dumps({"code": code, "cpu": cpu, "rss": (peak - before) * 1024}))
"""

REVIEW = review_yaml("g")

EVIDENCE = "Báo cáo số {n}/BC-UBND ngày 18/9/2024, phụ lục {k}: biểu thống kê có xác nhận của thủ trưởng đơn vị"


def criteria_yaml(n: int, c: int, kind: str) -> str:
    units = "\n".join(f"  u{i:05d}: {{name: Đơn vị {i}}}" for i in range(n))
    indicators = "\n".join(f"  x{k}: {{label: Chỉ số {k}, type: number, min: 0}}" for k in range(c))
    # Every criterion reads its own indicator and the shared one (`base`): its evidence is read c times.
    criteria = "\n".join(
        f'      - {{id: C{k}, label: Tiêu chí {k}, max: 10, formula: "min(max_points, x{k} / 100 + base / 1000000)"}}'
        for k in range(c)
    )
    awards = {"tied": "", "seats": f"awards:\n  - {{id: bk, label: Bằng khen, quota: {n // 2}}}\n"}.get(
        kind, "awards:\n  - {id: bk, label: Bằng khen, quota: 3}\n"
    )
    return (
        f"format: thidua/1\nid: g\ntitle: Đợt đo tăng trưởng\nyear: 2024\nscale: {10 * c}\nunits:\n{units}\n"
        f"indicators:\n  base: {{label: Cơ sở, type: number, min: 0}}\n{indicators}\n"
        f"groups:\n  - id: G\n    label: Nhóm\n    max: {10 * c}\n    criteria:\n{criteria}\n{awards}"
    )


def submission_yaml(i: int, c: int, kind: str) -> str:
    values = [f'  base: {{value: 1000, evidence: "{EVIDENCE.format(n=i, k="chung")}"}}']
    for k in range(c):
        value = 500 if kind == "tied" else 100 + (i * 7919 + k * 104729) % 900  # distinct totals: a spread of values
        values.append(f'  x{k}: {{value: {value}, evidence: "{EVIDENCE.format(n=i, k=k)}"}}')
    return f"format: thidua/1\nround: g\nunit: u{i:05d}\nvalues:\n" + "\n".join(values) + "\n"


def write_round(folder: Path, n: int, c: int, kind: str) -> None:
    (folder / "units").mkdir(parents=True)
    (folder / "c.yaml").write_text(criteria_yaml(n, c, kind), encoding="utf-8")
    for i in range(n):
        (folder / "units" / f"u{i:05d}.yaml").write_text(submission_yaml(i, c, kind), encoding="utf-8")
    (folder / "review.yaml").write_text(REVIEW, encoding="utf-8")


def commands(folder: Path) -> dict[str, tuple[list[str], Path | None]]:
    """Each command's arguments, and the file it writes (None: its standard output)."""
    inputs = [str(folder / "c.yaml"), str(folder / "units")]
    review = ["--decisions", str(folder / "review.yaml")]
    record, report = folder / "record.json", folder / "report.html"
    return {
        "score --format json": (["score", *inputs, "--format", "json", "-q"], None),
        "rank --format json": (["rank", *inputs, "--format", "json", "-q"], None),
        "review -o record": (["review", *inputs, *review, "-o", str(record), "--force", "-q"], record),
        "report -o html": (["report", *inputs, *review, "-o", str(report), "--force", "-q"], report),
    }


def measure(argv: list[str], written: Path | None, folder: Path) -> dict[str, float]:
    stdout = folder / "stdout.txt"
    env = {**os.environ, "THIDUA_LANG": "vi"}
    run = subprocess.run([sys.executable, "-c", DRIVER, str(stdout), *argv], capture_output=True, text=True, env=env, check=False)
    if run.returncode != 0 or not run.stdout.strip():
        raise SystemExit(f"{' '.join(argv)} failed:\n{run.stdout}{run.stderr}")
    figures: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    if figures["code"] != 0:
        raise SystemExit(f"{' '.join(argv)} exited {figures['code']}: {stdout.read_text(encoding='utf-8')[-2000:]}")
    figures["bytes"] = (written or stdout).stat().st_size
    return figures


def factor(small: float, large: float) -> str:
    if small <= 0:
        return "   n/a"
    f = large / small
    return f"{f:6.2f}{' !' if f > 6 else '  '}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=250, help="N: the smaller round (the larger has 4N)")
    parser.add_argument("--criteria", type=int, default=10)
    parser.add_argument("--only", nargs="*", choices=["tied", "seats", "normal"], default=["tied", "seats", "normal"])
    args = parser.parse_args(argv)
    n, c = args.units, args.criteria
    print(f"growth factors from {n} to {4 * n} units × {c} criteria (linear ≈ 4; over 6 flagged with !)")
    print(f"{'round':<7} {'command':<20} {'cpu s':>14} {'×':>8} {'peak MB':>16} {'×':>8} {'bytes':>24} {'×':>8}")
    flagged = 0
    for kind in args.only:
        with tempfile.TemporaryDirectory() as name:
            small, large = Path(name) / "small", Path(name) / "large"
            write_round(small, n, c, kind)
            write_round(large, 4 * n, c, kind)
            for command, (argv_small, out_small) in commands(small).items():
                argv_large, out_large = commands(large)[command]
                a = measure(argv_small, out_small, small)
                b = measure(argv_large, out_large, large)
                factors = [factor(a[k], b[k]) for k in ("cpu", "rss", "bytes")]
                flagged += sum("!" in f for f in factors)
                print(
                    f"{kind:<7} {command:<20} {a['cpu']:6.2f} {b['cpu']:7.2f} {factors[0]:>8}"
                    f" {a['rss'] / 2**20:7.1f} {b['rss'] / 2**20:8.1f} {factors[1]:>8}"
                    f" {a['bytes']:11,.0f} {b['bytes']:12,.0f} {factors[2]:>8}"
                )
    print(f"{flagged} factor(s) over 6" if flagged else "every factor at most 6: linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
