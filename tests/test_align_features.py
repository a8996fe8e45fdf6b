"""The pair evidence computed for many candidate sides at once is the evidence of each side alone."""

from __future__ import annotations

import numpy as np

from ushtil.aligner.features import FEATURES, PairContext, PairEvidence, TermPairs
from ushtil.aligner.profile import profile_sentence

EN = ["Parliament met in Astana on 12 March 2024.", "Kassym-Jomart Tokayev spoke about the budget.",
      "The budget of 5.2 billion was approved.", "Deputies from Almaty voted against it.",
      "The session ended at night."]
RU = ["Парламент собрался в Астане 12 марта 2024 года.", "Касым-Жомарт Токаев говорил о бюджете.",
      "Бюджет в 5,2 миллиарда был утверждён.", "Депутаты из Алматы голосовали против.",
      "Сессия завершилась ночью."]


def evidence() -> PairEvidence:
    context = PairContext(terms=TermPairs((("budge",),), (("бюдже",),)))
    return PairEvidence([profile_sentence(s, "en") for s in EN], [profile_sentence(s, "ru") for s in RU], context)


def test_many_candidates_at_once_equal_each_alone():
    sides = np.array([(sa, la, sb, lb) for sa in range(5) for la in (1, 2, 3) for sb in range(5) for lb in (1, 2, 3)
                      if sa + la <= 5 and sb + lb <= 5])
    together = evidence().features(*sides.T)
    alone = np.concatenate([evidence().features(*side[:, None]) for side in sides])
    assert np.array_equal(together, alone)
    names = list(FEATURES)
    one_one = together[(sides[:, 1] == 1) & (sides[:, 3] == 1)].reshape(5, 5, len(FEATURES))
    assert one_one[1, 1, names.index("names_shared")] > 0  # Tokayev ~ Токаев
    assert one_one[1, 2, names.index("names_shared")] == 0
    assert one_one[2, 2, names.index("numbers_shared")] == 1  # 5.2 = 5,2
    assert one_one[2, 2, names.index("terms_shared")] == 1  # budget ~ бюджет


def test_a_side_of_four_sentences_shares_what_its_first_three_share():
    """The weight fit scores gold sides of any length; shared sets count the first three sentences."""
    four, three = evidence().features([0, 0], [4, 3], [0, 0], [4, 3])
    names = list(FEATURES)
    assert four[names.index("names_shared")] == three[names.index("names_shared")] > 0  # Almaty not counted
    assert four[names.index("length")] != three[names.index("length")]  # lengths take all four
