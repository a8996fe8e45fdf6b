"""Golden tables for the built-in lemmatisers: inflected forms of the seed article's terms meet."""

from __future__ import annotations

import pytest

from ushtil.errors import UshtilError
from ushtil.lemma import lemma, lemmatize, lemmatize_phrase

KAZAKH = [
    ("Ресейді", "Ресей"),
    ("Ресейдің", "Ресей"),
    ("Ресейге", "Ресей"),
    ("Азияның", "Азия"),
    ("Қытайдың", "Қытай"),
    ("Қазақстанның", "Қазақстан"),
    ("елдері", "ел"),
    ("мүдделерін", "мүдде"),
    ("өркениеттер", "өркениет"),
    ("мемлекеттердің", "мемлекет"),
    ("саясаттағы", "саясат"),
    ("ЕО-ның", "ЕО"),
    ("АҚШ-тың", "АҚШ"),
    ("55-ші", "55"),
]

RUSSIAN = [
    ("России", "Россия"),
    ("Россию", "Россия"),
    ("Китая", "Китай"),
    ("Казахстана", "Казахстан"),
    ("цивилизации", "цивилизация"),
    ("интересы", "интерес"),
    ("государств", "государство"),
    ("ЕС", "ЕС"),
    ("США", "США"),
]

ENGLISH = [
    ("countries", "country"),
    ("civilizations", "civilization"),
    ("interests", "interest"),
    ("were", "be"),
    ("Russia", "Russia"),
    ("EU", "EU"),
    ("USA", "USA"),
    ("n't", "not"),
]

PHRASES = [
    ("Орта Азияның", "kk", "Орта Азия"),
    ("Орталық Азиядағы", "kk", "Орталық Азия"),
    ("геосаяси мүдделерін", "kk", "геосаяси мүдде"),
    ("Центральной Азии", "ru", "Центральная Азия"),
    ("Европейского союза", "ru", "Европейский союз"),
    ("геополитических интересов", "ru", "геополитический интерес"),
    ("внерегиональных держав", "ru", "внерегиональная держава"),
    ("региональных и нерегиональных игроков", "ru", "региональный и нерегиональный игрок"),
    ("Соединенных Штатов", "ru", "Соединенные Штаты"),
    ("Организации Договора о коллективной безопасности", "ru", "Организация Договора о коллективной безопасности"),
    ("geopolitical interests", "en", "geopolitical interest"),
    ("United States", "en", "United States"),
    ("Central Asian countries", "en", "Central Asian country"),
]


@pytest.mark.parametrize(("word", "expected"), KAZAKH)
def test_kazakh_endings_are_stripped_with_vowel_harmony(word, expected):
    assert lemma(word, "kk") == expected


@pytest.mark.parametrize(("word", "expected"), RUSSIAN)
def test_russian_forms_meet_in_their_lemma(word, expected):
    assert lemma(word, "ru") == expected


@pytest.mark.parametrize(("word", "expected"), ENGLISH)
def test_english_forms_meet_in_their_lemma(word, expected):
    assert lemma(word, "en") == expected


@pytest.mark.parametrize(("phrase", "lang", "expected"), PHRASES)
def test_phrases_take_their_dictionary_form(phrase, lang, expected):
    assert lemmatize_phrase(phrase, lang) == expected


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        ("Орта Азияның барлық елдері Ресейді ретінде анықтайды .", "kk",
         "орта Азия барлық ел Ресей ретінде анықта ."),
        ("Все страны Центральной Азии определяют Россию как приоритет .", "ru",
         "весь страна центральный Азия определять Россия как приоритет ."),
        ("The countries of Central Asia identify Russia as a priority .", "en",
         "the country of Central Asia identify Russia as a priority ."),
    ],
)
def test_sentences_get_one_lemma_per_word_and_a_lower_case_start(words, lang, expected):
    assert lemmatize(words.split(), lang) == expected.split()


def test_names_keep_their_capital_at_a_sentence_start():
    assert lemmatize(["Ресейдің", "саясаты"], "kk")[0] == "Ресей"
    assert lemmatize(["России", "и", "Китая"], "ru") == ["Россия", "и", "Китай"]


def test_empty_input_and_unknown_language():
    assert lemmatize([], "kk") == []
    with pytest.raises(UshtilError):
        lemmatize(["word"], "de")
    with pytest.raises(ValueError):
        lemmatize(["word"], "en", backend="spacy")


def test_the_public_api_exports_lemmatize():
    import ushtil

    assert ushtil.lemmatize(["России"], "ru") == ["Россия"]
