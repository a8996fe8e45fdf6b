"""`ushtil glossary` on input it can only partly use (issue 10 point 5, issue 13 "Bad input"): it
builds from what is there, says what it could not pair in one line, and never writes an empty
workbook over an existing one."""

from __future__ import annotations

import csv

import pytest

from conftest import SEED_ARTICLE
from ushtil.cli import main


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no curated store glossary/glossary.tsv here
    return tmp_path


def _planted(seed_article) -> str:
    """The seed with its Kazakh abstract replaced by the Russian one (as tests/test_read_wrong_marker.py)."""
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    start, end = text.index("**Аңдатпа.** "), text.index("**Түйін сөздер:**")
    return text[:start] + "**Аңдатпа.** " + "\n\n".join(seed_article.part("ru").paragraphs) + "\n\n" + text[end:]


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("ushtil glossary: note:")]


def _entries(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_kazakh_abstract_in_russian_builds_from_the_en_ru_pairs_and_says_so(work, seed_article, capsys):
    corpus = work / "corpus"
    corpus.mkdir()
    (corpus / "planted.txt").write_text(_planted(seed_article), encoding="utf-8")
    (work / "glossary.csv").write_text("id,en\nold,Old entry\n", encoding="utf-8")
    assert main(["glossary", str(corpus), "--csv", "glossary.csv", "--candidates", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert _notes(err) == [
        "ushtil glossary: note: planted: the kk abstract is in Russian (under the marker 'Аңдатпа'): the glossary "
        "pairs its abstract en-ru only (the kk title and keywords are used)",
        "ushtil glossary: note: one article (planted): terms are found and scored on its text alone; the journal's "
        "other articles give a fuller, surer glossary",
    ]
    entries = {entry["en"]: entry for entry in _entries(work / "glossary.csv")}
    # the Kazakh keywords still pair; the abstract's en-ru pairs give their Russian renderings
    assert entries["Russia"]["kk"] == "Ресей" and entries["Russia"]["ru"] == "Россия"
    assert entries["Central Asia"]["ru"] == "Центральная Азия"
    assert len(entries) >= 8


def test_english_only_corpus_is_one_line_and_nothing_is_written(work, seed_article, capsys):
    english = seed_article.part("en")
    (work / "english.txt").write_text(
        f"{english.title}\n\nAbstract. " + "\n\n".join(english.paragraphs)
        + "\n\nKeywords: " + ", ".join(english.keywords) + "\n", encoding="utf-8")
    (work / "glossary.xlsx").write_bytes(b"the terminologist's workbook")
    assert main(["glossary", "english.txt", "-o", "glossary.xlsx", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert _notes(err) == ["ushtil glossary: note: english: only en text, nothing to pair "
                           "(a glossary needs two languages or more)"]
    assert "error: no parallel text found" in err and "Traceback" not in err
    assert (work / "glossary.xlsx").read_bytes() == b"the terminologist's workbook"


def test_an_empty_build_never_replaces_an_existing_workbook(work, capsys):
    (work / "weather.txt").write_text(
        "Abstract. The weather was fine today.\n\nАннотация. Сегодня была хорошая погода.\n", encoding="utf-8")
    (work / "glossary.xlsx").write_bytes(b"the terminologist's workbook")
    assert main(["glossary", "weather.txt", "-o", "glossary.xlsx", "--no-store", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == ("ushtil glossary: error: the build found no entries (see the notes above); "
                                    "nothing written, glossary.xlsx kept unchanged")
    assert (work / "glossary.xlsx").read_bytes() == b"the terminologist's workbook"
    # with no file there, still nothing written: an empty glossary is not a result
    assert main(["glossary", "weather.txt", "-o", "new.xlsx", "--no-store", "--quiet"]) == 1
    assert capsys.readouterr().err.splitlines()[-1].endswith("the build found no entries (see the notes above); "
                                                              "nothing written")
    assert not (work / "new.xlsx").exists()


def test_a_store_with_a_malformed_row_is_one_line(work, capsys):
    header = "id\ten\tkk\tru\tvariants\tkind\tstatus\tnote\tsource\n"
    (work / "store.tsv").write_text(header + "eu\tEU\tЕО\tЕС\t\tacronym\tapproved\t\t\n"
                                    "\t\tҚытай\tКитай\t\tname\tapproved\t\t\n", encoding="utf-8")
    assert main(["glossary", str(SEED_ARTICLE), "-o", "glossary.xlsx", "--store", "store.tsv", "--quiet"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["ushtil glossary: error: store.tsv:3: an entry needs an id and an English term"]
    assert not (work / "glossary.xlsx").exists()
