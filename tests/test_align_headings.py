"""English headings (headlines, titles) are shorter against their translations than running text:
the length evidence expects it, from the language records (NTREX dev, bbc.381692 and cnn.304478)."""

from __future__ import annotations

import numpy as np
import pytest

from ushtil.aligner.features import FEATURES, PairContext, PairEvidence
from ushtil.aligner.pipeline import AlignOptions, pair_models
from ushtil.aligner.profile import profile_sentence
from ushtil.langs import get_language

HEADLINE = {
    "en": "Sarah Palin cites Track Palin's PTSD at Donald Trump rally",
    "ru": "Сара Пэйлин рассказала о посттравматическом стрессовом расстройстве Трака Пэйлина на встрече с "
          "избирателями Дональда Трампа",
}
SENTENCE = {
    "en": "The only Church of England cleric to win a Victoria Cross during World War One as a combatant has been "
          "celebrated in his hometown 100 years on.",
    "ru": "В истории англиканской церкви только один священник-воин был награжден крестом Виктории во время Первой "
          "мировой войны, и это событие было отмечено в его родном городе спустя 100 лет.",
}


@pytest.mark.parametrize(("text", "heading"), [
    ("Bernard Vann: WW1 Victoria Cross cleric celebrated", True),
    ("Альманах: Изобретатель счетчика Гейгера", True),
    (SENTENCE["en"], False),
    ("Here are some key facts about Palu and Donggala, on the island of Sulawesi:", False),
    ("Are you ready?", False),
])
def test_a_heading_ends_in_a_letter_or_digit(text, heading):
    assert profile_sentence(text, "en").heading is heading


def test_only_english_records_a_heading_contraction():
    assert get_language("en").heading_contraction > 0.1
    assert get_language("kk").heading_contraction == get_language("ru").heading_contraction == 0.0
    assert get_language("en").heading_spread > 1.0 == get_language("kk").heading_spread
    model = next(m for m in pair_models(AlignOptions()) if (m.a, m.b) == ("en", "ru"))
    assert model.context.heading_contraction_a == get_language("en").heading_contraction


def _length(pair: dict[str, str], context: PairContext) -> float:
    evidence = PairEvidence([profile_sentence(pair["en"], "en")], [profile_sentence(pair["ru"], "ru")], context)
    return float(evidence.features([0], [1], [0], [1])[0, list(FEATURES).index("length")])


def test_a_translated_headline_fits_its_length_better_than_running_text_would():
    model = next(m for m in pair_models(AlignOptions()) if (m.a, m.b) == ("en", "ru"))
    plain = PairContext(length_mean=model.context.length_mean, length_spread=model.context.length_spread)
    assert _length(HEADLINE, model.context) > _length(HEADLINE, plain) + 1.0
    # a sentence with final punctuation is expected as before
    assert np.isclose(_length(SENTENCE, model.context), _length(SENTENCE, plain))
