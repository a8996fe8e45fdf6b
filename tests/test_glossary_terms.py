"""Issue 13: multi-word terms found in running text, on real text (NTREX dev, gold beads).

A term found in a few beads only is on the Terms sheet when its Kazakh and Russian renderings
recur with it, are noun phrases in dictionary form, and their words translate its words; a
fragment whose extent the beads do not show (disaster mitigation, mitigation agency) stays a
candidate.
"""

from __future__ import annotations

import pytest

from ushtil.glossary import build_glossary
from ushtil.glossary.headwords import headword
from ushtil.glossary.phrases import noun_phrase


def by_english(glossary, english):
    return next((entry for entry in glossary.with_candidates() if entry.en == english), None)


@pytest.mark.parametrize(("en", "kk", "ru"), [
    ("trade war", "сауда соғысы", "торговая война"),
    ("death penalty", "өлім жазасы", "смертная казнь"),
    ("domestic violence", "тұрмыстық зорлық-зомбылық", "домашнее насилие"),
    ("tropical moisture", "тропикалық ылғал", "тропическая влажность"),
    # the compound's head keeps its possessive ending, voiced (жетіспеушілік → жетіспеушілігі)
    ("sleep deprivation", "ұйқы жетіспеушілігі", "лишение сна"),
    # written грязекаменные потоки: the Russian adjective agrees with its noun in the singular
    ("debris flow", "сел", "грязекаменный поток"),
])
def test_consistently_translated_terms_are_on_the_terms_sheet(ntrex_glossary, en, kk, ru):
    entry = by_english(ntrex_glossary, en)
    assert entry is not None and entry.kind == "term"
    assert (entry.kk, entry.ru) == (kk, ru)
    assert entry in ntrex_glossary.entries


@pytest.mark.parametrize("en", [
    "disaster mitigation", "mitigation agency", "disaster mitigation agency",  # where the term ends is unknown
    "deep tropical moisture",  # the renderings leave "deep" out: the term is tropical moisture
    "toxic masculinity",  # the Kazakh rendering found leaves зиянды out
    "death toll",  # Kazakh writes it two ways (қаза болғандардың саны, қайтыс болғандардың саны)
])
def test_unsure_terms_stay_candidates(ntrex_glossary, en):
    entry = by_english(ntrex_glossary, en)
    assert entry is None or entry in ntrex_glossary.candidates


def test_time_words_make_no_term(ntrex_glossary):
    assert by_english(ntrex_glossary, "next week") is None


@pytest.fixture(scope="module")
def seed_glossary_terms():
    from conftest import SEED_ARTICLE

    return build_glossary([SEED_ARTICLE])


def test_seed_keyword_term_keeps_its_plural_and_agreement(seed_glossary_terms):
    entry = by_english(seed_glossary_terms, "geopolitical interests")
    assert (entry.kk, entry.ru) == ("геосаяси мүдделер", "геополитические интересы")
    assert entry in seed_glossary_terms.entries


@pytest.mark.parametrize(("phrase", "expected"), [
    ("торговая война", True),
    ("число погибших", True),  # a participle in the genitive used as a noun
    ("агентство по устранению", False),  # a preposition leaves it unfinished
    ("заявил южнокорейский", False),  # a verb
    ("стихийных", False),  # an adjective without its noun
])
def test_russian_renderings_are_noun_phrases(phrase, expected):
    from ushtil.glossary.index import LanguageIndex

    index = LanguageIndex(lang="ru", sides=[], postings={}, surfaces={})
    assert noun_phrase(phrase, index) is expected


def test_kazakh_rendering_never_ends_in_a_verb():
    from ushtil.glossary.index import LanguageIndex

    index = LanguageIndex(lang="kk", sides=[], postings={}, surfaces={})
    assert not noun_phrase("бекіт", index)
    assert noun_phrase("сауда соғыс", index)


def test_kazakh_compound_head_written_with_voiced_possessive():
    from collections import Counter

    from ushtil.glossary.index import LanguageIndex

    written = Counter({"ұйқы жетіспеушілігінің": 2, "ұйқы жетіспеушілігі": 1})
    index = LanguageIndex(lang="kk", sides=[], postings={}, surfaces={"ұйқы жетіспеушілік": written})
    assert headword(index, "ұйқы жетіспеушілік") == "ұйқы жетіспеушілігі"


@pytest.mark.parametrize(("word", "ends_term"), [
    ("frictionless", False),  # adjective ending "less" (NTREX: "the frictionless border")
    ("clueless", False),
    ("regardless", False),
    ("process", True),
    ("awareness", True),
    ("nationalism", True),
    ("population", True),
])
def test_an_english_term_ends_in_a_noun_not_in_less(word, ends_term):
    from ushtil.glossary.patterns import term_patterns

    assert term_patterns("en").can_end_term(word) is ends_term
