"""Taking a review workbook in over the review the work folder holds already: a three-way merge.

Copies of one exported workbook come back one after another (two translators each got one; a
reviewer went on with a copy after it was imported). The hidden sheet holds what was exported, so
each row of a copy is either as exported (no decision) or changed (a decision: a Decision chosen or
text edited). An import records, in the alignment file it writes, the workbook's id, a hash of its
hidden sheet (``reviewed_base``) and the rows it took in with their values (``reviewed_decisions``).
The next copy's import applies those rows together with its own changed rows to the alignment as
exported:

- a row this copy left as exported keeps what the earlier import decided;
- a row this copy changed is taken in, cell by cell (the Decision and each language's text): a cell
  only one of the two changed is that one's, so a Kazakh fix and a Russian fix of one row are both
  kept; a cell both changed differently makes the row a :class:`Conflict`, reported, and the
  earlier decision of the row is kept whole — unless the earlier decision is this same workbook's
  (its file name) and this copy was saved after the one imported then: a reviewer who goes on in
  her workbook and changes her mind is taken at her latest word (a note says so).

Any other state of the folder's alignment file that the import would undo (a review with another
workbook, a re-alignment made after the workbook was written, a review with a copy whose hidden
sheet is not this one's) is refused (:class:`InputError`) before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import LANGS, Alignment
from .review_read import ArticleRecord, SheetRow
from .review_workbook import DECISIONS, LANG_NAMES, METADATA_SHEET, text_fingerprint

REVIEWED = "reviewed"
REVIEWED_ID = "reviewed_id"
REVIEWED_BASE = "reviewed_base"
REVIEWED_DECISIONS = "reviewed_decisions"
#: what imports of earlier ushtil versions recorded: the decided rows as ``bead:fingerprint`` only
LEGACY_ROWS = "reviewed_rows"
#: the settings an import writes (an import of another workbook replaces them all)
REVIEW_KEYS = (REVIEWED, REVIEWED_ID, REVIEWED_BASE, REVIEWED_DECISIONS, LEGACY_ROWS)


@dataclass
class EarlierReview:
    """The review of this workbook's export that the folder's alignment file holds."""

    #: the workbooks (file names) whose rows it holds, in the order they were imported
    workbooks: list[str] = field(default_factory=list)
    #: bead number → the row it took in
    rows: dict[int, SheetRow] = field(default_factory=dict)
    #: bead number → the workbook that decided the row first
    decided_by: dict[int, str] = field(default_factory=dict)
    #: workbook → when the copy imported was saved (ISO 8601, as its properties said)
    saved: dict[str, str] = field(default_factory=dict)


@dataclass
class Merged:
    """This workbook's rows with an earlier review's: what to apply and where each row came from."""

    #: bead number → the row to apply
    rows: dict[int, SheetRow]
    conflicts: list[Conflict]
    #: beads whose row this workbook decided, taken in (alone or cell by cell with an earlier decision),
    #: and beads whose earlier decision this workbook lacks
    taken: list[int]
    kept: list[int]
    #: the workbooks whose rows the merge holds, in the order they were imported
    workbooks: list[str]
    #: bead number → the workbook that decided the row first (the beads whose row is a decision)
    decided_by: dict[int, str]
    #: workbook → when the copy imported was saved
    saved: dict[str, str]
    #: what the person should know of the merge (a workbook's own earlier decision changed)
    notes: list[str] = field(default_factory=list)


@dataclass
class Conflict:
    """A row this workbook and an earlier import decided differently; the earlier decision is kept."""

    article: str
    bead: int
    #: the row's number on this workbook's Alignment sheet
    row: int
    this: str
    earlier: str
    #: the workbook whose import decided the row before
    earlier_workbook: str

    def line(self) -> str:
        return (f"Alignment row {self.row} ({self.article} bead #{self.bead}): this workbook says {self.this}, "
                f"but {self.earlier_workbook} said {self.earlier}; kept {self.earlier_workbook}'s")


def decided(article: ArticleRecord, number: int, row: SheetRow) -> bool:
    """Whether the row is a decision: a Decision chosen or a text that is not the exported one."""
    return bool(row.decision or row.edited(article.fingerprints[number]))


def earlier_review(article: ArticleRecord, present: Alignment | None, workbook_id: str, workbook: str,
                   where: str, rows: dict[int, SheetRow]) -> EarlierReview:
    """What of ``present`` (the folder's alignment file of the article, at ``where``) the import of
    ``workbook`` (its ``rows``) must keep; :class:`InputError` when the import would undo it."""
    if present is None:
        return EarlierReview()
    before = article.alignment()
    if present.signature == before.signature and _shape(present) == _shape(before):
        return EarlierReview()  # the alignment the workbook was written from, not reviewed since
    made, _, name = present.signature.rpartition(" | reviewed ")
    reviewed = present.settings.get(REVIEWED, "")
    if workbook_id and present.settings.get(REVIEWED_ID) == workbook_id:
        if made == before.signature and present.settings.get(REVIEWED_BASE) == article.export_hash:
            return _recorded(present.settings.get(REVIEWED_DECISIONS, ""), article, where)
        if made == before.signature and REVIEWED_BASE not in present.settings:
            held = {f"{number}:{_row_fingerprint(row)}" for number, row in rows.items()
                    if decided(article, number, row)}
            if set(present.settings.get(LEGACY_ROWS, "").split()) <= held:
                return EarlierReview()
            raise InputError(f"{workbook}: {where} was reviewed with {reviewed}, a copy of this workbook holding "
                             "decisions or edits this one lacks (an older copy?); importing it would undo them "
                             "(nothing written)")
        raise InputError(f"{workbook}: {where} was reviewed with {reviewed}, a copy of this workbook whose hidden "
                         f"{METADATA_SHEET} sheet is not this one's (edited?); importing it could undo that review "
                         "(nothing written)")
    if not workbook_id and name == workbook and made == before.signature and REVIEWED_ID not in present.settings:
        return EarlierReview()  # a workbook of an older ushtil (no id), imported again under its name
    # not reviewed: aligned again, or the hidden sheet says another alignment than the file holds
    since = (f"reviewed with {reviewed} after this workbook was written" if reviewed else
             f"aligned again after this workbook was written (or its {METADATA_SHEET} sheet was edited)")
    raise InputError(f"{workbook}: {where} was {since}; importing it would undo that (nothing written); "
                     "'ushtil align ... --xlsx' writes a workbook of it as it stands")


def merge_rows(article: ArticleRecord, rows: dict[int, SheetRow], earlier: EarlierReview, workbook: str,
               saved: str = "") -> Merged:
    """The rows (by bead number) of ``workbook`` (saved at ``saved``) with the earlier review's kept
    where this workbook does not hold the same decision."""
    changed = {number for number, row in rows.items() if decided(article, number, row)}
    merged = Merged(rows=dict(rows), conflicts=[], taken=sorted(changed - earlier.rows.keys()), kept=[],
                    workbooks=list(earlier.workbooks), decided_by=dict(earlier.decided_by), saved=dict(earlier.saved))
    merged.decided_by |= dict.fromkeys(merged.taken, workbook)
    later = _saved_later(saved, earlier.saved.get(workbook, ""))
    for number, kept in sorted(earlier.rows.items()):
        row = rows.get(number)
        if row is not None and _value(row) == _value(kept):
            continue
        if number not in changed:  # as exported here (or its row deleted): the earlier decision stands
            merged.rows[number] = kept
            merged.kept.append(number)
            continue
        both = _cell_merge(article, number, kept, row)
        if both is not None:
            merged.rows[number] = both
            merged.taken.append(number)
            if workbook not in earlier.decided_by[number].split(", "):
                merged.decided_by[number] = f"{earlier.decided_by[number]}, {workbook}"
        elif later and earlier.decided_by[number] == workbook:  # this copy's row, as read, is taken
            merged.taken.append(number)
            merged.notes.append(f"Alignment row {row.row} ({article.name} bead #{number}): {workbook}, saved "
                                f"{saved}, changes its own decision imported from its copy saved "
                                f"{earlier.saved[workbook]} ({_shown(article, number, kept)}): taken")
        else:
            merged.conflicts.append(Conflict(article.name, number, row.row, _shown(article, number, row),
                                             _shown(article, number, kept), earlier.decided_by[number]))
            merged.rows[number] = kept
            merged.kept.append(number)
    if workbook not in merged.workbooks and (merged.taken or not merged.workbooks):
        merged.workbooks.append(workbook)
    if saved and workbook in merged.workbooks:
        merged.saved[workbook] = max(saved, merged.saved.get(workbook, ""))
    return merged


def _saved_later(saved: str, before: str) -> bool:
    """Whether a copy saved at ``saved`` was saved after one saved at ``before`` (both ISO 8601 as
    :class:`~.review_read.ReviewSheets` reads them; unknown is never later)."""
    return bool(saved and before) and saved > before


def _cell_merge(article: ArticleRecord, number: int, earlier: SheetRow, row: SheetRow) -> SheetRow | None:
    """The row with each cell the earlier import or this workbook changed from the export; None when
    both changed one cell differently. The comment is this workbook's, or else the earlier one."""
    exported = article.fingerprints[number]
    if row.decision and earlier.decision and row.decision != earlier.decision:
        return None
    text = {}
    for lang in LANGS:
        mine, theirs = row.fingerprints[lang] != exported[lang], earlier.fingerprints[lang] != exported[lang]
        if mine and theirs and row.fingerprints[lang] != earlier.fingerprints[lang]:
            return None
        text[lang] = (row if mine else earlier).text(lang)
    return SheetRow(row=row.row, decision=row.decision or earlier.decision, comment=row.comment or earlier.comment,
                    parts={1: text})


def review_settings(article: ArticleRecord, merged: Merged, workbook_id: str) -> dict[str, str]:
    """The settings an import records: the workbooks and, for a workbook with an id, what the next
    copy's import needs: the hidden sheet's hash and the decided rows with their values (the texts
    that are not the exported ones) and the workbook that decided each."""
    settings = {REVIEWED: ", ".join(merged.workbooks)}
    if workbook_id:
        rows = {number: {"decision": row.decision, "comment": row.comment, "by": merged.decided_by.get(number, ""),
                         "text": {lang: row.text(lang) for lang in row.edited(article.fingerprints[number])}}
                for number, row in sorted(merged.rows.items()) if number in merged.decided_by}
        settings |= {REVIEWED_ID: workbook_id, REVIEWED_BASE: article.export_hash,
                     REVIEWED_DECISIONS: json.dumps({"workbooks": merged.workbooks, "saved": merged.saved,
                                                     "rows": rows}, ensure_ascii=False, separators=(",", ":"))}
    return settings


def recorded_review(alignment: Alignment | None, article: ArticleRecord, where: str) -> EarlierReview | None:
    """The rows an import recorded in ``alignment`` (the work folder's file at ``where``), None when none."""
    setting = alignment.settings.get(REVIEWED_DECISIONS) if alignment else None
    return _recorded(setting, article, where) if setting else None


def _recorded(setting: str, article: ArticleRecord, where: str) -> EarlierReview:
    """The rows :func:`review_settings` recorded, checked: the file is a person's too, and may have been edited."""
    exported = article.alignment().beads
    try:
        record = json.loads(setting)
        workbooks = [str(name) for name in record["workbooks"]]
        saved = {str(name): str(when) for name, when in record.get("saved", {}).items()}
        rows, decided_by = {}, {}
        for key, value in record["rows"].items():
            number = int(key)
            if number not in article.beads or value["decision"] not in ("", *DECISIONS):
                raise ValueError(f"bead {key} ({value['decision']!r})")
            text = {lang: str(value["text"].get(lang, exported[number - 1].text[lang])) for lang in LANGS}
            rows[number] = SheetRow(row=0, decision=value["decision"], comment=str(value["comment"]), parts={1: text})
            decided_by[number] = str(value.get("by") or ", ".join(workbooks))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise InputError(f"{where}: its {REVIEWED_DECISIONS} setting is damaged ({type(exc).__name__}: {exc}); "
                         "nothing written") from None
    return EarlierReview(workbooks=workbooks, rows=rows, decided_by=decided_by, saved=saved)


def _shape(alignment: Alignment) -> tuple:
    return alignment.sentences, [bead.sentences for bead in alignment.beads]


def _value(row: SheetRow) -> tuple:
    """What a row decides: its Decision and its texts (the comment is not a decision)."""
    return row.decision, row.fingerprints


def _row_fingerprint(row: SheetRow) -> str:
    """The fingerprint of a decided row as imports of earlier ushtil versions recorded it."""
    return text_fingerprint("\n".join([row.decision, *(row.text(lang) for lang in LANGS)]))


def _shown(article: ArticleRecord, number: int, row: SheetRow) -> str:
    """A row's decision for a conflict line: the Decision and each text that is not the exported one
    (whole, on one line: the person must see what differs)."""
    parts = [row.decision or "no decision"]
    for lang in row.edited(article.fingerprints[number]):
        parts.append(f'{LANG_NAMES[lang]} "{" ".join(row.text(lang).split())}"')
    return ", ".join(parts)
