"""A glossary re-run after an article was added at the end takes a candidate's rendering as the last
build chose it from its ranked grams, and a term as it composed it word by word, when that work read
no count the new article changed; every one taken is the one made anew, the glossary is a fresh
build's, and a damaged kept result is never used."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sqlite3
from collections import Counter

import pytest

from test_glossary_incremental import assert_equals_a_fresh_build, glossary
from test_glossary_index_cache import add_article
from test_glossary_rankings import ANEW, built_then_added
from test_scale_cli import corpus  # noqa: F401 (the fixture)
from ushtil.cache import CACHE_FOLDER, STORE_FILE
from ushtil.cli import main
from ushtil.glossary import choices, matching, rankings
from ushtil.glossary.compose import MIN_DICE, PhraseComposer
from ushtil.glossary.index import LanguageIndex
from ushtil.glossary.phrases import WordAssociation


def counts(said: str, taken: str, anew: str) -> tuple[int, int]:
    """The two numbers the note gives before ``taken`` and ``anew``."""
    return (int(said.split(taken)[0].rsplit(" ", 1)[1]), int(said.split(anew)[0].rsplit(" ", 1)[1]))


def decided(value):
    """A kept result as a fresh build makes it: a choice without its :data:`.choices.Bounds` (a range
    kept for a word support holds the support worked out anew, no narrower)."""
    return value[:-1] if isinstance(value, tuple) and len(value) == choices.CHOICE_FIELDS else value


def test_every_result_taken_again_is_the_one_made_anew(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """Each kept choice, composition, word support and noun-phrase test the re-run takes is checked
    against making it again: what the indexes recorded as read is all that the work reads."""
    taken_again = []
    recall = choices.Remembered.recall

    def checked(self, key, made_from, make, indexes, settle=None):
        value = recall(self, key, made_from, make, indexes, settle)
        if (self.reused and self.reused[-1] == key) or (self.settled and self.settled[-1] == key):
            assert decided(value) == decided(make()), key
            taken_again.append(key)
        return value

    monkeypatch.setattr(choices.Remembered, "recall", checked)
    associations_taken = []
    kept_or_made = WordAssociation._kept_or_made

    def checked_association(self, item, make):
        value = kept_or_made(self, item, make)
        if item not in self.made:
            assert value == make(), item
            associations_taken.append(item)
        return value

    monkeypatch.setattr(WordAssociation, "_kept_or_made", checked_association)
    work, first, added, said = built_then_added(corpus, tmp_path, capsys, "1")
    # word supports and noun-phrase tests of renderings taken again, each as worked out anew
    assert {type(item) for item in associations_taken} == {tuple, str}
    chosen, chosen_anew = counts(said, " renderings chosen from their ranking as the last build", " chosen anew")
    composed, composed_anew = counts(said, " terms composed word by word as the last", " composed anew")
    # the new article's words changed some, not all
    assert chosen > 0 and chosen_anew > 0 and composed_anew > 0
    settled = int(said.split(" finished from the last build's choice")[0].rsplit(" ", 1)[1])
    assert chosen + settled + composed == len(taken_again)
    assert added["glossary.csv"] != first["glossary.csv"]
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)


def test_a_term_choice_is_finished_under_its_bound_or_made_anew(corpus, tmp_path, capsys, monkeypatch):  # noqa: F811
    """A running-text term's kept choice whose shortlist the new article rescored or whose word
    supports it moved: each support now lies in its kept range widened by the drift; where the ranges
    show which renderings are weighed the choice is finished from the kept one, as made anew; where
    they cannot (the bound refuses), it is made anew. The glossary is a fresh build's."""
    finished, refused, moved = [], [], []
    settled_phrase, surely_weighed = matching._settled_phrase, matching._surely_weighed

    def checked(kept, candidate, english, target, shared, english_form, words, consumed, changed):
        value = settled_phrase(kept, candidate, english, target, shared, english_form, words, consumed, changed)
        bounds = kept[2][-1] if kept[2] is not None else None
        if bounds is not None:
            for (gram, _), (low, high) in zip(kept[0][2][1], bounds[1], strict=True):
                fall, rise = words.drift(candidate.key, gram)
                assert low - fall - 1e-12 <= words.support(candidate.key, gram) <= high + rise + 1e-12, gram
                moved.append(fall > 0)
        if value is not None:
            made = matching._choice(candidate, english, target, shared, english_form, words, consumed)
            assert value[:-1] == made[:-1], candidate.key
            finished.append(candidate.key)
        return value

    def weighed(nouns, spans):
        found = surely_weighed(nouns, spans)
        if found is None:
            refused.append(nouns)
        return found

    monkeypatch.setattr(matching, "_settled_phrase", checked)
    monkeypatch.setattr(matching, "_surely_weighed", weighed)
    work, _, added, said = built_then_added(corpus, tmp_path, capsys, "1")
    assert len(finished) == int(said.split(" finished from the last build's choice")[0].rsplit(" ", 1)[1]) > 0
    assert refused and any(moved)
    assert_equals_a_fresh_build(work, tmp_path / "fresh-added", added, capsys)


def test_a_word_support_moves_no_more_than_its_drift():
    """Dice 2c / (fa + fb) of a word pair, before and after units are added that hold one word, both
    or neither: the support falls or rises by at most the drift, may rise only when the new units
    hold both words, and moves not at all when they hold neither."""
    def index(lang, postings):
        return LanguageIndex(lang=lang, sides=[], postings=postings, surfaces={})

    before = WordAssociation(index("en", {"war": [0, 1, 2]}), index("ru", {"война": [0, 1, 5, 6]}))
    cases = [  # units 7.. added: (English postings, Russian postings, changed, how it moves)
        ({"war": [0, 1, 2, 7, 8]}, {"война": [0, 1, 5, 6, 7, 8]}, ({"war"}, {"война"}), "rises"),  # together
        ({"war": [0, 1, 2]}, {"война": [0, 1, 5, 6, 7, 8, 9]}, (set(), {"война"}), "falls"),  # one word
        ({"war": [0, 1, 2, 7]}, {"война": [0, 1, 5, 6, 8]}, ({"war"}, {"война"}), "falls"),  # both, apart
        ({"war": [0, 1, 2]}, {"война": [0, 1, 5, 6]}, ({"мир"}, {"peace"}), "stays"),  # neither
    ]
    for english, russian, changed, moves in cases:
        after = WordAssociation(index("en", english), index("ru", russian), changed=changed, since=7)
        fall, rise = after.drift(("war",), "война")
        moved = after.support(("war",), "война") - before.support(("war",), "война")
        assert -fall - 1e-12 <= moved <= rise + 1e-12
        assert {"rises": moved > 0, "falls": moved < 0, "stays": moved == 0}[moves]
        # it may rise only when the new units hold both words (apart here, which the counts do not tell)
        assert (rise > 0) == ("war" in changed[0] and "война" in changed[1]) and (fall > 0) == (moves != "stays")


@pytest.mark.parametrize("part", ["chosen", "composed"])
def test_a_damaged_kept_result_is_never_used(corpus, tmp_path, capsys, part):  # noqa: F811
    work = tmp_path / "work"
    assert main(["align", str(corpus), "-o", str(work), "-q", "--jobs", "1"]) == 0
    glossary(work, tmp_path / "first", "--jobs", "1")
    database = work / CACHE_FOLDER / STORE_FILE
    with contextlib.closing(sqlite3.connect(database)) as db:
        (good,), = db.execute("SELECT payload FROM results WHERE key = ?", (rankings._LAST_RANKINGS,))
    article_keys, sizes, stored, chosen, composed, associations = marshal.loads(good)
    kept = chosen["ru"] if part == "chosen" else composed
    key = next(key for key, entry in kept.items() if entry[2] is not None)
    made_from, reads, value = kept[key]
    kept[key] = (made_from, reads, value[:1] if part == "chosen" else ((*value[0][:1], ("ru", "x")), value[1]))
    odd = marshal.dumps((article_keys, sizes, stored, chosen, composed, associations))
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        assert db.execute("UPDATE results SET payload = ?, checksum = ? WHERE key = ?",
                          (odd, hashlib.sha256(odd).hexdigest(), rankings._LAST_RANKINGS)).rowcount == 1
    add_article(corpus, work, "zz-seed-again.txt", "Kazakhstan", "Qazaqstan")
    capsys.readouterr()
    repaired = glossary(work, tmp_path / "repaired", "--jobs", "2")
    assert ANEW in capsys.readouterr().err
    assert_equals_a_fresh_build(work, tmp_path / "fresh", repaired, capsys)


def _index(lang: str) -> LanguageIndex:
    return LanguageIndex(lang=lang, sides=[], postings={"белый дом": [0, 1], "дом": [0, 1, 2]},
                         surfaces={"белый дом": {"Белый дом": 2}, "дом": {"дом": 3}})


@pytest.mark.parametrize(("changed", "taken"), [
    ({"ru": set(), "en": set()}, True),
    ({"ru": {"дом"}, "en": set()}, False),  # a gram it read is held by a new article
    ({"ru": set(), "en": {"white"}}, False),  # an English word it read
    ({"ru": {"стол"}, "en": {"table"}}, True),  # grams it never read
])
def test_a_kept_result_is_taken_only_when_it_read_no_changed_gram(changed, taken):
    target, english = _index("ru"), _index("en")

    def choose():
        target.frequency("дом")
        target.written("белый дом")
        english.note("white")
        return ("белый дом", "Белый дом", [0, 1], 2, 0.5, 0.0, 0.0, 0.0, 0.0, {"Белый дом": 2}, "corpus")

    key, made_from = (("white", "house"), "name", False), ([0, 1], "White House", ("best", ("белый дом", 0.9), 0.1))
    first = choices.Remembered()
    made = first.recall(key, made_from, choose, (target, english))
    kept = first.this_build()[key]
    assert kept[1] == {"ru": ["белый дом", "дом"], "en": ["white"]}  # what choosing read, recorded
    assert target.reads is None and english.reads is None  # and recording stopped
    again = choices.Remembered(kept={key: kept}, changed=changed)
    calls = []
    assert again.recall(key, made_from, lambda: calls.append(1) or choose(), (target, english)) == made
    assert (again.reused == [key] and not calls) if taken else (not again.reused and calls == [1])
    # made from other ranked grams or scores, or other beads: made anew
    for other in (([0, 1], "White House", ("best", ("белый дом", 0.8), 0.1)), ([0, 1, 5], *made_from[1:])):
        fresh = choices.Remembered(kept={key: kept}, changed=changed)
        fresh.recall(key, other, choose, (target, english))
        assert not fresh.reused


@pytest.mark.parametrize(("changed", "taken"), [
    ((set(), set()), True),
    ((set(), {"дом"}), False),  # a word of the rendering is held by a new article
    (({"house"}, set()), False),  # a word of the English term
    (({"of"}, {"и", "белый дом"}), True),  # function words, and a longer gram: counts support never reads
])
def test_a_kept_word_support_is_taken_only_when_no_word_of_it_changed(changed, taken):
    english = LanguageIndex(lang="en", sides=[], postings={"white": [0, 1], "house": [0, 1, 2]}, surfaces={})
    target = _index("ru")
    kept = {(("white", "house"), "белый дом"): ([0.5, 0.5], [0.5, 0.5])}  # not what the counts give
    words = WordAssociation(english, target, kept=kept, changed=changed)
    counted = WordAssociation(english, target).support(("white", "house"), "белый дом")
    assert counted == pytest.approx(0.7)  # (mean(0.8, 1.0) + mean(0.0, 1.0)) / 2
    assert words.support(("white", "house"), "белый дом") == (0.5 if taken else counted)
    assert words.made == ({} if taken else {(("white", "house"), "белый дом"): ([0.8, 1.0], [0.0, 1.0])})
    assert words.this_build() == (kept if taken else words.made)


@pytest.mark.parametrize(("changed", "taken"), [
    ((set(), {"дом", "белый"}), True),  # words of it, not the gram: its written forms are as they were
    (({"white"}, {"белый дом"}), False),
])
def test_a_kept_noun_phrase_test_is_taken_only_when_the_gram_did_not_change(changed, taken):
    target = LanguageIndex(lang="ru", sides=[], postings={"белый дом": [0]},
                           surfaces={"белый дом": Counter({"Белый дом": 1})})
    words = WordAssociation(_index("en"), target, kept={"белый дом": False}, changed=changed)  # not what it is
    assert words.noun_phrase("белый дом") is (not taken)
    assert words.made == ({} if taken else {"белый дом": True})


def test_a_composition_records_a_bead_word_only_where_its_count_can_change_the_result():
    """The word by word composer reads the support of every word of the bead for the term's word
    (war): it records as read the English word always, a word supported at MIN_DICE or more (война),
    and not one below it (год, in 20 beads: an article holding год and not war only lowers that
    support, which never makes год the word chosen), so a new article with год keeps the composition."""
    english = LanguageIndex(lang="en", sides=[], postings={"war": [0, 1, 2]}, surfaces={"war": {"war": 3}})
    target = LanguageIndex(lang="ru", sides=[], postings={"война": [0, 1, 2], "год": list(range(20))},
                           surfaces={"война": {"война": 3}, "год": {"год": 20}})
    composer = PhraseComposer(WordAssociation(english, target))
    english.reads, target.reads = set(), set()
    assert composer.support("war", "война") == 1.0
    assert composer.support("war", "год") < MIN_DICE
    assert english.reads == {"war"} and target.reads == {"война"}


def test_a_composition_records_another_english_word_only_where_its_count_can_change_the_result():
    """Whether another word of the English sentence rivals the word chosen (смертный for death):
    recorded as read only where more beads could change the answer, a word in one bead (it may
    reach two) or one associated with смертный more than death is (more beads of it only lower that)."""
    english = LanguageIndex(lang="en", sides=[], postings={"federal": [0, 1, 2, 3], "rare": [0]}, surfaces={})
    target = LanguageIndex(lang="ru", sides=[], postings={"смертный": [0, 1, 2]}, surfaces={})
    composer = PhraseComposer(WordAssociation(english, target))
    english.reads, target.reads = set(), set()
    assert composer._at_least("federal", 2) and composer._rivalled_at_most("federal", "смертный", 0.9)
    assert english.reads == set()
    assert not composer._at_least("rare", 2) and not composer._rivalled_at_most("federal", "смертный", 0.5)
    assert english.reads == {"rare", "federal"}
