"""End-to-end: `thidua rank` on the bundled Cluster 3 example (criteria/hoi-ccb-cum-3/2023.yaml)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.shared import CCB, CCB_SUBMISSIONS, Cli

FILES = sorted(str(p) for p in CCB_SUBMISSIONS.glob("*.yaml") if p.name != "review.yaml")  # the review file is not a submission
FLAG = "co-thi-dua-tw"
BK = "bang-khen-tw"
DISCIPLINE = "Cán bộ lãnh đạo Hội cấp tỉnh bị kỷ luật hoặc để xảy ra tham nhũng, tiêu cực"


def rank_json(cli: Cli, *args: str) -> dict[str, Any]:
    code, out, err = cli("rank", CCB, *args, "--format", "json")
    assert (code, err) == (0, "")
    data: dict[str, Any] = json.loads(out)
    return data


def test_rank_table_exits_zero_and_names_the_proposals(cli):
    code, out, err = cli("rank", CCB, str(CCB_SUBMISSIONS), "--lang", "vi")
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    assert "Xếp hạng và đề nghị khen thưởng" in flat
    assert "Cờ thi đua của Trung ương Hội CCB Việt Nam" in flat


def test_rank_json_puts_cao_bang_first_with_the_flag(cli):
    data = rank_json(cli, str(CCB_SUBMISSIONS))
    assert data["round"] == "hoi-ccb-cum-3-2023"
    first = data["units"][0]
    # the example's reference totals (examples/hoi-ccb-cum-3/2023/TOTALS.md): Cao Bằng ≈ 94.25, the clear leader
    assert (first["unit"], first["rank"], first["total"], first["classification"]["id"]) == ("cao-bang", 1, "94.25", "xuat-sac")
    assert [p["id"] for p in first["proposed"]] == [FLAG]
    flag = next(a for a in data["awards"] if a["id"] == FLAG)
    assert flag["vote_threshold"] == "0.8"  # vote: 80%
    assert [(s["quota"], s["proposed"], s["for_council"], s["open_seats"]) for s in flag["seats"]] == [(1, ["cao-bang"], [], 0)]


def test_rank_json_ranks_every_province_once_in_rank_order(cli):
    data = rank_json(cli, str(CCB_SUBMISSIONS))
    units = data["units"]
    assert sorted(u["unit"] for u in units) == ["bac-giang", "bac-kan", "bac-ninh", "cao-bang", "lang-son", "thai-nguyen"]
    totals = [float(u["total"]) for u in units]
    assert totals == sorted(totals, reverse=True)
    assert [u["rank"] for u in units] == [1, 2, 3, 4, 5, 6]  # no two totals are equal


def test_the_disqualified_province_is_not_proposed_and_its_reasons_name_the_disqualifier(cli):
    data = rank_json(cli, str(CCB_SUBMISSIONS))
    bac_giang = next(u for u in data["units"] if u["unit"] == "bac-giang")
    assert bac_giang["proposed"] == []
    assert bac_giang["for_council"] == []
    refused = {r["id"]: r for r in bac_giang["not_proposed"]}
    assert set(refused) == {FLAG, BK}
    # bac-giang's band is held back by the same disqualifier, so it is not named again through the classification
    params = {"disqualifier": "discipline", "label": DISCIPLINE}
    for award in (FLAG, BK):
        assert refused[award]["reasons"] == [
            {"code": "blocked_by", "params": params, "text": f"blocked by disqualifier discipline ({DISCIPLINE})"}
        ]
        # Changed on purpose (issue 11, item 2 a): what it would take names the disqualifier, and only it; before,
        # "not reachable by points: <label>" could be followed by points, which cannot bring the tier.
        assert refused[award]["would_take"] == [
            {
                "code": "unreachable",
                "params": params,
                "text": f"points alone cannot reach it: the disqualifier discipline ({DISCIPLINE}) stands in the way",
            }
        ]
    for seat in (s for a in data["awards"] for s in a["seats"]):
        assert "bac-giang" not in seat["eligible"]


def test_the_two_certificates_go_to_thai_nguyen_and_lang_son(cli):
    data = rank_json(cli, str(CCB_SUBMISSIONS))
    bk = next(a for a in data["awards"] if a["id"] == BK)
    # quota 2, min_total 85 and xuất sắc or tốt: cao-bang holds the flag (one tier per unit), bac-giang is blocked,
    # thai-nguyen (90.80) and lang-son (85.39) qualify; bac-kan (84.60) is under 85
    assert [(s["quota"], s["eligible"], s["proposed"], s["for_council"]) for s in bk["seats"]] == [
        (2, ["thai-nguyen", "lang-son"], ["thai-nguyen", "lang-son"], [])
    ]
    proposed = {u["unit"]: [p["id"] for p in u["proposed"]] for u in data["units"]}
    assert proposed == {
        "cao-bang": [FLAG],
        "thai-nguyen": [BK],
        "bac-giang": [],
        "lang-son": [BK],
        "bac-kan": [],
        "bac-ninh": [],
    }
    bac_kan = next(u for u in data["units"] if u["unit"] == "bac-kan")
    refused = next(r for r in bac_kan["not_proposed"] if r["id"] == BK)
    # the minimum needs 85 − 84.60 = 0.40, but both seats are taken: passing lang-son needs 85.39 − 84.60 + 0.01 = 0.80
    assert refused["reasons"] == [
        {
            "code": "below_minimum",
            "params": {"total": "84.60", "minimum": "85"},
            "text": "total 84.60 is below the minimum 85",
        }
    ]
    assert refused["would_take"] == [
        {
            "code": "points_to_pass",
            "params": {"points": "0.80", "units": ["lang-son"], "kind": "took", "with_conditions": True},
            "text": "0.80 more points, to meet the conditions and pass lang-son, the last to take a seat",
        }
    ]


def test_rank_json_in_vietnamese_words_the_same_facts(cli):
    data = rank_json(cli, str(CCB_SUBMISSIONS), "--lang", "vi")
    units = {u["unit"]: u for u in data["units"]}
    bac_kan = next(r for r in units["bac-kan"]["not_proposed"] if r["id"] == BK)
    assert [(r["code"], r["text"]) for r in bac_kan["reasons"]] == [
        ("below_minimum", "tổng điểm 84,60 thấp hơn mức tối thiểu 85")
    ]
    assert [(r["code"], r["params"]["points"], r["text"]) for r in bac_kan["would_take"]] == [
        ("points_to_pass", "0.80", "thêm 0,80 điểm, để đạt điều kiện và vượt lang-son, đơn vị cuối cùng nhận suất")
    ]
    bac_giang = next(r for r in units["bac-giang"]["not_proposed"] if r["id"] == FLAG)
    assert [r["text"] for r in bac_giang["would_take"]] == [
        f"thêm điểm cũng không đạt được: vướng điều kiện loại trừ discipline ({DISCIPLINE})"
    ]


def test_rank_md_is_a_markdown_document(cli):
    code, out, err = cli("rank", CCB, str(CCB_SUBMISSIONS), "--format", "md")
    assert (code, err) == (0, "")
    assert out.startswith("# ")
    assert "\n- Awards (the engine proposes; the council decides)\n" in out
    assert "  - proposed: thai-nguyen, lang-son\n" in out


@pytest.mark.parametrize("fmt", ["json", "md", "table"])
def test_rank_output_is_byte_identical_whatever_the_order_of_the_files(cli, fmt):
    orders = [FILES, list(reversed(FILES)), FILES[3:] + FILES[:3], [str(CCB_SUBMISSIONS)]]
    outputs = []
    for order in orders:
        code, out, err = cli("rank", CCB, *order, "--format", fmt)
        assert (code, err) == (0, "")
        outputs.append(out)
    assert len(FILES) == 6
    assert all(out == outputs[0] for out in outputs)
