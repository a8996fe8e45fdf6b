"""A missing passage as one gap: the gap-run term of the alignment's objective.

The bead scores charge a missing sentence the same wherever it lies, so a page missing from one
language costs as much cut into pieces as whole, and a stray sentence of that language, paired
with unrelated sentences inside the page, costs less than the missing beads it replaces. What
tells it is wrong is that the beads on both sides of it are gaps. So the objective the aligner
maximises is the sum of the bead scores plus the gap-run term: per language, a run of beads lacking
it is one gap, :attr:`~.scoring.Priors.gap_run` given back per sentence (a bead's longest side, as
the ``missing`` prior counts them) of its beads, less as much once per run: an affine gap cost, as
in Gotoh's alignment of sequences. A page missing is one gap, not a smear, and one gap costs the
same however its beads are cut (a sentence alone lacks two languages: it is in a run of each, so
it counts the same merged into a neighbouring bead of the run as on its own).

The three-way programme (:func:`~.dp.fill`) maximises that objective in one pass, with a state per
cell for the languages the last bead lacked (:func:`gap_steps`).

An affine gap cost does not tell a page from a smear: a stray pair inside a page, paired with the
best of the page's unrelated sentences, costs one run more, which the best of a page's worth of
chance pairs pays for often (a sentence just before the page whose pair scores low, a partial
translation or a title, is then moved into the page). Where a guide found a page missing
(:func:`page_interiors`), the page is one event, and a sentence of that language kept inside it
could lie at any of its positions: each sentence of the language a bead takes inside the page is
charged the log of the page's length (:func:`interior_charges`), a prior no run in the dev cases
is long enough to show (their deletions are too short to have an inside), so it is not fitted.
The charge is per sentence, not per bead: a guide's stretch can reach past the page into the
text's own short gaps next to it, and there a charge per bead made the true pairs after the page
(five beads, five charges) dearer than the same sentences merged into one stray bead at its start
(one charge).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from .dp import LONGEST_SIDE, Cell, Move, Steps, move_counts

#: Beads that take a language (or lack another) in a row that a gap stretch may hold
#: (:func:`gap_stretches`).
GAP_REACH = 8
#: Sentences at each end of a guide's gap stretch that are not inside the page
#: (:func:`page_interiors`): a guide, one sentence at a time, may pair up to GAP_REACH of them
#: wrongly, so the page's true edges lie that far from the stretch's.
PAGE_EDGE = GAP_REACH

Path = list[tuple[Cell, Move]]

#: What a bead is to a language's gap stretches (:func:`gap_stretches`, which widen a guide's band):
#: it lacks only that language (a gap), takes a sentence of it or lacks only another (it ends a
#: stretch), or lacks two languages (a sentence alone: neutral).
OTHER, GAP, NEUTRAL = 0, 1, 2


def bead_kinds(counts: np.ndarray, lang: int, active: Sequence[int]) -> np.ndarray:
    """Per bead (rows of ``counts``: sentences per language), its :data:`GAP`/:data:`OTHER`/
    :data:`NEUTRAL` kind for ``lang``'s runs, in a text with sentences in the ``active`` languages."""
    counts = np.asarray(counts).reshape(-1, 3)
    lacking = (counts[:, list(active)] == 0).sum(axis=1)
    kinds = np.full(len(counts), OTHER)
    kinds[(counts[:, lang] == 0) & (lacking == 1)] = GAP
    kinds[lacking >= 2] = NEUTRAL
    return kinds


def gap_stretches(path: Path, lang: int, active: Sequence[int]) -> list[tuple[int, int]]:
    """The stretches of ``path`` where ``lang`` is mostly missing: the first and last bead (both
    lacking it) of each longest stretch, from left to right, in which the beads lacking it
    outnumber those that take it or lack another language (beads of a sentence alone count for
    neither), with at most GAP_REACH of those in a row, and two or more beads lacking it. A page
    missing from ``lang`` makes one, however many stray sentences are paired into it; a merge cut
    in two by a guide does not, nor do two pages with text between them."""
    kinds = bead_kinds(np.array([move.value for _, move in path]).reshape(-1, 3), lang, active)
    stretches: list[list[int]] = []  # first, last, beads lacking lang, other beads
    others = np.concatenate([[0], np.cumsum(kinds == OTHER)])
    for position in np.flatnonzero(kinds == GAP).tolist():
        if stretches:
            first, last, gaps, other = stretches[-1]
            between = int(others[position] - others[last])
            if between <= GAP_REACH and gaps + 1 > other + between:
                stretches[-1] = [first, position, gaps + 1, other + between]
                continue
        stretches.append([position, position, 1, 0])
    return [(first, last) for first, last, gaps, other in stretches if gaps >= 2]


def gap_steps(sizes: Cell, bonus: float, longest: int = LONGEST_SIDE) -> Steps | None:
    """The states and steps of the gap-run term (``bonus`` a sentence) for :func:`~.dp.fill` over
    texts of ``sizes``: a state per set of languages the last bead lacked (state 0: none, where a
    path starts). A bead lacking some languages gives back ``bonus`` per sentence of its longest side
    for each, less ``bonus`` for each that the bead before it did not lack (a run it opens). None
    where the term is off or fewer than two languages have sentences."""
    return _steps_up_to(tuple(min(size, longest) for size in sizes), bonus, longest)


@cache
def _steps_up_to(most: Cell, bonus: float, longest: int) -> Steps | None:
    """:func:`gap_steps` for texts of at least ``most`` sentences (made once per section shape: every
    section of a corpus has one of a few)."""
    active = [lang for lang, size in enumerate(most) if size]
    if bonus <= 0 or len(active) < 2:
        return None
    counts = move_counts(most, longest)
    lacking = counts[:, active] == 0
    states, state_of = np.unique(lacking, axis=0, return_inverse=True)  # the sets, the empty one first
    longest_side = counts.max(axis=1)
    adds = np.full((len(states), 1 + len(states), len(counts)), -np.inf)
    for move, (lacks, state) in enumerate(zip(lacking, state_of.reshape(-1), strict=True)):
        given_back = bonus * longest_side[move] * lacks.sum()
        adds[state, 0, move] = given_back - bonus * lacks.sum()  # from any state: every run opened
        opened = (lacks & ~states).sum(axis=1)  # from each state: the runs it opens
        better = opened < lacks.sum()
        adds[state, 1 + np.flatnonzero(better), move] = given_back - bonus * opened[better]
    adds.flags.writeable = False  # one object for every section of that shape
    return Steps(adds, counts)


@dataclass(frozen=True)
class PageInterior:
    """The inside of a page missing from language ``lang``: the positions ``first`` … ``last`` of the
    ``witness`` language, and what each sentence of ``lang`` a bead takes there is charged."""

    lang: int
    witness: int
    first: int
    last: int
    charge: float


def page_interiors(path: Path, other: int) -> list[PageInterior]:
    """The insides of the pages a pairwise guide path (English and ``other``) found missing from
    either language: each gap stretch (:func:`gap_stretches`) less PAGE_EDGE sentences of the
    witness (the other language of the pair) at either end, charged the log of the stretch's
    length in the witness; a stretch too short to have an inside has none."""
    interiors = []
    for lang, witness in ((0, other), (other, 0)):
        for first, last in gap_stretches(path, lang, (0, other)):
            (start, _), (end, move) = path[first], path[last]
            low, high = start[witness], end[witness] + move.value[witness] - 1
            if high - low > 2 * PAGE_EDGE:
                interiors.append(PageInterior(lang, witness, low + PAGE_EDGE, high - PAGE_EDGE,
                                              math.log(high - low + 1)))
    return interiors


def interior_charges(interiors: Sequence[PageInterior], starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """What the beads taking ``counts[n]`` sentences from ``starts[n]`` (or one row of counts for all)
    are charged for the page insides they take sentences in (per sentence; the largest page's charge)."""
    counts = np.asarray(counts).reshape(-1, 3)
    charged = np.zeros(len(starts))
    for page in interiors:
        inside = (starts[:, page.witness] >= page.first) & (starts[:, page.witness] <= page.last)
        charged = np.maximum(charged, np.where(inside, page.charge * counts[:, page.lang], 0.0))
    return charged


def charged_scores(scores: np.ndarray | Callable, cells: np.ndarray, counts: np.ndarray,
                   interiors: Sequence[PageInterior]) -> np.ndarray | Callable:
    """:func:`~.dp.fill`'s bead scores (moves × cells of the band, or a scoring function) less the
    page-inside charges (:func:`interior_charges`)."""
    if not interiors:
        return scores
    if callable(scores):
        return lambda starts, taken: scores(starts, taken) - interior_charges(interiors, starts, taken)
    charged = np.stack([interior_charges(interiors, cells, row) for row in counts])
    return scores - charged.astype(scores.dtype)
