"""Issue 13: single-word terms, domain nouns rendered alike in every bead (NTREX dev gold beads), with
general vocabulary kept out by its frequency in English at large."""

from __future__ import annotations

from collections import Counter

import pytest

from ushtil.glossary.index import LanguageIndex, tokenize
from ushtil.glossary.words import general_zipf, term_word


def by_english(glossary, english):
    return next((entry for entry in glossary.with_candidates() if entry.en == english), None)


@pytest.mark.parametrize(("en", "kk", "ru"), [
    ("province", "провинция", "провинция"),  # kk written провинциясы, провинциясының: the possessive goes
    ("colleague", "әріптес", "коллега"),
    ("interview", "сұхбат", "интервью"),
    ("negotiations", "келіссөздер", "переговоры"),  # plural in all three texts
    ("summit", "саммит", "саммит"),  # kk саммитте left so by the lemmatiser: one word with саммит
])
def test_ntrex_single_word_terms_on_the_terms_sheet(ntrex_glossary, en, kk, ru):
    entry = by_english(ntrex_glossary, en)
    assert entry is not None and entry.kind == "term"
    assert (entry.kk, entry.ru) == (kk, ru)
    assert entry in ntrex_glossary.entries


@pytest.mark.parametrize("en", ["said", "people", "year", "time", "good", "police", "penalty"])
def test_general_words_and_parts_of_longer_terms_are_no_single_word_terms(ntrex_glossary, en):
    # penalty stands in death penalty in every bead: the term is the longer one
    assert by_english(ntrex_glossary, en) is None


def test_a_word_seen_once_beside_its_longer_term_is_only_a_candidate(ntrex_glossary):
    entry = by_english(ntrex_glossary, "toll")  # death toll twice, "the toll" once: сан = число, unsure
    assert entry is None or entry not in ntrex_glossary.entries


def test_termhood_by_english_frequency():
    assert general_zipf("earthquake") < 5.1 <= general_zipf("people")
    surface = tokenize("The earthquake and the people and Sanctions")[0]
    keys = [word.casefold() for word in surface]
    index = LanguageIndex(lang="en", sides=[], postings={}, surfaces={})
    index.surfaces = {key: Counter({word: 1}) for word, key in zip(surface, keys, strict=True)}
    assert term_word("earthquake", index)
    assert not term_word("people", index)  # general: frequent in English at large
    assert not term_word("sanctions", index)  # written only with a capital here


def test_seed_single_word_term(seed_glossary):
    entry = by_english(seed_glossary, "century")  # Ғасырлар бойы / ғасырдың; веков / века
    assert entry is not None and (entry.kk, entry.ru) == ("ғасыр", "век") and entry in seed_glossary.entries


@pytest.fixture(scope="module")
def seed_glossary():
    from conftest import SEED_ARTICLE
    from ushtil.glossary import build_glossary

    return build_glossary([SEED_ARTICLE])
