"""Kazakh lemmas: a lexicon of word forms and lemmas, then stripping of inflectional endings.

A form the lexicon knows (``data/kk_lexicon.tsv``, from the UD Kazakh treebank) gets its lemma from
there. Any other form is taken apart from the end with the endings of ``data/kk_endings.toml``
(plural, possessive, case, verb endings, each in its back- and front-vowel variants); the longest
stem that is a known lemma wins, and when no stem is known only the noun endings are stripped, so
an unknown name still loses its case ending (Ресейдің → Ресей).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .base import Analysis, Lemmatizer, read_table

_BACK_VOWELS = frozenset("аоұыя")
_FRONT_VOWELS = frozenset("әеөүіэ")
_VOWELS = _BACK_VOWELS | _FRONT_VOWELS | frozenset("уиюё")
#: A number with a case or ordinal ending after a hyphen or apostrophe: 55-ші, 2010-жылы, ЕО-ның.
_HYPHENATED = re.compile(r"^(.+?)[-'’]([^\W\d_]+)$")
#: Ordinal endings of numbers (55-ші, 1-інші).
_ORDINAL = frozenset({"ші", "шы", "інші", "ыншы", "нші", "ншы"})


@dataclass(frozen=True)
class Ending:
    """One variant of an inflectional ending, with the stems it can follow."""

    text: str
    back: bool | None  # None: the variant has no vowel, so it follows either vowel class
    after: frozenset[str]  # the last sounds a stem may end in before this variant
    safe: bool


@dataclass(frozen=True)
class _Split:
    stem: str
    endings: int
    safe: bool


class KazakhLemmatizer(Lemmatizer):
    lang = "kk"

    def __init__(self, lexicon: Iterable[tuple[str, str]] | None = None) -> None:
        """``lexicon``: (form, lemma) pairs; the shipped ``data/kk_lexicon.tsv`` when not given."""
        super().__init__()
        endings_file = resources.files(__package__).joinpath("data", "kk_endings.toml")
        data = tomllib.loads(endings_file.read_text("utf-8"))
        self._min_stem: int = data["min_stem"]
        self._max_endings: int = data["max_endings"]
        self._alternation: dict[str, str] = data["alternation"]
        self._endings = _load_endings(data["group"], data["classes"])
        self._max_ending = max(len(ending.text) for ending in self._endings)
        self._by_text: dict[str, tuple[Ending, ...]] = {}
        for ending in self._endings:
            self._by_text[ending.text] = (*self._by_text.get(ending.text, ()), ending)
        if lexicon is None:
            lexicon = ((row[0], row[1]) for row in read_table(__package__, "kk_lexicon.tsv"))
        self._forms: dict[str, str] = {}
        self._lemmas: dict[str, str] = {}
        for form, lemma in lexicon:
            self._forms.setdefault(form.lower(), lemma)
            self._lemmas.setdefault(lemma.lower(), lemma)

    def analyse(self, word: str) -> Analysis:
        lower = word.lower()
        if not any(char.isalpha() for char in word):
            return Analysis(word)
        hyphenated = _HYPHENATED.match(word)
        if hyphenated and (hyphenated.group(1).isdigit() or hyphenated.group(1).isupper()):
            head, tail = hyphenated.groups()
            if tail.lower() in _ORDINAL or self._is_ending_chain(tail.lower()):
                return Analysis(head, proper=head.isupper())
        known = self._forms.get(lower)
        if known is None:
            stem = self._stem(lower)
            known = self._lemmas.get(stem)
            if known is None:
                return self._unknown(word, stem)
        if word.isupper() and len(word) > 1 and known.lower() == lower:
            return Analysis(word, proper=True)
        proper = known[:1].isupper()
        if proper or not word[:1].isupper():
            return Analysis(known, proper=proper)
        return Analysis(known)

    def _unknown(self, word: str, stem: str) -> Analysis:
        """A stem no lexicon knows: a capitalised word is taken for a name and keeps its capital."""
        if word.isupper() and len(word) > 1:
            return Analysis(word[: len(stem)], proper=True)
        if word[:1].isupper():
            return Analysis(word[:1] + stem[1:], proper=True)
        return Analysis(stem)

    def _stem(self, lower: str) -> str:
        """The longest known lemma left after stripping endings, else the noun endings stripped."""
        splits = list(self._splits(lower, 0, True))
        known = [split for split in splits if split.stem in self._lemmas]
        if known:
            return max(known, key=lambda split: (len(split.stem), -split.endings)).stem
        safe = [split for split in splits if split.safe and split.endings]
        if safe:
            return min(safe, key=lambda split: (len(split.stem), split.endings)).stem
        return lower

    def _splits(self, word: str, endings: int, safe: bool):
        yield _Split(word, endings, safe)
        if endings >= self._max_endings:
            return
        for size in range(min(self._max_ending, len(word) - self._min_stem), 0, -1):
            stem, tail = word[:-size], word[-size:]
            for ending in self._by_text.get(tail, ()):
                if stem[-1] not in ending.after or not _harmonises(stem, ending):
                    continue
                if ending.text[0] in _VOWELS and stem[-1] in self._alternation:
                    stem = stem[:-1] + self._alternation[stem[-1]]
                yield from self._splits(stem, endings + 1, safe and ending.safe)

    def _is_ending_chain(self, tail: str) -> bool:
        """Whether ``tail`` is made of endings only (the part after the hyphen in ЕО-ның)."""
        if tail in self._by_text:
            return True
        return any(
            tail.endswith(text) and self._is_ending_chain(tail[: -len(text)])
            for text in self._by_text
            if len(text) < len(tail)
        )


def _load_endings(groups: list[dict], classes: dict[str, str]) -> tuple[Ending, ...]:
    endings = []
    for group in groups:
        for back_text, front_text, after_spec in group["variants"]:
            after = frozenset("".join(classes.get(item, item) for item in after_spec.split()))
            for back, text in ((True, back_text), (False, front_text)):
                has_vowel = any(char in _VOWELS - {"у"} for char in text)
                endings.append(Ending(text, back if has_vowel else None, after, group["safe"]))
    return tuple(dict.fromkeys(endings))


def _harmonises(stem: str, ending: Ending) -> bool:
    """Whether ``ending`` can follow ``stem``: the stem has a vowel and agrees in vowel class."""
    for char in reversed(stem):
        if char in _BACK_VOWELS:
            return ending.back is not False
        if char in _FRONT_VOWELS:
            return ending.back is not True
    return any(char in _VOWELS for char in stem)
