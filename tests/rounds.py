"""Rounds whose totals are chosen by hand, for the ranking and award tests.

Each criterion is `formula: "<indicator>"` over a number indicator of the same
maximum, so a unit's total is exactly what its CSV row says (plus bonuses,
minus deductions where a test declares them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

ROUND = "r"
ONE_GROUP = (("A", (("A.1", 100, "pts"),)),)
CLASSIFICATION = """\
classification:
  - {id: xuat-sac, label: Hoàn thành xuất sắc nhiệm vụ, min_total: 90}
  - {id: tot, label: Hoàn thành tốt nhiệm vụ, min_total: 75}
  - {id: hoan-thanh, label: Hoàn thành nhiệm vụ}
"""
Group = tuple[str, tuple[tuple[str, int, str], ...]]


def criteria_yaml(
    units: Sequence[str] | Mapping[str, str],
    *,
    groups: Sequence[Group] = ONE_GROUP,
    indicators: Mapping[str, str] | None = None,
    clusters: Sequence[str] = (),
    extra: str = "",
) -> str:
    """A round whose criteria are `formula: "<indicator>"`; `units` lists ids, or maps id → cluster."""
    scale = sum(m for _, criteria in groups for _, m, _ in criteria)
    lines = ["format: thidua/1", f"id: {ROUND}", "title: Vòng thử", "year: 2024", f"scale: {scale}"]
    if clusters:
        lines += ["clusters:", *(f"  {c}: {{name: Cụm {c}}}" for c in clusters)]
    lines.append("units:")
    members = units if isinstance(units, Mapping) else dict.fromkeys(units, "")
    for uid, cluster in members.items():
        lines.append(f"  {uid}: {{name: Đơn vị {uid}" + (f", cluster: {cluster}}}" if cluster else "}"))
    lines.append("indicators:")
    for _, criteria in groups:
        lines += [f"  {ind}: {{label: {ind}, type: number, min: 0, max: {m}}}" for _, m, ind in criteria]
    lines += [f"  {name}: {spec}" for name, spec in (indicators or {}).items()]
    lines.append("groups:")
    for gid, criteria in groups:
        lines += [f"  - id: {gid}", f"    label: Nhóm {gid}", f"    max: {sum(m for _, m, _ in criteria)}", "    criteria:"]
        lines += [f'      - {{id: {cid}, label: Tiêu chí {cid}, max: {m}, formula: "{ind}"}}' for cid, m, ind in criteria]
    return "\n".join(lines) + "\n" + CLASSIFICATION + extra


def csv_text(rows: Sequence[Mapping[str, str | int]], order: Sequence[int] | None = None) -> str:
    """One CSV table for the round; numbers as Vietnamese text ("87,5"), rows in `order`."""
    keys = sorted({k for row in rows for k in row if k != "unit"})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["round", "unit", *keys])
    for i in order if order is not None else range(len(rows)):
        writer.writerow([ROUND, rows[i]["unit"], *(str(rows[i].get(k, "")) for k in keys)])
    return out.getvalue()


def review_yaml(round_id: str = ROUND, date: str = "15/12/2024") -> str:
    """A review file's head: the round, the meeting, who reviewed and approved; corrections and decisions follow."""
    return (
        f'format: thidua/review-1\nround: {round_id}\nmeeting:\n  date: "{date}"\n  place: Hà Nội\n'
        "  chair: Trần Văn Chủ\n  secretary: Lê Thị Thư\n  attendees: [Trần Văn Chủ, Lê Thị Thư]\n"
        "reviewed_by: Lê Thị Thư\napproved_by: Trần Văn Chủ\n"
    )
