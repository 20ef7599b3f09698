"""The council's workspace: the round folder's pages, its forms, and every file it writes, the way the CLI writes.

Every page reads the folder afresh (the files are the truth: the page keeps no copy); every change is a POST that
carries the page's CSRF token and, for the review file, the digest of the file it was made from, so that a second
tab's stale form is refused rather than silently undoing the first's; writes go through `write_atomic` (a temporary
file, renamed, under the CLI's `<name>.lock`), and never over the criteria.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from scoring.awards import Proposal
from scoring.criteria import Criteria, load_criteria
from scoring.diff import compare, diff_text
from scoring.document import SUFFIXES, render
from scoring.errors import InvalidInput, ThiduaError
from scoring.explain import Node, explain, proposal_story
from scoring.files import OutputError, write_atomic
from scoring.grades import load_grades
from scoring.minutes import IncompleteRecord, minutes_document
from scoring.numbers import plain
from scoring.output import whatif_data
from scoring.proposal import proposal_document
from scoring.record import (
    MAX_RECORD_BYTES,
    NotVerified,
    decide_round,
    parse_record,
    record_bytes,
    record_from,
    require_verified,
    verify,
)
from scoring.report import report_bytes
from scoring.review import Decided, load_review
from scoring.serve.guard import Guard
from scoring.serve.keep import spliced
from scoring.serve.layout import Layout
from scoring.serve.pages import page, refusal_page
from scoring.serve.state import Meeting, Shown, failure_problems, meeting, shown_problems, survey
from scoring.spreadsheet import template_xlsx
from scoring.submissions import SUFFIXES as SUBMISSION_SUFFIXES
from scoring.submissions import Submission, collect, load_submissions, read_file
from scoring.whatif import what_if
from scoring.wording import Lang, Msg, msg, use, word
from scoring.yamlio import MAX_FILE_BYTES, parse, read_bytes

MAX_FILES = 100  # forms sent at once: a round of 63 provinces, each its own
MAX_BODY = MAX_FILES * MAX_FILE_BYTES  # what one request may carry; each file is held to the readers' own limit
REVIEW_FORMAT = "thidua/review-1"
STALE = msg(
    "The review file changed since this page was opened (in another tab or by another person); nothing was saved."
    " The page now shows the file as it is: enter the change again."
)
_SAFE_NAME = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


class Workspace:
    def __init__(self, layout: Layout, lang: Lang) -> None:
        self.layout = layout
        self.lang = lang
        self.csrf = secrets.token_urlsafe(32)
        self.writing = threading.Lock()  # one read-change-write of the review file at a time in this server

    # -- plumbing ------------------------------------------------------------------------------------------------

    def view(self, name: str, status: int = 200, **context: Any) -> Response:  # noqa: ANN401 - template values
        return page(name, status, csrf=self.csrf, round_folder=str(self.layout.folder), **context)

    def checked(self, form: FormData) -> Response | None:
        given = form.get("csrf")
        if not isinstance(given, str) or not secrets.compare_digest(given.encode(), self.csrf.encode()):
            return refusal_page(
                403,
                msg(
                    "This form is not from this workspace (its security token is missing or wrong);"
                    " reload the page and send it again."
                ),
            )
        return None

    # -- the round at a glance, a unit --------------------------------------------------------------------------

    def glance(self, request: Request) -> Response:
        with use(self.lang):
            found = survey(self.layout)
            return self.view("glance.html", active="glance", s=found, table=_score_table(found.proposal))

    def _not_scored(self, active: str) -> Response:
        """The page for a round whose files do not score yet: the first page lists why."""
        return self.view(
            "message.html",
            409,
            active=active,
            message=word(msg("The round cannot be scored yet: see its problems on the first page.")),
        )

    def unit(self, request: Request) -> Response:
        with use(self.lang):
            unit_id = request.path_params["unit"]
            found = survey(self.layout)
            if found.proposal is None or found.criteria is None:
                return self._not_scored("glance")
            if unit_id not in found.criteria.unit_ids:
                return refusal_page(404, msg("unit '{unit}' is not in the round", unit=unit_id))
            results = found.proposal.results
            card = results.scorecard(unit_id)
            story = explain(results, unit_id)
            ranking = proposal_story(found.proposal)
            place = [o.standing.unit for o in found.proposal.outcomes].index(unit_id)
            criteria = found.criteria
            inputs = [
                {
                    "id": iid,
                    "label": criteria.indicators[iid].label if iid in criteria.indicators else "",
                    "value": word(r.value),
                    "evidence": r.evidence or "",
                    "source": self.layout.relative(word(r.source)),
                    "correction": "" if r.correction is None else word(r.correction),
                }
                for iid, r in card.submission.values.items()
            ]
            return self.view(
                "unit.html",
                active="glance",
                unit=card.unit,
                total=word(card.total),
                story=_tree(story, self.layout),
                standing=_tree(ranking.children[1 + place], self.layout),
                inputs=inputs,
            )

    def file(self, request: Request) -> Response:
        """A file of the round folder, as it is (a submission, to look at its evidence); nothing outside the folder."""
        with use(self.lang):
            target = self.layout.inside(request.path_params["path"])
            if target is None or not target.is_file() or target.name.endswith((".lock", ".tmp")):
                return refusal_page(404, msg("There is no such file in the round folder."))
            try:
                raw = read_bytes(target, MAX_RECORD_BYTES)
            except InvalidInput:
                return refusal_page(404, msg("There is no such file in the round folder."))
            return _download(raw, target.name)

    # -- forms in -----------------------------------------------------------------------------------------------

    def forms(self, request: Request) -> Response:
        with use(self.lang):
            return self._forms_page()

    def _forms_page(self, results: list[dict[str, Any]] | None = None, status: int = 200) -> Response:
        found = survey(self.layout)
        units = [] if found.criteria is None else list(found.criteria.units)
        return self.view("forms.html", status, active="forms", s=found, units=units, results=results or [])

    def form(self, request: Request) -> Response:
        """The .xlsx form of one unit (as `thidua template --unit`), or of the whole round ("all")."""
        with use(self.lang):
            unit = request.path_params["unit"]
            try:
                criteria = load_criteria(self.layout.criteria)
            except ThiduaError:
                return self.view(
                    "message.html", 409, active="forms", message=word(msg("The criteria file has problems: see the first page."))
                )
            if unit != "all" and unit not in criteria.unit_ids:
                return refusal_page(404, msg("unit '{unit}' is not in the round", unit=unit))
            data = template_xlsx(criteria, None if unit == "all" else unit)
            name = f"{criteria.id}.xlsx" if unit == "all" else f"{criteria.id}-{unit}.xlsx"
            return _download(data, name)

    async def upload(self, request: Request) -> Response:
        form = await request.form(max_files=MAX_FILES, max_fields=10)
        with use(self.lang):
            refused = self.checked(form)
            if refused is not None:
                await form.close()
                return refused
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
            if not files:
                return self._forms_page(
                    [{"name": "", "saved": "", "problems": [Shown("", 1, 1, word(msg("no file was chosen")))]}], 400
                )
            sent = [(f.filename or "", await f.read(MAX_FILE_BYTES + 1)) for f in files]
            await form.close()  # the spooled files, at once
            results = [self._take(name, raw) for name, raw in sent]
            return self._forms_page(results, 200 if all(r["saved"] for r in results) else 400)

    def _take(self, given: str, raw: bytes) -> dict[str, Any]:
        """One form sent: read by the round's own readers; saved into submissions/ only when it reads without a problem."""
        name = Path(given.replace("\\", "/")).name
        result: dict[str, Any] = {"name": name, "saved": "", "problems": []}

        def refuse(message: Msg) -> dict[str, Any]:
            result["problems"] = [Shown(name, 1, 1, word(message))]
            return result

        suffix = Path(name).suffix.lower()
        if suffix not in SUBMISSION_SUFFIXES:
            return refuse(msg("cannot read '{suffix}' files; give .yaml, .csv or .xlsx submissions", suffix=suffix))
        if len(raw) > MAX_FILE_BYTES:
            return refuse(msg("the file is larger than the limit of {limit} bytes; it is not saved", limit=MAX_FILE_BYTES))
        try:
            criteria = load_criteria(self.layout.criteria)
        except ThiduaError:
            return refuse(msg("The criteria file has problems: see the first page."))
        safe = "".join(c if c in _SAFE_NAME else "-" for c in Path(name).stem).strip(".-") or "form"
        with tempfile.TemporaryDirectory(prefix="thidua-upload-") as folder:
            probe = Path(folder) / f"{safe}{suffix}"
            probe.write_bytes(raw)
            try:
                units = tuple(s.unit for s in read_file(criteria, probe))
            except InvalidInput as e:
                result["problems"] = shown_problems(self.layout, e.problems, {str(probe): name})
                return result
        if not units:
            return refuse(msg("this file holds no unit's submission"))
        target = self.layout.submissions / (f"{units[0]}{suffix}" if len(units) == 1 else f"{safe}{suffix}")
        for unit, where in _submitted(criteria, self.layout).items():
            if unit in units and where.resolve() != target.resolve():
                return refuse(
                    msg(
                        "unit '{unit}' already has a submission, {file};"
                        " remove it from the folder first if this form replaces it",
                        unit=unit,
                        file=self.layout.shown(str(where)),
                    )
                )
        if target.resolve() in self.layout.inputs():
            return refuse(msg("{file}: this is one of the input files; write the output to another file", file=target.name))
        try:
            write_atomic(target, raw, force=True)
        except OutputError as e:
            return refuse(e.message)
        result["saved"] = self.layout.shown(str(target))
        result["units"] = units
        return result

    # -- the meeting --------------------------------------------------------------------------------------------

    def _review_data(self) -> tuple[dict[str, Any] | None, str, list[Shown]]:
        """The review file's data as it stands, and the digest of its bytes ("none": no file yet)."""
        _, data, version, broken = self._review_read()
        return data, version, broken

    def _review_read(self) -> tuple[bytes, dict[str, Any] | None, str, list[Shown]]:
        """The review file's bytes too, which a change keeps where it does not reach (its comments)."""
        path = self.layout.review
        if not path.exists():
            return b"", None, "none", []
        try:
            raw = read_bytes(path)
            doc = parse(raw, str(path))
        except InvalidInput as e:
            return b"", None, "broken", shown_problems(self.layout, e.problems)
        data = doc.data if isinstance(doc.data, dict) else None
        return raw, data, hashlib.sha256(raw).hexdigest(), []

    def meeting(self, request: Request) -> Response:
        with use(self.lang):
            return self._meeting_page()

    def _meeting_page(self, problems: list[Shown] | None = None, status: int = 200, said: Msg | None = None) -> Response:
        data, version, broken = self._review_data()
        state = meeting(self.layout, data, version) if data is not None else Meeting(None, version)
        try:
            criteria: Criteria | None = load_criteria(self.layout.criteria)
        except ThiduaError:
            criteria = None
        record = None
        if self.layout.record.is_file():
            record = self.layout.shown(str(self.layout.record))
        return self.view(
            "meeting.html",
            status,
            active="meeting",
            m=state,
            data=data or {},
            version=version,
            broken=broken,
            refused=problems or [],
            said="" if said is None else word(said),
            criteria=criteria,
            table=_score_table(state.proposal, None if state.decided is None else state.decided.decided.final),
            record=record,
            breaches=[]
            if state.decided is None
            else [{"message": word(b.message), "reason": b.acknowledged or ""} for b in state.decided.decided.breaches],
        )

    async def change(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=100)
        with use(self.lang):
            refused = self.checked(form)
            if refused is not None:
                return refused
            what = request.path_params["what"]
            change = _CHANGES.get(what)
            if change is None:
                return refusal_page(404, msg("There is no such form."))
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
            with self.writing:
                raw, data, version, broken = self._review_read()
                if broken:
                    return self._meeting_page(broken, 409)
                if fields.get("version") != version:
                    return self._meeting_page(
                        [
                            Shown(
                                self.layout.shown(str(self.layout.review)),
                                1,
                                1,
                                word(STALE),
                            )
                        ],
                        409,
                    )
                try:
                    criteria = load_criteria(self.layout.criteria)
                except ThiduaError as e:
                    return self._meeting_page(shown_problems(self.layout, failure_problems(e)), 409)
                new = change(criteria, data, fields)
                if isinstance(new, Msg):
                    return self._meeting_page([Shown("", 1, 1, word(new))], 400)
                text = _review_yaml(new, None if data is None else (raw, data), str(self.layout.review))
                problems = self._check_review(criteria, text)
                if problems:
                    return self._meeting_page(problems, 400)
                try:
                    write_atomic(self.layout.review, text, force=True)
                except OutputError as e:
                    return self._meeting_page([Shown(self.layout.shown(str(self.layout.review)), 1, 1, word(e.message))], 409)
            return RedirectResponse("/meeting", status_code=303)

    def _check_review(self, criteria: Criteria, text: bytes) -> list[Shown]:
        """The review file as it would be, read by `load_review` (the CLI's reader) before it replaces the old one."""
        with tempfile.TemporaryDirectory(prefix="thidua-review-") as folder:
            probe = Path(folder) / self.layout.review.name
            probe.write_bytes(text)
            try:
                load_review(probe, criteria)
            except ThiduaError as e:
                return shown_problems(self.layout, failure_problems(e), {str(probe): str(self.layout.review)})
        return []

    async def finalize(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=10)
        with use(self.lang):
            refused = self.checked(form)
            if refused is not None:
                return refused
            with self.writing:
                _, version, _ = self._review_data()
                if form.get("version") != version:
                    return self._meeting_page(
                        [
                            Shown(
                                "",
                                1,
                                1,
                                word(STALE),
                            )
                        ],
                        409,
                    )
                state = meeting(self.layout, *self._review_data()[:2])
                if state.decided is None:
                    return self._meeting_page(
                        state.review_problems or [Shown("", 1, 1, word(msg("Enter the meeting's details first.")))], 400
                    )
                data = record_bytes(state.decided, self.layout.record)
                try:
                    write_atomic(self.layout.record, data, force=True)
                except OutputError as e:
                    return self._meeting_page([Shown(self.layout.shown(str(self.layout.record)), 1, 1, word(e.message))], 409)
            differences = verify(self.layout.record)
            if differences:
                return self._meeting_page(
                    [Shown("", 1, 1, word(msg("DIFFERENT: {difference}", difference=d))) for d in differences], 409
                )
            said = msg(
                "Record written: {file} (SHA-256 {digest})",
                file=self.layout.shown(str(self.layout.record)),
                digest=hashlib.sha256(data).hexdigest(),
            )
            return self._meeting_page(
                said=msg(
                    "{written}; {verified}",
                    written=said,
                    verified=msg(
                        "{file}: verified: the input files give this record exactly.",
                        file=self.layout.shown(str(self.layout.record)),
                    ),
                )
            )

    # -- documents ----------------------------------------------------------------------------------------------

    def document(self, request: Request) -> Response:
        with use(self.lang):
            kind, suffix = request.path_params["kind"], "." + request.path_params["suffix"].lower()
            if kind == "report":
                return self._report(suffix)
            if kind not in ("minutes", "proposal") or suffix not in SUFFIXES or suffix == ".md":
                return refusal_page(404, msg("There is no such document."))
            path = self.layout.record
            if not path.is_file():
                return self.view(
                    "message.html",
                    409,
                    active="meeting",
                    message=word(msg("No decision record yet: finalize the meeting first.")),
                )
            try:
                require_verified(path)
                raw = read_bytes(path, MAX_RECORD_BYTES)
                record = record_from(parse_record(raw, str(path)), str(path))
                build = minutes_document if kind == "minutes" else proposal_document
                document = build(record, hashlib.sha256(raw).hexdigest(), None)
                data = render(document, suffix)
            except NotVerified as e:
                details = [word(msg("DIFFERENT: {difference}", difference=d)) for d in e.differences]
                return self.view("message.html", 409, active="meeting", message=str(e), details=details)
            except (IncompleteRecord, ThiduaError) as e:
                return self.view("message.html", 409, active="meeting", message=str(e))
            return _download(data, f"{_DOCUMENT_NAMES[kind]}{suffix}")

    def _report(self, suffix: str) -> Response:
        """The report as `thidua report` writes it: of the review file when there is one; .html, .docx or .pdf."""
        if suffix not in (".html", ".docx", ".pdf"):
            return refusal_page(404, msg("There is no such document."))
        try:
            parts: tuple[Proposal, Sequence[Submission], Decided | None]
            if self.layout.review.is_file():
                reviewed = decide_round(self.layout.criteria, [self.layout.submissions], self.layout.review)
                parts = (reviewed.decided.proposal, reviewed.submissions, reviewed.decided)
            else:
                found = survey(self.layout)
                if found.proposal is None or found.scored is None:
                    return self._not_scored("meeting")
                parts = (found.proposal, found.scored.submissions, None)
            data = report_bytes(suffix, *parts)
        except ThiduaError as e:
            return self.view("message.html", 409, active="meeting", message=str(e))
        return _download(data, f"{_DOCUMENT_NAMES['report']}{suffix}")

    # -- next year ----------------------------------------------------------------------------------------------

    def next_year(self, request: Request) -> Response:
        with use(self.lang):
            drafts = sorted(p.name for p in self.layout.next.glob("*.y*ml")) if self.layout.next.is_dir() else []
            chosen = request.query_params.get("criteria")
            context: dict[str, Any] = {"drafts": drafts, "chosen": chosen or "", "diff": "", "whatif": None, "found_problems": []}
            if chosen:
                if chosen not in drafts:
                    return refusal_page(404, msg("There is no such file in the round folder."))
                try:
                    old = load_criteria(self.layout.criteria)
                    new = load_criteria(self.layout.next / chosen)
                    context["diff"] = diff_text(compare(old, new))
                    submissions = load_submissions(old, [self.layout.submissions])
                    context["whatif"] = whatif_data(what_if(new, old, submissions, load_grades(old, [])))
                except ThiduaError as e:
                    context["found_problems"] = shown_problems(self.layout, failure_problems(e))
            return self.view("next.html", active="next", **context)


_DOCUMENT_NAMES = {"minutes": "bien-ban", "proposal": "to-trinh", "report": "bao-cao"}


def _download(data: bytes, name: str) -> Response:
    kinds = {
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".pdf": "application/pdf",
        ".html": "text/html; charset=utf-8",
        ".yaml": "text/plain; charset=utf-8",
        ".csv": "text/csv; charset=utf-8",
        ".json": "application/json",
    }
    kind = kinds.get(Path(name).suffix.lower(), "application/octet-stream")
    safe = "".join(c if c in _SAFE_NAME else "-" for c in name)
    return Response(
        data,
        media_type=kind,
        headers={"Content-Disposition": f'attachment; filename="{safe}"', "X-Content-Type-Options": "nosniff"},
    )


def _submitted(criteria: Criteria, layout: Layout) -> dict[str, Path]:
    """Which file holds each unit's submission now (the files that read)."""
    found: dict[str, Path] = {}
    for file in collect([layout.submissions]):
        try:
            for s in read_file(criteria, file):
                found.setdefault(s.unit, file)
        except InvalidInput:
            continue
    return found


def _tree(node: Node, layout: Layout) -> dict[str, Any]:
    """A story as nested lists, its files named as the page names them (relative to the round folder)."""
    return {"text": layout.relative(node.text), "children": [_tree(c, layout) for c in node.children]}


def _score_table(proposal: Any, final: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, Any] | None:  # noqa: ANN401
    if proposal is None:
        return None
    criteria = proposal.results.criteria
    labels = {a.id: a.label for a in criteria.awards}
    rows = []
    for o in proposal.outcomes:
        card = o.standing.card
        rows.append(
            {
                "rank": o.standing.rank,
                "unit": card.unit.id,
                "name": card.unit.name,
                "groups": [word(g.points) for g in card.groups],
                "total": word(card.total),
                "band": "" if card.classification is None else card.classification.label,
                "proposed": ", ".join(a.label for a, _ in o.proposed),
                "decided": None if final is None else ", ".join(labels[a] for a in final.get(card.unit.id, ())),
            }
        )
    return {"groups": [g.id for g in criteria.groups], "rows": rows}


# -- the review file's changes: each takes the form's fields and returns the file's new data, or what is wrong -----

Change = Callable[[Criteria, dict[str, Any] | None, dict[str, str]], "dict[str, Any] | Msg"]


def _text(fields: Mapping[str, str], name: str) -> str | None:
    value = fields.get(name, "").strip()
    return value or None


def _lines(fields: Mapping[str, str], name: str) -> list[str]:
    return [line.strip() for line in fields.get(name, "").splitlines() if line.strip()]


def _details(criteria: Criteria, data: dict[str, Any] | None, fields: dict[str, str]) -> dict[str, Any] | Msg:
    new = dict(data or {"format": REVIEW_FORMAT, "round": criteria.id})
    meeting_ = dict(new.get("meeting") or {})
    for key in ("date", "place", "chair", "secretary", "issuer_parent", "issuer", "locality", "number", "start", "end"):
        value = _text(fields, key)
        if value is None:
            meeting_.pop(key, None)
        else:
            meeting_[key] = value
    meeting_["attendees"] = _lines(fields, "attendees")
    new["meeting"] = meeting_
    for key in ("reviewed_by", "approved_by"):
        value = _text(fields, key)
        if value is None:
            new.pop(key, None)
        else:
            new[key] = value
    return _ordered(new)


def _entry(section: str, keys: tuple[str, ...]) -> Change:
    def add(criteria: Criteria, data: dict[str, Any] | None, fields: dict[str, str]) -> dict[str, Any] | Msg:
        if data is None:
            return msg("Enter the meeting's details first.")
        entry: dict[str, Any] = {}
        for key in keys:
            value = _text(fields, key)
            if value is not None:
                entry[key] = _typed(key, value)
        new = dict(data)
        new[section] = [*(new.get(section) or []), entry]
        return _ordered(new)

    return add


def _typed(key: str, value: str) -> object:
    """A number typed in a form as the YAML number it is (2,5 or 2.5 → 2.5); a corrected value with digits only too;
    anything else as the text typed, for the reader to accept ("21.846") or refuse with its own message."""
    if _PLAIN_NUMBER.fullmatch(value) and (key in _NUMBERS or (key == "value" and "," not in value and "." not in value)):
        return Decimal(value.replace(",", "."))
    return value


def _remove(criteria: Criteria, data: dict[str, Any] | None, fields: dict[str, str]) -> dict[str, Any] | Msg:
    section, index = fields.get("section", ""), fields.get("index", "")
    if data is None or section not in ("corrections", "decisions", "ballots", "acknowledged") or not index.isdigit():
        return msg("There is no such entry.")
    entries = list(data.get(section) or [])
    if int(index) >= len(entries):
        return msg("There is no such entry.")
    del entries[int(index)]
    new = dict(data)
    new[section] = entries
    return _ordered(new)


_CHANGES: dict[str, Change] = {
    "details": _details,
    "correction": _entry(
        "corrections", ("unit", "indicator", "value", "criterion", "points", "reason", "evidence", "explanation")
    ),
    "decision": _entry("decisions", ("unit", "award", "decision", "reason")),
    "ballot": _entry("ballots", ("award", "unit", "voters", "in_favour", "against", "abstain")),
    "acknowledge": _entry("acknowledged", ("rule", "award", "unit", "reason")),
    "remove": _remove,
}
_ORDER = (
    "format",
    "round",
    "meeting",
    "reviewed_by",
    "approved_by",
    "corrections",
    "decisions",
    "ballots",
    "acknowledged",
    "grades",
)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The review file's keys in the order people read them; empty lists left out."""
    known = [k for k in _ORDER if k in data]
    rest = [k for k in data if k not in _ORDER]  # unknown keys are kept, so that the reader refuses them as the CLI does
    return {k: data[k] for k in [*known, *rest] if data[k] != []}


class _Dumper(yaml.SafeDumper):
    """Numbers written as YAML numbers (2.5, 330): the review file's reader refuses a number written as text."""


def _number(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = plain(value)
    return dumper.represent_scalar("tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _number)
_PLAIN_NUMBER = re.compile(r"[-+]?[0-9]+([.,][0-9]+)?")
_NUMBERS = frozenset({"points", "voters", "in_favour", "against", "abstain"})


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def _review_yaml(data: dict[str, Any], old: tuple[bytes, dict[str, Any]] | None, file: str) -> bytes:
    """The review file with `data`: the old file with only what changed rewritten, its comments kept (keep.py), or,
    for a new file or one laid out as the splice does not follow, written afresh."""
    if old is not None:
        kept = spliced(old[0], old[1], data, _dump, file)
        if kept is not None:
            return kept
    head = (
        "# "
        + word(msg("Written by thidua serve (the council's workspace); every entry is checked as thidua review checks it."))
        + "\n"
    )
    return (head + _dump(data)).encode("utf-8")


def create_app(folder: Layout, *, lang: Lang, token: str | None = None, local: bool = True, limit: int = MAX_BODY) -> ASGIApp:
    ws = Workspace(folder, lang)
    routes = [
        Route("/", ws.glance),
        Route("/unit/{unit}", ws.unit),
        Route("/file/{path:path}", ws.file),
        Route("/forms", ws.forms),
        Route("/forms/{unit}.xlsx", ws.form),
        Route("/forms/upload", ws.upload, methods=["POST"]),
        Route("/meeting", ws.meeting),
        Route("/meeting/finalize", ws.finalize, methods=["POST"]),
        Route("/meeting/{what}", ws.change, methods=["POST"]),
        Route("/documents/{kind}.{suffix}", ws.document),
        Route("/next", ws.next_year),
    ]
    app = Starlette(routes=routes)
    return Guard(app, token=token, limit=limit, lang=lang, local=local)
