"""English term candidates: keywords, acronyms, names and multi-word noun phrases.

English is the pivot: every candidate is found in the English side of the units and then looked
for in Kazakh and Russian (:mod:`.matching`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .index import LanguageIndex, is_acronym
from .patterns import TermPatterns, term_patterns
from .sources import Unit

#: Longest name kept (tokens); longer capitalised runs are titles or headlines.
MAX_NAME_WORDS = 4
#: Kinds in the order one wins over another when a candidate is found several ways.
KIND_PRIORITY = ("acronym", "name", "keyword", "term")


@dataclass
class Candidate:
    """An English term and where it occurs."""

    key: tuple[str, ...]
    kind: str
    #: English units (numbers into the unit list) holding the term
    units: list[int] = field(default_factory=list)
    #: keyword units naming it, whose other sides are its renderings
    keyword_units: list[int] = field(default_factory=list)
    #: how the term was written in keyword lists (its preferred headword)
    keyword_forms: Counter = field(default_factory=Counter)


def find_candidates(units: list[Unit], english: LanguageIndex) -> list[Candidate]:
    """All English candidates with the units they occur in."""
    patterns = term_patterns("en")
    found: dict[tuple[str, ...], Candidate] = {}

    def add(key: tuple[str, ...], kind: str) -> Candidate:
        candidate = found.get(key)
        if candidate is None:
            candidate = found[key] = Candidate(key=key, kind=kind)
        elif KIND_PRIORITY.index(kind) < KIND_PRIORITY.index(candidate.kind):
            candidate.kind = kind
        return candidate

    lower_words = _lower_case_words(english)
    for number, (unit, side) in enumerate(zip(units, english.sides, strict=True)):
        if side is None or not side.keys:
            continue
        if unit.section == "keywords":
            candidate = add(tuple(side.keys), _keyword_kind(side.surface, patterns))
            candidate.keyword_units.append(number)
            candidate.keyword_forms[unit.text["en"].strip()] += 1
            continue
        for surface, key in zip(side.surface, side.keys, strict=True):
            if _english_acronym(surface, patterns, lower_words):
                add((key,), "acronym")
        if unit.section != "title":
            for run in _name_runs(side, patterns, lower_words):
                add(run, "name")
    for gram, unit_numbers in english.postings.items():
        if " " in gram and len(unit_numbers) >= patterns.min_term_units and _is_term(gram, english, patterns):
            add(tuple(gram.split(" ")), "term")
    for candidate in found.values():
        candidate.units = english.units_with(candidate.key)
    return [candidate for candidate in found.values() if candidate.units]


def _keyword_kind(surface: list[str], patterns: TermPatterns) -> str:
    if len(surface) == 1 and is_acronym(surface[0]):
        return "acronym"
    if all(token[:1].isupper() or token in patterns.name_connectors for token in surface):
        return "name"
    return "keyword"


def _lower_case_words(english: LanguageIndex) -> set[str]:
    """Words the corpus writes in lower case somewhere: a capital on them marks a sentence start."""
    return {
        token.casefold()
        for side in english.sides if side is not None
        for token in side.surface if token[:1].islower()
    }


def _english_acronym(token: str, patterns: TermPatterns, lower_words: set[str]) -> bool:
    """EU, NATO, U.S. — but not a headline's capitals (FOR, THE) nor IT/US written as words."""
    if not (is_acronym(token) and token.isascii()):
        return False
    folded = token.casefold()
    return "." in token or (folded not in patterns.stop_words and folded not in lower_words)


def _name_runs(side, patterns: TermPatterns, lower_words: set[str]):
    """Keys of maximal runs of capitalised words ("Theresa May", "Bank of England", "NBC News"),
    never across punctuation; acronyms join a run but do not make one alone."""
    surface, keys = side.surface, side.keys
    i = 0
    while i < len(surface):
        if not _name_word(surface[i], i, patterns, lower_words, acronym_ok=True):
            i += 1
            continue
        j = i + 1
        while j < len(surface) and j not in side.breaks:
            if _name_word(surface[j], j, patterns, lower_words, acronym_ok=True):
                j += 1
            elif (surface[j] in patterns.name_connectors and j + 1 < len(surface) and j + 1 not in side.breaks
                  and _name_word(surface[j + 1], j + 1, patterns, lower_words)):
                j += 2
            else:
                break
        if j - i <= MAX_NAME_WORDS and not all(is_acronym(token) for token in surface[i:j]):
            yield tuple(keys[i:j])
        i = j


def _name_word(token: str, position: int, patterns: TermPatterns, lower_words: set[str],
               acronym_ok: bool = False) -> bool:
    if is_acronym(token):
        return acronym_ok and _english_acronym(token, patterns, lower_words)
    if not token[:1].isupper() or (not token.isalpha() and "-" not in token):
        return False
    if token in patterns.capitalised_common or token in patterns.name_prefixes:
        return False
    folded = token.casefold()
    if folded in patterns.stop_words:
        return False
    return not (position == 0 and folded in lower_words)


def _is_term(gram: str, english: LanguageIndex, patterns: TermPatterns) -> bool:
    """A lower-case noun phrase of content words as written ("geopolitical interests", "trade war"),
    not a verb phrase ("estimated population", "comments come")."""
    written = english.surfaces.get(gram)
    if not written:
        return False
    tokens = written.most_common(1)[0][0].split(" ")
    if any(not token.islower() or not token.isalpha() or token in patterns.stop_words for token in tokens):
        return False
    return patterns.can_start_term(tokens[0]) and patterns.can_end_term(tokens[-1])
