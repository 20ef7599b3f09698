"""Issue 15 item 6, evidence: the decision record keeps each input's evidence once per unit (scores.units[].evidence),
not once per line that reads it; `verify` still names any change to it, the reader refuses evidence over the limit, and
the writer never makes a record the reader refuses, at the longest evidence on every input of a large round."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from scoring.errors import InvalidInput
from scoring.record import MAX_RECORD_BYTES, read_record, record_from, verify
from scoring.submissions import MAX_EVIDENCE
from scoring.wording import word
from tests.shared import Cli

ROOT = Path(__file__).resolve().parent.parent
CCB_CRITERIA = ROOT / "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_FOLDER = ROOT / "examples/hoi-ccb-cum-3/2023"
# Bắc Giang's evidence for members, as its submission (bac-giang.yaml, line 12) gives it, and for new_members (line 38)
MEMBERS = "Báo cáo số 134/BC-CCB ngày 19/9/2023, biểu thống kê tổ chức, hội viên"


@pytest.fixture
def record(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled example's record, written in the folder of its inputs."""
    shutil.copyfile(CCB_CRITERIA, tmp_path / "criteria.yaml")
    shutil.copytree(CCB_FOLDER, tmp_path / "sub")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("review", "criteria.yaml", "sub", "--decisions", "sub/review.yaml", "-o", "record.json", "-q")
    assert (code, err) == (0, "")
    return tmp_path / "record.json"


def edit(path: Path, change: Any) -> None:
    data: dict[str, Any] = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")


def unit_index(path: Path, unit: str) -> int:
    units = json.loads(path.read_bytes())["scores"]["units"]
    return next(i for i, u in enumerate(units) if u["unit"] == unit)


def test_the_record_keeps_each_inputs_evidence_once_per_unit_and_the_json_of_score_keeps_it_on_each_line(record, cli):
    raw = record.read_bytes()
    data = json.loads(raw)
    bac_giang = data["scores"]["units"][unit_index(record, "bac-giang")]
    assert bac_giang["evidence"]["members"] == MEMBERS
    readers = [line["id"] for line in bac_giang["criteria"] if "members" in line["inputs"]]
    assert len(readers) > 1  # several lines read members (the per-1,000-members rates) ...
    # ... and its evidence is written once, as is that of new_members, which cites the same report (line 38)
    assert (bac_giang["evidence"]["new_members"], raw.count(MEMBERS.encode())) == (MEMBERS, 2)
    assert all("evidence" not in entry for line in bac_giang["criteria"] for entry in line["inputs"].values())
    # `score --format json` is unchanged: each line's input carries its evidence
    code, out, _ = cli("score", "criteria.yaml", "sub", "--format", "json")
    assert code == 0
    scored = next(u for u in json.loads(out)["units"] if u["unit"] == "bac-giang")
    assert "evidence" not in scored
    assert [line["inputs"]["members"]["evidence"] for line in scored["criteria"] if line["id"] in readers] == [MEMBERS] * len(
        readers
    )


def test_a_record_whose_evidence_text_is_changed_does_not_verify(record, cli):
    i = unit_index(record, "bac-giang")
    edit(record, lambda r: r["scores"]["units"][i]["evidence"].update(members="Báo cáo số 999/BC-CCB"))
    code, out, err = cli("verify", record, "--lang", "en")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'DIFFERENT: scores.units[{i}].evidence.members: the record has "Báo cáo số 999/BC-CCB", the inputs give'
        ' "Báo cáo số 134/BC-CCB ngày 19/9/2023, biểu thống kê tổ chức, hội viên"',
        f"{record}: NOT verified: 1 difference(s) in 1 unit(s); files changed: none.",
    ]


def test_a_record_with_an_evidence_deleted_does_not_verify(record):
    i = unit_index(record, "bac-giang")
    edit(record, lambda r: r["scores"]["units"][i]["evidence"].pop("members"))
    assert [str(d) for d in verify(record)] == [
        f'scores.units[{i}].evidence.members: the record has (missing), the inputs give "{MEMBERS}"'
    ]


def test_a_record_with_a_units_evidence_section_deleted_does_not_verify(record):
    i = unit_index(record, "bac-giang")
    edit(record, lambda r: r["scores"]["units"][i].pop("evidence"))
    [difference] = [str(d) for d in verify(record)]
    assert difference.startswith(f'scores.units[{i}].evidence: the record has (missing), the inputs give {{"')


def test_a_record_with_evidence_added_to_a_line_does_not_verify(record):
    i = unit_index(record, "bac-giang")

    def change(data: dict[str, Any]) -> None:
        line = next(x for x in data["scores"]["units"][i]["criteria"] if "members" in x["inputs"])
        line["inputs"]["members"]["evidence"] = "forged"

    edit(record, change)
    [difference] = [str(d) for d in verify(record)]
    assert difference.endswith('.inputs.members.evidence: the record has "forged", the inputs give (missing)')


def test_evidence_over_the_limit_in_a_record_is_refused_when_it_is_read(record):
    i = unit_index(record, "bac-giang")
    edit(record, lambda r: r["scores"]["units"][i]["evidence"].update(members="x" * (MAX_EVIDENCE + 1), study_rate=7))
    with pytest.raises(InvalidInput) as caught:
        record_from(read_record(record), str(record))
    expected = "the evidence as text of at most 2000 characters"
    assert [word(p.message, "en") for p in caught.value.problems] == [
        f'not a complete decision record: scores.units[{i}].evidence.members is "{"x" * 76}..., not {expected}',
        f"not a complete decision record: scores.units[{i}].evidence.study_rate is 7, not {expected}",
    ]


# --- the largest evidence on every input of a large round of tied units -------------------------------------------------

UNITS, INDICATORS, CRITERIA = 100, 8, 16


def large_round(folder: Path) -> dict[tuple[str, str], str]:
    """UNITS units, all tied on 0 points, each giving INDICATORS values with MAX_EVIDENCE characters of evidence (of 3
    bytes each in UTF-8), read by each of CRITERIA criteria: the evidence of each unit and input, by (unit, input)."""
    names = [f"x{k}" for k in range(INDICATORS)]
    indicators = "".join(f"  {n}: {{label: {n.upper()}, type: number, min: 0}}\n" for n in names)
    reads = " + ".join(names)
    lines = "".join(f'      - {{id: C{j}, label: C{j}, max: 1, formula: "min(max_points, {reads})"}}\n' for j in range(CRITERIA))
    units = "".join(f"  u{i}: {{name: U{i}}}\n" for i in range(UNITS))
    (folder / "c.yaml").write_text(
        f"format: thidua/1\nid: r\ntitle: R\nyear: 2024\nscale: {CRITERIA}\nunits:\n{units}indicators:\n{indicators}"
        f"groups:\n  - id: G\n    label: G\n    max: {CRITERIA}\n    criteria:\n{lines}",
        encoding="utf-8",
    )
    evidence = {}
    for i in range(UNITS):
        for n in names:
            head = f"u{i}/{n}:"
            evidence[(f"u{i}", n)] = head + "ệ" * (MAX_EVIDENCE - len(head))
    header = ",".join(["round", "unit", *(f"{n},{n}.evidence" for n in names)])
    rows = [",".join(["r", f"u{i}", *(f"0,{evidence[(f'u{i}', n)]}" for n in names)]) for i in range(UNITS)]
    (folder / "s.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (folder / "review.yaml").write_text(
        "format: thidua/review-1\nround: r\nmeeting:\n  date: 15/12/2024\n  place: Hà Nội\n  chair: A\n  secretary: B\n"
        "  attendees: [A, B]\nreviewed_by: B\napproved_by: A\n",
        encoding="utf-8",
    )
    return evidence


def test_the_writer_never_makes_what_the_reader_refuses_at_the_longest_evidence_on_every_input(tmp_path, cli):
    evidence = large_round(tmp_path)
    files = [tmp_path / "c.yaml", tmp_path / "s.csv", "--decisions", tmp_path / "review.yaml"]
    code, _, err = cli("review", *files, "-o", tmp_path / "record.json", "-q")
    assert (code, err) == (0, "")
    raw = (tmp_path / "record.json").read_bytes()
    # Once per unit and input: 100 × 8 × 2,000 characters of 3 bytes ≈ 4.8 MB of evidence. Once per line that reads
    # it (16 lines read each input), it would be 16 times that, ≈ 77 MB: over the 64 MiB (≈ 67.1 MB) verify reads.
    assert UNITS * INDICATORS * MAX_EVIDENCE * 3 * CRITERIA > MAX_RECORD_BYTES
    assert len(raw) < MAX_RECORD_BYTES // 8
    assert all(raw.count(text.encode()) == 1 for text in evidence.values())
    data = record_from(read_record(tmp_path / "record.json"), "record.json").data()  # the reader takes it ...
    [group] = data["proposal"]["tie_groups"]  # ... with the 100 tied units in one group, said once
    assert (group["rank"], len(group["members"])) == (1, UNITS)
    assert verify(tmp_path / "record.json") == []  # ... and verify recomputes it exactly
