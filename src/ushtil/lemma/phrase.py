"""Dictionary forms of multi-word terms, as a glossary shows them.

In a Kazakh or English noun phrase only the last word inflects ("Орта Азияның" → "Орта Азия",
"geopolitical interests" → "geopolitical interest"). In a Russian one the adjectives agree with
their noun, so they are put into the nominative of the noun's gender and number
("Центральной Азии" → "Центральная Азия"); words after the noun (genitive modifiers) stay as written.
Capitals are kept as written: a term is not at a sentence start.
"""

from __future__ import annotations

from ..langs import get_language
from ..tokens import WORD

_AGREEING = frozenset({"ADJF", "PRTF", "NUMR"})


def lemmatize_phrase(phrase: str, lang: str, plural: bool = False, typed: bool = False) -> str:
    """The dictionary form of a multi-word term (or of one word), capitals kept; with ``plural``, a
    Russian term stays plural (гражданских прав → гражданские права: civil rights); ``typed``: the
    phrase is typed without the language's own letters."""
    from . import builtin_lemmatizer

    words = phrase.split()
    if not words:
        return ""
    if lang == "ru":
        return " ".join(_russian_phrase(words, builtin_lemmatizer("ru"), plural))
    if lang == "en" and all(word[:1].isupper() for word in words) and len(words) > 1:
        return phrase.strip()  # a name: United States, Shanghai Cooperation Organization
    head = builtin_lemmatizer(lang, typed).lemma(words[-1])
    return " ".join([*words[:-1], head])


def _russian_phrase(words: list[str], lemmatizer, plural: bool = False) -> list[str]:
    """Adjectives before the first noun agree with it in the nominative; the noun takes its lemma.

    The noun goes to the singular, but for plural-only nouns, plural names (Соединённые Штаты) and
    terms asked for in the plural.
    """
    morph = lemmatizer.morph
    parses = [morph.parse(word) if WORD.fullmatch(word) else [] for word in words]
    head = next((i for i, options in enumerate(parses) if options and _noun(options)), None)
    if head is None:
        return [*words[:-1], lemmatizer.lemma(words[-1])]
    noun = _noun(parses[head], parses[head - 1] if head else [])
    plural = plural or "Pltm" in noun.tag or ("plur" in noun.tag and words[head][:1].isupper())
    number = "plur" if plural else "sing"
    nominative = noun.inflect({"nomn", number}) if number == "plur" else None
    result = list(words)
    head_lemma = get_language("ru").fold(nominative.word) if nominative else lemmatizer.lemma(words[head])
    result[head] = _like(words[head], head_lemma)
    for index in range(head):
        adjective = _agreeing(parses[index], noun)
        if adjective is None:
            continue
        grammemes = {"nomn", number} if plural else {"nomn", "sing", noun.tag.gender or "masc"}
        inflected = adjective.inflect(grammemes)
        if inflected is not None:
            result[index] = _like(words[index], get_language("ru").fold(inflected.word))
    return result


def _noun(options, before=()):
    """The noun reading of a word, unless it is an unlikely one ("и" as an abbreviation); among
    several, the one in a case the adjective before it can have (маскулинность after токсичную is
    accusative, not nominative)."""
    nouns = [parse for parse in options if parse.tag.POS == "NOUN" and parse.score >= 0.05]
    cases = {parse.tag.case for parse in before if parse.tag.POS in _AGREEING}
    return next((parse for parse in nouns if parse.tag.case in cases), nouns[0] if nouns else None)


def _agreeing(options, noun):
    """The reading of a word that agrees with ``noun`` in case (an adjective, participle, numeral)."""
    for parse in options:
        if parse.tag.POS in _AGREEING and parse.tag.case == noun.tag.case:
            return parse
    return None


def _like(original: str, word: str) -> str:
    """``word`` with the capitalisation of ``original`` (Title, UPPER or lower)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
