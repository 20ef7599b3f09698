"""`thidua report`: the printable HTML report, read back with an HTML parser (and, where installed, printed by Chromium).

The report is Vietnamese unless asked otherwise: these tests run it with --lang vi (the suite's default is English)
and read it in Vietnamese; one test reads the English report.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scoring import __version__, wording
from scoring.awards import propose
from scoring.cli import main
from scoring.criteria import load_criteria
from scoring.evaluate import evaluate
from scoring.submissions import load_submissions
from tests.rounds import criteria_yaml, csv_text
from tests.shared import CCB, CCB_SUBMISSIONS, PROVINCES, REVIEW, ROOT

FILES = sorted(p for p in CCB_SUBMISSIONS.glob("*.yaml") if p.name != "review.yaml")
GROUPS = ["I", "II", "III", "IV", "V"]
FLAG = "Cờ thi đua của Trung ương Hội CCB Việt Nam"
BK = "Bằng khen của Trung ương Hội CCB Việt Nam"
OVERRIDE = "Đơn vị Cụm trưởng năm 2023 xin nhường Bằng khen; không đơn vị nào khác đủ điều kiện (từ 85 điểm, không bị loại trừ)"
VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source", "area", "base", "embed", "track"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def all(self, tag: str, cls: str | None = None) -> list[Element]:
        found = []
        for c in self.children:
            if isinstance(c, Element):
                if c.tag == tag and (cls is None or cls in c.classes):
                    found.append(c)
                found += c.all(tag, cls)
        return found

    def depth(self, tag: str) -> int:
        """The deepest nesting of `tag` elements at or below this one."""
        below = max((c.depth(tag) for c in self.children if isinstance(c, Element)), default=0)
        return below + (1 if self.tag == tag else 0)


class Tree(HTMLParser):
    """The document as a tree of elements; text arrives unescaped (convert_charrefs), as a reader sees it."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.starts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append(tag)
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


WRITTEN = {"vi": "Đã lập báo cáo: {}\n", "en": "Report written: {}\n"}


def report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str, name: str = "report.html", lang: str = "vi"
) -> tuple[str, Tree]:
    out = tmp_path / name
    code = main(["--lang", lang, "report", *args, "-o", str(out)])
    stdout, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert stdout == WRITTEN[lang].format(out)
    text = out.read_text(encoding="utf-8")
    tree = Tree(text)
    assert tree.stack == [tree.root]  # every element closed
    return text, tree


def flat(text: str) -> str:
    return " ".join(text.split())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ranking_rows(tree: Tree) -> list[list[str]]:
    (table,) = tree.root.all("table", "ranking")
    return [[flat(td.text) for td in tr.all("td")] for tr in table.all("tbody")[0].all("tr")]


def unit_page(tree: Tree, unit: str) -> Element:
    (page,) = [u for u in tree.root.all("section", "unit") if u.attrs["id"] == f"unit-{unit}"]
    return page


def facts(tree: Tree, unit: str) -> dict[str, str]:
    """The facts at the head of a unit's page: each title with its text."""
    (dl,) = unit_page(tree, unit).all("dl", "facts")
    return dict(zip([flat(dt.text) for dt in dl.all("dt")], [flat(dd.text) for dd in dl.all("dd")], strict=True))


def direct_text(element: Element) -> str:
    """The element's own text, without its children's (an SVG <text> without its <title>)."""
    return "".join(c for c in element.children if isinstance(c, str))


def test_report_holds_every_unit_criterion_tier_reason_and_digest(tmp_path, capsys):
    _, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS))
    (body,) = tree.root.all("body")
    text = flat(body.text)
    for name in PROVINCES.values():
        assert name in text
    criteria = load_criteria(CCB)
    assert [c.id for c in criteria.criteria] == [
        *("I.1", "I.2", "I.3", "I.4"),
        *("II.1", "II.2", "II.3", "II.4", "II.5"),
        *("III.1", "III.2", "III.3"),
        *("IV.1", "IV.2", "IV.3", "IV.4"),
        *("V.1", "V.2", "V.3", "V.4", "V.5"),
    ]
    for c in criteria.criteria:
        assert f"{c.id} {flat(c.label)}" in text  # as the explanation names each line
    for g in criteria.groups:
        assert f"{g.id}. {flat(g.label)}" in text
    proposal = propose(evaluate(criteria, load_submissions(criteria, [CCB_SUBMISSIONS])))
    # 6 units × 2 tiers = 12 pairs; cao-bang holds the flag, thai-nguyen and lang-son the Bằng khen → 12 − 3 = 9 refusals
    refused = [r for o in proposal.outcomes for r in o.refused]
    assert len(refused) == 9
    for r in refused:
        assert r.reasons
        for reason in r.reasons:
            assert flat(wording.word(reason, "vi")) in text
    assert "tổng điểm 84,60 thấp hơn mức tối thiểu 85" in text  # bac-kan's refusal of the Bằng khen, in the engine's words
    # the digests, computed here from the files themselves
    for path in [CCB, *FILES]:
        assert sha(path) in text
    assert f"thidua {__version__}" in text
    (footer,) = tree.root.all("footer")
    assert flat(footer.text) == f"hoi-ccb-cum-3-2023 · tiêu chí SHA-256 {sha(CCB)} · thidua {__version__}"


def test_report_is_laid_out_for_a4_with_a_fixed_footer_and_a_page_per_unit(tmp_path, capsys):
    _, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS))
    (style,) = tree.root.all("style")
    css = flat(style.text)
    assert "@page { size: A4;" in css
    assert "section.unit { break-before: page; }" in css
    assert "position: fixed; bottom: 0;" in css
    assert '"DejaVu Sans", "Liberation Sans", Arial, sans-serif' in css
    assert "url(" not in css
    assert "@import" not in css
    # nothing is fetched: no external resources at all
    assert not [t for t in tree.starts if t in ("link", "script", "img", "iframe", "object")]
    (html,) = tree.root.all("html")
    assert html.attrs["lang"] == "vi"
    assert len(tree.root.all("section", "summary")) == 1
    units = tree.root.all("section", "unit")
    # in rank order: 94.25 > 90.80 > 86.54 > 85.39 > 84.60 > 75.42
    assert [u.attrs["id"] for u in units] == [
        f"unit-{u}" for u in ["cao-bang", "thai-nguyen", "bac-giang", "lang-son", "bac-kan", "bac-ninh"]
    ]
    for unit in units:
        (explain,) = unit.all("ul", "explain")
        assert explain.depth("ul") == 4  # unit → groups → criteria → inputs and the rule with numbers


def test_unit_pages_show_self_score_difference_and_distances(tmp_path, capsys):
    _, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS))
    cao_bang = facts(tree, "cao-bang")
    # self-score 95.5 (cao-bang.yaml), total 94.25: 94.25 − 95.5 = −1.25, written the Vietnamese way
    assert cao_bang == {
        "Hạng": "1 / 6",
        "Tổng điểm": "94,25 / 100 — Hoàn thành xuất sắc nhiệm vụ",
        "Tự chấm": "95,5; máy chấm − tự chấm = −1,25",
        "Tới hạng trên": "đang đứng đầu",
        "Đề nghị (máy tính)": f"{FLAG} — hạng 1 toàn đợt, trong hạn mức (1 suất)",
        "Tới mức khen trên": "—",
        "Không được đề nghị": f"{BK}: đã được đề nghị {FLAG} (mỗi đơn vị một mức khen)",
    }
    bac_kan = facts(tree, "bac-kan")
    # lang-son 85.39, bac-kan 84.60: 85.39 − 84.60 + 0.01 = 0.80 to pass it
    assert bac_kan["Tới hạng trên"] == "thêm 0,80 điểm để vượt lang-son (hạng 4)"
    assert bac_kan["Tới mức khen trên"] == f"{BK}: thêm 0,80 điểm, để đạt điều kiện và vượt lang-son, đơn vị cuối cùng nhận suất"
    assert bac_kan["Đề nghị (máy tính)"] == "—"
    (refusals,) = unit_page(tree, "bac-kan").all("dd", "wide")[-1:]
    assert [flat(li.text) for li in refusals.all("li")] == [
        f"{FLAG}: xếp loại Hoàn thành tốt nhiệm vụ, không phải Hoàn thành xuất sắc nhiệm vụ"
        " (chưa đạt Hoàn thành xuất sắc nhiệm vụ: tổng điểm 84,60 thấp hơn 90)"
        " — cần: đạt xếp loại Hoàn thành xuất sắc nhiệm vụ",
        f"{BK}: tổng điểm 84,60 thấp hơn mức tối thiểu 85",  # what it would take is the line 'Tới mức khen trên' above
    ]
    assert "Hội đồng quyết định" not in bac_kan  # no review given


def test_chart_has_a_bar_per_unit_a_segment_and_legend_entry_per_group(tmp_path, capsys):
    _, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS))
    (svg,) = tree.root.all("svg")
    patterns = [p.attrs["id"] for p in svg.all("pattern")]
    assert len(set(patterns)) == 5
    bars = svg.all("g", "bar")
    assert [b.attrs["data-unit"] for b in bars] == ["cao-bang", "thai-nguyen", "bac-giang", "lang-son", "bac-kan", "bac-ninh"]
    legend = svg.all("g", "legend-entry")
    assert [e.attrs["data-group"] for e in legend] == GROUPS
    fills = {e.attrs["data-group"]: e.all("rect")[0].attrs["fill"] for e in legend}
    assert sorted(fills.values()) == sorted(f"url(#{p})" for p in patterns)  # a hatch of its own for each group
    names = []
    ratios = []
    for bar in bars:
        segments = bar.all("rect", "segment")
        assert [s.attrs["data-group"] for s in segments] == GROUPS
        for s in segments:
            assert s.attrs["fill"] == fills[s.attrs["data-group"]]  # the bar's hatch is the legend's
            ratios.append(float(s.attrs["width"]) / float(s.attrs["data-points"]))  # no group has 0 points here
        label, *_ = bar.all("text")
        names.append(direct_text(label))
    assert max(ratios) - min(ratios) < 0.01  # widths proportional to points (drawn to 0.01 of a unit)
    assert names == [PROVINCES[b.attrs["data-unit"]] for b in bars]
    totals = [direct_text(t) for t in svg.all("text", "total")]
    assert totals[0] == "94,25"  # cao-bang, the example's reference total (TOTALS.md), with a decimal comma
    assert totals == ["94,25", "90,80", "86,54", "85,39", "84,60", "75,42"]  # the ranking's totals, highest first
    (title, *_) = svg.all("title")
    assert title.text == "Điểm từng nhóm tiêu chí của mỗi đơn vị"
    scale = [direct_text(t) for t in svg.all("text") if t.attrs.get("font-size") == "9"]
    assert scale == ["0", "25", "50", "75", "100"]
    legend_titles = [flat(e.all("title")[0].text) for e in legend]
    assert legend_titles == [
        f"{g.id}. {flat(g.label)} (tối đa {str(g.max).replace('.', ',')} điểm)" for g in load_criteria(CCB).groups
    ]


def test_markup_in_names_labels_and_evidence_is_escaped(tmp_path, capsys):
    evil_name = "Hội CCB <script>alert('x')</script> & \"Cao Bằng\""
    evil_label = "Xây dựng <b onmouseover=alert(1)>tổ chức</b> Hội"
    evil_evidence = "<img src=x onerror=alert(1)> Kế hoạch số 03/KH-CCB"
    criteria = CCB.read_text(encoding="utf-8")
    criteria = criteria.replace(
        "cao-bang: {name: Hội CCB tỉnh Cao Bằng}", "cao-bang: {name: 'Hội CCB <script>alert(''x'')</script> & \"Cao Bằng\"'}"
    )
    criteria = criteria.replace("label: Xây dựng tổ chức Hội vững mạnh", f"label: '{evil_label}'")
    (tmp_path / "criteria.yaml").write_text(criteria, encoding="utf-8")
    folder = tmp_path / "submissions"
    folder.mkdir()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        if path.name == "cao-bang.yaml":
            text = text.replace('evidence: "Kế hoạch số 03/KH-CCB ngày 09/01/2023"', f'evidence: "{evil_evidence}"')
            assert evil_evidence in text
        (folder / path.name).write_text(text, encoding="utf-8")
    raw, tree = report(tmp_path, capsys, str(tmp_path / "criteria.yaml"), str(folder))
    assert not {"script", "b", "img"} & set(tree.starts)
    text = flat(tree.root.all("body")[0].text)
    assert evil_name in text
    assert f"V. {evil_label}" in text
    assert evil_evidence in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Cao Bằng&quot;" in raw
    (svg,) = tree.root.all("svg")
    (label,) = [t for t in svg.all("text") if direct_text(t).startswith("Hội CCB <script>")]
    assert flat(label.all("title")[0].text) == evil_name  # the whole name; the bar's label is cut to fit


def test_decisions_show_the_council_tiers_beside_the_proposal_with_reasons(tmp_path, capsys):
    _, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS), "--decisions", str(REVIEW))
    (table,) = tree.root.all("table", "ranking")
    heads = [flat(th.text) for th in table.all("th")]
    assert heads == ["Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Đề nghị (máy tính)", "Hội đồng quyết định", "Lý do"]
    assert [r[2] for r in ranking_rows(tree)] == ["93,94", "90,59", "86,33", "86,32", "83,47", "75,42"]
    rows = ranking_rows(tree)
    # the review raises bac-kan's new members 318 → 330 and sets lang-son's IV.3 to 2.5: bac-kan passes lang-son and
    # bac-giang; the council gives bac-kan no Bằng khen (it declined), so the seat stays empty
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("1", PROVINCES["cao-bang"], FLAG, FLAG),
        ("2", PROVINCES["thai-nguyen"], BK, BK),
        ("3", PROVINCES["bac-kan"], BK, "— (thay đổi)"),
        ("4", PROVINCES["bac-giang"], "—", "—"),
        ("5", PROVINCES["lang-son"], "—", "—"),
        ("6", PROVINCES["bac-ninh"], "—", "—"),
    ]
    assert rows[2][6] == f"Hội đồng: {OVERRIDE}"
    text = flat(tree.root.all("body")[0].text)
    assert sha(REVIEW) in text
    (summary,) = tree.root.all("section", "summary")
    # The administrative head (Decree 30) from the review's meeting; the report's number is left to fill by hand.
    assert [flat(p.text) for p in summary.all("p")][:6] == [
        "Hội Cựu chiến binh Việt Nam",
        "Cụm thi đua số 3",
        "Số: ……/BC-……",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cao Bằng, ngày 10 tháng 10 năm 2023",
    ]
    # Signed as the minutes are: Nơi nhận at the left (Decree 30), then the secretary and the chair, each with the title
    # the review gives.
    assert [flat(p.text) for p in summary.all("p")][9:] == [
        "Nơi nhận:",
        "THƯ KÝ",
        "THƯ KÝ HỘI ĐỒNG",
        "(Ký, ghi rõ họ tên)",
        "Nông Văn Triệu, Hội CCB tỉnh Cao Bằng",
        "CHỦ TRÌ",
        "CỤM TRƯỞNG",
        "(Ký, ghi rõ họ tên)",
        "Thiếu tướng Triệu Văn Ngô, Cụm trưởng, Chủ tịch Hội CCB tỉnh Bắc Kạn",
    ]
    assert [flat(p.text) for p in summary.all("p")][6:9] == [
        "Báo cáo kết quả chấm điểm, xếp hạng và đề nghị khen thưởng · mã đợt hoi-ccb-cum-3-2023 · năm 2023"
        " · thang điểm 100 · 6 đơn vị",
        "Hội đồng thi đua – khen thưởng họp ngày 10/10/2023 tại Thành phố Cao Bằng; thẩm định: Nông Văn Triệu"
        " (thư ký Hội đồng); phê duyệt: Thiếu tướng Triệu Văn Ngô (Cụm trưởng). Điểm dưới đây đã gồm các điều chỉnh"
        " của Hội đồng.",
        f"Phần mềm: thidua {__version__}. Chạy lại cùng các tệp trên sẽ cho đúng kết quả này.",
    ]
    (seats,) = summary.all("ul", "small")
    assert [flat(li.text) for li in seats.all("li")] == [
        f"{FLAG}: 1 suất; cần từ 80% số phiếu tán thành trở lên; đề nghị: cao-bang",
        f"{BK}: 2 suất; cần từ 80% số phiếu tán thành trở lên; đề nghị: thai-nguyen, bac-kan",
    ]
    assert [flat(h.text) for h in summary.all("h2")] == [
        "Xếp hạng và khen thưởng",
        "Điểm theo nhóm tiêu chí",
        "Dữ liệu đầu vào (mã SHA-256)",
    ]
    assert facts(tree, "bac-kan")["Hội đồng quyết định"] == f"— (thay đổi); lý do: {OVERRIDE}"
    assert facts(tree, "cao-bang")["Hội đồng quyết định"] == FLAG
    page = flat(unit_page(tree, "bac-kan").text)
    # the corrected value, with the council's reason (the correction's wording belongs to the review)
    assert "new_members (Hội viên mới được kết nạp) = 330 người" in page
    assert "Bổ sung 12 hội viên kết nạp đợt ngày 30/9/2023" in page


def test_the_english_report_has_english_texts_and_numbers(tmp_path, capsys):
    raw, tree = report(tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS), "--decisions", str(REVIEW), lang="en")
    (html,) = tree.root.all("html")
    assert html.attrs["lang"] == "en"
    (table,) = tree.root.all("table", "ranking")
    heads = [flat(th.text) for th in table.all("th")]
    assert heads == ["Rank", "Unit", "Total", "Classification", "Proposed (computed)", "Council's decision", "Reason"]
    rows = ranking_rows(tree)
    assert rows[0] == [
        "1",
        PROVINCES["cao-bang"],
        "93.94",
        "Hoàn thành xuất sắc nhiệm vụ",
        FLAG,
        FLAG,
        "rank 1 in the round, within the quota (1 seat)",
    ]
    assert rows[2][5:] == ["— (changed)", f"Council: {OVERRIDE}"]
    (summary,) = tree.root.all("section", "summary")
    assert [flat(p.text) for p in summary.all("p")][3:6] == [
        "SOCIALIST REPUBLIC OF VIET NAM",
        "Independence - Freedom - Happiness",
        "Cao Bằng, 10/10/2023",
    ]
    assert [flat(p.text) for p in summary.all("p")][6:9] == [
        "Report of the scores, the ranking and the proposed awards · round hoi-ccb-cum-3-2023 · year 2023 · scale 100 · 6 units",
        "The emulation and commendation council met on 10/10/2023 at Thành phố Cao Bằng; reviewed by Nông Văn Triệu"
        " (thư ký Hội đồng); approved by Thiếu tướng Triệu Văn Ngô (Cụm trưởng). The points below include the council's"
        " corrections.",
        f"Software: thidua {__version__}. Running it again on the same files gives exactly this result.",
    ]
    (seats,) = summary.all("ul", "small")
    assert [flat(li.text) for li in seats.all("li")] == [
        f"{FLAG}: 1 seat; needs at least 80% of the votes in favour; proposed: cao-bang",
        f"{BK}: 2 seats; needs at least 80% of the votes in favour; proposed: thai-nguyen, bac-kan",
    ]
    assert [flat(h.text) for h in summary.all("h2")] == [
        "Ranking and awards",
        "Points by criteria group",
        "Input files (SHA-256 digests)",
    ]
    (digests,) = tree.root.all("table", "digests")
    assert [flat(th.text) for th in digests.all("th")] == ["File", "Path", "SHA-256"]
    assert [flat(td.text) for td in digests.all("td")][:3] == ["Criteria", str(CCB), sha(CCB)]
    assert facts(tree, "cao-bang") == {
        "Rank": "1 / 6",
        "Total": "93.94 / 100 — Hoàn thành xuất sắc nhiệm vụ",
        "Self-score": "95.5; computed − self-scored = −1.56",
        "To the rank above": "at the top",
        "Proposed (computed)": f"{FLAG} — rank 1 in the round, within the quota (1 seat)",
        "Council's decision": FLAG,
        "To the tier above": "—",
        "Not proposed": f"{BK}: already proposed for {FLAG} (one tier per unit)",
    }
    assert facts(tree, "bac-kan")["Council's decision"] == f"— (changed); reason: {OVERRIDE}"
    (refusals,) = unit_page(tree, "bac-giang").all("dd", "wide")[-1:]
    blocked = "blocked by disqualifier discipline (Cán bộ lãnh đạo Hội cấp tỉnh bị kỷ luật hoặc để xảy ra tham nhũng, tiêu cực)"
    assert [flat(li.text) for li in refusals.all("li")] == [
        f"{FLAG}: {blocked} — needs: points alone cannot reach it: the disqualifier discipline (Cán bộ lãnh đạo Hội cấp"
        " tỉnh bị kỷ luật hoặc để xảy ra tham nhũng, tiêu cực) stands in the way",
        f"{BK}: {blocked}",
    ]
    (svg,) = tree.root.all("svg")
    assert svg.all("title")[0].text == "Each unit's points by criteria group"
    assert [direct_text(t) for t in svg.all("text", "total")] == ["93.94", "90.59", "86.33", "86.32", "83.47", "75.42"]
    (footer,) = tree.root.all("footer")
    assert flat(footer.text) == f"hoi-ccb-cum-3-2023 · criteria SHA-256 {sha(CCB)} · thidua {__version__}"
    # THIDUA_LANG=en (as the tests set it) gives the same report as --lang en
    out = tmp_path / "env.html"
    assert main(["report", str(CCB), str(CCB_SUBMISSIONS), "--decisions", str(REVIEW), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == raw


def test_the_report_is_vietnamese_when_no_language_is_chosen(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("THIDUA_LANG")
    out = tmp_path / "report.html"
    assert main(["report", str(CCB), str(CCB_SUBMISSIONS), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"Đã lập báo cáo: {out}\n"
    tree = Tree(out.read_text(encoding="utf-8"))
    (html,) = tree.root.all("html")
    assert html.attrs["lang"] == "vi"
    assert [flat(th.text) for th in tree.root.all("table", "ranking")[0].all("th")][:3] == ["Hạng", "Đơn vị", "Tổng điểm"]


def test_a_rule_the_council_accepted_to_break_is_listed_with_its_reason(tmp_path, capsys):
    text = REVIEW.read_text(encoding="utf-8")
    text = text.replace("approved_by: Thiếu tướng Triệu Văn Ngô (Cụm trưởng)", "approved_by: Nông Văn Triệu (thư ký Hội đồng)")
    text += "acknowledged:\n  - {rule: same_person, reason: Cụm trưởng vắng mặt; thư ký được ủy quyền phê duyệt}\n"
    review = tmp_path / "review.yaml"
    review.write_text(text, encoding="utf-8")
    said = {}
    for lang in ("vi", "en"):
        _, tree = report(
            tmp_path, capsys, str(CCB), str(CCB_SUBMISSIONS), "--decisions", str(review), name=f"{lang}.html", lang=lang
        )
        (seats,) = tree.root.all("section", "summary")[0].all("ul", "small")
        said[lang] = flat(seats.all("li")[-1].text)
    assert said == {
        "vi": "Hội đồng chấp nhận: cùng một người vừa thẩm định vừa phê duyệt (Nông Văn Triệu (thư ký Hội đồng)); việc hoàn"
        " tất hồ sơ cần hai người khác nhau — lý do: Cụm trưởng vắng mặt; thư ký được ủy quyền phê duyệt",
        "en": "Accepted by the council: the same person reviewed and approved (Nông Văn Triệu (thư ký Hội đồng)); two people"
        " must finalize — reason: Cụm trưởng vắng mặt; thư ký được ủy quyền phê duyệt",
    }


def test_tied_units_share_the_rank_as_2_equals(tmp_path, capsys):
    (tmp_path / "criteria.yaml").write_text(criteria_yaml(["a", "b", "c", "d"]), encoding="utf-8")
    rows = [{"unit": "a", "pts": 95}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 90}, {"unit": "d", "pts": 85}]
    (tmp_path / "submissions.csv").write_text(csv_text(rows), encoding="utf-8")
    _, tree = report(tmp_path, capsys, str(tmp_path / "criteria.yaml"), str(tmp_path / "submissions.csv"))
    # 95 > 90 = 90 > 85, no tie-break keys: b and c share rank 2, d is fourth
    assert [(r[0], r[1], r[2]) for r in ranking_rows(tree)] == [
        ("1", "Đơn vị a", "95,00"),
        ("2=", "Đơn vị b", "90,00"),
        ("2=", "Đơn vị c", "90,00"),
        ("4", "Đơn vị d", "85,00"),
    ]
    (svg,) = tree.root.all("svg")
    assert len(svg.all("g", "bar")) == 4
    assert len(svg.all("g", "legend-entry")) == 1
    # one CSV file for every unit: its digest is listed once
    (digests,) = tree.root.all("table", "digests")
    assert [flat(td.text) for td in digests.all("td")][3:] == [
        "Số liệu đơn vị",
        str(tmp_path / "submissions.csv"),
        sha(tmp_path / "submissions.csv"),
    ]


def test_the_order_of_the_files_changes_nothing(tmp_path, capsys):
    first, _ = report(tmp_path, capsys, str(CCB), *map(str, FILES), name="a.html")
    second, _ = report(tmp_path, capsys, str(CCB), *map(str, reversed(FILES)), name="b.html")
    assert first == second


def test_output_must_be_html_docx_or_pdf_and_is_not_replaced_without_force(tmp_path, capsys):
    odt = tmp_path / "report.odt"
    assert main(["report", str(CCB), str(CCB_SUBMISSIONS), "-o", str(odt)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == (
        "",
        f"thidua: {odt}: the report is written as .html (to open in a browser and print), .docx (Word) or .pdf; name the"
        " file so\n",
    )
    assert not odt.exists()
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    assert main(["report", str(CCB), str(CCB_SUBMISSIONS), "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"thidua: {target} already exists; give --force to replace it\n")
    assert target.read_text(encoding="utf-8") == "old"
    assert main(["report", str(CCB), str(CCB_SUBMISSIONS), "-o", str(target), "--force"]) == 0
    capsys.readouterr()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")  # Debian's poppler-utils: the printed pages as text
# CI installs both and sets THIDUA_REQUIRE_BROWSER=1, so there the browser check fails rather than skips.
BROWSER_MISSING = (CHROMIUM is None or PDFTOTEXT is None) and not os.environ.get("THIDUA_REQUIRE_BROWSER")
HEADLESS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.mark.skipif(BROWSER_MISSING, reason="chromium or pdftotext is not installed (CI installs both)")
def test_chromium_renders_the_report_and_prints_each_unit_from_a_new_a4_page(tmp_path, capsys, monkeypatch):
    assert CHROMIUM is not None, "the Debian package chromium is needed"
    assert PDFTOTEXT is not None, "the Debian package poppler-utils is needed"
    # as the README runs it, from the repository: the explanations cite the files by these (relative) paths
    monkeypatch.chdir(ROOT)
    criteria, submissions, review = (str(p.relative_to(ROOT)) for p in (CCB, CCB_SUBMISSIONS, REVIEW))
    report(tmp_path, capsys, criteria, submissions, "--decisions", review)
    url = (tmp_path / "report.html").as_uri()
    shot, pdf = tmp_path / "shot.png", tmp_path / "report.pdf"
    for output in ([f"--screenshot={shot}", "--window-size=1240,1754"], [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]):
        profile = tmp_path / f"profile-{len(output)}-{output[0][2:7]}"
        run = [CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", *output, url]
        done = subprocess.run(run, capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 20_000  # a page of text and a chart, not a blank window
    document = pdf.read_bytes()
    assert document.startswith(b"%PDF")
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.decode().split("\f")[:-1]]
    assert len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", document)) == len(pages)  # pdftotext saw every page
    assert pages[0][0].startswith("HỘI CỰU CHIẾN BINH VIỆT NAM")  # the administrative head, then the summary
    assert pages[0][0].endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert any(line.startswith("Bảng tiêu chí chấm điểm thi đua năm 2023") for line in pages[0][:8])
    # After the summary, each province starts a page of its own, in rank order (the review moves Bắc Kạn to 3rd).
    order = ["Cao Bằng (cao-bang)", "Thái Nguyên (thai-nguyen)", "Bắc Kạn (bac-kan)", "Bắc Giang (bac-giang)"]
    order += ["Lạng Sơn (lang-son)", "Bắc Ninh (bac-ninh)"]
    starts = [page[0] for page in pages[1:] if re.match(r"\d+\. Hội CCB tỉnh ", page[0])]
    assert starts == [f"{rank}. Hội CCB tỉnh {name}" for rank, name in enumerate(order, 1)]
    assert all(page[-1].startswith("hoi-ccb-cum-3-2023") for page in pages)  # the footer on every page


def test_a_cluster_rank_shared_within_the_cluster_shows_as_1_equals(tmp_path, capsys):
    units = {"a": "c1", "b": "c1", "c": "c2", "d": "c2"}
    (tmp_path / "criteria.yaml").write_text(criteria_yaml(units, clusters=["c1", "c2"]), encoding="utf-8")
    rows = [{"unit": "a", "pts": 90}, {"unit": "b", "pts": 90}, {"unit": "c", "pts": 90}, {"unit": "d", "pts": 85}]
    (tmp_path / "submissions.csv").write_text(csv_text(rows), encoding="utf-8")
    _, tree = report(tmp_path, capsys, str(tmp_path / "criteria.yaml"), str(tmp_path / "submissions.csv"))
    # a = b = c = 90 share rank 1 in the round; in c1 a and b share the cluster rank, c is alone at the top of c2
    assert [(r[0], r[1], r[2]) for r in ranking_rows(tree)] == [
        ("1=", "Đơn vị a", "c1 (1=)"),
        ("1=", "Đơn vị b", "c1 (1=)"),
        ("1=", "Đơn vị c", "c2 (1)"),
        ("4", "Đơn vị d", "c2 (2)"),
    ]
