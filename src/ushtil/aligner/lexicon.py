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

import numpy as np

from ..model import Alignment
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


def learn_lexicon(alignments: Iterable[Alignment], pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, set[str]]]:
    """Learned translations per direction ("en-kk" and "kk-en": stem → stems) from the linked beads."""
    beads = [(alignment.sentences, bead) for alignment in alignments for bead in alignment.beads]
    lexicon: dict[str, dict[str, set[str]]] = {}
    for a, b in pairs:
        sides = [  # a side's stems are its sentences' (words do not run across sentences)
            (_side_stems(sentences[a], bead.sentences[a]), _side_stems(sentences[b], bead.sentences[b]))
            for sentences, bead in beads
            if bead.sentences.get(a) and bead.sentences.get(b)
        ]
        if len(sides) < MIN_BEADS:
            continue
        lexicon[f"{a}-{b}"] = _associate(sides)
        lexicon[f"{b}-{a}"] = _associate([(y, x) for x, y in sides])
    return lexicon


def _side_stems(sentences: list[str], indices: list[int]) -> frozenset[str]:
    return frozenset().union(*(stems(sentences[i]) for i in indices))


def _associate(sides: list[tuple[frozenset[str], frozenset[str]]]) -> dict[str, set[str]]:
    """Stem pairs that co-occur in at least MIN_COOCCURRENCE beads with a Dice coefficient of at
    least MIN_DICE (stems in more than MAX_SHARE of the beads left out), counted with numpy."""
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
    keys = []
    for stems_a, stems_b in sides:
        a = np.array([ids_a[s] for s in stems_a if s in ids_a], dtype=np.int64)
        b = np.array([ids_b[s] for s in stems_b if s in ids_b], dtype=np.int64)
        keys.append((a[:, None] * len(names_b) + b[None, :]).ravel())
    if not keys:
        return {}
    pairs, together = np.unique(np.concatenate(keys), return_counts=True)
    x, y = np.divmod(pairs, max(len(names_b), 1))
    totals_a = np.array([count_a[s] for s in names_a], dtype=float)
    totals_b = np.array([count_b[s] for s in names_b], dtype=float)
    dice = 2 * together / (totals_a[x] + totals_b[y]) if len(pairs) else np.zeros(0)
    kept = np.flatnonzero((together >= MIN_COOCCURRENCE) & (dice >= MIN_DICE))
    candidates: dict[str, list[tuple[float, str]]] = {}
    for at in kept:
        candidates.setdefault(names_a[x[at]], []).append((float(dice[at]), names_b[y[at]]))
    return {a: {b for _, b in sorted(found, reverse=True)[:MAX_TRANSLATIONS]} for a, found in candidates.items()}
