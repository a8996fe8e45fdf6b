"""The gap-run term of the objective (ushtil.aligner.gaps): the stretches where a language is mostly
missing, and the programme's states (Gotoh's affine gaps) that give a stray pair inside a missing
passage back to its place and maximise the bead scores plus the term."""

from __future__ import annotations

import numpy as np
import pytest

from ushtil.aligner.dp import Band, Move, fill, traceback
from ushtil.aligner.gaps import gap_steps, gap_stretches

MOVES = {move.value: move for move in Move}
ALL = (0, 1, 2)


def path_of(*counts: tuple[int, int, int]) -> list:
    """The beads taking ``counts`` one after the other, from (0, 0, 0)."""
    path, cell = [], (0, 0, 0)
    for taken in counts:
        path.append((cell, MOVES[taken]))
        cell = tuple(c + n for c, n in zip(cell, taken, strict=True))
    return path


def gap_term(beads: list, active, bonus: float) -> float:
    """The term by its definition, bead by bead, summed over the languages: per language, ``bonus``
    per sentence (a bead's longest side) of the beads lacking it, less ``bonus`` per run of them."""
    counts = np.array([move.value for _, move in beads]).reshape(-1, 3)
    term = 0.0
    for lang in active:
        in_run = False
        for lacks, longest in zip((counts[:, lang] == 0).tolist(), counts.max(axis=1).tolist(), strict=True):
            term += bonus * (longest - (not in_run)) if lacks else 0.0
            in_run = lacks
    return term


def test_a_page_with_stray_pairs_is_one_stretch_and_isolated_gaps_are_none():
    page = path_of((1, 1, 1), *[(1, 0, 1)] * 4, (1, 1, 1), *[(1, 0, 1)] * 3, (1, 0, 0), (1, 0, 1), (1, 1, 1),
                   (1, 1, 1), (1, 1, 1))
    assert gap_stretches(page, 1, ALL) == [(1, 10)]  # the stray 1-1-1 inside, the sentence alone neither
    assert gap_stretches(page, 2, ALL) == []  # the sentence alone lacks Russian too: one bead, no stretch
    scattered = path_of((1, 0, 1), (1, 1, 1), (1, 1, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1), (1, 1, 1))
    assert gap_stretches(scattered, 1, ALL) == []


def test_the_term_does_not_depend_on_how_a_run_is_cut():
    # two Kazakh runs of four beads, the sentence alone inside the second counted with it: nine
    # sentences given back, less two runs (the sentence alone is a run of Russian too, of one)
    page = path_of((1, 1, 1), *[(1, 0, 1)] * 4, (1, 1, 1), *[(1, 0, 1)] * 3, (1, 0, 0), (1, 0, 1), (1, 1, 1))
    assert gap_term(page, ALL, 1.0) == 9 - 2 + 0
    # the same cut otherwise, the sentence alone merged into a bead of the run
    merged = path_of((1, 1, 1), (2, 0, 2), (2, 0, 1), (1, 1, 1), (3, 0, 3), (2, 0, 1), (1, 1, 1))
    assert gap_term(merged, ALL, 1.0) == 9 - 2
    # two Russian sentences alone: a run of English and one of Kazakh, each of two
    assert gap_term(path_of((1, 1, 1), (0, 0, 1), (0, 0, 1), (1, 1, 1)), ALL, 1.0) == 1 + 1


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


def total(scores, path) -> float:
    """The sum of the bead scores of ``path`` (``scores(starts, counts)``)."""
    return float(scores(np.array([c for c, _ in path]), np.array([m.value for _, m in path])).sum())


def test_a_stray_pair_goes_back_to_its_place_when_gap_runs_count():
    # Kazakh 3 paired with English 6 inside the page: by the bead scores alone one better than in
    # its place (the stray pairs score 2 * 3.5 where the true ones score 6), so the term must decide
    stray = path_of(*[(1, 1, 1)] * 3, *[(1, 0, 1)] * 3, (1, 1, 1), *[(1, 0, 1)] * 3, (1, 1, 1), (1, 1, 1))
    whole = path_of(*[(1, 1, 1)] * 3, *[(1, 0, 1)] * 6, *[(1, 1, 1)] * 3)
    scorer, band = ToyScorer(), Band.full(ToyScorer.sizes)
    assert total(scorer.scores, stray) == total(scorer.scores, whole) + 1
    assert traceback(fill(band, scorer.scores), scorer.sizes) == stray
    assert gap_steps(scorer.sizes, 0.0) is None
    table = fill(band, scorer.scores, steps=gap_steps(scorer.sizes, 4.0))
    assert traceback(table, scorer.sizes) == whole
    # the programme's best total is the path's objective: its bead scores plus the term
    end = table.rank[band.index(np.array([scorer.sizes]))[0]]
    assert table.best[end] == total(scorer.scores, whole) + gap_term(whole, ALL, 4.0)


def test_the_programme_maximises_scores_plus_term_over_every_path_of_a_small_cube():
    # random bead scores over a 3 x 2 x 3 cube: the best total by the states is the best of scores
    # plus the term over every path, enumerated
    rng = np.random.default_rng(0)
    sizes = (3, 2, 3)
    table_of_scores = {}

    def scores(starts, counts):
        counts = np.broadcast_to(np.asarray(counts).reshape(-1, 3), starts.shape)
        return np.array([table_of_scores.setdefault((tuple(s), tuple(c)), float(rng.normal(-4, 4)))
                         for s, c in zip(starts.tolist(), counts.tolist(), strict=True)])

    band = Band.full(sizes)
    table = fill(band, scores, steps=gap_steps(sizes, 2.5))
    path = traceback(table, sizes)

    def paths(cell):
        if cell == sizes:
            yield []
            return
        for move in Move:
            after = tuple(c + n for c, n in zip(cell, move.value, strict=True))
            if all(a <= s for a, s in zip(after, sizes, strict=True)):
                for rest in paths(after):
                    yield [(cell, move), *rest]

    objective = {tuple(p): total(scores, p) + gap_term(p, ALL, 2.5) for p in paths((0, 0, 0))}
    best = max(objective.values())
    assert objective[tuple(path)] == best
    end = table.rank[band.index(np.array([sizes]))[0]]
    assert abs(table.best[end] - best) < 1e-5  # the programme adds the scores as float32



def test_steps_made_for_other_languages_are_refused():
    # a guide's steps for English and Russian (no Kazakh) do not fit English and Kazakh texts,
    # though both allow three moves
    sizes = (4, 4, 0)
    band = Band.full(sizes)
    with pytest.raises(ValueError, match="other moves"):
        fill(band, lambda starts, counts: np.zeros(len(starts)), longest=1, steps=gap_steps((4, 0, 4), 3.0, longest=1))
