"""The three-way dynamic programme over (en, kk, ru) sentence positions, inside a band.

Coordinates: a *cell* ``(i, j, k)`` means "the first i English, j Kazakh and k Russian sentences
are aligned"; the table holds, per cell, the best total bead score of any alignment of those
prefixes and the :class:`Move` (the last bead's sentence counts) that reached it. The alignment of
the whole texts is the path from ``(0, 0, 0)`` to ``(n_en, n_kk, n_ru)``.

Three small functions: :func:`fill` (the table, restricted to a :class:`Band` so memory stays
linear in the text length), :func:`traceback` (the path), and the bead score, which the caller
passes in (:meth:`~.scoring.BeadScorer.score`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

#: Sentence-count pairs a bead may have in any two languages that are both present in it: 1-1,
#: merges 1-2 … 1-3, and the 2-2, 2-3, 3-3 of overlapping merges (en merges sentences 1+2 while
#: kk merges 2+3: neither side can be cut without cutting a sentence of the other).
PAIR_TYPES: frozenset[tuple[int, int]] = frozenset(itertools.product((1, 2, 3), repeat=2))


def _allowed(counts: tuple[int, int, int]) -> bool:
    present = [n for n in counts if n]
    if len(present) == 1:
        return present[0] == 1  # a sentence no other language has
    return all((x, y) in PAIR_TYPES for x, y in itertools.combinations(present, 2))


#: The bead types (sentences taken from en, kk, ru), named like ``M1_0_1``.
Move = Enum(
    "Move",
    {f"M{a}_{b}_{c}": (a, b, c) for a, b, c in itertools.product(range(4), repeat=3) if _allowed((a, b, c))},
)
Move.__doc__ = "A bead type: how many en, kk and ru sentences the bead takes (``Move.M2_1_1.value``)."

Cell = tuple[int, int, int]


@dataclass(frozen=True)
class Band:
    """The cells the programme may visit: for each i, a range of j and a range of k (inclusive)."""

    sizes: Cell
    #: rows[i] = (j_low, j_high, k_low, k_high)
    rows: tuple[tuple[int, int, int, int], ...]

    @classmethod
    def full(cls, sizes: Cell) -> Band:
        n, m, k = sizes
        return cls(sizes, tuple((0, m, 0, k) for _ in range(n + 1)))

    @classmethod
    def around(cls, sizes: Cell, centre: list[tuple[float, float]], width: int) -> Band:
        """Cells within ``width`` sentences of a centre line ``centre[i] = (j, k)``."""
        n, m, k = sizes
        rows = []
        for i in range(n + 1):
            cj, ck = centre[i]
            rows.append(
                (max(0, int(cj) - width), min(m, int(cj + 0.999) + width),
                 max(0, int(ck) - width), min(k, int(ck + 0.999) + width))
            )
        return cls(sizes, tuple(rows))

    def __post_init__(self):
        if len(self.rows) != self.sizes[0] + 1:
            raise ValueError(f"a band over {self.sizes[0]} sentences needs {self.sizes[0] + 1} rows")

    def cells(self) -> Iterator[Cell]:
        """Cells in an order where every predecessor of a cell comes before it."""
        for i, (j_low, j_high, k_low, k_high) in enumerate(self.rows):
            for j in range(j_low, j_high + 1):
                for k in range(k_low, k_high + 1):
                    yield (i, j, k)

    @property
    def size(self) -> int:
        return sum((jh - jl + 1) * (kh - kl + 1) for jl, jh, kl, kh in self.rows)


@dataclass
class Table:
    """Best score and last move per reached cell (cells outside the band are absent)."""

    best: dict[Cell, float]
    last: dict[Cell, Move]


BeadScore = Callable[[Cell, tuple[int, int, int]], float]


def fill(band: Band, score: BeadScore, on_row: Callable[[int], None] | None = None) -> Table:
    """Fill the table over ``band``; ``score(start, counts)`` scores the bead from ``start``;
    ``on_row(i)`` is called when row i begins (a progress bar)."""
    best: dict[Cell, float] = {(0, 0, 0): 0.0}
    last: dict[Cell, Move] = {}
    moves = [(move, move.value) for move in Move]
    row = -1
    for cell in band.cells():
        if cell == (0, 0, 0):
            continue
        i, j, k = cell
        if on_row is not None and i != row:
            row = i
            on_row(i)
        top, top_move = float("-inf"), None
        for move, (a, b, c) in moves:
            start = (i - a, j - b, k - c)
            before = best.get(start)
            if before is None:
                continue
            total = before + score(start, (a, b, c))
            if total > top:
                top, top_move = total, move
        if top_move is not None:
            best[cell] = top
            last[cell] = top_move
    return Table(best, last)


def traceback(table: Table, end: Cell) -> list[tuple[Cell, Move]]:
    """The beads of the best path to ``end``, in text order, as (start cell, move)."""
    if end not in table.best:
        raise ValueError(f"the band does not reach the end cell {end}; widen it")
    path = []
    cell = end
    while cell != (0, 0, 0):
        move = table.last[cell]
        a, b, c = move.value
        start = (cell[0] - a, cell[1] - b, cell[2] - c)
        path.append((start, move))
        cell = start
    path.reverse()
    return path
