"""Similarity features between two bead sides in two languages: one family, one registry.

Every feature turns a pair of :class:`~.profile.TextProfile` into one number; the
:class:`~.scoring.PairScorer` weighs them (weights per language pair in ``data/weights.toml``)
into the log-odds that the two sides translate each other. Adding evidence means adding a
subclass here with ``@register``; the registry is the one list of features.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from .profile import TextProfile, bigrams

#: Characters added to both lengths, so that very short sentences do not give extreme ratios.
LENGTH_SMOOTHING = 8.0
#: Counts are capped here: the fifth shared number says little more than the fourth.
COUNT_CAP = 4.0


@dataclass(eq=False)
class PairContext:
    """What the features know about a language pair beyond the two texts."""

    #: expected log(length_b / length_a) and its spread, calibrated on the text being aligned
    length_mean: float = 0.0
    length_spread: float = 0.25
    #: known term pairs (glossary): the stems of side a, the stems of side b
    terms: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)
    #: learned translations: stem of side a → stems of side b, and back
    lexicon: dict[str, set[str]] = field(default_factory=dict)
    reverse_lexicon: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class PairEvidence:
    """The two sides being compared, and what several features share (computed once per pair)."""

    a: TextProfile
    b: TextProfile
    context: PairContext

    @cached_property
    def names_matched(self) -> tuple[int, int]:
        return _names_matched(self.a, self.b)

    @cached_property
    def lexicon_counts(self) -> tuple[int, int]:
        return _lexicon_counts(self.a, self.b, self.context)


class Feature(ABC):
    """One kind of evidence that two texts translate each other."""

    name: ClassVar[str]

    @abstractmethod
    def value(self, pair: PairEvidence) -> float:
        """A number that grows (or shrinks, as the weight says) with the evidence."""


#: Feature name → feature; the order is the order of the weight vectors.
FEATURES: dict[str, Feature] = {}


def register(cls: type[Feature]) -> type[Feature]:
    FEATURES[cls.name] = cls()
    return cls


@register
class LengthFit(Feature):
    """How well the length ratio fits the pair's usual ratio (Gale-Church, on characters)."""

    name = "length"

    def value(self, pair):
        a, b, context = pair.a, pair.b, pair.context
        ratio = math.log((b.chars + LENGTH_SMOOTHING) / (a.chars + LENGTH_SMOOTHING))
        z = (ratio - context.length_mean) / context.length_spread
        return -0.5 * min(z * z, 50.0)


@register
class SharedNumbers(Feature):
    """Numbers written on both sides (1,000 = 1 000)."""

    name = "numbers_shared"

    def value(self, pair):
        a, b = pair.a, pair.b
        return min(overlap(a.numbers, b.numbers), COUNT_CAP)


@register
class UnmatchedNumbers(Feature):
    """Numbers written on one side only."""

    name = "numbers_unmatched"

    def value(self, pair):
        a, b = pair.a, pair.b
        shared = overlap(a.numbers, b.numbers)
        return min(sum(a.numbers.values()) + sum(b.numbers.values()) - 2 * shared, COUNT_CAP)


#: Share of a name's letter bigrams (of its first :data:`NAME_STEM` letters) that a word must have
#: to count as the same name: Kazakh and Russian add case endings and spell foreign names by ear
#: (Kavanaugh ~ Каваноны).
NAME_MATCH = 0.6
NAME_STEM = 7


def name_found(name: str, profile: TextProfile) -> bool:
    """Whether a word of ``profile`` sounds like ``name`` (memoised per sentence)."""
    if profile.parts:
        return any(name_found(name, part) for part in profile.parts)
    found = profile.name_memo.get(name)
    if found is None:
        wanted = bigrams(name[:NAME_STEM])
        need = NAME_MATCH * len(wanted)
        found = profile.name_memo[name] = any(len(wanted & word) >= need for word in profile.word_bigrams)
    return found


def _names_matched(a: TextProfile, b: TextProfile) -> tuple[int, int]:
    """(names found on the other side, names in all) over both directions (two features use it)."""
    found = sum(name_found(name, b) for name in a.names) + sum(name_found(name, a) for name in b.names)
    return found, len(a.names) + len(b.names)


@register
class SharedNames(Feature):
    """Names and acronyms that sound alike on both sides (after transliteration)."""

    name = "names_shared"

    def value(self, pair):
        return min(pair.names_matched[0] / 2, COUNT_CAP)


@register
class NameShare(Feature):
    """Share of the names and acronyms of both sides that the other side has too (0 without names)."""

    name = "names_share"

    def value(self, pair):
        found, total = pair.names_matched
        return found / total if total else 0.0


def overlap(a: Counter, b: Counter) -> int:
    """Size of the multiset intersection (faster than ``sum((a & b).values())``)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[item]) for item, count in a.items() if item in b)


@register
class CharacterNgrams(Feature):
    """Character trigram overlap of the sound keys (chrF-like): names, loanwords, shared roots."""

    name = "ngram_dice"

    def value(self, pair):
        a, b = pair.a, pair.b
        total = len(a.ngrams) + len(b.ngrams)
        return 2 * len(a.ngrams & b.ngrams) / total if total else 0.0


@register
class Cognates(Feature):
    """Share of longer words whose sound-key prefix the other side has too, averaged over both
    sides: loanwords and shared roots (республикалық ~ республиканцев, президент ~ president)."""

    name = "cognates"

    def value(self, pair):
        a, b = pair.a, pair.b
        if not a.cognates or not b.cognates:
            return 0.0
        shared = len(a.cognates & b.cognates)
        return (shared / len(a.cognates) + shared / len(b.cognates)) / 2


@register
class UnmatchedPunctuation(Feature):
    """Question and exclamation marks, colons, quotes, brackets, per cent signs on one side only."""

    name = "punctuation_unmatched"

    def value(self, pair):
        a, b = pair.a, pair.b
        classes = set(a.punctuation) | set(b.punctuation)
        return min(sum(abs(a.punctuation[c] - b.punctuation[c]) for c in classes) / 2, COUNT_CAP)


def _has_term(stems: set[str], term: tuple[str, ...]) -> bool:
    return bool(term) and all(part in stems for part in term)


@register
class SharedTerms(Feature):
    """Glossary term pairs found on both sides."""

    name = "terms_shared"

    def value(self, pair):
        a, b, context = pair.a, pair.b, pair.context
        return min(sum(_has_term(a.stems, ta) and _has_term(b.stems, tb) for ta, tb in context.terms), COUNT_CAP)


@register
class UnmatchedTerms(Feature):
    """Glossary terms found on one side while their translation is absent from the other."""

    name = "terms_unmatched"

    def value(self, pair):
        a, b, context = pair.a, pair.b, pair.context
        return min(
            sum(_has_term(a.stems, ta) != _has_term(b.stems, tb) for ta, tb in context.terms), COUNT_CAP
        )


def _lexicon_counts(a: TextProfile, b: TextProfile, context: PairContext) -> tuple[int, int]:
    """(words whose learned translation is on the other side, known words whose is not), both ways."""
    covered = missed = 0
    for stems, other, lexicon in ((a.stems, b.stems, context.lexicon), (b.stems, a.stems, context.reverse_lexicon)):
        for stem in stems:
            translations = lexicon.get(stem)
            if translations is None:
                continue
            if translations & other:
                covered += 1
            else:
                missed += 1
    return covered, missed


@register
class LexiconCoverage(Feature):
    """Share of known words whose learned translation occurs on the other side, over both
    directions (0 without a lexicon)."""

    name = "lexicon_coverage"

    def value(self, pair):
        context = pair.context
        if not context.lexicon:
            return 0.0
        covered, missed = pair.lexicon_counts
        return covered / (covered + missed) if covered + missed else 0.0


@register
class LexiconMatches(Feature):
    """How many known words find their learned translation on the other side (more words, more
    certainty than a share of two)."""

    name = "lexicon_matches"

    def value(self, pair):
        context = pair.context
        if not context.lexicon:
            return 0.0
        return min(pair.lexicon_counts[0] / 2, 2 * COUNT_CAP)


@register
class LexiconMisses(Feature):
    """How many known words miss their learned translation on the other side."""

    name = "lexicon_misses"

    def value(self, pair):
        context = pair.context
        if not context.lexicon:
            return 0.0
        return min(pair.lexicon_counts[1] / 2, 2 * COUNT_CAP)


def feature_vector(a: TextProfile, b: TextProfile, context: PairContext) -> list[float]:
    """All registered features for the pair (a, b), in registry order."""
    pair = PairEvidence(a, b, context)
    return [feature.value(pair) for feature in FEATURES.values()]
