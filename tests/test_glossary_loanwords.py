"""Issue 13, term recall: single-word terms that are one loanword in all three languages, and the
co-occurrence rules that find a rendering in every bead (real text: NTREX dev gold beads, the seed
articles)."""

from __future__ import annotations

import pytest

from ushtil.glossary.words import _kazakh_form_of, _russian_loanword


def by_english(glossary, english):
    return next((entry for entry in glossary.with_candidates() if entry.en == english), None)


@pytest.mark.parametrize(("en", "kk", "ru"), [
    ("conference", "конференция", "конференция"),
    ("tariff", "тариф", "тариф"),  # written тарифтер in Kazakh: the plural cut
    ("technology", "технология", "технология"),  # not технологиялық, технологический (technology company)
    ("reform", "реформа", "реформа"),  # one bead: the spelling of three texts is the evidence
    ("campus", "кампус", "кампус"),  # not the stem кампу a weaker reading by co-occurrence gave
])
def test_loanwords_shared_by_three_languages_are_terms(ntrex_glossary, en, kk, ru):
    entry = by_english(ntrex_glossary, en)
    assert entry is not None and entry.kind == "term" and (entry.kk, entry.ru) == (kk, ru)
    assert entry in ntrex_glossary.entries


def test_a_loanword_of_another_english_word_is_not_taken(ntrex_glossary):
    # the bead says "immigrants": иммигрант is spelled more like immigrant than like immigration
    entry = by_english(ntrex_glossary, "immigration")
    assert entry is None or "иммигрант" not in (entry.kk, entry.ru)
    # район is spelled much like rain, but the Kazakh text has no word of that spelling
    entry = by_english(ntrex_glossary, "rain")
    assert entry is None or "район" not in (entry.kk, entry.ru)


@pytest.mark.parametrize(("kazakh", "russian", "expected"), [
    ("тарифтер", "тариф", True),  # plural
    ("референдумда", "референдум", True),  # locative
    ("стереотипін", "стереотип", True),  # possessive + accusative
    ("технологиялық", "технология", False),  # adjective suffix
    ("эвакуацияла", "эвакуация", False),  # verb suffix
])
def test_kazakh_form_of_a_loanword_takes_only_noun_endings(kazakh, russian, expected):
    assert _kazakh_form_of(kazakh, russian) is expected


@pytest.mark.parametrize(("english", "russian", "expected"), [
    ("conference", "конференция", True),
    ("actor", "актер", True),  # the dictionary writes актёр
    ("technology", "технологический", False),  # an adjective
    ("sleep", "сон", False),  # a translation, not a loanword
])
def test_russian_loanword_is_a_noun_spelled_like_the_english(english, russian, expected):
    assert _russian_loanword(english, russian) is expected


@pytest.mark.parametrize(("en", "kk", "ru"), [
    # температура is in all four beads; перепад (a swing) in three, with a slightly higher Dice
    ("temperature", "температура", "температура"),
    # a hyphenated Kazakh word is a rendering too
    ("violence", "зорлық-зомбылық", "насилие"),
    # in five beads of six: the sixth bead's other wording does not make it unsure
    ("sleep", "ұйқы", "сон"),
    # a Kazakh two-word unit in eight beads of nine, the ninth writing жер сілкініс
    ("quake", "жер сілкінісі", "землетрясение"),
    # once capitalised (Global Poverty Project): the surer reading as a term replaces the name
    ("poverty", "кедейшілік", "бедность"),
])
def test_single_word_terms_rendered_in_every_bead_or_nearly(ntrex_glossary, en, kk, ru):
    entry = by_english(ntrex_glossary, en)
    assert entry is not None and entry.kind == "term" and (entry.kk, entry.ru) == (kk, ru)
    assert entry in ntrex_glossary.entries
    assert by_english(ntrex_glossary, en.capitalize()) is None


@pytest.mark.parametrize(("en", "kk", "ru"), [
    ("transformation", "трансформация", "трансформация"),
    ("arena", "арена", "арена"),
    # once a word of an unrelated phrase (ара), now the plural all three texts write
    ("relations", "қарым-қатынастар", "отношения"),
])
def test_seed_article_single_word_terms(en, kk, ru):
    from conftest import SEED_ARTICLE
    from ushtil.glossary import build_glossary

    entry = by_english(build_glossary([SEED_ARTICLE]), en)
    assert entry is not None and (entry.kk, entry.ru) == (kk, ru) and entry.confidence >= 0.8


@pytest.mark.parametrize("phrase", ["comments come", "help identify", "humour feel", "come back"])
def test_verb_phrases_are_no_term_candidates(ntrex_glossary, phrase):
    # the head of a term is a noun, and its first word no verb only (real NTREX phrases)
    assert by_english(ntrex_glossary, phrase) is None


def test_words_in_capitals_for_emphasis_are_no_acronyms(ntrex_glossary):
    # "THANK YOU FOR STANDING UP TO THE MOB." in the bead that also names the group TPUSA
    assert by_english(ntrex_glossary, "MOB") is None and by_english(ntrex_glossary, "STANDING") is None
    assert by_english(ntrex_glossary, "TPUSA") in ntrex_glossary.entries


def test_a_latin_copy_spelled_otherwise_than_the_english_name_is_a_candidate(ntrex_glossary):
    # both translations write "Global Citizens" where the English entry is "Global Citizen"
    entry = by_english(ntrex_glossary, "Global Citizen")
    assert entry is not None and entry.kk == entry.ru == "Global Citizens"
    assert entry in ntrex_glossary.candidates
    # a copy spelled as the English stays an entry
    assert by_english(ntrex_glossary, "TPUSA") in ntrex_glossary.entries
