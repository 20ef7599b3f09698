"""What a new criteria file changes, in meaning, not in lines (`thidua diff`).

`compare(old, new)` matches every part of two loaded rounds by id — clusters,
units, indicators, derived values, targets, groups, criteria, adjustments,
disqualifiers, classification bands, the tie-break order and the award tiers —
and lists each change with the old and the new value side by side. Formulas
are compared by their parsed form (spacing and parentheses are not a change),
numbers by value (10 and 10.0 are the same), and an indicator the new file
declares `renamed` is followed under its new id.

A change is a fact (section, id, field, kind, the old and new values); it is
worded only by `message`, in the language in force.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeVar, get_args

from scoring.criteria import (
    Adjustment,
    Award,
    Band,
    ClassificationBand,
    Cluster,
    Criteria,
    Criterion,
    Derived,
    Disqualifier,
    Indicator,
    Measure,
    TableRow,
    TieBreak,
    Unit,
)
from scoring.formula import Formula
from scoring.safetext import md, one_line
from scoring.wording import Listing, Msg, Percent, msg, word

Kind = Literal["added", "removed", "changed", "moved", "renamed"]
Section = Literal[
    "Round",
    "Clusters",
    "Units",
    "Indicators",
    "Derived values",
    "Targets",
    "Groups",
    "Criteria",
    "Adjustments",
    "Disqualifiers",
    "Classification",
    "Tie-break",
    "Awards",
]
# What a change says, one wording each (see `message`): the `code` of the JSON form.
Code = Literal[
    "field",  # an item's field: old → new
    "round",  # a field of the round itself
    "order",  # the order of bands, award tiers or tie-break keys
    "added",  # an item added, with what it is
    "added_named",  # an item added whose name says what it is (a cluster)
    "removed",
    "removed_named",
    "renamed",  # an indicator's id, followed through `renamed`
    "moved",  # a criterion moved to another group
    "joined",  # a unit new in the round
    "joined_formed_from",  # … formed from earlier units
    "formed_from",  # a unit that took in others, keeping its id
    "left",  # a unit no longer in the round
    "left_part_of",  # … now part of the units formed from it
    "target",  # one unit's target of an indicator
    "targets_added",  # targets for an indicator that had none
    "targets_removed",
]
# A value as people read it, worded at the edge: ids, labels and formulas (str), numbers, shares, lists, phrases.
Shown = str | int | bool | Decimal | Percent | Listing | Msg

SECTIONS: tuple[Section, ...] = get_args(Section)  # in the order they are shown
_MARKS: dict[Kind, str] = {"added": "+", "removed": "-", "changed": "~", "moved": "~", "renamed": "~"}
NOTHING = "—"  # how an absent value is shown
LABEL_WIDTH = 40

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change in meaning: where (section, id, field), how (kind, code), the old and new values (None: absent).

    For an item added or removed, the new or old value is what the item is (its summary); `part_of` lists
    the units that took in a unit that left.
    """

    section: Section
    kind: Kind
    code: Code
    id: str
    field: str | None
    old: Shown | None
    new: Shown | None
    name: str = ""  # the item as people know it: its id and (short) label
    part_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diff:
    old: Criteria
    new: Criteria
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class _V:
    """A value to compare: `key` says what it means, `shown` how people read it (None: absent)."""

    key: object
    shown: Shown | None


_ABSENT = _V(None, None)


def compare(old: Criteria, new: Criteria) -> Diff:
    rename = {o: n for o, n in new.renamed.items() if o in old.indicators and n in new.indicators and n not in old.indicators}
    changes = [
        *_round(old, new),
        *_clusters(old, new),
        *_units(old, new),
        *_matched(
            "Indicators",
            old.indicators,
            new.indicators,
            lambda i: _named(i.id, i.label),
            _indicator_fields,
            _indicator_summary,
            rename,
        ),
        *_matched(
            "Derived values",
            {d.id: d for d in old.derived},
            {d.id: d for d in new.derived},
            lambda d: _named(d.id, d.label),
            _derived_fields,
            lambda d: d.formula.text,
            rename,
        ),
        *_targets(old, new, rename),
        *_matched(
            "Groups",
            {g.id: g for g in old.groups},
            {g.id: g for g in new.groups},
            lambda g: _named(g.id, g.label),
            lambda g, _: {"label": _text(g.label), "max": _num(g.max)},
            lambda g: (
                msg("max {max}, 1 criterion", max=g.max)
                if len(g.criteria) == 1
                else msg("max {max}, {count} criteria", max=g.max, count=len(g.criteria))
            ),
            rename,
        ),
        *_criteria(old, new, rename),
        *_matched(
            "Adjustments",
            {a.id: a for a in old.adjustments},
            {a.id: a for a in new.adjustments},
            lambda a: _named(a.id, a.label),
            _adjustment_fields,
            _adjustment_summary,
            rename,
        ),
        *_matched(
            "Disqualifiers",
            {d.id: d for d in old.disqualifiers},
            {d.id: d for d in new.disqualifiers},
            lambda d: _named(d.id, d.label),
            _disqualifier_fields,
            lambda d: msg("when {when}; blocks {blocks}", when=d.when.text, blocks=_listed(d.blocks)),
            rename,
        ),
        *_matched(
            "Classification",
            {b.id: b for b in old.classification},
            {b.id: b for b in new.classification},
            lambda b: _named(b.id, b.label),
            _band_fields,
            _band_summary,
            rename,
        ),
        *_order("Classification", "classification", [b.id for b in old.classification], [b.id for b in new.classification]),
        *_tie_break(old.tie_break, new.tie_break, rename),
        *_matched(
            "Awards",
            {a.id: a for a in old.awards},
            {a.id: a for a in new.awards},
            lambda a: _named(a.id, a.label),
            _award_fields,
            _award_summary,
            rename,
        ),
        *_order("Awards", "awards", [a.id for a in old.awards], [a.id for a in new.awards]),
    ]
    return Diff(old, new, tuple(changes))


# --- values as compared and as shown


def _text(value: str | None) -> _V:
    return _V(value, value)


def _num(value: Decimal | int | None) -> _V:
    return _ABSENT if value is None else _V(value, value)


def _pct(value: Decimal | None) -> _V:
    return _ABSENT if value is None else _V(value, Percent(value))


def _flag(value: bool) -> _V:
    return _V(("flag", value), value)


def _listed(values: Iterable[str]) -> Shown:
    listed = tuple(values)
    return Listing(listed) if listed else NOTHING


def _ids(values: Iterable[str] | None) -> _V:
    """A set of ids (bands an award requires, what a disqualifier blocks): their order means nothing."""
    if values is None:
        return _ABSENT
    listed = tuple(values)
    return _V(frozenset(listed), _listed(listed))


def _formula(formula: Formula | None, rename: Mapping[str, str]) -> _V:
    if formula is None:
        return _ABSENT
    return _V(("formula", canonical(formula.text, rename)), formula.text)


def canonical(text: str, rename: Mapping[str, str] | None = None) -> str:
    """A formula's meaning as text: spacing, line breaks, parentheses and the way a number is written left out."""
    flat = " ".join(text.split())
    try:
        tree = ast.parse(flat, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # loaded formulas parse; this is only a safeguard
        return flat
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            node.id = (rename or {}).get(node.id, node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
            written = ast.get_source_segment(flat, node) or repr(node.value)
            try:
                node.value = str(Decimal(written.replace("_", "")).normalize())
            except InvalidOperation:
                node.value = repr(node.value)
    return ast.dump(tree, annotate_fields=False)


def _bands(bands: tuple[Band, ...]) -> _V:
    if not bands:
        return _ABSENT
    shown = Listing(tuple(msg("≥{start}: {points}", start=b.start, points=b.points) for b in bands))
    return _V(tuple((b.start, b.points) for b in bands), shown)


def _table(rows: tuple[TableRow, ...]) -> _V:
    if not rows:
        return _ABSENT
    shown = Listing(
        tuple(
            Listing((r.answer, r.points), ": ")
            if r.answer is not None
            else msg("≥{start}: {points}", start=r.start, points=r.points)
            if r.end is None
            else msg("{start} to {end}: {points}", start=r.start, end=r.end, points=r.points)
            for r in rows
        )
    )
    return _V(tuple((r.answer, r.start, r.end, r.points) for r in rows), shown)


def _short(label: str) -> str:
    if len(label) <= LABEL_WIDTH:
        return label
    head = label[: LABEL_WIDTH - 2]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:—–-") + " …"


def _named(id_: str, label: str) -> str:
    return id_ if label == id_ else f"{id_} {_short(label)}"


# --- the fields of each part


def _indicator_fields(i: Indicator, _: Mapping[str, str]) -> dict[str, _V]:
    choices = _ABSENT
    if i.choices:
        shown = Listing(tuple(Listing((k, v), " = ") for k, v in i.choices.items()))
        choices = _V(tuple(sorted(i.choices.items())), shown)
    default = _flag(i.default) if isinstance(i.default, bool) else _num(i.default)
    carry = _text(i.carry)
    if i.carry_weight:
        carry = _V(("weighted_mean", i.carry_weight), msg("weighted_mean of {weight}", weight=i.carry_weight))
    return {
        "label": _text(i.label),
        "unit": _text(i.unit),
        "type": _text(i.type),
        "min": _num(i.min),
        "max": _num(i.max),
        "default": default,
        "choices": choices,
        "carry": carry,
        "evidence": _ABSENT
        if i.if_no_evidence is None
        else _V(i.if_no_evidence, msg("required (if_no_evidence: {mode})", mode=i.if_no_evidence)),
        "from": _ABSENT if i.source is None else _V((i.source.source, i.source.take), _taken_from(i)),
    }


def _taken_from(i: Indicator) -> Msg:
    assert i.source is not None
    return msg("source {source}, {take}", source=i.source.source, take=i.source.take)


def _indicator_summary(i: Indicator) -> Msg:
    return msg("{type}, {unit}", type=i.type, unit=i.unit) if i.unit else msg("{type}", type=i.type)


def _derived_fields(d: Derived, rename: Mapping[str, str]) -> dict[str, _V]:
    return {"label": _text(d.label), "formula": _formula(d.formula, rename)}


def _criterion_fields(c: Criterion, rename: Mapping[str, str]) -> dict[str, _V]:
    of = _ABSENT if c.of is None else _V(rename.get(c.of, c.of), c.of)
    return {
        "group": _text(c.group),
        "label": _text(c.label),
        "max": _num(c.max),
        "method": _text(c.method),
        "of": of,
        "points_each": _num(c.points_each),
        "bands": _bands(c.bands),
        "table": _table(c.table),
        "formula": _formula(c.formula, rename),
        "if_missing": _text(c.if_missing),
        "combine": _text(c.combine) if c.method == "graded" else _ABSENT,  # how the assessors' grades combine
        "assessors": _num(c.assessors) if c.method == "graded" else _ABSENT,
    }


def _criterion_summary(c: Criterion) -> Msg:
    rule: Shown = c.method
    if c.of is not None:
        rule = msg("{method} of {indicator}", method=c.method, indicator=c.of)
    if c.points_each is not None:
        rule = msg("{rule}, {points} each", rule=rule, points=c.points_each)
    bands = _bands(c.bands).shown
    if bands is not None:
        rule = Listing((rule, bands), " ")
    table = _table(c.table).shown
    if table is not None:
        rule = Listing((rule, table), " ")
    if c.formula is not None:
        rule = Listing((rule, c.formula.text), " ")
    return msg("group {group}, max {max}, {rule}", group=c.group, max=c.max, rule=rule)


def _adjustment_fields(a: Adjustment, rename: Mapping[str, str]) -> dict[str, _V]:
    return {
        "label": _text(a.label),
        "kind": _text(a.kind),
        "formula": _formula(a.formula, rename),
        "cap": _num(a.cap),
        "if_missing": _text(a.if_missing),
    }


def _adjustment_summary(a: Adjustment) -> Msg:
    if a.kind == "bonus":
        rule = msg("bonus {formula}", formula=a.formula.text)
    else:
        rule = msg("deduction {formula}", formula=a.formula.text)
    return rule if a.cap is None else msg("{adjustment}, cap {cap}", adjustment=rule, cap=a.cap)


def _disqualifier_fields(d: Disqualifier, rename: Mapping[str, str]) -> dict[str, _V]:
    return {"label": _text(d.label), "when": _formula(d.when, rename), "blocks": _ids(d.blocks)}


def _band_fields(b: ClassificationBand, _: Mapping[str, str]) -> dict[str, _V]:
    return {
        "label": _text(b.label),
        "min_total": _num(b.min_total),
        "floor": _pct(b.floor),
        **_shares(b.floor_in, b.group_floor, b.no_zero, ""),
    }


def _shares(
    floor_in: Mapping[str, Decimal], group_floor: Mapping[str, Decimal], no_zero: tuple[str, ...], at: str
) -> dict[str, _V]:
    """A band's or an award's floors on named groups and its no-zero groups, one field per group."""
    return {
        **{f"{at}floor.{gid}": _pct(v) for gid, v in floor_in.items()},
        **{f"{at}group_floor.{gid}": _pct(v) for gid, v in group_floor.items()},
        f"{at}no_zero": _ids(no_zero or None),
    }


def _band_summary(b: ClassificationBand) -> Shown:
    parts: list[Msg] = []
    if b.min_total is not None:
        parts.append(msg("min_total {min_total}", min_total=b.min_total))
    if b.floor is not None:
        parts.append(msg("floor {floor}", floor=Percent(b.floor)))
    for gid, share in b.floor_in.items():
        parts.append(msg("floor {floor} in group {group}", floor=Percent(share), group=gid))
    for gid, share in b.group_floor.items():
        parts.append(msg("group {group} at least {floor} of its max", floor=Percent(share), group=gid))
    if b.no_zero:
        parts.append(msg("no criterion at 0 in {groups}", groups=Listing(b.no_zero)))
    return Listing(tuple(parts)) if parts else msg("every unit that reaches no band above")


def _rounding(mode: str) -> Shown:
    if mode == "down":
        return msg("rounded down")
    if mode == "up":
        return msg("rounded up")
    if mode == "half_up":
        return msg("rounded half up")
    return mode


def _share_of(base: str) -> Shown:
    if base == "units":
        return msg("units")
    if base == "candidates":
        return msg("candidates")
    if base == "eligible":
        return msg("eligible")
    if base == "clusters":
        return msg("clusters")
    return base


def _quota(a: Award) -> _V:
    if a.share is None:
        return _V(("seats", a.quota), a.quota)
    shown = msg(
        "{share} of {share_of}, {rounding}",
        share=Percent(a.share),
        share_of=_share_of(a.share_of),
        rounding=_rounding(a.quota_rounding),
    )
    return _V(("share", a.share, a.share_of, a.quota_rounding), shown)


def _award_fields(a: Award, rename: Mapping[str, str]) -> dict[str, _V]:
    return {
        "label": _text(a.label),
        "scope": _text(a.scope),
        "quota": _quota(a),
        "among": _text(a.among),
        "requires.min_total": _num(a.min_total),
        "requires.classification": _ids(a.classification),
        "requires.max_rank": _num(a.max_rank),
        **{f"requires.min_group.{gid}": _num(v) for gid, v in a.min_group.items()},
        **{f"requires.min_criterion.{cid}": _num(v) for cid, v in a.min_criterion.items()},
        **_shares({}, a.group_floor, a.no_zero, "requires."),
        "requires.when": _formula(a.when, rename),
        "vote": _pct(a.vote),
        "also_lower": _flag(a.also_lower),
        "rank_by": _measure(a.rank_by, rename),
    }


def _measure(m: Measure, rename: Mapping[str, str]) -> _V:
    """What an award ranks by; a value renamed since the old round is the same value."""
    ref = rename.get(m.ref, m.ref) if m.kind == "value" and m.ref is not None else m.ref
    return _V((m.kind, ref, m.prefer), msg("{value}", value=m))


def _award_summary(a: Award) -> Msg:
    quota = _quota(a).shown
    text = msg("quota {quota} per cluster", quota=quota) if a.scope == "cluster" else msg("quota {quota}", quota=quota)
    return text if a.among is None else msg("{award}, among {among}", award=text, among=a.among)


# --- matching by id


def _fields(
    section: Section,
    id_: str,
    name: str,
    old: Mapping[str, _V],
    new: Mapping[str, _V],
    kinds: Mapping[str, Kind] | None = None,
) -> list[Change]:
    changes = []
    code: Code = "field" if name else "round"
    for field in dict.fromkeys([*new, *old]):
        a, b = old.get(field, _ABSENT), new.get(field, _ABSENT)
        if a.key == b.key:
            continue
        kind = (kinds or {}).get(field, "changed")
        changes.append(Change(section, kind, code, id_, field, a.shown, b.shown, name))
    return changes


def _matched(
    section: Section,
    old: Mapping[str, T],
    new: Mapping[str, T],
    name: Callable[[T], str],
    fields: Callable[[T, Mapping[str, str]], dict[str, _V]],
    summary: Callable[[T], Shown],
    rename: Mapping[str, str],
    kinds: Mapping[str, Kind] | None = None,
    says: Callable[[T], bool] = lambda _: False,
) -> list[Change]:
    """Changes between two sets of items keyed by id; `rename` (old id → new id) follows renamed indicators.

    `says`: whether an item's name already says what it is (then an item added or removed is shown without its summary).
    """
    follow = rename if section == "Indicators" else {}
    was = {n: o for o, n in follow.items()}
    changes = []
    for key, item in new.items():
        before = key if key in old else was.get(key)
        if before is None:
            added: Code = "added_named" if says(item) else "added"
            changes.append(Change(section, "added", added, key, None, None, summary(item), name(item)))
            continue
        if before != key:
            changes.append(Change(section, "renamed", "renamed", key, "id", before, key, name(item)))
        changes += _fields(section, key, name(item), fields(old[before], rename), fields(item, {}), kinds)
    for key, item in old.items():
        if key not in new and follow.get(key) not in new:
            removed: Code = "removed_named" if says(item) else "removed"
            changes.append(Change(section, "removed", removed, key, None, summary(item), None, name(item)))
    return changes


def _order(section: Section, id_: str, old: list[str], new: list[str]) -> list[Change]:
    """Order matters for bands and award tiers: report when the ids both files keep change places."""
    kept_old = [i for i in old if i in new]
    kept_new = [i for i in new if i in old]
    if kept_old == kept_new:
        return []
    return [Change(section, "changed", "order", id_, "order", Listing(tuple(old)), Listing(tuple(new)), id_)]


# --- the sections


def _round(old: Criteria, new: Criteria) -> list[Change]:
    def fields(c: Criteria) -> dict[str, _V]:
        rounding = (
            msg("1 place, {mode}", mode=c.rounding)
            if c.places == 1
            else msg("{places} places, {mode}", places=c.places, mode=c.rounding)
        )
        return {
            "id": _text(c.id),
            "title": _text(c.title),
            "year": _num(c.year),
            "scale": _num(c.scale),
            "rounding": _V((c.places, c.rounding), rounding),
        }

    return _fields("Round", "round", "", fields(old), fields(new))


def _declared(criteria: Criteria) -> tuple[Cluster, ...]:
    """The clusters a file declares: none when the whole round is one cluster named after it."""
    clusters = criteria.clusters
    implicit = (
        len(clusters) == 1
        and clusters[0].id == criteria.id
        and clusters[0].name == criteria.title
        and all(u.cluster == criteria.id for u in criteria.units)
    )
    return () if implicit else clusters


def _clusters(old: Criteria, new: Criteria) -> list[Change]:
    return _matched(
        "Clusters",
        {c.id: c for c in _declared(old)},
        {c.id: c for c in _declared(new)},
        lambda c: _named(c.id, c.name),
        lambda c, _: {"name": _text(c.name)},
        lambda c: c.name,
        {},
        {"name": "renamed"},
        lambda c: c.name in _named(c.id, c.name),  # a cluster is its name, unless the name is cut short
    )


def _units(old: Criteria, new: Criteria) -> list[Change]:
    def fields(u: Unit, declared: bool) -> dict[str, _V]:
        return {
            "name": _text(u.name),
            "cluster": _text(u.cluster if declared else None),
            "formed_from": _V(frozenset(u.formed_from), Listing(u.formed_from)) if u.formed_from else _ABSENT,
        }

    old_units = {u.id: u for u in old.units}
    old_declared, new_declared = bool(_declared(old)), bool(_declared(new))
    changes = []
    for unit in new.units:
        name = _named(unit.id, unit.name)
        if unit.id not in old_units:
            if unit.formed_from:
                predecessors = Listing(unit.formed_from)
                changes.append(Change("Units", "added", "joined_formed_from", unit.id, "formed_from", None, predecessors, name))
            else:
                changes.append(Change("Units", "added", "joined", unit.id, None, None, unit.name, name))
            continue
        for change in _fields(
            "Units", unit.id, name, fields(old_units[unit.id], old_declared), fields(unit, new_declared), {"name": "renamed"}
        ):
            if change.field == "formed_from" and change.old is None:
                changes.append(Change("Units", change.kind, "formed_from", unit.id, change.field, None, change.new, name))
            else:
                changes.append(change)
    new_ids = {u.id for u in new.units}
    for unit in old.units:
        if unit.id in new_ids:
            continue
        successors = tuple(u.id for u in new.units if unit.id in u.formed_from)
        code: Code = "left_part_of" if successors else "left"
        changes.append(Change("Units", "removed", code, unit.id, None, unit.name, None, _named(unit.id, unit.name), successors))
    return changes


def _per_unit(targets: Mapping[str, Decimal]) -> Listing:
    return Listing(tuple(Listing((uid, v), " ") for uid, v in targets.items()))


def _targets(old: Criteria, new: Criteria, rename: Mapping[str, str]) -> list[Change]:
    def name(iid: str) -> str:
        indicator = new.indicators.get(iid) or old.indicators.get(iid)
        return _named(iid, indicator.label) if indicator is not None else iid

    before = {rename.get(iid, iid): per_unit for iid, per_unit in old.targets.items()}
    changes = []
    for iid, per_unit in new.targets.items():
        who = name(iid)
        if iid not in before:
            changes.append(Change("Targets", "added", "targets_added", iid, None, None, _per_unit(per_unit), who))
            continue
        was = before[iid]
        for uid in dict.fromkeys([*per_unit, *was]):
            a, b = was.get(uid), per_unit.get(uid)
            if a == b:
                continue
            kind: Kind = "added" if a is None else "removed" if b is None else "changed"
            changes.append(Change("Targets", kind, "target", iid, uid, a, b, who))
    for iid, per_unit in before.items():
        if iid not in new.targets:
            changes.append(Change("Targets", "removed", "targets_removed", iid, None, _per_unit(per_unit), None, name(iid)))
    return changes


def _criteria(old: Criteria, new: Criteria, rename: Mapping[str, str]) -> list[Change]:
    olds = {c.id: c for c in old.criteria}
    changes = []
    for criterion in new.criteria:
        name = _named(criterion.id, criterion.label)
        if criterion.id not in olds:
            changes.append(Change("Criteria", "added", "added", criterion.id, None, None, _criterion_summary(criterion), name))
            continue
        was = olds[criterion.id]
        for change in _fields(
            "Criteria", criterion.id, name, _criterion_fields(was, rename), _criterion_fields(criterion, {}), {"group": "moved"}
        ):
            if change.field == "group":
                changes.append(Change("Criteria", "moved", "moved", criterion.id, "group", change.old, change.new, name))
            elif change.field == "bands" and len(was.bands) == len(criterion.bands):
                changes += _each_band(criterion.id, name, was.bands, criterion.bands)
            else:
                changes.append(change)
    new_ids = {c.id for c in new.criteria}
    for criterion in old.criteria:
        if criterion.id not in new_ids:
            name, summary = _named(criterion.id, criterion.label), _criterion_summary(criterion)
            changes.append(Change("Criteria", "removed", "removed", criterion.id, None, summary, None, name))
    return changes


def _each_band(id_: str, name: str, old: tuple[Band, ...], new: tuple[Band, ...]) -> list[Change]:
    """Bands of the same number: each threshold and its points, old and new."""
    changes = []
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        for field, x, y in ((f"bands[{i}].from", a.start, b.start), (f"bands[{i}].points", a.points, b.points)):
            if x != y:
                changes.append(Change("Criteria", "changed", "field", id_, field, x, y, name))
    return changes


def _tie_break(old: tuple[TieBreak, ...], new: tuple[TieBreak, ...], rename: Mapping[str, str]) -> list[Change]:
    def key(t: TieBreak, names: Mapping[str, str]) -> tuple[str, str | None, str]:
        ref = names.get(t.ref, t.ref) if t.kind == "value" and t.ref is not None else t.ref
        return (t.kind, ref, t.prefer)

    if [key(t, rename) for t in old] == [key(t, {}) for t in new]:
        return []
    before, after = _listed_keys(old), _listed_keys(new)
    return [Change("Tie-break", "changed", "order", "tie_break", "order", before, after, "tie_break")]


def _listed_keys(keys: tuple[TieBreak, ...]) -> Shown:
    return Listing(keys) if keys else NOTHING


# --- wording


def message(change: Change, absent: object = NOTHING) -> Msg:
    """The change as a sentence, worded in the language in force when shown; `absent` stands for an absent value."""
    c = change
    name, field = c.name, c.field or ""
    old, new = (absent if c.old is None else c.old), (absent if c.new is None else c.new)
    match c.code:
        case "field":
            return msg("{name}: {field} {old} → {new}", name=name, field=field, old=old, new=new)
        case "round":
            return msg("{field}: {old} → {new}", field=field, old=old, new=new)
        case "order":
            return msg("order: {old} → {new}", old=old, new=new)
        case "added":
            return msg("{name}: added ({summary})", name=name, summary=new)
        case "added_named":
            return msg("{name}: added", name=name)
        case "removed":
            return msg("{name}: removed ({summary})", name=name, summary=old)
        case "removed_named":
            return msg("{name}: removed", name=name)
        case "renamed":
            return msg("{old}: renamed to {new}", old=old, new=new)
        case "moved":
            return msg("{name}: moved from group {old} to group {new}", name=name, old=old, new=new)
        case "joined":
            return msg("{name}: joined", name=name)
        case "joined_formed_from":
            return msg("{name}: joined, formed from {units}", name=name, units=new)
        case "formed_from":
            return msg("{name}: formed from {units}", name=name, units=new)
        case "left":
            return msg("{name}: left", name=name)
        case "left_part_of":
            return msg("{name}: left (now part of {units})", name=name, units=Listing(c.part_of))
        case "target":
            return msg("{name}: {unit} {old} → {new}", name=name, unit=field, old=old, new=new)
        case "targets_added":
            return msg("{name}: targets added ({targets})", name=name, targets=new)
        case "targets_removed":
            return msg("{name}: targets removed ({targets})", name=name, targets=old)


_TITLES: dict[Section, Msg] = {
    "Round": msg("Round"),
    "Clusters": msg("Clusters"),
    "Units": msg("Units"),
    "Indicators": msg("Indicators"),
    "Derived values": msg("Derived values"),
    "Targets": msg("Targets"),
    "Groups": msg("Groups"),
    "Criteria": msg("Criteria"),
    "Adjustments": msg("Adjustments"),
    "Disqualifiers": msg("Disqualifiers"),
    "Classification": msg("Classification"),
    "Tie-break": msg("Tie-break"),
    "Awards": msg("Awards"),
}
_KINDS: dict[Kind, Msg] = {
    "added": msg("added"),
    "removed": msg("removed"),
    "changed": msg("changed"),
    "moved": msg("moved"),
    "renamed": msg("renamed"),
}


# --- output


def _machine(value: object) -> object:
    """A sentence's parameter for tools: ids and numbers as data (decimals as text), lists, phrases in English, absent: null."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Listing):
        return [_machine(item) for item in value.items]
    return word(value, "en")


def diff_data(diff: Diff) -> dict[str, object]:
    """The JSON form: the two rounds' ids and every change, its values in machine form, its sentence with its code."""
    changes = []
    for c in diff.changes:
        said = message(c)
        facts = message(c, absent=None).params
        changes.append(
            {
                "section": c.section,
                "kind": c.kind,
                "id": c.id,
                "field": c.field,
                "old": None if c.old is None else word(c.old, "en"),
                "new": None if c.new is None else word(c.new, "en"),
                "text": word(said),
                "code": c.code,
                "params": {k: _machine(v) for k, v in facts},
            }
        )
    return {"old": diff.old.id, "new": diff.new.id, "changes": changes}


def _no_change(diff: Diff) -> Msg:
    return msg(
        "No change in meaning between {old_file} ({old_id}) and {new_file} ({new_id}).",
        old_file=str(diff.old.file),
        old_id=diff.old.id,
        new_file=str(diff.new.file),
        new_id=diff.new.id,
    )


def _by_section(diff: Diff) -> list[tuple[Section, list[Change]]]:
    return [(s, [c for c in diff.changes if c.section == s]) for s in SECTIONS if any(c.section == s for c in diff.changes)]


def diff_text(diff: Diff) -> str:
    if not diff.changes:
        return word(_no_change(diff)) + "\n"
    old, new, count = diff.old, diff.new, len(diff.changes)
    files = {"old_file": str(old.file), "old_id": old.id, "new_file": str(new.file), "new_id": new.id}
    if count == 1:
        head = msg("Changes in meaning from {old_file} ({old_id}) to {new_file} ({new_id}): 1 change", **files)
    else:
        head = msg(
            "Changes in meaning from {old_file} ({old_id}) to {new_file} ({new_id}): {count} changes", **files, count=count
        )
    lines = [word(head)]
    for section, changes in _by_section(diff):
        lines += ["", word(_TITLES[section]), *(f"  {_MARKS[c.kind]} {one_line(word(message(c)))}" for c in changes)]
    return "\n".join(lines) + "\n"


def _cell(value: Shown | None) -> str:
    if value is None:
        return NOTHING
    return md(" ".join(word(value).split()))


def diff_markdown(diff: Diff) -> str:
    old, new = diff.old, diff.new
    lines = [
        word(msg("# Changes in meaning: {old_id} → {new_id}", old_id=old.id, new_id=new.id)),
        "",
        word(msg("Old: `{old_file}` · New: `{new_file}`", old_file=str(old.file), new_file=str(new.file))),
        "",
    ]
    if not diff.changes:
        return "\n".join([*lines, word(_no_change(diff))]) + "\n"
    count = len(diff.changes)
    lines += [word(msg("1 change.") if count == 1 else msg("{count} changes.", count=count)), ""]
    header = word(msg("| Change | Item | Field | Old | New |"))
    for section, changes in _by_section(diff):
        lines += [f"## {word(_TITLES[section])}", "", header, "|---|---|---|---|---|"]
        for c in changes:
            item = msg("round") if c.code == "round" else c.name or c.id
            field = msg("order") if c.code == "order" else c.field
            lines.append(f"| {_cell(_KINDS[c.kind])} | {_cell(item)} | {_cell(field)} | {_cell(c.old)} | {_cell(c.new)} |")
        lines.append("")
    return "\n".join(lines)
