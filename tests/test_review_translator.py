"""A translator's session on the seed article's review workbook, through the commands: what a
person does in Excel or LibreOffice, imported into the work folder, and the work folder used again.
A person's reviewed alignment is never undone by a later run, and an import that would undo it is
refused on one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SEED_ARTICLE, edit_rows, review_import
from conftest import seed_alignment_file as alignment_file
from ushtil.aligner import read_alignment
from ushtil.cli import main
from ushtil.export.review_apply import read_review_workbook
from ushtil.export.review_workbook import write_review_workbook

NAME = SEED_ARTICLE.stem



def refused_on_one_line(capsys, *words: str) -> None:
    err = capsys.readouterr().err
    assert err.startswith("ushtil review: error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert all(word in err for word in words), err


@pytest.mark.parametrize("into", ["previous", "next"])
def test_a_sentence_cut_from_one_bead_and_pasted_into_its_neighbour_moves(seed_alignment, tmp_path, into):
    # the translator cuts the English sentence of bead 3 and pastes it after bead 2's (or bead 2's
    # before bead 3's): the sentence moves, whole, and is not kept twice
    path = tmp_path / "review.xlsx"
    write_review_workbook([seed_alignment], path)
    second, third = (seed_alignment.beads[1].text["en"], seed_alignment.beads[2].text["en"])
    cells = {2: f"{second} {third}", 3: ""} if into == "previous" else {2: "", 3: f"{second} {third}"}
    edit_rows(path, {number: {"English": text, "Decision": "Fix"} for number, text in cells.items()})

    (after,) = read_review_workbook(path).alignments
    assert after.sentences == seed_alignment.sentences
    assert len(after.beads) == len(seed_alignment.beads)
    moved = [1, 2] if into == "previous" else []
    kept = [] if into == "previous" else [1, 2]
    assert [after.beads[1].sentences["en"], after.beads[2].sentences["en"]] == [moved, kept]
    assert ("missing:en" in after.beads[2].flags) == (into == "previous")
    assert ("missing:en" in after.beads[1].flags) == (into == "next")
    assert [b.sentences for b in after.beads[3:]] == [b.sentences for b in seed_alignment.beads[3:]]


def test_a_review_workbook_not_yet_imported_is_not_written_over(review_work, capsys):
    """The translator reviews work/review.xlsx in place; a colleague re-runs the documented align with
    the same --xlsx: the workbook, her decisions with it, was written over. Refused now, one line,
    nothing written; once imported, the same command writes the workbook of the reviewed alignment."""
    workbook = review_work / "review.xlsx"
    edit_rows(workbook, {3: {"Decision": "Reject"}})
    edited = workbook.read_bytes()
    before = alignment_file(review_work).read_bytes()
    again = ["align", str(review_work.parent / "journal"), "-o", str(review_work), "--xlsx", str(workbook), "-q"]

    assert main(again) == 2
    assert capsys.readouterr().err == (
        f"ushtil align: error: --xlsx {workbook}: holds a reviewer's decisions or edits not imported into "
        f"{review_work} ({NAME} bead #3); import it first (ushtil review import {workbook} -o {review_work}), "
        "or name another file\n")
    assert workbook.read_bytes() == edited and alignment_file(review_work).read_bytes() == before

    assert review_import(review_work, "review.xlsx") == 0
    assert main(again) == 0
    assert workbook.read_bytes() != edited


def test_a_damaged_reviewed_alignment_is_kept_and_the_other_articles_are_aligned(review_work, capsys):
    """A reviewed alignment file broken by a hand edit stopped the whole re-run (exit 2, no article
    written): its article is left out on one line, the file kept, the others aligned (exit 1)."""
    edit_rows(review_work / "review.xlsx", {3: {"Decision": "Merge"}})
    assert review_import(review_work, "review.xlsx") == 0
    damaged = alignment_file(review_work).read_text(encoding="utf-8").rstrip("\n")[:-1]  # a brace deleted
    alignment_file(review_work).write_text(damaged, encoding="utf-8")
    journal = review_work.parent / "journal"
    (journal / "plain.txt").write_text("Kazakhstan borders China and Russia. It is the ninth-largest country.",
                                       encoding="utf-8")
    capsys.readouterr()

    assert main(["align", str(journal), "-o", str(review_work), "-q"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("ushtil align: error:")]
    assert len(errors) == 1 and errors[0].startswith(f"ushtil align: error: {alignment_file(review_work)}:")
    assert errors[0].endswith(f"it says it was reviewed, so it is kept as it stands and {NAME} is left out "
                              "(mend it, or delete it to align the article afresh)")
    assert alignment_file(review_work).read_text(encoding="utf-8") == damaged
    assert read_alignment(review_work / "plain.alignment.jsonl").sentences["en"] == [
        "Kazakhstan borders China and Russia.", "It is the ninth-largest country."]


def test_aligning_again_keeps_the_reviewed_alignment_and_shows_it_for_review(review_work, capsys):
    edit_rows(review_work / "review.xlsx", {
        2: {"English": seed_alignment_text(review_work, 2).replace("crossroads", "cross-roads"), "Decision": "Fix"},
        3: {"Decision": "Merge"},
    })
    assert review_import(review_work, "review.xlsx") == 0
    reviewed = alignment_file(review_work).read_bytes()
    journal = review_work.parent / "journal"

    assert main(["align", str(journal), "-o", str(review_work), "--xlsx", str(review_work / "review2.xlsx")]) == 0
    err = capsys.readouterr().err
    assert f"{alignment_file(review_work)} was reviewed (review.xlsx); kept as it stands" in err
    assert alignment_file(review_work).read_bytes() == reviewed
    sheet = load_workbook(review_work / "review2.xlsx", read_only=True)["Alignment"]
    texts = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(texts) == len(read_alignment(alignment_file(review_work)).beads) and "cross-roads" in texts[1]

    # and the review of that workbook imports over it (nothing undone: it was written from it)
    edit_rows(review_work / "review2.xlsx", {5: {"Decision": "OK"}})
    assert review_import(review_work, "review2.xlsx") == 0
    assert "cross-roads" in read_alignment(alignment_file(review_work)).beads[1].text["en"]
    assert main(["check", str(review_work), "-q"]) in (0, 1)
    assert main(["glossary", str(review_work), "-o", str(review_work / "glossary.xlsx"), "-q"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert "cross-roads" in read_alignment(alignment_file(review_work)).beads[1].text["en"]


def seed_alignment_text(review_work: Path, number: int) -> str:
    return read_alignment(alignment_file(review_work)).beads[number - 1].text["en"]


def test_an_untouched_copy_imported_after_a_review_undoes_nothing_and_an_older_workbook_is_refused(review_work, capsys):
    shutil.copy(review_work / "review.xlsx", review_work / "untouched.xlsx")
    edit_rows(review_work / "review.xlsx", {3: {"Decision": "Merge"}})
    assert review_import(review_work, "review.xlsx") == 0
    merged = alignment_file(review_work).read_bytes()
    assert review_import(review_work, "review.xlsx") == 0  # the same workbook twice: the same result
    assert alignment_file(review_work).read_bytes() == merged

    # a copy left as it was exported decides nothing: the Merge stays, the file is as it was
    capsys.readouterr()
    assert review_import(review_work, "untouched.xlsx") == 0
    assert "1 earlier decision(s) this workbook lacks kept, 0 of them" in capsys.readouterr().err
    assert alignment_file(review_work).read_bytes() == merged
    assert (review_work / "untouched.tmx").exists()

    # a second review (of a workbook of the reviewed alignment) splits the merged bead again: the
    # alignment is as it was aligned, but the first workbook's Merge would still undo the Split
    assert main(["align", str(review_work.parent / "journal"), "-o", str(review_work), "-q",
                 "--xlsx", str(review_work / "second.xlsx")]) == 0
    merged = read_alignment(alignment_file(review_work))
    edit_rows(review_work / "second.xlsx", {3: {"Decision": "Split", **{
        column: "\n".join(merged.sentences[lang][i] for i in merged.beads[2].sentences[lang])
        for column, lang in (("English", "en"), ("Kazakh", "kk"), ("Russian", "ru"))}}})
    assert review_import(review_work, "second.xlsx") == 0
    split = alignment_file(review_work).read_bytes()
    assert len(read_alignment(alignment_file(review_work)).beads) == len(merged.beads) + 1
    capsys.readouterr()
    assert review_import(review_work, "review.xlsx") == 2
    refused_on_one_line(capsys, "was reviewed with second.xlsx")
    assert alignment_file(review_work).read_bytes() == split


def test_a_workbook_written_before_the_article_was_aligned_again_is_refused(review_work, capsys):
    article = review_work.parent / "journal" / SEED_ARTICLE.name
    text = article.read_text(encoding="utf-8")
    first = read_alignment(alignment_file(review_work)).beads[1].text["en"]
    assert text.count(first) == 1
    article.write_text(text.replace(first, ""), encoding="utf-8")  # the editor dropped a sentence
    assert main(["align", str(article.parent), "-o", str(review_work), "-q"]) == 0
    realigned = alignment_file(review_work).read_bytes()
    edit_rows(review_work / "review.xlsx", {4: {"Decision": "OK"}})
    capsys.readouterr()
    assert review_import(review_work, "review.xlsx") == 2
    refused_on_one_line(capsys, "was aligned again after this workbook was written")
    assert alignment_file(review_work).read_bytes() == realigned


def test_beads_marked_ok_are_a_review_that_aligning_again_keeps(review_work, capsys):
    edit_rows(review_work / "review.xlsx", {number: {"Decision": "OK"} for number in range(1, 6)})
    assert review_import(review_work, "review.xlsx") == 0
    approved = alignment_file(review_work).read_bytes()
    assert read_alignment(alignment_file(review_work)).settings["reviewed"] == "review.xlsx"
    assert main(["align", str(review_work.parent / "journal"), "-o", str(review_work), "--fresh"]) == 0
    assert "was reviewed (review.xlsx); kept as it stands" in capsys.readouterr().err
    assert alignment_file(review_work).read_bytes() == approved


@pytest.mark.parametrize("into", ["previous", "next"])
def test_a_sentence_moved_to_its_neighbour_and_edited_there_is_kept_once_as_edited(seed_alignment, tmp_path, into):
    # the translator cuts bead 3's English sentence, pastes it into bead 2's cell (or bead 2's into
    # bead 3's) and corrects a word of it there: the sentence stands once, edited, in its new bead
    path = tmp_path / "review.xlsx"
    write_review_workbook([seed_alignment], path)
    second, third = (seed_alignment.beads[1].text["en"], seed_alignment.beads[2].text["en"])
    assert "controlled and controlled" in third
    edited = third.replace("controlled and controlled", "controlled and ruled")
    cells = {2: f"{second} {edited}", 3: ""} if into == "previous" else {2: "", 3: f"{second} {edited}"}
    edit_rows(path, {number: {"English": text, "Decision": "Fix"} for number, text in cells.items()})

    (after,) = read_review_workbook(path).alignments
    assert after.sentences["en"] == [*seed_alignment.sentences["en"][:2], edited, *seed_alignment.sentences["en"][3:]]
    assert len(after.beads) == len(seed_alignment.beads)
    holder, emptied = (after.beads[1], after.beads[2]) if into == "previous" else (after.beads[2], after.beads[1])
    assert holder.sentences["en"] == [1, 2] and holder.text["en"] == f"{second} {edited}"
    assert emptied.sentences["en"] == [] and "missing:en" in emptied.flags
    assert [b.sentences for b in after.beads[3:]] == [b.sentences for b in seed_alignment.beads[3:]]


def test_the_import_knows_a_workbook_by_its_content_not_its_file_name(review_work, capsys, tmp_path):
    # the reviewer imports review.xlsx, then a renamed copy of it (the same workbook: imported
    # again), then another workbook of the same alignment saved under the same name elsewhere
    # (a colleague's, unreviewed): that one would undo the review and is refused
    edit_rows(review_work / "review.xlsx", {3: {"Decision": "Merge"}})
    assert review_import(review_work, "review.xlsx") == 0
    merged = read_alignment(alignment_file(review_work))
    shutil.copy(review_work / "review.xlsx", review_work / "review-final.xlsx")
    assert review_import(review_work, "review-final.xlsx") == 0
    again = read_alignment(alignment_file(review_work))
    assert [b.sentences for b in again.beads] == [b.sentences for b in merged.beads]
    assert again.settings["reviewed"] == "review.xlsx"  # the copy brought no decision of its own
    edit_rows(review_work / "review-final.xlsx", {7: {"Decision": "OK"}})  # the reviewer goes on with the copy
    assert review_import(review_work, "review-final.xlsx") == 0
    assert read_alignment(alignment_file(review_work)).settings["reviewed"] == "review.xlsx, review-final.xlsx"

    colleague = tmp_path / "colleague"
    assert main(["align", str(review_work.parent / "journal"), "-o", str(colleague), "-q",
                 "--xlsx", str(colleague / "review.xlsx")]) == 0
    shutil.copy(colleague / "review.xlsx", review_work / "review.xlsx")
    edit_rows(review_work / "review.xlsx", {5: {"Decision": "OK"}})
    capsys.readouterr()
    assert review_import(review_work, "review.xlsx") == 2
    refused_on_one_line(capsys, "review.xlsx", "was reviewed with review.xlsx, review-final.xlsx", "nothing written")
    after = read_alignment(alignment_file(review_work))
    assert [b.sentences for b in after.beads] == [b.sentences for b in merged.beads]
