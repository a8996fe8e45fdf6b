"""Similarity features between bead sides in two languages: one family, one registry, one definition.

Evidence is counted once per sentence (a side's characters, numbers, names, n-grams, …) and once per
sentence *pair* (what two sentences share); a bead side of two or three sentences adds its
sentences' counts up, so any number of candidate sides is scored at once with numpy arrays.
Every :class:`Feature` turns those sums into one column of values; the pair model's log-odds are
``bias + features @ weights`` (:class:`~.scoring.PairModel`), the only definition of a pair score.
Adding evidence means adding a subclass here with ``@register``; the registry is the one list.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

import numpy as np

from .profile import PUNCTUATION_COUNT, SentenceProfile, bigrams

#: Characters added to both lengths, so that very short sentences do not give extreme ratios.
LENGTH_SMOOTHING = 8.0
#: Counts are capped here: the fifth shared number says little more than the fourth.
COUNT_CAP = 4.0
#: Share of a name's letter bigrams (of its first :data:`NAME_STEM` letters) that a word must have
#: to count as the same name: Kazakh and Russian add case endings and spell foreign names by ear
#: (Kavanaugh ~ Каваноны).
NAME_MATCH = 0.6
NAME_STEM = 7


@dataclass(eq=False)
class PairContext:
    """What the features know about a language pair beyond the two texts."""

    #: expected log(length_b / length_a) and its spread
    length_mean: float = 0.0
    length_spread: float = 0.25
    #: known term pairs (glossary): the stems of side a, the stems of side b
    terms: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    #: learned translations: stem of side a → stems of side b, and back
    lexicon: dict[str, set[str]] = field(default_factory=dict)
    reverse_lexicon: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Sums:
    """Evidence summed over many candidate pairs of sides: ``a``/``b`` per side (one value per
    candidate, or a row of values), ``shared`` over the sentence pairs of each candidate."""

    a: dict[str, np.ndarray]
    b: dict[str, np.ndarray]
    shared: dict[str, np.ndarray]
    context: PairContext


class Feature(ABC):
    """One kind of evidence that two sides translate each other."""

    name: ClassVar[str]
    #: what the feature reads: side counts and shared counts (keys of :data:`SIDE_COUNTS` and
    #: :data:`SHARED_COUNTS`)
    sides: ClassVar[tuple[str, ...]] = ()
    shared: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def values(self, sums: Sums) -> np.ndarray:
        """One number per candidate, growing (or shrinking, as the weight says) with the evidence."""


#: Feature name → feature; the order is the order of the weight vectors.
FEATURES: dict[str, Feature] = {}


def register(cls: type[Feature]) -> type[Feature]:
    FEATURES[cls.name] = cls()
    return cls


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, 0 where bottom is 0, at most 1."""
    return np.minimum(np.divide(top, bottom, out=np.zeros(len(top)), where=bottom > 0), 1.0)


@register
class LengthFit(Feature):
    """How well the length ratio fits the pair's usual ratio (Gale-Church, on characters)."""

    name = "length"
    sides = ("chars",)

    def values(self, sums):
        ratio = np.log((sums.b["chars"] + LENGTH_SMOOTHING) / (sums.a["chars"] + LENGTH_SMOOTHING))
        z = (ratio - sums.context.length_mean) / sums.context.length_spread
        return -0.5 * np.minimum(z * z, 50.0)


@register
class SharedNumbers(Feature):
    """Numbers written on both sides, by value (6.8 = 6,8; 1,000 = 1 000)."""

    name = "numbers_shared"
    shared = ("numbers",)

    def values(self, sums):
        return np.minimum(sums.shared["numbers"], COUNT_CAP)


@register
class UnmatchedNumbers(Feature):
    """Numbers written on one side only."""

    name = "numbers_unmatched"
    sides = ("numbers",)
    shared = ("numbers",)

    def values(self, sums):
        unmatched = sums.a["numbers"] + sums.b["numbers"] - 2 * sums.shared["numbers"]
        return np.clip(unmatched, 0.0, COUNT_CAP)


@register
class SharedNames(Feature):
    """Names and acronyms that sound alike on both sides (after transliteration)."""

    name = "names_shared"
    shared = ("names",)

    def values(self, sums):
        return np.minimum(sums.shared["names"] / 2, COUNT_CAP)


@register
class NameShare(Feature):
    """Share of the names and acronyms of both sides that the other side has too (0 without names)."""

    name = "names_share"
    sides = ("names",)
    shared = ("names",)

    def values(self, sums):
        return _ratio(sums.shared["names"], sums.a["names"] + sums.b["names"])


@register
class CharacterNgrams(Feature):
    """Character trigram overlap of the sound keys (chrF-like): names, loanwords, shared roots."""

    name = "ngram_dice"
    sides = ("ngrams",)
    shared = ("ngrams",)

    def values(self, sums):
        return _ratio(2 * sums.shared["ngrams"], sums.a["ngrams"] + sums.b["ngrams"])


@register
class Cognates(Feature):
    """Share of longer words whose sound-key prefix the other side has too, averaged over both
    sides: loanwords and shared roots (республикалық ~ республиканцев, президент ~ president)."""

    name = "cognates"
    sides = ("cognates",)
    shared = ("cognates",)

    def values(self, sums):
        a, b, shared = sums.a["cognates"], sums.b["cognates"], sums.shared["cognates"]
        return np.where((a > 0) & (b > 0), (_ratio(shared, a) + _ratio(shared, b)) / 2, 0.0)


@register
class UnmatchedPunctuation(Feature):
    """Question and exclamation marks, colons, quotes, brackets, per cent signs on one side only."""

    name = "punctuation_unmatched"
    sides = ("punctuation",)

    def values(self, sums):
        difference = np.abs(sums.a["punctuation"] - sums.b["punctuation"]).sum(axis=1)
        return np.minimum(difference / 2, COUNT_CAP)


@register
class SharedTerms(Feature):
    """Glossary term pairs found on both sides."""

    name = "terms_shared"
    shared = ("terms",)

    def values(self, sums):
        return np.minimum(sums.shared["terms"], COUNT_CAP)


@register
class UnmatchedTerms(Feature):
    """Glossary terms found on one side while their translation is absent from the other."""

    name = "terms_unmatched"
    sides = ("terms",)
    shared = ("terms",)

    def values(self, sums):
        return np.clip(sums.a["terms"] + sums.b["terms"] - 2 * sums.shared["terms"], 0.0, COUNT_CAP)


@register
class LexiconCoverage(Feature):
    """Share of known words whose learned translation occurs on the other side, over both
    directions (0 without a lexicon)."""

    name = "lexicon_coverage"
    sides = ("known",)
    shared = ("lexicon",)

    def values(self, sums):
        return _ratio(sums.shared["lexicon"], sums.a["known"] + sums.b["known"])


@register
class LexiconMatches(Feature):
    """How many known words find their learned translation on the other side (more words, more
    certainty than a share of two)."""

    name = "lexicon_matches"
    shared = ("lexicon",)

    def values(self, sums):
        return np.minimum(sums.shared["lexicon"] / 2, 2 * COUNT_CAP)


@register
class LexiconMisses(Feature):
    """How many known words miss their learned translation on the other side."""

    name = "lexicon_misses"
    sides = ("known",)
    shared = ("lexicon",)

    def values(self, sums):
        missed = sums.a["known"] + sums.b["known"] - sums.shared["lexicon"]
        return np.clip(missed / 2, 0.0, 2 * COUNT_CAP)


@lru_cache(maxsize=65536)
def _name_bigrams(name: str) -> tuple[frozenset[str], float]:
    wanted = bigrams(name[:NAME_STEM])
    return wanted, NAME_MATCH * len(wanted)


def name_found(name: str, profile: SentenceProfile) -> bool:
    """Whether a word of ``profile`` sounds like ``name``: has :data:`NAME_MATCH` of the letter
    bigrams of its first :data:`NAME_STEM` letters (Kazakh and Russian add case endings; memoised
    per sentence)."""
    found = profile.name_memo.get(name)
    if found is None:
        if name in profile.keys:
            found = True
        else:
            wanted, need = _name_bigrams(name)
            found = len(wanted & profile.all_bigrams) >= need and any(
                len(wanted & bigrams(key)) >= need for key in profile.keys
            )
        profile.name_memo[name] = found
    return found


def overlap(a: Counter, b: Counter) -> int:
    """Size of the multiset intersection."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[item]) for item, count in a.items() if item in b)


@dataclass(eq=False)
class _Side:
    """One language's sentences with what the pair's context makes of them."""

    profiles: list[SentenceProfile]
    #: glossary terms (indices into the pair's term list) found in each sentence
    term_hits: list[frozenset[int]]
    #: stems of each sentence that the lexicon knows, and the other side's stems it translates
    known: list[frozenset[str]]
    covers: list[frozenset[str]]


def _term_hits(profiles: list[SentenceProfile], terms: list[tuple[str, ...]]) -> list[frozenset[int]]:
    """Indices of the terms whose every stem occurs in each sentence (an index by first stem keeps
    this linear in the text and the glossary)."""
    by_first: dict[str, list[int]] = {}
    for index, term in enumerate(terms):
        if term:
            by_first.setdefault(term[0], []).append(index)
    hits = []
    for profile in profiles:
        found = {
            index
            for word in profile.stems
            for index in by_first.get(word, ())
            if all(part in profile.stems for part in terms[index])
        }
        hits.append(frozenset(found))
    return hits


def _inverse(lexicon: dict[str, set[str]]) -> dict[str, set[str]]:
    inverse: dict[str, set[str]] = {}
    for source, targets in lexicon.items():
        for target in targets:
            inverse.setdefault(target, set()).add(source)
    return inverse


def _covered(profiles: list[SentenceProfile], inverse: dict[str, set[str]]) -> list[frozenset[str]]:
    return [frozenset(x for y in profile.stems for x in inverse.get(y, ())) for profile in profiles]


#: Counts over the words of a side that add up over its sentences (punctuation: a row per class).
ADDED_COUNTS = ("chars", "numbers", "punctuation")
#: Sets of a side (names, ngrams, cognates, glossary terms, words the lexicon knows, the other
#: side's words its words translate): a side of several sentences has their union, and two sides
#: share the intersection of their unions.
SETS = ("names", "ngrams", "cognates", "terms", "known", "covers")
#: Shared counts: the sets (or pairs of sets) intersected; numbers (by value) add up over the
#: sentence pairs of a candidate; names are found when a word of the other side sounds like them.
SHARED_COUNTS: dict[str, tuple[tuple[str, str], ...] | None] = {
    "numbers": None,
    "names": (("names", "names"),),
    "ngrams": (("ngrams", "ngrams"),),
    "cognates": (("cognates", "cognates"),),
    "terms": (("terms", "terms"),),
    "lexicon": (("known", "covers"), ("covers", "known")),
}
#: Shared counts that do not depend on the pair's context (glossary, lexicon).
CONTEXT_FREE = ("numbers", "names", "ngrams", "cognates")
#: A side of at most this many sentences.
MOST = 3


class _NewSets:
    """``new[d][i]``: what set i has that the d sets before it have not (made when first asked)."""

    def __init__(self, sets: list[frozenset]):
        self._parts = {0: sets}

    def __getitem__(self, d: int) -> list[frozenset]:
        part = self._parts.get(d)
        if part is None:
            sets = self._parts[0]
            part = self._parts[d] = [sets[i].difference(*sets[max(0, i - d) : i]) for i in range(len(sets))]
        return part


class PairEvidence:
    """The evidence between the sentences of two languages, for any candidate pairs of sides.

    A side of several sentences shares with the other side the intersection of the unions of its
    sentences' sets. The union is cut into disjoint parts, one per sentence: what the sentence has
    that the side's earlier sentences have not (its "new" set, for each number of earlier sentences
    in the side). The intersection of two unions is then the sum of the intersections of their
    parts, one per sentence pair: each is computed once, and candidates add them up."""

    def __init__(
        self, a: list[SentenceProfile], b: list[SentenceProfile], context: PairContext, memo: dict | None = None
    ):
        """``memo`` keeps what does not depend on the context (counts of numbers, names, n-grams and
        cognates, the parts of those sets) for the other pairs and another pass over the same
        sentences (a second pass with a learned lexicon); one memo per text section."""
        self.context = context
        terms_a = [term for term, _ in context.terms]
        terms_b = [term for _, term in context.terms]
        self.a = _Side(
            a, _term_hits(a, terms_a),
            [frozenset(s for s in p.stems if s in context.lexicon) for p in a],
            _covered(a, _inverse(context.reverse_lexicon)),
        )
        self.b = _Side(
            b, _term_hits(b, terms_b),
            [frozenset(s for s in p.stems if s in context.reverse_lexicon) for p in b],
            _covered(b, _inverse(context.lexicon)),
        )
        self._prefix: dict[tuple, np.ndarray] = {}
        self._new: dict[tuple[str, str], _NewSets] = {}
        #: shared counts found so far: name → (sentence pair, earlier sentences on each side) → value
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
        self._found = {name: empty for name in SHARED_COUNTS if name not in CONTEXT_FREE}
        self._memo = memo if memo is not None else {}
        pair = (a[0].lang if a else "a", b[0].lang if b else "b")
        self._counts = self._memo.setdefault(pair, {name: empty for name in CONTEXT_FREE})

    def _sets(self, which: str, name: str) -> list[frozenset]:
        side = getattr(self, which)
        if name == "terms":
            return side.term_hits
        if name in ("known", "covers"):
            return getattr(side, name)
        return [getattr(profile, name) for profile in side.profiles]

    def _new_sets(self, which: str, name: str) -> _NewSets:
        """``new[d][i]``: what sentence i's set has that the d sentences before it have not; each
        ``new[d]`` made when first asked (a guide pass asks only for d = 0), and kept in the memo
        for the sets that do not depend on the context (both pairs of a language and both passes
        use them)."""
        side = getattr(self, which)
        key = (side.profiles[0].lang if side.profiles else which, name)
        store = self._memo.setdefault("sets", {}) if name in CONTEXT_FREE else self._new
        found = store.get(key)
        if found is None:
            found = store[key] = _NewSets(self._sets(which, name))
        return found

    def _side_sums(self, which: str, name: str, start: np.ndarray, count: np.ndarray) -> np.ndarray:
        """A count per candidate side ``start … start + count``: added up, or the size of a union."""
        if name in SETS:
            new = self._new_sets(which, name)
            total = np.zeros(len(start))
            for u in range(MOST):
                if not (u < count).any():
                    continue
                sizes = self._prefix.get((which, name, u))
                if sizes is None:
                    sizes = self._prefix[(which, name, u)] = np.array([len(x) for x in new[u]] + [0])
                total += np.where(u < count, sizes[np.where(u < count, start + u, -1)], 0)
            return total
        prefix = self._prefix.get((which, name))
        if prefix is None:
            side = getattr(self, which)
            values = np.array([_added(name, profile) for profile in side.profiles], dtype=float)
            if name == "punctuation":
                values = values.reshape(len(side.profiles), PUNCTUATION_COUNT)
            zero = np.zeros((1, *values.shape[1:]))
            prefix = self._prefix[(which, name)] = np.concatenate([zero, np.cumsum(values, axis=0)])
        return prefix[start + count] - prefix[start]

    def _shared_sums(self, names: list[str], sa, la, sb, lb) -> dict[str, np.ndarray]:
        """Shared counts of each candidate: the sum over its sentence pairs (at most 3 × 3) of what
        they share (for sets: the parts of the two unions, see the class docstring)."""
        sums = {name: np.zeros(len(sa)) for name in names}
        if not names or not len(sa):
            return sums
        width = len(self.b.profiles) + 1
        for u in range(MOST):
            for v in range(MOST):
                rows = np.flatnonzero((u < la) & (v < lb))
                if not len(rows):
                    continue
                pairs = ((sa[rows] + u) * width + sb[rows] + v) * MOST * MOST
                for name in names:
                    lookback = (0, 0) if name == "numbers" else (u, v)
                    keys = pairs + lookback[0] * MOST + lookback[1]
                    unique, inverse = np.unique(keys, return_inverse=True)
                    values = self._shared_values(name, unique, width)
                    sums[name][rows] += values[inverse]
        return sums

    def _shared_values(self, name: str, keys: np.ndarray, width: int) -> np.ndarray:
        """The shared count ``name`` of each (sorted, distinct) key. The counts of whole sentence
        pairs are kept (a guide's next round, the three-way pass and a second pass ask again); the
        parts after earlier sentences of a side are computed when asked (they are many)."""
        store = self._counts if name in CONTEXT_FREE else self._found
        known_keys, known_values = store[name]
        at = np.minimum(np.searchsorted(known_keys, keys), max(len(known_keys) - 1, 0))
        seen = known_keys[at] == keys if len(known_keys) else np.zeros(len(keys), dtype=bool)
        values = np.where(seen, known_values[at] if len(known_keys) else 0.0, 0.0)
        missing = np.flatnonzero(~seen)
        if len(missing):
            count = self._counter(name)
            pair, lookback = np.divmod(keys[missing], MOST * MOST)
            s, t = np.divmod(pair, width)
            u, v = np.divmod(lookback, MOST)
            arguments = zip(s.tolist(), t.tolist(), u.tolist(), v.tolist(), strict=True)
            values[missing] = [count(*args) for args in arguments]
            whole = missing[lookback == 0]
            if len(whole):
                merged = np.concatenate([known_keys, keys[whole]])
                order = np.argsort(merged, kind="stable")
                store[name] = (merged[order], np.concatenate([known_values, values[whole]])[order])
        return values

    def _counter(self, name: str):
        """The function (s, t, u, v) → what sentence s of side a and sentence t of side b share, for
        one of :data:`SHARED_COUNTS` (for sets: their parts new after u and v earlier sentences)."""
        x, y = self.a.profiles, self.b.profiles
        if name == "numbers":
            return lambda s, t, u, v: overlap(x[s].numbers, y[t].numbers) if x[s].numbers and y[t].numbers else 0
        if name == "names":
            new_a, new_b = self._new_sets("a", "names"), self._new_sets("b", "names")

            def found_new(name, profiles, t, v):  # found in sentence t, not in the v before it
                earlier = range(t - v, t)
                return name_found(name, profiles[t]) and not any(name_found(name, profiles[k]) for k in earlier)

            return lambda s, t, u, v: (sum(found_new(n, y, t, v) for n in new_a[u][s]) if new_a[u][s] else 0) + (
                sum(found_new(n, x, s, u) for n in new_b[v][t]) if new_b[v][t] else 0
            )
        parts = [(self._new_sets("a", set_a), self._new_sets("b", set_b)) for set_a, set_b in SHARED_COUNTS[name]]
        return lambda s, t, u, v: sum(
            len(new_a[u][s] & new_b[v][t]) for new_a, new_b in parts if new_a[u][s] and new_b[v][t]
        )

    def features(self, sa, la, sb, lb, names: Iterable[str] | None = None) -> np.ndarray:
        """The feature matrix (candidates × :data:`FEATURES`) of the sides ``a[sa : sa + la]`` against
        ``b[sb : sb + lb]`` (integer arrays, one entry per candidate); features outside ``names``
        (default: all) are left 0."""
        sa, la, sb, lb = (np.asarray(x, dtype=np.int64) for x in (sa, la, sb, lb))
        wanted = [FEATURES[name] for name in (FEATURES if names is None else names)]
        sides = sorted({name for feature in wanted for name in feature.sides})
        shared = sorted({name for feature in wanted for name in feature.shared})
        sums = Sums(
            a={name: self._side_sums("a", name, sa, la) for name in sides},
            b={name: self._side_sums("b", name, sb, lb) for name in sides},
            shared=self._shared_sums(shared, sa, la, sb, lb),
            context=self.context,
        )
        matrix = np.zeros((len(sa), len(FEATURES)))
        order = list(FEATURES)
        for feature in wanted:
            matrix[:, order.index(feature.name)] = feature.values(sums)
        return matrix


def _added(name: str, profile: SentenceProfile):
    if name == "chars":
        return profile.chars
    if name == "numbers":
        return sum(profile.numbers.values())
    return profile.punctuation
