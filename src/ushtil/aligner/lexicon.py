"""A translation lexicon learned from the corpus being aligned: align, count, realign.

Word stems that keep appearing in the two sides of the same beads (and rarely apart) are
probably translations (Dice association). Every bead linking the pair counts, whatever its score:
the bead scores are calibrated for reviewers, and a cut on them changes the lexicon (on NTREX dev,
a cut at 0.6 of the calibrated scores lowered null F1 by 0.02-0.05; before, it left 1 bead in 415
out). The lexicon then gives the pair model one more feature (:class:`~.features.LexiconCoverage`)
for a second alignment pass. It needs enough text to count on: below :data:`MIN_BEADS` linked
beads per pair nothing is learned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

import numpy as np

from ..engine import Engine, aside
from ..errors import UshtilError
from ..model import Alignment, Bead
from .profile import stems

#: Linked beads a pair needs before a lexicon is learned for it.
MIN_BEADS = 150
#: A stem pair must co-occur this often and reach this Dice coefficient.
MIN_COOCCURRENCE = 3
MIN_DICE = 0.4
#: Stems in more than this share of beads (function words) carry no evidence.
MAX_SHARE = 0.2
#: At most this many translations are kept per stem.
MAX_TRANSLATIONS = 3


def learn_lexicon(alignments: Iterable[Alignment], pairs: Iterable[tuple[str, str]],
                  engine: Engine | None = None) -> dict[str, dict[str, set[str]]]:
    """Learned translations per direction ("en-kk" and "kk-en": stem → stems) from the linked beads.
    With a parallel ``engine`` the last pair is learned on a forked worker while this process learns
    the others (each pair on its own, the same lexicon: between a corpus's two passes, the step
    every worker waits for)."""
    beads = [(alignment.sentences, bead) for alignment in alignments for bead in alignment.beads]
    pairs = list(pairs)
    with aside(_pairs_lexicon, pairs[-1:], engine=engine.local() if engine is not None and len(pairs) > 1 else None,
               shared=beads) as last:
        learned = _pairs_lexicon(pairs[:-1], beads)
        found = last()
    if not found.ok:
        raise UshtilError(f"learning the lexicon: {found.error}")
    learned.update(found.value)
    return {direction: learned[direction] for a, b in pairs for direction in (f"{a}-{b}", f"{b}-{a}")
            if direction in learned}


def _pairs_lexicon(pairs: list[tuple[str, str]], beads: list[tuple[dict[str, list[str]], Bead]]
                   ) -> dict[str, dict[str, set[str]]]:
    """:func:`learn_lexicon` of the given pairs from ``beads`` (each with its alignment's sentences)."""
    lexicon: dict[str, dict[str, set[str]]] = {}
    for a, b in pairs:
        sides = [  # a side's stems are its sentences' (words do not run across sentences)
            (_side_stems(sentences[a], bead.sentences[a]), _side_stems(sentences[b], bead.sentences[b]))
            for sentences, bead in beads
            if bead.sentences.get(a) and bead.sentences.get(b)
        ]
        if len(sides) < MIN_BEADS:
            continue
        lexicon[f"{a}-{b}"], lexicon[f"{b}-{a}"] = _associate(sides)
    return lexicon


def _side_stems(sentences: list[str], indices: list[int]) -> frozenset[str]:
    return frozenset().union(*(stems(sentences[i]) for i in indices))


def _associate(sides: list[tuple[frozenset[str], frozenset[str]]]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Stem pairs that co-occur in at least MIN_COOCCURRENCE beads with a Dice coefficient of at
    least MIN_DICE (stems in more than MAX_SHARE of the beads left out), counted with numpy: the
    translations of the a stems, and those of the b stems (the same pairs, counted once)."""
    limit = MAX_SHARE * len(sides)
    count_a: Counter = Counter()
    count_b: Counter = Counter()
    for stems_a, stems_b in sides:
        count_a.update(stems_a)
        count_b.update(stems_b)
    names_a = [stem for stem, n in count_a.items() if n <= limit]
    names_b = [stem for stem, n in count_b.items() if n <= limit]
    ids_a = {stem: i for i, stem in enumerate(names_a)}
    ids_b = {stem: i for i, stem in enumerate(names_b)}
    side_a = [[ids_a[s] for s in stems_a if s in ids_a] for stems_a, _ in sides]
    side_b = [[ids_b[s] for s in stems_b if s in ids_b] for _, stems_b in sides]
    if not sides:
        return {}, {}
    # every (a, b) pair of each bead: each a stem repeated once per b stem of its bead
    width = np.array(list(map(len, side_b)))
    first_b = np.concatenate([[0], np.cumsum(width)])
    a = np.fromiter(chain.from_iterable(side_a), dtype=np.int64)
    b = np.fromiter(chain.from_iterable(side_b), dtype=np.int64)
    bead = np.repeat(np.arange(len(sides)), list(map(len, side_a)))
    owner = np.repeat(np.arange(len(a)), width[bead])
    at = np.arange(len(owner)) - np.repeat(np.cumsum(width[bead]) - width[bead], width[bead]) + first_b[bead[owner]]
    pairs, together = np.unique(a[owner] * len(names_b) + b[at], return_counts=True)
    x, y = np.divmod(pairs, max(len(names_b), 1))
    totals_a = np.array([count_a[s] for s in names_a], dtype=float)
    totals_b = np.array([count_b[s] for s in names_b], dtype=float)
    dice = 2 * together / (totals_a[x] + totals_b[y]) if len(pairs) else np.zeros(0)
    kept = np.flatnonzero((together >= MIN_COOCCURRENCE) & (dice >= MIN_DICE))
    forward = _best_translations(kept, x, y, dice, names_a, names_b)
    backward = _best_translations(kept[np.lexsort((x[kept], y[kept]))], y, x, dice, names_b, names_a)
    return forward, backward


def _best_translations(kept: np.ndarray, x: np.ndarray, y: np.ndarray, dice: np.ndarray, names_x: list[str],
                       names_y: list[str]) -> dict[str, set[str]]:
    """Per stem x (in the order of ``kept``), its MAX_TRANSLATIONS stems y of the highest Dice."""
    candidates: dict[str, list[tuple[float, str]]] = {}
    for a, b, score in zip(x[kept].tolist(), y[kept].tolist(), dice[kept].tolist(), strict=True):  # plain numbers
        candidates.setdefault(names_x[a], []).append((score, names_y[b]))
    return {a: {b for _, b in sorted(found, reverse=True)[:MAX_TRANSLATIONS]} for a, found in candidates.items()}
