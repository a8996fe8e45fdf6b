"""What the similarity features read from one side of a bead: a :class:`TextProfile`.

A profile is computed once per sentence span (one to three consecutive sentences of a language)
and cached by the :class:`ProfileCache`, so the dynamic programme never re-tokenises text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..tokens import words
from ..translit import sound_key

_NUMBER = re.compile(r"\d+(?:[.,]\d+|[\u00a0 ]\d{3}(?!\d))*")
_NUMBER_SEPARATORS = re.compile(r"[.,\u00a0 ]")
_PUNCTUATION_CLASSES: dict[str, str] = {
    "?": "?", "!": "!", ":": ":", ";": ";", "(": "(", ")": "(", "%": "%",
    '"': "quote", "«": "quote", "»": "quote", "“": "quote", "”": "quote", "„": "quote",
}
#: Prefix length of the stems a learned lexicon pairs (Kazakh and Russian inflect by suffix).
STEM_LENGTH = 5
#: Words of at least COGNATE_MIN letters are compared by their first COGNATE_PREFIX sound-key letters.
COGNATE_MIN = 5
COGNATE_PREFIX = 4
#: The n of the character n-grams compared across scripts (on sound keys).
NGRAM_ORDER = 3


@dataclass(eq=False)
class TextProfile:
    """Evidence extracted from the text of one bead side."""

    lang: str
    text: str
    #: characters other than spaces: the length that translations keep in proportion
    chars: int
    words: list[str]
    #: sound keys of the words, for comparing names and loanwords across scripts
    keys: list[str]
    numbers: Counter = field(default_factory=Counter)
    #: sound keys of capitalised words after the first, and of acronyms
    names: set[str] = field(default_factory=set)
    #: letter bigrams of each word's sound key, to look names up in
    word_bigrams: list[frozenset[str]] = field(default_factory=list)
    #: character trigrams of the sound keys (a set: intersecting sets is fast, and repeats say little)
    ngrams: frozenset[str] = frozenset()
    punctuation: Counter = field(default_factory=Counter)
    #: sound-key prefixes of the longer words: cognates and loanwords (президент ~ president)
    cognates: frozenset[str] = frozenset()
    #: lower-cased word prefixes, the units of a learned lexicon
    stems: set[str] = field(default_factory=set)
    #: the one-sentence profiles a span profile is made of (empty for a single sentence)
    parts: list[TextProfile] = field(default_factory=list)
    #: memo of name look-ups in this text (see :func:`~.features.name_found`)
    name_memo: dict[str, bool] = field(default_factory=dict)


def normalise_number(number: str) -> str:
    """``1,000`` / ``1 000`` / ``1000`` and ``6.8`` / ``6,8`` compare equal."""
    return _NUMBER_SEPARATORS.sub("", number)


def stem(word: str) -> str:
    return word.lower()[:STEM_LENGTH]


def bigrams(key: str) -> frozenset[str]:
    padded = f" {key}"
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def profile_text(text: str, lang: str) -> TextProfile:
    """Build the profile of ``text`` written in ``lang``."""
    tokens = words(text)
    keys = [sound_key(token) for token in tokens]
    names = {
        key
        for position, (token, key) in enumerate(zip(tokens, keys, strict=False))
        if len(key) >= 2 and not token[0].isdigit() and (token.isupper() or (position > 0 and token[0].isupper()))
    }
    ngrams = set()
    for key in keys:
        if key.isdigit():
            continue
        padded = f" {key} "
        ngrams.update(padded[i : i + NGRAM_ORDER] for i in range(len(padded) - NGRAM_ORDER + 1))
    return TextProfile(
        lang=lang,
        text=text,
        chars=sum(1 for ch in text if not ch.isspace()),
        words=[token.lower() for token in tokens],
        keys=keys,
        numbers=Counter(normalise_number(number) for number in _NUMBER.findall(text)),
        names=names,
        word_bigrams=[bigrams(key) for key in set(keys) if not key.isdigit()],
        ngrams=frozenset(ngrams),
        punctuation=Counter(_PUNCTUATION_CLASSES[ch] for ch in text if ch in _PUNCTUATION_CLASSES),
        cognates=frozenset(key[:COGNATE_PREFIX] for key in keys if len(key) >= COGNATE_MIN and not key[0].isdigit()),
        stems={stem(token) for token in tokens if len(token) > 1 and not token[0].isdigit()},
    )


#: Cached profiles per language before the cache is emptied (memory stays bounded on long texts;
#: the programme moves forward through the text, so little is recomputed).
MAX_CACHED_PROFILES = 3_000


def merge_profiles(parts: list[TextProfile]) -> TextProfile:
    """The profile of consecutive sentences, from theirs (name look-ups go to the parts)."""
    first = parts[0]
    numbers: Counter = Counter()
    punctuation: Counter = Counter()
    for part in parts:
        numbers.update(part.numbers)
        punctuation.update(part.punctuation)
    return TextProfile(
        lang=first.lang,
        text=" ".join(part.text for part in parts),
        chars=sum(part.chars for part in parts),
        words=[word for part in parts for word in part.words],
        keys=[key for part in parts for key in part.keys],
        numbers=numbers,
        names=set().union(*(part.names for part in parts)),
        ngrams=frozenset().union(*(part.ngrams for part in parts)),
        punctuation=punctuation,
        cognates=frozenset().union(*(part.cognates for part in parts)),
        stems=set().union(*(part.stems for part in parts)),
        parts=parts,
    )


class ProfileCache:
    """Profiles of every span ``sentences[start:end]`` of one language, computed on demand."""

    def __init__(self, sentences: list[str], lang: str):
        self.sentences = sentences
        self.lang = lang
        self._cache: dict[tuple[int, int], TextProfile] = {}

    def span(self, start: int, end: int) -> TextProfile:
        found = self._cache.get((start, end))
        if found is None:
            if end - start > 1:
                found = merge_profiles([self.span(i, i + 1) for i in range(start, end)])
            else:
                found = profile_text(self.sentences[start], self.lang)
            if len(self._cache) >= MAX_CACHED_PROFILES:
                self._cache.clear()
            self._cache[(start, end)] = found
        return found
