"""The meeting's minutes (biên bản họp Hội đồng): a decision record as a document to print and sign.

`minutes_markdown` and `minutes_html` lay out the same sections, in the order
of a biên bản: the meeting, the score table, the corrections after the
cross-check, the ranking and the seats, the ballots, the council's decisions,
the signatures and the inputs' digests. Every printed page (HTML) or section
(Markdown) carries the record's SHA-256, so that a signed copy can be traced to
the record it came from. Pure: the caller reads the record (a `Record`, see
scoring/record.py) and writes the file.

Worded in the language in force: Vietnamese by default, numbers written the
Vietnamese way ("93,94", "1.234,5"); English with --lang en. A reason is read
from the record in that language (`said`). Every string from the record is
escaped, since people wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from scoring.awards import vacancies
from scoring.document import (
    Block,
    Center,
    Document,
    Entries,
    Entry,
    Fields,
    Heading,
    Items,
    Masthead,
    Para,
    Section,
    Signatures,
    Table,
    _text,
    html,
    markdown,
)
from scoring.errors import ThiduaError
from scoring.rank import LISTED
from scoring.record import Correction, FileDigest, Meeting, Record
from scoring.wording import LANGUAGES, Listing, Msg, Percent, Signed, Text, language, msg, word, words

TITLE = msg("MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL")
NONE = "none"  # the award id of a decision to give nothing, as in the review file


class IncompleteRecord(ThiduaError):
    """A record whose scores or proposal lack or garble something the minutes show; its message is a `Msg`.

    The rest of the record is typed: `record_from` (scoring/record.py) names its faulty field.
    """


def minutes_document(record: Record, record_sha256: str, draft: Text | None = None) -> Document:
    """The minutes as a document, in the language in force; `draft` marks every page (an unverified record)."""
    title = msg("Minutes of the meeting of the emulation and commendation council — {title}", title=_text(record.title))
    return Document(title, tuple(_sections(record, record_sha256)), digest_line(record, record_sha256), dated(record), draft)


def minutes_markdown(record: Record, record_sha256: str) -> str:
    """The minutes as Markdown, in the language in force."""
    return markdown(minutes_document(record, record_sha256))


def minutes_html(record: Record, record_sha256: str) -> str:
    """The minutes as one HTML page to print (A4), in the language in force."""
    return html(minutes_document(record, record_sha256))


def digest_line(record: Record, record_sha256: str) -> str:
    line = msg(
        "Decision record {round} — SHA-256 {digest} — {engine}",
        round=_text(record.round),
        digest=record_sha256,
        engine=_text(record.engine),
    )
    return word(line)


# The sections, in the order of a biên bản.


def _sections(record: Record, record_sha256: str) -> list[Section]:
    try:
        return [
            _opening(record),
            _scores(record),
            _corrections(record),
            _ranking(record),
            _ballots(record),
            _decisions(record),
            _closing(record),
            _inputs(record, record_sha256),
        ]
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, ArithmeticError) as e:
        # A record is a file: someone may have edited it by hand. `record_from` has checked the typed parts; the
        # scores and the proposal are still loose JSON.
        error = f"{type(e).__name__}: {e}"
        raise IncompleteRecord(msg("the record lacks or garbles a part the minutes show ({error})", error=error)) from e


def _opening(record: Record) -> Section:
    meeting = record.meeting
    fields: list[tuple[Text, Text]] = [(msg("Round id"), _text(record.round)), (msg("Date"), _text(meeting.date))]
    if meeting.start is not None:
        fields.append((msg("Began at"), _text(meeting.start)))
    fields += [
        (msg("Place"), _text(meeting.place)),
        (msg("Chair"), _text(meeting.chair)),
        (msg("Secretary"), _text(meeting.secretary)),
    ]
    blocks: list[Block] = [
        masthead(meeting, meeting.number, "BB"),
        Heading(1, TITLE),
        Center(_text(record.title), "title"),
        Fields(tuple(fields)),
        Para(msg("Present:"), strong=True),
        Items(tuple(_text(a) for a in meeting.attendees), numbered=True),
    ]
    if meeting.absent:
        blocks += [Para(msg("Absent:"), strong=True), Items(tuple(_text(a) for a in meeting.absent), numbered=True)]
    return tuple(blocks)


def masthead(meeting: Meeting, number: str | None, kind: str) -> Masthead:
    """The administrative head from the meeting; what the review file leaves out is a blank to fill by hand."""
    numbered = msg("No.: {number}", number=_text(number) if number else f"……/{kind}-……")
    return Masthead(
        None if meeting.issuer_parent is None else _text(meeting.issuer_parent),
        None if meeting.issuer is None else _text(meeting.issuer),
        numbered,
        dated_line(meeting),
    )


_DATE = re.compile(r"\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})\s*")


def dated_line(meeting: Meeting) -> Msg:
    """ "Cao Bằng, ngày 10 tháng 10 năm 2023": the place (dots when not given) and the day."""
    return msg("{place}, {date}", place=_text(meeting.locality) if meeting.locality else "……", date=day_words(meeting))


def day_words(meeting: Meeting) -> Text:
    """ "ngày 10 tháng 10 năm 2023": a day below 10 and the months 1 and 2 with a leading zero (Decree 30)."""
    found = _DATE.fullmatch(meeting.date)
    if found is None:
        return _text(meeting.date)
    day, month, year = (int(x) for x in found.groups())
    return msg(
        "{day}/{month}/{year}",
        day=f"{day:02d}" if day < 10 else str(day),
        month=f"{month:02d}" if month < 3 else str(month),
        year=str(year),
    )


def dated(record: Record) -> datetime:
    """The Word file's dates: the meeting's day, never the clock (2000-01-01 when the date is not a day/month/year)."""
    return meeting_day(record.meeting)


def meeting_day(meeting: Meeting) -> datetime:
    """The meeting's day as a date (2000-01-01 when the review file's date is not a day/month/year)."""
    found = _DATE.fullmatch(meeting.date)
    if found is not None:
        day, month, year = (int(x) for x in found.groups())
        try:
            return datetime(year, month, day)
        except ValueError:
            pass
    return datetime(2000, 1, 1)


def _scores(record: Record) -> Section:
    ranks = {u["unit"]: int(u["rank"]) for u in record.proposal["units"]}
    units = sorted(record.scores["units"], key=lambda u: ranks.get(u["unit"], len(ranks) + 1))
    groups = dict.fromkeys(_text(g["id"]) for u in units for g in u["groups"])
    maxima = {_text(g["id"]): _number(g["max"]) for u in units for g in u["groups"]}
    header = (
        msg("Rank"),
        msg("Unit"),
        *(msg("Group {group} (at most {max})", group=g, max=maxima[g]) for g in groups),
        msg("Total"),
        msg("Classification"),
        msg("Self-scored points"),
        msg("Difference"),
    )
    rows = []
    for u in units:
        points = {_text(g["id"]): _number(g["points"]) for g in u["groups"]}
        rows.append(
            (
                str(ranks.get(u["unit"], "—")),
                _text(u["name"]),
                *(points.get(g, "—") for g in groups),
                _number(u["total"]),
                _band(u),
                "—" if u.get("self_score") is None else _number(u["self_score"]),
                "—" if u.get("self_score_difference") is None else _signed(u["self_score_difference"]),
            )
        )
    last = len(header) - 1
    numeric = frozenset({0, *range(2, 2 + len(groups)), 2 + len(groups), last - 1, last})
    blocks: list[Block] = [
        Heading(2, msg("I. SCORES")),
        Para(
            msg(
                "Each unit's points by the criteria, after the council's corrections in section II; the difference is"
                " the total minus the unit's own score."
            )
        ),
        Table(header, tuple(rows), numeric),
    ]
    # Classifications and awards by their names where the record has them.
    labels = {u["classification"]["id"]: _band(u) for u in units if u["classification"]} | _award_labels(record)
    notes: list[Text] = []
    for u in units:
        for d in u.get("disqualified", []):
            blocked = Listing(tuple(labels.get(b, _text(b)) for b in d["blocks"]))
            notes.append(
                msg(
                    "{unit}: disqualified by «{id}», not considered for: {awards}",
                    unit=_text(u["name"]),
                    id=_text(d["id"]),
                    awards=blocked,
                )
            )
        for held in u.get("classification_held_back", []):
            band = labels.get(held["id"], _text(held["id"]))
            notes.append(
                msg("{unit}: not classified «{band}»: {reason}", unit=_text(u["name"]), band=band, reason=said(held["reason"]))
            )
    if notes:
        blocks += [Para(msg("Notes:"), strong=True), Items(tuple(notes))]
    return tuple(blocks)


def _corrections(record: Record) -> Section:
    heading = Heading(2, msg("II. CORRECTIONS AFTER THE CROSS-CHECK"))
    corrections = record.corrections
    if not corrections:
        return heading, Para(msg("No correction after the cross-check."))
    names = _unit_names(record)
    entries = []
    for c in corrections:
        unit = _text(c.unit)
        what = _indicator_correction(record, c.indicator, c) if c.indicator is not None else _criterion_correction(record, c)
        fields = (
            (msg("Reason"), _text(c.reason)),
            (msg("Evidence"), _text(c.evidence) if c.evidence else msg("(not given)")),
            (msg("The unit's explanation"), _text(c.explanation) if c.explanation else msg("(none)")),
        )
        entries.append(Entry(f"{names.get(unit, unit)} — {_text(what)}", fields))
    return heading, Para(msg("The council corrects {count} items:", count=len(entries))), Entries(tuple(entries))


def _indicator_correction(record: Record, indicator_id: str, c: Correction) -> Msg:
    indicator = _text(indicator_id)
    used = []
    # As the review file wrote it, unless the scores show the value the engine read from it.
    value = _value(c.value) if isinstance(c.value, bool) else _text(c.value)
    for line in _scorecard(record, c.unit).get("criteria", []):
        given = line["inputs"].get(indicator)
        if given is not None and given.get("source") == "corrected":
            used.append(_text(line["id"]))
            value = _value(given["value"])
            if given.get("answer") is not None:  # a choice: its answer, as two answers may share a number
                value = word(msg("{answer} ({value})", answer=_text(given["answer"]), value=value))
    if not used:
        return msg("indicator {indicator}: the value is corrected to {value}", indicator=indicator, value=value)
    return msg(
        "indicator {indicator} (used by criteria {criteria}): the value is corrected to {value}",
        indicator=indicator,
        criteria=Listing(tuple(used)),
        value=value,
    )


def _criterion_correction(record: Record, c: Correction) -> Msg:
    # The model lets a correction lack them (a correction of an indicator has neither): reported as a missing key.
    if c.criterion is None:
        raise KeyError("criterion")
    if c.points is None:
        raise KeyError("points")
    criterion = _text(c.criterion)
    points = word(c.points)
    line = next((x for x in _scorecard(record, c.unit).get("criteria", []) if x["id"] == criterion), None)
    if line is None:
        return msg("criterion {criterion}: the council gives {points} points", criterion=criterion, points=points)
    return msg(
        "criterion {criterion} «{label}», at most {max} points: the council gives {points} points",
        criterion=criterion,
        label=_text(line["label"]),
        max=_number(line["max"]),
        points=points,
    )


def _ranking(record: Record) -> Section:
    names = _unit_names(record)
    labels = _award_labels(record)
    rows = []
    groups = {g["group"]: g for g in record.proposal["tie_groups"]}
    large = []  # the groups too large to name in each unit's row: listed once, after the ranking
    for u in record.proposal["units"]:
        group = groups.get(u["tie_group"])
        tied = group is not None
        notes: list[Text] = []
        if group is not None and len(group["members"]) - 1 <= LISTED:
            others = tuple(names.get(t, _text(t)) for t in group["members"] if t != u["unit"])
            notes.append(msg("level with {units}", units=Listing(others)))
        elif group is not None:
            count = len(group["members"]) - 1
            notes.append(msg("level with {count} other units (tie group {group})", count=count, group=group["group"]))
            if group not in large:
                large.append(group)
        if u.get("tie"):
            notes.append(msg("tie settled: {how}", how=said(u["tie"])))
        if u["for_council"]:
            council = Listing(tuple(labels.get(a, _text(a)) for a in u["for_council"]))
            notes.append(msg("for the council to consider: {awards}", awards=council))
        rank: Text = msg("{rank} (shared)", rank=int(u["rank"])) if tied else str(u["rank"])
        proposed = "; ".join(_text(p["label"]) for p in u["proposed"]) or "—"
        rows.append(
            (
                rank,
                _text(u["name"]),
                _number(u["total"]),
                _band(u),
                proposed,
                words(notes),
            )
        )
    header = (msg("Rank"), msg("Unit"), msg("Total"), msg("Classification"), msg("Proposed by the criteria"), msg("Notes"))
    blocks: list[Block] = [
        Heading(2, msg("III. RANKING AND PROPOSED AWARDS")),
        Para(
            msg(
                "Units level on points are separated by the tie-break keys of the criteria, in their order; units still"
                " level share the rank."
            )
        ),
        Table(header, tuple(rows), frozenset({0, 2})),
    ]
    if large:
        rows_of = tuple((str(g["group"]), str(g["rank"]), ", ".join(names.get(t, _text(t)) for t in g["members"])) for g in large)
        blocks.append(Table((msg("Tie group"), msg("Rank"), msg("Units that share the rank")), rows_of, frozenset({0, 1})))
    for i, award in enumerate(record.proposal["awards"], start=1):
        blocks += _seats(award, i, names)
    return tuple(blocks)


def _seats(award: dict[str, Any], number: int, names: dict[str, str]) -> list[Block]:
    def units(ids: Iterable[str]) -> str:
        return ", ".join(names.get(u, _text(u)) for u in ids) or "—"

    threshold = award.get("vote_threshold")
    whole_round = award["scope"] == "round"
    rows = tuple(
        (
            msg("The whole round") if whole_round else _text(s["scope"]),
            str(s["quota"]),
            said(s["basis"]),
            units(s["eligible"]),
            units(s["proposed"]),
            units(s["for_council"]),
            words(
                vacancies(
                    s["quota"], len(s["proposed"]), tuple(names.get(u, _text(u)) for u in s["for_council"]), s["open_seats"]
                )
            )
            or "—",
            said(s["note"]) if s.get("note") else "",
        )
        for s in award["seats"]
    )
    header = (
        msg("Scope"),
        msg("Quota"),
        msg("Basis of the quota"),
        msg("Eligible"),
        msg("Proposed"),
        msg("For the council to consider"),
        msg("Seats not proposed"),
        msg("Notes"),
    )
    vote = msg("not needed") if threshold is None else msg("at least {share} of the votes in favour", share=_percent(threshold))
    return [
        Heading(3, f"{number}. {_text(award['label'])}"),
        Fields(((msg("Considered across"), msg("the whole round") if whole_round else msg("each cluster")), (msg("Vote"), vote))),
        Table(header, rows, frozenset({1, 6})),
    ]


def _ballots(record: Record) -> Section:
    heading = Heading(2, msg("IV. BALLOTS"))
    awards = {a["id"]: a for a in record.proposal["awards"]}
    names = _unit_names(record)
    rows = []
    for i, b in enumerate(record.ballots, start=1):
        award = awards.get(b.award, {})
        voters, in_favour = b.voters, b.in_favour
        threshold = award.get("vote_threshold")
        needed: Text = "—"
        result: Text = "—"
        if threshold is not None:
            needed = _percent(threshold)
            result = msg("Passed") if Decimal(in_favour) >= Decimal(threshold) * voters else msg("Not passed")
        rows.append(
            (
                str(i),
                _text(award.get("label", b.award)),
                names.get(b.unit, _text(b.unit)),
                str(voters),
                str(in_favour),
                str(b.against),
                str(b.abstain),
                share(in_favour, voters),
                needed,
                result,
            )
        )
    if not rows:
        return heading, Para(msg("Nothing was put to the vote."))
    header = (
        msg("No."),
        msg("Title or form of award"),
        msg("Unit"),
        msg("Voters"),
        msg("In favour"),
        msg("Against"),
        msg("Abstaining"),
        msg("Share in favour"),
        msg("Threshold"),
        msg("Result"),
    )
    thresholds = tuple(
        msg(
            "{award}: needs at least {share} of the votes in favour", award=_text(a["label"]), share=_percent(a["vote_threshold"])
        )
        for a in record.proposal["awards"]
        if a.get("vote_threshold") is not None
    )
    return (
        heading,
        Table(header, tuple(rows), frozenset(range(3, 9)) | {0}),
        Para(msg("Vote thresholds set by the criteria:"), strong=True),
        Items(thresholds or (msg("No award needs a vote."),)),
    )


def _decisions(record: Record) -> Section:
    labels = _award_labels(record)

    def tiers(ids: Sequence[str]) -> Text:
        return "; ".join(_text(labels.get(a, a)) for a in ids) or msg("No proposal")

    rows = []
    marked: set[int] = set()
    for i, o in enumerate(record.outcome):
        reasons = "; ".join(f"{_text(labels.get(a, a))}: {said(r)}" for a, r in o.reasons.items())
        if o.changed:
            marked.add(i)
        change = msg("CHANGED") if o.changed else msg("Unchanged")
        rows.append((str(o.rank), _text(o.name), word(o.total), tiers(o.computed), tiers(o.final), change, reasons))
    header = (
        msg("Rank"),
        msg("Unit"),
        msg("Total"),
        msg("Proposed by the criteria"),
        msg("Council's decision"),
        msg("Compared with the proposal"),
        msg("Reason"),
    )
    blocks: list[Block] = [
        Heading(2, msg("V. THE COUNCIL'S DECISIONS")),
        Table(header, tuple(rows), frozenset({0, 2}), marked=frozenset(marked)),
        Para(msg("The council agrees to propose these awards:"), strong=True),
    ]
    holders: list[Text] = []
    for award in record.proposal["awards"]:
        given = tuple(_text(o.name) for o in record.outcome if award["id"] in o.final)
        holders.append(msg("{award}: {units}", award=_text(award["label"]), units=Listing(given) if given else msg("no unit")))
    blocks.append(Items(tuple(holders)))
    blocks.append(Para(msg("Departures from the rules accepted by the council:"), strong=True))
    acknowledged = record.acknowledged
    if not acknowledged:
        blocks.append(Para(msg("None.")))
        return tuple(blocks)
    names = _unit_names(record)
    entries = []
    for a in acknowledged:
        title = _text(_RULES[a.rule])
        if a.award:
            title += f" — {_text(labels.get(a.award, a.award))}"
        if a.unit:
            title += f" — {names.get(a.unit, _text(a.unit))}"
        fields = ((msg("What"), said(a.message)), (msg("Reason for accepting"), _text(a.reason)))
        entries.append(Entry(title, fields))
    blocks.append(Entries(tuple(entries)))
    return tuple(blocks)


_RULES = {
    "quota": msg("Beyond the award quota"),
    "eligibility": msg("Not eligible by the criteria"),
    "vote": msg("Short of the share of votes in favour"),
    "same_person": msg("The reviewer is also the approver"),
}


def _closing(record: Record) -> Section:
    meeting = record.meeting
    blocks: list[Block] = [
        Heading(2, msg("REVIEWER AND APPROVER")),
        Fields(((msg("Reviewed by"), _text(record.reviewed_by)), (msg("Approved by"), _text(record.approved_by)))),
        Para(
            msg(
                "These minutes are drawn up from the decision record whose SHA-256 is in the footer; the members"
                " present agree and sign."
            )
        ),
        Para(
            msg(
                "The meeting ended at {end} on the same day; the minutes were read to the meeting and approved by the"
                " members present.",
                end=_text(meeting.end) if meeting.end else "……",
            )
        ),
        Signatures(  # Nơi nhận at the left of the signatures, when the review file names the recipients
            ((msg("SECRETARY"), _text(meeting.secretary)), (msg("CHAIR"), _text(meeting.chair))),
            (_title(meeting.secretary_title), _title(meeting.chair_title)),
            tuple(_text(r) for r in meeting.recipients or ()),
        ),
    ]
    return tuple(blocks)


def _title(title: str | None) -> str | None:
    return None if title is None else _text(title).upper()


def _inputs(record: Record, record_sha256: str) -> Section:
    inputs = record.inputs
    files: list[tuple[Text, FileDigest]] = [(msg("Criteria table"), inputs.criteria)]
    files += [(msg("Unit's report"), s) for s in inputs.submissions]
    files.append((msg("The council's review"), inputs.review))
    files += [(msg("Assessors' grades"), g) for g in inputs.grades or ()]
    files += [(msg("Record of a source round"), s) for s in inputs.sources or ()]
    rows = tuple((str(i), kind, _text(f.path), _text(f.sha256)) for i, (kind, f) in enumerate(files, start=1))
    about = msg(
        "Decision record {round}, drawn up by {engine}, SHA-256 {digest}. The record is checked against the input"
        " files below with the command thidua verify.",
        round=_text(record.round),
        engine=_text(record.engine),
        digest=record_sha256,
    )
    return (
        Heading(2, msg("DATA SOURCES")),
        Para(about),
        Table((msg("No."), msg("Kind of file"), msg("File"), "SHA-256"), rows, frozenset({0}), digests=frozenset({3})),
    )


# Reading the record.


def said(reason: object) -> str:
    """A reason read from the record, in the language in force, as one line.

    Records written before issue 11 hold a sentence; later ones an object
    {"code", "params", "text"}, whose text is in one language or in each
    ({"vi": …, "en": …}: the language in force, else another one). A list of
    reasons is joined with "; ".
    """
    if isinstance(reason, list):
        return "; ".join(said(r) for r in reason)
    text = reason["text"] if isinstance(reason, dict) else reason
    if isinstance(text, dict):
        text = next((text[lang] for lang in (language(), *LANGUAGES, *text) if lang in text), None)
        if text is None:
            raise ValueError("a reason's text is empty")
    return _text(text)


def _unit_names(record: Record) -> dict[str, str]:
    return {u["unit"]: _text(u["name"]) for u in record.scores["units"]}


def _award_labels(record: Record) -> dict[str, Text]:
    labels: dict[str, Text] = {a["id"]: _text(a["label"]) for a in record.proposal["awards"]}
    return {**labels, NONE: msg("No award")}


def _scorecard(record: Record, unit: str) -> dict[str, Any]:
    card: dict[str, Any] = next((u for u in record.scores["units"] if u["unit"] == unit), {})
    return card


def _band(unit: Mapping[str, Any]) -> str:
    """A unit's classification band from the record; '—' in a round without bands."""
    band = unit["classification"]
    return "—" if band is None else _text(band["label"])


_DECIMAL = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def _decimal(value: object) -> Decimal | None:
    """A decimal as the record writes it ("1234.50"); None for other text."""
    text = _text(value)
    return Decimal(text) if _DECIMAL.fullmatch(text) else None


def _number(value: object) -> str:
    """A decimal from the record as the language in force writes it ("1.234,50" in Vietnamese); other text unchanged."""
    number = _decimal(value)
    return _text(value) if number is None else word(number)


def _signed(value: object) -> str:
    """+1,44 and −6,18: a difference with its sign."""
    number = _decimal(value)
    return _text(value) if number is None else word(Signed(number))


def _value(value: object) -> str:
    return word(value) if isinstance(value, bool) else _number(value)


def _percent(fraction: object) -> str:
    """A threshold as the record writes it ("0.8") as a percentage ("80%")."""
    return word(Percent(Decimal(_text(fraction))))


def share(in_favour: int, voters: int) -> str:
    if voters <= 0:
        return "—"
    # Rounded half-even to a tenth of a percent, as the engine rounds it in its messages about votes.
    share = (Decimal(in_favour * 100) / voters).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    return word(Percent(share / 100))
