"""A news text's first sentence restates its headline's subject, which shows where the headline run
into it ends (NTREX raw track: "… toxic masculinity Kit Harington is known …"); a definition, a
long first sentence or a name said again as an object are not cut."""

from pathlib import Path

import pytest

from ushtil.read.triples import Triple, read_triple
from ushtil.split import split_paragraphs, split_sentences, split_triple

NTREX = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ntrex-dev"
LANGS = ("en", "kk", "ru")


def _ntrex(name: str) -> None:
    if not (NTREX / f"{name}.gold.jsonl").is_file():
        pytest.skip("../shared/bench/ntrex-dev is not there")


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("dailymail.co.uk.298738", "en"),  # "… toxic masculinity Kit Harington is known …": a name said again
        ("dailymail.co.uk.298738", "kk"),  # "… білдірді Кит Харингтон HBO-ның …"
        ("dailymail.co.uk.298738", "ru"),  # "… маскулинность Кит Харингтон известен …"
        ("scotsman.133801", "en"),  # "… Rapid Vienna clash Rangers host …": the headline's first word again
        ("scotsman.133783", "en"),  # "… over Brexit fears The Health Secretary has written …"
        ("scotsman.133783", "kk"),  # "… жеткізді Денсаулық Сақтау …"
    ],
)
def test_a_headline_restated_by_the_first_sentence_is_cut_off(name, lang):
    _ntrex(name)
    paragraphs = (NTREX / f"{name}.raw.{lang}.txt").read_text(encoding="utf-8").split("\n\n")
    lines = (NTREX / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
    assert split_paragraphs(paragraphs, lang)[0][:2] == lines[:2]


def test_a_triple_cuts_each_language_where_its_own_headline_ends():
    """NTREX cnbc.com.6769 ("… unless it can trust US North Korea's foreign minister …": an acronym
    ends the headline) and scotsman.133783 (Russian "… насчет Brexit Министр здравоохранения …":
    the other languages' cut is matched at the place that restates the headline, after a name too);
    the heading's share is taken of the first paragraph, however each language cut the rest."""
    for name, lang in (("cnbc.com.6769", "en"), ("scotsman.133783", "ru"), ("upi.176275", "en")):
        _ntrex(name)
        triple = read_triple(Triple(name, {code: NTREX / f"{name}.raw.{code}.txt" for code in LANGS}))
        gold = (NTREX / f"{name}.{lang}.txt").read_text(encoding="utf-8").splitlines()
        assert split_triple(triple)[lang][0][0] == gold[0], (name, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a definition that names its subject again (KTB, the Kazakh tuning part): not a headline
        ("kk", "Еуровидение 2010 ән конкурсы Еуровидениенің 55-ші конкурсы болады."),
        # a long first sentence naming someone again as an object (EWT): a headline is short
        ("en", "President Bush pinched a few nerves yesterday with his choice of words: WASHINGTON (Reuters) - "
               "U.S. Muslim groups criticized President Bush on Thursday for calling a foiled plot part of a war."),
        # a name said again after a joining word
        ("en", "Kazakhstan signed the treaty, and the parliament of Kazakhstan ratified it in May."),
    ],
)
def test_a_name_said_again_inside_a_sentence_is_not_a_headline(lang, text):
    assert split_sentences(text, lang) == [text]
