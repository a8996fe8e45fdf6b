"""A short Latin-script text (under 30 words) is not English because of its script alone: the seed's
opening sentences in Kazakh written in the Latin alphabet, in French, German or Turkish are in no
language ushtil reads, while short English (the seed's own sentences, NTREX's lines) stays English."""

from __future__ import annotations

import pytest

from conftest import NTREX
from ushtil.cli import main
from ushtil.langid import identify

#: the seed's first Kazakh sentence (and a short second one) in the 2021 Kazakh Latin alphabet, and as
#: typed without its letters
KAZAKH_LATIN = ("Ğasyrlar boiy Ortalyq Aziia Euraziianyñ toğysqan jerı nemese «Şyğys pen Batystyñ toğysqan "
                "jerı» bolyp, ony «qyzyqty» aimaqqa ainaldyryp keledı. Būl maqalada Qazaqstannyñ röli qarastyrylady.")
KAZAKH_LATIN_TYPED = ("Gasyrlar boiy Ortalyq Aziia Euraziianyn togysqan jeri nemese «Shygys pen Batystyn togysqan "
                      "jeri» bolyp, ony «qyzyqty» aimaqqa ainaldyryp keledi.")
#: the seed's first English sentence, in French, and its third in German and its first in Turkish
FRENCH = ("Depuis des siècles, l'Asie centrale est un carrefour de l'Eurasie, « l'intersection de l'Orient et "
          "de l'Occident », ce qui en fait une région « intéressante ».")
GERMAN = ("Heute ist Zentralasien zu einem Schauplatz des Wettbewerbs und der Rivalität zwischen den "
          "Großmächten geworden.")
TURKISH = ("Yüzyıllar boyunca Orta Asya, Avrasya'nın kavşağı ya da \"Doğu ile Batı'nın kesişim noktası\" olmuş "
           "ve onu \"ilginç\" bir bölge haline getirmiştir.")


@pytest.mark.parametrize("text", [KAZAKH_LATIN, KAZAKH_LATIN_TYPED, FRENCH, GERMAN, TURKISH],
                         ids=["kazakh-latin", "kazakh-latin-typed", "french", "german", "turkish"])
def test_a_short_latin_text_in_another_language_is_not_english(text):
    assert len(text.split()) < 30
    guess = identify(text)
    assert guess.other and guess.lang != "en" and not guess.is_compatible("en")


def test_a_short_english_abstract_is_still_english(seed_article):
    english = seed_article.part("en").sentences
    short = " ".join(english[0])  # the seed's first paragraph: 2 sentences, under 30 words each
    for text in [short, *english[0], seed_article.part("en").title, "Erdoğan met Tokayev in Türkiye."]:
        assert identify(text).lang == "en" and not identify(text).other, text


@pytest.mark.skipif(not NTREX.is_dir(), reason="needs ../shared/bench/ntrex-dev")
def test_every_english_line_of_the_news_benchmark_stays_english():
    lines = [line for path in sorted(NTREX.glob("*.en.txt")) if ".raw." not in path.name
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 500
    assert [line for line in lines if identify(line).lang != "en"] == []


def test_a_short_kazakh_latin_abstract_file_is_refused_on_one_line(tmp_path, capsys):
    path = tmp_path / "andatpa.txt"
    path.write_text(KAZAKH_LATIN + "\n", encoding="utf-8")
    assert main(["extract", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "the text is not English, Kazakh or Russian" in err
