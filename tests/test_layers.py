"""read → split: the reader returns paragraphs, the splitter cuts them into sentences, and every
caller that needs sentences (align, extract, check, the notebook API) reads, then splits."""

from __future__ import annotations

import json
import shutil

import pytest

import ushtil
from conftest import SEED_ARTICLE
from ushtil.aligner import align_articles
from ushtil.cache import ResultCache
from ushtil.cli import main
from ushtil.engine import Engine
from ushtil.errors import InputError
from ushtil.langid import identify
from ushtil.read import read_article
from ushtil.read.inputs import collect_inputs, read_documents
from ushtil.read.triples import Triple, read_triple
from ushtil.split import split_article, split_document, split_triple

FIRST_EN = ('For centuries, Central Asia has been a crossroads of Eurasia, or "the intersection of East and West," '
            'making it an "interesting" region.')
SECOND_EN = ("It was the confluence point of four civilizations, which were controlled and controlled by the "
             "peoples of Central Asia.")

GERMAN = (
    "Zentralasien ist in den letzten Jahrzehnten zu einem Schauplatz des Wettbewerbs zwischen den Großmächten "
    "geworden, was die Beziehungen zwischen ihnen und das Gleichgewicht der Kräfte beeinflusst.\n\n"
    "Russland bleibt ein wichtiger Partner für alle Länder der Region. Die Europäische Union und China haben "
    "ihre Unterstützung für die Unabhängigkeit Kasachstans erklärt. In diesem Artikel untersuchen wir die "
    "Außenpolitik Kasachstans und ihre Folgen für die Nachbarstaaten.\n"
)


def test_the_reader_gives_paragraphs_and_the_splitter_the_sentences():
    read = read_article(SEED_ARTICLE)
    english = read.part("en")
    assert english.paragraphs[0].startswith("For centuries, Central Asia has been a crossroads of Eurasia")
    assert [part.sentences for part in read.parts.values()] == [[], [], []]
    assert english.found["sentences"] == 0

    split = split_article(read)
    assert split.part("en").sentences[0][:2] == [FIRST_EN, SECOND_EN]
    assert [len(split.part(lang).sentence_list) for lang in ("en", "kk", "ru")] == [11, 9, 11]
    assert read.part("en").sentences == []  # the reader's article is left as it was
    assert split.part("en").paragraphs == english.paragraphs and split.notes == read.notes
    # the notebook's one call reads, then splits
    assert ushtil.read_article(SEED_ARTICLE).to_dict() == split.to_dict()


def test_a_triple_is_read_as_paragraphs_and_split_by_its_mode(tmp_path):
    texts = {
        "en": "Headline of the story\n\nFirst sentence here. Second one follows.\nA line of its own.\n",
        "kk": "Хабардың тақырыбы\n\nБірінші сөйлем осында. Екінші сөйлем келеді.\nБөлек жол.\n",
        "ru": "Заголовок новости\n\nПервое предложение здесь. Второе следует.\nОтдельная строка.\n",
    }
    for lang, text in texts.items():
        (tmp_path / f"story.{lang}.txt").write_text(text, encoding="utf-8")
    paragraphs = read_triple(Triple("story", {lang: tmp_path / f"story.{lang}.txt" for lang in texts}))
    assert paragraphs["en"] == ["Headline of the story",
                                "First sentence here. Second one follows.\nA line of its own.\n"]
    lines = split_triple(paragraphs, presegmented=True)
    assert lines["en"] == [["Headline of the story"],
                           ["First sentence here. Second one follows.", "A line of its own."]]
    running = split_triple(paragraphs)
    assert running["en"] == [["Headline of the story"],
                             ["First sentence here.", "Second one follows.", "A line of its own."]]
    assert running["ru"][1][:2] == ["Первое предложение здесь.", "Второе следует."]


def test_read_documents_splits_on_the_pool_as_here_and_without_a_splitter_only_reads(tmp_path):
    for n in range(3):
        shutil.copy(SEED_ARTICLE, tmp_path / f"a{n}.txt")
    items = collect_inputs([tmp_path]).items
    here = read_documents(items, split=split_document)
    pooled = read_documents(items, split=split_document, engine=Engine(jobs=2))
    assert [o.value.to_dict() for o in pooled] == [o.value.to_dict() for o in here]
    assert here[0].value.part("en").sentences[0][0] == FIRST_EN
    only_read = read_documents(items, split=None)
    assert only_read[0].value.part("en").sentences == []


def _marking_splitter(document, backend, presegmented):
    """A stand-in splitter: the cache must tell it from split_document and one backend from another."""
    split = split_document(document, "builtin", presegmented)
    split.notes.append(f"split by the stand-in ({backend})")
    return split


def test_the_read_cache_key_names_the_splitter_and_its_backend(tmp_path):
    shutil.copy(SEED_ARTICLE, tmp_path / "a.txt")
    items = collect_inputs([tmp_path / "a.txt"]).items
    cache = ResultCache(tmp_path / "cache")
    first = read_documents(items, "builtin", split=split_document, cache=cache)[0].value
    marked = read_documents(items, "x", split=_marking_splitter, cache=cache)[0].value
    assert marked.notes[-1] == "split by the stand-in (x)"
    other_backend = read_documents(items, "y", split=_marking_splitter, cache=cache)[0].value
    assert other_backend.notes[-1] == "split by the stand-in (y)"
    assert cache.stats["hit"] == 0
    again = read_documents(items, "builtin", split=split_document, cache=cache)[0].value
    assert cache.stats["hit"] == 1
    assert again.to_dict() == first.to_dict()


def test_an_article_not_yet_split_is_split_before_it_is_aligned_and_align_refuses_it():
    read = read_article(SEED_ARTICLE)
    from_read, = align_articles([read])
    from_split, = align_articles([ushtil.read_article(SEED_ARTICLE)])
    assert [bead.to_dict() for bead in from_read.alignment.beads] == [
        bead.to_dict() for bead in from_split.alignment.beads]
    assert from_read.article.part("en").sentences[0][0] == FIRST_EN
    with pytest.raises(InputError, match="not split into sentences"):
        ushtil.align(read)


def test_extract_writes_the_sentences(tmp_path, capsys):
    out = tmp_path / "articles.jsonl"
    assert main(["extract", str(SEED_ARTICLE), "--json", str(out), "--quiet"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["en"]["sentences"][0][:2] == [FIRST_EN, SECOND_EN]
    assert record["en"]["found"]["sentences"] == 11


def test_a_german_file_is_not_read_as_english(tmp_path, capsys):
    assert identify(GERMAN).other and not identify(GERMAN).is_compatible("en")
    english = "\n\n".join(ushtil.read_article(SEED_ARTICLE).part("en").paragraphs)
    assert identify(english).lang == "en" and not identify(english).other
    german = tmp_path / "zentralasien.txt"
    german.write_text(GERMAN, encoding="utf-8")
    with pytest.raises(InputError, match="not English, Kazakh or Russian"):
        read_article(german)
    assert main(["extract", str(german), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"ushtil extract: error: {german}: the text is not English, Kazakh or Russian, the languages ushtil "
        "reads (and no abstract marker says otherwise)"
    ]
    # an English file without a marker is still read as English
    (tmp_path / "english.txt").write_text(english, encoding="utf-8")
    assert read_article(tmp_path / "english.txt").part("en").paragraphs[0].startswith("For centuries")


def test_a_german_file_in_a_triple_is_refused_with_one_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.en.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "story.kk.txt").write_text("Бірінші сөйлем осында. Екінші сөйлем келеді.\n", encoding="utf-8")
    (folder / "story.ru.txt").write_text("Первое предложение здесь. Второе следует.\n", encoding="utf-8")
    assert main(["align", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert (f"{folder / 'story.en.txt'}: the text is not English, Kazakh or Russian, the languages ushtil reads"
            in err)
    assert "Traceback" not in err
