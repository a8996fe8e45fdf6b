"""Spreadsheet cells and sheets a translator can use: shared by every workbook exporter.

User text never becomes a formula (spreadsheet formula injection): it is stored as a string, and
text that starts like a formula also gets Excel's quote prefix, so editing the cell keeps it text.
Sheets are readable on screen and on paper: rows as tall as their wrapped text (spreadsheets do not
grow rows on opening; LibreOffice keeps 15 pt), landscape pages as wide as the sheet with the header
row repeated on each, and a frozen header.
"""

from __future__ import annotations

import contextlib
import functools

from . import xml_safe

#: first characters that make Excel or LibreOffice read typed text as a formula
FORMULA_STARTS = ("=", "+", "-", "@")
#: The workbooks' font (openpyxl's default): named on every styled cell so no viewer falls back to a serif.
FONT_NAME, FONT_SIZE = "Calibri", 11
#: Points per wrapped line of that font, and Excel's tallest row.
LINE_HEIGHT, MAX_ROW_HEIGHT = 15.0, 409.0
#: How many letters of running text fit where the column width unit counts one '0' (Cyrillic in
#: LibreOffice's substitute fonts is wider than Calibri's digits).
WIDE_LETTERS = 0.9


#: The most characters a cell holds (what openpyxl keeps of a longer string).
MAX_CELL_TEXT = 32767


def put(sheet, row: int, column: int, value):
    """Write ``value`` to a cell of an openpyxl sheet; strings always stay text.

    A string goes into a new cell as it is (no characters openpyxl refuses are left after
    :func:`xml_safe`, and the type is always text): openpyxl's ``sheet.cell(value=…)`` would scan
    each string again and guess its type, a third of writing a large glossary's cells."""
    if not isinstance(value, str) or (row, column) in sheet._cells:
        cell = sheet.cell(row=row, column=column, value=xml_safe(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"
            if cell.value[:1] in FORMULA_STARTS:
                cell.quotePrefix = True
        return cell
    from openpyxl.cell.cell import Cell

    text = xml_safe(value)[:MAX_CELL_TEXT]
    cell = Cell(sheet, row=row, column=column)
    cell._value, cell.data_type = text, "s"
    sheet._add_cell(cell)
    if text[:1] in FORMULA_STARTS:
        cell.quotePrefix = True
    return cell


def header_row(sheet, names, fill: str, freeze: str = "A2") -> None:
    """A bold, shaded first row and frozen panes below (and left of) ``freeze``."""
    from openpyxl.styles import Font, PatternFill

    for column, name in enumerate(names, 1):
        cell = put(sheet, 1, column, name)
        cell.font = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = freeze


def close_quietly(workbook) -> None:
    """Finish the streams of a write-only workbook whose writing failed: an unfinished sheet's
    generators would otherwise print "Exception ignored … Traceback" when garbage-collected."""
    for sheet in getattr(workbook, "_sheets", []):
        with contextlib.suppress(Exception):
            sheet.close()


def row_height(texts: dict[str, str], widths: dict[str, float]) -> float:
    """Points a row needs to show ``texts`` (column key → text) wrapped in their columns (key → width)."""
    lines = 1
    for key, text in texts.items():
        # a column of width w holds about w - 2 Latin letters; Cyrillic letters run a little wider
        capacity = max((widths[key] - 2) * WIDE_LETTERS, 1)
        if len(text) <= capacity and "\n" not in text:
            continue  # one line, however it is wrapped
        lines = max(lines, _text_lines(text, capacity))
    return min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)


@functools.lru_cache(maxsize=16384)
def _text_lines(text: str, capacity: float) -> int:
    """Lines ``text`` takes wrapped in a column of ``capacity`` characters (remembered: a glossary's
    evidence repeats the same sentences for many entries)."""
    return sum(wrapped_lines(line, capacity) for line in text.split("\n"))


def wrapped_lines(text: str, capacity: float) -> int:
    """Lines ``text`` takes when wrapped at spaces into lines of ``capacity`` characters (a word longer
    than a line is broken)."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > capacity:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > capacity:
            lines, used = lines + 1, used - int(capacity)
    return lines


def print_landscape(sheet) -> None:
    """Print (and convert to PDF) on landscape A4, as wide as the sheet, as many pages long as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def readable_table(sheet, widths: dict[str, float], header_rows: int = 1) -> None:
    """Lay out a filled sheet (not write-only) as a table to read and print: column widths by letter,
    every cell wrapped at the top, each row (the header too) as tall as its longest wrapped text,
    landscape pages fitted to the width with the header rows repeated, the header frozen."""
    from openpyxl.styles import Alignment
    from openpyxl.styles.cell_style import StyleArray

    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    default = sheet.sheet_format.defaultColWidth or 8.43
    # Each cell's alignment is set by its index in the workbook's list of alignments: openpyxl's
    # ``cell.alignment = …`` hashes the style object for every cell, a third of a large sheet's time.
    alignments = sheet.parent._alignments
    wrapped: dict[int, int] = {}  # a cell's alignment → its wrapped copy (horizontal kept), made once
    column_widths: dict[str, float] = {}
    for row in sheet.iter_rows():
        texts, row_widths = {}, {}
        for cell in row:
            if cell.value is None:
                continue
            style = cell._style
            if not style:
                style = cell._style = StyleArray()
            if style.alignmentId not in wrapped:
                horizontal = alignments[style.alignmentId].horizontal
                wrapped[style.alignmentId] = alignments.add(
                    Alignment(wrap_text=True, vertical="top", horizontal=horizontal))
            style.alignmentId = wrapped[style.alignmentId]
            letter = cell.column_letter
            texts[letter] = str(cell.value)
            if letter not in column_widths:
                column_widths[letter] = sheet.column_dimensions[letter].width or default
            row_widths[letter] = column_widths[letter]
        if texts:
            sheet.row_dimensions[row[0].row].height = row_height(texts, row_widths)
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
        if not sheet.freeze_panes:
            sheet.freeze_panes = f"A{header_rows + 1}"
    print_landscape(sheet)
