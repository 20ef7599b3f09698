"""The documents the council signs and sends, as a person would look at them: the minutes, the proposal (tờ trình) and
the report, in the administrative form of Decree 30/2020/NĐ-CP, written as Markdown, HTML, Word and PDF.

The printed tests convert each document to PDF, its pages to PNG (pdftoppm) and read the text back (pdftotext); they
skip when Chromium or poppler-utils is missing, but fail when THIDUA_REQUIRE_BROWSER=1 (CI installs both).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document as read_docx
from docx.shared import Pt

from scoring import wording
from scoring.document import Document, Outline, html
from scoring.document import markdown as md
from scoring.minutes import minutes_document
from scoring.proposal import proposal_document
from scoring.record import decide_round, record_bytes, record_from
from scoring.wordfile import docx_bytes
from tests.shared import CCB, CCB_SUBMISSIONS, REVIEW, ROOT

CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
PRINTING = CHROMIUM is not None and PDFTOTEXT is not None and PDFTOPPM is not None
printed = pytest.mark.skipif(
    not PRINTING and not os.environ.get("THIDUA_REQUIRE_BROWSER"),
    reason="chromium or poppler-utils is not installed (CI installs both)",
)
SHA = "ab" * 32


@pytest.fixture(scope="module")
def record_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("record") / "record.json"
    path.write_bytes(record_bytes(decide_round(CCB, [CCB_SUBMISSIONS], REVIEW), path))
    return path


def record(path: Path):
    return record_from(json.loads(path.read_bytes()), str(path))


def words(text: str) -> str:
    return " ".join(text.split())


# Known answers from the example's review file (examples/hoi-ccb-cum-3/2023/review.yaml).


def test_the_minutes_head_has_the_issuer_its_number_the_motto_and_the_date_line(record_file):
    with wording.use("vi"):
        text = words(md(minutes_document(record(record_file), SHA)).replace("**", "").replace("*", ""))
    parts = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hội Cựu chiến binh Việt Nam",
        "Cụm thi đua số 3",
        "Số: 05/BB-CTĐ",
        "Cao Bằng, ngày 10 tháng 10 năm 2023",
        "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        "Bắt đầu lúc: 8 giờ 00",
        "Thành phần tham dự:",
        "I. KẾT QUẢ CHẤM ĐIỂM",
        "Cuộc họp kết thúc vào lúc 11 giờ 30 cùng ngày; biên bản đã được đọc lại trước cuộc họp và được các thành viên"
        " dự họp nhất trí thông qua.",
        "THƯ KÝ | CHỦ TRÌ",
        "THƯ KÝ HỘI ĐỒNG | CỤM TRƯỞNG",
        "Nơi nhận:",
        "- Hội CCB các tỉnh trong Cụm",
        "- Lưu Cụm thi đua số 3",
        "CĂN CỨ DỮ LIỆU",
    ]
    places = [text.find(p) for p in parts]
    assert -1 not in places, [p for p, at in zip(parts, places, strict=True) if at < 0]
    assert places == sorted(places)
    assert "Vắng mặt" not in text  # the review lists no one absent


def test_a_review_without_the_form_s_keys_leaves_blanks_to_fill_by_hand(record_file):
    data = json.loads(record_file.read_bytes())
    data["meeting"] = {k: data["meeting"][k] for k in ("date", "place", "chair", "secretary", "attendees")}  # an older file
    data["meeting"]["date"] = "05/02/2023"
    older = record_from(data, "old.json")
    with wording.use("vi"):
        text = words(md(minutes_document(older, SHA)).replace("**", "").replace("*", ""))
        letter = words(md(proposal_document(older, SHA)).replace("**", "").replace("*", ""))
    assert "Số: ……/BB-…… ……, ngày 05 tháng 02 năm 2023" in text  # Decree 30: day below 10 and months 1, 2 with a zero
    assert "Cuộc họp kết thúc vào lúc …… cùng ngày" in text
    assert "Số: ……/TTr-……" in letter
    assert "Kính gửi: ……………………" in letter
    assert "Nơi nhận: - Như trên; - Lưu: VT." in letter


def test_the_proposal_lists_the_awards_the_council_decided_with_total_rank_and_ballot(record_file):
    with wording.use("vi"):
        text = md(proposal_document(record(record_file), SHA))
    rows = [line for line in text.splitlines() if re.match(r"\| [0-9]+ \|", line)]
    # The flag: Cao Bằng, 93.94, first, 6 of 6 in favour. The merit: Thái Nguyên, 90.59, second, 5 of 6 = 83.3%.
    # Bắc Kạn, proposed by the criteria, gave up its merit at the meeting: it is not in the list.
    assert rows == [
        "| 1 | Hội CCB tỉnh Cao Bằng | 93,94 | Hoàn thành xuất sắc nhiệm vụ | 1 | 6/6 phiếu tán thành | 100% |",
        "| 1 | Hội CCB tỉnh Thái Nguyên | 90,59 | Hoàn thành tốt nhiệm vụ | 2 | 5/6 phiếu tán thành | 83,3% |",
    ]
    flat = words(text.replace("**", "").replace("*", ""))
    for part in (
        "Số: 06/TTr-CTĐ",
        "TỜ TRÌNH",
        "Kính gửi: Hội đồng Thi đua – Khen thưởng Trung ương Hội CCB Việt Nam",
        "kính đề nghị khen thưởng cho 2 đơn vị",
        "| TM. HỘI ĐỒNG | |---| | CỤM TRƯỞNG |",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
        "(Kèm theo Tờ trình số 06/TTr-CTĐ ngày 10 tháng 10 năm 2023)",
        "Danh sách có 2 đơn vị.",
    ):
        assert part in flat


def test_the_proposal_in_english(record_file):
    with wording.use("en"):
        flat = words(md(proposal_document(record(record_file), SHA)).replace("**", "").replace("*", ""))
    assert "No.: 06/TTr-CTĐ" in flat
    assert "(Annexed to proposal No. 06/TTr-CTĐ of 10/10/2023)" in flat
    assert "5/6 in favour" in flat


# The command: refused for a record that does not verify, unless marked so on every page.


def test_cli_refuses_a_proposal_from_a_record_that_does_not_verify(cli, tmp_path, record_file):
    changed = tmp_path / "record.json"
    data = json.loads(record_file.read_bytes())
    data["outcome"][0]["total"] = "99.99"  # edited by hand: the inputs no longer give this record
    changed.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    target = tmp_path / "tt.md"
    code, out, err = cli("proposal", str(changed), "-o", str(target))
    assert (code, out) == (1, "")
    assert err == (
        f"thidua: {changed}: the record does not verify against its input files (1 difference(s); thidua verify {changed}"
        " names them), so no document is made from it; give --unverified to make one marked NOT VERIFIED\n"
    )
    assert not target.exists()
    code, _, _ = cli("--lang", "vi", "proposal", str(changed), "-o", str(target), "--unverified")
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("**CHƯA KIỂM CHỨNG**") == 2  # each section (the letter, the annex) carries it
    assert text.startswith("**CHƯA KIỂM CHỨNG**")


def test_cli_writes_a_verified_proposal_unmarked(cli, tmp_path, record_file):
    target = tmp_path / "tt.html"
    code, out, err = cli("--lang", "vi", "proposal", str(record_file), "-o", str(target))
    assert (code, err) == (0, "")
    digest = hashlib.sha256(record_file.read_bytes()).hexdigest()
    assert out == f"Đã lập tờ trình: {target} (SHA-256 của hồ sơ {digest})\n"
    text = target.read_text(encoding="utf-8")
    assert "CHƯA KIỂM CHỨNG" not in text
    assert "TỜ TRÌNH" in text


@pytest.mark.parametrize("name", ["tt.odt", "tt"])
def test_cli_proposal_unknown_suffix_is_a_usage_error(cli, tmp_path, record_file, name):
    target = tmp_path / name
    code, out, err = cli("proposal", str(record_file), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"thidua: {target}: the proposal is written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so\n"


# Word.


def test_the_word_file_is_a4_times_new_roman_with_decree_30_margins_and_real_tables(record_file):
    with wording.use("vi"):
        data = docx_bytes(minutes_document(record(record_file), SHA))
    word = read_docx(io.BytesIO(data))
    section = word.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    # A4; Decree 30: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm (Word keeps twentieths of a point)
    assert [round(x.mm, 1) for x in sizes if x is not None] == [210, 297, 20, 20, 30, 15]
    normal = word.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(13))
    assert word.styles["Heading 1"].font.name == "Times New Roman"
    paragraphs = [p.text for p in word.paragraphs]
    assert "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" in paragraphs
    assert "I. KẾT QUẢ CHẤM ĐIỂM" in paragraphs
    masthead = word.tables[0].rows[0].cells
    assert [p.text for p in masthead[0].paragraphs] == ["HỘI CỰU CHIẾN BINH VIỆT NAM", "CỤM THI ĐUA SỐ 3", "Số: 05/BB-CTĐ"]
    assert [p.text for p in masthead[1].paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cao Bằng, ngày 10 tháng 10 năm 2023",
    ]
    scores = word.tables[1]
    assert [c.text for c in scores.rows[1].cells][:2] == ["1", "Hội CCB tỉnh Cao Bằng"]
    assert word.core_properties.created.isoformat().startswith("2023-10-10")  # the meeting's day, not the clock


def test_the_word_file_puts_the_recipients_at_the_left_of_the_signatures(record_file):
    with wording.use("vi"):
        minutes = read_docx(io.BytesIO(docx_bytes(minutes_document(record(record_file), SHA))))
        letter = read_docx(io.BytesIO(docx_bytes(proposal_document(record(record_file), SHA))))
    (signed,) = [t for t in minutes.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"]
    cells = signed.rows[0].cells
    assert [p.text for p in cells[0].paragraphs] == ["Nơi nhận:", "- Hội CCB các tỉnh trong Cụm", "- Lưu Cụm thi đua số 3"]
    assert [p.text for p in cells[1].paragraphs if p.text] == [
        "THƯ KÝ",
        "THƯ KÝ HỘI ĐỒNG",
        "(Ký, ghi rõ họ tên)",
        "Nông Văn Triệu, Hội CCB tỉnh Cao Bằng",
    ]
    assert [p.text for p in cells[2].paragraphs if p.text][:2] == ["CHỦ TRÌ", "CỤM TRƯỞNG"]
    # 48 mm for Nơi nhận, the rest of the 165 mm line shared by the two signers
    assert [round(c.width.mm, 1) for c in cells] == [48, 58.5, 58.5]
    (signed,) = [t for t in letter.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"]
    assert [c.paragraphs[0].text for c in signed.rows[0].cells] == ["Nơi nhận:", "TM. HỘI ĐỒNG"]
    assert [round(c.width.mm, 1) for c in signed.rows[0].cells] == [70, 95]


def test_the_word_file_is_byte_identical_for_the_same_record(record_file):
    with wording.use("vi"):
        first = docx_bytes(proposal_document(record(record_file), SHA))
        again = docx_bytes(proposal_document(record(record_file), SHA))
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_cli_writes_the_same_word_file_twice(cli, tmp_path, record_file):
    for name in ("a.docx", "b.docx"):
        assert cli("minutes", str(record_file), "-o", str(tmp_path / name))[0] == 0
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# Printed.


def pages_of(pdf: Path) -> list[list[str]]:
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60).stdout
    return [[words(line) for line in page.splitlines() if line.strip()] for page in text.decode().split("\f")[:-1]]


def pngs_of(pdf: Path) -> list[bytes]:
    assert PDFTOPPM is not None
    subprocess.run([PDFTOPPM, "-r", "30", "-png", str(pdf), str(pdf.with_suffix(""))], check=True, timeout=120)
    return [p.read_bytes() for p in sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))]


def find(pages: list[list[str]], text: str) -> tuple[int, int]:
    """(page, line) of the first line that holds the text, counted from 1."""
    for n, page in enumerate(pages, start=1):
        for m, line in enumerate(page, start=1):
            if text in line:
                return n, m
    raise AssertionError(f"{text!r} is on no page")


def assert_recipients_beside(pages: list[list[str]], *roles: str) -> None:
    """Nơi nhận at the left of the signatures, on their line (Decree 30/2020/NĐ-CP): the printed line starts with it
    and names each signer's role after it."""
    page, line = find(pages, "Nơi nhận:")
    printed = pages[page - 1][line - 1]
    assert printed.startswith("Nơi nhận:"), printed
    assert [printed.find(role) > len("Nơi nhận:") for role in roles] == [True] * len(roles), printed


@printed
@pytest.mark.parametrize("kind", ["minutes", "proposal"])
def test_printed_documents_show_their_parts_in_order_on_the_right_page(cli, tmp_path, record_file, kind):
    assert PRINTING, "the Debian packages chromium and poppler-utils are needed"
    pdf = tmp_path / f"{kind}.pdf"
    code, _, err = cli("--lang", "vi", kind, str(record_file), "-o", str(pdf))
    assert (code, err) == (0, "")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = pages_of(pdf)
    images = pngs_of(pdf)
    assert len(images) == len(pages) >= 2
    assert all(len(page) > 2 for page in pages)  # no empty page: each has more than its footer
    # the footer on every page (it wraps onto a second line)
    assert all(any(line.startswith("Hồ sơ xét duyệt hoi-ccb-cum-3-2023 — SHA-256") for line in page[-2:]) for page in pages)
    head = pages[0][0]
    assert head.startswith("HỘI CỰU CHIẾN BINH VIỆT NAM")
    assert head.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    if kind == "minutes":
        parts = ["Số: 05/BB-CTĐ", "Cao Bằng, ngày 10 tháng 10 năm 2023", "BIÊN BẢN HỌP HỘI ĐỒNG", "I. KẾT QUẢ CHẤM ĐIỂM"]
        parts += ["V. QUYẾT ĐỊNH CỦA HỘI ĐỒNG", "Cuộc họp kết thúc vào lúc 11 giờ 30", "Nơi nhận:", "CỤM TRƯỞNG"]
        parts += ["CĂN CỨ DỮ LIỆU"]
        assert find(pages, "BIÊN BẢN HỌP HỘI ĐỒNG")[0] == 1
        assert_recipients_beside(pages, "THƯ KÝ", "CHỦ TRÌ")
    else:
        parts = ["Số: 06/TTr-CTĐ", "Cao Bằng, ngày 10 tháng 10 năm 2023", "TỜ TRÌNH", "Kính gửi:", "TM. HỘI ĐỒNG"]
        parts += ["Nơi nhận:", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "93,94", "90,59"]
        assert find(pages, "TM. HỘI ĐỒNG")[0] == 1  # the letter fits its first page
        assert find(pages, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG") == (2, 1)  # the annex starts a page of its own
        assert_recipients_beside(pages, "TM. HỘI ĐỒNG")
    places = [find(pages, p) for p in parts]
    assert places == sorted(places)


@printed
def test_a_printed_unverified_proposal_is_marked_on_every_page(cli, tmp_path, record_file):
    assert PRINTING, "the Debian packages chromium and poppler-utils are needed"
    changed = tmp_path / "record.json"
    data = json.loads(record_file.read_bytes())
    data["meeting"]["place"] = "Hà Nội"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    pdf = tmp_path / "tt.pdf"
    assert cli("--lang", "vi", "proposal", str(changed), "-o", str(pdf), "--unverified")[0] == 0
    pages = pages_of(pdf)
    assert len(pages) == 2
    assert all(page[0] == "CHƯA KIỂM CHỨNG" for page in pages)


@printed
def test_the_printed_word_file_keeps_the_form(tmp_path, record_file):
    """The .docx, printed by LibreOffice where installed: the same head and the same parts."""
    office = shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    with wording.use("vi"):
        (tmp_path / "bb.docx").write_bytes(docx_bytes(minutes_document(record(record_file), SHA)))
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    run = [office, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "bb.docx")]
    subprocess.run(run, capture_output=True, check=True, timeout=300)
    pages = pages_of(tmp_path / "bb.pdf")
    assert all(len(page) > 1 for page in pages)
    assert re.sub(r"\s+", " ", pages[0][0]).startswith("HỘI CỰU CHIẾN BINH VIỆT NAM")
    places = [find(pages, p) for p in ("Số: 05/BB-CTĐ", "BIÊN BẢN HỌP HỘI ĐỒNG", "I. KẾT QUẢ CHẤM ĐIỂM", "CĂN CỨ DỮ LIỆU")]
    assert places == sorted(places)


# The report (thidua report … -o x.docx | x.pdf): the same parts as its HTML page, in the administrative form.

RANKING = [
    ("1", "Hội CCB tỉnh Cao Bằng", "93,94"),
    ("2", "Hội CCB tỉnh Thái Nguyên", "90,59"),
    ("3", "Hội CCB tỉnh Bắc Kạn", "86,33"),
    ("4", "Hội CCB tỉnh Bắc Giang", "86,32"),
    ("5", "Hội CCB tỉnh Lạng Sơn", "83,47"),
    ("6", "Hội CCB tỉnh Bắc Ninh", "75,42"),
]


def report_file(cli, folder: Path, name: str, *review: str) -> Path:
    out = folder / name
    decisions = ("--decisions", str(REVIEW)) if review else ()
    code, said, err = cli("--lang", "vi", "report", str(CCB), str(CCB_SUBMISSIONS), *decisions, "-o", str(out))
    assert (code, said, err) == (0, f"Đã lập báo cáo: {out}\n", "")
    return out


def test_the_report_as_a_word_file_has_the_form_the_ranking_the_points_and_each_unit(cli, tmp_path):
    word = read_docx(report_file(cli, tmp_path, "bc.docx", "review"))
    section = word.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    assert [round(x.mm, 1) for x in sizes if x is not None] == [210, 297, 20, 20, 30, 15]
    assert (word.styles["Normal"].font.name, word.styles["Normal"].font.size) == ("Times New Roman", Pt(13))
    head = word.tables[0].rows[0].cells
    assert [p.text for p in head[0].paragraphs] == ["HỘI CỰU CHIẾN BINH VIỆT NAM", "CỤM THI ĐUA SỐ 3", "Số: ……/BC-……"]
    assert [p.text for p in head[1].paragraphs][2] == "Cao Bằng, ngày 10 tháng 10 năm 2023"
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert headings == [
        "Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam",
        "Xếp hạng và khen thưởng",
        "Điểm theo nhóm tiêu chí",
        "Dữ liệu đầu vào (mã SHA-256)",
        # each unit from a new page, in rank order (the review moves Bắc Kạn to 3rd)
        *(f"{rank}. {name} ({unit})" for (rank, name, _), unit in zip(RANKING, UNITS, strict=True)),
    ]
    units = [p for p in word.paragraphs if p.style is not None and p.style.name == "Heading 2" and p.text[0].isdigit()]
    assert all(p.paragraph_format.page_break_before for p in units)
    ranking = word.tables[1]
    assert [c.text for c in ranking.rows[0].cells] == [
        "Hạng",
        "Đơn vị",
        "Tổng điểm",
        "Xếp loại",
        "Đề nghị (máy tính)",
        "Hội đồng quyết định",
        "Lý do",
    ]
    assert [tuple(c.text for c in row.cells[:3]) for row in ranking.rows[1:]] == RANKING
    assert ranking.rows[3].cells[5].text == "— (thay đổi)"  # Bắc Kạn: the council gives it no Bằng khen
    assert all(r.bold for r in ranking.rows[3].cells[5].paragraphs[0].runs)  # a change the reader must not miss
    by_group = word.tables[2]
    assert [c.text for c in by_group.rows[0].cells][-2:] == ["Điểm cộng, điểm trừ", "Tổng điểm"]
    # Cao Bằng: 14,79 + 22,66 + 11,49 + 16,60 + 27,03 = 92,57 by the groups; + 1,37 of bonuses = 93,94
    assert [c.text for c in by_group.rows[1].cells] == [
        "1",
        "Hội CCB tỉnh Cao Bằng",
        "14,79",
        "22,66",
        "11,49",
        "16,60",
        "27,03",
        "+1,37",
        "93,94",
    ]
    digests = word.tables[3]
    assert [c.text for c in digests.rows[1].cells] == ["Tiêu chí", str(CCB), hashlib.sha256(CCB.read_bytes()).hexdigest()]
    signed = word.tables[4].rows[0].cells
    assert [c.paragraphs[0].text for c in signed] == ["Nơi nhận:", "THƯ KÝ", "CHỦ TRÌ"]
    texts = [p.text for p in word.paragraphs]
    # a unit's page: its facts, then its explanation line by line, the last level of a branch as one paragraph
    at = texts.index("1. Hội CCB tỉnh Cao Bằng (cao-bang)")
    assert texts[at + 1 : at + 3] == ["Hạng: 1 / 6", "Tổng điểm: 93,94 / 100 — Hoàn thành xuất sắc nhiệm vụ"]
    explanation = texts.index("Hội CCB tỉnh Cao Bằng (cao-bang): 93,94 / 100 — Hoàn thành xuất sắc nhiệm vụ", at)
    assert texts[explanation + 1] == "I. Công tác tuyên truyền, giáo dục chính trị, tư tưởng: 14,79 / 15"
    leaves = texts[explanation + 3]
    assert leaves.startswith("plan_on_time (Ban hành kế hoạch")
    assert " ▸ plan_on_time = có → điểm tối đa" in leaves
    assert word.core_properties.created.isoformat().startswith("2023-10-10")  # the meeting's day, not the clock
    assert word.sections[0].footer.paragraphs[0].text.startswith("hoi-ccb-cum-3-2023 · tiêu chí SHA-256 ")


UNITS = ["cao-bang", "thai-nguyen", "bac-kan", "bac-giang", "lang-son", "bac-ninh"]


def test_the_report_s_word_file_without_a_review_has_no_form_and_is_dated_by_the_round_s_year(cli, tmp_path):
    word = read_docx(report_file(cli, tmp_path, "bc.docx"))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam"  # no masthead
    assert not any(t.startswith("Nơi nhận") or t == "CHỦ TRÌ" for t in texts)
    assert len(word.tables) == 3  # the ranking, the points by group, the digests: no signatures
    assert [c.text for c in word.tables[0].rows[0].cells][-2:] == ["Đề nghị (máy tính)", "Lý do"]
    assert word.core_properties.created.isoformat().startswith("2023-01-01")  # the round's year, not the clock


def test_the_report_s_word_file_is_the_same_bytes_each_time(cli, tmp_path):
    first = report_file(cli, tmp_path, "a.docx", "review").read_bytes()
    assert report_file(cli, tmp_path, "b.docx", "review").read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def assert_printed_report(pages: list[list[str]]) -> None:
    """The report's parts in order: the head, the summary, the signatures with Nơi nhận, then each unit from a new page."""
    assert all(len(page) > 2 for page in pages)  # no empty page: each has more than its footer
    assert all(any(line.startswith("hoi-ccb-cum-3-2023 · tiêu chí SHA-256") for line in page[-2:]) for page in pages)
    head = pages[0][0]
    assert head.startswith("HỘI CỰU CHIẾN BINH VIỆT NAM")
    assert head.endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    parts = ["Số: ……/BC-……", "Cao Bằng, ngày 10 tháng 10 năm 2023", "Bảng tiêu chí chấm điểm thi đua năm 2023"]
    parts += ["Xếp hạng và khen thưởng", "Điểm theo nhóm tiêu chí", "Dữ liệu đầu vào (mã SHA-256)", "Nơi nhận:"]
    parts += [f"{rank}. {name} ({unit})" for (rank, name, _), unit in zip(RANKING, UNITS, strict=True)]
    places = [find(pages, p) for p in parts]
    assert places == sorted(places)
    assert [line for _, line in places[-6:]] == [1] * 6  # each unit at the top of a page
    assert len({page for page, _ in places[-6:]}) == 6
    assert_recipients_beside(pages, "THƯ KÝ", "CHỦ TRÌ")


@printed
def test_the_printed_report_shows_its_parts_in_order_each_unit_from_a_new_page(cli, tmp_path, monkeypatch):
    assert PRINTING, "the Debian packages chromium and poppler-utils are needed"
    monkeypatch.chdir(ROOT)  # the explanations cite the files as the README runs it
    pdf = report_file(cli, tmp_path, "bc.pdf", "review")
    assert pdf.read_bytes().startswith(b"%PDF")
    pages = pages_of(pdf)
    assert len(pngs_of(pdf)) == len(pages)
    assert_printed_report(pages)


@printed
def test_the_report_s_word_file_printed_by_libreoffice_keeps_its_parts_and_pages(cli, tmp_path, monkeypatch):
    """Without Chromium, -o x.pdf prints the report's Word file with LibreOffice: the same parts, in the same order."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    monkeypatch.setattr("scoring.document.chromium", lambda: None)
    pdf = report_file(cli, tmp_path, "bc.pdf", "review")
    pages = pages_of(pdf)
    assert len(pngs_of(pdf)) == len(pages)
    assert_printed_report(pages)


def test_an_outline_is_an_indented_list_in_markdown_and_indented_lines_in_html():
    outline = Outline(((0, "A: 3 / 5", True), (1, "x = 1 ▸ x → 3", False), (1, "<b>", False)))
    assert md(Document("t", ((outline,),), "f", datetime(2023, 1, 1))) == (
        "- **A: 3 / 5**\n  - x = 1 ▸ x → 3\n  - \\<b\\>\n\n*f*\n"
    )
    page = html(Document("t", ((outline,),), "f", datetime(2023, 1, 1)))
    assert (
        '<div class="outline"><p style="padding-left: 0mm"><strong>A: 3 / 5</strong></p>'
        '<p style="padding-left: 4mm">x = 1 ▸ x → 3</p><p style="padding-left: 4mm">&lt;b&gt;</p></div>'
    ) in page
