"""Lemmas for en/kk/ru, so that inflected forms meet (России, Россию → Россия; Ресейдің → Ресей).

``lemmatize(words, lang)`` gives one lemma per word of a sentence; ``lemma(word, lang)`` one word;
``lemmatize_phrase(phrase, lang)`` the dictionary form of a multi-word term, capitals kept
("Орта Азияның" → "Орта Азия", "Центральной Азии" → "Центральная Азия"). The built-in analysers are
the default; ``backend="stanza"`` uses stanza's lemmatiser when stanza and its models are present.
"""

from __future__ import annotations

from functools import cache

from ..errors import UshtilError
from ..langs import get_language
from .base import Lemmatizer
from .phrase import lemmatize_phrase

#: Backends by name; the first is the default.
BACKENDS: tuple[str, ...] = ("builtin", "stanza")

#: Built-in lemmatiser per language code: module and class, imported on first use.
_BUILTIN: dict[str, tuple[str, str]] = {
    "en": ("en", "EnglishLemmatizer"),
    "kk": ("kk", "KazakhLemmatizer"),
    "ru": ("ru", "RussianLemmatizer"),
}


def builtin_lemmatizer(lang: str, typed: bool = False) -> Lemmatizer:
    """The built-in lemmatiser for ``lang``, created once per process; with ``typed``, the one for
    words typed without the language's own letters (its ``stand_ins``), where it has such letters."""
    return _builtin(lang, bool(typed) and lang in _BUILTIN and bool(get_language(lang).stand_ins))


@cache
def _builtin(lang: str, typed: bool) -> Lemmatizer:
    if lang not in _BUILTIN:
        raise UshtilError(f"no lemmatiser for language {lang!r}: choose one of {', '.join(_BUILTIN)}")
    import importlib

    module_name, class_name = _BUILTIN[lang]
    module = importlib.import_module(f"{__name__}.{module_name}")
    if typed:
        return getattr(module, class_name)(typed=True)
    return getattr(module, class_name)()


def lemmatize(words: list[str], lang: str, backend: str = "builtin", typed: bool = False) -> list[str]:
    """One lemma per word of a sentence (the first word may be capitalised as a sentence start);
    ``typed``: the sentence is of a part typed without the language's own letters (built-in only)."""
    if not words:
        return []
    if backend == "builtin":
        return builtin_lemmatizer(lang, typed).lemmatize(words)
    if backend == "stanza":
        from .stanza_backend import stanza_lemmatize

        return stanza_lemmatize(words, lang)
    raise ValueError(f"unknown lemma backend {backend!r}; choose one of {BACKENDS}")


def lemma(word: str, lang: str, typed: bool = False) -> str:
    """The lemma of one word seen outside a sentence: its capital letter is kept as meaningful."""
    return builtin_lemmatizer(lang, typed).lemma(word)


def lemma_readings(word: str, lang: str) -> tuple[str, ...]:
    """Every lemma the built-in analyser finds possible for one word, the likeliest first."""
    return builtin_lemmatizer(lang).lemmas(word)


__all__ = ["BACKENDS", "builtin_lemmatizer", "lemma", "lemma_readings", "lemmatize", "lemmatize_phrase"]
