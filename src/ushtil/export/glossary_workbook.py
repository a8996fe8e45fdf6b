"""The glossary as an Excel workbook for translators, and the way an edited one comes back.

Sheets: **Terms** (one entry a row, filters on every column, a drop-down for status and kind,
inconsistent entries shaded), **Evidence** (the beads each entry was seen in) and **About** (how the
glossary was made, and the marker that tells an ushtil glossary workbook from any other). A workbook
that comes back is checked like every foreign workbook (:mod:`.xlsx_guard`: size, zip bomb, DTD) and
must carry that marker; its status and corrections then update the curated store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..glossary import KINDS, STATUSES, Glossary
from ..glossary.store import COLUMNS, entry_from_row, load_glossary, save_glossary
from ..model import LANGS
from .cells import header_row, put
from .glossary_base import TERM_COLUMNS, GlossaryExporter, term_row

MARKER = "ushtil glossary workbook"
#: Rows a translator may add below the entries and still get drop-downs.
SPARE_ROWS = 200
#: More rows than this in an edited Terms sheet is not a glossary.
MAX_ROWS = 200_000
WIDTHS = {"id": 22, "en": 30, "kk": 30, "ru": 30, "variants": 50, "kind": 10, "status": 12, "confidence": 11,
          "frequency": 10, "articles": 9, "inconsistent": 12, "note": 40, "source": 14}


class GlossaryWorkbook(GlossaryExporter):
    name = "Excel workbook"
    suffix = ".xlsx"

    def write_file(self, glossary: Glossary, path: Path) -> None:
        from openpyxl import Workbook

        workbook = Workbook()
        _terms_sheet(workbook.active, glossary)
        if glossary.candidates:
            _candidates_sheet(workbook.create_sheet("Candidates"), glossary)
        _evidence_sheet(workbook.create_sheet("Evidence"), glossary)
        _about_sheet(workbook.create_sheet("About"), glossary)
        workbook.save(path)


def _terms_sheet(sheet, glossary: Glossary) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.title = "Terms"
    header_row(sheet, TERM_COLUMNS, "DDEBF7", freeze="B2")
    shade = PatternFill("solid", fgColor="FFF2CC")
    for row, entry in enumerate(glossary.entries, 2):
        for column, value in enumerate(term_row(entry).values(), 1):
            cell = put(sheet, row, column, value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if entry.inconsistent:
                cell.fill = shade
    last = len(glossary.entries) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TERM_COLUMNS))}{last}"
    for name, choices in (("status", STATUSES), ("kind", KINDS)):
        letter = get_column_letter(TERM_COLUMNS.index(name) + 1)
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle=f"Unknown {name}",
                                    error=f"Choose one of: {', '.join(choices)}")
        validation.add(f"{letter}2:{letter}{last + SPARE_ROWS}")
        sheet.add_data_validation(validation)
    for column, name in enumerate(TERM_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[name]


def _candidates_sheet(sheet, glossary: Glossary) -> None:
    """The lower-confidence finds, laid out like Terms; a row copied to Terms is imported from there."""
    _terms_sheet(sheet, Glossary(entries=glossary.candidates))
    sheet.title = "Candidates"


def _evidence_sheet(sheet, glossary: Glossary) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    names = ("id", "en term", "article", "section", *(f"{lang} text" for lang in LANGS))
    header_row(sheet, names, "DDEBF7", freeze="B2")
    row = 2
    for entry in [*glossary.entries, *glossary.candidates]:
        for evidence in entry.evidence:
            values = (entry.id, entry.en, evidence.article, evidence.section,
                      *(evidence.text.get(lang, "") for lang in LANGS))
            for column, value in enumerate(values, 1):
                put(sheet, row, column, value).alignment = Alignment(vertical="top", wrap_text=True)
            row += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(row - 1, 1)}"
    for column, width in enumerate((22, 30, 24, 10, 60, 60, 60), 1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _about_sheet(sheet, glossary: Glossary) -> None:
    rows = [
        ("format", MARKER),
        ("tool", f"ushtil {__version__}"),
        ("signature", glossary.signature),
        ("entries", len(glossary.entries)),
        ("how to edit", "Change status (candidate/approved/rejected), correct en/kk/ru, variants or note on the "
                        "Terms sheet, then run: ushtil glossary --import THIS.xlsx"),
        ("columns", "variants: every rendering seen with counts, 'kk: Орта Азия (8); Орталық Азия (3) | ru: …'; "
                    "inconsistent: one English term with several renderings in a language"),
    ]
    for row, (name, value) in enumerate(rows, 1):
        put(sheet, row, 1, name)
        put(sheet, row, 2, value)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 100


@dataclass
class GlossaryImport:
    """What importing an edited workbook changed in the store."""

    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (f"{len(self.updated)} entries updated, {len(self.added)} added, {self.unchanged} unchanged"
                + (f" (updated: {', '.join(self.updated[:8])}{' …' if len(self.updated) > 8 else ''})"
                   if self.updated else ""))


def read_glossary_workbook(path: str | os.PathLike) -> Glossary:
    """The entries of an edited glossary workbook, refusing foreign or hostile files (one-line errors)."""
    from .xlsx_guard import open_xlsx

    workbook = open_xlsx(path)
    try:
        names = workbook.sheetnames
        if "About" not in names or "Terms" not in names:
            raise InputError(f"{path}: not an ushtil glossary workbook (no Terms and About sheets)")
        about = {str(row[0]): row[1] for row in workbook["About"].iter_rows(max_row=20, max_col=2, values_only=True)
                 if row and row[0] is not None}
        if about.get("format") != MARKER:
            raise InputError(f"{path}: not an ushtil glossary workbook (its About sheet lacks the marker)")
        return Glossary(entries=list(_terms(workbook["Terms"], path)), signature=f"workbook {Path(path).name}")
    finally:
        workbook.close()


def _terms(sheet, path):
    rows = sheet.iter_rows(values_only=True)
    header = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise InputError(f"{path}: the Terms sheet lacks the columns {', '.join(missing)}")
    seen = set()
    for number, values in enumerate(rows, 2):
        if number > MAX_ROWS:
            raise InputError(f"{path}: the Terms sheet has more than {MAX_ROWS} rows")
        if not values or all(value in (None, "") for value in values):
            continue
        row = {name: _text(value) for name, value in zip(header, values, strict=False) if name}
        entry = entry_from_row(row, f"{path}: Terms row {number}: ")
        if entry.id in seen:
            raise InputError(f"{path}: Terms row {number}: duplicate id {entry.id!r}")
        seen.add(entry.id)
        yield entry


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def import_glossary_workbook(path: str | os.PathLike, store: str | os.PathLike) -> GlossaryImport:
    """Apply an edited workbook to the curated store: a person's status and corrections win, rows with
    new ids are added. The store is rewritten atomically, and only when the whole workbook is valid."""
    edited = read_glossary_workbook(path)
    current = load_glossary(store) if Path(store).exists() else Glossary()
    by_id = {entry.id: entry for entry in current.entries}
    result = GlossaryImport()
    for entry in edited.entries:
        stored = by_id.get(entry.id)
        if stored is None:
            entry.source = entry.source or "workbook"
            current.entries.append(entry)
            by_id[entry.id] = entry
            result.added.append(entry.id)
            continue
        changes = {name: getattr(entry, name) for name in ("en", "kk", "ru", "variants", "kind", "status", "note",
                                                            "source") if getattr(entry, name) != getattr(stored, name)}
        if not changes:
            result.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(stored, name, value)
        result.updated.append(entry.id)
    if result.updated or result.added:
        save_glossary(current, store)
    return result


EXPORTER = GlossaryWorkbook
