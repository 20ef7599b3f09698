"""Results for people: rich tables and trees for the terminal, Markdown for documents."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from scoring.awards import Proposal
from scoring.evaluate import Results
from scoring.explain import Node
from scoring.numbers import plain, signed
from scoring.review import Decided
from scoring.wording import words


def score_table(results: Results) -> Table:
    criteria = results.criteria
    legend = "; ".join(f"{g.id}. {g.label}" for g in criteria.groups)
    caption = f"{legend}\n{criteria.id} · thang điểm {plain(criteria.scale)}"
    table = Table(title=Text(criteria.title), caption=Text(caption), caption_justify="left")
    table.add_column("Đơn vị", no_wrap=True)
    for group in criteria.groups:
        table.add_column(f"{group.id}\n/{plain(group.max)}", justify="right")
    if criteria.adjustments:
        table.add_column("Cộng/\nTrừ", justify="right")
    table.add_column("Tổng điểm", justify="right", style="bold")
    table.add_column("Xếp loại")
    table.add_column("Tự chấm", justify="right")
    table.add_column("Chênh\nlệch", justify="right")
    for card in results.scorecards:
        row = [card.unit.name]
        row += [plain(g.points) for g in card.groups]
        if criteria.adjustments:
            row.append(signed(sum((a.points for a in card.adjustments), Decimal(0))))
        row.append(plain(card.total))
        label = card.classification.label
        if card.disqualified:
            label += " (" + ", ".join(d.id for d in card.disqualified) + ")"
        row.append(label)
        own, diff = card.submission.self_score, card.self_score_difference
        row.append("" if own is None else plain(own))
        row.append("" if diff is None else signed(diff))
        table.add_row(*(Text(cell) for cell in row))
    return table


def tree(node: Node) -> Tree:
    root = Tree(Text(node.text, style="bold"))
    _grow(root, node)
    return root


def _grow(branch: Tree, node: Node) -> None:
    for child in node.children:
        _grow(branch.add(Text(child.text)), child)


def markdown(node: Node) -> str:
    lines = [f"# {node.text}", ""]
    _markdown(node, 0, lines)
    return "\n".join(lines) + "\n"


def _markdown(node: Node, depth: int, lines: list[str]) -> None:
    for child in node.children:
        text = child.text.replace("*", "\\*").replace("_", "\\_")
        lines.append(f"{'  ' * depth}- {text}")
        _markdown(child, depth + 1, lines)


def plain_text(node: Node) -> str:
    lines = [node.text]
    _plain(node, "", lines)
    return "\n".join(lines) + "\n"


def _plain(node: Node, indent: str, lines: list[str]) -> None:
    for child in node.children:
        lines.append(f"{indent}- {child.text}")
        _plain(child, indent + "  ", lines)


def rank_table(proposal: Proposal) -> Table:
    criteria = proposal.results.criteria
    clusters = len(criteria.clusters) > 1
    title = Text(f"{criteria.title}\nXếp hạng và đề nghị khen thưởng")
    table = Table(title=title, caption=Text(criteria.id), caption_justify="left")
    table.add_column("Hạng", justify="right")
    table.add_column("Đơn vị", no_wrap=True)
    if clusters:
        table.add_column("Cụm")
        table.add_column("Hạng\ntrong cụm", justify="right")
    table.add_column("Tổng điểm", justify="right", style="bold")
    table.add_column("Xếp loại")
    table.add_column("Đề nghị")
    table.add_column("Ghi chú")
    for o in proposal.outcomes:
        st = o.standing
        card = st.card
        rank = f"{st.rank}=" if st.tied_with else str(st.rank)
        tiers = ", ".join(a.label for a, _ in o.proposed)
        if o.for_council:
            tiers += (", " if tiers else "") + "Hội đồng quyết định: " + ", ".join(a.label for a in o.for_council)
        notes = [words(st.ties)] if st.ties else []  # the full reasons follow the table
        row = [rank, card.unit.name]
        if clusters:
            row += [card.unit.cluster, str(st.cluster_rank)]
        row += [plain(card.total), card.classification.label, tiers or "—", "\n".join(notes)]
        table.add_row(*(Text(cell) for cell in row))
    return table


def decision_table(decided: Decided) -> Table:
    """Each unit's computed tier beside the council's final tier."""
    criteria = decided.proposal.results.criteria
    labels = {a.id: a.label for a in criteria.awards}
    table = Table(title=Text(f"{criteria.title}\nKết quả xét duyệt của Hội đồng"))
    for column in ("Hạng", "Đơn vị", "Tổng điểm", "Đề nghị (máy tính)", "Hội đồng quyết định", "Lý do"):
        table.add_column(column, justify="right" if column in ("Hạng", "Tổng điểm") else "left")
    for o in decided.proposal.outcomes:
        unit = o.standing.unit
        computed = [a.id for a, _ in o.proposed]
        final = list(decided.final[unit])
        why = "; ".join(r for (u, _), r in decided.reasons.items() if u == unit)
        row = [
            str(o.standing.rank),
            o.standing.card.unit.name,
            plain(o.standing.card.total),
            ", ".join(labels[a] for a in computed) or "—",
            (", ".join(labels[a] for a in final) or "—") + ("" if final == computed else " (thay đổi)"),
            why,
        ]
        table.add_row(*(Text(cell) for cell in row))
    return table


def whatif_table(data: Mapping[str, Any]) -> Table:
    """whatif_data as a table: the earlier round's results beside the new criteria's, tier changes marked."""
    table = Table(title=Text(f"Nếu áp dụng {data['new_round']} cho số liệu {data['old_round']}"))
    for column in ("Đơn vị", f"{data['old_round']}: tổng (hạng)", "đề nghị", f"{data['new_round']}: tổng (hạng)", "đề nghị", ""):
        table.add_column(column)
    for u in data["units"]:
        old = "\n".join(f"{o['unit']}: {o['total']} ({o['rank']})" for o in u["old"]) or "—"
        old_tiers = "\n".join(", ".join(o["tiers"]) or "—" for o in u["old"]) or "—"
        new = u["new"]
        mark = "ĐỔI MỨC KHEN" if u["tier_changed"] else ""
        row = [u["name"], old, old_tiers, f"{new['total']} ({new['rank']})", ", ".join(new["tiers"]) or "—", mark]
        table.add_row(*(Text(cell, style="bold" if mark else "") for cell in row))
    return table
