"""Training-case augmentation for the structured fit: more deletions and merges of the benchmark's kind.

The NTREX dev split has only 45 deleted sentences in 19 cases, so a fold's structured fit
(``fit_align_weights.structured_fit``) sees about twenty gold "missing" beads per language pair,
and what it learns about them depends on the order it meets them in. A *variant* of a training
case is the case with the benchmark's perturbations (``../shared/bench/ntrex-dev/README.md``)
applied once more on top of its gold:

* a deletion: one language loses its sentences in a run of consecutive beads (never the first
  bead; the run's length drawn, or the longest that fits below it), each bead's side in that
  language becoming ``[]``; a bead qualifies if that language has a side in it, at least two
  languages keep theirs (the benchmark never drops one sentence from two languages) and at most
  one kept side holds more than one line (so the bead stays minimal);
* merges: per language, two adjacent beads that are both 1-1-1 become one bead whose line in that
  language is the two lines joined by one space (as the benchmark merges; never across a gap).

Variants are made only from the cases a fit is given (a fold's training cases), so no variant of
a held-out case enters its fold's fit. Generation is deterministic: the variant is drawn from a
generator seeded by the fit's seed, the structured fit's run and epoch, and the case's name.
A variant keeps its case's name: the length ratios measured on the case's first pass stand for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from ntrex_cases import LANGS, Case


@dataclass(frozen=True)
class Augmentation:
    """How variants are drawn: the length range of the deleted run (in beads), the chance that two
    adjacent 1-1-1 beads are merged in one language, whether a case that has a deletion keeps it as
    its only one (``single``: as in the benchmark, at most one per case), and the chance that the
    bead next to the deleted run merges in a third language (``partial``: that merged line's bead
    then holds a sentence whose translation is missing, the partial translations that the aligner
    calls missing). With ``resample`` the case's own deleted beads are first dropped from every
    language (the text reads on as if they had never been written) and the new run is deleted with
    the chance ``deletion``: the variant holds deletions as often as the benchmark's cases do (0.5),
    in new places and languages. (Every variant with one more deletion, as often as the fit meets
    the case itself, lowered the fitted ``missing`` prior by 0.4-0.6 and made false "missing" beads.)"""

    shortest: int = 1
    longest: int = 3
    merge: float = 0.06
    single: bool = False
    partial: float = 0.0
    resample: bool = False
    deletion: float = 1.0


#: Named settings (``--augment``); ``none``: the cases as they are (shipped). Cross-validated figures of
#: ``short``, ``long``, ``single`` and ``resample`` in the README's Benchmark section; ``partial`` not yet measured.
AUGMENTATIONS = {
    "none": None,
    "short": Augmentation(1, 3, 0.06),
    "long": Augmentation(4, 10, 0.06),
    "single": Augmentation(1, 3, 0.0, single=True),
    "partial": Augmentation(1, 3, 0.0, single=True, partial=0.5),
    "resample": Augmentation(1, 3, 0.0, resample=True, deletion=0.5),
}


def _texts(case: Case) -> list[dict[str, list[str]]]:
    """The gold beads with the lines' texts in place of their indices."""
    for lang in LANGS:
        order = [i for bead in case.gold for i in bead[lang]]
        if order != list(range(len(case.lines[lang]))):
            raise ValueError(f"{case.name}: the {lang} lines are not in gold bead order")
    return [{lang: [case.lines[lang][i] for i in bead[lang]] for lang in LANGS} for bead in case.gold]


def _deletable(bead: dict[str, list[str]], lang: str) -> bool:
    kept = [len(bead[other]) for other in LANGS if other != lang and bead[other]]
    return bool(bead[lang]) and len(kept) >= 2 and sum(n > 1 for n in kept) <= 1


def _one_each(bead: dict[str, list[str]]) -> bool:
    return all(len(bead[lang]) == 1 for lang in LANGS)


def _partial(beads: list[dict[str, list[str]]], start: int, run: int, lang: str,
             rng: np.random.Generator) -> list[dict[str, list[str]]]:
    """``beads`` with the deleted run's first (or last) bead joined to the full 1-1-1 bead before (or
    after) it by a merge in one of the other languages, where both beads held one line a side."""
    edges = [(start - 1, start), (start + run - 1, start + run)]
    edges = [(a, b) for a, b in edges if b < len(beads) and all(
        len(beads[k][other]) == 1 for k in (a, b) for other in LANGS if other != lang)
        and all(len(beads[k][lang]) == 1 for k in (a, b) if not start <= k < start + run)]
    if not edges:
        return beads
    a, b = edges[rng.integers(len(edges))]
    joined = [other for other in LANGS if other != lang][rng.integers(2)]
    bead = {other: beads[a][other] + beads[b][other] for other in LANGS}
    bead[joined] = [" ".join(bead[joined])]
    return [*beads[:a], bead, *beads[b + 1 :]]


def variant(case: Case, rng: np.random.Generator, augmentation: Augmentation) -> Case:
    """``case`` with one more deleted run (where one fits) and merges drawn from ``rng``."""
    beads = _texts(case)
    if augmentation.resample:
        beads = [bead for bead in beads if all(bead.values())]
    lang = LANGS[rng.integers(len(LANGS))]
    drawn = int(rng.integers(augmentation.shortest, augmentation.longest + 1))
    for run in range(drawn, augmentation.shortest - 1, -1):  # the longest run up to the drawn one that fits
        starts = [s for s in range(1, len(beads) - run + 1) if all(_deletable(b, lang) for b in beads[s : s + run])]
        if starts:
            break
    if augmentation.single and any(not side for bead in beads for side in bead.values()):
        starts = []
    if augmentation.deletion < 1 and rng.random() >= augmentation.deletion:  # (no draw: the stream as before)
        starts = []
    if starts:
        start = starts[rng.integers(len(starts))]
        for bead in beads[start : start + run]:
            bead[lang] = []
        if rng.random() < augmentation.partial:
            beads = _partial(beads, start, run, lang, rng)
    for joined in LANGS:
        merged = [beads[0]]
        for bead in beads[1:]:
            if _one_each(merged[-1]) and _one_each(bead) and rng.random() < augmentation.merge:
                before = merged[-1]
                merged[-1] = {other: before[other] + bead[other] for other in LANGS}
                merged[-1][joined] = [before[joined][0] + " " + bead[joined][0]]
            else:
                merged.append(bead)
        beads = merged
    lines = {lang: [text for bead in beads for text in bead[lang]] for lang in LANGS}
    gold, seen = [], dict.fromkeys(LANGS, 0)
    for bead in beads:
        gold.append({lang: list(range(seen[lang], seen[lang] + len(bead[lang]))) for lang in LANGS})
        for lang in LANGS:
            seen[lang] += len(bead[lang])
    return Case(case.name, lines, {lang: " ".join(lines[lang]) for lang in LANGS}, gold)


def seeded_variant(case: Case, augmentation: Augmentation, *keys: int) -> Case:
    """The variant of ``case`` drawn from a generator seeded by ``keys`` (fit seed, run, epoch) and
    the case's name: the same keys, the same variant."""
    name = int(hashlib.sha1(case.name.encode()).hexdigest()[:12], 16)
    return variant(case, np.random.default_rng([*keys, name]), augmentation)
