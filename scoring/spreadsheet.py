"""Spreadsheets at the edge: submission forms (biểu mẫu báo cáo) out, filled forms in, the score table out.

A form is generated from the round's criteria: a sheet per unit listing every
indicator with its unit of measure, type, allowed range and the unit's assigned
target, and two cells to fill, the value and its evidence (căn cứ: văn bản, số
hiệu), plus the unit's own score (tự chấm điểm). Only those cells are unlocked,
and the spreadsheet itself validates what is typed into them. A hidden sheet
`thidua` records the round, the criteria's SHA-256 and which unit each sheet is
for, so that a form made for another round is refused by name.

A filled form is read back cell by cell through the same conversion as YAML and
CSV submissions, and every problem names its sheet and cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import math
import re
import warnings
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.awards import Proposal
from scoring.criteria import Criteria, Indicator, Unit
from scoring.errors import InvalidInput, Problem
from scoring.numbers import NotANumber, parse_number, plain
from scoring.schema import LIMIT
from scoring.submissions import Reported, Submission, convert

FORM_FORMAT = "thidua/form-1"
META_SHEET = "thidua"  # hidden: the round, the criteria's digest, and which unit each sheet is for
UNIT_SHEET = "Chỉ tiêu"  # the one sheet of a single unit's form
HEADINGS = (
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kiểu",
    "Giới hạn",
    "Chỉ tiêu được giao",
    "Giá trị",
    "Căn cứ (văn bản, số hiệu)",
)
# Widths (in characters) that fit A4 landscape with narrow margins; the page is also set to fit one page wide.
WIDTHS = (16, 46, 11, 11, 18, 11, 13, 32)
SELF_SCORE_ROW = 4
HEADER_ROW = 6
FIRST_ROW = 7  # the first indicator's row: the form's first data row
VALUE_COL, EVIDENCE_COL = 7, 8  # G and H
SELF_SCORE_LABEL = "Tự chấm điểm (tổng điểm đơn vị tự chấm)"
_LIST_COL = 4  # D: the hidden sheet's first column of answers for drop-down lists
_MAX_ROWS = 10_000  # rows read from a sheet: far more than any criteria file has indicators
# What an .xlsx may unpack to, counted as it is inflated: a zip bomb, or one huge XML token (expat before
# 2.6 rescans it from its start, so 48 MiB takes minutes; 8 MiB about 3 s). A filled form of 63 provinces
# with long evidence unpacks to a few MiB in all.
MAX_PART_BYTES = 8 * 2**20
MAX_UNPACKED_BYTES = 32 * 2**20
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
_RESERVED_TITLES = {META_SHEET, "history"}  # Excel refuses "History"; the meta sheet's name is taken
_TYPES = {"integer": "Số nguyên", "number": "Số", "boolean": "Có/không", "choice": "Lựa chọn"}
_YES_NO = ("có", "không")

_Kind = Literal["whole", "decimal", "list"]
_Operator = Literal["between", "greaterThanOrEqual", "lessThanOrEqual"]

_BOLD = Font(bold=True)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def output_format(path: Path) -> Literal["xlsx", "csv"] | None:
    """The format an output path asks for by its suffix, or None for any other."""
    suffix = path.suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "csv" if suffix == ".csv" else None


# --- Forms out


def template_xlsx(criteria: Criteria, unit: str | None = None) -> bytes:
    """A form for `unit` (one sheet "Chỉ tiêu"), or for the whole round (one sheet per unit, named by its id)."""
    units = _units(criteria, unit)
    book = Workbook()
    first = book.active
    assert first is not None, "a new workbook has a sheet"
    book.remove(first)
    titles = [UNIT_SHEET] if unit is not None else _sheet_titles([u.id for u in units])
    meta = book.create_sheet(META_SHEET)
    _meta_sheet(meta, criteria, list(zip(titles, (u.id for u in units), strict=True)))
    lists = _Lists(meta)
    for index, (title, member) in enumerate(zip(titles, units, strict=True)):
        _form_sheet(book.create_sheet(title, index), criteria, member, lists)
    book.active = 0
    return _book_bytes(book)


def template_csv(criteria: Criteria, unit: str | None = None) -> bytes:
    """The round CSV table (round, unit, self_score, each indicator and its evidence), a row per unit, values empty."""
    header = ["round", "unit", "self_score"]
    for iid in criteria.indicators:
        header += [iid, f"{iid}.evidence"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for member in _units(criteria, unit):
        writer.writerow([criteria.id, member.id] + [""] * (len(header) - 2))
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


def _units(criteria: Criteria, unit: str | None) -> list[Unit]:
    if unit is None:
        return list(criteria.units)
    found = [u for u in criteria.units if u.id == unit]
    if not found:
        raise ValueError(f"unit '{unit}' is not in round {criteria.id}")
    return found


def _sheet_titles(ids: Sequence[str]) -> list[str]:
    """Sheet names from unit ids: at most 31 characters, distinct ignoring case, none taken by the form itself."""
    taken = set(_RESERVED_TITLES)
    titles = []
    for uid in ids:
        title, n = uid[:31], 1
        while title.lower() in taken:
            n += 1
            title = f"{uid[: 31 - len(str(n)) - 1]}~{n}"
        taken.add(title.lower())
        titles.append(title)
    return titles


def _form_sheet(ws: Worksheet, criteria: Criteria, unit: Unit, lists: _Lists) -> None:
    last = get_column_letter(len(HEADINGS))
    ws["A1"] = criteria.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Đơn vị: {unit.name} (mã {unit.id})"
    ws["A2"].font = _BOLD
    ws["A3"] = (
        f"Vòng thi đua {criteria.id}. Nhập số liệu vào cột Giá trị và căn cứ (văn bản, số hiệu) vào cột Căn cứ;"
        " số thập phân viết dấu phẩy (4.093,7); để trống chỉ tiêu không báo cáo."
    )
    ws["A3"].alignment = _WRAP
    ws.row_dimensions[3].height = 30
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.merge_cells(f"A{SELF_SCORE_ROW}:F{SELF_SCORE_ROW}")
    ws[f"A{SELF_SCORE_ROW}"] = SELF_SCORE_LABEL
    ws[f"A{SELF_SCORE_ROW}"].font = _BOLD
    ws[f"A{SELF_SCORE_ROW}"].alignment = Alignment(horizontal="right")
    validations = _Validations(ws, lists)
    self_score = ws.cell(SELF_SCORE_ROW, VALUE_COL)
    _input(self_score)
    validations.add(self_score.coordinate, "decimal", "greaterThanOrEqual", "0", None, "Nhập tổng điểm tự chấm, từ 0 trở lên.")

    for col, heading in enumerate(HEADINGS, start=1):
        cell = ws.cell(HEADER_ROW, col, heading)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width

    for row, indicator in enumerate(criteria.indicators.values(), start=FIRST_ROW):
        target = criteria.targets.get(indicator.id, {}).get(unit.id)
        fixed = (indicator.id, indicator.label, indicator.unit or "", _TYPES[indicator.type], _range_text(indicator))
        for col, text in enumerate(fixed, start=1):
            ws.cell(row, col, text).alignment = _WRAP
        ws.cell(row, 6, None if target is None else _number_cell(target))
        value, evidence = ws.cell(row, VALUE_COL), ws.cell(row, EVIDENCE_COL)
        _input(value)
        _input(evidence)
        evidence.number_format = "@"  # text: Excel must not turn "18/9/2023" into a date
        validations.indicator(value.coordinate, indicator)
        for col in range(1, len(HEADINGS) + 1):
            ws.cell(row, col).border = _BOX
    validations.attach()

    ws.freeze_panes = f"A{FIRST_ROW}"
    _a4_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(ws)


def _a4_landscape(ws: Worksheet, title_rows: str) -> None:
    """Printed on A4 landscape, one page wide, the header repeated on every page."""
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _input(cell: Cell | MergedCell) -> None:
    cell.protection = _UNLOCKED
    cell.fill = _INPUT_FILL


def _protect(ws: Worksheet) -> None:
    # No password: the lock keeps people to the input cells; it is not a security boundary.
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # still allowed: widening a column, a taller row
    ws.protection.formatRows = False


class _Validations:
    """The sheet's data validations, one per distinct rule, each covering all its cells."""

    def __init__(self, ws: Worksheet, lists: _Lists) -> None:
        self.ws = ws
        self.lists = lists
        self.rules: dict[tuple[_Kind, _Operator | None, str, str | None, str], DataValidation] = {}

    def add(self, ref: str, kind: _Kind, operator: _Operator | None, first: str, second: str | None, message: str) -> None:
        key = (kind, operator, first, second, message)
        rule = self.rules.get(key)
        if rule is None:
            rule = DataValidation(
                type=kind,
                operator=operator,
                formula1=first,
                formula2=second,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle="Giá trị không hợp lệ",
                error=message,
                showInputMessage=True,
                prompt=message,
            )
            self.rules[key] = rule
        rule.add(ref)

    def indicator(self, ref: str, indicator: Indicator) -> None:
        if indicator.type == "boolean":
            self.add(ref, "list", None, self.lists.formula(_YES_NO), None, "Chọn có hoặc không.")
        elif indicator.type == "choice":
            answers = list(indicator.choices)
            self.add(ref, "list", None, self.lists.formula(answers), None, _clip(f"Chọn một trong: {', '.join(answers)}."))
        else:
            whole = indicator.type == "integer"
            low, high = indicator.min, indicator.max
            what = "số nguyên" if whole else "số"
            operator: _Operator
            if low is not None and high is not None:
                operator, first, second = "between", plain(low), plain(high)
                message = f"Nhập {what} từ {_vn(low)} đến {_vn(high)}."
            elif low is not None:
                operator, first, second = "greaterThanOrEqual", plain(low), None
                message = f"Nhập {what} từ {_vn(low)} trở lên."
            elif high is not None:
                operator, first, second = "lessThanOrEqual", plain(high), None
                message = f"Nhập {what} không quá {_vn(high)}."
            else:
                operator, first, second = "between", plain(-LIMIT), plain(LIMIT)
                message = f"Nhập một {what}."
            self.add(ref, "whole" if whole else "decimal", operator, first, second, message)

    def attach(self) -> None:
        for rule in self.rules.values():
            self.ws.add_data_validation(rule)


class _Lists:
    """The answers of a drop-down list: in line when Excel allows, else a column of the hidden sheet."""

    def __init__(self, meta: Worksheet) -> None:
        self.meta = meta
        self.placed: dict[tuple[str, ...], str] = {}

    def formula(self, answers: Sequence[str]) -> str:
        text = ",".join(answers)
        # An in-line list cannot hold a comma or a quote, and Excel limits it to 255 characters.
        if not any("," in a or '"' in a for a in answers) and len(text) <= 255:
            return f'"{text}"'
        key = tuple(answers)
        if key not in self.placed:
            col = get_column_letter(_LIST_COL + len(self.placed))
            for row, answer in enumerate(answers, start=1):
                self.meta[f"{col}{row}"] = answer
            self.placed[key] = f"{META_SHEET}!${col}$1:${col}${len(answers)}"
        return self.placed[key]


def _clip(text: str) -> str:
    return text if len(text) <= 255 else text[:254] + "…"  # Excel's limit for a validation message


def _meta_sheet(ws: Worksheet, criteria: Criteria, sheets: Sequence[tuple[str, str]]) -> None:
    rows: list[tuple[str, str]] = [
        ("format", FORM_FORMAT),
        ("round", criteria.id),
        ("criteria_sha256", criteria.sha256),
        ("criteria_title", criteria.title),
        ("", ""),
        ("sheet", "unit"),
        *sheets,
    ]
    for row, (key, value) in enumerate(rows, start=1):
        ws.cell(row, 1, key or None)
        ws.cell(row, 2, value or None)
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 66
    ws.sheet_state = "hidden"
    _protect(ws)


def _range_text(indicator: Indicator) -> str:
    if indicator.type == "boolean":
        return ", ".join(_YES_NO)
    if indicator.type == "choice":
        return ", ".join(indicator.choices)
    low, high = indicator.min, indicator.max
    if low is not None and high is not None:
        return f"từ {_vn(low)} đến {_vn(high)}"
    if low is not None:
        return f"≥ {_vn(low)}"
    if high is not None:
        return f"≤ {_vn(high)}"
    return ""


def _vn(value: Decimal) -> str:
    """A number written the Vietnamese way: 4093.7 → "4.093,7"."""
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


def _number_cell(value: Decimal) -> int | float:
    # Cells hold binary floats; targets and points have a few decimals, which a float shows exactly as written.
    return int(value) if value == value.to_integral_value() else float(value)


def _book_bytes(book: Workbook) -> bytes:
    """The workbook's bytes, the same for the same inputs: no clock in the file, none in its zip entries."""
    book.properties.creator = "thidua"
    saved = io.BytesIO()
    book.save(saved)
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _STAMPS.sub(b"", data)  # created and modified are optional; openpyxl writes the time of saving
            fixed = zipfile.ZipInfo(entry.filename, _ZIP_EPOCH)
            fixed.create_system = 0  # the same bytes whatever the system that wrote them
            target.writestr(fixed, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- Filled forms in


@dataclass(frozen=True)
class _Sheet:
    title: str
    unit: str
    meta_row: int  # its row on the hidden sheet
    rows: tuple[tuple[object, ...], ...]  # rows 1…, columns A…H, as the cells hold them


def read_xlsx(criteria: Criteria, file: str, raw: bytes) -> list[tuple[Submission, Problem]]:
    """Each sheet of a filled form as a unit's submission; every problem at its sheet and cell."""
    sha = hashlib.sha256(raw).hexdigest()
    meta, sheets = _load(file, raw)
    problems: list[Problem] = []
    round_id, form_format = _meta_value(meta, "round"), _meta_value(meta, "format")
    if form_format != FORM_FORMAT or round_id is None:
        made = "not a thidua form" if form_format is None else f"a form of another kind ('{form_format}')"
        raise InvalidInput([Problem(file, 1, 1, f"sheet {META_SHEET}: {made}; make the form again with thidua template")])
    if round_id != criteria.id:
        row = _meta_row(meta, "round")
        message = f"this form was made for round '{round_id}', but the criteria are for round '{criteria.id}'"
        raise InvalidInput([Problem(file, row, 2, f"sheet {META_SHEET}, cell B{row}: {message}")])
    result = []
    for sheet in sheets:
        if sheet.unit not in criteria.unit_ids:
            unit_ids = ", ".join(u.id for u in criteria.units)
            problems.append(
                Problem(
                    file,
                    sheet.meta_row,
                    2,
                    f"sheet {META_SHEET}, cell B{sheet.meta_row}: sheet '{sheet.title}' is for unit '{sheet.unit}',"
                    f" which is not in round {criteria.id}; the round's units are {unit_ids}",
                )
            )
            continue
        submission = _submission(criteria, file, sha, sheet, problems)
        if submission is not None:
            result.append((submission, Problem(file, FIRST_ROW, 1, "")))
    if problems:
        raise InvalidInput(problems)
    return result


def _load(file: str, raw: bytes) -> tuple[list[tuple[object, ...]], list[_Sheet]]:
    """The hidden sheet's rows and the rows of each sheet it names, as plain values."""
    problems: list[Problem] = []
    sheets: list[_Sheet] = []
    raw = _unpacked(file, raw)
    try:
        with warnings.catch_warnings():
            # Files saved by Excel carry extensions openpyxl does not read (and warns about); the cells are what we need.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                if META_SHEET not in book.sheetnames:
                    message = (
                        f"this workbook is not a thidua form (it has no sheet '{META_SHEET}');"
                        " make the forms with thidua template, or submit a .csv or .yaml file"
                    )
                    raise InvalidInput([Problem(file, 1, 1, message)])
                meta = _rows(book[META_SHEET], 2)
                listed = _listed(meta)
                for row, title, unit in listed:
                    if title not in book.sheetnames:
                        problems.append(
                            Problem(file, row, 1, f"sheet {META_SHEET}, cell A{row}: the workbook has no sheet '{title}'")
                        )
                        continue
                    sheets.append(_Sheet(title, unit, row, tuple(_rows(book[title], len(HEADINGS)))))
            finally:
                book.close()
    except InvalidInput:
        raise
    except Exception as e:  # a damaged file makes openpyxl raise almost anything: zip, XML, KeyError …
        message = "not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx"
        raise InvalidInput([Problem(file, 1, 1, message)]) from e
    if problems:
        raise InvalidInput(problems)
    if not listed:
        raise InvalidInput([Problem(file, 1, 1, f"sheet {META_SHEET}: the form names no unit sheet")])
    return meta, sheets


def _unpacked(file: str, raw: bytes) -> bytes:
    """The workbook packed anew from its parts, each inflated in bounded steps and counted as it comes.

    openpyxl reads a part whole, and a part can inflate to far more than its stated size before zipfile
    cuts it there: it only ever sees this copy, whose parts were measured on the way.
    """
    damaged = "not an Excel .xlsx file (or it is damaged); save it again from Excel as .xlsx"
    total = 0
    seen: set[str] = set()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as book, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for part in book.infolist():
                if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or part.filename in seen:
                    raise InvalidInput([Problem(file, 1, 1, f"{damaged} (part {part.filename} is not as Excel writes it)")])
                seen.add(part.filename)
                chunks, size = [], 0
                with book.open(part) as stream:
                    while chunk := stream.read(2**16):  # zipfile inflates at most this much at a time
                        size += len(chunk)
                        _check_size(file, f"the workbook's part {part.filename}", size, MAX_PART_BYTES)
                        _check_size(file, "the workbook", total + size, MAX_UNPACKED_BYTES)
                        chunks.append(chunk)
                total += size
                copy.writestr(part.filename, b"".join(chunks))
    except InvalidInput:
        raise
    except Exception as e:  # zipfile raises BadZipFile, NotImplementedError, RuntimeError (encrypted), zlib.error …
        raise InvalidInput([Problem(file, 1, 1, damaged)]) from e
    return out.getvalue()


def _check_size(file: str, what: str, size: int, limit: int) -> None:
    if size > limit:
        message = (
            f"{what} unpacks to more than {limit // 2**20} MB; a form as thidua or Excel writes it is far smaller:"
            " make the form again with thidua template"
        )
        raise InvalidInput([Problem(file, 1, 1, message)])


def _rows(ws: Worksheet, width: int) -> list[tuple[object, ...]]:
    """The sheet's cells, `width` columns a row; in read-only mode `ws` is a ReadOnlyWorksheet, as the stubs allow."""
    rows: list[tuple[object, ...]] = []
    for values in ws.iter_rows(min_row=1, max_row=_MAX_ROWS, max_col=width, values_only=True):
        rows.append(tuple(values) + (None,) * (width - len(values)))
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


def _submission(criteria: Criteria, file: str, sha: str, sheet: _Sheet, problems: list[Problem]) -> Submission | None:
    before = len(problems)
    rows = sheet.rows

    def problem(row: int, col: int, message: str) -> None:
        ref = f"{get_column_letter(col)}{row}"
        problems.append(Problem(file, row, col, f"sheet {sheet.title}, cell {ref}: {message}"))

    header = tuple(rows[HEADER_ROW - 1]) if len(rows) >= HEADER_ROW else ()
    if header != HEADINGS:
        problem(HEADER_ROW, 1, f"not laid out as a thidua form (row {HEADER_ROW} should hold the headings {', '.join(HEADINGS)})")
        return None
    self_score = None
    try:
        self_score = _self_score(rows[SELF_SCORE_ROW - 1][VALUE_COL - 1])
    except ValueError as e:
        problem(SELF_SCORE_ROW, VALUE_COL, f"self_score: {e}")
    values: dict[str, Reported] = {}
    first: dict[str, int] = {}
    for row, cells in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        iid = cells[0]
        if iid is None or (isinstance(iid, str) and not iid.strip()):
            continue
        iid = str(iid).strip()
        if iid in first:
            problem(row, 1, f"values.{iid}: the indicator is listed twice (first on row {first[iid]})")
            continue
        first[iid] = row
        if iid not in criteria.indicators:
            problem(row, 1, f"values.{iid}: {_unknown(criteria, iid)}")
            continue
        try:
            given = _cell_value(cells[VALUE_COL - 1])
            reported = convert(criteria, iid, given)
        except ValueError as e:
            problem(row, VALUE_COL, f"values.{iid}: {e}")
            continue
        if reported is None:
            continue
        ref = f"{get_column_letter(VALUE_COL)}{row}"
        answer = given.strip() if isinstance(given, str) and criteria.indicators[iid].type == "choice" else None
        evidence = _evidence(cells[EVIDENCE_COL - 1])
        values[iid] = Reported(reported, evidence, f"{file}:{row} (sheet {sheet.title}, cell {ref})", answer)
    if len(problems) > before:
        return None
    return Submission(sheet.unit, values, self_score, file, FIRST_ROW, sha)


def _unknown(criteria: Criteria, iid: str) -> str:
    """What YAML and CSV submissions say of an indicator the criteria do not declare."""
    close = difflib.get_close_matches(iid, list(criteria.indicators), n=1)
    return f"unknown indicator '{iid}'" + (f"; did you mean '{close[0]}'?" if close else "")


def _cell_value(value: object) -> object:
    """What a cell holds, as the YAML reader would give it: text, a yes/no, an exact Decimal, or None when empty."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("the cell does not hold a finite number")
        # A cell holds a binary float; its shortest repr is what was typed (4093.7, not 4093.6999…).
        exact = Decimal(repr(value))
        return Decimal(int(value)) if exact == exact.to_integral_value() else exact
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        raise ValueError("the cell holds a date or time, not a figure; type the figure as a number")
    raise ValueError(f"the cell holds {type(value).__name__}, not a figure")


def _self_score(value: object) -> Decimal | None:
    given = _cell_value(value)
    if given is None:
        return None
    if isinstance(given, bool):
        raise ValueError("expected a number, not a yes/no value")
    if isinstance(given, str):
        try:
            return parse_number(given)
        except NotANumber as e:
            raise ValueError(str(e)) from None
    assert isinstance(given, Decimal)
    return given


def _evidence(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        text = value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value)
    return text.strip() or None


# --- The score table out


def _columns(
    proposal: Proposal, decided: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[list[str], list[str], list[list[str | int | Decimal | None]]]:
    """Column ids, their labels, and a row per unit in rank order."""
    criteria = proposal.results.criteria
    ids = ["unit", "name"]
    labels = ["Mã đơn vị", "Tên đơn vị"]
    for g in criteria.groups:
        ids.append(f"group {g.id}")
        labels.append(f"Nhóm {g.id}. {g.label} (tối đa {_vn(g.max)})")
    for c in criteria.criteria:
        ids.append(c.id)
        labels.append(f"{c.id}. {c.label} (tối đa {_vn(c.max)})")
    for a in criteria.adjustments:
        ids.append(a.id)
        kind = "Cộng" if a.kind == "bonus" else "Trừ"
        cap = f" (tối đa {_vn(a.cap)})" if a.cap is not None else ""
        labels.append(f"{kind}: {a.label}{cap}")
    ids += ["total", "rank", "classification", "proposed", "for_council"]
    ids += ["decided"] if decided is not None else []
    ids += ["self_score", "self_score_difference"]
    labels += [
        "Tổng điểm",
        "Xếp hạng",
        "Xếp loại",
        "Đề nghị khen thưởng",
        "Hội đồng quyết định (đồng điểm ở suất cuối)",
        *(["Khen thưởng Hội đồng quyết định"] if decided is not None else []),
        "Tự chấm điểm",
        "Chênh lệch (chấm − tự chấm)",
    ]
    labels_of = {a.id: a.label for a in criteria.awards}
    rows: list[list[str | int | Decimal | None]] = []
    for outcome in proposal.outcomes:
        card = outcome.standing.card
        row: list[str | int | Decimal | None] = [card.unit.id, card.unit.name]
        row += [g.points for g in card.groups]
        row += [line.points for line in card.lines]
        row += [a.points for a in card.adjustments]
        row += [
            card.total,
            outcome.standing.rank,
            card.classification.label,
            "; ".join(award.label for award, _ in outcome.proposed),
            "; ".join(award.label for award in outcome.for_council),
            *(["; ".join(labels_of[a] for a in decided[card.unit.id])] if decided is not None else []),
            card.submission.self_score,
            card.self_score_difference,
        ]
        rows.append(row)
    return ids, labels, rows


def export_csv(proposal: Proposal, decided: Mapping[str, tuple[str, ...]] | None = None) -> bytes:
    """The score table as CSV: a row per unit in rank order; points as exact decimals."""
    ids, _, rows = _columns(proposal, decided)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ids)
    for row in rows:
        writer.writerow(["" if v is None else plain(v) if isinstance(v, Decimal) else v for v in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


def export_xlsx(proposal: Proposal, note: str | None = None, decided: Mapping[str, tuple[str, ...]] | None = None) -> bytes:
    """The score table as a workbook: ids and labels as two header rows, points as numbers, a row per unit in rank order."""
    criteria = proposal.results.criteria
    ids, labels, rows = _columns(proposal, decided)
    book = Workbook()
    ws = book.active
    assert ws is not None, "a new workbook has a sheet"
    ws.title = "Bảng điểm"
    ws["A1"] = criteria.title
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Bảng tổng hợp kết quả chấm điểm, xếp hạng — vòng {criteria.id}" + (f"; {note}" if note else "")
    points_format = "0." + "0" * criteria.places if criteria.places else "0"
    head, label_row, first = 3, 4, 5
    for col, (cid, label) in enumerate(zip(ids, labels, strict=True), start=1):
        top = ws.cell(head, col, label if col <= 2 else cid.removeprefix("group "))
        top.font, top.fill, top.border = _BOLD, _HEAD_FILL, _BOX
        top.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        below = ws.cell(label_row, col, None if col <= 2 else label)
        below.font, below.fill, below.border = Font(size=8), _HEAD_FILL, _BOX
        below.alignment = _WRAP
    ws.merge_cells(start_row=head, end_row=label_row, start_column=1, end_column=1)
    ws.merge_cells(start_row=head, end_row=label_row, start_column=2, end_column=2)
    ws.row_dimensions[label_row].height = 110
    for r, row in enumerate(rows, start=first):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col, _number_cell(value) if isinstance(value, Decimal) else value)
            cell.border = _BOX
            if isinstance(value, Decimal):
                cell.number_format = points_format
            elif isinstance(value, str):
                cell.alignment = _WRAP
    widths = {"unit": 14, "name": 28, "classification": 22, "proposed": 30, "for_council": 22}
    for col, cid in enumerate(ids, start=1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(cid, 10)
    ws.freeze_panes = f"C{first}"
    _a4_landscape(ws, f"{head}:{label_row}")
    return _book_bytes(book)
