"""Spreadsheet cells that are safe to hand to a translator: shared by every workbook exporter.

User text never becomes a formula (spreadsheet formula injection): it is stored as a string, and
text that starts like a formula also gets Excel's quote prefix, so editing the cell keeps it text.
"""

from __future__ import annotations

import contextlib

from . import xml_safe

#: first characters that make Excel or LibreOffice read typed text as a formula
FORMULA_STARTS = ("=", "+", "-", "@")


def put(sheet, row: int, column: int, value):
    """Write ``value`` to a cell of an openpyxl sheet; strings always stay text."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    text = xml_safe(value)
    cell = sheet.cell(row=row, column=column, value=text)
    cell.data_type = "s"
    if text[:1] in FORMULA_STARTS:
        cell.quotePrefix = True
    return cell


def header_row(sheet, names, fill: str, freeze: str = "A2") -> None:
    """A bold, shaded first row and frozen panes below (and left of) ``freeze``."""
    from openpyxl.styles import Font, PatternFill

    for column, name in enumerate(names, 1):
        cell = put(sheet, 1, column, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = freeze


def close_quietly(workbook) -> None:
    """Finish the streams of a write-only workbook whose writing failed: an unfinished sheet's
    generators would otherwise print "Exception ignored … Traceback" when garbage-collected."""
    for sheet in getattr(workbook, "_sheets", []):
        with contextlib.suppress(Exception):
            sheet.close()
