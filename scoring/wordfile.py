"""A `Document` (scoring/document.py) as a Word file: real paragraphs, tables and styles, to edit before signing.

A4, Times New Roman 13 pt, margins top and bottom 20 mm, left 30 mm, right 15 mm (Decree 30/2020/NĐ-CP). The
masthead and the signatures are tables without borders; a data table repeats its header row on every page. The
footer (the record's digest) and the draft mark are in each page's footer and header.

Same document → same bytes: the core properties' dates are the document's, and the zip entries are written again
in their order with a fixed time (python-docx stamps them with the clock).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Protocol

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.font import Font
from docx.text.paragraph import Paragraph

from scoring.document import (
    _SIGN,
    DOTS,
    MOTTO,
    NATION,
    RECIPIENTS,
    Block,
    Center,
    Document,
    Entries,
    Fields,
    Heading,
    Items,
    Masthead,
    Outline,
    PageBreak,
    Para,
    Recipients,
    Signatures,
    Table,
    _text,
)
from scoring.wording import Text

FONT = "Times New Roman"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def docx_bytes(document: Document) -> bytes:
    word = new_document()
    _page(word)
    _styles(word)
    body = word.element.body
    for child in list(body):  # the template's empty paragraph; the section properties stay
        if child.tag == qn("w:p"):
            body.remove(child)
    pending_break = False  # the next block starts a new page
    for number, section in enumerate(document.sections):
        if number and not (section and isinstance(section[0], PageBreak)):
            word.add_paragraph()
        for block in section:
            if isinstance(block, PageBreak):
                pending_break = True
                continue
            start = len(body) - 1  # python-docx adds a block before the body's last child, the section properties
            _block(word, block)
            if pending_break:
                _break_before(word, body[start])
                pending_break = False
    page = word.sections[0]
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _run(footer, document.footer, size=8)
    if document.draft is not None:
        header = page.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(header, document.draft, bold=True, size=14)
    core = word.core_properties
    core.title = _text(document.title)
    core.author = ""
    core.last_modified_by = ""
    core.comments = ""
    core.revision = 1
    core.created = document.dated
    core.modified = document.dated
    core.last_printed = document.dated
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _break_before(word: WordDocument, first: object) -> None:
    """A new page before the block whose first element is `first`: the paragraph's own setting (no empty line at the top
    of the page), or a paragraph holding a page break before a table."""
    if getattr(first, "tag", None) == qn("w:p"):
        Paragraph(first, word._body).paragraph_format.page_break_before = True  # type: ignore[arg-type]
        return
    holder = OxmlElement("w:p")
    first.addprevious(holder)  # type: ignore[attr-defined]
    Paragraph(holder, word._body).add_run().add_break(WD_BREAK.PAGE)


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


def _page(word: WordDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(8)


def _font(style_font: Font, size: float, bold: bool | None = None) -> None:
    style_font.name = FONT
    style_font.size = Pt(size)
    style_font.bold = bold
    style_font.color.rgb = None
    fonts = style_font.element.rPr.rFonts if style_font.element.rPr is not None else None
    if fonts is not None:
        for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(key), None)  # a theme's font would win over the one named here
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(key), FONT)


def _styles(word: WordDocument) -> None:
    normal = word.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _font(normal.font, 13)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 14), (2, 13), (3, 13)):
        style = word.styles[f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        _font(style.font, size, bold=True)
        style.font.italic = level == 3
        style.font.color.rgb = None
        style.paragraph_format.space_before = Pt(9 if level < 3 else 6)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
        if level == 1:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _run(
    paragraph: Paragraph,
    text: Text,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    underline: bool = False,
) -> None:
    run = paragraph.add_run(_text(text))
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size is not None:
        run.font.size = Pt(size)


class _Container(Protocol):
    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph: ...


def _para(
    container: _Container,
    text: Text = "",
    *,
    center: bool = False,
    right: bool = False,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    underline: bool = False,
    style: str | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph(style=style) if style else container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if _text(text):
        _run(paragraph, text, bold=bold, italic=italic, size=size, underline=underline)
    return paragraph


def _cell_paragraph(cell: _Cell, first: list[bool]) -> _Container:
    """A cell's own empty paragraph for its first line, then new ones."""
    if first[0]:
        first[0] = False
        return _FirstParagraph(cell.paragraphs[0])
    return cell


class _FirstParagraph:
    def __init__(self, paragraph: Paragraph) -> None:
        self.paragraph = paragraph

    def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.paragraph


def _label(paragraph: Paragraph, label: Text, value: Text) -> None:
    """ "Label: value", the label in bold."""
    paragraph.add_run(_text(label) + ": ").bold = True
    _run(paragraph, value)


def _widths(table: WordTable, widths: Sequence[float]) -> None:
    """Column widths in millimetres, on the grid and on every cell (Word reads the cells, LibreOffice the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


_TEXT_WIDTH = 165  # mm: A4's 210 less the margins of 30 and 15


def _borderless(table: WordTable) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _block(word: WordDocument, block: Block) -> None:
    if isinstance(block, Heading):
        _para(word, block.text, style=f"Heading {min(block.level, 3)}")
    elif isinstance(block, Center):
        _para(word, block.text, center=True, bold=True)
    elif isinstance(block, Para):
        _para(word, block.text, bold=block.strong)
    elif isinstance(block, Fields):
        for label, value in block.items:
            _label(_para(word), label, value)
    elif isinstance(block, Items):
        for i, item in enumerate(block.items, start=1):
            _para(word, f"{i}. {_text(item)}" if block.numbered else f"- {_text(item)}")
    elif isinstance(block, Entries):
        for i, entry in enumerate(block.items, start=1):
            _para(word, f"{i}. {_text(entry.title)}", bold=True)
            for label, value in entry.fields:
                p = _para(word)
                p.paragraph_format.left_indent = Mm(7)
                _label(p, label, value)
    elif isinstance(block, Table):
        _table(word, block)
    elif isinstance(block, Masthead):
        _masthead(word, block)
    elif isinstance(block, Recipients):
        p = _para(word, RECIPIENTS, bold=True, italic=True, size=12)
        p.paragraph_format.space_before = Pt(12)
        for r in block.items:
            _para(word, f"- {_text(r)}", size=11).paragraph_format.space_after = Pt(0)
    elif isinstance(block, Outline):
        for depth, text, strong in block.lines:
            p = _para(word, text, bold=strong, size=10.5)
            p.paragraph_format.left_indent = Mm(4 * depth)
            p.paragraph_format.space_after = Pt(1)
            p.paragraph_format.line_spacing = 1.0
            if strong:
                p.paragraph_format.keep_with_next = True
    elif isinstance(block, PageBreak):
        _para(word).add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(block, Signatures):
        _signatures(word, block)


def _masthead(word: WordDocument, block: Masthead) -> None:
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    _widths(table, (70, _TEXT_WIDTH - 70))
    left, right = table.rows[0].cells
    first = [True]
    if block.parent is not None:
        _para(_cell_paragraph(left, first), _text(block.parent).upper(), center=True, size=12)
    if block.issuer is not None:
        _para(_cell_paragraph(left, first), _text(block.issuer).upper(), center=True, bold=True, size=12)
    _para(_cell_paragraph(left, first), block.number, center=True).paragraph_format.space_before = Pt(6)
    first = [True]
    _para(_cell_paragraph(right, first), NATION, center=True, bold=True, size=12)
    _para(_cell_paragraph(right, first), MOTTO, center=True, bold=True, underline=True)
    dated = _para(_cell_paragraph(right, first), block.dated, right=True, italic=True)
    dated.paragraph_format.space_before = Pt(6)
    _para(word)


def _table(word: WordDocument, block: Table) -> None:
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    margins = OxmlElement("w:tblCellMar")  # 1 mm each side rather than Word's 1.9 mm: room for the numbers
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")  # the header row repeats on every page
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for i, text in enumerate(block.header):
        _para(_FirstParagraph(header.cells[i].paragraphs[0]), text, center=True, bold=True, size=10)
    for r, row in enumerate(block.rows, start=1):
        cant_split = OxmlElement("w:cantSplit")
        table.rows[r]._tr.get_or_add_trPr().append(cant_split)
        for i, text in enumerate(row):
            cell = _para(_FirstParagraph(table.rows[r].cells[i].paragraphs[0]), text, size=10, bold=(r - 1) in block.marked)
            if i in block.numeric:
                cell.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i in block.digests:
                for run in cell.runs:
                    run.font.name = "DejaVu Sans Mono"
                    run.font.size = Pt(7)
    # Each column as wide as its longest word or line needs, up to a share: a name column wide, a rank column narrow.
    _widths(table, _column_widths(block))
    _para(word)


def _column_widths(block: Table) -> list[float]:
    """Millimetres: a number column as wide as its widest number (it never wraps), the text columns share the rest."""
    letter, bold, padding = 1.8, 2.2, 2.4  # mm: a letter at 10 pt, in bold (the header), and the cell's margins
    words = [max(len(w) for w in _text(h).split() or [""]) for h in block.header]
    longest = [max((len(_text(r[i])) for r in block.rows), default=0) for i in range(len(block.header))]
    need = [max(w * bold, n * letter, 3 * letter) + padding for w, n in zip(words, longest, strict=True)]
    for i in block.digests:  # a SHA-256 in 7 pt on two lines of 32 characters
        need[i] = min(need[i], 32 * 1.5 + padding)
    numeric = [i for i in range(len(need)) if i in block.numeric or i in block.digests]
    texts = [i for i in range(len(need)) if i not in numeric]
    room = _TEXT_WIDTH - sum(need[i] for i in numeric)
    if not texts or room < 20 * len(texts):  # too many numbers: every column in proportion
        return [_TEXT_WIDTH * n / sum(need) for n in need]
    shares = {i: min(need[i], 40) for i in texts}
    return [room * shares[i] / sum(shares.values()) if i in shares else need[i] for i in range(len(need))]


def _signatures(word: WordDocument, block: Signatures) -> None:
    letter = bool(block.recipients)
    table = word.add_table(rows=1, cols=len(block.people) + letter)
    _borderless(table)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # the signatures and Nơi nhận on one page
    if letter:  # Nơi nhận narrower beside two signers, each with room for a title and a name
        left = 70 if len(block.people) == 1 else 48
        _widths(table, (left, *[(_TEXT_WIDTH - left) / len(block.people)] * len(block.people)))
    cells = table.rows[0].cells
    if letter:  # Nơi nhận at the left, level with the signature
        first = [True]
        _para(_cell_paragraph(cells[0], first), RECIPIENTS, bold=True, italic=True, size=12)
        for r in block.recipients:
            _para(cells[0], f"- {_text(r)}", size=11).paragraph_format.space_after = Pt(0)
        cells = cells[1:]
    titles = block.titles or (None,) * len(block.people)
    for cell, (role, who), title in zip(cells, block.people, titles, strict=True):
        first = [True]
        p = _para(_cell_paragraph(cell, first), role, center=True, bold=True)
        p.paragraph_format.keep_with_next = True
        if title:
            _para(cell, title, center=True, bold=True).paragraph_format.keep_with_next = True
        _para(cell, _SIGN, center=True, italic=True).paragraph_format.keep_with_next = True
        for _ in range(4):
            _para(cell).paragraph_format.keep_with_next = True
        _para(cell, who or DOTS, center=True, bold=True)
