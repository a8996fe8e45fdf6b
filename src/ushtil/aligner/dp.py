"""The three-way dynamic programme over (en, kk, ru) sentence positions, inside a band.

Coordinates: a *cell* ``(i, j, k)`` means "the first i English, j Kazakh and k Russian sentences
are aligned"; the table holds, per cell, the best total bead score of any alignment of those
prefixes and the :class:`Move` (the last bead's sentence counts) that reached it. The alignment of
the whole texts is the path from ``(0, 0, 0)`` to ``(n_en, n_kk, n_ru)``. Where the objective has a
term of the path besides the bead scores (a missing page as one gap, :class:`Steps`), the table
holds a best total per cell and per state, as in Gotoh's alignment with affine gaps.

Three small functions: the bead scores, which the caller passes in (scores of many beads at once,
:meth:`~.scoring.BeadScorer.scores`), :func:`fill` (the table, restricted to a
:class:`Band` so memory stays linear in the text length) and :func:`traceback` (the path). Every
move takes at least one sentence, so the cells with the same ``i + j + k`` (a *wavefront*) depend
only on earlier wavefronts and are filled together.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property, lru_cache

import numpy as np

#: The most sentences a bead takes from one language (the bead types, the pair tables and the
#: features' side sums all follow it).
LONGEST_SIDE = 3

#: Sentence-count pairs a bead may have in any two languages that are both present in it: 1-1,
#: merges 1-2 … 1-3, and the 2-2, 2-3, 3-3 of overlapping merges (en merges sentences 1+2 while
#: kk merges 2+3: neither side can be cut without cutting a sentence of the other).
PAIR_TYPES: frozenset[tuple[int, int]] = frozenset(itertools.product(range(1, LONGEST_SIDE + 1), repeat=2))


def _allowed(counts: tuple[int, int, int]) -> bool:
    present = [n for n in counts if n]
    if not present:
        return False  # a bead takes at least one sentence
    if len(present) == 1:
        return present[0] == 1  # a sentence no other language has
    return all((x, y) in PAIR_TYPES for x, y in itertools.combinations(present, 2))


#: The bead types (sentences taken from en, kk, ru), named like ``M1_0_1``.
Move = Enum(
    "Move",
    {f"M{a}_{b}_{c}": (a, b, c) for a, b, c in itertools.product(range(LONGEST_SIDE + 1), repeat=3)
     if _allowed((a, b, c))},
)
Move.__doc__ = "A bead type: how many en, kk and ru sentences the bead takes (``Move.M2_1_1.value``)."
MOVES: tuple[Move, ...] = tuple(Move)
#: A bead's counts (n_en, n_kk, n_ru), each 0 … LONGEST_SIDE, as one number below COUNT_KEYS:
#: ``counts @ COUNT_KEY``; KEYED_COUNTS[key] are the counts again.
COUNT_KEY = np.array([(LONGEST_SIDE + 1) ** 2, LONGEST_SIDE + 1, 1])
COUNT_KEYS = (LONGEST_SIDE + 1) ** 3
KEYED_COUNTS = np.array(list(itertools.product(range(LONGEST_SIDE + 1), repeat=3)))

Cell = tuple[int, int, int]


@dataclass(frozen=True)
class Band:
    """The cells the programme may visit: for each i, a range of j and a range of k (inclusive)."""

    sizes: Cell
    #: rows[i] = (j_low, j_high, k_low, k_high)
    rows: np.ndarray

    def __post_init__(self):
        if self.rows.shape != (self.sizes[0] + 1, 4):
            raise ValueError(f"a band over {self.sizes[0]} sentences needs {self.sizes[0] + 1} rows")
        widths = np.stack([self.rows[:, 1] - self.rows[:, 0] + 1, self.rows[:, 3] - self.rows[:, 2] + 1], axis=1)
        object.__setattr__(self, "_widths", widths)
        object.__setattr__(self, "_first", np.concatenate([[0], np.cumsum(widths.prod(axis=1))]))
        # the row bounds as contiguous arrays, for index()
        object.__setattr__(self, "_bounds", tuple(np.ascontiguousarray(column) for column in self.rows.T))
        object.__setattr__(self, "_k_widths", np.ascontiguousarray(widths[:, 1]))
        object.__setattr__(self, "_cells", None)
        # a small band's positions as a volume over the texts (and SHIFT_PAD before them), for shifted_index
        shape = np.add(self.sizes, 1 + SHIFT_PAD)
        volume = None
        if np.prod(shape) <= DENSE_BAND:
            strides = np.array([shape[1] * shape[2], shape[2], 1])
            volume = np.full(np.prod(shape), -1, dtype=np.int64)
            volume[(self.cells() + SHIFT_PAD) @ strides] = np.arange(self.size)
            volume = (volume, strides, SHIFT_PAD * strides.sum())
        object.__setattr__(self, "_volume", volume)

    @classmethod
    def full(cls, sizes: Cell) -> Band:
        """The whole cube: one object per sizes for small cubes (a corpus has many sections of the
        same few sizes); a large one (a section without English) is made anew, not kept."""
        n, m, k = sizes
        return (_kept_cube if (n + 1) * (m + 1) * (k + 1) <= SMALL_INDEX else _cube)(tuple(sizes))

    @classmethod
    def around(cls, sizes: Cell, low: np.ndarray, high: np.ndarray, width: int) -> Band:
        """Cells within ``width`` sentences of a path that visits, in row i, the Kazakh positions
        ``low[i, 0] … high[i, 0]`` and the Russian positions ``low[i, 1] … high[i, 1]``."""
        _, m, k = sizes
        low = np.maximum(np.asarray(low) - width, 0)
        high = np.minimum(np.asarray(high) + width, [m, k])
        return cls(sizes, np.stack([low[:, 0], high[:, 0], low[:, 1], high[:, 1]], axis=1).astype(np.int64))

    @property
    def size(self) -> int:
        return int(self._first[-1])

    def cells(self) -> np.ndarray:
        """All cells, row by row (i, then j, then k), as an array of shape (size, 3) (made once, read-only)."""
        if self._cells is None:
            object.__setattr__(self, "_cells", self._all_cells())
        return self._cells

    @cached_property
    def wavefronts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The cells in wavefront order (by ``i + j + k``, stable), their wavefronts, and each cell's
        position in that order (by :meth:`cells`; -1 last, for "outside the band"), read-only: what
        :func:`fill` walks, made once per band."""
        cells = self.cells()
        wavefront = cells.sum(axis=1)
        order = np.argsort(wavefront, kind="stable")
        rank = np.full(len(cells) + 1, -1, dtype=np.int64)
        rank[order] = np.arange(len(cells))
        found = cells[order], wavefront[order], rank
        for array in found:
            array.flags.writeable = False
        return found

    def _all_cells(self) -> np.ndarray:
        widths = self._widths
        per_row = widths.prod(axis=1)
        i = np.repeat(np.arange(len(self.rows)), per_row)
        offset = np.arange(len(i)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
        kw = widths[i, 1]
        cells = np.stack([i, self.rows[i, 0] + offset // kw, self.rows[i, 2] + offset % kw], axis=1)
        cells.flags.writeable = False
        return cells

    def index(self, cells: np.ndarray) -> np.ndarray:
        """Positions of ``cells`` in :meth:`cells`; -1 for cells outside the band."""
        i, j, k = cells[:, 0], cells[:, 1], cells[:, 2]
        inside = (i >= 0) & (i < len(self.rows))
        i = np.where(inside, i, 0)
        low_j, high_j, low_k, high_k = self._bounds
        low_j, low_k = low_j[i], low_k[i]
        inside &= (j >= low_j) & (j <= high_j[i]) & (k >= low_k) & (k <= high_k[i])
        return np.where(inside, self._first[i] + (j - low_j) * self._k_widths[i] + (k - low_k), -1)

    def shifted_index(self, cells: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """``index(cells - counts[m])`` for every row m of ``counts`` (at most SHIFT_PAD each; the cells
        within the texts), shape (len(counts), len(cells)): in a small band one look-up in a volume of
        the positions; else worked out per distinct shift of each coordinate (a row bound is looked
        up once per shift of i, not once per move), then one sum per move."""
        if self._volume is not None:
            volume, strides, pad = self._volume
            return volume[(cells @ strides + pad)[None] - (counts @ strides)[:, None]]
        if len(cells) * len(counts) < SMALL_INDEX:  # few cells: fewer numpy calls the plain way
            return self.index((cells[None] - counts[:, None]).reshape(-1, 3)).reshape(len(counts), len(cells))
        i, j, k = (np.ascontiguousarray(column) for column in cells.T)
        low_j, high_j, low_k, high_k = self._bounds
        rows, by_j, by_k, shifted_k = {}, {}, {}, {}
        found = np.empty((len(counts), len(cells)), dtype=np.int64)
        outside = np.empty(len(cells), dtype=bool)
        for m, (a, b, c) in enumerate(counts.tolist()):
            if a not in rows:  # each cell's row bounds, gathered once per shift of i
                inside = (i >= a) & (i - a < len(self.rows))
                row = np.where(inside, i - a, 0)
                row_low_j, row_low_k, widths = low_j[row], low_k[row], self._k_widths[row]
                rows[a] = (inside, high_j[row], row_low_j, row_low_k, high_k[row], widths,
                           self._first[row] - row_low_j * widths - row_low_k)
            inside, row_high_j, row_low_j, row_low_k, row_high_k, widths, origin = rows[a]
            if c not in shifted_k:
                shifted_k[c] = k - c
            if (a, b) not in by_j:  # (cells outside the band in j, the position but for k)
                shifted = j - b
                by_j[a, b] = (~(inside & (shifted >= row_low_j) & (shifted <= row_high_j)), origin + shifted * widths)
            if (a, c) not in by_k:  # cells outside the band in k
                by_k[a, c] = (shifted_k[c] < row_low_k) | (shifted_k[c] > row_high_k)
            off_j, base = by_j[a, b]
            np.add(base, shifted_k[c], out=found[m])
            found[m][np.logical_or(off_j, by_k[a, c], out=outside)] = -1
        return found


def _cube(sizes: Cell) -> Band:
    n, m, k = sizes
    rows = np.tile(np.array([0, m, 0, k]), (n + 1, 1))
    rows.flags.writeable = False
    return Band(sizes, rows)


_kept_cube = lru_cache(maxsize=256)(_cube)


#: Below this many cells × moves, :meth:`Band.shifted_index` takes the plain way.
SMALL_INDEX = 1 << 14
#: Bands over texts of at most this many cells (with SHIFT_PAD more per language) keep their
#: positions as a volume (:meth:`Band.shifted_index`); the shifts are at most SHIFT_PAD sentences.
DENSE_BAND = 1 << 17
SHIFT_PAD = LONGEST_SIDE


@dataclass(frozen=True)
class Steps:
    """The states of a programme whose objective is more than the sum of its bead scores (the
    affine gap-run term, :func:`~.gaps.gap_steps`), as in Gotoh's alignment with affine gaps: a
    cell holds a best total per state. ``adds[t, 0, m]`` is what move m adds, besides its bead's
    score, to its start cell's best total over all states when it reaches state t, and
    ``adds[t, 1 + s, m]`` what it adds to the start cell's total in state s; -inf where the move
    cannot take that step (or a step from another source is never worse). The moves are
    :func:`moves_within`'s for the band's sizes and the bead length the programme takes (their
    sentence counts: ``counts``); a path starts in state 0."""

    adds: np.ndarray
    counts: np.ndarray

    @cached_property
    def choices(self) -> list[np.ndarray]:
        """Per state, the steps that reach it: rows (move, source: 0 the best of any state, 1 + s state s)."""
        return [np.argwhere(-np.inf < self.adds[t].T) for t in range(len(self.adds))]

    @cached_property
    def sources(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per state, for each of its steps: the row of :func:`fill`'s totals its total comes from
        (0: the best of any state; 1 + s: state s, or 0 itself with one state) and what it adds."""
        rows = np.arange(1 + len(self.adds)) if len(self.adds) > 1 else np.zeros(2, dtype=np.int64)
        return [(rows[c[:, 1]], self.adds[t, c[:, 1], c[:, 0]]) for t, c in enumerate(self.choices)]


@dataclass
class Table:
    """Best score and last step per cell of a band, the cells in wavefront order (by ``i + j + k``,
    so that each wavefront is one slice of the arrays)."""

    band: Band
    cells: np.ndarray
    #: position in the table of each cell of :meth:`Band.cells` (and -1 for "outside the band")
    rank: np.ndarray
    #: per cell, the best total over all states
    best: np.ndarray
    #: the moves the band allows
    moves: list[Move]
    #: per state (a row; one without :class:`Steps`), the best total of a path reaching each cell in it
    state_best: np.ndarray
    #: per state and cell, the index into ``choices[state]`` of the last bead's step (-1 where no
    #: path reaches the cell in that state)
    last: np.ndarray
    #: per state and cell, the position of the cell the last bead starts from
    previous: np.ndarray
    #: per state, the steps that reach it: rows (index into ``moves``, source as in :class:`Steps`)
    choices: list[np.ndarray]


BeadScores = Callable[[np.ndarray, np.ndarray], np.ndarray]
#: Candidate beads scored at once by :func:`fill` (a long text's moves are taken a few at a time, so
#: the candidate arrays stay bounded; a short one's all at once, so few numpy calls are made).
BLOCK = 1 << 15


def moves_within(sizes: Cell, longest: int = LONGEST_SIDE) -> list[Move]:
    """The moves that fit in texts of these sizes, taking at most ``longest`` sentences per language."""
    return list(_moves_up_to(tuple(min(size, longest) for size in sizes)))


def move_counts(sizes: Cell, longest: int = LONGEST_SIDE) -> np.ndarray:
    """The sentence counts of :func:`moves_within`'s moves, an array of shape (moves, 3)."""
    return _counts_up_to(tuple(min(size, longest) for size in sizes))


@cache
def _one_state(most: Cell) -> Steps:
    """The steps of a programme whose objective is the sum of its bead scores (one state), for
    texts of at least ``most`` sentences (made once per shape)."""
    counts = _counts_up_to(most)
    return Steps(np.zeros((1, 1, len(counts))), counts)


@cache
def _counts_up_to(most: Cell) -> np.ndarray:
    counts = np.array([move.value for move in _moves_up_to(most)], dtype=np.int64).reshape(-1, 3)
    counts.flags.writeable = False
    return counts


@cache
def _moves_up_to(most: Cell) -> tuple[Move, ...]:
    return tuple(move for move in MOVES if all(n <= top for top, n in zip(most, move.value, strict=True)))


def move_blocks(moves: int, cells: int) -> list[slice]:
    """The moves a few at a time, so that a long text's candidate arrays stay bounded (:data:`BLOCK`)."""
    step = max(1, BLOCK // max(cells, 1))
    return [slice(first, first + step) for first in range(0, moves, step)]


def fill(
    band: Band,
    scores: BeadScores | np.ndarray,
    on_progress: Callable[[float], None] | None = None,
    longest: int = LONGEST_SIDE,
    steps: Steps | None = None,
) -> Table:
    """Fill the table over ``band``; ``scores(starts, counts)`` scores many beads at once (arrays of
    shape (n, 3): the start cells, and the sentences each bead takes per language), or ``scores``
    holds them already (moves × cells: the bead of each move from each cell of :meth:`Band.cells`);
    ``on_progress(share)`` reports the share done; beads take at most ``longest`` sentences per
    language; ``steps``: the states of a term of the path besides the bead scores (none: one state,
    the sum of the bead scores)."""
    cells, wavefront, rank = band.wavefronts
    moves = moves_within(band.sizes, longest)
    counts = move_counts(band.sizes, longest)
    if steps is None:  # one state: every move from the start cell's best total, adding its score
        steps = _one_state(tuple(min(size, longest) for size in band.sizes))
    if not np.array_equal(steps.counts, counts):
        raise ValueError("the steps are for other moves than the band and bead length allow")
    choices, states = steps.choices, len(steps.adds)
    # totals[0]: the best over all states (its last entry stands for "outside the band"); totals[1 + t]:
    # state t's (with one state, totals[0] itself)
    totals = np.full((1 + states if states > 1 else 1, len(cells) + 1), -np.inf)
    rows = [1 + t if states > 1 else 0 for t in range(states)]
    widest_choice = max(map(len, choices))
    # a step's index into its state's steps: int8 where they fit (the programmes shipped), else wider
    last = np.full((states, len(cells)), -1, dtype=np.min_scalar_type(-widest_choice))
    previous = np.full((states, len(cells)), -1, dtype=np.int32)
    origin = rank[band.index(np.zeros((1, 3), dtype=np.int64))[0]]
    totals[[0, rows[0]], origin] = 0.0
    flat = totals.reshape(-1)
    # per state, where each step's total comes from (a row of totals) and what it adds; the states'
    # steps side by side, each state's padded to the most any state has with a step from outside
    # the band (-inf): a wavefront is then one gather, add and argmax for all states, not one per state
    outside = len(cells)  # totals[0, outside]: -inf
    sources = np.full((states, widest_choice), outside, dtype=np.int64)
    adds = np.full((states, widest_choice), -np.inf)
    for state, (c, (row, add)) in enumerate(zip(choices, steps.sources, strict=True)):
        sources[state, :len(c)], adds[state, :len(c)] = row * totals.shape[1], add
    edges = np.searchsorted(wavefront, np.arange(wavefront[-1] + 2))
    bounds = edges.tolist()  # plain ints: cheap slices in the loop below
    per_cell = states * widest_choice
    # where each cell's row of candidates per state starts in a wavefront's flattened block: the best
    # of each row is then one gather at its argmax (an index pair would cost two calls more per row)
    widest = int(np.diff(edges).max(initial=0))
    row_starts = (np.arange(widest * states) * widest_choice).reshape(widest, states)
    first = 1
    while first < len(bounds) - 1:  # the candidates of a few wavefronts at a time: a long text's stay bounded
        end = max(first + 1, int(np.searchsorted(edges, bounds[first] + WAVE_CELLS // per_cell, "right")) - 1)
        end = min(end, len(bounds) - 1)
        span = slice(bounds[first], bounds[end])
        before, gain = _candidates(band, cells[span], rank, counts, scores)
        # per cell and state, a row of candidates (each wavefront's one contiguous block: flat
        # positions in totals), the scores with the steps' additions as the totals' type: each
        # wavefront is then a gather, an add and an argmax along the rows
        by_cell = np.full((span.stop - span.start, states, widest_choice), outside, dtype=np.int64)
        gain_by_cell = np.full(by_cell.shape, -np.inf)
        for state, c in enumerate(choices):
            np.add(before[c[:, 0]].T, sources[state, :len(c)], out=by_cell[:, state, :len(c)])
            np.add(gain[c[:, 0]].T, adds[state, :len(c)], out=gain_by_cell[:, state, :len(c)])
        for d in range(first, end):
            group = slice(bounds[d], bounds[d + 1])
            here = slice(bounds[d] - bounds[first], bounds[d + 1] - bounds[first])
            total = flat.take(by_cell[here])
            total += gain_by_cell[here]
            chosen = total.argmax(axis=2)
            last[:, group] = chosen.T
            best = total.reshape(-1).take(chosen + row_starts[:len(chosen)])
            if states > 1:
                totals[1:, group] = best.T
                totals[0, group] = best.max(axis=1)
            else:
                totals[0, group] = best[:, 0]
            if on_progress is not None:
                on_progress(d / (len(bounds) - 2))
        for state, c in enumerate(choices):
            previous[state, span] = before[c[last[state, span], 0], np.arange(before.shape[1])]
        first = end
    state_best = totals[rows, :-1]
    last[state_best == -np.inf] = -1  # no path reaches these cells in that state
    return Table(band, cells, rank, totals[0, :-1], moves, state_best, last, previous, choices)


#: Candidate beads (cells × moves) whose predecessors and scores :func:`fill` holds at once.
WAVE_CELLS = 1 << 20


def _candidates(band: Band, cells: np.ndarray, rank: np.ndarray, counts: np.ndarray,
                scores: BeadScores | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the beads of each move ending at each of ``cells``: the table position of the start cell
    (-1 outside the band) and the bead's score (float32: half the memory of a long text's table)."""
    before = np.empty((len(counts), len(cells)), dtype=np.int32)
    gain = np.full(before.shape, -np.inf, dtype=np.float32)
    # the start positions of all moves at once (as many as ``before`` holds): the row bounds of each
    # shift are then gathered once, not once per block of moves
    shifted = band.shifted_index(cells, counts)
    for taken in move_blocks(len(counts), len(cells)):
        block = counts[taken]
        found = shifted[taken]
        before[taken] = rank[found]
        if not callable(scores):  # scored already, by move and start
            gain[taken] = scores_at(scores[taken], found)
            continue
        move, cell = np.nonzero(found >= 0)  # (not a flat position divided back into them: a division per bead)
        bead_counts = block if len(block) == 1 else block[move]  # one row: one move for all
        starts = cells[cell] - bead_counts
        gain[taken][move, cell] = scores(starts, bead_counts)
    return before, gain


def scores_at(scores: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``scores[m, positions[m, c]]`` for every move m and cell c (moves × cells, as :func:`fill`
    takes them); -inf where the position is -1 (outside the band)."""
    rows = np.arange(len(scores))[:, None] * scores.shape[1]  # a flat gather: take_along_axis costs more
    return np.where(positions >= 0, scores.reshape(-1)[rows + np.maximum(positions, 0)], -np.inf)


def traceback(table: Table, end: Cell) -> list[tuple[Cell, Move]]:
    """The beads of the best path to ``end``, in text order, as (start cell, move)."""
    position = int(table.rank[table.band.index(np.array([end]))[0]])
    if position < 0 or table.best[position] == -np.inf:
        raise ValueError(f"the band does not reach the end cell {end}; widen it")
    state = int(table.state_best[:, position].argmax())
    path = []
    cell = table.cells[position].tolist()
    while any(cell):
        move, source = table.choices[state][int(table.last[state, position])].tolist()
        position = int(table.previous[state, position])
        # the state whose total the step took: the best at its start, or the one it names
        state = int(table.state_best[:, position].argmax()) if source == 0 else source - 1
        cell = table.cells[position].tolist()
        path.append((tuple(cell), table.moves[move]))
    path.reverse()
    return path
