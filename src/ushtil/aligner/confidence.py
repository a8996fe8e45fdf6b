"""How sure the aligner is of each bead: the evidence a bead's score is computed from.

The mean pair log-odds alone does not mark the doubtful beads: a wrong bead is often made of
sentences that do translate each other in part (a merge cut in the wrong place, a sentence called
missing that sits in its neighbour). So the score also looks at the bead's weakest pair, at its
margin (how much worse the best alignment without it is: small where another cut is about as
good), at its type and at its neighbours (errors cluster next to gaps and merges).
:class:`~.scoring.Calibration` weighs these (fitted on NTREX beads by ``bench/fit_align_weights.py``;
the benchmark reports the calibration of held-out beads).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .dp import Band, fill, move_blocks, moves_within, scores_at

#: The evidence of one bead, in the order of :func:`bead_evidence`'s columns.
CONFIDENCE_FEATURES: tuple[str, ...] = (
    "log_odds",  # mean log-odds of the pairs the bead links
    "weakest",  # the lowest of them
    "margin",  # the best path's score less the best score of a path without this bead
    "shrink",  # the most (if any) a pair's log-odds gains when a side of several sentences drops an edge one
    "missing",  # a language is left out
    "merged",  # a side has more than one sentence
    "beside_missing",  # the bead before or after leaves a language out
    "beside_merged",  # the bead before or after merges sentences
)
#: Log-odds and margins are clipped below at -CLIP and above at these values: beyond them a pair is
#: a translation and a bead is sure, and only doubt tells right beads from wrong ones (so a strong
#: pair or a wide margin cannot hide a sentence that translates nothing in the bead).
CLIP = 12.0
SURE_LOG_ODDS = 2.0
SURE_MARGIN = 5.0
#: The margins are computed over the cells within this many sentences of the path.
MARGIN_WIDTH = 2


def bead_evidence(scorer, path: Sequence[tuple[tuple[int, ...], object]]) -> np.ndarray:
    """One row of :data:`CONFIDENCE_FEATURES` per bead of ``path`` (start cell, move) under the
    section's :class:`~.scoring.BeadScorer`."""
    counts = [tuple(move.value) for _, move in path]
    slots = [(scorer.langs.index(pair.a), scorer.langs.index(pair.b)) for pair in scorer.pairs]
    active = [n for n, size in enumerate(scorer.sizes) if size]
    rows = np.zeros((len(path), len(CONFIDENCE_FEATURES)))
    for t, ((start, _), count) in enumerate(zip(path, counts, strict=True)):
        linked, gains = [], [0.0]
        for p, (ia, ib) in enumerate(slots):
            if count[ia] and count[ib]:
                span_a, span_b = (start[ia], start[ia] + count[ia]), (start[ib], start[ib] + count[ib])
                linked.append(scorer.pair_log_odds(p, span_a, span_b))
                gains += [scorer.pair_log_odds(p, a, b) - linked[-1] for a, b in _shrunk(span_a, span_b)]
        lone = [count[n] for n in active]
        rows[t, 4] = 0 in lone
        rows[t, 5] = max(lone) > 1
        if linked:
            rows[t, 0] = np.mean(linked)
            rows[t, 1] = min(linked)
        rows[t, 3] = max(gains)
    rows[:, 2] = margins(scorer, path)
    np.clip(rows[:, :2], -CLIP, SURE_LOG_ODDS, out=rows[:, :2])
    np.clip(rows[:, 2], -CLIP, SURE_MARGIN, out=rows[:, 2])
    np.clip(rows[:, 3], 0.0, CLIP, out=rows[:, 3])
    for column, source in ((6, 4), (7, 5)):
        beside = np.zeros(len(path))
        beside[1:] = np.maximum(beside[1:], rows[:-1, source])
        beside[:-1] = np.maximum(beside[:-1], rows[1:, source])
        rows[:, column] = beside
    return rows


def _shrunk(span_a: tuple[int, int], span_b: tuple[int, int]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The side pairs left when a side of several sentences drops its first or its last one."""
    (sa, ea), (sb, eb) = span_a, span_b
    found = []
    if ea - sa > 1:
        found += [((sa + 1, ea), span_b), ((sa, ea - 1), span_b)]
    if eb - sb > 1:
        found += [(span_a, (sb + 1, eb)), (span_a, (sb, eb - 1))]
    return found


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
    low = np.full((sizes[0] + 1, 2), np.iinfo(np.int64).max)
    high = np.zeros((sizes[0] + 1, 2), dtype=np.int64)
    for (i, j, k), move in path:
        a, b, c = move.value
        low[i : i + a + 1] = np.minimum(low[i : i + a + 1], (j, k))
        high[i : i + a + 1] = np.maximum(high[i : i + a + 1], (j + b, k + c))
    band = Band.around(sizes, low, high, MARGIN_WIDTH)
    cells = band.cells()
    end = np.array(sizes)
    moves = moves_within(sizes)
    counts = np.array([move.value for move in moves], dtype=np.int64)
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
