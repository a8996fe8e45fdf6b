"""The glossary as an Excel workbook for translators, and the way an edited one comes back.

Sheets: **Terms** (one entry a row, filters on every column, a drop-down for status and kind,
inconsistent entries shaded), **Evidence** (the beads each entry was seen in), **About** (how the
glossary was made, and the marker that tells an ushtil glossary workbook from any other) and the
hidden **_ushtil** sheet: each entry's cells as exported, so an import can tell the rows a person
edited from the rows left as they were. A workbook that comes back is checked like every foreign
workbook (:mod:`.xlsx_guard`: size, zip bomb, DTD) and must carry the marker; only what a person
changed (a status chosen, a headword, variant or note edited, a row added) then updates the store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..glossary import KINDS, STATUSES, Glossary
from ..glossary.model import GlossaryEntry
from ..glossary.store import COLUMNS, EDITED_SOURCE, entry_from_row, entry_row, load_glossary, save_glossary
from ..model import LANGS
from .cells import header_row, put, readable_table
from .glossary_base import TERM_COLUMNS, GlossaryExporter, term_row

MARKER = "ushtil glossary workbook"
#: The hidden sheet with every entry's cells as exported (the store's :data:`COLUMNS`).
EXPORTED_SHEET = "_ushtil"
#: Rows a translator may add below the entries and still get drop-downs.
SPARE_ROWS = 200
#: More rows than this in an edited Terms sheet is not a glossary.
MAX_ROWS = 200_000
#: Column widths of the Terms sheet: together about as wide as a landscape page holds legibly.
WIDTHS = {"id": 18, "en": 26, "kk": 26, "ru": 26, "variants": 40, "kind": 9, "status": 10, "confidence": 10,
          "frequency": 10, "articles": 9, "inconsistent": 12, "note": 36, "source": 14}


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
        _exported_sheet(workbook.create_sheet(EXPORTED_SHEET), glossary)
        workbook.save(path)


def _terms_sheet(sheet, glossary: Glossary) -> None:
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.title = "Terms"
    header_row(sheet, TERM_COLUMNS, "DDEBF7", freeze="B2")
    shade = PatternFill("solid", fgColor="FFF2CC")
    for row, entry in enumerate(glossary.entries, 2):
        for column, value in enumerate(term_row(entry).values(), 1):
            cell = put(sheet, row, column, value)
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
    readable_table(sheet, {get_column_letter(column): WIDTHS[name] for column, name in enumerate(TERM_COLUMNS, 1)})


def _candidates_sheet(sheet, glossary: Glossary) -> None:
    """The lower-confidence finds, laid out like Terms; a row copied to Terms is imported from there."""
    _terms_sheet(sheet, Glossary(entries=glossary.candidates))
    sheet.title = "Candidates"


def _evidence_sheet(sheet, glossary: Glossary) -> None:
    from openpyxl.utils import get_column_letter

    names = ("id", "en term", "article", "section", *(f"{lang} text" for lang in LANGS))
    header_row(sheet, names, "DDEBF7", freeze="B2")
    row = 2
    for entry in [*glossary.entries, *glossary.candidates]:
        for evidence in entry.evidence:
            values = (entry.id, entry.en, evidence.article, evidence.section,
                      *(evidence.text.get(lang, "") for lang in LANGS))
            for column, value in enumerate(values, 1):
                put(sheet, row, column, value)
            row += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(row - 1, 1)}"
    readable_table(sheet, {get_column_letter(column): width
                           for column, width in enumerate((18, 24, 22, 10, 50, 50, 50), 1)})


def _about_sheet(sheet, glossary: Glossary) -> None:
    rows = [
        ("format", MARKER),
        ("tool", f"ushtil {__version__}"),
        ("signature", glossary.signature),
        ("entries", len(glossary.entries)),
        ("how to edit", "Change status (candidate/approved/rejected), correct en/kk/ru, variants or note on the "
                        "Terms sheet, then run: ushtil glossary import THIS.xlsx (only the rows you changed "
                        "are applied)"),
        ("columns", "variants: every rendering seen with counts, 'kk: Орта Азия (8); Орталық Азия (3) | ru: …'; "
                    "inconsistent: one English term with several renderings in a language"),
    ]
    for row, (name, value) in enumerate(rows, 1):
        put(sheet, row, 1, name)
        put(sheet, row, 2, value)
    readable_table(sheet, {"A": 14, "B": 100}, header_rows=0)


def _exported_sheet(sheet, glossary: Glossary) -> None:
    """Hidden: each entry's store cells as exported, the baseline an import compares rows with."""
    for column, name in enumerate(COLUMNS, 1):
        put(sheet, 1, column, name)
    for row, entry in enumerate(glossary.entries, 2):
        for column, value in enumerate(entry_row(entry), 1):
            put(sheet, row, column, value)
    sheet.sheet_state = "hidden"


@dataclass
class GlossaryImport:
    """What importing an edited workbook changed in the store, and the store as it is afterwards."""

    glossary: Glossary = field(default_factory=Glossary)
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: two approved entries claiming one term in one language (reported, never merged)
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.added)

    def summary(self) -> str:
        return (f"{len(self.updated)} entries updated, {len(self.added)} added, {self.unchanged} unchanged"
                + (f" (updated: {', '.join(self.updated[:8])}{' …' if len(self.updated) > 8 else ''})"
                   if self.updated else "")
                + (f"; {len(self.conflicts)} conflict(s)" if self.conflicts else ""))


@dataclass
class EditedRow:
    """One Terms row read back: the entry it describes and the cells it had when exported."""

    entry: GlossaryEntry
    cells: dict[str, str]
    #: the row's cells as exported (None for a row a person added)
    exported: dict[str, str] | None

    @property
    def edited(self) -> list[str]:
        """The store columns whose cell a person changed (every column of an added row)."""
        if self.exported is None:
            return list(COLUMNS)
        return [name for name in COLUMNS if self.cells[name] != self.exported.get(name, "")]


def read_glossary_workbook(path: str | os.PathLike) -> Glossary:
    """The entries of an edited glossary workbook, refusing foreign or hostile files (one-line errors)."""
    return Glossary(entries=[row.entry for row in read_edited_rows(path)], signature=f"workbook {Path(path).name}")


def read_edited_rows(path: str | os.PathLike) -> list[EditedRow]:
    """The Terms rows of a glossary workbook with their exported cells (one-line errors for foreign,
    hostile or invalid workbooks)."""
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
        if EXPORTED_SHEET not in names:
            raise InputError(f"{path}: made by an older ushtil (no {EXPORTED_SHEET} sheet to tell edited rows); "
                             "export the glossary again")
        exported = {cells["id"]: cells for _, cells in _rows(workbook[EXPORTED_SHEET], path, EXPORTED_SHEET)}
        rows, seen = [], set()
        for number, cells in _rows(workbook["Terms"], path, "Terms"):
            entry = entry_from_row(cells, f"{path}: Terms row {number}: ")
            if entry.id in seen:
                raise InputError(f"{path}: Terms row {number}: duplicate id {entry.id!r}")
            seen.add(entry.id)
            rows.append(EditedRow(entry, cells, exported.get(entry.id)))
        return rows
    finally:
        workbook.close()


def _rows(sheet, path, title: str):
    """(row number, store cells as clean text) for every non-empty row below the header."""
    rows = sheet.iter_rows(values_only=True)
    header = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise InputError(f"{path}: the {title} sheet lacks the columns {', '.join(missing)}")
    for number, values in enumerate(rows, 2):
        if number > MAX_ROWS:
            raise InputError(f"{path}: the {title} sheet has more than {MAX_ROWS} rows")
        if not values or all(value in (None, "") for value in values):
            continue
        row = {name: _text(value) for name, value in zip(header, values, strict=False) if name}
        yield number, {name: " ".join(row.get(name, "").split()) for name in COLUMNS}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def import_glossary_workbook(path: str | os.PathLike, store: str | os.PathLike, save: bool = True) -> GlossaryImport:
    """Apply what a person changed in an edited workbook to the curated store.

    A row left as exported changes nothing; an edited row changes only the cells that were edited
    (choosing "approved" also takes the headwords the row shows); a row with an id the workbook did not
    export is added; a deleted row deletes nothing. Two approved entries claiming one term in one
    language are reported in :attr:`GlossaryImport.conflicts`. With ``save`` the store is rewritten
    atomically, only when something changed and the whole workbook is valid.
    """
    rows = read_edited_rows(path)
    current = load_glossary(store) if Path(store).exists() else Glossary()
    by_id = {entry.id: entry for entry in current.entries}
    result = GlossaryImport(glossary=current)
    for row in rows:
        edited = row.edited
        if not edited:
            result.unchanged += 1
            continue
        stored = by_id.get(row.entry.id)
        if stored is None:
            row.entry.source = row.entry.source or EDITED_SOURCE
            current.entries.append(row.entry)
            by_id[row.entry.id] = row.entry
            result.added.append(row.entry.id)
            continue
        if "status" in edited and row.entry.status == "approved":
            edited = sorted(set(edited) | {"en", "kk", "ru", "kind"})
        changes = {name: getattr(row.entry, name) for name in edited
                   if name != "id" and getattr(row.entry, name) != getattr(stored, name)}
        if not changes:
            result.unchanged += 1
            continue
        for name, value in changes.items():
            setattr(stored, name, value)
        if stored.status == "candidate" and {"en", "kk", "ru"} & set(changes) and "source" not in edited:
            stored.source = EDITED_SOURCE  # so the next build keeps the headwords the person wrote
        result.updated.append(stored.id)
    result.conflicts = approved_conflicts(current)
    if save and result.changed:
        save_glossary(current, store)
    return result


def approved_conflicts(glossary: Glossary) -> list[str]:
    """One line per term that two approved entries both claim as their headword in one language."""
    claims: dict[tuple[str, str], list[str]] = {}
    for entry in glossary.approved:
        for lang in LANGS:
            if entry.term(lang):
                claims.setdefault((lang, entry.term(lang).casefold()), []).append(entry.id)
    return [f"{lang} {glossary.get(ids[0]).term(lang)!r} is approved in {', '.join(ids)}"
            for (lang, _), ids in claims.items() if len(ids) > 1]


EXPORTER = GlossaryWorkbook
