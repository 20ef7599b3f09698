"""Results as plain data: the JSON and CSV that other tools rely on.

Points are decimal strings at the round's precision ("93.50"), deductions are
negative, and a unit's total is exactly the sum of its criteria and adjustments.
Every reason is carried as a code with its parameters and its text, so that any
tool (and the minutes) can word it: `{"code": "below_minimum", "params":
{"total": "84.60", "minimum": "85"}, "text": "…"}`. The text is in the language
in force, or, for the decision record, in every language (`langs`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from scoring.awards import Outcome, Proposal, measure_value
from scoring.criteria import TOTAL
from scoring.evaluate import BandFacts, Facts, RelativeFacts, Results, Scorecard, TableFacts, TargetFacts
from scoring.explain import adjustment_explanation, inputs, line_explanation
from scoring.formula import Value
from scoring.grades import GradedFacts
from scoring.numbers import plain
from scoring.rank import Standing, TieGroup
from scoring.safetext import cell_text
from scoring.selfscore import disagreement, gaps
from scoring.sources import FromRound
from scoring.whatif import WhatIf, whatif_sides
from scoring.wording import Lang, Msg, use, word

Langs = tuple[Lang, ...] | None  # None: the language in force; else a text per language


def _value(value: Value) -> str | bool:
    return value if isinstance(value, bool) else plain(value)


def _said(make: Callable[[], str], langs: Langs) -> str | dict[str, str]:
    if langs is None:
        return make()
    texts: dict[str, str] = {}
    for lang in langs:
        with use(lang):
            texts[lang] = make()
    return texts


def code(fact: object) -> str:
    """A fact's code: its type's name in snake case (BelowMinimum → below_minimum)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(fact).__name__).lower()


def params(value: object) -> object:
    """A fact's parameters as JSON: decimals as strings, nested facts as {code, params}."""
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, Msg):  # a reason the council wrote with the unit's explanation: its English form
        return word(value, "en")
    if isinstance(value, tuple | list):
        return [params(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f for f in dataclasses.fields(value) if not (f.metadata.get("if_set") and getattr(value, f.name) is None)]
        return {"code": code(value), "params": {f.name: params(getattr(value, f.name)) for f in fields}}
    raise TypeError(f"no data form for {type(value).__name__}")


def fact_data(fact: object, langs: Langs = None) -> dict[str, Any]:
    """A typed reason, note or fact as data: its code, its parameters and its wording."""
    data = params(fact)
    assert isinstance(data, dict)
    data["text"] = _said(lambda: word(fact), langs)
    return data


def taken_data(taken: FromRound) -> dict[str, Any]:
    """Where a value taken from another round came from: the round, its record's digest, what was taken of which unit."""
    take = taken.take
    return {
        "source": taken.source,
        "round": taken.round,
        "record_sha256": taken.sha256,
        "take": take.kind if take.ref is None else {take.kind: take.ref},
        "unit": taken.unit,
    }


def _facts(facts: Facts | None) -> dict[str, Any]:
    """A line's intermediate values, under the names the JSON has always used."""
    if isinstance(facts, TargetFacts):
        found: dict[str, Any] = {"target": plain(facts.target), "ratio": plain(facts.ratio)}
        if facts.leader is not None:
            found["leader ratio"] = plain(facts.leader)
        return found
    if isinstance(facts, RelativeFacts):
        return {"best": plain(facts.best)}
    if isinstance(facts, BandFacts):
        return {"band from": plain(facts.start)}
    if isinstance(facts, GradedFacts):
        return {"combine": facts.combine, "combined": plain(facts.result)}
    if isinstance(facts, TableFacts):
        row: dict[str, Any] = {"row": facts.row}
        if facts.answer is not None:
            row["answer"] = facts.answer
        else:
            row["from"] = plain(facts.start) if facts.start is not None else None
            row["to"] = plain(facts.end) if facts.end is not None else None
        return row
    return {}


def _grades(facts: Facts | None) -> dict[str, Any]:
    """A graded line's grades, each with its assessor, reason and where it was written; nothing on other lines."""
    if not isinstance(facts, GradedFacts):
        return {}
    grades = [{"assessor": g.assessor, "points": plain(g.points), "reason": g.reason, "source": g.source} for g in facts.grades]
    return {"grades": grades}


def _band(card: Scorecard) -> dict[str, str] | None:
    """The unit's classification band; null in a round without bands."""
    band = card.classification
    return None if band is None else {"id": band.id, "label": band.label}


def unit_data(results: Results, card: Scorecard, langs: Langs = None, evidence_once: bool = False) -> dict[str, Any]:
    """A unit's scorecard as data. With `evidence_once` (the decision record), each reported value's evidence is
    written once, in the unit's `evidence` (indicator → text), not in every line that reads the value: a line's
    input of that name refers to it."""
    criteria = results.criteria
    evidence: dict[str, str] = {}
    own = card.submission.self_score
    diff = card.self_score_difference
    lines = []
    for line in card.lines:
        c = line.criterion
        mine = card.submission.self_scores.get(c.id)
        used: dict[str, Any] = {}
        for name, value in inputs(criteria, card, line).items():
            reported = card.submission.values.get(name)
            entry: dict[str, Any] = {"value": _value(value)}
            taken = results.taken(card.unit.id, name)
            indicator = criteria.indicators.get(name)
            if indicator is not None and indicator.type == "choice":  # the answer: two answers may share a number
                entry["answer"] = reported.answer if reported else indicator.default_answer
            if name in criteria.indicators:
                given = reported.evidence if reported else None
                if not evidence_once:
                    entry["evidence"] = given
                elif given is not None:
                    evidence.setdefault(name, given)
                entry["source"] = "reported" if reported else "round" if taken else "default"
                if taken is not None:
                    entry["from"] = taken_data(taken)
                if reported is not None and reported.correction:
                    entry["source"] = "corrected"
                    entry["correction"] = _said(partial(word, reported.correction), langs)
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
                "values": _facts(line.facts),
                **_grades(line.facts),
                "notes": [fact_data(n, langs) for n in line.notes],
                "explanation": _said(partial(line_explanation, card, line, results.cohort), langs),
                "self_score": None if mine is None or mine.points is None else plain(mine.points),
                "self_explanation": None if mine is None else mine.explanation,
            }
        )
    return {
        "unit": card.unit.id,
        "name": card.unit.name,
        "total": plain(card.total),
        "classification": _band(card),
        "classification_held_back": [{"id": b.id, "reason": fact_data(reason, langs)} for b, reason in card.held_back],
        "groups": [{"id": g.group.id, "points": plain(g.points), "max": plain(g.group.max)} for g in card.groups],
        "criteria": lines,
        "adjustments": [
            {
                "id": a.adjustment.id,
                "kind": a.adjustment.kind,
                "points": plain(a.points),
                "notes": [fact_data(n, langs) for n in a.notes],
                "explanation": _said(partial(adjustment_explanation, card, a, results.cohort), langs),
            }
            for a in card.adjustments
        ],
        **({"evidence": evidence} if evidence_once else {}),
        "disqualified": [{"id": d.id, "blocks": list(d.blocks)} for d in card.disqualified],
        "corrections": [
            {"indicator": name, "value": _value(r.value), "note": _said(partial(word, r.correction), langs)}
            for name, r in card.submission.values.items()
            if r.correction
        ],
        "self_score": None if own is None else plain(own),
        "self_score_difference": None if diff is None else plain(diff),
        "self_score_gaps": [fact_data(gap, langs) for gap in gaps(card, None)],
        "self_score_notes": [fact_data(note, langs) for note in (disagreement(card),) if note is not None],
        "submission_sha256": card.submission.sha256,
    }


def score_data(results: Results, langs: Langs = None, evidence_once: bool = False) -> dict[str, Any]:
    """`score --format json`; with `evidence_once`, each input's evidence once per unit (see `unit_data`)."""
    return {
        "round": results.criteria.id,
        "criteria_sha256": results.criteria.sha256,
        "units": [unit_data(results, card, langs, evidence_once) for card in results.scorecards],
    }


def to_json(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` and a line break, the same bytes, written mostly by json's C encoder.

    With an indent json writes everything in Python (its C encoder takes no indent), some 3× slower on a large
    round. Here each run of plain items of a container (strings, numbers, booleans, null) is written in one call of
    the C encoder whose item separator carries that depth's indentation; the containers in between, and their keys,
    are indented here as json does. Anything else (a key that is not a string, a value json would refuse)
    is left to json.dumps itself, so errors and odd cases are json's own. tests/test_output_json.py compares the two.
    """
    out: list[str] = []
    try:
        if _C_ENCODER is None:
            raise _NotPlain
        _indented(data, 0, out)
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out.append("\n")
    return "".join(out)


class _NotPlain(Exception):
    """Data that json.dumps writes on its own (a key that is not a string, an object of another type)."""


_LEAVES = frozenset((str, int, float, bool, type(None)))
_ONE = json.JSONEncoder(ensure_ascii=False)  # a single plain value, as json writes it
_KEY = json.encoder.encode_basestring  # C when json has its C part
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_FLAT: dict[int, Callable[[object, int], Any]] = {}  # depth → the C encoder whose item separator indents to it


def _not_json(o: object) -> object:
    raise _NotPlain  # only plain values reach the C encoder; json.dumps says what is wrong with anything else


def _flat(depth: int) -> Callable[[object, int], Any]:
    found = _FLAT.get(depth)
    if found is None:
        assert _C_ENCODER is not None
        # as json.JSONEncoder.iterencode makes it for ensure_ascii=False, indent=None, separators=(",\n  …", ": "),
        # without the check for cycles (markers None): it is given only containers of plain values
        sep = ",\n" + "  " * depth
        found = _FLAT[depth] = _C_ENCODER(None, _not_json, json.encoder.encode_basestring, None, ": ", sep, False, False, True)
    return found


def _run(depth: int, items: object) -> str:
    """A container of plain values as the C encoder writes it at `depth`, without its brackets."""
    return "".join(_flat(depth)(items, 0))[1:-1]


def _indented(data: object, depth: int, out: list[str]) -> None:
    """Append `data` as json.dumps(indent=2) writes it at `depth`, its first line's indentation already written."""
    kind = type(data)
    if kind in _LEAVES:
        out.append(_ONE.encode(data))
    elif isinstance(data, dict):
        if not data:
            out.append("{}")
            return
        inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
        sep = "{" + inner
        items: dict[object, object] = {}  # a run of plain items: written by one call of the C encoder
        for key, value in data.items():
            if type(value) in _LEAVES:
                items[key] = value
                continue
            if type(key) is not str:
                raise _NotPlain
            if items:
                out.append(sep + _run(depth + 1, items))
                sep, items = "," + inner, {}
            out.append(sep + _KEY(key) + ": ")
            _indented(value, depth + 1, out)
            sep = "," + inner
        if items:
            out.append(sep + _run(depth + 1, items))
        out.append(outer + "}")
    elif isinstance(data, list | tuple):
        if not data:
            out.append("[]")
            return
        inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
        sep = "[" + inner
        run: list[object] = []
        for value in data:
            if type(value) in _LEAVES:
                run.append(value)
                continue
            if run:
                out.append(sep + _run(depth + 1, run))
                sep, run = "," + inner, []
            out.append(sep)
            _indented(value, depth + 1, out)
            sep = "," + inner
        if run:
            out.append(sep + _run(depth + 1, run))
        out.append(outer + "]")
    elif isinstance(data, str | int | float):  # a subclass: json writes it as its base type
        out.append(_ONE.encode(data))
    else:
        raise _NotPlain


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
            [card.unit.id, cell_text(card.unit.name)]
            + [plain(g.points) for g in card.groups]
            + [plain(line.points) for line in card.lines]
            + [plain(a.points) for a in card.adjustments]
            + [
                plain(card.total),
                cell_text(card.classification.label) if card.classification else "",
                "" if own is None else plain(own),
                "" if diff is None else plain(diff),
            ]
        )
    return out.getvalue()


def rank_data(proposal: Proposal, langs: Langs = None) -> dict[str, Any]:
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
                **({} if award.rank_by == TOTAL else {"rank_by": fact_data(award.rank_by, langs)}),
                "seats": [
                    {
                        "scope": s.scope,
                        "quota": s.quota,
                        "basis": fact_data(s.basis, langs),
                        "eligible": list(s.eligible),
                        "proposed": list(s.proposed),
                        "for_council": list(s.for_council),
                        "open_seats": s.open_seats,
                        "note": None if s.note is None else fact_data(s.note, langs),
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
                "classification": _band(card),
                "rank": s.rank,
                "cluster_rank": s.cluster_rank,
                "tie_group": None if s.tie_group is None else s.tie_group.number,
                "tie": [fact_data(t, langs) for t in s.ties] or None,
                **_cluster_ties(s, len(criteria.clusters) > 1, langs),
                **_measured(proposal, o, langs),
                "proposed": [{"id": a.id, "label": a.label, "rule": fact_data(why, langs)} for a, why in o.proposed],
                "for_council": [a.id for a in o.for_council],
                "not_proposed": [
                    {
                        "id": r.award.id,
                        "reasons": [fact_data(x, langs) for x in r.reasons],
                        "would_take": [fact_data(x, langs) for x in r.would_take] or None,
                    }
                    for r in o.refused
                ],
                "to_next_rank": None if o.to_next_rank is None else fact_data(o.to_next_rank, langs),
                "to_next_tier": None if o.to_next_tier is None else fact_data(o.to_next_tier, langs),
            }
        )
    return {
        "round": criteria.id,
        "criteria_sha256": criteria.sha256,
        "awards": awards,
        "tie_groups": tie_groups_data(proposal),
        "units": units,
    }


def tie_groups_data(proposal: Proposal) -> list[dict[str, Any]]:
    """The units that share a rank, each group once (a unit's `tie_group` is its number): the round's, then each cluster's."""
    groups: dict[int, TieGroup] = {}
    for o in proposal.outcomes:
        for group in (o.standing.tie_group, o.standing.cluster_tie_group):
            if group is not None:
                groups.setdefault(group.number, group)
    return [
        {"group": g.number, "rank": g.rank, "cluster": g.cluster, "members": list(g.members)}
        for g in sorted(groups.values(), key=lambda g: g.number)
    ]


def _cluster_ties(s: Standing, clustered: bool, langs: Langs) -> dict[str, Any]:
    """In a round of clusters: the units of its cluster that share its cluster rank, and those ties alone."""
    if not clustered:
        return {}
    return {
        "cluster_tie_group": None if s.cluster_tie_group is None else s.cluster_tie_group.number,
        "cluster_tie": [fact_data(t, langs) for t in s.cluster_ties] or None,
    }


def _measured(proposal: Proposal, o: Outcome, langs: Langs) -> dict[str, Any]:
    """For each award that ranks by something other than the total: the unit's value of it and its place by it."""
    by = [a for a in proposal.results.criteria.awards if a.rank_by != TOTAL]
    if not by:
        return {}
    card = o.standing.card
    return {
        "ranked_by": [
            {
                "award": a.id,
                "measure": fact_data(a.rank_by, langs),
                "value": None if (value := measure_value(card, a.rank_by)) is None else plain(value),
                "place": proposal.place(card.unit.id, a),
            }
            for a in by
        ]
    }


def whatif_data(w: WhatIf, langs: Langs = None) -> dict[str, Any]:
    """Each unit's total, rank and tiers under the earlier and the new criteria, side by side."""
    old_side, new_side = whatif_sides(w)
    labels = {a.id: a.label for a in (*w.old.results.criteria.awards, *w.new.results.criteria.awards)}
    units = []
    for row in w.rows:
        o = row.after
        new_tiers = [a.id for a, _ in o.proposed]
        units.append(
            {
                "unit": row.unit.id,
                "name": row.unit.name,
                "old": [
                    {
                        "unit": b.standing.unit,
                        "total": plain(b.standing.card.total),
                        "rank": b.standing.rank,
                        "tiers": [a.id for a, _ in b.proposed],
                        "tier_labels": [a.label for a, _ in b.proposed],
                    }
                    for b in row.before
                ],
                "new": {
                    "total": plain(o.standing.card.total),
                    "rank": o.standing.rank,
                    "tiers": new_tiers,
                    "tier_labels": [labels[t] for t in new_tiers],
                },
                "tier_changed": row.changed,
                "cause": None if row.cause is None else fact_data(row.cause, langs),
                "assumed": {k: _value(v) for k, v in row.assumed.items()},
            }
        )
    return {
        "old_round": w.old.results.criteria.id,
        "new_round": w.new.results.criteria.id,
        "old_side": _said(lambda: word(old_side), langs),
        "new_side": _said(lambda: word(new_side), langs),
        "units": units,
        "missing": {k: list(v) for k, v in w.missing.items()},
        "affected": {k: list(v) for k, v in w.affected.items()},
        "left_out": list(w.left_out),
        "not_carried": [fact_data(c, langs) for c in w.not_carried],
        "unneeded": [fact_data(u, langs) for u in w.unneeded],
    }
