"""The xlsx form (biểu mẫu báo cáo): its layout, shared by the writer and the reader, and a filled form read as cells.

`scoring.spreadsheet` writes the form in the language in force; `scoring.submissions`
reads a filled one back as submissions. The reader recognises a form made in
any language: the hidden sheet `thidua` keeps fixed, untranslated keys (the
round, the criteria's SHA-256, which unit each sheet is for), and the headings
row may be in Vietnamese or English.

This module only unpacks the workbook, bounded, and gives its cells as plain
values; what they mean for the round is checked by the submission reader.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from scoring.errors import InvalidInput, Problem
from scoring.safetext import control_char, nfc, one_line
from scoring.wording import LANGUAGES, Lang, Msg, msg, word
from scoring.yamlio import control_in_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FORM_FORMAT = "thidua/form-1"
META_SHEET = "thidua"  # hidden: the round, the criteria's digest, and which unit each sheet is for; never translated
HEADINGS = (
    msg("Indicator id"),
    msg("Indicator"),
    msg("Unit of measure"),
    msg("Type"),
    msg("Allowed values"),
    msg("Assigned target"),
    msg("Value"),
    msg("Evidence (document, number)"),
)
# Below the indicators, a section for the unit's own points per criterion (tự chấm điểm), under its own headings;
# a form made before it has none, and is read as it was.
SELF_HEADINGS = (
    msg("Criterion id"),
    msg("Criterion"),
    msg("Maximum points"),
    None,
    None,
    None,
    msg("Self-assessed points"),
    msg("Explanation (how the unit scored itself)"),
)
SELF_SCORE_ROW = 4
HEADER_ROW = 6
FIRST_ROW = 7  # the first indicator's row: the form's first data row
VALUE_COL, EVIDENCE_COL = 7, 8  # G and H
_MAX_ROWS = 10_000  # rows read from a sheet: far more than any criteria file has indicators
# What an .xlsx may unpack to, counted as it is inflated: a zip bomb, or one huge XML token (expat before
# 2.6 rescans it from its start, so 48 MiB takes minutes; 8 MiB about 3 s). A filled form of 63 provinces
# with long evidence unpacks to a few MiB in all.
MAX_PART_BYTES = 8 * 2**20
MAX_UNPACKED_BYTES = 32 * 2**20


def headings(lang: Lang | None = None) -> tuple[str, ...]:
    """The headings row as written in `lang` (default: the language in force)."""
    return tuple(word(h, lang) for h in HEADINGS)


def self_headings(lang: Lang | None = None) -> tuple[str | None, ...]:
    """The self-scoring section's headings row as written in `lang` (default: the language in force)."""
    return tuple(None if h is None else word(h, lang) for h in SELF_HEADINGS)


def starts_self_scores(cells: Sequence[object]) -> bool:
    """Whether a row is the self-scoring section's headings row, in one of the languages the form is made in."""
    return any(tuple(cells[: len(SELF_HEADINGS)]) == self_headings(lang) for lang in LANGUAGES)


def in_sheet(sheet: str, cell: str, message: Msg) -> Msg:
    """A problem at a cell of a named sheet."""
    return msg("sheet {sheet}, cell {cell}: {message}", sheet=sheet, cell=cell, message=message)


@dataclass(frozen=True)
class FilledSheet:
    title: str
    unit: str
    meta_row: int  # its row on the hidden sheet
    rows: tuple[tuple[object, ...], ...]  # rows 1…, columns A…H, as the cells hold them

    def laid_out(self) -> bool:
        """Whether the headings row is the form's, in one of the languages it is made in."""
        header = tuple(self.rows[HEADER_ROW - 1]) if len(self.rows) >= HEADER_ROW else ()
        return any(header == headings(lang) for lang in LANGUAGES)


@dataclass(frozen=True)
class FilledForm:
    format: str | None
    round: str | None
    round_row: int  # the round's row on the hidden sheet
    sheets: tuple[FilledSheet, ...]
    criteria_sha256: str | None = None  # the criteria file the form was made from
    sha256_row: int = 0  # its row on the hidden sheet


def read_form(file: str, raw: bytes) -> FilledForm:
    """The hidden sheet's facts and the cells of each sheet it names; a file that is not such a form is one problem."""
    meta, sheets = _load(file, raw)
    digest = _meta_value(meta, "criteria_sha256")
    return FilledForm(
        _meta_value(meta, "format"),
        _meta_value(meta, "round"),
        _meta_row(meta, "round"),
        tuple(sheets),
        digest,
        _meta_row(meta, "criteria_sha256"),
    )


def _damaged() -> Msg:
    return msg("not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx")


def _load(file: str, raw: bytes) -> tuple[list[tuple[object, ...]], list[FilledSheet]]:
    """The hidden sheet's rows and the rows of each sheet it names, as plain values."""
    problems: list[Problem] = []
    sheets: list[FilledSheet] = []
    raw = _unpacked(file, raw)
    from openpyxl import load_workbook  # noqa: PLC0415 - openpyxl takes long to import; only a workbook needs it

    try:
        with warnings.catch_warnings():
            # Files saved by Excel carry extensions openpyxl does not read (and warns about); the cells are what we need.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
            try:
                if META_SHEET not in book.sheetnames:
                    message = msg(
                        "this workbook is not a thidua form (it has no sheet '{sheet}');"
                        " make the forms with thidua template, or submit a .csv or .yaml file",
                        sheet=META_SHEET,
                    )
                    raise InvalidInput([Problem(file, 1, 1, message)])
                meta = _rows(book[META_SHEET], 2)
                listed = _listed(meta)
                for row, title, unit in listed:
                    if title not in book.sheetnames:
                        missing = msg("the workbook has no sheet '{sheet}'", sheet=title)
                        problems.append(Problem(file, row, 1, in_sheet(META_SHEET, f"A{row}", missing)))
                        continue
                    sheets.append(FilledSheet(title, unit, row, tuple(_rows(book[title], len(HEADINGS)))))
            finally:
                book.close()
    except InvalidInput:
        raise
    except Exception as e:  # a damaged file makes openpyxl raise almost anything: zip, XML, KeyError …
        raise InvalidInput([Problem(file, 1, 1, _damaged())]) from e
    if problems:
        raise InvalidInput(problems)
    if not listed:
        message = msg("sheet {sheet}: {message}", sheet=META_SHEET, message=msg("the form names no unit sheet"))
        raise InvalidInput([Problem(file, 1, 1, message)])
    return meta, sheets


def _unpacked(file: str, raw: bytes) -> bytes:
    """The workbook packed anew from its parts, each inflated in bounded steps and counted as it comes.

    openpyxl reads a part whole, and a part can inflate to far more than its stated size before zipfile
    cuts it there: it only ever sees this copy, whose parts were measured on the way.
    """
    total = 0
    seen: set[str] = set()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as book, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for part in book.infolist():
                if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or part.filename in seen:
                    message = msg(
                        "not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx"
                        " (part {part} is not as Excel writes it)",
                        part=part.filename,
                    )
                    raise InvalidInput([Problem(file, 1, 1, message)])
                seen.add(part.filename)
                chunks, size = [], 0
                with book.open(part) as stream:
                    while chunk := stream.read(2**16):  # zipfile inflates at most this much at a time
                        size += len(chunk)
                        if size > MAX_PART_BYTES:
                            _too_big(file, MAX_PART_BYTES, part.filename)
                        if total + size > MAX_UNPACKED_BYTES:
                            _too_big(file, MAX_UNPACKED_BYTES, None)
                        chunks.append(chunk)
                total += size
                copy.writestr(part.filename, b"".join(chunks))
    except InvalidInput:
        raise
    except Exception as e:  # zipfile raises BadZipFile, NotImplementedError, RuntimeError (encrypted), zlib.error …
        raise InvalidInput([Problem(file, 1, 1, _damaged())]) from e
    return out.getvalue()


def _too_big(file: str, limit: int, part: str | None) -> None:
    megabytes = limit // 2**20
    if part is None:
        message = msg(
            "the workbook unpacks to more than {limit} MB; a form as thidua or Excel writes it is far smaller:"
            " make the form again with thidua template",
            limit=megabytes,
        )
    else:
        message = msg(
            "the workbook's part {part} unpacks to more than {limit} MB; a form as thidua or Excel writes it is far smaller:"
            " make the form again with thidua template",
            part=part,
            limit=megabytes,
        )
    raise InvalidInput([Problem(file, 1, 1, message)])


def _rows(ws: Worksheet, width: int) -> list[tuple[object, ...]]:
    """The sheet's cells, `width` columns a row, a formula as a `Formula` (never its cached value).

    In read-only mode `ws` is a ReadOnlyWorksheet, as the stubs allow.
    """
    rows: list[tuple[object, ...]] = []
    for cells in ws.iter_rows(min_row=1, max_row=_MAX_ROWS, max_col=width):
        values = tuple(Formula(str(c.value)) if c.data_type == "f" else c.value for c in cells)
        rows.append(values + (None,) * (width - len(values)))
    return rows


def _listed(meta: Sequence[tuple[object, ...]]) -> list[tuple[int, str, str]]:
    """(row, sheet title, unit id) for each sheet the hidden sheet lists below its "sheet | unit" header."""
    start = _meta_row(meta, "sheet")
    listed = []
    for row, (title, unit) in enumerate(meta[start:], start=start + 1):
        if title is None and unit is None:
            continue
        listed.append((row, str(title or ""), str(unit or "")))
    return listed


def _meta_row(meta: Sequence[tuple[object, ...]], key: str) -> int:
    return next((i for i, row in enumerate(meta, start=1) if row[0] == key), len(meta) + 1)


def _meta_value(meta: Sequence[tuple[object, ...]], key: str) -> str | None:
    row = _meta_row(meta, key)
    value = meta[row - 1][1] if row <= len(meta) else None
    return None if value is None else str(value)


def cell_value(value: object) -> object:
    """What a cell holds, as the YAML reader would give it: text, a yes/no, an exact Decimal, or None when empty.

    ValueError (with a `Msg`) for a cell that cannot hold a figure.
    """
    if value is None:
        return None
    if isinstance(value, Formula):
        raise ValueError(_formula(value))
    if isinstance(value, str):
        return _checked(value) if value.strip() else None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(msg("the cell does not hold a finite number"))
        # A cell holds a binary float; its shortest repr is what was typed (4093.7, not 4093.6999…).
        exact = Decimal(repr(value))
        return Decimal(int(value)) if exact == exact.to_integral_value() else exact
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise ValueError(msg("the cell holds a date or time, not a figure; type the figure as a number"))
    raise ValueError(msg("the cell holds {kind}, not a figure", kind=type(value).__name__))


def cell_text(value: object) -> str | None:
    """An evidence cell as text: a date Excel made of "18/9/2023" is written back the Vietnamese way."""
    if value is None:
        return None
    if isinstance(value, Formula):
        raise ValueError(_formula(value))
    if isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = _checked(str(value))
    return text.strip() or None


def _checked(text: str) -> str:
    """A cell's text in composed form (NFC); ValueError for a control character (Excel keeps _x001B_ as ESC)."""
    if (found := control_char(text.replace("\r\n", "\n"))) is not None:
        raise ValueError(control_in_text(found[1]))
    return nfc(text)


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: Excel shows what it computes, the file carries a value cached by whoever saved it."""

    text: str


def _formula(cell: Formula) -> Msg:
    return msg("the cell holds a formula ({formula}); enter the value, not a formula", formula=one_line(cell.text))
