"""Reading a review workbook back: the articles as they were written (hidden ``_ushtil`` sheet) and
the reviewer's rows (Alignment sheet), refusing workbooks that are not ours or look hostile.

Nothing is applied here (that is :mod:`.review_apply`); rows may have been sorted, filtered,
reordered or given new columns, and long texts continue in ``cont.`` rows, joined again here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property

from ..errors import InputError
from ..model import LANGS, Alignment, Article, Bead
from .review_workbook import (
    CONTINUATION,
    DECISIONS,
    FORMAT_NAME,
    FORMAT_VERSION,
    LANG_NAMES,
    METADATA_SHEET,
    PLAIN_NAME,
    REVIEW_COLUMNS,
    WORKBOOK_ID,
    text_fingerprint,
)
from .xlsx_guard import shows_a_value


@dataclass
class ArticleRecord:
    """An article as written into the hidden metadata sheet: what the reviewer's rows apply to."""

    name: str
    signature: str
    sentences: dict[str, list[str]]
    #: bead number (1-based) → the bead without text
    beads: dict[int, Bead]
    #: bead number → language → fingerprint of the text the sheet showed
    fingerprints: dict[int, dict[str, str]]
    settings: dict[str, str] = field(default_factory=dict)
    paragraph_starts: dict[str, list[int]] = field(default_factory=dict)
    #: the article the alignment was made of (its front matter), when the workbook holds it
    front: Article | None = None
    #: a hash of everything the hidden sheet holds for the article: copies of one workbook share it,
    #: an export from another alignment or a hidden sheet edited by hand does not
    export_hash: str = ""

    def alignment(self) -> Alignment:
        """The alignment as written, bead texts restored from the sentence lists."""
        beads = [replace(bead, text={lang: " ".join(self.sentences[lang][i] for i in bead.sentences[lang])
                                     for lang in LANGS})
                 for _, bead in sorted(self.beads.items())]
        return Alignment(name=self.name, sentences=self.sentences, beads=beads, signature=self.signature,
                         settings=dict(self.settings), paragraph_starts=dict(self.paragraph_starts))


@dataclass
class SheetRow:
    """One bead's row of the Alignment sheet, its ``cont.`` rows joined in."""

    row: int
    decision: str
    comment: str
    parts: dict[int, dict[str, str]]

    def text(self, lang: str) -> str:
        return "".join(self.parts[part].get(lang, "") for part in sorted(self.parts))

    @cached_property
    def fingerprints(self) -> dict[str, str]:
        """Each language's text as compared with the exported one (made once: the merge and the
        import both compare)."""
        return {lang: text_fingerprint(self.text(lang)) for lang in LANGS}

    def edited(self, exported: dict[str, str]) -> list[str]:
        """The languages whose text is not the exported one (``exported``: its fingerprints)."""
        return [lang for lang in LANGS if self.fingerprints[lang] != exported[lang]]


@dataclass
class ReviewSheets:
    """What a review workbook holds: the articles as written and the reviewer's rows."""

    signature: str
    articles: list[ArticleRecord]
    #: (article, bead number) → the row
    rows: dict[tuple[str, int], SheetRow]
    #: rows that cannot be read as they stand
    notes: list[str] = field(default_factory=list)
    #: the id written into the workbook ("" in a workbook of an older ushtil)
    workbook_id: str = ""
    #: when the workbook was last saved, as its properties say (ISO 8601; "" when they do not):
    #: Excel, LibreOffice and openpyxl set it on every save
    saved: str = ""


def read_review_sheets(path: str | os.PathLike) -> ReviewSheets:
    """Read a review workbook; :class:`InputError` (one line) when it is not an ushtil review
    workbook or not safe to open."""
    from .xlsx_guard import damage_is_one_line, formula_cells, open_xlsx

    workbook = open_xlsx(path)
    try:
        with damage_is_one_line(path):
            return _read(workbook, str(path), lambda sheet: formula_cells(path, sheet))
    finally:
        workbook.close()


def _alignment_sheet(workbook, name: str):
    """The reviewer's sheet: the Alignment sheet, or the one sheet a reviewer renamed that has its
    columns (a reviewer may name it in their language); a one-line error when there is none."""
    if "Alignment" in workbook.sheetnames:
        return workbook["Alignment"]
    renamed = []
    for sheet in workbook.worksheets:
        if sheet.title == METADATA_SHEET:
            continue
        sheet.reset_dimensions()
        header = {_cell_str(value).strip() for value in next(sheet.iter_rows(max_row=1, values_only=True), ())}
        if set(REVIEW_COLUMNS) <= header:
            renamed.append(sheet)
    if len(renamed) != 1:
        found = "" if not renamed else f" (the sheets {', '.join(repr(s.title) for s in renamed)} all have its columns)"
        raise InputError(f"{name}: the review workbook has lost its Alignment sheet{found}")
    return renamed[0]


def _read(workbook, name: str, formulas_of) -> ReviewSheets:
    if {"Terms", "About"} <= set(workbook.sheetnames):
        raise InputError(f"{name}: a glossary workbook, not a review workbook: ushtil glossary import {name}")
    if METADATA_SHEET not in workbook.sheetnames:
        raise InputError(f"{name}: not an ushtil review workbook (it has no {METADATA_SHEET} metadata sheet)")
    signature, workbook_id, articles = _read_metadata(workbook[METADATA_SHEET], name)
    sheet = _alignment_sheet(workbook, name)
    rows, notes = _read_alignment_sheet(sheet, name, formulas_of(sheet))
    if sheet.title != "Alignment":
        notes.insert(0, f"the Alignment sheet, renamed {sheet.title!r}, was read")
    modified = workbook.properties.modified
    return ReviewSheets(signature=signature, articles=articles, rows=rows, notes=notes, workbook_id=workbook_id,
                        saved=modified.isoformat() if isinstance(modified, datetime) else "")


def _cell_str(value) -> str:
    """A cell's value as text: spreadsheets turn typed digits into numbers and may add CR line ends."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _whole_number(value) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _read_metadata(sheet, name: str) -> tuple[str, str, list[ArticleRecord]]:
    meta: dict[str, str] = {}
    payloads: dict[str, dict[int, str]] = {}
    sheet.reset_dimensions()  # streamed workbooks state no size: read to the end instead of measuring first
    for row in sheet.iter_rows(values_only=True, max_col=4):
        cells = [*row, None, None, None, None]
        key = _cell_str(cells[0])
        if key == "article":
            part = _whole_number(cells[2])
            if part is None:
                raise InputError(f"{name}: the {METADATA_SHEET} sheet is damaged (article part {cells[2]!r})")
            payloads.setdefault(_cell_str(cells[1]), {})[part] = _cell_str(cells[3])
        elif key:
            meta[key] = _cell_str(cells[1])
    if meta.get("format") != FORMAT_NAME:
        raise InputError(f"{name}: not an ushtil review workbook (format {meta.get('format', 'unknown')!r})")
    version = meta.get("format_version", "")
    if not version.isdigit():
        raise InputError(f"{name}: the review workbook's format version {version!r} is unreadable")
    if int(version) > FORMAT_VERSION:
        raise InputError(
            f"{name}: written by a newer ushtil (workbook format {version}, this ushtil reads {FORMAT_VERSION}); "
            "update ushtil"
        )
    articles = [_article_record(article, parts, name) for article, parts in payloads.items()]
    return meta.get("signature", ""), meta.get(WORKBOOK_ID, "").strip(), articles


def _article_record(article: str, parts: dict[int, str], name: str) -> ArticleRecord:
    try:
        payload = "".join(parts[part] for part in sorted(parts))
        record = json.loads(payload)
        beads = {number: Bead.from_dict(bead) for number, bead in enumerate(record["beads"], 1)}
        fingerprints = {number: {lang: str(bead["fingerprint"][lang]) for lang in LANGS}
                        for number, bead in enumerate(record["beads"], 1)}
        sentences = {lang: [str(s) for s in record["sentences"][lang]] for lang in LANGS}
        if not PLAIN_NAME.fullmatch(str(record["name"])) or record["name"] != article:
            raise ValueError(f"the name {record['name']!r} is not a plain file name")
        for number, bead in beads.items():
            for lang in LANGS:
                if any(not 0 <= index < len(sentences[lang]) for index in bead.sentences[lang]):
                    raise ValueError(f"bead {number} points past the {len(sentences[lang])} {lang} sentences")
                # the fingerprint tells an edited row from an untouched one: it must be its sentences'
                shown = " ".join(sentences[lang][i] for i in bead.sentences[lang])
                if text_fingerprint(shown) != fingerprints[number][lang]:
                    raise ValueError(f"bead {number}'s {lang} fingerprint is not that of its sentences")
        front = Article.from_dict(record["article"]) if isinstance(record.get("article"), dict) else None
        return ArticleRecord(
            name=str(record["name"]), signature=str(record["signature"]), sentences=sentences, beads=beads,
            fingerprints=fingerprints, settings={str(k): str(v) for k, v in (record.get("settings") or {}).items()},
            paragraph_starts={lang: [int(i) for i in v] for lang, v in (record.get("paragraph_starts") or {}).items()
                              if lang in LANGS},
            front=front,
            export_hash=hashlib.sha256(payload.encode("utf-8")).hexdigest(),
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise InputError(f"{name}: the {METADATA_SHEET} sheet is damaged for article {article!r} "
                         f"({type(exc).__name__}: {exc})") from None


def _header_rows(sheet, columns: tuple[str, ...], name: str,
                 formulas: dict[tuple[int, int], str] | None = None) -> Iterator[tuple[int, dict[str, object]]]:
    """Rows after the header as ``(row number, {column: value})``; columns are found by their titles,
    so a reviewer may reorder or add columns. A cell of ``formulas`` whose formula has no value (or
    an error: #REF! …) is a :class:`Formula`: no text the reviewer saw."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_str(value).strip() for value in next(rows, ())]
    missing = [column for column in columns if column not in header]
    if missing:
        raise InputError(f"{name}: the {sheet.title} sheet has no {missing[0]!r} column")
    positions = {column: header.index(column) for column in columns}
    for number, row in enumerate(rows, 2):
        values = {column: row[i] if i < len(row) else None for column, i in positions.items()}
        for column, i in positions.items():
            formula = (formulas or {}).get((number, i + 1))
            if formula is not None and not shows_a_value(values[column]):
                values[column] = Formula(formula, values[column])
        if any(value is not None and value != "" for value in (*row, *values.values())):
            yield number, values


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula without a value the reviewer saw (none saved, or an error)."""

    text: str
    value: str | None

    def __str__(self) -> str:
        return f"a formula ({self.text}) " + (f"giving {self.value}" if self.value else "without a saved value")


def _read_alignment_sheet(sheet, name: str, formulas: dict[tuple[int, int], str] | None = None,
                          ) -> tuple[dict[tuple[str, int], SheetRow], list[str]]:
    rows: dict[tuple[str, int], SheetRow] = {}
    continued: list[tuple[int, tuple[str, int], int, dict[str, str]]] = []
    notes: list[str] = []
    for number, row in _header_rows(sheet, REVIEW_COLUMNS, name, formulas):
        unread = [f"the {column} cell holds {value}" for column, value in row.items() if isinstance(value, Formula)]
        if unread:  # read as empty, a sentence would be deleted
            notes.append(f"Alignment row {number}: {'; '.join(unread)}; row ignored")
            continue
        article = _cell_str(row["Article"])
        bead = _whole_number(row["Bead #"])
        if bead is None:
            notes.append(f"Alignment row {number}: Bead # {row['Bead #']!r} is not a number; row ignored")
            continue
        text = {lang: _cell_str(row[LANG_NAMES[lang]]) for lang in LANGS}
        part = CONTINUATION.fullmatch(_cell_str(row["Type"]).strip())
        if part:
            continued.append((number, (article, bead), int(part.group(1)), text))
            continue
        if (article, bead) in rows:
            notes.append(f"Alignment row {number}: a second row for {article} bead #{bead}; row ignored")
            continue
        rows[(article, bead)] = SheetRow(
            row=number, decision=_decision(_cell_str(row["Decision"]), number, notes),
            comment=_cell_str(row["Comment"]).strip(), parts={1: text},
        )
    for number, key, part, text in continued:
        if part < 2:
            notes.append(f"Alignment row {number}: continuation part {part} of {key[0]} bead #{key[1]}; ignored")
        elif key not in rows:
            notes.append(f"Alignment row {number}: continues {key[0]} bead #{key[1]}, which has no row; ignored")
        else:
            rows[key].parts[part] = text
    return rows, notes


def _decision(value: str, row: int, notes: list[str]) -> str:
    value = value.strip()
    if not value:
        return ""
    for decision in DECISIONS:
        if value.casefold() == decision.casefold():
            return decision
    notes.append(f"Alignment row {row}: unknown decision {value!r} (expected {', '.join(DECISIONS)}); "
                 "treated as undecided")
    return ""
