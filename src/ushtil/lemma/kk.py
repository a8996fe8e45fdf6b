"""Kazakh lemmas: a lexicon of word forms and lemmas, then stripping of inflectional endings.

A form the lexicon knows (``data/kk_lexicon.tsv``, from the UD Kazakh treebank) gets its lemma from
there. Any other form is taken apart from the end with the endings of ``data/kk_endings.toml``
(plural, possessive, case, verb endings, each in its back- and front-vowel variants); the longest
stem that is a known lemma wins, and when no stem is known only the noun endings are stripped, so
an unknown name still loses its case ending (Ресейдің → Ресей).

A text typed without the Kazakh letters ("факторларга" for "факторларға", kk.toml's ``stand_ins``)
is read by a lemmatiser whose lexicon, endings and vowel classes are all so typed
(``KazakhLemmatizer(typed=True)``): its lemmas are written as the text writes them ("фактор",
"субъективти"), since the letters cannot be told back (кол: қол or көл).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..langs import get_language
from .base import Analysis, Lemmatizer, read_table

#: A number with a case or ordinal ending after a hyphen or apostrophe: 55-ші, 2010-жылы, ЕО-ның.
_HYPHENATED = re.compile(r"^(.+?)[-'’]([^\W\d_]+)$")


@dataclass(frozen=True)
class Ending:
    """One variant of an inflectional ending, with the stems it can follow."""

    text: str
    back: bool | None  # None: the variant has no vowel, so it follows either vowel class
    after: frozenset[str]  # the last sounds a stem may end in before this variant
    kind: str  # "noun", "verb" or "any": see data/kk_endings.toml


@dataclass(frozen=True)
class _Split:
    """A stem left after stripping ``endings`` endings, and which kinds of ending they were."""

    stem: str
    endings: int
    nominal: bool  # only noun endings were stripped
    verbal: bool  # a verb ending was stripped, so the stem must be a verb


class KazakhLemmatizer(Lemmatizer):
    lang = "kk"

    def __init__(self, lexicon: Iterable[tuple[str, str, str]] | None = None, typed: bool = False) -> None:
        """``lexicon``: (form, lemma, UPOS) rows; the shipped ``data/kk_lexicon.tsv`` when not given.
        ``typed``: the words are typed without the Kazakh letters (through kk.toml's stand-ins)."""
        super().__init__()
        table = get_language(self.lang).stand_in_table if typed else {}
        data = _endings_data()
        self._min_stem: int = data["min_stem"]
        self._max_endings: int = data["max_endings"]
        self._verb_evidence: float = data["verb_evidence"]
        self._alternation: dict[str, str] = {
            voiced.translate(table): plain.translate(table) for voiced, plain in data["alternation"].items()}
        self._vowels = _vowel_classes(table)
        self._vowel_letters = _vowel_letters()
        self._ordinal = frozenset(ending.translate(table) for ending in kazakh_endings("ordinal"))
        if typed:
            self._function_words = frozenset(word.translate(table) for word in self._function_words)
        self._by_text: dict[str, tuple[Ending, ...]] = {}
        for ending in _load_endings(data["group"], data["classes"], table):
            self._by_text[ending.text] = (*self._by_text.get(ending.text, ()), ending)
        self._max_ending = max(map(len, self._by_text))
        if lexicon is None:
            lexicon = ((form, lemma, upos) for form, lemma, upos in read_table(__package__, "kk_lexicon.tsv"))
        self._forms: dict[str, str] = {}
        self._lemmas: dict[str, str] = {}
        self._verbs: set[str] = set()
        self._parts: dict[str, set[str]] = {}
        for form, lemma, upos in lexicon:
            form, lemma = form.translate(table), lemma.translate(table)
            self._forms.setdefault(form.lower(), lemma)
            self._lemmas.setdefault(lemma.lower(), lemma)
            if upos in {"VERB", "AUX"}:
                self._verbs.add(lemma.lower())
            self._parts.setdefault(lemma.lower(), set()).add(upos)
        self._split_cache: dict[str, frozenset[_Split]] = {}
        self._tails = _TailStatistics(self._forms.items(), self._alternation)

    def clear_cache(self) -> None:
        super().clear_cache()
        self._split_cache.clear()

    def is_verb(self, lemma: str) -> bool:
        """Whether the treebank lexicon knows ``lemma`` as a verb (бекіт, көрсет)."""
        return lemma.lower() in self._verbs

    def parts_of_speech(self, lemma: str) -> frozenset[str]:
        """The parts of speech the treebank lexicon knows ``lemma`` as (саяси: ADJ; сауда: NOUN)."""
        return frozenset(self._parts.get(lemma.lower(), ()))

    def knows(self, word: str) -> bool:
        """A form of the treebank lexicon, a function word, or one whose likeliest stem is a known
        lemma (үкіметтің: үкімет): a split's score ranks a known lemma first, so the likeliest is
        known when any split is."""
        lower = word.lower()
        if lower in self._forms or lower in self._function_words:
            return True
        return any(self._score(lower, split)[0] for split in self._splits(lower))

    def may_end_in(self, word: str, ending: str) -> bool | None:
        """Whether ``word`` may be a stem with the noun ending ``ending`` on it: the ending follows
        the stem's last sound and vowel class (тізе cannot be тіз + е: е follows only м, ң); None for
        an ending these data do not list."""
        variants = [variant for variant in self._by_text.get(ending, ()) if variant.kind == "noun"]
        if not variants:
            return None
        lower = word.casefold()
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < self._min_stem:
            return False
        return any(stem[-1] in variant.after and _harmonises(stem, variant, self._vowels) for variant in variants)

    def analyse(self, word: str) -> Analysis:
        lower = word.lower()
        if not any(char.isalpha() for char in word):
            return Analysis(word)
        hyphenated = _HYPHENATED.match(word)
        if hyphenated and (hyphenated.group(1).isdigit() or hyphenated.group(1).isupper()):
            head, tail = hyphenated.groups()
            if tail.lower() in self._ordinal or self._is_ending_chain(tail.lower()):
                return Analysis(head, proper=head.isupper())
        known = self._forms.get(lower)
        if known is None and lower in self._function_words:
            return Analysis(lower)  # емес, біршама: function words do not inflect
        if known is None:
            stem = self._stem(lower)
            known = self._lemmas.get(stem)
            if known is None:
                return self._unknown(word, stem)
        if word.isupper() and len(word) > 1 and known.lower() == lower:
            return Analysis(word, proper=True)
        return Analysis(known, proper=known[:1].isupper())

    def _unknown(self, word: str, stem: str) -> Analysis:
        """A stem no lexicon knows keeps the capitals it was written with (Дар-әл-Харб); at a
        sentence start only an acronym is sure to be a name."""
        written = word[: len(stem)] if word[: len(stem)].lower() == stem else word[:1] + stem[1:]
        return Analysis(written, proper=word.isupper() and len(word) > 1)

    def _stem(self, lower: str) -> str:
        """The most likely stem: a known lemma first, then the ending seen stripped most often."""
        return max(self._splits(lower), key=lambda split: self._score(lower, split)).stem

    def _score(self, word: str, split: _Split) -> tuple[bool, float, int]:
        """Known lemma first (a verb after verb endings, and then only when such tails are seen
        stripped: "қиын-ды-қ" is rarely a verb form), then tail likelihood, then stem length."""
        likelihood = self._tails.likelihood(word, split.stem)
        known = split.stem in self._lemmas and (
            split.nominal
            or ((split.stem in self._verbs or not split.verbal) and likelihood >= self._verb_evidence)
        )
        return known, likelihood, len(split.stem)

    def _splits(self, word: str) -> frozenset[_Split]:
        """Every way to strip up to ``max_endings`` endings from ``word``, the word itself included."""
        cached = self._split_cache.get(word)
        if cached is None:
            cached = self._split_cache[word] = self._strip(word)
        return cached

    def _strip(self, word: str) -> frozenset[_Split]:
        """Breadth first, so each stem is reached with the fewest endings, and reached only once."""
        whole = _Split(word, 0, True, False)
        found = {(word, True, False): whole}
        frontier = [whole]
        for endings in range(1, self._max_endings + 1):
            following = []
            for split in frontier:
                for stripped in self._strip_one(split, endings):
                    state = (stripped.stem, stripped.nominal, stripped.verbal)
                    if state not in found:
                        found[state] = stripped
                        following.append(stripped)
            frontier = following
        return frozenset(found.values())

    def _strip_one(self, split: _Split, endings: int):
        """The splits one ending shorter than ``split``."""
        word = split.stem
        for size in range(min(self._max_ending, len(word) - self._min_stem), 0, -1):
            stem, tail = word[:-size], word[-size:]
            for ending in self._by_text.get(tail, ()):
                if split.verbal and ending.kind == "noun":
                    continue  # noun endings follow verb endings (кел-ген-де), never precede them
                if stem[-1] not in ending.after or not _harmonises(stem, ending, self._vowels):
                    continue
                left = stem
                if ending.text[0] in self._vowel_letters and stem[-1] in self._alternation:
                    left = stem[:-1] + self._alternation[stem[-1]]
                yield _Split(left, endings, split.nominal and ending.kind == "noun",
                             split.verbal or ending.kind == "verb")

    def _is_ending_chain(self, tail: str) -> bool:
        """Whether ``tail`` is one or two endings (the part after the hyphen in ЕО-ның, ЕО-дағы)."""
        return tail in self._by_text or any(
            tail[:size] in self._by_text and tail[size:] in self._by_text for size in range(1, len(tail))
        )


class _TailStatistics:
    """How often the lexicon's forms that end in a given way lose exactly that tail to their lemma.

    The key is the stem's last letter plus the stripped tail ("у|лар" against "ла|р"), so the
    choice between two analyses follows what the treebank does with words that end so; a key the
    lexicon has seen rarely leans on the tail alone (any stem + "пен").
    """

    def __init__(self, pairs: Iterable[tuple[str, str]], alternation: dict[str, str], longest: int = 12):
        self._ends: Counter[str] = Counter()
        self._strips: Counter[str] = Counter()
        self._tail_strips: Counter[str] = Counter()
        self._alternation = alternation
        for form, lemma in pairs:
            for size in range(1, min(len(form), longest) + 1):
                self._ends[form[-size:]] += 1
            key = self._key(form, lemma.lower())
            if key is not None:
                self._strips[key] += 1
                self._tail_strips[key[1:]] += 1

    def _key(self, word: str, stem: str) -> str | None:
        """The stem's last letter and the tail ("у|лар" as "улар"; ">" marks ғ/г/б for қ/к/п)."""
        size = len(stem)
        if not stem or size > len(word):
            return None
        if word[:size] == stem:
            return word[size - 1:]
        if word[: size - 1] == stem[:-1] and self._alternation.get(word[size - 1]) == stem[-1]:
            return word[size - 1:] + ">"
        return None

    def likelihood(self, word: str, stem: str) -> float:
        """P(the lemma is ``stem`` | the word ends as it does), smoothed towards the tail alone."""
        key = self._key(word, stem)
        if key is None:
            return 0.0
        tail = key[1:]
        if not tail:
            return (self._strips[key] + 0.1) / (self._ends[key.rstrip(">")] + 1)
        prior = (self._tail_strips[tail] + 0.1) / (self._ends[tail.rstrip(">")] + 1)
        return (self._strips[key] + 2 * prior) / (self._ends[key.rstrip(">")] + 2)


@cache
def kazakh_endings(name: str) -> tuple[str, ...]:
    """Every written variant (back and front vowel) of the ending group ``name`` of
    ``data/kk_endings.toml`` ("plural", "genitive", "attributive", ...), of its derivational suffix
    list of that name ("adjective") or of its list of endings in a chain ("possessive_and_accusative"),
    longest first: the one record of Kazakh endings."""
    data = _endings_data()
    variants = next((group["variants"] for group in data["group"] if group["name"] == name), None)
    if variants is None:
        variants = data["derivation"][name] if name in data["derivation"] else data["chains"][name]
    texts = dict.fromkeys(text for variant in variants for text in variant[:2])
    return tuple(sorted(texts, key=len, reverse=True))


@cache
def kazakh_voicing() -> dict[str, str]:
    """Stem-final consonants and their voiced form before a vowel-initial ending (к → г: игілік,
    игілігі), from the ``[alternation]`` of ``data/kk_endings.toml``."""
    return {plain: voiced for voiced, plain in _endings_data()["alternation"].items()}


@cache
def _endings_data() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("data", "kk_endings.toml").read_text("utf-8"))


def _load_endings(groups: list[dict], classes: dict[str, str], table: dict[int, str]) -> tuple[Ending, ...]:
    """Every variant of every group, with its vowel class and the sounds it may follow, written
    through ``table`` (the stand-ins of a text typed without the Kazakh letters; empty: as they are)."""
    endings = []
    for group in groups:
        for back_text, front_text, after_spec in group["variants"]:
            after = frozenset("".join(classes.get(item, item) for item in after_spec.split()).translate(table))
            for back, text in ((True, back_text), (False, front_text)):
                has_vowel = any(char in classes["vowel"] for char in text)
                endings.append(Ending(text.translate(table), back if has_vowel else None, after, group["kind"]))
    return tuple(dict.fromkeys(endings))


@dataclass(frozen=True)
class _Vowels:
    """The vowels that tell a stem's vowel class, and every vowel, as the text is written."""

    back: frozenset[str]
    front: frozenset[str]
    every: frozenset[str]


@cache
def _vowel_letters() -> frozenset[str]:
    """Every vowel letter: the ``vowel`` class of ``data/kk_endings.toml`` and the glides of its
    ``[harmony]`` (у, и)."""
    data = _endings_data()
    return frozenset(data["classes"]["vowel"] + data["harmony"]["glides"])


def _vowel_classes(table: dict[int, str]) -> _Vowels:
    """Back and front vowels (``[harmony]`` of ``data/kk_endings.toml``) written through ``table``: a
    letter written for vowels of both classes (а for а and ә, о for о and ө) or for a neutral one
    (и for і and и) tells neither."""
    harmony, vowels = _endings_data()["harmony"], _vowel_letters()
    back = {char.translate(table) for char in harmony["back"]}
    front = {char.translate(table) for char in harmony["front"]}
    neutral = {char.translate(table) for char in vowels - set(harmony["back"]) - set(harmony["front"])}
    return _Vowels(frozenset(back - front - neutral), frozenset(front - back - neutral),
                   frozenset(char.translate(table) for char in vowels))


def _harmonises(stem: str, ending: Ending, vowels: _Vowels) -> bool:
    """Whether ``ending`` can follow ``stem``: the stem has a vowel and agrees in vowel class."""
    for char in reversed(stem):
        if char in vowels.back:
            return ending.back is not False
        if char in vowels.front:
            return ending.back is not True
    return any(char in vowels.every for char in stem)
