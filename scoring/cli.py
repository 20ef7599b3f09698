"""The `thidua` command: parse arguments, dispatch, turn errors into messages and exit codes.

Exit codes: 0 success, 1 invalid input (every problem listed), 2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from scoring import __version__
from scoring.awards import propose
from scoring.criteria import Criteria, load_criteria
from scoring.errors import InvalidInput, ThiduaError
from scoring.evaluate import Results, evaluate
from scoring.explain import explain, proposal_story
from scoring.files import write_atomic
from scoring.numbers import plain
from scoring.output import rank_data, score_csv, score_data, to_json, unit_data
from scoring.record import decide_round, record_bytes, verify
from scoring.render import decision_table, markdown, plain_text, rank_table, score_table, tree
from scoring.review import corrected, load_review, set_points
from scoring.submissions import load_submissions

OK, INVALID, USAGE = 0, 1, 2


class UsageError(ThiduaError):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua",
        description="Score emulation and commendation rounds (thi đua – khen thưởng) from declarative criteria.",
    )
    parser.add_argument("--version", action="version", version=f"thidua {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("criteria", type=Path, metavar="CRITERIA", help="the round's criteria file (YAML)")
        return sub

    validate = command("validate", "check a criteria file (and submissions) and list every problem")
    validate.add_argument("submissions", type=Path, nargs="*", metavar="SUBMISSIONS", help="submission files or folders")

    score = command("score", "score every unit of the round")
    score.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    score.add_argument("--format", choices=("table", "json", "csv"), default="table")
    score.add_argument("--decisions", type=Path, metavar="REVIEW", help="apply the council's corrections from this review file")

    rank_ = command("rank", "rank the units and propose award tiers, with every unit's reasons")
    rank_.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    rank_.add_argument("--format", choices=("table", "json", "md"), default="table")
    rank_.add_argument("--decisions", type=Path, metavar="REVIEW", help="apply the council's corrections from this review file")

    review = command("review", "apply the council's review: corrections, decisions, ballots; check them and write the record")
    review.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    review.add_argument("--decisions", type=Path, required=True, metavar="REVIEW", help="the review file (YAML)")
    review.add_argument("-o", "--output", type=Path, metavar="RECORD", help="write the decision record (JSON) here")
    review.add_argument("--force", action="store_true", help="replace an existing record")

    verify = commands.add_parser("verify", help="recompute a decision record from its input files and report every difference")
    verify.add_argument("record", type=Path, metavar="RECORD", help="a decision record written by thidua review")
    verify.add_argument("--criteria", type=Path, help="the criteria file (default: the path in the record)")
    verify.add_argument("--submissions", type=Path, nargs="+", help="submission files or folders (default: as recorded)")
    verify.add_argument("--decisions", type=Path, help="the review file (default: the path in the record)")

    explain_ = command("explain", "explain where each point of one unit came from")
    explain_.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    explain_.add_argument("--unit", required=True, metavar="ID", help="the unit's id, as in the criteria file")
    explain_.add_argument("--format", choices=("text", "json", "md"), default="text")
    explain_.add_argument(
        "--decisions", type=Path, metavar="REVIEW", help="apply the council's corrections from this review file"
    )
    return parser


def _score(args: argparse.Namespace) -> tuple[Criteria, Results]:
    criteria = load_criteria(args.criteria)
    submissions = load_submissions(criteria, args.submissions)
    if getattr(args, "decisions", None) is None:
        return criteria, evaluate(criteria, submissions)
    review = load_review(args.decisions, criteria)  # the council's corrections, as the record has them
    return criteria, evaluate(criteria, corrected(criteria, submissions, review), set_points(review))


def _validate(args: argparse.Namespace, out: Console) -> int:
    criteria = load_criteria(args.criteria)
    summary = (
        f"{criteria.file}: round {criteria.id}, {len(criteria.units)} units, {len(criteria.indicators)} indicators, "
        f"{len(criteria.criteria)} criteria in {len(criteria.groups)} groups, scale {plain(criteria.scale)}"
    )
    if args.submissions:
        results = evaluate(criteria, load_submissions(criteria, args.submissions))
        summary += f"; {len(results.scorecards)} submissions scored without a problem"
    out.print(f"OK: {summary}", highlight=False, soft_wrap=True)
    return OK


def _score_command(args: argparse.Namespace, out: Console) -> int:
    _, results = _score(args)
    if args.format == "json":
        sys.stdout.write(to_json(score_data(results)))
    elif args.format == "csv":
        sys.stdout.write(score_csv(results))
    else:
        out.print(score_table(results))
    return OK


def _explain(args: argparse.Namespace, out: Console) -> int:
    criteria, results = _score(args)
    ids = [u.id for u in criteria.units]
    if args.unit not in ids:
        raise UsageError(f"unit '{args.unit}' is not in round {criteria.id}; its units are: {', '.join(ids)}")
    if args.format == "json":
        sys.stdout.write(to_json(unit_data(results, results.scorecard(args.unit))))
        return OK
    story = explain(results, args.unit)
    if args.format == "md":
        sys.stdout.write(markdown(story))
    elif out.is_terminal:
        out.print(tree(story))
    else:
        sys.stdout.write(plain_text(story))
    return OK


def _rank(args: argparse.Namespace, out: Console) -> int:
    _, results = _score(args)
    proposal = propose(results)
    if args.format == "json":
        sys.stdout.write(to_json(rank_data(proposal)))
    elif args.format == "md":
        sys.stdout.write(markdown(proposal_story(proposal)))
    else:
        out.print(rank_table(proposal))
        story = proposal_story(proposal)
        if out.is_terminal:
            out.print(tree(story))
        else:
            sys.stdout.write(plain_text(story))
    return OK


def _review(args: argparse.Namespace, out: Console) -> int:
    reviewed = decide_round(args.criteria, args.submissions, args.decisions)
    out.print(decision_table(reviewed.decided))
    for breach in reviewed.decided.breaches:
        out.print(Text(f"acknowledged: {breach.message} — reason: {breach.acknowledged}"))
    if args.output is None:
        out.print(Text("No record written: give -o RECORD.json to write the decision record."))
        return OK
    data = record_bytes(reviewed)
    write_atomic(args.output, data, force=args.force)
    out.print(Text(f"Record written: {args.output} (SHA-256 {hashlib.sha256(data).hexdigest()})"))
    return OK


def _verify(args: argparse.Namespace, out: Console) -> int:
    differences = verify(args.record, args.criteria, args.submissions, args.decisions)
    if differences:
        for difference in differences:
            out.print(Text(f"DIFFERENT: {difference}"), soft_wrap=True)
        out.print(Text(f"{args.record}: NOT verified ({len(differences)} difference(s))."))
        return INVALID
    out.print(Text(f"{args.record}: verified: the input files give this record exactly."))
    return OK


_COMMANDS = {
    "validate": _validate,
    "score": _score_command,
    "rank": _rank,
    "review": _review,
    "verify": _verify,
    "explain": _explain,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad usage and 0 for --help
        return int(e.code or 0)
    # No emoji codes: ':100:' in 'file:100:7' must stay a line number.
    out = Console(highlight=False, emoji=False)
    if not out.is_terminal:
        out = Console(highlight=False, emoji=False, width=120)  # a file or pipe: wide enough for the whole table
    err = Console(stderr=True, highlight=False, emoji=False)
    try:
        return _COMMANDS[args.command](args, out)
    except InvalidInput as e:
        for problem in e.problems:
            err.print(str(problem), markup=False, soft_wrap=True)
        err.print(f"{len(e.problems)} problem(s) found.", markup=False)
        return INVALID
    except UsageError as e:
        err.print(f"thidua: {e}", markup=False, soft_wrap=True)
        return USAGE
    except ThiduaError as e:
        err.print(f"thidua: {e}", markup=False, soft_wrap=True)
        return INVALID
    except BrokenPipeError:
        return OK
