"""Copies of one review workbook coming back one after another (two translators each got a copy of
the seed article's workbook; a reviewer goes on with a copy after it was imported): each import
takes in the rows its copy changed, keeps what an earlier import of another copy decided, reports a
row both decided differently (the earlier decision kept, exit code 1), and refuses a hidden sheet
that is not the one imported before."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SEED_ARTICLE, edit_rows, review_import
from conftest import seed_alignment_file as alignment_file
from ushtil.aligner import read_aligned, read_alignment, write_aligned
from ushtil.cli import main
from ushtil.export.review_workbook import METADATA_SHEET, text_fingerprint
from ushtil.model import LANGS

NAME = SEED_ARTICLE.stem
ANNA_KK = "Орталық Азия елдерінің барлығы Ресейді басты сыртқы саяси серіктес деп санайды."
BORIS_KK = "Орта Азияның барлық мемлекеттері Ресейді негізгі сыртқы саяси әріптес ретінде атайды."



def copy_of(review_work: Path, name: str) -> str:
    shutil.copy(review_work / "review.xlsx", review_work / name)
    return name


def beads_of(path: Path) -> tuple:
    """What a review decides: the sentences and each bead's sentences, text and flags."""
    alignment = read_alignment(path)
    return alignment.sentences, [(b.sentences, b.text, b.flags) for b in alignment.beads]


def anna_edits(review_work: Path) -> dict[int, dict[str, str]]:
    """Anna cuts bead 3's English sentence and pastes it after bead 2's, and corrects bead 9's Kazakh."""
    beads = read_alignment(alignment_file(review_work)).beads
    return {2: {"English": f"{beads[1].text['en']} {beads[2].text['en']}", "Decision": "Fix"},
            3: {"English": "", "Decision": "Fix"},
            9: {"Kazakh": ANNA_KK, "Decision": "Fix"}}


#: Boris merges beads 5 and 6, types the missing Kazakh of bead 7, rejects bead 13 and approves bead 1
BORIS = {5: {"Decision": "Merge"}, 7: {"Kazakh": "Негізгі сыртқы ойыншылар аймақта тұрақтылықты қалайды.",
                                       "Decision": "Fix"},
         13: {"Decision": "Reject"}, 1: {"Decision": "OK"}}


@pytest.mark.parametrize("first", ["anna", "boris"])
def test_two_copies_imported_in_either_order_hold_both_reviews(review_work, capsys, tmp_path, first):
    anna, boris = copy_of(review_work, "anna.xlsx"), copy_of(review_work, "boris.xlsx")
    edits = anna_edits(review_work)
    edit_rows(review_work / anna, edits)
    edit_rows(review_work / boris, BORIS)
    # what one workbook holding both reviews imports to
    both = copy_of(review_work, "both.xlsx")
    edit_rows(review_work / both, {**edits, **BORIS})
    assert review_import(review_work, both, tmp_path / "one") == 0
    expected = beads_of(alignment_file(tmp_path / "one"))
    assert expected != beads_of(alignment_file(review_work))

    order = [anna, boris] if first == "anna" else [boris, anna]
    assert review_import(review_work, order[0]) == 0
    capsys.readouterr()
    assert review_import(review_work, order[1]) == 0
    err = capsys.readouterr().err
    assert "ushtil review: conflict" not in err and "0 of them against this workbook's" in err
    assert beads_of(alignment_file(review_work)) == expected
    reviewed = read_alignment(alignment_file(review_work))
    assert reviewed.settings["reviewed"] == ", ".join(order)
    assert ANNA_KK in reviewed.sentences["kk"] and "Негізгі сыртқы ойыншылар" in reviewed.beads[5].text["kk"]
    assert reviewed.beads[1].sentences["en"] == [1, 2]  # the moved sentence, once

    # either copy imported again changes nothing; Anna then corrects one more row of hers: taken in
    for again in order:
        assert review_import(review_work, again) == 0
        assert beads_of(alignment_file(review_work)) == expected
    edit_rows(review_work / anna, {11: {"Russian": "Однако в силу ряда причин отношения не всегда были простыми.",
                                 "Decision": "Fix"}})
    assert review_import(review_work, anna) == 0
    after = read_alignment(alignment_file(review_work))
    assert "Однако в силу ряда причин отношения не всегда были простыми." in after.sentences["ru"]
    assert ANNA_KK in after.sentences["kk"] and "Негізгі сыртқы ойыншылар" in after.beads[5].text["kk"]


@pytest.mark.parametrize("first", ["anna", "boris"])
def test_a_row_both_copies_decided_differently_keeps_the_earlier_and_is_reported(review_work, capsys, first):
    anna, boris = copy_of(review_work, "anna.xlsx"), copy_of(review_work, "boris.xlsx")
    edit_rows(review_work / anna, {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}, 2: {"Decision": "OK"}})
    edit_rows(review_work / boris, {9: {"Kazakh": BORIS_KK, "Decision": "Fix"}, 15: {"Decision": "Reject"}})
    earlier, later = (anna, boris) if first == "anna" else (boris, anna)
    kept, lost = (ANNA_KK, BORIS_KK) if first == "anna" else (BORIS_KK, ANNA_KK)
    assert review_import(review_work, earlier) == 0
    capsys.readouterr()

    assert review_import(review_work, later) == 1
    err = capsys.readouterr().err
    conflicts = [line for line in err.splitlines() if "conflict:" in line]
    assert conflicts == [f"ushtil review: conflict: {later}: Alignment row 10 ({NAME} bead #9): this workbook "
                         f'says Fix, Kazakh "{lost}", but {earlier} said Fix, Kazakh "{kept}"; kept {earlier}\'s']
    assert "Traceback" not in err
    reviewed = read_alignment(alignment_file(review_work))
    assert reviewed.beads[8].text["kk"] == kept and lost not in reviewed.sentences["kk"]
    # the later copy's other row is taken in, the earlier copy's kept: both reviews but the conflict
    assert len(reviewed.beads) == 21 and reviewed.beads[14].sentences["kk"] == []  # bead 15 rejected
    assert reviewed.settings["reviewed"] == f"{earlier}, {later}"
    # the later import's outputs are whole and agree with the alignment file
    stem = Path(later).stem
    tmx = (review_work / f"{stem}.tmx").read_text(encoding="utf-8")
    assert kept in tmx and lost not in tmx
    report = (review_work / f"{stem}.followup.md").read_text(encoding="utf-8")
    assert f"- Alignment row 10 ({NAME} bead #9): this workbook says Fix" in report

    # the same copy again: the same conflict, the same file
    written = alignment_file(review_work).read_bytes()
    assert review_import(review_work, later) == 1
    assert alignment_file(review_work).read_bytes() == written

    # a third copy approving bead 15 is told it was Boris who rejected it, whichever came first
    edit_rows(review_work / copy_of(review_work, "carol.xlsx"), {15: {"Decision": "OK"}})
    capsys.readouterr()
    assert review_import(review_work, "carol.xlsx") == 1
    assert [line for line in capsys.readouterr().err.splitlines() if "conflict:" in line] == [
        f"ushtil review: conflict: carol.xlsx: Alignment row 16 ({NAME} bead #15): this workbook says OK, "
        "but boris.xlsx said Reject; kept boris.xlsx's"]
    assert alignment_file(review_work).read_bytes() == written


ANNA_RU = "Все государства Центральной Азии называют Россию главным внешнеполитическим партнёром."


@pytest.mark.parametrize("first", ["anna", "boris"])
def test_two_copies_fixing_other_cells_of_one_row_are_both_kept(review_work, capsys, first):
    """Anna corrects row 10's Kazakh, Boris its Russian: no cell was changed twice, so both fixes
    are kept whichever came first; a third copy that changes the Kazakh again is told both decided it."""
    anna, boris = copy_of(review_work, "anna.xlsx"), copy_of(review_work, "boris.xlsx")
    edit_rows(review_work / anna, {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}})
    edit_rows(review_work / boris, {9: {"Russian": ANNA_RU, "Decision": "Fix", "Comment": "ru checked"}})
    for workbook in (anna, boris) if first == "anna" else (boris, anna):
        assert review_import(review_work, workbook) == 0
    assert "conflict:" not in capsys.readouterr().err
    bead = read_alignment(alignment_file(review_work)).beads[8]
    assert (bead.text["kk"], bead.text["ru"]) == (ANNA_KK, ANNA_RU)
    written = alignment_file(review_work).read_bytes()

    edit_rows(review_work / copy_of(review_work, "carol.xlsx"), {9: {"Kazakh": BORIS_KK, "Decision": "Fix"}})
    assert review_import(review_work, "carol.xlsx") == 1
    (line,) = [line for line in capsys.readouterr().err.splitlines() if "conflict:" in line]
    deciders = "anna.xlsx, boris.xlsx" if first == "anna" else "boris.xlsx, anna.xlsx"
    assert f'but {deciders} said Fix, Kazakh "{ANNA_KK}", Russian "{ANNA_RU}"' in line
    assert alignment_file(review_work).read_bytes() == written


def test_a_workbook_saved_after_its_import_may_change_its_own_decisions(review_work, capsys):
    """Anna imports her workbook, goes on in it and corrects her own Kazakh fix again: her copy saved
    later is her latest word, taken with a note; the copy she saved before (restored from a backup)
    is not, and Boris's copy changing her cell is a conflict as ever."""
    anna = copy_of(review_work, "anna.xlsx")
    edit_rows(review_work / anna, {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}})
    shutil.copy(review_work / anna, review_work / "backup.xlsx")
    assert review_import(review_work, anna) == 0
    time.sleep(1.1)  # a workbook's saved time is stated to the second
    edit_rows(review_work / anna, {9: {"Kazakh": BORIS_KK, "Decision": "Fix"}})
    capsys.readouterr()
    assert review_import(review_work, anna) == 0
    assert "conflict:" not in capsys.readouterr().err
    assert read_alignment(alignment_file(review_work)).beads[8].text["kk"] == BORIS_KK
    report = (review_work / "anna.followup.md").read_text(encoding="utf-8")
    assert f"({NAME} bead #9): anna.xlsx, saved " in report and "changes its own decision" in report
    written = alignment_file(review_work).read_bytes()

    shutil.copy(review_work / "backup.xlsx", review_work / anna)  # the copy saved before the last import
    assert review_import(review_work, anna) == 1
    assert f'but anna.xlsx said Fix, Kazakh "{BORIS_KK}"' in capsys.readouterr().err
    assert alignment_file(review_work).read_bytes() == written


def test_a_copy_left_as_exported_decides_nothing(review_work, capsys):
    untouched = copy_of(review_work, "untouched.xlsx")
    edit_rows(review_work / "review.xlsx", {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}, 5: {"Decision": "Merge"}})
    assert review_import(review_work, "review.xlsx") == 0
    reviewed = alignment_file(review_work).read_bytes()
    edit_rows(review_work / untouched, {4: {"Comment": "checked"}})  # a comment is not a decision
    capsys.readouterr()
    assert review_import(review_work, untouched) == 0
    assert "2 earlier decision(s) this workbook lacks kept, 0 of them" in capsys.readouterr().err
    assert alignment_file(review_work).read_bytes() == reviewed


def hidden_record(path: Path, change) -> None:
    """Edit the hidden sheet's article record as a person with a text editor or openpyxl could."""
    workbook = load_workbook(path)
    (cell,) = [row[3] for row in workbook[METADATA_SHEET].iter_rows() if row[0].value == "article"]
    record = json.loads(cell.value)
    change(record)
    cell.value = json.dumps(record, ensure_ascii=False)
    workbook.save(path)


def test_hostile_hidden_sheets_are_refused(review_work, capsys, tmp_path):
    anna, forged, rewritten = (copy_of(review_work, name) for name in ("anna.xlsx", "forged.xlsx", "rewritten.xlsx"))
    edit_rows(review_work / anna, {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}})
    assert review_import(review_work, anna) == 0
    reviewed = alignment_file(review_work).read_bytes()

    # an edit passed off as the exported text: its fingerprint no longer is that of the sentences
    def forge_fingerprint(record):
        record["beads"][8]["fingerprint"]["kk"] = text_fingerprint(BORIS_KK)

    edit_rows(review_work / forged, {9: {"Kazakh": BORIS_KK}})
    hidden_record(review_work / forged, forge_fingerprint)
    # the exported sentence itself rewritten, fingerprint and all: not the hidden sheet imported before
    kk = read_alignment(alignment_file(review_work)).beads[8].sentences["kk"][0]

    def rewrite_sentence(record):
        record["sentences"]["kk"][kk] = BORIS_KK
        record["beads"][8]["fingerprint"]["kk"] = text_fingerprint(BORIS_KK)

    hidden_record(review_work / rewritten, rewrite_sentence)
    edit_rows(review_work / rewritten, {9: {"Kazakh": BORIS_KK}, 2: {"Decision": "OK"}})
    # another alignment's workbook given the imported workbook's id
    colleague = tmp_path / "colleague"
    (tmp_path / "journal2").mkdir()
    (tmp_path / "journal2" / SEED_ARTICLE.name).write_text(
        SEED_ARTICLE.read_text(encoding="utf-8").replace("But there is also some friction between them.", ""),
        encoding="utf-8")
    assert main(["align", str(tmp_path / "journal2"), "-o", str(colleague), "-q",
                 "--xlsx", str(colleague / "other.xlsx")]) == 0
    (anna_id,) = [row[1] for row in load_workbook(review_work / anna)[METADATA_SHEET].iter_rows(values_only=True)
                  if row[0] == "workbook_id"]
    workbook = load_workbook(colleague / "other.xlsx")
    (cell,) = [row[1] for row in workbook[METADATA_SHEET].iter_rows() if row[0].value == "workbook_id"]
    cell.value = anna_id
    workbook.save(review_work / "other.xlsx")
    edit_rows(review_work / "other.xlsx", {3: {"Decision": "Reject"}})

    for workbook, words in [(forged, "fingerprint is not that of its sentences"),
                            (rewritten, f"hidden {METADATA_SHEET} sheet is not this one's"),
                            ("other.xlsx", f"hidden {METADATA_SHEET} sheet is not this one's")]:
        capsys.readouterr()
        assert review_import(review_work, workbook) == 2
        err = capsys.readouterr().err
        assert err.startswith("ushtil review: error: ") and err.count("\n") == 1 and words in err, err
        assert alignment_file(review_work).read_bytes() == reviewed
        assert not (review_work / f"{Path(workbook).stem}.tmx").exists()

    # the rewritten hidden sheet over the alignment it was exported from: not that alignment
    fresh = tmp_path / "fresh"
    assert main(["align", str(review_work.parent / "journal"), "-o", str(fresh), "-q"]) == 0
    unreviewed = alignment_file(fresh).read_bytes()
    capsys.readouterr()
    assert review_import(review_work, rewritten, fresh) == 2
    assert f"was aligned again after this workbook was written (or its {METADATA_SHEET} sheet was edited)" in (
        capsys.readouterr().err)
    assert alignment_file(fresh).read_bytes() == unreviewed

    # and the alignment file's record of the earlier import, damaged by hand
    aligned = read_aligned(alignment_file(review_work))
    aligned.alignment.settings["reviewed_decisions"] = '{"workbooks": ["anna.xlsx"], "rows": {"99": {}}}'
    write_aligned(aligned, alignment_file(review_work))
    capsys.readouterr()
    assert review_import(review_work, copy_of(review_work, "boris.xlsx")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "reviewed_decisions setting is damaged" in err and "nothing written" in err


def test_an_import_recorded_by_an_earlier_ushtil_is_guarded_as_before(review_work, capsys):
    # an alignment file whose import recorded the decided rows as fingerprints only (no values to
    # merge): a copy lacking them is refused as an older copy, one holding them imports
    anna, boris = copy_of(review_work, "anna.xlsx"), copy_of(review_work, "boris.xlsx")
    edit_rows(review_work / anna, {9: {"Kazakh": ANNA_KK, "Decision": "Fix"}})
    assert review_import(review_work, anna) == 0
    aligned = read_aligned(alignment_file(review_work))
    settings = aligned.alignment.settings
    texts = {lang: aligned.alignment.beads[8].text[lang] for lang in LANGS}
    settings["reviewed_rows"] = f"9:{text_fingerprint(chr(10).join(['Fix', *texts.values()]))}"
    del settings["reviewed_base"], settings["reviewed_decisions"]
    write_aligned(aligned, alignment_file(review_work))
    legacy = alignment_file(review_work).read_bytes()

    edit_rows(review_work / boris, {2: {"Decision": "OK"}})
    capsys.readouterr()
    assert review_import(review_work, boris) == 2
    assert "an older copy?" in capsys.readouterr().err
    assert alignment_file(review_work).read_bytes() == legacy
    edit_rows(review_work / anna, {2: {"Decision": "OK"}})
    assert review_import(review_work, anna) == 0
    assert read_alignment(alignment_file(review_work)).beads[8].text["kk"] == ANNA_KK
