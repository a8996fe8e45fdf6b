"""Issue 10, point 8: glossary and check workbooks a translator can read and print.

Rows are as tall as their wrapped text (spreadsheets do not grow rows on opening), pages are
landscape and fitted to the width with the header row repeated, the header is frozen. Read back
with openpyxl; the LibreOffice rendering is ``tools/render_workbooks.py``.
"""

from __future__ import annotations

import math

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from conftest import ROOT
from ushtil.export.cells import LINE_HEIGHT

SHEETS = {"glossary": ("Terms", "Evidence"), "check": ("Findings", "Aligned")}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory, seed_article, seed_alignment):
    import ushtil
    from ushtil.export.check_report import write_check_workbook
    from ushtil.export.glossary_base import export_glossary

    folder = tmp_path_factory.mktemp("layout")
    glossary = ushtil.build_glossary([seed_alignment], existing=ROOT / "glossary" / "glossary.tsv")
    export_glossary(glossary, folder / "glossary.xlsx")
    write_check_workbook(ushtil.check(seed_article), folder / "check.xlsx")
    return {name: load_workbook(folder / f"{name}.xlsx") for name in SHEETS}


def column_width(ws, letter: str) -> float | None:
    """The width the file gives column ``letter``: a ``<col>`` element may cover several columns,
    which openpyxl keys by the first of them only."""
    index = column_index_from_string(letter)
    return next((dimension.width for dimension in ws.column_dimensions.values()
                 if dimension.customWidth and dimension.min <= index <= dimension.max), None)


def fit_to_width(ws) -> int:
    """Pages wide the sheet is fitted to; the attribute left out means 1 (ECMA-376), as Excel writes it."""
    return 1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth


def lines_needed(text: str, width: float) -> int:
    """Wrapped lines of ``text`` in a column ``width`` characters wide, a conservative estimate."""
    return sum(math.ceil(max(len(line), 1) / width) for line in str(text).split("\n"))


@pytest.mark.parametrize(("book", "sheet"), [(b, s) for b, sheets in SHEETS.items() for s in sheets])
def test_rows_are_as_tall_as_their_wrapped_text(workbooks, book, sheet):
    ws = workbooks[book][sheet]
    assert ws.max_row > 5
    tall = 0
    for row in ws.iter_rows(min_row=2):
        height = ws.row_dimensions[row[0].row].height
        assert height is not None, f"{sheet} row {row[0].row} has no height"
        for cell in row:
            if isinstance(cell.value, str) and cell.value:
                assert cell.alignment.wrap_text, f"{sheet}!{cell.coordinate} is not wrapped"
                width = column_width(ws, cell.column_letter)
                assert height >= LINE_HEIGHT * lines_needed(cell.value, width), (
                    f"{sheet}!{cell.coordinate}: {height} pt for {len(cell.value)} characters in width {width}")
        tall += height > 2 * LINE_HEIGHT
    assert tall >= 3  # some rows really hold several lines


@pytest.mark.parametrize(("book", "sheet"), [(b, s) for b, sheets in SHEETS.items() for s in sheets])
def test_pages_are_landscape_fitted_to_width_with_the_header_repeated(workbooks, book, sheet):
    ws = workbooks[book][sheet]
    assert ws.page_setup.orientation == "landscape"
    assert (fit_to_width(ws), ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows.replace("$", "") == "1:1"
    assert ws.freeze_panes in ("A2", "B2")
    widths = sum(column_width(ws, c.column_letter) or 13 for c in ws[1])
    assert widths <= 270  # fitted to one landscape page, the text stays legible


def test_central_asia_row_shows_all_its_variants(workbooks):
    terms = workbooks["glossary"]["Terms"]
    header = {cell.value: cell.column_letter for cell in terms[1]}
    rows = {terms[f"A{r}"].value: r for r in range(2, terms.max_row + 1)}
    central, short = rows["central-asia"], rows["eu"]
    assert "Орталық Азия" in terms[f"{header['variants']}{central}"].value
    assert terms.row_dimensions[central].height >= 3 * LINE_HEIGHT > terms.row_dimensions[short].height
