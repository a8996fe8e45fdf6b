"""English term candidates: keywords, acronyms, names and multi-word noun phrases.

English is the pivot: every candidate is found in the English side of the units and then looked
for in Kazakh and Russian (:mod:`.matching`).
"""

from __future__ import annotations

import marshal
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..cache import ResultCache, cache_key
from .index import LanguageIndex, is_acronym
from .known import DIRECTIONS, is_demonym, known_name
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
    #: a demonym or adjective of a country (Indonesian): rendered by adjectives, never by the name
    demonym: bool = False


@dataclass
class UnitFinds:
    """What finding the candidates read of the whole corpus beyond each unit (the words it writes in
    lower case somewhere, the name runs and their words it writes inside a sentence) and what the
    units before ``units`` found: (unit, key, how, keyword form) in unit order, ``how`` one of
    :data:`FOUND_HOW`. Units after them adding nothing to the corpus-wide sets leave every earlier
    unit's finds as they were, so only theirs need finding (:func:`find_candidates`)."""

    units: int
    lower_words: set[str]
    mid_keys: set[tuple[str, ...]]
    mid_words: set[str]
    found: list[tuple[int, tuple[str, ...], str, str]]
    #: the words (casefolded) the units write other than in lower case: only these are ever looked up
    #: in ``lower_words`` (a word written in lower case is there already)
    not_lower: set[str] = field(default_factory=set)
    #: how many units' finds were taken as kept by the last :func:`find_candidates` (0: all found)
    taken: int = 0


#: How a unit found a key: an acronym, a name run, a demonym run (a term), a keyword list entry.
FOUND_HOW = ("acronym", "name", "demonym", "keyword")


def find_candidates(units: list[Unit], english: LanguageIndex, finds: UnitFinds | None = None) -> list[Candidate]:
    """All English candidates with the units they occur in.

    ``finds``: what the first ``finds.units`` of these units found at an earlier build (none found:
    ``units`` 0), brought up to all of them here, for the next build. When the units after those
    write in lower case no word that those write otherwise (and not in lower case) and no name inside
    a sentence that those do not, the kept finds are used and only the later units are looked at;
    otherwise every unit is (the same candidates)."""
    patterns = term_patterns("en")
    finds = finds if finds is not None else UnitFinds(0, set(), set(), set(), [])
    if not _add_finds(finds, units, english, patterns):
        lower_words, not_lower = _words_by_case(english.sides)
        names = _NameFinder(units, english, patterns, lower_words)
        finds.units, finds.lower_words, finds.mid_keys, finds.mid_words = (len(units), lower_words, names.mid_keys,
                                                                          names.mid_words)
        finds.taken, finds.not_lower = 0, not_lower
        finds.found = list(_unit_finds(units, english, patterns, names, 0))
    return _candidates(finds.found, english, patterns)


def _add_finds(finds: UnitFinds, units: list[Unit], english: LanguageIndex, patterns: TermPatterns) -> bool:
    """Add the finds of the units after ``finds.units`` (False, nothing added: they change what
    earlier ones find, or none are kept)."""
    if not finds.units or finds.units > len(units):
        return False
    new_lower, new_not_lower = _words_by_case(english.sides[finds.units:])
    added = new_lower - finds.lower_words
    if added & finds.not_lower:
        return False
    lower_words = finds.lower_words | added
    names = _NameFinder(units, english, patterns, lower_words, start=finds.units,
                        mid_keys=set(finds.mid_keys), mid_words=set(finds.mid_words))
    if names.mid_keys != finds.mid_keys or names.mid_words != finds.mid_words:
        return False
    finds.found.extend(_unit_finds(units, english, patterns, names, finds.units))
    finds.taken, finds.units, finds.lower_words = finds.units, len(units), lower_words
    finds.not_lower |= new_not_lower
    return True


#: The kept finds are stored again when the articles added after those they are of are more than
#: this share of them (as the kept index: :data:`.index.REINDEX_SHARE`).
REFIND_SHARE = 0.05
#: The cache slot of the last build's finds: one entry, overwritten by a later build.
_LAST_FINDS = cache_key("glossary: last candidate finds", {}, [])


def kept_finds(results: ResultCache, article_keys: list[str], sizes: list[int]) -> tuple[UnitFinds, int]:
    """The finds the last build stored in ``results`` when its articles (keys :func:`.index.tokens_key`, ``sizes``
    units each) are the first ones here, in order, and how many articles they are of (else none, 0).
    An entry that cannot be read, or holds what it should not, is discarded."""
    none = UnitFinds(0, set(), set(), set(), [])
    payload = results.get_bytes(_LAST_FINDS)
    if payload is None:
        return none, 0
    try:
        keys, kept_sizes, lower_words, mid_keys, mid_words, found, not_lower = marshal.loads(payload)
        if keys != article_keys[:len(keys)] or kept_sizes != sizes[:len(keys)]:
            return none, 0
        units = sum(kept_sizes)
        if not (isinstance(lower_words, set) and isinstance(mid_keys, set) and isinstance(mid_words, set)
                and isinstance(not_lower, set)
                and all(0 <= number < units and isinstance(key, tuple) and how in FOUND_HOW and isinstance(form, str)
                        for number, key, how, form in found)):
            raise ValueError("not the finds of the units counted")
    except (EOFError, ValueError, TypeError, AttributeError):
        results.discard(_LAST_FINDS)
        return none, 0
    return UnitFinds(units, lower_words, mid_keys, mid_words, found, not_lower), len(keys)


def keep_finds(results: ResultCache, article_keys: list[str], sizes: list[int], finds: UnitFinds, kept: int) -> None:
    """Store this build's ``finds`` (of all its articles), unless the kept ones were of ``kept`` of them
    and the articles after those are at most :data:`REFIND_SHARE` of them: the next run adds those
    few again (a few milliseconds an article) rather than rewriting the whole entry each time."""
    if kept and len(article_keys) - kept <= REFIND_SHARE * kept:
        return
    if finds.units != sum(sizes):
        return
    results.put_bytes(_LAST_FINDS, marshal.dumps((article_keys, sizes, finds.lower_words, finds.mid_keys,
                                                finds.mid_words, finds.found, finds.not_lower)))
    results.flush()


def _unit_finds(units: list[Unit], english: LanguageIndex, patterns: TermPatterns, names: _NameFinder, start: int):
    """(unit, key, how, keyword form) of the acronyms, names and keyword entries of units from ``start``."""
    for number in range(start, len(units)):
        unit, side = units[number], english.sides[number]
        if side is None or not side.keys:
            continue
        if unit.section == "keywords":
            yield number, tuple(side.keys), "keyword", unit.text["en"].strip()
            continue
        shouted = _shouted(side.surface, patterns)
        for place in names.capitals(number):  # (an acronym starts with a capital)
            surface = side.surface[place]
            if place not in shouted and is_acronym(surface) and _english_acronym(surface, patterns,
                                                                                 names.lower_words):
                yield number, (side.keys[place],), "acronym", ""
        for run, written in names.runs(number):
            yield number, run, "demonym" if is_demonym_phrase(written) else "name", ""


def _candidates(found: list[tuple[int, tuple[str, ...], str, str]], english: LanguageIndex,
                patterns: TermPatterns) -> list[Candidate]:
    """The candidates of the units' finds, in the order first found, and the corpus's terms after them."""
    candidates: dict[tuple[str, ...], Candidate] = {}

    def add(key: tuple[str, ...], kind: str) -> Candidate:
        candidate = candidates.get(key)
        if candidate is None:
            candidate = candidates[key] = Candidate(key=key, kind=kind)
        elif KIND_PRIORITY.index(kind) < KIND_PRIORITY.index(candidate.kind):
            candidate.kind = kind
        return candidate

    name_units: dict[tuple[str, ...], set[int]] = {}
    for number, key, how, form in found:
        if how == "keyword":
            candidate = add(key, _keyword_kind(english.sides[number].surface, patterns))
            candidate.keyword_units.append(number)
            candidate.keyword_forms[form] += 1
            continue
        if how == "acronym":
            add(key, "acronym")
            continue
        if how == "demonym":
            add(key, "term").demonym = True
        else:
            add(key, "name")
        name_units.setdefault(key, set()).add(number)
    for gram, unit_numbers in english.postings.items():
        if (" " in gram and (len(unit_numbers) >= patterns.min_term_units or gram.count(" ") == 1)
                and _is_term(gram, english, patterns)):
            add(tuple(gram.split(" ")), "term")
    for candidate in candidates.values():
        if candidate.kind == "name" or candidate.demonym:
            # a name counts where it stands on its own, not inside a longer name (Korea in North Korea)
            candidate.units = sorted(name_units.get(candidate.key, set()) | set(candidate.keyword_units))
        else:
            candidate.units = english.units_with(candidate.key)
    return [candidate for candidate in candidates.values() if candidate.units]


@cache
def is_demonym_phrase(written: str) -> bool:
    """Indonesian, South Korean, North Koreans: a demonym, alone or after a direction."""
    words = written.split(" ")
    return is_demonym(words[-1]) and all(word in DIRECTIONS for word in words[:-1])


class _NameFinder:
    """Maximal runs of capitalised words per unit, with the sentence-start capitals taken out.

    A capital at a sentence start (or anywhere in a title-case headline) proves nothing: such a
    word joins a name only when the corpus also writes it capitalised inside a sentence, or the run
    is a known name (China, North Korea). So "Whether" or "Start" never become names, and "White
    House" at a sentence start stays whole when the corpus writes it so elsewhere.
    """

    def __init__(self, units: list[Unit], english: LanguageIndex, patterns: TermPatterns, lower_words: set[str],
                 start: int = 0, mid_keys: set[tuple[str, ...]] | None = None, mid_words: set[str] | None = None):
        """``start``: the first unit looked at, ``mid_keys`` and ``mid_words`` what those before it found."""
        from ..lemma import builtin_lemmatizer

        self._common = cache(builtin_lemmatizer("en").is_common_word)
        self._connectors = patterns.name_connectors
        self.lower_words = lower_words
        self._runs: dict[int, list[tuple[int, int, bool]]] = {}
        #: per unit, the places of its words that start with a capital (most words do not: every
        #: name, acronym and headline is looked for among these only)
        self._capitals: dict[int, list[int]] = {}
        #: the name runs, and their words, written inside a sentence
        self.mid_keys: set[tuple[str, ...]] = mid_keys if mid_keys is not None else set()
        self.mid_words: set[str] = mid_words if mid_words is not None else set()
        self._sides = english.sides
        for number in range(start, len(units)):
            unit, side = units[number], english.sides[number]
            if side is None or not side.keys or unit.section == "keywords":
                continue
            capitals = self._capitals[number] = [place for place, token in enumerate(side.surface)
                                                 if token[:1].isupper()]
            headline = unit.section == "title" or _title_case(side.surface, capitals)
            runs = []
            for i, j in _name_runs(side, patterns, lower_words, capitals):
                at_start = headline or i in side.starts
                runs.append((i, j, at_start))
                if not at_start:
                    self.mid_keys.add(tuple(side.keys[i:j]))
                    self.mid_words.update(side.keys[i:j])
                elif j - i > 1 and not headline:
                    self.mid_words.update(side.keys[i + 1:j])
            self._runs[number] = runs

    def capitals(self, number: int) -> list[int]:
        """The places of the unit's words that start with a capital."""
        return self._capitals.get(number, [])

    def runs(self, number: int):
        """(key, written form) of the names of one unit."""
        side = self._sides[number]
        for i, j, at_start in self._runs.get(number, ()):
            if at_start:
                i = self._trim(side, i, j)
            if i < j and j - i <= MAX_NAME_WORDS and not all(is_acronym(token) for token in side.surface[i:j]):
                yield tuple(side.keys[i:j]), " ".join(side.surface[i:j])
            yield from self._known_inside(side, i, j)

    @staticmethod
    def _known_inside(side, i: int, j: int):
        """A known name after "of" inside a longer name: Republic of North Macedonia → North Macedonia."""
        for k in range(i + 1, j - 1):
            if side.surface[k] == "of" and known_name(" ".join(side.surface[k + 1:j])) is not None:
                yield tuple(side.keys[k + 1:j]), " ".join(side.surface[k + 1:j])

    def _trim(self, side, i: int, j: int) -> int:
        """Where the name of a run at a sentence start begins (j: there is none)."""
        key, written = tuple(side.keys[i:j]), " ".join(side.surface[i:j])
        if key in self.mid_keys or known_name(written) is not None or is_demonym_phrase(written):
            return i
        while i < j and self._positional(side.surface[i], side.keys[i]):
            i += 1
            if tuple(side.keys[i:j]) in self.mid_keys or known_name(" ".join(side.surface[i:j])):
                return i
        return i

    def _positional(self, token: str, key: str) -> bool:
        """A capitalised common word the corpus never writes capitalised inside a sentence."""
        if token in self._connectors:
            return True
        if key in self.mid_words or is_acronym(token):
            return False
        return token.casefold() in self.lower_words or self._common(token)


def _title_case(surface: list[str], capitals: list[int]) -> bool:
    """A headline in title case ("Kazakhstan as a Center of Gravity"): most long words capitalised
    (``capitals``: the places of the words that start with a capital; four at least)."""
    if len(capitals) < 4:
        return False
    long_words = [token for token in surface if len(token) > 3 and token.isalpha()]
    return len(long_words) >= 4 and sum(token[:1].isupper() for token in long_words) >= 0.8 * len(long_words)


def _keyword_kind(surface: list[str], patterns: TermPatterns) -> str:
    if len(surface) == 1 and is_acronym(surface[0]):
        return "acronym"
    if all(token[:1].isupper() or token in patterns.name_connectors for token in surface):
        return "name"
    return "keyword"


def _words_by_case(sides: list) -> tuple[set[str], set[str]]:
    """The words (casefolded) the sides write in lower case somewhere (a capital on them marks a
    sentence start), and those they write other than in lower case, in one pass over their tokens."""
    lower: set[str] = set()
    not_lower: set[str] = set()
    for side in sides:
        if side is not None:
            for token in side.surface:
                (lower if token[:1].islower() else not_lower).add(token.casefold())
    return lower, not_lower


def _english_acronym(token: str, patterns: TermPatterns, lower_words: set[str]) -> bool:
    """EU, NATO, U.S. — but not a headline's capitals (FOR, THE) nor IT/US written as words."""
    if not (is_acronym(token) and token.isascii()):
        return False
    folded = token.casefold()
    return "." in token or (folded not in patterns.stop_words and folded not in lower_words)


def _shouted(surface: list[str], patterns: TermPatterns) -> set[int]:
    """Places of words written in capitals for emphasis ("THANK YOU FOR STANDING UP TO THE MOB"):
    runs of three or more words in capitals holding a stop word, which no acronym is."""
    if sum(map(str.isupper, surface)) < 3:
        return set()  # (most sides: fewer than three words in capitals, told without the loop)
    shouted, run = set(), []
    for place, token in enumerate([*surface, ""]):
        if token.isalpha() and token.isupper() and len(token) > 1:
            run.append(place)
            continue
        if len(run) >= 3 and any(surface[i].casefold() in patterns.stop_words for i in run):
            shouted.update(run)
        run = []
    return shouted


def _name_runs(side, patterns: TermPatterns, lower_words: set[str], capitals: list[int]):
    """Spans (i, j) of maximal runs of capitalised words ("Theresa May", "Bank of England", "NBC
    News"), never across punctuation; acronyms join a run. A run starts at a name word (acronyms
    too), which starts with a capital: only the ``capitals`` places are looked at."""
    surface = side.surface
    end = 0
    for i in capitals:
        if i < end or not _name_word(surface[i], patterns, lower_words, acronym_ok=True):
            continue
        j = i + 1
        while j < len(surface) and (j not in side.breaks or surface[j - 1] in patterns.name_abbreviations
                                    or _initial(surface[j - 1])):
            if _name_word(surface[j], patterns, lower_words, acronym_ok=True):
                j += 1
            elif surface[j] in patterns.name_inner and (j + 1 == len(surface) or not surface[j + 1][:1].isdigit()):
                j += 1  # Theresa May, not the month
            elif (surface[j] in patterns.name_connectors and j + 1 < len(surface) and j + 1 not in side.breaks
                  and _name_word(surface[j + 1], patterns, lower_words)):
                j += 2
            else:
                break
        yield i, j
        end = j


def _initial(token: str) -> bool:
    """J in "Murphy J. Paul": an initial's period does not end the name."""
    return len(token) == 1 and token.isupper()


def _name_word(token: str, patterns: TermPatterns, lower_words: set[str], acronym_ok: bool = False) -> bool:
    if is_acronym(token):
        return acronym_ok and _english_acronym(token, patterns, lower_words)
    if not token[:1].isupper() or (not token.isalpha() and "-" not in token):
        return False
    if token in patterns.capitalised_common or token in patterns.name_prefixes:
        return False
    return token in patterns.name_starts or token.casefold() not in patterns.stop_words


def _is_term(gram: str, english: LanguageIndex, patterns: TermPatterns) -> bool:
    """A lower-case noun phrase of content words as written ("geopolitical interests", "trade war"),
    not a verb phrase ("estimated population", "comments come"), none of them a general word
    ("six meters", "young boy")."""
    written = english.surfaces.get(gram)
    if not written:
        return False
    tokens = written.most_common(1)[0][0].split(" ")
    if any(not token.islower() or not token.isalpha() or token in patterns.stop_words
           or token in patterns.general_words for token in tokens):
        return False
    if not (patterns.can_start_term(tokens[0]) and patterns.can_end_term(tokens[-1])):
        return False
    # the head a noun (not "comments come", "humour feel"), the first word no verb only ("help identify")
    return "NOUN" in _parts_of_speech(tokens[-1]) and bool({"NOUN", "ADJ"} & _parts_of_speech(tokens[0]))


@cache
def _parts_of_speech(word: str) -> frozenset[str]:
    """What English dictionaries have the word as (lemminflect); a word they lack may be anything."""
    from ..lemma.en import english_readings

    parts = frozenset(english_readings(word))
    return parts or frozenset({"NOUN", "ADJ"})
