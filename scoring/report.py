"""The round's report for print (báo cáo kết quả thi đua): one self-contained HTML file, A4.

Worded in the language in force: Vietnamese by default (numbers as 94,58),
English with --lang en.

A summary page (ranking, proposed and decided tiers, a chart of each unit's
points by group, the inputs' digests), then one page per unit with its whole
explanation and how far it stands from the next rank and tier. No network: the
styles, the chart (inline SVG, hatch patterns that survive black-and-white
printing) and the fonts (a local stack) are all in the file. Every string that
comes from an input file is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from html import escape

from scoring import __version__
from scoring.awards import NextTier, Outcome, Proposal
from scoring.document import (
    FORM_CSS,
    Block,
    Document,
    Fields,
    Heading,
    Items,
    Outline,
    PageBreak,
    Para,
    Section,
    Signatures,
    Table,
    docx,
    form_html,
    html_to_pdf,
)
from scoring.evaluate import NO_BAND, Results, Scorecard
from scoring.explain import Node, explain
from scoring.minutes import masthead, meeting_day
from scoring.numbers import plain
from scoring.rank import rank
from scoring.record import meeting_from
from scoring.review import Decided
from scoring.robustness import Robustness
from scoring.robustview import robustness_html, robustness_section
from scoring.submissions import Submission
from scoring.wording import Listing, Msg, Percent, Signed, Text, UnitRef, language, msg, naming, word, words

FONTS = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif'
NARROW = '"DejaVu Sans Condensed", "Liberation Sans Narrow", "Arial Narrow", ' + FONTS

# A unit's explanation runs to some 10,000 characters (every input with its evidence): set in 7.5pt
# DejaVu Sans Condensed it takes about two A4 pages; each unit starts on a new page.
CSS = f"""
@page {{ size: A4; margin: 8mm 10mm 11mm 10mm; }}
* {{ box-sizing: border-box; }}
html {{ font-family: {FONTS}; font-size: 8pt; line-height: 1.3; color: #000; background: #fff; }}
body {{ margin: 0; }}
h1 {{ font-size: 14pt; margin: 0 0 1mm; line-height: 1.2; }}
h2 {{ font-size: 10.5pt; margin: 4mm 0 1.5mm; }}
h1 + .sub {{ margin: 0 0 3mm; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.5pt solid #000; padding: 0.6mm 1.1mm; text-align: left; vertical-align: top; }}
table.ranking {{ font-size: 7.5pt; line-height: 1.2; }}
td.name {{ white-space: nowrap; }}
td.why {{ width: 30%; }}
th {{ background: #e6e6e6; font-weight: bold; }}
td.num {{ text-align: right; white-space: nowrap; }}
a {{ color: inherit; text-decoration: none; }}
.small {{ font-size: 7pt; }}
.changed {{ font-weight: bold; }}
.masthead, .signatures {{ font-size: 9pt; }}
.recipients, .signatures .recipients {{ font-size: 8pt; margin-top: 3mm; }}
.masthead .left, .masthead .right {{ font-size: 9pt; }}
.signature .room {{ height: 18mm; }}
code, .digest {{ font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 6.5pt; }}
figure {{ margin: 2mm 0 0; }}
figure svg {{ width: 100%; height: auto; display: block; }}
section.unit {{ break-before: page; }}
section.unit h2 {{ margin: 0 0 1.5mm; font-size: 11pt; }}
dl.facts {{
  display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.2mm 2mm;
  margin: 0 0 1.5mm; font-size: 6.8pt; line-height: 1.18;
}}
dl.facts dt {{ font-weight: bold; white-space: nowrap; }}
dl.facts dd {{ margin: 0; }}
dl.facts dd.wide {{ grid-column: span 3; }}
dl.facts ul {{ margin: 0; padding-left: 3.5mm; }}
ul.explain, ul.explain ul {{ margin: 0; padding-left: 3mm; }}
ul.explain {{ padding: 0; list-style: none; font-family: {NARROW}; font-size: 7.5pt; line-height: 1.2; }}
ul.explain > li > .t {{ font-weight: bold; font-size: 7pt; }}
ul.explain > li > ul > li {{ margin-top: 0.6mm; }}
ul.explain > li > ul > li > .t {{ font-weight: bold; }}
ul.explain ul.leaves {{ display: inline; padding: 0; list-style: none; }}
ul.leaves > li {{ display: inline; }}
ul.leaves > li::before {{ content: " ▸ "; }}
ul.explain > li > ul > li > ul > li > .t {{ font-weight: bold; }}
footer.running {{
  position: fixed; bottom: 0; left: 0; right: 0; padding-top: 0.8mm;
  border-top: 0.5pt solid #000; background: #fff; font-size: 6.5pt;
}}
@media screen {{
  html {{ background: #fff; }}
  @media (min-width: 1200px) {{ html {{ zoom: 1.5; }} }}
  body {{ width: 210mm; margin: 0 auto; }}
  section.summary, section.unit {{ padding: 8mm 10mm 12mm; min-height: 297mm; }}
  section.unit {{ border-top: 1px dashed #888; }}
  footer.running {{ width: 210mm; margin: 0 auto; padding: 1mm 10mm; }}
}}
"""

# Black-and-white fills, one per group: they stay apart on a monochrome printer, where greys would not.
_HATCHES = (
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#000" stroke-width="1.3"/>',  # ////
    '<path d="M0,2 H8 M0,6 H8" stroke="#000" stroke-width="1.1"/>',  # ====
    '<circle cx="2" cy="2" r="1.3"/><circle cx="6" cy="6" r="1.3"/>',  # dots
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#000" stroke-width="0.9"/>',
    '<path d="M2,0 V8 M6,0 V8" stroke="#000" stroke-width="1.1"/>',  # ||||
    '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#000" stroke-width="1.3"/>',  # backslashes
    '<rect width="8" height="8" fill="#555"/>',  # solid dark
    '<path d="M0,0.5 H8 M0.5,0 V8 M0,4.5 H8 M4.5,0 V8" stroke="#000" stroke-width="0.8"/>',  # grid
    "",  # plain white
)
_HALO = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"'


def _e(text: Text) -> str:
    """A text worded in the language in force, escaped for HTML (a text from an input file is shown as written)."""
    return escape(word(text))


def _cut(text: str, most: int) -> str:
    """`text` cut to `most` characters with '…': SVG text does not wrap (the whole text goes in a <title>)."""
    return text if len(text) <= most else text[: most - 1] + "…"


# The chart's geometry, in SVG user units (the figure is scaled to the page's width).
_WIDTH, _BAR, _GAP, _TOP, _CHAR = 760, 19, 6, 22, 6.6  # _CHAR: a name's character width at font-size 11


def group_chart_svg(results: Results) -> str:
    """Each unit's points by group as horizontal stacked bars, in rank order, with hatches and a legend."""
    criteria = results.criteria
    cards = [s.card for s in rank(results)]
    groups = criteria.groups
    name_chars = min(max((len(c.unit.name) for c in cards), default=10), 38)
    left = name_chars * _CHAR + 12
    span = _WIDTH - left - 58  # room on the right for the total
    per_point = span / float(criteria.scale) if criteria.scale > 0 else 0.0
    legend_top = _TOP + len(cards) * (_BAR + _GAP) + 8
    height = legend_top + len(groups) * 16 + 2
    title = msg("Each unit's points by criteria group")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'font-family="{_e(FONTS)}" font-size="11">',
        f"<title>{_e(title)}</title>",
        "<defs>",
    ]
    for i in range(len(groups)):
        parts.append(
            f'<pattern id="hatch-{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="#fff"/>{_HATCHES[i % len(_HATCHES)]}</pattern>'
        )
    parts.append("</defs>")
    for q in range(5):  # the scale in quarters
        x = left + span * q / 4
        value = word((criteria.scale * q / 4).normalize()) if q else "0"
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 4}" x2="{x:.1f}" y2="{legend_top - 8}" stroke="#999" stroke-dasharray="2,2"/>'
            f'<text x="{x:.1f}" y="{_TOP - 8}" text-anchor="middle" font-size="9">{_e(value)}</text>'
        )
    for row, card in enumerate(cards):
        parts.append(_bar(card, _TOP + row * (_BAR + _GAP), left, per_point, name_chars))
    for i, group in enumerate(groups):
        y = legend_top + i * 16
        text = word(msg("{id}. {label} (at most {max} points)", id=group.id, label=group.label, max=group.max))
        parts.append(
            f'<g class="legend-entry" data-group="{_e(group.id)}">'
            f'<rect x="4" y="{y}" width="26" height="13" fill="url(#hatch-{i})" stroke="#000" stroke-width="0.8"/>'
            f'<text x="36" y="{y + 11}" font-size="10.5">{_e(_cut(text, 115))}<title>{_e(text)}</title></text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _bar(card: Scorecard, y: int, left: float, per_point: float, name_chars: int) -> str:
    """One unit's bar: its name, a hatched segment per group (labelled where it fits), its total."""
    base = y + 13.5  # the text baseline, centred in the bar
    parts = [
        f'<g class="bar" data-unit="{_e(card.unit.id)}">',
        f'<text x="{left - 6:.1f}" y="{base}" text-anchor="end">{_e(_cut(card.unit.name, name_chars))}'
        f"<title>{_e(card.unit.name)}</title></text>",
    ]
    x = left
    for i, g in enumerate(card.groups):
        w = float(max(g.points, Decimal(0))) * per_point
        title = f"{g.group.id}. {g.group.label}: {word(g.points)} / {word(g.group.max)}"
        parts.append(
            f'<rect class="segment" data-group="{_e(g.group.id)}" data-points="{_e(plain(g.points))}" '
            f'x="{x:.2f}" y="{y}" width="{w:.2f}" height="{_BAR}" fill="url(#hatch-{i})" stroke="#000" stroke-width="0.8">'
            f"<title>{_e(title)}</title></rect>"
        )
        label = next((t for t in (f"{g.group.id}: {word(g.points)}", g.group.id) if len(t) * 5.6 + 6 <= w), None)
        if label is not None:  # white-haloed, to read over the hatch
            parts.append(f'<text x="{x + w / 2:.2f}" y="{base}" text-anchor="middle" font-size="9.5" {_HALO}>{_e(label)}</text>')
        x += w
    parts.append(f'<text class="total" x="{x + 5:.2f}" y="{base}" font-weight="bold">{_e(word(card.total))}</text></g>')
    return "".join(parts)


def explanation_html(node: Node) -> str:
    """An explanation tree as nested lists; the last level of each branch flows as one paragraph."""
    return f'<ul class="explain">{_item(node)}</ul>'


def _item(node: Node) -> str:
    if not node.children:
        return f"<li>{_e(node.text)}</li>"
    leaves = ' class="leaves"' if all(not c.children for c in node.children) else ""
    return f'<li><span class="t">{_e(node.text)}</span><ul{leaves}>{"".join(_item(c) for c in node.children)}</ul></li>'


def _rank_text(o: Outcome) -> str:
    return f"{o.standing.rank}=" if o.standing.tied_with else str(o.standing.rank)


def short_reason(o: Outcome) -> str:
    """One line for the ranking table: why the unit got its tier, or what kept it from the nearest one."""
    if o.proposed:
        return word(o.proposed[0][1])
    refusal = next((r for r in o.refused if r.award in o.for_council), o.refused[-1] if o.refused else None)
    if refusal is None:
        return ""
    return f"{refusal.award.label}: {words(refusal.reasons) or words(refusal.would_take)}"


def _labels(proposal: Proposal, ids: Sequence[str]) -> str:
    labels = {a.id: a.label for a in proposal.results.criteria.awards}
    return ", ".join(labels[a] for a in ids) or "—"


def _decision(proposal: Proposal, decided: Decided, o: Outcome) -> tuple[Text, bool, tuple[str, ...]]:
    """The council's tiers for a unit (said to be changed where they differ from the proposal), and the reasons given."""
    unit = o.standing.unit
    final = list(decided.final[unit])
    tiers = _labels(proposal, final)
    changed = final != [a.id for a, _ in o.proposed]
    reasons = tuple(r for (u, _), r in decided.reasons.items() if u == unit)
    return (msg("{tiers} (changed)", tiers=tiers) if changed else tiers), changed, reasons


@dataclass(frozen=True)
class _RankingRow:
    """One line of the ranking table, for the HTML page and the Word file alike."""

    outcome: Outcome
    cluster: str | None  # "c1 (1=)": the unit's cluster and its rank there, in a round of clusters
    proposed: Text
    final: Text | None  # the council's tiers, with --decisions
    changed: bool
    why: Text


def _ranking(proposal: Proposal, decided: Decided | None) -> tuple[list[Text], list[_RankingRow]]:
    criteria = proposal.results.criteria
    clusters = len(criteria.clusters) > 1
    heads: list[Text] = [msg("Rank"), msg("Unit"), *([msg("Cluster")] if clusters else []), msg("Total")]
    heads += [msg("Classification"), msg("Proposed (computed)")]
    if decided is not None:
        heads.append(msg("Council's decision"))
    heads.append(msg("Reason"))
    rows = []
    for o in proposal.outcomes:
        card = o.standing.card
        proposed: Text = _labels(proposal, [a.id for a, _ in o.proposed])
        if o.for_council:
            council = Listing(tuple(a.label for a in o.for_council))
            proposed = msg("{proposed}; for the council to decide: {awards}", proposed=proposed, awards=council)
        cluster = None
        if clusters:
            in_cluster = f"{o.standing.cluster_rank}=" if o.standing.cluster_tied_with else str(o.standing.cluster_rank)
            cluster = f"{card.unit.cluster} ({in_cluster})"
        why: Text = short_reason(o)
        final: Text | None = None
        changed = False
        if decided is not None:
            final, changed, reasons = _decision(proposal, decided, o)
            if reasons:
                why = msg("Council: {reasons}", reasons=Listing(reasons, "; "))
        rows.append(_RankingRow(o, cluster, proposed, final, changed, why))
    return heads, rows


def _about(proposal: Proposal) -> Msg:
    criteria = proposal.results.criteria
    if criteria.year is None:  # a file that names no year
        return msg(
            "Report of the scores, the ranking and the proposed awards · round {id} · scale {scale} · {units} units",
            id=criteria.id,
            scale=criteria.scale,
            units=len(proposal.outcomes),
        )
    return msg(
        "Report of the scores, the ranking and the proposed awards · round {id} · year {year} · scale {scale} · {units} units",
        id=criteria.id,
        year=criteria.year,
        scale=criteria.scale,
        units=len(proposal.outcomes),
    )


def _meeting_line(decided: Decided) -> Msg:
    spec = decided.review.spec
    return msg(
        "The emulation and commendation council met on {date} at {place}; reviewed by {reviewed_by}; approved by"
        " {approved_by}. The points below include the council's corrections.",
        date=spec.meeting.date,
        place=spec.meeting.place,
        reviewed_by=spec.reviewed_by,
        approved_by=spec.approved_by,
    )


def _signatures(decided: Decided) -> Signatures:
    """Signed by the secretary and the chair, as the minutes are; Nơi nhận at their left."""
    m = meeting_from(decided.review.spec.meeting)
    people = ((msg("SECRETARY"), m.secretary), (msg("CHAIR"), m.chair))
    titles = tuple(None if t is None else t.upper() for t in (m.secretary_title, m.chair_title))
    return Signatures(people, titles, m.recipients or ())


def _summary(proposal: Proposal, submissions: Sequence[Submission], decided: Decided | None) -> str:
    criteria = proposal.results.criteria
    heads, ranking = _ranking(proposal, decided)
    rows = []
    for row in ranking:
        card = row.outcome.standing.card
        cells = [
            f'<td class="num">{_e(_rank_text(row.outcome))}</td>',
            f'<td class="name"><a href="#unit-{_e(card.unit.id)}">{_e(card.unit.name)}</a></td>',
        ]
        if row.cluster is not None:
            cells.append(f'<td class="name">{_e(row.cluster)}</td>')
        cells += [
            f'<td class="num">{_e(word(card.total))}</td>',
            f"<td>{_e(card.classification.label if card.classification else NO_BAND)}</td>",
            f"<td>{_e(row.proposed)}</td>",
        ]
        if row.final is not None:
            mark = ' class="changed"' if row.changed else ""
            cells.append(f"<td{mark}>{_e(row.final)}</td>")
        cells.append(f'<td class="why small">{_e(row.why)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f"<th>{_e(h)}</th>" for h in heads)
    table = f'<table class="ranking"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    out = ['<section class="summary">']
    if decided is not None:  # the administrative head (Decree 30/2020/NĐ-CP): the meeting says who issues it
        out.append(form_html(masthead(meeting_from(decided.review.spec.meeting), None, "BC")))
    out += [f"<h1>{_e(criteria.title)}</h1>", f'<p class="sub">{_e(_about(proposal))}</p>']
    if decided is not None:
        out.append(f'<p class="small">{_e(_meeting_line(decided))}</p>')
    out += [f"<h2>{_e(msg('Ranking and awards'))}</h2>", table, _seats(proposal, decided)]
    out += [
        f"<h2>{_e(msg('Points by criteria group'))}</h2>",
        f"<figure>{group_chart_svg(proposal.results)}</figure>",
        _digests(proposal, submissions, decided),
    ]
    if decided is not None:
        out.append(form_html(_signatures(decided)))
    out.append("</section>")
    return "\n".join(out)


def _seats(proposal: Proposal, decided: Decided | None) -> str:
    items = [f"<li>{_e(text)}</li>" for text in _seat_lines(proposal, decided)]
    return f'<ul class="small">{"".join(items)}</ul>' if items else ""


def _seat_lines(proposal: Proposal, decided: Decided | None) -> list[Text]:
    """Each award's seats, and each departure from the rules the council accepted."""
    criteria = proposal.results.criteria
    items: list[Text] = []
    for s in proposal.seats:
        award = (
            s.award.label if s.scope == criteria.id else msg("{award} (cluster {cluster})", award=s.award.label, cluster=s.scope)
        )
        parts: list[Text] = [msg("{award}: {basis}", award=award, basis=s.basis)]
        if s.award.vote is not None:
            parts.append(msg("needs at least {share} of the votes in favour", share=Percent(s.award.vote)))
        parts.append(msg("proposed: {units}", units=Listing(tuple(map(UnitRef, s.proposed))) if s.proposed else msg("no unit")))
        text = words([*parts, *s.vacancies])  # the seats not proposed: held for the council, or with no one eligible
        if s.note:
            text += f" — {word(s.note)}"
        items.append(text)
    if decided is not None:
        for b in decided.breaches:
            items.append(msg("Accepted by the council: {breach} — reason: {reason}", breach=b.message, reason=b.acknowledged))
    return items


def _digest_rows(proposal: Proposal, submissions: Sequence[Submission], decided: Decided | None) -> list[tuple[Msg, str, str]]:
    """(kind, path, SHA-256) of every input file: the criteria, the submissions, the council's review."""
    criteria = proposal.results.criteria
    files = {s.file: s.sha256 for s in submissions}
    rows = [(msg("Criteria"), criteria.file, criteria.sha256)]
    rows += [(msg("Unit's submission"), f, files[f]) for f in sorted(files)]
    if decided is not None:
        rows.append((msg("Council's review"), decided.review.doc.file, decided.review.sha256))
    return rows


def _software() -> Msg:
    return msg("Software: thidua {version}. Running it again on the same files gives exactly this result.", version=__version__)


def _digests(proposal: Proposal, submissions: Sequence[Submission], decided: Decided | None) -> str:
    rows = _digest_rows(proposal, submissions, decided)
    body = "".join(
        f'<tr><td>{_e(kind)}</td><td><code>{_e(path)}</code></td><td class="digest">{_e(sha)}</td></tr>'
        for kind, path, sha in rows
    )
    software = _software()
    return (
        f"<h2>{_e(msg('Input files (SHA-256 digests)'))}</h2>"
        f'<table class="small digests"><thead><tr><th>{_e(msg("File"))}</th><th>{_e(msg("Path"))}</th><th>SHA-256</th></tr>'
        f"</thead><tbody>{body}</tbody></table>"
        f'<p class="small">{_e(software)}</p>'
    )


def _unit_facts(
    proposal: Proposal, o: Outcome, decided: Decided | None
) -> tuple[list[tuple[Text, Text]], list[tuple[Text, Text]]]:
    """The facts at the head of a unit's page: the short ones (two to a row) and the wide ones."""
    card = o.standing.card
    criteria = proposal.results.criteria
    own, diff = card.submission.self_score, card.self_score_difference
    mine = (
        msg("the unit gave no self-score")
        if own is None or diff is None
        else msg("{own}; computed − self-scored = {difference}", own=own, difference=Signed(diff))
    )
    short: list[tuple[Text, Text]] = [  # two to a row
        (msg("Rank"), f"{_rank_text(o)} / {len(proposal.outcomes)}"),
        (
            msg("Total"),
            f"{word(card.total)} / {word(criteria.scale)}" + (f" — {card.classification.label}" if card.classification else ""),
        ),
        (msg("Self-score"), mine),
        (msg("To the rank above"), word(o.to_next_rank) if o.to_next_rank else msg("at the top")),
    ]
    wide: list[tuple[Text, Text]] = [(msg("How the tie was settled"), words(o.standing.ties))] if o.standing.ties else []
    wide.append((msg("Proposed (computed)"), "; ".join(f"{a.label} — {word(why)}" for a, why in o.proposed) or "—"))
    if o.for_council:
        wide.append((msg("For the council to decide"), ", ".join(a.label for a in o.for_council)))
    if decided is not None:
        final, _, reasons = _decision(proposal, decided, o)
        decision = words((final, *(msg("reason: {reason}", reason=r) for r in reasons)))
        wide.append((msg("Council's decision"), decision))
    wide.append((msg("To the tier above"), word(o.to_next_tier) if o.to_next_tier else "—"))
    return short, wide


def _refusals(o: Outcome) -> list[tuple[Text, Text | None]]:
    """Each tier the unit was not proposed for: why, and what it would take where the facts above do not say it."""
    items: list[tuple[Text, Text | None]] = []
    for r in o.refused:
        said_above = o.to_next_tier == NextTier(r.award.label, r.reasons, r.would_take)
        needs = msg("needs: {what}", what=Listing(r.would_take, "; ")) if r.would_take and not said_above else None
        items.append((f"{word(r.award.label)}: {word(words(r.reasons) or '—')}", needs))
    return items


def _unit_page(proposal: Proposal, o: Outcome, decided: Decided | None) -> str:
    results = proposal.results
    card = o.standing.card
    short, wide = _unit_facts(proposal, o, decided)
    rows = [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in short]
    rows += [f'<dt>{_e(k)}</dt><dd class="wide">{_e(v)}</dd>' for k, v in wide]
    if o.refused:
        items = []
        for why, needs in _refusals(o):
            item = _e(why) + (f" <i>— {_e(needs)}</i>" if needs is not None else "")
            items.append(f"<li>{item}</li>")
        rows.append(f'<dt>{_e(msg("Not proposed"))}</dt><dd class="wide"><ul>{"".join(items)}</ul></dd>')
    return (
        f'<section class="unit" id="unit-{_e(card.unit.id)}">'
        f"<h2>{_e(_rank_text(o))}. {_e(card.unit.name)} <small>({_e(card.unit.id)})</small></h2>"
        f'<dl class="facts">{"".join(rows)}</dl>'
        f"{explanation_html(explain(results, card.unit.id, sources=False))}"
        "</section>"
    )


def _page_footer(text: str) -> str:
    """The footer printed in each page's bottom margin (a CSS margin box), where it cannot hide the last lines.

    The fixed footer element is kept for the screen; a printed page shows the margin box instead.
    """
    quoted = "".join(c if c.isalnum() or c in " ·-_.:/()" else f"\\{ord(c):x} " for c in text)
    return (
        (
            f'@page {{ @bottom-left {{ content: "{quoted}"; font-family: {FONTS}; font-size: 6.5pt; vertical-align: top;'
            " border-top: 0.5pt solid #000; padding-top: 0.8mm; }} }}\n"
            "@media print {{ footer.running {{ display: none; }} }}\n"
        )
        .replace("{{", "{")
        .replace("}}", "}")
    )


def report_html(
    proposal: Proposal,
    submissions: Sequence[Submission],
    decided: Decided | None = None,
    robustness: Robustness | None = None,
) -> str:
    """The whole report, in the language in force. With `decided`, `proposal` must be `decided.proposal` (the corrected
    scores)."""
    criteria = proposal.results.criteria
    pages = "\n".join(_unit_page(proposal, o, decided) for o in proposal.outcomes)
    if robustness is not None:  # a page on how sure the proposal is, after the summary
        pages = robustness_html(robustness) + "\n" + pages
    footer = _footer(proposal)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(criteria.title)}</title>\n<style>{CSS}{FORM_CSS}{_page_footer(word(footer))}</style>\n</head>\n<body>\n"
        f'<footer class="running">{_e(footer)}</footer>\n'
        f"{_summary(proposal, submissions, decided)}\n"
        f"{pages}\n</body>\n</html>\n"
    )


def report_bytes(
    suffix: str,
    proposal: Proposal,
    submissions: Sequence[Submission],
    decided: Decided | None = None,
    robustness: Robustness | None = None,
) -> bytes:
    """The report as a file of `suffix` (.html, .docx or .pdf), as `thidua report` and the workspace write it; a sentence
    that speaks of another unit names it, as a document the council signs does (the terminal gives ids)."""
    parts = (proposal, submissions, decided, robustness)
    with naming(unit_names(proposal)):
        if suffix == ".docx":
            return docx(report_document(*parts))
        if suffix == ".pdf":  # printed by Chromium from the page, else by LibreOffice from the Word file
            return html_to_pdf(report_html(*parts), lambda: docx(report_document(*parts)))
        return report_html(*parts).encode("utf-8")


def unit_names(proposal: Proposal) -> dict[str, str]:
    """What the report calls each unit where a sentence speaks of it (wording.naming): its name, as the council signs it."""
    return {card.unit.id: card.unit.name for card in proposal.results.scorecards}


def _footer(proposal: Proposal) -> Msg:
    criteria = proposal.results.criteria
    return msg(
        "{round} · criteria SHA-256 {digest} · thidua {version}", round=criteria.id, digest=criteria.sha256, version=__version__
    )


# The report as a document (scoring/document.py), for the Word file: the HTML page's parts in the same order, the
# chart as a table of each unit's points by group, and each unit from a new page.


def report_document(
    proposal: Proposal,
    submissions: Sequence[Submission],
    decided: Decided | None = None,
    robustness: Robustness | None = None,
) -> Document:
    """The whole report as a document, in the language in force; dated by the council's meeting (with `decided`), else
    by the first day of the round's year: never the clock."""
    criteria = proposal.results.criteria
    sections = [_summary_section(proposal, submissions, decided)]
    if robustness is not None:
        sections.append(robustness_section(robustness))
    sections += [_unit_section(proposal, o, decided) for o in proposal.outcomes]
    if decided is not None:
        day = meeting_day(meeting_from(decided.review.spec.meeting))
    else:
        day = datetime(criteria.year, 1, 1) if criteria.year is not None and 1 <= criteria.year <= 9999 else datetime(2000, 1, 1)
    return Document(criteria.title, tuple(sections), word(_footer(proposal)), day)


def _summary_section(proposal: Proposal, submissions: Sequence[Submission], decided: Decided | None) -> Section:
    criteria = proposal.results.criteria
    blocks: list[Block] = []
    if decided is not None:
        blocks.append(masthead(meeting_from(decided.review.spec.meeting), None, "BC"))
    blocks += [Heading(1, criteria.title), Para(_about(proposal))]
    if decided is not None:
        blocks.append(Para(_meeting_line(decided)))
    heads, ranking = _ranking(proposal, decided)
    rows = []
    for row in ranking:
        card = row.outcome.standing.card
        band: Text = card.classification.label if card.classification else NO_BAND
        cells: list[Text] = [_rank_text(row.outcome), card.unit.name, *([row.cluster] if row.cluster is not None else [])]
        cells += [word(card.total), band, row.proposed, *([row.final] if row.final is not None else []), row.why]
        rows.append(tuple(cells))
    total = 3 if len(criteria.clusters) > 1 else 2  # the column of the total, after the cluster's
    changed = frozenset(i for i, row in enumerate(ranking) if row.changed)
    blocks += [Heading(2, msg("Ranking and awards")), Table(tuple(heads), tuple(rows), frozenset({0, total}), marked=changed)]
    seats = _seat_lines(proposal, decided)
    if seats:
        blocks.append(Items(tuple(seats)))
    groups = criteria.groups
    bonuses = bool(criteria.adjustments)  # a column of each unit's bonuses and deductions: the row adds up to the total
    points = []
    for o in proposal.outcomes:
        card = o.standing.card
        line: list[Text] = [_rank_text(o), card.unit.name, *(word(g.points) for g in card.groups)]
        if bonuses:
            line.append(word(Signed(sum((a.points for a in card.adjustments), Decimal(0)))))
        points.append((*line, word(card.total)))
    by_group: list[Text] = [msg("Rank"), msg("Unit")]
    by_group += [msg("Group {group} (at most {max})", group=g.id, max=g.max) for g in groups]
    by_group += [*([msg("Bonuses and deductions")] if bonuses else []), msg("Total")]
    numeric = frozenset({0, *range(2, 3 + len(groups) + bonuses)})
    blocks += [
        Heading(2, msg("Points by criteria group")),
        Table(tuple(by_group), tuple(points), numeric),
        Items(tuple(msg("{id}. {label} (at most {max} points)", id=g.id, label=g.label, max=g.max) for g in groups)),
        Heading(2, msg("Input files (SHA-256 digests)")),
        Table(
            (msg("File"), msg("Path"), "SHA-256"),
            tuple(_digest_rows(proposal, submissions, decided)),
            digests=frozenset({2}),
        ),
        Para(_software()),
    ]
    if decided is not None:
        blocks.append(_signatures(decided))
    return tuple(blocks)


def _unit_section(proposal: Proposal, o: Outcome, decided: Decided | None) -> Section:
    card = o.standing.card
    short, wide = _unit_facts(proposal, o, decided)
    blocks: list[Block] = [
        PageBreak(),
        Heading(2, f"{_rank_text(o)}. {card.unit.name} ({card.unit.id})"),
        Fields((*short, *wide)),
    ]
    if o.refused:
        refused = tuple(why if needs is None else f"{word(why)} — {word(needs)}" for why, needs in _refusals(o))
        blocks += [Para(msg("Not proposed"), strong=True), Items(refused)]
    blocks.append(Outline(tuple(_outline(explain(proposal.results, card.unit.id, sources=False), 0))))
    return tuple(blocks)


def _outline(node: Node, depth: int) -> list[tuple[int, Text, bool]]:
    """An explanation's lines, as the HTML page lays them out: a branch in bold, the last level of each branch as one
    paragraph (its steps joined by ▸)."""
    if not node.children:
        return [(depth, node.text, False)]
    lines: list[tuple[int, Text, bool]] = [(depth, node.text, True)]
    if all(not c.children for c in node.children):
        return [*lines, (depth + 1, " ▸ ".join(c.text for c in node.children), False)]
    for child in node.children:
        lines += _outline(child, depth + 1)
    return lines
