"""The `thidua` command: parse arguments, dispatch, turn errors into messages and exit codes.

Exit codes: 0 success, 1 invalid input (every problem listed), 2 usage error.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import hashlib
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from scoring import __version__
from scoring.errors import InvalidInput, Problem, ThiduaError
from scoring.limits import bounded
from scoring.safetext import shown
from scoring.screen import Screen
from scoring.wording import LANGUAGES, Lang, Listing, Msg, language, msg, parse_language, use, word
from scoring.wording.vi.cli import argparse_gettext, argparse_ngettext

# Each command imports what it uses inside its handler: openpyxl, python-docx, rich and the record's models take
# longer to import than most commands take to run (benchmarks/bench_startup.py; tests/test_startup.py guards it).
if TYPE_CHECKING:
    from scoring.awards import Proposal
    from scoring.criteria import Criteria
    from scoring.document import Document
    from scoring.evaluate import Results
    from scoring.explain import Node
    from scoring.pipeline import ProgressBars
    from scoring.record import Record, Round
    from scoring.review import Decided
    from scoring.submissions import Submission

OK, INVALID, USAGE = 0, 1, 2


class UsageError(ThiduaError):
    pass


def _parser() -> argparse.ArgumentParser:
    """The command line, worded in the language in force (build it inside `wording.use`)."""

    def t(text: Msg) -> str:
        return word(text).replace("%", "%%")  # argparse formats help with %

    parser = argparse.ArgumentParser(
        prog="thidua",
        description=t(msg("Score emulation and commendation rounds (thi đua – khen thưởng) from declarative criteria.")),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=t(msg("show this help and exit")))
    parser.add_argument("--version", action="version", version=f"thidua {__version__}", help=t(msg("show the version and exit")))
    lang_help = t(msg("the language of the output: vi (Vietnamese, the default) or en; or set THIDUA_LANG"))
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar=t(msg("COMMAND")), title=t(msg("commands")))
    criteria_help = t(msg("the round's criteria file (YAML)"))
    submissions_help = t(msg("submission files or folders"))
    decisions_help = t(msg("apply the council's corrections from this review file"))

    def subcommand(name: str, help_text: Msg) -> argparse.ArgumentParser:
        worded = t(help_text)
        sub = commands.add_parser(name, help=worded, description=worded, add_help=False)
        sub.add_argument("-h", "--help", action="help", help=t(msg("show this help and exit")))
        return sub

    def command(name: str, help_text: Msg) -> argparse.ArgumentParser:
        sub = subcommand(name, help_text)
        sub.add_argument("criteria", type=Path, metavar="CRITERIA", help=criteria_help)
        return sub

    validate = command("validate", msg("check a criteria file (and submissions) and list every problem"))
    validate.add_argument("submissions", type=Path, nargs="*", metavar="SUBMISSIONS", help=submissions_help)

    score = command("score", msg("score every unit of the round"))
    score.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    score.add_argument("--format", choices=("table", "json", "csv"), default="table", help=t(msg("the output's form")))
    score.add_argument("--decisions", type=Path, metavar="REVIEW", help=decisions_help)

    rank_ = command("rank", msg("rank the units and propose award tiers, with every unit's reasons"))
    rank_.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    rank_.add_argument("--format", choices=("table", "json", "md"), default="table", help=t(msg("the output's form")))
    rank_.add_argument("--decisions", type=Path, metavar="REVIEW", help=decisions_help)

    review = command(
        "review", msg("apply the council's review: corrections, decisions, ballots; check them and write the record")
    )
    review.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    review.add_argument("--decisions", type=Path, required=True, metavar="REVIEW", help=t(msg("the review file (YAML)")))
    review.add_argument("-o", "--output", type=Path, metavar="RECORD", help=t(msg("write the decision record (JSON) here")))
    review.add_argument("--force", action="store_true", help=t(msg("replace an existing record")))

    verify = subcommand("verify", msg("recompute a decision record from its input files and report every difference"))
    record_help = t(msg("a decision record written by thidua review"))
    verify.add_argument("record", type=Path, metavar="RECORD", help=record_help)
    verify.add_argument("--criteria", type=Path, help=t(msg("the criteria file (default: the path in the record)")))
    verify.add_argument("--submissions", type=Path, nargs="+", help=t(msg("submission files or folders (default: as recorded)")))
    verify.add_argument("--decisions", type=Path, help=t(msg("the review file (default: the path in the record)")))

    minutes = subcommand("minutes", msg("write the meeting's minutes (biên bản) from a decision record, to print and sign"))
    minutes.add_argument("record", type=Path, metavar="RECORD", help=record_help)
    minutes.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="MINUTES",
        help=t(msg("the minutes: a .md (Markdown), .html, .docx (Word) or .pdf file")),
    )
    minutes.add_argument("--force", action="store_true", help=t(msg("replace existing minutes")))
    minutes.add_argument(
        "--unverified",
        action="store_true",
        help=t(msg("write it even if the record does not verify, marked NOT VERIFIED on every page")),
    )

    proposal = subcommand(
        "proposal", msg("write the proposal sent up (tờ trình) and its list of the awards decided, from a verified record")
    )
    proposal.add_argument("record", type=Path, metavar="RECORD", help=record_help)
    proposal.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="PROPOSAL",
        help=t(msg("the proposal: a .md (Markdown), .html, .docx (Word) or .pdf file")),
    )
    proposal.add_argument(
        "--unverified",
        action="store_true",
        help=t(msg("write it even if the record does not verify, marked NOT VERIFIED on every page")),
    )
    proposal.add_argument("--force", action="store_true", help=t(msg("replace an existing proposal")))

    explain_ = command("explain", msg("explain where each point of one unit came from"))
    explain_.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    explain_.add_argument("--unit", required=True, metavar="ID", help=t(msg("the unit's id, as in the criteria file")))
    explain_.add_argument("--format", choices=("text", "json", "md"), default="text", help=t(msg("the output's form")))
    explain_.add_argument("--decisions", type=Path, metavar="REVIEW", help=decisions_help)
    report = command(
        "report",
        msg("write the round's report to print: ranking, chart by group, every unit's explanation (HTML, Word or PDF, A4)"),
    )
    report.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    report.add_argument(
        "--decisions", type=Path, metavar="REVIEW", help=t(msg("apply the council's review: its corrections and decided tiers"))
    )
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="REPORT",
        help=t(msg("the report: an .html, .docx (Word) or .pdf file")),
    )
    report.add_argument("--force", action="store_true", help=t(msg("replace an existing report")))
    report.add_argument(
        "--robustness",
        action="store_true",
        help=t(msg("add a page on how sure the proposal is (thidua robustness): margins, rank intervals and their chart")),
    )
    template = command(
        "template", msg("write a submission form from the criteria: .xlsx (a sheet per unit, or one unit's) or .csv")
    )
    template.add_argument("--unit", metavar="ID", help=t(msg("a form for this unit only (default: every unit of the round)")))
    template.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FORM", help=t(msg("the form: a .xlsx or .csv file"))
    )
    template.add_argument("--force", action="store_true", help=t(msg("replace an existing file")))

    export = command(
        "export", msg("write the score table (points, total, rank, classification, proposed awards) as .xlsx or .csv")
    )
    export.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    export.add_argument("--decisions", type=Path, metavar="REVIEW", help=decisions_help)
    export.add_argument(
        "-o", "--output", type=Path, required=True, metavar="TABLE", help=t(msg("the table: a .xlsx or .csv file"))
    )
    export.add_argument("--force", action="store_true", help=t(msg("replace an existing file")))
    whatif = subcommand("whatif", msg("score an earlier round's submissions under new criteria, beside their own results"))
    whatif.add_argument("--criteria", type=Path, required=True, metavar="NEW", help=t(msg("the new criteria file")))
    whatif.add_argument(
        "submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=t(msg("the earlier round's submissions"))
    )
    whatif.add_argument(
        "--old", type=Path, metavar="OLD", help=t(msg("the earlier criteria (default: the new file's previous round)"))
    )
    whatif.add_argument("--format", choices=("table", "json"), default="table", help=t(msg("the output's form")))
    whatif.add_argument(
        "--decisions",
        type=Path,
        metavar="REVIEW",
        help=t(msg("apply the council's corrections from the earlier round's review file, on both sides")),
    )
    whatif.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="INDICATOR=VALUE",
        help=t(msg("a value the earlier figures lack, assumed for every unit; repeatable")),
    )
    whatif.add_argument(
        "--assume-file",
        type=Path,
        metavar="FILE",
        help=t(
            msg("values the earlier figures lack, assumed: a YAML mapping of indicator to value, or of unit to such a mapping")
        ),
    )
    diff = subcommand(
        "diff", msg("show what a new criteria file changes, in meaning: criteria, points, bands, targets, awards, units")
    )
    diff.add_argument("old", type=Path, metavar="OLD", help=t(msg("the criteria file in use (YAML)")))
    diff.add_argument("new", type=Path, metavar="NEW", help=t(msg("the proposed criteria file (YAML)")))
    diff.add_argument("--format", choices=("text", "json", "md"), default="text", help=t(msg("the output's form")))

    serve = subcommand(
        "serve", msg("open the council's workspace in a browser: the round at a glance, forms, the meeting, documents")
    )
    serve.add_argument(
        "folder", type=Path, metavar="ROUND_FOLDER", help=t(msg("the round folder: criteria.yaml, submissions/, review.yaml"))
    )
    serve.add_argument("--port", type=int, default=8017, help=t(msg("the port to listen on (default 8017; 0: any free port)")))
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help=t(msg("the address to listen on (default 127.0.0.1, this computer only); another needs the printed token")),
    )

    robust = command(
        "robustness",
        msg("how sure the proposal is: each unit's exact margins, and its rank and awards when the weights vary"),
    )
    robust.add_argument("submissions", type=Path, nargs="+", metavar="SUBMISSIONS", help=submissions_help)
    robust.add_argument("--decisions", type=Path, metavar="REVIEW", help=decisions_help)
    for sampled in (robust, report):
        sampled.add_argument(
            "--samples", default="10000", metavar="N", help=t(msg("how many samples of the weights (default 10,000)"))
        )
        sampled.add_argument(
            "--spread", default="20", metavar="K", help=t(msg("each criterion's maximum varied within ±K percent (default 20)"))
        )
        sampled.add_argument(
            "--seed",
            default="2026",
            metavar="S",
            help=t(msg("the random seed: the same seed gives the same output (default 2026)")),
        )
    robust.add_argument("--format", choices=("text", "json", "md"), default="text", help=t(msg("the output's form")))
    robust.add_argument("-o", "--output", type=Path, metavar="FILE", help=t(msg("write the output to this file")))
    robust.add_argument("--force", action="store_true", help=t(msg("replace an existing file")))

    grades_help = t(msg("the assessors' grades of the criteria of method graded: a grading file (thidua/grades-1); repeatable"))
    earlier = t(msg("the earlier round's grading files (thidua/grades-1); repeatable"))
    for name in ("validate", "score", "rank", "review", "explain", "report", "export", "whatif", "robustness"):
        commands.choices[name].add_argument(
            "--grades",
            type=Path,
            action="append",
            default=[],
            metavar="GRADES",
            help=earlier if name == "whatif" else grades_help,
        )
    verify.add_argument(
        "--grades", type=Path, action="append", metavar="GRADES", help=t(msg("grading files (default: as recorded)"))
    )
    quiet_help = t(msg("no progress bars or messages, only the output asked for"))
    for sub in commands.choices.values():
        sub.add_argument("-q", "--quiet", action="store_true", help=quiet_help)
        sub.add_argument("--lang", choices=LANGUAGES, help=lang_help, default=argparse.SUPPRESS)
    return parser


@contextmanager
def _bars(args: argparse.Namespace) -> Iterator[ProgressBars | None]:
    """Progress bars on standard error for reading the files and scoring the units (not when quiet or piped)."""
    if args.quiet or not Screen(stderr=True).is_terminal:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from scoring.pipeline import ProgressBars

    err = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def tracker(name: str) -> Callable[[int, int], None]:
            def update(done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=total)
                bar.update(tasks[name], completed=done)

            return update

        yield ProgressBars(tracker(word(msg("Reading the figures"))), tracker(word(msg("Scoring"))))


def _say(args: argparse.Namespace, out: Screen, text: Msg) -> None:
    """A message about what was done: not printed with --quiet."""
    if not args.quiet:
        out.line(shown(word(text)))


def _score(args: argparse.Namespace) -> tuple[Criteria, Results]:
    from scoring.pipeline import score_round

    with _bars(args) as bars:
        scored = score_round(args.criteria, args.submissions, getattr(args, "decisions", None), bars, args.grades)
    return scored.criteria, scored.results


def _decide(args: argparse.Namespace) -> Round:
    from scoring.record import decide_round

    with _bars(args) as bars:
        return decide_round(args.criteria, args.submissions, args.decisions, bars, args.grades)


def _validate(args: argparse.Namespace, out: Screen) -> int:
    from scoring.awards import check_conditions
    from scoring.criteria import load_criteria
    from scoring.grades import load_grades

    if args.submissions:  # the criteria read once, by the scoring (which reads them before the submissions)
        criteria, results = _score(args)
        check_conditions(results)  # an award's `when` that faults for a unit would otherwise wait for rank
    else:
        criteria, results = load_criteria(args.criteria), None
        if args.grades:
            load_grades(criteria, args.grades)  # the grading files checked against the round
    summary = msg(
        "{file}: round {round}, {units} units, {indicators} indicators, {criteria} criteria in {groups} groups, scale {scale}",
        file=criteria.file,
        round=criteria.id,
        units=len(criteria.units),
        indicators=len(criteria.indicators),
        criteria=len(criteria.criteria),
        groups=len(criteria.groups),
        scale=criteria.scale,
    )
    if results is not None:
        summary = msg("{summary}; {n} submissions scored without a problem", summary=summary, n=len(results.scorecards))
    _say(args, out, msg("OK: {summary}", summary=summary))
    return OK


def _score_command(args: argparse.Namespace, out: Screen) -> int:
    from scoring.output import score_csv, score_data, to_json
    from scoring.render import score_table

    _, results = _score(args)
    if args.format == "json":
        sys.stdout.write(to_json(score_data(results)))
    elif args.format == "csv":
        sys.stdout.write(score_csv(results))
    else:
        out.print(score_table(results))
    return OK


def _explain(args: argparse.Namespace, out: Screen) -> int:
    from scoring.explain import explain
    from scoring.output import to_json, unit_data
    from scoring.render import markdown

    criteria, results = _score(args)
    if args.unit not in criteria.unit_ids:
        raise _no_such_unit(args.unit, criteria)
    if args.format == "json":
        sys.stdout.write(to_json(unit_data(results, results.scorecard(args.unit))))
        return OK
    story = explain(results, args.unit)
    if args.format == "md":
        sys.stdout.write(markdown(story))
    else:
        _tell(out, story)
    return OK


def _no_such_unit(unit: str, criteria: Criteria) -> UsageError:
    ids = Listing(tuple(u.id for u in criteria.units))
    return UsageError(
        msg("unit '{unit}' is not in round {round}; its units are: {units}", unit=unit, round=criteria.id, units=ids)
    )


def _tell(out: Screen, story: Node) -> None:
    """A story as a tree on a terminal, as indented plain text in a file or pipe."""
    from scoring.render import plain_text, tree

    if out.is_terminal:
        out.print(tree(story))
    else:
        sys.stdout.write(plain_text(story))


def _rank(args: argparse.Namespace, out: Screen) -> int:
    from scoring.awards import propose
    from scoring.explain import proposal_story
    from scoring.output import rank_data, to_json
    from scoring.render import markdown, rank_table

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


def _review(args: argparse.Namespace, out: Screen) -> int:
    from scoring.files import write_atomic
    from scoring.record import record_bytes
    from scoring.render import decision_table

    reviewed = _decide(args)
    if not args.quiet:
        out.print(decision_table(reviewed.decided))
    for breach in reviewed.decided.breaches:
        _say(args, out, msg("acknowledged: {breach} — reason: {reason}", breach=breach.message, reason=breach.acknowledged))
    if args.output is None:
        _say(args, out, msg("No record written: give -o RECORD.json to write the decision record."))
        return OK
    data = record_bytes(reviewed, args.output)
    write_atomic(args.output, data, force=args.force)
    _say(
        args,
        out,
        msg("Record written: {file} (SHA-256 {digest})", file=str(args.output), digest=hashlib.sha256(data).hexdigest()),
    )
    return OK


def _verify(args: argparse.Namespace, out: Screen) -> int:
    from scoring.record import Summary, verify

    differences = verify(args.record, args.criteria, args.submissions, args.decisions, args.grades)
    if differences:
        for difference in differences:
            out.line(shown(word(msg("DIFFERENT: {difference}", difference=difference))))
        out.line(shown(word(Summary(args.record, tuple(differences)).message())))
        return INVALID
    _say(args, out, msg("{file}: verified: the input files give this record exactly.", file=str(args.record)))
    return OK


def _minutes(args: argparse.Namespace, out: Screen) -> int:
    from scoring.minutes import minutes_document

    wrong = msg(
        "{file}: the minutes are written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so", file=str(args.output)
    )
    return _document(args, out, minutes_document, wrong, "minutes")


def _proposal(args: argparse.Namespace, out: Screen) -> int:
    from scoring.proposal import proposal_document

    wrong = msg(
        "{file}: the proposal is written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so", file=str(args.output)
    )
    return _document(args, out, proposal_document, wrong, "proposal")


def _document(
    args: argparse.Namespace,
    out: Screen,
    build: Callable[[Record, str, Msg | None], Document],
    wrong_suffix: Msg,
    kind: Literal["minutes", "proposal"],
) -> int:
    """A document made of a verified record (or one marked NOT VERIFIED), written in the format its suffix names."""
    from scoring.document import SUFFIXES, render
    from scoring.files import write_atomic
    from scoring.minutes import IncompleteRecord

    if args.output.suffix.lower() not in SUFFIXES:
        raise UsageError(wrong_suffix)
    record, digest = _read_record(args.record)
    draft = _unverified_mark(args, out)
    try:
        document = build(record, digest, draft)
    except IncompleteRecord as e:
        raise InvalidInput([Problem(str(args.record), 1, 1, msg("not a complete decision record: {error}", error=str(e)))]) from e
    except (KeyError, IndexError, TypeError, ValueError) as e:  # a part the typed model leaves loose (scores, proposal)
        error = f"{type(e).__name__}: {e}"
        raise InvalidInput([Problem(str(args.record), 1, 1, msg("not a complete decision record: {error}", error=error))]) from e
    write_atomic(args.output, render(document, args.output.suffix.lower()), force=args.force)
    output = str(args.output)
    if kind == "minutes":
        written = msg("Minutes written: {file} (record SHA-256 {digest})", file=output, digest=digest)
    else:
        written = msg("Proposal written: {file} (record SHA-256 {digest})", file=output, digest=digest)
    _say(args, out, written)
    return OK


def _unverified_mark(args: argparse.Namespace, out: Screen) -> Msg | None:
    """Documents are made only of what the input files give: None for a record that verifies; else the refusal
    (NotVerified), or with --unverified the mark printed on every page."""
    from scoring.record import NotVerified, require_verified

    try:
        require_verified(args.record)
        return None
    except NotVerified:
        if not args.unverified:
            raise
    out.line(word(msg("{file}: NOT verified; the document is marked so on every page", file=str(args.record))))
    return msg("NOT VERIFIED")


def _read_record(path: Path) -> tuple[Record, str]:
    """The record's typed model and the SHA-256 of the very bytes it was read from."""
    from scoring.record import MAX_RECORD_BYTES, parse_record, read_record, record_from
    from scoring.yamlio import read_bytes

    file = str(path)
    first = read_record(path)  # refuses what is not a record, before anything else
    record_from(first, file)  # and a record that is incomplete, or carries a value of the wrong type or range
    # The digest printed on every page must be of the record the document shows.
    changed = ThiduaError(msg("{file} changed while it was being read; run again", file=file))
    try:
        raw = read_bytes(path, MAX_RECORD_BYTES)
        data = parse_record(raw, file)
    except InvalidInput:
        raise changed from None
    if _json_text(data) != _json_text(first):  # typed: true is not 1, nor 2.0 2
        raise changed
    return record_from(data, file), hashlib.sha256(raw).hexdigest()


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)


def _report(args: argparse.Namespace, out: Screen) -> int:
    from scoring.awards import propose
    from scoring.files import write_atomic
    from scoring.report import report_bytes

    suffix = args.output.suffix.lower()
    if suffix not in {".html", ".docx", ".pdf"}:
        raise UsageError(
            msg(
                "{file}: the report is written as .html (to open in a browser and print), .docx (Word) or .pdf; name the file so",
                file=str(args.output),
            )
        )
    sampling = _sampling(args) if args.robustness else None  # a wrong option is said before any work
    if args.decisions is None:
        _, results = _score(args)
        parts: tuple[Proposal, Sequence[Submission], Decided | None]
        parts = (propose(results), [card.submission for card in results.scorecards], None)
    else:
        reviewed = _decide(args)
        parts = (reviewed.decided.proposal, reviewed.submissions, reviewed.decided)
    sure = None
    if sampling is not None:
        from scoring.pipeline import score_round
        from scoring.robustness import robustness

        sure = robustness(score_round(args.criteria, args.submissions, args.decisions, None, args.grades), *sampling)
    write_atomic(args.output, report_bytes(suffix, parts[0], parts[1], parts[2], sure), force=args.force)
    _say(args, out, msg("Report written: {file}", file=str(args.output)))
    return OK


def _template(args: argparse.Namespace, out: Screen) -> int:
    from scoring.criteria import load_criteria
    from scoring.files import write_atomic
    from scoring.spreadsheet import output_format, template_csv, template_xlsx

    kind = output_format(args.output)
    if kind is None:
        raise UsageError(msg("{file}: a form is written as .xlsx (Excel) or .csv; name the file so", file=str(args.output)))
    criteria = load_criteria(args.criteria)
    if args.unit is not None and args.unit not in criteria.unit_ids:
        ids = Listing(tuple(u.id for u in criteria.units))
        raise UsageError(
            msg("unit '{unit}' is not in round {round}; its units are: {units}", unit=args.unit, round=criteria.id, units=ids)
        )
    data = template_xlsx(criteria, args.unit) if kind == "xlsx" else template_csv(criteria, args.unit)
    write_atomic(args.output, data, force=args.force)
    whom = msg("unit {unit}", unit=args.unit) if args.unit is not None else msg("{n} units", n=len(criteria.units))
    _say(args, out, msg("Form written: {file} (round {round}, {whom})", file=str(args.output), round=criteria.id, whom=whom))
    return OK


def _export(args: argparse.Namespace, out: Screen) -> int:
    from scoring.awards import propose
    from scoring.files import write_atomic
    from scoring.spreadsheet import corrections_note, export_csv, export_xlsx, output_format

    kind = output_format(args.output)
    if kind is None:
        raise UsageError(
            msg("{file}: the score table is written as .xlsx (Excel) or .csv; name the file so", file=str(args.output))
        )
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
        note = None if args.decisions is None else corrections_note(args.decisions.name)
        data = export_xlsx(proposal, note, decided)
    write_atomic(args.output, data, force=args.force)
    _say(args, out, msg("Score table written: {file} ({n} units)", file=str(args.output), n=len(results.scorecards)))
    return OK


def _whatif(args: argparse.Namespace, out: Screen) -> int:
    from scoring.criteria import load_criteria
    from scoring.grades import load_grades
    from scoring.output import to_json, whatif_data
    from scoring.render import whatif_table
    from scoring.review import corrected, load_review, set_points
    from scoring.submissions import load_submissions
    from scoring.whatif import NOT_BEFORE, parse_assumptions, what_if

    new = load_criteria(args.criteria)
    old_path = args.old or (new.previous.criteria if new.previous is not None else None)
    if old_path is None:
        raise UsageError(msg("{file} names no previous round: give the earlier criteria with --old", file=str(args.criteria)))
    old = load_criteria(old_path)
    assume = parse_assumptions(new, args.assume, args.assume_file)
    with _bars(args) as bars:
        submissions = load_submissions(old, args.submissions, None if bars is None else bars.reading)
    if args.decisions is None:
        grades = load_grades(old, args.grades)  # the earlier round's grades
        w = what_if(new, old, submissions, grades, assume=assume)
    else:  # the council's corrections of the earlier round, as score --decisions applies them
        review = load_review(args.decisions, old)
        grades = load_grades(old, args.grades, (review.doc, review.spec.grades))
        w = what_if(new, old, corrected(old, submissions, review), grades, set_points(review), assume)
    data = whatif_data(w)
    if args.format == "json":
        sys.stdout.write(to_json(data))
        return OK
    out.print(whatif_table(w))
    for indicator, units in data["missing"].items():
        _say(
            args,
            out,
            msg(
                "{indicator}: {why} of {units}; the criteria reading it score no points here",
                indicator=indicator,
                why=NOT_BEFORE,
                units=Listing(tuple(units)),
            ),
        )
    for carried in w.not_carried:
        _say(args, out, msg("not carried: {why}", why=carried))
    for unneeded in w.unneeded:
        _say(args, out, msg("{value}", value=unneeded))
    if data["left_out"]:
        left = msg(
            "units of {old} with no place in {new}: {units}",
            old=data["old_round"],
            new=data["new_round"],
            units=Listing(tuple(data["left_out"])),
        )
        _say(args, out, left)
    return OK


def _diff(args: argparse.Namespace, out: Screen) -> int:
    from scoring.criteria import load_criteria
    from scoring.diff import compare, diff_data, diff_markdown, diff_text
    from scoring.output import to_json

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


def _serve(args: argparse.Namespace, out: Screen) -> int:
    from scoring.serve import serve  # the web stack is loaded only by this command

    serve(args.folder, args.host, args.port, language(), lambda text: _say(args, out, text))
    return OK


def _robustness(args: argparse.Namespace, out: Screen) -> int:
    from scoring.files import write_atomic
    from scoring.output import to_json
    from scoring.pipeline import score_round
    from scoring.robustness import robustness
    from scoring.robustview import robustness_data, robustness_markdown, robustness_tables

    samples, spread, seed = _sampling(args)
    with _bars(args) as bars:
        scored = score_round(args.criteria, args.submissions, args.decisions, bars, args.grades)
    answer = robustness(scored, samples, spread, seed)
    if args.format == "json":
        text = to_json(robustness_data(answer))
    elif args.format == "md":
        text = robustness_markdown(answer)
    elif args.output is None:
        for table in robustness_tables(answer):
            out.print(table)
        return OK
    else:
        from rich.console import Console

        console = Console(record=True, width=120, file=io.StringIO())
        for table in robustness_tables(answer):
            console.print(table)
        text = console.export_text()
    if args.output is None:
        sys.stdout.write(text)
        return OK
    write_atomic(args.output, text.encode("utf-8"), force=args.force)
    _say(args, out, msg("Written: {file}", file=str(args.output)))
    return OK


def _sampling(args: argparse.Namespace) -> tuple[int, Decimal, int]:
    """--samples, --spread and --seed, checked: every one that is wrong is said, each by its option."""
    from scoring.robustness import MAX_SAMPLES

    wrong: list[Msg] = []
    samples = _whole(args.samples)
    if samples is None or not 1 <= samples <= MAX_SAMPLES:
        wrong.append(msg("--samples {given}: give a whole number from 1 to {most}", given=args.samples, most=MAX_SAMPLES))
    seed = _whole(args.seed)
    if seed is None or seed < 0:
        wrong.append(msg("--seed {given}: give a whole number, 0 or more", given=args.seed))
    try:
        spread = Decimal(args.spread.strip().replace(",", ".")) if len(args.spread) <= 20 else Decimal("NaN")
    except ArithmeticError:
        spread = Decimal("NaN")
    if not spread.is_finite() or not 0 < spread < 100 or spread.as_tuple().exponent < -2:  # type: ignore[operator]
        wrong.append(
            msg("--spread {given}: give a percentage above 0 and below 100, at most 2 decimals (20 is ±20%)", given=args.spread)
        )
    if wrong:
        raise ThiduaError(msg("{value}", value=Listing(tuple(wrong), "; ")))
    return samples or 0, (spread / 100), seed or 0


def _whole(text: str) -> int | None:
    text = text.strip().replace("_", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else None


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
    "proposal": _proposal,
    "template": _template,
    "export": _export,
    "serve": _serve,
    "robustness": _robustness,
}


def _not_an_input(args: argparse.Namespace) -> None:
    """Refuse an output that is one of the command's own input files: --force would replace it."""
    output = getattr(args, "output", None)
    if output is None:
        return
    from scoring.criteria import load_criteria
    from scoring.submissions import collect

    inputs = [getattr(args, name, None) for name in ("criteria", "decisions", "record")]
    inputs += getattr(args, "grades", None) or []
    if getattr(args, "submissions", None):
        inputs += collect(args.submissions)
    criteria = getattr(args, "criteria", None)
    if isinstance(criteria, Path) and criteria.is_file():
        inputs += _read_by_the_criteria(load_criteria(criteria))
    target = output.resolve()
    for given in inputs:
        if given is not None and given.resolve() == target:
            raise UsageError(msg("{file}: this is one of the input files; write the output to another file", file=str(output)))


def _read_by_the_criteria(criteria: Criteria) -> list[Path]:
    """The files a criteria file makes the command read and seal: the previous round's, and the source records."""
    from scoring.submissions import collect

    files = [source.record for source in criteria.sources.values()]
    if criteria.previous is not None:
        files += [criteria.previous.criteria, *collect(criteria.previous.submissions)]
    return files


def _language(argv: Sequence[str]) -> Lang:
    """--lang from the command line (read before the parser is built, since its help is worded), else THIDUA_LANG."""
    for i, arg in enumerate(argv):
        given = (
            argv[i + 1]
            if arg == "--lang" and i + 1 < len(argv)
            else arg.removeprefix("--lang=")
            if arg.startswith("--lang=")
            else None
        )
        chosen = None if given is None else parse_language(given)
        if chosen is not None:
            return chosen
    return language()


@contextmanager
def _argparse_words() -> Iterator[None]:
    """argparse's own words ("usage:", "the following arguments are required") in the language in force.

    argparse looks its messages up with gettext through its module's `_` and `ngettext`; without compiled
    catalogs those return the English text, so they are swapped for ours while the parser runs.
    """
    if language() == "en":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = argparse_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _utf8_streams() -> None:
    """Standard output and error in UTF-8 whatever the locale says (LC_ALL=C, PYTHONIOENCODING=ascii).

    Vietnamese text cannot be written in ASCII; a file written by `> out.csv` is UTF-8, as every file thidua writes.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and codecs.lookup(stream.encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8", errors="surrogateescape")  # a file name's bytes as they were


@contextmanager
def _few_collections(on: bool) -> Iterator[None]:
    """Python's cyclic garbage collector seldom, while a command runs: what it builds is long-lived and has no cycles.

    The modules and classes imported so far are frozen (never scanned again), and a young collection waits for
    100,000 new objects instead of 700: profiles gave the collector 35-45% of scoring and rendering a large round,
    spent scanning objects that were all alive. Memory is still freed by reference counting; a cycle still gets
    collected, later. Restored afterwards (tests call main() in one process); not for `serve`, which stays running.
    """
    if not on:
        yield
        return
    saved = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.unfreeze()


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    with use(_language(argv)):
        return _main(argv)


def _main(argv: Sequence[str]) -> int:
    try:
        with _argparse_words():
            args = _parser().parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad usage and 0 for --help
        return int(e.code or 0)
    out = Screen(width=120)  # a file or pipe: wide enough for the whole table
    err = Screen(stderr=True)
    try:
        with bounded(), _few_collections(args.command != "serve"):
            _not_an_input(args)
            return _COMMANDS[args.command](args, out)
    except InvalidInput as e:
        for problem in e.problems:
            err.line(shown(str(problem)))  # a file name's ESC as \x1b
        err.print(word(msg("{n} problem(s) found.", n=len(e.problems))), markup=False)
        return INVALID
    except UsageError as e:
        err.line(shown(f"thidua: {e}"))
        return USAGE
    except ThiduaError as e:
        err.line(shown(f"thidua: {e}"))
        return INVALID
    except BrokenPipeError:
        return OK
