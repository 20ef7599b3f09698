"""Byte-identical outputs: run the same commands on the bundled examples with two source trees and compare.

.venv/bin/python benchmarks/compare_outputs.py OTHER_TREE [--tree THIS_TREE]
OTHER_TREE is another checkout of thidua (e.g. `git worktree add /tmp/main main`, or `git archive main | tar -x -C DIR`);
each command runs as `python -m scoring` with that tree first on the path, from that tree's root, so that every
relative path (and the records a round reads from other rounds) is the same on both sides. Prints each command that
differs and exits 1 if any does; 0 when every output (standard output, standard error, the files written) is the same.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# (criteria, submissions, a unit, extra arguments: grades or decisions)
ROUNDS = [
    (
        "criteria/hoi-ccb-cum-3/2023.yaml",
        "examples/hoi-ccb-cum-3/2023",
        "cao-bang",
        "examples/hoi-ccb-cum-3/2023/review.yaml",
        [],
    ),
    ("criteria/hoi-ccb-cum-3/2024.yaml", "examples/hoi-ccb-cum-3/2024", "cao-bang", None, []),
    ("criteria/hoi-ccb-cum-3/2025.yaml", "examples/hoi-ccb-cum-3/2025", "cao-bang", None, []),
    ("criteria/hoi-ccb-toan-quoc/2023.yaml", "examples/hoi-ccb-toan-quoc/2023", None, None, []),
    ("criteria/khoi-truong-thpt/2024.yaml", "examples/khoi-truong-thpt/2024", None, None, []),
    (
        "criteria/khoi-so-nganh/2024.yaml",
        "examples/khoi-so-nganh/2024",
        "so-noi-vu",
        "examples/khoi-so-nganh/2024/review.yaml",
        ["--grades", "examples/khoi-so-nganh/cham-diem/2024.yaml"],
    ),
    (
        "criteria/tp-da-nang/so-gddt/2024.yaml",
        "examples/tp-da-nang/so-gddt/2024",
        "hai-chau",
        "examples/tp-da-nang/so-gddt/2024/review.yaml",
        [],
    ),
    (
        "criteria/tp-da-nang/so-yte/2024.yaml",
        "examples/tp-da-nang/so-yte/2024",
        None,
        "examples/tp-da-nang/so-yte/2024/review.yaml",
        [],
    ),
    ("criteria/tp-da-nang/2024.yaml", "examples/tp-da-nang/2024", "son-tra", "examples/tp-da-nang/2024/review.yaml", []),
]
# the city round reads these records: written first, on each side, where its criteria say
SOURCES = {
    "criteria/tp-da-nang/so-gddt/2024.yaml": "build/tp-da-nang/so-gddt-2024.json",
    "criteria/tp-da-nang/so-yte/2024.yaml": "build/tp-da-nang/so-yte-2024.json",
}


def first_unit(tree: Path, criteria: str) -> str:
    data = yaml.safe_load((tree / criteria).read_text(encoding="utf-8"))
    units = data["units"]
    return str(units[0]["id"] if isinstance(units, list) else next(iter(units)))


def runs(tree: Path) -> list[tuple[str, list[str], str | None]]:
    """Each command: a name, its arguments, and the file it writes (compared too)."""
    found: list[tuple[str, list[str], str | None]] = []
    for criteria, subs, named, review, extra in ROUNDS:
        unit = named or first_unit(tree, criteria)
        base = [criteria, subs, *extra]
        name = criteria.removeprefix("criteria/").removesuffix(".yaml")
        if criteria in SOURCES:
            found.append(
                (
                    f"{name} record for the city",
                    ["review", *base, "--decisions", str(review), "-o", SOURCES[criteria], "--force"],
                    SOURCES[criteria],
                )
            )
        found.append((f"{name} validate", ["validate", *base], None))
        for form in ("table", "json", "csv"):
            found.append((f"{name} score {form}", ["score", *base, "--format", form], None))
        for form in ("text", "json", "md"):
            found.append((f"{name} explain {form}", ["explain", *base, "--unit", unit, "--format", form], None))
        for form in ("table", "json", "md"):
            found.append((f"{name} rank {form}", ["rank", *base, "--format", form], None))
        if review is not None:
            decided = [*base, "--decisions", review]
            out = f"build/compare/{name.replace('/', '-')}"
            found.append((f"{name} score json decided", ["score", *decided, "--format", "json"], None))
            found.append((f"{name} rank json decided", ["rank", *decided, "--format", "json"], None))
            found.append((f"{name} review", ["review", *decided, "-o", f"{out}.json", "--force"], f"{out}.json"))
            found.append((f"{name} verify", ["verify", f"{out}.json"], None))
            found.append(
                (f"{name} minutes", ["minutes", f"{out}.json", "-o", f"{out}-minutes.md", "--force"], f"{out}-minutes.md")
            )
            found.append((f"{name} report", ["report", *decided, "-o", f"{out}-report.html", "--force"], f"{out}-report.html"))
    found.append(("diff", ["diff", "criteria/hoi-ccb-cum-3/2023.yaml", "criteria/hoi-ccb-cum-3/2024.yaml"], None))
    found.append(
        ("diff json", ["diff", "criteria/hoi-ccb-cum-3/2023.yaml", "criteria/hoi-ccb-cum-3/2024.yaml", "--format", "json"], None)
    )
    return found


def run(tree: Path, argv: list[str], written: str | None) -> tuple[int, bytes, bytes, bytes]:
    env = {**os.environ, "PYTHONPATH": str(tree), "THIDUA_LANG": "vi", "COLUMNS": "120"}
    (tree / "build" / "compare").mkdir(parents=True, exist_ok=True)
    (tree / "build" / "tp-da-nang").mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "scoring", *argv], cwd=tree, env=env, capture_output=True, check=False)
    data = (tree / written).read_bytes() if written and (tree / written).exists() else b""
    return done.returncode, done.stdout, done.stderr, data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other source tree")
    parser.add_argument("--tree", type=Path, default=ROOT, help="this source tree (default: the one this script is in)")
    args = parser.parse_args()
    ours, theirs = args.tree.resolve(), args.other.resolve()
    differ = 0
    commands = runs(ours)
    for name, argv, written in commands:
        a, b = run(ours, argv, written), run(theirs, argv, written)
        if a != b:
            differ += 1
            parts = [p for p, x, y in zip(("exit status", "stdout", "stderr", "file"), a, b, strict=True) if x != y]
            print(f"DIFFERS: {name}: {', '.join(parts)}  (thidua {' '.join(argv)})")
    print(f"{len(commands) - differ} of {len(commands)} outputs identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
