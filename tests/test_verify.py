"""`thidua verify` for anyone, later, and safely: a record finds its inputs from its own folder, names its differences
in the council's terms, reads nothing outside its folder and shows no file that is not the input it claims; the
minutes are made only of a record that verifies, and every value a record carries is checked when it is read."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scoring.errors import InvalidInput
from scoring.record import FileChanged, NotVerified, PathRefused, WrongKind, read_record, record_from, require_verified, verify
from tests.shared import Cli

ROOT = Path(__file__).resolve().parent.parent
CCB_CRITERIA = ROOT / "criteria/hoi-ccb-cum-3/2023.yaml"
CCB_FOLDER = ROOT / "examples/hoi-ccb-cum-3/2023"


@dataclass(frozen=True)
class Bundle:
    """A council's bundle: the criteria, the submissions with the review, and the record in build/."""

    folder: Path
    criteria: Path
    submissions: Path
    review: Path
    record: Path


def bundle_in(folder: Path) -> Bundle:
    return Bundle(
        folder,
        folder / "criteria.yaml",
        folder / "sub",
        folder / "sub" / "review.yaml",
        folder / "build" / "record.json",
    )


@pytest.fixture
def bundle(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Bundle:
    """The bundled example copied into a folder, its record written from there with paths as the secretary types them."""
    made = bundle_in(tmp_path / "hoi-dong")
    made.record.parent.mkdir(parents=True)
    shutil.copyfile(CCB_CRITERIA, made.criteria)
    shutil.copytree(CCB_FOLDER, made.submissions)
    monkeypatch.chdir(made.folder)
    code, _, err = cli("review", "criteria.yaml", "sub", "--decisions", "sub/review.yaml", "-o", "build/record.json", "-q")
    assert (code, err) == (0, "")
    monkeypatch.chdir(tmp_path)
    return made


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    record: dict[str, Any] = json.loads(path.read_bytes())
    change(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def verified_line(record: Path) -> str:
    return f"{record}: verified: the input files give this record exactly.\n"


# --- 13.5: the inputs are found from the record's own folder -----------------------------------------------------------


def test_the_record_names_its_inputs_from_one_base_folder_relative_to_itself(bundle):
    inputs = json.loads(bundle.record.read_bytes())["inputs"]
    assert inputs["base"] == ".."  # build/ → the bundle's folder, where the criteria and sub/ are
    assert inputs["criteria"]["path"] == "criteria.yaml"
    assert inputs["review"]["path"] == "sub/review.yaml"
    assert [s["path"] for s in inputs["submissions"]] == [
        f"sub/{u}.yaml" for u in ("bac-giang", "bac-kan", "bac-ninh", "cao-bang", "lang-son", "thai-nguyen")
    ]


def test_a_record_verifies_from_any_working_folder(bundle, cli, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # before, the paths were taken from the working folder: every input was "missing"
    assert cli("verify", bundle.record) == (0, verified_line(bundle.record), "")
    monkeypatch.chdir(bundle.record.parent)
    assert cli("verify", "record.json") == (0, verified_line(Path("record.json")), "")


def test_a_record_moved_together_with_its_inputs_verifies(bundle, cli, tmp_path):
    moved = bundle_in(tmp_path / "luu-tru" / "2023")
    moved.folder.parent.mkdir()
    shutil.move(bundle.folder, moved.folder)
    assert cli("verify", moved.record) == (0, verified_line(moved.record), "")


def test_an_old_record_without_a_base_folder_verifies_from_the_folder_it_was_written_in(bundle, cli, monkeypatch):
    def old(record: dict[str, Any]) -> None:  # as records were written before: paths from the working folder
        record["inputs"].pop("base")

    edit(bundle.record, old)
    monkeypatch.chdir(bundle.folder)
    assert cli("verify", "build/record.json") == (0, verified_line(Path("build/record.json")), "")


# --- the differences in the council's terms, and a summary -------------------------------------------------------------


def tamper_a_reported_value(bundle: Bundle) -> Path:
    """Cao Bằng's propaganda sessions, 1240 in its report, become 1300 after the record was written."""
    path = bundle.submissions / "cao-bang.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("propaganda_sessions: {value: 1240,") == 1
    path.write_text(text.replace("propaganda_sessions: {value: 1240,", "propaganda_sessions: {value: 1300,"), "utf-8")
    return path


def test_a_changed_value_is_named_by_unit_criterion_and_where_it_was_read(bundle, cli):
    path = tamper_a_reported_value(bundle)
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "propaganda_sessions" in x)
    code, out, err = cli("verify", bundle.record, "--lang", "en")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    # I.3 = 5 × (0.4 × sessions_per_1000 / best + 0.6 × listeners_per_100 / best); the sessions 1240 → 1300 raise
    # Cao Bằng's sessions per 1,000 members (the best of the cluster) and give 4.79 points where the record has 4.79
    # for 1240 and 4.88 for 1300, hence the total 93.94 against 94.03.
    assert lines[1:6] == [
        "DIFFERENT: Hội CCB tỉnh Cao Bằng — total points: the record has 93.94, the inputs give 94.03"
        " (in the record: scores.units[0].total, proposal.units[0].total, outcome[0].total)",
        "DIFFERENT: Hội CCB tỉnh Cao Bằng — group I: the record has 14.79, the inputs give 14.88"
        " (in the record: scores.units[0].groups[0].points)",
        "DIFFERENT: Hội CCB tỉnh Cao Bằng — criterion I.3: the record has 4.79, the inputs give 4.88"
        " (in the record: scores.units[0].criteria[2].points)",
        "DIFFERENT: Hội CCB tỉnh Cao Bằng — indicator sessions_per_1000: the record has ≈56.7610, the inputs give"
        " ≈59.5075 (in the record: scores.units[0].criteria[2].inputs.sessions_per_1000.value)",
        f"DIFFERENT: Hội CCB tỉnh Cao Bằng — indicator propaganda_sessions ({path}:{line}): the record has 1240,"
        " the inputs give 1300 (in the record: scores.units[0].criteria[2].inputs.propaganda_sessions.value)",
    ]
    assert lines[0].startswith(f"DIFFERENT: submission file {path}: its SHA-256 is ")
    # its own score is 95.5: 93.94 − 95.5 = −1.56 then, 94.03 − 95.5 = −1.47 now
    assert lines[6] == (
        "DIFFERENT: Hội CCB tỉnh Cao Bằng — computed points less its own score: the record has -1.56, the inputs give"
        " -1.47 (in the record: scores.units[0].self_score_difference)"
    )
    assert lines[7] == (
        "DIFFERENT: Hội CCB tỉnh Thái Nguyên — points needed to pass the unit ranked above: the record has 3.36,"
        " the inputs give 3.45 (in the record: proposal.units[1].to_next_rank.params.points)"
    )
    assert lines[8:] == [f"{bundle.record}: NOT verified: 8 difference(s) in 2 unit(s); files changed: {path}."]


def test_a_changed_value_is_named_in_vietnamese_with_vietnamese_numbers(bundle, cli):
    path = tamper_a_reported_value(bundle)
    code, out, _ = cli("verify", bundle.record, "--lang", "vi")
    lines = out.splitlines()
    assert code == 1
    assert lines[1] == (
        "KHÁC: Hội CCB tỉnh Cao Bằng — tổng điểm: hồ sơ ghi 93,94, số liệu hiện nay cho 94,03"
        " (trong hồ sơ: scores.units[0].total, proposal.units[0].total, outcome[0].total)"
    )
    assert lines[5].startswith("KHÁC: Hội CCB tỉnh Cao Bằng — chỉ số propaganda_sessions (")
    assert lines[5].endswith(
        "): hồ sơ ghi 1.240, số liệu hiện nay cho 1.300"
        " (trong hồ sơ: scores.units[0].criteria[2].inputs.propaganda_sessions.value)"
    )
    assert lines[-1] == f"{bundle.record}: không khớp: 8 chỗ khác nhau ở 2 đơn vị; tệp đã đổi: {path}."


# --- 15.12: nothing outside the record's folder is read, and no file of another kind is shown --------------------------


def test_verify_refuses_an_absolute_path_and_one_that_leaves_the_records_folder(bundle, cli):
    edit(bundle.record, lambda r: r["inputs"]["criteria"].update(path="/usr"))
    edit(bundle.record, lambda r: r["inputs"]["review"].update(path="../../secrets.yaml"))
    folder = bundle.record.parent / ".."
    code, out, err = cli("verify", bundle.record)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"DIFFERENT: criteria file /usr: not read: the record names a path outside its folder {folder}; give the file on"
        " the command line if it is the right one",
        f"DIFFERENT: review file ../../secrets.yaml: not read: the record names a path outside its folder {folder}; give"
        " the file on the command line if it is the right one",
        f"{bundle.record}: NOT verified: 2 difference(s) in 0 unit(s); files changed: none.",
    ]
    # the files given on the command line are read wherever they are
    args = ["--criteria", bundle.criteria, "--decisions", bundle.review]
    assert cli("verify", bundle.record, *args) == (0, verified_line(bundle.record), "")


def test_verify_refuses_a_link_inside_the_folder_that_leads_outside(bundle, cli, tmp_path):
    outside = tmp_path / "criteria-elsewhere.yaml"
    shutil.copyfile(bundle.criteria, outside)
    bundle.criteria.unlink()
    bundle.criteria.symlink_to(outside)
    assert [type(d) for d in verify(bundle.record)] == [PathRefused]
    code, out, _ = cli("verify", bundle.record)
    assert code == 1
    assert out.splitlines()[0] == (
        f"DIFFERENT: criteria file criteria.yaml: not read: the record names a link that leads outside its folder"
        f" {bundle.record.parent / '..'}; give the file on the command line if it is the right one"
    )


def test_verify_never_shows_a_file_that_is_not_the_input_the_record_says(bundle, cli):
    secrets = bundle.folder / "mat-khau.yaml"
    secrets.write_text("password: hunter2\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    edit(bundle.record, lambda r: r["inputs"]["criteria"].update(path="mat-khau.yaml"))
    code, out, err = cli("verify", bundle.record)
    assert code == 1
    assert "hunter2" not in out + err
    assert "root:x" not in out + err
    assert out.splitlines()[1:] == [
        f"DIFFERENT: {secrets}: not a criteria file (its content is not shown, and nothing is recomputed from it)",
        f"{bundle.record}: NOT verified: 2 difference(s) in 0 unit(s); files changed: {secrets}.",
    ]
    assert out.splitlines()[0].startswith(f"DIFFERENT: criteria file {secrets}: its SHA-256 is ")
    assert [type(d) for d in verify(bundle.record)] == [FileChanged, WrongKind]


def test_verify_of_a_record_naming_a_system_file_shows_nothing_of_it(bundle, cli):
    edit(bundle.record, lambda r: r["inputs"]["criteria"].update(path="../../../../../../../../etc/passwd"))
    code, out, err = cli("verify", bundle.record)
    assert code == 1
    assert "root:" not in out + err
    assert "not read: the record names a path outside its folder" in out.splitlines()[0]


# --- 15.13 and 15.7: values compared and read with their types and ranges ----------------------------------------------


def test_a_rank_of_true_and_a_line_of_131_0_are_differences_shown_as_written(bundle, cli):
    def change(record: dict[str, Any]) -> None:
        record["proposal"]["units"][0]["rank"] = True  # == 1 in Python
        record["scores"]["units"][0]["criteria"][0]["rule_line"] = 131.0  # == 131 in Python

    edit(bundle.record, change)
    differences = [str(d) for d in verify(bundle.record)]
    assert differences == [
        "scores.units[0].criteria[0].rule_line: the record has 131.0, the inputs give 131",
        "Hội CCB tỉnh Cao Bằng — rank: the record has true, the inputs give 1 (in the record: proposal.units[0].rank)",
    ]
    # and the minutes do not print "True" for a rank: the record is refused as it is read
    code, out, err = cli("minutes", bundle.record, "-o", bundle.folder / "bien-ban.md")
    assert (code, out) == (1, "")
    assert err == (
        f"{bundle.record}:1:1: not a complete decision record: proposal.units[0].rank is true, not a whole number from 0"
        " to 1000000000\n"
        f"{bundle.record}:1:1: not a complete decision record: scores.units[0].criteria[0].rule_line is 131.0, not a"
        ' number as the engine writes it (a decimal as text, such as "94.58")\n2 problem(s) found.\n'
    )


def test_a_vote_threshold_out_of_shape_is_refused_where_it_stands_in_both_languages(bundle, cli):
    edit(bundle.record, lambda r: r["proposal"]["awards"][0].update(vote_threshold="1e-999990"))
    minutes = bundle.folder / "bien-ban.md"
    code, out, err = cli("minutes", bundle.record, "-o", minutes, "--unverified")  # even when asked to mark it
    assert (code, out) == (1, "")
    assert err == (
        f'{bundle.record}:1:1: not a complete decision record: proposal.awards[0].vote_threshold is "1e-999990",'
        ' not a share from 0 to 1 written as text, such as "0.8"\n1 problem(s) found.\n'
    )
    code, _, err = cli("minutes", bundle.record, "-o", minutes, "--lang", "vi")
    assert err == (
        f'{bundle.record}:1:1: không phải hồ sơ xét duyệt đầy đủ: proposal.awards[0].vote_threshold là "1e-999990",'
        ' không phải một tỷ lệ từ 0 đến 1 dạng văn bản, ví dụ "0.8"\nTìm thấy 1 lỗi.\n'
    )
    assert not minutes.exists()
    edit(bundle.record, lambda r: r["proposal"]["awards"][0].update(vote_threshold="1.5"))  # 150% cannot be reached
    with pytest.raises(InvalidInput):
        record_from(read_record(bundle.record), str(bundle.record))


def test_a_ballot_with_negative_votes_is_refused_when_read(bundle):
    edit(bundle.record, lambda r: r["ballots"][0].update(against=-1))
    with pytest.raises(InvalidInput) as e:
        record_from(read_record(bundle.record), str(bundle.record))
    assert str(e.value.problems[0]) == (
        f"{bundle.record}:1:1: not a complete decision record: ballots[0].against is missing or not as the engine writes it"
    )


# --- minutes only of a record that verifies ----------------------------------------------------------------------------


def test_minutes_refuse_a_record_that_does_not_verify(bundle, cli):
    tamper_a_reported_value(bundle)
    minutes = bundle.folder / "bien-ban.html"
    code, out, err = cli("minutes", bundle.record, "-o", minutes)
    assert (code, out) == (1, "")
    assert err == (
        f"thidua: {bundle.record}: the record does not verify against its input files (8 difference(s); thidua verify"
        f" {bundle.record} names them), so no document is made from it; give --unverified to make one marked NOT"
        " VERIFIED\n"
    )
    assert not minutes.exists()
    code, _, err = cli("minutes", bundle.record, "-o", minutes, "--lang", "vi")
    assert err == (
        f"thidua: {bundle.record}: hồ sơ không khớp với các tệp đầu vào (8 chỗ khác nhau; lệnh thidua verify"
        f" {bundle.record} nêu từng chỗ), nên không lập văn bản nào từ hồ sơ này; thêm --unverified để lập văn bản có"
        " dấu CHƯA KIỂM CHỨNG\n"
    )


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_minutes_of_a_record_that_does_not_verify_are_marked_when_asked(bundle, cli, suffix):
    tamper_a_reported_value(bundle)
    minutes = bundle.folder / f"bien-ban{suffix}"
    code, out, err = cli("minutes", bundle.record, "-o", minutes, "--unverified", "--lang", "vi")
    assert (code, err) == (0, "")
    assert out.startswith(f"{bundle.record}: CHƯA KIỂM CHỨNG; mọi trang của văn bản được đánh dấu như vậy\n")
    text = minutes.read_text(encoding="utf-8")
    if suffix == ".md":
        assert text.startswith("**CHƯA KIỂM CHỨNG**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**")
    else:
        assert "CHƯA KIỂM CHỨNG" in text.split("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1)[0]  # the mark before the motto


def test_minutes_of_a_record_that_verifies_carry_no_mark(bundle, cli):
    minutes = bundle.folder / "bien-ban.md"
    assert cli("minutes", bundle.record, "-o", minutes, "--unverified", "-q") == (0, "", "")
    assert "NOT VERIFIED" not in minutes.read_text(encoding="utf-8")


def test_require_verified_is_one_check_any_document_can_call(bundle):
    require_verified(bundle.record)  # a fresh record: nothing raised
    tamper_a_reported_value(bundle)
    with pytest.raises(NotVerified) as e:
        require_verified(bundle.record)
    assert len(e.value.differences) == 8
