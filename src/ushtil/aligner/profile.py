"""What the similarity features read from one sentence: a :class:`SentenceProfile`.

A profile is computed once per sentence; the evidence for a bead side of two or three sentences
is added up from its sentences' (see :mod:`.features`), so nothing is re-tokenised per candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern

from ..langs.numbers import number_keys
from ..tokens import words
from ..translit import sound_key

#: Punctuation classes compared across languages (a closing bracket counts as its opening one).
PUNCTUATION_CLASSES: dict[str, int] = {
    "?": 0, "!": 1, ":": 2, ";": 3, "(": 4, ")": 4, "%": 5,
    '"': 6, "«": 6, "»": 6, "“": 6, "”": 6, "„": 6,
}
PUNCTUATION_COUNT = 7
#: Prefix length of the stems a learned lexicon pairs (Kazakh and Russian inflect by suffix).
STEM_LENGTH = 5
#: Words of at least COGNATE_MIN letters are compared by their first COGNATE_PREFIX sound-key letters.
COGNATE_MIN = 5
COGNATE_PREFIX = 4
#: The n of the character n-grams compared across scripts (on sound keys).
NGRAM_ORDER = 3
#: Share of a name's letter bigrams (of its first :data:`NAME_STEM` letters) that a word must have
#: to count as the same name: Kazakh and Russian add case endings and spell foreign names by ear
#: (Kavanaugh ~ Каваноны).
NAME_MATCH = 0.6
NAME_STEM = 7
_DIGIT = re.compile(r"\d")
_PUNCTUATION = re.compile("[" + re.escape("".join(PUNCTUATION_CLASSES)) + "]")


@dataclass(eq=False)
class SentenceProfile:
    """Evidence extracted from one sentence."""

    lang: str
    #: characters other than spaces: the length that translations keep in proportion
    chars: int
    #: numbers by value, read with the language's conventions (6.8 = 6,8; 1,000 = 1 000; 68 ≠ 6.8)
    numbers: Counter = field(default_factory=Counter)
    #: sound keys of capitalised words after the first, and of acronyms
    names: frozenset[str] = frozenset()
    #: sound keys of the words (no numbers), to look names up in (see :func:`~.features._found`)
    keys: frozenset[str] = frozenset()
    #: character trigrams of the sound keys (a set: repeats say little)
    ngrams: frozenset[str] = frozenset()
    #: counts per punctuation class (:data:`PUNCTUATION_CLASSES`)
    punctuation: tuple[int, ...] = (0,) * PUNCTUATION_COUNT
    #: sound-key prefixes of the longer words: cognates and loanwords (президент ~ president)
    cognates: frozenset[str] = frozenset()
    #: lower-cased word prefixes, the units of a learned lexicon and of glossary terms
    stems: frozenset[str] = frozenset()
    #: a heading (a headline, a title): the sentence ends in a letter or digit, not in punctuation
    heading: bool = False


def stem(word: str) -> str:
    return word.lower()[:STEM_LENGTH]


@lru_cache(maxsize=1 << 17)
def bigrams(key: str) -> frozenset[str]:
    padded = f" {key}"
    return frozenset(map(padded.__getitem__, _slices(len(padded), 2)))


def sounds_like(name: str, key: str) -> bool:
    """Whether the word of sound key ``key`` has :data:`NAME_MATCH` of the letter bigrams of the
    name's first :data:`NAME_STEM` letters (what :func:`.features._found` counts for all at once)."""
    wanted = bigrams(name[:NAME_STEM])
    return len(wanted & bigrams(key)) >= NAME_MATCH * len(wanted)


@lru_cache(maxsize=1 << 14)
def stems(text: str) -> frozenset[str]:
    """The lexicon units of a text: lower-cased prefixes of its words (numbers left out); cached, as
    a corpus's first pass and the lexicon learned from it read the stems of the same sentences."""
    return frozenset(stem(token) for token in words(text) if len(token) > 1 and not token[0].isdigit())


def profile_sentence(text: str, lang: str) -> SentenceProfile:
    """Build the profile of one sentence ``text`` written in ``lang`` (its strings interned: a long
    text repeats the same n-grams and stems in thousands of sentences; what a word gives is worked
    out once per word, :func:`_word_evidence`)."""
    tokens = words(text)
    keys, ngrams, cognates, word_stems, looked_up, naming = (
        zip(*map(_word_evidence, tokens), strict=True) if tokens else ((),) * 6)
    # a capitalised word names something after the first word; an acronym anywhere
    names = {key for position, (key, kind) in enumerate(zip(keys, naming, strict=True)) if kind > (position == 0)}
    punctuation = [0] * PUNCTUATION_COUNT
    for ch in _PUNCTUATION.findall(text):  # a sentence has few marks: one pass, not one per class
        punctuation[PUNCTUATION_CLASSES[ch]] += 1
    return SentenceProfile(
        lang=lang,
        chars=sum(map(len, text.split())),  # the characters other than spaces
        numbers=Counter(number_keys(text, lang) if _DIGIT.search(text) else ()),  # every number has a digit
        names=frozenset(map(intern, names)),
        keys=frozenset(filter(None, looked_up)),
        ngrams=frozenset().union(*ngrams),
        punctuation=tuple(punctuation),
        cognates=frozenset(filter(None, cognates)),
        stems=frozenset(filter(None, word_stems)),
        heading=text.rstrip()[-1:].isalnum(),
    )


@lru_cache(maxsize=1024)
def _slices(length: int, order: int = NGRAM_ORDER) -> tuple[slice, ...]:
    """The slices of the n-grams of this order of a string of this length."""
    return tuple(slice(i, i + order) for i in range(length - order + 1))


@lru_cache(maxsize=1 << 17)
def _word_evidence(token: str) -> tuple[str, frozenset[str], str, str, str, int]:
    """What one word adds to a profile: its sound key, the n-grams of the key (none for a number),
    the cognate prefix ("" for a short word or a number), the stem ("" for a number or a single
    character), the key names are looked up by ("" for a number) and whether the word names
    something (2: an acronym, 1: capitalised, a name after a sentence's first word; 0: no);
    interned, and cached, since words repeat across sentences."""
    key = intern(sound_key(token))
    ngrams: frozenset[str] = frozenset()
    if not key.isdigit():
        padded = f" {key} "
        ngrams = frozenset(map(intern, map(padded.__getitem__, _slices(len(padded)))))
    cognate = intern(key[:COGNATE_PREFIX]) if len(key) >= COGNATE_MIN and not key[0].isdigit() else ""
    word_stem = intern(stem(token)) if len(token) > 1 and not token[0].isdigit() else ""
    naming = 0
    if len(key) >= 2 and not token[0].isdigit():
        naming = 2 if token.isupper() else 1 if token[0].isupper() else 0
    return key, ngrams, cognate, word_stem, key if key and not key.isdigit() else "", naming
