"""`ushtil align` on many articles prints the notes of the first 20 and counts the rest, which stay in
the alignment files (a 1,000-article run does not flood the terminal)."""

from __future__ import annotations

import json
import shutil

from conftest import SEED_ARTICLE
from ushtil.cli import main
from ushtil.cli.common import NOTE_LIMIT


def test_notes_of_many_articles_are_capped_and_counted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no default glossary/glossary.tsv: the alignments record "glossary none"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    count = NOTE_LIMIT + 3
    for number in range(count):
        shutil.copy(SEED_ARTICLE, corpus / f"article{number:02d}.txt")
    assert main(["align", str(corpus), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    notes = [line for line in err if line.startswith(("  note: article", "  note: … and"))]
    seed_notes = [line for line in notes if line.startswith("  note: article00: ")]
    assert seed_notes and any("truncated:kk" in line for line in seed_notes)  # the seed lacks a kk paragraph
    named = {line.split(":")[1].strip() for line in notes[:-1]}
    assert named == {f"article{number:02d}" for number in range(NOTE_LIMIT)}
    assert len(notes) == NOTE_LIMIT * len(seed_notes) + 1
    assert notes[-1] == (f"  note: … and {3 * len(seed_notes)} more note(s) on 3 more article(s); all are in the "
                         f"alignment files in {tmp_path / 'out'}/ (and 'ushtil check' reports them)")
    # the notes not printed are in the alignment file
    first = (tmp_path / "out" / f"article{count - 1:02d}.alignment.jsonl").read_text(encoding="utf-8").splitlines()[0]
    written = json.loads(first)["alignment"]["article"]["notes"]
    assert [f"  note: article00: {note}" for note in written] == seed_notes

    # read back by a run with other settings: one short line, each difference once, five names
    from ushtil.aligner import align_inputs

    corpus = align_inputs([tmp_path / "out"], term_pairs=[("Central Asia", "Орталық Азия", "Центральная Азия")],
                          glossary="terms.tsv")
    assert len(corpus.aligned) == count
    assert corpus.notes == [
        f"{count} alignment(s) made with other settings than this run's, used as they are: glossary none (this run: "
        "terms.tsv), terms 0 (this run: 1): article00, article01, article02, article03, article04 and 18 more"
    ]

def test_a_few_articles_print_every_note(tmp_path, capsys):
    shutil.copy(SEED_ARTICLE, tmp_path / "one.txt")
    assert main(["align", str(tmp_path / "one.txt"), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("  note: ")]
    assert any(line.startswith("  note: one: truncated:kk") for line in notes)
    assert not any(" more note(s) on " in line for line in notes)


def test_capped_notes_counts_notes_and_articles():
    from ushtil.cli.common import capped_notes

    groups = [[f"a{n}: one", f"a{n}: two"] for n in range(4)] + [[]]
    assert capped_notes(groups, "see the files", limit=2) == [
        "a0: one", "a0: two", "a1: one", "a1: two", "… and 4 more note(s) on 2 more article(s); see the files"]
    assert capped_notes([["x"], ["y"], ["z"]], "elsewhere", limit=2, per_article=False) == [
        "x", "y", "… and 1 more note(s); elsewhere"]
    assert capped_notes(groups[:2], "unused", limit=2) == ["a0: one", "a0: two", "a1: one", "a1: two"]
