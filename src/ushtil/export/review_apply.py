"""Applying a reviewed workbook: the reviewer's decisions become edits of the alignment, made by
the aligner's own editing code (:mod:`ushtil.aligner.edit`), and the result is re-validated.

- **OK** or no decision: the bead stays (edited text is kept, with a note when the row does not say Fix);
- **Fix**: the edited sides replace the bead's sentences (a side that held several sentences is
  split again; text typed into an empty side fills the gap; an emptied side's sentences become a
  bead of their own);
- **Split**: the edited cells hold each new bead's sentences on a line of their own: line k of every
  language is bead k (a language left on one line stays in the first bead);
- **Merge**: the bead and the next one become one bead;
- **Reject**: the sides do not translate each other: each language's sentences become a bead of
  their own, the other languages missing.

What cannot be applied (a Split with no line breaks, a Merge on an article's last bead or across
sections) is left as it was and listed in the follow-up report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..aligner import edit
from ..aligner.io import SUFFIX, read_alignment
from ..errors import UshtilError
from ..model import LANGS, AlignedArticle, Alignment
from .review_merge import (
    REVIEW_KEYS,
    REVIEWED,
    Conflict,
    EarlierReview,
    earlier_review,
    merge_rows,
    recorded_review,
    review_settings,
)
from .review_read import ArticleRecord, SheetRow, read_review_sheets
from .review_workbook import DECISIONS


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
    #: languages whose edit only moved whole sentences to or from neighbouring beads
    moved: list[str] = field(default_factory=list)
    #: the decision could not be applied as it stands (see the notes)
    applied: bool = True


@dataclass
class ReviewResult:
    """A reviewed workbook applied: the corrected aligned articles and everything the reviewer said."""

    aligned: list[AlignedArticle]
    decisions: list[ReviewDecision]
    #: rows the import could not apply as they stand (deleted, unknown, unreadable decisions)
    notes: list[str] = field(default_factory=list)
    #: the signature of the run that wrote the workbook
    signature: str = ""
    #: the id the workbook was written with ("" when an older ushtil wrote it)
    workbook_id: str = ""
    #: rows this workbook and an earlier import of a copy of it decided differently (the earlier kept)
    conflicts: list[Conflict] = field(default_factory=list)
    #: rows this workbook decided that were taken in, and earlier imports' decisions it lacks (kept)
    taken: int = 0
    kept: int = 0

    @property
    def alignments(self) -> list[Alignment]:
        return [item.alignment for item in self.aligned]

    @property
    def follow_up(self) -> list[ReviewDecision]:
        """Decisions a person must still carry out by hand (they could not be applied)."""
        return [d for d in self.decisions if not d.applied]

    def count(self, decision: str) -> int:
        return sum(1 for d in self.decisions if d.decision == decision)


def read_review_workbook(path: str | os.PathLike, folder: str | os.PathLike | None = None) -> ReviewResult:
    """Read a reviewed workbook and apply its decisions; :class:`~ushtil.errors.InputError` (one line)
    when it is not an ushtil review workbook or not safe to open. With ``folder`` (where the import
    writes the articles' alignment files), what a file there holds is merged in or, where the
    import would undo it, refused (:mod:`.review_merge`)."""
    sheets = read_review_sheets(path)
    workbook = os.path.basename(path)
    notes = list(sheets.notes)
    beads = {article.name: article.beads for article in sheets.articles}
    #: article name → bead number → row
    rows: dict[str, dict[int, SheetRow]] = {}
    for (name, number), row in sheets.rows.items():
        if name in beads and number not in beads[name]:
            notes.append(f"Alignment row {row.row}: {name} has no bead #{number}; row ignored")
        else:
            rows.setdefault(name, {})[number] = row
    result = ReviewResult(aligned=[], decisions=[], notes=notes, signature=sheets.signature,
                          workbook_id=sheets.workbook_id)
    for article in sheets.articles:
        own = rows.pop(article.name, {})
        earlier = EarlierReview()
        if folder is not None:
            where = Path(folder) / f"{article.name}{SUFFIX}"
            present = read_alignment(where) if where.is_file() else None
            earlier = earlier_review(article, present, sheets.workbook_id, workbook, str(where), own)
        merged = merge_rows(article, own, earlier, workbook, sheets.saved)
        notes.extend(merged.notes)
        item, article_decisions = apply_review(article, merged.rows, notes,
                                               review_settings(article, merged, sheets.workbook_id))
        result.aligned.append(item)
        result.decisions.extend(article_decisions)
        result.conflicts.extend(merged.conflicts)
        result.taken += len(merged.taken)
        result.kept += len(merged.kept)
    for name, row in sorted(((name, row) for name, own in rows.items() for row in own.values()),
                            key=lambda item: item[1].row):
        notes.append(f"Alignment row {row.row}: article {name!r} is not in this workbook; row ignored")
    return result


def apply_review(article: ArticleRecord, rows: dict[int, SheetRow], notes: list[str],
                 review: dict[str, str] | None = None) -> tuple[AlignedArticle, list[ReviewDecision]]:
    """The article's alignment with the reviewer's rows (by bead number) applied and, when any row is
    a decision, the ``review`` settings (:func:`.review_merge.review_settings`) recorded."""
    written = article.alignment()
    drafts = edit.drafts_of(written)
    groups: list[list[edit.Draft]] = []
    decisions: list[ReviewDecision] = []
    #: each bead's decision, None where its row was deleted
    decided: list[ReviewDecision | None] = []
    for number in range(1, len(drafts) + 1):
        row = rows.get(number)
        if row is None:
            notes.append(f"{article.name} bead #{number}: its row was deleted from the Alignment sheet; "
                         "bead kept as aligned")
            decided.append(None)
            continue
        text = {lang: row.text(lang) for lang in LANGS}
        edited = row.edited(article.fingerprints[number])
        decision = ReviewDecision(article=article.name, bead=number, decision=row.decision,
                                  comment=row.comment, text=text, edited=edited)
        decisions.append(decision)
        decided.append(decision)
    _move_sentences(drafts, decided)
    for draft, decision in zip(drafts, decided, strict=True):
        groups.append([draft] if decision is None else _decided(draft, decision, notes))
    _merge(groups, decisions, notes, article.name)
    changed = any(d.decision or d.edited for d in decisions)  # an OK is a person's decision too
    if changed:
        review = review or {REVIEWED: ""}
        earlier = {key: value for key, value in written.settings.items() if key not in REVIEW_KEYS}
        written.settings = {**earlier, **review}
        names = review[REVIEWED]
        written.signature = f"{written.signature} | reviewed {names}" if names else written.signature
    alignment = edit.alignment_of([draft for group in groups for draft in group], written)
    return AlignedArticle(edit.article_of(alignment, article.front), alignment), decisions


def _decided(draft: edit.Draft, decision: ReviewDecision, notes: list[str]) -> list[edit.Draft]:
    """The beads one row's decision makes of its bead (merges are applied afterwards)."""
    where = f"{decision.article} bead #{decision.bead}"
    if decision.decision == "Reject":
        return edit.reject(draft)
    if decision.decision == "Split":
        parts = {lang: [_sentences_of(line, draft, lang) for line in _lines(decision.text[lang])]
                 for lang in LANGS if lang in decision.edited or len(_lines(decision.text[lang])) > 1}
        if max((len(groups) for groups in parts.values()), default=0) > 1:
            return edit.split(draft, parts)
        decision.applied = False
        notes.append(f"{where}: Split, but no cell holds the new beads on separate lines; left as it was")
    if decision.edited and decision.decision not in ("Fix", "Split"):
        notes.append(f"{where}: text edited ({', '.join(decision.edited)}) but Decision is "
                     f"{decision.decision or 'empty'}, not Fix; the edit is kept")
    drafts = [draft]
    for lang in (lang for lang in decision.edited if lang not in decision.moved):
        new = " ".join(decision.text[lang].split())  # a line break typed into a cell is a space
        held = len(draft.sides.get(lang, []))
        texts = [new] if held <= 1 else _split(new, lang)
        first, *alone = edit.replace_side(drafts[0], lang, texts)
        drafts = [first, *drafts[1:], *alone]
    return drafts


def _move_sentences(drafts: list[edit.Draft], decided: list[ReviewDecision | None]) -> None:
    """Move whole sentences between neighbouring beads where that is all the edit did: a run of
    beads whose cells in a language were all edited (a sentence cut from one cell and pasted into
    the next edits both), undecided or Fix, whose cells still hold the run's sentences in the same
    order, maybe corrected too; a cell that differs from its sentences then has its text replaced.
    Replacing each cell's text alone would keep the moved sentence twice: glued into the one bead
    and standing alone out of the other."""
    def movable(decision: ReviewDecision | None, lang: str) -> bool:
        return decision is not None and decision.decision in ("", "OK", "Fix") and lang in decision.edited

    for lang in LANGS:
        start = 0
        while start < len(drafts):
            end = start
            while end < len(drafts) and movable(decided[end], lang):
                end += 1
            if end - start >= 2:
                _reassign(drafts[start:end], [decision.text[lang] for decision in decided[start:end]], lang)
                for draft, decision in zip(drafts[start:end], decided[start:end], strict=True):
                    if _words(" ".join(draft.texts(lang))) == _words(decision.text[lang]):
                        decision.moved.append(lang)
            start = end + 1


def _reassign(drafts: list[edit.Draft], cells: list[str], lang: str) -> None:
    """Give each draft the run's sentences its cell holds now: each sentence goes to the cell that
    holds most of its words (read by a word alignment of the cells against the sentences, so a
    sentence moved and also corrected is still found), when every sentence is found there, at
    least half of it, and the sentences stay in text order; otherwise leave the drafts as they are."""
    pool = [sentence for draft in drafts for sentence in draft.sides.get(lang, [])]
    if not pool:
        return
    pool_words = [(index, word) for index, sentence in enumerate(pool) for word in _words(sentence.text)]
    cell_words = [(index, word) for index, cell in enumerate(cells) for word in _words(cell)]
    found = [[0] * len(cells) for _ in pool]
    matcher = SequenceMatcher(None, [word for _, word in pool_words], [word for _, word in cell_words],
                              autojunk=False)
    for start, cell_start, size in matcher.get_matching_blocks():
        for offset in range(size):
            found[pool_words[start + offset][0]][cell_words[cell_start + offset][0]] += 1
    places = []
    for sentence, counts in zip(pool, found, strict=True):
        place = max(range(len(cells)), key=counts.__getitem__)
        if 2 * counts[place] < len(_words(sentence.text)) or (places and place < places[-1]):
            return
        places.append(place)
    for index, draft in enumerate(drafts):
        draft.sides[lang] = [sentence for sentence, place in zip(pool, places, strict=True) if place == index]


def _words(text: str) -> list[str]:
    return text.split()


def _merge(groups: list[list[edit.Draft]], decisions: list[ReviewDecision], notes: list[str], name: str) -> None:
    """Join each Merge row's bead with the next one (from the end, so that chains join in one)."""
    by_number = {decision.bead: decision for decision in decisions}
    for number in range(len(groups), 0, -1):
        decision = by_number.get(number)
        if decision is None or decision.decision != "Merge":
            continue
        following = groups[number] if number < len(groups) else []
        after = by_number.get(number + 1)
        if after is not None and after.decision == "Reject":
            decision.applied = False
            notes.append(f"{name} bead #{number}: Merge with bead #{number + 1}, which is rejected; left as it was")
            continue
        if not following or not groups[number - 1]:
            decision.applied = False
            notes.append(f"{name} bead #{number}: Merge, but no bead follows that it could join; left as it was")
            continue
        try:
            joined = edit.merge(groups[number - 1][-1], following[0])
        except UshtilError as exc:
            decision.applied = False
            notes.append(f"{name} bead #{number}: Merge not applied: {exc}")
            continue
        groups[number - 1] = [*groups[number - 1][:-1], joined, *following[1:]]
        groups[number] = []


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _sentences_of(line: str, draft: edit.Draft, lang: str) -> list[str]:
    """A Split line as sentences: the bead's own sentences when the line is some of them, else the
    line split by the built-in splitter."""
    own = draft.texts(lang)
    wanted = " ".join(line.split())
    for start in range(len(own)):
        for end in range(start + 1, len(own) + 1):
            if " ".join(" ".join(own[start:end]).split()) == wanted:
                return own[start:end]
    return _split(line, lang)


def _split(text: str, lang: str) -> list[str]:
    from ..split import split_sentences

    return split_sentences(" ".join(text.split()), lang) or [text] if text.strip() else []


def unimported_rows(path: str | os.PathLike, folder: str | os.PathLike) -> list[str]:
    """The beads (``NAME bead #N``) whose row in the review workbook at ``path`` holds a reviewer's
    decision or edit that the alignment files in ``folder`` do not record as imported: what a workbook
    written over it would lose; none for a file that is no review workbook ushtil reads."""
    try:
        sheets = read_review_sheets(path)
    except UshtilError:
        return []
    articles = {article.name: article for article in sheets.articles}
    imported: dict[str, EarlierReview | None] = {}
    lost = []
    for (name, number), row in sorted(sheets.rows.items()):
        article = articles.get(name)
        if article is None or number not in article.fingerprints:
            continue
        edited = row.edited(article.fingerprints[number])
        if not row.decision and not edited:
            continue
        if name not in imported:
            where = Path(folder) / f"{name}{SUFFIX}"
            try:
                imported[name] = recorded_review(read_alignment(where) if where.is_file() else None, article,
                                                 str(where))
            except UshtilError:
                imported[name] = None
        taken = imported[name].rows.get(number) if imported[name] else None
        if taken is None or taken.decision != row.decision or any(taken.text(lang) != row.text(lang)
                                                                  for lang in edited):
            lost.append(f"{name} bead #{number}")
    return lost


def follow_up_report(result: ReviewResult, workbook: str) -> str:
    """The Markdown report of what a person still has to do after the import."""
    lines = [f"# Review follow-up for {workbook}", ""]
    counts = ", ".join(f"{decision} {result.count(decision)}" for decision in DECISIONS)
    undecided = result.count("")
    lines += [f"Decisions: {counts}, undecided {undecided}.", f"Made with: {result.signature}", ""]
    lines += ["## Decisions not applied", ""]
    if result.follow_up:
        lines += ["| Article | Bead # | Decision | Comment | English | Kazakh | Russian |",
                  "|---|---|---|---|---|---|---|"]
        for item in result.follow_up:
            cells = [item.article, str(item.bead), item.decision, item.comment,
                     *(item.text.get(lang, "") for lang in LANGS)]
            lines.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
    else:
        lines.append("None.")
    lines += ["", "## Conflicts with an earlier import of a copy of this workbook (the earlier decision kept)", ""]
    lines += [f"- {conflict.line()}" for conflict in result.conflicts] or ["None."]
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in result.notes] or ["None."]
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
