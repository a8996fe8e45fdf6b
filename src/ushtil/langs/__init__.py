"""Per-language data and the registry of supported languages.

Each language is one TOML file in ``data/`` (markers, abbreviations, function words); adding a
language means adding a file, not touching the pipeline. Files are read once, lazily.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from itertools import combinations

from ..errors import UshtilError


def _squeeze(entry: str) -> str:
    """Abbreviations are compared without spaces, so "и т. д." and "и т.д." are one entry."""
    return entry.replace(" ", "")


@dataclass(frozen=True)
class Language:
    """What the pipeline knows about one language, loaded from its data file."""

    code: str
    name: str
    script: str
    #: the letters of the language, lower case
    alphabet: str
    abstract_markers: tuple[str, ...]
    keyword_markers: tuple[str, ...]
    section_markers: tuple[str, ...]
    affiliation_words: tuple[str, ...]
    caption_words: frozenset[str]
    inner_abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    ambiguous_abbreviations: frozenset[str]
    initial_digraphs: frozenset[str]
    stop_words: frozenset[str]
    #: The function words as written in the Latin alphabet, by a language of another script that
    #: has one too (Kazakh "jäne", "üşin"): such a text is not English.
    latin_stop_words: frozenset[str] = frozenset()
    #: Other languages in the Latin script a text read as this one may be in ("de", "fr", "tr"): the
    #: language model of :mod:`ushtil.langid` weighs this language against them.
    latin_rivals: tuple[str, ...] = ()
    #: Words joining the last two names of a byline ("and", "және", "и").
    name_joiners: tuple[str, ...] = ()
    #: Letter → what a text typed without the language's own letters writes for it ("қ" → "к").
    stand_ins: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Letter of another script drawn like one of this language's → that letter ("a" → "а" in
    #: Kazakh, "а" → "a" in English): read so inside a word of this script (:mod:`ushtil.lookalikes`).
    lookalikes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Letter of another script drawn like two of this language's → the second (Kazakh "y" → "ү";
    #: :attr:`lookalikes` gives the first): read so where this language's analyser knows the word so read.
    lookalike_alternatives: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Letter → the plain letter a word is compared with, where the language writes either (Russian
    #: "ё" → "е": ёлка and елка are one word; dictionaries and most texts write е). Lower case.
    spelling_folds: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Whether its texts may be informal (web, e-mail): sentences that start in lower case
    #: ("i was there.") or end at a web address without a period.
    informal: bool = False
    #: Closing words of a letter ("Thanks, Martin"): in informal text a line of its own.
    closing_words: frozenset[str] = frozenset()
    #: Words, not function words, that open an abstract's sentences ("Авторы", "Результаты"): after
    #: an ambiguous abbreviation ("в 1991–2022 гг. Авторы …") they start a sentence, as function words do.
    sentence_openers: frozenset[str] = frozenset()
    #: Endings of the finite verb that closes a sentence, in a language that puts it last (Kazakh):
    #: such a word before a capitalised one ends a heading run into the text's first sentence.
    predicate_endings: tuple[str, ...] = ()
    #: Labels of the parts of a structured abstract ("Relevance", "Methods", "Results").
    abstract_labels: tuple[str, ...] = ()
    #: Inline labels of a byline ("Authors:") and of a title ("Topic:").
    author_labels: tuple[str, ...] = ()
    title_labels: tuple[str, ...] = ()
    #: Names of a word processor's heading styles in this language, lower case ("heading", "заголовок").
    heading_styles: tuple[str, ...] = ()
    #: Labels of a line of classification codes or of a DOI ("UDC 327.8", "МРНТИ 11.25.19").
    classification_labels: tuple[str, ...] = ()
    #: Case endings a foreign name takes and what its nominative ends in instead (Russian "ом" → "":
    #: Эвансом → Эванс; "ой" → "а": Буллетовой → Буллетова).
    name_case_endings: tuple[tuple[str, str], ...] = ()
    #: Endings of an adjective in the nominative (Южная) and in an oblique case (Южной).
    adjective_endings: tuple[str, ...] = ()
    oblique_adjective_endings: tuple[str, ...] = ()
    #: Endings of adverbs (English "ly": "Historically").
    adverb_endings: tuple[str, ...] = ()
    #: How numbers are written: decimal mark, percent marks, scale words, currencies (see
    #: :mod:`.numbers`).
    numbers: dict = field(default_factory=dict, hash=False, compare=False)
    #: Length of this language's translations against another's: other code → (mean, spread) of
    #: log(characters here / characters there), measured on one-to-one sentence triples.
    length_ratios: dict[str, tuple[float, float]] = field(default_factory=dict, hash=False, compare=False)
    #: How much shorter a heading (a headline, a title: a line without final punctuation) is than
    #: running text against its translations, in log(characters): English headlines drop articles
    #: and verbs that the translations spell out.
    heading_contraction: float = 0.0
    #: How much wider the spread of a heading's length ratio is than running text's (a factor).
    heading_spread: float = 1.0

    @cached_property
    def stand_in_table(self) -> dict[int, str]:
        """:meth:`str.translate` table writing a text as it is typed without the language's own
        letters (:attr:`stand_ins`), in lower and upper case."""
        pairs = {**self.stand_ins, **{letter.upper(): stand_in.upper() for letter, stand_in in self.stand_ins.items()}}
        return str.maketrans(pairs)

    def fold(self, text: str) -> str:
        """``text`` (lower case) with each letter the language may write for a plain one written plain
        (:attr:`spelling_folds`: Russian ё as е)."""
        for letter, plain in self.spelling_folds.items():
            text = text.replace(letter, plain)
        return text

    def with_typed_forms(self, words: tuple[str, ...], min_length: int = 0) -> tuple[str, ...]:
        """``words`` and each as typed without the language's own letters ("Түйін сөздер" and
        "Туйин создер", ға and га), those so typed ``min_length`` letters long at least: what a text
        so typed may write for them."""
        typed = (word.translate(self.stand_in_table) for word in words)
        return tuple(dict.fromkeys([*words, *(word for word in typed if len(word) >= min_length)]))

    def typed_without_own_letters(self, text: str) -> bool:
        """Whether ``text`` has letters of this language's alphabet but none of the ones only it has,
        while the language has stand-ins for them (Kazakh typed on a Russian keyboard: "Казакстан"):
        such a text is read through :attr:`stand_in_table`, and so are the forms looked for in it."""
        if not self.stand_ins or any(letter in self._own_letters for letter in text.casefold()):
            return False
        return any(letter in self._alphabet_letters for letter in text.casefold())

    @cached_property
    def _own_letters(self) -> frozenset[str]:
        return frozenset(self.distinct_letters)

    @cached_property
    def _alphabet_letters(self) -> frozenset[str]:
        return frozenset(self.alphabet)

    @property
    def distinct_letters(self) -> str:
        """Letters no other supported language of the same script has (Kazakh ә ғ қ ң ө ұ ү һ і):
        the strongest single clue to the language."""
        others = {
            letter
            for code in LANGUAGE_CODES
            if code != self.code and get_language(code).script == self.script
            for letter in get_language(code).alphabet
        }
        return "".join(letter for letter in self.alphabet if letter not in others)

    @classmethod
    def from_toml(cls, data: dict) -> Language:
        markers = data.get("markers", {})
        abbreviations = data.get("abbreviations", {})
        return cls(
            code=data["code"],
            name=data["name"],
            script=data["script"],
            alphabet=data["alphabet"],
            abstract_markers=tuple(markers.get("abstract", [])),
            keyword_markers=tuple(markers.get("keywords", [])),
            section_markers=tuple(markers.get("sections", [])),
            affiliation_words=tuple(markers.get("affiliation", [])),
            caption_words=frozenset(markers.get("captions", [])),
            inner_abbreviations=frozenset(map(_squeeze, abbreviations.get("inner", []))),
            final_abbreviations=frozenset(map(_squeeze, abbreviations.get("final", []))),
            ambiguous_abbreviations=frozenset(map(_squeeze, abbreviations.get("ambiguous", []))),
            initial_digraphs=frozenset(abbreviations.get("initial_digraphs", [])),
            stop_words=frozenset(data.get("words", {}).get("stop", [])),
            latin_stop_words=frozenset(data.get("words", {}).get("latin_stop", [])),
            latin_rivals=tuple(data.get("words", {}).get("latin_rivals", [])),
            name_joiners=tuple(data.get("words", {}).get("name_joiners", [])),
            stand_ins=data.get("stand_ins", {}),
            spelling_folds=data.get("spelling", {}).get("folded", {}),
            lookalikes=data.get("lookalikes", {}),
            lookalike_alternatives=data.get("lookalike_alternatives", {}),
            informal=data.get("sentences", {}).get("informal", False),
            closing_words=frozenset(data.get("sentences", {}).get("closings", [])),
            sentence_openers=frozenset(data.get("sentences", {}).get("openers", [])),
            predicate_endings=tuple(data.get("sentences", {}).get("predicate_endings", [])),
            abstract_labels=tuple(data.get("front_matter", {}).get("abstract_labels", [])),
            author_labels=tuple(data.get("front_matter", {}).get("author_labels", [])),
            title_labels=tuple(data.get("front_matter", {}).get("title_labels", [])),
            classification_labels=tuple(data.get("front_matter", {}).get("classification_labels", [])),
            heading_styles=tuple(markers.get("heading_styles", [])),
            name_case_endings=tuple(
                (ending, nominative) for ending, nominative in data.get("endings", {}).get("name_cases", [])),
            adjective_endings=tuple(data.get("endings", {}).get("adjective", [])),
            oblique_adjective_endings=tuple(data.get("endings", {}).get("oblique_adjective", [])),
            adverb_endings=tuple(data.get("endings", {}).get("adverb", [])),
            numbers=data.get("numbers", {}),
            length_ratios={
                other: (float(stats["mean"]), float(stats["spread"]))
                for other, stats in data.get("length_ratio", {}).items()
            },
            heading_contraction=float(data.get("headings", {}).get("contraction", 0.0)),
            heading_spread=float(data.get("headings", {}).get("spread", 1.0)),
        )


#: Codes of the languages with a data file, in table order.
LANGUAGE_CODES: tuple[str, ...] = ("en", "kk", "ru")


@cache
def get_language(code: str) -> Language:
    """The :class:`Language` for ``code``; a clear error for an unsupported one."""
    if code not in LANGUAGE_CODES:
        raise UshtilError(f"unsupported language {code!r}: choose one of {', '.join(LANGUAGE_CODES)}")
    text = resources.files(__package__).joinpath("data", f"{code}.toml").read_text(encoding="utf-8")
    return Language.from_toml(tomllib.loads(text))


#: Every pair of supported languages, each once, in table order: ("en", "kk"), ("en", "ru"), ("kk", "ru").
LANGUAGE_PAIRS: tuple[tuple[str, str], ...] = tuple(combinations(LANGUAGE_CODES, 2))


def length_ratio(target: str, source: str) -> tuple[float, float]:
    """Mean and spread of log(characters of a ``target`` translation / characters of its ``source``),
    from whichever of the two language records holds the pair (0 and 0.25 when neither does)."""
    if source in get_language(target).length_ratios:
        return get_language(target).length_ratios[source]
    if target in get_language(source).length_ratios:
        mean, spread = get_language(source).length_ratios[target]
        return -mean, spread
    return 0.0, 0.25


def fold_spelling(text: str) -> str:
    """``text`` (lower case) folded as every supported language folds its spelling (Russian ё as е),
    for a comparison that does not know the word's language: a Kazakh text writes Russian loanwords
    and names with ё too."""
    for letter, plain in _every_spelling_fold():
        text = text.replace(letter, plain)
    return text


@cache
def _every_spelling_fold() -> tuple[tuple[str, str], ...]:
    """Every language's spelling folds, collected once: :func:`fold_spelling` runs per word of a
    glossary build, where looking each language up again cost twenty times the replacing."""
    return tuple(pair for code in LANGUAGE_CODES for pair in get_language(code).spelling_folds.items())


def letters(upper: bool = False) -> str:
    """Every letter of the supported languages' alphabets, once (lower or upper case), for
    character classes that must accept any of them."""
    found = dict.fromkeys(letter for code in LANGUAGE_CODES for letter in get_language(code).alphabet)
    return "".join(found).upper() if upper else "".join(found)
