"""The aligner's faster ways (dense products for short sections, every bead of a short section scored
at once, the table filled a few wavefronts at a time) compute exactly what the plain ways compute."""

from __future__ import annotations

import numpy as np
import pytest

import ushtil
from conftest import SEED_ARTICLE, seed_abstract_scorer
from ushtil.aligner import dp, features
from ushtil.aligner.pipeline import AlignOptions

#: a glossary term and a small lexicon, so that the terms and lexicon evidence is not empty
TERMS = [("Central Asia", "Орталық Азия", "Центральная Азия"), ("Russia", "Ресей", "Россия")]
LEXICON = {"en-kk": {"russi": {"ресей"}, "centr": {"ортал"}}, "kk-en": {"ресей": {"russi"}, "ортал": {"centr"}},
           "en-ru": {"russi": {"росси"}}, "ru-en": {"росси": {"russi"}}}


@pytest.fixture(scope="module")
def article():
    return ushtil.read_article(SEED_ARTICLE)


def abstract_scorer(article):
    """The scorer of the seed's abstract with terms and a lexicon, so that no evidence is empty."""
    return seed_abstract_scorer(AlignOptions(terms=TERMS, lexicon=LEXICON), article)


def all_sides(sizes):
    return np.array([(sa, la, sb, lb) for sa in range(sizes[0]) for la in (1, 2, 3) for sb in range(sizes[1])
                     for lb in (1, 2, 3) if sa + la <= sizes[0] and sb + lb <= sizes[1]])


def test_dense_side_products_count_what_the_sentence_pairs_count(article, monkeypatch):
    scorer, _ = abstract_scorer(article)
    dense = [(evidence, all_sides((len(evidence.a), len(evidence.b)))) for evidence in scorer.evidence]
    assert all(evidence._dense is not None for evidence, _ in dense)
    found = [evidence.features(*sides.T) for evidence, sides in dense]
    monkeypatch.setattr(features, "DENSE_PAIRS", 0)
    scorer, _ = abstract_scorer(article)
    assert all(evidence._dense is None for evidence in scorer.evidence)
    for evidence, (_, sides), expected in zip(scorer.evidence, dense, found, strict=True):
        plain = evidence.features(*sides.T)
        assert np.array_equal(plain, expected)
    names = list(features.FEATURES)
    assert max(found[0][:, names.index("terms_shared")]) >= 1  # Central Asia ~ Орталық Азия
    assert max(found[0][:, names.index("lexicon_matches")]) > 0


def test_kept_grids_count_what_a_fresh_count_counts(article, monkeypatch):
    """A long section's shared counts by start are kept: the next ask for the same candidates (a
    guide's, then the three-way programme's, the next pass's) counts only the lexicon, and gets the
    same features as counted afresh."""
    monkeypatch.setattr(features, "DENSE_PAIRS", 0)
    scorer, _ = abstract_scorer(article)
    evidence = scorer.evidence[0]
    sides = all_sides((len(evidence.a), len(evidence.b)))
    fresh = features.PairEvidence(evidence.a, evidence.b, evidence.context).features(*sides.T)
    assert np.array_equal(evidence.features(*sides.T), fresh)  # the first ask: kept, then read
    counting = features.PairEvidence._grids
    counted = []
    monkeypatch.setattr(features.PairEvidence, "_grids",
                        lambda self, names, *rest: counted.extend(names) or counting(self, names, *rest))
    again = features.PairEvidence(evidence.a, evidence.b, evidence.context, scorer.memo)  # the next pass
    assert np.array_equal(again.features(*sides.T), fresh)
    assert set(counted) == {"lexicon"}
    names = list(features.FEATURES)
    assert max(fresh[:, names.index("terms_shared")]) >= 1 and max(fresh[:, names.index("names_shared")]) >= 1


def test_every_bead_scored_at_once_scores_as_each_bead_alone(article):
    scorer, band = abstract_scorer(article)
    cells = band.cells()
    counts = np.array([move.value for move in dp.moves_within(scorer.sizes)])
    starts = np.repeat(cells, len(counts), axis=0)
    taken = np.tile(counts, (len(cells), 1))
    fits = (starts + taken <= scorer.sizes).all(axis=1)
    starts, taken = starts[fits], taken[fits]
    at_once = scorer.scores(starts, taken)
    assert scorer._cube is not None
    alone = scorer._compose(list(starts.T), taken, taken @ dp.COUNT_KEY)
    assert np.isfinite(at_once).sum() > 1000
    assert np.array_equal(at_once, alone)


@pytest.mark.parametrize("dense_band", [dp.DENSE_BAND, 0])  # a volume of positions, or the rows' bounds
def test_shifted_index_is_the_index_of_each_shifted_cell(article, monkeypatch, request, dense_band):
    monkeypatch.setattr(dp, "DENSE_BAND", dense_band)
    dp._kept_cube.cache_clear()  # a full band is made once per sizes: here, under this setting
    request.addfinalizer(dp._kept_cube.cache_clear)
    _, band = abstract_scorer(article)
    assert (band._volume is not None) == bool(dense_band)
    cells = band.cells()
    counts = np.array([move.value for move in dp.moves_within(band.sizes)])
    monkeypatch.setattr(dp, "SMALL_INDEX", 0)
    expected = band.index((cells[None] - counts[:, None]).reshape(-1, 3)).reshape(len(counts), len(cells))
    assert (expected >= 0).any() and (expected < 0).any()
    assert np.array_equal(band.shifted_index(cells, counts), expected)


def test_the_table_filled_a_few_wavefronts_at_a_time_is_the_same(article, monkeypatch):
    scorer, band = abstract_scorer(article)
    whole = dp.fill(band, scorer.scores)
    monkeypatch.setattr(dp, "WAVE_CELLS", 60)  # one cell of candidates at a time: one wavefront per piece
    pieces = dp.fill(band, scorer.scores)
    assert np.array_equal(whole.best, pieces.best)
    assert np.array_equal(whole.last, pieces.last)
    assert dp.traceback(whole, scorer.sizes) == dp.traceback(pieces, scorer.sizes)
