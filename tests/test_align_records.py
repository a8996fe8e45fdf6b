"""The aligner and the checks read the same language records (numbers, length ratios), and a long
missing passage comes out as one gap in the right place."""

from __future__ import annotations

import pytest

import ushtil
from ushtil.aligner.pipeline import PAIRS, AlignOptions, pair_models
from ushtil.aligner.profile import profile_sentence
from ushtil.checks.lengths import default_length_stats
from ushtil.checks.numbers import quantities
from ushtil.langs import LANGUAGE_CODES, LANGUAGE_PAIRS, length_ratio
from ushtil.langs.numbers import number_keys


def test_pairs_come_from_the_registry():
    assert PAIRS == LANGUAGE_PAIRS == (("en", "kk"), ("en", "ru"), ("kk", "ru"))
    assert {lang for pair in PAIRS for lang in pair} == set(LANGUAGE_CODES)


def test_numbers_are_read_by_value_alike_in_aligner_and_check():
    english = "It grew by 6.8% to $1,200 million."
    kazakh = "Ол 6,8%-ға өсіп, 1 200 млн долларға жетті."
    russian = "Рост на 6,8% до 1 200 млн долларов."
    assert number_keys(english, "en") == number_keys(kazakh, "kk") == number_keys(russian, "ru")
    assert [q.key for q in quantities(kazakh, "kk")] == number_keys(kazakh, "kk")
    assert profile_sentence(english, "en").numbers == profile_sentence(russian, "ru").numbers
    # the separators are not dropped: 6.8 is not 68
    assert number_keys("6.8", "en") != number_keys("68", "kk")


def test_a_changed_number_is_flagged_by_the_aligner():
    en = ["Growth was 6.8 percent in 2019."]
    alignment = ushtil.align({"en": en, "ru": ["Рост составил 68 процентов в 2019 году."]})
    assert "number_mismatch" in alignment.beads[0].flags
    same = ushtil.align({"en": en, "ru": ["Рост составил 6,8 процента в 2019 году."]})
    assert "number_mismatch" not in same.beads[0].flags


def test_length_ratios_are_one_record_for_aligner_and_check():
    stats = default_length_stats()
    for a, b in LANGUAGE_PAIRS:
        assert stats.pairs[(b, a)] == length_ratio(b, a)
        assert length_ratio(a, b) == (-length_ratio(b, a)[0], length_ratio(b, a)[1])
    for model in pair_models(AlignOptions()):
        assert (model.context.length_mean, model.context.length_spread) == pytest.approx(length_ratio(model.b, model.a))


def test_a_missing_page_is_one_gap_in_the_right_place():
    total, gap = list(range(400)), range(150, 215)
    en = [f"Sentence number {i} is about topic {i % 7} and item {i * 3}." for i in total]
    ru = [f"Предложение номер {i} о теме {i % 7} и пункте {i * 3}." for i in total]
    kk = [f"{i} нөмірлі сөйлем {i % 7} тақырыбы мен {i * 3} тармақ туралы." for i in total if i not in gap]
    alignment = ushtil.align({"en": en, "kk": kk, "ru": ru})
    missing = [bead.sentences["en"] for bead in alignment.beads if not bead.sentences["kk"]]
    assert missing == [[i] for i in gap]
    assert all(bead.sentences["en"] == bead.sentences["ru"] for bead in alignment.beads)


def test_alphabets_are_one_record():
    from ushtil.langs import get_language

    assert set(get_language("kk").distinct_letters) == set("әғқңөұүһі")
    assert get_language("ru").distinct_letters == ""
    for code in LANGUAGE_CODES:
        language = get_language(code)
        letters = set(language.alphabet)
        assert all(set(word) - set(" -'") <= letters for word in language.stop_words), code
