"""What a new criteria file changes, in meaning, not in lines (`thidua diff`).

`compare(old, new)` matches every part of two loaded rounds by id — clusters,
units, indicators, derived values, targets, groups, criteria, adjustments,
disqualifiers, classification bands, the tie-break order and the award tiers —
and lists each change with the old and the new value side by side. Formulas
are compared by their parsed form (spacing and parentheses are not a change),
numbers by value (10 and 10.0 are the same), and an indicator the new file
declares `renamed` is followed under its new id.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Literal, TypeVar

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
    TieBreak,
    Unit,
)
from scoring.formula import Formula
from scoring.numbers import plain

Kind = Literal["added", "removed", "changed", "moved", "renamed"]

SECTIONS = (
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
)
_MARKS: dict[Kind, str] = {"added": "+", "removed": "-", "changed": "~", "moved": "~", "renamed": "~"}
NOTHING = "—"  # how an absent value is shown
LABEL_WIDTH = 40

T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change in meaning: what (section, id, field), how (kind), the old and new values as shown, and a line for people."""

    section: str
    kind: Kind
    id: str
    field: str | None
    old: str | None
    new: str | None
    text: str
    name: str = ""  # the item as people know it: its id and (short) label


@dataclass(frozen=True)
class Diff:
    old: Criteria
    new: Criteria
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class _V:
    """A value to compare: `key` says what it means, `shown` how people read it (None: absent)."""

    key: object
    shown: str | None


_ABSENT = _V(None, None)


def compare(old: Criteria, new: Criteria) -> Diff:
    renamed: Mapping[str, str] = dict(getattr(new, "renamed", None) or {})
    rename = {o: n for o, n in renamed.items() if o in old.indicators and n in new.indicators and n not in old.indicators}
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
            lambda g: f"max {plain(g.max)}, {len(g.criteria)} criteri{'on' if len(g.criteria) == 1 else 'a'}",
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
            lambda d: f"when {d.when.text}; blocks {', '.join(d.blocks) or NOTHING}",
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
    if value is None:
        return _ABSENT
    return _V(value, plain(value) if isinstance(value, Decimal) else str(value))


def percent(share: Decimal) -> str:
    """0.85 → "85%", 0.125 → "12.5%"."""
    return f"{plain((share * 100).normalize())}%"


def _pct(value: Decimal | None) -> _V:
    return _ABSENT if value is None else _V(value, percent(value))


def _flag(value: bool) -> _V:
    return _V(("flag", value), "yes" if value else "no")


def _ids(values: Iterable[str] | None) -> _V:
    """A set of ids (bands an award requires, what a disqualifier blocks): their order means nothing."""
    if values is None:
        return _ABSENT
    listed = tuple(values)
    return _V(frozenset(listed), ", ".join(listed) or NOTHING)


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
    return _V(tuple((b.start, b.points) for b in bands), ", ".join(_band(b) for b in bands))


def _band(band: Band) -> str:
    return f"≥{plain(band.start)}: {plain(band.points)}"


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
        choices = _V(tuple(sorted(i.choices.items())), ", ".join(f"{k} = {plain(v)}" for k, v in i.choices.items()))
    default = _flag(i.default) if isinstance(i.default, bool) else _num(i.default)
    carry = getattr(i, "carry", None)
    weight = getattr(i, "carry_weight", None)
    return {
        "label": _text(i.label),
        "unit": _text(i.unit),
        "type": _text(i.type),
        "min": _num(i.min),
        "max": _num(i.max),
        "default": default,
        "choices": choices,
        "carry": _text(f"weighted_mean of {weight}" if weight else carry),
    }


def _indicator_summary(i: Indicator) -> str:
    return i.type + (f", {i.unit}" if i.unit else "")


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
        "formula": _formula(c.formula, rename),
        "if_missing": _text(c.if_missing),
    }


def _criterion_summary(c: Criterion) -> str:
    rule: str = c.method
    if c.of is not None:
        rule += f" of {c.of}"
    if c.points_each is not None:
        rule += f", {plain(c.points_each)} each"
    if c.bands:
        rule += f" {_bands(c.bands).shown}"
    if c.formula is not None:
        rule += f" {c.formula.text}"
    return f"group {c.group}, max {plain(c.max)}, {rule}"


def _adjustment_fields(a: Adjustment, rename: Mapping[str, str]) -> dict[str, _V]:
    return {
        "label": _text(a.label),
        "kind": _text(a.kind),
        "formula": _formula(a.formula, rename),
        "cap": _num(a.cap),
        "if_missing": _text(a.if_missing),
    }


def _adjustment_summary(a: Adjustment) -> str:
    return f"{a.kind} {a.formula.text}" + (f", cap {plain(a.cap)}" if a.cap is not None else "")


def _disqualifier_fields(d: Disqualifier, rename: Mapping[str, str]) -> dict[str, _V]:
    return {"label": _text(d.label), "when": _formula(d.when, rename), "blocks": _ids(d.blocks)}


def _band_fields(b: ClassificationBand, _: Mapping[str, str]) -> dict[str, _V]:
    return {"label": _text(b.label), "min_total": _num(b.min_total), "floor": _pct(b.floor)}


def _band_summary(b: ClassificationBand) -> str:
    parts = []
    if b.min_total is not None:
        parts.append(f"min_total {plain(b.min_total)}")
    if b.floor is not None:
        parts.append(f"floor {percent(b.floor)}")
    return ", ".join(parts) or "every unit that reaches no band above"


_ROUNDING_WORDS = {"down": "rounded down", "up": "rounded up", "half_up": "rounded half up"}


def _quota(a: Award) -> _V:
    if a.share is None:
        return _V(("seats", a.quota), str(a.quota))
    shown = f"{percent(a.share)} of {a.share_of}, {_ROUNDING_WORDS.get(a.quota_rounding, a.quota_rounding)}"
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
        "requires.when": _formula(a.when, rename),
        "vote": _pct(a.vote),
        "also_lower": _flag(a.also_lower),
    }


def _award_summary(a: Award) -> str:
    text = f"quota {_quota(a).shown}"
    if a.scope == "cluster":
        text += " per cluster"
    if a.among is not None:
        text += f", among {a.among}"
    return text


# --- matching by id


def _line(name: str, field: str, old: str | None, new: str | None) -> str:
    return f"{name}: {field} {old or NOTHING} → {new or NOTHING}" if name else f"{field}: {old or NOTHING} → {new or NOTHING}"


def _whole(name: str, verb: str, summary: str) -> str:
    """An item added or removed, with what it is unless its name already says it."""
    return f"{name}: {verb}" + ("" if summary in name else f" ({summary})")


def _fields(
    section: str,
    id_: str,
    name: str,
    old: Mapping[str, _V],
    new: Mapping[str, _V],
    kinds: Mapping[str, Kind] | None = None,
) -> list[Change]:
    changes = []
    for field in dict.fromkeys([*new, *old]):
        a, b = old.get(field, _ABSENT), new.get(field, _ABSENT)
        if a.key == b.key:
            continue
        kind = (kinds or {}).get(field, "changed")
        changes.append(Change(section, kind, id_, field, a.shown, b.shown, _line(name, field, a.shown, b.shown), name))
    return changes


def _matched(
    section: str,
    old: Mapping[str, T],
    new: Mapping[str, T],
    name: Callable[[T], str],
    fields: Callable[[T, Mapping[str, str]], dict[str, _V]],
    summary: Callable[[T], str],
    rename: Mapping[str, str],
    kinds: Mapping[str, Kind] | None = None,
) -> list[Change]:
    """Changes between two sets of items keyed by id; `rename` (old id → new id) follows renamed indicators."""
    follow = rename if section == "Indicators" else {}
    was = {n: o for o, n in follow.items()}
    changes = []
    for key, item in new.items():
        before = key if key in old else was.get(key)
        if before is None:
            text = summary(item)
            changes.append(Change(section, "added", key, None, None, text, _whole(name(item), "added", text), name(item)))
            continue
        if before != key:
            line = f"{before}: renamed to {key}"
            changes.append(Change(section, "renamed", key, "id", before, key, line, name(item)))
        changes += _fields(section, key, name(item), fields(old[before], rename), fields(item, {}), kinds)
    for key, item in old.items():
        if key not in new and follow.get(key) not in new:
            text = summary(item)
            changes.append(Change(section, "removed", key, None, text, None, _whole(name(item), "removed", text), name(item)))
    return changes


def _order(section: str, id_: str, old: list[str], new: list[str]) -> list[Change]:
    """Order matters for bands and award tiers: report when the ids both files keep change places."""
    kept_old = [i for i in old if i in new]
    kept_new = [i for i in new if i in old]
    if kept_old == kept_new:
        return []
    before, after = ", ".join(old), ", ".join(new)
    return [Change(section, "changed", id_, "order", before, after, _line("", "order", before, after), id_)]


# --- the sections


def _round(old: Criteria, new: Criteria) -> list[Change]:
    def fields(c: Criteria) -> dict[str, _V]:
        return {
            "id": _text(c.id),
            "title": _text(c.title),
            "year": _num(c.year),
            "scale": _num(c.scale),
            "rounding": _V((c.places, c.rounding), f"{c.places} place{'' if c.places == 1 else 's'}, {c.rounding}"),
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
    )


def _formed_from(unit: Unit) -> tuple[str, ...]:
    return tuple(getattr(unit, "formed_from", ()) or ())


def _units(old: Criteria, new: Criteria) -> list[Change]:
    def fields(u: Unit, declared: bool) -> dict[str, _V]:
        predecessors = _formed_from(u)
        return {
            "name": _text(u.name),
            "cluster": _text(u.cluster if declared else None),
            "formed_from": _V(frozenset(predecessors), ", ".join(predecessors)) if predecessors else _ABSENT,
        }

    old_units = {u.id: u for u in old.units}
    old_declared, new_declared = bool(_declared(old)), bool(_declared(new))
    changes = []
    for unit in new.units:
        name = _named(unit.id, unit.name)
        predecessors = ", ".join(_formed_from(unit))
        if unit.id not in old_units:
            if predecessors:
                line = f"{name}: joined, formed from {predecessors}"
                changes.append(Change("Units", "added", unit.id, "formed_from", None, predecessors, line, name))
            else:
                changes.append(Change("Units", "added", unit.id, None, None, unit.name, f"{name}: joined", name))
            continue
        for change in _fields(
            "Units", unit.id, name, fields(old_units[unit.id], old_declared), fields(unit, new_declared), {"name": "renamed"}
        ):
            if change.field == "formed_from" and change.old is None:
                changes.append(replace(change, text=f"{name}: formed from {predecessors}"))
            else:
                changes.append(change)
    new_ids = {u.id for u in new.units}
    for unit in old.units:
        if unit.id in new_ids:
            continue
        name = _named(unit.id, unit.name)
        successors = [u.id for u in new.units if unit.id in _formed_from(u)]
        line = f"{name}: left" + (f" (now part of {', '.join(successors)})" if successors else "")
        changes.append(Change("Units", "removed", unit.id, None, unit.name, None, line, name))
    return changes


def _per_unit(targets: Mapping[str, Decimal]) -> str:
    return ", ".join(f"{uid} {plain(v)}" for uid, v in targets.items())


def _targets(old: Criteria, new: Criteria, rename: Mapping[str, str]) -> list[Change]:
    def name(iid: str) -> str:
        indicator = new.indicators.get(iid) or old.indicators.get(iid)
        return _named(iid, indicator.label) if indicator is not None else iid

    before = {rename.get(iid, iid): per_unit for iid, per_unit in old.targets.items()}
    changes = []
    for iid, per_unit in new.targets.items():
        who = name(iid)
        if iid not in before:
            text = _per_unit(per_unit)
            changes.append(Change("Targets", "added", iid, None, None, text, f"{who}: targets added ({text})", who))
            continue
        was = before[iid]
        for uid in dict.fromkeys([*per_unit, *was]):
            a, b = was.get(uid), per_unit.get(uid)
            if a == b:
                continue
            kind: Kind = "added" if a is None else "removed" if b is None else "changed"
            shown_a, shown_b = (None if a is None else plain(a)), (None if b is None else plain(b))
            changes.append(Change("Targets", kind, iid, uid, shown_a, shown_b, _line(who, uid, shown_a, shown_b), who))
    for iid, per_unit in before.items():
        if iid not in new.targets:
            text, who = _per_unit(per_unit), name(iid)
            changes.append(Change("Targets", "removed", iid, None, text, None, f"{who}: targets removed ({text})", who))
    return changes


def _criteria(old: Criteria, new: Criteria, rename: Mapping[str, str]) -> list[Change]:
    olds = {c.id: c for c in old.criteria}
    changes = []
    for criterion in new.criteria:
        name = _named(criterion.id, criterion.label)
        if criterion.id not in olds:
            text = _criterion_summary(criterion)
            changes.append(Change("Criteria", "added", criterion.id, None, None, text, f"{name}: added ({text})", name))
            continue
        was = olds[criterion.id]
        for change in _fields(
            "Criteria", criterion.id, name, _criterion_fields(was, rename), _criterion_fields(criterion, {}), {"group": "moved"}
        ):
            if change.field == "group":
                line = f"{name}: moved from group {change.old} to group {change.new}"
                changes.append(Change("Criteria", "moved", criterion.id, "group", change.old, change.new, line, name))
            elif change.field == "bands" and len(was.bands) == len(criterion.bands):
                changes += _each_band(criterion.id, name, was.bands, criterion.bands)
            else:
                changes.append(change)
    new_ids = {c.id for c in new.criteria}
    for criterion in old.criteria:
        if criterion.id not in new_ids:
            name, text = _named(criterion.id, criterion.label), _criterion_summary(criterion)
            changes.append(Change("Criteria", "removed", criterion.id, None, text, None, f"{name}: removed ({text})", name))
    return changes


def _each_band(id_: str, name: str, old: tuple[Band, ...], new: tuple[Band, ...]) -> list[Change]:
    """Bands of the same number: each threshold and its points, old and new."""
    changes = []
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        for field, x, y in ((f"bands[{i}].from", a.start, b.start), (f"bands[{i}].points", a.points, b.points)):
            if x != y:
                changes.append(
                    Change("Criteria", "changed", id_, field, plain(x), plain(y), _line(name, field, plain(x), plain(y)), name)
                )
    return changes


def _tie_break(old: tuple[TieBreak, ...], new: tuple[TieBreak, ...], rename: Mapping[str, str]) -> list[Change]:
    def key(t: TieBreak, names: Mapping[str, str]) -> tuple[str, str | None, str]:
        ref = names.get(t.ref, t.ref) if t.kind == "value" and t.ref is not None else t.ref
        return (t.kind, ref, t.prefer)

    if [key(t, rename) for t in old] == [key(t, {}) for t in new]:
        return []
    before = ", ".join(str(t) for t in old) or NOTHING
    after = ", ".join(str(t) for t in new) or NOTHING
    return [Change("Tie-break", "changed", "tie_break", "order", before, after, _line("", "order", before, after), "tie_break")]


# --- output


def diff_data(diff: Diff) -> dict[str, object]:
    """The JSON form: the two rounds' ids and every change."""
    keys = ("section", "kind", "id", "field", "old", "new", "text")
    return {
        "old": diff.old.id,
        "new": diff.new.id,
        "changes": [{k: getattr(c, k) for k in keys} for c in diff.changes],
    }


def _no_change(diff: Diff) -> str:
    return f"No change in meaning between {diff.old.file} ({diff.old.id}) and {diff.new.file} ({diff.new.id})."


def _by_section(diff: Diff) -> list[tuple[str, list[Change]]]:
    return [(s, [c for c in diff.changes if c.section == s]) for s in SECTIONS if any(c.section == s for c in diff.changes)]


def diff_text(diff: Diff) -> str:
    if not diff.changes:
        return _no_change(diff) + "\n"
    count = len(diff.changes)
    lines = [
        f"Changes in meaning from {diff.old.file} ({diff.old.id}) to {diff.new.file} ({diff.new.id}):"
        f" {count} change{'s' if count != 1 else ''}"
    ]
    for section, changes in _by_section(diff):
        lines += ["", section, *(f"  {_MARKS[c.kind]} {c.text}" for c in changes)]
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    if text is None:
        return NOTHING
    return " ".join(text.split()).replace("|", "\\|")


def diff_markdown(diff: Diff) -> str:
    old, new = diff.old, diff.new
    lines = [f"# Changes in meaning: {old.id} → {new.id}", "", f"Old: `{old.file}` · New: `{new.file}`", ""]
    if not diff.changes:
        return "\n".join([*lines, _no_change(diff)]) + "\n"
    count = len(diff.changes)
    lines += [f"{count} change{'s' if count != 1 else ''}.", ""]
    for section, changes in _by_section(diff):
        lines += [f"## {section}", "", "| Change | Item | Field | Old | New |", "|---|---|---|---|---|"]
        lines += [f"| {c.kind} | {_cell(c.name or c.id)} | {_cell(c.field)} | {_cell(c.old)} | {_cell(c.new)} |" for c in changes]
        lines.append("")
    return "\n".join(lines)
