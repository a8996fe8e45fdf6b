"""Issue 13: the language facts the glossary and the byline reader use come from the per-language data
(Kazakh endings from the lemmatiser's ``kk_endings.toml``, demonym and adjective endings from
``terms.toml``, the word joining two author names from ``langs/data/*.toml``), written once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ushtil.lemma.kk import kazakh_endings

SRC = Path(__file__).resolve().parents[1] / "src" / "ushtil"


@pytest.mark.parametrize(("name", "expected"), [
    ("genitive", {"ның", "нің", "дың", "дің", "тың", "тің"}),
    ("plural", {"лар", "лер", "дар", "дер", "тар", "тер"}),
    ("adjective", {"лық", "лік", "дық", "дік", "тық", "тік"}),
])
def test_kazakh_endings_come_from_the_lemmatiser_data(name, expected):
    endings = kazakh_endings(name)
    assert set(endings) == expected and len(endings) == len(expected)


def test_the_lemmatiser_still_strips_the_genitive_it_lists_apart():
    from ushtil.lemma import lemma

    assert lemma("Ресейдің", "kk") == "Ресей"
    assert lemma("провинциясының", "kk").startswith("провинция")


@pytest.mark.parametrize("module", ["glossary/compose.py", "glossary/matching.py", "read/sections.py"])
def test_no_ending_or_joining_word_is_written_in_code(module):
    text = (SRC / module).read_text(encoding="utf-8")
    assert not re.search(r'"(ның|лар|лық|ский|ая|неміс)", ', text)
    assert "bжәне" not in text


@pytest.mark.parametrize(("byline", "names"), [
    ("Д.М. Туртугулова және Б. Сейлхан", ["Д.М. Туртугулова", "Б. Сейлхан"]),
    ("Туртугулова Д.М. и Сейлхан Б.", ["Туртугулова Д.М.", "Сейлхан Б."]),
    ("Dina Turtugulova and Balausa Seilkhan.", ["Dina Turtugulova", "Balausa Seilkhan"]),
])
def test_bylines_are_split_at_each_languages_joining_word(byline, names):
    from ushtil.read.sections import split_names

    assert split_names(byline) == names


def test_kazakh_demonym_rendering_is_an_adjective_or_a_people():
    from ushtil.glossary.matching import _adjective_of_people

    assert _adjective_of_people("индонезиялық", "kk")
    assert _adjective_of_people("неміс", "kk")
    assert _adjective_of_people("немецкий", "ru")
    assert not _adjective_of_people("индонезия", "kk")
    assert not _adjective_of_people("германия", "ru")


def test_kazakh_voicing_is_the_lemmatiser_alternation_turned_round():
    from ushtil.glossary.headwords import _voiced
    from ushtil.lemma.kk import kazakh_voicing

    assert kazakh_voicing() == {"қ": "ғ", "к": "г", "п": "б"}
    assert _voiced("жетіспеушілік", "kk") == ("жетіспеушілік", "жетіспеушіліг")
    assert _voiced("провинция", "kk") == ("провинция",)


@pytest.mark.parametrize(("kazakh", "russian"), [
    ("Еуразия", "Евразия"),  # еу / ев
    ("Ердоган", "Эрдоган"),  # initial е / э
    ("Сан-Диего", "Сан Диего"),  # hyphen as space
])
def test_kazakh_and_russian_spellings_of_a_name_fold_alike(kazakh, russian):
    from ushtil.translit import russian_spelling

    assert russian_spelling(kazakh) == russian_spelling(russian)


@pytest.mark.parametrize(("written", "sure"), [
    ("тізе", True),  # е is a dative only after м, ң: тізе is no тіз + е (NTREX: knee = тізе = колено)
    ("аймақта", False),  # та is the locative after a voiceless consonant: аймақ + та
    ("провинцияда", False),  # да after a vowel
])
def test_a_bare_kazakh_head_is_unsure_only_where_an_ending_could_follow_its_stem(written, sure):
    from collections import Counter

    from ushtil.glossary.compose import composed_headword
    from ushtil.glossary.index import LanguageIndex

    index = LanguageIndex(lang="kk", sides=[], postings={}, surfaces={written: Counter({written: 2})})
    assert composed_headword(index, written, False) == (written, sure)


@pytest.mark.parametrize(("line", "codes"), [
    ("ӘОЖ 327.8", True),  # kk.toml: UDC
    ("ХҒТАР 11.25.19", True),  # kk.toml: IRSTI
    ("УДК 327.8", True),
    ("МРНТИ 11.25.19", True),
    ("ГРНТИ 11.25.19", True),
    ("UDC 327.8", True),
    ("IRSTI 11.25.19", True),
    ("GRNTI 11.25.19", True),
    ("JEL F50", True),
    ("DOI: 10.32523/2616-6887-2025-150-1-120-134", True),
    ("Jelly beans for all", False),  # a label only as a whole word
    ("Удельный вес экспорта", False),
])
def test_each_languages_classification_labels_open_a_line_of_codes(line, codes):
    """The labels are each language's record's (``[front_matter] classification_labels``)."""
    from ushtil.read.sections import is_classification_line

    assert is_classification_line(line) is codes


@pytest.mark.parametrize(("written", "demonym"), [
    ("Cuban", True),  # Cuba + an: terms.toml's English demonym endings
    ("Sudanese", True),
    ("Canadians", True),
    ("South Korean", True),  # after a direction (terms.toml's English directions)
    ("North Koreans", True),
    ("Big Korean", False),
    ("Cuba", False),  # the country's name
])
def test_english_demonyms_are_read_by_the_glossary_datas_endings_and_directions(written, demonym):
    from ushtil.glossary.candidates import is_demonym_phrase

    assert is_demonym_phrase(written) is demonym


def test_russian_lemmas_write_yo_as_ye_by_the_record():
    """ru.toml [spelling] folded: lemmas, phrase headwords and the glossary's name matching all
    write ё as е, as the dictionaries do."""
    from ushtil.glossary.index import Side
    from ushtil.glossary.matching import _word_form
    from ushtil.lemma import builtin_lemmatizer, lemma, lemmatize_phrase

    assert lemma("ёлки", "ru") == "елка"
    assert builtin_lemmatizer("ru").lemmas("берёзы") == ("береза",)
    assert lemmatize_phrase("Соединённых Штатов", "ru", plural=True) == "Соединенные Штаты"
    assert lemmatize_phrase("зелёной зоны", "ru") == "зеленая зона"
    assert Side(surface=["Пётр", "Ёлкин"], keys=[]).folded == "петр елкин"
    assert _word_form("Петр", "Пётра", "ru")


@pytest.mark.parametrize(("name", "written", "form"), [
    ("Польша", "польская", False),  # ru.toml [endings] adjective: an adjective made of the name
    ("Польша", "польского", False),  # ru.toml [endings] oblique_adjective
    ("Польша", "польскими", False),  # terms.toml [ru] adjective_forms
    ("Польша", "Польши", True),
    ("Корея", "Кореей", True),  # terms.toml [ru] noun_case_endings: ей is a noun's case ending too
])
def test_a_russian_names_form_is_no_adjective_by_the_records_endings(name, written, form):
    from ushtil.glossary.matching import _word_form

    assert _word_form(name, written, "ru") is form


@pytest.mark.parametrize(("gram", "written", "plural", "headword"), [
    # kk_endings.toml [chains] accusative_after_possessive: the н is cut, the possessive stays
    ("грант", "гранттарын", True, ("гранттары", True)),
    ("сауда соғыс", "сауда соғысын", False, ("сауда соғысы", True)),
    # possessive_and_accusative: a bare head ending so may be inflected (бюджет-і-н, қор-ы-н)
    ("бюджетін", "бюджетін", False, ("бюджетін", False)),
    ("қорын", "қорын", False, ("қорын", False)),
])
def test_a_kazakh_head_in_the_accusative_of_its_possessive(gram, written, plural, headword):
    from collections import Counter

    from ushtil.glossary.compose import composed_headword
    from ushtil.glossary.index import LanguageIndex

    index = LanguageIndex(lang="kk", sides=[], postings={}, surfaces={gram: Counter({written: 2})})
    assert composed_headword(index, gram, plural) == headword
