"""A missing passage as one gap: the gap-run term of the alignment's objective.

The bead scores charge a missing sentence the same wherever it lies, so a page missing from one
language costs as much cut into pieces as whole, and a stray sentence of that language, paired
with unrelated sentences inside the page, costs less than the missing beads it replaces. What
tells it is wrong is that the beads on both sides of it are gaps. So the objective the aligner
maximises is the sum of the bead scores plus the gap-run term: :attr:`~.scoring.Priors.gap_run`
given back per sentence (a bead's longest side, as the ``missing`` prior counts them) of the beads
that lack one language, less as much once per run of such beads: an affine gap cost, a page missing
is one gap, not a smear, and one gap costs the same however its beads are cut. Beads of one
sentence alone (missing two languages) leave a run as it is.

The three-way programme (:mod:`.dp`) maximises the bead scores; :func:`join_gaps` then re-solves,
with this term, the stretches of its path where beads lacking one language lie close together (a
small programme over the same band with two states per cell: whether the last bead lacked that
language). A path without such stretches is the programme's; elsewhere the path only changes where
it scores more with the term.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .dp import Band, Cell, Move, move_counts, moves_within

#: A gap stretch is re-solved with this many beads either side (a stray sentence's own place lies
#: just outside the page).
GAP_REACH = 8

Path = list[tuple[Cell, Move]]

#: What a bead is to a language's gap runs: it lacks only that language (a gap), takes a sentence
#: of it or lacks only another (it ends a run), or lacks two languages (a sentence alone: neutral).
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


def gap_term(beads: Path, lang: int, active: Sequence[int], bonus: float, entering: int = OTHER,
             after: bool = False) -> float:
    """The gap-run term of ``lang`` over ``beads``: ``bonus`` per sentence of the beads lacking it, less
    ``bonus`` per run of them (``entering``: the kind of the last bead before that is not neutral;
    ``after``: whether the next one after lacks ``lang``, a run that ``beads`` may open)."""
    counts = np.array([move.value for _, move in beads]).reshape(-1, 3)
    term, state = 0.0, entering
    for kind, longest in zip(bead_kinds(counts, lang, active).tolist(), counts.max(axis=1).tolist(), strict=True):
        if kind == GAP:
            term += bonus * (longest - (state != GAP))
        if kind != NEUTRAL:
            state = kind
    return term - (bonus if after and state != GAP else 0.0)


def join_gaps(scorer, band: Band, path: Path, bonus: float) -> Path:
    """``path`` with each of its gap stretches that has beads paired inside it (:func:`gap_stretches`;
    a stretch without is one gap already), and GAP_REACH beads either side, re-solved inside
    ``band`` for the bead scores plus the gap-run term (:func:`gap_term`, ``bonus`` a sentence)."""
    active = [lang for lang, size in enumerate(scorer.sizes) if size]
    if bonus <= 0 or len(active) < 2:
        return path
    for lang in active:
        windows: list[list[int]] = []
        for first, last in gap_stretches(path, lang, active, paired_only=True):  # the others are one gap
            first, last = max(0, first - GAP_REACH), min(len(path), last + 1 + GAP_REACH)
            if windows and first <= windows[-1][1]:
                windows[-1][1] = last
            else:
                windows.append([first, last])
        for first, last in reversed(windows):
            path = path[:first] + _resolve(scorer, band, path, lang, active, first, last, bonus) + path[last:]
    return path


def gap_stretches(path: Path, lang: int, active: Sequence[int], paired_only: bool = False) -> list[tuple[int, int]]:
    """The stretches of ``path`` where ``lang`` is mostly missing: the first and last bead (both
    lacking it) of each longest stretch, from left to right, in which the beads lacking it
    outnumber those that take it or lack another language (beads of a sentence alone count for
    neither), with at most GAP_REACH of those in a row, and two or more beads lacking it. A page
    missing from ``lang`` makes one, however many stray sentences are paired into it; a merge cut
    in two by a guide does not, nor do two pages with text between them. ``paired_only``: only the
    stretches with a bead inside that takes ``lang`` or lacks another language."""
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
    return [(first, last) for first, last, gaps, other in stretches if gaps >= 2 and (other or not paired_only)]


def _resolve(scorer, band: Band, path: Path, lang: int, active: Sequence[int], first: int, last: int,
             bonus: float) -> Path:
    """The best beads from the start of bead ``first`` to the end of bead ``last - 1`` inside ``band``,
    for the scores plus the gap-run term of ``lang`` (with the state the beads before them leave and
    the term the beads after them earn); the path's own beads unless others score more."""
    start = np.array(path[first][0])
    end = np.array(path[last - 1][0]) + path[last - 1][1].value
    entering = _last_kind(path[:first], lang, active)
    after = _last_kind(path[last:][::-1], lang, active) == GAP  # the next bead that is not neutral lacks lang
    sizes = tuple(int(n) for n in end - start)
    rows = band.rows[start[0]: end[0] + 1]
    rows = np.stack([np.clip(rows[:, column], start[axis], end[axis]) - start[axis]
                     for column, axis in enumerate((1, 1, 2, 2))], axis=1)
    window = Band(sizes, rows.astype(np.int64))
    cells = window.cells()
    moves, counts = moves_within(sizes), move_counts(sizes)
    kinds = bead_kinds(counts, lang, active)
    # per state reached (OTHER, GAP) and state left (OTHER, GAP): what each move adds to the total of
    # the cell it starts from (-inf: the move cannot make that step)
    steps = np.full((2, 2, len(counts), 1), -np.inf)
    steps[OTHER, :, kinds == OTHER] = 0.0  # a bead that takes lang ends a run, from either state
    longest = counts.max(axis=1)[kinds == GAP]
    steps[GAP, OTHER, kinds == GAP] = bonus * (longest - 1)[:, None]  # a bead lacking lang opens a run
    steps[GAP, GAP, kinds == GAP] = bonus * longest[:, None]  # or continues one
    for state in (OTHER, GAP):  # a sentence alone leaves the state as it is
        steps[state, state, kinds == NEUTRAL] = 0.0
    before = window.shifted_index(cells, counts)  # per move and end cell, the start cell's position
    gains = np.full(before.shape, -np.inf)  # the score of each move's bead ending at each cell
    move, end = np.nonzero(before >= 0)
    gains[move, end] = scorer.scores(cells[end] - counts[move] + start, counts[move])
    # best[position, state]: the best total reaching the cell with the last bead that is not a
    # sentence alone lacking lang (GAP) or not (OTHER); the last row stands for "outside the band"
    best = np.full((len(cells) + 1, 2), -np.inf)
    origin = int(window.index(np.zeros((1, 3), dtype=np.int64))[0])
    best[origin, entering] = 0.0
    last_move = np.full((len(cells), 2), -1)
    came_from = np.zeros((len(cells), 2), dtype=np.int64)
    wavefront = cells.sum(axis=1)
    order = np.argsort(wavefront, kind="stable")
    edges = np.searchsorted(wavefront[order], np.arange(wavefront.max() + 2))
    for front in range(1, len(edges) - 1):
        at = order[edges[front]: edges[front + 1]]
        columns = np.arange(len(at))
        left = best[before[:, at]]  # moves × cells × state left
        for state in (OTHER, GAP):
            from_other, from_gap = left[..., OTHER] + steps[state, OTHER], left[..., GAP] + steps[state, GAP]
            totals = np.maximum(from_other, from_gap) + gains[:, at]
            chosen = totals.argmax(axis=0)
            best[at, state] = totals[chosen, columns]
            last_move[at, state] = chosen
            came_from[at, state] = from_gap[chosen, columns] > from_other[chosen, columns]
    position = int(window.index(np.array([sizes]))[0])
    finals = best[position] - [bonus if after else 0.0, 0.0]  # a run after the window opens or continues
    state = int(finals.argmax())
    own = path[first:last]
    if not finals[state] > _total(scorer, own, lang, active, entering, after, bonus) + 1e-9:
        return own
    found = []
    while position != origin:
        move = int(last_move[position, state])
        position, state = int(before[move, position]), int(came_from[position, state])
        found.append((tuple(int(x) for x in cells[position] + start), moves[move]))
    return found[::-1]


def _last_kind(beads: Path, lang: int, active: Sequence[int]) -> int:
    """The kind of the last bead of ``beads`` that is not neutral (:data:`OTHER` if none)."""
    for _, move in reversed(beads):
        kind = int(bead_kinds(np.array(move.value), lang, active)[0])
        if kind != NEUTRAL:
            return kind
    return OTHER


def _total(scorer, beads: Path, lang: int, active: Sequence[int], entering: int, after: bool, bonus: float) -> float:
    """The objective over ``beads``: their scores and the gap-run term."""
    scores = scorer.scores(np.array([cell for cell, _ in beads]), np.array([move.value for _, move in beads]))
    return float(scores.sum()) + gap_term(beads, lang, active, bonus, entering, after)
