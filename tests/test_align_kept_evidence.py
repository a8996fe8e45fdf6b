"""What the aligner keeps between passes (feature columns, glossary parts, the glossary's term pairs)
gives the numbers it would compute afresh, and is not used once what it depends on has changed."""

import numpy as np

from ushtil.aligner.features import FEATURES, PairContext, PairEvidence, TermPairs
from ushtil.aligner.pipeline import _glossary_pairs
from ushtil.aligner.profile import profile_sentence, stem

EN = ["The Senate confirmed Brett Kavanaugh on Saturday.", "The vote was 50 to 48.",
      "Protesters gathered outside the Capitol.", "Trump praised the decision."]
RU = ["В субботу Сенат утвердил Бретта Кавано.", "Голосование прошло со счетом 50 на 48.",
      "У Капитолия собрались протестующие.", "Трамп похвалил это решение."]


def sides():
    """Every side pair of one to three sentences that fits the texts."""
    return np.array([(s, la, t, lb) for s in range(len(EN)) for la in (1, 2, 3) for t in range(len(RU))
                     for lb in (1, 2, 3) if s + la <= len(EN) and t + lb <= len(RU)])


def evidence(context: PairContext, memo: dict) -> PairEvidence:
    return PairEvidence([profile_sentence(text, "en") for text in EN], [profile_sentence(text, "ru") for text in RU],
                        context, memo)


#: No glossary: the same object in every pass, as the aligner's passes share one glossary's pairs.
NO_TERMS = TermPairs()


def lexicon_context() -> PairContext:
    """A second pass's: a learned lexicon pairing the stems of the Senate sentence (and its reverse),
    and the text's own length ratio."""
    forward = {stem("senate"): {stem("сенат")}, stem("confirmed"): {stem("утвердил")}}
    backward = {stem("сенат"): {stem("senate")}, stem("утвердил"): {stem("confirmed")}}
    return PairContext(lexicon=forward, reverse_lexicon=backward, length_mean=0.1, terms=NO_TERMS)


def test_a_second_pass_over_kept_evidence_equals_a_fresh_one():
    memo = {}
    first = evidence(PairContext(terms=NO_TERMS), memo).features(*sides().T)
    assert memo[("columns", "en", "ru")]  # the first pass kept its columns
    second = evidence(lexicon_context(), memo).features(*sides().T)  # reads them
    assert np.array_equal(first, evidence(PairContext(terms=NO_TERMS), {}).features(*sides().T))
    assert np.array_equal(second, evidence(lexicon_context(), {}).features(*sides().T))
    assert not np.array_equal(first, second)  # the lexicon and the length ratio did change the numbers


def test_other_candidates_or_another_glossary_are_computed_afresh():
    memo = {}
    plain = PairContext(terms=NO_TERMS)
    evidence(plain, memo).features(*sides().T)
    few = sides()[::3]
    assert np.array_equal(evidence(plain, memo).features(*few.T), evidence(plain, {}).features(*few.T))
    with_terms = PairContext(terms=_glossary_pairs([("senate", "", "сенат"), ("vote", "", "голосование")], 0, 2))
    found = evidence(with_terms, memo).features(*sides().T)
    assert np.array_equal(found, evidence(with_terms, {}).features(*sides().T))
    assert not np.array_equal(found, evidence(plain, {}).features(*sides().T))


def test_the_glossary_pairs_follow_the_list_not_its_identity():
    terms = [("senate", "сенат", "сенат")]
    first = _glossary_pairs(terms, 0, 2)
    assert _glossary_pairs(list(terms), 0, 2) is first  # an equal list: the same pairs
    terms.append(("capitol", "капитолий", "капитолий"))
    grown = _glossary_pairs(terms, 0, 2)
    assert len(grown.a) == 2 and grown.b[1] == (stem("капитолий"),)


def test_no_lasting_feature_reads_the_lexicon_or_the_length_ratio():
    lasting = {name for name, feature in FEATURES.items() if feature.lasting}
    assert lasting and "length" not in lasting
    assert not any({"known", "lexicon"} & {*FEATURES[name].sides, *FEATURES[name].shared} for name in lasting)
