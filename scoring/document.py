"""A document to print and sign, built once as a model and written out as Markdown, HTML, Word (.docx) or PDF.

The minutes (scoring/minutes.py) and the proposal (scoring/proposal.py) build a `Document`: sections of blocks
(headings, paragraphs, tables, the administrative masthead, signatures, recipients). A text is a message (worded
when the document is written out, in the language in force) or a string from the record, shown as written and
escaped. The layout follows Decree 30/2020/NĐ-CP on administrative documents: A4, Times New Roman 13 pt, margins
top and bottom 20 mm, left 30 mm, right 15 mm; the issuing body at top left with the number, the nation and the
motto at top right with the place and date.

The renderers are pure but for `pdf`, which runs a browser (Chromium) or LibreOffice. Same document → same bytes,
the Word file included: its dates come from the document, its zip entries carry a fixed time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from scoring.errors import ThiduaError
from scoring.limits import child_unbounded
from scoring.safetext import md
from scoring.wording import Msg, Text, language, msg, word

NATION = msg("SOCIALIST REPUBLIC OF VIET NAM")
MOTTO = msg("Independence - Freedom - Happiness")

# The document, whatever its output format. A text is a message (worded when the document is written out) or a
# string from the record, shown as written.


@dataclass(frozen=True)
class Heading:
    level: int
    text: Text


@dataclass(frozen=True)
class Center:
    """A centred line of the masthead: `kind` is nation, motto or title."""

    text: Text
    kind: str


@dataclass(frozen=True)
class Para:
    text: Text
    strong: bool = False


@dataclass(frozen=True)
class Fields:
    """Lines of "label: value"."""

    items: tuple[tuple[Text, Text], ...]


@dataclass(frozen=True)
class Items:
    items: tuple[Text, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Entry:
    title: Text
    fields: tuple[tuple[Text, Text], ...]


@dataclass(frozen=True)
class Entries:
    """A numbered list of entries, each with its own fields (a correction, an acknowledged rule break)."""

    items: tuple[Entry, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns of numbers, aligned right
    digests: frozenset[int] = frozenset()  # columns of SHA-256 digests, in a fixed-width font
    marked: frozenset[int] = frozenset()  # rows shown in bold: a change the reader must not miss


@dataclass(frozen=True)
class Signatures:
    """Signature blocks side by side: each with its role (THƯ KÝ), the signer's title if given, room, and the name.

    With recipients, Nơi nhận stands at the left, level with the signatures at the right (Decree 30/2020/NĐ-CP), and
    the whole is kept on one page.
    """

    people: tuple[tuple[Text, str], ...]  # (role, who); who empty: a dotted line to fill by hand
    titles: tuple[Text | None, ...] = ()  # each signer's title under the role, in the same order
    recipients: tuple[Text, ...] = ()  # Nơi nhận, at the left of the signatures


@dataclass(frozen=True)
class Masthead:
    """The head of an administrative document (Decree 30/2020/NĐ-CP, Appendix I).

    Top left the body above the issuer and the issuer, with the number and symbol under them; top right the nation
    and the motto, with the place and date under them.
    """

    parent: Text | None
    issuer: Text | None
    number: Text  # "Số: 05/BB-CTĐ"
    dated: Text  # "Cao Bằng, ngày 10 tháng 10 năm 2023"


@dataclass(frozen=True)
class Recipients:
    """Nơi nhận: where the document goes, at the bottom left."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Outline:
    """A tree as indented lines (a unit's explanation): each line with its depth (0 the root) and whether it is bold."""

    lines: tuple[tuple[int, Text, bool], ...]


@dataclass(frozen=True)
class PageBreak:
    """The next block starts a new page (an annex)."""


Block = Heading | Center | Para | Fields | Items | Entries | Table | Signatures | Masthead | Recipients | Outline | PageBreak
Section = tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    title: Text  # the window's title and the Word file's title
    sections: tuple[Section, ...]
    footer: str  # printed at the foot of every page (the record's digest)
    dated: datetime  # the Word file's creation date: from the record, never the clock
    draft: Text | None = None  # printed across every page when set ("CHƯA KIỂM CHỨNG")


class NoPdfTool(ThiduaError):
    """Neither Chromium nor LibreOffice is installed; its message is a `Msg`."""


def _text(value: object) -> str:
    """A value from the record (or a message, worded) as one line of text: people's line breaks become spaces."""
    return " ".join((word(value) if isinstance(value, Msg) else str(value)).split())


# Writing the document out.


def markdown(document: Document) -> str:
    """The document as Markdown: a file has no pages, so every section carries the footer (and the draft mark)."""
    footer = f"*{_md(document.footer)}*"
    draft = [f"**{_md(document.draft)}**"] if document.draft is not None else []
    parts: list[str] = []
    for section in document.sections:
        parts += draft
        parts += [_md_block(block) for block in section]
        parts.append(footer)
    return "\n\n".join(parts) + "\n"


def html(document: Document) -> str:
    """The document as one self-contained HTML page to print (A4): the footer (and the draft mark) on every page."""
    sections = "\n".join(
        "<section>\n" + "\n".join(_html_block(block) for block in section) + "\n</section>" for section in document.sections
    )
    draft, room = "", ""
    if document.draft is not None:
        draft = f'<p class="draft">{_h(document.draft)}</p>\n'
        room = '<thead><tr><td><div class="draft-room"></div></td></tr></thead>\n'
    # The wrapper table's header and footer are empty room, repeated on every printed page, under the fixed marks.
    return f"""<!DOCTYPE html>
<html lang="{language()}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_h(document.title)}</title>
<style>
{_CSS}{FORM_CSS}</style>
</head>
<body>
{draft}<table class="sheet">
{room}<tbody><tr><td>
{sections}
</td></tr></tbody>
<tfoot><tr><td><div class="footer-room"></div></td></tr></tfoot>
</table>
<footer class="digest">{_h(document.footer)}</footer>
</body>
</html>
"""


def docx(document: Document) -> bytes:
    """The document as a Word file (see scoring/wordfile.py)."""
    from scoring.wordfile import docx_bytes  # noqa: PLC0415 - python-docx is read only when a Word file is asked for

    return docx_bytes(document)


SUFFIXES = (".md", ".html", ".docx", ".pdf")


def render(document: Document, suffix: str) -> bytes:
    """The document in the format its file's suffix names (one of SUFFIXES)."""
    if suffix == ".md":
        return markdown(document).encode("utf-8")
    if suffix == ".html":
        return html(document).encode("utf-8")
    if suffix == ".docx":
        return docx(document)
    return pdf(document)


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def chromium() -> str | None:
    return next((found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None)


def soffice() -> str | None:
    return next((found for name in ("soffice", "libreoffice") if (found := shutil.which(name))), None)


def pdf(document: Document) -> bytes:
    """The document as PDF: the HTML printed by headless Chromium, else the Word file converted by LibreOffice."""
    return html_to_pdf(html(document), lambda: docx(document))


def html_to_pdf(page: str, word_file: Callable[[], bytes] | None = None) -> bytes:
    """An HTML page printed to PDF by Chromium; without Chromium, `word_file()` (a .docx's bytes) by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as folder:
        work = Path(folder)
        browser = chromium()
        if browser is not None:
            (work / "page.html").write_text(page, encoding="utf-8")
            out = work / "page.pdf"
            run = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={out}"]
            _run([*run, (work / "page.html").as_uri()], out, "Chromium")
            return out.read_bytes()
        office = soffice()
        if office is not None and word_file is not None:
            (work / "page.docx").write_bytes(word_file())
            run = [office, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "pdf"]
            _run([*run, "--outdir", str(work), str(work / "page.docx")], work / "page.pdf", "LibreOffice")
            return (work / "page.pdf").read_bytes()
    needs = (
        msg("Chromium (Debian package chromium)")
        if word_file is None
        else msg("Chromium (Debian package chromium) or LibreOffice (libreoffice-writer-nogui)")
    )
    raise NoPdfTool(msg("a PDF is printed by {tools}: install it, or write .html or .docx and print that", tools=needs))


def _run(command: Sequence[str], out: Path, tool: str) -> None:
    try:
        preexec = None if sys.platform == "win32" else child_unbounded
        done = subprocess.run(command, capture_output=True, timeout=300, check=False, preexec_fn=preexec)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as e:
        raise NoPdfTool(msg("{tool} could not print the PDF: {error}", tool=tool, error=str(e))) from e
    if done.returncode != 0 or not out.exists():
        error = " ".join(done.stderr.decode(errors="replace").split()[-30:])
        raise NoPdfTool(msg("{tool} could not print the PDF: {error}", tool=tool, error=error))


# Markdown.


def _md(text: Text, line_start: bool = False) -> str:
    return md(_text(text), line_start)


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
    if isinstance(block, Masthead):
        lines = [f"**{_md(NATION)}**", f"**{_md(MOTTO)}**", ""]
        lines += [_md(t, line_start=True) for t in (block.parent,) if t is not None]
        lines += [f"**{_md(t)}**" for t in (block.issuer,) if t is not None]
        return "\n\n".join([*lines, _md(block.number, line_start=True), f"*{_md(block.dated)}*"]).replace("\n\n\n\n", "\n\n")
    if isinstance(block, Recipients):
        return "\n".join([f"***{_md(RECIPIENTS)}***", *(f"- {_md(r, line_start=True)}" for r in block.items)])
    if isinstance(block, Outline):
        lines = [f"**{_md(text)}**" if strong else _md(text, line_start=True) for _, text, strong in block.lines]
        return "\n".join("  " * depth + "- " + line for (depth, _, _), line in zip(block.lines, lines, strict=True))
    if isinstance(block, PageBreak):
        return "---"
    return _md_signatures(block)


def _md_table(table: Table) -> str:
    def row(cells: Sequence[Text], strong: bool = False) -> str:
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
    titles = [tuple(t or "" for t in block.titles)] if any(block.titles) else []
    rows = (*titles, (_SIGN,) * len(roles), blank, blank, blank, tuple(who or DOTS for _, who in block.people))
    table = _md_table(Table(roles, rows))
    if not block.recipients:
        return table
    return table + "\n\n" + _md_block(Recipients(block.recipients))


# HTML.


_SIGN = msg("(Signature and full name)")
RECIPIENTS = msg("Recipients:")
DOTS = "……………………"


def _h(text: Text) -> str:
    return escape(_text(text))


def form_html(block: Block) -> str:
    """One block as HTML, for a page of another module (the report's masthead and signatures); style: FORM_CSS."""
    return _html_block(block)


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
    if isinstance(block, Masthead):
        left = [f'<p class="parent">{_h(block.parent)}</p>'] if block.parent is not None else []
        left += [f'<p class="issuer">{_h(block.issuer)}</p>'] if block.issuer is not None else []
        left.append(f'<p class="number">{_h(block.number)}</p>')
        right = [f'<p class="nation">{_h(NATION)}</p>', f'<p class="motto">{_h(MOTTO)}</p>']
        right.append(f'<p class="dated">{_h(block.dated)}</p>')
        return f'<div class="masthead"><div class="left">{"".join(left)}</div><div class="right">{"".join(right)}</div></div>'
    if isinstance(block, Recipients):
        listed = "".join(f"<li>{_h(r)}</li>" for r in block.items)
        return f'<div class="recipients"><p>{_h(RECIPIENTS)}</p><ul>{listed}</ul></div>'
    if isinstance(block, Outline):
        lines = "".join(
            f'<p style="padding-left: {depth * 4}mm">' + (f"<strong>{_h(text)}</strong>" if strong else _h(text)) + "</p>"
            for depth, text, strong in block.lines
        )
        return f'<div class="outline">{lines}</div>'
    if isinstance(block, PageBreak):
        return '<div class="page-break"></div>'
    titles = block.titles or (None,) * len(block.people)
    people = "".join(
        f'<div class="signature"><p class="role">{_h(role)}</p>'
        + (f'<p class="role">{_h(title)}</p>' if title else "")
        + f'<p class="hint">{_h(_SIGN)}</p><div class="room"></div><p class="who">{_h(who or DOTS)}</p></div>'
        for (role, who), title in zip(block.people, titles, strict=True)
    )
    if block.recipients:
        listed = "".join(f"<li>{_h(r)}</li>" for r in block.recipients)
        people = f'<div class="recipients"><p>{_h(RECIPIENTS)}</p><ul>{listed}</ul></div>' + people
        return f'<div class="signatures letter signers-{len(block.people)}">{people}</div>'
    return f'<div class="signatures">{people}</div>'


def _html_table(table: Table) -> str:
    def cell(tag: str, i: int, text: Text) -> str:
        classes = [c for c, on in (("num", i in table.numeric), ("digest", i in table.digests)) if on]
        attribute = f' class="{" ".join(classes)}"' if classes else ""
        return f"<{tag}{attribute}>{_h(text)}</{tag}>"

    head = "<tr>" + "".join(f"<th>{_h(h)}</th>" for h in table.header) + "</tr>"
    rows = []
    for r, row in enumerate(table.rows):
        mark = ' class="marked"' if r in table.marked else ""
        rows.append(f"<tr{mark}>" + "".join(cell("td", i, text) for i, text in enumerate(row)) + "</tr>")
    return f'<table class="data">\n<thead>{head}</thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>"


# The administrative form's parts, shared with the report (scoring/report.py).
FORM_CSS = """\
.signatures { display: flex; justify-content: space-around; margin-top: 8mm; text-align: center;
  page-break-inside: avoid; break-inside: avoid; }
.signature { width: 45%; }
.signatures.letter { justify-content: space-between; text-align: left; }
.signatures.letter .signature { text-align: center; width: 52%; }
.signatures.letter .recipients { width: 45%; margin-top: 0; }
.signatures.letter.signers-2 .signature { width: 35%; }
.signatures.letter.signers-2 .recipients { width: 29%; }
.signature .role { font-weight: bold; margin: 0; }
.signature .hint { font-style: italic; margin: 0; }
.signature .room { height: 28mm; }
.signature .who { font-weight: bold; }
.masthead { display: flex; justify-content: space-between; margin-bottom: 6mm; }
.masthead p { margin: 0; text-align: center; }
.masthead .left { width: 42%; font-size: 12pt; }
.masthead .right { width: 58%; font-size: 12pt; }
.masthead .parent { text-transform: uppercase; }
.masthead .issuer { font-weight: bold; text-transform: uppercase; }
.masthead .number { margin-top: 2mm; }
.masthead .nation { font-weight: bold; white-space: nowrap; }
.masthead .motto { font-weight: bold; text-decoration: underline; }
.masthead .dated { font-style: italic; margin-top: 3mm; text-align: right; }
.recipients { margin-top: 6mm; font-size: 11pt; line-height: 1.2; page-break-inside: avoid; break-inside: avoid; }
.recipients p { font-weight: bold; font-style: italic; margin: 0; }
.recipients ul { list-style: none; padding-left: 0; margin: 0; }
.recipients li::before { content: "- "; }
"""

_CSS = """\
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", "Noto Serif", serif;
  font-size: 13pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 165mm; padding: 0 4mm; }
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
li.entry { page-break-inside: avoid; break-inside: avoid; }
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
.outline p { margin: 0; font-size: 11pt; line-height: 1.25; }
.page-break { break-before: page; page-break-before: always; }
.draft { font-weight: bold; text-align: center; font-size: 14pt; border: 1.5pt solid #000; padding: 1mm; margin: 0 0 3mm; }
footer.digest { font-size: 8.5pt; line-height: 1.2; border-top: 0.5pt solid #000; padding-top: 1mm; margin-top: 6mm;
  overflow-wrap: anywhere; background: #fff; }
.footer-room { height: 0; }
@media print {
  body { max-width: none; padding: 0; }
  footer.digest { position: fixed; bottom: 0; left: 0; right: 0; margin: 0; }
  .footer-room { height: 12mm; }
  .draft { position: fixed; top: 0; left: 0; right: 0; background: #fff; }
  .draft-room { height: 12mm; }
}
"""
