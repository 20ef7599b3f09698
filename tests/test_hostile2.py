"""Hostile files, second round (issue 15): numbers that were tracebacks, lock files, deep folders, outputs over inputs.

Each test here failed before its fix; docs/SECURITY.md lists them under "Found and fixed".
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from scoring.errors import InvalidInput
from scoring.numbers import MAX_DIGITS, NotANumber, parse_number
from scoring.submissions import MAX_EVIDENCE, MAX_FOLDER_DEPTH
from scoring.yamlio import parse
from tests.shared import ROOT, one_problem
from tests.test_hostile import CRITERIA, review_round, write_round
from tests.test_sources import CITY_DATA, city  # noqa: F401 - a fixture

BIG = "9" * 1_000_000  # a million digits: 1 MB, well under the 5 MiB limit of a file
SHOWN = "'999999999999…'"  # how such a figure is named: its first twelve digits


# --- numbers: a million digits, or a share the engine cannot read, is a located refusal --------------------------------


def test_a_number_of_a_million_digits_is_refused_before_it_is_converted():
    with pytest.raises(NotANumber) as info:
        parse_number(BIG)
    assert str(info.value) == f"{SHOWN} has more than {MAX_DIGITS} digits"


def test_a_number_of_as_many_digits_as_allowed_is_read():
    # "0,000…001": MAX_DIGITS digits in all, exactly 10^-(MAX_DIGITS - 1)
    assert parse_number("0," + "0" * (MAX_DIGITS - 2) + "1") == Decimal(1).scaleb(-(MAX_DIGITS - 1))


@pytest.mark.parametrize("where", ["a: ", "a: -", "a: 0.", "a: [1, ", "a: {b: "])
def test_a_yaml_number_of_a_million_digits_is_refused_where_it_stands(where):
    # every YAML file (criteria, submissions, reviews, grades, votes) is read here, before any arithmetic
    closing = {"a: [1, ": "]", "a: {b: ": "}"}.get(where, "")
    with pytest.raises(InvalidInput) as info:
        parse(f"{where}{BIG}{closing}\n".encode(), "f.yaml")
    column = 4 if where in ("a: -", "a: 0.") else len(where) + 1  # where the number starts, its sign included
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (1, column)
    assert str(problem.message) == f"a number of more than {MAX_DIGITS} digits"


def test_a_yaml_number_of_as_many_digits_as_allowed_is_read():
    assert parse(f"a: {'1' * MAX_DIGITS}\n".encode(), "f.yaml").data == {"a": int("1" * MAX_DIGITS)}


@pytest.mark.parametrize(
    ("submission", "key"),
    [
        (f"round: r\nunit: a\nvalues:\n  n: 3\n  x: {BIG}\n", None),
        (f'round: r\nunit: a\nvalues:\n  n: 3\n  x: "{BIG}"\n', "values.x"),
        (f'round: r\nunit: a\nself_score: "{BIG}"\nvalues:\n  n: 3\n  x: 2\n', "self_score"),
        (f'round: r\nunit: a\nself_scores:\n  C1: "{BIG}"\nvalues:\n  n: 3\n  x: 2\n', "self_scores.C1"),
    ],
)
def test_a_figure_of_a_million_digits_in_a_submission_is_a_located_problem(cli, tmp_path, submission, key):
    c, a, b = write_round(tmp_path, a=submission)
    code, out, err = cli("validate", c, a, b)
    assert (code, out) == (1, "")
    line = next(i for i, text in enumerate(submission.splitlines(), 1) if BIG in text)
    column = submission.splitlines()[line - 1].index("9") + 1 - (1 if key else 0)
    said = f"{key}: {SHOWN} has more than {MAX_DIGITS} digits" if key else f"a number of more than {MAX_DIGITS} digits"
    assert err == one_problem(f"{a}:{line}:{column}: {said}")


def test_a_figure_of_a_million_digits_in_a_csv_cell_is_a_located_problem(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    s = tmp_path / "s.csv"
    s.write_text(f"round,unit,n,x\nr,a,3,{BIG[:100_000]}\nr,b,4,5\n", encoding="utf-8")  # within csv's field limit
    assert cli("score", c, s) == (
        1,
        "",
        one_problem(f"{s}:2:4: unit a, column x: {SHOWN} has more than {MAX_DIGITS} digits"),
    )


@pytest.mark.parametrize(
    ("quota", "message"),
    [
        (
            "1.5%",
            "'1.5' is ambiguous: in Vietnamese a dot groups thousands, yet '5' is not a group of three digits;"
            " write '1,5' for a decimal",
        ),
        ("05%", "'05' starts with a zero; write it without leading zeros"),
        (f"{BIG}%", f"{SHOWN} has more than {MAX_DIGITS} digits"),
    ],
)
def test_an_award_quota_share_that_is_not_a_number_is_a_located_problem(cli, tmp_path, quota, message):
    criteria = CRITERIA + f'awards:\n  - {{id: f, label: F, quota: "{quota}"}}\n'
    c, *others = write_round(tmp_path, criteria=criteria)
    line = criteria.count("\n", 0, criteria.index("quota: ")) + 1
    column = criteria.splitlines()[line - 1].index('"') + 1
    assert cli("validate", c, *others) == (1, "", one_problem(f"{c}:{line}:{column}: awards[0].quota: {message}"))


def test_a_band_floor_of_a_million_digits_is_a_located_problem(cli, tmp_path):
    criteria = CRITERIA.replace("min_total: 15}", f'min_total: 15, floor: "{BIG}%"}}')
    c, *others = write_round(tmp_path, criteria=criteria)
    line = criteria.count("\n", 0, criteria.index("floor: ")) + 1
    column = criteria.splitlines()[line - 1].index('"') + 1
    expected = one_problem(f"{c}:{line}:{column}: classification[0].floor: {SHOWN} has more than {MAX_DIGITS} digits")
    assert cli("validate", c, *others) == (1, "", expected)


# --- lock files and outputs: a pipe or a device is never waited on, read or replaced -----------------------------------


@pytest.fixture
def alarm():
    """Fail, rather than hang the suite, if the command waits on a pipe or reads a device for more than 20 s."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("the command hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and /dev/zero are POSIX")


@FIFO
@pytest.mark.parametrize("kind", ["pipe", "link to /dev/zero"])
def test_a_lock_file_that_is_a_pipe_or_a_device_is_refused_not_read(cli, tmp_path, alarm, kind):
    criteria, submissions, review = review_round(tmp_path)
    record = tmp_path / "record.json"
    lock = tmp_path / "record.json.lock"
    if kind == "pipe":
        os.mkfifo(lock)
    else:
        lock.symlink_to("/dev/zero")
    code, _, err = cli("review", criteria, submissions, "--decisions", review, "-o", record, "-q")
    assert (code, err) == (
        1,
        f"thidua: cannot write {record}: its lock file {lock} is not a regular file (a pipe, a device or a link);"
        " remove it and try again (no file was written)\n",
    )
    assert not record.exists()


@FIFO
def test_force_does_not_replace_a_pipe_with_a_regular_file(cli, tmp_path, alarm):
    criteria, submissions, review = review_round(tmp_path)
    record = tmp_path / "record.json"
    os.mkfifo(record)
    code, _, err = cli("review", criteria, submissions, "--decisions", review, "-o", record, "-q", "--force")
    assert (code, err) == (1, f"thidua: {record} is not a regular file (a pipe or a device); it is not replaced\n")
    assert stat.S_ISFIFO(os.lstat(record).st_mode)


@pytest.fixture
def two_years(tmp_path: Path) -> Path:
    """The veterans' cluster 2024 and 2025, criteria and examples in their places: 2025 reads 2024 as `previous`."""
    shutil.copytree(ROOT / "criteria" / "hoi-ccb-cum-3", tmp_path / "criteria" / "hoi-ccb-cum-3")
    shutil.copytree(ROOT / "examples" / "hoi-ccb-cum-3", tmp_path / "examples" / "hoi-ccb-cum-3")
    return tmp_path


@pytest.mark.parametrize("target", ["criteria/hoi-ccb-cum-3/2024.yaml", "examples/hoi-ccb-cum-3/2024/bac-ninh.yaml"])
def test_force_does_not_write_over_the_previous_rounds_files(cli, two_years, target):
    criteria = two_years / "criteria" / "hoi-ccb-cum-3" / "2025.yaml"
    output = two_years / target
    before = output.read_bytes()
    code, out, err = cli("report", criteria, two_years / "examples" / "hoi-ccb-cum-3" / "2025", "-o", output, "--force")
    assert (code, out) == (2, "")
    assert err == f"thidua: {output}: this is one of the input files; write the output to another file\n"
    assert output.read_bytes() == before


def test_force_does_not_write_over_a_source_record(cli, city):  # noqa: F811 - the fixture imported above
    record = city.records["so-gddt"]
    before = record.read_bytes()
    code, out, err = cli("export", city.criteria, CITY_DATA, "-o", record, "--force")
    assert (code, out) == (2, "")
    assert err == f"thidua: {record}: this is one of the input files; write the output to another file\n"
    assert record.read_bytes() == before


# --- a submissions folder nested a thousand deep: a located refusal where the walk stopped -----------------------------


def deep_folder(root: Path, depth: int) -> Path:
    """`root/d/d/…/d` `depth` levels below root, made by relative steps: a full path that long passes PATH_MAX."""
    here = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=here)
            below = os.open("d", os.O_RDONLY, dir_fd=here)
            os.close(here)
            here = below
    finally:
        os.close(here)
    return root.joinpath(*["d"] * depth)


def remove_deep_folder(root: Path, depth: int) -> None:
    """Undo `deep_folder` from the bottom up: pytest's own clean-up of the temp folder (shutil.rmtree) recurses once per
    level and would fail with a RecursionError at the start of the next run."""
    fds = [os.open(root, os.O_RDONLY)]
    try:
        for _ in range(depth - 1):
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        for fd in reversed(fds):
            os.rmdir("d", dir_fd=fd)
    finally:
        for fd in fds:
            os.close(fd)


def test_a_submissions_folder_nested_a_thousand_deep_is_refused_where_the_walk_stopped(cli, tmp_path):
    c, a, b = write_round(tmp_path)
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(a, folder / "a.yaml")
    deep_folder(folder, 1000)
    try:
        stopped = folder.joinpath(*["d"] * (MAX_FOLDER_DEPTH + 1))
        expected = one_problem(
            f"{stopped}:1:1: the folder is more than {MAX_FOLDER_DEPTH} levels below {folder};"
            " submissions are not looked for so deep"
        )
        assert cli("validate", c, folder, b) == (1, "", expected)
    finally:
        remove_deep_folder(folder, 1000)
    assert not (folder / "d").exists()


def test_a_submission_as_deep_as_allowed_is_found(cli, tmp_path):
    c, a, b = write_round(tmp_path)
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(a, deep_folder(folder, MAX_FOLDER_DEPTH) / "a.yaml")
    assert cli("validate", c, folder, b)[0] == 0


# --- evidence: at most MAX_EVIDENCE characters, refused where it stands -------------------------------------------------


def test_evidence_longer_than_the_limit_is_refused_where_it_stands_in_yaml(cli, tmp_path):
    long = "x" * (MAX_EVIDENCE + 1)
    a = f"round: r\nunit: a\nvalues:\n  n: {{value: 3, evidence: {long}}}\n  x: 2\n"
    c, a_path, b = write_round(tmp_path, a=a)
    column = a.splitlines()[3].index("x" * 10) + 1
    expected = f"values.n.evidence: the evidence is {MAX_EVIDENCE + 1} characters long; the limit is {MAX_EVIDENCE}"
    assert cli("validate", c, a_path, b) == (1, "", one_problem(f"{a_path}:4:{column}: {expected}"))


def test_evidence_longer_than_the_limit_is_refused_where_it_stands_in_a_csv(cli, tmp_path):
    c, _, _ = write_round(tmp_path)
    s = tmp_path / "s.csv"
    s.write_text(f"round,unit,n,n.evidence,x\nr,a,3,{'x' * (MAX_EVIDENCE + 1)},2\nr,b,4,,5\n", encoding="utf-8")
    expected = f"unit a, column n.evidence: the evidence is {MAX_EVIDENCE + 1} characters long; the limit is {MAX_EVIDENCE}"
    assert cli("validate", c, s) == (1, "", one_problem(f"{s}:2:4: {expected}"))


def test_evidence_as_long_as_the_limit_is_read(cli, tmp_path):
    a = f"round: r\nunit: a\nvalues:\n  n: {{value: 3, evidence: {'x' * MAX_EVIDENCE}}}\n  x: 2\n"
    c, a_path, b = write_round(tmp_path, a=a)
    assert cli("validate", c, a_path, b)[0] == 0
