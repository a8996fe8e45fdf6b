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
from . import xml_safe
from .cells import FONT_NAME, FONT_SIZE, FORMULA_STARTS, MAX_CELL_TEXT, row_height
from .glossary_base import TERM_COLUMNS, GlossaryExporter, term_row

MARKER = "ushtil glossary workbook"
#: The hidden sheet with every entry's cells as exported (the store's :data:`COLUMNS`).
EXPORTED_SHEET = "_ushtil"
#: Rows a translator may add below the entries and still get drop-downs.
SPARE_ROWS = 200
#: More rows than this in an edited Terms sheet is not a glossary.
MAX_ROWS = 200_000
#: The About sheet's rows below the marker, the tool, the signature and the number of entries.
ABOUT_HELP = (
    ("how to edit", "Change status (candidate/approved/rejected), correct en/kk/ru, variants or note on the "
                    "Terms sheet, then run: ushtil glossary import THIS.xlsx (only the rows you changed "
                    "are applied)"),
    ("columns", "variants: every rendering seen with counts, 'kk: Орта Азия (8); Орталық Азия (3) | ru: …'; "
                "inconsistent: one English term with several renderings in a language"),
)
#: Column widths of the Terms sheet: together about as wide as a landscape page holds legibly.
WIDTHS = {"id": 18, "en": 26, "kk": 26, "ru": 26, "variants": 40, "kind": 9, "status": 10, "confidence": 10,
          "frequency": 10, "articles": 9, "inconsistent": 12, "note": 36, "source": 14}


class GlossaryWorkbook(GlossaryExporter):
    """Written with xlsxwriter, which writes a large glossary's cells in about a third of openpyxl's time;
    the layout is the one :func:`.cells.readable_table` gives openpyxl's sheets (the
    review and check workbooks), and edited workbooks are read back with openpyxl."""

    name = "Excel workbook"
    suffix = ".xlsx"

    def write_file(self, glossary: Glossary, path: Path) -> None:
        import xlsxwriter

        terms = [list(term_row(entry).values()) for entry in glossary.entries]
        candidates = [list(term_row(entry).values()) for entry in glossary.candidates]
        evidence = [[entry.id, entry.en, evidence.article, evidence.section,
                     *(evidence.text.get(lang, "") for lang in LANGS)]
                    for entry in [*glossary.entries, *glossary.candidates] for evidence in entry.evidence]
        exported = [entry_row(entry) for entry in glossary.entries]
        workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
        cells = _Cells(workbook)
        _terms_sheet(workbook.add_worksheet("Terms"), cells, terms, [e.inconsistent for e in glossary.entries])
        if candidates:
            _terms_sheet(workbook.add_worksheet("Candidates"), cells, candidates,
                         [e.inconsistent for e in glossary.candidates])
        names = ("id", "en term", "article", "section", *(f"{lang} text" for lang in LANGS))
        _table(workbook.add_worksheet("Evidence"), cells, names, evidence, (18, 24, 22, 10, 50, 50, 50))
        _about_sheet(workbook.add_worksheet("About"), cells, glossary)
        hidden = workbook.add_worksheet(EXPORTED_SHEET)
        for row, values in enumerate([list(COLUMNS), *exported]):
            for column, value in enumerate(values):
                cells.put(hidden, row, column, value, wrapped=False)
        hidden.hide()
        workbook.close()


class _Cells:
    """Cells as :func:`.cells.put` and :func:`.cells.readable_table` make them in openpyxl: text
    always text (a formula-like start gets Excel's quote prefix), wrapped at the top, a bold shaded
    header; one xlsxwriter format per combination, made once."""

    HEADER, SHADED = "DDEBF7", "FFF2CC"

    def __init__(self, workbook) -> None:
        self._workbook = workbook
        self._formats: dict[tuple[bool, str, bool], object] = {}

    def put(self, sheet, row: int, column: int, value, wrapped: bool = True, fill: str = "") -> str | None:
        """Write ``value`` at the zero-based ``row`` and ``column``; the text a row's height counts."""
        if value is None:
            return None
        if not isinstance(value, str):
            sheet.write_number(row, column, value, self._format(wrapped, fill, False))
            return str(value)
        text = xml_safe(value)[:MAX_CELL_TEXT]
        if text:
            sheet.write_string(row, column, text, self._format(wrapped, fill, text[:1] in FORMULA_STARTS))
        else:  # an empty cell with its style, as openpyxl writes an empty string
            sheet.write_blank(row, column, None, self._format(wrapped, fill, False))
        return text

    def _format(self, wrapped: bool, fill: str, quoted: bool):
        key = (wrapped, fill, quoted)
        if key not in self._formats:
            properties: dict[str, object] = {}
            if wrapped:
                properties.update(text_wrap=True, valign="top")
            if fill:
                properties.update(pattern=1, bg_color=f"#{fill}")
            if fill == self.HEADER:
                properties.update(bold=True, font_name=FONT_NAME, font_size=FONT_SIZE)
            if quoted:
                properties["quote_prefix"] = True
            self._formats[key] = self._workbook.add_format(properties) if properties else None
        return self._formats[key]


def _terms_sheet(sheet, cells: _Cells, rows: list[list], shaded: list[bool]) -> None:
    """Terms (or Candidates): filters, drop-downs for status and kind, inconsistent entries shaded."""
    widths = [WIDTHS[name] for name in TERM_COLUMNS]
    _table(sheet, cells, TERM_COLUMNS, rows, widths, [cells.SHADED if shade else "" for shade in shaded])
    last = len(rows)  # the last entry's zero-based row
    for name, choices in (("status", STATUSES), ("kind", KINDS)):
        column = TERM_COLUMNS.index(name)
        sheet.data_validation(1, column, last + SPARE_ROWS, column, {
            "validate": "list", "source": list(choices), "ignore_blank": True, "show_input": False,
            "show_error": True, "error_title": f"Unknown {name}",
            "error_message": f"Choose one of: {', '.join(choices)}"})


def _table(sheet, cells: _Cells, names, rows: list[list], widths, fills: list[str] | None = None) -> None:
    """A header row and ``rows`` below it, laid out to read and print (:func:`.cells.readable_table`)
    with a filter on every column and the panes frozen below the header and right of the first column."""
    _set_widths(sheet, widths)
    _write_rows(sheet, cells, [names, *rows], widths, [cells.HEADER, *(fills or [""] * len(rows))])
    sheet.autofilter(0, 0, len(rows), len(names) - 1)
    sheet.freeze_panes(1, 1)
    sheet.repeat_rows(0)
    _print_landscape(sheet)


def _about_sheet(sheet, cells: _Cells, glossary: Glossary) -> None:
    rows = [("format", MARKER), ("tool", f"ushtil {__version__}"), ("signature", glossary.signature),
            ("entries", len(glossary.entries)), *ABOUT_HELP]
    _set_widths(sheet, (14, 100))
    _write_rows(sheet, cells, rows, (14, 100), [""] * len(rows))
    _print_landscape(sheet)


def _write_rows(sheet, cells: _Cells, rows: list, widths, fills: list[str]) -> None:
    """Every cell wrapped at the top and each row as tall as its longest wrapped text."""
    for row, (values, fill) in enumerate(zip(rows, fills, strict=True)):
        texts = {}
        for column, value in enumerate(values):
            text = cells.put(sheet, row, column, value, fill=fill)
            if text is not None:
                texts[column] = text
        if texts:
            sheet.set_row(row, row_height(texts, widths))


def _set_widths(sheet, widths) -> None:
    # xlsxwriter keeps a width in pixels and writes pixels / 7 characters (Calibri 11's digit): 7 × a
    # whole width gives the width openpyxl writes as it is.
    for column, width in enumerate(widths):
        sheet.set_column_pixels(column, column, 7 * width)


def _print_landscape(sheet) -> None:
    """As :func:`.cells.print_landscape`: landscape A4, as wide as the sheet, as many pages long as needed."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


@dataclass
class GlossaryImport:
    """What importing an edited workbook changed in the store, and the store as it is afterwards."""

    glossary: Glossary = field(default_factory=Glossary)
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: two approved entries claiming one term in one language (reported, never merged)
    conflicts: list[str] = field(default_factory=list)
    #: rows not taken: the store's entry was approved or rejected (or its headwords changed) since the export
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.added)

    def summary(self) -> str:
        return (f"{len(self.updated)} entries updated, {len(self.added)} added, {self.unchanged} unchanged"
                + (f" (updated: {', '.join(self.updated[:8])}{' …' if len(self.updated) > 8 else ''})"
                   if self.updated else "")
                + (f"; {len(self.conflicts)} conflict(s)" if self.conflicts else "")
                + (f"; {len(self.kept)} row(s) not taken, the store decided since" if self.kept else ""))


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
    from .xlsx_guard import damage_is_one_line, open_xlsx

    workbook = open_xlsx(path)
    try:
        with damage_is_one_line(path):
            return _edited_rows(workbook, path)
    finally:
        workbook.close()


def _edited_rows(workbook, path) -> list[EditedRow]:
    from .xlsx_guard import formula_cells

    names = workbook.sheetnames
    if "Alignment" in names and "Terms" not in names:
        raise InputError(f"{path}: a review workbook, not a glossary workbook: ushtil review import {path} -o FOLDER")
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
    for number, cells in _rows(workbook["Terms"], path, "Terms", formula_cells(path, workbook["Terms"])):
        entry = entry_from_row(cells, f"{path}: Terms row {number}: ")
        if entry.id in seen:
            raise InputError(f"{path}: Terms row {number}: duplicate id {entry.id!r}")
        seen.add(entry.id)
        rows.append(EditedRow(entry, cells, exported.get(entry.id)))
    return rows


def _rows(sheet, path, title: str, formulas: dict[tuple[int, int], str] | None = None):
    """(row number, store cells as clean text) for every non-empty row below the header; a cell of
    ``formulas`` without a value the person saw (none saved, or an error) is refused: read as empty,
    it would blank the headword it stands in."""
    from .xlsx_guard import shows_a_value

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
        for column, (name, value) in enumerate(zip(header, values, strict=False), 1):
            formula = (formulas or {}).get((number, column))
            if name in COLUMNS and formula is not None and not shows_a_value(value):
                raise InputError(f"{path}: {title} row {number}: the {name} cell holds a formula ({formula}) "
                                 f"{'giving ' + value if value else 'without a saved value'}; type the text instead")
        row = {name: _text(value) for name, value in zip(header, values, strict=False) if name}
        yield number, {name: " ".join(row.get(name, "").split()) for name in COLUMNS}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: The cells of a person's decision on an entry: its status, and the headwords and kind it is taken with.
_DECIDING = ("status", "en", "kk", "ru", "kind")


def import_glossary_workbook(path: str | os.PathLike, store: str | os.PathLike, save: bool = True) -> GlossaryImport:
    """Apply what a person changed in an edited workbook to the curated store.

    A row left as exported changes nothing; an edited row changes only the cells that were edited
    (choosing "approved" also takes the headwords the row shows); a row with an id the workbook did not
    export is added; a deleted row deletes nothing. An edited row is not taken where the store's entry
    is approved or rejected and a cell of that decision (status, headwords, kind) this row changes was
    changed in the store since the export (:attr:`GlossaryImport.kept`): a decision made since is never
    undone by an older workbook (to change it, export the store again). Two
    approved entries claiming one term in one language are reported in
    :attr:`GlossaryImport.conflicts`. With ``save`` the store is rewritten atomically, only when
    something changed and the whole workbook is valid.
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
        stored_cells = dict(zip(COLUMNS, entry_row(stored), strict=True))
        decided_since = [name for name in changes if name in _DECIDING
                         and stored_cells[name] != (row.exported or {}).get(name, "")]
        if stored.status in ("approved", "rejected") and decided_since:
            result.kept.append(f"{stored.id}: {', '.join(decided_since)} changed in the store since the workbook "
                               f"was exported, and the entry is {stored.status} there; this row's "
                               f"{', '.join(f'{name} {value!r}' for name, value in changes.items())} not taken")
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


def unimported_rows(path: str | os.PathLike, store: Glossary | None) -> list[str]:
    """The ids of the rows of the glossary workbook at ``path`` a person edited that ``store`` does not
    hold as edited: what a workbook written over it would lose (none for a file that is no glossary
    workbook ushtil reads). The statistics cells (variants, source), which every build refreshes, are
    not compared."""
    try:
        rows = read_edited_rows(path)
    except InputError:
        return []
    stored = {entry.id: dict(zip(COLUMNS, entry_row(entry), strict=True)) for entry in (store.entries if store else [])}
    return [row.entry.id for row in rows
            if any(row.cells[name] != stored.get(row.entry.id, {}).get(name) for name in row.edited
                   if name not in ("variants", "source"))]


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
