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
    from scipy import sparse  # noqa: F401 (loaded before the worker forks: it inherits it, not loads it again)

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
    sides_of: dict[str, list[frozenset[str] | None]] = {}  # each language's bead sides once, for both its pairs
    for a, b in pairs:
        for lang in (a, b):
            if lang not in sides_of:  # a side's stems are its sentences' (words do not run across sentences)
                sides_of[lang] = [_side_stems(sentences[lang], bead.sentences[lang]) if bead.sentences.get(lang)
                                  else None for sentences, bead in beads]
        sides = [(side_a, side_b) for side_a, side_b in zip(sides_of[a], sides_of[b], strict=True)
                 if side_a is not None and side_b is not None]
        if len(sides) < MIN_BEADS:
            continue
        lexicon[f"{a}-{b}"], lexicon[f"{b}-{a}"] = _associate(sides)
    return lexicon


def _side_stems(sentences: list[str], indices: list[int]) -> frozenset[str]:
    if len(indices) == 1:  # most sides: the sentence's own (cached) stems, not a copy of them
        return stems(sentences[indices[0]])
    return frozenset().union(*(stems(sentences[i]) for i in indices))


def _associate(sides: list[tuple[frozenset[str], frozenset[str]]]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Stem pairs that co-occur in at least MIN_COOCCURRENCE beads with a Dice coefficient of at
    least MIN_DICE (stems in more than MAX_SHARE of the beads left out): the translations of the a
    stems, and those of the b stems (the same pairs, counted once). The beads each pair shares are
    counted as one sparse product of the beads' stem incidences, in pair order (a stem, then b
    stem): on the 1,000-article corpus, expanding every bead's pairs and sorting them took
    0.45-0.75 s of CPU per language pair, the product and the counts 0.13-0.35 s."""
    if not sides:
        return {}, {}
    limit = MAX_SHARE * len(sides)
    names_a, totals_a, beads_a = _incidence([side for side, _ in sides], limit)
    names_b, totals_b, beads_b = _incidence([side for _, side in sides], limit)
    together = (beads_a.T.tocsr() @ beads_b).tocsr()
    together.sort_indices()
    x = np.repeat(np.arange(len(names_a)), np.diff(together.indptr))
    y = together.indices.astype(np.int64)
    counts = together.data
    dice = 2 * counts / (totals_a[x] + totals_b[y]) if len(counts) else np.zeros(0)
    kept = np.flatnonzero((counts >= MIN_COOCCURRENCE) & (dice >= MIN_DICE))
    forward = _best_translations(kept, x, y, dice, names_a, names_b)
    backward = _best_translations(kept[np.lexsort((x[kept], y[kept]))], y, x, dice, names_b, names_a)
    return forward, backward


def _incidence(sides: list[frozenset[str]], limit: float) -> tuple[list[str], np.ndarray, object]:
    """The stems of one language's bead sides held by at most ``limit`` of them, in the order first
    seen; how many sides hold each; and which sides hold which (a 0/1 CSR matrix, one row per side,
    one column per stem)."""
    from scipy import sparse  # here: learning needs a corpus; a run over a few texts never loads scipy

    seen = list(dict.fromkeys(chain.from_iterable(sides)))
    column = np.fromiter(map({stem: n for n, stem in enumerate(seen)}.__getitem__, chain.from_iterable(sides)),
                         dtype=np.int64)
    counts = np.bincount(column, minlength=len(seen))
    wanted = counts <= limit
    renumbered = np.cumsum(wanted) - 1
    row = np.repeat(np.arange(len(sides)), list(map(len, sides)))
    held = wanted[column]
    matrix = sparse.csr_matrix((np.ones(int(held.sum()), dtype=np.int64), (row[held], renumbered[column[held]])),
                               shape=(len(sides), int(wanted.sum())))
    names = [stem for stem, keep in zip(seen, wanted.tolist(), strict=True) if keep]
    return names, counts[wanted].astype(float), matrix


def _best_translations(kept: np.ndarray, x: np.ndarray, y: np.ndarray, dice: np.ndarray, names_x: list[str],
                       names_y: list[str]) -> dict[str, set[str]]:
    """Per stem x (in the order of ``kept``), its MAX_TRANSLATIONS stems y of the highest Dice."""
    candidates: dict[str, list[tuple[float, str]]] = {}
    for a, b, score in zip(x[kept].tolist(), y[kept].tolist(), dice[kept].tolist(), strict=True):  # plain numbers
        candidates.setdefault(names_x[a], []).append((score, names_y[b]))
    return {a: {b for _, b in sorted(found, reverse=True)[:MAX_TRANSLATIONS]} for a, found in candidates.items()}
