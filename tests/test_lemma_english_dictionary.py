"""English lemmas start fast: lemminflect's dictionary is looked up in its file as it stands, with
the readings ``lemminflect.getAllLemmas`` gives, and lemminflect (numpy, its whole table parsed into
dictionaries: 0.3 s) is imported only for a word its dictionary lacks."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

from conftest import ROOT, SEED_ARTICLE
from ushtil.lemma.en import EnglishDictionary


def test_readings_are_lemminflects_for_the_seed_article_and_table_forms():
    from lemminflect import config, getAllLemmas

    words = set(re.findall(r"[\w'’.-]+", SEED_ARTICLE.read_text(encoding="utf-8")))
    with gzip.open(config.lemma_lu_fn, "rt", encoding="utf-8") as table:
        forms = [line.split(",")[0] for line in table]
    words |= set(forms[::40]) | {forms[0], forms[-1], "", "'", "zzzz", "1,000", "a,b"}
    words |= {variant for word in list(words) for variant in (word.upper(), word.capitalize(), word + "s")}
    dictionary = EnglishDictionary()
    for word in sorted(words):
        readings = dictionary.readings(word)
        assert readings == getAllLemmas(word), word
        assert list(readings) == list(getAllLemmas(word)), word  # word classes in the same order


def test_lemmas_of_known_words_load_neither_lemminflect_nor_numpy():
    code = ("import sys\nfrom ushtil.lemma import lemmatize\n"
            "assert lemmatize(['Countries', 'were', 'analysed', 'by', 'us'], 'en') == "
            "['country', 'be', 'analyse', 'by', 'we'], lemmatize(['Countries'], 'en')\n"
            "print(sorted(name for name in ('numpy', 'lemminflect') if name in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert loaded.stdout.strip() == "[]"


def test_a_word_the_dictionary_lacks_gets_lemminflects_guess():
    from ushtil.lemma import lemmatize

    assert lemmatize(["the", "blorfs"], "en") == ["the", "blorf"]
