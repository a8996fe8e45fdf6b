"""Which of en/kk/ru a text is written in, from its letters and function words.

Kazakh and Russian share the Cyrillic script, so the decision rests on the nine letters only
Kazakh has (ә ғ қ ң ө ұ ү һ і) and on each language's function words. Short texts without
either clue (a keyword such as "Ресей") are reported as undecided rather than guessed. Latin
script alone does not make a text English: a long one with almost none of English's function words
(German, French…) is reported as a language ushtil does not read, and so is a short one (a few
lines) with few of them and a sign of another language: words with letters outside English's
alphabet, or function words of Kazakh as written in the Latin alphabet. A text with neither sign but
few English function words (German typed without ä ö ü ß) is weighed by a language model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .langs import LANGUAGE_CODES, get_language
from .lookalikes import respell

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
#: a letter of the Latin script, with its accented and extended forms (é, ß, ğ, ı, ñ, ū)
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")
#: Latin-script text of at least this many words whose share of English function words is below
#: OTHER_FUNCTION_SHARE is in another language (English prose has about 40 %, German about 5 %)
OTHER_MIN_WORDS = 30
OTHER_FUNCTION_SHARE = 0.1
#: A shorter Latin-script text, of at least SHORT_MIN_WORDS words, is in another language when its
#: share of English function words is below SHORT_FUNCTION_SHARE and it shows another language
#: (a short English abstract has about 30 %; a title or keyword list may have none, and no sign)
SHORT_MIN_WORDS = 5
SHORT_FUNCTION_SHARE = 0.15
#: A Latin-script text of SHORT_MIN_WORDS words or more whose share of English function words is
#: below MODEL_FUNCTION_SHARE, and shows no sign of another language (German or Turkish typed without
#: ä ö ü ß ç ş: "Die Ergebnisse zeigen, dass …"), is weighed by a language model (py3langid's, bundled
#: with it: offline) against English's rivals (``latin_rivals`` in ``en.toml``): another language when
#: the model gives English a probability below MODEL_ENGLISH_FLOOR among them (:func:`_model_sample`
#: says what it reads). Of NTREX's 524 English lines 28 are asked, the lowest (a headline) at 0.19.
MODEL_FUNCTION_SHARE = 0.25
MODEL_ENGLISH_FLOOR = 0.1
#: A Cyrillic text without a Kazakh letter is Kazakh typed without them (an old font, a Russian
#: keyboard) when it has more Kazakh function words, so read, than Russian ones: a text of at least
#: this many words, or a shorter one (a title) without any Russian function word
PLAIN_MIN_WORDS = 20


@dataclass(frozen=True)
class LanguageGuess:
    """The identified language (``""`` when undecided) and how sure the guess is (0-1)."""

    lang: str
    confidence: float
    #: the script of the letters: "Latn", "Cyrl" or "" for text without letters
    script: str
    #: confidently none of the supported languages (a German text: Latin letters, not English)
    other: bool = False

    def is_compatible(self, lang: str) -> bool:
        """True unless the text is confidently identified as another language."""
        if not self.script:
            return True
        if self.other:
            return False
        if self.script != get_language(lang).script:
            return False
        return self.lang in ("", lang) or self.confidence < 0.75


def identify(text: str, typed_plain: str = "") -> LanguageGuess:
    """Identify the language of ``text`` among the supported ones. ``typed_plain``: the language of
    the part the text comes from, when that part is typed without its own letters (a Kazakh abstract
    with none of ә ғ қ …: :meth:`.langs.Language.typed_without_own_letters`); a sentence of it without
    them is then told apart by function words only (:func:`_typed_plain_guess`). A word typed with
    lookalike letters of another script counts as the word it stands for (:mod:`.lookalikes`)."""
    text = respell(text)
    latin = len(_LATIN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if latin + cyrillic == 0:
        return LanguageGuess("", 0.0, "")
    if latin > cyrillic:
        words = [word for word in _WORD.findall(text.lower()) if _LATIN.match(word)]
        share = sum(word in get_language("en").stop_words for word in words) / max(len(words), 1)
        if len(words) >= OTHER_MIN_WORDS and share < OTHER_FUNCTION_SHARE:
            return LanguageGuess("", 1.0 - share, "Latn", other=True)
        if len(words) >= SHORT_MIN_WORDS and share < SHORT_FUNCTION_SHARE and _not_english_signs(text) >= 1:
            return LanguageGuess("", 1.0 - share, "Latn", other=True)
        sample = _model_sample(text)
        if sample and share < MODEL_FUNCTION_SHARE:
            english = _english_probability(sample)
            if english < MODEL_ENGLISH_FLOOR:
                return LanguageGuess("", 1.0 - english, "Latn", other=True)
        return LanguageGuess("en", latin / (latin + cyrillic), "Latn")
    kk, ru = get_language("kk"), get_language("ru")
    words = [word for word in _WORD.findall(text.lower()) if _CYRILLIC.match(word)]
    kazakh_letters = set(kk.distinct_letters)
    with_kazakh_letter = sum(not kazakh_letters.isdisjoint(word) for word in words)
    without_kazakh_letter = sum(len(word) >= 3 for word in words) - with_kazakh_letter
    # A word with a Kazakh-only letter is strong evidence; Russian has no letters of its own, so
    # a word without one weighs little (about half of Kazakh words lack one, and a Russian text
    # may quote a Kazakh name such as Қазақстан). Function words decide the rest.
    kk_evidence = sum(word in kk.stop_words for word in words) + with_kazakh_letter
    ru_function = sum(word in ru.stop_words for word in words)
    ru_evidence = ru_function + 0.3 * max(without_kazakh_letter, 0)
    if not with_kazakh_letter and typed_plain == "kk":
        return _typed_plain_guess(words)
    if not with_kazakh_letter:
        plain = _plain_function_words(text.lower())
        if plain > ru_function and (len(words) >= PLAIN_MIN_WORDS or not ru_function):
            return LanguageGuess("kk", plain / (plain + ru_function), "Cyrl")
    total = kk_evidence + ru_evidence
    if total < 1.0:
        return LanguageGuess("", 0.0, "Cyrl")
    if kk_evidence >= ru_evidence:
        return LanguageGuess("kk", kk_evidence / total, "Cyrl")
    return LanguageGuess("ru", ru_evidence / total, "Cyrl")


@cache
def _latin_model():
    """py3langid's model (its wheel holds it: nothing is downloaded), loaded once and on first use
    (about 2 s), restricted to English and its rivals."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    english = get_language("en")
    model.set_languages([english.code, *english.latin_rivals])
    return model


_JOINERS = str.maketrans("", "", "-'’")


def _model_sample(text: str) -> str:
    """What the model is asked about, "" for too little (SHORT_MIN_WORDS words): the words written in
    English's alphabet (one with another letter was weighed by :func:`_not_english_signs`); names are
    no sign of a language ("Erdoğan met Tokayev in Türkiye." is English), so running text (most words
    in lower case) is read by its words in lower case, a title in title case or a keyword list whole."""
    own = frozenset(get_language("en").alphabet)
    words = [word for word in _WORD.findall(text) if own.issuperset(word.lower().translate(_JOINERS))]
    lower = [word for word in words if word[:1].islower()]
    if 2 * len(lower) >= len(words):
        return " ".join(lower) if len(lower) >= SHORT_MIN_WORDS else ""
    return " ".join(words) if len(words) >= SHORT_MIN_WORDS else ""


def _english_probability(text: str) -> float:
    """How likely the model finds English for ``text``, among English and its rivals (0-1)."""
    return float(dict(_latin_model().rank(text)).get("en", 0.0))


def _not_english_signs(text: str) -> float:
    """Signs that a Latin-script text is in another language than English: each word in lower case
    with a letter outside English's alphabet ("étrangère", "çalışmada", "arasyndağy"), half for a
    capitalised one (German nouns: "Großmächten"; an English text's names have them too: "Erdoğan"),
    and each function word of another language as written in Latin letters (Kazakh "jäne", "bolyp")."""
    english = get_language("en")
    own = frozenset(english.alphabet)
    latin_function = frozenset().union(*(get_language(code).latin_stop_words for code in LANGUAGE_CODES))
    signs = 0.0
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in latin_function and lower not in english.stop_words:
            signs += 1.0
        elif all(_LATIN_LETTER.match(letter) for letter in word if letter.isalpha()) and not own.issuperset(
                letter for letter in lower if letter.isalpha()):
            signs += 1.0 if word[:1].islower() else 0.5
    return signs


def _typed_plain_guess(words: list[str]) -> LanguageGuess:
    """A sentence of a Kazakh part typed without the Kazakh letters: none of its words has one, so a
    word without one is no sign of Russian (it is, read through the stand-ins, what most of such a
    part is written in). Russian only when its function words that are no Kazakh ones so typed ("да",
    "мен") outnumber the Kazakh ones, and are two at least; Kazakh when Kazakh ones are seen;
    otherwise undecided ("Казакстан — Орта Азиядагы ен ири мемлекет.")."""
    kk, ru = get_language("kk"), get_language("ru")
    plain_kazakh = _typed_kazakh_words()
    kazakh = sum(word.translate(kk.stand_in_table) in plain_kazakh for word in words)
    russian = sum(word in ru.stop_words and word not in plain_kazakh for word in words)
    if russian > kazakh and russian >= 2:
        return LanguageGuess("ru", russian / (russian + kazakh), "Cyrl")
    if kazakh:
        return LanguageGuess("kk", kazakh / (russian + kazakh), "Cyrl")
    return LanguageGuess("", 0.0, "Cyrl")


def _plain_function_words(text: str) -> int:
    """Kazakh function words in a Kazakh text typed without the Kazakh letters ("жане", "бул",
    "ушин"), read through the stand-in letters (:func:`_plain_kazakh_words`)."""
    table = get_language("kk").stand_in_table
    plain = _plain_kazakh_words()
    return sum(word.translate(table) in plain for word in _WORD.findall(text))


@cache
def _plain_kazakh_words() -> frozenset[str]:
    """Kazakh function words as typed without the Kazakh letters, made once (every Russian sentence
    a check identifies asks for them); those that are Russian words too, or shorter than three
    letters ("де" of a French name in a Russian text), do not count."""
    kk, ru = get_language("kk"), get_language("ru")
    return frozenset({word.translate(kk.stand_in_table) for word in kk.stop_words if len(word) >= 3} - ru.stop_words)


@cache
def _typed_kazakh_words() -> frozenset[str]:
    """Every Kazakh function word as typed without the Kazakh letters, made once (a typed part's
    every sentence asks for them)."""
    kk = get_language("kk")
    return _plain_kazakh_words() | {word.translate(kk.stand_in_table) for word in kk.stop_words}


def language_names() -> dict[str, str]:
    """Code → English name of every supported language, for messages."""
    return {code: get_language(code).name for code in LANGUAGE_CODES}


def supported_names() -> str:
    """The supported languages for a message: "English, Kazakh or Russian"."""
    *first, last = language_names().values()
    return f"{', '.join(first)} or {last}" if first else last
