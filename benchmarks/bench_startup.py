"""How long a command takes as people run it: CPU time of `thidua validate/score/explain/rank` on the bundled example.

.venv/bin/python benchmarks/bench_startup.py [--runs N] [--no-check]
Each command and the baseline run N times (default 5) as subprocesses in the same run, interleaved; the median CPU
time (user + system, from getrusage(RUSAGE_CHILDREN)) is printed with the ratio command / baseline. The baseline is
`python -c "import yaml, decimal, json; from pydantic import BaseModel"`: the libraries every command needs.
Exits 1 if a ratio is over 2.0 (issue 14, item 1), unless --no-check. Bytecode is written and one untimed run of
each is made first, so that every run reads compiled modules, as an installed thidua does.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ["criteria/hoi-ccb-cum-3/2023.yaml", "examples/hoi-ccb-cum-3/2023"]
LIMIT = 2.0


def commands() -> dict[str, list[str]]:
    thidua = [sys.executable, "-m", "scoring"]
    return {
        "baseline": [sys.executable, "-c", "import yaml, decimal, json; from pydantic import BaseModel"],
        "validate": [*thidua, "validate", *EXAMPLE],
        "score": [*thidua, "score", *EXAMPLE],
        "explain": [*thidua, "explain", *EXAMPLE, "--unit", "cao-bang"],
        "rank": [*thidua, "rank", *EXAMPLE],
    }


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-check", action="store_true", help="only print the figures")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["THIDUA_LANG"] = "vi"  # the default language, its catalog loaded
    runs = commands()
    for command in runs.values():
        cpu_seconds(command, env)  # untimed: writes the bytecode
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.runs):
        for name, command in runs.items():
            times[name].append(cpu_seconds(command, env))
    base = statistics.median(times["baseline"])
    over = []
    print(f"startup: median CPU seconds of {args.runs} runs, against the baseline (import yaml, decimal, json, pydantic)")
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        print(f"  {name:9} {median:6.3f} s  {ratio:5.2f}x")
        if name != "baseline" and ratio > LIMIT:
            over.append(name)
    if over and not args.no_check:
        print(f"over {LIMIT}x the baseline: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
