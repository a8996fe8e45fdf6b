"""The glossary workbook is written with xlsxwriter (a large glossary's cells in about a third of
openpyxl's time) and must be the workbook openpyxl made with the shared layout of
:mod:`ushtil.export.cells`: the same sheets, cells, types, styles, row heights, column widths, frozen
panes, filters, drop-downs and page setup, as openpyxl reads both back."""

from __future__ import annotations

import dataclasses

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from conftest import ROOT, SEED_ARTICLE
from ushtil.export.glossary_base import TERM_COLUMNS, export_glossary, term_row
from ushtil.export.glossary_workbook import (
    ABOUT_HELP,
    EXPORTED_SHEET,
    MARKER,
    SPARE_ROWS,
    WIDTHS,
    import_glossary_workbook,
)
from ushtil.glossary import KINDS, STATUSES, Evidence, Glossary, GlossaryEntry, build_glossary, save_glossary
from ushtil.glossary.store import COLUMNS, entry_row
from ushtil.model import LANGS


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    """The seed article's glossary with candidates, inconsistent entries and text a writer may spoil."""
    built = build_glossary([SEED_ARTICLE])
    awkward = [
        GlossaryEntry(id="formula", en="=HYPERLINK(\"http://evil.example\")", kk="+7 (727)", ru="-1 градус",
                      note="@SUM(A1:A9)", variants={"kk": {"+7": 2, "плюс": 1}},
                      evidence=[Evidence("a1", {"en": "=1+1 " * 40, "kk": "", "ru": "<b>x</b>"}, "abstract")]),
        GlossaryEntry(id="markup", en="<b>bold</b> & co _x0041_", kk="«тырнақша»", ru="Форма\x0cfeed",
                      status="rejected", note="line one\nline two"),
    ]
    assert built.candidates and any(entry.inconsistent for entry in built.entries)
    return dataclasses.replace(built, entries=[*built.entries, *awkward])


def openpyxl_workbook(glossary: Glossary, path) -> None:
    """The glossary workbook as ushtil wrote it with openpyxl, through the layout of ``export.cells``."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from ushtil import __version__
    from ushtil.export.cells import header_row, put, readable_table

    def terms(sheet, entries):
        header_row(sheet, TERM_COLUMNS, "DDEBF7", freeze="B2")
        for row, entry in enumerate(entries, 2):
            for column, value in enumerate(term_row(entry).values(), 1):
                cell = put(sheet, row, column, value)
                if entry.inconsistent:
                    cell.fill = PatternFill("solid", fgColor="FFF2CC")
        last = len(entries) + 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(TERM_COLUMNS))}{last}"
        for name, choices in (("status", STATUSES), ("kind", KINDS)):
            letter = get_column_letter(TERM_COLUMNS.index(name) + 1)
            validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle=f"Unknown {name}",
                                        error=f"Choose one of: {', '.join(choices)}")
            validation.add(f"{letter}2:{letter}{last + SPARE_ROWS}")
            sheet.add_data_validation(validation)
        readable_table(sheet, {get_column_letter(c): WIDTHS[name] for c, name in enumerate(TERM_COLUMNS, 1)})

    workbook = Workbook()
    workbook.active.title = "Terms"
    terms(workbook.active, glossary.entries)
    terms(workbook.create_sheet("Candidates"), glossary.candidates)
    evidence = workbook.create_sheet("Evidence")
    names = ("id", "en term", "article", "section", *(f"{lang} text" for lang in LANGS))
    header_row(evidence, names, "DDEBF7", freeze="B2")
    rows = [(entry.id, entry.en, ev.article, ev.section, *(ev.text.get(lang, "") for lang in LANGS))
            for entry in [*glossary.entries, *glossary.candidates] for ev in entry.evidence]
    for row, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            put(evidence, row, column, value)
    evidence.auto_filter.ref = f"A1:G{max(len(rows) + 1, 1)}"
    readable_table(evidence, {get_column_letter(c): w for c, w in enumerate((18, 24, 22, 10, 50, 50, 50), 1)})
    about = workbook.create_sheet("About")
    rows = [("format", MARKER), ("tool", f"ushtil {__version__}"), ("signature", glossary.signature),
            ("entries", len(glossary.entries)), *ABOUT_HELP]
    for row, (name, value) in enumerate(rows, 1):
        put(about, row, 1, name)
        put(about, row, 2, value)
    readable_table(about, {"A": 14, "B": 100}, header_rows=0)
    hidden = workbook.create_sheet(EXPORTED_SHEET)
    for row, values in enumerate([list(COLUMNS), *(entry_row(entry) for entry in glossary.entries)], 1):
        for column, value in enumerate(values, 1):
            put(hidden, row, column, value)
    hidden.sheet_state = "hidden"
    workbook.save(path)


def described(path) -> dict:
    """Everything a reader of the workbook sees, as openpyxl reads it."""
    workbook = load_workbook(path)
    sheets: dict = {"names": workbook.sheetnames, "active": workbook.active.title}
    for ws in workbook.worksheets:
        widths = {get_column_letter(index): dimension.width for dimension in ws.column_dimensions.values()
                  if dimension.customWidth for index in range(dimension.min, dimension.max + 1)}
        setup = ws.page_setup
        sheets[ws.title] = {
            "state": ws.sheet_state, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            "print titles": ws.print_title_rows, "merged": list(ws.merged_cells.ranges),
            # a left-out fitToWidth is 1 (ECMA-376), as Excel and xlsxwriter write it
            "page": (setup.orientation, str(setup.paperSize), 1 if setup.fitToWidth is None else setup.fitToWidth,
                     setup.fitToHeight, ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "drop-downs": sorted((v.type, v.formula1, str(v.sqref), bool(v.allow_blank), bool(v.showErrorMessage),
                                  bool(v.showInputMessage), v.errorTitle, v.error)
                                 for v in ws.data_validations.dataValidation),
            "widths": widths,
            "heights": {row: dimension.height for row, dimension in ws.row_dimensions.items() if dimension.height},
            "cells": {cell.coordinate: _cell(cell) for row in ws.iter_rows() for cell in row
                      if cell.value is not None or cell.has_style},
        }
    return sheets


def _cell(cell) -> tuple:
    font, fill, alignment = cell.font, cell.fill, cell.alignment
    return (cell.value, cell.data_type if cell.value is not None else None, cell.number_format, cell.hyperlink,
            bool(font.b), font.name, font.sz, fill.fill_type, fill.fgColor.rgb[-6:] if fill.fill_type else None,
            bool(alignment.wrap_text), alignment.vertical, alignment.horizontal, bool(cell.quotePrefix))


def test_the_workbook_is_the_one_openpyxl_wrote(glossary, tmp_path):
    export_glossary(glossary, tmp_path / "xlsxwriter.xlsx")
    openpyxl_workbook(glossary, tmp_path / "openpyxl.xlsx")
    written, reference = described(tmp_path / "xlsxwriter.xlsx"), described(tmp_path / "openpyxl.xlsx")
    assert written["names"] == ["Terms", "Candidates", "Evidence", "About", "_ushtil"]
    for name in reference:
        if isinstance(reference[name], dict):
            for key in reference[name]:
                assert written[name][key] == reference[name][key], (name, key)
        else:
            assert written[name] == reference[name], name
    terms = written["Terms"]["cells"]
    assert any(cell[8] == "FFF2CC" for cell in terms.values())  # an inconsistent entry is shaded
    assert any(cell[12] for cell in terms.values())  # formula-like text carries the quote prefix


def test_an_untouched_workbook_imports_as_no_change(glossary, tmp_path):
    # the "markup" entry's ru holds a form feed (Форма\x0cfeed), which no workbook can hold
    store, path = tmp_path / "glossary.tsv", tmp_path / "glossary.xlsx"
    save_glossary(glossary, store)
    before = store.read_bytes()
    export_glossary(glossary, path)
    result = import_glossary_workbook(path, store)
    assert (result.updated, result.added, result.unchanged) == ([], [], len(glossary.entries))
    assert store.read_bytes() == before


def test_a_control_code_in_the_store_is_never_written_back_as_an_edit(tmp_path):
    """A headword with a control code pasted into the store (a bell inside аймақтық) shows in the
    workbook without it; approving that row takes the headword as the workbook shows it, never with
    U+FFFD, and a real edit of a cell still counts."""
    from openpyxl import load_workbook

    from ushtil.glossary import load_glossary

    store, path = tmp_path / "glossary.tsv", tmp_path / "glossary.xlsx"
    text = (ROOT / "glossary" / "glossary.tsv").read_text(encoding="utf-8")
    pasted = text.replace("\tаймақтық және", "\tаймақ\x07тық және").replace("\tCentral Asia\t", "\tCentral\x0bAsia\t")
    assert pasted.count("\x07") == pasted.count("\x0b") == 1
    store.write_text(pasted, encoding="utf-8")
    before = store.read_bytes()
    export_glossary(load_glossary(store), path)
    assert import_glossary_workbook(path, store).summary().startswith("0 entries updated, 0 added")
    assert store.read_bytes() == before

    workbook = load_workbook(path)
    terms = workbook["Terms"]
    column = {cell.value: cell.column for cell in terms[1]}
    row = {terms.cell(row=r, column=1).value: r for r in range(2, terms.max_row + 1)}
    assert terms.cell(row["regional-and-non-regional"], column["kk"]).value == "аймақтық және аймақтық емес"
    assert terms.cell(row["central-asia"], column["en"]).value == "Central Asia"
    terms.cell(row["regional-and-non-regional"], column["status"]).value = "approved"
    terms.cell(row["central-asia"], column["note"]).value = "Орта Азия is the older name"
    workbook.save(path)
    result = import_glossary_workbook(path, store)
    assert sorted(result.updated) == ["central-asia", "regional-and-non-regional"]
    stored = load_glossary(store)
    approved = stored.get("regional-and-non-regional")
    assert (approved.status, approved.kk) == ("approved", "аймақтық және аймақтық емес")
    central = stored.get("central-asia")
    assert (central.en, central.note) == ("Central Asia", "Орта Азия is the older name")
    assert not any(character in store.read_text(encoding="utf-8") for character in "\x07\x0b\ufffd")
