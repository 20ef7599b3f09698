"""Why a unit got its points: each line's rule with the unit's numbers in it.

Built from a scorecard on demand (scoring keeps the facts, not the prose), so
that a round of ten thousand units costs nothing here until someone asks.
This is the edge: the story is worded here, in the language in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from scoring import methods
from scoring.awards import Proposal, measure_value
from scoring.criteria import TOTAL, Award, Criteria, Measure
from scoring.evaluate import (
    AdjustmentLine,
    BandFacts,
    Cohort,
    Line,
    NoPoints,
    RelativeFacts,
    Results,
    Scorecard,
    TableFacts,
    TargetFacts,
)
from scoring.formula import Value, previous_key
from scoring.grades import Grade, GradedFacts
from scoring.lineage import formed
from scoring.numbers import CONTEXT
from scoring.rank import LISTED, Standing, TieGroup
from scoring.selfscore import disagreement, gaps
from scoring.wording import Approx, Listing, Msg, Percent, Signed, Text, approx, msg, word, words


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


def shown(value: Value) -> str:
    """A value in a worked rule: long decimals to 4 places with '≈', yes/no in words."""
    return word(value) if isinstance(value, bool) else word(Approx(value))


def in_formula(value: Value) -> str:
    """A value put into a formula's text: written as the formula is (a dot for decimals), so the line reads as one."""
    return word(value) if isinstance(value, bool) else approx(value, "en")


def _approx(value: Value | None) -> object:
    return Approx(value) if isinstance(value, Decimal) else value


def line_explanation(card: Scorecard, line: Line, cohort: Cohort) -> str:
    """The rule with numbers substituted, ending in the points: 'r = 800 / 700 ≈ 1.1429 > 1; leader → 5'."""
    c = line.criterion
    facts = line.facts
    if not facts and line.points == 0 and line.raw == 0 and line.notes and isinstance(line.notes[0], NoPoints):
        return word(line.notes[0])
    value = card.values.get(c.of) if c.of else None
    raw = Approx(line.raw)
    text: Msg
    if isinstance(facts, GradedFacts):
        text = graded_explanation(facts)
    elif c.method == "graded":  # no grade, and if_missing: no_points (and what the council set, if it did)
        return words(line.notes)
    elif c.method == "formula":
        assert c.formula is not None
        text = msg(
            "{formula} = {values} = {raw}",
            formula=c.formula.text,
            values=c.formula.substituted(card.values, cohort.stats, in_formula),
            raw=raw,
        )
    elif c.method == "achieved":
        text = (
            msg("{name} = {value} → max", name=c.of, value=value)
            if value
            else msg("{name} = {value} → 0", name=c.of, value=value)
        )
    elif c.method == "per_item":
        assert isinstance(value, Decimal)
        assert c.points_each is not None
        if line.notes:
            text = msg(
                "{value} × {each} = {product}",
                value=Approx(value),
                each=c.points_each,
                product=Approx(CONTEXT.multiply(value, c.points_each)),
            )
        else:
            text = msg("{name} × {each} = {value} × {each} = {raw}", name=c.of, each=c.points_each, value=Approx(value), raw=raw)
    elif c.method == "target":
        assert isinstance(facts, TargetFacts)
        r = facts.ratio
        ratio = msg(
            "r = {name} / target = {value} / {target} = {r}",
            name=c.of,
            value=_approx(value),
            target=Approx(facts.target),
            r=Approx(r),
        )
        if r < methods.ONE:
            step = msg("r < 1: 0.5 × {max} × {r} = {raw}", max=c.max, r=Approx(r), raw=raw)
        elif r == methods.ONE:
            step = msg("r = 1: 0.5 × {max} = {raw}", max=c.max, raw=raw)
        elif r == facts.leader:
            step = msg("the leader (highest r above 1 in the round): max = {max}", max=c.max)
        else:
            step = msg(
                "above target: 0.5 × {max} + 0.5 × {max} × ({r} − 1) / ({leader} − 1) = {raw} (the leader's r = {leader})",
                max=c.max,
                r=Approx(r),
                leader=Approx(facts.leader or r),
                raw=raw,
            )
        text = msg("{ratio}; {step}", ratio=ratio, step=step)
    elif c.method == "relative":
        assert isinstance(facts, RelativeFacts)
        if facts.best <= 0:
            text = msg("the best {name} in the round is {best}: 0", name=c.of, best=Approx(facts.best))
        else:
            text = msg(
                "max × {name} / best in round = {max} × {value} / {best} = {raw}",
                name=c.of,
                max=c.max,
                value=_approx(value),
                best=Approx(facts.best),
                raw=raw,
            )
    elif isinstance(facts, TableFacts):
        text = _table_row(c.of, value, facts, raw)
    elif isinstance(facts, BandFacts):
        text = msg(
            "{name} = {value} reaches the band from {start} → {raw}",
            name=c.of,
            value=_approx(value),
            start=Approx(facts.start),
            raw=raw,
        )
    else:
        text = msg(
            "{name} = {value} is below the first band (from {start}): 0", name=c.of, value=_approx(value), start=c.bands[0].start
        )
    said = word(text)
    for note in line.notes:
        said += "; " + word(note)
    if line.raw != line.points:
        said += " → " + word(line.points)
    return said.replace(" = ≈", " ≈ ")


def graded_explanation(facts: GradedFacts) -> Msg:
    """How the assessors' grades combine, the grades in the rule: '(4 + 4 + 5) / 3 ≈ 4.3333'."""
    points = [g.points for g in facts.grades]
    n, result = len(points), Approx(facts.result)
    if n == 1:
        return msg("a single grade: {result}", result=result)
    ordered = sorted(points)
    if facts.combine == "median":
        listed = Listing(tuple(ordered), "; ")
        if n % 2:
            return msg("median of {n} grades ({grades}, in order): {result}", n=n, grades=listed, result=result)
        return msg(
            "median of {n} grades ({grades}, in order): ({low} + {high}) / 2 = {result}",
            n=n,
            grades=listed,
            low=ordered[n // 2 - 1],
            high=ordered[n // 2],
            result=result,
        )
    if facts.combine == "trimmed_mean":
        return msg(
            "mean of {n} grades without the highest ({high}) and the lowest ({low}): ({grades}) / {kept} = {result}",
            n=n,
            high=ordered[-1],
            low=ordered[0],
            grades=Listing(tuple(ordered[1:-1]), " + "),
            kept=n - 2,
            result=result,
        )
    return msg("mean of {n} grades: ({grades}) / {n} = {result}", n=n, grades=Listing(tuple(points), " + "), result=result)


def _table_row(name: str | None, value: Value | None, facts: TableFacts, points: Approx) -> Msg:
    """'report_timing = Chậm 1–3 ngày → dòng 2 của bảng: 2 điểm'."""
    if facts.answer is not None:
        return msg(
            "{name} = {answer} → row {row} of the table: {points}",
            name=name,
            answer=facts.answer,
            row=facts.row,
            points=points,
        )
    if facts.end is None:
        return msg(
            "{name} = {value} → row {row} of the table ({start} or more): {points}",
            name=name,
            value=_approx(value),
            row=facts.row,
            start=facts.start,
            points=points,
        )
    return msg(
        "{name} = {value} → row {row} of the table ({start} to {end}): {points}",
        name=name,
        value=_approx(value),
        row=facts.row,
        start=facts.start,
        end=facts.end,
        points=points,
    )


def adjustment_explanation(card: Scorecard, line: AdjustmentLine, cohort: Cohort) -> str:
    a = line.adjustment
    if line.notes and isinstance(line.notes[0], NoPoints):
        return word(line.notes[0])
    said = word(
        msg(
            "{formula} = {values} = {raw}",
            formula=a.formula.text,
            values=a.formula.substituted(card.values_for(a.formula), cohort.stats, in_formula),
            raw=Approx(line.raw),
        )
    )
    for note in line.notes:
        said += "; " + word(note)
    return said.replace(" = ≈", " ≈ ")


def _grade_text(grade: Grade, sources: bool) -> Msg:
    """One assessor's grade with its reason, and where it was written unless `sources` is off."""
    said = msg("{assessor}: {points} ({reason})", assessor=grade.assessor, points=grade.points, reason=grade.reason)
    return msg("{grade} [{source}]", grade=said, source=grade.source) if sources else said


@dataclass
class Node:
    """One step of an explanation, worded; rendered as a tree, a Markdown list or plain text."""

    text: str
    children: list[Node] = field(default_factory=list)


def _node(text: object) -> Node:
    return Node(word(text))


def explain(results: Results, unit_id: str, *, sources: bool = True) -> Node:
    """The whole story of one unit's score, group by group.

    `sources=False` leaves out where each rule and value was written (file:line),
    for a printed page that lists the files and their digests once.
    """
    card = results.scorecard(unit_id)
    criteria = results.criteria
    band = card.classification
    head = msg("{name} ({id}): {total} / {scale}", name=card.unit.name, id=card.unit.id, total=card.total, scale=criteria.scale)
    if band is not None:
        head = msg(
            "{name} ({id}): {total} / {scale} — {band}",
            name=card.unit.name,
            id=card.unit.id,
            total=card.total,
            scale=criteria.scale,
            band=band.label,
        )
    root = _node(head)
    for group in card.groups:
        g = _node(
            msg(
                "{id}. {label}: {points} / {max}",
                id=group.group.id,
                label=group.group.label,
                points=group.points,
                max=group.group.max,
            )
        )
        for line in card.lines:
            if line.criterion.group != group.group.id:
                continue
            c = line.criterion
            where = f"{c.method}, {c.rule}" if sources else c.method
            node = _node(
                msg(
                    "{id} {label}: {points} / {max}  [{where}]",
                    id=c.id,
                    label=c.label,
                    points=line.points,
                    max=c.max,
                    where=where,
                )
            )
            for name, value in inputs(criteria, card, line).items():
                node.children.append(Node(_input_text(results, card, name, value, sources)))
            node.children.append(Node(line_explanation(card, line, results.cohort)))
            if isinstance(line.facts, GradedFacts):  # each assessor's grade, with its reason and where it was written
                for grade in line.facts.grades:
                    node.children.append(_node(_grade_text(grade, sources)))
            mine = self_line(card, line)
            if mine is not None:
                node.children.append(_node(mine))
            g.children.append(node)
        root.children.append(g)
    if card.adjustments:
        adjustments = _node(msg("Bonuses and deductions"))
        for a in card.adjustments:
            kind = msg("bonus") if a.adjustment.kind == "bonus" else msg("deduction")
            rule = f"  [{a.adjustment.rule}]" if sources else ""
            node = _node(
                msg(
                    "{id} {label} ({kind}): {points}{rule}",
                    id=a.adjustment.id,
                    label=a.adjustment.label,
                    kind=kind,
                    points=Signed(a.points),
                    rule=rule,
                )
            )
            node.children.append(Node(adjustment_explanation(card, a, results.cohort)))
            adjustments.children.append(node)
        root.children.append(adjustments)
    corrections = [(name, r) for name, r in card.submission.values.items() if r.correction]
    if corrections:
        council = _node(msg("Corrections by the council (cross-checking)"))
        for name, r in corrections:
            council.children.append(
                _node(msg("{name}: {correction} [{source}]", name=name, correction=r.correction, source=r.source))
            )
        root.children.append(council)
    parts = Listing(tuple(g.points for g in card.groups), " + ")
    extra = "".join(f" {'+' if a.points >= 0 else '−'} {word(abs(a.points))}" for a in card.adjustments)
    root.children.append(_node(msg("Total: {parts}{extra} = {total}", parts=parts, extra=extra, total=card.total)))
    for d in card.disqualified:
        values = d.when.substituted(card.values_for(d.when), results.cohort.stats, in_formula)
        blocks = Listing(d.blocks) if d.blocks else msg("no band")
        root.children.append(
            _node(
                msg(
                    "Disqualified: {id} {label} (when {formula}: {values}); blocks {blocks}",
                    id=d.id,
                    label=d.label,
                    formula=d.when.text,
                    values=values,
                    blocks=blocks,
                )
            )
        )
    if band is not None:
        why = _node(msg("Classification: {band} [{rule}]", band=band.label, rule=str(band.rule)))
        for higher, reason in card.held_back:
            why.children.append(_node(msg("not {band}: {reason}", band=higher.label, reason=reason)))
        root.children.append(why)
    if card.submission.self_score is not None:
        diff = card.self_score_difference
        assert diff is not None
        root.children.append(
            _node(
                msg("Self-score {own}; computed − self = {difference}", own=card.submission.self_score, difference=Signed(diff))
            )
        )
    apart = disagreement(card)
    if apart is not None:
        root.children.append(_node(apart))
    most = gaps(card)
    if most:
        root.children.append(_node(msg("Lines where your own score differs most: {lines}", lines=Listing(most, "; "))))
    return root


def self_line(card: Scorecard, line: Line) -> Msg | None:
    """The unit's own points for a line (tự chấm) and its explanation, against the computed points."""
    mine = card.submission.self_scores.get(line.criterion.id)
    if mine is None:
        return None
    if mine.points is None:
        return msg("The unit's explanation: {explanation}", explanation=mine.explanation)
    difference = Signed(CONTEXT.subtract(line.points, mine.points))
    if mine.explanation is None:
        return msg("Self-scored {own} (computed − self = {difference})", own=mine.points, difference=difference)
    return msg(
        "Self-scored {own} (computed − self = {difference}); explanation: {explanation}",
        own=mine.points,
        difference=difference,
        explanation=mine.explanation,
    )


def _input_text(results: Results, card: Scorecard, name: str, value: Value, sources: bool) -> str:
    criteria = results.criteria
    indicator = criteria.indicators.get(name)
    if name.startswith("previous("):
        how = results.carried.get(card.unit.id, {}).get(name)
        if how:
            return word(msg("{name} = {value} [{how}]", name=name, value=shown(value), how=formed(how)))
        return word(msg("{name} = {value}", name=name, value=shown(value)))
    if indicator is None:
        derived = next(d for d in criteria.derived if d.id == name)
        text = msg(
            "{name} = {formula} = {values} = {value}",
            name=name,
            formula=derived.formula.text,
            values=derived.formula.substituted(card.values, {}, in_formula),
            value=shown(value),
        )
        return word(text).replace(" = ≈", " ≈ ")
    unit = f" {indicator.unit}" if indicator.unit else ""
    reported = card.submission.values.get(name)
    taken = results.taken(card.unit.id, name)
    if reported is None and taken is not None:
        label = indicator.label
        return word(
            msg("{name} ({label}) = {value}{unit} — {taken}", name=name, label=label, value=value, unit=unit, taken=taken)
        )
    if reported is None:
        return word(
            msg(
                "{name} ({label}) = {value}{unit} (default from the criteria)",
                name=name,
                label=indicator.label,
                value=msg("{answer} ({value})", answer=indicator.default_answer, value=value)
                if indicator.default_answer
                else value,
                unit=unit,
            )
        )
    evidence = msg("evidence: {evidence}", evidence=reported.evidence) if reported.evidence else msg("no evidence given")
    value_text = (
        msg("{answer} ({value})", answer=reported.answer, value=value) if reported.answer else msg("{value}", value=value)
    )
    where: object = msg("{source}; {evidence}", source=reported.source, evidence=evidence) if sources else evidence
    if reported.correction:
        where = msg("{where}; {correction}", where=where, correction=reported.correction)
    return word(
        msg(
            "{name} ({label}) = {value}{unit} [{where}]",
            name=name,
            label=indicator.label,
            value=value_text,
            unit=unit,
            where=where,
        )
    )


def proposal_story(proposal: Proposal) -> Node:
    """The ranking, the seats of every award, and each unit's reasons."""
    criteria = proposal.results.criteria
    root = _node(msg("{title}: ranking and proposed awards", title=criteria.title))
    seats = _node(msg("Awards (the engine proposes; the council decides)"))
    for s in proposal.seats:
        where = "" if s.scope == criteria.id else msg(" — cluster {cluster}", cluster=s.scope)
        vote: Text = "" if s.award.vote is None else msg("; vote threshold {vote}", vote=Percent(s.award.vote))
        if s.award.rank_by != TOTAL:
            vote = msg("{vote}; ranked by {measure}", vote=vote, measure=s.award.rank_by)
        node = _node(
            msg(
                "{award}{where}: {basis}{vote}  [{rule}]",
                award=s.award.label,
                where=where,
                basis=s.basis,
                vote=vote,
                rule=str(s.award.rule),
            )
        )
        proposed = Listing(s.proposed) if s.proposed else msg("nobody")
        if s.note:
            node.children.append(_node(msg("proposed: {units} — {note}", units=proposed, note=s.note)))
        else:
            node.children.append(_node(msg("proposed: {units}", units=proposed)))
        node.children += [_node(vacancy) for vacancy in s.vacancies]  # the seats not proposed: held, or unfilled
        seats.children.append(node)
    root.children.append(seats)
    clusters = len(criteria.clusters) > 1
    for o in proposal.outcomes:
        st = o.standing
        card = st.card
        shared = _shared(st.tie_group, st.unit)
        in_cluster = f"{st.cluster_rank}=" if st.cluster_tie_group is not None else st.cluster_rank
        cluster = msg(", {rank} in cluster {cluster}", rank=in_cluster, cluster=card.unit.cluster) if clusters else ""
        said = msg(
            "{rank}{cluster}. {name} ({id}): {total}{shared}",
            rank=st.rank,
            cluster=cluster,
            name=card.unit.name,
            id=card.unit.id,
            total=card.total,
            shared=shared,
        )
        if card.classification is not None:
            said = msg(
                "{rank}{cluster}. {name} ({id}): {total} — {band}{shared}",
                rank=st.rank,
                cluster=cluster,
                name=card.unit.name,
                id=card.unit.id,
                total=card.total,
                band=card.classification.label,
                shared=shared,
            )
        unit = _node(said)
        unit.children.extend(_node(note) for note in tie_notes(st, clusters))
        for measure in measures(criteria.awards):
            value = measure_value(card, measure)
            unit.children.append(
                _node(msg("{measure}: {value}", measure=measure, value=msg("no value") if value is None else value))
            )
        for award, why in o.proposed:
            unit.children.append(_node(msg("proposed: {award} — {why}", award=award.label, why=why)))
        for r in o.refused:
            line = _node(msg("not {award}: {reasons}", award=r.award.label, reasons=Listing(r.reasons, "; ")))
            if r.would_take:
                line.children.append(_node(msg("it would take: {what}", what=Listing(r.would_take, "; "))))
            unit.children.append(line)
        if o.to_next_rank:
            unit.children.append(_node(msg("next rank: {what}", what=o.to_next_rank)))
        if o.to_next_tier:
            unit.children.append(_node(msg("next tier: {what}", what=o.to_next_tier)))
        root.children.append(unit)
    named = _named_groups(proposal)
    if named:
        table = _node(msg("Tie groups (units that share a rank)"))
        for group in named:
            where = msg("rank {rank} in the round", rank=group.rank)
            if group.cluster is not None:
                where = msg("rank {rank} in cluster {cluster}", rank=group.rank, cluster=group.cluster)
            table.children.append(
                _node(msg("tie group {group}, {where}: {units}", group=group.number, where=where, units=Listing(group.members)))
            )
        root.children.append(table)
    return root


def _named_groups(proposal: Proposal) -> list[TieGroup]:
    """The tie groups too large for each unit to name the others: listed once, after the units."""
    found: dict[int, TieGroup] = {}
    for o in proposal.outcomes:
        for group in (o.standing.tie_group, o.standing.cluster_tie_group):
            if group is not None and len(group.members) - 1 > LISTED:
                found.setdefault(group.number, group)
    return sorted(found.values(), key=lambda g: g.number)


def _shared(group: TieGroup | None, unit: str) -> Text:
    """Whom the unit shares its rank with: each of them, or, when they are more than LISTED, how many and their group."""
    if group is None:
        return ""
    if len(group.members) - 1 <= LISTED:
        return msg(" (shared with {units})", units=Listing(tuple(u for u in group.members if u != unit)))
    return msg(" (shared with {count} other units: tie group {group})", count=len(group.members) - 1, group=group.number)


def measures(awards: Sequence[Award]) -> tuple[Measure, ...]:
    """The measures other than the total that the awards rank by, each once, in the file's order."""
    return tuple(dict.fromkeys(a.rank_by for a in awards if a.rank_by != TOTAL))


def tie_notes(st: Standing, clusters: bool) -> list[Text | Listing]:
    """How the unit's ties were settled. In a round of clusters, the ties with the units of its cluster (its cluster
    rank) are one note and those with the units of other clusters (its rank in the round) another: never mixed."""
    if not clusters:
        return [Listing(st.ties, "; ")] if st.ties else []
    notes: list[Text | Listing] = []
    if st.cluster_ties:
        notes.append(msg("in cluster {cluster}: {ties}", cluster=st.card.unit.cluster, ties=Listing(st.cluster_ties, "; ")))
    others = tuple(t for t in st.ties if t not in st.cluster_ties)
    if others:
        notes.append(msg("in the round: {ties}", ties=Listing(others, "; ")))
    return notes
