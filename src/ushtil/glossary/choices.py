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

A running-text term's choice reads the counts of every word of its 40 shortlisted grams (each one's
word support, :meth:`.phrases.WordAssociation.support`), common words among them, and its
shortlist's scores fall whenever a new article holds one of its grams: so it keeps with it a bound
(:data:`Bounds`), each shortlisted gram's word support as a range known to hold it, and the grams its
headword and variants read. A new article moves a word support by at most
:meth:`.phrases.WordAssociation.drift`; where the ranges so widened still show which four grams are
weighed further, the choice is finished from those four alone, as a fresh build finishes it
(:meth:`Remembered.recall`'s ``settle``, :func:`.matching._settled_phrase`).

A chosen rendering's confidence reads the number of beads of the whole corpus, which every article
changes: it is not part of the choice, and is computed again each build from the counts kept in it.
A changed, removed or reordered article keeps nothing (the rankings are made anew then too).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .index import LanguageIndex

#: A chosen rendering: gram, headword, the beads holding it, the gram's count (at least those beads),
#: margin over the runner-up, spelling likeness, shape, position by keyword lists, word support,
#: variants (headword first), where it came from and its :data:`Bounds` (None but for a running-text
#: term chosen from its shortlist).
Choice = tuple
#: Fields of a choice (a kept one of another length is not one).
CHOICE_FIELDS = 12
#: What a running-text term's choice keeps to be finished again under a bound: the grams its headword
#: and variants read per language, and each shortlisted gram's word support (in the shortlist's
#: order) as a range (low, high) known to hold it.
Bounds = tuple[dict[str, list[str]], list[tuple[float, float]]]
#: A term composed word by word: per language (lang, gram, headword, beads showing it, support,
#: whether the headword is sure), and whether it is plural in all three languages.
Composition = tuple
COMPOSED_FIELDS = 6
#: What a kept result was made from, the grams it read per language, and the result.
Entry = tuple[tuple, dict[str, list[str]], Any]


@dataclass
class Remembered:
    """One kind of work: the results ``kept`` from the last build (over its ``since`` units), the
    grams ``changed`` per language by the articles added since, the results ``made`` in this build
    (those finished from a kept one under a bound among them, their keys ``settled``) and the keys
    whose kept result was ``reused`` (only these travel back from a worker)."""

    kept: dict[Hashable, Entry] = field(default_factory=dict)
    changed: dict[str, set[str]] = field(default_factory=dict)
    made: dict[Hashable, Entry] = field(default_factory=dict)
    reused: list[Hashable] = field(default_factory=list)
    settled: list[Hashable] = field(default_factory=list)
    since: int = 0

    def this_build(self) -> dict[Hashable, Entry]:
        """Every result this build made or took again: what the next build starts from."""
        return {**{key: self.kept[key] for key in self.reused}, **self.made}

    def recall(self, key: Hashable, made_from: tuple, make: Callable[[], Any],
               indexes: Sequence[LanguageIndex], settle: Callable[[Entry], Any] | None = None) -> Any:
        """The kept result of ``key`` when made from the same inputs and reading no changed gram;
        else the one ``settle`` finishes from the kept entry (None: it cannot show the result a fresh
        build makes; the grams it reads are those the kept one read); else ``make()``, with the grams
        it reads of ``indexes`` recorded for the next build."""
        kept = self.kept.get(key)
        if (kept is not None and kept[0] == made_from
                and all(self.changed[lang].isdisjoint(grams) for lang, grams in kept[1].items())):
            self.reused.append(key)
            return kept[2]
        if kept is not None and settle is not None:
            value = settle(kept)
            if value is not None:
                self.made[key] = (made_from, kept[1], value)
                self.settled.append(key)
                return value
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


@contextmanager
def reads_apart(indexes: Sequence[LanguageIndex]) -> Iterator[dict[str, list[str]]]:
    """The grams of ``indexes`` read within the block, per language (filled in on leaving it; empty
    when no reads are being recorded), recorded as read as well."""
    apart: dict[str, list[str]] = {}
    recording = [(index, index.reads) for index in indexes if index.reads is not None]
    for index, _ in recording:
        index.reads = set()
    try:
        yield apart
    finally:
        for index, reads in recording:
            apart[index.lang] = sorted(index.reads)
            reads.update(index.reads)
            index.reads = reads


def kept_entry(fields: tuple, value_fits: Callable[[Any], bool]) -> Entry:
    """A kept result as stored; ValueError for one of another shape (``value_fits``: the result's)."""
    made_from, reads, value = fields
    if not (isinstance(made_from, tuple) and isinstance(reads, dict)
            and all(isinstance(grams, list) for grams in reads.values()) and value_fits(value)):
        raise ValueError("not a kept result")
    return made_from, reads, value


def is_choice(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and len(value) == CHOICE_FIELDS and is_bounds(value[-1]))


def is_bounds(bounds: Any) -> bool:
    return bounds is None or (isinstance(bounds, tuple) and len(bounds) == 2 and isinstance(bounds[0], dict)
                              and all(isinstance(grams, list) for grams in bounds[0].values())
                              and isinstance(bounds[1], list)
                              and all(isinstance(span, tuple) and len(span) == 2 for span in bounds[1]))


def is_composition(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], tuple)
                             and all(isinstance(rendering, tuple) and len(rendering) == COMPOSED_FIELDS
                                     for rendering in value[0]))


def changed_grams(index: LanguageIndex, old_units: int) -> set[str]:
    """The grams held by the units from ``old_units`` on: those whose counts and written forms changed."""
    return {gram for side in index.sides[old_units:] if side is not None for gram in side.grams}
