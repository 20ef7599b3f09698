"""The `thidua` command: parse arguments, dispatch, turn errors into messages and exit codes.

Exit codes: 0 success, 1 invalid input (every problem listed), 2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.text import Text

from scoring import __version__
from scoring.awards import check_conditions, propose
from scoring.criteria import Criteria, load_criteria
from scoring.diff import compare, diff_data, diff_markdown, diff_text
from scoring.errors import InvalidInput, Problem, ThiduaError
from scoring.evaluate import Results, evaluate
from scoring.explain import Node, explain, proposal_story
from scoring.files import write_atomic
from scoring.limits import bounded
from scoring.lineage import previous_values
from scoring.minutes import IncompleteRecord, minutes_html, minutes_markdown
from scoring.numbers import plain
from scoring.output import rank_data, score_csv, score_data, to_json, unit_data, whatif_data
from scoring.record import MAX_RECORD_BYTES, ProgressBars, Round, decide_round, parse_record, read_record, record_bytes, verify
from scoring.render import decision_table, markdown, plain_text, rank_table, score_table, tree, whatif_table
from scoring.report import report_html
from scoring.review import corrected, load_review, set_points
from scoring.spreadsheet import export_csv, export_xlsx, output_format, template_csv, template_xlsx
from scoring.submissions import collect, load_submissions
from scoring.whatif import NOT_BEFORE, what_if
from scoring.yamlio import read_bytes

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

    minutes_help = "write the meeting's minutes (biên bản) from a decision record, to print and sign"
    minutes = commands.add_parser("minutes", help=minutes_help, description=minutes_help)
    minutes.add_argument("record", type=Path, metavar="RECORD", help="a decision record written by thidua review")
    minutes.add_argument(
        "-o", "--output", type=Path, required=True, metavar="MINUTES", help="the minutes: a .md (Markdown) or .html file"
    )
    minutes.add_argument("--force", action="store_true", help="replace existing minutes")

    explain_ = command("explain", "explain where each point of one unit came from")
    explain_.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    explain_.add_argument("--unit", required=True, metavar="ID", help="the unit's id, as in the criteria file")
    explain_.add_argument("--format", choices=("text", "json", "md"), default="text")
    explain_.add_argument(
        "--decisions", type=Path, metavar="REVIEW", help="apply the council's corrections from this review file"
    )
    report_help = "write the round's report to print: ranking, chart by group, every unit's explanation (HTML, A4)"
    report = command("report", report_help)
    report.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    report.add_argument(
        "--decisions", type=Path, metavar="REVIEW", help="apply the council's review: its corrections and decided tiers"
    )
    report.add_argument("-o", "--output", type=Path, required=True, metavar="REPORT", help="the report: an .html file")
    report.add_argument("--force", action="store_true", help="replace an existing report")
    template_help = "write a submission form from the criteria: .xlsx (a sheet per unit, or one unit's) or .csv"
    template = command("template", template_help)
    template.add_argument("--unit", metavar="ID", help="a form for this unit only (default: every unit of the round)")
    template.add_argument("-o", "--output", type=Path, required=True, metavar="FORM", help="the form: a .xlsx or .csv file")
    template.add_argument("--force", action="store_true", help="replace an existing file")

    export = command("export", "write the score table (points, total, rank, classification, proposed awards) as .xlsx or .csv")
    export.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="submission files or folders")
    export.add_argument("--decisions", type=Path, metavar="REVIEW", help="apply the council's corrections from this review file")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="TABLE", help="the table: a .xlsx or .csv file")
    export.add_argument("--force", action="store_true", help="replace an existing file")
    whatif = commands.add_parser(
        "whatif", help="score an earlier round's submissions under new criteria, beside their own results"
    )
    whatif.add_argument("--criteria", type=Path, required=True, metavar="NEW", help="the new criteria file")
    whatif.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help="the earlier round's submissions")
    whatif.add_argument("--old", type=Path, metavar="OLD", help="the earlier criteria (default: the new file's previous round)")
    whatif.add_argument("--format", choices=("table", "json"), default="table")
    diff_help = "show what a new criteria file changes, in meaning: criteria, points, bands, targets, awards, units"
    diff = commands.add_parser("diff", help=diff_help, description=diff_help)
    diff.add_argument("old", type=Path, metavar="OLD", help="the criteria file in use (YAML)")
    diff.add_argument("new", type=Path, metavar="NEW", help="the proposed criteria file (YAML)")
    diff.add_argument("--format", choices=("text", "json", "md"), default="text")

    for sub in commands.choices.values():
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress bars or messages, only the output asked for")
    return parser


@contextmanager
def _bars(args: argparse.Namespace) -> Iterator[ProgressBars | None]:
    """Progress bars on standard error for reading the files and scoring the units (not when quiet or piped)."""
    err = Console(stderr=True)
    if args.quiet or not err.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def tracker(name: str) -> Callable[[int, int], None]:
            def update(done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=total)
                bar.update(tasks[name], completed=done)

            return update

        yield ProgressBars(tracker("Đọc số liệu"), tracker("Chấm điểm"))


def _say(args: argparse.Namespace, out: Console, text: str) -> None:
    """A message about what was done: not printed with --quiet."""
    if not args.quiet:
        out.print(Text(text), soft_wrap=True)


def _score(args: argparse.Namespace) -> tuple[Criteria, Results]:
    criteria = load_criteria(args.criteria)
    with _bars(args) as bars:
        reading, scoring = (None, None) if bars is None else (bars.reading, bars.scoring)
        submissions = load_submissions(criteria, args.submissions, reading)
        previous = previous_values(criteria)  # last round's values, when the formulas read previous(x)
        if getattr(args, "decisions", None) is None:
            return criteria, evaluate(criteria, submissions, progress=scoring, previous=previous)
        review = load_review(args.decisions, criteria)  # the council's corrections, as the record has them
        return criteria, evaluate(criteria, corrected(criteria, submissions, review), set_points(review), scoring, previous)


def _decide(args: argparse.Namespace) -> Round:
    with _bars(args) as bars:
        return decide_round(args.criteria, args.submissions, args.decisions, bars)


def _validate(args: argparse.Namespace, out: Console) -> int:
    criteria = load_criteria(args.criteria)
    summary = (
        f"{criteria.file}: round {criteria.id}, {len(criteria.units)} units, {len(criteria.indicators)} indicators, "
        f"{len(criteria.criteria)} criteria in {len(criteria.groups)} groups, scale {plain(criteria.scale)}"
    )
    if args.submissions:
        _, results = _score(args)
        check_conditions(results)  # an award's `when` that faults for a unit would otherwise wait for rank
        summary += f"; {len(results.scorecards)} submissions scored without a problem"
    _say(args, out, f"OK: {summary}")
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
    else:
        _tell(out, story)
    return OK


def _tell(out: Console, story: Node) -> None:
    """A story as a tree on a terminal, as indented plain text in a file or pipe."""
    if out.is_terminal:
        out.print(tree(story))
    else:
        sys.stdout.write(plain_text(story))


def _rank(args: argparse.Namespace, out: Console) -> int:
    _, results = _score(args)
    proposal = propose(results)
    if args.format == "json":
        sys.stdout.write(to_json(rank_data(proposal)))
    elif args.format == "md":
        sys.stdout.write(markdown(proposal_story(proposal)))
    else:
        out.print(rank_table(proposal))
        _tell(out, proposal_story(proposal))
    return OK


def _review(args: argparse.Namespace, out: Console) -> int:
    reviewed = _decide(args)
    if not args.quiet:
        out.print(decision_table(reviewed.decided))
    for breach in reviewed.decided.breaches:
        _say(args, out, f"acknowledged: {breach.message} — reason: {breach.acknowledged}")
    if args.output is None:
        _say(args, out, "No record written: give -o RECORD.json to write the decision record.")
        return OK
    data = record_bytes(reviewed)
    write_atomic(args.output, data, force=args.force)
    _say(args, out, f"Record written: {args.output} (SHA-256 {hashlib.sha256(data).hexdigest()})")
    return OK


def _verify(args: argparse.Namespace, out: Console) -> int:
    differences = verify(args.record, args.criteria, args.submissions, args.decisions)
    if differences:
        for difference in differences:
            out.print(Text(f"DIFFERENT: {difference}"), soft_wrap=True)
        out.print(Text(f"{args.record}: NOT verified ({len(differences)} difference(s))."))
        return INVALID
    _say(args, out, f"{args.record}: verified: the input files give this record exactly.")
    return OK


def _minutes(args: argparse.Namespace, out: Console) -> int:
    render = {".md": minutes_markdown, ".html": minutes_html}.get(args.output.suffix.lower())
    if render is None:
        raise UsageError(f"{args.output}: the minutes are written as .md (Markdown) or .html (to print); name the file so")
    record = read_record(args.record)
    try:
        raw = read_bytes(args.record, MAX_RECORD_BYTES)
        same = parse_record(raw, str(args.record)) == record
    except InvalidInput:
        same = False
    if not same:  # the digest printed on every page must be of the record the minutes show
        raise ThiduaError(f"{args.record} changed while it was being read; run again")
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = render(record, digest)
    except IncompleteRecord as e:
        raise InvalidInput([Problem(str(args.record), 1, 1, f"not a complete decision record: {e}")]) from e
    write_atomic(args.output, text.encode("utf-8"), force=args.force)
    _say(args, out, f"Minutes written: {args.output} (record SHA-256 {digest})")
    return OK


def _report(args: argparse.Namespace, out: Console) -> int:
    if args.output.suffix.lower() != ".html":
        raise UsageError(f"{args.output}: the report is written as an .html file (to open in a browser and print); name it so")
    if args.decisions is None:
        _, results = _score(args)
        text = report_html(propose(results), [card.submission for card in results.scorecards])
    else:
        reviewed = _decide(args)
        text = report_html(reviewed.decided.proposal, reviewed.submissions, reviewed.decided)
    write_atomic(args.output, text.encode("utf-8"), force=args.force)
    _say(args, out, f"Report written: {args.output}")
    return OK


def _template(args: argparse.Namespace, out: Console) -> int:
    kind = output_format(args.output)
    if kind is None:
        raise UsageError(f"{args.output}: a form is written as .xlsx (Excel) or .csv; name the file so")
    criteria = load_criteria(args.criteria)
    if args.unit is not None and args.unit not in criteria.unit_ids:
        ids = ", ".join(u.id for u in criteria.units)
        raise UsageError(f"unit '{args.unit}' is not in round {criteria.id}; its units are: {ids}")
    data = template_xlsx(criteria, args.unit) if kind == "xlsx" else template_csv(criteria, args.unit)
    write_atomic(args.output, data, force=args.force)
    whom = f"unit {args.unit}" if args.unit is not None else f"{len(criteria.units)} units"
    _say(args, out, f"Form written: {args.output} (round {criteria.id}, {whom})")
    return OK


def _export(args: argparse.Namespace, out: Console) -> int:
    kind = output_format(args.output)
    if kind is None:
        raise UsageError(f"{args.output}: the score table is written as .xlsx (Excel) or .csv; name the file so")
    decided = None
    if args.decisions is None:
        proposal = propose(_score(args)[1])
    else:  # the council's corrections and decided tiers, as the record has them
        reviewed = _decide(args)
        proposal, decided = reviewed.decided.proposal, reviewed.decided.final
    results = proposal.results
    if kind == "csv":
        data = export_csv(proposal, decided)
    else:
        note = None if args.decisions is None else f"đã áp dụng điều chỉnh của Hội đồng ({args.decisions.name})"
        data = export_xlsx(proposal, note, decided)
    write_atomic(args.output, data, force=args.force)
    _say(args, out, f"Score table written: {args.output} ({len(results.scorecards)} units)")
    return OK


def _whatif(args: argparse.Namespace, out: Console) -> int:
    new = load_criteria(args.criteria)
    old_path = args.old or (new.previous.criteria if new.previous is not None else None)
    if old_path is None:
        raise UsageError(f"{args.criteria} names no previous round: give the earlier criteria with --old")
    old = load_criteria(old_path)
    with _bars(args) as bars:
        submissions = load_submissions(old, args.submissions, None if bars is None else bars.reading)
    data = whatif_data(what_if(new, old, submissions))
    if args.format == "json":
        sys.stdout.write(to_json(data))
        return OK
    out.print(whatif_table(data))
    for indicator, units in data["missing"].items():
        _say(args, out, f"{indicator}: {NOT_BEFORE} of {', '.join(units)}; the criteria reading it score no points here")
    if data["left_out"]:
        _say(args, out, f"units of {data['old_round']} with no place in {data['new_round']}: {', '.join(data['left_out'])}")
    return OK


def _diff(args: argparse.Namespace, out: Console) -> int:
    loaded: list[Criteria] = []
    problems: list[Problem] = []
    for path in (args.old, args.new):  # both files checked: every problem of either is listed
        try:
            loaded.append(load_criteria(path))
        except InvalidInput as e:
            problems += e.problems
    if problems:
        raise InvalidInput(problems)
    changes = compare(loaded[0], loaded[1])
    if args.format == "json":
        sys.stdout.write(to_json(diff_data(changes)))
    elif args.format == "md":
        sys.stdout.write(diff_markdown(changes))
    else:
        sys.stdout.write(diff_text(changes))
    return OK  # a diff is information, not an error


_COMMANDS = {
    "diff": _diff,
    "validate": _validate,
    "whatif": _whatif,
    "score": _score_command,
    "rank": _rank,
    "review": _review,
    "verify": _verify,
    "explain": _explain,
    "report": _report,
    "minutes": _minutes,
    "template": _template,
    "export": _export,
}


def _not_an_input(args: argparse.Namespace) -> None:
    """Refuse an output that is one of the command's own input files: --force would replace it."""
    output = getattr(args, "output", None)
    if output is None:
        return
    inputs = [getattr(args, name, None) for name in ("criteria", "decisions", "record")]
    if getattr(args, "submissions", None):
        inputs += collect(args.submissions)
    target = output.resolve()
    for given in inputs:
        if given is not None and given.resolve() == target:
            raise UsageError(f"{output}: this is one of the input files; write the output to another file")


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
        with bounded():
            _not_an_input(args)
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
