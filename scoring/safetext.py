"""People's text at the edges: refused where it cannot be text, shown as written wherever it is echoed.

Text from a criteria file, a submission, a review or a file name reaches a
terminal, a spreadsheet or a Markdown file that may give it a meaning of its
own: an escape sequence that erases a line, a cell that Excel runs as a
formula, a newline that forges a line of an explanation. Inputs are made NFC
(Vietnamese typed in decomposed form, as Unikey's "Unicode tổ hợp" and macOS
file names write it, is the same text as the composed form) and refused if they
hold a control character; outputs escape what is still there (a file name) and
fold line breaks where one line is expected.
"""

from __future__ import annotations

import re
import unicodedata

# C0 but tab and line feed; DEL and C1; the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile("\r\n|\r|\n")
FOLD = " ⏎ "  # a line break, shown inside one line
# What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def nfc(text: str) -> str:
    """The text in composed form (NFC)."""
    return unicodedata.normalize("NFC", text)


def control_char(text: str, start: int = 0) -> tuple[int, str] | None:
    """The first control character the text holds where it is data (tab and line feed allowed), and where; or None."""
    found = _CONTROL.search(text, start)
    return None if found is None else (found.start(), found.group())


def escaped(char: str) -> str:
    """A character as code: '\\x1b', '\\u202e'."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text with its control characters written as code, line feeds kept: for messages of several lines."""
    return _CONTROL.sub(lambda m: escaped(m.group()), text)


def one_line(text: str) -> str:
    """Text on one line: line breaks folded to ' ⏎ ', control characters written as code."""
    return shown(_BREAK.sub(FOLD, text))


def cell_text(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting like a formula gets a leading quote ('=1+1)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")
_MD_LINE_START = re.compile(r"^([0-9]+)([.)])|^([-+=])")


def md(text: str, line_start: bool = False) -> str:
    """Text that Markdown shows as written: no emphasis, links, raw HTML or table breaks from people's strings.

    At the start of a line, "1." or "-" would also begin a list.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
