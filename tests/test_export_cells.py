"""The cell helper every workbook exporter shares: user text never becomes a formula."""

from __future__ import annotations

import openpyxl
import pytest

from ushtil.export.cells import header_row, put


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+7 701 000", "-20%", "@SUM(A1)"])
def test_formula_like_text_stays_text(tmp_path, text):
    book = openpyxl.Workbook()
    header_row(book.active, ["Term"], "DDEBF7")
    put(book.active, 2, 1, text)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    cell = openpyxl.load_workbook(path).active.cell(2, 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_control_characters_cannot_break_the_workbook(tmp_path):
    book = openpyxl.Workbook()
    put(book.active, 1, 1, "ЕО\x07 және ЕС")
    put(book.active, 1, 2, 0.75)
    book.save(tmp_path / "cells.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "cells.xlsx").active
    assert sheet.cell(1, 1).value == "ЕО\ufffd және ЕС"
    assert sheet.cell(1, 2).value == 0.75
