"""The shared base of the per-language lemmatisers: caching per word form and one capitalisation policy.

A language module only says what a lower-case word form's lemma is and whether the word is a name
(:meth:`Lemmatizer.analyse`); the module writes the lemma as it would stand inside a sentence, and this base
lower-cases a common word whose capital only marks a sentence start (as dictionaries and the UD
treebanks write lemmas), unless the next word is capitalised too ("Орта Азияның" is a name).
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
from dataclasses import dataclass
from importlib import resources

from ..langs import get_language


@dataclass(frozen=True)
class Analysis:
    """What a lemmatiser knows about one word form: its lemma and whether it names something."""

    lemma: str
    proper: bool = False
    #: The lemma when a capital only marks a sentence start (when it differs from ``lemma`` lowered).
    common: str = ""


class Lemmatizer(ABC):
    """Lemmas for one language; results are cached per word form, so repeated words cost a lookup."""

    #: ISO 639-1 code of the language this lemmatiser serves.
    lang: str = ""

    def __init__(self) -> None:
        self._cache: dict[str, Analysis] = {}
        self._function_words = get_language(self.lang).stop_words

    def clear_cache(self) -> None:
        """Forget every analysed form (to measure a cold start, or to free memory)."""
        self._cache.clear()

    @abstractmethod
    def analyse(self, word: str) -> Analysis:
        """The analysis of ``word`` as written; the lemma may keep the word's capitals."""

    def lemmatize(self, words: list[str]) -> list[str]:
        """One lemma per word of a sentence (the first word may be a sentence start), order kept."""
        cache = self._cache
        lemmas = [(cache.get(word) or self._analysed(word)).lemma for word in words]
        if words and words[0][:1].isupper():  # only a first word's capital may be positional
            first = words[0]
            name_follows = len(words) > 1 and _is_title(words[1]) and first.lower() not in self._function_words
            lemmas[0] = self.lemma(first, sentence_start=True, name_follows=name_follows)
        return lemmas

    def _analysed(self, word: str) -> Analysis:
        analysis = self._cache[word] = self.analyse(word)
        return analysis

    def lemma(self, word: str, sentence_start: bool = False, name_follows: bool = False) -> str:
        """The lemma of one word; ``sentence_start`` says its capital letter may be only positional."""
        analysis = self._cache.get(word) or self._analysed(word)
        return _cased(word, analysis, sentence_start and not name_follows)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a form the analyser's lexicon holds or leads to (a known lemma with
        endings): what tells a real word from a misreading of it. A lemmatiser without one knows none."""
        return False

    def lemmas(self, word: str) -> tuple[str, ...]:
        """Every lemma the analyser finds possible for ``word``, the likeliest first: a foreign name's
        case form can be read more than one way (Омахе: Омах or Омаха), and only its English
        spelling tells which."""
        return (self.lemma(word),)


def _is_title(word: str) -> bool:
    return word[:1].isupper()


def _cased(word: str, analysis: Analysis, sentence_start: bool) -> str:
    """Lower-case the lemma of a common word whose capital only marks the start of a sentence."""
    if sentence_start and not analysis.proper and word[:1].isupper() and not _is_acronym(word):
        return analysis.common or analysis.lemma.lower()
    return analysis.lemma


def _is_acronym(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def read_table(package: str, name: str) -> list[list[str]]:
    """Rows of a tab-separated data file shipped in ``package``'s ``data/`` folder, comments skipped."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
