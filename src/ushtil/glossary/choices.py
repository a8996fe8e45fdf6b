"""Work on one candidate kept from one build for the next with the grams it read: a rendering as
chosen from its ranked grams, a term's rendering composed word by word.

Once a candidate's grams are ranked (:mod:`.rankings`), its rendering in one language is chosen from
the first of them: a running-text term's shortlist weighed again by its words and position, the
headword written, the beads holding it counted, its variants found (:func:`.matching._choice`). A
two-word term's rendering is composed from its words' translations in its beads
(:func:`.build._composed`). Both read the sides of the candidate's beads and the counts and written
forms of some grams, which each index records while :attr:`.index.LanguageIndex.reads` is on
(:meth:`Remembered.recall`). Why a kept result is the one a fresh build makes:

- new articles at the end change no old bead, and change the counts and written forms only of the
  grams they hold (:attr:`Remembered.changed`, per language);
- so work made from the same inputs (beads, English form, ranked grams with their scores) that read
  no gram the new articles hold reads all it read as it was, and comes out the same.

A chosen rendering's confidence reads the number of beads of the whole corpus, which every article
changes: it is not part of the choice, and is computed again each build from the counts kept in it.
A changed, removed or reordered article keeps nothing (the rankings are made anew then too).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .index import LanguageIndex

#: A chosen rendering: gram, headword, the beads holding it, the gram's count (at least those beads),
#: margin over the runner-up, spelling likeness, shape, position by keyword lists, word support,
#: variants (headword first) and where it came from.
Choice = tuple
#: Fields of a choice (a kept one of another length is not one).
CHOICE_FIELDS = 11
#: A term composed word by word: per language (lang, gram, headword, beads showing it, support,
#: whether the headword is sure), and whether it is plural in all three languages.
Composition = tuple
COMPOSED_FIELDS = 6
#: What a kept result was made from, the grams it read per language, and the result.
Entry = tuple[tuple, dict[str, list[str]], Any]


@dataclass
class Remembered:
    """One kind of work: the results ``kept`` from the last build, the grams ``changed`` per language
    by the articles added since, the results ``made`` in this build and the keys whose kept result
    was ``reused`` (only these travel back from a worker)."""

    kept: dict[Hashable, Entry] = field(default_factory=dict)
    changed: dict[str, set[str]] = field(default_factory=dict)
    made: dict[Hashable, Entry] = field(default_factory=dict)
    reused: list[Hashable] = field(default_factory=list)

    def this_build(self) -> dict[Hashable, Entry]:
        """Every result this build made or took again: what the next build starts from."""
        return {**{key: self.kept[key] for key in self.reused}, **self.made}

    def recall(self, key: Hashable, made_from: tuple, make: Callable[[], Any],
               indexes: Sequence[LanguageIndex]) -> Any:
        """The kept result of ``key`` when made from the same inputs and reading no changed gram;
        else ``make()``, with the grams it reads of ``indexes`` recorded for the next build."""
        kept = self.kept.get(key)
        if (kept is not None and kept[0] == made_from
                and all(self.changed[lang].isdisjoint(grams) for lang, grams in kept[1].items())):
            self.reused.append(key)
            return kept[2]
        for index in indexes:
            index.reads = set()
        try:
            value = make()
            reads = {index.lang: sorted(index.reads) for index in indexes}
        finally:
            for index in indexes:
                index.reads = None
        self.made[key] = (made_from, reads, value)
        return value


def kept_entry(fields: tuple, value_fits: Callable[[Any], bool]) -> Entry:
    """A kept result as stored; ValueError for one of another shape (``value_fits``: the result's)."""
    made_from, reads, value = fields
    if not (isinstance(made_from, tuple) and isinstance(reads, dict)
            and all(isinstance(grams, list) for grams in reads.values()) and value_fits(value)):
        raise ValueError("not a kept result")
    return made_from, reads, value


def is_choice(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and len(value) == CHOICE_FIELDS)


def is_composition(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple)
                             and all(isinstance(rendering, tuple) and len(rendering) == COMPOSED_FIELDS
                                     for rendering in value[0]))


def changed_grams(index: LanguageIndex, old_units: int) -> set[str]:
    """The grams held by the units from ``old_units`` on: those whose counts and written forms changed."""
    return {gram for side in index.sides[old_units:] if side is not None for gram in side.grams}
