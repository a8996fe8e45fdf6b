"""The gap-run term of the objective (ushtil.aligner.gaps): where beads lacking a language are
re-solved, and a stray pair inside a missing passage given back to its place."""

from __future__ import annotations

import numpy as np

from ushtil.aligner.dp import Band, Move
from ushtil.aligner.gaps import gap_stretches, gap_term, join_gaps

MOVES = {move.value: move for move in Move}
ALL = (0, 1, 2)


def path_of(*counts: tuple[int, int, int]) -> list:
    """The beads taking ``counts`` one after the other, from (0, 0, 0)."""
    path, cell = [], (0, 0, 0)
    for taken in counts:
        path.append((cell, MOVES[taken]))
        cell = tuple(c + n for c, n in zip(cell, taken, strict=True))
    return path


def test_a_page_with_stray_pairs_is_one_stretch_and_isolated_gaps_are_none():
    page = path_of((1, 1, 1), *[(1, 0, 1)] * 4, (1, 1, 1), *[(1, 0, 1)] * 3, (1, 0, 0), (1, 0, 1), (1, 1, 1),
                   (1, 1, 1), (1, 1, 1))
    assert gap_stretches(page, 1, ALL) == [(1, 10)]  # the stray 1-1-1 inside, the sentence alone neither
    assert gap_stretches(page, 2, ALL) == []  # the sentence alone lacks Russian too: one bead, no stretch
    scattered = path_of((1, 0, 1), (1, 1, 1), (1, 1, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1), (1, 1, 1))
    assert gap_stretches(scattered, 1, ALL) == []
    # two runs of four beads lacking Kazakh (the sentence alone in the second leaves it whole): eight
    # sentences given back, less two runs; the same cut otherwise, the beads of a run merged
    assert gap_term(page, 1, ALL, 1.0) == 8 - 2
    merged = path_of((1, 1, 1), (2, 0, 2), (2, 0, 1), (1, 1, 1), (3, 0, 3), (1, 0, 0), (1, 0, 1), (1, 1, 1))
    assert gap_term(merged, 1, ALL, 1.0) == 8 - 2


class ToyScorer:
    """Scores of one-sentence beads over 12 English and Russian sentences (each the other's
    translation) and 6 Kazakh ones: Kazakh 0-2 translate English 0-2, Kazakh 3-5 English 9-11 (English
    3-8 are missing from Kazakh); Kazakh 3 pairs with English and Russian 6 at STRAY a language pair
    (other unrelated sentences at -5), a missing language costs 6, a longer bead is out of the
    question."""

    sizes = (12, 6, 12)
    STRAY = 3.5

    def scores(self, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
        counts = np.broadcast_to(np.asarray(counts).reshape(-1, 3), starts.shape)
        return np.array([self._one(tuple(s), tuple(c)) for s, c in zip(starts.tolist(), counts.tolist(), strict=True)])

    def _one(self, start, counts) -> float:
        if max(counts) > 1:
            return -50.0
        en, kk, ru = (s if n else None for s, n in zip(start, counts, strict=True))
        english_of_kk = None if kk is None else (kk if kk < 3 else kk + 6)
        score = -6.0 * counts.count(0)
        if en is not None and ru is not None:
            score += 3.0 if en == ru else -3.0
        for other in (en, ru):
            if other is not None and kk is not None:
                score += 3.0 if other == english_of_kk else self.STRAY if (kk, other) == (3, 6) else -5.0
        return score


def test_a_stray_pair_goes_back_to_its_place_when_gap_runs_count():
    # Kazakh 3 paired with English 6 inside the page: by the bead scores alone one better than in
    # its place (the stray pairs score 2 * 3.5 where the true ones score 6), so the term must decide
    stray = path_of(*[(1, 1, 1)] * 3, *[(1, 0, 1)] * 3, (1, 1, 1), *[(1, 0, 1)] * 2, *[(1, 0, 1)], (1, 1, 1),
                    (1, 1, 1))
    whole = path_of(*[(1, 1, 1)] * 3, *[(1, 0, 1)] * 6, *[(1, 1, 1)] * 3)
    scorer, band = ToyScorer(), Band.full(ToyScorer.sizes)
    total = {name: float(scorer.scores(np.array([c for c, _ in p]), np.array([m.value for _, m in p])).sum())
             for name, p in (("stray", stray), ("whole", whole))}
    assert total["stray"] == total["whole"] + 1
    assert join_gaps(scorer, band, stray, 0.0) == stray
    assert join_gaps(scorer, band, stray, 4.0) == whole
    assert join_gaps(scorer, band, whole, 4.0) == whole
