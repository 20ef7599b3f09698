"""Hypothesis strategies for random but valid rounds: a criteria file and every unit's submission.

A `RoundPlan` keeps the round as data and writes it out as YAML text, so a test
can change one unit's value and write the round again.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

Value = Decimal | bool
YAML = dict[str, object] | list[object] | Decimal | bool | str

METHODS = ("achieved", "per_item", "target", "relative", "bands", "formula")
NON_DECREASING = ("achieved", "per_item", "target", "relative")


def to_yaml(data: YAML, indent: int = 0) -> str:
    """Block-style YAML for plain data; text double-quoted, numbers exact."""
    pad = " " * indent
    if isinstance(data, dict):
        out = ""
        for key, value in data.items():
            if isinstance(value, dict | list):
                out += f"{pad}{key}:\n{to_yaml(value, indent + 2)}"
            else:
                out += f"{pad}{key}: {scalar(value)}\n"
        return out
    if isinstance(data, list):
        out = ""
        for item in data:
            text = to_yaml(item, indent + 2) if isinstance(item, dict | list) else f"{pad}  {scalar(item)}\n"
            out += f"{pad}- {text[indent + 2 :]}"
        return out
    return f"{pad}{scalar(data)}\n"


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(value)


@dataclass(frozen=True)
class CriterionPlan:
    id: str
    method: str
    max: Decimal
    spec: dict[str, object]
    raises: str  # the indicator whose rise never lowers this line (for the non-decreasing methods)


@dataclass(frozen=True)
class RoundPlan:
    units: tuple[str, ...]
    places: int
    mode: str
    indicators: dict[str, dict[str, object]]
    derived: dict[str, str]
    targets: dict[str, dict[str, Decimal]]
    groups: tuple[tuple[str, tuple[CriterionPlan, ...]], ...]
    adjustments: tuple[dict[str, object], ...]
    disqualifiers: tuple[dict[str, object], ...]
    values: dict[str, dict[str, Value]]  # unit → indicator → value (left out: the default applies)
    self_scores: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def criteria(self) -> tuple[CriterionPlan, ...]:
        return tuple(c for _, group in self.groups for c in group)

    @property
    def scale(self) -> Decimal:
        return sum((c.max for c in self.criteria), Decimal(0))

    def criteria_yaml(self) -> str:
        groups = [
            {
                "id": gid,
                "label": f"Group {gid}",
                "max": sum((c.max for c in criteria), Decimal(0)),
                "criteria": [c.spec for c in criteria],
            }
            for gid, criteria in self.groups
        ]
        data: dict[str, object] = {
            "format": "thidua/1",
            "id": "prop-round",
            "title": "A random round",
            "year": Decimal(2024),
            "scale": self.scale,
            "rounding": {"places": Decimal(self.places), "mode": self.mode},
            "units": {u: {"name": f"Unit {u}"} for u in self.units},
            "indicators": self.indicators,
        }
        if self.derived:
            data["derived"] = dict(self.derived)
        if self.targets:
            data["targets"] = self.targets
        data["groups"] = groups
        if self.adjustments:
            data["adjustments"] = list(self.adjustments)
        if self.disqualifiers:
            data["disqualifiers"] = list(self.disqualifiers)
        data["classification"] = [
            {"id": "top", "label": "Top", "min_total": self.scale * Decimal("0.8"), "floor": Decimal("0.5")},
            {"id": "middle", "label": "Middle", "min_total": self.scale / 2},
            {"id": "rest", "label": "Rest"},
        ]
        return to_yaml(data)

    def submission_yaml(self, unit: str) -> str:
        data: dict[str, object] = {"format": "thidua/1", "round": "prop-round", "unit": unit}
        own = self.self_scores.get(unit)
        if own is not None:
            data["self_score"] = own
        if self.values[unit]:
            data["values"] = dict(sorted(self.values[unit].items()))
        return to_yaml(data)

    def with_value(self, unit: str, name: str, value: Value) -> RoundPlan:
        values = {u: dict(v) for u, v in self.values.items()}
        values[unit][name] = value
        return dataclasses.replace(self, values=values)


# --- numbers ---------------------------------------------------------------------------------------------------------


def decimals(low: int, high: int, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Exact decimals in [low, high] with up to `places` decimals."""
    scale = 10**places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n) / scale)


halves = st.integers(2, 40).map(lambda n: Decimal(n) / 2)  # 1, 1.5, … 20
points_each = st.sampled_from([Decimal("0.25"), Decimal("0.3"), Decimal("0.5"), Decimal(1), Decimal("1.5")])


# --- the round -------------------------------------------------------------------------------------------------------


@st.composite
def rounds(draw: st.DrawFn, min_units: int = 2, max_units: int = 6, require: str | None = None) -> RoundPlan:
    """A valid round; with `require`, its first criterion uses that method."""
    n_units = draw(st.integers(min_units, max_units))
    places = draw(st.integers(0, 3))
    # A maximum or cap with more decimals than the round keeps (1.5 at 0 places) is refused at load
    # (tests/test_evaluate.py), so the maxima and caps drawn here fit the round's places.
    maxima = st.integers(1, 20).map(Decimal) if places == 0 else halves
    units = tuple(f"u{i}" for i in range(n_units))
    indicators: dict[str, dict[str, object]] = {}
    derived: dict[str, str] = {}
    targets: dict[str, dict[str, Decimal]] = {}
    values: dict[str, dict[str, Value]] = {u: {} for u in units}
    groups = []

    def report(name: str, strategy: st.SearchStrategy[Value]) -> None:
        for u in units:
            values[u][name] = draw(strategy)

    for g in range(1, draw(st.integers(1, 3)) + 1):
        criteria = []
        for c in range(1, draw(st.integers(1, 4)) + 1):
            cid = f"G{g}.{c}"
            x = f"x{g}_{c}"
            method = require if require is not None and (g, c) == (1, 1) else draw(st.sampled_from(METHODS))
            maximum = draw(maxima)
            spec: dict[str, object] = {"id": cid, "label": f"Criterion {cid}", "max": maximum}
            raises = x
            if method == "achieved":
                indicators[x] = {"label": x, "type": "boolean"}
                report(x, st.booleans())
                spec |= {"method": "achieved", "of": x}
            elif method == "per_item":
                indicators[x] = {"label": x, "type": "integer", "min": Decimal(0)}
                report(x, st.integers(0, 60).map(Decimal))
                spec |= {"method": "per_item", "of": x, "points_each": draw(points_each)}
            elif method == "target":
                indicators[x] = {"label": x, "type": "number", "min": Decimal(0)}
                report(x, decimals(0, 2000))
                targets[x] = {u: draw(decimals(1, 2000)) for u in units}
                spec |= {"method": "target", "of": x}
            elif method == "relative":
                indicators[x] = {"label": x, "type": "number", "min": Decimal(0)}
                report(x, decimals(0, 1000))
                of = x
                if draw(st.booleans()):  # over a derived value: x per 100 members
                    m = f"m{g}_{c}"
                    indicators[m] = {"label": m, "type": "integer", "min": Decimal(1)}
                    report(m, st.integers(1, 5000).map(Decimal))
                    of = f"d{g}_{c}"
                    derived[of] = f"{x} / {m} * 100"
                spec |= {"method": "relative", "of": of}
            elif method == "bands":
                indicators[x] = {"label": x, "type": "number", "min": Decimal(0)}
                report(x, decimals(0, 100))
                starts = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=4)))
                top = int(maximum * 2)
                band_points = [draw(st.integers(0, top).map(lambda n: Decimal(n) / 2)) for _ in starts]
                spec |= {
                    "method": "bands",
                    "of": x,
                    "bands": [{"from": Decimal(s), "points": p} for s, p in zip(starts, band_points, strict=True)],
                }
            else:
                indicators[x] = {"label": x, "type": "number"}
                report(x, decimals(-500, 500))
                template = draw(
                    st.sampled_from(
                        [
                            "{x} * {a} - {b}",
                            "min(max_points, {x} / 3)",
                            "max_points * clamp({x} / 100, 0, 1)",
                            "{x} / 7 if {x} > 0 else 0",
                        ]
                    )
                )
                a = draw(st.sampled_from(["0.1", "0.37", "1", "2.5"]))
                b = draw(st.sampled_from(["0", "1", "3.3"]))
                spec |= {"formula": template.format(x=x, a=a, b=b)}
            criteria.append(CriterionPlan(cid, method, maximum, spec, raises))
        groups.append((f"G{g}", tuple(criteria)))

    adjustments: list[dict[str, object]] = []
    if draw(st.booleans()):
        indicators["bonus_count"] = {"label": "Bonus count", "type": "integer", "min": Decimal(0), "default": Decimal(0)}
        for u in units:
            if draw(st.booleans()):
                values[u]["bonus_count"] = draw(st.integers(0, 6).map(Decimal))
        adjustments.append(
            {"id": "bonus", "label": "Bonus", "kind": "bonus", "formula": "bonus_count * 0.75", "cap": draw(maxima)}
        )
    if draw(st.booleans()):
        indicators["late"] = {"label": "Late reports", "type": "integer", "min": Decimal(0), "default": Decimal(0)}
        for u in units:
            if draw(st.booleans()):
                values[u]["late"] = draw(st.integers(0, 6).map(Decimal))
        deduction: dict[str, object] = {"id": "late", "label": "Late", "kind": "deduction", "formula": "late / 3"}
        if draw(st.booleans()):
            deduction["cap"] = draw(maxima)
        adjustments.append(deduction)
    disqualifiers: list[dict[str, object]] = []
    if draw(st.booleans()):
        indicators["cases"] = {"label": "Cases", "type": "integer", "min": Decimal(0), "default": Decimal(0)}
        for u in units:
            values[u]["cases"] = draw(st.sampled_from([Decimal(0), Decimal(0), Decimal(1)]))
        disqualifiers.append({"id": "discipline", "label": "Discipline", "when": "cases > 0", "blocks": "all"})

    self_scores = {u: draw(st.none() | decimals(0, 100)) for u in units}
    return RoundPlan(
        units=units,
        places=places,
        mode=draw(st.sampled_from(["half_up", "half_even", "down"])),
        indicators=indicators,
        derived=derived,
        targets=targets,
        groups=tuple(groups),
        adjustments=tuple(adjustments),
        disqualifiers=tuple(disqualifiers),
        values=values,
        self_scores=self_scores,
    )
