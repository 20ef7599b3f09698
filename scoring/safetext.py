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

# C0 but tab, line feed and carriage return; DEL and C1; the bidirectional overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ECHOED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # carriage return too
_BREAK = re.compile("\r\n|\r|\n")
FOLD = " ⏎ "  # a line break, shown inside one line
# What a spreadsheet takes for the start of a formula (OWASP, "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def nfc(text: str) -> str:
    """The text in composed form (NFC)."""
    return unicodedata.normalize("NFC", text)


def control_char(text: str) -> str | None:
    """The first control character the text holds where it is data (tab and line breaks allowed), or None."""
    found = _CONTROL.search(text)
    return None if found is None else found.group()


def escaped(char: str) -> str:
    """A character as code: '\\x1b', '\\u202e'."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text with its control characters written as code, line feeds kept: for messages of several lines."""
    return _ECHOED.sub(lambda m: escaped(m.group()), text)


def one_line(text: str) -> str:
    """Text on one line: line breaks folded to ' ⏎ ', control characters written as code."""
    return shown(_BREAK.sub(FOLD, text))


def cell_text(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one starting like a formula gets a leading quote ('=1+1)."""
    return "'" + text if text.startswith(_FORMULA_START) else text
