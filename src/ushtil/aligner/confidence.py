"""How sure the aligner is of each bead: the evidence a bead's score is computed from.

The pair log-odds do not mark the doubtful beads: a wrong bead is often made of sentences that do
translate each other in part (a merge cut in the wrong place, a sentence called missing that sits
in its neighbour), and the pair model is sure of it. What marks them is disagreement: the margin
(how much worse the best alignment without the bead is: small where another cut is about as
good), and the alignments of each language pair on its own (the three-way path weighs the three
pairs' evidence together, so a bead one pair would cut elsewhere, or pair otherwise, is doubtful);
merged beads are wrong more often than 1-1-1 ones. :class:`~.scoring.Calibration` weighs these
(fitted on held-out NTREX beads by ``bench/calibration.py``, which reports the calibration of beads
held out from that fit too).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from .dp import Band, fill, move_blocks, move_counts, moves_within, scores_at, traceback

#: The evidence of one bead, in the order of :func:`bead_evidence`'s columns.
CONFIDENCE_FEATURES: tuple[str, ...] = (
    "margin",  # the best path's score less the best score of a path without this bead
    "merged",  # a side has more than one sentence
    "disputed",  # language pairs whose own alignment links a sentence of the bead with one outside it
    "unpaired",  # language pairs the bead links whose own alignment leaves a sentence of the bead unlinked in it
)
#: Margins are clipped below at -CLIP and above at SURE_MARGIN: beyond it a bead is sure, and only
#: doubt tells right beads from wrong ones.
CLIP = 12.0
SURE_MARGIN = 5.0
#: The margins are computed over the cells within this many sentences of the path.
MARGIN_WIDTH = 2
#: Each language pair's own alignment is searched within this many sentences of the path.
PAIRWISE_WIDTH = 4


def bead_evidence(scorer, path: Sequence[tuple[tuple[int, ...], object]]) -> np.ndarray:
    """One row of :data:`CONFIDENCE_FEATURES` per bead of ``path`` (start cell, move) under the
    section's :class:`~.scoring.BeadScorer`."""
    active = [n for n, size in enumerate(scorer.sizes) if size]
    rows = np.zeros((len(path), len(CONFIDENCE_FEATURES)))
    rows[:, 0] = np.clip(margins(scorer, path), -CLIP, SURE_MARGIN)
    rows[:, 1] = [max(move.value[n] for n in active) > 1 for _, move in path]
    slots = [(scorer.langs.index(pair.a), scorer.langs.index(pair.b)) for pair in scorer.pairs]
    rows[:, 2:] = disagreements(path, pairwise_links(scorer, path), slots)
    return rows


def margins(scorer, path: Sequence[tuple[tuple[int, ...], object]]) -> np.ndarray:
    """Per bead of the path, its score margin: the best path's total less the best total of a path
    without that bead (CLIP where none is found near the path).

    Every path has exactly one bead covering a given sentence, so a path without bead b has another
    bead b' covering b's first sentence; the best such path is the best path through any such b',
    forward score to its start + its score + backward score from its end. Both tables are filled
    over the cells within :data:`MARGIN_WIDTH` sentences of the path."""
    sizes = scorer.sizes
    if not path:
        return np.zeros(0)
    low, high = path_bounds(path, 0, (1, 2), sizes[0] + 1, int(np.iinfo(np.int64).max))
    band = Band.around(sizes, low, high, MARGIN_WIDTH)
    cells = band.cells()
    end = np.array(sizes)
    moves = moves_within(sizes)
    counts = move_counts(sizes)
    # the score of the bead of each move from each cell of the band (-inf: past the end), computed once
    gains = scorer.starting(cells, counts)
    forward = fill(band, gains)
    reverse_rows = np.stack([end[1] - band.rows[::-1, 1], end[1] - band.rows[::-1, 0],
                             end[2] - band.rows[::-1, 3], end[2] - band.rows[::-1, 2]], axis=1)
    reverse = Band(sizes, reverse_rows)
    # the same beads by their start in the reversed texts (the cell they end at, seen from the end)
    reversed_gains, reversed_cells = np.empty_like(gains), end - reverse.cells()
    for block in move_blocks(len(moves), len(cells)):
        at = band.shifted_index(reversed_cells, counts[block])
        reversed_gains[block] = scores_at(gains[block], at)
    backward = fill(reverse, reversed_gains)
    # best scores by cell in Band.cells() order (the tables keep them in wavefront order)
    to_start, from_end = forward.best[forward.rank[:-1]], backward.best[backward.rank[:-1]]
    total = to_start[band.index(end[None])[0]]
    # per language and sentence, the best total of a path through a candidate bead (cell, move) near
    # the path that covers the sentence; the path's own beads are left out (a path bead covering a
    # sentence is the bead itself, whose total is the best total)
    own = np.zeros(gains.shape, dtype=bool)
    own[[moves.index(move) for _, move in path], band.index(np.array([s for s, _ in path]))] = True
    best = [np.full(size + 1, -np.inf) for size in sizes]
    for block in move_blocks(len(moves), len(cells)):
        after = reverse.shifted_index(end - cells, counts[block])
        through = to_start + gains[block] + from_end[np.maximum(after, 0)]
        through[(after < 0) | own[block]] = -np.inf
        taken = counts[block]
        for lang, size in enumerate(sizes):
            for offset in range(int(taken[:, lang].max(initial=0))):  # the best bead covering each sentence
                covering = through[taken[:, lang] > offset].max(axis=0)
                np.maximum.at(best[lang], np.minimum(cells[:, lang] + offset, size), covering)
    best_other = np.full(len(path), -np.inf)
    for t, (start, move) in enumerate(path):
        lang = next(n for n, count in enumerate(move.value) if count)
        best_other[t] = best[lang][start[lang]]
    return np.where(best_other > -np.inf, total - best_other, CLIP)


def pairwise_links(scorer, path: Sequence[tuple[tuple[int, ...], object]]) -> list[set[tuple[int, int]]]:
    """Per language pair of ``scorer``, the sentence links (a, b) of the best alignment of the two
    languages alone: the three-way path weighs the pairs' evidence together, so a pair outvoted by
    the other two shows up here as a link across a bead's edge.

    Each pair is aligned by the section's scorer restricted to its two languages
    (:meth:`~.scoring.BeadScorer.pair_alone`: the side pairs the three-way programme scored), within
    :data:`PAIRWISE_WIDTH` sentences of the three-way path."""
    found = []
    for p, pair in enumerate(scorer.pairs):
        ia, ib = scorer.langs.index(pair.a), scorer.langs.index(pair.b)
        if not (scorer.sizes[ia] and scorer.sizes[ib]):
            found.append(set())
            continue
        alone = scorer.pair_alone(p)
        sizes = alone.sizes
        # the positions in b that the three-way path visits, per position in a (none in the third language)
        low, high = (np.pad(bounds, ((0, 0), (0, 1)))
                     for bounds in path_bounds(path, ia, (ib,), sizes[0] + 1, sizes[1]))
        band = Band.around(sizes, low, high, PAIRWISE_WIDTH)
        links = set()
        for (a, b, _), move in traceback(fill(band, alone.for_fill(band)), sizes):
            links.update(itertools.product(range(a, a + move.value[0]), range(b, b + move.value[1])))
        found.append(links)
    return found


def path_bounds(path: Sequence[tuple[tuple[int, ...], object]], axis: int, others: tuple[int, ...], rows: int,
                 start: int) -> tuple[np.ndarray, np.ndarray]:
    """Per position along language ``axis`` (``rows`` of them), the lowest and highest positions of
    each of the ``others`` languages that the path visits (``start``: the lowest where it visits
    none), shape (rows, others); each bead's rows laid end to end and reduced per row at once (a
    long text's path has thousands of beads, and its guides' and margins' bands ask for it)."""
    low = np.full((rows, len(others)), start, dtype=np.int64)
    high = np.zeros((rows, len(others)), dtype=np.int64)
    if not path:
        return low, high
    cells = np.array([cell for cell, _ in path], dtype=np.int64).reshape(len(path), -1)
    counts = np.array([move.value for _, move in path], dtype=np.int64).reshape(len(path), -1)
    spans = counts[:, axis] + 1  # a bead visits the rows from its start to its end, both included
    owner = np.repeat(np.arange(len(path)), spans)
    row = cells[owner, axis] + np.arange(len(owner)) - np.repeat(np.cumsum(spans) - spans, spans)
    order = np.argsort(row, kind="stable")
    row, owner = row[order], owner[order]
    first = np.flatnonzero(np.diff(row, prepend=-1))
    for column, other in enumerate(others):
        low[row[first], column] = np.minimum(low[row[first], column],
                                             np.minimum.reduceat(cells[owner, other], first))
        high[row[first], column] = np.maximum(high[row[first], column],
                                              np.maximum.reduceat(cells[owner, other] + counts[owner, other], first))
    return low, high


def disagreements(path: Sequence[tuple[tuple[int, ...], object]], links: list[set[tuple[int, int]]],
                  slots: list[tuple[int, int]]) -> np.ndarray:
    """Per bead of ``path``, in how many language pairs (``slots``: their positions in the cells) the
    pair's own alignment (``links``) disputes it: links a sentence of the bead with one outside it;
    and in how many pairs the bead links, that alignment leaves a sentence of the bead unpaired
    within it."""
    partners = []
    for pair_links in links:
        by_side = ({}, {})
        for a, b in pair_links:
            by_side[0].setdefault(a, set()).add(b)
            by_side[1].setdefault(b, set()).add(a)
        partners.append(by_side)
    rows = np.zeros((len(path), 2))
    for t, (start, move) in enumerate(path):
        for (ia, ib), (of_a, of_b) in zip(slots, partners, strict=True):
            side_a = range(start[ia], start[ia] + move.value[ia])
            side_b = range(start[ib], start[ib] + move.value[ib])
            # per sentence of the bead (a side, then b side): its partners in the pair's own alignment
            partners_of = [of_a.get(a, set()) for a in side_a] + [of_b.get(b, set()) for b in side_b]
            others = [set(side_b)] * len(side_a) + [set(side_a)] * len(side_b)
            inside = [found & other for found, other in zip(partners_of, others, strict=True)]
            rows[t, 0] += any(len(found) > len(kept) for found, kept in zip(partners_of, inside, strict=True))
            rows[t, 1] += bool(side_a and side_b) and not all(inside)
    return rows
