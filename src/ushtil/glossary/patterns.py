"""Per-language term patterns, read from ``data/terms.toml`` (what a term or a name may look like)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..langs import get_language


@dataclass(frozen=True)
class TermPatterns:
    """What a candidate term in one language may look like."""

    lang: str
    max_words: int
    stop_words: frozenset[str]
    min_term_units: int = 2
    adjective_endings: tuple[str, ...] = ()
    adverb_endings: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    name_connectors: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    name_starts: frozenset[str] = frozenset()
    name_abbreviations: frozenset[str] = frozenset()
    name_inner: frozenset[str] = frozenset()
    capitalised_common: frozenset[str] = frozenset()
    compound_head_endings: tuple[str, ...] = ()
    name_endings: tuple[str, ...] = ()
    general_words: frozenset[str] = frozenset()
    demonym_endings: tuple[str, ...] = ()
    peoples: frozenset[str] = frozenset()
    adjective_forms: tuple[str, ...] = ()
    noun_endings: tuple[str, ...] = ()
    directions: frozenset[str] = frozenset()

    def can_end_term(self, word: str) -> bool:
        """A noun phrase ends in a noun: not in an adjective, adverb or verb ending."""
        endings = self.adjective_endings + self.adverb_endings + self.verb_endings
        return not word.endswith(endings) or word.endswith(self.noun_endings)

    def can_start_term(self, word: str) -> bool:
        return not word.endswith(self.adverb_endings + self.verb_endings)


def _adjective_forms(lang: str, data: dict) -> tuple[str, ...]:
    """Endings of an inflected adjective that no form of a noun name has: the language's adjective
    endings (nominative and oblique) but the ones a noun's case form has too, and the term data's own."""
    language = get_language(lang)
    shared = set(data.get("noun_case_endings", []))
    record = [ending for ending in language.adjective_endings + language.oblique_adjective_endings
              if ending not in shared]
    return tuple(dict.fromkeys([*record, *data.get("adjective_forms", [])]))


@cache
def term_patterns(lang: str) -> TermPatterns:
    """The :class:`TermPatterns` of ``lang``: the glossary's data plus the language's stop list."""
    text = resources.files(__package__).joinpath("data", "terms.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)[lang]
    stop = get_language(lang).stop_words | frozenset(data.get("extra_stop", []))
    return TermPatterns(
        lang=lang,
        max_words=int(data.get("max_words", 3)),
        stop_words=frozenset(word.casefold() for word in stop),
        min_term_units=int(data.get("min_term_units", 2)),
        adjective_endings=tuple(data.get("adjective_endings", [])),
        adverb_endings=get_language(lang).adverb_endings,
        verb_endings=tuple(data.get("verb_endings", [])),
        name_connectors=frozenset(data.get("name_connectors", [])),
        name_prefixes=frozenset(data.get("name_prefixes", [])),
        name_starts=frozenset(data.get("name_starts", [])),
        name_abbreviations=frozenset(data.get("name_abbreviations", [])),
        name_inner=frozenset(data.get("name_inner", [])),
        capitalised_common=frozenset(data.get("capitalised_common", [])),
        compound_head_endings=tuple(data.get("compound_head_endings", [])),
        name_endings=tuple(data.get("name_endings", [])),
        general_words=frozenset(data.get("general_words", [])),
        demonym_endings=tuple(data.get("demonym_endings", [])),
        peoples=frozenset(data.get("peoples", [])),
        adjective_forms=_adjective_forms(lang, data),
        noun_endings=tuple(data.get("noun_endings", [])),
        directions=frozenset(data.get("directions", [])),
    )
