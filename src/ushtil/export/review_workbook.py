"""The review workbook: alignments laid out for a translator in Excel or LibreOffice Calc, and read back.

:func:`write_review_workbook` writes the two sheets a reviewer sees — *Summary* (counts per article)
and *Alignment* (one row per bead with a Decision drop-down: OK, Fix, Split, Merge, Reject) — and a
hidden ``_ushtil`` sheet holding what the import needs: the format name and version, the signature
of the run, and per article its sentence lists and bead structure with a fingerprint of each side's
text (to tell what the reviewer edited).

:func:`read_review_workbook` refuses workbooks that are not ours or look hostile, then applies the
reviewer's work: Reject drops the bead, edited text is kept (Fix says so), Split and Merge rows are
kept and listed for follow-up.

Cell rules: every text is written as a string cell, so ``=SUM(…)``, ``+7``, ``-x`` or ``@cmd`` stay
text and never become formulas; a text over Excel's 32,767-character cell limit continues in
``cont.`` rows below its bead, which the import joins again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import __version__
from ..errors import InputError, UshtilError
from ..files import atomic_path
from ..model import LANGS, Alignment, Bead
from . import xml_safe
from .cells import FORMULA_STARTS, close_quietly

FORMAT_NAME = "ushtil-review-workbook"
FORMAT_VERSION = 1

DECISIONS: tuple[str, ...] = ("OK", "Fix", "Split", "Merge", "Reject")
#: Decisions that change the alignment's structure, which a spreadsheet row cannot express.
FOLLOW_UP_DECISIONS: tuple[str, ...] = ("Split", "Merge")
#: Beads scoring below this are highlighted.
LOW_SCORE = 0.5
#: Excel's limit on the characters (UTF-16 code units) of one cell.
CELL_LIMIT = 32_767

LANG_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}
ALIGNMENT_COLUMNS: tuple[str, ...] = (
    "Article", "Bead #", "English", "Kazakh", "Russian", "Type", "Score", "Flags", "Decision", "Comment",
)
_WIDTHS = {"Article": 18, "Bead #": 7, "English": 48, "Kazakh": 48, "Russian": 48, "Type": 8,
           "Score": 7, "Flags": 14, "Decision": 10, "Comment": 28}
#: The workbook's default font (openpyxl's): named on every styled cell so no viewer falls back to a serif.
FONT_NAME, FONT_SIZE = "Calibri", 11
#: Points per wrapped line of that font, and Excel's tallest row.
LINE_HEIGHT, MAX_ROW_HEIGHT = 15.0, 409.0
#: article names become file names on import: no folders, no hidden files, no control codes
_PLAIN_NAME = re.compile(r"(?!\.)[^/\\\x00-\x1f:*?\"<>|]{1,200}")
_CONTINUATION = re.compile(r"cont\.\s*(\d+)\s*/\s*(\d+)")
METADATA_SHEET = "_ushtil"


@dataclass
class ReviewDecision:
    """What the reviewer said about one bead (one row of the Alignment sheet)."""

    article: str
    #: the bead's number as the sheet shows it (1-based)
    bead: int
    #: one of :data:`DECISIONS`, or "" when the row was left undecided
    decision: str
    comment: str = ""
    #: the row's text per language, as the reviewer left it
    text: dict[str, str] = field(default_factory=dict)
    #: languages whose text the reviewer changed
    edited: list[str] = field(default_factory=list)


@dataclass
class ReviewResult:
    """A reviewed workbook read back: the corrected alignments and everything the reviewer said."""

    alignments: list[Alignment]
    decisions: list[ReviewDecision]
    #: rows the import could not apply as they stand (deleted, unknown, unreadable decisions)
    notes: list[str] = field(default_factory=list)
    #: the signature of the run that wrote the workbook
    signature: str = ""

    @property
    def follow_up(self) -> list[ReviewDecision]:
        """Split and Merge rows: the beads a person must restructure."""
        return [d for d in self.decisions if d.decision in FOLLOW_UP_DECISIONS]

    def count(self, decision: str) -> int:
        return sum(1 for d in self.decisions if d.decision == decision)


# --------------------------------------------------------------------------------------------- writing


def write_review_workbook(alignments: list[Alignment], path: str | os.PathLike, signature: str = "") -> None:
    """Write the review workbook for ``alignments`` to ``path`` (atomically)."""
    from openpyxl import Workbook

    names = [alignment.name for alignment in alignments]
    if len(set(names)) < len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise UshtilError(f"two alignments are both named {twice!r}; names must be unique in one workbook")
    for name in names:
        if not _PLAIN_NAME.fullmatch(name):
            raise UshtilError(f"the alignment name {name!r} cannot be a file name "
                              "(the import writes NAME.alignment.jsonl)")
    signature = signature or _default_signature(alignments)
    # the temporary file first: write-only sheets stream as they are filled, and a failure after that
    # leaves generators that print "Exception ignored" tracebacks unless closed (see close_quietly)
    with atomic_path(path) as tmp:
        workbook = Workbook(write_only=True)
        try:
            workbook.properties.title = "ushtil alignment review"
            workbook.properties.creator = f"ushtil {__version__}"
            workbook.properties.subject = f"{FORMAT_NAME} {FORMAT_VERSION}"
            workbook.properties.description = signature
            summary = workbook.create_sheet("Summary")
            styles = _Styles(summary)
            _write_summary(summary, alignments, signature, styles)
            _write_alignment_sheet(workbook.create_sheet("Alignment"), alignments, styles)
            _write_metadata_sheet(workbook.create_sheet(METADATA_SHEET), alignments, signature, styles)
            workbook.active = 1
            workbook.save(tmp)
        except BaseException:
            close_quietly(workbook)
            raise


def _default_signature(alignments: list[Alignment]) -> str:
    signatures = sorted({alignment.signature for alignment in alignments if alignment.signature})
    return " ; ".join(signatures) if signatures else f"ushtil {__version__}"


class _Styles:
    """The workbook's cell styles, each registered once and stamped onto cells as a style array.

    Setting font, fill and alignment cell by cell makes openpyxl hash the style objects for every
    cell; copying a ready style array keeps a 1,000-article workbook at a few seconds.
    """

    def __init__(self, sheet) -> None:
        from openpyxl.cell.cell import Cell
        from openpyxl.styles import Alignment as CellAlignment
        from openpyxl.styles import Border, Font, PatternFill, Side

        self._cell = Cell
        top = CellAlignment(vertical="top")
        wrap = CellAlignment(vertical="top", wrap_text=True)
        font = {"name": FONT_NAME, "size": FONT_SIZE}
        bold_top_line = {"font": Font(bold=True, **font), "border": Border(top=Side(style="thin", color="000000"))}
        self.arrays = {
            "header": _style_array(sheet, font=Font(bold=True, color="FFFFFF", **font), alignment=wrap,
                                   fill=PatternFill("solid", fgColor="305496"),
                                   border=Border(bottom=Side(style="thin", color="1F3864"))),
            "top": _style_array(sheet, alignment=top),
            "wrap": _style_array(sheet, alignment=wrap),
            "score": _style_array(sheet, alignment=top, number_format="0.00"),
            "continued": _style_array(sheet, alignment=top, font=Font(italic=True, color="7F7F7F", **font)),
            "total": _style_array(sheet, **bold_top_line),
            "total_score": _style_array(sheet, number_format="0.00", **bold_top_line),
            "note": _style_array(sheet, font=Font(italic=True, color="595959", **font)),
            "plain": None,
        }
        #: text starting with = + - @ also gets Excel's quote prefix, so editing the cell keeps it text
        self.quoted = {name: _style_array(sheet, array, quotePrefix=True) for name, array in self.arrays.items()}

    def text(self, sheet, text: str, style: str = "plain"):
        """A cell that holds ``text`` as a string, whatever its first character (no formulas, no error codes)."""
        text = xml_safe(text)
        arrays = self.quoted if text[:1] in FORMULA_STARTS else self.arrays
        cell = self._cell(sheet, row=1, column=1, value=text, style_array=arrays[style])
        cell.data_type = "s"
        return cell

    def empty(self, sheet, style: str):
        """A blank cell that already has its style, so what the reviewer types there is formatted."""
        return self._cell(sheet, row=1, column=1, style_array=self.arrays[style])

    def number(self, sheet, value: float | int, style: str = "top"):
        return self._cell(sheet, row=1, column=1, value=value, style_array=self.arrays[style])

    def header(self, sheet, titles: Iterable[str]) -> list:
        return [self.text(sheet, title, "header") for title in titles]


def _style_array(sheet, base=None, **attributes):
    from openpyxl.cell.cell import Cell

    template = Cell(sheet, row=1, column=1, style_array=base)
    for name, value in attributes.items():
        setattr(template, name, value)
    return template._style


def split_cell_text(text: str, limit: int = CELL_LIMIT) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 code units (Excel's unit), cut after a space
    where one is near; ``"".join`` of the pieces is ``text`` again."""
    if len(text) <= limit // 2 or _utf16_len(text) <= limit:
        return [text]
    pieces = []
    rest = text
    while _utf16_len(rest) > limit:
        cut = _utf16_prefix(rest, limit)
        space = rest.rfind(" ", max(cut - 2000, 1), cut)
        if space > 0:
            cut = space + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_prefix(text: str, limit: int) -> int:
    """The number of characters of ``text`` that fit in ``limit`` UTF-16 code units."""
    units = 0
    for position, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return position
    return len(text)


def _write_summary(sheet, alignments: list[Alignment], signature: str, styles: _Styles) -> None:
    """Per article: sentences per language, beads by type, flagged beads, mean score; a totals row."""
    import pandas as pd

    beads = pd.DataFrame.from_records(
        [(alignment.name, bead.kind, bool(bead.flags), float(bead.score))
         for alignment in alignments for bead in alignment.beads],
        columns=["article", "kind", "flagged", "score"],
    )
    kinds = list(beads["kind"].value_counts().index)
    by_kind = pd.crosstab(beads["article"], beads["kind"])
    per_article = beads.groupby("article").agg(flagged=("flagged", "sum"), mean=("score", "mean"))

    header = ["Article", *(f"{LANG_NAMES[lang]} sentences" for lang in LANGS), "Beads",
              *(f"Type {kind}" for kind in kinds), "Flagged beads", "Mean score"]
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[_column_letter(column)].width = 28 if column == 1 else 11
    sheet.freeze_panes = "B2"
    _landscape(sheet)
    sheet.row_dimensions[1].height = 2 * LINE_HEIGHT + 3
    notes = [
        "Review on the Alignment sheet: one row per bead (the sentences of each language that translate each other).",
        "Decision: OK = correct; Fix = you corrected the text in the row; Split / Merge = the bead must be split "
        "or merged with a neighbour (listed for follow-up); Reject = wrong, drop the bead.",
        f"Highlighted: scores below {LOW_SCORE:.2f} and languages with no sentence in a bead.",
        "Read the decisions back with: ushtil review import THIS.xlsx -o OUTDIR",
        f"Made with: {signature}",
    ]
    _declare_size(sheet, len(alignments) + 3 + len(notes), len(header))
    sheet.append(styles.header(sheet, header))
    totals = [0] * (len(header) - 2)
    for alignment in alignments:
        present = alignment.name in per_article.index
        values = [len(alignment.sentences.get(lang, [])) for lang in LANGS] + [len(alignment.beads)]
        values += [int(by_kind.at[alignment.name, kind]) if present else 0 for kind in kinds]
        values.append(int(per_article.at[alignment.name, "flagged"]) if present else 0)
        totals = [total + value for total, value in zip(totals, values, strict=True)]
        row = [styles.text(sheet, alignment.name, "top"), *(styles.number(sheet, value) for value in values)]
        if present:
            row.append(styles.number(sheet, float(per_article.at[alignment.name, "mean"]), "score"))
        sheet.append(row)
    total_row = [styles.text(sheet, f"Total ({len(alignments)} articles)", "total"),
                 *(styles.number(sheet, value, "total") for value in totals)]
    if len(beads):
        total_row.append(styles.number(sheet, float(beads["score"].mean()), "total_score"))
    sheet.append(total_row)
    sheet.append([])
    for note in notes:
        sheet.append([styles.text(sheet, note, "note")])


def _landscape(sheet) -> None:
    """Print (and convert to PDF) on landscape A4, as wide as the sheet, as many pages long as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _write_alignment_sheet(sheet, alignments: list[Alignment], styles: _Styles) -> None:
    """One row per bead; frozen header and first columns, filter, Decision drop-down, highlights."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    widths = dict(_WIDTHS)
    widths["Article"] = min(max([len(alignment.name) for alignment in alignments] + [10]) + 2, 40)
    for column, title in enumerate(ALIGNMENT_COLUMNS, 1):
        sheet.column_dimensions[_column_letter(column)].width = widths[title]
    sheet.freeze_panes = "C2"
    sheet.sheet_view.tabSelected = True  # the sheet the workbook opens on (workbook.active)
    sheet.print_title_rows = "1:1"
    _landscape(sheet)

    n_rows = 1 + sum(_parts(bead) for alignment in alignments for bead in alignment.beads)
    _declare_size(sheet, n_rows, len(ALIGNMENT_COLUMNS))
    sheet.append(styles.header(sheet, ALIGNMENT_COLUMNS))
    last = 1
    for alignment in alignments:
        for number, bead in enumerate(alignment.beads, 1):
            for texts, row in _bead_rows(sheet, alignment.name, number, bead, styles):
                last += 1
                # spreadsheets do not grow rows to fit wrapped text on opening (LibreOffice keeps 15 pt),
                # so each row gets the height its longest text needs
                sheet.row_dimensions[last].height = _row_height(texts, widths)
                sheet.append(row)
    last = max(last, 2)
    sheet.auto_filter.ref = f"A1:J{last}"

    decisions = DataValidation(
        type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Decision", error="Choose OK, Fix, Split, Merge or Reject.",
        showInputMessage=True, promptTitle="Decision",
        prompt="OK; Fix (you corrected the text); Split or Merge (for follow-up); Reject (drop the bead)",
    )
    decisions.add(f"I2:I{last}")
    sheet.data_validations.append(decisions)

    def fill(color: str) -> PatternFill:
        return PatternFill("solid", fgColor=color, bgColor=color)

    rules = sheet.conditional_formatting
    rules.add(f"G2:G{last}", FormulaRule(formula=[f"AND(ISNUMBER(G2),G2<{LOW_SCORE})"], fill=fill("F8CBAD")))
    rules.add(f"C2:E{last}", FormulaRule(formula=["AND(ISNUMBER($G2),LEN(TRIM(C2))=0)"], fill=fill("FFE699")))
    rules.add(f"A2:J{last}", FormulaRule(formula=['$I2="Reject"'], font=Font(strike=True, color="808080")))
    rules.add(f"A2:J{last}", FormulaRule(formula=['$I2="Fix"'], fill=fill("DDEBF7")))


def _row_height(texts: dict[str, str], widths: dict[str, float]) -> float:
    """Points a row needs to show ``texts`` (column title → text) wrapped in their columns."""
    lines = 1
    for title, text in texts.items():
        per_line = max(widths[title] - 2, 1)  # Cyrillic letters are about as wide as the width unit's '0'
        lines = max(lines, sum(-(-max(len(line), 1) // per_line) for line in text.split("\n")))
    return min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT)


def _parts(bead: Bead) -> int:
    """How many rows the bead takes: one, plus the ``cont.`` rows of its longest text."""
    return max(len(split_cell_text(bead.text.get(lang, ""))) for lang in LANGS)


def _bead_rows(sheet, article: str, number: int, bead: Bead, styles: _Styles) -> Iterator[tuple[dict, list]]:
    """The bead's row, then ``cont.`` rows while any side's text is longer than one cell holds; each
    with its wrapped texts by column title."""
    pieces = {lang: split_cell_text(bead.text.get(lang, "")) for lang in LANGS}
    n_parts = max(len(p) for p in pieces.values())
    flags = " ".join(bead.flags)
    if n_parts > 1:
        flags = (flags + " " if flags else "") + f"(long text: continues in {n_parts - 1} row(s) below)"
    texts = {LANG_NAMES[lang]: pieces[lang][0] for lang in LANGS} | {"Flags": flags}
    yield texts, [
        styles.text(sheet, article, "top"),
        styles.number(sheet, number),
        *(styles.text(sheet, pieces[lang][0], "wrap") for lang in LANGS),
        styles.text(sheet, bead.kind, "top"),
        styles.number(sheet, float(bead.score), "score"),
        styles.text(sheet, flags, "wrap"),
        styles.empty(sheet, "top"),
        styles.empty(sheet, "wrap"),
    ]
    for part in range(1, n_parts):
        texts = {LANG_NAMES[lang]: pieces[lang][part] if part < len(pieces[lang]) else "" for lang in LANGS}
        yield texts, [
            styles.text(sheet, article, "continued"),
            styles.number(sheet, number, "continued"),
            *(styles.text(sheet, texts[LANG_NAMES[lang]], "wrap") for lang in LANGS),
            styles.text(sheet, f"cont. {part + 1}/{n_parts}", "continued"),
        ]


def _write_metadata_sheet(sheet, alignments: list[Alignment], signature: str, styles: _Styles) -> None:
    """The hidden sheet the import trusts: format, signature, and per article its sentences and bead
    structure as JSON (split over rows when longer than a cell holds). Bead text is kept only as a
    fingerprint, to tell which sides the reviewer edited."""
    sheet.sheet_state = "hidden"
    header = (("format", FORMAT_NAME), ("format_version", str(FORMAT_VERSION)), ("signature", signature),
              ("ushtil_version", __version__))
    payloads = [(alignment.name, split_cell_text(json.dumps(_metadata_record(alignment), ensure_ascii=False,
                                                           separators=(",", ":"))))
                for alignment in alignments]
    _declare_size(sheet, len(header) + sum(len(pieces) for _, pieces in payloads), 4)
    for key, value in header:
        sheet.append([styles.text(sheet, key), styles.text(sheet, value)])
    for name, pieces in payloads:
        for part, piece in enumerate(pieces, 1):
            sheet.append([styles.text(sheet, "article"), styles.text(sheet, name), part, styles.text(sheet, piece)])


def _metadata_record(alignment: Alignment) -> dict:
    return {
        "name": alignment.name,
        "signature": alignment.signature,
        "sentences": {lang: [xml_safe(s) for s in alignment.sentences.get(lang, [])] for lang in LANGS},
        "beads": [_bead_record(bead) for bead in alignment.beads],
    }


def _declare_size(sheet, rows: int, columns: int) -> None:
    """Give a streamed sheet its ``<dimension>`` up front, as Excel does: without it openpyxl's
    read-only mode parses the whole sheet once just to measure it."""
    ref = f"A1:{_column_letter(columns)}{max(rows, 1)}"
    sheet.calculate_dimension = lambda: ref


def _bead_record(bead: Bead) -> dict:
    record = bead.to_dict()
    del record["text"]
    record["fingerprint"] = {lang: _fingerprint(bead.text.get(lang, "")) for lang in LANGS}
    return record


def _fingerprint(text: str) -> str:
    """A short hash of the text as compared for edits: spreadsheets may change line ends and spaces."""
    return hashlib.sha1(" ".join(xml_safe(text).split()).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------- reading


@dataclass
class _ArticleRecord:
    """An article as written into the hidden metadata sheet: what the reviewer's rows apply to."""

    name: str
    signature: str
    sentences: dict[str, list[str]]
    #: bead number (1-based) → the bead without text
    beads: dict[int, Bead]
    #: bead number → language → fingerprint of the text the sheet showed
    fingerprints: dict[int, dict[str, str]]


@dataclass
class _SheetRow:
    """One bead's row of the Alignment sheet, its ``cont.`` rows joined in."""

    row: int
    decision: str
    comment: str
    parts: dict[int, dict[str, str]]

    def text(self, lang: str) -> str:
        return "".join(self.parts[part].get(lang, "") for part in sorted(self.parts))


def read_review_workbook(path: str | os.PathLike) -> ReviewResult:
    """Read a reviewed workbook and apply its decisions; :class:`InputError` (one line) when it is
    not an ushtil review workbook or not safe to open."""
    from .xlsx_guard import open_xlsx

    workbook = open_xlsx(path)
    try:
        return _read(workbook, str(path))
    finally:
        workbook.close()


def _read(workbook, name: str) -> ReviewResult:
    if METADATA_SHEET not in workbook.sheetnames:
        raise InputError(f"{name}: not an ushtil review workbook (it has no {METADATA_SHEET} metadata sheet)")
    signature, articles = _read_metadata(workbook[METADATA_SHEET], name)
    if "Alignment" not in workbook.sheetnames:
        raise InputError(f"{name}: the review workbook has lost its Alignment sheet")
    rows, notes = _read_alignment_sheet(workbook["Alignment"], name)
    numbers: dict[str, list[int]] = {}
    for article_name, number in rows:
        numbers.setdefault(article_name, []).append(number)
    alignments, decisions = [], []
    for article in articles:
        for number in numbers.get(article.name, []):
            if number not in article.beads:
                row = rows.pop((article.name, number))
                notes.append(f"Alignment row {row.row}: {article.name} has no bead #{number}; row ignored")
        alignment, article_decisions = _apply(article, rows, notes)
        alignments.append(alignment)
        decisions.extend(article_decisions)
    for key, row in sorted(rows.items(), key=lambda item: item[1].row):
        notes.append(f"Alignment row {row.row}: article {key[0]!r} is not in this workbook; row ignored")
    return ReviewResult(alignments=alignments, decisions=decisions, notes=notes, signature=signature)


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


def _read_metadata(sheet, name: str) -> tuple[str, list[_ArticleRecord]]:
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
    return meta.get("signature", ""), articles


def _article_record(article: str, parts: dict[int, str], name: str) -> _ArticleRecord:
    try:
        record = json.loads("".join(parts[part] for part in sorted(parts)))
        beads = {number: Bead.from_dict(bead) for number, bead in enumerate(record["beads"], 1)}
        fingerprints = {number: {lang: str(bead["fingerprint"][lang]) for lang in LANGS}
                        for number, bead in enumerate(record["beads"], 1)}
        sentences = {lang: [str(s) for s in record["sentences"][lang]] for lang in LANGS}
        if not _PLAIN_NAME.fullmatch(str(record["name"])) or record["name"] != article:
            raise ValueError(f"the name {record['name']!r} is not a plain file name")
        for number, bead in beads.items():
            for lang in LANGS:
                if any(not 0 <= index < len(sentences[lang]) for index in bead.sentences[lang]):
                    raise ValueError(f"bead {number} points past the {len(sentences[lang])} {lang} sentences")
        return _ArticleRecord(name=str(record["name"]), signature=str(record["signature"]), sentences=sentences,
                              beads=beads, fingerprints=fingerprints)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise InputError(f"{name}: the {METADATA_SHEET} sheet is damaged for article {article!r} "
                         f"({type(exc).__name__}: {exc})") from None


def _header_rows(sheet, columns: tuple[str, ...], name: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Rows after the header as ``(row number, {column: value})``; columns are found by their titles,
    so a reviewer may reorder or add columns."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_str(value).strip() for value in next(rows, ())]
    missing = [column for column in columns if column not in header]
    if missing:
        raise InputError(f"{name}: the {sheet.title} sheet has no {missing[0]!r} column")
    positions = {column: header.index(column) for column in columns}
    for number, row in enumerate(rows, 2):
        if not any(value is not None and value != "" for value in row):
            continue
        yield number, {column: row[i] if i < len(row) else None for column, i in positions.items()}


def _read_alignment_sheet(sheet, name: str) -> tuple[dict[tuple[str, int], _SheetRow], list[str]]:
    rows: dict[tuple[str, int], _SheetRow] = {}
    continued: list[tuple[int, tuple[str, int], int, dict[str, str]]] = []
    notes: list[str] = []
    for number, row in _header_rows(sheet, ALIGNMENT_COLUMNS, name):
        article = _cell_str(row["Article"])
        bead = _whole_number(row["Bead #"])
        if bead is None:
            notes.append(f"Alignment row {number}: Bead # {row['Bead #']!r} is not a number; row ignored")
            continue
        text = {lang: _cell_str(row[LANG_NAMES[lang]]) for lang in LANGS}
        part = _CONTINUATION.fullmatch(_cell_str(row["Type"]).strip())
        if part:
            continued.append((number, (article, bead), int(part.group(1)), text))
            continue
        if (article, bead) in rows:
            notes.append(f"Alignment row {number}: a second row for {article} bead #{bead}; row ignored")
            continue
        rows[(article, bead)] = _SheetRow(
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


def _apply(article: _ArticleRecord, rows: dict[tuple[str, int], _SheetRow],
           notes: list[str]) -> tuple[Alignment, list[ReviewDecision]]:
    """The article's alignment with the reviewer's decisions and text applied."""
    decisions: list[ReviewDecision] = []
    outcome: list[_Outcome] = []
    for number, original in sorted(article.beads.items()):
        row = rows.pop((article.name, number), None)
        if row is None:
            notes.append(f"{article.name} bead #{number}: its row was deleted from the Alignment sheet; bead dropped")
            outcome.append(_Outcome(original))
            continue
        text = {lang: row.text(lang) for lang in LANGS}
        edited = [lang for lang in LANGS if _fingerprint(text[lang]) != article.fingerprints[number][lang]]
        decisions.append(ReviewDecision(article=article.name, bead=number, decision=row.decision,
                                        comment=row.comment, text=text, edited=edited))
        if row.decision == "Reject":
            outcome.append(_Outcome(original))
            continue
        if edited and row.decision != "Fix":
            notes.append(f"{article.name} bead #{number}: text edited ({', '.join(edited)}) but Decision is "
                         f"{row.decision or 'empty'}, not Fix; the edit is kept")
        outcome.append(_corrected(original, text, edited))
    sentences = _renumber(article.sentences, outcome)
    beads = [item.corrected for item in outcome if item.corrected is not None]
    alignment = Alignment(name=article.name, sentences=sentences, beads=beads, signature=article.signature)
    return alignment, decisions


@dataclass
class _Outcome:
    """What became of one written bead: its corrected form (None when dropped) and, per edited
    language, the sentences that replace the bead's own."""

    original: Bead
    corrected: Bead | None = None
    replacements: dict[str, list[str]] = field(default_factory=dict)


def _corrected(original: Bead, text: dict[str, str], edited: list[str]) -> _Outcome:
    """The bead with the reviewer's text. An edited side that held one sentence (or none) is one
    sentence; a side that held several is split again by the built-in splitter."""
    from ..split import split_sentences

    flags = list(original.flags)
    replacements: dict[str, list[str]] = {}
    for lang in edited:
        new = text[lang] = text[lang].strip()
        held = len(original.sentences.get(lang, []))
        replacements[lang] = [] if not new else [new] if held <= 1 else split_sentences(new, lang) or [new]
        missing = f"missing:{lang}"
        if not new and missing not in flags:
            flags.append(missing)
        elif new and missing in flags:
            flags.remove(missing)
    corrected = Bead(sentences={lang: list(original.sentences.get(lang, [])) for lang in LANGS}, text=text,
                     score=original.score, flags=flags, section=original.section)
    return _Outcome(original, corrected, replacements)


def _renumber(written: dict[str, list[str]], outcome: list[_Outcome]) -> dict[str, list[str]]:
    """The sentence lists after the review, and every kept bead's indices into them.

    Sentences keep their order; an edited side's sentences are replaced by the reviewer's (a side
    emptied by the reviewer leaves its sentences in the list, unaligned, like a rejected bead's).
    """
    return {lang: _renumber_language(written.get(lang, []), outcome, lang) for lang in LANGS}


def _renumber_language(source: list[str], outcome: list[_Outcome], lang: str) -> list[str]:
    result: list[str] = []
    position: dict[int, int] = {}  # index in ``source`` → index in ``result``
    copied = 0

    def copy_until(end: int) -> None:
        nonlocal copied
        while copied < min(end, len(source)):
            position[copied] = len(result)
            result.append(source[copied])
            copied += 1

    for item in outcome:
        indices = sorted(item.original.sentences.get(lang, []))
        new = item.replacements.get(lang) if item.corrected is not None else None
        if new:
            copy_until(indices[0] if indices else copied)
            copied = max(copied, indices[-1] + 1) if indices else copied
            item.corrected.sentences[lang] = list(range(len(result), len(result) + len(new)))
            result.extend(new)
            continue
        copy_until(indices[-1] + 1 if indices else copied)
        if item.corrected is not None:
            kept = [] if new is not None else indices
            item.corrected.sentences[lang] = [position[index] for index in kept if index in position]
    copy_until(len(source))
    return result


def follow_up_report(result: ReviewResult, workbook: str) -> str:
    """The Markdown report of what a person still has to do after the import."""
    lines = [f"# Review follow-up for {workbook}", ""]
    counts = ", ".join(f"{decision} {result.count(decision)}" for decision in DECISIONS)
    undecided = result.count("")
    lines += [f"Decisions: {counts}, undecided {undecided}.", f"Made with: {result.signature}", ""]
    lines += ["## Split and Merge", ""]
    if result.follow_up:
        lines += ["| Article | Bead # | Decision | Comment | English | Kazakh | Russian |",
                  "|---|---|---|---|---|---|---|"]
        for item in result.follow_up:
            cells = [item.article, str(item.bead), item.decision, item.comment,
                     *(item.text.get(lang, "") for lang in LANGS)]
            lines.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
    else:
        lines.append("None.")
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in result.notes] or ["None."]
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
