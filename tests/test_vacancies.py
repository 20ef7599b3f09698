"""An award's seats not proposed, said as what they are: held for the council's decision on a tie, or left with no one
to receive them because too few units were eligible (never "Còn trống")."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import wording
from scoring.awards import SeatsHeld, SeatsUnfilled, propose, vacancies
from scoring.criteria import load_criteria
from scoring.evaluate import evaluate
from scoring.submissions import load_submissions
from tests.rounds import criteria_yaml, csv_text, review_yaml
from tests.shared import Cli

# a and b tie on 95 for the flag's one seat (no tie-break key): the council decides. The certificate's 3 seats need 90
# points: only a and b reach it, and whichever does not get the flag takes one: 1 seat held, 3 − 1 = 2 with no one.
AWARDS = """\
awards:
  - {id: flag, label: Cờ thi đua, quota: 1}
  - {id: cert, label: Bằng khen, quota: 3, requires: {min_total: 90}}
"""
REVIEW = review_yaml()


def write(tmp_path: Path) -> tuple[Path, Path]:
    criteria = tmp_path / "r.yaml"
    criteria.write_text(criteria_yaml(["a", "b", "c"], extra=AWARDS), encoding="utf-8")
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "all.csv").write_text(
        csv_text([{"unit": "a", "pts": 95}, {"unit": "b", "pts": 95}, {"unit": "c", "pts": 80}]), encoding="utf-8"
    )
    return criteria, folder


def test_seats_held_for_a_tie_and_seats_no_one_is_eligible_for_are_told_apart(tmp_path):
    criteria_file, folder = write(tmp_path)
    criteria = load_criteria(criteria_file)
    proposal = propose(evaluate(criteria, load_submissions(criteria, [folder])))
    flag, cert = proposal.seats
    assert flag.vacancies == (SeatsHeld(1, ("a", "b")),)
    assert cert.vacancies == (SeatsHeld(1, ("a", "b")), SeatsUnfilled(2))


def test_a_full_quota_has_no_vacancy():
    # 2 seats, both proposed, none held: 2 − 2 − 0 = 0
    assert vacancies(2, 2, (), 0) == ()


@pytest.mark.parametrize(
    ("fact", "english", "vietnamese"),
    [
        (
            SeatsHeld(1, ("a", "b")),
            "held for the council's decision (tied on points): a, b (1 seat)",
            "giữ cho Hội đồng quyết định (đồng điểm): a, b (1 suất)",
        ),
        (
            SeatsHeld(2, ("a", "b", "c")),
            "held for the council's decision (tied on points): a, b, c (2 seats)",
            "giữ cho Hội đồng quyết định (đồng điểm): a, b, c (2 suất)",
        ),
        (
            SeatsUnfilled(1),
            "too few units eligible: 1 seat with no one to receive it",
            "không đủ đơn vị đủ điều kiện: 1 suất không có người nhận",
        ),
        (
            SeatsUnfilled(2),
            "too few units eligible: 2 seats with no one to receive them",
            "không đủ đơn vị đủ điều kiện: 2 suất không có người nhận",
        ),
    ],
)
def test_vacancies_are_worded_in_both_languages(fact, english, vietnamese):
    assert (wording.word(fact, "en"), wording.word(fact, "vi")) == (english, vietnamese)


def test_rank_says_what_the_seats_not_proposed_stand_for(tmp_path, cli: Cli):
    criteria, folder = write(tmp_path)
    code, out, err = cli("rank", criteria, folder)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    flag = lines.index(f"  - Cờ thi đua: 1 seat  [{criteria}:23]")
    assert lines[flag + 1 : flag + 7] == [
        "    - proposed: nobody",
        "    - held for the council's decision (tied on points): a, b (1 seat)",
        f"  - Bằng khen: 3 seats  [{criteria}:24]",
        "    - proposed: nobody",
        "    - held for the council's decision (tied on points): a, b (1 seat)",
        "    - too few units eligible: 2 seats with no one to receive them",
    ]


def test_the_minutes_and_the_report_say_it_in_vietnamese(tmp_path, cli: Cli):
    criteria, folder = write(tmp_path)
    (tmp_path / "review.yaml").write_text(REVIEW, encoding="utf-8")
    record, minutes, report = tmp_path / "rec.json", tmp_path / "m.md", tmp_path / "r.html"
    assert cli("review", criteria, folder, "--decisions", tmp_path / "review.yaml", "-o", record, "-q")[0] == 0
    assert cli("minutes", record, "-o", minutes, "-q", "--lang", "vi") == (0, "", "")
    text = minutes.read_text(encoding="utf-8")
    assert "Còn trống" not in text
    assert "| Phạm vi | Định mức | Căn cứ định mức | Đủ điều kiện | Đề nghị | Để Hội đồng xem xét | Suất chưa đề nghị |" in text
    assert (
        "| Đơn vị a, Đơn vị b | giữ cho Hội đồng quyết định (đồng điểm): Đơn vị a, Đơn vị b (1 suất);"
        " không đủ đơn vị đủ điều kiện: 2 suất không có người nhận |"
    ) in text
    assert cli("report", criteria, folder, "-o", report, "-q", "--lang", "vi") == (0, "", "")
    assert (
        "<li>Bằng khen: 3 suất; đề nghị: không có đơn vị nào; giữ cho Hội đồng quyết định (đồng điểm): Đơn vị a, Đơn vị b"
        " (1 suất);"
        " không đủ đơn vị đủ điều kiện: 2 suất không có người nhận</li>"
    ) in report.read_text(encoding="utf-8")
