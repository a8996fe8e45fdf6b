"""A translation lexicon learned from the corpus being aligned: align, count, realign.

Word stems that keep appearing in the two sides of the same confident beads (and rarely apart)
are probably translations (Dice association). The lexicon then gives the pair model one more
feature (:class:`~.features.LexiconCoverage`) for a second alignment pass. It needs enough text
to count on: below :data:`MIN_BEADS` linked beads per pair nothing is learned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..model import Alignment
from .profile import profile_text

#: Linked beads a pair needs before a lexicon is learned for it.
MIN_BEADS = 150
#: Beads below this score are not counted.
MIN_SCORE = 0.6
#: A stem pair must co-occur this often and reach this Dice coefficient.
MIN_COOCCURRENCE = 3
MIN_DICE = 0.4
#: Stems in more than this share of beads (function words) carry no evidence.
MAX_SHARE = 0.2
#: At most this many translations are kept per stem.
MAX_TRANSLATIONS = 3


def learn_lexicon(alignments: Iterable[Alignment], pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, set[str]]]:
    """Learned translations per direction ("en-kk" and "kk-en": stem → stems) from confident beads."""
    beads = [bead for alignment in alignments for bead in alignment.beads if bead.score >= MIN_SCORE]
    lexicon: dict[str, dict[str, set[str]]] = {}
    for a, b in pairs:
        sides = [
            (profile_text(bead.text[a], a).stems, profile_text(bead.text[b], b).stems)
            for bead in beads
            if bead.sentences.get(a) and bead.sentences.get(b)
        ]
        if len(sides) < MIN_BEADS:
            continue
        lexicon[f"{a}-{b}"] = _associate(sides)
        lexicon[f"{b}-{a}"] = _associate([(y, x) for x, y in sides])
    return lexicon


def _associate(sides: list[tuple[set[str], set[str]]]) -> dict[str, set[str]]:
    limit = MAX_SHARE * len(sides)
    count_a: Counter = Counter()
    count_b: Counter = Counter()
    for stems_a, stems_b in sides:
        count_a.update(stems_a)
        count_b.update(stems_b)
    together: Counter = Counter()
    for stems_a, stems_b in sides:
        kept_a = [s for s in stems_a if count_a[s] <= limit]
        kept_b = [s for s in stems_b if count_b[s] <= limit]
        together.update((x, y) for x in kept_a for y in kept_b)
    candidates: dict[str, list[tuple[float, str]]] = {}
    for (x, y), count in together.items():
        if count < MIN_COOCCURRENCE:
            continue
        dice = 2 * count / (count_a[x] + count_b[y])
        if dice >= MIN_DICE:
            candidates.setdefault(x, []).append((dice, y))
    return {x: {y for _, y in sorted(found, reverse=True)[:MAX_TRANSLATIONS]} for x, found in candidates.items()}
