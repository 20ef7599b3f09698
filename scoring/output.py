"""Results as plain data: the JSON and CSV that other tools rely on.

Points are decimal strings at the round's precision ("93.50"), deductions are
negative, and a unit's total is exactly the sum of its criteria and adjustments.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from scoring.awards import Proposal
from scoring.evaluate import Results, Scorecard
from scoring.explain import adjustment_explanation, inputs, line_explanation
from scoring.formula import Value
from scoring.numbers import plain
from scoring.whatif import WhatIf


def _value(value: Value) -> str | bool:
    return value if isinstance(value, bool) else plain(value)


def unit_data(results: Results, card: Scorecard) -> dict[str, Any]:
    criteria = results.criteria
    own = card.submission.self_score
    diff = card.self_score_difference
    lines = []
    for line in card.lines:
        c = line.criterion
        used: dict[str, Any] = {}
        for name, value in inputs(criteria, card, line).items():
            reported = card.submission.values.get(name)
            entry: dict[str, Any] = {"value": _value(value)}
            if name in criteria.indicators:
                entry["evidence"] = reported.evidence if reported else None
                entry["source"] = "reported" if reported else "default"
                if reported is not None and reported.correction:
                    entry["source"] = "corrected"
                    entry["correction"] = reported.correction
            else:
                entry["source"] = "derived"
            used[name] = entry
        lines.append(
            {
                "id": c.id,
                "label": c.label,
                "group": c.group,
                "method": c.method,
                "points": plain(line.points),
                "max": plain(c.max),
                "rule_line": c.rule.line,
                "inputs": used,
                "values": {k: _value(v) for k, v in line.facts},
                "notes": list(line.notes),
                "explanation": line_explanation(card, line, results.cohort),
            }
        )
    return {
        "unit": card.unit.id,
        "name": card.unit.name,
        "total": plain(card.total),
        "classification": {"id": card.classification.id, "label": card.classification.label},
        "classification_held_back": [{"id": b.id, "reason": reason} for b, reason in card.held_back],
        "groups": [{"id": g.group.id, "points": plain(g.points), "max": plain(g.group.max)} for g in card.groups],
        "criteria": lines,
        "adjustments": [
            {
                "id": a.adjustment.id,
                "kind": a.adjustment.kind,
                "points": plain(a.points),
                "notes": list(a.notes),
                "explanation": adjustment_explanation(card, a, results.cohort),
            }
            for a in card.adjustments
        ],
        "disqualified": [{"id": d.id, "blocks": list(d.blocks)} for d in card.disqualified],
        "corrections": [
            {"indicator": name, "value": _value(r.value), "note": r.correction}
            for name, r in card.submission.values.items()
            if r.correction
        ],
        "self_score": None if own is None else plain(own),
        "self_score_difference": None if diff is None else plain(diff),
        "submission_sha256": card.submission.sha256,
    }


def score_data(results: Results) -> dict[str, Any]:
    return {
        "round": results.criteria.id,
        "criteria_sha256": results.criteria.sha256,
        "units": [unit_data(results, card) for card in results.scorecards],
    }


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def score_csv(results: Results) -> str:
    """A row per unit: group subtotals, each criterion, adjustments, total, classification."""
    criteria = results.criteria
    header = ["unit", "name"]
    header += [f"group {g.id}" for g in criteria.groups]
    header += [c.id for c in criteria.criteria]
    header += [a.id for a in criteria.adjustments]
    header += ["total", "classification", "self_score", "self_score_difference"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for card in results.scorecards:
        diff = card.self_score_difference
        own = card.submission.self_score
        writer.writerow(
            [card.unit.id, card.unit.name]
            + [plain(g.points) for g in card.groups]
            + [plain(line.points) for line in card.lines]
            + [plain(a.points) for a in card.adjustments]
            + [
                plain(card.total),
                card.classification.label,
                "" if own is None else plain(own),
                "" if diff is None else plain(diff),
            ]
        )
    return out.getvalue()


def rank_data(proposal: Proposal) -> dict[str, Any]:
    """The ranking and the proposed tiers, with every unit's reasons."""
    criteria = proposal.results.criteria
    awards = []
    for award in criteria.awards:
        awards.append(
            {
                "id": award.id,
                "label": award.label,
                "scope": award.scope,
                "vote_threshold": None if award.vote is None else plain(award.vote),
                "seats": [
                    {
                        "scope": s.scope,
                        "quota": s.quota,
                        "basis": s.basis,
                        "eligible": list(s.eligible),
                        "proposed": list(s.proposed),
                        "for_council": list(s.for_council),
                        "open_seats": s.open_seats,
                        "note": s.note,
                    }
                    for s in proposal.seats
                    if s.award is award
                ],
            }
        )
    units = []
    for o in proposal.outcomes:
        s = o.standing
        card = s.card
        units.append(
            {
                "unit": card.unit.id,
                "name": card.unit.name,
                "cluster": card.unit.cluster,
                "total": plain(card.total),
                "classification": {"id": card.classification.id, "label": card.classification.label},
                "rank": s.rank,
                "cluster_rank": s.cluster_rank,
                "tied_with": list(s.tied_with),
                "tie": s.tie_note,
                "proposed": [{"id": a.id, "label": a.label, "rule": why} for a, why in o.proposed],
                "for_council": [a.id for a in o.for_council],
                "not_proposed": [
                    {"id": r.award.id, "reasons": list(r.reasons), "would_take": r.would_take or None} for r in o.refused
                ],
                "to_next_rank": o.to_next_rank,
                "to_next_tier": o.to_next_tier,
            }
        )
    return {"round": criteria.id, "criteria_sha256": criteria.sha256, "awards": awards, "units": units}


def whatif_data(w: WhatIf) -> dict[str, Any]:
    """Each unit's total, rank and tiers under the earlier and the new criteria, side by side."""
    old = {o.standing.unit: o for o in w.old.outcomes}
    units = []
    for o in w.new.outcomes:
        unit = o.standing.card.unit
        before = [old[u] for u in (unit.formed_from or (unit.id,)) if u in old]
        old_tiers = sorted({a.id for b in before for a, _ in b.proposed})
        new_tiers = [a.id for a, _ in o.proposed]
        units.append(
            {
                "unit": unit.id,
                "name": unit.name,
                "old": [
                    {
                        "unit": b.standing.unit,
                        "total": plain(b.standing.card.total),
                        "rank": b.standing.rank,
                        "tiers": [a.id for a, _ in b.proposed],
                    }
                    for b in before
                ],
                "new": {"total": plain(o.standing.card.total), "rank": o.standing.rank, "tiers": new_tiers},
                "tier_changed": old_tiers != sorted(new_tiers),
            }
        )
    return {
        "old_round": w.old.results.criteria.id,
        "new_round": w.new.results.criteria.id,
        "units": units,
        "missing": {k: list(v) for k, v in w.missing.items()},
        "affected": {k: list(v) for k, v in w.affected.items()},
        "left_out": list(w.left_out),
    }
