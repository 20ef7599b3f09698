"""The proposal sent up (tờ trình đề nghị khen thưởng) with its annexed list, from a decision record only.

The tờ trình asks the level above to give the awards the council DECIDED (the record's outcome, after the
council's overrides), and its annex (danh sách đề nghị) lists, award by award, each unit with its total, its
classification, its rank and its ballot. The administrative form is the minutes' (scoring/minutes.py): the
issuing body and the number at top left, the nation and the motto at top right, the signer, the recipients.
Pure: the caller reads (and verifies) the record and writes the file.
"""

from __future__ import annotations

from scoring.document import Block, Center, Document, Heading, Items, PageBreak, Para, Signatures, Table, _text
from scoring.minutes import dated, day_words, digest_line, masthead, share
from scoring.record import Ballot, Outcome, Record
from scoring.wording import Text, msg, word


def proposal_document(record: Record, record_sha256: str, draft: Text | None = None) -> Document:
    """The tờ trình and its annex, in the language in force; `draft` marks every page (an unverified record)."""
    meeting = record.meeting
    form = meeting.proposal
    number = form.number if form is not None else None
    to = tuple(_text(t) for t in (form.to or ())) if form is not None else ()
    awards = [(str(a["id"]), _text(a["label"])) for a in record.proposal["awards"]]
    given = {award: [o for o in record.outcome if award in o.final] for award, _ in awards}
    units = sum(1 for o in record.outcome if any(a in o.final for a in given))
    letter: list[Block] = [
        masthead(meeting, number, "TTr"),
        Heading(1, msg("PROPOSAL")),
        Center(msg("On proposing awards: {title}", title=_text(record.title)), "title"),
        Para(msg("To: {addressees}", addressees="; ".join(to) if to else "……………………"), strong=True),
        Para(msg("Pursuant to the criteria: {title};", title=_text(record.title))),
        Para(
            msg(
                "Pursuant to the minutes of the emulation and commendation council's meeting of {date} at {place};",
                date=_text(meeting.date),
                place=_text(meeting.place),
            )
        ),
        Para(msg("The council respectfully proposes these awards for {count} units (list annexed):", count=units)),
        Items(tuple(msg("{award}: {count} units", award=label, count=len(given[award])) for award, label in awards)),
        Para(msg("Respectfully submitted for consideration and decision.")),
        Signatures(
            ((msg("ON BEHALF OF THE COUNCIL"), _text(meeting.chair)),),
            (_text(meeting.chair_title).upper() if meeting.chair_title else word(msg("CHAIR")),),
            recipients=tuple(_text(r) for r in form.recipients)
            if form is not None and form.recipients
            else (msg("As above;"), msg("Filed: the office.")),
        ),
    ]
    numbered = _text(number) if number else "……/TTr-……"
    annex: list[Block] = [
        PageBreak(),
        Heading(1, msg("LIST OF PROPOSED AWARDS")),
        Center(msg("(Annexed to proposal No. {number} of {date})", number=numbered, date=day_words(meeting)), "title"),
    ]
    ballots = {(b.award, b.unit): b for b in record.ballots}
    header = (msg("No."), msg("Unit"), msg("Total"), msg("Classification"), msg("Rank"), msg("Ballot"), msg("Share in favour"))
    for i, (award, label) in enumerate(awards, start=1):
        annex.append(Heading(3, f"{i}. {label}"))
        holders = given[award]
        if not holders:
            annex.append(Para(msg("No unit.")))
            continue
        rows = tuple(_row(n, o, ballots.get((award, o.unit))) for n, o in enumerate(holders, start=1))
        annex.append(Table(header, rows, frozenset({0, 2, 4, 5, 6})))
    annex.append(Para(msg("The list has {count} units.", count=units), strong=True))
    title = msg("Proposal of awards — {title}", title=_text(record.title))
    sections = (tuple(letter), tuple(annex))
    return Document(title, sections, digest_line(record, record_sha256), dated(record), draft)


def _row(number: int, outcome: Outcome, ballot: Ballot | None) -> tuple[Text, ...]:
    vote: Text = "—"
    in_favour: Text = "—"
    if ballot is not None:
        vote = msg("{in_favour}/{voters} in favour", in_favour=ballot.in_favour, voters=ballot.voters)
        in_favour = share(ballot.in_favour, ballot.voters)
    return (
        str(number),
        _text(outcome.name),
        word(outcome.total),
        _text(outcome.classification),
        str(outcome.rank),
        vote,
        in_favour,
    )
