"""Known names from well-kept data: CLDR's names of countries and regions in en, kk and ru.

CLDR (through ``babel``) gives one name per territory and language; ``data/known_names.toml`` adds the
short forms texts write (UK, U.S. = АҚШ = США) and the demonyms that do not look like their country
(Dutch, Welsh). The glossary uses these pairs as headwords when the text uses them (UK → Ұлыбритания
/ Великобритания, not a copied "UK"), and keeps demonyms (Indonesian) from being paired with the
country's name (Индонезия).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .patterns import term_patterns

#: CLDR territories that are no names in running text (en "world" is a common noun; ZZ is unknown).
_NOT_NAMES = frozenset({"001", "ZZ", "EZ", "QO", "UN", "EU"})

#: Words that make a region of a name (North Macedonia, South Korean): terms.toml's English directions.
DIRECTIONS = term_patterns("en").directions


@dataclass(frozen=True)
class KnownName:
    """One territory (or another well-known name): its CLDR code ("" if none) and its names per
    language, the preferred one first."""

    code: str
    forms: dict[str, tuple[str, ...]]


@cache
def _data() -> dict:
    text = resources.files(__package__).joinpath("data", "known_names.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def known_names() -> dict[str, KnownName]:
    """Known names by every English form (CLDR name and aliases), e.g. "UK" and "United Kingdom"."""
    import babel

    locales = {lang: babel.Locale(lang).territories for lang in ("en", "kk", "ru")}
    aliases = _data()["aliases"]
    by_english: dict[str, KnownName] = {}
    for code, english in locales["en"].items():
        extra = aliases.get(code, {})
        if (code in _NOT_NAMES and not extra) or not english[:1].isupper() or "(" in english:
            continue
        forms = {}
        for lang in ("en", "kk", "ru"):
            main = locales[lang].get(code, "")
            names = [main] if main and "(" not in main and (lang == "en" or code not in _NOT_NAMES) else []
            forms[lang] = tuple(dict.fromkeys([*names, *extra.get(lang, [])]))
        if not forms["kk"] or not forms["ru"]:
            continue
        name = KnownName(code=code, forms=forms)
        for form in forms["en"]:
            by_english.setdefault(form, name)
    for english, forms in _data()["names"].items():
        other = {lang: tuple(forms[lang]) for lang in ("kk", "ru")}
        by_english[english] = KnownName(code="", forms={"en": (english,), **other})
    return by_english


def known_name(english: str) -> KnownName | None:
    """The known territory an English name (or alias) stands for, None when it is no known name."""
    return known_names().get(english) or known_names().get(english.replace(".", "")) if english else None


@cache
def _demonym_stems() -> frozenset[str]:
    stems = set()
    for english in known_names():
        *first, last = english.split(" ")
        if len(last) >= 4 and not last.isupper() and all(word in DIRECTIONS for word in first):
            stems.add(last.casefold().rstrip("aeiouy"))
    return frozenset(stems)


@cache
def is_demonym(word: str) -> bool:
    """Indonesian, Germans, Welsh: an adjective or people of a known country, never its name."""
    if not word[:1].isupper() or known_name(word) is not None:
        return False
    if word in _data()["demonyms"]["words"]:
        return True
    folded = word.casefold()
    stems = _demonym_stems()
    for ending in term_patterns("en").demonym_endings:  # Indonesia → Indonesian
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            stem = folded[: -len(ending)].rstrip("aeiouy")
            if stem in stems:
                return True
    return False
