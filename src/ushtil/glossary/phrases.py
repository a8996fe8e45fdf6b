"""What tells a multi-word term's rendering from other words of the same beads.

A term found in running text occurs in few beads (two or three in a news corpus), and every n-gram
found only in those beads has the same Dice with it. Three things tell the rendering apart:

- **its words translate the term's words**: each English word is associated (Dice over all beads,
  where single words occur far more often than the phrase) with a word of the rendering and each
  word of the rendering with an English word (death ~ өлім ~ смертный, penalty ~ жаза ~ казнь);
- **it is a noun phrase**: a Russian rendering holds a noun and no verb, adverb or preposition at its
  edges, no preposition; a Kazakh one does not end in a verb;
- **Russian keeps the English order of constituents**: the rendering stands where the term stands in
  the sentence (relative position).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from .index import LanguageIndex
from .patterns import term_patterns

#: Russian parts of speech a term's rendering never holds (pymorphy3's tags).
_RU_NOT_IN_TERM = frozenset({"VERB", "INFN", "GRND", "ADVB", "PRED", "CONJ", "PRCL", "INTJ", "NPRO", "COMP",
                             "PREP"})
#: Russian parts of speech a term's rendering may end in: a noun, or a participle in the genitive
#: used as one (число погибших).
_RU_NOUNS = frozenset({"NOUN"})


#: A phrase rendering's word support as worked out (:meth:`WordAssociation.support`): each content
#: word's best Dice, English words then the others; None when a side has no content word.
Support = tuple[list[float], list[float]] | None
#: What a kept result is for: a phrase rendering's word support (English key, gram), or a gram's
#: noun-phrase test (the gram).
Association = tuple[tuple[str, ...], str] | str
_UNKNOWN = object()


class WordAssociation:
    """Dice of single words (lemma keys) of English and one other language over the units.

    What renderings cost most to work out again can be ``kept`` from the last build: the word supports
    of phrase renderings ((key, gram) → support), taken again when no content word of the key or the
    gram is among the words the articles added since hold (``changed``: English grams, then the other
    language's), whose counts alone changed; and whether a gram is a noun phrase (gram → bool), taken
    again when the new articles do not hold the gram (its usual written form is as it was). Each one
    worked out here goes to ``made``, what the next build keeps (:mod:`.rankings`). ``since``: the
    units the last build counted (the new articles' come after them), which :meth:`drift` reads."""

    def __init__(self, english: LanguageIndex, target: LanguageIndex,
                 kept: dict[Association, Support | bool] | None = None,
                 changed: tuple[set[str], set[str]] = (set(), set()),
                 made: dict[Association, Support | bool] | None = None, since: int = 0):
        self.english, self.target = english, target
        self.kept, self.changed, self.since = kept or {}, changed, since
        self.made = made if made is not None else {}
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        #: (units holding both, Dice) of each word pair looked at
        self._pairs: dict[tuple[str, str], tuple[int, float]] = {}
        self._phrases: dict[str, bool] = {}
        self._best: dict[tuple[tuple[str, ...], str], tuple[list[float], list[float]] | None] = {}
        self._drifts: dict[tuple[tuple[str, ...], str], tuple[float, float]] = {}
        self._stop = term_patterns(target.lang).stop_words
        self._english_stop = term_patterns("en").stop_words

    def _units(self, index: LanguageIndex, word: str) -> frozenset[int]:
        found = self._sets.get((index.lang, word))
        if found is None:
            found = self._sets[index.lang, word] = frozenset(index.postings.get(word, ()))
        return found

    def together(self, english_word: str, word: str) -> int:
        """Units holding both words."""
        return self._pair(english_word, word)[0]

    def dice(self, english_word: str, word: str) -> float:
        return self._pair(english_word, word)[1]

    def _pair(self, english_word: str, word: str) -> tuple[int, float]:
        """Units holding both words and their Dice, counted once per pair (the renderers ask both of
        the same pairs for many candidates)."""
        if self.english.reads is not None:  # (inline: the renderers ask for hundreds of thousands of pairs)
            self.english.reads.add(english_word)
        if self.target.reads is not None:
            self.target.reads.add(word)
        found = self._pairs.get((english_word, word))
        if found is None:
            found = self.pair_unrecorded(english_word, word)
        return found

    def pair_unrecorded(self, english_word: str, word: str) -> tuple[int, float]:
        """:meth:`_pair` without recording the words as read: for a caller that records itself only
        the reads that can change its result (:meth:`.compose.PhraseComposer.support`)."""
        found = self._pairs.get((english_word, word))
        if found is None:
            a, b = self._units(self.english, english_word), self._units(self.target, word)
            both = len(a & b)
            found = self._pairs[english_word, word] = both, (2 * both / (len(a) + len(b)) if a and b else 0.0)
        return found

    def noun_phrase(self, gram: str) -> bool:
        """:func:`noun_phrase` of a gram of the target language, remembered."""
        self.target.note(gram)
        known = self._phrases.get(gram)
        if known is None:
            known = self._phrases[gram] = self._kept_or_made(gram, lambda: noun_phrase(gram, self.target))
        return known

    def support(self, key: tuple[str, ...], gram: str, weakest: bool = False) -> float:
        """How well the words of ``gram`` and of the English ``key`` translate each other (0..1): the
        mean over both sides of each content word's best Dice with a word of the other side (with
        ``weakest``, the least of them: every word must be translated)."""
        if self.target.reads is not None:  # remembered or not, it reads these words' counts
            for word in key:
                if word not in self._english_stop:
                    self.english.note(word)
            for word in gram.split(" "):
                if word not in self._stop:
                    self.target.note(word)
        best = self._best.get((key, gram), _UNKNOWN)
        if best is _UNKNOWN:
            best = self._best[key, gram] = self._kept_or_made((key, gram), lambda: self._best_dice(key, gram))
        if not best:
            return 0.0
        english, other = best
        if weakest:
            return min(min(english), min(other))
        return (sum(english) / len(english) + sum(other) / len(other)) / 2

    def drift(self, key: tuple[str, ...], gram: str) -> tuple[float, float]:
        """How far :meth:`support` of (``key``, ``gram``) can have fallen and risen since the last
        build, at most. Each Dice it reads, 2c / F (c units holding both words, F = the two words'
        counts), becomes 2(c + Δc) / (F + ΔF) when the new units hold the words ΔF times in all and
        both Δc times (Δc ≤ m, the fewer of the two words' new units, so 2m ≤ ΔF): it falls by at
        most ΔF / (F + ΔF) (Δc = 0, as 2c ≤ F) and rises by at most 2m / (F + ΔF) (nothing when one
        word is in no new unit). A word's best Dice moves no more than the most its pairs move, a
        mean of them no more than the mean of that, and so the support: (0, 0) when no word of
        either is in the new units."""
        found = self._drifts.get((key, gram))
        if found is None:
            grams = gram.split(" ")
            if self.changed[0].isdisjoint(key) and self.changed[1].isdisjoint(grams):
                found = (0.0, 0.0)
            else:
                english = [self._added(self.english, word, self.changed[0])
                           for word in key if word not in self._english_stop]
                other = [self._added(self.target, word, self.changed[1]) for word in grams if word not in self._stop]
                found = (0.0, 0.0) if not english or not other else tuple(
                    (sum(max(row) for row in table) / len(english)
                     + sum(max(column) for column in zip(*table, strict=True)) / len(other)) / 2
                    for table in ([[(added + other_added) / (count + other_count) if added + other_added else 0.0
                                    for other_added, other_count in other] for added, count in english],
                                  [[2 * min(added, other_added) / (count + other_count)
                                    for other_added, other_count in other] for added, count in english]))
            self._drifts[key, gram] = found
        return found

    def _added(self, index: LanguageIndex, word: str, changed: set[str]) -> tuple[int, int]:
        """How many of the units after the last build's hold ``word``, and how many in all."""
        units = index.postings.get(word, ())
        return (len(units) - bisect_left(units, self.since) if word in changed else 0), len(units)

    def _kept_or_made(self, item: Association, make: Callable[[], Support | bool]) -> Support | bool:
        """The kept result of ``item`` when what it reads is as it was, else ``make()``."""
        kept = self.kept.get(item, _UNKNOWN)
        if kept is not _UNKNOWN and self.unchanged(item):
            return kept
        found = self.made[item] = make()
        return found

    def unchanged(self, item: Association) -> bool:
        """Whether what ``item`` reads is as it was before the articles added since: a gram's written
        forms, or the counts of the content words :meth:`support` reads for a (key, gram)."""
        english, other = self.changed
        if isinstance(item, str):
            return item not in other
        key, gram = item
        return (not any(word in english for word in key if word not in self._english_stop)
                and not any(word in other for word in gram.split(" ") if word not in self._stop))

    def this_build(self) -> dict[Association, Support | bool]:
        """The kept results still right and those made here: what the next build keeps."""
        return {**{item: found for item, found in self.kept.items() if self.unchanged(item)}, **self.made}

    def _best_dice(self, key: tuple[str, ...], gram: str) -> Support:
        """Each content word's best Dice with a word of the other side: English words, then the others."""
        english = [word for word in key if word not in self._english_stop]
        other = [word for word in gram.split(" ") if word not in self._stop]
        if not english or not other:
            return None
        table = [[self.dice(e, t) for t in other] for e in english]
        return [max(row) for row in table], [max(column) for column in zip(*table, strict=True)]


def noun_phrase(gram: str, target: LanguageIndex) -> bool:
    """Whether the rendering looks like a term of ``target.lang`` (a noun phrase)."""
    form = target.usual_form(gram) if gram in target.surfaces else gram
    if target.lang == "ru":
        return _russian_noun_phrase(tuple(form.casefold().split(" ")))
    if target.lang == "kk":
        return not _kazakh_verb(gram.split(" ")[-1])
    return True


def _russian_noun_phrase(words: tuple[str, ...]) -> bool:
    tags = [_russian_tag(word) for word in words]
    if any(tag.POS in _RU_NOT_IN_TERM for tag in tags):
        return False  # агентство по устранению: a preposition leaves the phrase unfinished
    last = tags[-1]
    return last.POS in _RU_NOUNS or (len(words) > 1 and last.POS == "PRTF" and last.case == "gent")


@cache
def _russian_tag(word: str):
    """pymorphy3's most probable tag of a Russian word."""
    from ..lemma import builtin_lemmatizer

    return builtin_lemmatizer("ru").morph.parse(word)[0].tag


@cache
def _kazakh_verb(lemma: str) -> bool:
    from ..lemma import builtin_lemmatizer

    return builtin_lemmatizer("kk").is_verb(lemma)


def relative_position(english_side, key: tuple[str, ...], side, gram: str) -> float | None:
    """1 when the rendering stands where the term stands (relative to the sentence), less the farther
    apart they are; None when either is not found."""
    start = _find(english_side.keys, list(key))
    other = _find(side.keys, gram.split(" "))
    if start is None or other is None:
        return None
    here = start / max(len(english_side.keys), 1)
    there = other / max(len(side.keys), 1)
    return max(0.0, 1 - 2 * abs(here - there))


def _find(keys: list[str], wanted: list[str]) -> int | None:
    n = len(wanted)
    return next((i for i in range(len(keys) - n + 1) if keys[i:i + n] == wanted), None)
