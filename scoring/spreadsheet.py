"""Spreadsheets at the edge: submission forms (biểu mẫu báo cáo) out, the score table out.

A form is generated from the round's criteria: a sheet per unit listing every
indicator with its unit of measure, type, allowed range and the unit's assigned
target, and two cells to fill, the value and its evidence (căn cứ: văn bản, số
hiệu), plus the unit's own score (tự chấm điểm). Only those cells are unlocked,
and the spreadsheet itself validates what is typed into them. A hidden sheet
`thidua` records the round, the criteria's SHA-256 and which unit each sheet is
for, so that a form made for another round is refused by name.

Every label, heading, instruction and message in a form or a table is worded
in the language in force (Vietnamese unless `--lang en`). A filled form is read
back by `scoring.submissions`, whatever language it was made in: the layout and
the hidden sheet are in `scoring.forms`, shared by the writer and the reader.
The score table in CSV is for people: under Vietnamese its cells are separated
by ';' and its decimals written with a comma, as Excel under a Vietnamese
locale reads them.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from scoring.awards import Proposal
from scoring.criteria import Criteria, Indicator, Unit
from scoring.evaluate import NO_BAND
from scoring.forms import (
    EVIDENCE_COL,
    FIRST_ROW,
    FORM_FORMAT,
    HEADER_ROW,
    HEADINGS,
    META_SHEET,
    SELF_HEADINGS,
    SELF_SCORE_ROW,
    VALUE_COL,
)

# The reader's limits, re-exported: tests/test_hostile.py still names them here.
from scoring.forms import MAX_PART_BYTES as MAX_PART_BYTES  # noqa: PLC0414 - an explicit re-export
from scoring.forms import MAX_UNPACKED_BYTES as MAX_UNPACKED_BYTES  # noqa: PLC0414 - an explicit re-export
from scoring.numbers import plain
from scoring.safetext import cell_text
from scoring.schema import LIMIT
from scoring.wording import Listing, Msg, Text, language, msg, word

UNIT_SHEET = msg("Indicators")  # the one sheet of a single unit's form
# Widths (in characters) that fit A4 landscape with narrow margins; the page is also set to fit one page wide.
WIDTHS = (16, 46, 11, 11, 18, 11, 13, 32)
SELF_SCORE_LABEL = msg("Self-assessed score (the unit's own total)")
_LIST_COL = 4  # D: the hidden sheet's first column of answers for drop-down lists
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
_RESERVED_TITLES = {META_SHEET, "history"}  # Excel refuses "History"; the meta sheet's name is taken
_TYPES = {"integer": msg("Whole number"), "number": msg("Number"), "boolean": msg("Yes/no"), "choice": msg("Choice")}

_Kind = Literal["whole", "decimal", "list", "textLength"]
_Operator = Literal["between", "greaterThanOrEqual", "lessThanOrEqual"]

_BOLD = Font(bold=True)
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")  # an evidence cell the criteria require
_EVIDENCE_REQUIRED = msg("Evidence is required for this value: the document, its number and date of issue.")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def output_format(path: Path) -> Literal["xlsx", "csv"] | None:
    """The format an output path asks for by its suffix, or None for any other."""
    suffix = path.suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "csv" if suffix == ".csv" else None


# --- Forms out


def template_xlsx(criteria: Criteria, unit: str | None = None) -> bytes:
    """A form for `unit` (one sheet "Chỉ tiêu", "Indicators" in English), or for the whole round (a sheet per unit, by its id).

    Worded in the language in force; read back whatever language it was made in.
    """
    units = _units(criteria, unit)
    book = Workbook()
    first = book.active
    assert first is not None, "a new workbook has a sheet"
    book.remove(first)
    titles = [word(UNIT_SHEET)] if unit is not None else _sheet_titles([u.id for u in units])
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
    for iid in _reported(criteria):
        header += [iid, f"{iid}.evidence"]
    for criterion in criteria.criteria:
        header += [f"{criterion.id}.self_score", f"{criterion.id}.explanation"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for member in _units(criteria, unit):
        writer.writerow([criteria.id, member.id] + [""] * (len(header) - 2))
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


def _reported(criteria: Criteria) -> dict[str, Indicator]:
    """The indicators a unit reports: not those taken from another round's record (`from`)."""
    return {iid: i for iid, i in criteria.indicators.items() if i.source is None}


def _units(criteria: Criteria, unit: str | None) -> list[Unit]:
    if unit is None:
        return list(criteria.units)
    found = [u for u in criteria.units if u.id == unit]
    if not found:
        raise ValueError(msg("unit '{unit}' is not in round {round}", unit=unit, round=criteria.id))
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
    ws["A2"] = word(msg("Unit: {name} (id {unit})", name=unit.name, unit=unit.id))
    ws["A2"].font = _BOLD
    ws["A3"] = word(
        msg(
            "Round {round}. Enter each figure in the Value column and its evidence (document, number) in the Evidence"
            " column; a figure typed as text is read the Vietnamese way (4.093,7 is 4093.7); leave an indicator empty"
            " if it is not reported.",
            round=criteria.id,
        )
    )
    ws["A3"].alignment = _WRAP
    ws.row_dimensions[3].height = 30
    for row in (1, 2, 3):
        ws.merge_cells(f"A{row}:{last}{row}")
    ws.merge_cells(f"A{SELF_SCORE_ROW}:F{SELF_SCORE_ROW}")
    ws[f"A{SELF_SCORE_ROW}"] = word(SELF_SCORE_LABEL)
    ws[f"A{SELF_SCORE_ROW}"].font = _BOLD
    ws[f"A{SELF_SCORE_ROW}"].alignment = Alignment(horizontal="right")
    validations = _Validations(ws, lists)
    self_score = ws.cell(SELF_SCORE_ROW, VALUE_COL)
    _input(self_score)
    at_least_zero = msg("Enter the self-assessed total, 0 or more.")
    validations.add(self_score.coordinate, "decimal", "greaterThanOrEqual", "0", None, at_least_zero)

    for col, heading in enumerate(HEADINGS, start=1):
        cell = ws.cell(HEADER_ROW, col, word(heading))
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width

    for row, indicator in enumerate(_reported(criteria).values(), start=FIRST_ROW):
        target = criteria.targets.get(indicator.id, {}).get(unit.id)
        fixed = (indicator.id, indicator.label, indicator.unit or "", word(_TYPES[indicator.type]), _range_text(indicator))
        for col, text in enumerate(fixed, start=1):
            ws.cell(row, col, text).alignment = _WRAP
        ws.cell(row, 6, None if target is None else _number_cell(target))
        value, evidence = ws.cell(row, VALUE_COL), ws.cell(row, EVIDENCE_COL)
        _input(value)
        _input(evidence)
        evidence.number_format = "@"  # text: Excel must not turn "18/9/2023" into a date
        validations.indicator(value.coordinate, indicator)
        if indicator.if_no_evidence is not None:
            evidence.fill = _REQUIRED_FILL
            validations.add(evidence.coordinate, "textLength", "greaterThanOrEqual", "1", None, _EVIDENCE_REQUIRED)
        else:
            validations.no_formula(evidence.coordinate)
        for col in range(1, len(HEADINGS) + 1):
            ws.cell(row, col).border = _BOX
    _self_scores(ws, criteria, FIRST_ROW + len(criteria.indicators) + 1, validations)
    validations.attach()

    ws.freeze_panes = f"A{FIRST_ROW}"
    _a4_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(ws)


def _self_scores(ws: Worksheet, criteria: Criteria, top: int, validations: _Validations) -> None:
    """Below the indicators: each criterion with its maximum, and cells for the unit's own points and explanation."""
    for col, heading in enumerate(SELF_HEADINGS, start=1):
        cell = ws.cell(top, col, None if heading is None else word(heading))
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row, criterion in enumerate(criteria.criteria, start=top + 1):
        ws.cell(row, 1, criterion.id).alignment = _WRAP
        ws.cell(row, 2, criterion.label).alignment = _WRAP
        ws.cell(row, 3, _number_cell(criterion.max))
        points, explanation = ws.cell(row, VALUE_COL), ws.cell(row, EVIDENCE_COL)
        _input(points)
        _input(explanation)
        explanation.number_format = "@"
        validations.no_formula(explanation.coordinate)
        least = criterion.least  # below 0 only for a table with a negative row
        prompt = (
            msg("Enter the points the unit gives itself, from {least} to {max}.", least=least, max=criterion.max)
            if least < 0
            else msg("Enter the points the unit gives itself, from 0 to {max}.", max=criterion.max)
        )
        validations.add(points.coordinate, "decimal", "between", plain(least), plain(criterion.max), prompt)
        for col in range(1, len(HEADINGS) + 1):
            ws.cell(row, col).border = _BOX


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
        self.text: DataValidation | None = None  # text cells: no formula (Excel 2013 and later, LibreOffice)

    def add(self, ref: str, kind: _Kind, operator: _Operator | None, first: str, second: str | None, prompt: Msg) -> None:
        message = _clip(word(prompt))
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
                errorTitle=word(msg("Invalid value")),
                error=message,
                showInputMessage=True,
                prompt=message,
            )
            self.rules[key] = rule
        rule.add(ref)

    def indicator(self, ref: str, indicator: Indicator) -> None:
        if indicator.type == "boolean":
            self.add(ref, "list", None, self.lists.formula(_yes_no()), None, msg("Choose yes or no."))
        elif indicator.type == "choice":
            answers = list(indicator.choices)
            prompt = msg("Choose one of: {answers}.", answers=Listing(tuple(answers)))
            self.add(ref, "list", None, self.lists.formula(answers), None, prompt)
        else:
            whole = indicator.type == "integer"
            low, high = indicator.min, indicator.max
            operator: _Operator
            if low is not None and high is not None:
                operator, first, second = "between", plain(low), plain(high)
                message = (
                    msg("Enter a whole number from {low} to {high}.", low=low, high=high)
                    if whole
                    else msg("Enter a number from {low} to {high}.", low=low, high=high)
                )
            elif low is not None:
                operator, first, second = "greaterThanOrEqual", plain(low), None
                message = (
                    msg("Enter a whole number of {low} or more.", low=low)
                    if whole
                    else msg("Enter a number of {low} or more.", low=low)
                )
            elif high is not None:
                operator, first, second = "lessThanOrEqual", plain(high), None
                message = (
                    msg("Enter a whole number of at most {high}.", high=high)
                    if whole
                    else msg("Enter a number of at most {high}.", high=high)
                )
            else:
                operator, first, second = "between", plain(-LIMIT), plain(LIMIT)
                message = msg("Enter a whole number.") if whole else msg("Enter a number.")
            self.add(ref, "whole" if whole else "decimal", operator, first, second, message)

    def no_formula(self, ref: str) -> None:
        """A text cell that refuses a formula; the rule's formula is relative to its first cell."""
        if self.text is None:
            message = _clip(word(msg("Enter the text itself, not a formula.")))
            self.text = DataValidation(
                type="custom",
                formula1=f"NOT(ISFORMULA({ref}))",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle=word(msg("Invalid value")),
                error=message,
            )
        self.text.add(ref)

    def attach(self) -> None:
        for rule in self.rules.values():
            self.ws.add_data_validation(rule)
        if self.text is not None:
            self.ws.add_data_validation(self.text)


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


def _yes_no() -> tuple[str, str]:
    """The answers of a yes/no indicator as the form offers them: có, không (or yes, no); the reader takes both."""
    return word(True), word(False)


def _range_text(indicator: Indicator) -> str:
    if indicator.type == "boolean":
        return ", ".join(_yes_no())
    if indicator.type == "choice":
        return ", ".join(indicator.choices)
    low, high = indicator.min, indicator.max
    if low is not None and high is not None:
        return word(msg("from {low} to {high}", low=low, high=high))
    if low is not None:
        return f"≥ {word(low)}"
    if high is not None:
        return f"≤ {word(high)}"
    return ""


def _number_cell(value: Decimal) -> int | float:
    # Cells hold binary floats; targets and points have a few decimals, which a float shows exactly as written.
    return int(value) if value == value.to_integral_value() else float(value)


def _as_text(book: Workbook) -> None:
    """Every text cell written as text: a title or a name beginning with '=' is never a formula Excel runs.

    openpyxl takes a string beginning with '=' for a formula; thidua writes none. The quote prefix keeps a
    cell beginning like a formula (= + - @) text when someone edits it in Excel.
    """
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell_text(cell.value) != cell.value:
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _book_bytes(book: Workbook) -> bytes:
    """The workbook's bytes, the same for the same inputs: no clock in the file, none in its zip entries."""
    book.properties.creator = "thidua"
    _as_text(book)
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


# --- The score table out


def corrections_note(decisions_file: str) -> Msg:
    """The table's note when the council's review file was applied."""
    return msg("the council's corrections applied ({file})", file=decisions_file)


def _columns(
    proposal: Proposal, decided: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[list[str], list[str], list[list[str | int | Decimal | None]]]:
    """Column ids, their labels (in the language in force), and a row per unit in rank order."""
    criteria = proposal.results.criteria
    ids = ["unit", "name"]
    labels: list[Text] = [msg("Unit id"), msg("Unit name")]
    for g in criteria.groups:
        ids.append(f"group {g.id}")
        labels.append(msg("Group {group}. {label} (max {max})", group=g.id, label=g.label, max=g.max))
    # a round whose units score themselves line by line shows each line's own points beside the computed ones
    own = any(o.standing.card.submission.self_scores for o in proposal.outcomes)
    for c in criteria.criteria:
        ids.append(c.id)
        labels.append(msg("{criterion}. {label} (max {max})", criterion=c.id, label=c.label, max=c.max))
        if own:
            ids.append(f"{c.id}.self_score")
            labels.append(msg("{criterion}: self-assessed points", criterion=c.id))
    for a in criteria.adjustments:
        ids.append(a.id)
        bonus = a.kind == "bonus"
        if a.cap is None:
            labels.append(msg("Bonus: {label}", label=a.label) if bonus else msg("Deduction: {label}", label=a.label))
        else:
            labels.append(
                msg("Bonus: {label} (max {cap})", label=a.label, cap=a.cap)
                if bonus
                else msg("Deduction: {label} (max {cap})", label=a.label, cap=a.cap)
            )
    ids += ["total", "rank", "classification", "proposed", "for_council"]
    ids += ["decided"] if decided is not None else []
    ids += ["self_score", "self_score_difference"]
    labels += [
        msg("Total score"),
        msg("Rank"),
        msg("Classification"),
        msg("Proposed award"),
        msg("For the council to decide (tied at the last seat)"),
        *([msg("Award decided by the council")] if decided is not None else []),
        msg("Self-assessed score"),
        msg("Difference (scored − self-assessed)"),
    ]
    labels_of = {a.id: a.label for a in criteria.awards}
    rows: list[list[str | int | Decimal | None]] = []
    for outcome in proposal.outcomes:
        card = outcome.standing.card
        row: list[str | int | Decimal | None] = [card.unit.id, card.unit.name]
        row += [g.points for g in card.groups]
        for line in card.lines:
            row.append(line.points)
            if own:
                mine = card.submission.self_scores.get(line.criterion.id)
                row.append(None if mine is None else mine.points)
        row += [a.points for a in card.adjustments]
        row += [
            card.total,
            outcome.standing.rank,
            card.classification.label if card.classification else NO_BAND,
            "; ".join(award.label for award, _ in outcome.proposed),
            "; ".join(award.label for award in outcome.for_council),
            *(["; ".join(labels_of[a] for a in decided[card.unit.id])] if decided is not None else []),
            card.submission.self_score,
            card.self_score_difference,
        ]
        rows.append(row)
    return ids, [word(label) for label in labels], rows


def export_csv(proposal: Proposal, decided: Mapping[str, tuple[str, ...]] | None = None) -> bytes:
    """The score table as CSV for people: a row per unit in rank order; points as exact decimals.

    Under Vietnamese, cells are separated by ';' and decimals written with a comma (94,58), as Excel
    under a Vietnamese locale reads them; in English, by ',' with a dot. Both start with a BOM.
    """
    vietnamese = language() == "vi"
    ids, labels, rows = _columns(proposal, decided)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if vietnamese else ",", lineterminator="\n")
    writer.writerow(ids if not vietnamese else [cell_text(_head(cid, label)) for cid, label in zip(ids, labels, strict=True)])
    for row in rows:
        writer.writerow([_csv_cell(v, vietnamese) for v in row])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


def _head(cid: str, label: Text) -> str:
    """A column's heading for people in Vietnamese: the label of a fixed column, the id of a criterion, Nhóm I."""
    if cid.startswith("group "):
        return word(msg("Group {group}", group=cid.removeprefix("group ")))
    if cid.endswith(".self_score"):
        return word(msg("{criterion} self-assessed", criterion=cid.removesuffix(".self_score")))
    return word(label) if cid in _FIXED else cid


_FIXED = {"unit", "name", "total", "rank", "classification", "proposed", "for_council", "decided", "self_score"}
_FIXED |= {"self_score_difference"}


def _csv_cell(value: str | int | Decimal | None, vietnamese: bool) -> str | int:
    """A number as a number, text as text that no spreadsheet takes for a formula ('=1+1)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return _csv_number(value, vietnamese)
    return cell_text(value) if isinstance(value, str) else value


def _csv_number(value: Decimal, vietnamese: bool) -> str:
    """94.58, or 94,58 for Excel under a Vietnamese locale; never grouped, so that Excel reads it as one number."""
    text = plain(value)
    return text.replace(".", ",") if vietnamese else text


def export_xlsx(proposal: Proposal, note: Text | None = None, decided: Mapping[str, tuple[str, ...]] | None = None) -> bytes:
    """The score table as a workbook: ids and labels as two header rows, points as numbers, a row per unit in rank order."""
    criteria = proposal.results.criteria
    ids, labels, rows = _columns(proposal, decided)
    book = Workbook()
    ws = book.active
    assert ws is not None, "a new workbook has a sheet"
    ws.title = word(msg("Score table"))
    ws["A1"] = criteria.title
    ws["A1"].font = Font(bold=True, size=13)
    summary = word(msg("Summary of scores and ranking — round {round}", round=criteria.id))
    ws["A2"] = summary + (f"; {word(note)}" if note else "")
    points_format = "0." + "0" * criteria.places if criteria.places else "0"
    head, label_row, first = 3, 4, 5
    for col, (cid, label) in enumerate(zip(ids, labels, strict=True), start=1):
        own = cid.endswith(".self_score")
        short = word(msg("{criterion} self-assessed", criterion=cid.removesuffix(".self_score"))) if own else None
        top = ws.cell(head, col, label if col <= 2 else short or cid.removeprefix("group "))
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
