"""The review workbook: alignments laid out for a translator in Excel or LibreOffice Calc.

:func:`write_review_workbook` writes the two sheets a reviewer sees — *Summary* (counts per article)
and *Alignment* (one row per bead with a Decision drop-down: OK, Fix, Split, Merge, Reject) — and a
hidden ``_ushtil`` sheet holding what the import needs: the format name and version, the signature
of the run, and per article its sentence lists, bead structure (with a fingerprint of each side's
text, to tell what the reviewer edited), settings, paragraph openings and front matter.
Reading the workbook back is :mod:`.review_read`; applying the decisions is :mod:`.review_apply`.

Cell rules: every text is written as a string cell, so ``=SUM(…)``, ``+7``, ``-x`` or ``@cmd`` stay
text and never become formulas; a text over Excel's 32,767-character cell limit continues in
``cont.`` rows below its bead, which the import joins again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence

from .. import __version__
from ..aligner.scoring import default_settings
from ..errors import UshtilError
from ..files import atomic_path
from ..model import LANGS, AlignedArticle, Alignment, Article, Bead
from . import xml_safe
from .cells import (
    FONT_NAME,
    FONT_SIZE,
    FORMULA_STARTS,
    LINE_HEIGHT,
    close_quietly,
    print_landscape,
    row_height,
)

FORMAT_NAME = "ushtil-review-workbook"
FORMAT_VERSION = 1

DECISIONS: tuple[str, ...] = ("OK", "Fix", "Split", "Merge", "Reject")
#: Excel's limit on the characters (UTF-16 code units) of one cell.
CELL_LIMIT = 32_767

LANG_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}
ALIGNMENT_COLUMNS: tuple[str, ...] = (
    "Article", "Bead #", "Label", "English", "Kazakh", "Russian", "Type", "Score", "Flags", "Decision", "Comment",
)
#: columns the import needs (Label only shows the paragraph labels; the import takes them from the beads)
REVIEW_COLUMNS: tuple[str, ...] = tuple(title for title in ALIGNMENT_COLUMNS if title != "Label")
_WIDTHS = {"Article": 18, "Bead #": 7, "Label": 8, "English": 48, "Kazakh": 48, "Russian": 48, "Type": 8,
           "Score": 7, "Flags": 14, "Decision": 10, "Comment": 28}
#: article names become file names on import: no folders, no hidden files, no control codes
PLAIN_NAME = re.compile(r"(?!\.)[^/\\\x00-\x1f:*?\"<>|]{1,200}")
CONTINUATION = re.compile(r"cont\.\s*(\d+)\s*/\s*(\d+)")
METADATA_SHEET = "_ushtil"
#: the metadata key of the id each written workbook gets: the import knows a workbook by it, under
#: any file name (a renamed copy is the same workbook, another one of the same name is not)
WORKBOOK_ID = "workbook_id"


def write_review_workbook(items: Sequence[AlignedArticle | Alignment], path: str | os.PathLike,
                          signature: str = "") -> None:
    """Write the review workbook for ``items`` (aligned articles, or bare alignments) to ``path``
    (atomically)."""
    from openpyxl import Workbook

    alignments = [item.alignment if isinstance(item, AlignedArticle) else item for item in items]
    fronts = {item.name: item.article for item in items if isinstance(item, AlignedArticle)}
    names = [alignment.name for alignment in alignments]
    if len(set(names)) < len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise UshtilError(f"two alignments are both named {twice!r}; names must be unique in one workbook")
    for name in names:
        if not PLAIN_NAME.fullmatch(name):
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
            _write_metadata_sheet(workbook.create_sheet(METADATA_SHEET), alignments, fronts, signature, styles)
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

    # an article with one language has nothing aligned: its beads' flags and zero scores say only that,
    # so it gets a statement instead, and stays out of the flagged count and the mean score
    aligned = [alignment for alignment in alignments if not _missing_languages(alignment)]
    beads = pd.DataFrame.from_records(
        [(alignment.name, bead.kind, bool(bead.flags), float(bead.score))
         for alignment in alignments for bead in alignment.beads],
        columns=["article", "kind", "flagged", "score"],
    )
    scored = beads[beads["article"].isin({alignment.name for alignment in aligned})]
    kinds = list(beads["kind"].value_counts().index)
    by_kind = pd.crosstab(beads["article"], beads["kind"])
    per_article = beads.groupby("article").agg(flagged=("flagged", "sum"), mean=("score", "mean"))

    header = ["Article", *(f"{LANG_NAMES[lang]} sentences" for lang in LANGS), "Beads",
              *(f"Type {kind}" for kind in kinds), "Flagged beads", "Mean score", "Note"]
    for column in range(1, len(header) + 1):
        width = 28 if column == 1 else 60 if column == len(header) else 11  # Article, Note, figures
        sheet.column_dimensions[_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    print_landscape(sheet)
    sheet.row_dimensions[1].height = 2 * LINE_HEIGHT + 3
    notes = [
        "Review on the Alignment sheet: one row per bead (the sentences of each language that translate each other).",
        "Label: the label of a structured-abstract paragraph that opens in the bead (Methods / Әдістері / "
        "Методы), one line per language; it is not part of the text.",
        "Decision: OK = correct; Fix = you corrected the text in the row; Split = the bead holds several "
        "(put each one's sentences on its own line in the cells); Merge = join the bead with the next one; "
        "Reject = the sentences do not translate each other (each becomes a bead of its own).",
        f"Highlighted: scores below {default_settings().low_score:.2f} (flagged low_score by the aligner) and "
        "languages with no sentence in a bead.",
        "Read the decisions back with: ushtil review import THIS.xlsx -o OUTDIR",
        f"Made with: {signature}",
    ]
    _declare_size(sheet, len(alignments) + 3 + len(notes), len(header))
    sheet.append(styles.header(sheet, header))
    totals = [0] * (len(header) - 3)
    for alignment in alignments:
        present = alignment.name in per_article.index
        missing = _missing_languages(alignment)
        values = [len(alignment.sentences.get(lang, [])) for lang in LANGS] + [len(alignment.beads)]
        values += [int(by_kind.at[alignment.name, kind]) if present else 0 for kind in kinds]
        values.append(int(per_article.at[alignment.name, "flagged"]) if present and not missing else 0)
        totals = [total + value for total, value in zip(totals, values, strict=True)]
        row = [styles.text(sheet, alignment.name, "top"), *(styles.number(sheet, value) for value in values)]
        if missing:
            row[-1] = styles.empty(sheet, "top")
            row += [styles.empty(sheet, "top"), styles.text(sheet, _missing_note(alignment, missing), "wrap")]
        elif present:
            row.append(styles.number(sheet, float(per_article.at[alignment.name, "mean"]), "score"))
        sheet.append(row)
    total_row = [styles.text(sheet, f"Total ({len(alignments)} articles)", "total"),
                 *(styles.number(sheet, value, "total") for value in totals)]
    if len(scored):
        total_row.append(styles.number(sheet, float(scored["score"].mean()), "total_score"))
    if len(aligned) < len(alignments):
        if not len(scored):
            total_row.append(styles.empty(sheet, "top"))
        total_row.append(styles.text(sheet, f"flagged beads and mean score of the {len(aligned)} article(s) "
                                            "with two languages or more", "wrap"))
    sheet.append(total_row)
    sheet.append([])
    for note in notes:
        sheet.append([styles.text(sheet, note, "note")])


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
    # as wide as the longest label (up to 28), narrow when no article has a structured abstract
    labels = [len(label) for alignment in alignments for bead in alignment.beads for label in bead.labels.values()]
    widths["Label"] = min(max(labels, default=5) + 3, 28)
    for column, title in enumerate(ALIGNMENT_COLUMNS, 1):
        sheet.column_dimensions[_column_letter(column)].width = widths[title]
    sheet.freeze_panes = "C2"
    sheet.sheet_view.tabSelected = True  # the sheet the workbook opens on (workbook.active)
    sheet.print_title_rows = "1:1"
    print_landscape(sheet)

    n_rows = 1 + sum(_parts(bead) for alignment in alignments for bead in alignment.beads)
    _declare_size(sheet, n_rows, len(ALIGNMENT_COLUMNS))
    sheet.append(styles.header(sheet, ALIGNMENT_COLUMNS))
    last = 1
    for alignment in alignments:
        missing = _missing_languages(alignment)
        for number, bead in enumerate(alignment.beads, 1):
            for texts, row in _bead_rows(sheet, alignment.name, number, bead, styles, missing):
                last += 1
                # spreadsheets do not grow rows to fit wrapped text on opening (LibreOffice keeps 15 pt),
                # so each row gets the height its longest text needs
                sheet.row_dimensions[last].height = row_height(texts, widths)
                sheet.append(row)
    last = max(last, 2)
    column = {title: _column_letter(number) for number, title in enumerate(ALIGNMENT_COLUMNS, 1)}
    first_text, last_text, score, decision = column["English"], column["Russian"], column["Score"], column["Decision"]
    everything = f"A2:{column[ALIGNMENT_COLUMNS[-1]]}{last}"
    sheet.auto_filter.ref = f"A1:{column[ALIGNMENT_COLUMNS[-1]]}{last}"

    decisions = DataValidation(
        type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Decision", error="Choose OK, Fix, Split, Merge or Reject.",
        showInputMessage=True, promptTitle="Decision",
        prompt="OK; Fix (you corrected the text); Split (one line per bead); Merge (with the next); "
        "Reject (not a translation)",
    )
    decisions.add(f"{decision}2:{decision}{last}")
    sheet.data_validations.append(decisions)

    def fill(color: str) -> PatternFill:
        return PatternFill("solid", fgColor=color, bgColor=color)

    rules = sheet.conditional_formatting
    rules.add(f"{score}2:{score}{last}",
              FormulaRule(formula=[f"AND(ISNUMBER({score}2),{score}2<{default_settings().low_score})"],
                          fill=fill("F8CBAD")))
    rules.add(f"{first_text}2:{last_text}{last}",
              FormulaRule(formula=[f"AND(ISNUMBER(${score}2),LEN(TRIM({first_text}2))=0)"], fill=fill("FFE699")))
    rules.add(everything, FormulaRule(formula=[f'${decision}2="Reject"'], font=Font(strike=True, color="808080")))
    rules.add(everything, FormulaRule(formula=[f'${decision}2="Fix"'], fill=fill("DDEBF7")))


def _missing_languages(alignment: Alignment) -> list[str]:
    """The languages an article has no sentence in, when it has fewer than two: nothing was aligned."""
    missing = [lang for lang in LANGS if not alignment.sentences.get(lang)]
    return missing if len(LANGS) - len(missing) < 2 else []


def _missing_note(alignment: Alignment, missing: list[str]) -> str:
    """What a reviewer reads for an article with one language (an English-only page)."""
    names = " and ".join(LANG_NAMES[lang] for lang in missing)
    held = [LANG_NAMES[lang] for lang in LANGS if lang not in missing]
    has = f"only its {held[0]} text" if held else "no text"
    return (f"no {names} text: the article holds {has}, so nothing was aligned or scored; "
            f"add the {names} parts (or their files) and align again")


def _parts(bead: Bead) -> int:
    """How many rows the bead takes: one, plus the ``cont.`` rows of its longest text."""
    return max(len(split_cell_text(bead.text.get(lang, ""))) for lang in LANGS)


def _bead_rows(sheet, article: str, number: int, bead: Bead, styles: _Styles,
               missing: Sequence[str] = ()) -> Iterator[tuple[dict, list]]:
    """The bead's row, then ``cont.`` rows while any side's text is longer than one cell holds; each
    with its wrapped texts by column title. In an article with one language (``missing``: the others)
    the score is left empty and the flags say why, instead of a zero and missing/low-score flags on
    every row."""
    pieces = {lang: split_cell_text(bead.text.get(lang, "")) for lang in LANGS}
    n_parts = max(len(p) for p in pieces.values())
    flags = " ".join(bead.flags)
    if missing:
        flags = f"no {' or '.join(LANG_NAMES[lang] for lang in missing)} text in the article"
    if n_parts > 1:
        flags = (flags + " " if flags else "") + f"(long text: continues in {n_parts - 1} row(s) below)"
    label = bead_label(bead)
    texts = {LANG_NAMES[lang]: pieces[lang][0] for lang in LANGS} | {"Flags": flags, "Label": label}
    yield texts, [
        styles.text(sheet, article, "top"),
        styles.number(sheet, number),
        styles.text(sheet, label, "wrap"),
        *(styles.text(sheet, pieces[lang][0], "wrap") for lang in LANGS),
        styles.text(sheet, bead.kind, "top"),
        styles.empty(sheet, "top") if missing else styles.number(sheet, float(bead.score), "score"),
        styles.text(sheet, flags, "wrap"),
        styles.empty(sheet, "top"),
        styles.empty(sheet, "wrap"),
    ]
    for part in range(1, n_parts):
        texts = {LANG_NAMES[lang]: pieces[lang][part] if part < len(pieces[lang]) else "" for lang in LANGS}
        yield texts, [
            styles.text(sheet, article, "continued"),
            styles.number(sheet, number, "continued"),
            styles.empty(sheet, "top"),
            *(styles.text(sheet, texts[LANG_NAMES[lang]], "wrap") for lang in LANGS),
            styles.text(sheet, f"cont. {part + 1}/{n_parts}", "continued"),
        ]


def bead_label(bead: Bead) -> str:
    """The Label cell: the bead's paragraph labels, one line per language (a label written the same
    in several languages once)."""
    return "\n".join(dict.fromkeys(bead.labels[lang] for lang in LANGS if bead.labels.get(lang)))


def _write_metadata_sheet(sheet, alignments: list[Alignment], fronts: dict[str, Article], signature: str,
                          styles: _Styles) -> None:
    """The hidden sheet the import trusts: format, signature, and per article its sentences and bead
    structure as JSON (split over rows when longer than a cell holds). Bead text is kept only as a
    fingerprint, to tell which sides the reviewer edited. The workbook's own id tells it from any
    other workbook, whatever its file is called."""
    sheet.sheet_state = "hidden"
    header = (("format", FORMAT_NAME), ("format_version", str(FORMAT_VERSION)), ("signature", signature),
              ("ushtil_version", __version__))
    payloads = [(alignment.name, split_cell_text(json.dumps(_metadata_record(alignment, fronts.get(alignment.name)),
                                                           ensure_ascii=False, separators=(",", ":"))))
                for alignment in alignments]
    _declare_size(sheet, len(header) + sum(len(pieces) for _, pieces in payloads) + 1, 4)
    for key, value in header:
        sheet.append([styles.text(sheet, key), styles.text(sheet, value)])
    for name, pieces in payloads:
        for part, piece in enumerate(pieces, 1):
            sheet.append([styles.text(sheet, "article"), styles.text(sheet, name), part, styles.text(sheet, piece)])
    sheet.append([styles.text(sheet, WORKBOOK_ID), styles.text(sheet, uuid.uuid4().hex)])


def _metadata_record(alignment: Alignment, front: Article | None) -> dict:
    record = {
        "name": alignment.name,
        "signature": alignment.signature,
        "settings": dict(alignment.settings),
        "paragraph_starts": {lang: list(v) for lang, v in alignment.paragraph_starts.items()},
        "sentences": {lang: [xml_safe(s) for s in alignment.sentences.get(lang, [])] for lang in LANGS},
        "beads": [_bead_record(bead) for bead in alignment.beads],
    }
    if front is not None:
        record["article"] = front.to_dict()
    return record


def _declare_size(sheet, rows: int, columns: int) -> None:
    """Give a streamed sheet its ``<dimension>`` up front, as Excel does: without it openpyxl's
    read-only mode parses the whole sheet once just to measure it."""
    ref = f"A1:{_column_letter(columns)}{max(rows, 1)}"
    sheet.calculate_dimension = lambda: ref


def _bead_record(bead: Bead) -> dict:
    record = bead.to_dict()
    del record["text"]
    record["fingerprint"] = {lang: text_fingerprint(bead.text.get(lang, "")) for lang in LANGS}
    return record


def text_fingerprint(text: str) -> str:
    """A short hash of the text as compared for edits: spreadsheets may change line ends and spaces."""
    return hashlib.sha1(" ".join(xml_safe(text).split()).encode("utf-8")).hexdigest()[:16]
