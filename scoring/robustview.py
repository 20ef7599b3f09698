"""How sure the proposal is, shown: JSON for tools, the terminal's tables, Markdown, and the rank-interval chart.

The facts come from scoring.robustness; every sentence is made by the wording layer (scoring/wording/reasons.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from scoring.document import Block, Heading, Items, PageBreak, Para, Section, Table
from scoring.robustness import Awarded, Change, Margin, NoSingleChange, Robustness, Spread, Tiers, UnitMargins
from scoring.wording import Listing, Msg, Percent, Text, msg, word

if TYPE_CHECKING:
    from rich.table import Table as RichTable

FORMAT = "thidua-robustness/1"
_SHARE = Decimal("0.001")
MARGINS = msg("Exact margins: the nearest single change that changes a unit's awards")


# ---------------------------------------------------------------------------------------------------- JSON


def _value(v: Decimal | bool | str) -> object:
    return str(v) if isinstance(v, Decimal) else v


def _tiers(t: Tiers) -> list[dict[str, str]]:
    return [{"award": a, "status": status} for a, status in t]


def _change(c: Change | NoSingleChange | None) -> object:
    if c is None:
        return None
    if isinstance(c, NoSingleChange):
        return {"change": False, "searched_to": None if c.bound is None else str(c.bound)}
    return {
        "change": True,
        "value": _value(c.value),
        "tiers": _tiers(c.tiers),
        "others": [{"unit": u, "tiers": _tiers(t)} for u, t in c.others],
    }


def _margin(m: Margin) -> dict[str, object]:
    return {
        "kind": m.kind,
        "ref": m.ref,
        "current": _value(m.current),
        "up": _change(m.up),
        "down": _change(m.down),
        "other": [_change(c) for c in m.other],
    }


def robustness_data(r: Robustness) -> dict[str, object]:
    """The answer as typed facts with stable keys (numbers as exact decimal strings); the same seed, the same bytes."""
    s = r.sampled
    return {
        "format": FORMAT,
        "round": r.criteria.id,
        "scale": str(r.criteria.scale),
        "margins": [
            {"unit": u.unit, "rank": u.rank, "tiers": _tiers(u.tiers), "inputs": [_margin(m) for m in u.margins]}
            for u in r.margins
        ],
        "samples": {
            "samples": s.samples,
            "spread": str(s.spread),
            "seed": s.seed,
            "path": s.path,
            "varied": list(s.varied),
            "held": list(s.held),
            "changed": s.changed,
            "units": [
                {
                    "unit": u.unit,
                    "rank": u.rank,
                    "median": u.median,
                    "p5": u.low,
                    "p95": u.high,
                    "tiers": _tiers(u.tiers),
                    "same_tiers": u.same,
                    "shares": [{"award": t.award, "proposed": t.proposed, "council": t.council} for t in u.shares],
                }
                for u in s.units
            ],
            "sensitivity": [
                {"criterion": c.criterion, "first_order": None if c.index is None else str(c.index)} for c in s.criteria
            ],
        },
    }


# ---------------------------------------------------------------------------------------------------- shared rows


def _names(r: Robustness) -> dict[str, str]:
    return {u.id: u.name for u in r.criteria.units}


def awarded(r: Robustness, t: Tiers) -> Awarded:
    labels = {a.id: a.label for a in r.criteria.awards}
    return Awarded(tuple((labels[a], status) for a, status in t))


def _share(count: int, samples: int) -> Percent:
    return Percent((Decimal(count) / Decimal(samples)).quantize(_SHARE))


def heading(r: Robustness) -> Msg:
    s = r.sampled
    held = Listing(s.held) if s.held else msg("none")
    return msg(
        "{samples} samples of the criteria's maxima, each varied within ±{spread} and scaled back to the scale {scale}"
        " (seed {seed}); held as they are: {held}",
        samples=s.samples,
        spread=Percent(s.spread),
        scale=r.criteria.scale,
        seed=s.seed,
        held=held,
    )


def changed_line(r: Robustness) -> Msg:
    s = r.sampled
    return msg("in {changed} of {samples} samples some unit's awards change", changed=s.changed, samples=s.samples)


def interval_heads(r: Robustness) -> list[Text]:
    heads: list[Text] = [msg("Rank"), msg("Unit"), msg("Median rank"), msg("5–95% of ranks"), msg("Proposed")]
    heads += [msg("Same awards"), *(a.label for a in r.criteria.awards)]
    return heads


def interval_rows(r: Robustness) -> list[list[object]]:
    names, n = _names(r), r.sampled.samples
    rows: list[list[object]] = []
    for u in r.sampled.units:
        row: list[object] = [str(u.rank), names[u.unit], str(u.median), f"{u.low}–{u.high}", awarded(r, u.tiers)]
        row.append(_share(u.same, n))
        for t in u.shares:
            if t.council:
                row.append(msg("{share} (+{council} tied)", share=_share(t.proposed, n), council=_share(t.council, n)))
            else:
                row.append(_share(t.proposed, n))
        rows.append(row)
    return rows


def sensitivity_rows(r: Robustness) -> list[list[Text]]:
    maxima = {c.id: c.max for c in r.criteria.criteria}
    out: list[list[Text]] = []
    for c in sorted(r.sampled.criteria, key=lambda c: (-(c.index or Decimal(0)), c.criterion)):
        out.append([c.criterion, word(maxima[c.criterion]), msg("none") if c.index is None else word(c.index)])
    return out


def sensitivity_heads() -> list[Text]:
    return [msg("Criterion"), msg("Maximum"), msg("First-order index")]


def margin_lines(u: UnitMargins) -> list[object]:
    """What changes a unit's awards, nearest first: a sentence per outcome; then the inputs that cannot."""
    lines: list[object] = list(u.flips)
    maxima = Listing(tuple(m.ref for m in u.unmoved if m.kind == "max"))
    own = Listing(tuple(m.ref for m in u.unmoved if m.kind == "indicator"))
    if maxima.items and own.items:
        lines.append(
            msg(
                "no change of one of these alone can do it: the maximum of {maxima}; its own {indicators}",
                maxima=maxima,
                indicators=own,
            )
        )
    elif maxima.items:
        lines.append(msg("no change of one of these alone can do it: the maximum of {maxima}", maxima=maxima))
    elif own.items:
        lines.append(msg("no change of one of these alone can do it: its own {indicators}", indicators=own))
    return lines


def unit_heading(r: Robustness, u: UnitMargins) -> Msg:
    return msg("{rank}. {unit}: {tiers}", rank=u.rank, unit=_names(r)[u.unit], tiers=awarded(r, u.tiers))


# ---------------------------------------------------------------------------------------------------- terminal


def robustness_tables(r: Robustness) -> list[RichTable]:
    from rich.table import Table  # noqa: PLC0415 - rich is imported only when something is drawn
    from rich.text import Text as Rich  # noqa: PLC0415

    criteria = r.criteria
    title = Rich(f"{criteria.title}\n{word(msg('How sure the proposal is'))}")
    intervals = Table(title=title, caption=Rich(word(heading(r))), caption_justify="left")
    right = {0, 2, 3, 5, *range(6, 6 + len(criteria.awards))}
    for i, h in enumerate(interval_heads(r)):
        intervals.add_column(word(h), justify="right" if i in right else "left")
    for row in interval_rows(r):
        intervals.add_row(*(Rich(word(cell)) for cell in row))
    sens = Table(
        title=Rich(word(msg("Which weight moves the awards"))), caption=Rich(word(changed_line(r))), caption_justify="left"
    )
    for i, h in enumerate(sensitivity_heads()):
        sens.add_column(word(h), justify="right" if i else "left")
    for line in sensitivity_rows(r):
        sens.add_row(*(Rich(word(cell)) for cell in line))
    margins = Table(title=Rich(word(MARGINS)))
    margins.add_column(word(msg("Unit")), max_width=28)
    margins.add_column(word(msg("What would change its awards")))
    for u in r.margins:
        margins.add_row(Rich(word(unit_heading(r, u))), Rich("\n".join(word(line) for line in margin_lines(u))))
    return [intervals, sens, margins]


# ---------------------------------------------------------------------------------------------------- Markdown


def _md_cell(text: object) -> str:
    return word(text).replace("|", "\\|").replace("\n", " ")


def _md_table(heads: Sequence[object], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(_md_cell(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return out


def robustness_markdown(r: Robustness) -> str:
    lines = [f"# {word(r.criteria.title)}", "", f"## {word(msg('How sure the proposal is'))}", "", word(heading(r)), ""]
    lines += _md_table(interval_heads(r), interval_rows(r))
    lines += ["", word(changed_line(r)), "", f"## {word(msg('Which weight moves the awards'))}", ""]
    lines += _md_table(sensitivity_heads(), sensitivity_rows(r))
    lines += ["", f"## {word(MARGINS)}"]
    for u in r.margins:
        lines += ["", f"### {word(unit_heading(r, u))}", ""]
        lines += [f"- {word(line)}" for line in margin_lines(u)]
    lines += ["", word(caveat()), ""]
    return "\n".join(lines)


def caveat() -> Msg:
    return msg(
        "These figures say how fragile the ranking is to the weights and to each input; they do not say that the weights"
        " are right."
    )


# ---------------------------------------------------------------------------------------------------- the chart

_W, _ROW, _TOP, _NAME = 760, 18, 30, 190


def rank_interval_svg(r: Robustness) -> str:
    """Each unit's rank over the samples: a bar from the 5th to the 95th percentile, a dot at the median, a ring at its
    rank as it stands; black on white, so that it prints the same on any printer."""
    spreads: list[Spread] = list(r.sampled.units)
    names = _names(r)
    n = max(len(r.criteria.units), 1)
    height = _TOP + _ROW * len(spreads) + 12
    left, right = _NAME + 10, _W - 20
    per = (right - left) / max(n - 1, 1)

    def x(rank: int) -> float:
        return left + (rank - 1) * per

    title = escape(word(msg("Rank of each unit over the samples: median (dot), 5–95% (bar), as it stands (ring)")))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" role="img" aria-label="{title}" '
        'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="11">',
        f"<title>{title}</title>",
    ]
    step = max(1, round(n / 20))
    for rank in range(1, n + 1):
        if rank in (1, n) or rank % step == 0:
            out.append(
                f'<line x1="{x(rank):.1f}" y1="{_TOP - 6}" x2="{x(rank):.1f}" y2="{height - 12}" stroke="#000" '
                'stroke-width="0.4" stroke-dasharray="2,3"/>'
            )
            out.append(f'<text x="{x(rank):.1f}" y="{_TOP - 10}" text-anchor="middle">{rank}</text>')
    for k, s in enumerate(spreads):
        y = _TOP + _ROW * k + _ROW / 2
        name = names[s.unit]
        shown = name if len(name) <= 28 else name[:27] + "…"
        out.append(f'<text x="{_NAME}" y="{y + 4:.1f}" text-anchor="end">{escape(shown)}<title>{escape(name)}</title></text>')
        x1, x2 = x(s.low), x(s.high)
        out.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="#000" stroke-width="3"/>')
        for end in (x1, x2):
            out.append(
                f'<line x1="{end:.1f}" y1="{y - 5:.1f}" x2="{end:.1f}" y2="{y + 5:.1f}" stroke="#000" stroke-width="1.5"/>'
            )
        out.append(f'<circle cx="{x(s.rank):.1f}" cy="{y:.1f}" r="6.5" fill="none" stroke="#000" stroke-width="1.3"/>')
        out.append(f'<circle cx="{x(s.median):.1f}" cy="{y:.1f}" r="3.8" fill="#000"/>')
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------------- the report


def robustness_html(r: Robustness) -> str:
    """The report's page "how sure the proposal is": the chart, the rank intervals, the weights, the exact margins."""
    title = msg("How sure the proposal is")
    out = [
        '<section class="unit robustness">',
        f"<h2>{escape(word(title))}</h2>",
        f'<p class="small">{escape(word(heading(r)))}</p>',
    ]
    out.append(f"<figure>{rank_interval_svg(r)}</figure>")
    out.append(_html_table(interval_heads(r), interval_rows(r)))
    out += [
        f'<p class="small">{escape(word(changed_line(r)))}</p>',
        f"<h2>{escape(word(msg('Which weight moves the awards')))}</h2>",
    ]
    out.append(_html_table(sensitivity_heads(), sensitivity_rows(r)))
    out.append(f"<h2>{escape(word(MARGINS))}</h2>")
    for u in r.margins:
        items = "".join(f"<li>{escape(word(line))}</li>" for line in margin_lines(u))
        out += [f"<h3>{escape(word(unit_heading(r, u)))}</h3>", f'<ul class="small">{items}</ul>']
    out += [f'<p class="small"><em>{escape(word(caveat()))}</em></p>', "</section>"]
    return "\n".join(out)


def _html_table(heads: Sequence[object], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(word(h))}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{escape(word(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="ranking"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def robustness_section(r: Robustness) -> Section:
    """The same page for the Word file, as tables and lists: the chart is the HTML and PDF report's only."""
    blocks: list[Block] = [PageBreak(), Heading(2, msg("How sure the proposal is")), Para(heading(r))]
    blocks.append(Table(tuple(interval_heads(r)), tuple(tuple(_text(c) for c in row) for row in interval_rows(r))))
    blocks += [Para(changed_line(r)), Heading(2, msg("Which weight moves the awards"))]
    blocks.append(Table(tuple(sensitivity_heads()), tuple(tuple(row) for row in sensitivity_rows(r)), frozenset({1, 2})))
    blocks.append(Heading(2, MARGINS))
    for u in r.margins:
        blocks += [Para(unit_heading(r, u), strong=True), Items(tuple(_text(line) for line in margin_lines(u)))]
    blocks.append(Para(caveat()))
    return tuple(blocks)


def _text(value: object) -> Text:
    return value if isinstance(value, Msg | str) else word(value)
