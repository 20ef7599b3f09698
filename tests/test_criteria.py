"""The criteria file's checks, worded in Vietnamese (the default for users); the English ones are pinned elsewhere."""

from __future__ import annotations

import pytest

from scoring import wording
from scoring.criteria import TieBreak, load_criteria
from scoring.errors import InvalidInput

FAULTY = """\
format: thidua/1
id: r
title: Vòng thử
year: 2024
scale: 10
units:
  a: {name: A}
indicators:
  x: {label: X, type: number, min: 0}
  n: {label: N, type: integer, min: 0, default: 1.5}
  plan: {label: Kế hoạch, type: boolean}
groups:
  - id: A
    label: A
    max: 2.5
    criteria:
      - {id: A.1, label: A.1, max: 2.5, method: achieved, of: plann}
  - id: B
    label: B
    max: 7
    criteria:
      - {id: B.1, label: B.1, max: 7, formula: "x"}
disqualifiers:
  - {id: d, label: D, when: "x", blocks: all}
classification:
  - {id: all, label: Tất cả}
tie_break:
  - {group: AA}
"""


def test_every_problem_of_a_criteria_file_is_worded_in_vietnamese_with_its_place(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(FAULTY, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_criteria(path)
    with wording.use("vi"):
        shown = [str(p) for p in refused.value.problems]
    assert shown == [
        f"{path}:5:8: scale: điểm tối đa của các nhóm cộng lại là 2,5 + 7 = 9,5, không bằng thang điểm 10",
        f"{path}:10:49: indicators.n.default: giá trị mặc định 1,5 không phải là số nguyên",
        f"{path}:17:63: groups[0].criteria[0].of: không có chỉ tiêu hay giá trị trung gian 'plann'; có phải là 'plan' không?",
        f"{path}:24:29: disqualifiers[0].when: công thức cho ra một số, nhưng ở đây cần một điều kiện có/không\n    x\n    ^",
        f"{path}:28:13: tie_break[0].group: không có nhóm tiêu chí 'AA'; có phải là 'A' không?",
    ]


def test_the_same_problems_in_english(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(FAULTY, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_criteria(path)
    assert [wording.word(p.message, "en") for p in refused.value.problems] == [
        "scale: the groups' maxima add up to 2.5 + 7 = 9.5, not the scale 10",
        "indicators.n.default: the default 1.5 is not a whole number",
        "groups[0].criteria[0].of: unknown indicator or derived value 'plann'; did you mean 'plan'?",
        "disqualifiers[0].when: the formula gives a number, but a yes/no condition is needed here\n    x\n    ^",
        "tie_break[0].group: unknown group 'AA'; did you mean 'A'?",
    ]


def test_an_unknown_name_with_nothing_close_gets_no_suggestion(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(FAULTY.replace("{group: AA}", "{criterion: zzz}"), encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        load_criteria(path)
    last = refused.value.problems[-1]
    assert wording.word(last.message, "vi") == "tie_break[0].criterion: không có tiêu chí 'zzz'"
    assert wording.word(last.message, "en") == "tie_break[0].criterion: unknown criterion 'zzz'"


@pytest.mark.parametrize(
    ("key", "vietnamese", "english"),
    [
        (TieBreak("deductions", None, "lower"), "ít điểm trừ hơn", "fewer deductions"),
        (TieBreak("bonuses", None, "higher"), "nhiều điểm cộng hơn", "more bonuses"),
        (TieBreak("group", "II", "higher"), "điểm nhóm II (cao hơn xếp trước)", "group II (higher first)"),
        (TieBreak("criterion", "I.2", "lower"), "điểm tiêu chí I.2 (thấp hơn xếp trước)", "criterion I.2 (lower first)"),
        (
            TieBreak("value", "new_members", "lower"),
            "giá trị new_members (thấp hơn xếp trước)",
            "value new_members (lower first)",
        ),
    ],
)
def test_a_tie_break_key_in_both_languages(key, vietnamese, english):
    assert (wording.word(key.describe(), "vi"), wording.word(key.describe(), "en")) == (vietnamese, english)
    with wording.use("vi"):
        assert str(key) == vietnamese
