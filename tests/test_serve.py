"""thidua serve: the council's workspace, through starlette's TestClient, on a round folder made of the bundled example."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
from html import escape
from pathlib import Path

import pytest
import yaml

from scoring import wording
from scoring.awards import propose
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.diff import compare, diff_text
from scoring.explain import Node, explain
from scoring.pipeline import score_round
from scoring.serve import listen
from scoring.serve.app import MAX_BODY
from scoring.spreadsheet import template_xlsx
from scoring.yamlio import MAX_FILE_BYTES
from tests.serving import client, csrf, filled_form, round_folder, text, version
from tests.shared import CCB


def test_the_round_at_a_glance_shows_the_check_the_files_and_the_ranking(tmp_path):
    folder = round_folder(tmp_path)
    page = client(folder).get("/")
    assert page.status_code == 200
    said = text(page.text)
    assert "The criteria file reads without a problem" in said
    assert "submissions/cao-bang.yaml cao-bang ✓ reads without a problem" in said
    assert "Every unit has submitted" in said
    # The ranking as `thidua rank` gives it: 94.25 = 14.79 + 22.66 + 11.49 + 16.60 + 27.34 (the groups' points)
    assert "1 Hội CCB tỉnh Cao Bằng cao-bang 14.79 22.66 11.49 16.60 27.34 94.25 Hoàn thành xuất sắc nhiệm vụ" in said
    assert "Cờ thi đua của Trung ương Hội CCB Việt Nam" in said
    assert "6 Hội CCB tỉnh Bắc Ninh bac-ninh 14.28 16.30 9.31 13.13 21.40 75.42 Hoàn thành tốt nhiệm vụ" in said


def test_the_page_is_in_vietnamese_by_default_with_vietnamese_numbers(tmp_path):
    said = text(client(round_folder(tmp_path), lang="vi").get("/").text)
    assert "Toàn cảnh đợt thi đua" in said
    assert "cao-bang 14,79 22,66 11,49 16,60 27,34 94,25" in said


def test_every_problem_of_a_submission_is_shown_as_validate_says_it_and_the_units_not_submitted(tmp_path, capsys):
    folder = round_folder(tmp_path, without=("bac-ninh",))
    bad = folder / "submissions" / "cao-bang.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("savings_groups: {value: 318", "savings_groups: {value: -5"))
    main(["validate", str(folder / "criteria.yaml"), str(bad)])
    expected = capsys.readouterr().err.splitlines()[0]  # the CLI's own line: file:line:col: message
    said = text(client(folder).get("/").text)
    where, message = expected.removeprefix(f"{folder}/").split(": ", 1)
    assert where == "submissions/cao-bang.yaml:19:27"  # savings_groups, its value
    assert f"{where} {message}" in said
    assert "submissions/cao-bang.yaml ✗ 1 problem(s)" in said
    # a unit whose only file has a problem has not submitted either
    assert "Units that have not submitted (2) cao-bang — download its form (.xlsx) bac-ninh — download its form (.xlsx)" in said
    assert "Scores, ranking" not in said  # no scores until every file reads


def test_a_unit_page_tells_the_same_story_as_explain_with_inputs_evidence_and_what_it_would_take(tmp_path):
    folder = round_folder(tmp_path)
    page = client(folder).get("/unit/bac-kan")
    assert page.status_code == 200
    scored = score_round(folder / "criteria.yaml", [folder / "submissions"])
    with wording.use("en"):
        story = explain(scored.results, "bac-kan")

    def lines(node: Node) -> list[str]:
        return [node.text.replace(f"{folder}/", ""), *(t for c in node.children for t in lines(c))]

    for line in lines(story):
        assert escape(line, quote=False) in page.text.replace("&#39;", "'").replace("&#34;", '"')
    said = text(page.text)
    assert "criteria.yaml:" in said
    assert str(folder) not in said
    # bac-kan: 84.60, below the Bằng khen's minimum 85; lang-son, 4th, has 85.39: 85.39 − 84.60 = 0.79, and passing it
    # takes 0.01 more at 2 places: 0.80
    assert "not Bằng khen của Trung ương Hội CCB Việt Nam: total 84.60 is below the minimum 85" in said
    assert "next rank: 0.80 more points to pass lang-son (rank 4)" in said
    assert "new_members" in said
    assert "submissions/bac-kan.yaml:" in said


def test_a_unit_not_in_the_round_is_not_found(tmp_path):
    assert client(round_folder(tmp_path)).get("/unit/ha-noi").status_code == 404


def test_a_units_form_is_the_template_commands_form(tmp_path):
    folder = round_folder(tmp_path)
    page = client(folder).get("/forms/lang-son.xlsx")
    assert page.status_code == 200
    assert page.headers["content-disposition"] == 'attachment; filename="hoi-ccb-cum-3-2023-lang-son.xlsx"'
    with wording.use("en"):
        assert page.content == template_xlsx(load_criteria(CCB), "lang-son")
        assert client(folder).get("/forms/all.xlsx").content == template_xlsx(load_criteria(CCB))


def upload(c, files, token=None):
    form = c.get("/forms").text
    return c.post("/forms/upload", data={"csrf": token or csrf(form)}, files=[("files", f) for f in files])


def test_a_filled_form_that_reads_is_saved_into_the_submissions_and_scored(tmp_path):
    folder = round_folder(tmp_path, without=("lang-son",))
    c = client(folder)
    assert "Units that have not submitted (1) lang-son" in text(c.get("/").text)
    form = filled_form("lang-son")
    answer = upload(c, [("lang-son form (final).xlsx", form, "application/octet-stream")])
    assert answer.status_code == 200
    assert "✓ lang-son form (final).xlsx → submissions/lang-son.xlsx" in text(answer.text)
    assert (folder / "submissions" / "lang-son.xlsx").read_bytes() == form
    said = text(c.get("/").text)
    assert "Every unit has submitted" in said
    assert "4 Hội CCB tỉnh Lạng Sơn lang-son 12.75 20.77 8.78 16.36 26.23 85.39" in said  # as from its YAML file


def test_a_form_with_problems_is_not_saved_and_each_problem_names_its_sheet_and_cell(tmp_path):
    import io

    import openpyxl

    folder = round_folder(tmp_path, without=("lang-son",))
    book = openpyxl.load_workbook(io.BytesIO(filled_form("lang-son")))
    book.worksheets[0]["G7"] = "nhiều"  # members, a whole number
    raw = io.BytesIO()
    book.save(raw)
    answer = upload(client(folder), [("lang-son.xlsx", raw.getvalue(), "application/octet-stream")])
    assert answer.status_code == 400
    said = text(answer.text)
    assert "lang-son.xlsx — not saved (1)" in said
    assert "G7" in said  # the cell the problem is in
    assert not (folder / "submissions" / "lang-son.xlsx").exists()


def test_a_second_submission_of_a_unit_is_refused_not_saved_beside_the_first(tmp_path):
    folder = round_folder(tmp_path)
    answer = upload(client(folder), [("cb.xlsx", filled_form("cao-bang"), "application/octet-stream")])
    assert answer.status_code == 400
    assert (
        "unit 'cao-bang' already has a submission, submissions/cao-bang.yaml; remove it from the folder first if this form"
        " replaces it"
    ) in text(answer.text)
    assert sorted(p.name for p in (folder / "submissions").iterdir()) == [f"{u}.yaml" for u in sorted(PROVINCES_())]


def PROVINCES_():
    from tests.serving import PROVINCES

    return PROVINCES


def test_an_oversize_upload_is_refused_before_it_is_read_and_nothing_is_written(tmp_path):
    folder = round_folder(tmp_path, without=("lang-son",))
    c = client(folder, limit=50_000)
    form = filled_form("lang-son") + b"\0" * 50_000  # 11 KB of form and 50 KB more: past the 50,000 bytes allowed
    answer = upload(c, [("lang-son.xlsx", form, "application/octet-stream")])
    assert answer.status_code == 413
    assert "The files sent are too large:" in text(answer.text)
    assert "the limit is 50000." in text(answer.text)
    assert not (folder / "submissions" / "lang-son.xlsx").exists()
    assert MAX_BODY == 100 * MAX_FILE_BYTES  # the default: 100 forms of the readers' own limit


def test_a_file_over_the_readers_limit_is_refused_within_a_request_that_is_not(tmp_path):
    folder = round_folder(tmp_path, without=("lang-son",))
    answer = upload(client(folder), [("lang-son.yaml", b"#" * (MAX_FILE_BYTES + 1), "text/plain")])
    assert answer.status_code == 400
    assert f"lang-son.yaml:1:1 the file is larger than the limit of {MAX_FILE_BYTES} bytes; it is not saved" in text(answer.text)
    assert not (folder / "submissions" / "lang-son.yaml").exists()


def test_a_post_without_its_length_is_refused(tmp_path):
    c = client(round_folder(tmp_path))
    token = csrf(c.get("/forms").text)

    def chunks():
        yield f"csrf={token}".encode()

    assert (
        c.post("/meeting/details", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}).status_code
        == 411
    )


@pytest.mark.parametrize(
    "path",
    [
        "/file/..%2F..%2Fetc%2Fpasswd",
        "/file/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/file/submissions/..%2F..%2Foutside.txt",
        "/file/%2Fetc%2Fpasswd",
        "/file/link/outside.txt",  # a link inside the folder to a file outside
        "/file/submissions/%00cao-bang.yaml",
        "/file/",
        "/file/submissions",  # a folder
    ],
)
def test_no_file_outside_the_round_folder_is_served_whatever_the_path_says(tmp_path, path):
    folder = round_folder(tmp_path)
    (tmp_path / "outside.txt").write_text("secret")
    (folder / "link").symlink_to(tmp_path)
    page = client(folder).get(path)
    assert page.status_code == 404
    assert "secret" not in page.text
    assert "root:" not in page.text


def test_a_file_inside_the_round_folder_is_served_as_it_is(tmp_path):
    folder = round_folder(tmp_path)
    page = client(folder).get("/file/submissions/cao-bang.yaml")
    assert page.status_code == 200
    assert page.content == (folder / "submissions" / "cao-bang.yaml").read_bytes()
    assert page.headers["content-disposition"] == 'attachment; filename="cao-bang.yaml"'


def test_served_to_a_network_every_request_needs_the_token_once_then_its_cookie(tmp_path):
    folder = round_folder(tmp_path)
    c = client(folder, token="s3cret-token")
    for path in ("/", "/meeting", "/file/submissions/cao-bang.yaml", "/forms/cao-bang.xlsx", "/?token=wrong"):
        page = c.get(path)
        assert page.status_code == 403
        assert text(page.text) == "thidua Open the address with the token that thidua serve printed when it started (…/?token=…)."
    assert c.post("/meeting/details", data={"date": "1/1/2024"}).status_code == 403
    welcome = c.get("/unit/cao-bang?token=s3cret-token&x=1")
    assert (welcome.status_code, welcome.headers["location"]) == (303, "/unit/cao-bang?x=1")  # the token not kept in the address
    assert "thidua_token=s3cret-token" in welcome.headers["set-cookie"]
    assert "HttpOnly" in welcome.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie, from now on
    c.cookies.clear()
    assert c.get("/").status_code == 403


def test_served_locally_a_request_naming_another_host_is_refused(tmp_path):
    c = client(round_folder(tmp_path))
    page = c.get("/", headers={"host": "attacker.example"})
    assert page.status_code == 400
    assert text(page.text) == "thidua This workspace answers only at 127.0.0.1 (localhost)."
    assert c.get("/", headers={"host": "localhost:8017"}).status_code == 200


@pytest.mark.parametrize("token", [None, "", "forged"])
def test_a_form_without_the_csrf_token_changes_nothing(tmp_path, token):
    folder = round_folder(tmp_path, without=("lang-son",))
    before = (folder / "review.yaml").read_bytes()
    c = client(folder)
    ver = version(c.get("/meeting").text)
    data = {"version": ver, "unit": "bac-kan", "award": "none", "decision": "confirm"}
    if token is not None:
        data["csrf"] = token
    for path in ("/meeting/decision", "/meeting/finalize"):
        page = c.post(path, data=data)
        assert page.status_code == 403
        assert "This form is not from this workspace (its security token is missing or wrong)" in text(page.text)
    files = [("files", ("lang-son.xlsx", filled_form("lang-son"), "application/octet-stream"))]
    assert c.post("/forms/upload", data={} if token is None else {"csrf": token}, files=files).status_code == 403
    assert (folder / "review.yaml").read_bytes() == before
    assert not (folder / "submissions" / "lang-son.xlsx").exists()
    assert not (folder / "record.json").exists()


DETAILS = {
    "date": "10/10/2023",
    "place": "Thành phố Cao Bằng",
    "chair": "Thiếu tướng Triệu Văn Ngô",
    "secretary": "Nông Văn Triệu",
    "attendees": "Đại tá Nguyễn Thắng\r\nThiếu tướng Triệu Văn Ngô\r\n",
    "reviewed_by": "Nông Văn Triệu (thư ký Hội đồng)",
    "approved_by": "Thiếu tướng Triệu Văn Ngô (Cụm trưởng)",
}


def post(c, path, fields):
    page = c.get("/meeting").text
    return c.post(path, data={"csrf": csrf(page), "version": version(page), **fields})


def test_the_meeting_writes_the_review_file_rescores_and_finalizes_a_record_that_verifies(tmp_path, capsys):
    folder = round_folder(tmp_path, review=False)
    c = client(folder)
    assert "Enter the meeting's details first" in text(c.get("/meeting").text)
    assert post(c, "/meeting/details", DETAILS).status_code == 303
    review = folder / "review.yaml"
    data = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert data["meeting"]["attendees"] == ["Đại tá Nguyễn Thắng", "Thiếu tướng Triệu Văn Ngô"]
    assert (data["format"], data["round"], data["approved_by"]) == (
        "thidua/review-1",
        "hoi-ccb-cum-3-2023",
        DETAILS["approved_by"],
    )
    correction = {
        "unit": "bac-kan",
        "indicator": "new_members",
        "value": "330",
        "reason": "Bổ sung 12 hội viên",
        "evidence": "BB 03",
    }
    assert post(c, "/meeting/correction", correction).status_code == 303
    said = text(c.get("/meeting").text)
    # The correction lifts bac-kan past lang-son into the Bằng khen's seat; with no ballot, that is a rule broken
    assert "Bằng khen của Trung ương Hội CCB Việt Nam for bac-kan: no ballot is recorded; the award needs 80% in favour" in said
    override = {"unit": "bac-kan", "award": "none", "decision": "override", "reason": "Đơn vị Cụm trưởng xin nhường"}
    assert post(c, "/meeting/decision", override).status_code == 303
    for unit, award in (("cao-bang", "co-thi-dua-tw"), ("thai-nguyen", "bang-khen-tw")):
        assert post(c, "/meeting/decision", {"unit": unit, "award": award, "decision": "confirm"}).status_code == 303
        ballot = {"award": award, "unit": unit, "voters": "6", "in_favour": "6", "against": "0", "abstain": "0"}
        assert post(c, "/meeting/ballot", ballot).status_code == 303
    page = c.get("/meeting").text
    if 'id="finalize"' not in page:  # a rule the decisions break is listed, located in the review file
        assert "review.yaml:" in text(page)
        pytest.fail(text(page))
    final = c.post("/meeting/finalize", data={"csrf": csrf(page), "version": version(page)})
    assert final.status_code == 200
    assert "Record written: record.json (SHA-256" in text(final.text)
    assert "record.json: verified: the input files give this record exactly." in text(final.text)
    capsys.readouterr()
    assert main(["verify", str(folder / "record.json")]) == 0
    assert "verified" in capsys.readouterr().out
    for kind, suffix, start in (
        ("minutes", "html", b"<!DOCTYPE html>"),
        ("minutes", "docx", b"PK"),
        ("proposal", "html", b"<!DOCTYPE html>"),
    ):
        document = c.get(f"/documents/{kind}.{suffix}")
        assert document.status_code == 200, text(document.text)
        assert document.content.startswith(start)
    report = c.get("/documents/report.html")
    assert report.status_code == 200
    assert "Cao Bằng" in report.text


def test_a_correction_the_reader_refuses_is_not_saved_and_its_problem_is_shown(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_bytes()
    c = client(folder)
    page = post(
        c,
        "/meeting/correction",
        {"unit": "bac-kan", "indicator": "new_members", "value": "330", "criterion": "IV.3", "reason": "x"},
    )
    assert page.status_code == 400
    assert "correct either an indicator (indicator, value) or a criterion (criterion, points)" in text(page.text)
    assert (folder / "review.yaml").read_bytes() == before


def test_a_decision_that_breaks_a_rule_is_saved_and_the_breach_shown_located(tmp_path):
    folder = round_folder(tmp_path)
    c = client(folder)
    assert (
        post(
            c, "/meeting/decision", {"unit": "bac-ninh", "award": "bang-khen-tw", "decision": "override", "reason": "x"}
        ).status_code
        == 303
    )
    said = text(c.get("/meeting").text)
    assert "What the decisions break, or what is still missing" in said
    assert "review.yaml:" in said
    assert "acknowledge it under 'acknowledged' with a reason" in said
    assert 'id="finalize"' not in c.get("/meeting").text


def test_a_stale_tab_cannot_undo_another_tabs_change(tmp_path):
    folder = round_folder(tmp_path)
    c = client(folder)
    page = c.get("/meeting").text  # two tabs open on the same file
    first = c.post("/meeting/remove", data={"csrf": csrf(page), "version": version(page), "section": "ballots", "index": "0"})
    assert first.status_code == 303
    after_first = (folder / "review.yaml").read_bytes()
    second = c.post("/meeting/remove", data={"csrf": csrf(page), "version": version(page), "section": "ballots", "index": "1"})
    assert second.status_code == 409
    assert "The review file changed since this page was opened (in another tab or by another person); nothing was saved." in text(
        second.text
    )
    assert (folder / "review.yaml").read_bytes() == after_first
    assert len(yaml.safe_load(after_first)["ballots"]) == 1


def test_two_tabs_saving_at_once_one_is_saved_the_other_told(tmp_path):
    folder = round_folder(tmp_path)
    c = client(folder)
    page = c.get("/meeting").text
    fields = {"csrf": csrf(page), "version": version(page)}
    answers: list[int] = []
    start = threading.Barrier(4)

    def save(n: int) -> None:
        start.wait()  # each request in its own thread and event loop: the same server, four tabs
        acknowledgement = {"rule": "quota", "award": "bang-khen-tw", "reason": f"tab {n}"}
        answers.append(c.post("/meeting/acknowledge", data={**fields, **acknowledgement}).status_code)

    tabs = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join()
    assert sorted(answers) == [303, 409, 409, 409]
    saved = yaml.safe_load((folder / "review.yaml").read_text(encoding="utf-8"))
    assert len(saved["acknowledged"]) == 1


def test_a_save_while_another_program_writes_the_file_waits_for_nobody_and_changes_nothing(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_bytes()
    lock = folder / "review.yaml.lock"
    lock.write_text(f"{os.getpid()} {socket.gethostname()} 2023-10-10T08:00:00")  # the CLI's lock, held by a live process
    page = post(client(folder), "/meeting/acknowledge", {"rule": "quota", "award": "bang-khen-tw", "reason": "x"})
    assert page.status_code == 409
    assert f"review.yaml is being written by process {os.getpid()} on {socket.gethostname()} since 2023-10-10T08:00:00" in text(
        page.text
    )
    assert (folder / "review.yaml").read_bytes() == before


def test_next_year_shows_the_diff_and_the_what_if_of_a_draft(tmp_path):
    folder = round_folder(tmp_path)
    page = client(folder).get("/next?criteria=2024.yaml")
    assert page.status_code == 200
    with wording.use("en"):
        diff = diff_text(compare(load_criteria(folder / "criteria.yaml"), load_criteria(folder / "next" / "2024.yaml")))
    assert escape(diff, quote=False) in page.text.replace("&#39;", "'").replace("&#34;", '"')
    assert "This round under the draft criteria" in text(page.text)
    assert client(folder).get("/next?criteria=../criteria.yaml").status_code == 404


def test_serve_refuses_a_folder_that_is_not_a_round(tmp_path, cli):
    code, out, err = cli("serve", tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path}/criteria.yaml:1:1: the round folder has no criteria file criteria.yaml\n"
        f"{tmp_path}/submissions:1:1: the round folder has no submissions folder; make it, even empty\n"
        "2 problem(s) found.\n"
    )


def test_serve_says_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(Exception, match=f"cannot listen on 127.0.0.1:{port}: Address already in use"):
            listen("127.0.0.1", port).close()


def test_the_record_digest_shown_is_of_the_bytes_written(tmp_path):
    folder = round_folder(tmp_path)
    c = client(folder)
    page = c.get("/meeting").text
    final = c.post("/meeting/finalize", data={"csrf": csrf(page), "version": version(page)})
    digest = hashlib.sha256((folder / "record.json").read_bytes()).hexdigest()
    assert f"Record written: record.json (SHA-256 {digest})" in text(final.text)


def test_nothing_is_written_over_the_criteria(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "criteria.yaml").read_bytes()
    answer = upload(client(folder), [("criteria.yaml", before, "text/plain")])
    assert answer.status_code == 400  # read as a submission, it is none
    assert (folder / "criteria.yaml").read_bytes() == before
    assert not (folder / "submissions" / "criteria.yaml").exists()
    propose  # noqa: B018 - imported for the known answers above
    Path  # noqa: B018


def test_the_report_is_downloaded_as_word_too_the_same_document_as_the_report_command_writes(tmp_path, cli):
    import io

    from docx import Document as read_docx

    folder = round_folder(tmp_path)
    page = client(folder).get("/documents/report.docx")
    assert page.status_code == 200, text(page.text)
    assert page.headers["content-disposition"] == 'attachment; filename="bao-cao.docx"'
    assert page.content.startswith(b"PK")
    code, _, err = cli(
        "report",
        folder / "criteria.yaml",
        folder / "submissions",
        "--decisions",
        folder / "review.yaml",
        "-o",
        tmp_path / "r.docx",
    )
    assert (code, err) == (0, "")

    def paragraphs(raw: bytes) -> list[str]:
        return [p.text for p in read_docx(io.BytesIO(raw)).paragraphs]

    assert paragraphs(page.content) == paragraphs((tmp_path / "r.docx").read_bytes())
    assert "/documents/report.docx" in client(folder).get("/meeting").text  # the meeting page links it


# The review file is the council's as much as the page's: a secretary may write it by hand, with comments saying why.
# A change from the page rewrites only what it changes; every other line, comments included, stays as it was.


def test_an_entry_added_from_the_page_is_written_after_the_file_as_it_was_comments_and_all(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_text(encoding="utf-8")
    assert sum(line.lstrip().startswith("#") for line in before.splitlines()) == 7  # the example's comment lines
    page = post(
        client(folder), "/meeting/acknowledge", {"rule": "quota", "award": "bang-khen-tw", "reason": "Hội đồng thống nhất"}
    )
    assert page.status_code == 303
    after = (folder / "review.yaml").read_text(encoding="utf-8")
    assert after == before + "acknowledged:\n- rule: quota\n  award: bang-khen-tw\n  reason: Hội đồng thống nhất\n"


def test_an_entry_added_to_a_list_goes_at_its_end_in_its_own_indentation(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_text(encoding="utf-8")
    ballot = {"award": "bang-khen-tw", "unit": "bac-kan", "voters": "6", "in_favour": "2", "against": "4", "abstain": "0"}
    assert post(client(folder), "/meeting/ballot", ballot).status_code == 303
    after = (folder / "review.yaml").read_text(encoding="utf-8")
    added = "  - award: bang-khen-tw\n    unit: bac-kan\n    voters: 6\n    in_favour: 2\n    against: 4\n    abstain: 0\n"
    assert after == before + added  # ballots is the file's last list: the new one after the two written by hand


def test_an_entry_removed_from_the_page_takes_its_own_comment_and_nothing_else(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_text(encoding="utf-8")
    first = before[before.index("  # Kiểm tra chéo") : before.index("  # Hội đồng chấm lại")]
    assert first.count("\n") == 7  # its comment and its six lines
    page = post(client(folder), "/meeting/remove", {"section": "corrections", "index": "0"})
    assert page.status_code == 303
    assert (folder / "review.yaml").read_text(encoding="utf-8") == before.replace(first, "")


def test_the_meetings_details_changed_from_the_page_change_only_their_own_lines(tmp_path):
    folder = round_folder(tmp_path)
    before = (folder / "review.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(before)
    fields = {k: v for k, v in data["meeting"].items() if isinstance(v, str)}  # the form, filled as the page fills it
    fields["attendees"] = "\r\n".join(data["meeting"]["attendees"])
    fields |= {
        "reviewed_by": data["reviewed_by"],
        "approved_by": data["approved_by"],
        "place": "Hội trường Hội CCB tỉnh Cao Bằng",
    }
    assert post(client(folder), "/meeting/details", fields).status_code == 303
    after = (folder / "review.yaml").read_text(encoding="utf-8")
    assert after == before.replace("  place: Thành phố Cao Bằng\n", "  place: Hội trường Hội CCB tỉnh Cao Bằng\n")


def test_a_review_file_laid_out_as_the_splice_cannot_follow_is_written_afresh_with_the_change(tmp_path):
    folder = round_folder(tmp_path)
    data = yaml.safe_load((folder / "review.yaml").read_text(encoding="utf-8"))
    (folder / "review.yaml").write_text("# one flow mapping\n" + json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    page = post(client(folder), "/meeting/acknowledge", {"rule": "quota", "award": "bang-khen-tw", "reason": "x"})
    assert page.status_code == 303
    after = yaml.safe_load((folder / "review.yaml").read_text(encoding="utf-8"))
    assert after == {**data, "acknowledged": [{"rule": "quota", "award": "bang-khen-tw", "reason": "x"}]}


def splice(text: str, change) -> str | None:
    """`text` as a review file, changed by `change` (old data → new data) the way the page changes it."""
    from scoring.serve.app import _dump
    from scoring.serve.keep import spliced
    from scoring.yamlio import parse

    old = parse(text.encode(), "review.yaml").data
    new = change(json.loads(json.dumps(old, default=str)) | {})
    out = spliced(text.encode(), old, parse(_dump(new).encode(), "new.yaml").data, _dump, "review.yaml")
    return None if out is None else out.decode()


FLOW_LIST = """\
format: thidua/review-1  # the format
decisions:
  # the first, by hand
  - {unit: a, award: x, decision: confirm}
  # the second
  - {unit: b, award: x, decision: confirm}
  - {unit: c, award: x, decision: confirm}  # the third
# the end of the file
"""


def test_a_splice_takes_an_entry_out_of_the_middle_of_a_list_of_flow_entries_with_its_comment():
    def drop_second(data):
        del data["decisions"][1]
        return data

    assert splice(FLOW_LIST, drop_second) == FLOW_LIST.replace("  # the second\n  - {unit: b, award: x, decision: confirm}\n", "")


def test_a_splice_puts_a_new_key_after_the_one_it_follows_and_keeps_the_files_last_comment():
    def ballots(data):
        data["ballots"] = [{"award": "x", "unit": "a", "voters": 3}]
        return data

    assert splice(FLOW_LIST, ballots) == FLOW_LIST.replace(
        "# the end of the file\n", "ballots:\n- award: x\n  unit: a\n  voters: 3\n# the end of the file\n"
    )


def test_a_splice_keeps_a_block_of_text_and_the_comment_after_it_and_the_line_ends_of_windows():
    text = "format: thidua/review-1\r\ncorrections:\r\n  - unit: a\r\n    reason: |\r\n      two\r\n      lines\r\n"
    text += "  # next\r\n  - unit: b\r\n"

    def add(data):
        data["corrections"].append({"unit": "c"})
        return data

    assert splice(text, add) == text + "  - unit: c\r\n"


def test_a_file_the_splice_cannot_follow_is_left_to_the_full_dump():
    assert splice('{"format": "thidua/review-1", "decisions": []}\n', lambda d: d | {"round": "r"}) is None
    assert splice('format: thidua/review-1\n"decisions": []\n', lambda d: d | {"round": "r"}) is None  # a quoted key
