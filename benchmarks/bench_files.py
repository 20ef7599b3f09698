"""Sizes and times that grow with a file: criteria loading, and the decision record of a round of tied units.

.venv/bin/python benchmarks/bench_files.py [--derived N] [--tied N]
Prints figures; exits 0 whatever they are (a benchmark, not a test).

- `--derived N`: a criteria file of N derived values, each reading the one above (d1 = x + 1, d2 = d1 + 1, …),
  loaded with load_criteria; the time should grow with N, not N².
- `--tied N`: a round of N units with the same total and no tie-break keys, reviewed (`thidua review -o`): the
  record's size, which should grow with N, not N².
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

from scoring.cli import main as thidua
from scoring.criteria import load_criteria

HEAD = """\
format: thidua/1
id: r
title: R
year: 2024
scale: 10
units:
{units}
indicators:
  x: {{label: X, type: number, min: 0}}
"""
GROUPS = """\
groups:
  - id: G
    label: G
    max: 10
    criteria:
      - {{id: C1, label: C1, max: 10, formula: "min(max_points, {last})"}}
"""


def review_yaml(round_id: str, date: str = "15/12/2024") -> str:
    """The head of a review file for a generated round (also used by bench_growth and bench_national)."""
    return f"""\
format: thidua/review-1
round: {round_id}
meeting:
  date: "{date}"
  place: Hà Nội
  chair: Trần Văn Chủ
  secretary: Lê Thị Thư
  attendees: [Trần Văn Chủ, Lê Thị Thư]
reviewed_by: Lê Thị Thư
approved_by: Trần Văn Chủ
"""


REVIEW = review_yaml("r")


def derived_criteria(n: int) -> str:
    lines = ["derived:", "  d1: x + 1", *(f"  d{i}: d{i - 1} + 1" for i in range(2, n + 1))]
    return HEAD.format(units="  a: {name: A}") + "\n".join(lines) + "\n" + GROUPS.format(last=f"d{n}")


def time_derived(n: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "c.yaml"
        path.write_text(derived_criteria(n), encoding="utf-8")
        start = time.perf_counter()
        load_criteria(path)
        return time.perf_counter() - start


def tied_record_size(n: int) -> int:
    """Bytes of the record `thidua review -o` writes for n units all scoring 5 of 10, with no tie-break keys."""
    units = "\n".join(f"  u{i}: {{name: U{i}}}" for i in range(n))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "c.yaml").write_text(HEAD.format(units=units) + GROUPS.format(last="x"), encoding="utf-8")
        rows = "".join(f"r,u{i},5\n" for i in range(n))
        (folder / "s.csv").write_text("round,unit,x\n" + rows, encoding="utf-8")
        (folder / "review.yaml").write_text(REVIEW, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            files = [str(folder / "c.yaml"), str(folder / "s.csv"), "--decisions", str(folder / "review.yaml")]
            code = thidua(["review", *files, "-o", str(folder / "record.json"), "-q"])
        if code != 0:
            raise SystemExit(f"review failed: {err.getvalue()}")
        return (folder / "record.json").stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--derived", type=int, nargs="*", default=[1000, 2000, 4000])
    parser.add_argument("--tied", type=int, nargs="*", default=[100, 300, 1000])
    args = parser.parse_args(argv)
    for n in args.derived:
        print(f"criteria with {n:>6} derived values: loaded in {time_derived(n):7.2f} s")
    for n in args.tied:
        size = tied_record_size(n)
        print(f"record of {n:>5} tied units: {size:>12,} bytes ({size / n:,.0f} bytes a unit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
