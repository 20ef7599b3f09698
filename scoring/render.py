"""Results for people: rich tables and trees for the terminal, Markdown for documents, worded in the language in force."""

from __future__ import annotations

from decimal import Decimal

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scoring.awards import Proposal, measure_value
from scoring.evaluate import NO_BAND, Results
from scoring.explain import Node, measures, tie_notes
from scoring.review import Decided
from scoring.safetext import md, one_line
from scoring.whatif import WhatIf, whatif_sides
from scoring.wording import Listing, Signed, msg, word, words


def score_table(results: Results) -> Table:
    criteria = results.criteria
    legend = "; ".join(f"{g.id}. {g.label}" for g in criteria.groups)
    caption = f"{legend}\n{criteria.id} · {word(msg('scale {scale}', scale=criteria.scale))}"
    table = Table(title=Text(criteria.title), caption=Text(caption), caption_justify="left")
    table.add_column(word(msg("Unit")), no_wrap=True)
    for group in criteria.groups:
        table.add_column(f"{group.id}\n/{word(group.max)}", justify="right")
    if criteria.adjustments:
        table.add_column(word(msg("Bonus/\ndeduction")), justify="right")
    table.add_column(word(msg("Total")), justify="right", style="bold")
    table.add_column(word(msg("Classification")))
    table.add_column(word(msg("Self-score")), justify="right")
    table.add_column(word(msg("Differ-\nence")), justify="right")
    for card in results.scorecards:
        row = [card.unit.name]
        row += [word(g.points) for g in card.groups]
        if criteria.adjustments:
            row.append(word(Signed(sum((a.points for a in card.adjustments), Decimal(0)))))
        row.append(word(card.total))
        label = card.classification.label if card.classification else NO_BAND
        if card.disqualified:
            label += " (" + ", ".join(d.id for d in card.disqualified) + ")"
        row.append(label)
        own, diff = card.submission.self_score, card.self_score_difference
        row.append("" if own is None else word(own))
        row.append("" if diff is None else word(Signed(diff)))
        table.add_row(*(Text(cell) for cell in row))
    return table


def tree(node: Node) -> Tree:
    root = Tree(Text(one_line(node.text), style="bold"))
    _grow(root, node)
    return root


def _grow(branch: Tree, node: Node) -> None:
    for child in node.children:
        _grow(branch.add(Text(one_line(child.text))), child)


def markdown(node: Node) -> str:
    """A story as a Markdown list; people's text is escaped, so it is shown, never read as Markdown or HTML."""
    lines = [f"# {md(one_line(node.text))}", ""]
    _markdown(node, 0, lines)
    return "\n".join(lines) + "\n"


def _markdown(node: Node, depth: int, lines: list[str]) -> None:
    for child in node.children:
        lines.append(f"{'  ' * depth}- {md(one_line(child.text))}")  # after "- ", a "4." only nests a list
        _markdown(child, depth + 1, lines)


def plain_text(node: Node) -> str:
    """A story as indented lines, one a node: a line break in people's text cannot add a line of its own."""
    lines = [one_line(node.text)]
    _plain(node, "", lines)
    return "\n".join(lines) + "\n"


def _plain(node: Node, indent: str, lines: list[str]) -> None:
    for child in node.children:
        lines.append(f"{indent}- {one_line(child.text)}")
        _plain(child, indent + "  ", lines)


def rank_table(proposal: Proposal) -> Table:
    criteria = proposal.results.criteria
    clusters = len(criteria.clusters) > 1
    title = Text(f"{criteria.title}\n{word(msg('Ranking and proposed awards'))}")
    table = Table(title=title, caption=Text(criteria.id), caption_justify="left")
    table.add_column(word(msg("Rank")), justify="right")
    table.add_column(word(msg("Unit")), no_wrap=True)
    if clusters:
        table.add_column(word(msg("Cluster")))
        table.add_column(word(msg("Rank in\ncluster")), justify="right")
    table.add_column(word(msg("Total")), justify="right", style="bold")
    by = measures(criteria.awards)  # what awards rank by besides the total: a column each
    for measure in by:
        table.add_column(word(measure), justify="right")
    table.add_column(word(msg("Classification")))
    table.add_column(word(msg("Proposed")))
    table.add_column(word(msg("Notes")))
    for o in proposal.outcomes:
        st = o.standing
        card = st.card
        rank = f"{st.rank}=" if st.tied_with else str(st.rank)
        tiers = ", ".join(a.label for a, _ in o.proposed)
        if o.for_council:
            council = word(msg("the council decides: {awards}", awards=Listing(tuple(a.label for a in o.for_council))))
            tiers += (", " if tiers else "") + council
        notes = words(tie_notes(st, clusters), "\n")  # the full reasons follow the table
        row = [rank, card.unit.name]
        if clusters:
            row += [card.unit.cluster, f"{st.cluster_rank}=" if st.cluster_tied_with else str(st.cluster_rank)]
        row.append(word(card.total))
        row += [word(value) if (value := measure_value(card, m)) is not None else "—" for m in by]
        band = card.classification.label if card.classification else NO_BAND
        row += [band, tiers or "—", notes]
        table.add_row(*(Text(cell) for cell in row))
    return table


def decision_table(decided: Decided) -> Table:
    """Each unit's computed tier beside the council's final tier."""
    criteria = decided.proposal.results.criteria
    labels = {a.id: a.label for a in criteria.awards}
    heading = word(msg("The council's decisions"))
    table = Table(title=Text(f"{criteria.title}\n{heading}"))
    columns = (msg("Rank"), msg("Unit"), msg("Total"), msg("Proposed (computed)"), msg("Council's decision"), msg("Reason"))
    for i, column in enumerate(columns):
        table.add_column(word(column), justify="right" if i in (0, 2) else "left")
    for o in decided.proposal.outcomes:
        unit = o.standing.unit
        computed = [a.id for a, _ in o.proposed]
        final = list(decided.final[unit])
        why = "; ".join(r for (u, _), r in decided.reasons.items() if u == unit)
        row = [
            str(o.standing.rank),
            o.standing.card.unit.name,
            word(o.standing.card.total),
            ", ".join(labels[a] for a in computed) or "—",
            (", ".join(labels[a] for a in final) or "—") + ("" if final == computed else word(msg(" (changed)"))),
            why,
        ]
        table.add_row(*(Text(cell) for cell in row))
    return table


def whatif_table(w: WhatIf) -> Table:
    """The earlier round's results beside the new criteria's, each side named, tier changes marked with their cause."""
    old_side, new_side = whatif_sides(w)
    old_criteria, new_criteria = w.old.results.criteria, w.new.results.criteria
    if old_criteria.year is not None and new_criteria.year is not None and old_criteria.year != new_criteria.year:
        title = msg(
            "If the criteria of {new} ({new_id}) were applied to the figures of {old} ({old_id})",
            new=str(new_criteria.year),
            new_id=new_criteria.id,
            old=str(old_criteria.year),
            old_id=old_criteria.id,
        )
    else:
        title = msg("If {new} were applied to the figures of {old}", new=new_side, old=old_side)
    table = Table(title=Text(word(title)))
    columns = (
        msg("Unit"),
        msg("{side}: total (rank)", side=old_side),
        msg("{side}: proposed awards", side=old_side),
        msg("{side}: total (rank)", side=new_side),
        msg("{side}: proposed awards", side=new_side),
        msg("Change of tier"),
    )
    for column in columns:
        table.add_column(word(column))
    for row in w.rows:
        new = row.after
        old = "\n".join(f"{b.standing.unit}: {word(b.standing.card.total)} ({b.standing.rank})" for b in row.before) or "—"
        old_tiers = "\n".join(", ".join(a.label for a, _ in b.proposed) or "—" for b in row.before) or "—"
        new_tiers = ", ".join(a.label for a, _ in new.proposed) or "—"
        marks = []
        if row.changed:
            marks.append(word(msg("TIER CHANGED by the new criteria") if row.cause is None else row.cause))
        if row.assumed:
            values = Listing(tuple(msg("{name} = {value}", name=k, value=v) for k, v in row.assumed.items()))
            marks.append(word(msg("assumed: {values}", values=values)))
        total = f"{word(new.standing.card.total)} ({new.standing.rank})"
        cells = [row.unit.name, old, old_tiers, total, new_tiers, "\n".join(marks)]
        style = "bold" if row.changed and row.cause is None else ""
        table.add_row(*(Text(cell, style=style) for cell in cells))
    return table
