"""The meeting's minutes (biên bản): every fact of the record on paper, escaped, with the record's digest on each page.

The minutes are a Vietnamese document unless asked otherwise: these tests write the minutes in Vietnamese (the
suite's default is English) and read them so; some read the English minutes of the same record.
"""

from __future__ import annotations

import copy
import hashlib
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from scoring import __version__, wording
from scoring.errors import InvalidInput
from scoring.minutes import IncompleteRecord, minutes_html, minutes_markdown, said
from scoring.record import Record, decide_round, record_bytes, record_data, record_from
from tests.shared import CCB, CCB_SUBMISSIONS, PROVINCES, REVIEW

FLAG = "Cờ thi đua của Trung ương Hội CCB Việt Nam"
MERIT = "Bằng khen của Trung ương Hội CCB Việt Nam"
SHA = "ab" * 32  # any 64 hex digits: the functions print the digest they are given
DIGEST = f"Hồ sơ xét duyệt hoi-ccb-cum-3-2023 — SHA-256 {SHA} — thidua {__version__}"
BAC_KAN_REASON = (
    "Đơn vị Cụm trưởng năm 2023 xin nhường Bằng khen; không đơn vị nào khác đủ điều kiện (từ 85 điểm, không bị loại trừ)"
)


class Page(HTMLParser):
    """What a browser would show: the text, the tags, each table row's cells, the footer and the style sheet."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tables: list[str | None] = []  # the class of each table we are in
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.parts: list[str] = []
        self.rows: list[tuple[str | None, list[str]]] = []  # (the row's class, its cells)
        self.cell: list[str] | None = None
        self.footer: list[str] = []
        self.style = ""
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "br"}:
            self.open.append(tag)
        if tag == "table":
            self.tables.append(dict(attrs).get("class"))
        if self.tables[-1:] != ["data"]:
            return  # the page's layout table holds the whole document, not a row of data
        if tag == "tr":
            self.rows.append((dict(attrs).get("class"), []))
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self.cell is not None:
            self.rows[-1][1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag == "table":
            self.tables.pop()
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if "style" in self.open:
            self.style += data
            return
        if "title" in self.open:  # the window's title, not the page's text
            return
        self.parts.append(data)
        if self.cell is not None:
            self.cell.append(data)
        if "footer" in self.open:
            self.footer.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())

    def table_rows(self) -> list[list[str]]:
        return [cells for _, cells in self.rows]


def md_text(markdown: str) -> str:
    """The Markdown as a reader sees it: escapes and emphasis marks gone, whitespace folded."""
    return " ".join(re.sub(r"\\(.)", r"\1", markdown.replace("**", "")).split())


def md_rows(markdown: str) -> list[list[str]]:
    """Every table row's cells; an escaped '\\|' stays inside its cell."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|(-+:?\|)+", line):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            rows.append([re.sub(r"\\(.)", r"\1", c.strip().removeprefix("**").removesuffix("**")) for c in cells])
    return rows


def typed(data: dict[str, Any]) -> Record:
    """A record's data (here often changed by hand) as the minutes read it: the typed model."""
    return record_from(data, "record.json")


def shown(record: dict[str, Any], form: str, lang: wording.Lang = "vi") -> tuple[str, list[list[str]]]:
    """The minutes' text and table rows, in the given format and language."""
    with wording.use(lang):
        if form == "md":
            markdown = minutes_markdown(typed(record), SHA)
            return md_text(markdown), md_rows(markdown)
        page = Page(minutes_html(typed(record), SHA))
    return page.text, page.table_rows()


@pytest.fixture(scope="module")
def record() -> dict[str, Any]:
    """The example's decision record: it holds every reason's text in each language, whoever wrote it."""
    with wording.use("vi"):
        written_in_vietnamese = record_data(decide_round(CCB, [CCB_SUBMISSIONS], REVIEW), Path("record.json"))
    assert (
        record_data(decide_round(CCB, [CCB_SUBMISSIONS], REVIEW), Path("record.json")) == written_in_vietnamese
    )  # and in English
    return written_in_vietnamese


@pytest.fixture
def record_file(tmp_path: Path) -> Path:
    path = tmp_path / "record.json"
    path.write_bytes(record_bytes(decide_round(CCB, [CCB_SUBMISSIONS], REVIEW), path))
    return path


FORMS = pytest.mark.parametrize("form", ["md", "html"])


@FORMS
def test_every_unit_and_every_person_of_the_meeting(record, form):
    text, _ = shown(record, form)
    for name in PROVINCES.values():
        assert name in text
    for person in (
        "Thiếu tướng Triệu Văn Ngô, Cụm trưởng, Chủ tịch Hội CCB tỉnh Bắc Kạn",  # chair
        "Nông Văn Triệu, Hội CCB tỉnh Cao Bằng",  # secretary
        "Đại tá Nguyễn Thắng, Chủ tịch Hội CCB tỉnh Cao Bằng",
        "Đại diện Thường trực Hội CCB tỉnh Bắc Giang",
    ):
        assert person in text
    assert "Người thẩm định: Nông Văn Triệu (thư ký Hội đồng)" in text
    assert "Người phê duyệt: Thiếu tướng Triệu Văn Ngô (Cụm trưởng)" in text
    assert "Thời gian: 10/10/2023" in text
    assert "Địa điểm: Thành phố Cao Bằng" in text
    for attendee in record["meeting"]["attendees"]:
        assert attendee in text


@FORMS
def test_the_sections_come_in_the_order_of_a_bien_ban(record, form):
    text, _ = shown(record, form)
    order = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        "Bảng tiêu chí chấm điểm thi đua năm 2023 — Cụm thi đua số 3, Hội CCB Việt Nam",
        "Thành phần tham dự",
        "I. KẾT QUẢ CHẤM ĐIỂM",
        "II. ĐIỀU CHỈNH SAU KIỂM TRA CHÉO",
        "III. XẾP HẠNG VÀ ĐỀ NGHỊ KHEN THƯỞNG",
        "IV. KẾT QUẢ BỎ PHIẾU",
        "V. QUYẾT ĐỊNH CỦA HỘI ĐỒNG",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "CĂN CỨ DỮ LIỆU",
    ]
    places = [text.find(heading) for heading in order]
    assert -1 not in places
    assert places == sorted(places)


@FORMS
def test_score_table_row_in_vietnamese_numbers(record, form):
    _, rows = shown(record, form)
    assert rows[0] == [
        "Hạng",
        "Đơn vị",
        "Nhóm I (tối đa 15)",
        "Nhóm II (tối đa 25)",
        "Nhóm III (tối đa 12)",
        "Nhóm IV (tối đa 18)",
        "Nhóm V (tối đa 30)",
        "Tổng điểm",
        "Xếp loại",
        "Điểm tự chấm",
        "Chênh lệch",
    ]
    cao_bang = next(u for u in record["scores"]["units"] if u["unit"] == "cao-bang")
    assert (cao_bang["total"], cao_bang["self_score"]) == ("93.94", "95.5")
    # 93.94 − 95.5 = −1.56, with a decimal comma and a true minus sign
    assert Decimal("93.94") - Decimal("95.5") == Decimal("-1.56")
    groups = [g["points"].replace(".", ",") for g in cao_bang["groups"]]
    assert rows[1] == ["1", "Hội CCB tỉnh Cao Bằng", *groups, "93,94", "Hoàn thành xuất sắc nhiệm vụ", "95,5", "−1,56"]
    # ranked order: Cao Bằng 93.94 > Thái Nguyên 90.59 > Bắc Kạn 86.33 > Bắc Giang 86.32 > Lạng Sơn 83.47 > Bắc Ninh 75.42
    assert [r[:2] for r in rows[2:7]] == [
        ["2", PROVINCES["thai-nguyen"]],
        ["3", PROVINCES["bac-kan"]],
        ["4", PROVINCES["bac-giang"]],
        ["5", PROVINCES["lang-son"]],
        ["6", PROVINCES["bac-ninh"]],
    ]


@FORMS
def test_every_correction_with_its_reason_evidence_and_explanation(record, form):
    text, _ = shown(record, form)
    assert "Hội CCB tỉnh Bắc Kạn — chỉ tiêu new_members (dùng cho tiêu chí V.1): giá trị được điều chỉnh thành 330" in text
    assert (
        "Hội CCB tỉnh Lạng Sơn — tiêu chí IV.3 «Phối hợp bảo vệ an ninh trật tự, chủ quyền biên giới"
        " (theo đánh giá của Công an, BĐBP tỉnh)», tối đa 4 điểm: Hội đồng chấm 2,5 điểm"
    ) in text
    for correction in record["corrections"]:
        assert f"Lý do: {correction['reason']}" in text
        assert f"Căn cứ: {correction['evidence']}" in text
    assert "Giải trình của đơn vị: Đơn vị tổng hợp báo cáo trước khi có quyết định kết nạp đợt cuối tháng 9" in text
    assert "Giải trình của đơn vị: (không có)" in text  # Lạng Sơn gave none


@FORMS
def test_every_ballot_with_its_share_and_threshold(record, form):
    text, rows = shown(record, form)
    header = [
        "TT",
        "Danh hiệu, hình thức",
        "Đơn vị",
        "Số người biểu quyết",
        "Tán thành",
        "Không tán thành",
        "Không biểu quyết",
        "Tỷ lệ tán thành",
        "Ngưỡng",
        "Kết quả",
    ]
    at = rows.index(header)
    # 6 of 6 = 100%; 5 of 6 = 83.33…% → 83,3% (to a tenth of a percent); both reach 0.8 × 6 = 4.8 votes
    assert rows[at + 1 : at + 3] == [
        ["1", FLAG, PROVINCES["cao-bang"], "6", "6", "0", "0", "100%", "80%", "Đạt"],
        ["2", MERIT, PROVINCES["thai-nguyen"], "6", "5", "0", "1", "83,3%", "80%", "Đạt"],
    ]
    assert f"{FLAG}: cần từ 80% số phiếu tán thành trở lên" in text


@FORMS
def test_a_ballot_under_the_threshold_fails(record, form):
    changed = copy.deepcopy(record)
    changed["ballots"][1].update(in_favour=4, against=1, abstain=1)
    _, rows = shown(changed, form)
    # 4 of 6 = 66.66…% → 66,7%; 4 < 0.8 × 6 = 4.8
    assert ["2", MERIT, PROVINCES["thai-nguyen"], "6", "4", "1", "1", "66,7%", "80%", "Không đạt"] in rows


@FORMS
def test_ranking_and_seats(record, form):
    text, rows = shown(record, form)
    assert ["1", PROVINCES["cao-bang"], "93,94", "Hoàn thành xuất sắc nhiệm vụ", FLAG, ""] in rows
    assert ["4", PROVINCES["bac-giang"], "86,32", "Hoàn thành nhiệm vụ", "—", ""] in rows
    both = f"{PROVINCES['thai-nguyen']}, {PROVINCES['bac-kan']}"
    assert ["Toàn đợt xét", "2", "2 suất", both, both, "—", "—", ""] in rows
    assert ["Toàn đợt xét", "1", "1 suất", PROVINCES["cao-bang"], PROVINCES["cao-bang"], "—", "—", ""] in rows
    assert f"2. {MERIT}" in text
    assert "Phạm vi xét: toàn đợt xét" in text
    assert "Biểu quyết: từ 80% số phiếu tán thành trở lên" in text


@FORMS
def test_ties_share_the_rank(record, form):
    tied = copy.deepcopy(record)
    units = {u["unit"]: u for u in tied["proposal"]["units"]}
    # record format 2: the group said once in tie_groups, each of its units referring to it by number
    tied["proposal"]["tie_groups"] = [{"group": 1, "rank": 2, "cluster": None, "members": ["thai-nguyen", "bac-kan"]}]
    units["bac-kan"].update(rank=2, tie_group=1)
    units["thai-nguyen"].update(tie_group=1)
    _, rows = shown(tied, form)
    row = next(r for r in rows if r[1] == PROVINCES["bac-kan"] and len(r) == 6)  # the ranking, not the score table
    assert row[0] == "2 (đồng hạng)"
    assert row[-1] == f"đồng hạng với {PROVINCES['thai-nguyen']}"


@FORMS
def test_decisions_side_by_side_with_the_change_marked(record, form):
    text, rows = shown(record, form)
    assert ["1", PROVINCES["cao-bang"], "93,94", FLAG, FLAG, "Giữ nguyên", ""] in rows
    assert [
        "3",
        PROVINCES["bac-kan"],
        "86,33",
        MERIT,
        "Không đề nghị",
        "CÓ THAY ĐỔI",
        f"Không khen thưởng: {BAC_KAN_REASON}",
    ] in rows
    assert f"{FLAG}: {PROVINCES['cao-bang']}" in text
    assert f"{MERIT}: {PROVINCES['thai-nguyen']}" in text  # Bắc Kạn gave its seat up
    assert "Các trường hợp khác quy định được Hội đồng chấp thuận: Không có." in text


def test_said_reads_a_reason_in_the_language_in_force():
    both = {"code": "fixed_quota", "params": {"seats": 2}, "text": {"vi": "2 suất", "en": "2 seats"}}
    with wording.use("vi"):
        assert said(both) == "2 suất"
        assert said({"code": "fixed_quota", "params": {"seats": 2}, "text": "2 suất"}) == "2 suất"
        assert said({"code": "fixed_quota", "params": {"seats": 2}, "text": {"en": "2 seats"}}) == "2 seats"  # the other
        assert said("2 seats") == "2 seats"  # a record written before reasons had codes: its sentence as it is
        assert said([both, "level on total\nwith b"]) == "2 suất; level on total with b"  # one line
    with wording.use("en"):
        assert said(both) == "2 seats"
        assert said({"code": "fixed_quota", "params": {"seats": 2}, "text": {"vi": "2 suất"}}) == "2 suất"


def test_reasons_in_each_language_are_shown_in_the_language_of_the_minutes(record):
    both = copy.deepcopy(record)
    merit = next(a for a in both["proposal"]["awards"] if a["id"] == "bang-khen-tw")
    merit["seats"][0]["basis"] = {"code": "fixed_quota", "params": {"seats": 2}, "text": {"vi": "2 suất", "en": "2 seats"}}
    merit["seats"][0]["note"] = {"code": "n", "params": {}, "text": {"vi": "ghi chú", "en": "a note"}}
    bac_kan = next(u for u in both["proposal"]["units"] if u["unit"] == "bac-kan")
    bac_kan["tie"] = [{"code": "settled_by", "params": {}, "text": {"vi": "phân định theo nhóm V", "en": "settled by group V"}}]
    held = next(u for u in both["scores"]["units"] if u["unit"] == "bac-kan")["classification_held_back"][0]
    held["reason"] = {
        "code": "below_total",
        "params": {},
        "text": {"vi": "tổng điểm 86,33 thấp hơn 90", "en": "total 86.33 is below 90"},
    }
    text, rows = shown(both, "md", "vi")
    both_units = f"{PROVINCES['thai-nguyen']}, {PROVINCES['bac-kan']}"
    assert ["Toàn đợt xét", "2", "2 suất", both_units, both_units, "—", "—", "ghi chú"] in rows
    assert ["3", PROVINCES["bac-kan"], "86,33", "Hoàn thành tốt nhiệm vụ", MERIT, "phân định hạng: phân định theo nhóm V"] in rows
    assert f"{PROVINCES['bac-kan']}: không đạt mức «Hoàn thành xuất sắc nhiệm vụ»: tổng điểm 86,33 thấp hơn 90" in text
    text, rows = shown(both, "md", "en")
    assert ["The whole round", "2", "2 seats", both_units, both_units, "—", "—", "a note"] in rows
    assert ["3", PROVINCES["bac-kan"], "86.33", "Hoàn thành tốt nhiệm vụ", MERIT, "tie settled: settled by group V"] in rows
    assert f"{PROVINCES['bac-kan']}: not classified «Hoàn thành xuất sắc nhiệm vụ»: total 86.33 is below 90" in text


def test_a_record_written_before_reasons_had_codes_shows_its_sentences(record):
    old = copy.deepcopy(record)
    merit = next(a for a in old["proposal"]["awards"] if a["id"] == "bang-khen-tw")
    merit["seats"][0]["basis"] = "2 seats"
    next(u for u in old["proposal"]["units"] if u["unit"] == "bac-kan")["tie"] = "level on total with bac-giang"
    _, rows = shown(old, "html", "vi")
    both_units = f"{PROVINCES['thai-nguyen']}, {PROVINCES['bac-kan']}"
    assert ["Toàn đợt xét", "2", "2 seats", both_units, both_units, "—", "—", ""] in rows
    assert [
        "3",
        PROVINCES["bac-kan"],
        "86,33",
        "Hoàn thành tốt nhiệm vụ",
        MERIT,
        "phân định hạng: level on total with bac-giang",
    ] in rows


@FORMS
def test_the_english_minutes(record, form):
    text, rows = shown(record, form, "en")
    order = [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL",
        "Round id: hoi-ccb-cum-3-2023",
        "Date: 10/10/2023",
        "Place: Thành phố Cao Bằng",
        "Present:",
        "I. SCORES",
        f"{PROVINCES['bac-kan']}: not classified «Hoàn thành xuất sắc nhiệm vụ»: total 86.33 is below 90",
        "II. CORRECTIONS AFTER THE CROSS-CHECK",
        "The council corrects 2 items:",
        f"{PROVINCES['bac-kan']} — indicator new_members (used by criteria V.1): the value is corrected to 330",
        f"{PROVINCES['lang-son']} — criterion IV.3 «Phối hợp bảo vệ an ninh trật tự, chủ quyền biên giới (theo đánh giá"
        " của Công an, BĐBP tỉnh)», at most 4 points: the council gives 2.5 points",
        "The unit's explanation: (none)",
        "III. RANKING AND PROPOSED AWARDS",
        "Considered across: the whole round",
        "Vote: at least 80% of the votes in favour",
        "IV. BALLOTS",
        f"{FLAG}: needs at least 80% of the votes in favour",
        "V. THE COUNCIL'S DECISIONS",
        "The council agrees to propose these awards:",
        f"{MERIT}: {PROVINCES['thai-nguyen']}",
        "Departures from the rules accepted by the council: None.",
        "REVIEWER AND APPROVER",
        "Reviewed by: Nông Văn Triệu (thư ký Hội đồng)",
        "SECRETARY",
        "(Signature and full name)",
        "DATA SOURCES",
        f"Decision record hoi-ccb-cum-3-2023, drawn up by thidua {__version__}, SHA-256 {SHA}. The record is checked"
        " against the input files below with the command thidua verify.",
    ]
    places = [text.find(part) for part in order]
    assert [part for part, at in zip(order, places, strict=True) if at == -1] == []
    assert places == sorted(places)
    assert rows[0] == [
        "Rank",
        "Unit",
        *(f"Group {g} (at most {m})" for g, m in [("I", 15), ("II", 25), ("III", 12), ("IV", 18), ("V", 30)]),
        "Total",
        "Classification",
        "Self-scored points",
        "Difference",
    ]
    assert rows[1][-4:] == ["93.94", "Hoàn thành xuất sắc nhiệm vụ", "95.5", "−1.56"]
    assert ["The whole round", "2", "2 seats", *[f"{PROVINCES['thai-nguyen']}, {PROVINCES['bac-kan']}"] * 2, "—", "—", ""] in rows
    assert ["2", MERIT, PROVINCES["thai-nguyen"], "6", "5", "0", "1", "83.3%", "80%", "Passed"] in rows
    assert ["3", PROVINCES["bac-kan"], "86.33", MERIT, "No proposal", "CHANGED", f"No award: {BAC_KAN_REASON}"] in rows
    assert "CHAIR" in text
    assert text.endswith(
        f"Decision record hoi-ccb-cum-3-2023 — SHA-256 {SHA} — thidua {__version__}" + ("*" if form == "md" else "")
    )
    assert "KẾT QUẢ" not in text
    assert "Hội đồng" not in text.replace("(thư ký Hội đồng)", "")  # no Vietnamese but the people's own words


def test_html_marks_the_changed_row_in_bold(record):
    with wording.use("vi"):
        page = Page(minutes_html(typed(record), SHA))
    marked = [cells for kind, cells in page.rows if kind == "marked"]
    assert [cells[1] for cells in marked] == [PROVINCES["bac-kan"]]
    assert "tr.marked td { font-weight: bold; }" in page.style


def acknowledging_review(tmp_path: Path) -> Path:
    """The example review, but Bắc Kạn keeps its Bằng khen without a ballot, and one person reviews and approves."""
    text = REVIEW.read_text(encoding="utf-8")
    override = text[text.index("  - unit: bac-kan\n    award: none") : text.index("ballots:")]
    text = text.replace(override, "  - {unit: bac-kan, award: bang-khen-tw, decision: confirm}\n")
    text = text.replace("approved_by: Thiếu tướng Triệu Văn Ngô (Cụm trưởng)", "approved_by: Nông Văn Triệu (thư ký Hội đồng)")
    text += (
        "acknowledged:\n"
        "  - {rule: vote, award: bang-khen-tw, unit: bac-kan, reason: Phiếu của Bắc Kạn bị thất lạc <b>&</b> được kiểm lại}\n"
        "  - {rule: same_person, reason: Cụm trưởng vắng mặt; thư ký được ủy quyền phê duyệt}\n"
    )
    path = tmp_path / "review.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@FORMS
def test_every_acknowledged_break_with_its_reason(tmp_path, form):
    record = record_data(decide_round(CCB, [CCB_SUBMISSIONS], acknowledging_review(tmp_path)), tmp_path / "record.json")
    assert [a["rule"] for a in record["acknowledged"]] == ["same_person", "vote"]
    text, rows = shown(record, form)
    # what each breach is, as the record words it in Vietnamese (it keeps the breach as a fact, worded in both languages)
    with wording.use("vi"):
        same_person_message, vote_message = (said(a["message"]) for a in record["acknowledged"])
    assert vote_message == f"{MERIT} cho bac-kan: chưa ghi kết quả bỏ phiếu; hình thức này cần ít nhất 80% số phiếu tán thành"
    vote = [
        f"Chưa đạt tỷ lệ phiếu tán thành — {MERIT} — Hội CCB tỉnh Bắc Kạn",
        f"Nội dung: {vote_message}",
        "Lý do chấp thuận: Phiếu của Bắc Kạn bị thất lạc <b>&</b> được kiểm lại",
    ]
    same_person = [
        "Người thẩm định đồng thời là người phê duyệt",
        f"Nội dung: {same_person_message}",
        "Lý do chấp thuận: Cụm trưởng vắng mặt; thư ký được ủy quyền phê duyệt",
    ]
    places = [text.find(part) for part in [*same_person, *vote]]  # in the record's order
    assert -1 not in places
    assert places == sorted(places)
    assert ["3", PROVINCES["bac-kan"], "86,33", MERIT, MERIT, "Giữ nguyên", ""] in rows


def test_html_escapes_people_strings(record):
    hostile = copy.deepcopy(record)
    name = '<script>alert("x")</script> & <b>Hội</b>'
    for part in (hostile["scores"]["units"], hostile["proposal"]["units"], hostile["outcome"]):
        next(u for u in part if u["unit"] == "cao-bang")["name"] = name
    hostile["meeting"]["chair"] = "<img src=x onerror=alert(1)>"
    with wording.use("vi"):
        source = minutes_html(typed(hostile), SHA)
    page = Page(source)
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags
    assert "img" not in tags
    assert "b" not in tags
    assert name in page.text  # shown as written, not run
    assert "<img src=x onerror=alert(1)>" in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Hội&lt;/b&gt;" in source


def test_markdown_escapes_people_strings(record):
    hostile = copy.deepcopy(record)
    name = "<script>x</script> | *Hội* [a](b)"
    for part in (hostile["scores"]["units"], hostile["proposal"]["units"], hostile["outcome"]):
        next(u for u in part if u["unit"] == "cao-bang")["name"] = name
    hostile["meeting"]["attendees"][0] = "- 1. nested"
    with wording.use("vi"):
        markdown = minutes_markdown(typed(hostile), SHA)
    assert "<script>" not in markdown
    assert r"\<script\>x\</script\> \| \*Hội\* \[a\](b)" in markdown
    assert "1. \\- 1. nested" in markdown.splitlines()  # not a list inside a list
    rows = md_rows(markdown)
    assert ["1", name, "93,94", "Hoàn thành xuất sắc nhiệm vụ", FLAG, ""] in rows  # the '|' did not add a cell


def test_markdown_digest_ends_every_section(record):
    with wording.use("vi"):
        markdown = minutes_markdown(typed(record), SHA)
    line = f"*{DIGEST}*"
    lines = markdown.splitlines()
    sections = sum(1 for x in lines if x.startswith("## ")) + 1  # the opening has no '##' heading
    assert sections == 8
    assert lines.count(line) == sections
    assert lines[-1] == line
    # just before each '##' heading (after the opening), the previous section's digest
    for i, x in enumerate(lines):
        if x.startswith("## "):
            assert lines[i - 2] == line


def test_html_footer_carries_the_digest_on_every_page(record):
    with wording.use("vi"):
        page = Page(minutes_html(typed(record), SHA))
    assert " ".join("".join(page.footer).split()) == DIGEST
    assert [tag for tag, _ in page.tags].count("footer") == 1
    style = " ".join(page.style.split())
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in style  # Decree 30: left 30 mm, right 15 mm
    assert "footer.digest { position: fixed; bottom: 0;" in style
    assert "table.data tr { page-break-inside: avoid;" in style
    assert '"Times New Roman", "Liberation Serif", "DejaVu Serif"' in style


def test_html_is_one_self_contained_vietnamese_page(record):
    with wording.use("vi"):
        source = minutes_html(typed(record), SHA)
    page = Page(source)
    assert source.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">')
    assert ("html", {"lang": "vi"}) in page.tags
    fetched = [(tag, attrs) for tag, attrs in page.tags if {"src", "href"} & attrs.keys() or tag in {"link", "script"}]
    assert fetched == []
    assert "url(" not in page.style
    assert "@import" not in page.style


@FORMS
def test_inputs_digests_listed(record, form):
    text, rows = shown(record, form)
    inputs = record["inputs"]
    assert ["1", "Bảng tiêu chí", inputs["criteria"]["path"], inputs["criteria"]["sha256"]] in rows
    for s in inputs["submissions"]:
        assert ["Báo cáo của đơn vị", s["path"], s["sha256"]] == next(r[1:] for r in rows if r[2:3] == [s["path"]])
    assert ["Kết quả xét duyệt của Hội đồng", inputs["review"]["path"], inputs["review"]["sha256"]] in [r[1:] for r in rows]
    assert f"mã SHA-256 {SHA}" in text


@FORMS
def test_empty_review_says_so(record, form):
    bare = copy.deepcopy(record)
    bare["corrections"], bare["ballots"] = [], []
    text, _ = shown(bare, form)
    assert "II. ĐIỀU CHỈNH SAU KIỂM TRA CHÉO Không có điều chỉnh nào sau kiểm tra chéo." in text
    assert "IV. KẾT QUẢ BỎ PHIẾU Không có nội dung nào phải bỏ phiếu." in text


@FORMS
def test_large_points_group_thousands(record, form):
    big = copy.deepcopy(record)
    next(u for u in big["scores"]["units"] if u["unit"] == "cao-bang")["total"] = "1234.50"
    _, rows = shown(big, form)
    row = next(r for r in rows if r[1] == PROVINCES["cao-bang"] and len(r) == 11)
    assert row[7] == "1.234,50"  # a dot groups thousands, a comma marks decimals


def test_a_garbled_reason_is_refused_not_a_crash(record):
    garbled = copy.deepcopy(record)
    garbled["proposal"]["awards"][0]["seats"][0]["basis"] = {"code": "fixed_quota", "params": {}, "text": {}}
    with pytest.raises(IncompleteRecord) as raised:
        minutes_markdown(typed(garbled), SHA)
    assert str(raised.value) == "the record lacks or garbles a part the minutes show (ValueError: a reason's text is empty)"
    garbled["proposal"]["awards"][0]["seats"][0]["basis"] = {"code": "fixed_quota", "params": {}, "text": 12}
    _, rows = shown(garbled, "md")
    assert ["Toàn đợt xét", "1", "12"] in [r[:3] for r in rows]  # shown as it is


def test_incomplete_record_is_refused_by_its_model(record):
    broken = copy.deepcopy(record)
    del broken["meeting"]["place"]
    with pytest.raises(InvalidInput) as raised:
        typed(broken)
    [problem] = raised.value.problems
    assert str(problem) == (
        "record.json:1:1: not a complete decision record: meeting.place is missing or not as the engine writes it"
    )
    with wording.use("vi"):
        assert str(problem) == (
            "record.json:1:1: hồ sơ xét duyệt không đầy đủ: meeting.place bị thiếu hoặc không đúng dạng chương trình ghi"
        )


def test_a_correction_without_its_criterion_points_is_refused(record):
    broken = copy.deepcopy(record)
    lang_son = next(c for c in broken["corrections"] if c.get("criterion") is not None)
    del lang_son["points"]  # the model allows it (an indicator's correction has none); the minutes cannot show it
    with pytest.raises(IncompleteRecord) as raised:
        minutes_markdown(typed(broken), SHA)
    assert str(raised.value) == "the record lacks or garbles a part the minutes show (KeyError: 'points')"


@pytest.mark.parametrize("render", [minutes_markdown, minutes_html])
def test_incomplete_scores_are_refused(record, render):
    broken = copy.deepcopy(record)
    del broken["scores"]["units"]
    with pytest.raises(IncompleteRecord) as raised:
        render(typed(broken), SHA)
    assert str(raised.value) == "the record lacks or garbles a part the minutes show (KeyError: 'units')"
    with wording.use("vi"):
        assert str(raised.value) == "hồ sơ thiếu hoặc sai một phần mà biên bản cần thể hiện (KeyError: 'units')"


# The command.


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_cli_writes_the_minutes(cli, tmp_path, record_file, suffix):
    target = tmp_path / f"bb{suffix}"
    code, out, err = cli("--lang", "vi", "minutes", str(record_file), "-o", str(target))
    digest = hashlib.sha256(record_file.read_bytes()).hexdigest()
    assert (code, err) == (0, "")
    assert out == f"Đã lập biên bản: {target} (SHA-256 của hồ sơ {digest})\n"
    written = target.read_text(encoding="utf-8")
    assert f"SHA-256 {digest}" in written
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in written
    # in English with THIDUA_LANG=en (as the tests set it)
    english = tmp_path / f"en{suffix}"
    code, out, err = cli("minutes", str(record_file), "-o", str(english))
    assert (code, err, out) == (0, "", f"Minutes written: {english} (record SHA-256 {digest})\n")
    written = english.read_text(encoding="utf-8")
    assert "SOCIALIST REPUBLIC OF VIET NAM" in written
    assert "CỘNG HÒA" not in written


def test_cli_refuses_to_overwrite_without_force(cli, tmp_path, record_file):
    target = tmp_path / "bb.md"
    assert cli("--lang", "vi", "minutes", str(record_file), "-o", str(target))[0] == 0
    target.write_text("signed copy", encoding="utf-8")
    code, out, err = cli("minutes", str(record_file), "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"thidua: {target} already exists; give --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "signed copy"
    assert cli("--lang", "vi", "minutes", str(record_file), "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**")


@pytest.mark.parametrize("name", ["bb.odt", "bb.txt", "bb"])
def test_cli_unknown_suffix_is_a_usage_error(cli, tmp_path, record_file, name):
    target = tmp_path / name
    code, out, err = cli("minutes", str(record_file), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"thidua: {target}: the minutes are written as .md (Markdown), .html, .docx (Word) or .pdf; name the file so\n"
    assert not target.exists()


def test_cli_needs_an_output(cli, record_file):
    code, out, err = cli("minutes", str(record_file))
    assert (code, out) == (2, "")
    assert err.endswith("error: the following arguments are required: -o/--output\n")


def test_cli_refuses_a_json_file_that_is_not_a_record(cli, tmp_path):
    path = tmp_path / "scores.json"
    path.write_text('{"round": "hoi-ccb-cum-3-2023", "units": []}\n', encoding="utf-8")
    code, out, err = cli("minutes", str(path), "-o", str(tmp_path / "bb.md"))
    assert (code, out) == (1, "")
    assert err == f"{path}:1:1: not a decision record (format thidua-record/2)\n1 problem(s) found.\n"
    assert not (tmp_path / "bb.md").exists()


def test_cli_locates_broken_json(cli, tmp_path):
    path = tmp_path / "record.json"
    path.write_text('{\n  "format": \n}', encoding="utf-8")
    code, _, err = cli("minutes", str(path), "-o", str(tmp_path / "bb.md"))
    # '{' 0, '\n' 1, two spaces 2-3, '"format"' 4-11, ':' 12, ' ' 13, '\n' 14, '}' 15: a value was expected there
    assert code == 1
    expected = f"{path}:3:1: not a decision record: Expecting value\n1 problem(s) found.\n"
    assert err == expected


def test_cli_refuses_an_incomplete_record(cli, tmp_path):
    path = tmp_path / "record.json"
    path.write_text('{"format": "thidua-record/2", "round": "r", "title": "t"}\n', encoding="utf-8")
    code, out, err = cli("minutes", str(path), "-o", str(tmp_path / "bb.html"))
    assert (code, out) == (1, "")
    assert err == (
        f"{path}:1:1: not a complete decision record: engine is missing or not as the engine writes it\n1 problem(s) found.\n"
    )
    assert not (tmp_path / "bb.html").exists()


CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_chromium_prints_the_html_to_pdf(tmp_path, record):
    assert CHROMIUM is not None
    html_file = tmp_path / "bb.html"
    with wording.use("vi"):
        html_file.write_text(minutes_html(typed(record), SHA), encoding="utf-8")
    pdf = tmp_path / "bb.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert pdf.read_bytes().startswith(b"%PDF")
