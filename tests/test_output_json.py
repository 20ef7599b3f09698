"""to_json writes the bytes json.dumps(indent=2) writes, with json's C encoder doing most of it.

Compared on every bundled example's score, rank and explain data (in both languages), on hand-picked edge cases,
and on generated JSON-like data; not timed (benchmarks/bench_national.py times `score --format json`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.awards import propose
from scoring.output import rank_data, score_data, to_json, unit_data
from scoring.pipeline import score_round
from scoring.wording import use
from tests.shared import ROOT

ROUNDS = [
    ("criteria/hoi-ccb-cum-3/2023.yaml", "examples/hoi-ccb-cum-3/2023", "examples/hoi-ccb-cum-3/2023/review.yaml", []),
    ("criteria/hoi-ccb-cum-3/2024.yaml", "examples/hoi-ccb-cum-3/2024", None, []),
    ("criteria/hoi-ccb-toan-quoc/2023.yaml", "examples/hoi-ccb-toan-quoc/2023", None, []),
    ("criteria/khoi-truong-thpt/2024.yaml", "examples/khoi-truong-thpt/2024", None, []),
    (
        "criteria/khoi-so-nganh/2024.yaml",
        "examples/khoi-so-nganh/2024",
        "examples/khoi-so-nganh/2024/review.yaml",
        ["examples/khoi-so-nganh/cham-diem/2024.yaml"],
    ),
    ("criteria/tp-da-nang/so-gddt/2024.yaml", "examples/tp-da-nang/so-gddt/2024", None, []),
    ("criteria/tp-da-nang/so-yte/2024.yaml", "examples/tp-da-nang/so-yte/2024", None, []),
]


def same(data: object) -> None:
    assert to_json(data) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(("criteria", "submissions", "review", "grades"), ROUNDS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_example_is_written_as_json_dumps_writes_it(
    criteria: str, submissions: str, review: str | None, grades: list[str], lang: str
) -> None:
    scored = score_round(
        ROOT / criteria, [ROOT / submissions], ROOT / review if review else None, None, [ROOT / g for g in grades]
    )
    with use(lang):  # type: ignore[arg-type]
        same(score_data(scored.results))
        same(rank_data(propose(scored.results)))
        same(unit_data(scored.results, scored.results.scorecards[0]))


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        (),
        {"a": [], "b": {}, "c": ()},
        [1, "x", None, True, False, 1.5, -0.0, {"k": [{"z": {}}]}],
        {"a": {"b": [1, 2, [3, []]], "c": 'é"\\\n\t\u2028{},[]: '}},
        {1: 2, None: 3, False: "x", 1.5: 4.5},  # keys json turns into strings, in a plain container
        {"a": {1: {"b": 2}}},  # …and in a nested one: left to json.dumps
        "a string",
        7,
        float("nan"),
        {"x": [float("inf"), float("-inf")]},
    ],
)
def test_edge_cases(data: object) -> None:
    same(data)


def test_what_json_refuses_it_refuses_the_same_way() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        to_json({"a": [{"b": Path("x")}]})


leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_like = st.recursive(
    leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30,
)


@given(json_like)
def test_generated_data(data: object) -> None:
    same(data)
