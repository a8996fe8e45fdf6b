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
from functools import cached_property, lru_cache
from itertools import chain
from typing import ClassVar

import numpy as np

from .dp import LONGEST_SIDE
from .profile import NAME_MATCH, NAME_STEM, PUNCTUATION_COUNT, SentenceProfile, bigrams

#: Characters added to both lengths, so that very short sentences do not give extreme ratios.
LENGTH_SMOOTHING = 8.0
#: Counts are capped here: the fifth shared number says little more than the fourth.
COUNT_CAP = 4.0


@dataclass(eq=False)
class TermPairs:
    """Known term pairs (glossary) of a language pair: each side's terms as tuples of stems, in the
    same order; made once per glossary (compared by identity, so looking it up costs nothing)."""

    a: tuple[tuple[str, ...], ...] = ()
    b: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def by_first_stem(self) -> tuple[dict[str, list[tuple[int, frozenset[str]]]], ...]:
        """Per side, the terms (index, stems) by their first stem."""
        indexes = []
        for terms in (self.a, self.b):
            by_first: dict[str, list[tuple[int, frozenset[str]]]] = {}
            for index, term in enumerate(terms):
                if term:
                    by_first.setdefault(term[0], []).append((index, frozenset(term)))
            indexes.append(by_first)
        return tuple(indexes)


@dataclass(eq=False)
class PairContext:
    """What the features know about a language pair beyond the two texts."""

    #: expected log(length_b / length_a) and its spread
    length_mean: float = 0.0
    length_spread: float = 0.25
    #: how much shorter each language's headings are than its running text, in log(characters), and
    #: how much wider their spread is (:attr:`ushtil.langs.Language.heading_contraction`,
    #: ``heading_spread``), applied per share of a side's characters in headings
    heading_contraction_a: float = 0.0
    heading_contraction_b: float = 0.0
    heading_spread_a: float = 1.0
    heading_spread_b: float = 1.0
    #: known term pairs (glossary)
    terms: TermPairs = field(default_factory=TermPairs)
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
    #: what the feature reads: side counts (chars, heading_chars, numbers, punctuation: added up over a
    #: side's sentences, :func:`_added`; or the size of a side's union of
    #: names, ngrams, cognates, terms or known lexicon stems) and shared counts (numbers, names,
    #: ngrams, cognates, terms, lexicon: see :class:`PairEvidence`)
    sides: ClassVar[tuple[str, ...]] = ()
    shared: ClassVar[tuple[str, ...]] = ()
    #: whether the values depend on the sentences and the glossary only (not on the length ratio a
    #: pass expects, nor on the learned lexicon): a section's next pass then reads them again
    #: instead of computing them (off unless a feature says so)
    lasting: ClassVar[bool] = False

    @abstractmethod
    def values(self, sums: Sums) -> np.ndarray:
        """One number per candidate, growing (or shrinking, as the weight says) with the evidence."""


#: Feature name → feature; the order is the order of the weight vectors.
FEATURES: dict[str, Feature] = {}
#: Feature name → its column in a feature matrix.
FEATURE_INDEX: dict[str, int] = {}


def register(cls: type[Feature]) -> type[Feature]:
    FEATURES[cls.name] = cls()
    FEATURE_INDEX[cls.name] = len(FEATURE_INDEX)
    return cls


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, 0 where bottom is 0, at most 1."""
    return np.minimum(np.divide(top, bottom, out=np.zeros(len(top)), where=bottom > 0), 1.0)


@register
class LengthFit(Feature):
    """How well the length ratio fits the pair's usual ratio (Gale-Church, on characters); a side's
    headings (headlines, titles) are expected shorter or longer than running text, as the language
    records say."""

    name = "length"
    sides = ("chars", "heading_chars")

    def values(self, sums):
        ratio = np.log((sums.b["chars"] + LENGTH_SMOOTHING) / (sums.a["chars"] + LENGTH_SMOOTHING))
        context = sums.context
        share_a = _ratio(sums.a["heading_chars"], sums.a["chars"])
        share_b = _ratio(sums.b["heading_chars"], sums.b["chars"])
        expected = (context.length_mean + context.heading_contraction_a * share_a
                    - context.heading_contraction_b * share_b)
        widening = np.maximum((context.heading_spread_a - 1) * share_a, (context.heading_spread_b - 1) * share_b)
        z = (ratio - expected) / (context.length_spread * (1 + widening))
        return -0.5 * np.minimum(z * z, 50.0)


@register
class SharedNumbers(Feature):
    """Numbers written on both sides, by value (6.8 = 6,8; 1,000 = 1 000)."""

    name = "numbers_shared"
    shared = ("numbers",)
    lasting = True

    def values(self, sums):
        return np.minimum(sums.shared["numbers"], COUNT_CAP)


@register
class UnmatchedNumbers(Feature):
    """Numbers written on one side only."""

    name = "numbers_unmatched"
    sides = ("numbers",)
    shared = ("numbers",)
    lasting = True

    def values(self, sums):
        unmatched = sums.a["numbers"] + sums.b["numbers"] - 2 * sums.shared["numbers"]
        return np.clip(unmatched, 0.0, COUNT_CAP)


@register
class SharedNames(Feature):
    """Names and acronyms that sound alike on both sides (after transliteration)."""

    name = "names_shared"
    shared = ("names",)
    lasting = True

    def values(self, sums):
        return np.minimum(sums.shared["names"] / 2, COUNT_CAP)


@register
class NameShare(Feature):
    """Share of the names and acronyms of both sides that the other side has too (0 without names)."""

    name = "names_share"
    sides = ("names",)
    shared = ("names",)
    lasting = True

    def values(self, sums):
        return _ratio(sums.shared["names"], sums.a["names"] + sums.b["names"])


@register
class CharacterNgrams(Feature):
    """Character trigram overlap of the sound keys (chrF-like): names, loanwords, shared roots."""

    name = "ngram_dice"
    sides = ("ngrams",)
    shared = ("ngrams",)
    lasting = True

    def values(self, sums):
        return _ratio(2 * sums.shared["ngrams"], sums.a["ngrams"] + sums.b["ngrams"])


@register
class Cognates(Feature):
    """Share of longer words whose sound-key prefix the other side has too, averaged over both
    sides: loanwords and shared roots (республикалық ~ республиканцев, президент ~ president)."""

    name = "cognates"
    sides = ("cognates",)
    shared = ("cognates",)
    lasting = True

    def values(self, sums):
        a, b, shared = sums.a["cognates"], sums.b["cognates"], sums.shared["cognates"]
        return np.where((a > 0) & (b > 0), (_ratio(shared, a) + _ratio(shared, b)) / 2, 0.0)


@register
class UnmatchedPunctuation(Feature):
    """Question and exclamation marks, colons, quotes, brackets, per cent signs on one side only."""

    name = "punctuation_unmatched"
    sides = ("punctuation",)
    lasting = True

    def values(self, sums):
        difference = np.abs(sums.a["punctuation"] - sums.b["punctuation"]).sum(axis=1)
        return np.minimum(difference / 2, COUNT_CAP)


@register
class SharedTerms(Feature):
    """Glossary term pairs found on both sides."""

    name = "terms_shared"
    shared = ("terms",)
    lasting = True

    def values(self, sums):
        return np.minimum(sums.shared["terms"], COUNT_CAP)


@register
class UnmatchedTerms(Feature):
    """Glossary terms found on one side while their translation is absent from the other."""

    name = "terms_unmatched"
    sides = ("terms",)
    shared = ("terms",)
    lasting = True

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


def _term_hits(profiles: list[SentenceProfile], terms: TermPairs, side: int, memo: dict) -> list[frozenset[int]]:
    """Indices of the terms of ``side`` (0: a, 1: b) whose every stem occurs in each sentence (an
    index by first stem keeps this linear in the text and the glossary; kept in ``memo`` for the
    other passes)."""
    key = ("terms", profiles[0].lang if profiles else "", terms, side)
    if key not in memo:
        by_first = terms.by_first_stem[side]
        memo[key] = [NOTHING] * len(profiles) if not by_first else [
            frozenset(index for word in profile.stems for index, stems in by_first.get(word, ())
                      if stems <= profile.stems)
            for profile in profiles
        ]
    return memo[key]


def _inverse(lexicon: dict[str, set[str]]) -> dict[str, set[str]]:
    """Target stem → source stems, made once per lexicon: every section of a corpus's second pass
    is aligned with the same learned lexicon (the lexicon is kept with its inverse, so it is the
    same object while it is here; a lexicon is not changed once learned)."""
    if not lexicon:  # a first pass's (a fresh empty one each time: not kept, so it evicts nothing)
        return {}
    kept = _INVERSES.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        inverse: dict[str, set[str]] = {}
        for source, targets in lexicon.items():
            for target in targets:
                inverse.setdefault(target, set()).add(source)
        if len(_INVERSES) >= 8:
            _INVERSES.clear()
        kept = _INVERSES[id(lexicon)] = (lexicon, inverse)
    return kept[1]


_INVERSES: dict[int, tuple[dict, dict]] = {}


def _covered(profiles: list[SentenceProfile], inverse: dict[str, set[str]]) -> list[frozenset[str]]:
    """Per sentence, the stems of the other language that its stems translate (``inverse``: target
    stem → source stems)."""
    if not inverse:  # a first pass: no lexicon
        return [NOTHING] * len(profiles)
    return [frozenset(chain.from_iterable(filter(None, map(inverse.get, profile.stems)))) for profile in profiles]


def _known(profiles: list[SentenceProfile], lexicon: dict[str, set[str]]) -> list[frozenset[str]]:
    """Per sentence, its stems that ``lexicon`` translates."""
    if not lexicon:  # a first pass: no lexicon
        return [NOTHING] * len(profiles)
    return [frozenset(filter(lexicon.__contains__, profile.stems)) for profile in profiles]


#: The empty set of a sentence without terms or lexicon stems (one object for all).
NOTHING: frozenset = frozenset()


def _entries(sets: list, ids: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sets (or Counters: with their counts) as (row, element, count) entries, the elements
    numbered by ``ids`` (extended with those it lacks)."""
    if not any(sets):  # no terms, no lexicon yet, no names: common in a first pass, and quick to say
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.ones(0)
    elements = list(chain.from_iterable(sets))
    for element in elements:  # numbered in order of appearance
        if element not in ids:
            ids[element] = len(ids)
    cols = np.fromiter(map(ids.__getitem__, elements), dtype=np.int64, count=len(elements))
    rows = np.repeat(np.arange(len(sets)), list(map(len, sets)))
    counted = [count for one in sets if isinstance(one, Counter) for count in one.values()]
    return rows, cols, np.array(counted, dtype=float) if counted else np.ones(len(cols))


def _numbered(sets: list, ids: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_entries` of sets whose every element ``ids`` numbers already (each counted once)."""
    cols = np.fromiter(map(ids.__getitem__, chain.from_iterable(sets)), dtype=np.int64)
    return np.repeat(np.arange(len(sets)), list(map(len, sets))), cols, np.ones(len(cols))


class _Parts:
    """One side's sets, a row per sentence, as (row, element, count) entries sorted by row and
    element, each with its *gap*: the sentences since its element last occurred (at most
    :data:`MOST`; always MOST for counts that add up over sentences: ``lookback`` off). What
    sentence i has that the d sentences before it have not (its part of a side of several
    sentences) are its entries with a gap over d. The entries are also indexed by element."""

    def __init__(self, rows, cols, vals, n: int, lookback: bool = True):
        self.n, self.lookback, self.stride = n, lookback, n + 1
        #: the size of each sentence's part after d earlier sentences (row d; 0 past the last sentence)
        self.sizes = np.zeros((MOST, n + 1))
        if not len(rows):  # no entries (no glossary terms, no lexicon yet): nothing to sort
            self.rows = self.cols = self.gap = self.by_element = self.element_keys = np.zeros(0, dtype=np.int64)
            self.vals, self.starts = np.zeros(0), np.zeros(n + 1, dtype=np.int64)
            self.top_element, self.top_count = -1, 0.0
            return
        #: the highest element number and the highest count
        self.top_element, self.top_count = int(cols.max()), float(vals.max())
        # sorted by one number per entry (row, then element), as lexsort would, at a fraction of its cost
        order = (rows * (self.top_element + 1) + cols).argsort(kind="stable")
        self.rows, self.cols, self.vals = rows[order], cols[order], vals[order]
        self.gap = np.full(len(rows), MOST)
        #: the entries by element, then row: their positions, and element * stride + row
        keys = self.cols * self.stride + self.rows
        self.by_element = keys.argsort(kind="stable")
        self.element_keys = keys[self.by_element]
        if lookback:
            elements = self.cols[self.by_element]
            again = (elements[1:] == elements[:-1]).nonzero()[0]
            by_row = self.rows[self.by_element]
            gaps = (by_row[1:] - by_row[:-1])[again]
            self.gap[self.by_element[again + 1]] = np.minimum(gaps, MOST)
        # entries by row and gap; the part after d earlier sentences: the entries with a gap over d
        by_gap = np.bincount(self.rows * MOST + self.gap - 1, minlength=n * MOST).reshape(n, MOST)
        self.sizes[:, :n] = by_gap[:, ::-1].cumsum(axis=1)[:, ::-1].T
        self.starts = self.rows.searchsorted(np.arange(n + 1))


def _parts_of(rows, cols, vals, n: int, lookback: bool = True) -> _Parts:
    """``_Parts(rows, cols, vals, n, lookback)``; the empty ones (no glossary terms, no lexicon yet, no
    names: common) made once per length and shared (nothing changes a :class:`_Parts` once made)."""
    return _Parts(rows, cols, vals, n, lookback) if len(rows) else _empty_parts(n, lookback)


@lru_cache(maxsize=1024)
def _empty_parts(n: int, lookback: bool) -> _Parts:
    return _Parts(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), n, lookback)


def _parts(*sides: list, ids: dict | None = None, lookback: bool = True) -> tuple[_Parts, ...]:
    """The :class:`_Parts` of each side's sets, over one numbering of their elements."""
    ids = {} if ids is None else ids
    return tuple(_parts_of(*_entries(sets, ids), len(sets), lookback) for sets in sides)


def unique(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, sorted, and the position of each key among them (``np.unique`` with
    ``return_inverse``, by sorting: numpy 2's hashing version is many times slower on these keys)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    new = np.empty(len(keys), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(keys), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _spread(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ranges ``starts[i] … starts[i] + lengths[i]`` laid end to end: (i, position) per item."""
    owner = np.repeat(np.arange(len(starts)), lengths)
    return owner, np.arange(len(owner)) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)


def _overlap(x: _Parts, y: _Parts, s: np.ndarray, t: np.ndarray) -> np.ndarray:
    """What sentence s of ``x`` and sentence t of ``y`` share (the sum of the smaller counts), for
    each (s, t) (distinct, sorted by s then t), as a :data:`MOST` × MOST table (of arrays over the
    pairs, shape (MOST, MOST, pairs)): entry (u, v) counts
    what they share of their parts after u and v earlier sentences. Each element of a sentence s is
    looked up once among the y sentences from the lowest to the highest t asked for with s."""
    shared = np.zeros(len(s) * MOST * MOST)
    if len(s) and len(y.rows):
        first = np.flatnonzero(np.diff(s, prepend=-1))
        rows = s[first]
        low, high = t[first], t[np.append(first[1:], len(s)) - 1]
        row, at = _spread(x.starts[rows], x.starts[rows + 1] - x.starts[rows])
        keys = x.cols[at] * y.stride
        # searched in increasing order (each search then starts near the last one's memory: several
        # times faster over a long text's index than the order of the sentences), put back after
        order = (keys + low[row]).argsort()
        begin, end = np.empty(len(keys), dtype=np.int64), np.empty(len(keys), dtype=np.int64)
        begin[order] = np.searchsorted(y.element_keys, keys[order] + low[row[order]])
        end[order] = np.searchsorted(y.element_keys, keys[order] + high[row[order]], side="right")
        entry, found = _spread(begin, end - begin)
        at, found, row = at[entry], y.by_element[found], row[entry]
        # each asked pair's position, by its row and t - low: a direct look-up (the rows' spans of t
        # add up to the band's size), where a search among the asked pairs costs a log per entry
        span = np.concatenate([[0], np.cumsum(high - low + 1)])
        owner = np.repeat(np.arange(len(rows)), np.diff(np.append(first, len(s))))
        position = np.full(span[-1], -1)
        position[span[owner] + t - low[owner]] = np.arange(len(s))
        query = position[span[row] + y.rows[found] - low[row]]
        asked = np.flatnonzero(query >= 0)
        at, found, query = at[asked], found[asked], query[asked]
        slot = ((x.gap[at] - 1) * MOST + y.gap[found] - 1) * len(s) + query  # an entry counts for u < gap
        shared = np.bincount(slot, np.minimum(x.vals[at], y.vals[found]), minlength=len(shared))
    table = shared.reshape(MOST, MOST, len(s))
    for d in range(MOST - 2, -1, -1):  # entry (u, v): the entries with gaps over u and v
        table[d] += table[d + 1]
        table[:, d] += table[:, d + 1]
    return table


def _side_overlaps(x: _Parts, y: _Parts) -> np.ndarray:
    """What every side of ``x`` shares with every side of ``y`` (the sum over their sentence pairs of
    :func:`_overlap`), as an array (MOST, MOST, x sentences + 1, y sentences + 1): entry (la - 1,
    lb - 1, s, t) for the sides ``s … s + la`` and ``t … t + lb`` (cut at the last sentence). Made
    from dense sentence × element matrices of the elements both have, one per gap level u (the
    entries of each sentence's part after u earlier sentences): what the parts share is their
    product (a sum of the smaller counts: of "at least c" products for each c), and a side pair's
    count is the sum of its sentence pairs' parts. Small products: one thread, no BLAS start-up."""
    n, m = x.n, y.n
    common = ()
    if len(x.cols) and len(y.cols):  # the elements both have, sorted (marked: the elements are small numbers)
        has = np.zeros((2, max(x.top_element, y.top_element) + 1), dtype=bool)
        has[0, x.cols] = True
        has[1, y.cols] = True
        common = np.flatnonzero(has[0] & has[1])
    if not len(common):
        return np.zeros((MOST, MOST, n + 1, m + 1))
    column = np.full(has.shape[1], -1)  # each common element's column
    column[common] = np.arange(len(common))
    levels = []  # per side, the matrices of its gap levels u stacked: row u * (sentences + MOST) + sentence
    for parts, size in ((x, n), (y, m)):
        cols = column[parts.cols]
        keep = np.flatnonzero(cols >= 0)
        depth = MOST if parts.lookback else 1
        matrix = np.zeros((depth, size + MOST, len(common)))
        if depth == 1:
            matrix[0, parts.rows[keep], cols[keep]] = parts.vals[keep]
        else:  # each entry at the levels u below its gap
            times = parts.gap[keep]
            keep = np.repeat(keep, times)
            level = np.arange(len(keep)) - np.repeat(np.cumsum(times) - times, times)
            matrix[level, parts.rows[keep], cols[keep]] = parts.vals[keep]
        levels.append(matrix.reshape(depth * (size + MOST), len(common)))
    a, b = levels
    top = int(max(x.top_count, y.top_count))
    # whole numbers: every order of the sums gives the same products, so one product serves all levels
    shared = _product(a, b) if top == 1 else sum(_product((a >= c) * 1.0, (b >= c) * 1.0) for c in range(1, top + 1))
    shared = shared.reshape(len(a) // (n + MOST), n + MOST, len(b) // (m + MOST), m + MOST)
    table = shared[_sentence_pairs(n, m, len(shared), shared.shape[2])]  # sentence s + u with t + v
    return table.cumsum(axis=0).cumsum(axis=1)


@lru_cache(maxsize=4096)
def _sentence_pairs(n: int, m: int, levels_a: int, levels_b: int) -> tuple[np.ndarray, ...]:
    """Where in :func:`_side_overlaps`'s product (level u, sentence, level v, sentence) the pair of
    sentence s + u of one side and t + v of the other lies, for every (u, v, s, t): one gather, made
    once per shape (the levels: MOST, or 1 for counts that add up)."""
    u = np.arange(MOST).reshape(-1, 1, 1, 1)
    v = np.arange(MOST).reshape(1, -1, 1, 1)
    return (np.minimum(u, levels_a - 1), u + np.arange(n + 1).reshape(1, 1, -1, 1),
            np.minimum(v, levels_b - 1), v + np.arange(m + 1).reshape(1, 1, 1, -1))


def _found(names: list[str], profiles: list[SentenceProfile], memo: dict | None = None) -> _Parts:
    """Sentence × name: whether a word of the sentence sounds like the name, i.e. has
    :data:`NAME_MATCH` of the letter bigrams of the name's first :data:`NAME_STEM` letters (Kazakh
    and Russian add case endings). Counted for all names and words at once, as matrix products:
    dense for a short text (a sparse matrix costs more to make than a small product), sparse for a
    long one. ``memo`` keeps a short text's keys and their bigrams (:func:`_spelling`) for the names
    of the other language."""
    if not names:
        return _parts_of(*_entries([], {}), len(profiles))
    spelling = _spelling(profiles, {} if memo is None else memo)
    if spelling is not None:  # a short text's: the bigrams of all its keys at once
        letters, (size, key_rows, key_letters), has = spelling
        wanted = [bigrams(name[:NAME_STEM]) for name in names]
        need = NAME_MATCH * np.array(list(map(len, wanted)), dtype=float)
        rows, cols = _entries(wanted, letters)[:2]
        inside = np.flatnonzero(cols < size)  # the names' bigrams that some key has
        used, at = unique(cols[inside])
        matrix = np.zeros((len(names), len(used)))
        matrix[rows[inside], at] = 1.0
        column = np.full(size, -1)
        column[used] = np.arange(len(used))
        keep = np.flatnonzero(column[key_letters] >= 0)
        spelling = np.zeros((has.shape[1], len(used)))
        spelling[key_rows[keep], column[key_letters[keep]]] = 1.0
        shared = _product(matrix, spelling)
        rows, cols = np.nonzero(_product(has, (shared >= need[:, None]) * 1.0))
        return _parts_of(rows.astype(np.int64), cols.astype(np.int64), np.ones(len(rows)), len(profiles))
    letters: dict[str, int] = {}
    wanted = _entries([bigrams(name[:NAME_STEM]) for name in names], letters)
    need = NAME_MATCH * np.bincount(wanted[0], wanted[2], minlength=len(names))
    known, least = frozenset(letters), need.min()  # a set, not the dict's keys: ``&`` then walks the smaller side
    # the words with enough of the names' bigrams to sound like one of them (most words have none)
    near = {}
    for key in sorted({key for profile in profiles for key in profile.keys}):
        common = bigrams(key) & known
        if len(common) >= least:
            near[key] = common
    keys = list(near)
    spelled = _numbered(list(near.values()), letters)  # the names' bigrams only
    index = {key: i for i, key in enumerate(keys)}
    has = _numbered([profile.keys & index.keys() for profile in profiles], index)
    if len(keys) * (len(names) + len(letters) + len(profiles)) <= DENSE_CELLS:
        shared = _product(_dense(wanted, len(names), len(letters)), _dense(spelled, len(keys), len(letters)))
        rows, cols = np.nonzero(_product(_dense(has, len(profiles), len(keys)), (shared >= need[:, None]) * 1.0))
        return _parts_of(rows.astype(np.int64), cols.astype(np.int64), np.ones(len(rows)), len(profiles))
    from scipy import sparse  # here: a run over short texts never loads scipy (a third of a second)

    wanted = sparse.csr_matrix((wanted[2], wanted[:2]), shape=(len(names), len(letters)))
    spelled = sparse.csr_matrix((spelled[2], spelled[:2]), shape=(len(keys), len(letters))).T.tocsr()
    sounds_like = []  # name × key, a few hundred names at a time: the bigram counts of all pairs are many
    for first in range(0, len(names), NAME_BLOCK):
        shared = (wanted[first : first + NAME_BLOCK] @ spelled).tocoo()
        keep = shared.data >= need[first + shared.row]
        sounds_like.append(sparse.csr_matrix((shared.data[keep], (shared.row[keep], shared.col[keep])),
                                             shape=shared.shape))
    has = sparse.csr_matrix((has[2], has[:2]), shape=(len(profiles), len(keys)))
    found = (has @ sparse.vstack(sounds_like, format="csr").T).tocoo()
    return _parts_of(found.row.astype(np.int64), found.col.astype(np.int64), np.ones(found.nnz), len(profiles))


def _spelling(profiles: list[SentenceProfile], memo: dict) -> tuple[dict, np.ndarray, np.ndarray] | None:
    """A short text's keys for :func:`_found`: the numbering of their letter bigrams (a dict, which
    the names' bigrams then extend), how many there are and the (key, bigram) entries, and a dense
    sentence × key matrix; None for a long text (made once per text and kept in ``memo``: the names
    of both other languages are looked up in it)."""
    slot = (profiles[0].lang if profiles else "", "spelling")
    if slot not in memo:
        keys = sorted({key for profile in profiles for key in profile.keys})
        letters: dict[str, int] = {}
        spelled = _entries([bigrams(key) for key in keys], letters)
        found = None
        if len(keys) * (len(letters) + len(profiles)) <= DENSE_CELLS:
            index = {key: i for i, key in enumerate(keys)}
            has = _numbered([profile.keys for profile in profiles], index)
            found = letters, (len(letters), *spelled[:2]), _dense(has, len(profiles), len(keys))
        memo[slot] = found
    return memo[slot]


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b.T``, a few rows of ``a`` at a time so that each product stays under :data:`ONE_THREAD`
    (a larger one starts BLAS threads, whose waiting costs more CPU time than the product)."""
    step = max(1, ONE_THREAD // max(1, a.shape[1] * len(b)))
    if step >= len(a):
        return a @ b.T
    return np.concatenate([a[first : first + step] @ b.T for first in range(0, len(a), step)])


def _dense(entries: tuple[np.ndarray, np.ndarray, np.ndarray], rows: int, cols: int) -> np.ndarray:
    """(row, column, count) entries as a dense matrix (of whole numbers: their products are exact; a
    product this small runs on one thread, ten times faster than numpy's own integer loop)."""
    matrix = np.zeros((rows, cols))
    matrix[entries[0], entries[1]] = entries[2]
    return matrix


#: Products of at most this many multiplications run on one thread (OpenBLAS's threshold, halved).
ONE_THREAD = 1 << 18
#: Names looked up at once in :func:`_found` (bounds the memory of the bigram counts).
NAME_BLOCK = 256
#: :func:`_found` multiplies dense matrices while keys × (names + letter bigrams + sentences) stays
#: below this (at most a few MB).
DENSE_CELLS = 1 << 20
#: A side of at most this many sentences.
MOST = LONGEST_SIDE
#: Sections whose sentence pairs (with the positions past the end) number at most this get the shared
#: counts of all their side pairs at once (:func:`_side_overlaps`); longer ones, those of the side
#: pairs asked for (:func:`_overlap`). Both count the same.
DENSE_PAIRS = 40 * 40
#: The shared counts that do not depend on the pair's context (see :func:`_context_free`).
CONTEXT_FREE = frozenset({"numbers", "names", "ngrams", "cognates"})
#: Candidate sets whose lasting feature columns a section keeps (its guides' and its own).
KEPT_CANDIDATES = 6


class PairEvidence:
    """The evidence between the sentences of two languages, for any candidate pairs of sides.

    Every set of a sentence (names, n-grams, cognates, glossary terms, lexicon stems) is a row of a
    sparse sentence × element matrix; what two sentences share is computed for many sentence pairs
    at once, row by row. A side of several sentences shares with the other side the intersection
    of the unions of its sentences' sets. The union is cut into disjoint parts, one per sentence:
    what the sentence has that the side's earlier sentences have not (:class:`_Parts`). The
    intersection of two unions is then the sum of the intersections of their parts, one per
    sentence pair."""

    def __init__(
        self, a: list[SentenceProfile], b: list[SentenceProfile], context: PairContext, memo: dict | None = None
    ):
        """``memo`` keeps what does not depend on the learned lexicon (numbers, names, n-grams,
        cognates, glossary terms found) for another pass over the same sentences (a second pass
        with a learned lexicon); one memo per text section."""
        self.context = context
        self.a, self.b = a, b
        memo = memo if memo is not None else {}
        pair = (a[0].lang if a else "a", b[0].lang if b else "b")
        free = memo.get(pair)
        if free is None:
            free = memo[pair] = _context_free(a, b, memo)
        glossary = memo.get(("glossary", *pair))
        if glossary is None or glossary[0] is not context.terms:  # the glossary's parts, kept while it is the same
            terms_a, terms_b = _term_hits(a, context.terms, 0, memo), _term_hits(b, context.terms, 1, memo)
            glossary = memo[("glossary", *pair)] = (context.terms, _parts(terms_a, terms_b), {}, {})
        known_a, known_b = _known(a, context.lexicon), _known(b, context.reverse_lexicon)
        known = _parts(known_a, _covered(b, _inverse(context.lexicon)))
        covers = _parts(_covered(a, _inverse(context.reverse_lexicon)), known_b)
        #: shared count → pairs of matrices whose rows' overlaps add up to it
        self._shared = {
            **free,
            "terms": [glossary[1]],
            "lexicon": [known, covers],
        }
        #: set → the matrices of its two sides
        self._sets = {name: self._shared[name][0] for name in ("ngrams", "cognates", "terms")}
        self._sets["names"] = (free["names"][0][0], free["names"][1][1])
        self._sets["known"] = (known[0], covers[1])
        #: per (side, count name): prefix sums of an added count, or a union's size by length and start
        #: (those of the sentences alone kept in ``memo`` for the other passes)
        self._prefix: dict[tuple, np.ndarray] = memo.setdefault(("prefix", *pair), {})
        self._prefix_here: dict[tuple, np.ndarray] = {}
        #: those of the glossary terms (kept in ``memo`` with the glossary's parts)
        self._prefix_terms: dict[tuple, np.ndarray] = glossary[3]
        #: a short section's shared counts of every side pair (:func:`_side_overlaps`), by count name;
        #: those that do not depend on the context kept in ``memo`` for the other passes, the glossary
        #: terms' while the glossary is the same, the lexicon's not
        self._dense = memo.setdefault(("dense", *pair), {}) if (len(a) + 1) * (len(b) + 1) <= DENSE_PAIRS else None
        #: a long section's grids of shared counts by start (:meth:`_shared_sums`), kept in ``memo``
        self._kept_grids = memo.setdefault(("grids", *pair), _KeptGrids()) if self._dense is None else None
        self._dense_terms: dict[str, np.ndarray] = glossary[2]
        self._dense_lexicon: dict[str, np.ndarray] = {}
        #: a short section's feature columns that do not depend on the learned lexicon, by the
        #: candidates they were computed for (kept in ``memo``: the next pass asks for the same
        #: candidates again)
        self._columns: list[tuple] | None = memo.setdefault(("columns", *pair), []) if self._dense is not None else None

    def _side_sums(self, which: int, name: str, start: np.ndarray, count: np.ndarray) -> np.ndarray:
        """A count per candidate side ``start … start + count``: added up, or the size of a union."""
        if name in self._sets:
            kept = self._prefix_terms if name == "terms" else self._prefix_here if name == "known" else self._prefix
            unions = kept.get((which, name))
            if unions is None:  # row c: the union's size for a side of c sentences from each start
                sizes = self._sets[name][which].sizes
                unions = np.zeros((MOST + 1, sizes.shape[1]))
                for u in range(MOST):
                    unions[u + 1] = unions[u] + sizes[u, np.minimum(np.arange(sizes.shape[1]) + u, sizes.shape[1] - 1)]
                kept[(which, name)] = unions
            return unions[np.minimum(count, MOST), start]  # a longer side: its first MOST sentences
        prefix = self._prefix.get((which, name))
        if prefix is None:
            profiles = (self.a, self.b)[which]
            values = np.array([_added(name, profile) for profile in profiles], dtype=float)
            if name == "punctuation":
                values = values.reshape(len(profiles), PUNCTUATION_COUNT)
            zero = np.zeros((1, *values.shape[1:]))
            prefix = self._prefix[(which, name)] = np.concatenate([zero, np.cumsum(values, axis=0)])
        return prefix[start + count] - prefix[start]

    def _shared_sums(self, names: list[str], sa, la, sb, lb) -> dict[str, np.ndarray]:
        """Shared counts of each candidate: the sum over its sentence pairs (at most 3 × 3) of what
        their parts share. Each start (sa, sb) gets a grid of the parts of its sentence pairs, whose
        sums over the first la × lb entries serve every candidate from that start; the grids of the
        counts that do not depend on the learned lexicon are kept (:class:`_KeptGrids`) for the
        guides, the three-way programme and the next pass, which ask for the same starts again."""
        sums = {name: np.zeros(len(sa)) for name in names}
        if not names or not len(sa):
            return sums
        if self._dense is not None:
            la, lb = np.minimum(la, MOST) - 1, np.minimum(lb, MOST) - 1
            return {name: self._dense_table(name)[la, lb, sa, sb] for name in names}
        starts, inverse = unique(sa * (len(self.b) + 1) + sb)
        la, lb = np.minimum(la, MOST), np.minimum(lb, MOST)  # a longer side: its first MOST sentences
        shape = (int(la.max()), int(lb.max()))
        kept = [name for name in names if name in CONTEXT_FREE or name == "terms"]
        grids = self._kept_grids.find(kept, self.context.terms, starts, shape)
        missing = np.flatnonzero(grids[kept[0]][0, 0] < 0) if kept else np.zeros(0, dtype=np.int64)
        if len(missing):
            found = self._grids(kept, starts[missing], shape)
            self._kept_grids.add(kept, self.context.terms, starts[missing], found)
            for name in kept:
                grids[name][:, :, missing] = found[name]
        grids.update(self._grids([name for name in names if name not in grids], starts, shape))
        return {name: grids[name][la - 1, lb - 1, inverse] for name in names}

    def _grids(self, names: list[str], starts: np.ndarray, shape: tuple[int, int]) -> dict[str, np.ndarray]:
        """Per count name, the sums of the shared counts of the sides from each start (keys
        s * (len(b) + 1) + t) of up to ``shape`` sentences: shape (*shape, starts)."""
        if not names:
            return {}
        sizes = (len(self.a), len(self.b))
        s, t = np.divmod(starts, sizes[1] + 1)
        u, v, start = np.unravel_index(np.arange(np.prod(shape) * len(starts)), (*shape, len(starts)))
        x, y = s[start] + u, t[start] + v  # sentence s + u with t + v
        inside = np.flatnonzero((x < sizes[0]) & (y < sizes[1]))
        pairs, which = unique(x[inside] * (sizes[1] + 1) + y[inside])
        x, y = np.divmod(pairs, sizes[1] + 1)
        grids = {}
        for name in names:
            shared = sum(_overlap(parts_a, parts_b, x, y) for parts_a, parts_b in self._shared[name])
            grid = np.zeros(len(start))
            grid[inside] = shared[u[inside], v[inside], which]
            grids[name] = grid.reshape(*shape, len(starts)).cumsum(axis=0).cumsum(axis=1)
        return grids

    def _dense_table(self, name: str) -> np.ndarray:
        """The shared count ``name`` of every side pair (a short section's; see :data:`DENSE_PAIRS`)."""
        kept = self._dense if name in CONTEXT_FREE else self._dense_terms if name == "terms" else self._dense_lexicon
        table = kept.get(name)
        if table is None:
            table = kept[name] = sum(_side_overlaps(x, y) for x, y in self._shared[name])
        return table

    def features(self, sa, la, sb, lb, names: Iterable[str] | None = None) -> np.ndarray:
        """The feature matrix (candidates × :data:`FEATURES`) of the sides ``a[sa : sa + la]`` against
        ``b[sb : sb + lb]`` (integer arrays, one entry per candidate, la and lb at least 1);
        features outside ``names`` (default: all) are left 0."""
        sa, la, sb, lb = (np.asarray(x, dtype=np.int64) for x in (sa, la, sb, lb))
        wanted = [FEATURES[name] for name in (FEATURES if names is None else names)]
        kept = self._kept_columns(sa, la, sb, lb)
        todo = [feature for feature in wanted if feature.name not in kept]
        sides = sorted({name for feature in todo for name in feature.sides})
        shared = sorted({name for feature in todo for name in feature.shared})
        sums = Sums(
            a={name: self._side_sums(0, name, sa, la) for name in sides},
            b={name: self._side_sums(1, name, sb, lb) for name in sides},
            shared=self._shared_sums(shared, sa, la, sb, lb),
            context=self.context,
        )
        matrix = np.zeros((len(sa), len(FEATURES)))
        for feature in wanted:
            column = kept.get(feature.name)
            if column is None:
                column = feature.values(sums)
                if feature.lasting:
                    kept[feature.name] = column
            matrix[:, FEATURE_INDEX[feature.name]] = column
        return matrix

    def _kept_columns(self, sa, la, sb, lb) -> dict[str, np.ndarray]:
        """The lasting feature columns already computed for these candidates (under this glossary),
        to be filled in with those computed now."""
        if self._columns is None:
            return {}
        for candidates, terms, columns in self._columns:
            if terms is self.context.terms and len(candidates[0]) == len(sa) and all(
                    np.array_equal(x, y) for x, y in zip(candidates, (sa, la, sb, lb), strict=True)):
                return columns
        if len(self._columns) >= KEPT_CANDIDATES:
            self._columns.pop(0)
        columns: dict[str, np.ndarray] = {}
        self._columns.append(((sa, la, sb, lb), self.context.terms, columns))
        return columns


class _KeptGrids:
    """The grids of shared counts of a long section's starts (:meth:`PairEvidence._grids`), each
    batch of starts as it was computed, sorted, with the glossary its terms' count is for: what the
    next ask for the same starts reads instead of counting again (whole numbers, in the smallest type
    that holds them: a long text's passes ask for hundreds of thousands of starts)."""

    def __init__(self) -> None:
        #: (first start, last start, starts, names, glossary, grids by name)
        self.batches: list[tuple] = []

    def find(self, names: list[str], terms, starts: np.ndarray, shape: tuple[int, int]) -> dict[str, np.ndarray]:
        """Per name, the grids of ``starts`` (sorted) up to ``shape`` found in the kept batches; -1
        (everywhere in a start's grid) where none holds the start."""
        grids = {name: np.full((*shape, len(starts)), -1.0) for name in names}
        if not names or not len(starts):
            return grids
        wanted = np.arange(len(starts))
        for first, last, kept, kept_names, kept_terms, kept_grids in self.batches:
            if (last < starts[wanted[0]] or first > starts[wanted[-1]] or not set(names) <= kept_names
                    or ("terms" in names and kept_terms is not terms)
                    or kept_grids[names[0]].shape[0] < shape[0] or kept_grids[names[0]].shape[1] < shape[1]):
                continue
            at = np.minimum(kept.searchsorted(starts[wanted]), len(kept) - 1)
            held = kept[at] == starts[wanted]
            for name in names:
                grids[name][:, :, wanted[held]] = kept_grids[name][: shape[0], : shape[1], at[held]]
            wanted = wanted[~held]
            if not len(wanted):
                break
        return grids

    def add(self, names: list[str], terms, starts: np.ndarray, grids: dict[str, np.ndarray]) -> None:
        self.batches.append((starts[0], starts[-1], starts, frozenset(names), terms,
                             {name: grids[name].astype(_count_type(grids[name])) for name in names}))


def _count_type(counts: np.ndarray) -> type:
    """The smallest type that holds these whole numbers exactly."""
    top = counts.max(initial=0)
    return next((kind for kind in (np.uint8, np.uint16) if top <= np.iinfo(kind).max), np.float32)


def _context_free(a: list[SentenceProfile], b: list[SentenceProfile], memo: dict) -> dict[str, list[tuple]]:
    """The shared counts that do not depend on the pair's context (glossary, lexicon): numbers (by
    value, added up over sentence pairs), n-grams, cognates, and names (a's names found in b's
    sentences, and b's in a's). Each language's sets are numbered once per section (``memo``),
    for both pairs it is in."""

    def sets(profiles: list[SentenceProfile], kind: str) -> _Parts:
        key = (profiles[0].lang if profiles else "", kind)
        if key not in memo:
            ids = memo.setdefault(("ids", kind), {})
            if kind == "names":  # numbered per language: the names a sentence of another language has
                ids = {name: i for i, name in enumerate(_names(profiles))}
            found = _entries([getattr(profile, kind) for profile in profiles], ids)
            memo[key] = _parts_of(*found, len(profiles), lookback=kind != "numbers")
        return memo[key]

    return {
        "numbers": [(sets(a, "numbers"), sets(b, "numbers"))],
        "names": [(sets(a, "names"), _found(_names(a), b, memo)), (_found(_names(b), a, memo), sets(b, "names"))],
        "ngrams": [(sets(a, "ngrams"), sets(b, "ngrams"))],
        "cognates": [(sets(a, "cognates"), sets(b, "cognates"))],
    }


def _names(profiles: list[SentenceProfile]) -> list[str]:
    return sorted({name for profile in profiles for name in profile.names})


def _added(name: str, profile: SentenceProfile):
    if name == "chars":
        return profile.chars
    if name == "heading_chars":
        return profile.chars if profile.heading else 0
    if name == "numbers":
        return sum(profile.numbers.values())
    return profile.punctuation
