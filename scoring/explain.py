"""Why a unit got its points: each line's rule with the unit's numbers in it.

Built from a scorecard on demand (scoring keeps the facts, not the prose), so
that a round of ten thousand units costs nothing here until someone asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring import methods
from scoring.awards import Proposal
from scoring.criteria import Criteria
from scoring.evaluate import AdjustmentLine, Cohort, Line, Results, Scorecard
from scoring.formula import Value, num, previous_key, show
from scoring.lineage import formed
from scoring.numbers import CONTEXT, plain, signed
from scoring.wording import word


def inputs(criteria: Criteria, card: Scorecard, line: Line) -> dict[str, Value]:
    """The names a line read, with the unit's values, derived values followed down to indicators."""
    criterion = line.criterion
    names = [*criterion.formula.names, *map(previous_key, criterion.formula.previous)] if criterion.formula else []
    names += [criterion.of] if criterion.of else []
    derived = {d.id: d for d in criteria.derived}
    seen: dict[str, Value] = {}
    while names:
        name = names.pop(0)
        if name in seen or name not in card.values:
            continue
        seen[name] = card.values[name]
        if name in derived:
            names.extend(derived[name].formula.names)
            names.extend(map(previous_key, derived[name].formula.previous))
    return seen


def line_explanation(card: Scorecard, line: Line, cohort: Cohort) -> str:
    """The rule with numbers substituted, ending in the points: 'r = 800 / 700 ≈ 1.1429 > 1; leader → 5'."""
    c = line.criterion
    facts = dict(line.facts)
    if line.notes and not line.facts and line.points == 0 and line.raw == 0 and "if_missing" in line.notes[0]:
        return line.notes[0]
    value = card.values.get(c.of) if c.of else None
    if c.method == "formula":
        assert c.formula is not None
        text = f"{c.formula.text} = {c.formula.substituted(card.values, cohort.stats, num)} = {num(line.raw)}"
    elif c.method == "achieved":
        text = f"{c.of} = {show(value)} → {'max' if value else '0'}"  # type: ignore[arg-type]
    elif c.method == "per_item":
        text = f"{c.of} × {plain(c.points_each)} = {num(value)} × {plain(c.points_each)} = {num(line.raw)}"  # type: ignore[arg-type]
        if line.notes:
            text = f"{num(value)} × {plain(c.points_each)} = {num(CONTEXT.multiply(value, c.points_each))}"  # type: ignore[arg-type]
    elif c.method == "target":
        goal, r = facts["target"], facts["ratio"]
        text = f"r = {c.of} / target = {num(value)} / {num(goal)} = {num(r)}; "  # type: ignore[arg-type]
        if r < methods.ONE:
            text += f"r < 1: 0.5 × {plain(c.max)} × {num(r)} = {num(line.raw)}"
        elif r == methods.ONE:
            text += f"r = 1: 0.5 × {plain(c.max)} = {num(line.raw)}"
        elif r == facts["leader ratio"]:
            text += f"the leader (highest r above 1 in the round): max = {plain(c.max)}"
        else:
            lead = num(facts["leader ratio"])
            text += (
                f"above target: 0.5 × {plain(c.max)} + 0.5 × {plain(c.max)} × ({num(r)} − 1) / ({lead} − 1)"
                f" = {num(line.raw)} (the leader's r = {lead})"
            )
    elif c.method == "relative":
        best = facts["best"]
        text = f"max × {c.of} / best in round = {plain(c.max)} × {num(value)} / {num(best)} = {num(line.raw)}"  # type: ignore[arg-type]
        if best <= 0:
            text = f"the best {c.of} in the round is {num(best)}: 0"
    else:
        start = facts.get("band from")
        if start is None:
            text = f"{c.of} = {num(value)} is below the first band (from {plain(c.bands[0].start)}): 0"  # type: ignore[arg-type]
        else:
            text = f"{c.of} = {num(value)} reaches the band from {num(start)} → {num(line.raw)}"  # type: ignore[arg-type]
    for note in line.notes:
        text += f"; {note}"
    if line.raw != line.points:
        text += f" → {plain(line.points)}"
    return text.replace(" = ≈", " ≈ ")


def adjustment_explanation(card: Scorecard, line: AdjustmentLine, cohort: Cohort) -> str:
    a = line.adjustment
    if line.notes and "if_missing" in line.notes[0]:
        return line.notes[0]
    text = f"{a.formula.text} = {a.formula.substituted(card.values, cohort.stats, num)} = {num(line.raw)}"
    for note in line.notes:
        text += f"; {note}"
    return text.replace(" = ≈", " ≈ ")


@dataclass
class Node:
    """One step of an explanation; rendered as a tree, a Markdown list or plain text."""

    text: str
    children: list[Node] = field(default_factory=list)


def explain(results: Results, unit_id: str, *, sources: bool = True) -> Node:
    """The whole story of one unit's score, group by group.

    `sources=False` leaves out where each rule and value was written (file:line),
    for a printed page that lists the files and their digests once.
    """
    card = results.scorecard(unit_id)
    criteria = results.criteria
    root = Node(f"{card.unit.name} ({card.unit.id}): {plain(card.total)} / {plain(criteria.scale)} — {card.classification.label}")
    for group in card.groups:
        g = Node(f"{group.group.id}. {group.group.label}: {plain(group.points)} / {plain(group.group.max)}")
        for line in card.lines:
            if line.criterion.group != group.group.id:
                continue
            c = line.criterion
            where = f"{c.method}, {c.rule}" if sources else c.method
            node = Node(f"{c.id} {c.label}: {plain(line.points)} / {plain(c.max)}  [{where}]")
            for name, value in inputs(criteria, card, line).items():
                node.children.append(Node(_input_text(results, card, name, value, sources)))
            node.children.append(Node(line_explanation(card, line, results.cohort)))
            g.children.append(node)
        root.children.append(g)
    if card.adjustments:
        adjustments = Node("Bonuses and deductions (điểm cộng, điểm trừ)")
        for a in card.adjustments:
            words = "bonus" if a.adjustment.kind == "bonus" else "deduction"
            rule = f"  [{a.adjustment.rule}]" if sources else ""
            node = Node(f"{a.adjustment.id} {a.adjustment.label} ({words}): {signed(a.points)}{rule}")
            node.children.append(Node(adjustment_explanation(card, a, results.cohort)))
            adjustments.children.append(node)
        root.children.append(adjustments)
    corrections = [(name, r) for name, r in card.submission.values.items() if r.correction]
    if corrections:
        council = Node("Corrections by the council (kiểm tra chéo)")
        for name, r in corrections:
            council.children.append(Node(f"{name}: {r.correction} [{r.source}]"))
        root.children.append(council)
    parts = " + ".join(plain(g.points) for g in card.groups)
    extra = "".join(f" {'+' if a.points >= 0 else '−'} {plain(abs(a.points))}" for a in card.adjustments)
    root.children.append(Node(f"Total: {parts}{extra} = {plain(card.total)}"))
    for d in card.disqualified:
        when = f"{d.when.text}: {d.when.substituted(card.values, results.cohort.stats, num)}"
        root.children.append(Node(f"Disqualified: {d.id} {d.label} (when {when}); blocks {', '.join(d.blocks) or 'nothing'}"))
    why = Node(f"Classification: {card.classification.label} [{card.classification.rule}]")
    for band, reason in card.held_back:
        why.children.append(Node(f"not {band.label}: {reason}"))
    root.children.append(why)
    if card.submission.self_score is not None:
        diff = card.self_score_difference
        assert diff is not None
        root.children.append(Node(f"Self-score {plain(card.submission.self_score)}; computed − self = {signed(diff)}"))
    return root


def _input_text(results: Results, card: Scorecard, name: str, value: Value, sources: bool) -> str:
    criteria = results.criteria
    indicator = criteria.indicators.get(name)
    if name.startswith("previous("):
        how = results.carried.get(card.unit.id, {}).get(name)
        return f"{name} = {num(value)}" + (f" [{word(formed(how))}]" if how else "")
    if indicator is None:
        derived = next(d for d in criteria.derived if d.id == name)
        text = f"{name} = {derived.formula.text} = {derived.formula.substituted(card.values, {}, num)} = {num(value)}"
        return text.replace(" = ≈", " ≈ ")
    unit = f" {indicator.unit}" if indicator.unit else ""
    reported = card.submission.values.get(name)
    if reported is None:
        return f"{name} ({indicator.label}) = {show(value)}{unit} (default from the criteria)"
    evidence = f"; evidence: {reported.evidence}" if reported.evidence else "; no evidence given"
    shown = f"{reported.answer} ({show(value)})" if reported.answer else show(value)
    correction = f"; {reported.correction}" if reported.correction else ""
    where = f"{reported.source}{evidence}" if sources else evidence.removeprefix("; ")
    return f"{name} ({indicator.label}) = {shown}{unit} [{where}{correction}]"


def proposal_story(proposal: Proposal) -> Node:
    """The ranking, the seats of every award, and each unit's reasons."""
    criteria = proposal.results.criteria
    root = Node(f"{criteria.title}: ranking and proposed awards")
    seats = Node("Awards (the engine proposes; the council decides)")
    for s in proposal.seats:
        where = "" if s.scope == criteria.id else f" — cluster {s.scope}"
        vote = "" if s.award.vote is None else f"; vote threshold {plain((s.award.vote * 100).normalize())}%"
        node = Node(f"{s.award.label}{where}: {s.basis}{vote}  [{s.award.rule}]")
        node.children.append(Node("proposed: " + (", ".join(s.proposed) or "nobody") + (f" — {s.note}" if s.note else "")))
        if s.for_council:
            open_seats = f"{s.open_seats} open seats" if s.open_seats > 1 else "1 open seat"
            node.children.append(Node(f"for the council to decide ({open_seats}): {', '.join(s.for_council)}"))
        seats.children.append(node)
    root.children.append(seats)
    for o in proposal.outcomes:
        st = o.standing
        card = st.card
        shared = f" (shared with {', '.join(st.tied_with)})" if st.tied_with else ""
        cluster = f", {st.cluster_rank} in cluster {card.unit.cluster}" if len(criteria.clusters) > 1 else ""
        unit = Node(
            f"{st.rank}{cluster}. {card.unit.name} ({card.unit.id}): {plain(card.total)} — {card.classification.label}{shared}"
        )
        if st.tie_note:
            unit.children.append(Node(st.tie_note))
        for award, why in o.proposed:
            unit.children.append(Node(f"proposed: {award.label} — {why}"))
        for r in o.refused:
            line = Node(f"not {r.award.label}: {'; '.join(r.reasons)}")
            if r.would_take:
                line.children.append(Node(f"it would take: {r.would_take}"))
            unit.children.append(line)
        if o.to_next_rank:
            unit.children.append(Node(f"next rank: {o.to_next_rank}"))
        if o.to_next_tier:
            unit.children.append(Node(f"next tier: {o.to_next_tier}"))
        root.children.append(unit)
    return root
