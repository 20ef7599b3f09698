"""Results for people: rich tables and trees for the terminal, Markdown for documents, worded in the language in force."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scoring.awards import Proposal, measure_value
from scoring.evaluate import NO_BAND, Results
from scoring.explain import Node, measures, tie_notes
from scoring.review import Decided
from scoring.safetext import md, one_line
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


def whatif_table(data: Mapping[str, Any]) -> Table:
    """whatif_data as a table: the earlier round's results beside the new criteria's, tier changes marked."""
    new_round, old_round = data["new_round"], data["old_round"]
    table = Table(title=Text(word(msg("If {new} were applied to the figures of {old}", new=new_round, old=old_round))))
    columns = (
        word(msg("Unit")),
        word(msg("{round}: total (rank)", round=old_round)),
        word(msg("proposed")),
        word(msg("{round}: total (rank)", round=new_round)),
        word(msg("proposed")),
        "",
    )
    for column in columns:
        table.add_column(column)
    for u in data["units"]:
        old = "\n".join(f"{o['unit']}: {word(Decimal(o['total']))} ({o['rank']})" for o in u["old"]) or "—"
        old_tiers = "\n".join(", ".join(o["tiers"]) or "—" for o in u["old"]) or "—"
        new = u["new"]
        mark = word(msg("TIER CHANGED")) if u["tier_changed"] else ""
        row = [u["name"], old, old_tiers, f"{word(Decimal(new['total']))} ({new['rank']})", ", ".join(new["tiers"]) or "—", mark]
        table.add_row(*(Text(cell, style="bold" if mark else "") for cell in row))
    return table
