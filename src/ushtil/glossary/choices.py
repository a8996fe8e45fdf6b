"""Each candidate's rendering as chosen from its ranked grams, kept from one build for the next with
what choosing it read.

Once a candidate's grams are ranked (:mod:`.rankings`), its rendering in one language is chosen from
the first of them: a running-text term's shortlist weighed again by its words and position, the
headword written, the beads holding it counted, its variants found (:func:`.matching._choice`). That
reads the sides of the candidate's beads and the counts and written forms of some grams, which the
index records while :attr:`.index.LanguageIndex.reads` is on (:meth:`Choices.chosen`). Why a kept
choice is the one a fresh build makes:

- new articles at the end change no old bead, and change the counts and written forms only of the
  grams they hold (:attr:`Choices.changed`);
- so a choice made from the same ranked grams with the same scores, for the same beads and English
  form, that read no gram the new articles hold (in the language or in English) reads all it read
  as it was, and comes out the same.

Its confidence reads the number of beads of the whole corpus, which every article changes: it is
not part of the choice, and is computed again each build from the counts kept in it. A changed,
removed or reordered article keeps nothing (the rankings are made anew then too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .index import LanguageIndex

#: A chosen rendering: gram, headword, the beads holding it, the gram's count (at least those beads),
#: margin over the runner-up, spelling likeness, shape, position by keyword lists, word support,
#: variants (headword first) and where it came from.
Choice = tuple
#: A candidate as its choice depends on it: key, kind, demonym.
CandidateKey = tuple[tuple[str, ...], str, bool]
#: What a kept choice was made from and read: beads, English form, what it read of the ranking, the
#: grams of the language and of English whose counts it read, and the choice (None: no rendering).
Kept = tuple[list[int], str, tuple, list[str], list[str], Choice | None]
#: Fields of a choice (a kept one of another length is not one).
CHOICE_FIELDS = 11


@dataclass
class Choices:
    """The choices of one language: those ``kept`` from the last build, the grams of the language and
    of English ``changed`` by the articles added since, those ``made`` in this build and the
    candidates whose kept choice was ``reused`` (only their keys travel back from a worker)."""

    kept: dict[CandidateKey, Kept] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    english_changed: set[str] = field(default_factory=set)
    made: dict[CandidateKey, Kept] = field(default_factory=dict)
    reused: list[CandidateKey] = field(default_factory=list)

    def this_build(self) -> dict[CandidateKey, Kept]:
        """Every choice this build made or took again: what the next build starts from."""
        return {**{candidate: self.kept[candidate] for candidate in self.reused}, **self.made}

    def chosen(self, candidate: CandidateKey, units: list[int], english_form: str, consumed: tuple,
               choose: Callable[[], Choice | None], target: LanguageIndex, english: LanguageIndex) -> Choice | None:
        """The kept choice of ``candidate`` when made from the same beads, English form and ranked
        grams (``consumed``) and reading no changed gram; else ``choose()``, with what it reads
        recorded for the next build."""
        kept = self.kept.get(candidate)
        if (kept is not None and kept[0] == units and kept[1] == english_form and kept[2] == consumed
                and self.changed.isdisjoint(kept[3]) and self.english_changed.isdisjoint(kept[4])):
            self.reused.append(candidate)
            return kept[5]
        target.reads, english.reads = set(), set()
        try:
            choice = choose()
            reads, english_reads = sorted(target.reads), sorted(english.reads)
        finally:
            target.reads = english.reads = None
        self.made[candidate] = (units, english_form, consumed, reads, english_reads, choice)
        return choice


def kept_choice(fields: tuple) -> Kept:
    """A kept choice as stored; ValueError or TypeError for one of another shape."""
    units, english_form, consumed, reads, english_reads, choice = fields
    if not (isinstance(units, list) and isinstance(english_form, str) and isinstance(consumed, tuple)
            and isinstance(reads, list) and isinstance(english_reads, list)
            and (choice is None or (isinstance(choice, tuple) and len(choice) == CHOICE_FIELDS))):
        raise ValueError("not a kept choice")
    return units, english_form, consumed, reads, english_reads, choice


def changed_grams(index: LanguageIndex, old_units: int) -> set[str]:
    """The grams held by the units from ``old_units`` on: those whose counts and written forms changed."""
    return {gram for side in index.sides[old_units:] if side is not None for gram in side.grams}
