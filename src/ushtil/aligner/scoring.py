"""From features to numbers the dynamic programme adds up: pair log-odds and bead scores.

A bead's score is the sum, over the language pairs it links, of the log-odds that the two sides
translate each other (:class:`PairModel`), plus log-priors for merges, missing sentences and
paragraph breaks (:class:`Priors`). All weights live in ``data/weights.toml``.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .features import FEATURES, PairContext, PairEvidence, feature_vector
from .profile import ProfileCache, TextProfile


@dataclass(frozen=True)
class Priors:
    """Log-penalties of the bead types and of beads that ignore paragraph breaks."""

    merge: float
    missing: float
    paragraph: float
    #: per sentence beyond the first in the bead's longest side (two 1-1 beads beat one 2-2 bead)
    size: float = 0.0
    #: per sentence beyond the first in the bead's shortest side: 2-2-2 is more often two 1-1-1
    #: beads than one bead (overlapping merges are rare)
    split: float = 0.0
    #: per language pair with one sentence on one side and none on the other, times the log-odds
    #: (when positive) that the other language's neighbouring sentence holds its translation after
    #: all (a merge there, not a missing sentence): a strong pair left in a bead must not hide a merge
    contained: float = 0.0


@dataclass(frozen=True)
class Calibration:
    """Turns a bead's mean pair log-odds into the probability that the bead is right: beads that
    leave a language out or merge sentences are wrong more often than 1-1-1 beads of equal
    log-odds (fitted on NTREX beads by bench/fit_align_weights.py, like the weights)."""

    bias: float = 0.0
    log_odds: float = 1.0
    missing: float = 0.0
    merged: float = 0.0

    def probability(self, mean_log_odds: float, missing: bool, merged: bool) -> float:
        return probability(self.bias + self.log_odds * mean_log_odds + self.missing * missing + self.merged * merged)


@dataclass(frozen=True)
class Settings:
    """The aligner's weights, as read from ``data/weights.toml``."""

    priors: Priors
    length_spread: dict[str, float]
    #: "en-kk" → (bias, weights in :data:`FEATURES` order), with a learned lexicon
    pair_weights: dict[str, tuple[float, tuple[float, ...]]]
    #: the same without a lexicon (a first pass, or a text too small to learn from)
    first_pass_weights: dict[str, tuple[float, tuple[float, ...]]]
    calibration: Calibration = Calibration()


@cache
def default_settings() -> Settings:
    text = resources.files(__package__).joinpath("data", "weights.toml").read_text(encoding="utf-8")
    return settings_from_dict(tomllib.loads(text))


def _weights(tables: dict) -> dict[str, tuple[float, tuple[float, ...]]]:
    return {
        pair: (float(table["bias"]), tuple(float(table.get(name, 0.0)) for name in FEATURES))
        for pair, table in tables.items()
    }


def settings_from_dict(data: dict) -> Settings:
    return Settings(
        priors=Priors(**{key: float(value) for key, value in data["priors"].items()}),
        length_spread={pair: float(value) for pair, value in data["length"]["spread"].items()},
        pair_weights=_weights(data["pairs"]),
        first_pass_weights=_weights(data.get("first_pass", data["pairs"])),
        calibration=Calibration(**{key: float(value) for key, value in data.get("calibration", {}).items()}),
    )


#: Cached pair scores before the cache is emptied (bounded memory on long texts).
MAX_CACHED_PAIRS = 200_000
#: Log-odds below which a pair is not worth the remaining features (no evidence lifts it back).
HOPELESS = -12.0


@dataclass
class PairModel:
    """Log-odds that a side in language ``a`` and one in language ``b`` translate each other."""

    a: str
    b: str
    bias: float
    weights: tuple[float, ...]
    context: PairContext

    def log_odds(self, x: TextProfile, y: TextProfile) -> float:
        """Bias plus weighted features; the length feature comes first, and a pair whose lengths
        alone rule it out (below :data:`HOPELESS`) is not examined further."""
        total = self.bias
        evidence = PairEvidence(x, y, self.context)
        for weight, feature in zip(self.weights, FEATURES.values(), strict=True):
            if weight:
                total += weight * feature.value(evidence)
                if total < HOPELESS:
                    return total
        return total


def type_prior_counts(counts: tuple[int, ...]) -> dict[str, int]:
    """How often a bead of this type is charged each :class:`Priors` penalty."""
    longest = max(counts)
    present = [n for n in counts if n]
    return {
        "merge": sum(longest - n for n in present),
        "missing": (len(counts) - len(present)) * longest,
        "size": longest - 1,
        "split": min(present) - 1,
    }


def probability(log_odds: float) -> float:
    if log_odds < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-log_odds))


@dataclass
class BeadScorer:
    """Scores of candidate beads over the sentences of each language (cached per pair of spans)."""

    langs: tuple[str, ...]
    spans: dict[str, ProfileCache]
    pairs: list[PairModel]
    priors: Priors
    #: per language, the sentence indices that open a paragraph (empty: no paragraph information)
    paragraph_starts: dict[str, frozenset[int]] = field(default_factory=dict)
    _pair_cache: dict[tuple, float] = field(default_factory=dict)
    _prior_cache: dict[tuple[int, ...], float] = field(default_factory=dict)

    def __post_init__(self):
        self._pair_slots = [(pair, self.langs.index(pair.a), self.langs.index(pair.b)) for pair in self.pairs]
        self._starts = [self.paragraph_starts.get(lang) for lang in self.langs]

    def pair_log_odds(self, pair: PairModel, span_a: tuple[int, int], span_b: tuple[int, int]) -> float:
        key = (pair.a, pair.b, span_a, span_b)
        found = self._pair_cache.get(key)
        if found is None:
            found = pair.log_odds(self.spans[pair.a].span(*span_a), self.spans[pair.b].span(*span_b))
            if len(self._pair_cache) >= MAX_CACHED_PAIRS:
                self._pair_cache.clear()
            self._pair_cache[key] = found
        return found

    def score(self, start: tuple[int, ...], counts: tuple[int, ...]) -> float:
        """Score of the bead taking ``counts[l]`` sentences of language l from ``start[l]`` on."""
        total = self._prior_cache.get(counts)
        if total is None:
            total = self._prior_cache[counts] = self.type_prior(counts)
        if self.paragraph_starts:
            total -= self.priors.paragraph * self._paragraph_conflicts(start, counts)
        for pair, ia, ib in self._pair_slots:
            na, nb = counts[ia], counts[ib]
            if na and nb:
                sa, sb = start[ia], start[ib]
                total += self.pair_log_odds(pair, (sa, sa + na), (sb, sb + nb))
            elif self.priors.contained and na + nb == 1:
                present, absent = (ia, ib) if na else (ib, ia)
                total -= self.priors.contained * max(0.0, self._contained(pair, present, absent, start))
        return total

    def _contained(self, pair: PairModel, present: int, absent: int, start: tuple[int, ...]) -> float:
        """Best log-odds that the bead's one sentence in one language of ``pair``, joined with its next
        (previous) sentence in the same paragraph, translates the other language's sentence just after
        (before) the bead: a sentence merged into a neighbour looks missing, and pairs strongly with
        the rest of the bead. (Those 2-1 pairs are the ones the programme scores anyway: cached.)"""
        s, j = start[present], start[absent]
        breaks = self._starts[present] or frozenset()
        merges = []
        if (
            s + 1 < len(self.spans[self.langs[present]].sentences)
            and j < len(self.spans[self.langs[absent]].sentences)
            and s + 1 not in breaks
        ):
            merges.append({present: (s, s + 2), absent: (j, j + 1)})
        if s > 0 and j > 0 and s not in breaks:
            merges.append({present: (s - 1, s + 1), absent: (j - 1, j)})
        a, b = self.langs.index(pair.a), self.langs.index(pair.b)
        return max((self.pair_log_odds(pair, spans[a], spans[b]) for spans in merges), default=0.0)

    def type_prior(self, counts: tuple[int, ...]) -> float:
        """Log-prior of a bead type: merges and missing sentences are rarer than 1-1-1."""
        return -sum(getattr(self.priors, name) * n for name, n in type_prior_counts(counts).items())

    def bead_features(
        self, start: tuple[int, ...], counts: tuple[int, ...]
    ) -> tuple[dict[str, list[float]], dict[str, float]]:
        """What :meth:`score` adds up, before weighting: the feature vector of each pair the bead
        links ("en-kk" → values in :data:`FEATURES` order), and how often each prior is charged
        (negative: a penalty). A structured fit moves the weights along these."""
        pairs = {}
        charged = {name: -float(n) for name, n in type_prior_counts(counts).items()}
        charged["paragraph"] = -float(self._paragraph_conflicts(start, counts))
        charged["contained"] = 0.0
        for pair, ia, ib in self._pair_slots:
            na, nb = counts[ia], counts[ib]
            if na and nb:
                sa, sb = start[ia], start[ib]
                x, y = self.spans[pair.a].span(sa, sa + na), self.spans[pair.b].span(sb, sb + nb)
                pairs[f"{pair.a}-{pair.b}"] = feature_vector(x, y, pair.context)
            elif na + nb == 1:
                present, absent = (ia, ib) if na else (ib, ia)
                charged["contained"] -= max(0.0, self._contained(pair, present, absent, start))
        return pairs, charged

    def _paragraph_conflicts(self, start: tuple[int, ...], counts: tuple[int, ...]) -> int:
        """Languages disagreeing on whether the bead opens a paragraph, plus breaks inside the bead."""
        opening = closing = conflicts = 0
        for starts, s, n in zip(self._starts, start, counts, strict=True):
            if not n or not starts:
                continue
            if s in starts:
                opening += 1
            else:
                closing += 1
            for i in range(s + 1, s + n):
                conflicts += i in starts
        return conflicts + min(opening, closing)
