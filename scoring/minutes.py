"""The meeting's minutes (biên bản họp Hội đồng): a decision record as a document to print and sign.

`minutes_markdown` and `minutes_html` lay out the same sections, in the order
of a biên bản: the meeting, the score table, the corrections after the
cross-check, the ranking and the seats, the ballots, the council's decisions,
the signatures and the inputs' digests. Every printed page (HTML) or section
(Markdown) carries the record's SHA-256, so that a signed copy can be traced to
the record it came from. Pure: the caller reads the record and writes the file.

Numbers are written the Vietnamese way ("93,94", "1.234,5"); every string from
the record is escaped, since people wrote it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from scoring.errors import ThiduaError

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"
NONE = "none"  # the award id of a decision to give nothing, as in the review file


class IncompleteRecord(ThiduaError):
    """A record in the right format that lacks something the minutes show."""


# The document, whatever its output format.


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Center:
    """A centred line of the masthead: `kind` is nation, motto or title."""

    text: str
    kind: str


@dataclass(frozen=True)
class Para:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Fields:
    """Lines of "label: value"."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Entry:
    title: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Entries:
    """A numbered list of entries, each with its own fields (a correction, an acknowledged rule break)."""

    items: tuple[Entry, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns of numbers, aligned right
    digests: frozenset[int] = frozenset()  # columns of SHA-256 digests, in a fixed-width font
    marked: frozenset[int] = frozenset()  # rows shown in bold: a change the reader must not miss


@dataclass(frozen=True)
class Signatures:
    people: tuple[tuple[str, str], ...]  # (role, who)


Block = Heading | Center | Para | Fields | Items | Entries | Table | Signatures
Section = tuple[Block, ...]


def minutes_markdown(record: dict[str, Any], record_sha256: str) -> str:
    footer = f"*{_md(digest_line(record, record_sha256))}*"
    parts: list[str] = []
    for section in _sections(record, record_sha256):
        parts += [_md_block(block) for block in section]
        parts.append(footer)  # a Markdown file has no pages: every section carries the digest
    return "\n\n".join(parts) + "\n"


def minutes_html(record: dict[str, Any], record_sha256: str) -> str:
    sections = "\n".join(
        "<section>\n" + "\n".join(_html_block(block) for block in section) + "\n</section>"
        for section in _sections(record, record_sha256)
    )
    title = f"Biên bản họp Hội đồng thi đua – khen thưởng — {_text(record['title'])}"
    # The wrapper table's footer is empty room, repeated on every printed page, under the fixed digest footer.
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_h(title)}</title>
<style>
{_CSS}</style>
</head>
<body>
<table class="sheet">
<tbody><tr><td>
{sections}
</td></tr></tbody>
<tfoot><tr><td><div class="footer-room"></div></td></tr></tfoot>
</table>
<footer class="digest">{_h(digest_line(record, record_sha256))}</footer>
</body>
</html>
"""


def digest_line(record: dict[str, Any], record_sha256: str) -> str:
    try:
        return f"Hồ sơ xét duyệt {_text(record['round'])} — SHA-256 {record_sha256} — engine {_text(record['engine'])}"
    except KeyError as e:
        raise IncompleteRecord(f"the record has no {e}") from e


# The sections, in the order of a biên bản.


def _sections(record: dict[str, Any], record_sha256: str) -> list[Section]:
    try:
        return [
            _opening(record),
            _scores(record),
            _corrections(record),
            _ranking(record),
            _ballots(record),
            _decisions(record),
            _closing(record),
            _inputs(record, record_sha256),
        ]
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, ArithmeticError) as e:
        # A record is a file: someone may have edited it by hand.
        raise IncompleteRecord(f"the record lacks or garbles a part the minutes show ({type(e).__name__}: {e})") from e


def _opening(record: dict[str, Any]) -> Section:
    meeting = record["meeting"]
    return (
        Center(NATION, "nation"),
        Center(MOTTO, "motto"),
        Heading(1, TITLE),
        Center(_text(record["title"]), "title"),
        Fields(
            (
                ("Đợt xét", _text(record["round"])),
                ("Thời gian", _text(meeting["date"])),
                ("Địa điểm", _text(meeting["place"])),
                ("Chủ trì", _text(meeting["chair"])),
                ("Thư ký", _text(meeting["secretary"])),
            )
        ),
        Para("Thành phần tham dự:", strong=True),
        Items(tuple(_text(a) for a in meeting["attendees"]), numbered=True),
    )


def _scores(record: dict[str, Any]) -> Section:
    ranks = {u["unit"]: int(u["rank"]) for u in record["proposal"]["units"]}
    units = sorted(record["scores"]["units"], key=lambda u: ranks.get(u["unit"], len(ranks) + 1))
    groups = dict.fromkeys(_text(g["id"]) for u in units for g in u["groups"])
    maxima = {_text(g["id"]): _number(g["max"]) for u in units for g in u["groups"]}
    header = (
        "Hạng",
        "Đơn vị",
        *(f"Nhóm {g} (tối đa {maxima[g]})" for g in groups),
        "Tổng điểm",
        "Xếp loại",
        "Điểm tự chấm",
        "Chênh lệch",
    )
    rows = []
    for u in units:
        points = {_text(g["id"]): _number(g["points"]) for g in u["groups"]}
        rows.append(
            (
                str(ranks.get(u["unit"], "—")),
                _text(u["name"]),
                *(points.get(g, "—") for g in groups),
                _number(u["total"]),
                _text(u["classification"]["label"]),
                "—" if u.get("self_score") is None else _number(u["self_score"]),
                "—" if u.get("self_score_difference") is None else _signed(u["self_score_difference"]),
            )
        )
    last = len(header) - 1
    numeric = frozenset({0, *range(2, 2 + len(groups)), 2 + len(groups), last - 1, last})
    blocks: list[Block] = [
        Heading(2, "I. KẾT QUẢ CHẤM ĐIỂM"),
        Para(
            "Điểm của từng đơn vị theo bảng tiêu chí, sau các điều chỉnh của Hội đồng tại mục II;"
            " chênh lệch là tổng điểm trừ điểm đơn vị tự chấm."
        ),
        Table(header, tuple(rows), numeric),
    ]
    # Classifications and awards by their names where the record has them.
    labels = {u["classification"]["id"]: _text(u["classification"]["label"]) for u in units} | _award_labels(record)
    notes = []
    for u in units:
        for d in u.get("disqualified", []):
            blocked = ", ".join(labels.get(b, _text(b)) for b in d["blocks"])
            notes.append(f"{_text(u['name'])}: thuộc trường hợp loại trừ «{_text(d['id'])}», không được xét: {blocked}")
        for held in u.get("classification_held_back", []):
            kind = labels.get(held["id"], _text(held["id"]))
            notes.append(f"{_text(u['name'])}: không đạt mức «{kind}»: {_text(held['reason'])}")
    if notes:
        blocks += [Para("Ghi chú:", strong=True), Items(tuple(notes))]
    return tuple(blocks)


def _corrections(record: dict[str, Any]) -> Section:
    heading = Heading(2, "II. ĐIỀU CHỈNH SAU KIỂM TRA CHÉO")
    corrections = record["corrections"]
    if not corrections:
        return heading, Para("Không có điều chỉnh nào sau kiểm tra chéo.")
    names = _unit_names(record)
    entries = []
    for c in corrections:
        unit = _text(c["unit"])
        what = _indicator_correction(record, c) if c.get("indicator") is not None else _criterion_correction(record, c)
        fields = (
            ("Lý do", _text(c["reason"])),
            ("Căn cứ", _text(c["evidence"]) if c.get("evidence") else "(không ghi)"),
            ("Giải trình của đơn vị", _text(c["explanation"]) if c.get("explanation") else "(không có)"),
        )
        entries.append(Entry(f"{names.get(unit, unit)} — {what}", fields))
    return heading, Para(f"Hội đồng điều chỉnh {len(entries)} nội dung:"), Entries(tuple(entries))


def _indicator_correction(record: dict[str, Any], c: dict[str, Any]) -> str:
    indicator = _text(c["indicator"])
    used = []
    # As the review file wrote it, unless the scores show the value the engine read from it.
    value = _value(c["value"]) if isinstance(c["value"], bool) else _text(c["value"])
    for line in _scorecard(record, c["unit"]).get("criteria", []):
        given = line["inputs"].get(indicator)
        if given is not None and given.get("source") == "corrected":
            used.append(_text(line["id"]))
            value = _value(given["value"])
    where = f" (dùng cho tiêu chí {', '.join(used)})" if used else ""
    return f"chỉ tiêu {indicator}{where}: giá trị được điều chỉnh thành {value}"


def _criterion_correction(record: dict[str, Any], c: dict[str, Any]) -> str:
    criterion = _text(c["criterion"])
    line = next((x for x in _scorecard(record, c["unit"]).get("criteria", []) if x["id"] == criterion), None)
    about = "" if line is None else f" «{_text(line['label'])}», tối đa {_number(line['max'])} điểm"
    return f"tiêu chí {criterion}{about}: Hội đồng chấm {_number(c['points'])} điểm"


def _ranking(record: dict[str, Any]) -> Section:
    names = _unit_names(record)
    labels = _award_labels(record)
    rows = []
    for u in record["proposal"]["units"]:
        tied = [names.get(t, _text(t)) for t in u["tied_with"]]
        notes = []
        if tied:
            notes.append(f"đồng hạng với {', '.join(tied)}")
        if u.get("tie"):
            notes.append(f"phân định hạng: {_text(u['tie'])}")
        if u["for_council"]:
            notes.append(f"để Hội đồng xem xét: {', '.join(labels.get(a, _text(a)) for a in u['for_council'])}")
        rank = f"{u['rank']} (đồng hạng)" if tied else str(u["rank"])
        proposed = "; ".join(_text(p["label"]) for p in u["proposed"]) or "—"
        rows.append(
            (rank, _text(u["name"]), _number(u["total"]), _text(u["classification"]["label"]), proposed, "; ".join(notes))
        )
    header = ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Đề nghị theo tiêu chí", "Ghi chú")
    blocks: list[Block] = [
        Heading(2, "III. XẾP HẠNG VÀ ĐỀ NGHỊ KHEN THƯỞNG"),
        Para("Các đơn vị bằng điểm được phân định theo thứ tự ưu tiên của bảng tiêu chí; còn bằng nhau thì đồng hạng."),
        Table(header, tuple(rows), frozenset({0, 2})),
    ]
    for i, award in enumerate(record["proposal"]["awards"], start=1):
        blocks += _seats(award, i, names)
    return tuple(blocks)


def _seats(award: dict[str, Any], number: int, names: dict[str, str]) -> list[Block]:
    def units(ids: Iterable[str]) -> str:
        return ", ".join(names.get(u, _text(u)) for u in ids) or "—"

    threshold = award.get("vote_threshold")
    rows = tuple(
        (
            "Toàn đợt xét" if award["scope"] == "round" else _text(s["scope"]),
            str(s["quota"]),
            _text(s["basis"]),
            units(s["eligible"]),
            units(s["proposed"]),
            units(s["for_council"]),
            str(s["open_seats"]),
            _text(s["note"]) if s.get("note") else "",
        )
        for s in award["seats"]
    )
    header = ("Phạm vi", "Định mức", "Căn cứ định mức", "Đủ điều kiện", "Đề nghị", "Để Hội đồng xem xét", "Còn trống", "Ghi chú")
    return [
        Heading(3, f"{number}. {_text(award['label'])}"),
        Fields(
            (
                ("Phạm vi xét", "toàn đợt xét" if award["scope"] == "round" else "từng cụm"),
                ("Biểu quyết", "không cần" if threshold is None else f"từ {_percent(threshold)} số phiếu tán thành trở lên"),
            )
        ),
        Table(header, rows, frozenset({1, 6})),
    ]


def _ballots(record: dict[str, Any]) -> Section:
    heading = Heading(2, "IV. KẾT QUẢ BỎ PHIẾU")
    ballots = record["ballots"]
    awards = {a["id"]: a for a in record["proposal"]["awards"]}
    names = _unit_names(record)
    rows = []
    for i, b in enumerate(ballots, start=1):
        award = awards.get(b["award"], {})
        voters, in_favour = int(b["voters"]), int(b["in_favour"])
        threshold = award.get("vote_threshold")
        if threshold is None:
            needed, result = "—", "—"
        else:
            needed = _percent(threshold)
            result = "Đạt" if Decimal(in_favour) >= Decimal(threshold) * voters else "Không đạt"
        rows.append(
            (
                str(i),
                _text(award.get("label", b["award"])),
                names.get(b["unit"], _text(b["unit"])),
                str(voters),
                str(in_favour),
                str(int(b["against"])),
                str(int(b["abstain"])),
                _share(in_favour, voters),
                needed,
                result,
            )
        )
    if not rows:
        return heading, Para("Không có nội dung nào phải bỏ phiếu.")
    header = (
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
    )
    thresholds = tuple(
        f"{_text(a['label'])}: cần từ {_percent(a['vote_threshold'])} số phiếu tán thành trở lên"
        for a in record["proposal"]["awards"]
        if a.get("vote_threshold") is not None
    )
    return (
        heading,
        Table(header, tuple(rows), frozenset(range(3, 9)) | {0}),
        Para("Ngưỡng biểu quyết theo bảng tiêu chí:", strong=True),
        Items(thresholds or ("Không danh hiệu nào phải biểu quyết.",)),
    )


def _decisions(record: dict[str, Any]) -> Section:
    labels = _award_labels(record)

    def tiers(ids: Sequence[str]) -> str:
        return "; ".join(labels.get(a, _text(a)) for a in ids) or "Không đề nghị"

    rows = []
    marked: set[int] = set()
    for i, o in enumerate(record["outcome"]):
        reasons = "; ".join(f"{labels.get(a, _text(a))}: {_text(r)}" for a, r in o["reasons"].items())
        if o["changed"]:
            marked.add(i)
        change = "CÓ THAY ĐỔI" if o["changed"] else "Giữ nguyên"
        rows.append(
            (str(o["rank"]), _text(o["name"]), _number(o["total"]), tiers(o["computed"]), tiers(o["final"]), change, reasons)
        )
    header = ("Hạng", "Đơn vị", "Tổng điểm", "Đề nghị theo tiêu chí", "Hội đồng quyết định", "So với đề nghị", "Lý do")
    blocks: list[Block] = [
        Heading(2, "V. QUYẾT ĐỊNH CỦA HỘI ĐỒNG"),
        Table(header, tuple(rows), frozenset({0, 2}), marked=frozenset(marked)),
        Para("Hội đồng thống nhất đề nghị khen thưởng:", strong=True),
    ]
    holders = []
    for award in record["proposal"]["awards"]:
        given = [_text(o["name"]) for o in record["outcome"] if award["id"] in o["final"]]
        holders.append(f"{_text(award['label'])}: {', '.join(given) if given else 'không có đơn vị nào'}")
    blocks.append(Items(tuple(holders)))
    blocks.append(Para("Các trường hợp khác quy định được Hội đồng chấp thuận:", strong=True))
    acknowledged = record["acknowledged"]
    if not acknowledged:
        blocks.append(Para("Không có."))
        return tuple(blocks)
    names = _unit_names(record)
    entries = []
    for a in acknowledged:
        title = _RULES.get(a["rule"], _text(a["rule"]))
        if a.get("award"):
            title += f" — {labels.get(a['award'], _text(a['award']))}"
        if a.get("unit"):
            title += f" — {names.get(a['unit'], _text(a['unit']))}"
        entries.append(Entry(title, (("Nội dung", _text(a["message"])), ("Lý do chấp thuận", _text(a["reason"])))))
    blocks.append(Entries(tuple(entries)))
    return tuple(blocks)


_RULES = {
    "quota": "Vượt định mức khen thưởng",
    "eligibility": "Chưa đủ điều kiện theo tiêu chí",
    "vote": "Chưa đạt tỷ lệ phiếu tán thành",
    "same_person": "Người thẩm định đồng thời là người phê duyệt",
}


def _closing(record: dict[str, Any]) -> Section:
    meeting = record["meeting"]
    return (
        Heading(2, "NGƯỜI THẨM ĐỊNH VÀ NGƯỜI PHÊ DUYỆT"),
        Fields((("Người thẩm định", _text(record["reviewed_by"])), ("Người phê duyệt", _text(record["approved_by"])))),
        Para("Biên bản được lập từ hồ sơ xét duyệt có mã SHA-256 ghi ở chân trang; các thành viên dự họp thống nhất ký tên."),
        Signatures((("THƯ KÝ", _text(meeting["secretary"])), ("CHỦ TRÌ", _text(meeting["chair"])))),
    )


def _inputs(record: dict[str, Any], record_sha256: str) -> Section:
    inputs = record["inputs"]
    files = [("Bảng tiêu chí", inputs["criteria"])]
    files += [("Báo cáo của đơn vị", s) for s in inputs["submissions"]]
    files.append(("Kết quả xét duyệt của Hội đồng", inputs["review"]))
    rows = tuple((str(i), kind, _text(f["path"]), _text(f["sha256"])) for i, (kind, f) in enumerate(files, start=1))
    return (
        Heading(2, "CĂN CỨ DỮ LIỆU"),
        Para(
            f"Hồ sơ xét duyệt {_text(record['round'])} do {_text(record['engine'])} lập, mã SHA-256 {record_sha256}."
            " Hồ sơ được đối chiếu với các tệp đầu vào dưới đây bằng lệnh thidua verify."
        ),
        Table(("TT", "Loại tệp", "Tệp", "SHA-256"), rows, frozenset({0}), digests=frozenset({3})),
    )


# Reading the record.


def _unit_names(record: dict[str, Any]) -> dict[str, str]:
    return {u["unit"]: _text(u["name"]) for u in record["scores"]["units"]}


def _award_labels(record: dict[str, Any]) -> dict[str, str]:
    labels = {a["id"]: _text(a["label"]) for a in record["proposal"]["awards"]}
    return {**labels, NONE: "Không khen thưởng"}


def _scorecard(record: dict[str, Any], unit: str) -> dict[str, Any]:
    card: dict[str, Any] = next((u for u in record["scores"]["units"] if u["unit"] == unit), {})
    return card


def _text(value: object) -> str:
    """A value from the record as one line of text: people's line breaks become spaces."""
    return " ".join(str(value).split())


_DECIMAL = re.compile(r"([-+]?)([0-9]+)(?:\.([0-9]+))?")


def _number(value: object) -> str:
    """A decimal as the record writes it ("1234.50") the Vietnamese way ("1.234,50"); other text unchanged."""
    text = _text(value)
    match = _DECIMAL.fullmatch(text)
    if match is None:
        return text
    sign, whole, fraction = match.groups()
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("−" if sign == "-" else "") + grouped + ("" if fraction is None else "," + fraction)


def _signed(value: object) -> str:
    """+1,44 and −6,18: a difference with its sign."""
    shown = _number(value)
    return shown if shown.startswith("−") or Decimal(_text(value)) == 0 else "+" + shown


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    return _number(value)


def _percent(fraction: object) -> str:
    """A threshold as the record writes it ("0.8") as a percentage ("80%")."""
    return _number(f"{(Decimal(_text(fraction)) * 100).normalize():f}") + "%"


def _share(in_favour: int, voters: int) -> str:
    if voters <= 0:
        return "—"
    # Rounded half-even to one place, as the engine rounds it in its messages about votes.
    share = (Decimal(in_favour * 100) / voters).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)
    return _number(f"{share:f}") + "%"


# Markdown.

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_MD_LINE_START = re.compile(r"^([0-9]+)([.)])|^([-+=])")


def _md(text: str, line_start: bool = False) -> str:
    """Text that Markdown shows as written: no emphasis, links, raw HTML or table breaks from people's strings.

    At the start of a line, "1." or "-" would also begin a list.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", _text(text))
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + _md(block.text)
    if isinstance(block, Center):
        return f"**{_md(block.text)}**"
    if isinstance(block, Para):
        return f"**{_md(block.text)}**" if block.strong else _md(block.text, line_start=True)
    if isinstance(block, Fields):
        return "\n".join(f"- **{_md(label)}:** {_md(value)}" for label, value in block.items)
    if isinstance(block, Items):
        markers = [f"{i}." if block.numbered else "-" for i in range(1, len(block.items) + 1)]
        return "\n".join(f"{m} {_md(item, line_start=True)}" for m, item in zip(markers, block.items, strict=True))
    if isinstance(block, Entries):
        lines = []
        for i, entry in enumerate(block.items, start=1):
            marker = f"{i}. "
            lines.append(f"{marker}**{_md(entry.title)}**")
            lines += [f"{' ' * len(marker)}- **{_md(label)}:** {_md(value)}" for label, value in entry.fields]
        return "\n".join(lines)
    if isinstance(block, Table):
        return _md_table(block)
    return _md_signatures(block)


def _md_table(table: Table) -> str:
    def row(cells: Sequence[str], strong: bool = False) -> str:
        shown = [_md(c) for c in cells]
        if strong:
            shown = [f"**{c}**" if c else c for c in shown]
        return "| " + " | ".join(shown) + " |"

    rule = "|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.header))) + "|"
    body = [row(r, i in table.marked) for i, r in enumerate(table.rows)]
    return "\n".join([row(table.header), rule, *body])


def _md_signatures(block: Signatures) -> str:
    roles = tuple(role for role, _ in block.people)
    blank = ("",) * len(roles)
    rows = (("(Ký, ghi rõ họ tên)",) * len(roles), blank, blank, blank, tuple(who for _, who in block.people))
    return _md_table(Table(roles, rows))


# HTML.


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_h(block.text)}</h{block.level}>"
    if isinstance(block, Center):
        return f'<p class="{block.kind}">{_h(block.text)}</p>'
    if isinstance(block, Para):
        return f"<p><strong>{_h(block.text)}</strong></p>" if block.strong else f"<p>{_h(block.text)}</p>"
    if isinstance(block, Fields):
        lines = "".join(f"<li><strong>{_h(label)}:</strong> {_h(value)}</li>" for label, value in block.items)
        return f'<ul class="fields">{lines}</ul>'
    if isinstance(block, Items):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_h(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Entries):
        items = []
        for entry in block.items:
            fields = "".join(f"<li><strong>{_h(label)}:</strong> {_h(value)}</li>" for label, value in entry.fields)
            items.append(f'<li class="entry"><p><strong>{_h(entry.title)}</strong></p><ul>{fields}</ul></li>')
        return '<ol class="entries">' + "".join(items) + "</ol>"
    if isinstance(block, Table):
        return _html_table(block)
    people = "".join(
        f'<div class="signature"><p class="role">{_h(role)}</p><p class="hint">(Ký, ghi rõ họ tên)</p>'
        f'<div class="room"></div><p class="who">{_h(who)}</p></div>'
        for role, who in block.people
    )
    return f'<div class="signatures">{people}</div>'


def _html_table(table: Table) -> str:
    def cell(tag: str, i: int, text: str) -> str:
        classes = [c for c, on in (("num", i in table.numeric), ("digest", i in table.digests)) if on]
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        return f"<{tag}{attribute}>{_h(text)}</{tag}>"

    head = "<tr>" + "".join(f"<th>{_h(h)}</th>" for h in table.header) + "</tr>"
    rows = []
    for r, row in enumerate(table.rows):
        mark = ' class="marked"' if r in table.marked else ""
        rows.append(f"<tr{mark}>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>")
    return f'<table class="data">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


_CSS = """\
@page { size: A4; margin: 18mm 15mm 20mm; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", serif;
  font-size: 13pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 190mm; padding: 0 4mm; }
p { margin: 1.5mm 0; }
.nation, .motto, .title { text-align: center; margin: 0; }
.nation { font-weight: bold; }
.motto { font-weight: bold; text-decoration: underline; margin-bottom: 6mm; }
.title { font-weight: bold; margin-bottom: 4mm; }
h1 { font-size: 15pt; text-align: center; margin: 2mm 0 1mm; }
h2 { font-size: 13pt; margin: 5mm 0 2mm; }
h3 { font-size: 13pt; font-style: italic; margin: 3mm 0 1mm; }
h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
ul, ol { margin: 1mm 0; padding-left: 7mm; }
ul.fields { list-style: none; padding-left: 0; }
li.entry, .signatures { page-break-inside: avoid; break-inside: avoid; }
li.entry > p { margin: 1mm 0 0; }
table.sheet { width: 100%; border-collapse: collapse; }
table.sheet > tbody > tr > td, table.sheet > tfoot > tr > td { padding: 0; border: none; }
table.data { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 10.5pt; line-height: 1.25; }
table.data th, table.data td { border: 0.75pt solid #000; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
table.data th { font-weight: bold; text-align: center; vertical-align: middle; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data td.digest { font-family: "DejaVu Sans Mono", "Liberation Mono", "Courier New", monospace; font-size: 8.5pt;
  word-break: break-all; }
table.data tr { page-break-inside: avoid; break-inside: avoid; }
table.data thead { display: table-header-group; }
tr.marked td { font-weight: bold; }
.signatures { display: flex; justify-content: space-around; margin-top: 8mm; text-align: center; }
.signature { width: 45%; }
.signature .role { font-weight: bold; margin: 0; }
.signature .hint { font-style: italic; margin: 0; }
.signature .room { height: 28mm; }
.signature .who { font-weight: bold; }
footer.digest { font-size: 8.5pt; line-height: 1.2; border-top: 0.5pt solid #000; padding-top: 1mm; margin-top: 6mm;
  overflow-wrap: anywhere; background: #fff; }
.footer-room { height: 0; }
@media print {
  body { max-width: none; padding: 0; }
  footer.digest { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; }
  .footer-room { height: 12mm; }
}
"""
