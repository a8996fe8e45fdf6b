"""A re-run of ``ushtil align`` does not make the text of an alignment file again when the work
folder's cache says the file holds what was written for that same alignment; a file edited since,
or a damaged record, makes the text again, and every file ends up holding what a fresh run writes."""

from __future__ import annotations

import shutil

from conftest import ROOT, SEED_ARTICLE
from test_engine import damage_cache
from ushtil.aligner import io
from ushtil.cache import CACHE_FOLDER
from ushtil.cli import main

LAYOUTS = ROOT / "tests" / "data" / "layouts"


def texts_made(monkeypatch) -> list[str]:
    """The names of the alignments whose file text is made from here on (``io.alignment_text`` counted)."""
    made: list[str] = []
    text_of = io.alignment_text

    def counted(alignment, article=None):
        made.append(alignment.name)
        return text_of(alignment, article)

    monkeypatch.setattr(io, "alignment_text", counted)
    return made


def test_unchanged_alignment_files_are_not_written_again_and_edited_or_damaged_ones_are(tmp_path, capsys,
                                                                                          monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_ARTICLE, corpus / "seed.txt")
    (corpus / "qazaq.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan"),
                                      encoding="utf-8")
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    written = {path.name: path.read_bytes() for path in work.glob("*.alignment.jsonl")}
    assert len(written) == 2

    made = texts_made(monkeypatch)
    capsys.readouterr()
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "0 alignment file(s) written, 2 unchanged" in capsys.readouterr().err
    assert made == []  # neither text made again

    # a file edited by hand: its text is made again and the file written back
    edited = work / "seed.alignment.jsonl"
    edited.write_bytes(edited.read_bytes().replace(b"Kazakhstan", b"Kazakstan"))
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "1 alignment file(s) written, 1 unchanged" in capsys.readouterr().err
    assert made == ["seed"]
    assert {path.name: path.read_bytes() for path in work.glob("*.alignment.jsonl")} == written

    # the records damaged (checksums no longer hold): never used, every text made again, no file
    # rewritten since each holds its text
    assert damage_cache(work / CACHE_FOLDER, '"', "'") >= 2
    made.clear()
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "0 alignment file(s) written, 2 unchanged" in capsys.readouterr().err
    assert sorted(made) == ["qazaq", "seed"]
    assert {path.name: path.read_bytes() for path in work.glob("*.alignment.jsonl")} == written


def test_an_article_with_its_kazakh_abstract_first_is_not_made_again_on_a_re_run(tmp_path, capsys, monkeypatch):
    """The reader keeps the page's order of the abstracts (kk, en, ru here); read again from the
    cache they come in en, kk, ru order. The file is the same either way, and so must be its key:
    it differed, and every re-run made the text of such an article again (27 of 1,000 in
    bench/corpus_scale.py, every article of a journal printing Kazakh first)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(LAYOUTS / "03_kk_first_inline_dashes.txt", corpus / "kk_first.txt")
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    made = texts_made(monkeypatch)
    capsys.readouterr()
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "0 alignment file(s) written, 1 unchanged" in capsys.readouterr().err
    assert made == []


def test_a_re_run_finds_unchanged_files_by_their_pass_without_encoding_the_articles(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_ARTICLE, corpus / "seed.txt")
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    (corpus / "qazaq.txt").write_text(SEED_ARTICLE.read_text(encoding="utf-8").replace("Kazakhstan", "Qazaqstan"),
                                      encoding="utf-8")
    encoded = []
    key_of = io.text_key
    monkeypatch.setattr(io, "text_key", lambda aligned: encoded.append(aligned.name) or key_of(aligned))
    made = texts_made(monkeypatch)
    capsys.readouterr()
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    assert "1 alignment file(s) written, 1 unchanged" in capsys.readouterr().err
    assert made == ["qazaq"]
    assert encoded == []  # the articles were marshalled whole to find their files' records: 0.12 s of 1,001
    fresh = tmp_path / "fresh"
    assert main(["align", str(corpus), "-o", str(fresh), "-q", "--jobs", "1", "--fresh"]) == 0
    assert {path.name: path.read_bytes() for path in work.glob("*.alignment.jsonl")} == {
        path.name: path.read_bytes() for path in fresh.glob("*.alignment.jsonl")}
    # glossary terms change the alignments' key: their texts are made again (the files hold other settings)
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("en\tkk\tru\nKazakhstan\tҚазақстан\tКазахстан\n", encoding="utf-8")
    made.clear()
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1", "--glossary", str(glossary)]) == 0
    assert sorted(made) == ["qazaq", "seed"]
    assert b"terms.tsv" in (work / "seed.alignment.jsonl").read_bytes()
