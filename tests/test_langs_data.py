"""The language data files are sane: no duplicates, and the splitter copes with Cyrillic capitals."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from ushtil.langs import LANGUAGE_CODES, get_language
from ushtil.split import split_sentences


def _data(package: str, name: str) -> str:
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


def _lists(node, path=""):
    """Every list of strings in a parsed TOML document, with its dotted path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _lists(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list) and all(isinstance(item, str) for item in node):
        yield path, node


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_language_lists_have_no_duplicates(lang):
    data = tomllib.loads(_data("ushtil.langs", f"{lang}.toml"))
    for path, items in _lists(data):
        duplicates = sorted({item for item in items if items.count(item) > 1})
        assert not duplicates, f"{lang}.toml {path}: {duplicates}"


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_an_abbreviation_has_one_kind(lang):
    language = get_language(lang)
    kinds = (language.inner_abbreviations, language.final_abbreviations, language.ambiguous_abbreviations)
    for first in range(3):
        for second in range(first + 1, 3):
            assert not kinds[first] & kinds[second], f"{lang}: {sorted(kinds[first] & kinds[second])}"


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_stop_words_are_lower_case(lang):
    assert all(word == word.lower() for word in get_language(lang).stop_words)


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    [
        ("Бұл бірінші сөйлем. Әр елдің мүддесі бар. Өзбекстан да қатысады. Ұлттық мүдде маңызды. "
         "Үкімет шешті. Қытай келісті. Ғалымдар жазды. Іс басталды. Һ әрпі сирек.", "kk", 9),
        ("Это первое предложение. Ёлка стоит. Эстония согласилась. Юг страны тёплый. Яркий день. "
         "Щедрый урожай. Шанхай далеко. Жизнь идёт. Цены растут.", "ru", 9),
    ],
)
def test_cyrillic_capitals_start_sentences(text, lang, count):
    assert len(split_sentences(text, lang)) == count


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_capital_letter_of_the_alphabet_starts_a_sentence(lang):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if lang == "en" else "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
    for letter in alphabet:
        text = f"The first part ends here. {letter}xyz goes on." if lang == "en" else (
            f"Бірінші бөлік осында аяқталады. {letter}ыхыз жалғасады.")
        assert len(split_sentences(text, lang)) == 2, letter


def test_kazakh_endings_table_has_no_duplicate_variants():
    data = tomllib.loads(_data("ushtil.lemma", "kk_endings.toml"))
    for group in data["group"]:
        variants = [tuple(variant) for variant in group["variants"]]
        assert len(variants) == len(set(variants)), group["name"]
        for _back, _front, after in variants:
            assert all(item in data["classes"] or len(item) == 1 for item in after.split()), (group["name"], after)


@pytest.mark.parametrize("name", ["en_forms.tsv", "ru_forms.tsv", "kk_lexicon.tsv"])
def test_lemma_tables_have_one_lemma_per_form(name):
    rows = [line.split("\t") for line in _data("ushtil.lemma", name).splitlines()
            if line.strip() and not line.startswith("#")]
    forms = [row[0] for row in rows]
    assert all(len(row) >= 2 and all(row) for row in rows)
    assert len(forms) == len(set(forms))
